"""SQLCipher connections: a raw 256-bit key from validated hex, and the pragmas of DESIGN §5.

The key reaches SQL only as ``x'<64 hex digits>'`` checked by a regular expression: a
passphrase or any other text is never formatted into a statement.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from registry.errors import (
    QT_TRANSLATE_NOOP,
    FileTooLarge,
    StorageFull,
    VaultBusy,
    VaultDamaged,
    VaultError,
    VaultUnavailable,
)
from registry.fsutil import lock_path

_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
FOLDER_WAIT = 10.0  # seconds an unlock waits while a restore swaps the vault's folder

_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
# Enough page cache to hold the working set of a 100k-people vault: SQLCipher then decrypts
# each page once, and bulk work costs about what plain SQLite does (DESIGN §10).
CACHE_KIB = 262_144
# An import's page cache (DESIGN §6.5.7: under 256 MB whatever the bundle): it writes pages
# once, in id order, and reads few back, so a sixth of the above costs it little.
IMPORT_CACHE_KIB = 40_960

DatabaseError = sqlcipher3.DatabaseError
Connection = Any


def _null(_value: None) -> None:
    return None


# sqlcipher3 binds only exact int, float, str and bytearray directly: any other parameter goes
# through the adapter protocol, which, finding no adapter, probes the protocol and the value
# for ``__adapt__`` and ``__conform__`` (two raised and cleared AttributeErrors a value) before
# binding it as it is. NULL is the commonest parameter there is (most fields of most records
# are empty): with an adapter of its own it binds as NULL at once, and a bulk insert costs
# a third of what it did. Flags bind as integers, as they did.
sqlcipher3.register_adapter(type(None), _null)
sqlcipher3.register_adapter(bool, int)


def key_literal(key: bytes | bytearray) -> str:
    """The ``x'…'`` blob literal for a 32-byte key, after validating its hex form."""
    hexkey = bytes(key).hex()
    if len(key) != 32 or not _HEX_KEY.fullmatch(hexkey):
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
    if create:  # owner-only whatever the umask: SQLite gives -wal and -shm the same mode
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    held = _hold_shared(path.parent)
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                                  factory=_HeldConnection)
    except sqlcipher3.Error as exc:
        _release(held)
        raise open_failure(path, exc) from None
    except BaseException:
        _release(held)
        raise
    conn.held = held
    try:
        conn.execute(f"PRAGMA key = {key_literal(key)}")
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _configure(conn)
    except sqlcipher3.Error as exc:
        conn.close()
        raise open_failure(path, exc) from None
    return conn


def open_failure(path: Path, exc: BaseException) -> VaultError | StorageFull:
    """What opening the database at ``path`` failing with ``exc`` means, to the user.

    Only a file SQLite reads and finds is not (our) database is damaged. Opening a vault in
    WAL mode creates its ``-wal`` and ``-shm`` files: on a full disk, in a read-only or
    unwritable folder, or on a failing drive that fails too, while the vault is whole. Those
    must never be called damage: "damaged" is what lets a restore replace a vault without
    ``--force`` (README, Backup and restore)."""
    code = _code(exc)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return _busy()
    if code not in _NOT_DAMAGE:
        return VaultDamaged(QT_TRANSLATE_NOOP(
            "Errors", "The vault's database is damaged or was not written by this vault (the "
            "passphrase is right). Restore it from a backup."))
    if code == _SQLITE_FULL or _low_space(path.parent):
        return StorageFull(QT_TRANSLATE_NOOP(
            "Errors", "The disk that holds the vault is full, so the vault cannot be opened "
            "(opening it writes a little). The vault is not damaged: do not restore it from a "
            "backup. Free some space on that disk, then try again."))
    if not _writable(path):
        return VaultUnavailable(QT_TRANSLATE_NOOP(
            "Errors", "The vault folder {path} or its files cannot be written (read-only, or "
            "owned by another user), so the vault cannot be opened. It is not damaged: do not "
            "restore it from a backup. Open it from a folder you may write to, or fix the "
            "permissions, then try again."), path=path.parent)
    return VaultUnavailable(QT_TRANSLATE_NOOP(
        "Errors", "The disk that holds the vault reported an error, so the vault cannot be "
        "opened now. This is not known to be damage to the vault: do not restore over it. "
        "Check the disk (reconnect a removable one), then try again; if it keeps failing, "
        "copy the vault folder somewhere safe first."))


def _low_space(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


def _writable(path: Path) -> bool:
    """Whether the folder and the database files in it may be written (SQLite needs both)."""
    names = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return os.access(path.parent, os.W_OK | os.X_OK) and all(
        os.access(p, os.R_OK | os.W_OK) for p in names if p.exists())


# ---- who has the vault open ---------------------------------------------------------------------
# Every open connection holds a shared lock on its vault's folder. What would take the folder
# from under them — a restore that moves it aside — needs the lock to itself: an app still
# writing to a folder moved aside would lose every later edit without a word.
class _HeldConnection(sqlcipher3.Connection):  # type: ignore[misc]
    held: int | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            held, self.held = self.held, None
            _release(held)

    def __del__(self) -> None:  # never closed: the lock goes with the connection all the same
        held, self.held = self.held, None
        _release(held)


def _busy() -> VaultBusy:
    return VaultBusy(QT_TRANSLATE_NOOP(
        "Errors", "Another Registry window or command has the vault open: close it, then try "
        "again. Nothing was changed."))


def _release(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing the folder's descriptor drops its lock


def _hold_shared(folder: Path) -> int | None:
    """A descriptor of ``folder`` holding a shared lock (None where there are no folder
    locks). Waits while a restore swaps the folder (an instant)."""
    try:
        return lock_path(folder, shared=True, wait=FOLDER_WAIT, flags=_DIRECTORY,
                         missing_waits=True)
    except TimeoutError:
        raise _busy() from None


@contextlib.contextmanager
def folder_to_itself(folder: Path) -> Iterator[None]:
    """Hold ``folder`` (a vault's) exclusively while the caller moves it: ``VaultBusy``,
    nothing changed, while any connection in any process has a vault there open."""
    try:
        fd = lock_path(folder, shared=False, wait=0, flags=_DIRECTORY)
    except TimeoutError:
        raise _busy() from None
    try:
        yield
    finally:
        _release(fd)


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


@contextlib.contextmanager
def page_cache(conn: Connection, kib: int) -> Iterator[None]:
    """The connection's page cache held to ``kib`` KiB for a while, then as configured."""
    conn.execute(f"PRAGMA cache_size = -{int(kib)}").fetchall()
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}").fetchall()


