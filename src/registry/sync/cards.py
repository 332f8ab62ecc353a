"""Identity cards, safety numbers and QR codes (DESIGN §5.1).

A card is one line of compact JSON with sorted keys (UTF-8, ``\\n``-terminated)::

    {"age_recipient":"age1…","country":"SE","fingerprint":"<40 hex>",
     "format":"registry-card/1","minisign_public_key":"RW…","name":"…","org":"…",
     "signature":"<base64 Ed25519 signature>"}

``signature`` is a self-signature by the card's own Ed25519 key over
``b"registry-card/1\\0" ‖`` the same JSON without the ``signature`` key. Only the exact
canonical bytes are accepted, so any edit — even of whitespace — is refused. A
self-signature proves the card is intact and that its author holds the key; it does not
prove who that is: that is what the safety number is for.

Safety number (60 digits, shown as 12 groups of 5): for each party, iterate
SHA-512 5,200 times (as Signal does) starting from
``b"registry-safety-number/1\\0" ‖ minisign key bytes ‖ age recipient``, feeding the
previous digest and the key bytes back in each round; the first 30 bytes give six 5-byte
big-endian chunks, each reduced mod 100,000 to 5 digits. The two 30-digit halves are
sorted and joined, so both sides compute the same number; it changes when either key
(Ed25519 key, key id or age recipient) changes.

The QR code carries the whole card (at most 2,048 bytes, error correction M, always
within a version-40 code), so scanning it gives a card that verifies on its own.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, TrustError
from registry.fsutil import open_input
from registry.sync.container import validate_name
from registry.sync.keys import OfficialKeys, PublicKeys, b64decode_strict, b64encode

CARD_FORMAT = "registry-card/1"
MAX_CARD = 2048
MAX_CARD_FILE = 64 * 1024  # read from a card file at most (the parser refuses > MAX_CARD)
MAX_FIELD = 100
_DOMAIN = b"registry-card/1\x00"
_SAFETY_DOMAIN = b"registry-safety-number/1\x00"
_SAFETY_ROUNDS = 5200
_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_KEYS = {"format", "name", "org", "country", "minisign_public_key", "age_recipient",
         "fingerprint", "signature"}


@dataclass(frozen=True)
class Card:
    """A verified identity card (self-signature checked; not yet *trusted*)."""

    name: str
    org: str
    country: str
    public: PublicKeys

    @property
    def fingerprint(self) -> str:
        """The card's key fingerprint."""
        return self.public.fingerprint


def _field(value: object, what: str) -> str:
    text = validate_name(value)
    if len(text) > MAX_FIELD:
        raise InvalidInput(f"The {what} must be at most {MAX_FIELD} characters.")
    return text


def _country(value: object) -> str:
    if not isinstance(value, str) or _COUNTRY_RE.fullmatch(value) is None:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The country must be a two-letter ISO 3166 code such as SE."))
    return value


def _canonical(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _unsigned(name: str, org: str, country: str, public: PublicKeys) -> dict[str, Any]:
    return {
        "format": CARD_FORMAT,
        "name": _field(name, "name"),
        "org": _field(org, "organisation"),
        "country": _country(country),
        "minisign_public_key": public.minisign_public_key,
        "age_recipient": public.age_recipient,
        "fingerprint": public.fingerprint,
    }


def make_card(keys: OfficialKeys, name: str, org: str, country: str) -> bytes:
    """A self-signed card for ``keys``; raise ``InvalidInput`` for bad fields."""
    body = _unsigned(name, org, country, keys.public())
    signature = keys.signing_key().sign(_DOMAIN + _canonical(body))
    card = _canonical({**body, "signature": b64encode(signature)}) + b"\n"
    if len(card) > MAX_CARD:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The card is too large; shorten the name or organisation."))
    return card


def _load(data: bytes) -> dict[str, Any]:
    if not isinstance(data, bytes) or len(data) > MAX_CARD:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The card is too large or not a card file."))
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The card is not valid JSON.")) from None
    if not isinstance(obj, dict) or set(obj) != _KEYS or obj["format"] != CARD_FORMAT:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The card has an unknown layout."))
    if _canonical(obj) + b"\n" != data:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The card is not in canonical form; it was edited."))
    return obj


def parse_card(data: bytes) -> Card:
    """Parse and verify a card strictly; raise ``TrustError`` on anything wrong."""
    obj = _load(data)
    try:
        public = PublicKeys.from_minisign(obj["minisign_public_key"], obj["age_recipient"])
        body = _unsigned(obj["name"], obj["org"], obj["country"], public)
        signature = b64decode_strict(obj["signature"], 64, "card signature")
    except (InvalidInput, TypeError) as exc:
        raise TrustError(f"The card is invalid: {exc}") from None
    if obj["fingerprint"] != public.fingerprint:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The card's fingerprint does not match its keys."))
    verifier = Ed25519PublicKey.from_public_bytes(public.ed25519)
    try:
        verifier.verify(signature, _DOMAIN + _canonical(body))
    except InvalidSignature:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The card's signature does not verify: it was altered.")) from None
    return Card(body["name"], body["org"], body["country"], public)


def _half(pub: PublicKeys) -> str:
    key = pub.minisign_bytes + pub.age_recipient.encode("ascii")
    digest = _SAFETY_DOMAIN + key
    for _ in range(_SAFETY_ROUNDS):
        digest = hashlib.sha512(digest + key).digest()
    chunks = (int.from_bytes(digest[i : i + 5], "big") % 100_000 for i in range(0, 30, 5))
    return "".join(f"{chunk:05d}" for chunk in chunks)


def safety_number(a: PublicKeys, b: PublicKeys) -> str:
    """The 60-digit safety number of two officials, as 12 space-separated groups of 5."""
    digits = "".join(sorted((_half(a), _half(b))))
    return " ".join(digits[i : i + 5] for i in range(0, 60, 5))


def card_qr_svg(card_bytes: bytes) -> str:
    """An SVG QR code holding the whole (verified) card."""
    import segno  # here: only a QR code needs it (~20 ms of every command's start)

    parse_card(card_bytes)
    qr = segno.make(card_bytes, error="m", micro=False, boost_error=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=4, border=4, xmldecl=False)
    return out.getvalue().decode("utf-8")


def read_card_file(path: Path) -> bytes:
    """A card file's bytes (at most 64 KiB are read: the parser refuses anything larger)."""
    try:
        with open_input(Path(path)) as handle:
            return handle.read(MAX_CARD_FILE)
    except OSError:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "The card file cannot be read.")) from None
