"""One worker thread owns the vault: every call into the :class:`Registry` runs there.

The GUI holds a :class:`Tasks` and asks it to ``run(fn, on_done, on_error)``: ``fn(registry)``
runs on the database thread and its result comes back to the GUI thread by a queued signal
(Anki's ``taskman``, Picard's ``run_task``). Jobs run one at a time in the order given, so
the connection is never shared between threads.

Jobs have a priority: what the user waits for (the head of a list, the rows on screen,
opening and closing the vault) goes before background work (full id arrays, filter values,
preloading). A job may carry a ``stale()`` predicate: it is asked on the database thread just
before the job would start, and a stale job (a superseded search keystroke, rows of a list
that was re-queried) is skipped — its callbacks are never called.

Locking bumps a generation counter: results of jobs queued before the lock are dropped on
arrival, so no record data reaches a window after it was cleared. :class:`SyncTasks` is a
synchronous fake with the same interface for tests (Picard's ``FakeThreadPool``); the code
that takes either is typed with the :class:`TaskRunner` protocol both satisfy.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from registry.errors import RegistryError, VaultLocked
from registry.gui.errors import error_text
from registry.sync.progress import Cancelled, Job

if TYPE_CHECKING:
    from registry.service import Registry

T = TypeVar("T")
log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], object]  # what it returns is not used
Opener = Callable[[], "Registry"]
Stale = Callable[[], bool]

# job priorities: lower runs first; equal priorities run in the order given
URGENT = 0  # open, close, and what the user is looking at (a list's head, rows on screen)
NORMAL = 1  # ordinary work (editors, record views)
BACKGROUND = 2  # full id arrays, filter choices, preloading


class _Skipped:
    """The result of a job whose ``stale()`` said it was superseded before it started."""


SKIPPED = _Skipped()


def error_message(exc: BaseException) -> str:
    """A message safe to show, in the interface language: RegistryError texts carry no record
    content (:func:`registry.gui.errors.error_text`); others are generic."""
    if isinstance(exc, RegistryError):
        return error_text(exc)
    return QCoreApplication.translate(
        "Tasks", "The operation failed unexpectedly and nothing was changed. If it happens "
        "again, restart the application.")


StepProgress = Callable[[str, int, int], None]
"""What the GUI hears of a long job: the core's ``progress(step, done, total)``."""


def _no_progress(step: str, done: int, total: int) -> None:
    del step, done, total


class Running:
    """Handle of a cancellable job on the database thread. The job itself gets the core's
    :class:`registry.sync.progress.Job` (one progress and cancel model for the core and the
    app): its ``tick`` reports and raises the core's ``Cancelled`` once :meth:`cancel` was
    called."""

    def __init__(self, report: StepProgress) -> None:
        self._cancel = threading.Event()
        self.job = Job(report, self._cancel.is_set)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class TaskRunner(Protocol):
    """What windows and dialogs need of the database thread: :class:`Tasks`, or in tests
    :class:`SyncTasks`. See :class:`Tasks` for what each method does."""

    def run(self, fn: Callable[[Registry], T], on_done: Callable[[T], None],
            on_error: Failed | None = None, *, priority: int = NORMAL,
            stale: Stale | None = None) -> None: ...

    def run_cancellable(self, fn: Callable[[Registry, Job], T],
                        on_done: Callable[[T], None], on_error: Failed | None = None,
                        on_progress: StepProgress | None = None) -> Running: ...

    def call(self, fn: Callable[[], T], on_done: Callable[[T], None],
             on_error: Failed | None = None, *, priority: int = NORMAL) -> None: ...

    def open(self, opener: Opener, on_done: Callable[[Registry], None],
             on_error: Failed | None = None) -> None: ...

    def close(self, on_done: Callable[[None], None] | None = None) -> None: ...

    def shutdown(self) -> None: ...

    @property
    def busy(self) -> bool: ...


