"""Comparison of two person or organisation names across scripts.

A name is cut into tokens; each token carries its skeleton keys and its finer
phonetic form (see :mod:`registry.match.translit`).  Person names are aligned
token by token whatever their order; patronymics are set aside and compared on
their own; initials match the first sound of a full name.  Surnames (and given
names) that differ only by their gender ending — Navalny / Navalnaya,
Evgeny / Evgenia — are reported as related and kept below the duplicate
threshold.  Organisation names lose their type words (АНО, фонд, Foundation,
e.V.) and quotes before their tokens are compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from registry.match.translit import fold, phonetic, skeletons

__all__ = ["Match", "NameRecord", "ParsedName", "Token", "compare", "compare_parsed", "parse"]

PERSON = "person"
ORGANISATION = "organisation"

SAME, TRANSLIT, INITIAL, GENDER, SIMILAR = 1.0, 0.96, 0.86, 1.0, 0.9
RELATED_CAP = 0.6  # score ceiling when a name part differs only by gender

_ORG_TYPE_WORDS = frozenset(
    {
        "ано",
        "нко",
        "ооо",
        "оао",
        "зао",
        "пао",
        "ао",
        "ип",
        "роо",
        "моо",
        "мроо",
        "рооо",
        "оод",
        "фонд",
        "фонда",
        "благотворительный",
        "некоммерческая",
        "автономная",
        "организация",
        "общественная",
        "региональная",
        "межрегиональная",
        "объединение",
        "ev",
        "e",
        "v",
        "gmbh",
        "ggmbh",
        "ltd",
        "llc",
        "inc",
        "ngo",
        "ano",
        "foundation",
        "fund",
        "fondation",
        "stiftung",
        "verein",
        "asbl",
        "ong",
        "association",
        "organisation",
        "organization",
        "charity",
        "charitable",
        "nonprofit",
        "the",
        "of",
    }
)
_PATRONYMIC = re.compile(r"(vix|vna|ixna|xna|[lt]ix)$")
_SURNAME = re.compile(r"(ov|ova|ev|eva|in|ina|sk[ia]|enko|uk|ix|ik|iy|aia)$")
_SPLIT = re.compile(r"[\s,;/()\[\]«»„“”\"'‹›]+")
_EV = re.compile(r"\be\.\s?v\.", re.IGNORECASE)


@dataclass(frozen=True)
class NameRecord:
    """A person or organisation as the duplicate finder sees it."""

    id: str
    kind: str  # "person" | "organisation"
    name: str
    name_latin: str = ""
    aliases: tuple[str, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    def spellings(self) -> list[str]:
        """Every non-empty spelling of the name, main one first."""
        seen = dict.fromkeys(s for s in (self.name, self.name_latin, *self.aliases) if s.strip())
        return list(seen)


@dataclass(frozen=True)
class Match:
    """How alike two names are (0..1) and why, in words."""

    score: float
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name with its keys."""

    text: str
    keys: tuple[str, ...]
    sound: str
    initial: bool


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A spelling cut into name tokens and, for persons, a patronymic."""

    spelling: str
    tokens: tuple[Token, ...]
    patronymic: Token | None = None


@lru_cache(maxsize=1 << 16)
def _token(piece: str) -> Token | None:
    """Build a token from one piece of text ("Yulia", "Y.", "Ю.")."""
    bare = piece.strip(".-‐–—`’ʹʺ")
    word = "".join(ch for ch in bare if ch.isalnum())
    if not word:
        return None
    keys = tuple(k for k in skeletons(word) if k)
    if not keys:
        keys = (fold(word),)
    initial = len(word) == 1 or (piece.endswith(".") and len(word) <= 2)
    return Token(bare, keys, phonetic(word) or fold(word), initial)


def _pieces(spelling: str) -> list[str]:
    """Split a spelling at spaces and hyphens, and run-together initials."""
    out: list[str] = []
    for chunk in _SPLIT.split(spelling.replace("-", " ")):
        parts = chunk.split(".")
        if len(parts) > 2 or (len(parts) == 2 and parts[1]):
            last = len(parts) - 1
            out.extend(p + "." if k < last else p for k, p in enumerate(parts) if p)
        elif chunk:
            out.append(chunk)
    return out


def _split_patronymic(tokens: list[Token]) -> tuple[list[Token], Token | None]:
    """Take a patronymic out of a person's tokens when one is recognisable."""
    full = [i for i, t in enumerate(tokens) if not t.initial]
    if len(full) >= 3:
        for i in full[1:]:
            if _PATRONYMIC.search(tokens[i].sound):
                return tokens[:i] + tokens[i + 1 :], tokens[i]
    initials = [i for i, t in enumerate(tokens) if t.initial]
    if len(initials) == 2 and len(full) >= 1 and initials[1] == initials[0] + 1:
        i = initials[1]
        return tokens[:i] + tokens[i + 1 :], tokens[i]
    return tokens, None