def leave_wal(conn: Connection) -> None:
    """Copy the WAL into the database and leave WAL mode, as a rekey needs: only the one
    connection may have the vault open. ``VaultBusy`` (nothing changed) when another does."""
    busy = _busy()
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        (mode,) = conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    except sqlcipher3.OperationalError as exc:
        if _code(exc) != _SQLITE_BUSY:
            raise
        raise busy from None
    if str(mode).lower() != "delete":
        raise busy


def check_rekey_room(conn: Connection) -> None:
    """Whether a rekey can be written: ``StorageFull`` or ``FileTooLarge`` (nothing changed)
    when not. The rekey rewrites every page through a rollback journal as large as the
    database; on a disk without that room SQLite rolls it back, says only that the rekey
    failed, and leaves the connection unable to read the file: the room is asked first."""
    main = _main_file(conn)
    if main is not None and _beyond_limit(main.parent, main, margin=_REKEY_MARGIN):
        raise FileTooLarge(QT_TRANSLATE_NOOP(
            "Errors", "The data key was not changed: changing it rewrites the whole database, "
            "which is near the largest file size the drive that holds the vault allows (a "
            "FAT32 drive: 4 GB) or this session allows. Nothing was changed. Move the vault "
            "folder to a drive formatted with exFAT, NTFS, APFS or ext4, then try again."))
    if _short_of_room(conn, main, margin=_REKEY_MARGIN):
        raise StorageFull(QT_TRANSLATE_NOOP(
            "Errors", "The disk is full: the data key was not changed. Free some space and "
            "try again: changing the key rewrites the whole database, which needs free "
            "space about its size."))


