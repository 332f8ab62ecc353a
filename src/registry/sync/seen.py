"""What an import keeps of every record line it reads (DESIGN §6.5.7): the line's id and
kind, whether the import created the record and whether the line waits for the end of its
file — in a table of the vault connection's temporary database (``temp_store = MEMORY``: in
memory, never on disk), a row of some 30 bytes a line. As Python objects they took some 130
bytes a line, and a large accepted bundle went over the 256 MB the contract allows whatever
the bundle. The records created are logged from this table to ``import_created``.

The rows of the lines of the part being merged wait in a small dictionary and are written
when the part is done (:meth:`Seen.flush`); a repeated id is found at its line: a bitmap of
the written ids' hashes says which need asking the table (a few in a hundred). The rows are
the import's alone: :func:`opened` makes the table empty before and after it, and they go
with its transaction when it is rolled back.

Rows are written, changed and asked a part at a time by one statement each, their ids given
as one JSON text (``json_each``) and turned into their bytes by SQLite (``unhex``): binding
every row's values from Python cost an import of 440,000 lines some 5 % of its time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from itertools import islice
from typing import Any

from registry.domain.enums import Kind
from registry.domain.ids import is_id

_BITS = 1 << 24  # 2 MiB of bitmap: at a million lines, about one id in sixteen is asked
_MASK = _BITS - 1
_BATCH = 500
# the kinds of the first people and organisations read are kept as Python objects too (some
# 120 bytes each, 16 MB at most): what the lines after them point to is mostly them, and a
# look-up in the table costs some microseconds
_CACHED = 131_072
_ACTORS = frozenset({Kind.PERSON, Kind.ORGANISATION})
_KINDS = list(Kind)  # a kind is kept as its place here: one byte a row
_CODE = {k: n for n, k in enumerate(_KINDS)}


def _bytes(text: str) -> str:
    """SQL for the 16 bytes of the canonical id in SQL ``text`` (a ``json_each`` column)."""
    return f"unhex({text}, '-')"


# the canonical text of an id kept as its 16 bytes
ID_TEXT = ("lower(substr(hex(id), 1, 8) || '-' || substr(hex(id), 9, 4) || '-' || "
           "substr(hex(id), 13, 4) || '-' || substr(hex(id), 17, 4) || '-' || "
           "substr(hex(id), 21))")


def _key(record_id: str) -> bytes:
    """The 16 bytes of a canonical record id (wire checks every line's)."""
    return bytes.fromhex(record_id.replace("-", ""))


@contextmanager
def opened(conn: Any) -> Iterator[None]:
    """The table, empty, for the length of one import (inside its transaction or not)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_line (file INTEGER NOT NULL, "
                 "id BLOB NOT NULL, kind INTEGER, made INTEGER NOT NULL, waits INTEGER NOT NULL, "
                 "PRIMARY KEY (file, id)) WITHOUT ROWID")
    conn.execute("DELETE FROM temp.import_line")
    try:
        yield
    finally:  # the error on its way matters more: what stays goes at the next import
        with suppress(Exception):
            conn.execute("DELETE FROM temp.import_line")


class Seen:
    """The record lines of one file of an import (``file``: its place in the import) that
    have been read; call inside :func:`opened`."""

    def __init__(self, conn: Any, file: int) -> None:
        self._conn = conn
        self._file = file
        # the lines not written yet (at most a part's): id → [kind, made, waits]
        self._pending: dict[str, list[Any]] = {}
        self._bits = bytearray(_BITS // 8)  # the hashes of the ids written
        self._waiting = bytearray(_BITS // 8)  # of those that wait for the end
        self._actors: dict[str, int | None] = {}  # id → kind of the first people and orgs
        self.created = 0  # how many records the file created so far
        self.waiting = 0  # how many lines wait for the end

    # ---- reading ---------------------------------------------------------------------------
    def add(self, record_id: str, kind: Kind) -> bool:
        """Keep a line's id and kind: False when the file had a line of that id already."""
        if record_id in self._pending:
            return False
        h = hash(record_id) & _MASK
        if self._bits[h >> 3] & (1 << (h & 7)) and self._written(record_id):
            return False
        self._pending[record_id] = [_CODE[kind], 0, 0]
        if kind in _ACTORS and len(self._actors) < _CACHED:
            self._actors[record_id] = _CODE[kind]
        return True

    def flush(self) -> None:
        """Write the lines kept since the last flush (a part's: call when it is merged)."""
        if not self._pending:
            return
        bits = self._bits
        for record_id in self._pending:
            h = hash(record_id) & _MASK
            bits[h >> 3] |= 1 << (h & 7)
        self._conn.execute(
            "INSERT INTO temp.import_line (file, id, kind, made, waits) "  # noqa: S608
            f"SELECT ?, {_bytes('key')}, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
            (self._file, json.dumps(self._pending)))
        self._pending = {}

    def _written(self, record_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM temp.import_line WHERE file = ? AND id = ?",
                                  (self._file, _key(record_id))).fetchone() is not None

    def release(self) -> None:
        """The file is read: let go of what served its reading (the bitmaps, the cache of
        kinds; some 20 MB at most). What it created is still asked of the table, at the end
        of the import (one import takes any number of files)."""
        self.flush()
        self._bits = self._waiting = bytearray()
        self._actors = {}

    # ---- what the lines say ----------------------------------------------------------------
    def kinds(self, ids: Iterable[str]) -> dict[str, Kind]:
        """The kinds the lines read so far give ``ids`` (not those of lines left out)."""
        out: dict[str, Kind] = {}
        rest = []
        actors = self._actors
        for record_id in ids:
            row = self._pending.get(record_id)
            if row is not None:
                kind = row[0]
            elif record_id in actors:
                kind = actors[record_id]
            else:
                rest.append(record_id)
                continue
            if kind is not None:
                out[record_id] = _KINDS[kind]
        for chunk in _chunks(rest):  # CROSS JOIN: the ids asked first, each row by its key
            for record_id, kind in self._conn.execute(
                    "SELECT j.value, t.kind FROM json_each(?) AS j CROSS JOIN "  # noqa: S608
                    f"temp.import_line AS t ON t.file = ? AND t.id = {_bytes('j.value')} "
                    "WHERE t.kind IS NOT NULL", (json.dumps(chunk), self._file)):
                out[record_id] = _KINDS[kind]
        return out

    def leave_out(self, ids: Iterable[str]) -> None:
        """These lines count as no lines of the file (the signature screen left them out)."""
        ids = list(ids)
        for record_id in ids:
            if record_id in self._actors:
                self._actors[record_id] = None
        self._update("kind = ?", 0, ids, None)

    def mark_created(self, ids: Iterable[str]) -> None:
        """The file created these records."""
        self.created += self._update("made = ?", 1, ids, 1)

    def defer(self, ids: Iterable[str]) -> None:
        """These lines wait for the end of the file (read again: :meth:`waits`)."""
        ids = list(ids)
        for record_id in ids:
            h = hash(record_id) & _MASK
            self._waiting[h >> 3] |= 1 << (h & 7)
        self.waiting += self._update("waits = ?", 2, ids, 1)

    def _update(self, assign: str, at: int, ids: Iterable[str], value: Any) -> int:
        """Set a column of the rows of ``ids`` (``at``: its place in a pending row); how
        many."""
        written = []
        pending = self._pending
        n = 0
        for record_id in ids:
            n += 1
            row = pending.get(record_id)
            if row is None:
                written.append(record_id)
            else:
                row[at] = value
        for chunk in _chunks(written):
            self._conn.execute(
                f"UPDATE temp.import_line SET {assign} WHERE file = ? AND id IN "  # noqa: S608
                f"(SELECT {_bytes('value')} FROM json_each(?))",
                (value, self._file, json.dumps(chunk)))
        return n

    def waits(self, record_id: Any) -> bool:
        """Whether a line of this id waits for the end of the file (asked on the second read,
        of lines not validated yet: the payload is checked against its hash at its end)."""
        if not isinstance(record_id, str) or not is_id(record_id):
            return False
        h = hash(record_id) & _MASK
        if not self._waiting[h >> 3] & (1 << (h & 7)):
            return False
        return self._conn.execute(
            "SELECT 1 FROM temp.import_line WHERE file = ? AND id = ? AND waits = 1",
            (self._file, _key(record_id))).fetchone() is not None

    def created_ids(self, kind: Kind | None = None) -> Iterator[str]:
        """The ids of the records the file created (those of ``kind`` alone, when given)."""
        self.flush()
        where = "" if kind is None else " AND kind = ?"
        rows = self._conn.execute(
            f"SELECT {ID_TEXT} FROM temp.import_line WHERE file = ? AND made = 1{where}",  # noqa: S608
            (self._file,) if kind is None else (self._file, _CODE[kind]))
        while batch := rows.fetchmany(_BATCH):
            yield from (str(i) for (i,) in batch)

    def log_created(self, import_id: str) -> None:
        """Log the records the file created as ``import_id``'s (``import_created``): row by
        row, from table to table (the ids never all come to Python)."""
        self.flush()
        self._conn.execute(
            f"INSERT INTO import_created (import_id, record_id) SELECT ?, {ID_TEXT} "  # noqa: S608
            "FROM temp.import_line WHERE file = ? AND made = 1", (import_id, self._file))


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    it = iter(ids)
    while chunk := list(islice(it, _BATCH)):
        yield chunk


__all__ = ["ID_TEXT", "Seen", "opened"]
