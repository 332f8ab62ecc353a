"""A screenshot of every screen, at 1280×800 and 1366×768, in English and Russian, checked.

Every section of the main window (with a record selected, every tab of its record view and
of the dashboard), every record editor (new and existing), every wizard page and every
dialog is grabbed to ``test-output/screens/`` (CI keeps ``test-output/``), and every visible
widget is checked (:mod:`tests.gui.screen_checks`): columns at least as wide as their
header, no text clipped, no code or field name shown, no English on a Russian screen.

One demo vault serves the whole module; each language is one run over every screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QTabWidget,
    QWidget,
)

from registry.domain.enums import Kind
from registry.gui import i18n
from registry.gui.mainwindow import MainWindow
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from tests.gui import screen_checks as checks
from tests.gui.analytics_vault import OUTPUT, SENDER, SENDER_ORG, SENTINEL, make_vault

SCREENS = OUTPUT / "screens"
SIZES = ((1280, 800), (1366, 768))
TIMEOUT = 30_000
RECORD_KINDS = (Kind.PERSON, Kind.ORGANISATION, Kind.TIE, Kind.SUPPORT, Kind.EVENT,
                Kind.EVALUATION)


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory, qapp: QApplication) -> Iterator[Registry]:
    vault = make_vault(tmp_path_factory.mktemp("screens") / "vault")
    yield vault.reg
    vault.reg.lock()


@pytest.fixture(params=["en", "ru"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    assert i18n.install(qapp, request.param) == request.param
    yield request.param
    i18n.install(qapp, "en")


class Screens:
    """Grabs and checks screens; gathers the problems of every one."""

    def __init__(self, qtbot: Any, lang: str, reg: Registry, test: str) -> None:
        self.qtbot, self.lang, self.test = qtbot, lang, test
        paths = [str(reg.paths.db.parent), str(Path.home())]
        self.allowed = checks.demo_words([SENDER, SENDER_ORG, SENTINEL, "Migrationsverket",
                                          *paths])
        self.problems: list[str] = []
        self.count = 0
        SCREENS.mkdir(parents=True, exist_ok=True)

    def check(self, widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        file = re.sub(r"[^a-z0-9-]+", "-", f"{self.lang}-{name}".lower()).strip("-")
        assert widget.grab().save(str(SCREENS / f"{file}.png"))
        self.count += 1
        found = checks.layout_problems(widget) + checks.code_problems(widget)
        if self.lang == "ru":
            found += checks.english_problems(widget, self.allowed)
        self.problems += [f"{name}: {p}" for p in dict.fromkeys(found)]

    def visit(self, widget: QWidget, name: str) -> None:
        """Check the screen, then each tab of every tab widget shown on it."""
        self.check(widget, name)
        for tabs in [t for t in widget.findChildren(QTabWidget) if t.isVisible()]:
            first = tabs.currentIndex()
            for i in range(tabs.count()):
                if i != first and tabs.isTabEnabled(i) and tabs.isTabVisible(i):
                    tabs.setCurrentIndex(i)
                    self.check(widget, f"{name}-{tabs.objectName() or 'tab'}{i}")
            tabs.setCurrentIndex(first)

    def dialog(self, dialog: QWidget, name: str, own: bool = True) -> None:
        """A dialog at its own size, which must fit the smaller screen (``own``: closed by the
        test's end; an editor deletes itself when closed)."""
        if own:
            self.qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        width, height = min(w for w, _ in SIZES), min(h for _, h in SIZES) - 40
        if dialog.width() > width or dialog.height() > height:
            self.problems.append(f"{name}: {dialog.width()}×{dialog.height()} does not fit "
                                 f"a {width}×{height} screen")
            dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
        self.visit(dialog, name)

    def verdict(self) -> None:
        report = SCREENS / f"problems-{self.test}-{self.lang}.txt"
        report.write_text("\n".join(self.problems) + "\n", encoding="utf-8")
        assert self.count > 0
        assert not self.problems, f"{len(self.problems)} problems, see {report}:\n" + \
            "\n".join(self.problems[:60])


@pytest.fixture
def screens(qtbot: Any, lang: str, demo_vault: Registry,
            request: pytest.FixtureRequest) -> Screens:
    return Screens(qtbot, lang, demo_vault, request.node.originalname.removeprefix("test_"))


def modal(action: Callable[[], object], then: Callable[[QWidget], None]) -> None:
    """Run ``action``, which opens a modal box; ``then`` gets the box, which is closed after."""
    def grab() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None
        then(box)
        box.close()
    QTimer.singleShot(0, grab)
    action()


# -- the main window ----------
def select_first(section: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: section.model.rowCount() > 0, timeout=TIMEOUT)
    section.ui.table.selectRow(0)
    QApplication.processEvents()


def test_every_section(qtbot: Any, demo_vault: Registry, screens: Screens) -> None:
    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    window.show()
    for width, height in SIZES:
        window.resize(width, height)
        for row, entry in enumerate(window.entries):
            window.ui.nav.setCurrentRow(row)
            page = window.pages[entry.key]
            if entry.kind is not None:
                select_first(page, qtbot)
            screens.visit(window, f"{width}x{height}-section-{entry.key}")
    window.clear()
    screens.verdict()


# -- editors ----------
def test_every_editor(qtbot: Any, demo_vault: Registry, screens: Screens) -> None:
    from registry.gui.editors import open_editor

    tasks = SyncTasks(demo_vault)
    for kind in RECORD_KINDS:
        existing = demo_vault.listing.ids(_query(kind), limit=1)[0]
        for record_id, what in ((None, "new"), (existing, "existing")):
            dialog = open_editor(tasks, kind, record_id, None)
            screens.dialog(dialog, f"editor-{kind.value}-{what}", own=False)
            dialog.close()
    screens.verdict()


def _query(kind: Kind) -> Any:
    from registry.store.listing import ListQuery

    return ListQuery(kind)


# -- dialogs ----------
def test_every_dialog(qtbot: Any, demo_vault: Registry, screens: Screens) -> None:
    from registry.gui.change_passphrase import ChangePassphraseDialog
    from registry.gui.dashboard.targets_dialog import TargetsDialog
    from registry.gui.settings import Settings
    from registry.gui.settings_dialog import SettingsDialog
    from registry.gui.unlock import UnlockDialog

    root = demo_vault.paths.db.parent
    for usable in (False, True):
        screens.dialog(UnlockDialog(SyncTasks(None), root, keychain_usable=usable),
                       f"unlock-keychain-{usable}")
    screens.dialog(SettingsDialog(Settings()), "settings")
    screens.dialog(ChangePassphraseDialog(SyncTasks(demo_vault)), "change-passphrase")
    screens.dialog(TargetsDialog(_targets()), "targets")
    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    modal(window.ui.actionAbout.trigger, lambda box: screens.check(box, "about"))
    screens.verdict()


def _targets() -> Any:
    from registry.analytics.targets import Targets

    return Targets()


# -- wizards ----------
def test_first_run_pages(qtbot: Any, screens: Screens, tmp_path: Path) -> None:
    from registry.gui.first_run import FirstRunDialog

    dialog = FirstRunDialog(SyncTasks(None), tmp_path / "new", keychain_usable=True)
    screens.dialog(dialog, "first-run-0")
    ui = dialog.ui
    steps = [lambda: None,
             lambda: (ui.passphraseEdit.setText("correct horse battery staple tundra"),
                      ui.confirmEdit.setText("correct horse battery staple tundra")),
             lambda: (ui.nameEdit.setText(SENDER), ui.orgEdit.setText(SENDER_ORG),
                      ui.countryEdit.setText("SE"))]
    for number, fill in enumerate(steps[1:], start=1):
        fill()
        ui.nextButton.click()
        screens.visit(dialog, f"first-run-{number}")
    screens.verdict()


def test_spreadsheet_pages(qtbot: Any, demo_vault: Registry, screens: Screens,
                           tmp_path: Path) -> None:
    from registry.gui.spreadsheet.wizard import SpreadsheetWizard

    path = tmp_path / "people.csv"
    path.write_text("Имя,Имя латиницей,Пол,Страна\nАнна Иванова,Anna Ivanova,ж,LV\n"
                    "Борис Петров,Boris Petrov,м,DE\n", encoding="utf-8")
    wizard = SpreadsheetWizard(SyncTasks(demo_vault), pick_file=lambda _p: str(path),
                               pick_report=lambda _p: "")
    screens.dialog(wizard, "spreadsheet-1-file")
    with qtbot.waitSignal(wizard.file_loaded, timeout=TIMEOUT):
        wizard.open_file(path)
    screens.visit(wizard, "spreadsheet-1-loaded")
    wizard.next_button.click()
    screens.visit(wizard, "spreadsheet-2-mapping")
    with qtbot.waitSignal(wizard.checked, timeout=TIMEOUT):
        wizard.next_button.click()
    screens.visit(wizard, "spreadsheet-3-preview")
    screens.verdict()


def test_sharing_wizards(qtbot: Any, demo_vault: Registry, screens: Screens) -> None:
    from registry.gui.sharing import SharingView

    view = SharingView(SyncTasks(demo_vault))
    qtbot.addWidget(view)
    view.activate()
    export = view.open_export()
    screens.dialog(export, "export-1-recipients")
    export.close()
    imports = view.open_import()
    screens.dialog(imports, "import-1-files")
    imports.close()
    screens.verdict()


def test_the_checks_find_what_they_look_for(qtbot: Any) -> None:
    """Each check fails on a screen made to fail it (so a passing run means something)."""
    from PySide6.QtWidgets import QLabel, QTableWidget, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    clipped = QLabel("A label far too long for the width it is given", root)
    clipped.setFixedWidth(60)
    wrapped = QLabel("Words that wrap onto several lines need height " * 4, root)
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(120, 20)
    code = QLabel("legal_aid", root)
    english = QLabel("Сохранить changes", root)
    table = QTableWidget(1, 1, root)
    table.setHorizontalHeaderLabels(["A long header text"])
    table.horizontalHeader().resizeSection(0, 30)
    for w in (clipped, wrapped, code, english, table):
        layout.addWidget(w)
    root.show()
    QApplication.processEvents()
    layout_found = "\n".join(checks.layout_problems(root))
    assert "text needs" in layout_found and "wrapped text needs" in layout_found
    assert "column 'A long header text'" in layout_found
    assert any("'legal_aid'" in p for p in checks.code_problems(root))
    assert any("changes" in p for p in checks.english_problems(root, frozenset()))
