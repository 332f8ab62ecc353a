"""Quarantine (DESIGN §6.5.9) lowers protection through a "same" group too (§6.4.1, §6.4.3).

Carol's bundle links Alice's record P2 "same" as Alice's protected P1 (``merged_into``): P2
is protected through the group without a field of its own changing. Undoing that link lowers
P2 — what counts is the protection rule's answer before and after the revert — so it needs
confirmation, is listed and audited. A confirmation given for a preview's list covers exactly
those records: one lowered since (an import landed in between) is refused, nothing changed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.errors import LoweringNeedsConfirmation
from registry.service import Registry
from tests.passphrase import PASSPHRASE

from .forge import files, forge, stamp
from .vaults import person, receive, send, trusted

SINCE = "2000-01-01"  # every import of the test


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, ...]]:
    with trusted(tmp_path, "Alice", "Carol") as vaults:
        yield vaults


def link(carol: Registry, alice: Registry, path: Path, member: str, target: str) -> None:
    """Carol's well-signed bundle saying ``member`` is the same as ``target``, imported."""
    line = Record(member, Kind.PERSON, {"merged_into": target},
                  {"merged_into": stamp(carol)})
    receive(alice, forge(carol, alice, path, [line]))


def shared(alice: Registry, carol: Registry, tmp: Path, **p1: object) -> tuple[str, str, str]:
    """Alice's P1 (``p1`` values), P2 and P3, all held by Carol too."""
    ids = (person(alice, "Ирина Волкова", **p1), person(alice, "Irina Volkova"),
           person(alice, "И. Волкова"))
    receive(carol, send(alice, [carol], tmp / "a.rbundle"))
    return ids


def lowered_audit(vault: Registry) -> dict[str, list[str]]:
    return {str(r[0]): json.loads(r[1]) for r in vault.store.conn.execute(
        "SELECT record_id, fields FROM audit WHERE action = 'lower_protection'")}


def test_undoing_a_same_link_to_a_protected_record_asks_lists_and_audits(
        pair, tmp_path: Path) -> None:
    alice, carol = pair
    p1, p2, _ = shared(alice, carol, tmp_path, inside_russia=True)
    alice.lock()
    shutil.copytree(alice.paths.root, tmp_path / "control")  # never imports Carol's link
    alice = Registry.unlock(alice.paths.root, PASSPHRASE)
    link(carol, alice, tmp_path / "link.rbundle", p2, p1)
    assert alice.protection_of(p2) is Sensitivity.PROTECTED  # through the group only
    fc = carol.identity.fingerprint
    before = files(alice)
    with pytest.raises(LoweringNeedsConfirmation):
        alice.sharing.quarantine(fc, SINCE)
    assert files(alice) == before and not alice.sharing.trust.get(fc).revoked
    assert alice.protection_of(p2) is Sensitivity.PROTECTED
    preview = alice.sharing.quarantine(fc, SINCE, dry_run=True)
    assert preview.protection_lowered == [p2] and files(alice) == before
    report = alice.sharing.quarantine(fc, SINCE, confirm_lowering=True)
    assert report.protection_lowered == [p2]
    assert alice.protection_of(p2) is Sensitivity.INTERNAL
    assert lowered_audit(alice) == {p2: ["inside_russia", "sensitivity"]}
    control = Registry.unlock(tmp_path / "control", PASSPHRASE)
    try:
        assert alice.digest() == control.digest()
    finally:
        control.lock()
    alice.lock()


def test_the_same_link_between_unprotected_records_needs_no_confirmation(
        pair, tmp_path: Path) -> None:
    alice, carol = pair
    p1, p2, _ = shared(alice, carol, tmp_path)  # P1 not protected: nothing goes down
    link(carol, alice, tmp_path / "link.rbundle", p2, p1)
    report = alice.sharing.quarantine(carol.identity.fingerprint, SINCE)
    assert report.protection_lowered == [] and lowered_audit(alice) == {}
    assert report.restored[0].fields == {"merged_into": "unset"}
    assert alice.get(p2).values.get("merged_into") is None


def test_a_record_the_revert_removes_is_not_lowered_one_linked_to_it_is(
        pair, tmp_path: Path) -> None:
    alice, carol = pair
    _, p2, _ = shared(alice, carol, tmp_path)
    theirs = person(carol, "Подставная", inside_russia=True)
    line = Record(p2, Kind.PERSON, {"merged_into": theirs}, {"merged_into": stamp(carol)})
    receive(alice, forge(carol, alice, tmp_path / "c.rbundle", [carol.get(theirs), line]))
    assert alice.protection_of(p2) is Sensitivity.PROTECTED
    with pytest.raises(LoweringNeedsConfirmation):
        alice.sharing.quarantine(carol.identity.fingerprint, SINCE)
    report = alice.sharing.quarantine(carol.identity.fingerprint, SINCE, confirm_lowering=True)
    assert report.removed == [(theirs, "person")]
    assert report.protection_lowered == [p2] and set(lowered_audit(alice)) == {p2}


