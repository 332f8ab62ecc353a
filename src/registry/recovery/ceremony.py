"""The recovery ceremony on the machine that has the vault folder but no usable passphrase.

1. ``request``: a one-time age key pair. Its public half goes into the request file (with the
   vault id when the folder's ``vault.key`` still says it); its secret half is sealed under
   the **new** passphrase (Argon2id, ChaCha20-Poly1305) in ``recovery-request.secret`` in the
   vault folder — never in the clear on disk. The request's safety number is read out to
   each custodian.
2. Custodians answer with responses (``custody.Recovery.respond``).
3. ``open_with_shares``: verify every response (signature by the custodian it names, hash,
   that it answers this request, the owner's signature on each share statement inside), the
   paper words (SLIP-39 checksum), then combine; the key must have the key id the
   statements name and open the database; the vault's identity must be the owner that
   signed the statements, the set must be its current one, and every responder a custodian
   of it. Nothing is written until all of this holds.
4. ``finish``: a new ``vault.key`` sealing the recovered key under the new passphrase, the
   ceremony audited, then the data key rotated at once (which revokes the set and issues a
   new one), and the request's secret shredded.

Without the vault folder (a wiped laptop), the vault comes from a backup: ``request`` is given
the backup's vault id and keeps its secret in the (new) folder, and ``backup.recover_with_shares``
runs steps 3 and 4 on the backup staged beside that folder, which takes its place only when
all is done. A backup made before recovery was set up knows no set: the shares are accepted
when the key opens it and the owner's signed statements (if any) name that key.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyrage
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from registry.errors import (
    QT_TRANSLATE_NOOP,
    InvalidInput,
    RegistryError,
    TrustError,
    VaultDamaged,
    VaultError,
    WrongPassphrase,
)
from registry.fsutil import atomic_write, fsync_dir
from registry.recovery import envelope, formats, shares
from registry.recovery.formats import PAPER, RecoveryRequest, ShareStatement
from registry.store import audit, db
from registry.sync.keys import PublicKeys, b64decode_strict, b64encode
from registry.vault import kdf, keyfile
from registry.vault.hardening import zero
from registry.vault.layout import RECOVERY_SECRET_NAME as SECRET_NAME
from registry.vault.layout import VaultPaths

if TYPE_CHECKING:
    from registry.recovery.custody import RecoveryVault

SECRET_FORMAT = "registry-recovery-secret/1"  # noqa: S105 - a format name
MAX_RESPONSES = 16
MAX_PAPER_FILE = 16 * 1024
_NONCE = 12


@dataclass(frozen=True)
class RequestMade:
    """A request just written."""

    request: RecoveryRequest
    path: Path

    def to_json(self) -> dict[str, Any]:
        return {"request_id": self.request.request_id, "vault_id": self.request.vault_id,
                "safety_number": self.request.safety_number, "file": str(self.path)}


@dataclass
class RecoveredVault:
    """The vault opened with recovered shares: not yet changed in any way."""

    paths: VaultPaths
    conn: Any = field(repr=False)
    key: bytearray = field(repr=False)
    vault_id: str
    set_id: str
    request_id: str | None
    custodians: list[str]
    params: kdf.KdfParams
    unknown_set: ShareStatement | None = None  # a set the (backup's) database never knew


def _params(paths: VaultPaths) -> kdf.KdfParams:
    """The folder's key file parameters when they are at the floor or above, else calibrated."""
    with contextlib.suppress(RegistryError, OSError):
        params = keyfile.read_header(paths.key).kdf
        if kdf.bounds_problem(params) is None and params.memory_kib >= kdf.MIN_MEMORY_KIB:
            return params
    return kdf.calibrate()


def _vault_id(paths: VaultPaths) -> str | None:
    try:
        return keyfile.read_header(paths.key).vault_id
    except (RegistryError, OSError):
        return None


def _require_db(paths: VaultPaths) -> None:
    if not paths.db.is_file():
        raise VaultError(QT_TRANSLATE_NOOP(
            "Errors", "No vault database at {path}: recovery needs the vault folder "
            "(registry.db) on this machine, or a backup of the vault. Copy the folder here or "
            "choose it with --vault, or recover from the backup with --backup FILE."),
            path=paths.root)


