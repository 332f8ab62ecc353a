"""Signed claims (DESIGN §6.5.3) and held erasures (§6.5.4), in-process, as attacks by a
trusted, verified colleague's keys (**C**) on the receiving vault (**R**); **A** is another
official both trust. Each attack has a positive control."""

from __future__ import annotations

import json
from pathlib import Path

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.sync import held, signatures, wire
from registry.sync.importer import Change

from .forge import forge, record, stamp
from .test_adversarial import dump
from .vaults import person, receive, send

STRANGER = "ab" * 20  # the fingerprint of an official nobody here knows


def signed(signer: Registry, rec: Record, field: str, value: object, at: Stamp
           ) -> dict[str, bytes]:
    claim = signatures.Claim(field, value, at)
    return {field: signer.official_keys.signing_key().sign(
        signatures.message(rec.id, rec.kind, claim))}


def is_erased(reg: Registry, record_id: str) -> bool:
    found = reg.store.get(record_id)
    return found is not None and found.erased is not None


def test_an_erasure_in_a_strangers_name_signed_by_a_trusted_key_waits(
        rca, tmp_path: Path) -> None:
    """C signs, with C's own valid key, an erasure stamped by an official R never met: a
    trusted key vouches for it, but its origin is no one R knows and no pseudonym, so it
    waits for R's official. The control: C erases a record C made, and it applies."""
    r, c, _ = rca
    victim = person(r, "Ирина Волкова", notes="жива")
    mine = person(c, "Сергей Свой")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    at = Stamp(c.store.clock.tick(), STRANGER)
    tomb = Record(victim, Kind.PERSON, {}, {}, at)
    line = wire.to_line(tomb, signed(c, tomb, "erased", None, at))
    [report] = receive(r, forge(c, r, tmp_path / "bad.rbundle", [], [line]))
    assert report.counts["held"] == 1 and report.erased == []
    assert report.held[0]["origin"] == STRANGER
    assert not is_erased(r, victim) and r.get(victim).values["notes"] == "жива"
    [entry] = r.sharing.held_changes()
    assert (entry.record_id, entry.origin, entry.origin_name, entry.label) == (
        victim, STRANGER, "", "Ирина Волкова")

    c.erase(mine)  # positive control: the creator's erasure, signed, applies at once
    [control] = receive(r, send(c, [r], tmp_path / "c1.rbundle"))
    assert control.erased == [mine] and is_erased(r, mine)


def test_a_revoked_officials_signature_no_longer_vouches(rca, tmp_path: Path) -> None:
    """A's erasure of a record A made, relayed by C: applied while A is trusted; once R
    revoked A, A's key is no one's here, the erasure cannot be verified and waits."""
    r, c, a = rca
    first, second = person(a, "Первый Человек"), person(a, "Второй Человек")
    base = send(a, [r, c], tmp_path / "a.rbundle")
    receive(r, base)
    receive(c, base)
    a.erase(first)
    a.erase(second)
    relay = send(a, [c], tmp_path / "a2.rbundle")
    receive(c, relay)  # C now holds both erasures with A's signatures
    c_bundle = send(c, [r], tmp_path / "c.rbundle")
    [control] = receive(r, c_bundle, dry_run=True)  # A trusted: both apply at once
    assert sorted(control.erased) == sorted([first, second])

    r.sharing.revoke(a.identity.fingerprint)
    [report] = receive(r, c_bundle)
    assert report.counts["held"] == 2 and report.erased == []
    assert not is_erased(r, first) and not is_erased(r, second)


def _evaluation(rec_of: Registry, subject: str, by: Stamp) -> Record:
    values = {"subject_id": subject, "date": "2025-01-15", "score_1": 0, "score_2": 0,
              "score_3": 0, "assessor": by.origin, "sensitivity": "internal"}
    return Record(record(rec_of, Kind.PERSON, {}).id, Kind.EVALUATION, values,
                  dict.fromkeys(values, by))


