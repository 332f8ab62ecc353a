"""Permits expiring within 30, 90 and 180 days, grouped by host country, with the people.

Holders who are protected (inside Russia or marked protected) appear under a pseudonym
unless the dashboard's "Reveal protected names" is on; the labels come from the worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from registry.domain.enums import SupportKind
from registry.gui import display
from registry.gui.editors.pickers import country_name
from registry.gui.i18n import counts, date_text, number, translate

if TYPE_CHECKING:
    from registry.analytics.dashboard import DashboardData

WINDOWS = (30, 90, 180)


def expiring_text(figures: dict[str, int], days: int) -> str:
    """"Within 30 days: 3 permits of 2 people", each count in its plural form."""
    permits, people = figures[f"expiring_{days}"], figures[f"people_{days}"]
    return (translate("Dashboard", "{0}: {1} {2}")
            .replace("{0}", counts().within_days(days))
            .replace("{1}", counts().permits(permits))
            .replace("{2}", counts().of_people(people)))


class PermitsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget(self)
        self.trees: dict[int, QTreeWidget] = {}
        for days in WINDOWS:
            tree = QTreeWidget(self.tabs)
            tree.setObjectName(f"permits{days}")
            tree.setHeaderLabels(
                [
                    translate("Dashboard", "Host country / holder"),
                    translate("Dashboard", "Kind"),
                    translate("Dashboard", "Ends"),
                    translate("Dashboard", "Days left"),
                    translate("Dashboard", "Provider"),
                ]
            )
            tree.setAlternatingRowColors(True)
            self.trees[days] = tree
            self.tabs.addTab(
                tree, counts().within_days(days)
            )
        layout.addWidget(self.tabs, 1)

    def show_data(self, data: DashboardData) -> None:
        expiry = data.permits
        figures = data.stats["permits"]
        self.summary.setText("; ".join(expiring_text(figures, d) for d in WINDOWS))
        kinds = display.enum_labels(SupportKind)
        for days, tree in self.trees.items():
            tree.clear()
            groups: dict[str, QTreeWidgetItem] = {}
            for permit in expiry.within(days):
                country = country_name(permit.country) if permit.country else \
                    translate("Dashboard", "unknown")
                parent = groups.get(country)
                if parent is None:
                    parent = groups[country] = QTreeWidgetItem(tree, [country])
                QTreeWidgetItem(
                    parent,
                    [
                        display.actor_text(permit.recipient_label),
                        kinds.get(permit.kind, permit.kind),
                        date_text(permit.end),
                        number(permit.days_left),
                        data.name(permit.provider),
                    ],
                )
            for country, item in groups.items():
                item.setText(0, f"{country} ({number(item.childCount())})")
            tree.expandAll()
            tree.resizeColumnToContents(0)

    def clear(self) -> None:
        self.summary.clear()
        for tree in self.trees.values():
            tree.clear()
