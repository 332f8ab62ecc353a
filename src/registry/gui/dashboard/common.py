"""Small helpers the dashboard's tabs share: number formats and read-only tables."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from registry.gui.i18n import number, percent

HIGHLIGHT = QColor(255, 196, 120, 120)


def pct(value: float | None) -> str:
    return "—" if value is None else percent(value)


def num(value: int | float | None) -> str:
    return "—" if value is None else number(value)


def make_table(parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fill_table(
    table: QTableWidget,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    highlight: Sequence[bool] | None = None,
    keys: Sequence[str] | None = None,
    sortable: bool = True,
) -> None:
    """Replace the table's contents; ``keys`` are stored on the first cell (UserRole)."""
    table.setSortingEnabled(False)
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem()
            if isinstance(value, int | float) and not isinstance(value, bool):
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item.setText(str(value))
            if highlight is not None and highlight[r]:
                item.setBackground(HIGHLIGHT)
            if c == 0 and keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.setSortingEnabled(sortable)


def clear_table(table: QTableWidget) -> None:
    table.setSortingEnabled(False)
    table.clearContents()
    table.setRowCount(0)
