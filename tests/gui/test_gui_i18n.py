"""Translations through Qt's own system: the Russian .qm switches the shell's texts, and the
.ts covers every string that pyside6-lupdate finds in the GUI code and the Designer forms."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from registry.domain.enums import Kind
from registry.gui import i18n
from registry.gui.mainwindow import MainWindow
from registry.gui.tasks import SyncTasks
from registry.gui.unlock import UnlockDialog

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "registry_ru.ts"
EN = TS.with_name("registry_en.ts")  # the source language: only its plural forms


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    assert i18n.install(qapp, "ru") == "ru"
    yield
    i18n.install(qapp, "en")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for message in ctx.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def test_main_window_sections_in_russian(qtbot, russian, filled):
    window = MainWindow(SyncTasks(filled))
    qtbot.addWidget(window)
    names = [window.ui.nav.item(row).text() for row in range(window.ui.nav.count())]
    assert names[:6] == ["Люди", "Организации", "Связи", "Поддержка", "События", "Оценки"]
    assert window.ui.actionLock.text() == "&Заблокировать"
    people = window.sections[Kind.PERSON]
    assert people.model.headerData(0, Qt.Orientation.Horizontal) == "Имя"
    assert people.ui.countLabel.text() == "3 записи"


def test_unlock_dialog_in_russian(qtbot, russian, vault_dir):
    dialog = UnlockDialog(SyncTasks(None), vault_dir, keychain_usable=False)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Разблокировка — Реестр"
    assert dialog.ui.unlockButton.text() == "&Разблокировать"
    dialog.ui.unlockButton.click()
    assert dialog.ui.messageLabel.text() == "Введите парольную фразу."


def test_language_switches_while_the_window_is_open(qtbot, qapp, filled):
    window = MainWindow(SyncTasks(filled))
    qtbot.addWidget(window)
    assert window.ui.nav.item(0).text() == "People"
    people = window.sections[Kind.PERSON]
    role = window.findChild(QComboBox, "filter_role")
    assert role.itemText(0) == "Any role"
    assert people.model.data(people.model.index(0, 2)) == "Journalist"
    try:
        i18n.install(qapp, "ru")
        qtbot.waitUntil(lambda: window.ui.nav.item(0).text() == "Люди")
        assert window.ui.menuVault.title() == "&Хранилище"
        assert role.itemText(0) == "Роль: все"
        assert people.model.headerData(0, Qt.Orientation.Horizontal) == "Имя"
        assert people.model.data(people.model.index(0, 2)) == "Журналист"
    finally:
        i18n.install(qapp, "en")
    qtbot.waitUntil(lambda: window.ui.nav.item(0).text() == "People")


def test_every_message_is_translated():
    found = messages(TS)
    assert len(found) > 400
    unfinished = [key for key, m in found.items()
                  if (m.find("translation") is None
                      or m.find("translation").get("type") in ("unfinished", "vanished"))]
    assert unfinished == []
    assert TS.with_suffix(".qm").stat().st_size > 10_000


def test_every_english_plural_is_given():
    found = messages(EN)
    assert found and all(m.get("numerus") == "yes" for m in found.values())
    unfinished = [key for key, m in found.items()
                  if m.find("translation") is None
                  or m.find("translation").get("type") in ("unfinished", "vanished")
                  or any(not (f.text or "").strip() for f in m.iter("numerusform"))]
    assert unfinished == []
    assert EN.with_suffix(".qm").stat().st_size > 100


def test_counts_read_right_in_both_languages(qapp):
    from registry.gui.sharing.exposure import counted

    try:
        assert i18n.install(qapp, "en") == "en"
        assert counted().left_out(1) == "1 record is left out."
        assert counted().left_out(2) == "2 records are left out."
        i18n.install(qapp, "ru")
        assert [counted().left_out(n) for n in (1, 3, 5, 21)] == [
            "1 запись не попадает в пакет.", "3 записи не попадают в пакет.",
            "5 записей не попадают в пакет.", "21 запись не попадает в пакет."]
    finally:
        i18n.install(qapp, "en")


def test_translation_source_covers_the_code(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "")
    if not lupdate.is_file():
        pytest.skip("pyside6-lupdate is not installed")
    gui = ROOT / "src" / "registry" / "gui"
    code = [str(p) for p in sorted(gui.rglob("*.py")) if "forms" not in p.relative_to(gui).parts]
    forms = [str(p) for p in sorted((ROOT / "ui").glob("*.ui"))]
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), "-locations", "none", *code, *forms, "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    found = set(messages(fresh))
    hidden = sorted(text for context, text in found if not context)
    assert hidden == [], (
        "strings without a translation context (a one-argument tr() wrapper hides it from "
        "lupdate): call registry.gui.i18n.translate('Context', 'text') or self.tr() in a "
        "class: " + repr(hidden[:5]))
    missing = sorted(found - set(messages(TS)))
    assert missing == [], ("run scripts/compile-translations, translate the new strings in "
                           "resources/translations/registry_ru.ts (Qt Linguist) and run it "
                           "again: " + repr(missing[:5]))
    plural = {key for key, m in messages(fresh).items() if m.get("numerus") == "yes"}
    missing_en = sorted(plural - set(messages(EN)))
    assert missing_en == [], ("give the English singular and plural of these in "
                              "resources/translations/registry_en.ts (scripts/"
                              "compile-translations): " + repr(missing_en[:5]))
