"""Bounded memory on import (DESIGN §6.5.7): the payload is decrypted, inflated, split and
validated as a stream, and the compression ratio is capped.

Hostile payloads are real bundles: signed by a trusted, verified colleague's real keys,
encrypted to the receiver, built with the project's own container writer (issue 11: a
42 KB bundle of newlines took 461 MB before it was refused). Peak memory is measured in a
child process that imports the bundle into a real vault, with ``resource.getrusage``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import io
import itertools
import json
import os
import struct
import subprocess
import sys
import uuid
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from registry import demo
from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.errors import BundleError, TrustError
from registry.service import Registry
from registry.store import db
from registry.sync import agecrypt, container, payload, wire
from registry.sync.container import Recipient
from registry.sync.exporter import PAYLOAD_FORMAT
from registry.sync.progress import Cancelled
from tests.passphrase import PASSPHRASE
from tests.sync.forge import KINDS, forge, record
from tests.sync.vaults import introduce, make_vault, receive, send

MIB = 1024 * 1024
GIB = 1024 * MIB
RSS_LIMIT_KIB = 256 * 1024  # the contract: under 256 MB

# The child imports the bundle into the receiver's vault, as `registry bundle import` does
# (or with the ratio cap lifted, to show that streaming alone bounds memory), then reports
# how it ended and its peak RSS. ru_maxrss is KiB on Linux.
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from registry.errors import RegistryError
from registry.service import Registry
from registry.sync import importer
from registry.sync.progress import job

reg = Registry.unlock(Path(sys.argv[1]), sys.argv[2])
bundle = Path(sys.argv[3])
start = time.perf_counter()
try:
    if sys.argv[4] == "no-ratio-cap":
        importer.import_files(reg.store, reg.sharing.keys, reg.sharing.trust,
                              reg.sharing.check([bundle]), job(),
                              limits=importer.ImportLimits(max_ratio=None))
    else:
        reg.sharing.import_bundles([bundle])
    outcome = "imported"
except RegistryError as exc:
    outcome = f"{type(exc).__name__}: {exc}"
seconds = time.perf_counter() - start
reg.lock()
status = Path("/proc/self/status").read_text()
hwm = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({"outcome": outcome, "seconds": seconds, "hwm_kib": hwm,
                  "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  # the payload reader of a large import (sync.readahead), when one ran
                  "reader_maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


# ---- building hostile payloads ------------------------------------------------------------
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, mtime 0, unknown OS


def _deflate_alone(block: bytes) -> bytes:
    """Raw deflate of ``block`` that needs nothing before it and ends byte-aligned (full
    flush), so that it can be spliced anywhere into a deflate stream, any number of times."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)


def gzip_of(blocks: Iterable[bytes]) -> bytes:
    """A valid gzip member (CRC and size included) of the blocks in turn. A repeated block
    is compressed once: a payload inflating to 2 GiB is built in about a second."""
    done: dict[bytes, bytes] = {}
    out = [_GZIP_HEADER]
    crc = size = 0
    for block in blocks:
        if block not in done:
            done[block] = _deflate_alone(block)
        out.append(done[block])
        crc = zlib.crc32(block, crc)
        size += len(block)
    out.append(b"\x03\x00")  # the final, empty, fixed-Huffman block
    out.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(out)


def _line(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode() + b"\n"


def header(sender: Registry, bundle_id: str, created: dt.datetime,
           counts: dict[str, int]) -> dict[str, Any]:
    return {"format": PAYLOAD_FORMAT, "bundle_id": bundle_id,
            "sender": sender.identity.fingerprint,
            "created_at": container.format_time(created),
            "counts": {**dict.fromkeys(KINDS, 0), "notice": 0, **counts},
            "settings": {"forged": True}}


def seal(sender: Registry, receiver: Registry, path: Path, plain: bytes, bundle_id: str,
         created: dt.datetime) -> Path:
    """A well-signed bundle from ``sender`` to ``receiver`` carrying this payload as is."""
    recipient = Recipient(receiver.identity.fingerprint, receiver.identity.age_recipient)
    container.write_bundle(path, sender_keys=sender.official_keys,
                           sender_name=sender.identity.name, recipients=[recipient],
                           payload_plain=plain, bundle_id=bundle_id, created_at=created)
    return path


def hostile(sender: Registry, receiver: Registry, path: Path, body: Iterable[bytes], *,
            counts: dict[str, int]) -> Path:
    """A signed bundle whose payload is a valid header line, then ``body`` verbatim."""
    bundle_id = str(uuid.uuid4())
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)  # clock-ok: only the manifest's date
    first = _line(header(sender, bundle_id, created, counts))
    return seal(sender, receiver, path, gzip_of([first, *body]), bundle_id, created)


