"""Evaluations on the paper's three criteria: every evaluated actor with the spread of its
assessors' latest scores (disagreements highlighted), one actor's evaluations side by side,
and the trend of mean scores over time."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from registry.gui import display
from registry.gui.dashboard.charts import Chart, Painter, paint_trend
from registry.gui.dashboard.common import fill_table, make_table
from registry.gui.i18n import counts, date_text, number, translate

if TYPE_CHECKING:
    from registry.analytics.dashboard import DashboardData
    from registry.analytics.evaluations import SideBySide, TrendPoint


def criteria() -> list[str]:
    return [
        translate("Dashboard", "Standards and visions"),
        translate("Dashboard", "Knowledge for debate"),
        translate("Dashboard", "Work inside Russia"),
    ]


def trend_painter(points: list[TrendPoint]) -> Painter:
    periods = [p.period for p in points]
    series = [[p.mean[k] for p in points] for k in range(3)]
    names = criteria()
    return lambda painter, rect: paint_trend(painter, rect, periods, series, names)


def _score(value: float | int | None) -> str:
    if value is None:
        return "—"
    return number(value, 1) if isinstance(value, float) else number(value)


class EvaluationsTab(QWidget):
    """Signals are those of its tables; the dashboard asks for one actor's side-by-side
    view when a row is selected (:attr:`subject_selected`)."""

    def __init__(self, on_subject: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_subject = on_subject
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.subjects = make_table(split)
        self.subjects.setObjectName("evaluationSubjects")
        self.subjects.itemSelectionChanged.connect(self._selected)
        lower = QWidget(split)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_label = QLabel(lower)
        lower_layout.addWidget(self.detail_label)
        self.detail = make_table(lower)
        self.detail.setObjectName("sideBySide")
        lower_layout.addWidget(self.detail, 1)
        self.trend = Chart(QSize(320, 160), lower)
        lower_layout.addWidget(self.trend, 1)
        layout.addWidget(split, 1)

    def show_data(self, data: DashboardData) -> None:
        subjects = data.subjects
        evaluated = len(subjects)
        disagreeing = sum(s.disagreement for s in subjects)
        self.summary.setText(
            translate("Dashboard", "{0}; {1} {2} (highlighted)")
            .replace("{0}", counts().actors_evaluated(evaluated))
            .replace("{1}", counts().disagreeing(disagreeing))
            .replace("{2}", counts().by_points_or_more(data.targets.disagreement_spread))
        )
        c = criteria()
        fill_table(
            self.subjects,
            [
                translate("Dashboard", "Actor"),
                translate("Dashboard", "Assessors"),
                *(translate("Dashboard", "{0}: mean").replace("{0}", n) for n in c),
                *(translate("Dashboard", "{0}: spread").replace("{0}", n) for n in c),
            ],
            [
                (data.name(s.subject), s.assessors, *map(_score, s.mean), *map(_score, s.spread))
                for s in subjects
            ],
            highlight=[s.disagreement for s in subjects],
            keys=[s.subject for s in subjects],
        )
        self.detail_label.setText(
            translate(
                "Dashboard",
                "Select an actor to see every assessor's evaluations. Trend over all actors:",
            )
        )
        self.detail.setRowCount(0)
        self.trend.set_painter(trend_painter(data.trend))

    def _selected(self) -> None:
        rows = self.subjects.selectionModel().selectedRows()
        if rows:
            item = self.subjects.item(rows[0].row(), 0)
            if item is not None:
                self._on_subject(str(item.data(Qt.ItemDataRole.UserRole)))

    def show_subject(self, result: tuple[SideBySide, list[TrendPoint], str]) -> None:
        sbs, points, label = result
        self.detail_label.setText(
            translate("Dashboard", "Evaluations of {0} (latest per assessor in bold):").replace(
                "{0}", display.actor_text(label)
            )
        )
        c = criteria()
        fill_table(
            self.detail,
            [translate("Dashboard", "Date"), translate("Dashboard", "Assessor"), *c],
            [
                (date_text(a.date), a.assessor_name or a.assessor[:12], *map(_score, a.scores))
                for a in sbs.assessments
            ],
            sortable=False,
        )
        for row, a in enumerate(sbs.assessments):
            for col in range(self.detail.columnCount()):
                item = self.detail.item(row, col)
                if item is None:
                    continue
                font = item.font()
                font.setBold(a.latest)
                item.setFont(font)
        self.trend.set_painter(trend_painter(points))

    def clear(self) -> None:
        self.summary.clear()
        self.detail_label.clear()
        self.subjects.setRowCount(0)
        self.detail.setRowCount(0)
        self.trend.set_painter(None)
