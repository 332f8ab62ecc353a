"""DESIGN §6.4.4 "Pseudonyms are unlinkable", tried by colluding recipients, with real
vaults and real bundles.

Bob and Carol each receive their own pseudonymised bundles from Alice and compare them (or
Bob compares his own bundles over time). Each test looks for a value or a pattern that would
let them pair a pseudonym of one copy with the pseudonym of the other, or tell them about the
real record (its real ids, its edit or erasure time). Each found one before its fix ("was").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.service import Registry
from registry.sync.exporter import Scope, vault_secret
from registry.sync.redact import pseudonym_id, pseudonym_key

from .test_unlinkable import decrypted
from .vaults import person, receive, send, trusted


@pytest.fixture
def abc(tmp_path: Path) -> Iterator[tuple[Registry, ...]]:
    with trusted(tmp_path, "Alice", "Bob", "Carol") as vaults:
        yield vaults


lines_of = decrypted  # a bundle's payload lines, as its recipient reads them


def pseudonyms_for(sender: Registry, to: Registry, real_ids: list[str]) -> dict[str, str]:
    """Test side only (the attackers cannot do this): pseudonym id -> real id for ``to``."""
    request = sender.sharing.request(to=[to.identity.fingerprint])
    key = pseudonym_key(vault_secret(sender.store, create=False),
                        [r.age_recipient for r in request.recipients])
    return {pseudonym_id(key, rid): rid for rid in real_ids}


def hlcs_of(line: dict[str, Any]) -> list[int]:
    out = [int(g[0]) for g in line.get("stamps") or []]
    if line.get("erased"):
        out.append(int(line["erased"][0]))
    return out


# ---- 1. since-last singles out the stub whose real record was edited -------------------------
@pytest.mark.parametrize("edit", ["person_notes", "tie_notes"])
def test_since_last_does_not_single_out_an_invisibly_edited_pseudonym(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path, edit: str) -> None:
    """Three protected people in one district, nothing to tell their stubs apart. Alice edits
    a field the stub does not carry (the person's notes, or her tie's notes). Was: her next
    since-last bundles to Bob and to Carol each carried exactly the stub (or pseudonymous tie)
    of that person, with values and stamp unchanged: Bob and Carol paired their pseudonyms,
    and each learnt when the real record was edited."""
    a, b, c = abc
    people = [person(a, f"Скрытая Персона{n}", region="RU-MOW", inside_russia=True)
              for n in range(3)]
    org = a.add(Kind.ORGANISATION, {"name": "Open Org", "type": "ngo"}).id
    ties = [a.add(Kind.TIE, {"from_id": p, "to_id": org, "kind": "member_of"}).id
            for p in people]
    for v, name in ((b, "b"), (c, "c")):
        send(a, [v], tmp_path / f"{name}1.rbundle", mode="pseudonymise")
    if edit == "person_notes":
        a.update(people[1], {"notes": "moved to another flat"})
    else:
        a.update(ties[1], {"notes": "met in March"})
    truth: dict[str, set[str]] = {}
    for v, name in ((b, "b"), (c, "c")):
        _, first = lines_of(tmp_path / f"{name}1.rbundle", v)
        held = {x["id"]: x for x in first}
        mapping = pseudonyms_for(a, v, people + ties)
        assert set(mapping) <= set(held)  # positive control: every pseudonym was sent
        _, lines = lines_of(send(a, [v], tmp_path / f"{name}2.rbundle", mode="pseudonymise",
                                 scope=Scope(since_last=True)), v)
        again = [x for x in lines if x["id"] in mapping]
        for x in again:  # nothing the recipient can see changed ...
            assert x["values"] == held[x["id"]]["values"]
            assert x["stamps"] == held[x["id"]]["stamps"]
        truth[name] = {mapping[x["id"]] for x in again}
    # ... yet which pseudonyms come again depends on which real record was edited: both
    # recipients get the same person's pseudonym, and only hers
    for name, behind in truth.items():
        assert not behind or not behind <= {people[1], ties[1]}, (
            f"{name}'s since-last bundle singles out the edited person's pseudonyms")


# ---- 2. erasing a protected person sends real tombstones of her support and evaluation ---------
@pytest.mark.parametrize("mode", ["pseudonymise", "exclude"])
def test_erasure_of_a_protected_person_sends_no_real_tombstone_of_what_touched_her(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path, mode: str) -> None:
    """A grant and an evaluation of a protected person never travel (they touch her). When
    she is erased, the erasure cascades to them. Was: every later bundle — to Bob and to
    Carol alike, pseudonymise or exclude — carried their tombstones by their real ids, with
    the real erasure stamp (Alice's clock at the erasure, Alice's origin), next to each one's
    pseudonym tombstone: they paired the pseudonyms, and learnt the real ids (UUIDv7: when
    the grant and evaluation were made) and the erasure time."""
    a, b, c = abc
    target = person(a, "Скрытая Персона", region="RU-MOW", inside_russia=True)
    person(a, "Другая Персона", region="RU-MOW", inside_russia=True)  # her pseudonym's peer
    donor = a.add(Kind.ORGANISATION, {"name": "Donor Fund", "type": "donor"}).id
    grant = a.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": target,
                                 "kind": "grant"}).id
    score = a.add(Kind.EVALUATION, {"subject_id": target, "date": "2024-01-01",
                                    "score_1": 3, "score_2": 2, "score_3": 1}).id
    for v, name in ((b, "b"), (c, "c")):
        text, _ = lines_of(send(a, [v], tmp_path / f"{name}1.rbundle", mode="pseudonymise"), v)
        assert grant not in text and score not in text  # control: they never travelled
    before = a.store.clock.last
    a.erase(target)
    after = a.store.clock.last
    assert all(a.find(rid).erased is not None for rid in (grant, score))  # the cascade
    for v, name in ((b, "b"), (c, "c")):
        text, lines = lines_of(send(a, [v], tmp_path / f"{name}2.rbundle", mode=mode), v)
        pseudo = set(pseudonyms_for(a, v, [target]))
        assert pseudo <= {x["id"] for x in lines if x["erased"]}  # control: her tombstone
        for rid in (grant, score):
            assert rid not in text, f"{name} gets the real id {rid} of what touched her"
        for x in lines:
            for h in hlcs_of(x):
                assert not before < h <= after, f"{name} gets the real erasure time: {x}"



# ---- 3. erasing a protected person releases the event she took part in ----------------------
@pytest.mark.parametrize("ceiling", ["internal", "protected"])
def test_erasure_of_a_protected_person_does_not_travel_as_an_event_edit(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path, ceiling: str) -> None:
    """An event with a protected participant never travels. Erasing her took her off its
    participants with a local edit stamped with the erasure's clock value. Was: the event
    then travelled, and Bob and Carol each found it in the bundle that erases their
    pseudonym, with the same participants stamp — the real erasure time and Alice's origin:
    they paired their pseudonym tombstones, and learnt when she was erased and that she
    attended this event (title, date, place, the other participants). A first fix raised the
    event to protected at her erasure: at a protected ceiling it then went whole, stamped at
    her erasure. Now the event is left as it was, and exports read her, erased, as the
    protected person she was."""
    a, b, c = abc
    target = person(a, "Скрытая Персона", region="RU-MOW", inside_russia=True)
    exile = person(a, "Exile Number", country="DE")
    event = a.add(Kind.EVENT, {"title": "Closed seminar", "start": "2024-05-01",
                               "place": "Vilnius", "participants": [target, exile]}).id
    for v, name in ((b, "b"), (c, "c")):
        text, _ = lines_of(send(a, [v], tmp_path / f"{name}1.rbundle", mode="pseudonymise",
                                ceiling=ceiling), v)
        assert event not in text  # control: withheld while she is a participant
    before = a.store.clock.last
    a.erase(target)
    after = a.store.clock.last
    stamps: dict[str, set[tuple[int, str]]] = {}
    for v, name in ((b, "b"), (c, "c")):
        _, lines = lines_of(send(a, [v], tmp_path / f"{name}2.rbundle", mode="pseudonymise",
                                ceiling=ceiling), v)
        pseudo = set(pseudonyms_for(a, v, [target]))
        assert pseudo <= {x["id"] for x in lines if x["erased"]}  # control: her tombstone
        stamps[name] = {(int(g[0]), str(g[1])) for x in lines for g in x["stamps"]
                        if before < int(g[0]) <= after}
        assert not stamps[name], f"{name} gets a stamp of the erasure: {stamps[name]}"
    kept = a.get(event)  # the event stays here as it was: no stamp of the erasure
    assert kept.values["participants"] == [target, exile]
    assert all(s.hlc <= before for s in kept.stamps.values())


def test_since_last_sends_a_pseudonym_again_when_what_it_shows_changes(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """Positive control of the since-last case: a stub whose own values change (her region
    moves to another federal district) goes again, with a new stamp."""
    a, b, _ = abc
    people = [person(a, f"Скрытая Персона{n}", region="RU-MOW", inside_russia=True)
              for n in range(3)]
    send(a, [b], tmp_path / "b1.rbundle", mode="pseudonymise")
    a.update(people[1], {"region": "RU-SPE"})
    mapping = pseudonyms_for(a, b, people)
    _, lines = lines_of(send(a, [b], tmp_path / "b2.rbundle", mode="pseudonymise",
                             scope=Scope(since_last=True)), b)
    assert [mapping[x["id"]] for x in lines if x["id"] in mapping] == [people[1]]


# ---- 4. an event she was on, already held by the recipients: no notice of her erasure -------
def test_event_raised_by_erasure_sends_no_notice_stamped_at_the_erasure(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """Bob and Carol were sent an ordinary event (by real id). Alice then adds a protected
    person to it (the event stays home from then on) and later erases her. Was, with the
    event raised to protected at her erasure (a local edit stamped then): every holder of the
    event got a protection notice carrying that stamp (Alice's clock at the erasure, Alice's
    origin) in the bundle that also carried the tombstone of their pseudonym of her: both
    learnt when she was erased and that she was on that event, and paired their pseudonym
    tombstones by the shared stamp."""
    a, b, c = abc
    target = person(a, "Скрытая Персона", region="RU-MOW", inside_russia=True)
    person(a, "Другая Персона", region="RU-MOW", inside_russia=True)
    exile = person(a, "Exile Number", country="DE")
    event = a.add(Kind.EVENT, {"title": "Open seminar", "start": "2024-05-01",
                               "place": "Vilnius", "participants": [exile]}).id
    for v, name in ((b, "b"), (c, "c")):
        text, _ = lines_of(send(a, [v], tmp_path / f"{name}1.rbundle", mode="pseudonymise"), v)
        assert event in text  # control: they hold the event by its real id
        receive(v, tmp_path / f"{name}1.rbundle")
    a.update(event, {"participants": [exile, target]})
    for v, name in ((b, "b"), (c, "c")):
        text, _ = lines_of(send(a, [v], tmp_path / f"{name}2.rbundle", mode="pseudonymise"), v)
        assert event not in text  # control: withheld while she is on it
    before = a.store.clock.last
    a.erase(target)
    after = a.store.clock.last
    seen: dict[str, set[tuple[int, str]]] = {}
    stamps: dict[str, set[tuple[int, str]]] = {}
    for v, name in ((b, "b"), (c, "c")):
        _, lines = lines_of(send(a, [v], tmp_path / f"{name}3.rbundle", mode="pseudonymise"), v)
        # her pseudonym's tombstone goes: the event they hold names her here only since it
        # was sent them (exporter.sent_to_know counts what they were sent)
        [tomb] = [x for x in lines if x["id"] in pseudonyms_for(a, v, [target])]
        stamps[name] = {json.dumps(tomb["erased"])}
        seen[name] = {(x["id"], int(g[0]), str(g[1])) for x in lines
                      for g in (x.get("stamps") or []) if before < int(g[0]) <= after}
        assert not {s for s in seen[name] if s[0] == event}, (
            f"{name} gets the event's notice stamped at her erasure: {lines[-1]}")
    assert stamps["b"].isdisjoint(stamps["c"]), "their tombstones of her pair by the stamp"


def test_an_include_export_sends_her_event_without_its_participants(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """``include`` lifts the exclusion of protected people, but an erased one is gone: the
    event she was on goes without its participants (her id would point at nothing there),
    its other values as they were."""
    a, b, _ = abc
    target = person(a, "Скрытая Персона", region="RU-MOW", inside_russia=True)
    exile = person(a, "Exile Number", country="DE")
    event = a.add(Kind.EVENT, {"title": "Closed seminar", "start": "2024-05-01",
                               "place": "Vilnius", "participants": [target, exile]}).id
    a.erase(target)
    text, lines = lines_of(send(a, [b], tmp_path / "b.rbundle", mode="include",
                                ceiling="protected"), b)
    [line] = [x for x in lines if x["id"] == event]
    assert "participants" not in line["values"] and line["values"]["place"] == "Vilnius"
    assert target not in text
    receive(b, tmp_path / "b.rbundle")
    assert b.get(event).values.get("participants") is None


# ---- a pseudonym is none to whoever holds her real record ----------------------------------
@pytest.mark.parametrize("held", ["her", "her_twin", "nobody"])
def test_a_holder_of_her_real_record_gets_no_pseudonym_of_her(abc, tmp_path: Path,
                                                              held: str) -> None:
    """Bob was sent Ivan and the tie Exile One -> Ivan in clear; Ivan is flagged, and Alice
    records a new tie: Exile Two is Ivan's family. Alice's pseudonymised bundle to Bob
    carried Ivan's stub and both ties to it: the one Bob holds in clear pinned the stub to
    Ivan (same open end, same kind), and the other then told him by name whom Ivan's family
    is — a tie he was never sent (DESIGN §6.4.4). When Ivan was erased, his real tombstone and
    his pseudonym's came in one bundle. For a holder of her real id (or of a record of her
    "same" group) her stub and pseudonymous ties stay home; her notice still goes. Control:
    Bob never held her, the network's shape travels."""
    a, b, _ = abc
    ivan = person(a, "Иван Петров", region="RU-MOW")
    twin = person(a, "Ваня Петров")
    e1 = person(a, "Exile One", country="DE")
    a.add(Kind.TIE, {"from_id": e1, "to_id": ivan, "kind": "contact_inside"})
    if held != "nobody":
        only = [twin] if held == "her_twin" else [ivan, e1]
        receive(b, send(a, [b], tmp_path / "b0.rbundle", scope=Scope(ids=frozenset(
            [*only, *(t.id for t in a.ties_of(ivan))] if held == "her" else only))))
    if held == "her_twin":
        a.matching.decide(twin, ivan, "same")
    a.update(ivan, {"inside_russia": True})
    e2 = person(a, "Exile Two", country="DE")
    family = a.add(Kind.TIE, {"from_id": e2, "to_id": ivan, "kind": "family"}).id
    _, lines = lines_of(send(a, [b], tmp_path / "b1.rbundle", mode="pseudonymise"), b)
    real = pseudonyms_for(a, b, [ivan, twin, family])
    stubs = {line["id"] for line in lines if line["id"] in real}
    ties_to_stub = [line for line in lines if line.get("kind") == "tie"
                    and set(real) & {(line.get("values") or {}).get("to_id")}]
    if held == "nobody":
        assert stubs and ties_to_stub
        return
    assert not stubs and not ties_to_stub, (stubs, ties_to_stub)
    a.erase(ivan)
    _, lines = lines_of(send(a, [b], tmp_path / "b2.rbundle", mode="pseudonymise"), b)
    sent = {line["id"] for line in lines}
    # her pseudonym's tombstone does not come beside her real one (the family tie's, a
    # pseudonym Bob never held, pairs with nothing he holds)
    assert not sent & {pid for pid, rid in real.items() if rid in (ivan, twin)}
    assert held != "her" or ivan in sent


