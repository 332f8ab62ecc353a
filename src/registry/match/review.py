"""Duplicates in a vault: candidate pairs, the user's decisions, merging (Qt-free).

The review queue of the app and ``registry duplicates`` are thin clients of
these functions over an unlocked :class:`registry.service.Registry`:

* :func:`candidates` — live persons and organisations (not deleted, not
  erased, not already ``merged_into`` another record) proposed as pairs at or
  above a score, best first, each with its evidence; pairs with a stored
  decision are never proposed again;
* :func:`decide` — keep a decision ``same`` / ``not_same`` / ``unsure`` in the
  shared ``decision`` records (one per pair, in bundles too); ``same`` also
  sets ``merged_into`` on the newer record (ids are time-ordered UUIDv7) to the
  older one, through the service, so the link is versioned and travels in bundles;
* :func:`decisions` — every stored decision.

``not_same`` and ``unsure`` stay in this vault: sharing them would need a
bundle line kind of their own, which the bundle format does not have yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from registry.domain.enums import Kind
from registry.domain.ids import decision_id
from registry.domain.model import Record
from registry.errors import InvalidInput
from registry.match.duplicates import DEFAULT_THRESHOLD, find_duplicates
from registry.match.names import NameRecord

if TYPE_CHECKING:
    from registry.service import Registry

__all__ = ["DECISIONS", "Candidate", "Decision", "candidates", "decide", "decisions"]

DECISIONS = ("same", "not_same", "unsure")
_PERSON_EVIDENCE = ("gender", "country", "region", "city")
_ORGANISATION_EVIDENCE = ("country", "founded")


@dataclass(frozen=True)
class Candidate:
    """Two records that may be one entity, ``a < b``, with score and evidence."""

    a: str
    b: str
    kind: str
    score: float
    evidence: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": self.score, "kind": self.kind,
                "evidence": list(self.evidence)}


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


def _name_record(record: Record) -> NameRecord:
    """The duplicate finder's view of a stored person or organisation."""
    v = record.values
    fields = _PERSON_EVIDENCE if record.kind is Kind.PERSON else _ORGANISATION_EVIDENCE
    extra = {f: str(v[f]) for f in fields if v.get(f) not in (None, "")}
    return NameRecord(record.id, record.kind.value, str(v.get("name") or ""),
                      str(v.get("name_latin") or ""), tuple(str(a) for a in v.get("aliases") or ()),
                      extra)


def _records(reg: Registry, kind: Kind) -> Iterator[NameRecord]:
    for record in reg.store.iter_records(kind):
        if _live(record):
            yield _name_record(record)


def candidates(reg: Registry, min_score: float = DEFAULT_THRESHOLD) -> list[Candidate]:
    """Candidate duplicate pairs of live persons and of live organisations, best first."""
    decided = [frozenset((d.a, d.b)) for d in decisions(reg)]
    out: list[Candidate] = []
    for kind in (Kind.PERSON, Kind.ORGANISATION):
        found = find_duplicates(_records(reg, kind), min_score=min_score, exclude_pairs=decided)
        out += [Candidate(c.a_id, c.b_id, kind.value, c.score, c.evidence) for c in found]
    out.sort(key=lambda c: (-c.score, c.a, c.b))
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
    """Follow ``merged_into`` links to the record that survives (cycles stop)."""
    seen = {record.id}
    while target := record.values.get("merged_into"):
        if target in seen:
            break
        seen.add(target)
        record = reg.get(str(target))
    return record


def _raise_survivor(reg: Registry, survivor: Record) -> None:
    """Records decided "same" are one person for protection (DESIGN §6.4.3): the record that
    survives takes the group's highest protection, as a local edit that travels."""
    level = reg.protection_of(survivor.id)
    changes: dict[str, Any] = {}
    if level > survivor.sensitivity:
        changes["sensitivity"] = level.label
    if survivor.kind is Kind.PERSON and not survivor.values.get("inside_russia") and \
            reg.group_inside(survivor.id):
        changes["inside_russia"] = True
    if changes:
        reg.update(survivor.id, changes)


def decide(reg: Registry, a: str, b: str, decision: str) -> Decision:
    """Keep the user's decision on records ``a`` and ``b``; ``same`` merges them.

    For ``same`` the newer record gets ``merged_into`` = the older one (or the
    record the older one was itself merged into), set through the service so the
    link is stamped and travels in bundles.  A later decision on the same pair
    replaces the earlier one; a ``merged_into`` already set is left as it is.
    """
    if decision not in DECISIONS:
        raise InvalidInput(f"decision: one of {', '.join(DECISIONS)}.")
    first, second = reg.get(a), reg.get(b)
    if first.id == second.id:
        raise InvalidInput("A decision needs two different records.")
    if first.kind is not second.kind or first.kind not in (Kind.PERSON, Kind.ORGANISATION):
        raise InvalidInput("Only two persons or two organisations can be duplicates.")
    low, high = sorted((first.id, second.id))
    if decision == "same":
        older = _root(reg, reg.get(low))
        if older.id != high and not reg.get(high).values.get("merged_into"):
            reg.update(high, {"merged_into": older.id})
        _raise_survivor(reg, _root(reg, reg.get(high)))
    values = {"a_id": low, "b_id": high, "decision": decision,
              "decided_by": reg.identity.fingerprint, "decided_by_name": reg.identity.name}
    record_id = decision_id(low, high)
    with reg.store.write():
        existing = reg.store.get(record_id, Kind.DECISION)
        if existing is None:
            reg.store.insert(Kind.DECISION, {**values, "sensitivity": "internal"}, record_id)
        elif existing.erased is not None:
            raise InvalidInput("A decision on this pair was erased with one of its records.")
        else:
            reg.store.update(existing, {**values, "deleted": False})
    return Decision(low, high, decision, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    reg.identity.fingerprint)
