"""Quarantine (DESIGN §6.5.9): revoke an official and undo what their bundles set since a date.

``registry trust revoke FP --revert-since DATE`` revokes the official and, in the same
transaction, puts back every value that an import of a bundle signed by them (imported on or
after DATE, this vault's own clock: a sender cannot backdate it) brought and that still stands.
The aim is the vault this one would be had it never imported those bundles; its digest is then
the digest of such a vault. The rules:

* **A value they sent goes back to the value it replaced, with that value's own stamp**, taken
  from field history (and further back while that one came from them too). A field that had no
  value before theirs is unset. Nothing is written as a new edit: the restored stamps are the
  old ones, so the revert is this vault's own and does not travel (colleagues this vault passed
  their values on to must quarantine too: the report names them).
* **A value changed since** — by a bundle from someone else or by an edit here — stays: it is
  not theirs any more. (Their value may still lie beneath it in field history; that is history.)
* **A record their bundles created goes** (no row, no tombstone, no history) when nothing else
  touched it since — unless another sender's bundle delivered it whole too, each of its
  values losing to theirs (kept as masked, below): that copy alone would have made it, so
  the record goes back to it, as any record they changed does. One that another sender's
  bundle or an edit here changed since, or that a record staying here points to (a tie, a
  support, an event, a decision, ``merged_into``), stays and is listed for review: someone
  took it up. What others delivered of it that lost to theirs goes back (below); it keeps
  their values that have nothing to go back to — a name it needs, her flag (she may be
  real: the official took her up), an organisation's type a support of the official's
  needs — but their deletion: one they sent before an honest copy arrived would keep that
  copy deleted for good. What a rule of this vault changed since — a group's level made
  its members' own (``exporter.materialise``), a tie raised at a flag, an erased person
  taken off an event — is no one taking it up; a field the official set stays hers.
* **Protection is reverted too.** Raises of ``sensitivity``/``inside_russia`` by their bundles
  go back like any other value, though protection otherwise only ratchets up through sharing:
  the sender is presumed hostile (raising everyone to protected is a way to blind a network),
  and the digest must match. One exception: a raise stamped by another official this vault
  trusts (or by this vault) stays, though their bundle brought it. They may have relayed an
  honest colleague's flag first — whose own bundle, arriving second, changed nothing and left
  no trace — and undoing it would send a person inside Russia out in the next bundle; a raise
  they forged in a colleague's name only over-protects — until that colleague is quarantined
  in turn (since the same date): then the raises stamped in their name that the imports
  quarantined before brought go too, values and waiting notices alike, and so does a record
  of those imports kept then because something of the second pointed to it, as if both had
  gone together. What counts as lowered is the
  protection rule's answer (:class:`registry.store.protection.Protection`) before and after
  the revert, in its transaction: a record whose effective level or inside-Russia flag goes
  down — through its own fields or through its "same" group, say when a ``merged_into`` link
  they sent is undone — and any record whose own ``sensitivity``/``inside_russia`` goes down.
  A record the revert removes is not lowered. What a rule of this vault raised because of
  their values goes back too (:class:`_RuleRaises`): a "same" link or a flag of theirs
  made a group's level its members' own, in this vault's name, at an import, an export or
  an edit — a seized key linking many records to one protected person blinds a network
  that way. Only what the rule called for before the revert and no longer does once their
  values and records are gone, put back as any value is (past theirs, merged with what
  others delivered); a level a record keeps for a move (a support moved off a protected
  person only they sent) is asked before their records go, and stays. A record that
  putting their values back would leave invalid (a tie joining a record to itself) keeps
  those, listed for review. Like every lowering (§6.4.1) it is confirmed
  first (``confirm_lowering``: True, or the ids the official saw in the preview; anything else
  lowered raises :class:`LoweringNeedsConfirmation` and changes nothing) and audited
  (``lower_protection``).
  The report lists every record whose protection went down, so the official can raise it
  again here.
* **Erasures cannot be undone**: their values are gone for good. The report lists them.
* **Their held changes are dropped** (the held-changes list of §6.5.4, when this vault has one),
  and so are the protection notices their bundles since DATE brought that still wait for their
  record (§6.4.2; one sent before DATE stays, as every value they sent before it does) —
  but for the raises in them stamped by this vault or by an official it still trusts, which
  keep waiting, as above: they relayed a colleague's flag, and that colleague's own notice,
  arriving later, raised nothing more and was not kept beside it.
* Protection their bundles *masked* — a later bundle from someone else carrying a
  ``sensitivity``/``inside_russia`` that lost to theirs (the same flag under an older stamp, or
  a lower level), or that delivered again the very raise their import brought (the same stamp:
  relayed from an official this vault may not know) — is kept by the import
  (``masked_value``) and put back with the earlier
  value, merged as the ratchet merges: what the vault would hold without their bundles.
* Other values their bundles masked — a later bundle from someone else whose older-stamped
  value lost to theirs — are kept by that import too (``masked_value``; not a signed claim,
  whose signature does not stay with a value that lost, nor a value that lost to an edit
  here) and put back, merged by stamp with the earlier value: a name they sent first, under
  a newer stamp, goes back to the honest one that lost to it, though it had nothing else to
  go back to. The value it replaced here is kept in field history as replaced by that
  import, as it would have been had the value not lost: revoking that sender too then goes
  back to it, in either order.
  A value someone else delivered again, unchanged, after they had brought it first was
  never stored. The report lists the imports from others since DATE: importing those
  bundles again brings such values back (they are compared in full then, not taken for
  replays).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Stamp
from registry.domain.model import KINDS, FieldType, Record
from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, LoweringNeedsConfirmation
from registry.store import audit, protection
from registry.store.records import Store
from registry.sync import held as held_list
from registry.sync import wire
from registry.sync.custodians import Reissued
from registry.sync.importer import drop_held_notices, leaves_invalid, trim_held_notice
from registry.sync.trust import Official, TrustStore

Earlier = tuple[Any, Stamp, str | None]  # value, its stamp, the import that had brought it
Masked = dict[str, list[tuple[Any, Stamp, str]]]  # Store.masked: by field
# True: whatever the revert lowers; False: nothing; ids: those records only (a preview's list)
Confirm = bool | Collection[str]


@dataclass
class RestoredRecord:
    """One record whose fields went back: field → "restored" (earlier value) or "unset"."""

    id: str
    kind: str
    fields: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "fields": self.fields}


@dataclass
class QuarantineReport:
    fingerprint: str
    name: str
    since: str
    dry_run: bool = False
    imports: list[str] = field(default_factory=list)
    restored: list[RestoredRecord] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (id, kind)
    kept: list[dict[str, str]] = field(default_factory=list)  # id, kind, reason, by
    protection_lowered: list[str] = field(default_factory=list)
    erased: list[str] = field(default_factory=list)
    held_dropped: int = 0
    notices_dropped: int = 0  # their protection notices still waiting for a record
    later_imports: list[str] = field(default_factory=list)
    forwarded_to: list[str] = field(default_factory=list)
    holds_recovery_share: bool = False  # set by Sharing.quarantine
    recovery: Reissued | None = None  # the recovery set re-issued without them (Sharing)

    @property
    def counts(self) -> dict[str, int]:
        every = [v for r in self.restored for v in r.fields.values()]
        return {"imports": len(self.imports), "records_restored": len(self.restored),
                "fields_restored": every.count("restored"), "fields_unset": every.count("unset"),
                "records_removed": len(self.removed), "records_kept": len(self.kept),
                "protection_lowered": len(self.protection_lowered),
                "erased_not_undone": len(self.erased), "held_dropped": self.held_dropped,
                "held_notices_dropped": self.notices_dropped}

    def to_json(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "name": self.name, "since": self.since,
                "dry_run": self.dry_run, "imports": self.imports, "counts": self.counts,
                "restored": [r.to_json() for r in self.restored],
                "removed": [{"id": i, "kind": k} for i, k in self.removed],
                "kept": self.kept, "protection_lowered": self.protection_lowered,
                "erased_not_undone": self.erased, "held_dropped": self.held_dropped,
                "held_notices_dropped": self.notices_dropped,
                "later_imports_from_others": self.later_imports,
                "forwarded_to": self.forwarded_to,
                "holds_recovery_share": self.holds_recovery_share,
                "recovery": None if self.recovery is None else self.recovery.to_json()}


class _Preview(Exception):
    """Carries a dry run's report out of its rolled-back transaction."""

    def __init__(self, report: QuarantineReport) -> None:
        super().__init__("preview")
        self.report = report


