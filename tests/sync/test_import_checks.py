"""What an import may change (DESIGN §6.5): verified senders only, all or none, and every
line checked as a local edit is. Bundles are built with a trusted colleague's real keys; each
refusal leaves the vault byte-identical, and each has a positive control (the same bundle
without the forged part is accepted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp, wall_hlc
from registry.domain.ids import decision_id, new_id
from registry.domain.model import Record
from registry.errors import BundleError, InvalidInput, TrustError
from registry.service import Registry

from .forge import files, forge, record, stamp
from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    a, b = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    introduce(a, b)
    yield a, b
    a.lock()
    b.lock()


def test_an_unverified_sender_is_refused_unless_allowed(tmp_path: Path) -> None:
    a, b = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    a.sharing.add_card(b.sharing.card(), verified_method="safety_number")
    b.sharing.add_card(a.sharing.card())  # Bob added Alice's card but never verified it
    person(a, "Someone")
    bundle = send(a, [b], tmp_path / "x.rbundle")
    before = files(b)
    with pytest.raises(TrustError, match="not verified"):
        receive(b, bundle)
    assert files(b) == before
    report = b.sharing.import_bundles([bundle], allow_unverified=True)[0]
    assert report.counts["new"] == 1  # positive control: the same bundle, knowingly accepted
    a.lock()
    b.lock()


def _forged_lines(a: Registry) -> dict[str, list]:
    """Lines each of which a local edit would refuse."""
    alice = person(a, "Existing Person")
    org = a.add(Kind.ORGANISATION, {"name": "Some NGO", "type": "ngo"}).id
    tie = a.add(Kind.TIE, {"from_id": alice, "to_id": org, "kind": "member_of"}).id
    return {
        "a tie joining a person to themselves":
            [record(a, Kind.TIE, {"from_id": alice, "to_id": alice, "kind": "colleague",
                                  "sensitivity": "internal"})],
        "an event whose participants are an organisation and a tie":
            [record(a, Kind.EVENT, {"title": "Meeting", "start": "2024-05-01",
                                    "participants": [org, tie], "sensitivity": "internal"})],
        "a person with no name":
            [record(a, Kind.PERSON, {"country": "DE", "sensitivity": "internal"})],
        "a person whose name is blanked":
            [record(a, Kind.PERSON, {"name": None}, alice)],
        "support from a person":
            [record(a, Kind.SUPPORT, {"provider_id": alice, "recipient_id": org,
                                      "kind": "grant", "sensitivity": "internal"})],
        "a tie to nothing":
            [record(a, Kind.TIE, {"from_id": alice, "to_id": "00000000-0000-4000-8000-"
                                  "000000000000", "kind": "colleague",
                                  "sensitivity": "internal"})],
        "a person merged into an organisation":
            [record(a, Kind.PERSON, {"name": "Twin", "merged_into": org,
                                     "sensitivity": "internal"})],
        "a decision on a record and itself":
            [record(a, Kind.DECISION, {"a_id": alice, "b_id": alice, "decision": "same",
                                       "sensitivity": "internal"})],
    }


def _deleted_too(line: Record) -> Record:
    """The same line, arriving deleted (under an old stamp: its deletion may lose here)."""
    return Record(line.id, line.kind, {**line.values, "deleted": True},
                  {**line.stamps, "deleted": Stamp(1, next(iter(line.stamps.values())).origin)})


@pytest.mark.parametrize("deleted", [False, True])
def test_lines_a_local_edit_would_refuse_refuse_the_bundle(pair, tmp_path: Path,
                                                           deleted: bool) -> None:
    """Each line a local edit refuses refuses the bundle — also arriving deleted: a deleted
    line skipped every check (was), and an undeletion, or a deletion losing to the record
    held here, made its values live."""
    a, b = pair
    forged = _forged_lines(a)
    if deleted:
        forged = {what: [_deleted_too(r) for r in lines] for what, lines in forged.items()}
    receive(b, send(a, [b], tmp_path / "base.rbundle"))  # Bob holds Alice's records
    good = [record(a, Kind.PERSON, {"name": "An Ordinary Person", "sensitivity": "internal"})]
    for n, (what, lines) in enumerate(forged.items()):
        before = files(b)
        bad = forge(a, b, tmp_path / f"bad{n}.rbundle", [*good, *lines], sign=True)
        with pytest.raises(BundleError, match=r"line|lacks") as refused:
            receive(b, bad)
        assert "refused" in str(refused.value), what
        assert files(b) == before, what
    report = receive(b, forge(a, b, tmp_path / "good.rbundle", good))[0]
    assert report.counts["new"] == 1  # positive control: the same bundle without the forgery


def test_several_files_are_imported_all_or_none(pair, tmp_path: Path) -> None:
    a, b = pair
    good = send(a, [b], tmp_path / "good.rbundle") if person(a, "Good Person") else None
    assert good is not None
    bad = forge(a, b, tmp_path / "bad.rbundle",
                [record(a, Kind.PERSON, {"country": "DE", "sensitivity": "internal"})])
    before = files(b)
    with pytest.raises(BundleError):
        b.sharing.import_bundles([good, bad])
    assert files(b) == before and not b.search("Good Person")
    reports = b.sharing.import_bundles([good])
    assert reports[0].counts["new"] >= 1  # positive control


def test_a_decision_line_is_one_the_duplicate_review_could_have_made(
        pair, tmp_path: Path) -> None:
    """A decision is on two persons or two organisations, under its pair's id, and its
    decider is the official whose stamp it bears: a colleague's line cannot say that this
    vault (or a third official) decided, which would hide a pair from this vault's review."""
    a, b = pair
    first, second = person(a, "Мария Иванова"), person(a, "Мария Иванова")
    org = a.add(Kind.ORGANISATION, {"name": "Фонд", "type": "ngo"}).id
    receive(b, send(a, [b], tmp_path / "base.rbundle"))

    def decision(x: str, y: str, by: str, name: str, rid: str | None = None) -> Record:
        low, high = sorted((x, y))
        return record(a, Kind.DECISION, {"a_id": low, "b_id": high, "decision": "not_same",
                                         "decided_by": by, "decided_by_name": name},
                      rid or decision_id(low, high))

    fa, fb = a.identity.fingerprint, b.identity.fingerprint
    forged = {"a person and an organisation": decision(first, org, fa, "Alice"),
              "another pair's id": decision(first, second, fa, "Alice", str(new_id())),
              "this vault's name": decision(first, second, fb, "Bob"),
              "a third official's name": decision(first, second, "cd" * 20, "Carol")}
    for n, (what, line) in enumerate(forged.items()):
        before = files(b)
        with pytest.raises(BundleError, match="refused"):
            receive(b, forge(a, b, tmp_path / f"bad{n}.rbundle", [line], sign=True))
        assert files(b) == before, what
    [report] = receive(b, forge(a, b, tmp_path / "good.rbundle",
                                [decision(first, second, fa, "Alice")], sign=True))
    assert report.counts["new"] == 1  # positive control: Alice's own decision on the pair
    assert [d.decided_by for d in b.matching.decisions()] == [fa]
    # the decision changed by someone other than the decider it names, or without one
    rid = decision_id(*sorted((first, second)))
    later, carol = stamp(a, 10**6), Stamp(stamp(a, 10**6).hlc, "cd" * 20)
    flips = {"a partial line": Record(rid, Kind.DECISION, {"decision": "same"},
                                      {"decision": later})}
    for n, (what, line) in enumerate(flips.items()):
        before = files(b)
        with pytest.raises(BundleError, match="another official than the one it names"):
            receive(b, forge(a, b, tmp_path / f"flip{n}.rbundle", [line], sign=True))
        assert files(b) == before, what
    # Carol's decision, signed by Alice: Alice's word for an official this vault never met
    # is no one's (signatures.py): dropped, reported, the decision as it was
    digest = b.digest()
    [report] = receive(b, forge(a, b, tmp_path / "carol.rbundle", [Record(
        rid, Kind.DECISION, {"decision": "same", "decided_by": fa},
        {"decision": carol, "decided_by": Stamp(1, fa)})], sign=True))
    assert b.digest() == digest and report.counts["changed"] == 0
    assert [d.decision for d in b.matching.decisions()] == ["not_same"]
    # the control: Alice confirming, after it, a decision Carol had made
    confirmed = Record(rid, Kind.DECISION, {"decision": "not_same", "decided_by": fa,
                                            "decided_by_name": "Alice"},
                       {"decision": Stamp(2, "cd" * 20), "decided_by": later,
                        "decided_by_name": later})
    [report] = receive(b, forge(a, b, tmp_path / "confirm.rbundle", [confirmed], sign=True))
    assert report.counts["changed"] == 1


