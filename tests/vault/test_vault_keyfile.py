"""The key file: sealing, unsealing, tampering, passphrase change, key rotation, wipe."""

from __future__ import annotations

import base64
import errno
import json
import os
import stat
import time
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from registry import fsutil
from registry.errors import InvalidInput, StorageFull, VaultBusy, VaultError, WrongPassphrase
from registry.vault import keyfile as keyfile_module
from registry.vault.keyfile import (
    FAST_TEST_PARAMS,
    MIN_MEMORY_KIB,
    KdfParams,
    commit_staged,
    create_keyfile,
    discard_staged,
    read_header,
    reseal,
    stage_key,
    unseal,
    wipe_keyfile,
)

from .conftest import PASSPHRASE, VAULT_ID

NEW_PASSPHRASE = "a different, longer passphrase"


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def save(path: Path, body: dict[str, Any]) -> None:
    path.write_text(json.dumps(body, indent=2))


def other_b64(value: str) -> str:
    """Another valid, canonical base64 string of the same length (first byte changed)."""
    raw = bytearray(base64.b64decode(value))
    raw[0] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


# -- create and unseal ---------------------------------------------------------------------


def test_round_trip(keyfile: Path, data_key: bytes) -> None:
    keys = unseal(keyfile, PASSPHRASE)
    assert keys == [bytearray(data_key)]
    assert all(isinstance(key, bytearray) for key in keys)


def test_key_file_layout(keyfile: Path) -> None:
    body = load(keyfile)
    assert body["format"] == "registry-vault/1"
    assert body["vault_id"] == VAULT_ID
    assert body["kdf"]["algorithm"] == "argon2id"
    assert (body["kdf"]["memory_kib"], body["kdf"]["iterations"], body["kdf"]["lanes"]) == (
        FAST_TEST_PARAMS.memory_kib, FAST_TEST_PARAMS.iterations, FAST_TEST_PARAMS.lanes)
    assert len(base64.b64decode(body["kdf"]["salt"])) == 32
    assert body["sealed"]["aead"] == "chacha20poly1305"
    assert len(base64.b64decode(body["sealed"]["nonce"])) == 12
    assert len(base64.b64decode(body["sealed"]["ciphertext"])) == 48
    assert "staged" not in body


def test_key_never_written_in_clear(tmp_path: Path, data_key: bytes) -> None:
    path = tmp_path / "vault.key"
    create_keyfile(path, PASSPHRASE, data_key, VAULT_ID, FAST_TEST_PARAMS, allow_weak=True)
    raw = path.read_bytes()
    assert data_key not in raw
    assert data_key.hex().encode() not in raw
    assert base64.b64encode(data_key) not in raw
    assert PASSPHRASE.encode() not in raw


def test_file_mode_0600_and_no_temp_left(keyfile: Path) -> None:
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    assert sorted(p.name for p in keyfile.parent.iterdir()) == ["vault.key"]


def test_bytearray_key_accepted(tmp_path: Path, data_key: bytes) -> None:
    path = tmp_path / "vault.key"
    create_keyfile(path, PASSPHRASE, bytearray(data_key), VAULT_ID, FAST_TEST_PARAMS,
                   allow_weak=True)
    assert unseal(path, PASSPHRASE) == [bytearray(data_key)]


def test_salts_differ_between_files(tmp_path: Path, data_key: bytes) -> None:
    for name in ("a.key", "b.key"):
        create_keyfile(tmp_path / name, PASSPHRASE, data_key, VAULT_ID, FAST_TEST_PARAMS,
                       allow_weak=True)
    assert load(tmp_path / "a.key")["kdf"]["salt"] != load(tmp_path / "b.key")["kdf"]["salt"]


def test_read_header_needs_no_passphrase(keyfile: Path) -> None:
    header = read_header(keyfile)
    assert header.vault_id == VAULT_ID
    assert header.format == "registry-vault/1"
    assert header.kdf == FAST_TEST_PARAMS
    assert header.has_staged is False


def test_wrong_passphrase(keyfile: Path) -> None:
    with pytest.raises(WrongPassphrase) as info:
        unseal(keyfile, "correct horse battery stapler")
    assert PASSPHRASE not in str(info.value)
    with pytest.raises(WrongPassphrase):
        unseal(keyfile, "")


