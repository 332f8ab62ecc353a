"""Helpers for driving the app in GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTextEdit, QWidget


def texts_on_screen() -> list[str]:
    """Every text a live widget shows or holds."""
    out: list[str] = []
    for w in QApplication.allWidgets():
        for attr in ("text", "toPlainText", "windowTitle", "placeholderText", "toolTip"):
            fn = getattr(w, attr, None)
            if callable(fn) and isinstance(w, QLabel | QLineEdit | QTextEdit | QWidget):
                try:
                    value = fn()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    out.append(value)
    return out


def models_with_rows(root: QObject | None = None) -> list[QAbstractItemModel]:
    models = []
    roots = [root] if root is not None else list(QApplication.allWidgets())
    for obj in roots:
        for m in obj.findChildren(QAbstractItemModel):
            if m.rowCount() > 0 and m.metaObject().className() not in (
                    "QStringListModel", "QStandardItemModel", "QFileSystemModel"):
                models.append(m)
    return models
