"""Irreversible changes wait for the official (DESIGN §6.5.4), between real in-process vaults.

Alice makes a record and shares it with Bob and Carol. An erasure by its creator (Alice) or by
the importing vault itself is applied at once; an erasure by anyone else, or by an origin the
vault does not know, waits in the held-changes list until the official accepts or declines it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.errors import InvalidInput, NotFound
from registry.service import Registry
from registry.store.creator import creator
from registry.sync import held

from .forge import forge
from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    vaults = [make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol")]
    introduce(*vaults)
    yield vaults[0], vaults[1], vaults[2]
    for v in vaults:
        v.lock()


def shared(a: Registry, others: list[Registry], tmp: Path, name: str = "Анна Смирнова") -> str:
    anna = person(a, name, notes="met in Riga")
    path = send(a, others, tmp / f"from-{a.identity.name}-{anna[:8]}.rbundle")
    for v in others:
        receive(v, path)
    return anna


def erased(reg: Registry, record_id: str) -> bool:
    record = reg.store.get(record_id)
    return record is not None and record.erased is not None


def rows(reg: Registry) -> list[tuple[str, str]]:
    return [(str(r[0]), str(r[1])) for r in reg.store.conn.execute(
        "SELECT record_id, status FROM held_change ORDER BY received_at, id")]


def test_the_creator_is_the_one_origin_of_the_required_fields_stamps(
        trio, tmp_path: Path) -> None:
    """Alice made Anna; Bob's edits of other fields leave her the creator, even when every
    current stamp is Bob's (hers are in history). Once Bob renames Anna, two origins have
    stamped her name: the creator is unknown, and an erasure by either would wait."""
    a, b, _ = trio
    anna = shared(a, [b], tmp_path)
    b.update(anna, {"notes": "Bob's", "sensitivity": "confidential"})
    assert creator(b.store, anna) == a.identity.fingerprint
    b.update(anna, {"name": "Анна С."})
    assert {s.origin for s in b.get(anna).stamps.values()} == {b.identity.fingerprint}
    assert creator(b.store, anna) is None
    assert creator(b.store, "00000000-0000-4000-8000-000000000000") is None


def test_an_erasure_by_someone_else_waits_and_accept_applies_it(trio, tmp_path: Path) -> None:
    a, b, c = trio
    anna = shared(a, [b, c], tmp_path)
    c.erase(anna)  # Carol is not its creator
    before = a.digest()
    [report] = receive(a, send(c, [a], tmp_path / "c.rbundle"))
    assert a.digest() == before and not erased(a, anna)
    assert a.get(anna).values["notes"] == "met in Riga"
    assert report.counts["held"] == 1 and report.counts["erased"] == 0
    fc = c.identity.fingerprint
    assert report.held == [{"id": anna, "kind": "person", "change": "erase", "origin": fc,
                            "sender": fc}]
    assert report.to_json()["held"] == report.held
    [entry] = a.sharing.held_changes()
    assert (entry.record_id, entry.kind, entry.change, entry.status) == \
        (anna, "person", "erase", "held")
    assert entry.label == "Анна Смирнова" and not entry.protected
    assert (entry.sender, entry.sender_name, entry.origin, entry.origin_name) == \
        (fc, "Carol", fc, "Carol")

    done = a.sharing.accept_held(entry.id)
    assert done.status == "accepted" and done.decided_at is not None
    assert erased(a, anna) and a.sharing.held_changes() == []
    assert a.digest() == c.digest()  # the same tombstone as Carol's
    assert a.store.history(anna) == []  # erased values leave no history
    actions = [r[0] for r in a.store.conn.execute(
        "SELECT action FROM audit WHERE record_id = ? ORDER BY seq", (anna,))]
    assert actions[-3:] == ["held", "erase", "held_accept"]
    with pytest.raises(InvalidInput, match="already accepted"):
        a.sharing.accept_held(entry.id)
    [again] = receive(a, tmp_path / "c.rbundle")  # a replay changes nothing
    assert again.import_id is None and len(rows(a)) == 1


def test_a_declined_erasure_stays_local_and_a_replay_does_not_ask_again(
        trio, tmp_path: Path) -> None:
    a, b, c = trio
    anna = shared(a, [b, c], tmp_path)
    c.erase(anna)
    bundle = send(c, [a], tmp_path / "c.rbundle")
    receive(a, bundle)
    before = a.digest()
    [entry] = a.sharing.held_changes()
    assert a.sharing.decline_held(entry.id).status == "declined"
    assert a.digest() == before and a.get(anna).values["name"] == "Анна Смирнова"
    [replay] = receive(a, bundle)
    assert replay.import_id is None and replay.counts["held"] == 0
    assert rows(a) == [(anna, "declined")] and a.sharing.held_changes() == []
    # the same erasure relayed by someone else is not asked about again either
    receive(b, send(c, [b], tmp_path / "c-to-b.rbundle"))
    [b_entry] = b.sharing.held_changes()
    b.sharing.accept_held(b_entry.id)
    [relayed] = receive(a, send(b, [a], tmp_path / "b.rbundle"))
    assert relayed.counts["held"] == 0 and rows(a) == [(anna, "declined")]
    assert not erased(a, anna)
    # and nothing travels: Alice's next bundle does not erase Anna anywhere
    receive(c, send(a, [c], tmp_path / "a2.rbundle"))
    assert erased(c, anna) and not erased(a, anna)


def test_the_creators_erasure_is_applied_at_once(trio, tmp_path: Path) -> None:
    a, b, _ = trio
    anna = shared(a, [b], tmp_path)
    b.update(anna, {"notes": "Bob's note"})  # Bob's edit does not make him the creator
    a.erase(anna)
    [report] = receive(b, send(a, [b], tmp_path / "a2.rbundle"))
    assert report.counts["erased"] == 1 and report.counts["held"] == 0
    assert erased(b, anna) and rows(b) == []
    assert a.digest() == b.digest()


def test_a_relayed_erasure_by_the_creator_is_applied_at_once(trio, tmp_path: Path) -> None:
    a, b, c = trio
    anna = shared(a, [b, c], tmp_path)
    a.erase(anna)
    receive(b, send(a, [b], tmp_path / "a2.rbundle"))
    [report] = receive(c, send(b, [c], tmp_path / "b.rbundle"))  # Bob relays Alice's erasure
    assert report.counts["erased"] == 1 and erased(c, anna) and rows(c) == []


@pytest.mark.parametrize("whole", [False, True])
def test_a_colleague_relaying_a_record_first_under_a_newer_stamp_is_not_its_maker(
        trio, tmp_path: Path, whole: bool) -> None:
    """Carol, holding Alice's Anna, relays her to Bob first with her name under a newer stamp
    of Carol's own; Alice's copy comes next, its older name stamp losing to Carol's. Two
    origins stamped her name here, though Alice's stamp never stood: Carol's erasure of
    Anna waits for Bob's official, with Alice's fields and Bob's own edit intact (§6.5.4).
    Without Alice's copy, Carol's stamps are all Bob's vault knows of Anna (ids are not
    bound to their makers): her erasure would be her maker's. ``whole``: Carol's relay beats
    every field of Alice's copy, which then changes nothing but who is known to stamp her."""
    a, b, c = trio
    anna = shared(a, [c], tmp_path)
    values = {"name": "Анна Смирнова"}
    if whole:
        values |= {"notes": "met in Riga", "sensitivity": "internal"}
    newer = Stamp(c.store.clock.tick(), c.identity.fingerprint)
    relay = forge(c, b, tmp_path / "relay.rbundle", [Record(
        anna, Kind.PERSON, values, dict.fromkeys(values, newer))])
    receive(b, relay)
    assert creator(b.store, anna) == c.identity.fingerprint  # all Bob knows yet
    [alices] = receive(b, send(a, [b], tmp_path / "a.rbundle"))
    assert alices.counts["changed" if not whole else "unchanged"] == 1
    assert alices.import_id is not None and b.get(anna).values["notes"] == "met in Riga"
    assert b.get(anna).stamps["name"].origin == c.identity.fingerprint  # Carol's stands
    assert creator(b.store, anna) is None
    [again] = receive(b, tmp_path / "a.rbundle")  # a replay keeps nothing more
    assert again.import_id is None
    b.update(anna, {"legal_basis": "consent, in person"})
    gone = Record(anna, Kind.PERSON, erased=Stamp(c.store.clock.tick(), c.identity.fingerprint))
    [report] = receive(b, forge(c, b, tmp_path / "erase.rbundle", [gone], sign=True))
    assert report.counts["held"] == 1 and report.counts["erased"] == 0
    assert b.get(anna).values["legal_basis"] == "consent, in person"
    b.erase(anna)  # what the official erases leaves no trace of who stamped it either
    assert b.store.required_origins_kept([anna]) == set()