def test_a_new_evaluation_whose_scores_are_not_its_assessors_is_dropped_whole(
        rca, tmp_path: Path) -> None:
    r, c, a = rca
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    receive(r, send(a, [r], tmp_path / "a.rbundle"))
    ev = _evaluation(c, org, stamp(c))
    ev.values["assessor"] = a.identity.fingerprint  # "by A", every stamp C's
    plain = record(c, Kind.PERSON, {"name": "Обычный Человек", "sensitivity": "internal"})
    [report] = receive(r, forge(c, r, tmp_path / "bad.rbundle", [plain, ev]))
    [dropped] = report.not_applied
    assert dropped["id"] == ev.id and dropped["reason"] == signatures.NOT_THE_ASSESSOR
    assert {"score_1", "score_2", "score_3"} <= set(dropped["fields"])
    assert r.store.get(ev.id) is None and report.counts["new"] == 1  # the rest applies

    own = _evaluation(c, org, stamp(c))  # positive control: C's own evaluation, signed
    sigs: dict[str, bytes] = {}
    for claim in signatures.claims(own):  # its scores, subject and date
        sigs |= signed(c, own, claim.field, claim.value, claim.stamp)
    [ok] = receive(r, forge(c, r, tmp_path / "good.rbundle", [],
                            [wire.to_line(own, sigs)]))
    assert ok.counts["new"] == 1 and ok.not_applied == []
    assert r.get(own.id).values["score_1"] == 0


def test_an_erasure_nobody_trusted_signed_is_accepted_here_but_not_passed_on(
        rca, tmp_path: Path) -> None:
    """R's official accepts a held erasure that no trusted key signed: it applies here, but
    R cannot vouch for it, so R's exports leave its tombstone home; an erasure R made
    itself goes out signed (the control)."""
    r, c, a = rca
    own = person(r, "Своя Запись")
    receive(a, send(r, [a], tmp_path / "own.rbundle"))  # A holds R's own record
    victim = person(r, "Ирина Волкова")
    at = Stamp(c.store.clock.tick(), STRANGER)
    tomb = Record(victim, Kind.PERSON, {}, {}, at)  # no signature at all
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [wire.to_line(tomb)]))
    assert report.counts["held"] == 1
    [entry] = r.sharing.held_changes()
    held.accept(r.store, entry.id)
    assert is_erased(r, victim)
    r.erase(own)
    request = r.sharing.request(to=[a.identity.fingerprint])
    r.sharing.export(request, tmp_path / "out.rbundle")
    [out] = receive(a, tmp_path / "out.rbundle")
    assert victim not in out.erased and a.store.get(victim) is None
    assert own in out.erased and out.not_applied == []


def test_the_held_list_hides_a_tie_to_a_protected_person_and_names_this_vault(
        rca, tmp_path: Path) -> None:
    r, c, _ = rca
    hidden = person(c, "Ирина Волкова")
    known = person(c, "Сергей Открытый")
    tie = c.add(Kind.TIE, {"from_id": known, "to_id": hidden, "kind": "family"}).id
    receive(r, send(c, [r], tmp_path / "c.rbundle"))
    r.update(hidden, {"inside_russia": True})  # protected here
    at = Stamp(c.store.clock.tick(), STRANGER)
    tombs = [Record(i, k, {}, {}, at) for i, k in ((tie, Kind.TIE), (known, Kind.PERSON))]
    lines = [wire.to_line(t, signed(c, t, "erased", None, at)) for t in tombs]
    [report] = receive(r, forge(r, r, tmp_path / "own.rbundle", [], lines))  # R's own file
    assert report.counts["held"] == 2
    by_record = {e.record_id: e for e in held.pending(r.store, "Official R")}
    assert (by_record[tie].label, by_record[tie].protected) == (None, True)
    assert (by_record[known].label, by_record[known].protected) == ("Сергей Открытый", False)
    assert by_record[tie].sender == r.identity.fingerprint
    assert by_record[tie].sender_name == "Official R"  # this vault, by its own name


def test_settle_leaves_a_held_erasure_of_a_record_still_live_waiting(rca, tmp_path: Path
                                                                    ) -> None:
    r, c, _ = rca
    victim = person(r, "Ирина Волкова")
    at = Stamp(c.store.clock.tick(), STRANGER)
    receive(r, forge(c, r, tmp_path / "c.rbundle", [],
                     [wire.to_line(Record(victim, Kind.PERSON, {}, {}, at))]))
    with r.store.write():
        held.settle(r.store, [victim])  # not erased here: nothing settles
    [entry] = held.pending(r.store)
    assert entry.record_id == victim and entry.status == held.HELD
    assert not is_erased(r, victim)


