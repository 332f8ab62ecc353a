"""Attacks on the streamed import, fifth round: on the lines kept for the end of a file, read
again with what they raise and the groups they meet counted (``importer._coming``), and on the
signatures verified while the lines are read (``signatures.verify_soon``). Each finding with
its positive control; the last test is what was tried against the second and held."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.errors import TrustError
from registry.service import Registry
from registry.store import protection
from registry.sync import signatures, wire

from .forge import forge, record, stamp
from .parts import BIG, levels, newer_than, receiver_and_colleague, run
from .vaults import introduce, make_vault, receive


@pytest.fixture
def rc(tmp_path: Path):
    yield from receiver_and_colleague(tmp_path, holding=False)


# ---- 1. a new record "same" as a member that an earlier deferred line erased ------------------
@pytest.mark.parametrize("kind", [Kind.PERSON, Kind.ORGANISATION])
@pytest.mark.parametrize("link_to", ["erased", "control-live"])
def test_new_record_linked_to_a_member_erased_earlier_in_the_bundle(rc, tmp_path: Path,
                                                                    link_to: str,
                                                                    kind: Kind) -> None:
    """R holds E (protected; C made it, so C's signed erasure applies at once) and K
    (protected, R's own). C's bundle erases E, then brings a new person N "same" as E
    (``merged_into`` E). Both lines are kept for the end of the file. The whole bundle
    inserts N, raises first and makes E's group level (protected) every member's own —
    N protected — and then erases E. Read again one line a part, the erasure's part
    materialised (N not held yet: not written), erased E, and N's part materialised
    again without E (erased rows were left out of ``Protection.load``): N came out
    internal, the same person as a protected one, exposed by the part size. An erased
    member now counts, as it was, until the end of the file.
    Control: N linked to K, a protected person who stays."""
    r, c = rc
    e = record(c, kind, {"name": "Эмма", "sensitivity": "protected"})
    receive(r, forge(c, r, tmp_path / "e.rbundle", [e]))
    k = r.add(kind, {"name": "Кира", "sensitivity": "protected"}).id
    newer_than(c, r)
    gone = Record(e.id, kind, erased=stamp(c))
    n = str(uuid.uuid4())
    target = e.id if link_to == "erased" else k
    st = stamp(c)
    new = Record(n, kind, {"name": "Нина", "merged_into": target},
                 {"name": st, "merged_into": st})
    bundle = forge(c, r, tmp_path / "b.rbundle", [gone, new], sign=True)
    c.lock()
    got = levels(r, [bundle], tmp_path, [n])
    assert got[BIG][n] == ("protected", "protected"), got  # the control: the whole bundle
    assert got[1] == got[2] == got[3] == got[BIG], got


def _arriving_and_leaving(r: Registry, c: Registry, order: str, raised: dict[str, Any]
                          ) -> tuple[str, str, list[Record]]:
    """R holds S and Z "same" as S; C's lines bring N "same" as S (with ``raised`` on its
    line) and take Z out, in ``order``: Z's id, N's id and the lines."""
    s_id = r.add(Kind.PERSON, {"name": "Эс"}).id
    z = r.add(Kind.PERSON, {"name": "Зет"}).id
    r.update(z, {"merged_into": s_id})
    newer_than(c, r)
    nid = str(uuid.uuid4())
    st = stamp(c)
    values = {"name": "Нина", "merged_into": s_id, **raised}
    new = Record(nid, Kind.PERSON, values, dict.fromkeys(values, st))
    out = Record(z, Kind.PERSON, {"merged_into": None}, {"merged_into": st})
    return z, nid, [new, out] if order == "new-first" else [out, new]


# ---- 2. a notice about a record that arrives on a line kept for the end -----------------------
@pytest.mark.parametrize("order", ["new-first", "leaving-first"])
@pytest.mark.parametrize("where", ["same-bundle", "earlier-bundle", "two-files"])
@pytest.mark.parametrize("n", [1, BIG])
def test_a_notice_for_an_arriving_member_is_raised_before_a_member_leaves(
        rc, tmp_path: Path, where: str, n: int, order: str) -> None:
    """R holds S and Z, Z "same" as S (internal both). C's bundle brings a new person N
    "same" as S, and takes Z out of the group (``merged_into`` cleared); a protection notice
    flags N protected (in the same bundle, an earlier bundle, or the first file of the same
    import). The whole-bundle rule (``_raise_first``: "apply every raise it carries — its
    notices ... — then make the group's protection each member's own") and two bundles both
    leave Z protected: N is protected the moment it arrives, in Z's group. But N arrived on a
    line kept for the end, and its held notice was settled (``_settle_held``) only after the
    part's materialise: Z left the group internal at part size BIG in every shape, and at
    one line a part when Z's line came first (part sizes differed). A notice whose record
    arrives is now merged before the part's raise-first (``importer._arrived``). Control:
    ``test_a_notice_for_an_arriving_member_control`` (the same raise carried on N's own
    line: Z protected in both orders, at both sizes)."""
    r, c = rc
    z, nid, lines = _arriving_and_leaving(r, c, order, {})
    flag = wire.notice_line(nid, Kind.PERSON, {"sensitivity": "protected"},
                            {"sensitivity": stamp(c)})
    if where == "same-bundle":
        bundles = [forge(c, r, tmp_path / "b.rbundle", lines, [flag])]
    else:
        first = forge(c, r, tmp_path / "n.rbundle", [], [flag])
        second = forge(c, r, tmp_path / "b.rbundle", lines)
        if where == "earlier-bundle":
            receive(r, first)
            bundles = [second]
        else:
            bundles = [first, second]
    c.lock()
    got = levels(r, bundles, tmp_path, [z, nid], sizes=(n,))
    assert got[n][nid] == ("protected", "protected"), got
    assert got[n][z] == ("protected", "protected"), got


@pytest.mark.parametrize("order", ["new-first", "leaving-first"])
@pytest.mark.parametrize("n", [1, BIG])
def test_a_notice_for_an_arriving_member_control(rc, tmp_path: Path, n: int,
                                                 order: str) -> None:
    """Control for the test above: the raise on N's own line (not a notice): Z protected."""
    r, c = rc
    z, nid, lines = _arriving_and_leaving(r, c, order, {"sensitivity": "protected"})
    bundles = [forge(c, r, tmp_path / "b.rbundle", lines)]
    c.lock()
    got = levels(r, bundles, tmp_path, [z, nid], sizes=(n,))
    assert got[n][z] == ("protected", "protected"), got


# ---- 3. a raise that does not apply here counted as applied (``coming``) ----------------------
@pytest.mark.parametrize("field", ["sensitivity"])  # inside_russia: X's level still rises
@pytest.mark.parametrize("carries", ["stale-raise", "control-no-raise"])
@pytest.mark.parametrize("n", [1, BIG])
def test_a_stale_raise_on_a_leaving_member_keeps_it_from_its_groups_level(
        rc, tmp_path: Path, carries: str, n: int, field: str) -> None:
    """C once sent X protected (stamp s1); R's official lowered X locally (§6.4.1: s1
    coming back does not raise it again), then decided X "same" as S, who is protected:
    X is protected by its group. C's seized laptop sends X's line taking X out of the group
    (``merged_into`` W) and carrying the old raise (protected @ s1) again. The whole-bundle
    rule raises first (X's raise does not apply: lowered), makes the group's level X's own
    (protected), then takes X out: X protected — as it is without the stale raise
    (control). But ``coming`` counted the line's raise as applied, so materialise found X
    already at its group's level and left it; the raise then lost to the lowering and X
    left the group internal: adding a raise that cannot apply lowered X, at every part
    size. ``coming`` now counts only the raises the merge applies here."""
    r, c = rc
    raised = {"sensitivity": "protected", "inside_russia": True}[field]
    x_rec = record(c, Kind.PERSON, {"name": "Икс", field: raised})
    s1 = x_rec.stamps[field]
    receive(r, forge(c, r, tmp_path / "x.rbundle", [x_rec]))
    x = x_rec.id
    r.update(x, {"sensitivity": "internal"} if field == "sensitivity" else
             {"inside_russia": False}, confirm_lowering=True)
    assert r.store.get(x).values.get(field) in ("internal", False)
    s_id = r.add(Kind.PERSON, {"name": "Эс", "sensitivity": "protected"}).id
    w = r.add(Kind.PERSON, {"name": "Дубль"}).id
    r.update(x, {"merged_into": s_id})
    assert protection.Protection.load(r.store.conn).level[x].label == "protected"
    newer_than(c, r)
    st = stamp(c)
    values: dict[str, Any] = {"merged_into": w}
    stamps = {"merged_into": st}
    if carries == "stale-raise":
        values[field] = raised
        stamps[field] = s1
    bundle = forge(c, r, tmp_path / "b.rbundle", [Record(x, Kind.PERSON, values, stamps)])
    c.lock()
    got = levels(r, [bundle], tmp_path, [x], sizes=(n,))
    if field == "sensitivity":
        assert got[n][x] == ("protected", "protected"), got
    else:  # S is protected, not inside Russia: X's own level rises to the group's
        assert got[n][x][1] == "protected", got


# ---- B. the signature prefetch (60eea8c): what was tried (these pass) -------------------------
def _signed(record_: Record, by: Registry) -> dict[str, Any]:
    key = by.official_keys.signing_key()
    return wire.to_line(record_, {c.field: key.sign(signatures.message(record_.id, record_.kind,
                                                                       c))
                                  for c in signatures.claims(record_)})


@pytest.mark.parametrize("part", [100, 5000])  # 5000 (importer.PART): batches go ahead
@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("bad", [None, 5, 256, 599])
@pytest.mark.parametrize("dry_run", [False, True])
def test_prefetch_refuses_every_forgery_and_accepts_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int, bad: int | None,
        dry_run: bool, part: int) -> None:
    """Two files in one import: the first 600 signed deletions (C's own, plus 60 under an
    official nobody here knows, signed with C's key: dropped, as only an official's own key
    vouches for a claim in their name), the
    second an erasure kept for the end; a forged signature (C's stamp, signed by H) at a
    line before, at and after a 256-line batch refuses the whole import, on 1 or 2
    threads, dry run or not, and no verify thread is left behind."""
    monkeypatch.setattr(signatures, "_THREADS", threads)
    soon: list[int] = []
    real_soon = signatures.Keyring.verify_soon
    monkeypatch.setattr(signatures.Keyring, "verify_soon", lambda ring, wanted: real_soon(
        ring, [w for w in wanted if not soon.append(1)]))
    r, c, h = (make_vault(tmp_path, nm) for nm in ("R", "C", "H"))
    introduce(r, c, h)
    try:
        ids = [str(uuid.uuid4()) for _ in range(600)]
        lines = []
        for n, i in enumerate(ids):
            origin = "ab" * 20 if n % 10 == 7 else c.identity.fingerprint
            rec = Record(i, Kind.PERSON, {"deleted": True},
                         {"deleted": Stamp(c.store.clock.tick(), origin)})
            lines.append(_signed(rec, h if n == bad else c))
        e = record(c, Kind.PERSON, {"name": "Эмма"})
        receive(r, forge(c, r, tmp_path / "e.rbundle", [e]))
        gone = Record(e.id, Kind.PERSON, erased=stamp(c))
        first = forge(c, r, tmp_path / "1.rbundle", [], lines)
        second = forge(c, r, tmp_path / "2.rbundle", [gone], sign=True)
    finally:
        c.lock()
        h.lock()
    try:
        outcome = run(r, [first, second], part, dry_run=dry_run)
        assert bool(soon) == (part > 256), len(soon)  # the prefetch ran (or could not)
        if bad is None:
            assert outcome[0] != "refused", outcome
            assert outcome[0]["counts"]["deleted"] == 540
            assert outcome[1]["erased"] == [e.id]
            assert (r.store.get(e.id).erased is None) == dry_run
        else:
            assert outcome[0] == "refused" and outcome[1] == TrustError.__name__, outcome
            assert f"line {bad + 2}" in outcome[2], outcome
            assert r.store.get(e.id).erased is None
        assert not [t for t in threading.enumerate() if t.name.startswith("verify")]
    finally:
        r.lock()
