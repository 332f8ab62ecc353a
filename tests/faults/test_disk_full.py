"""A full disk during writes and imports (a small tmpfs filled with a ballast file).

Every write that does not fit fails with a clear error that says what to do; the vault
stays whole: once space is freed it reopens, passes check, and holds exactly what it held
before (digest equal) — no half-applied import. Includes the case where SQLite reports the
full disk as an I/O error *after* the transaction reached the WAL (growing the -shm file):
the failed import must not come back when the process dies before closing the vault.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from registry import backup, demo
from registry.domain.enums import Kind
from registry.errors import StorageFull
from registry.interop.importer import SpreadsheetImport
from registry.service import Registry
from registry.vault import keyfile
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli
from tests.faults.conftest import fill, make_vault, unfill
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, send

LEAVE = 256 * 1024  # bytes left free: far less than any of the writes below needs


def assert_says_disk_full(exc: BaseException) -> None:
    text = str(exc)
    assert "disk is full" in text and "Free some space" in text, text


def reopen_same(root: Path, digest: str, passphrase: str = PASSPHRASE) -> Registry:
    reg = Registry.unlock(root, passphrase)
    assert reg.check() == []
    assert reg.digest() == digest
    return reg


def seeded(root: Path, people: int = 300) -> Registry:
    reg = make_vault(root)
    with reg.store.write():
        demo.generate(reg.store, demo.DemoSize(people=people, organisations=30, ties=300, seed=3))
    return reg


def test_large_local_write_on_full_disk(tmpfs) -> None:
    disk = tmpfs(12)
    reg = seeded(disk / "v")
    before = reg.digest()
    ballast = fill(disk, LEAVE)
    with pytest.raises(StorageFull) as info, reg.store.write():
        demo.generate(reg.store, demo.DemoSize(people=5000, organisations=50, ties=5000, seed=9))
    assert_says_disk_full(info.value)
    assert reg.digest() == before and reg.check() == []
    reg.lock()
    unfill(ballast)
    reopen_same(disk / "v", before).lock()


def test_adds_until_disk_full_keep_every_acknowledged_record(tmpfs) -> None:
    disk = tmpfs(8)
    reg = seeded(disk / "v", people=50)
    people = reg.store.counts()["person"]
    ballast = fill(disk, 2 * 1024 * 1024)
    acknowledged = []
    with pytest.raises(StorageFull) as info:
        for n in range(100_000):
            record = reg.add(Kind.PERSON, {"name": f"Person {n}", "notes": "x" * 3000})
            acknowledged.append(record.id)
    assert_says_disk_full(info.value)
    assert acknowledged, "the disk filled before the first add"
    reg.lock()
    unfill(ballast)
    reg = Registry.unlock(disk / "v", PASSPHRASE)
    try:
        assert reg.check() == []
        assert reg.store.counts()["person"] == people + len(acknowledged)
        assert all(reg.store.get(i) is not None for i in acknowledged)
    finally:
        reg.lock()
    print(f"disk full after {len(acknowledged)} acknowledged adds; all kept")


def test_bundle_import_on_full_disk_is_all_or_nothing(tmpfs, tmp_path: Path) -> None:
    sender = seeded(tmp_path / "sender", people=3000)
    disk = tmpfs(12)
    reg = seeded(disk / "v", people=100)
    introduce(sender, reg)
    bundle = send(sender, [reg], tmp_path / "big.rbundle")
    sender.lock()
    before = reg.digest()
    ballast = fill(disk, LEAVE)
    with pytest.raises(StorageFull) as info:
        reg.sharing.import_bundles([bundle])
    assert_says_disk_full(info.value)
    assert reg.digest() == before and reg.sharing.history() == []
    reg.lock()
    unfill(ballast)
    reg = reopen_same(disk / "v", before)
    try:
        assert reg.sharing.history() == []
        [report] = reg.sharing.import_bundles([bundle])  # with room again, it goes through
        assert report.counts["new"] > 2000 and reg.check() == []
    finally:
        reg.lock()


def big_csv(path: Path, rows: int) -> Path:
    lines = ["kind,name,country,notes"]
    lines += [f"person,Imported Person {n},DE,{'note ' * 40}" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_spreadsheet_import_on_full_disk_is_all_or_nothing(tmpfs, tmp_path: Path) -> None:
    disk = tmpfs(10)
    reg = seeded(disk / "v", people=100)
    before = reg.digest()
    ballast = fill(disk, LEAVE)
    with pytest.raises(StorageFull) as info:
        SpreadsheetImport(reg, big_csv(tmp_path / "people.csv", 5000)).run()
    assert_says_disk_full(info.value)
    assert reg.digest() == before
    reg.lock()
    unfill(ballast)
    reopen_same(disk / "v", before).lock()


def test_cli_reports_a_full_disk_without_a_traceback(tmpfs, tmp_path: Path, cli: Cli) -> None:
    disk = tmpfs(10)
    root = disk / "v"
    Registry.create(root, PASSPHRASE, name="Cli", org="Org", country="SE",
                    kdf=FAST_TEST_PARAMS).lock()
    csv = big_csv(tmp_path / "people.csv", 5000)
    before = Registry.unlock(root, PASSPHRASE)
    digest = before.digest()
    before.lock()
    ballast = fill(disk, LEAVE)
    result = cli(root, "import", str(csv))
    assert result.code == 1, result
    assert "disk is full" in result.err and "Traceback" not in result.err, result.err
    unfill(ballast)
    reopen_same(root, digest, PASSPHRASE).lock()


# -- an I/O error after the transaction reached the WAL --------------------------------------------
CHILD = r"""
import os, sys
from pathlib import Path
from registry import backup, demo
from registry.errors import RegistryError
from registry.service import Registry
from tests.faults.conftest import fill, unfill

