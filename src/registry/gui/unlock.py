"""The unlock dialog: passphrase or keychain; a wrong passphrase says so and loses nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from registry.errors import WrongPassphrase
from registry.gui.forms.ui_unlock import Ui_UnlockDialog
from registry.gui.i18n import translate
from registry.gui.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from registry.service import Registry, RotationSettled

Opener = Callable[[Path, "str | None"], "Registry"]



def _unlock(root: Path, passphrase: str | None) -> Registry:
    from registry.service import Registry

    return Registry.unlock(root, passphrase)


def settled_text(settled: RotationSettled | None) -> str:
    """What the unlock finished of a key rotation a crash cut short (the command line says
    the same): empty when there was none."""
    from registry.gui.change_passphrase import recovery_text

    if settled is None:
        return ""
    if not settled.kept:
        return translate("UnlockDialog", "A change of the data key was cut short before it "
                         "changed anything, and was undone: the data key and the passphrase "
                         "are as they were. Change them again in Vault → Change passphrase….")
    text = translate("UnlockDialog", "A change of the data key was cut short earlier; it is "
                     "finished now: copies of the key file made before it open nothing "
                     "current.")
    if settled.old_passphrase:
        text += " " + translate(
            "UnlockDialog", "The passphrase is the one the vault had before that change: if "
            "you were setting a new one, it was not set — set it again in Vault → Change "
            "passphrase….")
    extra = recovery_text(settled.recovery)
    return f"{text} {extra}" if extra else text


class UnlockDialog(QDialog):
    """Asks for the passphrase and opens the vault on the database thread.

    Signals:
        unlocked(object): the vault is open; the argument is the Registry's identity.
        quit_requested(): the user chose Quit.
    """

    unlocked = Signal(object)
    quit_requested = Signal()
    notice = ""  # set before ``unlocked``: what the unlock finished (see settled_text)

    def __init__(self, tasks: TaskRunner, root: Path, keychain_usable: bool = True,
                 opener: Opener = _unlock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(translate("UnlockDialog", "Unlock — Registry"))
        self._tasks, self._root, self._opener = tasks, root, opener
        self.ui.busyBar.hide()
        self.ui.keychainButton.setVisible(keychain_usable)
        self.ui.unlockButton.clicked.connect(self.unlock_with_passphrase)
        self.ui.passphraseEdit.returnPressed.connect(self.unlock_with_passphrase)
        self.ui.keychainButton.clicked.connect(self.unlock_with_keychain)
        self.ui.quitButton.clicked.connect(self.quit_requested)
        self.ui.passphraseEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_keychain_usable(self, usable: bool) -> None:
        """Offer "Use this computer's keychain" only when it holds this vault's key."""
        self.ui.keychainButton.setVisible(usable)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.raise_()
        QTimer.singleShot(0, self._focus)

    def _focus(self) -> None:
        self.activateWindow()
        self.ui.passphraseEdit.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def reset(self, message: str = "") -> None:
        self.ui.passphraseEdit.clear()
        self.ui.messageLabel.setText(message)
        self._busy(False)

    def unlock_with_passphrase(self) -> None:
        passphrase = self.ui.passphraseEdit.text()
        if not passphrase:
            self.ui.messageLabel.setText(translate("UnlockDialog", "Enter the passphrase."))
            return
        self._start(passphrase)

    def unlock_with_keychain(self) -> None:
        self._start(None)

    def _start(self, passphrase: str | None) -> None:
        if self.ui.busyBar.isVisible():
            return
        self._busy(True)
        self.ui.messageLabel.setText(translate("UnlockDialog", "Unlocking…"))
        root, opener = self._root, self._opener
        self._tasks.open(lambda: opener(root, passphrase), self._done, self._failed)

    def _done(self, registry: Registry) -> None:
        self.ui.passphraseEdit.clear()
        self.ui.messageLabel.clear()
        self._busy(False)
        self.notice = settled_text(registry.rotation_settled)
        self.unlocked.emit(registry.identity)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, WrongPassphrase):
            message = translate("UnlockDialog", "Wrong passphrase. Nothing was changed; try again.")
        else:
            message = error_message(exc)
        self.ui.messageLabel.setText(message)
        self.ui.passphraseEdit.selectAll()
        self.ui.passphraseEdit.setFocus()

    def _busy(self, busy: bool) -> None:
        self.ui.busyBar.setVisible(busy)
        for w in (self.ui.unlockButton, self.ui.keychainButton, self.ui.passphraseEdit):
            w.setEnabled(not busy)

    def reject(self) -> None:
        self.quit_requested.emit()
