"""The Dashboard section: plurality, coverage, support, permits and evaluations in tabs.

Figures load on the database thread the first time the section is shown (not at unlock),
and again on Refresh. The vault's own screen shows unsuppressed figures; the PDF briefing
(:mod:`registry.gui.briefing`) suppresses small cells. "Reveal protected names" is off by
default and is switched off again on lock (:meth:`clear`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from registry.gui.dashboard.coverage_tab import CoverageTab
from registry.gui.dashboard.evaluations_tab import EvaluationsTab
from registry.gui.dashboard.permits_tab import PermitsTab
from registry.gui.dashboard.plurality_tab import PluralityTab
from registry.gui.dashboard.support_tab import SupportTab
from registry.gui.display import actor_text
from registry.gui.empty import dashboard_hint
from registry.gui.i18n import date_text, translate
from registry.gui.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from registry.analytics.dashboard import DashboardData
    from registry.analytics.evaluations import SideBySide, TrendPoint
    from registry.analytics.targets import Targets


class DashboardView(QWidget):
    """Signals:
    loaded(): the figures are on screen.
    failed(str): loading or saving failed (a message safe to show).
    briefing_written(str): the PDF briefing was saved at this path.
    """

    loaded = Signal()
    failed = Signal(str)
    briefing_written = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._today = today
        self._generation = 0
        self.data: DashboardData | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        self.empty_hint = QLabel(self)  # an empty vault: what fills the figures
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet(
            "QLabel { background: #e8f0fe; border: 1px solid #b6c8ef; padding: 6px; }")
        self.empty_hint.hide()
        layout.addWidget(self.empty_hint)
        self.tabs = QTabWidget(self)
        self._build_tabs()
        layout.addWidget(self.tabs, 1)

    def _build_tabs(self) -> None:
        self.plurality = PluralityTab(self.tabs)
        self.coverage = CoverageTab(self.tabs)
        self.support = SupportTab(self.tabs)
        self.permits = PermitsTab(self.tabs)
        self.evaluations = EvaluationsTab(self._load_subject, self.tabs)
        self._tabs = (self.plurality, self.coverage, self.support, self.permits, self.evaluations)
        for page, title in zip(self._tabs, self._titles(), strict=True):
            self.tabs.addTab(page, title)

    @staticmethod
    def _titles() -> list[str]:
        return [
            translate("Dashboard", "Plurality"),
            translate("Dashboard", "Regional coverage"),
            translate("Dashboard", "Support"),
            translate("Dashboard", "Permits"),
            translate("Dashboard", "Evaluations"),
        ]

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.status = QLabel(self)
        bar.addWidget(self.status, 1)
        self.reveal = QCheckBox(self)
        self.reveal.setObjectName("revealProtected")
        self.reveal.toggled.connect(self.refresh)
        bar.addWidget(self.reveal)
        self.targets_button = QPushButton(self)
        self.targets_button.clicked.connect(self.edit_targets)
        bar.addWidget(self.targets_button)
        self.briefing_button = QPushButton(self)
        self.briefing_button.clicked.connect(self._ask_briefing)
        bar.addWidget(self.briefing_button)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        self._toolbar_texts()
        return bar

    def _toolbar_texts(self) -> None:
        self.reveal.setText(translate("Dashboard", "Reveal protected names"))
        self.reveal.setToolTip(
            translate(
                "Dashboard",
                "People inside Russia and protected records are shown under "
                "a pseudonym unless revealed. Locking hides them again.",
            )
        )
        self.targets_button.setText(translate("Dashboard", "Targets…"))
        self.briefing_button.setText(translate("Dashboard", "Briefing PDF…"))
        self.refresh_button.setText(translate("Dashboard", "Refresh"))

    # -- life cycle ------------------------------------------------------------------------------
    def activate(self) -> None:
        """Load the figures the first time the section is shown."""
        if self.data is None:
            self.refresh()

    def refresh(self, *_args: object) -> None:
        self._generation += 1
        generation, reveal, today = self._generation, self.reveal.isChecked(), self._today()
        self.status.setText(translate("Dashboard", "Computing figures…"))
        self._tasks.run(
            lambda reg: reg.analytics.dashboard(today, reveal=reveal),
            lambda d: self._show(generation, d),
            self._failed,
        )

    def _show(self, generation: int, data: DashboardData) -> None:
        if generation != self._generation:
            return
        self.data = data
        data.names = {i: actor_text(text) for i, text in data.names.items()}  # pseudonyms
        for page in self._tabs:
            page.show_data(data)
        self.empty_hint.setText(dashboard_hint())
        self.empty_hint.setVisible(not any(data.stats.get("counts", {}).values()))
        self._status_text()
        self.loaded.emit()

    def _status_text(self) -> None:
        if self.data is not None:
            self.status.setText(translate("Dashboard", "Figures as of {0}")
                                .replace("{0}", date_text(self.data.today)))

    def _failed(self, exc: BaseException) -> None:
        message = error_message(exc)
        self.status.setText(message)
        self.failed.emit(message)

    def clear(self) -> None:
        """Forget every figure and name shown (lock); protected names are hidden again."""
        self._generation += 1
        self.data = None
        self.reveal.blockSignals(True)
        self.reveal.setChecked(False)
        self.reveal.blockSignals(False)
        for page in self._tabs:
            page.clear()
        self.empty_hint.hide()
        self.status.clear()

    def retranslate(self) -> None:
        """The tabs are built again in the new language and show the figures already
        loaded (none is computed again), on the tab shown before."""
        current = self.tabs.currentIndex()
        inner = [t.currentIndex() for page in self._tabs for t in page.findChildren(QTabWidget)]
        self.tabs.clear()
        for page in self._tabs:
            page.deleteLater()
        self._build_tabs()
        self.tabs.setCurrentIndex(current)
        self._toolbar_texts()
        if self.data is not None:
            for page in self._tabs:
                page.show_data(self.data)
            self._status_text()
        tabs = [t for page in self._tabs for t in page.findChildren(QTabWidget)]
        for widget, index in zip(tabs, inner, strict=False):
            widget.setCurrentIndex(index)
        self.empty_hint.setText(dashboard_hint())

    # -- evaluations -------------------------------------------------------------------------
    def _load_subject(self, subject: str) -> None:
        generation, reveal = self._generation, self.reveal.isChecked()

        def show(result: tuple[SideBySide, list[TrendPoint], str]) -> None:
            if generation == self._generation:
                self.evaluations.show_subject(result)

        self._tasks.run(
            lambda reg: reg.analytics.side_by_side(subject, reveal=reveal),
            show,
            self._failed,
        )

    # -- targets ------------------------------------------------------------------------------
    def edit_targets(self) -> None:
        from registry.gui.dashboard.targets_dialog import TargetsDialog

        if self.data is None:
            return
        dialog = TargetsDialog(self.data.targets, self)
        if dialog.exec() != TargetsDialog.DialogCode.Accepted:
            return
        self.save_targets(dialog.targets())

    def save_targets(self, targets: Targets) -> None:
        self._tasks.run(
            lambda reg: reg.analytics.save_targets(targets),
            lambda _t: self.refresh(),
            self._failed,
        )

    # -- briefing -------------------------------------------------------------------------------
    def _ask_briefing(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            translate("Dashboard", "Save briefing"),
            f"briefing-{self._today().isoformat()}.pdf",
            translate("Dashboard", "PDF files (*.pdf)"),
        )
        if path:
            self.write_briefing(path)

    def write_briefing(self, path: str) -> None:
        """Gather suppressed figures on the worker, paint the PDF here, write it there."""
        from registry.gui import briefing

        today = self._today()
        self.status.setText(translate("Dashboard", "Writing the briefing…"))

        def written(_r: object) -> None:
            self.status.setText(translate("Dashboard", "Briefing saved."))
            self.briefing_written.emit(path)

        def render(figures: dict[str, object]) -> None:
            pdf = briefing.render(figures)
            self._tasks.call(lambda: briefing.save(pdf, path), written, self._failed)

        self._tasks.run(lambda reg: reg.analytics.briefing_figures(today), render,
                        self._failed)
