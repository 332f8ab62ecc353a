"""Duplicate detection over many name records, with blocking.

Records are put into blocks by keys made of their tokens' skeletons, so that
only records sharing two name parts (or a name part and an initial) are ever
compared: a person's block keys are the unordered pairs of skeletons of their
full name parts, plus (skeleton, first sound) keys that only pair a record
written with an initial with one written in full.  Persons are compared with
persons and organisations with organisations only.  A block larger than
``MAX_BLOCK`` says little (a very common name pair); it is split by the
records' country and region of origin where they are known, and what is still
too large is left out, so the work stays bounded whatever the data.

An initial is weak evidence (see :mod:`registry.match.names`).  One more kind
of support is taken from the registry itself: when, among the records with
the same family name form, only one given name starts with the initial's
sound, that initial is unambiguous here ("the only Voronina whose given name
starts with T").  ``context=False`` turns this off.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from registry.match.names import (
    DEFAULT_THRESHOLD,
    EVIDENCE,
    INITIAL_CAP,
    ORGANISATION,
    PATRONYMIC_AGREES,
    RELATED_CAP,
    Match,
    NameRecord,
    ParsedName,
    Token,
    best_match,
    finish,
    parse,
)

__all__ = ["DEFAULT_THRESHOLD", "MAX_BLOCK", "Candidate", "find_duplicates"]

MAX_BLOCK = 400  # records; a bigger block is split by place, else left out
UNIQUE_INITIAL = 0.5  # an unambiguous initial halves the distance to 1

BlockKey = tuple[str, ...]
Parsed = tuple[NameRecord, list[ParsedName]]


@dataclass(frozen=True)
class Candidate:
    """A proposed duplicate pair, ``a_id < b_id``."""

    a_id: str
    b_id: str
    score: float
    evidence: tuple[str, ...]


def _person_keys(name: ParsedName, by_form: bool) -> Iterator[tuple[BlockKey, bool]]:
    """Block keys of one person spelling; the flag marks an initial's key.

    With ``by_form`` a key also holds whether each name part has a feminine
    ending, so the gender forms of a name (capped below the threshold) do not
    meet at all.
    """
    full = [t for t in name.tokens if not t.initial]
    for x, y in combinations(full, 2):
        for kx in _form_keys(x, by_form):
            for ky in _form_keys(y, by_form):
                yield ("p", *sorted((kx, ky))), False
    for x in full:
        for y in name.tokens:
            if y is not x:
                for kx in _form_keys(x, by_form):
                    for head in y.heads:
                        yield ("i", kx, head), y.initial
    if len(name.tokens) == 1:
        for k in name.tokens[0].keys:
            yield ("s", k), False


def _form_keys(token: Token, by_form: bool) -> Iterable[str]:
    if not by_form:
        return token.keys
    form = ":f" if token.sound.endswith("a") else ":m"
    return [k + form for k in token.keys]


def _organisation_keys(name: ParsedName, by_form: bool) -> Iterator[tuple[BlockKey, bool]]:
    """Block keys of one organisation spelling: pairs of words, or the word."""
    keys = sorted({min(t.keys) for t in name.tokens[:6]})
    if len(keys) == 1:
        yield ("o", keys[0]), False
    for kx, ky in combinations(keys, 2):
        yield ("o", kx, ky), False


def _blocks(parsed: dict[str, Parsed], by_form: bool) -> dict[BlockKey, dict[str, bool]]:
    """Map each block key to its records and whether each came by an initial."""
    blocks: dict[BlockKey, dict[str, bool]] = defaultdict(dict)
    for rid, (record, names) in parsed.items():
        keyer = _organisation_keys if record.kind == ORGANISATION else _person_keys
        for name in names:
            for key, by_initial in keyer(name, by_form):
                members = blocks[(record.kind[0], *key)]
                members[rid] = members.get(rid, False) or by_initial
    return blocks


def _split(members: dict[str, bool], parsed: dict[str, Parsed]) -> list[dict[str, bool]]:
    """Cut a too large block by country and region; records without them go to every part."""
    parts: dict[tuple[str, str], dict[str, bool]] = defaultdict(dict)
    unplaced: dict[str, bool] = {}
    for rid, flag in members.items():
        extra = parsed[rid][0].extra
        place = (extra.get("country", ""), extra.get("region", ""))
        (parts[place] if all(place) else unplaced)[rid] = flag
    out = []
    for part in parts.values():
        part.update(unplaced)
        if 1 < len(part) <= MAX_BLOCK:
            out.append(part)
    if not parts and 1 < len(unplaced) <= MAX_BLOCK:
        out.append(unplaced)
    return out


def _parts(key: BlockKey, whole: dict[str, bool],
           parsed: dict[str, Parsed]) -> list[dict[str, bool]]:
    """The block itself, or its parts when it is too large; nothing for a lone record."""
    if len(whole) < 2:
        return []
    return [whole] if len(whole) <= MAX_BLOCK else _split(whole, parsed)


def _given_tokens(names: list[ParsedName], surname_key: str, head: str) -> list[Token]:
    """Full name parts of a record, other than its family name, starting with ``head``."""
    return [t for n in names for t in n.tokens
            if not t.initial and head in t.heads and surname_key not in t.keys]


def _surname_sounds(names: list[ParsedName], surname_key: str) -> set[str]:
    return {s for n in names for t in n.tokens if surname_key in t.keys for s in t.sounds}


_Given = list[tuple[str, set[str], list[frozenset[str]]]]


def _block_given(key: BlockKey, whole: dict[str, bool], parsed: dict[str, Parsed]) -> _Given:
    """For each record of an initial block: its family name sounds and given names' keys."""
    surname_key, head = key[2].partition(":")[0], key[3]
    out = []
    for rid in whole:
        names = parsed[rid][1]
        given = [t.keys for t in _given_tokens(names, surname_key, head)]
        out.append((rid, _surname_sounds(names, surname_key), given))
    return out


