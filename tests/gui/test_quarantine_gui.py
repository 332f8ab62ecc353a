"""The trust list's "Revoke and undo what they sent since…" (DESIGN §6.5.9), and the record
view's "set by A, received from C" (§6.5.1), on real in-process vaults."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel, QMessageBox

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.errors import NotFound
from registry.gui.editors.record_view import RecordView
from registry.gui.sharing.trust import TrustTable
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from tests.sync.forge import files, forge, stamp
from tests.sync.vaults import person, receive, send, trusted


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, ...]]:
    with trusted(tmp_path, "Alice", "Carol") as vaults:
        yield vaults


def accept_box(box: QMessageBox) -> None:
    next(b for b in box.buttons()
         if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()


def test_revoke_and_undo_asks_the_day_says_what_changes_and_does_it(qtbot, pair, tmp_path):
    alice, carol = pair
    spy = person(carol, "Шпион Подставной")
    [imported] = receive(alice, send(carol, [alice], tmp_path / "c.rbundle"))
    alice.store.conn.execute("UPDATE bundle_import SET imported_at = ? WHERE import_id = ?",
                             ("2026-03-10T12:00:00+00:00", imported.import_id))
    trust = TrustTable(SyncTasks(alice))
    qtbot.addWidget(trust)
    trust.refresh()
    trust.table.selectRow(0)
    assert trust.quarantine_button.isEnabled()
    dialog = trust.quarantine_selected()
    assert dialog is not None and "Revoke Carol" in dialog.findChildren(QLabel)[0].text()
    dialog.date.setDate(QDate(2026, 3, 3))  # a week before that import
    with qtbot.waitSignal(trust.dialog_opened) as opened:
        dialog.next_button.click()
    box = opened.args[0]
    assert "Records only their bundles made, removed: 1." in box.text()
    assert not alice.sharing.trust.get(carol.identity.fingerprint).revoked  # nothing yet
    assert alice.get(spy)
    with qtbot.waitSignal(trust.quarantined) as done:
        accept_box(box)
    report = done.args[0]
    assert report.removed == [(spy, "person")]
    assert "is revoked" in trust.message.text()
    assert trust.table.item(0, 4).text().startswith("REVOKED")
    with pytest.raises(NotFound):
        alice.get(spy)


def test_record_view_says_who_set_a_value_and_who_sent_it(qtbot, pair, tmp_path):
    alice, carol = pair
    vera = person(carol, "Вера Новая")
    receive(alice, send(carol, [alice], tmp_path / "c.rbundle"))
    alice.update(vera, {"notes": "seen here"})
    view = RecordView(SyncTasks(alice))
    qtbot.addWidget(view)
    view.show_record(vera)
    table = view.ui.fields
    by = {table.item(r, 0).text(): table.item(r, 2).text().split("\n")[0]
          for r in range(table.rowCount())}  # who, above the day
    assert by["Name (native script)"] == "Carol, received from Carol"
    assert by["Notes"] == "Alice"


def preview_box(qtbot, trust: TrustTable) -> QMessageBox:
    """Revoke and undo… for the first official, the default day (30 days back): the preview."""
    trust.refresh()
    trust.table.selectRow(0)
    dialog = trust.quarantine_selected()
    assert dialog is not None
    with qtbot.waitSignal(trust.dialog_opened) as opened:
        dialog.next_button.click()
    return opened.args[0]


def raise_to_protected(carol: Registry, alice: Registry, record_id: str, path: Path) -> None:
    line = Record(record_id, Kind.PERSON, {"sensitivity": "protected"},
                  {"sensitivity": stamp(carol)})
    receive(alice, forge(carol, alice, path, [line]))


def test_confirming_the_preview_lowers_what_it_showed(qtbot, pair, tmp_path):
    alice, carol = pair
    boris = person(alice, "Борис Петров")
    receive(carol, send(alice, [carol], tmp_path / "a.rbundle"))
    raise_to_protected(carol, alice, boris, tmp_path / "c.rbundle")
    trust = TrustTable(SyncTasks(alice))
    qtbot.addWidget(trust)
    box = preview_box(qtbot, trust)
    assert "back to what it was: 1." in box.text()
    with qtbot.waitSignal(trust.quarantined) as done:
        accept_box(box)
    assert done.args[0].protection_lowered == [boris]
    assert alice.protection_of(boris) is Sensitivity.INTERNAL


def test_a_lowering_that_arrived_after_the_preview_is_refused(qtbot, pair, tmp_path):
    alice, carol = pair
    boris, dina = person(alice, "Борис Петров"), person(alice, "Дина Орлова")
    receive(carol, send(alice, [carol], tmp_path / "a.rbundle"))
    raise_to_protected(carol, alice, boris, tmp_path / "c1.rbundle")
    trust = TrustTable(SyncTasks(alice))
    qtbot.addWidget(trust)
    box = preview_box(qtbot, trust)
    assert "back to what it was: 1." in box.text()  # Boris only
    raise_to_protected(carol, alice, dina, tmp_path / "c2.rbundle")  # lands meanwhile
    before = files(alice)
    with qtbot.waitSignal(trust.failed) as failed:
        accept_box(box)
    assert "Since the preview" in failed.args[0] and "Nothing was changed" in failed.args[0]
    assert files(alice) == before
    assert not alice.sharing.trust.get(carol.identity.fingerprint).revoked
    assert alice.protection_of(dina) is Sensitivity.PROTECTED
