"""Free text naming a protected person by an initial, as search finds her (DESIGN §6.4.6).

``registry search`` finds Ирина Сергеевна Волкова for "И. Волкова", "I. Volkova",
"Волкова И." and "И. С. Волкова": the same words in a note are a mention, blanked in the
bundle, the CSV and the FtM file and counted under ``mention`` like her full name. The same
forms naming someone not protected travel (the positive controls), and so do her surname
with another initial, her surname alone, an initial alone, another patronymic's initial and
the Russian "и" after her surname.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.interop.csv_export import export_csv
from registry.interop.ftm import export_ftm
from registry.match import translit
from registry.service import Registry
from registry.sync.redact import Mentions

from .test_mention_forms import exported, ftm_properties, mentioned
from .vaults import introduce, make_vault, person

HER = "Ирина Сергеевна Волкова"
# case: (a note naming her by an initial, the same note naming Анна Петрова, not protected)
NAMING_HER: dict[str, tuple[str, str]] = {
    "initial": ("И. Волкова приехала", "А. Петрова приехала"),
    "initial_latin": ("I. Volkova arrived", "A. Petrova arrived"),
    "initial_and_patronymic": ("И. С. Волкова", "А. С. Петрова"),
    "run_together": ("Письмо от И.С. Волковой", "Письмо от А.С. Петровой"),
    "surname_first": ("Волкова И. задержана", "Петрова А. задержана"),
    "surname_first_patronymic": ("Волкова И. С., Казань", "Петрова А. С., Казань"),
    "list_form": ("Volkova, I.; Petrov, A.", "Petrova, A.; Ivanov, B."),
    "no_dot": ("Встреча: И Волкова", "Встреча: А Петрова"),
    "declined": ("передали И. Волковой", "передали А. Петровой"),
}
# her surname next to something that is not her initial, or an initial with no surname
NOT_HER: dict[str, str] = {
    "other_initial": "А. Волкова приехала",
    "other_initial_after": "Волкова А. задержана",
    "other_patronymic": "И. А. Волкова",
    "other_given_initial": "А. И. Волкова",
    "surname_alone": "Волкова приехала",
    "initial_alone": "И. приехала в Казань",
    "conjunction": "Волкова и Петров приехали",
    "next_sentence": "Приехала Волкова. И. Петров остался",
}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Registry, Registry, dict[str, str]]]:
    """R (holding her, the notes and the controls) and D, who trust each other. ids:
    ``<case>`` names her, ``<case>/control`` names Анна Петрова, ``not/<case>`` neither."""
    r, d = make_vault(tmp_path, "R"), make_vault(tmp_path, "D")
    introduce(r, d)
    ids = {"her": person(r, HER, name_latin="Irina Volkova", inside_russia=True),
           "anna": person(r, "Анна Петрова")}
    for case, (named, control) in NAMING_HER.items():
        ids[case] = person(r, f"Свидетель {case}", notes=named)
        ids[f"{case}/control"] = person(r, f"Свидетель {case} 2", notes=control)
    for case, text in NOT_HER.items():
        ids[f"not/{case}"] = person(r, f"Свидетель {case} 3", notes=text)
    yield r, d, ids
    r.lock()
    d.lock()


def _travels(ids: dict[str, str]) -> dict[str, str]:
    """The notes that must leave as written, by record id."""
    out = {ids[f"{case}/control"]: control for case, (_named, control) in NAMING_HER.items()}
    out.update({ids[f"not/{case}"]: text for case, text in NOT_HER.items()})
    return out


def _blanked(ids: dict[str, str]) -> set[str]:
    return {ids[case] for case in NAMING_HER}


def test_a_bundle_leaves_her_initial_home_and_the_preview_counts_it(world, tmp_path: Path
                                                                    ) -> None:
    r, d, ids = world
    preview, result, text, sent = exported(r, d, tmp_path / "x.rbundle")
    for case in NAMING_HER:
        assert "notes" not in sent[ids[case]], case  # the record travels, its note does not
    for rid, note in _travels(ids).items():
        assert sent[rid]["notes"] == note  # positive controls and near misses travel
    assert ids["her"] not in text.decode()
    assert mentioned(preview) == {"notes": _blanked(ids)}
    assert mentioned(result.exposure.to_json()) == {"notes": _blanked(ids)}

    kept, _, _, sent = exported(r, d, tmp_path / "y.rbundle", keep_mentions=True)
    for case, (named, _control) in NAMING_HER.items():
        assert sent[ids[case]]["notes"] == named, case
    assert mentioned(kept) == {}


def test_a_csv_export_blanks_her_initial(world, tmp_path: Path) -> None:
    r, _, ids = world
    out = tmp_path / "people.csv"
    export_csv(r.store, out, Kind.PERSON)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    for case in NAMING_HER:
        assert rows[ids[case]]["notes"] == "", case
    for rid, note in _travels(ids).items():
        assert rows[rid]["notes"] == note

    export_csv(r.store, out, Kind.PERSON, include_protected=True)  # she goes, and so do mentions
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    for case, (named, _control) in NAMING_HER.items():
        assert rows[ids[case]]["notes"] == named, case


def test_an_ftm_export_blanks_her_initial(world, tmp_path: Path) -> None:
    r, _, ids = world
    out = tmp_path / "x.ftm"
    props = ftm_properties(r, out)
    for case in NAMING_HER:
        assert "notes" not in props[ids[case]], case
    for rid, note in _travels(ids).items():
        assert props[rid]["notes"] == [note]

    export_ftm(r.store, out, include_protected=True)  # the control: the text itself goes
    plain = out.read_text(encoding="utf-8")
    assert all(named in plain for named, _control in NAMING_HER.values())


def test_search_finds_her_by_each_initial_form_the_scan_blanks(world) -> None:
    """The forms are those search finds her by (the scan follows search, not the reverse)."""
    r, _, ids = world
    for query in ("И. Волкова", "I. Volkova", "Волкова И.", "И. С. Волкова"):
        assert ids["her"] in {hit.id for hit in r.search(query, limit=50)}, query


def test_the_initial_stands_for_the_given_name_whatever_the_form() -> None:
    forms = Mentions(translit.index_terms, [["Волкова Ирина Сергеевна"], ["Ира Кузнецова"]])
    assert forms.found_in("И. Волкова") and forms.found_in("Волкова И. С.")
    assert forms.found_in("И. Кузнецова")  # an alias's short form: И. stands for Ирина too
    assert not forms.found_in("В. Ирина") and not forms.found_in("Ирина В.")  # not the surname
    assert not forms.found_in("Ю. Волкова")  # Ю is never Ирина; Latin I. may be
    assert forms.found_in("Iu. Volkova") is False and forms.found_in("I. Volkova")
    no_patronymic = Mentions(translit.index_terms, [["Ирина Волкова"]])
    assert no_patronymic.found_in("И. А. Волкова")  # her patronymic is not known: any goes
    assert not no_patronymic.found_in("Волкова, Петров И.")  # his initial, not hers
