"""The Sharing section's "Held changes" (DESIGN §6.5.4) on real in-process vaults: who asks
for what, Accept… (asks first: an erasure is irreversible) and Decline."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.gui import i18n
from registry.gui.sharing import SharingView
from registry.gui.sharing.held import HeldChanges
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from tests.sync.forge import forge
from tests.sync.vaults import introduce, make_vault, person, receive, send

from .analytics_vault import colours, save_shot


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, Registry, str, str]]:
    """Alice made two people; Carol (not their creator) erased both: both wait at Alice."""
    alice, carol = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Carol")
    introduce(alice, carol)
    anna = person(alice, "Анна Смирнова")
    boris = person(alice, "Борис Петров", inside_russia=True)
    receive(carol, send(alice, [carol], tmp_path / "a.rbundle", mode="include"))
    carol.erase(anna)
    carol.erase(boris)
    receive(alice, send(carol, [alice], tmp_path / "c.rbundle", mode="include",
                        ceiling="protected"))
    yield alice, carol, anna, boris
    alice.lock()
    carol.lock()


def accept_box(box: QMessageBox) -> None:
    next(b for b in box.buttons()
         if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()


def _held_tab(qtbot, vault: Registry) -> SharingView:
    """The Sharing section at 1280×800, on its held-changes tab."""
    view = SharingView(SyncTasks(vault))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.activate()
    view.tabs.setCurrentWidget(view.held)
    return view


def row_of(held: HeldChanges, record_id: str) -> int:
    return next(n for n, e in enumerate(held.entries) if e.record_id == record_id)


def test_the_list_says_who_asks_for_what_and_accept_asks_first(qtbot, pair) -> None:
    alice, _, anna, boris = pair
    held = HeldChanges(SyncTasks(alice))
    qtbot.addWidget(held)
    with qtbot.waitSignal(held.refreshed):
        held.refresh()
    assert held.table.rowCount() == 2
    assert not held.accept_button.isEnabled() and not held.decline_button.isEnabled()
    cells = {held.table.item(r, 1).text(): [held.table.item(r, c).text() for c in range(5)]
             for r in range(2)}
    assert "Анна Смирнова (Person)" in cells
    shown = " ".join(" ".join(c) for c in cells.values())
    assert "Борис" not in shown and f"Protected person {boris[:8]}" in cells  # no name shown
    row = cells["Анна Смирнова (Person)"]
    assert row[0] == "Erase for good" and row[2].startswith("Carol · ")
    assert row[3] == "the sender"

    held.table.selectRow(row_of(held, anna))
    assert held.accept_button.isEnabled()
    with qtbot.waitSignal(held.dialog_opened) as opened:
        held.accept_button.click()
    box = opened.args[0]
    assert "cannot be undone" in box.text() and "Анна Смирнова" in box.text()
    assert alice.get(anna)  # nothing yet
    with qtbot.waitSignal(held.decided) as decided:
        accept_box(box)
    assert decided.args[0].status == "accepted"
    assert alice.store.get(anna).erased is not None  # type: ignore[union-attr]
    assert held.table.rowCount() == 1 and "Erased for good" in held.message.text()

    held.table.selectRow(0)
    with qtbot.waitSignal(held.decided) as decided:
        held.decline_button.click()
    assert decided.args[0].status == "declined"
    assert alice.get(boris).values["name"] == "Борис Петров"
    assert held.table.rowCount() == 0 and "stays here" in held.message.text()


def test_a_cancelled_accept_changes_nothing(qtbot, pair) -> None:
    alice, _, anna, _ = pair
    held = HeldChanges(SyncTasks(alice))
    qtbot.addWidget(held)
    held.refresh()
    held.table.selectRow(row_of(held, anna))
    box = held.accept_selected()
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert alice.get(anna) and len(alice.sharing.held_changes()) == 2


def test_a_revoked_senders_erasure_is_marked_and_can_only_be_declined(qtbot, pair) -> None:
    """After a plain revocation of Carol her erasures still wait (DESIGN §6.5.9 drops them
    only in a quarantine), marked; Accept… is off, and the vault would refuse it anyway."""
    alice, carol, anna, _ = pair
    held = HeldChanges(SyncTasks(alice))
    qtbot.addWidget(held)
    with qtbot.waitSignal(held.refreshed):
        held.refresh()
    held.table.selectRow(row_of(held, anna))
    assert held.accept_button.isEnabled()  # control: before the revocation
    assert "(revoked)" not in held.table.item(row_of(held, anna), 2).text()

    alice.sharing.revoke(carol.identity.fingerprint)
    with qtbot.waitSignal(held.refreshed):
        held.refresh()
    row = row_of(held, anna)
    assert held.table.item(row, 2).text().startswith("Carol · ")
    assert held.table.item(row, 2).text().endswith(" (revoked)")
    held.table.selectRow(row)
    assert not held.accept_button.isEnabled() and held.decline_button.isEnabled()
    assert "can only be declined" in held.accept_button.toolTip()
    with qtbot.waitSignal(held.decided) as decided:
        held.decline_button.click()
    assert decided.args[0].status == "declined"
    assert alice.get(anna).values["name"] == "Анна Смирнова"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_sharing_section_shows_the_held_changes_tab(qtbot, qapp, pair, lang) -> None:
    alice = pair[0]
    i18n.install(qapp, lang)
    try:
        view = _held_tab(qtbot, alice)
        title = view.tabs.tabText(2)
        assert title == ("Held changes (2)" if lang == "en" else "Ожидают решения (2)")
        view.held.table.selectRow(0)
        image = save_shot(view, f"sharing-held-{lang}.png")
        assert colours(image) > 10
        folder = os.environ.get("REGISTRY_SHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            view.grab().save(str(Path(folder) / f"sharing-held-{lang}.png"))
        view.clear()
        assert view.held.table.rowCount() == 0 and view.tabs.tabText(2) != title
    finally:
        i18n.install(qapp, "en")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_flood_of_held_erasures_shows_the_oldest_and_says_how_many_wait(
        qtbot, qapp, tmp_path: Path, lang: str) -> None:
    """A bundle asking to erase more records than the list reads at once: the table holds
    the oldest 1,000, a line under it says how many wait and how to drop them, and the tab
    counts them all."""
    alice, carol = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Carol")
    introduce(alice, carol)
    i18n.install(qapp, lang)
    try:
        tombs = [Record(str(uuid.uuid4()), Kind.PERSON, {}, {}, Stamp(
            carol.store.clock.tick(), carol.identity.fingerprint)) for _ in range(1002)]
        receive(alice, forge(carol, alice, tmp_path / "flood.rbundle", tombs, sign=True))
        view = _held_tab(qtbot, alice)
        qtbot.waitUntil(lambda: view.held.table.rowCount() == 1000)
        more = view.held.more.text()
        assert view.held.more.isVisible()
        if lang == "en":
            assert more.startswith("1,002 erasures wait; these are the 1,000 oldest.")
            assert view.tabs.tabText(2) == "Held changes (1,002)"
        else:
            spaced = more.replace("\u00a0", " ")
            assert spaced.startswith("Ожидают решения удалений: 1 002; здесь 1 000 самых")
            assert view.tabs.tabText(2).replace("\u00a0", " ") == "Ожидают решения (1 002)"
        save_shot(view, f"sharing-held-flood-{lang}.png")
    finally:
        i18n.install(qapp, "en")
        alice.lock()
        carol.lock()