class DbWorker(QObject):
    """Lives on the database thread and runs jobs one after another.

    Signals:
        finished(int, bool, object): job id, whether it succeeded, the result or exception.
        progressed(int, str, int, int): job id, the core's step, units done, units in total.
    """

    finished = Signal(int, bool, object)
    progressed = Signal(int, str, int, int)

    def __init__(self) -> None:
        super().__init__()
        self._registry: Registry | None = None
        self._lock = threading.Lock()
        self._heap: list[tuple[int, int, int, Callable[[DbWorker], Any], Stale | None]] = []

    def put(self, priority: int, job_id: int, job: Callable[[DbWorker], Any],
            stale: Stale | None) -> None:
        """Called on the GUI thread; one ``execute`` signal follows each put."""
        with self._lock:
            heapq.heappush(self._heap, (priority, job_id, job_id, job, stale))

    @Slot()
    def execute_next(self) -> None:
        """Run the most urgent waiting job (one signal arrives per job put)."""
        with self._lock:
            if not self._heap:
                return
            _, _, job_id, job, stale = heapq.heappop(self._heap)
        if stale is not None and stale():
            self.finished.emit(job_id, True, SKIPPED)
            return
        self.execute(job_id, job)

    def execute(self, job_id: int, job: Callable[[DbWorker], Any]) -> None:
        try:
            result = job(self)
        except BaseException as exc:  # delivered to the GUI thread, shown safely
            log.debug("job %d failed: %s", job_id, type(exc).__name__)
            self.finished.emit(job_id, False, exc)
        else:
            self.finished.emit(job_id, True, result)

    # -- job bodies (run on this thread) -------------------------------------------------------
    def registry(self) -> Registry:
        if self._registry is None:
            raise VaultLocked(QCoreApplication.translate("Tasks", "The vault is locked."))
        return self._registry

    def open(self, opener: Opener) -> Registry:
        self.close()
        self._registry = opener()
        return self._registry

    def close(self) -> None:
        registry, self._registry = self._registry, None
        if registry is not None:
            registry.lock()