@pytest.mark.parametrize("variant", ["sent_her_tie", "received_her_tie", "received_support",
                                     "nothing"])
def test_a_holder_of_a_tie_of_hers_gets_no_pseudonym_of_her(abc, tmp_path: Path,
                                                            variant: str) -> None:
    """Ivan came to Alice and to Bob from Carol; Bob holds a tie of Ivan's by its real id (Alice
    sent it, or Bob sent it to Alice). Ivan is flagged; Alice records "Maria is Ivan's family".
    The pseudonymised bundle to Bob carried Ivan's stub and the pseudonymous copy of the tie
    Bob holds (same open end and kind): it pinned the stub to Ivan, and the family tie to him
    (DESIGN §6.4.4). A tie of hers names her real id: its holder knows her. Control: Bob
    holds no tie of hers, and does not hold Ivan either."""
    a, b, c = abc
    ivan, maria = person(c, "Иван Петров"), person(c, "Мария Смирнова")
    receive(a, send(c, [a], tmp_path / "c-a.rbundle"))
    if variant != "nothing":
        receive(b, send(c, [b], tmp_path / "c-b.rbundle"))
    if variant == "sent_her_tie":
        org = a.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
        tie = a.add(Kind.TIE, {"from_id": ivan, "to_id": org, "kind": "member_of"}).id
        receive(b, send(a, [b], tmp_path / "a-b.rbundle", scope=Scope(ids=frozenset({tie, org}))))
    elif variant == "received_her_tie":
        org = b.add(Kind.ORGANISATION, {"name": "ОВД-Инфо"}).id
        tie = b.add(Kind.TIE, {"from_id": ivan, "to_id": org, "kind": "member_of"}).id
        receive(a, send(b, [a], tmp_path / "b-a.rbundle", scope=Scope(ids=frozenset({tie, org}))))
    elif variant == "received_support":  # a support naming him: his id is known to Bob too
        org = b.add(Kind.ORGANISATION, {"name": "Фонд", "type": "donor"}).id
        sup = b.add(Kind.SUPPORT, {"provider_id": org, "recipient_id": ivan,
                                   "kind": "security_support"}).id
        receive(a, send(b, [a], tmp_path / "b-a.rbundle", scope=Scope(ids=frozenset({sup, org}))))
        a.add(Kind.TIE, {"from_id": ivan, "to_id": org, "kind": "member_of"})
    else:
        org = a.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
        a.add(Kind.TIE, {"from_id": ivan, "to_id": org, "kind": "member_of"})
    a.update(ivan, {"inside_russia": True})
    a.add(Kind.TIE, {"from_id": ivan, "to_id": maria, "kind": "family"})
    _, lines = lines_of(send(a, [b], tmp_path / "p.rbundle", mode="pseudonymise"), b)
    stub = pseudonyms_for(a, b, [ivan])
    assert bool(set(stub) & {line["id"] for line in lines}) is (variant == "nothing")