def test_a_losing_stamp_of_a_colleague_quarantined_since_waits_for_nothing(
        trio, tmp_path: Path) -> None:
    """Carol relays Alice's Anna to Bob under an old stamp of her own: it loses, and makes
    the maker unknown (two origins stamped her name), so Alice's erasure would wait. Once
    Bob's official quarantines Carol, her stamp counts no more: Alice's erasure of Anna is
    hers, applied at once, as that of a record Carol never touched (the control)."""
    a, b, c = trio
    vera, anna = shared(a, [b, c], tmp_path, "Вера Орлова"), shared(a, [b, c], tmp_path)
    receive(b, forge(c, b, tmp_path / "relay.rbundle", [Record(
        anna, Kind.PERSON, {"name": "Анна Смирнова"},
        {"name": Stamp(1, c.identity.fingerprint)})]))
    assert creator(b.store, anna) is None and creator(b.store, vera) == a.identity.fingerprint
    b.sharing.quarantine(c.identity.fingerprint, "2000-01-01", confirm_lowering=True)
    assert creator(b.store, anna) == a.identity.fingerprint
    a.erase(anna)
    a.erase(vera)
    [report] = receive(b, send(a, [b], tmp_path / "a2.rbundle"))
    assert report.counts["erased"] == 2 and report.counts["held"] == 0