def parse(spelling: str, kind: str = PERSON) -> ParsedName:
    """Cut one spelling into tokens; organisations lose type words."""
    if kind == ORGANISATION:
        spelling = _EV.sub(" ", spelling)
    tokens = [t for t in map(_token, _pieces(spelling)) if t is not None]
    if kind == ORGANISATION:
        kept = [t for t in tokens if fold(t.text) not in _ORG_TYPE_WORDS]
        return ParsedName(spelling, tuple(kept or tokens))
    rest, patronymic = _split_patronymic(tokens)
    return ParsedName(spelling, tuple(rest), patronymic)


def _levenshtein(a: str, b: str) -> int:
    """Edit distance of two short strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _gendered(a: str, b: str) -> bool:
    """True when two sounds of one stem differ by a feminine ending."""
    return a.endswith("a") != b.endswith("a")


def _vowel_check(a: str, b: str) -> tuple[float, str]:
    """Same consonants, other vowels: Egor / Igor, Krylov / Korolev differ."""
    if a[0] != b[0] and a[0] in "aeiou" and b[0] in "aeiou":
        return 0.5, "different vowels"
    ratio = 1 - _levenshtein(a, b) / max(len(a), len(b))
    return (TRANSLIT, "transliteration") if ratio >= 0.75 else (ratio * SIMILAR, "different vowels")


def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Similarity of two tokens and the kind of likeness found."""
    if a.initial or b.initial:
        if a.keys[0][:1] == b.keys[0][:1]:
            return (INITIAL if a.initial != b.initial else 0.8), "initial"
        return 0.0, ""
    if not set(a.keys).isdisjoint(b.keys):
        if a.sound == b.sound:
            return SAME, "same"
        if _gendered(a.sound, b.sound):
            return GENDER, "gender"
        return _vowel_check(a.sound, b.sound)
    longest = max(len(a.sound), len(b.sound))
    if longest < 4 or a.sound[0] != b.sound[0]:
        return 0.0, ""
    ratio = 1 - _levenshtein(a.sound, b.sound) / longest
    return (ratio * SIMILAR, "similar spelling") if ratio >= 0.75 else (0.0, "")


Pair = tuple[Token, Token, float, str]


