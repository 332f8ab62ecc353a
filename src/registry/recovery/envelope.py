"""Signed, sealed recovery files: a share on its way to a custodian, a custodian's response.

A file is one line of canonical JSON (sorted keys, no spaces, UTF-8) and a newline::

    {"manifest": {"format": "registry-recovery-…/1", …, "signer": {"name", "fingerprint",
                  "minisign_public_key", "age_recipient"},
                  "payload": {"sha256": "<hex of the age bytes>", "size": <bytes>}},
     "minisig": "<a minisign (ED) signature file, as text>",
     "payload": "<base64 of an age file encrypted to the one recipient>"}

The signature covers the canonical bytes of ``manifest`` (trusted comment: the format and
the file's id), so the manifest binds the payload's hash. Reading checks, in order: the
file size (64 KiB at most), strict JSON (no duplicate keys, canonical form), the exact keys,
the signature by the key the manifest names (whose fingerprint it must match), then the
payload's size and hash. Only then does the caller look at the manifest's fields, and
decrypt. The age payload holds at most 16 KiB; only X25519 recipients are accepted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, TrustError
from registry.fsutil import atomic_write, open_input
from registry.sync import agecrypt, minisign
from registry.sync.custodians import MAX_SHARE_FILE
from registry.sync.keys import OfficialKeys, PublicKeys
from registry.vault.hardening import zero

MAX_FILE = MAX_SHARE_FILE
MAX_PLAINTEXT = 16 * 1024
_OUTER = {"manifest", "minisig", "payload"}
_SIGNER = {"name", "fingerprint", "minisign_public_key", "age_recipient"}


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def strict_json(data: bytes, what: str) -> Any:
    """Parse JSON refusing duplicate keys, NaN/Infinity and anything that is not UTF-8."""
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) != len(items):
            raise ValueError("duplicate key")
        return out

    def constant(_: str) -> Any:
        raise ValueError("constant")

    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=pairs,
                          parse_constant=constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file ({what}) is not valid JSON: it was damaged or is of another "
            "kind. Nothing was changed."), what=what) from None


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path`` (``what`` names it in errors: a marked noun), at most ``limit``."""
    try:
        with open_input(Path(path)) as handle:
            data = handle.read(limit + 1)
    except OSError:
        raise _unreadable(path, what) from None
    if len(data) > limit:
        raise _too_large(path, limit, what)
    return data


def read_secret(path: Path, limit: int, what: str) -> bytearray:
    """Like :func:`read_limited`, into a ``bytearray`` that the caller zeroes after use (a
    paper share file: its words are a secret)."""
    buf = bytearray(limit + 1)
    size = 0
    try:
        with open_input(Path(path), buffering=0) as handle:
            while size <= limit and (got := handle.readinto(memoryview(buf)[size:])):
                size += got
    except OSError:
        zero(buf)
        raise _unreadable(path, what) from None
    if size > limit:
        zero(buf)
        raise _too_large(path, limit, what)
    del buf[size:]  # only zeros past what was read
    return buf


def _unreadable(path: Path, what: str) -> NotFound:
    return NotFound(QT_TRANSLATE_NOOP("Errors", "The file {path} ({what}) cannot be read."),
                    path=path, what=what)


def _too_large(path: Path, limit: int, what: str) -> InvalidInput:
    return InvalidInput(QT_TRANSLATE_NOOP(
        "Errors", "The file {path} ({what}) is larger than {limit} bytes; refused. Nothing "
        "was changed."), path=path, limit=limit, what=what)


def signer_json(name: str, public: PublicKeys) -> dict[str, str]:
    return {"name": name, "fingerprint": public.fingerprint,
            "minisign_public_key": public.minisign_public_key,
            "age_recipient": public.age_recipient}


