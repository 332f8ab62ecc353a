"""The vault key file: the data key sealed under a passphrase (DESIGN §5).

``vault.key`` holds the 256-bit database key sealed with ChaCha20-Poly1305 under a key
derived from the passphrase with Argon2id. The format, vault id, Argon2id parameters, salt,
AEAD name and slot name are the AEAD's associated data, so editing any of them makes the
passphrase fail rather than weakening the file. See ``registry.vault._format`` for the
layout. ChaCha20-Poly1305 rather than AES-GCM: it is constant-time in software on machines
without AES instructions, and its 96-bit random nonce is safe here because each
passphrase-derived key seals at most a handful of messages.

Rotating the data key is crash-safe in three steps, with the key file as the journal:

1. ``stage_key``: the file holds the current key and the new (staged) one;
2. the caller runs ``PRAGMA rekey`` on the database;
3. ``commit_staged``: the staged key becomes the current one.

After a crash between 1 and 3, ``unseal`` returns both keys; the caller opens the database
with whichever works, then calls ``commit_staged`` (the new key opened it) or
``discard_staged`` (the old one did). ``stage_key`` refuses while a staged key exists, so an
unfinished rotation is never overwritten.

A staged key is the trace of a crash only when no rotation is running: every change of the
key file, from staging to commit, and every unlock that may settle a rotation happen under
``locked`` (an exclusive lock on ``vault.lock`` beside the key file, which the OS drops when
its holder dies, kill -9 included). So another window or command that unlocks the vault
mid-rotation waits for it instead of committing the staged key under the old passphrase.

A new passphrase and a new data key together (``passwd --rotate``) use the same journal:
steps 1 and 2 under the old passphrase, and step 3 as ``commit_staged(path, old, new)``,
which seals the new key alone under the new passphrase in one atomic write. Until that
write the file opens with the old passphrase (and finishes the rotation on unlock); after
it, only with the new one. A copy of the file from before opens only the old key, which no
longer opens the database.

Every write is atomic (``registry.fsutil``, mode 0600). On POSIX the previous version of
the file is overwritten in place after the replace, so an old passphrase cannot be tried
against stale blocks of a plain file system (best effort: copy-on-write file systems and
flash wear levelling can keep old blocks; rotate the data key when a passphrase leaked).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from registry.errors import (
    QT_TRANSLATE_NOOP,
    InvalidInput,
    VaultBusy,
    VaultError,
    WrongPassphrase,
    os_reason,
)
from registry.fsutil import atomic_write, fsync_dir, lock_path
from registry.vault._format import (
    FORMAT,
    MAX_KEYFILE_BYTES,
    NONCE_BYTES,
    SLOT_CURRENT,
    SLOT_STAGED,
    KeyFileDoc,
    KeyFileHeader,
    Sealed,
    associated_data,
    check_vault_id,
    damaged,
    parse,
    serialise,
)
from registry.vault.hardening import zero
from registry.vault.kdf import (
    FAST_TEST_PARAMS,
    KEY_BYTES,
    MIN_MEMORY_KIB,
    SALT_BYTES,
    KdfParams,
    calibrate,
    check_params,
    derive,
    passphrase_bytes,
)
from registry.vault.layout import LOCK_NAME

__all__ = [
    "FAST_TEST_PARAMS",
    "MIN_MEMORY_KIB",
    "KdfParams",
    "KeyFileHeader",
    "calibrate",
    "commit_staged",
    "create_keyfile",
    "discard_staged",
    "locked",
    "read_header",
    "reseal",
    "shred_leftovers",
    "stage_key",
    "unseal",
    "wipe_keyfile",
]

_SHRED_LIMIT = 16 * 1024 * 1024
# How long an unlock waits for a rotation in another process (a large vault's PRAGMA rekey
# takes seconds), and a rotation for an unlock, before VaultBusy.
LOCK_WAIT = 60.0


def create_keyfile(path: Path, passphrase: str, data_key: bytes | bytearray, vault_id: str,
                   params: KdfParams, *, allow_weak: bool = False) -> None:
    """Seal ``data_key`` under ``passphrase`` into a new key file at ``path``.

    Refuses to overwrite an existing file, and parameters below 64 MiB unless
    ``allow_weak`` (tests only).
    """
    check_vault_id(vault_id)
    check_params(params, allow_weak=allow_weak)
    _check_key(data_key)
    _check_new_passphrase(passphrase)
    path = Path(path)
    if os.path.lexists(path):
        raise VaultError(QT_TRANSLATE_NOOP(
            "Errors", "A vault key file already exists at {path}; it was left untouched."),
            path=path)
    header = KeyFileHeader(FORMAT, vault_id, params, has_staged=False)
    salt = os.urandom(SALT_BYTES)
    with _kek(passphrase, salt, params) as kek:
        sealed = _seal(kek, data_key, associated_data(header, salt, SLOT_CURRENT))
    _write(path, KeyFileDoc(header, salt, sealed, None))


def unseal(path: Path, passphrase: str) -> list[bytearray]:
    """Return ``[current data key]``, or ``[current, staged]`` mid-rotation.

    Raises ``WrongPassphrase`` when the AEAD fails and ``VaultError`` when the file is
    missing, damaged or of an unknown format. The caller zeroes the returned buffers.
    """
    doc = _read(path)
    with _kek(passphrase, doc.salt, doc.header.kdf) as kek:
        return _open_all(kek, doc)


def reseal(path: Path, old_passphrase: str, new_passphrase: str,
           params: KdfParams | None = None, *, allow_weak: bool = False) -> None:
    """Change the passphrase: the same data key(s) sealed again under a fresh salt.

    ``params`` ``None`` keeps the file's Argon2id parameters.
    """
    _check_new_passphrase(new_passphrase)
    if params is not None:
        check_params(params, allow_weak=allow_weak)
    doc = _read(path)
    keys = _unseal_doc(doc, old_passphrase)
    try:
        kdf = doc.header.kdf if params is None else params
        header = KeyFileHeader(FORMAT, doc.header.vault_id, kdf, has_staged=len(keys) > 1)
        _write(path, _sealed_doc(header, new_passphrase, keys))
    finally:
        _zero_all(keys)


def stage_key(path: Path, passphrase: str, new_key: bytes | bytearray) -> None:
    """Rotation step 1: add ``new_key`` as the staged key beside the current one."""
    _check_key(new_key)
    doc = _read(path)
    if doc.staged is not None:
        raise VaultError(QT_TRANSLATE_NOOP(
            "Errors", "A data key rotation is unfinished: unlock the vault to complete or "
            "discard it before starting another."))
    with _kek(passphrase, doc.salt, doc.header.kdf) as kek:
        _zero_all(_open_all(kek, doc))
        staged = _seal(kek, new_key, associated_data(doc.header, doc.salt, SLOT_STAGED))
    header = KeyFileHeader(FORMAT, doc.header.vault_id, doc.header.kdf, has_staged=True)
    _write(path, KeyFileDoc(header, doc.salt, doc.sealed, staged))


def commit_staged(path: Path, passphrase: str, new_passphrase: str | None = None) -> None:
    """Rotation step 3: the staged key becomes current. A no-op when nothing is staged.

    With ``new_passphrase`` the staged key is sealed under it (fresh salt) in the same write,
    and the old passphrase no longer opens the file; nothing staged is then an error.
    """
    if new_passphrase is not None:
        _check_new_passphrase(new_passphrase)
    _finish_rotation(path, passphrase, keep_staged=True, new_passphrase=new_passphrase)


def discard_staged(path: Path, passphrase: str) -> None:
    """Drop an unfinished rotation's staged key. A no-op when nothing is staged."""
    _finish_rotation(path, passphrase, keep_staged=False)


