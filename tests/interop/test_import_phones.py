"""Two phone numbers agree only when they are the same number (issue 11, item 4).

``+49 30 12345678`` and ``+33 30 12345678`` end in the same ten digits but are two numbers in
two countries: a row with the one is a namesake of a record with the other (review queue,
nothing changed), never a strong match that overwrites. The same number written another way
(spaces, dashes, brackets, ``00`` for ``+``) still agrees and updates.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.interop.importer import SpreadsheetImport
from registry.interop.matching import identify, same_identifier
from registry.match import review
from registry.match.phones import same_phone
from registry.service import Registry

MakeCsv = Callable[..., Path]
BERLIN = {"name": "Анна Смирнова", "phone": "+49 30 12345678", "country": "DE",
          "city": "Berlin"}


def run(reg: Registry, path: Path) -> dict[str, Any]:
    # the decisions, as the vault holds them (not the report's shared form)
    return SpreadsheetImport(reg, path).run().to_json(shared=False)


def state(reg: Registry, record_id: str) -> tuple[Record | None, list[dict[str, Any]], int]:
    audit = reg.store.conn.execute("SELECT count(*) FROM audit WHERE record_id = ?",
                                   (record_id,)).fetchone()[0]
    return reg.store.get(record_id), reg.store.history(record_id), int(audit)


@pytest.fixture
def anna(reg: Registry) -> Record:
    return reg.add(Kind.PERSON, BERLIN)


def test_another_country_code_goes_to_review_and_changes_nothing(
        reg: Registry, anna: Record, csv_file: MakeCsv) -> None:
    """The reviewer's row: reported "updated" before, and moved her to Paris."""
    before = state(reg, anna.id)
    report = run(reg, csv_file([["name", "phone", "country", "city"],
                                ["Анна Смирнова", "+33 30 12345678", "FR", "Paris"]]))
    assert report["counts"]["update"] == 0 and report["counts"]["review"] == 1
    [row] = report["review"]
    [namesake] = row["namesakes"]
    assert namesake["record_id"] == anna.id
    assert namesake["reason"] == "spreadsheet namesake: city, country, phone differ"
    assert namesake["differs"]["phone"] == {"existing": "+49 30 12345678",
                                            "row": "+33 30 12345678"}
    assert state(reg, anna.id) == before  # values, stamps, history, audit
    assert {frozenset((q.a, q.b)) for q in review.queued(reg)} == \
        {frozenset((anna.id, row["record_id"]))}


@pytest.mark.parametrize("phone", ["+49 30 12345678", "+49-30-123-456-78", "0049 30 12345678",
                                   "+49 (30) 1234 5678", "004930 12345678"])
def test_the_same_number_written_another_way_updates(reg: Registry, anna: Record,
                                                     csv_file: MakeCsv, phone: str) -> None:
    """Positive control: the same row with the same number (however written) updates."""
    report = run(reg, csv_file([["name", "phone", "country", "city"],
                                ["Анна Смирнова", phone, "FR", "Paris"]]))
    [row] = report["updated"]
    assert row["record_id"] == anna.id
    assert row["changes"] == {"city": {"old": "Berlin", "new": "Paris"},
                              "country": {"old": "DE", "new": "FR"}}
    after = reg.get(anna.id).values
    assert after["phone"] == BERLIN["phone"]  # the same number, kept as stored
    assert review.queued(reg) == []


@pytest.mark.parametrize(("a", "b"), [
    ("+49 30 12345678", "+33 30 12345678"),    # the same last ten digits, two countries
    ("+7 999 123 45 67", "+1 999 123 45 67"),
    ("0049 30 12345678", "0033 30 12345678"),
    ("+49 30 12345678", "+49 30 12345679"),
    ("+44 7700 900123", "+447700 900124"),
    ("030 12345678", "040 12345678"),          # both national, other digits
    ("+49 30 12345678", "+4930 1234567"),     # a digit less
    ("+49 30 12345678", "12345678"),          # too short a tail to say
    ("+49 170 1234567", "70 1234567"),        # a digit lost: 491 is no country code
    ("+7 916 123 45 67", "16 123 45 67"),     # the leading 9 lost
    ("+7 916 123 45 67", "6123 4567"),        # an Estonian-style number, 791 no code
])
def test_different_numbers_never_agree(a: str, b: str) -> None:
    assert not same_phone(a, b) and not same_phone(b, a)
    assert not same_identifier("phone", a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("+49 30 12345678", "0049-30-1234-5678"),
    ("+7 (999) 123-45-67", "8 999 123 45 67"),   # the Russian trunk 8 is +7
    ("+7 999 1234567", "7 999 123 45 67"),        # the same digits without the +
    ("+44 7700 900123", "07700 900 123"),         # national, trunk 0: that number's own part
    ("+49 30 12345678", "030 12345678"),
    ("030 12345678", "030-1234-5678"),
    ("+49 170 1234567", "0170 1234567"),      # 49 and the national number
    ("+39 06 1234567", "06 1234567"),         # Italy keeps its 0 after the country code
])
def test_one_number_written_two_ways_agrees(a: str, b: str) -> None:
    assert same_phone(a, b) and same_phone(b, a)


