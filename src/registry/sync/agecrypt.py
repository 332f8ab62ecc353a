"""age encryption for bundle payloads, on top of pyrage, with a strict header gate.

Before pyrage sees a file we parse its header ourselves (age v1 grammar, stricter than or
equal to age's own) and accept only:

* ``X25519`` stanzas (exactly one 43-character argument, a 32-byte body), and
* *grease* stanzas (type ``grease`` or ending in ``-grease``), which pyrage itself adds
  to every file it writes and which no identity ever unwraps.

Everything else — ``scrypt`` (passphrase files, whose work factor could make pyrage
spin for tens of seconds, DESIGN §10), post-quantum ``mlkem768x25519``, SSH and plugin
stanzas, unknown types — is refused at once. ASCII-armored files are refused too:
bundles carry binary ``payload.age``. The plaintext size is bounded from the ciphertext
length before decryption, and decryption happens only in memory: :func:`decrypt` returns
the plaintext, :func:`decrypt_into` streams it into a sink in small pieces (the import's
payload decoder, DESIGN §6.5.7) so that the whole plaintext is never held.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

import pyrage

from registry.errors import BundleError, InvalidInput, TrustError
from registry.sync.keys import validate_age_recipient

VERSION_LINE = b"age-encryption.org/v1\n"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
MAX_HEADER = 128 * 1024
MAX_STANZAS = 1024
MAX_RECIPIENTS = 512
NONCE_SIZE = 16
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
_ARG_RE = re.compile(rb"[\x21-\x7e]+")
_B64_LINE_RE = re.compile(rb"[A-Za-z0-9+/]*")
_BODY_COLUMNS = 64


@dataclass(frozen=True)
class Stanza:
    """One recipient stanza of an age header."""

    type: str
    args: tuple[str, ...]
    body: bytes


@dataclass(frozen=True)
class Header:
    """A parsed age header: its stanzas and the offset where the payload starts."""

    stanzas: tuple[Stanza, ...]
    payload_offset: int


def _header_error(detail: str) -> BundleError:
    return BundleError(f"The encrypted payload is not a valid age file ({detail}).")


def _b64_unpadded(text: bytes, what: str) -> bytes:
    """Decode canonical unpadded base64 as age writes it."""
    if _B64_LINE_RE.fullmatch(text) is None or len(text) % 4 == 1:
        raise _header_error(f"bad base64 in {what}")
    try:
        raw = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):  # pragma: no cover - regex and length rule it out
        raise _header_error(f"bad base64 in {what}") from None
    if base64.b64encode(raw).rstrip(b"=") != text:
        raise _header_error(f"non-canonical base64 in {what}")
    return raw


class _Reader:
    """Line reader over the header region with a hard size cap."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def line(self) -> bytes:
        end = self.data.find(b"\n", self.pos, MAX_HEADER)
        if end < 0:
            raise _header_error("header truncated or too large")
        line = self.data[self.pos : end]
        self.pos = end + 1
        return line


def _read_body(reader: _Reader) -> bytes:
    chunks: list[bytes] = []
    while True:
        line = reader.line()
        if len(line) > _BODY_COLUMNS:
            raise _header_error("stanza body line too long")
        chunks.append(line)
        if len(line) < _BODY_COLUMNS:
            return _b64_unpadded(b"".join(chunks), "stanza body")


def _read_stanza(reader: _Reader, first: bytes) -> Stanza:
    words = first[3:].split(b" ")
    if not all(_ARG_RE.fullmatch(word) for word in words):
        raise _header_error("bad stanza arguments")
    text = [word.decode("ascii") for word in words]
    return Stanza(text[0], tuple(text[1:]), _read_body(reader))


