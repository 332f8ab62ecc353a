"""The wizard's pages: they only render what the flow found and collect the user's choices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from registry.domain.enums import Kind
from registry.gui.duplicates.compare import format_value
from registry.gui.editors.labels import labels
from registry.gui.i18n import counts, number, translate
from registry.gui.spreadsheet import jobs
from registry.gui.spreadsheet.reasons import reason_text, verdict_text
from registry.interop.importer import Outcome, SpreadsheetReport
from registry.interop.mapping import FIELDS, ID, KIND, ColumnMapping

ENCODINGS = ("utf-8", "utf-8-sig", "cp1251", "koi8_r", "cp866", "cp1252", "utf-16")
ERROR_STYLE = "QLabel { color: #b71c1c; font-weight: bold; }"
MAX_SHOWN = 5_000  # report lines listed on screen; "Save report…" writes all


def table(columns: int, parent: QWidget, name: str) -> QTableWidget:
    widget = QTableWidget(0, columns, parent)
    widget.setObjectName(name)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return widget


def fill(widget: QTableWidget, rows: list[list[str]]) -> None:
    widget.setRowCount(len(rows))
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            widget.setItem(r, c, QTableWidgetItem(text))
    widget.resizeColumnsToContents()


def action_text(action: str) -> str:
    return {"new": translate("Spreadsheet", "New"), "update": translate("Spreadsheet", "Update"),
            "unchanged": translate("Spreadsheet", "Unchanged"),
            "merged": translate("Spreadsheet", "Same as an earlier row"),
            "review": translate("Spreadsheet", "New, beside a namesake"),
            "rejected": translate("Spreadsheet", "Rejected")}.get(action, action)


def counts_text(report: SpreadsheetReport) -> str:
    """What became of the rows, each count in its plural form ("1 new, 2 updated, …")."""
    c = counts()
    parts = (c.rows_new(report.count("new")), c.rows_updated(report.count("update")),
             c.rows_unchanged(report.count("unchanged")), c.rows_merged(report.count("merged")),
             c.rows_review(report.count("review")), c.rows_rejected(report.count("rejected")))
    return ", ".join(parts) + "."


def written_text(report: SpreadsheetReport) -> str:
    """Exactly what an import writes when some rows are rejected (nothing for a refused file)."""
    bad = report.count("rejected")
    if not bad or report.rejected_file:
        return ""
    good = len(report.outcomes) - bad
    text = translate("Spreadsheet", "Import writes the valid rows ({0}); the rejected rows "
                     "({1}) are not written.") if report.dry_run else \
        translate("Spreadsheet", "The valid rows ({0}) were written; the rejected rows ({1}) "
                  "were not.")
    return text.replace("{0}", number(good)).replace("{1}", number(bad))


def changes_table(parent: QWidget) -> QTableWidget:
    """Every changed field of an update (old → new), every namesake a new row is kept
    apart from (its differing fields side by side), and every protection field a row would
    have lowered (kept as it is)."""
    widget = table(7, parent, "changesTable")
    widget.setHorizontalHeaderLabels([
        translate("Spreadsheet", "Line"), translate("Spreadsheet", "Result"),
        translate("Spreadsheet", "Field"), translate("Spreadsheet", "In the vault"),
        translate("Spreadsheet", "In the file"), translate("Spreadsheet", "Record"),
        translate("Spreadsheet", "Note")])
    return widget


def change_rows(outcomes: list[Outcome], names: dict[str, str]) -> list[list[str]]:
    """The lines of :func:`changes_table`, at most ``MAX_SHOWN``."""
    rows: list[list[str]] = []
    for o in outcomes:
        if len(rows) >= MAX_SHOWN:
            break
        kind = Kind(o.kind) if o.kind else Kind.PERSON
        if o.action == "update":
            record = record_text(names, o.record_id)
            rows += [[str(o.line), action_text(o.action), field_label(f),
                      format_value(kind, f, old), format_value(kind, f, new), record, ""]
                     for f, (old, new) in o.changes.items()]
        elif o.action == "review":
            rows += _namesake_rows(o, kind, names)
        if o.kept:  # a lowering the import did not write (registry.interop.importer): the
            # row's note above says why and where to lower it
            rows += [[str(o.line), translate("Spreadsheet", "Kept"), field_label(f),
                      format_value(kind, f, old), format_value(kind, f, new),
                      record_text(names, o.record_id), ""]
                     for f, (old, new) in o.kept.items()]
    return rows[:MAX_SHOWN]


def _namesake_rows(o: Outcome, kind: Kind, names: dict[str, str]) -> list[list[str]]:
    rows = []
    for n in o.namesakes:
        record = record_text(names, n.record_id) if n.line is None else \
            translate("Spreadsheet", "the record of line {0}").replace("{0}", str(n.line))
        head = [str(o.line), action_text(o.action)]
        if not n.differs:
            note = translate("Spreadsheet", "Nothing confirms it is the same: kept apart, sent "
                             "to the duplicates review")
            rows.append([*head, "", "", "", record, note])
            continue
        note = translate("Spreadsheet", "Kept apart, sent to the duplicates review")
        rows += [[*head, field_label(f), format_value(kind, f, theirs),
                  format_value(kind, f, ours), record, note]
                 for f, (theirs, ours) in n.differs.items()]
    return rows


def record_text(names: dict[str, str], record_id: str | None) -> str:
    if not record_id:
        return ""
    name = names.get(record_id, "")
    return f"{name} ({record_id})" if name else record_id


def field_label(name: str) -> str:
    if name == ID:
        return translate("Spreadsheet", "Record id")
    if name == KIND:
        return translate("Spreadsheet", "Kind (person or organisation)")
    kind = Kind.PERSON if name in FIELDS[Kind.PERSON] else Kind.ORGANISATION
    return labels().field(kind, name)


def _targets() -> list[str]:
    names = [ID, KIND, *FIELDS[Kind.PERSON]]
    return names + [f for f in FIELDS[Kind.ORGANISATION] if f not in names]


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setObjectName("errorLabel")
    return label


class FilePage(QWidget):
    """Choose the file; what was detected (format, encoding, delimiter, sheet), changeable.

    Signals:
        choose_requested(): the user asked for the file dialog.
        reload_requested(str, str): read again with this encoding / sheet ("" = detected).
    """

    choose_requested = Signal()
    reload_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.choose = QPushButton(translate("Spreadsheet", "Choose a file…"), self)
        self.choose.clicked.connect(self.choose_requested)
        self.path = QLabel(translate("Spreadsheet", "No file chosen. CSV and XLSX files can be "
                                     "imported; headers in English or Russian are recognised."),
                           self)
        self.path.setWordWrap(True)
        row.addWidget(self.choose)
        row.addWidget(self.path, 1)
        layout.addLayout(row)
        form = QFormLayout()
        self.format = QLabel(self)
        self.rows = QLabel(self)
        self.encoding = QComboBox(self)
        self.encoding.addItems(list(ENCODINGS))
        self.delimiter = QLabel(self)
        self.sheet = QComboBox(self)
        for label, widget in ((translate("Spreadsheet", "Format"), self.format),
                              (translate("Spreadsheet", "Data rows"), self.rows),
                              (translate("Spreadsheet", "Text encoding"), self.encoding),
                              (translate("Spreadsheet", "Delimiter"), self.delimiter),
                              (translate("Spreadsheet", "Sheet"), self.sheet)):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.encoding.activated.connect(self._reload)
        self.sheet.activated.connect(self._reload)
        self.show_info(None)

    def _reload(self, _index: int) -> None:
        self.reload_requested.emit(self.encoding.currentText(), self.sheet.currentText())

    def show_info(self, loaded: jobs.LoadedSheet | None, path: str = "") -> None:
        self.error.clear()
        info: dict[str, Any] = loaded.info if loaded else {}
        if path:
            self.path.setText(path)
        self.format.setText(str(info.get("format", "")).upper())
        self.rows.setText(number(info['rows']) if "rows" in info else "")
        is_csv = info.get("format") == "csv"
        if is_csv and self.encoding.findText(str(info.get("encoding"))) < 0:
            self.encoding.addItem(str(info.get("encoding")))
        self.encoding.setCurrentText(str(info.get("encoding", "")))
        self.encoding.setEnabled(is_csv)
        delimiter = {",": translate("Spreadsheet", "comma"), ";": translate("Spreadsheet",
                     "semicolon"), "\t": translate("Spreadsheet", "tab")}
        self.delimiter.setText(delimiter.get(str(info.get("delimiter")), "") if is_csv else "")
        self.sheet.clear()
        sheets = loaded.table.sheets if loaded is not None else []
        self.sheet.addItems(sheets)
        self.sheet.setCurrentText(str(info.get("sheet", "")))
        self.sheet.setEnabled(len(sheets) > 1)

    def show_error(self, text: str, path: str = "", *, file_format: str | None = None,
                   sheets: Sequence[str] = (), sheet: str = "") -> None:
        """A refused file: why, with the lists its refusal asks to choose from left open —
        the text encodings for a CSV file, the workbook's sheets (``sheet``: the one tried)."""
        encoding = self.encoding.currentText()
        self.show_info(None, path)
        self.error.setText(text)
        if file_format == "csv":
            self.format.setText("CSV")
            self.encoding.setCurrentText(encoding)
            self.encoding.setEnabled(True)
        if sheets:
            self.format.setText("XLSX")
            self.sheet.addItems(list(sheets))
            self.sheet.setCurrentIndex(self.sheet.findText(sheet))  # -1: none tried by name
            self.sheet.setEnabled(len(sheets) > 1)


