"""Setting up recovery shares: who holds one (verified colleagues, paper) and how many it
takes (k of n, 2 ≤ k ≤ n ≤ 16), checked as the official chooses; then the paper shares,
shown once as SLIP-39 words and written nowhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from registry.errors import RegistryError
from registry.gui.editors.pickers import country_name
from registry.gui.i18n import translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import (
    DANGER_STYLE,
    WARNING_STYLE,
    banner,
    fit_height,
    mono,
    plain,
    show_banner,
)

if TYPE_CHECKING:
    from registry.recovery.custody import IssuedSet
    from registry.service import Registry
    from registry.sync.trust import Official

MIN_SHARES, MAX_SHARES = 2, 16  # the core's bounds (registry.recovery.shares.check_counts)
WORDS_PER_LINE = 4
FP_ROLE = Qt.ItemDataRole.UserRole + 1
SETUP_WIDTH = 620
LIST_HEIGHT = 160


def counts_problem(colleagues: int, paper: int, threshold: int) -> str:
    """Why these numbers cannot make a set, in plain words; empty when they can."""
    total = colleagues + paper
    if total < MIN_SHARES:
        return translate("Recovery", "Choose at least two shares in all: colleagues and paper "
                                     "shares together.")
    if total > MAX_SHARES:
        return translate("Recovery", "At most 16 shares in all: choose fewer colleagues or "
                                     "paper shares.")
    if threshold > total:
        return translate("Recovery", "It cannot take more shares than there are: choose at "
                                     "most {0}.").replace("{0}", str(total))
    return ""


def counts_text(total: int, threshold: int) -> str:
    """What k of n means, in plain words."""
    return translate(
        "Recovery", "Shares in all: {0}. Any {1} of them can open the vault together, even if "
                    "you have forgotten your passphrase; fewer than {1} open nothing and learn "
                    "nothing about it. Choose a number that no one or two people can reach "
                    "alone, and that you still reach if a custodian is away or a paper is "
                    "lost.").replace("{0}", str(total)).replace("{1}", str(threshold))


def _colleague_list(parent: QWidget, colleagues: list[Official]) -> QListWidget:
    """The verified colleagues to tick, each with their organisation and country."""
    view = QListWidget(parent)
    view.setObjectName("custodians")
    view.setMaximumHeight(LIST_HEIGHT)
    for official in colleagues:
        item = QListWidgetItem(f"{official.name} ({official.org}, "
                               f"{country_name(official.country)})", view)
        item.setData(FP_ROLE, official.fingerprint)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
    return view


class SetupDialog(QDialog):
    """Choose the custodians, the paper shares and k; set up on the database thread.

    Signals:
        issued(str, object): the set was made; what to tell the official, and the dialog
            showing the paper shares (None without paper shares).
    """

    issued = Signal(str, object)

    def __init__(self, tasks: TaskRunner, colleagues: list[Official], *, replacing: bool,
                 pick_folder: Callable[[QWidget], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Recovery", "Set up recovery shares"))
        self.tasks, self.replacing, self._pick_folder = tasks, replacing, pick_folder
        intro = plain(self, translate(
            "Recovery", "Split this vault's key among people you trust. Each colleague you "
                        "tick gets a share file that only they can open; each paper share is "
                        "shown to you once, as words to write down and keep in a safe."))
        self.colleagues = _colleague_list(self, colleagues)
        none = plain(self, translate(
            "Recovery", "You have verified no colleague yet: choose paper shares, or verify a "
                        "colleague's card first (Sharing → Trusted officials)."))
        self.colleagues.setVisible(bool(colleagues))
        none.setVisible(not colleagues)
        self.paper = QSpinBox(self)
        self.paper.setObjectName("paperShares")
        self.paper.setRange(0, MAX_SHARES)
        self.threshold = QSpinBox(self)
        self.threshold.setObjectName("threshold")
        self.threshold.setRange(MIN_SHARES, MAX_SHARES)
        form = QFormLayout()
        form.addRow(translate("Recovery", "Paper shares"), self.paper)
        form.addRow(translate("Recovery", "Shares needed to open the vault"), self.threshold)
        self.explanation = plain(self)
        self.explanation.setObjectName("countsExplained")
        self.problem = banner(self, DANGER_STYLE)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        rotation = banner(self, WARNING_STYLE)
        show_banner(rotation, translate(
            "Recovery", "Setting up again first replaces the vault's data key, so the shares "
                        "you gave before open nothing. Type your passphrase to do so.")
            if replacing else "")
        self.passphrase.setObjectName("passphrase")
        again = QFormLayout()
        if replacing:
            again.addRow(translate("Recovery", "Your passphrase"), self.passphrase)
        self.passphrase.setVisible(replacing)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(translate("Recovery", "Set up"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._lay_out([intro, self.colleagues, none], form, [rotation], again)
        self.setMinimumWidth(SETUP_WIDTH)
        self._render()
        fit_height(self)

    def _lay_out(self, top: list[QWidget], form: QFormLayout, banners: list[QWidget],
                 again: QFormLayout) -> None:
        layout = QVBoxLayout(self)
        for widget in top:
            layout.addWidget(widget)
        layout.addLayout(form)
        for after in (self.explanation, self.problem, *banners):
            layout.addWidget(after)
        layout.addLayout(again)
        layout.addWidget(self.buttons)
        self.colleagues.itemChanged.connect(lambda _i: self._render())
        self.paper.valueChanged.connect(lambda _v: self._render())
        self.threshold.valueChanged.connect(lambda _v: self._render())
        self.passphrase.textChanged.connect(lambda _t: self._render())

    def chosen(self) -> list[str]:
        """The fingerprints of the colleagues ticked."""
        items = (self.colleagues.item(i) for i in range(self.colleagues.count()))
        return [str(i.data(FP_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def set_chosen(self, fingerprints: list[str]) -> None:
        for i in range(self.colleagues.count()):
            item = self.colleagues.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(FP_ROLE) in fingerprints
                               else Qt.CheckState.Unchecked)

    def problem_text(self) -> str:
        return counts_problem(len(self.chosen()), self.paper.value(), self.threshold.value())

    def ready(self) -> bool:
        return not self.problem_text() and (not self.replacing or bool(self.passphrase.text()))

    def _render(self) -> None:
        problem = self.problem_text()
        total = len(self.chosen()) + self.paper.value()
        self.explanation.setText("" if problem else counts_text(total, self.threshold.value()))
        self.explanation.setVisible(not problem)
        show_banner(self.problem, problem)
        self.ok.setEnabled(self.ready())
        fit_height(self)

    def submit(self) -> None:
        if not self.ready():
            return
        custodians, paper, threshold = self.chosen(), self.paper.value(), self.threshold.value()
        folder: Path | None = None
        if custodians:
            picked = self._pick_folder(self)
            if not picked:
                return
            folder = Path(picked)
        passphrase = self.passphrase.text() if self.replacing else None
        self.ok.setEnabled(False)

        def work(reg: Registry) -> tuple[IssuedSet, RegistryError | None]:
            issued = reg.recovery.setup(custodians, paper, threshold, passphrase)
            try:
                if folder is not None:
                    reg.recovery.export(folder)
            except RegistryError as exc:  # the set stands: its paper shares must be shown
                return issued, exc
            return issued, None

        self.tasks.run(work, lambda r: self._done(r[0], folder, r[1]), self._failed)

    def _done(self, issued: IssuedSet, folder: Path | None,
              unwritten: RegistryError | None) -> None:
        self.passphrase.clear()
        parts = [translate("Recovery", "Recovery set made: any {0} of its {1} shares open the "
                                       "vault.").replace("{0}", str(issued.threshold))
                 .replace("{1}", str(issued.shares))]
        if issued.rotated:
            parts.append(translate("Recovery", "The data key was replaced first: the shares "
                                               "given before open nothing."))
        if unwritten is not None:
            parts.append(translate("Recovery", "The share files were not written: {0} Write "
                                               "them with Write share files….").replace(
                "{0}", error_message(unwritten)))
        elif folder is not None:
            parts.append(translate("Recovery", "Share files written to {0}. Send each to the "
                                               "colleague it is named for: only they can open "
                                               "it.").replace("{0}", str(folder)))
        if issued.custodians:
            parts.append(translate("Recovery", "Your next bundle to each of these colleagues "
                                               "carries their share as well, sealed so that "
                                               "only they can open it."))
        paper = PaperSharesDialog(issued.paper, issued.threshold, self.parentWidget()) \
            if issued.paper else None
        self.accept()
        self.issued.emit(" ".join(parts), paper)

    def _failed(self, exc: BaseException) -> None:
        self.passphrase.clear()
        self._render()
        show_banner(self.problem, error_message(exc))


class _NoCopy(QObject):
    """Keeps the words on screen: no copy shortcut, no context menu (with Copy) on them."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.Copy):
            return True
        return event.type() == QEvent.Type.ContextMenu


