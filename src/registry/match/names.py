"""Comparison of two person or organisation names across scripts.

A name is cut into tokens; each token carries the skeleton keys and finer
phonetic forms of its readings (see :mod:`registry.match.translit`).  Person
names are aligned token by token whatever their order; patronymics are set
aside and compared on their own; initials match the first sound of a full
name.  Surnames (and given names) that differ only by their gender ending —
Navalny / Navalnaya, Evgeny / Evgenia — are reported as related and kept below
the duplicate threshold.  Organisation names lose their type words (АНО, фонд,
Foundation, e.V.) and quotes before their tokens are compared.

An initial is weak evidence: a family name and a matching initial score
``0.75``, below the duplicate threshold, and only other evidence carries such a
pair over it — a matching patronymic, the same birth year, country, region or
city in the records' ``extra`` (:func:`support`).  Contradicting evidence
(another birth year, gender, patronymic) lowers any score.

An initial matches a name only if its first sound class meets the name's and
the Cyrillic letters it may stand for meet the name's first letter's
(:mod:`registry.match.letters`): ``I.`` can be Iulia or Irina, not Uliana.  A
short form is also met by the initial of a full name it stands for (``V.`` for
Lera, Валерия).

A short form of a given name (``Masha`` for Мария, :mod:`registry.match.diminutives`) is a
weaker match than the name itself (``SHORT_FORM``; ``SHORT_FORM_OF_SEVERAL`` when it stands
for several names, like Слава), and its evidence line says so.

Record fields then add or take away evidence in log-odds (:mod:`registry.match.weights`);
every line of evidence is a :class:`registry.match.evidence.Reason`.

Edit distances come from ``rapidfuzz`` (C++), with a pure-Python fallback.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from registry.match import phones, weights
from registry.match.choices import DEFAULT_THRESHOLD
from registry.match.diminutives import full_name, full_names
from registry.match.evidence import Reason
from registry.match.letters import compatible, first_letters
from registry.match.translit import compose, fold, phonetics, skeleton, skeletons, words
from registry.memory import of_records

__all__ = [
    "DEFAULT_THRESHOLD",
    "Match",
    "NameRecord",
    "ParsedName",
    "Token",
    "compare",
    "compare_parsed",
    "initial_fits",
    "initial_fits_name",
    "parse",
    "patronymics_agree",
    "query_score",
    "support",
]

PERSON = "person"
ORGANISATION = "organisation"

SAME, TRANSLIT, SIMILAR = 1.0, 0.96, 0.9
SHORT_FORM, SHORT_FORM_OF_SEVERAL = 0.8, 0.6  # Masha for Мария; Slava for one of four names
INITIAL = 0.5  # an initial against a full name: family name + initial = 0.75
BOTH_INITIALS = 0.45
INITIAL_CAP = 0.75  # a name whose given name is only an initial scores no more
RELATED_CAP = 0.6  # score ceiling when a name part differs only by gender
CONFLICT_CAP = 0.7  # a full name part on each side that matches nothing: two people (siblings)

PATRONYMIC_AGREES, PATRONYMIC_INITIAL_AGREES, PATRONYMIC_DIFFERS = 0.5, 0.5, 0.6

_ORG_TYPE_WORDS = frozenset(
    [
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
        "фонду",
        "благотворительный",
        "благотворительная",
        "некоммерческая",
        "автономная",
        "организация",
        "общественная",
        "общественное",
        "региональная",
        "межрегиональная",
        "объединение",
        "движение",
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
    ]
)
_PATRONYMIC = re.compile(r"(vix|vna|ixna|xna|[lt]ix)$")
_SURNAME = re.compile(r"(ov|ova|ev|eva|in|ina|[sc]k[ia]|enko|uk|ix|ik|iy|aia|ln[ai]|man)$")
# Family names whose form says the bearer's gender (Mironova is a woman, Mironov a man).
_FEMININE_FORM = re.compile(r"(ova|eva|ina|[sc]ka|aia|a)$")
_MASCULINE_FORM = re.compile(r"(ov|ev|in|[sc]ki|i)$")
_SPLIT = re.compile(r"[\s,;/()\[\]«»„“”\"'‹›]+")
# Soft and hard sign marks inside a word (Natal'ya, Ol’ga, Podʺjačev, Pod''yachev): not a split.
_MARKS = re.compile(r"(?<=\w)['’ʼʹʺ″`´\"”]+(?=\w)")
_EV = re.compile(r"\be\.\s?v\.", re.IGNORECASE)
# Letters that stand for several first sounds when used as an initial.
_INITIAL_HEADS = {
    "i": {"0u", "0a", "0e"},  # ICAO Iulia, Iana, Iekaterina
    "y": {"0u", "0a", "0e"},
    "j": {"0u", "0a", "0e", "x"},
    "ё": {"0o"},
    # the first letter of a digraph: Zh, Sh/Sch, Ch/Cz, Kh, Ts/Tch
    "z": {"s", "x"},
    "s": {"s", "x"},
    "c": {"s", "k", "x"},
    "k": {"k", "x"},
    "t": {"t", "s", "x"},
}


def _levenshtein_py(a: str, b: str) -> float:
    """Normalised edit similarity, 1 - distance / longer length (fallback)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1 - prev[-1] / max(len(a), len(b), 1)