def _unambiguous(given: _Given, initial_id: str) -> frozenset[str]:
    """The keys of the one given name that, among the records with the initial
    record's family name form in the block, starts with the initial's sound;
    empty when there are none or several."""
    sounds = next((s for rid, s, _ in given if rid == initial_id), set())
    group: set[str] = set()
    others: list[frozenset[str]] = []
    for rid, theirs, keys in given:
        if rid == initial_id or sounds.isdisjoint(theirs):
            continue
        for k in keys:
            if not group or not group.isdisjoint(k):
                group |= k
            else:
                others.append(k)
    if not group or any(group.isdisjoint(k) for k in others):
        return frozenset()
    return frozenset(group)


def _has_given(record: Parsed, key: BlockKey, given: frozenset[str]) -> bool:
    surname_key = key[2].partition(":")[0]
    return any(not given.isdisjoint(t.keys) for t in _given_tokens(record[1], surname_key, key[3]))


_FIELDS = tuple(EVIDENCE.items())


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the cheap bound needs of a record: its fields, folded, and a patronymic flag."""

    values: tuple[str, ...]
    patronymic: bool
    most_support: float  # the agreement factor if every known field agreed

    @classmethod
    def of(cls, record: NameRecord, names: list[ParsedName]) -> _Facts:
        values = tuple(str(record.extra.get(f) or "").strip().casefold() for f, _ in _FIELDS)
        patronymic = any(n.patronymic for n in names)
        most = PATRONYMIC_AGREES if patronymic else 1.0
        for (_, (yes, _no)), value in zip(_FIELDS, values, strict=True):
            most *= yes if value else 1.0
        return cls(values, patronymic, most)


def _bound(a: _Facts, b: _Facts, by_initial: bool, unique: bool) -> float:
    """Cheap upper bound of a pair's score from its records' fields.

    A pair met only through an initial has a name score of at most
    ``INITIAL_CAP``, so unless enough support can be found it is not compared.
    """
    agree, differ = 1.0, 1.0
    for (_, (yes, no)), va, vb in zip(_FIELDS, a.values, b.values, strict=True):
        if va and vb:
            if va == vb:
                agree *= yes
            else:
                differ *= no
    if not by_initial:
        return differ
    if unique:
        agree *= UNIQUE_INITIAL
    if a.patronymic and b.patronymic:
        agree *= PATRONYMIC_AGREES
    return (1 - (1 - INITIAL_CAP) * agree) * differ


def _score(a: Parsed, b: Parsed, unambiguous_initial: bool, explain: bool) -> Match:
    """Best match of two parsed records, with their fields' evidence applied."""
    m = best_match(a[1], b[1], a[0].kind, explain=explain)
    if unambiguous_initial and m.initial and 0 < m.score < 1:
        line = "the only given name with this initial among records of this family name"
        m = Match(1 - (1 - m.score) * UNIQUE_INITIAL, (*m.evidence, line), m.initial, m.gendered)
    return finish(m, a[0].extra, b[0].extra)


