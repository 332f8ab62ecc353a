"""Script-independent search terms for names written in Cyrillic or Latin.

The heart of this module is :func:`skeleton`, a phonetic key that is the same
for a Cyrillic word and for its Latin spellings in real use (passport ICAO
9303, BGN/PCGN, ISO 9, scholarly, English, German and French customs):

* every script is first brought to lower-case Latin letters; Cyrillic goes
  through a plain digraph transliteration so that it meets the same rules as
  the Latin spellings do;
* consonant spellings that the systems disagree on fall into one class:
  ``ж ш щ ч х`` (zh, sh, sch, ch, tch, tsch, kh, ž, š, č, x...) become ``x``;
  ``з с ц`` (z, s, ss, ts, tz, c) become ``s``; ``в ф`` (v, w, f, ph) become
  ``v``; ``x`` is read as ``ks`` (Alexei, Aleksey);
* vowels and glides (a e i o u y j, ya/ja/ia, ou, ï...) are where the systems
  differ most, so they vanish, except that a word starting with one keeps a
  leading ``0`` and the class of that first vowel sound (glides dropped):
  ``Ivan`` is ``0ivn`` and does not collide with ``Vinogradov``; ``Yulia``,
  ``Julija``, ``Ioulia`` are ``0ul`` and do not prefix-match ``Olga`` (``0olg``).

So ``Навальная``, ``Navalnaya``, ``Nawalnaja`` and ``Navalnaïa`` all give
``nvln``; ``Юлия``, ``Yulia``, ``Julija``, ``Ioulia`` all give ``0ul``.

Some Latin letters have two readings in real use, and :func:`skeletons` gives
a key for each: ``x`` (ks in Alexei, х in GOST B Xodorkovskij), a lone ``h``
(х in ISO 9 Mihail, г in Ukrainian Olha), a leading ``j`` before a vowel
(a glide in Julia, ж in French Janna) and ``c`` before a, o, u (к in Nicolai,
ц in ISO 9 Kuznecov).  The index side (:func:`index_terms`) gives a Cyrillic
word the matching extra keys (г as h, ж as French j, ц as k, х as ks), so a
query finds it whichever reading its writer used.

:func:`index_terms` and :func:`query_words` wrap this for an FTS5 index: the
index holds each normalised word and its skeletons; a query is turned into the
skeletons of each word's readings, one of which must match as a prefix, and the
words are ANDed.  Every term is a run of alphanumeric characters, so it cannot
carry FTS5 query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain

from registry.memory import of_records

__all__ = [
    "INDEX_VERSION",
    "compose",
    "fold",
    "index_keys",
    "index_terms",
    "initial_yo",
    "name_query",
    "name_terms",
    "phonetic",
    "phonetics",
    "query_terms",
    "query_words",
    "skeleton",
    "skeletons",
    "words",
]

# The keys changed (version 2: vowel class after the leading 0, other readings
# of x/h/j/c, no Cyrillic words; version 3: composed letters, Polish cz and szcz,
# tc, Italian sc, ц also as ч, French j before a consonant, short forms of given
# names; version 4: the sounds of name words in a name index of their own; version 5: the
# parts of a word run on from a small letter to a capital; version 6: German chr as х before
# р, a first Ё as yo): an index built with another version is stale.
INDEX_VERSION = 6

# fmt: off
# Cyrillic (Russian, Ukrainian, Belarusian) to a plain digraph Latin that the
# Latin rules below read the same way as any other romanisation.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
    "і": "i", "ї": "ji", "є": "je", "ґ": "g", "ў": "u",
}
# Latin letters whose decomposition would lose their meaning.
# Turkish, Romanian and Baltic letters with a cedilla or comma are hushing sounds too.
_LATIN_SPECIAL = {
    "č": "ch", "ć": "ch", "ĉ": "ch", "š": "sh", "ś": "sh", "ŝ": "shch",
    "ž": "zh", "ź": "zh", "ż": "zh", "ł": "l", "ß": "ss", "æ": "ae",
    "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    "ç": "ch", "ş": "sh", "ș": "sh", "ţ": "ts", "ț": "ts",
}
_PRE = str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL})
_SPECIAL = str.maketrans(_LATIN_SPECIAL)
# Cyrillic letters read another way by some Latin spellings: г as Ukrainian h
# (Olha), ж as French j (Janna), ц as к-like c (a Latin c before a/o/u is read
# as к first), ц as ч (GOST B cz, read as Polish ч first), х as ks (Alexei).
# Only the index uses these.
_CYRILLIC_ALTS = (
    str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL, "г": "h", "ґ": "h"}),
    str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL, "ж": "j"}),
    str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL, "ц": "k"}),
    str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL, "ц": "ch"}),
    str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL, "х": "ks"}),
)

# Multi-letter spellings, longest first; upper case marks a finished class.
# cz is Polish ч (Pugaczowa; GOST B ц is its other reading), szcz Polish щ, tc
# GOST R 52535 ц (Zaitcev), sc before e/i Italian ш (Telegram's щ, Scerbakova).
_DIGRAPHS = (
    ("schtsch", "X"), ("szcz", "X"), ("chtch", "X"), ("shch", "X"), ("tsch", "X"),
    ("sch", "X"), ("tch", "X"), ("chr", "Kr"), ("zh", "X"), ("sh", "X"),
    ("ch", "X"), ("kh", "X"), ("cz", "X"), ("sz", "X"), ("ts", "S"),
    ("tz", "S"), ("tc", "S"), ("ph", "V"), ("th", "T"), ("jou", "Xou"), ("x", "KS"),
)
_SC_AS_SH = re.compile(r"sc(?=[eiy])")
# c is ц (ISO 9, scholarly: Cvetaeva, Troickij) except in Western forms
# (Constantin, Nicolai, Victor), where it is к: before a, o, u, l, r, t.
_C_AS_K = re.compile(r"c(?=[aoulrt])")
# A leading j before a consonant can only be French ж (Jdanov).
_J_AS_ZH = re.compile(r"^j(?=[bcdfgklmnpqrstvwz])")
_CLASSES = str.maketrans(
    {
        "c": "s", "z": "s", "w": "v", "f": "v", "q": "k", "h": "x",
        "X": "x", "S": "s", "V": "v", "T": "t", "K": "k",
    }
)
# The other readings of Latin letters, each tried on its own (see module doc).
_LATIN_ALTS = (
    (re.compile(r"cz"), "ts"),
    (re.compile(r"x"), "kh"),
    (re.compile(r"(?<![kcszgtp])h"), "g"),
    (re.compile(r"^j(?=[aeiouy])"), "zh"),
    (re.compile(r"(?<=[aeiouy])j(?=[bdgklmnprstvz])"), "zh"),  # French Nadejda, Bajenov
    (re.compile(r"c(?=[aou])"), "ts"),
    (re.compile(r"chr"), "khr"),  # German х before р (Chromow, Chruschtschow; Христина)
)
# fmt: on
_DOUBLES = re.compile(r"(.)\1+")
_LEADING_VOWELS = re.compile(r"^[aeiouyj]+")
_VOWELS = str.maketrans("", "", "aeiouyj")
_NOT_LATIN = re.compile(r"[^a-z0-9]+")
_TOKEN = re.compile(r"\w+")
# Soft and hard sign marks of scholarly and BGN/PCGN spellings (Nikolaj Vasil'evič).
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼʹʺ″`´\"”]+(?=\w)")
_FRENCH_GU = re.compile(r"gu(?=[eiy])")
_VOWEL_RUN = re.compile(r"[aeiouyj]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics (``Ё`` → ``е``, ``ï`` → ``i``)."""
    text = text.casefold()
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_NO_MARKS)


