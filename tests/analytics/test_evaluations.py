"""Evaluations side by side: latest per assessor, spreads, disagreements, trends."""

from __future__ import annotations

import pytest

from registry.analytics import evaluations as ev
from tests.analytics.conftest import Build


def test_no_evaluations(build: Build) -> None:
    assert ev.overview(build.conn) == []
    assert ev.trend(build.conn) == []
    assert ev.side_by_side(build.conn, "x").assessments == []


def test_latest_per_assessor_spread_and_disagreement(build: Build) -> None:
    org = build.org("o")
    build.evaluation(org, "2024-01-01", (0, 0, 0), "A")  # superseded by A's later one
    build.evaluation(org, "2024-06-01", (3, 2, 1), "A")
    build.evaluation(org, "2024-03-01", (1, 2, 2), "B")
    build.evaluation(org, "2024-05-01", (2, 3, 1))  # ours
    [s] = ev.overview(build.conn)
    assert s.assessors == 3
    assert s.spread == (2, 1, 1)  # criterion 1: 3,1,2
    assert s.mean == (pytest.approx(2.0), pytest.approx(7 / 3), pytest.approx(4 / 3))
    assert s.disagreement
    assert ev.overview(build.conn, threshold=3) == [
        ev.SubjectScores(org, 3, s.mean, (2, 1, 1), False)]


def test_one_assessor_never_disagrees(build: Build) -> None:
    org = build.org("o")
    build.evaluation(org, "2024-01-01", (0, 4, 0), "A")
    build.evaluation(org, "2024-02-01", (4, 0, 4), "A")
    [s] = ev.overview(build.conn)
    assert (s.assessors, s.spread, s.disagreement) == (1, (0, 0, 0), False)


def test_disagreements_only_and_order(build: Build) -> None:
    calm, split = build.org("calm"), build.org("split")
    build.evaluation(calm, "2024-01-01", (2, 2, 2), "A")
    build.evaluation(calm, "2024-01-01", (3, 2, 2), "B")
    build.evaluation(split, "2024-01-01", (0, 2, 2), "A")
    build.evaluation(split, "2024-01-01", (4, 2, 2), "B")
    assert [s.subject for s in ev.overview(build.conn)] == [split, calm]
    assert [s.subject for s in ev.overview(build.conn, disagreements_only=True)] == [split]


def test_side_by_side_marks_latest(build: Build) -> None:
    org = build.org("o")
    a1 = build.evaluation(org, "2024-01-01", (1, 1, 1), "A")
    b1 = build.evaluation(org, "2024-02-01", (2, 2, 2), "B")
    a2 = build.evaluation(org, "2024-03-01", (3, 3, 3), "A")
    sbs = ev.side_by_side(build.conn, org)
    assert [(a.id, a.latest) for a in sbs.assessments] == [(a1, False), (b1, True),
                                                           (a2, True)]
    assert sbs.assessments[0].assessor_name == "Official A"


def test_trend_by_year_and_subject(build: Build) -> None:
    o1, o2 = build.org("1"), build.org("2")
    build.evaluation(o1, "2023-05-01", (1, 1, 1), "A")
    build.evaluation(o2, "2023-09-01", (3, 1, 2), "A")
    build.evaluation(o1, "2024-02-01", (4, 4, 4), "A")
    points = ev.trend(build.conn)
    assert [(p.period, p.evaluations) for p in points] == [("2023", 2), ("2024", 1)]
    assert points[0].mean == (2.0, 1.0, 1.5)
    assert [p.period for p in ev.trend(build.conn, o2)] == ["2023"]
    assert [p.period for p in ev.trend(build.conn, by="month")] == ["2023-05", "2023-09",
                                                                    "2024-02"]


def test_deleted_evaluation_is_ignored(build: Build) -> None:
    org = build.org("o")
    build.evaluation(org, "2024-01-01", (0, 0, 0), "A")
    gone = build.evaluation(org, "2024-01-01", (4, 4, 4), "B")
    build.reg.delete(gone)
    [s] = ev.overview(build.conn)
    assert (s.assessors, s.disagreement) == (1, False)