def _check_stanza(stanza: Stanza) -> None:
    """Refuse every stanza that is not X25519 or grease (scrypt first, before any work)."""
    if stanza.type == "X25519":
        if len(stanza.args) != 1 or len(_b64_unpadded(stanza.args[0].encode(), "share")) != 32:
            raise _header_error("malformed X25519 stanza")
        if len(stanza.body) != 32:
            raise _header_error("malformed X25519 stanza")
    elif stanza.type == "scrypt":
        raise BundleError("Passphrase-encrypted (scrypt) age files are not accepted.")
    elif not (stanza.type == "grease" or stanza.type.endswith("-grease")):
        raise BundleError("The age file uses a recipient type other than X25519; refused.")


def parse_header(data: bytes) -> Header:
    """Parse and police an age v1 header; raise ``BundleError`` on anything unexpected."""
    if data[:4096].lstrip().startswith(ARMOR_BEGIN):
        raise BundleError("ASCII-armored age files are not accepted; a bundle's payload is binary.")
    if not data.startswith(VERSION_LINE):
        raise _header_error("missing age-encryption.org/v1 line")
    reader = _Reader(data)
    reader.pos = len(VERSION_LINE)
    stanzas: list[Stanza] = []
    while True:
        line = reader.line()
        if line.startswith(b"--- "):
            _b64_unpadded(line[4:], "header MAC")
            if len(line) != 4 + 43:
                raise _header_error("bad header MAC")
            break
        if not line.startswith(b"-> ") or len(stanzas) >= MAX_STANZAS:
            raise _header_error("bad stanza line")
        stanza = _read_stanza(reader, line)
        _check_stanza(stanza)
        stanzas.append(stanza)
    if not any(s.type == "X25519" for s in stanzas):
        raise _header_error("no X25519 recipient")
    return Header(tuple(stanzas), reader.pos)


