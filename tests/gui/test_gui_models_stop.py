"""A list's full id array that a newer query replaced ends where it is, and says nothing.

The full array runs in the background once typing pauses; a keystroke that comes while it
runs must not wait behind it (every tie of a common name takes a second to sort at 100k
people). The model hands the job its staleness as ``stop()`` (``Listing.ids``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.gui import display, models
from registry.gui.models import RecordListModel
from registry.gui.tasks import BACKGROUND, NORMAL, SyncTasks
from registry.store import listing


class HeldTasks(SyncTasks):
    """Runs what the user waits for at once; keeps background jobs until the test runs them."""

    def __init__(self, registry: Any) -> None:
        super().__init__(registry)
        self.held: list[tuple[Any, Any, Any]] = []

    def run(self, fn: Any, on_done: Any, on_error: Any = None, *, priority: int = NORMAL,
            stale: Any = None) -> None:
        if priority == BACKGROUND:
            self.held.append((fn, on_done, on_error))
        else:
            super().run(fn, on_done, on_error, priority=priority, stale=stale)


def test_a_superseded_full_array_stops_and_is_dropped(qtbot, filled, monkeypatch):
    monkeypatch.setattr(models, "HEAD", 2)  # three people: the full array follows the head
    monkeypatch.setattr(listing, "STOP_EVERY", 5)  # a small vault runs few instructions
    tasks = HeldTasks(filled)
    model = RecordListModel(tasks, Kind.PERSON, lambda: display.headers(Kind.PERSON),
                            display.formatter(Kind.PERSON))
    failed: list[str] = []
    model.failed.connect(failed.append)
    model.activate()
    qtbot.waitUntil(lambda: bool(tasks.held))
    fn, _on_done, on_error = tasks.held.pop()
    model.set_query(replace(model.query, text="петров"))  # the user typed meanwhile
    assert model.rowCount() == 1 and model.complete

    with pytest.raises(listing.Superseded):
        fn(filled)  # the old full array, had it been running: ended by the newer query
    on_error(listing.Superseded("replaced"))
    assert failed == [] and model.rowCount() == 1  # dropped: nothing said, nothing changed


def test_a_current_full_array_runs_to_the_end(qtbot, filled, monkeypatch):
    monkeypatch.setattr(models, "HEAD", 2)
    monkeypatch.setattr(listing, "STOP_EVERY", 5)
    tasks = HeldTasks(filled)
    model = RecordListModel(tasks, Kind.PERSON, lambda: display.headers(Kind.PERSON),
                            display.formatter(Kind.PERSON))
    model.activate()
    assert model.rowCount() == 2 and not model.complete
    qtbot.waitUntil(lambda: bool(tasks.held))
    fn, on_done, _on_error = tasks.held.pop()
    on_done(fn(filled))
    assert model.rowCount() == 3 and model.complete
