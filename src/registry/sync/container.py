"""The bundle file (DESIGN §6.2, a contract): a ZIP of exactly three members.

* ``manifest.json`` — UTF-8 JSON, 2-space indent, sorted keys, trailing newline::

      {
        "bundle_id": "<canonical UUID>",
        "created_at": "2025-01-31T12:00:00Z",
        "format": "registry-bundle/1",
        "payload": {"sha256": "<64 hex of payload.age>", "size": <bytes of payload.age>},
        "recipients": [{"age_recipient": "age1…", "fingerprint": "<40 hex>" | null}, …],
        "sender": {"age_recipient": "age1…", "fingerprint": "<40 hex>",
                   "minisign_public_key": "RW…", "name": "<display name>"}
      }

  No other keys are written or accepted.
* ``manifest.json.minisig`` — minisign (``ED``) signature of ``manifest.json`` by the
  sender, untrusted comment ``registry bundle manifest``, trusted comment
  ``registry-bundle/1 <bundle_id>``. Both comments are checked, so every byte of the
  signature file is covered.
* ``payload.age`` — the payload, age-encrypted to every listed recipient.

Opening a bundle checks the container (file size, exactly three regular, unencrypted
members with the exact names, sizes) before reading any content, then parses the
manifest strictly. Anything wrong with the container is a ``BundleError``; a manifest
that does not parse, a bad signature or a payload hash mismatch is a ``TrustError``
(a byte flipped anywhere in a signed member fails as a trust failure, exit 4).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from registry.errors import QT_TRANSLATE_NOOP, BundleError, InvalidInput, TrustError
from registry.fsutil import atomic_writer, open_input
from registry.sync import agecrypt, minisign
from registry.sync.keys import (
    OfficialKeys,
    PublicKeys,
    age_recipient_of,
    is_fingerprint,
    validate_age_recipient,
)

FORMAT = "registry-bundle/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
PAYLOAD = "payload.age"
MEMBERS = (MANIFEST, SIGNATURE, PAYLOAD)
UNTRUSTED_COMMENT = "registry bundle manifest"
MAX_NAME = 200
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class Limits:
    """Size limits applied before any content of a bundle is parsed."""

    max_bundle: int = 512 * 1024 * 1024
    max_manifest: int = 256 * 1024
    max_signature: int = 4 * 1024
    max_payload: int = 512 * 1024 * 1024

    def member_limit(self, name: str) -> int:
        """The size cap for one member."""
        return {MANIFEST: self.max_manifest, SIGNATURE: self.max_signature}.get(
            name, self.max_payload
        )


DEFAULT_LIMITS = Limits()


def validate_name(name: object) -> str:
    """A display name: 1–200 printable characters, NFC, no surrounding spaces."""
    if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME:
        raise InvalidInput(f"A name must be 1 to {MAX_NAME} characters.")
    if name != name.strip() or not name.isprintable():
        raise InvalidInput("A name must not contain control characters or outer spaces.")
    if unicodedata.normalize("NFC", name) != name:
        raise InvalidInput("A name must be in Unicode NFC form.")
    return name


@dataclass(frozen=True)
class Recipient:
    """A bundle recipient: an age recipient and, for a known official, their fingerprint."""

    fingerprint: str | None
    age_recipient: str

    def __post_init__(self) -> None:
        if self.fingerprint is not None and not is_fingerprint(self.fingerprint):
            raise InvalidInput("A recipient fingerprint must be 40 lowercase hex characters.")
        validate_age_recipient(self.age_recipient)

    def to_json(self) -> dict[str, Any]:
        """The manifest object."""
        return {"fingerprint": self.fingerprint, "age_recipient": self.age_recipient}


@dataclass(frozen=True)
class Sender:
    """The signer of a bundle as named in its manifest (not yet trusted)."""

    name: str
    fingerprint: str
    minisign_public_key: str
    age_recipient: str

    def __post_init__(self) -> None:
        validate_name(self.name)
        if self.public.fingerprint != self.fingerprint:
            raise InvalidInput("The sender's fingerprint does not match the sender's keys.")

    @property
    def public(self) -> PublicKeys:
        """The sender's whole public key: pin this (or its fingerprint), never the key id."""
        return PublicKeys.from_minisign(self.minisign_public_key, self.age_recipient)

    def to_json(self) -> dict[str, Any]:
        """The manifest object."""
        return {
            "name": self.name,
            "fingerprint": self.fingerprint,
            "minisign_public_key": self.minisign_public_key,
            "age_recipient": self.age_recipient,
        }


