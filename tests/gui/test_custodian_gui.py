"""Revoking a custodian in the app (issue 15): the trust list's Revoke… and Revoke and undo…
ask the passphrase when the official holds one of this vault's recovery shares, and say why;
a wrong passphrase changes nothing; the new paper shares are shown once; accepting a
succession statement offers the successor the predecessor's place. Real in-process vaults."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from registry.gui.recovery.setup import PaperSharesDialog
from registry.gui.sharing.custodian import CustodianConfirmDialog
from registry.gui.sharing.handover import Handover
from registry.gui.sharing.trust import TrustTable
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, make_vault


@dataclass
class Office:
    o: Registry
    a: Registry
    b: Registry
    c: Registry

    def custodians(self) -> list[str]:
        current = self.o.recovery.current()
        return [] if current is None else [c["custodian"] for c in current["custodians"]]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    """O's recovery set: A, B and C, 2 of 3 (plus ``paper`` where a test sets it up again)."""
    vaults = [make_vault(tmp_path, n) for n in ("O", "A", "B", "C")]
    introduce(*vaults)
    vaults[0].recovery.setup([v.identity.fingerprint for v in vaults[1:]], 0, 2, None)
    yield Office(*vaults)
    for v in vaults:
        v.lock()


def table(qtbot, reg: Registry, statement: Path | None = None) -> TrustTable:
    trust = TrustTable(SyncTasks(reg))
    qtbot.addWidget(trust)
    if statement is not None:
        trust.handover = Handover(trust, pick_open=lambda _p: str(statement))
    trust.refresh()
    return trust


def test_revoking_a_custodian_asks_the_passphrase_and_says_why(qtbot, office) -> None:
    trust = table(qtbot, office.o)
    c = office.c.identity.fingerprint
    assert trust.custodians == set(office.custodians())
    trust.select(c)
    dialog = trust.revoke_selected()
    assert isinstance(dialog, CustodianConfirmDialog)
    why = dialog.findChild(object, "custodianWhy").text()
    assert "C holds one of the recovery shares of this vault" in why
    assert "Type your passphrase" in why and "--" not in why and "registry" not in why
    assert not dialog.move_box.isVisible() and not dialog.yes.isEnabled()
    dialog.passphrase.setText("not the passphrase")
    with qtbot.waitSignal(trust.failed) as failed:
        dialog.yes.click()
    assert "passphrase does not open this vault" in failed.args[0]
    assert not office.o.sharing.trust.get(c).revoked and c in office.custodians()

    trust.select(c)
    again = trust.revoke_selected()
    assert isinstance(again, CustodianConfirmDialog)
    again.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(trust.official_revoked):
        again.yes.click()
    assert again.passphrase.text() == ""  # the field forgets it
    assert office.o.sharing.trust.get(c).revoked and c not in office.custodians()
    assert len(office.custodians()) == 2
    assert "C held a recovery share" in trust.message.text()
    assert "Recovery shares" in trust.message.text()
    # a colleague holding no share: the plain question, no passphrase
    office.o.recovery.setup([office.a.identity.fingerprint], 1, 2, PASSPHRASE)
    trust.refresh()
    trust.select(office.b.identity.fingerprint)
    assert isinstance(trust.revoke_selected(), QMessageBox)


def test_new_paper_shares_are_shown_once_after_revoking(qtbot, office) -> None:
    office.o.recovery.setup([office.a.identity.fingerprint, office.b.identity.fingerprint], 1,
                            2, PASSPHRASE)
    trust = table(qtbot, office.o)
    trust.select(office.b.identity.fingerprint)
    dialog = trust.revoke_selected()
    assert isinstance(dialog, CustodianConfirmDialog)
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(trust.dialog_opened) as opened:
        dialog.yes.click()
    paper = opened.args[0]
    assert isinstance(paper, PaperSharesDialog)
    assert len(paper.words.text().split()) >= 20 * 2  # numbered words of one share


def test_revoke_and_undo_of_a_custodian_asks_the_passphrase(qtbot, office) -> None:
    trust = table(qtbot, office.o)
    b = office.b.identity.fingerprint
    trust.select(b)
    dialog = trust.quarantine_selected()
    assert dialog is not None
    dialog.date.setDate(QDate(2020, 1, 1))
    with qtbot.waitSignal(trust.dialog_opened) as opened:
        dialog.next_button.click()
    confirm = opened.args[0]
    assert isinstance(confirm, CustodianConfirmDialog)
    assert not office.o.sharing.trust.get(b).revoked  # nothing before the passphrase
    confirm.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(trust.quarantined) as done:
        confirm.yes.click()
    assert done.args[0].recovery is not None and b not in office.custodians()


def test_accepting_a_handover_offers_the_successor_the_place(qtbot, office, tmp_path) -> None:
    d = make_vault(tmp_path, "D")
    try:
        office.a.sharing.add_card(d.sharing.card(), verified_method="in_person")
        statement = tmp_path / "succession.json"
        office.a.sharing.handover_statement(d.identity.fingerprint, statement)
        trust = table(qtbot, office.o, statement)
        with qtbot.waitSignal(trust.dialog_opened) as opened:
            trust.accept_statement_action.trigger()
        dialog = opened.args[0]
        assert isinstance(dialog, CustodianConfirmDialog)
        assert dialog.move_box.isVisibleTo(dialog)
        assert dialog.move_box.text() == "Make the successor a custodian in their place"
        assert not dialog.move_box.isChecked()
        dialog.move_box.setChecked(True)
        dialog.passphrase.setText(PASSPHRASE)
        with qtbot.waitSignal(trust.official_revoked):
            dialog.yes.click()
        assert office.custodians()[0] == d.identity.fingerprint
        assert "D takes A's place among your custodians" in trust.message.text()
    finally:
        d.lock()


def test_the_recovery_set_marks_a_custodian_no_longer_trusted(qtbot, office) -> None:
    """A set from before the rule, whose custodian the trust store no longer trusts."""
    from registry.gui.recovery.shares import set_text

    assert "no longer trusted" not in set_text(office.o.recovery.status()["issued"])
    office.o.sharing.trust.revoke(office.c.identity.fingerprint)  # the low-level change
    lines = set_text(office.o.recovery.status()["issued"]).splitlines()
    assert [line.startswith("Share") and "no longer trusted here" in line
            for line in lines[1:]] == [False, False, True]
