"""Four officials for the recovery tests: the owner O and three colleagues who know each
other (verified cards), as in-process vaults with the fast test key derivation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.service import Registry
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, make_vault, person

NAMES = ("O", "A", "B", "C")


@pytest.fixture(scope="module")
def _prepared_four(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four vaults, made once for a test module and locked: ``four`` copies them."""
    root = tmp_path_factory.mktemp("four")
    vaults = {n: make_vault(root, n) for n in NAMES}
    try:
        introduce(*vaults.values())
        person(vaults["O"], "Мария Соколова", inside_russia=True)
        person(vaults["O"], "Ivan Petrov", notes="a note")
    finally:
        for v in vaults.values():
            v.lock()
    return root


@pytest.fixture
def four(_prepared_four: Path, tmp_path: Path) -> Iterator[dict[str, Registry]]:
    """Each test's own copy of the four vaults (they take longer to make than to copy),
    unlocked, in its tmp_path."""
    for n in NAMES:
        shutil.copytree(_prepared_four / n, tmp_path / n)
    vaults = {n: Registry.unlock(tmp_path / n, PASSPHRASE) for n in NAMES}
    yield vaults
    for v in vaults.values():
        v.lock()
