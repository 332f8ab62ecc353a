"""The first-run dialog: renders the steps of :class:`registry.flows.first_run.FirstRunFlow`."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from registry.flows.first_run import FirstRunFlow, Problem, Step
from registry.gui import passphrase
from registry.gui.forms.ui_first_run import Ui_FirstRunDialog
from registry.gui.i18n import translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import fit_height

if TYPE_CHECKING:
    from registry.service import Registry
    from registry.vault.kdf import KdfParams

PAGES = {Step.WELCOME: 0, Step.PASSPHRASE: 1, Step.IDENTITY: 2, Step.SUMMARY: 3}



def problem_text(problem: Problem, flow: FirstRunFlow | None = None) -> str:
    if problem is Problem.PASSPHRASE_WEAK and flow is not None:
        return passphrase.refusal(flow.strength)
    return {
        Problem.PASSPHRASE_EMPTY: translate("FirstRunDialog", "Choose a passphrase."),
        Problem.PASSPHRASE_WEAK: translate(
            "FirstRunDialog", "The passphrase is too easy to guess: choose a stronger one."),
        Problem.PASSPHRASE_MISMATCH: translate("FirstRunDialog", "The two passphrases differ."),
        Problem.NAME_MISSING: translate("FirstRunDialog", "Enter your name."),
        Problem.ORG_MISSING: translate("FirstRunDialog", "Enter your organisation."),
        Problem.COUNTRY_INVALID: translate(
            "FirstRunDialog", "Enter your country as a two-letter code, such as SE."),
        Problem.NOT_CREATED: translate("FirstRunDialog", "The vault has not been created yet."),
    }[problem]


def intro_text() -> str:
    """The passphrase page's introduction: why the rule, how to meet it, and what loss means."""
    title = translate("FirstRunDialog", "Choose a passphrase")
    lost = translate("FirstRunDialog", "If the passphrase is lost, the vault cannot be opened "
                     "by anyone, including you.")
    return (f"<h3>{html.escape(title)}</h3><p>{html.escape(passphrase.why_and_how())}</p>"
            f"<p>{html.escape(lost)}</p>")


