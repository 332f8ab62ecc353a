"""Four officials for the recovery tests: the owner O and three colleagues who know each
other (verified cards), as in-process vaults with the fast test key derivation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.service import Registry
from tests.sync.vaults import introduce, make_vault, person


@pytest.fixture
def four(tmp_path: Path) -> Iterator[dict[str, Registry]]:
    vaults = {n: make_vault(tmp_path, n) for n in ("O", "A", "B", "C")}
    introduce(*vaults.values())
    person(vaults["O"], "Мария Соколова", inside_russia=True)
    person(vaults["O"], "Ivan Petrov", notes="a note")
    yield vaults
    for v in vaults.values():
        v.lock()
