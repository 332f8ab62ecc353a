"""Plausible fictional demo data at any size (``registry demo``).

Every name is assembled from common Russian name parts; no record describes a real person
or organisation. Written with ``Store.bulk_insert`` in one transaction, so 100,000 people
take seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from registry.domain import regions
from registry.domain.enums import (
    Confidence,
    Gender,
    Group,
    Horizon,
    Kind,
    OrgType,
    Role,
    Sensitivity,
    SupportKind,
    SupportStatus,
    TieKind,
)
from registry.domain.hlc import Stamp
from registry.domain.ids import evaluation_id, new_id
from registry.domain.model import Record
from registry.store.records import Store

GIVEN_F = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Екатерина",
           "Юлия", "Светлана", "Дарья", "Ксения", "Алина", "Полина", "Вера", "Софья",
           "Людмила", "Галина", "Марина", "Евгения", "Надежда", "Александра", "Любовь"]
GIVEN_M = ["Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Иван", "Николай", "Павел",
           "Евгений", "Владимир", "Максим", "Илья", "Григорий", "Пётр", "Борис", "Юрий",
           "Константин", "Лев", "Фёдор", "Артём", "Кирилл", "Роман", "Тимур", "Руслан"]
SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
            "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев",
            "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов",
            "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов",
            "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Фролов", "Белов",
            "Медведев", "Тарасов", "Белоусов", "Гусев", "Киселёв", "Ильин", "Поляков",
            "Карпов", "Афанасьев", "Власов", "Маслов", "Исаев", "Тихонов", "Аксёнов",
            "Гаврилов", "Родионов", "Котов", "Горбунов", "Кудрявцев", "Быков", "Зуев",
            "Третьяков", "Савельев", "Панов", "Рыбаков", "Суворов", "Абрамов", "Воронин",
            "Мухин", "Архипов", "Трофимов", "Мартынов", "Емельянов", "Горшков", "Чернов",
            "Овчинников", "Селезнёв", "Панфилов", "Копылов", "Михеев", "Галкин", "Назаров",
            "Лобанов", "Лукин", "Беляков", "Потапов", "Некрасов", "Хохлов", "Жданов",
            "Наумов", "Шилов", "Воронцов", "Ермаков", "Дроздов", "Игнатьев", "Савин",
            "Логинов", "Сафонов", "Капустин", "Кириллов", "Моисеев", "Елисеев", "Кошелев",
            "Костин", "Горбачёв", "Орехов", "Ефремов", "Исаков", "Евдокимов", "Калашников",
            "Кабанов", "Носков", "Юдин", "Кулагин", "Лапин", "Прохоров", "Нестеров",
            "Харитонов", "Агафонов", "Муравьёв", "Ларионов", "Федосеев", "Зимин", "Пахомов",
            "Шубин", "Игнатов", "Филатов", "Крюков", "Рогов", "Кулаков", "Терентьев",
            "Молчанов", "Владимиров", "Артемьев", "Гурьев", "Зиновьев", "Гришин", "Кононов",
            "Дементьев", "Ситников", "Симонов", "Мишин", "Фадеев", "Комиссаров", "Мамонтов",
            "Носов", "Гуляев", "Шаров", "Устинов", "Вишняков", "Евсеев", "Лаврентьев",
            "Брагин", "Константинов", "Корнилов", "Авдеев", "Зыков", "Бирюков", "Шарапов",
            "Никонов", "Щукин", "Дьячков", "Одинцов", "Сазонов", "Якушев", "Красильников",
            "Гордеев", "Самойлов", "Князев", "Беспалов", "Уваров", "Шашков", "Бобылёв",
            "Доронин", "Белозёров", "Рожков", "Самсонов", "Мясников", "Лихачёв", "Буров",
            "Сысоев", "Фомичёв", "Русаков", "Стрелков", "Гущин", "Тетерин", "Колобов",
            "Субботин", "Фокин", "Блохин", "Селиверстов", "Пестов", "Кондратьев", "Силин",
            "Меркушев", "Лыткин", "Туров"]
ETHNIC = ["татарин", "башкир", "чуваш", "якут", "бурят", "чеченец", "ингуш", "аварец",
          "удмурт", "коми", "марийка", "калмык", "осетин", "украинец", "еврей"]
ORG_WORDS = ["Свобода", "Голос", "Правда", "Мост", "Горизонт", "Рассвет", "Память", "Весна",
             "Перспектива", "Север", "Ковчег", "Альтернатива", "Диалог", "Сфера", "Дом",
             "Вектор", "Точка", "Новая газета", "Зеркало", "Эхо", "Луч", "Компас", "Берег"]
ORG_PREFIX = {OrgType.MEDIA: "Медиа", OrgType.NGO: "АНО", OrgType.HUMAN_RIGHTS: "Центр",
              OrgType.RESEARCH: "Институт", OrgType.POLITICAL_MOVEMENT: "Движение",
              OrgType.EDUCATION: "Школа", OrgType.CULTURE: "Театр",
              OrgType.DIASPORA: "Община", OrgType.DONOR: "Фонд",
              OrgType.GOVERNMENT: "Министерство"}
HOSTS = [("DE", "Берлин"), ("LV", "Рига"), ("LT", "Вильнюс"), ("GE", "Тбилиси"),
         ("PL", "Варшава"), ("CZ", "Прага"), ("FR", "Париж"), ("NL", "Амстердам"),
         ("FI", "Хельсинки"), ("EE", "Таллин"), ("AM", "Ереван"), ("RS", "Белград"),
         ("TR", "Стамбул"), ("GB", "Лондон"), ("SE", "Стокгольм"), ("KZ", "Алматы")]
LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                 ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
                  "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                  "", "e", "yu", "ya"], strict=True))


def latin(text: str) -> str:
    """A simple BGN/PCGN-like romanisation for the demo's Latin name forms."""
    out = []
    for ch in text:
        low = ch.lower()
        rep = LATIN.get(low, ch)
        out.append(rep.capitalize() if ch != low and rep else rep)
    return "".join(out)


