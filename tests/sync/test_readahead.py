"""A large payload's lines are read on another processor (``sync.readahead``). Whatever
that reader does — reads every line, dies half-way, cannot start, answers nonsense — an import
ends exactly as one that read every line in its own process: the same reports or the same
refusal (type and message), the same vault, byte for byte when refused. Real reader
processes, real bundles: the reader is made to run for these small payloads, a few lines a
batch, so that every kind of line crosses and the batches run ahead of the merge."""

from __future__ import annotations

import gzip
import io
import json
import marshal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from registry import demo
from registry.match import translit
from registry.service import Registry
from registry.store import records
from registry.sync import container, importer, readahead, wire
from registry.sync.container import Recipient
from registry.sync.exporter import PAYLOAD_FORMAT
from tests.passphrase import PASSPHRASE

from . import parts
from .forge import CREATED, KINDS
from .parts import copies
from .test_signatures import decrypt_payload
from .vaults import introduce, make_vault, send

Outcome = tuple[Any, str, list[Any]]  # the reports (or refusal), the digest, the indexes


@contextmanager
def reading(ahead: bool, monkeypatch: pytest.MonkeyPatch,
            command: list[str] | None = None) -> Iterator[list[readahead.Reader]]:
    """Every payload read ahead by a reader process (or none), three lines a batch, two
    batches ahead; ``command``: what is started as the reader instead. Yields the readers
    started."""
    started: list[readahead.Reader] = []
    real_start = readahead.start

    def start(*args: Any, **kw: Any) -> readahead.Reader:
        reader = real_start(*args, **kw)
        started.append(reader)
        return reader

    with monkeypatch.context() as m:
        m.setattr(readahead, "MIN_PAYLOAD", 0 if ahead else 1 << 62)
        m.setattr(readahead.os, "cpu_count", lambda: 2)
        m.setattr(readahead, "BATCH_LINES", 3)
        m.setattr(readahead, "WINDOW", 2)
        m.setattr(importer, "_SIGNED", 2)  # signed lines handed on early, read here or ahead
        m.setattr(readahead, "start", start)
        if command is not None:
            m.setattr(readahead, "_command", lambda: command)
        yield started


def run(vault: Registry, bundles: list[Path], *, recognise: bool = True) -> Any:
    return parts.run(vault, bundles, importer.PART, recognise=recognise)


def outcomes(r: Registry, bundles: list[Path], root: Path, monkeypatch: pytest.MonkeyPatch,
             command: list[str] | None = None, *, recognise: bool = True
             ) -> dict[str, Outcome]:
    """``bundles`` imported into a copy of ``r`` read here, and into another read ahead."""
    root.mkdir()
    vaults = copies(r, root, ("here", "ahead"))
    got = {}
    try:
        for name, vault in vaults.items():
            with reading(name == "ahead", monkeypatch, command) as started:
                got[name] = (run(vault, bundles, recognise=recognise), vault.digest(),
                             indexes(vault))
            assert bool(started) == (name == "ahead")
    finally:
        for vault in vaults.values():
            vault.lock()
    return got


def indexes(vault: Registry) -> list[Any]:
    """What the search and name indexes hold, per record (the digest leaves them out)."""
    return [vault.store.conn.execute(
        f"SELECT d.record_id, i.terms FROM search_doc AS d JOIN {table} AS i "
        "ON i.rowid = d.rowid ORDER BY d.record_id").fetchall()
        for table in ("search_index", "name_index")]


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    """C sends R a demo vault's worth (evaluations signed among them), then more: new
    records, changes, a deletion, an erasure, a person flagged inside Russia (a notice)."""
    c, r = make_vault(tmp_path, "C"), make_vault(tmp_path, "R")
    introduce(c, r)
    with c.store.write():
        demo.generate(c.store, demo.DemoSize(people=40, organisations=6, ties=60, seed=3),
                      official=c.identity.name)
    r.sharing.import_bundles([send(c, [r], tmp_path / "first.rbundle")])
    people = [i for (i,) in c.store.conn.execute("SELECT id FROM person ORDER BY id")]
    c.update(people[0], {"inside_russia": True})
    c.update(people[1], {"notes": "изменено"})
    c.delete(people[2])
    c.erase(people[3])
    with c.store.write():
        demo.generate(c.store, demo.DemoSize(people=10, organisations=2, ties=12, seed=4),
                      official=c.identity.name)
    yield c, r
    for v in (c, r):
        v.lock()


