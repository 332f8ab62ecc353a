"""Payload: gzip JSON Lines encoding and defensive decoding."""

from __future__ import annotations

import gzip
import io
import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.errors import BundleError, InvalidInput
from registry.sync import payload

LIMITS = {"max_uncompressed": 1 << 20, "max_line": 10_000, "max_lines": 1000}


def test_round_trip() -> None:
    header = {"bundle_id": "b", "counts": {"people": 2}}
    records: list[dict[str, object]] = [
        {"id": "1", "name": "Навальная"}, {"id": "2", "z": None, "a": [1, 2.5, True]}]
    data = payload.encode(header, records)
    assert payload.decode(data, **LIMITS) == (header, records)


def test_encoding_is_canonical_and_deterministic() -> None:
    data = payload.encode({"b": 1, "a": "ё"}, [{"y": 1, "x": 2}])
    assert gzip.decompress(data) == '{"a":"ё","b":1}\n{"x":2,"y":1}\n'.encode()
    assert data == payload.encode({"b": 1, "a": "ё"}, [{"y": 1, "x": 2}])


def test_write_to_stream_counts_records() -> None:
    sink = io.BytesIO()
    assert payload.write(sink, {}, ({"n": i} for i in range(5))) == 5
    assert len(payload.decode(sink.getvalue(), **LIMITS)[1]) == 5


@pytest.mark.parametrize("bad", [
    [1], {"x": float("nan")}, {"x": object()}, "s", {"values": {"amount": float("inf")}},
    {"values": {"amount": float("-inf")}}, {"n": 2 ** 64}, {"a": "\ud800"}, {1: "x"}])
def test_encode_refuses_non_json(bad: object) -> None:
    with pytest.raises(InvalidInput):
        payload.encode({}, [bad])  # type: ignore[list-item]


_INT64 = st.integers(-(2 ** 63), 2 ** 63 - 1)  # what SQLite stores, and lines carry


@settings(max_examples=50, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=5), st.one_of(
    st.none(), st.booleans(), _INT64, st.text(max_size=20)), max_size=5), max_size=20))
def test_round_trip_property(records: list[dict[str, object]]) -> None:
    assert payload.decode(payload.encode({"h": 1}, records), **LIMITS) == ({"h": 1}, records)


def test_gzip_bomb_refused_with_bounded_memory() -> None:
    bomb = gzip.compress(b"{" + b" " * (50 << 20) + b"}\n")
    assert len(bomb) < 100_000
    with pytest.raises(BundleError, match="larger than allowed"):
        payload.decode(bomb, **{**LIMITS, "max_line": 1 << 30})
    with pytest.raises(BundleError, match="line 1 is longer than allowed"):
        payload.decode(bomb, **LIMITS)


def test_exact_cap_is_accepted() -> None:
    text = b"{}\n" * 1000
    data = gzip.compress(text)
    header, records = payload.decode(data, max_uncompressed=len(text), max_line=10,
                                     max_lines=999)
    assert header == {} and len(records) == 999
    with pytest.raises(BundleError, match="larger"):
        payload.decode(data, max_uncompressed=len(text) - 1, max_line=10, max_lines=999)
    with pytest.raises(BundleError, match="more than 998"):
        payload.decode(data, max_uncompressed=len(text), max_line=10, max_lines=998)


def _gz(text: bytes) -> bytes:
    return gzip.compress(text)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"", "truncated"),
        (b"not gzip at all", "not valid gzip"),
        (_gz(b"{}\n")[:-6], "truncated"),
        (_gz(b"{}\n") + b"x", "after its gzip"),
        (_gz(b"{}\n") + _gz(b"{}\n"), "after its gzip"),
        (_gz(b"{}"), "newline"),
        (_gz(b"{}\n\n"), "line 2 is empty"),
        (_gz(b"\n{}\n"), "line 1 is empty"),
        (_gz(b""), "no header line"),
        (_gz(b"{}\n[1]\n"), "not a JSON object"),
        (_gz(b"\"s\"\n"), "not a JSON object"),
        (_gz(b"{}\n{\"a\":1,\"a\":2}\n"), "repeats a key"),
        (_gz(b"{}\n{\"a\":NaN}\n"), "NaN"),
        (_gz(b"{}\n{\"a\":\"\xff\"}\n"), "UTF-8"),
        (_gz(b"{}\n" + b"[" * 100_000 + b"\n"), "longer"),
        (_gz(b"{\"a\":\"" + b"x" * 10_001 + b"\"}\n"), "longer"),
    ],
)
def test_decode_refuses(data: bytes, match: str) -> None:
    with pytest.raises(BundleError, match=match):
        payload.decode(data, **LIMITS)


