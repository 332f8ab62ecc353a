"""The wizard's calls into the spreadsheet import (``Registry.interop.spreadsheet``), run on
the database thread; each returns plain data (copies), so the GUI thread never touches the
flow's state while the worker might.
"""

from __future__ import annotations

import copy
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from registry.domain.model import KINDS
from registry.gui.editors.data import Saved, newly_protected
from registry.interop.importer import Outcome, SpreadsheetImport, SpreadsheetReport
from registry.interop.mapping import ColumnMapping
from registry.interop.spreadsheet import Table
from registry.sync.progress import Job

if TYPE_CHECKING:
    from registry.service import Registry

PREVIEW_ROWS = 20
MAX_LABELS = 5_000  # records named in a report on screen; the saved report has every line


@dataclass
class LoadedSheet:
    """A read file: what was detected, the proposed mapping and the saved mappings."""

    path: Path
    table: Table
    info: dict[str, Any]
    mapping: ColumnMapping
    saved: list[str]

    @property
    def first_row(self) -> list[str]:
        return list(self.table.rows[0][1]) if self.table.rows else []


@dataclass
class Checked:
    """The first rows (as they will be stored) and the report of a dry run or an import."""

    preview: list[Outcome]
    report: SpreadsheetReport
    labels: dict[str, str] = field(default_factory=dict)
    protect_now: Saved | None = None  # records the import protected that were shared


def _flow(reg: Registry, loaded: LoadedSheet,
          mapping: ColumnMapping | None = None) -> SpreadsheetImport:
    """A flow over the table read once (the file is not read again between the preview and
    the import) and a matcher built afresh from the vault as it is now.

    A fresh flow per step also keeps a dry run from changing what the import then finds: one
    flow's matcher keeps the values a planned update would set, so the same flow run twice
    reports that update as "unchanged" the second time.
    """
    flow = reg.interop.spreadsheet(loaded.path)
    flow.table = loaded.table
    if mapping is not None:
        flow.mapping = copy.deepcopy(mapping)
    return flow


def load(reg: Registry, path: Path, encoding: str | None = None,
         sheet: str | None = None) -> LoadedSheet:
    """Read the file (raises FileRejected) and propose a mapping."""
    flow = reg.interop.spreadsheet(path)
    table = flow.load(encoding=encoding, sheet=sheet)
    mapping = flow.propose_mapping()
    return LoadedSheet(Path(path), table, flow.file_info(), copy.deepcopy(mapping),
                  flow.saved_mappings())


def use_saved(reg: Registry, loaded: LoadedSheet, name: str) -> ColumnMapping:
    return copy.deepcopy(_flow(reg, loaded).propose_mapping(name))


def check(reg: Registry, loaded: LoadedSheet, mapping: ColumnMapping,
          job: Job) -> Checked:
    """Dry-run every row (nothing is written); the preview is its first rows."""
    report = _flow(reg, loaded, mapping).run(dry_run=True, work=job)
    preview = report.outcomes[:PREVIEW_ROWS]
    return Checked(preview, report, record_labels(reg, report.outcomes))


def apply(reg: Registry, loaded: LoadedSheet, mapping: ColumnMapping, save_as: str | None,
          job: Job) -> Checked:
    """Import for real: one transaction; a cancel or an error rolls it all back."""
    flow = _flow(reg, loaded, mapping)
    report = flow.run(work=job, save_mapping_as=save_as or None)
    return Checked([], report, record_labels(reg, report.outcomes),
                   newly_protected(reg, report) if report.written else None)


def record_labels(reg: Registry, outcomes: list[Outcome]) -> dict[str, str]:
    """Names (both scripts) of the existing records the outcomes touch: "say which"."""
    from registry.gui.duplicates.data import label

    ids = [o.record_id for o in outcomes if o.record_id and o.action not in ("new", "review")]
    ids += [n.record_id for o in outcomes for n in o.namesakes if n.record_id and n.line is None]
    out: dict[str, str] = {}
    for record_id in dict.fromkeys(ids):
        if len(out) >= MAX_LABELS:
            break
        out[record_id] = label(reg.find(record_id))
    return out


def new_label(outcome: Outcome) -> str:
    names = [str(outcome.values.get(f) or "") for f in ("name", "name_latin")]
    return " / ".join(n for n in names if n)


def stored_columns(outcomes: list[Outcome]) -> list[str]:
    """The fields the new rows of a preview will store, in the kinds' field order."""
    present = {k for o in outcomes for k in o.values}
    order: list[str] = []
    for spec in KINDS.values():
        order += [f.name for f in spec.fields if f.name in present and f.name not in order]
    return order


REPORT_HEADER = ("line", "action", "kind", "record_id", "fields", "reason")


def report_csv(report: SpreadsheetReport) -> bytes:
    """The report as CSV: one line per row of the file, no cell contents, no protected
    record's id or status (the core's :meth:`SpreadsheetReport.file_rows`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REPORT_HEADER)
    writer.writerows(report.file_rows())  # nothing of a protected record: a plaintext file
    return buffer.getvalue().encode("utf-8")


def save_report(path: Path, report: SpreadsheetReport) -> Path:
    from registry.fsutil import atomic_write

    atomic_write(path, report_csv(report))
    return path
