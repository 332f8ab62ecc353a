"""``Vault → Recovery shares…``: this vault's recovery set and the shares it holds for
colleagues, with the actions on both (set up, write share files, keep a share file, answer
a request). Everything is read and done on the database thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from registry.gui.i18n import date_text, translate
from registry.gui.recovery import common
from registry.gui.recovery.respond import RespondDialog, candidates
from registry.gui.recovery.setup import SetupDialog
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import fit_to_screen, plain, with_tooltip

if TYPE_CHECKING:
    from registry.gui.mainwindow import MainWindow
    from registry.service import Registry
    from registry.sync.trust import Official

PAPER = "paper"  # the core's custodian for a paper share (registry.recovery.formats.PAPER)
SIZE = (720, 560)


@dataclass(frozen=True)
class SharePickers:
    """Where files come from and go (the file dialogs; tests give their own)."""

    folder: common.PickPath = common.pick_folder
    share_file: common.PickPath = common.pick_share_file
    request: common.PickPath = common.pick_request
    response: common.PickPath = common.pick_response_to_save


@dataclass(frozen=True)
class Snapshot:
    """What the dialog shows: ``reg.recovery.status()`` and the colleagues who may hold."""

    status: dict[str, Any]
    colleagues: list[Official]


def _snapshot(reg: Registry) -> Snapshot:
    verified = [o for o in reg.sharing.officials() if o.verified]
    return Snapshot(reg.recovery.status(), sorted(verified, key=lambda o: o.name.lower()))


def set_text(issued: dict[str, Any] | None) -> str:
    """This vault's set in words (or that there is none, and what that means)."""
    if issued is None:
        return translate(
            "Recovery", "No recovery set. If you forget your passphrase, this vault is lost "
            "for good. Set one up: split the vault's key among colleagues you verified, or "
            "paper shares for a safe, so that a few of them together can open it again.")
    head = translate("Recovery", "Since {0}: any {1} of these {2} shares open the vault "
                     "together; fewer open nothing.").replace(
        "{0}", date_text(str(issued["created_at"])[:10])).replace(
        "{1}", str(issued["threshold"])).replace("{2}", str(issued["shares"]))
    return "\n".join([head, *(custodian_text(c) for c in issued["custodians"])])


def custodian_text(custodian: dict[str, Any]) -> str:
    if custodian["custodian"] == PAPER:
        return translate("Recovery", "Share {0}: on paper").replace(
            "{0}", str(custodian["member"] + 1))
    text = translate("Recovery", "Share {0}: {1}").replace(
        "{0}", str(custodian["member"] + 1)).replace("{1}", custodian["name"])
    if not custodian["sent"]:
        text += " " + translate("Recovery", "(share file not written yet)")
    attention = custodian.get("attention")
    if attention == "retired":
        text += " — " + translate(
            "Recovery", "handed their post over: their share still counts. Set up again and "
            "choose their successor instead.")
    elif attention is not None:
        text += " — " + translate(
            "Recovery", "no longer trusted here, yet their share still counts. Set up again "
            "without them.")
    return text


def held_status_text(status: str) -> str:
    return {"held": translate("Recovery", "held"),
            "superseded": translate("Recovery", "replaced by a newer share")}.get(status, status)


