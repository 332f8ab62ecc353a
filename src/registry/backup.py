"""Encrypted, signed backups of a vault, restorable with the passphrase alone.

Format ``registry-backup/1``: a ZIP file (``.rbackup``) of exactly four *stored* (not
compressed) members::

    manifest.json          UTF-8 JSON, no record content:
                           {"format": "registry-backup/1", "vault_id", "created_at" (RFC 3339
                            UTC), "app_version", "schema_version",
                            "signer": {"fingerprint", "minisign_public_key"},
                            "members": {"vault.key":   {"sha256", "size"},
                                        "registry.db": {"sha256", "size"}}}
    manifest.json.minisig  minisign (prehashed ``ED``) signature of manifest.json by the
                           official's Ed25519 key; ``minisign -V -P <key> -m manifest.json``
                           verifies it. Trusted comment: ``registry-backup/1 <vault_id>``.
    vault.key              the vault's key file as it is: the data key sealed under the
                           passphrase (Argon2id + ChaCha20-Poly1305)
    registry.db            a consistent snapshot of the database made with ``VACUUM INTO``
                           on the open connection: SQLCipher writes it encrypted under the
                           same data key, so no page of it is ever plaintext on any disk

So a backup opens with **the passphrase that was in use when it was made**, on any machine,
and with nothing else; without the passphrase it is as strong as the vault itself.

Restoring checks, in this order, before anything at the target changes: size limits and
the exact member list → the manifest parses → its signature by the key it names → member
sizes and SHA-256 → (members copied into a private staging folder beside the target) →
the key file unseals with the passphrase → the database opens and passes ``check`` (page
HMACs, b-trees, foreign keys, audit chain) → the identity inside it is the signer and the
vault ids agree. Only then is the staging folder renamed into place. An existing vault that
opens with the passphrase and checks whole, or whose state cannot be told, is replaced only
with ``force``; a damaged one is replaced. A replaced vault is never deleted: it is renamed
beside the target as ``<name>.damaged-<UTC time>`` or ``<name>.replaced-<UTC time>``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import hmac
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from registry import __version__
from registry.errors import (
    QT_TRANSLATE_NOOP,
    BackupError,
    InvalidInput,
    RegistryError,
    StorageFull,
    TrustError,
    VaultBusy,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultUnavailable,
    WriteFailed,
    WrongPassphrase,
    os_reason,
)
from registry.fsutil import atomic_writer, fsync_dir, open_input
from registry.store import db, schema
from registry.sync import minisign
from registry.sync.keys import is_fingerprint, parse_minisign_key
from registry.vault import keyfile
from registry.vault.layout import RECOVERY_SECRET_NAME, VaultPaths

if TYPE_CHECKING:
    from registry.recovery.ceremony import RecoveredVault
    from registry.service import Registry

Opener = Callable[[Path, str], "Registry"]
"""Unlocks a vault folder with a passphrase (``Registry.unlock``): a restore opens and checks
the vault it stages, and the vault it would replace."""

FORMAT = "registry-backup/1"
EXTENSION = ".rbackup"
MANIFEST, SIGNATURE, KEY_MEMBER, DB_MEMBER = (
    "manifest.json", "manifest.json.minisig", "vault.key", "registry.db")
MEMBERS = (MANIFEST, SIGNATURE, KEY_MEMBER, DB_MEMBER)
LIMITS = {MANIFEST: 64 * 1024, SIGNATURE: minisign.MAX_SIG_FILE, KEY_MEMBER: 64 * 1024,
          DB_MEMBER: 64 * 1024**3}
_CHUNK = 1024 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
               ValueError, RuntimeError)




@dataclass(frozen=True)
class BackupManifest:
    """The parsed, validated ``manifest.json`` of a backup."""

    vault_id: str
    created_at: str
    app_version: str
    schema_version: int
    fingerprint: str
    minisign_public_key: str
    members: dict[str, tuple[str, int]]  # name -> (sha256 hex, size)

    def to_bytes(self) -> bytes:
        body = {"format": FORMAT, "vault_id": self.vault_id, "created_at": self.created_at,
                "app_version": self.app_version, "schema_version": self.schema_version,
                "signer": {"fingerprint": self.fingerprint,
                           "minisign_public_key": self.minisign_public_key},
                "members": {n: {"sha256": h, "size": s} for n, (h, s) in
                            sorted(self.members.items())}}
        return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("utf-8")

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "vault_id": self.vault_id, "created_at": self.created_at,
                "app_version": self.app_version, "schema_version": self.schema_version,
                "fingerprint": self.fingerprint,
                "size": sum(size for _h, size in self.members.values())}

    def trusted_comment(self) -> str:
        return f"{FORMAT} {self.vault_id}"


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` did: where the vault is now, and where the old one was kept."""

    root: Path
    manifest: BackupManifest
    kept_aside: Path | None


