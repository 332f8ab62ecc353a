"""The live language switch: every text of the main window, its sections, its menus and the
dialogs open over it changes language, with no window rebuilt.

The window is opened in English, every section is visited (a record selected, every tab of
every tab widget shown), an editor and the settings dialog are opened; then the language is
switched to Russian while all of it stays open. On every screen no English word is left
(:func:`tests.gui.screen_checks.english_problems`, whose exceptions are user data, proper
names and abbreviations), and switching back to English gives back, widget by widget, the
very texts the window showed before (so a text the switch forgot, in either direction,
shows up as a difference).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTabWidget, QWidget

from registry.gui import i18n
from registry.gui.mainwindow import MainWindow
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from tests.gui import screen_checks as checks
from tests.gui.analytics_vault import SENDER, SENDER_ORG, SENTINEL, make_vault

TIMEOUT = 30_000


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory, qapp: QApplication) -> Iterator[Registry]:
    vault = make_vault(tmp_path_factory.mktemp("switch") / "vault")
    yield vault.reg
    vault.reg.lock()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert i18n.install(qapp, "en") == "en"
    yield
    i18n.install(qapp, "en")


def switch(qapp: QApplication, lang: str) -> None:
    assert i18n.install(qapp, lang) == lang
    QApplication.processEvents()


def action_texts(actions: list[QAction], where: str) -> Iterator[tuple[str, str]]:
    for action in actions:
        if action.isSeparator():
            continue
        menu = action.menu()
        yield f"{where} / action {action.objectName() or action.text()!r}", action.text()
        if action.toolTip():
            yield f"{where} / tooltip {action.objectName()!r}", action.toolTip()
        if isinstance(menu, QMenu):
            yield from action_texts(menu.actions(), f"{where} / {menu.objectName()}")


def menu_texts(window: MainWindow) -> Iterator[tuple[str, str]]:
    yield from action_texts(window.menuBar().actions(), "menu bar")
    for toolbar_action in window.actions():
        yield f"window action {toolbar_action.objectName()!r}", toolbar_action.text()


class Screens:
    """Every screen of the window, visited in one order so two passes line up."""

    def __init__(self, window: MainWindow, dialogs: list[QWidget]) -> None:
        self.window, self.dialogs = window, dialogs

    def each(self) -> Iterator[tuple[str, QWidget]]:
        window = self.window
        for row, entry in enumerate(window.entries):
            window.ui.nav.setCurrentRow(row)
            QApplication.processEvents()
            yield from self._tabs(window, f"section {entry.key}")
        for number, dialog in enumerate(self.dialogs):
            yield from self._tabs(dialog, f"dialog {number} {type(dialog).__name__}")

    def _tabs(self, root: QWidget, name: str) -> Iterator[tuple[str, QWidget]]:
        yield name, root
        for tabs in [t for t in root.findChildren(QTabWidget) if t.isVisible()]:
            first = tabs.currentIndex()
            for i in range(tabs.count()):
                if i != first and tabs.isTabEnabled(i) and tabs.isTabVisible(i):
                    tabs.setCurrentIndex(i)
                    QApplication.processEvents()
                    yield f"{name} / {tabs.objectName() or 'tab'} {i}", root
            tabs.setCurrentIndex(first)

    def texts(self) -> dict[str, str]:
        """Every text shown, by screen, widget and position (cells left out: user data)."""
        out: dict[str, str] = {}
        for name, root in self.each():
            seen: dict[str, int] = {}
            for where, text, _data in checks.visible_texts(root, cells=False):
                if where.startswith("QStatusBar"):  # a passing message, not the interface
                    continue
                key = f"{name} / {where}"
                seen[key] = seen.get(key, 0) + 1
                out[f"{key} #{seen[key]}"] = re.sub(r"\d", "0", text)  # timings vary
            for w in checks.visible_widgets(root):
                if w.toolTip():
                    out[f"{name} / {checks.describe(w)} tooltip"] = w.toolTip()
        out.update(menu_texts(self.window))
        return out

    def english_left(self, allowed: frozenset[str]) -> list[str]:
        found = []
        for name, root in self.each():
            found += [f"{name}: {p}" for p in checks.english_problems(root, allowed)]
        for where, text in menu_texts(self.window):
            if words := checks.english_words(checks.strip_mnemonic(text), allowed):
                found.append(f"{where}: English {words} in {text!r}")
        return list(dict.fromkeys(found))


def open_window(qtbot: Any, reg: Registry) -> tuple[MainWindow, list[QWidget]]:
    from registry.gui import backup_ui, change_passphrase
    from registry.gui.settings import Settings
    from registry.gui.settings_dialog import SettingsDialog

    tasks = SyncTasks(reg)
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    backup_ui.install_backup_action(window, tasks)  # as the controller does
    change_passphrase.install_passphrase_action(window, tasks)
    window.resize(1280, 800)
    window.show()
    for row, entry in enumerate(window.entries):
        window.ui.nav.setCurrentRow(row)
        page = window.pages[entry.key]
        if entry.kind is not None:
            qtbot.waitUntil(lambda p=page: p.model.rowCount() > 0, timeout=TIMEOUT)
            page.ui.table.selectRow(0)
        QApplication.processEvents()
    window.ui.nav.setCurrentRow(0)
    window.edit_record(window.sections[next(iter(window.sections))].current_id() or "")
    settings = SettingsDialog(Settings(), window)
    settings.show()
    return window, [*window.open_editors(), settings]


def test_switching_language_live_changes_every_text(qtbot: Any, qapp: QApplication,
                                                    english: None, demo_vault: Registry) -> None:
    window, dialogs = open_window(qtbot, demo_vault)
    screens = Screens(window, dialogs)
    before = screens.texts()
    assert len(before) > 200
    paths = [str(demo_vault.paths.db.parent)]
    allowed = checks.demo_words([SENDER, SENDER_ORG, SENTINEL, "Migrationsverket", *paths]) \
        | checks.region_words()  # the blind spots list regions in both scripts
    try:
        switch(qapp, "ru")
        # the pages that cannot retranslate in place were built again, and the window says so
        assert window.statusBar().currentMessage().startswith("Язык изменён")
        left = screens.english_left(allowed)
    finally:
        switch(qapp, "en")
    after = screens.texts()
    stale = [f"{key}: {before.get(key)!r} -> {after.get(key)!r}"
             for key in sorted(before.keys() | after.keys()) if before.get(key) != after.get(key)]
    assert not left + stale, (
        f"{len(left)} English texts after the switch to Russian:\n" + "\n".join(left[:60])
        + f"\n{len(stale)} texts differ after switching back to English:\n"
        + "\n".join(stale[:60]))
    for dialog in dialogs:
        if isinstance(dialog, QDialog):
            dialog.close()
    window.clear()


def test_the_network_view_keeps_its_actor_and_filters(qtbot: Any, qapp: QApplication,
                                                     english: None, demo_vault: Registry) -> None:
    """The network view is built again in the new language: the actor the user found and
    chose, its ego network and the filters come back with it."""
    from registry.gui.network import NetworkView

    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    window.show()
    window.ui.nav.setCurrentRow(next(i for i, e in enumerate(window.entries)
                                     if e.key == "network"))
    view = window.page("network")
    assert isinstance(view, NetworkView)
    typed = "Анна"
    view.search.setText(typed)
    view.search.returnPressed.emit()  # Enter in the actor box: the actors found
    assert view.hits.count() > 1
    view.hits.setCurrentIndex(view.hits.count() - 1)
    chosen = view.hits.currentData()
    view.depth_box.setValue(2)
    view.show_ego(chosen)
    try:
        switch(qapp, "ru")
        again = window.page("network")
        assert again is not view and isinstance(again, NetworkView)
        kept = again.state()
        assert kept.request is not None and kept.request.record_id == chosen
        assert kept.request.depth == 2 and again.depth_box.value() == 2
        assert again.search.text() == typed and again.hits.currentData() == chosen
        assert again.result is not None and again.result.request.record_id == chosen
    finally:
        switch(qapp, "en")
    window.clear()


def settle() -> None:
    """Widgets a page made again are shown, and those it replaced deleted, a turn later."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _wizard_texts(wizard: QWidget) -> dict[str, str]:
    out: dict[str, str] = {}
    for where, text, _data in checks.visible_texts(wizard, cells=False):
        key = where
        n = 1
        while f"{key} #{n}" in out:
            n += 1
        out[f"{key} #{n}"] = re.sub(r"\d", "0", text)
    return out


