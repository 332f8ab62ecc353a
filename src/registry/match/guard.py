"""Who may be a protected person: the one rule every import asks of what it brings (Qt-free).

A record an import creates, or renames, beside a protected person may be her: a colleague's
own record of her, unflagged because the colleague does not know. Until the official has
reviewed the pair, such a record is protected (DESIGN §2 "the flag follows the record",
§6.4.3): a pair that may be her costs a review; one missed could expose her.

"May be her" (:func:`beside_protected`) is what the duplicates review would pair with her —
its finder and threshold (:func:`registry.match.duplicates.find_duplicates`: "Анна Сергеевна
Смирнова", "Smirnova Anna", "Ania Smirnova" for Анна Смирнова) — and every name filed under
one of her name keys ("Yana Smirnova", :meth:`registry.interop.matching.Matcher.meeting`).
It is asked in rounds: a record found beside a protected person then counts as one, until no
record is added. The spreadsheet import (``registry.interop.importer``) and the bundle import
(``registry.sync.namesakes``) both ask it; the rule only ever says "protect", never "lower".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.match import review, weights
from registry.match.duplicates import find_duplicates
from registry.match.names import NameRecord
from registry.store import protection

__all__ = ["NAME_FIELDS", "beside_protected", "protected_among", "protected_values"]

# the fields the rule reads a record's names from (``review.name_record``'s spellings)
NAME_FIELDS = frozenset({"name", "name_latin", "aliases"})

Values = Mapping[str, Any]
# rounds asked one by one (each a pass of the duplicates finder over what it weighs); a chain
# longer than that — only a hostile bundle brings one — is walked in one pass (``_closure``)
MAX_ROUNDS = 8


def protected_values(values: Values) -> bool:
    """Whether a record with these values is protected by its own fields: its level, or the
    inside-Russia flag (the domain's rule, ``store.protection.effective``)."""
    level = Sensitivity.parse(str(values.get("sensitivity") or "internal"))
    return protection.effective(level, bool(values.get("inside_russia"))) \
        >= Sensitivity.PROTECTED


def protected_among(records: Mapping[str, Values],
                    levels: Mapping[str, Sensitivity] | None = None) -> set[str]:
    """The refs of ``records`` that are protected: by their own fields, or by the level the
    vault treats them at (``levels``: ``store.protection.Protection.level``, the "same"
    group's)."""
    levels = levels or {}
    return {ref for ref, values in records.items() if protected_values(values)
            or levels.get(ref, Sensitivity.INTERNAL) >= Sensitivity.PROTECTED}


def beside_protected(kind: Kind, candidates: Mapping[str, Values], protected: set[str],
                     stored: Mapping[str, Values],
                     meeting: Callable[[Values], Iterable[str]], *,
                     max_rounds: int = MAX_ROUNDS, from_touching: bool = False
                     ) -> list[tuple[str, str]]:
    """The pairs (candidate, protected record) in which a candidate may be that protected
    person or organisation, round by round, in the order found.

    ``candidates``: the records an import brings (ref → values), ``stored``: every record of
    ``kind`` the vault holds (ref → values; it may hold the candidates too), ``protected``:
    the refs, stored or candidates, that are protected now (the caller's reading of the one
    rule: ``store.protection``). ``meeting(values)``: the refs filed under one of these
    values' name keys. A candidate met joins ``protected`` (the set is added to) and is asked
    about in the next round; after ``max_rounds`` the rest of a chain is walked in one pass.
    ``from_touching``: ``meeting`` indexes the candidates, each under exactly its own values'
    keys, so it is asked of the few records each round asks about, not of every candidate
    (two records share a key either way round: the same pairs).
    Nothing is asked when no one is protected: an import beside no protected person pays
    nothing."""
    if not candidates or not protected:
        return []
    records = {ref: review.name_record(ref, kind, stored[ref])
               for ref in protected if ref in stored}
    records.update({ref: review.name_record(ref, kind, v) for ref, v in candidates.items()})
    # how common each value is among every record the review will weigh, not these alone
    frequencies = weights.Frequencies([
        *(review.name_record(ref, kind, v).extra for ref, v in stored.items()
          if ref not in candidates),
        *(records[ref].extra for ref in candidates)])
    pairs: list[tuple[str, str]] = []
    touching = set(protected)
    for _ in range(max_rounds):
        if not touching:
            return pairs
        met = [(a, b) for c in find_duplicates(records.values(), touching=touching,
                                               frequencies=frequencies)
               for a, b in ((c.a_id, c.b_id), (c.b_id, c.a_id))
               if a in candidates and b in touching]
        if from_touching:
            for other in touching:
                met += [(ref, other) for ref in meeting(candidates.get(other, stored.get(other)
                                                                   or {}))
                        if ref in candidates and ref != other]
        else:
            for ref, values in candidates.items():
                met += [(ref, other) for other in meeting(values)
                        if other in touching and other != ref]
        fresh = {ref for ref, _ in met if ref not in protected}
        pairs += met
        protected |= fresh
        touching = fresh
    if touching:  # a long chain of look-alikes (a hostile bundle's): the rest in one pass
        pairs += _closure(records, frequencies, candidates=candidates, protected=protected,
                          touching=touching, meeting=meeting)
    return pairs


def _closure(records: Mapping[str, NameRecord], frequencies: weights.Frequencies, *,
             candidates: Mapping[str, Values], protected: set[str], touching: set[str],
             meeting: Callable[[Values], Iterable[str]]) -> list[tuple[str, str]]:
    """What the rounds would still add from ``touching``, for the cost of one duplicates
    review of the candidates and one look-up of each: every pair that may join a candidate
    to another record (a pair's score does not depend on what else is asked), walked from
    ``touching``. The same candidates as the rounds, whatever the chain's length."""
    beside: dict[str, list[str]] = {}  # record → the candidates that may be it
    for c in find_duplicates(records.values(), touching=set(candidates),
                             frequencies=frequencies):
        for a, b in ((c.a_id, c.b_id), (c.b_id, c.a_id)):
            if a in candidates:
                beside.setdefault(b, []).append(a)
    for ref, values in candidates.items():
        for other in meeting(values):
            if other != ref:
                beside.setdefault(other, []).append(ref)
    pairs: list[tuple[str, str]] = []
    todo = sorted(touching)
    while todo:
        found = todo.pop()
        for ref in beside.get(found, ()):
            pairs.append((ref, found))
            if ref not in protected:
                protected.add(ref)
                todo.append(ref)
    return pairs
