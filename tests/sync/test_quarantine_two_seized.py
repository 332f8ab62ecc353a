"""Two colleagues' keys seized, both quarantined (DESIGN §6.5.9), in either order: R ends
as a vault that never imported either's bundles. What one brought in the other's name — a
raise relayed as a trusted official's, a notice waiting for its record — or a record of one
kept only because the other's link pointed to it, goes with the second quarantine as it
goes with the first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.service import Registry
from registry.sync import wire

from .forge import forge, record, signed_by, stamp
from .vaults import person, quarantined, receive, send

SINCE = "2000-01-01"


@pytest.mark.parametrize("order", ["M2 first", "M1 first"])
def test_a_raise_forged_in_a_second_seized_colleagues_name_goes_with_both(
        officials: dict[str, Registry], tmp_path: Path, order: str) -> None:
    """Blinding a network with two seized keys. With M1's key (C) the attacker sends R
    raises of R's own people — protected, inside Russia — each stamped in the name of M2
    (D), another official R trusts whose key was seized too. R's official quarantines both
    M1 and M2, since before the bundle.
    Expected, in either order: what M1's bundle raised goes (neither official is trusted any
    more, and a vault that never imported the bundle — R's state ``before`` it — has the
    people unprotected), R's digest ``before``.
    Before the fix ("M1 first"): at M1's quarantine the raises are "stamped by another official
    this vault trusts" (``_trusted_others``: M2 is not revoked yet) and stay; M2's
    quarantine then only undoes M2's own imports, and the raise M1's import brought is not
    one of them: R's people stay protected and out of every bundle for good — "raising
    everyone to protected is a way to blind a network". The other order undoes them."""
    r, m1, m2 = officials["R"], officials["C"], officials["D"]
    own = [person(r, f"Активист {n}", notes="R's own") for n in range(3)]
    before = r.digest()
    at = stamp(m2)
    lines = [Record(x, Kind.PERSON, {"sensitivity": "protected", "inside_russia": True},
                    {"sensitivity": at, "inside_russia": at}) for x in own]
    receive(r, forge(m1, r, tmp_path / "m1.rbundle", lines))
    assert all(r.is_protected(x) for x in own)
    first, second = (m1, m2) if order == "M1 first" else (m2, m1)
    r.sharing.quarantine(first.identity.fingerprint, SINCE, confirm_lowering=True)
    r.sharing.quarantine(second.identity.fingerprint, SINCE, confirm_lowering=True)
    assert [x for x in own if r.is_protected(x)] == [], "the forged raises outlive both"
    assert r.digest() == before


@pytest.mark.parametrize("order", ["M2 first", "M1 first"])
def test_a_waiting_notice_forged_in_a_second_seized_colleagues_name_goes_with_both(
        officials: dict[str, Registry], tmp_path: Path, order: str) -> None:
    """The notice form of the same attack. A made Yana and sends her to R and S later (a0,
    held back). With M1's key (C) the attacker sends R a protection notice for Yana — inside
    Russia, protected — stamped in M2's name (D, seized too); R does not hold Yana yet: the
    notice waits. R quarantines M1 and M2; S only revokes them. Then both import a0.
    Expected: Yana arrives as A made her, unprotected, in R as in S (same digest).
    Before the fix ("M1 first"): M1's quarantine keeps the notice waiting, its raise "stamped by
    an official this vault still trusts" (``drop_held_notices`` keepers: M2 not revoked
    yet); M2's quarantine drops only notices M2 sent. A's Yana arrives and the forged notice
    raises her: R withholds her from every bundle, S does not."""
    r, s, m1, m2, a = (officials[n] for n in ("R", "S", "C", "D", "A"))
    yana = person(a, "Яна Орлова", country="LT")
    a0 = send(a, [r, s], tmp_path / "a0.rbundle")
    at = stamp(m2)
    notice = wire.notice_line(yana, Kind.PERSON, {"sensitivity": "protected",
                                                  "inside_russia": True},
                              {"sensitivity": at, "inside_russia": at})
    receive(r, forge(m1, r, tmp_path / "m1.rbundle", [], [notice]))
    first, second = (m1, m2) if order == "M1 first" else (m2, m1)
    r.sharing.quarantine(first.identity.fingerprint, SINCE, confirm_lowering=True)
    r.sharing.quarantine(second.identity.fingerprint, SINCE, confirm_lowering=True)
    s.sharing.revoke(m1.identity.fingerprint)
    s.sharing.revoke(m2.identity.fingerprint)
    receive(r, a0)
    receive(s, a0)
    assert not s.is_protected(yana)
    assert not r.is_protected(yana), "a notice forged in M2's name outlives both quarantines"
    assert r.digest() == s.digest()


