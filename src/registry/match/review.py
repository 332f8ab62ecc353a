"""Duplicates in a vault: candidate pairs, the user's decisions, merging (Qt-free).

The review queue of the app and ``registry duplicates`` are thin clients of
these functions over an unlocked :class:`registry.service.Registry`:

* :func:`candidates` — live persons and organisations (not deleted, not
  erased, not already ``merged_into`` another record) proposed as pairs at or
  above a score, best first, each with its evidence in words (and, in JSON, each line's
  code and values: :mod:`registry.match.evidence`); the evidence weighs the records' fields,
  e-mail and phone, and the organisations a person is tied to; pairs with a stored
  decision are never proposed again;
* :func:`decide` — keep a decision ``same`` / ``not_same`` / ``unsure`` in the
  shared ``decision`` records (one per pair, in bundles too); ``same`` also
  sets ``merged_into`` on the newer record (ids are time-ordered UUIDv7) to the
  older one, through the service, so the link is versioned and travels in bundles;
* :func:`decisions` — every stored decision;
* :func:`enqueue` / :func:`queued` — pairs put in the queue on purpose, with a reason (a
  spreadsheet row kept apart from a namesake it may or may not be: "spreadsheet namesake:
  country differs"). A queued pair is proposed whatever its score (``min_score`` never
  hides it) until it has a decision; :func:`decide` takes it off the queue. The queue is
  this vault's own to-do list and never travels: it lives in the vault's ``meta`` table
  (keys ``review_queue:A|B``), so it needed no schema change; the decision travels as usual.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from registry.domain.enums import Kind
from registry.domain.ids import decision_id
from registry.domain.model import MAY_BE_SAME, Record
from registry.domain.validate import FieldError, normalise
from registry.errors import QT_TRANSLATE_NOOP, InvalidInput
from registry.match.choices import DECISIONS
from registry.match.duplicates import DEFAULT_THRESHOLD, find_duplicates
from registry.match.evidence import Reason
from registry.match.names import NameRecord, compare

if TYPE_CHECKING:
    from registry.service import Registry
    from registry.store.records import Store

__all__ = ["DECISIONS", "Candidate", "Decision", "Queued", "candidates", "decide", "decisions",
           "enqueue", "name_record", "queued"]

_PERSON_EVIDENCE = ("gender", "country", "region", "city", "email", "phone")
_ORGANISATION_EVIDENCE = ("country", "founded", "website")
_QUEUE = "review_queue:"  # meta keys "review_queue:A|B", A < B
_QUEUE_END = "review_queue;"  # the next key after every queue key (':' + 1)


@dataclass(frozen=True)
class Candidate:
    """Two records that may be one entity, ``a < b``, with score and evidence; ``reason`` is
    set when the pair was queued on purpose (it is also the first line of the evidence)."""

    a: str
    b: str
    kind: str
    score: float
    evidence: tuple[str, ...]
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"a": self.a, "b": self.b, "score": self.score, "kind": self.kind,
               "evidence": list(self.evidence),
               "reasons": [r.to_json() if isinstance(r, Reason) else {"code": "queued",
                                                                      "values": [str(r)]}
                           for r in self.evidence]}
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Queued:
    """A pair put in the review queue on purpose, ``a < b``."""

    a: str
    b: str
    reason: str
    queued_at: str


@dataclass(frozen=True)
class Decision:
    """A user's decision on a pair, ``a < b``."""

    a: str
    b: str
    decision: str
    decided_at: str
    decided_by: str

    def to_json(self) -> dict[str, str]:
        return {"a": self.a, "b": self.b, "decision": self.decision,
                "decided_at": self.decided_at, "decided_by": self.decided_by}


def _live(record: Record) -> bool:
    return not record.deleted and not record.values.get("merged_into")


def _name_record(record: Record, organisations: dict[str, set[str]] | None = None) -> NameRecord:
    """The duplicate finder's view of a stored person or organisation; ``organisations`` maps
    a person to the organisations it is tied to (:func:`_ties`)."""
    return name_record(record.id, record.kind, record.values,
                       (organisations or {}).get(record.id))


def name_record(record_id: str, kind: Kind, v: Mapping[str, Any],
                tied: Collection[str] | None = None) -> NameRecord:
    """The duplicate finder's view of a person's or organisation's values (stored, or a row's
    about to be), with the organisations a person is tied to: what the review compares."""
    fields = _PERSON_EVIDENCE if kind is Kind.PERSON else _ORGANISATION_EVIDENCE
    extra = {f: str(v[f]) for f in fields if v.get(f) not in (None, "")}
    if tied:
        extra["organisations"] = " ".join(sorted(tied))
    return NameRecord(record_id, kind.value, str(v.get("name") or ""),
                      str(v.get("name_latin") or ""), tuple(str(a) for a in v.get("aliases") or ()),
                      extra)


