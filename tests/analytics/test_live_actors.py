"""A deleted or erased actor is neither named nor counted through what still points to her:
her support, permits and evaluations drop out of the dashboard, the figures and the labels,
as she drops out of the plurality figures, search and exports."""

from __future__ import annotations

from typing import Any

import pytest

from registry import analytics
from registry.analytics import evaluations, support
from registry.analytics.labels import labels
from registry.analytics.permits import permit_expiry
from tests.analytics.conftest import TODAY, Build


def _supported(build: Build, name: str) -> tuple[str, str, str]:
    """A person with permits from two authorities that overlap and expire in 60 days, and
    an evaluation; returns her id and the providers'."""
    one, two = build.donor(f"{name} Fund"), build.org(f"{name} Office", type="government")
    person = build.person(name)
    for provider in (one, two):
        build.support(provider, person, "residence_permit", status="active",
                      start="2025-01-01", end="2025-07-31", amount=1000, currency="EUR")
    build.evaluation(person, "2025-03-01", (1, 2, 3))
    return person, one, two


def _shown(build: Build, person: str) -> dict[str, Any]:
    """Where the dashboard, the figures and the labels name or count ``person``."""
    dash = build.reg.analytics.dashboard(TODAY, reveal=True)
    stats = analytics.stats(build.conn, TODAY)
    return {
        "permit list": [p.recipient_label for p in dash.permits.permits
                        if p.recipient == person],
        "matrix": [c for c in dash.matrix if c.recipient == person],
        "overlaps": [o for o in dash.stats["support"]["overlaps"] if o["recipient"] == person],
        "evaluations": [s for s in dash.subjects if s.subject == person],
        "names": {person} & set(dash.names),
        "labels": labels(build.conn, [person]),
        "people_180": stats["permits"]["people_180"],
        "supports": stats["counts"]["support"],
        "evaluated": stats["counts"]["evaluation"],
        "recipients": stats["support"]["recipients"],
        "total": stats["support"]["total"],
    }


@pytest.mark.parametrize("how", ["delete", "erase"])
def test_a_gone_person_is_not_named_or_counted_through_her_support(build: Build,
                                                                    how: str) -> None:
    gone, _, _ = _supported(build, "Борис Удалённый")
    kept, _, _ = _supported(build, "Вера Живая")
    getattr(build.reg, how)(gone)
    shown = _shown(build, gone)
    assert shown == {"permit list": [], "matrix": [], "overlaps": [], "evaluations": [],
                     "names": set(), "labels": {}, "people_180": 1, "supports": 2,
                     "evaluated": 1, "recipients": 1, "total": 2000.0}
    control = _shown(build, kept)  # the live one is there, in every place
    assert control["permit list"] == ["Вера Живая", "Вера Живая"]
    assert all(control[k] for k in ("matrix", "overlaps", "evaluations", "names", "labels"))


def test_support_from_a_deleted_provider_does_not_count(build: Build) -> None:
    person, gone, kept = _supported(build, "Анна")
    build.reg.delete(gone)
    assert [c.provider for c in support.matrix(build.conn)] == [kept]
    assert support.overlaps(build.conn) == []  # one provider left: no overlap
    assert [p.provider for p in permit_expiry(build.conn, TODAY).permits] == [kept]
    assert support.concentration(build.conn)["EUR"].total == 1000.0
    assert [s.subject for s in evaluations.overview(build.conn)] == [person]
