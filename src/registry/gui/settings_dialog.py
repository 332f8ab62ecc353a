"""The settings dialog: idle lock delay and interface language."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QWidget

from registry.gui.forms.ui_settings import Ui_SettingsDialog
from registry.gui.i18n import translate
from registry.gui.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self._settings = settings
        self.ui.autolockSpin.setValue(settings.autolock_minutes)
        for text, value in ((translate("SettingsDialog", "System language"), ""),
                            ("English", "en"), ("Русский", "ru")):
            self.ui.languageCombo.addItem(text, value)
        self.ui.languageCombo.setCurrentIndex(
            max(0, self.ui.languageCombo.findData(settings.language)))
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_settings"):
            self.ui.retranslateUi(self)
            self.ui.languageCombo.setItemText(0, translate("SettingsDialog", "System language"))
        super().changeEvent(event)

    def accept(self) -> None:
        self._settings.set("autolock_minutes", self.ui.autolockSpin.value())
        self._settings.set("language", self.ui.languageCombo.currentData())
        super().accept()