def raw_bundle(c: Registry, r: Registry, path: Path, lines: list[bytes], *,
               more: int = 0) -> Path:
    """A well-signed bundle from C to R whose payload lines are these bytes, as they are;
    its header counts as many lines, ``more`` more."""
    bundle_id = str(uuid.uuid4())
    head = {"format": PAYLOAD_FORMAT, "bundle_id": bundle_id,
            "sender": c.identity.fingerprint, "created_at": container.format_time(CREATED),
            "counts": {**dict.fromkeys(KINDS, 0), "notice": 0, "person": len(lines) + more},
            "settings": {"forged": True}}
    plain = gzip.compress(b"".join(x + b"\n" for x in [json.dumps(head).encode(), *lines]))
    container.write_bundle(path, sender_keys=c.official_keys, sender_name=c.identity.name,
                           recipients=[Recipient(r.identity.fingerprint,
                                                 r.identity.age_recipient)],
                           payload_plain=plain, bundle_id=bundle_id, created_at=CREATED)
    return path


def _dump(line: dict[str, Any]) -> bytes:
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode()


def test_a_real_export_imports_the_same_read_ahead(world, tmp_path: Path, monkeypatch) -> None:
    c, r = world
    bundle = send(c, [r], tmp_path / "second.rbundle")
    lines = decrypt_payload(bundle, r)
    assert any(wire.SIGS in x for x in lines) and any(wire.is_notice(x) for x in lines)
    assert any(x.get("erased") for x in lines)
    got = outcomes(r, [bundle], tmp_path / "second", monkeypatch)
    reports, _, (searched, named) = got["here"]
    assert reports[0] != "refused" and reports[0]["counts"]["new"] >= 10
    assert len(searched) >= 30 and len(named) >= 30
    assert got["ahead"] == got["here"]


def test_an_import_on_another_thread_reads_ahead_the_same(world, tmp_path: Path,
                                                          monkeypatch) -> None:
    """The app imports on its database thread: the reader starts and answers from there."""
    c, r = world
    bundle = send(c, [r], tmp_path / "second.rbundle")
    root = tmp_path / "threads"
    root.mkdir()
    vaults = copies(r, root, ("here", "ahead"))
    got: dict[str, Any] = {}
    answered: list[bool] = []
    real = readahead.Reader._receive
    monkeypatch.setattr(readahead.Reader, "_receive", lambda self, count: (
        answered.append(bool(results := real(self, count))), results)[1])

    def on_its_thread(name: str, root: Path) -> None:  # a connection is its thread's own
        vault = Registry.unlock(root, PASSPHRASE)
        try:
            got[name] = (run(vault, [bundle]), vault.digest())
        finally:
            vault.lock()

    try:
        for name, vault in vaults.items():
            with reading(name == "ahead", monkeypatch) as started:
                vault.lock()
                thread = threading.Thread(target=on_its_thread, args=(name, vault.paths.root))
                thread.start()
                thread.join()
            assert bool(started) == (name == "ahead")
    finally:
        for vault in vaults.values():
            vault.lock()
    assert got["here"][0][0] != "refused" and got["ahead"] == got["here"]
    assert answered and all(answered)  # the reader answered every batch, from that thread


def test_a_replayed_bundle_compares_the_same_read_ahead(world, tmp_path: Path,
                                                        monkeypatch) -> None:
    """Every line met again (recognition off): the comparing import, read ahead."""
    c, r = world
    bundle = send(c, [r], tmp_path / "second.rbundle")
    r.sharing.import_bundles([bundle])
    got = outcomes(r, [bundle], tmp_path / "again", monkeypatch, recognise=False)
    assert got["here"][0][0]["counts"]["unchanged"] > 50 and got["ahead"] == got["here"]


