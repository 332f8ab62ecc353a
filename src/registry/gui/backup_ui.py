"""Backups in the desktop app: "Back up…" in the Vault menu, "Restore from backup…" at unlock.

Both run on the database thread through :class:`Tasks`; the core does the work
(``Registry.backups`` and ``Registry.restore_backup``). :func:`back_up` is also what a risky
operation (a key rotation, a large import) calls to offer a backup first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QStatusBar, QWidget

from registry.gui.i18n import moment_text, translate
from registry.gui.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from registry.backup import Restored
    from registry.gui.mainwindow import MainWindow
    from registry.gui.unlock import UnlockDialog
    from registry.service import Registry

SUFFIX = ".rbackup"
PickFile = Callable[[QWidget, bool], str]
STATUS_MARGIN = 32  # what a status bar keeps around its message (margins, the size grip)



def _pick(parent: QWidget, save: bool) -> str:
    pattern = translate("Backup", "Registry backups (*.rbackup)")
    if save:
        name = f"registry-{dt.date.today().isoformat()}{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(parent, translate("Backup", "Back up the vault"),
                                              str(Path.home() / name), pattern)
    else:
        path, _ = QFileDialog.getOpenFileName(parent, translate("Backup", "Restore from backup"),
                                              str(Path.home()), pattern)
    return path


# -- back up (main window) ------------------------------------------------------------------
def install_backup_action(window: MainWindow, tasks: TaskRunner, pick: PickFile = _pick) -> QAction:
    """Add "Back up…" to the main window's Vault menu, above Lock."""
    action = QAction(window)
    action.setObjectName("actionBackUp")
    window.translate_action(action, lambda: translate("Backup", "Back up…"))
    action.triggered.connect(lambda _c=False: back_up(window, tasks, pick=pick))
    window.ui.menuVault.insertAction(window.ui.actionLock, action)
    return action


def back_up(window: MainWindow, tasks: TaskRunner, then: Callable[[], None] | None = None,
            pick: PickFile = _pick) -> None:
    """Ask where, write the backup on the database thread, say how it went, then ``then()``."""
    path = pick(window, True)
    if not path:
        return
    target = Path(path if path.endswith(SUFFIX) else path + SUFFIX)
    status = window.statusBar()
    status.showMessage(translate("Backup", "Writing the backup…"))

    def write(reg: Registry) -> object:
        return reg.backups.write(target, overwrite=True)  # the file dialog asked already

    def done(_manifest: object) -> None:
        show_with_path(status, translate("Backup", "Backup written to {0}. It opens with the "
                                         "current passphrase: keep it away from this laptop."),
                       target)
        if then is not None:
            then()

    def failed(exc: BaseException) -> None:
        status.clearMessage()
        QMessageBox.warning(window, translate("Backup", "Backup failed"),
                            _failure_text(exc, target))

    tasks.run(write, done, failed)


def show_with_path(status: QStatusBar, text: str, path: Path) -> None:
    """Show ``text`` in the status bar with ``path`` for its "{0}", the path shortened in the
    middle so the message fits the bar (a message is one line, cut where the bar ends); the
    whole message is the bar's tooltip while it is shown."""
    metrics = status.fontMetrics()
    room = status.width() - STATUS_MARGIN - metrics.horizontalAdvance(text.replace("{0}", ""))
    room = max(room, metrics.horizontalAdvance(path.name))
    shown = text.replace("{0}", metrics.elidedText(str(path), Qt.TextElideMode.ElideMiddle, room))
    status.showMessage(shown)
    status.setToolTip(text.replace("{0}", str(path)))

    def replaced(message: str) -> None:
        if message != shown:
            status.setToolTip("")
            status.messageChanged.disconnect(replaced)

    status.messageChanged.connect(replaced)


def _failure_text(exc: BaseException, target: Path) -> str:
    """Why a backup was not written, in the app's language where the reason is known here
    (the core's messages are English)."""
    if not target.parent.is_dir():
        return translate("Backup", "The folder {0} does not exist: nothing was written. "
                         "Choose another folder.").replace("{0}", str(target.parent))
    return error_message(exc)


# -- restore (unlock dialog) ----------------------------------------------------------------
def add_restore_button(dialog: UnlockDialog, tasks: TaskRunner, root: Path,
                       pick: PickFile = _pick) -> QPushButton:
    """A "Restore from backup…" button in the unlock dialog (for a damaged or lost vault)."""
    button = QPushButton(translate("Backup", "Restore from backup…"), dialog)
    button.setObjectName("restoreButton")
    button.setToolTip(translate("Backup", "Replace a damaged vault with a backup. Type the "
                                "backup's passphrase first."))
    button.clicked.connect(lambda _c=False: restore_into(dialog, tasks, root, pick=pick))
    dialog.ui.layout.addWidget(button)
    return button


def restore_into(dialog: UnlockDialog, tasks: TaskRunner, root: Path, *, force: bool = False,
                 pick: PickFile = _pick, path: str | None = None) -> None:
    """Restore a chosen backup into ``root`` with the passphrase typed in the dialog."""
    passphrase = dialog.ui.passphraseEdit.text()
    if not passphrase:
        dialog.ui.messageLabel.setText(translate("Backup", "Type the backup's passphrase, then "
                                                 "choose Restore from backup."))
        return
    path = path or pick(dialog, False)
    if not path:
        return
    dialog.ui.messageLabel.setText(translate("Backup", "Checking and restoring the backup…"))

    def work() -> Restored:
        from registry.service import Registry

        return Registry.restore_backup(Path(path), root, passphrase, force=force)

    tasks.call(work, lambda done: _restored(dialog, done),
               lambda exc: _restore_failed(dialog, tasks, root, path, exc, forced=force))


def _restored(dialog: UnlockDialog, done: Restored) -> None:
    text = translate("Backup", "Restored the backup of {0}. Unlock it with the backup's "
                     "passphrase.")
    text = text.replace("{0}", moment_text(done.manifest.created_at))
    if done.kept_aside is not None:
        text += " " + translate("Backup", "The previous vault was kept at {0}.").replace("{0}",
                                                                      str(done.kept_aside))
    dialog.ui.messageLabel.setText(text)


def _restore_failed(dialog: UnlockDialog, tasks: TaskRunner, root: Path, path: str,
                    exc: BaseException, *, forced: bool) -> None:
    from registry.errors import VaultExists

    if isinstance(exc, VaultExists) and not forced:
        answer = QMessageBox.question(
            dialog, translate("Backup", "Replace the vault?"),
            translate("Backup", "A vault is already here and it is not known to be damaged. "
                      "Replace it with the backup? The current vault is kept beside it, not "
                      "deleted."))
        if answer == QMessageBox.StandardButton.Yes:
            restore_into(dialog, tasks, root, force=True, path=path)
            return
        dialog.ui.messageLabel.setText(translate("Backup", "Nothing was changed."))
        return
    dialog.ui.messageLabel.setText(error_message(exc))