def rekey(conn: Connection, new_key: bytes | bytearray) -> None:
    """Re-encrypt every page under ``new_key`` (``PRAGMA rekey``); :func:`leave_wal` and
    :func:`check_rekey_room` first (the caller may call them before it stages the new key,
    to change nothing when refused). A failure of the rekey itself is reported as what it
    is; the key file's staged key then settles it on the next unlock (whichever key the
    database is under), so the caller must not discard it."""
    leave_wal(conn)
    try:
        check_rekey_room(conn)
    except StorageFull:
        conn.execute("PRAGMA journal_mode = WAL").fetchall()
        raise
    try:
        conn.execute(f"PRAGMA rekey = {key_literal(new_key)}")
    except sqlcipher3.Error as exc:
        main = _main_file(conn)
        if main is not None and _beyond_limit(main.parent, main):
            raise VaultError(QT_TRANSLATE_NOOP(
                "Errors", "Changing the data key failed: a file of the vault reached the "
                "largest size its drive allows. Nothing is lost: open the vault again and it "
                "settles the change (it says how); then move the vault folder to a drive "
                "formatted with exFAT, NTFS, APFS or ext4.")) from None
        if _disk_full(conn, exc):
            raise VaultError(QT_TRANSLATE_NOOP(
                "Errors", "Changing the data key failed: the disk is full. Nothing is lost: "
                "open the vault again and it settles the change (it says how); then free "
                "some space and try again.")) from None
        raise VaultError(QT_TRANSLATE_NOOP(
            "Errors", "Changing the data key failed: the disk reported an error. Nothing is "
            "lost: open the vault again and it settles the change (it says how); then check "
            "the disk and try again.")) from None
    conn.execute("PRAGMA journal_mode = WAL").fetchall()


def vacuum_into(conn: Connection, target: Path) -> None:
    """A consistent copy of the database at ``target`` (``VACUUM INTO``), encrypted as it
    is; a full disk there says so (``StorageFull``), and so does a copy larger than the drive
    or the session lets a file be (``FileTooLarge``)."""
    folder = Path(target).parent
    if _beyond_limit(folder, _main_file(conn)):
        raise _backup_too_large()
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    except sqlcipher3.Error as exc:
        if _beyond_limit(folder, Path(target)):
            raise _backup_too_large() from None
        if _code(exc) == _SQLITE_FULL or _short_of_room(conn, None, folder):
            raise StorageFull(QT_TRANSLATE_NOOP(
                "Errors", "The disk is full: the backup was not written. Free some space "
                "there, or choose another disk, and try again.")) from None
        raise


def _backup_too_large() -> FileTooLarge:
    return FileTooLarge(QT_TRANSLATE_NOOP(
        "Errors", "The backup would be larger than the largest file this drive allows (a "
        "FAT32 drive: 4 GB) or this session allows: it was not written. Choose another "
        "drive, or one formatted with exFAT, NTFS, APFS or ext4."))


# ---- file size limits ---------------------------------------------------------------------------
# A write past the largest file a file system takes (FAT32: 4 GiB - 1) or the process may write
# (RLIMIT_FSIZE; SIGXFSZ is ignored, so the write fails with EFBIG) reaches SQLite as a plain
# I/O error: a file of its at that size tells the two apart.
_LIMIT_MARGIN = 1024 * 1024