# == writing ======================================================================================
def write_backup(reg: Registry, target: Path, *, overwrite: bool = False) -> BackupManifest:
    """Write a backup of the open vault ``reg`` to ``target`` (atomically, mode 0600).

    The file is read back and verified (hashes and signature) before this returns.
    """
    target = _check_target(reg, Path(target), overwrite)
    key_bytes = reg.paths.key.read_bytes()
    with _scratch_dir(target.parent) as scratch:
        snapshot = scratch / DB_MEMBER
        db.vacuum_into(reg.store.conn, snapshot)
        manifest = _manifest(reg, key_bytes, snapshot)
        body = manifest.to_bytes()
        signature = minisign.sign(reg.official_keys, body, manifest.trusted_comment(),
                                  untrusted_comment="Registry vault backup")
        with atomic_writer(target) as handle, zipfile.ZipFile(handle, "w") as archive:
            _add(archive, MANIFEST, body)
            _add(archive, SIGNATURE, signature)
            _add(archive, KEY_MEMBER, key_bytes)
            archive.write(snapshot, DB_MEMBER, compress_type=zipfile.ZIP_STORED)
    inspect_backup(target)
    return manifest


def _check_target(reg: Registry, target: Path, overwrite: bool) -> Path:
    target = target.expanduser().absolute()
    if target.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{path} is a folder: give a file name, e.g. vault{ext}."),
            path=target, ext=EXTENSION)
    if target.exists() and not overwrite:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{path} exists already; choose another name (nothing was written)."),
            path=target)
    root = reg.paths.root.resolve()
    if target.parent.resolve() == root or root in target.parent.resolve().parents:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "A backup must not be written inside the vault folder: a panic wipe "
            "would leave it behind. Choose another folder."))
    if not target.parent.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "The folder {path} does not exist."),
                           path=target.parent)
    return target


@contextlib.contextmanager
def _scratch_dir(near: Path) -> Iterator[Path]:
    """A private (0700) folder beside ``near``'s files, removed afterwards whatever happens."""
    try:
        path = Path(tempfile.mkdtemp(prefix=".registry-backup-", dir=near))
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFull(QT_TRANSLATE_NOOP(
                "Errors", "The disk is full: the backup was not written. Free some space and "
                "try again.")) from None
        raise WriteFailed(QT_TRANSLATE_NOOP(
            "Errors", "The backup cannot be written in {path} ({reason}). Choose a folder you "
            "may write to; nothing was written."), path=near, reason=os_reason(exc)) from None
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _manifest(reg: Registry, key_bytes: bytes, snapshot: Path) -> BackupManifest:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    version = int(reg.store.conn.execute("PRAGMA user_version").fetchone()[0])
    members = {KEY_MEMBER: (hashlib.sha256(key_bytes).hexdigest(), len(key_bytes)),
               DB_MEMBER: _file_digest(snapshot)}
    return BackupManifest(reg.vault_id, now, __version__, version, reg.identity.fingerprint,
                    reg.identity.minisign_public_key, members)


def _file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16
    archive.writestr(info, data)


# == reading and verifying ========================================================================
def inspect_backup(path: Path) -> BackupManifest:
    """Verify structure, signature and member hashes without the passphrase."""
    with _open_archive(Path(path)) as archive:
        manifest = _verified_manifest(archive)
        for name in (KEY_MEMBER, DB_MEMBER):
            _copy_member(archive, name, manifest, None)
    return manifest


