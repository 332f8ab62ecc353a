"""Duplicate detection over many name records, with blocking.

Records are put into blocks by keys made of their tokens' skeletons, so that
only records sharing two name parts (or a name part and an initial) are ever
compared: a person's block keys are the unordered pairs of skeletons of their
full name parts, plus (skeleton, initial) keys that only pair a record written
with an initial with one written in full.  Persons are compared with persons
and organisations with organisations only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from registry.match.names import (
    ORGANISATION,
    Match,
    NameRecord,
    ParsedName,
    best_match,
    extra_factor,
    parse,
)

__all__ = ["DEFAULT_THRESHOLD", "MAX_BLOCK", "Candidate", "find_duplicates"]

DEFAULT_THRESHOLD = 0.85
MAX_BLOCK = 3000  # a block this large says nothing; it is skipped

BlockKey = tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A proposed duplicate pair, ``a_id < b_id``."""

    a_id: str
    b_id: str
    score: float
    evidence: tuple[str, ...]


def _person_keys(name: ParsedName) -> Iterator[tuple[BlockKey, bool]]:
    """Block keys of one person spelling; the flag marks an initial's key."""
    full = [t for t in name.tokens if not t.initial]
    for x, y in combinations(full, 2):
        for kx in x.keys:
            for ky in y.keys:
                yield ("p", *sorted((kx, ky))), False
    for x in full:
        for y in name.tokens:
            if y is not x:
                for kx in x.keys:
                    yield ("i", kx, y.keys[0][:1]), y.initial
    if len(name.tokens) == 1:
        for k in name.tokens[0].keys:
            yield ("s", k), False


def _organisation_keys(name: ParsedName) -> Iterator[tuple[BlockKey, bool]]:
    """Block keys of one organisation spelling: pairs of words, or the word."""
    keys = sorted({t.keys[0] for t in name.tokens[:6]})
    if len(keys) == 1:
        yield ("o", keys[0]), False
    for kx, ky in combinations(keys, 2):
        yield ("o", kx, ky), False


def _blocks(
    parsed: dict[str, tuple[NameRecord, list[ParsedName]]],
) -> dict[BlockKey, dict[str, bool]]:
    """Map each block key to its records and whether each came by an initial."""
    blocks: dict[BlockKey, dict[str, bool]] = defaultdict(dict)
    for rid, (record, names) in parsed.items():
        keyer = _organisation_keys if record.kind == ORGANISATION else _person_keys
        for name in names:
            for key, by_initial in keyer(name):
                members = blocks[(record.kind[0], *key)]
                members[rid] = members.get(rid, False) or by_initial
    return blocks


def _pairs(blocks: dict[BlockKey, dict[str, bool]]) -> set[tuple[str, str]]:
    """Candidate id pairs from the blocks (initial blocks need an initial)."""
    pairs: set[tuple[str, str]] = set()
    for key, members in blocks.items():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        if key[1] == "i":
            flagged = [r for r, f in members.items() if f]
            for r in flagged:
                pairs.update((min(r, o), max(r, o)) for o in members if o != r)
        else:
            pairs.update(combinations(sorted(members), 2))
    return pairs


def _score(a: tuple[NameRecord, list[ParsedName]], b: tuple[NameRecord, list[ParsedName]]) -> Match:
    """Best match of two parsed records, with birth year and gender applied."""
    m = best_match(a[1], b[1], a[0].kind)
    factor, lines = extra_factor(a[0], b[0])
    return Match(round(m.score * factor, 4), m.evidence + tuple(lines))


def find_duplicates(
    records: Iterable[NameRecord],
    *,
    min_score: float = DEFAULT_THRESHOLD,
    exclude_pairs: Collection[frozenset[str]] = (),
) -> list[Candidate]:
    """Propose duplicate pairs scoring at least ``min_score``, best first.

    Pairs in ``exclude_pairs`` (already decided by a user) are never proposed.
    """
    parsed = {r.id: (r, [parse(s, r.kind) for s in r.spellings()]) for r in records}
    excluded = {frozenset(p) for p in exclude_pairs}
    found: list[Candidate] = []
    for a_id, b_id in _pairs(_blocks(parsed)):
        if excluded and frozenset((a_id, b_id)) in excluded:
            continue
        m = _score(parsed[a_id], parsed[b_id])
        if m.score >= min_score:
            found.append(Candidate(a_id, b_id, m.score, m.evidence))
    found.sort(key=lambda c: (-c.score, c.a_id, c.b_id))
    return found
