"""Plurality: women and non-Russian shares against the paper's targets, group counts.

Three populations side by side — all people, participants of supported events and
programmes, support recipients. Undisclosed gender and ethnicity are counted apart and left
out of the shares (DESIGN §1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from registry.domain.enums import Group
from registry.gui import display
from registry.gui.dashboard.charts import Chart, ShareRow, paint_share_bars
from registry.gui.dashboard.common import fill_table, make_table, num, pct
from registry.gui.i18n import translate
from registry.gui.widgets import ColumnFit

if TYPE_CHECKING:
    from registry.analytics.dashboard import DashboardData
    from registry.analytics.targets import Targets

POPULATIONS = ("people", "participants", "recipients")


def population_titles() -> dict[str, str]:
    return {
        "people": translate("Dashboard", "All people"),
        "participants": translate("Dashboard", "Participants of supported events and programmes"),
        "recipients": translate("Dashboard", "Support recipients"),
    }


def share_rows(stats: dict[str, Any], targets: Targets) -> list[ShareRow]:
    """Women and non-Russian bars for each population (shared with the briefing)."""
    rows = []
    titles = {
        "people": translate("Dashboard", "all people"),
        "participants": translate("Dashboard", "participants"),
        "recipients": translate("Dashboard", "recipients"),
    }
    women_band = (targets.women - targets.women_tolerance, targets.women + targets.women_tolerance)
    for pop in POPULATIONS:
        fig = stats.get(pop, {})
        rows.append(
            ShareRow(
                translate("Dashboard", "Women — {0}").replace("{0}", titles[pop]),
                fig.get("women_share"),
                *women_band,
                fig.get("women_ok"),
            )
        )
        rows.append(
            ShareRow(
                translate("Dashboard", "Non-Russian origin — {0}").replace("{0}", titles[pop]),
                fig.get("non_russian_share"),
                targets.non_russian_min,
                targets.non_russian_goal,
                fig.get("non_russian_ok"),
            )
        )
    return rows


def metric_rows(stats: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(label, one text per population) for the counts table (shared with the briefing)."""
    groups = display.enum_labels(Group)
    spec: list[tuple[str, Any]] = [
        (translate("Dashboard", "People"), lambda f: num(f.get("total"))),
        (translate("Dashboard", "Women"), lambda f: num(f.get("women"))),
        (translate("Dashboard", "Men"), lambda f: num(f.get("men"))),
        (translate("Dashboard", "Other gender"), lambda f: num(f.get("other"))),
        (
            translate("Dashboard", "Gender undisclosed (counted apart)"),
            lambda f: num(f.get("undisclosed")),
        ),
        (translate("Dashboard", "Women share (of declared)"), lambda f: pct(f.get("women_share"))),
        (translate("Dashboard", "Ethnicity declared"), lambda f: num(f.get("ethnicity_declared"))),
        (
            translate("Dashboard", "Ethnicity undisclosed (counted apart)"),
            lambda f: num(f.get("ethnicity_undisclosed")),
        ),
        (translate("Dashboard", "Non-Russian ethnic origin"), lambda f: num(f.get("non_russian"))),
        (
            translate("Dashboard", "Non-Russian share (of declared)"),
            lambda f: pct(f.get("non_russian_share")),
        ),
    ]
    spec += [
        (groups.get(g.value, g.value), lambda f, g=g: num(f.get("groups", {}).get(g.value)))
        for g in Group
    ]
    spec += [
        (translate("Dashboard", "In any group"), lambda f: num(f.get("with_any_group"))),
        (translate("Dashboard", "Inside Russia"), lambda f: num(f.get("inside_russia"))),
    ]
    return [(label, [fn(stats.get(p, {})) for p in POPULATIONS]) for label, fn in spec]


class PluralityTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.targets_label = QLabel(self)
        self.targets_label.setWordWrap(True)
        layout.addWidget(self.targets_label)
        self.bars = Chart(QSize(480, 220), self)
        layout.addWidget(self.bars)
        self.table = make_table(self)
        self.table.setObjectName("pluralityTable")
        # every population's column at least as wide as its title; the figures' names give way
        self._fit = ColumnFit(self.table, stretch=0, cap=0.4)
        layout.addWidget(self.table, 1)

    def show_data(self, data: DashboardData) -> None:
        t = data.targets
        self.targets_label.setText(
            translate(
                "Dashboard",
                "Targets: women {0} ± {1}; non-Russian ethnic origin at least {2}, goal {3}. "
                "Shaded: the target band.",
            )
            .replace("{0}", pct(t.women))
            .replace("{1}", pct(t.women_tolerance))
            .replace("{2}", pct(t.non_russian_min))
            .replace("{3}", pct(t.non_russian_goal))
        )
        rows = share_rows(data.stats, t)
        self.bars.set_painter(lambda p, r: paint_share_bars(p, r, rows))
        titles = population_titles()
        metrics = metric_rows(data.stats)
        fill_table(
            self.table,
            [translate("Dashboard", "Figure"), *(titles[p] for p in POPULATIONS)],
            [(label, *values) for label, values in metrics],
            sortable=False,
        )
        for row in range(self.table.rowCount()):  # a long figure's name may be elided
            if (item := self.table.item(row, 0)) is not None:
                item.setToolTip(item.text())
        self._fit.fit()

    def clear(self) -> None:
        self.targets_label.clear()
        self.bars.set_painter(None)
        self.table.clear()
        self.table.setRowCount(0)