def test_a_national_number_never_makes_two_country_codes_agree() -> None:
    """``030 12345678`` may be the German or the French number; the two still differ."""
    national, de, fr = "030 12345678", "+49 30 12345678", "+33 30 12345678"
    assert same_phone(national, de) and same_phone(national, fr)
    assert not same_phone(de, fr)


def test_the_rule_blocks_a_match_on_another_number() -> None:
    person = Kind.PERSON
    other = identify(person, {"phone": "+33 30 12345678", "email": "a@x"},
                     {"phone": "+49 30 12345678", "email": "a@x"})
    assert other.disagree == ("phone",) and not other.strong
    same = identify(person, {"name": "A", "phone": "0049 30 1234-5678"},
                    {"name": "A", "phone": "+49 30 12345678"})
    assert same.agree == ("phone",) and same.strong
    national = identify(person, {"name": "A", "phone": "030 12345678"},
                        {"name": "A", "phone": "+49 30 12345678"})
    assert national.strong  # the scorer weighs what the rule calls the same as the same
    assert identify(person, {"signal": "+33 30 12345678"},
                    {"signal": "+49 30 12345678"}).disagree == ("signal",)


def test_a_shorter_number_is_not_the_namesakes_number(reg: Registry, csv_file: MakeCsv) -> None:
    """README: numbers agree "only when they are the same number, every digit of it"; the
    same number written nationally (8 916 …) is the positive control."""
    ivan = reg.add(Kind.PERSON, {"name": "Иван Петров", "phone": "+7 916 123 45 67"})
    before = state(reg, ivan.id)
    report = run(reg, csv_file([["name", "phone", "notes"],
                                ["Иван Петров", "6123 4567", "Tallinn Ivan"]]))
    assert report["counts"]["update"] == 0 and report["counts"]["review"] == 1
    assert state(reg, ivan.id) == before
    report = run(reg, csv_file([["name", "phone", "notes"],
                                ["Иван Петров", "8 916 123-45-67", "Moscow Ivan"]]))
    assert [u["record_id"] for u in report["updated"]] == [ivan.id]


@pytest.mark.parametrize("row, updates", [
    (["Анна Смирнова", "нет", "нет", "FR"], False),   # a placeholder on both sides
    (["Анна Смирнова", "-", "-", "FR"], False),
    (["", "anna.s@example.org", "", "FR"], False),    # no name: a shared e-mail alone
    (["Yana Smirnova", "anna.s@example.org", "", "FR"], False),  # another first name
    (["Ania Smirnova", "anna.s@example.org", "", "FR"], False),  # her short form: weaker
    (["Anna Smirnova", "anna.s@example.org", "", "FR"], True),   # control: the same name
])
def test_what_does_not_say_who_she_is_overwrites_nothing(
        reg: Registry, csv_file: MakeCsv, row: list[str], updates: bool) -> None:
    """A row overwrote her record (was) when its e-mail and phone cells held the placeholder
    hers held ("нет" agreed with "нет"), when it gave no name at all (an e-mail is often a
    family's or an office's), or when its first name was another one spelled alike (Yana,
    Ania: the lenient phonetic key drops glides and doubled letters). Each goes to review
    or is refused, and changes nothing; the same name with her e-mail updates."""
    placeholder = row[1] if row[1] in ("нет", "-") else None
    anna = reg.add(Kind.PERSON, {"name": "Анна Смирнова", "country": "DE",
                                 "email": placeholder or "anna.s@example.org",
                                 "phone": placeholder})
    before = state(reg, anna.id)
    report = run(reg, csv_file([["name", "email", "phone", "country"], row]))
    assert (report["counts"]["update"] == 1) is updates
    if updates:
        assert reg.get(anna.id).values["country"] == "FR"
    else:
        assert state(reg, anna.id) == before
