"""The recovery ceremony at unlock (or first run), where no passphrase opens the vault.

"Recover with colleagues…" sets the new passphrase (the first run's strength rule and
meter) and writes the one-time request, then shows its safety number to read out to each
custodian. "Complete recovery…" takes their response files and any paper shares, opens the
vault (``Registry.recover``: every share checked before anything is written) and says that
the data key was replaced. Both may start from a backup file instead of the vault folder
(a wiped laptop): the backup is checked first, and the vault it holds is put in place only
when the recovery succeeded.

Typed paper words go to the core as ``bytearray``s, zeroed once it has read them; they are
never written to any file. The text they come from is a ``str`` that Qt hands out (the text
box's contents), which Python cannot overwrite: the box is cleared after use."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from registry.gui import passphrase
from registry.gui.i18n import moment_text, translate
from registry.gui.recovery import common
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import DANGER_STYLE, banner, fit_height, plain, show_banner
from registry.vault.hardening import zero
from registry.vault.strength import Strength, estimate

if TYPE_CHECKING:
    from registry.gui.first_run import FirstRunDialog
    from registry.gui.unlock import UnlockDialog
    from registry.recovery.ceremony import RequestMade
    from registry.service import Identity, Registry

DIALOG_WIDTH = 640
PickPath = Callable[[QWidget], str]
PickPaths = Callable[[QWidget], list[str]]
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class NewPassphrase(QWidget):
    """The new passphrase twice, with the first run's meter and refusal."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit, self.confirm = QLineEdit(self), QLineEdit(self)
        for edit in (self.edit, self.confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(lambda _t: self._render())
        self.edit.setObjectName("newPassphrase")
        self.confirm.setObjectName("confirmPassphrase")
        self.meter = QProgressBar(self)
        self.meter.setMaximum(5)
        self.meter.setAccessibleName(translate("Recovery", "Passphrase strength"))
        self.problem = plain(self)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("Recovery", "New passphrase"), self.edit)
        form.addRow(translate("Recovery", "Again"), self.confirm)
        form.addRow(translate("Recovery", "Strength"), self.meter)
        form.addRow(self.problem)
        self._render()

    @property
    def strength(self) -> Strength:
        return estimate(self.edit.text(), ())

    def problem_text(self) -> str:
        if not self.edit.text():
            return ""
        if not self.strength.acceptable:
            return passphrase.refusal(self.strength)
        if self.edit.text() != self.confirm.text():
            return translate("Recovery", "The two passphrases differ.")
        return ""

    def ready(self) -> bool:
        return bool(self.edit.text()) and not self.problem_text()

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()
        self.confirm.clear()

    def _render(self) -> None:
        passphrase.show(self.meter, self.strength)
        self.problem.setText(self.problem_text())
        self.problem.setVisible(bool(self.problem.text()))
        self.changed.emit()


def _buttons(parent: QWidget, action: str) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent)
    button = box.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    return box, button


class BackupChoice(QWidget):
    """Where the vault comes from: the vault folder here, or a backup file chosen.

    Signals:
        changed(): a backup was chosen or the choice cleared.
    """

    changed = Signal()

    def __init__(self, state: CeremonyState, pick: PickPath, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.state, self._pick = state, pick
        self.label = plain(self)
        self.label.setObjectName("backupChoice")
        self.choose = QPushButton(translate("Recovery", "From a backup…"), self)
        self.choose.setObjectName("chooseBackup")
        self.choose.setToolTip(translate(
            "Recovery", "The laptop was wiped or the vault folder lost: recover the vault "
                        "held in a backup file (.rbackup) into this folder."))
        self.clear_button = QPushButton(translate("Recovery", "Use the vault folder"), self)
        self.clear_button.setObjectName("clearBackup")
        self.choose.clicked.connect(lambda _c=False: self.set_path(self._pick(self) or None))
        self.clear_button.clicked.connect(lambda _c=False: self.set_path(None, clear=True))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.choose)
        row.addWidget(self.clear_button)
        self._render()

    def path(self) -> Path | None:
        return self.state.backup

    def set_path(self, chosen: str | Path | None, *, clear: bool = False) -> None:
        if chosen is None and not clear:
            return  # the picker was cancelled
        self.state.backup = Path(chosen) if chosen else None
        self._render()
        self.changed.emit()

    def _render(self) -> None:
        backup = self.state.backup
        self.label.setText(
            translate("Recovery", "The vault: the vault folder on this computer.")
            if backup is None else
            translate("Recovery", "The vault: the backup {0}.").replace("{0}", backup.name))
        if backup is None and self.state.backup_required:
            self.label.setText(translate(
                "Recovery", "The vault: choose the backup file to recover (there is no vault "
                            "folder on this computer)."))
        self.label.setToolTip(str(backup) if backup else "")
        self.clear_button.setVisible(backup is not None and not self.state.backup_required)


