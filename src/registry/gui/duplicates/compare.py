"""Two records side by side, field by field, with the differences marked and the evidence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import KINDS, FieldType
from registry.gui import display
from registry.gui.duplicates.data import PairRecords, field_names
from registry.gui.duplicates.evidence import evidence_lines
from registry.gui.editors.badges import SensitivityBadge, set_protected_marker
from registry.gui.editors.labels import labels
from registry.gui.editors.pickers import country_name
from registry.gui.i18n import date_text, translate

EVIDENCE_MOST = 160  # px: eight lines of evidence; more scroll
DIFFERENT = QColor("#fff1c2")  # a pale amber; the row is also marked by "≠" (no colour needed)


def format_value(kind: Kind, name: str, value: Any) -> str:
    """A field's value as the editors would show it (enumerated values by their label)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return translate("Duplicates", "Yes") if value else translate("Duplicates", "No")
    items = value if isinstance(value, list) else [value]
    return ", ".join(_one(kind, name, v) for v in items)


def _one(kind: Kind, name: str, value: Any) -> str:
    spec = KINDS[kind].by_name.get(name)
    if name == "sensitivity":
        return display.sensitivity_labels().get(str(value), str(value))
    if name in ("region", "regions_covered"):
        return display.region_name(str(value))
    if spec is not None and spec.enum is not None:
        return labels().enum(spec.enum).get(str(value), str(value))
    if spec is not None and spec.type in (FieldType.COUNTRY, FieldType.COUNTRY_LIST):
        return country_name(str(value))  # "Германия", not "DE"
    if spec is not None and spec.type is FieldType.DATE:
        return date_text(str(value))
    return str(value)


class _Side(QWidget):
    """The head of one record's column: name, sensitivity badge, inside-Russia marker, id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.badge = SensitivityBadge(self)
        self.marker = QLabel(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        # the wrapped texts take the column's whole width (aligned, a label is only as wide
        # as its size hint and wraps a short name onto lines the head has no height for)
        layout.addWidget(self.title)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        # the wrapped note keeps its lines: the table below gives up height, not the heads
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.note.setMinimumHeight(3 * self.note.fontMetrics().lineSpacing())

    def show_record(self, values: dict[str, Any], note: str) -> None:
        names = [str(values.get(f) or "") for f in ("name", "name_latin")]
        self.title.setText(" / ".join(n for n in names if n))
        self.badge.set_level(Sensitivity.parse(str(values.get("sensitivity") or "internal")))
        set_protected_marker(self.marker, bool(values.get("inside_russia")))
        self.note.setText(note)

    def clear(self) -> None:
        for label in (self.title, self.note):
            label.clear()
        self.badge.set_level(None)
        set_protected_marker(self.marker, False)


class ComparisonView(QWidget):
    """The selected pair: both heads, a field-by-field table and the evidence lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        self.left = _Side(self)
        self.right = _Side(self)
        layout.addWidget(self.left, 0, 0)
        layout.addWidget(self.right, 0, 1)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("comparisonTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)  # a long name or field label wraps, whole, in its row
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.viewport().installEventFilter(self)  # columns follow the width
        layout.addWidget(self.table, 1, 0, 1, 2)
        self.evidence_title = QLabel(self)
        layout.addWidget(self.evidence_title, 2, 0, 1, 2)
        self.evidence = QListWidget(self)
        self.evidence.setObjectName("evidenceList")
        self.evidence.setWordWrap(True)  # a long line of evidence wraps, whole
        self.evidence.setResizeMode(QListView.ResizeMode.Adjust)
        self.evidence.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence.setMaximumHeight(EVIDENCE_MOST)  # at most eight lines, then it scrolls
        layout.addWidget(self.evidence, 3, 0, 1, 2)
        layout.setRowStretch(1, 1)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def _fit_columns(self) -> None:
        """The field labels as wide as they need, up to what leaves both records at least
        their headers' width; the records share the rest. Rows grow to their wrapped text."""
        header, width = self.table.horizontalHeader(), self.table.viewport().width()
        values = max(header.sectionSizeHint(1), header.sectionSizeHint(2))
        field = max(header.sectionSizeHint(0),
                    min(self.table.sizeHintForColumn(0), width - 2 * values))
        rest = max(2 * values, width - field)
        for column, size in ((0, field), (1, rest // 2), (2, rest - rest // 2)):
            header.resizeSection(column, size)
        self.table.resizeRowsToContents()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            translate("Duplicates", "Field"), translate("Duplicates", "First record"),
            translate("Duplicates", "Second record")])
        self.evidence_title.setText(translate("Duplicates", "Why they may be one:"))
        self._fit_columns()  # the headers' widths changed

    def show_pair(self, loaded: PairRecords) -> None:
        first, second = loaded.first, loaded.second
        older = min(first.id, second.id)
        self.left.show_record(first.values, self._role(first.id, older))
        self.right.show_record(second.values, self._role(second.id, older))
        kind = first.kind
        names = field_names(kind, first, second)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            a, b = first.values.get(name), second.values.get(name)
            self._put_row(row, kind, name, a, b)
        self._fit_columns()
        self.evidence.clear()
        self.evidence.addItems(evidence_lines(loaded.pair.evidence, loaded.pair.kind,
                                              format_value))
        self._fit_evidence()

    def _fit_evidence(self) -> None:
        """The evidence list as tall as its lines (at most :data:`EVIDENCE_MOST`): three lines
        take three lines' room, and the comparison table above keeps the rest."""
        view = self.evidence
        width = max(view.viewport().width() - 2 * view.spacing() - 8, 40)  # the item's margins
        fm = view.fontMetrics()
        rows = sum(fm.boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap),
                                   view.item(i).text()).height() + 4 for i in range(view.count()))
        frame = 2 * view.frameWidth() + 2
        self.evidence.setFixedHeight(min(EVIDENCE_MOST, max(rows, self.evidence.fontMetrics()
                                                             .lineSpacing()) + frame))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.evidence.count():  # wrapped lines take more or fewer rows at another width
            QTimer.singleShot(0, self, self._fit_evidence)  # once the list has its new width

    @staticmethod
    def _role(record_id: str, older: str) -> str:
        if record_id == older:
            return translate("Duplicates", "Older record: kept if they are the same.")
        return translate("Duplicates", "Newer record: marked as merged if they are the same.")

    def _put_row(self, row: int, kind: Kind, name: str, a: Any, b: Any) -> None:
        differs = a != b
        field = labels().field(kind, name)
        cells = [f"≠ {field}" if differs else field, format_value(kind, name, a),
                 format_value(kind, name, b)]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if differs:
                item.setBackground(QBrush(DIFFERENT))
                item.setToolTip(translate("Duplicates", "The two records differ here."))
            self.table.setItem(row, column, item)

    def differing_fields(self) -> list[str]:
        """Field labels of the rows marked as different (for tests and screen readers)."""
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text().startswith("≠ "):
                out.append(item.text()[2:])
        return out

    def clear(self) -> None:
        self.left.clear()
        self.right.clear()
        self.table.setRowCount(0)
        self.evidence.clear()