root, need, passphrase = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
reg = Registry.unlock(root, passphrase)
for extra in (0, 4096, 8192, 12288, 16384):
    ballast = fill(root.parent, need + extra)
    try:
        with reg.store.write():
            demo.generate(reg.store, demo.DemoSize(people=25000, organisations=50, ties=10000,
                                                   seed=5))
    except RegistryError as exc:
        code = getattr(exc.__context__, "sqlite_errorname", "")
        wal = root / "registry.db-wal"
        print(extra, type(exc).__name__, code, wal.stat().st_size if wal.exists() else 0,
              flush=True)
        if code == "SQLITE_IOERR":
            os._exit(0)  # die like kill -9: no close, no checkpoint
        unfill(ballast)
        continue
    print("committed", flush=True)
    os._exit(0)
os._exit(0)
"""


@pytest.mark.slow
def test_io_error_after_the_wal_is_settled_as_not_written(tmpfs, tmp_path: Path) -> None:
    """SQLite writes the whole transaction to the WAL, then fails to grow the -shm file and
    says "disk I/O error". The connection sees nothing; before the fix, crash recovery
    brought the transaction back. Now it is StorageFull, the WAL is truncated, and a process
    that dies right after finds nothing on reopening."""
    disk = tmpfs(64)
    root = disk / "v"
    make_vault(root).lock()
    probe = tmp_path / "probe"
    shutil.copytree(root, probe)
    reg = Registry.unlock(probe, PASSPHRASE)
    with reg.store.write():
        demo.generate(reg.store, demo.DemoSize(people=25000, organisations=50, ties=10000, seed=5))
    need = (probe / "registry.db-wal").stat().st_size
    reg.lock()
    reg = Registry.unlock(root, PASSPHRASE)
    before = reg.digest()
    reg.lock()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, "-c", CHILD, str(root), str(need), PASSPHRASE], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "committed" not in lines, lines
    hit = [line.split() for line in lines if "SQLITE_IOERR" in line]
    assert hit, f"the I/O-error window was not hit: {lines}"
    assert hit[0][1] == "StorageFull" and hit[0][3] == "0", hit  # reported full; WAL truncated
    unfill(disk / "ballast")
    reg = reopen_same(root, before)
    try:
        assert reg.store.counts()["person"] == 0
    finally:
        reg.lock()
    print(f"I/O error after the WAL: {lines}")


def test_a_rotation_or_a_backup_on_a_full_disk_says_so_and_changes_nothing(tmpfs) -> None:
    """A rekey rewrites the database through a journal its size, a backup copies it: on a
    disk without that room both said "failed unexpectedly (OperationalError)" and sent the
    user to check a vault that was fine (was)."""
    disk = tmpfs(24)
    seeded(disk / "v", people=2000).lock()  # closed: what the WAL held is in the database
    reg = Registry.unlock(disk / "v", PASSPHRASE)
    before = reg.digest()
    ballast = fill(disk, LEAVE)
    with pytest.raises(StorageFull, match="the data key was not changed") as info:
        reg.rotate_key(PASSPHRASE)
    assert_says_disk_full(info.value)
    with pytest.raises(StorageFull, match="the backup was not written") as info:
        backup.write_backup(reg, disk / "v.rbackup")
    assert_says_disk_full(info.value)
    assert not (disk / "v.rbackup").exists()
    assert not keyfile.read_header(disk / "v" / "vault.key").has_staged  # none left staged
    assert reg.digest() == before and reg.check() == []
    reg.lock()
    unfill(ballast)
    reg = reopen_same(disk / "v", before)
    reg.rotate_key(PASSPHRASE)  # with room, it goes through
    reg.lock()
    reopen_same(disk / "v", before).lock()