def test_a_holder_learnt_of_later_gets_no_tombstone_of_her_pseudonym(abc, tmp_path: Path
                                                                     ) -> None:
    """Bob held Ivan from Carol (Alice did not know): Alice's pseudonymised bundle gave him
    Ivan's stub. Bob then sent Alice a bundle carrying Ivan: Alice knows Bob holds him. At
    Ivan's erasure one bundle carried his real tombstone and his pseudonym's: Bob paired them,
    and the stub's ties told him of Ivan (DESIGN §6.4.4). The pseudonym's tombstone stays home
    from a holder of the real record (the stub stays with Bob, pairing nothing)."""
    a, b, c = abc
    ivan, maria = person(c, "Иван Петров"), person(c, "Мария Смирнова")
    receive(a, send(c, [a], tmp_path / "c-a.rbundle"))
    receive(b, send(c, [b], tmp_path / "c-b.rbundle"))
    a.update(ivan, {"inside_russia": True})
    a.add(Kind.TIE, {"from_id": ivan, "to_id": maria, "kind": "family"})
    stub = pseudonyms_for(a, b, [ivan])
    _, lines = lines_of(send(a, [b], tmp_path / "p1.rbundle", mode="pseudonymise"), b)
    assert set(stub) & {line["id"] for line in lines}  # Bob was not known to hold him yet
    receive(b, tmp_path / "p1.rbundle")
    b.update(ivan, {"notes": "B: met at the border"})
    receive(a, send(b, [a], tmp_path / "b-a.rbundle"))
    a.erase(ivan)
    _, lines = lines_of(send(a, [b], tmp_path / "p2.rbundle", mode="pseudonymise"), b)
    sent = {line["id"] for line in lines}
    assert ivan in sent and not set(stub) & sent


