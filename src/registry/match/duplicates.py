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
of support is taken from the registry itself (:class:`_Context`): among the
records with the same family name (any spelling, same gender form), the full
given names that the initial can stand for (by the letters it may be in some
romanisation, :mod:`registry.match.letters`) are gathered.  When they are all
one name ("the only Voronina whose given name can start with T"), the initial
stands for it.  A short form is the name it stands for (Sonia is Sofiya; Lera,
Валерия, meets V.; Slava under I. can only be Yaroslav), a double family name
is one family name (Kara is no given name of a Kara-Murza, and Vasiliy Tarasov
is no Vorobev-Tarasov), and when no record gives a fitting name in full, the
records that give the initial are taken to give one name.  When there are a
few names, the one whose records agree with the initial's record on place,
gender, birth year or patronymic more than every other one's records do is
taken; relatives sharing a household (siblings share the patronymic too) tie,
and stay ambiguous.  Either takes the name score most of the way to 1
(``UNIQUE_INITIAL``), and the evidence says which.  ``context=False`` turns
this off.

The records compared are also the frequencies the evidence is weighed by
(:mod:`registry.match.weights`): how common each field value is, and how many records bear
a pair's name (the size of the smallest block of full name parts the two share).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from registry.match import weights
from registry.match.evidence import Reason
from registry.match.letters import compatible
from registry.match.names import (
    DEFAULT_THRESHOLD,
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
    initial_fits,
    initial_fits_name,
    parse,
    patronymics_agree,
    token_similarity,
)
from registry.match.phones import phone_key, same_phone_key
from registry.match.translit import phonetic, skeleton
from registry.memory import bulk, of_records

__all__ = ["DEFAULT_THRESHOLD", "MAX_BLOCK", "ScoredPair", "find_duplicates"]

MAX_BLOCK = 400  # records; a bigger block is split by place, else left out
UNIQUE_INITIAL = 0.4  # an initial that stands for one name here halves the distance to 1
ONLY_NAME = Reason("only_name")
TOLD_APART = Reason("told_apart")

BlockKey = tuple[str, ...]
Parsed = tuple[NameRecord, list[ParsedName]]


@dataclass(frozen=True)
class ScoredPair:
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
                    for head in y.heads | y.full_heads:
                        yield ("i", kx, head), y.initial
    if len(name.tokens) == 1:
        for k in name.tokens[0].keys:
            yield ("s", k), False


def _form_keys(token: Token, by_form: bool) -> Iterable[str]:
    """A token's skeletons, and those of the full names it is a short form of (Masha meets
    Мария); with ``by_form``, each with the token's gender form."""
    form = ":f" if token.sound.endswith("a") else ":m"
    if token.short_of:  # a short form takes each full name's own form (Миша: Михаил, male)
        full = _full_keys(token.short_of)
        if not by_form:
            return token.keys | {k for k, _ in full}
        return [k + form for k in token.keys] + [k + f for k, f in full]
    if not by_form:
        return token.keys
    return [k + form for k in token.keys]


@of_records
@lru_cache(maxsize=256)
def _full_keys(names: frozenset[str]) -> frozenset[tuple[str, str]]:
    return frozenset((skeleton(n), ":f" if phonetic(n).endswith("a") else ":m") for n in names)


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


def _same_name(a: Token, b: Token) -> bool:
    """Two full name parts that are one name in two spellings (not its other gender form),
    or a name and its short form when the short form stands for that name only (Соня,
    Sofiya; not Слава, Stanislav)."""
    sim, how = token_similarity(a, b)
    return (how in ("same", "transliteration", "short_form")
            or (how == "similar spelling" and sim >= 0.85))


def _name_letters(t: Token) -> frozenset[str]:
    """The first letters of the name a given name part is: its own, or for a short form those
    of the full names it stands for (Lera: в)."""
    return t.full_letters or t.letters


def _meaning(t: Token, heads: frozenset[str], letters: frozenset[str]) -> frozenset[str]:
    """The listed full names a given name part may be, as the initial of its family name
    allows: Слава under ``I.`` can only be Ярослав, under ``V.`` Вячеслав or Владислав."""
    if not t.short_of:
        return frozenset((t.full,)) if t.full else frozenset()
    return frozenset(f for f in t.short_of if initial_fits_name(heads, letters, f))


def _one_name(a: Token, b: Token, heads: frozenset[str], letters: frozenset[str]) -> bool:
    """Two given name parts that, as this initial allows, are one name."""
    if _same_name(a, b):
        return True
    if not (a.short_of or b.short_of):
        return False
    meaning = _meaning(a, heads, letters)
    return len(meaning) == 1 and meaning == _meaning(b, heads, letters)


