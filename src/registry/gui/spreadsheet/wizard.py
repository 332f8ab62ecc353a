"""The spreadsheet import wizard: file → mapping → preview (dry run) → import → report.

It renders :class:`registry.interop.importer.SpreadsheetImport` (Qt-free: the CLI's ``registry
import`` runs the same steps); every call into the flow runs on the database thread. Nothing
is written before Import; a refused file shows the core's message and writes nothing; the
import is one transaction, so Cancel rolls it back. A large import offers a backup first.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from registry.gui import backup_ui
from registry.gui.editors.data import Saved
from registry.gui.i18n import counts, translate
from registry.gui.spreadsheet import jobs
from registry.gui.spreadsheet.pages import FilePage, MappingPage, PreviewPage
from registry.gui.spreadsheet.report import ReportPage
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.wizard import WizardShell
from registry.interop.mapping import ColumnMapping

if TYPE_CHECKING:
    from registry.gui.mainwindow import MainWindow
    from registry.service import Registry
    from registry.sync.progress import Job

FILE, MAPPING, PREVIEW, REPORT = range(4)
BACKUP_THRESHOLD = 1_000  # rows: a larger import offers a backup first
Pick = Callable[[QWidget], str]


def _pick_spreadsheet(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("Spreadsheet", "Import a spreadsheet"), str(Path.home()),
        translate("Spreadsheet", "Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)"))
    return path


def _pick_report(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("Spreadsheet", "Save the import report"),
        str(Path.home() / "import-report.csv"), translate("Spreadsheet", "CSV files (*.csv)"))
    return path


class SpreadsheetWizard(WizardShell):
    """Import people and organisations from a CSV or XLSX file.

    Signals:
        file_loaded(): the file was read and a mapping proposed.
        file_refused(str): the file was refused (the core's message); nothing was written.
        checked(): the preview and the dry run are on screen.
        imported(): the import was written (or refused) and the report is on screen.
        failed(str): a step failed or was cancelled; the message is shown.
        report_saved(str): the report was saved to this path.
        protection_notice(object): the import protected records this vault had shared; the
            protect-now dialog (``ProtectNowDialog``) is open, saying with whom.
    """

    file_loaded = Signal()
    file_refused = Signal(str)
    checked = Signal()
    imported = Signal()
    failed = Signal(str)
    report_saved = Signal(str)
    protection_notice = Signal(object)

    def __init__(self, tasks: TaskRunner, window: MainWindow | None = None, *,
                 pick_file: Pick = _pick_spreadsheet, pick_report: Pick = _pick_report,
                 pick_backup: backup_ui.PickFile | None = None) -> None:
        super().__init__(translate("Spreadsheet", "Import a spreadsheet"), window,
                         size=(980, 620))
        self._tasks = tasks
        self._window = window
        self._pick_file, self._pick_report = pick_file, pick_report
        self._pick_backup = pick_backup
        self.backup_threshold = BACKUP_THRESHOLD
        self._path: Path | None = None
        self._sheet: str | None = None  # the sheet asked for by name, if any
        self._loaded: jobs.LoadedSheet | None = None
        self._result: jobs.Checked | None = None
        self._waiting = False
        self._build()
        self.show_page(FILE)

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.file_page = FilePage(self.pages)
        self.mapping_page = MappingPage(self.pages)
        self.preview_page = PreviewPage(self.pages)
        self.report_page = ReportPage(self.pages)
        titles = (translate("Spreadsheet", "1. Choose the file"),
                  translate("Spreadsheet", "2. Map the columns to fields"),
                  translate("Spreadsheet", "3. Preview and dry run: nothing is written yet"),
                  translate("Spreadsheet", "4. Report"))
        for page, title in zip((self.file_page, self.mapping_page, self.preview_page,
                                self.report_page), titles, strict=True):
            self.add_page(page, title)
        self.file_page.choose_requested.connect(self.choose_file)
        self.file_page.reload_requested.connect(self._reload)
        self.mapping_page.use_saved_requested.connect(self.use_saved_mapping)
        self.report_page.save_requested.connect(self.save_report)
        self.import_button = QPushButton(translate("Spreadsheet", "Import"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.start_import)
        self.add_button(self.import_button)

    # -- navigation ------------------------------------------------------------------------
    def update_buttons(self) -> None:
        busy = self.progress.running or self._waiting
        index = self.page()
        self.back_button.setEnabled(not busy and index in (MAPPING, PREVIEW))
        self.next_button.setEnabled(not busy and ((index == FILE and self._loaded is not None)
                                                  or index == MAPPING))
        ready = self._result is not None and self._result.report.rejected_file is None
        self.import_button.setEnabled(not busy and index == PREVIEW and ready)
        self.pages.setEnabled(not busy)
        self.close_button.setText(translate("Sharing", "Close") if index == REPORT
                                  else translate("Sharing", "Cancel"))

    def retranslate(self) -> None:
        """The texts of every page in the new language; the file, the mapping chosen, the
        dry run and the page stay (the pages are written again from what the wizard holds)."""
        super().retranslate()
        if self._loaded is not None:
            self.file_page.show_info(self._loaded, str(self._path))
            mapping = self.mapping_page.mapping or self._loaded.mapping
            self.mapping_page.show_mapping(mapping, self._loaded.first_row, self._loaded.saved)
        if self._result is not None:
            self.preview_page.show_check(self._result)
            if self.page() == REPORT:
                self.report_page.show_report(self._result)

    def _set_waiting(self, waiting: bool) -> None:
        self._waiting = waiting
        self.progress.wait(waiting)
        self.update_buttons()

    def back(self) -> None:
        if self.page() in (MAPPING, PREVIEW) and not self.progress.running:
            self.show_page(self.page() - 1)

    def next(self) -> None:
        if self.page() == FILE and self._loaded is not None:
            self.show_page(MAPPING)
        elif self.page() == MAPPING:
            self.check()

    # -- step 1: the file --------------------------------------------------------------------
    def choose_file(self) -> None:
        path = self._pick_file(self)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path, encoding: str | None = None, sheet: str | None = None) -> None:
        """Read ``path`` on the database thread and propose a mapping."""
        self._path = chosen = Path(path)
        self._sheet = sheet
        self._loaded = None
        self._result = None
        self._set_waiting(True)
        self._tasks.run(lambda reg: jobs.load(reg, chosen, encoding, sheet), self._on_loaded,
                        self._on_refused)

    def _reload(self, encoding: str, sheet: str) -> None:
        if self._path is not None:
            self.open_file(self._path, encoding or None, sheet or None)

    def _on_loaded(self, loaded: jobs.LoadedSheet) -> None:
        self._set_waiting(False)
        self._loaded = loaded
        self.file_page.show_info(loaded, str(self._path))
        self.mapping_page.show_mapping(loaded.mapping, loaded.first_row, loaded.saved)
        self.update_buttons()
        self.file_loaded.emit()

    def _on_refused(self, exc: BaseException) -> None:
        self._set_waiting(False)
        text = error_message(exc)
        self.file_page.show_error(text, str(self._path or ""),
                                  file_format=getattr(exc, "file_format", None),
                                  sheets=getattr(exc, "sheets", ()), sheet=self._sheet or "")
        self.show_page(FILE)
        self.file_refused.emit(text)

    # -- step 2: the mapping -----------------------------------------------------------------
    def use_saved_mapping(self, name: str) -> None:
        loaded = self._loaded
        if loaded is None or not name:
            return
        self._set_waiting(True)
        self._tasks.run(lambda reg: jobs.use_saved(reg, loaded, name), self._on_saved_mapping,
                        self._on_failed)

    def _on_saved_mapping(self, mapping: ColumnMapping) -> None:
        self._set_waiting(False)
        assert self._loaded is not None
        self.mapping_page.show_mapping(mapping, self._loaded.first_row, self._loaded.saved)

    # -- step 3: preview and dry run ---------------------------------------------------------
    def check(self) -> None:
        """Preview the first rows and dry-run the whole file with the mapping on screen."""
        loaded, mapping = self._loaded, self.mapping_page.mapping
        if loaded is None or mapping is None:
            return
        snapshot = copy.deepcopy(mapping)
        self._result = None
        self._start(lambda reg, p: jobs.check(reg, loaded, snapshot, p), self._on_checked)

    def _on_checked(self, checked: jobs.Checked) -> None:
        self._finish()
        self._result = checked
        self.preview_page.show_check(checked)
        self.show_page(PREVIEW)
        self.checked.emit()

    # -- step 4: import ----------------------------------------------------------------------
    def start_import(self) -> None:
        """Import now, or offer a backup first when the file is large."""
        if self._result is None or self._result.report.rejected_file:
            return
        rows = len(self._result.report.outcomes)
        if rows <= self.backup_threshold or self._window is None:
            self._apply()
            return
        answer = QMessageBox.question(
            self, translate("Spreadsheet", "Back up first?"),
            counts().back_up_before(rows),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            extra = {"pick": self._pick_backup} if self._pick_backup else {}
            backup_ui.back_up(self._window, self._tasks, then=self._apply, **extra)
        elif answer == QMessageBox.StandardButton.No:
            self._apply()

    def _apply(self) -> None:
        loaded, mapping = self._loaded, self.mapping_page.mapping
        if loaded is None or mapping is None:
            return
        snapshot = copy.deepcopy(mapping)
        name = self.mapping_page.save_as.text().strip() or None
        self._start(lambda reg, p: jobs.apply(reg, loaded, snapshot, name, p),
                    self._on_imported)

    def _on_imported(self, result: jobs.Checked) -> None:
        self._finish()
        self._result = result
        self.report_page.show_report(result)
        self.show_page(REPORT)
        self.imported.emit()
        if result.protect_now is not None:  # DESIGN §6.4.2: say with whom, offer the bundles
            self._open_protect_now(result.protect_now)

    def _open_protect_now(self, saved: Saved) -> None:
        from registry.gui.sharing.protect_now import ProtectNowDialog

        dialog = ProtectNowDialog(self._tasks, saved, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.protection_notice.emit(dialog)

    # -- long jobs ---------------------------------------------------------------------------
    def _start(self, fn: Callable[[Registry, Job], jobs.Checked],
               done: Callable[[jobs.Checked], None]) -> None:
        self.progress.run(self._tasks, fn, done, self._on_failed)
        self.update_buttons()

    def cancel(self) -> None:
        """Stop the running check or import; an import is rolled back whole."""
        self.progress.cancel()

    def _finish(self) -> None:
        self._waiting = False
        self.update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        text = error_message(exc)
        pages: dict[int, MappingPage | PreviewPage] = {MAPPING: self.mapping_page,
                                                       PREVIEW: self.preview_page}
        page = pages.get(self.page())
        if page is not None:
            page.error.setText(text)
        self.failed.emit(text)

    # -- the report --------------------------------------------------------------------------
    def save_report(self) -> None:
        result = self._result
        if result is None:
            return
        path = self._pick_report(self)
        if not path:
            return
        target = Path(path)
        self._tasks.call(lambda: jobs.save_report(target, result.report),
                         lambda p: self._on_report_saved(str(p)), self._on_failed)

    def _on_report_saved(self, path: str) -> None:
        self.report_page.show_saved(path)
        self.report_saved.emit(path)

    def clear(self) -> None:
        """Lock: forget the file, the rows and the report."""
        self.progress.cancel()
        self._loaded = self._result = None
        self.preview_page.clear()
        self.report_page.clear()
        self.mapping_page.columns.setRowCount(0)
