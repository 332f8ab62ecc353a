"""A large fictional spreadsheet of people (for the 50,000-row test and the benchmark)."""

from __future__ import annotations

import csv
import random
from pathlib import Path


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _w("Анна Мария Елена Ольга Наталья Ирина Светлана Татьяна Юлия Екатерина Дарья Алина "
         "Ксения Полина Вера Надежда Любовь София Виктория Алёна Иван Пётр Олег Сергей "
         "Дмитрий Алексей Андрей Михаил Николай Павел Роман Егор Игорь Илья Максим Кирилл "
         "Артём Фёдор Григорий Лев")
MIDDLE = _w("Ивановна Петровна Сергеевна Андреевна Николаевна Олеговна Павловна Романовна "
          "Игоревна Львовна Иванович Петрович Сергеевич Андреевич Николаевич Олегович "
          "Павлович Романович Игоревич Львович")
LAST = [stem + end for stem in _w(
    "Иванов Петров Сидоров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Федоров "
    "Морозов Волков Алексеев Лебедев Семенов Егоров Павлов Козлов Степанов Николаев Орлов Андреев "
    "Макаров Захаров Зайцев Соловьев Борисов Яковлев Григорьев Романов Воробьев Сергеев "
    "Кузьмин Фролов Александров Дмитриев Королев Гусев Киселев Ильин Максимов Поляков "
    "Сорокин Виноградов Ковалев Белов Медведев Антонов Тарасов") for end in ("", "а")]
REGIONS = ("RU-SVE", "RU-TA", "RU-MOW", "RU-SPE", "RU-NVS", "RU-KDA", "RU-BA", "UA-43")
COUNTRIES = ("Германия", "LV", "Грузия", "DE", "FR", "Литва", "PL", "Израиль")
ROLES = ("журналист", "активист; правозащитник", "researcher", "юрист", "artist")
GENDERS = ("женский", "мужской", "female", "male", "")
HEADER = ["ФИО", "Пол", "Регион", "Страна", "Роли", "Почта", "Телефон", "Заметки",
          "Внутри России"]


def people_rows(n: int, seed: int = 7) -> list[list[str]]:
    """``n`` rows of distinct fictional people with Russian headers' values."""
    rnd = random.Random(seed)
    combos = len(FIRST) * len(MIDDLE) * len(LAST)
    rows = []
    for i, k in enumerate(rnd.sample(range(combos), n)):
        first = FIRST[k % len(FIRST)]
        middle = MIDDLE[(k // len(FIRST)) % len(MIDDLE)]
        last = LAST[k // (len(FIRST) * len(MIDDLE))]
        rows.append([f"{last} {first} {middle}", rnd.choice(GENDERS), rnd.choice(REGIONS),
                     rnd.choice(COUNTRIES), rnd.choice(ROLES), f"p{i}@example.org",
                     f"+49 170 {i:07d}", "Вымышленная запись для теста" if i % 3 else "",
                     "да" if i % 50 == 0 else ""])
    return rows


def write_people_csv(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(people_rows(n, seed))
    return path
