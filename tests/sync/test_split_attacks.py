"""A "same" group a colleague's bundle takes apart — by clearing a link, or by erasing the
record in its middle — and what was moved off a protected person after an official lowered
it (DESIGN §6.1, §6.4.1, §6.4.3). Found by an attack round with a trusted colleague's real
keys: each case leaked in R's next default export (or the FtM export) in one order of the
same bundles and local acts and not in the other. Each has a control.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.service import Registry
from registry.store import protection
from registry.store.records import Store

from .forge import forge, record, stamp
from .test_moved_off_attacks import (
    _left_out_ids,
    default_export,
    her_double,
    nothing_of_her_double,
    shared,
)
from .vaults import person, receive, send


def _q_linked_to_p(r: Registry, c: Registry, tmp_path: Path) -> tuple[str, str, str, str]:
    """Q made by C and sent to R; R's own P; R decides them same; R's own tie of Q."""
    q = person(c, "Маша К.")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    p = person(r, "Мария Сергеевна Кузнецова")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": q, "to_id": org, "kind": "member_of",
                           "notes": "QTIE courier"}).id
    r.matching.decide(p, q, "same")
    shared(r, c, tmp_path)
    return p, q, org, tie


# ---- A. a split, the flag, then the split-off record erased by its creator ------------------
@pytest.mark.parametrize("erase", [True, False])
def test_split_then_flag_then_creator_erases_q(rcad, tmp_path: Path, erase: bool) -> None:
    """Q was made by C; R decided Q "same" as P and recorded a tie of Q's (R's own). C splits
    Q off; R flags P; C (Q's creator) erases Q. Q's kept level was read without the level
    the split leaves it (protection.for_records), so Q counted as internal once erased and
    Q's tie left. Control: no erasure."""
    r, c, _, d = rcad
    p, q, _, tie = _q_linked_to_p(r, c, tmp_path)
    member = q if r.get(q).values.get("merged_into") == p else p
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
    r, c, _, d = rcad
    m = person(c, "Мария Кузнецова")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    p, q, tie = her_double(r)
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
    nothing_of_her_double(r, d, tmp_path, q, tie)


@pytest.mark.parametrize("order", ["erase-then-flag", "flag-then-erase", "r-erases-then-flag"])
def test_erasing_the_middle_of_a_same_chain_splits_it(rcad, tmp_path: Path, order: str) -> None:
    """Q -> M -> P: R decided its Q "same" as C's M; C links its M to R's P (a colleague's
    decision). C (M's creator), or R, erases M: Q's link then ended at an erased id (its own
    root), P was another group, and no link was replaced or cleared; flagged after the
    erasure, P left Q (phone in notes) and its tie free to leave. The erasure keeps its
    neighbours one actor now (split_link). Control: flag first."""
    r, c, _, d = rcad
    m = person(c, "Мария Кузнецова")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    p, q, tie = her_double(r)
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
    assert q in _left_out_ids(r, d)
    nothing_of_her_double(r, d, tmp_path, q, tie)


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


# ---- the third round: erasures and removals around a split -----------------------------------
# ---- a group member erased before the flag ---------------------------------------------
@pytest.mark.parametrize("mode", ["erase-then-flag", "local-erase-then-flag", "no-erase"])
def test_member_erased_by_c_before_flag(rcad, tmp_path: Path, mode: str) -> None:
    """Q (C's) same as P (R's). C erases Q (its creator: applied at once). R then flags P.
    Q's kept level was read when the group was open, and the tie of Q (R's own) left: the
    erasure keeps Q with its group now (split_link), and an erased member of a protected
    group is a protected person for what points to her. Control: no erasure."""
    r, c, _, d = rcad
    p, q, _, tie = _q_linked_to_p(r, c, tmp_path)
    if mode == "erase-then-flag":
        receive(r, forge(c, r, tmp_path / "erase.rbundle",
                         [Record(q, Kind.PERSON, {}, {}, stamp(c))], sign=True))
        assert r.store.get(q).erased is not None
    if mode == "local-erase-then-flag":
        r.erase(q)
    r.update(p, {"inside_russia": True})
    text, got = default_export(r, d, tmp_path)
    # a tombstone of the tie (local erasure cascades) carries nothing
    assert not got.get(tie) and "QTIE" not in text, (r.store.erased_protection(q),)


# ---- 2. quarantine removes the first record of an erasure's split_link pairs ------------------
@pytest.mark.parametrize("small_y", [True, False])
@pytest.mark.parametrize("quarantine", [True, False])
def test_quarantine_removes_split_link_pivot(rcad, tmp_path: Path, quarantine: bool,
                                             small_y: bool) -> None:
    """R: S -> X -> P ("same", R's own), S has a secret tie. C sends Y (smallest id) linked to
    X. R erases X (a duplicate): split_link keeps (Y, P), (Y, S). R revokes C, reverting:
    Y was removed with the pairs still hanging on it, so S and P fell apart, and flagged P
    left S's tie free to leave. A removal keeps the others together now, as an erasure
    does. Controls: no quarantine; Y's id not the smallest."""
    r, c, _, d = rcad
    p = person(r, "Мария Сергеевна Кузнецова")
    s = person(r, "Маша К.")
    x = person(r, "М. Кузнецова")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": s, "to_id": org, "kind": "member_of",
                           "notes": "STIE courier"}).id
    r.update(s, {"merged_into": x})
    r.update(x, {"merged_into": p})
    shared(r, c, tmp_path)
    yid = ("00000000-0000-4000-8000-000000000001" if small_y
           else "ffffffff-ffff-4fff-bfff-fffffffffff1")
    receive(r, forge(c, r, tmp_path / "y.rbundle", [
        record(c, Kind.PERSON, {"name": "Дубль", "merged_into": x}, record_id=yid)]))
    r.erase(x)
    pairs = r.store.conn.execute("SELECT a, b FROM split_link").fetchall()
    if quarantine:
        r.sharing.quarantine(c.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        assert r.store.get(yid) is None
    r.update(p, {"inside_russia": True})
    text, got = default_export(r, d, tmp_path)
    assert tie not in got and "STIE" not in text, pairs
    assert r.is_protected(s), pairs


# ---- 3. perf: a bundle erasing many ties, with many unlinked pairs in the vault --------------
@pytest.mark.parametrize("unlink", [True, False])
@pytest.mark.parametrize("n", [150, 600])
def test_mass_tie_erasure_reads_the_group_once(rcad, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, n: int,
                                               unlink: bool) -> None:
    """C sends n people all "same" as a hub H and n ties between them, (then unlinks all:
    n unlinked pairs, one component), then erases the n ties (its own: applied at once).
    Each tie's erasure asked for_records (Store._touches_protected), which read every
    merged_into history row and ran group_of once per member: O(n^2) queries; with the
    pairs a table, it still walked the whole group once a tie (1,600 ties: 18 s). An
    import's run of erasures reads a group once now (Store.erasing_many)."""
    r, c, _, _ = rcad
    hub = record(c, Kind.PERSON, {"name": "Хаб"})
    xs = [record(c, Kind.PERSON, {"name": f"Дубль {i}", "merged_into": hub.id})
          for i in range(n)]
    org = record(c, Kind.ORGANISATION, {"name": "Org"})
    ties = [record(c, Kind.TIE, {"from_id": x.id, "to_id": org.id, "kind": "member_of"})
            for x in xs]
    receive(r, forge(c, r, tmp_path / "a.rbundle", [hub, *xs, org, *ties]))
    if unlink:
        receive(r, forge(c, r, tmp_path / "b.rbundle", [
            record(c, Kind.PERSON, {"merged_into": None}, record_id=x.id) for x in xs]))
        assert len(protection.unlinked(r.store.conn)) == n
    receive(r, forge(c, r, tmp_path / "raise.rbundle", [
        record(c, Kind.PERSON, {"inside_russia": True}, record_id=hub.id)]))
    calls = counted(monkeypatch, protection, "for_records")
    receive(r, forge(c, r, tmp_path / "e.rbundle",
                     [Record(x.id, Kind.TIE, {}, {}, stamp(c)) for x in ties], sign=True))
    assert len(calls) < 20, len(calls)
    # each tie was one of a protected person's (the hub's group): its tombstone is hers
    assert {r.store.erased_protection(t.id) for t in ties} == {(Sensitivity.PROTECTED, False)}


# ---- 4. unlinked member erased, then flag: its own members fall out ---------------------------
@pytest.mark.parametrize("local", [False, True])
@pytest.mark.parametrize("unlink", [True, False])
def test_unlinked_member_erased_then_flag_drops_its_members(rcad, tmp_path: Path,
                                                            unlink: bool, local: bool) -> None:
    """M (made by C) is "same" as R's P; R's own Z (secret notes) is "same" as M. C clears
    M's link, then M is erased (by C, its creator, or by R): the pair (M, P) lived in M's
    field history, which the erasure deletes, so Z and P fell apart and Z left once P was
    flagged. The pairs are kept apart from the history now (split_link). Control: no
    unlink."""
    r, c, _, d = rcad
    m = person(c, "М. Кузнецова")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    p = person(r, "Мария Сергеевна Кузнецова")
    z = person(r, "Маша К.", notes="ZSECRET phone +7 900")
    r.update(m, {"merged_into": p})
    r.update(z, {"merged_into": m})
    shared(r, c, tmp_path)
    if unlink:
        receive(r, forge(c, r, tmp_path / "u.rbundle",
                         [record(c, Kind.PERSON, {"merged_into": None}, record_id=m)]))
    if local:
        r.erase(m)
    else:
        receive(r, forge(c, r, tmp_path / "e.rbundle",
                         [Record(m, Kind.PERSON, {}, {}, stamp(c))], sign=True))
    assert r.store.get(m).erased is not None
    r.update(p, {"inside_russia": True})
    text, got = default_export(r, d, tmp_path)
    assert z not in got and "ZSECRET" not in text


# ---- 5. migration: v20 twice, and from v19 ----------------------------------------------------
def test_v20_runs_twice_and_from_v19(tmp_path: Path) -> None:
    """Schema v20 on a v19 vault keeps the links imports took away before it (the last
    change of each decides: one the official made since does not count, nor a link that
    holds again), and runs again harmlessly."""
    import sqlite3

    from registry.store import schema
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    for step in schema.MIGRATIONS[:19]:
        if callable(step):
            step(conn)
        else:
            conn.executescript(step)
    conn.execute("PRAGMA user_version = 19")
    for rid, link in (("x", None), ("y", None), ("z", "p")):
        conn.execute("INSERT INTO person (id, name, merged_into) VALUES (?, ?, ?)",
                     (rid, rid, link))
    history = [("x", '"p"', "imp"),  # an import cleared x -> p
               ("y", '"p"', "imp"), ("y", '"p"', None),  # ... then the official did
               ("z", '"p"', "imp")]  # z -> p holds again
    for rid, value, import_id in history:
        conn.execute("INSERT INTO field_history (record_id, field, value, hlc, origin, "
                     "replaced_by_hlc, replaced_by_origin, import_id) VALUES "
                     "(?, 'merged_into', ?, 1, 'o', 2, 'c', ?)", (rid, value, import_id))
    schema.migrate(conn)
    schema._v20(conn)  # again
    assert schema.version(conn) == schema.LATEST
    assert protection.unlinked(conn) == [("x", "p")]
    assert protection.moved_off(conn) == {}


@pytest.mark.parametrize("accept", [True, False])
def test_member_erasure_held_and_accepted_before_flag(rcad, tmp_path: Path, accept: bool
                                                      ) -> None:
    """Q is R's own, "same" as P; C's erasure of Q is held; R accepts it; R flags P: Q's tie
    (R's own) left with its notes, as in the first case. Control: declined."""
    r, c, _, d = rcad
    q = person(r, "Маша К.")
    p = person(r, "Мария Сергеевна Кузнецова")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": q, "to_id": org, "kind": "member_of",
                           "notes": "QTIE courier"}).id
    r.matching.decide(p, q, "same")
    shared(r, c, tmp_path)
    receive(r, forge(c, r, tmp_path / "erase.rbundle",
                     [Record(q, Kind.PERSON, {}, {}, stamp(c))], sign=True))
    held = r.sharing.held_changes()
    assert held and r.store.get(q).erased is None
    (r.sharing.accept_held if accept else r.sharing.decline_held)(held[0].id)
    r.update(p, {"inside_russia": True})
    text, got = default_export(r, d, tmp_path)
    assert not got.get(tie) and "QTIE" not in text


