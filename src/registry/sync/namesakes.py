"""A bundle's record beside a protected person here is protected until reviewed (DESIGN §6.4.3).

A colleague who does not know that someone is inside Russia sends their own record of her,
unflagged. This vault knows: what the one rule (:func:`registry.match.guard.beside_protected`)
says may be a protected person here — of the people and organisations an import created or
renamed — is raised to ``protected`` as this vault's own change, by rule, inside the import's
transaction (a dry run reports it and writes nothing). From then on it stays home as any
protected record does, and a protection notice tells whoever holds it (the sender: §6.4.2).

A file is not asked beside a protected person whose protection it brought itself (her
flag or level stands as that file delivered it): its sender knows she is protected and sent
what else it holds of her on purpose, as when an official passes on everything they hold;
second-guessing it would only make the copies differ (DESIGN §6.4.1). Another file of the
same import, from a colleague who does not know, is asked beside her.

What a hostile bundle can do with it is over-protection, nothing more: the guard only ever
raises, it never refuses an import, and it asks only the records the import created or whose
names it changed, only when this vault holds someone protected (a first import into a vault
with nobody protected asks nothing). Lowering a guarded record after review is the
official's confirmed local act, as for any record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.interop.matching import Entry, Matcher
from registry.match import guard, review
from registry.store import protection
from registry.store.records import Store

__all__ = ["REASON", "Brought", "guard_named", "holds_protected", "nobody_protected"]

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


@dataclass
class Brought:
    """What one file of an import created or renamed, for the guard: its import's id, the
    ids of the records of a kind it created (``created(kind)``: what the importer keeps of
    its lines, ``sync.seen``), and the people and organisations it renamed. Nothing more is
    kept a line (DESIGN §6.5.7)."""

    import_id: str | None = None
    created: Callable[[Kind], Iterable[str]] = lambda kind: ()
    renamed: list[tuple[str, Kind]] = field(default_factory=list)

    def named(self, kind: Kind) -> Iterator[str]:
        yield from self.created(kind)
        yield from (i for i, k in self.renamed if k is kind)


def guard_named(store: Store, files: Sequence[Brought], *, fresh: bool = False
                ) -> list[set[str]]:
    """Of what each file created or renamed, what the one rule says may be a protected
    person or organisation here, raised to ``protected`` (call inside the import's
    transaction): each file's ids. ``fresh``: nobody was protected here before the import
    (:func:`nobody_protected`); a lone file then brought every protecting value itself.

    A file is asked beside everyone protected here but those whose protection it brought
    itself (:func:`_known`): their sender knows she is protected and what else it sends of
    her, as when an official passes on all they hold, and the copies stay equal (DESIGN
    §6.4.1). A colleague who does not know brings no such value."""
    out: list[set[str]] = [set() for _ in files]
    asking = [f for f in files if f.import_id]
    if not asking or not holds_protected(store):
        return out
    if fresh and len(asking) == 1 and not _linked(store):
        return out  # everyone protected came with this one file's values: known to it
    levels = protection.Protection.load(store.conn, moved=False).level
    top = sorted(i for i, level in levels.items() if level >= Sensitivity.PROTECTED)
    for kind in _ACTORS:
        for n, guarded in enumerate(_guard_kind(store, kind, files, top)):
            out[n] |= guarded
    return out


_ACTORS = (Kind.PERSON, Kind.ORGANISATION)


def nobody_protected(store: Store) -> bool:
    """Whether nobody here is protected and no protection waits (a held notice): asked before
    an import, so that a file that brings everyone protected is not asked beside them
    (:func:`guard_named`). Cheap: each query stops at the first row."""
    return not holds_protected(store) and store.conn.execute(
        "SELECT 1 FROM held_notice WHERE discarded_by IS NULL LIMIT 1").fetchone() is None


def _linked(store: Store) -> bool:
    """Whether any "same" link is here (the rule may protect a record through it)."""
    return any(store.conn.execute(f"SELECT 1 FROM {table} WHERE merged_into IS NOT NULL "  # noqa: S608
                                  "LIMIT 1").fetchone() is not None
               for table in ("person", "organisation"))


def _guard_kind(store: Store, kind: Kind, files: Sequence[Brought],
                top: list[str]) -> list[set[str]]:
    """The guard for one kind. ``top``: the ids the one rule treats at ``protected`` (their
    "same" group's level, ``store.protection``); the vault's records are read only when a
    file brought some of this kind and someone protected is not known to it."""
    out: list[set[str]] = [set() for _ in files]
    held = store.get_many(kind, top)
    protected = {i for i, r in held.items() if r.erased is None and not r.deleted}
    asked = []
    for n, f in enumerate(files):
        ids = [i for i in dict.fromkeys(f.named(kind)) if i not in protected] \
            if f.import_id and protected else []
        sources = protected - _known(store, str(f.import_id), {
            i: held[i].values for i in protected}) if ids else set()
        if sources:
            asked.append((n, ids, sources))
    if not asked:
        return out
    # every live record's values (the finder weighs how common a value is among them all),
    # and an index of the names of those asked about: the rule asks it from her side
    wanted = {i for _, ids, _ in asked for i in ids}
    stored: dict[str, Mapping[str, Any]] = {}
    matcher = Matcher()
    for record in store.iter_records(kind):
        if not record.deleted and record.erased is None:
            stored[record.id] = record.values
            if record.id in wanted:
                matcher.add(Entry(record.id, kind, record.values, record))
    for n, ids, sources in asked:
        candidates = {i: stored[i] for i in ids if i in stored and i not in protected}
        pairs = guard.beside_protected(kind, candidates, sources, stored,
                                       lambda values: matcher.meeting(kind, values),
                                       from_touching=True)
        guarded = [i for i in dict.fromkeys(ref for ref, _ in pairs) if i in candidates]
        for record_id in guarded:
            _protect(store, matcher.entries[record_id].record)
        # each pair in the duplicates review (this vault's own queue: it never travels),
        # where the official decides same / not same, and lowers the record when not
        review.enqueue(store, dict.fromkeys((other, ref, REASON) for ref, other in pairs
                                            if ref in candidates))
        protected.update(guarded)  # a later file's records are asked beside them too
        for m, _, later in asked:
            if m > n:
                later.update(guarded)
        out[n] = set(guarded)
    return out


def _known(store: Store, import_id: str, sources: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """Of the protected records ``sources``, those whose protecting value — the flag, or the
    ``protected`` level — stands here as ``import_id`` brought it (its field's receipt, or
    the record's when it created her and no one set the field since)."""
    protecting = {i: [f for f in ("inside_russia", "sensitivity") if
                      guard.protected_values({f: v.get(f)})] for i, v in sources.items()}
    wanted = [i for i, fields in protecting.items() if fields]
    receipts: dict[str, dict[str, str | None]] = {}
    for start in range(0, len(wanted), 5000):
        for record_id, name, brought in store.conn.execute(
                "SELECT record_id, field, import_id FROM field_receipt WHERE record_id IN "
                "(SELECT value FROM json_each(?)) AND field IN ('*', 'inside_russia', "
                "'sensitivity')", (json.dumps(wanted[start:start + 5000]),)):
            receipts.setdefault(str(record_id), {})[str(name)] = brought
    return {i for i in wanted if any(
        (r := receipts.get(i, {})).get(f, r.get("*")) == import_id for f in protecting[i])}


def _protect(store: Store, record: Record | None) -> None:
    """Raise one record to ``protected`` as this vault's rule does (a tie's beside a protected
    person, a group's): by rule, the level its official gave it kept for ``include``."""
    assert record is not None  # a record held here: the matcher's entries are
    store.keep_own_level_of(record, {"sensitivity": Sensitivity.PROTECTED.label})
    store.update(record, {"sensitivity": Sensitivity.PROTECTED.label}, action="protect",
                 by_rule=True)
