"""Signed tombstones and evaluations (DESIGN §6.5.3).

A bundle's minisign signature says who *sent* it, not who *made* each change in it: a
colleague's seized laptop can send well-signed bundles full of stamps naming anyone. The
changes that cannot be taken back, or that speak in an assessor's name, therefore carry a
signature of their own, made by the official whose stamp they bear:

* a **deletion** (``deleted`` = true) and an **erasure** tombstone — signed by the stamp's
  origin over (id, kind, field, value, stamp);
* an **evaluation's scores and evidence, and what they are about** (its subject and date) —
  each field signed by the assessor, whose stamp it must bear: an assessor's scores cannot
  be moved onto another subject or date under a stamp forged in their name. Any other change
  to an evaluation by someone other than its assessor (``sensitivity``, which only rises, and
  the ``merged_into`` link excepted) is dropped on import and reported — its deletion too: a
  tombstone of an evaluation is applied only when its assessor made it (their stamp, their
  signature). A tombstone names no assessor, so one for an evaluation this vault does not
  hold cannot show whose it is: it stays out, reported, rather than wait there to hide the
  evaluation when it arrives. Nor is anything unsigned allowed to make an evaluation another
  official's: a held evaluation's ``assessor`` never changes on import, and its
  ``assessor_name`` is kept only when it is the name this vault's trust store gives that
  assessor (else dropped and reported).
* an **undeletion** (``deleted`` set back) — signed like a deletion, and of a record deleted
  here applied only when made by the official who deleted it (the first, when others
  deleted it again): a colleague's laptop cannot bring a record another official took out
  of circulation back into this vault's exports (dropped and reported; the rest of the line
  applies);
* a **duplicate decision** — its ``decision`` and ``decided_by``, signed by the official
  whose stamp they bear: a line cannot say that another official decided what it says.

On import, a claim whose origin this vault knows (itself, or an official it trusts and has
not revoked) must verify with that official's key, else the whole bundle is refused (exit
4). A claim from an origin it does not know is applied only if it verifies: one in the name
of an official it never met with that official's own key, which it does not have — so never
(an honest relay passes on the maker's own signature; a sender's signature over another
official's stamp is its word, not theirs, and kept and passed on it would make a vault that
knows that official refuse this vault's bundles whole: one forged line would stop its
sharing); the per-recipient origin of a pseudonym, which names no official, with the key of
an official it trusts (the pseudonym's maker). An evaluation's claims, which never travel
under a pseudonym, only with its assessor's own key. An unverifiable deletion or evaluation
change is dropped and reported, and an erasure waits with the held changes (§6.5.4).
Verified signatures are kept (``record_sig``) so that a relayed change goes on with its
signature. A line stating again a claim this vault holds as it is, with the very signature
it kept for it (the same official, message and signature bytes), is not verified a second
time: the same bytes verify the same way. A vault signs its own changes (and the
pseudonymous tombstones it makes) when it exports them. A line that needs a signature this
vault does not have is left out of the export rather than sent unsigned.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.ids import evaluation_form, made_for
from registry.domain.model import KINDS, Record
from registry.errors import QT_TRANSLATE_NOOP, TrustError
from registry.store.records import Store, decode_stamps
from registry.sync.keys import OfficialKeys, PublicKeys
from registry.sync.redact import is_pseudonym, is_pseudonym_origin
from registry.sync.trust import Official

DOMAIN = "registry-signed/1"
SIG_SIZE = 64
ERASED = "erased"
DELETED = "deleted"
SIGNED_EVALUATION = frozenset({"score_1", "score_2", "score_3",
                               "evidence_1", "evidence_2", "evidence_3", "subject_id", "date"})
# what anyone may change on an evaluation: protection only rises; a deletion is its
# assessor's alone (an erasure follows §6.5.4 instead), and no evaluation is ever decided
# "same" as another (``merged_into`` is refused on it by the import's checks)
OPEN_EVALUATION = frozenset({"sensitivity"})
SIGNED_DECISION = frozenset({"decision", "decided_by"})  # who decided what, on its pair
SIGNABLE = SIGNED_EVALUATION | SIGNED_DECISION | {ERASED, DELETED}
NOT_THE_ASSESSOR = "not_the_assessor"
NOT_THE_ASSESSORS_NAME = "not_the_assessors_name"
ASSESSOR_UNKNOWN = "assessor_unknown"  # a tombstone of an evaluation not held here
UNKNOWN_SIGNER = "unknown_signer"
NOT_THE_DELETER = "not_the_deleter"  # only who deleted a record held here may undo it
EVALUATIONS_ID = "evaluations_id"  # a line of another kind under an evaluation's id

# why a change was not applied, as the import's report says it (the app shows it translated)
REASONS = {
    NOT_THE_ASSESSOR: QT_TRANSLATE_NOOP("Sharing", "not made by the evaluation's assessor"),
    ASSESSOR_UNKNOWN: QT_TRANSLATE_NOOP(
        "Sharing", "an evaluation not held here: whose it is cannot be shown"),
    NOT_THE_ASSESSORS_NAME: QT_TRANSLATE_NOOP(
        "Sharing", "not the name its assessor is known by here"),
    UNKNOWN_SIGNER: QT_TRANSLATE_NOOP("Sharing", "signed by no official this vault trusts"),
    NOT_THE_DELETER: QT_TRANSLATE_NOOP("Sharing", "undoes a deletion another official made"),
    EVALUATIONS_ID: QT_TRANSLATE_NOOP("Sharing",
                                      "another kind of record under an evaluation's id"),
}


@dataclass(frozen=True)
class Claim:
    """One signed statement of a line: a field's value under a stamp."""

    field: str
    value: Any
    stamp: Stamp


