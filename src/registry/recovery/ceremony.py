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
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyrage
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from registry.errors import (
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
        raise VaultError(f"No vault database at {paths.root}: recovery needs the vault folder "
                         "(registry.db) on this machine. Copy it here, or choose it with "
                         "--vault.")


# -- 1. the request -----------------------------------------------------------------------------
def request(paths: VaultPaths, passphrase: str, out: Path) -> RequestMade:
    """Write a one-time request to ``out``; its secret is sealed under ``passphrase``."""
    _require_db(paths)
    identity = pyrage.x25519.Identity.generate()
    made = RecoveryRequest(formats.new_id(), formats.now(), _vault_id(paths),
                           str(identity.to_public()))
    params = _params(paths)
    secret = bytearray(str(identity).encode("ascii"))
    try:
        doc = _seal_secret(made, secret, passphrase, params)
    finally:
        zero(secret)
    secret_path = paths.recovery_secret
    keyfile.wipe_keyfile(secret_path)  # an earlier request's secret: gone for good
    atomic_write(secret_path, doc)
    atomic_write(Path(out), made.to_bytes())
    return RequestMade(made, Path(out))


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


def _open_secret(paths: VaultPaths, passphrase: str) -> tuple[RecoveryRequest, str, kdf.KdfParams]:
    """The pending request, its one-time identity and the KDF parameters it was sealed with."""
    path = paths.recovery_secret
    if not path.exists():
        raise VaultError("No recovery request is pending in this vault folder: make one with "
                         "'registry recovery request'.")
    data = envelope.read_limited(path, 8192, "recovery request secret")
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
        raise VaultError(f"{SECRET_NAME} in the vault folder is damaged: make a new request."
                         ) from None
    word = kdf.passphrase_bytes(passphrase)
    kek = kdf.derive(word, salt, params)
    try:
        plain = ChaCha20Poly1305(kek).decrypt(nonce, _b64(ciphertext),
                                              _aad(made.to_bytes(), params, salt))
    except (InvalidTag, RegistryError):
        raise WrongPassphrase("That is not the new passphrase given when the request was made "
                              "(or the request's secret was altered). Nothing was changed."
                              ) from None
    finally:
        zero(kek)
        zero(word)
    return made, plain.decode("ascii"), params


def _b64(text: object) -> bytes:
    if not isinstance(text, str) or len(text) > 4096:
        raise VaultError(f"{SECRET_NAME} in the vault folder is damaged: make a new request.")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise VaultError(f"{SECRET_NAME} in the vault folder is damaged: make a new request."
                         ) from None
    return raw


# -- 3. opening with shares -------------------------------------------------------------------
@dataclass(frozen=True)
class _Share:
    mnemonic: str = field(repr=False)
    statement: ShareStatement | None
    owner: PublicKeys | None
    responder: str


def open_with_shares(paths: VaultPaths, passphrase: str, responses: list[Path],
                     paper: list[Path]) -> RecoveredVault:
    """Verify and combine; open the database. Raises before anything is written."""
    _require_db(paths)
    if len(responses) > MAX_RESPONSES or len(paper) > MAX_RESPONSES:
        raise InvalidInput(f"At most {MAX_RESPONSES} responses and paper files.")
    request_id, params = None, None
    collected: list[_Share] = []
    if responses:
        made, identity, params = _open_secret(paths, passphrase)
        request_id = made.request_id
        collected += [_response_share(p, made, identity) for p in responses]
    for number, path in enumerate(paper, 1):
        collected += _paper_shares(path, number)
    if params is None:
        params = _params(paths)
    statements = _consistent(collected)
    found = _Found(statements[0] if statements else None, collected, request_id, params)
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


def _response_share(path: Path, made: RecoveryRequest, identity: str) -> _Share:
    data = envelope.read_limited(path, envelope.MAX_FILE, "recovery response")
    response = formats.open_response(data)
    if response.request_id != made.request_id or response.request_sha256 != made.sha256:
        raise InvalidInput(f"{path.name} answers another recovery request (an earlier one?); "
                           "nothing was changed.")
    if made.vault_id is not None and response.vault_id != made.vault_id:
        raise InvalidInput(f"{path.name} is a share of another vault; nothing was changed.")
    plain = response.opened.decrypt(identity)
    try:
        owner, statement = formats.open_statement(plain)
    finally:
        zero(plain)
    responder = response.opened.signer.fingerprint
    if (statement.custodian != responder or statement.owner != response.owner
            or statement.set_id != response.set_id or statement.vault_id != response.vault_id
            or statement.generation != response.generation):
        raise TrustError(f"{path.name}: the share inside was not issued to the custodian who "
                         "signed the response; refused. Nothing was changed.")
    return _Share(statement.mnemonic, statement, owner, responder)


def _paper_shares(path: Path, number: int) -> list[_Share]:
    text = envelope.read_limited(path, MAX_PAPER_FILE, "paper share file")
    try:
        lines = [line for line in text.decode("utf-8").splitlines() if line.strip()]
    except UnicodeDecodeError:
        raise InvalidInput(f"The paper share file {path.name} is not text.") from None
    label = f"Paper share {number}" if len(lines) == 1 else f"Paper share {number}.{{}}"
    return [_Share(shares.normalise(line, label.format(i)), None, None, PAPER)
            for i, line in enumerate(lines, 1)]


def _consistent(collected: list[_Share]) -> list[ShareStatement]:
    """All colleague shares name one owner key, set and key id (signed by that owner)."""
    statements = [s.statement for s in collected if s.statement is not None]
    owners = {s.owner for s in collected if s.owner is not None}
    if len(owners) > 1 or len({(s.set_id, s.key_id, s.vault_id) for s in statements}) > 1:
        raise InvalidInput("The responses hold shares of different recovery sets (or "
                           "vaults): a share of an earlier set, revoked when the data key was "
                           "rotated or the custodians changed, opens nothing current. Nothing "
                           "was changed.")
    return statements


def _open_db(paths: VaultPaths, key: bytearray, found: _Found) -> RecoveredVault:
    first = found.first
    if first is not None and not shares.same_key_id(
            shares.key_id(first.vault_id, key), first.key_id):
        raise TrustError("The shares combine into a key other than the one their owner "
                         "signed for; refused. Nothing was changed.")
    try:
        conn = db.connect(paths.db, key)
    except VaultDamaged:
        raise InvalidInput("The shares combine into a key that does not open this vault: "
                           "they are of an earlier data key (revoked when it was rotated) or "
                           "of another vault. Nothing was changed.") from None
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
    if row is None or not shares.same_key_id(row[1], shares.key_id(vault_id, key)):
        raise InvalidInput("These shares are of a recovery set this vault has revoked; "
                           "nothing was changed.")
    if first is not None and (first.owner != fingerprint or first.set_id != row[0]):
        raise TrustError("The shares were not issued by this vault; refused.")
    members = dict(conn.execute(
        "SELECT member, custodian FROM recovery_custodian WHERE set_id = ?", (row[0],)))
    responders = [s.responder for s in collected if s.responder != PAPER]
    # each share is the member its custodian holds: a colleague's words cannot pass as paper
    if any(members.get(shares.member_index(s.mnemonic)) != s.responder for s in collected):
        raise TrustError("A share was not given by the custodian (or paper) the set issued it "
                         "to; refused. Nothing was changed.")
    return RecoveredVault(paths, conn, key, vault_id, row[0], found.request_id,
                          sorted(set(responders)) + [PAPER] * (len(collected) - len(responders)),
                          found.params)


# -- 4. finishing -----------------------------------------------------------------------------
def write_keyfile(opened: RecoveredVault, passphrase: str) -> None:
    """Seal the recovered key under the new passphrase as the folder's ``vault.key``
    (atomically replacing one whose passphrase was lost)."""
    paths = opened.paths
    tmp = paths.root / ".vault.key.recovered.tmp"
    keyfile.wipe_keyfile(tmp)
    keyfile.create_keyfile(tmp, passphrase, opened.key, opened.vault_id, opened.params)
    os.replace(tmp, paths.key)
    fsync_dir(paths.root)


def finish(vault: RecoveryVault, opened: RecoveredVault, passphrase: str) -> dict[str, Any]:
    """Audit the ceremony, rotate the data key at once, shred the request's secret."""
    store, me = vault.store, vault.identity.fingerprint
    with store.write():
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
