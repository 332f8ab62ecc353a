"""What an import keeps of every line it read (``sync.seen``: rows of ``temp.import_line``,
two hash bitmaps and a bounded cache of kinds a file) under a hostile import: many files in
one import, a line left out once it is written."""

from __future__ import annotations

import contextlib
import gc
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.service import Registry
from registry.sync import namesakes
from tests.sync.forge import forge, record
from tests.sync.vaults import introduce, make_vault, receive


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    c, r = make_vault(tmp_path, "C"), make_vault(tmp_path, "R")
    introduce(c, r)
    yield c, r
    for v in (c, r):
        v.lock()


# ---- memory grows by two 2 MiB bitmaps for every file of one import ----------------------------
def _held_at_guard(c: Registry, r: Registry, tmp_path: Path, files: int, tag: str,
                   monkeypatch: pytest.MonkeyPatch) -> int:
    """Python memory held when the namesake guard runs (every file read, none let go yet)
    minus before the import, importing ``files`` one-person bundles from C in one import."""
    paths = [forge(c, r, tmp_path / f"{tag}-{n}.rbundle",
                   [record(c, Kind.PERSON, {"name": f"Человек {tag} {n}"})])
             for n in range(files)]
    held: list[int] = []
    real = namesakes.guard_named

    def guard(*a, **kw):  # type: ignore[no-untyped-def]
        gc.collect()
        held.append(tracemalloc.get_traced_memory()[0])
        return real(*a, **kw)

    monkeypatch.setattr(namesakes, "guard_named", guard)
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        reports = receive(r, *paths)
    finally:
        tracemalloc.stop()
        monkeypatch.setattr(namesakes, "guard_named", real)
    assert [x.counts["new"] for x in reports] == [1] * files  # control: every file created
    return held[0] - start


def test_each_file_of_one_import_keeps_no_megabytes(pair, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """§6.5.7 bounds an import's memory whatever the bundle; one import may take any number
    of files (§6.5.8, ``bundle import FILE...``). Every file gets a ``Seen`` with two
    ``bytearray`` bitmaps of 2 MiB each (zero-filled: resident), and the namesake guard's
    ``Brought.created`` (a bound method of it) keeps every file's ``Seen`` to the end of the
    import: unless it lets them go once its file is read (``Seen.release``), 64 one-line
    bundles from a seized key (or a colleague's batch) make 256 MiB of bitmaps alone.
    Measured: 2 files against 10 files; what grows between them stays under 256 KiB a
    file (4 MiB a file before the release)."""
    c, r = pair
    two = _held_at_guard(c, r, tmp_path, 2, "a", monkeypatch)
    ten = _held_at_guard(c, r, tmp_path, 10, "b", monkeypatch)
    assert (ten - two) / 8 < 256 * 1024, (two, ten)


# ---- the lines of one file, in a transaction ------------------------------------------------
FIRST, SECOND = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "1f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"


@contextlib.contextmanager
def _lines(vault: Registry) -> Iterator[Any]:
    """The first file's lines as an import keeps them (``sync.seen``), in a transaction of
    ``vault``'s."""
    from registry.sync import seen

    with vault.store.write(), seen.opened(vault.store.conn):
        yield seen.Seen(vault.store.conn, 0)


def test_leaving_out_a_written_line_does_not_fail(pair) -> None:
    """``Seen.leave_out`` of a line whose part was written already (the second read: the
    lines that wait for the end are rows by then) sets its kind to none, as for a line still
    pending (the control); it had one parameter too many, which SQLite refused. Latent: the
    signature screen never leaves out, on the second read, a line it kept on the first
    (erasures stay and wait; a ``merged_into`` line keeps that stamp), but a change to the
    screen would have turned a well-signed bundle into an internal error."""
    _, r = pair
    first, second = FIRST, SECOND
    with _lines(r) as lines:
        assert lines.add(first, Kind.PERSON) and lines.add(second, Kind.PERSON)
        lines.leave_out([first])  # control: still pending
        assert lines.kinds([first, second]) == {second: Kind.PERSON}
        lines.flush()
        lines.leave_out([second])  # written: the second read's case
        assert lines.kinds([first, second]) == {}


def test_what_waits_is_asked_of_the_table_and_an_odd_id_waits_for_nothing(
        pair, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second read asks of every line whether it waits for the end of the file: a line
    written to the table waits when it was kept for the end, not otherwise; an id that is
    no text, or no canonical id (a payload replaced between the reads is read before its
    hash is found wrong), waits for nothing. Past the cache of people's and organisations'
    kinds (off here), a line's kind is read from the table; the rows are each file's own."""
    from registry.sync import seen

    monkeypatch.setattr(seen, "_CACHED", 0)
    _, r = pair
    first, second = FIRST, SECOND
    with _lines(r) as lines:
        assert lines.add(first, Kind.PERSON) and lines.add(second, Kind.TIE)
        lines.defer([first])
        lines.flush()
        assert lines.kinds([first, second]) == {first: Kind.PERSON, second: Kind.TIE}
        assert lines.waits(first) and not lines.waits(second)
        assert not lines.waits(None) and not lines.waits(7)
        assert not lines.waits("not-hexadecimal-zz")
        assert not lines.add(first, Kind.PERSON)  # a repeat, asked of the table
        other = seen.Seen(r.store.conn, 1)  # the next file of the same import
        assert other.kinds([first, second]) == {} and other.add(first, Kind.PERSON)
