""""Change passphrase…" in the Vault menu: a new passphrase, and by default a new data key.

The work is the core's (``Registry.change_passphrase(old, new, rotate=...)``) on the
database thread. Rotating is the default: only then do copies of the key file made before
(every backup holds one) stop opening the current database with the old passphrase.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from registry.gui import passphrase
from registry.gui.forms.ui_change_passphrase import Ui_ChangePassphraseDialog
from registry.gui.i18n import translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import fit_height
from registry.service import same_passphrase
from registry.sync.custodians import SET_REISSUED, SET_REVOKED
from registry.vault.strength import Strength, estimate

if TYPE_CHECKING:
    from registry.gui.mainwindow import MainWindow
    from registry.service import Identity


class ChangePassphraseDialog(QDialog):
    """Ask for the current and the new passphrase; change it (and the data key) on OK.

    Signals:
        changed(bool): the passphrase was changed; True when the data key was rotated too.
    """

    changed = Signal(bool)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ChangePassphraseDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(translate("ChangePassphraseDialog", "Change passphrase — Registry"))
        self._tasks = tasks
        self.recovery: str | None = None  # what the rotation did to the recovery set
        self.same = False  # the new passphrase is the current one (only the data key changed)
        self._known: tuple[str, ...] = ()
        ui = self.ui
        ui.intro.setText(intro_text())
        ui.busyBar.hide()
        for edit in (ui.currentEdit, ui.newEdit, ui.confirmEdit):
            edit.textChanged.connect(self._render)
        ui.buttonBox.accepted.connect(self.submit)
        ui.buttonBox.rejected.connect(self.reject)
        tasks.run(lambda reg: reg.identity, self._set_identity, lambda _e: None)
        self._render()
        fit_height(self)

    @property
    def strength(self) -> Strength:
        return estimate(self.ui.newEdit.text(), self._known)

    def problem(self) -> str:
        """What stops OK, in words; empty when the form is ready."""
        ui = self.ui
        if not ui.currentEdit.text() or not ui.newEdit.text():
            return ""
        strength = self.strength
        if not strength.acceptable:
            return passphrase.refusal(strength)
        if ui.newEdit.text() != ui.confirmEdit.text():
            return translate("ChangePassphraseDialog", "The two new passphrases differ.")
        return ""

    def ready(self) -> bool:
        ui = self.ui
        return bool(ui.currentEdit.text() and ui.newEdit.text()) and not self.problem()

    def submit(self) -> None:
        """Change the passphrase on the database thread (OK)."""
        if not self.ready():
            return
        old, new = self.ui.currentEdit.text(), self.ui.newEdit.text()
        rotate = self.ui.rotateCheck.isChecked()
        self.same = same_passphrase(old, new)
        self._busy(True)
        self._tasks.run(lambda reg: reg.change_passphrase(old, new, rotate=rotate),
                        lambda recovery: self._done(rotate, recovery), self._failed)

    def _set_identity(self, identity: Identity | None) -> None:
        self._known = (identity.name, identity.org, identity.country) if identity else ()
        self._render()

    def _render(self) -> None:
        passphrase.show(self.ui.strengthBar, self.strength)
        self.ui.problemLabel.setText(self.problem())
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.ready())

    def _busy(self, busy: bool) -> None:
        self.ui.busyBar.setVisible(busy)
        for widget in (self.ui.currentEdit, self.ui.newEdit, self.ui.confirmEdit,
                       self.ui.rotateCheck, self.ui.buttonBox):
            widget.setEnabled(not busy)

    def _done(self, rotated: bool, recovery: str | None = None) -> None:
        self._clear()
        self.recovery = recovery
        self.changed.emit(rotated)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.ui.currentEdit.clear()
        self.ui.problemLabel.setText(error_message(exc))
        self.ui.currentEdit.setFocus()

    def _clear(self) -> None:
        for edit in (self.ui.currentEdit, self.ui.newEdit, self.ui.confirmEdit):
            edit.clear()

    def reject(self) -> None:
        self._clear()
        super().reject()


def intro_text() -> str:
    title = translate("ChangePassphraseDialog", "Choose a new passphrase")
    return f"<h3>{html.escape(title)}</h3><p>{html.escape(passphrase.why_and_how())}</p>"


def done_text(rotated: bool, recovery: str | None = None, *, same: bool = False) -> str:
    """What the status bar says afterwards: the truth about copies made before, and what the
    new data key did to the recovery set (``Registry.change_passphrase``). ``same``: the
    passphrase stayed as it was (only the data key was replaced)."""
    if rotated:
        text = translate("ChangePassphraseDialog", "Data key replaced; the passphrase is the "
                         "same as before: copies of the key file made before open nothing "
                         "current.") if same else translate(
            "ChangePassphraseDialog", "Passphrase changed and data key replaced: copies of the "
            "key file made before open nothing current.")
        extra = recovery_text(recovery)
        return f"{text} {extra}" if extra else text
    return translate("ChangePassphraseDialog", "Passphrase changed. Copies of the key file made "
                     "before (every backup holds one) still open the vault with the old "
                     "passphrase.")


def recovery_text(recovery: str | None) -> str:
    """What a rotation did to the recovery set, or nothing."""
    if recovery == SET_REISSUED:
        return translate("ChangePassphraseDialog", "Your custodians have new recovery shares: "
                         "write them in Vault → Recovery shares… and send them.")
    if recovery == SET_REVOKED:
        return translate("ChangePassphraseDialog", "The recovery shares given so far open "
                         "nothing now: set recovery up again in Vault → Recovery shares….")
    return ""


def install_passphrase_action(window: MainWindow, tasks: TaskRunner) -> QAction:
    """Add "Change passphrase…" to the main window's Vault menu, above Lock."""
    action = QAction(window)
    action.setObjectName("actionChangePassphrase")
    window.translate_action(action,
                            lambda: translate("ChangePassphraseDialog", "Change &passphrase…"))
    action.triggered.connect(lambda _c=False: open_dialog(window, tasks))
    window.ui.menuVault.insertAction(window.ui.actionLock, action)
    return action


def open_dialog(window: MainWindow, tasks: TaskRunner) -> ChangePassphraseDialog:
    """Open the dialog over ``window`` (it goes with the window on lock)."""
    dialog = ChangePassphraseDialog(tasks, window)
    dialog.changed.connect(lambda rotated: window.statusBar().showMessage(
        done_text(rotated, dialog.recovery, same=dialog.same)))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
