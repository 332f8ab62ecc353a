"""The application service: the one door into the core for the command line and the GUI.

A :class:`Registry` is an unlocked vault. It is made by :meth:`Registry.create` or
:meth:`Registry.unlock` and dropped by :meth:`lock`; every read and write of records, the
identity, checks and key operations go through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import shutil
import unicodedata
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from registry.domain.enums import Kind, Sensitivity, may_provide_support
from registry.domain.ids import evaluation_id
from registry.domain.model import KINDS, TOUCHING, Record
from registry.domain.validate import FieldError, apply_rules, normalise
from registry.errors import (
    QT_TRANSLATE_NOOP,
    InvalidInput,
    KeychainError,
    LoweringNeedsConfirmation,
    NotFound,
    RegistryError,
    StorageFull,
    VaultBusy,
    VaultDamaged,
    VaultError,
    VaultLocked,
    os_reason,
)
from registry.match import translit
from registry.memory import forget_records
from registry.recovery import CURRENT as _CURRENT_SET
from registry.store import audit, db, protection, schema
from registry.store import listing as _listing
from registry.store.listing import Listing
from registry.store.records import Store
from registry.sync.keys import OfficialKeys
from registry.vault import keychain, keyfile, strength
from registry.vault.hardening import zero
from registry.vault.layout import KEY_NAME, VaultPaths

if TYPE_CHECKING:
    from registry.analytics.service import Analytics
    from registry.backup import Backups, Restored
    from registry.demo import DemoSize
    from registry.interop.service import Interop
    from registry.match.service import Matching
    from registry.recovery.ceremony import RecoveredVault, RequestMade
    from registry.recovery.custody import Recovery
    from registry.retention import Retention
    from registry.sync.sharing import Sharing

# the list vocabulary the front ends use with ``Registry.listing`` (its columns and queries)
LIST_SPECS = _listing.SPECS
ListQuery = _listing.ListQuery

ACTORS = frozenset({"person", "organisation"})


# a tie or a person the rule raises (touching a protected person; inside Russia) keeps the
# level its official gave it: ``include`` lifts the rule's raise, not that level (§6.4.5)
_OWN_LEVELS = frozenset({Kind.TIE, Kind.PERSON})


def default_vault_dir() -> Path:
    """The platform's user data folder for Registry (``--vault`` overrides it)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("Registry", appauthor=False)) / "vault"


@dataclass(frozen=True)
class Identity:
    name: str
    org: str
    country: str
    fingerprint: str
    minisign_public_key: str
    age_recipient: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "org": self.org, "country": self.country,
                "fingerprint": self.fingerprint,
                "minisign_public_key": self.minisign_public_key,
                "age_recipient": self.age_recipient}


@dataclass(frozen=True)
class Holder:
    """An official (or a bare age recipient) who holds a record this vault sent them."""

    key: str
    name: str
    trust: str
    official: bool

    def to_json(self) -> dict[str, Any]:
        return {"fingerprint": self.key if self.official else None,
                "age_recipient": None if self.official else self.key[4:],
                "name": self.name, "trust": self.trust}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    name: str
    name_latin: str
    sensitivity: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "name": self.name,
                "name_latin": self.name_latin, "sensitivity": self.sensitivity}


@dataclass(frozen=True)
class RotationSettled:
    """A key rotation a crash (or a kill) cut short, finished when the vault was opened.

    ``kept``: the new data key is the key now; False: the rotation had changed nothing and
    was undone. ``old_passphrase``: the key file was settled on this unlock, so the
    passphrase is the one it had before (a ``passwd --rotate`` cut short never set its new
    one); False when only the rotation's last step was left (the key file was written whole,
    under whichever passphrase was asked for). ``recovery``: what became of the recovery
    set, as :meth:`Registry.rotate_key` returns it."""

    kept: bool
    recovery: str | None
    old_passphrase: bool = True


