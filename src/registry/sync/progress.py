"""Progress reports and cancellation for long sharing work (export, import), Qt-free.

A front end passes a ``progress(step, done, total)`` callback and a ``cancelled()`` flag
(for example ``threading.Event().is_set``); the work calls :meth:`Job.tick` between
batches, which reports and raises :class:`Cancelled` when asked to stop. Nothing is written
before the last check, so a cancelled export or import changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from registry.errors import RegistryError

ProgressFn = Callable[[str, int, int], None]
CancelFn = Callable[[], bool]


class Cancelled(RegistryError):
    """The user cancelled; nothing was written."""


def _no_progress(step: str, done: int, total: int) -> None:
    del step, done, total


def _never() -> bool:
    return False


@dataclass
class Job:
    progress: ProgressFn = _no_progress
    cancelled: CancelFn = _never

    def tick(self, step: str, done: int, total: int) -> None:
        """Report, then stop with :class:`Cancelled` if the user asked to."""
        self.progress(step, done, total)
        if self.cancelled():
            raise Cancelled("Cancelled: nothing was written.")


    def quiet(self) -> Job:
        """The same job, reporting no progress (a step inside a larger one): cancellable."""
        return Job(_no_progress, self.cancelled)


def job(progress: ProgressFn | None = None, cancelled: CancelFn | None = None) -> Job:
    return Job(progress or _no_progress, cancelled or _never)
