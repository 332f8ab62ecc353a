"""Process hardening and zeroing."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import logging
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.vault import hardening
from registry.vault.hardening import (
    Terminated,
    harden_process,
    unwinding_on_termination,
    zero,
)

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


# -- who hardens: the entry points, never the core (so in-process tests leave the worker alone)
_STATE = ("import ctypes, ctypes.util, os, resource\n"
          "def state():\n"
          "    libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6')\n"
          "    return (resource.getrlimit(resource.RLIMIT_CORE)[1], libc.prctl(3, 0, 0, 0, 0),\n"
          "            oct(os.umask(0)))\n")
HARDENED = "(0, 0, '0o77')"

# The app's entry point with a stand-in controller that quits at once.
_GUI_RUN = """
from PySide6.QtCore import QObject, QTimer, Signal
import registry.gui.controller

class Controller(QObject):
    quit_requested = Signal()

    def __init__(self, root, tasks, settings, **options):
        super().__init__()
        self.tasks = tasks

    def start(self):
        QTimer.singleShot(0, self.quit_requested.emit)

    def shutdown(self):
        self.tasks.shutdown()

registry.gui.controller.AppController = Controller
from registry.gui.app import run
run(VAULT)
"""


def _output(code: str, tmp_path: Path) -> list[str]:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", f"{_STATE}{code}\nprint(state())"],
                          capture_output=True, text=True, timeout=120, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@linux_only
def test_the_command_line_hardens_its_process(tmp_path: Path) -> None:
    code = ("from registry.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass")
    assert _output(code, tmp_path)[-1] == HARDENED


@linux_only
@pytest.mark.gui
def test_the_app_hardens_its_process(tmp_path: Path) -> None:
    code = _GUI_RUN.replace("VAULT", repr(str(tmp_path / "vault")))
    assert _output(code, tmp_path)[-1] == HARDENED


@linux_only
def test_opening_a_vault_leaves_the_process_as_it_was(tmp_path: Path) -> None:
    """The core does not harden: a library caller (or a test worker) keeps its own state,
    and the vault's files are owner-only all the same."""
    vault = f"__import__('pathlib').Path({str(tmp_path / 'v')!r})"
    code = ("from registry.service import Registry\n"
            "from registry.vault.keyfile import FAST_TEST_PARAMS\n"
            "os.umask(0o022)\n"
            f"Registry.create({vault}, 'correct horse battery staple', name='T', org='O',\n"
            "                country='SE', kdf=FAST_TEST_PARAMS).lock()\n"
            f"reg = Registry.unlock({vault}, 'correct horse battery staple')\n"
            f"print(sorted(oct(p.stat().st_mode & 0o777) for p in {vault}.iterdir()))\n"
            "reg.lock()")
    hard_limit = resource.getrlimit(resource.RLIMIT_CORE)[1]
    modes, state = _output(code, tmp_path)[-2:]
    assert state == f"({hard_limit}, 1, '0o22')"
    assert modes == str(["0o600"] * 5)  # registry.db, its -wal and -shm, vault.key, vault.lock


def test_a_termination_signal_unwinds_like_ctrl_c_and_the_handlers_come_back() -> None:
    """SIGTERM raises ``Terminated`` (a KeyboardInterrupt) in the main thread, so every
    ``finally`` runs; a second signal while unwinding is ignored; the handlers before are
    put back afterwards."""
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    cleaned: list[bool] = []
    with pytest.raises(Terminated), unwinding_on_termination():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler raises before this ends
        finally:
            os.kill(os.getpid(), signal.SIGHUP)  # ignored: the unwinding goes on
            cleaned.append(True)
    assert cleaned == [True]
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before


def test_off_the_main_thread_no_handler_is_set() -> None:
    seen: list[object] = []

    def run() -> None:
        with unwinding_on_termination():
            seen.append(signal.getsignal(signal.SIGTERM))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert seen == [signal.getsignal(signal.SIGTERM)]