def test_a_stamp_history_counts_already_is_not_kept_again(trio, tmp_path: Path) -> None:
    """Carol's copy of Alice's Anna comes to Bob unchanged (nothing kept), then Bob renames
    Anna: Alice's stamp is in field history. The same copy delivered again loses to the
    rename, but Alice stamped Anna's name here already: nothing is kept, the import writes
    nothing (a replay changes nothing, §6.5.8)."""
    a, b, c = trio
    anna = shared(a, [b, c], tmp_path)
    again = send(c, [b], tmp_path / "c.rbundle")
    [first] = receive(b, again)
    assert first.import_id is None  # it changed nothing: not logged
    b.update(anna, {"name": "Анна С."})
    [replay] = receive(b, again)
    assert replay.import_id is None and b.store.required_origins_kept([anna]) == set()
    assert creator(b.store, anna) is None  # Alice's history and Bob's rename: two origins


def test_this_vaults_own_erasure_is_applied(trio, tmp_path: Path) -> None:
    a, b, c = trio
    vera = shared(c, [a, b], tmp_path, "Вера Орлова")  # Carol's record
    a.erase(vera)
    receive(b, send(a, [b], tmp_path / "a.rbundle"))
    [entry] = b.sharing.held_changes()  # Bob holds Alice's erasure of Carol's record...
    b.sharing.accept_held(entry.id)
    [back] = receive(a, send(b, [a], tmp_path / "b.rbundle"))  # ...and it comes back to Alice
    assert back.counts["held"] == 0 and rows(a) == []
    own = Record(vera, Kind.PERSON, erased=Stamp(a.store.clock.last, a.identity.fingerprint))
    live = person(a, "Глеб Иванов")
    mine = Record(live, Kind.PERSON, erased=Stamp(a.store.clock.last, a.identity.fingerprint))
    known = held.known_origins(a.store)
    assert held.may_apply(a.store, own, known) and held.may_apply(a.store, mine, known)


