"""A row whose own spellings name two people is a disagreement, never a strong match.

A row "Иван Петров" with the Latin name "Anna Smirnova" and her region of origin was a strong
match for Анна Смирнова (the Latin name agreed, any spelling against any spelling) and
rewrote her country and e-mail; holding nothing new, it was dropped as "unchanged" (was). It
goes to review beside her, changes nothing, and the report says which name names someone else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.interop.importer import SpreadsheetImport
from registry.interop.matching import identify, name_conflicts, same_name
from registry.service import Registry

MakeCsv = Callable[..., Path]
ANNA = {"name": "Анна Смирнова", "name_latin": "Anna Smirnova", "region": "RU-MOW",
        "gender": "female", "country": "DE"}


def run(reg: Registry, path: Path) -> dict[str, Any]:
    return SpreadsheetImport(reg, path).run().to_json()


@pytest.mark.parametrize("name, latin", [
    ("Иван Петров", "Anna Smirnova"),      # the Latin name is hers, the name another's
    ("Анна Смирнова", "Ivan Petrov"),      # and the other way round
    ("Анна Смирнова", "Anna Smirnova-Petrova"),
])
def test_a_row_naming_two_people_changes_nothing_and_is_reviewed(
        reg: Registry, csv_file: MakeCsv, name: str, latin: str) -> None:
    anna = reg.add(Kind.PERSON, ANNA)
    before = dict(reg.get(anna.id).values)
    report = run(reg, csv_file([["name", "name_latin", "region", "country", "email"],
                                [name, latin, "RU-MOW", "FR", "x@example.org"]]))
    assert report["counts"]["update"] == 0 and report["counts"]["review"] == 1
    assert reg.get(anna.id).values == before
    namesake = report["review"][0]["namesakes"][0]
    assert "names someone else" in namesake["reason"]


def test_a_row_naming_two_people_that_brings_nothing_new_is_not_dropped(
        reg: Registry, csv_file: MakeCsv) -> None:
    reg.add(Kind.PERSON, {k: ANNA[k] for k in ("name", "name_latin", "country")})
    report = run(reg, csv_file([["name", "name_latin", "country"],
                                ["Иван Петров", "Anna Smirnova", "DE"]]))
    assert report["counts"]["unchanged"] == 0 and report["counts"]["review"] == 1
    names = sorted(r.values["name"] for r in reg.store.iter_records(Kind.PERSON))
    assert names == ["Анна Смирнова", "Иван Петров"]


def test_control_both_spellings_hers_update_and_unchanged(reg: Registry,
                                                         csv_file: MakeCsv) -> None:
    anna = reg.add(Kind.PERSON, ANNA)
    report = run(reg, csv_file([["name", "name_latin", "region", "country"],
                                ["Анна Смирнова", "Anna Smirnova", "RU-MOW", "FR"]]))
    assert [u["record_id"] for u in report["updated"]] == [anna.id]
    assert reg.get(anna.id).values["country"] == "FR"
    report = run(reg, csv_file([["name", "name_latin", "region"],
                                ["Смирнова Анна", "", "RU-MOW"]]))
    assert report["counts"]["unchanged"] == 1  # one spelling alone, hers: still the same


def test_the_rule() -> None:
    anna = {"name": "Анна Смирнова", "name_latin": "Anna Smirnova"}
    row = {"name": "Иван Петров", "name_latin": "Anna Smirnova", "region": "RU-MOW"}
    assert not same_name(row, anna) and name_conflicts(row, anna) == ("name",)
    verdict = identify(Kind.PERSON, row, {**anna, "region": "RU-MOW"})
    assert not verdict.strong and verdict.names_differ == ("name",)
    # control: spellings of her name in both scripts, in any order
    assert same_name({"name": "Смирнова Анна", "name_latin": "Anna Smirnova"}, anna)
    assert identify(Kind.PERSON, {**anna, "region": "RU-MOW"},
                    {**anna, "region": "RU-MOW"}).strong
