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
  leading ``0``: ``Ivan`` is ``0vn`` and does not collide with ``Vinogradov``.

So ``Навальная``, ``Navalnaya``, ``Nawalnaja`` and ``Navalnaïa`` all give
``nvln``; ``Юлия``, ``Yulia``, ``Julija``, ``Ioulia`` all give ``0l``.

:func:`index_terms` and :func:`query_terms` wrap this for an FTS5 index: the
index holds each normalised word and its skeleton; a query is turned into one
skeleton per word, each to be matched as a prefix and ANDed.  Every term is a
run of alphanumeric characters, so it cannot carry FTS5 query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "index_terms", "phonetic", "query_terms", "skeleton", "skeletons", "words"]

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
_LATIN_SPECIAL = {
    "č": "ch", "ć": "ch", "ĉ": "ch", "š": "sh", "ś": "sh", "ŝ": "shch",
    "ž": "zh", "ź": "zh", "ż": "zh", "ł": "l", "ß": "ss", "æ": "ae",
    "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}
_PRE = str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL})
# The other reading of x: х as "ks", and Latin x as х (GOST 7.79 B, scholarly).
_PRE_ALT = str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL, "х": "ks", "x": "kh"})

# Multi-letter spellings, longest first; upper case marks a finished class.
_DIGRAPHS = (
    ("schtsch", "X"), ("chtch", "X"), ("shch", "X"), ("tsch", "X"),
    ("sch", "X"), ("tch", "X"), ("chr", "Kr"), ("zh", "X"), ("sh", "X"),
    ("ch", "X"), ("kh", "X"), ("cz", "S"), ("sz", "X"), ("ts", "S"),
    ("tz", "S"), ("ph", "V"), ("th", "T"), ("jou", "Xou"), ("x", "KS"),
)
# c is ц (ISO 9, scholarly: Kuznecov) except in Western forms (Constantin, Victor).
_C_AS_K = re.compile(r"^c(?=[aoulr])|c(?=t)")
_CLASSES = str.maketrans(
    {
        "c": "s", "z": "s", "w": "v", "f": "v", "q": "k", "h": "x",
        "X": "x", "S": "s", "V": "v", "T": "t", "K": "k",
    }
)
# fmt: on
_DOUBLES = re.compile(r"(.)\1+")
_LEADING_VOWELS = re.compile(r"^[aeiouyj]+")
_VOWELS = str.maketrans("", "", "aeiouyj")
_NOT_LATIN = re.compile(r"[^a-z0-9]+")
_TOKEN = re.compile(r"\w+")
# Soft and hard sign marks of scholarly and BGN/PCGN spellings (Nikolaj Vasil'evič).
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼʹʺ″`´\"”]+(?=\w)")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics (``Ё`` → ``е``, ``ï`` → ``i``)."""
    text = text.casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Split ``text`` into folded alphanumeric words (no underscores)."""
    text = _APOSTROPHES.sub("", fold(text)).replace("_", " ")
    return _TOKEN.findall(text)


@lru_cache(maxsize=1 << 17)
def skeleton(word: str) -> str:
    """Return the script-independent phonetic key of one word.

    The key is ``[a-z0-9]*``; it is empty when nothing in ``word`` can be read
    as Latin or Cyrillic (punctuation, other scripts).
    """
    return _key(word.casefold().translate(_PRE))


@lru_cache(maxsize=1 << 16)
def skeletons(word: str) -> tuple[str, ...]:
    """The skeleton of ``word`` and, if it has an x or х, its other reading.

    Latin x is ``ks`` in common use (Alexei, Maxim) but ``х`` in GOST 7.79 B
    and scholarly spellings (Xodorkovskij); both keys are given for such words.
    """
    main = skeleton(word)
    folded = word.casefold()
    if "x" not in folded and "х" not in folded:
        return (main,)
    alt = _key(folded.translate(_PRE_ALT))
    return (main,) if alt == main else (main, alt)


_FRENCH_GU = re.compile(r"gu(?=[eiy])")
_VOWEL_RUN = re.compile(r"[aeiouyj]+")


def _vowel_class(run: re.Match[str]) -> str:
    """One vowel for a run: glides (i, y, j) only count when alone."""
    core = run.group().replace("j", "").replace("y", "").replace("i", "")
    return core[-1] if core else "i"


@lru_cache(maxsize=1 << 16)
def phonetic(word: str) -> str:
    """A finer key than :func:`skeleton`: consonant classes plus vowels.

    Each vowel run is reduced to one vowel (ya/ja/ia/â → a, yu/ju/iou/û → u,
    ye/je/ie → e, y/iy/ij/ii → i), so ``Navalnaya`` and ``Navalny`` differ
    in their last letter where their skeletons are equal.
    """
    latin = _consonants(_FRENCH_GU.sub("g", fold(word.casefold().translate(_PRE))))
    return _VOWEL_RUN.sub(_vowel_class, latin)


def _consonants(latin: str) -> str:
    """Map consonant spellings of folded Latin text to their classes."""
    latin = _NOT_LATIN.sub("", latin)
    for spelling, cls in _DIGRAPHS:
        if spelling in latin:
            latin = latin.replace(spelling, cls)
    latin = _C_AS_K.sub("k", latin).translate(_CLASSES)
    return _DOUBLES.sub(r"\1", latin)


def _key(text: str) -> str:
    """Skeleton of text already brought to Latin letters by a ``_PRE`` table."""
    latin = _consonants(fold(text))
    lead = "0" if _LEADING_VOWELS.match(latin) else ""
    return lead + latin.translate(_VOWELS)


def index_terms(text: str) -> list[str]:
    """Terms for a full-text index of ``text``: each word and its skeleton.

    A word is given once, folded; its skeleton follows when it differs.
    Duplicates are dropped, order is kept.
    """
    terms: dict[str, None] = {}
    for word in words(text):
        terms[word] = None
        for key in skeletons(word):
            if key:
                terms[key] = None
    return list(terms)


def query_terms(query: str) -> list[str]:
    """Terms for a user query: one skeleton per word, to match as prefixes.

    A word with no Latin or Cyrillic letters is kept as its folded self, so
    that numbers and other scripts are still searchable.
    """
    terms: dict[str, None] = {}
    for word in words(query):
        terms[skeleton(word) or word] = None
    return list(terms)
