"""A screenshot of every screen, at 1280×800 and 1366×768, in English and Russian, checked.

Every section of the main window (with a record selected, every tab of its record view and
of the dashboard), every record editor (new and existing), every wizard page and every
dialog is grabbed to ``test-output/screens/`` (CI keeps ``test-output/``), and every visible
widget is checked (:mod:`tests.gui.screen_checks`): columns at least as wide as their
header, no text clipped, no code or field name shown, no English on a Russian screen.

One demo vault serves the whole module, with a trusted colleague's vault for the sharing
screens (cards, bundles both ways, held changes); each language is one run over every
screen. ``test_at_125_percent`` runs the module again in a second process with
``QT_SCALE_FACTOR=1.25``: a 1280×800 screen at 125 % is 1024×640 logical pixels, and every
screen must fit it (PNGs named ``*-125-*``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from registry.domain.enums import Kind
from registry.gui.mainwindow import MainWindow
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.gui import screen_checks as checks
from tests.gui.analytics_vault import OUTPUT, SENDER, SENDER_ORG, SENTINEL, make_vault
from tests.passphrase import PASSPHRASE

SCREENS = OUTPUT / "screens"
SCALE = os.environ.get("REGISTRY_SCREENS_SCALE", "100")
SIZES = ((1280, 800), (1366, 768)) if SCALE == "100" else ((1024, 640),)
COLLEAGUE, COLLEAGUE_ORG = "Bernd Becker", "Auswärtiges Amt"
STRANGER, STRANGER_ORG = "Carla Fremd", "Ministerio"
DUPLICATE = "Yulia Navalnaya"  # the Latin spelling of a pair the duplicates screen shows
TIMEOUT = 30_000
RECORD_KINDS = (Kind.PERSON, Kind.ORGANISATION, Kind.TIE, Kind.SUPPORT, Kind.EVENT,
                Kind.EVALUATION)


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory, qapp: QApplication) -> Iterator[Registry]:
    vault = make_vault(tmp_path_factory.mktemp("screens") / "vault")
    yield vault.reg
    vault.reg.lock()


class Screens:
    """Grabs and checks screens; gathers the problems of every one."""

    def __init__(self, qtbot: Any, lang: str, reg: Registry, test: str) -> None:
        self.qtbot, self.lang, self.test = qtbot, lang, test
        paths = [str(reg.paths.db.parent), str(Path.home())]
        self.allowed = checks.demo_words([SENDER, SENDER_ORG, SENTINEL, "Migrationsverket",
                                          COLLEAGUE, COLLEAGUE_ORG, STRANGER, STRANGER_ORG,
                                          DUPLICATE, *paths])
        self.problems: list[str] = []
        self.count = 0
        SCREENS.mkdir(parents=True, exist_ok=True)

    def check(self, widget: QWidget, name: str) -> None:
        for _ in range(3):  # a layout request can post another one up the parent chain
            QApplication.processEvents()
        scale = "" if SCALE == "100" else f"{SCALE}-"
        file = re.sub(r"[^a-z0-9-]+", "-", f"{self.lang}-{scale}{name}".lower()).strip("-")
        assert widget.grab().save(str(SCREENS / f"{file}.png"))
        self.count += 1
        found = checks.layout_problems(widget) + checks.code_problems(widget)
        if isinstance(widget, QMainWindow):  # fits the smaller screen, less a title bar
            width, height = min(w for w, _ in SIZES), min(h for _, h in SIZES) - 40
            found += [p] if (p := checks.window_problem(widget, width, height)) else []
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
        report = SCREENS / f"problems-{self.test}-{self.lang}-{SCALE}.txt"
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
def trust_table(qtbot: Any, reg: Registry, selected: str) -> Any:
    """The trusted officials' table, shown, with ``selected`` chosen."""
    from registry.gui.sharing.trust import TrustTable

    trust = TrustTable(SyncTasks(reg))
    qtbot.addWidget(trust)
    trust.resize(1000, 500)
    trust.show()
    trust.refresh()
    trust.select(selected)
    return trust


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
            screens.problems += [f"{width}x{height}-section-{entry.key}: {p}"
                                 for p in checks.list_item_problems(window.ui.nav)]
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


