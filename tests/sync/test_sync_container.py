"""Bundle container: write/open, strict manifest, tampering, hostile ZIPs, stock tools."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import zipfile
import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.errors import BundleError, InvalidInput, TrustError
from registry.sync import container, payload
from registry.sync.container import (
    Limits,
    Manifest,
    OpenedBundle,
    Recipient,
    open_bundle,
    write_bundle,
)
from registry.sync.keys import OfficialKeys

from .conftest import require_tool

PLAIN = payload.encode({"bundle_id": "x"}, [{"id": "1", "name": "SECRETNAME"}])
WHEN = datetime(2025, 1, 31, 12, 0, 0, tzinfo=UTC)


def _bundle(tmp_path: Path, sender: OfficialKeys, to: OfficialKeys, name: str = "b.rbundle",
            **kw: object) -> Path:
    path = tmp_path / name
    pub = to.public()
    write_bundle(path, sender_keys=sender, sender_name="Alice Ålander",
                 recipients=[Recipient(pub.fingerprint, pub.age_recipient)],
                 payload_plain=PLAIN, created_at=WHEN, **kw)  # type: ignore[arg-type]
    return path


@pytest.fixture
def good(tmp_path: Path, alice: OfficialKeys, bob: OfficialKeys) -> Path:
    return _bundle(tmp_path, alice, bob)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def _rezip(path: Path, members: list[tuple[str, bytes]] | dict[str, bytes],
           compression: int = zipfile.ZIP_STORED) -> Path:
    items = members.items() if isinstance(members, dict) else members
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as archive:
        for name, data in items:
            archive.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def test_round_trip(good: Path, alice: OfficialKeys, bob: OfficialKeys) -> None:
    opened = open_bundle(good)
    m = opened.manifest
    assert m.sender.public == alice.public() and m.sender.name == "Alice Ålander"
    assert m.created_at == WHEN and m.addressed_to(bob.public().age_recipient)
    opened.verify_signature()
    opened.check_payload_hash()
    assert opened.decrypt(bob.age_identity, max_size=10_000) == PLAIN


def test_file_layout(good: Path) -> None:
    assert stat.S_IMODE(good.stat().st_mode) == 0o600
    with zipfile.ZipFile(good) as archive:
        assert [i.filename for i in archive.infolist()] == list(container.MEMBERS)
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())
    raw = json.loads(_members(good)["manifest.json"])
    assert set(raw) == {"format", "bundle_id", "created_at", "sender", "recipients", "payload"}
    assert raw["format"] == "registry-bundle/1" and raw["created_at"] == "2025-01-31T12:00:00Z"
    assert b"SECRETNAME" not in good.read_bytes()


def test_sender_not_added_implicitly(good: Path, alice: OfficialKeys) -> None:
    opened = open_bundle(good)
    opened.verify_signature()
    opened.check_payload_hash()
    with pytest.raises(BundleError, match="not addressed"):
        opened.decrypt(alice.age_identity, max_size=10_000)


def test_addressed_in_manifest_but_not_in_payload(tmp_path: Path, alice: OfficialKeys,
                                                  bob: OfficialKeys) -> None:
    """Even a (trusted) sender's inconsistent bundle fails cleanly."""
    from registry.sync import agecrypt
    path = _bundle(tmp_path, alice, bob)
    opened = open_bundle(path)
    opened.payload = agecrypt.encrypt(PLAIN, [alice.public().age_recipient])
    opened._signature_ok = opened._hash_ok = True
    with pytest.raises(BundleError, match="not encrypted to this vault"):
        opened.decrypt(bob.age_identity, max_size=10_000)


def test_decrypt_needs_both_checks(good: Path, bob: OfficialKeys) -> None:
    opened = open_bundle(good)
    with pytest.raises(TrustError, match="verified before"):
        opened.decrypt(bob.age_identity, max_size=10_000)
    opened.verify_signature()
    with pytest.raises(TrustError, match="verified before"):
        opened.decrypt(bob.age_identity, max_size=10_000)
    opened2 = open_bundle(good)
    opened2.check_payload_hash()
    with pytest.raises(TrustError, match="verified before"):
        opened2.decrypt(bob.age_identity, max_size=10_000)