def claims(record: Record) -> list[Claim]:
    """What of ``record`` must travel signed."""
    if record.erased is not None:
        return [Claim(ERASED, None, record.erased)]
    out = []
    if DELETED in record.stamps:  # a deletion, or its undoing
        out.append(Claim(DELETED, record.values.get(DELETED), record.stamps[DELETED]))
    signed = SIGNED_EVALUATION if record.kind is Kind.EVALUATION else \
        SIGNED_DECISION if record.kind is Kind.DECISION else None
    if signed is not None:
        out += [Claim(f, record.values.get(f), record.stamps[f])
                for f in sorted(signed & record.stamps.keys())]
    return out


def message(record_id: str, kind: Kind, claim: Claim) -> bytes:
    """The bytes an official signs for ``claim`` (canonical JSON, domain-separated)."""
    return json.dumps([DOMAIN, record_id, kind.value, claim.field, claim.value,
                       claim.stamp.hlc, claim.stamp.origin],
                      ensure_ascii=False, separators=(",", ":")).encode()


# ---- whose keys this vault knows ---------------------------------------------------------------
# OpenSSL lets go of the interpreter while it verifies a signature: threads check side by side
# (a bundle of 5,000 evaluations carries 25,000 signatures, 1.7 s on one processor)
_THREADS = max(1, min(4, os.cpu_count() or 1))
_AHEAD_FROM = 256  # fewer signatures are checked one by one, as the screen meets them
_AHEAD_LINES = 5_000  # the screen has the signatures of this many lines checked at a time
Verification = tuple[str, bytes, bytes]  # official's fingerprint, signature, signed message


