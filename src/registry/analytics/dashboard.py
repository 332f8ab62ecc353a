"""What the dashboard shows, computed off the GUI thread (Qt-free; the app reaches it through
``Registry.analytics``).

:func:`load` gathers every figure the dashboard shows in one job: ``analytics.stats`` with
the vault's targets, the support matrix, overlaps, permits and evaluations, and the labels
of the actors they name — protected people as pseudonyms unless ``reveal`` (DESIGN §4.2).
The region names (Russian and English) come along, so the GUI thread loads no pycountry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from registry.analytics._db import Connection
    from registry.analytics.evaluations import SideBySide, SubjectScores, TrendPoint
    from registry.analytics.permits import PermitExpiry
    from registry.analytics.support import MatrixCell
    from registry.analytics.targets import Targets


@dataclass
class DashboardData:
    today: dt.date
    stats: dict[str, Any]
    targets: Targets
    tiles: dict[str, tuple[int, int]]
    region_names: dict[str, tuple[str, str]]
    matrix: list[MatrixCell]
    permits: PermitExpiry
    subjects: list[SubjectScores]
    trend: list[TrendPoint]
    names: dict[str, str] = field(default_factory=dict)
    """Display label of every actor id named in the figures (pseudonyms unless revealed)."""
    reveal: bool = False

    def name(self, record_id: str | None) -> str:
        if not record_id:
            return ""
        return self.names.get(record_id, record_id[:8])


def region_names() -> dict[str, tuple[str, str]]:
    """(Russian, English) name of every code (loads pycountry: call on the worker)."""
    from registry.domain.regions import regions

    return {r.code: (r.name_ru, r.name_en) for r in regions()}


def load(conn: Connection, today: dt.date, *, reveal: bool = False,
         withheld: AbstractSet[str] = frozenset()) -> DashboardData:
    """Every figure and label of the dashboard (``reveal``, ``withheld``: as
    ``labels.labels`` takes them)."""
    from registry import analytics
    from registry.analytics import coverage, evaluations, permits, support
    from registry.analytics._db import Groups
    from registry.analytics.labels import labels

    targets = analytics.Targets.load(conn)
    groups = Groups.load(conn)  # a "same" group is one actor, in stats and below
    stats = analytics.stats(conn, today, targets, groups)
    matrix = support.matrix(conn, groups=groups)
    expiry = permits.permit_expiry(conn, today, reveal=reveal, withheld=withheld,
                                   groups=groups)
    subjects = evaluations.overview(conn, targets.disagreement_spread, groups=groups)
    ids = {c.provider for c in matrix} | {c.recipient for c in matrix}
    ids |= {s.subject for s in subjects} | {p.provider for p in expiry.permits}
    for overlap in stats["support"]["overlaps"]:
        ids |= {overlap["recipient"], *overlap["providers"]}
    names = {i: lb.text for i, lb in labels(conn, ids, reveal=reveal,
                                            withheld=withheld).items()}
    names |= {p.recipient: p.recipient_label for p in expiry.permits}
    return DashboardData(
        today,
        stats,
        targets,
        dict(coverage.grid()),
        region_names(),
        matrix,
        expiry,
        subjects,
        evaluations.trend(conn, groups=groups),
        names,
        reveal,
    )


def side_by_side(
    conn: Connection, subject: str, *, reveal: bool = False,
    withheld: AbstractSet[str] = frozenset()
) -> tuple[SideBySide, list[TrendPoint], str]:
    """One actor's evaluations from every assessor, its trend, and its label."""
    from registry.analytics import evaluations
    from registry.analytics._db import Groups
    from registry.analytics.labels import labels

    found = labels(conn, [subject], reveal=reveal, withheld=withheld)
    label = found[subject].text if subject in found else subject[:8]
    groups = Groups.load(conn)
    return (evaluations.side_by_side(conn, subject, groups),
            evaluations.trend(conn, subject, groups=groups), label)

