"""Backups: restore with the passphrase alone, refusals that change nothing, damaged vaults."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from registry import backup
from registry.backup import inspect_backup, vault_state
from registry.domain.enums import Kind
from registry.errors import (
    BackupError,
    InvalidInput,
    RegistryError,
    TrustError,
    VaultBusy,
    VaultError,
    WrongPassphrase,
)
from registry.service import Registry
from registry.store import db
from registry.vault import keyfile
from registry.vault.keyfile import FAST_TEST_PARAMS
from registry.vault.layout import VaultPaths
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

SENTINEL_NAME = "Сентинела Резервная"
SENTINEL_NOTE = "QQBACKUPSENTINELNOTE"
SENTINEL_MAIL = "backup.sentinel@example.org"


def _vault(root: Path) -> Registry:
    reg = Registry.create(root, PASSPHRASE, name="Backup Official", org="Test Ministry",
                          country="SE", kdf=FAST_TEST_PARAMS)
    friend = reg.add(Kind.PERSON, {"name": "Обычный Человек", "country": "DE"})
    person = reg.add(Kind.PERSON, {"name": SENTINEL_NAME, "notes": SENTINEL_NOTE,
                                   "email": SENTINEL_MAIL, "inside_russia": True})
    reg.add(Kind.TIE, {"from_id": friend.id, "to_id": person.id, "kind": "contact_inside"})
    return reg


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Path, str]:
    """(vault root, backup file, digest of the vault when backed up); the vault is locked."""
    root = tmp_path / "vault"
    reg = _vault(root)
    target = tmp_path / "safe" / "vault.rbackup"
    target.parent.mkdir()
    try:
        reg.backups.write(target)
        digest = reg.digest()
    finally:
        reg.lock()
    return root, target, digest


def _digest(root: Path, passphrase: str = PASSPHRASE) -> str:
    reg = Registry.unlock(root, passphrase)
    try:
        assert reg.check() == []
        return reg.digest()
    finally:
        reg.lock()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".restore-" in p.name
                  or p.name.startswith(".registry-backup-"))


# -- round trip ---------------------------------------------------------------------------------
def test_backup_wipe_restore_gives_the_same_vault(made: tuple[Path, Path, str]) -> None:
    root, target, digest = made
    from registry.service import wipe_vault

    wipe_vault(root)
    assert not root.exists()
    done = Registry.restore_backup(target, root, PASSPHRASE)
    assert done.kept_aside is None
    assert _digest(root) == digest
    assert (root / "vault.key").stat().st_mode & 0o777 == 0o600
    assert _leftovers(root.parent) == []


def test_restore_to_a_new_place_needs_only_the_file_and_passphrase(
        made: tuple[Path, Path, str], tmp_path: Path) -> None:
    _root, target, digest = made
    elsewhere = tmp_path / "new-machine" / "Registry" / "vault"
    Registry.restore_backup(target, elsewhere, PASSPHRASE)
    assert _digest(elsewhere) == digest
    reg = Registry.unlock(elsewhere, PASSPHRASE)
    try:
        assert reg.identity.name == "Backup Official"
        assert reg.search("Резервная")
    finally:
        reg.lock()


def test_backup_file_is_private_and_verifies(made: tuple[Path, Path, str]) -> None:
    target = made[1]
    assert target.stat().st_mode & 0o777 == 0o600
    manifest = inspect_backup(target)
    assert manifest.to_json()["format"] == "registry-backup/1"
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == sorted(backup.MEMBERS)
        body = json.loads(archive.read("manifest.json"))
    assert set(body) == {"format", "vault_id", "created_at", "app_version", "schema_version",
                         "signer", "members"}


def test_backup_holds_no_plaintext(made: tuple[Path, Path, str]) -> None:
    target = made[1]
    raw = target.read_bytes()
    for secret in (SENTINEL_NAME, SENTINEL_NOTE, SENTINEL_MAIL, "Резервная", "Обычный"):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw
    assert b"SQLite format 3" not in raw
    assert _leftovers(target.parent) == []


def test_backup_after_key_rotation_restores(tmp_path: Path) -> None:
    reg = _vault(tmp_path / "vault")
    try:
        reg.rotate_key(PASSPHRASE)
        reg.backups.write(tmp_path / "b.rbackup")
        digest = reg.digest()
    finally:
        reg.lock()
    Registry.restore_backup(tmp_path / "b.rbackup", tmp_path / "copy", PASSPHRASE)
    assert _digest(tmp_path / "copy") == digest


# -- refusals that change nothing ----------------------------------------------------------------
def _member_offset(path: Path, name: str) -> tuple[int, int]:
    """Where member ``name``'s bytes start in the ZIP file, and how many there are."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    with path.open("rb") as handle:
        handle.seek(info.header_offset + 26)
        name_len, extra_len = struct.unpack("<HH", handle.read(4))
    return info.header_offset + 30 + name_len + extra_len, info.file_size


