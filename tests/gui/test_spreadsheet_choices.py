"""A refused file leaves open the list its refusal asks the user to choose from.

The refusal of a UTF-8 file with a stray byte ("if the whole file is in another encoding,
name it … in the app, the Text encoding list") disabled the very list it named, and a refused
workbook emptied its Sheet list (one that opens on an empty cover sheet, or on a hidden one:
"say which to import … in the app, the Sheet list"), so the user could only choose another
file (was). Now the encodings stay open for a CSV file and the workbook's sheets are listed;
choosing one reads the file again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from registry.gui import i18n
from registry.gui.spreadsheet.wizard import SpreadsheetWizard
from registry.gui.tasks import Tasks
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.gui.analytics_vault import open_in
from tests.interop.test_encoding_damaged import STRAY
from tests.passphrase import PASSPHRASE

TIMEOUT = 30_000


@pytest.fixture
def wizard(qtbot: Any, tmp_path: Path) -> Iterator[SpreadsheetWizard]:
    reg = Registry.create(tmp_path / "v", PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    tasks = Tasks()
    open_in(qtbot, tasks, reg)
    shown = SpreadsheetWizard(tasks)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    tasks.shutdown()
    reg.lock()


def _refused(qtbot: Any, wizard: SpreadsheetWizard, path: Path) -> str:
    with qtbot.waitSignal(wizard.file_refused, timeout=TIMEOUT) as refused:
        wizard.open_file(path)
    return str(refused.args[0])


def _choose(qtbot: Any, wizard: SpreadsheetWizard, combo: Any, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)
    with qtbot.waitSignal(wizard.file_loaded, timeout=TIMEOUT):
        combo.activated.emit(index)  # as a user's pick does


def test_a_csv_refused_for_its_encoding_keeps_the_encoding_list_open(
        qtbot: Any, wizard: SpreadsheetWizard, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(STRAY)
    assert "Text encoding list" in _refused(qtbot, wizard, path)
    page = wizard.file_page
    assert page.encoding.isEnabled() and page.format.text() == "CSV"
    assert not page.sheet.isEnabled()
    _choose(qtbot, wizard, page.encoding, "koi8_r")  # the user says what the file is
    assert page.error.text() == "" and page.encoding.currentText() == "koi8_r"
    assert page.rows.text() == "3"


def _cover_first(path: Path) -> Path:
    """A workbook that opens on an empty cover sheet; the people are on the second."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    people = wb.create_sheet("People")
    people.append(["name", "notes"])
    people.append(["Видимый Человек", "seen"])
    wb.create_sheet("Other").append(["name"])
    wb.active = 0
    wb.save(path)
    return path


def test_a_workbook_refused_for_its_sheet_lists_its_sheets(
        qtbot: Any, wizard: SpreadsheetWizard, tmp_path: Path) -> None:
    assert "no header row" in _refused(qtbot, wizard, _cover_first(tmp_path / "w.xlsx"))
    page = wizard.file_page
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == \
        ["Cover", "People", "Other"]
    assert page.sheet.isEnabled() and page.sheet.currentIndex() == -1  # none named yet
    assert not page.encoding.isEnabled() and page.format.text() == "XLSX"
    _choose(qtbot, wizard, page.sheet, "People")
    assert page.error.text() == "" and page.sheet.currentText() == "People"
    assert page.rows.text() == "1"
    _choose_refused(qtbot, wizard, page.sheet, "Cover")  # named, and refused again
    assert page.sheet.currentText() == "Cover" and page.sheet.isEnabled()


def _choose_refused(qtbot: Any, wizard: SpreadsheetWizard, combo: Any, text: str) -> None:
    index = combo.findText(text)
    combo.setCurrentIndex(index)
    with qtbot.waitSignal(wizard.file_refused, timeout=TIMEOUT):
        combo.activated.emit(index)


def test_control_a_file_refused_before_it_was_read_offers_no_list(
        qtbot: Any, wizard: SpreadsheetWizard, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)  # a zip's magic, then nothing readable
    _refused(qtbot, wizard, path)
    page = wizard.file_page
    assert page.sheet.count() == 0 and not page.sheet.isEnabled()
    assert not page.encoding.isEnabled() and page.format.text() == ""


def test_in_russian_the_refusal_says_why_and_where_to_choose(
        qtbot: Any, wizard: SpreadsheetWizard, tmp_path: Path) -> None:
    """Every refusal of a file was "too large, of an unknown format, or unreadable" in Russian
    (its English text was not marked for translation), and so was the English one that named
    a command-line option: neither said which line, nor which list to choose from (was)."""
    app = QApplication.instance()
    assert i18n.install(app, "ru") == "ru"
    try:
        path = tmp_path / "m.csv"
        path.write_bytes(STRAY)
        text = _refused(qtbot, wizard, path)
        assert "строке 4" in text and "«Кодировка текста»" in text and "--" not in text
        text = _refused(qtbot, wizard, _cover_first(tmp_path / "w.xlsx"))
        assert text == "В файле нет строки заголовков."
    finally:
        i18n.install(app, "en")