def test_an_erasure_from_an_unknown_origin_waits_even_from_the_creator(
        trio, tmp_path: Path) -> None:
    a, b, _ = trio
    stranger = "f" * 40  # a vault Alice does not know, whose records Bob relays
    made = Stamp(b.store.clock.tick(), stranger)
    rid = "0195d3c0-0000-7000-8000-000000000001"
    ghost = Record(rid, Kind.PERSON, {"name": "Глеб Иванов", "sensitivity": "internal"},
                   {"name": made, "sensitivity": made})
    receive(a, forge(b, a, tmp_path / "new.rbundle", [ghost]))
    assert creator(a.store, rid) == stranger
    gone = Record(rid, Kind.PERSON, erased=Stamp(b.store.clock.tick(), stranger))
    before = a.digest()
    [report] = receive(a, forge(b, a, tmp_path / "gone.rbundle", [gone]))
    assert report.held == [{"id": rid, "kind": "person", "change": "erase", "origin": stranger,
                            "sender": b.identity.fingerprint}]
    assert a.digest() == before and not erased(a, rid)
    [entry] = a.sharing.held_changes()
    assert entry.origin == stranger and entry.origin_name == "" and entry.sender_name == "Bob"


def test_an_erasure_of_a_record_not_held_yet_waits_and_spares_it_when_it_arrives(
        trio, tmp_path: Path) -> None:
    """Carol never had Anna: Bob's erasure of her (Bob is not her creator) waits, for the
    tombstone would otherwise erase Anna the moment Alice's own copy arrived, unasked. Alice's
    copy then arrives live; the erasure still waits; accepted, it erases her."""
    a, b, c = trio
    anna = shared(a, [b], tmp_path)
    b.erase(anna)
    [report] = receive(c, send(b, [c], tmp_path / "b.rbundle"))  # Carol never had Anna
    assert report.counts["held"] == 1 and report.erased == [] and c.store.get(anna) is None
    [arrival] = receive(c, send(a, [c], tmp_path / "a.rbundle"))
    assert arrival.counts["new"] == 1 and c.get(anna).values["name"] == "Анна Смирнова"
    [entry] = c.sharing.held_changes()
    assert entry.record_id == anna
    held.accept(c.store, entry.id)
    assert erased(c, anna)


def test_a_dry_run_reports_the_held_erasure_and_writes_nothing(trio, tmp_path: Path) -> None:
    a, b, c = trio
    anna = shared(a, [b, c], tmp_path)
    c.erase(anna)
    [preview] = receive(a, send(c, [a], tmp_path / "c.rbundle"), dry_run=True)
    assert preview.counts["held"] == 1 and [h["id"] for h in preview.held] == [anna]
    assert rows(a) == []


def test_in_one_import_the_creators_erasure_settles_a_held_one(trio, tmp_path: Path) -> None:
    a, b, c = trio
    anna = shared(a, [b, c], tmp_path)
    c.erase(anna)
    a.erase(anna)
    first, second = send(c, [b], tmp_path / "c.rbundle"), send(a, [b], tmp_path / "a.rbundle")
    reports = b.sharing.import_bundles([first, second])
    assert [r.counts["held"] for r in reports] == [1, 0]
    assert erased(b, anna) and rows(b) == [(anna, "accepted")]
    receive(a, send(c, [a], tmp_path / "c2.rbundle"))  # Alice's own erasure is hers already
    assert a.digest() == b.digest()


def test_unknown_ids_are_refused_clearly(trio) -> None:
    a, _, _ = trio
    with pytest.raises(NotFound, match="No held change with that id"):
        a.sharing.accept_held("no-such-id")
    with pytest.raises(NotFound):
        a.sharing.decline_held("0195d3c0-0000-7000-8000-000000000009")


