"""Undoing a colleague's bundles, and what the other exports and the holders of a record do
with the moved-off and "same" rules (DESIGN §6.4, §6.5.9). Found, or checked, by an attack
round with a trusted colleague's real keys: a revert or a quarantine that took her off a
record (or a "same" link to her) let what R wrote there while it was hers leave, where the
same acts with an export between kept it home. Each case has a control."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.store import protection
from registry.sync.exporter import Scope

from .forge import forge, record
from .test_moved_off_attacks import _left_out_ids, default_export, shared
from .test_redact import decrypted
from .vaults import person, receive, send


def export_to(r: Registry, x: Registry, path: Path, **kw: Any) -> tuple[str, dict[str, Any]]:
    text, lines = decrypted(send(r, [x], path, **kw), x)
    return text.decode(), {line["id"]: line for line in lines}


# ---- 1. a revert or a quarantine takes her off a record R wrote into while it was hers -----
@pytest.mark.parametrize("kind", ["tie", "support", "event"])
@pytest.mark.parametrize("undo", ["revert", "quarantine"])
@pytest.mark.parametrize("export_between", [False, True])
def test_undo_taking_her_off_a_record_frees_what_was_written_while_hers(
        rcad, tmp_path: Path, undo: str, export_between: bool, kind: str) -> None:
    """R's tie, support or event about open X. C re-points it at flagged her; R, seeing it
    is hers now, writes her courier arrangement into its notes. R learns of the seizure and
    reverts C's import (or quarantines C): the restore took her off the record and counted as
    nobody's move, so the notes about her travelled (supports and events), unless an export
    between had made her level the record's own. What an undo takes away counts as a
    bundle's move now (a revert lowers nothing, not even sideways)."""
    r, c, a, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова", inside_russia=True)
    x = person(r, "Пётр Открытый")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "donor"}).id
    if kind == "tie":
        rk, ref, on, off = Kind.TIE, "from_id", her, x
        tie = r.add(Kind.TIE, {"from_id": x, "to_id": org, "kind": "member_of",
                               "notes": "open"}).id
    elif kind == "support":
        rk, ref, on, off = Kind.SUPPORT, "recipient_id", her, x
        tie = r.add(Kind.SUPPORT, {"provider_id": org, "recipient_id": x,
                                   "kind": "grant", "notes": "open"}).id
    else:
        rk, ref, on, off = Kind.EVENT, "participants", [her], [x]
        tie = r.add(Kind.EVENT, {"title": "Meeting", "start": "2026-03-01",
                                 "participants": [x], "notes": "open"}).id
    shared(r, c, tmp_path)
    [rep] = receive(r, forge(c, r, tmp_path / "c.rbundle",
                             [record(c, rk, {ref: on}, record_id=tie)]))
    assert r.get(tie).values[ref] == on
    r.update(tie, {"notes": "SECRET courier meets her every 5th at Narva"})
    if export_between:
        send(r, [a], tmp_path / "r-a.rbundle")
    if undo == "revert":
        r.sharing.revert(rep.import_id)
    else:
        r.sharing.quarantine(c.identity.fingerprint, "2000-01-01", confirm_lowering=True)
    assert r.get(tie).values[ref] == off
    level = r.protection_of(tie)
    text, got = default_export(r, d, tmp_path)
    assert "SECRET" not in text, (level, got.get(tie))