def plaintext_size_bound(payload_len: int) -> int:
    """Upper bound (exact for well-formed files) of the plaintext behind an age payload."""
    body = payload_len - NONCE_SIZE
    if body < TAG_SIZE:
        raise _header_error("payload truncated")
    chunks = -(-body // (CHUNK_SIZE + TAG_SIZE))
    return body - TAG_SIZE * chunks


def _recipients(recipients: list[str]) -> list[pyrage.x25519.Recipient]:
    unique = list(dict.fromkeys(validate_age_recipient(r) for r in recipients))
    if not unique:
        raise InvalidInput("A bundle needs at least one recipient.")
    if len(unique) > MAX_RECIPIENTS:
        raise InvalidInput(f"A bundle can have at most {MAX_RECIPIENTS} recipients.")
    return [pyrage.x25519.Recipient.from_str(r) for r in unique]


def encrypt_to(source: BinaryIO, sink: BinaryIO, recipients: list[str]) -> None:
    """Stream-encrypt ``source`` into ``sink`` for every X25519 recipient (DESIGN §10)."""
    parsed = _recipients(recipients)
    try:
        pyrage.encrypt_io(source, sink, parsed)
    except Exception:
        raise BundleError("Encryption failed; nothing usable was written.") from None


def encrypt(plaintext: bytes | BinaryIO, recipients: list[str]) -> bytes:
    """Encrypt to every recipient and return the age file bytes."""
    source = io.BytesIO(plaintext) if isinstance(plaintext, bytes) else plaintext
    sink = io.BytesIO()
    encrypt_to(source, sink, recipients)
    return sink.getvalue()


def _identity(identity: str) -> pyrage.x25519.Identity:
    try:
        return pyrage.x25519.Identity.from_str(identity)
    except Exception:
        raise InvalidInput("This vault's age identity is not valid.") from None


def _map_failure(message: str) -> Exception:
    if "No matching keys" in message:
        return BundleError(
            "This bundle is not encrypted to this vault's key (not addressed to you)."
        )
    return TrustError("The encrypted payload is damaged or was altered; it was not decrypted.")


class Sink(Protocol):
    """Where :func:`decrypt_into` writes the plaintext (a binary file, a decoder)."""

    def write(self, data: bytes, /) -> int: ...


def _gate(ciphertext: bytes, identity: str, max_size: int, size: int | None = None
          ) -> pyrage.x25519.Identity:
    """The header gate and the size bound, before pyrage sees anything. ``ciphertext`` may
    be only the start of the file (its whole ``size`` given): the header lies within
    ``MAX_HEADER`` bytes."""
    if not isinstance(ciphertext, bytes):
        raise InvalidInput("Ciphertext must be bytes.")
    header = parse_header(ciphertext)
    total = len(ciphertext) if size is None else size
    if plaintext_size_bound(total - header.payload_offset) > max_size:
        raise BundleError("The encrypted payload is larger than the allowed size; refused.")
    return _identity(identity)


def _failure(exc: BaseException) -> Exception:
    """What a pyrage failure means (a Rust panic is pyo3's PanicException, a BaseException)."""
    return _map_failure(str(exc) if isinstance(exc, Exception) else "")


_INTERRUPTS = (KeyboardInterrupt, SystemExit, GeneratorExit)


def decrypt(ciphertext: bytes, identity: str, *, max_size: int) -> bytes:
    """Decrypt an age file in memory after the header gate; release nothing on failure."""
    key = _gate(ciphertext, identity, max_size)
    try:
        plaintext = pyrage.decrypt(ciphertext, [key])
    except _INTERRUPTS:
        raise
    except BaseException as exc:  # pyrage raises DecryptError, OSError, ValueError, ...
        raise _failure(exc) from None
    return bytes(plaintext)


class _Guard:
    """Passes writes to the sink and remembers the first thing the sink raised, so that a
    refusal (or a cancel) from the sink comes out as itself, not as a decryption failure.
    Once the sink has failed it sees nothing more (pyrage's buffered writer writes again
    when it is dropped)."""

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.error: BaseException | None = None

    def write(self, data: bytes) -> int:
        if self.error is not None:
            raise self.error
        try:
            self.sink.write(data)
        except BaseException as exc:
            self.error = exc
            raise
        return len(data)


class Source(Protocol):
    """A binary file to read ciphertext from, in pieces."""

    def read(self, size: int = -1, /) -> bytes: ...


class _Chained:
    """What was read ahead (the header), then the rest of ``source``."""

    def __init__(self, head: bytes, source: Source) -> None:
        self.head = head
        self.source = source

    def read(self, size: int = -1) -> bytes:
        if self.head:
            piece = self.head if size < 0 else self.head[:size]
            self.head = self.head[len(piece):]
            return piece
        return self.source.read(size)


def decrypt_stream_into(source: Source, size: int, identity: str, sink: Sink, *,
                        max_size: int) -> None:
    """:func:`decrypt_into` reading the ciphertext (``size`` bytes in all) from ``source`` in
    pieces instead of from memory: neither the ciphertext nor the plaintext is held whole."""
    head = source.read(min(size, MAX_HEADER + 1))
    key = _gate(head, identity, max_size, size)
    _run(_Chained(head, source), key, sink)


def decrypt_into(ciphertext: bytes, identity: str, sink: Sink, *, max_size: int) -> None:
    """Decrypt an age file after the header gate, streaming the plaintext into ``sink``.

    pyrage writes in small pieces (8 KiB) as each 64 KiB STREAM chunk authenticates, so only
    the ciphertext is held whole. Whatever ``sink.write`` raises comes out unchanged; a
    decryption failure after some writes is raised as usual, and the sink's partial state
    must then be thrown away (the import holds it only in memory).
    """
    key = _gate(ciphertext, identity, max_size)
    _run(io.BytesIO(ciphertext), key, sink)


def _run(source: Any, key: pyrage.x25519.Identity, sink: Sink) -> None:
    guard = _Guard(sink)
    try:
        pyrage.decrypt_io(source, guard, [key])
    except BaseException as exc:
        if guard.error is exc:
            raise
        if guard.error is not None:
            raise guard.error from None
        if isinstance(exc, _INTERRUPTS):
            raise
        raise _failure(exc) from None
