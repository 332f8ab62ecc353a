"""Attacks on the streamed import, sixth round: on what the fifth round's fixes count of the
lines kept for the end (``importer._coming``, ``Protection.load(coming=...)``) and on the held
notices merged before a part's raise-first (``importer._arrived``). The finding with its
positive control, then what was tried and held."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.service import Registry
from registry.store import protection
from registry.sync import wire

from .forge import files, forge, record, signed_by, stamp
from .parts import (
    BIG,
    copies,
    levels,
    newer_than,
    ordered_bundle,
    receiver_and_colleague,
    run,
)
from .vaults import introduce, make_vault, receive


@pytest.fixture
def rc(tmp_path: Path):
    yield from receiver_and_colleague(tmp_path, holding=False)


# ---- 1. a member raised by a notice of the bundle, then erased: counted as it was before -------
@pytest.mark.parametrize(("kind", "field"), [(Kind.PERSON, "sensitivity"),
                                           (Kind.PERSON, "inside_russia"),
                                           (Kind.ORGANISATION, "sensitivity")])
@pytest.mark.parametrize("flag", ["notice-after", "control-notice-before"])
def test_an_erased_member_raised_by_a_notice_of_the_same_bundle(rc, tmp_path: Path, flag: str,
                                                                kind: Kind, field: str) -> None:
    """R holds E (internal; C made it, so C's signed erasure applies at once). C's bundle
    erases E and brings a new person N "same" as E (``merged_into`` E): both lines are kept
    for the end. A protection notice of the same bundle flags E (protected, or inside
    Russia). The whole bundle raises first: E is protected when N arrives and the group's
    level is made every member's own — N comes out protected — and only then is E erased.
    At one line a part, ``_coming`` took E's level when E's erasure was kept for the end,
    before the notice (a later line) raised E; N's part met E erased, counted with that
    stale level (``Coming.erasing``): N came out internal, the same person as a protected
    one, exposed by the part size. E's level is now taken just before its erasure merges.
    Control: the notice placed before the erasure (E raised when its line is kept)."""
    r, c = rc
    e = record(c, kind, {"name": "Эмма"})
    receive(r, forge(c, r, tmp_path / "e.rbundle", [e]))
    newer_than(c, r)
    gone = Record(e.id, kind, erased=stamp(c))
    n = str(uuid.uuid4())
    st = stamp(c)
    new = Record(n, kind, {"name": "Нина", "merged_into": e.id},
                 {"name": st, "merged_into": st})
    value = {"sensitivity": "protected", "inside_russia": True}[field]
    notice = wire.notice_line(e.id, kind, {field: value}, {field: stamp(c)})
    lines = [wire.to_line(x, _signed(c, x)) for x in (gone, new)]
    lines = [*lines, notice] if flag == "notice-after" else [notice, *lines]
    bundle = ordered_bundle(c, r, tmp_path / "b.rbundle", lines)
    c.lock()
    got = levels(r, [bundle], tmp_path, [n])
    assert got[BIG][n][1] == "protected", got  # the whole bundle: N is protected
    assert got[1] == got[2] == got[3] == got[BIG], got


def _signed(c: Registry, x: Record) -> Any:
    return signed_by(c, x)


# ---- what was tried and held (these pass) -----------------------------------------------------
@pytest.mark.parametrize("n", [1, BIG])
@pytest.mark.parametrize("shape", ["erase-then-notice", "arriving-notice"])
def test_a_dry_run_reports_what_the_import_does_and_writes_nothing(rc, tmp_path: Path, n: int,
                                                                   shape: str) -> None:
    """The dry run of a bundle whose kept lines meet notices (the shape of finding 1, and a
    held notice for a record that arrives on a kept line while a member leaves): the same
    report as the real import, at one line a part and whole, and no file of the vault
    changed."""
    r, c = rc
    s_id = r.add(Kind.PERSON, {"name": "Эс"}).id
    z = r.add(Kind.PERSON, {"name": "Зет"}).id
    r.update(z, {"merged_into": s_id})
    e = record(c, Kind.PERSON, {"name": "Эмма"})
    receive(r, forge(c, r, tmp_path / "e.rbundle", [e]))
    newer_than(c, r)
    nid = str(uuid.uuid4())
    st = stamp(c)
    if shape == "erase-then-notice":
        target, first = e.id, Record(e.id, Kind.PERSON, erased=stamp(c))
    else:
        target, first = s_id, Record(z, Kind.PERSON, {"merged_into": None}, {"merged_into": st})
    new = Record(nid, Kind.PERSON, {"name": "Нина", "merged_into": target},
                 {"name": st, "merged_into": st})
    flag = wire.notice_line(target if shape == "erase-then-notice" else nid, Kind.PERSON,
                            {"sensitivity": "protected"}, {"sensitivity": stamp(c)})
    bundle = ordered_bundle(c, r, tmp_path / "b.rbundle",
                  [*(wire.to_line(x, _signed(c, x)) for x in (first, new)), flag])
    c.lock()
    vaults = copies(r, tmp_path, ("dry", "real"))
    try:
        before = files(vaults["dry"])
        dry = run(vaults["dry"], [bundle], n, dry_run=True)
        assert files(vaults["dry"]) == before
        real = run(vaults["real"], [bundle], n)
        assert dry[0] != "refused", dry
        strip = [{k: v for k, v in x.items() if k not in ("dry_run",)} for x in (dry[0], real[0])]
        strip[0]["import_id"] = strip[1]["import_id"]
        assert strip[0] == strip[1]
    finally:
        for v in vaults.values():
            v.lock()


def test_quarantine_after_a_held_notice_met_its_record_on_a_kept_line(tmp_path: Path) -> None:
    """H's notice flags X (not held yet) inside Russia; M (later revoked) brings X "same" as
    S on a line kept for the end, while Z leaves S's group. ``_arrived`` merges H's flag
    before the part's raise-first (credited to H's import): Z leaves protected. Revoking M
    with --revert-since then removes X, which only M's import made (H's notice, imported
    before it, only met it: no one took it up), and H's flag waits for X again, as in a
    vault that never imported M's bundle; S and Z go back to the level they had before M's
    links, listed as lowered (confirmed). Nothing lowers a person H flagged."""

    r, m, h = (make_vault(tmp_path, nm) for nm in ("R", "M", "H"))
    introduce(r, m, h)
    try:
        s_id = r.add(Kind.PERSON, {"name": "Эс"}).id
        z = r.add(Kind.PERSON, {"name": "Зет"}).id
        r.update(z, {"merged_into": s_id})
        x = str(uuid.uuid4())
        receive(r, forge(h, r, tmp_path / "n.rbundle", [], [wire.notice_line(
            x, Kind.PERSON, {"inside_russia": True}, {"inside_russia": stamp(h)})]))
        newer_than(m, r)
        st = stamp(m)
        lines = [Record(z, Kind.PERSON, {"merged_into": None}, {"merged_into": st}),
                 Record(x, Kind.PERSON, {"name": "Икс", "merged_into": s_id},
                        {"name": st, "merged_into": st})]
        [rep] = receive(r, forge(m, r, tmp_path / "b.rbundle", lines))
        guard = protection.Protection.load(r.store.conn)
        assert r.store.get(x).values.get("inside_russia") is True
        assert guard.level[z].label == "protected" and z in guard.inside, rep.to_json()
        report = r.sharing.quarantine(m.identity.fingerprint, "2000-01-01",
                                      confirm_lowering=True)
        after = protection.Protection.load(r.store.conn)
        assert r.store.get(x) is None
        assert (x, "person") in report.removed
        [(line,)] = r.store.conn.execute("SELECT line FROM held_notice WHERE record_id = ? "
                                         "AND sender = ?", (x, h.identity.fingerprint))
        assert json.loads(line)["values"] == {"inside_russia": True}  # waits for X again
        assert after.level[z].label == after.level[s_id].label == "internal"
        assert sorted(report.protection_lowered) == sorted([s_id, z])
    finally:
        for v in (r, m, h):
            v.lock()