def test_a_held_erasure_without_an_import_is_accepted_and_names_this_vault(
        rca, tmp_path: Path) -> None:
    """A held row need not come with an import (the schema allows none): accepting it erases
    the record and touches no import's counts; a stamp by this vault is shown by its name."""
    r, _, _ = rca
    victim = person(r, "Ирина Волкова")
    mine = Stamp(r.store.clock.tick(), r.identity.fingerprint)
    change = Change(Record(victim, Kind.PERSON, {}, {}, mine), "held", True)
    with r.store.write():
        assert held.hold(r.store, [change], r.identity.fingerprint, None) == 1
        assert held.hold(r.store, [change], r.identity.fingerprint, None) == 0  # once
    [entry] = held.pending(r.store, "Official R")
    assert (entry.origin_name, entry.sender_name) == ("Official R", "Official R")
    before = dump(r)["bundle_import"]
    done = held.accept(r.store, entry.id)
    assert done.status == held.ACCEPTED and is_erased(r, victim)
    assert dump(r)["bundle_import"] == before
    line = r.store.conn.execute("SELECT line FROM held_change").fetchone()[0]
    assert json.loads(line)["erased"] == mine.to_json()


def test_an_unsigned_erasure_of_a_record_not_held_yet_cannot_swallow_it(
        rca, tmp_path: Path) -> None:
    """An erasure no trusted key signed, of a record R does not hold yet, waits: A's own copy
    arriving later is taken in live, not erased by the tombstone on arrival."""
    r, c, a = rca
    anna = person(a, "Анна Смирнова", notes="встреча в Риге")
    tomb = Record(anna, Kind.PERSON, {}, {}, Stamp(c.store.clock.tick(), STRANGER))
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [wire.to_line(tomb)]))
    assert report.counts["held"] == 1 and report.erased == [] and r.store.get(anna) is None
    [arrival] = receive(r, send(a, [r], tmp_path / "a.rbundle"))
    assert arrival.counts["new"] == 1  # positive control: the record itself is taken in
    assert r.get(anna).values["notes"] == "встреча в Риге"
    assert [h.record_id for h in r.sharing.held_changes()] == [anna]


def test_a_decision_made_up_on_two_live_records_and_erased_waits(rca, tmp_path: Path) -> None:
    """C made up a decision on two of R's records (its id is their pair's) and erased it as its
    maker: the erasure applied at once, and R's official could never decide on the pair again
    ("erased with one of its records"), so a flagged woman's duplicate never took her
    protection (DESIGN §6.4.3). A decision goes with one of its records, and only so: this
    erasure waits for the official. Control: C erases a person of its own, and the decision
    C made on her goes with her, at once."""
    from registry.domain.ids import decision_id

    r, c, _ = rca
    anna, dup = person(r, "Анна Смирнова"), person(r, "Anna Smirnova")
    r.update(anna, {"inside_russia": True})
    receive(c, send(r, [c], tmp_path / "r.rbundle"))
    lo, hi = sorted([anna, dup])
    values = {"a_id": lo, "b_id": hi, "decision": "not_same",
              "decided_by": c.identity.fingerprint}
    made = Record(decision_id(lo, hi), Kind.DECISION, values, dict.fromkeys(values, stamp(c)))
    receive(r, forge(c, r, tmp_path / "c1.rbundle", [made], sign=True))
    gone = Record(made.id, Kind.DECISION, {}, {}, stamp(c))
    [report] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [gone], sign=True))
    assert report.counts["held"] == 1 and not is_erased(r, made.id)
    r.matching.decide(anna, dup, "same")
    assert r.protection_of(dup).label == "protected"

    hers, other = person(c, "Сергей Свой"), person(c, "Sergei Svoi")
    c.matching.decide(hers, other, "not_same")
    receive(r, send(c, [r], tmp_path / "c3.rbundle"))
    c.erase(hers)
    [control] = receive(r, send(c, [r], tmp_path / "c4.rbundle"))
    pair = decision_id(*sorted([hers, other]))
    assert is_erased(r, hers) and is_erased(r, pair) and pair in control.erased
