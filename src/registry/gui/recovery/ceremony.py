"""The recovery ceremony at unlock, where no passphrase opens the vault.

"Recover with colleagues…" sets the new passphrase (the first run's strength rule and
meter) and writes the one-time request, then shows its safety number to read out to each
custodian. "Complete recovery…" takes their response files and any paper shares, opens the
vault (``Registry.recover``: every share checked before anything is written) and says that
the data key was replaced."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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
from registry.gui.i18n import translate
from registry.gui.recovery import common
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import DANGER_STYLE, banner, fit_height, plain, show_banner
from registry.vault.strength import Strength, estimate

if TYPE_CHECKING:
    from registry.gui.unlock import UnlockDialog
    from registry.recovery.ceremony import RequestMade
    from registry.service import Identity, Registry

DIALOG_WIDTH = 640
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


# -- the request --------------------------------------------------------------------------------
class RequestDialog(QDialog):
    """A new passphrase, the request written, then its safety number to read out.

    Signals:
        written(str): the request was written to this path.
    """

    written = Signal(str)

    def __init__(self, tasks: TaskRunner, root: Path, *, pick_save: Callable[[QWidget], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Recovery", "Recover with colleagues"))
        self.tasks, self.root, self._pick_save = tasks, root, pick_save
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
        for widget in (intro, rule, self.passphrase, self.error, self.buttons):
            layout.addWidget(widget)
        return page

    def _render(self) -> None:
        self.write.setEnabled(self.passphrase.ready())
        fit_height(self)  # the refusal's lines

    def submit(self) -> None:
        if not self.passphrase.ready():
            return
        chosen = self._pick_save(self)
        if not chosen:
            return
        root, out, new = self.root, Path(chosen), self.passphrase.text()
        self.write.setEnabled(False)

        def work() -> RequestMade:
            from registry.service import Registry

            return Registry.request_recovery(root, new, out)

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
        self.write.setEnabled(self.passphrase.ready())


# -- completing ---------------------------------------------------------------------------------
NUMBERING = re.compile(r"(?<!\S)\d+[.):]?(?!\S)")


def paper_shares(text: str) -> list[str]:
    """The paper shares typed: one per block (blocks apart by an empty line), each share's
    words on one line, the numbers written before the words left out."""
    blocks = re.split(r"\n\s*\n", text.strip())
    shares = [" ".join(NUMBERING.sub(" ", block).split()) for block in blocks]
    return [s for s in shares if s]


PROC_FD = Path("/proc/self/fd")


@contextlib.contextmanager
def paper_file(shares: list[str]) -> Iterator[list[Path]]:
    """The typed shares as the files ``Registry.recover`` reads, one share each (so that a
    wrong word is named as in "paper share 2"): in memory where the system allows it
    (Linux: a memfd, read through /proc), else a 0600 file in a private temporary folder,
    overwritten and removed right after it was read."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(_one_share((share + "\n").encode("utf-8")))
               for share in shares]


@contextlib.contextmanager
def _one_share(data: bytes) -> Iterator[Path]:
    if not (hasattr(os, "memfd_create") and PROC_FD.is_dir()):
        with _private_file(data) as path:
            yield path
        return
    handle = os.memfd_create("registry-paper", os.MFD_CLOEXEC)
    try:
        os.write(handle, data)
        yield PROC_FD / str(handle)
    finally:
        os.ftruncate(handle, 0)
        os.close(handle)


@contextlib.contextmanager
def _private_file(data: bytes) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="registry-paper-"))
    path = folder / "paper.txt"
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(handle, data)
        finally:
            os.close(handle)
        yield path
    finally:
        if path.exists():
            path.write_bytes(b"\0" * len(data))
            path.unlink()
        folder.rmdir()


@dataclass
class CeremonyOutcome:
    """What recovery said, kept on the database thread for the dialog."""

    identity: Identity | None = None
    reissued: bool = False
    report: dict[str, Any] = field(default_factory=dict)


def _recover(root: Path, new: str, responses: list[Path], paper: list[str],
             outcome: CeremonyOutcome) -> Registry:
    from registry.service import Registry

    with paper_file(paper) as files:
        reg, report = Registry.recover(root, new, responses, files)
    outcome.report = report
    outcome.reissued = reg.recovery.current() is not None
    outcome.identity = reg.identity
    return reg


