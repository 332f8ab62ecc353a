"""A raise held for a record this vault sent on, then took out, is passed on to its holders.

M relayed Alice's record of a person to Bob before Alice's own copy came (which then changed
nothing); Bob sent her on to Rita. Bob's quarantine of M (seized) took the record out of Bob's
vault as one "only their bundles brought". Alice then flagged her inside Russia: the notice
reached Bob, where it waits for a record not held — and Bob's bundles to Rita carried nothing,
so Rita kept her unprotected and went on sending her name (was). DESIGN §6.4.2: a notice is
passed on to whoever the record was sent to; Bob still knows Rita holds her.
"""

from __future__ import annotations

from pathlib import Path

from registry.service import Registry

from .test_signatures import decrypt_payload
from .vaults import person, receive, send, trusted

SINCE = "2000-01-01"  # every import of the test is after it, whatever the day it runs


def _bob_holds_then_quarantines(tmp: Path, a: Registry, b: Registry, m: Registry,
                                r: Registry) -> str:
    her = person(a, "Мария Смирнова", region="RU-TA", city="Kazan")
    receive(m, send(a, [m], tmp / "am.rbundle"))
    send(a, [b], tmp / "ab.rbundle")
    receive(b, send(m, [b], tmp / "mb.rbundle"))  # M relays her first (honestly, then)
    receive(b, tmp / "ab.rbundle")  # Alice's own copy changes nothing
    receive(r, send(b, [r], tmp / "br.rbundle"))  # Bob sends her on to Rita
    report = b.sharing.quarantine(m.identity.fingerprint, SINCE, confirm_lowering=True)
    assert (her, "person") in report.removed  # the case: Bob no longer holds her
    assert b.store.get(her) is None
    return her


def test_a_flag_held_for_a_record_taken_out_reaches_its_holders(tmp_path: Path) -> None:
    with trusted(tmp_path, "A", "B", "M", "R", "D") as (a, b, m, r, d):
        her = _bob_holds_then_quarantines(tmp_path, a, b, m, r)
        a.update(her, {"inside_russia": True})
        receive(b, send(a, [b], tmp_path / "ab2.rbundle"))  # held at Bob: not held there
        bundle = send(b, [r], tmp_path / "br2.rbundle")
        lines = decrypt_payload(bundle, r)
        [notice] = [line for line in lines if line.get("id") == her]
        assert notice["notice"] and notice["values"] == {"inside_russia": True,
                                                         "sensitivity": "protected"}
        assert {origin for _, origin, _ in notice["stamps"]} == {a.identity.fingerprint}
        receive(r, bundle)
        assert r.get(her).values["inside_russia"] is True and r.is_protected(her)
        # and Rita's next bundle no longer carries her by name
        out = decrypt_payload(send(r, [d], tmp_path / "rd.rbundle"), d)
        assert her not in {line.get("id") for line in out}
        # control: a recipient Bob never sent her to gets no notice of her
        to_d = decrypt_payload(send(b, [d], tmp_path / "bd.rbundle"), d)
        assert her not in {line.get("id") for line in to_d}

