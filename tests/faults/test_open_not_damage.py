"""A vault that cannot be opened because of its disk or folder is never called damaged.

Opening a vault in WAL mode creates its ``-wal`` and ``-shm`` files. A full disk, a folder
that cannot be written or a disk error makes that fail while the vault is whole; "damaged"
would tell the user to restore from a backup, and lets ``restore`` replace the vault without
``--force``. Real damage (a database that does not read back with the right key) still is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

from registry.errors import StorageFull, VaultDamaged, VaultUnavailable
from registry.service import Registry
from registry.store import db
from tests.conftest import Cli
from tests.faults.conftest import fill, make_vault, unfill
from tests.passphrase import PASSPHRASE


def _error(code: int) -> sqlcipher3.Error:
    exc = sqlcipher3.OperationalError("some failure")
    exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize("code", [3, 8, 10, 13, 14])
def test_open_failures_of_disk_or_folder_are_not_damage(tmp_path: Path, code: int) -> None:
    error = db.open_failure(tmp_path / "registry.db", _error(code))
    assert isinstance(error, StorageFull | VaultUnavailable)
    assert "do not restore" in str(error)


@pytest.mark.parametrize("code", [11, 26, 1])
def test_unreadable_database_is_still_damage(tmp_path: Path, code: int) -> None:
    assert isinstance(db.open_failure(tmp_path / "registry.db", _error(code)), VaultDamaged)


def _blocked(vault: Path) -> Path:
    """SQLite cannot create the vault's -wal file (a folder stands in its way), as on a full
    disk or in a folder it may not write: a real open failure of a whole vault, as any user."""
    blocker = vault / "registry.db-wal"
    blocker.mkdir()
    return blocker


def test_unlock_of_a_whole_vault_that_cannot_be_opened_is_not_damaged(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    make_vault(vault).lock()
    blocker = _blocked(vault)
    with pytest.raises(VaultUnavailable) as raised:
        Registry.unlock(vault, PASSPHRASE)
    assert "do not restore" in str(raised.value)
    blocker.rmdir()
    reg = Registry.unlock(vault, PASSPHRASE)  # control: whole all along
    assert reg.check() == []
    reg.lock()


def test_a_damaged_database_is_still_reported_damaged(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    make_vault(vault).lock()
    with (vault / "registry.db").open("r+b") as handle:
        handle.write(b"\xff" * 4096)  # the first page: salt and header gone
    with pytest.raises(VaultDamaged):
        Registry.unlock(vault, PASSPHRASE)


def test_restore_does_not_replace_a_vault_whose_disk_is_the_trouble(tmp_path: Path,
                                                                      cli: Cli) -> None:
    vault = tmp_path / "vault"
    make_vault(vault).lock()
    backup = tmp_path / "b.rbackup"
    assert cli(vault, "backup", str(backup)).code == 0
    blocker = _blocked(vault)
    checked = cli(vault, "check")
    assert checked.code == 1
    assert "do not restore" in checked.err and "Restore it from a backup" not in checked.err
    restored = cli(vault, "restore", str(backup))
    assert restored.code != 0, restored.out
    assert vault.is_dir() and not list(tmp_path.glob("vault.damaged-*"))
    blocker.rmdir()
    assert cli(vault, "check").code == 0


def test_full_disk_says_free_space_not_restore(tmpfs: object, cli: Cli) -> None:
    point = tmpfs(20)  # type: ignore[operator]
    vault = point / "vault"
    make_vault(vault).lock()
    ballast = fill(point, 0)
    try:
        result = cli(vault, "check")
        assert result.code == 1
        assert "full" in result.err and "Free some space" in result.err
        assert "Restore it from a backup" not in result.err
    finally:
        unfill(ballast)
    assert cli(vault, "check").code == 0
    shutil.rmtree(vault)
