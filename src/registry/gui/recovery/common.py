"""What the recovery dialogs share: the request's safety number as shown and as a QR code,
the typed number compared, and the file pickers."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import segno
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from registry.gui.i18n import translate
from registry.gui.sharing.card import svg_pixmap
from registry.gui.widgets import mono

PickPath = Callable[[QWidget], str]
PickPaths = Callable[[QWidget], list[str]]
QR_SIDE = 200
GROUPS_PER_LINE = 3


def number_text(number: str) -> str:
    """The request's 30 digits (6 groups of 5) in two lines of three groups."""
    groups = number.split()
    return "\n".join(" ".join(groups[i:i + GROUPS_PER_LINE])
                     for i in range(0, len(groups), GROUPS_PER_LINE))


def number_label(parent: QWidget, number: str) -> QLabel:
    """The safety number, large, to read out or compare."""
    label = mono(parent, 6)
    label.setObjectName("safetyNumber")
    label.setText(number_text(number))
    label.setAccessibleName(translate("Recovery", "Safety number"))
    return label


def number_qr(number: str) -> QPixmap:
    """A QR code of the safety number's digits (a custodian may scan it off the screen in
    person instead of reading it)."""
    qr = segno.make(number.replace(" ", ""), error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=4, border=4, xmldecl=False)
    return svg_pixmap(out.getvalue().decode("utf-8"), QR_SIDE)


def qr_label(parent: QWidget, number: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("safetyNumberQr")
    pixmap = number_qr(number)
    label.setPixmap(pixmap)
    label.setFixedSize(pixmap.size())
    label.setAccessibleName(translate("Recovery", "QR code of the safety number"))
    return label


def digits(typed: str) -> str:
    """What was typed, less the spaces and dashes between groups."""
    return re.sub(r"[\s-]", "", typed)


def same_number(typed: str, number: str) -> bool:
    """Whether ``typed`` is ``number`` (the core checks it again before releasing)."""
    given = digits(typed)
    return given.isdigit() and given == number.replace(" ", "")


# -- pickers (tests pass their own) ---------------------------------------------------------
def pick_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(
        parent, translate("Recovery", "Folder for the colleagues' share files"),
        str(Path.home()))


def pick_share_file(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("Recovery", "Keep a colleague's recovery share"), str(Path.home()),
        translate("Recovery", "Recovery shares (*.rshare);;All files (*)"))
    return path


def pick_request(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("Recovery", "Answer a recovery request"), str(Path.home()),
        translate("Recovery", "Recovery requests (*.json);;All files (*)"))
    return path


def pick_response_to_save(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("Recovery", "Save your response"),
        str(Path.home() / "recovery-response.json"),
        translate("Recovery", "Recovery responses (*.json);;All files (*)"))
    return path


def pick_request_to_save(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("Recovery", "Save the recovery request"),
        str(Path.home() / "recovery-request.json"),
        translate("Recovery", "Recovery requests (*.json);;All files (*)"))
    return path


def pick_responses(parent: QWidget) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent, translate("Recovery", "The custodians' responses"), str(Path.home()),
        translate("Recovery", "Recovery responses (*.json);;All files (*)"))
    return list(paths)


def pick_backup(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("Recovery", "The backup to recover"), str(Path.home()),
        translate("Recovery", "Registry backups (*.rbackup);;All files (*)"))
    return path
