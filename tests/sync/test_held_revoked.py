"""A held erasure (DESIGN §6.5.4) rests on officials this vault trusts (§6.5.3): once its
sender, or the official whose stamp it bears, is revoked here — a plain ``trust revoke``,
which drops nothing (dropping is the quarantine's, §6.5.9) — the list says so and the
erasure can only be declined. **R** receives, **C** and **A** are colleagues R trusts. Each
refusal has a positive control: the same erasure accepted while nobody it rests on is
revoked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.errors import TrustError
from registry.service import Registry
from registry.sync import wire
from registry.sync.held import HeldChange

from .forge import files, forge, stamp
from .test_signed_and_held_edges import is_erased, signed
from .vaults import introduce, make_vault, person, receive, send

REFUSED = r"was revoked here: it cannot be accepted\. Decline it"


def erasure_line(record_id: str, stamper: Registry) -> dict[str, Any]:
    """The line of an erasure of a person, stamped now and signed by ``stamper``."""
    at = stamp(stamper)
    tomb = Record(record_id, Kind.PERSON, {}, {}, at)
    return wire.to_line(tomb, signed(stamper, tomb, "erased", None, at))


def erasure(r: Registry, stamper: Registry) -> tuple[str, dict[str, Any]]:
    """A person R made, and the line of her erasure stamped and signed by ``stamper``."""
    anna = person(r, "Анна Смирнова")
    return anna, erasure_line(anna, stamper)


def relay(r: Registry, sender: Registry, line: dict[str, Any], path: Path) -> int:
    """``sender`` sends R the erasure ``line``; how many erasures it left waiting."""
    [report] = receive(r, forge(sender, r, path, [], [line]))
    return int(report.counts["held"])


def held_erasure(r: Registry, sender: Registry, stamper: Registry, tmp_path: Path
                 ) -> tuple[str, HeldChange]:
    """``sender`` sends R an erasure of a person R made, stamped and signed by ``stamper``:
    neither is the creator, so it waits."""
    anna, line = erasure(r, stamper)
    assert relay(r, sender, line, tmp_path / "held.rbundle") == 1
    [entry] = r.sharing.held_changes()
    return anna, entry


def test_a_revoked_senders_held_erasure_is_marked_and_only_declined(
        rca, tmp_path: Path) -> None:
    r, c, _ = rca
    anna, entry = held_erasure(r, c, c, tmp_path)
    r.sharing.revoke(c.identity.fingerprint)
    before, digest = files(r), r.digest()
    with pytest.raises(TrustError, match=REFUSED):
        r.sharing.accept_held(entry.id)
    assert files(r) == before and r.digest() == digest and not is_erased(r, anna)
    [listed] = r.sharing.held_changes()  # a plain revocation drops nothing
    assert (listed.id, listed.sender_revoked, listed.origin_revoked) == (entry.id, True, True)
    assert listed.to_json()["sender"]["revoked"] and listed.to_json()["origin"]["revoked"]
    assert r.sharing.decline_held(entry.id).status == "declined"
    assert r.get(anna).values["name"] == "Анна Смирнова" and r.sharing.held_changes() == []


def test_an_erasure_stamped_by_a_revoked_official_is_refused_whoever_relays_it(
        rca, tmp_path: Path) -> None:
    """C, still trusted, relays A's signed erasure; R then revokes A."""
    r, c, a = rca
    anna, entry = held_erasure(r, c, a, tmp_path)
    r.sharing.revoke(a.identity.fingerprint)
    with pytest.raises(TrustError, match=REFUSED):
        r.sharing.accept_held(entry.id)
    assert not is_erased(r, anna)
    [listed] = r.sharing.held_changes()
    assert (listed.sender_revoked, listed.origin_revoked) == (False, True)


@pytest.mark.parametrize("revoked", [None, "another official"])
def test_control_an_erasure_nobody_revoked_rests_on_is_accepted(
        rca, tmp_path: Path, revoked: str | None) -> None:
    r, c, a = rca
    anna, entry = held_erasure(r, c, c, tmp_path)
    if revoked:
        r.sharing.revoke(a.identity.fingerprint)
    assert r.sharing.accept_held(entry.id).status == "accepted"
    assert is_erased(r, anna)
    assert not entry.revoked and entry.to_json()["sender"]["revoked"] is False



def test_an_erasure_declined_from_a_revoked_sender_is_asked_again_from_a_trusted_one(
        rca, tmp_path: Path) -> None:
    """C relays A's signed erasure; R revokes C and can only decline it. A, still trusted,
    then sends the same erasure: that is a new question, no longer blocked by the decline."""
    r, c, a = rca
    anna, line = erasure(r, a)
    assert relay(r, c, line, tmp_path / "1.rbundle") == 1
    [entry] = r.sharing.held_changes()
    r.sharing.revoke(c.identity.fingerprint)
    r.sharing.decline_held(entry.id)
    assert r.sharing.held_changes() == []
    assert relay(r, a, line, tmp_path / "2.rbundle") == 1
    [asked] = r.sharing.held_changes()
    assert (asked.id, asked.sender, asked.status, asked.revoked) == (
        entry.id, a.identity.fingerprint, "held", False)
    relay(r, a, line, tmp_path / "3.rbundle")  # a replay asks nothing more
    assert [h.id for h in r.sharing.held_changes()] == [entry.id]
    assert r.sharing.accept_held(asked.id).status == "accepted" and is_erased(r, anna)