def test_a_preview_confirms_what_it_listed_and_nothing_lowered_since(
        pair, tmp_path: Path) -> None:
    alice, carol = pair
    p1, p2, p3 = shared(alice, carol, tmp_path, sensitivity="protected")
    link(carol, alice, tmp_path / "l2.rbundle", p2, p1)
    fc = carol.identity.fingerprint
    preview = alice.sharing.quarantine(fc, SINCE, dry_run=True)
    assert preview.protection_lowered == [p2]
    # an import landing between the preview and the confirmation: undoing it lowers P3 too
    raise_p3 = Record(p3, Kind.PERSON, {"sensitivity": "protected"},
                      {"sensitivity": stamp(carol)})
    receive(alice, forge(carol, alice, tmp_path / "p3.rbundle", [raise_p3]))
    assert alice.protection_of(p3) is Sensitivity.PROTECTED
    before = files(alice)
    with pytest.raises(LoweringNeedsConfirmation, match="Since the preview"):
        alice.sharing.quarantine(fc, SINCE, confirm_lowering=preview.protection_lowered)
    assert files(alice) == before and not alice.sharing.trust.get(fc).revoked
    assert alice.protection_of(p3) is Sensitivity.PROTECTED and lowered_audit(alice) == {}
    # the control: the preview of now, confirmed, is done
    again = alice.sharing.quarantine(fc, SINCE, dry_run=True)
    assert sorted(again.protection_lowered) == sorted([p2, p3])
    report = alice.sharing.quarantine(fc, SINCE, confirm_lowering=again.protection_lowered)
    assert sorted(report.protection_lowered) == sorted([p2, p3])
    assert alice.sharing.trust.get(fc).revoked
    assert alice.protection_of(p3) is Sensitivity.INTERNAL
    assert set(lowered_audit(alice)) == {p2, p3}


def test_a_confirmation_for_more_than_is_lowered_and_an_empty_one(pair, tmp_path: Path) -> None:
    alice, carol = pair
    p1, p2, p3 = shared(alice, carol, tmp_path, sensitivity="protected")
    link(carol, alice, tmp_path / "l2.rbundle", p2, p1)
    fc = carol.identity.fingerprint
    with pytest.raises(LoweringNeedsConfirmation):
        alice.sharing.quarantine(fc, SINCE, confirm_lowering=())  # confirms no record
    with pytest.raises(TypeError):
        alice.sharing.quarantine(fc, SINCE, confirm_lowering=p2)  # a bare id is not a list
    assert not alice.sharing.trust.get(fc).revoked
    report = alice.sharing.quarantine(fc, SINCE, confirm_lowering={p2, p3})
    assert report.protection_lowered == [p2] and alice.sharing.trust.get(fc).revoked


def test_a_custodian_s_quarantine_is_refused_before_the_key_is_rotated(
        pair, tmp_path: Path) -> None:
    alice, carol = pair
    p1, p2, _ = shared(alice, carol, tmp_path, inside_russia=True)
    alice.recovery.setup([carol.identity.fingerprint], 1, 2, PASSPHRASE)
    link(carol, alice, tmp_path / "link.rbundle", p2, p1)
    fc = carol.identity.fingerprint
    assert alice.sharing.holds_recovery_share(fc)
    before = files(alice)  # the key file too: no rotation when refused
    for unconfirmed in (False, ()):
        with pytest.raises(LoweringNeedsConfirmation):
            alice.sharing.quarantine(fc, SINCE, passphrase=PASSPHRASE,
                                     confirm_lowering=unconfirmed)
        assert files(alice) == before and not alice.sharing.trust.get(fc).revoked
    report = alice.sharing.quarantine(fc, SINCE, passphrase=PASSPHRASE, confirm_lowering=[p2])
    assert report.protection_lowered == [p2] and report.recovery is not None
    assert files(alice) != before and alice.sharing.trust.get(fc).revoked


