"""Idle detection for the auto-lock: any keyboard or mouse input counts as activity.

The clock is injected (``time.monotonic`` by default) so tests move time forward instead
of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
})


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``timeout_s`` seconds without input, while armed.

    Signals:
        idle(): the user has been inactive for the timeout.
    """

    idle = Signal()

    def __init__(self, timeout_s: float, clock: Callable[[], float] = time.monotonic,
                 check_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout = timeout_s
        self._clock = clock
        self._last = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)

    def set_timeout(self, timeout_s: float) -> None:
        self._timeout = timeout_s

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def arm(self) -> None:
        self._last = self._clock()
        self._timer.start()

    def disarm(self) -> None:
        self._timer.stop()

    def touch(self) -> None:
        self._last = self._clock()

    def check(self) -> None:
        if self.armed and self._clock() - self._last >= self._timeout:
            self.disarm()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self._last = self._clock()
        return False