def test_data_key_replaced_with_the_same_passphrase(qtbot: Any, demo_vault: Registry,
                                                    screens: Screens) -> None:
    """"Change passphrase…" with the current passphrase typed again (rotation on, as by
    default): the status bar says the data key was replaced and the passphrase stayed."""
    from PySide6.QtWidgets import QDialogButtonBox

    from registry.gui.change_passphrase import ChangePassphraseDialog, install_passphrase_action

    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    window.show()
    window.resize(*SIZES[0])
    install_passphrase_action(window, SyncTasks(demo_vault)).trigger()
    dialog = window.findChild(ChangePassphraseDialog)
    assert dialog is not None and dialog.ui.rotateCheck.isChecked()
    for edit in (dialog.ui.currentEdit, dialog.ui.newEdit, dialog.ui.confirmEdit):
        edit.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.changed, timeout=TIMEOUT):
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    said = window.statusBar().currentMessage()
    assert said and ("same as before" in said if screens.lang == "en" else "прежней" in said)
    screens.check(window, "data-key-replaced-same-passphrase")
    window.clear()
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
                      ui.countryEdit.setText("SE")),
             lambda: None]  # the summary: where the vault goes, and the first backup
    for number, fill in enumerate(steps[1:], start=1):
        fill()
        dialog.next_button.click()
        screens.visit(dialog, f"first-run-{number}")
    screens.verdict()


def test_spreadsheet_pages(qtbot: Any, demo_vault: Registry, screens: Screens,
                           tmp_path: Path) -> None:
    from registry.gui.spreadsheet.wizard import SpreadsheetWizard

    path = tmp_path / "people.csv"
    path.write_text("Имя,Имя латиницей,Пол,Страна\nАнна Иванова,Anna Ivanova,ж,LV\n"
                    "Борис Петров,Boris Petrov,м,DE\n", encoding="utf-8")
    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    wizard = SpreadsheetWizard(SyncTasks(demo_vault), window, pick_file=lambda _p: str(path),
                               pick_report=lambda _p: str(tmp_path / "report.csv"),
                               pick_backup=lambda _w, _save: str(tmp_path / "first"))
    wizard.backup_threshold = 1  # asks "Back up first?" for two rows
    screens.dialog(wizard, "spreadsheet-1-file")
    with qtbot.waitSignal(wizard.file_loaded, timeout=TIMEOUT):
        wizard.open_file(path)
    screens.visit(wizard, "spreadsheet-1-loaded")
    wizard.next_button.click()
    screens.visit(wizard, "spreadsheet-2-mapping")
    with qtbot.waitSignal(wizard.checked, timeout=TIMEOUT):
        wizard.next_button.click()
    screens.visit(wizard, "spreadsheet-3-preview")

    def back_up_first(box: QWidget) -> None:
        screens.check(box, "spreadsheet-back-up-first")
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT):
        modal(wizard.import_button.click, back_up_first)
    assert (tmp_path / "first.rbackup").exists()
    screens.visit(wizard, "spreadsheet-4-report")
    with qtbot.waitSignal(wizard.report_saved, timeout=TIMEOUT):
        wizard.save_report()
    screens.visit(wizard, "spreadsheet-4-report-saved")
    screens.verdict()


def test_spreadsheet_keeps_protection(qtbot: Any, demo_vault: Registry, screens: Screens,
                                      tmp_path: Path) -> None:
    """A row that matches a protected person and asks for less protection: the preview says
    the protection is kept, and how to lower it."""
    from registry.gui.spreadsheet.wizard import SpreadsheetWizard

    protected = next(r for r in demo_vault.store.iter_records(Kind.PERSON)
                     if r.erased is None and r.values.get("inside_russia")
                     and r.values.get("email") and not r.values.get("merged_into"))
    path = tmp_path / "lower.csv"
    path.write_text("name,email,inside_russia,city\n"
                    f"{protected.values['name']},{protected.values['email']},no,Riga\n",
                    encoding="utf-8")
    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    wizard = SpreadsheetWizard(SyncTasks(demo_vault), window, pick_file=lambda _p: str(path),
                               pick_report=lambda _p: str(tmp_path / "report.csv"),
                               pick_backup=lambda _w, _save: str(tmp_path / "first"))
    screens.dialog(wizard, "spreadsheet-kept-1-file")
    with qtbot.waitSignal(wizard.file_loaded, timeout=TIMEOUT):
        wizard.open_file(path)
    wizard.next_button.click()
    with qtbot.waitSignal(wizard.checked, timeout=TIMEOUT):
        wizard.next_button.click()
    screens.visit(wizard, "spreadsheet-kept-3-preview")
    screens.verdict()



