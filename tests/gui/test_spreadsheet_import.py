"""The spreadsheet import wizard over a real vault on the threaded worker.

A Windows-1251 CSV with Russian headers: the encoding and mapping are detected, the preview
shows the rows as they will be stored and the rejected row with its line number, the import
creates and updates (naming the record), a second run finds every row unchanged. A refused
file (malformed, or no good row) writes nothing: the vault's files stay byte-identical.
Updates show old → new per field; a namesake row is kept apart and its pair shows in the
Duplicates review whatever its score.
A screenshot of the preview page lands in test-output/spreadsheet-preview.png.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget

from registry.domain.enums import Kind
from registry.gui import i18n
from registry.gui.duplicates import DuplicatesView
from registry.gui.mainwindow import MainWindow
from registry.gui.spreadsheet.wizard import PREVIEW, REPORT, SpreadsheetWizard
from registry.gui.tasks import Tasks
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.gui.analytics_vault import open_in, run_job, save_shot
from tests.passphrase import PASSPHRASE

TIMEOUT = 30_000
CSV = ("ФИО,Имя латиницей,Страна,Пол,Роль,Почта\n"
       "Анна Иванова,Anna Ivanova,LV,женский,журналист,anna@example.org\n"
       "Борис Петров,,DE,м,,\n"
       ",,SE,,,\n"
       "Вера Смирнова,Vera Smirnova,FI,ж,исследователь,\n")


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[tuple[Registry, Path]]:
    root = tmp_path / "v"
    reg = Registry.create(root, PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    reg.add(Kind.PERSON, {"name": "Анна Иванова", "name_latin": "Anna Ivanova", "country": "LV",
                          "email": "anna@example.org"})
    yield reg, root
    reg.lock()


@pytest.fixture
def tasks(qtbot: Any, vault: tuple[Registry, Path]) -> Iterator[Tasks]:
    threaded = Tasks()
    open_in(qtbot, threaded, vault[0])
    yield threaded
    threaded.shutdown()


@pytest.fixture
def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "люди.csv"
    path.write_bytes(CSV.encode("cp1251"))
    return path


def _wizard(qtbot: Any, tasks: Tasks, **kw: Any) -> SpreadsheetWizard:
    wizard = SpreadsheetWizard(tasks, **kw)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _cells(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else ""
             for c in range(table.columnCount())] for r in range(table.rowCount())]


def _hashes(root: Path) -> dict[str, str]:
    """Every vault file but the WAL index (``-shm``): SQLite rewrites that shared-memory file's
    read marks on every read; it holds no record content."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.iterdir()) if p.is_file() and not p.name.endswith("-shm")}


def _load(qtbot: Any, wizard: SpreadsheetWizard, path: Path) -> None:
    with qtbot.waitSignal(wizard.file_loaded, timeout=TIMEOUT):
        wizard.open_file(path)


def _check(qtbot: Any, wizard: SpreadsheetWizard) -> None:
    with qtbot.waitSignal(wizard.checked, timeout=TIMEOUT):
        wizard.next_button.click()  # file → mapping
        wizard.next_button.click()  # mapping → preview (dry run)
    assert wizard.page() == PREVIEW


def _import(qtbot: Any, wizard: SpreadsheetWizard) -> None:
    assert wizard.import_button.isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT):
        wizard.import_button.click()
    assert wizard.page() == REPORT


