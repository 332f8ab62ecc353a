"""Deterministic labelled evaluation set for name matching.

People are drawn from seeded lists of Russian given names and surnames; each
person gets several records spelled by different romanisation systems
(:mod:`registry.match.romanize`, none of which is the skeleton's own table)
and by hand-written real-world variants (``tests/fixtures/names/variants.tsv``),
in either name order, with or without patronymic, with initials and
hyphenated surnames.  Hard negatives are added next to them: relatives with the
other gender's surname form, namesakes with another given name, and exact
namesakes with another patronymic and birth year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from registry.match.names import NameRecord
from registry.match.romanize import romanize

VARIANTS_FILE = Path(__file__).parents[1] / "fixtures" / "names" / "variants.tsv"
SYSTEMS = ("icao", "bgn", "iso9", "gost_b", "scholarly", "english", "german", "french")

MALE = [
    "Александр",
    "Алексей",
    "Андрей",
    "Антон",
    "Аркадий",
    "Артём",
    "Борис",
    "Вадим",
    "Валентин",
    "Василий",
    "Виктор",
    "Виталий",
    "Владимир",
    "Владислав",
    "Всеволод",
    "Вячеслав",
    "Геннадий",
    "Георгий",
    "Глеб",
    "Григорий",
    "Денис",
    "Дмитрий",
    "Евгений",
    "Егор",
    "Иван",
    "Игорь",
    "Илья",
    "Кирилл",
    "Константин",
    "Лев",
    "Леонид",
    "Максим",
    "Михаил",
    "Никита",
    "Николай",
    "Олег",
    "Павел",
    "Пётр",
    "Роман",
    "Руслан",
    "Сергей",
    "Станислав",
    "Степан",
    "Тимур",
    "Фёдор",
    "Юрий",
    "Ярослав",
]
FEMALE = [
    "Александра",
    "Алина",
    "Алла",
    "Анастасия",
    "Анна",
    "Валентина",
    "Валерия",
    "Вера",
    "Виктория",
    "Галина",
    "Дарья",
    "Евгения",
    "Екатерина",
    "Елена",
    "Елизавета",
    "Жанна",
    "Зоя",
    "Ирина",
    "Карина",
    "Кира",
    "Ксения",
    "Лариса",
    "Любовь",
    "Людмила",
    "Маргарита",
    "Марина",
    "Мария",
    "Надежда",
    "Наталья",
    "Нина",
    "Оксана",
    "Ольга",
    "Полина",
    "Светлана",
    "София",
    "Станислава",
    "Таисия",
    "Тамара",
    "Татьяна",
    "Ульяна",
    "Юлия",
    "Яна",
]
FATHERS = [
    "Александр",
    "Алексей",
    "Андрей",
    "Антон",
    "Борис",
    "Вадим",
    "Виктор",
    "Владимир",
    "Григорий",
    "Денис",
    "Евгений",
    "Иван",
    "Игорь",
    "Кирилл",
    "Константин",
    "Леонид",
    "Максим",
    "Михаил",
    "Николай",
    "Олег",
    "Павел",
    "Роман",
    "Сергей",
    "Степан",
    "Фёдор",
    "Юрий",
    "Ярослав",
    "Тимур",
    "Глеб",
    "Вячеслав",
]
SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Миронов",
    "Крылов",
    "Куликов",
    "Карпов",
    "Власов",
    "Мельников",
    "Денисов",
    "Гаврилов",
    "Тихонов",
    "Казаков",
    "Афанасьев",
    "Данилов",
    "Савельев",
    "Тимофеев",
    "Фомин",
    "Чернов",
    "Абрамов",
    "Мартынов",
    "Ефимов",
    "Федотов",
    "Щербаков",
    "Назаров",
    "Калинин",
    "Исаев",
    "Чернышёв",
    "Быков",
    "Маслов",
    "Родионов",
    "Коновалов",
    "Лазарев",
    "Воронин",
    "Климов",
    "Филатов",
    "Пономарёв",
    "Голубев",
    "Кудрявцев",
    "Прохоров",
    "Наумов",
    "Потапов",
    "Журавлёв",
    "Овчинников",
    "Трофимов",
    "Леонов",
    "Соболев",
    "Ермаков",
    "Колесников",
    "Гончаров",
    "Емельянов",
    "Никифоров",
    "Грачёв",
    "Котов",
    "Гришин",
    "Ефремов",
    "Архипов",
    "Громов",
    "Кириллов",
    "Малышев",
    "Панов",
    "Моисеев",
    "Румянцев",
    "Акимов",
    "Кондратьев",
    "Бирюков",
    "Горбунов",
    "Анисимов",
    "Ерёмин",
    "Тихомиров",
    "Галкин",
    "Лукьянов",
    "Михеев",
    "Скворцов",
    "Юдин",
    "Белоусов",
    "Нестеров",
    "Симонов",
    "Прокофьев",
    "Харитонов",
    "Князев",
    "Цветков",
    "Левин",
    "Митрофанов",
    "Воронов",
    "Аксёнов",
    "Софронов",
    "Мальцев",
    "Логинов",
    "Горшков",
    "Савин",
    "Краснов",
    "Майоров",
    "Демидов",
    "Елисеев",
    "Рыбаков",
    "Сафонов",
    "Плотников",
    "Дёмин",
    "Хохлов",
    "Жданов",
    "Носов",
    "Ходорковский",
    "Навальный",
    "Яшин",
    "Шульман",
    "Кара-Мурза",
    "Цветаев",
    "Ройзман",
    "Гозман",
    "Пархоменко",
    "Шевченко",
    "Бондаренко",
    "Коваленко",
    "Ткачук",
    "Ляскович",
    "Лебединский",
    "Достоевский",
    "Троицкий",
    "Толстой",
    "Белый",
    "Островский",
    "Шаламов",
    "Ахматов",
    "Осокин",
    "Дубровский",
]


@dataclass(frozen=True)
class Person:
    """One real individual behind the records."""

    pid: str
    given: str
    surname: str
    patronymic: str
    female: bool
    birth_year: int | None = None


def load_variants(path: Path = VARIANTS_FILE) -> dict[str, list[str]]:
    """Hand-written spellings by Cyrillic word."""
    table: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cyr, *latin = line.split("\t")
            table[cyr] = latin
    return table


def feminine(surname: str) -> str:
    """The feminine form of a Russian surname (invariant ones are returned)."""
    for masc, fem in (("ский", "ская"), ("цкий", "цкая"), ("ый", "ая"), ("ой", "ая")):
        if surname.endswith(masc):
            return surname[: -len(masc)] + fem
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return "-".join(feminine(p) for p in surname.split("-")) if "-" in surname else surname


def patronymic(father: str, female: bool) -> str:
    """Patronymic from a father's given name (consonant, -й and -ий names)."""
    if father.endswith("ь"):
        stem, male_end, fem_end = father[:-1], "евич", "евна"
    elif father.endswith("ий"):
        stem, male_end, fem_end = father[:-2], "ьевич", "ьевна"
    elif father.endswith("й"):
        stem, male_end, fem_end = father[:-1], "евич", "евна"
    else:
        stem, male_end, fem_end = father, "ович", "овна"
    return stem + (fem_end if female else male_end)


