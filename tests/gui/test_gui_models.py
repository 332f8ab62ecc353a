"""The lazy list model: a query that comes back paints its kept head at once, and the full id
array that follows corrects it when the vault changed meanwhile."""

from __future__ import annotations

from dataclasses import replace

from registry.domain.enums import Kind
from registry.gui import display
from registry.gui.models import RecordListModel
from registry.gui.tasks import SyncTasks


def test_a_query_that_comes_back_is_shown_at_once_then_confirmed(qtbot, filled):
    model = RecordListModel(SyncTasks(filled), Kind.PERSON, lambda: display.headers(Kind.PERSON),
                            display.formatter(Kind.PERSON))
    model.activate()
    assert model.rowCount() == 3 and model.complete
    model.set_query(replace(model.query, text="петров"))
    assert model.rowCount() == 1
    filled.add(Kind.PERSON, {"name": "Дарья Ильина"})  # written behind the model's back

    loaded: list[int] = []
    model.ids_loaded.connect(loaded.append)
    model.set_query(replace(model.query, text=""))
    assert loaded == [3] and not model.complete  # the kept head, before any vault work
    assert model.data(model.index(0, 0)) == "Анна Иванова"
    qtbot.waitUntil(lambda: model.complete)
    assert model.rowCount() == 4 and loaded[-1] == 4
    assert "Дарья Ильина" in [model.data(model.index(r, 0)) for r in range(4)]

    model.clear()
    assert model.rowCount() == 0 and model.cached_rows() == 0