@pytest.mark.parametrize("case", ["rule_raised", "sent_raised", "official_edited"])
def test_their_record_the_rule_raised_here_goes_at_their_quarantine(
        pair: tuple[Registry, ...], tmp_path: Path, case: str) -> None:
    """Carol sends X (inside Russia, no level of its own) and links Alice's own R "same" as X:
    the import makes the group's level X's own, as Alice's own change (materialise). Carol's
    quarantine read that raise as Alice's edit, kept X — Carol's name and flag — and the
    digest was not that of a vault that never imported the bundle (DESIGN §6.5.9). A raise
    by the rule is nobody taking X up; an edit of the official's still is. Controls: X sent
    with its level (nothing raised here); the official edits X (X stays, listed)."""
    from .forge import record

    alice, carol = pair
    r = person(alice, "Анна Смирнова", notes="Alice's own record")
    before = alice.digest()
    values: dict[str, object] = {"name": "X от Карол", "inside_russia": True}
    if case == "sent_raised":
        values["sensitivity"] = "protected"
    x = record(carol, Kind.PERSON, values)
    receive(alice, forge(carol, alice, tmp_path / "c.rbundle",
                         [x, record(carol, Kind.PERSON, {"merged_into": x.id}, record_id=r)]))
    assert alice.get(x.id).values["sensitivity"] == "protected"
    if case == "official_edited":
        alice.update(x.id, {"notes": "met her in Riga"})
    report = alice.sharing.quarantine(carol.identity.fingerprint, "2000-01-01",
                                      confirm_lowering=True)
    if case == "official_edited":
        assert alice.store.get(x.id) is not None
        assert [k["id"] for k in report.kept] == [x.id]
        return
    assert alice.store.get(x.id) is None and report.removed == [(x.id, "person")]
    assert alice.digest() == before