def _pick_similarity() -> Callable[[str, str], float]:
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        return _levenshtein_py
    return Levenshtein.normalized_similarity


edit_similarity = _pick_similarity()


@dataclass(frozen=True)
class NameRecord:
    """A person or organisation as the duplicate finder sees it.

    ``extra`` holds optional evidence: ``birth_year``, ``gender``, ``country``,
    ``region``, ``city``, ``email``, ``phone`` (persons), ``country``, ``founded``,
    ``website`` (organisations); and ``organisations``, the ids of the organisations a
    person is tied to, separated by spaces.
    """

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
    """How alike two names are (0..1) and why, in words.

    ``initial``: the given name was matched by an initial only; ``gendered``: a
    name part differs only by its gender form (the pair is related, not the same);
    ``form``: ``"f"`` or ``"m"`` when both names' family names are in that gendered form.
    """

    score: float
    evidence: tuple[str, ...] = ()
    initial: bool = False
    gendered: bool = False
    form: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Token:
    """One word of a name with its keys; compared and hashed by identity."""

    text: str
    keys: frozenset[str]
    sounds: tuple[str, ...]
    initial: bool
    heads: frozenset[str]
    letters: frozenset[str]  # Cyrillic letters it may start with (letters.first_letters)
    short_of: frozenset[str] = frozenset()  # full names it is a short form of (Маша: мария)
    full: str = ""  # the listed full name it spells (Maria: мария), for short forms
    # for a short form, the first sounds and letters of the full names it stands for (Лера:
    # Валерия), so that an initial can meet it (V. Nesterova / Lera Nesterova)
    full_heads: frozenset[str] = frozenset()
    full_letters: frozenset[str] = frozenset()

    @property
    def sound(self) -> str:
        return self.sounds[0]


@dataclass(frozen=True, slots=True, eq=False)
class ParsedName:
    """A spelling cut into name tokens and, for persons, a patronymic.

    Compared and hashed by identity: :func:`parse` gives one object per spelling.
    """

    spelling: str
    tokens: tuple[Token, ...]
    patronymic: Token | None = None
    joined: frozenset[Token] = frozenset()  # parts of a hyphenated word (Кара-Мурза)


def _head(key: str) -> str:
    """The first sound of a key: ``0`` and a vowel class, or a consonant class."""
    return key[:2] if key.startswith("0") else key[:1]


_STRIP = ".-‐–—`’ʹʺ"


