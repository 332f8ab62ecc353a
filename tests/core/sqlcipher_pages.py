"""Decrypt every page of a SQLCipher 4 database and its WAL, to look for plaintext traces.

Independent of SQLCipher itself (AES-256-CBC per page with the IV in the page's reserved
tail), so it sees free pages, stale WAL frames and index segments that SQL never shows.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    body = page[start:PAGE - RESERVE]
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def plaintext_pages(db: Path, key: bytes) -> bytes:
    """The decrypted content of every page of ``db`` and of every frame in its WAL."""
    out = bytearray()
    data = db.read_bytes()
    for n in range(len(data) // PAGE):
        out += _decrypt_page(key, data[n * PAGE:(n + 1) * PAGE], first=n == 0)
    wal = db.with_name(db.name + "-wal")
    if wal.exists():
        raw = wal.read_bytes()
        pos = WAL_HEADER
        while pos + FRAME_HEADER + PAGE <= len(raw):
            page_no = int.from_bytes(raw[pos:pos + 4], "big")
            frame = raw[pos + FRAME_HEADER:pos + FRAME_HEADER + PAGE]
            out += _decrypt_page(key, frame, first=page_no == 1)
            pos += FRAME_HEADER + PAGE
    return bytes(out)
