"""The import history: every bundle imported, with its counts, and Revert…."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
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

from registry.gui.i18n import moment_text, translate
from registry.gui.sharing.counts import sharing_counts
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import confirm, group_fingerprint, plain
from registry.sync.importer import ImportEntry, RevertResult

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def counts_text(counts: dict[str, int]) -> str:
    """What an import did to records, each count in its plural form ("1 new, 2 changed, …")."""
    c = sharing_counts()
    return ", ".join((c.new(counts.get("new", 0)), c.changed(counts.get("changed", 0)),
                      c.deleted(counts.get("deleted", 0)), c.erased(counts.get("erased", 0))))


def revert_text(result: RevertResult) -> str:
    counts = sharing_counts()
    return translate("Sharing", "Import reverted: {0}, {1}, {2}.") \
        .replace("{0}", counts.fields_restored(result.restored_fields)) \
        .replace("{1}", counts.records_deleted(result.deleted_records)) \
        .replace("{2}", counts.fields_left(result.skipped_fields))


def ask_revert(parent: QWidget, on_yes: Callable[[], None]) -> QMessageBox:
    return confirm(parent, translate("Sharing", "Revert an import"), translate(
        "Sharing", "Revert this import? The values it overwrote come back and the records it "
        "created are deleted, as new edits of yours that travel in your next bundles. Fields "
        "changed since the import stay as they are; erasures cannot be undone."),
        translate("Sharing", "Revert"), on_yes)


class ImportHistory(QWidget):
    """Past imports, newest last, with Revert….

    Signals:
        refreshed(): the table shows the history as it is now.
        reverted(str): the import with this id was reverted.
        failed(str): loading or reverting failed (a message safe to show).
        dialog_opened(QWidget): the revert confirmation is on screen.
    """

    refreshed = Signal()
    reverted = Signal(str)
    failed = Signal(str)
    dialog_opened = Signal(QWidget)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.entries: list[ImportEntry] = []
        self.dialog: QWidget | None = None
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(self._headers())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.revert_button = QPushButton(translate("Sharing", "Revert…"), self)
        self.message = plain(self)
        row = QHBoxLayout()
        row.addWidget(self.revert_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.revert_button.clicked.connect(lambda _c=False: self.revert_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    @staticmethod
    def _headers() -> list[str]:
        return [translate("Sharing", "Imported"), translate("Sharing", "Sender"),
                translate("Sharing", "Bundle created"), translate("Sharing", "Records"),
                translate("Sharing", "Reverted")]

    def refresh(self) -> None:
        self._tasks.run(lambda reg: reg.sharing.history(), self._fill, self._failed)

    def _fill(self, entries: list[ImportEntry]) -> None:
        self.entries = list(reversed(entries))  # newest first
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            sender = e.sender_name or group_fingerprint(e.sender)
            cells = (moment_text(e.imported_at), sender,
                     moment_text(e.created_at), counts_text(e.counts),
                     e.reverted_at.replace("T", " ")[:16] if e.reverted_at
                     else translate("Sharing", "no"))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, e.import_id)
                if col == 1:
                    item.setToolTip(group_fingerprint(e.sender))
                if e.reverted_at:
                    item.setForeground(QBrush(QColor("#6c757d")))
                self.table.setItem(row, col, item)
        self._update_buttons()
        self.refreshed.emit()

    def selected(self) -> ImportEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        e = self.selected()
        self.revert_button.setEnabled(e is not None and e.reverted_at is None)

    def revert_selected(self) -> QMessageBox | None:
        e = self.selected()
        if e is None or e.reverted_at is not None:
            return None
        box = ask_revert(self, lambda: self._revert(e.import_id))
        self.dialog = box
        self.dialog_opened.emit(box)
        return box

    def _revert(self, import_id: str) -> None:
        def done(result: RevertResult) -> None:
            self.message.setText(revert_text(result))
            self.reverted.emit(import_id)
            self.refresh()

        self._tasks.run(lambda reg: reg.sharing.revert(import_id), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        text = error_message(exc)
        self.message.setText(text)
        self.failed.emit(text)

    def clear(self) -> None:
        self.entries = []
        self.table.setRowCount(0)
        self.message.clear()
        self._update_buttons()

    def retranslate(self) -> None:
        self.revert_button.setText(translate("Sharing", "Revert…"))
        self.table.setHorizontalHeaderLabels(self._headers())