@contextlib.contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        handle = open_input(path)
    except OSError:
        raise BackupError(QT_TRANSLATE_NOOP("Errors", "The backup file {path} cannot be read."),
                          path=path) from None
    try:
        if handle.read(4) != b"PK\x03\x04":
            raise BackupError(QT_TRANSLATE_NOOP(
                "Errors", "The file is not a Registry backup (not a ZIP archive)."))
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            _check_members(archive.infolist())
            yield archive
    except _ZIP_ERRORS:
        raise BackupError(QT_TRANSLATE_NOOP(
            "Errors", "The backup file is damaged or is not a Registry backup; nothing was "
            "changed.")) from None
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFull(QT_TRANSLATE_NOOP(
                "Errors", "The disk is full: the backup was not restored. Free some space and "
                "try again.")) from None
        raise BackupError(QT_TRANSLATE_NOOP(
            "Errors", "The backup file could not be read to the end, or the restored copy "
            "could not be written; nothing was changed.")) from None
    finally:
        handle.close()


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    if sorted(i.filename for i in infos) != sorted(MEMBERS):
        raise BackupError(QT_TRANSLATE_NOOP(
            "Errors", "A backup must hold exactly manifest.json, manifest.json.minisig, "
            "vault.key and registry.db; this file does not. Nothing was changed."))
    for info in infos:
        if info.is_dir() or info.flag_bits & 0x1 or info.compress_type != zipfile.ZIP_STORED:
            raise BackupError(QT_TRANSLATE_NOOP(
                "Errors", "The backup member {name} is not a plain stored file; nothing was "
                "changed."), name=info.filename)
        if info.file_size > LIMITS[info.filename] or info.compress_size != info.file_size:
            raise _too_large(info.filename)


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        data = member.read(LIMITS[name] + 1)
    if len(data) > LIMITS[name]:
        raise _too_large(name)
    return data


def _too_large(name: str) -> BackupError:
    return BackupError(QT_TRANSLATE_NOOP(
        "Errors", "The backup member {name} is larger than allowed; nothing was changed."),
        name=name)


def _verified_manifest(archive: zipfile.ZipFile) -> BackupManifest:
    body = _read_small(archive, MANIFEST)
    manifest = parse_manifest(body)
    comment = minisign.verify(manifest.minisign_public_key, body,
                              _read_small(archive, SIGNATURE))
    if comment != manifest.trusted_comment():
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The backup's signature is for another vault: it was altered. Nothing was "
            "changed."))
    for name in (KEY_MEMBER, DB_MEMBER):
        if archive.getinfo(name).file_size != manifest.members[name][1]:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The backup member {name} does not have its signed size: the backup "
                "is damaged or was altered. Nothing was changed."), name=name)
    return manifest


def _copy_member(archive: zipfile.ZipFile, name: str, manifest: BackupManifest,
                 out: IO[bytes] | None) -> None:
    """Stream member ``name`` (into ``out`` if given) and check its signed hash and size."""
    want_hash, want_size = manifest.members[name]
    digest, size = hashlib.sha256(), 0
    with archive.open(name) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > want_size:
                break
            digest.update(chunk)
            if out is not None:
                out.write(chunk)
    if size != want_size or not hmac.compare_digest(digest.hexdigest(), want_hash):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The backup member {name} does not match its signed hash: the backup is "
            "damaged or was altered. Nothing was changed."), name=name)


def parse_manifest(body: bytes) -> BackupManifest:
    """Parse ``manifest.json`` strictly; ``TrustError`` on anything unexpected."""
    try:
        return _parse_manifest(json.loads(body.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError,
            InvalidInput) as exc:
        detail = str(exc) if isinstance(exc, InvalidInput) else QT_TRANSLATE_NOOP(
            "Errors", "not the expected JSON")
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The backup's manifest is malformed or was altered ({detail}); nothing "
            "was changed."), detail=detail) from None