@pytest.mark.parametrize("flagged", [True, False])
def test_quarantine_of_a_group_of_their_records_reads_the_group_once(
        pair: tuple[Registry, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        flagged: bool) -> None:
    """Carol's bundle brought n people all "same" as one (n = 300): her quarantine removed
    them one by one, each asking the rule whether she was protected, which walked the whole
    group again: minutes for a few thousand, inside the one step meant to undo a seized
    colleague's bundles. The group is read once now; the names of the people it protected
    are still noted for the mention scan (DESIGN §6.4.6)."""
    from registry.store import protection

    from .forge import record
    from .test_split_attacks import counted

    alice, carol = pair
    hub = record(carol, Kind.PERSON, {"name": "Хаб Хабов", **(
        {"inside_russia": True} if flagged else {})})
    xs = [record(carol, Kind.PERSON, {"name": f"Дубль {i}", "merged_into": hub.id})
          for i in range(300)]
    receive(alice, forge(carol, alice, tmp_path / "c.rbundle", [hub, *xs]))
    walks = counted(monkeypatch, protection, "group_of")
    noted: list[list[str]] = []
    alice.store.on_protected_erased = noted.extend
    alice.sharing.quarantine(carol.identity.fingerprint, SINCE, confirm_lowering=True)
    assert alice.store.counts()["person"] == 0
    assert len(walks) < 20, len(walks)
    assert len(noted) == (301 if flagged else 0)


@pytest.mark.parametrize("act", ["flag_her", "erase_her", "none"])
def test_their_record_a_rule_changed_at_an_act_of_hers_goes_at_their_quarantine(
        pair: tuple[Registry, ...], tmp_path: Path, act: str) -> None:
    """Carol sent X, a tie from X to Alice's own Y and an event listing X and Y. Alice flags Y
    (the tie is raised with her) or erases Y at her request (the event loses her): a rule of
    Alice's vault changed Carol's records, and the quarantine read that as Alice taking them
    up — Carol's tie, event and X stayed, and the vault was not one that never imported
    Carol's bundle (DESIGN §6.5.9). Control: no act of Alice's."""
    from .forge import record

    alice, carol = pair
    y = person(alice, "Елена Орлова", notes="Alice's own record")
    x = record(carol, Kind.PERSON, {"name": "Ксения от Карол"})
    tie = record(carol, Kind.TIE, {"from_id": x.id, "to_id": y, "kind": "contact_inside"})
    event = record(carol, Kind.EVENT, {"title": "Встреча", "start": "2026-05-01",
                                       "participants": [x.id, y]})
    receive(alice, forge(carol, alice, tmp_path / "c.rbundle", [x, tie, event]))
    if act == "flag_her":
        alice.update(y, {"inside_russia": True})
    elif act == "erase_her":
        alice.erase(y)
    alice.sharing.quarantine(carol.identity.fingerprint, SINCE, confirm_lowering=True)
    assert alice.store.get(x.id) is None and alice.store.get(event.id) is None
    left = alice.store.get(tie.id)  # her erasure erased her ties: that stays, as erasures do
    assert left is None if act != "erase_her" else left is not None and left.erased


@pytest.mark.parametrize("act", ["event", "tie"])
def test_a_rule_after_the_officials_own_edit_leaves_the_record_hers(
        pair: tuple[Registry, ...], tmp_path: Path, act: str) -> None:
    """Carol sent an event (a tie); Alice's official added her own people to it (judged the
    tie confidential); then a rule changed the same field again (an erasure took one of the
    people off; her flag raised the tie). The rule's mark replaced the official's edit, and
    Carol's quarantine removed the record she had taken up (DESIGN §6.5.9)."""
    from .forge import record

    alice, carol = pair
    w, z, y = person(alice, "Вера"), person(alice, "Зоя"), person(alice, "Юлия")
    x = record(carol, Kind.PERSON, {"name": "Ксения от Карол"})
    if act == "event":
        sent = record(carol, Kind.EVENT, {"title": "Встреча", "start": "2026-05-01",
                                          "participants": [x.id]})
    else:
        sent = record(carol, Kind.TIE, {"from_id": x.id, "to_id": y, "kind": "colleague"})
    receive(alice, forge(carol, alice, tmp_path / "c.rbundle", [x, sent]))
    if act == "event":
        alice.update(sent.id, {"participants": [x.id, w, z]})
        alice.erase(w)
    else:
        alice.update(sent.id, {"sensitivity": "confidential"})
        alice.update(y, {"inside_russia": True})
    alice.sharing.quarantine(carol.identity.fingerprint, SINCE, confirm_lowering=True)
    assert alice.store.get(sent.id) is not None


@pytest.mark.parametrize("how", ["flag-and-link", "flag", "link-to-her-erased",
                                 "link-to-their-protected", "link-to-an-honest-flag"])
def test_what_a_rule_raised_because_of_their_values_goes_with_them(
        tmp_path: Path, how: str) -> None:
    """A seized key (M) linked records "same" as a protected person — this vault's own
    people to A's Anna it flagged, to Hanna whom this vault flagged and erased, or to a
    protected person of its own — and the protection rule raised them, A's tie of Anna too,
    in this vault's name: at the import's raise-first, or when the next export made the
    groups' levels their members' own (and sent its notices). The quarantine undid the
    links and the flag and kept every raise (was): the network stayed blinded, and the
    digest was not that of a vault that never imported M's bundle (DESIGN §6.5.9). What
    the rule raised because of their values goes back, confirmed and listed. Control: what
    an honest colleague's flag calls for stays (A flagged Anna herself)."""
    from .forge import record
    from .vaults import introduce, make_vault

    r, a, m, b = (make_vault(tmp_path, n) for n in ("R", "A", "M", "B"))
    introduce(r, a, m, b)
    try:
        anna = person(a, "Анна Смирнова", country="LT")
        org = a.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "ngo"}).id
        tie = a.add(Kind.TIE, {"from_id": anna, "to_id": org, "kind": "member_of"}).id
        own = [person(r, f"Активист {n}", notes="R's own") for n in range(3)]
        receive(r, send(a, [r], tmp_path / "a.rbundle"))
        target, lines = anna, [record(m, Kind.PERSON, {"inside_russia": True}, anna)]
        if how == "link-to-her-erased":
            target, lines = person(r, "Hanna Petrova", inside_russia=True), []
            r.erase(target)
        elif how == "link-to-their-protected":
            theirs = record(m, Kind.PERSON, {"name": "P", "sensitivity": "protected",
                                             "inside_russia": True})
            target, lines = theirs.id, [theirs]
        elif how == "link-to-an-honest-flag":
            a.update(anna, {"inside_russia": True})
            receive(r, send(a, [r], tmp_path / "a1.rbundle"))
            lines = []
        receive(b, send(r, [b], tmp_path / "r-b0.rbundle"))  # B holds R's people
        before = r.digest()
        if how != "flag":
            lines += [record(m, Kind.PERSON, {"merged_into": target}, rid) for rid in own]
        receive(r, forge(m, r, tmp_path / "m.rbundle", lines))
        receive(b, send(r, [b], tmp_path / "r-b1.rbundle"))  # the groups' levels made own
        raised = [rid for rid in [*own, anna, tie] if r.is_protected(rid)]
        assert len(raised) == {"flag": 2, "flag-and-link": 5, "link-to-an-honest-flag": 5}.get(
            how, 3)
        with pytest.raises(LoweringNeedsConfirmation):
            r.sharing.quarantine(m.identity.fingerprint, "2000-01-01")
        report = r.sharing.quarantine(m.identity.fingerprint, "2000-01-01",
                                      confirm_lowering=True)
        stays = [anna, tie] if how == "link-to-an-honest-flag" else []
        assert [rid for rid in [*own, anna, tie] if r.is_protected(rid)] == stays
        assert set(raised) - set(stays) <= set(report.protection_lowered)
        assert r.digest() == before
    finally:
        for v in (r, a, m, b):
            v.lock()


