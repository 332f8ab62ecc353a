"""The Duplicates section: the review queue of candidate pairs and the decisions kept.

"Find duplicates" runs ``Registry.matching.candidates`` on the database thread (the
core has no cancel flag for it, so a busy bar shows while it runs and the window stays
responsive). Selecting a pair loads both records side by side. Same / Not the same / Unsure
are kept by ``Registry.matching.decide``; a decided pair leaves the queue and the
core never proposes it again. "Same" asks first: the newer record is marked as merged into
the older one, and that link travels in bundles.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from registry.gui.duplicates import data
from registry.gui.duplicates.compare import ComparisonView
from registry.gui.empty import (
    EmptyHint,
    decisions_hint,
    duplicates_none_hint,
    duplicates_start_hint,
)
from registry.gui.i18n import moment_text, number, translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import ColumnFit, with_tooltip

SHORTCUTS = {"same": "S", "not_same": "N", "unsure": "U"}
_KEYS = {Qt.Key.Key_S: "same", Qt.Key.Key_N: "not_same", Qt.Key.Key_U: "unsure"}


class _DecisionKeys(QObject):
    """S, N and U in the lists: item views take plain letters for their keyboard search
    (so the buttons' shortcuts never fire there); this filter turns them into decisions."""

    def __init__(self, view: DuplicatesView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            decision = _KEYS.get(Qt.Key(event.key()))
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier)
            if decision is not None and plain:
                self._view.decide_current(decision)
                return True
        return super().eventFilter(watched, event)


class DuplicateCounts(QObject):
    """Texts with a count, in each language's plural forms: ``self.tr(text, "", n)`` in a
    class is the form pyside6-lupdate marks as plural (``translate(ctx, text, None, n)`` is
    not)."""

    def pairs(self, n: int) -> str:
        return self.tr("%Ln pair(s) to review.", "", n)


def decision_text(decision: str) -> str:
    return {"same": translate("Duplicates", "Same"),
            "not_same": translate("Duplicates", "Not the same"),
            "unsure": translate("Duplicates", "Unsure")}.get(decision, decision)


def _table(columns: int, parent: QWidget, name: str) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _fill_row(table: QTableWidget, row: int, texts: list[str]) -> None:
    for column, text in enumerate(texts):
        table.setItem(row, column, with_tooltip(QTableWidgetItem(text)))


class DuplicatesView(QTabWidget):
    """Review queue and decisions.

    Signals:
        pairs_loaded(int): a search for duplicates finished with this many pairs to review.
        pair_shown(str, str): the two records of the selected pair are on screen.
        decided(str): a decision ("same", "not_same", "unsure") was kept.
        decisions_loaded(int): the Decisions tab was filled with this many rows.
        status(str): a short message (also shown under the queue).
    """

    pairs_loaded = Signal(int)
    pair_shown = Signal(str, str)
    decided = Signal(str)
    decisions_loaded = Signal(int)
    status = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.pairs: list[data.Pair] = []
        self._decided: set[frozenset[str]] = set()
        self._gone: set[str] = set()  # records merged into another in this session
        self._busy = False
        self._build_review()
        self._build_decisions()
        self.queue_hint = EmptyHint(self.queue, duplicates_start_hint)
        self.queue_hint.show_if(True)  # until the first search: what it does
        self.decisions_hint = EmptyHint(self.decision_table, decisions_hint)
        self.currentChanged.connect(self._on_tab)
        keys = _DecisionKeys(self)
        for widget in (self.queue, self.compare.table, self.compare.evidence):
            widget.installEventFilter(keys)
        self.retranslate()
        self._update_buttons()

    # -- layout ------------------------------------------------------------------------------
    def _build_review(self) -> None:
        page = QWidget(self)
        page.setObjectName("reviewPage")
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.find_button = QPushButton(page)
        self.find_button.setObjectName("findButton")
        self.find_button.clicked.connect(self.find_pairs)
        self.busy_bar = QProgressBar(page)
        self.busy_bar.setRange(0, 0)  # indeterminate: the core reports no progress here
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setVisible(False)
        self.message = QLabel(page)
        self.message.setWordWrap(True)
        bar.addWidget(self.find_button)
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.message, 1)  # the rest of the row: a count never wraps
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        self.queue = _table(4, splitter, "pairTable")
        # both names in view: each at most 40 % of the list, elided in the middle
        self._fit_queue = ColumnFit(self.queue, stretch=3, caps={2: 0.4},
                                    whole=frozenset({0, 1}))  # a score and a kind, whole
        self.queue.itemSelectionChanged.connect(self._on_pair)
        right = QWidget(splitter)
        self.compare = ComparisonView(right)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.compare, 1)
        right_layout.addLayout(self._decision_buttons(right))
        splitter.addWidget(self.queue)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)  # the queue keeps its headers' width
        layout.addWidget(splitter, 1)
        self.addTab(page, "")

    def _fit_pane_to_headers(self) -> None:
        """The queue's pane is at least as wide as its four headers side by side, the score
        and the kind whole (at 125 % the splitter gave it less, and "Second record" was cut
        off the right edge)."""
        header = self.queue.horizontalHeader()
        heads = sum(max(header.sectionSizeHint(c), self.queue.sizeHintForColumn(c) if c < 2
                        else 0) for c in range(header.count()))
        frame = 2 * self.queue.frameWidth()
        bar = self.queue.verticalScrollBar().sizeHint().width()  # shown when the queue is long
        self.queue.setMinimumWidth(heads + frame + bar)

    def _decision_buttons(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for decision in ("same", "not_same", "unsure"):
            button = QPushButton(parent)
            button.setObjectName(f"{decision}Button")
            button.setShortcut(QKeySequence(SHORTCUTS[decision]))
            button.clicked.connect(lambda _c=False, d=decision: self.decide_current(d))
            row.addWidget(button)
            self.buttons[decision] = button
        row.addStretch(1)
        return row

    def _build_decisions(self) -> None:
        page = QWidget(self)
        page.setObjectName("decisionsPage")
        layout = QVBoxLayout(page)
        self.decision_note = QLabel(page)
        self.decision_note.setWordWrap(True)
        layout.addWidget(self.decision_note)
        self.decision_table = _table(4, page, "decisionTable")
        layout.addWidget(self.decision_table, 1)
        self.addTab(page, "")

    def retranslate(self) -> None:
        self.setTabText(0, translate("Duplicates", "Review"))
        self.setTabText(1, translate("Duplicates", "Decisions"))
        self.find_button.setText(translate("Duplicates", "Find duplicates"))
        self.find_button.setToolTip(translate(
            "Duplicates", "Compare every person and organisation (names in both scripts, "
            "places); at 100,000 records this takes a while."))
        self.queue.setHorizontalHeaderLabels([
            translate("Duplicates", "Score"), translate("Duplicates", "Kind"),
            translate("Duplicates", "First record"), translate("Duplicates", "Second record")])
        self._fit_pane_to_headers()
        self.decision_table.setHorizontalHeaderLabels([
            translate("Duplicates", "Decided"), translate("Duplicates", "Decision"),
            translate("Duplicates", "First record"), translate("Duplicates", "Second record")])
        self.decision_note.setText(translate(
            "Duplicates", "Decided pairs are never proposed again. \"Same\" marked the newer "
            "record as merged into the older; the other decisions stay in this vault."))
        texts = {"same": translate("Duplicates", "&Same (S)"),
                 "not_same": translate("Duplicates", "&Not the same (N)"),
                 "unsure": translate("Duplicates", "&Unsure (U)")}
        for decision, button in self.buttons.items():
            button.setText(texts[decision])
        self.compare.retranslate()

    # -- life cycle -----------------------------------------------------------------------------
    def activate(self) -> None:
        """Shown: nothing runs by itself (a search can take a while); decisions load."""
        if self.currentIndex() == 1:
            self.load_decisions()

    def clear(self) -> None:
        """Lock: forget every pair, record and decision shown."""
        self.pairs = []
        self._decided.clear()
        self._gone.clear()
        self.queue.setRowCount(0)
        self.decision_table.setRowCount(0)
        self.compare.clear()
        self.message.clear()
        self.queue_hint.disarm()
        self.queue_hint.set_text(duplicates_start_hint)
        self.queue_hint.show_if(True)
        self.decisions_hint.disarm()
        self._set_busy(False)

    def _on_tab(self, index: int) -> None:
        if index == 1:
            self.load_decisions()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.find_button.setEnabled(not busy)
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.status.emit(text)

    # -- finding ------------------------------------------------------------------------------
    def find_pairs(self) -> None:
        """Search the whole vault for candidate pairs on the database thread."""
        if self._busy:
            return
        self._set_busy(True)
        self._say(translate("Duplicates", "Looking for duplicates…"))
        self._tasks.run(data.find_pairs, self._on_found, self._on_failed)

    def _on_found(self, pairs: list[data.Pair]) -> None:
        self._set_busy(False)
        self.pairs = [p for p in pairs if frozenset((p.a, p.b)) not in self._decided
                      and not {p.a, p.b} & self._gone]
        self._show_queue()
        self.queue_hint.set_text(duplicates_none_hint)
        self.queue_hint.arm()
        self.pairs_loaded.emit(len(self.pairs))

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._say(error_message(exc))

    def _show_queue(self, select: int = 0) -> None:
        self.queue.blockSignals(True)
        self.queue.setRowCount(len(self.pairs))
        kinds = {"person": translate("Duplicates", "Person"),
                 "organisation": translate("Duplicates", "Organisation")}
        for row, pair in enumerate(self.pairs):
            _fill_row(self.queue, row, [number(pair.score, 2), kinds.get(pair.kind, pair.kind),
                                        pair.name_a, pair.name_b])
        self.queue.blockSignals(False)
        self._fit_pane_to_headers()
        self._fit_queue.fit()
        self._say(self._count_text())
        if self.pairs:
            self.queue.selectRow(min(select, len(self.pairs) - 1))
        else:
            self.compare.clear()
            self._update_buttons()

    def _count_text(self) -> str:
        if not self.pairs:
            return translate("Duplicates", "No pairs to review.")
        return DuplicateCounts().pairs(len(self.pairs))

    # -- one pair -----------------------------------------------------------------------------
    def current_pair(self) -> data.Pair | None:
        rows = self.queue.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.pairs):
            return None
        return self.pairs[rows[0].row()]

    def select_pair(self, a: str, b: str) -> bool:
        for row, pair in enumerate(self.pairs):
            if {pair.a, pair.b} == {a, b}:
                self.queue.selectRow(row)
                return True
        return False

    def _on_pair(self) -> None:
        pair = self.current_pair()
        self._update_buttons()
        if pair is None:
            self.compare.clear()
            return
        self._tasks.run(lambda reg: data.load_pair(reg, pair), self._on_pair_loaded,
                        self._on_failed)

    def _on_pair_loaded(self, loaded: data.PairRecords) -> None:
        if loaded.pair != self.current_pair():
            return  # the user moved on meanwhile
        self.compare.show_pair(loaded)
        self.pair_shown.emit(loaded.pair.a, loaded.pair.b)

    def _update_buttons(self) -> None:
        enabled = not self._busy and self.current_pair() is not None
        for button in self.buttons.values():
            button.setEnabled(enabled)

    # -- deciding -----------------------------------------------------------------------------
    def decide_current(self, decision: str) -> None:
        pair = self.current_pair()
        if pair is None or self._busy:
            return
        if decision == "same" and not self._confirm_same():
            return
        row = self.pairs.index(pair)
        self._set_busy(True)
        self._tasks.run(lambda reg: data.decide(reg, pair, decision),
                        lambda kept: self._on_decided(pair, row, kept), self._on_failed)

    def _confirm_same(self) -> bool:
        answer = QMessageBox.question(
            self, translate("Duplicates", "The same person or organisation?"),
            translate("Duplicates", "The newer record will be marked as merged into the older; "
                      "the link travels in bundles. Continue?"))
        return answer == QMessageBox.StandardButton.Yes

    def _on_decided(self, pair: data.Pair, row: int, kept: Any) -> None:
        self._set_busy(False)
        self._decided.add(frozenset((pair.a, pair.b)))
        if kept.decision == "same":
            self._gone.add(max(pair.a, pair.b))
        self.pairs = [p for p in self.pairs if frozenset((p.a, p.b)) not in self._decided
                      and not {p.a, p.b} & self._gone]
        self._show_queue(select=row)
        self.decided.emit(kept.decision)
        self.load_decisions()

    # -- decisions ------------------------------------------------------------------------------
    def load_decisions(self) -> None:
        self._tasks.run(data.load_decisions, self._show_decisions, self._on_failed)

    def _show_decisions(self, rows: list[data.DecisionRow]) -> None:
        erased = translate("Duplicates", "(erased)")
        self.decision_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            _fill_row(self.decision_table, i, [moment_text(r.decided_at),
                                               decision_text(r.decision),
                                               r.name_a or erased, r.name_b or erased])
        self.decision_table.resizeColumnsToContents()
        self.decisions_hint.arm()
        self.decisions_loaded.emit(len(rows))

