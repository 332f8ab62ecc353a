"""The decrypted bundle payload: gzip-compressed JSON Lines (DESIGN §6.2).

Line 1 is the header object, then one record object per line. Every line is compact
JSON with sorted keys, UTF-8, no NaN/Infinity, terminated by ``\\n``. Encoding is
deterministic (gzip mtime 0, no file name).

Decoding is a stream (DESIGN §6.5.7): :class:`Decoder` takes the compressed payload in
pieces (it is the sink of the streaming decryption), inflates it in bounded steps, splits
lines as they arrive and hands each parsed line on at once. It never holds more than one
inflated step and one partial line (at most ``max_line`` bytes), so a hostile payload costs
the same little memory whatever it inflates to. It refuses, as soon as it happens: an empty
line, a line over ``max_line``, more than ``max_lines`` records, more than
``max_uncompressed`` inflated bytes, and an inflated size over ``max_ratio`` times the
compressed bytes read so far plus :data:`RATIO_ALLOWANCE`; also trailing data, a truncated
stream, and every line that is not a JSON object with unique keys.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import zlib
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, BinaryIO

import orjson

from registry.errors import BundleError, InvalidInput

_FEED = 16 * 1024  # input bytes per step: bounds the work and the copies
_INFLATE_STEP = 64 * 1024
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_WRITE_CHUNK = 1024 * 1024  # lines are compressed in ~1 MiB blocks, not one by one
_PENDING = 2  # blocks waiting for the compressing thread (bounds the memory held)
DEFAULT_LEVEL = 6  # level 9 costs about twice the time for a few per cent of size
# Real payloads (JSON records: repeated keys, UUIDs, HLC stamps, names, notes) inflate 5-15
# times; deflate can reach about 1030 times. 100 leaves real payloads a wide margin and
# still stops a bomb after a hundredth of its work. The allowance lets a small payload with
# one odd, very repetitive value through (four maximal lines at the default max_line).
MAX_RATIO = 100
RATIO_ALLOWANCE = 4 * 1024 * 1024
# Lines are written by orjson (C, about four times the standard encoder here): compact, keys
# sorted, UTF-8 unescaped, the escapes the standard encoder with ``ensure_ascii=False`` writes,
# and the same digits for every number a record holds (integers, and amounts kept to two
# decimals: ``validate._number``). Where it differs it refuses more — an integer beyond 64
# bits (none is stored: SQLite's are 64-bit), a lone surrogate, a type JSON has not — except
# for NaN and Infinity, which it writes as null: :func:`_finite` refuses those first.
_DUMP_OPTIONS = (orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
                 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME)


_NOT_PLAIN = "A payload line holds a value that is not plain JSON."


def _dump(obj: object) -> bytes:
    if not isinstance(obj, dict):
        raise InvalidInput("Every payload line must be a JSON object.")
    if not _finite(obj):
        raise InvalidInput(_NOT_PLAIN)
    try:
        return orjson.dumps(obj, option=_DUMP_OPTIONS)
    except orjson.JSONEncodeError:
        raise InvalidInput(_NOT_PLAIN) from None


def _finite(line: dict[str, Any]) -> bool:
    """No NaN or Infinity among a line's values or its record's values: where numbers travel
    (a record's fields hold numbers or lists of words, never numbers deeper down)."""
    for level in (line, line.get("values")):
        if type(level) is dict and float in map(type, level.values()) and not all(
                math.isfinite(v) for v in level.values() if type(v) is float):
            return False
    return True


class _Behind:
    """Compresses blocks on one worker thread, in order, while the caller encodes the next:
    zlib lets go of the GIL while it deflates, so compressing overlaps encoding. One thread
    makes the same writes in the same order, so the bytes are the same as written inline."""

    def __init__(self, gz: gzip.GzipFile) -> None:
        self._gz = gz
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="payload-gzip")
        self._pending: deque[Future[int]] = deque()

    def write(self, block: bytes) -> None:
        if len(self._pending) >= _PENDING:
            self._pending.popleft().result()
        self._pending.append(self._pool.submit(self._gz.write, block))

    def finish(self) -> None:
        """Wait for every block; raise what compressing one raised."""
        while self._pending:
            self._pending.popleft().result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def write(sink: BinaryIO, header: dict[str, Any], records: Iterable[dict[str, Any]], *,
          level: int = DEFAULT_LEVEL) -> int:
    """Stream the payload into ``sink``; return the number of records written."""
    count = 0
    with gzip.GzipFile(filename="", mode="wb", fileobj=sink, mtime=0,
                       compresslevel=level) as gz:
        behind = _Behind(gz)
        try:
            block = [_dump(header)]
            size = 0
            for record in records:
                line = _dump(record)
                block.append(line)
                size += len(line)
                count += 1
                if size >= _WRITE_CHUNK:
                    behind.write(b"".join(block))
                    block, size = [], 0
            behind.write(b"".join(block))
            behind.finish()
        finally:
            behind.shutdown()  # nothing is written to gz after this
    return count


