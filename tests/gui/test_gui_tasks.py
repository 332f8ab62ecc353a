"""The database worker: jobs run off the GUI thread, results come back by signal."""

from __future__ import annotations

import threading

import pytest

from registry.errors import InvalidInput
from registry.gui.tasks import (
    BACKGROUND,
    NORMAL,
    URGENT,
    SyncTasks,
    Tasks,
    error_message,
)
from registry.sync.progress import Cancelled


@pytest.fixture
def tasks(qtbot, registry):
    t = Tasks()
    done = []
    t.open(lambda: registry, done.append)
    qtbot.waitUntil(lambda: bool(done))
    yield t
    t.shutdown()


def test_run_delivers_on_gui_thread(qtbot, tasks):
    gui = threading.get_ident()
    seen = {}

    def job(reg):
        seen["worker"] = threading.get_ident()
        return reg.identity.name

    with qtbot.waitSignal(tasks.busy_changed, check_params_cb=lambda b: not b):
        tasks.run(job, lambda r: seen.update(result=r, thread=threading.get_ident()))
    assert seen["result"] == "Test Official"
    assert seen["thread"] == gui
    assert seen["worker"] != gui


def test_errors_reach_on_error_and_messages_are_safe(qtbot, tasks):
    errors = []

    def job(_reg):
        raise InvalidInput("bad value")

    tasks.run(job, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert error_message(errors[0]) == "bad value"
    assert "secret" not in error_message(KeyError("secret record content"))


def test_results_queued_before_a_lock_are_dropped(qtbot, tasks):
    gate = threading.Event()
    results, closed = [], []
    tasks.run(lambda _r: gate.wait(5) and "record data", results.append)
    tasks.close(closed.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(closed))
    assert results == []
    errors = []
    tasks.run(lambda r: r.identity, results.append, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert results == []


def test_cancellable_job_reports_progress_and_stops(qtbot, tasks):
    gate = threading.Event()
    progress, errors = [], []

    def long_job(_reg, job):
        for i in range(1000):
            if i == 4:
                gate.wait(5)
            job.tick("counting", i, 1000)  # the core's own progress and cancel
        return "finished"

    job = tasks.run_cancellable(long_job, lambda _r: None, errors.append,
                                on_progress=lambda s, d, t: progress.append((s, d, t)))
    qtbot.waitUntil(lambda: len(progress) >= 4)
    assert progress[:4] == [("counting", i, 1000) for i in range(4)]
    job.cancel()
    gate.set()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], Cancelled)
    assert job.cancelled


def test_sync_tasks_same_interface(registry):
    tasks = SyncTasks(registry)
    out = []
    tasks.run(lambda r: r.identity.org, out.append)
    assert out == ["Test Ministry"]
    tasks.close()
    errs = []
    tasks.run(lambda r: r.identity.org, out.append, errs.append)
    assert errs and out == ["Test Ministry"]


def test_urgent_jobs_overtake_background_ones(qtbot, tasks):
    gate, started = threading.Event(), threading.Event()
    order: list[str] = []
    tasks.run(lambda _r: started.set() or gate.wait(5), lambda _r: order.append("running"))
    qtbot.waitUntil(started.is_set)
    tasks.run(lambda _r: "values", order.append, priority=BACKGROUND)
    tasks.run(lambda _r: "full ids", order.append, priority=NORMAL)
    tasks.run(lambda _r: "head", order.append, priority=URGENT)
    gate.set()
    qtbot.waitUntil(lambda: len(order) == 4)
    assert order == ["running", "head", "full ids", "values"]


def test_stale_jobs_are_skipped_before_they_start(qtbot, tasks):
    gate, started = threading.Event(), threading.Event()
    generation = {"now": 1}
    ran, done, errors = [], [], []
    tasks.run(lambda _r: started.set() or gate.wait(5), done.append)
    qtbot.waitUntil(started.is_set)
    tasks.run(lambda _r: ran.append("old") or "old", done.append, errors.append,
              stale=lambda: generation["now"] != 1)
    tasks.run(lambda _r: ran.append("new") or "new", done.append, errors.append,
              stale=lambda: generation["now"] != 2)
    generation["now"] = 2  # a newer keystroke before the old query started
    gate.set()
    qtbot.waitUntil(lambda: "new" in done)
    qtbot.waitUntil(lambda: not tasks.busy)
    assert ran == ["new"] and errors == [] and "old" not in done
