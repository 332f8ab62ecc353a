"""Spreadsheet import in the app: the wizard and the "Import spreadsheet…" menu action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from registry.gui.i18n import translate

if TYPE_CHECKING:
    from registry.gui.mainwindow import MainWindow
    from registry.gui.spreadsheet.wizard import SpreadsheetWizard


def open_import_wizard(window: MainWindow) -> SpreadsheetWizard:
    """Show the import wizard over the main window; the current list refreshes after it."""
    from registry.gui.spreadsheet.wizard import SpreadsheetWizard

    wizard = SpreadsheetWizard(window.tasks, window)
    section = window.current_section()
    if section is not None:
        wizard.imported.connect(lambda: section.refresh(section.current_id()))
    wizard.show()
    return wizard


def install_import_action(window: MainWindow) -> QAction:
    """Add "Import spreadsheet…" to the main window's Vault menu, above Lock."""
    action = QAction(window)
    action.setObjectName("actionImportSpreadsheet")
    window.translate_action(
        action, lambda: translate("Spreadsheet", "Import spreadsheet…"),
        lambda: translate("Spreadsheet", "Import people and organisations from a CSV or XLSX "
                          "file, with a preview and a dry run first"))
    action.triggered.connect(lambda _c=False: open_import_wizard(window))
    window.ui.menuVault.insertAction(window.ui.actionLock, action)
    return action
