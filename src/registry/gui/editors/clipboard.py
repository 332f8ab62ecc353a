"""Copying contact details: the clipboard is cleared after a while unless it changed meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000


class ClipboardGuard(QObject):
    """Puts text on the clipboard and takes it off again after ``clear_after_ms``.

    The text is marked for clipboard managers as a secret (KDE's password-manager hint,
    Windows' exclude-from-history format), so that they do not keep a copy. If the
    clipboard holds something else when the time is up, it is left alone.

    Signals:
        cleared(): the copied text was taken off the clipboard.
    """

    cleared = Signal()

    def __init__(self, parent: QObject | None = None, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self._text: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self._expire)
        self._clipboard().dataChanged.connect(self._on_changed)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    @property
    def interval(self) -> int:
        return self._timer.interval()

    def copy(self, text: str) -> None:
        self._text = None  # our own change below must not cancel the new timer
        mime = QMimeData()
        mime.setText(text)
        mime.setData("x-kde-passwordManagerHint", b"secret")
        mime.setData("ExcludeClipboardContentFromMonitorProcessing", b"1")
        self._clipboard().setMimeData(mime)
        self._text = text
        self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def _on_changed(self) -> None:
        if self._text is not None and self._clipboard().text() != self._text:
            self._text = None
            self._timer.stop()

    def _expire(self) -> None:
        if self._text is not None and self._clipboard().text() == self._text:
            self._clipboard().clear()
            self.cleared.emit()
        self._text = None

    def clear_now(self) -> None:
        """Take our text off the clipboard at once (on lock)."""
        if self._timer.isActive():
            self._timer.stop()
            self._expire()