def test_a_file_changed_after_its_check_is_refused_at_the_end_of_the_decryption(
        tmp_path: Path, alice: OfficialKeys, bob: OfficialKeys) -> None:
    """The payload is read from the file again to be decrypted, and hashed again: what is
    decrypted is what was checked, or the bundle is refused (the sink's lines are dropped)."""
    path = _bundle(tmp_path, alice, bob)
    opened = open_bundle(path)
    opened.verify_signature()
    opened.check_payload_hash()
    mine = _members(path)[container.PAYLOAD]
    swapped = b""
    while len(swapped) != len(mine):  # encrypted afresh to the same size (age adds grease)
        swapped = _members(_bundle(tmp_path, alice, bob, name="o.rbundle"))[container.PAYLOAD]
    assert swapped != mine
    original = path.read_bytes()
    path.write_bytes(original.replace(mine, swapped))  # in place, between check and use
    sink = io.BytesIO()
    with pytest.raises(BundleError, match="damaged"):  # its ZIP checksum differs...
        opened.decrypt_into(bob.age_identity, sink, max_size=1 << 20)
    opened._payload.info.CRC = zlib.crc32(swapped)  # type: ignore[union-attr]
    with pytest.raises(TrustError, match="does not match the signed manifest"):
        opened.decrypt_into(bob.age_identity, sink, max_size=1 << 20)  # ...or is made to
    path.write_bytes(original)  # the control: the file as it was checked decrypts
    opened._payload.info.CRC = zlib.crc32(mine)  # type: ignore[union-attr]
    out = io.BytesIO()
    opened.decrypt_into(bob.age_identity, out, max_size=1 << 20)
    assert out.getvalue() == PLAIN


def test_decrypt_size_limit(good: Path, bob: OfficialKeys) -> None:
    opened = open_bundle(good)
    opened.verify_signature()
    opened.check_payload_hash()
    with pytest.raises(BundleError, match="larger"):
        opened.decrypt(bob.age_identity, max_size=10)


def test_bare_age_recipient_and_many(tmp_path: Path, alice: OfficialKeys,
                                     bob: OfficialKeys) -> None:
    path = tmp_path / "x.rbundle"
    manifest = write_bundle(path, sender_keys=alice, sender_name="A",
                            recipients=[Recipient(None, bob.public().age_recipient),
                                        Recipient(None, alice.public().age_recipient)],
                            payload_plain=b"p", bundle_id="0190a6d2-9b1e-7cc4-8f3e-3c1d2a4b5c6d")
    assert manifest.bundle_id == "0190a6d2-9b1e-7cc4-8f3e-3c1d2a4b5c6d"
    assert json.loads(_members(path)["manifest.json"])["recipients"][0]["fingerprint"] is None
    assert manifest.created_at.tzinfo is not None and manifest.created_at.microsecond == 0
    opened = open_bundle(path)
    opened.verify_signature()
    opened.check_payload_hash()
    assert opened.decrypt(alice.age_identity, max_size=1) == b"p"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"recipients": []}, "at least one"),
        ({"sender_name": ""}, "1 to"),
        ({"sender_name": " pad"}, "outer spaces"),
        ({"sender_name": "a\x00b"}, "control"),
        ({"sender_name": "e\u0301"}, "NFC"),
        ({"bundle_id": "not-a-uuid"}, "UUID"),
        ({"bundle_id": "0190A6D2-9B1E-7CC4-8F3E-3C1D2A4B5C6D"}, "UUID"),
        ({"created_at": datetime(2025, 1, 1)}, "time zone"),
    ],
)
def test_write_refuses(tmp_path: Path, alice: OfficialKeys, bob: OfficialKeys,
                       kwargs: dict[str, object], match: str) -> None:
    args: dict[str, object] = {
        "sender_keys": alice, "sender_name": "A", "payload_plain": b"p",
        "recipients": [Recipient(None, bob.public().age_recipient)]}
    args.update(kwargs)
    with pytest.raises(InvalidInput, match=match):
        write_bundle(tmp_path / "x.rbundle", **args)  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


def test_duplicate_recipient_refused(tmp_path: Path, alice: OfficialKeys,
                                     bob: OfficialKeys) -> None:
    r = Recipient(None, bob.public().age_recipient)
    with pytest.raises(InvalidInput, match="twice"):
        write_bundle(tmp_path / "x", sender_keys=alice, sender_name="A", payload_plain=b"",
                     recipients=[r, Recipient(bob.public().fingerprint, r.age_recipient)])


