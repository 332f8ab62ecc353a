"""age layer: CCTV vectors, the header gate, limits, error mapping, stock-tool interop."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from registry.errors import BundleError, InvalidInput, RegistryError, TrustError
from registry.sync import agecrypt
from registry.sync.keys import OfficialKeys

from .conftest import require_tool

CCTV = Path("/work/shared/testdata/age-cctv")
if not CCTV.is_dir():  # a copy inside the repository wins when the shared folder is absent
    CCTV = Path(__file__).parent / "age-cctv"


@dataclass
class Vector:
    name: str
    expect: str
    payload: str | None
    identities: list[str]
    armored: bool
    body: bytes

    @property
    def x25519(self) -> list[str]:
        return [i for i in self.identities if i.startswith("AGE-SECRET-KEY-1")]


def load(path: Path) -> Vector:
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n\n")
    meta: dict[str, list[str]] = {}
    for line in head.decode().split("\n"):
        key, _, value = line.partition(": ")
        meta.setdefault(key, []).append(value)
    if meta.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return Vector(path.name, meta["expect"][0], meta.get("payload", [None])[0],
                  meta.get("identity", []), "armored" in meta, body)


VECTORS = sorted(p.name for p in CCTV.iterdir() if p.name != "README.md") if CCTV.is_dir() else []

# Success vectors that Registry refuses on purpose (policy, not a bug):
#  armored files, passphrase (scrypt) files, post-quantum hybrid files, unknown stanza types.
POLICY = ("ASCII-armored", "scrypt", "other than X25519")


def stanza_types(vector: Vector) -> set[str]:
    head = vector.body.split(b"\n---", 1)[0].split(b"\n")
    return {line[3:].split(b" ")[0].decode("latin-1") for line in head if line.startswith(b"-> ")}


def policy_refusal(vector: Vector) -> bool:
    """Armored, passphrase/hybrid (no X25519 identity) or unknown stanza types: refused."""
    allowed = {t for t in stanza_types(vector) if t == "X25519" or t.endswith("grease")}
    return vector.armored or not vector.x25519 or allowed != stanza_types(vector)


def attempt(vector: Vector) -> tuple[bytes | None, list[RegistryError]]:
    identities = vector.x25519 or [str(pyrage.x25519.Identity.generate())]
    errors: list[RegistryError] = []
    for identity in identities:
        try:
            return agecrypt.decrypt(vector.body, identity, max_size=1 << 26), errors
        except RegistryError as exc:
            errors.append(exc)
    return None, errors


@pytest.mark.skipif(not VECTORS, reason="CCTV vectors not available")
@pytest.mark.parametrize("name", VECTORS)
def test_cctv_vector(name: str) -> None:
    vector = load(CCTV / name)
    plaintext, errors = attempt(vector)
    if vector.expect == "success" and not policy_refusal(vector):
        assert plaintext is not None, f"{name}: {errors}"
        assert hashlib.sha256(plaintext).hexdigest() == vector.payload
        return
    assert plaintext is None, f"{name} released plaintext"
    assert errors and all(isinstance(e, BundleError | TrustError) for e in errors)
    message = str(errors[-1])
    assert message and "AGE-SECRET-KEY" not in message
    if vector.expect == "success":
        assert any(p in message for p in POLICY), message
    if vector.expect == "no match" and not policy_refusal(vector):
        assert "not addressed" in message


def test_cctv_vectors_all_seen() -> None:
    if not VECTORS:
        if os.environ.get("CI"):
            pytest.fail("the CCTV age vectors must be available in CI")
        pytest.skip("CCTV vectors not available")
    assert len(VECTORS) >= 140


@pytest.mark.parametrize("name", ["scrypt", "scrypt_work_factor_23", "armor_scrypt"])
def test_scrypt_refused_fast(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused by the header gate: pyrage (and its scrypt work factor) is never reached."""
    if not (CCTV / name).exists():
        pytest.skip("vector missing")
    vector = load(CCTV / name)
    identity = str(pyrage.x25519.Identity.generate())
    reached: list[object] = []
    monkeypatch.setattr(agecrypt.pyrage, "decrypt", lambda *a: reached.append(a))
    with pytest.raises(BundleError):
        agecrypt.decrypt(vector.body, identity, max_size=1 << 20)
    assert reached == []


