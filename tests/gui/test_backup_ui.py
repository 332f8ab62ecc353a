"""Back up from the main window; restore a damaged vault from the unlock dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from registry.gui.backup_ui import add_restore_button, back_up, install_backup_action
from registry.gui.mainwindow import MainWindow
from registry.gui.tasks import SyncTasks
from registry.gui.unlock import UnlockDialog
from registry.service import Registry
from tests.passphrase import PASSPHRASE


def test_back_up_then_restore_a_damaged_vault(qtbot, filled, vault_dir: Path,
                                              tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "b.rbackup"
    digest = filled.digest()
    tasks = SyncTasks(filled)
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    action = install_backup_action(window, tasks, pick=lambda _w, _s: str(tmp_path / "b"))
    assert action in window.ui.menuVault.actions()
    action.trigger()
    assert target.exists() and "Backup written" in window.statusBar().currentMessage()
    tasks.close()

    db = vault_dir / "registry.db"
    db.write_bytes(db.read_bytes()[:4096] + bytes(4096) + db.read_bytes()[8192:])
    locked = SyncTasks()
    dialog = UnlockDialog(locked, vault_dir)
    qtbot.addWidget(dialog)
    button = add_restore_button(dialog, locked, vault_dir, pick=lambda _w, _s: str(target))
    button.click()
    assert "passphrase" in dialog.ui.messageLabel.text()  # typed nothing yet
    dialog.ui.passphraseEdit.setText(PASSPHRASE)
    button.click()
    assert "Restored" in dialog.ui.messageLabel.text(), dialog.ui.messageLabel.text()
    assert "damaged-" in dialog.ui.messageLabel.text()
    reg = Registry.unlock(vault_dir, PASSPHRASE)
    try:
        assert reg.digest() == digest and reg.check() == []
    finally:
        reg.lock()

    # a whole vault is replaced only after a question; "No" changes nothing
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.No)
    button.click()
    assert "Nothing was changed" in dialog.ui.messageLabel.text()


def test_back_up_failure_is_shown(qtbot, filled, vault_dir: Path, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **_k: shown.append(a[2]))
    tasks = SyncTasks(filled)
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    back_up(window, tasks, pick=lambda _w, _s: str(vault_dir / "inside"))
    assert shown and "inside the vault" in shown[0]


def test_a_long_backup_path_is_shortened_to_fit_the_status_bar(qtbot, filled,
                                                               tmp_path: Path) -> None:
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)
    folder.mkdir()
    tasks = SyncTasks(filled)
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    window.show()
    window.resize(700, 500)
    back_up(window, tasks, pick=lambda _w, _s: str(folder / "backup"))
    bar = window.statusBar()
    message, full = bar.currentMessage(), bar.toolTip()
    assert (folder / "backup.rbackup").exists()
    assert "…" in message and message.endswith("keep it away from this laptop.")
    assert bar.fontMetrics().horizontalAdvance(message) + 8 <= bar.width()
    assert str(folder / "backup.rbackup") in full  # the whole message as tooltip
    bar.showMessage("Something else")
    assert bar.toolTip() == ""  # only while the message is shown
    tasks.close()