def parse_signer(obj: object) -> tuple[str, PublicKeys]:
    """A manifest's signer: its keys, checked against the fingerprint it states."""
    if not isinstance(obj, dict) or set(obj) != _SIGNER:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file names its signer in an unknown layout; refused."))
    try:
        public = PublicKeys.from_minisign(obj["minisign_public_key"], obj["age_recipient"])
    except InvalidInput:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file's signer keys are not valid; refused.")) from None
    if obj["fingerprint"] != public.fingerprint or not isinstance(obj["name"], str):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file's signer fingerprint does not match its keys; refused."))
    return obj["name"][:200], public


def seal(keys: OfficialKeys, manifest: dict[str, Any], plaintext: bytes | bytearray,
         recipient: str, comment: str) -> bytes:
    """The file bytes: ``plaintext`` encrypted to ``recipient``, manifest signed by ``keys``."""
    if len(plaintext) > MAX_PLAINTEXT:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "A recovery payload is at most 16 KiB."))
    payload = agecrypt.encrypt(bytes(plaintext), [recipient])
    body = {**manifest, "payload": {"sha256": hashlib.sha256(payload).hexdigest(),
                                    "size": len(payload)}}
    signature = minisign.sign(keys, canonical(body), comment,
                              untrusted_comment="registry recovery file")
    return canonical({"manifest": body, "minisig": signature.decode("utf-8"),
                      "payload": base64.b64encode(payload).decode("ascii")}) + b"\n"


@dataclass(frozen=True)
class SignedFile:
    """A file whose signature and payload hash verified (the signer is not yet trusted)."""

    manifest: dict[str, Any]
    signer_name: str
    signer: PublicKeys
    payload: bytes
    comment: str

    def decrypt(self, identity: str) -> bytearray:
        """The plaintext payload (the caller wipes it); ``BundleError``/``TrustError`` when
        it is not for ``identity`` or was altered."""
        return bytearray(agecrypt.decrypt(self.payload, identity, max_size=MAX_PLAINTEXT))


def open_signed(data: bytes, fmt: str, what: str) -> SignedFile:
    """Verify a file's signature and payload hash; ``TrustError`` (exit 4) when it fails.

    The trusted comment must begin with ``fmt``; the caller checks that it goes on with the
    id the manifest states (``SignedFile.comment``).
    """
    obj = strict_json(data, what)
    if not isinstance(obj, dict) or set(obj) != _OUTER or canonical(obj) + b"\n" != data:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file ({what}) is not in its canonical layout: it was edited or is of "
            "another kind. Nothing was changed."), what=what)
    manifest = obj["manifest"]
    if not isinstance(manifest, dict) or manifest.get("format") != fmt:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file is not of the expected kind ({what}, {format}); refused."),
            what=what, format=fmt)
    name, signer = parse_signer(manifest.get("signer"))
    if not isinstance(obj["minisig"], str):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file ({what}) carries no signature; refused."), what=what)
    trusted = minisign.verify(signer, canonical(manifest), obj["minisig"].encode("utf-8"))
    if not trusted.startswith(fmt + " "):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file's signature ({what}) is for another file; refused."), what=what)
    payload = _payload(obj["payload"], manifest.get("payload"), what)
    return SignedFile(manifest, name, signer, payload, trusted)


def _payload(text: object, stated: object, what: str) -> bytes:
    if not isinstance(text, str) or not isinstance(stated, dict) \
            or set(stated) != {"sha256", "size"}:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file's payload ({what}) is missing or malformed; refused."), what=what)
    try:
        payload = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file's payload ({what}) is not valid base64; refused."),
            what=what) from None
    if base64.b64encode(payload).decode("ascii") != text:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file's payload ({what}) is not canonical base64; refused."), what=what)
    digest = hashlib.sha256(payload).hexdigest()
    if stated["size"] != len(payload) or not isinstance(stated["sha256"], str) \
            or not hmac.compare_digest(stated["sha256"], digest):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file's payload ({what}) does not match its signed hash: it was "
            "altered. Nothing was changed."), what=what)
    return payload


def write(path: Path, data: bytes) -> None:
    atomic_write(Path(path), data, 0o600)