class Keyring:
    """This vault's own key and those of the officials it trusts (revoked ones left out);
    the names its trust store gives the officials (revoked ones too)."""

    def __init__(self, own_fingerprint: str, own: PublicKeys,
                 officials: Iterable[Official]) -> None:
        self._verified: dict[Verification, bool] = {}  # answers found ahead (check_ahead)
        self._held: set[Verification] = set()  # claims held here as they are (hold)
        self._soon: list[tuple[list[Verification], Future[list[bool]]]] = []  # verify_soon
        self._pool: ThreadPoolExecutor | None = None
        self._given: list[tuple[str, bytes, bytes, bool]] = []  # given (taken by _collect)
        self.own = own_fingerprint
        self.keys: dict[str, Ed25519PublicKey] = {
            own_fingerprint: Ed25519PublicKey.from_public_bytes(own.ed25519)}
        self.names: dict[str, str] = {}
        for official in officials:
            self.names[official.fingerprint] = official.name
            if not official.revoked:
                self.keys[official.fingerprint] = Ed25519PublicKey.from_public_bytes(
                    official.public.ed25519)

    def public_keys(self) -> dict[str, bytes]:
        """The raw Ed25519 public keys this ring verifies with, by fingerprint."""
        return {fingerprint: key.public_bytes_raw() for fingerprint, key in self.keys.items()}

    def knows(self, origin: str) -> bool:
        return origin in self.keys

    def signer(self, data: bytes, sig: bytes | None, origin: str, *,
               any_trusted: bool = True) -> str | None:
        """Who of the known officials signed ``data``: for a known origin, that official or
        nobody; for an unknown one, whichever trusted key verifies (pseudonyms name none),
        or nobody when only the origin's own key may vouch (not ``any_trusted``)."""
        if sig is None or (origin not in self.keys and not any_trusted):
            return None
        if origin in self.keys and (origin, sig, data) in self._held:
            return origin
        candidates = [origin] if origin in self.keys else list(self.keys)
        for fingerprint in candidates:
            known = self._verified.get((fingerprint, sig, data))
            if known if known is not None else self._verifies((fingerprint, sig, data)):
                return fingerprint
        return None

    def hold(self, held: set[Verification]) -> None:
        """Claims this vault holds exactly as a line states them (same official, message
        and signature; :func:`held_claims`): their signature verified when it was kept, and
        the same bytes verify the same way, so they are not checked again. Only for an
        official whose key this vault has now (a revoked one's claims are not known)."""
        self._held = {h for h in held if h[0] in self.keys}

    def check_ahead(self, wanted: Iterable[Verification]) -> None:
        """Verify many signatures of known officials at once, on every processor; what
        :meth:`signer` is then asked about one of them it answers from here. Only an exact
        (official, signature, message) triple is remembered, never a signature alone."""
        self._collect()
        todo = [w for w in dict.fromkeys(wanted) if w[0] in self.keys and w not in self._held
                and w not in self._verified]
        if len(todo) < _AHEAD_FROM or _THREADS == 1:
            return
        parts = [todo[n::_THREADS] for n in range(_THREADS)]
        with ThreadPoolExecutor(_THREADS, thread_name_prefix="verify") as pool:
            for part, answers in zip(parts, pool.map(self._verify_all, parts), strict=True):
                self._verified.update(zip(part, answers, strict=True))

    def verify_soon(self, wanted: Iterable[Verification]) -> None:
        """Start verifying signatures of known officials on another thread, while the caller
        goes on (an import reads the next lines meanwhile); :meth:`check_ahead` takes the
        answers. Like its own, they are kept only for an exact (official, signature, message)
        triple: when or why one was asked changes nothing that is answered."""
        todo = [w for w in dict.fromkeys(wanted) if w[0] in self.keys]
        if not todo or _THREADS == 1:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(_THREADS, thread_name_prefix="verify-soon")
        for part in (todo[n::_THREADS] for n in range(_THREADS)):  # side by side, as well
            if part:
                self._soon.append((part, self._pool.submit(self._verify_all, part)))

    def given(self, answers: list[tuple[str, bytes, bytes, bool]]) -> None:
        """Answers found ahead by another process of this program (``sync.readahead``), as
        :meth:`verify_soon` would have found them: official, signature, message, verifies."""
        self._given.extend(answers)

    def _collect(self) -> None:
        self._verified.update(((a, s, d), ok) for a, s, d, ok in self._given)
        self._given.clear()
        for todo, answers in self._soon:
            self._verified.update(zip(todo, answers.result(), strict=True))
        self._soon.clear()

    def close(self) -> None:
        """Drop what :meth:`verify_soon` started (waiting for the threads) and every answer;
        the ring stays usable (a thread is started again when needed)."""
        for _, answers in self._soon:
            answers.cancel()
        self._soon.clear()
        self._given.clear()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self.forget(held=True)

    def forget(self, *, held: bool = False) -> None:
        """Drop the answers found ahead (they hold the signed messages), and with ``held``
        the claims held here."""
        self._verified.clear()
        if held:
            self._held.clear()

    def _verify_all(self, part: list[Verification]) -> list[bool]:
        return [self._verifies(w) for w in part]

    def _verifies(self, wanted: Verification) -> bool:
        fingerprint, sig, data = wanted
        try:
            self.keys[fingerprint].verify(sig, data)
        except InvalidSignature:
            return False
        return True


# ---- import: what may apply ----------------------------------------------------------------------
@dataclass
class Screened:
    """The records of a bundle as far as their signatures and assessors allow."""

    records: list[Record]
    sigs: dict[str, dict[str, tuple[Stamp, bytes]]] = field(default_factory=dict)
    dropped: list[dict[str, Any]] = field(default_factory=list)
    unverified_erasures: set[str] = field(default_factory=set)  # they can only be held