def _parse_manifest(obj: dict[str, Any]) -> BackupManifest:
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise InvalidInput(f"format is not {FORMAT}")
    _exact(obj, {"format", "vault_id", "created_at", "app_version", "schema_version",
                 "signer", "members"})
    signer = _exact(obj["signer"], {"fingerprint", "minisign_public_key"})
    members = _exact(obj["members"], {KEY_MEMBER, DB_MEMBER})
    parsed = {name: _member(members[name], name) for name in (KEY_MEMBER, DB_MEMBER)}
    keyfile_id = obj["vault_id"]
    if not isinstance(keyfile_id, str) or not 0 < len(keyfile_id) <= 128:
        raise InvalidInput("vault_id")
    version = obj["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput("schema_version")
    if not all(isinstance(obj[k], str) and len(obj[k]) <= 64
               for k in ("created_at", "app_version")):
        raise InvalidInput("created_at or app_version")
    _check_signer(signer)
    return BackupManifest(keyfile_id, obj["created_at"], obj["app_version"], version,
                    signer["fingerprint"], signer["minisign_public_key"], parsed)


def _exact(obj: object, keys: set[str]) -> dict[str, Any]:
    if not isinstance(obj, dict) or set(obj) != keys:
        raise InvalidInput("unexpected or missing fields")
    return obj


def _member(obj: object, name: str) -> tuple[str, int]:
    entry = _exact(obj, {"sha256", "size"})
    digest, size = entry["sha256"], entry["size"]
    if not isinstance(digest, str) or len(digest) != 64 or digest.strip("0123456789abcdef"):
        raise InvalidInput(f"{name} sha256")
    if not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= LIMITS[name]:
        raise InvalidInput(f"{name} size")
    return digest, size


def _check_signer(signer: dict[str, Any]) -> None:
    if not is_fingerprint(signer["fingerprint"]):
        raise InvalidInput("signer fingerprint")
    parse_minisign_key(signer["minisign_public_key"])  # the fingerprint is checked on open


# == restoring ====================================================================================
def restore(backup: Path, root: Path, passphrase: str, *, opener: Opener,
            force: bool = False) -> Restored:
    """Restore the vault in ``backup`` to the folder ``root`` (see the module docstring);
    the front ends call it as ``Registry.restore_backup``."""
    root = Path(root).expanduser().absolute()
    with staged(Path(backup), root) as (staging, manifest):
        _open_and_check(staging, passphrase, manifest, opener)
        state = vault_state(root, passphrase, opener)
        with replacing(root):
            aside = aside_for(root, state, manifest, force)
            swap_in(staging, root, aside)
    return Restored(root, manifest, aside)


@contextlib.contextmanager
def replacing(root: Path) -> Iterator[None]:
    """Hold the vault folder ``root`` for moving it aside: its key file's lock first (an
    unlock holds it from reading the key file until its connection holds the folder, so it
    never opens what is swapped in with the key it read from what was moved aside), then the
    folder alone (an app with it open would go on writing to it aside: ``VaultBusy``)."""
    key = VaultPaths(root).key
    with keyfile.locked(key) if key.exists() else contextlib.nullcontext(), \
            db.folder_to_itself(root):
        yield


@contextlib.contextmanager
def staged(backup: Path, root: Path) -> Iterator[tuple[Path, BackupManifest]]:
    """The backup's vault in a private staging folder beside ``root``, every check of the file
    passed (size limits, members, the manifest's signature, member sizes and hashes, the key
    file's vault id): nothing at ``root`` is touched. The folder is removed afterwards unless
    :func:`swap_in` moved it into place. Both a restore (with the passphrase) and a recovery
    with colleagues' shares (``recover_with_shares``) start here."""
    root.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _staging(root) as staging:
        manifest = _extract(backup, staging)
        if keyfile.read_header(staging / KEY_MEMBER).vault_id != manifest.vault_id:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The backup's key file belongs to another vault than its manifest "
                "says; it was altered. Nothing was changed."))
        yield staging, manifest


@contextlib.contextmanager
def _staging(root: Path) -> Iterator[Path]:
    """A private folder beside ``root``; removed unless it was moved into place."""
    path = Path(tempfile.mkdtemp(prefix=f".{root.name}.restore-", dir=root.parent))
    try:
        yield path
    finally:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def _extract(backup: Path, staging: Path) -> BackupManifest:
    with _open_archive(backup) as archive:
        manifest = _verified_manifest(archive)
        if manifest.schema_version > schema.LATEST:
            raise BackupError(QT_TRANSLATE_NOOP(
                "Errors", "This backup was made by a newer version of Registry: update the "
                "app, then restore it."))
        for name in (KEY_MEMBER, DB_MEMBER):
            fd = os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                _copy_member(archive, name, manifest, out)
                out.flush()
                os.fsync(out.fileno())
    return manifest


