"""The first-run dialog: renders the steps of :class:`registry.flows.first_run.FirstRunFlow`."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from registry.flows.first_run import FirstRunFlow, Problem, Step
from registry.gui import passphrase
from registry.gui.editors.pickers import country_name
from registry.gui.forms.ui_first_run import Ui_FirstRunDialog
from registry.gui.i18n import translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import show_banner
from registry.gui.wizard import WizardShell

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


class FirstRunDialog(WizardShell):
    """Create the vault and the official's identity: the pages of ``ui/first_run.ui`` in the
    wizard shell every wizard shares (its buttons, its problem banner, its busy bar).

    Signals:
        created(object): the vault is open; the argument is the Registry's identity.
        quit_requested(): the user cancelled.
    """

    created = Signal(object)
    quit_requested = Signal()

    def __init__(self, tasks: TaskRunner, root: Path, keychain_usable: bool,
                 kdf: KdfParams | None = None, parent: QWidget | None = None) -> None:
        super().__init__(translate("FirstRunDialog", "Create a vault — Registry"), parent,
                         size=(640, 480))
        self.setObjectName("FirstRunDialog")
        self.ui = Ui_FirstRunDialog()
        form = QStackedWidget()
        self.ui.setupUi(form)
        for page in (self.ui.welcomePage, self.ui.passphrasePage, self.ui.identityPage,
                     self.ui.summaryPage):  # in the order of PAGES
            form.removeWidget(page)
            self.add_page(page)
        form.deleteLater()
        self.flow = FirstRunFlow()
        self._tasks, self._root, self._kdf = tasks, root, kdf
        self._busy = False
        self.ui.passphraseIntro.setText(intro_text())
        self.set_keychain_usable(keychain_usable)
        ui = self.ui
        for edit in (ui.passphraseEdit, ui.confirmEdit):
            edit.textChanged.connect(self._on_passphrase)
        for edit in (ui.nameEdit, ui.orgEdit, ui.countryEdit):
            edit.textChanged.connect(self._on_identity)
        ui.rememberCheck.toggled.connect(self.flow.set_remember)
        self._render()

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

    # -- the shell's navigation ------------------------------------------------------------
    def next(self) -> None:
        if self._busy:
            return
        if self.flow.step is Step.SUMMARY:
            self._create()
            return
        if self.flow.can_advance:
            self.flow.advance()
            self._render()

    def back(self) -> None:
        if not self._busy:
            self.flow.back()
            self._render()

    def update_buttons(self) -> None:
        summary = self.flow.step is Step.SUMMARY
        self.next_button.setText(translate("FirstRunDialog", "&Create") if summary
                                 else translate("FirstRunDialog", "&Next >"))
        self.next_button.setEnabled(self.flow.can_advance and not self._busy)
        self.back_button.setEnabled(self.flow.can_go_back and not self._busy)
        self.close_button.setEnabled(not self._busy)

    def _render(self) -> None:
        step = self.flow.step
        if step is Step.SUMMARY:
            self.ui.summaryText.setText(self._summary())
        if step in PAGES:
            self.show_page(PAGES[step])
        if step is Step.PASSPHRASE:
            self.ui.passphraseEdit.setFocus()
        elif step is Step.IDENTITY:
            self.ui.nameEdit.setFocus()
        self._render_state()

    def _render_state(self) -> None:
        problems = self.flow.problems()
        shown = [p for p in problems if p is not Problem.PASSPHRASE_EMPTY]
        show_banner(self.error, " ".join(problem_text(p, self.flow) for p in shown))
        self.update_buttons()

    def _summary(self) -> str:
        f = self.flow
        remember = (translate("FirstRunDialog", "Yes, on this computer's keychain")
                    if f.remember else translate("FirstRunDialog", "No"))
        rows = [(translate("FirstRunDialog", "Name"), f.name),
                (translate("FirstRunDialog", "Organisation"), f.org),
                (translate("FirstRunDialog", "Country"), country_name(f.country)),
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
        self._set_busy(True)
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

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.wait(busy)
        self.update_buttons()

    def _created(self, registry: Registry) -> None:
        self.flow.created()
        for edit in (self.ui.passphraseEdit, self.ui.confirmEdit):
            edit.clear()
        self._set_busy(False)
        self.created.emit(registry.identity)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._render_state()
        show_banner(self.error, error_message(exc))

    def reject(self) -> None:
        if not self._busy:
            self.quit_requested.emit()