def read_header(path: Path) -> KeyFileHeader:
    """Vault id, format and KDF parameters, validated but not authenticated (no secrets)."""
    return _read(path).header


def wipe_keyfile(path: Path) -> None:
    """Overwrite ``path`` (and leftover temp files of it) with random bytes, fsync, unlink.

    Idempotent. Raises ``VaultError`` only when a file could not be deleted.
    """
    path = Path(path)
    for victim in [path, *_leftovers(path)]:
        _shred(victim)
    fsync_dir(path.parent)


def shred_leftovers(path: Path) -> None:
    """Shred the temp files a crash left beside the key file at ``path``; best effort.

    A write killed between its fsync and its rename leaves a whole key file under a temp
    name: after a crash at ``passwd --rotate``'s commit, one that opens the current data with
    the new passphrase the user was never told was set. Nothing reads them; call under
    :func:`locked`, which every writer of the key file holds.
    """
    path = Path(path)
    leftovers = _leftovers(path)
    for victim in leftovers:
        with contextlib.suppress(VaultError):  # undeletable: the unlock goes on all the same
            _shred(victim)
    if leftovers:
        fsync_dir(path.parent)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of the key file at ``path`` (an exclusive ``flock`` on ``vault.lock``
    in its folder) for a change of the key file or an unlock that may settle a rotation.

    Waits up to ``LOCK_WAIT`` seconds for another holder, then raises ``VaultBusy`` (nothing
    changed). Holds nothing where files cannot be locked (Windows, some network shares, a
    folder that is not writable).
    """
    fd = _take_lock(Path(path).with_name(LOCK_NAME))
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing the descriptor drops the lock


# -- internals ---------------------------------------------------------------------------


def _take_lock(lock: Path) -> int | None:
    """A descriptor of ``lock`` (created if missing) holding its exclusive lock; None where
    it cannot be locked (or created: a folder that cannot be written, where no key file
    change can happen either)."""
    try:
        return lock_path(lock, shared=False, wait=LOCK_WAIT,
                         flags=os.O_CREAT | getattr(os, "O_NOFOLLOW", 0))
    except TimeoutError:
        raise VaultBusy(QT_TRANSLATE_NOOP(
            "Errors", "Another Registry window or command is changing the vault's key "
            "or opening the vault: try again when it has finished. Nothing was changed.")
        ) from None


def _leftovers(path: Path) -> list[Path]:
    """Temp files of writes of ``path`` (``atomic_write``'s, and those of a key file written
    under a temp name first, as a recovery does)."""
    return sorted(path.parent.glob(f"*.{path.name}.*.tmp"))


def _check_key(key: bytes | bytearray) -> None:
    if not isinstance(key, bytes | bytearray) or len(key) != KEY_BYTES:
        raise InvalidInput(f"A vault data key is exactly {KEY_BYTES} bytes.")


def _check_new_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or not passphrase:
        raise InvalidInput("The passphrase must be non-empty text.")


@contextlib.contextmanager
def _kek(passphrase: str, salt: bytes, params: KdfParams) -> Iterator[bytearray]:
    """Yield the passphrase-derived key; zero it and the encoded passphrase afterwards."""
    secret = passphrase_bytes(passphrase)
    key = bytearray()
    try:
        key = derive(secret, salt, params)
        yield key
    finally:
        zero(secret)
        zero(key)


def _seal(kek: bytearray, data_key: bytes | bytearray, aad: bytes) -> Sealed:
    nonce = os.urandom(NONCE_BYTES)
    return Sealed(nonce, ChaCha20Poly1305(kek).encrypt(nonce, data_key, aad))


def _open(kek: bytearray, sealed: Sealed, aad: bytes) -> bytearray:
    key = bytearray(KEY_BYTES)
    try:
        ChaCha20Poly1305(kek).decrypt_into(sealed.nonce, sealed.ciphertext, aad, key)
    except InvalidTag:
        zero(key)
        raise
    return key


def _open_all(kek: bytearray, doc: KeyFileDoc) -> list[bytearray]:
    """Open the current key (``WrongPassphrase`` on failure) and the staged one if any."""
    try:
        keys = [_open(kek, doc.sealed, associated_data(doc.header, doc.salt, SLOT_CURRENT))]
    except InvalidTag:
        raise WrongPassphrase(QT_TRANSLATE_NOOP(
            "Errors", "The passphrase does not open this vault. Check it (and the keyboard "
            "layout) and try again.")) from None
    if doc.staged is not None:
        try:
            keys.append(_open(kek, doc.staged, associated_data(doc.header, doc.salt,
                                                              SLOT_STAGED)))
        except InvalidTag:
            _zero_all(keys)
            raise damaged("staged key does not authenticate") from None
    return keys


def _unseal_doc(doc: KeyFileDoc, passphrase: str) -> list[bytearray]:
    with _kek(passphrase, doc.salt, doc.header.kdf) as kek:
        return _open_all(kek, doc)


def _sealed_doc(header: KeyFileHeader, passphrase: str, keys: list[bytearray]) -> KeyFileDoc:
    """Seal ``keys`` (current, then optional staged) under a fresh salt."""
    salt = os.urandom(SALT_BYTES)
    with _kek(passphrase, salt, header.kdf) as kek:
        sealed = _seal(kek, keys[0], associated_data(header, salt, SLOT_CURRENT))
        staged = None
        if len(keys) > 1:
            staged = _seal(kek, keys[1], associated_data(header, salt, SLOT_STAGED))
    return KeyFileDoc(header, salt, sealed, staged)


def _finish_rotation(path: Path, passphrase: str, *, keep_staged: bool,
                     new_passphrase: str | None = None) -> None:
    """Replace the two slots by one: the staged key or the current one."""
    doc = _read(path)
    header = KeyFileHeader(FORMAT, doc.header.vault_id, doc.header.kdf, has_staged=False)
    if new_passphrase is not None:
        _commit_under(path, doc, header, passphrase, new_passphrase)
        return
    with _kek(passphrase, doc.salt, doc.header.kdf) as kek:
        keys = _open_all(kek, doc)
        try:
            if len(keys) == 1:
                return
            keep = keys[1] if keep_staged else keys[0]
            sealed = _seal(kek, keep, associated_data(header, doc.salt, SLOT_CURRENT))
        finally:
            _zero_all(keys)
    _write(path, KeyFileDoc(header, doc.salt, sealed, None))


def _commit_under(path: Path, doc: KeyFileDoc, header: KeyFileHeader, passphrase: str,
                  new_passphrase: str) -> None:
    """The staged key alone, sealed under ``new_passphrase`` with a fresh salt."""
    keys = _unseal_doc(doc, passphrase)
    try:
        if len(keys) == 1:
            raise VaultError(QT_TRANSLATE_NOOP(
                "Errors", "No data key rotation is under way: nothing was changed."))
        new_doc = _sealed_doc(header, new_passphrase, keys[1:])
    finally:
        _zero_all(keys)
    _write(path, new_doc)


def _zero_all(keys: list[bytearray]) -> None:
    for key in keys:
        zero(key)


def _read(path: Path) -> KeyFileDoc:
    """Read at most ``MAX_KEYFILE_BYTES`` (+1 to detect more) and parse strictly."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_KEYFILE_BYTES + 1)
    except FileNotFoundError:
        raise VaultError(QT_TRANSLATE_NOOP("Errors", "No vault key file at {path}."),
                         path=path) from None
    except OSError as exc:
        raise VaultError(QT_TRANSLATE_NOOP(
            "Errors", "The vault key file {path} cannot be read ({reason})."),
            path=path, reason=os_reason(exc)) from None
    return parse(raw)


