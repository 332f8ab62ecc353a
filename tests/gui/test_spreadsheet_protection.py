"""The import wizard says when a row's lower protection was kept (registry.interop.importer):
the changes table of the dry run and of the report lists each such field, the record's
value beside the file's, with what to do; the row's note reads as a note, not as a failed
check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from registry.domain.enums import Kind
from registry.gui import i18n
from registry.gui.spreadsheet.pages import change_rows, field_label, note_text
from registry.interop.importer import SpreadsheetImport
from registry.service import Registry
from tests.interop.conftest import write_csv


def test_the_changes_table_lists_the_protection_kept(qapp: QApplication, reg: Registry,
                                                     tmp_path: Path) -> None:
    assert i18n.install(qapp, "en") == "en"
    anna = reg.add(Kind.PERSON, {"name": "Анна Смирнова", "email": "anna@example.org",
                                 "sensitivity": "protected"})
    boris = reg.add(Kind.PERSON, {"name": "Борис Орлов", "email": "boris@example.org"})
    path = write_csv(tmp_path / "in.csv", [["name", "email", "sensitivity", "country"],
                                           ["Анна Смирнова", "anna@example.org", "internal", ""],
                                           ["Борис Орлов", "boris@example.org", "", "FR"]])
    report = SpreadsheetImport(reg, path).run(dry_run=True)
    rows = change_rows(report.outcomes, {})
    kept = [r for r in rows if r[0] == "2"]
    assert len(kept) == 1
    _line, action, label, vault, row, record, note = kept[0]
    assert action == "Kept"
    assert label == field_label("sensitivity") and record == anna.id
    assert vault != row and vault and row
    assert note == ""  # "Kept" says it; the row's note in the preview says why and where
    # positive control: the other row is an ordinary update, with no such note
    assert [r[2] for r in rows if r[0] == "3"] == [field_label("country")]
    assert all(r[1] != "Kept" for r in rows if r[0] == "3")
    assert boris.id in {o.record_id for o in report.outcomes}
    [first] = [o for o in report.outcomes if o.line == 2]
    text = note_text(first)
    assert "protection kept (" in text and "record itself" in text and "does not pass" not in text