def test_import_a_russian_cp1251_csv_then_again(qtbot: Any, tasks: Tasks, people_csv: Path,
                                                tmp_path: Path) -> None:
    # English as the app installs it (its plural forms: "0 merged with earlier rows"), not
    # whichever language an earlier test of this worker left behind
    assert i18n.install(QApplication.instance(), "en") == "en"  # type: ignore[arg-type]
    report_path = tmp_path / "report.csv"
    wizard = _wizard(qtbot, tasks, pick_report=lambda _w: str(report_path))
    _load(qtbot, wizard, people_csv)
    page = wizard.file_page
    assert (page.format.text(), page.encoding.currentText(), page.rows.text()) == ("CSV",
                                                                                  "cp1251", "4")
    assert page.delimiter.text() == "comma"
    mapping = wizard.mapping_page
    assert mapping.fields() == ["name", "name_latin", "country", "gender", "roles", "email"]
    mapping.set_field(3, "country")  # a field taken by another column moves here…
    assert mapping.fields()[2:4] == [None, "country"]
    mapping.set_field(2, "country")  # …and back
    mapping.set_field(3, "gender")
    assert mapping.fields() == ["name", "name_latin", "country", "gender", "roles", "email"]
    mapping.save_as.setText("people list")
    _check(qtbot, wizard)

    preview = wizard.preview_page
    assert "2 new, 1 updated, 0 unchanged, 0 merged with earlier rows, 0 new beside " \
        "namesakes (sent to review), 1 rejected" in preview.summary.text()
    assert "Import writes the valid rows (3); the rejected rows (1) are not written" \
        in preview.summary.text()
    assert _cells(preview.rejected) == [["4", "Name (native script): is required"]]
    rows = {r[0]: r for r in _cells(preview.rows)}
    assert rows["2"][1] == "Update" and rows["2"][2] == "Анна Иванова / Anna Ivanova"
    assert "Roles: — → Journalist" in rows["2"][-1]
    assert rows["3"][1] == "New" and "Борис Петров" in rows["3"]
    assert "Internal" in rows["3"]  # the sensitivity it will be stored with
    assert rows["4"][1] == "Rejected" and rows["4"][-1] == "Name (native script): is required"
    save_shot(wizard, "spreadsheet-preview.png")

    _import(qtbot, wizard)
    report = {r[0]: r for r in _cells(wizard.report_page.lines)}
    assert "Imported" in wizard.report_page.summary.text()
    assert "The valid rows (3) were written; the rejected rows (1) were not." \
        in wizard.report_page.summary.text()
    assert report["2"][1] == "Update" and report["2"][2].startswith(
        "Анна Иванова / Anna Ivanova (")
    assert report["2"][3] == "Gender (self-declared), Roles"  # the fields by their labels
    assert report["4"][4] == "Name (native script): is required"
    stored = run_job(qtbot, tasks, lambda reg: sorted(
        (h.name, reg.get(h.id).values.get("country")) for h in reg.search("Петров")))
    assert stored == [("Борис Петров", "DE")]
    anna = run_job(qtbot, tasks, lambda reg: [reg.get(h.id).values for h in reg.search("Иванова")])
    assert len(anna) == 1 and anna[0]["roles"] == ["journalist"]

    with qtbot.waitSignal(wizard.report_saved, timeout=TIMEOUT):
        wizard.report_page.save.click()
    text = report_path.read_text("utf-8")
    assert text.splitlines()[0] == "line,action,kind,record_id,fields,reason"
    assert "4,rejected,,,,name: is required" in text  # the saved file keeps the code
    assert "Петров" not in text and "Anna" not in text  # no cell contents
    assert report_path.stat().st_mode & 0o077 == 0

    again = _wizard(qtbot, tasks)
    _load(qtbot, again, people_csv)
    assert again.mapping_page.saved.currentText() == "people list"
    again.mapping_page.set_field(1, None)
    again.next_button.click()
    again.mapping_page.use_saved.click()
    qtbot.waitUntil(lambda: again.mapping_page.fields()[1] == "name_latin", timeout=TIMEOUT)
    with qtbot.waitSignal(again.checked, timeout=TIMEOUT):
        again.next_button.click()
    assert "0 new, 0 updated, 3 unchanged" in again.preview_page.summary.text()
    _import(qtbot, again)
    assert "0 new, 0 updated, 3 unchanged" in again.report_page.summary.text()
    assert [r[1] for r in _cells(again.report_page.lines)] == ["Rejected"]


def test_refused_files_write_nothing(qtbot: Any, tasks: Tasks, vault: Any,
                                     tmp_path: Path) -> None:
    root = vault[1]
    digest = run_job(qtbot, tasks, lambda reg: reg.digest())
    before = _hashes(root)
    assert {"registry.db", "registry.db-wal"} <= set(before)
    malformed = tmp_path / "bad.csv"
    malformed.write_bytes('ФИО,Страна\n"Анна Иванова,LV\nБорис,DE\n'.encode("cp1251"))
    wizard = _wizard(qtbot, tasks)
    with qtbot.waitSignal(wizard.file_refused, timeout=TIMEOUT) as refused:
        wizard.open_file(malformed)
    assert "malformed" in refused.args[0]
    assert "malformed" in wizard.file_page.error.text()
    assert not wizard.next_button.isEnabled() and not wizard.import_button.isEnabled()

    no_good_row = tmp_path / "countries.csv"
    no_good_row.write_bytes("ФИО,Страна\nАнна,Атлантида\nБорис,Нарния\n".encode("cp1251"))
    _load(qtbot, wizard, no_good_row)
    _check(qtbot, wizard)
    assert "refused" in wizard.preview_page.error.text()
    assert [r[0] for r in _cells(wizard.preview_page.rejected)] == ["2", "3"]
    assert not wizard.import_button.isEnabled()
    assert _hashes(root) == before
    assert run_job(qtbot, tasks, lambda reg: reg.digest()) == digest


