"""Process hardening: no core dumps, no same-user debugger attach; in-place zeroing of secrets.

A core dump of an unlocked app holds the data key and decrypted records; on Linux
``PR_SET_DUMPABLE = 0`` also stops other processes of the same user from attaching with
ptrace or reading ``/proc/<pid>/mem``. Python cannot promise that no copy of a secret
survives (immutable ``bytes`` made along the way, freed memory not cleared), so zeroing
``bytearray`` buffers narrows the window rather than closing it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

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


def zero(buf: bytearray) -> None:
    """Overwrite ``buf`` with zero bytes in place (its length does not change)."""
    if not isinstance(buf, bytearray):
        raise TypeError("zero() needs a bytearray")
    buf[:] = bytes(len(buf))
