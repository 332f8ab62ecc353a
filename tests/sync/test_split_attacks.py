"""A "same" group a colleague's bundle takes apart — by clearing a link, or by erasing the
record in its middle — and what was moved off a protected person after an official lowered
it (DESIGN §6.1, §6.4.1, §6.4.3). Found by an attack round with a trusted colleague's real
keys: each case leaked in R's next default export (or the FtM export) in one order of the
same bundles and local acts and not in the other. Each has a control.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.service import Registry
from registry.store import protection

from .forge import forge, record, stamp
from .test_moved_off_attacks import _left_out_ids, default_export, shared
from .vaults import person, receive, send


# ---- A. a split, the flag, then the split-off record erased by its creator ------------------
@pytest.mark.parametrize("erase", [True, False])
def test_split_then_flag_then_creator_erases_q(rcad, tmp_path: Path, erase: bool) -> None:
    """Q was made by C; R decided Q "same" as P and recorded a tie of Q's (R's own). C splits
    Q off; R flags P; C (Q's creator) erases Q. Q's kept level was read without the level
    the split leaves it (protection.for_records), so Q counted as internal once erased and
    Q's tie left. Control: no erasure."""
    r, c, _, d = rcad
    q = person(c, "Маша К.")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    p = person(r, "Мария Сергеевна Кузнецова")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": q, "to_id": org, "kind": "member_of",
                           "notes": "QTIE courier"}).id
    r.matching.decide(p, q, "same")
    member = q if r.get(q).values.get("merged_into") == p else p
    shared(r, c, tmp_path)
    receive(r, forge(c, r, tmp_path / "split.rbundle",
                     [record(c, Kind.PERSON, {"merged_into": None}, record_id=member)]))
    r.update(p, {"inside_russia": True})
    if erase:
        receive(r, forge(c, r, tmp_path / "erase.rbundle",
                         [Record(q, Kind.PERSON, {}, {}, stamp(c))], sign=True))
        assert r.store.get(q).erased is not None
    left = _left_out_ids(r, d)
    text, got = default_export(r, d, tmp_path)
    assert tie not in got and "QTIE" not in text, (r.store.erased_protection(q), tie in left)


# ---- B. a chain of unlinked pairs: one hop per pass, a whole-vault pass each ---------------
def _chain_of_unlinks(r: Registry, c: Registry, tmp_path: Path, n: int) -> list[Record]:
    """C sends n people linked x1 -> x2 -> ... -> xn (xn protected, C's own raise), then
    clears every link: n-1 unlinked pairs in a chain."""
    xs = [record(c, Kind.PERSON, {"name": f"Дубль {i}"}) for i in range(n)]
    for i, x in enumerate(xs[:-1]):
        x.values["merged_into"] = xs[i + 1].id
        x.stamps["merged_into"] = x.stamps["name"]
    receive(r, forge(c, r, tmp_path / "link.rbundle", xs))
    receive(r, forge(c, r, tmp_path / "unlink.rbundle", [
        record(c, Kind.PERSON, {"merged_into": None}, record_id=x.id) for x in xs[:-1]]))
    receive(r, forge(c, r, tmp_path / "raise.rbundle", [
        record(c, Kind.PERSON, {"sensitivity": "protected"}, record_id=xs[-1].id)]))
    return xs