class FirstRunDialog(QDialog):
    """Create the vault and the official's identity.

    Signals:
        created(object): the vault is open; the argument is the Registry's identity.
        quit_requested(): the user cancelled.
    """

    created = Signal(object)
    quit_requested = Signal()

    def __init__(self, tasks: TaskRunner, root: Path, keychain_usable: bool,
                 kdf: KdfParams | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(translate("FirstRunDialog", "Create a vault — Registry"))
        self.flow = FirstRunFlow()
        self.flow.set_keychain_available(keychain_usable)
        self._tasks, self._root, self._kdf = tasks, root, kdf
        self.ui.busyBar.hide()
        self.ui.passphraseIntro.setText(intro_text())
        self.set_keychain_usable(keychain_usable)
        ui = self.ui
        for edit in (ui.passphraseEdit, ui.confirmEdit):
            edit.textChanged.connect(self._on_passphrase)
        for edit in (ui.nameEdit, ui.orgEdit, ui.countryEdit):
            edit.textChanged.connect(self._on_identity)
        ui.rememberCheck.toggled.connect(self.flow.set_remember)
        ui.nextButton.clicked.connect(self.next_step)
        ui.backButton.clicked.connect(self.back_step)
        ui.cancelButton.clicked.connect(self.quit_requested)
        self._render()
        fit_height(self)

    def set_keychain_usable(self, usable: bool) -> None:
        self.flow.set_keychain_available(usable)
        self.ui.rememberCheck.setEnabled(usable)
        if not usable:
            self.ui.rememberCheck.setChecked(False)
            self.ui.rememberText.setText(translate("FirstRunDialog",
                "This computer has no usable keychain, so the vault will open with the "
                "passphrase only. That is the safest choice anyway."))

    def _on_passphrase(self) -> None:
        self.flow.set_passphrase(self.ui.passphraseEdit.text(), self.ui.confirmEdit.text())
        passphrase.show(self.ui.strengthBar, self.flow.strength)
        self._render_state()

    def _on_identity(self) -> None:
        self.flow.set_identity(self.ui.nameEdit.text(), self.ui.orgEdit.text(),
                               self.ui.countryEdit.text())
        self._render_state()

    def next_step(self) -> None:
        if self.flow.step is Step.SUMMARY:
            self._create()
            return
        if self.flow.can_advance:
            self.flow.advance()
            self._render()

    def back_step(self) -> None:
        self.flow.back()
        self._render()

    def _render(self) -> None:
        step = self.flow.step
        if step in PAGES:
            self.ui.pages.setCurrentIndex(PAGES[step])
        if step is Step.PASSPHRASE:
            self.ui.passphraseEdit.setFocus()
        elif step is Step.IDENTITY:
            self.ui.nameEdit.setFocus()
        elif step is Step.SUMMARY:
            self.ui.summaryText.setText(self._summary())
        self.ui.nextButton.setText(translate("FirstRunDialog", "&Create")
                                   if step is Step.SUMMARY
                                   else translate("FirstRunDialog", "&Next >"))
        self._render_state()

    def _render_state(self) -> None:
        problems = self.flow.problems()
        shown = [p for p in problems if p is not Problem.PASSPHRASE_EMPTY]
        self.ui.problemLabel.setText(" ".join(problem_text(p, self.flow) for p in shown))
        self.ui.nextButton.setEnabled(self.flow.can_advance)
        self.ui.backButton.setEnabled(self.flow.can_go_back)

    def _summary(self) -> str:
        f = self.flow
        remember = (translate("FirstRunDialog", "Yes, on this computer's keychain")
                    if f.remember else translate("FirstRunDialog", "No"))
        rows = [(translate("FirstRunDialog", "Name"), f.name),
                (translate("FirstRunDialog", "Organisation"), f.org),
                (translate("FirstRunDialog", "Country"), f.country),
                (translate("FirstRunDialog", "Remember on this computer"), remember),
                (translate("FirstRunDialog", "Vault folder"), str(self._root))]
        body = "".join(f"<tr><td>{html.escape(a)}:&nbsp;</td><td>{html.escape(b)}</td></tr>"
                       for a, b in rows)
        ready = translate("FirstRunDialog", "Ready to create the vault")
        press = translate("FirstRunDialog", "Press Create. Deriving the key takes about a second.")
        backup = translate("FirstRunDialog", "Then make your first backup (Vault → Back up…) and "
                           "keep it apart from this computer: a lost or broken laptop then "
                           "loses nothing.")
        return (f"<h3>{ready}</h3><table>{body}</table>"
                f"<p>{press}</p><p>{html.escape(backup)}</p>")

    def _create(self) -> None:
        request = self.flow.request()
        self.ui.busyBar.show()
        self.ui.nextButton.setEnabled(False)
        self.ui.backButton.setEnabled(False)
        root, kdf = self._root, self._kdf

        def create() -> Registry:
            from registry.service import Registry

            reg = Registry.create(root, request.passphrase, name=request.name, org=request.org,
                                  country=request.country, kdf=kdf)
            if request.remember:
                try:
                    reg.remember()
                except Exception:  # the vault exists and opens with the passphrase
                    return reg
            return reg

        self._tasks.open(create, self._created, self._failed)

    def _created(self, registry: Registry) -> None:
        self.flow.created()
        for edit in (self.ui.passphraseEdit, self.ui.confirmEdit):
            edit.clear()
        self.ui.busyBar.hide()
        self.created.emit(registry.identity)

    def _failed(self, exc: BaseException) -> None:
        self.ui.busyBar.hide()
        self.ui.problemLabel.setText(error_message(exc))
        self._render_state()

    def reject(self) -> None:
        self.quit_requested.emit()