class Registry:
    """An unlocked vault."""

    rotation_settled: RotationSettled | None = None  # set by unlock: the front ends say it

    def __init__(self, paths: VaultPaths, conn: db.Connection, data_key: bytearray) -> None:
        self.paths = paths
        self._conn = conn
        self._data_key = data_key
        row = conn.execute(
            "SELECT name, org, country, fingerprint, secret FROM identity").fetchone()
        if row is None:
            raise VaultDamaged(QT_TRANSLATE_NOOP(
                "Errors", "The vault has no identity: it was not finished. Create it again."))
        self._keys = OfficialKeys.from_json(row[4])
        pub = self._keys.public()
        self.identity = Identity(row[0], row[1], row[2], row[3], pub.minisign_public_key,
                                 pub.age_recipient)
        self.store = Store(conn, self.identity.fingerprint, translit.index_terms,
                           translit.INDEX_VERSION, translit.name_terms)
        self.store.on_protected_erased = functools.partial(_mark_mentions, self.store)

    # -- life cycle ------------------------------------------------------------------------
    @classmethod
    def create(cls, root: Path, passphrase: str, *, name: str, org: str, country: str,
               remember: bool = False, kdf: keyfile.KdfParams | None = None,
               allow_short: bool = False, min_score: int = strength.MIN_SCORE) -> Registry:
        """Make a new vault with a fresh data key and the official's identity.

        The passphrase must be strong (``registry.vault.strength``, with the name,
        organisation and country as known words); ``allow_short`` waives that for vaults
        of fictional data (``registry demo``) and benchmarks.
        """
        paths = VaultPaths(Path(root))
        _check_new_vault(paths, passphrase, allow_short, (name, org, country), min_score)
        ident = normalise(Kind.PERSON, {"name": name}, partial=True)["name"]
        org_n = normalise(Kind.ORGANISATION, {"name": org}, partial=True)["name"]
        ctry = normalise(Kind.PERSON, {"country": country}, partial=True)["country"]
        if not ident or not org_n or not ctry:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "A name, an organisation and a country are needed."))
        try:
            paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise VaultError(QT_TRANSLATE_NOOP(
                "Errors", "The vault folder {path} cannot be made ({reason}). Choose a folder "
                "you may write to with --vault."), path=paths.root, reason=os_reason(exc)) from None
        for leftover in paths.sidecars():  # from an init that never wrote its key file
            leftover.unlink(missing_ok=True)
        data_key = bytearray(os.urandom(32))
        conn = db.connect(paths.db, data_key, create=True)
        try:
            schema.migrate(conn)
            _write_identity(conn, OfficialKeys.generate(), ident, org_n, ctry)
            params = kdf or keyfile.calibrate()
            vault_id = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()[0]
            with keyfile.locked(paths.key):
                keyfile.create_keyfile(paths.key, passphrase, data_key, vault_id, params,
                                       allow_weak=kdf is not None and kdf.memory_kib
                                       < keyfile.MIN_MEMORY_KIB)
        except BaseException:
            conn.close()
            for f in [*paths.sidecars(), paths.key_lock]:
                f.unlink(missing_ok=True)
            raise
        reg = cls(paths, conn, data_key)
        reg.store.ensure_index()
        if remember:
            reg.remember()
        return reg

    @classmethod
    def unlock(cls, root: Path, passphrase: str | None) -> Registry:
        """Open a vault with the passphrase, or with the keychain when ``passphrase`` is None."""
        paths = VaultPaths(Path(root))
        if not paths.exists():
            if paths.db.exists():
                raise VaultError(QT_TRANSLATE_NOOP(
                    "Errors", "The vault at {path} has no key file: it was wiped or is "
                    "incomplete, and cannot be opened. Restore it from a backup."),
                    path=paths.root)
            raise VaultError(QT_TRANSLATE_NOOP(
                "Errors", "No vault at {path}. Create one with 'registry init' or choose "
                "another folder with --vault."), path=paths.root)
        if passphrase is None:
            return cls._unlock_with_keychain(paths)
        # Under the key file's lock: a staged key then is the trace of a crash, never the
        # rotation another window or command is running (which the lock makes this wait for).
        with keyfile.locked(paths.key):
            keys = keyfile.unseal(paths.key, passphrase)
            conn, key = _open_with_any(paths, keys)
            kept = None
            if len(keys) > 1:  # a key rotation was interrupted by a crash
                kept = _finish_rotation(paths, passphrase, key, keys)
            keyfile.shred_leftovers(paths.key)  # and the temp file of a write it killed
        reg = cls(paths, conn, key)
        reg._upgrade()
        reg._settle(kept)
        return reg

    @classmethod
    def _unlock_with_keychain(cls, paths: VaultPaths) -> Registry:
        with keyfile.locked(paths.key):  # not while a rotation elsewhere changes the key
            header = keyfile.read_header(paths.key)
            key = keychain.recall(header.vault_id)
            if key is None:
                raise VaultLocked(QT_TRANSLATE_NOOP(
                    "Errors", "A passphrase is needed: none was given (set REGISTRY_PASSPHRASE "
                    "or run from a terminal) and this computer does not remember the vault."))
            try:
                conn = db.connect(paths.db, key)
            except VaultDamaged:
                raise VaultLocked(QT_TRANSLATE_NOOP(
                    "Errors", "The key remembered on this computer no longer opens the vault (it "
                    "was rotated elsewhere). Unlock with the passphrase.")) from None
            keyfile.shred_leftovers(paths.key)  # a crash's temp files: see unlock
        reg = cls(paths, conn, key)
        reg._upgrade()
        reg._settle(None)
        return reg

    def _settle(self, kept: bool | None) -> None:
        """After an unlock: finish what a crash cut short of a key rotation, as a rotation
        run to its end does (:meth:`_rotated`), and say so in :attr:`rotation_settled`.

        ``kept``: a staged key was committed (True: the database was already under it) or
        discarded (False), or there was none (None). Without one, a current recovery set of
        another key than the vault's is the trace of a rotation that was killed after its
        key-file commit but before its own step: that step runs now."""
        try:
            if kept is False:
                self.rotation_settled = RotationSettled(False, None)
            elif kept or self._recovery_stale():
                self.rotation_settled = RotationSettled(True, self._rotated("rekey"),
                                                        old_passphrase=bool(kept))
        except BaseException:
            self.lock()
            raise

    def _recovery_stale(self) -> bool:
        """:meth:`Recovery.is_stale`, asked only when a recovery set is current: unlocking a
        vault without one, as most are, loads none of the recovery code."""
        current = self._conn.execute(
            "SELECT 1 FROM recovery_set WHERE status = ?", (_CURRENT_SET,)).fetchone()
        return current is not None and self.recovery.is_stale()

    def _upgrade(self) -> None:
        """Bring an opened vault up to date; on failure (a vault of a newer version, a busy
        or full disk) the vault is locked again, so no connection or key stays behind."""
        try:
            schema.migrate(self._conn)
            self.store.ensure_index()
            if self.store.meta_get(schema.OWN_CLAIMS_SIGNED) is None:
                from registry.sync import signatures

                with self.store.write():  # the key-holding half of migration v8
                    signatures.sign_own(self.store, self._keys)
                    self.store.meta_set(schema.OWN_CLAIMS_SIGNED, "1")
        except BaseException:
            self.lock()
            raise

    def lock(self) -> None:
        """Close the database, drop the data key from memory and empty the caches that keep
        what records said (names, words: ``memory.forget_records``)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        zero(self._data_key)
        forget_records()

    close = lock

    @property
    def official_keys(self) -> OfficialKeys:
        """The official's secret keys (signing and age identity), for the sharing layer."""
        return self._keys

    @property
    def vault_id(self) -> str:
        return self.store.meta_get("vault_id") or ""

    # -- keys --------------------------------------------------------------------------------
    def remember(self) -> None:
        """Keep the data key in the OS keychain (allow-listed backends only)."""
        keychain.remember(self.vault_id, bytes(self._data_key))

    def forget(self) -> None:
        keychain.forget(self.vault_id)

    def change_passphrase(self, old: str, new: str, *, rotate: bool = False,
                          min_score: int = strength.MIN_SCORE) -> str | None:
        """Seal the data key under ``new`` (which must be strong).

        Without ``rotate`` only the key file changes: a copy of ``vault.key`` made before
        (every backup holds one) still opens the database with ``old``. With ``rotate`` the
        data key is replaced too (``PRAGMA rekey``) in the same crash-safe step as
        :meth:`rotate_key`: until the key file's last write the vault opens with ``old``,
        after it only with ``new``, and no earlier copy of the key file opens the database.
        Returns what a rotation did to the recovery set (see :meth:`rotate_key`).

        ``new`` the same as ``old`` is refused without ``rotate`` (it would change nothing);
        with it, it rotates the data key and keeps the passphrase, as :meth:`rotate_key` does.
        """
        if not rotate and same_passphrase(old, new):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "The new passphrase is the same as the current one you gave: "
                "nothing was changed."))
        _check_passphrase(new, False, self._user_inputs(), min_score)
        if rotate:
            return self._rotate(old, new)
        with keyfile.locked(self.paths.key):
            keyfile.reseal(self.paths.key, old, new)
        return None

    def rotate_key(self, passphrase: str) -> str | None:
        """``PRAGMA rekey`` to a fresh data key, crash-safe through the key file's staged slot.

        The shares of the recovery set open nothing current afterwards: returns
        ``"reissued"`` (new shares for the same colleagues, to be written and sent),
        ``"revoked"`` (no set now: it had paper shares, or a custodian is no longer
        verified) or None (there was no set)."""
        return self._rotate(passphrase, None)

    def _rotate(self, passphrase: str, new_passphrase: str | None) -> str | None:
        """Stage a new key (under ``passphrase``), rekey, then commit it — under
        ``new_passphrase`` when given — in one atomic write of the key file."""
        new_key = bytearray(os.urandom(32))
        with keyfile.locked(self.paths.key):  # no unlock elsewhere settles it half-way
            keyfile.stage_key(self.paths.key, passphrase, new_key)  # a wrong passphrase: refused
            try:
                db.leave_wal(self._conn)
                db.check_rekey_room(self._conn)
            except (VaultBusy, StorageFull):  # another window has the vault open, or no
                keyfile.discard_staged(self.paths.key, passphrase)  # room: nothing changed
                with contextlib.suppress(db.DatabaseError):  # back to WAL, as it was
                    self._conn.execute("PRAGMA journal_mode = WAL").fetchall()
                raise
            db.rekey(self._conn, new_key)  # fails mid-way: the staged key settles it on unlock
            keyfile.commit_staged(self.paths.key, passphrase, new_passphrase)
        zero(self._data_key)
        self._data_key = new_key
        return self._rotated("rekey" if new_passphrase is None else "passwd_rotate")

    def _rotated(self, action: str) -> str | None:
        """What follows every rotation's key-file commit — one run to its end and one a crash
        cut short alike (:meth:`_settle`): the keychain entry updated, the audit entry and the
        recovery set's step (shares of the old key revoked, new ones issued) in one
        transaction. Returns what became of the set (see :meth:`rotate_key`)."""
        self._refresh_remembered()
        with self.store.write():
            audit.append(self._conn, self.identity.fingerprint, action)
            return self.recovery.after_rotation()

    def _refresh_remembered(self) -> None:
        """After a rotation: a keychain entry that holds an old key gets the current one.

        Best effort: an entry that cannot be updated is removed (the passphrase always
        works), and a stale one left behind is only ever refused (DESIGN §5).
        """
        remembered = keychain.recall(self.vault_id)
        if remembered is None:
            return
        stale = remembered != self._data_key
        zero(remembered)
        if stale:
            try:
                self.remember()
            except KeychainError:
                keychain.forget(self.vault_id)

    def _user_inputs(self) -> tuple[str, str, str]:
        """Words an attacker who holds the laptop knows: the official's name, org, country."""
        return self.identity.name, self.identity.org, self.identity.country

    def wipe(self) -> bool:
        """Panic wipe: destroy the key file (crypto-shredding), keychain entry and database."""
        vault_id = self.vault_id
        self.lock()
        return wipe_vault(self.paths.root, vault_id)

    # -- records -----------------------------------------------------------------------------
    def add(self, kind: Kind, raw: Mapping[str, Any]) -> Record:
        values = _validated(kind, raw, partial=False)
        values.setdefault("sensitivity", Sensitivity.INTERNAL.label)
        self._check_refs(kind, values)
        asked = values["sensitivity"]
        values = self._protect(kind, apply_rules(kind, values))
        if kind is Kind.EVALUATION:
            values["assessor"] = self.identity.fingerprint
            values["assessor_name"] = self.identity.name
        # an evaluation's id is bound to its assessor (no colleague can take it over)
        made = evaluation_id(self.identity.fingerprint) if kind is Kind.EVALUATION else None
        with self.store.write():
            record = self.store.insert(kind, values, made)
            if kind in _OWN_LEVELS and (values["sensitivity"] != asked or (
                    kind is Kind.PERSON and values.get("inside_russia"))):
                self.store.keep_own_level(record.id, Sensitivity.parse(asked))
            return record

    def update(self, record_id: str, raw: Mapping[str, Any], *,
               confirm_lowering: bool = False) -> list[str]:
        """Change fields of a record.

        Lowering protection (``sensitivity`` down, ``inside_russia`` off) is a local act
        (DESIGN §6.4.1): it needs ``confirm_lowering``, is audited, and does not travel —
        other vaults keep their protection, and the value lowered coming back in a bundle
        does not raise it again here.
        """
        # read, checked and written in one transaction: a record read before it began would be
        # written back whole over what another window committed meanwhile (a flag, an erasure)
        with self.store.write():
            return self._update(record_id, raw, confirm_lowering)

    def _update(self, record_id: str, raw: Mapping[str, Any], confirm_lowering: bool
                ) -> list[str]:
        record = self.get(record_id)
        changes = _validated(record.kind, raw, partial=True)
        if record.kind is Kind.EVALUATION and record.values.get("assessor") != \
                self.identity.fingerprint:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "An evaluation is changed only by the official who made it; add "
                "your own evaluation instead."))
        changes.pop("assessor", None)
        self._check_refs(record.kind, {**record.values, **changes},
                         provider_set=changes.get("provider_id", record.values.get(
                             "provider_id")) != record.values.get("provider_id"))
        asked = changes.get("sensitivity")
        merged = self._protect(record.kind, apply_rules(record.kind, {**record.values, **changes}))
        if "sensitivity" in changes or merged.get("sensitivity") != record.values.get(
                "sensitivity"):
            changes["sensitivity"] = merged["sensitivity"]  # the rule's level, not the ask
        own = None if asked is None or asked == merged["sensitivity"] else Sensitivity.parse(asked)
        lowered = protection.lowered_fields(record.values, changes)
        if lowered and not confirm_lowering:
            raise LoweringNeedsConfirmation(QT_TRANSLATE_NOOP(
                "Errors", "This lowers the record's protection. Lowering is kept in this "
                "vault only: officials who hold the record keep it protected. Confirm to go "
                "on."))
        with self.store.write():
            if lowered:
                self.store.mark_lowered(record, lowered, _now())
            flagged = record.kind is Kind.PERSON and merged.get("inside_russia")
            if record.kind in _OWN_LEVELS and asked is not None:
                # on a person flagged inside Russia the level asked is hers, whatever the
                # flag makes the field (her level and the flag's are one value there)
                self.store.set_own_level(record.id, Sensitivity.parse(asked) if flagged
                                         else own)
            elif record.kind in _OWN_LEVELS and (flagged or Sensitivity.parse(
                    changes.get("sensitivity") or "public") > record.sensitivity):
                self.store.keep_own_level(record.id, record.sensitivity)  # as before the rule
            # a level the rule raises and the official did not ask for (her flag's, a tie's
            # beside a protected person) is the rule's, written as its own protecting change:
            # a quarantine undoes it when what called for it was the revoked colleague's
            ruled = {} if asked is not None or changes.get("sensitivity") in (
                None, record.values.get("sensitivity")) or lowered else \
                {"sensitivity": changes.pop("sensitivity")}
            changed = self.store.update(record, ruled, action="protect", by_rule=True) \
                if ruled else []
            changed += self.store.update(record, changes, restate=True)
            if lowered:
                audit.append(self._conn, self.identity.fingerprint, "lower_protection",
                             record.id, record.kind.value, fields=lowered)
            if merged.get("sensitivity") == Sensitivity.PROTECTED.label:
                self._protect_ties_of(record.id)
            return changed

    def protection_of(self, record_id: str) -> Sensitivity:
        """The level a record is treated at everywhere (DESIGN §6.4.3): its "same" group's
        highest, protected when inside Russia, protected for a tie touching a protected
        person, at least the level of what a bundle moved it off. The one rule; exports,
        reports and views ask it through ``registry.store.protection``."""
        record = self.get(record_id)
        if record.kind in protection.ACTOR_TABLES:
            group = protection.for_records(self._conn, record.kind, [record.id])
            return group.level.get(record.id, record.sensitivity)
        if record.kind is Kind.TIE:
            ends = [e for e in (record.values.get("from_id"), record.values.get("to_id"))
                    if isinstance(e, str)]
            if any(self._is_protected(e) for e in ends):
                return Sensitivity.PROTECTED
        if record.kind in protection.ABOUT:  # what a bundle moved it off
            return max(record.sensitivity, protection.formerly_of(self._conn, record.id))
        return record.sensitivity

    def group_of(self, record_id: str) -> list[str]:
        """The records decided "same" as this one (itself included), live ones only."""
        record = self.get(record_id)
        return [i for i in protection.group_of(self._conn, record.kind, record.id)
                if (r := self.store.get(i, record.kind)) is not None and r.erased is None]

    def group_inside(self, record_id: str) -> bool:
        """Whether a member of the record's "same" group is flagged inside Russia."""
        record = self.get(record_id)
        group = protection.for_records(self._conn, record.kind, [record.id])
        return record.id in group.inside

    def is_protected(self, record_id: str) -> bool:
        """Whether a record is protected (a person inside Russia, or "same" as one, ...)."""
        return self._is_protected(record_id)

    def protection_mark(self, record_id: str) -> tuple[bool, bool]:
        """What a raise of a record's protection is measured against (DESIGN §6.4.2): whether
        it is protected and inside Russia, its "same" group counted, under the one rule."""
        return self._is_protected(record_id), self.group_inside(record_id)

    def holders_to_tell(self, record_id: str, before: tuple[bool, bool]) -> list[Holder]:
        """Who must be sent a protection notice now (:meth:`shared_with`) because the record
        became protected, or inside Russia, since ``before`` (:meth:`protection_mark`); none
        when it did not. Every front end and the spreadsheet import ask this."""
        protected, inside = self.protection_mark(record_id)
        if protected and (not before[0] or (inside and not before[1])):
            return self.shared_with(record_id)
        return []

    def shared_with(self, record_id: str) -> list[Holder]:
        """Who this vault sent the record to (or received it from): the officials a raised
        protection must reach (DESIGN §6.4.2). The record's "same" group counts as one, and so
        do the records kept one actor with it (an import's split, an erased member)."""
        record = self._get_any(record_id)
        ids = protection.kept_one(self._conn, record.kind, [record.id])
        rows = self._conn.execute(
            "SELECT DISTINCT s.recipient, o.name, o.trust FROM sent_record AS s LEFT JOIN "
            "official AS o ON o.fingerprint = s.recipient WHERE s.record_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY s.recipient",
            (json.dumps(ids),)).fetchall()
        return [Holder(str(r), str(n or ""), str(t or ""), not str(r).startswith("age:"))
                for r, n, t in rows]

    def _protect(self, kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
        """DESIGN §4.2: a tie that touches a protected person is protected too."""
        if kind is Kind.TIE and any(self._is_protected(values.get(end))
                                    for end in ("from_id", "to_id")):
            values["sensitivity"] = Sensitivity.PROTECTED.label
        return values

    def _is_protected(self, record_id: str | None) -> bool:
        kind = self.store.kind_of(record_id) if record_id else None
        if kind is None or record_id is None:
            return False
        if kind in protection.ACTOR_TABLES:
            group = protection.for_records(self._conn, kind, [record_id])
            return group.level.get(record_id, Sensitivity.INTERNAL) >= Sensitivity.PROTECTED
        return self.protection_of(record_id) >= Sensitivity.PROTECTED

    def _protect_ties_of(self, record_id: str) -> None:
        for tie in self.ties_of(record_id):
            if tie.sensitivity is not Sensitivity.PROTECTED:
                self.store.keep_own_level(tie.id, tie.sensitivity)
                self.store.update(tie, {"sensitivity": Sensitivity.PROTECTED.label},
                                  action="protect", by_rule=True)

    def delete(self, record_id: str) -> None:
        with self.store.write():  # read inside: see update
            self.store.update(self.get(record_id), {"deleted": True}, action="delete")

    def erase(self, record_id: str) -> list[str]:
        """Erase a record for good, with the ties, support and evaluations that touch it.

        Returns the ids erased. The erased values leave no trace in the database file, its
        WAL, the search index or field history.
        """
        return self.erase_all([record_id])

    def erase_all(self, record_ids: list[str],
                  still: Callable[[list[str]], list[str]] | None = None) -> list[str]:
        """:meth:`erase` of every one of ``record_ids``, in one transaction: the index is
        rewritten and the mention scan (DESIGN §6.4.6) reads the vault once for all of them,
        not once each (retention purges many). An unknown id changes nothing.

        ``still`` keeps, inside the transaction, those of the ids that still qualify (a
        retention purge: those still due, if another window postponed one meanwhile)."""
        erased: list[str] = []
        with self.store.write():  # read inside: see update
            ids = still(record_ids) if still is not None else record_ids
            records = [self._get_any(i) for i in ids]
            if any(len(protection.group_of(self._conn, r.kind, r.id)) > 1 for r in records):
                # the members of its "same" group left keep its protection, as their own
                # (exporter.splits_groups: as before an import's erasure); a record in no
                # group leaves nothing to keep, and the vault's other records are not touched
                from registry.sync import exporter

                exporter.materialise(self.store)
                records = [self._get_any(r.id) for r in records]
            for record in records:
                if record.id in erased:
                    continue  # erased with one before it
                self.store.erase(record)
                erased.append(record.id)
                for other in self._touching(record.id):
                    self.store.erase(other)
                    erased.append(other.id)
                self._drop_participant(record.id)
        self.store.purge_erased_traces()
        return erased

    def get(self, record_id: str) -> Record:
        record = self._get_any(record_id)
        if record.erased is not None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "That record was erased."))
        return record

    def find(self, record_id: str, kind: Kind | None = None) -> Record | None:
        """The record with that id (of ``kind`` when given), or None; an erased one as its
        tombstone. For labels and lookups that must not fail on a missing id."""
        return self.store.get(record_id, kind)

    def _get_any(self, record_id: str) -> Record:
        record = self.store.get(record_id.strip().lower())
        if record is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "No record with that id. Use 'registry search' to find it."))
        return record

    def ties_of(self, record_id: str) -> list[Record]:
        rows = self._conn.execute(
            "SELECT id FROM tie WHERE (from_id = ? OR to_id = ?) AND erased IS NULL "
            "AND coalesce(deleted, 0) = 0 ORDER BY id", (record_id, record_id)).fetchall()
        return [r for r in (self.store.get(i, Kind.TIE) for (i,) in rows) if r is not None]

    def provenance(self, record: Record) -> dict[str, dict[str, str | None]]:
        """For each field: when it was last set and by which official (the stamp's origin),
        and, for a value an import brought, who sent it (the bundle's signer) in which import:
        "set by A, received from C" (DESIGN §6.5.1). ``received_from`` is None for a value
        set here (or brought by an import older than this record of it)."""
        names = self._official_names()
        received = self.store.received(record)
        out: dict[str, dict[str, str | None]] = {}
        for name, stamp in sorted(record.stamps.items()):
            at = dt.datetime.fromtimestamp((stamp.hlc >> 16) / 1000, dt.UTC)
            import_id, sender = received.get(name, (None, None))
            out[name] = {"at": at.isoformat(timespec="seconds"), "origin": stamp.origin,
                         "by": names.get(stamp.origin, ""), "received_from": sender,
                         "received_from_name": None if sender is None else names.get(sender, ""),
                         "import_id": import_id}
        return out

    def _official_names(self) -> dict[str, str]:
        names = {fp: n for fp, n in self._conn.execute("SELECT fingerprint, name FROM official")}
        names[self.identity.fingerprint] = self.identity.name
        return names

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Records matching every word of ``query`` as a prefix, in either script; best first.

        Candidates come from the indexes in bounded numbers, so ranking never scans a large
        result (DESIGN §10): first the records whose names begin with the words as typed (the
        name index, by sound: a short prefix finds the names it begins, not any record whose
        terms share its consonants), then whole-word and prefix matches of every searched
        field by their skeletons (other romanisations, places, notes).
        """
        from registry.match import names

        limit = max(1, min(limit, 1000))
        terms = translit.query_words(query)[:16]
        if not terms:
            return []
        cap = max(100, limit * 4)
        named = self.store.search_name_ids(translit.name_query(query)[:16], cap)
        found = self.store.search_ids(terms, cap, prefix=False)
        if len(found) < cap:
            seen = {rid for rid, _ in found}
            found += [c for c in self.store.search_ids(terms, cap, prefix=True)
                      if c[0] not in seen]
        seen = {rid for rid, _ in found}
        found += [c for c in named if c[0] not in seen]
        hits = [SearchHit(*row) for row in self.store.labels(found)]
        scores = {h.id: names.query_score(query, f"{h.name} {h.name_latin}") for h in hits}
        hits.sort(key=lambda h: (-scores[h.id], len(h.name), h.name))
        return hits[:limit]

    def warm_up(self, after: int = 0, blocks: int = 200) -> int | None:
        """Read the next ``blocks`` pages of the search index, then of the map from its rows
        to record ids (``search_doc``), into the page cache, so the first searches after
        unlock are not cold reads: a short prefix looks up thousands of record ids, and
        reading (decrypting) their pages cold cost ~25 ms of the first keystroke at 100k.

        Meant to run as small background jobs, one after another, that a user's query can
        slip between: returns where to continue (an opaque position: the index's block id,
        then the map's row negated), or None when both have been read.
        """
        if after >= 0:
            row = self._conn.execute(
                "SELECT count(*), max(id), sum(length(block)) FROM (SELECT id, block FROM "
                "search_index_data WHERE id > ? ORDER BY id LIMIT ?)",
                (after, blocks)).fetchone()
            if row[0]:
                return int(row[1])
            after = -1
        row = self._conn.execute(  # ~120 ids a page: about as many pages as an index step
            "SELECT count(*), max(rowid), sum(length(record_id)) FROM (SELECT rowid, record_id "
            "FROM search_doc WHERE rowid > ? ORDER BY rowid LIMIT ?)",
            (-after - 1, blocks * 120)).fetchone()
        return -int(row[1]) - 1 if row[0] else None

    def stats(self, today: dt.date | None = None) -> dict[str, Any]:
        """Plurality, coverage, support, permit and evaluation figures (registry.analytics).

        Unsuppressed, for the vault's own screen; pass them through
        ``registry.analytics.suppress`` before anything leaves the vault.
        """
        from registry import analytics

        conn = self.store.conn
        return analytics.stats(conn, today or dt.date.today(), analytics.Targets.load(conn))

    def digest(self) -> str:
        return self.store.digest()

    # -- checks ------------------------------------------------------------------------------
    def check(self) -> list[str]:
        """Problems found: page HMACs, b-trees, foreign keys, the audit chain. Empty = whole."""
        try:
            problems = db.integrity_problems(self._conn)
            problems += [f"foreign key: {r}" for r in
                         self._conn.execute("PRAGMA foreign_key_check").fetchall()]
            problems += audit.verify(self._conn)
        except db.DatabaseError:
            problems = ["the database could not be read to the end"]
        return problems

    # -- internals -----------------------------------------------------------------------------
    def _check_refs(self, kind: Kind, values: Mapping[str, Any], *,
                    provider_set: bool = True) -> None:
        """References point to records of the allowed kinds; a support's provider, when it is
        set (a new support, another provider: ``provider_set``), may provide one — a support
        given when its provider was a donor stays one, whatever the provider's type since
        (as an import checks it: ``importer._check_providers``)."""
        refs = {"from_id": ACTORS, "to_id": ACTORS,
                "provider_id": {"organisation"}, "recipient_id": ACTORS,
                "subject_id": ACTORS, "organiser_id": {"organisation"},
                "a_id": ACTORS, "b_id": ACTORS,
                "merged_into": {kind.value}}
        for name, allowed in refs.items():
            if values.get(name):
                self._check_ref(name, values[name], allowed)
        for person in values.get("participants") or []:
            self._check_ref("participants", person, {"person"})
        if kind is Kind.SUPPORT and values.get("provider_id") and provider_set:
            provider = self.get(values["provider_id"])
            if not may_provide_support(provider.values.get("type")):
                raise InvalidInput("provider_id: " + QT_TRANSLATE_NOOP(
                    "Errors", "the provider must be an organisation of type donor or "
                    "government."))
        if kind is Kind.TIE and values.get("from_id") == values.get("to_id"):
            raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "A tie needs two different records."))

    def _check_ref(self, name: str, record_id: str, allowed: AbstractSet[str]) -> None:
        kind = self.store.kind_of(record_id)
        if kind is None or kind.value not in allowed:
            raise InvalidInput(f"{name}: no {' or '.join(sorted(allowed))} with that id.")

    def _touching(self, record_id: str) -> list[Record]:
        out: list[Record] = []
        for kind, cols in TOUCHING.items():
            where = " OR ".join(f"{c} = ?" for c in cols)
            rows = self._conn.execute(
                f"SELECT id FROM {KINDS[kind].table} WHERE ({where}) AND erased IS NULL",  # noqa: S608
                (record_id,) * len(cols)).fetchall()
            out += [r for r in (self.store.get(i, kind) for (i,) in rows) if r is not None]
        return out

    def _drop_participant(self, person_id: str) -> None:
        """Take an erased person off the events she took part in, unless she was protected
        (DESIGN §6.4.4). An event of a protected person never travels while she is on it;
        edited now, stamped at her erasure, it would travel (or send a notice) telling when
        she was erased and that she was there, next to the tombstone of her pseudonym. It
        is left as it was: exports read her, erased, as the protected person she was."""
        kept = self.store.erased_protection(person_id)
        if kept is not None and (kept[1] or kept[0] >= Sensitivity.PROTECTED):
            return
        rows = self._conn.execute("SELECT event_id FROM event_participant WHERE person_id = ?",
                                  (person_id,)).fetchall()
        for (event_id,) in rows:
            event = self.store.get(event_id, Kind.EVENT)
            if event is not None:
                people = [p for p in event.values.get("participants", []) if p != person_id]
                self.store.update(event, {"participants": people}, by_rule=True)

    @functools.cached_property
    def listing(self) -> Listing:
        """SQL-side sorted, filtered and searched record lists (the GUI's lists)."""
        return Listing(self._conn, translit.query_words)

    @functools.cached_property
    def sharing(self) -> Sharing:
        """Cards, trust store, bundle export and import, import history and revert."""
        from registry.sync.sharing import Sharing

        return Sharing(self)

    @functools.cached_property
    def interop(self) -> Interop:
        """FollowTheMoney and CSV exports, the spreadsheet import."""
        from registry.interop.service import Interop

        return Interop(self.store, self)

    @functools.cached_property
    def backups(self) -> Backups:
        """Verified, signed backups of this vault (``Registry.restore_backup`` restores one)."""
        from registry.backup import Backups

        return Backups(self)

    @functools.cached_property
    def recovery(self) -> Recovery:
        """Recovery shares: set up, status, shares held for colleagues, answering requests."""
        from registry.recovery.custody import Recovery

        return Recovery(self, lambda: self._data_key)

    @classmethod
    def request_recovery(cls, root: Path, new_passphrase: str, out: Path, *,
                         backup: Path | None = None) -> RequestMade:
        """Where no passphrase opens the vault: write a one-time recovery request to ``out``
        (its secret sealed under ``new_passphrase``, which must be strong, in the folder
        ``root``). With ``backup`` the vault comes from that backup (verified first: its
        signature and hashes), and ``root`` needs no database."""
        from registry.recovery import ceremony

        _check_passphrase(new_passphrase, False, ())
        vault_id = None
        if backup is not None:
            from registry.backup import inspect_backup

            vault_id = inspect_backup(Path(backup)).vault_id
        return ceremony.request(VaultPaths(Path(root)), new_passphrase, Path(out),
                                vault_id=vault_id)

    @classmethod
    def recover(cls, root: Path, new_passphrase: str, responses: list[Path],
                paper: list[Path] | None = None, *, paper_words: list[bytearray] | None = None,
                backup: Path | None = None, force: bool = False
                ) -> tuple[Registry, dict[str, Any]]:
        """Open the vault with k recovery shares (custodians' responses to this folder's
        request, paper share files, and/or ``paper_words`` typed: one share per bytearray,
        which the caller zeroes), seal its key under ``new_passphrase`` and rotate the data
        key at once. Every check passes before anything is written. With ``backup``, the vault
        is the backup's, put in place at ``root`` only when all went well (a vault found there
        is kept aside; one not known to be damaged only with ``force``)."""
        from registry.backup import Shares
        from registry.recovery import ceremony

        given = Shares([Path(p) for p in responses], [Path(p) for p in paper or []],
                       list(paper_words or []))
        if not responses:
            _check_passphrase(new_passphrase, False, ())
        if backup is not None:
            from registry.backup import recover_with_shares

            return recover_with_shares(Path(backup), Path(root), new_passphrase, given,
                                       settle=cls._settle_recovery, opener=cls.unlock,
                                       force=force)
        opened = ceremony.open_with_shares(VaultPaths(Path(root)), new_passphrase,
                                           given.responses, given.paper, given.words)
        return cls._settle_recovery(opened, new_passphrase, lambda _reg: None)

    @classmethod
    def _settle_recovery(cls, opened: RecoveredVault, new_passphrase: str,
                         check: Callable[[Registry], None]) -> tuple[Registry, dict[str, Any]]:
        """The recovered key sealed under ``new_passphrase``, ``check`` passed on the opened
        vault, the ceremony audited and the data key rotated."""
        from registry.recovery import ceremony

        try:
            reg = cls(opened.paths, opened.conn, opened.key)
        except BaseException:
            opened.conn.close()
            zero(opened.key)
            raise
        try:
            # the official's name, organisation and country count, as for passwd: whoever
            # holds the laptop knows whose it is (a request is checked without them, since
            # no passphrase opened the vault then); nothing is sealed under a weak one
            _check_passphrase(new_passphrase, False, reg._user_inputs())
            ceremony.write_keyfile(opened, new_passphrase)
            reg._upgrade()
            check(reg)
            return reg, ceremony.finish(reg, opened, new_passphrase)
        except BaseException:
            reg.lock()
            raise

    @classmethod
    def restore_backup(cls, backup: Path, root: Path, passphrase: str, *,
                       force: bool = False) -> Restored:
        """Restore the vault in ``backup`` to the folder ``root``: every check passes before
        anything there changes; a vault found there is kept aside, never deleted (a healthy
        one, or one of unknown state, only with ``force``)."""
        from registry.backup import restore

        return restore(Path(backup), Path(root), passphrase, opener=cls.unlock, force=force)

    @functools.cached_property
    def matching(self) -> Matching:
        """Duplicate pairs with their evidence, decisions and the review queue."""
        from registry.match.service import Matching

        return Matching(self)

    @functools.cached_property
    def retention(self) -> Retention:
        """People whose review date has come, and purging them."""
        from registry.retention import Retention

        return Retention(self)

    def fill_demo(self, size: DemoSize) -> int:
        """Fill this (new) vault with fictional records in one transaction; returns how many."""
        from registry import demo

        with self.store.write():
            return demo.generate(self.store, size, official=self.identity.name)

    @functools.cached_property
    def analytics(self) -> Analytics:
        """The dashboard, network view, briefing figures and targets."""
        from registry.analytics.service import Analytics

        sender = {"name": self.identity.name, "org": self.identity.org,
                  "country": self.identity.country}
        return Analytics(self.store, sender, self.search)


# -- module helpers -----------------------------------------------------------------------------
def is_remembered(root: Path) -> bool:
    """Whether this computer's keychain holds the vault's key (it can unlock without the
    passphrase). Reads the keychain, which may ask to unlock it: call it off the GUI thread.
    A missing or damaged key file, or no usable keychain, is False."""
    paths = VaultPaths(Path(root))
    try:
        header = keyfile.read_header(paths.key)
    except (RegistryError, OSError):
        return False
    key = keychain.recall(header.vault_id)
    if key is None:
        return False
    zero(key)
    return True


def wipe_vault(root: Path, vault_id: str | None = None) -> bool:
    """Destroy a vault without unlocking it: the key file first, then keychain and database.

    Returns False when the OS keychain entry could not be removed (the vault is destroyed
    all the same: that entry opens nothing without the database).
    """
    paths = VaultPaths(Path(root))
    if vault_id is None and paths.key.exists():
        try:
            vault_id = keyfile.read_header(paths.key).vault_id
        except RegistryError:
            vault_id = None
    keyfile.wipe_keyfile(paths.key)
    keyfile.wipe_keyfile(paths.recovery_secret)  # a pending recovery request's secret
    forgotten = keychain.forget(vault_id) if vault_id else True
    for f in paths.sidecars():
        f.unlink(missing_ok=True)
    for f in paths.root.glob(f".{KEY_NAME}.*.tmp"):
        f.unlink(missing_ok=True)
    paths.key_lock.unlink(missing_ok=True)
    if paths.root.exists() and not any(paths.root.iterdir()):
        shutil.rmtree(paths.root, ignore_errors=True)
    return forgotten


def _check_new_vault(paths: VaultPaths, passphrase: str, allow_short: bool,
                     user_inputs: tuple[str, ...], min_score: int = strength.MIN_SCORE) -> None:
    if paths.exists():
        raise VaultError(QT_TRANSLATE_NOOP(
            "Errors", "A vault already exists at {path}. Choose another folder with --vault, "
            "or wipe that vault first."), path=paths.root)
    _check_passphrase(passphrase, allow_short, user_inputs, min_score)


def same_passphrase(a: str, b: str) -> bool:
    """Whether two passphrases open the same key file (compared as the key file sees them:
    Unicode NFC, so the same words typed on any system match)."""
    return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


def _check_passphrase(passphrase: str, allow_short: bool, user_inputs: tuple[str, ...],
                      min_score: int = strength.MIN_SCORE) -> None:
    """A new passphrase: not empty, without control characters (a line break, say, from a
    file read whole into REGISTRY_NEW_PASSPHRASE: no prompt could type it afterwards), and
    (unless waived) zxcvbn score >= ``min_score``."""
    if not passphrase:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "The passphrase is empty."))
    if any(unicodedata.category(c) == "Cc" for c in passphrase):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The passphrase contains a line break, a tab or another control "
            "character, which cannot be typed when the vault is opened. Choose one without "
            "(if it comes from a file, leave out the final line break)."))
    if not allow_short:
        strength.require_strong(passphrase, user_inputs,
                                minimum=max(min_score, strength.SCRIPTED_MIN_SCORE))