class KeyDoesNotOpen(InvalidInput):
    """The shares combine into a key that does not open the database here, or the database's
    current recovery set is not theirs (an earlier key or set, or a backup made before it)."""


# -- 1. the request -----------------------------------------------------------------------------
def request(paths: VaultPaths, passphrase: str, out: Path, *,
            vault_id: str | None = None) -> RequestMade:
    """Write a one-time request to ``out``; its secret is sealed under ``passphrase`` in the
    vault folder. With ``vault_id`` (the vault of a verified backup, recovered from it with
    ``backup.recover_with_shares``) the folder needs no database: it is made if missing, and
    must not hold another vault."""
    if vault_id is None:
        _require_db(paths)
        vault_id = _vault_id(paths)
    else:
        _folder_for(paths, vault_id)
    identity = pyrage.x25519.Identity.generate()
    made = RecoveryRequest(formats.new_id(), formats.now(), vault_id, str(identity.to_public()))
    params = _params(paths)
    secret = bytearray(str(identity).encode("ascii"))
    try:
        doc = _seal_secret(made, secret, passphrase, params)
    finally:
        zero(secret)
    # the request file, then its secret beside the pending one's, then the swap: a failure
    # before the swap (a folder that cannot be written, a full disk) leaves the pending
    # request as it was, whose custodians may have answered already
    atomic_write(Path(out), made.to_bytes())
    secret_path = paths.recovery_secret
    fresh = secret_path.with_name(secret_path.name + ".new")
    try:
        atomic_write(fresh, doc)
    except BaseException:
        Path(out).unlink(missing_ok=True)
        raise
    keyfile.wipe_keyfile(secret_path)  # an earlier request's secret: gone for good
    os.replace(fresh, secret_path)
    fsync_dir(secret_path.parent)
    return RequestMade(made, Path(out))


def _folder_for(paths: VaultPaths, vault_id: str) -> None:
    """The folder that will hold the request's secret for a recovery from a backup."""
    found = _vault_id(paths)
    if found is not None and found != vault_id:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The vault folder {path} holds another vault than the backup. Nothing "
            "was written: choose another folder for the recovered vault."), path=paths.root)
    paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)


def _aad(request_bytes: bytes, params: kdf.KdfParams, salt: bytes) -> bytes:
    return envelope.canonical([SECRET_FORMAT, request_bytes.decode("utf-8"), params.memory_kib,
                               params.iterations, params.lanes, b64encode(salt)])


def _seal_secret(made: RecoveryRequest, secret: bytearray, passphrase: str,
                 params: kdf.KdfParams) -> bytes:
    salt, nonce = os.urandom(kdf.SALT_BYTES), os.urandom(_NONCE)
    word = kdf.passphrase_bytes(passphrase)
    kek = kdf.derive(word, salt, params)
    try:
        sealed = ChaCha20Poly1305(kek).encrypt(nonce, bytes(secret),
                                               _aad(made.to_bytes(), params, salt))
    finally:
        zero(kek)
        zero(word)
    return envelope.canonical({
        "format": SECRET_FORMAT, "request": made.to_bytes().decode("utf-8"),
        "kdf": {"memory_kib": params.memory_kib, "iterations": params.iterations,
                "lanes": params.lanes, "salt": b64encode(salt)},
        "nonce": b64encode(nonce), "ciphertext": b64encode(sealed)}) + b"\n"