def _refusals(c: Registry, r: Registry, tmp_path: Path) -> dict[str, list[bytes]]:
    """Payloads of real lines, one of them broken in a way each check refuses."""
    good = [_dump(x) for x in decrypt_payload(send(c, [r], tmp_path / "all.rbundle"), r)
            if not wire.is_notice(x)]
    records = [json.loads(x) for x in good]
    middle = len(good) // 2
    bad_id = dict(records[middle], id="not-an-id")
    signed = next(n for n, x in enumerate(records) if wire.SIGS in x)
    forged = dict(records[signed], sigs={k: "A" * 86 + "==" for k in records[signed]["sigs"]})
    # a signature this vault keeps (R merged the line before), over another claim: the
    # reader leaves kept signatures to the vault, which must then check this one itself
    scored = next(n for n, x in enumerate(records) if x["kind"] == "evaluation"
                  and "score_1" in x.get("sigs", {}) and x["values"].get("score_1"))
    reused = dict(records[scored], values={
        **records[scored]["values"], "score_1": 1 + records[scored]["values"]["score_1"] % 5})
    def put(n: int, line: bytes, *, instead: bool = False) -> list[bytes]:
        return [*good[:n], line, *good[n + instead:]]

    return {
        "invalid JSON": put(middle, b'{"id": '),
        "repeated key": put(middle, good[middle][:-1] + b',"id":"x"}'),
        "not canonical, valid": put(middle, json.dumps(records[middle]).encode(), instead=True),
        "bad id": put(middle, _dump(bad_id), instead=True),
        "repeated id": put(middle, good[middle]),
        "bad field": put(middle, _dump(dict(records[middle], kind="spaceship")), instead=True),
        "forged signature": put(signed, _dump(forged), instead=True),
        "kept signature, another claim": put(scored, _dump(reused), instead=True),
        "malformed signature": put(signed, _dump(dict(forged, sigs={"x": "y"})), instead=True),
        "bad line, then too long": [*put(middle, _dump(bad_id)), b"{" + b" " * (1 << 20) + b"}"],
        "too long at the end": [*good, b"{" + b" " * (1 << 20) + b"}"],
        "bad notice": put(middle, _dump({"notice": "protection", "id": "x"})),
        "a header, not a record": put(middle, _dump({"format": PAYLOAD_FORMAT, "counts": {}})),
    }


@pytest.mark.parametrize("case", ["invalid JSON", "repeated key", "not canonical, valid",
                                  "bad id", "repeated id", "bad field", "forged signature",
                                  "kept signature, another claim",
                                  "malformed signature", "bad line, then too long",
                                  "too long at the end",
                                  "bad notice", "a header, not a record"])
def test_a_broken_line_is_refused_the_same_read_ahead(world, tmp_path: Path, monkeypatch,
                                                      case: str) -> None:
    c, r = world
    bundle = raw_bundle(c, r, tmp_path / "broken.rbundle", _refusals(c, r, tmp_path)[case])
    before = r.digest()
    got = outcomes(r, [bundle], tmp_path / "broken", monkeypatch)
    assert got["ahead"] == got["here"]
    outcome, digest, _ = got["here"]
    if case == "not canonical, valid":
        assert outcome[0] != "refused", outcome
    else:
        assert outcome[0] == "refused", (case, outcome)
        assert digest == before


def test_too_few_lines_for_the_header_are_refused_the_same(world, tmp_path: Path,
                                                          monkeypatch) -> None:
    c, r = world
    good = [_dump(x) for x in decrypt_payload(send(c, [r], tmp_path / "all.rbundle"), r)]
    bundle = raw_bundle(c, r, tmp_path / "short.rbundle", good, more=5)
    got = outcomes(r, [bundle], tmp_path / "short", monkeypatch)
    assert got["here"][0][0] == "refused" and got["ahead"] == got["here"]


# ---- a reader that fails -------------------------------------------------------------------
def _python(code: str) -> list[str]:
    return [sys.executable, "-I", "-c", code]


