"""ColumnFit: columns to their content, at least their header; when the view is too narrow the
long columns give way (elided in the middle) and a short one keeps its word whole."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from registry.gui.widgets import ColumnFit


def _table(rows: list[list[str]], headers: list[str], width: int) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resize(width, 300)
    table.show()
    return table


def test_a_short_column_keeps_its_word_and_the_long_ones_give_way(qtbot: Any) -> None:
    long = "Анна Дроздова / Anna Drozdova из Калининградской области"
    table = _table([["0,91", "Человек", long, long]],
                   ["Сходство", "Вид", "Первая запись", "Вторая запись"], 380)
    qtbot.addWidget(table)
    fit = ColumnFit(table, stretch=3, caps={2: 0.4})
    fit.fit()
    header = table.horizontalHeader()
    assert header.sectionSize(1) >= table.sizeHintForColumn(1)  # "Человек" whole
    assert header.sectionSize(0) >= header.sectionSizeHint(0)
    for column in (2, 3):  # the long ones are elided, never narrower than their headers
        assert header.sectionSizeHint(column) <= header.sectionSize(column) \
            < table.sizeHintForColumn(column)
    total = sum(header.sectionSize(c) for c in range(4))
    assert total <= table.viewport().width()


def test_when_even_the_headers_barely_fit_the_short_column_gives_way_too(qtbot: Any) -> None:
    long = "Анна Дроздова / Anna Drozdova из Калининградской области"
    table = _table([["0,91", "Человек", long, long]],
                   ["Сходство", "Вид", "Первая запись", "Вторая запись"], 380)
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    heads = sum(header.sectionSizeHint(c) for c in range(4))
    table.resize(heads + (table.width() - table.viewport().width()) + 4, 300)
    ColumnFit(table, stretch=3, caps={2: 0.4}).fit()
    assert sum(header.sectionSize(c) for c in range(4)) <= table.viewport().width()
    assert all(header.sectionSize(c) >= header.sectionSizeHint(c) for c in range(4))