def _open_and_check(staging: Path, passphrase: str, manifest: BackupManifest,
                    opener: Opener) -> None:
    """Unseal, open and check the staged vault; it must be the signer's own vault."""
    try:
        reg = opener(staging, passphrase)
    except WrongPassphrase:
        raise WrongPassphrase(QT_TRANSLATE_NOOP(
            "Errors", "The passphrase does not open this backup. It needs the passphrase that "
            "was in use when the backup was made. Nothing was changed.")) from None
    except VaultDamaged:
        raise BackupError(QT_TRANSLATE_NOOP(
            "Errors", "The database in the backup is damaged; nothing was changed. Try an "
            "older backup.")) from None
    try:
        check_opened(reg, manifest)
    finally:
        reg.lock()


def check_opened(reg: Registry, manifest: BackupManifest) -> None:
    """The vault opened from a backup checks whole and is the signer's own vault."""
    problems = reg.check()
    if problems:
        raise BackupError(QT_TRANSLATE_NOOP(
            "Errors", "The database in the backup fails its integrity check; nothing was "
            "changed. Try an older backup."))
    same_signer = (reg.identity.fingerprint == manifest.fingerprint
                   and reg.identity.minisign_public_key == manifest.minisign_public_key)
    if not same_signer or reg.vault_id != manifest.vault_id:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The backup was not signed by the official whose vault it holds; it was "
            "altered. Nothing was changed."))


def vault_state(root: Path, passphrase: str, opener: Opener) -> str:
    """``"none"``, ``"request"`` (only a pending recovery request's sealed secret),
    ``"healthy"``, ``"damaged"`` or ``"unknown"`` (the passphrase does not open it, so its
    health cannot be told)."""
    paths = VaultPaths(root)
    if not root.exists() or not any(root.iterdir()):
        return "none"
    if {p.name for p in root.iterdir()} == {RECOVERY_SECRET_NAME}:
        return "request"
    if not paths.exists():
        return "damaged"  # files without a key file: wiped half-way or incomplete
    try:
        reg = opener(root, passphrase)
    except WrongPassphrase:
        return "unknown"
    except (VaultBusy, VaultUnavailable):
        raise  # in use, or its folder or disk is the trouble: not damage, nothing to replace
    except VaultError:
        return "damaged"
    try:
        return "damaged" if reg.check() else "healthy"
    finally:
        reg.lock()


def aside_for(root: Path, state: str, manifest: BackupManifest, force: bool) -> Path | None:
    """Where the folder at ``root`` (in ``state``, see :func:`vault_state`) goes before the
    staged vault takes its place (None: there is nothing); a vault that is whole, or whose state
    cannot be told, only with ``force``."""
    if state == "none":
        return None
    if state in ("healthy", "unknown") and not force:
        if state == "healthy":
            raise VaultExists(QT_TRANSLATE_NOOP(
                "Errors", "A vault exists at {path}; it opens with this passphrase and is "
                "whole. Nothing was changed; to replace it anyway use --force (it is kept "
                "aside, not deleted)."), path=root)
        raise VaultExists(QT_TRANSLATE_NOOP(
            "Errors", "A vault exists at {path} and the passphrase given does not open it, so "
            "its state cannot be told. Nothing was changed; to replace it anyway use --force "
            "(it is kept aside, not deleted)."), path=root)
    _check_same_vault(root, manifest, force)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    label = {"damaged": "damaged", "request": "request"}.get(state, "replaced")
    return root.with_name(f"{root.name}.{label}-{stamp}")


def _check_same_vault(root: Path, manifest: BackupManifest, force: bool) -> None:
    try:
        existing = keyfile.read_header(VaultPaths(root).key).vault_id
    except RegistryError:
        return  # no readable key file: nothing says which vault it was
    if existing != manifest.vault_id and not force:
        raise VaultExists(QT_TRANSLATE_NOOP(
            "Errors", "The vault at {path} is another vault than the one in this backup. "
            "Nothing was changed; use --force to replace it anyway."), path=root)