def _latin(word: str, system: str, rng: random.Random, variants: dict[str, list[str]]) -> str:
    """One word in Latin: a hand-written variant when known, else a system."""
    parts = word.split("-")
    out = []
    for part in parts:
        known = variants.get(part)
        out.append(rng.choice(known) if known and rng.random() < 0.5 else romanize(part, system))
    return "-".join(out)


def spell(person: Person, rng: random.Random, variants: dict[str, list[str]]) -> str:
    """One spelling of a person as some source would write it."""
    system = rng.choice(("cyrillic", *SYSTEMS))
    given, family, patr = person.given, person.surname, person.patronymic
    if system != "cyrillic":
        given, family, patr = (_latin(w, system, rng, variants) for w in (given, family, patr))
    style = rng.random()
    if style < 0.12:
        return f"{given[0]}. {family}"
    if style < 0.2:
        return f"{family} {given[0]}.{patr[0]}."
    if style < 0.45:
        return f"{family} {given} {patr}" if rng.random() < 0.6 else f"{family}, {given}"
    if style < 0.6:
        return f"{given} {patr} {family}"
    if style < 0.7:
        return f"{family.upper()} {given}"
    return f"{given} {family}"


def _person(rng: random.Random, pid: str, female: bool, surname: str | None = None) -> Person:
    """A new random person, optionally with a given (masculine) surname."""
    base = surname or rng.choice(SURNAMES)
    if rng.random() < 0.08 and surname is None:
        base = f"{base}-{rng.choice(SURNAMES)}"
    given = rng.choice(FEMALE if female else MALE)
    patr = patronymic(rng.choice(FATHERS), female)
    return Person(pid, given, feminine(base) if female else base, patr, female)