def screen(records: Sequence[Record], sigs: dict[str, dict[str, bytes]], ring: Keyring,
           assessors_here: Callable[[list[str]], dict[str, str]],
           line_of: dict[str, int], *,
           held_here: Callable[[list[Record]], set[Verification]] | None = None,
           copies: Callable[[dict[str, str]], set[str]] | None = None) -> Screened:
    """Check every signed claim and the assessor rule; raise ``TrustError`` when a known
    official's claim does not verify. A line of another kind under an evaluation's id
    (``ids.evaluation_form``) is left out whole. Returns the records with what may not apply
    taken out (reported), and the verified signatures to keep. ``held_here``
    (:func:`held_claims`): the claims among them this vault holds as they are, signature
    included. ``copies`` (:func:`copies_here`): of records whose line names a pseudonym,
    those held here that are a pseudonymous copy under it, or not held (None: every one)."""
    evaluations = [r.id for r in records if r.kind is Kind.EVALUATION]
    here = assessors_here(evaluations) if evaluations else {}
    signed = [r for r in records if r.id in sigs]
    if held_here is not None and signed:
        ring.hold(held_here(signed))
    named = {r.id: origin for r in signed if (origin := _pseudonym_of(r)) is not None}
    pseudonymous = set(named) if copies is None or not named else copies(named)
    out = Screened([])
    evaluation, decision = Kind.EVALUATION, Kind.DECISION
    for n, incoming in enumerate(records):
        if n % _AHEAD_LINES == 0:  # the answers of a stretch of lines at a time: bounded
            ring.forget()
            ring.check_ahead(carried(records[n:n + _AHEAD_LINES], sigs))
        if incoming.kind is not evaluation and evaluation_form(incoming.id):
            # its id was made for an evaluation's assessor (ids.evaluation_id): delivered
            # first, it would take the id from the evaluation, which every vault that held
            # the evaluation first would then refuse as another kind's (importer._other_kind)
            out.dropped.append({"id": incoming.id, "kind": incoming.kind.value,
                                "fields": sorted(incoming.stamps) or [ERASED],
                                "reason": EVALUATIONS_ID})
            continue
        if incoming.erased is None and incoming.kind is not evaluation and \
                incoming.kind is not decision and DELETED not in incoming.stamps:
            out.records.append(incoming)  # nothing in it is signed: most lines
            continue
        record: Record | None = incoming
        if incoming.kind is evaluation and incoming.erased is None:
            record = _assessors_only(incoming, here.get(incoming.id), out)
        if record is not None:
            record = _verified(record, sigs.get(record.id, {}), ring, line_of, out,
                               copy=record.id in pseudonymous)
        if record is not None and record.kind is evaluation and record.erased is None:
            record = _named_rightly(record, here.get(record.id), ring, out)
        if record is not None:
            out.records.append(record)
    ring.forget(held=True)
    return out


def verify_soon(store: Store, ring: Keyring, records: Sequence[Record],
                sigs: dict[str, dict[str, bytes]]) -> None:
    """Have ``ring`` start on the signatures ``records`` carry (:meth:`Keyring.verify_soon`),
    but those this vault keeps for the very claim (a line delivered again, which
    :func:`screen` does not verify)."""
    kept = _kept(store, sorted({r.id for r in records if r.id in sigs}))
    ring.verify_soon(carried(records, sigs, kept))


def carried(records: Sequence[Record], sigs: dict[str, dict[str, bytes]],
            kept: dict[tuple[str, str, Stamp], bytes] | None = None
            ) -> Iterator[Verification]:
    """Each signature the lines carry, with the claim of its stamp's origin it would prove;
    with ``kept``, not those kept here for the same claim."""
    for record in records:
        given = sigs.get(record.id)
        if given:
            for claim in claims(record):
                sig = given.get(claim.field)
                if sig is not None and (
                        kept is None or kept.get((record.id, claim.field, claim.stamp)) != sig):
                    yield claim.stamp.origin, sig, message(record.id, record.kind, claim)


