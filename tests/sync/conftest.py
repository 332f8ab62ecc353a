"""Shared fixtures for the sync layer: keys and the stock ``age``/``minisign`` tools."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.service import Registry
from registry.sync.keys import OfficialKeys


def require_tool(name: str) -> str:
    """Path of a stock tool; skip the test when it is absent, unless running in CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (apt-get install -y age minisign)")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def alice() -> OfficialKeys:
    """One official's keys, shared by the session (generation is cheap but not free)."""
    return OfficialKeys.generate()


@pytest.fixture(scope="session")
def bob() -> OfficialKeys:
    """A second official."""
    return OfficialKeys.generate()


def _three(tmp_path: Path, names: tuple[str, str, str]
           ) -> Iterator[tuple[Registry, Registry, Registry]]:
    from .vaults import introduce, make_vault

    vaults = [make_vault(tmp_path, n) for n in names]
    introduce(*vaults)
    yield vaults[0], vaults[1], vaults[2]
    for v in vaults:
        v.lock()


@pytest.fixture
def rca(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    """Three officials who know each other: R (receives), C (a trusted colleague), A."""
    yield from _three(tmp_path, ("R", "C", "A"))


@pytest.fixture
def rcad(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry, Registry]]:
    """Four officials who know each other: R (receives), C (a trusted colleague), A, and D
    (a later recipient of R's exports)."""
    from .vaults import introduce, make_vault

    vaults = [make_vault(tmp_path, n) for n in ("R", "C", "A", "D")]
    introduce(*vaults)
    yield vaults[0], vaults[1], vaults[2], vaults[3]
    for v in vaults:
        v.lock()


@pytest.fixture
def abm(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    """A (the victim), B (an honest colleague) and M (whose laptop was seized)."""
    yield from _three(tmp_path, ("A", "B", "M"))


@pytest.fixture
def rsca(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry, Registry]]:
    """R (takes the seized colleague's bundles), S (the reference: takes only the honest
    ones), C (whose laptop was seized) and A (honest), who know each other."""
    from .vaults import trusted

    with trusted(tmp_path, "R", "S", "C", "A") as vaults:
        yield vaults[0], vaults[1], vaults[2], vaults[3]


@pytest.fixture
def officials(tmp_path: Path) -> Iterator[dict[str, Registry]]:
    """Six officials who know each other, by name: R and S as in ``rsca``; C and D, whose
    laptops may be seized; A and B, honest."""
    from .vaults import trusted

    with trusted(tmp_path, "R", "S", "C", "D", "A", "B") as vaults:
        yield {v.identity.name: v for v in vaults}