# ---- 2. a revert takes away the "same" link C made; R wrote into the record meanwhile ------
@pytest.mark.parametrize("export_between", [False, True])
def test_revert_of_a_same_link_frees_what_was_written_while_one(
        rcad, tmp_path: Path, export_between: bool) -> None:
    """C replaces the "same" link of R's open O (to Z) by one to flagged her; R writes her
    new phone into O's notes; R reverts C's import: O's link to her was taken away by the
    undo without a pair, and O left (unless an export between had made her level O's own).
    The undo keeps the pair now, as a bundle's un-linking does."""
    r, c, a, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова", inside_russia=True)
    z = person(r, "Зоя Открытая")
    o = person(r, "М. К.", merged_into=z)
    shared(r, c, tmp_path)
    [rep] = receive(r, forge(c, r, tmp_path / "c.rbundle",
                             [record(c, Kind.PERSON, {"merged_into": her}, record_id=o)]))
    assert r.is_protected(o)
    r.update(o, {"notes": "SECRET new phone +7 900 111 22 33"})
    if export_between:
        send(r, [a], tmp_path / "r-a.rbundle")
    r.sharing.revert(rep.import_id)
    assert r.get(o).values.get("merged_into") == z
    prot = r.is_protected(o)
    text, _got = default_export(r, d, tmp_path)
    assert "SECRET" not in text, (prot, protection.unlinked(r.store.conn))


# ---- 3. notices: a tie D got open, moved off her, then she is flagged ---------------------
def test_holder_of_a_moved_tie_gets_a_notice_and_keeps_it_home(rcad, tmp_path: Path) -> None:
    """D got R's tie while she was open; C moves it off her; R flags her: R's next export
    tells D (a notice), D holds it protected, and D's own default export keeps it home."""
    r, c, a, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": her, "to_id": org, "kind": "member_of",
                           "notes": "TIE courier"}).id
    shared(r, c, tmp_path)
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    receive(r, forge(c, r, tmp_path / "c.rbundle",
                     [dummy, record(c, Kind.TIE, {"from_id": dummy.id}, record_id=tie)]))
    # D gets the moved tie while she is open
    receive(d, send(r, [d], tmp_path / "r-d0.rbundle"))
    assert d.get(tie).values["from_id"] == dummy.id
    r.update(her, {"inside_russia": True})
    text, got = export_to(r, d, tmp_path / "r-d1.rbundle")
    receive(d, tmp_path / "r-d1.rbundle")
    assert d.protection_of(tie) >= Sensitivity.PROTECTED, got
    # D's default export to A keeps it home
    text, got = export_to(d, a, tmp_path / "d-a.rbundle")
    assert tie not in got and "courier" not in text


def _q_split_off_her(r: Registry, c: Registry, tmp_path: Path) -> tuple[str, str]:
    """R's P (her, open yet) and R's Q "same" as her (her phone in its notes), shared with C;
    C's bundle takes the link away. Returns P and Q."""
    p = person(r, "Мария Сергеевна Кузнецова")
    q = person(r, "Маша К.", notes="QSECRET phone")
    r.update(q, {"merged_into": p})
    shared(r, c, tmp_path)
    receive(r, forge(c, r, tmp_path / "split.rbundle",
                     [record(c, Kind.PERSON, {"merged_into": None}, record_id=q)]))
    return p, q


def test_holder_of_a_split_member_gets_a_notice_and_keeps_it_home(rcad, tmp_path: Path
                                                                  ) -> None:
    """D got Q (R's "same" as her) before C took the link away; R flags her: R's next export
    tells D, D holds Q protected, and D's own default export keeps Q home."""
    r, c, a, d = rcad
    p, q = _q_split_off_her(r, c, tmp_path)
    receive(d, send(r, [d], tmp_path / "r-d0.rbundle"))
    assert "QSECRET" in d.get(q).values["notes"]
    r.update(p, {"inside_russia": True})
    receive(d, send(r, [d], tmp_path / "r-d1.rbundle"))
    assert d.is_protected(q)
    text, got = export_to(d, a, tmp_path / "d-a.rbundle")
    assert q not in got and "QSECRET" not in text


