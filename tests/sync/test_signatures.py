"""Signed tombstones and evaluations (DESIGN §6.5.3), between real in-process vaults.

Alice, Bob and Carol trust each other; Dave trusts only Bob. A deletion, an erasure and an
evaluation's scores travel signed by the official whose stamp they bear, and a relay passes
the maker's signature on. A claim in a known official's name that their key did not sign
refuses the whole bundle; one that no trusted key vouches for is dropped and reported.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.errors import BundleError, TrustError
from registry.service import Registry
from registry.store import schema
from registry.store.creator import creator
from registry.store.records import encode_stamps
from registry.sync import agecrypt, container, payload, signatures, wire
from registry.sync.keys import PublicKeys
from tests.passphrase import PASSPHRASE

from .forge import forge
from .vaults import before_v14, introduce, make_vault, person, receive, send


@pytest.fixture
def four(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry, Registry]]:
    a, b, c, d = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol", "Dave"))
    introduce(a, b, c)
    introduce(b, d)
    yield a, b, c, d
    for v in (a, b, c, d):
        v.lock()


def decrypt_payload(path: Path, reg: Registry) -> list[dict[str, Any]]:
    opened = container.open_bundle(path)
    plain = agecrypt.decrypt(opened.payload, reg.official_keys.age_identity, max_size=1 << 26)
    return payload.decode(plain, max_uncompressed=1 << 26, max_line=1 << 20,
                          max_lines=100_000)[1]


def signed_line(record: Record, by: Registry) -> dict[str, Any]:
    key = by.official_keys.signing_key()
    return wire.to_line(record, {c.field: key.sign(signatures.message(record.id, record.kind, c))
                                 for c in signatures.claims(record)})


def tombstone(record_id: str, stamp: Stamp) -> Record:
    return Record(record_id, Kind.PERSON, {"deleted": True}, {"deleted": stamp})


def undeleted(record_id: str, stamp: Stamp) -> Record:
    return Record(record_id, Kind.PERSON, {"deleted": False}, {"deleted": stamp})


def verifies(reg: Registry, public: PublicKeys, record: Record, sig: bytes) -> bool:
    ring = signatures.Keyring(reg.identity.fingerprint, public, [])
    [claim] = signatures.claims(record)
    return ring.signer(signatures.message(record.id, record.kind, claim), sig,
                       reg.identity.fingerprint) is not None


def test_a_deletion_travels_signed_and_a_relay_passes_the_makers_signature_on(
        four, tmp_path: Path) -> None:
    a, b, c, _ = four
    anna = person(a, "Анна Смирнова")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    receive(c, send(b, [c], tmp_path / "2.rbundle"))
    a.delete(anna)
    to_b = send(a, [b], tmp_path / "3.rbundle")
    [line] = [x for x in decrypt_payload(to_b, b) if x.get("id") == anna]
    assert set(line["sigs"]) == {"deleted"}
    receive(b, to_b)
    assert b.get(anna).values["deleted"] is True
    relayed = send(b, [c], tmp_path / "4.rbundle")
    [line] = [x for x in decrypt_payload(relayed, c) if x.get("id") == anna]
    assert line["stamps"][0][1] == a.identity.fingerprint  # Alice's deletion, sent by Bob
    kept = b.store.conn.execute("SELECT sig FROM record_sig WHERE record_id = ?",
                                (anna,)).fetchone()[0]
    assert line["sigs"] == wire.to_line(tombstone(anna, Stamp(0, "")), {"deleted": kept})["sigs"]
    assert verifies(a, a.official_keys.public(), tombstone(anna, Stamp(
        line["stamps"][0][0], a.identity.fingerprint)), bytes(kept))
    [report] = receive(c, relayed)
    assert report.not_applied == [] and c.get(anna).values["deleted"] is True


def test_a_deletion_forged_in_another_officials_name_refuses_the_bundle(
        four, tmp_path: Path) -> None:
    a, b, c, _ = four
    anna = person(a, "Анна Смирнова")
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    before = c.digest()
    in_alices_name = tombstone(anna, Stamp(b.store.clock.tick(), a.identity.fingerprint))
    for line in (wire.to_line(in_alices_name), signed_line(in_alices_name, b)):  # none; Bob's
        with pytest.raises(TrustError, match="no valid signature"):
            receive(c, forge(b, c, tmp_path / "forged.rbundle", [], [line]))
        assert c.digest() == before and c.get(anna).values.get("deleted") is not True
    # positive control: the same deletion in Bob's own name, signed by him, applies
    own = tombstone(anna, Stamp(b.store.clock.tick(), b.identity.fingerprint))
    [report] = receive(c, forge(b, c, tmp_path / "own.rbundle", [], [signed_line(own, b)]))
    assert report.counts["deleted"] == 1 and c.get(anna).values["deleted"] is True


def test_many_signatures_are_checked_ahead_and_one_forgery_still_refuses(
        four, tmp_path: Path) -> None:
    """A bundle with hundreds of signed tombstones has its signatures verified side by side
    (``Keyring.check_ahead``): one forged in Alice's name among them refuses the bundle, named
    by its line, and the rest alone apply."""
    a, b, c, _ = four
    people = [person(a, f"Человек {n}") for n in range(300)]
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    own = [signed_line(tombstone(p, Stamp(b.store.clock.tick(), b.identity.fingerprint)), b)
           for p in people]
    forged = signed_line(tombstone(people[0], Stamp(b.store.clock.tick(),
                                                    a.identity.fingerprint)), b)
    before = c.digest()
    with pytest.raises(TrustError, match="Payload line 252: the field 'deleted'"):
        receive(c, forge(b, c, tmp_path / "forged.rbundle", [], [*own[1:251], forged]))
    assert c.digest() == before
    [report] = receive(c, forge(b, c, tmp_path / "own.rbundle", [], own))  # positive control
    assert report.counts["deleted"] == 300


@pytest.mark.parametrize("at", [100, 280])
def test_signatures_verified_while_lines_are_read_refuse_a_forgery_as_before(
        four, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int) -> None:
    """The import hands the signatures of every 256 signed lines to threads as it reads on
    (``signatures.verify_soon``): a forgery among them (line 100) refuses the bundle as one the
    screen meets itself (line 280, after the last full batch); a re-delivery of claims held
    here as they are has nothing verified, on any thread."""
    a, b, c, _ = four
    monkeypatch.setattr(signatures, "_THREADS", 2)  # a machine with one processor, too
    started: list[int] = []
    real_soon = signatures.Keyring.verify_soon
    monkeypatch.setattr(signatures.Keyring, "verify_soon", lambda ring, wanted: real_soon(
        ring, [w for w in wanted if not started.append(1)]))
    people = [person(a, f"Человек {n}") for n in range(300)]
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    own = [tombstone(p, Stamp(b.store.clock.tick(), b.identity.fingerprint)) for p in people]
    lines = [signed_line(t, b) for t in own]
    forged = tombstone(people[at], Stamp(b.store.clock.tick(), a.identity.fingerprint))
    before = c.digest()
    with pytest.raises(TrustError, match=f"Payload line {at + 2}: the field 'deleted'"):
        receive(c, forge(b, c, tmp_path / "forged.rbundle", [],
                         [*lines[:at], signed_line(forged, b), *lines[at + 1:]]))
    assert c.digest() == before and len(started) == 256  # control: one batch went ahead
    started.clear()
    [report] = receive(c, forge(b, c, tmp_path / "own.rbundle", [], lines))  # control
    assert report.counts["deleted"] == 300 and len(started) == 256
    checked: list[Any] = []
    real = signatures.Keyring._verifies
    monkeypatch.setattr(signatures.Keyring, "_verifies",
                        lambda ring, wanted: checked.append(wanted) or real(ring, wanted))
    [again] = receive(c, forge(b, c, tmp_path / "again.rbundle", [], lines))
    assert again.counts["unchanged"] == 300 and checked == []


def _triples(a: Registry, b: Registry) -> tuple[list[Any], list[Any], list[Any],
                                                signatures.Keyring]:
    """300 messages Alice signed; 50 of her signatures moved onto other messages; 50 claimed
    as Bob's; and Bob's keyring."""
    key = a.official_keys.signing_key()
    fp = a.identity.fingerprint
    good = [(fp, key.sign(f"m{n}".encode()), f"m{n}".encode()) for n in range(300)]
    moved = [(fp, sig, data + b"!") for fp, sig, data in good[:50]]
    for_bob = [(b.identity.fingerprint, sig, data) for _, sig, data in good[50:100]]
    return good, moved, for_bob, signatures.Keyring(
        b.identity.fingerprint, b.official_keys.public(), b.sharing.trust.list())


def test_answers_found_soon_are_kept_only_for_their_own_message(
        four, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``verify_soon`` found is taken as ``check_ahead``'s is: per (official, signature,
    message); ``close`` waits for it, or drops what was not collected, and the ring can
    start again."""
    a, b, _, _ = four
    good, moved, for_bob, ring = _triples(a, b)
    fp = a.identity.fingerprint
    for _ in range(2):
        ring.verify_soon([*good, *moved, *for_bob])
        ring.check_ahead([])
        assert len(ring._verified) == 400 or signatures._THREADS == 1
        for official, sig, data in good:
            assert ring.signer(data, sig, official) == official
        for official, sig, data in [*moved, *for_bob]:
            assert ring.signer(data, sig, official) is None
        ring.close()
        assert ring._verified == {} and ring._pool is None
    monkeypatch.setattr(signatures, "_THREADS", 2)
    ring.verify_soon(good[:1])  # one: a thread has nothing to do
    ring.verify_soon(good)
    ring.close()  # not collected: dropped (an import refused meanwhile)
    assert ring._soon == [] and ring._verified == {} and ring._pool is None
    assert ring.signer(good[0][2], good[0][1], fp) == fp  # asked again: verified now


