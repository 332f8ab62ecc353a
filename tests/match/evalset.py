"""Deterministic labelled evaluation set for name matching.

People are drawn from seeded lists of Russian given names and surnames; each
person gets several records spelled by different romanisation systems
(:mod:`registry.match.romanize`, none of which is the skeleton's own table, and
every schema of the ``iuliia`` package: passport, BGN/PCGN, ALA-LC with its
ligatures, ISO 9 and GOST with their marks, MVD, Telegram, Yandex...) and by
hand-written real-world variants (``tests/fixtures/names/variants.tsv``),
in either name order, with or without patronymic, with initials and
hyphenated surnames, in passport capitals, and sometimes by a short form of
the given name (Masha for Мария, :mod:`registry.match.diminutives`).  Each
record's system and classes (:func:`classes`) are kept for per-class figures.
Hard negatives are added next to them: relatives with the other gender's surname
form, relatives of the same gender (siblings share the patronymic, the household
shares country, region and city), namesakes with another given name, and exact
namesakes with another patronymic and birth year.

Records carry what records in the registry carry, each only sometimes and
sometimes wrong: gender, country and city of residence, region of origin (and
rarely a birth year, which imported spreadsheets have).  The rates are in
``FIELD_RATES``; they were set once from what an official's notes hold and
were not tuned to the matcher.

:func:`synthetic` makes a large realistic population for the speed benchmark:
thousands of generated surnames with a Zipf-like frequency.
"""

from __future__ import annotations

import random
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from registry.match.diminutives import SHORT_FORMS
from registry.match.names import NameRecord
from registry.match.romanize import romanize

VARIANTS_FILE = Path(__file__).parents[1] / "fixtures" / "names" / "variants.tsv"
SYSTEMS = ("icao", "bgn", "iso9", "gost_b", "scholarly", "english", "german", "french",
           "polish", "czech")
NATIONAL = ("polish", "czech")
CYRILLIC_SHARE = 0.18  # of spellings; the rest are spread evenly over every system
SHORT_FORM_SHARE = 0.05  # of spellings of a person whose given name has a short form


@lru_cache(maxsize=1)
def iuliia_schemas() -> dict[str, object]:
    """Every schema of the ``iuliia`` package (a test-only dependency), by name."""
    import iuliia

    return {f"iuliia:{n}": iuliia.schemas.get(n) for n in sorted(iuliia.schemas.names())}


def all_systems() -> tuple[str, ...]:
    """The project's own romanisations and every ``iuliia`` schema."""
    return (*SYSTEMS, *iuliia_schemas())


def render(word: str, system: str) -> str:
    """One Cyrillic word in Latin by ``system`` (a project system or ``iuliia:NAME``)."""
    if not system.startswith("iuliia:"):
        return romanize(word, system)
    schema = iuliia_schemas()[system]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return str(schema.translate(word))  # type: ignore[attr-defined]

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


# Where people live and come from, with rough weights (exile destinations;
# regions of origin, Moscow and St Petersburg first).
COUNTRIES = {
    "DE": (22, ("Berlin", "München", "Hamburg", "Köln")),
    "GE": (12, ("Tbilisi", "Batumi")),
    "AM": (8, ("Yerevan",)),
    "LT": (7, ("Vilnius", "Kaunas")),
    "LV": (7, ("Riga",)),
    "PL": (6, ("Warszawa", "Kraków")),
    "IL": (6, ("Tel Aviv", "Haifa")),
    "US": (5, ("New York", "Washington")),
    "FR": (5, ("Paris",)),
    "GB": (4, ("London",)),
    "CZ": (4, ("Praha",)),
    "NL": (3, ("Amsterdam",)),
    "FI": (3, ("Helsinki",)),
    "RS": (3, ("Beograd",)),
    "ES": (3, ("Barcelona", "Madrid")),
    "KZ": (2, ("Almaty",)),
}
REGIONS = {
    "RU-MOW": 28,
    "RU-SPE": 14,
    "RU-SVE": 4,
    "RU-NVS": 3,
    "RU-TA": 3,
    "RU-KDA": 3,
    "RU-NIZ": 3,
    "RU-BA": 2,
    "RU-SAM": 2,
    "RU-ROS": 2,
    "RU-PER": 2,
    "RU-KGD": 2,
    "RU-IRK": 2,
    "RU-KYA": 2,
    "RU-VLG": 1,
    "RU-TOM": 1,
    "RU-CHE": 1,
    "RU-OMS": 1,
    "RU-YAR": 1,
    "RU-KR": 1,
    "RU-SA": 1,
    "RU-BU": 1,
    "RU-DA": 1,
    "RU-KHA": 1,
}
# Chance that a record shows a field, and that the shown value is another one
# (moved house, an old address, a slip).
FIELD_RATES = {
    "gender": (0.6, 0.01),
    "country": (0.7, 0.1),
    "city": (0.3, 0.15),
    "region": (0.4, 0.03),
    "birth_year": (0.15, 0.02),
}