class RecoveryDialog(QDialog):
    """The recovery set and the shares held, with their actions.

    Signals:
        loaded(): the set and the held shares are on screen.
        dialog_opened(object): a dialog of its own was opened (setup, paper shares, respond).
        failed(str): something was refused (a message safe to show, also on screen).
    """

    loaded = Signal()
    dialog_opened = Signal(object)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None,
                 pickers: SharePickers | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Recovery", "Recovery shares"))
        self.tasks, self.pickers = tasks, pickers or SharePickers()
        self.snapshot: Snapshot | None = None
        self.child: QDialog | None = None
        self._build()
        fit_to_screen(self, *SIZE)
        self.refresh()

    def _build(self) -> None:
        own = QGroupBox(translate("Recovery", "Your recovery set"), self)
        self.set_label = plain(own)
        self.setup_button = QPushButton(translate("Recovery", "Set up…"), own)
        self.export_button = QPushButton(translate("Recovery", "Write share files…"), own)
        self.export_button.setToolTip(translate(
            "Recovery", "Write the share files not written yet (after the data key was "
                        "rotated, the same colleagues get new ones)"))
        box = QVBoxLayout(own)
        box.addWidget(self.set_label)
        box.addLayout(_row(self.setup_button, self.export_button))
        held = QGroupBox(translate("Recovery", "Shares I hold for colleagues"), self)
        self.held_label = plain(held)
        self.held_table = QTableWidget(0, 4, held)
        self.held_table.setObjectName("heldShares")
        self.held_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.held_table.verticalHeader().hide()
        self.held_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.held_table.horizontalHeader().setStretchLastSection(True)
        self.receive_button = QPushButton(translate("Recovery", "Keep a share file…"), held)
        self.respond_button = QPushButton(translate("Recovery", "Answer a recovery request…"),
                                          held)
        box = QVBoxLayout(held)
        box.addWidget(self.held_label)
        box.addWidget(self.held_table, 1)
        box.addStretch(0)  # keeps the text at the top while no share is held
        box.addLayout(_row(self.receive_button, self.respond_button))
        self.message = plain(self)
        self.message.setObjectName("recoveryMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(own)
        layout.addWidget(held, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setup_button.clicked.connect(lambda _c=False: self.open_setup())
        self.export_button.clicked.connect(lambda _c=False: self.export_files())
        self.receive_button.clicked.connect(lambda _c=False: self.receive())
        self.respond_button.clicked.connect(lambda _c=False: self.answer_request())

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.tasks.run(_snapshot, self._show, self.show_failure)

    def _show(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        issued = snapshot.status["issued"]
        self.set_label.setText(set_text(issued))
        self.setup_button.setText(translate("Recovery", "Set up…") if issued is None
                                  else translate("Recovery", "Set up again…"))
        self.export_button.setEnabled(issued is not None and any(
            not c["sent"] and c["custodian"] != PAPER for c in issued["custodians"]))
        self._show_held(snapshot.status["held"])
        self.loaded.emit()

    def _show_held(self, held: list[dict[str, Any]]) -> None:
        table = self.held_table
        table.setHorizontalHeaderLabels([
            translate("Recovery", "Whose vault"), translate("Recovery", "Since"),
            translate("Recovery", "Shares needed"), translate("Recovery", "Status")])
        table.setRowCount(len(held))
        for row, h in enumerate(held):
            needed = translate("Recovery", "{0} of {1}").replace(
                "{0}", str(h["threshold"])).replace("{1}", str(h["shares"]))
            for column, text in enumerate((h["owner_name"], date_text(h["since"][:10]), needed,
                                           held_status_text(h["status"]))):
                table.setItem(row, column, with_tooltip(QTableWidgetItem(text)))
        table.setVisible(bool(held))
        self.held_label.setText(translate(
            "Recovery", "A colleague's share stays sealed to your key. You release it only to "
                        "a recovery request whose safety number you compared with them.")
            if held else translate("Recovery", "You hold no recovery share of a colleague."))

    # -- acting --------------------------------------------------------------------------------
    def open_setup(self) -> SetupDialog | None:
        if self.snapshot is None:
            return None
        dialog = SetupDialog(self.tasks, self.snapshot.colleagues,
                             replacing=self.snapshot.status["issued"] is not None,
                             pick_folder=self.pickers.folder, parent=self)
        dialog.issued.connect(self._issued)
        self._open(dialog)
        return dialog

    def _issued(self, message: str, paper_dialog: object) -> None:
        self.message.setText(message)
        self.refresh()
        if isinstance(paper_dialog, QDialog):
            self._open(paper_dialog)

    def export_files(self) -> None:
        folder = self.pickers.folder(self)
        if not folder:
            return
        target = Path(folder)

        def done(files: list[Path]) -> None:
            self.message.setText(translate(
                "Recovery", "Share files written to {0}. Send each to the colleague it is "
                            "named for: only they can open it.").replace("{0}", str(target))
                if files else translate("Recovery", "No share file was waiting."))
            self.refresh()

        self.tasks.run(lambda reg: reg.recovery.export(target), done, self.show_failure)

    def receive(self, path: str | None = None) -> None:
        chosen = path or self.pickers.share_file(self)
        if not chosen:
            return
        target = Path(chosen)

        def done(result: tuple[Any, bool]) -> None:
            held, new = result
            text = translate(
                "Recovery", "You now hold a recovery share of {0}'s vault. It stays sealed to "
                            "your key; you release it only to a request you confirm with them."
            ) if new else translate("Recovery", "You already held this share of {0}'s vault.")
            self.message.setText(text.replace("{0}", held.owner_name))
            self.refresh()

        self.tasks.run(lambda reg: reg.recovery.receive(target), done, self.show_failure)

    def answer_request(self, path: str | None = None) -> None:
        chosen = path or self.pickers.request(self)
        if not chosen or self.snapshot is None:
            return
        target = Path(chosen)
        held = self.snapshot.status["held"]

        def inspected(view: Any) -> None:
            dialog = RespondDialog(self.tasks, target, view, candidates(view, held),
                                   pick_save=self.pickers.response, parent=self)
            dialog.released.connect(self._released)
            self._open(dialog)

        self.tasks.run(lambda reg: reg.recovery.inspect_request(target), inspected,
                       self.show_failure)

    def _released(self, message: str) -> None:
        self.message.setText(message)
        self.refresh()

    def _open(self, dialog: QDialog) -> None:
        self.child = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def show_failure(self, exc: BaseException) -> None:
        text = error_message(exc)
        self.message.setText(text)
        self.failed.emit(text)


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def install_recovery_action(window: MainWindow, tasks: TaskRunner) -> QAction:
    """Add "Recovery shares…" to the main window's Vault menu, above Lock."""
    action = QAction(window)
    action.setObjectName("actionRecoveryShares")
    window.translate_action(action, lambda: translate("Recovery", "&Recovery shares…"))
    action.triggered.connect(lambda _c=False: open_dialog(window, tasks))
    window.ui.menuVault.insertAction(window.ui.actionLock, action)
    return action


def open_dialog(window: QWidget, tasks: TaskRunner) -> RecoveryDialog:
    """Open the dialog over ``window`` (it goes with the window on lock)."""
    dialog = RecoveryDialog(tasks, window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
