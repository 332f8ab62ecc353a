"""Who made a record, as far as this vault knows (DESIGN §6.5.4).

The one definition, used wherever the creator matters (an erasure by the creator is applied
at once; any other waits for the official): the origin of the **oldest stamp this vault holds
for the record's required fields** — their current stamps and those kept in field history.

Only required fields count: they are there from a record's creation, so a stamp older than
the one that made them loses every merge and is never kept. A field the record lacks is
different: a sender could add it under an invented old stamp of their own and so pass for
the creator, were every field counted.
"""

from __future__ import annotations

from registry.domain.hlc import Stamp
from registry.store.records import Store


def creator(store: Store, record_id: str) -> str | None:
    """The fingerprint of the record's creator, or None when this vault holds no stamp of it
    (it never arrived here, or it was erased and its stamps are gone)."""
    record = store.get(record_id)
    if record is None:
        return None
    required = record.spec.required
    stamps = [s for f, s in record.stamps.items() if f in required]
    marks = ",".join("?" * len(required))
    row = store.conn.execute(
        "SELECT hlc, origin FROM field_history WHERE record_id = ? AND "  # noqa: S608
        f"field IN ({marks}) ORDER BY hlc, origin LIMIT 1",
        (record_id, *required)).fetchone()
    if row is not None:
        stamps.append(Stamp(int(row[0]), str(row[1])))
    return min(stamps).origin if stamps else None