def _pseudonym_of(record: Record) -> str | None:
    """The pseudonym a line is a pseudonymous copy under: the one origin all its stamps
    name, when that and the line's id are a pseudonym's (a stub or tie's line, or its
    tombstone: :func:`redact.is_pseudonym`); else None."""
    stamps = [*record.stamps.values(), *([record.erased] if record.erased else [])]
    origins = {s.origin for s in stamps}
    if len(origins) != 1:
        return None
    [origin] = origins
    return origin if is_pseudonym(record.id, origin) else None


def copies_here(store: Store, named: dict[str, str]) -> set[str]:
    """Of ``named`` (record id → the pseudonym its line names), those this vault does not
    hold, or holds as a pseudonymous copy under that pseudonym (:meth:`Store.only_of`)."""
    held = {r.id: r for kind in KINDS
            for r in store.get_many(kind, sorted(named)).values()}
    return {rid for rid, origin in named.items()
            if rid not in held or store.only_of(held[rid], origin)}


def _verified(record: Record, given: dict[str, bytes], ring: Keyring,
              line_of: dict[str, int], out: Screened, *, copy: bool = False) -> Record | None:
    kept: dict[str, tuple[Stamp, bytes]] = {}
    unverified: list[str] = []
    # an evaluation's claims are its assessor's own (evaluations never travel under a
    # pseudonym): no other key vouches for them; an erasure follows §6.5.4 as any other
    own_only = record.kind is Kind.EVALUATION and record.erased is None
    for claim in claims(record):
        sig = given.get(claim.field)
        # another trusted key vouches only for a pseudonym's claim on a pseudonymous copy
        # (its maker's: ``copy``): one in an official's name is that official's own or no
        # one's, here and wherever it goes on; a pseudonym's on an ordinary record, no one's
        vouched = not own_only and copy and is_pseudonym_origin(claim.stamp.origin)
        signer = ring.signer(message(record.id, record.kind, claim), sig, claim.stamp.origin,
                             any_trusted=vouched)
        if signer is not None:
            assert sig is not None
            kept[claim.field] = (claim.stamp, sig)
        elif ring.knows(claim.stamp.origin):
            raise TrustError(
                f"Payload line {line_of.get(record.id, 0)}: the field '{claim.field}' bears "
                "no valid signature of the official whose stamp it carries: the bundle was "
                "refused, nothing was changed. Its sender may have lost control of their "
                "keys: check with them before trusting their bundles again.")
        else:
            unverified.append(claim.field)
    rest = _without_unverified(record, unverified, out)
    if rest is not None and kept:
        out.sigs[rest.id] = kept
    return rest


def _assessors_only(record: Record, assessor_here: str | None,
                    out: Screened) -> Record | None:
    """Drop every change to an evaluation not stamped by its assessor (the one held here, or
    for a new evaluation the one it names), its deletion included, and any that would make
    an evaluation held here someone else's (its assessor never changes, so only a stamp
    forged in the assessor's name says it does). A line for an evaluation not held here
    that names no assessor (a bare tombstone) has no assessor to show: all of it stays out.
    An evaluation whose id was made for another assessor (``ids.made_for``) is someone
    else's, whoever delivers a line of it first: all of it stays out."""
    assessor = assessor_here or record.values.get("assessor")
    if isinstance(assessor, str) and made_for(record.id, assessor) is False:
        out.dropped.append({"id": record.id, "kind": record.kind.value,
                            "fields": sorted(record.stamps), "reason": NOT_THE_ASSESSOR})
        return None
    foreign = sorted(f for f, s in record.stamps.items()
                     if f not in OPEN_EVALUATION and (s.origin != assessor or (
                         f == "assessor" and record.values.get(f) != assessor)))
    if not foreign:
        return record
    out.dropped.append({"id": record.id, "kind": record.kind.value, "fields": foreign,
                        "reason": NOT_THE_ASSESSOR if assessor else ASSESSOR_UNKNOWN})
    if assessor_here is None and (not assessor or set(foreign) & set(
            KINDS[Kind.EVALUATION].required)):
        return None  # a new evaluation without its own scores is no evaluation
    rest = _without(record, foreign)
    return rest if rest.stamps else None


