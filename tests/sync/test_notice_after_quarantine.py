"""A raise held for a record this vault sent on, then took out, is passed on to its holders
(two raises as one notice, and to a set of recipients only when each holds the record).

M relayed Alice's record of a person to Bob before Alice's own copy came (which then changed
nothing); Bob sent her on to Rita. Bob's quarantine of M (seized) took the record out of Bob's
vault as one "only their bundles brought". Alice then flagged her inside Russia: the notice
reached Bob, where it waits for a record not held — and Bob's bundles to Rita carried nothing,
so Rita kept her unprotected and went on sending her name (was). DESIGN §6.4.2: a notice is
passed on to whoever the record was sent to; Bob still knows Rita holds her.
"""

from __future__ import annotations

import json
from pathlib import Path

from registry.service import Registry

from .test_signatures import decrypt_payload
from .vaults import person, receive, send, trusted

SINCE = "2000-01-01"  # every import of the test is after it, whatever the day it runs


def _bob_holds_then_quarantines(tmp: Path, a: Registry, b: Registry, m: Registry,
                                r: Registry, *also: Registry) -> str:
    her = person(a, "Мария Смирнова", region="RU-TA", city="Kazan")
    receive(m, send(a, [m], tmp / "am.rbundle"))
    send(a, [b], tmp / "ab.rbundle")
    receive(b, send(m, [b], tmp / "mb.rbundle"))  # M relays her first (honestly, then)
    receive(b, tmp / "ab.rbundle")  # Alice's own copy changes nothing
    receive(r, send(b, [r], tmp / "br.rbundle"))  # Bob sends her on to Rita
    for other in also:  # (and to others)
        receive(other, send(b, [other], tmp / f"b{other.identity.name}.rbundle"))
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


def _held_at_bob(tmp: Path, a: Registry, b: Registry, her: str) -> None:
    """Alice raises her twice (confidential, then inside Russia); both raises wait at Bob."""
    a.update(her, {"sensitivity": "confidential"})
    receive(b, send(a, [b], tmp / "ab2.rbundle"))
    a.update(her, {"inside_russia": True})
    receive(b, send(a, [b], tmp / "ab3.rbundle"))
    assert b.store.conn.execute("SELECT count(*) FROM held_notice WHERE record_id = ? AND "
                                "discarded_by IS NULL", (her,)).fetchone()[0] == 2


def _notices(lines: list[dict], her: str) -> list[dict]:
    return [line for line in lines if line.get("id") == her]


def test_two_raises_held_for_a_record_taken_out_reach_its_holder_as_one(tmp_path: Path) -> None:
    with trusted(tmp_path, "A", "B", "M", "R", "D") as (a, b, m, r, d):
        her = _bob_holds_then_quarantines(tmp_path, a, b, m, r)
        _held_at_bob(tmp_path, a, b, her)
        lines = decrypt_payload(send(b, [r], tmp_path / "br2.rbundle"), r)
        [notice] = _notices(lines, her)  # one line: each field at its highest, with its stamp
        assert notice["values"] == {"sensitivity": "protected", "inside_russia": True}
        [later] = b.store.conn.execute("SELECT line FROM held_notice WHERE record_id = ? "
                                       "ORDER BY id DESC LIMIT 1", (her,)).fetchone()
        assert notice["stamps"] == json.loads(later)["stamps"]  # the later raise's stamps
        receive(r, tmp_path / "br2.rbundle")
        assert r.is_protected(her) and r.get(her).values["inside_russia"] is True
        # a bundle to Rita and Dave at once: Dave never had her, and a notice would name her
        # id to him, so it stays home (counted as withheld); Rita gets it in her own bundles
        both = b.sharing.request(to=[r.identity.fingerprint, d.identity.fingerprint])
        result = b.sharing.export(both, tmp_path / "brd.rbundle")
        assert not _notices(decrypt_payload(tmp_path / "brd.rbundle", r), her)
        assert result.exposure.notices_withheld == 1 and result.exposure.notices == 0


def test_raises_held_for_a_record_taken_out_reach_two_holders_in_one_notice(
        tmp_path: Path) -> None:
    """Bob had sent her to Rita and to Dave: a bundle to both carries the joined notice once
    (the raises are read for each holder, and joined again, lower ones and all)."""
    with trusted(tmp_path, "A", "B", "M", "R", "D") as (a, b, m, r, d):
        her = _bob_holds_then_quarantines(tmp_path, a, b, m, r, d)
        _held_at_bob(tmp_path, a, b, her)
        bundle = send(b, [r, d], tmp_path / "brd.rbundle")
        for reader in (r, d):
            [notice] = _notices(decrypt_payload(bundle, reader), her)
            assert notice["values"] == {"sensitivity": "protected", "inside_russia": True}
        receive(d, bundle)
        assert d.is_protected(her) and d.get(her).values["inside_russia"] is True