def _masculine_base(person: Person) -> str:
    """Recover a masculine surname from the lists for a person."""
    for s in SURNAMES:
        if person.surname in (s, feminine(s)):
            return s
    return person.surname


def _hard_negatives(rng: random.Random, person: Person, n: int) -> list[Person]:
    """Relatives, namesakes and exact namesakes of ``person``."""
    base = _masculine_base(person)
    out: list[Person] = []
    roll = rng.random()
    if roll < 0.35:  # relative of the other gender, same family
        out.append(_person(rng, f"{person.pid}r", not person.female, base))
    elif roll < 0.6:  # namesake with another given name
        other = _person(rng, f"{person.pid}n", person.female, base)
        if other.given != person.given:
            out.append(other)
    elif roll < 0.75:  # exact namesake: another father and birth year
        patr = patronymic(rng.choice(FATHERS), person.female)
        if patr != person.patronymic:
            year = (person.birth_year or 1970) + rng.randint(3, 30)
            out.append(
                Person(f"{person.pid}x", person.given, person.surname, patr, person.female, year)
            )
    return out


def build(
    n_people: int = 400, seed: int = 9303, spellings: tuple[int, int] = (3, 5)
) -> tuple[list[NameRecord], dict[str, str]]:
    """Records and their true person id, for ``n_people`` people plus negatives."""
    rng = random.Random(seed)
    variants = load_variants()
    people: list[Person] = []
    dated: set[str] = set()  # exact namesakes: their records carry a birth year
    taken: set[tuple[str, str]] = set()
    for i in range(n_people):
        p = _person(rng, f"p{i:05d}", rng.random() < 0.5)
        while (p.given, p.surname) in taken:  # accidental namesakes: undecidable
            p = _person(rng, f"p{i:05d}", rng.random() < 0.5)
        p = Person(p.pid, p.given, p.surname, p.patronymic, p.female, rng.randint(1940, 2000))
        taken.add((p.given, p.surname))
        negatives = [
            q
            for q in _hard_negatives(rng, p, i)
            if q.pid.endswith("x") or (q.given, q.surname) not in taken
        ]
        taken.update((q.given, q.surname) for q in negatives)
        people.append(p)
        people.extend(negatives)
        if any(n.pid.endswith("x") for n in negatives):
            dated.add(p.pid)
    records: list[NameRecord] = []
    truth: dict[str, str] = {}
    for p in people:
        extra = {"birth_year": str(p.birth_year)} if p.pid.endswith("x") or (p.pid in dated) else {}
        for k in range(rng.randint(*spellings)):
            rid = f"{p.pid}-{k}"
            records.append(NameRecord(rid, "person", spell(p, rng, variants), extra=extra))
            truth[rid] = p.pid
    return records, truth


def true_pairs(truth: dict[str, str]) -> set[tuple[str, str]]:
    """Every pair of records that belong to the same person."""
    by_person: dict[str, list[str]] = {}
    for rid, pid in truth.items():
        by_person.setdefault(pid, []).append(rid)
    return {tuple(sorted(p)) for ids in by_person.values() for p in combinations(ids, 2)}  # type: ignore[misc]