def _given_names(name: ParsedName, surname_key: str) -> Iterator[Token]:
    """The full name parts of a spelling that may be a given name beside a family name:
    not the family name, nor a part hyphenated to it (Кара-Мурза)."""
    double = any(surname_key in t.keys for t in name.joined)
    for t in name.tokens:
        if not t.initial and surname_key not in t.keys and not (double and t in name.joined):
            yield t


_ContextKey = tuple[str, str, frozenset[str], frozenset[str], tuple[str, ...]]
_Parts = tuple[list[Token], frozenset[str], frozenset[str]]  # family name, initials' starts
MAX_NAMES = 4  # given names an initial may be told apart between
MAX_BEARERS = 60  # records bearing them


@dataclass
class Cluster:
    """One given name among the records of a family name: its first spelling, the records
    bearing it and the first letters every spelling of it may have."""

    token: Token
    ids: list[str]
    letters: frozenset[str]


def _place_support(a: NameRecord, b: NameRecord) -> int:
    """Fields two records agree on minus those they contradict (a strong field counts two)."""
    total = 0
    for key in ("country", "region", "city", "gender", "birth_year"):
        va, vb = a.extra.get(key), b.extra.get(key)
        if va and vb:
            weight = 2 if key in ("gender", "birth_year") else 1
            same = str(va).strip().casefold() == str(vb).strip().casefold()
            total += (0 if key == "gender" else weight) if same else -weight
    return total


def _patronymic_support(a: list[ParsedName], b: list[ParsedName]) -> int:
    """2 when two records' patronymics agree, -2 when both are known and none agree, else 0
    (a sibling shares it; a namesake's father has another name)."""
    pa = [n.patronymic for n in a if n.patronymic is not None]
    pb = [n.patronymic for n in b if n.patronymic is not None]
    if not pa or not pb:
        return 0
    return 2 if any(patronymics_agree(x, y) for x in pa for y in pb) else -2


