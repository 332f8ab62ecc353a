"""The lazy, id-based table model behind every record list (Anki ``browser/table/model.py``).

The model holds the ordered id array of its query and a bounded cache of row blocks. Rows
are fetched on demand, a block at a time, on the database thread; until a block arrives its
cells are empty. Sorting and filtering are new SQL queries (DESIGN §10), never a proxy sort
over Python rows. A query paints its first rows from a short head query, then takes the
full id array; a newer query makes older answers stale: jobs not yet started are skipped on
the database thread and answers that arrive are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from registry.domain.enums import Kind
from registry.gui.tasks import BACKGROUND, URGENT, TaskRunner, error_message
from registry.service import LIST_SPECS as SPECS
from registry.service import ListQuery, Registry

BLOCK = 200
HEAD = 200
MAX_BLOCKS = 60  # 12,000 rows of display values at most
FULL_DELAY_MS = 250  # the full id array waits for typing to pause (a new query skips it)
HEADS_KEPT = 24  # heads of recent queries (≈ 5 MB at most), shown at once when one comes back
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# data() is called for every cell and role on each paint: compare plain ints, not enums
_TEXT_ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole,
                                         Qt.ItemDataRole.ToolTipRole,
                                         Qt.ItemDataRole.AccessibleTextRole))
_ID_ROLE = int(ID_ROLE)

Formatter = Callable[[str, Any], str]
AnyIndex = QModelIndex | QPersistentModelIndex


class RecordListModel(QAbstractTableModel):
    """Rows of one record kind, by id.

    Signals:
        ids_loaded(int): a query's ids arrived (the head, then the full array): row count.
        block_loaded(int): the display values of a block of rows arrived: its first row.
        failed(str): a query failed; the message is safe to show.
    """

    ids_loaded = Signal(int)
    block_loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, kind: Kind, headers: Callable[[], list[str]],
                 formatter: Formatter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.kind = kind
        self._spec = SPECS[kind]
        self._headers = headers
        self._format = formatter
        self._query = ListQuery(kind)
        self._ids: list[str] = []
        self._blocks: OrderedDict[int, dict[str, tuple[str, ...]]] = OrderedDict()
        self._asked: set[int] = set()
        self._generation = 0
        self._head_generation = -1
        self._complete = False
        self._active = False
        self._full_timer = QTimer(self)
        self._full_timer.setSingleShot(True)
        self._full_timer.setInterval(FULL_DELAY_MS)
        self._full_timer.timeout.connect(self._fetch_full)
        self._heads: OrderedDict[tuple[Any, ...], tuple[list[str], dict[str, tuple[str, ...]]]] \
            = OrderedDict()

    # -- queries -------------------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def complete(self) -> bool:
        """The full id array of the current query has arrived."""
        return self._complete

    @property
    def head_pending(self) -> bool:
        """The current query's first rows are still being asked for."""
        return self._head_generation == self._generation

    @property
    def running(self) -> bool:
        """The current query's answers are still on their way."""
        return self._active and not self._complete

    def set_query(self, query: ListQuery) -> None:
        """Show ``query``. An older query's jobs that have not started yet are skipped on the
        database thread, and answers of one that was running are dropped on arrival.

        A query shown a moment ago (backspacing, clearing the search box) paints its kept
        head at once; the full id array then confirms or corrects it."""
        self._query = query
        self._generation += 1
        self._complete = False
        self._full_timer.stop()
        if not self._active:
            return
        kept = self._heads.get(_key(query))
        if kept is None:
            self._start(query)
            return
        self._heads.move_to_end(_key(query))
        self._replace(*kept)
        self.ids_loaded.emit(len(kept[0]))
        self._full_timer.start()

    @property
    def active(self) -> bool:
        return self._active

    def activate(self) -> None:
        """Start querying (a section's list loads when it is first shown)."""
        if not self._active:
            self._active = True
            self.set_query(self._query)

    def refresh(self) -> None:
        """Ask the vault again (after a write): kept heads are forgotten."""
        self._heads.clear()
        self.set_query(self._query)

    def _stale(self, generation: int) -> Callable[[], bool]:
        return lambda: generation != self._generation

    def _start(self, query: ListQuery) -> None:
        """One urgent job answers the head of the list with its rows, so the first rows are
        painted after a single round trip; the full id array follows in the background."""
        generation, kind = self._generation, self.kind
        self._head_generation = generation

        def head(reg: Registry) -> tuple[list[str], dict[str, tuple[Any, ...]]]:
            ids = reg.listing.ids(query, limit=HEAD)
            return ids, reg.listing.rows(kind, ids[:BLOCK])

        self._tasks.run(head, lambda answer: self._head_arrived(generation, *answer),
                        lambda exc: self._on_error(generation, exc), priority=URGENT,
                        stale=self._stale(generation))

    def _head_arrived(self, generation: int, head: list[str],
                      rows: dict[str, tuple[Any, ...]]) -> None:
        if generation != self._generation:
            return
        self._head_generation = -1
        texts = self._texts(rows)
        self._replace(head, texts)
        self._heads[_key(self._query)] = (list(head), dict(texts))
        while len(self._heads) > HEADS_KEPT:
            self._heads.popitem(last=False)
        if len(head) < HEAD:
            self._complete = True
        self.ids_loaded.emit(len(head))
        if not self._complete:
            self._full_timer.start()

    def _fetch_full(self) -> None:
        """The whole id array, once typing paused: a long job on the database thread would
        delay the next keystroke's query and compete with painting for the GIL. A newer
        query ends it where it is (every tie of a common name takes a second to sort), so
        the next keystroke's head never waits behind it; its error is then dropped."""
        if not self._active or self._complete:
            return
        generation, query = self._generation, self._query
        stale = self._stale(generation)
        self._tasks.run(lambda reg: reg.listing.ids(query, stop=stale),
                        lambda ids: self._full_arrived(generation, ids),
                        lambda exc: self._on_error(generation, exc), priority=BACKGROUND,
                        stale=stale)

    def _full_arrived(self, generation: int, ids: list[str]) -> None:
        if generation != self._generation:
            return
        self._complete = True
        if ids[:len(self._ids)] == self._ids:
            if len(ids) > len(self._ids):
                if len(self._ids) % BLOCK:  # a partial last block lacks the new rows
                    self._blocks.pop(len(self._ids) // BLOCK, None)
                    self._asked.discard(len(self._ids) // BLOCK)
                self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
        else:  # the vault changed since the kept head: forget it
            self._heads.pop(_key(self._query), None)
            self._replace(ids)
        self.ids_loaded.emit(len(ids))

    def _on_error(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._head_generation = -1
            self._complete = True
            self.failed.emit(error_message(exc))

    def _replace(self, ids: list[str], first: dict[str, tuple[str, ...]] | None = None) -> None:
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self._asked.clear()
        if first is not None:
            self._blocks[0] = first
            self._asked.add(0)
        self.endResetModel()

    def clear(self) -> None:
        """Forget every id and value (on lock); late answers are dropped."""
        self._generation += 1
        self._complete = False
        self._active = False
        self._full_timer.stop()
        self._heads.clear()
        self._query = ListQuery(self.kind)
        self._replace([])

    # -- rows ----------------------------------------------------------------------------------
    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def cached_rows(self) -> int:
        return sum(len(b) for b in self._blocks.values())

    def _values(self, row: int) -> tuple[str, ...] | None:
        block_no = row // BLOCK
        block = self._blocks.get(block_no)
        if block is None:
            self._fetch(block_no)
            block = self._blocks.get(block_no)  # a synchronous runner answers at once
            return block.get(self._ids[row]) if block is not None else None
        self._blocks.move_to_end(block_no)
        return block.get(self._ids[row])

    def _fetch(self, block_no: int) -> None:
        if block_no in self._asked:
            return
        self._asked.add(block_no)
        generation, kind = self._generation, self.kind
        ids = self._ids[block_no * BLOCK:(block_no + 1) * BLOCK]
        self._tasks.run(lambda reg: reg.listing.rows(kind, ids),
                        lambda rows: self._block_arrived(generation, block_no, ids, rows),
                        lambda _exc: self._asked.discard(block_no), priority=URGENT,
                        stale=self._stale_block(generation, block_no))

    def _texts(self, rows: dict[str, tuple[Any, ...]]) -> dict[str, tuple[str, ...]]:
        """Cell texts of a block, formatted once when it arrives (not on every paint)."""
        keys = [c.key for c in self._spec.columns]
        fmt = self._format
        return {rid: tuple(fmt(k, v) for k, v in zip(keys, values, strict=True))
                for rid, values in rows.items()}

    def _stale_block(self, generation: int, block_no: int) -> Callable[[], bool]:
        """A block is stale once the list was re-queried or it was evicted before it started."""
        return lambda: generation != self._generation or block_no not in self._asked

    def _block_arrived(self, generation: int, block_no: int, ids: list[str],
                       rows: dict[str, tuple[Any, ...]]) -> None:
        if generation != self._generation:
            return
        first = block_no * BLOCK
        if self._ids[first:first + BLOCK] != ids:
            self._asked.discard(block_no)
            return
        self._blocks[block_no] = self._texts(rows)
        while len(self._blocks) > MAX_BLOCKS:
            old, _ = self._blocks.popitem(last=False)
            self._asked.discard(old)
        last = min(first + BLOCK, len(self._ids)) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
        self.block_loaded.emit(first)

    # -- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spec.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        text = role in _TEXT_ROLES
        if not text and role != _ID_ROLE:
            return None
        row, column = index.row(), index.column()
        if not index.isValid() or row >= len(self._ids) or column >= len(self._spec.columns):
            return None
        if not text:
            return self._ids[row]
        values = self._values(row)
        return values[column] if values is not None else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self._headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._spec.columns):
            return
        key = self._spec.columns[column].key
        self.set_query(replace(self._query, sort=key,
                               descending=order == Qt.SortOrder.DescendingOrder))

    def retranslate(self, formatter: Formatter | None = None) -> None:
        """Texts follow a language change: cached blocks are dropped and fetched again."""
        if formatter is not None:
            self._format = formatter
        self._heads.clear()
        self._blocks.clear()
        self._asked.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, self.columnCount() - 1))


def _key(query: ListQuery) -> tuple[Any, ...]:
    return (query.kind, query.sort, query.descending, tuple(sorted(query.filters.items())),
            query.text)