def still_carried(sigs: dict[str, dict[str, tuple[Stamp, bytes]]], records: list[Record]
                  ) -> dict[str, dict[str, tuple[Stamp, bytes]]]:
    """``sigs`` without the signatures of claims ``records`` no longer carry (cut after the
    screen verified them): kept (:func:`keep`), a newer one replaces the signature of the
    claim that stands here, which then cannot be passed on."""
    out: dict[str, dict[str, tuple[Stamp, bytes]]] = {}
    for record in records:
        given = sigs.get(record.id)
        if given:
            stamps = {c.field: c.stamp for c in claims(record)}
            kept = {f: v for f, v in given.items() if stamps.get(f) == v[0]}
            if kept:
                out[record.id] = kept
    return out


def deleters_only(records: list[Record],
                  deleted_here: Callable[[list[str]], dict[str, Stamp]]) -> Screened:
    """``records`` without the undeletions of records held here deleted that the official
    who deleted them did not make (``deleted_here``, :func:`deletions_of`: the deletion stamp
    of each of some records held deleted), reported. Asked when an import is planned, of
    the vault as it is then: a later file of an import meets the deletions the earlier ones
    brought."""
    undeleting = [r.id for r in records if DELETED in r.stamps and r.erased is None
                  and r.values.get(DELETED) is not True]
    deletions = deleted_here(undeleting) if undeleting else {}
    if not deletions:
        return Screened(records)  # nothing held deleted is set back: most imports
    out = Screened([])
    for record in records:
        kept = _deleters_only(record, deletions[record.id], out) if record.id in deletions \
            else record
        if kept is not None:
            out.records.append(kept)
    return out


def _deleters_only(record: Record, deletion: Stamp, out: Screened) -> Record | None:
    """Drop an undeletion of a record deleted here unless the official who deleted it
    made it (their stamp, which their signature proves, see :func:`claims`): a colleague
    cannot bring back, to travel on from here, a record another official took out of
    circulation (reported; the rest of the line applies). An older one loses anyway."""
    stamp = record.stamps[DELETED]
    if stamp.origin == deletion.origin or stamp < deletion:
        return record
    out.dropped.append({"id": record.id, "kind": record.kind.value, "fields": [DELETED],
                        "reason": NOT_THE_DELETER})
    rest = _without(record, [DELETED])
    return rest if rest.stamps else None


def _named_rightly(record: Record, assessor_here: str | None, ring: Keyring,
                   out: Screened) -> Record | None:
    """Drop an evaluation's ``assessor_name`` unless it is the name this vault's trust store
    gives its assessor: the name is not signed, and a line must not credit its scores to
    another official (reported; the rest applies). This vault's own name needs no look-up:
    the name of an evaluation it made comes stamped by it, and a stamp of this vault's
    carrying a value it never wrote refuses the bundle (§6.5.2)."""
    if "assessor_name" not in record.stamps:
        return record
    assessor = assessor_here or record.values.get("assessor")
    if assessor == ring.own or (assessor is not None and record.values.get(
            "assessor_name") == ring.names.get(assessor)):
        return record
    out.dropped.append({"id": record.id, "kind": record.kind.value, "fields": ["assessor_name"],
                        "reason": NOT_THE_ASSESSORS_NAME})
    rest = _without(record, ["assessor_name"])
    return rest if rest.stamps else None


def _without_unverified(record: Record, fields: list[str], out: Screened) -> Record | None:
    """Take out claims nobody this vault trusts signed: an erasure stays (it waits with the
    held changes), a deletion or an evaluation's scores are dropped and reported."""
    if ERASED in fields:
        out.unverified_erasures.add(record.id)
    dropped = [f for f in fields if f != ERASED]
    if not dropped:
        return record
    out.dropped.append({"id": record.id, "kind": record.kind.value, "fields": dropped,
                        "reason": UNKNOWN_SIGNER})
    if record.kind is Kind.EVALUATION and set(dropped) & SIGNED_EVALUATION:
        return None  # scores no trusted key vouches for: the whole line stays out
    rest = _without(record, dropped)
    return rest if rest.stamps else None


def _without(record: Record, fields: Iterable[str]) -> Record:
    gone = set(fields)
    return Record(record.id, record.kind,
                  {k: v for k, v in record.values.items() if k not in gone},
                  {k: s for k, s in record.stamps.items() if k not in gone}, record.erased)


def assessors_of(store: Store, ids: list[str]) -> dict[str, str]:
    """The assessor of each evaluation among ``ids`` held here."""
    out: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        out.update((str(i), str(a)) for i, a in store.conn.execute(
            f"SELECT id, assessor FROM evaluation WHERE id IN ({marks}) AND "  # noqa: S608
            "assessor IS NOT NULL", chunk))
    return out


