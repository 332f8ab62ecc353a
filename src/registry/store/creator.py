"""Who made a record, as far as this vault knows (DESIGN §6.5.4).

The one definition, used wherever the creator matters (an erasure by the creator is applied
at once; any other waits for the official): the origin of the **oldest stamp this vault holds
for the record** — its fields' stamps and the stamps kept in its field history.
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
    stamps = list(record.stamps.values())
    row = store.conn.execute(
        "SELECT hlc, origin FROM field_history WHERE record_id = ? ORDER BY hlc, origin "
        "LIMIT 1", (record_id,)).fetchone()
    if row is not None:
        stamps.append(Stamp(int(row[0]), str(row[1])))
    return min(stamps).origin if stamps else None
