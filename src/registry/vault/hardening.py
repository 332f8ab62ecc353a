"""Process hardening: no core dumps, no same-user debugger attach; in-place zeroing of secrets.

A core dump of an unlocked app holds the data key and decrypted records; on Linux
``PR_SET_DUMPABLE = 0`` also stops other processes of the same user from attaching with
ptrace or reading ``/proc/<pid>/mem``. Python cannot promise that no copy of a secret
survives (immutable ``bytes`` made along the way, freed memory not cleared), so zeroing
``bytearray`` buffers narrows the window rather than closing it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType

_PR_SET_DUMPABLE = 4
_log = logging.getLogger(__name__)


def harden_process() -> None:
    """Disable core dumps (POSIX) and mark the process non-dumpable (Linux); never raises."""
    _disable_core_dumps()
    if sys.platform.startswith("linux"):
        _set_not_dumpable()


def _disable_core_dumps() -> None:
    """Set the soft and hard ``RLIMIT_CORE`` to 0 where the platform has it."""
    try:
        import resource
    except ImportError:  # Windows: no core files to disable
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError) as exc:
        _log.warning("Could not disable core dumps: %s", type(exc).__name__)


def _set_not_dumpable() -> None:
    """Call ``prctl(PR_SET_DUMPABLE, 0)`` through libc."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        result = libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError) as exc:
        _log.warning("Could not mark the process non-dumpable: %s", type(exc).__name__)
        return
    if result != 0:
        _log.warning("prctl(PR_SET_DUMPABLE) failed with errno %d", ctypes.get_errno())


# ---- termination signals -------------------------------------------------------------------------
# SIGTERM (``kill``, ``timeout``, a logout) and SIGHUP (the terminal closed) end a process at
# once by default: no ``finally`` runs, so a plaintext export's temp file would stay behind.
_TERMINATING = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))
_FILE_SIZE = tuple(getattr(signal, n) for n in ("SIGXFSZ",) if hasattr(signal, n))


class Terminated(KeyboardInterrupt):
    """A termination signal arrived: unwinds like Ctrl-C, so every cleanup runs."""


@contextlib.contextmanager
def unwinding_on_termination() -> Iterator[None]:
    """The command line's handling, while the command runs: SIGTERM and SIGHUP raise
    :class:`Terminated` in the main thread, as Ctrl-C raises KeyboardInterrupt. Also ignores
    SIGXFSZ (Python does at start; said here so it holds however the interpreter was
    embedded): a write past the file size limit then fails with EFBIG, which is reported,
    instead of killing the process. The handlers before are put back afterwards; off the
    main thread (where no handler can be set) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (*_TERMINATING, *_FILE_SIZE)}
    on_termination(_raise_terminated)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def on_termination(callback: Callable[[], None]) -> None:
    """Call ``callback`` in the main thread on the first SIGTERM or SIGHUP; later ones are
    ignored, so the unwinding or shutdown they start is not cut short. Main thread only."""
    def handler(_signum: int, _frame: FrameType | None) -> None:
        for sig in _TERMINATING:
            signal.signal(sig, signal.SIG_IGN)
        callback()

    for sig in _TERMINATING:
        signal.signal(sig, handler)
    for sig in _FILE_SIZE:
        signal.signal(sig, signal.SIG_IGN)


def _raise_terminated() -> None:
    raise Terminated


def zero(buf: bytearray) -> None:
    """Overwrite ``buf`` with zero bytes in place (its length does not change)."""
    if not isinstance(buf, bytearray):
        raise TypeError("zero() needs a bytearray")
    buf[:] = bytes(len(buf))
