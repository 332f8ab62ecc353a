"""The screen checks find what they look for (so a passing screenshot run means something):
elided items of lists, trees and tables, ISO dates and country codes where a person reads."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tests.gui import screen_checks as checks

LONG = "Контакт внутри России, с которым связь поддерживается через посредников"


def _screen(qtbot: Any, *widgets: QWidget) -> QWidget:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    for w in widgets:
        w.setParent(root)
        layout.addWidget(w)
    root.resize(400, 600)
    root.show()
    QApplication.processEvents()
    return root


def test_an_elided_tree_item_is_found_and_a_tooltip_does_not_excuse_it(qtbot: Any) -> None:
    tree = QTreeWidget()
    tree.setObjectName("ties")
    tree.setColumnCount(2)
    parent = QTreeWidgetItem(tree, ["Ties", "x"])
    child = QTreeWidgetItem(parent, [LONG, "y"])
    child.setToolTip(0, LONG)  # ElideRight: not a view that elides on purpose
    tree.expandAll()
    tree.setColumnWidth(0, 120)
    root = _screen(qtbot, tree)
    found = checks.layout_problems(root)
    assert any("'ties'" in p and LONG[:20] in p and "not elide on purpose" in p for p in found)


def test_a_table_that_elides_on_purpose_needs_the_tooltip(qtbot: Any) -> None:
    table = QTableWidget(2, 1)
    table.setObjectName("names")
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.setItem(0, 0, QTableWidgetItem(LONG))
    with_tip = QTableWidgetItem(LONG + " ")
    with_tip.setToolTip(LONG + " ")
    table.setItem(1, 0, with_tip)
    table.setColumnWidth(0, 100)
    root = _screen(qtbot, table)
    found = [p for p in checks.layout_problems(root) if "'names'" in p]
    assert len(found) == 1 and "needs" in found[0]


def test_a_wrapped_cell_that_fits_its_height_passes(qtbot: Any) -> None:
    table = QTableWidget(1, 1)
    table.setObjectName("wrapped")
    table.setWordWrap(True)
    table.setItem(0, 0, QTableWidgetItem(LONG))
    table.setColumnWidth(0, 150)
    table.resizeRowsToContents()
    root = _screen(qtbot, table)
    assert not [p for p in checks.layout_problems(root) if "'wrapped'" in p]
    table.setRowHeight(0, 20)  # one line: the rest is cut
    assert [p for p in checks.layout_problems(root) if "'wrapped'" in p]


def test_a_list_narrower_than_its_items_is_found(qtbot: Any) -> None:
    spots = QListWidget()
    spots.setObjectName("blindSpots")
    spots.addItems(["Ханты-Мансийский автономный округ — Югра", "Тыва"])
    spots.setFixedWidth(120)
    root = _screen(qtbot, spots)
    found = checks.layout_problems(root)
    assert any("'blindSpots'" in p and "Ханты" in p for p in found)
    assert not any("'Тыва'" in p for p in found)


def test_iso_dates_and_country_codes_are_found(qtbot: Any) -> None:
    date = QLabel("Создано 2026-12-03T10:05:00Z")
    file = QLabel("/home/official/registry-2026-12-03.rbackup")
    country = QLabel("DE, LV")
    named = QLabel("Германия")
    root = _screen(qtbot, date, file, country, named)
    dates = checks.iso_date_problems(root)
    assert len(dates) == 1 and "2026-12-03T10:05" in dates[0]
    codes = checks.code_problems(root)
    assert any("country code 'DE, LV'" in p for p in codes)
    assert not any("Германия" in p for p in codes)


def test_a_short_text_is_never_elided_even_on_purpose(qtbot: Any) -> None:
    table = QTableWidget(1, 2)
    table.setObjectName("queue")
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    for column, text in enumerate(("Человек", LONG)):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        table.setItem(0, column, item)
    table.setColumnWidth(0, 40)  # "Ч…к"
    table.setColumnWidth(1, 200)  # "Контакт вн…редников": elided on purpose, enough shown
    root = _screen(qtbot, table)
    found = [p for p in checks.layout_problems(root) if "'queue'" in p]
    assert len(found) == 1 and "'Человек'" in found[0]


def test_a_fitted_view_narrower_than_its_headers_is_found(qtbot: Any) -> None:
    from registry.gui.widgets import ColumnFit

    table = QTableWidget(0, 4)
    table.setObjectName("pairs")
    table.setHorizontalHeaderLabels(["Сходство", "Вид", "Первая запись", "Вторая запись"])
    ColumnFit(table, stretch=3)
    table.setFixedWidth(200)
    root = _screen(qtbot, table)
    assert any("side by side" in p for p in checks.layout_problems(root))