def swap_in(staging: Path, root: Path, aside: Path | None) -> None:
    """Move the existing folder aside (if any) and the staged one into place."""
    if aside is not None:
        os.replace(root, aside)
    elif root.exists():
        root.rmdir()  # an empty folder
    try:
        os.replace(staging, root)
    except OSError:
        if aside is not None:
            os.replace(aside, root)
        raise
    root.chmod(0o700)
    fsync_dir(root.parent)


# == recovering from a backup with colleagues' shares =============================================
Settle = Callable[["RecoveredVault", str, Callable[["Registry"], None]],
                  tuple["Registry", dict[str, Any]]]
"""Seals the recovered key under the new passphrase, runs the given check on the opened vault,
then audits the ceremony and rotates the data key (``Registry._settle_recovery``)."""


@dataclass(frozen=True)
class Shares:
    """What a recovery is given: custodians' response files, paper share files, typed paper
    shares (``bytearray``s the caller zeroes)."""

    responses: list[Path]
    paper: list[Path]
    words: list[bytearray]


def recover_with_shares(backup: Path, root: Path, new_passphrase: str, given: Shares, *,
                        settle: Settle, opener: Opener,
                        force: bool = False) -> tuple[Registry, dict[str, Any]]:
    """Recover the vault in ``backup`` with colleagues' shares instead of its passphrase, into
    the folder ``root`` (``Registry.recover(backup=...)``).

    The backup is checked as for a restore (:func:`staged`: size, members, signature, sizes
    and hashes) and staged beside ``root``; the shares open the staged database (the request's
    secret is read from ``root``, where ``recovery request --backup`` sealed it); the vault is
    checked whole and must be the signer's; the ceremony is finished there (new passphrase,
    audit, data key rotated). Only then does it take the place of ``root``, whose previous
    contents are kept aside as by a restore (a vault there only with ``force``); the used
    request secret in what was kept aside is shredded. Until then nothing at ``root`` changes.
    """
    from registry.recovery import ceremony

    root = Path(root).expanduser().absolute()
    secret = VaultPaths(root).recovery_secret
    with staged(Path(backup), root) as (staging, manifest):
        state = vault_state(root, new_passphrase, opener)
        with replacing(root):
            aside = aside_for(root, state, manifest, force)
            try:
                opened = ceremony.open_with_shares(VaultPaths(staging), new_passphrase,
                                                   given.responses, given.paper, given.words,
                                                   secret=secret, backup=True)
            except ceremony.KeyDoesNotOpen:
                raise BackupError(QT_TRANSLATE_NOOP(
                    "Errors", "The shares do not open this backup: it was made under an earlier "
                    "data key than the one they recover (before the key was rotated, e.g. by a "
                    "change of custodians or an earlier recovery). Nothing was written. Recover "
                    "from a backup made after the recovery shares were last issued, or from the "
                    "vault folder.")) from None
            reg, report = settle(opened, new_passphrase, lambda reg: check_opened(reg, manifest))
            reg.lock()
            swap_in(staging, root, aside)
    kept = _shred_used_request(aside)
    return opener(root, new_passphrase), {**report, "backup_created_at": manifest.created_at,
                                          "kept_aside": str(kept) if kept else None}


def _shred_used_request(aside: Path | None) -> Path | None:
    """The request's secret was used: shred it where the old folder was kept aside, and drop
    that folder if it held nothing else. Returns the folder kept aside, if any still is."""
    if aside is None:
        return None
    keyfile.wipe_keyfile(aside / RECOVERY_SECRET_NAME)
    with contextlib.suppress(OSError):
        aside.rmdir()  # only when empty
    return aside if aside.exists() else None


# == the application layer's door ================================================================
class Backups:
    """Backups as the application layer serves them (``Registry.backups``); restoring, which
    needs no open vault, is ``Registry.restore_backup``."""

    def __init__(self, reg: Registry) -> None:
        self._reg = reg

    def write(self, target: Path, *, overwrite: bool = False) -> BackupManifest:
        """Write a verified backup of the open vault to ``target`` (atomically, mode 0600)."""
        return write_backup(self._reg, target, overwrite=overwrite)
