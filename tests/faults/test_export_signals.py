"""A plaintext export stopped by a signal leaves nothing readable in the chosen folder.

SIGTERM (``kill``, a logout) and SIGHUP (the terminal closed) unwind the command line like
Ctrl-C, so the export's temporary file is removed; kill -9 cannot be caught, so where the
system allows the temporary file has no name until it is whole (``O_TMPFILE``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from tests.conftest import Cli
from tests.faults.conftest import make_vault
from tests.passphrase import PASSPHRASE

SECRET = "Секретова"

# The real command line, its export held after its first bytes reached the temporary file
# (so the signal surely comes mid-export); ``named`` makes the file a named one, as on a
# file system without O_TMPFILE (FAT32).
CHILD = r"""
import sys, time
from pathlib import Path
import registry.fsutil as F
import registry.interop.csv_export as C
from registry.cli import main
if sys.argv[1] == "named":
    F._O_TMPFILE = 0
real = C.atomic_writer
class Held:
    def __init__(self, handle): self.handle = handle
    def write(self, data):
        n = self.handle.write(data); self.handle.flush()
        Path(sys.argv[2]).touch()
        for _ in range(600): time.sleep(0.1)  # a signal landing just before a sleep waits
        return n                              # one slice, not the whole minute
    def __getattr__(self, name): return getattr(self.handle, name)
import contextlib
@contextlib.contextmanager
def held(path, *a, **k):
    with real(path, *a, **k) as handle:
        yield Held(handle)
C.atomic_writer = held
sys.exit(main(sys.argv[3:]))
"""


def _export(cli: Cli, vault: Path, out: Path, mode: str) -> tuple[subprocess.Popen[str], Path]:
    ready = vault.parent / "ready"
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(ready), "--vault", str(vault), "export-csv",
         str(out / "people.csv"), "--kind", "person"],
        env=cli.env(PASSPHRASE), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return proc, ready


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    reg = make_vault(root)
    reg.add(Kind.PERSON, {"name": f"Анна {SECRET}", "notes": "plaintext note"})
    reg.lock()
    return root


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_export_removes_its_temporary_file(vault: Path, tmp_path: Path, cli: Cli,
                                                         sig: signal.Signals) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    proc, _ = _export(cli, vault, out, "named")
    assert [p.suffix for p in out.iterdir()] == [".tmp"]  # control: it was there
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err  # unwound and reported, not killed by the signal
    assert list(out.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="O_TMPFILE is Linux's")
def test_an_export_killed_outright_leaves_nothing_behind(vault: Path, tmp_path: Path,
                                                         cli: Cli) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    try:
        os.close(os.open(out, os.O_TMPFILE | os.O_WRONLY, 0o600))
    except (AttributeError, OSError):
        pytest.skip("this file system has no O_TMPFILE")
    proc, _ = _export(cli, vault, out, "unnamed")
    held = [os.readlink(f) for f in Path(f"/proc/{proc.pid}/fd").iterdir()
            if os.readlink(f).startswith(str(out))]
    assert held  # control: the export is writing in that folder, to a file without a name
    proc.kill()
    proc.communicate(timeout=60)
    assert list(out.iterdir()) == []


def test_an_export_run_to_its_end_is_whole(vault: Path, tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    result = cli(vault, "export-csv", str(out / "people.csv"), "--kind", "person")
    assert result.code == 0, result.err
    assert [p.name for p in out.iterdir()] == ["people.csv"]
    assert SECRET in (out / "people.csv").read_text(encoding="utf-8")
    assert (out / "people.csv").stat().st_mode & 0o777 == 0o600