def test_deep_nesting_refused() -> None:
    deep = b"{}\n" + b"[" * 9000 + b"]" * 9000 + b"\n"
    with pytest.raises(BundleError, match=r"not valid JSON|not a JSON object"):
        payload.decode(_gz(deep), max_uncompressed=1 << 20, max_line=20_000, max_lines=10)


def test_raw_deflate_refused() -> None:
    with pytest.raises(BundleError):
        payload.decode(zlib.compress(b"{}\n"), **LIMITS)


def test_data_after_the_gzip_stream_is_refused_even_far_after() -> None:
    """Trailing bytes beyond the first input piece fed to zlib are caught too."""
    import os

    good = gzip.compress(b'{"a":1}\n', mtime=0)
    with pytest.raises(BundleError, match="after its gzip"):
        payload.decode(good + os.urandom(64 * 1024), max_uncompressed=1 << 20,
                       max_line=1 << 16, max_lines=10)


def test_blocks_compressed_on_a_thread_give_the_bytes_of_compressing_inline() -> None:
    records = [{"id": str(n), "text": f"line {n} " * (n % 40), "n": n} for n in range(60_000)]
    inline = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=inline, mtime=0,
                       compresslevel=payload.DEFAULT_LEVEL) as gz:
        block, size = [payload._dump({"h": 1})], 0
        for record in records:
            line = payload._dump(record)
            block.append(line)
            size += len(line)
            if size >= payload._WRITE_CHUNK:
                gz.write(b"".join(block))
                block, size = [], 0
        gz.write(b"".join(block))
    assert len(inline.getvalue()) > payload._WRITE_CHUNK // 20  # several blocks went
    assert payload.encode({"h": 1}, records) == inline.getvalue()


def test_a_line_refused_after_blocks_went_to_the_thread_stops_the_payload() -> None:
    records: list[dict[str, object]] = [{"text": "x" * 1000, "n": n} for n in range(5000)]
    with pytest.raises(InvalidInput, match="not plain JSON"):
        payload.encode({"h": 1}, [*records, {"bad": float("nan")}])


# ---- the fast (orjson) path reads exactly what the strict decoder reads -----------------------
@pytest.mark.parametrize("raw", [
    b'{"a":1,"a":2}', b'{"a":2,"a":2}', b'{"b":{"x":1,"x":1}}', b'{"a":NaN}', b'{"a":Infinity}',
    b'{"a":"\\ud800"}', b'{"a":1e400}', b'{"a":' + b"9" * 30 + b"}", b"[1]", b'"text"',
    b'{"a":1} ', b'{"b":1,"a":2}', b'{"a":1.0}', b'{"a":"\\u00e9"}', b'{"a":1E+2}',
    b'{"b":1,"a":1,"b":1}', b'{"b":{"y":1,"x":1,"y":1},"a":1}', b'{"b":[1,{"c":1,"c":1}]}',
])
def test_fast_path_agrees_with_the_strict_decoder(raw: bytes) -> None:
    try:
        strict: object = payload._DECODER.decode(raw.decode("utf-8"))
        if not isinstance(strict, dict):
            raise BundleError("not an object")
    except (BundleError, ValueError):
        strict = "refused"
    try:
        got: object = payload.parse_line(raw, 2)
    except BundleError:
        got = "refused"
    assert got == strict
    fast = payload._canonical_object(raw)
    assert fast is None or fast == strict


@given(st.dictionaries(st.text(max_size=5), st.one_of(
    st.none(), st.booleans(), _INT64, st.text(max_size=8),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.text(max_size=4), max_size=3)), max_size=5))
@settings(max_examples=200, deadline=None)
def test_fast_path_reads_canonical_lines_as_the_strict_decoder(obj: dict[str, object]) -> None:
    line = payload._dump(obj).rstrip(b"\n")
    assert payload.parse_line(line, 2) == payload._DECODER.decode(line.decode("utf-8")) == obj


# ---- lines are the standard encoder's canonical JSON for every value a record holds ----------
_STANDARD = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                             allow_nan=False)
_FIELD_VALUE = st.one_of(
    st.none(), st.booleans(), _INT64, st.text(), st.lists(st.text(max_size=6), max_size=3),
    # an amount as validate._number keeps it: an integer, or two decimals within its range
    st.floats(-1e13, 1e13).map(lambda x: int(x) if x.is_integer() else round(x, 2)))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _FIELD_VALUE, max_size=6),
       st.dictionaries(st.text(max_size=6), _FIELD_VALUE, max_size=4))
def test_a_line_is_written_as_the_standard_encoder_writes_it(
        values: dict[str, object], rest: dict[str, object]) -> None:
    line = {**rest, "values": values}
    assert payload._dump(line) == _STANDARD.encode(line).encode() + b"\n"
