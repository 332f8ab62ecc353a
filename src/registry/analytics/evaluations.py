"""Evaluations on the paper's three criteria, side by side, with disagreements and trends.

Several officials may assess the same actor; their evaluations are never merged. The
comparison uses each assessor's *latest* evaluation of the actor (by date, then id): per
criterion the ``spread`` is the highest minus the lowest of those scores, and the actor is a
*disagreement* when any criterion's spread reaches the threshold (2 by default, see
``Targets.disagreement_spread``). A criterion an assessor left unscored does not count.
Trends are mean scores per period (year ``YYYY`` or month ``YYYY-MM``) of the evaluation date.
Only evaluations of live actors count: a deleted or erased subject's are left out. Records
decided "same" are one actor: their evaluations are compared as one subject's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from registry.analytics._db import SAME, Connection, Groups, join_same, live_evaluation, one

CRITERIA = ("score_1", "score_2", "score_3")

_SUBJECT = one("e.subject_id", "g")
_LATEST = (
    "SELECT subject_id, assessor, score_1, score_2, score_3 FROM ("  # noqa: S608
    f"SELECT {_SUBJECT} AS subject_id, e.assessor, e.score_1, e.score_2, e.score_3, "
    f"row_number() OVER (PARTITION BY {_SUBJECT}, coalesce(e.assessor, '') ORDER BY e.date "
    f"DESC, e.id DESC) AS n FROM evaluation AS e {join_same('e.subject_id', 'g')} WHERE "
    f"{live_evaluation('e')} AND e.subject_id IS NOT NULL) WHERE n = 1")
"""Each assessor's latest evaluation of each actor, a "same" group being one actor (after
``WITH`` :data:`~registry.analytics._db.SAME`)."""


@dataclass(frozen=True)
class SubjectScores:
    """One actor's latest scores from every assessor, summarised."""

    subject: str
    assessors: int
    mean: tuple[float | None, float | None, float | None]
    spread: tuple[int | None, int | None, int | None]
    disagreement: bool

    def to_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "assessors": self.assessors, "mean": list(self.mean),
                "spread": list(self.spread), "disagreement": self.disagreement}


def _opt_float(v: Any) -> float | None:
    return None if v is None else float(v)


def _opt_int(v: Any) -> int | None:
    return None if v is None else int(v)


def overview(conn: Connection, threshold: int = 2, *,
             disagreements_only: bool = False, groups: Groups | None = None
             ) -> list[SubjectScores]:
    """Every evaluated actor (or only the disagreements), the largest spread first."""
    groups = groups if groups is not None else Groups.load(conn)
    spreads = ", ".join(f"max({c}) - min({c}), avg({c})" for c in CRITERIA)
    rows = conn.execute(
        f"WITH {SAME} SELECT subject_id, count(*), {spreads} FROM ({_LATEST}) "  # noqa: S608
        "GROUP BY subject_id", groups.params()).fetchall()
    out = []
    for subject, n, s1, m1, s2, m2, s3, m3 in rows:
        spread = (_opt_int(s1), _opt_int(s2), _opt_int(s3))
        disagree = any(s is not None and s >= threshold for s in spread)
        if disagree or not disagreements_only:
            out.append(SubjectScores(subject, int(n), (_opt_float(m1), _opt_float(m2),
                                                       _opt_float(m3)), spread, disagree))
    out.sort(key=lambda s: (-max((x or 0) for x in s.spread), s.subject))
    return out


@dataclass(frozen=True)
class Assessment:
    id: str
    assessor: str
    assessor_name: str
    date: str
    scores: tuple[int | None, int | None, int | None]
    latest: bool
    """True for the assessor's latest evaluation of this actor."""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "assessor": self.assessor, "assessor_name": self.assessor_name,
                "date": self.date, "scores": list(self.scores), "latest": self.latest}


@dataclass(frozen=True)
class SideBySide:
    subject: str
    assessments: list[Assessment] = field(default_factory=list)
    """Every evaluation of the actor, by date then id."""

    def to_json(self) -> dict[str, Any]:
        return {"subject": self.subject,
                "assessments": [a.to_json() for a in self.assessments]}


def side_by_side(conn: Connection, subject_id: str, groups: Groups | None = None
                 ) -> SideBySide:
    """All evaluations of one actor (of every record decided "same" as it) from every
    assessor."""
    groups = groups if groups is not None else Groups.load(conn)
    rows = conn.execute(
        f"WITH {SAME} SELECT e.id, coalesce(e.assessor, ''), "  # noqa: S608
        "coalesce(e.assessor_name, ''), e.date, e.score_1, e.score_2, e.score_3 FROM "
        f"evaluation AS e {join_same('e.subject_id', 'g')} WHERE {live_evaluation('e')} "
        f"AND {_SUBJECT} = :subject ORDER BY e.date, e.id",
        {"subject": groups.of(subject_id), **groups.params()}).fetchall()
    latest = {r[1]: r[0] for r in rows}  # ordered by date: the last one per assessor wins
    return SideBySide(subject_id, [
        Assessment(i, a, name, date, (_opt_int(x), _opt_int(y), _opt_int(z)), latest[a] == i)
        for i, a, name, date, x, y, z in rows])


@dataclass(frozen=True)
class TrendPoint:
    period: str
    evaluations: int
    mean: tuple[float | None, float | None, float | None]

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "evaluations": self.evaluations,
                "mean": list(self.mean)}


def trend(conn: Connection, subject_id: str | None = None, *,
          by: str = "year", groups: Groups | None = None) -> list[TrendPoint]:
    """Mean scores per period over all actors, or over one actor's evaluations (of every
    record decided "same" as it)."""
    width = {"year": 4, "month": 7}[by]
    groups = groups if groups is not None else Groups.load(conn)
    where, args = live_evaluation("e") + " AND e.date IS NOT NULL", groups.params()
    if subject_id is not None:
        where += f" AND {_SUBJECT} = :subject"
        args["subject"] = groups.of(subject_id)
    rows = conn.execute(
        f"WITH {SAME} SELECT substr(e.date, 1, {width}), count(*), avg(e.score_1), "  # noqa: S608
        f"avg(e.score_2), avg(e.score_3) FROM evaluation AS e "
        f"{join_same('e.subject_id', 'g')} WHERE {where} GROUP BY 1 ORDER BY 1",
        args).fetchall()
    return [TrendPoint(p, int(n), (_opt_float(a), _opt_float(b), _opt_float(c)))
            for p, n, a, b, c in rows]
