"""A new row that may be a protected person is reviewed beside her and protected until then.

The guard saw only namesakes whose names were the same set of words, so beside protected
"Анна Смирнова" a row "Анна Сергеевна Смирнова" (which ``registry duplicates`` scores 1.0
with her), "Smirnova Anna Sergeevna" or "Yana Smirnova" became a plain internal record that
the default CSV export wrote (was). "May be her" is now what the duplicates review pairs
with her, and every name filed under one of her name keys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.interop.importer import SpreadsheetImport
from registry.service import Registry

MakeCsv = Callable[..., Path]
MAY_BE_HER = ["Анна Сергеевна Смирнова", "Smirnova Anna Sergeevna", "Yana Smirnova",
              "Ania Smirnova", "Anya Smirnova", "А. Смирнова", "Смирнова Анна Петровна"]
SOMEONE_ELSE = ["Иван Петров", "Ольга Смирнова", "Анна Петрова"]


def _exported(reg: Registry, tmp_path: Path) -> str:
    out = tmp_path / "people.csv"
    reg.interop.export_csv(out, Kind.PERSON)
    return out.read_text("utf-8-sig")


@pytest.mark.parametrize("name", MAY_BE_HER)
def test_a_row_that_may_be_her_is_reviewed_and_protected(
        reg: Registry, csv_file: MakeCsv, tmp_path: Path, name: str) -> None:
    anna = reg.add(Kind.PERSON, {"name": "Анна Смирнова", "country": "DE",
                                 "sensitivity": "protected"})
    report = SpreadsheetImport(reg, csv_file([["name", "city"], [name, "Riga"]])).run()
    row = report.outcomes[0]
    assert row.action == "review", row
    assert row.record_id is not None and reg.is_protected(row.record_id)
    assert (anna.id, row.record_id) in {(q.a, q.b) for q in reg.matching.queued()} | {
        (q.b, q.a) for q in reg.matching.queued()}
    assert "Riga" not in _exported(reg, tmp_path)


@pytest.mark.parametrize("name", MAY_BE_HER[:3])
def test_control_beside_an_unprotected_namesake_nothing_is_guarded(
        reg: Registry, csv_file: MakeCsv, name: str) -> None:
    reg.add(Kind.PERSON, {"name": "Анна Смирнова", "country": "DE"})
    row = SpreadsheetImport(reg, csv_file([["name"], [name]])).run().outcomes[0]
    assert row.action == "new" and not reg.is_protected(str(row.record_id))


@pytest.mark.parametrize("name", SOMEONE_ELSE)
def test_control_someone_else_beside_her_is_not_guarded(
        reg: Registry, csv_file: MakeCsv, tmp_path: Path, name: str) -> None:
    reg.add(Kind.PERSON, {"name": "Анна Смирнова", "sensitivity": "protected"})
    row = SpreadsheetImport(reg, csv_file([["name", "city"], [name, "Riga"]])).run().outcomes[0]
    assert row.action == "new" and not reg.is_protected(str(row.record_id))
    assert "Riga" in _exported(reg, tmp_path)


def test_every_pair_the_duplicates_review_makes_with_her_was_guarded(
        reg: Registry, csv_file: MakeCsv) -> None:
    """The one rule: whatever ``registry duplicates`` pairs with a protected person after the
    import is a record the import kept protected (rows of the file included)."""
    anna = reg.add(Kind.PERSON, {"name": "Анна Смирнова", "inside_russia": True,
                                 "email": "anna@example.org"})
    rows = [["name", "email", "inside_russia"], ["Olga Ivanova", "", "yes"],
            *([n, "", ""] for n in [*MAY_BE_HER, *SOMEONE_ELSE, "Ольга Ивановна Иванова",
                                    "Ivanova Olga", "O. Ivanova", "Анна Смирнова-Петрова"]),
            ["Anna S.", "anna@example.org", ""]]
    SpreadsheetImport(reg, csv_file(rows)).run()
    flagged = {anna.id} | {r.id for r in reg.store.iter_records(Kind.PERSON)
                           if r.values.get("inside_russia")}
    pairs = [(c.a, c.b) for c in reg.matching.candidates()]
    beside = {b if a in flagged else a for a, b in pairs if (a in flagged) != (b in flagged)}
    assert len(beside) >= len(MAY_BE_HER) + 2  # Olga's namesakes too
    for record_id in beside:
        assert reg.protection_of(record_id) is Sensitivity.PROTECTED, reg.get(record_id).values