@dataclass(frozen=True)
class Person:
    """One real individual behind the records."""

    pid: str
    given: str
    surname: str
    patronymic: str
    female: bool
    birth_year: int | None = None
    home: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


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
    if "-" in surname:
        return "-".join(feminine(p) for p in surname.split("-"))
    for masc, fem in (("ский", "ская"), ("цкий", "цкая"), ("ый", "ая"), ("ой", "ая")):
        if surname.endswith(masc):
            return surname[: -len(masc)] + fem
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname


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
    out = []
    for part in word.split("-"):
        known = variants.get(part)
        out.append(rng.choice(known) if known and rng.random() < 0.5 else render(part, system))
    return "-".join(out)


def spell(person: Person, rng: random.Random, variants: dict[str, list[str]]) -> str:
    """One spelling of a person as some source would write it."""
    return spell_tagged(person, rng, variants)[0]


def spell_tagged(person: Person, rng: random.Random,
                 variants: dict[str, list[str]]) -> tuple[str, str, frozenset[str]]:
    """One spelling, the system that wrote it and its form's classes (``short_form``,
    ``initial``, ``patronymic``, ``order_case``: family name first or in capitals)."""
    system = "cyrillic" if rng.random() < CYRILLIC_SHARE else rng.choice(all_systems())
    given, family, patr = person.given, person.surname, person.patronymic
    short = SHORT_FORMS.get(given.lower())
    form: set[str] = set()
    if short and rng.random() < SHORT_FORM_SHARE:
        given = rng.choice(short).capitalize()
        form.add("short_form")
    if system != "cyrillic":
        given, family, patr = (_latin(w, system, rng, variants) for w in (given, family, patr))
    style = rng.random()
    if style < 0.12 and not form:
        return f"{given[0]}. {family}", system, frozenset({"initial"})
    if style < 0.2 and not form:
        return f"{family} {given[0]}.{patr[0]}.", system, frozenset({"initial", "order_case"})
    if style < 0.45:
        with_patronymic = rng.random() < 0.6
        text = f"{family} {given} {patr}" if with_patronymic else f"{family}, {given}"
        form |= {"order_case", "patronymic"} if with_patronymic else {"order_case"}
    elif style < 0.6:
        text = f"{given} {patr} {family}"
        form.add("patronymic")
    elif style < 0.7:
        text = f"{family.upper()} {given.upper() if rng.random() < 0.5 else given}"
        form.add("order_case")
    else:
        text = f"{given} {family}"
    return text, system, frozenset(form)


_MARKS = frozenset("'’ʼʹʺ″`´\"”")
_SCHOLARLY = frozenset("žšč ŝĭëŽŠČŜ͡".replace(" ", ""))


def classes(text: str, system: str, form: frozenset[str]) -> frozenset[str]:
    """The classes a spelling belongs to: its form's (:func:`spell_tagged`), ``marks`` (soft
    and hard sign marks), ``scholarly`` (ISO and scholarly letters, ligatures), ``national``
    (Polish, Czech), ``plain`` (none of them)."""
    out = set(form)
    composed = unicodedata.normalize("NFC", text)
    if any(ch in _MARKS for ch in composed):
        out.add("marks")
    if any(ch in _SCHOLARLY for ch in unicodedata.normalize("NFD", text).lower()) or any(
            ch in "ŝĭ" for ch in composed.lower()):
        out.add("scholarly")
    if system in NATIONAL:
        out.add("national")
    return frozenset(out or {"plain"})


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _new_home(rng: random.Random) -> dict[str, str]:
    """Country, city and region of a newly drawn household."""
    country = rng.choices(list(COUNTRIES), weights=[w for w, _ in COUNTRIES.values()])[0]
    return {
        "country": country,
        "city": rng.choice(COUNTRIES[country][1]),
        "region": _weighted(rng, REGIONS),
    }


def _extra(person: Person, rng: random.Random) -> dict[str, str]:
    """What one record shows of a person's fields (FIELD_RATES)."""
    truth = {
        **person.home,
        "gender": "female" if person.female else "male",
        "birth_year": str(person.birth_year or ""),
    }
    other = {
        **_new_home(rng),
        "gender": "male" if person.female else "female",
        "birth_year": str((person.birth_year or 1970) + rng.choice((-1, 1))),
    }
    out = {}
    for key, (shown, wrong) in FIELD_RATES.items():
        if truth.get(key) and rng.random() < shown:
            out[key] = other[key] if rng.random() < wrong else truth[key]
    return out


