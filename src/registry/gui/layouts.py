"""Layouts that let a page fit a small screen (1280×800 at 125 %: 1024×640 logical px)
instead of making the main window wider or taller than the screen.

- :class:`FlowLayout` places its widgets in a row and wraps them onto the next row when the
  row is full (a section's filter bar: five combo boxes in Russian are wider than the screen);
- :class:`VerticalScroll` scrolls a column up and down, never sideways: as wide at least as
  its column, as short as a scroll area.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QLayout, QLayoutItem, QScrollArea, QStyle, QWidget


class FlowLayout(QLayout):
    """Items left to right at their size hints, wrapping to a new row; as wide at least as
    its widest item, as tall as its rows need for the width it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    # -- QLayout ------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """Every item on one row."""
        width = sum(i.sizeHint().width() for i in self._visible())
        width += self._spacing(Qt.Orientation.Horizontal) * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        """The widest item (each row holds one at least)."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    # -- placing ------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _with_margins(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _spacing(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is None:
            return 6
        metric = (QStyle.PixelMetric.PM_LayoutHorizontalSpacing
                  if orientation == Qt.Orientation.Horizontal
                  else QStyle.PixelMetric.PM_LayoutVerticalSpacing)
        value = parent.style().pixelMetric(metric, None, parent)
        return value if value >= 0 else 6

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (only measure unless ``move``); the height used."""
        area = rect.marginsRemoved(self.contentsMargins())
        h_gap, v_gap = (self._spacing(Qt.Orientation.Horizontal),
                        self._spacing(Qt.Orientation.Vertical))
        x, y, row_height = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()  # narrower than its hint only on a row narrower than it
            hint.setWidth(min(hint.width(), max(item.minimumSize().width(), area.width())))
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, row_height = area.x(), y + row_height + v_gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + h_gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + self.contentsMargins().bottom()



class VerticalScroll(QScrollArea):
    """A scroll area for a column of widgets that scrolls only up and down: its minimum width
    is the column's, so nothing in the column is cut at its right edge."""

    def __init__(self, column: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidgetResizable(True)
        self.setWidget(column)
        column.installEventFilter(self)

    def _extra(self) -> int:
        return (self.verticalScrollBar().sizeHint().width()
                + self.frameWidth() * 2)

    def minimumSizeHint(self) -> QSize:
        column = self.widget()
        width = column.minimumSizeHint().width() if column is not None else 0
        return QSize(width + self._extra(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        column = self.widget()
        if column is None:
            return super().sizeHint()
        return column.sizeHint() + QSize(self._extra(), self.frameWidth() * 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the column's minimum width may have changed
        return super().eventFilter(watched, event)
