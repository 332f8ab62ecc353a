"""A record erased here is touched by nothing an import makes (DESIGN §6.5.5).

An erasure takes with it the ties, support, evaluations and decisions that touch the record,
and no local edit makes one on it (``Registry.erase``). An imported line made one live: a
colleague's "same" decision joining a live person to one erased here was kept and passed on
to every colleague — the link between her id and a named person her erasure was to end (was).
Such a line is left out and reported; a colleague who made it before the erasure reached
them is not refused for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.ids import decision_id
from registry.domain.model import Record
from registry.errors import RegistryError
from registry.service import Registry

from .forge import forge, record
from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def abc(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    v = tuple(make_vault(tmp_path, n) for n in ("A", "B", "C"))
    introduce(*v)
    yield v
    for vault in v:
        vault.lock()


def live(vault: Registry, record_id: str) -> bool:
    found = vault.store.get(record_id)
    return found is not None and found.erased is None


def test_what_an_honest_colleague_made_before_the_erasure_reached_them_is_left_out(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    a, b, c = abc
    anna, galina = person(b, "Анна Петрова"), person(b, "Галина Сергеева")
    fund = b.add(Kind.ORGANISATION, {"name": "Фонд", "type": "donor"}).id
    receive(a, send(b, [a], tmp_path / "b-a.rbundle"))
    b.erase(galina)  # at her request; A has not heard of it yet
    made = [a.add(Kind.TIE, {"from_id": anna, "to_id": galina, "kind": "family"}).id,
            a.add(Kind.SUPPORT, {"provider_id": fund, "recipient_id": galina,
                                 "kind": "grant"}).id,
            a.add(Kind.EVALUATION, {"subject_id": galina, "date": "2025-01-15", "score_1": 4,
                                    "score_2": 3, "score_3": 4}).id]
    a.matching.decide(anna, galina, "not_same")
    made.append(decision_id(anna, galina))
    control = a.add(Kind.TIE, {"from_id": anna, "to_id": fund, "kind": "member_of"}).id
    [report] = receive(b, send(a, [b], tmp_path / "a-b.rbundle"))
    assert live(b, control)  # the bundle is not refused
    assert not any(b.store.get(i) for i in made)
    assert sorted((d["id"], d["reason"]) for d in report.not_applied) == sorted(
        (i, "touches_erased") for i in made)
    receive(c, send(b, [c], tmp_path / "b-c.rbundle"))
    assert not any(c.store.get(i) for i in made) and live(c, control)


def test_a_forged_same_decision_on_a_record_erased_here_is_not_kept(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """A seized colleague's key, with every signature right (b_04); a local decision on the
    same pair is refused; one on two live records is taken."""
    a, b, _ = abc
    anna, galina = person(b, "Анна Петрова"), person(b, "Галина Сергеева")
    vera, twin = person(b, "Вера Орлова"), person(b, "Вера Орлова")
    receive(a, send(b, [a], tmp_path / "b-a.rbundle"))
    b.erase(galina)
    with pytest.raises(RegistryError, match="erased"):
        b.matching.decide(anna, galina, "same")

    def same(x: str, y: str) -> Record:
        low, high = sorted((x, y))
        return record(a, Kind.DECISION, {
            "a_id": low, "b_id": high, "decision": "same",
            "decided_by": a.identity.fingerprint, "decided_by_name": a.identity.name,
            "sensitivity": "internal"}, decision_id(low, high))

    forged, honest = same(anna, galina), same(vera, twin)
    [report] = receive(b, forge(a, b, tmp_path / "f.rbundle", [forged, honest], sign=True))
    assert b.store.get(forged.id) is None and live(b, honest.id)
    assert [(d["id"], d["reason"]) for d in report.not_applied] == [
        (forged.id, "touches_erased")]
