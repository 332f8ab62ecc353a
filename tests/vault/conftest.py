"""Shared fixtures for the vault tests: a fast key file and a data key."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from registry.vault.keyfile import FAST_TEST_PARAMS, create_keyfile
from tests.passphrase import PASSPHRASE

VAULT_ID = "0b9c7a4e-5f1d-4c1a-9d3e-2f6b8a7c1d20"


@pytest.fixture
def data_key() -> bytes:
    """A random 256-bit data key."""
    return os.urandom(32)


@pytest.fixture
def keyfile(tmp_path: Path, data_key: bytes) -> Path:
    """A key file sealed with the fast test parameters."""
    path = tmp_path / "vault.key"
    create_keyfile(path, PASSPHRASE, data_key, VAULT_ID, FAST_TEST_PARAMS, allow_weak=True)
    return path
