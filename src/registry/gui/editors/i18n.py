"""The interface language as the editors see it: Qt's default locale.

The shell sets ``QLocale.setDefault`` when it installs the translators; country names,
region order and date display follow that locale.
"""

from __future__ import annotations

from PySide6.QtCore import QCollator, QLocale, Qt


def ui_language() -> str:
    """``"ru"`` or ``"en"``."""
    return "ru" if QLocale().language() == QLocale.Language.Russian else "en"


def collator() -> QCollator:
    """Locale-aware sorting for names."""
    c = QCollator(QLocale())
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return c
