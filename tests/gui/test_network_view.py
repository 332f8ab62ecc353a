"""The Network section on a real vault through the threaded worker (offscreen): the ego
network of a protected person shows a pseudonym until revealed (and again after a lock), a
screenshot is saved, and a 5,000-node network is laid out off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry import demo
from registry.analytics import network_view as compute
from registry.analytics.labels import pseudonym
from registry.gui.network import NetworkView
from registry.gui.tasks import Tasks

from .analytics_vault import SENTINEL, SENTINEL_RU, Vault, colours, make_vault, open_in, save_shot


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    v = make_vault(tmp_path / "v")
    yield v
    v.reg.lock()


def _view(qtbot: Any, reg: Any) -> Iterator[NetworkView]:
    tasks = Tasks()
    open_in(qtbot, tasks, reg)
    view = NetworkView(tasks)
    qtbot.addWidget(view)
    view.resize(1280, 860)
    view.show()
    yield view
    tasks.shutdown()


@pytest.fixture
def view(qtbot: Any, vault: Vault) -> Iterator[NetworkView]:
    yield from _view(qtbot, vault.reg)


def named(view: NetworkView, *names: str) -> bool:
    texts = view.scene.texts() + [view.brokers.item(i).text()
                                  for i in range(view.brokers.count())]
    return any(n in t for t in texts for n in names)


def test_protected_person_is_a_pseudonym_until_revealed(qtbot, view, vault):
    with qtbot.waitSignal(view.loaded, timeout=30_000) as signal:
        view.show_ego(vault.sentinel)
    assert signal.args[0] == 4  # the sentinel and its three colleagues
    assert pseudonym(vault.sentinel) in view.scene.texts()
    assert not named(view, SENTINEL, SENTINEL_RU)
    assert colours(save_shot(view, "network-ego.png")) > 5
    with qtbot.waitSignal(view.relabelled, timeout=10_000):
        view.reveal.setChecked(True)
    assert named(view, SENTINEL_RU)
    view.clear()  # what the main window does on lock
    assert not view.reveal.isChecked() and not view.scene.nodes
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.show_ego(vault.sentinel)
    assert not named(view, SENTINEL, SENTINEL_RU)


def test_a_twin_of_a_protected_person_is_drawn_as_a_pseudonym(qtbot, vault):
    """A record decided the same as the sentinel (inside Russia) is protected too."""
    from registry.domain.enums import Kind

    twin = vault.reg.add(Kind.PERSON, {"name": "Zoltana Twinova", "country": "GE"}).id
    vault.reg.update(twin, {"merged_into": vault.sentinel})
    friend = vault.reg.add(Kind.PERSON, {"name": "Open Friend"}).id
    vault.reg.add(Kind.TIE, {"from_id": friend, "to_id": twin, "kind": "colleague"})
    assert "Twinova" not in str(vault.reg.analytics.find_actors("Twinova", reveal=False))
    made = _view(qtbot, vault.reg)
    view = next(made)
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.show_ego(friend)
    assert pseudonym(twin) in view.scene.texts()
    assert not named(view, "Twinova")
    with qtbot.waitSignal(view.relabelled, timeout=10_000):
        view.reveal.setChecked(True)
    assert named(view, "Zoltana Twinova")
    next(made, None)  # shut the worker down


def test_filters_whole_network_brokers_and_components(qtbot, view):
    with qtbot.waitSignal(view.loaded, timeout=30_000) as whole:
        view.show_whole()
    assert whole.args[0] > 100 and view.brokers.count() == compute.BROKERS
    assert "components" in view.components.text()
    assert colours(save_shot(view, "network-whole.png")) > 5
    for i in range(1, view.kinds.count()):  # only the first tie kind stays checked
        view.kinds.item(i).setCheckState(view.kinds.item(i).checkState().Unchecked)
    with qtbot.waitSignal(view.loaded, timeout=30_000) as narrow:
        view.show_whole()
    assert 0 < narrow.args[0] < whole.args[0]
    kinds = {e.kind for e in view.result.graph.edges}
    assert kinds == {view.kinds.item(0).data(256)}


def test_5000_nodes_are_laid_out_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    big = make_vault(tmp_path / "big", demo.DemoSize(people=5000, organisations=300,
                                                     ties=9000))
    threads: list[threading.Thread] = []
    analyse = compute.analyse

    def spy(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return analyse(*args)

    monkeypatch.setattr(compute, "analyse", spy)
    try:
        for view in _view(qtbot, big.reg):
            with qtbot.waitSignal(view.loaded, timeout=120_000) as signal:
                view.show_whole()
            assert signal.args[0] == compute.MAX_NODES and view.result.graph.truncated
            assert threads and threads[0] is not threading.main_thread()
            assert len(view.scene.nodes) == compute.MAX_NODES
            assert colours(save_shot(view, "network-5000.png")) > 5
    finally:
        big.reg.lock()