def deletions_of(store: Store, ids: list[str]) -> dict[str, Stamp]:
    """For each record among ``ids`` held here deleted, the stamp of the deletion that took it
    out of circulation: the first since it was last in it (field history keeps the others).
    Another official deleting it again later does not make it theirs to bring back."""
    out: dict[str, Stamp] = {}
    for spec in KINDS.values():
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = store.conn.execute(
                f"SELECT id, stamps FROM {spec.table} WHERE deleted = 1 AND erased IS "  # noqa: S608
                f"NULL AND id IN ({marks})", chunk).fetchall()
            out.update((str(rid), _first_deletion(store, str(rid), stamp)) for rid, stamp in (
                (rid, decode_stamps(str(stamps)).get(DELETED)) for rid, stamps in rows)
                if stamp is not None)
    return out


def _first_deletion(store: Store, record_id: str, current: Stamp) -> Stamp:
    first = current
    for value, hlc, origin in store.conn.execute(
            "SELECT value, hlc, origin FROM field_history WHERE record_id = ? AND field = ? "
            "ORDER BY hlc DESC, origin DESC", (record_id, DELETED)):
        if value is None or json.loads(value) is not True:
            break
        first = Stamp(int(hlc), str(origin))
    return first


def held_claims(store: Store, records: Sequence[Record]) -> set[Verification]:
    """(official, signature, message) of each signed claim of ``records`` that this vault
    holds as it is, with the signature it kept for that very stamp (``record_sig``): what a
    line delivered again says once more. A kept signature verified when it was kept (or was
    made here), over the value its stamp carries here."""
    kept = _kept(store, sorted({r.id for r in records}))
    by_kind: dict[Kind, list[str]] = {}
    for rid, kind in {r.id: r.kind for r in records if any(
            (r.id, c.field, c.stamp) in kept for c in claims(r))}.items():
        by_kind.setdefault(kind, []).append(rid)
    out: set[Verification] = set()
    for kind, ids in by_kind.items():
        for rid, local in store.get_many(kind, ids).items():
            for claim in claims(local):
                found = kept.get((rid, claim.field, claim.stamp))
                if found is not None:
                    out.add((claim.stamp.origin, found, message(rid, kind, claim)))
    return out


def kept_signatures(store: Store, limit: int) -> list[bytes]:
    """Up to ``limit`` of the signatures this vault keeps (``sync.readahead`` leaves them to
    :func:`held_claims`)."""
    return [bytes(sig) for (sig,) in store.conn.execute(
        "SELECT sig FROM record_sig LIMIT ?", (limit,))]


def _kept(store: Store, ids: list[str]) -> dict[tuple[str, str, Stamp], bytes]:
    """The kept signatures of the fields of ``ids``, by field and the stamp signed over (one
    per stamp: a value put back, by a quarantine or a revert, still has its own)."""
    out: dict[tuple[str, str, Stamp], bytes] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for rid, name, hlc, origin, sig in store.conn.execute(
                "SELECT record_id, field, hlc, origin, sig FROM record_sig WHERE "  # noqa: S608
                f"record_id IN ({marks})", chunk):
            out[(str(rid), str(name), Stamp(int(hlc), str(origin)))] = bytes(sig)
    return out


def keep(store: Store, sigs: dict[str, dict[str, tuple[Stamp, bytes]]]) -> None:
    """Remember verified signatures (inside the caller's transaction) so that the change can
    be passed on: one per stamp, the first kept (a newer claim's does not replace the one of
    the claim it overwrote, which a quarantine or revert may put back). Only of a claim that
    stands here (only it is passed on, or put back later): one that lost would be kept for
    nothing, and a sender could grow the table bundle after bundle with claims that never
    apply. An erasure's is kept too while it waits with the held changes (the record is not
    erased here); of a record erased here, only the erasure's that stands: a signature over
    an erased value would confirm a guess of it."""
    standing = _standing(store, sorted(sigs))
    store.conn.executemany(
        "INSERT OR IGNORE INTO record_sig (record_id, field, hlc, origin, sig) "
        "VALUES (?, ?, ?, ?, ?)",
        [(rid, name, stamp.hlc, stamp.origin, sig)
         for rid, fields in sigs.items() for name, (stamp, sig) in fields.items()
         if standing.get(rid, {}).get(name) == stamp
         or (name == ERASED and ERASED not in standing.get(rid, {}))])