@pytest.mark.parametrize("order", ["M1 first", "M2 first"])
def test_two_quarantines_in_either_order_leave_no_record_of_theirs(
        officials: dict[str, Registry], tmp_path: Path, order: str) -> None:
    """Two seized keys. M2 (D's key) sends R Q, a made-up person, protected and inside
    Russia. M1 (C's key) links R's own X "same" as Q: the rule raises X in R's name. R's
    official quarantines both (since before either bundle). S, R's state before the two
    bundles (``before``), is the reference: neither import happened.
    Expected, in either order: Q gone, X back as it was, R's digest ``before``.
    Before the fix ("M2 first"): at M2's quarantine Q is "referenced" (X's ``merged_into``, M1's
    link) and stays for review with M2's made-up name and flag; M1's quarantine then undoes
    the link — the only reason Q stayed — but only looks at records M1's imports touched:
    Q, M2's invented person, stays in R for good (and stays protected), which the other
    order does not leave."""
    r, m1, m2 = officials["R"], officials["C"], officials["D"]
    x = person(r, "Ирина Волкова", notes="R's own")
    before = r.digest()
    q = record(m2, Kind.PERSON, {"name": "Кью Выдуманная", "sensitivity": "protected",
                                 "inside_russia": True})
    receive(r, forge(m2, r, tmp_path / "m2.rbundle", [q]))
    receive(r, forge(m1, r, tmp_path / "m1.rbundle",
                     [record(m1, Kind.PERSON, {"merged_into": q.id}, x)]))
    assert r.is_protected(x)
    first, second = (m1, m2) if order == "M1 first" else (m2, m1)
    r.sharing.quarantine(first.identity.fingerprint, SINCE, confirm_lowering=True)
    r.sharing.quarantine(second.identity.fingerprint, SINCE, confirm_lowering=True)
    assert not r.is_protected(x)
    assert r.store.get(q.id) is None, "M2's made-up person outlives both quarantines"
    assert r.digest() == before


def test_a_raise_an_undone_honest_import_kept_stays_at_a_quarantine_of_its_stamp(
        officials: dict[str, Registry], tmp_path: Path) -> None:
    """Control: H, honest, relays D's raises of R's people (stamped in D's name); R's
    official undoes H's import (``bundle revert``: an undo never lowers, the raises stay).
    Quarantining D later does not take them back: H was never revoked, and what an undo
    kept it kept for another reason than trusting D (D sent R nothing: a vault that never
    imported D's bundles is R itself)."""
    r, d, h = officials["R"], officials["D"], officials["B"]
    own = [person(r, f"Активист {n}", notes="R's own") for n in range(2)]
    at = stamp(d)
    lines = [Record(x, Kind.PERSON, {"sensitivity": "protected", "inside_russia": True},
                    {"sensitivity": at, "inside_russia": at}) for x in own]
    [report] = receive(r, forge(h, r, tmp_path / "h.rbundle", lines))
    r.sharing.revert(report.import_id)
    assert all(r.is_protected(x) for x in own)
    r.sharing.quarantine(d.identity.fingerprint, SINCE, confirm_lowering=True)
    assert all(r.is_protected(x) for x in own)


def _pavel_relayed_then_undone(officials: dict[str, Registry], tmp_path: Path,
                               values: dict[str, Any]) -> tuple[str, Registry, Registry]:
    """A (honest) shares Pavel with R and S; H (honest) relays to both ``values`` on him,
    stamped in X's name; both officials undo H's import with ``bundle revert``. Pavel's id,
    R and S."""
    r, s, a, h, x = (officials[n] for n in ("R", "S", "A", "B", "D"))
    pavel = person(a, "Павел Смирнов", country="LT")
    a0 = send(a, [r, s], tmp_path / "a0.rbundle")
    receive(r, a0)
    receive(s, a0)
    at = stamp(x)
    line = Record(pavel, Kind.PERSON, values, dict.fromkeys(values, at))
    _relayed_then_undone(h, r, s, tmp_path, [line])
    return pavel, r, s