def test_passphrase_unicode_normalised(tmp_path: Path, data_key: bytes) -> None:
    composed = "пароль ёлка café"
    path = tmp_path / "vault.key"
    create_keyfile(path, unicodedata.normalize("NFC", composed), data_key, VAULT_ID,
                   FAST_TEST_PARAMS, allow_weak=True)
    assert unseal(path, unicodedata.normalize("NFD", composed)) == [bytearray(data_key)]


def test_non_text_passphrase_refused(keyfile: Path) -> None:
    not_text: Any = b"bytes"
    with pytest.raises(InvalidInput):
        unseal(keyfile, not_text)


def test_undecodable_passphrase_refused(keyfile: Path) -> None:
    with pytest.raises(InvalidInput, match="not valid text"):
        unseal(keyfile, "pass\udcffword")


# -- refusals on create ----------------------------------------------------------------------


def test_create_refuses_existing_file(keyfile: Path, data_key: bytes) -> None:
    before = keyfile.read_bytes()
    with pytest.raises(VaultError, match="already exists"):
        create_keyfile(keyfile, PASSPHRASE, data_key, VAULT_ID, FAST_TEST_PARAMS,
                       allow_weak=True)
    assert keyfile.read_bytes() == before


def test_create_refuses_weak_params_by_default(tmp_path: Path, data_key: bytes) -> None:
    path = tmp_path / "vault.key"
    weak = KdfParams(MIN_MEMORY_KIB - 1024, 3, 4)
    with pytest.raises(InvalidInput, match="too weak"):
        create_keyfile(path, PASSPHRASE, data_key, VAULT_ID, weak)
    with pytest.raises(InvalidInput, match="too weak"):
        create_keyfile(path, PASSPHRASE, data_key, VAULT_ID, FAST_TEST_PARAMS)
    assert not path.exists()


def test_create_accepts_floor_params(tmp_path: Path, data_key: bytes) -> None:
    path = tmp_path / "vault.key"
    create_keyfile(path, PASSPHRASE, data_key, VAULT_ID, KdfParams(MIN_MEMORY_KIB, 1, 4))
    assert read_header(path).kdf.memory_kib == MIN_MEMORY_KIB


@pytest.mark.parametrize("params", [
    KdfParams(4096, 1, 1),                 # below the absolute floor, even with allow_weak
    KdfParams(2 * 1024 * 1024, 1, 1),      # above 1 GiB
    KdfParams(65536, 0, 1),
    KdfParams(65536, 17, 1),
    KdfParams(65536, 1, 0),
    KdfParams(65536, 1, 17),
    KdfParams(1024 * 1024, 5, 4),          # memory x passes over the work cap
    KdfParams(65536.0, 1, 1),  # type: ignore[arg-type]
    KdfParams(65536, True, 1),
])
def test_create_refuses_out_of_range_params(tmp_path: Path, data_key: bytes,
                                            params: KdfParams) -> None:
    with pytest.raises(InvalidInput):
        create_keyfile(tmp_path / "vault.key", PASSPHRASE, data_key, VAULT_ID, params,
                       allow_weak=True)


@pytest.mark.parametrize("key", [b"", b"\x01" * 16, b"\x02" * 33, "0" * 32],
                         ids=["empty", "16-bytes", "33-bytes", "text"])
def test_create_refuses_bad_key(tmp_path: Path, key: Any) -> None:
    with pytest.raises(InvalidInput, match="32 bytes"):
        create_keyfile(tmp_path / "vault.key", PASSPHRASE, key, VAULT_ID, FAST_TEST_PARAMS,
                       allow_weak=True)


@pytest.mark.parametrize("vault_id", ["", "a" * 129, "has space", "ключ", "a/b", None, 7])
def test_create_refuses_bad_vault_id(tmp_path: Path, data_key: bytes, vault_id: Any) -> None:
    with pytest.raises(InvalidInput, match="vault id"):
        create_keyfile(tmp_path / "vault.key", PASSPHRASE, data_key, vault_id,
                       FAST_TEST_PARAMS, allow_weak=True)


@pytest.mark.parametrize("passphrase", ["", None, b"bytes"])
def test_create_refuses_bad_passphrase(tmp_path: Path, data_key: bytes,
                                       passphrase: Any) -> None:
    with pytest.raises(InvalidInput, match="passphrase"):
        create_keyfile(tmp_path / "vault.key", passphrase, data_key, VAULT_ID,
                       FAST_TEST_PARAMS, allow_weak=True)


