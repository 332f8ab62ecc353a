"""Fictional people with look-alike names, for the look-alike import tests and benchmark.

Spellings of a few names that the import's name rules are about: case, spacing, ё/е, a Latin
look-alike letter inside a Cyrillic word, another vowel, the other word order, a Latin
spelling, an initial, a patronymic, a gender form; e-mails and phones drawn from small pools
(so that rows agree and disagree), some people inside Russia or protected.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind
from registry.service import Registry
from tests.interop.conftest import write_csv

BASES = ("Анна Смирнова", "Алёна Петрова", "Лина Кузнецова", "Юлия Орлова", "Пётр Иванов",
         "Борис Котов")
LATIN = {"Анна Смирнова": "Anna Smirnova", "Алёна Петрова": "Alyona Petrova",
         "Лина Кузнецова": "Lina Kuznetsova", "Юлия Орлова": "Yulia Orlova",
         "Пётр Иванов": "Pyotr Ivanov", "Борис Котов": "Boris Kotov"}
# never protected: beside no protected namesake, so some of its rows are plain new records
# (every spelling of a name that someone protected bears is reviewed beside her)
UNPROTECTED = "Борис Котов"
_TO_LATIN = str.maketrans("аеорсхАЕОРСХВНКМТ", "aeopcxAEOPCXBHKMT")
_VOWELS = "аеиоуыя"


def variant(rnd: random.Random, base: str) -> str:
    """A look-alike spelling of ``base``: case, spacing, ё/е, a Latin look-alike letter,
    another vowel, the other order, a Latin spelling, an initial, a patronymic, a gender
    form."""
    how = rnd.randrange(12)
    if how == 0:
        return base.upper()
    if how == 1:
        return "  ".join(base.lower().split())
    if how == 2:
        return base.replace("ё", "е").replace("Ё", "Е")
    if how == 3:
        i = rnd.randrange(len(base))
        return base[:i] + base[i].translate(_TO_LATIN) + base[i + 1:]
    if how == 4:
        spots = [i for i, c in enumerate(base) if c in _VOWELS]
        i = rnd.choice(spots)
        return base[:i] + rnd.choice(_VOWELS) + base[i + 1:]
    if how == 5:
        return " ".join(reversed(base.split()))
    if how == 6:
        return LATIN[base]
    if how == 7:
        first, last = base.split()
        return f"{first[0]}. {last}"
    if how == 8:
        return base + rnd.choice((" Ивановна", " Петровна", " Ивановна"))
    if how == 9:
        return base[:-1] if base.endswith("а") else base + "а"
    return base


def values_of(rnd: random.Random, i: int, bases: tuple[str, ...] = BASES) -> dict[str, Any]:
    base = rnd.choice(bases)
    values: dict[str, Any] = {"name": variant(rnd, base)}
    if rnd.random() < 0.2:
        values["name_latin"] = LATIN[base]
    if rnd.random() < 0.6:
        email = f"p{rnd.randrange(6)}@example.org"
        values["email"] = email.upper() if rnd.random() < 0.2 else email
    if rnd.random() < 0.4:
        values["phone"] = rnd.choice(("+49 170 1234567", "0170 1234567", "+7 170 1234567",
                                      f"+49 170 {rnd.randrange(3):07d}"))
    if rnd.random() < 0.3:
        values["country"] = rnd.choice(("DE", "FR", "LV"))
    if rnd.random() < 0.1:
        values["region"] = rnd.choice(("RU-MOW", "RU-SPE"))
    if rnd.random() < 0.1:
        values["gender"] = rnd.choice(("female", "male"))
    if base == UNPROTECTED:  # nor sharing an e-mail or phone with one who is
        return {"name": values["name"]}
    if rnd.random() < 0.12:
        values["inside_russia"] = True
    elif rnd.random() < 0.05:
        values["sensitivity"] = "protected"
    return values


def fill_vault(reg: Registry, rnd: random.Random, n: int) -> None:
    """``n`` namesakes, some protected, some decided "same" in chains."""
    # no record of the unprotected name: none joins a protected one's "same" group
    held = tuple(b for b in BASES if b != UNPROTECTED)
    ids = [reg.add(Kind.PERSON, values_of(rnd, i, held)).id for i in range(n)]
    for a, b, c in zip(ids[0:12:3], ids[1:12:3], ids[2:12:3], strict=True):
        reg.matching.decide(b, c, "same")  # c into b, then b into a: a chain of two links
        reg.matching.decide(a, b, "same")


COLUMNS = ("name", "name_latin", "email", "phone", "country", "region", "gender",
            "inside_russia", "sensitivity")


def write_file(path: Path, rnd: random.Random, n: int) -> Path:
    rows: list[list[object]] = [list(COLUMNS)]
    for i in range(n):
        values = values_of(rnd, i)
        rows.append([("yes" if values.get(c) is True else values.get(c, "")) for c in COLUMNS])
    return write_csv(path, rows)