def test_a_signature_checked_ahead_answers_only_for_its_own_message(
        four, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``check_ahead`` found is kept per (official, signature, message): a good
    signature moved onto another message, or claimed for another official, does not pass."""
    a, b, _, _ = four
    monkeypatch.setattr(signatures, "_THREADS", 2)  # a machine with one processor, too
    good, moved, for_bob, ring = _triples(a, b)
    ring.check_ahead([*good, *moved, *for_bob])
    assert len(ring._verified) == 400  # answered ahead: these are not verified again
    for official, sig, data in good:
        assert ring.signer(data, sig, official) == official
    for official, sig, data in [*moved, *for_bob]:
        assert ring.signer(data, sig, official) is None


def test_a_claim_held_here_as_it_is_is_not_verified_again_and_nothing_else_passes(
        four, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line delivered again (a relay, a re-import) stating a claim this vault holds with
    the very signature it kept is not verified a second time; the kept signature moved onto
    another stamp, or another signature for the same claim, is verified, and refuses."""
    a, b, c, _ = four
    anna = person(a, "Анна Смирнова")
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    a.delete(anna)
    to_c = send(a, [c], tmp_path / "2.rbundle")
    receive(c, to_c)
    [line] = [x for x in decrypt_payload(to_c, c) if x.get("id") == anna]
    checked: list[Any] = []
    real = signatures.Keyring._verifies
    monkeypatch.setattr(signatures.Keyring, "_verifies",
                        lambda ring, wanted: checked.append(wanted) or real(ring, wanted))
    [report] = receive(c, forge(b, c, tmp_path / "again.rbundle", [], [line]))  # Bob relays
    assert checked == [] and report.counts["unchanged"] == 1
    later = [[g[0] + 1, *g[1:]] for g in line["stamps"]]  # the kept signature, another stamp
    sig = bytearray(base64.b64decode(line["sigs"]["deleted"]))
    sig[0] ^= 1  # the same claim, another signature
    before = c.digest()
    for forged in (dict(line, stamps=later),
                   dict(line, sigs={"deleted": base64.b64encode(bytes(sig)).decode()})):
        with pytest.raises(TrustError, match="no valid signature"):
            receive(c, forge(b, c, tmp_path / "forged.rbundle", [], [forged]))
        assert c.digest() == before
    assert len(checked) == 2


def test_a_held_claim_vouches_only_for_an_official_whose_key_is_here(four) -> None:
    """A claim held here answers for the official whose key this vault has, without a second
    verification, and for that exact signature only. For an official whose key it does not
    have (never met, or revoked) it proves nothing: the claim is checked against the keys
    this vault trusts, and whoever's verifies is who vouches for it."""
    a, b, _, _ = four
    anna = tombstone(person(a, "Анна Смирнова"), Stamp(a.store.clock.tick(),
                                                       a.identity.fingerprint))
    [claim] = signatures.claims(anna)
    data = signatures.message(anna.id, anna.kind, claim)
    held = bytes(64)  # never verified: only holding it here can make it answer
    ring = signatures.Keyring(b.identity.fingerprint, b.official_keys.public(),
                              b.sharing.trust.list())
    ring.hold({(a.identity.fingerprint, held, data)})
    assert ring.signer(data, held, a.identity.fingerprint) == a.identity.fingerprint
    assert ring.signer(data, bytes([1]) * 64, a.identity.fingerprint) is None
    by_bob = b.official_keys.signing_key().sign(data)
    alone = signatures.Keyring(b.identity.fingerprint, b.official_keys.public(), [])
    alone.hold({(a.identity.fingerprint, by_bob, data)})
    assert alone.signer(data, by_bob, a.identity.fingerprint) == b.identity.fingerprint


def test_only_the_official_who_deleted_a_record_can_bring_it_back(
        four, tmp_path: Path) -> None:
    """Alice deletes Anna and Carol holds the deletion. Bob's line setting ``deleted`` back
    (newer, his own stamp) is dropped and reported, and Anna stays out of Carol's bundles;
    the rest of his line applies. The control: Alice's own undeletion applies."""
    a, b, c, _ = four
    anna = person(a, "Анна Смирнова", notes="asked to be taken out")
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    a.delete(anna)
    receive(c, send(a, [c], tmp_path / "2.rbundle"))
    later = Stamp(b.store.clock.tick() + 10**6, b.identity.fingerprint)
    back = Record(anna, Kind.PERSON, {"deleted": False, "city": "Berlin"},
                  {"deleted": later, "city": later})
    [report] = receive(c, forge(b, c, tmp_path / "b.rbundle", [back], sign=True))
    assert report.not_applied == [{"id": anna, "kind": "person", "fields": ["deleted"],
                                   "reason": signatures.NOT_THE_DELETER}]
    assert c.get(anna).values["deleted"] is True and c.get(anna).values["city"] == "Berlin"
    assert anna not in {x.get("id") for x in decrypt_payload(
        send(c, [b], tmp_path / "c.rbundle"), b) if "values" in x and x["values"].get("name")}
    older = Stamp(1, b.identity.fingerprint)  # loses to the deletion: nothing to report
    [report] = receive(c, forge(b, c, tmp_path / "old.rbundle", [
        undeleted(anna, older)], sign=True))
    assert report.not_applied == [] and c.get(anna).values["deleted"] is True
    # a deletion and Bob's undeletion imported together, into a vault that held neither
    d = make_vault(tmp_path, "Dora")
    introduce(a, b, d)
    petr = person(a, "Пётр Иванов")
    receive(d, send(a, [d], tmp_path / "d1.rbundle"))
    a.delete(petr)
    a_deletes = send(a, [d], tmp_path / "d2.rbundle")
    undo = Stamp(b.store.clock.tick() + 10**6, b.identity.fingerprint)
    b_undoes = forge(b, d, tmp_path / "d3.rbundle",
                     [undeleted(petr, undo)],
                     sign=True)
    [_, report] = receive(d, a_deletes, b_undoes)
    assert report.not_applied[0]["reason"] == signatures.NOT_THE_DELETER
    assert d.get(petr).values["deleted"] is True
    d.lock()
    by_alice = Stamp(a.store.clock.tick() + 2 * 10**6, a.identity.fingerprint)
    [report] = receive(c, forge(a, c, tmp_path / "a.rbundle", [
        undeleted(anna, by_alice)], sign=True))
    assert report.not_applied == [] and not c.get(anna).values["deleted"]


def test_an_undeletion_or_a_decision_in_another_officials_name_refuses_the_bundle(
        four, tmp_path: Path) -> None:
    """An undeletion and a duplicate decision travel signed like a deletion: Bob's line
    setting Alice's deletion back in her name, or deciding a pair in her name, refuses the
    bundle; the same lines in Bob's own name, signed by him, pass the screen."""
    from registry.domain.ids import decision_id

    a, b, c, _ = four
    anna = person(a, "Анна Смирнова")
    x, y = person(a, "Иван Петров"), person(a, "Иван Петров", city="Riga")
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    a.delete(anna)
    receive(c, send(a, [c], tmp_path / "2.rbundle"))
    in_alices_name = Stamp(b.store.clock.tick() + 10**6, a.identity.fingerprint)
    pair = sorted((x, y))
    decided = {"a_id": pair[0], "b_id": pair[1], "decision": "not_same",
               "decided_by": a.identity.fingerprint, "decided_by_name": "Alice"}
    before = c.digest()
    for n, line in enumerate((
            undeleted(anna, in_alices_name),
            Record(decision_id(*pair), Kind.DECISION, decided,
                   dict.fromkeys(decided, in_alices_name)))):
        with pytest.raises(TrustError, match="no valid signature"):
            receive(c, forge(b, c, tmp_path / f"forged{n}.rbundle", [line], sign=True))
        assert c.digest() == before
    own = Stamp(b.store.clock.tick() + 10**6, b.identity.fingerprint)
    mine = {**decided, "decided_by": b.identity.fingerprint, "decided_by_name": "Bob"}
    [report] = receive(c, forge(b, c, tmp_path / "own.rbundle", [
        Record(decision_id(*pair), Kind.DECISION, mine, dict.fromkeys(mine, own))], sign=True))
    assert report.counts["new"] == 1
    assert [d.decided_by for d in c.matching.decisions()] == [b.identity.fingerprint]


def test_deleting_a_record_again_does_not_make_it_yours_to_bring_back(
        four, tmp_path: Path) -> None:
    """Alice deletes Anna; Bob deletes her again, under his own newer stamp, signed (the
    deletion Carol holds is now his), then sets her back: the undeletion is dropped, for
    Alice took her out of circulation first. The control: Alice can."""
    a, b, c, _ = four
    anna = person(a, "Анна Смирнова")
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    a.delete(anna)
    receive(c, send(a, [c], tmp_path / "2.rbundle"))
    again = Stamp(b.store.clock.tick() + 10**5, b.identity.fingerprint)
    receive(c, forge(b, c, tmp_path / "3.rbundle",
                     [tombstone(anna, again)],
                     sign=True))
    assert c.store.get(anna).stamps["deleted"] == again
    back = Stamp(b.store.clock.tick() + 10**6, b.identity.fingerprint)
    [report] = receive(c, forge(b, c, tmp_path / "4.rbundle", [
        undeleted(anna, back)], sign=True))
    assert [d["reason"] for d in report.not_applied] == [signatures.NOT_THE_DELETER]
    assert c.get(anna).values["deleted"] is True
    by_alice = Stamp(a.store.clock.tick() + 2 * 10**6, a.identity.fingerprint)
    [report] = receive(c, forge(a, c, tmp_path / "5.rbundle", [
        undeleted(anna, by_alice)], sign=True))
    assert report.not_applied == [] and not c.get(anna).values["deleted"]
    # back in circulation: whoever deletes her next is the one who may bring her back
    anew = Stamp(b.store.clock.tick() + 3 * 10**6, b.identity.fingerprint)
    receive(c, forge(b, c, tmp_path / "6.rbundle",
                     [tombstone(anna, anew)],
                     sign=True))
    undo = Stamp(b.store.clock.tick() + 4 * 10**6, b.identity.fingerprint)
    [report] = receive(c, forge(b, c, tmp_path / "7.rbundle", [
        undeleted(anna, undo)], sign=True))
    assert report.not_applied == [] and not c.get(anna).values["deleted"]


def test_a_deletion_no_trusted_key_vouches_for_is_dropped_and_reported(
        four, tmp_path: Path) -> None:
    a, b, _, d = four
    anna = person(a, "Анна Смирнова")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    receive(d, send(b, [d], tmp_path / "2.rbundle"))  # Dave does not know Alice
    a.delete(anna)
    receive(b, send(a, [b], tmp_path / "3.rbundle"))
    before = d.digest()
    [report] = receive(d, send(b, [d], tmp_path / "4.rbundle"))
    assert report.not_applied == [{"id": anna, "kind": "person", "fields": ["deleted"],
                                   "reason": signatures.UNKNOWN_SIGNER}]
    assert d.digest() == before and d.get(anna).values.get("deleted") is not True
    # positive control: once Dave trusts Alice, the same bundle applies her deletion
    d.sharing.add_card(a.sharing.card(), verified_method="safety_number")
    [report] = receive(d, tmp_path / "4.rbundle")
    assert report.not_applied == [] and d.get(anna).values["deleted"] is True


def test_a_signature_that_is_not_base64_of_64_bytes_refuses_the_bundle(
        four, tmp_path: Path) -> None:
    a, b, _, _ = four
    anna = person(b, "Анна Смирнова")
    line = signed_line(tombstone(anna, Stamp(b.store.clock.tick(), b.identity.fingerprint)), b)
    line["sigs"] = {"deleted": "AAAA"}
    with pytest.raises(BundleError, match="signature of field 'deleted' is malformed"):
        receive(a, forge(b, a, tmp_path / "bad.rbundle", [], [line]))
    line["sigs"] = {"name": "A" * 86 + "=="}
    with pytest.raises(BundleError, match="signatures name unexpected fields"):
        receive(a, forge(b, a, tmp_path / "bad2.rbundle", [], [line]))


def test_an_evaluation_relayed_to_a_vault_that_does_not_know_its_assessor_stays_out(
        four, tmp_path: Path) -> None:
    a, b, c, d = four
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4, "evidence_1": "Доклад"}).id
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    [report] = receive(c, send(b, [c], tmp_path / "2.rbundle"))  # Carol knows Alice
    assert report.not_applied == [] and c.get(ev).values["score_2"] == 3
    [report] = receive(d, send(b, [d], tmp_path / "3.rbundle"))  # Dave does not
    [out] = [n for n in report.not_applied if n["id"] == ev]
    assert out["reason"] == signatures.UNKNOWN_SIGNER and d.store.get(ev) is None
    assert d.get(org).values["name"] == "Новая газета Европа"  # the rest arrived


