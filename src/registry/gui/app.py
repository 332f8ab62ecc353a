"""Start the desktop app: ``registry gui`` and ``registry demo --open`` call :func:`run`."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("registry.gui.qt")


def _qt_messages(mode: object, _context: object, message: str) -> None:
    """Qt's own warnings go to the log at debug level, never to the user's terminal."""
    log.debug("qt %s: %s", getattr(mode, "name", mode), message)


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
    controller.start()
    try:
        return int(app.exec())
    finally:
        controller.shutdown()