def parse_since(text: str) -> str:
    """DATE (YYYY-MM-DD, the start of that day in UTC) or an ISO date and time, as the UTC text
    ``bundle_import.imported_at`` is written in (so the two compare as strings)."""
    value = text.strip()
    try:
        if len(value) == 10:
            moment = dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC)
        else:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    except ValueError:
        raise InvalidInput("--revert-since takes a date (YYYY-MM-DD).") from None
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def quarantine(store: Store, trust: TrustStore, fingerprint: str, since: str, *,
               dry_run: bool = False, confirm_lowering: Confirm = False) -> QuarantineReport:
    """Revoke the official and revert what their bundles set since ``since``, in ONE
    transaction. A dry run does all of it and rolls it back: what it reports is exactly what
    the real run does. A real run that lowers the protection of a record ``confirm_lowering``
    does not cover (:func:`check_confirmed`) raises and changes nothing: the check is made
    inside the transaction, on what this run lowers."""
    official = trust.get(fingerprint)
    start = parse_since(since)
    try:
        with store.write():
            trust.mark_revoked(official)
            report = revert_since(store, official, start)
            if not dry_run:
                check_confirmed(report.protection_lowered, confirm_lowering)
            audit.append(store.conn, store.origin, "quarantine", official.fingerprint,
                         "official", fields=report.imports)
            if dry_run:
                raise _Preview(report)
    except _Preview as preview:
        preview.report.dry_run = True
        return preview.report
    return report


def check_confirmed(lowered: Collection[str], confirm_lowering: Confirm) -> None:
    """Raise :class:`LoweringNeedsConfirmation` unless ``confirm_lowering`` covers every id in
    ``lowered``: True covers all, False none, a collection of ids exactly those records (what
    the official saw in a preview: a record lowered beyond it was not confirmed)."""
    if isinstance(confirm_lowering, str):
        raise TypeError("confirm_lowering takes True/False or a collection of record ids")
    if confirm_lowering is True or not lowered:
        return
    if confirm_lowering is False:
        raise LoweringNeedsConfirmation(QT_TRANSLATE_NOOP(
            "Errors", "Undoing what they sent would lower the protection of records "
            "they had raised (see the preview). Lowering is kept in this vault only. "
            "Confirm to go on."))
    if set(lowered) - set(confirm_lowering):
        raise LoweringNeedsConfirmation(QT_TRANSLATE_NOOP(
            "Errors", "Since the preview, undoing what they sent would lower the protection "
            "of more records than it showed. Nothing was changed: start again to see what "
            "it does now."))