def test_scrypt_refused_before_rest_of_header() -> None:
    data = (b"age-encryption.org/v1\n-> scrypt AAAAAAAAAAAAAAAAAAAAAA 60\n"
            b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n--- garbage")
    with pytest.raises(BundleError, match="scrypt"):
        agecrypt.parse_header(data)


def test_round_trip_and_multiple_recipients(alice: OfficialKeys, bob: OfficialKeys) -> None:
    recips = [alice.public().age_recipient, bob.public().age_recipient,
              alice.public().age_recipient]
    ct = agecrypt.encrypt(b"secret", recips)
    header = agecrypt.parse_header(ct)
    assert sum(s.type == "X25519" for s in header.stanzas) == 2  # duplicates dropped
    assert agecrypt.decrypt(ct, alice.age_identity, max_size=6) == b"secret"
    assert agecrypt.decrypt(ct, bob.age_identity, max_size=6) == b"secret"


def test_encrypt_from_stream(alice: OfficialKeys) -> None:
    ct = agecrypt.encrypt(io.BytesIO(b"x" * 200_000), [alice.public().age_recipient])
    assert agecrypt.decrypt(ct, alice.age_identity, max_size=200_000) == b"x" * 200_000
    with pytest.raises(BundleError, match="larger"):
        agecrypt.decrypt(ct, alice.age_identity, max_size=199_999)


def test_empty_plaintext(alice: OfficialKeys) -> None:
    ct = agecrypt.encrypt(b"", [alice.public().age_recipient])
    assert agecrypt.decrypt(ct, alice.age_identity, max_size=0) == b""


def test_wrong_recipient(alice: OfficialKeys, bob: OfficialKeys) -> None:
    ct = agecrypt.encrypt(b"secret", [alice.public().age_recipient])
    with pytest.raises(BundleError, match="not addressed"):
        agecrypt.decrypt(ct, bob.age_identity, max_size=100)


def test_payload_tamper_is_trust_error(alice: OfficialKeys) -> None:
    ct = bytearray(agecrypt.encrypt(b"secret" * 100, [alice.public().age_recipient]))
    ct[-5] ^= 1
    with pytest.raises(TrustError):
        agecrypt.decrypt(bytes(ct), alice.age_identity, max_size=1000)


@pytest.mark.parametrize("recipients", [[], ["age1bogus"], ["x"] * 2])
def test_encrypt_refuses_bad_recipients(recipients: list[str]) -> None:
    with pytest.raises(InvalidInput):
        agecrypt.encrypt(b"x", recipients)


def test_encrypt_refuses_too_many_recipients() -> None:
    many = [str(pyrage.x25519.Identity.generate().to_public())
            for _ in range(agecrypt.MAX_RECIPIENTS + 1)]
    with pytest.raises(InvalidInput, match="at most"):
        agecrypt.encrypt(b"x", many)


def test_encrypt_failure_mapped(alice: OfficialKeys, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise pyrage.EncryptError("x")
    monkeypatch.setattr(pyrage, "encrypt_io", boom)
    with pytest.raises(BundleError, match="Encryption failed"):
        agecrypt.encrypt(b"x", [alice.public().age_recipient])


def test_bad_identity(alice: OfficialKeys) -> None:
    ct = agecrypt.encrypt(b"x", [alice.public().age_recipient])
    with pytest.raises(InvalidInput) as info:
        agecrypt.decrypt(ct, "AGE-SECRET-KEY-1NOPE", max_size=10)
    assert "NOPE" not in str(info.value)


def test_not_bytes() -> None:
    with pytest.raises(InvalidInput):
        agecrypt.decrypt("age-encryption.org/v1", "x", max_size=1)  # type: ignore[arg-type]


def test_panic_is_mapped(alice: OfficialKeys, monkeypatch: pytest.MonkeyPatch) -> None:
    class Panic(BaseException):
        pass

    def panic(*_: object) -> bytes:
        raise Panic("rust panic")
    monkeypatch.setattr(pyrage, "decrypt", panic)
    ct = agecrypt.encrypt(b"x", [alice.public().age_recipient])
    with pytest.raises(TrustError):
        agecrypt.decrypt(ct, alice.age_identity, max_size=10)


def test_interrupt_propagates(alice: OfficialKeys, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_: object) -> bytes:
        raise KeyboardInterrupt
    monkeypatch.setattr(pyrage, "decrypt", interrupt)
    ct = agecrypt.encrypt(b"x", [alice.public().age_recipient])
    with pytest.raises(KeyboardInterrupt):
        agecrypt.decrypt(ct, alice.age_identity, max_size=10)


SHARE = b"TEiF0ypqr+bpvcqXNyCVJpL7OuwPdVwPL7KQEbFDOCc"
BODY = b"hjabGXwSLQ9c3S6Lw2i+S2Tu2fiwQHHslbBN6B41FLE"
MAC = b"--- WyJp9F/9FOZh7gJdheq2WIJcwHgYc8NIVh3ddwhrcNg\n"


@pytest.mark.parametrize(
    ("header", "match"),
    [
        (b"age-encryption.org/v1\n-> X25519 " + SHARE + b"\n" + BODY + b"\n" + b"x" * 200_000,
         "too large"),
        (b"age-encryption.org/v1\n-> X25519 " + SHARE + b"\n" + b"A" * 65 + b"\n", "too long"),
        (b"age-encryption.org/v1\n-> X25519 " + SHARE + b" extra\n" + BODY + b"\n" + MAC,
         "malformed X25519"),
        (b"age-encryption.org/v1\n-> X25519 " + SHARE + b"\nAAAA\n" + MAC, "malformed X25519"),
        (b"age-encryption.org/v1\n-> X25519 " + SHARE + b"\n" + BODY + b"\n--- AAAA\n",
         "bad header MAC"),
        (b"age-encryption.org/v1\n-> X25519 " + SHARE + b"\n" + BODY + b"\nXX\n", "bad stanza"),
        (b"age-encryption.org/v1\n-> grease\n\n" + MAC, "no X25519"),
        (b"age-encryption.org/v1\n-> X25519 " + SHARE + b"\nA\n" + MAC, "bad base64"),
        (b"age-encryption.org/v1\n-> X25519 " + SHARE + b"\nAB\n" + MAC, "non-canonical"),
        (b"age-encryption.org/v1\n-> ssh-ed25519 abc\n\n" + MAC, "other than X25519"),
        (b"age-encryption.org/v1\n-> \xff\n\n" + MAC, "bad stanza arguments"),
        (b"not age", "missing age"),
    ],
)
def test_header_gate(header: bytes, match: str) -> None:
    with pytest.raises(BundleError, match=match):
        agecrypt.parse_header(header)


def test_too_many_stanzas() -> None:
    data = b"age-encryption.org/v1\n" + b"-> grease\n\n" * (agecrypt.MAX_STANZAS + 1) + MAC
    with pytest.raises(BundleError, match="bad stanza"):
        agecrypt.parse_header(data)


def test_truncated_payload() -> None:
    data = b"age-encryption.org/v1\n-> X25519 " + SHARE + b"\n" + BODY + b"\n" + MAC + b"n" * 20
    with pytest.raises(BundleError, match="truncated"):
        agecrypt.decrypt(data, str(pyrage.x25519.Identity.generate()), max_size=100)


def test_size_bound_is_exact(alice: OfficialKeys) -> None:
    for size in (0, 1, 65535, 65536, 65537, 3 * 65536):
        ct = agecrypt.encrypt(b"z" * size, [alice.public().age_recipient])
        header = agecrypt.parse_header(ct)
        assert agecrypt.plaintext_size_bound(len(ct) - header.payload_offset) == size


# ---- interop with the stock tools -----------------------------------------------------

@pytest.mark.interop
def test_stock_age_decrypts_ours(alice: OfficialKeys, tmp_path: Path) -> None:
    tool = require_tool("age")
    key = tmp_path / "key.txt"
    key.write_text(alice.age_identity + "\n")
    ct = agecrypt.encrypt(b"payload \xff", [alice.public().age_recipient])
    (tmp_path / "p.age").write_bytes(ct)
    out = subprocess.run([tool, "-d", "-i", str(key), str(tmp_path / "p.age")],
                         capture_output=True, check=True)
    assert out.stdout == b"payload \xff"


@pytest.mark.interop
def test_ours_decrypts_stock_age(tmp_path: Path) -> None:
    tool = require_tool("age")
    keygen = require_tool("age-keygen")
    subprocess.run([keygen, "-o", str(tmp_path / "k.txt")], check=True, capture_output=True)
    lines = (tmp_path / "k.txt").read_text().splitlines()
    identity = next(line for line in lines if line.startswith("AGE-SECRET-KEY-1"))
    recipient = str(pyrage.x25519.Identity.from_str(identity).to_public())
    out = subprocess.run([tool, "-e", "-r", recipient], input=b"from stock age",
                         capture_output=True, check=True)
    assert agecrypt.decrypt(out.stdout, identity, max_size=100) == b"from stock age"
    armored = subprocess.run([tool, "-e", "-a", "-r", recipient], input=b"x",
                             capture_output=True, check=True)
    with pytest.raises(BundleError, match="armored"):
        agecrypt.decrypt(armored.stdout, identity, max_size=100)