class _Context:
    """Which full given name an initial stands for among the records of its family name.

    For a record giving an initial (``A. Orlova``), the records whose family
    name is the same name in any spelling and form (``Orlova``, ``Orlowa``, not
    ``Orlov``, not ``Belyaeva`` for ``Belova``) and whose given name can start
    with that initial (every letter it stands for in some romanisation: ``I.``
    may be Irina, Iulia, Iana or Iekaterina, never Uliana or Artyom) are
    gathered, and their given names grouped into names: the spellings of a name
    and its short forms are one name, and a name is dropped when all its
    spellings say it starts with a letter the initial is not (Latin Sveta might
    be Цвета, but as the short form of Светлана it is no T.).  A record with a
    double family name only gathers records bearing all of it.  When there is
    one name, the initial is unambiguous here; when there is none, the records
    giving the initial are taken to give one name.  When there are a few, the
    record's own fields may tell them apart: one name's records agree with it on
    more (country, region, city of the record; gender, birth year and the
    patronymic count double, and contradict double) than every other name's
    records do.  Relatives sharing a household are not told apart this way, by
    design.
    """

    def __init__(self, parsed: dict[str, Parsed], blocks: dict[BlockKey, dict[str, bool]]) -> None:
        self.parsed, self.blocks = parsed, blocks
        self.cache: dict[_ContextKey, list[Cluster] | None] = {}
        self.resolved: dict[tuple[BlockKey, str], tuple[Token, str] | None] = {}
        self.parts: dict[tuple[BlockKey, str], _Parts] = {}

    def _parts(self, key: BlockKey, rid: str) -> _Parts:
        """The record's family name tokens for this key, its initials' sounds and letters."""
        if (key, rid) not in self.parts:
            self.parts[(key, rid)] = self._read_parts(key, rid)
        return self.parts[(key, rid)]

    def _read_parts(self, key: BlockKey, rid: str) -> _Parts:
        surname_key = key[2].partition(":")[0]
        names = self.parsed[rid][1]
        # the family name: the part of this key and any part hyphenated to it (Кара-Мурза)
        surnames = [t for n in names for t in n.tokens
                    if surname_key in t.keys
                    or (t in n.joined and any(surname_key in j.keys for j in n.joined))]
        initials = [t for n in names for t in n.tokens if t.initial]
        heads = frozenset(h for t in initials for h in t.heads)
        return surnames, heads, frozenset(c for t in initials for c in t.letters)

    def resolve(self, key: BlockKey, rid: str) -> tuple[Token, str] | None:
        """The one given name the record's initial stands for here and why, or None."""
        if (key, rid) not in self.resolved:
            self.resolved[(key, rid)] = self._resolve(key, rid)
        return self.resolved[(key, rid)]

    def _resolve(self, key: BlockKey, rid: str) -> tuple[Token, str] | None:
        surnames, heads, letters = self._parts(key, rid)
        if not surnames or not heads:
            return None
        ck = (key[0], key[2], heads, letters,
              tuple(sorted({s for t in surnames for s in t.sounds})))
        if ck not in self.cache:
            self.cache[ck] = self._gather(key, surnames, heads, letters)
        clusters = self.cache[ck]
        if clusters is None:
            return None
        if not clusters:  # no one here gives such a name in full: the initial is one name
            initial = next(t for n in self.parsed[rid][1] for t in n.tokens if t.initial)
            return initial, ONLY_NAME
        if len(clusters) == 1:
            return clusters[0].token, ONLY_NAME
        told = self._tell_apart(rid, clusters)
        return (told, TOLD_APART) if told else None

    def _tell_apart(self, rid: str, clusters: list[Cluster]) -> Token | None:
        """The name whose records agree with this record more than any other name's do."""
        record, names = self.parsed[rid]

        def agreement(o: str) -> int:
            other, others = self.parsed[o]
            return _place_support(record, other) + _patronymic_support(names, others)

        scores = sorted(
            ((max((agreement(o) for o in ids if o != rid), default=-9), i)
             for i, ids in enumerate(c.ids for c in clusters)),
            reverse=True,
        )
        (best, i), (second, _) = scores[0], scores[1]
        return clusters[i].token if best > 0 and best > second else None

    def _gather(self, key: BlockKey, surnames: list[Token], heads: frozenset[str],
                letters: frozenset[str]) -> list[Cluster] | None:
        """The given names that the initial may stand for, with their records; None if many."""
        surname_key = key[2].partition(":")[0]
        clusters: list[Cluster] = []
        seen: set[str] = set()
        for head in sorted(heads):  # a fixed order: the first spelling names a group
            for other in self.blocks.get((key[0], "i", key[2], head), {}):
                if other in seen:
                    continue
                seen.add(other)
                for t in self._given(other, surname_key, surnames, heads, letters):
                    cluster = next((c for c in clusters
                                    if _one_name(c.token, t, heads, letters)), None)
                    if cluster is None:
                        cluster = Cluster(t, [], _name_letters(t))
                        clusters.append(cluster)
                    else:
                        cluster.letters &= _name_letters(t)
                    if other not in cluster.ids:
                        cluster.ids.append(other)
                    if len(clusters) > MAX_NAMES or len(seen) > MAX_BEARERS:
                        return None
        # a name whose spellings all say it starts with a letter the initial is not
        return [c for c in clusters if compatible(letters, c.letters)]

    def _given(self, rid: str, surname_key: str, surnames: list[Token], heads: frozenset[str],
               letters: frozenset[str]) -> Iterator[Token]:
        """Full given names of a record with this family name that the initial may stand for."""
        own = [s for s in surnames if surname_key in s.keys]
        others = [s for s in surnames if surname_key not in s.keys]
        for n in self.parsed[rid][1]:
            if not any(_same_name(s, t) for s in own for t in n.tokens
                       if surname_key in t.keys):
                continue
            if not all(any(_same_name(s, t) for t in n.tokens) for s in others):
                continue  # the rest of a double family name is missing: another family
            for t in _given_names(n, surname_key):
                if initial_fits(heads, letters, t):
                    yield t

    def supports(self, key: BlockKey, rid: str, other: str, name: Token) -> bool:
        """Whether ``other`` bears ``name``, in full or by an initial that resolves to it."""
        if name.initial:  # a name known by its initial alone, where no one gives it in full
            theirs = self.resolve(key, other)
            return theirs is not None and theirs[0].initial
        surname_key = key[2].partition(":")[0]
        _, heads, letters = self._parts(key, rid)
        for n in self.parsed[other][1]:
            for t in _given_names(n, surname_key):
                if _one_name(name, t, heads, letters):
                    return True
        theirs = self.resolve(key, other)
        return theirs is not None and _same_name(name, theirs[0])