def test_a_protected_record_is_listed_without_its_name(trio, tmp_path: Path) -> None:
    a, b, c = trio
    boris = person(a, "Борис Петров", inside_russia=True)
    path = send(a, [b, c], tmp_path / "a.rbundle", mode="include")
    receive(b, path)
    receive(c, path)
    c.erase(boris)
    receive(a, send(c, [a], tmp_path / "c.rbundle", mode="include", ceiling="protected"))
    [entry] = a.sharing.held_changes()
    assert entry.record_id == boris and entry.protected and entry.label is None
    assert "Борис" not in str(entry.to_json())


def test_reverting_an_import_takes_the_erasures_it_asked_for_with_it(
        trio, tmp_path: Path) -> None:
    """An import undone asks nothing any more: its erasures still waiting go with it (as its
    held notices do), whatever case the id is typed in; one the official decided stays (a
    decision), and the same bundle imported again asks again."""
    a, b, c = trio
    anna = shared(a, [b, c], tmp_path)
    boris = shared(a, [b, c], tmp_path, "Борис Ковалёв")
    c.erase(boris)
    [first] = receive(b, send(c, [b], tmp_path / "c1.rbundle"))
    [decided] = b.sharing.held_changes()
    b.sharing.decline_held(decided.id)
    c.erase(anna)
    [second] = receive(b, send(c, [b], tmp_path / "c2.rbundle"))
    assert second.import_id is not None and [h.record_id for h in b.sharing.held_changes()] \
        == [anna]
    b.sharing.revert(f"  {second.import_id.upper()} ")
    assert b.sharing.held_changes() == [] and rows(b) == [(boris, "declined")]
    assert not erased(b, anna) and first.import_id is not None
    [again] = receive(b, tmp_path / "c2.rbundle")
    assert again.counts["held"] == 1 and [h.record_id for h in b.sharing.held_changes()] \
        == [anna]


def test_a_flood_of_held_erasures_is_listed_a_thousand_at_a_time(trio, tmp_path: Path) -> None:
    """A well-signed bundle may ask to erase as many records as it has lines (millions); each
    entry listed costs a few kilobytes. The list reads the oldest ``held.SHOWN`` and counts
    the rest; a quarantine of the sender drops them all."""
    a, _, c = trio
    many = held.SHOWN + 3
    tombs = [Record(str(uuid.uuid4()), Kind.PERSON, {}, {}, Stamp(c.store.clock.tick(),
                                                                   c.identity.fingerprint))
             for _ in range(many)]
    [report] = receive(a, forge(c, a, tmp_path / "flood.rbundle", tombs, sign=True))
    assert report.counts["held"] == many
    shown = a.sharing.held_changes()
    assert len(shown) == held.SHOWN and a.sharing.held_waiting() == many
    assert [e.record_id for e in shown] == [e.record_id for e in held.pending(
        a.store, limit=many)][:held.SHOWN]  # the oldest, in the list's order
    assert len(a.sharing.held_changes(limit=5)) == 5
    dropped = a.sharing.quarantine(c.identity.fingerprint, "2000-01-01")
    assert dropped.held_dropped == many and a.sharing.held_waiting() == 0


def test_an_erasure_of_an_id_held_here_as_another_kind_is_refused_as_such(
        trio, tmp_path: Path) -> None:
    """Carol asked to erase a person X not held here; X then came as Alice's organisation.
    Accepting says why it cannot apply (no bundle is involved) and changes nothing;
    declining works."""
    a, b, c = trio
    x = str(uuid.uuid4())
    tomb = Record(x, Kind.PERSON, {}, {}, Stamp(c.store.clock.tick(), c.identity.fingerprint))
    receive(b, forge(c, b, tmp_path / "c.rbundle", [tomb], sign=True))
    org = a.store.insert(Kind.ORGANISATION, {"name": "Фонд Икс", "type": "ngo"}, x).id
    receive(b, send(a, [b], tmp_path / "a.rbundle"))
    assert b.get(org).kind is Kind.ORGANISATION
    [entry] = b.sharing.held_changes()
    before = b.digest()
    with pytest.raises(InvalidInput, match="another kind"):
        b.sharing.accept_held(entry.id)
    assert b.digest() == before and b.get(org).values["name"] == "Фонд Икс"
    assert b.sharing.decline_held(entry.id).status == "declined"