def revert_since(store: Store, official: Official, since: str) -> QuarantineReport:
    """The revert itself, inside the caller's transaction. ``protection_lowered`` is the
    protection rule's answer compared before and after it (see the module doc), each lowered
    record audited."""
    report = QuarantineReport(official.fingerprint, official.name, since)
    rows = store.conn.execute(
        "SELECT import_id, counts FROM bundle_import WHERE sender = ? AND imported_at >= ? "
        "ORDER BY imported_at, import_id", (official.fingerprint, since)).fetchall()
    report.imports = [str(r[0]) for r in rows]
    report.later_imports = [str(r[0]) for r in store.conn.execute(
        "SELECT import_id FROM bundle_import WHERE sender != ? AND imported_at >= ? "
        "ORDER BY imported_at, import_id", (official.fingerprint, since))]
    theirs = set(report.imports)
    # what others quarantined before brought in their name, kept then for a trusted official
    relayed = _Relayed(_reverted_since(store, official.fingerprint, since), official.fingerprint)
    if theirs or relayed.imports:
        counts = [json.loads(r[1]) for r in rows]
        before = protection.Protection.load(store.conn)
        own_lowered: dict[str, tuple[str, list[str]]] = {}  # id → (kind, own fields lowered)
        keepers = _trusted_others(store, official.fingerprint)
        raises = _RuleRaises(store, since, theirs, keepers)
        raises.before = raises.called_for()  # by what stands before the revert
        candidates = _revert_fields(store, theirs, report, own_lowered, keepers,
                                    relayed=relayed)
        # the levels a record moved off someone keeps, asked before a record of theirs goes:
        # a protected person only they sent, gone, leaves a support moved off her her level
        raises.moved_off = raises.called_for(moved_off=True)
        erased, gone = _erased(store, report.imports, counts)
        report.erased = [r.id for r in erased]

        def revert_kept(record: Record) -> None:  # as one changed since (_revert_fields)
            _revert_record(store, store.get(record.id) or record, store.receipts(record.id),
                           theirs, report, own_lowered=own_lowered, keep_unset=True,
                           keepers=keepers, relayed=relayed)

        _remove_created(store, [*candidates, *gone], report, theirs | relayed.imports,
                        revert=revert_kept)
        raises.undo(report, own_lowered)
        touched = [*(r.id for r in report.restored), *(i for i, _ in report.removed),
                   *(k["id"] for k in report.kept)]
        report.forwarded_to = _forwarded(store, official.fingerprint, touched)
        store.conn.execute(
            "UPDATE bundle_import SET reverted_at = ? WHERE reverted_at IS NULL AND import_id "
            "IN (SELECT value FROM json_each(?))",
            (_now(), json.dumps(report.imports)))
        _forget_lost_origins(store, official.fingerprint, theirs)
        store.conn.execute("DELETE FROM masked_value WHERE import_id IN (SELECT value "
                           "FROM json_each(?))", (json.dumps(report.imports),))
        # what those merged may have gone with the revert (a record they delivered again,
        # unchanged, that the revoked official had brought first): their bundles are compared
        # in full when imported again, not recognised as replays
        store.conn.execute(
            "UPDATE bundle_import SET counts = json_set(counts, '$.compare_again', json('true')) "
            "WHERE import_id IN (SELECT value FROM json_each(?))",
            (json.dumps(report.later_imports),))
        _lowered(store, before, own_lowered, report)
    report.held_dropped = held_list.drop_waiting(store, sender=official.fingerprint)
    # only those of their imports since the date: a raise they sent before it stays, as
    # every value they sent before it does (a vault that never imported their bundles since
    # the date holds it)
    report.notices_dropped = drop_held_notices(
        store, official.fingerprint, since,
        keepers=_trusted_others(store, official.fingerprint))
    _drop_relayed_raises(store, official.fingerprint, since)
    return report


def _drop_relayed_raises(store: Store, fingerprint: str, since: str) -> None:
    """The raises stamped in their name that notices of officials quarantined before, since
    the same date, brought and that still wait: kept then as a trusted official's (relayed),
    they go now, as their own notices do (a notice left with none goes whole)."""
    for row, line in store.conn.execute(
            "SELECT h.id, h.line FROM held_notice AS h JOIN bundle_import AS b ON "  # noqa: S608
            f"b.import_id = h.import_id WHERE {_QUARANTINED}", (fingerprint, since)).fetchall():
        trim_held_notice(store, row, line, lambda stamp: stamp.origin != fingerprint)


def _forget_lost_origins(store: Store, fingerprint: str, theirs: set[str]) -> None:
    """Their stamps of a record's required fields that lost here to another's, brought by
    these imports (kept as masked with them), make no creator unknown any more
    (``store.creator``): the erasures of the records' makers are applied again at once. Not
    while another import — one of theirs before the date, a colleague relaying them — kept
    such a stamp of theirs too: that one stands as sent. (A stamp that lost to an edit here
    was not kept as masked: it counts on, and an erasure waits for the official.)"""
    rows = [(str(r), str(f), str(i)) for r, f, i in store.conn.execute(
        "SELECT m.record_id, m.field, m.import_id FROM masked_value AS m JOIN "
        "required_origin AS o ON o.record_id = m.record_id AND o.origin = m.origin "
        "WHERE m.origin = ?", (fingerprint,))]
    kinds = store.kinds_of(sorted({r for r, _, _ in rows}))
    lost: dict[str, dict[str, bool]] = {}  # record → import → one of theirs
    for record_id, name, import_id in rows:
        kind = kinds.get(record_id)
        if kind is not None and name in KINDS[kind].required:
            lost.setdefault(record_id, {})[import_id] = import_id in theirs
    gone = [r for r, by in lost.items() if all(by.values())]
    store.conn.executemany("DELETE FROM required_origin WHERE record_id = ? AND origin = ?",
                           [(r, fingerprint) for r in sorted(gone)])


# ---- what a rule of this vault raised because of them ------------------------------------------
RuleRaise = tuple[Stamp, Any, "Earlier | None"]  # the rule's stamp, its value, what it replaced


