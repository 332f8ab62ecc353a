"""The Dashboard section on a real demo vault through the threaded worker (offscreen).

Figures load when the section is first shown, every tab renders (screenshots saved in
test-output/ and checked not blank), protected people appear as pseudonyms until revealed
and again after a lock, and edited targets are saved in the vault.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QTreeWidget

from registry import analytics
from registry.analytics.labels import label_key, pseudonym
from registry.gui.dashboard import DashboardView
from registry.gui.tasks import Tasks

from .analytics_vault import (
    SENTINEL,
    SENTINEL_RU,
    TODAY,
    Vault,
    colours,
    make_vault,
    open_in,
    run_job,
    save_shot,
)


def stand_in(vault: Any, record_id: str, kind: str = "person") -> str:
    """The on-screen stand-in of ``record_id`` in this vault (keyed with its secret)."""
    conn = vault.reg.store.conn
    return pseudonym(record_id, kind, key=label_key(conn))


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    v = make_vault(tmp_path / "v")
    yield v
    v.reg.lock()


@pytest.fixture
def tasks(qtbot: Any, vault: Vault) -> Iterator[Tasks]:
    t = Tasks()
    open_in(qtbot, t, vault.reg)
    yield t
    t.shutdown()


@pytest.fixture
def view(qtbot: Any, tasks: Tasks) -> DashboardView:
    v = DashboardView(tasks, today=lambda: TODAY)
    qtbot.addWidget(v)
    v.resize(1280, 860)
    v.show()
    return v


def tree_texts(tree: QTreeWidget) -> list[str]:
    out = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out.append(top.text(0))
        out += [top.child(k).text(0) for k in range(top.childCount())]
    return out


def load(qtbot: Any, view: DashboardView) -> None:
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.activate()


def test_figures_load_only_when_shown_and_every_tab_renders(qtbot, view):
    assert view.data is None  # nothing is computed at construction (unlock stays fast)
    load(qtbot, view)
    data = view.data
    assert data is not None and data.stats["people"]["total"] == 301
    assert view.plurality.table.rowCount() > 10
    assert view.coverage.districts.rowCount() == 9
    assert view.coverage.blind.count() == len(data.stats["regions"]["blind_spots"])
    assert view.support.horizons.rowCount() == 4 and view.support.by_year.rowCount() > 0
    assert view.evaluations.subjects.rowCount() == len(data.subjects) > 0
    names = ("plurality", "coverage", "support", "permits", "evaluations")
    for index, name in enumerate(names):
        view.tabs.setCurrentIndex(index)
        image = save_shot(view, f"dashboard-{name}.png")
        assert colours(image) > 12, name


def test_protected_holder_is_a_pseudonym_until_revealed_and_after_lock(qtbot, view, vault):
    load(qtbot, view)
    soon = tree_texts(view.permits.trees[30])
    assert stand_in(vault, vault.sentinel) in soon
    assert not any(SENTINEL in t or SENTINEL_RU in t for t in soon)
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.reveal.setChecked(True)
    assert SENTINEL_RU in tree_texts(view.permits.trees[30])
    view.clear()  # what the main window does on lock
    assert not view.reveal.isChecked()
    assert view.permits.trees[30].topLevelItemCount() == 0
    load(qtbot, view)
    assert stand_in(vault, vault.sentinel) in tree_texts(view.permits.trees[30])


def test_evaluations_side_by_side_on_selection(qtbot, view):
    load(qtbot, view)
    view.tabs.setCurrentWidget(view.evaluations)
    view.evaluations.subjects.selectRow(0)
    qtbot.waitUntil(lambda: view.evaluations.detail.rowCount() > 0, timeout=10_000)
    assert view.evaluations.detail.columnCount() == 5


def test_targets_are_saved_in_the_vault(qtbot, view, tasks):
    load(qtbot, view)
    targets = analytics.Targets(women=0.45, non_russian_min=0.18, non_russian_goal=0.25)
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.save_targets(targets)
    assert view.data.targets == targets
    saved = run_job(qtbot, tasks, lambda reg: analytics.Targets.load(reg.store.conn))
    assert saved == targets
    assert "45.0\u00a0%" in view.plurality.targets_label.text()


def test_briefing_from_the_dashboard(qtbot, view, tmp_path):
    load(qtbot, view)
    path = tmp_path / "briefing.pdf"
    with qtbot.waitSignal(view.briefing_written, timeout=30_000):
        view.write_briefing(str(path))
    assert path.read_bytes().startswith(b"%PDF") and (path.stat().st_mode & 0o777) == 0o600
