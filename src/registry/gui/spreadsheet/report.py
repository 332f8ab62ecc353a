"""The last page: what the import did to which record, and every rejected row."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from registry.gui.i18n import counts, translate
from registry.gui.spreadsheet import jobs
from registry.gui.spreadsheet.pages import (
    MAX_SHOWN,
    action_text,
    change_rows,
    changes_table,
    counts_text,
    error_label,
    field_label,
    fill,
    rejected_file_text,
    table,
    written_text,
)
from registry.gui.spreadsheet.reasons import reason_text
from registry.interop.importer import Outcome


class ReportPage(QWidget):
    """Created, updated, merged, kept apart and rejected rows (unchanged ones are only
    counted), and every changed field old → new.

    Signals:
        save_requested(): the user asked to save the report as CSV.
    """

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self.lines = table(5, self, "reportTable")
        self.lines.setHorizontalHeaderLabels([
            translate("Spreadsheet", "Line"), translate("Spreadsheet", "Result"),
            translate("Spreadsheet", "Record"), translate("Spreadsheet", "Fields"),
            translate("Spreadsheet", "Reason")])
        layout.addWidget(self.lines, 1)
        layout.addWidget(QLabel(translate("Spreadsheet", "Changes to existing records, and new "
                                          "rows kept apart from a namesake:"), self))
        self.changes = changes_table(self)
        layout.addWidget(self.changes, 1)
        row = QHBoxLayout()
        self.saved = QLabel(self)
        self.save = QPushButton(translate("Spreadsheet", "Save report…"), self)
        self.save.setObjectName("saveReportButton")
        self.save.setToolTip(translate("Spreadsheet", "A CSV of every row's line number, result, "
                                       "record id, field names and reason; no cell contents."))
        self.save.clicked.connect(self.save_requested)
        row.addWidget(self.saved, 1)
        row.addWidget(self.save)
        layout.addLayout(row)

    def show_report(self, checked: jobs.Checked) -> None:
        report = checked.report
        head = translate("Spreadsheet", "Imported: ") if report.written else \
            translate("Spreadsheet", "Nothing was imported: ")
        written = written_text(report) if report.written else ""
        self.summary.setText("\n".join(filter(None, [head + counts_text(report), written])))
        self.error.setText(rejected_file_text(report))
        listed = [o for o in report.outcomes if o.action != "unchanged"]
        rows = [self._row(o, checked.labels) for o in listed[:MAX_SHOWN]]
        fill(self.lines, rows)
        fill(self.changes, change_rows(report.outcomes, checked.labels))
        more = len(listed) - len(rows)
        self.saved.setText(counts().more_lines_saved(more) if more > 0 else "")

    @staticmethod
    def _row(o: Outcome, names: dict[str, str]) -> list[str]:
        record = jobs.new_label(o) if o.action in ("new", "review") else \
            names.get(o.record_id or "", "")
        if o.record_id:
            record = f"{record} ({o.record_id})" if record else o.record_id
        fields = ", ".join(field_label(f) for f in o.fields)  # labels: the CSV keeps names
        return [str(o.line), action_text(o.action), record, fields, reason_text(o.reason)]

    def show_saved(self, path: str) -> None:
        self.saved.setText(translate("Spreadsheet", "Report saved to {0}.").replace("{0}", path))

    def clear(self) -> None:
        self.lines.setRowCount(0)
        self.changes.setRowCount(0)
        for label in (self.summary, self.error, self.saved):
            label.clear()