@dataclass
class DemoSize:
    people: int = 2000
    organisations: int = 200
    ties: int = 6000
    seed: int = 1


def generate(store: Store, size: DemoSize, progress: Callable[[str], None] | None = None, *,
             official: str = "Demo Official") -> int:
    """Fill ``store`` with fictional records; the caller holds the write transaction.
    ``official`` is the vault's own official (the assessor of its evaluations): the name
    its colleagues know it by, which is what an imported evaluation must name."""
    gen = _Generator(store, size, official)
    total = 0
    for label, batch in gen.batches():
        total += store.bulk_insert(batch)
        if progress:
            progress(label)
    return total


class _Generator:
    def __init__(self, store: Store, size: DemoSize, official: str) -> None:
        self.official = official
        self.rng = random.Random(size.seed)  # noqa: S311 - reproducible fiction, not secrets
        self.size = size
        self.store = store
        self.today = dt.date.today()
        self.people: list[str] = []
        self.inside: list[bool] = []
        self.orgs: list[str] = []
        self.donors: list[str] = []

    def _record(self, kind: Kind, values: dict[str, Any]) -> Record:
        stamp = Stamp(self.store.clock.tick(), self.store.origin)
        values = {k: v for k, v in values.items() if v not in (None, [], "")}
        values.setdefault("sensitivity", Sensitivity.INTERNAL.label)
        made = evaluation_id(self.store.origin) if kind is Kind.EVALUATION else new_id()
        return Record(made, kind, values, {k: stamp for k in values})

    def batches(self) -> Iterator[tuple[str, list[Record]]]:
        yield "organisations", [self._organisation(i) for i in range(self.size.organisations)]
        chunk = 20_000
        for start in range(0, self.size.people, chunk):
            stop = min(start + chunk, self.size.people)
            yield "people", [self._person() for _ in range(start, stop)]
        for start in range(0, self.size.ties, chunk * 2):
            stop = min(start + chunk * 2, self.size.ties)
            yield "ties", [self._tie() for _ in range(start, stop)]
        if self.donors and (self.people or self.orgs):
            count = max(1, self.size.people // 4)
            yield "support", [self._support() for _ in range(count)]
        if self.people and self.orgs:
            events = max(1, self.size.people // 200)
            yield "events", [self._event() for _ in range(events)]
            evals = max(1, self.size.organisations // 2)
            yield "evaluations", [self._evaluation() for _ in range(evals)]

    def _person(self) -> Record:
        r = self.rng
        female = r.random() < 0.5
        given = r.choice(GIVEN_F if female else GIVEN_M)
        surname = r.choice(SURNAMES) + ("а" if female else "")
        name = f"{given} {surname}"
        inside = r.random() < 0.06
        country, city = r.choice(HOSTS)
        gender = (Gender.FEMALE if female else Gender.MALE) if r.random() < 0.85 else \
            r.choice([Gender.UNDISCLOSED, Gender.OTHER])
        values: dict[str, Any] = {
            "name": name, "name_latin": latin(name), "gender": gender.value,
            "roles": sorted({r.choice(list(Role)).value for _ in range(r.randint(1, 2))}),
            "region": r.choice(regions.ALL_CODES), "inside_russia": inside,
            "country": None if inside else country, "city": None if inside else latin(city),
            "languages": ["ru", r.choice(["en", "de", "fr", "lv", "ka", "pl"])],
            "ethnicity": r.choice(ETHNIC) if r.random() < 0.18 else None,
            "groups": [r.choice(list(Group)).value] if r.random() < 0.12 else [],
            "email": f"{latin(surname).lower()}.{r.randint(1, 9999)}@example.org"
            if r.random() < 0.5 else None,
            "review_date": (self.today + dt.timedelta(days=r.randint(-60, 900))).isoformat(),
            "sensitivity": Sensitivity.PROTECTED.label if inside else
            r.choice(["public", "internal", "internal", "confidential"]),
        }
        record = self._record(Kind.PERSON, values)
        self.people.append(record.id)
        self.inside.append(inside)
        return record

    def _organisation(self, i: int) -> Record:
        r = self.rng
        kinds = list(OrgType)
        otype = kinds[i % len(kinds)] if i < len(kinds) * 3 else r.choice(kinds)
        country, city = r.choice(HOSTS)
        word = r.choice(ORG_WORDS)
        name = f"{ORG_PREFIX[otype]} «{word}»" + (f" {i}" if i >= len(ORG_WORDS) else "")
        founded = r.choice([r.randint(1990, 2021), r.randint(2022, self.today.year)])
        values = {
            "name": name, "name_latin": latin(name.replace("«", '"').replace("»", '"')),
            "type": otype.value, "founded": founded,
            "relocated": max(founded, r.randint(2022, self.today.year)),
            "country": country, "host_countries": [country], "city": latin(city),
            "regions_covered": sorted(r.sample(regions.ALL_CODES, r.randint(0, 6))),
            "languages": ["ru"], "reach": r.randint(500, 2_000_000)
            if otype is OrgType.MEDIA else None,
            "reach_metric": "monthly readers" if otype is OrgType.MEDIA else None,
            "sensitivity": r.choice(["public", "internal"]),
        }
        record = self._record(Kind.ORGANISATION, values)
        self.orgs.append(record.id)
        if otype in (OrgType.DONOR, OrgType.GOVERNMENT):
            self.donors.append(record.id)
        return record

    def _actor(self) -> str:
        if self.people and (not self.orgs or self.rng.random() < 0.7):
            return self.rng.choice(self.people)
        return self.rng.choice(self.orgs)

    def _tie(self) -> Record:
        r = self.rng
        kind = r.choice(list(TieKind))
        a = r.choice(self.people) if self.people else self._actor()
        b = self._actor()
        while b == a and (len(self.people) + len(self.orgs)) > 1:
            b = self._actor()
        start = dt.date(r.randint(2005, 2025), r.randint(1, 12), 1)
        return self._record(Kind.TIE, {
            "from_id": a, "to_id": b, "kind": kind.value,
            "start": start.isoformat(), "confidence": r.choice(list(Confidence)).value,
        })

    def _support(self) -> Record:
        r = self.rng
        kind = r.choice(list(SupportKind))
        start = self.today - dt.timedelta(days=r.randint(0, 1400))
        end = start + dt.timedelta(days=r.choice([180, 365, 730, 1095]))
        amount = r.choice([None, r.randint(1, 200) * 1000])
        return self._record(Kind.SUPPORT, {
            "provider_id": r.choice(self.donors), "recipient_id": self._actor(),
            "kind": kind.value, "status": r.choice(list(SupportStatus)).value,
            "start": start.isoformat(), "end": end.isoformat(),
            "amount": amount, "currency": "EUR" if amount else None,
            "horizon": r.choice(list(Horizon)).value,
        })

    def _event(self) -> Record:
        r = self.rng
        country, city = r.choice(HOSTS)
        start = self.today - dt.timedelta(days=r.randint(-90, 900))
        people = sorted(set(r.sample(self.people, min(len(self.people), r.randint(3, 25)))))
        return self._record(Kind.EVENT, {
            "title": f"Форум «{r.choice(ORG_WORDS)}» {start.year}", "start": start.isoformat(),
            "place": latin(city), "country": country, "organiser_id": r.choice(self.orgs),
            "participants": people,
        })

    def _evaluation(self) -> Record:
        r = self.rng
        return self._record(Kind.EVALUATION, {
            "subject_id": r.choice(self.orgs),
            "date": (self.today - dt.timedelta(days=r.randint(0, 700))).isoformat(),
            "assessor": self.store.origin, "assessor_name": self.official,
            "score_1": r.randint(0, 4), "score_2": r.randint(0, 4), "score_3": r.randint(0, 4),
        })