class MappingPage(QWidget):
    """Each column → a field (proposed from its header), the kind of rows, saved mappings.

    Signals:
        use_saved_requested(str): apply the saved mapping of this name.
    """

    use_saved_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mapping: ColumnMapping | None = None
        layout = QVBoxLayout(self)
        saved_row = QHBoxLayout()
        self.saved = QComboBox(self)
        self.use_saved = QPushButton(translate("Spreadsheet", "Use saved mapping"), self)
        self.use_saved.clicked.connect(
            lambda _c=False: self.use_saved_requested.emit(self.saved.currentText()))
        saved_row.addWidget(QLabel(translate("Spreadsheet", "Saved mappings:"), self))
        saved_row.addWidget(self.saved, 1)
        saved_row.addWidget(self.use_saved)
        layout.addLayout(saved_row)
        self.columns = table(3, self, "mappingTable")
        self.columns.setHorizontalHeaderLabels([
            translate("Spreadsheet", "Column"), translate("Spreadsheet", "First row"),
            translate("Spreadsheet", "Field")])
        layout.addWidget(self.columns, 1)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.addItem(labels().kind(Kind.PERSON), Kind.PERSON.value)
        self.kind.addItem(labels().kind(Kind.ORGANISATION), Kind.ORGANISATION.value)
        self.kind.activated.connect(self._on_kind)
        self.save_as = QLineEdit(self)
        self.save_as.setObjectName("saveMappingAs")
        self.save_as.setPlaceholderText(translate("Spreadsheet", "a name, to reuse it next time"))
        form.addRow(translate("Spreadsheet", "Rows without a kind column are"), self.kind)
        form.addRow(translate("Spreadsheet", "Save mapping as"), self.save_as)
        layout.addLayout(form)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self._combos: list[QComboBox] = []

    def show_mapping(self, mapping: ColumnMapping, first_row: list[str], saved: list[str]) -> None:
        self.mapping = mapping
        self.error.clear()
        self.saved.clear()
        self.saved.addItems(saved)
        self.use_saved.setEnabled(bool(saved))
        self.kind.setCurrentIndex(max(0, self.kind.findData(mapping.default_kind.value)))
        self.columns.setRowCount(len(mapping.headers))
        self._combos = []
        for row, header in enumerate(mapping.headers):
            sample = first_row[row] if row < len(first_row) else ""
            self.columns.setItem(row, 0, QTableWidgetItem(header))
            self.columns.setItem(row, 1, QTableWidgetItem(sample))
            combo = QComboBox(self.columns)
            combo.setObjectName(f"field_{row}")
            combo.addItem(translate("Spreadsheet", "(ignore this column)"), None)
            for name in _targets():
                combo.addItem(field_label(name), name)  # the label a person reads, not the code
            combo.activated.connect(lambda _i, r=row: self._on_field(r))
            self.columns.setCellWidget(row, 2, combo)
            self._combos.append(combo)
        self._sync()
        self.columns.resizeColumnsToContents()
        self.notes.setText("\n".join(reason_text(note) for note in mapping.notes))

    def set_field(self, column: int, target: str | None) -> None:
        """Map a column to a field (None: ignore it); a field is taken from any other column."""
        combo = self._combos[column]
        combo.setCurrentIndex(max(0, combo.findData(target)))
        self._on_field(column)

    def _on_field(self, column: int) -> None:
        if self.mapping is None:
            return
        self.mapping.set(column, self._combos[column].currentData())
        self._sync()

    def _on_kind(self, _index: int) -> None:
        if self.mapping is not None:
            self.mapping.default_kind = Kind(self.kind.currentData())

    def _sync(self) -> None:
        assert self.mapping is not None
        for combo, target in zip(self._combos, self.mapping.fields, strict=True):
            combo.setCurrentIndex(max(0, combo.findData(target)))

    def fields(self) -> list[str | None]:
        return list(self.mapping.fields) if self.mapping else []


