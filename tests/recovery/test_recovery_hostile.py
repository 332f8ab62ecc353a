"""Hostile recovery files and ceremonies, in process: every field of a validly signed file
is checked (a signature proves who wrote a file, not that its content is sane), and every
refusal of ``Registry.recover`` comes before anything is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from registry.errors import InvalidInput, NotFound, TrustError, WrongPassphrase
from registry.recovery import envelope, formats, shares
from registry.service import Registry
from registry.sync import minisign
from registry.sync.keys import OfficialKeys
from tests.passphrase import PASSPHRASE

NEW = "a brand new passphrase for the recovered vault"
MALLORY = OfficialKeys.generate()
BAD = [None, "", "x" * 300, -1, 2**40, [], {}]


def _resign(data: bytes, change: Callable[[dict[str, Any]], None],
            keys: OfficialKeys = MALLORY) -> bytes:
    """The file with its manifest changed and signed again by ``keys`` (named as signer)."""
    doc = json.loads(data)
    manifest = doc["manifest"]
    change(manifest)
    manifest["signer"] = envelope.signer_json("Mallory", keys.public())
    ident = manifest.get("response_id") or manifest.get("share_id")
    doc["minisig"] = minisign.sign(keys, envelope.canonical(manifest),
                                   f"{manifest['format']} {ident}").decode()
    return envelope.canonical(doc) + b"\n"


@pytest.fixture
def ceremony(four: dict[str, Registry], tmp_path: Path) -> dict[str, Any]:
    """O's set of A, B, C (2 of 3) received; O locked; a request; A's and B's responses."""
    o, a, b, c = (four[n] for n in "OABC")
    o.recovery.setup([x.identity.fingerprint for x in (a, b, c)], 0, 2, None)
    out = tmp_path / "g1"
    out.mkdir()
    files = o.recovery.export(out)
    for holder, f in zip((a, b, c), files, strict=True):
        holder.recovery.receive(f)
    root = o.paths.root
    o.lock()
    made = Registry.request_recovery(root, NEW, tmp_path / "req")
    for n, holder in (("A", a), ("B", b)):
        holder.recovery.respond(tmp_path / "req", tmp_path / f"r{n}",
                                made.request.safety_number)
    return {"root": root, "files": files, "number": made.request.safety_number, **four}