def _pairs(r: Registry) -> list[tuple[str, str]]:
    return protection.unlinked(r.store.conn)


def _x_linked_to_p(r: Registry, c: Registry, a: Registry, tmp_path: Path
                   ) -> tuple[str, str, str]:
    """R's own X ("same" as R's own P by R's decision, secret notes, a tie); shared with A, C."""
    p = person(r, "Мария Сергеевна Кузнецова")
    x = person(r, "Маша К.", notes="XSECRET phone +7 900")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": x, "to_id": org, "kind": "member_of",
                           "notes": "XTIE courier"}).id
    r.update(x, {"merged_into": p})
    shared(r, c, tmp_path)
    receive(a, send(r, [a], tmp_path / "r-to-a.rbundle"))
    return p, x, tie


# ---- a revert or a quarantine puts back what a bundle took: nobody's decision ------------------
@pytest.mark.parametrize("undo", ["quarantine", "revert", "none"])
def test_quarantine_restoring_an_unlink_drops_the_pair(rcad, tmp_path: Path, undo: str) -> None:
    """A (honest) un-links X from P: R keeps (X, P) one (import). C re-links X to P. R's
    quarantine of C (or revert of C's import) put A's None back through a local write,
    which read as the official's own un-linking: the pair (X, P) went, and with P flagged
    later X and its tie left. A value put back is marked restored now, and takes no pair
    away. Control: no undo."""
    r, c, a, d = rcad
    p, x, tie = _x_linked_to_p(r, c, a, tmp_path)
    a.update(x, {"merged_into": None})
    receive(r, send(a, [r], tmp_path / "a-unlink.rbundle"))
    assert r.store.get(x).values.get("merged_into") is None
    assert (x, p) in _pairs(r)
    rep = receive(r, forge(c, r, tmp_path / "c-relink.rbundle",
                           [record(c, Kind.PERSON, {"merged_into": p}, record_id=x)]))
    assert r.store.get(x).values.get("merged_into") == p
    if undo == "quarantine":
        r.sharing.quarantine(c.identity.fingerprint, "2000-01-01", confirm_lowering=True)
    elif undo == "revert":
        r.sharing.revert(rep[0].import_id)
    pairs = _pairs(r)
    link = r.store.get(x).values.get("merged_into")
    r.update(p, {"inside_russia": True})
    text, got = default_export(r, d, tmp_path)
    assert x not in got and "XSECRET" not in text, (pairs, link)
    assert tie not in got and "XTIE" not in text, (pairs, link)
    assert r.is_protected(x)