def _records(reg: Registry, kind: Kind) -> Iterator[NameRecord]:
    organisations = _ties(reg) if kind is Kind.PERSON else {}
    for record in reg.store.iter_records(kind):
        if _live(record):
            yield _name_record(record, organisations)


def _ties(reg: Registry, ids: Collection[str] | None = None) -> dict[str, set[str]]:
    """The organisations each person (of ``ids``, or every one) is tied to by a live tie."""
    conn = reg.store.conn
    organisations = {str(i) for (i,) in conn.execute(
        "SELECT id FROM organisation WHERE erased IS NULL AND coalesce(deleted, 0) = 0")}
    live = "erased IS NULL AND coalesce(deleted, 0) = 0"
    if ids is None:
        rows = conn.execute(f"SELECT from_id, to_id FROM tie WHERE {live}")  # noqa: S608
    else:
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"SELECT from_id, to_id FROM tie WHERE {live} AND "  # noqa: S608
                            f"(from_id IN ({marks}) OR to_id IN ({marks}))", [*ids, *ids])
    out: dict[str, set[str]] = {}
    for a, b in rows:
        for person, organisation in ((str(a), str(b)), (str(b), str(a))):
            if organisation in organisations and (ids is None or person in ids):
                out.setdefault(person, set()).add(organisation)
    return out


def candidates(reg: Registry, min_score: float = DEFAULT_THRESHOLD) -> list[Candidate]:
    """Candidate duplicate pairs of live persons and of live organisations, best first: those
    scoring at least ``min_score`` and every queued pair (whatever its score)."""
    decided = {frozenset((d.a, d.b)) for d in decisions(reg)}
    out: dict[tuple[str, str], Candidate] = {}
    for kind in MAY_BE_SAME:
        found = find_duplicates(_records(reg, kind), min_score=min_score, exclude_pairs=decided)
        out.update({(c.a_id, c.b_id): Candidate(c.a_id, c.b_id, kind.value, c.score, c.evidence)
                    for c in found})
    for entry in queued(reg):
        if frozenset((entry.a, entry.b)) not in decided:
            pair = _queued_candidate(reg, entry, out.get((entry.a, entry.b)))
            if pair is not None:
                out[(entry.a, entry.b)] = pair
    return sorted(out.values(), key=lambda c: (-c.score, c.a, c.b))


def _queued_candidate(reg: Registry, entry: Queued, found: Candidate | None) -> Candidate | None:
    """A queued pair as a candidate, or None when either record is gone or merged away."""
    a, b = reg.store.get(entry.a), reg.store.get(entry.b)
    if a is None or b is None or a.kind is not b.kind or a.kind not in (Kind.PERSON,
                                                                         Kind.ORGANISATION):
        return None
    if a.erased is not None or b.erased is not None or not (_live(a) and _live(b)):
        return None
    if found is None:
        tied = _ties(reg, {a.id, b.id})
        m = compare(_name_record(a, tied), _name_record(b, tied))
        found = Candidate(a.id, b.id, a.kind.value, m.score, m.evidence)
    return Candidate(a.id, b.id, a.kind.value, found.score, (entry.reason, *found.evidence),
                     entry.reason)


def _queue_key(a: str, b: str) -> str:
    low, high = sorted((a, b))
    return f"{_QUEUE}{low}|{high}"


def enqueue(store: Store, pairs: Iterable[tuple[str, str, str]]) -> int:
    """Queue pairs ``(a, b, reason)`` for review; call inside the store's write transaction.

    Queuing a pair again replaces its reason. The reason names fields, never values.
    """
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rows = [(_queue_key(a, b), json.dumps({"reason": reason, "queued_at": now},
                                          ensure_ascii=False)) for a, b, reason in pairs]
    store.conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                           "UPDATE SET value = excluded.value", rows)
    return len(rows)


def queued(reg: Registry) -> list[Queued]:
    """Every queued pair, by pair (decided ones included: :func:`candidates` leaves them out)."""
    rows = reg.store.conn.execute("SELECT key, value FROM meta WHERE key >= ? AND key < ? "
                                  "ORDER BY key", (_QUEUE, _QUEUE_END)).fetchall()
    out = []
    for key, value in rows:
        low, _, high = str(key)[len(_QUEUE):].partition("|")
        data = json.loads(value)
        out.append(Queued(low, high, str(data.get("reason") or ""),
                          str(data.get("queued_at") or "")))
    return out


def decisions(reg: Registry) -> list[Decision]:
    """Every live decision in this vault (its own and those merged from bundles), by pair."""
    rows = reg.store.conn.execute(
        "SELECT a_id, b_id, decision, updated, decided_by FROM decision "
        "WHERE erased IS NULL AND coalesce(deleted, 0) = 0 ORDER BY a_id, b_id").fetchall()
    return [Decision(str(a), str(b), str(d), _when(int(hlc)), str(by or ""))
            for a, b, d, hlc, by in rows]


