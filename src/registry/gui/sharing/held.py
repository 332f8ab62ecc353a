"""Held changes (DESIGN §6.5.4): erasures that wait for the official, with Accept and Decline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from registry.domain.enums import Kind
from registry.gui.editors.labels import labels
from registry.gui.i18n import moment_text, number, translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import confirm, group_fingerprint, plain
from registry.sync.held import HeldChange

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def change_text(entry: HeldChange) -> str:
    if entry.change == "erase":
        return translate("Sharing", "Erase for good")
    return entry.change


def record_text(entry: HeldChange) -> str:
    """The record as the list may show it: its name, or only its kind and id if protected."""
    kind = labels().kind(Kind(entry.kind))
    if entry.label:
        return f"{entry.label} ({kind})"
    if entry.protected:
        return translate("Sharing", "Protected {0} {1}").replace("{0}", kind.lower()).replace(
            "{1}", entry.record_id[:8])
    return f"{kind} {entry.record_id[:8]}"


def official_text(name: str, fingerprint: str, revoked: bool = False) -> str:
    who = name or translate("Sharing", "unknown official")
    text = f"{who} · {group_fingerprint(fingerprint)[:19]}"
    return translate("Sharing", "{0} (revoked)").replace("{0}", text) if revoked else text


def sender_text(entry: HeldChange) -> str:
    return official_text(entry.sender_name, entry.sender, entry.sender_revoked)


def origin_text(entry: HeldChange) -> str:
    if entry.origin == entry.sender:
        return translate("Sharing", "the sender")
    if not entry.origin_name:
        return translate("Sharing", "an official you do not know") + " · " + \
            group_fingerprint(entry.origin)[:19]
    return official_text(entry.origin_name, entry.origin, entry.origin_revoked)


def ask_accept(parent: QWidget, entry: HeldChange, on_yes: Callable[[], None]) -> QMessageBox:
    return confirm(parent, translate("Sharing", "Accept an erasure"), translate(
        "Sharing", "Erase {0} for good, as {1} asks? Every value of the record is blanked "
        "here and its history removed. This cannot be undone.").replace(
        "{0}", record_text(entry)).replace("{1}", entry.sender_name or
                                            translate("Sharing", "an unknown official")),
        translate("Sharing", "Erase for good"), on_yes)


class HeldChanges(QWidget):
    """The held-changes list: who asks for what, with Accept… and Decline.

    Signals:
        refreshed(): the table shows the held changes as they are now.
        decided(object): a held change was accepted or declined (the HeldChange, decided).
        failed(str): loading or deciding failed (a message safe to show).
        dialog_opened(QWidget): the accept confirmation is on screen.
    """

    refreshed = Signal()
    decided = Signal(object)
    failed = Signal(str)
    dialog_opened = Signal(QWidget)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.entries: list[HeldChange] = []
        self.waiting = 0  # how many wait in all: the list shows the oldest (held.SHOWN)
        self.dialog: QWidget | None = None
        self.intro = plain(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("heldChangesTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.accept_button = QPushButton(self)
        self.decline_button = QPushButton(self)
        self.accept_button.setObjectName("acceptHeldButton")
        self.decline_button.setObjectName("declineHeldButton")
        self.message = plain(self)
        self.more = plain(self)  # when more wait than the list shows
        self.more.setObjectName("moreHeldLabel")
        self.more.hide()
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.decline_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.accept_button.clicked.connect(lambda _c=False: self.accept_selected())
        self.decline_button.clicked.connect(lambda _c=False: self.decline_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.intro.setText(translate(
            "Sharing", "Erasures asked for by someone other than the record's creator, by "
            "an official you do not know, or of a record you do not hold yet, wait here. "
            "Accepting erases the record here for good; declining keeps it as it is, and the "
            "erasure stays with whoever made it."))
        self.table.setHorizontalHeaderLabels([
            translate("Sharing", "Change"), translate("Sharing", "Record"),
            translate("Sharing", "Sent by"), translate("Sharing", "Asked for by"),
            translate("Sharing", "Received")])
        self.accept_button.setText(translate("Sharing", "Accept…"))
        self.decline_button.setText(translate("Sharing", "Decline"))
        if self.entries:
            self._fill(self.entries)

    def refresh(self) -> None:
        self._tasks.run(lambda reg: (reg.sharing.held_changes(), reg.sharing.held_waiting()),
                        self._loaded, self._failed)

    def _loaded(self, result: tuple[list[HeldChange], int]) -> None:
        entries, self.waiting = result
        self._fill(entries)

    def _fill(self, entries: list[HeldChange]) -> None:
        self.entries = list(entries)
        shown = len(self.entries)
        self.more.setVisible(self.waiting > shown)
        self.more.setText(translate(
            "Sharing", "{0} erasures wait; these are the {1} oldest. Decide them first, or "
            "revoke an official who asked for many (Revoke and undo what they sent since…): "
            "what they asked for is dropped.").replace("{0}", number(self.waiting))
            .replace("{1}", number(shown)) if self.waiting > shown else "")
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            cells = (change_text(e), record_text(e), sender_text(e), origin_text(e),
                     moment_text(e.received_at))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, e.id)
                if col == 2:
                    item.setToolTip(group_fingerprint(e.sender))
                if col == 3:
                    item.setToolTip(group_fingerprint(e.origin))
                self.table.setItem(row, col, item)
        self._update_buttons()
        self.refreshed.emit()

    def selected(self) -> HeldChange | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        """Accept… only for a change no revoked official asks for (the vault refuses it)."""
        entry = self.selected()
        self.accept_button.setEnabled(entry is not None and not entry.revoked)
        self.decline_button.setEnabled(entry is not None)
        self.accept_button.setToolTip(translate(
            "Sharing", "An official this erasure rests on was revoked: it can only be "
            "declined.") if entry is not None and entry.revoked else "")

    def accept_selected(self) -> QMessageBox | None:
        """Ask first: an erasure cannot be undone."""
        e = self.selected()
        if e is None:
            return None
        box = ask_accept(self, e, lambda: self._decide(e, accept=True))
        self.dialog = box
        self.dialog_opened.emit(box)
        return box

    def decline_selected(self) -> None:
        e = self.selected()
        if e is not None:
            self._decide(e, accept=False)

    def _decide(self, entry: HeldChange, *, accept: bool) -> None:
        def done(result: HeldChange) -> None:
            text = translate("Sharing", "Erased for good: {0}.") if accept else translate(
                "Sharing", "Declined: {0} stays here as it is.")
            self.message.setText(text.replace("{0}", record_text(entry)))
            self.decided.emit(result)
            self.refresh()

        if accept:
            self._tasks.run(lambda reg: reg.sharing.accept_held(entry.id), done, self._failed)
        else:
            self._tasks.run(lambda reg: reg.sharing.decline_held(entry.id), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        text = error_message(exc)
        self.message.setText(text)
        self.failed.emit(text)

    def clear(self) -> None:
        self.entries = []
        self.waiting = 0
        self.more.hide()
        self.table.setRowCount(0)
        self.message.clear()
        self._update_buttons()
