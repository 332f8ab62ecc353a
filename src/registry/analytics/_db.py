"""SQL fragments and small helpers shared by the analytics modules.

Every figure is computed over *live* rows: not erased and not deleted (the same rule as
``Store.counts``). A support, tie or evaluation counts only while the actors it is about are
live too (:func:`live_actor`): a deleted or erased person is neither named nor counted
through what still points to her. Support is counted as *effective* when it was actually
given: status unknown, ``granted``, ``active`` or ``expired``; ``requested`` and ``refused``
are not support received.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

Connection = Any
"""A DB-API connection to the vault (``Registry.store.conn``)."""

OPEN_END = "9999-12-31"
"""A missing end date means "still running": it compares after every real ISO date."""

EFFECTIVE_STATUSES = ("granted", "active", "expired")
PROGRAMME_KINDS = ("event_participation", "fellowship", "training")


def live(alias: str) -> str:
    """The SQL condition for a live row of the table aliased ``alias``."""
    return f"({alias}.erased IS NULL AND coalesce({alias}.deleted, 0) = 0)"


def live_actor(ref: str) -> str:
    """The SQL condition for the reference ``ref`` (a column) naming a live person or
    organisation of this vault."""
    return (f"(EXISTS (SELECT 1 FROM person AS la WHERE la.id = {ref} AND {live('la')}) OR "  # noqa: S608
            f"EXISTS (SELECT 1 FROM organisation AS la WHERE la.id = {ref} AND {live('la')}))")


def live_support(alias: str) -> str:
    """The SQL condition for a live support between live actors."""
    return (f"({live(alias)} AND {live_actor(f'{alias}.provider_id')} AND "
            f"{live_actor(f'{alias}.recipient_id')})")


def live_evaluation(alias: str) -> str:
    """The SQL condition for a live evaluation of a live actor."""
    return f"({live(alias)} AND {live_actor(f'{alias}.subject_id')})"


def live_tie(alias: str) -> str:
    """The SQL condition for a live tie between live actors."""
    ends = (live_actor(f"{alias}.{end}") for end in ("from_id", "to_id"))
    return f"({live(alias)} AND {' AND '.join(ends)})"


def effective(alias: str) -> str:
    """The SQL condition for live support that was actually given (see the module doc)."""
    statuses = ", ".join(f"'{s}'" for s in EFFECTIVE_STATUSES)
    return (f"({live_support(alias)} AND ({alias}.status IS NULL OR {alias}.status IN "
            f"({statuses})))")


def in_list(values: Iterable[str]) -> str:
    """A SQL ``IN (...)`` list of constant identifiers (enum values only, never user text)."""
    items = sorted(set(values))
    for item in items:
        if not item.replace("_", "").isalnum():
            raise ValueError("not an enum value")
    return "(" + ", ".join(f"'{i}'" for i in items) + ")"


def json_ids(ids: Iterable[str]) -> str:
    """A JSON array parameter, used as ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(sorted(set(ids)))


def share(part: int | float | None, whole: int | float | None) -> float | None:
    """``part / whole``, or None when the whole is zero or unknown."""
    if part is None or not whole:
        return None
    return part / whole