def test_a_refused_import_leaves_the_clock_where_it_was(pair, tmp_path: Path) -> None:
    """Files imported together are applied in one transaction: when a later one is refused,
    an earlier one's stamps, here six days ahead (within the skew allowed), go with the
    rollback: the next local edit is stamped now, not in the future."""
    a, b = pair
    day = (24 * 3600 * 1000) << 16
    newcomer = str(new_id())
    ahead = Stamp(wall_hlc() + 6 * day, a.identity.fingerprint)  # clock-ok: ahead of now
    good = forge(a, b, tmp_path / "good.rbundle",
                 [Record(newcomer, Kind.PERSON, {"name": "Хороший Человек"}, {"name": ahead})])
    clash = forge(a, b, tmp_path / "bad.rbundle", [record(
        a, Kind.ORGANISATION, {"name": "Ширма", "type": "ngo"}, newcomer)])
    mine = person(b, "Своя Запись")
    before = files(b)
    with pytest.raises(BundleError, match="another kind"):
        b.sharing.import_bundles([good, clash])
    assert files(b) == before
    b.update(mine, {"city": "Riga"})
    assert b.get(mine).stamps["city"].hlc < wall_hlc() + day // 24  # clock-ok: stamped now
    [report] = receive(b, good)  # positive control: the good file alone moves the clock
    assert report.counts["new"] == 1 and b.store.clock.last >= ahead.hlc


