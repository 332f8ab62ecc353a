"""Fuzzing the bundle path (DESIGN §6.2): container, manifest, payload, record lines, import.

Only the project's own errors come out, in bounded time; a rejected bundle — whether it
fails in the container, the signature, the payload or a single record line — leaves every
file of the receiving vault byte-identical.
"""

from __future__ import annotations

import gzip
import io
import json
import uuid
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.sync import container, payload, wire
from registry.sync.container import MANIFEST, MEMBERS, PAYLOAD, SIGNATURE, Manifest
from tests.fuzz.conftest import World, fuzz, mutate_bytes, mutate_json, only_ours

SMALL = {"max_uncompressed": 1024 * 1024, "max_line": 64 * 1024, "max_lines": 1000}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-bundle")


def _members(bundle: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: list[tuple[str, bytes, int]]) -> bytes:
    sink = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(sink, "w") as archive:
        warnings.simplefilter("ignore")  # duplicate names are part of the fuzz
        for name, data, method in members:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return sink.getvalue()


def _open_and_check(path: Path) -> None:
    opened = container.open_bundle(path)
    opened.verify_signature()
    opened.check_payload_hash()


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")


# -- manifest ------------------------------------------------------------
@fuzz(400)
@given(blob=st.binary(max_size=4000))
def test_manifest_parser_on_random_bytes(blob: bytes) -> None:
    only_ours(lambda: Manifest.from_bytes(blob))


@fuzz(400)
@given(data=st.data())
def test_manifest_parser_on_mutated_json(world: World, data: st.DataObject) -> None:
    obj = mutate_json(data, json.loads(_members(world.bundle)[MANIFEST]))
    only_ours(lambda: Manifest.from_bytes(_dumps(obj)))


@fuzz(300)
@given(data=st.data())
def test_manifest_parser_on_mutated_bytes(world: World, data: st.DataObject) -> None:
    blob = mutate_bytes(data, _members(world.bundle)[MANIFEST])
    only_ours(lambda: Manifest.from_bytes(blob))


# -- container ------------------------------------------------------------
@fuzz(300)
@given(data=st.data())
def test_open_bundle_on_mutated_zip_bytes(world: World, scratch: Path,
                                          data: st.DataObject) -> None:
    path = scratch / "mutated.rbundle"
    blob = mutate_bytes(data, world.bundle, rounds=3)
    path.write_bytes(blob)
    accepted = only_ours(lambda: _open_and_check(path))
    if accepted:  # only edits outside what is signed and hashed (ZIP metadata) may pass
        members = _members(blob)
        assert members == _members(world.bundle)


member_names = st.sampled_from([*MEMBERS, "extra.txt", "../manifest.json", "dir/", "", "a" * 300])


@fuzz(300)
@given(data=st.data(), names=st.lists(member_names, min_size=0, max_size=5))
def test_open_bundle_on_arbitrary_members(world: World, scratch: Path, data: st.DataObject,
                                          names: list[str]) -> None:
    valid = _members(world.bundle)
    members = []
    for name in names:
        body = valid.get(name, b"")
        if data.draw(st.booleans()):
            body = mutate_bytes(data, body) if body else data.draw(st.binary(max_size=200))
        method = data.draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                            zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))
        members.append((name, body, method))
    path = scratch / "members.rbundle"
    path.write_bytes(_zip(members))
    only_ours(lambda: _open_and_check(path))


# -- payload and lines ------------------------------------------------------------
@fuzz(400)
@given(blob=st.binary(max_size=4000), wrap=st.booleans())
def test_payload_decode_on_random_bytes(blob: bytes, wrap: bool) -> None:
    data = gzip.compress(blob, mtime=0) if wrap else blob
    only_ours(lambda: payload.decode(data, **SMALL))


def _decode_lines(data: bytes) -> None:
    _header, lines = payload.decode(data, **SMALL)
    for n, line in enumerate(lines):
        wire.from_line(line, n + 2)


