"""The passphrase meter (zxcvbn, the core's rule) in the first-run and change-passphrase
dialogs, "Change passphrase…" rotating the data key by default, and its translations."""

from __future__ import annotations

import ast
import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxcvbn.feedback
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from registry.errors import VaultDamaged, WrongPassphrase
from registry.gui import i18n, passphrase
from registry.gui.change_passphrase import ChangePassphraseDialog, install_passphrase_action
from registry.gui.first_run import FirstRunDialog
from registry.gui.mainwindow import MainWindow
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from registry.vault import strength
from registry.vault.strength import Level
from tests.passphrase import PASSPHRASE

NEW = "plum kettle orbit lantern"


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    assert i18n.install(qapp, "ru") == "ru"
    yield
    i18n.install(qapp, "en")


def _zxcvbn_texts() -> set[str]:
    """Every text zxcvbn's feedback can give: the string arguments of its ``_()`` calls."""
    tree = ast.parse(inspect.getsource(zxcvbn.feedback))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_"
            and node.args and isinstance(node.args[0], ast.Constant)}


def test_every_feedback_text_can_be_translated() -> None:
    texts = _zxcvbn_texts()
    assert len(texts) > 20
    ours = {strength.PERSONAL_WARNING, strength.MOSTLY_PERSONAL, strength.WHY, strength.HOW}
    assert texts | ours <= passphrase.FEEDBACK


def test_feedback_is_shown_in_russian(russian) -> None:
    refused = passphrase.refusal(strength.estimate("12345678"))
    assert "слишком легко угадать" in refused.lower()
    assert "This is" not in refused and "Add another" not in refused
    assert "ноутбук" in passphrase.why_and_how()
    assert passphrase.level_text(Level.STRONG) == "надёжная"


def _ok(dialog: ChangePassphraseDialog):
    return dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def test_change_passphrase_rotates_by_default(qtbot, registry, tmp_path: Path) -> None:
    root = registry.paths.root
    copy = tmp_path / "old-vault.key"
    shutil.copy2(root / "vault.key", copy)
    digest = registry.digest()
    dialog = ChangePassphraseDialog(SyncTasks(registry))
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.rotateCheck.isChecked() and "backup" in ui.rotateText.text()
    assert not _ok(dialog).isEnabled()
    ui.currentEdit.setText(PASSPHRASE)
    for weak in ("12345678", "test official 2024"):  # the second: the official's own name
        ui.newEdit.setText(weak)
        ui.confirmEdit.setText(weak)
        assert not _ok(dialog).isEnabled()
        assert "too easy to guess" in ui.problemLabel.text()
        assert ui.strengthBar.value() < Level.STRONG
    assert "your name" in ui.problemLabel.text()
    ui.newEdit.setText(NEW)
    assert not _ok(dialog).isEnabled() and "differ" in ui.problemLabel.text()
    ui.confirmEdit.setText(NEW)
    assert _ok(dialog).isEnabled() and ui.strengthBar.value() >= Level.STRONG
    with qtbot.waitSignal(dialog.changed, check_params_cb=lambda rotated: rotated is True):
        _ok(dialog).click()
    assert ui.currentEdit.text() == ui.newEdit.text() == ui.confirmEdit.text() == ""
    registry.lock()
    reg = Registry.unlock(root, NEW)
    assert reg.digest() == digest
    reg.lock()
    with pytest.raises(WrongPassphrase):
        Registry.unlock(root, PASSPHRASE)
    shutil.copy2(copy, root / "vault.key")
    with pytest.raises(VaultDamaged):
        Registry.unlock(root, PASSPHRASE)


def test_change_passphrase_without_rotation_and_wrong_current(qtbot, registry) -> None:
    root = registry.paths.root
    db_before = (root / "registry.db").read_bytes()
    dialog = ChangePassphraseDialog(SyncTasks(registry))
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ui.rotateCheck.setChecked(False)
    ui.currentEdit.setText("not the passphrase")
    ui.newEdit.setText(NEW)
    ui.confirmEdit.setText(NEW)
    _ok(dialog).click()
    assert "does not open" in ui.problemLabel.text() and ui.currentEdit.text() == ""
    ui.currentEdit.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.changed, check_params_cb=lambda rotated: rotated is False):
        _ok(dialog).click()
    assert (root / "registry.db").read_bytes() == db_before