def encode(header: dict[str, Any], records: Iterable[dict[str, Any]], *,
           level: int = DEFAULT_LEVEL) -> bytes:
    """The whole payload as bytes (gzip of JSON Lines)."""
    sink = io.BytesIO()
    write(sink, header, records, level=level)
    return sink.getvalue()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise BundleError("A payload line repeats a key.")
    return obj


def _no_constants(name: str) -> Any:
    raise BundleError("A payload line holds NaN or Infinity.")


# One decoder for all lines (json.loads with options builds a new one per call).
_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


def parse_line(raw: bytes, number: int) -> dict[str, Any]:
    """The JSON object of payload line ``number``; ``BundleError`` for anything else."""
    fast = _canonical_object(raw)
    if fast is not None:
        return fast
    try:
        obj = _DECODER.decode(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BundleError(f"Payload line {number} is not valid UTF-8.") from None
    except (ValueError, RecursionError):
        raise BundleError(f"Payload line {number} is not valid JSON.") from None
    if not isinstance(obj, dict):
        raise BundleError(f"Payload line {number} is not a JSON object.")
    return obj


def _canonical_object(raw: bytes) -> dict[str, Any] | None:
    """The object of a line written as :func:`_dump` writes lines (compact JSON), parsed by
    orjson (C, ~4x the standard decoder); None for any other line, which the strict decoder
    then reads or refuses with its reasons.

    orjson refuses NaN, Infinity, invalid UTF-8 and lone surrogates, but keeps the last of
    repeated keys: a line is taken from it only when it is exactly orjson's rendering of
    what was parsed (keys in the order read), which no line with a repeated key (one key
    fewer) or any other irregularity is. What it returns then is what the strict decoder
    returns for the same line. Not sorting the keys again saves a fifth of the parse."""
    try:
        obj = orjson.loads(raw)
        if type(obj) is dict and orjson.dumps(obj) == raw:
            return obj
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        pass
    return None


LineSink = Callable[[dict[str, Any]], None]
RawSink = Callable[[bytes, int], None]  # a line as read, and its number (the header is 1)


class Decoder:
    """Decode a payload as a stream: :meth:`write` compressed bytes in any pieces, then
    :meth:`close`. Each line, parsed, goes to ``on_line`` as soon as it is complete: the
    header first, then the records in order. ``max_lines`` counts records only;
    ``max_ratio=None`` lifts the ratio cap (the other caps still hold).

    Raises ``BundleError`` on a gzip bomb, truncation, trailing data, bad UTF-8, a line that
    is empty or not a JSON object, duplicate keys, NaN/Infinity, or a limit exceeded.
    Whatever ``on_line`` raises comes out unchanged and stops the decoding.

    With ``on_raw``, a line goes there as read instead, with its number, and is parsed
    nowhere here (``sync.readahead`` parses it on another processor, then
    :func:`parse_line`): every check above but the parse still holds.
    """

    def __init__(self, on_line: LineSink, *, max_uncompressed: int, max_line: int,
                 max_lines: int, max_ratio: int | None = MAX_RATIO,
                 ratio_allowance: int = RATIO_ALLOWANCE, on_raw: RawSink | None = None) -> None:
        self._on_line = on_line
        self._on_raw = on_raw
        self._max_uncompressed = max_uncompressed
        self._max_line = max_line
        self._max_lines = max_lines
        self._max_ratio = max_ratio
        self._allowance = ratio_allowance
        self._inflater = zlib.decompressobj(_GZIP_WBITS)
        self._partial = bytearray()
        self.consumed = 0  # compressed bytes read so far
        self.inflated = 0
        self.lines = 0  # complete lines handed on, the header included
        self.line_size = 0

    def write(self, data: bytes) -> int:
        """Take the next piece of the compressed payload (a binary file's ``write``)."""
        view = memoryview(data)
        for start in range(0, len(view), _FEED):
            if self._inflater.eof:
                raise BundleError("The payload has data after its gzip stream.")
            self._inflate(view[start:start + _FEED])
        return len(view)

    def close(self) -> int:
        """Check that the payload ended well; return the number of lines (header included)."""
        if not self._inflater.eof:
            raise BundleError("The payload's gzip stream is truncated.")
        if self._partial:
            raise BundleError("The payload does not end with a newline (truncated?).")
        if self.lines == 0:
            raise BundleError("The payload is empty: it has no header line.")
        return self.lines

    def _inflate(self, piece: memoryview) -> None:
        """Inflate one input piece in steps of at most ``_INFLATE_STEP`` output bytes.

        Input goes in small pieces, so zlib's unconsumed tail stays small (feeding the whole
        input at once makes every bounded step copy the rest of it: quadratic in the size).
        A full step may leave output inside zlib, so a step that filled up runs again.
        """
        pending: bytes | memoryview = piece
        while True:
            room = min(_INFLATE_STEP, self._max_uncompressed + 1 - self.inflated)
            try:
                out = self._inflater.decompress(pending, room)
            except zlib.error:
                raise BundleError("The payload is not valid gzip data.") from None
            self.consumed += len(pending) - len(self._inflater.unconsumed_tail)
            pending = self._inflater.unconsumed_tail
            self._count(len(out))
            self._split(out)
            if self._inflater.eof:
                if self._inflater.unused_data:
                    raise BundleError("The payload has data after its gzip stream.")
                return
            if not pending and len(out) < room:
                return

    def _count(self, size: int) -> None:
        self.inflated += size
        if self.inflated > self._max_uncompressed:
            raise BundleError("The payload is larger than allowed when uncompressed; refused.")
        if self._max_ratio is not None and \
                self.inflated > self._max_ratio * self.consumed + self._allowance:
            raise BundleError(f"The payload inflates more than {self._max_ratio} times its "
                              "compressed size (a compression bomb); refused.")

    def _split(self, out: bytes) -> None:
        if not out:
            return
        parts = out.split(b"\n")
        if len(parts) > 1:
            first = parts[0]
            if self._partial:
                self._grow(first)
                first = bytes(self._partial)
                self._partial.clear()
            self._line(first)
            for index in range(1, len(parts) - 1):
                self._line(parts[index])
        self._grow(parts[-1])

    def _grow(self, piece: bytes) -> None:
        if len(self._partial) + len(piece) > self._max_line:
            raise BundleError(f"Payload line {self.lines + 1} is longer than allowed; refused.")
        self._partial += piece

    def _line(self, raw: bytes) -> None:
        number = self.lines + 1
        if not raw:
            raise BundleError(f"Payload line {number} is empty; refused.")
        if len(raw) > self._max_line:
            raise BundleError(f"Payload line {number} is longer than allowed; refused.")
        if number > self._max_lines + 1:
            raise BundleError(f"The payload has more than {self._max_lines} records; refused.")
        if self._on_raw is not None:
            self.lines = number
            self.line_size = len(raw)
            self._on_raw(raw, number)
            return
        obj = parse_line(raw, number)
        self.lines = number
        self.line_size = len(raw)  # of the line handed on now: a sink may bound its memory by it
        self._on_line(obj)


def decode(
    data: bytes, *, max_uncompressed: int, max_line: int, max_lines: int,
    max_ratio: int | None = MAX_RATIO,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Parse a whole payload into ``(header, records)`` with :class:`Decoder` (same checks).

    Holds every parsed line: for tests and small payloads; the import streams instead.
    """
    lines: list[dict[str, Any]] = []
    decoder = Decoder(lines.append, max_uncompressed=max_uncompressed, max_line=max_line,
                      max_lines=max_lines, max_ratio=max_ratio)
    decoder.write(data)
    decoder.close()
    return lines[0], lines[1:]
