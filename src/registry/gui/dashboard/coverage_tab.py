"""Regional coverage: the tile map by actors of origin or by organisations covering a region,
federal-district totals, and the blind spots (regions no organisation covers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
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
        side = QWidget(split)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.districts = make_table(side)
        self.districts.setObjectName("districtTable")
        side_layout.addWidget(self.districts, 2)
        self.blind_label = QLabel(side)
        self.blind_label.setWordWrap(True)  # "Blind spots: …" is wider than the side column
        side_layout.addWidget(self.blind_label)
        self.blind = QListWidget(side)
        self.blind.setObjectName("blindSpots")
        # a region's name in both scripts is wider than the side column: it wraps, whole
        self.blind.setWordWrap(True)
        self.blind.setResizeMode(QListView.ResizeMode.Adjust)
        self.blind.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_layout.addWidget(self.blind, 1)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

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
        fill_table(
            self.districts,
            [
                translate("Dashboard", "Federal district"),
                translate("Dashboard", "People of origin"),
                translate("Dashboard", "Covering organisations"),
                translate("Dashboard", "Covering media"),
                translate("Dashboard", "Regions covered"),
            ],
            rows,
        )
        self.blind.clear()
        silent = set(regions["silent"])
        russian = QLocale().language() == QLocale.Language.Russian
        for code in regions["blind_spots"]:
            ru, en = data.region_names.get(code, (code, code))
            mark = translate("Dashboard", " — no actor of origin either") if code in silent else ""
            name = ru if russian else f"{en} / {ru}"  # a Russian screen reads no transliteration
            self.blind.addItem(f"{name} ({code}){mark}")
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
