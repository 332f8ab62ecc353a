"""The application controller: unlock or first run, the main window, locking and settings.

Lock (Ctrl+L or idle) clears and destroys the main window with every model, form and open
editor, then closes the vault on the database thread: after it no widget holds record data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from registry.gui import backup_ui, change_passphrase, i18n
from registry.gui.first_run import FirstRunDialog
from registry.gui.i18n import translate
from registry.gui.idle import IdleWatcher
from registry.gui.mainwindow import MainWindow
from registry.gui.recovery.ceremony import add_recovery_buttons, add_recovery_from_backup
from registry.gui.recovery.shares import install_recovery_action
from registry.gui.settings import Settings
from registry.gui.settings_dialog import SettingsDialog
from registry.gui.tasks import TaskRunner
from registry.gui.unlock import UnlockDialog

if TYPE_CHECKING:
    from registry.vault.kdf import KdfParams


def _keychain_usable() -> bool:
    from registry.vault import keychain

    return bool(keychain.backend_status().usable)


def _remembered(root: Path) -> bool:
    from registry.service import is_remembered

    return is_remembered(root)


class AppController(QObject):
    """Owns the windows and the vault's life cycle.

    Signals:
        unlocked(): the main window is up on an open vault.
        locked(): the vault was closed and every window cleared.
        quit_requested(): the user asked to quit.
    """

    unlocked = Signal()
    locked = Signal()
    quit_requested = Signal()

    def __init__(self, root: Path, tasks: TaskRunner, settings: Settings, *,
                 clock: Callable[[], float] = time.monotonic, idle_check_ms: int = 1000,
                 kdf: KdfParams | None = None, chosen: bool = False) -> None:
        super().__init__()
        self.root = Path(root)
        self.chosen = chosen  # the folder was given (--vault), not the default one
        self.tasks = tasks
        self.settings = settings
        self.kdf = kdf
        self.window: MainWindow | None = None
        self.gate: QDialog | None = None
        self.idle = IdleWatcher(settings.autolock_minutes * 60, clock, idle_check_ms, self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

    # -- start ---------------------------------------------------------------------------------
    def start(self) -> None:
        from registry.vault.layout import VaultPaths

        paths = VaultPaths(self.root)
        if paths.exists() or paths.db.exists():  # without its key file: restore or recover
            self._show_unlock()
        elif self.chosen:
            self._ask_create_here()
        else:
            self._show_first_run()
        from registry.gui import preload
        from registry.gui.tasks import BACKGROUND

        self.tasks.call(preload.warm_up, lambda _r: preload.freeze(), lambda _e: None,
                        priority=BACKGROUND)

    def _show_unlock(self) -> None:
        dialog = UnlockDialog(self.tasks, self.root, keychain_usable=False)
        backup_ui.add_restore_button(dialog, self.tasks, self.root)
        add_recovery_buttons(dialog, self.tasks, self.root)
        dialog.unlocked.connect(self._opened)
        dialog.quit_requested.connect(self.quit_requested)
        self._set_gate(dialog)
        root = self.root
        self.tasks.call(lambda: _remembered(root), dialog.set_keychain_usable,
                        lambda _e: dialog.set_keychain_usable(False))

    def _ask_create_here(self) -> None:
        """``--vault`` names a folder without a vault: a typing error must not quietly start
        a new, empty vault somewhere unexpected."""
        box = QMessageBox(QMessageBox.Icon.Question, translate("AppController", "No vault here"),
                          translate("AppController", "There is no vault in {0}.\n\nCreate a new "
                                    "vault in this folder? If you meant another folder, quit "
                                    "and start Registry again with that one.")
                          .replace("{0}", str(self.root)),
                          QMessageBox.StandardButton.NoButton)
        create = box.addButton(translate("AppController", "Create a vault here"),
                               QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("AppController", "Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(QMessageBox.StandardButton.NoButton)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.buttonClicked.connect(lambda b: self._show_first_run() if b == create
                                  else self.quit_requested.emit())
        self._set_gate(box)

    def _show_first_run(self) -> None:
        dialog = FirstRunDialog(self.tasks, self.root, keychain_usable=False, kdf=self.kdf)
        add_recovery_from_backup(dialog, self.tasks, self.root)
        dialog.created.connect(self._opened)
        dialog.quit_requested.connect(self.quit_requested)
        self._set_gate(dialog)
        self.tasks.call(_keychain_usable, dialog.set_keychain_usable,
                        lambda _e: dialog.set_keychain_usable(False))

    def _set_gate(self, dialog: QDialog) -> None:
        self._drop_gate()
        self.gate = dialog
        dialog.show()

    def _drop_gate(self) -> None:
        if self.gate is not None:
            self.gate.hide()
            self.gate.deleteLater()
            self.gate = None

    def _opened(self, _identity: object) -> None:
        """Build the main window (its first list starts loading) while the gate still shows;
        show it in a later turn of the event loop. Built, laid out and painted in one go the
        window held the GUI thread for 60–110 ms at 100k people (``benchmarks/bench_gui.py``);
        in two turns neither half stalls it for long."""
        window = MainWindow(self.tasks)
        backup_ui.install_backup_action(window, self.tasks)
        change_passphrase.install_passphrase_action(window, self.tasks)
        install_recovery_action(window, self.tasks)
        window.lock_requested.connect(self.lock)
        window.settings_requested.connect(self.open_settings)
        window.quit_requested.connect(self.quit_requested)
        geometry = self.settings.get("window/geometry")
        if not geometry.isEmpty():
            window.restoreGeometry(geometry)
        self.window = window
        notice = str(getattr(self.gate, "notice", ""))
        QTimer.singleShot(0, self, lambda: self._present(window, notice))

    def _present(self, window: MainWindow, notice: str = "") -> None:
        if window is not self.window:  # locked or shut down before its turn came
            return
        self._drop_gate()
        window.show()
        if notice:  # the unlock finished a key rotation a crash cut short: say what it did
            box = QMessageBox(QMessageBox.Icon.Information,
                              translate("AppController", "Data key change finished"), notice,
                              QMessageBox.StandardButton.Ok, window)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.idle.set_timeout(self.settings.autolock_minutes * 60)
        self.idle.arm()
        self._warm_up(0)  # the first search after unlock is then warm
        self.unlocked.emit()

    def _warm_up(self, after: int) -> None:
        """Read the search index in small background jobs that searches overtake."""
        from registry.gui.tasks import BACKGROUND

        def next_step(position: int | None) -> None:
            if position is not None and self.window is not None:
                self._warm_up(position)

        self.tasks.run(lambda reg: reg.warm_up(after), next_step, lambda _e: None,
                       priority=BACKGROUND)

    # -- lock ----------------------------------------------------------------------------------
    def lock(self) -> None:
        """Clear every window, close the vault, and ask for the passphrase again."""
        self.idle.disarm()
        window, self.window = self.window, None
        if window is not None:
            self.settings.set("window/geometry", window.saveGeometry())
            window.clear()
            window.hide()
            window.deleteLater()
        self.tasks.close()
        self._show_unlock()
        self.locked.emit()

    @property
    def is_unlocked(self) -> bool:
        return self.window is not None

    # -- settings and quit ------------------------------------------------------------------------
    def open_settings(self) -> None:
        if self.window is None:
            return
        dialog = SettingsDialog(self.settings, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_settings()

    def apply_settings(self) -> None:
        self.idle.set_timeout(self.settings.autolock_minutes * 60)
        app = QApplication.instance()
        if app is not None:
            i18n.install(app, self.settings.language)

    def shutdown(self) -> None:
        self.idle.disarm()
        if self.window is not None:
            self.settings.set("window/geometry", self.window.saveGeometry())
            self.window.clear()
            self.window.hide()
            self.window.deleteLater()
            self.window = None
        self._drop_gate()
        self.tasks.shutdown()
