"""Spreadsheet import as a Qt-free flow: load → mapping → preview → run (apply or dry run).

Decisions (see also the module docs of ``spreadsheet``, ``mapping`` and ``matching``):

* **A rejected file writes nothing.** A file is rejected when it cannot be read (missing,
  too big, not CSV/XLSX, undecodable, malformed CSV, a suspicious XLSX), has too many rows,
  columns or too long a cell, has no name (or id) column, has no good row, or has more bad
  rows than :attr:`SpreadsheetImport.max_bad_share` (half: such a file is the wrong file or the
  wrong mapping). With ``strict`` a single bad row rejects the file.
* **Rejected rows** are otherwise reported (line number and reason: the field and the
  problem, never the cell) and not written; **the valid rows are written**.
* **One transaction** for the whole import, mapping and review queue entries saved with it;
  a cancel or any error rolls it all back.
* **A row updates an existing record only when it is that record**: by its ``id`` column,
  or as a *strong match* (:func:`registry.interop.matching.identify`: the same name and at
  least one identifier — e-mail, phone, date, region of origin … — given on both sides and
  agreeing, none disagreeing). An id not in this vault falls back to the name, so a CSV
  exported from another vault imports too. A non-empty cell replaces the field; an empty
  cell leaves it as it is: an import never clears a field. When a row was matched by its
  name, its names only fill empty name fields. The report gives every changed field as old
  → new.
* **A weaker match never overwrites.** A row whose namesakes are none of them a strong
  match (no identifier on both sides, or one that disagrees) becomes a new record, and each
  pair (namesake, new record) goes into the duplicates review queue with the reason
  ("spreadsheet namesake: country differs"; :func:`registry.match.review.enqueue`), where
  the official decides same / not same. Nothing is lost either way: the namesake keeps
  every value and stamp, the row's data is in the new record, and "same" merges the two.
  (Holding the row back instead would leave the queue with half a pair and the row's data
  nowhere.) A row that a namesake already holds entirely is "unchanged", so importing a
  file again queues nothing new; more than :data:`MAX_NAMESAKES` unconfirmed namesakes
  reject the row (an ``id`` column settles it), as do two strong matches.
* **Protection only goes up.** A row may raise a record's ``sensitivity`` or set its
  "inside Russia" flag, never lower them: lowering is a local act that asks for
  confirmation and is audited (DESIGN §6.4.1), which a file cannot do. Whether a row lowers
  is the rule ``Registry.update`` asks (:func:`registry.store.protection.lowered_fields`); such a
  row keeps the record's protection as it is, its other fields are imported as usual, and
  the report says so (:attr:`Outcome.kept`, the note :data:`KEPT_NOTE`): lower it in the
  record itself, where the app and ``registry update`` ask to confirm. An update is written
  through ``Registry.update`` without that confirmation, so a lowering can never be
  written by an import. A row that a namesake holds entirely but for a lower protection is
  "unchanged" (kept), not a new, less protected copy of that person.
* **Idempotent**: only changed values are written (new stamps only for them), so an import
  run twice changes nothing the second time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Stamp
from registry.domain.ids import is_id, new_id
from registry.domain.model import KINDS, Record
from registry.domain.validate import FieldError, apply_rules, normalise
from registry.interop import mapping as mp
from registry.interop.cells import translate
from registry.interop.matching import (
    IDENTIFIERS,
    Ambiguous,
    Entry,
    Matcher,
    identify,
    may_be_strong,
    same_identifier,
    same_name,
)
from registry.interop.spreadsheet import SheetLimits, Table, read_table
from registry.match import guard, review
from registry.memory import bulk
from registry.store import protection
from registry.store.protection import lowered_fields
from registry.sync.progress import Job, job

if TYPE_CHECKING:
    from registry.service import Holder, Registry

_BATCH = 2000
_NAMES = ("name", "name_latin")
MAX_NAMESAKES = 10  # unconfirmed namesakes a row may be queued beside; more reject the row
ACTIONS = ("new", "update", "unchanged", "merged", "review", "rejected")
# A row that would lower protection (fields named): the record keeps it (see the module docs).
KEPT_NOTE = ("protection kept: {0} not lowered (a spreadsheet never lowers protection: "
             "lower it in the record itself, which asks to confirm)")
# a new row beside a protected namesake may be that person: protected until reviewed
GUARDED_NOTE = "protected until reviewed: a namesake here is protected"
# what the report says, in place of a protected record's id and of the guard's note: a report
# goes outside the vault (a terminal, a saved file) and must not tie a row to such a person
PRIVATE_NOTE = "kept for review"


class _Rejected(Exception):
    """The file is rejected: the transaction its rows were checked in writes nothing."""


class RowError(ValueError):
    """A row that cannot be imported; the message names the field, never the value."""


@dataclass
class Namesake:
    """A record, or an earlier row of the file (``line``), that a row is kept apart from.

    ``differs``: field → (the namesake's value, the row's value), for every field given on
    both sides that differs; ``record_id`` is the namesake's id (for an earlier row, once
    written).
    """

    reason: str
    differs: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    record_id: str | None = None
    line: int | None = None

    @property
    def ref(self) -> str:
        return f"line {self.line}" if self.line is not None else str(self.record_id)

    def to_json(self, private: frozenset[str] = frozenset()) -> dict[str, Any]:
        """As the report gives it; a protected record (``private``) without its id, values or
        reason: only that the row was kept for review (see :data:`PRIVATE_NOTE`)."""
        out: dict[str, Any] = {}
        if self.record_id in private:
            if self.line is not None:
                out["line"] = self.line
            return {**out, "reason": PRIVATE_NOTE, "differs": {}}
        if self.record_id is not None:
            out["record_id"] = self.record_id
        if self.line is not None:
            out["line"] = self.line
        out["reason"] = self.reason
        out["differs"] = {f: {"existing": a, "row": b} for f, (a, b) in self.differs.items()}
        return out


@dataclass
class Outcome:
    """What happens to one row: new, update, unchanged, merged (into an earlier row), review
    (a new record beside namesakes it may be, queued for review), rejected.

    ``changes``: field → (old, new) for an update or a merge; ``namesakes`` for a review;
    ``kept``: field → (the record's value, the row's lower one) for each protection field the
    row would have lowered and did not (see :data:`KEPT_NOTE`).
    """

    line: int
    action: str
    kind: str | None = None
    record_id: str | None = None
    fields: list[str] = field(default_factory=list)
    reason: str | None = None
    values: dict[str, Any] = field(default_factory=dict, repr=False)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)
    namesakes: list[Namesake] = field(default_factory=list)
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # the update made the record protected and this vault had sent it to these officials:
    # they need a protection notice now (DESIGN §6.4.2, ``Registry.holders_to_tell``)
    shared_with: list[Holder] = field(default_factory=list)

    def to_json(self, private: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The row's outcome as the report gives it (``--json``, the CLI text, the saved
        report: files outside the vault). ``private``: ids of protected records, which it
        never names: neither their id nor their values, nor that they are protected — a row
        beside one was "kept for review" (:data:`PRIVATE_NOTE`)."""
        hidden = self.record_id in private
        out: dict[str, Any] = {"line": self.line, "action": self.action}
        if self.kind is not None:
            out["kind"] = self.kind
        if self.record_id is not None and not hidden:
            out["record_id"] = self.record_id
        reason = self.shared_reason(private)
        if reason is not None:
            out["reason"] = reason
        if self.fields:
            out["fields"] = self.fields
        if self.changes and not hidden:
            out["changes"] = {f: {"old": old, "new": new}
                              for f, (old, new) in self.changes.items()}
        if self.namesakes:
            out["namesakes"] = [n.to_json(private) for n in self.namesakes]
        if self.kept:
            out["protection_kept"] = {f: {} if hidden else {"kept": old, "row": new}
                                      for f, (old, new) in self.kept.items()}
        if self.shared_with:
            out["shared_with"] = [h.to_json() for h in self.shared_with]
        return out

    def shared_reason(self, private: frozenset[str] = frozenset()) -> str | None:
        """:attr:`reason` without what it says of protected records (``private``): a namesake
        among them, the guard's note, their ids, each "kept for review"."""
        reason = self.reason
        if reason is None or not (private and (self.record_id in private or any(
                n.record_id in private for n in self.namesakes))):
            return reason
        for n in self.namesakes:
            if n.record_id in private:
                reason = reason.replace(f"kept apart from {n.ref}: {n.reason}", PRIVATE_NOTE)
        reason = reason.replace(GUARDED_NOTE, PRIVATE_NOTE)
        for record_id in private:
            if record_id in reason:
                reason = reason.replace(record_id, "a record kept for review")
        return "; ".join(dict.fromkeys(reason.split("; ")))


