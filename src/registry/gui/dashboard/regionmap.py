"""The tile grid map of Russia's federal subjects (plus Crimea and Sevastopol, UA-43/UA-40).

Tile positions come from ``analytics.coverage.grid()``; a tile's colour grows with its count;
a count of None (suppressed, in the briefing) is hatched. Occupied Ukrainian territory is
outlined in a dashed line so it never reads as part of Russia.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from registry.domain.regions import DISTRICT_OF, OCCUPIED
from registry.gui.i18n import number, translate

EMPTY = QColor("#f2d7d5")
LOW, HIGH = QColor("#cfe0f1"), QColor("#1f4e89")


def tile_colour(value: int | None, most: int) -> QColor:
    if value is None:
        return QColor("#d0d0d0")
    if value <= 0:
        return EMPTY
    t = min(1.0, value / max(1, most)) ** 0.6
    return QColor(
        int(LOW.red() + (HIGH.red() - LOW.red()) * t),
        int(LOW.green() + (HIGH.green() - LOW.green()) * t),
        int(LOW.blue() + (HIGH.blue() - LOW.blue()) * t),
    )


def _geometry(rect: QRectF, tiles: Mapping[str, tuple[int, int]]) -> tuple[float, QPointF]:
    rows = max(r for r, _ in tiles.values()) + 1
    cols = max(c for _, c in tiles.values()) + 1
    side = min(rect.width() / cols, rect.height() / rows)
    return side, QPointF(rect.left() + (rect.width() - side * cols) / 2, rect.top())


def tile_at(rect: QRectF, tiles: Mapping[str, tuple[int, int]], point: QPointF) -> str | None:
    if not tiles:
        return None
    side, origin = _geometry(rect, tiles)
    row = int((point.y() - origin.y()) // side)
    col = int((point.x() - origin.x()) // side)
    return next((code for code, pos in tiles.items() if pos == (row, col)), None)


def tile_label(code: str) -> str:
    """A tile's short name: the code's part after the country ("MOW"), but Crimea and
    Sevastopol by name (their codes, UA-43 and UA-40, would read as counts)."""
    named = {
        "UA-43": translate("RegionMap", "Crimea"),
        "UA-40": translate("RegionMap", "Sevast.", "Sevastopol, shortened to fit a map tile"),
    }
    return named.get(code) or code.split("-", 1)[1]


def paint_region_grid(
    painter: QPainter,
    rect: QRectF,
    tiles: Mapping[str, tuple[int, int]],
    values: Mapping[str, int | None],
) -> None:
    """Every tile with its code's short name and count; white text on dark tiles."""
    if not tiles:
        return
    side, origin = _geometry(rect, tiles)
    most = max((v or 0) for v in values.values()) if values else 0
    font = painter.font()
    font.setPixelSize(max(4, int(side * 0.26)))
    painter.setFont(font)
    small = painter.font()
    for code, (row, col) in tiles.items():
        box = QRectF(origin.x() + col * side, origin.y() + row * side, side - 2, side - 2)
        value = values.get(code, 0)
        colour = tile_colour(value, most)
        painter.fillRect(box, colour)
        if value is None:
            painter.fillRect(box, QBrush(QColor(0, 0, 0, 50), Qt.BrushStyle.BDiagPattern))
        occupied = DISTRICT_OF.get(code) == OCCUPIED
        painter.setPen(
            QPen(
                QColor("#7a1f1f") if occupied else QColor(0, 0, 0, 40),
                1.5,
                Qt.PenStyle.DashLine if occupied else Qt.PenStyle.SolidLine,
            )
        )
        painter.drawRect(box)
        painter.setPen(QColor("white") if colour.lightness() < 110 else QColor("#202020"))
        short = tile_label(code)
        number_text = "·" if value is None else number(value)
        wide = painter.fontMetrics().horizontalAdvance(short) > box.width() - 2
        if wide:  # a name: smaller, so it stays inside its tile
            small.setPixelSize(max(3, int(font.pixelSize() * (box.width() - 2)
                                          / painter.fontMetrics().horizontalAdvance(short))))
            painter.setFont(small)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{short}\n{number_text}")
        if wide:
            painter.setFont(font)


class RegionMap(QWidget):
    """The grid map as a widget, with the region's names and count in a tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, tuple[int, int]] = {}
        self.values: dict[str, int | None] = {}
        self.names: dict[str, tuple[str, str]] = {}
        self.setMinimumSize(QSize(480, 300))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self,
        tiles: Mapping[str, tuple[int, int]],
        values: Mapping[str, int | None],
        names: Mapping[str, tuple[str, str]],
    ) -> None:
        self.tiles, self.values, self.names = dict(tiles), dict(values), dict(names)
        self.update()

    def clear(self) -> None:
        self.set_data({}, {}, {})

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(4, 4, -4, -4)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        paint_region_grid(painter, self._area(), self.tiles, self.values)
        painter.end()

    def code_at(self, point: QPointF) -> str | None:
        return tile_at(self._area(), self.tiles, point)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            code = self.code_at(QPointF(event.pos()))
            if code is None:
                QToolTip.hideText()
            else:
                ru, en = self.names.get(code, (code, code))
                value = self.values.get(code)
                QToolTip.showText(
                    event.globalPos(),
                    f"{ru} / {en} ({code}): {'—' if value is None else value}",
                    self,
                )
            return True
        return super().event(event)