# -- the request --------------------------------------------------------------------------------
class RequestDialog(QDialog):
    """A new passphrase, the request written, then its safety number to read out.

    Signals:
        written(str): the request was written to this path.
    """

    written = Signal(str)

    def __init__(self, tasks: TaskRunner, root: Path, *, pick_save: Callable[[QWidget], str],
                 state: CeremonyState | None = None, pick_backup: PickPath | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Recovery", "Recover with colleagues"))
        self.tasks, self.root, self._pick_save = tasks, root, pick_save
        self.state = state or CeremonyState()
        self._pick_backup = pick_backup or common.pick_backup
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._ask_page())
        self.result_page = QWidget(self)
        self.pages.addWidget(self.result_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.setMinimumWidth(DIALOG_WIDTH)
        fit_height(self)

    def _ask_page(self) -> QWidget:
        page = QWidget(self)
        intro = plain(page, translate(
            "Recovery", "If you set up recovery shares, the colleagues who hold them can open "
                        "this vault again together. Choose the new passphrase now: the request "
                        "you send them is sealed to a one-time key that only this passphrase "
                        "opens here. Then send the request file to your custodians."))
        rule = plain(page, passphrase.why_and_how())
        self.backup = BackupChoice(self.state, self._pick_backup, page)
        self.backup.changed.connect(self._render)
        self.passphrase = NewPassphrase(page)
        self.error = banner(page, DANGER_STYLE)
        self.buttons, self.write = _buttons(page, translate("Recovery", "Write the request…"))
        self.write.setObjectName("writeRequest")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.passphrase.changed.connect(self._render)
        self.write.setEnabled(False)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (intro, self.backup, rule, self.passphrase, self.error, self.buttons):
            layout.addWidget(widget)
        return page

    def _render(self) -> None:
        self.write.setEnabled(self.passphrase.ready() and self.state.ready())
        fit_height(self)  # the refusal's lines

    def submit(self) -> None:
        if not (self.passphrase.ready() and self.state.ready()):
            return
        chosen = self._pick_save(self)
        if not chosen:
            return
        root, out, new = self.root, Path(chosen), self.passphrase.text()
        backup = self.backup.path()
        self.write.setEnabled(False)

        def work() -> RequestMade:
            from registry.service import Registry

            return Registry.request_recovery(root, new, out, backup=backup)

        self.tasks.call(work, self._done, self._failed)

    def _done(self, made: RequestMade) -> None:
        self.passphrase.clear()
        self._show_number(made.request.safety_number, made.path)
        self.pages.setCurrentWidget(self.result_page)
        fit_height(self)
        self.written.emit(str(made.path))

    def _show_number(self, number: str, path: Path) -> None:
        page = self.result_page
        head = plain(page, translate(
            "Recovery", "The request is in {0}. Send it to each custodian by any channel.")
            .replace("{0}", str(path)))
        how = plain(page, translate(
            "Recovery", "Then call each of them, or meet them, and read out this safety number: "
                        "they type it into their app, and release their share only if it is "
                        "the number their copy of the request shows. Never send the number "
                        "the way you sent the file."))
        after = plain(page, translate(
            "Recovery", "Their responses come back as files. When you have enough of them, "
                        "choose Complete recovery… and type this same new passphrase. Making "
                        "another request makes this one useless."))
        self.number = common.number_label(page, number)
        row = QHBoxLayout()
        row.addWidget(self.number, 1)
        row.addWidget(common.qr_label(page, number), 0, Qt.AlignmentFlag.AlignTop)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, page)
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(head)
        layout.addLayout(row)
        for widget in (how, after, close):
            layout.addWidget(widget)

    def _failed(self, exc: BaseException) -> None:
        show_banner(self.error, error_message(exc))
        self._render()