def test_a_bare_key_of_an_unverified_sender_of_her_tie_gets_no_pseudonym_of_her(
        tmp_path: Path) -> None:
    """Bob (trusted here, not verified) sent Alice Ivan and a tie of his; Alice flags Ivan
    and exports pseudonymised to Bob's bare age key: what Bob sent was logged under his
    fingerprint, which a bare key is taken for only once he is verified, so Alice did not
    know the key's holder knows Ivan — the stub and the tie he holds went, pinned (DESIGN
    §6.4.4). Whoever holds the key knows what its official sent."""
    from .vaults import make_vault

    a, b = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    try:
        b.sharing.add_card(a.sharing.card(), verified_method="safety_number")
        a.sharing.add_card(b.sharing.card())  # trusted, not verified
        ivan = person(b, "Иван Петров")
        org = b.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
        b.add(Kind.TIE, {"from_id": ivan, "to_id": org, "kind": "member_of"})
        a.sharing.import_bundles([send(b, [a], tmp_path / "b.rbundle")], allow_unverified=True)
        a.update(ivan, {"inside_russia": True})
        a.add(Kind.TIE, {"from_id": ivan, "to_id": person(a, "Мария"), "kind": "family"})
        request = a.sharing.request(to_age=[b.sharing.trust.own.age_recipient],
                                    mode="pseudonymise")
        a.sharing.export(request, tmp_path / "a.rbundle")
        _, lines = lines_of(tmp_path / "a.rbundle", b)
        stubs = [x for x in lines if x.get("kind") == "person"
                 and (x.get("values") or {}).get("inside_russia")]
        assert not stubs, stubs
    finally:
        a.lock()
        b.lock()