# -- tampering: every bound field fails authentication -------------------------------------


def _edit_memory(body: dict[str, Any]) -> None:
    body["kdf"]["memory_kib"] += 1024


def _edit_iterations(body: dict[str, Any]) -> None:
    body["kdf"]["iterations"] += 1


def _edit_lanes(body: dict[str, Any]) -> None:
    body["kdf"]["lanes"] += 1


def _edit_salt(body: dict[str, Any]) -> None:
    body["kdf"]["salt"] = other_b64(body["kdf"]["salt"])


def _edit_vault_id(body: dict[str, Any]) -> None:
    body["vault_id"] = "another-vault"


def _edit_nonce(body: dict[str, Any]) -> None:
    body["sealed"]["nonce"] = other_b64(body["sealed"]["nonce"])


def _edit_ciphertext(body: dict[str, Any]) -> None:
    body["sealed"]["ciphertext"] = other_b64(body["sealed"]["ciphertext"])


@pytest.mark.parametrize("edit", [_edit_memory, _edit_iterations, _edit_lanes, _edit_salt,
                                  _edit_vault_id, _edit_nonce, _edit_ciphertext])
def test_tampered_field_fails_closed(keyfile: Path, edit: Any) -> None:
    body = load(keyfile)
    edit(body)
    save(keyfile, body)
    read_header(keyfile)  # still well-formed: the failure is the AEAD's
    with pytest.raises(WrongPassphrase):
        unseal(keyfile, PASSPHRASE)


def test_sealed_and_staged_cannot_be_swapped(keyfile: Path) -> None:
    stage_key(keyfile, PASSPHRASE, os.urandom(32))
    body = load(keyfile)
    body["sealed"], body["staged"] = body["staged"], body["sealed"]
    save(keyfile, body)
    with pytest.raises(WrongPassphrase):
        unseal(keyfile, PASSPHRASE)


def test_tampered_staged_slot_is_damage(keyfile: Path) -> None:
    stage_key(keyfile, PASSPHRASE, os.urandom(32))
    body = load(keyfile)
    body["staged"]["ciphertext"] = other_b64(body["staged"]["ciphertext"])
    save(keyfile, body)
    with pytest.raises(VaultError, match="damaged") as info:
        unseal(keyfile, PASSPHRASE)
    assert not isinstance(info.value, WrongPassphrase)


# -- malformed and hostile files ------------------------------------------------------------


def _set(*keys: str, value: Any) -> Any:
    def edit(body: dict[str, Any]) -> None:
        target = body
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return edit


def _drop(*keys: str) -> Any:
    def edit(body: dict[str, Any]) -> None:
        target = body
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]
    return edit


MALFORMED = {
    "format": _set("format", value="registry-vault/2"),
    "format-missing": _drop("format"),
    "extra-field": _set("comment", value="hello"),
    "missing-sealed": _drop("sealed"),
    "vault-id-type": _set("vault_id", value=12),
    "vault-id-chars": _set("vault_id", value="../../etc"),
    "kdf-type": _set("kdf", value="argon2id"),
    "kdf-extra": _set("kdf", "version", value=19),
    "kdf-missing": _drop("kdf", "lanes"),
    "algorithm": _set("kdf", "algorithm", value="scrypt"),
    "memory-float": _set("kdf", "memory_kib", value=8192.0),
    "memory-string": _set("kdf", "memory_kib", value="8192"),
    "iterations-bool": _set("kdf", "iterations", value=True),
    "iterations-null": _set("kdf", "iterations", value=None),
    "lanes-negative": _set("kdf", "lanes", value=-1),
    "salt-short": _set("kdf", "salt", value=base64.b64encode(b"x" * 16).decode()),
    "salt-not-b64": _set("kdf", "salt", value="!" * 44),
    "salt-type": _set("kdf", "salt", value=[1, 2]),
    "salt-non-ascii": _set("kdf", "salt", value="é" * 44),
    "salt-huge": _set("kdf", "salt", value="A" * 4000),
    "sealed-type": _set("sealed", value=[]),
    "sealed-extra": _set("sealed", "tag", value=""),
    "aead": _set("sealed", "aead", value="aes-256-gcm"),
    "nonce-long": _set("sealed", "nonce", value=base64.b64encode(b"n" * 24).decode()),
    "nonce-unpadded": _set("sealed", "nonce", value="AAAAAAAAAAAAAAAA"[:15]),
    "ciphertext-short": _set("sealed", "ciphertext", value=base64.b64encode(b"c" * 32).decode()),
    "staged-type": _set("staged", value=None),
}