def test_recipient_validation() -> None:
    with pytest.raises(InvalidInput, match="fingerprint"):
        Recipient("ABC", "age1x")
    with pytest.raises(InvalidInput):
        Recipient(None, "age1x")


def test_created_at_converted_to_utc(tmp_path: Path, alice: OfficialKeys,
                                     bob: OfficialKeys) -> None:
    moscow = datetime(2025, 1, 31, 15, 0, 0, 999, tzinfo=timezone(timedelta(hours=3)))
    path = _bundle(tmp_path, alice, bob)
    write_bundle(path, sender_keys=alice, sender_name="A", payload_plain=b"",
                 recipients=[Recipient(None, bob.public().age_recipient)], created_at=moscow)
    assert json.loads(_members(path)["manifest.json"])["created_at"] == "2025-01-31T12:00:00Z"


# ---- tampering -----------------------------------------------------------------------------

def _import(path: Path, identity: str) -> bytes:
    opened = open_bundle(path)
    opened.verify_signature()
    opened.check_payload_hash()
    return opened.decrypt(identity, max_size=1 << 20)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(member=st.sampled_from(container.MEMBERS), position=st.integers(0, 1 << 20),
       bit=st.integers(0, 7))
def test_any_flipped_bit_is_a_trust_error(good: Path, bob: OfficialKeys, tmp_path: Path,
                                          member: str, position: int, bit: int) -> None:
    members = _members(good)
    data = bytearray(members[member])
    data[position % len(data)] ^= 1 << bit
    members[member] = bytes(data)
    bad = _rezip(tmp_path / "t.rbundle", members)
    with pytest.raises(TrustError):
        _import(bad, bob.age_identity)