@dataclass
class _RowPlan:
    """A checked row: a new record (``entry.record`` None) or changes to an existing one."""

    outcome: Outcome
    entry: Entry | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class SpreadsheetReport:
    """The result of a run; ``rejected_file`` says why nothing was written, if so."""

    file: dict[str, Any]
    dry_run: bool
    outcomes: list[Outcome]
    rejected_file: str | None = None
    notes: list[str] = field(default_factory=list)
    strict: bool = False
    # ids of the protected records the outcomes name (existing, updated or new): the report's
    # forms that leave the app (to_json, file_rows) leave them out (Outcome.to_json)
    private: frozenset[str] = frozenset()

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def written(self) -> bool:
        return not self.dry_run and self.rejected_file is None

    def file_rows(self) -> list[tuple[int, str, str, str, str, str]]:
        """One line per row of the file for a saved report: line, action, kind, record id,
        fields, reason — no cell contents, nothing of a protected record (:attr:`private`)."""
        return [(o.line, o.action, o.kind or "",
                 "" if o.record_id is None or o.record_id in self.private else o.record_id,
                 " ".join(o.fields), o.shared_reason(self.private) or "")
                for o in self.outcomes]

    def to_json(self, *, shared: bool = True) -> dict[str, Any]:
        """The report as data. ``shared`` (the default: what the command line prints, which a
        user may keep in a file): nothing of a protected record (:attr:`private`,
        :meth:`Outcome.to_json`); ``shared=False`` for a caller inside the unlocked vault."""
        private = self.private if shared else frozenset()
        by = {a: [o.to_json(private) for o in self.outcomes if o.action == a]
              for a in ("new", "update", "merged", "review", "rejected")}
        return {"file": self.file, "dry_run": self.dry_run, "strict": self.strict,
                "written": self.written, "rejected_file": self.rejected_file,
                "notes": self.notes, "counts": {a: self.count(a) for a in ACTIONS},
                "created": by["new"], "updated": by["update"], "merged": by["merged"],
                "review": by["review"], "rejected": by["rejected"],
                "protection_kept": [o.to_json(private) for o in self.outcomes if o.kept],
                "shared_with": [o.to_json(private) for o in self.outcomes if o.shared_with]}

    @property
    def newly_protected(self) -> list[Outcome]:
        """The rows whose update protected a record this vault had shared (DESIGN §6.4.2)."""
        return [o for o in self.outcomes if o.shared_with]