def _align(a: Sequence[Token], b: Sequence[Token]) -> tuple[list[Pair], int, int]:
    """Greedy best one-to-one alignment; also count conflicts and leftovers."""
    cells = sorted(
        ((*token_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        key=lambda c: -c[0],
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[Pair] = []
    for sim, how, i, j in cells:
        if sim > 0 and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((a[i], b[j], sim, how))
    left_a = len(a) - len(used_a)
    left_b = len(b) - len(used_b)
    return pairs, min(left_a, left_b), abs(left_a - left_b)


def _evidence(pair: Pair, role: str) -> str:
    """Human-readable line for one aligned pair of tokens."""
    x, y, _, how = pair
    if how == "initial":
        full, short = (y, x) if x.initial else (x, y)
        return f"{role} initial {short.text}. matches {full.text}"
    if how == "gender":
        return f"{role} forms differ by gender ({x.text} / {y.text}): related, not the same"
    return f"{role}: {x.text} ≈ {y.text} ({how})"


def _role(token: Token, name: ParsedName, kind: str) -> str:
    """Guess what part of a name a token is, for the evidence text."""
    if kind == ORGANISATION:
        return "name word"
    if token.initial:
        return "given name"
    full = [t for t in name.tokens if not t.initial]
    if len(full) == 1:
        return "family name" if len(name.tokens) > 1 else "name"
    if _SURNAME.search(token.sound):
        return "family name"
    if any(_SURNAME.search(t.sound) for t in full if t is not token):
        return "given name"
    return "family name" if token is full[-1] else "given name"


def _token_score(a: ParsedName, b: ParsedName, kind: str) -> tuple[float, list[str], bool]:
    """Score the aligned tokens of two spellings; flag gender-only likeness."""
    pairs, conflicts, spare = _align(a.tokens, b.tokens)
    if not pairs:
        return 0.0, [], False
    total = sum(p[2] for p in pairs)
    if kind == ORGANISATION:
        score = 2 * total / (len(a.tokens) + len(b.tokens))
    else:
        score = total / (len(pairs) + conflicts + 0.3 * spare)
        if len(pairs) == 1 and len(a.tokens) + len(b.tokens) > 2:
            score *= 0.7
    lines = [_evidence(p, _role(p[0], a, kind)) for p in pairs]
    if conflicts:
        lines.append(f"{conflicts} name part(s) do not match")
    return score, lines, any(p[3] == "gender" for p in pairs)


def _patronymic_factor(a: ParsedName, b: ParsedName) -> tuple[float, str | None]:
    """Multiplier and evidence from the two patronymics, when both are known."""
    if a.patronymic is None or b.patronymic is None:
        return 1.0, None
    sim, how = token_similarity(a.patronymic, b.patronymic)
    if how == "gender" or sim < 0.8:
        return 0.6, f"patronymics differ ({a.patronymic.text} / {b.patronymic.text})"
    return 1.0, f"patronymic: {a.patronymic.text} ≈ {b.patronymic.text}"


def compare_parsed(a: ParsedName, b: ParsedName, kind: str = PERSON) -> Match:
    """Compare two parsed spellings of the same kind."""
    score, lines, gendered = _token_score(a, b, kind)
    if kind == PERSON and score > 0:
        factor, line = _patronymic_factor(a, b)
        score *= factor
        if line:
            lines.append(line)
        if gendered:
            score = min(score, RELATED_CAP)
    return Match(round(min(score, 1.0), 4), tuple(lines))


def extra_factor(a: NameRecord, b: NameRecord) -> tuple[float, list[str]]:
    """Multiplier and evidence from birth year and gender when both are known."""
    factor, lines = 1.0, []
    for key, penalty in (("birth_year", 0.5), ("gender", 0.3)):
        va, vb = a.extra.get(key), b.extra.get(key)
        if va and vb:
            same = va.strip().casefold() == vb.strip().casefold()
            factor *= 1.0 if same else penalty
            lines.append(f"{key.replace('_', ' ')}: {va} {'=' if same else '≠'} {vb}")
    return factor, lines


def best_match(a: Sequence[ParsedName], b: Sequence[ParsedName], kind: str = PERSON) -> Match:
    """The best comparison over every pair of spellings of two records."""
    best = Match(0.0)
    for x in a:
        for y in b:
            m = compare_parsed(x, y, kind)
            if m.score > best.score:
                best = m
    return best


def compare(a: NameRecord, b: NameRecord) -> Match:
    """Compare two records; persons and organisations never match each other."""
    if a.kind != b.kind:
        return Match(0.0, ("different kinds of record",))
    if a.spellings() == b.spellings():
        return Match(1.0, ("identical names",))
    pa = [parse(s, a.kind) for s in a.spellings()]
    pb = [parse(s, b.kind) for s in b.spellings()]
    m = best_match(pa, pb, a.kind) if a.id <= b.id else best_match(pb, pa, a.kind)
    factor, lines = extra_factor(a, b)
    return Match(round(m.score * factor, 4), m.evidence + tuple(lines))
