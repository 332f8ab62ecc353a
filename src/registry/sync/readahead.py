"""Reading a large payload's lines on another processor while this one merges them.

An import spends about a fifth of its time on what needs no vault: turning payload lines
into records (the JSON parse, :func:`wire.from_line`'s checks) and checking the signatures
they carry. For a large payload that work goes to a reader process of this program, started
for the one read and stopped after it: this process decrypts and inflates the payload (the
limits of ``payload.Decoder`` hold as ever), hands the lines on in batches, and takes back,
in order, each line's record as validated (``wire.checked``) or its object (the header,
notices, shares, handover lines), with the answers of the signatures it checked for the
officials this vault trusts (exact triples, as ``Keyring.verify_soon`` finds them). The
merge then goes on as for lines read here, and waits for the reader only for the lines it
needs next: the reader runs up to :data:`WINDOW` batches ahead, whose lines and answers are
what is held here besides.

While the lines it is given are mostly of records new here (:attr:`Reader.forms`, which the
merge sets as it goes), the reader answers a record line with what the vault will write of
the record instead: its row and search terms (``records.stored_form``, with the store's own
indexers, named by module and name: it imports them). This process makes the record of that
row as it makes records of the rows it reads (``records.from_form``), so the record it
checks and merges is the row it writes (``Record.stored``), whatever the reader sent.

The reader runs this program's own code on the same lines, so what it answers is what this
process would have found: a line it could not take (whatever the reason) comes back as
nothing, and is read here again, from the bytes kept until then, by the same code, which
refuses it with the same message at the same place. A reader that cannot start, stops, or
answers in any shape but the expected one is stopped, and every line from the first one
unanswered is read here: the import's outcome does not depend on whether the reader ran
(the tests import with and without it, and with readers that fail in each of these ways).

Only this program's own values cross: lines as read, then the records (or stored forms),
objects and answers the reader made of them, as ``marshal`` data (JSON's types, bytes,
tuples: no objects, nothing run). The pipes are the reader's standard input and output;
nothing is written to disk, its error output is thrown away (a message there could quote a
line), and besides the lines it is given only the public keys of the officials this vault
trusts and the names of the store's indexers, never a key that decrypts or signs.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from typing import IO, Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: pipes keep their size
    fcntl = None  # type: ignore[assignment]

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from registry.domain.model import Record
from registry.memory import bulk, forget_records_over
from registry.store import records
from registry.store.records import Indexer
from registry.sync import READER_ARGUMENT, payload, wire
from registry.sync.signatures import carried
from registry.vault.hardening import harden_process

# a payload under this many bytes (as sent, compressed and encrypted: about 30,000 lines) is
# read here: starting the reader (a new interpreter, its imports) costs about a third of a
# second, which a small import does not win back
MIN_PAYLOAD = 2 * 1024 * 1024
BATCH_LINES = 2_000  # lines sent at a time, or fewer that reach BATCH_BYTES
BATCH_BYTES = 1024 * 1024
WINDOW = 16  # batches sent and not yet taken back: what is held here at most, lines as read
MAX_KEPT = 200_000  # kept signatures the reader is told of (64 bytes each), at most
PATIENCE = 120  # seconds a batch may take the reader before every line is read here
_FRAME = 8  # bytes of a frame's length

TakeLine = Callable[[dict[str, Any]], None]
TakeRecord = Callable[[Record, dict[str, bytes] | None], None]
Answers = list[tuple[str, bytes, bytes, bool]]  # official, signature, message, verifies
TakeAnswers = Callable[[Answers], None]


def worth(payload_size: int) -> bool:
    """Whether a payload of this size is read on another processor."""
    return payload_size >= MIN_PAYLOAD and (os.cpu_count() or 1) > 1


class Reader:
    """This process's side: :meth:`add` each line as the decoder splits it off, then
    :meth:`finish` once the payload ended well, or :meth:`settle` when reading it failed;
    :meth:`close` in every case. Lines are handed on in order, each as ``take`` (an
    object) or ``take_record`` (a record line, with its signatures) would take it read here,
    what the reader verified to ``take_answers`` just before its line."""

    def __init__(self, take: TakeLine, take_record: TakeRecord, take_answers: TakeAnswers,
                 process: subprocess.Popen[bytes] | None) -> None:
        self._take = take
        self._take_record = take_record
        self._take_answers = take_answers
        self._process = process
        self._batch: list[bytes] = []
        self._first = 0  # the number of the batch's first line
        self._size = 0
        self._flight: deque[tuple[int, list[bytes]]] = deque()  # sent, in order
        self._failed = False  # a line was refused, or taking it failed: nothing more is read
        self._finished = False  # every answer was taken: the reader ends by itself
        self.line_size = 0  # of the line being taken (importer._Lines bounds a part by it)
        # whether the reader makes the stored form of the records of the next batches sent
        # (worth its time only for records new here: the merge says, as it goes)
        self.forms = False
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._inbox: queue.Queue[bytes] = queue.Queue()
        self._threads: list[threading.Thread] = []
        if process is not None:  # both pipes on threads of their own: neither side waits
            self._threads = [  # for the other to read (the reader runs ahead, WINDOW batches)
                threading.Thread(target=_send_all, name="payload-reader-input",
                                 args=(process.stdin, self._outbox), daemon=True),
                threading.Thread(target=_receive_all, name="payload-reader-output",
                                 args=(process.stdout, self._inbox), daemon=True)]
            for thread in self._threads:
                thread.start()

    @property
    def running(self) -> bool:
        return self._process is not None

    def add(self, raw: bytes, number: int) -> None:
        if not self._batch:
            self._first = number
        self._batch.append(raw)
        self._size += len(raw)
        if len(self._batch) >= BATCH_LINES or self._size >= BATCH_BYTES:
            self._send()

    def finish(self) -> None:
        """Every line was read: take the rest."""
        if self._batch:
            self._send()
        while self._flight:
            self._take_oldest()
        self._finished = True

    def settle(self) -> None:
        """Reading the payload failed after the lines added so far: take those first, as
        they would have been taken had they been read here (one may be refused before the
        failure is); nothing after a line that was refused or failed."""
        if not self._failed:
            self.finish()

    def close(self) -> None:
        """Stop the reader (at once, when not every answer was taken); nothing more is read."""
        self._halt()
        self._flight.clear()
        self._batch = []

    def _halt(self) -> None:
        """Stop the reader process; the lines sent it, and those after, are read here."""
        process, self._process = self._process, None
        if process is None:
            return
        self._outbox.put(None)
        if not self._finished:  # it would go on with lines nobody takes
            process.kill()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - it ends at its input's end
            process.kill()
            process.wait()
        finally:
            for thread in self._threads:
                thread.join()

    def _send(self) -> None:
        batch, first = self._batch, self._first
        self._batch, self._size = [], 0
        self._flight.append((first, batch))
        if self._process is not None:
            self._outbox.put(marshal.dumps((first, batch, self.forms)))
        while len(self._flight) > (WINDOW if self._process is not None else 0):
            self._take_oldest()

    def _take_oldest(self) -> None:
        first, raws = self._flight.popleft()
        results = self._receive(len(raws))
        try:
            self._deliver(first, raws, results)
        except BaseException:
            self._failed = True
            raise

    def _receive(self, count: int) -> list[Any] | None:
        """The reader's answer for the oldest batch sent; None when it gave none that can
        be taken (it is then stopped, and every line is read here from now on)."""
        process = self._process
        if process is None:
            return None
        try:
            frame = self._inbox.get(timeout=PATIENCE)
        except queue.Empty:  # it hangs: read here
            frame = b""
        try:
            results = marshal.loads(frame) if frame else None  # noqa: S302 (its own reader's)
        except (EOFError, ValueError, TypeError):
            results = None
        if type(results) is not list or len(results) != count:
            self._halt()
            return None
        return results

    def _deliver(self, first: int, raws: list[bytes], results: list[Any] | None) -> None:
        for n, raw in enumerate(raws):
            self.line_size = len(raw)
            got: Any = None if results is None else results[n]
            record = _record(got)
            if record is not None:
                if got[-1]:
                    self._take_answers(got[-1])
                self._take_record(record, got[-2])
            elif type(got) is dict:
                self._take(got)
            else:  # the reader could not take it: read here, refused here as it would be
                self._take(payload.parse_line(raw, first + n))


def _record(got: Any) -> Record | None:
    """The record of a record line's answer: rebuilt from what ``wire.checked`` gave of it,
    or made from its stored form as the vault makes records of its rows
    (``records.from_form``: the record checked here is the row written); None for any other
    answer."""
    if type(got) is not tuple:
        return None
    if len(got) == 7:
        return wire.rebuilt(got[:5])
    return records.from_form(got[0], got[1]) if len(got) == 4 else None


def start(take: TakeLine, take_record: TakeRecord, take_answers: TakeAnswers, *,
          keys: dict[str, bytes], now_hlc: int, kept: list[bytes],
          indexers: tuple[Indexer, Indexer | None] | None = None) -> Reader:
    """A reader for one payload (``keys``: the Ed25519 public keys of the officials whose
    signatures it checks, by fingerprint; ``now_hlc``: the clock a stamp may not pass, as
    ``wire.from_line`` takes it; ``kept``: signatures this vault keeps, which it does not
    check: a line delivered again is taken on what was kept, ``signatures.held_claims``, and
    any other line's signature with none of its answers is checked here; ``indexers``: the
    store's, with which the reader makes records' stored forms when asked, :attr:`Reader.forms`
    — none is made when either is not a function it can import by name). When no process
    can be started, every line is read here."""
    process: subprocess.Popen[bytes] | None
    try:
        process = subprocess.Popen(  # this program, with arguments of its own
            _command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, close_fds=True,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))  # Windows: no console
    except OSError:
        process = None
    if process is not None and process.stdout is not None:
        _widen(process.stdout)
    reader = Reader(take, take_record, take_answers, process)
    if process is not None:
        named = None if indexers is None else (_name(indexers[0]), _name(indexers[1]))
        reader._outbox.put(marshal.dumps((keys, now_hlc, kept, named)))
    return reader


def _name(function: Indexer | None) -> str | None:
    """``module:name`` of a module-level function (what the reader imports); "" for any
    other function (none is imported for it), None for none."""
    if function is None:
        return None
    module, name = getattr(function, "__module__", None), getattr(function, "__qualname__", "")
    return f"{module}:{name}" if isinstance(module, str) and name.isidentifier() else ""


def _indexers(named: Any) -> tuple[Indexer, Indexer | None] | None:
    """The indexers :func:`_name` named, imported (only this program's: ``registry.``);
    None when one cannot be: no stored form is made then."""
    if type(named) is not tuple or len(named) != 2:
        return None
    out: list[Indexer | None] = []
    for text in named:
        if text is None:
            out.append(None)
            continue
        module, _, name = text.partition(":") if type(text) is str else ("", "", "")
        try:
            function = getattr(importlib.import_module(module), name) \
                if module.startswith("registry.") else None
        except (ImportError, AttributeError):
            function = None
        if not callable(function):
            return None
        out.append(function)
    return (out[0], out[1]) if out[0] is not None else None


def _widen(pipe: IO[bytes]) -> None:
    """Let the reader's answers wait in the pipe a megabyte at a time where the system allows
    (Linux): the thread that takes them needs the interpreter once a piece, and gets it only
    every few milliseconds beside the busy merge, which pieces of 64 KiB would make too few."""
    size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if size is None:  # pragma: no cover - Windows and macOS: pipes keep their size
        return
    with contextlib.suppress(OSError):
        fcntl.fcntl(pipe.fileno(), size, 1 << 20)


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the frozen build's entry point knows the argument
        return [sys.executable, READER_ARGUMENT]
    # isolated (no user site, no environment variables of Python's) and given this
    # process's import path: the same code reads, wherever this copy of it lies
    return [sys.executable, "-I", "-c",
            f"import sys; sys.path[:0] = {list(sys.path)!r}; "
            "from registry.sync.readahead import serve; serve()"]


# ---- the reader's side ---------------------------------------------------------------------
def serve() -> None:
    """The reader process: frames in from standard input, answers out to standard output,
    until an empty frame or the end of its input."""
    harden_process()  # it holds decrypted lines: no core dump, no debugger (DESIGN §5)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers goes to the pipe
    keys, now_hlc, kept, named = marshal.loads(_read_frame(source))  # noqa: S302 (its importer's)
    indexers = _indexers(named)
    officials = {fingerprint: Ed25519PublicKey.from_public_bytes(raw)
                 for fingerprint, raw in keys.items()}
    skipped = set(kept)
    with bulk():
        while frame := _read_frame(source):
            first, raws, forms = marshal.loads(frame)  # noqa: S302 (from its importer)
            making = indexers if forms else None
            answers = [_line(raw, first + n, officials, now_hlc, skipped, indexers=making)
                       for n, raw in enumerate(raws)]
            _write_frame(sink, marshal.dumps(answers))
            if making:  # the indexers' caches of words, bounded as the merge bounds its own
                forget_records_over()


def _line(raw: bytes, number: int, officials: dict[str, Any], now_hlc: int,
          skipped: set[bytes], *, indexers: tuple[Indexer, Indexer | None] | None) -> Any:
    """One line's answer: a record line's checked record (``indexers`` given: its kind and
    stored form instead, ``records.stored_form``), its signatures and their answers; any other
    line's object; None for a line that is refused (or fails in any way here)."""
    try:
        obj = payload.parse_line(raw, number)
        if number == 1 or not wire.is_record_line(obj):
            return obj
        record = wire.from_line(obj, number, now_hlc=now_hlc)
        sigs = wire.sigs_from_line(obj, number) if wire.SIGS in obj else None
        verified = _verified(record, sigs, officials, skipped)
        if indexers is not None:  # what the vault stores of it: it makes the record of that
            return record.kind.value, records.stored_form(record, *indexers), sigs, verified
        return (*wire.checked(record, obj), sigs, verified)
    except Exception:  # read again there: refused, or taken, as ever
        return None


def _verified(record: Record, sigs: dict[str, bytes] | None, officials: dict[str, Any],
              skipped: set[bytes]) -> Answers | None:
    if not sigs:
        return None
    out: Answers = []
    for official, sig, data in carried([record], {record.id: sigs}):
        key = officials.get(official)
        if key is None or sig in skipped:
            continue
        try:
            key.verify(sig, data)
            out.append((official, sig, data, True))
        except InvalidSignature:
            out.append((official, sig, data, False))
    return out or None


# ---- frames: a length, then that many bytes ------------------------------------------------
def _read_frame(source: IO[bytes]) -> bytes:
    head = _read_exactly(source, _FRAME)
    if not head:
        return b""
    return _read_exactly(source, int.from_bytes(head, "little"))


def _read_exactly(source: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = source.read(left)
        if not chunk:
            if left == size:
                return b""
            raise EOFError("a frame ended early")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_frame(sink: IO[bytes], data: bytes) -> None:
    sink.write(len(data).to_bytes(_FRAME, "little"))
    sink.write(data)
    sink.flush()


def _receive_all(source: IO[bytes] | None, inbox: queue.Queue[bytes]) -> None:
    """The receiving thread: the reader's frames in order, then an empty one (its output
    ended, or broke off)."""
    assert source is not None
    try:
        while frame := _read_frame(source):
            inbox.put(frame)
    except (OSError, EOFError):
        pass
    finally:
        inbox.put(b"")
        with contextlib.suppress(OSError):
            source.close()


def _send_all(sink: IO[bytes] | None, outbox: queue.Queue[bytes | None]) -> None:
    """The sending thread: frames in order, then the end; a reader that stopped ends it."""
    assert sink is not None
    try:
        while (frame := outbox.get()) is not None:
            _write_frame(sink, frame)
        _write_frame(sink, b"")
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            sink.close()