def _mark_mentions(store: Store, names: list[list[str]]) -> int:
    """:func:`registry.sync.exporter.mark_mentions`, imported only when a protected person is
    erased: opening a vault does not load the export code."""
    from registry.sync import exporter

    return exporter.mark_mentions(store, names)


def _write_identity(conn: db.Connection, keys: OfficialKeys, name: str, org: str,
                    country: str) -> None:
    from registry.domain.ids import new_id

    fingerprint = keys.public().fingerprint
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with db.transaction(conn):
        conn.execute("INSERT INTO identity VALUES (1, ?, ?, ?, ?, ?, ?)",
                     (name, org, country, fingerprint, keys.to_json(), now))
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                         [("vault_id", new_id()), ("created_at", now), ("hlc", "0"),
                          (schema.OWN_CLAIMS_SIGNED, "1")])  # nothing to sign yet
        audit.append(conn, fingerprint, "init")


def _open_with_any(paths: VaultPaths, keys: list[bytearray]) -> tuple[db.Connection, bytearray]:
    for i, key in enumerate(keys):
        try:
            return db.connect(paths.db, key), key
        except VaultDamaged:
            if i == len(keys) - 1:
                raise
    raise VaultDamaged("The vault's key file holds no key.")  # pragma: no cover


def _finish_rotation(paths: VaultPaths, passphrase: str, used: bytearray,
                     keys: list[bytearray]) -> bool:
    """Settle the key file of a rotation that a crash interrupted, whichever side of
    ``PRAGMA rekey``: True when the new key was kept (the database was already under it)."""
    kept = used is keys[1]
    if kept:
        keyfile.commit_staged(paths.key, passphrase)
    else:
        keyfile.discard_staged(paths.key, passphrase)
    for key in keys:
        if key is not used:
            zero(key)
    return kept


def _validated(kind: Kind, raw: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    try:
        return normalise(kind, raw, partial=partial)
    except FieldError as exc:
        raise InvalidInput(str(exc)) from None