FAILING = {
    "cannot start": [str(Path(sys.executable).parent / "no-such-program")],
    "exits at once": _python("pass"),
    "answers nonsense": _python(
        "import sys; o = sys.stdout.buffer; o.write((5).to_bytes(8, 'little') + b'junk!');"
        " o.flush(); sys.stdin.buffer.read()"),
    "never answers": _python("import sys, time; time.sleep(60)"),
    "breaks off mid-answer": _python(
        "import sys; o = sys.stdout.buffer; o.write((100).to_bytes(8, 'little') + b'12345');"
        " o.flush()"),
    "answers too few lines": _python(
        "import sys, marshal; d = marshal.dumps([None]); o = sys.stdout.buffer;"
        " o.write(len(d).to_bytes(8, 'little') + d); o.flush(); sys.stdin.buffer.read()"),
    "answers every line with nothing usable": _python(
        "import sys, marshal\n"
        "from itertools import count\n"
        "i = sys.stdin.buffer; o = sys.stdout.buffer\n"
        "def frame():\n"
        "    n = int.from_bytes(i.read(8), 'little'); return i.read(n)\n"
        "frame()\n"
        "while f := frame():\n"
        "    first, raws, forms = marshal.loads(f)\n"
        "    d = marshal.dumps([(1, 2) if n % 2 else 7 for n in range(len(raws))])\n"
        "    o.write(len(d).to_bytes(8, 'little') + d); o.flush()\n"),
}


@pytest.mark.parametrize("how", sorted(FAILING))
def test_a_reader_that_fails_changes_nothing(world, tmp_path: Path, monkeypatch,
                                             how: str) -> None:
    c, r = world
    bundle = send(c, [r], tmp_path / "second.rbundle")
    monkeypatch.setattr(readahead, "PATIENCE", 1)
    got = outcomes(r, [bundle], tmp_path / "failing", monkeypatch, command=FAILING[how])
    assert got["here"][0][0] != "refused" and got["ahead"] == got["here"]


def test_a_reader_killed_half_way_changes_nothing(world, tmp_path: Path, monkeypatch) -> None:
    c, r = world
    bundle = send(c, [r], tmp_path / "second.rbundle")
    real = readahead.Reader._take_oldest
    taken: list[int] = []

    def take_oldest(self: readahead.Reader) -> None:
        taken.append(1)
        if len(taken) == 4 and self._process is not None:
            self._process.kill()
            self._process.wait()
        real(self)

    monkeypatch.setattr(readahead.Reader, "_take_oldest", take_oldest)
    got = outcomes(r, [bundle], tmp_path / "killed", monkeypatch)
    assert len(taken) > 8 and got["here"][0][0] != "refused" and got["ahead"] == got["here"]


def test_the_reader_stops_with_the_import(world, tmp_path: Path, monkeypatch) -> None:
    """Refused or not, no reader is left running."""
    c, r = world
    bundle = send(c, [r], tmp_path / "second.rbundle")
    bad = raw_bundle(c, r, tmp_path / "bad.rbundle", [b'{"id": '] * 20)
    for path in (bundle, bad):
        with reading(True, monkeypatch) as started:
            run(r, [path])
        assert started and all(not reader.running for reader in started)


def _first_to_new(c: Registry, tmp_path: Path) -> tuple[Registry, Path]:
    """A new vault N that trusts C, and C's first bundle to it: every record new there."""
    n = make_vault(tmp_path, "N")
    introduce(c, n)
    return n, send(c, [n], tmp_path / "first-to-n.rbundle")