class SpreadsheetImport:
    """One import, step by step; the GUI wizard renders these steps, the CLI runs them all.

    ``load`` reads the file (encoding and sheet can be overridden, then load again);
    ``propose_mapping`` guesses the columns (optionally from a saved mapping) into
    :attr:`mapping`, which may be edited; ``preview`` checks the first rows without
    writing; ``run`` checks every row and, unless ``dry_run``, writes in one transaction.
    """

    max_bad_share = 0.5

    def __init__(self, registry: Registry, path: Path, *, limits: SheetLimits | None = None,
                 strict: bool = False) -> None:
        self.registry = registry
        self.path = Path(path)
        self.limits = limits or SheetLimits()
        self.strict = strict
        self.table: Table | None = None
        self.mapping: mp.ColumnMapping | None = None
        self._matcher: Matcher | None = None
        self._claimed: dict[str, _RowPlan] = {}

    # -- steps --------------------------------------------------------------------------------
    def load(self, *, encoding: str | None = None, sheet: str | None = None) -> Table:
        """Read and bound the file; raises :class:`FileRejected`."""
        self.table = read_table(self.path, limits=self.limits, encoding=encoding, sheet=sheet)
        self.mapping = None
        return self.table

    def propose_mapping(self, saved: str | None = None) -> mp.ColumnMapping:
        """Guess the columns from the headers, or apply the saved mapping of that name."""
        table = self._loaded()
        stored = mp.load_mapping(self.registry.store.conn, saved) if saved else None
        self.mapping = mp.ColumnMapping.propose(table.headers, stored)
        return self.mapping

    def saved_mappings(self) -> list[str]:
        return mp.list_mappings(self.registry.store.conn)

    def preview(self, limit: int = 20) -> list[Outcome]:
        """What the first ``limit`` rows would do; nothing is written."""
        table = self._loaded()
        self._mapped().check()
        matcher = self._fresh_matcher()
        return [self._plan_row(line, cells, matcher).outcome
                for line, cells in table.rows[:max(0, limit)]]

    def run(self, *, dry_run: bool = False, work: Job | None = None,
            save_mapping_as: str | None = None) -> SpreadsheetReport:
        """Check every row; then, unless ``dry_run`` or the file is rejected, write them all."""
        work = work or job()
        table = self._loaded()
        mapping = self._mapped()
        report = SpreadsheetReport(self.file_info(), dry_run, [], notes=list(mapping.notes),
                              strict=self.strict)
        mapping.check()
        if dry_run:
            with bulk():
                self._check_rows(table, work, report)
            report.private = self._private(report)
            return report
        # matched against the vault as it is once the write lock is held, not as the preview
        # found it: a person added since (here, or in another window), perhaps protected,
        # must be matched, not made a second, unprotected time
        self._matcher = None
        with contextlib.suppress(_Rejected), bulk(), self.registry.store.write():
            plans = self._check_rows(table, work, report)
            if report.rejected_file is not None:
                raise _Rejected  # nothing is written, not even the clock
            self._apply(plans, work, save_mapping_as)
        report.private = self._private(report)
        return report

    def _private(self, report: SpreadsheetReport) -> frozenset[str]:
        """The protected records the report names, as this import leaves them (a dry run: as
        it would): protected here (their group counted), made protected by a row, or new
        and protected (a row's own level or flag, or the guard's)."""
        named = {o.record_id for o in report.outcomes if o.record_id} | {
            n.record_id for o in report.outcomes for n in o.namesakes if n.record_id}
        if not named:
            return frozenset()
        levels = protection.Protection.load(self.registry.store.conn, moved=False).level
        out = {r for r in named if levels.get(str(r), Sensitivity.INTERNAL)
               >= Sensitivity.PROTECTED}
        for o in report.outcomes:
            raised = {f: new for f, (_, new) in o.changes.items()}
            if o.record_id and (guard.protected_values(raised) or (
                    o.action in ("new", "review") and guard.protected_values(o.values))):
                out.add(o.record_id)
        return frozenset(str(r) for r in out)

    def _check_rows(self, table: Table, work: Job, report: SpreadsheetReport
                    ) -> list[_RowPlan]:
        plans = self._plan_all(table, work)
        report.outcomes = [p.outcome for p in plans]
        report.rejected_file = self._verdict(report)
        return plans

    def file_info(self) -> dict[str, Any]:
        table = self._loaded()
        info: dict[str, Any] = {"format": table.format, "rows": len(table.rows)}
        for key in ("encoding", "delimiter", "sheet"):
            if getattr(table, key) is not None:
                info[key] = getattr(table, key)
        if table.format == "xlsx":
            info["sheets"] = list(table.sheets)
            info["hidden_sheets"] = list(table.hidden_sheets)
        if self.mapping is not None:
            info["mapping"] = self.mapping.to_json()["columns"]
            info["ignored_columns"] = self.mapping.ignored()
        return info

    # -- checking rows -------------------------------------------------------------------------
    def _loaded(self) -> Table:
        if self.table is None:
            self.load()
        assert self.table is not None
        return self.table

    def _mapped(self) -> mp.ColumnMapping:
        return self.mapping or self.propose_mapping()

    def _fresh_matcher(self) -> Matcher:
        """The index of existing records (read once), with no rows of this file in it yet."""
        self._claimed = {}
        if self._matcher is None:
            store = self.registry.store
            self._matcher = Matcher.build(r for k in mp.ACTOR_KINDS for r in store.iter_records(k))
        return self._matcher.copy()

    def _plan_all(self, table: Table, work: Job) -> list[_RowPlan]:
        matcher = self._fresh_matcher()
        plans: list[_RowPlan] = []
        total = len(table.rows)
        for i, (line, cells) in enumerate(table.rows):
            if i % _BATCH == 0:
                work.tick("check", i, total)
            plans.append(self._plan_row(line, cells, matcher))
        self._beside_protected(plans, matcher)
        self._guard_namesakes(plans, matcher)
        work.tick("check", total, total)
        return plans

    def _beside_protected(self, plans: list[_RowPlan], matcher: Matcher) -> None:
        """Every new row that may be a protected person — a protected record, or a row of this
        file that is protected or will be guarded — is reviewed beside her (and so guarded,
        :meth:`_guard_namesakes`), not only a namesake by :meth:`Matcher.namesakes`: "may be
        her" is the one rule :func:`registry.match.guard.beside_protected` (what the
        duplicates review would pair with her, and every name filed under one of her name
        keys), asked in rounds; only when someone protected is in reach, so an import beside
        no protected person pays nothing."""
        new = {f"line:{p.outcome.line}": p for p in plans
               if p.outcome.action in ("new", "review")}
        if not new:
            return
        levels = protection.Protection.load(self.registry.store.conn, moved=False).level
        for kind in mp.ACTOR_KINDS:
            rows = {ref: p for ref, p in new.items() if p.outcome.kind == kind.value}
            stored = {e.ref: e for e in matcher.entries.values()
                      if e.kind is kind and e.record is not None}
            protected = guard.protected_among({ref: e.values for ref, e in stored.items()},
                                              levels)
            protected |= guard.protected_among({ref: p.outcome.values for ref, p in rows.items()})
            if rows and protected:
                self._pair_rounds(kind, rows, protected, stored, matcher)

    def _pair_rounds(self, kind: Kind, rows: dict[str, _RowPlan], protected: set[str],
                     stored: dict[str, Entry], matcher: Matcher) -> None:
        """Review each new row beside the protected records it may be (the one rule:
        :func:`registry.match.guard.beside_protected`), a row of this file by ``line:N``."""
        def meeting(values: Mapping[str, Any]) -> list[str]:
            return [other if other in stored else f"line:{other}"
                    for other in matcher.meeting(kind, values)]

        pairs = guard.beside_protected(
            kind, {ref: p.outcome.values for ref, p in rows.items()}, protected,
            {ref: e.values for ref, e in stored.items()}, meeting)
        for ref, oref in pairs:
            entry = stored.get(oref) or matcher.entries[oref.removeprefix("line:")]
            _review_beside(kind, rows[ref].outcome, matcher.person_of(entry) or entry)

    def _guard_namesakes(self, plans: list[_RowPlan], matcher: Matcher) -> None:
        """A new record beside a protected namesake — a record that is protected, or will be
        after this file, or another new row that will be — may be that person: it is created
        protected until reviewed (DESIGN §6.4.3; lowering it then is the official's confirmed
        act). Asked once every row is planned, so row order decides nothing; a guard protects in
        turn the new rows beside the guarded one, as far as such pairs reach (one walk over the
        pairs, each record's protection asked once)."""
        new = {p.outcome.line: p for p in plans if p.outcome.action in ("new", "review")}
        records: dict[str, bool] = {}

        def protected_record(record_id: str) -> bool:
            if record_id not in records:
                entry = matcher.entries.get(record_id)
                records[record_id] = entry is not None and (
                    guard.protected_values(entry.values) or self.registry.is_protected(entry.ref))
            return records[record_id]

        # new rows beside each other, both ways; a row beside a protected record, or
        # protected itself, protects every new row it is joined to through such pairs
        beside: dict[int, list[int]] = {line: [] for line in new}
        sources: list[int] = []
        for line, plan in new.items():
            for namesake in plan.outcome.namesakes:
                if namesake.line is not None:
                    if namesake.line in new:
                        beside[line].append(namesake.line)
                        beside[namesake.line].append(line)
                elif protected_record(namesake.record_id or ""):
                    sources.append(line)
            if guard.protected_values(plan.outcome.values):
                sources.append(line)
        for line in _joined_to(sources, beside):
            if not guard.protected_values(new[line].outcome.values):
                _guard(new[line].outcome)

    def _plan_row(self, line: int, cells: list[str], matcher: Matcher) -> _RowPlan:
        try:
            kind, values, record_id = self._row_values(cells)
            return self._decide(line, kind, values, record_id, matcher)
        except (RowError, FieldError, Ambiguous) as exc:
            return _RowPlan(Outcome(line, "rejected", reason=str(exc)))

    def _row_values(self, cells: list[str]) -> tuple[Kind, dict[str, Any], str | None]:
        mapping = self._mapped()
        raw = {f: cells[i] if i < len(cells) else "" for i, f in enumerate(mapping.fields) if f}
        kind = mapping.default_kind
        if raw.get(mp.KIND):
            found = mp.parse_kind(raw[mp.KIND])
            if found is None:
                raise RowError("kind: must be person or organisation")
            kind = found
        record_id = (raw.get(mp.ID) or "").strip().lower() or None
        if record_id is not None and not is_id(record_id):
            raise RowError("id: is not a record id")
        spec = KINDS[kind]
        given: dict[str, Any] = {}
        for name, text in raw.items():
            if name in mp.SPECIAL or not text.strip():
                continue
            if name not in spec.by_name:
                raise RowError(f"{name}: not a field of {kind.value}")
            given[name] = translate(spec.by_name[name], text)
        values = normalise(kind, given, partial=True)
        return kind, {k: v for k, v in values.items() if v not in (None, [], "")}, record_id

    def _decide(self, line: int, kind: Kind, values: dict[str, Any], record_id: str | None,
                matcher: Matcher) -> _RowPlan:
        note = None
        if record_id is not None:
            entry = matcher.entries.get(record_id)
            if entry is not None and not entry.merged:
                if entry.kind is not kind:
                    raise RowError(f"id: that record is not a {kind.value}")
                return self._matched(line, kind, values, entry, by_id=True, note=None)
            self._check_unknown_id(record_id)
            note = "id not in this vault: matched by name"
        return self._by_name(line, kind, values, matcher, note)

    def _by_name(self, line: int, kind: Kind, values: dict[str, Any], matcher: Matcher,
                 note: str | None) -> _RowPlan:
        """The namesake the row is (it already holds the row, or a strong match), else a new
        record: beside its namesakes, in the review queue, when it has any."""
        found = matcher.namesakes(kind, values)
        held = [e for e in found if _may_hold(e, values) and same_name(values, e.values)
                and not _changes(e, values, names_too=False)]
        # one that holds the row, protection too, before one it would only lower
        same = next((e for e in held if not _kept(e, values)), held[0] if held else None)
        if same is not None:
            if same.merged:  # decided the same as another record: the row is already in
                note = "; ".join(filter(None, [note, f"merged into {same.values['merged_into']}"]))
            return self._matched(line, kind, values, same, by_id=False, note=note)
        # a record decided the same as another is that one's person: its survivor is matched,
        # updated and queued beside (one protection for the group, DESIGN §6.4.3)
        strong = _strong(matcher, kind, values, found)
        found = _people(matcher, found)
        if len(strong) > 1:
            raise Ambiguous(f"name: fits {len(strong)} records; add an id column to say which")
        if strong:
            return self._matched(line, kind, values, strong[0], by_id=False, note=note)
        if len(found) > MAX_NAMESAKES:
            raise Ambiguous(f"name: {len(found)} records have this name and no identifier "
                            "confirms one; add an id column to say which")
        plan = self._new(line, kind, values, matcher, note)
        if found:
            namesakes = [_namesake(kind, values, e) for e in found]
            plan.outcome.action = "review"
            plan.outcome.namesakes = namesakes
            plan.outcome.reason = "; ".join(
                filter(None, [note, *(f"kept apart from {n.ref}: {n.reason}" for n in namesakes)]))
        return plan

    def _matched(self, line: int, kind: Kind, values: dict[str, Any], entry: Entry, *,
                 by_id: bool, note: str | None) -> _RowPlan:
        """The row is ``entry``: its changes, or a merge into an earlier row's record."""
        changes = _changes(entry, values, names_too=by_id)
        kept = _kept(entry, values)
        if kept:
            note = "; ".join(filter(None, [note, KEPT_NOTE.format(", ".join(kept))]))
        before = entry.values
        if entry.record is None:  # an earlier row of this file
            moved = _old_new(before, changes)
            entry.values.update(changes)
            reason = "; ".join(filter(None, [f"same as line {entry.ref}", note]))
            return _RowPlan(Outcome(line, "merged", kind.value, reason=reason,
                                    fields=sorted(changes), changes=moved, kept=kept))
        entry.values = {**entry.values, **changes}
        first = self._claimed.get(entry.ref)
        if first is not None:  # an earlier row of this file matched the same record
            _refresh(first, entry)
            reason = "; ".join(filter(None, [f"same record as line {first.outcome.line}",
                                             note]))
            return _RowPlan(Outcome(line, "merged", kind.value, entry.ref, sorted(changes),
                                    reason, changes=_old_new(before, changes), kept=kept))
        action = "update" if changes else "unchanged"
        outcome = Outcome(line, action, kind.value, entry.ref, sorted(changes), note,
                          changes=_old_new(entry.record.values, changes), kept=kept)
        plan = _RowPlan(outcome, entry, changes)
        self._claimed[entry.ref] = plan
        return plan

    def _check_unknown_id(self, record_id: str) -> None:
        record = self.registry.store.get(record_id)
        if record is not None:
            reason = "was deleted or erased" if record.deleted else "is not a person or " \
                "organisation, or was merged into another"
            raise RowError(f"id: that record {reason}")

    def _new(self, line: int, kind: Kind, values: dict[str, Any], matcher: Matcher,
             note: str | None) -> _RowPlan:
        if not values.get("name"):
            raise RowError("name: is required")
        values.setdefault("sensitivity", Sensitivity.INTERNAL.label)
        values = apply_rules(kind, values)
        entry = Entry(str(line), kind, values)
        matcher.add(entry)
        return _RowPlan(Outcome(line, "new", kind.value, None, sorted(values), note, values), entry)

    def _verdict(self, report: SpreadsheetReport) -> str | None:
        bad, total = report.count("rejected"), len(report.outcomes)
        if total == 0:
            return "The file has no data rows."
        if bad == total:
            return "No row could be imported (see the rejected rows)."
        if self.strict and bad:
            return f"{bad} row(s) were rejected and --strict imports all rows or none."
        if bad > total * self.max_bad_share:
            return (f"{bad} of {total} rows were rejected: more than half, so the file or its "
                    "column mapping is probably wrong. Nothing was imported.")
        return None

    # -- writing -------------------------------------------------------------------------------
    def _apply(self, plans: list[_RowPlan], work: Job, save_mapping_as: str | None) -> None:
        store = self.registry.store
        new = [p for p in plans if p.outcome.action in ("new", "review")]
        updates = [p for p in plans if p.outcome.action == "update"]
        total = len(new) + len(updates)
        with store.write():
            done = 0
            for batch in _chunks(new, _BATCH):
                work.tick("write", done, total)
                self._insert(batch)
                done += len(batch)
            review.enqueue(store, _review_pairs(new))
            for batch in _chunks(updates, _BATCH):
                work.tick("write", done, total)
                for plan in batch:  # as a local edit: a lowering would be refused
                    assert plan.entry is not None and plan.entry.record is not None
                    record_id = plan.entry.record.id
                    # only a protection field can protect it (a file never sets merged_into)
                    raises = bool(protection.RATCHET & plan.changes.keys())
                    before = self.registry.protection_mark(record_id) if raises else None
                    self.registry.update(record_id, plan.changes)
                    if before is not None:
                        plan.outcome.shared_with = self.registry.holders_to_tell(record_id,
                                                                                 before)
                done += len(batch)
            if save_mapping_as:
                mp.save_mapping(store.conn, save_mapping_as, self._mapped())
            work.tick("write", total, total)

    def _insert(self, plans: list[_RowPlan]) -> None:
        """Insert new records in one batch, each with its own stamp and audit entry."""
        store = self.registry.store
        records = []
        for plan in plans:
            stamp = Stamp(store.clock.tick(), store.origin)
            values = dict(plan.outcome.values)
            kind = Kind(plan.outcome.kind or Kind.PERSON.value)
            records.append(Record(new_id(), kind, values, {f: stamp for f in values}))
        store.insert_many(records)
        for plan, record in zip(plans, records, strict=True):
            plan.outcome.record_id = record.id


