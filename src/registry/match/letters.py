"""Which Cyrillic letters a written name part, or an initial, can start with.

The skeleton keys (:mod:`registry.match.translit`) drop vowels and glides, so
the first sound of ``Ульяна`` and ``Юлия`` is the same class (``0u``), and an
initial ``I.`` (ICAO ``Iuliia``, ``Iana``, ``Iekaterina``) meets any name
starting with a vowel.  That is right for finding candidates and too loose for
deciding that an initial stands for one name: ``I. Zaitseva`` can be Irina or
Iuliia, never Uliana.

:func:`first_letters` reads the beginning of a word as it is written (before
any folding, so ``Û`` of ISO 9 is still Ю) and gives every Cyrillic letter it
may stand for in the common romanisations (passport, BGN/PCGN, ISO 9, GOST,
scholarly, English, German, French, Polish and Czech usage, and the ``iuliia``
schemas); a lone letter, an initial, gives
every letter that any of them writes with it.  Two name parts can be the same
name, or an initial and a name, only if their sets meet (``Iana`` is Яна, never Анна;
``Xenia`` is never Жанна).  The tables are
written from the systems' rules, not taken from any test data.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from registry.memory import of_records


def compose(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)

__all__ = ["compatible", "first_letters"]

_E = "её"  # е and ё are often written alike
# Beginnings of a written Latin word, longest first, and the letters they stand for.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("schtsch", "щ"), ("chtch", "щ"), ("szcz", "щ"), ("shch", "щ"), ("tsch", "ч"),
    ("sch", "шщж"), ("tch", "ч"), ("iou", "ю"), ("jou", "юж"), ("you", "ю"),
    ("chr", "кх"),  # English Christina is Кристина, German Chrustaljow Хрусталёв
    ("sh", "шщ"), ("ch", "чхшщ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("tz", "ц"),
    ("tc", "цт"), ("cz", "цч"), ("sz", "шщс"), ("sc", "щшск"), ("šč", "щ"), ("ph", "ф"),
    ("ou", "у"),
    ("yu", "ю"), ("ju", "юж"), ("iu", "ю"),
    ("ya", "я"), ("ja", "яж"), ("ia", "я"),
    ("ye", "еэ"), ("je", "еж"), ("ie", "еи"),
    ("yo", "ёй"), ("jo", "ёжй"), ("io", "ёий"),  # Йорданова: Yordanova, Jordanowa, Iordanova
)
# One written letter at the start of a longer word.
_LEAD = {
    "a": "а", "b": "б", "c": "цкч", "d": "д", "e": "еэё", "f": "ф", "g": "г", "h": "хг",
    "i": "ий", "j": "йж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
    "q": "к", "r": "р", "s": "сзц", "t": "т", "u": "у", "v": "в", "w": "в", "x": "хк",
    "y": "ыйе", "z": "зц",
    "â": "я", "ä": "яэ", "à": "а", "á": "а", "é": "еэ", "è": "еэ", "ê": "еэ", "ë": "ёе",
    "ô": "о", "ö": "ё", "û": "ю", "ü": "ю", "ù": "у", "ú": "у", "î": "и", "ï": "и",
    "č": "ч", "ć": "чц", "š": "шщ", "ś": "шщ", "ŝ": "щ", "ž": "ж", "ź": "ж", "ż": "ж",
    "ł": "л", "ç": "ч", "ş": "ш", "ș": "ш", "ț": "ц",
}
# An initial: everything the letter starts in any system.
_INITIAL = {
    **_LEAD,
    "c": "цкч", "e": "еэё", "h": "хг", "i": "ийюяеё", "j": "йжюяеё", "k": "кх",
    "o": "оу", "s": "сшщз", "t": "тцч", "y": "ыйюяеё", "z": "зцж",
}


# Ukrainian and Belarusian letters, as the Russian letters a romanisation meets them by.
_OTHER_CYRILLIC = {"і": "ий", "ї": "йи", "є": "еэ", "ґ": "г", "ў": "ув"}


def _cyrillic(ch: str) -> str:
    if ch in _E:
        return _E
    if ch in _OTHER_CYRILLIC:
        return _OTHER_CYRILLIC[ch]
    return "ий" if ch in "ий" else ch


@of_records
@lru_cache(maxsize=1 << 14)
def first_letters(text: str) -> frozenset[str]:
    """Cyrillic letters that ``text`` (a name part, or an initial) may start with.

    Empty when nothing is known about it (digits, other scripts): such a part
    is compatible with anything.
    """
    low = compose(text).casefold().replace("\u0361", "").replace("\u0360", "").lstrip("'’`ʹʺ")
    if not low:
        return frozenset()
    head = low[0]
    if "а" <= head <= "я" or head in "ёіїєґў":
        return frozenset(_cyrillic(head))
    if len(low) == 1:
        return frozenset(_INITIAL.get(head, ""))
    for prefix, letters in _PREFIXES:
        if low.startswith(prefix):
            return frozenset(letters)
    return frozenset(_LEAD.get(head, ""))


def compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of first letters can be the same letter (unknown meets all)."""
    return not a or not b or not a.isdisjoint(b)
