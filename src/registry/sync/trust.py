"""The trust store: officials whose cards were added, verified or revoked (DESIGN §4, §5.1).

Trust is per fingerprint, and a fingerprint covers the whole public key, so a changed key is
a new official entry that starts *unverified*: "verified" can never carry over to a new key.
When a card arrives for a name, organisation and country already known under another
fingerprint, :meth:`TrustStore.add` says so (``replaces``), so the user can check why the
key changed before trusting it. A revoked fingerprint stays revoked: adding its card again
is refused.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, TrustError
from registry.store import audit
from registry.store.records import Store
from registry.sync.keys import PublicKeys, is_fingerprint

if TYPE_CHECKING:  # the card code (bundle containers, age) loads when a card is read
    from registry.sync.cards import Card

UNVERIFIED, VERIFIED, REVOKED = "unverified", "verified", "revoked"
METHODS = ("safety_number", "qr_code", "in_person", "other")
SUCCESSION = "succession"
"""How a successor named in a verified colleague's succession statement is verified
(:mod:`registry.sync.handover`); not a method a user can give, and shown as one that an
in-person check should still confirm."""
_COLUMNS = ("fingerprint, name, org, country, minisign_public_key, age_recipient, trust, "
            "verified_method, verified_at, added_at")


@dataclass(frozen=True)
class Official:
    """One entry of the trust store."""

    fingerprint: str
    name: str
    org: str
    country: str
    minisign_public_key: str
    age_recipient: str
    trust: str
    verified_method: str | None
    verified_at: str | None
    added_at: str

    @property
    def public(self) -> PublicKeys:
        return PublicKeys.from_minisign(self.minisign_public_key, self.age_recipient)

    @property
    def revoked(self) -> bool:
        return self.trust == REVOKED

    @property
    def verified(self) -> bool:
        return self.trust == VERIFIED

    def to_json(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "name": self.name, "org": self.org,
                "country": self.country, "minisign_public_key": self.minisign_public_key,
                "age_recipient": self.age_recipient, "trust": self.trust,
                "verified_method": self.verified_method, "verified_at": self.verified_at,
                "added_at": self.added_at}


@dataclass(frozen=True)
class AddResult:
    official: Official
    new: bool
    replaces: tuple[str, ...]  # fingerprints of the same person's earlier keys


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _method(method: str) -> str:
    if method not in METHODS:
        raise InvalidInput(f"The verification method must be one of: {', '.join(METHODS)}.")
    return method


class TrustStore:
    """Reads and writes the ``official`` table of one open vault."""

    def __init__(self, store: Store, own: PublicKeys) -> None:
        self.store = store
        self.own = own

    # -- reading -------------------------------------------------------------------------
    def list(self) -> list[Official]:
        rows = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM official ORDER BY name, fingerprint").fetchall()  # noqa: S608
        return [Official(*r) for r in rows]

    def find(self, fingerprint: str) -> Official | None:
        row = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM official WHERE fingerprint = ?",  # noqa: S608
            (fingerprint,)).fetchone()
        return Official(*row) if row else None

    def get(self, fingerprint: str) -> Official:
        official = self.find(_fingerprint(fingerprint))
        if official is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "No official with that fingerprint in the trust store. Add their "
                "card with 'registry trust add CARD'."))
        return official

    def require_trusted(self, public: PublicKeys) -> Official | None:
        """The trust entry of a bundle's signer; ``None`` for this vault's own key.

        Raises ``TrustError`` for an unknown or revoked signer, or one whose stored keys
        differ from the keys the bundle names.
        """
        if public == self.own:
            return None
        official = self.find(public.fingerprint)
        if official is None:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The bundle's sender is not in the trust store: refused. Add and "
                "verify their card first."))
        if official.revoked:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The bundle's sender was revoked: refused."))
        if official.public != public:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The bundle's sender keys differ from the trusted ones: refused."))
        return official

    def safety_number(self, fingerprint: str) -> str:
        from registry.sync import cards

        return cards.safety_number(self.own, self.get(fingerprint).public)

    # -- writing -------------------------------------------------------------------------
    def add(self, card_bytes: bytes, *, verified_method: str | None = None) -> AddResult:
        """Add (or refresh) an official from a card; verified only when a method is given."""
        from registry.sync.cards import parse_card

        card = parse_card(card_bytes)
        if card.public == self.own:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "That is this vault's own card."))
        # read and checked inside the transaction: another window may add or revoke the same
        # official meanwhile, and a revocation must never be undone
        with self.store.write():
            existing = self.find(card.fingerprint)
            if existing is not None and existing.revoked:
                raise TrustError(QT_TRANSLATE_NOOP(
                    "Errors", "That official's key was revoked; it cannot be trusted again."))
            replaces = self._same_person(card)
            self.upsert_card(card, card_bytes, existing)
            if verified_method is not None:
                self.set_verified(card.fingerprint, _method(verified_method))
            audit.append(self.store.conn, self.store.origin, "trust_add", card.fingerprint,
                         "official")
        return AddResult(self.get(card.fingerprint), existing is None, replaces)

    def verify(self, fingerprint: str, method: str) -> Official:
        with self.store.write():  # checked inside: see add
            official = self.get(fingerprint)
            if official.revoked:
                raise TrustError(QT_TRANSLATE_NOOP(
                    "Errors", "A revoked official cannot be verified."))
            self.set_verified(official.fingerprint, _method(method))
            audit.append(self.store.conn, self.store.origin, "trust_verify",
                         official.fingerprint, "official", fields=[method])
        return self.get(official.fingerprint)

    def revoke(self, fingerprint: str) -> Official:
        with self.store.write():
            official = self.get(fingerprint)
            self.mark_revoked(official)
        return self.get(official.fingerprint)

    def mark_revoked(self, official: Official, *, retired: bool = False) -> None:
        """Revoke inside the caller's transaction (quarantine revokes and reverts in one).
        What their bundles handed this vault as their successor and it has not taken yet
        (``sync.inherit``) goes with them — unless they are ``retired`` by this vault's
        acceptance of their handover, which leaves what waits sealed for records that arrive
        later; a revocation after that is the official's word against theirs, and it goes."""
        self.store.conn.execute(
            "UPDATE official SET trust = ?, verified_method = NULL, verified_at = NULL "
            "WHERE fingerprint = ?", (REVOKED, official.fingerprint))
        if not retired:
            self.store.conn.execute("DELETE FROM inherited_holding WHERE predecessor = ?",
                                    (official.fingerprint,))
            self.store.conn.execute("DELETE FROM sealed_key WHERE predecessor = ?",
                                    (official.fingerprint,))
        audit.append(self.store.conn, self.store.origin, "trust_revoke",
                     official.fingerprint, "official")

    def upsert_card(self, card: Card, card_bytes: bytes, existing: Official | None) -> None:
        """Insert or refresh a (verified) card's entry, inside the caller's transaction."""
        pub = card.public
        if existing is None:
            self.store.conn.execute(
                "INSERT INTO official (fingerprint, name, org, country, minisign_public_key,"
                " age_recipient, trust, card, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (card.fingerprint, card.name, card.org, card.country, pub.minisign_public_key,
                 pub.age_recipient, UNVERIFIED, card_bytes.decode("utf-8"), _now()))
        else:
            self.store.conn.execute(
                "UPDATE official SET name = ?, org = ?, country = ?, card = ? "
                "WHERE fingerprint = ?",
                (card.name, card.org, card.country, card_bytes.decode("utf-8"),
                 card.fingerprint))

    def set_verified(self, fingerprint: str, method: str) -> None:
        """Mark verified by ``method``, inside the caller's transaction. A revoked official
        stays revoked, whatever the caller read before."""
        self.store.conn.execute(
            "UPDATE official SET trust = ?, verified_method = ?, verified_at = ? "
            "WHERE fingerprint = ? AND trust != ?",
            (VERIFIED, method, _now(), fingerprint, REVOKED))

    def _same_person(self, card: Card) -> tuple[str, ...]:
        rows = self.store.conn.execute(
            "SELECT fingerprint FROM official WHERE name = ? AND org = ? AND country = ? "
            "AND fingerprint != ? ORDER BY fingerprint",
            (card.name, card.org, card.country, card.fingerprint)).fetchall()
        return tuple(str(r[0]) for r in rows)


def successions(store: Store) -> list[tuple[str, str]]:
    """(predecessor, successor) of every handover this vault's official accepted of a
    colleague, in the order accepted: its audit entry names the successor, the predecessor
    among its fields (none in the successor's own vault, which names no successor)."""
    return [(str(p), str(s)) for s, fields in store.conn.execute(
        "SELECT record_id, fields FROM audit WHERE action = 'handover_accept' AND record_id "
        "IS NOT NULL ORDER BY seq") for p in json.loads(fields)]


def successor_of(store: Store, fingerprint: str) -> str | None:
    """The official this vault accepted as ``fingerprint``'s successor (the last such
    acceptance), or None: they handed no post over here (:func:`successions`)."""
    found = [s for p, s in successions(store) if p == fingerprint]
    return found[-1] if found else None


def _fingerprint(text: str) -> str:
    value = text.strip().lower().replace(" ", "")
    if not is_fingerprint(value):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "A fingerprint is 40 hexadecimal characters."))
    return value
