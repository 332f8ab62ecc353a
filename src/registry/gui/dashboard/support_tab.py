"""Support coordination: concentration, horizons, gaps, overlaps and the provider × recipient
matrix over time (DESIGN §8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from registry.domain.enums import Group, Horizon, SupportKind
from registry.gui import display
from registry.gui.dashboard.common import fill_table, make_table, num, pct
from registry.gui.i18n import translate
from registry.gui.layouts import VerticalScroll

if TYPE_CHECKING:
    from registry.analytics.dashboard import DashboardData


def status_titles() -> dict[str, str]:
    return {
        "ok": translate("Dashboard", "on target"),
        "below_target": translate("Dashboard", "below target"),
        "below_parity": translate("Dashboard", "below parity"),
        "without_support": translate("Dashboard", "no support"),
        "no_data": translate("Dashboard", "no data"),
    }


def group_titles() -> dict[str, str]:
    return {
        "women": translate("Dashboard", "Women"),
        "non_russian": translate("Dashboard", "Non-Russian ethnic origin"),
        **display.enum_labels(Group),
    }


def concentration_rows(support: dict[str, Any]) -> list[tuple[str, str]]:
    """The headline concentration figures as (label, text) (shared with the briefing)."""
    shares = (
        support.get("by_currency", {}).get(support.get("currency"), {}).get("founded_shares", {})
    )
    return [
        (
            translate("Dashboard", "Total given ({0})").replace(
                "{0}", str(support.get("currency"))
            ),
            num(support.get("total")),
        ),
        (translate("Dashboard", "Recipients with amounts"), num(support.get("recipients"))),
        (translate("Dashboard", "Providers"), num(support.get("providers"))),
        (translate("Dashboard", "Top-10 recipients' share"), pct(support.get("top10_share"))),
        (
            translate("Dashboard", "HHI over recipients (0–10,000)"),
            "—" if support.get("hhi") is None else num(support["hhi"] * 10_000),
        ),
        (
            translate("Dashboard", "HHI over providers (0–10,000)"),
            "—"
            if support.get("provider_hhi") is None
            else num(support["provider_hhi"] * 10_000),
        ),
        (
            translate("Dashboard", "To organisations founded before 2022"),
            pct(shares.get("before_2022")),
        ),
        (
            translate("Dashboard", "To organisations founded since 2022"),
            pct(shares.get("since_2022")),
        ),
        (translate("Dashboard", "To people"), pct(shares.get("people"))),
        (
            translate("Dashboard", "Overlapping support (recipient and kind)"),
            num(len(support.get("overlaps", [])))
            if isinstance(support.get("overlaps"), list)
            else num(support.get("overlaps")),
        ),
    ]


class SupportTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: DashboardData | None = None
        layout = QHBoxLayout(self)
        column = QWidget(self)
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        self.figures = QGroupBox(translate("Dashboard", "Concentration"), column)
        self.form = QFormLayout(self.figures)
        left.addWidget(self.figures)
        self.horizons = make_table(column)
        self.horizons.setObjectName("horizonTable")
        left.addWidget(QLabel(translate("Dashboard", "Horizons"), column))
        left.addWidget(self.horizons)
        self.gaps = make_table(column)
        self.gaps.setObjectName("gapTable")
        left.addWidget(QLabel(translate("Dashboard", "Gaps: groups among recipients"), column))
        left.addWidget(self.gaps)
        layout.addWidget(VerticalScroll(column, self), 2)  # taller than a short screen
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._matrix_page(), translate("Dashboard", "Matrix"))
        self.tabs.addTab(self._overlap_page(), translate("Dashboard", "Overlaps"))
        layout.addWidget(self.tabs, 3)

    def _matrix_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.year = QComboBox(page)
        self.year.setObjectName("matrixYear")
        self.year.currentIndexChanged.connect(self._fill_pairs)
        bar.addWidget(QLabel(translate("Dashboard", "Year:"), page))
        bar.addWidget(self.year)
        bar.addStretch(1)
        box.addLayout(bar)
        self.by_year = make_table(page)
        self.by_year.setObjectName("providerYears")
        box.addWidget(self.by_year, 1)
        self.pairs = make_table(page)
        self.pairs.setObjectName("matrixPairs")
        box.addWidget(self.pairs, 2)
        return page

    def _overlap_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.kind = QComboBox(page)
        self.kind.setObjectName("overlapKind")
        self.kind.addItem(translate("Dashboard", "Any kind"), None)
        for value, text in display.enum_labels(SupportKind).items():
            self.kind.addItem(text, value)
        self.kind.currentIndexChanged.connect(self._fill_overlaps)
        bar.addWidget(QLabel(translate("Dashboard", "Kind:"), page))
        bar.addWidget(self.kind)
        bar.addStretch(1)
        box.addLayout(bar)
        self.overlaps = make_table(page)
        self.overlaps.setObjectName("overlapTable")
        box.addWidget(self.overlaps)
        return page

    def show_data(self, data: DashboardData) -> None:
        self._data = data
        support = data.stats["support"]
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, text in concentration_rows(support):
            self.form.addRow(label, QLabel(text, self.figures))
        horizon_names = {
            **display.enum_labels(Horizon),
            "unspecified": translate("Dashboard", "Unspecified"),
        }
        fill_table(
            self.horizons,
            [
                translate("Dashboard", "Horizon"),
                translate("Dashboard", "Supports"),
                translate("Dashboard", "Recipients"),
                translate("Dashboard", "Running today"),
                translate("Dashboard", "Amounts"),
            ],
            [
                (
                    horizon_names.get(k, k),
                    h["supports"],
                    h["recipients"],
                    h["active"],
                    ", ".join(f"{num(v)} {c}" for c, v in h["amounts"].items()),
                )
                for k, h in support["horizons"].items()
            ],
        )
        groups, statuses = group_titles(), status_titles()
        fill_table(
            self.gaps,
            [
                translate("Dashboard", "Group"),
                translate("Dashboard", "People"),
                translate("Dashboard", "Recipients"),
                translate("Dashboard", "Share of people"),
                translate("Dashboard", "Share of recipients"),
                translate("Dashboard", "Status"),
            ],
            [
                (
                    groups.get(g["group"], g["group"]),
                    g["people"],
                    g["recipients"],
                    pct(g["share_people"]),
                    pct(g["share_recipients"]),
                    statuses.get(g["status"], g["status"]),
                )
                for g in support["gaps"]
            ],
            highlight=[g["status"] not in ("ok", "no_data") for g in support["gaps"]],
        )
        self._fill_matrix()
        self._fill_overlaps()

    def _fill_matrix(self) -> None:
        assert self._data is not None
        cells = self._data.matrix
        years = sorted({c.year for c in cells if c.year is not None})
        per: dict[str, dict[int | None, int]] = {}
        for c in cells:
            row = per.setdefault(c.provider, {})
            row[c.year] = row.get(c.year, 0) + c.supports
        name = self._data.name
        fill_table(
            self.by_year,
            [
                translate("Dashboard", "Provider"),
                *map(str, years),
                translate("Dashboard", "Undated"),
            ],
            [
                (name(p), *(row.get(y, 0) for y in years), row.get(None, 0))
                for p, row in sorted(per.items(), key=lambda i: name(i[0]))
            ],
        )
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(translate("Dashboard", "All years"), None)
        for y in reversed(years):
            self.year.addItem(str(y), y)
        self.year.blockSignals(False)
        self._fill_pairs()

    def _fill_pairs(self, *_args: object) -> None:
        if self._data is None:
            return
        year = self.year.currentData()
        pairs: dict[tuple[str, str], list[Any]] = {}
        for c in self._data.matrix:
            if year is None or c.year == year:
                entry = pairs.setdefault((c.provider, c.recipient), [0, {}])
                entry[0] += c.supports
                for cur, v in c.amounts.items():
                    entry[1][cur] = entry[1].get(cur, 0.0) + v
        name = self._data.name
        fill_table(
            self.pairs,
            [
                translate("Dashboard", "Provider"),
                translate("Dashboard", "Recipient"),
                translate("Dashboard", "Supports"),
                translate("Dashboard", "Amounts"),
            ],
            [
                (name(p), name(r), n, ", ".join(f"{num(v)} {c}" for c, v in a.items()))
                for (p, r), (n, a) in pairs.items()
            ],
        )

    def _fill_overlaps(self, *_args: object) -> None:
        if self._data is None:
            return
        kind = self.kind.currentData()
        kinds = display.enum_labels(SupportKind)
        name = self._data.name
        rows = [
            (
                name(o["recipient"]),
                kinds.get(o["kind"], o["kind"]),
                ", ".join(name(p) for p in o["providers"]),
                o["start"],
                o["end"] or translate("Dashboard", "running"),
            )
            for o in self._data.stats["support"]["overlaps"]
            if kind is None or o["kind"] == kind
        ]
        fill_table(
            self.overlaps,
            [
                translate("Dashboard", "Recipient"),
                translate("Dashboard", "Kind"),
                translate("Dashboard", "Providers"),
                translate("Dashboard", "From"),
                translate("Dashboard", "To"),
            ],
            rows,
        )

    def clear(self) -> None:
        self._data = None
        while self.form.rowCount():
            self.form.removeRow(0)
        for table in (self.horizons, self.gaps, self.by_year, self.pairs, self.overlaps):
            table.setRowCount(0)
        self.year.clear()