class _RuleRaises:
    """The protection fields a rule of this vault raised since the date that still hold the
    value it wrote (``exporter.materialise``: a "same" group's level or flag made each
    member's own, a tie beside a protected person raised; an edit's own raise — audited
    ``protect``), each with the value it replaced (None: the field had none). :meth:`undo`
    puts back those the rule called for before the revert (:attr:`before`) and no longer
    does after it, nor by a level a record moved off someone keeps (:attr:`moved_off`,
    asked before their records go)."""

    def __init__(self, store: Store, since: str, theirs: set[str], keepers: set[str]) -> None:
        self.store, self.theirs, self.keepers = store, theirs, keepers
        self.ruled: dict[str, dict[str, RuleRaise]] = {}
        self.before: set[tuple[str, str]] = set()
        self.moved_off: set[tuple[str, str]] = set()
        ids = [str(i) for (i,) in store.conn.execute(
            "SELECT DISTINCT record_id FROM audit WHERE action = 'protect' AND at >= ? AND "
            "record_id IS NOT NULL ORDER BY record_id", (since,)).fetchall()]
        live = [r for r in map(store.get, ids) if r is not None and r.erased is None]
        for record in live:
            last = _last_writes(store, record.id)
            for name in sorted(protection.RATCHET & record.stamps.keys()):
                stamp = record.stamps[name]
                if stamp.origin != store.origin or last.get(name) != "protect":
                    continue  # not what the rule wrote: an edit, an import, a restore since
                row = store.conn.execute(
                    "SELECT value, hlc, origin, received_import FROM field_history WHERE "
                    "record_id = ? AND field = ? AND replaced_by_hlc = ? AND "
                    "replaced_by_origin = ? ORDER BY id DESC LIMIT 1",
                    (record.id, name, stamp.hlc, stamp.origin)).fetchone()
                earlier = None if row is None else (
                    json.loads(row[0]), Stamp(int(row[1]), str(row[2])),
                    None if row[3] is None else str(row[3]))
                self.ruled.setdefault(record.id, {})[name] = (
                    stamp, record.values.get(name), earlier)

    def put_back(self, record: Record) -> dict[str, Earlier | None]:
        """What the rule's raises of ``record`` go back to, as a quarantine puts any value
        back: past every value of theirs (field history), merged with what others delivered
        and lost to it (an honest colleague's flag that arrived after the raise) and what
        officials still trusted set before (:func:`_with_masked`). Empty when nothing moves."""
        fields = self.ruled.get(record.id, {})
        history = _history(self.store, record.id)
        back: dict[str, Earlier | None] = {  # what still stands as the rule wrote it
            name: None if earlier is None else _earlier(history, name, earlier, self.theirs)
            for name, (stamp, _, earlier) in fields.items() if record.stamps.get(name) == stamp}
        _with_masked(self.store, record, back, theirs=self.theirs, history=history,
                     keepers=self.keepers)
        return back

    def called_for(self, *, moved_off: bool = False) -> set[tuple[str, str]]:
        """The raises what stands now calls for: asked with every one of them put back (a
        group the rule raised whole would otherwise call for itself), in a savepoint rolled
        back at once. ``moved_off``: only by a level a record moved off someone keeps."""
        if not self.ruled:
            return set()
        store = self.store
        store.conn.execute("SAVEPOINT rule_raises")
        try:
            records: dict[str, Record] = {}
            for record in filter(None, map(store.get, self.ruled)):  # theirs, removed: none
                store.restore_fields(record, self.put_back(record))
                records[record.id] = record
            guard = protection.Protection.load(store.conn)
            out = set()
            for record_id, record in records.items():
                for name, (_, value, _) in self.ruled[record_id].items():
                    if _calls_for(guard, record, name, value, moved_off=moved_off):
                        out.add((record_id, name))
            return out
        finally:
            store.conn.execute("ROLLBACK TO rule_raises")
            store.conn.execute("RELEASE rule_raises")

    def undo(self, report: QuarantineReport, own_lowered: dict[str, tuple[str, list[str]]]
             ) -> None:
        """Put back what a rule of this vault raised because of their values: called for
        before the revert, and neither after it nor by a level kept for a move. A vault that
        never imported their bundles never raised it — "raising everyone to protected is a
        way to blind a network" — and its digest must match. A raise still called for (an
        honest flag, the official's own) stays, and so does one nothing called for before
        (not theirs to undo)."""
        self.ruled = {i: f for i, f in self.ruled.items()
                      if any((i, n) in self.before and (i, n) not in self.moved_off
                             for n in f)}
        after = self.called_for()
        for record_id in sorted(self.ruled):
            record = self.store.get(record_id)
            if record is None:  # removed with their records
                continue
            back = {n: e for n, e in self.put_back(record).items()
                    if (record_id, n) in self.before and (record_id, n) not in after
                    and (record_id, n) not in self.moved_off}
            if not back:
                continue
            lowered = protection.lowered_fields(record.values, {
                n: None if e is None else e[0] for n, e in back.items()})
            kind, fields = own_lowered.get(record_id, (record.kind.value, []))
            own_lowered[record_id] = (kind, sorted({*fields, *lowered}))  # (none: not listed)
            self.store.restore_fields(record, back)
            report.restored.append(RestoredRecord(record_id, record.kind.value, {
                n: "unset" if e is None else "restored" for n, e in sorted(back.items())}))


def _last_writes(store: Store, record_id: str) -> dict[str, str]:
    """For each field of a record, the audited action that wrote it last."""
    out: dict[str, str] = {}
    for action, fields in store.conn.execute(
            "SELECT action, fields FROM audit WHERE record_id = ? ORDER BY seq DESC",
            (record_id,)):
        for name in json.loads(fields) if isinstance(fields, str) and fields[:1] == "[" else []:
            out.setdefault(str(name), str(action))
    return out


