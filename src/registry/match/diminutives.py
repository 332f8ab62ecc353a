"""Short forms of Russian given names used as public names (Masha for Мария, Sasha for
Александр or Александра).

A short form is weaker evidence than the name itself: one short form can stand for several
names (Слава for Вячеслав, Ярослав, Станислав or Владислав), and a short form is what a
relative or a friend is called as often as the person.  :func:`full_names` gives the full
names a word may be a short form of, by phonetic form (:func:`registry.match.translit.phonetic`),
so ``Masha``, ``Macha``, ``Mascha`` and ``Маша`` all give ``мария``; :func:`short_forms` gives
the short forms of a full name, for the search index.  The table lists the short forms found
as public names in the press, not every pet name.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from registry.match.translit import phonetic, phonetics, skeleton, skeletons
from registry.memory import of_records

__all__ = ["SHORT_FORMS", "full_names", "short_forms"]

# fmt: off
SHORT_FORMS: Mapping[str, tuple[str, ...]] = {
    "александр": ("саша", "шура", "саня"), "александра": ("саша", "шура"),
    "алексей": ("лёша", "алёша"), "анастасия": ("настя",),
    "андрей": ("андрюша",), "антон": ("тоша",), "аркадий": ("аркаша",),
    "борис": ("боря",), "валентин": ("валя",), "валентина": ("валя",),
    "валерия": ("лера",), "василий": ("вася",), "виктор": ("витя",),
    "виктория": ("вика",), "владимир": ("вова", "володя"), "владислав": ("влад", "слава"),
    "всеволод": ("сева",), "вячеслав": ("слава",), "галина": ("галя",),
    "геннадий": ("гена",), "георгий": ("жора", "гоша"), "григорий": ("гриша",),
    "дарья": ("даша",), "дмитрий": ("дима", "митя"), "евгений": ("женя",),
    "евгения": ("женя",), "екатерина": ("катя",), "елена": ("лена",),
    "елизавета": ("лиза",), "иван": ("ваня",), "илья": ("илюша",), "ирина": ("ира",),
    "константин": ("костя",), "ксения": ("ксюша",), "лариса": ("лара",),
    "лев": ("лёва",), "любовь": ("люба",),
    "людмила": ("люда", "мила"), "максим": ("макс",), "маргарита": ("рита",),
    "мария": ("маша",), "михаил": ("миша",), "надежда": ("надя",),
    "наталья": ("наташа",), "наталия": ("наташа",), "николай": ("коля",),
    "ольга": ("оля",), "павел": ("паша",), "пётр": ("петя",), "полина": ("поля",),
    "роман": ("рома",), "светлана": ("света",), "сергей": ("серёжа",),
    "софия": ("соня",), "софья": ("соня",), "станислав": ("стас", "слава"),
    "степан": ("стёпа",), "таисия": ("тая",), "тамара": ("тома",),
    "татьяна": ("таня",), "тимофей": ("тима",),
    "фёдор": ("федя",), "юрий": ("юра",), "ярослав": ("слава",),
}
# fmt: on


@lru_cache(maxsize=1)
def _by_sound() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for full, shorts in SHORT_FORMS.items():
        for short in shorts:  # ё as е and as yo: Алёша, Alesha, Alyosha
            for form in {short, short.replace("ё", "йо")}:
                table.setdefault(phonetic(form), set()).add(full)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _full_keys() -> dict[tuple[str, bool], str]:
    return {(skeleton(full), phonetic(full).endswith("a")): full for full in SHORT_FORMS}


def full_names(sounds: tuple[str, ...]) -> frozenset[str]:
    """The full names (Cyrillic, lower case) of which a word with these phonetic forms is a
    short form; empty for a word that is no listed short form."""
    table = _by_sound()
    out: set[str] = set()
    for sound in sounds:
        out |= table.get(sound, frozenset())
    return frozenset(out)


def full_name(word: str) -> str | None:
    """The listed full name (Cyrillic, lower case) that ``word`` spells, if any; never for
    a word that is itself a listed short form."""
    sounds = phonetics(word)
    if not sounds or full_names(sounds):
        return None
    table = _full_keys()
    feminine = sounds[0].endswith("a")
    return next((table[(k, feminine)] for k in skeletons(word) if (k, feminine) in table), None)


@of_records
@lru_cache(maxsize=1 << 17)
def short_forms(word: str) -> tuple[str, ...]:
    """The short forms (Cyrillic) of a full given name written in any script."""
    full = full_name(word)
    return SHORT_FORMS.get(full, ()) if full else ()