def find_duplicates(
    records: Iterable[NameRecord],
    *,
    min_score: float = DEFAULT_THRESHOLD,
    exclude_pairs: Collection[frozenset[str]] = (),
    context: bool = True,
) -> list[Candidate]:
    """Propose duplicate pairs scoring at least ``min_score``, best first.

    Pairs in ``exclude_pairs`` (already decided by a user) are never proposed.
    ``context`` lets an initial that is unambiguous among the records count as
    support (see the module documentation).
    """
    parsed = {r.id: (r, [parse(s, r.kind) for s in r.spellings()]) for r in records}
    finder = _Finder(parsed, min_score, {frozenset(p) for p in exclude_pairs})
    blocks = _blocks(parsed, by_form=min_score > RELATED_CAP)
    for key, whole in blocks.items():
        for members in _parts(key, whole, parsed):
            if key[1] != "i":
                for a, b in combinations(members, 2):
                    finder.consider(a, b, False, False)
                continue
            for r, flagged in members.items():
                if flagged:
                    finder.initial(key, whole, members, r, context)
    return _best_per_pair(finder.found)


class _Finder:
    """The pairs met so far, their bounds and scores, and the candidates found."""

    def __init__(self, parsed: dict[str, Parsed], min_score: float,
                 excluded: set[frozenset[str]]) -> None:
        self.parsed, self.min_score, self.excluded = parsed, min_score, excluded
        self.facts = {rid: _Facts.of(*p) for rid, p in parsed.items()}
        self.seen: set[tuple[str, str]] = set()
        self.found: list[Candidate] = []
        self.given: dict[BlockKey, _Given] = {}
        self.unique: dict[tuple[BlockKey, str], frozenset[str]] = {}

    def initial(self, key: BlockKey, whole: dict[str, bool], members: dict[str, bool],
                r: str, context: bool) -> None:
        """Pair a record that gives an initial with the other records of its block."""
        given: frozenset[str] = frozenset()
        if context:
            if key not in self.given:
                self.given[key] = _block_given(key, whole, self.parsed)
            if (key, r) not in self.unique:
                self.unique[(key, r)] = _unambiguous(self.given[key], r)
            given = self.unique[(key, r)]
        most = self.facts[r].most_support * (UNIQUE_INITIAL if given else 1.0)
        if 1 - (1 - INITIAL_CAP) * most < self.min_score:
            return  # even if everything known agreed, the initial could not carry
        for o in members:
            if o != r:
                unique = bool(given) and _has_given(self.parsed[o], key, given)
                self.consider(r, o, True, unique)

    def consider(self, x: str, y: str, by_initial: bool, unique: bool) -> None:
        """Bound, then score one pair unless it was scored already."""
        pair = (x, y) if x < y else (y, x)
        if pair in self.seen and not unique:
            return
        if _bound(self.facts[x], self.facts[y], by_initial, unique) < self.min_score:
            return  # not marked as seen: another block may still bring it
        self.seen.add(pair)
        if self.excluded and frozenset(pair) in self.excluded:
            return
        a, b = self.parsed[pair[0]], self.parsed[pair[1]]
        if _score(a, b, unique, explain=False).score >= self.min_score:
            m = _score(a, b, unique, explain=True)
            self.found.append(Candidate(pair[0], pair[1], m.score, m.evidence))


def _best_per_pair(found: list[Candidate]) -> list[Candidate]:
    best: dict[tuple[str, str], Candidate] = {}
    for c in found:
        old = best.get((c.a_id, c.b_id))
        if old is None or c.score > old.score:
            best[(c.a_id, c.b_id)] = c
    return sorted(best.values(), key=lambda c: (-c.score, c.a_id, c.b_id))
