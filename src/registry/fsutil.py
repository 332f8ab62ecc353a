"""File-system helpers: atomic, permission-first writes (CONVENTIONS: Safety in code)."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from registry.errors import (
    QT_TRANSLATE_NOOP,
    FileTooLarge,
    InvalidInput,
    StorageFull,
    WriteFailed,
    os_reason,
)


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Yield a file in the target's folder; on success fsync it and ``os.replace`` it over ``path``.

    The temporary file is created with ``mode`` before any byte is written, and removed on
    any error, so a crash or a full disk leaves either the old file or the new one. Where the
    system allows (Linux, most local file systems) it has no name while it is written
    (``O_TMPFILE``), and is linked under a temporary name only once whole: a process killed
    with SIGKILL, or a power cut, mid-write leaves nothing behind to read — an export's
    plaintext included. Elsewhere (FAT32 sticks, macOS, Windows) it is a hidden named file,
    removed on any error and signal the process can catch.
    """
    path = Path(path)
    tmp: str | None = None
    try:
        fd = _open_unnamed(path.parent)
        if fd is None:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _not_written(path, exc) from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            if tmp is None:
                tmp = _link_unnamed(handle.fileno(), path)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        _discard(tmp)
        raise _not_written(path, exc) from None
    except BaseException:
        _discard(tmp)
        raise


_O_TMPFILE = getattr(os, "O_TMPFILE", 0)
_FD_LINKS = Path("/proc/self/fd")


def _open_unnamed(folder: Path) -> int | None:
    """A new file without a name in ``folder`` (owner-only), or None where the system or the
    file system has none (the caller then makes a named one, which reports any error)."""
    if not _O_TMPFILE or not _FD_LINKS.is_dir():
        return None
    try:
        return os.open(folder, _O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError:
        return None


def _link_unnamed(fd: int, path: Path) -> str:
    """Give the whole unnamed file behind ``fd`` a temporary name beside ``path``
    (``linkat`` following ``/proc/self/fd/N``: a directory descriptor makes Python call
    ``linkat`` with AT_SYMLINK_FOLLOW instead of ``link``, which would not follow it)."""
    folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for _ in range(100):
            name = f".{path.name}.{secrets.token_hex(6)}.tmp"
            try:
                os.link(_FD_LINKS / str(fd), name, src_dir_fd=folder, dst_dir_fd=folder,
                        follow_symlinks=True)
            except FileExistsError:
                continue
            return str(path.parent / name)
    finally:
        os.close(folder)
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _not_written(path: Path, exc: OSError) -> StorageFull | WriteFailed:
    """The error to report when writing ``path`` failed with ``exc``: what to do, no traceback."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFull(QT_TRANSLATE_NOOP(
            "Errors", "The disk is full: {name} was not written. Free some space and try "
            "again."), name=path.name)
    if exc.errno == errno.EFBIG:
        return FileTooLarge(QT_TRANSLATE_NOOP(
            "Errors", "{name} would be larger than the largest file this drive allows (a FAT32 "
            "drive: 4 GB) or this session allows: it was not written. Choose another drive, or "
            "one formatted with exFAT, NTFS, APFS or ext4."), name=path.name)
    return WriteFailed(QT_TRANSLATE_NOOP(
        "Errors", "{path} could not be written ({reason}). Choose a folder that exists and "
        "that you may write to; nothing was written."), path=path, reason=os_reason(exc))


def open_input(path: Path, buffering: int = -1) -> io.BufferedReader | io.FileIO:
    """Open a file the user gave (a bundle, card, statement, share, request, backup) for
    reading, refusing at once anything but a regular file: a named pipe made a plain open
    wait for a writer for ever, a device could be read without end. Raises ``InvalidInput``
    for those, ``OSError`` as ``open`` does for the rest."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    if not regular:
        os.close(fd)
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{path} is not a regular file (a folder, pipe or device): choose the "
            "file itself. Nothing was changed."), path=path)
    os.set_blocking(fd, True)
    return cast("io.BufferedReader | io.FileIO", os.fdopen(fd, "rb", buffering=buffering))


def check_writable(folder: Path, size: int) -> None:
    """Write ``size`` bytes into ``folder`` and take them back: whether files that large can
    be written there now (a missing or read-only folder, a full disk). Asked before a change
    that cannot be taken back needs them written after it."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".registry-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _not_written(Path(folder), exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(bytes(size))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise _not_written(Path(folder), exc) from None
    finally:
        _discard(tmp)


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` atomically with permissions ``mode``."""
    with atomic_writer(path, mode) as handle:
        handle.write(data)


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _discard(tmp: str | None) -> None:
    if tmp is None:
        return
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


# ---- advisory locks ------------------------------------------------------------------------------
try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks
    fcntl = None  # type: ignore[assignment]


def lock_path(path: Path, *, shared: bool, wait: float, flags: int = 0,
              missing_waits: bool = False) -> int | None:
    """A descriptor of ``path`` (opened with ``os.O_RDONLY | flags``) holding a ``flock``,
    shared or exclusive: the lock of the file or folder at that path now, not of one moved
    or replaced while it was taken. Waits up to ``wait`` seconds for other holders, then
    raises ``TimeoutError`` (the caller says why in its own words). None where nothing can
    be locked: no advisory locks (Windows), a file system without them (some network
    shares), or a path that cannot be opened — but with ``missing_waits`` a missing one is
    waited for as a holder is (a folder is missing for an instant while a restore swaps
    it)."""
    if fcntl is None:  # pragma: no cover - Windows
        return None
    mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
    deadline = time.monotonic() + wait
    while True:
        try:
            fd: int | None = os.open(path, os.O_RDONLY | flags, 0o600)
        except FileNotFoundError:
            if not missing_waits:
                return None
            fd = None
        except OSError:
            return None
        if fd is not None:
            try:
                fcntl.flock(fd, mode)
            except BlockingIOError:
                os.close(fd)
            except OSError:
                os.close(fd)
                return None
            else:
                if _same_file(path, fd):
                    return fd
                os.close(fd)
        if time.monotonic() >= deadline:
            raise TimeoutError(str(path))
        time.sleep(0.05)


def _same_file(path: Path, fd: int) -> bool:
    try:
        here = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)
