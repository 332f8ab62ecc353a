"""The sensitivity badge and the inside-Russia marker: seen at a glance, read without colour."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from registry.domain.enums import Sensitivity
from registry.gui.editors.labels import labels

# Background colours with white text; the level is also spelled out and marked by a symbol
# so that it reads without colour vision.
_STYLE = {
    Sensitivity.PUBLIC: ("#2e7d32", "○"),
    Sensitivity.INTERNAL: ("#1565c0", "◐"),
    Sensitivity.CONFIDENTIAL: ("#b45309", "●"),
    Sensitivity.PROTECTED: ("#b71c1c", "▲"),
}


class SensitivityBadge(QLabel):
    """A coloured label naming a record's sensitivity level; empty when no level is set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level: Sensitivity | None = None
        self.set_level(None)

    def level(self) -> Sensitivity | None:
        return self._level

    def set_level(self, level: Sensitivity | str | None) -> None:
        if isinstance(level, str):
            level = Sensitivity.parse(level)
        self._level = level
        if level is None:
            self.clear()
            self.setStyleSheet("")
            self.setAccessibleDescription("")
            return
        colour, symbol = _STYLE[level]
        name = labels().sensitivity(level)
        self.setText(f"{symbol} {name}")
        self.setStyleSheet(f"QLabel {{ background: {colour}; color: white; "
                           "border-radius: 3px; padding: 2px 6px; font-weight: bold; }")
        self.setAccessibleDescription(self.tr("Sensitivity: %1").replace("%1", name))
        self.setToolTip(self.tr("Sensitivity of the whole record: %1").replace("%1", name))

    def retranslate(self) -> None:
        self.set_level(self._level)


def set_protected_marker(label: QLabel, inside_russia: bool, *, by_group: bool = False) -> None:
    """Show on ``label`` that a person lives inside Russia and is treated as protected, or
    (``by_group``) that the record is protected because it was decided the same as a
    protected record (DESIGN §6.4.3) although its own fields do not say so."""
    if inside_russia:
        text = QCoreApplication.translate("ProtectedMarker", "▲ Inside Russia — protected")
        tip = QCoreApplication.translate(
            "ProtectedMarker", "This person lives inside Russia. The record and every tie "
            "that touches it are protected: left out of exports unless explicitly included.")
    elif by_group:
        text = QCoreApplication.translate("ProtectedMarker",
                                          "▲ Protected — the same as a protected record")
        tip = QCoreApplication.translate(
            "ProtectedMarker", "This record was decided the same as a record that is "
            "protected (inside Russia or marked protected). It is treated as protected "
            "everywhere: exports, the network view and the briefing.")
    else:
        label.clear()
        label.setStyleSheet("")
        label.setToolTip("")
        label.setVisible(False)
        return
    label.setText(text)
    label.setToolTip(tip)
    label.setAccessibleDescription(tip)
    label.setStyleSheet("QLabel { color: #b71c1c; font-weight: bold; }")
    label.setVisible(True)