def size_limit(folder: Path) -> int | None:
    """The largest file that may be written in ``folder`` (None: no limit worth the name)."""
    limits = []
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        if soft != resource.RLIM_INFINITY:
            limits.append(int(soft))
    except (ImportError, OSError, ValueError):  # pragma: no cover - Windows
        pass
    with contextlib.suppress(OSError, ValueError, AttributeError):
        bits = os.pathconf(folder, "PC_FILESIZEBITS")
        if 0 < bits < 64:
            limits.append(2 ** bits - 1)
    return min(limits) if limits else None


def _beyond_limit(folder: Path, database: Path | None, *, margin: float = 1.0) -> bool:
    """Whether ``database`` (or its ``-wal``), times ``margin``, is within a MiB of the
    largest file ``folder`` takes."""
    limit = size_limit(folder)
    if limit is None or database is None:
        return False
    sizes = []
    for f in (database, database.with_name(database.name + "-wal")):
        with contextlib.suppress(OSError):
            sizes.append(f.stat().st_size)
    return bool(sizes) and max(sizes) * margin >= limit - _LIMIT_MARGIN


def _main_file(conn: Connection) -> Path | None:
    with contextlib.suppress(sqlcipher3.Error, StopIteration):
        rows = conn.execute("PRAGMA database_list").fetchall()
        return Path(next(str(r[2]) for r in rows if r[1] == "main"))
    return None


_REKEY_MARGIN = 1.1  # a rekey's journal holds every page of the file, and a little more


def _short_of_room(conn: Connection, database: Path | None, folder: Path | None = None, *,
                   margin: float = 1.0) -> bool:
    """Whether ``folder`` (the database's own, by default) has less free space than the
    database's size times ``margin`` (what a rekey's journal or a copy of it needs), or
    almost none."""
    database = database or _main_file(conn)
    try:
        size = database.stat().st_size if database is not None else 0
        where = folder or (database.parent if database is not None else None)
        return where is not None and \
            shutil.disk_usage(where).free < max(int(size * margin), LOW_SPACE)
    except OSError:
        return False


def integrity_problems(conn: Connection) -> list[str]:
    """Page HMAC failures and b-tree problems; an empty list means the file is whole."""
    problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    problems += [str(r[0]) for r in rows if r[0] != "ok"]
    return problems