@pytest.mark.parametrize("edit", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_field_is_damage(keyfile: Path, edit: Any) -> None:
    body = load(keyfile)
    edit(body)
    save(keyfile, body)
    with pytest.raises(VaultError, match="damaged or of an unknown format") as info:
        unseal(keyfile, PASSPHRASE)
    assert not isinstance(info.value, WrongPassphrase)
    with pytest.raises(VaultError, match="damaged or of an unknown format"):
        read_header(keyfile)


def test_non_canonical_base64_refused(keyfile: Path) -> None:
    body = load(keyfile)
    salt = body["kdf"]["salt"]       # 32 bytes -> 43 chars + "=", last char has 2 spare bits
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(salt[42])
    body["kdf"]["salt"] = salt[:42] + alphabet[last ^ 0x01] + "="  # same bytes, other bits
    assert base64.b64decode(body["kdf"]["salt"]) == base64.b64decode(salt)
    save(keyfile, body)
    with pytest.raises(VaultError, match="kdf salt"):
        read_header(keyfile)


@pytest.mark.parametrize("raw", [
    b"", b"not json", b"[]", b'"string"', b"\xff\xfe{}", b"[" * 60000 + b"]" * 10,
    b'{"format": "registry-vault/1", "format": "registry-vault/1"}',
    b'{"format": NaN}', b'{"format": "registry-vault/1", "kdf": {"memory_kib": Infinity}}',
    b'{"a": 1' + b"9" * 5000 + b"}",
])
def test_garbage_is_damage(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "vault.key"
    path.write_bytes(raw)
    with pytest.raises(VaultError, match="damaged or of an unknown format") as info:
        unseal(path, PASSPHRASE)
    assert not isinstance(info.value, WrongPassphrase)


def test_oversized_file_refused_before_parsing(keyfile: Path) -> None:
    body = load(keyfile)
    text = json.dumps(body, indent=2)
    keyfile.write_text(text + " " * (64 * 1024 - len(text) + 1))
    with pytest.raises(VaultError, match="too large"):
        read_header(keyfile)


@pytest.mark.parametrize("kdf", [
    {"memory_kib": 2**31},
    {"memory_kib": 2**62},
    {"iterations": 10**9},
    {"lanes": 2**24},
    {"memory_kib": 1024 * 1024, "iterations": 16},
    {"memory_kib": 10**10},
])
def test_hostile_params_refused_quickly(keyfile: Path, kdf: dict[str, int],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused from the parameters alone: the key derivation never runs (it would take
    minutes, or gigabytes, with them)."""
    body = load(keyfile)
    body["kdf"].update(kdf)
    save(keyfile, body)
    derived: list[object] = []
    monkeypatch.setattr(keyfile_module, "derive", lambda *a: derived.append(a))
    with pytest.raises(VaultError, match="damaged or of an unknown format"):
        unseal(keyfile, PASSPHRASE)
    assert derived == []


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="No vault key file"):
        unseal(tmp_path / "vault.key", PASSPHRASE)


def test_unreadable_path(tmp_path: Path) -> None:
    (tmp_path / "vault.key").mkdir()
    with pytest.raises(VaultError, match="cannot be read"):
        read_header(tmp_path / "vault.key")


# -- change passphrase ---------------------------------------------------------------------


def test_reseal_keeps_key_and_changes_passphrase(keyfile: Path, data_key: bytes) -> None:
    salt_before = load(keyfile)["kdf"]["salt"]
    reseal(keyfile, PASSPHRASE, NEW_PASSPHRASE)
    assert unseal(keyfile, NEW_PASSPHRASE) == [bytearray(data_key)]
    with pytest.raises(WrongPassphrase):
        unseal(keyfile, PASSPHRASE)
    assert load(keyfile)["kdf"]["salt"] != salt_before
    assert read_header(keyfile).kdf == FAST_TEST_PARAMS
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    assert sorted(p.name for p in keyfile.parent.iterdir()) == ["vault.key"]


def test_reseal_with_new_params(keyfile: Path, data_key: bytes) -> None:
    stronger = KdfParams(16 * 1024, 2, 2)
    reseal(keyfile, PASSPHRASE, NEW_PASSPHRASE, stronger, allow_weak=True)
    assert read_header(keyfile).kdf == stronger
    assert unseal(keyfile, NEW_PASSPHRASE) == [bytearray(data_key)]


def test_reseal_refuses_weak_new_params(keyfile: Path) -> None:
    before = keyfile.read_bytes()
    with pytest.raises(InvalidInput, match="too weak"):
        reseal(keyfile, PASSPHRASE, NEW_PASSPHRASE, FAST_TEST_PARAMS)
    assert keyfile.read_bytes() == before


def test_reseal_wrong_old_passphrase_changes_nothing(keyfile: Path) -> None:
    before = keyfile.read_bytes()
    with pytest.raises(WrongPassphrase):
        reseal(keyfile, "wrong", NEW_PASSPHRASE)
    assert keyfile.read_bytes() == before


def test_reseal_refuses_empty_new_passphrase(keyfile: Path) -> None:
    with pytest.raises(InvalidInput):
        reseal(keyfile, PASSPHRASE, "")


def test_reseal_keeps_staged_key(keyfile: Path, data_key: bytes) -> None:
    new_key = os.urandom(32)
    stage_key(keyfile, PASSPHRASE, new_key)
    reseal(keyfile, PASSPHRASE, NEW_PASSPHRASE)
    assert unseal(keyfile, NEW_PASSPHRASE) == [bytearray(data_key), bytearray(new_key)]


def test_reseal_shreds_previous_version(keyfile: Path) -> None:
    """The replaced inode is overwritten, so the old sealed key does not linger in it."""
    before = keyfile.read_bytes()
    with open(keyfile, "rb") as old:  # keeps the old inode reachable after the replace
        reseal(keyfile, PASSPHRASE, NEW_PASSPHRASE)
        stale = old.read()
    assert len(stale) == len(before)
    assert stale != before
    assert b"registry-vault" not in stale


def test_reseal_spares_hard_linked_copy(keyfile: Path) -> None:
    """A second name for the old file (a hard-linked backup) is not destroyed."""
    backup = keyfile.parent / "backup-vault.key"
    os.link(keyfile, backup)
    before = backup.read_bytes()
    reseal(keyfile, PASSPHRASE, NEW_PASSPHRASE)
    assert backup.read_bytes() == before
    assert unseal(backup, PASSPHRASE)


def test_failed_write_leaves_old_file_and_no_temp(keyfile: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk during the write: the old file still opens, no temp file remains."""
    before = keyfile.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(StorageFull):
        reseal(keyfile, PASSPHRASE, NEW_PASSPHRASE)
    monkeypatch.undo()
    assert keyfile.read_bytes() == before
    assert sorted(p.name for p in keyfile.parent.iterdir()) == ["vault.key"]
    assert unseal(keyfile, PASSPHRASE)


# -- key rotation ----------------------------------------------------------------------------


def test_stage_then_commit(keyfile: Path, data_key: bytes) -> None:
    new_key = os.urandom(32)
    stage_key(keyfile, PASSPHRASE, new_key)
    assert read_header(keyfile).has_staged
    assert unseal(keyfile, PASSPHRASE) == [bytearray(data_key), bytearray(new_key)]
    commit_staged(keyfile, PASSPHRASE)
    assert unseal(keyfile, PASSPHRASE) == [bytearray(new_key)]
    assert not read_header(keyfile).has_staged
    assert "staged" not in load(keyfile)
    commit_staged(keyfile, PASSPHRASE)  # idempotent
    assert unseal(keyfile, PASSPHRASE) == [bytearray(new_key)]


def test_stage_then_discard(keyfile: Path, data_key: bytes) -> None:
    stage_key(keyfile, PASSPHRASE, bytearray(os.urandom(32)))
    discard_staged(keyfile, PASSPHRASE)
    assert unseal(keyfile, PASSPHRASE) == [bytearray(data_key)]
    discard_staged(keyfile, PASSPHRASE)
    assert unseal(keyfile, PASSPHRASE) == [bytearray(data_key)]


def test_stage_refused_while_rotation_unfinished(keyfile: Path) -> None:
    first = os.urandom(32)
    stage_key(keyfile, PASSPHRASE, first)
    with pytest.raises(VaultError, match="unfinished"):
        stage_key(keyfile, PASSPHRASE, os.urandom(32))
    assert unseal(keyfile, PASSPHRASE)[1] == bytearray(first)


def test_stage_needs_right_passphrase(keyfile: Path) -> None:
    before = keyfile.read_bytes()
    with pytest.raises(WrongPassphrase):
        stage_key(keyfile, "wrong", os.urandom(32))
    with pytest.raises(WrongPassphrase):
        commit_staged(keyfile, "wrong")
    assert keyfile.read_bytes() == before


def test_commit_needs_right_passphrase_mid_rotation(keyfile: Path, data_key: bytes) -> None:
    stage_key(keyfile, PASSPHRASE, os.urandom(32))
    before = keyfile.read_bytes()
    with pytest.raises(WrongPassphrase):
        commit_staged(keyfile, "wrong")
    assert keyfile.read_bytes() == before


def test_stage_refuses_bad_key(keyfile: Path) -> None:
    with pytest.raises(InvalidInput):
        stage_key(keyfile, PASSPHRASE, b"short")


def test_rotation_files_stay_private(keyfile: Path) -> None:
    stage_key(keyfile, PASSPHRASE, os.urandom(32))
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    commit_staged(keyfile, PASSPHRASE)
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    assert sorted(p.name for p in keyfile.parent.iterdir()) == ["vault.key"]


# -- wipe ------------------------------------------------------------------------------------


def test_wipe_removes_file_and_is_idempotent(keyfile: Path) -> None:
    wipe_keyfile(keyfile)
    assert not keyfile.exists()
    assert list(keyfile.parent.iterdir()) == []
    wipe_keyfile(keyfile)
    with pytest.raises(VaultError, match="No vault key file"):
        unseal(keyfile, PASSPHRASE)


def test_wipe_overwrites_contents(keyfile: Path) -> None:
    before = keyfile.read_bytes()
    with open(keyfile, "rb") as handle:
        wipe_keyfile(keyfile)
        after = handle.read()
    assert len(after) == len(before)
    assert after != before
    assert b"registry-vault" not in after


def test_wipe_removes_leftover_temp_files(keyfile: Path) -> None:
    """A crash mid-write can leave a sealed copy in a temp file: the wipe takes it too."""
    leftover = keyfile.parent / ".vault.key.abc123.tmp"
    leftover.write_bytes(keyfile.read_bytes())
    unrelated = keyfile.parent / "registry.db"
    unrelated.write_bytes(b"db")
    wipe_keyfile(keyfile)
    assert sorted(p.name for p in keyfile.parent.iterdir()) == ["registry.db"]


def test_shred_leftovers_takes_temp_copies_only(keyfile: Path) -> None:
    """What a crash mid-write leaves (atomic_write's temp file, or that of a key file written
    under a temp name first) goes, overwritten; the key file and anything else stay."""
    before = keyfile.read_bytes()
    folder = keyfile.parent
    for name in (".vault.key.abc123.tmp", "..vault.key.recovered.tmp.def456.tmp"):
        (folder / name).write_bytes(before)
    (folder / "registry.db").write_bytes(b"db")
    (folder / "notes.tmp").write_bytes(b"not ours")
    with open(folder / ".vault.key.abc123.tmp", "rb") as handle:
        keyfile_module.shred_leftovers(keyfile)
        assert handle.read() != before  # overwritten before the unlink
    assert sorted(p.name for p in folder.iterdir()) == ["notes.tmp", "registry.db", "vault.key"]
    assert keyfile.read_bytes() == before
    keyfile_module.shred_leftovers(keyfile)  # nothing left: nothing to do


def test_wipe_unlinks_symlink_without_following(keyfile: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_bytes(b"not the vault")
    link = tmp_path / "link.key"
    link.symlink_to(target)
    wipe_keyfile(link)
    assert not link.is_symlink()
    assert target.read_bytes() == b"not the vault"


def test_wipe_reports_undeletable(tmp_path: Path) -> None:
    (tmp_path / "vault.key").mkdir()
    with pytest.raises(VaultError, match="Could not delete"):
        wipe_keyfile(tmp_path / "vault.key")


def test_wipe_needs_no_key_derivation(tmp_path: Path, data_key: bytes,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Wiping overwrites and deletes: it never derives a key (no passphrase, no KDF)."""
    path = tmp_path / "vault.key"
    create_keyfile(path, PASSPHRASE, data_key, VAULT_ID, KdfParams(MIN_MEMORY_KIB, 1, 1))
    derived: list[object] = []
    monkeypatch.setattr(keyfile_module, "derive", lambda *a: derived.append(a))
    wipe_keyfile(path)
    assert derived == [] and not path.exists()


def test_public_names() -> None:
    assert set(keyfile_module.__all__) <= set(dir(keyfile_module))


def test_commit_under_new_passphrase(keyfile: Path, data_key: bytes) -> None:
    """``passwd --rotate``'s last step: the new key alone, under the new passphrase only."""
    old_copy = keyfile.read_bytes()
    salt = load(keyfile)["kdf"]["salt"]
    new_key = os.urandom(32)
    stage_key(keyfile, PASSPHRASE, new_key)
    commit_staged(keyfile, PASSPHRASE, NEW_PASSPHRASE)
    assert unseal(keyfile, NEW_PASSPHRASE) == [bytearray(new_key)]
    with pytest.raises(WrongPassphrase):
        unseal(keyfile, PASSPHRASE)
    body = load(keyfile)
    assert "staged" not in body and body["kdf"]["salt"] != salt
    assert read_header(keyfile).kdf == FAST_TEST_PARAMS
    copy = keyfile.with_name("copy.key")
    copy.write_bytes(old_copy)  # a backup's key file opens only the retired key
    assert unseal(copy, PASSPHRASE) == [bytearray(data_key)]


def test_commit_under_new_passphrase_needs_a_staged_key(keyfile: Path) -> None:
    before = keyfile.read_bytes()
    with pytest.raises(VaultError, match="No data key rotation"):
        commit_staged(keyfile, PASSPHRASE, NEW_PASSPHRASE)
    with pytest.raises(InvalidInput):
        commit_staged(keyfile, PASSPHRASE, "")
    stage_key(keyfile, PASSPHRASE, os.urandom(32))
    staged = keyfile.read_bytes()
    with pytest.raises(WrongPassphrase):
        commit_staged(keyfile, "wrong", NEW_PASSPHRASE)
    assert keyfile.read_bytes() == staged != before


# -- the key file's lock ---------------------------------------------------------------------


def test_the_lock_is_held_by_one_at_a_time(keyfile: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A second holder (another process, another window) waits while the first holds the lock,
    and gets it as soon as the first lets go; past ``LOCK_WAIT`` it is refused, nothing held."""
    first = keyfile_module.locked(keyfile)
    first.__enter__()
    monkeypatch.setattr(keyfile_module, "LOCK_WAIT", 0)
    other = tmp_path / "other-vault"
    other.mkdir()
    with keyfile_module.locked(other / keyfile.name):
        pass  # control: another vault's lock is free
    with (pytest.raises(VaultBusy, match="try again when it has finished"),
          keyfile_module.locked(keyfile)):
        pass  # pragma: no cover - never entered
    waited: list[float] = []

    def sleep(seconds: float) -> None:  # the first holder finishes while the second waits
        waited.append(seconds)
        first.__exit__(None, None, None)

    monkeypatch.setattr(keyfile_module, "LOCK_WAIT", 60)
    monkeypatch.setattr(fsutil, "time", SimpleNamespace(monotonic=time.monotonic, sleep=sleep))
    with keyfile_module.locked(keyfile):
        assert len(waited) == 1
    assert (keyfile.parent / "vault.lock").stat().st_mode & 0o777 == 0o600


def test_nothing_is_held_where_the_lock_cannot_be_made(tmp_path: Path) -> None:
    """A folder the lock file cannot be made in (here: none at all) holds nothing, and
    refuses nothing: no key file can change there either."""
    missing = tmp_path / "gone" / "vault.key"
    with keyfile_module.locked(missing):
        assert not missing.parent.exists()
