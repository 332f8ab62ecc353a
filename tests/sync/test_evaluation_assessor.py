"""Only an evaluation's assessor changes it (DESIGN §6.5.3), through the real import: **R**
receives from trusted, verified colleagues **C** (whose keys an attacker holds) and **A**
(the assessor). Each attack has a positive control."""

from __future__ import annotations

from pathlib import Path

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.sync import signatures, wire

from .forge import forge, stamp
from .test_signed_and_held_edges import is_erased, signed
from .vaults import receive, send


def _assessed(a: Registry) -> tuple[str, str]:
    """An organisation and A's evaluation of it."""
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4, "evidence_1": "Доклад"}).id
    return org, ev


def _deletion(by: Registry, record_id: str) -> dict[str, object]:
    """A tombstone of an evaluation in ``by``'s name, signed with ``by``'s own valid key."""
    at = stamp(by)
    tomb = Record(record_id, Kind.EVALUATION, {"deleted": True}, {"deleted": at})
    return wire.to_line(tomb, signed(by, tomb, "deleted", True, at))


def test_a_colleagues_deletion_of_an_evaluation_is_dropped_and_reported(
        rca, tmp_path: Path) -> None:
    """C deletes A's evaluation held at R, C's stamp, C's good signature: the deletion is
    not A's, so it is dropped and reported. A's own deletion, relayed by C, applies."""
    r, c, a = rca
    _, ev = _assessed(a)
    first = send(a, [r, c], tmp_path / "a1.rbundle")
    receive(r, first)
    receive(c, first)
    before = r.digest()
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [_deletion(c, ev)]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["deleted"],
                                   "reason": signatures.NOT_THE_ASSESSOR}]
    assert report.counts["deleted"] == 0 and report.deleted == []
    assert r.digest() == before and r.get(ev).values.get("deleted") is not True

    a.delete(ev)  # positive control: the assessor's deletion, relayed by C with A's signature
    receive(c, send(a, [c], tmp_path / "a2.rbundle"))
    [control] = receive(r, send(c, [r], tmp_path / "c2.rbundle"))
    assert control.not_applied == [] and control.deleted == [ev]
    assert r.get(ev).values["deleted"] is True


def test_a_deletion_sent_before_the_evaluation_does_not_hide_it_when_it_arrives(
        rca, tmp_path: Path) -> None:
    """C, who holds A's evaluation, sends R its tombstone before R has the evaluation: a
    tombstone names no assessor, so R cannot tell it is not A's; it stays out (reported)
    instead of waiting to hide the evaluation. The evaluation then arrives whole."""
    r, c, a = rca
    _, ev = _assessed(a)
    receive(c, send(a, [c], tmp_path / "a1.rbundle"))
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [_deletion(c, ev)]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["deleted"],
                                   "reason": signatures.ASSESSOR_UNKNOWN}]
    assert report.counts["deleted"] == 0 and r.store.get(ev) is None

    [control] = receive(r, send(a, [r], tmp_path / "a2.rbundle"))  # positive control
    assert control.not_applied == [] and control.counts["new"] == 2
    assert r.get(ev).values.get("deleted") is not True and r.get(ev).values["score_1"] == 4


def test_an_erasure_of_an_evaluation_still_follows_the_held_changes_rule(
        rca, tmp_path: Path) -> None:
    """The assessor rule is about changes and deletions; an erasure (a data subject's
    request) follows §6.5.4 as before: C's erasure of A's evaluation waits for R's official,
    A's erasure of its own evaluation applies at once."""
    r, c, a = rca
    _, ev = _assessed(a)
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    at = Stamp(c.store.clock.tick(), c.identity.fingerprint)
    tomb = Record(ev, Kind.EVALUATION, {}, {}, at)
    line = wire.to_line(tomb, signed(c, tomb, "erased", None, at))
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [line]))
    assert report.counts["held"] == 1 and report.not_applied == [] and not is_erased(r, ev)

    a.erase(ev)  # positive control: the assessor (the record's creator) erases it
    [control] = receive(r, send(a, [r], tmp_path / "a2.rbundle"))
    assert control.erased == [ev] and control.not_applied == [] and is_erased(r, ev)


def test_a_stamp_forged_in_the_assessors_name_cannot_make_the_evaluation_anothers(
        rca, tmp_path: Path) -> None:
    """An evaluation's assessor never changes. C sends, under a stamp in A's name (the field
    is not signed), that A's evaluation is C's: dropped and reported, so C's own signed
    score that follows is still not the assessor's. The control: the same line naming A,
    as held, is not dropped."""
    r, c, a = rca
    _, ev = _assessed(a)
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    as_a = Stamp(c.store.clock.tick(), a.identity.fingerprint)
    takeover = Record(ev, Kind.EVALUATION, {"assessor": c.identity.fingerprint},
                      {"assessor": as_a})
    [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [takeover]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["assessor"],
                                   "reason": signatures.NOT_THE_ASSESSOR}]
    assert r.get(ev).values["assessor"] == a.identity.fingerprint
    at = stamp(c)
    score = Record(ev, Kind.EVALUATION, {"score_1": 0}, {"score_1": at})
    line = wire.to_line(score, signed(c, score, "score_1", 0, at))
    [then] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [], [line]))
    assert then.not_applied[0]["reason"] == signatures.NOT_THE_ASSESSOR
    assert r.get(ev).values["score_1"] == 4

    same = Record(ev, Kind.EVALUATION, {"assessor": a.identity.fingerprint},
                  {"assessor": as_a})  # positive control
    [control] = receive(r, forge(c, r, tmp_path / "c3.rbundle", [same]))
    assert control.not_applied == [] and r.get(ev).stamps["assessor"] == as_a
