"""A section of the main window: one record kind's list with search, filters and details.

Search runs as the user types. A keystroke that follows the previous one within
``SEARCH_DEBOUNCE_MS``, while that one's query is still running, waits for typing to pause.
A text too short to narrow the list (one letter: it would match most of the vault, the slow
tail) does not search. Older queries still waiting on the database thread are skipped there
(:class:`RecordListModel`), and a query that comes back shows its kept head at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QElapsedTimer, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

from registry.domain.enums import Kind
from registry.gui import display
from registry.gui.editing import PlainRecordView, make_record_view
from registry.gui.empty import EmptyHint, no_match_hint, section_hint
from registry.gui.forms.ui_section import Ui_SectionView
from registry.gui.i18n import counts, translate
from registry.gui.layouts import FlowLayout
from registry.gui.models import RecordListModel
from registry.gui.tasks import URGENT, TaskRunner
from registry.match.translit import query_terms
from registry.service import LIST_SPECS as SPECS

SEARCH_DEBOUNCE_MS = 40
MIN_SEARCH_CHARS = 3  # a shorter text searches only if its search key has two letters or more


def searchable(text: str) -> bool:
    """Whether ``text`` is worth a search: a one-letter key ("p" for "по" or "pe") matches a
    large part of the vault and is the slow tail, so short texts wait for one more letter."""
    if len(text) >= MIN_SEARCH_CHARS:
        return True
    # a key's leading "0" marks a leading vowel ("0i" for "i"): it narrows nothing
    return any(len(term.lstrip("0")) >= 2 for term in query_terms(text))


class FilterCombo(QComboBox):
    """A filter combo that says when its list is about to open (to load choices on demand).

    Signals:
        about_to_open(): the popup is about to be shown.
    """

    about_to_open = Signal()

    def showPopup(self) -> None:
        self.about_to_open.emit()
        super().showPopup()


class SectionView(QWidget):
    """A record list of one kind.

    Signals:
        open_requested(str): the user asked to edit a record (double-click or Return).
        record_activated(str): the user asked to go to another record (a tie's other end).
        new_requested(): the user asked for a new record of this kind.
        current_changed(object): the selected record's id, or None.
        status(str): a short text for the status bar.
    """

    open_requested = Signal(str)
    record_activated = Signal(str)
    new_requested = Signal()
    current_changed = Signal(object)
    status = Signal(str)

    def __init__(self, tasks: TaskRunner, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._tasks = tasks
        self.ui = Ui_SectionView()
        self.ui.setupUi(self)
        self.model = RecordListModel(tasks, kind, lambda: display.headers(kind),
                                     display.formatter(kind), self)
        self._setup_table()
        self.empty_hint = EmptyHint(self.ui.table, self._empty_text)
        self.record_view = make_record_view(tasks, self.ui.details)
        self.ui.detailsLayout.addWidget(self.record_view)
        if not isinstance(self.record_view, PlainRecordView):  # the editors' RecordView writes
            self.record_view.changed.connect(lambda _id: self.refresh(self.current_id()))
            self.record_view.record_activated.connect(self.record_activated)
        # the record's fields and ties need the room: the list gets two fifths, the record three
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 3)
        self._split_once = True
        self._combos: dict[str, QComboBox] = {}
        self._present: dict[str, list[str]] = {}
        self._build_filters()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._since_key = QElapsedTimer()
        self.ui.searchEdit.textChanged.connect(self._on_search)
        self.ui.newButton.clicked.connect(self.new_requested)
        self.model.ids_loaded.connect(self._on_count)
        self.model.failed.connect(self.status)
        self._reselect: str | None = None

    def showEvent(self, event: QShowEvent) -> None:
        """The first time the section is shown, split its width two to three in favour of the
        record view (a splitter otherwise starts from its panes' size hints)."""
        super().showEvent(event)
        if self._split_once and self.ui.splitter.width() > 0:
            self._split_once = False
            width = sum(self.ui.splitter.sizes())
            self.ui.splitter.setSizes([width * 2 // 5, width - width * 2 // 5])

    def _setup_table(self) -> None:
        table = self.ui.table
        table.setSortingEnabled(False)
        table.setModel(self.model)
        # a long name or note is cut in the middle, its whole text the cell's tooltip (the model's)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(160)
        self._fit_headers()
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        keys = [c.key for c in SPECS[self.kind].columns]
        default = SPECS[self.kind].default_sort
        header.setSortIndicator(keys.index(default) if default in keys else -1,
                                Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.doubleClicked.connect(self._on_activated)
        table.activated.connect(self._on_activated)
        table.selectionModel().selectionChanged.connect(self._on_selection)

    def _build_filters(self) -> None:
        # the combos wrap onto a second row where one row is wider than the section
        flow = QWidget(self.ui.filterBar)
        flow.setObjectName("filterFlow")
        flow_layout = FlowLayout(flow)
        flow_layout.setContentsMargins(0, 0, 0, 0)
        self.ui.filterLayout.addWidget(flow, 1)
        for choice in display.filters(self.kind):
            combo = FilterCombo(flow)
            if choice.column is not None:  # the vault's values: asked when first opened
                combo.about_to_open.connect(lambda ch=choice: self._load_values(ch))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setObjectName(f"filter_{choice.key}")
            self._fill(combo, choice)
            combo.currentIndexChanged.connect(self._on_filter)
            flow_layout.addWidget(combo)
            self._combos[choice.key] = combo

    def _fill(self, combo: QComboBox, choice: display.FilterChoice,
              present: list[str] | None = None) -> None:
        """(Re)fill a filter combo, keeping its choice; ``present``: the vault's values."""
        if present is not None:
            self._present[choice.key] = present
        current = combo.currentData()
        template = translate("Display", "Any {0}")
        label = choice.label if template.startswith("{0}") else \
            choice.label[:1].lower() + choice.label[1:]
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(template.replace("{0}", label), None)
        items = choice.choices() if choice.choices else \
            [(v, v) for v in self._present.get(choice.key, [])]
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setAccessibleName(choice.label)
        combo.setToolTip(choice.label)
        combo.blockSignals(False)

    # -- life cycle ------------------------------------------------------------------------------
    def activate(self) -> None:
        """Load the list the first time the section is shown."""
        if self.model.active:
            return
        self.model.activate()

    def _load_values(self, choice: display.FilterChoice) -> None:
        """Fill a combo with the values present in the vault, the first time it opens (a
        DISTINCT over 100,000 rows at unlock would hold the database thread for the list)."""
        if choice.key in self._present or choice.column is None:
            return
        self._present[choice.key] = []
        column, kind = choice.column, self.kind
        self._tasks.run(lambda reg: reg.listing.values(kind, column),
                        lambda values: self._fill(self._combos[choice.key], choice, values),
                        lambda _exc: self._present.pop(choice.key, None), priority=URGENT)

    def clear(self) -> None:
        """Forget everything shown (lock)."""
        self.model.clear()
        self._search_timer.stop()
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.searchEdit.blockSignals(False)
        for choice in display.filters(self.kind):
            combo = self._combos[choice.key]
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
            self._fill(combo, choice, [])
        self._present.clear()
        self.record_view.clear()
        self.empty_hint.hide()
        clipboard = getattr(self.record_view, "clipboard", None)
        if clipboard is not None:  # a contact copied from this view leaves the clipboard
            clipboard.clear_now()
        self.ui.countLabel.clear()

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def refresh(self, select: str | None = None) -> None:
        self._reselect = select
        if self.model.active:
            self.model.refresh()
        else:
            self.activate()

    # -- state -------------------------------------------------------------------------------------
    def current_id(self) -> str | None:
        rows = self.ui.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.ui.table.selectRow(row)
        self.ui.table.scrollTo(self.model.index(row, 0))
        return True

    def set_search(self, text: str) -> None:
        self.ui.searchEdit.setText(text)

    def set_filter(self, key: str, value: Any) -> None:
        combo = self._combos[key]
        if value is not None and combo.findData(value) < 0 and not any(
                c.key == key and c.choices for c in display.filters(self.kind)):
            combo.addItem(str(value), value)  # a vault value not loaded yet
        combo.setCurrentIndex(max(0, combo.findData(value)))

    # -- slots ----------------------------------------------------------------------------
    def _filters(self) -> dict[str, Any]:
        return {k: c.currentData() for k, c in self._combos.items()
                if c.currentData() is not None}

    def _on_search(self, _text: str) -> None:
        """Search now, unless the previous keystroke's query is still on its way and came a
        moment ago: then when typing pauses (a burst of keys asks the vault once)."""
        quick = (self._since_key.isValid() and self._since_key.elapsed() < SEARCH_DEBOUNCE_MS
                 and self.model.head_pending)
        self._since_key.start()
        if quick or self._search_timer.isActive():
            self._search_timer.start()
        else:
            self._apply_search()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.ui.searchEdit.text().strip()
        short = bool(text) and not searchable(text)
        if short:
            text = ""
            self.ui.countLabel.setText(translate("Display", "Type one more letter to search"))
        if text != self.model.query.text or not self.model.active:
            self.model.set_query(replace(self.model.query, text=text))
        elif not short:
            self._on_count(self.model.rowCount())

    def _on_filter(self, _index: int) -> None:
        self.model.set_query(replace(self.model.query, filters=self._filters()))

    def _on_count(self, count: int) -> None:
        if self.model.complete:
            self._count_text(count)
            self.empty_hint.show_if(count == 0)
        if self._reselect is not None and self.select(self._reselect):
            self._reselect = None

    def _on_activated(self, index: Any) -> None:
        record_id = self.model.id_at(index.row())
        if record_id is not None:
            self.open_requested.emit(record_id)

    def _on_selection(self, _sel: QItemSelection, _old: QItemSelection) -> None:
        record_id = self.current_id()
        self.record_view.show_record(record_id)
        self.current_changed.emit(record_id)

    def _empty_text(self) -> str:
        """What an empty list says: what to do first, or that the search found nothing."""
        query = self.model.query
        return no_match_hint() if query.text or query.filters else section_hint(self.kind)

    def _fit_headers(self) -> None:
        """Every column at least as wide as its header (with the sort arrow); the last one,
        which stretches, keeps that width when the others fill the view."""
        header = self.ui.table.horizontalHeader()
        least = max(header.sectionSizeHint(c) for c in range(header.count()))
        header.setMinimumSectionSize(min(least, header.defaultSectionSize()))
        for column in range(header.count()):
            header.resizeSection(column, max(header.sectionSize(column),
                                             header.sectionSizeHint(column)))

    def _count_text(self, n: int) -> None:
        self.ui.countLabel.setText(counts().records(n))

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        if self.model.complete and self.model.active:
            self._count_text(self.model.rowCount())
        self.model.retranslate(display.formatter(self.kind))
        self._fit_headers()
        for choice in display.filters(self.kind):
            self._fill(self._combos[choice.key], choice)
