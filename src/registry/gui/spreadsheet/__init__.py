"""Spreadsheet import in the app: the wizard and the "Import spreadsheet…" menu action."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from registry.gui.i18n import translate


def open_import_wizard(window: Any) -> Any:
    """Show the import wizard over the main window; the current list refreshes after it."""
    from registry.gui.spreadsheet.wizard import SpreadsheetWizard

    wizard = SpreadsheetWizard(window.tasks, window)
    section = getattr(window, "current_section", lambda: None)()
    if section is not None:
        wizard.imported.connect(lambda: section.refresh(section.current_id()))
    wizard.show()
    return wizard


def install_import_action(window: Any) -> QAction:
    """Add "Import spreadsheet…" to the main window's Vault menu, above Lock."""
    action = QAction(translate("Spreadsheet", "Import spreadsheet…"), window)
    action.setObjectName("actionImportSpreadsheet")
    action.setToolTip(translate("Spreadsheet", "Import people and organisations from a CSV or "
                                "XLSX file, with a preview and a dry run first"))
    action.triggered.connect(lambda _c=False: open_import_wizard(window))
    window.ui.menuVault.insertAction(window.ui.actionLock, action)
    return action
