"""The whole path through public signals: first run → records → search → edit → lock → unlock.

Also the auto-lock with an injected clock: afterwards no model or widget holds record data.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication

from registry.domain.enums import Kind
from registry.gui.controller import AppController
from registry.gui.first_run import FirstRunDialog
from registry.gui.settings import Settings
from registry.gui.tasks import Tasks
from registry.gui.unlock import UnlockDialog
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

from .helpers import texts_on_screen

NAMES = ("Анна Иванова", "Борис Петров", "Новая газета", "Anna Ivanova", "anna@example.org")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def controller(qtbot, vault_dir, clock):
    c = AppController(vault_dir, Tasks(), Settings(), clock=clock, idle_check_ms=20,
                      kdf=FAST_TEST_PARAMS)
    yield c
    c.shutdown()


def run_job(qtbot, tasks, fn):
    out = []
    errors = []
    tasks.run(fn, out.append, errors.append)
    qtbot.waitUntil(lambda: bool(out or errors))
    assert not errors, errors
    return out[0]


def create_vault(qtbot, controller):
    controller.start()
    wizard = controller.gate
    assert isinstance(wizard, FirstRunDialog)
    ui = wizard.ui
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClicks(ui.confirmEdit, "wrong")
    assert not wizard.next_button.isEnabled() and "differ" in wizard.error.text()
    ui.confirmEdit.clear()
    qtbot.keyClicks(ui.confirmEdit, PASSPHRASE)
    assert wizard.next_button.isEnabled() and ui.strengthBar.value() >= 4
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(ui.nameEdit, "Erik Official")
    qtbot.keyClicks(ui.orgEdit, "Foreign Ministry")
    qtbot.keyClicks(ui.countryEdit, "se")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert "Erik Official" in ui.summaryText.text()
    assert str(controller.root) in ui.summaryText.text()  # where the vault will be
    assert "first backup" in ui.summaryText.text()
    with qtbot.waitSignal(controller.unlocked, timeout=10_000):
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert PASSPHRASE not in texts_on_screen()


def add_records(qtbot, controller):
    """What the editors do on Save: write through Tasks, then emit ``record_saved``."""
    window = controller.window

    def add_all(reg):
        org = reg.add(Kind.ORGANISATION, {"name": "Новая газета", "type": "media",
                                          "country": "LV"})
        anna = reg.add(Kind.PERSON, {"name": "Анна Иванова", "roles": ["journalist"],
                                     "region": "RU-MOW", "country": "LV",
                                     "email": "anna@example.org"})
        boris = reg.add(Kind.PERSON, {"name": "Борис Петров", "roles": ["activist"],
                                      "inside_russia": True})
        tie = reg.add(Kind.TIE, {"from_id": anna.id, "to_id": org.id, "kind": "works_for"})
        return org.id, anna.id, boris.id, tie.id

    ids = run_job(qtbot, controller.tasks, add_all)
    people = window.sections[Kind.PERSON]
    with qtbot.waitSignal(people.model.ids_loaded, check_params_cb=lambda n: n == 2):
        window.record_saved.emit(ids[1])
    return ids


def search(qtbot, section, text, expected):
    with qtbot.waitSignal(section.model.ids_loaded, check_params_cb=lambda n: n == expected):
        section.ui.searchEdit.clear()
        if text.isascii():
            qtbot.keyClicks(section.ui.searchEdit, text)
        else:  # QTest types ASCII only; setText emits the same textChanged signal
            section.ui.searchEdit.setText(text)


def cell(qtbot, model, row, column):
    index = model.index(row, column)
    model.data(index)
    qtbot.waitUntil(lambda: model.data(index) != "")
    return model.data(index)


def test_create_add_find_edit_lock_unlock(qtbot, controller):
    create_vault(qtbot, controller)
    window = controller.window
    assert window.windowTitle() == "Registry"
    org_id, anna_id, _boris, _tie = add_records(qtbot, controller)
    people = window.show_section(Kind.PERSON)

    search(qtbot, people, "Ivanova", 1)  # Latin query, Cyrillic record
    assert cell(qtbot, people.model, 0, 0) == "Анна Иванова"
    search(qtbot, people, "Iwanowa", 1)
    people.select(anna_id)
    assert people.current_id() == anna_id

    # edit, as the editor would, and the list follows the saved signal
    run_job(qtbot, controller.tasks, lambda reg: reg.update(anna_id, {"name_latin":
                                                                     "Anna Ivanova"}))
    with qtbot.waitSignal(people.model.ids_loaded):
        window.record_saved.emit(anna_id)
    assert cell(qtbot, people.model, 0, 1) == "Anna Ivanova"

    ties = window.show_section(Kind.TIE)
    qtbot.waitUntil(lambda: ties.model.rowCount() == 1)
    assert cell(qtbot, ties.model, 0, 2) == "Новая газета"
    orgs = window.show_section(Kind.ORGANISATION)
    qtbot.waitUntil(lambda: orgs.model.rowCount() == 1)
    assert orgs.model.id_at(0) == org_id

    with qtbot.waitSignal(controller.locked):
        window.ui.actionLock.trigger()
    qtbot.waitUntil(lambda: isinstance(controller.gate, UnlockDialog))
    unlock = controller.gate
    assert unlock.ui.passphraseEdit.hasFocus() or unlock.focusWidget() is \
        unlock.ui.passphraseEdit

    qtbot.keyClicks(unlock.ui.passphraseEdit, "not the passphrase")
    qtbot.keyClick(unlock.ui.passphraseEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Wrong passphrase" in unlock.ui.messageLabel.text(), timeout=10_000)
    assert controller.window is None

    unlock.ui.passphraseEdit.clear()
    qtbot.keyClicks(unlock.ui.passphraseEdit, PASSPHRASE)
    with qtbot.waitSignal(controller.unlocked, timeout=10_000):
        qtbot.keyClick(unlock.ui.passphraseEdit, Qt.Key.Key_Return)
    people = controller.window.show_section(Kind.PERSON)
    search(qtbot, people, "иванова", 1)
    assert cell(qtbot, people.model, 0, 1) == "Anna Ivanova"


def test_auto_lock_clears_every_model_and_widget(qtbot, controller, clock):
    create_vault(qtbot, controller)
    add_records(qtbot, controller)
    window = controller.window
    people = window.show_section(Kind.PERSON)
    assert cell(qtbot, people.model, 0, 0) == "Анна Иванова"
    search(qtbot, people, "petrov", 1)
    window.show_section(Kind.TIE)
    qtbot.waitUntil(lambda: window.sections[Kind.TIE].model.rowCount() == 1)
    models = [s.model for s in window.sections.values()]

    clock.now += 4 * 60  # not yet
    qtbot.wait(60)
    assert controller.is_unlocked
    with qtbot.waitSignal(controller.locked, timeout=5_000):
        clock.now += 61
    assert not controller.is_unlocked
    assert all(m.rowCount() == 0 and m.cached_rows() == 0 for m in models)
    qtbot.waitUntil(lambda: not any(isinstance(w, type(window)) for w in
                                    QApplication.topLevelWidgets()))
    shown = "\n".join(texts_on_screen())
    for name in (*NAMES, "petrov"):
        assert name not in shown
    live = [m for w in QApplication.allWidgets() for m in w.findChildren(QAbstractTableModel)
            if m.rowCount() > 0]
    assert live == []
    # the vault is closed on the database thread
    errors = []
    controller.tasks.run(lambda reg: reg.identity, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))


def test_activity_postpones_auto_lock(qtbot, controller, clock):
    create_vault(qtbot, controller)
    clock.now += 200
    qtbot.keyClick(controller.window, Qt.Key.Key_Shift)
    clock.now += 200
    qtbot.wait(60)
    assert controller.is_unlocked


def test_settings_hold_nothing_sensitive(qtbot, controller):
    create_vault(qtbot, controller)
    add_records(qtbot, controller)
    controller.lock()
    keys = controller.settings.keys()
    assert set(keys) <= {"settings_version", "window/geometry", "autolock_minutes", "language",
                         "window/state"}


def test_auto_lock_closes_editors_and_record_view_and_clears_the_clipboard(qtbot, controller,
                                                                            clock):
    from PySide6.QtGui import QGuiApplication
    from shiboken6 import isValid

    from registry.gui.editors import EditorDialog, RecordView

    create_vault(qtbot, controller)
    _org, anna_id, _boris, tie_id = add_records(qtbot, controller)
    window = controller.window
    people = window.show_section(Kind.PERSON)
    qtbot.waitUntil(lambda: people.model.rowCount() == 2)
    view = people.record_view
    assert isinstance(view, RecordView)
    assert people.select(anna_id)  # (saving it selected it already)
    qtbot.waitUntil(lambda: view.ui.title.text().startswith("Анна Иванова"))
    view.copy_field("email")
    assert QGuiApplication.clipboard().text() == "anna@example.org"
    window.edit_record(anna_id)  # an editor from the window
    view.edit_record()  # and one from the record view (parented to it, window-modal)
    editors = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, EditorDialog) and w.isVisible()]
    assert len(editors) == 2
    qtbot.waitUntil(lambda: sum("Анна Иванова" in t for t in texts_on_screen()) >= 3)
    window.show_section(Kind.TIE)
    qtbot.waitUntil(lambda: window.sections[Kind.TIE].model.id_at(0) == tie_id)

    with qtbot.waitSignal(controller.locked, timeout=5_000):
        clock.now += 6 * 60
    assert QGuiApplication.clipboard().text() == ""
    assert not [e for e in editors if isValid(e) and e.isVisible()]  # closed at once
    qtbot.waitUntil(lambda: not any(isValid(w) for w in (*editors, view, people, window)))
    shown = "\n".join(texts_on_screen())
    for name in NAMES:
        assert name not in shown
    assert [m for w in QApplication.allWidgets() for m in w.findChildren(QAbstractTableModel)
            if m.rowCount() > 0] == []


def test_language_follows_the_settings(qtbot, controller, qapp):
    create_vault(qtbot, controller)
    window = controller.window
    assert window.ui.nav.item(0).text() == "People"
    try:
        controller.settings.set("language", "ru")
        controller.apply_settings()
        qtbot.waitUntil(lambda: window.ui.nav.item(0).text() == "Люди")
        assert window.ui.menuVault.title() == "&Хранилище"
    finally:
        controller.settings.set("language", "en")
        controller.apply_settings()
    qtbot.waitUntil(lambda: window.ui.nav.item(0).text() == "People")


def test_the_keychain_is_offered_only_for_a_remembered_vault(qtbot, controller, monkeypatch):
    create_vault(qtbot, controller)
    with qtbot.waitSignal(controller.locked):
        controller.window.ui.actionLock.trigger()
    qtbot.waitUntil(lambda: isinstance(controller.gate, UnlockDialog))
    unlock = controller.gate
    qtbot.wait(200)  # the keychain is asked on the database thread
    assert unlock.ui.keychainButton.isHidden()  # this computer does not remember the vault
    from registry.gui import controller as controller_module

    asked: list[object] = []
    monkeypatch.setattr(controller_module, "_remembered",
                        lambda root: asked.append(root) or True)
    with qtbot.waitSignal(controller.unlocked, timeout=10_000):
        qtbot.keyClicks(unlock.ui.passphraseEdit, PASSPHRASE)
        qtbot.keyClick(unlock.ui.passphraseEdit, Qt.Key.Key_Return)
    with qtbot.waitSignal(controller.locked):
        controller.window.ui.actionLock.trigger()
    qtbot.waitUntil(lambda: isinstance(controller.gate, UnlockDialog))
    unlock = controller.gate
    qtbot.waitUntil(lambda: not unlock.ui.keychainButton.isHidden())
    assert asked == [controller.root]


@pytest.fixture
def chosen(qtbot, tmp_path):
    c = AppController(tmp_path / "typo", Tasks(), Settings(), kdf=FAST_TEST_PARAMS,
                      chosen=True)
    yield c
    c.shutdown()


def test_a_chosen_folder_without_a_vault_asks_before_creating_one(qtbot, chosen, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    chosen.start()
    box = chosen.gate
    assert isinstance(box, QMessageBox)
    assert str(tmp_path / "typo") in box.text()
    create = next(b for b in box.buttons() if b.text() == "Create a vault here")
    create.click()
    qtbot.waitUntil(lambda: isinstance(chosen.gate, FirstRunDialog))
    assert not (tmp_path / "typo").exists()  # nothing is created before the wizard's end


def test_quitting_at_the_question_creates_nothing(qtbot, chosen, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    chosen.start()
    box = chosen.gate
    assert isinstance(box, QMessageBox)
    quit_button = next(b for b in box.buttons() if b.text() == "Quit")
    with qtbot.waitSignal(chosen.quit_requested):
        quit_button.click()
    assert not (tmp_path / "typo").exists()