def _calls_for(guard: protection.Protection, record: Record, name: str, value: Any, *,
               moved_off: bool = False) -> bool:
    if moved_off:
        return name == "sensitivity" and guard.formerly.get(
            record.id, Sensitivity.PUBLIC) >= protection.rank(name, value)
    if name == "inside_russia":
        return not value or guard.record_inside(record)
    return guard.record_level(record) >= protection.rank(name, value)


def _lowered(store: Store, before: protection.Protection,
             own: dict[str, tuple[str, list[str]]], report: QuarantineReport) -> None:
    """List and audit every record whose protection the revert lowered: its own protection
    fields (``own``), or its effective level or inside-Russia flag by the rule (``before``
    against now, the "same" group included). A record the revert removed is not lowered."""
    after = protection.Protection.load(store.conn)
    removed = {i for i, _ in report.removed}
    lowered = {i: set(fields) for i, (_, fields) in own.items() if i not in removed and fields}
    for record_id, level in before.level.items():
        now = after.level.get(record_id)
        if record_id in removed or now is None:
            continue
        if now < level:
            lowered.setdefault(record_id, set()).add("sensitivity")
        if record_id in before.inside and record_id not in after.inside:
            lowered.setdefault(record_id, set()).add("inside_russia")
    for record_id in sorted(lowered):
        kind = own[record_id][0] if record_id in own else _actor_kind(store, record_id)
        report.protection_lowered.append(record_id)
        audit.append(store.conn, store.origin, "lower_protection", record_id, kind,
                     fields=sorted(lowered[record_id]))


def _actor_kind(store: Store, record_id: str) -> str:
    kind = store.kind_of(record_id)  # Protection.load read it from one of the actor tables
    return kind.value if kind is not None else ""


# ---- fields ----------------------------------------------------------------------------------
def _receipts_of_touched(store: Store, theirs: set[str]
                         ) -> tuple[dict[str, dict[str, str | None]], dict[str, set[str]]]:
    """Every receipt row of every record one of ``theirs`` imports brought a value to; and,
    of each, the fields set here by a rule of this vault since (no official's edit)."""
    out: dict[str, dict[str, str | None]] = {}
    ruled: dict[str, set[str]] = {}
    for record_id, name, import_id, rule in store.conn.execute(
            "SELECT record_id, field, import_id, rule FROM field_receipt WHERE record_id IN "
            "(SELECT record_id FROM field_receipt WHERE import_id IN (SELECT value FROM "
            "json_each(?))) ORDER BY record_id", (json.dumps(sorted(theirs)),)):
        out.setdefault(str(record_id), {})[str(name)] = None if import_id is None \
            else str(import_id)
        if rule and import_id is None:
            ruled.setdefault(str(record_id), set()).add(str(name))
    return out, ruled


def _trusted_others(store: Store, revoked: str) -> set[str]:
    """This vault and every official it trusts, the one being revoked left out."""
    return {store.origin, *(str(r[0]) for r in store.conn.execute(
        "SELECT fingerprint FROM official WHERE trust != 'revoked' AND fingerprint != ?",
        (revoked,)))}


@dataclass(frozen=True)
class _Relayed:
    """The imports of officials quarantined before, since the same date (``imports``): the
    values stamped in the name of the one revoked now (``origin``) that those brought still
    stand, kept then as a trusted official's (a raise they relayed). They go now."""

    imports: frozenset[str] = frozenset()
    origin: str = ""

    def brought(self, import_id: str | None, stamp: Stamp) -> bool:
        return import_id in self.imports and stamp.origin == self.origin


_QUARANTINED = ("b.sender != ? AND b.imported_at >= ? AND b.reverted_at IS NOT NULL AND "
                "b.sender IN (SELECT fingerprint FROM official WHERE trust = 'revoked')")


def _reverted_since(store: Store, fingerprint: str, since: str) -> frozenset[str]:
    """The imports of other officials revoked here, undone since ``since``: quarantined
    (an import undone on its own, ``bundle revert``, kept its raises for another reason: an
    undo never lowers)."""
    return frozenset(str(i) for (i,) in store.conn.execute(
        f"SELECT b.import_id FROM bundle_import AS b WHERE {_QUARANTINED}",  # noqa: S608
        (fingerprint, since)))


def _revert_fields(store: Store, theirs: set[str], report: QuarantineReport,
                   own_lowered: dict[str, tuple[str, list[str]]],
                   keepers: set[str], *, relayed: _Relayed = _Relayed()) -> list[Record]:
    """Put back every field their imports set that still stands, and those stamped in their
    name that imports quarantined before brought (``relayed``), noting in ``own_lowered``
    the protection fields that go down; return the records they created that nothing else
    touched (to remove)."""
    candidates: list[Record] = []
    touched, ruled = _receipts_of_touched(store, theirs | relayed.imports)
    order = _import_order(store)
    credited: dict[str, list[str]] = {}  # import → the records it now made (see below)
    for record_id, receipts in touched.items():
        record = store.get(record_id)
        if record is None:  # pragma: no cover - removing a record deletes its receipts
            continue
        made = receipts.get("*")
        created = made in theirs
        # a record an official quarantined before made, kept then (what pointed to it may
        # have been theirs): asked again, as if both had gone together
        again = made in relayed.imports
        gone = theirs | relayed.imports if again else theirs
        # what a rule of this vault changed since is nobody's taking it up: their record goes
        # with it, as a vault that never imported it never changed it; nor is a notice
        # imported before their record came, that waited for it and met it (_hold_again:
        # only protection; the record's first import may be a later one, see below)
        by_rule = ruled.get(record_id, set())
        others = [i for n, i in receipts.items()
                  if n != "*" and i not in gone and n not in by_rule
                  and not ((created or again) and n in protection.RATCHET
                           and _earlier_import(order, i, made))]
        delivered = _delivered_whole(store, record, theirs, receipts) if created else None
        if (created or again) and not others and delivered is None:
            candidates.append(record)  # a tombstone or erasure only they sent goes too
            continue
        # erasing deletes a record's receipts; one that arrived erased is a candidate above
        if record.erased is not None:  # pragma: no cover
            continue
        if delivered is not None:
            # another sender's import brought the record too, whole (its values lost to
            # theirs, or stand): a vault that never imported their bundles holds that copy,
            # made by that import, with what came since
            _revert_record(store, record, receipts, theirs, report, own_lowered=own_lowered,
                           keep_unset=False, keepers=keepers, relayed=relayed)
            store.mark_received([record.id], delivered)
            credited.setdefault(delivered, []).append(record.id)
            continue
        if created:
            report.kept.append(_kept(store, record, "changed since", others))
        _revert_record(store, record, receipts, theirs, report, own_lowered=own_lowered,
                       keep_unset=created, keepers=keepers, relayed=relayed)
    _credit_created(store, credited)
    return candidates