@pytest.fixture(scope="module")
def signed_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One share file and one response, made once for the field-by-field tests."""
    from tests.sync.vaults import introduce, make_vault

    tmp = tmp_path_factory.mktemp("signed")
    o, a = make_vault(tmp, "O"), make_vault(tmp, "A")
    try:
        introduce(o, a)
        o.recovery.setup([a.identity.fingerprint], 1, 2, None)
        (share,) = o.recovery.export(tmp)
        a.recovery.receive(share)
        request = formats.RecoveryRequest(formats.new_id(), formats.now(), None,
                                          MALLORY.public().age_recipient)
        (tmp / "req").write_bytes(request.to_bytes())
        a.recovery.respond(tmp / "req", tmp / "r", request.safety_number)
        return {"share": share.read_bytes(), "response": (tmp / "r").read_bytes()}
    finally:
        o.lock()
        a.lock()


@pytest.mark.parametrize("field", ["share_id", "created_at", "custodian", "vault_id",
                                   "set_id", "generation", "threshold", "shares", "format"])
def test_a_signed_share_file_with_a_bad_field_is_refused(signed_files, field: str) -> None:
    data = signed_files["share"]
    for bad in BAD:
        forged = _resign(data, lambda m, bad=bad: m.__setitem__(field, bad))
        with pytest.raises((TrustError, InvalidInput)):
            formats.open_share_file(forged)
    with pytest.raises(TrustError, match="fields"):
        formats.open_share_file(_resign(data, lambda m: m.__setitem__("extra", 1)))


@pytest.mark.parametrize("field", ["response_id", "request_id", "request_sha256", "created_at",
                                   "owner", "vault_id", "set_id", "generation"])
def test_a_signed_response_with_a_bad_field_is_refused(signed_files, field: str) -> None:
    data = signed_files["response"]
    for bad in BAD:
        forged = _resign(data, lambda m, bad=bad: m.__setitem__(field, bad))
        with pytest.raises((TrustError, InvalidInput)):
            formats.open_response(forged)


def test_a_signature_for_another_file_or_over_other_bytes_is_refused(signed_files) -> None:
    data = signed_files["response"]
    doc = json.loads(data)
    other = json.loads(signed_files["share"])
    doc["minisig"] = other["minisig"]
    with pytest.raises(TrustError):
        formats.open_response(envelope.canonical(doc) + b"\n")
    with pytest.raises(TrustError, match="canonical"):
        formats.open_response(json.dumps(json.loads(data), indent=1).encode())
    with pytest.raises(TrustError, match="not valid JSON"):
        formats.open_response(b'{"a": 1, "a": 2}')
    doc = json.loads(data)
    doc["payload"] = doc["payload"] + "AAAA"
    with pytest.raises(TrustError):
        formats.open_response(envelope.canonical(doc) + b"\n")
    doc = json.loads(data)
    doc["manifest"]["signer"]["fingerprint"] = "0" * 40
    with pytest.raises(TrustError, match="fingerprint"):
        formats.open_response(envelope.canonical(doc) + b"\n")


def test_a_statement_is_refused_unless_its_owner_signed_sane_fields() -> None:
    o_keys = MALLORY
    body = {"format": formats.STATEMENT, "share_id": formats.new_id(), "vault_id": "v",
            "set_id": formats.new_id(), "generation": 1, "key_id": "0" * 32,
            "owner": o_keys.public().fingerprint, "custodian": "paper", "member": 0,
            "threshold": 2, "shares": 2, "issued_at": formats.now(),
            "mnemonic": shares.split(bytes(32), 2, 2)[0]}

    def signed(b: dict[str, Any], keys: OfficialKeys = o_keys) -> bytes:
        sig = minisign.sign(keys, envelope.canonical(b), f"{formats.STATEMENT} {b['share_id']}")
        return envelope.canonical({"owner": envelope.signer_json("O", keys.public()),
                                   "statement": b, "minisig": sig.decode()})

    assert formats.open_statement(signed(body))[1].mnemonic == body["mnemonic"]
    with pytest.raises(InvalidInput, match="0 words"):
        formats.open_statement(signed({**body, "mnemonic": ""}))
    for field, bad in [("key_id", "zz"), ("generation", 0), ("threshold", 3), ("member", 16),
                       ("custodian", "someone"), ("issued_at", "yesterday"),
                       ("mnemonic", "w " * 400), ("share_id", "not-a-uuid")]:
        with pytest.raises(TrustError):
            formats.open_statement(signed({**body, field: bad}))
    with pytest.raises(TrustError, match="not signed by the vault it names"):
        formats.open_statement(signed({**body, "owner": "1" * 40}))
    other = OfficialKeys.generate()
    doc = json.loads(signed(body))
    doc["owner"] = envelope.signer_json("O", other.public())
    with pytest.raises(TrustError):
        formats.open_statement(envelope.canonical(doc))


def test_a_custodian_cannot_pass_on_another_custodians_share(ceremony,
                                                             tmp_path: Path) -> None:
    c = ceremony["C"]
    forged = _resign((tmp_path / "rA").read_bytes(), lambda m: None, c.official_keys)
    (tmp_path / "rC").write_bytes(forged)
    with pytest.raises(TrustError, match="not issued to the custodian"):
        Registry.recover(ceremony["root"], NEW, [tmp_path / "rB", tmp_path / "rC"], [])


def test_a_wrong_new_passphrase_opens_no_request(ceremony, tmp_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        Registry.recover(ceremony["root"], PASSPHRASE, [tmp_path / "rA", tmp_path / "rB"], [])


def test_shares_of_the_key_before_a_rotation_open_nothing(ceremony, tmp_path: Path,
                                                          tree_hash) -> None:
    root = ceremony["root"]
    o = Registry.unlock(root, PASSPHRASE)
    o.rotate_key(PASSPHRASE)  # the set is issued again; A and B still hold generation 1
    files = o.recovery.export(tmp_path / "g1")
    o.lock()
    before = tree_hash(root)
    with pytest.raises(InvalidInput, match="earlier data key"):
        Registry.recover(root, NEW, [tmp_path / "rA", tmp_path / "rB"], [])
    ceremony["B"].recovery.receive(files[1])  # B now holds generation 2
    ceremony["B"].recovery.respond(tmp_path / "req", tmp_path / "rB2", ceremony["number"])
    with pytest.raises(InvalidInput, match="different recovery sets"):
        Registry.recover(root, NEW, [tmp_path / "rA", tmp_path / "rB2"], [])
    assert tree_hash(root) == before


def test_a_set_revoked_without_a_rotation_opens_nothing(ceremony, tmp_path: Path) -> None:
    root = ceremony["root"]
    o = Registry.unlock(root, PASSPHRASE)
    with o.store.write():  # as a crash between a rotation and its revocation could leave it
        o.store.conn.execute("UPDATE recovery_set SET status = 'revoked'")
    o.lock()
    with pytest.raises(InvalidInput, match="revoked"):
        Registry.recover(root, NEW, [tmp_path / "rA", tmp_path / "rB"], [])


def test_unreadable_and_oversized_inputs(ceremony, tmp_path: Path) -> None:
    root = ceremony["root"]
    (tmp_path / "big").write_bytes(b"x" * (envelope.MAX_FILE + 1))
    with pytest.raises(InvalidInput, match="larger than"):
        Registry.recover(root, NEW, [tmp_path / "big"], [])
    with pytest.raises(NotFound, match="cannot be read"):
        Registry.recover(root, NEW, [tmp_path / "missing"], [])
    (tmp_path / "paper").write_bytes(b"\xff\xfe")
    with pytest.raises(InvalidInput, match="not text"):
        Registry.recover(root, NEW, [], [tmp_path / "paper"])