def test_spreadsheet_refused(qtbot: Any, demo_vault: Registry, screens: Screens,
                             tmp_path: Path) -> None:
    """A UTF-8 file with one stray byte: the refusal names the line and the list to choose
    from, which stays open (the wizard once disabled it)."""
    from registry.gui.spreadsheet.wizard import SpreadsheetWizard

    path = tmp_path / "people.csv"
    path.write_bytes("Имя,Страна\nАнна Иванова,LV\nБорис Петров,DE\nВера Смирнова,FI caf"
                     .encode() + b"\xe9\n")
    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    wizard = SpreadsheetWizard(SyncTasks(demo_vault), window, pick_file=lambda _p: str(path))
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.file_refused, timeout=TIMEOUT):
        wizard.open_file(path)
    assert wizard.file_page.encoding.isEnabled()
    screens.dialog(wizard, "spreadsheet-refused-encoding", own=False)
    screens.verdict()

# -- backups ----------
def test_backup_flow(qtbot: Any, demo_vault: Registry, screens: Screens,
                     tmp_path: Path) -> None:
    """Back up… (what the status bar says, and a failure), and restoring at unlock: the
    question before replacing a vault, and what the dialog says after."""
    from registry.gui import backup_ui
    from registry.gui.unlock import UnlockDialog

    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    window.show()
    window.resize(*SIZES[0])
    target = tmp_path / "registry-backup"
    backup_ui.back_up(window, SyncTasks(demo_vault), pick=lambda _w, _save: str(target))
    assert window.statusBar().currentMessage()
    screens.check(window, "backup-written")
    modal(lambda: backup_ui.back_up(window, SyncTasks(demo_vault),
                                    pick=lambda _w, _save: str(tmp_path / "no" / "such")),
          lambda box: screens.check(box, "backup-failed"))
    window.clear()

    root = tmp_path / "restored"
    tasks = SyncTasks(None)
    dialog = UnlockDialog(tasks, root, keychain_usable=False)
    button = backup_ui.add_restore_button(dialog, tasks, root,
                                          pick=lambda _w, _save: f"{target}.rbackup")
    screens.dialog(dialog, "restore-at-unlock")
    button.click()  # no passphrase typed yet: the dialog says what to do
    screens.check(dialog, "restore-needs-passphrase")
    dialog.ui.passphraseEdit.setText(PASSPHRASE)
    button.click()
    assert (root / "registry.db").exists() or any(root.iterdir())
    screens.check(dialog, "restore-done")
    modal(button.click, lambda box: screens.check(box, "restore-replace-question"))
    screens.verdict()


# -- sharing ----------
@pytest.fixture(scope="module")
def colleague(tmp_path_factory: pytest.TempPathFactory, demo_vault: Registry) -> Iterator[Registry]:
    """A second official who verified cards with the demo vault (through the facade, as
    :mod:`tests.sync.vaults` does). Two of the demo vault's people went to them and they
    erased both: the erasures wait in the demo vault's held changes."""
    from registry.sync.exporter import Scope
    from tests.sync.vaults import introduce, person, receive, send

    root = tmp_path_factory.mktemp("colleague")
    other = Registry.create(root / "colleague", PASSPHRASE, name=COLLEAGUE, org=COLLEAGUE_ORG,
                            country="DE", kdf=FAST_TEST_PARAMS)
    introduce(demo_vault, other)
    asked = [person(demo_vault, "Анна Смирнова", country="DE"),
             person(demo_vault, "Борис Петров", inside_russia=True)]
    receive(other, send(demo_vault, [other], root / "to.rbundle", scope=Scope(ids=frozenset(asked)),
                        mode="include"))
    for record_id in asked:
        other.erase(record_id)
    receive(demo_vault, send(other, [demo_vault], root / "back.rbundle", mode="include",
                             ceiling="protected"))
    yield other
    other.lock()