# ---- 4. since_last, pseudonymise and FtM/CSV after a move ---------------------------------
@pytest.mark.parametrize("mode", ["since_last", "pseudonymise", "ftm"])
def test_moved_tie_in_other_exports(rcad, tmp_path: Path, mode: str) -> None:
    """A tie C moved off her, flagged later, stays home from a since-last export, a
    pseudonymise export and the FtM export too."""
    from registry.interop.ftm import export_ftm
    from registry.sync.redact import Mode

    r, c, _a, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": her, "to_id": org, "kind": "member_of",
                           "notes": "TIE courier"}).id
    shared(r, c, tmp_path)
    receive(d, send(r, [d], tmp_path / "r-d0.rbundle"))
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    receive(r, forge(c, r, tmp_path / "c.rbundle",
                     [dummy, record(c, Kind.TIE, {"from_id": dummy.id,
                                                  "notes": "TIE courier moved"},
                                    record_id=tie)]))
    r.update(her, {"inside_russia": True})
    if mode == "ftm":
        out = tmp_path / "o.json"
        export_ftm(r.store, out, ceiling=Sensitivity.INTERNAL)
        assert "courier" not in out.read_text(encoding="utf-8")
        return
    if mode == "csv":
        from registry.interop import csv_export
        out = tmp_path / "o.csv"
        fn = getattr(csv_export, "export_csv", None)
        assert fn is not None, dir(csv_export)
        fn(r.store, out, Kind.TIE, ceiling=Sensitivity.INTERNAL)
        assert "courier" not in out.read_text(encoding="utf-8")
        return
    kw: dict[str, Any] = ({"scope": Scope(since_last=True)} if mode == "since_last"
                          else {"mode": Mode.PSEUDONYMISE})
    text, got = export_to(r, d, tmp_path / "r-d1.rbundle", **kw)
    assert "courier" not in text, got.get(tie)


def test_split_member_in_csv(rcad, tmp_path: Path) -> None:
    """A record C split off her group keeps its notes out of the person CSV once she is
    flagged."""
    from registry.interop.csv_export import export_csv

    r, c, _, _ = rcad
    p, _ = _q_split_off_her(r, c, tmp_path)
    r.update(p, {"inside_russia": True})
    out = tmp_path / "o.csv"
    export_csv(r.store, out, Kind.PERSON, ceiling=Sensitivity.INTERNAL)
    assert "QSECRET" not in out.read_text(encoding="utf-8")


# ---- 5. quarantine removes her record (only C made it) after A moved her support off her ----
@pytest.mark.parametrize("quarantine", [True, False])
def test_quarantine_removing_her_frees_what_was_moved_off_her(
        rcad, tmp_path: Path, quarantine: bool) -> None:
    """C made her record, flagged (inside Russia). R records her humanitarian visa (R's
    own support) and shares it with A; A (honest) corrects the recipient to Q: an import
    moved it off her, so it keeps her level. R then quarantines C: her record, only C's,
    is removed, and with it every trace of her level; the support, moved off someone this
    vault no longer knows, could count as public and its notes about her travel: the end of
    A's import made her level the support's own, and it stays home. Control: no
    quarantine."""
    r, c, a, d = rcad
    made = record(c, Kind.PERSON, {"name": "Мария Сергеевна Кузнецова",
                                   "inside_russia": True})
    her = made.id
    receive(r, forge(c, r, tmp_path / "c0.rbundle", [made]))
    assert r.is_protected(her)
    donor = r.add(Kind.ORGANISATION, {"name": "MFA SE", "type": "government"}).id
    q = person(r, "Пётр Открытый")
    support = r.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": her,
                                   "kind": "humanitarian_visa",
                                   "notes": "SECRET exit via Narva on the 5th"}).id
    # A (honest, who holds it through an include bundle) corrects the recipient, after R
    # made it (two vaults' clocks can tick in one millisecond: A's stamp made later)
    fix = Stamp(max(a.store.clock.tick(), r.store.clock.last) + 1, a.identity.fingerprint)
    receive(r, forge(a, r, tmp_path / "a-r.rbundle", [
        Record(support, Kind.SUPPORT, {"recipient_id": q}, {"recipient_id": fix})]))
    assert r.get(support).values["recipient_id"] == q
    assert support in _left_out_ids(r, d)
    if quarantine:
        r.sharing.quarantine(c.identity.fingerprint, "2000-01-01", confirm_lowering=True)
    level = r.protection_of(support)
    text, got = default_export(r, d, tmp_path)
    assert support not in got and "Narva" not in text, level
