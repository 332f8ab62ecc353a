"""Who has the vault open (``store.db``): every connection holds a shared lock on the vault's
folder; a restore moves the folder only while it holds it alone (``db.folder_to_itself``).
An unlock meanwhile waits for the swap rather than opening the folder being moved aside, and
is told the vault is busy when the wait is over. ``fsutil.lock_path`` is the one waiting
lock both this and the key file's lock (``vault.keyfile.locked``) take."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from registry import fsutil
from registry.errors import VaultBusy
from registry.service import Registry
from registry.store import db
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE


@pytest.fixture
def root(tmp_path: Path) -> Path:
    Registry.create(tmp_path / "v", PASSPHRASE, name="Lock Official", org="Test Ministry",
                    country="SE", kdf=FAST_TEST_PARAMS).lock()
    return tmp_path / "v"


def test_an_unlock_waits_while_the_folder_is_held_alone(root: Path) -> None:
    """A restore holds the folder for the instant of its swap: an unlock then opens the
    folder at that path once it is let go, not before."""
    taken, released = threading.Event(), threading.Event()
    go = threading.Event()

    def restore() -> None:
        with db.folder_to_itself(root):
            taken.set()
            go.wait(10)
        released.set()

    worker = threading.Thread(target=restore)
    worker.start()
    assert taken.wait(10)
    timer = threading.Timer(0.2, go.set)
    timer.start()
    reg = Registry.unlock(root, PASSPHRASE)
    try:
        assert released.is_set()  # it waited for the holder to let go
    finally:
        reg.lock()
        worker.join()
        timer.join()


def test_an_unlock_is_told_the_vault_is_busy_when_the_wait_is_over(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "FOLDER_WAIT", 0)
    with db.folder_to_itself(root), \
            pytest.raises(VaultBusy, match="has the vault open"):
        Registry.unlock(root, PASSPHRASE)
    Registry.unlock(root, PASSPHRASE).lock()  # control: once let go


def test_a_folder_missing_for_an_instant_is_waited_for(tmp_path: Path) -> None:
    folder = tmp_path / "swapped"
    timer = threading.Timer(0.2, folder.mkdir)
    timer.start()
    try:
        fd = fsutil.lock_path(folder, shared=True, wait=10, missing_waits=True)
    finally:
        timer.join()
    assert fd is not None
    os.close(fd)
    assert fsutil.lock_path(tmp_path / "never", shared=True, wait=0) is None  # not waited for
    with pytest.raises(TimeoutError):  # waited for, as a holder is, then given up
        fsutil.lock_path(tmp_path / "never", shared=True, wait=0, missing_waits=True)


def test_the_lock_is_of_what_is_at_the_path_now(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder moved aside while its lock was being taken is let go, and the one now at
    the path is locked instead (a restore swapped them)."""
    folder = tmp_path / "vault"
    folder.mkdir()
    real = fsutil._same_file
    calls: list[int] = []

    def moved_once(path: Path, fd: int) -> bool:
        calls.append(fd)
        if len(calls) == 1:
            folder.rename(tmp_path / "vault.replaced")
            folder.mkdir()
        return real(path, fd)

    monkeypatch.setattr(fsutil, "_same_file", moved_once)
    fd = fsutil.lock_path(folder, shared=False, wait=10)
    assert fd is not None and len(calls) == 2
    try:
        held = Path(f"/proc/self/fd/{fd}").resolve()
        assert held == folder.resolve()
    finally:
        os.close(fd)