def _open_secret(path: Path, passphrase: str) -> tuple[RecoveryRequest, str, kdf.KdfParams]:
    """The pending request (its sealed secret at ``path``), its one-time identity and the KDF
    parameters it was sealed with."""
    if not path.exists():
        raise VaultError(QT_TRANSLATE_NOOP(
            "Errors", "No recovery request is pending in this vault folder: make one with "
            "'registry recovery request'."))
    data = envelope.read_limited(path, 8192, QT_TRANSLATE_NOOP("Errors",
                                                               "recovery request secret"))
    try:
        doc = json.loads(data)
        made = formats.parse_request(doc["request"].encode("utf-8"))
        k = doc["kdf"]
        params = kdf.KdfParams(k["memory_kib"], k["iterations"], k["lanes"])
        if kdf.bounds_problem(params) is not None:
            raise ValueError("kdf")
        salt = b64decode_strict(k["salt"], kdf.SALT_BYTES, "salt")
        nonce = b64decode_strict(doc["nonce"], _NONCE, "nonce")
        ciphertext = doc["ciphertext"]
    except (ValueError, KeyError, TypeError, RegistryError):
        raise _damaged_secret() from None
    word = kdf.passphrase_bytes(passphrase)
    kek = kdf.derive(word, salt, params)
    try:
        plain = ChaCha20Poly1305(kek).decrypt(nonce, _b64(ciphertext),
                                              _aad(made.to_bytes(), params, salt))
    except (InvalidTag, RegistryError):
        raise WrongPassphrase(QT_TRANSLATE_NOOP(
            "Errors", "That is not the new passphrase given when the recovery request was made "
            "(or the request's secret was altered). Nothing was changed.")) from None
    finally:
        zero(kek)
        zero(word)
    return made, plain.decode("ascii"), params


def _b64(text: object) -> bytes:
    if not isinstance(text, str) or len(text) > 4096:
        raise _damaged_secret()
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise _damaged_secret() from None
    return raw


def _damaged_secret() -> VaultError:
    return VaultError(QT_TRANSLATE_NOOP(
        "Errors", "{name} in the vault folder is damaged: make a new recovery request."),
        name=SECRET_NAME)


# -- 3. opening with shares -------------------------------------------------------------------
@dataclass(frozen=True)
class _Share:
    mnemonic: str = field(repr=False)
    statement: ShareStatement | None
    owner: PublicKeys | None
    responder: str


def open_with_shares(paths: VaultPaths, passphrase: str, responses: list[Path],
                     paper: list[Path], paper_words: Sequence[bytearray] = (), *,
                     secret: Path | None = None, backup: bool = False) -> RecoveredVault:
    """Verify and combine; open the database. Raises before anything is written.

    ``paper`` are text files of paper shares (one share a line), ``paper_words`` paper shares
    typed (one share each, UTF-8; the caller zeroes them after). ``secret`` is where the
    pending request's sealed secret is, when not in ``paths`` (a recovery from a backup,
    staged in another folder). ``backup``: the database is a backup's, which may have been
    made before recovery was set up (it then knows no set; see ``_check_opened``)."""
    _require_db(paths)
    if len(responses) > MAX_RESPONSES or len(paper) + len(paper_words) > MAX_RESPONSES:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "At most {count} responses and {count} paper shares."),
            count=MAX_RESPONSES)
    request_id, params = None, None
    collected: list[_Share] = []
    if responses:
        made, identity, params = _open_secret(secret or paths.recovery_secret, passphrase)
        request_id = made.request_id
        collected += [_response_share(p, made, identity) for p in responses]
    for number, path in enumerate(paper, 1):
        collected += _paper_shares(path, number)
    collected += [_Share(shares.normalise(words, str(number)), None, None, PAPER)
                  for number, words in enumerate(paper_words, len(paper) + 1)]
    if params is None:
        params = _params(paths)
    statements = _consistent(collected)
    found = _Found(statements[0] if statements else None, collected, request_id, params,
                   backup)
    key = shares.combine([s.mnemonic for s in collected])
    try:
        return _open_db(paths, key, found)
    except BaseException:
        zero(key)
        raise


@dataclass(frozen=True)
class _Found:
    """What the verified shares say: one statement (all agree), who gave them, the request."""

    first: ShareStatement | None
    collected: list[_Share]
    request_id: str | None
    params: kdf.KdfParams
    backup: bool = False