@contextlib.contextmanager
def transaction(conn: Connection,
                landed: Callable[[Connection], bool] | None = None) -> Iterator[Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; roll back on any error; a full disk says so.

    A failed COMMIT is an unknown outcome (CONVENTIONS, Safety in code): SQLite may report
    an error after the transaction reached the WAL (an I/O error growing the ``-shm`` file
    on a full disk does exactly that), and crash recovery would then bring it back.
    ``landed(conn)`` re-reads whether the transaction is in the database: if it is, the
    commit counts as done; if not, the WAL is checkpointed and truncated, so the failed
    transaction cannot come back later, and only then is "nothing was changed" reported.
    """
    begin(conn)
    committing = False
    changes = conn.total_changes
    try:
        yield conn
        committing = True
        if conn.total_changes - changes >= BULK_CHANGES:
            _commit_bulk(conn)
        else:
            conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with contextlib.suppress(sqlcipher3.Error):
                conn.execute("ROLLBACK")
        full = _disk_full(conn, exc)
        too_large = isinstance(exc, sqlcipher3.Error) and _database_too_large(conn)
        if committing and isinstance(exc, sqlcipher3.Error):
            outcome = _settle_failed_commit(conn, landed, exc, too_large)
            if outcome is True:
                return  # the commit landed after all: the change is written
            if outcome is None:
                raise VaultError(
                    "The change could not be confirmed: it was either saved whole or not at "
                    f"all ({'the disk is full' if full else 'a disk error'}). Free some space "
                    "or check the disk, reopen the vault and look before trying again."
                ) from None
        if too_large:
            raise FileTooLarge(QT_TRANSLATE_NOOP(
                "Errors", "The vault's database has reached the largest file size its drive "
                "allows (a FAT32 drive: 4 GB) or this session allows: nothing was changed. "
                "Move the vault folder to a drive formatted with exFAT, NTFS, APFS or ext4, "
                "then try again.")) from None
        if full:
            raise StorageFull(QT_TRANSLATE_NOOP(
                "Errors", "The disk is full: nothing was changed. Free some space and try "
                "again.")) from None
        raise


# A transaction that changed this many rows (an import) has its WAL copied into the database
# by an explicit checkpoint after COMMIT rather than by the automatic one inside it: measured
# on a 100k-people import (400 MB of WAL), COMMIT then the checkpoint took ~2.1 s against
# ~3.0 s for the automatic one. Smaller ones keep SQLite's automatic checkpoint.
BULK_CHANGES = 10_000


def _commit_bulk(conn: Connection) -> None:
    """COMMIT without the automatic checkpoint, then checkpoint (PASSIVE: it never waits
    for a reader). The transaction is durable once COMMIT returns: a checkpoint that fails
    (a full disk) leaves it in the WAL, where the next one picks it up."""
    (every,) = conn.execute("PRAGMA wal_autocheckpoint").fetchone()
    conn.execute("PRAGMA wal_autocheckpoint = 0").fetchall()
    try:
        conn.execute("COMMIT")
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(every)}").fetchall()
    with contextlib.suppress(sqlcipher3.Error):
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


def begin(conn: Connection) -> None:
    """``BEGIN IMMEDIATE``; ``VaultBusy`` when another connection holds the write lock
    longer than the connection's busy timeout (the app writing while a command runs)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlcipher3.OperationalError as exc:
        if _code(exc) != _SQLITE_BUSY:
            raise
        raise VaultBusy(QT_TRANSLATE_NOOP(
            "Errors", "The vault is busy: another Registry window or command is writing to "
            "it. Try again when it has finished; nothing was changed.")) from None


def _settle_failed_commit(conn: Connection, landed: Callable[[Connection], bool] | None,
                          exc: BaseException, too_large: bool = False) -> bool | None:
    """True: the transaction is in the database; False: it is not, for good; None: unknown."""
    with contextlib.suppress(sqlcipher3.Error):
        if landed is not None and landed(conn):
            return True
        busy, log, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy == 0 and log <= 0:  # log -1: not in WAL mode, where the rollback is final
            return False
    # The truncation needs room (it copies the WAL into the database). Without it: SQLite
    # writes the commit frame last and reports any failure after it as an I/O error, so a
    # full disk (SQLITE_FULL) means no whole transaction reached the WAL; so does a WAL that
    # reached the file size limit (the failed write was one of its frames, the commit last).
    return False if _code(exc) == _SQLITE_FULL or too_large else None


def _database_too_large(conn: Connection) -> bool:
    main = _main_file(conn)
    return main is not None and _beyond_limit(main.parent, main)


# SQLite primary result codes: an I/O error on a nearly full disk is a full disk too (SQLite
# reports ENOSPC while growing the WAL index as SQLITE_IOERR, not SQLITE_FULL).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
LOW_SPACE = 1024 * 1024
# What opening a whole vault can fail with when its disk or folder is the trouble.
_NOT_DAMAGE = frozenset({_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL,
                         _SQLITE_CANTOPEN})


def _code(exc: BaseException) -> int:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    if "database is locked" in text:
        return _SQLITE_BUSY
    return _SQLITE_FULL if "full" in text else _SQLITE_IOERR if "disk i/o error" in text else 0


def _disk_full(conn: Connection, exc: BaseException) -> bool:
    if not isinstance(exc, sqlcipher3.Error) or _code(exc) not in (_SQLITE_FULL, _SQLITE_IOERR):
        return False
    if _code(exc) == _SQLITE_FULL:
        return True
    try:
        rows = conn.execute("PRAGMA database_list").fetchall()
        folder = Path(next(str(r[2]) for r in rows if r[1] == "main")).parent
        return shutil.disk_usage(folder).free < LOW_SPACE
    except (sqlcipher3.Error, OSError, StopIteration):
        return False