def _when(hlc: int) -> str:
    seconds = (hlc >> 16) / 1000
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds")


def _root(reg: Registry, record: Record) -> Record:
    """Follow ``merged_into`` links to the record that survives (cycles stop, and so does a
    link to a record erased or not held here: the last live record is the root)."""
    seen = {record.id}
    while target := record.values.get("merged_into"):
        if target in seen:
            break
        seen.add(target)
        found = reg.find(str(target))
        if found is None or found.erased is not None or found.kind is not record.kind:
            break
        record = found
    return record


def _path(reg: Registry, record: Record) -> list[Record]:
    """The records whose ``merged_into`` links lead from ``record`` to its root (``_root``),
    ``record`` first."""
    root, path = _root(reg, record), []
    while record.id != root.id:
        path.append(record)
        record = reg.get(str(record.values["merged_into"]))
    return path


def _raise_group(reg: Registry, a: str, b: str) -> None:
    """Records decided "same" are one person for protection (DESIGN §6.4.3): every record of
    the pair's groups takes the highest protection among them, as a local edit that travels.
    Each record then holds it itself, so a later import that erases one of them or moves a
    ``merged_into`` link does not leave another unprotected."""
    members = sorted(set(reg.group_of(a)) | set(reg.group_of(b)))
    level = max(reg.protection_of(m) for m in members)
    inside = any(reg.group_inside(m) for m in members)
    for member in members:
        record = reg.get(member)
        changes: dict[str, Any] = {}
        if level > record.sensitivity:
            changes["sensitivity"] = level.label
        if inside and record.kind is Kind.PERSON and not record.values.get("inside_russia"):
            changes["inside_russia"] = True
        if changes:
            kept = reg.store.own_level(member)
            reg.update(member, changes)  # a raise of the rule's, not the official's ask: what
            if record.kind is Kind.PERSON:  # she was given stays hers, as it was (update took
                reg.store.restore_own_level(  # the raise for an ask)
                    member, (record.sensitivity, None) if kept is None else kept)


def decide(reg: Registry, a: str, b: str, decision: str) -> Decision:
    """Keep the user's decision on records ``a`` and ``b``; ``same`` merges them.

    For ``same`` the newer record gets ``merged_into`` = the older one (or the
    record the older one was itself merged into), set through the service so the
    link is stamped and travels in bundles; when either was merged into a third
    record already, the two groups' survivors are linked instead (the newer into
    the older), so the two groups become one (DESIGN §6.4.3: a flag set later on any
    of them protects them all). A later decision on the same pair replaces the
    earlier one.
    """
    if decision not in DECISIONS:
        raise InvalidInput(f"decision: one of {', '.join(DECISIONS)}.")
    first, second = reg.get(a), reg.get(b)
    if first.id == second.id:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "A decision needs two different records."))
    if first.kind is not second.kind or first.kind not in MAY_BE_SAME:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "Only two persons or two organisations can be duplicates."))
    low, high = sorted((first.id, second.id))
    values = {"a_id": low, "b_id": high, "decision": decision,
              "decided_by": reg.identity.fingerprint, "decided_by_name": reg.identity.name}
    try:  # checked as any record is before it is written
        checked = normalise(Kind.DECISION, {**values, "sensitivity": "internal"}, partial=False)
    except FieldError as exc:
        raise InvalidInput(str(exc)) from None
    record_id = decision_id(low, high)
    with reg.store.write():  # the merge, the raised protection and the decision: all or none
        if decision == "same":
            # the two groups' survivors: the newer one is merged into the older, so every
            # link goes from a newer id to an older one and no two vaults' decisions can
            # make a cycle of links
            older, newer = sorted((_root(reg, reg.get(low)).id, _root(reg, reg.get(high)).id))
            if older != newer:
                reg.update(newer, {"merged_into": older})
            else:  # one group already: the links that make it one are hers now too
                for link in (*_path(reg, reg.get(low)), *_path(reg, reg.get(high))):
                    reg.update(link.id, {"merged_into": link.values["merged_into"]})
            _raise_group(reg, low, high)
        existing = reg.store.get(record_id, Kind.DECISION)
        if existing is None:
            reg.store.insert(Kind.DECISION, checked, record_id)
        elif existing.erased is not None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "A decision on this pair was erased with one of its records."))
        else:
            checked.pop("sensitivity")
            reg.store.update(existing, {**checked, "deleted": False}, restate=True)
        reg.store.conn.execute("DELETE FROM meta WHERE key = ?", (_queue_key(low, high),))
    return Decision(low, high, decision, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    reg.identity.fingerprint)
