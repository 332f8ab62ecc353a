"""SQLCipher connections: a raw 256-bit key from validated hex, and the pragmas of DESIGN §5.

The key reaches SQL only as ``x'<64 hex digits>'`` checked by a regular expression: a
passphrase or any other text is never formatted into a statement.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from registry.errors import StorageFull, VaultDamaged

_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
# Enough page cache to hold the working set of a 100k-people vault: SQLCipher then decrypts
# each page once, and bulk work costs about what plain SQLite does (DESIGN §10).
CACHE_KIB = 262_144

DatabaseError = sqlcipher3.DatabaseError
Connection = Any


def key_literal(key: bytes | bytearray) -> str:
    """The ``x'…'`` blob literal for a 32-byte key, after validating its hex form."""
    hexkey = bytes(key).hex()
    if len(key) != 32 or not _HEX_KEY.match(hexkey):
        raise ValueError("a data key is 32 bytes")
    return f"\"x'{hexkey}'\""


def connect(path: Path, key: bytes | bytearray, *, create: bool = False) -> Connection:
    """Open the encrypted database at ``path``; raise VaultDamaged if it does not read back.

    The caller has already proven the key right by opening the key file, so a database that
    fails here is damaged (or not ours), never "a wrong passphrase".
    """
    if not create and not path.exists():
        raise VaultDamaged("The vault's database file is missing. Restore the vault folder "
                           "from a backup.")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA key = {key_literal(key)}")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _configure(conn)
    except sqlcipher3.DatabaseError:
        conn.close()
        raise VaultDamaged("The vault's database is damaged or was not written by this vault "
                           "(the passphrase is right). Restore it from a backup.") from None
    return conn


def _configure(conn: Connection) -> None:
    for pragma in (
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
        "secure_delete = ON",
        "temp_store = MEMORY",
        f"cache_size = -{CACHE_KIB}",
        "cipher_memory_security = OFF",
    ):
        conn.execute(f"PRAGMA {pragma}").fetchall()


def rekey(conn: Connection, new_key: bytes | bytearray) -> None:
    """Re-encrypt every page under ``new_key`` (``PRAGMA rekey``)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    conn.execute(f"PRAGMA rekey = {key_literal(new_key)}")
    conn.execute("PRAGMA journal_mode = WAL").fetchall()


def integrity_problems(conn: Connection) -> list[str]:
    """Page HMAC failures and b-tree problems; an empty list means the file is whole."""
    problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    problems += [str(r[0]) for r in rows if r[0] != "ok"]
    return problems


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; roll back on any error; a full disk says so."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(sqlcipher3.Error):
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlcipher3.OperationalError) and "full" in str(exc).lower():
            raise StorageFull("The disk is full: nothing was changed. Free some space and try "
                              "again.") from None
        raise
