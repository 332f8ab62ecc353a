"""No network from the desktop app: started, unlocked and used with internet sockets refused.

The real controller runs in a subprocess (offscreen) under the same audit hook as the CLI
test: it refuses and logs every non-AF_UNIX socket, internet connect/bind/send and name
lookup. The app unlocks through its dialog, shows the main window, searches, locks, and
the log stays empty.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.faults.test_no_network import SITECUSTOMIZE
from tests.passphrase import PASSPHRASE

pytestmark = [pytest.mark.slow, pytest.mark.gui]

DRIVER = r"""
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from registry.gui.controller import AppController
from registry.gui.settings import Settings
from registry.gui.tasks import Tasks

import socket

try:  # the hook is live: an internet socket is refused (then the log starts empty)
    socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sys.exit("the audit hook is not installed")
except PermissionError:
    open(os.environ["NO_NETWORK_LOG"], "w").close()

app = QApplication(sys.argv[:1])
app.setQuitOnLastWindowClosed(False)
controller = AppController(Path(sys.argv[1]), Tasks(), Settings())
steps = []


def unlock():
    gate = controller.gate
    if gate is None:
        return QTimer.singleShot(100, unlock)
    gate.ui.passphraseEdit.setText(sys.argv[2])
    gate.unlock_with_passphrase()
    QTimer.singleShot(100, opened)


def opened():
    if controller.window is None:
        return QTimer.singleShot(100, opened)
    steps.append("unlocked")
    controller.tasks.run(lambda reg: reg.search("Ivanov"), searched)


def searched(hits):
    steps.append(f"searched {len(hits)}")
    controller.lock()
    steps.append("locked")
    QTimer.singleShot(500, finish)


def finish():
    # the unlock dialog is shown again, modal: end here rather than through its event loop
    controller.shutdown()
    print(" ".join(steps), flush=True)
    os._exit(0)


QTimer.singleShot(60_000, lambda: os._exit(3))
controller.start()
QTimer.singleShot(200, unlock)
app.exec()
"""


def test_desktop_app_opens_no_network(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    assert cli(vault, "demo", "--people", "200").code == 0
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network-attempts.log"
    env = cli.env(None, {"PYTHONPATH": os.pathsep.join([str(site), *sys.path]),
                         "NO_NETWORK_LOG": str(log), "QT_QPA_PLATFORM": "offscreen"})
    done = subprocess.run([sys.executable, "-c", DRIVER, str(vault), PASSPHRASE], env=env,
                          capture_output=True, text=True, timeout=120, check=False,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split()[:1] == ["unlocked"] and "locked" in done.stdout
    assert not log.exists() or log.read_text() == "", log.read_text()
    print(f"no network (desktop app under the audit hook): {done.stdout.strip()}, 0 attempts")