_FIELDS = tuple(weights.FIELDS.items())
_MOST = 2.0  # the most a rare value multiplies a field's agreement weight by


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the cheap bound needs of a record: its fields, folded, and a patronymic flag."""

    values: tuple[str, ...]
    organisations: bool
    patronymic: bool
    most_support: float  # the log-odds added if every known field agreed

    @classmethod
    def of(cls, record: NameRecord, names: list[ParsedName]) -> _Facts:
        extra = record.extra
        values = tuple(weights.norm(v) if (v := extra.get(f)) else "" for f, _ in _FIELDS)
        if values[_PHONE]:  # compared as the exact score compares it (phones.same_phone)
            values = (*values[:_PHONE], phone_key(values[_PHONE]), *values[_PHONE + 1:])
        organisations = bool(record.extra.get("organisations"))
        patronymic = any(n.patronymic for n in names)
        most = weights.SAME_ORGANISATION if organisations else 0.0
        for (_, rule), value in zip(_FIELDS, values, strict=True):
            most += rule.agree * _MOST if value else 0.0
        return cls(values, organisations, patronymic, most)


_PHONE = [f for f, _ in _FIELDS].index("phone")


def _initial_cap(patronymics: bool, unique: bool) -> float:
    """The highest name score of a pair whose given name is matched by an initial."""
    shrink = (PATRONYMIC_AGREES if patronymics else 1.0) * (UNIQUE_INITIAL if unique else 1.0)
    return 1 - (1 - INITIAL_CAP) * shrink


_TOP = weights.logit(1.0) + weights.NAME_RARE  # the most log-odds a full name can give


def _bound(a: _Facts, b: _Facts, by_initial: bool, unique: bool) -> float:
    """Cheap upper bound of a pair's score from its records' fields, in log-odds.

    A pair met only through an initial has a name score of at most
    ``INITIAL_CAP``, so unless enough support can be found it is not compared.
    """
    odds = 0.0
    for n, ((_, rule), va, vb) in enumerate(zip(_FIELDS, a.values, b.values, strict=True)):
        if va and vb:
            if va == vb or (n == _PHONE and same_phone_key(va, vb)):
                odds += rule.agree * _MOST
            else:
                odds += max(w for w in (rule.differ, rule.differ_named, rule.close)
                            if w is not None)
    if a.organisations and b.organisations:
        odds += weights.SAME_ORGANISATION
    if not by_initial:
        return _TOP + odds
    return _INITIAL_ODDS[(a.patronymic and b.patronymic, unique)] + odds


_INITIAL_ODDS = {(p, u): weights.logit(_initial_cap(p, u)) for p in (False, True)
                 for u in (False, True)}


def _score(a: Parsed, b: Parsed, context_line: str, explain: bool, *,
           frequencies: weights.Frequencies | None = None, bearers: int = 0) -> Match:
    """Best match of two parsed records, with their fields' evidence applied."""
    m = best_match(a[1], b[1], a[0].kind, explain=explain)
    if context_line and m.initial and 0 < m.score < 1:
        m = Match(1 - (1 - m.score) * UNIQUE_INITIAL, (*m.evidence, context_line), m.initial,
                  m.gendered, m.form)
    return finish(m, a[0].extra, b[0].extra, frequencies=frequencies, bearers=bearers,
                  explain=explain)


def find_duplicates(
    records: Iterable[NameRecord],
    *,
    min_score: float = DEFAULT_THRESHOLD,
    exclude_pairs: Collection[frozenset[str]] = (),
    context: bool = True,
    touching: Collection[str] | None = None,
    frequencies: weights.Frequencies | None = None,
) -> list[ScoredPair]:
    """Propose duplicate pairs scoring at least ``min_score``, best first.

    Pairs in ``exclude_pairs`` (already decided by a user) are never proposed.
    ``context`` lets an initial that is unambiguous among the records count as
    support (see the module documentation). ``touching``: only pairs with a record of
    these ids are scored (the others are not proposed). ``frequencies``: how common the
    field values are, when the records given are a part of those the values are counted
    over (default: the records given).
    """
    with bulk():  # it builds millions of short-lived objects and no cycles
        return _find(records, min_score, exclude_pairs, context, touching=touching,
                     frequencies=frequencies)


def _find(records: Iterable[NameRecord], min_score: float,
          exclude_pairs: Collection[frozenset[str]], context: bool, *,
          touching: Collection[str] | None = None,
          frequencies: weights.Frequencies | None = None) -> list[ScoredPair]:
    parsed = {r.id: (r, [parse(s, r.kind) for s in r.spellings()]) for r in records}
    blocks = _blocks(parsed, by_form=min_score > RELATED_CAP)
    if frequencies is None:
        frequencies = weights.Frequencies(r.extra for r, _ in parsed.values())
    finder = _Finder(parsed, blocks, min_score, {frozenset(p) for p in exclude_pairs},
                     frequencies)
    finder.touching = None if touching is None else frozenset(touching)
    for key, whole in blocks.items():
        for members in _parts(key, whole, parsed):
            if key[1] != "i":
                for a, b in combinations(members, 2):
                    finder.consider(a, b, False, "")
                continue
            for r, flagged in members.items():
                if flagged:
                    finder.initial(key, members, r, context)
    return _best_per_pair(finder.found)