def test_open_wizards_follow_a_live_switch(qtbot: Any, qapp: QApplication, english: None,
                                           demo_vault: Registry, tmp_path: Any) -> None:
    """A wizard open when the language changes (the export at its exposure preview, the
    import at its first page, the spreadsheet import at its dry run) stays on its page with
    what was chosen, and every text it shows is in the new language; back in English it
    shows the very texts it showed before."""
    import pyrage

    from registry.gui.sharing import SharingView
    from registry.gui.spreadsheet.wizard import SpreadsheetWizard
    from registry.sync.redact import Mode

    tasks = SyncTasks(demo_vault)
    view = SharingView(tasks)
    qtbot.addWidget(view)
    view.activate()
    export = view.open_export()
    export.show()
    key = str(pyrage.x25519.Identity.generate().to_public())
    export.age_edit.setPlainText(key)
    export.next_button.click()
    export.set_mode(Mode.PSEUDONYMISE)
    export.next_button.click()
    assert export.pages.currentIndex() == 2, export.error.text()
    imports = view.open_import()
    imports.show()
    sheet_file = tmp_path / "people.csv"
    sheet_file.write_text("Имя,Пол,Страна\nАнна Иванова,ж,LV\nБорис Петров,м,DE\n",
                          encoding="utf-8")
    sheet = SpreadsheetWizard(tasks, None, pick_file=lambda _p: str(sheet_file))
    qtbot.addWidget(sheet)
    sheet.show()
    with qtbot.waitSignal(sheet.file_loaded, timeout=TIMEOUT):
        sheet.open_file(sheet_file)
    sheet.next_button.click()
    with qtbot.waitSignal(sheet.checked, timeout=TIMEOUT):
        sheet.next_button.click()
    wizards: list[QWidget] = [export, imports, sheet]
    pages = [w.page() for w in (export, imports, sheet)]
    before = [_wizard_texts(w) for w in wizards]
    allowed = checks.demo_words([SENDER, SENDER_ORG, SENTINEL, key, str(sheet_file)])
    try:
        switch(qapp, "ru")
        settle()
        left = [f"{type(w).__name__}: {p}" for w in wizards
                for p in checks.english_problems(w, allowed)]
        assert [w.page() for w in (export, imports, sheet)] == pages
        assert export.age_recipients() == [key]
    finally:
        switch(qapp, "en")
    settle()
    after = [_wizard_texts(w) for w in wizards]
    stale = [f"{type(w).__name__} {k}: {b.get(k)!r} -> {a.get(k)!r}"
             for w, b, a in zip(wizards, before, after, strict=True)
             for k in sorted(b.keys() | a.keys()) if b.get(k) != a.get(k)]
    assert not left + stale, "\n".join(["English after the switch:", *left[:40],
                                        "changed after switching back:", *stale[:40]])
    for w in wizards:
        w.close()