def words_text(words: str) -> str:
    """A share's words numbered, four to a line (to write down and check one by one)."""
    cells = [f"{n:>2} {w:<9}" for n, w in enumerate(words.split(), 1)]
    return "\n".join("  ".join(cells[i:i + WORDS_PER_LINE]).rstrip()
                     for i in range(0, len(cells), WORDS_PER_LINE))


class PaperSharesDialog(QDialog):
    """The paper shares, one at a time, shown this once; never saved, never copied.

    Signals:
        shown_all(): the last share was confirmed as written down.
    """

    shown_all = Signal()

    def __init__(self, shares: list[str], threshold: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Recovery", "Paper shares — write them down now"))
        self._shares, self._threshold, self.index = list(shares), threshold, 0
        self.warning = banner(self, DANGER_STYLE)
        self.title = plain(self)
        self.title.setObjectName("paperShareTitle")
        self.words = mono(self, 3)
        self.words.setObjectName("paperWords")
        self.words.setWordWrap(False)
        self.words.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._no_copy = _NoCopy(self)
        self.words.installEventFilter(self._no_copy)
        self.written = QCheckBox(self)
        self.written.setObjectName("writtenDown")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("nextShare")
        self.written.toggled.connect(self.next_button.setEnabled)
        self.next_button.clicked.connect(self.advance)
        layout = QVBoxLayout(self)
        for widget in (self.warning, self.title, self.words, self.written):
            layout.addWidget(widget)
        layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        self._show_share()
        fit_height(self)

    def _show_share(self) -> None:
        total = len(self._shares)
        show_banner(self.warning, translate(
            "Recovery", "Write this share down by hand now, word by word, and keep the paper in "
                        "a safe. It is shown only this once and saved nowhere: not in the vault, "
                        "not in a file. Whoever holds {0} shares can open the vault.").replace(
            "{0}", str(self._threshold)))
        self.title.setText(translate("Recovery", "Paper share {0} of {1}").replace(
            "{0}", str(self.index + 1)).replace("{1}", str(total)))
        self.words.setText(words_text(self._shares[self.index]))
        self.written.setChecked(False)
        self.written.setText(translate("Recovery", "I have written down this share and "
                                                   "checked every word"))
        last = self.index == total - 1
        self.next_button.setText(translate("Recovery", "Done") if last
                                 else translate("Recovery", "Next share"))
        self.next_button.setEnabled(False)

    def advance(self) -> None:
        if not self.written.isChecked():
            return
        if self.index < len(self._shares) - 1:
            self.index += 1
            self._show_share()
            return
        self.shown_all.emit()
        self.accept()

    def done(self, result: int) -> None:
        """Closing forgets the words (they are not shown again)."""
        self.words.clear()
        self._shares = []
        super().done(result)