def _earlier_import(order: dict[str, int], import_id: str | None, than: str | None) -> bool:
    """Whether ``import_id`` was made before ``than`` (an edit here, None, never is)."""
    return import_id is not None and than is not None and import_id in order \
        and than in order and order[import_id] < order[than]


def _import_order(store: Store) -> dict[str, int]:
    """Every import's place in the order they were made (its row's)."""
    return {str(i): int(n) for i, n in store.conn.execute(
        "SELECT import_id, rowid FROM bundle_import")}


def _credit_created(store: Store, credited: dict[str, list[str]]) -> None:
    """Count the records an import delivered whole, that their import had made first, among
    those it created (its rows of ``import_created``): undoing it then undoes them, as a
    vault that never imported their bundles would (``importer.revert``)."""
    store.conn.executemany(
        "INSERT OR IGNORE INTO import_created (import_id, record_id) VALUES (?, ?)",
        [(import_id, record_id) for import_id, ids in sorted(credited.items())
         for record_id in sorted(ids)])


def _delivered_whole(store: Store, record: Record, theirs: set[str],
                     receipts: dict[str, str | None]) -> str | None:
    """The first import from someone else (in the order they were made) that delivered a
    record their import created, whole (every field it requires: values that lost to theirs
    and were kept as masked, ``Store.masked``, or that stand, received from it), or None.
    Such a copy, alone, would have made the record: it is the record's first import now.
    Protection notices (masked too) carry no required field."""
    required = set(KINDS[record.kind].required)
    fields: dict[str, set[str]] = {}
    for name, import_id in receipts.items():
        if name != "*" and import_id is not None and import_id not in theirs:
            fields.setdefault(import_id, set()).add(name)
    for name, given in store.masked(record.id).items():
        for _, _, import_id in given:
            if import_id not in theirs:
                fields.setdefault(import_id, set()).add(name)
    whole = [i for i, names in fields.items() if names >= required]
    if not whole:
        return None
    first = store.conn.execute(
        "SELECT import_id FROM bundle_import WHERE import_id IN (SELECT value FROM "
        "json_each(?)) ORDER BY imported_at, rowid LIMIT 1", (json.dumps(whole),)).fetchone()
    return None if first is None else str(first[0])


def _revert_record(store: Store, record: Record, receipts: dict[str, str | None],
                   theirs: set[str], report: QuarantineReport, *,
                   own_lowered: dict[str, tuple[str, list[str]]], keep_unset: bool,
                   keepers: set[str], relayed: _Relayed = _Relayed()) -> None:
    history = _history(store, record.id)
    masked = store.masked(record.id)
    back: dict[str, Earlier | None] = {}
    for name, stamp in record.stamps.items():
        by = receipts[name] if name in receipts else receipts.get("*")
        if by not in theirs and not relayed.brought(by, stamp):
            continue
        # back past what those quarantined before brought too: none of it stands for them
        earlier = _earlier(history, name, (record.values.get(name), stamp, by),
                           theirs | relayed.imports)
        if earlier is None and keep_unset and name != "deleted" and not _given(
                masked, name, theirs=theirs, history=history, keepers=keepers):
            continue  # a record kept for review keeps what has nothing to go back to
        back[name] = earlier
    displaced = _with_masked(store, record, back, theirs=theirs, history=history,
                             keepers=keepers, masked=masked)
    if not back:
        return
    if leaves_invalid(record, {n: None if e is None else e[0] for n, e in back.items()}):
        # one end of a tie put back beside one an honest colleague changed since, a name
        # unset under a deletion undone since: no local edit may leave that. Those fields
        # of theirs stay, listed for the official; the others go back
        report.kept.append(_kept(store, record, "left as it is: putting their values back "
                                 "would leave it invalid", []))
        back = {n: e for n, e in back.items() if n not in _SHAPE[record.kind]}
    lowered = protection.lowered_fields(record.values, {
        n: None if e is None else e[0] for n, e in back.items()})
    # another official's raise, relayed by them: it stays (module doc)
    trusted = {n for n in lowered if record.stamps[n].origin in keepers}
    back = {n: e for n, e in back.items() if n not in trusted}
    lowered = [n for n in lowered if n not in trusted]
    if not back:
        return
    if lowered:  # listed and audited with the effective lowerings (_lowered)
        own_lowered[record.id] = (record.kind.value, lowered)
    store.restore_fields(record, back, {n: d for n, d in displaced.items() if n in back})
    report.restored.append(RestoredRecord(record.id, record.kind.value, {
        n: "unset" if e is None else "restored" for n, e in sorted(back.items())}))