def _ivan_from_carol(a: Registry, b: Registry, c: Registry, tmp_path: Path
                     ) -> tuple[str, str]:
    """Carol's Ivan (with a tie of his Bob will hold in clear) and Maria, sent to Alice and
    to Bob."""
    ivan, maria = person(c, "Иван Петров"), person(c, "Мария Смирнова")
    org = c.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    c.add(Kind.TIE, {"from_id": ivan, "to_id": org, "kind": "member_of"})
    receive(a, send(c, [a], tmp_path / "c-a.rbundle"))
    receive(b, send(c, [b], tmp_path / "c-b.rbundle"))
    return ivan, maria


def _flag_and_no_pseudonym(a: Registry, b: Registry, ivan: str, maria: str,
                           tmp_path: Path) -> None:
    """Alice flags Ivan and records his family; her pseudonymised bundle to Bob carries no
    pseudonym of him."""
    a.update(ivan, {"inside_russia": True})
    a.add(Kind.TIE, {"from_id": ivan, "to_id": maria, "kind": "family"})
    _, lines = lines_of(send(a, [b], tmp_path / "p.rbundle", mode="pseudonymise"), b)
    assert not set(pseudonyms_for(a, b, [ivan])) & {x["id"] for x in lines}


@pytest.mark.parametrize("gone", ["erase", "keep"])
def test_a_record_naming_her_erased_here_still_tells_who_knows_her(abc, tmp_path: Path,
                                                                  gone: str) -> None:
    """Bob sent Alice a support naming Ivan; Alice erases it here, flags Ivan and exports
    pseudonymised to Bob: the erased support no longer named Ivan here, Alice forgot that
    Bob knows him, and his stub and the tie Bob holds went, pinned (Bob keeps his own support).
    Who held a record naming her is kept at its erasure (ids only)."""
    a, b, c = abc
    ivan, maria = _ivan_from_carol(a, b, c, tmp_path)
    donor = b.add(Kind.ORGANISATION, {"name": "Фонд", "type": "donor"}).id
    sup = b.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": ivan,
                               "kind": "security_support"}).id
    receive(a, send(b, [a], tmp_path / "b-a.rbundle", scope=Scope(ids=frozenset({sup, donor}))))
    if gone == "erase":
        a.erase(sup)
    _flag_and_no_pseudonym(a, b, ivan, maria, tmp_path)


