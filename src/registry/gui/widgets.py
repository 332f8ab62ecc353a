"""Small widgets and texts shared by the app's sections, dialogs and wizards (banners, plain
labels that never read HTML, confirmations, the verification methods as offered, columns
fitted to their contents)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QTableWidgetItem,
    QTreeView,
    QWidget,
)

from registry.gui.i18n import translate

FRAME = (16, 40)  # room a window's frame and title bar take on the screen, in logical px
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
        "succession": translate("Sharing", "by succession — compare the safety number"),
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


SHORT_COLUMN = 96  # px: a column no wider than this is never shrunk below its content


class ColumnFit(QObject):
    """Sizes a table's or tree's columns to their contents, each at least as wide as its
    header and at most ``cap`` of the view's width (``caps``: per column; the columns in
    ``whole`` as wide as their content, for a few known labels); column ``stretch`` takes what
    is left
    (at least its header). Texts that do not fit are elided in the middle; call
    :meth:`fit` after filling the view (the view's resizes refit by themselves), and give
    cells their full text as tooltip (:func:`with_tooltip`).
    """

    def __init__(self, view: QTableView | QTreeView, stretch: int, cap: float = 0.3,
                 caps: dict[int, float] | None = None, whole: frozenset[int] = frozenset(),
                 *, rows: bool = False) -> None:
        super().__init__(view)
        self._view, self._stretch, self._cap = view, stretch, cap
        self._rows = rows  # a table that wraps words: rows as tall as their wrapped texts
        self._caps = caps or {}
        self._whole = whole  # columns of a few known labels (a tie's kind): never elided
        header = self._header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        view.viewport().installEventFilter(self)

    def _header(self) -> QHeaderView:
        view = self._view
        return view.horizontalHeader() if isinstance(view, QTableView) else view.header()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header, view = self._header(), self._view
        available = view.viewport().width()
        least: dict[int, int] = {}
        wanted: dict[int, int] = {}
        for column in range(header.count()):
            if not header.isSectionHidden(column):
                least[column] = header.sectionSizeHint(column)
                wanted[column] = max(least[column], view.sizeHintForColumn(column))
        if self._stretch not in least:
            return
        # the stretching column first gets up to 40 % of the width, the others share the rest
        # down to their headers' widths, and what is left again goes to the stretching one
        stretch = max(least[self._stretch], min(wanted[self._stretch], int(available * 0.4)))
        others = {c: w if c in self._whole else
                  max(least[c], min(w, int(available * self._caps.get(c, self._cap))))
                  for c, w in wanted.items() if c != self._stretch}
        excess = sum(others.values()) + stretch - available
        # a short column (a score, a kind, a date) keeps its content whole while it can: eliding
        # "Человек" to "Ч…к" saves a few pixels and loses the word; the long columns give first
        short = {c for c in others if others[c] <= SHORT_COLUMN or c in self._whole}
        give = sum(others[c] - least[c] for c in others if c not in short)
        if excess > 0 and give > 0:
            share = min(1.0, excess / give)
            others = {c: others[c] if c in short else
                      others[c] - int((others[c] - least[c]) * share) for c in others}
        # when the others are down to their headers and it still does not fit, the stretching
        # one gives way too (down to its own header) rather than push the last ones out of view
        rest = available - sum(others.values())
        over = least[self._stretch] - rest
        yielding = short - self._whole
        shrinkable = sum(others[c] - least[c] for c in yielding)
        if over > 0 and shrinkable > 0:  # still too wide: the short columns give way too
            share = min(1.0, over / shrinkable)
            others = {c: others[c] - int((others[c] - least[c]) * share) if c in yielding else
                      others[c] for c in others}
            rest = available - sum(others.values())
        widths = {**others, self._stretch: max(least[self._stretch], rest)}
        for column, width in widths.items():
            header.resizeSection(column, width)
        if self._rows and isinstance(view, QTableView):
            view.resizeRowsToContents()


NB_HYPHEN = "\u2011"  # a hyphen no line breaks at (a region code: RU‑BEL)


def with_tooltip(item: QTableWidgetItem) -> QTableWidgetItem:
    """``item`` with its full text as tooltip (a column may elide it)."""
    item.setToolTip(item.text())
    return item


def fit_height(widget: QWidget) -> None:
    """Grow ``widget`` (a dialog) to the height its word-wrapped texts need at its width:
    a top-level layout sizes itself from its labels' one-line hints and clips the rest."""
    layout = widget.layout()
    if layout is None:
        return
    layout.activate()
    need = layout.totalHeightForWidth(widget.width()) if layout.hasHeightForWidth() \
        else layout.totalSizeHint().height()
    if need > widget.height():
        widget.resize(widget.width(), need)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Size a dialog to ``width``×``height``, or less where its screen (what the taskbar
    leaves, less the window's frame) is smaller: a 1280×800 laptop at 125 % has 1024×640
    logical pixels. What does not fit then scrolls inside the dialog; its buttons stay."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - FRAME[0])
        height = min(height, room.height() - FRAME[1])
    least = widget.minimumSizeHint()
    widget.resize(max(width, least.width()), max(height, least.height()))
