"""The decrypted bundle payload: gzip-compressed JSON Lines (DESIGN §6.2).

Line 1 is the header object, then one record object per line. Every line is compact
JSON with sorted keys, UTF-8, no NaN/Infinity, terminated by ``\\n``. Encoding is
deterministic (gzip mtime 0, no file name). Decoding is defensive: the gzip stream is
inflated in bounded steps and stops at ``max_uncompressed`` (a gzip bomb costs at most
that much memory), trailing data and truncated streams are refused, every line must be a
JSON object with unique keys, and line length and count are capped.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterable
from typing import Any, BinaryIO

from registry.errors import BundleError, InvalidInput

_FEED = 16 * 1024  # input bytes per step: bounds the work and the copies
_INFLATE_STEP = 64 * 1024
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_WRITE_CHUNK = 1024 * 1024  # lines are compressed in ~1 MiB blocks, not one by one
DEFAULT_LEVEL = 6  # level 9 costs about twice the time for a few per cent of size
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                            allow_nan=False)


def _dump(obj: object) -> bytes:
    if not isinstance(obj, dict):
        raise InvalidInput("Every payload line must be a JSON object.")
    try:
        text = _ENCODER.encode(obj)
    except (TypeError, ValueError):
        raise InvalidInput("A payload line holds a value that is not plain JSON.") from None
    return text.encode("utf-8") + b"\n"


def write(sink: BinaryIO, header: dict[str, Any], records: Iterable[dict[str, Any]], *,
          level: int = DEFAULT_LEVEL) -> int:
    """Stream the payload into ``sink``; return the number of records written."""
    count = 0
    with gzip.GzipFile(filename="", mode="wb", fileobj=sink, mtime=0,
                       compresslevel=level) as gz:
        block = [_dump(header)]
        size = 0
        for record in records:
            line = _dump(record)
            block.append(line)
            size += len(line)
            count += 1
            if size >= _WRITE_CHUNK:
                gz.write(b"".join(block))
                block, size = [], 0
        gz.write(b"".join(block))
    return count


def encode(header: dict[str, Any], records: Iterable[dict[str, Any]], *,
           level: int = DEFAULT_LEVEL) -> bytes:
    """The whole payload as bytes (gzip of JSON Lines)."""
    sink = io.BytesIO()
    write(sink, header, records, level=level)
    return sink.getvalue()


def _inflate(data: bytes, cap: int) -> bytes:
    """Inflate one gzip member, never producing more than ``cap`` bytes.

    Input is fed in small pieces, so zlib's unconsumed tail stays small (feeding the whole
    input at once makes every bounded step copy the rest of it: quadratic in the size).
    """
    inflater = zlib.decompressobj(_GZIP_WBITS)
    out = bytearray()
    view = memoryview(data)
    try:
        for start in range(0, len(data), _FEED):
            pending: bytes | memoryview = view[start:start + _FEED]
            while pending and not inflater.eof:
                out += inflater.decompress(pending, min(_INFLATE_STEP, cap + 1 - len(out)))
                if len(out) > cap:
                    raise BundleError("The payload is larger than allowed when uncompressed; "
                                      "refused.")
                pending = inflater.unconsumed_tail
            if inflater.eof:
                if inflater.unused_data or start + _FEED < len(data):
                    raise BundleError("The payload has data after its gzip stream.")
                break
    except zlib.error:
        raise BundleError("The payload is not valid gzip data.") from None
    if not inflater.eof:
        raise BundleError("The payload's gzip stream is truncated.")
    return bytes(out)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise BundleError("A payload line repeats a key.")
    return obj


def _no_constants(name: str) -> Any:
    raise BundleError("A payload line holds NaN or Infinity.")


# One decoder for all lines (json.loads with options builds a new one per call).
_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


def _parse_line(raw: bytes, number: int) -> dict[str, Any]:
    try:
        obj = _DECODER.decode(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BundleError(f"Payload line {number} is not valid UTF-8.") from None
    except (ValueError, RecursionError):
        raise BundleError(f"Payload line {number} is not valid JSON.") from None
    if not isinstance(obj, dict):
        raise BundleError(f"Payload line {number} is not a JSON object.")
    return obj


def _split(text: bytes, *, max_line: int, max_lines: int) -> list[bytes]:
    if not text.endswith(b"\n"):
        raise BundleError("The payload does not end with a newline (truncated?).")
    lines = text[:-1].split(b"\n")
    if len(lines) > max_lines + 1:
        raise BundleError(f"The payload has more than {max_lines} records; refused.")
    for number, line in enumerate(lines, start=1):
        if len(line) > max_line:
            raise BundleError(f"Payload line {number} is longer than allowed; refused.")
    return lines


def decode(
    data: bytes, *, max_uncompressed: int, max_line: int, max_lines: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Parse a payload into ``(header, records)``; ``max_lines`` counts records only.

    Raises ``BundleError`` on a gzip bomb, truncation, trailing data, bad UTF-8, a line
    that is not a JSON object, duplicate keys, NaN/Infinity, or a limit exceeded.
    """
    lines = _split(_inflate(data, max_uncompressed), max_line=max_line, max_lines=max_lines)
    parsed = [_parse_line(line, number) for number, line in enumerate(lines, start=1)]
    return parsed[0], parsed[1:]