@of_records
@lru_cache(maxsize=1 << 17)
def _token(piece: str) -> Token | None:
    """Build a token from one piece of text ("Yulia", "Y.", "Ю.")."""
    bare = piece.strip(_STRIP)
    word = "".join(ch for ch in bare if ch.isalnum())
    if not word:
        return None
    keys = skeletons(word) or (fold(word),)
    sounds = phonetics(word) or (fold(word),)
    initial = len(word) == 1 or (piece.endswith(".") and len(word) <= 2)
    heads = {_head(k) for k in keys}
    if initial:
        heads |= _INITIAL_HEADS.get(fold(word)[:1] if len(word) == 1 else "", set())
    letters = first_letters(bare)
    if initial:
        return Token(bare, frozenset(keys), sounds, initial, frozenset(heads), letters)
    short_of = full_names(sounds)
    return Token(bare, frozenset(keys), sounds, initial, frozenset(heads), letters,
                 short_of, full_name(word) or "", *_full_heads(short_of))


@of_records
@lru_cache(maxsize=256)
def _full_heads(names: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The first sounds and first letters of full names (those a short form stands for)."""
    heads = {_head(k) for n in names for k in skeletons(n)}
    return frozenset(heads), frozenset(c for n in names for c in first_letters(n))


def initial_fits(heads: frozenset[str], letters: frozenset[str], name: Token) -> bool:
    """Whether an initial (its first sounds and letters) can stand for a name part: by the
    part's own beginning or, for a short form, by a full name's (V. for Lera, Валерия)."""
    if not heads.isdisjoint(name.heads) and compatible(letters, name.letters):
        return True
    return not heads.isdisjoint(name.full_heads) and compatible(letters, name.full_letters)


def initial_fits_name(heads: frozenset[str], letters: frozenset[str], name: str) -> bool:
    """Whether an initial can stand for a full name written out (``"ярослав"``)."""
    name_heads, name_letters = _full_heads(frozenset((name,)))
    return not heads.isdisjoint(name_heads) and compatible(letters, name_letters)


def _pieces(spelling: str) -> list[str]:
    """Split a spelling at spaces and hyphens, and run-together initials."""
    out: list[str] = []
    for chunk in _SPLIT.split(_MARKS.sub("", spelling).replace("-", " ")):
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


# German and Polish spellings (w for в, sch, sz, cz, ł) write й with j, never ж: in them a
# leading j is a glide (Jakowlewa Jana is Яна, not Жанна).
_J_IS_GLIDE = re.compile(r"w|sch|sz|cz|ł", re.IGNORECASE)


def _glide(token: Token) -> Token:
    if token.initial or token.text[:1] not in "jJ" or "ж" not in token.letters:
        return token
    letters = token.letters - {"ж"}
    return dataclasses.replace(token, letters=letters) if letters else token


@of_records
@lru_cache(maxsize=1 << 16)
def parse(spelling: str, kind: str = PERSON) -> ParsedName:
    """Cut one spelling into tokens; organisations lose type words."""
    spelling = compose(spelling)
    if kind == ORGANISATION:
        spelling = _EV.sub(" ", spelling)
    tokens = [t for t in map(_token, _pieces(spelling)) if t is not None]
    if kind == PERSON and _J_IS_GLIDE.search(spelling):
        tokens = [_glide(t) for t in tokens]
    if kind == ORGANISATION:
        kept = [t for t in tokens if fold(t.text) not in _ORG_TYPE_WORDS]
        return ParsedName(spelling, tuple(kept or tokens))
    rest, patronymic = _split_patronymic(tokens)
    return ParsedName(spelling, tuple(rest), patronymic, _joined(spelling, rest))


def _joined(spelling: str, tokens: list[Token]) -> frozenset[Token]:
    """The tokens written as parts of a hyphenated word (a double family name)."""
    if "-" not in spelling:
        return frozenset()
    parts = {p.strip(_STRIP) for w in _SPLIT.split(spelling) if "-" in w for p in _pieces(w)}
    return frozenset(t for t in tokens if t.text in parts)


def _best_sounds(a: Token, b: Token) -> tuple[float, str, str]:
    """The most alike pair of sounds of two tokens, with its similarity."""
    best = (-1.0, a.sound, b.sound)
    for x in a.sounds:
        for y in b.sounds:
            sim = 1.0 if x == y else edit_similarity(x, y)
            if sim > best[0]:
                best = (sim, x, y)
    return best


def _initial_similarity(a: Token, b: Token) -> tuple[float, str]:
    if not (initial_fits(a.heads, a.letters, b) if a.initial
            else initial_fits(b.heads, b.letters, a)):
        return 0.0, ""
    return (INITIAL if a.initial != b.initial else BOTH_INITIALS), "initial"


def _same_key_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Tokens with a skeleton in common: same, gender form, or other vowels."""
    ratio, x, y = _best_sounds(a, b)
    if ratio == 1.0:
        return SAME, "same"
    if x.endswith("a") != y.endswith("a"):
        return 1.0, "gender"
    if x[0] != y[0] and x[0] in "aeiou" and y[0] in "aeiou":
        ratio = 0.5 / SIMILAR
    if ratio >= 0.75:
        return TRANSLIT, "transliteration"
    return ratio * SIMILAR, "different vowels"


def _short_form_similarity(a: Token, b: Token) -> tuple[float, str]:
    """A short form against the full name it stands for (Masha / Мария), else nothing."""
    for short, full in ((a, b), (b, a)):
        if full.full and full.full in short.short_of:
            if len(short.short_of) > 1 and not _one_name(short.short_of):
                return SHORT_FORM_OF_SEVERAL, "short_form_of_several"
            return SHORT_FORM, "short_form"
    return 0.0, ""


def _one_name(names: frozenset[str]) -> bool:
    """Full names that are one name in two genders or spellings (Александр, Александра;
    Софья, София)."""
    return len({skeleton(n) for n in names}) == 1


@of_records
@lru_cache(maxsize=1 << 20)
def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Similarity of two tokens and the kind of likeness found."""
    if a.initial or b.initial:
        return _initial_similarity(a, b)
    if a.short_of or b.short_of:
        short = _short_form_similarity(a, b)
        if short[0]:
            return short
    if not compatible(a.letters, b.letters):  # Iana is Яна, not Анна
        return 0.0, ""
    if not a.keys.isdisjoint(b.keys):
        return _same_key_similarity(a, b)
    if max(len(a.sound), len(b.sound)) < 4 or a.sound[0] != b.sound[0]:
        return 0.0, ""
    ratio = _best_sounds(a, b)[0]
    return (ratio * SIMILAR, "similar spelling") if ratio >= 0.75 else (0.0, "")


Pair = tuple[Token, Token, float, str]


def _align(a: Sequence[Token], b: Sequence[Token]) -> tuple[list[Pair], int, int]:
    """Greedy best one-to-one alignment; also count conflicts and leftovers."""
    cells = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            sim, how = token_similarity(x, y)
            if sim > 0:
                cells.append((sim, how, i, j))
    cells.sort(key=lambda c: -c[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[Pair] = []
    for sim, how, i, j in cells:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((a[i], b[j], sim, how))
    left_a = len(a) - len(used_a)
    left_b = len(b) - len(used_b)
    return pairs, min(left_a, left_b), abs(left_a - left_b)


_HOW = {"same": "same", "transliteration": "transliteration", "similar spelling": "similar",
        "different vowels": "vowels"}


def _evidence(pair: Pair, role: str) -> Reason:
    """The evidence line for one aligned pair of tokens."""
    x, y, _, how = pair
    if how == "initial":
        full, short = (y, x) if x.initial else (x, y)
        return Reason("initial", role, short.text.rstrip(".") + ".", full.text)
    if how == "gender":
        return Reason("gender", role, x.text, y.text)
    if how in ("short_form", "short_form_of_several"):
        short, full = (x, y) if x.short_of else (y, x)
        return Reason(how, "given name", short.text, full.text)
    return Reason(_HOW.get(how, "similar"), role, x.text, y.text)


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


def _token_score(a: ParsedName, b: ParsedName, kind: str) -> tuple[float, list[Pair], int]:
    """Score the aligned tokens of two spellings; also the pairs and conflicts."""
    pairs, conflicts, spare = _align(a.tokens, b.tokens)
    if not pairs:
        return 0.0, pairs, conflicts
    total = sum(p[2] for p in pairs)
    if kind == ORGANISATION:
        score = 2 * total / (len(a.tokens) + len(b.tokens))
    else:
        score = total / (len(pairs) + conflicts + 0.5 * spare)
        if len(pairs) == 1 and len(a.tokens) + len(b.tokens) > 2:
            score *= 0.7
        if any(p[3] == "initial" for p in pairs):
            score = min(score, INITIAL_CAP)
    return score, pairs, conflicts


def patronymics_agree(a: Token, b: Token) -> bool:
    """Whether two patronymics (or their initials) can be one: not another father's name,
    nor the other gender's form of it."""
    sim, how = token_similarity(a, b)
    return not (how == "gender" or sim < 0.45 or (sim < 0.8 and how != "initial"))


def _patronymic(a: ParsedName, b: ParsedName, score: float) -> tuple[float, Reason | None]:
    """The score with the two patronymics' evidence applied, when both are known."""
    if a.patronymic is None or b.patronymic is None:
        return score, None
    texts = (a.patronymic.text, b.patronymic.text)
    if not patronymics_agree(a.patronymic, b.patronymic):
        return score * PATRONYMIC_DIFFERS, Reason("patronymic_differs", *texts)
    how = token_similarity(a.patronymic, b.patronymic)[1]
    shrink = PATRONYMIC_INITIAL_AGREES if how == "initial" else PATRONYMIC_AGREES
    return 1 - (1 - score) * shrink, Reason("patronymic_agrees", *texts)


def compare_parsed(
    a: ParsedName, b: ParsedName, kind: str = PERSON, *, explain: bool = True
) -> Match:
    """Compare two parsed spellings of the same kind (names only, no record fields).

    With ``explain=False`` the evidence is left out (faster, for screening).
    """
    score, pairs, conflicts = _token_score(a, b, kind)
    lines = [_evidence(p, _role(p[0], a, kind)) for p in pairs] if explain else []
    if conflicts and explain:
        lines.append(Reason("unmatched", conflicts))
    if kind == PERSON and score > 0:
        score, line = _patronymic(a, b, score)
        if line and explain:
            lines.append(line)
        if conflicts:
            score = min(score, CONFLICT_CAP)
    return Match(
        round(min(score, 1.0), 4),
        tuple(lines),
        initial=any(p[3] == "initial" for p in pairs),
        gendered=any(p[3] == "gender" for p in pairs),
        form=_form(pairs, kind),
    )


def _form(pairs: list[Pair], kind: str) -> str:
    """``"f"`` or ``"m"`` when a family name of both spellings is in that gendered form."""
    if kind != PERSON:
        return ""
    for x, y, _, how in pairs:
        if how in ("same", "transliteration"):
            form = _gender_form(x.sound)
            if form and form == _gender_form(y.sound):
                return form
    return ""


@of_records
@lru_cache(maxsize=1 << 16)
def _gender_form(sound: str) -> str:
    if not _SURNAME.search(sound):
        return ""
    if _FEMININE_FORM.search(sound):
        return "f"
    return "m" if _MASCULINE_FORM.search(sound) else ""


def support(score: float, a: Mapping[str, str], b: Mapping[str, str], *,
            frequencies: weights.Frequencies | None = None, form: str = "",
            explain: bool = True) -> tuple[float, list[Reason]]:
    """Apply the evidence of two records' fields (:data:`registry.match.weights.FIELDS`,
    and the organisations they are tied to) to a name score, in log-odds.

    A field known on both sides and equal adds its weight (more for a rare value); known and
    different, it takes its weight away.  A field missing on either side says nothing.
    ``form`` is the gendered form of both names (``"f"``, ``"m"``), if any; with
    ``explain=False`` no lines are made (faster, for screening).
    """
    start, lines = weights.logit(score), []
    odds = start
    for key, rule in weights.FIELDS.items():
        va, vb = a.get(key), b.get(key)
        if not va or not vb:
            continue
        if _same_value(key, va, vb):
            scale = frequencies.scale(key, va) if frequencies else 1.0
            odds += rule.agree * scale
            code = ("field_agrees_rare" if scale > 1.3 else "field_agrees") if rule.agree else ""
        elif rule.close is not None and _one_apart(va, vb):
            odds += rule.close
            code = "field_close"
        elif rule.differ_named is not None and form and _names_say(form, va, vb):
            odds += rule.differ_named
            code = "field_differs_name_says"
        else:
            odds += rule.differ
            code = "field_differs"
        if code and explain:
            lines.append(Reason(code, key, va, vb))
    shared = _shared(a.get("organisations"), b.get("organisations"))
    if shared:
        odds += weights.SAME_ORGANISATION
        if explain:
            lines.append(Reason("same_organisation", shared))
    return weights.shift(score, odds - start), lines


def _same_value(key: str, a: str, b: str) -> bool:
    if key == "phone":
        return phones.same_phone(a, b)
    return weights.norm(a) == weights.norm(b)


def _one_apart(a: str, b: str) -> bool:
    try:
        return abs(int(a) - int(b)) == 1
    except ValueError:
        return False


def _names_say(form: str, a: str, b: str) -> bool:
    """The names' gendered form names one of two differing gender values."""
    said = "female" if form == "f" else "male"
    return said in (weights.norm(a), weights.norm(b))


def _shared(a: str | None, b: str | None) -> str:
    """An organisation id both lists hold (space-separated ids), or ``""``."""
    if not a or not b:
        return ""
    common = set(a.split()) & set(b.split())
    return min(common) if common else ""


def best_match(
    a: Sequence[ParsedName], b: Sequence[ParsedName], kind: str = PERSON, *, explain: bool = True
) -> Match:
    """The best comparison over every pair of spellings of two records."""
    best, best_pair = -1.0, (a[0], b[0]) if a and b else None
    for x in a:
        for y in b:
            score = _screen(x, y, kind).score
            if score > best:
                best, best_pair = score, (x, y)
    if best_pair is None or best <= 0:
        return Match(0.0)
    if not explain:
        return _screen(*best_pair, kind)
    return compare_parsed(*best_pair, kind, explain=explain)


@of_records
@lru_cache(maxsize=1 << 18)
def _screen(a: ParsedName, b: ParsedName, kind: str) -> Match:
    """Cached comparison without evidence text (names repeat a lot in large sets)."""
    return compare_parsed(a, b, kind, explain=False)


def finish(m: Match, a: Mapping[str, str], b: Mapping[str, str], *,
           frequencies: weights.Frequencies | None = None, bearers: int = 0,
           explain: bool = True) -> Match:
    """A name match with the records' field evidence applied and the gender cap.

    ``bearers``: how many records compared bear the pair's name (0: not known), so a rare
    name counts more and a common one less (:func:`registry.match.weights.name_weight`).
    """
    if m.score <= 0:
        return m
    score, lines = support(m.score, a, b, frequencies=frequencies, form=m.form,
                           explain=explain)
    extra = weights.name_weight(bearers) if not m.initial else 0.0
    if extra:
        score = weights.shift(score, extra)
        code = "rare_name" if extra > 0 else "common_name"
        if abs(extra) >= 0.2 and explain:
            lines.append(Reason(code, bearers))
    if m.gendered:
        score = min(score, RELATED_CAP)
    return Match(round(min(max(score, 0.0), 1.0), 4), m.evidence + tuple(lines), m.initial,
                 m.gendered, m.form)


def compare(a: NameRecord, b: NameRecord, *, explain: bool = True) -> Match:
    """Compare two records; persons and organisations never match each other.

    With ``explain=False`` the evidence is left out: the score, ``initial``, ``gendered`` and
    ``form`` are those of the full comparison (the words are made from the same pairs).
    """
    if a.kind != b.kind:
        return Match(0.0, (Reason("kinds_differ"),) if explain else ())
    pa = [parse(s, a.kind) for s in a.spellings()]
    pb = [parse(s, b.kind) for s in b.spellings()]
    first, second = (pa, pb) if a.id <= b.id else (pb, pa)
    m = best_match(first, second, a.kind, explain=explain)
    if a.id > b.id:
        return finish(m, b.extra, a.extra, explain=explain)
    return finish(m, a.extra, b.extra, explain=explain)


# -- search ranking ------------------------------------------------------------------------
EXACT_WORD, SAME_SOUND, OTHER_FORM, SAME_KEY, PREFIX = 1.0, 0.9, 0.55, 0.75, 0.5
SHORT_FORM_WORD = 0.7  # Masha for Мария
SOUND_PREFIX = 0.6  # моро for Морозов: the word as typed so far, in either script
GENDER_LIKENESS = 0.6  # Smirnov for Smirnova; моро and Мария (0.5) are not two forms


def _word_score(q: str, word: str) -> float:
    """How well one query word matches one word of a name."""
    if q == word:
        return EXACT_WORD
    qt, wt = _token(q), _token(word)
    if qt is None or wt is None:
        return 0.0
    if not qt.keys.isdisjoint(wt.keys):
        ratio, x, y = _best_sounds(qt, wt)
        if ratio == 1.0:
            return SAME_SOUND
        gender = x.endswith("a") != y.endswith("a") and ratio >= GENDER_LIKENESS
        return max(OTHER_FORM if gender else SAME_KEY * max(ratio, 0.5), _sound_prefix(qt, wt))
    best = max(SHORT_FORM_WORD if wt.full and wt.full in qt.short_of else 0.0,
               _sound_prefix(qt, wt))
    for qk in qt.keys:
        for wk in wt.keys:
            if wk.startswith(qk):
                best = max(best, PREFIX * (0.5 + 0.5 * len(qk) / len(wk)))
    if word.startswith(q):
        best = max(best, PREFIX * (0.6 + 0.4 * len(q) / len(word)))
    return best


def _sound_prefix(q: Token, word: Token) -> float:
    """A query word whose sound begins the word's (``моро``, ``moro`` for Морозов): by how
    much it covers, above a word that only shares its consonants (Мария for ``моро``)."""
    best = 0.0
    for x in q.sounds:
        for y in word.sounds:
            if len(x) < len(y) and y.startswith(x):
                best = max(best, SOUND_PREFIX * (0.6 + 0.4 * len(x) / len(y)))
    return best


def query_score(query: str, name: str) -> float:
    """How well a search query matches a name, 0..1, for ranking search hits.

    Each query word takes its best word of ``name`` (give all spellings of a
    record, joined, to score them together): the same word scores 1, the same
    word in another script or romanisation 0.9, the other gender form of it
    (Smirnov for Smirnova) 0.55, a short form of it (Masha for Мария) 0.7, a prefix
    0.25..0.5 by how much it covers.
    The result is the mean over the query words; 0 when a word matches nothing.
    """
    q_words, n_words = words(query), words(name)
    if not q_words or not n_words:
        return 0.0
    total = 0.0
    for q in q_words:
        total += max(_word_score(q, w) for w in n_words)
    return round(total / len(q_words), 4)