def format_time(moment: datetime) -> str:
    """RFC 3339 UTC with second precision: ``YYYY-MM-DDTHH:MM:SSZ``."""
    if moment.tzinfo is None:
        raise InvalidInput("Timestamps must carry a time zone.")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: object) -> datetime:
    """Inverse of :func:`format_time`; strict."""
    if not isinstance(text, str) or _TIME_RE.fullmatch(text) is None:
        raise InvalidInput("created_at is not an RFC 3339 UTC timestamp.")
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise InvalidInput("created_at is not a valid date and time.") from None


def _canonical_uuid(value: object) -> str:
    try:
        ok = isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        ok = False
    if not ok:
        raise InvalidInput("bundle_id is not a canonical UUID.")
    return str(value)


@dataclass(frozen=True)
class Manifest:
    """The signed, clear-text description of a bundle. It carries no record content."""

    format: str
    bundle_id: str
    created_at: datetime
    sender: Sender
    recipients: tuple[Recipient, ...]
    payload_sha256: str
    payload_size: int

    def __post_init__(self) -> None:
        if self.format != FORMAT:
            raise InvalidInput("Unsupported bundle format.")
        _canonical_uuid(self.bundle_id)
        format_time(self.created_at)
        if not self.recipients:
            raise InvalidInput("A bundle needs at least one recipient.")
        if len({r.age_recipient for r in self.recipients}) != len(self.recipients):
            raise InvalidInput("A recipient is listed twice.")
        if _SHA256_RE.fullmatch(self.payload_sha256) is None:
            raise InvalidInput("payload.sha256 must be 64 lowercase hex characters.")
        if type(self.payload_size) is not int or self.payload_size < 0:
            raise InvalidInput("payload.size must be a non-negative integer.")

    @property
    def trusted_comment(self) -> str:
        """The trusted comment the manifest's signature must carry."""
        return f"{FORMAT} {self.bundle_id}"

    def addressed_to(self, age_recipient: str) -> bool:
        """True when ``age_recipient`` is one of the listed recipients."""
        return any(r.age_recipient == age_recipient for r in self.recipients)

    def to_json(self) -> dict[str, Any]:
        """The manifest as a JSON object."""
        return {
            "format": self.format,
            "bundle_id": self.bundle_id,
            "created_at": format_time(self.created_at),
            "sender": self.sender.to_json(),
            "recipients": [r.to_json() for r in self.recipients],
            "payload": {"sha256": self.payload_sha256, "size": self.payload_size},
        }

    def to_bytes(self) -> bytes:
        """The exact ``manifest.json`` bytes."""
        text = json.dumps(self.to_json(), indent=2, sort_keys=True, ensure_ascii=False)
        return (text + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        """Parse ``manifest.json`` strictly; raise ``TrustError`` on anything unexpected."""
        try:
            return _manifest_from_json(_strict_json(data))
        except (InvalidInput, KeyError, TypeError, ValueError, RecursionError) as exc:
            detail = str(exc) if isinstance(exc, InvalidInput) else "unexpected layout"
            raise TrustError(f"manifest.json is malformed or was altered: {detail}") from None


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise InvalidInput("a key is repeated")
    return obj


def _reject_constant(_: str) -> Any:
    raise InvalidInput("NaN or Infinity")


def _strict_json(data: bytes) -> Any:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("not UTF-8") from None
    return json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)


def _exact(obj: Any, keys: set[str]) -> dict[str, Any]:
    if not isinstance(obj, dict) or set(obj) != keys:
        raise InvalidInput("unexpected or missing keys")
    return obj


def _manifest_from_json(raw: Any) -> Manifest:
    obj = _exact(raw, {"format", "bundle_id", "created_at", "sender", "recipients", "payload"})
    sender = _exact(obj["sender"], {"name", "fingerprint", "minisign_public_key", "age_recipient"})
    payload = _exact(obj["payload"], {"sha256", "size"})
    if not isinstance(obj["recipients"], list):
        raise InvalidInput("recipients is not a list")
    recipients = tuple(
        Recipient(**_exact(r, {"fingerprint", "age_recipient"})) for r in obj["recipients"]
    )
    return Manifest(
        format=obj["format"],
        bundle_id=obj["bundle_id"],
        created_at=parse_time(obj["created_at"]),
        sender=Sender(**sender),
        recipients=recipients,
        payload_sha256=payload["sha256"],
        payload_size=payload["size"],
    )


# ---- writing ------------------------------------------------------------------------------

def _zip_member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o100600 << 16
    archive.writestr(info, data)


