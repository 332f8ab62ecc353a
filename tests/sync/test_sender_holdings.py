"""What an import keeps of what its sender holds (``exporter.record_holdings``): a part's
lines are compared with the sender's rows first, so a bundle delivered again writes nothing,
and a line that raises what the sender holds raises the row."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Sensitivity
from registry.service import Registry

from .vaults import introduce, make_vault, person, send


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    a, b = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    introduce(a, b)
    yield a, b
    a.lock()
    b.lock()


def held(reg: Registry, holder: Registry) -> dict[str, tuple[int, int]]:
    return {str(r): (int(level), int(inside)) for r, level, inside in reg.store.conn.execute(
        "SELECT record_id, level, inside FROM sent_record WHERE recipient = ?",
        (holder.identity.fingerprint,))}


def holding_writes(reg: Registry, action: Callable[[], object]) -> list[str]:
    statements: list[str] = []
    reg.store.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        reg.store.conn.set_trace_callback(None)
    return [s for s in statements if s.lstrip().upper().startswith("INSERT INTO HOLDING")]


def test_a_bundle_compared_again_writes_no_holding_and_a_raise_raises_one(
        pair, tmp_path: Path) -> None:
    a, b = pair
    ids = [person(a, name) for name in ("Анна Смирнова", "Ivan Petrov", "Olga Sidorova")]
    first = send(a, [b], tmp_path / "1.rbundle", ceiling="confidential")
    assert holding_writes(b, lambda: b.sharing.import_bundles([first]))  # what a brought
    before = held(b, a)
    assert set(ids) <= before.keys()
    # the same file, every line read and compared: the sender holds all of it already
    assert not holding_writes(b, lambda: b.sharing.import_bundles(
        [first], recognise_replays=False))
    assert held(b, a) == before
    # a raise: the line that carries it raises what the sender holds, and only that row
    a.update(ids[0], {"sensitivity": "confidential"})
    second = send(a, [b], tmp_path / "2.rbundle", ceiling="confidential")
    writes = holding_writes(b, lambda: b.sharing.import_bundles([second]))
    assert writes
    after = held(b, a)
    assert after[ids[0]][0] == int(Sensitivity.CONFIDENTIAL) > before[ids[0]][0]
    assert {k: v for k, v in after.items() if k != ids[0]} == \
        {k: v for k, v in before.items() if k != ids[0]}
