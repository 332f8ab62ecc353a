"""Protection only ratchets up through sharing (DESIGN §6.4.1), in-process vaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Stamp
from registry.errors import LoweringNeedsConfirmation
from registry.service import Registry
from registry.store.protection import ratchet_wins

from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def pair(tmp_path: Path):
    a, b = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    introduce(a, b)
    yield a, b
    for v in (a, b):
        v.lock()


def _flag(vault: Registry, record_id: str) -> None:
    vault.update(record_id, {"inside_russia": True})


def _lower(vault: Registry, record_id: str) -> None:
    vault.update(record_id, {"inside_russia": False, "sensitivity": "internal"},
                 confirm_lowering=True)


def _level(vault: Registry, record_id: str) -> str:
    return vault.protection_of(record_id).label


def test_ratchet_order_is_by_protection_then_stamp() -> None:
    low, high = Stamp(1, "a"), Stamp(2, "a")
    assert ratchet_wins("sensitivity", ("internal", high), ("protected", low))
    assert not ratchet_wins("sensitivity", ("protected", low), ("internal", high))
    assert ratchet_wins("sensitivity", ("protected", low), ("protected", high))
    assert not ratchet_wins("inside_russia", (True, low), (False, high))
    # a local lowering from the value stamped `low` is not undone by that value again...
    assert not ratchet_wins("inside_russia", (False, high), (True, low), lowered=low)
    # ...but a raise stamped after what was lowered is
    assert ratchet_wins("inside_russia", (False, high), (True, Stamp(3, "b")), lowered=low)


def test_an_import_never_lowers_protection(pair, tmp_path: Path) -> None:
    a, b = pair
    p = person(a, "Ольга Позднова")
    receive(b, send(a, [b], tmp_path / "1.rbundle", ceiling="protected", mode="include"))
    _flag(b, p)  # Bob flags his copy; Alice's copy stays ordinary and she edits it later
    a.store.clock.observe(b.store.clock.last)  # later: never at the same instant
    a.update(p, {"notes": "newer edit", "sensitivity": "confidential"})
    assert _level(b, p) == "protected"
    reports = receive(b, send(a, [b], tmp_path / "2.rbundle", ceiling="protected",
                              mode="include"))
    record = b.get(p)
    assert record.values["notes"] == "newer edit"  # positive control: the bundle merged
    assert record.values["sensitivity"] == "protected" and record.values["inside_russia"]
    assert p in reports[0].protection_kept


def test_a_local_lowering_stays_local_and_is_audited(pair, tmp_path: Path) -> None:
    a, b = pair
    p = person(a, "Protected Person", inside_russia=True)
    receive(b, send(a, [b], tmp_path / "1.rbundle", ceiling="protected", mode="include"))
    assert _level(b, p) == "protected"
    with pytest.raises(LoweringNeedsConfirmation):
        a.update(p, {"inside_russia": False, "sensitivity": "internal"})
    assert _level(a, p) == "protected"  # refused: nothing changed
    _lower(a, p)
    assert _level(a, p) == "internal"
    actions = [r[0] for r in a.store.conn.execute("SELECT action FROM audit")]
    assert "lower_protection" in actions
    receive(b, send(a, [b], tmp_path / "2.rbundle", ceiling="protected", mode="include"))
    assert _level(b, p) == "protected"  # Bob keeps his protection


def test_the_value_lowered_coming_back_does_not_raise_again(pair, tmp_path: Path) -> None:
    a, b = pair
    p = person(a, "Protected Person", inside_russia=True)
    old = send(a, [b], tmp_path / "1.rbundle", ceiling="protected", mode="include")
    receive(b, old)
    _lower(b, p)
    receive(b, old)  # a replay
    assert _level(b, p) == "internal"
    receive(b, send(a, [b], tmp_path / "2.rbundle", ceiling="protected", mode="include"))
    assert _level(b, p) == "internal"  # Alice's value is the one Bob lowered
    _lower(a, p)
    _flag(a, p)  # flagged again, after Bob's lowering: a new decision
    receive(b, send(a, [b], tmp_path / "3.rbundle", ceiling="protected", mode="include"))
    assert _level(b, p) == "protected"


def test_reverting_an_import_keeps_the_protection_it_raised(pair, tmp_path: Path) -> None:
    a, b = pair
    p = person(a, "Someone")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    _flag(a, p)
    reports = receive(b, send(a, [b], tmp_path / "2.rbundle"))
    assert reports[0].protection_raised == [p] and _level(b, p) == "protected"
    b.sharing.revert(str(reports[0].import_id))
    assert _level(b, p) == "protected"


def test_the_dry_run_reports_what_the_import_does(pair, tmp_path: Path) -> None:
    a, b = pair
    kept, raised = person(a, "Kept Person"), person(a, "Raised Person")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    _flag(b, kept)
    a.update(kept, {"notes": "edit", "sensitivity": "confidential"})  # newer, but lower
    _flag(a, raised)
    bundle = send(a, [b], tmp_path / "2.rbundle", ceiling="protected", mode="include")
    planned = receive(b, bundle, dry_run=True)[0]
    done = receive(b, bundle)[0]
    assert planned.protection_raised == done.protection_raised == [raised]
    assert planned.protection_kept == done.protection_kept == [kept]
    assert planned.counts == done.counts and done.counts["notices"] == 0


def test_a_notice_that_overtakes_its_record_waits_for_it(pair, tmp_path: Path) -> None:
    a, b = pair
    p = person(a, "Travelling Person")
    first = send(a, [b], tmp_path / "1.rbundle")
    _flag(a, p)
    notice = send(a, [b], tmp_path / "2.rbundle", notices_only=True)
    reports = receive(b, notice)  # delivered out of order: Bob does not hold the record yet
    assert reports[0].notices_held == [p]
    receive(b, first)
    assert _level(b, p) == "protected" and b.get(p).values["inside_russia"] is True
    assert b.store.conn.execute("SELECT count(*) FROM held_notice").fetchone()[0] == 0


def test_notices_go_only_where_every_recipient_holds_the_record(tmp_path: Path) -> None:
    a, b, c = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol"))
    introduce(a, b, c)
    p = person(a, "Shared With Bob Only")
    receive(b, send(a, [b], tmp_path / "b.rbundle"))
    _flag(a, p)
    both = a.sharing.preview_export(a.sharing.request(
        to=[b.identity.fingerprint, c.identity.fingerprint], notices_only=True))
    assert both.notices == 0 and both.notices_withheld == 1  # Carol must not learn the id
    alone = a.sharing.preview_export(a.sharing.request(to=[b.identity.fingerprint],
                                                       notices_only=True))
    assert alone.notices == 1
    for v in (a, b, c):
        v.lock()


def test_sensitivity_notice_reaches_support_records(pair, tmp_path: Path) -> None:
    a, b = pair
    donor = a.add(Kind.ORGANISATION, {"name": "Fund", "type": "donor"}).id
    someone = person(a, "Grantee")
    grant = a.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": someone,
                                 "kind": "grant"}).id
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    a.update(grant, {"sensitivity": "confidential"})
    exposure = a.sharing.preview_export(a.sharing.request(to=[b.identity.fingerprint]))
    assert exposure.notices == 1 and grant in exposure.to_json()["reasons"]["above_ceiling"][
        "record_ids"]
    receive(b, send(a, [b], tmp_path / "2.rbundle"))
    assert b.get(grant).sensitivity is Sensitivity.CONFIDENTIAL