def _response_share(path: Path, made: RecoveryRequest, identity: str) -> _Share:
    data = envelope.read_limited(path, envelope.MAX_FILE,
                                 QT_TRANSLATE_NOOP("Errors", "recovery response"))
    response = formats.open_response(data)
    if response.request_id != made.request_id or response.request_sha256 != made.sha256:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{name} answers another recovery request (an earlier one?); nothing was "
            "changed."), name=path.name)
    if made.vault_id is not None and response.vault_id != made.vault_id:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{name} is a share of another vault; nothing was changed."),
            name=path.name)
    plain = response.opened.decrypt(identity)
    try:
        owner, statement = formats.open_statement(plain)
    finally:
        zero(plain)
    responder = response.opened.signer.fingerprint
    if (statement.custodian != responder or statement.owner != response.owner
            or statement.set_id != response.set_id or statement.vault_id != response.vault_id
            or statement.generation != response.generation):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "{name}: the share inside was not issued to the custodian who signed the "
            "response; refused. Nothing was changed."), name=path.name)
    return _Share(statement.mnemonic, statement, owner, responder)


def _paper_shares(path: Path, number: int) -> list[_Share]:
    """The shares in a paper share file, one a line (numbered "2", or "2.1", "2.2" in
    errors); the bytes read are zeroed once the words are checked."""
    text = envelope.read_secret(path, MAX_PAPER_FILE,
                                QT_TRANSLATE_NOOP("Errors", "paper share file"))
    lines = [line for line in text.splitlines() if line and not line.isspace()]
    try:
        label = str(number) if len(lines) == 1 else f"{number}.{{}}"
        return [_Share(shares.normalise(line, label.format(i)), None, None, PAPER)
                for i, line in enumerate(lines, 1)]
    finally:
        for buf in (text, *lines):
            zero(buf)


def _consistent(collected: list[_Share]) -> list[ShareStatement]:
    """All colleague shares name one owner key, set and key id (signed by that owner)."""
    statements = [s.statement for s in collected if s.statement is not None]
    owners = {s.owner for s in collected if s.owner is not None}
    if len(owners) > 1 or len({(s.set_id, s.key_id, s.vault_id) for s in statements}) > 1:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The responses hold shares of different recovery sets (or vaults): a "
            "share of an earlier set, revoked when the data key was rotated or the custodians "
            "changed, opens nothing current. Nothing was changed."))
    return statements


def _open_db(paths: VaultPaths, key: bytearray, found: _Found) -> RecoveredVault:
    first = found.first
    if first is not None and not shares.same_key_id(
            shares.key_id(first.vault_id, key), first.key_id):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The shares combine into a key other than the one their owner signed "
            "for; refused. Nothing was changed."))
    try:
        conn = db.connect(paths.db, key)
    except VaultDamaged:
        raise KeyDoesNotOpen(QT_TRANSLATE_NOOP(
            "Errors", "The shares combine into a key that does not open this vault: they are "
            "of an earlier data key (revoked when it was rotated) or of another vault. "
            "Nothing was changed.")) from None
    try:
        return _check_opened(paths, conn, key, found)
    except BaseException:
        conn.close()
        raise


def _check_opened(paths: VaultPaths, conn: Any, key: bytearray, found: _Found) -> RecoveredVault:
    first, collected = found.first, found.collected
    fingerprint = conn.execute("SELECT fingerprint FROM identity").fetchone()[0]
    vault_id = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()[0]
    row = conn.execute("SELECT set_id, key_id FROM recovery_set WHERE status = 'current'"
                       ).fetchone()
    if first is not None and first.owner != fingerprint:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The shares were not issued by this vault; refused. Nothing was "
            "changed."))
    if row is None and found.backup and _knows_no_set(conn, first):
        # a backup made before recovery was set up (the first set does not rotate the key):
        # the key opened it, and any colleague's share was signed by its owner for this key
        set_id = first.set_id if first is not None else ""
        return _recovered(paths, conn, key, found, vault_id=vault_id, set_id=set_id,
                          unknown_set=first)
    if row is None or not shares.same_key_id(row[1], shares.key_id(vault_id, key)):
        raise KeyDoesNotOpen(QT_TRANSLATE_NOOP(
            "Errors", "These shares are of a recovery set this vault has revoked; nothing was "
            "changed."))
    if first is not None and first.set_id != row[0]:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The shares were not issued by this vault; refused. Nothing was "
            "changed."))
    members = dict(conn.execute(
        "SELECT member, custodian FROM recovery_custodian WHERE set_id = ?", (row[0],)))
    # each share is the member its custodian holds: a colleague's words cannot pass as paper
    if any(members.get(shares.member_index(s.mnemonic)) != s.responder for s in collected):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "A share was not given by the custodian (or paper) the set issued it to; "
            "refused. Nothing was changed."))
    return _recovered(paths, conn, key, found, vault_id=vault_id, set_id=row[0])


