"""Revoking (or accepting the handover of) an official who holds one of this vault's recovery
shares: the confirmation asks the passphrase and says why, and afterwards what to send.

The core decides (``registry.sync.custodians``: the data key is replaced and the set given
anew to the other custodians); this only asks and reports. New paper shares, if the set had
any, are shown once in the recovery set-up's own paper dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from registry.gui.i18n import translate
from registry.gui.recovery.setup import PaperSharesDialog
from registry.gui.widgets import WARNING_STYLE, banner, fit_height, plain, show_banner

if TYPE_CHECKING:
    from registry.sync.custodians import Reissued

DIALOG_WIDTH = 560


def custodian_explanation(name: str) -> str:
    """Why the passphrase is asked, in plain words."""
    return translate(
        "Recovery", "{0} holds one of the recovery shares of this vault. Whoever has their "
        "laptop may have that share too. So this also replaces the vault's key: every share "
        "given so far stops working, and your other custodians get new shares, which you then "
        "send them. If some shares were on paper, new paper shares are shown to you once, to "
        "write down. Type your passphrase to do this.").replace("{0}", name)


class CustodianConfirmDialog(QDialog):
    """A confirmation that needs the passphrase (and, for a handover, offers to give the
    successor the predecessor's place among the custodians)."""

    def __init__(self, title: str, text: str, yes: str, custodian: str, *,
                 move_to: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("custodianConfirm")
        self.setWindowTitle(title)
        question = plain(self, text)
        why = banner(self, WARNING_STYLE)
        why.setObjectName("custodianWhy")
        show_banner(why, custodian_explanation(custodian))
        self.move_box = QCheckBox(translate(
            "Recovery", "Make the successor a custodian in their place"), self)
        self.move_box.setObjectName("moveCustodianship")
        self.move_box.setVisible(move_to is not None)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(translate("Recovery", "Your passphrase"), self.passphrase)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.yes = self.buttons.addButton(yes, QDialogButtonBox.ButtonRole.AcceptRole)
        self.yes.setEnabled(False)
        self.passphrase.textChanged.connect(lambda t: self.yes.setEnabled(bool(t)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (question, why, self.move_box):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(DIALOG_WIDTH)
        fit_height(self)

    def take_passphrase(self) -> str:
        """The passphrase typed, cleared from the field."""
        text = self.passphrase.text()
        self.passphrase.clear()
        return text


def reissue_text(reissued: Reissued | None, name: str) -> str:
    """What happened to the recovery set when ``name`` left it (empty: they held no share)."""
    if reissued is None:
        return ""
    if not reissued.current:
        return translate(
            "Recovery", "{0} held a recovery share: the vault's key was replaced. Too few "
            "shares were left, so this vault has no recovery set now: set one up again in "
            "Vault → Recovery shares….").replace("{0}", name)
    return translate(
        "Recovery", "{0} held a recovery share: the vault's key was replaced and your other "
        "custodians have new shares. Write their share files in Vault → Recovery shares… "
        "and send them.").replace("{0}", name)


def paper_dialog(reissued: Reissued | None, parent: QWidget) -> PaperSharesDialog | None:
    """The new paper shares to show once (None: there are none)."""
    if reissued is None or not reissued.paper:
        return None
    return PaperSharesDialog(reissued.paper, reissued.threshold, parent)