@pytest.mark.parametrize("then", ["erase", "unlink", "keep"])
def test_a_record_decided_same_as_her_tells_who_knows_her(abc, tmp_path: Path,
                                                         then: str) -> None:
    """Bob decided his P2 "same" as Ivan and sent Alice P2 (its link names Ivan's id). Alice
    erases P2, or un-links it by her own edit, then flags Ivan: the link no longer named
    Ivan here, and Alice's pseudonymised bundle to Bob carried Ivan's stub and the tie Bob
    holds in clear, pinned (DESIGN §6.4.4). A link names her as a tie does; who held the old
    value is kept when it goes. Control: the link kept."""
    a, b, c = abc
    ivan, maria = _ivan_from_carol(a, b, c, tmp_path)
    p2 = person(b, "Ваня Петров")
    b.update(p2, {"merged_into": ivan})
    receive(a, send(b, [a], tmp_path / "b-a.rbundle", scope=Scope(ids=frozenset({p2}))))
    if then == "erase":
        a.erase(p2)
    elif then == "unlink":
        a.update(p2, {"merged_into": None})
    _flag_and_no_pseudonym(a, b, ivan, maria, tmp_path)


@pytest.mark.parametrize("to_bob", [True, False])
def test_a_co_recipient_of_her_record_gets_no_pseudonym_of_her(
        abc, tmp_path: Path, to_bob: bool) -> None:
    """Carol sent Ivan, and a tie of his, in one bundle to Alice and Bob: its signed manifest
    names Bob. Alice kept only that Carol holds them: once she flagged Ivan, her
    pseudonymised bundle to Bob carried Ivan's stub and the pseudonymous copy of the tie Bob
    holds in clear, pinned (DESIGN §6.4.4). Every recipient a colleague's bundle names knows
    what it carried. Only the manifest says so: Bob is not taken for a holder (no notice
    names Ivan's real id to him). Control: Carol's bundle to Alice alone."""
    a, b, c = abc
    ivan, maria = person(c, "Иван Петров"), person(c, "Мария Смирнова")
    org = c.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    c.add(Kind.TIE, {"from_id": ivan, "to_id": org, "kind": "member_of"})
    joint = send(c, [a, b] if to_bob else [a], tmp_path / "c.rbundle")
    receive(a, joint)
    if to_bob:
        receive(b, joint)
    a.update(ivan, {"inside_russia": True})
    a.add(Kind.TIE, {"from_id": ivan, "to_id": maria, "kind": "family"})
    _, lines = lines_of(send(a, [b], tmp_path / "x.rbundle"), b)
    assert not any(x["id"] == ivan for x in lines)
    _, lines = lines_of(send(a, [b], tmp_path / "p.rbundle", mode="pseudonymise"), b)
    assert bool(set(pseudonyms_for(a, b, [ivan])) & {x["id"] for x in lines}) is not to_bob


