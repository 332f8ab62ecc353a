"""Free text naming a protected person by her one-word alias with her surname (DESIGN §6.4.6).

Her record: Мария Сергеевна Кузнецова, inside Russia, alias "Маруся". A one-word alias whose
search key is short ("Маруся": ``mrs``) is not looked for alone (it would blank every "Марс"
and "Мирослав"), but search finds her — and only her — by "Маруся Кузнецова", so a note
saying so names her. Was: such a note travelled in bundles, CSV and FtM files, and the
preview counted no mention. The controls: the same words naming someone not protected, and
her surname with another given name, travel.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.interop.csv_export import export_csv
from registry.service import Registry

from .test_mention_forms import exported, ftm_properties, mentioned
from .vaults import introduce, make_vault, person

NAMING_HER = {
    "alias_surname": "Маруся Кузнецова арестована",
    "surname_alias": "Кузнецова Маруся, задержана в марте",
    "declined": "Передали письмо Марусе Кузнецовой",
    "alias_patronymic": "Маруся Сергеевна звонила из Самары",
}
CONTROLS = {
    "other_surname": "Маруся Петрова арестована",  # her alias, another surname
    "other_given": "Марина Кузнецова арестована",  # her surname, another given name
}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Registry, Registry, dict[str, str]]]:
    r, d = make_vault(tmp_path, "R"), make_vault(tmp_path, "D")
    introduce(r, d)
    ids = {"her": person(r, "Мария Сергеевна Кузнецова", inside_russia=True,
                         aliases=["Маруся"])}
    for case, text in {**NAMING_HER, **CONTROLS}.items():
        ids[case] = person(r, f"Свидетель {case}", notes=text)
    yield r, d, ids
    r.lock()
    d.lock()


def test_search_finds_her_by_her_alias_and_surname(world) -> None:
    r, _, ids = world
    for text in ("Маруся Кузнецова", "Маруся Сергеевна"):
        assert ids["her"] in {hit.id for hit in r.search(text, limit=5)}
    assert ids["her"] not in {hit.id for hit in r.search("Марина Кузнецова", limit=5)}


def test_a_bundle_leaves_her_alias_with_her_surname_home(world, tmp_path: Path) -> None:
    r, d, ids = world
    preview, result, text, sent = exported(r, d, tmp_path / "x.rbundle")
    for case in NAMING_HER:
        assert "notes" not in sent[ids[case]], case  # the record travels, the note does not
    for case, note in CONTROLS.items():
        assert sent[ids[case]]["notes"] == note, case  # positive control
    assert ids["her"] not in text.decode() and "Маруся Кузнецова" not in text.decode()
    expected = {"notes": {ids[case] for case in NAMING_HER}}
    assert mentioned(preview) == expected
    assert mentioned(result.exposure.to_json()) == expected

    _, _, _, kept = exported(r, d, tmp_path / "y.rbundle", keep_mentions=True)
    assert kept[ids["alias_surname"]]["notes"] == NAMING_HER["alias_surname"]


def test_csv_and_ftm_leave_her_alias_with_her_surname_home(world, tmp_path: Path) -> None:
    r, _, ids = world
    out = tmp_path / "people.csv"
    export_csv(r.store, out, Kind.PERSON)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    props = ftm_properties(r, tmp_path / "x.ftm")
    for case in NAMING_HER:
        assert rows[ids[case]]["notes"] == "", case
        assert "notes" not in props[ids[case]], case
    for case, note in CONTROLS.items():
        assert rows[ids[case]]["notes"] == note, case
        assert props[ids[case]]["notes"] == [note], case
