"""The Network section: ties as a graph — one actor's ego network or the filtered network.

On opening it shows the ego network of the person or organisation selected in the app, or
else the largest connected group of the network (at most ``LARGEST_NODES`` actors around its
best-connected one); a legend under the graph names the dots, rings and tie colours drawn.

Everything is computed on the database thread (``Registry.analytics``), drawn by :mod:`.scene`.
Protected people are drawn as pseudonyms; "Reveal protected names" relabels them after an
explicit choice and is switched off on lock (:meth:`clear`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from registry.analytics import network_view
from registry.domain.enums import Sensitivity, TieKind
from registry.gui import display
from registry.gui.display import actor_text
from registry.gui.empty import EmptyHint, network_empty_hint, network_start_hint
from registry.gui.i18n import DATE_FORMAT, counts, number, translate
from registry.gui.layouts import VerticalScroll
from registry.gui.network.scene import (
    KIND_COLOURS,
    PROTECTED,
    TIE_COLOURS,
    GraphScene,
    GraphView,
)
from registry.gui.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from registry.analytics.network_view import Request, Result


PANEL_WIDTH = 320


@dataclasses.dataclass(frozen=True)
class NetworkState:
    """What the user chose in the view: kept when the view is built again (a language
    switch), see :meth:`NetworkView.state`."""

    request: Request | None  # the graph last asked for: its actor, depth and filters
    opened_for: str | None  # the record selected in the app whose ego network was opened
    search: str
    hits: tuple[tuple[str, str], ...]  # the actors found for ``search``: (id, label)
    hit: int


class NetworkView(QWidget):
    """Signals:
    loaded(int): a graph of this many nodes is on screen.
    relabelled(): names were switched between pseudonyms and revealed names.
    failed(str): a message safe to show.

    ``selected()`` gives the id of the record selected in the app (a person or an
    organisation) or None; :meth:`activate` shows its ego network.
    """

    loaded = Signal(int)
    relabelled = Signal()
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None,
                 selected: Callable[[], str | None] | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._selected = selected
        self._opened_for: str | None = None  # the selection whose ego network was opened
        self._requested: Request | None = None  # the graph last asked for
        self._generation = 0
        self.result: Result | None = None
        self._cleared_at = 0  # no graph asked for since (a lock)
        split = QSplitter(self)
        panel = VerticalScroll(self._controls(), split)  # on a short screen the controls
        panel.setMaximumWidth(PANEL_WIDTH + panel.verticalScrollBar().sizeHint().width())
        split.addWidget(panel)  # scroll, the graph keeps its height
        right = QWidget(split)
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self._toolbar())
        self.scene = GraphScene(self)
        self.scene.node_activated.connect(self.show_ego)
        self.scene.built.connect(self._built)
        self.view = GraphView(self.scene, right)
        box.addWidget(self.view, 1)
        self.empty_hint = EmptyHint(self.view, network_start_hint)
        self.empty_hint.show_if(True)  # until a graph is drawn: how to draw one
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([PANEL_WIDTH, 4 * PANEL_WIDTH])  # no dead strip beside the panel
        self.legend = QLabel(right)
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    # -- widgets ------------------------------------------------------------------------------
    def _controls(self) -> QWidget:
        panel = QWidget(self)
        panel.setMaximumWidth(PANEL_WIDTH)
        box = QVBoxLayout(panel)
        box.addWidget(self._picker(panel))
        box.addWidget(self._filters(panel))
        self.reveal = QCheckBox(translate("Network", "Reveal protected names"), panel)
        self.reveal.setObjectName("revealProtected")
        self.reveal.setToolTip(
            translate(
                "Network",
                "People inside Russia and protected records are drawn "
                "under a pseudonym unless revealed. Locking hides them.",
            )
        )
        self.reveal.toggled.connect(self._relabel)
        self.reveal.toggled.connect(lambda _on: self._fill_legend(self.result))
        box.addWidget(self.reveal)
        brokers = QLabel(translate("Network", "Brokers (betweenness centrality)"), panel)
        brokers.setWordWrap(True)  # the Russian title is longer than the panel is wide
        box.addWidget(brokers)
        self.brokers = QListWidget(panel)
        self.brokers.setObjectName("brokers")
        self.brokers.itemDoubleClicked.connect(
            lambda item: self.show_ego(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        box.addWidget(self.brokers, 1)
        self.components = QLabel(panel)
        self.components.setWordWrap(True)
        box.addWidget(self.components)
        return panel

    def _picker(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(translate("Network", "Actor"), parent)
        form = QFormLayout(group)
        self.search = QLineEdit(group)
        self.search.setPlaceholderText(translate("Network", "Name of a person or organisation"))
        self.search.returnPressed.connect(self._find)
        form.addRow(self.search)
        self.hits = QComboBox(group)
        self.hits.setObjectName("actorHits")
        form.addRow(self.hits)
        self.depth_box = QSpinBox(group)  # not "depth": that is QWidget.depth()
        self.depth_box.setRange(1, 3)
        form.addRow(translate("Network", "Depth"), self.depth_box)
        buttons = QHBoxLayout()
        ego = QPushButton(translate("Network", "Ego network"), group)
        ego.clicked.connect(self._show_picked)
        whole = QPushButton(translate("Network", "Whole network"), group)
        whole.clicked.connect(self.show_whole)
        buttons.addWidget(ego)
        buttons.addWidget(whole)
        form.addRow(buttons)
        return group

    def _filters(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(translate("Network", "Filters"), parent)
        form = QFormLayout(group)
        self.kinds = QListWidget(group)
        self.kinds.setObjectName("tieKinds")
        for value, text in display.enum_labels(TieKind).items():
            item = QListWidgetItem(text, self.kinds)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setCheckState(Qt.CheckState.Checked)
            item.setIcon(_swatch(TIE_COLOURS.get(value, QColor("gray"))))  # as drawn
        self.kinds.setMaximumHeight(130)
        # the list takes the panel's whole width under its title ("Contact inside Russia"
        # and its check box and colour do not fit beside it)
        form.addRow(QLabel(translate("Network", "Tie kinds"), group))
        form.addRow(self.kinds)
        self.dated = QCheckBox(translate("Network", "Active between"), group)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addYears(-5), group)
        self.until = QDateEdit(today, group)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
        form.addRow(self.dated)
        form.addRow(translate("Network", "From"), self.since)
        form.addRow(translate("Network", "To"), self.until)
        self.ceiling = QComboBox(group)
        self.ceiling.setObjectName("sensitivityCeiling")
        for label, level in zip(display.sensitivity_labels().values(), Sensitivity, strict=True):
            self.ceiling.addItem(label, int(level))
        self.ceiling.setCurrentIndex(self.ceiling.count() - 1)
        form.addRow(translate("Network", "Up to sensitivity"), self.ceiling)
        return group

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setWordWrap(True)  # "Largest connected group — 326 members, …"
        bar.addWidget(self.status, 1)
        for text, slot in (
            ("+", lambda: self.view.zoom(1.25)),
            ("−", lambda: self.view.zoom(0.8)),
            (translate("Network", "Fit"), lambda: self.view.fit()),  # noqa: PLW0108
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            bar.addWidget(button)
        return bar

    # -- requests ----------------------------------------------------------------------------
    def request(self, record_id: str | None) -> Request:
        kinds = frozenset(
            str(self.kinds.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.kinds.count())
            if self.kinds.item(i).checkState() == Qt.CheckState.Checked
        )
        everything = len(kinds) == self.kinds.count()
        dated = self.dated.isChecked()
        return network_view.Request(
            record_id,
            self.depth_box.value(),
            None if everything else kinds,
            _day(self.since.date()) if dated else None,
            _day(self.until.date()) if dated else None,
            int(self.ceiling.currentData()),
            self.reveal.isChecked(),
        )

    def show_ego(self, record_id: str) -> None:
        self.load(self.request(record_id))

    def show_whole(self) -> None:
        self.load(self.request(None))

    def show_largest(self) -> None:
        """The largest connected group (its best-connected part in a large vault)."""
        self.load(dataclasses.replace(self.request(None), largest=True))

    def activate(self) -> None:
        """The section is shown: the ego network of a newly selected person or organisation,
        else, the first time, the largest connected group; otherwise what was shown stays."""
        chosen = self._selected() if self._selected is not None else None
        if chosen is not None and chosen != self._opened_for:
            self._opened_for = chosen
            self.show_ego(chosen)
        elif self.result is None and self._generation == self._cleared_at:
            self.show_largest()

    def _show_picked(self) -> None:
        record_id = self.hits.currentData()
        if record_id:
            self.show_ego(str(record_id))

    def load(self, request: Request) -> None:
        self._requested = request
        self._generation += 1
        generation = self._generation
        self.status.setText(translate("Network", "Loading the network…"))
        self._tasks.run(
            lambda reg: reg.analytics.network(request),
            lambda r: self._show(generation, r),
            self._failed,
        )

    def _show(self, generation: int, result: Result) -> None:
        if generation != self._generation:
            return
        self.result = result
        self.view.set_node_count(len(result.graph.nodes))
        self.scene.show_result(result)  # nodes arrive in batches; _built finishes the job

    def _built(self) -> None:
        result = self.result
        if result is None:
            return
        n = len(result.graph.nodes)
        self.empty_hint.set_text(network_empty_hint)
        self.empty_hint.show_if(n == 0)
        self.view.fit()
        self._fill_side(result)
        self._fill_legend(result)
        note = translate("Network", " (truncated)") if result.graph.truncated else ""
        edges = len(result.graph.edges)
        self.status.setText(
            translate("Network", "{0}, {1}{2}; layout {3} s")
            .replace("{0}", counts().actors(n))
            .replace("{1}", counts().ties(edges))
            .replace("{2}", note)
            .replace("{3}", number(result.seconds.get("layout", 0), 2))
        )
        self.status.setText(f"{_caption(result)} — {self.status.text()}")
        if self.reveal.isChecked() != result.request.reveal:
            self._relabel()
        self.loaded.emit(n)

    def _fill_side(self, result: Result, names: dict[str, str] | None = None) -> None:
        self.brokers.clear()
        for b in result.brokers:
            label = actor_text((names or {}).get(b.id, b.label))
            item = QListWidgetItem(f"{label} — {number(b.betweenness)} ({number(b.degree)})",
                                   self.brokers)
            item.setData(Qt.ItemDataRole.UserRole, b.id)
        sizes = result.components.sizes
        self.components.setText(
            translate("Network", "{0}; largest: {1}")
            .replace("{0}", counts().components(len(sizes)))
            .replace("{1}", ", ".join(map(number, sizes[:5])) or "—")
        )

    def _fill_legend(self, result: Result | None) -> None:
        """What the dots, rings and lines drawn mean (only the tie kinds drawn)."""
        if result is None or not result.graph.nodes:
            self.legend.clear()
            return
        kinds = {e.kind for e in result.graph.edges}
        nodes = {n.kind for n in result.graph.nodes}
        ring = (translate("Network", "protected person, name revealed") if self.reveal.isChecked()
                else translate("Network", "protected person, shown under a pseudonym"))
        entries = [_entry("●", KIND_COLOURS[kind], text) for kind, text in (
            ("person", translate("Network", "person")),
            ("organisation", translate("Network", "organisation"))) if kind in nodes]
        if any(n.protected for n in result.graph.nodes):
            entries.append(_entry("◯", PROTECTED, ring))
        entries += [_entry("▬", TIE_COLOURS.get(value, QColor("gray")), text)
                    for value, text in display.enum_labels(TieKind).items() if value in kinds]
        self.legend.setText("&nbsp;&nbsp; ".join(entries))
        self._fit_legend()
        self.legend.setToolTip(translate("Network", "Names that do not fit are shown when the "
                                         "pointer rests on a dot."))

    def _fit_legend(self) -> None:
        """As tall as its wrapped lines (the splitter does not ask for height-for-width)."""
        width = self.legend.width()
        self.legend.setMinimumHeight(max(0, self.legend.heightForWidth(width)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def _find(self) -> None:
        text, reveal = self.search.text().strip(), self.reveal.isChecked()
        if not text:
            return
        generation = self._generation

        def show(hits: list[tuple[str, str]]) -> None:
            if generation == self._generation:
                self.hits.clear()
                for record_id, label in hits:
                    self.hits.addItem(actor_text(label), record_id)

        self._tasks.run(lambda reg: reg.analytics.find_actors(text, reveal=reveal), show,
                        self._failed)

    def _relabel(self, *_args: object) -> None:
        self.hits.clear()
        if self.result is None:
            return
        generation, reveal = self._generation, self.reveal.isChecked()
        ids = [n.id for n in self.result.graph.nodes]

        def show(names: dict[str, str]) -> None:
            if generation == self._generation and self.result is not None:
                self.scene.relabel(names)
                self._fill_side(self.result, names)
                self.relabelled.emit()

        self._tasks.run(lambda reg: reg.analytics.labels(ids, reveal=reveal), show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        message = error_message(exc)
        self.status.setText(message)
        self.failed.emit(message)

    # -- life cycle -----------------------------------------------------------------------------
    def state(self) -> NetworkState:
        """The actor, filters and search shown (the main window builds the view again in
        another language and gives them back with :meth:`restore`)."""
        hits = tuple((str(self.hits.itemData(i)), self.hits.itemText(i))
                     for i in range(self.hits.count()))
        return NetworkState(self._requested, self._opened_for, self.search.text(), hits,
                            self.hits.currentIndex())

    def restore(self, state: NetworkState) -> None:
        """Show what :meth:`state` kept: the same controls, the same graph asked for again
        (its labels in the new language)."""
        self.search.setText(state.search)
        self.hits.clear()
        for record_id, label in state.hits:
            self.hits.addItem(label, record_id)
        self.hits.setCurrentIndex(state.hit)
        self._opened_for = state.opened_for
        if state.request is not None:
            self._set_controls(state.request)
            self.load(state.request)

    def _set_controls(self, request: Request) -> None:
        self.depth_box.setValue(request.depth)
        for i in range(self.kinds.count()):
            item = self.kinds.item(i)
            on = request.kinds is None or item.data(Qt.ItemDataRole.UserRole) in request.kinds
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.dated.setChecked(request.since is not None)
        if request.since is not None:
            self.since.setDate(_qdate(request.since))
        if request.until is not None:
            self.until.setDate(_qdate(request.until))
        self.ceiling.setCurrentIndex(max(0, self.ceiling.findData(request.max_sensitivity)))
        self.reveal.blockSignals(True)  # the graph asked for below comes with its names
        self.reveal.setChecked(request.reveal)
        self.reveal.blockSignals(False)

    def clear(self) -> None:
        """Forget the graph and every name (lock); protected names are hidden again."""
        self._generation += 1
        self._cleared_at = self._generation
        self._opened_for = None
        self._requested = None
        self.result = None
        self.legend.clear()
        self.reveal.blockSignals(True)
        self.reveal.setChecked(False)
        self.reveal.blockSignals(False)
        self.scene.clear_graph()
        self.brokers.clear()
        self.hits.clear()
        self.search.clear()
        self.components.clear()
        self.status.clear()
        self.empty_hint.set_text(network_start_hint)
        self.empty_hint.show_if(True)


def _caption(result: Result) -> str:
    """What the graph is: an ego network, the largest connected group or the network."""
    if result.request.record_id is not None:
        return translate("Network", "Ego network (the larger dot)")
    if result.request.largest:
        return translate("Network", "Largest connected group")
    return translate("Network", "Whole network")


def _entry(mark: str, colour: QColor, text: str) -> str:
    """One legend entry: a coloured mark and its meaning, kept on one line."""
    return (f'<span style="color:{colour.name()}; font-weight:bold">{mark}</span>'
            f"&nbsp;{escape(text).replace(' ', '&nbsp;')}")


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour.red(), colour.green(), colour.blue()))
    return QIcon(pixmap)


def _day(date: QDate) -> dt.date:
    day = date.toPython()
    assert isinstance(day, dt.date)  # PySide6's stubs say only "object"
    return day


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