def _standing(store: Store, ids: list[str]) -> dict[str, dict[str, Stamp]]:
    """The field stamps of those of ``ids`` held here; of a record erased here, only its
    erasure's (under ``ERASED``)."""
    out: dict[str, dict[str, Stamp]] = {}
    for spec in KINDS.values():
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for rid, stamps, erased in store.conn.execute(
                    f"SELECT id, stamps, erased FROM {spec.table} WHERE "  # noqa: S608
                    f"id IN ({marks})", chunk):
                out[str(rid)] = {ERASED: Stamp(*json.loads(erased))} if erased is not None \
                    else decode_stamps(str(stamps))
    return out


# ---- export: signing what goes out -------------------------------------------------------------
class Signer:
    """Signs this vault's own claims; finds the kept signature of anyone else's."""

    def __init__(self, store: Store, keys: OfficialKeys) -> None:
        self.store = store
        self.origin = store.origin
        self._key: Ed25519PrivateKey = keys.signing_key()
        self.fresh: dict[str, dict[str, tuple[Stamp, bytes]]] = {}  # own, signed just now

    def sign(self, record_id: str, kind: Kind, claim: Claim) -> bytes:
        return self._key.sign(message(record_id, kind, claim))

    def lines(self, records: Sequence[Record], made: Callable[[str], bool]
              ) -> tuple[list[Record], dict[str, dict[str, bytes]]]:
        """The records that can travel, with their signatures: a kept signature for the
        claim's stamp is used; own claims without one (and the claims of the pseudonymous lines
        this export made, ``made``) are signed now — own ones are then in ``fresh``, for the
        export to keep; a line missing one stays home."""
        signed_kinds = (Kind.EVALUATION, Kind.DECISION)
        wanting = {r.id: c for r in records
                   if (r.erased is not None or r.kind in signed_kinds
                       or DELETED in r.stamps)  # else nothing is signed: most lines
                   and (c := claims(r))}
        if not wanting:
            return list(records), {}
        kept = _kept(self.store, sorted(wanting))
        out: list[Record] = []
        sigs: dict[str, dict[str, bytes]] = {}
        for record in records:
            needed = wanting.get(record.id)
            if not needed:
                out.append(record)
                continue
            signed: dict[str, bytes] = {}
            for claim in needed:
                found = kept.get((record.id, claim.field, claim.stamp))
                if found is not None:
                    signed[claim.field] = found
                elif claim.stamp.origin == self.origin:
                    signed[claim.field] = sig = self.sign(record.id, record.kind, claim)
                    self.fresh.setdefault(record.id, {})[claim.field] = (claim.stamp, sig)
                elif made(record.id):
                    signed[claim.field] = self.sign(record.id, record.kind, claim)
                else:
                    break
            else:
                sigs[record.id] = signed
                out.append(record)
        return out, sigs


def sign_own(store: Store, keys: OfficialKeys) -> int:
    """Sign and keep every claim this vault made before claims were signed (the migration
    step of schema v8, run once the official's key is at hand); returns how many. (An export
    signs this vault's claims afresh; Ed25519 signatures are deterministic, so these equal
    what it would send.)"""
    signer = Signer(store, keys)
    rows: list[tuple[str, str, int, str, bytes]] = []
    for kind, spec in KINDS.items():
        mine = " OR assessor = ?" if kind is Kind.EVALUATION else ""
        ids = [str(r[0]) for r in store.conn.execute(
            f"SELECT id FROM {spec.table} WHERE erased IS NOT NULL OR deleted = 1{mine}",  # noqa: S608
            (store.origin,) if mine else ())]
        for rid in ids:
            record = store.get(rid, kind)
            if record is None:  # pragma: no cover - the id was read from that table just now
                continue
            rows += [(rid, c.field, c.stamp.hlc, c.stamp.origin, signer.sign(rid, kind, c))
                     for c in claims(record) if c.stamp.origin == store.origin]
    store.conn.executemany(
        "INSERT OR REPLACE INTO record_sig (record_id, field, hlc, origin, sig) "
        "VALUES (?, ?, ?, ?, ?)", rows)
    return len(rows)
