"""The key file document (``registry-vault/1``): strict parsing, serialising, associated data.

Layout (JSON object, no other keys allowed)::

    {"format": "registry-vault/1",
     "vault_id": "<1-128 of A-Z a-z 0-9 . _ ->",
     "kdf": {"algorithm": "argon2id", "memory_kib": int, "iterations": int, "lanes": int,
             "salt": "<base64, 32 bytes>"},
     "sealed": {"aead": "chacha20poly1305", "nonce": "<base64, 12 bytes>",
                "ciphertext": "<base64, 32-byte key + 16-byte tag>"},
     "staged": {...same as sealed...}          # only while a key rotation is unfinished
    }

Every field is type- and range-checked before use; base64 must be canonical (padded, no
stray bits) so no two spellings of a file mean the same thing.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any

from registry.errors import InvalidInput, VaultError
from registry.vault.kdf import KEY_BYTES, SALT_BYTES, KdfParams, bounds_problem

FORMAT = "registry-vault/1"
KDF_ALGORITHM = "argon2id"
AEAD_NAME = "chacha20poly1305"
NONCE_BYTES = 12
TAG_BYTES = 16
MAX_KEYFILE_BYTES = 64 * 1024
SLOT_CURRENT = "sealed"
SLOT_STAGED = "staged"

_VAULT_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
_TOP_KEYS = {"format", "vault_id", "kdf", SLOT_CURRENT}
_KDF_KEYS = {"algorithm", "memory_kib", "iterations", "lanes", "salt"}
_SEALED_KEYS = {"aead", "nonce", "ciphertext"}


@dataclass(frozen=True)
class KeyFileHeader:
    """What a key file says about itself without the passphrase (not yet authenticated)."""

    format: str
    vault_id: str
    kdf: KdfParams
    has_staged: bool


@dataclass(frozen=True)
class Sealed:
    """One AEAD-sealed data key."""

    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class KeyFileDoc:
    """A parsed, validated key file."""

    header: KeyFileHeader
    salt: bytes
    sealed: Sealed
    staged: Sealed | None


class _Damaged(Exception):
    """A field failed validation; the text names the field, never a value."""


def damaged(reason: str) -> VaultError:
    """The error for a key file that cannot be parsed or validated."""
    return VaultError(f"The vault key file is damaged or of an unknown format ({reason}). "
                      "Restore vault.key from a backup of this vault.")


def check_vault_id(vault_id: object) -> str:
    """Return ``vault_id`` if it is 1-128 characters of ``A-Z a-z 0-9 . _ -``."""
    if not isinstance(vault_id, str) or not _VAULT_ID.fullmatch(vault_id):
        raise InvalidInput("A vault id is 1 to 128 letters, digits, dots, dashes or underscores.")
    return vault_id


def b64(data: bytes) -> str:
    """Standard padded base64 text."""
    return base64.b64encode(data).decode("ascii")


def associated_data(header: KeyFileHeader, salt: bytes, slot: str) -> bytes:
    """Canonical bytes binding format, vault id, KDF parameters, salt, AEAD and slot."""
    kdf = header.kdf
    fields = [header.format, header.vault_id, KDF_ALGORITHM, kdf.memory_kib, kdf.iterations,
              kdf.lanes, b64(salt), AEAD_NAME, slot]
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def serialise(doc: KeyFileDoc) -> bytes:
    """The key file bytes for ``doc`` (indented JSON, newline-terminated)."""
    kdf = doc.header.kdf
    body: dict[str, Any] = {
        "format": doc.header.format,
        "vault_id": doc.header.vault_id,
        "kdf": {"algorithm": KDF_ALGORITHM, "memory_kib": kdf.memory_kib,
                "iterations": kdf.iterations, "lanes": kdf.lanes, "salt": b64(doc.salt)},
        SLOT_CURRENT: _sealed_json(doc.sealed),
    }
    if doc.staged is not None:
        body[SLOT_STAGED] = _sealed_json(doc.staged)
    return (json.dumps(body, indent=2) + "\n").encode("ascii")


def _sealed_json(sealed: Sealed) -> dict[str, str]:
    return {"aead": AEAD_NAME, "nonce": b64(sealed.nonce), "ciphertext": b64(sealed.ciphertext)}


def parse(raw: bytes) -> KeyFileDoc:
    """Validate ``raw`` completely and return the document, or raise ``VaultError``."""
    try:
        return _parse_document(_load_json(raw))
    except _Damaged as exc:
        raise damaged(str(exc)) from None


def _load_json(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_KEYFILE_BYTES:
        raise _Damaged("file too large")
    try:
        value = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates,
                           parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Damaged("not valid JSON") from None
    if not isinstance(value, dict):
        raise _Damaged("not a JSON object")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _parse_document(body: dict[str, Any]) -> KeyFileDoc:
    if body.get("format") != FORMAT:
        raise _Damaged(f"format is not {FORMAT}")
    keys = set(body)
    if not _TOP_KEYS <= keys <= _TOP_KEYS | {SLOT_STAGED}:
        raise _Damaged("unexpected or missing fields")
    try:
        vault_id = check_vault_id(body["vault_id"])
    except InvalidInput:
        raise _Damaged("vault_id") from None
    params, salt = _parse_kdf(body["kdf"])
    staged = _parse_sealed(body[SLOT_STAGED], SLOT_STAGED) if SLOT_STAGED in body else None
    header = KeyFileHeader(FORMAT, vault_id, params, staged is not None)
    return KeyFileDoc(header, salt, _parse_sealed(body[SLOT_CURRENT], SLOT_CURRENT), staged)


def _parse_kdf(kdf: object) -> tuple[KdfParams, bytes]:
    if not isinstance(kdf, dict) or set(kdf) != _KDF_KEYS:
        raise _Damaged("kdf fields")
    if kdf["algorithm"] != KDF_ALGORITHM:
        raise _Damaged("kdf algorithm")
    params = KdfParams(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])
    problem = bounds_problem(params)
    if problem is not None:
        raise _Damaged(problem)
    return params, _b64_field(kdf["salt"], SALT_BYTES, "kdf salt")


def _parse_sealed(sealed: object, slot: str) -> Sealed:
    if not isinstance(sealed, dict) or set(sealed) != _SEALED_KEYS:
        raise _Damaged(f"{slot} fields")
    if sealed["aead"] != AEAD_NAME:
        raise _Damaged(f"{slot} aead")
    nonce = _b64_field(sealed["nonce"], NONCE_BYTES, f"{slot} nonce")
    ciphertext = _b64_field(sealed["ciphertext"], KEY_BYTES + TAG_BYTES, f"{slot} ciphertext")
    return Sealed(nonce, ciphertext)


def _b64_field(value: object, length: int, name: str) -> bytes:
    """Decode canonical base64 of exactly ``length`` bytes."""
    if not isinstance(value, str) or len(value) > 4 * length:
        raise _Damaged(name)
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error):
        raise _Damaged(name) from None
    if len(data) != length or b64(data) != value:
        raise _Damaged(name)
    return data