class Names:
    """Where people's names come from: the fixed lists, or a weighted pool."""

    def __init__(
        self, surnames: list[str], weights: list[float] | None = None, given_weights: bool = False
    ) -> None:
        self.surnames, self.weights, self.given_weights = surnames, weights, given_weights

    def surname(self, rng: random.Random) -> str:
        if self.weights is None:
            return rng.choice(self.surnames)
        return rng.choices(self.surnames, cum_weights=self.weights)[0]

    def given(self, rng: random.Random, female: bool) -> str:
        names = FEMALE if female else MALE
        if not self.given_weights:
            return rng.choice(names)
        return rng.choices(names, cum_weights=_zipf(len(names), 0.7))[0]


def _person(
    rng: random.Random, pid: str, female: bool, names: Names, surname: str | None = None
) -> Person:
    """A new random person, optionally with a given (masculine) surname."""
    base = surname or names.surname(rng)
    if rng.random() < 0.08 and surname is None:
        base = f"{base}-{names.surname(rng)}"
    given = names.given(rng, female)
    patr = patronymic(rng.choice(FATHERS), female)
    return Person(
        pid,
        given,
        feminine(base) if female else base,
        patr,
        female,
        rng.randint(1940, 2003),
        _new_home(rng),
    )


def _masculine_base(person: Person, names: Names) -> str:
    """Recover the masculine surname of a person."""
    if person.female:
        for s in SURNAMES:
            if person.surname == feminine(s):
                return s
    return person.surname if not person.female else _guess_masculine(person.surname)


def _guess_masculine(surname: str) -> str:
    return "-".join(_masculine_part(p) for p in surname.split("-"))


def _masculine_part(part: str) -> str:
    for fem, masc in (("ская", "ский"), ("цкая", "цкий"), ("ая", "ый")):
        if part.endswith(fem):
            return part[: -len(fem)] + masc
    return part[:-1] if part.endswith(("ова", "ева", "ёва", "ина", "ына")) else part


def _relative(
    rng: random.Random, person: Person, pid: str, female: bool, names: Names
) -> Person | None:
    """A family member: same surname, shared household, a sibling's patronymic."""
    other = _person(rng, pid, female, names, _masculine_base(person, names))
    if other.given == person.given:
        return None
    patr = other.patronymic
    if rng.random() < 0.5:  # a sibling: the same father
        father = next(
            (f for f in FATHERS if patronymic(f, person.female) == person.patronymic), None
        )
        patr = patronymic(father, female) if father else patr
    home = {k: v if rng.random() < 0.8 else other.home[k] for k, v in person.home.items()}
    year = (person.birth_year or 1970) + rng.choice((-1, 1)) * rng.randint(2, 30)
    return Person(pid, other.given, other.surname, patr, female, year, home)


def _hard_negatives(rng: random.Random, person: Person, names: Names) -> list[Person]:
    """Relatives, namesakes and exact namesakes of ``person``."""
    roll = rng.random()
    found: Person | None = None
    if roll < 0.3:  # relative of the other gender, same family
        found = _relative(rng, person, f"{person.pid}r", not person.female, names)
    elif roll < 0.45:  # relative of the same gender: sibling, parent, child
        found = _relative(rng, person, f"{person.pid}s", person.female, names)
    elif roll < 0.65:  # namesake with another given name
        other = _person(rng, f"{person.pid}n", person.female, names, _masculine_base(person, names))
        found = other if other.given != person.given else None
    elif roll < 0.8:  # exact namesake: another father and birth year
        patr = patronymic(rng.choice(FATHERS), person.female)
        if patr != person.patronymic:
            year = (person.birth_year or 1970) + rng.randint(3, 30)
            found = Person(
                f"{person.pid}x",
                person.given,
                person.surname,
                patr,
                person.female,
                year,
                _new_home(rng),
            )
    return [found] if found else []


def _population(
    rng: random.Random, n_people: int, names: Names, unique: bool
) -> tuple[list[Person], set[str]]:
    """People and their hard negatives; the pids of people with an exact namesake."""
    people: list[Person] = []
    dated: set[str] = set()  # exact namesakes: every record carries the birth year
    taken: set[tuple[str, str]] = set()
    for i in range(n_people):
        p = _person(rng, f"p{i:06d}", rng.random() < 0.5, names)
        while unique and (p.given, p.surname) in taken:  # accidental namesakes: undecidable
            p = _person(rng, f"p{i:06d}", rng.random() < 0.5, names)
        taken.add((p.given, p.surname))
        negatives = [
            q
            for q in _hard_negatives(rng, p, names)
            if q.pid.endswith("x") or not unique or (q.given, q.surname) not in taken
        ]
        taken.update((q.given, q.surname) for q in negatives)
        people.append(p)
        people.extend(negatives)
        if any(q.pid.endswith("x") for q in negatives):
            dated.update((p.pid, negatives[0].pid))
    return people, dated