# -- plural forms and numbers ----------
RUSSIAN_RECORDS = {0: "0 записей", 1: "1 запись", 2: "2 записи", 5: "5 записей",
                   21: "21 запись", 22: "22 записи", 111: "111 записей",
                   2003: "2\u00a0003 записи"}


def test_counts_take_each_language_plural_forms(qapp: QApplication, english: None) -> None:
    counts = i18n.counts()
    assert [counts.records(n) for n in (0, 1, 2)] == ["0 records", "1 record", "2 records"]
    assert counts.components(1) == "1 component"
    assert counts.records(2003) == "2,003 records"
    switch(qapp, "ru")
    assert {n: counts.records(n) for n in RUSSIAN_RECORDS} == RUSSIAN_RECORDS
    assert [counts.components(n) for n in (0, 1, 2, 5, 21)] == [
        "0 компонент", "1 компонента", "2 компоненты", "5 компонент", "21 компонента"]
    assert [counts.permits(n) for n in (1, 3, 5)] == [
        "1 разрешение", "3 разрешения", "5 разрешений"]
    assert [counts.of_people(n) for n in (1, 2, 5)] == [
        "у 1 человека", "у 2 человек", "у 5 человек"]
    assert counts.actors_evaluated(21) == "оценено 21 участник" or \
        counts.actors_evaluated(21) == "оценён 21 участник"


def test_numbers_dates_and_percentages_follow_the_language(qapp: QApplication,
                                                            english: None) -> None:
    import datetime as dt

    day = dt.date(2026, 12, 3)
    assert (i18n.number(2003), i18n.number(1234.5, 1), i18n.percent(0.125)) == (
        "2,003", "1,234.5", "12.5\u00a0%")
    assert i18n.date_text(day) == i18n.date_text("2026-12-03") == "3 Dec 2026"
    switch(qapp, "ru")
    assert (i18n.number(2003), i18n.number(1234.5, 1), i18n.percent(0.125)) == (
        "2\u00a0003", "1\u00a0234,5", "12,5\u00a0%")
    assert i18n.date_text(day).startswith("3 дек")
