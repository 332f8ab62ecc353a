"""Attacks on the streamed import, seventh round: a random differential search over small
scenarios (``tests/sync/scenarios.py``), each imported at part sizes 1, 2, 3 and BIG, and the
divergences it found, minimised, each with its positive control. Fixed: a line's raise
credited to this vault by an earlier part's materialise; a tie erased before the notice
protecting its person (the whole bundle too); an erased member counted through its erasure's
record; a held notice's raise not counted for a record still to come; open (strict xfail,
report only): a notice in an earlier part than its record's own line."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.service import Registry
from registry.store import protection
from registry.sync import wire

from . import scenarios
from .forge import signed_by, stamp
from .parts import BIG, copies, newer_than, receiver_and_colleague, run
from .vaults import receive


@pytest.fixture
def rc(tmp_path: Path):
    yield from receiver_and_colleague(tmp_path, holding=False)


def _lines(c: Registry, records: list[Record]) -> list[dict[str, Any]]:
    return [wire.to_line(x, signed_by(c, x)) for x in records]


def _outcome(r: Registry, bundles: list[Path], tmp_path: Path, ids: list[str],
             sizes: tuple[int, ...] = (1, BIG)) -> dict[int, Any]:
    """Per part size: the report (without ids), and per id its own level, flag, effective
    level and whether this vault (R) or the sender set its own level (provenance)."""
    vaults = copies(r, tmp_path, sizes)
    out: dict[int, Any] = {}
    try:
        for n, v in vaults.items():
            rep = run(v, bundles, n)
            assert rep[0] != "refused", rep
            guard = protection.Protection.load(v.store.conn)
            own = v.identity.fingerprint
            state = {}
            for i in ids:
                rec = v.store.get(i)
                state[i] = (rec.values.get("sensitivity"), bool(rec.values.get("inside_russia")),
                            guard.level[i].label,
                            "R" if rec.stamps["sensitivity"].origin == own else "C")
            out[n] = {"report": rep, "state": state}
    finally:
        for v in vaults.values():
            v.lock()
    return out


# ---- 1. a notice in a part before its record's own line: the line's report changes -------------
@pytest.mark.parametrize("order", [
    pytest.param("notice-first", marks=pytest.mark.xfail(strict=True, reason=(
        "open, report only: a notice in an earlier part than its record's line is merged "
        "first, and the line is reported unchanged (no exporter writes both)"))),
    "control-line-first"])
def test_a_notice_before_its_records_line_reports_as_the_whole_bundle(rc, tmp_path: Path,
                                                                      order: str) -> None:
    """R holds an organisation O (public, R's own). C's bundle carries a protection notice
    raising O to internal and O's own line raising it to internal too (an older stamp).
    Whole bundle (BIG): both are planned against O as held (public): the line is "changed"
    and overwrites R's local value (``overwritten_local``: O sensitivity). One line a part,
    the notice (an earlier part) is merged first and O's line then meets internal under a
    newer stamp: "unchanged", nothing overwritten. The vault ends the same; the report
    does not (the project's contract: "whatever the parts ... the report is the same").
    Control: the line before the notice (the same report at both sizes).
    Found by the generator (profile 1, seed 9: RO0)."""
    r, c = rc
    o = r.add(Kind.ORGANISATION, {"name": "Фонд", "sensitivity": "public"}).id
    newer_than(c, r)
    s1 = stamp(c)
    line = Record(o, Kind.ORGANISATION, {"sensitivity": "internal"}, {"sensitivity": s1})
    flag = wire.notice_line(o, Kind.ORGANISATION, {"sensitivity": "internal"},
                            {"sensitivity": stamp(c)})
    lines = [flag, *_lines(c, [line])]
    if order != "notice-first":
        lines = lines[::-1]
    bundle = scenarios.raw(c, r, tmp_path / "b.rbundle", lines)
    c.lock()
    got = _outcome(r, [bundle], tmp_path, [o])
    assert got[1]["state"] == got[BIG]["state"], got  # the vault ends the same
    assert got[1]["report"] == got[BIG]["report"], (got[1]["report"], got[BIG]["report"])


# ---- 2. a kept line's own raise: made R's own by an earlier kept part's materialise ------------
@pytest.mark.parametrize("order", ["unlink-first", "control-raise-first"])
def test_a_kept_lines_raise_is_credited_as_the_whole_bundle(rc, tmp_path: Path,
                                                            order: str) -> None:
    """R holds S, X "same" as S (confidential) and Y "same" as S. C's bundle (notices
    first, as the exporter writes): a notice flags Y inside Russia; then S's line
    (``merged_into`` cleared: kept for the end) and X's line (``merged_into`` S again, and
    sensitivity protected: kept for the end too). Whole bundle: the kept lines' raise-first
    merges X's protected under C's stamp, then materialise sets X's flag: X's sensitivity
    is C's (set by C, in the report's ``protection.raised`` and ``overwritten_local``).
    One line a part, S's part materialises first (``coming`` counts X's raise): X's
    sensitivity becomes R's own "protect" edit under R's newer stamp, and X's line then
    loses to it: the level is the same, but provenance (§6.5.1 "set by C") and the report
    differ — and so do what a quarantine of C reverts and the since-last export carries.
    Control: X's line before S's (X's part raises first: the same at both sizes).
    Found by the generator (profile 1, seed 770: RP0)."""
    r, c = rc
    s = r.add(Kind.PERSON, {"name": "Эс"}).id
    x = r.add(Kind.PERSON, {"name": "Икс", "sensitivity": "confidential"}).id
    y = r.add(Kind.PERSON, {"name": "Игрек"}).id
    r.update(x, {"merged_into": s})
    r.update(y, {"merged_into": s})
    newer_than(c, r)
    st = stamp(c)
    unlink = Record(s, Kind.PERSON, {"merged_into": None}, {"merged_into": st})
    relink = Record(x, Kind.PERSON, {"merged_into": s, "sensitivity": "protected"},
                    {"merged_into": st, "sensitivity": st})
    flag = wire.notice_line(y, Kind.PERSON, {"inside_russia": True},
                            {"inside_russia": stamp(c)})
    kept = [unlink, relink] if order == "unlink-first" else [relink, unlink]
    bundle = scenarios.raw(c, r, tmp_path / "b.rbundle", [flag, *_lines(c, kept)])
    c.lock()
    got = _outcome(r, [bundle], tmp_path, [x])
    assert got[BIG]["state"][x][:3] == ("protected", True, "protected"), got
    assert got[1]["state"] == got[BIG]["state"], got
    assert got[1]["report"] == got[BIG]["report"], (got[1]["report"], got[BIG]["report"])


# ---- 3. a tie erased in the part of the notice that protects its person ------------------------
@pytest.mark.parametrize("shape", ["one-bundle", "control-two-files"])
def test_a_tie_erased_beside_the_notice_protecting_its_person_is_kept_protected(
        rc, tmp_path: Path, shape: str) -> None:
    """C made P, Q and a tie T between them, and sent them to R (internal all). C's bundle,
    as the exporter writes it (notices first): a notice flagging P inside Russia, then C's
    signed erasure of T. The erasure is not kept for the end (a tie takes nobody out of a
    group), so within one part it is merged BEFORE the part's notices (``_merge``: the
    notices are raised after the lines when no line splits a group): the tie is recorded
    erased as internal (``erased_protection``), though it touches a person protected by
    the same bundle. At one line a part the notice's part comes first and T is recorded
    protected. The redactor then sends T's tombstone by real id to every recipient only in
    the whole-bundle case (``redact._erasure``: not "sensitive"), where §6.4.4 sends the
    erasure of what touches a protected person by real id only to whoever was sent it.
    Here the SMALLER part size is the more protective one: the whole bundle (every bundle
    under ``importer.PART`` lines, i.e. nearly all real ones) is the divergent path.
    Control: the notice in the first file of the same import, the erasure in the second
    (protected at both sizes)."""
    r, c = rc
    p = Record(str(uuid.uuid4()), Kind.PERSON, {"name": "Пётр"}, {"name": stamp(c)})
    q = Record(str(uuid.uuid4()), Kind.PERSON, {"name": "Ку"}, {"name": stamp(c)})
    tv = {"from_id": p.id, "to_id": q.id, "kind": "colleague"}
    t = Record(str(uuid.uuid4()), Kind.TIE, tv, dict.fromkeys(tv, stamp(c)))
    receive(r, scenarios.raw(c, r, tmp_path / "e.rbundle", _lines(c, [p, q, t])))
    newer_than(c, r)
    flag = wire.notice_line(p.id, Kind.PERSON, {"inside_russia": True},
                            {"inside_russia": stamp(c)})
    gone = Record(t.id, Kind.TIE, erased=stamp(c))
    if shape == "one-bundle":
        bundles = [scenarios.raw(c, r, tmp_path / "b.rbundle", [flag, *_lines(c, [gone])])]
    else:
        bundles = [scenarios.raw(c, r, tmp_path / "n.rbundle", [flag]),
                   scenarios.raw(c, r, tmp_path / "b.rbundle", _lines(c, [gone]))]
    c.lock()
    vaults = copies(r, tmp_path, (1, BIG))
    got = {}
    try:
        for n, v in vaults.items():
            assert run(v, bundles, n)[0] != "refused"
            got[n] = (v.store.erased_protection(t.id),
                      protection.Protection.load(v.store.conn).is_protected_person(p.id))
    finally:
        for v in vaults.values():
            v.lock()
    assert got[1][1] and got[BIG][1], got  # P is protected at the end, at both sizes
    assert got[1] == got[BIG], got
    assert got[BIG][0][0] >= protection.Sensitivity.PROTECTED, got


# ---- 4. not minimised: the generator's seeds that left a vault different ----------------------
@pytest.mark.parametrize("seed", [80, 120, 197, 230, 233])
def test_generator_seeds_that_left_the_vault_different(tmp_path: Path, seed: int) -> None:
    """Replays of profile-2 scenarios whose VAULT (not only report) differed by part size.
    80, 120, 197, 230: a tie's ``erased_protection`` (finding 3's shape). 233: besides that,
    a new tie C sent (no level of its own) touching a person the bundle erases ends with
    own level ``protected`` (R's materialise) at part size 1 but none at BIG — the rule's
    effective level is protected at both (an own-level difference only; a minimised
    reproduction was not reached within the time box: E erased, F linked to E, F flagged,
    a tie to E did not reproduce it)."""
    found = scenarios.differential(seed, tmp_path / "w", 2)
    state = {k: v for k, v in (found or {"problems": {}})["problems"].items()
             if k.startswith("state")}
    assert not state, (state, found and found["log"])


# ---- the search itself (a few seeds here; REGISTRY_FUZZ=N runs N per profile) ------------------
FUZZ = int(os.environ.get("REGISTRY_FUZZ", "20"))


@pytest.mark.parametrize("profile", [1, 2])
@pytest.mark.parametrize("seed", range(FUZZ))
def test_random_scenarios_leave_every_actor_as_the_whole_bundle(tmp_path: Path, seed: int,
                                                                profile: int) -> None:
    """Levels, flags, links, effective levels, erased-protection rows, held rows and who set
    each protection value: the same at part sizes 1, 2 and 3 as at BIG; a dry run at part
    size 1 writes nothing and reports what the real import at BIG does. (Report-only
    differences are the findings above: left out here, so that this test checks the
    vault.)"""
    found = scenarios.differential(seed, tmp_path / "w", profile)
    if found is not None:
        found["problems"] = {k: v for k, v in found["problems"].items()
                             if not k.startswith(("report@", "dry-report"))}
    assert found is None or not found["problems"], found


# ---- a held notice its record discards does not count for it (importer._held_raises) ----------
@pytest.mark.parametrize("kind", [Kind.ORGANISATION, Kind.PERSON])
def test_a_held_notice_of_another_kind_raises_nothing_for_a_record_to_come(
        rc, tmp_path: Path, kind: Kind) -> None:
    """C's earlier bundle flagged X, not held here, as a protected person. C's next bundle
    brings X "same" as G (kept for the end), and takes Z out of G's group. Arriving as an
    organisation, X discards the notice (§6.5.8): G's group is not raised by it, at any
    part size. Control: X arriving as a person takes the notice, and Z leaves protected."""
    r, c = rc
    g = r.add(kind, {"name": "Гэ"}).id
    z = r.add(kind, {"name": "Зет"}).id
    r.update(z, {"merged_into": g})
    newer_than(c, r)
    x = str(uuid.uuid4())
    receive(r, scenarios.raw(c, r, tmp_path / "n.rbundle", [wire.notice_line(
        x, Kind.PERSON, {"sensitivity": "protected"}, {"sensitivity": stamp(c)})]))
    st = stamp(c)
    lines = [Record(z, kind, {"merged_into": None}, {"merged_into": st}),
             Record(x, kind, {"name": "Икс", "merged_into": g},
                    {"name": st, "merged_into": st})]
    bundle = scenarios.raw(c, r, tmp_path / "b.rbundle", _lines(c, lines))
    c.lock()
    got = _outcome(r, [bundle], tmp_path, [g, z], sizes=(1, BIG))
    assert got[1]["state"] == got[BIG]["state"], got
    expected = "protected" if kind is Kind.PERSON else "internal"
    assert got[BIG]["state"][z][2] == expected, got  # the rule's level of Z