@pytest.mark.parametrize("how", ["changed-nothing-here", "to-bobs-bare-key"])
def test_a_co_recipient_is_known_whatever_the_bundle_changed_and_however_addressed(
        tmp_path: Path, how: str) -> None:
    """The joint bundle changed nothing here (Alice held its records): the import that
    changes nothing writes nothing, and what it said of Bob went with it (was). Or Alice
    exports to Bob's bare age key, Bob unknown here: the knowledge was kept under his
    fingerprint only, and his key's bundle carried Ivan's stub and the tie Bob holds in
    clear, pinned (DESIGN §6.4.4)."""
    from .vaults import make_vault

    a, b, c = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol"))
    try:
        for x, y in ((a, c), (c, a), (b, c), (c, b)):
            x.sharing.add_card(y.sharing.card(), verified_method="safety_number")
        if how == "changed-nothing-here":
            a.sharing.add_card(b.sharing.card(), verified_method="safety_number")
        ivan, maria = person(c, "Иван Петров"), person(c, "Мария Смирнова")
        org = c.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
        c.add(Kind.TIE, {"from_id": ivan, "to_id": org, "kind": "member_of"})
        if how == "changed-nothing-here":
            receive(a, send(c, [a], tmp_path / "c-a.rbundle"))
        joint = send(c, [a, b], tmp_path / "c-ab.rbundle")
        receive(a, joint)
        receive(b, joint)
        a.update(ivan, {"inside_russia": True})
        a.add(Kind.TIE, {"from_id": ivan, "to_id": maria, "kind": "family"})
        to = {"to": [b.identity.fingerprint]} if how == "changed-nothing-here" else \
            {"to_age": [b.identity.age_recipient]}
        request = a.sharing.request(mode="pseudonymise", **to)
        a.sharing.export(request, tmp_path / "p.rbundle")
        _, lines = lines_of(tmp_path / "p.rbundle", b)
        stubs = [x for x in lines if x.get("kind") == "person"
                 and (x.get("values") or {}).get("inside_russia")]
        assert not stubs
    finally:
        for v in (a, b, c):
            v.lock()