def _refresh(plan: _RowPlan, entry: Entry) -> None:
    """Recompute a plan's changes after later rows of the file changed the same record."""
    assert entry.record is not None
    before = entry.record.values
    plan.changes = {k: v for k, v in entry.values.items() if before.get(k) != v}
    plan.outcome.action = "update" if plan.changes else "unchanged"
    plan.outcome.fields = sorted(plan.changes)
    plan.outcome.changes = _old_new(before, plan.changes)


def _old_new(before: dict[str, Any], changes: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (before.get(k), changes[k]) for k in sorted(changes)}


def _namesake(kind: Kind, values: dict[str, Any], entry: Entry) -> Namesake:
    verdict = identify(kind, values, entry.values)
    differs = {f: (entry.values.get(f), values[f]) for f in verdict.differ}
    if entry.record is None:
        return Namesake(verdict.reason(kind), differs, line=int(entry.ref))
    return Namesake(verdict.reason(kind), differs, record_id=entry.ref)


def _review_beside(kind: Kind, outcome: Outcome, entry: Entry) -> None:
    """Put a new row beside ``entry`` for review, unless it is there already."""
    namesake = _namesake(kind, outcome.values, entry)
    if namesake.line == outcome.line or any(
            (n.record_id, n.line) == (namesake.record_id, namesake.line)
            for n in outcome.namesakes):
        return
    outcome.namesakes.append(namesake)
    outcome.action = "review"
    outcome.reason = "; ".join(filter(None, [outcome.reason,
                                             f"kept apart from {namesake.ref}: {namesake.reason}"]))