def _relayed_then_undone(h: Registry, r: Registry, s: Registry, tmp_path: Path,
                         records: list[Record], lines: list[dict[str, Any]] | None = None
                         ) -> None:
    """H relays these records (and raw ``lines``) to R and to S, each of whom then undoes
    that import with ``bundle revert``."""
    for name, v in (("r", r), ("s", s)):
        [report] = receive(v, forge(h, v, tmp_path / f"h_{name}.rbundle", records, lines))
        v.sharing.revert(report.import_id)


def test_bundle_reverted_honest_relay_of_x_flag_survives_x_quarantine(
        officials: dict[str, Registry], tmp_path: Path) -> None:
    """Attack: A (honest) shares Pavel with R and S. H (honest) relays X's flag on Pavel —
    inside Russia, protected, stamped in X's name — to R and S. Both officials undo H's
    import with ``bundle revert`` (a local act that by design never lowers protection:
    the flag stays). Later X's key is seized; R quarantines X since before H's import, S
    merely revokes X.
    Expected: the flag H (honest) delivered stays, as in S; R's digest equals S's.
    Before the fix: ``_reverted_since`` takes every import with ``reverted_at`` set — H's
    ``bundle revert``-ed import included, though H was never quarantined — and
    ``_Relayed.brought`` undoes the X-stamped raise it brought: Pavel loses his protection
    in R only."""
    pavel, r, s = _pavel_relayed_then_undone(
        officials, tmp_path, {"sensitivity": "protected", "inside_russia": True})
    assert r.is_protected(pavel) and s.is_protected(pavel)  # an undo never lowers
    assert r.digest() == s.digest()
    quarantined(r, s, officials["D"])
    assert s.is_protected(pavel)
    assert r.is_protected(pavel), "an honest official's relayed flag was lowered"
    assert r.digest() == s.digest()


def test_value_a_bundle_reverted_honest_import_left_survives_x_quarantine(
        officials: dict[str, Registry], tmp_path: Path) -> None:
    """Attack: A shares Pavel (no notes) with R and S. H (honest) relays to both a note on
    Pavel stamped in X's name. Both officials undo H's import with ``bundle revert``; the
    note, which had no earlier value, is left standing (in R as in S). X's key is seized; R
    quarantines X since before H's import, S merely revokes X.
    Expected: Pavel's values in R equal S's (the note, delivered by honest H, stays): X's
    quarantine undoes only what X's imports, or imports of officials quarantined before,
    brought. (Digests are not compared: each vault's ``bundle revert`` stamps its own edits.)
    Before the fix: the note is unset in R only. ``_reverted_since`` counts H's ``bundle revert``-ed
    import as one of an official "quarantined before" (any ``reverted_at``), and
    ``_revert_record`` (``relayed.brought``) puts back the X-stamped value it brought."""
    pavel, r, s = _pavel_relayed_then_undone(officials, tmp_path, {"notes": "seen in Vilnius"})
    assert r.store.get(pavel).values == s.store.get(pavel).values
    assert r.digest() == s.digest()
    quarantined(r, s, officials["D"])
    assert s.store.get(pavel).values.get("notes") == "seen in Vilnius"
    assert r.store.get(pavel).values == s.store.get(pavel).values, "honest value lost"
    assert r.digest() == s.digest()


def test_tombstone_of_a_bundle_reverted_honest_import_is_not_removed_by_x_quarantine(
        officials: dict[str, Registry], tmp_path: Path) -> None:
    """Attack: X made Vera and deleted her; H (honest) relays X's signed tombstone of Vera
    to R and S (her first import there). Both officials undo H's import with ``bundle
    revert`` (nothing to undo: she is deleted already). X's key is seized; R quarantines X
    since before H's import, S merely revokes X.
    Expected: R equals S: Vera's tombstone stays (same digest).
    Before the fix: cc29b04 "asks again" a record made by an import of an official
    "quarantined before" — ``_reverted_since`` counts H's ``bundle revert``-ed import as one —
    and, every receipt being that import's, removes it: no row, no tombstone; R and S
    digests differ."""
    r, s, h, x = (officials[n] for n in ("R", "S", "B", "D"))
    vera = record(x, Kind.PERSON, {"name": "Вера Кузнецова", "deleted": True})
    line = wire.to_line(vera, signed_by(x, vera))
    _relayed_then_undone(h, r, s, tmp_path, [], [line])
    assert r.store.get(vera.id) is not None and s.store.get(vera.id) is not None
    assert r.digest() == s.digest()
    quarantined(r, s, x)
    assert s.store.get(vera.id) is not None
    assert r.store.get(vera.id) is not None, "the honest tombstone was removed"
    assert r.digest() == s.digest()
