"""A held erasure (DESIGN §6.5.4) rests on officials this vault trusts (§6.5.3): once its
sender, or the official whose stamp it bears, is revoked here — a plain ``trust revoke``,
which drops nothing (dropping is the quarantine's, §6.5.9) — the list says so and the
erasure can only be declined. **R** receives, **C** and **A** are colleagues R trusts. Each
refusal has a positive control: the same erasure accepted while nobody it rests on is
revoked."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.errors import TrustError
from registry.service import Registry
from registry.sync import wire
from registry.sync.held import HeldChange

from .forge import files, forge, stamp
from .test_signed_and_held_edges import is_erased, signed
from .vaults import person, receive

REFUSED = r"was revoked here: it cannot be accepted\. Decline it"


def held_erasure(r: Registry, sender: Registry, stamper: Registry, tmp_path: Path
                 ) -> tuple[str, HeldChange]:
    """``sender`` sends R an erasure of a person R made, stamped and signed by ``stamper``:
    neither is the creator, so it waits."""
    anna = person(r, "Анна Смирнова")
    at = stamp(stamper)
    tomb = Record(anna, Kind.PERSON, {}, {}, at)
    line = wire.to_line(tomb, signed(stamper, tomb, "erased", None, at))
    [report] = receive(r, forge(sender, r, tmp_path / "held.rbundle", [], [line]))
    assert report.counts["held"] == 1
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
