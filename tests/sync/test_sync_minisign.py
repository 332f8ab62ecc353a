"""minisign signatures: round trip, strict parsing, tampering, interop with stock minisign."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.errors import InvalidInput, TrustError
from registry.sync import minisign
from registry.sync.keys import OfficialKeys

from .conftest import require_tool

DATA = b"manifest bytes \x00\xff"


def test_round_trip(alice: OfficialKeys) -> None:
    sig = minisign.sign(alice, DATA, "hello \u0442\u0435\u0441\u0442")
    assert minisign.verify(alice.public(), DATA, sig) == "hello \u0442\u0435\u0441\u0442"
    assert minisign.verify(alice.public().minisign_public_key, DATA, sig).startswith("hello")


def test_layout(alice: OfficialKeys) -> None:
    sig = minisign.sign(alice, DATA, "tc", untrusted_comment="uc")
    lines = sig.decode().split("\n")
    assert lines[0] == "untrusted comment: uc" and lines[2] == "trusted comment: tc"
    assert base64.b64decode(lines[1])[:10] == b"ED" + alice.key_id
    assert lines[4] == ""
    parsed = minisign.parse(sig)
    assert parsed.to_bytes() == sig


def test_wrong_key(alice: OfficialKeys, bob: OfficialKeys) -> None:
    sig = minisign.sign(alice, DATA, "tc")
    with pytest.raises(TrustError, match="different key"):
        minisign.verify(bob.public(), DATA, sig)


def test_same_key_id_other_key_refused(alice: OfficialKeys, bob: OfficialKeys) -> None:
    """A forger who copies the key id still fails: the whole key is checked."""
    forger = OfficialKeys(bob.signing_seed, bob.age_identity, alice.key_id)
    sig = minisign.sign(forger, DATA, "tc")
    with pytest.raises(TrustError, match="does not match"):
        minisign.verify(alice.public(), DATA, sig)


def test_altered_data(alice: OfficialKeys) -> None:
    sig = minisign.sign(alice, DATA, "tc")
    with pytest.raises(TrustError, match="does not match"):
        minisign.verify(alice.public(), DATA + b"x", sig)


def test_altered_trusted_comment(alice: OfficialKeys) -> None:
    sig = minisign.sign(alice, DATA, "tc one")
    forged = sig.replace(b"trusted comment: tc one", b"trusted comment: tc two")
    with pytest.raises(TrustError, match="trusted comment"):
        minisign.verify(alice.public(), DATA, forged)


def test_bad_public_key_string(alice: OfficialKeys) -> None:
    sig = minisign.sign(alice, DATA, "tc")
    with pytest.raises(TrustError, match="not a valid minisign key"):
        minisign.verify("RWnonsense", DATA, sig)


def _legacy(keys: OfficialKeys, data: bytes) -> bytes:
    private = keys.signing_key()
    sig = private.sign(data)
    gsig = private.sign(sig + b"tc")
    return (b"untrusted comment: x\n" + base64.b64encode(b"Ed" + keys.key_id + sig) + b"\n"
            b"trusted comment: tc\n" + base64.b64encode(gsig) + b"\n")


def test_legacy_refused(alice: OfficialKeys) -> None:
    with pytest.raises(TrustError, match="Legacy"):
        minisign.verify(alice.public(), DATA, _legacy(alice, DATA))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda s: s[:-1],                                   # no final newline
        lambda s: s + b"\n",                                # extra line
        lambda s: s.replace(b"\n", b"\r\n"),                # CRLF
        lambda s: b"\xff" + s,                              # not UTF-8
        lambda s: s.replace(b"untrusted comment:", b"untrusted_comment:"),
        lambda s: s.replace(b"trusted comment: tc", b"trusted: tc"),
        lambda s: s.replace(b"\n", b"\nX", 1),              # garbage in base64 line
        lambda s: s + b" " * minisign.MAX_SIG_FILE,         # too large
        lambda s: s.decode(),                               # not bytes
    ],
)
def test_malformed_refused(alice: OfficialKeys, mutate: object) -> None:
    sig = minisign.sign(alice, DATA, "tc")
    with pytest.raises(TrustError):
        minisign.verify(alice.public(), DATA, mutate(sig))  # type: ignore[operator]


def test_unknown_algorithm_refused(alice: OfficialKeys) -> None:
    lines = minisign.sign(alice, DATA, "tc").split(b"\n")
    blob = bytearray(base64.b64decode(lines[1]))
    blob[0:2] = b"XX"
    lines[1] = base64.b64encode(bytes(blob))
    with pytest.raises(TrustError, match="algorithm"):
        minisign.verify(alice.public(), DATA, b"\n".join(lines))


def test_bad_global_signature_encoding(alice: OfficialKeys) -> None:
    lines = minisign.sign(alice, DATA, "tc").split(b"\n")
    lines[3] = lines[3][:-4]
    with pytest.raises(TrustError, match="global signature"):
        minisign.verify(alice.public(), DATA, b"\n".join(lines))


@pytest.mark.parametrize("comment", ["a\nb", "a\rb", "x" * 1025, 7])
def test_sign_refuses_bad_comments(alice: OfficialKeys, comment: object) -> None:
    with pytest.raises(InvalidInput):
        minisign.sign(alice, DATA, comment)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        minisign.sign(alice, DATA, "ok", untrusted_comment=comment)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(position=st.integers(min_value=0, max_value=10_000), bit=st.integers(0, 7))
def test_any_flip_outside_untrusted_comment_fails(alice: OfficialKeys, position: int,
                                                   bit: int) -> None:
    sig = bytearray(minisign.sign(alice, DATA, "tc", untrusted_comment=""))
    sig[position % len(sig)] ^= 1 << bit
    with pytest.raises(TrustError):
        minisign.verify(alice.public(), DATA, bytes(sig))


# ---- interop with the stock tool ---------------------------------------------------------

@pytest.mark.interop
def test_stock_minisign_verifies_ours(alice: OfficialKeys, tmp_path: Path) -> None:
    tool = require_tool("minisign")
    (tmp_path / "f").write_bytes(DATA)
    (tmp_path / "f.minisig").write_bytes(minisign.sign(alice, DATA, "registry test"))
    out = subprocess.run([tool, "-Vm", str(tmp_path / "f"), "-x", str(tmp_path / "f.minisig"),
                          "-P", alice.public().minisign_public_key, "-H"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert "registry test" in out.stdout
    (tmp_path / "f").write_bytes(DATA + b"!")
    bad = subprocess.run([tool, "-Vm", str(tmp_path / "f"), "-x", str(tmp_path / "f.minisig"),
                          "-P", alice.public().minisign_public_key], capture_output=True,
                         check=False)
    assert bad.returncode != 0


def _stock_keypair(tool: str, folder: Path) -> str:
    subprocess.run([tool, "-G", "-W", "-p", str(folder / "k.pub"), "-s", str(folder / "k.key")],
                   check=True, capture_output=True)
    return (folder / "k.pub").read_text().splitlines()[1]


@pytest.mark.interop
def test_ours_verifies_stock_signatures(tmp_path: Path) -> None:
    tool = require_tool("minisign")
    rw = _stock_keypair(tool, tmp_path)
    (tmp_path / "f").write_bytes(DATA)
    subprocess.run([tool, "-S", "-s", str(tmp_path / "k.key"), "-m", str(tmp_path / "f"),
                    "-t", "stock comment"], check=True, capture_output=True)
    sig = (tmp_path / "f.minisig").read_bytes()
    assert minisign.verify(rw, DATA, sig) == "stock comment"
    with pytest.raises(TrustError):
        minisign.verify(rw, DATA + b"x", sig)


@pytest.mark.interop
def test_stock_legacy_signature_refused(tmp_path: Path) -> None:
    tool = require_tool("minisign")
    rw = _stock_keypair(tool, tmp_path)
    (tmp_path / "f").write_bytes(DATA)
    subprocess.run([tool, "-S", "-l", "-s", str(tmp_path / "k.key"), "-m", str(tmp_path / "f")],
                   check=True, capture_output=True)
    with pytest.raises(TrustError, match="Legacy"):
        minisign.verify(rw, DATA, (tmp_path / "f.minisig").read_bytes())