def test_a_refusal_names_the_line_the_record_came_on(pair, tmp_path: Path) -> None:
    """A protection notice before the record line, and a line the screen left out, do not
    shift the line a refusal names: the tie joined to itself came on payload line 4 (the
    header is line 1)."""
    from registry.sync import wire

    a, b = pair
    anna = person(a, "Анна Смирнова")
    receive(b, send(a, [b], tmp_path / "base.rbundle"))
    notice = wire.notice_line(anna, Kind.PERSON, {"sensitivity": "confidential"},
                              {"sensitivity": stamp(a)})
    stranger = Stamp(stamp(a).hlc, "ab" * 20)  # a deletion nobody trusted signed: left out
    unsigned = wire.to_line(Record(anna, Kind.PERSON, {"deleted": True}, {"deleted": stranger}))
    self_tie = wire.to_line(record(a, Kind.TIE, {"from_id": anna, "to_id": anna,
                                                 "kind": "family"}))
    before = files(b)
    with pytest.raises(BundleError, match="Payload line 4: from_id and to_id"):
        receive(b, forge(a, b, tmp_path / "bad.rbundle", [], [notice, unsigned, self_tie]))
    assert files(b) == before


def test_an_undeletion_leaves_no_record_a_local_edit_could_not(pair, tmp_path: Path) -> None:
    """A bundle brought a new person as a bare tombstone (a deletion carries nothing else);
    a later line of her deleter undid the deletion: a person with no name came alive (was).
    The record as the merge leaves it is checked. Control: an undeletion bringing her name."""
    a, b = pair
    gone = new_id()
    receive(b, forge(a, b, tmp_path / "t.rbundle",
                     [Record(gone, Kind.PERSON, {"deleted": True}, {"deleted": stamp(a)})],
                     sign=True))
    before = files(b)
    back = Record(gone, Kind.PERSON, {"deleted": False}, {"deleted": stamp(a)})
    with pytest.raises(BundleError, match="name is required"):
        receive(b, forge(a, b, tmp_path / "u.rbundle", [back], sign=True))
    assert files(b) == before
    named = Record(gone, Kind.PERSON, {"deleted": False, "name": "Anna"},
                   dict.fromkeys(("deleted", "name"), stamp(a)))
    assert receive(b, forge(a, b, tmp_path / "n.rbundle", [named], sign=True))[0] \
        .counts["changed"] == 1
    assert b.get(gone).values["name"] == "Anna"


