"""Bundle export: recipients, scope, ceiling, protected people, exposure preview (DESIGN §6.3).

:func:`build` reads the vault and runs every record through the :class:`Redactor`; the
result is what :func:`preview` summarises (an exposure preview, no file written) and what
:func:`export` encrypts, signs and writes. The export log (``bundle_export``) remembers,
per recipient set, the audit position each bundle covered, so ``since_last`` sends only
records changed (locally or by an import) after the previous bundle to the same set.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import operator
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import MAX_HLC, Stamp
from registry.domain.model import KINDS, Record
from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, TrustError
from registry.store import codec, protection, schema
from registry.store.records import CO_HELD, Store, decode_stamps, name_forms, named_ids_of
from registry.sync import container, payload, signatures, wire
from registry.sync.container import Recipient
from registry.sync.keys import OfficialKeys
from registry.sync.progress import Job
from registry.sync.redact import (
    TOMBSTONE_DIGESTS,
    Mentions,
    Mode,
    OmitReason,
    Pseudonyms,
    Redactor,
    Tally,
    free_text_fields,
    pseudonym_id,
    pseudonym_key,
)
from registry.sync.trust import VERIFIED, TrustStore, successions

PAYLOAD_FORMAT = "registry-payload/1"
NOTICE_COUNT = "notice"
SHARE_COUNT = "recovery_share"  # only in a bundle that carries one
HANDOVER_COUNT = "handover"  # only in a bundle for this vault's successor
PSEUDONYM_META = schema.PSEUDONYM_META
SENSITIVE = Sensitivity.CONFIDENTIAL
_BATCH = 5000


@dataclass(frozen=True)
class Scope:
    """What to consider: everything, a selection of ids, a filter by kind, or since-last."""

    ids: frozenset[str] | None = None
    kinds: frozenset[Kind] | None = None
    since_last: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"selection": self.ids is not None,
                "kinds": sorted(k.value for k in self.kinds) if self.kinds else None,
                "since_last": self.since_last}


@dataclass(frozen=True)
class ExportRequest:
    recipients: tuple[Recipient, ...]
    ceiling: Sensitivity = Sensitivity.INTERNAL
    mode: Mode = Mode.EXCLUDE
    scope: Scope = Scope()
    keep_mentions: bool = False
    notices_only: bool = False

    def __post_init__(self) -> None:
        if not self.recipients:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "Name at least one recipient: a verified official, or an age "
                "recipient."))

    @property
    def recipient_key(self) -> str:
        return json.dumps(sorted({r.age_recipient for r in self.recipients}))

    def settings(self) -> dict[str, Any]:
        return {"max_sensitivity": self.ceiling.label, "protected": self.mode.value,
                "scope": self.scope.to_json(), "keep_mentions": self.keep_mentions,
                "notices_only": self.notices_only}


@dataclass
class Exposure:
    """What a bundle would reveal, and what it leaves out and why (the exposure preview)."""

    records: dict[str, int] = field(default_factory=dict)
    people: int = 0
    people_inside_russia: int = 0
    pseudonyms: int = 0
    notices: int = 0
    notices_withheld: int = 0
    sensitive_fields: dict[str, int] = field(default_factory=dict)
    tally: Tally = field(default_factory=Tally)

    @property
    def left_out(self) -> int:
        return self.tally.left_out_count()

    def left_out_by_reason(self) -> dict[str, int]:
        return {r.value: len(self.tally.left_out.get(r, [])) for r in OmitReason}

    def blanked_by_reason(self) -> dict[str, int]:
        return {r.value: sum(len(v) for v in self.tally.blanked.get(r, {}).values())
                for r in OmitReason}

    def to_json(self, *, ids: bool = True) -> dict[str, Any]:
        return {"records": self.records, "people": self.people,
                "people_inside_russia": self.people_inside_russia,
                "pseudonyms": self.pseudonyms, "notices": self.notices,
                "notices_withheld": self.notices_withheld,
                "sensitive_fields": self.sensitive_fields, "left_out": self.left_out,
                "left_out_by_reason": self.left_out_by_reason(),
                "blanked_by_reason": self.blanked_by_reason(),
                "reasons": self.tally.to_json(ids=ids)}


@dataclass
class Built:
    """The redacted records of one export, with their exposure."""

    records: list[Record]
    notices: list[Record]
    exposure: Exposure
    audit_seq: int
    pseudonyms: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    holdings: Holdings | None = None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    exposure: Exposure
    settings: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "bundle_id": self.bundle_id,
                "settings": self.settings, "exposure": self.exposure.to_json(ids=False)}


# ---- recipients ------------------------------------------------------------------------------
def resolve_recipients(trust: TrustStore, fingerprints: list[str],
                       age_recipients: list[str]) -> tuple[Recipient, ...]:
    """Recipients from trusted, verified officials' fingerprints and bare age recipients.
    A bare age recipient is the sender's own confirmation (§6.5.6), except for the key of an
    official revoked here: revoking them stops every bundle to their keys, however named."""
    out = [_official_recipient(trust, fp) for fp in fingerprints]
    out += [Recipient(None, r.strip()) for r in age_recipients]
    refuse_revoked(trust, out)
    seen: dict[str, Recipient] = {}
    for r in out:
        seen.setdefault(r.age_recipient, r)
    return tuple(seen.values())


def refuse_revoked(trust: TrustStore, recipients: Iterable[Recipient]) -> None:
    """No bundle goes to the keys of an official revoked here, named by fingerprint or by
    age key: asked when a request is made and again when it is written (the official may
    have been revoked in between)."""
    revoked = [o for o in trust.list() if o.revoked]
    fingerprints, keys = {o.fingerprint for o in revoked}, {o.age_recipient for o in revoked}
    for r in recipients:
        if r.fingerprint in fingerprints:
            raise TrustError(_REVOKED)
        if r.age_recipient in keys:  # canonical: lowercase (Recipient)
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "That age key belongs to an official who was revoked: nothing is "
                "sent to it. Ask them for their new card if they have one."))


_REVOKED = QT_TRANSLATE_NOOP("Errors", "That official was revoked: nothing is sent to them.")


def _official_recipient(trust: TrustStore, fingerprint: str) -> Recipient:
    official = trust.get(fingerprint)
    if official.revoked:
        raise TrustError(_REVOKED)
    if not official.verified:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "That official's card is not verified: compare the safety number "
            "('registry trust verify FINGERPRINT --method safety_number') first."))
    return Recipient(official.fingerprint, official.age_recipient)


# ---- building --------------------------------------------------------------------------------
def vault_secret(store: Store, *, create: bool) -> bytes:
    """The vault's pseudonym secret (inside the encrypted database; every vault has one from
    schema v19, made by the first export before). Without ``create`` (a preview), a vault
    that has none gets a throwaway one."""
    if not create:
        stored = store.meta_get(PSEUDONYM_META)
        return bytes.fromhex(stored) if stored is not None else os.urandom(32)
    with store.write():  # read inside: two windows' first exports make one secret, not two
        stored = store.meta_get(PSEUDONYM_META)
        if stored is not None:
            return bytes.fromhex(stored)
        secret = os.urandom(32)
        store.meta_set(PSEUDONYM_META, secret.hex())
        return secret


def build(store: Store, request: ExportRequest, secret: bytes, job: Job, *,
          now: int | None = None, guard: protection.Protection | None = None) -> Built:
    """Read and redact every record in scope, and the protection notices the recipients need.

    ``now`` is the clock value of this export (changed pseudonymous lines take it); a
    preview passes none and nothing is ticked. ``guard`` is the rule's answer that
    :func:`materialise` made every record's own (an export); a preview passes none.
    """
    audit_seq = _audit_head(store)
    materialised = guard is not None
    guard = guard or protection.Protection.load(store.conn)
    held = Holdings.load(store, request.recipients)
    key = pseudonym_key(secret, _recipient_list(request))
    mentions = None if request.keep_mentions else export_mentions(store, guard, request.mode,
                                                                  request.ceiling)
    logs = _pseudonym_logs(store, request, secret,
                           now if now is not None else store.clock.last + 1)
    # whom they know by real id: no pseudonym goes to them, nor a pseudonym's tombstone —
    # asked in any mode when they hold pseudonyms (a tombstone of one goes in any mode)
    asked = request.mode is Mode.PSEUDONYMISE or logs["stubs"].held \
        or any(j.held for j in logs["joint"])
    known = known_to(store, guard, held, text=(mentions or True) if request.mode is
                     Mode.PSEUDONYMISE else None) if asked else (frozenset(), frozenset())
    sent_people = sent_to_know(store, guard, held) if asked else frozenset()
    erased = _erased_actors(store)
    redactor = Redactor(
        guard, request.ceiling, request.mode, key, mentions=mentions,
        named=actors_naming(store, mentions), stubbed=stubbed_people(store, guard, logs),
        sent_before=held.by_all,
        sent_to_any=held.knows, known_people=known[0], claimed_people=known[1],
        sent_people=sent_people, erased_level=store.erased_protection,
        erased_actors=erased, own_levels=store.own_levels(),
        erased_people=store.erased_protected_people(),
        holds=erased.union(guard.level), **logs)
    out: list[Record] = []
    hidden: list[Record] = []
    exposure = Exposure(tally=redactor.tally)
    if not request.notices_only:
        changed = _changed_since_last(store, request) if request.scope.since_last else None
        done_people: set[str] = set()
        def in_scope_skip(sketch: Record) -> bool:  # before a row is decoded
            return not _in_scope(sketch, request.scope, changed) or redactor.skip(sketch)

        whole = request.scope.ids is None and changed is None
        skip = redactor.skip if whole else in_scope_skip

        for kind in _kinds(request.scope):
            for n, (record, kept) in enumerate(read_records(store, kind, skip)):
                if n % _BATCH == 0:
                    job.tick(f"reading {kind.value}", n, 0)
                if not kept and not _in_scope(record, request.scope, changed):
                    continue
                if redactor.is_protected_person(record):
                    done_people.add(record.id)
                for line in redactor.redact(record, kept=kept):
                    (hidden if line.id in redactor.pseudonymous else out).append(line)
        _add_missing_stubs(store, redactor, done_people, hidden)
        _add_joint_tombstones(store, redactor, _kinds(request.scope), hidden)
    assert redactor.stubs is not None
    if request.scope.since_last:
        # a pseudonymous line sent before as it is now would only say which real record
        # changed (its notes, a tie's note): two recipients would pair their pseudonyms
        hidden = [line for line in hidden if not redactor.stubs.unchanged(line.id)]
    hidden.sort(key=lambda r: r.id)  # pseudonymous lines in an order that tells nothing
    out += hidden
    if redactor.pseudonymous:  # else every line is made (no pseudonym to speak for an id)
        out = [line for line in out if redactor.is_made(line)]
    out = _not_in_their_name(store, out, request.recipients, held.by_all)
    _count(out, exposure, redactor.stub_ids, redactor.protection.inside)
    notices, withheld = protection_notices(store, guard, held, out, materialised=materialised)
    notices = _not_in_their_name(store, notices, request.recipients, held.by_all)
    exposure.notices, exposure.notices_withheld = len(notices), withheld
    sent = dict(redactor.stubs.sent)
    for wider in redactor.joint:
        sent.update(wider.sent)  # logged as sent to this export's set (_log_export)
    return Built(out, notices, exposure, audit_seq, sent, held)


_ORIGIN = operator.itemgetter(1)  # of a Stamp
_KEPT_FOR_THEM = signatures.SIGNABLE  # verified with their own key: theirs


def _not_in_their_name(store: Store, lines: list[Record], recipients: Sequence[Recipient],
                       holds: Callable[[str], bool]) -> list[Record]:
    """``lines`` (or notices) of a bundle to one official without the values stamped in their
    name that no bundle of theirs brought here (DESIGN §6.5.2: they refuse a whole bundle
    that claims a change they never made). Such a value came from a colleague, honest or
    not: a genuine one they hold, as its maker; a forged one, passed on, would get every
    bundle of this vault refused by them. Required fields stay: a record of theirs relayed
    by colleagues goes back to them with the colleagues' changes, and only its maker's
    stamps say what it is (a record forged whole in their name cannot be told from it:
    field values are not signed). So do signed claims (a deletion, a decision): this vault
    took them only with their own signature, and a claim cut apart would be refused. So does
    protection, unless they hold the record (``holds``: sent to them, or by them): a record
    new to them must not reach them lower than it stands here. A bundle to several carries
    every value: what one of them made, another needs (protection first of all)."""
    theirs = recipients[0].fingerprint if len(recipients) == 1 else None
    if theirs is None or theirs == store.origin:
        return lines
    named = [line for line in lines if theirs in map(_ORIGIN, line.stamps.values())]
    if not named:
        return lines
    received = store.received_many(named)
    changed: dict[str, Record | None] = {}
    for line in named:
        got = received.get(line.id, {})
        stays = _KEPT_FOR_THEM if holds(line.id) else _KEPT_FOR_THEM | protection.RATCHET
        foreign = {f for f, s in line.stamps.items() if f not in line.spec.required
                   and f not in stays and s.origin == theirs
                   and got.get(f, ("", ""))[1] != theirs}
        if foreign:
            rest = replace(line, values={k: v for k, v in line.values.items()
                                         if k not in foreign},
                           stamps={k: v for k, v in line.stamps.items() if k not in foreign})
            changed[line.id] = rest if rest.stamps else None
    if not changed:
        return lines
    return [kept for line in lines if (kept := changed.get(line.id, line)) is not None]


def _erased_actors(store: Store) -> frozenset[str]:
    """The people and organisations erased here: what points to one whose tombstone a
    bundle may not carry stays home with it (``Redactor.erased_actors``)."""
    return frozenset(str(r) for table in protection.ACTOR_TABLES.values()
                     for (r,) in store.conn.execute(
                         f"SELECT id FROM {table} WHERE erased IS NOT NULL"))  # noqa: S608


def _pseudonyms_held(store: Store, recipients: str) -> dict[str, tuple[str, int]]:
    rows = store.conn.execute("SELECT pseudo_id, digest, hlc FROM pseudonym_sent WHERE "
                              "recipients = ?", (recipients,))
    return {str(p): (str(d), int(h)) for p, d, h in rows}


def stubbed_people(store: Store, guard: protection.Protection,
                   logs: Mapping[str, Any]) -> frozenset[str]:
    """The people protected here no longer (lowered, or a raise taken back) whose stub a
    recipient of this export holds — of its own set, or a joint set it was in
    (:func:`_pseudonym_logs`). Asked only of sets that hold pseudonyms (one keyed hash a
    person then)."""
    sets = [s for s in (logs["stubs"], *logs["joint"]) if s.held]
    if not sets:
        return frozenset()
    out = set()
    for (rid,) in store.conn.execute("SELECT id FROM person WHERE erased IS NULL"):
        if rid not in guard.people and any(
                pseudonym_id(s.key, str(rid)) in s.held for s in sets):
            out.add(str(rid))
    return frozenset(out)


def _pseudonym_logs(store: Store, request: ExportRequest, secret: bytes, now: int
                    ) -> dict[str, Any]:
    """The pseudonyms of this export's recipient set (``stubs``), and those of every wider
    set that held all of them (``joint``: a joint bundle to them and others), for the
    :class:`Redactor`.

    A pseudonym is sent to its own set, and its tombstone also to any set within it
    (:meth:`Redactor.joint_tombstones`): what each set was sent is read for the sets this
    export's set is within and the sets within those, to tell the last line each pseudonym
    was sent as (``issued``: its tombstone goes with one stamp to all) and which tombstones
    every recipient here holds already (``told``). Sets are named by age keys (as
    :attr:`ExportRequest.recipient_key`): one who was in a set holds its pseudonyms.

    A recipient who took over the post of one who was in a set (a succession this vault's
    official accepted, :func:`inherited_keys`) holds its pseudonyms too — the handover bundle
    gave them everything — and is owed their tombstones as a member of that set; which
    tombstones they were sent already is read from their own sets' logs only."""
    mine = frozenset(r.age_recipient for r in request.recipients)
    named = {str(k): frozenset(json.loads(k)) for (k,) in store.conn.execute(
        "SELECT DISTINCT recipients FROM bundle_export")}
    heirs = inherited_keys(store, request.recipients)
    sets = {k: members | {heir for heir, before in heirs.items() if members & before}
            for k, members in named.items()}
    wider = sorted(k for k, members in sets.items()
                   if members > mine and k != request.recipient_key)
    reach = [sets[k] for k in wider] + [mine]
    logs = {k: _pseudonyms_held(store, k) for k, members in sets.items()
            if any(members <= w for w in reach)}
    issued: dict[str, tuple[str, int]] = {}
    for log in logs.values():
        for pid, line in log.items():
            if pid not in issued or issued[pid][1] < line[1]:
                issued[pid] = line
    holding = {m: [log for k, log in logs.items() if m in named[k]] for m in mine}

    def told(pid: str) -> bool:
        last = issued[pid]
        return all(any(log.get(pid) == last for log in holding[m]) for m in mine)

    joint = tuple(Pseudonyms(
        pseudonym_key(secret, sorted(named[k])), now, logs[k], issued=issued,
        told={p: issued[p][0] for p in logs[k]
              if issued[p][0] in TOMBSTONE_DIGESTS and told(p)}) for k in wider)
    own = Pseudonyms(pseudonym_key(secret, _recipient_list(request)), now,
                     logs.get(request.recipient_key, {}), issued=issued)
    return {"stubs": own, "joint": joint}