def _bundles_to(demo: Registry, colleague: Registry, folder: Path) -> list[str]:
    """A bundle from the colleague (a new person, and the colleague's own unflagged record of
    someone the demo vault holds as inside Russia: protected until reviewed) and one from a
    stranger the demo vault never trusted (refused at review)."""
    from registry.sync.exporter import Scope
    from tests.sync.vaults import person, send

    new = person(colleague, "Вера Новикова", country="DE", email="vera@example.org")
    her = next(r for r in demo.store.iter_records(Kind.PERSON)
               if r.erased is None and r.values.get("inside_russia") and not r.deleted
               and not r.values.get("merged_into"))
    twin = person(colleague, her.values["name"], country="DE")
    good = send(colleague, [demo], folder / "from-colleague.rbundle",
                scope=Scope(ids=frozenset({new, twin})))
    stranger = Registry.create(folder / "stranger", PASSPHRASE, name=STRANGER, org=STRANGER_ORG,
                               country="ES", kdf=FAST_TEST_PARAMS)
    stranger.sharing.add_card(demo.sharing.card(), verified_method="safety_number")
    person(stranger, "Олег Чужой")
    bad = send(stranger, [demo], folder / "from-stranger.rbundle")
    stranger.lock()
    return [str(good), str(bad)]


def test_sharing_wizards(qtbot: Any, demo_vault: Registry, colleague: Registry, screens: Screens,
                         tmp_path: Path) -> None:
    from registry.gui.sharing import SharingView
    from registry.sync.redact import Mode

    view = SharingView(SyncTasks(demo_vault))
    qtbot.addWidget(view)
    view.activate()
    export = view.open_export()
    screens.dialog(export, "export-1-recipients")
    export.set_recipient_checked(colleague.identity.fingerprint)
    export.next_button.click()
    screens.visit(export, "export-2-options")
    export.set_mode(Mode.INCLUDE)
    export.include_confirm.setChecked(True)
    export.ceiling.setCurrentIndex(export.ceiling.findData("confidential"))
    screens.visit(export, "export-2-options-include")
    export.next_button.click()
    assert export.pages.currentIndex() == 2, export.error.text()
    screens.visit(export, "export-3-exposure")
    export.write_bundle(str(tmp_path / "to-colleague"))
    screens.visit(export, "export-4-written")
    export.close()

    imports = view.open_import()
    screens.dialog(imports, "import-1-files")
    imports.add_files(_bundles_to(demo_vault, colleague, tmp_path))
    screens.visit(imports, "import-1-files-chosen")
    imports.next_button.click()
    screens.visit(imports, "import-2-review")
    imports.checks_list.setCurrentRow(1)
    assert imports.refusal.isVisible()
    screens.visit(imports, "import-2-review-refused")
    imports.checks_list.setCurrentRow(0)
    imports.next_button.click()
    screens.visit(imports, "import-3-report")
    (import_id, _button), = imports.revert_buttons.items()
    box = imports.revert(import_id)
    assert box is not None
    screens.check(box, "import-revert-question")
    next(b for b in box.buttons()
         if box.buttonRole(b) == box.ButtonRole.AcceptRole).click()  # back as it was
    screens.visit(imports, "import-3-report-reverted")
    imports.close()
    screens.verdict()


def test_import_refused_while_another_window_writes(qtbot: Any, demo_vault: Registry,
                                                    colleague: Registry, screens: Screens,
                                                    tmp_path: Path) -> None:
    """Another window holds the vault's write lock when the import begins: nothing is
    imported, the wizard says why, and importing again once it is done works."""
    from registry.gui.sharing import SharingView

    view = SharingView(SyncTasks(demo_vault))
    qtbot.addWidget(view)
    view.activate()
    imports = view.open_import()
    imports.add_files(_bundles_to(demo_vault, colleague, tmp_path)[:1])
    imports.next_button.click()
    qtbot.waitUntil(lambda: imports.pages.currentIndex() == 1, timeout=TIMEOUT)
    other = Registry.unlock(demo_vault.paths.root, PASSPHRASE)
    writing = other.store.write()  # an edit under way in the other window
    writing.__enter__()
    try:
        imports.next_button.click()
        qtbot.waitUntil(imports.error.isVisible, timeout=TIMEOUT)
        assert imports.pages.currentIndex() == 1 and imports.next_button.isEnabled()
        assert "busy" in imports.error.text() or "занято" in imports.error.text()
        screens.visit(imports, "import-2-review-vault-busy")
        folder = os.environ.get("REGISTRY_SHOTS")  # the whole screen, under a real X server
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            imports.show()
            imports.resize(1280, 800)
            qtbot.wait(300)
            screen = QApplication.primaryScreen().grabWindow(0)
            assert screen.save(str(Path(folder) / f"import-busy-{screens.lang}.png"))
    finally:
        writing.__exit__(None, None, None)
        other.lock()
    imports.next_button.click()
    qtbot.waitUntil(lambda: imports.pages.currentIndex() == 2, timeout=TIMEOUT)
    [import_id] = imports.revert_buttons  # imported this time
    demo_vault.sharing.revert(import_id)  # the demo vault as the later screens expect it
    imports.close()
    screens.verdict()