class _Marks(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks (``unicodedata.combining``)
    and keeps every other character, deciding once per character (the search index folds
    every note and name of an import: a Python test per character was a quarter of its
    terms' time). Only the Basic Multilingual Plane is remembered: the table stays small
    whatever text arrives."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if code < 0x10000:
            self[code] = kept
        return kept


_NO_MARKS = _Marks()


def words(text: str) -> list[str]:
    """Split ``text`` into folded alphanumeric words (no underscores)."""
    return list(_words(text))


def _words(text: str) -> Iterator[str]:
    return chain.from_iterable(map(_piece_words, text.split()))  # a C loop, not a Python one


_REMEMBERED = 64  # longer pieces and words are not remembered: the caches stay small


def _piece_words(piece: str) -> tuple[str, ...]:
    """The words of one piece of text without whitespace, remembered when short: names,
    places and the words of notes recur across records. Every step keeps whitespace as
    whitespace, nothing composes or decomposes across it and no word or apostrophe rule
    spans it, so the words of a text are those of its pieces, in order."""
    return _short_piece_words(piece) if len(piece) <= _REMEMBERED else _fold_piece(piece)


def _fold_piece(piece: str) -> tuple[str, ...]:
    text = compose(piece)
    text = _APOSTROPHES.sub("", fold(text.casefold().translate(_SPECIAL))).replace("_", " ")
    return tuple(_TOKEN.findall(text))


_short_piece_words = of_records(lru_cache(maxsize=1 << 17)(_fold_piece))


def compose(text: str) -> str:
    """Letters with their marks as one character (``Z`` + caron is ``Ž``), so that the
    letters with a meaning of their own (:data:`_LATIN_SPECIAL`) are seen."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


@of_records
@lru_cache(maxsize=1 << 17)
def readings(word: str) -> tuple[str, ...]:
    """Folded Latin readings of one word: the main one, then its alternatives.

    A Cyrillic word has one reading, and one more with a first Ё as yo; a Latin word has one
    more for each of its ambiguous letters (x, a lone h, a leading j before a vowel, c before
    a/o/u, chr).
    """
    main = _NOT_LATIN.sub("", fold(compose(word).casefold().translate(_PRE)))
    out = dict.fromkeys([main])
    if word.isascii() or not _has_cyrillic(word):
        for pattern, repl in _LATIN_ALTS:
            alt = pattern.sub(repl, main)
            out[alt] = None
    elif main.startswith("e") and compose(word).casefold().startswith("ё"):
        out["jo" + main[1:]] = None  # Ёлкина is Elkina and Yolkina: a word's first vowel counts
    return tuple(out)


def _has_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


@of_records
@lru_cache(maxsize=1 << 17)
def skeleton(word: str) -> str:
    """Return the script-independent phonetic key of one word (main reading).

    The key is ``[a-z0-9]*``; it is empty when nothing in ``word`` can be read
    as Latin or Cyrillic (punctuation, other scripts).
    """
    return _key(_NOT_LATIN.sub("", fold(compose(word).casefold().translate(_PRE))))


@of_records
@lru_cache(maxsize=1 << 17)
def skeletons(word: str) -> tuple[str, ...]:
    """The skeleton of every reading of ``word``, main one first, no repeats."""
    return tuple(dict.fromkeys(k for k in map(_key, readings(word)) if k))


@of_records
@lru_cache(maxsize=1 << 17)
def index_keys(word: str) -> tuple[str, ...]:
    """Keys under which the index files ``word``: its skeletons, and for a
    Cyrillic word the keys of the other Latin readings of its letters."""
    keys = dict.fromkeys(skeletons(word))
    if _has_cyrillic(word):
        folded = compose(word).casefold()
        for table in _CYRILLIC_ALTS:
            alt = folded.translate(table)
            if alt != folded.translate(_PRE):
                keys[_key(_NOT_LATIN.sub("", fold(alt)))] = None
    keys.pop("", None)
    return tuple(keys)


def _vowel_class(run: re.Match[str] | str) -> str:
    """The first vowel of a run: glides (i, y, j) only count when alone."""
    text = run if isinstance(run, str) else run.group()
    return _vowels(text)[:1]


def _vowels(text: str) -> str:
    """A run of vowels without its glides (i, y, j) unless they are all of it, French
    ``ou`` as ``u`` and doubled vowels once: ya/ja/ia/â → a, aje/aye/aïe/ae → ae."""
    core = text.replace("j", "").replace("y", "").replace("i", "").replace("ou", "u")
    return _DOUBLES.sub(r"\1", core) if core else "i"


@of_records
@lru_cache(maxsize=1 << 17)
def phonetic(word: str) -> str:
    """A finer key than :func:`skeleton`: consonant classes plus vowels.

    Each vowel run loses its glides (ya/ja/ia/â → a, yu/ju/iou/û → u, ye/je/ie
    → e, y/iy/ij/ii → i, aye/aje/aïe → ae), so ``Navalnaya`` and ``Navalny``
    differ in their last letter where their skeletons are equal, and
    ``Belyaeva`` (belaeva) stays apart from ``Belova``.
    """
    return _sound(_NOT_LATIN.sub("", fold(compose(word).casefold().translate(_PRE))))


@of_records
@lru_cache(maxsize=1 << 17)
def phonetics(word: str) -> tuple[str, ...]:
    """The phonetic form of every reading of ``word``, main one first."""
    return tuple(dict.fromkeys(s for s in map(_sound, readings(word)) if s))


@of_records
@lru_cache(maxsize=1 << 16)
def spellings(word: str) -> frozenset[str]:
    """Strict forms of ``word`` for telling whether two spellings write one name (a
    spreadsheet row that overwrites a record, :func:`registry.interop.matching.same_spelling`):
    its consonants read as :func:`phonetic` reads them (kh, h and ch; ts and c; zh and j…),
    every vowel kept, doubled letters kept, and a glide (i, y, j) written one way — ``ja``
    for ya, ia, ja and iya; one ``i`` for y, ij, iy and ii alone (Navalny, Navalnyj) — but
    never dropped: Анна is Anna, not Yana, Iana, Ania or Ana, where :func:`phonetics` (the
    duplicate finder's lenient key) reads them all alike. A Cyrillic word also has the
    reading with е as ye where it begins a word or follows a vowel (Елена: Yelena)."""
    texts = [word]
    if _has_cyrillic(word):
        texts.append(_YE.sub(lambda m: m.group(1) + "йе", word))
    return frozenset(_strict(r) for t in texts for r in readings(t) if r)


_YE = re.compile(r"(^|[аеёиоуыэюяьъ])е")
_GLIDES = re.compile(r"[ijy]+")


# The consonants each standard romanisation writes for one Cyrillic letter, as one mark each
# (a digit: no letter, no vowel): щ 9, ш 8, ж 6, х 5, ч 4, ц 3. Unlike the lenient classes
# (_DIGRAPHS, _CLASSES), з is not с, ш is not щ or ж, ф is not в: "Sakharova" is not
# Захарова, "Grishina" not Грищина (the namesake review still meets them).
_STRICT_DIGRAPHS = (
    ("schtsch", "9"), ("shtch", "9"), ("szcz", "9"), ("shch", "9"), ("chtch", "9"),
    ("tsch", "4"), ("tch", "4"), ("sch", "8"), ("zh", "6"), ("sh", "8"), ("sz", "8"),
    ("ch", "4"), ("cz", "4"), ("kh", "5"), ("ts", "3"), ("tz", "3"), ("ph", "f"), ("x", "ks"),
)
_STRICT_CLASSES = str.maketrans({"c": "3", "h": "5", "w": "v", "q": "k"})


def _strict(latin: str) -> str:
    latin = _J_AS_ZH.sub("6", _FRENCH_GU.sub("g", latin))
    for spelling, mark in _STRICT_DIGRAPHS:
        if spelling in latin:
            latin = latin.replace(spelling, mark)
    return _VOWEL_RUN.sub(_strict_vowels, _C_AS_K.sub("k", latin).translate(_STRICT_CLASSES))


def _strict_vowels(run: re.Match[str]) -> str:
    text = run.group()
    core = [n for n, ch in enumerate(text) if ch in "aeou"]
    if not core:
        return "i"
    first, last = core[0], core[-1]
    return ("j" if first else "") + _GLIDES.sub("j", text[first:last + 1]) + (
        "j" if last < len(text) - 1 else "")


def _sound(latin: str) -> str:
    """Phonetic form of one reading (folded Latin letters)."""
    return _VOWEL_RUN.sub(lambda m: _vowels(m.group()), _consonants(_FRENCH_GU.sub("g", latin)))


def _consonants(latin: str) -> str:
    """Map consonant spellings of folded Latin text to their classes."""
    latin = _SC_AS_SH.sub("X", _J_AS_ZH.sub("X", latin))
    for spelling, cls in _DIGRAPHS:
        if spelling in latin:
            latin = latin.replace(spelling, cls)
    latin = _C_AS_K.sub("k", latin).translate(_CLASSES)
    return _DOUBLES.sub(r"\1", latin)


def _key(latin: str) -> str:
    """Skeleton of one reading (folded Latin letters ``[a-z0-9]``)."""
    latin = _consonants(latin)
    lead = _LEADING_VOWELS.match(latin)
    head = "0" + _vowel_class(lead.group()) if lead else ""
    return head + latin.translate(_VOWELS)


def index_terms(text: str) -> list[str]:
    """Terms for a full-text index of ``text``: each word's keys, and the word.

    A given name is also filed under the keys of its short forms (Мария under Маша, so
    ``Masha`` finds it; :mod:`registry.match.diminutives`).
    A Latin word is given folded, then its keys (:func:`index_keys`); a Cyrillic
    word only by its keys (a query never asks for it otherwise); a word of
    another script (Georgian, Hebrew...) as it is, folded.  Duplicates are
    dropped, order is kept.  Latin and Cyrillic text gives ``[a-z0-9]`` terms.
    A word run on from a small letter to a capital (#ИринаВолкова) is filed whole and as
    its parts (Ирина, Волкова): search finds the name in it, and so does the mention scan.
    Indexes built before :data:`INDEX_VERSION` must be rebuilt.
    """
    terms = dict.fromkeys(chain.from_iterable(map(_word_terms, _words(text))))
    if _RUN_ON.search(text):  # a name run together (#ИринаВолкова): its parts are filed too
        terms.update(dict.fromkeys(chain.from_iterable(
            map(_word_terms, _words(_RUN_ON.sub(" ", text))))))
    if (yo := initial_yo(text)) is not None:  # Ёлкина filed as Yolkina too
        terms.update(dict.fromkeys(chain.from_iterable(map(_word_terms, _words(yo)))))
    return list(terms)


# a Ё that begins a word (Ёлкина): folded away with its marks into е (Елкина, as the main
# reading writes it), where English, BGN and German spellings write yo or jo (Yolkina)
_INITIAL_YO = re.compile(r"(?<!\w)[ёЁ]")


def initial_yo(text: str) -> str | None:
    """``text`` with each word-initial Ё written йо, which the folding into words keeps
    (None when there is none): the other reading of a name that begins with it, for the
    search index, the mention scan and the namesake keys alike."""
    return _INITIAL_YO.sub("йо", text) if _INITIAL_YO.search(text) else None


# where a word runs on from a small letter to a capital, in Latin or Cyrillic script: a
# hashtag or handle made of a name (#ИринаВолкова, @IrinaVolkova), or a name like McDonald
_RUN_ON = re.compile(r"(?<=[a-zß-öø-ÿа-яё])(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])")


def _word_terms(word: str) -> tuple[str, ...]:
    """:func:`index_terms` of one word (remembered when short)."""
    return _short_word_terms(word) if len(word) <= _REMEMBERED else _terms_of(word)


def _terms_of(word: str) -> tuple[str, ...]:
    keys = index_keys(word)
    first = (word,) if word.isascii() or not (keys or _has_cyrillic(word)) else ()
    return tuple(dict.fromkeys((*first, *keys, *_short_form_keys(word))))


_short_word_terms = of_records(lru_cache(maxsize=1 << 17)(_terms_of))


@of_records
@lru_cache(maxsize=1 << 17)
def _short_form_keys(word: str) -> tuple[str, ...]:
    """The index keys of the short forms of a given name (Мария: those of Маша)."""
    from registry.match.diminutives import short_forms  # it builds on this module

    return tuple(k for short in short_forms(word) for k in index_keys(short))


_PATRONYMIC_SOUND = re.compile(r"(vix|vna|ixna|xna|[lt]ix)$")


def _patronymic_in(query: str) -> str | None:
    """The patronymic of a query of three parts or more: a part after the first, not in a
    double family name (Loginova-Laskovich), that sounds like one; as a folded word."""
    pieces = query.replace(",", " ").split()
    if len(pieces) < 3:
        return None
    for piece in pieces[1:]:
        found = words(piece) if "-" not in piece else []
        if len(found) == 1 and _PATRONYMIC_SOUND.search(phonetic(found[0])):
            return found[0]
    return None


def query_terms(query: str) -> list[str]:
    """The main key of each word of a user query (:func:`query_words`)."""
    return [alternatives[0] for alternatives in query_words(query)]


def query_words(query: str) -> list[tuple[str, ...]]:
    """For each word of a user query, the keys one of which must prefix a term of a record
    (FTS5: the alternatives of a word OR-ed, the words AND-ed); its main key first.

    A word's keys are those of each of its readings (German Chr as Хр, a Latin x, j, h...),
    and, for a word that begins with Ё, those of its yo reading (Ёлкина: Elkina and
    Yolkina), as a record's words are filed (:func:`index_terms`). A word with no Latin or
    Cyrillic letters is kept as its folded self, so that numbers and other scripts are still
    searchable. A patronymic in a query of three words or more (``Михаил Борисович
    Ходорковский``) is left out, so that records written without one are found too; the
    ranking still puts the records with the same patronymic first.
    """
    found = words(query)
    yo = initial_yo(query)
    other = words(yo) if yo is not None else found
    if len(other) != len(found):  # a Ё only changes letters: never so, but never paired wrong
        other = found
    out: dict[tuple[str, ...], None] = {}
    skip = _patronymic_in(query)
    for word, alternative in zip(found, other, strict=True):
        if word == skip:
            skip = None  # once
            continue
        keys = dict.fromkeys(skeletons(word))
        if alternative != word:
            keys.update(dict.fromkeys(skeletons(alternative)))
        if not keys and not _has_cyrillic(word):
            keys[word] = None
        if keys:
            out[tuple(keys)] = None
    return list(out)


def name_terms(text: str) -> list[str]:
    """Terms for the name index of ``text`` (a record's names): each word's sounds.

    A sound (:func:`phonetic`) keeps the vowels, so a short prefix typed in either script
    (``моро``, ``moro``) begins the sounds of the names it begins (Морозов: ``morosov``) and
    not those that only share its consonants (Мария). Every reading counts: the other
    readings of a Latin word (:func:`phonetics`) and of a Cyrillic one (г as h, ж as j...).
    """
    sounds = dict.fromkeys(chain.from_iterable(map(_name_sounds, _words(text))))
    if (yo := initial_yo(text)) is not None:
        sounds.update(dict.fromkeys(chain.from_iterable(map(_name_sounds, _words(yo)))))
    return list(sounds)


@of_records
@lru_cache(maxsize=1 << 17)
def _name_sounds(word: str) -> tuple[str, ...]:
    sounds = dict.fromkeys(phonetics(word))
    if _has_cyrillic(word):
        folded = compose(word).casefold()
        for table in _CYRILLIC_ALTS:
            sounds[_sound(_NOT_LATIN.sub("", fold(folded.translate(table))))] = None
    sounds.pop("", None)
    return tuple(sounds) or ((fold(word),) if not _has_cyrillic(word) else ())


def name_query(query: str) -> list[tuple[str, ...]]:
    """For each word of a query, the sounds one of which must begin a word of the name.

    The last word may be typed only in part: when its sound ends in ``i`` (``Мари``,
    ``Юли``) the letter may be the glide of a run not typed yet (Мария: ``mara``), so the
    sound with any vowel in its place counts too. Empty when a word has no sound.
    """
    found = words(query)
    out: list[tuple[str, ...]] = []
    for n, word in enumerate(found):
        sounds = dict.fromkeys(phonetics(word) or ((fold(word),) if not _has_cyrillic(word)
                                                     else ()))
        if n == len(found) - 1:
            for s in list(sounds):
                if len(s) > 1 and s.endswith("i"):
                    sounds.update(dict.fromkeys(s[:-1] + v for v in "aeou"))
        if not sounds:
            return []
        out.append(tuple(sounds))
    return out