# -- completing ---------------------------------------------------------------------------------
NUMBERING = re.compile(r"(?<!\S)\d+[.):]?(?!\S)")


def paper_shares(text: str) -> list[str]:
    """The paper shares typed: one per block (blocks apart by an empty line), each share's
    words on one line, the numbers written before the words left out."""
    blocks = re.split(r"\n\s*\n", text.strip())
    shares = [" ".join(NUMBERING.sub(" ", block).split()) for block in blocks]
    return [s for s in shares if s]


@dataclass
class CeremonyOutcome:
    """What recovery said, kept on the database thread for the dialog."""

    identity: Identity | None = None
    reissued: bool = False
    report: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Asked:
    """What the complete dialog asks the core to do, on the database thread."""

    root: Path
    new: str = field(repr=False)
    responses: list[Path]
    words: list[bytearray] = field(repr=False)
    backup: Path | None = None
    force: bool = False


def _recover(asked: Asked, outcome: CeremonyOutcome) -> Registry:
    """``Registry.recover`` with the typed paper words, zeroed once it has read them."""
    from registry.service import Registry

    try:
        reg, report = Registry.recover(asked.root, asked.new, asked.responses,
                                       paper_words=asked.words, backup=asked.backup,
                                       force=asked.force)
    finally:
        for share in asked.words:
            zero(share)
    outcome.report = report
    outcome.reissued = reg.recovery.current() is not None
    outcome.identity = reg.identity
    return reg


def done_text(reissued: bool, report: dict[str, Any] | None = None) -> str:
    report = report or {}
    text = translate(
        "Recovery", "The vault is open again. It has your new passphrase and a new data key: "
                    "the key file and backups made before open nothing current, and the "
                    "shares used are revoked.")
    more = translate(
        "Recovery", "New share files were made for the same colleagues: send them (Vault → "
                    "Recovery shares… → Write share files…).") if reissued else translate(
        "Recovery", "Set up recovery shares again (Vault → Recovery shares…).")
    parts = [text]
    if report.get("backup_created_at"):
        parts.append(translate("Recovery", "It holds the backup of {0}.").replace(
            "{0}", moment_text(str(report["backup_created_at"]))))
    if report.get("kept_aside"):
        parts.append(translate("Recovery", "The folder that was here was kept at {0}; once the "
                                           "recovered vault works, delete it.").replace(
            "{0}", str(report["kept_aside"])))
    return " ".join([*parts, more])