def test_control_an_erasure_the_official_declined_is_not_asked_again(
        rca, tmp_path: Path) -> None:
    """Declined while its sender was trusted: the official's answer holds for any relay."""
    r, c, a = rca
    anna, line = erasure(r, a)
    assert relay(r, c, line, tmp_path / "1.rbundle") == 1
    [entry] = r.sharing.held_changes()
    r.sharing.decline_held(entry.id)
    digest = r.digest()
    assert relay(r, a, line, tmp_path / "2.rbundle") == 0
    assert r.sharing.held_changes() == [] and not is_erased(r, anna)
    assert r.digest() == digest


def declined_on_merits(rca: tuple[Registry, Registry, Registry], tmp_path: Path
                       ) -> tuple[str, dict[str, Any]]:
    """C relays A's erasure; R declines it while C is trusted, and revokes C afterwards."""
    r, c, a = rca
    anna, line = erasure(r, a)
    assert relay(r, c, line, tmp_path / "1.rbundle") == 1
    [entry] = r.sharing.held_changes()
    r.sharing.decline_held(entry.id)
    r.sharing.revoke(c.identity.fingerprint)
    return anna, line


def test_a_decline_made_while_its_sender_was_trusted_holds_after_their_revocation(
        rca, tmp_path: Path) -> None:
    """A relaying the same erasure asks nothing: only a decline the revocation forced is
    asked again."""
    r, _c, a = rca
    anna, line = declined_on_merits(rca, tmp_path)
    relay(r, a, line, tmp_path / "2.rbundle")
    assert r.sharing.held_changes() == [] and not is_erased(r, anna)


def test_declining_another_erasure_of_the_record_reopens_nothing(rca, tmp_path: Path) -> None:
    """Another erasure of the same record declined after the revocation: the first one
    relayed again still asks nothing (what forced a decline is kept with that erasure, not
    read from the record's last decline)."""
    r, _c, a = rca
    anna, line = declined_on_merits(rca, tmp_path)
    assert relay(r, a, erasure_line(anna, a), tmp_path / "2.rbundle") == 1
    [second] = r.sharing.held_changes()
    r.sharing.decline_held(second.id)
    relay(r, a, line, tmp_path / "3.rbundle")
    assert r.sharing.held_changes() == [] and not is_erased(r, anna)


@pytest.mark.parametrize("trusted_since", [False, True])
def test_a_declined_erasure_stays_declined_once_its_origin_is_trusted(
        tmp_path: Path, trusted_since: bool) -> None:
    """A, whom R does not know, made a person C relayed to R; A's erasure of her, relayed by
    C, waits (an unknown origin) and R's official declines it. R then adds A's card: the same
    erasure relayed again would now apply at once, but a declined erasure stays local."""
    r, c, a = (make_vault(tmp_path, n) for n in ("R", "C", "A"))
    try:
        introduce(r, c)
        introduce(c, a)
        anna = person(a, "Анна Смирнова", notes="жива")
        receive(c, send(a, [c], tmp_path / "a1.rbundle"))
        receive(r, send(c, [r], tmp_path / "c1.rbundle"))
        a.erase(anna)
        receive(c, send(a, [c], tmp_path / "a2.rbundle"))
        assert receive(r, send(c, [r], tmp_path / "c2.rbundle"))[0].counts["held"] == 1
        [entry] = r.sharing.held_changes()
        r.sharing.decline_held(entry.id)
        if trusted_since:
            r.sharing.add_card(a.sharing.card(), verified_method="safety_number")
        receive(r, send(c, [r], tmp_path / "c3.rbundle"))
        assert not is_erased(r, anna) and r.get(anna).values["notes"] == "жива"
        assert r.sharing.held_changes() == []
    finally:
        for v in (r, c, a):
            v.lock()


def test_accepting_an_unsigned_erasure_in_a_strangers_name_is_the_officials_own(
        rca, tmp_path: Path) -> None:
    """An unsigned erasure in a stranger's name, accepted from the held list, is the
    official's own erasure: her stamp, not the stranger's (whose word this vault never had),
    and her signed tombstone travels: a colleague who holds the record from her applies it at
    once (she made it). The stranger's stamp never leaves (exports send signed tombstones
    only, and this vault keeps no signature of theirs)."""
    r, c, a = rca
    victim = person(r, "Ирина Волкова")
    receive(a, send(r, [a], tmp_path / "0.rbundle"))
    stranger = "ab" * 20
    tomb = Record(victim, Kind.PERSON, {}, {}, Stamp(c.store.clock.tick(), stranger))
    receive(r, forge(c, r, tmp_path / "c.rbundle", [], [wire.to_line(tomb)]))
    [entry] = r.sharing.held_changes()
    assert entry.origin == stranger
    r.sharing.accept_held(entry.id)
    assert r.store.get(victim).erased.origin == r.identity.fingerprint
    receive(a, send(r, [a], tmp_path / "1.rbundle"))
    assert is_erased(a, victim)
    assert a.store.get(victim).erased.origin == r.identity.fingerprint
