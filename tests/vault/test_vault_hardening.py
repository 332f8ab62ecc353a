"""Process hardening and zeroing."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import logging
import resource
import subprocess
import sys
from collections.abc import Iterator

import pytest

from registry.vault import hardening
from registry.vault.hardening import harden_process, zero

PR_GET_DUMPABLE = 3
PR_SET_DUMPABLE = 4
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux")


def _dumpable() -> int:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    return int(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


@pytest.fixture
def restore_process() -> Iterator[None]:
    """Undo harden_process() after an in-process test (raising limits back needs root)."""
    limits = resource.getrlimit(resource.RLIMIT_CORE)
    yield
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
    with contextlib.suppress(OSError, ValueError):  # not root: core dumps stay off, harmless
        resource.setrlimit(resource.RLIMIT_CORE, limits)


@linux_only
def test_harden_process_in_a_fresh_process() -> None:
    """A new process: no core dumps (soft and hard limit 0) and not dumpable."""
    snippet = (
        "import ctypes, ctypes.util, json, resource\n"
        "from registry.vault.hardening import harden_process\n"
        "harden_process()\n"
        "libc = ctypes.CDLL(ctypes.util.find_library('c'))\n"
        "print(json.dumps({'core': resource.getrlimit(resource.RLIMIT_CORE),\n"
        "                  'dumpable': libc.prctl(3, 0, 0, 0, 0)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True,
                          timeout=60, check=True)
    assert json.loads(done.stdout) == {"core": [0, 0], "dumpable": 0}


@linux_only
def test_harden_process_in_process(restore_process: None) -> None:
    harden_process()
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
    assert _dumpable() == 0
    harden_process()  # twice is fine
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


def test_elsewhere_only_core_limit(restore_process: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """On macOS and other POSIX systems: the core limit only, prctl is not called."""
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(hardening, "_set_not_dumpable", lambda: pytest.fail("prctl called"))
    harden_process()
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


def test_no_resource_module_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no ``resource`` module: nothing to do, nothing raised."""
    monkeypatch.setitem(sys.modules, "resource", None)
    monkeypatch.setattr(sys, "platform", "win32")
    harden_process()


def test_failures_are_logged_not_raised(monkeypatch: pytest.MonkeyPatch,
                                        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(resource, "RLIMIT_CORE", -12345)           # setrlimit: ValueError
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: "/nonexistent/libc.so")
    with caplog.at_level(logging.WARNING, logger="registry.vault.hardening"):
        harden_process()
    messages = " ".join(record.getMessage() for record in caplog.records)
    assert "core dumps" in messages
    assert "non-dumpable" in messages


@linux_only
def test_prctl_error_is_logged(monkeypatch: pytest.MonkeyPatch,
                               caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(hardening, "_PR_SET_DUMPABLE", 0x7FFFFFF)  # no such option: EINVAL
    with caplog.at_level(logging.WARNING, logger="registry.vault.hardening"):
        hardening._set_not_dumpable()
    assert "errno" in caplog.text


def test_zero_overwrites_in_place() -> None:
    secret = bytearray(b"\x01" * 32)
    view = memoryview(secret)
    zero(secret)
    assert secret == bytearray(32)
    assert bytes(view) == bytes(32)  # the same buffer, not a replacement
    view.release()
    empty = bytearray()
    zero(empty)
    assert empty == bytearray()


def test_zero_refuses_immutable() -> None:
    with pytest.raises(TypeError):
        zero(b"immutable")  # type: ignore[arg-type]
