"""The Network section on a real vault through the threaded worker (offscreen): on opening
it shows the largest connected group, or the ego network of the record selected in the app;
labels never overlap and a legend says what is drawn; the ego network of a protected person
shows a pseudonym until revealed (and again after a lock), a screenshot is saved, and a
5,000-node network is laid out off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry import demo
from registry.analytics import network_view as compute
from registry.analytics.labels import label_key, pseudonym
from registry.gui.network import NetworkView
from registry.gui.tasks import Tasks

from .analytics_vault import SENTINEL, SENTINEL_RU, Vault, colours, make_vault, open_in, save_shot


def stand_in(vault: Any, record_id: str, kind: str = "person") -> str:
    """The on-screen stand-in of ``record_id`` in this vault (keyed with its secret)."""
    conn = vault.reg.store.conn
    return pseudonym(record_id, kind, key=label_key(conn))


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    v = make_vault(tmp_path / "v")
    yield v
    v.reg.lock()


def _view(qtbot: Any, reg: Any, selected: str | None = None) -> Iterator[NetworkView]:
    tasks = Tasks()
    open_in(qtbot, tasks, reg)
    view = NetworkView(tasks, selected=lambda: selected)
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


def legend_text(view: NetworkView) -> str:
    return view.legend.text().replace("&nbsp;", " ").lower()


def no_overlap(view: NetworkView) -> int:
    """The number of labels shown, after checking that no two of them overlap and each lies
    inside the canvas."""
    rects = list(view.view.label_rects().values())
    screen = view.view.viewport().rect()
    for i, a in enumerate(rects):
        assert screen.contains(a.toAlignedRect()) or screen.adjusted(-1, -1, 1, 1).contains(
            a.toAlignedRect())
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)
    return len(rects)


def test_opens_on_the_largest_connected_group_with_a_legend(qtbot, view, vault):
    with qtbot.waitSignal(view.loaded, timeout=30_000) as signal:
        view.activate()  # what the main window does each time the section is shown
    result = view.result
    assert signal.args[0] > 10 and result.request.largest
    assert result.components.sizes[0] == signal.args[0] or result.graph.truncated
    assert len(result.components.sizes) >= 1 and len(view.scene.nodes) == signal.args[0]
    assert no_overlap(view) >= 5
    legend = legend_text(view)
    assert view.legend.isVisible() and "person" in legend and "organisation" in legend
    assert "pseudonym" in legend and "colleague" in legend
    assert "Largest connected group" in view.status.text()
    assert not named(view, SENTINEL, SENTINEL_RU)
    save_shot(view, "network-open.png")
    view.activate()  # shown again: nothing new selected, the picture stays
    assert view.result is result
    view.view.zoom(1.25)
    view.view.zoom(1.25)
    view.view.place_labels()
    no_overlap(view)


def test_opens_on_the_ego_network_of_the_selected_record(qtbot, vault):
    made = _view(qtbot, vault.reg, selected=vault.sentinel)
    view = next(made)
    with qtbot.waitSignal(view.loaded, timeout=30_000) as signal:
        view.activate()
    assert signal.args[0] == 4 and view.result.request.record_id == vault.sentinel
    assert stand_in(vault, vault.sentinel) in [lb.text() for i, lb in view.scene.labels.items()
                                         if lb.isVisible()]
    assert not named(view, SENTINEL, SENTINEL_RU)
    assert "shown under a pseudonym" in legend_text(view)
    no_overlap(view)
    with qtbot.waitSignal(view.relabelled, timeout=10_000):
        view.reveal.setChecked(True)
    assert named(view, SENTINEL_RU) and "name revealed" in legend_text(view)
    no_overlap(view)
    next(made, None)


def test_the_main_window_opens_the_network_on_the_selected_person(qtbot, vault):
    from registry.domain.enums import Kind
    from registry.gui.mainwindow import MainWindow
    from registry.gui.tasks import SyncTasks

    window = MainWindow(SyncTasks(vault.reg))
    qtbot.addWidget(window)
    window.show()
    people = window.show_section(Kind.PERSON)
    people.refresh(vault.sentinel)
    qtbot.waitUntil(lambda: people.current_id() == vault.sentinel, timeout=10_000)
    row = next(i for i, e in enumerate(window.entries) if e.key == "network")
    window.ui.nav.setCurrentRow(row)
    view = window.page("network")
    qtbot.waitUntil(lambda: view.result is not None and bool(view.scene.labels),
                    timeout=30_000)
    assert view.result.request.record_id == vault.sentinel
    assert stand_in(vault, vault.sentinel) in view.scene.texts() and not named(view, SENTINEL,
                                                                         SENTINEL_RU)
    shown = view.result
    window.show_section(Kind.TIE)  # a tie list: no actor selected; the picture stays
    window.ui.nav.setCurrentRow(row)
    assert view.result is shown
    window.clear()


def test_labels_of_a_crowded_graph_do_not_overlap(qtbot, view):
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.show_whole()
    shown = no_overlap(view)
    assert 0 < shown < len(view.scene.nodes)  # the rest are names on hover
    assert all(item.toolTip() for item in view.scene.nodes.values())


def test_protected_person_is_a_pseudonym_until_revealed(qtbot, view, vault):
    with qtbot.waitSignal(view.loaded, timeout=30_000) as signal:
        view.show_ego(vault.sentinel)
    assert signal.args[0] == 4  # the sentinel and its three colleagues
    assert stand_in(vault, vault.sentinel) in view.scene.texts()
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
    assert stand_in(vault, twin) in view.scene.texts()
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


def test_a_pseudonym_reads_in_the_interface_language(qtbot, qapp, view, vault):
    """"Person #…" is the analytics' display label (DESIGN §6.4's bundle pseudonyms are other,
    derived per recipient): a Russian screen shows it in Russian, the tag unchanged."""
    from registry.gui import i18n
    from registry.gui.display import actor_text

    tag = stand_in(vault, vault.sentinel).split("#")[1]
    try:
        i18n.install(qapp, "ru")
        assert actor_text(stand_in(vault, vault.sentinel)) == f"Человек №{tag}"
        organisation = stand_in(vault, vault.sentinel, "organisation")
        assert actor_text(organisation).startswith("Организация №")
        assert actor_text("Person #not-a-tag") == "Person #not-a-tag"  # a name is left alone
        with qtbot.waitSignal(view.loaded, timeout=30_000):
            view.show_ego(vault.sentinel)
        texts = view.scene.texts()
        assert f"Человек №{tag}" in texts and not any(t.startswith("Person #") for t in texts)
    finally:
        i18n.install(qapp, "en")
