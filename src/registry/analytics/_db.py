"""SQL fragments and small helpers shared by the analytics modules.

Every figure is computed over *live* rows: not erased and not deleted (the same rule as
``Store.counts``). A support, tie or evaluation counts only while the actors it is about are
live too (:func:`live_actor`): a deleted or erased person is neither named nor counted
through what still points to her. Support is counted as *effective* when it was actually
given: status unknown, ``granted``, ``active`` or ``expired``; ``requested`` and ``refused``
are not support received.

Records decided "same" (``merged_into``) are one actor (DESIGN §6.4.3): every figure counts
a group once, as its representative (:class:`Groups`: the survivor, the record the others
were merged into, while it is live), with the group's inside-Russia flag as the protection
rule gives it; what points to any member (support, an evaluation, an event's participant)
counts for the group. Queries take the groups as the CTE :data:`SAME` and
:meth:`Groups.params`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from registry.store.protection import Protection

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
    """The SQL condition for the reference ``ref`` (a column) naming no actor deleted or
    erased here (:attr:`Groups.gone`, taken as ``:gone``: a few ids, looked up once per
    query, where a live test of every row's actors costs a lookup in each actor table)."""
    return f"{ref} NOT IN (SELECT value FROM json_each(:gone))"  # noqa: S608


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


SAME = "same(id, rep) AS MATERIALIZED (SELECT key, value FROM json_each(:same))"
"""A CTE mapping each live actor counted through another of its "same" group (``id``) to the
one it counts as (``rep``); an actor not in it counts as itself. Materialised, so a join on
``id`` is an index lookup."""


def one(ref: str, alias: str) -> str:
    """The actor ``ref`` (a column) counts as, given ``LEFT JOIN same AS {alias} ON
    {alias}.id = {ref}`` (:func:`join_same`)."""
    return f"coalesce({alias}.rep, {ref})"


def join_same(ref: str, alias: str) -> str:
    return f"LEFT JOIN same AS {alias} ON {alias}.id = {ref}"


def support_rows(condition: str) -> str:
    """A CTE ``e`` of the support rows meeting ``condition`` (on ``s``) with their provider
    and recipient as the actors they count as (after :data:`SAME`)."""
    return ("e AS MATERIALIZED (SELECT s.id, s.kind, s.status, s.start, s.\"end\", "  # noqa: S608
            f"s.amount, s.currency, s.horizon, {one('s.provider_id', 'gp')} AS provider_id, "
            f"{one('s.recipient_id', 'gr')} AS recipient_id FROM support AS s "
            f"{join_same('s.provider_id', 'gp')} {join_same('s.recipient_id', 'gr')} "
            f"WHERE {condition})")


@dataclass(frozen=True)
class Groups:
    """The "same" groups of live actors, each counted once (see the module doc).

    ``same`` maps every live actor counted through another to that one, its group's
    representative: the group's root (the survivor, ``Protection.root``) while it is live,
    else its least live member. ``inside``: the people inside Russia by their group, not by
    their own flag (the protection rule's answer, ``Protection.inside``). ``gone``: the
    actors deleted or erased here, whom nothing pointing to them counts for
    (:func:`live_actor`)."""

    same: dict[str, str]
    inside: frozenset[str]
    gone: frozenset[str] = frozenset()

    @classmethod
    def load(cls, conn: Connection, guard: Protection | None = None) -> Groups:
        guard = guard if guard is not None else Protection.load(conn)
        members: dict[str, list[str]] = {}
        for rid, root in guard.root.items():
            members.setdefault(root, [root]).append(rid)
        same: dict[str, str] = {}
        for root, group in members.items():
            alive = sorted(m for m in group if m in guard.level and m not in guard.deleted)
            if alive:
                rep = root if root in alive else alive[0]
                same.update((m, rep) for m in alive if m != rep)
        erased = {str(r[0]) for r in conn.execute(
            "SELECT id FROM person WHERE erased IS NOT NULL UNION ALL "
            "SELECT id FROM organisation WHERE erased IS NOT NULL")}
        return cls(same, frozenset(guard.inside & guard.raised),
                   frozenset(guard.deleted | erased))

    def of(self, record_id: str) -> str:
        """The actor ``record_id`` counts as."""
        return self.same.get(record_id, record_id)

    def params(self) -> dict[str, str]:
        return {"same": json.dumps(self.same, sort_keys=True), "inside": json_ids(self.inside),
                "gone": json_ids(self.gone)}
