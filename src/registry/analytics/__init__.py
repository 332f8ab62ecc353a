"""Analytics over an open vault: plurality, regional coverage, support coordination, permit
expiry, evaluations and the network of ties (DESIGN §8). Qt-free.

Every function takes a DB-API connection (``Registry.store.conn``) and, where time matters,
``today`` — injected, so figures are reproducible in tests. Aggregation happens in SQL; the
results are plain dataclasses with ``to_json()``. :func:`stats` assembles the figures of
``registry stats --json``; :func:`suppress` blanks small cells before anything is exported.
Graph algorithms import igraph on first use only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from registry.analytics import (
    coverage,
    evaluations,
    gaps,
    labels,
    network,
    permits,
    plurality,
    support,
)
from registry.analytics._db import (
    SAME,
    Connection,
    Groups,
    live,
    live_evaluation,
    live_support,
    live_tie,
)
from registry.analytics.plurality import Plurality, Population
from registry.analytics.suppress import SMALL_CELL, suppress
from registry.analytics.targets import META_KEY, Targets
from registry.domain.enums import Kind
from registry.domain.model import KINDS

__all__ = [
    "META_KEY", "SMALL_CELL", "Plurality", "Population", "Targets", "counts", "coverage",
    "evaluations", "gaps", "labels", "network", "permits", "plurality", "stats", "support",
    "suppress",
]


def stats(conn: Connection, today: dt.date, targets: Targets | None = None,
          groups: Groups | None = None) -> dict[str, Any]:
    """All headline figures, as JSON-ready data (unsuppressed: see :func:`suppress`).

    Keys: ``as_of``, ``counts``, ``targets``, ``people``, ``participants``, ``recipients``,
    ``regions``, ``support``, ``permits``, ``evaluations``.
    """
    targets = targets or Targets()
    # read once (or given): every figure counts a "same" group once, and no one gone
    groups = groups if groups is not None else Groups.load(conn)
    pops = {p: plurality.plurality(conn, p, groups) for p in Population}
    return {
        "as_of": today.isoformat(),
        "counts": counts(conn, groups),
        "targets": targets.to_json(),
        **{p.value: _plurality_json(fig, targets) for p, fig in pops.items()},
        "regions": {**coverage.coverage(conn, pops[Population.PEOPLE], groups).to_json(),
                    "without_support": gaps.regions_without_support(
                        conn, pops[Population.RECIPIENTS], groups)},
        "support": _support_json(conn, today, pops, targets, groups),
        "permits": _permits_json(permits.permit_expiry(conn, today, groups=groups)),
        "evaluations": _evaluations_json(conn, targets, groups),
    }


_COUNTED = {Kind.SUPPORT: live_support, Kind.TIE: live_tie, Kind.EVALUATION: live_evaluation}
"""Kinds about actors count while those actors are live (``_db``); others while live."""


def counts(conn: Connection, groups: Groups | None = None) -> dict[str, int]:
    """Live records by kind (a support, tie or evaluation: between live actors); people and
    organisations decided "same" count once (``groups``: read when not given)."""
    groups = groups if groups is not None else Groups.load(conn)
    out = {}
    for kind, spec in KINDS.items():
        where = _COUNTED.get(kind, live)("r")
        if kind in (Kind.PERSON, Kind.ORGANISATION):
            where += " AND r.id NOT IN (SELECT id FROM same)"
        (n,) = conn.execute(f"WITH {SAME} SELECT count(*) FROM {spec.table} AS r "  # noqa: S608
                            f"WHERE {where}", groups.params()).fetchone()
        out[kind.value] = int(n)
    return out


def _plurality_json(fig: Plurality, targets: Targets) -> dict[str, Any]:
    return {**fig.to_json(), "women_ok": targets.women_ok(fig.women_share),
            "non_russian_ok": targets.non_russian_ok(fig.non_russian_share)}


def _support_json(conn: Connection, today: dt.date, pops: dict[Population, Plurality],
                  targets: Targets, groups: Groups) -> dict[str, Any]:
    by_currency = support.concentration(conn, groups)
    head = by_currency.get(support.HEADLINE_CURRENCY)
    group_gaps = gaps.group_gaps(pops[Population.PEOPLE], pops[Population.RECIPIENTS],
                                 targets)
    return {
        "overlaps": [o.to_json() for o in support.overlaps(conn, groups)],
        "undated": support.undated(conn, groups),
        "currency": support.HEADLINE_CURRENCY,
        "total": head.total if head else 0.0,
        "recipients": head.recipients if head else 0,
        "providers": head.providers if head else 0,
        "top10_share": head.top10_share if head else None,
        "hhi": head.hhi if head else None,
        "provider_hhi": head.provider_hhi if head else None,
        "by_currency": {c: f.to_json() for c, f in by_currency.items()},
        "horizons": {k: h.to_json() for k, h in
                     support.horizons(conn, today.isoformat(), groups).items()},
        "gaps": [g.to_json() for g in group_gaps],
    }


def _permits_json(expiry: permits.PermitExpiry) -> dict[str, Any]:
    """The permit counts without the per-person list (that stays on the vault's screen)."""
    data = expiry.to_json()
    data.pop("permits")
    return data


def _evaluations_json(conn: Connection, targets: Targets, groups: Groups) -> dict[str, Any]:
    subjects = evaluations.overview(conn, targets.disagreement_spread, groups=groups)
    return {
        "subjects": len(subjects),
        "disagreements": sum(s.disagreement for s in subjects),
        "threshold": targets.disagreement_spread,
        "trend": [t.to_json() for t in evaluations.trend(conn, groups=groups)],
    }