@pytest.mark.parametrize("member", container.MEMBERS)
@pytest.mark.parametrize("where", ["head", "middle", "tail"])
def test_contract_flips(good: Path, bob: OfficialKeys, tmp_path: Path, member: str,
                        where: str) -> None:
    """The exact flips of the bundle-tamper contract check: XOR 0x01 at 0, size/2, size-2."""
    members = _members(good)
    data = bytearray(members[member])
    offset = {"head": 0, "middle": len(data) // 2, "tail": len(data) - 2}[where]
    data[offset] ^= 0x01
    members[member] = bytes(data)
    with pytest.raises(TrustError):
        _import(_rezip(tmp_path / "t.rbundle", members), bob.age_identity)


def test_untrusted_comment_is_covered(good: Path, tmp_path: Path) -> None:
    members = _members(good)
    members["manifest.json.minisig"] = members["manifest.json.minisig"].replace(
        b"registry bundle manifest", b"registry bundle manifesT")
    with pytest.raises(TrustError, match="altered"):
        open_bundle(_rezip(tmp_path / "t.rbundle", members)).verify_signature()


def test_signature_from_another_bundle(tmp_path: Path, alice: OfficialKeys,
                                       bob: OfficialKeys) -> None:
    """A valid signature with the wrong trusted comment (another bundle id) is refused."""
    from registry.sync import minisign
    good = _bundle(tmp_path, alice, bob)
    members = _members(good)
    members["manifest.json.minisig"] = minisign.sign(
        alice, members["manifest.json"], "registry-bundle/1 other",
        untrusted_comment=container.UNTRUSTED_COMMENT)
    with pytest.raises(TrustError, match="different bundle"):
        open_bundle(_rezip(tmp_path / "t.rbundle", members)).verify_signature()


def test_resigned_by_impostor_verifies_only_against_impostor(
        tmp_path: Path, alice: OfficialKeys, bob: OfficialKeys) -> None:
    """Swapping in another key self-verifies; the caller's pinning must catch it."""
    forged = _bundle(tmp_path, bob, bob)
    opened = open_bundle(forged)
    opened.verify_signature()
    assert opened.manifest.sender.public != alice.public()


def test_payload_swapped_between_bundles(tmp_path: Path, alice: OfficialKeys,
                                         bob: OfficialKeys) -> None:
    one = _members(_bundle(tmp_path, alice, bob, "1"))
    two = _members(_bundle(tmp_path, alice, bob, "2"))
    one["payload.age"] = two["payload.age"]
    opened = open_bundle(_rezip(tmp_path / "t", one))
    opened.verify_signature()
    with pytest.raises(TrustError, match="does not match"):
        opened.check_payload_hash()


MANIFEST_MUTATIONS = [
    lambda m: {**m, "extra": 1},
    lambda m: {k: v for k, v in m.items() if k != "payload"},
    lambda m: {**m, "format": "registry-bundle/2"},
    lambda m: {**m, "recipients": []},
    lambda m: {**m, "recipients": {}},
    lambda m: {**m, "recipients": [{"age_recipient": "age1x", "fingerprint": None}]},
    lambda m: {**m, "payload": {"sha256": "0" * 64, "size": -1}},
    lambda m: {**m, "payload": {"sha256": "0" * 64, "size": True}},
    lambda m: {**m, "payload": {"sha256": "X" * 64, "size": 1}},
    lambda m: {**m, "payload": {"sha256": 5, "size": 1}},
    lambda m: {**m, "created_at": "2025-01-31 12:00:00"},
    lambda m: {**m, "created_at": "2025-02-31T12:00:00Z"},
    lambda m: {**m, "bundle_id": 7},
    lambda m: {**m, "sender": {**m["sender"], "fingerprint": "0" * 40}},
    lambda m: {**m, "sender": {**m["sender"], "name": 3}},
    lambda m: {**m, "sender": [1]},
]


@pytest.mark.parametrize("mutate", MANIFEST_MUTATIONS)
def test_strict_manifest(good: Path, tmp_path: Path, mutate: object) -> None:
    members = _members(good)
    raw = json.loads(members["manifest.json"])
    members["manifest.json"] = json.dumps(mutate(raw)).encode()  # type: ignore[operator]
    with pytest.raises(TrustError, match="malformed"):
        open_bundle(_rezip(tmp_path / "t.rbundle", members))


@pytest.mark.parametrize("text", [b"\xff{}", b'{"a":1,"a":1}', b"[1]", b'{"a":NaN}',
                                  b"[" * 100_000])
def test_manifest_not_json(good: Path, tmp_path: Path, text: bytes) -> None:
    members = _members(good)
    members["manifest.json"] = text
    with pytest.raises(TrustError, match="malformed"):
        open_bundle(_rezip(tmp_path / "t.rbundle", members))


def test_manifest_round_trip(good: Path) -> None:
    raw = _members(good)["manifest.json"]
    assert Manifest.from_bytes(raw).to_bytes() == raw


# ---- hostile containers --------------------------------------------------------------------

def test_extra_member(good: Path, tmp_path: Path) -> None:
    members = _members(good)
    members["evil.sh"] = b"x"
    with pytest.raises(BundleError, match="exactly"):
        open_bundle(_rezip(tmp_path / "t", members))


def test_missing_member(good: Path, tmp_path: Path) -> None:
    members = _members(good)
    del members["payload.age"]
    with pytest.raises(BundleError, match="exactly"):
        open_bundle(_rezip(tmp_path / "t", members))


def test_path_traversal_name(good: Path, tmp_path: Path) -> None:
    members = _members(good)
    members["../payload.age"] = members.pop("payload.age")
    with pytest.raises(BundleError, match="exactly"):
        open_bundle(_rezip(tmp_path / "t", members))


def test_duplicate_names(good: Path, tmp_path: Path) -> None:
    m = _members(good)
    items = [("manifest.json", m["manifest.json"]), ("manifest.json", m["manifest.json"]),
             ("payload.age", m["payload.age"])]
    with pytest.warns(UserWarning, match="Duplicate"):
        path = _rezip(tmp_path / "t", items)
    with pytest.raises(BundleError, match="exactly"):
        open_bundle(path)


def test_directory_member(good: Path, tmp_path: Path) -> None:
    m = _members(good)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("manifest.json", m["manifest.json"])
        archive.writestr("payload.age", m["payload.age"])
        archive.writestr(zipfile.ZipInfo("manifest.json.minisig/"), b"")
    (tmp_path / "t").write_bytes(buf.getvalue())
    with pytest.raises(BundleError):
        open_bundle(tmp_path / "t")


def test_directory_flagged_member(good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                  ) -> None:
    monkeypatch.setattr(zipfile.ZipInfo, "is_dir", lambda self: True)
    with pytest.raises(BundleError, match="folder"):
        open_bundle(good)


def test_huge_declared_size(good: Path, tmp_path: Path) -> None:
    """A declared size beyond the limit is refused from the central directory alone."""
    data = bytearray(good.read_bytes())
    # patch the uncompressed size of every central-directory entry for payload.age
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = int.from_bytes(data[pos + 28:pos + 30], "little")
        if data[pos + 46:pos + 46 + name_len] == b"payload.age":
            data[pos + 24:pos + 28] = (0xFFFFFFF0).to_bytes(4, "little")
        pos = data.find(b"PK\x01\x02", pos + 4)
    (tmp_path / "t").write_bytes(bytes(data))
    with pytest.raises(BundleError, match="larger than allowed"):
        open_bundle(tmp_path / "t", limits=Limits(max_payload=1 << 20))


def test_declared_size_lies(good: Path, tmp_path: Path) -> None:
    data = bytearray(good.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = int.from_bytes(data[pos + 28:pos + 30], "little")
        if data[pos + 46:pos + 46 + name_len] == b"manifest.json":
            size = int.from_bytes(data[pos + 24:pos + 28], "little")
            data[pos + 24:pos + 28] = (size - 1).to_bytes(4, "little")
        pos = data.find(b"PK\x01\x02", pos + 4)
    (tmp_path / "t").write_bytes(bytes(data))
    with pytest.raises(BundleError):
        open_bundle(tmp_path / "t")


def test_member_read_is_capped(good: Path) -> None:
    """Defence in depth: the reader never returns more than the cap, whatever is declared."""
    with zipfile.ZipFile(good) as archive, pytest.raises(BundleError, match="declared size"):
        container._read_member(archive, archive.getinfo("payload.age"), 5)


def test_a_payload_shorter_than_its_declared_size_is_refused(good: Path, tmp_path: Path
                                                             ) -> None:
    """payload.age read in pieces is held to its declared size as a whole member was."""
    data = bytearray(good.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:  # the central directory's uncompressed size of payload.age, one more
        name_len = int.from_bytes(data[pos + 28:pos + 30], "little")
        if data[pos + 46:pos + 46 + name_len] == b"payload.age":
            size = int.from_bytes(data[pos + 24:pos + 28], "little")
            data[pos + 24:pos + 28] = (size + 1).to_bytes(4, "little")
        pos = data.find(b"PK\x01\x02", pos + 4)
    (tmp_path / "t").write_bytes(bytes(data))
    with pytest.raises(BundleError, match="declared size"):
        open_bundle(tmp_path / "t")


def test_a_payload_held_in_memory_is_checked_and_decrypted_alike(good: Path,
                                                                bob: OfficialKeys) -> None:
    """An OpenedBundle made from the payload's bytes (not from a file) goes through the same
    checks, in the same order."""
    read = open_bundle(good)
    opened = OpenedBundle(read.manifest, read.manifest_bytes, read.signature, read.payload)
    with pytest.raises(TrustError, match="verified before"):
        opened.decrypt_into(bob.age_identity, io.BytesIO(), max_size=1 << 20)
    opened.verify_signature()
    opened.check_payload_hash()
    out = io.BytesIO()
    opened.decrypt_into(bob.age_identity, out, max_size=1 << 20)
    assert out.getvalue() == PLAIN
    opened.payload = read.payload[:-1] + bytes([read.payload[-1] ^ 1])
    with pytest.raises(TrustError, match="altered"):
        opened.check_payload_hash()


def test_the_payload_read_whole_must_be_what_was_checked(tmp_path: Path, alice: OfficialKeys,
                                                         bob: OfficialKeys) -> None:
    """decrypt() reads payload.age again, whole: swapped in place since the check (its ZIP
    checksum made to match), it is refused by its hash."""
    path = _bundle(tmp_path, alice, bob)
    opened = open_bundle(path)
    opened.verify_signature()
    opened.check_payload_hash()
    assert opened.decrypt(bob.age_identity, max_size=1 << 20) == PLAIN
    mine = _members(path)[container.PAYLOAD]
    swapped = b""
    while len(swapped) != len(mine):  # encrypted afresh to the same size (age adds grease)
        swapped = _members(_bundle(tmp_path, alice, bob, name="o.rbundle"))[container.PAYLOAD]
    path.write_bytes(path.read_bytes().replace(mine, swapped))
    opened._payload.info.CRC = zlib.crc32(swapped)  # type: ignore[union-attr]
    with pytest.raises(TrustError, match="altered"):
        opened.decrypt(bob.age_identity, max_size=1 << 20)


def test_deflate_bomb_member(good: Path, tmp_path: Path) -> None:
    m = _members(good)
    m["manifest.json"] = b"{" + b" " * (10 << 20) + b"}"
    path = _rezip(tmp_path / "t", m, compression=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 200_000
    with pytest.raises(BundleError, match=r"manifest\.json is larger"):
        open_bundle(path)


def test_deflated_members_accepted(good: Path, tmp_path: Path, bob: OfficialKeys) -> None:
    path = _rezip(tmp_path / "t", _members(good), compression=zipfile.ZIP_DEFLATED)
    assert _import(path, bob.age_identity) == PLAIN


def test_unsupported_compression(good: Path, tmp_path: Path) -> None:
    path = _rezip(tmp_path / "t", _members(good), compression=zipfile.ZIP_BZIP2)
    with pytest.raises(BundleError, match="compression"):
        open_bundle(path)


def test_zip_encrypted_flag(good: Path, tmp_path: Path) -> None:
    data = bytearray(good.read_bytes())
    pos = data.find(b"PK\x01\x02")
    data[pos + 8] |= 0x01
    (tmp_path / "t").write_bytes(bytes(data))
    with pytest.raises(BundleError, match="encrypted"):
        open_bundle(tmp_path / "t")


def test_file_too_large(good: Path) -> None:
    with pytest.raises(BundleError, match="larger than allowed"):
        open_bundle(good, limits=Limits(max_bundle=100))


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04garbage"])
def test_not_a_zip(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "t").write_bytes(data)
    with pytest.raises(BundleError):
        open_bundle(tmp_path / "t")


def test_prepended_data_refused(good: Path, tmp_path: Path) -> None:
    (tmp_path / "t").write_bytes(b"#!/bin/sh\n" + good.read_bytes())
    with pytest.raises(BundleError, match="not a ZIP"):
        open_bundle(tmp_path / "t")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="cannot be read"):
        open_bundle(tmp_path / "nope")


def test_raw_container_damage(good: Path, tmp_path: Path, bob: OfficialKeys) -> None:
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "t").write_bytes(bytes(data))
    with pytest.raises((BundleError, TrustError)):
        _import(tmp_path / "t", bob.age_identity)


# ---- stock tools ---------------------------------------------------------------------------

@pytest.mark.interop
def test_stock_tools_read_bundle(good: Path, tmp_path: Path, alice: OfficialKeys,
                                 bob: OfficialKeys) -> None:
    minisign_tool = require_tool("minisign")
    age_tool = require_tool("age")
    unzip = require_tool("unzip")
    out = tmp_path / "x"
    out.mkdir()
    subprocess.run([unzip, "-q", str(good), "-d", str(out)], check=True)
    assert sorted(p.name for p in out.iterdir()) == sorted(container.MEMBERS)
    subprocess.run([minisign_tool, "-Vm", str(out / "manifest.json"), "-x",
                    str(out / "manifest.json.minisig"), "-P", alice.public().minisign_public_key],
                   check=True, capture_output=True)
    key = tmp_path / "k.txt"
    key.write_text(bob.age_identity + "\n")
    plain = subprocess.run([age_tool, "-d", "-i", str(key), str(out / "payload.age")],
                           check=True, capture_output=True).stdout
    assert plain == PLAIN
    import hashlib
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert hashlib.sha256((out / "payload.age").read_bytes()).hexdigest() \
        == manifest["payload"]["sha256"]


@pytest.mark.interop
def test_bundle_rezipped_by_stock_zip(good: Path, tmp_path: Path, bob: OfficialKeys) -> None:
    """What the bundle-tamper contract does: unzip, then `zip -0 -X` again — still opens."""
    unzip = require_tool("unzip")
    zip_tool = require_tool("zip")
    out = tmp_path / "x"
    out.mkdir()
    subprocess.run([unzip, "-q", str(good), "-d", str(out)], check=True)
    subprocess.run([zip_tool, "-q", "-0", "-X", "../re.rbundle", *container.MEMBERS],
                   cwd=out, check=True)
    assert _import(tmp_path / "re.rbundle", bob.age_identity) == PLAIN
