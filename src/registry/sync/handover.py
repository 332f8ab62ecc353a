"""Handing a post over: the succession statement (issue 15, part 3).

An official who leaves a post verifies the successor in person, sends them everything in an
``include`` bundle, and signs a *succession statement*: one line of compact JSON with sorted
keys (UTF-8, ``\\n``-terminated)::

    {"format":"registry-succession/1","issued_at":"2026-12-03T10:00:00+00:00",
     "predecessor":"<the predecessor's card, as its exact bytes>",
     "successor":"<the successor's card, as its exact bytes>",
     "signature":"<base64 Ed25519 signature>"}

``signature`` is the predecessor's Ed25519 signature over ``b"registry-succession/1\\0" ‖``
the same JSON without ``signature``. Only the exact canonical bytes are accepted. Both cards
are self-signed (:mod:`registry.sync.cards`) and checked as such.

The statement is also the predecessor's **retirement**, and it travels: a colleague who
accepts it (:meth:`Successions.accept`) revokes the predecessor's key in one step — every
bundle it signs is refused from then on — and trusts the successor as *verified by
succession*, shown as such so that an in-person check is still recommended. Accepting needs
the predecessor to be verified in the colleague's trust store and the signature to verify
with the key stored there: a statement made with any other key (a forged one, or one from an
official the colleague never verified) is refused with a :class:`TrustError` and changes
nothing. A successor whose card gives a name this vault already knows under another key (a
colleague's, or its own) is refused too: a seized predecessor key must not get a new key
verified in one step under a trusted colleague's name ("verified" never carries over to
another key, DESIGN §5.1); such a successor is added and verified by hand. The preview (the
app's dialog, ``handover accept --dry-run``) applies every rule accepting applies. The
predecessor's own vault records the retirement and from then on sends bundles to the
successor only.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from registry.errors import QT_TRANSLATE_NOOP, NotFound, TrustError
from registry.fsutil import open_input
from registry.store import audit
from registry.store.records import Store
from registry.sync.cards import MAX_CARD, Card, parse_card
from registry.sync.container import Recipient
from registry.sync.exporter import hand_over_holdings
from registry.sync.keys import OfficialKeys, b64decode_strict, b64encode
from registry.sync.trust import SUCCESSION, Official, TrustStore, successor_of

if TYPE_CHECKING:
    from registry.sync.custodians import Reissued

STATEMENT_FORMAT = "registry-succession/1"
MAX_STATEMENT = 3 * MAX_CARD + 512
"""Two cards (each escaped at most a little) and the signature: anything larger is refused
before it is parsed."""
RETIRED_META = "retired"
INHERITED_META = "inherited_from"  # predecessors whose bundle handed this vault who holds what
_DOMAIN = b"registry-succession/1\x00"
_KEYS = {"format", "issued_at", "predecessor", "successor", "signature"}


@dataclass(frozen=True)
class SuccessionStatement:
    """A succession statement whose two cards verify on their own (not yet its signature
    against a trusted key: that is :meth:`Successions.accept`'s job)."""

    predecessor: Card
    successor: Card
    issued_at: str
    successor_card: bytes
    signed: bytes
    signature: bytes

    def to_json(self) -> dict[str, Any]:
        return {"predecessor": _who(self.predecessor), "successor": _who(self.successor),
                "issued_at": self.issued_at}


@dataclass(frozen=True)
class HandoverAccepted:
    """What accepting a statement did in this vault."""

    statement: SuccessionStatement
    successor: Official | None
    """The successor's trust entry here; ``None`` when this vault is the successor."""
    successor_was_verified: bool
    recovery: Reissued | None = None
    """What accepting did to this vault's recovery set when the predecessor held a share of
    it (``Sharing.accept_handover``); None: they held none."""
    inherited: bool = True
    """In the successor's own vault: whether a bundle the predecessor wrote after signing
    handed this vault who holds what (:mod:`registry.sync.inherit`)."""
    heir: Official | None = None
    """When the successor had handed the post on already (their own statement was accepted
    here first): who holds it now, and with it what the predecessor held. The successor's
    key stays retired."""

    @property
    def own_post(self) -> bool:
        """This vault is the successor: accepting only retired the predecessor's key here."""
        return self.successor is None

    def to_json(self) -> dict[str, Any]:
        return {**self.statement.to_json(), "own_post": self.own_post,
                "successor_trust": self.successor.trust if self.successor else None,
                "successor_verified_method": (self.successor.verified_method
                                              if self.successor else None),
                "predecessor_retired": True,
                "holdings_inherited": self.inherited if self.own_post else None,
                "handed_on_to": self.heir.fingerprint if self.heir else None,
                "recovery": None if self.recovery is None else self.recovery.to_json()}


@dataclass(frozen=True)
class Retirement:
    """This vault's own post was handed over: to whom and when."""

    successor: str
    at: str


def _who(card: Card) -> dict[str, str]:
    return {"fingerprint": card.fingerprint, "name": card.name, "org": card.org,
            "country": card.country}


def _canonical(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# Cyrillic and Greek letters drawn like Latin ones in common fonts, by case (Cyrillic "Н" is
# drawn like "H", its small "н" is not like "h"): a name spelled with them passes for the
# Latin one (Unicode TS #39 calls such names whole- or mixed-script confusables).
_LOOKALIKES = str.maketrans({
    **dict(zip("АВЕЅІЈКМНОРСТХУ", "ABESIJKMHOPCTXY", strict=True)),
    **dict(zip("аеѕіјорсухһԁӏԛԝ", "aesijopcyxhdlqw", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    **dict(zip("οα", "oa", strict=True)),
})


def _folded(name: str) -> str:
    """A name as a reader sees it: compatibility forms, case, spacing and letters of other
    scripts drawn like Latin ones aside (a card cannot pass for a colleague's with them)."""
    text = unicodedata.normalize("NFKC", name).translate(_LOOKALIKES)
    return " ".join(text.casefold().split())


def make_statement(keys: OfficialKeys, own_card: bytes, successor_card: bytes,
                   issued_at: str) -> bytes:
    """The signed statement that ``own_card``'s official hands over to ``successor_card``'s."""
    body = {"format": STATEMENT_FORMAT, "issued_at": issued_at,
            "predecessor": own_card.decode("utf-8"),
            "successor": successor_card.decode("utf-8")}
    signature = keys.signing_key().sign(_DOMAIN + _canonical(body))
    return _canonical({**body, "signature": b64encode(signature)}) + b"\n"


def parse_statement(data: bytes) -> SuccessionStatement:
    """Parse a statement strictly (size, layout, canonical bytes, both cards); raise
    ``TrustError`` on anything wrong. The signature is only decoded here."""
    if not isinstance(data, bytes) or len(data) > MAX_STATEMENT:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file is too large to be a succession statement: refused."))
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The succession statement is not valid JSON: refused.")) from None
    if (not isinstance(obj, dict) or set(obj) != _KEYS or obj["format"] != STATEMENT_FORMAT
            or not all(isinstance(obj[k], str) for k in _KEYS)):
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The file is not a succession statement (unknown layout): refused."))
    if _canonical(obj) + b"\n" != data:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The succession statement is not in canonical form; it was edited: refused."))
    try:
        issued = dt.datetime.fromisoformat(obj["issued_at"])
    except ValueError:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The succession statement's date is not a date: refused.")) from None
    if issued.tzinfo is None:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The succession statement's date has no time zone: refused."))
    predecessor_card = obj["predecessor"].encode("utf-8")
    successor_card = obj["successor"].encode("utf-8")
    predecessor, successor = parse_card(predecessor_card), parse_card(successor_card)
    if predecessor.fingerprint == successor.fingerprint:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The succession statement names the same key twice: refused."))
    body = {k: obj[k] for k in _KEYS - {"signature"}}
    return SuccessionStatement(predecessor, successor, obj["issued_at"], successor_card,
                     _DOMAIN + _canonical(body),
                     b64decode_strict(obj["signature"], 64, "statement signature"))


def read_statement_file(path: Path) -> bytes:
    """A statement file's bytes (at most one byte over the limit is read)."""
    try:
        with open_input(Path(path)) as handle:
            return handle.read(MAX_STATEMENT + 1)
    except OSError:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "The succession statement file cannot be read.")) from None


class Successions:
    """Writing this vault's statement, and accepting colleagues' statements."""

    def __init__(self, store: Store, trust: TrustStore, keys: OfficialKeys) -> None:
        self.store, self.trust, self.keys = store, trust, keys

    # -- the outgoing official ---------------------------------------------------------------
    def retirement(self) -> Retirement | None:
        """Whether (and to whom) this vault handed its post over."""
        stored = self.store.meta_get(RETIRED_META)
        if stored is None:
            return None
        obj = json.loads(stored)
        return Retirement(str(obj["successor"]), str(obj["at"]))

    def signed_statement(self) -> bytes | None:
        """The statement this vault signed when it handed over (kept since: every bundle for
        the successor carries it, with who holds what, :mod:`registry.sync.inherit`)."""
        stored = self.store.meta_get(RETIRED_META)
        text = None if stored is None else json.loads(stored).get("statement")
        return None if text is None else str(text).encode("utf-8")

    def statement(self, own_card: bytes, successor_fp: str) -> tuple[bytes, Retirement]:
        """Sign the statement naming ``successor_fp``, who must be verified here in person;
        record the retirement (from now on this vault sends bundles to the successor only)."""
        successor = self.trust.get(successor_fp)
        retired = self.retirement()
        if retired is not None and retired.successor != successor.fingerprint:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "This vault already handed its post over to {successor}; a second "
                "successor cannot be named."), successor=retired.successor)
        if not successor.verified or successor.verified_method != "in_person":
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "Verify your successor in person before handing over: compare the "
                "safety number face to face and mark them verified in person."))
        row = self.store.conn.execute("SELECT card FROM official WHERE fingerprint = ?",
                                      (successor.fingerprint,)).fetchone()
        at = _now()
        data = make_statement(self.keys, own_card, str(row[0]).encode("utf-8"), at)
        with self.store.write():
            self.store.meta_set(RETIRED_META, json.dumps(
                {"successor": successor.fingerprint, "at": at,
                 "statement": data.decode("utf-8")}, sort_keys=True))
            audit.append(self.store.conn, self.store.origin, "handover_statement",
                         successor.fingerprint, "official")
        return data, Retirement(successor.fingerprint, at)

    def check_recipients(self, fingerprints: list[str | None], *,
                         protected: bool = False) -> None:
        """After a handover, this vault writes bundles for the successor only. A bundle that
        carries what identifies protected people (``protected``: their details, protected
        records, or notes that name them) goes only to officials verified here by the user
        — never to one trusted only through a succession statement, which a predecessor's
        seized key could sign for anyone."""
        retired = self.retirement()
        if retired is not None and any(fp != retired.successor for fp in fingerprints):
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "This vault handed its post over on {date}: its key is retired and "
                "colleagues refuse what it signs. It writes bundles for the successor only "
                "({successor})."), date=retired.at[:10], successor=retired.successor)
        if not protected:
            return
        for fingerprint in fingerprints:
            if fingerprint is None:
                continue
            official = self.trust.get(fingerprint)
            if official.verified_method == SUCCESSION:
                raise TrustError(QT_TRANSLATE_NOOP(
                    "Errors", "{name} is trusted here only through their predecessor's handover "
                    "statement. Protected people, protected records and notes that name them "
                    "go only to colleagues you verified yourself: compare the safety number "
                    "with {name} in person first. Nothing was written."), name=official.name)

    # -- the successor ----------------------------------------------------------------------
    def inherited(self, predecessor: str) -> bool:
        """Whether a bundle ``predecessor`` wrote after handing their post to this vault came
        in, with who holds what, which accepting the statement takes (accepting retires
        their key: none can come after)."""
        stored = self.store.meta_get(INHERITED_META)
        return stored is not None and predecessor in json.loads(stored)

    def mark_inherited(self, predecessor: str) -> None:
        stored = self.store.meta_get(INHERITED_META)
        known = set(json.loads(stored)) if stored is not None else set()
        self.store.meta_set(INHERITED_META, json.dumps(sorted(known | {predecessor})))

    # -- a colleague ------------------------------------------------------------------------
    def preview(self, data: bytes) -> SuccessionStatement:
        """Parse and check a statement against this vault's trust store, exactly as
        :meth:`accept` would (so a preview that passes is one that accepting takes); change
        nothing."""
        statement = parse_statement(data)
        self._check(statement)
        return statement

    def accept(self, data: bytes) -> HandoverAccepted:
        """Accept a statement: trust the successor (verified by succession, unless already
        verified here another way), retire the predecessor, and know that the successor holds
        what the predecessor held (a protection raised later reaches them), in one
        transaction. In the successor's own vault (import the handover bundle first) it only
        retires the predecessor."""
        statement = parse_statement(data)
        # checked inside the transaction: another window may revoke the predecessor (a laptop
        # seized) or the successor between a check made before and trusting the successor
        with self.store.write():
            return self._accept(statement)

    def _accept(self, statement: SuccessionStatement) -> HandoverAccepted:
        predecessor, known = self._check(statement)
        if statement.successor.public == self.trust.own:
            # the successor's own vault: who holds what the predecessor's bundles handed it
            # becomes its own (sync.inherit); after the handover bundle is in, what the old
            # key signs is refused here too (a laptop seized later cannot feed the new holder)
            from registry.sync import inherit  # it builds on this module

            inherit.settle(self.store, predecessor.fingerprint, statement.successor.fingerprint)
            self.trust.mark_revoked(predecessor, retired=True)
            audit.append(self.store.conn, self.store.origin, "handover_accept",
                         None, "official", fields=[predecessor.fingerprint])
            return HandoverAccepted(statement, None, True,
                                    inherited=self.inherited(predecessor.fingerprint))
        was_verified = known is not None and known.verified
        with self.store.write():
            if known is None or not known.revoked:
                self.trust.upsert_card(statement.successor, statement.successor_card, known)
                if not was_verified:
                    self.trust.set_verified(statement.successor.fingerprint, SUCCESSION)
            # else the successor handed the post on already (_check): their key stays retired
            self.trust.mark_revoked(predecessor)
            for heir in self._heirs(statement.successor.fingerprint):
                hand_over_holdings(self.store, Recipient(predecessor.fingerprint,
                                                         predecessor.age_recipient), heir)
            audit.append(self.store.conn, self.store.origin, "handover_accept",
                         statement.successor.fingerprint, "official",
                         fields=[predecessor.fingerprint])
        heir = self.last_heir(statement.successor.fingerprint)
        return HandoverAccepted(
            statement, self.trust.get(statement.successor.fingerprint), was_verified,
            heir=None if heir == statement.successor.fingerprint else self.trust.get(heir))

    def _check(self, statement: SuccessionStatement) -> tuple[Official, Official | None]:
        """Every rule a statement must meet here: the predecessor's trust entry and the
        successor's, if any (``TrustError`` when a rule fails)."""
        predecessor = self._predecessor(statement)
        if statement.successor.public == self.trust.own:
            return predecessor, None  # this vault is the successor
        known = self.trust.find(statement.successor.fingerprint)
        if known is not None and known.revoked:
            if successor_of(self.store, known.fingerprint) is None:
                raise TrustError(QT_TRANSLATE_NOOP(
                    "Errors", "The successor's key was revoked in this vault: refused."))
            # they handed the post on (a chain's statements accepted out of order): their
            # key is not trusted again; what the predecessor held goes on down the chain
            return predecessor, known
        if (known is None or not known.verified) and self._name_taken(statement.successor):
            # a new key would be verified in one step under a name this vault already trusts
            # (a colleague's, or its own): "verified" never carries over to another key
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The successor's card gives the name \"{name}\", already in your trust "
                "store under another key (or this vault's own): refused. If the successor really "
                "has that name, add their card and verify it with them, then accept again."),
                name=statement.successor.name)
        return predecessor, known

    def last_heir(self, successor: str) -> str:
        """Who holds the post ``successor`` took: they, or the last official this vault
        accepted as successor of each in turn."""
        return self._heirs(successor)[-1]

    def _heirs(self, successor: str) -> list[str]:
        """``successor``, and whoever this vault accepted as successor of each in turn: all
        hold what the predecessor held, the last one the post."""
        heirs = [successor]
        while (after := successor_of(self.store, heirs[-1])) is not None and after not in heirs:
            heirs.append(after)
        return heirs

    def _name_taken(self, successor: Card) -> bool:
        """Whether another official here (any trust state) or this vault's own identity goes
        by the successor card's name (compared as :func:`_folded` sees names)."""
        wanted = _folded(successor.name)
        rows = self.store.conn.execute(
            "SELECT name FROM official WHERE fingerprint != ? UNION ALL "
            "SELECT name FROM identity", (successor.fingerprint,)).fetchall()
        return any(_folded(str(name)) == wanted for (name,) in rows)

    def _predecessor(self, statement: SuccessionStatement) -> Official:
        """The predecessor's trust entry, if it is verified here and signed ``statement``."""
        public = statement.predecessor.public
        if public == self.trust.own:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The statement is this vault's own; there is nothing to accept."))
        official = self.trust.find(public.fingerprint)
        if official is None:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The official handing over is not in your trust store: refused. Only a "
                "colleague you verified can name a successor."))
        if official.revoked:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The official handing over was revoked or has already retired in this "
                "vault: refused."))
        if not official.verified:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The official handing over is not verified in this vault: verify them "
                "first (their safety number), then accept again."))
        if official.public != public:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The statement's keys differ from the trusted ones: refused."))
        try:
            Ed25519PublicKey.from_public_bytes(public.ed25519).verify(statement.signature,
                                                                      statement.signed)
        except InvalidSignature:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The succession statement's signature does not verify with the key you "
                "trust: it is forged or altered. Refused.")) from None
        return official