class PreviewPage(QWidget):
    """The first rows as they will be stored, and the dry run of the whole file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(translate("Spreadsheet", "The first rows as they will be stored:"),
                                self))
        self.rows = table(4, self, "previewTable")
        layout.addWidget(self.rows, 2)
        layout.addWidget(QLabel(translate("Spreadsheet", "Changes to existing records, and new "
                                          "rows kept apart from a namesake:"), self))
        self.changes = changes_table(self)
        layout.addWidget(self.changes, 2)
        layout.addWidget(QLabel(translate("Spreadsheet", "Rejected rows:"), self))
        self.rejected = table(2, self, "rejectedTable")
        self.rejected.setHorizontalHeaderLabels([translate("Spreadsheet", "Line"),
                                                 translate("Spreadsheet", "Reason")])
        layout.addWidget(self.rejected, 1)

    def show_check(self, checked: jobs.Checked) -> None:
        report = checked.report
        summary = counts().dry_run_over(len(report.outcomes)) + counts_text(report)
        self.summary.setText("\n".join(filter(None, [summary, written_text(report)])))
        self.error.setText(rejected_file_text(report))
        columns = jobs.stored_columns(checked.preview)
        heads = [translate("Spreadsheet", "Line"), translate("Spreadsheet", "Result"),
                 translate("Spreadsheet", "Record")]
        self.rows.setColumnCount(len(heads) + len(columns) + 1)
        self.rows.setHorizontalHeaderLabels(
            heads + [field_label(c) for c in columns] + [translate("Spreadsheet", "Note")])
        fill(self.rows, [self._preview_row(o, columns, checked.labels) for o in checked.preview])
        fill(self.changes, change_rows(report.outcomes, checked.labels))
        fill(self.rejected, [[str(o.line), reason_text(o.reason)] for o in report.outcomes
                             if o.action == "rejected"][:MAX_SHOWN])

    @staticmethod
    def _preview_row(o: Outcome, columns: list[str], names: dict[str, str]) -> list[str]:
        kind = Kind(o.kind) if o.kind else Kind.PERSON
        record = jobs.new_label(o) if o.action in ("new", "review") else \
            names.get(o.record_id or "", "")
        values = [format_value(kind, c, o.values.get(c)) if c in KINDS_OF[kind] else ""
                  for c in columns]
        return [str(o.line), action_text(o.action), record, *values, note_text(o)]

    def clear(self) -> None:
        for widget in (self.rows, self.changes, self.rejected):
            widget.setRowCount(0)
        self.summary.clear()
        self.error.clear()


KINDS_OF = {k: frozenset(FIELDS[k]) for k in FIELDS}


def note_text(o: Outcome) -> str:
    if o.action == "rejected":
        return reason_text(o.reason)
    if o.action == "review":
        return translate("Spreadsheet", "Kept apart from a namesake: both go to the duplicates "
                         "review (see below)")
    parts = []
    if o.action in ("update", "merged") and o.changes:
        kind = Kind(o.kind) if o.kind else Kind.PERSON
        parts += [f"{field_label(f)}: {format_value(kind, f, old) or '—'} → "
                  f"{format_value(kind, f, new) or '—'}" for f, (old, new) in o.changes.items()]
    if o.reason:
        parts.append(reason_text(o.reason))
    return "; ".join(parts)


def rejected_file_text(report: SpreadsheetReport) -> str:
    if not report.rejected_file:
        return ""
    return translate("Spreadsheet", "The file is refused and nothing will be imported: ") + \
        verdict_text(report.rejected_file)
