"""Start the desktop app: ``registry gui`` and ``registry demo --open`` call :func:`run`."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger("registry.gui.qt")


def _qt_messages(mode: object, _context: object, message: str) -> None:
    """Qt's own warnings go to the log at debug level, never to the user's terminal."""
    log.debug("qt %s: %s", getattr(mode, "name", mode), message)


def _quit_on_termination(app: QApplication) -> None:
    """SIGTERM or SIGHUP (a logout, ``kill``) quits as the Quit command does: the running job
    finishes or is cleaned up, the vault is locked. Python runs signal handlers only between
    its own bytecodes, so a timer lets it look while Qt's event loop waits."""
    from PySide6.QtCore import QTimer

    from registry.vault.hardening import on_termination

    on_termination(app.quit)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def run(vault_dir: Path, *, chosen: bool = False) -> int:
    """The desktop app's entry point: hardens the process before any secret is in memory.
    ``chosen``: the folder was given (``--vault``); without a vault there, the app asks
    before creating one."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from registry.gui import i18n
    from registry.gui.controller import AppController
    from registry.gui.icons import icon
    from registry.gui.settings import Settings
    from registry.gui.tasks import Tasks
    from registry.vault.hardening import harden_process

    harden_process()
    os.umask(0o077)
    qInstallMessageHandler(_qt_messages)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Registry")
    app.setOrganizationName("Registry")
    app.setWindowIcon(icon("registry"))
    app.setQuitOnLastWindowClosed(False)
    settings = Settings()
    i18n.install(app, settings.language)
    controller = AppController(Path(vault_dir), Tasks(), settings, chosen=chosen)
    controller.quit_requested.connect(app.quit)
    _quit_on_termination(app)
    controller.start()
    try:
        return int(app.exec())
    finally:
        controller.shutdown()