@pytest.mark.parametrize("member", backup.MEMBERS)
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_flipped_byte_in_any_member_is_refused(
        made: tuple[Path, Path, str], tmp_path: Path, member: str, where: str,
        tree_hash: Callable[[Path], dict[str, str]]) -> None:
    root, target, digest = made
    start, size = _member_offset(target, member)
    pos = start + {"first": 0, "middle": size // 2, "last": size - 1}[where]
    data = bytearray(target.read_bytes())
    data[pos] ^= 0x01
    target.write_bytes(bytes(data))
    before = tree_hash(root)
    with pytest.raises((TrustError, BackupError)):
        inspect_backup(target)
    with pytest.raises((TrustError, BackupError)):
        Registry.restore_backup(target, tmp_path / "fresh", PASSPHRASE)
    with pytest.raises((TrustError, BackupError)):
        Registry.restore_backup(target, root, PASSPHRASE, force=True)
    assert not (tmp_path / "fresh").exists()
    assert tree_hash(root) == before
    assert _digest(root) == digest
    assert _leftovers(root.parent) == []


def test_wrong_passphrase_is_refused_and_changes_nothing(
        made: tuple[Path, Path, str], tmp_path: Path) -> None:
    target = made[1]
    with pytest.raises(WrongPassphrase) as err:
        Registry.restore_backup(target, tmp_path / "fresh", "not the passphrase")
    assert "not the passphrase" not in str(err.value)
    assert not (tmp_path / "fresh").exists()
    assert _leftovers(tmp_path) == []


def test_not_a_backup_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.rbackup"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(BackupError):
        inspect_backup(junk)
    extra = tmp_path / "extra.rbackup"
    with zipfile.ZipFile(extra, "w") as archive:
        for name in (*backup.MEMBERS, "evil.txt"):
            archive.writestr(name, b"x")
    with pytest.raises(BackupError, match="exactly"):
        Registry.restore_backup(extra, tmp_path / "v", PASSPHRASE)


def test_a_backup_signed_by_someone_else_is_refused(
        made: tuple[Path, Path, str], tmp_path: Path) -> None:
    """An attacker re-signs the manifest with their own key: the identity inside differs."""
    target = made[1]
    other = Registry.create(tmp_path / "other", PASSPHRASE, name="Mallory", org="X",
                            country="SE", kdf=FAST_TEST_PARAMS)
    try:
        with zipfile.ZipFile(target) as archive:
            parts = {n: archive.read(n) for n in backup.MEMBERS}
        manifest = backup.parse_manifest(parts["manifest.json"])
        forged = backup.BackupManifest(manifest.vault_id, manifest.created_at, manifest.app_version,
                                 manifest.schema_version, other.identity.fingerprint,
                                 other.identity.minisign_public_key, manifest.members)
        body = forged.to_bytes()
        from registry.sync import minisign

        parts["manifest.json"] = body
        parts["manifest.json.minisig"] = minisign.sign(other.official_keys, body,
                                                       forged.trusted_comment())
    finally:
        other.lock()
    forged_file = tmp_path / "forged.rbackup"
    with zipfile.ZipFile(forged_file, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    inspect_backup(forged_file)  # consistent in itself
    with pytest.raises(TrustError, match="not signed by the official"):
        Registry.restore_backup(forged_file, tmp_path / "fresh", PASSPHRASE)
    assert not (tmp_path / "fresh").exists()


def test_backup_refuses_the_vault_folder_and_existing_files(tmp_path: Path) -> None:
    reg = _vault(tmp_path / "vault")
    try:
        with pytest.raises(InvalidInput, match="inside the vault"):
            reg.backups.write(tmp_path / "vault" / "b.rbackup")
        (tmp_path / "exists.rbackup").write_bytes(b"keep me")
        with pytest.raises(InvalidInput, match="exists"):
            reg.backups.write(tmp_path / "exists.rbackup")
        assert (tmp_path / "exists.rbackup").read_bytes() == b"keep me"
        reg.backups.write(tmp_path / "exists.rbackup", overwrite=True)
        inspect_backup(tmp_path / "exists.rbackup")
    finally:
        reg.lock()


# -- existing vaults at the target ------------------------------------------------------------
def _damage(root: Path) -> None:
    db = root / "registry.db"
    data = bytearray(db.read_bytes())
    for pos in range(4096 * 2 + 100, 4096 * 2 + 200):
        data[pos] ^= 0xFF
    db.write_bytes(bytes(data))


def test_restore_replaces_a_damaged_vault_and_keeps_it_aside(
        made: tuple[Path, Path, str]) -> None:
    root, target, digest = made
    _damage(root)
    assert vault_state(root, PASSPHRASE, Registry.unlock) == "damaged"
    done = Registry.restore_backup(target, root, PASSPHRASE)
    assert done.kept_aside is not None and ".damaged-" in done.kept_aside.name
    assert done.kept_aside.parent == root.parent
    assert (done.kept_aside / "vault.key").exists()
    assert _digest(root) == digest


def test_restore_replaces_a_vault_without_key_file(made: tuple[Path, Path, str]) -> None:
    root, target, digest = made
    (root / "vault.key").unlink()
    assert vault_state(root, PASSPHRASE, Registry.unlock) == "damaged"
    Registry.restore_backup(target, root, PASSPHRASE)
    assert _digest(root) == digest


def test_a_healthy_vault_is_replaced_only_with_force(
        made: tuple[Path, Path, str], tree_hash: Callable[[Path], dict[str, str]]) -> None:
    root, target, digest = made
    reg = Registry.unlock(root, PASSPHRASE)
    reg.add(Kind.PERSON, {"name": "Добавлен Позже"})
    reg.lock()
    before = tree_hash(root)
    with pytest.raises(VaultError, match="--force"):
        Registry.restore_backup(target, root, PASSPHRASE)
    assert tree_hash(root) == before
    done = Registry.restore_backup(target, root, PASSPHRASE, force=True)
    assert done.kept_aside is not None and ".replaced-" in done.kept_aside.name
    assert tree_hash(done.kept_aside) == before
    assert _digest(root) == digest


def test_a_vault_the_passphrase_does_not_open_needs_force(
        made: tuple[Path, Path, str], tmp_path: Path) -> None:
    target = made[1]
    other = tmp_path / "other"
    Registry.create(other, "another passphrase", name="Someone", org="Else", country="SE",
                    kdf=FAST_TEST_PARAMS).lock()
    assert vault_state(other, PASSPHRASE, Registry.unlock) == "unknown"
    with pytest.raises(VaultError, match="cannot be told"):
        Registry.restore_backup(target, other, PASSPHRASE)
    assert _digest(other, "another passphrase")


def test_a_vault_open_elsewhere_is_not_replaced(
        made: tuple[Path, Path, str], tree_hash: Callable[[Path], dict[str, str]]) -> None:
    """An app with the vault open would go on writing to the folder moved aside, and every
    later edit would be lost without a word: the restore is refused, and nothing changes."""
    root, target, digest = made
    app = Registry.unlock(root, PASSPHRASE)
    try:
        before = tree_hash(root)
        with pytest.raises(VaultBusy, match="has the vault open"):
            Registry.restore_backup(target, root, PASSPHRASE, force=True)
        assert tree_hash(root) == before
        assert sorted(p.name for p in root.parent.iterdir()) == ["safe", "vault"]
        later = app.add(Kind.PERSON, {"name": "Добавлена После Отказа"})  # the app goes on
    finally:
        app.lock()
    again = Registry.unlock(root, PASSPHRASE)
    try:
        assert again.get(later.id) is not None
    finally:
        again.lock()
    done = Registry.restore_backup(target, root, PASSPHRASE, force=True)  # once it is closed
    assert done.kept_aside is not None and _digest(root) == digest


def test_an_unlock_under_way_is_not_swapped_under(
        made: tuple[Path, Path, str], tree_hash: Callable[[Path], dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An unlock reads the key file under its lock, then opens the database. A restore that
    found no one with the vault open waits for that lock before moving the folder aside, and
    then finds the vault open (busy, nothing changed): the unlock never opens a vault swapped
    in under it with the key it read from the one moved aside (which may not open it)."""
    root, target, digest = made
    paths = VaultPaths(root)
    before = tree_hash(root)
    read = threading.Event()
    seen: dict[str, bool] = {}
    opened: list[db.Connection] = []

    def unlocking() -> None:
        with keyfile.locked(paths.key):
            keys = keyfile.unseal(paths.key, PASSPHRASE)
            read.set()
            time.sleep(0.5)  # where the restore moved the folder aside
            seen["unchanged"] = tree_hash(root) == before
            opened.append(db.connect(paths.db, keys[0]))

    worker = threading.Thread(target=unlocking)
    found = backup.vault_state

    def found_then_unlock(*args: object) -> str:
        state = found(*args)  # type: ignore[arg-type]
        worker.start()  # the unlock begins once the restore has looked at the vault
        assert read.wait(10)
        return state

    monkeypatch.setattr(backup, "vault_state", found_then_unlock)
    try:
        with pytest.raises(VaultBusy, match="has the vault open"):
            Registry.restore_backup(target, root, PASSPHRASE, force=True)
    finally:
        worker.join()
    assert seen == {"unchanged": True}
    assert sorted(p.name for p in root.parent.iterdir()) == ["safe", "vault"]
    opened[0].close()
    monkeypatch.undo()
    done = Registry.restore_backup(target, root, PASSPHRASE, force=True)  # control: once closed
    assert done.kept_aside is not None and _digest(root) == digest


# -- the command line ------------------------------------------------------------------------------
def test_cli_backup_wipe_restore(cli: Cli, tmp_path: Path) -> None:
    vault, file = tmp_path / "v", tmp_path / "v.rbackup"
    assert cli(vault, "init", "--name", "Anna Berg", "--org", "MFA", "--country", "SE").code == 0
    assert cli(vault, "add", "person", "--name", SENTINEL_NAME).code == 0
    digest = cli(vault, "digest").out.strip()
    made = cli(vault, "backup", str(file), "--json")
    assert made.code == 0, made.err
    assert json.loads(made.out)["format"] == "registry-backup/1"
    assert cli(vault, "backup", str(file)).code == 1  # exists: not overwritten
    assert cli(vault, "restore", str(file)).code == 1  # a healthy vault is there
    assert cli(vault, "wipe", "--yes").code == 0
    assert cli(vault, "restore", str(file), passphrase="wrong passphrase").code == 3
    done = cli(vault, "restore", str(file))
    assert done.code == 0, done.err
    assert cli(vault, "digest").out.strip() == digest
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 1
    file.write_bytes(bytes(data))
    assert cli(tmp_path / "w", "restore", str(file)).code in (1, 4)
    assert SENTINEL_NAME not in made.out + made.err + done.out + done.err


def test_cli_restore_waits_for_the_app_to_close(cli: Cli, tmp_path: Path) -> None:
    """The app and the command are two processes: the restore is refused while the other one
    has the vault open, and works once it closed it."""
    vault, file = tmp_path / "v", tmp_path / "v.rbackup"
    assert cli(vault, "init", "--name", "Anna Berg", "--org", "MFA", "--country", "SE").code == 0
    assert cli(vault, "backup", str(file)).code == 0
    app = subprocess.Popen(
        [sys.executable, "-c", "import sys; from registry.service import Registry; "
         "reg = Registry.unlock(sys.argv[1], sys.argv[2]); print('open', flush=True); "
         "sys.stdin.readline(); reg.lock()", str(vault), PASSPHRASE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=cli.env(None))
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "open"
        refused = cli(vault, "restore", str(file), "--force")
        assert refused.code == 1 and "has the vault open" in refused.err, refused.err
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("v")) == [
            "v", "v.rbackup"]
    finally:
        app.communicate("\n", timeout=60)
    done = cli(vault, "restore", str(file), "--force")
    assert done.code == 0, done.err


def test_cli_rekey_can_back_up_first(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    assert cli(vault, "init", "--name", "Anna Berg", "--org", "MFA", "--country", "SE").code == 0
    result = cli(vault, "rekey", "--backup", str(tmp_path / "before-rekey.rbackup"))
    assert result.code == 0, result.err
    assert (tmp_path / "before-rekey.rbackup").exists()
    Registry.restore_backup(tmp_path / "before-rekey.rbackup", tmp_path / "old", PASSPHRASE)
    with pytest.raises(RegistryError):
        inspect_backup(tmp_path / "missing.rbackup")