def _review_pairs(created: list[_RowPlan]) -> list[tuple[str, str, str]]:
    """The (namesake, new record, reason) pairs of the written rows, earlier rows resolved."""
    by_line = {p.outcome.line: p.outcome.record_id for p in created}
    pairs = []
    for plan in created:
        for namesake in plan.outcome.namesakes:
            if namesake.line is not None:
                namesake.record_id = by_line[namesake.line]
            assert namesake.record_id is not None and plan.outcome.record_id is not None
            pairs.append((namesake.record_id, plan.outcome.record_id, namesake.reason))
    return pairs


def _kept(entry: Entry, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The protection fields the row would lower, as (the entry's value, the row's): the
    one rule a local edit asks (``Registry.update``), the entry's protection kept."""
    return {f: (entry.values.get(f), values[f]) for f in lowered_fields(entry.values, values)}


def _joined_to(sources: list[int], beside: dict[int, list[int]]) -> set[int]:
    """The lines ``sources`` are joined to through ``beside`` (themselves included)."""
    seen, todo = set(sources), list(sources)
    while todo:
        for other in beside[todo.pop()]:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _guard(outcome: Outcome) -> None:
    outcome.values["sensitivity"] = Sensitivity.PROTECTED.label
    outcome.fields = sorted(outcome.values)
    outcome.reason = "; ".join(filter(None, [outcome.reason, GUARDED_NOTE]))


def _people(matcher: Matcher, entries: list[Entry]) -> list[Entry]:
    """Each entry's person (``Matcher.person_of``), once; an entry whose person is gone
    (deleted, or links that go round) stands for itself."""
    out: dict[str, Entry] = {}
    known: dict[str, Entry | None] = {}
    for entry in entries:
        person = matcher.person_of(entry, known) or entry
        out.setdefault(person.ref, person)
    return list(out.values())


def _strong(matcher: Matcher, kind: Kind, values: dict[str, Any],
            found: list[Entry]) -> list[Entry]:
    """The records the row is, each once: a strong match's person, when no identifier of
    that person disagrees with the row either (it is the one the row updates). A strong
    match whose person is gone is never updated: the row is reviewed beside it."""
    out: dict[str, Entry] = {}
    for entry in found:
        if not may_be_strong(kind, values, entry.values) \
                or not identify(kind, values, entry.values).strong:
            continue
        person = matcher.person_of(entry)
        if person is None or (person is not entry and identify(kind, values,
                                                                person.values).disagree):
            continue
        out.setdefault(person.ref, person)
    return list(out.values())


def _may_hold(entry: Entry, values: dict[str, Any]) -> bool:
    """False when ``entry`` cannot hold the row (:func:`_changes` by name is not empty), for a
    fraction of its cost: an identifier of the row that the entry lacks, or holds as another
    identifier, is a change (an identifier is neither a name nor a protection field, and the
    sensitivity rules touch only ``sensitivity``). True says nothing: ask :func:`_changes`."""
    current = entry.values
    for name in IDENTIFIERS[entry.kind]:
        value = values.get(name)
        if value is None:
            continue
        held = current.get(name)
        if held is None or (held != value and not same_identifier(name, value, held)):
            return False
    return True


def _changes(entry: Entry, values: dict[str, Any], *, names_too: bool) -> dict[str, Any]:
    """The values that differ from the entry's, with the sensitivity rules applied.

    Matched by name (not ``names_too``), names only fill empty name fields, and an identifier
    written another way (``ANNA@example.org``, ``8 999 …`` for ``+7 999 …``) is kept as stored.
    A protection field the row would lower is left as it is (:func:`_kept`).
    """
    current = entry.values
    ids = () if names_too else IDENTIFIERS[entry.kind]
    lowered = set(lowered_fields(current, values))
    changes = {k: v for k, v in values.items() if current.get(k) != v and k not in lowered
               and (names_too or k not in _NAMES or not current.get(k))
               and not (k in ids and current.get(k) is not None
                        and same_identifier(k, v, current[k]))}
    if not changes:
        return {}
    merged = apply_rules(entry.kind, {**current, **changes})
    keys = sorted(set(changes) | {"sensitivity"})
    return {k: merged[k] for k in keys if k in merged and current.get(k) != merged[k]}


def _chunks(items: list[_RowPlan], size: int) -> Iterator[list[_RowPlan]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