def _with_masked(store: Store, record: Record, back: dict[str, Earlier | None], *,
                 theirs: set[str], history: list[HistoryRow], keepers: set[str],
                 masked: Masked | None = None) -> dict[str, Earlier]:
    """Put back, for each field in ``back``, what the vault would hold had their bundles
    never come: the earlier value merged with every other value it was given — those
    another sender's import delivered that lost to theirs (``Store.masked``: an honest
    colleague's value, or flag, that arrived after theirs under an older stamp, changed
    nothing and was kept only there) and, for protection, those it held before, stamped by
    this vault or an official it still trusts (field history: such a flag they relayed
    first). Without them the flag would go, and the person out by name; without another
    field's, their value would stand, as it has nothing else to go back to, and the honest
    one delivered again would lose to it again. Protection merges as the ratchet does: a
    value of theirs they forged in another's name over-protects at worst, and a local
    lowering still holds; any other field by stamp (a sender revoked before, its values
    not undone, counts as its values standing here do).

    Returns, of the fields that go back to such a masked value, the earlier value it stands
    in for (``Store.restore_fields``: kept as that value's import replaced it, so a
    quarantine of its sender then goes back past it, not to nothing)."""
    displaced: dict[str, Earlier] = {}
    if not back:
        return displaced
    lowered = store.lowered(record.id) if protection.RATCHET & back.keys() else {}
    masked = store.masked(record.id) if masked is None else masked
    for name in sorted(back):
        ratchet = name in protection.RATCHET
        best = earlier = back[name]
        for value, stamp, import_id in _given(masked, name, theirs=theirs, history=history,
                                              keepers=keepers):
            if best is None or (protection.ratchet_wins(
                    name, (best[0], best[1]), (value, stamp), lowered.get(name))
                    if ratchet else stamp > best[1]):
                best = (value, stamp, import_id)
        if best is not None and best[:2] == (record.values.get(name), record.stamps[name]):
            del back[name]  # what stands is what the others sent too: received from them
            if best[2] is not None:  # (provenance names that import's sender, §6.5.1)
                store.set_receipts(record.id, [name], best[2])
        else:
            back[name] = best
            if earlier is not None and best is not None and best is not earlier \
                    and best in masked.get(name, ()):
                displaced[name] = earlier
    return displaced


def _given(masked: Masked, name: str, *, theirs: set[str], history: list[HistoryRow],
           keepers: set[str]) -> list[Earlier]:
    """The other values of field ``name`` this vault was given (:func:`_with_masked`):
    ``masked`` is ``Store.masked`` of the record."""
    given: list[Earlier] = [e for e in masked.get(name, ()) if e[2] not in theirs]
    if name in protection.RATCHET:
        given += [(r[2], r[3], r[6] if r[6] not in theirs else None) for r in history
                  if r[1] == name and r[3].origin in keepers]
    return given


HistoryRow = tuple[int, str, Any, Stamp, Stamp, str | None, str | None]


def _history(store: Store, record_id: str) -> list[HistoryRow]:
    return [(int(i), str(f), json.loads(v), Stamp(int(h), str(o)), Stamp(int(bh), str(bo)),
             imp, rec) for i, f, v, h, o, bh, bo, imp, rec in store.conn.execute(
        "SELECT id, field, value, hlc, origin, replaced_by_hlc, replaced_by_origin, import_id, "
        "received_import FROM field_history WHERE record_id = ? ORDER BY id DESC",
        (record_id,))]


def _earlier(history: list[HistoryRow], name: str, current: Earlier,
             theirs: set[str]) -> Earlier | None:
    """The value field ``name`` had before their imports set it (None: it had none), going
    back from ``current`` (value, stamp, the import that brought it) while that was theirs."""
    while current[2] in theirs:
        row = next((r for r in history if r[1] == name and r[5] == current[2]
                    and r[4] == current[1]), None)
        if row is None:
            return None
        current = (row[2], row[3], row[6])
    return current


# ---- records they created ----------------------------------------------------------------------
def _remove_created(store: Store, candidates: list[Record], report: QuarantineReport,
                    theirs: set[str], *, revert: Callable[[Record], None]) -> None:
    """Remove the records only their bundles made, unless a record staying here points to one
    (then it stays, listed for review, its values put back as a record changed since has
    them put back: ``revert``). The protection others delivered for one that goes waits
    again for it (:func:`_hold_again`)."""
    going = {r.id: r for r in candidates}
    while going:
        blocked = _referenced(store, going.keys())
        if not blocked:
            break
        for target, referrer in sorted(blocked.items()):
            record = going.pop(target)
            report.kept.append(_kept(store, record, "referenced", [], referrer))
            if record.erased is None:  # what others delivered of it, masked, comes back
                revert(record)
    # the people protected as they stand before any goes, read once (a group of thousands
    # read once a member took minutes): a member protected only through one removed before
    # her was protected when their bundles made her, and is as likely real
    people = [r.id for r in going.values() if r.kind is Kind.PERSON and r.erased is None]
    guard = protection.for_records(store.conn, Kind.PERSON, people)
    for record in sorted(going.values(), key=lambda r: (r.kind.value, r.id)):
        _hold_again(store, record, theirs)
        store.remove(record, protected=guard.is_protected_person(record.id))
        report.removed.append((record.id, record.kind.value))


