"""Handing a post over in the app: the trust list's Handover menu (issue 15), on real
in-process vaults."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from registry.gui.sharing.handover import Handover
from registry.gui.sharing.trust import TrustTable
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from registry.sync.handover import make_statement
from tests.sync.vaults import introduce, make_vault, receive, send


@pytest.fixture
def post(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    """A hands over to B (verified in person); C verified A."""
    a, b, c = (make_vault(tmp_path, n) for n in ("Anna", "Boris", "Clara"))
    introduce(a, c)
    a.sharing.add_card(b.sharing.card(), verified_method="in_person")
    yield a, b, c
    for v in (a, b, c):
        v.lock()


def table_of(qtbot, reg: Registry, path: Path) -> TrustTable:
    trust = TrustTable(SyncTasks(reg))
    qtbot.addWidget(trust)
    trust.handover = Handover(trust, pick_save=lambda _p: str(path),
                              pick_open=lambda _p: str(path))
    trust.refresh()
    return trust


def accept_box(box: QMessageBox) -> None:
    next(b for b in box.buttons()
         if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()


def test_hand_over_then_a_colleague_accepts(qtbot, post, tmp_path: Path) -> None:
    a, b, c = post
    statement = tmp_path / "succession.json"
    outgoing = table_of(qtbot, a, statement)
    outgoing.select(c.identity.fingerprint)  # verified by safety number, not in person
    assert not outgoing.hand_over_action.isEnabled()
    outgoing.select(b.identity.fingerprint)
    assert outgoing.hand_over_action.isEnabled()
    dialog = outgoing.handover.hand_over_to_selected()
    assert dialog is not None and not dialog.sign.isEnabled()
    dialog.met.setChecked(True)  # "I verified Boris in person and gave them the bundle"
    dialog.sign.click()
    assert statement.exists() and "saved" in outgoing.message.text()
    assert a.sharing.retirement() is not None

    colleague = table_of(qtbot, c, statement)
    with qtbot.waitSignal(colleague.dialog_opened) as opened:
        colleague.accept_statement_action.trigger()
    box = opened.args[0]
    assert "Anna (Ministry of Anna, Sweden) hands over to Boris" in box.text()
    assert not c.sharing.trust.find(b.identity.fingerprint)  # nothing before Accept
    with qtbot.waitSignal(colleague.official_revoked):
        accept_box(box)
    assert c.sharing.trust.get(a.identity.fingerprint).revoked
    assert c.sharing.trust.get(b.identity.fingerprint).verified_method == "succession"
    shown = {colleague.table.item(r, 0).text(): colleague.table.item(r, 4).text()
             for r in range(colleague.table.rowCount())}
    assert "by succession" in shown["Boris"] and shown["Anna"].startswith("REVOKED")


def test_a_forged_statement_is_refused_and_changes_nothing(qtbot, post, tmp_path: Path) -> None:
    a, _b, c = post
    mallory = make_vault(tmp_path, "Mallory")
    forged = tmp_path / "forged.json"
    forged.write_bytes(make_statement(mallory.official_keys, a.sharing.card(),
                                      mallory.sharing.card(), "2026-12-01T09:00:00+00:00"))
    mallory.lock()
    before = [(o.fingerprint, o.trust) for o in c.sharing.officials()]
    colleague = table_of(qtbot, c, forged)
    with qtbot.waitSignal(colleague.failed) as failed:
        colleague.handover.accept_statement()
    assert "forged or altered" in failed.args[0]
    assert [(o.fingerprint, o.trust) for o in c.sharing.officials()] == before


def test_the_successor_accepts_its_own_statement(qtbot, post, tmp_path: Path) -> None:
    a, b, _c = post
    b.sharing.add_card(a.sharing.card(), verified_method="in_person")
    statement = tmp_path / "succession.json"
    a.sharing.handover_statement(b.identity.fingerprint, statement)
    successor = table_of(qtbot, b, statement)
    with qtbot.waitSignal(successor.dialog_opened) as opened:
        successor.accept_statement_action.trigger()
    box = opened.args[0]
    assert "names you as their successor" in box.text() and "handover bundle" in box.text()
    assert "No bundle Anna wrote for you after signing this statement" in box.text()
    box.reject()
    receive(b, send(a, [b], tmp_path / "handover.rbundle"))  # written after it: who holds what
    with qtbot.waitSignal(successor.dialog_opened) as opened:
        successor.accept_statement_action.trigger()
    box = opened.args[0]
    assert "names you as their successor" in box.text() and "No bundle" not in box.text()
    with qtbot.waitSignal(successor.official_revoked):
        accept_box(box)
    assert "You are Anna's successor" in successor.message.text()
    assert b.sharing.trust.get(a.identity.fingerprint).revoked


def test_a_statement_whose_successor_handed_the_post_on_says_to_whom(
        qtbot, post, tmp_path: Path) -> None:
    """Clara accepts Boris's handover to Dmitri first, then Anna's to Boris: the question and
    the message name Dmitri, who holds the post; nothing says Boris is trusted again."""
    a, b, c = post
    d = make_vault(tmp_path, "Dmitri")
    try:
        introduce(b, c)
        b.sharing.add_card(a.sharing.card(), verified_method="in_person")
        b.sharing.add_card(d.sharing.card(), verified_method="in_person")
        first, second = tmp_path / "anna.json", tmp_path / "boris.json"
        a.sharing.handover_statement(b.identity.fingerprint, first)
        b.sharing.handover_statement(d.identity.fingerprint, second)
        c.sharing.accept_handover(second.read_bytes())
        colleague = table_of(qtbot, c, first)
        with qtbot.waitSignal(colleague.dialog_opened) as opened:
            colleague.accept_statement_action.trigger()
        box = opened.args[0]
        assert "Boris has handed the post on already, to Dmitri" in box.text()
        with qtbot.waitSignal(colleague.official_revoked):
            accept_box(box)
        assert "Boris has handed Anna's post on already, to Dmitri" in colleague.message.text()
        assert c.sharing.trust.get(b.identity.fingerprint).revoked
        assert c.sharing.trust.get(a.identity.fingerprint).revoked
    finally:
        d.lock()