class CompleteDialog(QDialog):
    """The custodians' responses, paper shares and the new passphrase; opens the vault.

    Signals:
        recovered(object): the vault is open (the Registry's identity); Continue was chosen.
    """

    recovered = Signal(object)

    def __init__(self, tasks: TaskRunner, root: Path, *, pick_responses: PickPaths,
                 state: CeremonyState | None = None, pick_backup: PickPath | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Recovery", "Complete recovery"))
        self.tasks, self.root, self._pick = tasks, root, pick_responses
        self.state = state or CeremonyState()
        self._pick_backup = pick_backup or common.pick_backup
        self.outcome = CeremonyOutcome()
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._form())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.setMinimumWidth(DIALOG_WIDTH)
        fit_height(self)

    def _form(self) -> QWidget:
        page = QWidget(self)
        intro = plain(page, translate(
            "Recovery", "Add the response files your custodians sent, and type any paper "
                        "shares. Then type the new passphrase you chose when you made the "
                        "request (with paper shares alone, choose a new one now)."))
        self.backup = BackupChoice(self.state, self._pick_backup, page)
        self.replace = QCheckBox(translate(
            "Recovery", "Replace the vault in this folder (it is kept beside it)"), page)
        self.replace.setObjectName("replaceVault")
        self.replace.hide()
        self.backup.changed.connect(self._render)
        self.responses = QListWidget(page)
        self.responses.setObjectName("responses")
        self.responses.setMaximumHeight(90)
        add = QPushButton(translate("Recovery", "Add responses…"), page)
        remove = QPushButton(translate("Recovery", "Remove"), page)
        add.clicked.connect(lambda _c=False: self.add_responses())
        remove.clicked.connect(lambda _c=False: self._remove())
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        paper_label = plain(page, translate(
            "Recovery", "Paper shares: the words of each share, with an empty line between "
                        "shares (the numbers before the words may be left out)."))
        self.paper = QPlainTextEdit(page)
        self.paper.setObjectName("paperWords")
        self.paper.setMaximumHeight(90)
        self.paper.setTabChangesFocus(True)
        self.passphrase = NewPassphrase(page)
        self.error = banner(page, DANGER_STYLE)
        self.busy = QProgressBar(page)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.buttons, self.open_button = _buttons(page, translate("Recovery", "Open the vault"))
        self.open_button.setObjectName("openVault")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.passphrase.changed.connect(self._render)
        self.paper.textChanged.connect(self._render)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.backup)
        layout.addWidget(self.responses)
        layout.addLayout(row)
        for widget in (paper_label, self.paper, self.passphrase, self.error, self.replace,
                       self.busy, self.buttons):
            layout.addWidget(widget)
        self._render()
        return page

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        self.done_label = plain(page)
        self.done_label.setObjectName("recoveredText")
        self.continue_button = QPushButton(translate("Recovery", "Continue"), page)
        self.continue_button.setObjectName("continueButton")
        self.continue_button.clicked.connect(self._continue)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def add_responses(self, paths: list[str] | None = None) -> None:
        chosen = paths if paths is not None else self._pick(self)
        known = {str(p) for p in self.response_paths()}
        for path in chosen:
            if path not in known:
                item = QListWidgetItem(Path(path).name, self.responses)
                item.setData(PATH_ROLE, path)
                item.setToolTip(path)
        self._render()

    def _remove(self) -> None:
        for item in self.responses.selectedItems():
            self.responses.takeItem(self.responses.row(item))
        self._render()

    def response_paths(self) -> list[Path]:
        return [Path(str(self.responses.item(i).data(PATH_ROLE)))
                for i in range(self.responses.count())]

    def _render(self) -> None:
        if self.backup.path() is None:
            self.replace.setChecked(False)
            self.replace.hide()
        has_shares = self.responses.count() > 0 or bool(paper_shares(self.paper.toPlainText()))
        self.open_button.setEnabled(has_shares and self.passphrase.ready()
                                    and self.state.ready() and not self.busy.isVisible())
        fit_height(self)

    def submit(self) -> None:
        if not self.open_button.isEnabled():
            return
        outcome = self.outcome
        # Qt gives the text as a str (immutable); each share goes on as a bytearray
        words = [bytearray(share.encode("utf-8"))
                 for share in paper_shares(self.paper.toPlainText())]
        backup = self.backup.path()
        asked = Asked(self.root, self.passphrase.text(), self.response_paths(), words, backup,
                      backup is not None and self.replace.isChecked())
        self.busy.show()
        show_banner(self.error, translate("Recovery", "Checking every share…"))
        self._render()
        self.tasks.open(lambda: _recover(asked, outcome), self._done, self._failed)

    def _done(self, _registry: Registry) -> None:
        self.passphrase.clear()
        self.paper.clear()
        self.busy.hide()
        self.done_label.setText(done_text(self.outcome.reissued, self.outcome.report))
        self.pages.setCurrentIndex(1)

    def _failed(self, exc: BaseException) -> None:
        from registry.errors import VaultExists

        self.busy.hide()
        show_banner(self.error, error_message(exc))
        if isinstance(exc, VaultExists) and self.backup.path() is not None:
            self.replace.show()  # the vault found there is replaced only when ticked
        self._render()

    def _continue(self) -> None:
        self.accept()
        self.recovered.emit(self.outcome.identity)

    def reject(self) -> None:
        self.passphrase.clear()
        self.paper.clear()
        super().reject()