@pytest.mark.parametrize("how", ["link-on-their-record", "their-level-under-the-raise",
                                 "an-edit-after-their-flag"])
def test_a_rule_raise_of_theirs_goes_by_every_route(tmp_path: Path, how: str) -> None:
    """Routes the first undo missed (each left this vault's people protected after the
    quarantine, and the digest not that of a vault that never imported M's bundle): M's own
    protected records linked "same" to them (the link on M's record, asked before M's
    records went, still called for the raise); M's own "confidential" under the rule's raise
    (put back from field history as it was, M's); the official's edit of another field after
    M's flag, which wrote the flag's level with her change and raised the ties (the rule's
    part of an edit is now written as the rule's)."""
    from .forge import record
    from .vaults import introduce, make_vault

    r, m, b = (make_vault(tmp_path, n) for n in ("R", "M", "B"))
    introduce(r, m, b)
    try:
        own = [person(r, f"Активист {n}", notes="R's own") for n in range(2)]
        org = r.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "ngo"}).id
        tie = r.add(Kind.TIE, {"from_id": own[0], "to_id": org, "kind": "member_of"}).id
        receive(b, send(r, [b], tmp_path / "r-b0.rbundle"))
        before = r.digest()
        flagged = {"name": "Дубликат", "sensitivity": "protected", "inside_russia": True}
        if how == "link-on-their-record":
            lines = [record(m, Kind.PERSON, {**flagged, "merged_into": x}) for x in own]
        elif how == "their-level-under-the-raise":
            q = record(m, Kind.PERSON, flagged)
            lines = [q, *(record(m, Kind.PERSON, {"merged_into": q.id,
                                                  "sensitivity": "confidential"}, x)
                          for x in own)]
        else:
            lines = [record(m, Kind.PERSON, {"inside_russia": True}, x) for x in own]
        receive(r, forge(m, r, tmp_path / "m.rbundle", lines))
        if how == "an-edit-after-their-flag":
            for x in own:
                r.update(x, {"notes": "met in Riga"})
                r.update(x, {"notes": "R's own"})
        receive(b, send(r, [b], tmp_path / "r-b1.rbundle"))  # the rule's raises, in R's name
        assert all(r.is_protected(x) for x in [*own, tie])
        r.sharing.quarantine(m.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        assert not any(r.is_protected(x) for x in [*own, tie])
        if how != "an-edit-after-their-flag":  # (the edits stay, and are in the digest)
            assert r.digest() == before
    finally:
        for v in (r, m, b):
            v.lock()


def test_an_honest_flag_that_lost_to_the_rules_raise_stays(tmp_path: Path) -> None:
    """A flagged X; before A's bundle arrived, M linked X "same" as a protected person of
    M's and the next export raised X in this vault's name. A's flag then lost to that raise
    (an older stamp) and was kept aside. The quarantine put X back to what the rule had
    replaced, straight from field history: the next bundle carried X by name (was). What
    the rule's raise goes back to is merged with what others delivered, as any value a
    quarantine puts back."""
    from .forge import record
    from .vaults import introduce, make_vault

    r, m, a, b = (make_vault(tmp_path, n) for n in ("R", "M", "A", "B"))
    introduce(r, m, a, b)
    try:
        x = person(r, "Ирина Волкова", notes="R's own")
        receive(a, send(r, [a], tmp_path / "r-a.rbundle"))
        a.update(x, {"inside_russia": True})
        honest = send(a, [r], tmp_path / "a-r.rbundle")
        q = record(m, Kind.PERSON, {"name": "Q", "inside_russia": True,
                                    "sensitivity": "protected"})
        receive(r, forge(m, r, tmp_path / "m.rbundle",
                         [q, record(m, Kind.PERSON, {"merged_into": q.id}, x)]))
        receive(b, send(r, [b], tmp_path / "r-b0.rbundle"))
        receive(r, honest)
        report = r.sharing.quarantine(m.identity.fingerprint, "2000-01-01",
                                      confirm_lowering=True)
        assert r.is_protected(x) and x not in report.protection_lowered
        receive(b, send(r, [b], tmp_path / "r-b1.rbundle"))
        held = b.store.get(x)
        assert held is None or not held.values.get("name")
    finally:
        for v in (r, m, a, b):
            v.lock()