def test_this_vaults_existing_claims_are_signed_once_its_key_is_at_hand(tmp_path: Path) -> None:
    """A vault from before schema v8: its own deletions carry no kept signature; the first
    unlock after the upgrade signs them, and the signatures verify with its key."""
    reg = make_vault(tmp_path, "Alice")
    anna = person(reg, "Анна Смирнова")
    reg.delete(anna)
    conn = reg.store.conn
    conn.execute("DROP TABLE record_sig")
    conn.execute("DROP TABLE name_index")  # v10's and v11's: a vault of v7 has none
    for table in ("recovery_custodian", "recovery_set", "recovery_held", "recovery_release"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP VIEW sent_record")  # v12 numbered the holders: v5's table again
    conn.execute("DROP TABLE holding")
    conn.execute("DROP TABLE holder")
    for statement in schema._statements(schema.V5):
        if "sent_record" in statement:
            conn.execute(statement)
    conn.execute("DELETE FROM meta WHERE key = ?", (schema.OWN_CLAIMS_SIGNED,))
    before_v14(conn)
    conn.execute("PRAGMA user_version = 7")
    reg.lock()
    reg = Registry.unlock(tmp_path / "Alice", PASSPHRASE)
    try:
        assert schema.version(reg.store.conn) == schema.LATEST
        [(field, sig)] = reg.store.conn.execute(
            "SELECT field, sig FROM record_sig WHERE record_id = ?", (anna,)).fetchall()
        assert field == "deleted"
        record = reg.store.get(anna)
        assert record is not None
        own = reg.official_keys.public()
        assert verifies(reg, own, Record(anna, Kind.PERSON, {"deleted": True},
                                         {"deleted": record.stamps["deleted"]}), bytes(sig))
        assert reg.store.meta_get(schema.OWN_CLAIMS_SIGNED) == "1"
    finally:
        reg.lock()


def test_a_field_added_under_an_invented_old_stamp_does_not_make_its_sender_the_creator(
        four, tmp_path: Path) -> None:
    a, b, c, _ = four
    anna = person(a, "Анна Смирнова")
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    ancient = Stamp(1, b.identity.fingerprint)  # older than anything Alice ever stamped
    added = Record(anna, Kind.PERSON, {"name_latin": "Anna"}, {"name_latin": ancient})
    receive(c, forge(b, c, tmp_path / "2.rbundle", [added]))
    assert creator(c.store, anna) == a.identity.fingerprint
    gone = Record(anna, Kind.PERSON, erased=Stamp(b.store.clock.tick(), b.identity.fingerprint))
    before = c.digest()
    [report] = receive(c, forge(b, c, tmp_path / "3.rbundle", [], [signed_line(gone, b)]))
    assert report.counts["held"] == 1 and c.digest() == before


def test_a_required_field_relayed_first_under_an_invented_old_stamp_makes_no_creator(
        four, tmp_path: Path) -> None:
    """Bob holds Alice's Anna and relays her to Carol first, her name under an invented stamp
    of his own older than Alice's. Alice's copy then wins the name, and Bob's stamp, kept in
    history, is the oldest: that must not make Bob the creator whose erasure applies at once.
    Two origins have stamped the name, so Bob's signed erasure waits; Alice's own, sent before
    any relay, applies at once (the control)."""
    a, b, c, _ = four
    anna, other = person(a, "Анна Смирнова"), person(a, "Вера Иванова")
    receive(b, send(a, [b], tmp_path / "1.rbundle"))
    ancient = Stamp(1, b.identity.fingerprint)
    relay = Record(anna, Kind.PERSON, {"name": "Анна Смирнова"}, {"name": ancient})
    receive(c, forge(b, c, tmp_path / "relay.rbundle", [relay]))
    receive(c, send(a, [c], tmp_path / "2.rbundle"))
    assert c.get(anna).stamps["name"].origin == a.identity.fingerprint
    assert creator(c.store, anna) is None
    gone = Record(anna, Kind.PERSON, erased=Stamp(b.store.clock.tick(), b.identity.fingerprint))
    before = c.digest()
    [report] = receive(c, forge(b, c, tmp_path / "3.rbundle", [], [signed_line(gone, b)]))
    assert report.counts["held"] == 1 and c.digest() == before
    assert creator(c.store, other) == a.identity.fingerprint
    a.erase(other)
    [report] = receive(c, send(a, [c], tmp_path / "4.rbundle"))
    assert report.erased == [other]


def test_an_unsigned_erasure_of_a_pseudonymous_copy_waits(four, tmp_path: Path) -> None:
    """A stub is erased at once by its pseudonym's own origin (§6.4.4) — but only when a
    trusted key signed that erasure; forged unsigned by another colleague, it waits."""
    a, b, c, _ = four
    anna = person(a, "Анна Смирнова", inside_russia=True)
    receive(b, send(a, [b], tmp_path / "1.rbundle", mode="pseudonymise"))
    [stub] = [r for r in b.store.iter_records(Kind.PERSON)]
    origin = next(iter(stub.stamps.values())).origin
    forged = Record(stub.id, Kind.PERSON, erased=Stamp(c.store.clock.tick(), origin))
    before = b.digest()
    [report] = receive(b, forge(c, b, tmp_path / "forged.rbundle", [forged]))
    assert report.counts["held"] == 1 and b.digest() == before
    # positive control: Alice's own erasure reaches the stub, signed, and applies at once
    a.erase(anna)
    [report] = receive(b, send(a, [b], tmp_path / "2.rbundle", mode="pseudonymise"))
    assert report.counts["erased"] == 1 and report.counts["held"] == 0
    assert b.store.get(stub.id).erased is not None


def _deleted_at_carol(a: Registry, c: Registry, d: Registry, tmp_path: Path) -> str:
    """Alice's Anna, held by Carol and Dave (from Carol); Alice deletes her, and Carol holds
    the deletion with Alice's signature, to pass it on."""
    introduce(a, c, d)
    anna = person(a, "Анна Смирнова", notes="asked to be taken out")
    receive(c, send(a, [c], tmp_path / "1.rbundle"))
    receive(d, send(c, [d], tmp_path / "to_d.rbundle"))
    a.delete(anna)
    receive(c, send(a, [c], tmp_path / "2.rbundle"))
    return anna


@pytest.mark.parametrize("undone", [True, False], ids=["undeletion dropped", "control"])
def test_a_dropped_undeletion_does_not_replace_the_deleters_signature(
        four, tmp_path: Path, undone: bool) -> None:
    """Alice deletes Anna and Carol holds the deletion, with Alice's signature, to pass it
    on. Bob's undeletion (newer, his own stamp, signed with his key) is dropped: not the
    deleter's. Its signature was kept all the same, over Alice's (a newer stamp replaces an
    older one), and Carol's next bundle to Dave, who held Anna, left her tombstone home (a
    line without its signature stays home): Dave never learns she was taken out. The
    control: no undeletion from Bob."""
    a, b, c, d = four
    anna = _deleted_at_carol(a, c, d, tmp_path)
    if undone:
        later = Stamp(b.store.clock.tick() + 10**6, b.identity.fingerprint)
        back = Record(anna, Kind.PERSON, {"deleted": False, "city": "Berlin"},
                      {"deleted": later, "city": later})  # the city applies
        [report] = receive(c, forge(b, c, tmp_path / "b.rbundle", [back], sign=True))
        assert report.not_applied[0]["reason"] == signatures.NOT_THE_DELETER
    receive(d, send(c, [d], tmp_path / "c.rbundle"))
    assert d.get(anna).values.get("deleted") is True, "the deletion did not travel"


@pytest.mark.parametrize("again", [True, False], ids=["Bob deleted her again", "control"])
def test_a_quarantine_puts_back_the_signature_of_the_deletion_it_restores(
        four, tmp_path: Path, again: bool) -> None:
    """Alice deletes Anna and Carol holds the deletion, with Alice's signature, to pass it
    on. Bob (seized) deletes her again under a newer stamp of his own, signed with his key:
    it applies, and its signature replaces Alice's. Carol revokes Bob and undoes what he
    sent: the deletion goes back to Alice's stamp, but the signature kept stayed Bob's, so
    Carol's next bundle to Dave, who held Anna, left her tombstone home (a line without the
    signature of its claim stays home): Dave never learned she was taken out, as he does
    from a vault that never imported Bob's bundle. The control: nothing from Bob."""
    a, b, c, d = four
    anna = _deleted_at_carol(a, c, d, tmp_path)
    if again:
        later = Stamp(b.store.clock.tick() + 10**6, b.identity.fingerprint)
        redone = Record(anna, Kind.PERSON, {"deleted": True}, {"deleted": later})
        [report] = receive(c, forge(b, c, tmp_path / "b.rbundle", [redone], sign=True))
        assert report.counts["deleted"] == 1
        c.sharing.quarantine(b.identity.fingerprint, "2000-01-01")
    assert c.store.get(anna).stamps["deleted"].origin == a.identity.fingerprint
    receive(d, send(c, [d], tmp_path / "c.rbundle"))
    assert d.get(anna).values.get("deleted") is True, "the deletion did not travel"


def test_v16_keeps_the_signatures_it_finds_and_one_per_stamp_after(tmp_path: Path) -> None:
    """A vault of v15 kept one signature per field; v16 keeps what it finds, and then one per
    stamp: a second claim on the field no longer replaces the first."""
    reg = make_vault(tmp_path, "Alice")
    anna = person(reg, "Анна Смирнова")
    # the first of an official this vault knows (itself): v26 drops one of an unknown origin
    first, second = Stamp(10, reg.identity.fingerprint), Stamp(20, "b" * 40)
    conn = reg.store.conn
    conn.execute("DROP TABLE record_sig")
    conn.execute("CREATE TABLE record_sig (record_id TEXT NOT NULL, field TEXT NOT NULL, "
                 "hlc INTEGER NOT NULL, origin TEXT NOT NULL, sig BLOB NOT NULL, "
                 "PRIMARY KEY (record_id, field)) WITHOUT ROWID")  # as v8 made it
    conn.execute("INSERT INTO record_sig VALUES (?, 'deleted', ?, ?, ?)",
                 (anna, first.hlc, first.origin, b"\1" * 64))
    conn.execute("PRAGMA user_version = 15")
    reg.lock()
    reg = Registry.unlock(tmp_path / "Alice", PASSPHRASE)
    try:
        assert schema.version(reg.store.conn) == schema.LATEST
        with reg.store.write():  # the second claim stands (a signature is kept only then)
            held = reg.store.get(anna)
            reg.store.conn.execute("UPDATE person SET stamps = ? WHERE id = ?", (
                encode_stamps({**held.stamps, "deleted": second}), anna))
            signatures.keep(reg.store, {anna: {"deleted": (second, b"\2" * 64)}})
            signatures.keep(reg.store, {anna: {"deleted": (first, b"\3" * 64)}})  # kept first
        rows = reg.store.conn.execute(
            "SELECT hlc, origin, sig FROM record_sig WHERE record_id = ? ORDER BY hlc",
            (anna,)).fetchall()
        assert [(h, o, bytes(s)) for h, o, s in rows] == [
            (first.hlc, first.origin, b"\1" * 64), (second.hlc, second.origin, b"\2" * 64)]
    finally:
        reg.lock()
