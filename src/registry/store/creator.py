"""Who made a record, as far as this vault knows (DESIGN §6.5.4).

The one definition, used wherever the creator matters (an erasure by the creator is applied
at once; any other waits for the official): the one origin of **every stamp this vault holds
for the record's required fields** — their current stamps and those kept in field history.
When more than one origin has stamped them, the creator is unknown (None): the erasure waits.

Field stamps are not signed, and the oldest stamp cannot tell the creator: a colleague who
holds a record can relay it first with its required field under an invented old stamp of
their own; when the creator's copy arrives its value wins and the invented stamp, kept in
history, would be the oldest. An honest rename of a required field by another official makes
the creator unknown too, so the creator's own erasure then waits for the official: an
irreversible change is asked about rather than risked. A stamp that lost here to another
origin's counts too (``required_origin``): a colleague relaying a record first under a newer
stamp of their own, then erasing it, is not its maker once the maker's copy has come, though
the maker's older stamp never stood. Only required fields count (they are
there from a record's creation): a field the record lacks, added later under any stamp, says
nothing about who made it.
"""

from __future__ import annotations

from registry.store.records import Store


def creator(store: Store, record_id: str) -> str | None:
    """The fingerprint of the record's creator, or None when this vault cannot tell: it holds
    no stamp of it (it never arrived here, or it was erased and its stamps are gone), or its
    required fields bear the stamps of more than one origin."""
    record = store.get(record_id)
    if record is None:
        return None
    required = record.spec.required
    origins = {s.origin for f, s in record.stamps.items() if f in required}
    origins |= store.required_origins_in_history(record_id, required)
    origins.update(o for _, o in store.required_origins_kept([record_id]))
    return origins.pop() if len(origins) == 1 else None
