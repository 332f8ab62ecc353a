"""minisign signatures, compatible with the stock ``minisign -V`` tool (DESIGN §10).

A ``.minisig`` file is four ``\\n``-terminated lines::

    untrusted comment: <text>
    base64( b"ED" ‖ key id (8) ‖ Ed25519 signature of BLAKE2b-512(data) (64) )
    trusted comment: <text>
    base64( Ed25519 signature of (signature (64) ‖ trusted comment text) )

Only the prehashed ``ED`` variant is produced **and accepted**: the legacy ``Ed``
variant (Ed25519 over the whole file) is refused, because nothing in Registry writes
it and accepting two message encodings under one key is needless surface. Parsing is
strict: padded canonical base64, exact line prefixes, ``\\n`` line ends (no CR), UTF-8
comments, nothing after the fourth line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from registry.errors import InvalidInput, TrustError
from registry.sync.keys import (
    KEY_ID_SIZE,
    OfficialKeys,
    PublicKeys,
    b64decode_strict,
    b64encode,
    parse_minisign_key,
)

PREHASHED_ALG = b"ED"
LEGACY_ALG = b"Ed"
SIGNATURE_SIZE = 64
MAX_SIG_FILE = 16 * 1024
MAX_COMMENT = 1024
UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
DEFAULT_UNTRUSTED = "signature from Registry"


@dataclass(frozen=True)
class SignatureFile:
    """The parsed parts of a ``.minisig`` file (not yet verified)."""

    untrusted_comment: str
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes

    def to_bytes(self) -> bytes:
        """The canonical file encoding."""
        lines = [
            UNTRUSTED_PREFIX + self.untrusted_comment,
            b64encode(PREHASHED_ALG + self.key_id + self.signature),
            TRUSTED_PREFIX + self.trusted_comment,
            b64encode(self.global_signature),
        ]
        return "".join(line + "\n" for line in lines).encode("utf-8")


def _check_comment(text: str, what: str) -> None:
    if not isinstance(text, str) or len(text.encode("utf-8")) > MAX_COMMENT:
        raise InvalidInput(f"The {what} must be text of at most {MAX_COMMENT} bytes.")
    if "\n" in text or "\r" in text:
        raise InvalidInput(f"The {what} must be a single line.")


def sign(
    keys: OfficialKeys,
    data: bytes,
    trusted_comment: str,
    *,
    untrusted_comment: str = DEFAULT_UNTRUSTED,
) -> bytes:
    """Sign ``data``; return a ``.minisig`` file that ``minisign -V`` accepts."""
    _check_comment(trusted_comment, "trusted comment")
    _check_comment(untrusted_comment, "untrusted comment")
    private = keys.signing_key()
    signature = private.sign(hashlib.blake2b(data, digest_size=64).digest())
    global_sig = private.sign(signature + trusted_comment.encode("utf-8"))
    return SignatureFile(
        untrusted_comment, keys.key_id, signature, trusted_comment, global_sig
    ).to_bytes()


def _malformed(detail: str) -> TrustError:
    return TrustError(f"The signature file is malformed ({detail}); it cannot be trusted.")


def _split_lines(sig_file: bytes) -> list[str]:
    if not isinstance(sig_file, bytes) or len(sig_file) > MAX_SIG_FILE:
        raise _malformed("too large or not bytes")
    try:
        text = sig_file.decode("utf-8")
    except UnicodeDecodeError:
        raise _malformed("not UTF-8") from None
    if "\r" in text:
        raise _malformed("carriage return")
    lines = text.split("\n")
    if len(lines) != 5 or lines[4] != "":
        raise _malformed("not exactly four newline-terminated lines")
    return lines[:4]


def _strip_prefix(line: str, prefix: str) -> str:
    if not line.startswith(prefix):
        raise _malformed(f"missing '{prefix.strip()}' line")
    return line[len(prefix) :]


def _decode(text: str, size: int, what: str) -> bytes:
    try:
        return b64decode_strict(text, size, what)
    except InvalidInput:
        raise _malformed(f"bad {what}") from None


def parse(sig_file: bytes) -> SignatureFile:
    """Parse a ``.minisig`` file strictly; raise ``TrustError`` when it is malformed."""
    untrusted_line, sig_line, trusted_line, global_line = _split_lines(sig_file)
    untrusted = _strip_prefix(untrusted_line, UNTRUSTED_PREFIX)
    trusted = _strip_prefix(trusted_line, TRUSTED_PREFIX)
    blob = _decode(sig_line, 2 + KEY_ID_SIZE + SIGNATURE_SIZE, "signature")
    if blob[:2] == LEGACY_ALG:
        raise TrustError("Legacy (non-prehashed) minisign signatures are not accepted.")
    if blob[:2] != PREHASHED_ALG:
        raise _malformed("unknown signature algorithm")
    global_sig = _decode(global_line, SIGNATURE_SIZE, "global signature")
    key_id = blob[2 : 2 + KEY_ID_SIZE]
    return SignatureFile(untrusted, key_id, blob[2 + KEY_ID_SIZE :], trusted, global_sig)


def _public_key(pub: PublicKeys | str) -> tuple[bytes, Ed25519PublicKey]:
    if isinstance(pub, PublicKeys):
        key_id, raw = pub.key_id, pub.ed25519
    else:
        try:
            key_id, raw = parse_minisign_key(pub)
        except InvalidInput:
            raise TrustError("The signer's public key is not a valid minisign key.") from None
    return key_id, Ed25519PublicKey.from_public_bytes(raw)


def verify(pub: PublicKeys | str, data: bytes, sig_file: bytes) -> str:
    """Verify ``sig_file`` over ``data`` with ``pub``; return the trusted comment.

    Raises ``TrustError`` for a malformed file, a key id that is not ``pub``'s, a bad
    signature, a bad global signature (altered trusted comment) or a legacy signature.
    """
    parsed = parse(sig_file)
    key_id, public = _public_key(pub)
    if parsed.key_id != key_id:
        raise TrustError("The signature was made with a different key than expected.")
    try:
        public.verify(parsed.signature, hashlib.blake2b(data, digest_size=64).digest())
    except InvalidSignature:
        raise TrustError("The signature does not match the signed data.") from None
    try:
        public.verify(parsed.global_signature, parsed.signature + parsed.trusted_comment.encode())
    except InvalidSignature:
        raise TrustError("The signature's trusted comment was altered.") from None
    return parsed.trusted_comment