def test_vault_menu_offers_change_passphrase(qtbot, registry) -> None:
    window = MainWindow(SyncTasks(registry))
    qtbot.addWidget(window)
    action = install_passphrase_action(window, SyncTasks(registry))
    assert action in window.ui.menuVault.actions()
    action.trigger()
    dialog = window.findChild(ChangePassphraseDialog)
    assert dialog is not None and dialog.ui.rotateCheck.isChecked()
    window.clear()  # locking closes it with the window


@pytest.mark.parametrize("paper", [0, 1])
def test_change_passphrase_says_what_became_of_the_recovery_set(qtbot, registry, tmp_path: Path,
                                                                paper: int) -> None:
    """The new data key revokes the recovery shares: colleagues-only sets get new shares to
    send, a set with paper shares must be set up again; the status bar says which."""
    from tests.sync.vaults import make_vault

    colleagues = [make_vault(tmp_path, n) for n in ("A", "B")]
    for c in colleagues:
        registry.sharing.add_card(c.sharing.card(), verified_method="safety_number")
        c.lock()
    chosen = [c.identity.fingerprint for c in colleagues][: 2 - paper]
    registry.recovery.setup(chosen, paper, 2, None)
    window = MainWindow(SyncTasks(registry))
    qtbot.addWidget(window)
    install_passphrase_action(window, SyncTasks(registry)).trigger()
    dialog = window.findChild(ChangePassphraseDialog)
    dialog.ui.currentEdit.setText(PASSPHRASE)
    dialog.ui.newEdit.setText(NEW)
    dialog.ui.confirmEdit.setText(NEW)
    with qtbot.waitSignal(dialog.changed):
        _ok(dialog).click()
    said = window.statusBar().currentMessage()
    assert "data key replaced" in said
    if paper:
        assert "set recovery up again" in said and registry.recovery.current() is None
    else:
        assert "new recovery shares" in said and registry.recovery.current() is not None
    window.clear()


def test_rotating_to_the_same_passphrase_says_the_passphrase_stayed(qtbot, registry) -> None:
    """The current passphrase typed again as the new one, with rotation: only the data key
    changes, and the status bar says so (not "passphrase changed"); a new one says it
    changed."""
    window = MainWindow(SyncTasks(registry))
    qtbot.addWidget(window)
    action = install_passphrase_action(window, SyncTasks(registry))
    said = []
    for new in (PASSPHRASE, NEW):
        action.trigger()
        dialog = window.findChildren(ChangePassphraseDialog)[-1]
        dialog.ui.currentEdit.setText(PASSPHRASE)
        dialog.ui.newEdit.setText(new)
        dialog.ui.confirmEdit.setText(new)
        with qtbot.waitSignal(dialog.changed, check_params_cb=lambda rotated: rotated is True):
            _ok(dialog).click()
        said.append(window.statusBar().currentMessage())
    assert "the passphrase is the same as before" in said[0] and "changed" not in said[0]
    assert said[1].startswith("Passphrase changed and data key replaced")
    registry.lock()
    Registry.unlock(registry.paths.root, NEW).lock()
    window.clear()


def test_first_run_refuses_a_weak_passphrase(qtbot, vault_dir: Path) -> None:
    dialog = FirstRunDialog(SyncTasks(), vault_dir, keychain_usable=False)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert "random words" in ui.passphraseIntro.text()
    dialog.next_button.click()
    for weak in ("12345678", "password1"):
        ui.passphraseEdit.setText(weak)
        ui.confirmEdit.setText(weak)
        assert not dialog.next_button.isEnabled()
        assert "too easy to guess" in dialog.error.text()
        assert ui.strengthBar.value() <= Level.WEAK
    ui.passphraseEdit.setText(NEW)
    ui.confirmEdit.setText(NEW)
    assert dialog.next_button.isEnabled() and dialog.error.text() == ""
    assert ui.strengthBar.format() == "very strong"