def write_bundle(
    path: Path,
    *,
    sender_keys: OfficialKeys,
    sender_name: str,
    recipients: Sequence[Recipient],
    payload_plain: bytes,
    bundle_id: str | None = None,
    created_at: datetime | None = None,
) -> Manifest:
    """Encrypt, sign and write a bundle atomically (mode 0600); return its manifest.

    Only the listed recipients can decrypt: the sender is not added implicitly.
    """
    public = sender_keys.public()
    ciphertext = agecrypt.encrypt(payload_plain, [r.age_recipient for r in recipients])
    manifest = Manifest(
        format=FORMAT,
        bundle_id=bundle_id or str(uuid.uuid4()),
        created_at=(created_at or datetime.now(UTC)).replace(microsecond=0),
        sender=Sender(validate_name(sender_name), public.fingerprint,
                      public.minisign_public_key, public.age_recipient),
        recipients=tuple(recipients),
        payload_sha256=hashlib.sha256(ciphertext).hexdigest(),
        payload_size=len(ciphertext),
    )
    manifest_bytes = manifest.to_bytes()
    signature = minisign.sign(sender_keys, manifest_bytes, manifest.trusted_comment,
                              untrusted_comment=UNTRUSTED_COMMENT)
    with atomic_writer(Path(path)) as handle, zipfile.ZipFile(handle, "w") as archive:
        for name, data in zip(MEMBERS, (manifest_bytes, signature, ciphertext), strict=True):
            _zip_member(archive, name, data)
    return manifest


# ---- reading ------------------------------------------------------------------------------

_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
               zlib.error, ValueError, RuntimeError, OSError)


def _check_file(handle: BinaryIO, limits: Limits) -> None:
    if os.fstat(handle.fileno()).st_size > limits.max_bundle:
        raise BundleError(QT_TRANSLATE_NOOP(
            "Errors", "The bundle file is larger than allowed; refused."))
    if handle.read(4) != b"PK\x03\x04":
        raise BundleError(QT_TRANSLATE_NOOP(
            "Errors", "The file is not a bundle (not a ZIP archive)."))
    handle.seek(0)


