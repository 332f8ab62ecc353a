"""Unlocking builds the main window in one turn of the event loop and shows it in the next.

Built, laid out and painted in one go, the window held the GUI thread for up to ~110 ms at
100k people (``benchmarks/bench_gui.py``). The gate (unlock dialog) stays up while the window
is built, so the screen is never empty; a lock that comes before the second turn wins.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox

from registry.domain.enums import Kind
from registry.gui.controller import AppController
from registry.gui.settings import Settings
from registry.gui.tasks import SyncTasks
from registry.gui.unlock import UnlockDialog
from registry.service import Registry
from registry.store import db
from registry.vault import keyfile
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE


@pytest.fixture
def controller(qtbot, registry, vault_dir: Path):
    registry.lock()  # a vault on disk, locked: the app starts at the unlock dialog
    c = AppController(vault_dir, SyncTasks(), Settings(), kdf=FAST_TEST_PARAMS)
    c.start()
    yield c
    c.shutdown()


def _unlock(controller: AppController) -> UnlockDialog:
    gate = controller.gate
    assert isinstance(gate, UnlockDialog)
    gate.ui.passphraseEdit.setText(PASSPHRASE)
    gate.ui.unlockButton.click()  # SyncTasks: the vault opens within the click
    return gate


def test_window_is_built_behind_the_gate_then_shown(qtbot, controller):
    gate = _unlock(controller)
    window = controller.window
    assert window is not None and Kind.PERSON in window.sections  # built, first list asked
    assert not window.isVisible() and gate.isVisible() and controller.gate is gate
    with qtbot.waitSignal(controller.unlocked):
        pass
    assert window.isVisible() and controller.gate is None and not gate.isVisible()


def test_lock_before_the_window_is_shown_wins(qtbot, controller):
    _unlock(controller)
    window = controller.window
    assert window is not None
    with qtbot.waitSignal(controller.locked):
        controller.lock()
    with qtbot.assertNotEmitted(controller.unlocked, wait=50):
        pass
    assert controller.window is None
    assert not shiboken6.isValid(window) or not window.isVisible()  # destroyed, never shown
    assert isinstance(controller.gate, UnlockDialog) and controller.gate.isVisible()


def test_an_unlock_that_finished_a_cut_short_rotation_says_so(qtbot, controller, vault_dir):
    reg = Registry.unlock(vault_dir, PASSPHRASE)  # a rotation killed after PRAGMA rekey:
    new_key = bytearray(os.urandom(32))  # the staged key opens the database
    with keyfile.locked(reg.paths.key):
        keyfile.stage_key(reg.paths.key, PASSPHRASE, new_key)
        db.rekey(reg.store.conn, new_key)
    reg.lock()
    _unlock(controller)
    with qtbot.waitSignal(controller.unlocked):
        pass
    boxes = [w for w in controller.window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and "cut short" in boxes[0].text()


def test_an_ordinary_unlock_says_nothing_more(qtbot, controller):
    _unlock(controller)
    with qtbot.waitSignal(controller.unlocked):
        pass
    assert not controller.window.findChildren(QMessageBox)  # control
