"""Small widgets and texts shared by the app's sections, dialogs and wizards (banners, plain
labels that never read HTML, confirmations, the verification methods as offered)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from registry.gui.i18n import translate

WARNING_STYLE = ("QLabel { background: #fff3cd; color: #5c3c00; border: 1px solid #e0a800;"
                 " padding: 6px; }")
DANGER_STYLE = ("QLabel { background: #f8d7da; color: #58151c; border: 1px solid #c82333;"
                " padding: 6px; }")


def banner(parent: QWidget, style: str = WARNING_STYLE) -> QLabel:
    """A prominent, word-wrapped message strip (hidden until it has text)."""
    label = plain(parent)
    label.setStyleSheet(style)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def plain(parent: QWidget, text: str = "") -> QLabel:
    """A word-wrapped label that never interprets its text as HTML: names come from cards
    and bundles written by others, and a name like "<b>verified</b>" must read as typed."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def show_banner(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def mono(parent: QWidget, point_delta: int = 0) -> QLabel:
    label = plain(parent)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if point_delta:
        font.setPointSize(font.pointSize() + point_delta)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def safety_number_text(number: str) -> str:
    """The 12 groups of 5 digits in three lines of four, as both screens show them."""
    groups = number.split()
    return "\n".join(" ".join(groups[i:i + 4]) for i in range(0, len(groups), 4))


def method_labels() -> dict[str, str]:
    """The core's verification methods (``registry.sync.trust.METHODS``), as offered."""
    return {
        "safety_number": translate("Sharing", "Compared the safety number (in person, by "
                                   "video or phone call)"),
        "qr_code": translate("Sharing", "Scanned their QR code in person"),
        "in_person": translate("Sharing", "Checked their card in person"),
        "other": translate("Sharing", "Another way"),
    }


def method_short(method: str | None) -> str:
    return {
        "safety_number": translate("Sharing", "safety number"),
        "qr_code": translate("Sharing", "QR code"),
        "in_person": translate("Sharing", "in person"),
        "other": translate("Sharing", "other"),
    }.get(method or "", method or "")


def confirm(parent: QWidget, title: str, text: str, yes: str,
            on_yes: Callable[[], None]) -> QMessageBox:
    """A window-modal question that calls ``on_yes`` when confirmed (never blocks)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda b: on_yes() if b == yes_button else None)
    box.open()
    return box


def group_digits(text: str, size: int) -> str:
    """``text`` without spaces, in groups of ``size`` (for reading aloud)."""
    flat = text.replace(" ", "")
    return " ".join(flat[i:i + size] for i in range(0, len(flat), size))


def group_fingerprint(fingerprint: str) -> str:
    """A 40-hex fingerprint as ten groups of four."""
    return group_digits(fingerprint, 4)
