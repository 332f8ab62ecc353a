"""Regional coverage: the tile map by actors of origin or by organisations covering a region,
federal-district totals, and the blind spots (regions no organisation covers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from registry.gui.dashboard.common import fill_table, make_table
from registry.gui.dashboard.regionmap import RegionMap
from registry.gui.i18n import counts, translate
from registry.gui.widgets import NB_HYPHEN, ColumnFit, with_tooltip

if TYPE_CHECKING:
    from registry.analytics.dashboard import DashboardData

MODES = ("origin", "coverage", "coverage_media")


def mode_titles() -> dict[str, str]:
    return {
        "origin": translate("Dashboard", "People by region of origin"),
        "coverage": translate("Dashboard", "Organisations and media covering the region"),
        "coverage_media": translate("Dashboard", "Media covering the region"),
    }


def district_titles() -> dict[str, str]:
    return {
        "central": translate("Dashboard", "Central"),
        "northwestern": translate("Dashboard", "Northwestern"),
        "southern": translate("Dashboard", "Southern"),
        "north_caucasian": translate("Dashboard", "North Caucasian"),
        "volga": translate("Dashboard", "Volga"),
        "ural": translate("Dashboard", "Ural"),
        "siberian": translate("Dashboard", "Siberian"),
        "far_eastern": translate("Dashboard", "Far Eastern"),
        "occupied_ukraine": translate(
            "Dashboard", "Occupied Ukrainian territory (Crimea, Sevastopol)"
        ),
    }


MAP_LEAST_HEIGHT = 300  # px: the tile map's least height beside the district table


class CoverageTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: DashboardData | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.mode = QComboBox(self)
        self.mode.setObjectName("coverageMode")
        for key, title in mode_titles().items():
            self.mode.addItem(title, key)
        self.mode.currentIndexChanged.connect(self._draw)
        bar.addWidget(QLabel(translate("Dashboard", "Colour by:"), self))
        bar.addWidget(self.mode)
        bar.addStretch(1)
        layout.addLayout(bar)
        split = QSplitter(self)
        self.map = RegionMap(split)
        self.map.setMinimumHeight(MAP_LEAST_HEIGHT)
        side = QWidget(split)
        # the district table above the blind spots beside the map; where the map and the
        # table do not fit side by side (125 % on a 1280×800 laptop), the two go under the
        # map, next to each other (see _size_split)
        self._side_layout = side_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.districts = make_table(side)
        self.districts.setObjectName("districtTable")
        # five columns in the side column at 125 %: short headers, columns fitted to
        # the width (district names elide in the middle, whole as tooltip), never sideways
        self._fit_districts = ColumnFit(self.districts, stretch=0, cap=0.2)
        self.districts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_layout.addWidget(self.districts, 2)
        spots = QWidget(side)
        spots_layout = QVBoxLayout(spots)
        spots_layout.setContentsMargins(0, 0, 0, 0)
        self.blind_label = QLabel(spots)
        self.blind_label.setWordWrap(True)  # "Blind spots: …" is wider than the side column
        spots_layout.addWidget(self.blind_label)
        self.blind = QListWidget(spots)
        self.blind.setObjectName("blindSpots")
        # a region's name in both scripts is wider than the side column: it wraps, whole
        self.blind.setWordWrap(True)
        self.blind.setResizeMode(QListView.ResizeMode.Adjust)
        self.blind.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        spots_layout.addWidget(self.blind, 1)
        side_layout.addWidget(spots, 1)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self._split, self._split_moved = split, False
        split.splitterMoved.connect(self._on_split_moved)
        layout.addWidget(split, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._size_split)  # once the splitter has its width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._size_split)

    def _on_split_moved(self, *_args: object) -> None:
        self._split_moved = True  # the user's own division stands

    def _column_need(self, column: int) -> int:
        """A column's header and its texts whole; the district names but the longest one
        (a long last row, elided in the middle with its tooltip, leaves the map its room)."""
        table = self.districts
        widths = sorted(table.sizeHintForIndex(table.model().index(row, column)).width()
                        for row in range(table.rowCount()))
        content = widths[-2 if column == 0 and len(widths) > 1 else -1] if widths else 0
        return max(table.horizontalHeader().sectionSizeHint(column), content)

    def _size_split(self) -> None:
        """Unless the user moved it: the side column as wide as the district table's columns
        side by side, names and headers whole (the map, which scales, keeps the rest and at
        least its minimum), so the table never scrolls sideways and no header is cut
        ("Федера…"). Where even that leaves the map too narrow, the table and the blind spots
        go under the map, side by side."""
        header = self.districts.horizontalHeader()
        split = self._split
        if self._split_moved or not self.isVisible() or header.count() == 0:
            return
        need = sum(self._column_need(c) for c in range(header.count())) \
            + self.districts.verticalScrollBar().sizeHint().width() \
            + 2 * self.districts.frameWidth() + 4
        width = split.width()
        beside = width >= self.map.minimumWidth() + need + split.handleWidth()
        split.setOrientation(Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical)
        # under the map the table and the blind spots need height: the map, wide now, gives
        # up some of its least (its tiles follow the smaller side)
        self.map.setMinimumHeight(MAP_LEAST_HEIGHT if beside else MAP_LEAST_HEIGHT * 4 // 5)
        self._side_layout.setDirection(QBoxLayout.Direction.TopToBottom if beside
                                       else QBoxLayout.Direction.LeftToRight)
        total = sum(split.sizes())
        if total <= 0:
            return
        if beside:
            side = max(total * 2 // 5, need)
        else:  # under the map: what the map leaves above its minimum, and at least a third
            side = max(total // 3, total - max(self.map.minimumHeight(), total * 3 // 5))
        if split.sizes()[1] != side:
            split.blockSignals(True)
            split.setSizes([total - side, side])
            split.blockSignals(False)

    def show_data(self, data: DashboardData) -> None:
        self._data = data
        regions = data.stats["regions"]
        names = district_titles()
        rows = [
            (
                names.get(d, d),
                v["origin"],
                v["covered"],
                v["covered_media"],
                f"{v['regions_covered']} / {v['regions']}",
            )
            for d, v in regions["districts"].items()
        ]
        # short headers, so five columns fit the side column at 125 % (no sideways scrolling,
        # no "Федера…"); each says in full what it counts as its tooltip
        fill_table(
            self.districts,
            [
                translate("Dashboard", "District"),
                translate("Dashboard", "People"),
                translate("Dashboard", "Organisations"),
                translate("Dashboard", "Media"),
                translate("Dashboard", "Regions"),
            ],
            rows,
        )
        for column, tip in enumerate((
                translate("Dashboard", "Federal district"),
                translate("Dashboard", "People of origin"),
                translate("Dashboard", "Covering organisations"),
                translate("Dashboard", "Covering media"),
                translate("Dashboard", "Regions covered"))):
            if (head := self.districts.horizontalHeaderItem(column)) is not None:
                head.setToolTip(tip)
        for row in range(self.districts.rowCount()):
            for column in range(self.districts.columnCount()):
                if (item := self.districts.item(row, column)) is not None:
                    with_tooltip(item)
        self._fit_districts.fit()
        self._size_split()
        self.blind.clear()
        silent = set(regions["silent"])
        russian = QLocale().language() == QLocale.Language.Russian
        for code in regions["blind_spots"]:
            ru, en = data.region_names.get(code, (code, code))
            mark = translate("Dashboard", " — no actor of origin either") if code in silent else ""
            name = ru if russian else f"{en} / {ru}"  # a Russian screen reads no transliteration
            # a code is never broken at its hyphen ("(RU-" and "BEL)" on two lines)
            self.blind.addItem(f"{name} ({code.replace('-', NB_HYPHEN)}){mark}")
        self.blind_label.setText(
            counts().blind_spots_of_regions(len(regions["blind_spots"]), len(data.tiles)))
        self._draw()

    def _draw(self, *_args: object) -> None:
        if self._data is None:
            return
        key = self.mode.currentData() or "origin"
        self.map.set_data(
            self._data.tiles, self._data.stats["regions"][key], self._data.region_names
        )

    def clear(self) -> None:
        self._data = None
        self.map.clear()
        self.districts.setRowCount(0)
        self.blind.clear()
        self.blind_label.clear()