_ORGANISATION_NAMES = ("name", "name_latin", "website")
_PERSON_NAMES = ("name", "name_latin")  # read for more than a namesake
_OWN_NAMES = {Kind.ORGANISATION: _ORGANISATION_NAMES, Kind.PERSON: _PERSON_NAMES}


def _names_her(mentions: Mentions, kind: Kind, value: object) -> bool:
    """Whether an actor's own name field (:data:`_OWN_NAMES`) names a protected person, as
    :func:`actors_naming` reads it."""
    if not isinstance(value, str):
        return False
    if kind is Kind.PERSON:
        return mentions.names_more_than_a_namesake(value)
    return mentions.found_in(value)


_NAMING = {"tie": ("from_id", "to_id"), "support": ("provider_id", "recipient_id"),
           "evaluation": ("subject_id",), "decision": ("a_id", "b_id"),
           "person": ("merged_into",), "organisation": ("merged_into",)}


def known_to(store: Store, guard: protection.Protection, held: Holdings, *,
             text: Mentions | bool | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """The protected people one of an export's recipients holds by real id: her record, or
    any record that names her id (a tie, a support, an evaluation, a decision, an event she
    is on, a record decided "same" as her), or named it when they got it: her pseudonymous
    ties share their open end and kind with what they hold, and
    pin her stub to her. A pseudonym of hers is none to them (``Redactor.is_known``).
    With ``text`` (a ``pseudonymise`` export: the export's mention scan, or True when it
    keeps mentions), also those whom free text of a record they hold names
    (:func:`named_in_text_held`): her stub's ties would name her to them through it.
    Second, apart: those only a colleague's joint bundle says they hold (its manifest names
    them, ``Store.keep_co_held``), which a seized key writes as it likes — no pseudonym goes
    to them either, but her pseudonym's tombstone still does."""
    people = sorted(guard.people)
    out = {p for p in people if held.knows(p)}
    claimed: set[str] = set()
    names = set(held.names) | held.owners  # a bare key's official knows what they know
    for start in range(0, len(people), 500):
        chunk = json.dumps(people[start:start + 500])
        for table, columns in _NAMING.items():
            where = " OR ".join(f"{c} IN (SELECT value FROM json_each(?1))" for c in columns)  # noqa: S608
            for record_id, *ends in store.conn.execute(
                    f"SELECT id, {', '.join(columns)} FROM {table} WHERE {where}",  # noqa: S608
                    (chunk,)):
                if held.knows(str(record_id)):
                    out.update(str(x) for x in ends if x in guard.people)
        for event_id, person_id in store.conn.execute(
                "SELECT event_id, person_id FROM event_participant WHERE person_id IN (SELECT "
                "value FROM json_each(?))", (chunk,)):
            if held.knows(str(event_id)):
                out.add(str(person_id))
        # what named her and is erased (or removed) here since, held by one of them
        for person_id, holder in store.conn.execute(
                "SELECT person_id, holder FROM known_by WHERE person_id IN (SELECT value FROM "
                "json_each(?))", (chunk,)):
            if holder in names:
                out.add(str(person_id))
            elif holder.startswith(CO_HELD) and holder[len(CO_HELD):] in names:
                claimed.add(str(person_id))
    if text:
        out |= named_in_text_held(store, guard, held, guard.people - out,
                                  text if isinstance(text, Mentions) else None)
    return frozenset(out), frozenset(claimed - out)


_HELD_TEXT = {kind: (free_text_fields(kind), _OWN_NAMES.get(kind, ())) for kind in KINDS}


def named_in_text_held(store: Store, guard: protection.Protection, held: Holdings,
                       people: AbstractSet[str], scan: Mentions | None = None
                       ) -> frozenset[str]:
    """The protected people among ``people`` whom free text of a record one of the
    recipients holds names, read as the mention scan reads it (notes, titles, tie notes, an
    organisation's name; any script, spelling, alias: :class:`Mentions`), as it is here or
    as field history kept it (the text sent may be an earlier one). Text sent before she was
    protected went unblanked: her stub, with its ties ("member of" that organisation),
    would be her to them (DESIGN §6.4.4).

    One pass over the text they hold with one scan of all of them (``scan``: the export's,
    when it has one); the few texts it finds are then asked of halves of ``people`` in turn,
    to tell whom they name."""
    ids = sorted(people - guard.deleted)
    holding = set().union(*held.held.values()) | held.also
    if not ids or not holding:
        return frozenset()
    names = _name_lists(store, ids)
    own = None if scan else Mentions(store.indexer, [names[p] for p in sorted(names)])
    first = scan or own
    assert first is not None
    found = [t for t in _held_texts(store, holding) if _text_names(first, t)]
    return frozenset(_whom(store, sorted(names), names, found, own))


_Text = tuple[str, Kind | None, dict[str, Any], tuple[str, ...], tuple[str, ...]]


def _held_texts(store: Store, holding: AbstractSet[str]) -> Iterator[_Text]:
    """The free text (and actors' own names) of the records in ``holding``, now and as field
    history kept it."""
    for kind, (fields, named) in _HELD_TEXT.items():
        if not fields and not named:
            continue
        spec = KINDS[kind]
        read = (*fields, *named)
        columns = ", ".join(f'"{n}"' for n in read)
        for record_id, *cells in store.conn.execute(
                f"SELECT id, {columns} FROM {spec.table} WHERE erased IS NULL"):  # noqa: S608
            if record_id in holding and any(c is not None for c in cells):
                yield (str(record_id), kind, {n: codec.from_column(spec.by_name[n], c) for n, c
                                              in zip(read, cells, strict=True) if c is not None},
                       fields, named)
    every = sorted({n for fields, _ in _HELD_TEXT.values() for n in fields})
    for record_id, name, value in store.conn.execute(
            f"SELECT record_id, field, value FROM field_history WHERE field IN "  # noqa: S608
            f"({','.join('?' * len(every))}) AND value IS NOT NULL", every):
        if record_id in holding:
            yield str(record_id), None, {str(name): json.loads(value)}, (str(name),), ()


def _text_names(mentions: Mentions, text: _Text) -> bool:
    record_id, kind, values, fields, named = text
    return bool(mentions.naming(record_id, values, fields)) or (kind is not None and any(
        _names_her(mentions, kind, values.get(n)) for n in named))


def _whom(store: Store, ids: list[str], names: Mapping[str, list[str]],
          texts: list[_Text], mentions: Mentions | None = None) -> set[str]:
    """Which of ``ids`` the ``texts`` name: those of them that name one (``mentions``: the
    scan of ``ids`` when made already), then halves."""
    if not texts or not ids:
        return set()
    mentions = mentions or Mentions(store.indexer, [names[p] for p in ids])
    texts = [t for t in texts if _text_names(mentions, t)]
    if not texts or len(ids) == 1:
        return set(ids) if texts else set()
    half = len(ids) // 2
    return _whom(store, ids[:half], names, texts) | _whom(store, ids[half:], names, texts)


def sent_to_know(store: Store, guard: protection.Protection, held: Holdings) -> frozenset[str]:
    """The protected people whose real id one of an export's recipients was sent (her record,
    or one they sent us) or a line this vault sent them named as it went (``keep_naming``;
    the lines they sent us are their own knowledge, not what a tombstone of ours pairs
    with: a stub of hers goes to them only when nothing they hold names her). Her pseudonym's
    tombstone, and her ties', would pair with that, and stays home (``Redactor.
    _known_tombstone``). Not :func:`known_to`: a record they hold that names her here only
    since (an edit here, a colleague's bundle re-pointing a tie) told them nothing, and
    counting it would keep her erasure from the stub they hold for good."""
    people = sorted(guard.people)
    out = {p for p in people if held.knows(p)}
    for name in sorted(set(held.names) | held.owners):
        for start in range(0, len(people), 500):
            out.update(str(p) for (p,) in store.conn.execute(
                "SELECT person_id FROM sent_naming WHERE holder = ? AND person_id IN (SELECT "
                "value FROM json_each(?))", (name, json.dumps(people[start:start + 500]))))
    return frozenset(out)


def actors_naming(store: Store, mentions: Mentions | None) -> frozenset[str]:
    """The live actors whose own name names a protected person, or named one erased here
    since. An organisation's name, Latin name or website ("Фонд Марии Кузнецовой",
    free-maria-kuznetsova.org); a person's name or Latin name that names her as more than
    a namesake ("Жена Марии Кузнецовой", "Maria Kuznetsova's husband":
    :meth:`Mentions.names_more_than_a_namesake` — a namesake, another "Мария Кузнецова",
    travels). A name is required and says who the actor is, so the export leaves them out
    rather than blank it (DESIGN §6.4.6, as an event titled with her name), and what points
    to them. The one answer every export asks (bundles, CSV, FtM)."""
    if not mentions:
        return frozenset()
    marked = mentions.marked
    organisations = (str(rid) for rid, *texts in store.conn.execute(
        "SELECT id, name, name_latin, website FROM organisation WHERE erased IS NULL")
        if any(isinstance(t, str) and mentions.found_in(t) for t in texts)
        or not marked.get(str(rid), frozenset()).isdisjoint(_ORGANISATION_NAMES))
    naming = mentions.names_more_than_a_namesake
    people = (str(rid) for rid, name, latin in store.conn.execute(
        "SELECT id, name, name_latin FROM person WHERE erased IS NULL")
        if (isinstance(name, str) and naming(name)) or (isinstance(latin, str) and naming(latin))
        or not marked.get(str(rid), frozenset()).isdisjoint(_PERSON_NAMES))
    return frozenset(itertools.chain(organisations, people))


def mark_mentions(store: Store, names: list[list[str]]) -> int:
    """Keep which fields of this vault name the protected people whose name forms are
    ``names``, as they are erased (DESIGN §6.4.6): erasure takes the names, so the scan
    could no longer find the notes, titles and organisation names that mention them, and
    exports would carry those. Fields whose earlier values (field history) or masked ones
    name them are kept too: a revert or a quarantine may bring such a value back. What is
    kept is the record id and field name only, never a name or the text; exports leave the
    field out as a mention from then on, whatever it later holds. Returns how many fields
    were marked (the store calls this before the erasing transaction commits)."""
    mentions = Mentions(store.indexer, names)
    if not mentions:
        return 0
    marks: set[tuple[str, str]] = set()
    for kind, spec in KINDS.items():
        fields = free_text_fields(kind)
        named = _OWN_NAMES.get(kind, ())
        if not fields and not named:
            continue
        read = (*fields, *named)
        columns = ", ".join(f'"{n}"' for n in read)
        for record_id, *cells in store.conn.execute(  # only the columns read: ~2x faster at 100k
                f"SELECT id, {columns} FROM {spec.table} WHERE erased IS NULL"):  # noqa: S608
            values = {n: codec.from_column(spec.by_name[n], c)
                      for n, c in zip(read, cells, strict=True) if c is not None}
            found = mentions.naming(record_id, values, fields) + [
                n for n in named if _names_her(mentions, kind, values.get(n))]
            marks.update((str(record_id), name) for name in found)
    marks.update(_history_naming(store, mentions))
    store.conn.executemany("INSERT OR IGNORE INTO mention_mark (record_id, field) VALUES (?, ?)",
                           sorted(marks))
    return len(marks)


def _history_naming(store: Store, mentions: Mentions) -> list[tuple[str, str]]:
    """The fields whose earlier values, kept in field history, or values delivered that lost
    here, kept as masked (a quarantine puts those back), name them (an actor's own name read
    as :func:`actors_naming` reads it, once its kind is known)."""
    own = {n for names in _OWN_NAMES.values() for n in names}
    scanned = {kind: set(free_text_fields(kind)) | set(_OWN_NAMES.get(kind, ()))
               for kind in KINDS}
    every = sorted(set().union(*scanned.values()))
    found: set[tuple[str, str]] = set()
    names: dict[tuple[str, str], list[object]] = {}  # own names, read once the kind is known
    marks = ",".join("?" * len(every))
    for record_id, name, value in store.conn.execute(
            f"SELECT record_id, field, value FROM field_history WHERE field IN ({marks}) "  # noqa: S608
            f"AND value IS NOT NULL UNION ALL SELECT record_id, field, value FROM masked_value "
            f"WHERE field IN ({marks})", every * 2):
        key = (str(record_id), str(name))
        if name in own:
            names.setdefault(key, []).append(json.loads(value))
        elif key not in found and mentions.found_in_value(json.loads(value)):
            found.add(key)
    ids = sorted({r for r, _ in found} | {r for r, _ in names})
    kinds: dict[str, Kind] = {}
    for start in range(0, len(ids), 500):  # a bounded number of variables a statement
        kinds.update(store.kinds_of(ids[start:start + 500]))
    found.update(key for key, values in names.items() if key[0] in kinds
                 and any(_names_her(mentions, kinds[key[0]], v) for v in values))
    return [(r, n) for r, n in sorted(found) if r in kinds and n in scanned[kinds[r]]]


def _marked(store: Store) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for record_id, name in store.conn.execute("SELECT record_id, field FROM mention_mark"):
        out.setdefault(str(record_id), set()).add(str(name))
    return {k: frozenset(v) for k, v in out.items()}


def export_mentions(store: Store, guard: protection.Protection, mode: Mode,
                    ceiling: Sensitivity) -> Mentions | None:
    """What an export that keeps no mentions blanks (DESIGN §6.4.6): text naming a protected
    person who does not travel. ``include`` sends protected people but still leaves home
    those given a level above the ceiling (§6.4.5) and those deleted here (a tombstone goes):
    text naming them is blanked all the same (it travelled in clear, though their record
    stayed home); so is text naming one erased here. Asked by bundles, FtM and CSV exports
    alike."""
    if mode is not Mode.INCLUDE:
        return mentions_of(store, guard)
    home = {p for p in guard.people if p in guard.deleted  # a tombstone is all that goes
            or ((own := guard.own.get(p)) is not None and own > ceiling)}
    return mentions_of(store, guard, home)


def mentions_of(store: Store, guard: protection.Protection,
                people: AbstractSet[str] | None = None) -> Mentions | None:
    """The name forms of every protected person (of ``people`` when given), and the fields
    kept as naming one erased here (:func:`mark_mentions`), for the mention scan."""
    marked = _marked(store)
    people = guard.people if people is None else people
    if not people and not marked:
        return None
    return Mentions(store.indexer, _name_lists(store, sorted(people)).values(), marked)


def _name_lists(store: Store, ids: list[str]) -> dict[str, list[str]]:
    """The name forms of each of these people (a former name too), for the mention scan."""
    names: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        former = store.former_names(chunk)  # a rename does not free the text naming her
        for rid, name, latin, aliases in store.conn.execute(
                f"SELECT id, name, name_latin, aliases FROM person WHERE id IN ({marks})",  # noqa: S608
                chunk):
            forms = name_forms({"name": name, "name_latin": latin,
                                "aliases": json.loads(aliases) if aliases else []})
            names[str(rid)] = list(dict.fromkeys(forms + former.get(str(rid), [])))
    return names


# ---- who holds what (DESIGN §6.4.2) ----------------------------------------------------------
@dataclass
class Holdings:
    """The real ids each recipient of one export was sent (or sent us), read once per export.

    ``held`` maps each holder to ``{record id: level << 1 | inside}``: the level and flag it
    holds the record at, packed in one small int (a holder may hold hundreds of thousands).
    """

    held: dict[str, dict[str, int]]
    logged: dict[str, list[str]] = field(default_factory=dict)
    """The names each holder's rows are logged under: its own, and its bare age key (a
    bundle addressed to the key before it was known as an official's)."""

    also: frozenset[str] = frozenset()
    """Real ids an official holds whose age key a bare recipient of this export is, though
    not verified here (their rows are not the holder's: :func:`holder_key`): whoever holds
    the key knows those ids (:meth:`knows`)."""

    owners: frozenset[str] = frozenset()
    """Those officials (``known_to`` asks what else they know by real id)."""

    @classmethod
    def load(cls, store: Store, recipients: Iterable[Recipient]) -> Holdings:
        # one recipient per age key (resolve_recipients): one per holder
        recipients = list(recipients)
        logged = {names[0]: names for names in (logged_names(store, r) for r in recipients)}
        named = {n for names in logged.values() for n in names}
        also: set[str] = set()
        owners: set[str] = set()
        for r in recipients:
            if r.fingerprint is None:
                for (owner,) in store.conn.execute(
                        "SELECT fingerprint FROM official WHERE age_recipient = ?",
                        (r.age_recipient,)):
                    if str(owner) not in named:
                        also.update(_held(store, [str(owner)]))
                        owners.add(str(owner))
        return cls({holder: _held(store, logged[holder]) for holder in sorted(logged)},
                   logged, frozenset(also), frozenset(owners))

    @property
    def holders(self) -> list[str]:
        return list(self.held)

    @property
    def names(self) -> list[str]:
        """Every name the holders' rows are logged under."""
        return [name for names in self.logged.values() for name in names]

    def by_all(self, record_id: str) -> bool:
        """Whether every recipient holds this real id."""
        return all(record_id in mine for mine in self.held.values())

    def by_any(self, record_id: str) -> bool:
        """Whether a recipient holds this real id."""
        return any(record_id in mine for mine in self.held.values())

    def knows(self, record_id: str) -> bool:
        """Whether a recipient knows this real id: holds it, or holds the key of an official
        who does (:attr:`also`)."""
        return record_id in self.also or self.by_any(record_id)

    def of(self, record_id: str) -> list[tuple[int, bool]]:
        """The (level, inside) at which each recipient that holds the record holds it."""
        return [(packed >> 1, bool(packed & 1)) for mine in self.held.values()
                if (packed := mine.get(record_id)) is not None]


def holder_key(store: Store, recipient: Recipient) -> str:
    """How the sent-record log names a recipient: by the official's fingerprint, also when
    addressed by a bare age key that is the key of one verified official here (whoever holds
    the key holds what was sent to it); else by the bare key (``age:…``)."""
    if recipient.fingerprint is not None:
        return recipient.fingerprint
    owners = store.conn.execute(
        "SELECT fingerprint FROM official WHERE age_recipient = ? AND trust = ? LIMIT 2",
        (recipient.age_recipient, VERIFIED)).fetchall()
    return str(owners[0][0]) if len(owners) == 1 else "age:" + recipient.age_recipient


def logged_names(store: Store, recipient: Recipient) -> list[str]:
    """The names a recipient's rows are logged under: its own (:func:`holder_key`) first,
    then its bare age key (a bundle addressed to the key before it was known as an
    official's)."""
    holder = holder_key(store, recipient)
    return list(dict.fromkeys((holder, "age:" + recipient.age_recipient)))


def hand_over_holdings(store: Store, predecessor: Recipient, successor: str) -> None:
    """The successor of an official holds what the predecessor held, at the levels held (the
    handover sent them everything), so that a raised protection reaches the successor; inside
    the caller's transaction."""
    names = logged_names(store, predecessor)
    store.conn.execute(
        "INSERT INTO holding (holder, record_id, kind, level, inside) SELECT ?, record_id, "
        "kind, max(level), max(inside) FROM sent_record WHERE recipient IN (?, ?) "
        "GROUP BY record_id ORDER BY record_id "
        "ON CONFLICT (holder, record_id) DO UPDATE SET level = max(level, excluded.level), "
        "inside = max(inside, excluded.inside)",
        (holder_number(store, successor), names[0], names[-1]))
    store.conn.execute(
        "INSERT OR IGNORE INTO sent_naming (holder, person_id) SELECT DISTINCT ?, person_id "
        "FROM sent_naming WHERE holder IN (?, ?) ORDER BY person_id",
        (successor, names[0], names[-1]))
    # and who the predecessor knew by real id beyond what was sent them (known_to): what
    # they held of records erased since, what a joint bundle named them beside this vault
    for prefix in ("", CO_HELD):
        store.conn.execute(
            "INSERT OR IGNORE INTO known_by (person_id, holder) SELECT DISTINCT person_id, ? "
            "FROM known_by WHERE holder IN (?, ?) ORDER BY person_id",
            (prefix + successor, prefix + names[0], prefix + names[-1]))


def inherited_keys(store: Store, recipients: Iterable[Recipient]) -> dict[str, frozenset[str]]:
    """The age keys of the officials whose post each of ``recipients`` took over, by
    successions this vault's official accepted (``trust.successions``), along a chain of them
    too; keyed by the recipient's age key, only for those who took one over.

    Only a recipient named by fingerprint — the successor the statement names and this
    vault's official accepted — takes anything over: never a bare age key, nor an official
    whose card merely gives the same age key."""
    before: dict[str, set[str]] = {}
    for predecessor, successor in successions(store):
        before.setdefault(successor, set()).add(predecessor)
    out: dict[str, frozenset[str]] = {}
    for recipient in recipients:
        if recipient.fingerprint is None or recipient.fingerprint not in before:
            continue
        found: set[str] = set()
        todo = [recipient.fingerprint]
        while todo:
            for predecessor in before.get(todo.pop(), ()):
                if predecessor not in found and predecessor != recipient.fingerprint:
                    found.add(predecessor)
                    todo.append(predecessor)
        keys = {str(k) for (k,) in store.conn.execute(
            "SELECT age_recipient FROM official WHERE fingerprint IN (SELECT value FROM "
            "json_each(?))", (json.dumps(sorted(found)),))}
        out[recipient.age_recipient] = frozenset(keys - {recipient.age_recipient})
    return out


def _held(store: Store, names: list[str]) -> dict[str, int]:
    """What one holder holds, from the rows logged under each of its names (the highest)."""
    mine: dict[str, int] = {}
    for name in names:
        rows = store.conn.execute("SELECT record_id, level * 2 + (inside != 0) FROM "
                                  "sent_record WHERE recipient = ?", (name,))
        if not mine:  # most often the only name with rows: read as it is
            mine = dict(rows)
            continue
        for rid, packed in rows:
            held = mine.get(rid, packed)
            mine[rid] = max(held >> 1, packed >> 1) << 1 | (held | packed) & 1
    return mine


def protection_notices(store: Store, guard: protection.Protection, holdings: Holdings,
                       lines: list[Record], *, materialised: bool = False
                       ) -> tuple[list[Record], int]:
    """Notices for records the recipients hold at a lower protection than this vault does now.

    A notice goes only where every recipient of the bundle holds the record (a notice names
    a real id); the records some but not all of them hold are counted as withheld, to be
    sent in a bundle of their own. Records this bundle carries whole tell their level
    themselves, unless it is still lower than the rule's (a "same" group, a tie).
    """
    holders = holdings.holders
    candidates = _raised_candidates(store, guard, holdings.names, materialised=materialised)
    wanted = {record.id for record, _, _ in candidates}
    carried = {r.id: r for r in lines if r.id in wanted and r.values and "sensitivity" in r.values}
    out: list[Record] = []
    withheld = 0
    for record, level, inside in candidates:
        held = holdings.of(record.id)
        line = carried.get(record.id)
        if line is not None:  # what this bundle carries, every recipient will hold
            sent = (protection.rank("sensitivity", line.values.get("sensitivity")),
                    bool(line.values.get("inside_russia")))
            held = [(max(h, sent[0]), i or sent[1]) for h, i in held] + \
                [sent] * (len(holders) - len(held))
        if len(held) < len(holders):
            if held:
                withheld += 1
            continue
        if all(h_level >= level and (h_inside or not inside) for h_level, h_inside in held):
            continue
        out.append(_notice(record, level, inside))
    for notice, level, inside in _relayed_notices(store, holdings.names):  # passed on whole
        held = holdings.of(notice.id)
        if len(held) < len(holders):
            withheld += 1
        elif any(h_level < level or (inside and not h_inside) for h_level, h_inside in held):
            out.append(notice)
    return out, withheld


def _raised_test(kind: Kind) -> str:
    """Whether the record ``s`` names is live here and stored above what ``s`` holds
    (deleted ones too: the holder's copy lives)."""
    flag = " OR coalesce(t.inside_russia, 0) > s.inside" if kind is Kind.PERSON else ""
    return (f"WHEN '{kind.value}' THEN EXISTS (SELECT 1 FROM {KINDS[kind].table} AS t WHERE "  # noqa: S608
            f"t.id = s.record_id AND t.erased IS NULL AND (coalesce(t.sensitivity, 1) > "
            f"s.level{flag}))")


# One pass over a holder's rows, each compared with its own kind's table (a join per kind
# would pass over all of them once per kind).
_RAISED_SQL = (
    "SELECT s.record_id, s.kind FROM sent_record AS s WHERE s.recipient = ? AND CASE s.kind "  # noqa: S608
    + " ".join(_raised_test(k) for k in KINDS) + " ELSE 0 END")


def _raised_candidates(store: Store, guard: protection.Protection, names: list[str], *,
                       materialised: bool = False) -> list[tuple[Record, Sensitivity, bool]]:
    """Records a recipient holds (under any of the ``names`` its rows are logged under) at a
    lower level or flag than this vault's now.

    Protection is made each record's own before an export (:func:`materialise`), so the
    stored columns tell, compared in SQL with what the recipient holds; what the rule would
    still raise (a preview runs before that: not ``materialised``) is added from the rule.
    """
    ids: dict[str, Kind | None] = {}
    erased: set[tuple[str, Kind, Sensitivity, bool]] = set()
    for name in names:  # held by each: a notice, or counted as withheld
        for rid, kind in store.conn.execute(_RAISED_SQL, (name,)):
            ids[str(rid)] = Kind(kind)
        erased.update((str(r), Kind(k), Sensitivity(int(lv)), bool(i)) for r, k, lv, i in
                      store.conn.execute(
                          "SELECT e.record_id, s.kind, e.level, e.inside FROM sent_record AS s "
                          "JOIN erased_protection AS e ON e.record_id = s.record_id WHERE "
                          "s.recipient = ? AND (e.level > s.level OR e.inside > s.inside)",
                          (name,)))
    for rid in guard.raised:
        ids.setdefault(rid, None)
    # materialise raised every such tie in the store: the query above found those held lower
    for rid in [] if materialised else _ties_to_raise(store, guard.people, deleted=False):
        ids[rid] = Kind.TIE
    out = []
    for rid, maybe in sorted(ids.items()):
        record = store.get(rid, maybe)
        if record is None or record.erased is not None:  # pragma: no cover
            # every id above was read from a live row of its own table a moment before
            continue
        level = guard.record_level(record)
        out.append((record, level, record.kind is Kind.PERSON and record.id in guard.inside))
    for rid, kind, level, inside in sorted(erased):  # erased here since: its stamp tells
        record = store.get(rid, kind)
        # a row of erased_protection is kept only for a record erased here (remove drops it)
        if record is not None and record.erased is not None:  # pragma: no branch
            stamp = record.erased
            out.append((Record(rid, kind, {}, {"sensitivity": stamp, "inside_russia": stamp}),
                        level, inside and kind is Kind.PERSON))
    return out


def _absent(kind: Kind) -> str:
    return (f"WHEN '{kind.value}' THEN NOT EXISTS (SELECT 1 FROM {KINDS[kind].table} AS t "  # noqa: S608
            "WHERE t.id = n.record_id)")


# Held notices (protection raised for a record not held here) about records a recipient holds
# from this vault: sent before, then taken out (a quarantine of who relayed it first)
_HELD_SQL = (
    "SELECT n.record_id, n.kind, n.line, s.level, s.inside FROM held_notice AS n "  # noqa: S608
    "JOIN sent_record AS s ON s.record_id = n.record_id AND s.kind = n.kind "
    "WHERE s.recipient = ? AND n.discarded_by IS NULL AND CASE n.kind "
    + " ".join(_absent(k) for k in KINDS) + " ELSE 0 END ORDER BY n.record_id, n.id")


def _relayed_notices(store: Store, names: list[str]) -> list[tuple[Record, Sensitivity, bool]]:
    """Raises held here for records a recipient got from this vault that this vault no longer
    holds (DESIGN §6.4.2: a notice is passed on to whoever the record was sent to): each
    record's held notices as one — only the fields they carry, with the stamps they came
    with — when they raise it above what the recipient holds. A record still held here is not
    among them: its own row tells (the held notices were merged into it when it arrived)."""
    best: dict[str, tuple[Record, Sensitivity, bool]] = {}
    for name in names:
        for rid, _kind, line, held_level, held_inside in store.conn.execute(_HELD_SQL, (name,)):
            notice = wire.notice_from_line(json.loads(line), 0, now_hlc=MAX_HLC)
            level = Sensitivity(protection.rank("sensitivity", notice.values["sensitivity"])) \
                if "sensitivity" in notice.values else Sensitivity(int(held_level))
            inside = notice.kind is Kind.PERSON and bool(notice.values.get("inside_russia"))
            if level <= int(held_level) and (held_inside or not inside):
                continue  # the recipient holds it as high
            known = best.get(str(rid))
            if known is not None:
                notice = _joined(known[0], notice)
                level, inside = max(level, known[1]), inside or known[2]
            best[str(rid)] = (notice, level, inside)
    return [best[rid] for rid in sorted(best)]


def _joined(known: Record, other: Record) -> Record:
    """Two notices about one record as one: each field at its highest value, of two equal
    ones the later stamp."""
    values, stamps = dict(known.values), dict(known.stamps)
    for name, stamp in other.stamps.items():
        mine = stamps.get(name)
        theirs = (protection.rank(name, other.values.get(name)), stamp)
        if mine is None or theirs > (protection.rank(name, values.get(name)), mine):
            values[name], stamps[name] = other.values.get(name), stamp
    return Record(known.id, known.kind, values, stamps)


def materialise(store: Store, *, coming: Mapping[str, protection.Coming] | None = None,
                moved_off: bool = True) -> protection.Protection:
    """Make the protection the rule derives (a "same" group's level, a tie touching a
    protected person, the level of what a bundle moved a record off) each record's own, as
    local edits, before anything leaves.

    What travels — record lines and protection notices — then only ever carries values with
    the stamps that made them, so no vault is credited with a value it never set.
    Returns the rule's answer, which raising records to it does not change.
    ``coming``: lines an import writes after this (``Protection.load``): a group's level
    counts what they raise, and an actor not held yet is not written. ``moved_off``: False
    inside an import's parts, where records moved off an actor are raised once, at the
    import's end (:func:`keep_moved_off`), whatever the size of the parts.
    """
    guard = protection.Protection.load(store.conn, coming=coming, moved=moved_off)
    pending: list[tuple[Record, dict[str, Any]]] = []
    for rid in sorted(guard.raised):
        record = store.get(rid)
        if record is not None and record.erased is None:  # not: an actor still to come
            pending.append((record, _raise_to(record, guard.level[rid], rid in guard.inside,
                                              coming.get(rid) if coming else None)))
    for tie_id in _ties_to_raise(store, guard.people, deleted=True):
        tie = store.get(tie_id, Kind.TIE)
        if tie is not None:  # pragma: no branch - read from the tie table just now
            pending.append((tie, {"sensitivity": Sensitivity.PROTECTED.label}))
    if moved_off:
        tied = {r.id for r, _ in pending if r.kind is Kind.TIE}  # raised to protected already
        pending += _moved_off(store, {i: v for i, v in guard.formerly.items() if i not in tied})
    pending = [(r, c) for r, c in pending if c]
    if pending:
        with store.write():
            _protect(store, pending)
        guard.raised.clear()
    return guard


def keep_moved_off(store: Store) -> None:
    """Raise every record a bundle moved off an actor to the level it keeps
    (``protection.moved_off_levels``), as this vault's own protecting change: at the end of an
    import, which may have moved one, or protected what one was moved off before. Only the
    actors moved off are read, not the vault's."""
    pending = _moved_off(store, protection.moved_off_levels(store.conn))
    if pending:
        _protect(store, pending)


def _moved_off(store: Store, levels: Mapping[str, Sensitivity]
               ) -> list[tuple[Record, dict[str, Any]]]:
    """The records a bundle moved off actors, each with the change that raises it to the
    level it keeps (``levels``: above its own)."""
    out: list[tuple[Record, dict[str, Any]]] = []
    for rid, level in sorted(levels.items()):
        record = store.get(rid)
        if record is not None and level > record.sensitivity:  # pragma: no branch - read now
            out.append((record, {"sensitivity": level.label}))
    return out


def _protect(store: Store, pending: list[tuple[Record, dict[str, Any]]]) -> None:
    """Write what the rule raises; a tie, or a person, keeps the level its official gave it
    (``include`` lifts the rule's raise, not that level)."""
    for record, changes in pending:
        store.keep_own_level_of(record, changes)
        store.update(record, changes, action="protect", by_rule=True)


def splits_groups(incoming: Iterable[Record]) -> bool:
    """Whether merging ``incoming`` could take a person or organisation out of its "same"
    group — an erasure, or a ``merged_into`` link set or cleared. Before such a merge, the
    importer and the held-erasure acceptance make the protection the group rule derives each
    record's own (:func:`materialise`), so that the merge cannot leave a member of a
    protected group unprotected (DESIGN §6.4.1, §6.4.3): held as its own, the protection
    then only ratchets, and no import lowers it."""
    return any(r.kind in protection.ACTOR_TABLES and (r.erased is not None or "merged_into" in
                                                      r.stamps) for r in incoming)


def _ties_to_raise(store: Store, people: Iterable[str], *, deleted: bool) -> list[str]:
    """The live ties below protected that touch one of ``people`` (``deleted``: deleted ones
    too): person by person in id order, the ties from them, then those to them, each in
    table order; a tie between two of them comes twice. The order one query per person
    gave, found with one query per 500 people (a vault may protect thousands)."""
    order = sorted(people)
    found: dict[str, list[tuple[int, int, str]]] = {}
    live = "" if deleted else " AND coalesce(deleted, 0) = 0"
    for start in range(0, len(order), 500):
        chunk = order[start:start + 500]
        members = set(chunk)
        marks = ",".join("?" * len(chunk))
        for rowid, tie_id, a, b in store.conn.execute(
                f"SELECT rowid, id, from_id, to_id FROM tie WHERE (from_id IN ({marks}) OR "  # noqa: S608
                f"to_id IN ({marks})) AND erased IS NULL{live} AND coalesce(sensitivity, 1) < ?",
                (*chunk, *chunk, int(Sensitivity.PROTECTED))):
            if a in members:
                found.setdefault(a, []).append((0, rowid, str(tie_id)))
            if b in members and b != a:
                found.setdefault(b, []).append((1, rowid, str(tie_id)))
    return [tie_id for person in order for _, _, tie_id in sorted(found.get(person, ()))]


def _raise_to(record: Record, level: Sensitivity, inside: bool,
              coming: protection.Coming | None = None) -> dict[str, Any]:
    """The fields to raise ``record`` to ``level`` and ``inside``; not those a line still to
    come raises as high (``coming``): that line sets them, under its own stamp, as in the
    whole bundle, where it is merged before the groups are made their members' own."""
    mine = record.sensitivity if coming is None or coming.level is None \
        else max(record.sensitivity, coming.level)
    flagged = record.values.get("inside_russia") or (coming is not None and coming.inside)
    changes: dict[str, Any] = {}
    if level > mine:
        changes["sensitivity"] = level.label
    if inside and record.kind is Kind.PERSON and not flagged:
        changes["inside_russia"] = True
    return changes


def _notice(record: Record, level: Sensitivity, inside: bool) -> Record:
    """The notice of ``record``'s raised protection: its own stamps for the fields it raises."""
    fallback = max(record.stamps.values(), default=Stamp(1, "-"))
    values: dict[str, Any] = {"sensitivity": level.label}
    stamps = {"sensitivity": record.stamps.get("sensitivity", fallback)}
    if record.kind is Kind.PERSON and inside:
        values["inside_russia"] = True
        stamps["inside_russia"] = record.stamps.get("inside_russia", fallback)
    return Record(record.id, record.kind, values, stamps)


_SKETCH = frozenset({"sensitivity", "deleted", "from_id", "to_id", "provider_id",
                     "recipient_id", "subject_id", "a_id", "b_id"})


def _as_read(value: Any) -> Any:
    return value


def read_records(store: Store, kind: Kind, skip: Callable[[Record], bool] | None = None
                 ) -> Iterator[tuple[Record, bool]]:
    """Every record of ``kind`` in id order: ``Store.iter_records`` with per-column
    conversion decided once per kind, since an export reads every row of the vault.

    ``skip`` sees a live row first as a sketch (level, deleted flag, references; no stamps):
    when it says so, the row is passed over without being decoded. Each record comes with
    whether ``skip`` saw exactly its values (every sketched column is a stamped field) and
    kept it, so the caller need not ask again.
    """
    spec = KINDS[kind]
    column = {f.name: i + 1 for i, f in enumerate(spec.fields)}
    readers = {f.name: codec.column_reader(f) for f in spec.fields}  # the store's conversion
    converted = [(n, column[n], r) for n, r in readers.items() if r is not None]
    sketch = [(n, column[n], r or _as_read) for n, r in readers.items() if n in _SKETCH]
    cols = ", ".join(["id", *(f'"{f.name}"' for f in spec.fields), "stamps", "erased"])
    cur = store.conn.execute(f"SELECT {cols} FROM {spec.table} ORDER BY id")  # noqa: S608
    while rows := cur.fetchmany(_BATCH):
        for row in rows:
            seen: dict[str, Any] | None = None
            if skip is not None and row[-1] is None:
                seen = {n: c(row[i]) for n, i, c in sketch if row[i] is not None}
                if skip(Record(row[0], kind, seen)):
                    continue
            stamps = decode_stamps(row[-2])
            values = {name: row[column[name]] for name in stamps}
            for name, i, convert in converted:
                if name in values:
                    values[name] = convert(row[i])
            erased = Stamp(*json.loads(row[-1])) if row[-1] else None
            yield (Record(row[0], kind, values, stamps, erased),
                   seen is not None and seen.keys() <= stamps.keys())


def _recipient_list(request: ExportRequest) -> list[str]:
    return [r.age_recipient for r in request.recipients]


def _kinds(scope: Scope) -> list[Kind]:
    return [k for k in KINDS if scope.kinds is None or k in scope.kinds]


def _in_scope(record: Record, scope: Scope, changed: set[str] | None) -> bool:
    if scope.ids is not None and record.id not in scope.ids:
        return False
    return changed is None or record.id in changed


_SENSITIVE_FIELDS = frozenset(f.name for f in KINDS[Kind.PERSON].fields if f.floor >= SENSITIVE)
_KIND_VALUES = {k: k.value for k in Kind}


def _count(records: list[Record], exposure: Exposure, stubs: set[str],
           inside: AbstractSet[str]) -> None:
    """Count what ``records`` reveal into ``exposure`` (records by kind, people, flags,
    sensitive fields, pseudonyms). A person inside Russia by her "same" group counts as the
    export writes her (``materialise`` makes the group's flag hers first): the preview, which
    reads her before that, counts her too."""
    counts, fields = exposure.records, exposure.sensitive_fields
    for record in records:
        kind = _KIND_VALUES[record.kind]
        counts[kind] = counts.get(kind, 0) + 1
        if record.kind is not Kind.PERSON or record.erased is not None or record.deleted:
            continue
        if record.id in stubs:
            exposure.pseudonyms += 1
            continue
        exposure.people += 1
        values = record.values
        if values.get("inside_russia") or record.id in inside:
            exposure.people_inside_russia += 1
        if _SENSITIVE_FIELDS.isdisjoint(values):
            continue
        for name, value in values.items():
            if name in _SENSITIVE_FIELDS and value not in (None, [], ""):
                fields[name] = fields.get(name, 0) + 1


def _add_missing_stubs(store: Store, redactor: Redactor, done: set[str],
                       out: list[Record]) -> None:
    """Stubs for protected people reached by a pseudonymised tie but not read (since-last)."""
    for person_id in sorted(redactor.stubs_needed - done):
        person = store.get(person_id, Kind.PERSON)
        if person is not None and person.erased is None and not person.deleted:
            out.append(redactor.stub(person))


def _add_joint_tombstones(store: Store, redactor: Redactor, kinds: list[Kind],
                          out: list[Record]) -> None:
    """The tombstones the recipients are owed of pseudonyms a wider set was sent
    (:meth:`Redactor.joint_tombstones`), whatever the scope's selection or since-last (an
    erasure made before the last bundle to them may not be in it): of the erased or deleted
    people and ties of the scope's kinds that one of those pseudonyms stands for."""
    if not redactor.joint:
        return
    for kind in (k for k in (Kind.PERSON, Kind.TIE) if k in kinds):
        for (record_id,) in store.conn.execute(
                f"SELECT id FROM {KINDS[kind].table} WHERE erased IS NOT NULL OR "  # noqa: S608
                "coalesce(deleted, 0) != 0 ORDER BY id").fetchall():
            if any(pseudonym_id(j.key, record_id) in j.held for j in redactor.joint):
                record = store.get(str(record_id), kind)
                assert record is not None  # read from its table just now
                out.extend(redactor.joint_tombstones(record))


def _audit_head(store: Store) -> int:
    row = store.conn.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchone()
    return int(row[0])


def _changed_since_last(store: Store, request: ExportRequest) -> set[str] | None:
    row = store.conn.execute(
        "SELECT settings FROM bundle_export WHERE recipients = ? ORDER BY high_hlc DESC, "
        "rowid DESC LIMIT 1", (request.recipient_key,)).fetchone()
    if row is None:
        return None
    since = int(json.loads(row[0]).get("audit_seq", 0))
    cur = store.conn.execute("SELECT DISTINCT record_id FROM audit WHERE seq > ? AND "
                             "record_id IS NOT NULL", (since,))
    return {str(r[0]) for r in cur} | _created_since(store, since)


def _created_since(store: Store, seq: int) -> set[str]:
    """The records imports created after audit entry ``seq``: an import is one audit entry,
    and the ids it created are its rows of ``import_created``."""
    return {str(r[0]) for r in store.conn.execute(
        "SELECT record_id FROM import_created WHERE import_id IN (SELECT record_id FROM audit "
        "WHERE seq > ? AND action = 'import')", (seq,))}


# ---- preview and export ------------------------------------------------------------------------
def preview(store: Store, request: ExportRequest, job: Job) -> Exposure:
    """The exposure preview: nothing is written (not even the pseudonym secret)."""
    return build(store, request, vault_secret(store, create=False), job).exposure


def export(store: Store, keys: OfficialKeys, sender_name: str, request: ExportRequest, *,
           path: Path, job: Job, shares: Sequence[tuple[str, bytes]] = (),
           handover: Callable[[], list[dict[str, Any]]] | None = None,
           check: Callable[[], None] | None = None) -> ExportResult:
    """Build, encrypt, sign and write the bundle atomically; then log it for since-last.

    ``shares``: (custodian, share file) of this vault's recovery set for recipients who
    hold one (:func:`registry.sync.wire.share_line`): only that custodian can open theirs.
    ``handover`` makes, in the same transaction, the lines that hand who holds what to this
    vault's successor (:func:`registry.sync.inherit.lines`).
    ``check`` (who may receive it) is asked in the same transaction as the reading."""
    # checked, raised, read and stamped in one transaction: another window's commit in between
    # (a revocation, an erasure, a raise) could otherwise be missed or written over
    with store.write():
        if check is not None:
            check()
        guard = materialise(store)
        secret = vault_secret(store, create=True)
        now = store.clock.tick()
        built = build(store, request, secret, job, now=now, guard=guard)
        handed = handover() if handover is not None else []
    signer = signatures.Signer(store, keys)
    built.records, sigs = signer.lines(built.records, lambda rid: rid in built.pseudonyms)
    bundle_id = str(uuid.uuid4())
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    header = _header(bundle_id, keys, created, built, request, shares=len(shares),
                     handover=len(handed))
    job.tick("encrypting", len(built.records), len(built.records))
    # made as they are written: each line is encoded and let go while still in the cache.
    # The protection notices come first: the recipient merges a bundle a part at a time, and
    # a raise must be there before a line that erases its record takes it out of a "same"
    # group (the whole-bundle merge applies every raise first, see importer._raise_first)
    lines = itertools.chain(
        (wire.notice_line(n.id, n.kind, n.values, n.stamps) for n in built.notices),
        (wire.to_line(r, sigs.get(r.id)) for r in built.records),
        (wire.share_line(to, data) for to, data in shares), handed)
    plain = payload.encode(header, lines)
    container.write_bundle(Path(path), sender_keys=keys, sender_name=sender_name,
                           recipients=list(request.recipients), payload_plain=plain,
                           bundle_id=bundle_id, created_at=created)
    _log_export(store, bundle_id, request, created, built)
    if signer.fresh:  # the next export sends the same signatures without signing again
        with store.write():
            signatures.keep(store, signer.fresh)
    return ExportResult(Path(path), bundle_id, built.exposure, request.settings())


def _header(bundle_id: str, keys: OfficialKeys, created: dt.datetime, built: Built,
            request: ExportRequest, *, shares: int = 0, handover: int = 0) -> dict[str, Any]:
    counts = Counter(r.kind for r in built.records)
    return {"format": PAYLOAD_FORMAT, "bundle_id": bundle_id,
            "sender": keys.public().fingerprint,
            "created_at": container.format_time(created),
            "counts": {**{k.value: counts.get(k, 0) for k in KINDS},
                       NOTICE_COUNT: len(built.notices),
                       **({SHARE_COUNT: shares} if shares else {}),
                       **({HANDOVER_COUNT: handover} if handover else {})},
            "settings": request.settings()}


def _log_export(store: Store, bundle_id: str, request: ExportRequest, created: dt.datetime,
                built: Built) -> None:
    """Remember the bundle for since-last, and which real ids each recipient now holds."""
    settings = {**request.settings(), "audit_seq": built.audit_seq}
    if request.notices_only and not built.pseudonyms:
        return
    with store.write():
        store.conn.execute(
            "INSERT INTO bundle_export (bundle_id, recipients, created_at, high_hlc, settings,"
            " counts) VALUES (?, ?, ?, ?, ?, ?)",
            (bundle_id, request.recipient_key, container.format_time(created),
             store.clock.last, json.dumps(settings), json.dumps(built.exposure.records)))
        assert built.holdings is not None  # build read them
        record_holdings(store, built.holdings.holders, built.records, held=built.holdings)
        # the real open ends of the pseudonymous ties sent: the recipients know those ids, and
        # a pseudonym of one, were she protected later, would pair with it (known_to)
        ends = sorted({str(end) for r in built.records if r.kind is Kind.TIE
                       and r.id in built.pseudonyms
                       for end in (r.values.get("from_id"), r.values.get("to_id"))
                       if end and end not in built.pseudonyms}) if built.pseudonyms else []
        store.conn.executemany(
            "INSERT OR IGNORE INTO known_by (person_id, holder) VALUES (?, ?)",
            [(end, holder) for holder in built.holdings.holders for end in ends])
        store.conn.executemany(
            "INSERT OR REPLACE INTO pseudonym_sent (recipients, pseudo_id, kind, digest, hlc) "
            "VALUES (?, ?, ?, ?, ?)", [(request.recipient_key, pid, kind, digest, hlc)
                                       for pid, (kind, digest, hlc) in built.pseudonyms.items()])


def record_holdings(store: Store, holders: list[str], records: Iterable[Record], *,
                    held: Holdings | None = None, naming: bool = True) -> None:
    """Keep that ``holders`` hold these records (by real id), at the level they carry, and
    (``naming``: lines this vault sends) the ids those lines name (:func:`keep_naming`).

    ``held``: what they held before (read by this export); a record a holder already holds
    as high is not written again (the statement would leave its row as it is).
    """
    ranks, rank = protection.LEVEL_RANKS, protection.rank
    records = list(records)  # read twice: the holdings, then what the lines name
    rows = []
    for r in records:  # an export's every line: rank() inlined for a stored label
        values = r.values
        # a line gives its holder the record, not only a tombstone of it, when it says no
        # level holds it at the default (rank), as this vault does, and is told when it
        # becomes protected (a line without ``sensitivity`` is valid)
        if r.erased is None and ("sensitivity" in values or not values.keys() <= _DELETED):
            label = values.get("sensitivity")
            level = ranks[label] if isinstance(label, str) and label in ranks \
                else rank("sensitivity", label)
            rows.append((r.id, _KIND_VALUES[r.kind], level,
                         1 if values.get("inside_russia") else 0))
    if naming:
        keep_naming(store, holders, records, {row[0] for row in rows}, held)
    for holder in holders:
        mine = held.held.get(holder) if held is not None else None
        todo = rows if not mine else [
            row for row in rows if (packed := mine.get(row[0])) is None
            or packed >> 1 < row[2] or packed & 1 < row[3]]
        if not todo:
            continue
        number = holder_number(store, holder)
        store.conn.executemany(
            "INSERT INTO holding (holder, record_id, kind, level, inside) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (holder, record_id) DO UPDATE SET level = max(level, excluded.level), "
            "inside = max(inside, excluded.inside) "
            "WHERE excluded.level > level OR excluded.inside > inside",  # else: no page written
            [(number, rid, kind, level, inside) for rid, kind, level, inside in sorted(todo)])


def held_by(store: Store, holder: str, records: Sequence[Record]) -> Holdings:
    """What ``holder`` holds of ``records`` (its rows under its own name): what
    :func:`record_holdings` compares with, for an import a part at a time (a re-import then
    writes nothing, as the statement would not)."""
    row = store.conn.execute("SELECT id FROM holder WHERE fingerprint = ?", (holder,)).fetchone()
    mine: dict[str, int] = {} if row is None else dict(store.conn.execute(
        "SELECT record_id, level * 2 + (inside != 0) FROM holding WHERE holder = ? AND "
        "record_id IN (SELECT value FROM json_each(?))",
        (row[0], json.dumps([r.id for r in records]))))
    return Holdings({holder: mine})


def keep_naming(store: Store, holders: list[str], records: list[Record],
                carried: AbstractSet[str], held: Holdings | None = None) -> None:
    """Keep the real ids these lines name as they go (``named_ids``: a tie's ends, an event's
    participants…), as known to ``holders`` (``sent_naming``): what :func:`sent_to_know`
    reads for a pseudonym's tombstone — what they were sent, not what their copy names here
    later. Not the ids of records they hold (these lines' own, ``carried``, or ``held``
    before): holding them tells that already (``Holdings.knows``). One statement a holder."""
    named = named_ids_of(records).difference(carried)
    for holder in holders if named else ():
        mine = held.held.get(holder) if held is not None else None
        todo = sorted(named.difference(mine) if mine else named)
        if todo:
            store.conn.execute("INSERT OR IGNORE INTO sent_naming (holder, person_id) SELECT "
                               "?, value FROM json_each(?)", (holder, json.dumps(todo)))


_DELETED = frozenset({"deleted"})


def holder_number(store: Store, fingerprint: str) -> int:
    """The number ``holding`` rows give ``fingerprint`` (schema v12), made on first use."""
    store.conn.execute("INSERT OR IGNORE INTO holder (fingerprint) VALUES (?)", (fingerprint,))
    row = store.conn.execute("SELECT id FROM holder WHERE fingerprint = ?",
                             (fingerprint,)).fetchone()
    return int(row[0])