class Tasks(QObject):
    """The GUI's handle on the database thread.

    Signals:
        busy_changed(bool): jobs are (or are no longer) waiting or running.
    """

    busy_changed = Signal(bool)
    _submit = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[int, Done, Failed | None, StepProgress]] = {}
        self._generation = 0
        self._thread = QThread()
        self._thread.setObjectName("registry-db")
        self._worker = DbWorker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute_next)
        self._worker.finished.connect(self._deliver)
        self._worker.progressed.connect(self._on_progress)
        self._thread.start()

    # -- the interface -----------------------------------------------------------------------
    def run(self, fn: Callable[[Registry], T], on_done: Callable[[T], None],
            on_error: Failed | None = None, *, priority: int = NORMAL,
            stale: Stale | None = None) -> None:
        """Run ``fn(registry)`` on the database thread; ``on_done(result)`` on the GUI thread.

        ``stale()`` (read on the database thread, so it must only compare plain values) skips
        the job when it returns True before the job starts; neither callback is called then.
        """
        self._queue(lambda w: fn(w.registry()), on_done, on_error, priority=priority,
                    stale=stale)

    def run_cancellable(self, fn: Callable[[Registry, Job], T],
                        on_done: Callable[[T], None], on_error: Failed | None = None,
                        on_progress: StepProgress | None = None) -> Running:
        """Like :meth:`run` for long work: ``fn(registry, job)`` reports through the core's
        ``job.progress`` / ``job.tick`` and stops at a tick after :meth:`Running.cancel`."""
        job_id = next(self._ids)
        worker = self._worker
        running = Running(lambda step, d, t: worker.progressed.emit(job_id, step, d, t))
        self._queue(lambda w: fn(w.registry(), running.job), on_done, on_error,
                    on_progress or _no_progress, job_id)
        return running

    def call(self, fn: Callable[[], T], on_done: Callable[[T], None],
             on_error: Failed | None = None, *, priority: int = NORMAL) -> None:
        """Run ``fn()`` on the database thread without the vault (e.g. probing the keychain)."""
        self._queue(lambda _w: fn(), on_done, on_error, priority=priority)

    def open(self, opener: Opener, on_done: Callable[[Registry], None],
             on_error: Failed | None = None) -> None:
        """Run ``opener()`` (create or unlock) on the database thread and keep its Registry."""
        self._queue(lambda w: w.open(opener), on_done, on_error, priority=URGENT)

    def close(self, on_done: Callable[[None], None] | None = None) -> None:
        """Lock: drop every pending result now, then close the vault on the database thread.

        The close goes before every job still waiting; those then fail (the vault is locked)
        and their results are dropped anyway.
        """
        self._generation += 1
        self._pending.clear()
        self._queue(lambda w: w.close(), on_done or (lambda _r: None), None, priority=URGENT)

    def shutdown(self) -> None:
        """Lock and stop the thread; waits for the current job (called when the app quits)."""
        self.close()
        self._thread.quit()
        self._thread.wait()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    # -- internals ---------------------------------------------------------------------------
    def _queue(self, body: Callable[[DbWorker], Any], on_done: Done, on_error: Failed | None,
               on_progress: StepProgress | None = None,
               job_id: int | None = None, *, priority: int = NORMAL,
               stale: Stale | None = None) -> None:
        job_id = job_id if job_id is not None else next(self._ids)
        was_busy = self.busy
        self._pending[job_id] = (self._generation, on_done, on_error,
                                 on_progress or _no_progress)
        if not was_busy:
            self.busy_changed.emit(True)
        self._worker.put(priority, job_id, body, stale)
        self._submit.emit()

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, payload: object) -> None:
        entry = self._pending.pop(job_id, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if entry is None or entry[0] != self._generation or payload is SKIPPED:
            return  # queued before a lock (its result must not reach the windows), or stale
        _, on_done, on_error, _ = entry
        if ok:
            on_done(payload)
        elif on_error is not None:
            assert isinstance(payload, BaseException)  # a failure carries its exception
            on_error(payload)
        elif not isinstance(payload, Cancelled):
            log.warning("unhandled job failure: %s", type(payload).__name__)

    @Slot(int, str, int, int)
    def _on_progress(self, job_id: int, step: str, done: int, total: int) -> None:
        entry = self._pending.get(job_id)
        if entry is not None and entry[0] == self._generation:
            entry[3](step, done, total)


class SyncTasks(QObject):
    """A synchronous stand-in for :class:`Tasks` in tests: every job runs at once, in place."""

    busy_changed = Signal(bool)

    def __init__(self, registry: Registry | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = DbWorker()
        self._worker._registry = registry

    @property
    def registry(self) -> Registry | None:
        return self._worker._registry

    def run(self, fn: Callable[[Registry], T], on_done: Callable[[T], None],
            on_error: Failed | None = None, *, priority: int = NORMAL,
            stale: Stale | None = None) -> None:
        del priority
        if stale is None or not stale():
            self._call(lambda: fn(self._worker.registry()), on_done, on_error)

    def run_cancellable(self, fn: Callable[[Registry, Job], T],
                        on_done: Callable[[T], None], on_error: Failed | None = None,
                        on_progress: StepProgress | None = None) -> Running:
        running = Running(on_progress or _no_progress)
        self._call(lambda: fn(self._worker.registry(), running.job), on_done, on_error)
        return running

    def call(self, fn: Callable[[], T], on_done: Callable[[T], None],
             on_error: Failed | None = None, *, priority: int = NORMAL) -> None:
        del priority
        self._call(fn, on_done, on_error)

    def open(self, opener: Opener, on_done: Callable[[Registry], None],
             on_error: Failed | None = None) -> None:
        self._call(lambda: self._worker.open(opener), on_done, on_error)

    def close(self, on_done: Callable[[None], None] | None = None) -> None:
        self._worker.close()
        if on_done is not None:
            on_done(None)

    def shutdown(self) -> None:
        self.close()

    @property
    def busy(self) -> bool:
        return False

    @staticmethod
    def _call(body: Callable[[], Any], on_done: Done, on_error: Failed | None) -> None:
        try:
            result = body()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            on_done(result)


if TYPE_CHECKING:  # both runners keep the protocol's promises
    _tasks: TaskRunner = Tasks()
    _sync: TaskRunner = SyncTasks()
