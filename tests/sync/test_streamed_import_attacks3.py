"""Attacks on the streamed import, third round: on what the second round's fixes did (the
payload read again for the lines kept for the end, notices discarded for a record of another
kind, the report's totals); each with its positive control."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.service import Registry
from registry.sync import wire

from .forge import forge, record, stamp
from .parts import BIG, copies, receiver_and_colleague, run
from .vaults import introduce, make_vault, person, receive


def _held_rows(v: Registry, rid: str) -> list[tuple]:
    return v.store.conn.execute("SELECT sender, import_id, discarded_by FROM held_notice "
                                "WHERE record_id = ?", (rid,)).fetchall()


# ---- a discarded notice is kept only when its part writes something --------------------------
@pytest.mark.parametrize("shape", ["with-record", "notice-alone"])
def test_an_other_kind_notice_is_kept_whatever_the_part_size(tmp_path: Path, shape: str) -> None:
    """M (seized, still trusted) brings an organisation under Anna's id X. H's bundle carries
    H's flag on Anna (a notice naming X as a person). It is discarded, and kept as discarded
    by M's import (``_discarded_to_keep``), so that once M is quarantined and the decoy goes, the
    flag waits again and reaches Anna when her record arrives (§6.4.2, §6.5.9) — whether the
    notice shares a part with a line that writes or not, in a bundle of notices only too
    (keeping it makes the part move; it was lost for good then). Control: BIG with a record
    beside it."""
    r, m, h = (make_vault(tmp_path, n) for n in ("R", "M", "H"))
    introduce(r, m, h)
    x = str(uuid.uuid4())
    try:
        decoy = record(m, Kind.ORGANISATION, {"name": "Фонд"}, x)
        receive(r, forge(m, r, tmp_path / "m.rbundle", [decoy]))
        flag = wire.notice_line(x, Kind.PERSON, {"inside_russia": True},
                                {"inside_russia": stamp(h)})
        other = [record(h, Kind.PERSON, {"name": "Пётр"})] if shape == "with-record" else []
        bundle = forge(h, r, tmp_path / "h.rbundle", other, [flag])
        anna = record(h, Kind.PERSON, {"name": "Анна Смирнова"}, x)
        later = forge(h, r, tmp_path / "anna.rbundle", [anna])
        m_fp = m.identity.fingerprint
    finally:
        m.lock()
        h.lock()
    vaults = copies(r, tmp_path, (1, BIG))
    got: dict[Any, Any] = {}
    try:
        for n, v in vaults.items():
            outcome = run(v, [bundle], n)
            assert outcome[0] != "refused", outcome
            rows = _held_rows(v, x)
            v.sharing.quarantine(m_fp, "2000-01-01", confirm_lowering=True)
            assert v.store.get(x) is None or v.store.get(x).kind is not Kind.ORGANISATION \
                or v.store.get(x).deleted
            with contextlib.suppress(Exception):
                run(v, [later], n)
            rec = v.store.get(x)
            got[n] = (len(rows), rec.kind if rec else None,
                      rec.values.get("inside_russia") if rec else None)
    finally:
        for v in vaults.values():
            v.lock()
    if shape == "with-record":
        assert got[BIG] == (1, Kind.PERSON, True), got  # the control
    assert got[1] == (1, Kind.PERSON, True), got
    assert got[BIG] == (1, Kind.PERSON, True), got


# ---- the payload read again: the file replaced or removed between the reads (§6.2) ----------
@pytest.fixture
def rc(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    yield from receiver_and_colleague(tmp_path, holding=False)


def _files(v: Registry) -> tuple:
    return (v.store.counts(), v.store.conn.execute("SELECT count(*) FROM bundle_import")
            .fetchone()[0])


@pytest.mark.parametrize("between", ["control", "replaced", "removed"])
def test_the_file_changed_between_the_two_reads(rc, tmp_path: Path, monkeypatch,
                                                between: str) -> None:
    """C's bundle brings a person Y and links a person X held here to Y (``merged_into``: the
    line is kept for the end, and the payload read again for it). Between the two reads the
    file is replaced by another bundle of C's (its link to another record) or removed. The
    import must be refused with a RegistryError naming what failed (§6.2: "Any failure:
    nothing changes, and the error says what failed"), and nothing changed. Control: the
    file untouched imports."""
    from registry.errors import RegistryError
    from registry.sync import importer

    r, c = rc
    x = person(r, "Икс")
    y = record(c, Kind.PERSON, {"name": "Игрек"})
    z = record(c, Kind.PERSON, {"name": "Зет"})
    s = stamp(c)
    link = Record(x, Kind.PERSON, {"merged_into": y.id}, {"merged_into": s})
    other = Record(x, Kind.PERSON, {"merged_into": z.id}, {"merged_into": s})
    path = forge(c, r, tmp_path / "b.rbundle", [y, link])
    evil = forge(c, r, tmp_path / "evil.rbundle", [z, other])
    before = _files(r)
    real = importer._read

    def read(*a: Any, **kw: Any) -> Any:
        if kw.get("again"):
            if between == "replaced":
                path.write_bytes(evil.read_bytes())
            elif between == "removed":
                path.unlink()
        return real(*a, **kw)

    monkeypatch.setattr(importer, "_read", read)
    try:
        outcome: Any = receive(r, path)
    except Exception as e:
        outcome = e
    if between == "control":
        assert not isinstance(outcome, Exception), outcome
        assert r.get(x).values.get("merged_into") == y.id
        return
    assert isinstance(outcome, RegistryError), repr(outcome)
    assert _files(r) == before
    assert r.get(x).values.get("merged_into") is None


# ---- §6.5.2 on a line read again ---------------------------------------------------------------
@pytest.mark.parametrize("origin", ["C", "R-forged"])
@pytest.mark.parametrize("n", [1, BIG])
def test_a_deferred_line_in_this_vaults_name(rc, tmp_path: Path, origin: str, n: int) -> None:
    """A line kept for the end (``merged_into``) stamped with R's own fingerprint, newer than
    R's clock ever went: refused whole (§6.5.2), at any part size. Control: stamped by C."""
    r, c = rc
    x, y = person(r, "Икс"), person(r, "Игрек")
    fp = c.identity.fingerprint if origin == "C" else r.identity.fingerprint
    from registry.domain.hlc import Stamp
    s = Stamp(r.store.clock.last + 10_000_000, fp)
    link = Record(x, Kind.PERSON, {"merged_into": y, "notes": "n"},
                  {"merged_into": s, "notes": s})
    bundle = forge(c, r, tmp_path / "b.rbundle", [link])
    c.lock()
    [v] = copies(r, tmp_path, (n,)).values()
    try:
        outcome = run(v, [bundle], n)
        got = v.get(x).values.get("merged_into")
    finally:
        v.lock()
    if origin == "C":
        assert outcome[0] != "refused" and got == y, outcome
    else:
        assert outcome[0] == "refused" and got is None, outcome


# ---- a record raised by a notice and by its own line read again: counted twice ---------------
@pytest.mark.parametrize("shape", ["plain", "deferred"])
def test_a_raise_is_reported_once(rc, tmp_path: Path, shape: str) -> None:
    """C's bundle carries a notice flagging X (held here) inside Russia, and X's own line
    raising its sensitivity; in the "deferred" shape the line also links X to Y
    (``merged_into``), so it is read again at the end and merged apart from the notice.
    "protection raised on N record(s)" must say 1, not 2 (one record). Control: the line
    without the link (notice and line in one part, BIG). (Held: passes.)"""
    r, c = rc
    x, y = person(r, "Икс"), person(r, "Игрек")
    s = stamp(c)
    values: dict[str, Any] = {"sensitivity": "confidential"}
    if shape == "deferred":
        values["merged_into"] = y
    line = Record(x, Kind.PERSON, values, dict.fromkeys(values, s))
    flag = wire.notice_line(x, Kind.PERSON, {"inside_russia": True}, {"inside_russia": s})
    bundle = forge(c, r, tmp_path / "b.rbundle", [line], [flag])
    c.lock()
    [v] = copies(r, tmp_path, (BIG,)).values()
    try:
        got = run(v, [bundle], BIG)
    finally:
        v.lock()
    assert got[0] != "refused", got
    raised = got[0]["protection"]["raised"]
    assert raised == [x], raised


# ---- the report: a notice of this bundle discarded is not one "kept earlier" -----------------
@pytest.mark.parametrize("when", ["kept-earlier", "this-bundle"])
def test_the_report_says_which_notices_were_discarded(rc, tmp_path: Path, when: str) -> None:
    """R holds an organisation X. A notice naming X as a person is discarded (§6.5.8), one
    held from an earlier bundle (it waited, then X arrived as an organisation) or one this
    very bundle carries (``plan_notices``' third list): the command line's report says it
    was discarded, and no longer that it was "kept earlier" when it was not."""
    from registry import cli_sharing

    r, c = rc
    x = str(uuid.uuid4())
    org = record(c, Kind.ORGANISATION, {"name": "Фонд"}, x)
    flag = wire.notice_line(x, Kind.PERSON, {"inside_russia": True},
                            {"inside_russia": stamp(c)})
    if when == "kept-earlier":
        receive(r, forge(c, r, tmp_path / "n.rbundle", [], [flag]))  # waits for X
        [rep] = receive(r, forge(c, r, tmp_path / "o.rbundle", [org]))
    else:
        receive(r, forge(c, r, tmp_path / "o.rbundle", [org]))
        [rep] = receive(r, forge(c, r, tmp_path / "n.rbundle", [record(c, Kind.PERSON, {
            "name": "Пётр"})], [flag]))
    text = cli_sharing._report_text(rep)
    assert rep.total("notices_discarded") == 1, rep.to_json()
    assert "1 protection notice(s) discarded" in text, text
    assert "kept earlier were discarded" not in text, text


# ---- the lines read again are merged a part at a time (they were merged together) ----------
def _same_at_every_part_size(r: Registry, bundle: Path, tmp_path: Path, ids: list[str]
                             ) -> dict[Any, Any]:
    """Import ``bundle`` into copies of ``r`` at one line a part and in one part: the same
    reports, and every record with the same values, whose stamps have the same origins (the
    raises this vault makes are stamped when made: no digest of two copies is the same); the
    levels ``ids`` come out with, per part size."""
    vaults = copies(r, tmp_path, (1, 2, BIG))
    got, seen = {}, {}
    try:
        for n, v in vaults.items():
            outcome = run(v, [bundle], n)
            assert outcome[0] != "refused", outcome
            got[n] = {i: v.get(i).values.get("sensitivity") for i in ids}
            every = list(v.store.iter_records(Kind.PERSON))
            seen[n] = (outcome, {x.id: (x.values, {f: s.origin for f, s in x.stamps.items()})
                                 for x in every})
    finally:
        for v in vaults.values():
            v.lock()
    assert got[1] == got[2] == got[BIG], got
    assert seen[1] == seen[2] == seen[BIG]
    return got


def test_lines_read_again_merge_as_the_whole_bundle(rc, tmp_path: Path) -> None:
    """R holds S (protected), Y "same" as S, and X. C's bundle links X to Y and takes Y out of
    S's group: both lines are kept for the end, and read again a part at a time (a real
    import: 5,000 lines or 2 MB of them). The whole bundle makes the groups' levels their
    members' own once, before either line (Y protected, X not: X then is protected by its
    group, Y); a part must not meet X in the group the part before made (it did: X's own level
    came out protected at one line a part, and the digests differed)."""
    r, c = rc
    s_id = person(r, "Эс", sensitivity="protected")
    y = person(r, "Игрек")
    r.update(y, {"merged_into": s_id})
    x = person(r, "Икс")
    st = stamp(c)
    lines = [Record(x, Kind.PERSON, {"merged_into": y}, {"merged_into": st}),
             Record(y, Kind.PERSON, {"merged_into": None}, {"merged_into": st})]
    bundle = forge(c, r, tmp_path / "b.rbundle", lines)
    c.lock()
    got = _same_at_every_part_size(r, bundle, tmp_path, [x, y])
    assert got[BIG] == {x: "internal", y: "protected"}  # control: the whole bundle


@pytest.mark.parametrize("arriving", [False, True])
def test_a_member_taken_out_first_keeps_a_raise_that_comes_later(rc, tmp_path: Path,
                                                                  arriving: bool) -> None:
    """R holds S and Z "same" (Z merged_into S), both internal (and a person erased). C's
    bundle takes Z out of the group, then flags S protected and links S to W (or brings a new
    person N "same" as S, flagged protected, and another, M, internal): the lines are kept for
    the end. The whole bundle raises first (S, or N), makes the group's level each member's
    own (Z protected, M too), then takes Z out; read again a part at a time, Z came out
    internal — the same person as S, exposed by the order of two lines."""
    r, c = rc
    s_id = person(r, "Эс")
    z = person(r, "Зет")
    w = person(r, "Дубль")
    r.update(z, {"merged_into": s_id})
    r.erase(person(r, "Стёртая"))
    st = stamp(c)
    names = ("name", "sensitivity", "merged_into")
    m = str(uuid.uuid4())
    raising = [Record(str(uuid.uuid4()), Kind.PERSON,
                      {"name": "Эн", "sensitivity": "protected", "merged_into": s_id},
                      dict.fromkeys(names, st)),
               Record(m, Kind.PERSON, {"name": "Эм", "sensitivity": "internal",
                                       "merged_into": s_id}, dict.fromkeys(names, st))] \
        if arriving else [Record(s_id, Kind.PERSON, {"sensitivity": "protected",
                                                     "merged_into": w},
                                 {"sensitivity": st, "merged_into": st})]
    lines = [Record(z, Kind.PERSON, {"merged_into": None}, {"merged_into": st}), *raising]
    bundle = forge(c, r, tmp_path / "b.rbundle", lines)
    c.lock()
    got = _same_at_every_part_size(r, bundle, tmp_path, [s_id, z, *([m] if arriving else [])])
    assert got[BIG] == {s_id: "protected", z: "protected",  # control: the whole bundle
                        **({m: "protected"} if arriving else {})}


# ---- the report of a notice discarded for a record of another kind (fourth round) -------------
@pytest.mark.parametrize("order", ["notice_first", "record_first", "control"])
@pytest.mark.parametrize("n", [1, BIG])
def test_a_discarded_notice_is_not_also_held_for_later(tmp_path: Path, order: str,
                                                        n: int) -> None:
    """C's bundle brings an organisation X and a notice naming X as a person (§6.4.2, §6.5.8):
    the notice is discarded. The report does not also list X as "held for later" (it waits for
    nothing), at any part size, in either order (it did, in the whole bundle, and in parts
    with the notice first). Control: a notice for a record the bundle does not bring is held
    for later, not discarded."""
    r, c, h = (make_vault(tmp_path, nm) for nm in ("R", "C", "H"))
    introduce(r, c, h)
    try:
        x = str(uuid.uuid4())
        org = record(c, Kind.ORGANISATION, {"name": "Фонд"}, x)
        flag = wire.notice_line(x, Kind.PERSON, {"inside_russia": True},
                                {"inside_russia": stamp(h)})
        z = record(c, Kind.PERSON, {"name": "Зет"})
        lines = {"notice_first": [flag, wire.to_line(org)],
                 "record_first": [wire.to_line(org), flag], "control": [flag]}[order]
        b = forge(c, r, tmp_path / "b.rbundle", [z], lines)
    finally:
        c.lock()
        h.lock()
    [v] = copies(r, tmp_path, (n,)).values()
    try:
        got = run(v, [b], n)
    finally:
        v.lock()
    assert got[0] != "refused", got
    prot = got[0]["protection"]
    discarded = [d["id"] for d in prot["held_discarded"]]
    if order == "control":
        assert prot["held_for_later"] == [x] and discarded == [], prot
    else:
        assert discarded == [x], prot
        assert prot["held_for_later"] == [], prot