@pytest.mark.parametrize("old_end", [True, False])
def test_an_end_that_loses_here_does_not_hide_a_tie_to_itself(pair, tmp_path: Path,
                                                              old_end: bool) -> None:
    """Bob holds Anna -> Boris. A line for the tie carries from_id Zoya under an old stamp
    (it loses to Anna, held here) and to_id Anna under a new one (it wins): the line's two
    ends differed, the merge left Anna -> Anna (was). Control: both stamps new, the tie
    becomes Zoya -> Anna."""
    a, b = pair
    anna, boris, zoya = person(a, "Anna"), person(a, "Boris"), person(a, "Zoya")
    tie = a.add(Kind.TIE, {"from_id": anna, "to_id": boris, "kind": "colleague"}).id
    receive(b, send(a, [b], tmp_path / "base.rbundle"))
    now = stamp(a)
    line = Record(tie, Kind.TIE, {"from_id": zoya, "to_id": anna},
                  {"from_id": Stamp(1, now.origin) if old_end else now, "to_id": now})
    bundle = forge(a, b, tmp_path / "x.rbundle", [line])
    if old_end:
        before = files(b)
        with pytest.raises(BundleError, match="would be the same record once merged"):
            receive(b, bundle)
        assert files(b) == before
    else:
        receive(b, bundle)
        held = b.get(tie).values
        assert (held["from_id"], held["to_id"]) == (zoya, anna)


@pytest.mark.parametrize("name", ["Carol", None])
def test_a_bundle_is_reported_under_the_name_this_vault_knows_its_signer_by(
        pair, tmp_path: Path, name: str | None) -> None:
    """Alice's keys signed a manifest calling its sender "Carol": the import report and
    ``bundle inspect`` said it came from Carol (was), whom an official finding hostile changes
    would then revoke. Control: the manifest's own name."""
    a, b = pair
    bundle = forge(a, b, tmp_path / "x.rbundle",
                   [record(a, Kind.PERSON, {"name": "Someone"})], sender_name=name)
    seen = b.sharing.inspect(bundle)
    assert seen.sender_name == "Alice"
    assert seen.to_json()["sender"]["name"] == (name or "Alice")  # the manifest, as signed
    assert receive(b, bundle)[0].sender_name == "Alice"