@pytest.mark.parametrize("undo", ["quarantine", "revert", "no-c"])
def test_quarantine_restoring_a_move_makes_it_the_officials(rcad, tmp_path: Path, undo: str
                                                            ) -> None:
    """R's tie T from P (courier notes). A (honest) moves T's from_id to Q: T keeps P's level
    (an import moved it off her). C moves it back onto P. R's quarantine of C (revert of C's
    import) restored A's Q by a local write: the last change of (T, P) read as "local", so
    the move off her stopped counting and T left once P was flagged. A restore counts as
    nobody's move now. Control: A's move alone."""
    r, c, a, d = rcad
    p = person(r, "Мария Сергеевна Кузнецова")
    q = person(r, "Иван Петров")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": p, "to_id": org, "kind": "member_of",
                           "notes": "PTIE courier meets her monthly"}).id
    shared(r, c, tmp_path)
    receive(a, send(r, [a], tmp_path / "r-to-a.rbundle"))
    a.update(tie, {"from_id": q})
    receive(r, send(a, [r], tmp_path / "a-move.rbundle"))
    assert r.store.get(tie).values["from_id"] == q
    if undo != "no-c":
        rep = receive(r, forge(c, r, tmp_path / "c-back.rbundle",
                               [record(c, Kind.TIE, {"from_id": p}, record_id=tie)]))
        assert r.store.get(tie).values["from_id"] == p
        if undo == "quarantine":
            r.sharing.quarantine(c.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        else:
            r.sharing.revert(rep[0].import_id)
        assert r.store.get(tie).values["from_id"] == q
    r.update(p, {"inside_russia": True})
    text, got = default_export(r, d, tmp_path)
    assert tie not in got and "PTIE" not in text
    assert tie in _left_out_ids(r, d)


@pytest.mark.parametrize("revert", [True, False])
def test_reverting_cs_relink_drops_the_pair_cs_unlink_made(rcad, tmp_path: Path, revert: bool
                                                           ) -> None:
    """C clears X -> P (R keeps (X, P) one), then sets X -> P again. R reverts C's second
    import (a revert "never lowers protection"): the None it put back read as the
    official's own un-linking and took (X, P) away; with P flagged, X left, in the export
    and the preview. Control: no revert."""
    r, c, a, d = rcad
    p, x, tie = _x_linked_to_p(r, c, a, tmp_path)
    receive(r, forge(c, r, tmp_path / "c1.rbundle",
                     [record(c, Kind.PERSON, {"merged_into": None}, record_id=x)]))
    assert (x, p) in _pairs(r)
    rep = receive(r, forge(c, r, tmp_path / "c2.rbundle",
                           [record(c, Kind.PERSON, {"merged_into": p}, record_id=x)]))
    if revert:
        r.sharing.revert(rep[0].import_id)
    pairs = _pairs(r)
    r.update(p, {"inside_russia": True})
    left_out = _left_out_ids(r, d)
    text, got = default_export(r, d, tmp_path)
    assert x in left_out and tie in left_out, pairs
    assert x not in got and "XSECRET" not in text and "XTIE" not in text, pairs


# ---- who is told at once: the holders of what a split kept with her --------------------------
@pytest.mark.parametrize("split", [True, False])
def test_a_flag_names_the_holders_of_what_a_split_kept_with_her(
        rcad, tmp_path: Path, split: bool) -> None:
    """Q (C's) went to D before R decided it "same" as R's own P; C takes the link away; R
    flags P. Q is one actor with her (the split keeps them), so D's copy of Q must be told:
    the app names who to tell at once (DESIGN §6.4.2). It named only P's own holders (none):
    D heard of it at R's next export to D alone. Control: no split, Q still in her group."""
    r, c, _, d = rcad
    q = person(c, "Маша К.")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    receive(d, send(r, [d], tmp_path / "r-to-d0.rbundle"))
    p = person(r, "Мария Сергеевна Кузнецова")
    r.matching.decide(p, q, "same")
    if split:
        member = q if r.get(q).values.get("merged_into") == p else p
        receive(r, forge(c, r, tmp_path / "split.rbundle",
                         [record(c, Kind.PERSON, {"merged_into": None}, record_id=member)]))
        assert r.group_of(p) == [p]
    before = r.protection_mark(p)
    r.update(p, {"inside_russia": True})
    told = {h.key for h in r.holders_to_tell(p, before)}
    assert d.identity.fingerprint in told, told
    assert {h.key for h in r.shared_with(q)} >= told



def counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """The calls of ``module.name`` from now on (one entry a call)."""
    calls: list[int] = []
    real = getattr(module, name)

    def counting(*a: Any, **k: Any) -> Any:
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(module, name, counting)
    return calls


# ---- a bundle erasing a whole group of pairs, member by member -------------------------------
def _group_then_erasures(r: Registry, c: Registry, tmp_path: Path, n: int,
                         extra: Callable[[list[Record]], list[Record]] | None = None,
                         ) -> list[Record]:
    """C sends n people "same" as the first (C raised it to protected), takes every link
    away (n-1 pairs), then erases them all in one bundle (its own records: applied at once),
    with ``extra`` lines beside the erasures."""
    xs = [record(c, Kind.PERSON, {"name": f"Дубль {i}"}) for i in range(n)]
    for x in xs[1:]:
        x.values["merged_into"] = xs[0].id
        x.stamps["merged_into"] = x.stamps["name"]
    xs[0].values["sensitivity"] = "protected"
    xs[0].stamps["sensitivity"] = xs[0].stamps["name"]
    receive(r, forge(c, r, tmp_path / "link.rbundle", xs))
    receive(r, forge(c, r, tmp_path / "unlink.rbundle", [
        record(c, Kind.PERSON, {"merged_into": None}, record_id=x.id) for x in xs[1:]]))
    receive(r, forge(c, r, tmp_path / "erase.rbundle",
                     [Record(x.id, Kind.PERSON, {}, {}, stamp(c)) for x in xs]
                     + (extra(xs) if extra else []),
                     sign=True))
    return xs


def _kept_levels(r: Registry) -> list[tuple[str, int, int]]:
    return [(str(i), int(lv), int(f)) for i, lv, f in r.store.conn.execute(
        "SELECT record_id, level, inside FROM erased_protection ORDER BY record_id")]


def test_erasing_a_group_of_pairs_reads_the_group_once(
        rcad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each erasure read the whole group again to keep its level: a bundle erasing a group
    of n one by one cost n² (800: 14 s, a few thousand: hours, inside one import). An
    import's run of merges reads a group once now; every erased member keeps its level."""
    r, c, _, _ = rcad
    calls = counted(monkeypatch, protection, "for_records")
    xs = _group_then_erasures(r, c, tmp_path, 300)
    assert all(r.store.get(x.id).erased is not None for x in xs)
    assert len(calls) < 20, len(calls)
    assert {lv for _, lv, _ in _kept_levels(r)} == {int(Sensitivity.PROTECTED)}


@pytest.mark.parametrize("extra", ["link", "raise", "none"])
def test_the_group_read_once_keeps_what_a_read_each_time_keeps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str) -> None:
    """The erasures of one part, read once a group, keep the levels a read each erasure
    keeps, with a link or a raise among them (these have the groups read again): the same
    bundles into two vaults, one reading the groups at every erasure."""
    from .vaults import introduce, make_vault

    kept = []
    for reading in ("once", "each"):
        root = tmp_path / reading
        root.mkdir()
        r, c = make_vault(root, "R"), make_vault(root, "C")
        introduce(r, c)
        try:
            if reading == "each":
                monkeypatch.setattr(Store, "erasing_many", lambda self: contextlib.nullcontext())
            other = [record(c, Kind.PERSON, {"name": f"Другой {i}"}) for i in range(3)]
            other[1].values["merged_into"] = other[0].id  # other[1] "same" as other[0]
            other[1].stamps["merged_into"] = other[1].stamps["name"]
            receive(r, forge(c, r, root / "other.rbundle", other))

            def lines(xs: list[Record], c: Registry = c, other: list[Record] = other,
                      ) -> list[Record]:
                gone = [Record(o.id, Kind.PERSON, {}, {}, stamp(c)) for o in other[1:]]
                if extra == "link":  # other[0] joins the protected group; other[1] erased
                    return [record(c, Kind.PERSON, {"merged_into": xs[1].id},
                                   record_id=other[0].id), *gone]
                if extra == "raise":  # other[1] erased: flagged by its group
                    return [record(c, Kind.PERSON, {"inside_russia": True},
                                   record_id=other[0].id), *gone]
                return gone

            xs = _group_then_erasures(r, c, root, 40, lines)
            names = {x.id: f"x{i}" for i, x in enumerate(xs)}
            names.update((o.id, f"o{i}") for i, o in enumerate(other))
            kept.append(sorted((names[i], lv, f) for i, lv, f in _kept_levels(r)))
            # a raise in the bundle comes first (its group's flag is kept); a link does not
            # (the erasure keeps the group it left: the pairs keep it one with the rest)
            assert dict((n, f) for n, _, f in kept[-1])["o1"] == (extra == "raise")
        finally:
            r.lock()
            c.lock()
    assert kept[0] == kept[1]


# ---- links to a protected person after her erasure -------------------------------------------
def _fixed(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"  # ids in a chosen order: erasures run by id


@pytest.mark.parametrize("erase", ["none", "x_then_w", "x_and_tie"])
@pytest.mark.parametrize("link_first", [True, False])
def test_a_link_to_her_after_her_erasure_counts_her(
        rcad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link_first: bool,
        erase: str) -> None:
    """H (protected) is erased here; then C links X "same" as H and W "same" as X. The
    rule read X and W as internal (the erased H was neither a live record nor in a pair:
    only links made before her erasure kept her level), and R's own tie of W left, notes and
    all. An erasure run then froze that: erasing X paired W with H, and W, erased next in
    the same run, kept the level read before. Links to a record erased here count what it
    kept; the same bundles read once a group (``erasing_many``) and read at every erasure
    keep the same levels. Control: the links made before H's erasure."""
    r, c, _, d = rcad
    h, x, w, t = _fixed(1), _fixed(2), _fixed(3), _fixed(4)
    links = [record(c, Kind.PERSON, {"name": "Xenia", "merged_into": h}, record_id=x),
             record(c, Kind.PERSON, {"name": "Wera", "merged_into": x}, record_id=w)]
    receive(r, forge(c, r, tmp_path / "h.rbundle", [
        record(c, Kind.PERSON, {"name": "Hanna", "sensitivity": "protected"}, record_id=h),
        *(links if link_first else [])]))
    receive(r, forge(c, r, tmp_path / "eh.rbundle", [Record(h, Kind.PERSON, {}, {}, stamp(c))],
                     sign=True))
    if not link_first:
        receive(r, forge(c, r, tmp_path / "xw.rbundle", links))
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": w, "to_id": org, "kind": "member_of",
                           "notes": "WTIE courier"}).id
    receive(r, forge(c, r, tmp_path / "ct.rbundle", [
        record(c, Kind.TIE, {"from_id": w, "to_id": org, "kind": "colleague"}, record_id=t)]))
    gone = {"none": [], "x_then_w": [x, w], "x_and_tie": [x, t]}[erase]
    kept: list[Any] = []
    for n, reading in enumerate(("once", "each")):
        vault = r if n == 0 else _copy_of(r, tmp_path / "each")
        if reading == "each":
            monkeypatch.setattr(Store, "erasing_many", lambda self: contextlib.nullcontext())
        try:
            kinds = {x: Kind.PERSON, w: Kind.PERSON, t: Kind.TIE}
            if gone:
                receive(vault, forge(c, vault, tmp_path / f"e{n}.rbundle", [
                    Record(i, kinds[i], {}, {}, stamp(c)) for i in gone], sign=True))
            kept.append({i: vault.store.erased_protection(i) for i in gone})
            guard = protection.Protection.load(vault.store.conn)
            assert guard.is_protected_person(w)
            if n == 0:
                text, got = default_export(vault, d, tmp_path)
                assert tie not in got and "WTIE" not in text and w not in got
        finally:
            if n:
                vault.lock()
    assert kept[0] == kept[1]
    assert all(level == (Sensitivity.PROTECTED, False) for level in kept[0].values())