def test_export_to_a_revoked_officials_key(qtbot: Any, demo_vault: Registry,
                                           screens: Screens) -> None:
    """A bare age key of an official revoked here gets nothing: the first page says so."""
    from registry.gui.sharing import SharingView
    from registry.sync.cards import make_card
    from registry.sync.keys import OfficialKeys

    keys = OfficialKeys.generate()  # one revoked official for each language's run
    added = demo_vault.sharing.add_card(make_card(keys, "Ирина Волкова", "МИД", "SE"),
                                        verified_method="in_person")
    demo_vault.sharing.revoke(added.official.fingerprint)
    view = SharingView(SyncTasks(demo_vault))
    qtbot.addWidget(view)
    view.activate()
    export = view.open_export()
    export.age_edit.setPlainText(keys.public().age_recipient)
    export.next_button.click()
    qtbot.waitUntil(export.error.isVisible, timeout=TIMEOUT)
    assert export.pages.currentIndex() == 0
    screens.dialog(export, "export-1-revoked-key")
    export.close()
    screens.verdict()


def test_trust_dialogs(qtbot: Any, demo_vault: Registry, colleague: Registry, screens: Screens,
                       tmp_path: Path) -> None:
    """Adding a card (new, and one already trusted), verifying with the safety number,
    revoking, and revoking with undo (the day, then what it changes)."""
    from registry.gui.sharing.trust import AddCardDialog, VerifyDialog

    stranger = Registry.create(tmp_path / "stranger", PASSPHRASE, name=STRANGER,
                               org=STRANGER_ORG, country="ES", kdf=FAST_TEST_PARAMS)
    card = tmp_path / "stranger.rcard"
    card.write_bytes(stranger.sharing.card())
    stranger.lock()
    screens.dialog(AddCardDialog(demo_vault.sharing.preview_card_file(card)), "card-add-new")
    known = tmp_path / "colleague.rcard"
    known.write_bytes(colleague.sharing.card())
    screens.dialog(AddCardDialog(demo_vault.sharing.preview_card_file(known)), "card-add-known")
    official = next(o for o in demo_vault.sharing.officials()
                    if o.fingerprint == colleague.identity.fingerprint)
    number = demo_vault.sharing.safety_number(official.fingerprint)
    screens.dialog(VerifyDialog(official, number), "card-verify")

    trust = trust_table(qtbot, demo_vault, colleague.identity.fingerprint)
    box = trust.revoke_selected()
    assert box is not None
    screens.check(box, "card-revoke-question")
    box.close()
    dialog = trust.quarantine_selected()
    assert dialog is not None
    screens.check(dialog, "card-revoke-undo-since")
    with qtbot.waitSignal(trust.dialog_opened, timeout=TIMEOUT) as opened:
        dialog.next_button.click()  # a dry run: nothing changes yet
    screens.check(opened.args[0], "card-revoke-undo-what-changes")
    opened.args[0].close()
    assert not demo_vault.sharing.trust.get(colleague.identity.fingerprint).revoked
    screens.verdict()


