"""An official's keys: the Ed25519 signing key (minisign) and the age X25519 identity.

``OfficialKeys`` is the secret half, stored by the vault inside the encrypted database;
``PublicKeys`` is what travels on cards and in bundle manifests.

Fingerprint (40 lowercase hex characters)::

    SHA-256( b"registry-fingerprint/1\\0"
             ‖ len(M) as 2 bytes big-endian ‖ M        # M = minisign public key bytes:
                                                       #     b"Ed" ‖ key id (8) ‖ Ed25519 key (32)
             ‖ len(A) as 2 bytes big-endian ‖ A )      # A = age recipient, ASCII "age1…"
    truncated to its first 20 bytes.

The fingerprint covers the *whole* public identity (key id included), so equal
fingerprints mean equal ``PublicKeys``: pinning a fingerprint pins the whole key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from dataclasses import dataclass, field

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from registry.errors import InvalidInput

IDENTITY_FORMAT = "registry-identity/1"
SEED_SIZE = 32
KEY_ID_SIZE = 8
ED25519_SIZE = 32
MINISIGN_ALG = b"Ed"
FINGERPRINT_HEX = 40
_FP_DOMAIN = b"registry-fingerprint/1\x00"
_FINGERPRINT_RE = re.compile(r"[0-9a-f]{40}")
_MAX_KEY_TEXT = 256


def b64encode(data: bytes) -> str:
    """Standard, padded base64 as ASCII text."""
    return base64.b64encode(data).decode("ascii")


def b64decode_strict(text: object, size: int, what: str) -> bytes:
    """Decode padded, canonical base64 of exactly ``size`` bytes, else raise ``InvalidInput``."""
    if not isinstance(text, str):  # e.g. null or a number from an untrusted card
        raise InvalidInput(f"The {what} is not valid base64.")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise InvalidInput(f"The {what} is not valid base64.") from None
    if len(raw) != size or b64encode(raw) != text:
        raise InvalidInput(f"The {what} has the wrong length or is not canonical base64.")
    return raw


def is_fingerprint(value: object) -> bool:
    """True when ``value`` is a well-formed fingerprint (40 lowercase hex characters)."""
    return isinstance(value, str) and _FINGERPRINT_RE.fullmatch(value) is not None


def validate_age_recipient(recipient: object) -> str:
    """Return ``recipient`` if it is a canonical (lowercase) age X25519 recipient."""
    if not isinstance(recipient, str) or len(recipient) > _MAX_KEY_TEXT:
        raise InvalidInput("The age recipient is not an age X25519 public key (age1…).")
    try:
        parsed = pyrage.x25519.Recipient.from_str(recipient)
    except Exception:
        raise InvalidInput("The age recipient is not an age X25519 public key (age1…).") from None
    if str(parsed) != recipient:
        raise InvalidInput("The age recipient is not in canonical lowercase form.")
    return recipient


def age_recipient_of(identity: str) -> str:
    """The age recipient (public key) of an ``AGE-SECRET-KEY-1…`` identity."""
    try:
        parsed = pyrage.x25519.Identity.from_str(identity)
    except Exception:
        raise InvalidInput("The age identity is not a valid AGE-SECRET-KEY-1… string.") from None
    return str(parsed.to_public())


def parse_minisign_key(rw_line: str) -> tuple[bytes, bytes]:
    """Split a minisign public key line ("RW…") into ``(key_id, ed25519_key)``."""
    if not isinstance(rw_line, str) or len(rw_line) > _MAX_KEY_TEXT:
        raise InvalidInput("The minisign public key is not a minisign key line (RW…).")
    raw = b64decode_strict(rw_line, 2 + KEY_ID_SIZE + ED25519_SIZE, "minisign public key")
    if raw[:2] != MINISIGN_ALG:
        raise InvalidInput("The minisign public key is not an Ed25519 minisign key.")
    return raw[2 : 2 + KEY_ID_SIZE], raw[2 + KEY_ID_SIZE :]


def _length_prefixed(data: bytes) -> bytes:
    return len(data).to_bytes(2, "big") + data


@dataclass(frozen=True)
class PublicKeys:
    """An official's public identity: Ed25519 key with its minisign key id, and age recipient."""

    ed25519: bytes
    key_id: bytes
    age_recipient: str

    def __post_init__(self) -> None:
        if not isinstance(self.ed25519, bytes) or len(self.ed25519) != ED25519_SIZE:
            raise InvalidInput("An Ed25519 public key must be 32 bytes.")
        if not isinstance(self.key_id, bytes) or len(self.key_id) != KEY_ID_SIZE:
            raise InvalidInput("A minisign key id must be 8 bytes.")
        validate_age_recipient(self.age_recipient)

    @property
    def minisign_bytes(self) -> bytes:
        """The 42-byte minisign public key: ``b"Ed" ‖ key id ‖ Ed25519 key``."""
        return MINISIGN_ALG + self.key_id + self.ed25519

    @property
    def minisign_public_key(self) -> str:
        """The base64 "RW…" line that ``minisign -P`` accepts."""
        return b64encode(self.minisign_bytes)

    @property
    def fingerprint(self) -> str:
        """40 lowercase hex characters identifying the whole public key (see module doc)."""
        digest = hashlib.sha256(
            _FP_DOMAIN
            + _length_prefixed(self.minisign_bytes)
            + _length_prefixed(self.age_recipient.encode("ascii"))
        ).digest()
        return digest[: FINGERPRINT_HEX // 2].hex()

    @classmethod
    def from_minisign(cls, rw_line: str, age_recipient: str) -> PublicKeys:
        """Build from a minisign "RW…" line and an ``age1…`` recipient, validating both."""
        key_id, ed25519 = parse_minisign_key(rw_line)
        return cls(ed25519=ed25519, key_id=key_id, age_recipient=age_recipient)


@dataclass(frozen=True)
class OfficialKeys:
    """An official's secret identity. ``repr`` never shows the secrets."""

    signing_seed: bytes = field(repr=False)
    age_identity: str = field(repr=False)
    key_id: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.signing_seed, bytes) or len(self.signing_seed) != SEED_SIZE:
            raise InvalidInput("An Ed25519 signing seed must be 32 bytes.")
        if not isinstance(self.key_id, bytes) or len(self.key_id) != KEY_ID_SIZE:
            raise InvalidInput("A minisign key id must be 8 bytes.")
        if not isinstance(self.age_identity, str) or len(self.age_identity) > _MAX_KEY_TEXT:
            raise InvalidInput("The age identity is not a valid AGE-SECRET-KEY-1… string.")
        age_recipient_of(self.age_identity)

    @classmethod
    def generate(cls) -> OfficialKeys:
        """Fresh keys from the operating system's random source."""
        seed = Ed25519PrivateKey.generate().private_bytes_raw()
        identity = str(pyrage.x25519.Identity.generate())
        return cls(signing_seed=seed, age_identity=identity, key_id=os.urandom(KEY_ID_SIZE))

    def signing_key(self) -> Ed25519PrivateKey:
        """The Ed25519 private key object for signing."""
        return Ed25519PrivateKey.from_private_bytes(self.signing_seed)

    def public(self) -> PublicKeys:
        """The public half."""
        ed25519 = self.signing_key().public_key().public_bytes_raw()
        return PublicKeys(ed25519, self.key_id, age_recipient_of(self.age_identity))

    def to_json(self) -> str:
        """Serialise for storage inside the encrypted database (the result is secret)."""
        return json.dumps(
            {
                "format": IDENTITY_FORMAT,
                "signing_seed": b64encode(self.signing_seed),
                "age_identity": self.age_identity,
                "key_id": self.key_id.hex(),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, s: str) -> OfficialKeys:
        """Parse :meth:`to_json` output strictly; raise ``InvalidInput`` on anything else."""
        try:
            obj = json.loads(s)
        except (ValueError, TypeError, RecursionError):
            raise InvalidInput("The stored identity is not valid JSON.") from None
        keys = {"format", "signing_seed", "age_identity", "key_id"}
        if not isinstance(obj, dict) or set(obj) != keys or obj["format"] != IDENTITY_FORMAT:
            raise InvalidInput("The stored identity has an unknown layout.")
        if not all(isinstance(obj[k], str) for k in keys):
            raise InvalidInput("The stored identity has an unknown layout.")
        seed = b64decode_strict(obj["signing_seed"], SEED_SIZE, "signing seed")
        if re.fullmatch(r"[0-9a-f]{16}", obj["key_id"]) is None:
            raise InvalidInput("The stored identity's key id is not 16 hex characters.")
        return cls(seed, obj["age_identity"], bytes.fromhex(obj["key_id"]))
