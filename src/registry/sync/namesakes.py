"""A bundle's record beside a protected person here is protected until reviewed (DESIGN §6.4.3).

A colleague who does not know that someone is inside Russia sends their own record of her,
unflagged. This vault knows: what the one rule (:func:`registry.match.guard.beside_protected`)
says may be a protected person here — of the people and organisations an import created or
renamed — is raised to ``protected`` as this vault's own change, by rule, inside the import's
transaction (a dry run reports it and writes nothing). From then on it stays home as any
protected record does, and a protection notice tells whoever holds it (the sender: §6.4.2).

What a hostile bundle can do with it is over-protection, nothing more: the guard only ever
raises, it never refuses an import, and it asks only the records the import created or whose
names it changed, only when this vault holds someone protected (a first import into a vault
with nobody protected asks nothing). Lowering a guarded record after review is the
official's confirmed local act, as for any record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.interop.matching import Matcher
from registry.match import guard, review
from registry.store import protection
from registry.store.records import Store

__all__ = ["REASON", "guard_named", "holds_protected"]

# why the pair is in the review queue (names no value, as every queue reason)
REASON = "bundle namesake: protected until reviewed, the other record is protected"


def holds_protected(store: Store) -> bool:
    """Whether anyone here may be protected: a live person or organisation at ``protected``
    or flagged inside Russia, or one erased while protected (its group keeps that). Cheap:
    it stops at the first."""
    conn = store.conn
    top = int(Sensitivity.PROTECTED)
    return any(conn.execute(sql, (top,)).fetchone() is not None for sql in (
        "SELECT 1 FROM person WHERE erased IS NULL AND coalesce(deleted, 0) = 0 AND "
        "(sensitivity >= ? OR coalesce(inside_russia, 0) != 0) LIMIT 1",
        "SELECT 1 FROM organisation WHERE erased IS NULL AND coalesce(deleted, 0) = 0 AND "
        "sensitivity >= ? LIMIT 1",
        "SELECT 1 FROM erased_protection WHERE level >= ? OR inside != 0 LIMIT 1"))


def guard_named(store: Store, named: Iterable[tuple[str, Kind]]) -> list[str]:
    """Of ``named`` (the ids and kinds of the people and organisations an import created or
    renamed), those the one rule says may be a protected person or organisation here, raised
    to ``protected`` (call inside the import's transaction); their ids, sorted."""
    by_kind: dict[Kind, list[str]] = {}
    for record_id, kind in named:
        if kind in _ACTORS:
            by_kind.setdefault(kind, []).append(record_id)
    if not by_kind or not holds_protected(store):
        return []
    levels = protection.Protection.load(store.conn, moved=False).level
    out: list[str] = []
    for kind, ids in by_kind.items():
        out += _guard_kind(store, kind, ids, levels)
    return sorted(out)


_ACTORS = (Kind.PERSON, Kind.ORGANISATION)


def _guard_kind(store: Store, kind: Kind, asked: list[str],
                levels: Mapping[str, Sensitivity]) -> list[str]:
    matcher = Matcher.build(store.iter_records(kind))  # live records: not deleted
    stored: dict[str, Mapping[str, Any]] = {ref: e.values for ref, e in matcher.entries.items()
                                            if e.record is not None and e.record.erased is None}
    protected = guard.protected_among(stored, levels)
    candidates = {i: stored[i] for i in asked if i in stored and i not in protected}
    pairs = guard.beside_protected(kind, candidates, protected, stored,
                                   lambda values: matcher.meeting(kind, values))
    guarded = [i for i in dict.fromkeys(ref for ref, _ in pairs) if i in candidates]
    for record_id in guarded:
        _protect(store, matcher.entries[record_id].record)
    # each pair in the duplicates review (this vault's own queue: it never travels), where
    # the official decides same / not same, and lowers the record when not the same
    review.enqueue(store, dict.fromkeys((other, ref, REASON) for ref, other in pairs
                                        if ref in candidates))
    return guarded


def _protect(store: Store, record: Record | None) -> None:
    """Raise one record to ``protected`` as this vault's rule does (a tie's beside a protected
    person, a group's): by rule, the level its official gave it kept for ``include``."""
    assert record is not None  # a record held here: the matcher's entries are
    store.keep_own_level_of(record, {"sensitivity": Sensitivity.PROTECTED.label})
    store.update(record, {"sensitivity": Sensitivity.PROTECTED.label}, action="protect",
                 by_rule=True)