def _check_members(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    names = sorted(info.filename for info in infos)
    if len(infos) != len(MEMBERS) or names != sorted(MEMBERS):
        raise BundleError(QT_TRANSLATE_NOOP(
            "Errors", "The bundle must contain exactly manifest.json, manifest.json.minisig "
            "and payload.age."))
    for info in infos:
        if info.is_dir() or info.flag_bits & _ENCRYPTED_FLAG:
            raise BundleError(QT_TRANSLATE_NOOP(
                "Errors", "A bundle member is a folder or ZIP-encrypted; refused."))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError(QT_TRANSLATE_NOOP(
                "Errors", "A bundle member uses an unsupported compression; refused."))
        if info.file_size > limits.member_limit(info.filename):
            raise BundleError(f"{info.filename} is larger than allowed; refused.")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit or len(data) != info.file_size:
        raise BundleError(f"{info.filename} does not have its declared size; refused.")
    return data


_PIECE = 1 << 20  # bytes of payload.age read at a time


class _Digest:
    """Reads a member in pieces, hashing (SHA-256) and counting what passes."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data

    def drain(self) -> None:
        while self.read(_PIECE):
            pass


class PayloadMember:
    """``payload.age`` where it lies in the bundle file, read in pieces (never whole: DESIGN
    §6.5.7) each time it is needed. Opening the bundle reads it once, to check its declared
    size and ZIP checksum and to hash it; the decryption reads it again and hashes it again,
    so that what is decrypted is what was checked, even if the file changed in between."""

    def __init__(self, path: Path, info: zipfile.ZipInfo) -> None:
        self.path = path
        self.info = info
        self.sha256 = ""
        self.size = 0

    def measure(self) -> None:
        with self.reading() as digest:
            digest.drain()
        if digest.size != self.info.file_size:
            raise BundleError(f"{PAYLOAD} does not have its declared size; refused.")
        self.sha256, self.size = digest.sha.hexdigest(), digest.size

    @contextmanager
    def reading(self) -> Iterator[_Digest]:
        try:
            with self.path.open("rb") as handle, zipfile.ZipFile(handle) as archive, \
                    archive.open(self.info) as member:
                yield _Digest(member)  # type: ignore[arg-type]
        except _ZIP_ERRORS:
            raise BundleError(QT_TRANSLATE_NOOP(
                "Errors", "The bundle file is damaged or is not a bundle.")) from None

    def whole(self) -> bytes:
        """The payload read whole, and checked to be what was measured."""
        with self.reading() as digest:
            data = digest.read(self.size + 1)
        if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), self.sha256):
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "payload.age does not match the signed manifest: it was altered."))
        return data


def _read_members(path: Path, limits: Limits) -> tuple[dict[str, bytes], PayloadMember]:
    """The manifest and its signature (small), and where the payload lies, all checked."""
    try:
        with open_input(path) as handle:
            _check_file(handle, limits)
            small, payload = _zip_members(handle, path, limits)
    except OSError:  # opening or reading the file; a damaged archive is a BundleError
        raise BundleError(QT_TRANSLATE_NOOP(
            "Errors", "The bundle file cannot be read.")) from None
    payload.measure()
    return small, payload


def _zip_members(handle: BinaryIO, path: Path, limits: Limits
                 ) -> tuple[dict[str, bytes], PayloadMember]:
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            _check_members(infos, limits)
            small = {i.filename: _read_member(archive, i, limits.member_limit(i.filename))
                     for i in infos if i.filename != PAYLOAD}
            return small, PayloadMember(path, archive.getinfo(PAYLOAD))
    except _ZIP_ERRORS:
        raise BundleError(QT_TRANSLATE_NOOP(
            "Errors", "The bundle file is damaged or is not a bundle.")) from None


class OpenedBundle:
    """A bundle read from disk: container checked, manifest parsed, nothing trusted yet.

    Call, in order: :meth:`verify_signature`, then check that ``manifest.sender.public``
    is trusted and not revoked, then :meth:`check_payload_hash`, then :meth:`decrypt`.
    ``payload`` is the encrypted payload's bytes, or (a bundle opened from a file) where
    it lies in the file: it is then read in pieces and never held whole.
    """

    def __init__(self, manifest: Manifest, manifest_bytes: bytes, signature: bytes,
                 payload: bytes | PayloadMember) -> None:
        self.manifest = manifest
        self.manifest_bytes = manifest_bytes
        self.signature = signature
        self._payload = payload
        self._signature_ok = False
        self._hash_ok = False

    @property
    def payload(self) -> bytes:
        """The encrypted payload, whole (read from the file again when it lies there)."""
        held = self._payload
        return held if isinstance(held, bytes) else held.whole()

    @payload.setter
    def payload(self, data: bytes) -> None:
        self._payload = data

    def verify_signature(self) -> None:
        """Verify the manifest signature against the manifest's own sender key."""
        parsed = minisign.parse(self.signature)
        if parsed.untrusted_comment != UNTRUSTED_COMMENT or parsed.to_bytes() != self.signature:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The manifest signature file was altered."))
        comment = minisign.verify(self.manifest.sender.public, self.manifest_bytes, self.signature)
        if comment != self.manifest.trusted_comment:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The manifest signature belongs to a different bundle."))
        self._signature_ok = True

    def check_payload_hash(self) -> None:
        """Check ``payload.age`` against the SHA-256 and size in the manifest."""
        held = self._payload
        if isinstance(held, bytes):
            actual, size = hashlib.sha256(held).hexdigest(), len(held)
        else:
            actual, size = held.sha256, held.size
        self._check_hash(actual, size)
        self._hash_ok = True

    def _check_hash(self, actual: str, size: int) -> None:
        same_size = size == self.manifest.payload_size
        if not (hmac.compare_digest(actual, self.manifest.payload_sha256) and same_size):
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "payload.age does not match the signed manifest: it was altered."))

    def decrypt(self, identity: str, *, max_size: int) -> bytes:
        """Decrypt the payload in memory; only after both checks above have passed."""
        self._ready_for(identity)
        return agecrypt.decrypt(self.payload, identity, max_size=max_size)

    def decrypt_into(self, identity: str, sink: agecrypt.Sink, *, max_size: int) -> None:
        """Decrypt the payload as a stream into ``sink`` (DESIGN §6.5.7); only after both
        checks above have passed. What the sink raises comes out unchanged. Read from the
        file, the payload is hashed again as it is decrypted: a file changed since it was
        checked is refused at the end (the sink's partial state must then be thrown away,
        as after any failure)."""
        self._ready_for(identity)
        held = self._payload
        if isinstance(held, bytes):
            agecrypt.decrypt_into(held, identity, sink, max_size=max_size)
            return
        with held.reading() as digest:
            agecrypt.decrypt_stream_into(digest, held.info.file_size, identity, sink,
                                         max_size=max_size)
            digest.drain()
        self._check_hash(digest.sha.hexdigest(), digest.size)

    def _ready_for(self, identity: str) -> None:
        if not (self._signature_ok and self._hash_ok):
            raise TrustError("The bundle must be verified before it is decrypted.")
        if not self.manifest.addressed_to(age_recipient_of(identity)):
            raise BundleError(QT_TRANSLATE_NOOP(
                "Errors", "This bundle is not addressed to this vault."))


def open_bundle(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> OpenedBundle:
    """Read a bundle: size limits and container checks first, then the strict manifest.

    No decryption and no trust decision happen here. The payload is not held in memory:
    it is read in pieces (to check it now, to decrypt it later).
    """
    members, payload = _read_members(Path(path), limits)
    manifest = Manifest.from_bytes(members[MANIFEST])
    return OpenedBundle(manifest, members[MANIFEST], members[SIGNATURE], payload)
