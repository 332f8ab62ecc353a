"""Kept signatures stay bounded by what stands here (DESIGN §6.5.3, §6.5.7): **A** the
victim, **M** a colleague whose laptop was seized and whose keys sign."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry

from .forge import forge, record
from .vaults import introduce, make_vault, person, receive


@pytest.fixture
def am(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    vaults = [make_vault(tmp_path, n) for n in ("A", "M")]
    introduce(*vaults)
    yield vaults[0], vaults[1]
    for v in vaults:
        v.lock()


def _kept(vault: Registry, record_id: str) -> int:
    return int(vault.store.conn.execute(
        "SELECT count(*) FROM record_sig WHERE record_id = ?", (record_id,)).fetchone()[0])


@pytest.mark.parametrize("wins", [False, True], ids=["losing", "control"])
def test_a_deletion_that_loses_here_keeps_no_signature(am, tmp_path: Path, wins: bool) -> None:
    """A deleted her Anna. M sends bundle after bundle, each with a deletion of Anna under an
    older stamp of its own (signed with its key) beside a new record: nothing of it applies,
    nor shows in her history, yet since v16 (one kept signature per stamp) every one was
    kept: record_sig grew with each hostile bundle, with nothing in the vault to show it and
    no quarantine to take it out. Only the claim that stands is passed on, so only its
    signature is needed. Control: a newer deletion of M's applies, and its signature is kept."""
    a, m = am
    anna = person(a, "Анна Смирнова")
    a.delete(anna)
    standing = a.get(anna).stamps["deleted"]
    for n in range(3):
        hlc = standing.hlc + 10**6 * (n + 1) * (1 if wins else -1)
        line = Record(anna, Kind.PERSON, {"deleted": True},
                      {"deleted": Stamp(hlc, m.identity.fingerprint)})
        filler = record(m, Kind.PERSON, {"name": f"Новый {n}"})
        receive(a, forge(m, a, tmp_path / f"m{n}.rbundle", [line, filler], sign=True))
    assert (a.get(anna).stamps["deleted"] != standing) is wins
    assert _kept(a, anna) == (3 if wins else 0)


@pytest.mark.parametrize("wins", [False, True], ids=["losing", "control"])
def test_an_erasure_that_loses_here_keeps_no_signature(am, tmp_path: Path, wins: bool) -> None:
    """M made Boris and erased him, at A too. It sends erasures of him again under other
    stamps of its own: only the one that stands (the later, as erasures merge) is passed
    on, so only its signature is kept. Control: each later one stands in turn."""
    a, m = am
    boris = record(m, Kind.PERSON, {"name": "Борис Ким"})
    receive(a, forge(m, a, tmp_path / "m.rbundle", [boris], sign=True))
    first = Stamp(m.store.clock.tick(), m.identity.fingerprint)
    tomb = Record(boris.id, Kind.PERSON, {}, {}, first)
    receive(a, forge(m, a, tmp_path / "e.rbundle", [tomb], sign=True))
    assert a.store.get(boris.id).erased == first
    for n in range(3):
        hlc = first.hlc + 10**6 * (n + 1) * (1 if wins else -1)
        again = Record(boris.id, Kind.PERSON, {}, {}, Stamp(hlc, m.identity.fingerprint))
        filler = record(m, Kind.PERSON, {"name": f"Новый {n}"})
        receive(a, forge(m, a, tmp_path / f"e{n}.rbundle", [again, filler], sign=True))
    assert (a.store.get(boris.id).erased != first) is wins
    assert _kept(a, boris.id) == (4 if wins else 1)
