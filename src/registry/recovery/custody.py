"""``reg.recovery``: recovery shares of an open vault — setting them up, holding colleagues'
shares, answering a recovery request.

**Issuing.** ``setup`` splits the data key k of n (``shares``): each colleague's share is a
signed statement sealed to that colleague's age key in a share file (``envelope``,
``formats``), kept in ``recovery_custodian``: every bundle to that colleague carries it as a
line only they can open (``share_files_for``), or it is written out as a file; paper shares
are returned once, to be shown, and never stored. A vault has at most one *current* set.
Setting up again (other custodians) first rotates the data key, so the shares of the set it
replaces combine into a key that opens nothing current; rotating the data key (``passwd
--rotate``, ``rekey``, a completed recovery) revokes the current set and issues a new one to
the same colleagues when the set had no paper shares (paper shares need ``recovery setup``
again, to be shown).

**A custodian leaves.** Revoking a colleague who holds a share of the current set (``trust
revoke``, the quarantine), or accepting their succession statement, goes through
``reissue`` (the rule lives in ``registry.sync.sharing.Sharing._leaving``, see
``registry.sync.custodians``): the data key is rotated, then one transaction revokes the old
set, makes the trust change and issues a new set to the remaining verified colleagues (a
successor in the leaver's place when a handover asks for it) and as many paper shares as
before (their new words returned once, to be shown), with the same threshold; when fewer
shares than the threshold are left, no set is current. A wrong passphrase changes nothing;
a crash after the rotation leaves the trust unchanged and the old set marked as of an
earlier key. ``status`` marks a custodian who is no longer verified here (revoked, or
retired by a handover: then with the successor) as needing attention.

**Holding.** ``receive`` accepts a share file only from a verified, unrevoked colleague,
addressed to this vault, after its signature, hash and the sealed statement inside are
checked; the file is stored as received (sealed to this vault's age key), never the words.
A newer share of the same vault supersedes the older one.

**Releasing.** ``respond`` answers a request only when the custodian typed the request's
safety number (compared out of band with the requester) and no other request for the same
vault was answered in the cooling-off period (unless overridden). The share statement is
re-sealed to the request's one-time key and the response signed by this vault. The
confirmation and the release are audited in the same transaction as the file is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from registry.errors import (
    QT_TRANSLATE_NOOP,
    BundleError,
    InvalidInput,
    NotFound,
    RegistryError,
    TrustError,
    UsageError,
    VaultBusy,
)
from registry.fsutil import check_writable
from registry.recovery import CURRENT, REVOKED, envelope, formats, shares
from registry.recovery.formats import PAPER, RecoveryRequest, ShareStatement
from registry.store import audit
from registry.store.records import Store
from registry.sync.custodians import SET_REISSUED, SET_REVOKED, Reissued
from registry.sync.keys import OfficialKeys, is_fingerprint
from registry.sync.trust import Official, TrustStore, successor_of
from registry.vault.hardening import zero

COOLING_OFF = dt.timedelta(hours=72)
HELD, SUPERSEDED = "held", "superseded"
MAX_SHARE_FILE = envelope.MAX_FILE
SHARE_ROOM = 64 * 1024  # room asked of the folder per share file before a setup changes anything
T = TypeVar("T")
Step = Callable[[dict[str, Any]], None]


class OwnIdentity(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def fingerprint(self) -> str: ...


class RecoveryVault(Protocol):
    """What recovery needs of an unlocked vault (``registry.service.Registry``)."""

    @property
    def store(self) -> Store: ...
    @property
    def official_keys(self) -> OfficialKeys: ...
    @property
    def identity(self) -> OwnIdentity: ...
    @property
    def vault_id(self) -> str: ...
    def rotate_key(self, passphrase: str) -> str | None: ...


@dataclass(frozen=True)
class IssuedSet:
    """A set just issued: its numbers, and the paper shares to show once (secret)."""

    set_id: str
    generation: int
    threshold: int
    shares: int
    custodians: tuple[str, ...]
    paper: list[str] = field(repr=False)
    rotated: bool
    files: tuple[Path, ...] = ()  # the colleagues' share files written by setup(out_dir=...)

    def to_json(self) -> dict[str, Any]:
        return {"set_id": self.set_id, "generation": self.generation,
                "threshold": self.threshold, "shares": self.shares,
                "custodians": list(self.custodians), "paper": len(self.paper),
                "data_key_rotated": self.rotated}


@dataclass(frozen=True)
class HeldShare:
    share_id: str
    owner: str
    owner_name: str
    vault_id: str
    generation: int
    threshold: int
    shares: int
    issued_at: str
    since: str
    status: str

    def to_json(self) -> dict[str, Any]:
        return {"share_id": self.share_id, "owner": self.owner, "owner_name": self.owner_name,
                "vault_id": self.vault_id, "generation": self.generation,
                "threshold": self.threshold, "shares": self.shares,
                "issued_at": self.issued_at, "since": self.since, "status": self.status}


@dataclass(frozen=True)
class ShareReleased:
    request_id: str
    owner: str
    owner_name: str
    path: Path
    overrode_cooling_off: bool

    def to_json(self) -> dict[str, Any]:
        return {"request_id": self.request_id, "owner": self.owner,
                "owner_name": self.owner_name, "file": str(self.path),
                "overrode_cooling_off": self.overrode_cooling_off}


@dataclass(frozen=True)
class RequestView:
    """What a custodian sees of a request before confirming it."""

    request: RecoveryRequest
    share: HeldShare | None

    def to_json(self) -> dict[str, Any]:
        return {"request_id": self.request.request_id, "created_at": self.request.created_at,
                "vault_id": self.request.vault_id,
                "safety_number": self.request.safety_number,
                "share": None if self.share is None else self.share.to_json()}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Recovery:
    """The recovery door of one unlocked vault."""

    def __init__(self, vault: RecoveryVault, data_key: Callable[[], bytearray]) -> None:
        self._vault = vault
        self._data_key = data_key
        self._replacing = False
        self._step: Step | None = None  # run by after_rotation in its transaction (reissue)

    @property
    def _store(self) -> Store:
        return self._vault.store

    @property
    def _me(self) -> str:
        return self._vault.identity.fingerprint

    def _trust(self) -> TrustStore:
        return TrustStore(self._store, self._vault.official_keys.public())

    # -- issuing --------------------------------------------------------------------------
    def setup(self, custodians: Iterable[str], paper: int, threshold: int,
              passphrase: str | None, out_dir: Path | None = None) -> IssuedSet:
        """Issue a new set to ``custodians`` (verified colleagues) and ``paper`` paper shares.

        When a set is current, the data key is rotated first (``passphrase`` needed), so
        the shares of the replaced set open nothing current.
        """
        chosen = self._custodians(custodians)
        if paper < 0:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "The number of paper shares cannot be negative."))
        shares.check_counts(threshold, len(chosen) + paper)
        if out_dir is not None:  # before the rotation, which revokes the current set
            check_writable(Path(out_dir), SHARE_ROOM * max(len(chosen), 1))
        rotated = False
        if self.current() is not None:
            if not passphrase:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "Changing the custodians rotates the data key, which needs the "
                    "passphrase (REGISTRY_PASSPHRASE or the terminal)."))
            self._replacing = True
            try:
                self._vault.rotate_key(passphrase)  # revokes the current set (after_rotation)
            finally:
                self._replacing = False
            rotated = True
        try:
            with self._store.write():  # with out_dir, the set exists only if its files were
                # written; asked again with the write lock held: another window may have set
                # one up, or revoked a custodian, since the checks above
                if self.current() is not None:
                    raise VaultBusy(QT_TRANSLATE_NOOP(
                        "Errors", "Another Registry window or command set up a recovery set "
                        "meanwhile: nothing was changed. Look at it, then set up again if you "
                        "still want to."))
                chosen = self._custodians(custodians)
                issued = self._issue(chosen, paper, threshold, rotated, "recovery_setup")
                if out_dir is not None:
                    issued = dataclasses.replace(issued, files=tuple(self.export(out_dir)))
                return issued
        except RegistryError as exc:
            if not rotated:
                raise
            # the rotation stands (the old set opens nothing now): say so, never "nothing
            # was changed"
            raise type(exc)(QT_TRANSLATE_NOOP(
                "Errors", "The data key was rotated and your previous recovery set revoked, "
                "but the new set could not be issued: {why} Set up recovery again now: until "
                "then this vault has no recovery set."), why=str(exc)) from None

    def _custodians(self, fingerprints: Iterable[str]) -> list[tuple[str, str, str]]:
        """(fingerprint, name, age recipient) of each custodian: verified, not revoked."""
        trust, out = self._trust(), []
        for text in dict.fromkeys(f.strip().lower().replace(" ", "") for f in fingerprints):
            if text == self._me:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "This vault cannot hold a recovery share of itself: choose "
                    "colleagues or paper."))
            if not is_fingerprint(text):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "A custodian is named by a fingerprint: 40 hexadecimal "
                    "characters ('registry trust list')."))
            official = trust.get(text)
            if not official.verified:
                raise TrustError(QT_TRANSLATE_NOOP(
                    "Errors", "{name} is not a verified official ({trust}): only a colleague "
                    "whose card was verified can hold a recovery share."),
                    name=official.name, trust=official.trust)
            out.append((official.fingerprint, official.name, official.age_recipient))
        return out

    def _issue(self, chosen: list[tuple[str, str, str]], paper: int, threshold: int,
               rotated: bool, action: str) -> IssuedSet:
        """Split the current key and record the set (inside the caller's transaction)."""
        conn, keys = self._store.conn, self._vault.official_keys
        vault_id, total = self._vault.vault_id, len(chosen) + paper
        key = self._data_key()
        words = shares.split(key, threshold, total)
        row = conn.execute("SELECT max(generation) FROM recovery_set").fetchone()
        generation, set_id = int(row[0] or 0) + 1, formats.new_id()
        conn.execute("INSERT INTO recovery_set (set_id, generation, key_id, threshold, shares,"
                     " created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (set_id, generation, shares.key_id(vault_id, key), threshold, total,
                      _now(), CURRENT))
        for (fingerprint, _, recipient), mnemonic in zip(chosen, words, strict=False):
            statement = ShareStatement(formats.new_id(), vault_id, set_id, generation,
                                       shares.key_id(vault_id, key), self._me, fingerprint,
                                       shares.member_index(mnemonic), threshold, total,
                                       formats.now(), mnemonic)
            inner = formats.sign_statement(keys, self._vault.identity.name, statement)
            try:
                manifest = formats.share_manifest(statement, recipient,
                                                  self._vault.identity.name, keys.public())
                sealed = envelope.seal(keys, manifest, inner, recipient,
                                       f"{formats.SHARE} {statement.share_id}")
            finally:
                zero(inner)
            conn.execute("INSERT INTO recovery_custodian (set_id, member, custodian, share_id,"
                         " share_file) VALUES (?, ?, ?, ?, ?)",
                         (set_id, statement.member, fingerprint, statement.share_id, sealed))
        paper_words = words[len(chosen):]
        for mnemonic in paper_words:
            conn.execute("INSERT INTO recovery_custodian (set_id, member, custodian, share_id)"
                         " VALUES (?, ?, ?, ?)",
                         (set_id, shares.member_index(mnemonic), PAPER, formats.new_id()))
        audit.append(conn, self._me, action, set_id, "recovery",
                     fields=[f"threshold:{threshold}", f"shares:{total}", f"paper:{paper}",
                             f"generation:{generation}", *(f"custodian:{c[0]}" for c in chosen)])
        return IssuedSet(set_id, generation, threshold, total, tuple(c[0] for c in chosen),
                         paper_words, rotated)

    def after_rotation(self) -> str | None:
        """The data key was rotated: revoke the current set; issue a new one to the same
        colleagues when it had no paper shares (inside one transaction of its own).

        Returns what became of the set, for the front ends to say: :data:`SET_REISSUED`
        (the colleagues' new share files are to be sent), :data:`SET_REVOKED` (paper shares,
        whose new words would have to be shown, or a custodian no longer verified: the
        official sets recovery up again), or None (there was no set, or the caller issues
        the next one itself)."""
        current = self.current()
        if current is None:
            return None
        with self._store.write():
            if self._step is not None:  # a custodian leaves: see reissue
                self._revoke(current["set_id"], "custodian left")
                self._step(current)
                return None
            self._revoke(current["set_id"], "data key rotated")
            if self._replacing:
                return None
            colleagues = [c["custodian"] for c in current["custodians"]
                          if c["custodian"] != PAPER]
            if len(colleagues) < current["shares"]:
                return SET_REVOKED
            try:
                chosen = self._custodians(colleagues)
            except (TrustError, NotFound):
                return SET_REVOKED  # a custodian is no longer verified: the official chooses
            self._issue(chosen, 0, current["threshold"], True, "recovery_reissue")
            return SET_REISSUED

    def _revoke(self, set_id: str, reason: str) -> None:
        self._store.conn.execute(
            "UPDATE recovery_set SET status = ?, revoked_at = ?, revoked_reason = ? "
            "WHERE set_id = ?", (REVOKED, _now(), reason, set_id))
        self._store.conn.execute("UPDATE recovery_custodian SET share_file = NULL "
                                 "WHERE set_id = ?", (set_id,))
        audit.append(self._store.conn, self._me, "recovery_revoke", set_id, "recovery",
                     fields=[reason])

    # -- a custodian leaves (revoked here, or retired by a handover) ------------------------
    def holds_share(self, fingerprint: str) -> bool:
        """Whether ``fingerprint`` holds a share of the current set."""
        return self._store.conn.execute(
            "SELECT 1 FROM recovery_custodian c JOIN recovery_set s ON s.set_id = c.set_id "
            "WHERE s.status = ? AND c.custodian = ?", (CURRENT, fingerprint)).fetchone() \
            is not None

    def reissue(self, leaving: str, passphrase: str | None, change: Callable[[], T], *,
                successor: str | None = None) -> tuple[Reissued, T]:
        """Rotate the data key; then, in one transaction, revoke the current set, run
        ``change`` (the trust change that makes ``leaving`` leave) and issue a new set
        without ``leaving`` (``successor`` in their place) — see the module doc."""
        if not self.holds_share(leaving):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "That official holds no share of this vault's recovery set."))
        if not passphrase:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "Replacing the recovery shares replaces the vault's data key, which "
                "needs your passphrase. Nothing was changed."))
        if successor is not None and successor == self._me:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "You are the successor named: this vault cannot hold a share of its "
                "own recovery set. Accept without moving the share."))
        out: dict[str, Any] = {}

        def step(old: dict[str, Any]) -> None:
            out["change"] = change()
            out["reissued"] = self._without(old, leaving, successor)

        self._step = step
        try:
            self._vault.rotate_key(passphrase)
        finally:
            self._step = None
        return out["reissued"], out["change"]

    def _without(self, old: dict[str, Any], leaving: str, successor: str | None) -> Reissued:
        """The new set after ``leaving`` left (inside after_rotation's transaction)."""
        names = [c["custodian"] for c in old["custodians"] if c["custodian"] != PAPER]
        if successor is not None:
            names = [successor if n == leaving else n for n in names]
        names = [n for n in dict.fromkeys(names) if n != leaving]
        paper = sum(1 for c in old["custodians"] if c["custodian"] == PAPER)
        trust = self._trust()
        kept = [n for n in names if (o := trust.find(n)) is not None and o.verified]
        dropped = tuple(n for n in names if n not in kept)
        if successor is not None and successor in dropped:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The successor is not verified here, so they cannot hold a recovery "
                "share. Nothing was changed."))
        threshold = int(old["threshold"])
        if len(kept) + paper < threshold:
            audit.append(self._store.conn, self._me, "recovery_not_reissued", old["set_id"],
                         "recovery", fields=[f"custodian_left:{leaving}"])
            return Reissued(leaving, successor, int(old["generation"]), None, threshold, 0,
                            (), dropped, [])
        issued = self._issue(self._custodians(kept), paper, threshold, True,
                             "recovery_reissue")
        return Reissued(leaving, successor, int(old["generation"]), issued.generation,
                        threshold, issued.shares, issued.custodians, dropped, issued.paper)

    def export(self, folder: Path, *, all_files: bool = False) -> list[Path]:
        """Write the current set's share files not yet written (``all_files``: all of them)
        into ``folder``, one per colleague: ``recovery-share-<fingerprint>-g<generation>``."""
        current = self.current()
        if current is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "No recovery set is current: set one up with 'registry recovery "
                "setup'."))
        rows = self._store.conn.execute(
            "SELECT member, custodian, share_file, exported_at FROM recovery_custodian "
            "WHERE set_id = ? AND share_file IS NOT NULL ORDER BY member",
            (current["set_id"],)).fetchall()
        written: list[Path] = []
        try:
            with self._store.write():
                for member, custodian, sealed, exported in rows:
                    if exported is not None and not all_files:
                        continue
                    name = f"recovery-share-{custodian[:16]}-g{current['generation']}.rshare"
                    path = Path(folder) / name
                    envelope.write(path, bytes(sealed))
                    written.append(path)
                    self._store.conn.execute(
                        "UPDATE recovery_custodian SET exported_at = ? WHERE set_id = ? AND "
                        "member = ?", (_now(), current["set_id"], member))
        except BaseException:
            for path in written:  # all or none: the files of a set that is not recorded go
                path.unlink(missing_ok=True)
            raise
        return written

    # -- status ---------------------------------------------------------------------------
    def is_stale(self) -> bool:
        """Whether a current set belongs to another data key than the vault's: a rotation
        was committed without its :meth:`after_rotation` step (a kill between the two)."""
        row = self._store.conn.execute(
            "SELECT key_id FROM recovery_set WHERE status = ?", (CURRENT,)).fetchone()
        return row is not None and not shares.same_key_id(
            row[0], shares.key_id(self._vault.vault_id, self._data_key()))

    def current(self) -> dict[str, Any] | None:
        row = self._store.conn.execute(
            "SELECT set_id FROM recovery_set WHERE status = ?", (CURRENT,)).fetchone()
        return None if row is None else self._set(row[0])

    def _set(self, set_id: str) -> dict[str, Any]:
        conn = self._store.conn
        row = conn.execute("SELECT set_id, generation, key_id, threshold, shares, created_at, "
                           "status, revoked_at, revoked_reason FROM recovery_set "
                           "WHERE set_id = ?", (set_id,)).fetchone()
        names = {fp: (n, t) for fp, n, t in conn.execute(
            "SELECT fingerprint, name, trust FROM official")}
        custodians = [{"member": m, "custodian": c, "name": names.get(c, ("", ""))[0]
                       if c != PAPER else "", "sent": e is not None,
                       **self._attention(c, names.get(c, ("", "unknown"))[1])}
                      for m, c, e in conn.execute(
                          "SELECT member, custodian, exported_at FROM recovery_custodian "
                          "WHERE set_id = ? ORDER BY member", (set_id,))]
        keys = ("set_id", "generation", "key_id", "threshold", "shares", "created_at",
                "status", "revoked_at", "revoked_reason")
        return {**dict(zip(keys, row, strict=True)), "custodians": custodians,
                "key_is_current": shares.same_key_id(
                    row[2], shares.key_id(self._vault.vault_id, self._data_key()))}

    def _attention(self, custodian: str, trust: str) -> dict[str, Any]:
        """Why a custodian needs the official's attention (None: they do not): "revoked",
        "retired" (handed their post over: ``successor``), or "unverified"/"unknown"."""
        if custodian == PAPER or trust == "verified":
            return {"attention": None, "successor": None}
        successor = successor_of(self._store, custodian)
        if successor is not None:
            return {"attention": "retired", "successor": successor}
        return {"attention": trust if trust in ("revoked", "unverified") else "unknown",
                "successor": None}

    def status(self) -> dict[str, Any]:
        """The set this vault issued (and how many were revoked) and the shares it holds."""
        revoked = self._store.conn.execute(
            "SELECT count(*) FROM recovery_set WHERE status = ?", (REVOKED,)).fetchone()[0]
        return {"issued": self.current(), "revoked_sets": int(revoked),
                "held": [h.to_json() for h in self.held()]}

    def held(self) -> list[HeldShare]:
        """Recovery shares this vault holds for colleagues: whose, since when."""
        rows = self._store.conn.execute(
            "SELECT share_id, owner, owner_name, vault_id, generation, threshold, shares, "
            "issued_at, received_at, status FROM recovery_held "
            "ORDER BY owner_name, generation DESC").fetchall()
        return [HeldShare(*r) for r in rows]

    # -- holding --------------------------------------------------------------------------
    def receive(self, path: Path) -> tuple[HeldShare, bool]:
        """Keep a colleague's share file; returns it and whether it is new."""
        data = envelope.read_limited(path, MAX_SHARE_FILE, "recovery share file")
        held, new = self._receive(data, None, older_ok=False)
        assert held is not None  # an older share is refused, not passed over
        return held, new

    # -- shares travelling in bundles (registry.sync.custodians.Custody) ----------------------
    def share_files_for(self, fingerprints: Iterable[str]) -> list[tuple[str, bytes]]:
        """The current set's share files of these officials (custodian, file): a bundle to a
        custodian carries theirs, sealed to their key (``bundle export``)."""
        wanted = set(fingerprints)
        current = self.current()
        if current is None or not current["key_is_current"] or not wanted:
            return []
        rows = self._store.conn.execute(
            "SELECT custodian, share_file FROM recovery_custodian WHERE set_id = ? AND "
            "share_file IS NOT NULL ORDER BY member", (current["set_id"],)).fetchall()
        return [(str(c), bytes(f)) for c, f in rows if c in wanted]

    def shares_sent(self, fingerprints: Iterable[str]) -> None:
        """The bundle carrying these custodians' share files was written."""
        current = self.current()
        if current is None:
            return
        with self._store.write():
            self._store.conn.executemany(
                "UPDATE recovery_custodian SET exported_at = ? WHERE set_id = ? AND "
                "custodian = ? AND exported_at IS NULL",
                [(_now(), current["set_id"], fp) for fp in fingerprints])

    def check_share(self, data: bytes, sender: str) -> None:
        """Every check of a share file that came in a bundle signed by ``sender`` (its owner
        must be the sender); writes nothing. A share this vault cannot keep is refused; one
        naming a vault held from another colleague is passed over by ``keep_share``."""
        self._checked(data, sender)

    def keep_share(self, data: bytes, sender: str) -> bool:
        """Keep a share file that came in a bundle (checked again); False when the same or a
        newer share of that vault is held already (a bundle imported again, or late), or one
        of the same vault id from another colleague (audited as ``recovery_share_conflict``)."""
        return self._receive(data, sender, older_ok=True)[1]

    def _checked(self, data: bytes, sender: str | None
                 ) -> tuple[formats.ShareFile, ShareStatement, Official]:
        share = formats.open_share_file(data)
        official = self._trust().require_trusted(share.opened.signer)
        if official is None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "This is a share of this vault's own key: give it to the colleague it "
                "is addressed to."))
        if not official.verified:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The share file comes from {name}, who is not verified here: verify "
                "their card first (safety number). Nothing was changed."), name=official.name)
        if share.custodian != self._me:
            raise BundleError(QT_TRANSLATE_NOOP(
                "Errors", "The share file is addressed to another official; nothing was "
                "changed."))
        if sender is not None and official.fingerprint != sender:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "A bundle carries a recovery share of another official's vault than "
                "its sender's: refused. Nothing was changed."))
        statement = self._check_sealed(share)
        if sender is None and self._squatted(statement):
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The share file names a vault whose recovery share you hold from "
                "another colleague; refused. Nothing was changed."))
        return share, statement, official

    def _squatted(self, statement: ShareStatement) -> bool:
        """Whether a share of the same vault id is held from another owner. Either of the
        two may be the hostile one (a seized colleague's keys can sign any vault id, and a
        share file names its vault in clear): one vault id is never held from two owners.
        A share file received by hand is refused; one in a bundle is passed over and the
        bundle's records are taken, or a colleague who claimed a vault id first would shut
        its owner's bundles out for good."""
        return self._store.conn.execute(
            "SELECT 1 FROM recovery_held WHERE vault_id = ? AND owner != ?",
            (statement.vault_id, statement.owner)).fetchone() is not None

    def _receive(self, data: bytes, sender: str | None, *, older_ok: bool
                 ) -> tuple[HeldShare | None, bool]:
        share, statement, official = self._checked(data, sender)
        existing = self._held_row(share.share_id)
        if existing is not None:
            return existing, False
        if sender is not None and self._squatted(statement):
            with self._store.write():
                audit.append(self._store.conn, self._me, "recovery_share_conflict",
                             share.share_id, "recovery",
                             fields=[f"owner:{statement.owner}"])
            return None, False
        newer = self._store.conn.execute(
            "SELECT 1 FROM recovery_held WHERE owner = ? AND vault_id = ? AND generation >= ?",
            (statement.owner, statement.vault_id, statement.generation)).fetchone()
        if newer is not None:
            if older_ok:
                return None, False
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "You already hold a newer recovery share of this vault; this older "
                "one was not kept."))
        with self._store.write():
            self._store.conn.execute(
                "UPDATE recovery_held SET status = ? WHERE owner = ? AND vault_id = ?",
                (SUPERSEDED, statement.owner, statement.vault_id))
            self._store.conn.execute(
                "INSERT INTO recovery_held VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (share.share_id, statement.owner, official.name, statement.vault_id,
                 statement.set_id, statement.generation, statement.threshold,
                 statement.shares, statement.issued_at, _now(), HELD, data))
            audit.append(self._store.conn, self._me, "recovery_share_received", share.share_id,
                         "recovery", fields=[f"owner:{statement.owner}",
                                             f"generation:{statement.generation}"])
        held = self._held_row(share.share_id)
        assert held is not None
        return held, True

    def _check_sealed(self, share: formats.ShareFile) -> ShareStatement:
        """Open the sealed statement, check it against the manifest, and forget the words."""
        plain = share.opened.decrypt(self._vault.official_keys.age_identity)
        try:
            owner, statement = formats.open_statement(plain)
        finally:
            zero(plain)
        expected = (share.share_id, share.vault_id, share.set_id, share.generation,
                    share.threshold, share.shares, self._me, share.opened.signer.fingerprint)
        found = (statement.share_id, statement.vault_id, statement.set_id,
                 statement.generation, statement.threshold, statement.shares,
                 statement.custodian, owner.fingerprint)
        if expected != found or owner != share.opened.signer:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The share inside the file does not match what the file says; "
                "refused. Nothing was changed."))
        return dataclasses.replace(statement, mnemonic="")

    def _held_row(self, share_id: str) -> HeldShare | None:
        row = self._store.conn.execute(
            "SELECT share_id, owner, owner_name, vault_id, generation, threshold, shares, "
            "issued_at, received_at, status FROM recovery_held WHERE share_id = ?",
            (share_id,)).fetchone()
        return None if row is None else HeldShare(*row)

    # -- releasing ------------------------------------------------------------------------
    def inspect_request(self, path: Path, owner: str | None = None) -> RequestView:
        request = formats.parse_request(
            envelope.read_limited(path, formats.MAX_REQUEST, "recovery request"))
        return RequestView(request, self._share_for(request, owner, required=False))

    def _share_for(self, request: RecoveryRequest, owner: str | None, *,
                   required: bool = True) -> HeldShare | None:
        live = [h for h in self.held() if h.status == HELD
                and (request.vault_id is None or h.vault_id == request.vault_id)
                and (owner is None or h.owner == owner.strip().lower())]
        if len({h.owner for h in live}) > 1:
            if not required:
                return None
            raise UsageError(QT_TRANSLATE_NOOP(
                "Errors", "You hold recovery shares of several colleagues and the request does "
                "not say whose vault it is: name the owner with --owner FINGERPRINT."))
        if not live:
            if not required:
                return None
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "You hold no recovery share of the vault this request is for."))
        return live[0]

    def respond(self, path: Path, out: Path, confirmed_number: str | None, *,
                owner: str | None = None, override_cooling_off: bool = False) -> ShareReleased:
        """Release this vault's share to a confirmed request (see the module doc)."""
        view = self.inspect_request(path, owner)
        request = view.request
        if confirmed_number is None:
            raise UsageError(QT_TRANSLATE_NOOP(
                "Errors", "Compare the request's safety number with the requester (a call or "
                "in person), then confirm it with --confirm-safety-number: {number}. Nothing "
                "was released."), number=request.safety_number)
        if not formats.same_number(confirmed_number, request.safety_number):
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The safety number you confirmed is not this request's: the request "
                "may not come from the colleague you spoke to. Nothing was released."))
        share = self._share_for(request, owner)
        assert share is not None
        official = self._trust().find(share.owner)
        if official is None or official.revoked:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "{name}'s key was revoked here (a lost or seized laptop?): a recovery "
                "request for their vault is refused, since whoever holds that laptop holds the "
                "vault folder. Nothing was released."), name=share.owner_name)
        overrode = self._cooling_off(share, request, override_cooling_off)
        data = self._store.conn.execute("SELECT share_file FROM recovery_held WHERE "
                                        "share_id = ?", (share.share_id,)).fetchone()[0]
        opened = formats.open_share_file(bytes(data))
        plain = opened.opened.decrypt(self._vault.official_keys.age_identity)
        try:
            _, statement = formats.open_statement(plain)
            keys = self._vault.official_keys
            manifest = {**formats.response_manifest(request, statement),
                        "signer": envelope.signer_json(self._vault.identity.name,
                                                       keys.public())}
            sealed = envelope.seal(keys, manifest, plain, request.age_recipient,
                                   f"{formats.RESPONSE} {manifest['response_id']}")
        finally:
            zero(plain)
        with self._store.write():
            conn = self._store.conn
            audit.append(conn, self._me, "recovery_safety_number_confirmed",
                         request.request_id, "recovery", fields=[f"owner:{share.owner}"])
            audit.append(conn, self._me, "recovery_share_released", request.request_id,
                         "recovery", fields=[f"owner:{share.owner}", f"share:{share.share_id}",
                                             *(["override_cooling_off"] if overrode else [])])
            conn.execute("INSERT OR REPLACE INTO recovery_release VALUES (?, ?, ?, ?, ?)",
                         (request.sha256, share.vault_id, share.owner, share.share_id,
                          _now()))
            envelope.write(Path(out), sealed)
        return ShareReleased(request.request_id, share.owner, share.owner_name, Path(out), overrode)

    def _cooling_off(self, share: HeldShare, request: RecoveryRequest, override: bool) -> bool:
        """Whether an answered request for the same vault is recent (then refused unless
        ``override``); the very same request (byte for byte: its SHA-256, kept as the release's
        ``request_id``) may be answered again, a look-alike reusing its id may not."""
        since = (dt.datetime.now(dt.UTC) - COOLING_OFF).isoformat(timespec="seconds")
        row = self._store.conn.execute(
            "SELECT released_at FROM recovery_release WHERE vault_id = ? AND request_id != ? "
            "AND released_at > ? ORDER BY released_at DESC LIMIT 1",
            (share.vault_id, request.sha256, since)).fetchone()
        if row is None:
            return False
        if not override:
            hours = int(COOLING_OFF.total_seconds() // 3600)
            raise UsageError(QT_TRANSLATE_NOOP(
                "Errors", "You answered another recovery request for this vault at {when}: a "
                "second one within {hours} hours is refused, in case someone else is asking. "
                "Call the colleague; if they confirm, run again with --override-cooling-off. "
                "Nothing was released."), when=row[0], hours=hours)
        return True