def _hold_again(store: Store, record: Record, theirs: set[str]) -> None:
    """The protection others delivered for a record only their bundles made — kept as masked
    (``masked_value``: say a colleague's notice that waited for it and met, on its
    arrival from them, the same flag), or standing, received from them (the notice raised
    it on arrival) — waits for it again as that colleague's notice, held
    by the import that brought it: a vault that never imported their bundles still holds it
    waiting, and flags the record when an honest copy arrives. Gone with the record, it
    would have left that copy unflagged, and the next bundle would name the person. So do
    the notices the record discarded as it arrived (a notice about a person, the record an
    organisation under her id): they were never wrong."""
    store.conn.execute("UPDATE held_notice SET discarded_by = NULL WHERE record_id = ? AND "
                       "discarded_by IS NOT NULL", (record.id,))
    given: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Stamp]]] = {}
    # what stands of it received from someone else: a notice that waited and met it (a
    # record only they made has no other receipt: _revert_fields)
    standing = [(name, json.dumps(record.values.get(name)), record.stamps[name].hlc,
                 record.stamps[name].origin, import_id, sender)
                for name, import_id, sender in store.conn.execute(
                    "SELECT r.field, r.import_id, b.sender FROM field_receipt AS r JOIN "
                    "bundle_import AS b ON b.import_id = r.import_id WHERE r.record_id = ? "
                    "ORDER BY r.field", (record.id,))
                if name in protection.RATCHET and name in record.stamps]
    for name, value, hlc, origin, import_id, sender in [*standing, *store.conn.execute(
            "SELECT m.field, m.value, m.hlc, m.origin, m.import_id, b.sender FROM "
            "masked_value AS m JOIN bundle_import AS b ON b.import_id = m.import_id "
            "WHERE m.record_id = ? AND m.field IN (SELECT value FROM json_each(?)) "
            "ORDER BY m.import_id, m.field, m.hlc, m.origin",
            (record.id, json.dumps(sorted(protection.RATCHET))))]:
        if import_id in theirs:
            continue
        values, stamps = given.setdefault((str(import_id), str(sender)), ({}, {}))
        stamp = Stamp(int(hlc), str(origin))
        if name not in stamps or protection.ratchet_wins(
                name, (values[name], stamps[name]), (json.loads(value), stamp)):
            values[name], stamps[name] = json.loads(value), stamp
    for (import_id, sender), (values, stamps) in given.items():
        line = wire.notice_line(record.id, record.kind, values, stamps)
        store.conn.execute("INSERT INTO held_notice (record_id, kind, line, sender, import_id) "
                           "VALUES (?, ?, ?, ?, ?)", (record.id, record.kind.value,
                                                      json.dumps(line), sender, import_id))


def _kept(store: Store, record: Record, reason: str, imports: list[str | None],
          referrer: str = "") -> dict[str, str]:
    """A record they created that stays, for review: why, and who changed it since (the
    senders' fingerprints, "here" for an edit in this vault) or which record points to it."""
    senders = sorted({str(r[0]) for r in store.conn.execute(
        "SELECT DISTINCT sender FROM bundle_import WHERE import_id IN (SELECT value FROM "
        "json_each(?))", (json.dumps([i for i in imports if i is not None]),))})
    if None in imports:
        senders.append("this vault")
    return {"id": record.id, "kind": record.kind.value, "reason": reason,
            "changed_by": ", ".join(senders), "referenced_by": referrer}


# the fields that make a record what a local edit may leave (importer.leaves_invalid)
_SHAPE = {kind: frozenset(spec.required) | {"deleted", "from_id", "to_id", "a_id", "b_id"}
          for kind, spec in KINDS.items()}
_REF_COLUMNS = {kind: [f.name for f in spec.fields if f.type is FieldType.REF]
                for kind, spec in KINDS.items()}


def _referenced(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """Of ``ids``, those a record outside ``ids`` points to: id → the record pointing."""
    going = set(ids)
    wanted = json.dumps(sorted(going))
    out: dict[str, str] = {}
    for kind, columns in _REF_COLUMNS.items():
        table = KINDS[kind].table
        for column in columns:
            for referrer, target in store.conn.execute(
                    f'SELECT id, "{column}" FROM {table} WHERE "{column}" IN '  # noqa: S608
                    "(SELECT value FROM json_each(?))", (wanted,)):
                if referrer not in going:
                    out.setdefault(str(target), str(referrer))
    for event, person in store.conn.execute(
            "SELECT event_id, person_id FROM event_participant WHERE person_id IN "
            "(SELECT value FROM json_each(?))", (wanted,)):
        if event not in going:
            out.setdefault(str(person), str(event))
    return out


# ---- what cannot be undone, who else holds it, held changes ------------------------------------
def _erased(store: Store, imports: list[str], counts: list[dict[str, Any]]
            ) -> tuple[list[Record], list[Record]]:
    """Records their imports (``imports``, whose logs' ``counts``) erased that are still
    erased: those held before (their values are gone for good), and those their imports had
    created too (they go, like the others)."""
    held: list[Record] = []
    theirs: list[Record] = []
    for record_id in sorted({str(i) for c in counts for i in c.get("erased_ids", [])}):
        record = store.get(record_id)
        if record is not None and record.erased is not None:
            created = store.conn.execute(
                "SELECT 1 FROM import_created WHERE record_id = ? AND import_id IN "
                "(SELECT value FROM json_each(?))", (record_id, json.dumps(imports))
            ).fetchone() is not None
            (theirs if created else held).append(record)
    return held, theirs


def _forwarded(store: Store, fingerprint: str, ids: list[str]) -> list[str]:
    """Officials (other than the one revoked) this vault sent any of ``ids`` to: they may hold
    the values being reverted too."""
    if not ids:
        return []
    return [str(r[0]) for r in store.conn.execute(
        "SELECT DISTINCT recipient FROM sent_record WHERE record_id IN (SELECT value FROM "
        "json_each(?)) AND recipient != ? ORDER BY recipient", (json.dumps(ids), fingerprint))]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
