"""The official's own card: identity, fingerprint in groups, the QR code, save and copy.

The QR code is shown on demand (Show QR code): it is for the moment a colleague scans it,
and at all times it would take half of a small laptop screen from the tables below it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from registry.fsutil import atomic_write
from registry.gui.editors.pickers import country_name
from registry.gui.i18n import translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import group_fingerprint, mono, plain, show_banner

if TYPE_CHECKING:
    from registry.service import Identity, Registry

CARD_SUFFIX = ".card"
QR_SIDE = 320
PickSave = Callable[[QWidget], str]


def svg_pixmap(svg: str, max_side: int = QR_SIDE) -> QPixmap:
    """Render an SVG (segno's QR code) on white at its own size, so every module covers
    whole pixels (a scanner reads sharp edges); a code larger than ``max_side`` is reduced
    to three quarters with nearest-neighbour sampling, which keeps segno's 4-pixel modules
    whole (3 pixels each)."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.white)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    if size.width() > max_side:
        pixmap = pixmap.scaled(size.width() * 3 // 4, size.height() * 3 // 4,
                               Qt.AspectRatioMode.IgnoreAspectRatio,
                               Qt.TransformationMode.FastTransformation)
    return pixmap


def _pick_save(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("Sharing", "Save your card"), str(Path.home() / f"registry{CARD_SUFFIX}"),
        translate("Sharing", "Registry cards (*.card);;All files (*)"))
    return path


class OwnCard(QGroupBox):
    """This official's public card.

    Signals:
        loaded(): the identity and the QR code are on screen.
        failed(str): loading or saving failed (a message safe to show).
        card_saved(str): the card was written to this path.
    """

    loaded = Signal()
    failed = Signal(str)
    card_saved = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None,
                 pick_save: PickSave = _pick_save) -> None:
        super().__init__(translate("Sharing", "Your card"), parent)
        self._tasks = tasks
        self._pick_save = pick_save
        self.fingerprint = ""
        self.qr = QLabel(self)
        self.qr.setObjectName("qrLabel")
        self.qr.setMinimumSize(QR_SIDE * 3 // 4, QR_SIDE * 3 // 4)
        self.qr.setAccessibleName(translate("Sharing", "QR code of your card"))
        self.name = plain(self)
        self.org = plain(self)
        self.country = plain(self)
        self.fingerprint_label = mono(self)
        self.fingerprint_label.setAccessibleName(translate("Sharing", "Fingerprint"))
        self.save_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.qr_button = QPushButton(self)
        self.qr_button.setObjectName("showQrButton")
        self.qr_button.setCheckable(True)
        self.message = plain(self)
        self.message.hide()  # until there is something to say
        self._layout()
        self.save_button.clicked.connect(lambda _c=False: self.save_card())
        self.copy_button.clicked.connect(self.copy_fingerprint)
        self.qr_button.toggled.connect(self.show_qr)
        self.show_qr(False)
        self._set_enabled(False)

    def _layout(self) -> None:
        form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(4)]
        for label, value in zip(self.labels, (self.name, self.org, self.country,
                                              self.fingerprint_label), strict=True):
            form.addRow(label, value)
        self.hint = hint = QLabel(self)
        hint.setWordWrap(True)
        self.retranslate()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.qr_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(hint)
        right.addLayout(buttons)
        right.addWidget(self.message)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(right, 1)

    def retranslate(self) -> None:
        self.setTitle(translate("Sharing", "Your card"))
        self.save_button.setText(translate("Sharing", "Save card…"))
        self.copy_button.setText(translate("Sharing", "Copy fingerprint"))
        self._qr_button_text()
        self.qr.setAccessibleName(translate("Sharing", "QR code of your card"))
        self.fingerprint_label.setAccessibleName(translate("Sharing", "Fingerprint"))
        for label, text in zip(self.labels, (
                translate("Sharing", "Name"), translate("Sharing", "Organisation"),
                translate("Sharing", "Country"), translate("Sharing", "Fingerprint")),
                strict=True):
            label.setText(text)
        self.hint.setText(translate(
            "Sharing", "Give this card (the file or the QR code) to officials you exchange "
            "bundles with. Then compare the safety number with each of them by a channel you "
            "trust: in person, a video or phone call."))

    def _qr_button_text(self) -> None:
        self.qr_button.setText(translate("Sharing", "Hide QR code") if self.qr_button.isChecked()
                               else translate("Sharing", "Show QR code"))

    def show_qr(self, on: bool) -> None:
        """Show (or hide) the QR code beside the card's details."""
        self.qr_button.setChecked(on)
        self.qr.setVisible(on)
        self._qr_button_text()

    def _set_enabled(self, on: bool) -> None:
        self.save_button.setEnabled(on)
        self.copy_button.setEnabled(on)
        self.qr_button.setEnabled(on)

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        def work(reg: Registry) -> tuple[Identity, str]:
            return reg.identity, reg.sharing.card_qr_svg()

        self._tasks.run(work, self._show, self._failed)

    def _show(self, result: tuple[Identity, str]) -> None:
        identity, svg = result
        self.name.setText(identity.name)
        self.org.setText(identity.org)
        self.country.setText(country_name(identity.country))
        self.fingerprint = identity.fingerprint
        self.fingerprint_label.setText(group_fingerprint(identity.fingerprint))
        self.qr.setPixmap(svg_pixmap(svg))
        self._set_enabled(True)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        text = error_message(exc)
        show_banner(self.message, text)
        self.failed.emit(text)

    def clear(self) -> None:
        for label in (self.name, self.org, self.country, self.fingerprint_label):
            label.clear()
        show_banner(self.message, "")
        self.qr.clear()
        self.show_qr(False)
        self.fingerprint = ""
        self._set_enabled(False)

    # -- actions -----------------------------------------------------------------------------
    def copy_fingerprint(self) -> None:
        if self.fingerprint:
            QGuiApplication.clipboard().setText(group_fingerprint(self.fingerprint))
            show_banner(self.message, translate("Sharing", "Fingerprint copied."))

    def save_card(self, path: str | None = None) -> None:
        """Write the card (a public, signed file) where the user chooses."""
        chosen = path or self._pick_save(self)
        if not chosen:
            return
        target = Path(chosen)

        def work(reg: Registry) -> str:  # a folder it cannot write to: atomic_write says so
            atomic_write(target, reg.sharing.card(), mode=0o644)
            return str(target)

        def done(where: str) -> None:
            show_banner(self.message,
                        translate("Sharing", "Card saved to {0}.").replace("{0}", where))
            self.card_saved.emit(where)

        self._tasks.run(work, done, self._failed)