class _Finder:
    """The pairs met so far, their bounds and scores, and the candidates found."""

    def __init__(self, parsed: dict[str, Parsed], blocks: dict[BlockKey, dict[str, bool]],
                 min_score: float, excluded: set[frozenset[str]],
                 frequencies: weights.Frequencies) -> None:
        self.parsed, self.min_score, self.excluded = parsed, min_score, excluded
        # a score is at most 1 however far its odds go; a bound below this cannot reach it
        self.min_odds = weights.logit(min_score) if min_score < weights.CEILING else -1e9
        self.blocks, self.frequencies = blocks, frequencies
        self.name_blocks: dict[str, set[BlockKey]] | None = None
        self.facts = {rid: _Facts.of(*p) for rid, p in parsed.items()}
        self.seen: set[tuple[str, str]] = set()
        self.seen_line: set[tuple[str, str]] = set()  # scored with the context's support
        self.low: set[tuple[str, str, bool, bool]] = set()  # bounded out in that state
        self.found: list[ScoredPair] = []
        self.context = _Context(parsed, blocks)
        self.touching: frozenset[str] | None = None  # only pairs with one of these

    def initial(self, key: BlockKey, members: dict[str, bool], r: str, context: bool) -> None:
        """Pair a record that gives an initial with the other records of its block."""
        name = self.context.resolve(key, r) if context else None
        facts = self.facts[r]
        cap = _initial_cap(facts.patronymic, name is not None)
        if weights.logistic(weights.logit(cap) + facts.most_support) < self.min_score:
            return  # even if everything known agreed, the initial could not carry
        for o, by_initial in members.items():
            if o == r or ((r, o) if r < o else (o, r)) in self.seen_line:
                continue
            line = ""
            # a name known only by its initial is borne by no record that gives a name in full
            if (name and (by_initial or not name[0].initial)
                    and self.context.supports(key, r, o, name[0])):
                line = name[1]
            self.consider(r, o, True, line)

    def consider(self, x: str, y: str, by_initial: bool, line: str) -> None:
        """Bound, then score one pair unless it was scored already."""
        if self.touching is not None and x not in self.touching and y not in self.touching:
            return
        pair = (x, y) if x < y else (y, x)
        if pair in (self.seen_line if line else self.seen):
            return
        state = (*pair, by_initial, bool(line))
        if state in self.low:
            return
        if _bound(self.facts[x], self.facts[y], by_initial, bool(line)) < self.min_odds:
            self.low.add(state)  # not marked as seen: another block may still bring it
            return
        self.seen.add(pair)
        if line:
            self.seen_line.add(pair)
        if self.excluded and frozenset(pair) in self.excluded:
            return
        a, b = self.parsed[pair[0]], self.parsed[pair[1]]
        bearers = self.bearers(*pair)
        weigh = {"frequencies": self.frequencies, "bearers": bearers}
        if _score(a, b, line, False, **weigh).score >= self.min_score:  # type: ignore[arg-type]
            m = _score(a, b, line, True, **weigh)  # type: ignore[arg-type]
            self.found.append(ScoredPair(pair[0], pair[1], m.score, m.evidence))

    def bearers(self, x: str, y: str) -> int:
        """How many records bear the name two records share: the size of the smallest block
        of two full name parts that holds both (0 when they share none)."""
        if self.name_blocks is None:
            self.name_blocks = defaultdict(set)
            for key, members in self.blocks.items():
                if key[1] == "p":
                    for rid in members:
                        self.name_blocks[rid].add(key)
        theirs = self.name_blocks.get(x, ())
        sizes = [len(self.blocks[k]) for k in self.name_blocks.get(y, ()) if k in theirs]
        return min(sizes, default=0)


def _best_per_pair(found: list[ScoredPair]) -> list[ScoredPair]:
    best: dict[tuple[str, str], ScoredPair] = {}
    for c in found:
        old = best.get((c.a_id, c.b_id))
        if old is None or c.score > old.score:
            best[(c.a_id, c.b_id)] = c
    return sorted(best.values(), key=lambda c: (-c.score, c.a_id, c.b_id))