def test_handover_dialogs(qtbot: Any, demo_vault: Registry, colleague: Registry,
                          screens: Screens, tmp_path: Path) -> None:
    """Handing the post over to a colleague, and a colleague's succession statement as the
    demo vault would accept it (looked at only: neither vault changes)."""
    from registry.gui.sharing.handover import HandOverDialog, statement_text
    from registry.gui.widgets import confirm
    from registry.sync.handover import make_statement

    official = next(o for o in demo_vault.sharing.officials()
                    if o.fingerprint == colleague.identity.fingerprint)
    screens.dialog(HandOverDialog(official), "handover-sign")
    stranger = Registry.create(tmp_path / "stranger", PASSPHRASE, name=STRANGER,
                               org=STRANGER_ORG, country="ES", kdf=FAST_TEST_PARAMS)
    data = make_statement(colleague.official_keys, colleague.sharing.card(),
                          stranger.sharing.card(), "2026-11-30T10:00:00+00:00")
    stranger.lock()
    statement = demo_vault.sharing.preview_handover(data)
    parent = QWidget()
    qtbot.addWidget(parent)
    box = confirm(parent, "", statement_text(statement), "OK", lambda: None)
    screens.check(box, "handover-accept-question")
    box.close()
    # the successor's own vault, before its predecessor's bundle with who holds what is in
    box = confirm(parent, "", statement_text(statement, own_post=True, inherited=False), "OK",
                  lambda: None)
    screens.check(box, "handover-accept-own-post")
    box.close()
    # a statement whose successor handed the post on already (a chain accepted out of order)
    box = confirm(parent, "", statement_text(statement, heir="Дмитрий Орлов"), "OK",
                  lambda: None)
    screens.check(box, "handover-accept-handed-on")
    box.close()
    screens.verdict()


def test_held_changes(qtbot: Any, demo_vault: Registry, colleague: Registry,
                      screens: Screens) -> None:
    from registry.gui.sharing import SharingView

    view = SharingView(SyncTasks(demo_vault))
    qtbot.addWidget(view)
    view.activate()
    held = view.held
    view.tabs.setCurrentWidget(held)
    for width, height in SIZES:
        view.resize(width - 200, height - 100)  # the section beside the navigation
        view.show()
        held.refresh()
        assert held.table.rowCount() == 2
        held.table.selectRow(0)
        screens.check(view, f"{width}x{height}-held-changes")
    with qtbot.waitSignal(held.dialog_opened, timeout=TIMEOUT) as opened:
        held.accept_button.click()
    screens.check(opened.args[0], "held-accept-question")
    opened.args[0].close()  # nothing decided: the other language sees the same list
    screens.verdict()


# -- recovery ----------
RECOVERY_PASSPHRASE = "plum kettle orbit lantern meadow"


@pytest.fixture(scope="module")
def recovery_request(tmp_path_factory: pytest.TempPathFactory, demo_vault: Registry,
                     colleague: Registry) -> Path:
    """The demo vault's own set (the colleague and one paper share, 2 of 2), a share of the
    colleague's vault it holds, and the colleague's request waiting for an answer (nothing
    is released: both languages see the same)."""
    root = tmp_path_factory.mktemp("recovery")
    demo_vault.recovery.setup([colleague.identity.fingerprint], 1, 2, None)
    colleague.recovery.setup([demo_vault.identity.fingerprint], 1, 2, None)
    for path in colleague.recovery.export(root):
        demo_vault.recovery.receive(path)
    request = root / "request.json"
    Registry.request_recovery(colleague.paths.root, RECOVERY_PASSPHRASE, request)
    return request


def test_recovery_dialogs(qtbot: Any, demo_vault: Registry, colleague: Registry,
                          recovery_request: Path, screens: Screens, tmp_path: Path) -> None:
    """Vault → Recovery shares… (no set; a set and a share held), setting up (and a k too
    large, and setting up again), the paper shares, and answering a request (and a wrong
    number typed)."""
    from registry.gui.recovery.setup import PaperSharesDialog, SetupDialog
    from registry.gui.recovery.shares import RecoveryDialog, SharePickers
    from registry.recovery.shares import split

    stranger = Registry.create(tmp_path / "stranger", PASSPHRASE, name=STRANGER,
                               org=STRANGER_ORG, country="ES", kdf=FAST_TEST_PARAMS)
    screens.dialog(RecoveryDialog(SyncTasks(stranger)), "recovery-shares-none")
    stranger.lock()
    dialog = RecoveryDialog(SyncTasks(demo_vault), pickers=SharePickers(
        request=lambda _p: str(recovery_request)))
    screens.dialog(dialog, "recovery-shares")
    colleagues = [o for o in demo_vault.sharing.officials() if o.verified]
    for replacing in (False, True):
        setup = SetupDialog(SyncTasks(demo_vault), colleagues, replacing=replacing,
                            pick_folder=lambda _p: "")
        setup.set_chosen([colleague.identity.fingerprint])
        setup.paper.setValue(2)
        screens.dialog(setup, f"recovery-setup-again-{replacing}")
    setup.threshold.setValue(5)
    screens.check(setup, "recovery-setup-too-many")
    words = split(bytes(32), 2, 3)
    screens.allowed = screens.allowed | {w for share in words for w in share.split()}
    paper = PaperSharesDialog(words[:2], 2)
    screens.dialog(paper, "recovery-paper-1")
    paper.written.setChecked(True)
    paper.next_button.click()
    screens.check(paper, "recovery-paper-2")
    with qtbot.waitSignal(dialog.dialog_opened, timeout=TIMEOUT) as opened:
        dialog.respond_button.click()
    respond = opened.args[0]
    screens.dialog(respond, "recovery-respond", own=False)
    respond.typed.setText("12345 " * 6)
    respond.release.click()  # not this request's number: refused, nothing written
    screens.check(respond, "recovery-respond-wrong-number")
    respond.close()
    screens.verdict()