def newlines(total: int) -> Iterator[bytes]:
    """``total`` bytes of newlines (issue 11), in 1 MiB blocks."""
    for _ in range(total // MIB):
        yield b"\n" * MIB


def padded_people(sender: Registry, count: int, size: int) -> Iterator[bytes]:
    """``count`` valid, distinct person lines of ``size`` bytes each: JSON whitespace pads
    them (the padding compresses about 1000:1, and every line passes validation)."""
    pads: dict[int, bytes] = {}  # one object a length: gzip_of compresses each once
    for n in range(count):
        text = _line(wire.to_line(record(sender, Kind.PERSON, {"name": f"Bomb {n}"})))
        width = size - len(text)
        yield text[:-2]
        yield pads.setdefault(width, b" " * width)
        yield b"}\n"


def vault_files(root: Path) -> dict[str, str]:
    """Hashes of the vault's files (the -shm index changes on every read: left out)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.iterdir()) if p.is_file() and not p.name.endswith("-shm")}


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Registry, Registry]:
    sender, receiver = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    introduce(sender, receiver)
    return sender, receiver


def run_child(receiver: Registry, bundle: Path, mode: str = "import") -> dict[str, Any]:
    """Lock ``receiver`` and import ``bundle`` into its vault in a fresh process; the report.

    The child is started through ``sh``, which forks it: a process exec'd straight from
    this one would inherit pytest's peak RSS in ``ru_maxrss`` (Linux carries the old
    address space's high-water mark across exec, and vfork shares it)."""
    root = receiver.paths.root
    receiver.lock()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(["/bin/sh", "-c", '"$@"; exit $?', "sh", sys.executable, "-c",
                           CHILD, str(root), PASSPHRASE, str(bundle), mode],
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print(bundle.name, report)
    return report


def refused_small(receiver: Registry, bundle: Path, match: str,
                  mode: str = "import") -> dict[str, Any]:
    """The child refuses ``bundle`` with a BundleError matching ``match``, stays under the
    contract's 256 MB, and the vault stays byte-identical."""
    root = receiver.paths.root
    receiver.lock()
    before = vault_files(root)
    report = run_child(receiver, bundle, mode)
    assert report["outcome"].startswith("BundleError: ")
    assert match in report["outcome"]
    assert report["maxrss_kib"] < RSS_LIMIT_KIB
    assert report["hwm_kib"] < RSS_LIMIT_KIB
    assert vault_files(root) == before
    return report


# ---- the contract: 2 GiB-inflating bundles, peak RSS in a child --------------------------
def test_a_bundle_of_2_gib_of_newlines_is_refused_under_256_mb(pair, tmp_path: Path) -> None:
    sender, receiver = pair
    bundle = hostile(sender, receiver, tmp_path / "newlines.rbundle", newlines(2 * GIB),
                     counts={"person": 1})
    assert bundle.stat().st_size < 4 * MIB
    refused_small(receiver, bundle, "Payload line 2 is empty")  # the first line after the header


def test_a_2_gib_bundle_of_valid_records_is_refused_by_the_ratio_cap(pair,
                                                                    tmp_path: Path) -> None:
    """Every line is a valid, distinct person padded with whitespace to just under the
    line cap: nothing but the ratio cap stops it, after a few MiB of its 2 GiB."""
    sender, receiver = pair
    bundle = hostile(sender, receiver, tmp_path / "padded.rbundle",
                     padded_people(sender, 2048, MIB - 64), counts={"person": 2048})
    assert bundle.stat().st_size < 4 * MIB
    refused_small(receiver, bundle, "inflates more than 100 times")


def test_a_large_bundle_file_is_read_in_pieces_under_256_mb(pair, tmp_path: Path) -> None:
    """A 160 MiB payload.age (within the 512 MiB bundle cap): the file is checked, hashed
    and decrypted in pieces, never held whole (reading it whole, with a copy of the member,
    took twice its size). It is refused at its first bytes of plaintext, not gzip."""
    sender, receiver = pair
    bundle_id = str(uuid.uuid4())
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)  # clock-ok: the manifest's date
    bundle = seal(sender, receiver, tmp_path / "large.rbundle", os.urandom(160 * MIB),
                  bundle_id, created)
    assert bundle.stat().st_size > 160 * MIB
    refused_small(receiver, bundle, "not valid gzip data")


@pytest.mark.slow
@pytest.mark.no_cover  # scale: in process, it only writes the bundle
def test_without_the_ratio_cap_2_gib_streams_through_under_256_mb(pair,
                                                                 tmp_path: Path) -> None:
    """With the ratio cap lifted, the same kind of bomb is inflated, split and validated
    line by line to its end (a little over 2 GiB) and refused by the size cap, still well
    under 256 MB: streaming alone bounds memory; the ratio cap saves the time."""
    sender, receiver = pair
    bundle = hostile(sender, receiver, tmp_path / "padded.rbundle",
                     padded_people(sender, 2048, MIB), counts={"person": 2048})
    refused_small(receiver, bundle, "larger than allowed when uncompressed",
                  mode="no-ratio-cap")


def test_a_normal_bundle_imports_in_the_child(pair, tmp_path: Path) -> None:
    """The positive control: the same child imports a real export."""
    sender, receiver = pair
    with sender.store.write():
        demo.generate(sender.store, demo.DemoSize(people=300, organisations=20, ties=300,
                                                  seed=5))
    bundle = send(sender, [receiver], tmp_path / "real.rbundle")
    report = run_child(receiver, bundle)
    assert report["outcome"] == "imported"
    assert report["maxrss_kib"] < RSS_LIMIT_KIB


def people_and_ties(sender: Registry, count: int) -> list[Record]:
    """``count`` people with a name and a note, and a tie from each to the next (the shape of
    the benchmark's vault)."""
    people = [record(sender, Kind.PERSON, {
        "name": f"Человек Номер {n}", "name_latin": f"Chelovek Nomer {n}",
        "notes": f"Заметка {n}: работает в Берлине, переехал в 2022 году.",
        "sensitivity": "internal"}) for n in range(count)]
    ties = [record(sender, Kind.TIE, {"from_id": a.id, "to_id": b.id, "kind": "colleague",
                                      "sensitivity": "internal"})
            for a, b in itertools.pairwise(people)]
    return [*people, *ties]


@pytest.mark.slow
@pytest.mark.no_cover  # scale: in process, it only writes the bundles
def test_accepting_a_large_bundle_stays_under_256_mb(pair, tmp_path: Path) -> None:
    """§6.5.7 on the way in too: a bundle of 120,000 lines is imported in a child under the
    256 MB (read whole, one of half its size took 300 MB), and it takes no more than that one
    does plus what the page cache may fill up to (its bound for an import) and 16 MB:
    what grows with a bundle is some bytes a line, not its records (read whole, 170 MB).
    Each goes to a vault that holds nothing of its sender yet, so that both are read alike
    (the lines of a sender new here are taken as records new here from the first one on:
    ``sync.readahead``, ``Reader.forms``)."""
    sender, receiver = pair
    other = make_vault(tmp_path, "Carol")
    introduce(sender, other)
    small = forge(sender, receiver, tmp_path / "small.rbundle", people_and_ties(sender, 30_000))
    large = forge(sender, other, tmp_path / "large.rbundle", people_and_ties(sender, 60_000))
    peaks = []
    for bundle, lines, into in ((small, 59_999, receiver), (large, 119_999, other)):
        report = run_child(into, bundle)
        assert report["outcome"] == "imported"
        assert report["maxrss_kib"] < RSS_LIMIT_KIB and report["hwm_kib"] < RSS_LIMIT_KIB
        assert 0 < report["reader_maxrss_kib"] < RSS_LIMIT_KIB  # it read on another processor
        peaks.append(report["maxrss_kib"])
        reopened = Registry.unlock(into.paths.root, PASSPHRASE)
        try:
            assert reopened.store.counts()["tie"] >= lines // 2
        finally:
            reopened.lock()
    assert peaks[1] - peaks[0] < db.IMPORT_CACHE_KIB + 16 * 1024, peaks


@pytest.mark.no_cover  # scale: tracemalloc watches every allocation
def test_an_import_keeps_no_python_object_a_line(pair, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """§6.5.7 whatever the bundle: what an import keeps of every line it has read (its id
    and kind, the records it created, the lines that wait for the end) is in the vault
    connection's temporary database (``sync.seen``), not in Python objects, which took some
    130 bytes a line (a bundle of 440,500 lines peaked at 288 MB). Bundles of 5,001 and
    25,001 lines are imported here with ``tracemalloc`` watching, the kinds of the first
    people read kept no more (that cache is bounded, not a line's); once the last part is
    merged, the Python memory still held grows by less than 40 bytes a line between them.
    Both imports create every record: the control."""
    import gc
    import tracemalloc

    from registry.sync import importer, seen

    sender, receiver = pair
    other = make_vault(tmp_path, "Carol")
    introduce(sender, other)
    monkeypatch.setattr(seen, "_CACHED", 0)
    held: list[int] = []
    finish = importer._Lines.finish

    def finished(self: importer._Lines) -> dict[str, Any]:
        out = finish(self)
        gc.collect()
        held.append(tracemalloc.get_traced_memory()[0])
        return out

    monkeypatch.setattr(importer._Lines, "finish", finished)
    grown = []
    for people, into in ((2_501, receiver), (12_501, other)):
        bundle = forge(sender, into, tmp_path / f"{people}.rbundle",
                       people_and_ties(sender, people))
        gc.collect()
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            [done] = receive(into, bundle)
        finally:
            tracemalloc.stop()
        assert done.counts["new"] == 2 * people - 1
        grown.append(held.pop() - start)
    assert grown[1] - grown[0] < 40 * 20_000, grown


# ---- issue 11, in process ---------------------------------------------------------------------
@contextlib.contextmanager
def inflated() -> Iterator[list[int]]:
    """The most payload bytes any decoder inflated inside the block (how far it read)."""
    most = [0]
    count = payload.Decoder._count

    def counting(self: payload.Decoder, size: int) -> None:
        count(self, size)
        most[0] = max(most[0], self.inflated)
    payload.Decoder._count = counting  # type: ignore[method-assign]
    try:
        yield most
    finally:
        payload.Decoder._count = count  # type: ignore[method-assign]


def test_the_42_kb_bundle_of_newlines_is_refused_at_once(pair, tmp_path: Path) -> None:
    sender, receiver = pair
    bundle = hostile(sender, receiver, tmp_path / "issue11.rbundle", newlines(40 * MIB),
                     counts={"person": 1})
    assert 30_000 < bundle.stat().st_size < 60_000
    before = vault_files(receiver.paths.root)
    with inflated() as most, pytest.raises(BundleError, match="Payload line 2 is empty"):
        receive(receiver, bundle)
    assert most[0] < 2 * MIB  # of its 40 MiB: refused at once, not at the end
    assert vault_files(receiver.paths.root) == before


def test_more_records_than_announced_are_refused_before_the_end(pair, tmp_path: Path) -> None:
    """The header says one person; the second record line is refused as it arrives, with
    20 MiB of valid padded people still to come."""
    sender, receiver = pair
    bundle = hostile(sender, receiver, tmp_path / "counts.rbundle",
                     padded_people(sender, 20, MIB // 2), counts={"person": 1})
    before = vault_files(receiver.paths.root)
    with inflated() as most, pytest.raises(BundleError, match="counts do not match"):
        receive(receiver, bundle)
    assert most[0] < 3 * MIB  # of its 10 MiB: refused as the extra line arrives
    assert vault_files(receiver.paths.root) == before


def test_a_cancel_during_streaming_comes_out_as_a_cancel(pair, tmp_path: Path) -> None:
    """The job's cancel, raised inside the decryption's write, is not taken for damage."""
    sender, receiver = pair
    bundle = hostile(sender, receiver, tmp_path / "ok.rbundle",
                     padded_people(sender, 3, 1000), counts={"person": 3})
    before = vault_files(receiver.paths.root)
    with pytest.raises(Cancelled):
        receiver.sharing.import_bundles([bundle], cancelled=lambda: True)
    assert vault_files(receiver.paths.root) == before
    assert receive(receiver, bundle)[0].counts["new"] == 3


# ---- the ratio cap ----------------------------------------------------------------------------
LIMITS = {"max_uncompressed": GIB, "max_line": 8 * MIB, "max_lines": 1000}


def test_real_exports_compress_far_below_the_ratio_cap(pair, tmp_path: Path) -> None:
    """The cap's margin: a real export inflates under a fifth of MAX_RATIO."""
    sender, receiver = pair
    with sender.store.write():
        demo.generate(sender.store, demo.DemoSize(people=1000, organisations=40, ties=1000,
                                                  seed=7))
    opened = container.open_bundle(send(sender, [receiver], tmp_path / "real.rbundle"))
    plain = agecrypt.decrypt(opened.payload, receiver.official_keys.age_identity,
                             max_size=1 << 30)
    assert len(gzip.decompress(plain)) < payload.MAX_RATIO / 5 * len(plain)


def test_the_ratio_cap_refuses_as_soon_as_it_is_exceeded() -> None:
    data = gzip_of([b"{}\n", b'{"a":"', b"x" * 6 * MIB, b'"}\n'])
    decoder = payload.Decoder(lambda _obj: None, **LIMITS)
    with pytest.raises(BundleError, match="inflates more than 100 times"):
        decoder.write(data)
    assert decoder.inflated <= payload.MAX_RATIO * decoder.consumed \
        + payload.RATIO_ALLOWANCE + 64 * 1024
    assert decoder.inflated < 5 * MIB  # stopped early, not at the end of the 6 MiB line


def test_the_ratio_allowance_lets_a_small_odd_payload_through() -> None:
    """A payload with one very repetitive value (3 MiB of one letter) is no bomb."""
    data = gzip_of([b"{}\n", b'{"a":"', b"x" * 3 * MIB, b'"}\n'])
    assert len(payload.decode(data, **LIMITS)[1][0]["a"]) == 3 * MIB
    bigger = gzip_of([b"{}\n", b'{"a":"', b"x" * 6 * MIB, b'"}\n'])
    with pytest.raises(BundleError, match="inflates more than 100 times"):
        payload.decode(bigger, **LIMITS)
    assert payload.decode(bigger, max_uncompressed=GIB, max_line=8 * MIB, max_lines=10,
                          max_ratio=None)[1]  # the cap can be lifted (the others hold)


# ---- the streaming decoder --------------------------------------------------------------------
def _stream(data: bytes, piece: int, **limits: Any) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    decoder = payload.Decoder(lines.append, **(LIMITS | limits))
    for start in range(0, len(data), piece):
        decoder.write(data[start:start + piece])
    assert decoder.close() == len(lines)
    return lines


@pytest.mark.parametrize("piece", [1, 7, 8192, 1 << 30])
def test_any_split_of_the_input_decodes_the_same(piece: int) -> None:
    records = [{"id": str(n), "note": "ё" * (n * 97 % 3000)} for n in range(300)]
    data = payload.encode({"h": 1}, records)
    assert _stream(data, piece) == [{"h": 1}, *records]


def test_a_step_that_fills_up_is_inflated_to_its_end() -> None:
    """Lines that inflate far past one step from a few input bytes (zlib keeps output
    inside between steps) still come out whole when the input arrives in one piece."""
    long = b'{"a":"' + b"y" * (MIB - 9) + b'"}\n'
    data = gzip_of([b"{}\n", long, long])
    lines = _stream(data, len(data), max_line=MIB)
    assert [len(obj.get("a", "")) for obj in lines] == [0, MIB - 9, MIB - 9]


def test_a_line_at_the_cap_passes_and_one_byte_more_is_refused_before_its_end() -> None:
    exact = gzip_of([b"{}\n", b'{"a":"', b"z" * 992, b'"}\n'])  # a line of 1000 bytes
    assert _stream(exact, 5, max_line=1000)[1]["a"] == "z" * 992
    decoder = payload.Decoder(lambda _obj: None, **LIMITS | {"max_line": 999})
    with pytest.raises(BundleError, match="line 2 is longer than allowed"):
        decoder.write(gzip_of([b"{}\n", b'{"a":"', b"z" * 5000]))  # no newline yet


def test_more_records_than_allowed_are_refused_at_the_first_extra_line() -> None:
    seen: list[dict[str, Any]] = []
    decoder = payload.Decoder(seen.append, **LIMITS | {"max_lines": 3})
    with pytest.raises(BundleError, match="more than 3 records"):
        decoder.write(gzip_of([b"{}\n", *[b'{"n":1}\n'] * 100_000]))
    assert len(seen) == 4


def test_what_the_line_sink_raises_comes_out_unchanged() -> None:
    class Stop(Exception):
        pass

    def refuse(_obj: dict[str, Any]) -> None:
        raise Stop

    decoder = payload.Decoder(refuse, **LIMITS)
    with pytest.raises(Stop):
        decoder.write(payload.encode({}, []))


def test_decrypt_into_streams_and_passes_the_sink_error_once(bob) -> None:
    plain = os.urandom(300_000)
    ciphertext = agecrypt.encrypt(plain, [bob.public().age_recipient])
    sink = io.BytesIO()
    agecrypt.decrypt_into(ciphertext, bob.age_identity, sink, max_size=len(plain))
    assert sink.getvalue() == plain

    class Refusing:
        def __init__(self) -> None:
            self.calls = 0

        def write(self, data: bytes, /) -> int:
            self.calls += 1
            raise BundleError("refused by the sink")

    refusing = Refusing()
    with pytest.raises(BundleError, match="refused by the sink"):
        agecrypt.decrypt_into(ciphertext, bob.age_identity, refusing, max_size=len(plain))
    assert refusing.calls == 1  # pyrage writes again when its buffer is dropped: not seen


def test_decrypt_into_reports_damage_and_a_wrong_key_as_decrypt_does(alice, bob) -> None:
    ciphertext = bytearray(agecrypt.encrypt(os.urandom(200_000), [bob.public().age_recipient]))
    ciphertext[-100] ^= 1  # in the last STREAM chunk: earlier chunks were written already
    sink = io.BytesIO()
    with pytest.raises(TrustError, match="damaged"):
        agecrypt.decrypt_into(bytes(ciphertext), bob.age_identity, sink, max_size=200_000)
    assert sink.tell() > 0  # which is why the import keeps the partial state in memory only
    with pytest.raises(BundleError, match="not encrypted to this vault"):
        agecrypt.decrypt_into(bytes(ciphertext), alice.age_identity, io.BytesIO(),
                              max_size=200_000)


@pytest.mark.parametrize(("raised", "expected"), [
    (KeyboardInterrupt(), KeyboardInterrupt), (SystemExit(), SystemExit),
    (type("PanicException", (BaseException,), {})("rust panic"), TrustError),
    (OSError("decryption error"), TrustError)])
def test_decrypt_into_maps_pyrage_failures_like_decrypt(bob, monkeypatch: pytest.MonkeyPatch,
                                                       raised: BaseException,
                                                       expected: type[BaseException]) -> None:
    ciphertext = agecrypt.encrypt(b"payload", [bob.public().age_recipient])

    def fail(*_: object) -> None:
        raise raised

    monkeypatch.setattr(agecrypt.pyrage, "decrypt_io", fail)
    with pytest.raises(expected):
        agecrypt.decrypt_into(ciphertext, bob.age_identity, io.BytesIO(), max_size=100)


def test_a_later_write_after_the_gzip_stream_is_refused() -> None:
    decoder = payload.Decoder(lambda _obj: None, **LIMITS)
    decoder.write(payload.encode({}, [{"a": 1}]))
    with pytest.raises(BundleError, match="after its gzip stream"):
        decoder.write(b"\x00")


def test_decrypt_into_keeps_the_sink_error_whatever_pyrage_raises(
        bob, monkeypatch: pytest.MonkeyPatch) -> None:
    ciphertext = agecrypt.encrypt(b"payload", [bob.public().age_recipient])

    def wrapping(_source: object, sink: Any, _keys: object) -> None:
        try:
            sink.write(b"chunk")
        except BundleError:
            raise OSError("write failed") from None

    monkeypatch.setattr(agecrypt.pyrage, "decrypt_io", wrapping)

    class Refusing:
        def write(self, data: bytes, /) -> int:
            raise BundleError("refused by the sink")

    with pytest.raises(BundleError, match="refused by the sink"):
        agecrypt.decrypt_into(ciphertext, bob.age_identity, Refusing(), max_size=100)


def test_a_header_whose_counts_are_not_an_object_is_refused(pair, tmp_path: Path) -> None:
    sender, receiver = pair
    bundle_id = str(uuid.uuid4())
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)  # clock-ok: only the manifest's date
    first = header(sender, bundle_id, created, {})
    first["counts"] = [1]
    path = seal(sender, receiver, tmp_path / "counts.rbundle", payload.encode(first, []),
                bundle_id, created)
    with pytest.raises(BundleError, match="counts are malformed"):
        receive(receiver, path)