def _write(path: Path, doc: KeyFileDoc) -> None:
    """Atomically replace ``path``; then shred the previous version if nothing else links it."""
    old = _open_previous(path)
    try:
        atomic_write(path, serialise(doc))
        if old is not None and os.fstat(old).st_nlink == 0:
            _overwrite(old)
    finally:
        if old is not None:
            os.close(old)


def _open_previous(path: Path) -> int | None:
    """A write descriptor on the current file (POSIX only: Windows cannot replace it then)."""
    if os.name != "posix":  # pragma: no cover - exercised on Windows only
        return None
    try:
        return os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
    except OSError:
        return None


def _overwrite(fd: int) -> None:
    """Overwrite the file behind ``fd`` with random bytes (up to 16 MiB) and fsync it."""
    size = min(os.fstat(fd).st_size, _SHRED_LIMIT)
    os.lseek(fd, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(fd, os.urandom(min(size - written, 1024 * 1024)))
    os.fsync(fd)


def _shred(victim: Path) -> None:
    """Overwrite (best effort) and delete one file; a missing file is fine."""
    try:
        fd = os.open(victim, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        pass  # missing, a symlink or unwritable: still try to unlink below
    else:
        try:
            with contextlib.suppress(OSError):
                _overwrite(fd)
        finally:
            os.close(fd)
    try:
        victim.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise VaultError(QT_TRANSLATE_NOOP(
            "Errors", "Could not delete {path} ({reason}); delete it by hand or destroy the "
            "disk."), path=victim, reason=os_reason(exc)) from None