@fuzz(400)
@given(data=st.data())
def test_payload_lines_mutated_as_json(world: World, data: st.DataObject) -> None:
    lines = mutate_json(data, [world.header, *world.lines], rounds=4)
    if not isinstance(lines, list):
        lines = [lines]
    text = b"".join(_dumps(line) + b"\n" for line in lines)
    only_ours(lambda: _decode_lines(gzip.compress(text, mtime=0)))


@fuzz(400)
@given(data=st.data())
def test_payload_lines_mutated_as_bytes(world: World, data: st.DataObject) -> None:
    text = b"".join(_dumps(line) + b"\n" for line in [world.header, *world.lines])
    only_ours(lambda: _decode_lines(gzip.compress(mutate_bytes(data, text), mtime=0)))


stamp_values = st.one_of(
    st.integers(-(2**70), 2**70), st.floats(allow_nan=False), st.booleans(), st.none(),
    st.text(max_size=5), st.lists(st.integers(), max_size=3))


@fuzz(400)
@given(data=st.data(), hlc=stamp_values, origin=st.one_of(st.text(max_size=45), st.none()))
def test_record_line_stamps(world: World, data: st.DataObject, hlc: Any, origin: Any) -> None:
    line = json.loads(json.dumps(data.draw(st.sampled_from(world.lines))))
    group = data.draw(st.integers(0, len(line["stamps"]) - 1))
    line["stamps"][group][:2] = [hlc, origin]
    if data.draw(st.booleans()):
        line["erased"], line["values"], line["stamps"] = [hlc, origin], {}, []
    only_ours(lambda: wire.from_line(line, 2))


# -- end to end: a real import ------------------------------------------------------------
def _signed_bundle(world: World, path: Path, lines: list[Any], header_extra: Any) -> None:
    """A correctly signed and encrypted bundle from the trusted sender carrying ``lines``."""
    bundle_id = str(uuid.uuid4())
    header = {**world.header, "bundle_id": bundle_id,
              "counts": {"person": len(lines)} if header_extra is None else header_extra}
    text = b"".join(_dumps(line) + b"\n" for line in [header, *lines])
    container.write_bundle(path, sender_keys=world.sender_keys, sender_name="Sender",
                           recipients=[world.receiver_recipient],
                           payload_plain=gzip.compress(text, mtime=0), bundle_id=bundle_id)


def _import_leaves_vault_whole_when_rejected(world: World, path: Path) -> bool:
    before = world.tree()
    reg = world.open()
    try:
        accepted = only_ours(lambda: reg.sharing.import_bundles([path]))
        assert reg.check() == []
    finally:
        reg.lock()
    if not accepted:
        assert world.tree() == before, "a rejected bundle changed the vault"
    return accepted


@fuzz(120)
@given(data=st.data(), counts=st.one_of(st.none(), st.none(), st.dictionaries(
    st.sampled_from(["person", "tie", "organisation", "x"]), st.integers(-2, 5), max_size=3)))
def test_import_of_signed_bundle_with_mutated_records(world: World, scratch: Path,
                                                      data: st.DataObject, counts: Any) -> None:
    lines = mutate_json(data, world.lines, rounds=3)
    lines = lines if isinstance(lines, list) else [lines]
    path = scratch / "signed.rbundle"
    _signed_bundle(world, path, lines, counts)
    _import_leaves_vault_whole_when_rejected(world, path)


@fuzz(80)
@given(data=st.data())
def test_import_of_mutated_bundle_bytes(world: World, scratch: Path, data: st.DataObject) -> None:
    path = scratch / "bytes.rbundle"
    path.write_bytes(mutate_bytes(data, world.bundle, rounds=2))
    _import_leaves_vault_whole_when_rejected(world, path)


def test_members_are_what_the_contract_names() -> None:
    assert (MANIFEST, SIGNATURE, PAYLOAD) == MEMBERS