def test_custodian_dialogs(qtbot: Any, demo_vault: Registry, colleague: Registry,
                           recovery_request: Path, screens: Screens, tmp_path: Path) -> None:
    """Revoking a custodian, and accepting a custodian's succession statement: both ask the
    passphrase and say why (looked at only: neither vault changes)."""
    from registry.sync.handover import make_statement

    trust = trust_table(qtbot, demo_vault, colleague.identity.fingerprint)
    dialog = trust.revoke_selected()
    assert dialog is not None and dialog.objectName() == "custodianConfirm"
    screens.dialog(dialog, "custodian-revoke", own=False)
    dialog.close()
    stranger = Registry.create(tmp_path / "stranger", PASSPHRASE, name=STRANGER,
                               org=STRANGER_ORG, country="ES", kdf=FAST_TEST_PARAMS)
    statement = tmp_path / "succession.json"
    statement.write_bytes(make_statement(colleague.official_keys, colleague.sharing.card(),
                                         stranger.sharing.card(), "2026-11-30T10:00:00+00:00"))
    stranger.lock()
    with qtbot.waitSignal(trust.dialog_opened, timeout=TIMEOUT) as opened:
        trust.handover.accept_statement(str(statement))
    accept = opened.args[0]
    assert accept.objectName() == "custodianConfirm"
    screens.dialog(accept, "custodian-handover", own=False)
    accept.close()
    assert not demo_vault.sharing.trust.get(colleague.identity.fingerprint).revoked
    screens.verdict()


def test_recovery_ceremony(qtbot: Any, screens: Screens, tmp_path: Path) -> None:
    """At unlock: the recovery buttons, the request (the new passphrase, then the safety
    number to read out) and completing it (and what it says once the vault is open)."""
    from registry.gui import backup_ui
    from registry.gui.recovery import ceremony
    from registry.gui.unlock import UnlockDialog

    root = tmp_path / "lost"
    root.mkdir()
    (root / "registry.db").write_bytes(b"")  # the folder's database; its key file is lost
    tasks = SyncTasks(None)
    unlock = UnlockDialog(tasks, root, keychain_usable=False)
    backup_ui.add_restore_button(unlock, tasks, root)
    request = tmp_path / "request.json"
    pickers = ceremony.CeremonyPickers(request=lambda _p: str(request), responses=lambda _p: [])
    ask, complete = ceremony.add_recovery_buttons(unlock, tasks, root, pickers)
    screens.dialog(unlock, "recovery-unlock")
    ask.click()
    asking = unlock.findChild(ceremony.RequestDialog)
    asking.passphrase.edit.setText("password1")
    screens.dialog(asking, "recovery-request-weak", own=False)
    asking.passphrase.edit.setText(RECOVERY_PASSPHRASE)
    asking.passphrase.confirm.setText(RECOVERY_PASSPHRASE)
    screens.check(asking, "recovery-request-passphrase")
    with qtbot.waitSignal(asking.written, timeout=TIMEOUT):
        asking.write.click()
    screens.dialog(asking, "recovery-request-number", own=False)
    asking.close()
    complete.click()
    completing = unlock.findChild(ceremony.CompleteDialog)
    completing.add_responses([str(tmp_path / "response-bernd.json")])
    completing.passphrase.edit.setText(RECOVERY_PASSPHRASE)
    screens.dialog(completing, "recovery-complete", own=False)
    completing.backup.set_path(tmp_path / "vault.rbackup")  # from a backup; a vault is there
    completing.replace.show()
    screens.check(completing, "recovery-complete-backup-replace")
    completing.done_label.setText(ceremony.done_text(True, {
        "backup_created_at": "2026-11-30T09:15:00Z",
        "kept_aside": str(tmp_path / "lost.replaced-20261203T101500Z")}))
    completing.pages.setCurrentIndex(1)
    screens.check(completing, "recovery-complete-done")
    completing.close()
    screens.verdict()