@pytest.mark.parametrize("n", [200, 400, 800])
def test_a_chain_of_unlinked_pairs_costs_a_vault_pass_per_link(
        rcad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """Every Protection.load (each export, preview, FtM export, network view) read the
    whole vault again once per link of a chain of links a bundle took away: a few thousand
    links on a 100,000-actor vault made each load take minutes. The pairs are joined in one
    pass now (union-find): the passes are bounded by a constant, not the chain's length."""
    import time

    r, c, _, _ = rcad
    xs = _chain_of_unlinks(r, c, tmp_path, n)
    assert len(protection.unlinked(r.store.conn)) == n - 1
    calls: list[int] = []
    real = protection.Protection.from_rows.__func__

    def counting(cls: Any, rows: Any, *a: Any, **k: Any) -> Any:
        rows = list(rows)
        calls.append(len(rows))
        return real(cls, rows, *a, **k)

    monkeypatch.setattr(protection.Protection, "from_rows", classmethod(counting))
    t = time.perf_counter()
    guard = protection.Protection.load(r.store.conn)
    took = time.perf_counter() - t
    assert guard.is_protected_person(xs[0].id)  # the floor walked the whole chain
    print(f"n={n}: {len(calls)} whole-vault passes, {sum(calls)} rows, {took:.2f}s")
    assert len(calls) < 10, (len(calls), sum(calls), took)


# ---- C. a lowering judged one move off her: the next move off her does not count ----------
@pytest.mark.parametrize("kind", ["support", "tie"])
@pytest.mark.parametrize("again", [True, False])
def test_a_second_move_off_her_after_a_lowering_counts_again(
        rcad, tmp_path: Path, kind: str, again: bool) -> None:
    """She is flagged. C moves R's support (tie) off her; the import raises it; R checks it
    (about the dummy now) and lowers it: judged {her: protected}. C moves it back onto her;
    R, seeing it is hers again, writes her escape route into its notes; C moves it off her
    again. The level R judged her at on the first move freed the second, and R's notes
    about her left: a move after a lowering counts again now.
    Control (again=False): the record stays on her and stays home."""
    r, c, _, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова")
    donor = r.add(Kind.ORGANISATION, {"name": "MFA SE", "type": "government"}).id
    if kind == "support":
        rk = Kind.SUPPORT
        rid = r.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": her,
                                   "kind": "humanitarian_visa", "notes": "visa"}).id
        ref = "recipient_id"
    else:
        rk = Kind.TIE
        rid = r.add(Kind.TIE, {"from_id": her, "to_id": donor, "kind": "member_of",
                               "notes": "member"}).id
        ref = "from_id"
    shared(r, c, tmp_path)
    r.update(her, {"inside_russia": True})
    d1 = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    receive(r, forge(c, r, tmp_path / "m1.rbundle", [d1, record(c, rk, {ref: d1.id},
                                                                 record_id=rid)]))
    assert r.get(rid).values["sensitivity"] == "protected"
    r.update(rid, {"sensitivity": "internal"}, confirm_lowering=True)
    receive(r, forge(c, r, tmp_path / "m2.rbundle", [record(c, rk, {ref: her},
                                                            record_id=rid)]))
    assert r.get(rid).values[ref] == her
    r.update(rid, {"notes": "SECRET exit via Narva, she crosses on the 5th"})
    if again:
        d2 = record(c, Kind.PERSON, {"name": "Пётр Петров"})
        receive(r, forge(c, r, tmp_path / "m3.rbundle", [d2, record(c, rk, {ref: d2.id},
                                                                     record_id=rid)]))
        assert r.get(rid).values[ref] == d2.id
    left = rid in _left_out_ids(r, d)
    text, got = default_export(r, d, tmp_path)
    assert rid not in got and "Narva" not in text, (left, r.get(rid).values["sensitivity"])


@pytest.mark.parametrize("who", ["c-creator", "r-local", "none"])
def test_split_then_flag_then_erasure_frees_her_event(rcad, tmp_path: Path, who: str) -> None:
    """As A, with an event of Q's (R's own, participants [Q]): after C's split and R's flag
    of P, Q is erased (by C, her creator; or by R's own honest erasure). Q's kept level was
    read without the level the split leaves it: internal, so the event naming Q's meeting
    left. Control: no erasure."""
    r, c, _, d = rcad
    q = person(c, "Маша К.")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    p = person(r, "Мария Сергеевна Кузнецова")
    event = r.add(Kind.EVENT, {"title": "EVENT safehouse meeting", "start": "2026-03-01",
                               "participants": [q]}).id
    r.matching.decide(p, q, "same")
    member = q if r.get(q).values.get("merged_into") == p else p
    shared(r, c, tmp_path)
    receive(r, forge(c, r, tmp_path / "split.rbundle",
                     [record(c, Kind.PERSON, {"merged_into": None}, record_id=member)]))
    r.update(p, {"inside_russia": True})
    assert event in _left_out_ids(r, d)  # the floor keeps it home before the erasure
    if who == "c-creator":
        receive(r, forge(c, r, tmp_path / "erase.rbundle",
                         [Record(q, Kind.PERSON, {}, {}, stamp(c))], sign=True))
    elif who == "r-local":
        r.erase(q)
    text, got = default_export(r, d, tmp_path)
    assert event not in got and "safehouse" not in text, r.store.erased_protection(q)


# ---- D. the group's hub erased: the group splits with no link taken away ------------------
@pytest.mark.parametrize("order", ["erase-then-flag", "flag-then-erase"])
def test_erasing_the_hub_of_a_same_group_splits_it(rcad, tmp_path: Path, order: str) -> None:
    """M is C's record of her (the oldest); R decided its own P and Q (her phone in the
    notes) "same" as M: P -> M <- Q. C (M's creator) erases M: P and Q still share the
    erased record as their root, and stay one group. Control: the flag before the
    erasure."""
    from registry.interop.ftm import export_ftm

    r, c, _, d = rcad
    m = person(c, "Мария Кузнецова")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    p = person(r, "Мария Сергеевна Кузнецова")
    q = person(r, "Маша К.", notes="SECRET phone +7 900 000 00 00")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": q, "to_id": org, "kind": "member_of",
                           "notes": "QTIE courier"}).id
    r.matching.decide(m, p, "same")
    r.matching.decide(m, q, "same")
    assert r.get(p).values.get("merged_into") == m and r.get(q).values.get("merged_into") == m
    shared(r, c, tmp_path)
    erase = forge(c, r, tmp_path / "erase.rbundle",
                  [Record(m, Kind.PERSON, {}, {}, stamp(c))], sign=True)
    if order == "flag-then-erase":
        r.update(p, {"inside_russia": True})
        receive(r, erase)
    else:
        receive(r, erase)
        r.update(p, {"inside_russia": True})
    assert r.store.get(m).erased is not None
    ftm = tmp_path / "out.ftm.json"
    export_ftm(r.store, ftm, ceiling=Sensitivity.INTERNAL)
    text, got = default_export(r, d, tmp_path)
    assert "SECRET" not in ftm.read_text(encoding="utf-8")
    assert q not in got and "SECRET" not in text and tie not in got and "QTIE" not in text