def test_menu_action_and_backup_before_a_large_import(qtbot: Any, tasks: Tasks,
                                                       people_csv: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    names = [a.objectName() for a in window.ui.menuVault.actions()]
    assert "actionImportSpreadsheet" in names
    assert isinstance(window.page("duplicates"), DuplicatesView)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    wizard = _wizard(qtbot, tasks, window=window, pick_backup=lambda _w, _s: str(tmp_path / "b"))
    wizard.backup_threshold = 2
    _load(qtbot, wizard, people_csv)
    _check(qtbot, wizard)
    _import(qtbot, wizard)
    assert asked and "Back up the vault" in asked[0]
    assert (tmp_path / "b.rbackup").is_file()
    assert "Imported" in wizard.report_page.summary.text()


def test_old_new_and_a_namesake_kept_apart(qtbot: Any, tasks: Tasks, vault: Any,
                                           tmp_path: Path) -> None:
    """The issue's row: a different Борис Петров must not be rewritten; Анна (e-mail agrees)
    is updated, and both the preview and the report say old → new."""
    from registry.gui.duplicates.data import find_pairs

    boris = run_job(qtbot, tasks, lambda reg: reg.add(
        Kind.PERSON, {"name": "Борис Петров", "country": "LV", "roles": ["journalist"]}).id)
    before = run_job(qtbot, tasks, lambda reg: reg.store.get(boris))
    path = tmp_path / "people.csv"
    path.write_text("name,country,roles,email\n"
                    "Анна Иванова,FR,,anna@example.org\n"
                    "Борис Петров,FR,lawyer,\n", encoding="utf-8")
    wizard = _wizard(qtbot, tasks)
    _load(qtbot, wizard, path)
    _check(qtbot, wizard)
    assert "1 updated" in wizard.preview_page.summary.text()
    assert "1 new beside a namesake (sent to review)" in wizard.preview_page.summary.text()
    changes = _cells(wizard.preview_page.changes)
    assert changes[0][:5] == ["2", "Update", "Country of residence", "Latvia", "France"]
    assert changes[0][5].startswith("Анна Иванова / Anna Ivanova (")
    namesake = [r for r in changes if r[0] == "3"]
    assert [r[2:5] for r in namesake] == [["Country of residence", "Latvia", "France"],
                                          ["Roles", "Journalist", "Lawyer"]]
    assert namesake[0][1] == "New, beside a namesake" and boris in namesake[0][5]
    assert "duplicates review" in namesake[0][6]
    save_shot(wizard, "spreadsheet-namesake.png")

    _import(qtbot, wizard)
    assert _cells(wizard.report_page.changes)[0][2:5] == ["Country of residence", "Latvia",
                                                          "France"]
    assert run_job(qtbot, tasks, lambda reg: reg.store.get(boris)) == before
    pairs = run_job(qtbot, tasks, lambda reg: find_pairs(reg, 1.0))
    assert [(p.name_a, p.name_b) for p in pairs] == [("Борис Петров", "Борис Петров")]
    assert pairs[0].evidence[0] == "spreadsheet namesake: country, roles differ"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_import_that_protects_shared_records_says_with_whom(
        qtbot: Any, qapp: QApplication, tasks: Tasks, tmp_path: Path, lang: str) -> None:
    """DESIGN §6.4.2: when an official flags records that were shared, the app says with whom
    and offers the protect-now bundles at once. An editor did; an import that flagged them
    showed only "2 updated". Now the import opens the same dialog, for both records, naming
    Bob, whose protect-now bundle it offers. Positive control: a record never shared is
    flagged by the same file, and the dialog counts only the shared ones."""
    from tests.gui.analytics_vault import colours
    from tests.sync.vaults import introduce, make_vault, send

    bob = make_vault(tmp_path, "Bob")
    people = (("Мария Соколова", "maria@example.org"), ("Пётр Волков", "petr@example.org"))

    def share(reg: Registry) -> list[str]:
        introduce(reg, bob)
        ids = [reg.add(Kind.PERSON, {"name": n, "email": e}).id for n, e in people]
        send(reg, [bob], tmp_path / "to-bob.rbundle")
        reg.add(Kind.PERSON, {"name": "Вера Ли", "email": "vera@example.org"})
        return ids

    shared = run_job(qtbot, tasks, share)
    path = tmp_path / "flags.csv"
    path.write_text("name,email,inside_russia\n" + "".join(
        f"{n},{e},yes\n" for n, e in [*people, ("Вера Ли", "vera@example.org")]),
        encoding="utf-8")
    i18n.install(qapp, lang)
    try:
        wizard = _wizard(qtbot, tasks)
        _load(qtbot, wizard, path)
        _check(qtbot, wizard)
        with qtbot.waitSignal(wizard.protection_notice, timeout=TIMEOUT) as shown:
            wizard.import_button.click()
        dialog = shown.args[0]
        assert dialog.heading.text() == (
            "2 records are now protected, and you shared them before." if lang == "en" else
            "2 записи теперь защищены, и вы ими уже делились.")
        assert dialog.recipients == [bob.identity.fingerprint]
        assert colours(save_shot(dialog, f"spreadsheet-protect-now-{lang}.png")) > 10
        folder = os.environ.get("REGISTRY_SHOTS")  # the whole screen, under a real X server
        if folder:
            wizard.resize(1280, 800)
            qtbot.wait(300)
            screen = QApplication.primaryScreen().grabWindow(0)
            assert screen.save(str(Path(folder) / f"spreadsheet-protect-now-{lang}.png"))
        dialog.close()
    finally:
        i18n.install(qapp, "en")
        bob.lock()
    assert all(run_job(qtbot, tasks, lambda reg, i=i: reg.is_protected(i)) for i in shared)
