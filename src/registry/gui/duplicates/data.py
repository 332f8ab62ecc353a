"""What the duplicates screen loads, as plain data: every function runs on the database thread.

The review queue is ``Registry.matching.candidates`` with the two names of each pair;
a selected pair loads both records whole; the decisions list carries the names of both records
(a record erased since the decision shows as erased, never its former content).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.match.service import Decision

if TYPE_CHECKING:
    from registry.service import Registry

# fields of the record plumbing that the comparison does not list as fields
HIDDEN = frozenset({"deleted"})


@dataclass(frozen=True)
class Pair:
    """A candidate pair as the queue shows it."""

    a: str
    b: str
    kind: str
    score: float
    evidence: tuple[str, ...]
    name_a: str
    name_b: str


@dataclass(frozen=True)
class PairRecords:
    """Both records of a pair, for the side-by-side view."""

    pair: Pair
    first: Record
    second: Record


@dataclass(frozen=True)
class DecisionRow:
    a: str
    b: str
    decision: str
    decided_at: str
    name_a: str
    name_b: str


def label(record: Record | None) -> str:
    """A record's name in both scripts (``Юлия Навальная / Yulia Navalnaya``)."""
    if record is None or record.erased is not None:
        return ""
    v = record.values
    names = [str(v.get(f) or "").strip() for f in ("name", "name_latin")]
    return " / ".join(n for n in names if n) or record.id


def find_pairs(reg: Registry, min_score: float | None = None) -> list[Pair]:
    """The review queue: candidate pairs without a decision, best first, with their names."""
    found = reg.matching.candidates() if min_score is None else \
        reg.matching.candidates(min_score)
    return [Pair(c.a, c.b, c.kind, c.score, tuple(c.evidence), label(reg.find(c.a)),
                 label(reg.find(c.b))) for c in found]


def load_pair(reg: Registry, pair: Pair) -> PairRecords:
    return PairRecords(pair, reg.get(pair.a), reg.get(pair.b))


def decide(reg: Registry, pair: Pair, decision: str) -> Decision:
    return reg.matching.decide(pair.a, pair.b, decision)


def load_decisions(reg: Registry) -> list[DecisionRow]:
    """Every kept decision, newest first."""
    rows = [DecisionRow(d.a, d.b, d.decision, d.decided_at, label(reg.find(d.a)),
                        label(reg.find(d.b))) for d in reg.matching.decisions()]
    rows.sort(key=lambda r: r.decided_at, reverse=True)
    return rows


def field_names(kind: Kind, first: Record, second: Record) -> list[str]:
    """The fields either record holds, in the kind's field order."""
    from registry.domain.model import KINDS

    names = [f.name for f in KINDS[kind].fields if f.name not in HIDDEN]
    return [n for n in names if _present(first.values.get(n)) or _present(second.values.get(n))]


def _present(value: Any) -> bool:
    return value not in (None, "", [], False)