@pytest.mark.parametrize("order", ["erase-then-flag", "flag-then-erase", "r-erases-then-flag"])
def test_erasing_the_middle_of_a_same_chain_splits_it(rcad, tmp_path: Path, order: str) -> None:
    """Q -> M -> P: R decided its Q "same" as C's M; C links its M to R's P (a colleague's
    decision). C (M's creator), or R, erases M: Q's link then ended at an erased id (its own
    root), P was another group, and no link was replaced or cleared; flagged after the
    erasure, P left Q (phone in notes) and its tie free to leave. The erasure keeps its
    neighbours one actor now (split_link). Control: flag first."""
    from registry.interop.ftm import export_ftm

    r, c, _, d = rcad
    m = person(c, "Мария Кузнецова")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    p = person(r, "Мария Сергеевна Кузнецова")
    q = person(r, "Маша К.", notes="SECRET phone +7 900 000 00 00")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": q, "to_id": org, "kind": "member_of",
                           "notes": "QTIE courier"}).id
    r.matching.decide(m, q, "same")
    assert r.get(q).values.get("merged_into") == m
    shared(r, c, tmp_path)
    receive(r, forge(c, r, tmp_path / "link.rbundle",
                     [record(c, Kind.PERSON, {"merged_into": p}, record_id=m)]))
    assert set(r.group_of(q)) == {m, p, q}
    erase = forge(c, r, tmp_path / "erase.rbundle",
                  [Record(m, Kind.PERSON, {}, {}, stamp(c))], sign=True)
    if order == "flag-then-erase":
        r.update(p, {"inside_russia": True})
        receive(r, erase)
    elif order == "r-erases-then-flag":  # R's own honest erasure of the middle
        r.erase(m)
        r.update(p, {"inside_russia": True})
    else:
        receive(r, erase)
        r.update(p, {"inside_russia": True})
    assert r.store.get(m).erased is not None
    ftm = tmp_path / "out.ftm.json"
    export_ftm(r.store, ftm, ceiling=Sensitivity.INTERNAL)
    left = _left_out_ids(r, d)
    text, got = default_export(r, d, tmp_path)
    assert "SECRET" not in ftm.read_text(encoding="utf-8"), (q in left, r.is_protected(q))
    assert "SECRET" not in text and "QTIE" not in text, (got.get(q), got.get(tie))
    assert q not in got and "SECRET" not in text and tie not in got and "QTIE" not in text


# ---- E. editors vs exports, and what C can keep home --------------------------------------
def test_editor_says_split_record_is_open_while_exports_protect_it(rcad, tmp_path: Path) -> None:
    """After C's split and R's flag of P, the exports treated Q as protected but the
    editor's answer (r.is_protected, protection.for_records) said open until an export
    made it Q's own: both ask the same rule now."""
    r, c, _, d = rcad
    p = person(r, "Мария Сергеевна Кузнецова")
    q = person(r, "Маша К.", notes="SECRET phone")
    r.matching.decide(p, q, "same")
    member = q if r.get(q).values.get("merged_into") == p else p
    shared(r, c, tmp_path)
    receive(r, forge(c, r, tmp_path / "split.rbundle",
                     [record(c, Kind.PERSON, {"merged_into": None}, record_id=member)]))
    r.update(p, {"inside_russia": True})
    assert q in _left_out_ids(r, d)
    assert r.is_protected(q)


def test_a_record_a_bundle_linked_and_unlinked_is_freed_by_the_officials_own_unlinking(
        rcad, tmp_path: Path) -> None:
    """C links R's open O "same" as protected P and takes the link away: O keeps P's level
    (the two were one actor; C could have raised O by a notice anyway: over-protection, never
    a leak). The official, deciding they are not the same, links and un-links O by their own
    edits: the last change that took the link away is theirs, and O may be lowered."""
    r, c, _, d = rcad
    p = person(r, "Мария Сергеевна Кузнецова", inside_russia=True)
    o = person(r, "Открытый Человек", notes="OPEN")
    shared(r, c, tmp_path)
    receive(r, forge(c, r, tmp_path / "link.rbundle",
                     [record(c, Kind.PERSON, {"merged_into": p}, record_id=o)]))
    receive(r, forge(c, r, tmp_path / "unlink.rbundle",
                     [record(c, Kind.PERSON, {"merged_into": None}, record_id=o)]))
    assert r.is_protected(o)
    _, got = default_export(r, d, tmp_path)
    assert o not in got
    r.update(o, {"merged_into": p})
    r.update(o, {"merged_into": None})
    r.update(o, {"sensitivity": "internal", "inside_russia": False}, confirm_lowering=True)
    assert not r.is_protected(o)
    text, got = default_export(r, d, tmp_path)
    assert o in got and "OPEN" in text