def _stored_as_made(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each record a bulk insert writes was given its stored form beforehand."""
    made: list[bool] = []
    real = records._stored_row

    def stored_row(record: Any) -> Any:
        made.append(record.stored is not None)
        return real(record)

    monkeypatch.setattr(records, "_stored_row", stored_row)
    return made


def test_new_records_are_stored_as_the_reader_made_them(world, tmp_path: Path,
                                                         monkeypatch) -> None:
    """Lines of records new here: the reader makes what the vault stores of each (its row,
    its search terms), and the vault is the one the same bundle read here makes, its search
    and name indexes too."""
    c, _ = world
    n, bundle = _first_to_new(c, tmp_path)
    made = _stored_as_made(monkeypatch)
    try:
        got = outcomes(n, [bundle], tmp_path / "new", monkeypatch)
    finally:
        n.lock()
    here, ahead = made[:len(made) // 2], made[len(made) // 2:]
    assert got["here"][0][0]["counts"]["new"] > 50 and got["ahead"] == got["here"]
    assert not any(here) and sum(ahead) >= 0.9 * len(ahead)  # erasures: read again here


# how a reader makes a row instead of the one it should (every record of the bundle these
# go with leaves some field unset: the last one changes every row)
BAD_FORMS = {
    "a row too short": "(record.id,)",
    "stamps that do not read": "(*row[:-3], 'not json', *row[-2:])",
    "an erasure that does not read": "(*row[:-2], '[1]', row[-1])",
    "another updated": "(*row[:-1], row[-1] + 1)",
    "a value no stamp covers": "tuple('x' if 0 < n < len(row) - 3 and records._FIELD_NAMES["
                               "record.kind][n - 1] not in record.stamps else v "
                               "for n, v in enumerate(row))",
}


@pytest.mark.parametrize("how", sorted(BAD_FORMS))
def test_a_stored_form_that_does_not_read_is_not_taken(world, tmp_path: Path, monkeypatch,
                                                       how: str) -> None:
    """A reader whose stored forms are not ones this process reads: those lines are read here,
    and the import is the one that reads every line here."""
    c, _ = world
    n, bundle = _first_to_new(c, tmp_path)
    made = _stored_as_made(monkeypatch)
    row = BAD_FORMS[how]
    bad = _python(f"import sys; sys.path[:0] = {list(sys.path)!r}\n"
                  "from registry.store import records\n"
                  "made = records.stored_form\n"
                  "def stored_form(record, *indexers):\n"
                  "    row, *terms = made(record, *indexers)\n"
                  f"    return ({row}, *terms)\n"
                  "records.stored_form = stored_form\n"
                  "from registry.sync.readahead import serve; serve()")
    try:
        got = outcomes(n, [bundle], tmp_path / "bad", monkeypatch, command=bad)
    finally:
        n.lock()
    assert got["here"][0][0]["counts"]["new"] > 50 and got["ahead"] == got["here"]
    ahead = made[len(made) // 2:]  # the vault read ahead: not one of these forms is taken
    assert ahead and not any(ahead)


def test_the_reader_imports_only_this_programs_indexers() -> None:
    """The store's indexers are named to the reader by module and name; it imports only
    functions of this program, and makes no stored form when it cannot import both."""
    named = readahead._name(translit.index_terms), readahead._name(translit.name_terms)
    assert named == ("registry.match.translit:index_terms", "registry.match.translit:name_terms")
    assert readahead._indexers(named) == (translit.index_terms, translit.name_terms)
    assert readahead._indexers((named[0], None)) == (translit.index_terms, None)
    assert readahead._name(None) is None and readahead._name(lambda text: []) == ""
    for other in ["", "os:getcwd", "registry.no_such_module:f", "registry.match.translit:nope",
                  "registry.match.translit:INDEX_VERSION", 7]:
        assert readahead._indexers((other, named[1])) is None, other
        assert readahead._indexers((named[0], other)) is None, other
    for shape in [None, named[0], (named[0],), (None, named[1]), [*named]]:
        assert readahead._indexers(shape) is None, shape


def test_an_answer_of_no_known_shape_is_no_record(world) -> None:
    c, _ = world
    record = c.store.get(c.store.conn.execute("SELECT id FROM person LIMIT 1").fetchone()[0])
    assert record is not None
    form = records.stored_form(record, c.store.indexer, c.store.name_indexer)
    assert readahead._record(("person", form, None, None)) == record
    for answer in [None, {"id": record.id}, (), ("person", form, None),
                   ("no such kind", form, None, None), (record.kind, form, None, None),
                   ("person", form[:2], None, None), ("person", (list(form[0]), *form[1:]),
                                                      None, None),
                   ("person", (form[0], None, ""), None, None),
                   ("person", (form[0][:-1], *form[1:]), None, None),
                   ("person", ((7, *form[0][1:]), *form[1:]), None, None),
                   ("tie", form, None, None)]:
        assert readahead._record(answer) is None, answer


def test_small_payloads_are_read_here() -> None:
    assert not readahead.worth(readahead.MIN_PAYLOAD - 1)
    assert readahead.worth(readahead.MIN_PAYLOAD) == ((readahead.os.cpu_count() or 1) > 1)


# ---- what crosses ----------------------------------------------------------------------------
def test_a_checked_record_crosses_as_it_was(world, tmp_path: Path) -> None:
    """Every record line of a real export: what the reader sends makes the record that
    ``wire.from_line`` made, field for field, stamp for stamp (one stamp or several, erased),
    whether it sends the record or its stored form."""
    c, r = world
    lines = [x for x in decrypt_payload(send(c, [r], tmp_path / "all.rbundle"), r)
             if wire.is_record_line(x)]
    several = [x for x in lines if len(x["stamps"]) > 1]
    assert several and any(x["erased"] for x in lines)
    for n, obj in enumerate(lines):
        record = wire.from_line(obj, n + 2)
        crossed = marshal.loads(marshal.dumps(wire.checked(record, obj)))
        assert wire.rebuilt(crossed) == record
        form = records.stored_form(record, r.store.indexer, r.store.name_indexer)
        stored = records.from_form(record.kind.value, marshal.loads(marshal.dumps(form)))
        assert stored == record and stored is not None and stored.stored == form


def test_the_reader_answers_only_exact_signature_claims(world, tmp_path: Path) -> None:
    """An answer is kept for its exact (official, signature, message): a "verifies" for one
    message says nothing of another under the same signature."""
    from registry.sync import signatures

    c, r = world
    ring = signatures.Keyring(r.identity.fingerprint, r.sharing.keys.public(),
                              r.sharing.trust.list())
    sig = b"\x01" * 64
    ring.given([(c.identity.fingerprint, sig, b"one message", True)])
    ring.check_ahead([])
    assert ring.signer(b"one message", sig, c.identity.fingerprint) == c.identity.fingerprint
    assert ring.signer(b"another message", sig, c.identity.fingerprint) is None
    ring.close()
    assert ring.signer(b"one message", sig, c.identity.fingerprint) is None



# ---- the reader's side, in this process -----------------------------------------------------
def _frame(data: bytes) -> bytes:
    return len(data).to_bytes(8, "little") + data


def serve_here(monkeypatch: pytest.MonkeyPatch, frames: list[bytes]) -> list[list[Any]]:
    """What ``readahead.serve`` answers to these frames (then the end of its input); this
    process is not hardened as the reader is (a test below shows the real one is)."""
    source, sink = io.BytesIO(b"".join(_frame(f) for f in frames)), io.BytesIO()
    monkeypatch.setattr(readahead, "harden_process", lambda: None)
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=source))
    monkeypatch.setattr(sys, "stdout", SimpleNamespace(buffer=sink))
    readahead.serve()
    out, answers = io.BytesIO(sink.getvalue()), []
    while frame := readahead._read_frame(out):
        answers.append(marshal.loads(frame))
    return answers


def test_the_reader_answers_each_line(world, tmp_path: Path, monkeypatch) -> None:
    """Each line's answer: a record as ``from_line`` made it, with its signatures checked
    (a forged one answered as not verifying, a kept one left to the vault) and, in a batch
    that asks for it, what the vault would store of it; any other line as parsed; a line
    refused, nothing. Batches answer in order."""
    c, r = world
    lines = decrypt_payload(send(c, [r], tmp_path / "all.rbundle"), r)
    signed = [x for x in lines if wire.SIGS in x]
    forged = dict(signed[0], sigs={k: "A" * 86 + "==" for k in signed[0]["sigs"]})
    kept = readahead.wire.sigs_from_line(signed[1], 3)
    raws = [b'{"format": "header"}', _dump(forged), _dump(signed[1]),
            *(_dump(x) for x in lines), b'{"id": ', _dump(dict(signed[0], id="not-an-id"))]
    ring = r.sharing.trust.list()
    keys = {o.fingerprint: o.public.ed25519 for o in ring if not o.revoked}
    batches = [raws[:4], raws[4:]]
    named = (readahead._name(translit.index_terms), readahead._name(translit.name_terms))
    answers = serve_here(monkeypatch, [
        marshal.dumps((keys, r.store.clock.last + (1 << 40), list(kept.values()), named)),
        *(marshal.dumps((1 + sum(map(len, batches[:n])), batch, n == 1))  # forms: the second
          for n, batch in enumerate(batches))])
    assert [len(a) for a in answers] == [len(b) for b in batches]
    got = [x for batch in answers for x in batch]
    assert got[0] == {"format": "header"}
    assert got[1][-1] and not any(ok for *_, ok in got[1][-1])  # forged: none verifies
    assert got[2][-1] is None  # every signature of it is kept here: left to held_claims
    assert len(got[1]) == len(got[2]) == 7  # the first batch asked for no stored forms
    for n, obj in enumerate(lines):
        answer = got[3 + n]
        if wire.is_record_line(obj):
            record = wire.from_line(obj, n + 4)
            if 3 + n < len(batches[0]):
                assert wire.rebuilt(answer[:5]) == record
            else:  # the second batch: its kind and stored form
                assert answer[:2] == (record.kind.value, records.stored_form(
                    record, r.store.indexer, r.store.name_indexer))
            if wire.SIGS in obj and obj is not signed[1]:
                assert answer[-2] and answer[-1] and all(ok for *_, ok in answer[-1])
        else:
            assert answer == obj
    assert got[-2:] == [None, None]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_reader_process_is_hardened_as_the_app_is(world, tmp_path: Path) -> None:
    """It holds decrypted lines: no core dump (DESIGN §5: ``harden_process``, which also
    marks it not dumpable — a mark this test, run as root, cannot see), whatever the process
    that started it allows."""
    c, r = world
    line = _dump(decrypt_payload(send(c, [r], tmp_path / "all.rbundle"), r)[0])
    taken: list[Any] = []
    reader = readahead.start(taken.append, lambda record, sigs: taken.append(record),
                             lambda answers: None, keys={}, now_hlc=1 << 60, kept=[])
    try:
        assert reader._process is not None
        pid = reader._process.pid
        reader.add(b'{"format": "header"}', 1)
        reader.add(line, 2)
        reader.finish()  # sent and answered: the reader is serving
        limits = Path(f"/proc/{pid}/limits").read_text()
    finally:
        reader.close()
    assert len(taken) == 2
    core = next(x for x in limits.splitlines() if x.startswith("Max core file size"))
    assert core.split()[4:6] == ["0", "0"], core


def test_a_frame_cut_short_ends_the_reader(monkeypatch) -> None:
    with pytest.raises(EOFError):
        readahead._read_frame(io.BytesIO(_frame(b"x" * 10)[:12]))
    assert readahead._read_frame(io.BytesIO(b"")) == b""


def test_the_entry_point_loads_the_reader_only_to_be_one() -> None:
    """``python -m registry`` (the frozen build's entry too) starts every command: it does
    not load what the reader needs to tell whether it is one."""
    done = subprocess.run([sys.executable, "-c", "import sys, registry.__main__; "
                           "print(sorted(m for m in sys.modules if 'readahead' in m or "
                           "m.startswith('cryptography')))"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_frozen_build_starts_itself_as_the_reader(monkeypatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert readahead._command() == [sys.executable, readahead.READER_ARGUMENT]
    monkeypatch.delattr(sys, "frozen")
    assert readahead._command()[:3] == [sys.executable, "-I", "-c"]
