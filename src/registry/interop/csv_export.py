"""CSV export of people or organisations, in the columns the importer maps by itself.

One file per kind: ``id``, ``kind`` and the kind's fields by their own names (lists joined
with ``; ``), UTF-8 with a byte-order mark so spreadsheet programs read the Cyrillic right.
Re-importing the file changes nothing (rows match their records by id); importing it into
another vault recreates the same values. Columns whose floor is above the ceiling are left
out altogether; protected people only with ``include_protected`` (see
:mod:`registry.interop.selection`). A cell that a spreadsheet program would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, or with apostrophes before one) gets a
leading apostrophe, which the importer takes off again: exactly that one.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import KINDS, Record
from registry.fsutil import atomic_writer
from registry.interop import mapping as mp
from registry.interop.cells import needs_guard
from registry.interop.selection import Selection
from registry.store.records import Store
from registry.sync.progress import Job, job

LIST_JOIN = "; "
_FLUSH = 1000


def columns(kind: Kind, ceiling: Sensitivity) -> list[str]:
    """``id``, ``kind`` and the fields of ``kind`` an export at ``ceiling`` may carry."""
    spec = KINDS[kind]
    fields = [f for f in mp.FIELDS[kind] if spec.by_name[f].floor <= ceiling]
    return [mp.ID, mp.KIND, *fields]


def cell(value: Any) -> str:
    """A value as CSV text: lists joined, booleans as true/false, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_JOIN.join(cell(v) for v in value)
    text = str(value)
    return "'" + text if needs_guard(text) else text


def row(record: Record, cols: list[str]) -> list[str]:
    values = {mp.ID: record.id, mp.KIND: record.kind.value, **record.values}
    return [cell(values.get(c)) for c in cols]


def export_csv(store: Store, path: Path, kind: Kind, *,
               ceiling: Sensitivity = Sensitivity.INTERNAL, include_protected: bool = False,
               work: Job | None = None) -> int:
    """Write the CSV file atomically (0600); return the number of records written."""
    if kind not in mp.ACTOR_KINDS:
        raise ValueError("only people and organisations are exported as CSV")
    work = work or job()
    cols = columns(kind, ceiling)
    sel = Selection(store, ceiling, include_protected)
    count = 0
    with atomic_writer(Path(path)) as out:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(cols)
        out.write("\ufeff".encode())
        for record in sel.records(kind, work):
            writer.writerow(row(record, cols))
            count += 1
            if count % _FLUSH == 0:
                out.write(buf.getvalue().encode("utf-8"))
                buf.seek(0)
                buf.truncate()
        out.write(buf.getvalue().encode("utf-8"))
    return count