Tags = dict[str, tuple[str, frozenset[str]]]  # record id: system, classes


def _records(
    people: list[Person], dated: set[str], rng: random.Random, spellings: tuple[int, int],
    tags: Tags | None = None,
) -> tuple[list[NameRecord], dict[str, str]]:
    variants = load_variants()
    records: list[NameRecord] = []
    truth: dict[str, str] = {}
    for p in people:
        for k in range(rng.randint(*spellings)):
            rid = f"{p.pid}-{k}"
            extra = _extra(p, rng)
            if p.pid in dated:
                extra["birth_year"] = str(p.birth_year)
            text, system, form = spell_tagged(p, rng, variants)
            records.append(NameRecord(rid, "person", text, extra=extra))
            truth[rid] = p.pid
            if tags is not None:
                tags[rid] = (system, classes(text, system, form))
    return records, truth


def build(
    n_people: int = 400, seed: int = 9303, spellings: tuple[int, int] = (3, 5),
    tags: Tags | None = None,
) -> tuple[list[NameRecord], dict[str, str]]:
    """Records and their true person id, for ``n_people`` people plus negatives; ``tags``,
    when given, is filled with each record's system and classes."""
    rng = random.Random(seed)
    people, dated = _population(rng, n_people, Names(SURNAMES), unique=True)
    return _records(people, dated, rng, spellings, tags)


_STEMS = [
    "бел",
    "бор",
    "вол",
    "гор",
    "дуб",
    "жур",
    "зай",
    "кал",
    "кос",
    "лав",
    "мар",
    "нов",
    "пет",
    "рыб",
    "сав",
    "тар",
    "фил",
    "хол",
    "чер",
    "шил",
    "юр",
    "бур",
    "вер",
    "гал",
    "дем",
    "ерм",
    "жел",
    "зим",
    "кир",
    "лоб",
    "мих",
    "нал",
    "орл",
    "пан",
    "рус",
    "сок",
    "тих",
    "уш",
    "фед",
    "цар",
    "шум",
    "яр",
    "бас",
    "вих",
    "глин",
    "дор",
    "зуб",
    "кар",
    "лис",
    "мед",
    "нес",
    "ост",
    "пол",
    "роз",
    "сем",
    "тол",
    "уст",
    "хар",
    "чай",
    "шех",
]
_MIDDLES = ("", "ан", "ен", "ин", "ок", "ат", "ал", "ик", "ур", "ар", "уш", "ял", "ох", "ет")
_ENDINGS = ("ов", "ев", "ин", "ский", "енко", "ук", "ович", "ых", "ой", "ман", "ёв", "цкий")


@lru_cache(maxsize=8)
def _zipf(n: int, exponent: float) -> list[float]:
    """Cumulative Zipf-like weights rank ** -exponent for ranks 1..n."""
    cum, total = [], 0.0
    for rank in range(1, n + 1):
        total += rank**-exponent
        cum.append(total)
    return cum


def synthetic_surnames(rng: random.Random, n: int = 8000) -> list[str]:
    """``n`` distinct generated Russian-looking surnames (masculine forms)."""
    seen: dict[str, None] = {}
    while len(seen) < n:
        stem = rng.choice(_STEMS) + rng.choice(_MIDDLES)
        seen[(stem + rng.choice(_ENDINGS)).capitalize()] = None
    return list(seen)


def synthetic(n_records: int = 100_000, seed: int = 7) -> list[NameRecord]:
    """A realistic large population: the real surname list first, then thousands
    of generated ones, drawn with Zipf-like weights (rank ** -0.7); given names
    skewed too; 1–2 records a person, hard negatives as in :func:`build`."""
    rng = random.Random(seed)
    surnames = SURNAMES + synthetic_surnames(rng)
    names = Names(surnames, _zipf(len(surnames), 0.7), given_weights=True)
    people, dated = _population(rng, int(n_records / 1.6), names, unique=False)
    records, _ = _records(people, dated, rng, (1, 2))
    return records[:n_records]


def true_pairs(truth: dict[str, str]) -> set[tuple[str, str]]:
    """Every pair of records that belong to the same person."""
    by_person: dict[str, list[str]] = {}
    for rid, pid in truth.items():
        by_person.setdefault(pid, []).append(rid)
    return {tuple(sorted(p)) for ids in by_person.values() for p in combinations(ids, 2)}  # type: ignore[misc]