def _knows_no_set(conn: Any, first: ShareStatement | None) -> bool:
    """The database has never had a recovery set (nor the one the statements name)."""
    def count(sql: str, *args: str) -> int:
        return int(conn.execute(sql, args).fetchone()[0])

    if first is None:
        return count("SELECT count(*) FROM recovery_set") == 0
    return (count("SELECT count(*) FROM recovery_set WHERE set_id = ?", first.set_id) == 0
            and count("SELECT count(*) FROM recovery_set WHERE status = 'current'") == 0)


def _recovered(paths: VaultPaths, conn: Any, key: bytearray, found: _Found, *, vault_id: str,
               set_id: str, unknown_set: ShareStatement | None = None) -> RecoveredVault:
    responders = [s.responder for s in found.collected if s.responder != PAPER]
    return RecoveredVault(paths, conn, key, vault_id, set_id, found.request_id,
                          sorted(set(responders))
                          + [PAPER] * (len(found.collected) - len(responders)),
                          found.params, unknown_set)


def _remember_set(conn: Any, statement: ShareStatement) -> None:
    """Record the set the shares came from, which a backup made before it never knew, as
    revoked by the rotation that follows: the next set then has a later generation than the
    shares the custodians hold, so they accept it."""
    conn.execute("INSERT OR IGNORE INTO recovery_set (set_id, generation, key_id, threshold, "
                 "shares, created_at, status, revoked_at, revoked_reason) "
                 "VALUES (?, ?, ?, ?, ?, ?, 'revoked', ?, 'data key rotated')",
                 (statement.set_id, statement.generation, statement.key_id,
                  statement.threshold, statement.shares, statement.issued_at, formats.now()))


# -- 4. finishing -----------------------------------------------------------------------------
def write_keyfile(opened: RecoveredVault, passphrase: str) -> None:
    """Seal the recovered key under the new passphrase as the folder's ``vault.key``
    (atomically replacing one whose passphrase was lost)."""
    paths = opened.paths
    tmp = paths.root / ".vault.key.recovered.tmp"
    with keyfile.locked(paths.key):
        keyfile.wipe_keyfile(tmp)
        keyfile.create_keyfile(tmp, passphrase, opened.key, opened.vault_id, opened.params)
        os.replace(tmp, paths.key)
        fsync_dir(paths.root)


def finish(vault: RecoveryVault, opened: RecoveredVault, passphrase: str) -> dict[str, Any]:
    """Audit the ceremony, rotate the data key at once, shred the request's secret."""
    store, me = vault.store, vault.identity.fingerprint
    with store.write():
        if opened.unknown_set is not None:
            _remember_set(store.conn, opened.unknown_set)
        if opened.request_id is not None:
            audit.append(store.conn, me, "recovery_request", opened.request_id, "recovery")
        for custodian in opened.custodians:
            audit.append(store.conn, me, "recovery_share_used", opened.set_id, "recovery",
                         fields=[f"custodian:{custodian}"])
        audit.append(store.conn, me, "recovery_complete", opened.set_id, "recovery",
                     fields=[f"shares:{len(opened.custodians)}"])
    vault.rotate_key(passphrase)
    keyfile.wipe_keyfile(opened.paths.recovery_secret)
    return {"vault_id": opened.vault_id, "set_id": opened.set_id,
            "request_id": opened.request_id, "custodians": opened.custodians,
            "data_key_rotated": True}