def done_text(reissued: bool) -> str:
    text = translate(
        "Recovery", "The vault is open again. It has your new passphrase and a new data key: "
                    "the key file and backups made before open nothing current, and the "
                    "shares used are revoked.")
    more = translate(
        "Recovery", "New share files were made for the same colleagues: send them (Vault → "
                    "Recovery shares… → Write share files…).") if reissued else translate(
        "Recovery", "Set up recovery shares again (Vault → Recovery shares…).")
    return f"{text} {more}"


class CompleteDialog(QDialog):
    """The custodians' responses, paper shares and the new passphrase; opens the vault.

    Signals:
        recovered(object): the vault is open (the Registry's identity); Continue was chosen.
    """

    recovered = Signal(object)

    def __init__(self, tasks: TaskRunner, root: Path, *, pick_responses: PickPaths,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Recovery", "Complete recovery"))
        self.tasks, self.root, self._pick = tasks, root, pick_responses
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
        layout.addWidget(self.responses)
        layout.addLayout(row)
        for widget in (paper_label, self.paper, self.passphrase, self.error, self.busy,
                       self.buttons):
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
        has_shares = self.responses.count() > 0 or bool(paper_shares(self.paper.toPlainText()))
        self.open_button.setEnabled(has_shares and self.passphrase.ready()
                                    and not self.busy.isVisible())
        fit_height(self)

    def submit(self) -> None:
        if not self.open_button.isEnabled():
            return
        root, new, outcome = self.root, self.passphrase.text(), self.outcome
        responses, paper = self.response_paths(), paper_shares(self.paper.toPlainText())
        self.busy.show()
        show_banner(self.error, translate("Recovery", "Checking every share…"))
        self._render()
        self.tasks.open(lambda: _recover(root, new, responses, paper, outcome), self._done,
                        self._failed)

    def _done(self, _registry: Registry) -> None:
        self.passphrase.clear()
        self.paper.clear()
        self.busy.hide()
        self.done_label.setText(done_text(self.outcome.reissued))
        self.pages.setCurrentIndex(1)

    def _failed(self, exc: BaseException) -> None:
        self.busy.hide()
        show_banner(self.error, error_message(exc))
        self._render()

    def _continue(self) -> None:
        self.accept()
        self.recovered.emit(self.outcome.identity)

    def reject(self) -> None:
        self.passphrase.clear()
        self.paper.clear()
        super().reject()


# -- the unlock dialog's buttons ----------------------------------------------------------------
@dataclass(frozen=True)
class CeremonyPickers:
    request: Callable[[QWidget], str] = common.pick_request_to_save
    responses: PickPaths = common.pick_responses


def add_recovery_buttons(dialog: UnlockDialog, tasks: TaskRunner, root: Path,
                         pickers: CeremonyPickers | None = None) -> tuple[QPushButton, QPushButton]:
    """"Recover with colleagues…" and "Complete recovery…" in the unlock dialog (the
    passphrase is lost; the vault folder is here)."""
    chosen = pickers or CeremonyPickers()
    ask = QPushButton(translate("Recovery", "Recover with colleagues…"), dialog)
    ask.setObjectName("recoverButton")
    ask.setToolTip(translate("Recovery", "Lost the passphrase? Ask the colleagues who hold "
                                         "your recovery shares."))
    complete = QPushButton(translate("Recovery", "Complete recovery…"), dialog)
    complete.setObjectName("completeRecoveryButton")
    ask.clicked.connect(lambda _c=False: open_request(dialog, tasks, root, chosen))
    complete.clicked.connect(lambda _c=False: open_complete(dialog, tasks, root, chosen))
    row = QHBoxLayout()
    row.addWidget(ask)
    row.addWidget(complete)
    dialog.ui.layout.addLayout(row)
    return ask, complete


def open_request(dialog: UnlockDialog, tasks: TaskRunner, root: Path,
                 pickers: CeremonyPickers) -> RequestDialog:
    request = RequestDialog(tasks, root, pick_save=pickers.request, parent=dialog)
    request.finished.connect(request.deleteLater)
    request.open()
    return request


def open_complete(dialog: UnlockDialog, tasks: TaskRunner, root: Path,
                  pickers: CeremonyPickers) -> CompleteDialog:
    complete = CompleteDialog(tasks, root, pick_responses=pickers.responses, parent=dialog)
    complete.recovered.connect(dialog.unlocked.emit)
    complete.finished.connect(complete.deleteLater)
    complete.open()
    return complete
