"""Putting an open window into the interface language after a live switch.

A window whose texts were set once, when it was built (a wizard, mid-way), is walked widget
by widget: every text that :func:`registry.gui.i18n.translate` gave out whole — a label, a
button, a group title, a tab, a list or combo item, a header, a tooltip, a placeholder — is
asked for again in the new language (:func:`registry.gui.i18n.again`). What the walk cannot
know — sentences put together from figures and names, labels made by other helpers — the
window writes again itself from what it holds (``WizardShell.retranslate``); the live-switch
test shows that no text stays in the old language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from registry.gui.i18n import again


def _put(get: Callable[[], str], put: Callable[[str], object]) -> None:
    if (new := _again(get())) is not None:
        put(new)


def _again(text: str) -> str | None:
    new = again(text) if text else None
    return new if new is not None and new != text else None


def _combo(w: QComboBox) -> None:
    for i in range(w.count()):
        if (text := _again(w.itemText(i))) is not None:
            w.setItemText(i, text)


def _list(w: QListWidget) -> None:
    for i in range(w.count()):
        item = w.item(i)
        _put(item.text, item.setText)
        _put(item.toolTip, item.setToolTip)


def _tabs(w: QTabWidget) -> None:
    for i in range(w.count()):
        if (text := _again(w.tabText(i))) is not None:
            w.setTabText(i, text)
        if (tip := _again(w.tabToolTip(i))) is not None:
            w.setTabToolTip(i, tip)


def _table(w: QTableWidget) -> None:
    for i in range(w.columnCount()):
        head = w.horizontalHeaderItem(i)
        if head is not None and (text := _again(head.text())) is not None:
            head.setText(text)


def _tree(w: QTreeWidget) -> None:
    head = w.headerItem()
    for i in range(head.columnCount()):
        if (text := _again(head.text(i))) is not None:
            head.setText(i, text)


def _items(w: QWidget) -> None:
    if isinstance(w, QComboBox):
        _combo(w)
    elif isinstance(w, QListWidget):
        _list(w)
    elif isinstance(w, QTabWidget):
        _tabs(w)
    elif isinstance(w, QTableWidget):
        _table(w)
    elif isinstance(w, QTreeWidget):
        _tree(w)


def _texts(w: QWidget) -> None:
    if isinstance(w, QLabel | QAbstractButton):
        _put(w.text, w.setText)
    elif isinstance(w, QGroupBox):
        _put(w.title, w.setTitle)
    if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
        _put(w.placeholderText, w.setPlaceholderText)
    _put(w.toolTip, w.setToolTip)
    _put(w.accessibleName, w.setAccessibleName)
    _put(w.accessibleDescription, w.setAccessibleDescription)
    if w.isWindow():
        _put(w.windowTitle, w.setWindowTitle)


def retranslate_tree(root: QWidget) -> None:
    """Every whole translated text of ``root`` and its children, in the language now."""
    for w in [root, *root.findChildren(QWidget)]:
        _texts(w)
        _items(w)
