"""The erasure of a pseudonym sent in a joint bundle reaches each of its holders (DESIGN §6.4.4).

Pseudonyms are derived per recipient set: a stub sent to {Bob, Carol} has an id only that
set's bundles use. When the person is later erased or deleted, each of them must get its
tombstone in the bundles addressed to them — Bob alone, the usual case — once, under that
very pseudonym, and nobody who was not in the set may see its id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.errors import NotFound
from registry.service import Registry
from registry.sync.exporter import Scope

from .test_protection_state import decrypt
from .vaults import introduce, make_vault, person, receive, send


@dataclass
class Joint:
    a: Registry
    b: Registry
    c: Registry
    d: Registry
    hidden: str  # the protected person
    tie: str  # a tie from an ordinary exile to her
    stub: str  # her pseudonym in the joint bundle to {Bob, Carol}
    stub_tie: str  # the tie's


def _pseudonymous(lines: list[dict[str, Any]], kind: str, real: set[str]) -> list[str]:
    return [x["id"] for x in lines if x["kind"] == kind and x["id"] not in real]


def _real(vault: Registry) -> set[str]:
    return {r.id for k in (Kind.PERSON, Kind.TIE) for r in vault.store.iter_records(k)}


@pytest.fixture
def joint(tmp_path: Path) -> Iterator[Joint]:
    a, b, c, d = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol", "Dave"))
    introduce(a, b, c, d)
    hidden = person(a, "Скрытая Персона", region="RU-MOW", sensitivity="protected")
    exile = person(a, "Exile Number", country="DE")
    tie = a.add(Kind.TIE, {"from_id": exile, "to_id": hidden, "kind": "contact_inside"}).id
    lines = decrypt(send(a, [b, c], tmp_path / "joint.rbundle", mode="pseudonymise"), b)
    real = _real(a)
    [stub] = _pseudonymous(lines, "person", real)
    [stub_tie] = _pseudonymous(lines, "tie", real)
    receive(b, tmp_path / "joint.rbundle")
    receive(c, tmp_path / "joint.rbundle")
    assert b.get(stub) and b.get(stub_tie)  # positive control: both hold the joint pseudonym
    assert c.get(stub) and c.get(stub_tie)
    yield Joint(a, b, c, d, hidden, tie, stub, stub_tie)
    for v in (a, b, c, d):
        v.lock()


def _by_id(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {x["id"]: x for x in lines}


def _gone(vault: Registry, record_id: str) -> bool:
    try:
        vault.get(record_id)
    except NotFound:
        return True
    return False


def test_an_erasure_reaches_a_joint_stub_in_a_bundle_to_one_of_its_holders(
        joint: Joint, tmp_path: Path) -> None:
    j = joint
    j.a.delete(person(j.a, "Someone Else"))  # gone too, with no pseudonym
    j.a.erase(j.hidden)
    path = send(j.a, [j.b], tmp_path / "b.rbundle")  # a default bundle, to Bob alone
    lines = decrypt(path, j.b)
    text = repr(lines)
    assert j.hidden not in text and j.tie not in text  # no real id goes
    by_id = _by_id(lines)
    for pid in (j.stub, j.stub_tie):
        assert by_id[pid]["erased"] and by_id[pid]["values"] == {}, by_id[pid]
    receive(j.b, path)
    assert _gone(j.b, j.stub) and _gone(j.b, j.stub_tie)
    receive(j.b, path)  # idempotent: a replay changes nothing
    assert _gone(j.b, j.stub)


def test_no_pseudonym_goes_to_one_who_was_not_in_its_set(joint: Joint, tmp_path: Path) -> None:
    """Dave was not in {Bob, Carol}: a bundle to {Bob, Dave} must not name their pseudonym
    (it would tell Dave an id of theirs); Bob gets it in the next bundle to him alone."""
    j = joint
    j.a.erase(j.hidden)
    text = repr(decrypt(send(j.a, [j.b, j.d], tmp_path / "bd.rbundle"), j.d))
    assert j.stub not in text and j.stub_tie not in text
    lines = decrypt(send(j.a, [j.b], tmp_path / "b.rbundle"), j.b)
    assert {j.stub, j.stub_tie} <= _by_id(lines).keys()  # positive control


def test_a_tombstone_goes_once_to_each_holder_with_one_stamp(joint: Joint, tmp_path: Path
                                                             ) -> None:
    j = joint
    j.a.erase(j.hidden)
    to_b = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b1.rbundle"), j.b))
    again = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b2.rbundle"), j.b))
    assert j.stub not in again and j.stub_tie not in again  # Bob has it: not sent again
    to_c = _by_id(decrypt(send(j.a, [j.c], tmp_path / "c1.rbundle"), j.c))
    for pid in (j.stub, j.stub_tie):
        assert to_c[pid] == to_b[pid]  # Carol's copy of their pseudonym's erasure is Bob's
    both = _by_id(decrypt(send(j.a, [j.b, j.c], tmp_path / "bc.rbundle"), j.b))
    assert both[j.stub] == to_b[j.stub]  # and so is the one of their own set's bundles
    receive(j.c, tmp_path / "c1.rbundle")
    assert _gone(j.c, j.stub) and _gone(j.c, j.stub_tie)


def test_a_deletion_then_an_erasure_reach_a_joint_stub(joint: Joint, tmp_path: Path) -> None:
    j = joint
    j.a.delete(j.hidden)
    j.a.delete(j.tie)
    lines = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b1.rbundle"), j.b))
    assert j.hidden not in lines and j.tie not in lines
    for pid in (j.stub, j.stub_tie):
        assert lines[pid]["values"] == {"deleted": True} and not lines[pid].get("erased")
    receive(j.b, tmp_path / "b1.rbundle")
    assert j.b.get(j.stub).deleted and j.b.get(j.stub_tie).deleted
    j.a.erase(j.hidden)  # an erasure after the deletion is a tombstone of its own
    lines = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b2.rbundle"), j.b))
    assert lines[j.stub]["erased"]
    receive(j.b, tmp_path / "b2.rbundle")
    assert _gone(j.b, j.stub)


def test_a_bundle_of_other_kinds_keeps_it_for_the_next_since_last(joint: Joint, tmp_path: Path
                                                                  ) -> None:
    """A bundle of organisations only does not carry it; the next since-last bundle does,
    though the erasure came before the last bundle to Bob."""
    j = joint
    j.a.erase(j.hidden)
    lines = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b1.rbundle",
                                scope=Scope(kinds=frozenset({Kind.ORGANISATION}))), j.b))
    assert j.stub not in lines
    lines = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b2.rbundle",
                                scope=Scope(since_last=True)), j.b))
    assert lines[j.stub]["erased"] and lines[j.stub_tie]["erased"]


def test_one_who_holds_her_real_id_gets_no_pseudonym_of_hers(joint: Joint, tmp_path: Path
                                                            ) -> None:
    """Bob was given her real id after the joint bundle: her erasure goes to him by real id,
    and the joint pseudonym's tombstone beside it would pair the two. Carol, who holds only
    the pseudonym, still gets its tombstone."""
    j = joint
    receive(j.b, send(j.a, [j.b], tmp_path / "inc.rbundle", ceiling="protected",
                      mode="include"))
    j.a.erase(j.hidden)
    lines = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b.rbundle"), j.b))
    assert lines[j.hidden]["erased"]  # positive control: the real tombstone goes
    assert j.stub not in lines and j.stub_tie not in lines
    lines = _by_id(decrypt(send(j.a, [j.c], tmp_path / "c.rbundle"), j.c))
    assert lines[j.stub]["erased"] and j.hidden not in lines


@pytest.mark.parametrize("gone", ["erase", "delete"])
def test_a_stub_whose_person_was_lowered_since_still_gets_its_tombstone(
        joint: Joint, tmp_path: Path, gone: str) -> None:
    """Alice lowers her (still above Bob's ceiling: her real id never went) and then erases or
    deletes her: the stubs Bob holds — of the joint bundle and of one to him alone — stand for
    nobody real, and their tombstones go as if she had stayed protected."""
    j = joint
    alone = decrypt(send(j.a, [j.b], tmp_path / "b0.rbundle", mode="pseudonymise"), j.b)
    [own] = _pseudonymous(alone, "person", _real(j.a))
    receive(j.b, tmp_path / "b0.rbundle")
    j.a.update(j.hidden, {"sensitivity": "confidential"}, confirm_lowering=True)
    getattr(j.a, gone)(j.hidden)
    lines = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b1.rbundle"), j.b))
    assert j.hidden not in lines  # positive control: she is still above the ceiling
    for pid in (j.stub, own):
        line = lines[pid]
        assert line["erased"] if gone == "erase" else line["values"] == {"deleted": True}
    receive(j.b, tmp_path / "b1.rbundle")
    for pid in (j.stub, own):
        assert _gone(j.b, pid) if gone == "erase" else j.b.get(pid).deleted


def test_no_stub_tombstone_goes_beside_a_real_one(joint: Joint, tmp_path: Path) -> None:
    """Lowered to within the ceiling, her erasure goes by real id to everyone: a tombstone of
    the pseudonym beside it would pair the two, so her stub stays with Bob."""
    j = joint
    j.a.update(j.hidden, {"sensitivity": "internal"}, confirm_lowering=True)
    j.a.erase(j.hidden)
    lines = _by_id(decrypt(send(j.a, [j.b], tmp_path / "b.rbundle"), j.b))
    assert lines[j.hidden]["erased"]
    assert j.stub not in lines


@pytest.mark.parametrize("mode", ["exclude", "pseudonymise"])
def test_no_pseudonyms_tombstone_beside_a_real_id_they_hold_of_her_group(
        joint: Joint, tmp_path: Path, mode: str) -> None:
    """Bob holds by real id a record later decided "same" as her: in the default mode (who
    knows her by real id was asked only in ``pseudonymise``) her stub's tombstone went
    beside her duplicate's real tombstone, pairing them (was). Her erased tie's pseudonym
    has no ends left to ask of: its tombstone still goes (left open)."""
    j = joint
    twin = person(j.a, "Anna Other", country="DE")
    receive(j.b, send(j.a, [j.b], tmp_path / "twin.rbundle"))
    j.a.update(twin, {"merged_into": j.hidden})
    receive(j.b, send(j.a, [j.b], tmp_path / "notice.rbundle"))
    j.a.erase(j.hidden)
    j.a.erase(twin)
    ids = {line["id"] for line in decrypt(send(j.a, [j.b], tmp_path / "e.rbundle", mode=mode),
                                          j.b)}
    assert twin in ids  # her duplicate's erasure, by the id Bob holds
    assert j.stub not in ids