def test_a_support_given_by_a_donor_stays_valid_when_its_type_changes(pair, tmp_path: Path
                                                                     ) -> None:
    """Alice corrected her fund's type from donor to ngo after it had given a grant: the
    local edit was taken, and every later bundle of hers carrying the grant was refused
    whole at Bob's (\"the provider must be … donor or government\"), the flags in it too;
    a seized key could do the same with one type line (DESIGN §6.5.5). A support is checked
    when it is given or its provider changes, here and on import alike. Control: a new
    support from an ngo is refused, here and in a bundle."""
    a, b = pair
    fund = a.add(Kind.ORGANISATION, {"name": "Фонд Х", "type": "donor"}).id
    ngo = a.add(Kind.ORGANISATION, {"name": "НКО У", "type": "ngo"}).id
    grant = a.add(Kind.SUPPORT, {"provider_id": fund, "recipient_id": ngo,
                                 "kind": "grant"}).id
    receive(b, send(a, [b], tmp_path / "a0.rbundle"))
    a.update(fund, {"type": "ngo"})
    a.update(grant, {"notes": "second tranche"})  # the support stays one
    anna = person(a, "Анна Смирнова", inside_russia=True)
    receive(b, send(a, [b], tmp_path / "a1.rbundle"))
    assert b.get(grant).values["notes"] == "second tranche" and b.store.get(anna) is None
    # a colleague who never held the grant takes it too: given before the type changed
    from .vaults import introduce, make_vault

    c = make_vault(tmp_path, "Carol")
    try:
        introduce(a, c)
        receive(c, send(a, [c], tmp_path / "a-c.rbundle"))
        assert c.get(grant).values["provider_id"] == fund
    finally:
        c.lock()
    with pytest.raises(InvalidInput, match="provider"):
        a.add(Kind.SUPPORT, {"provider_id": fund, "recipient_id": ngo, "kind": "grant"})
    before = files(b)
    new = record(a, Kind.SUPPORT, {"provider_id": fund, "recipient_id": ngo, "kind": "grant"})
    with pytest.raises(BundleError, match="provider"):
        receive(b, forge(a, b, tmp_path / "bad.rbundle", [new]))
    assert files(b) == before


@pytest.mark.parametrize("undo", ["revert", "quarantine"])
def test_undoing_an_import_leaves_no_record_a_local_edit_could_not(tmp_path: Path,
                                                                  undo: str) -> None:
    """A tie Anna -> Boris: one import moved its to_id to Zoya, a later one its from_id to
    Boris. Undoing the first (a revert, or the quarantine of its sender) put back to_id
    Boris beside from_id Boris: a tie joining Boris to himself, which no import or local
    edit may leave, and every colleague then refused this vault's bundles whole (was). Such
    a record is left as it is (listed for review by the quarantine). Control: undoing the
    second import leaves Anna -> Boris."""
    from .vaults import introduce, make_vault

    a, m, b, c = (make_vault(tmp_path, n) for n in ("Alice", "Mallory", "Bob", "Carol"))
    introduce(a, m, b, c)
    try:
        anna, boris, zoya = (person(a, n) for n in ("Anna Petrova", "Boris Ivanov", "Zoya"))
        tie = a.add(Kind.TIE, {"from_id": anna, "to_id": boris, "kind": "colleague"}).id
        receive(b, send(a, [b], tmp_path / "a-b.rbundle"))
        receive(c, send(a, [c], tmp_path / "a-c.rbundle"))
        moved = stamp(m)
        [first] = receive(b, forge(m, b, tmp_path / "m1.rbundle", [  # and raised it
            Record(tie, Kind.TIE, {"to_id": zoya, "sensitivity": "confidential"},
                   {"to_id": moved, "sensitivity": moved})]))
        [second] = receive(b, forge(a, b, tmp_path / "a1.rbundle", [
            Record(tie, Kind.TIE, {"from_id": boris}, {"from_id": stamp(a)})]))
        if undo == "revert":
            b.sharing.revert(first.import_id)
        else:
            report = b.sharing.quarantine(m.identity.fingerprint, "2000-01-01",
                                          confirm_lowering=True)
            assert [k["id"] for k in report.kept] == [tie]
        held = b.get(tie).values
        assert (held["from_id"], held["to_id"]) == (boris, zoya)
        # the quarantine still takes their raise back (a revert never lowers protection)
        assert (held["sensitivity"] == "confidential") is (undo == "revert")
        receive(c, send(b, [c], tmp_path / "b-c.rbundle"))  # not refused
        if undo == "revert":
            b.sharing.revert(second.import_id)  # control
            held = b.get(tie).values
            assert (held["from_id"], held["to_id"]) == (anna, zoya)
    finally:
        for v in (a, m, b, c):
            v.lock()
