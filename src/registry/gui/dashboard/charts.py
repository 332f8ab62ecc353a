"""Simple charts painted with QPainter: share bars with targets, trend lines, count bars.

Each ``paint_*`` function draws into a rectangle of any paint device, so the dashboard's
widgets and the PDF briefing draw the same pictures. :class:`Chart` is the widget that calls
one of them in its ``paintEvent``. (PySide6-Essentials has no QtCharts.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#3b6ea8")
TARGET = QColor(46, 160, 67, 90)
GOAL = QColor("#2e8b3e")
MISSING = QColor("#b0b0b0")
LINES = (QColor("#3b6ea8"), QColor("#d9822b"), QColor("#2e8b3e"))


@dataclass(frozen=True)
class ShareRow:
    """One bar: a share 0..1 (None: no data or suppressed) and the target band [low, high]."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    ok: bool | None = None


Painter = Callable[[QPainter, QRectF], None]


def _text_pen(painter: QPainter, ink: QColor) -> None:
    painter.setPen(QPen(ink))


def paint_share_bars(
    painter: QPainter, rect: QRectF, rows: Sequence[ShareRow], missing_text: str = "—"
) -> None:
    """Horizontal bars 0–100 % with the target band shaded and the value printed."""
    ink = painter.pen().color()
    if not rows:
        return
    line = rect.height() / len(rows)
    label_w = _label_width(painter, rect, [r.label for r in rows])
    bar_w = rect.width() - label_w - painter.fontMetrics().horizontalAdvance("100 %  ")
    for i, row in enumerate(rows):
        top = rect.top() + i * line
        box = QRectF(rect.left() + label_w, top + line * 0.2, bar_w, line * 0.6)
        _text_pen(painter, ink)
        painter.drawText(
            QRectF(rect.left(), top, label_w - 6, line),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            painter.fontMetrics().elidedText(row.label, Qt.TextElideMode.ElideMiddle,
                                             int(label_w - 6)),
        )
        painter.fillRect(box, QColor(0, 0, 0, 18))
        if row.low is not None:
            high = row.high if row.high is not None else 1.0
            painter.fillRect(
                QRectF(
                    box.left() + box.width() * row.low,
                    box.top(),
                    box.width() * (high - row.low),
                    box.height(),
                ),
                TARGET,
            )
        text = missing_text
        if row.value is not None:
            colour = BAR if row.ok is not False else QColor("#c0392b")
            painter.fillRect(
                QRectF(
                    box.left(),
                    box.top() + box.height() * 0.25,
                    box.width() * max(0.0, min(1.0, row.value)),
                    box.height() * 0.5,
                ),
                colour,
            )
            text = QLocale().toString(round(row.value * 100)) + "\u00a0%"
        _text_pen(painter, ink)
        painter.drawText(
            QRectF(box.right() + 6, top, rect.right() - box.right() - 6, line),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )


def _label_width(painter: QPainter, rect: QRectF, labels: Sequence[str]) -> float:
    """Room for the longest label (plus a gap), between a third and a half of the width."""
    widest = max((painter.fontMetrics().horizontalAdvance(t) for t in labels), default=0)
    return max(rect.width() / 3, min(rect.width() / 2, widest + 12.0))


def paint_trend(
    painter: QPainter,
    rect: QRectF,
    periods: Sequence[str],
    series: Sequence[Sequence[float | None]],
    names: Sequence[str],
    *,
    top: float = 4.0,
) -> None:
    """Lines of mean scores (0..top) per period, one colour per series, with a legend."""
    ink = painter.pen().color()
    fm = painter.fontMetrics()
    legend_h = fm.height() + 4
    plot = rect.adjusted(fm.horizontalAdvance("4 "), legend_h, -4, -fm.height() - 4)
    painter.setPen(QPen(QColor(0, 0, 0, 60)))
    for level in range(int(top) + 1):
        y = plot.bottom() - plot.height() * level / top
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.drawText(QPointF(rect.left(), y + fm.ascent() / 2), str(level))
    for k, name in enumerate(names):
        x = rect.left() + k * rect.width() / max(1, len(names))
        painter.fillRect(QRectF(x, rect.top() + 3, 10, 10), LINES[k % len(LINES)])
        _text_pen(painter, ink)
        painter.drawText(QPointF(x + 14, rect.top() + fm.ascent()), name)
    if not periods:
        return
    step = plot.width() / max(1, len(periods) - 1)
    for i, period in enumerate(periods):
        if len(periods) <= 12 or i % max(1, len(periods) // 8) == 0:
            painter.drawText(
                QPointF(
                    plot.left() + i * step - fm.horizontalAdvance(period) / 2, rect.bottom() - 2
                ),
                period,
            )
    for k, values in enumerate(series):
        points = [
            QPointF(plot.left() + i * step, plot.bottom() - plot.height() * v / top)
            for i, v in enumerate(values)
            if v is not None
        ]
        painter.setPen(QPen(LINES[k % len(LINES)], 2))
        if len(points) > 1:
            painter.drawPolyline(QPolygonF(points))
        for p in points:
            painter.drawEllipse(p, 2.5, 2.5)


def paint_count_bars(
    painter: QPainter,
    rect: QRectF,
    items: Sequence[tuple[str, int | None]],
    missing_text: str = "—",
) -> None:
    """Horizontal bars of counts (None: suppressed, drawn as text only)."""
    ink = painter.pen().color()
    if not items:
        return
    line = min(rect.height() / len(items), painter.fontMetrics().height() * 1.6)
    most = max((v or 0) for _, v in items) or 1
    label_w = _label_width(painter, rect, [label for label, _ in items])
    for i, (label, value) in enumerate(items):
        top = rect.top() + i * line
        _text_pen(painter, ink)
        painter.drawText(
            QRectF(rect.left(), top, label_w - 6, line),
            Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle,
                                             int(label_w - 6)),
        )
        width = (rect.width() - label_w - 60) * (value or 0) / most
        painter.fillRect(
            QRectF(rect.left() + label_w, top + line * 0.2, width, line * 0.6),
            BAR if value is not None else MISSING,
        )
        _text_pen(painter, ink)
        painter.drawText(
            QRectF(rect.left() + label_w + width + 6, top, 60, line),
            Qt.AlignmentFlag.AlignVCenter,
            missing_text if value is None else QLocale().toString(value),
        )


class Chart(QWidget):
    """A widget that paints with one of the functions above (set with :meth:`set_painter`)."""

    def __init__(self, minimum: QSize | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paint: Painter | None = None
        self.setMinimumSize(minimum or QSize(320, 120))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_painter(self, paint: Painter | None) -> None:
        self._paint = paint
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self._paint is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        painter.setPen(self.palette().text().color())
        self._paint(painter, QRectF(self.rect()).adjusted(6, 6, -6, -6))
        painter.end()