# -- the unlock and first-run dialogs' buttons ------------------------------------------------
@dataclass
class CeremonyState:
    """What the two dialogs share while the app runs: the backup the vault comes from, and
    whether there must be one (no vault folder here: the first-run screen)."""

    backup: Path | None = None
    backup_required: bool = False

    def ready(self) -> bool:
        return self.backup is not None or not self.backup_required


@dataclass(frozen=True)
class CeremonyPickers:
    request: Callable[[QWidget], str] = common.pick_request_to_save
    responses: PickPaths = common.pick_responses
    backup: PickPath = common.pick_backup


@dataclass(frozen=True)
class Gate:
    """The dialog the buttons go in (unlock or first run), where, and its "opened" signal."""

    dialog: QDialog
    layout: QBoxLayout
    opened: SignalInstance


def add_recovery_buttons(dialog: UnlockDialog, tasks: TaskRunner, root: Path,
                         pickers: CeremonyPickers | None = None) -> tuple[QPushButton, QPushButton]:
    """"Recover with colleagues…" and "Complete recovery…" in the unlock dialog (the
    passphrase is lost; the vault folder is here, or a backup of it)."""
    return add_recovery_row(Gate(dialog, dialog.ui.layout, dialog.unlocked), tasks, root,
                            pickers)


def add_recovery_from_backup(dialog: FirstRunDialog, tasks: TaskRunner, root: Path,
                             pickers: CeremonyPickers | None = None
                             ) -> tuple[QPushButton, QPushButton]:
    """The recovery buttons on the first-run screen's welcome page: a wiped laptop, a backup
    of the vault, colleagues who hold its recovery shares."""
    layout = dialog.ui.welcomeLayout
    label = plain(dialog, translate(
        "Recovery", "Lost the laptop or its vault, and forgot the passphrase? With a backup of "
                    "the vault and the colleagues who hold your recovery shares, recover it "
                    "here: choose the backup in the next step."))
    label.setObjectName("recoverFromBackupText")
    layout.addWidget(label)
    return add_recovery_row(Gate(dialog, layout, dialog.created), tasks, root, pickers,
                            backup_required=True)


def add_recovery_row(gate: Gate, tasks: TaskRunner, root: Path,
                     pickers: CeremonyPickers | None = None, *, backup_required: bool = False
                     ) -> tuple[QPushButton, QPushButton]:
    """The two recovery buttons in ``gate``'s layout; a recovered vault opens through
    ``gate.opened``. On the first-run screen they start from a backup file."""
    chosen, state = pickers or CeremonyPickers(), CeremonyState(backup_required=backup_required)
    ask = QPushButton(translate("Recovery", "Recover with colleagues…"), gate.dialog)
    ask.setObjectName("recoverButton")
    ask.setToolTip(translate("Recovery", "Lost the passphrase? Ask the colleagues who hold "
                                         "your recovery shares."))
    complete = QPushButton(translate("Recovery", "Complete recovery…"), gate.dialog)
    complete.setObjectName("completeRecoveryButton")
    ask.clicked.connect(lambda _c=False: open_request(gate, tasks, root, chosen, state))
    complete.clicked.connect(lambda _c=False: open_complete(gate, tasks, root, chosen, state))
    row = QHBoxLayout()
    row.addWidget(ask)
    row.addWidget(complete)
    gate.layout.addLayout(row)
    return ask, complete


def open_request(gate: Gate, tasks: TaskRunner, root: Path, pickers: CeremonyPickers,
                 state: CeremonyState) -> RequestDialog:
    request = RequestDialog(tasks, root, pick_save=pickers.request, state=state,
                            pick_backup=pickers.backup, parent=gate.dialog)
    request.finished.connect(request.deleteLater)
    request.open()
    return request


def open_complete(gate: Gate, tasks: TaskRunner, root: Path, pickers: CeremonyPickers,
                  state: CeremonyState) -> CompleteDialog:
    complete = CompleteDialog(tasks, root, pick_responses=pickers.responses, state=state,
                              pick_backup=pickers.backup, parent=gate.dialog)
    complete.recovered.connect(gate.opened.emit)
    complete.finished.connect(complete.deleteLater)
    complete.open()
    return complete