def test_recovery_from_a_backup_at_first_run(qtbot: Any, screens: Screens,
                                             tmp_path: Path) -> None:
    """A wiped laptop: the first-run screen's recovery buttons, and the request that needs a
    backup file, before and after one is chosen."""
    from registry.gui.first_run import FirstRunDialog
    from registry.gui.recovery import ceremony

    tasks = SyncTasks(None)
    first = FirstRunDialog(tasks, tmp_path / "new", keychain_usable=True)
    pickers = ceremony.CeremonyPickers(request=lambda _p: str(tmp_path / "request.json"),
                                       responses=lambda _p: [],
                                       backup=lambda _p: str(tmp_path / "vault.rbackup"))
    ask, _complete = ceremony.add_recovery_from_backup(first, tasks, tmp_path / "new", pickers)
    screens.dialog(first, "recovery-first-run")
    ask.click()
    asking = first.findChild(ceremony.RequestDialog)
    asking.passphrase.edit.setText(RECOVERY_PASSPHRASE)
    asking.passphrase.confirm.setText(RECOVERY_PASSPHRASE)
    screens.dialog(asking, "recovery-request-needs-backup", own=False)
    asking.backup.choose.click()
    screens.check(asking, "recovery-request-backup")
    asking.close()
    screens.verdict()


# -- duplicates ----------
def test_duplicates_comparison(qtbot: Any, demo_vault: Registry, screens: Screens) -> None:
    if not demo_vault.search("Navalnaya"):  # one pair for sure (once for both languages)
        for name in ("Юлия Навальная", DUPLICATE):
            demo_vault.add(Kind.PERSON, {"name": name, "country": "DE",
                                         "roles": ["politician"]})
    window = MainWindow(SyncTasks(demo_vault))
    qtbot.addWidget(window)
    window.show()
    row = next(i for i, e in enumerate(window.entries) if e.key == "duplicates")
    window.ui.nav.setCurrentRow(row)
    view = window.page("duplicates")
    view.find_button.click()
    assert view.pairs and view.current_pair() is not None
    for width, height in SIZES:
        window.resize(width, height)
        screens.visit(window, f"{width}x{height}-duplicates-pair")
    window.clear()
    screens.verdict()


# -- 125 % ----------
LAPTOP_SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800,
                              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


@pytest.mark.slow
@pytest.mark.skipif(SCALE != "100", reason="started by the 100 % run")
def test_at_125_percent(tmp_path: Path) -> None:
    """Every screen again at 125 % scaling (Qt's own device pixel ratio, in a second process:
    it is fixed when the application starts), on a 1280×800 screen: 1024×640 logical px (the
    offscreen platform's own screen is 800×800, so it is told of the laptop's)."""
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps(LAPTOP_SCREEN), encoding="utf-8")
    env = {**os.environ, "QT_SCALE_FACTOR": "1.25", "REGISTRY_SCREENS_SCALE": "125",
           "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          __file__, "-k", "not 125_percent and not checks_find"],
                         env=env, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]


def test_the_checks_find_what_they_look_for(qtbot: Any) -> None:
    """Each check fails on a screen made to fail it (so a passing run means something)."""
    from PySide6.QtWidgets import QLabel, QListWidget, QTableWidget, QVBoxLayout

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
    assert checks.window_problem(root, 1024, 600) is None
    root.setMinimumWidth(1100)
    assert "needs at least 1100×" in str(checks.window_problem(root, 1024, 600))
    names = QListWidget(root)
    names.addItem("Организации и средства массовой информации")
    names.setFixedWidth(60)
    layout.addWidget(names)
    QApplication.processEvents()
    assert any("'Организации" in p for p in checks.list_item_problems(names))