@pytest.mark.parametrize("claimed", [True, False])
def test_a_manifest_naming_a_recipient_keeps_no_erasure_from_her_pseudonym(
        abc, tmp_path: Path, claimed: bool) -> None:
    """Bob holds Anna, flagged, only as Alice's pseudonym. A seized key's bundle to Alice
    named Bob as a co-recipient of Anna's record: Alice took Bob for a holder of her real
    id, so at Anna's erasure Bob got her real id (a notice, a tombstone) and no tombstone of
    her pseudonym: his copy outlived her erasure (DESIGN §6.4.4). What only a manifest says
    withholds new pseudonyms, never an erasure, and tells no real id. Control: no such
    bundle."""
    from registry.sync import container as box
    from registry.sync import payload, wire
    from registry.sync.container import Recipient
    from registry.sync.exporter import PAYLOAD_FORMAT

    from .forge import CREATED, record

    a, b, c = abc
    anna = person(a, "Анна Смирнова", inside_russia=True)
    receive(c, send(a, [c], tmp_path / "a-c.rbundle", mode="include", ceiling="protected"))
    stub = pseudonyms_for(a, b, [anna])
    receive(b, send(a, [b], tmp_path / "a-b0.rbundle", mode="pseudonymise"))
    if claimed:
        line = record(c, Kind.PERSON, {"notes": "seen in Riga"}, anna)
        header = {"format": PAYLOAD_FORMAT, "bundle_id": "0" * 8 + "-0000-4000-8000-" + "0" * 12,
                  "sender": c.identity.fingerprint, "created_at": box.format_time(CREATED),
                  "counts": {"person": 1}, "settings": {}}
        plain = payload.encode(header, [wire.to_line(line)])
        joint = tmp_path / "c-ab.rbundle"
        box.write_bundle(joint, sender_keys=c.official_keys, sender_name="Carol",
                         recipients=[Recipient(v.identity.fingerprint, v.identity.age_recipient)
                                     for v in (a, b)],
                         payload_plain=plain, bundle_id=header["bundle_id"], created_at=CREATED)
        receive(a, joint)
    a.erase(anna)
    _, lines = lines_of(send(a, [b], tmp_path / "a-b1.rbundle", mode="pseudonymise"), b)
    sent = {x["id"] for x in lines}
    assert anna not in sent and set(stub) <= sent