def _copy_of(r: Registry, root: Path) -> Registry:
    """Another vault holding what R holds now (its folder copied while R is open: R has
    committed; a vault reads its own files)."""
    import shutil

    from tests.passphrase import PASSPHRASE

    shutil.copytree(r.paths.root, root, ignore=shutil.ignore_patterns("vault.lock"))
    return Registry.unlock(root, PASSPHRASE)


@pytest.mark.parametrize("link_first", [True, False])
def test_a_link_to_an_erased_member_counts_the_group_she_was_kept_with(
        rcad, tmp_path: Path, link_first: bool) -> None:
    """R decided H "same" as W, then erased H (kept one with W). C links X "same" as H; R
    flags W. The link to the erased H counted what H kept herself (internal), not the group
    her erasure kept her one with: X read internal, and X and R's tie of X left in the next
    default export; linked before the erasure, X stayed home (DESIGN §6.1, §6.4.3). An
    erased record joins the groups paired with her, as a live one does."""
    r, c, _, d = rcad
    w, h = person(r, "Ханна Петрова"), person(r, "Ханна П.")
    r.update(h, {"merged_into": w})
    x = record(c, Kind.PERSON, {"name": "Ханна Петрова", "merged_into": h})
    if link_first:
        receive(r, forge(c, r, tmp_path / "c.rbundle", [x]))
    r.erase(h)
    if not link_first:
        receive(r, forge(c, r, tmp_path / "c.rbundle", [x]))
    tie = r.add(Kind.TIE, {"from_id": x.id, "to_id": person(r, "Зоя"), "kind": "colleague",
                           "notes": "XTIE"}).id
    r.update(w, {"inside_russia": True})
    assert r.is_protected(x.id)
    text, got = default_export(r, d, tmp_path)
    assert x.id not in got and tie not in got and "XTIE" not in text
