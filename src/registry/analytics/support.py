"""Support coordination: who supports whom over time, overlaps, concentration, horizons.

Definitions (all over *effective* support, see ``_db``; actors decided "same" are one
provider or recipient, their group's representative):

* **Overlap** — one recipient, one kind of support, two or more different providers whose
  periods intersect. Periods are inclusive calendar days ``[start, end]``: ``[a, b]`` and
  ``[b, c]`` share day ``b`` and so DO overlap; ``[a, b]`` and ``[b+1, c]`` do not. A
  missing end means still running; support without a start date cannot be placed in time
  and is left out (counted in ``undated``).
* **Concentration** is measured over *recipients*, the paper's worry ("a narrow group of
  long-established actors"): for each currency separately — amounts in different
  currencies are never added up — ``top10_share`` is the share of the total going to the
  ten largest recipients and ``hhi`` the Herfindahl–Hirschman index, the sum of squared
  recipient shares, as a fraction 0..1 (multiply by 10,000 for the antitrust scale).
  ``provider_hhi`` is the same over providers. The headline figures are for EUR.
* **Founded** — amounts to organisations founded before 2022 ("long-established") and
  since 2022 (emerged in exile), to people, and to organisations without a founding year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from registry.analytics._db import (
    OPEN_END,
    SAME,
    Connection,
    Groups,
    effective,
    share,
    support_rows,
)

HEADLINE_CURRENCY = "EUR"
CUTOFF_YEAR = 2022


@dataclass(frozen=True)
class Overlap:
    recipient: str
    kind: str
    providers: list[str]
    start: str
    end: str | None
    """The span of the intersecting periods (``None``: still running)."""

    def to_json(self) -> dict[str, Any]:
        return {"recipient": self.recipient, "kind": self.kind, "providers": self.providers,
                "start": self.start, "end": self.end}


def overlaps(conn: Connection, groups: Groups | None = None) -> list[Overlap]:
    """Every (recipient, kind) with intersecting periods from two or more providers."""
    groups = groups if groups is not None else Groups.load(conn)
    rows = conn.execute(
        f"WITH {SAME}, {support_rows(effective('s'))} "  # noqa: S608
        "SELECT a.recipient_id, a.kind, a.provider_id, b.provider_id, "
        "max(a.start, b.start), min(coalesce(a.\"end\", :open), coalesce(b.\"end\", :open)) "
        "FROM e AS a JOIN e AS b ON b.recipient_id = a.recipient_id "
        "AND b.kind = a.kind AND b.provider_id > a.provider_id "
        "WHERE a.start IS NOT NULL AND b.start IS NOT NULL "
        "AND a.start <= coalesce(b.\"end\", :open) AND b.start <= coalesce(a.\"end\", :open)",
        {"open": OPEN_END, **groups.params()}).fetchall()
    found: dict[tuple[str, str], tuple[set[str], str, str]] = {}
    for recipient, kind, pa, pb, start, end in rows:
        providers, lo, hi = found.get((recipient, kind), (set(), start, end))
        found[(recipient, kind)] = (providers | {pa, pb}, min(lo, start), max(hi, end))
    return [Overlap(r, k, sorted(p), lo, None if hi == OPEN_END else hi)
            for (r, k), (p, lo, hi) in sorted(found.items())]


def undated(conn: Connection, groups: Groups | None = None) -> int:
    """Effective support without a start date (left out of overlaps)."""
    groups = groups if groups is not None else Groups.load(conn)
    (n,) = conn.execute(f"SELECT count(*) FROM support AS s WHERE {effective('s')} "  # noqa: S608
                        "AND s.start IS NULL", groups.params()).fetchone()
    return int(n)


@dataclass(frozen=True)
class Concentration:
    """Concentration of amounts in one currency."""

    currency: str
    total: float
    supports: int
    recipients: int
    providers: int
    top10_share: float | None
    hhi: float | None
    provider_hhi: float | None
    founded: dict[str, float] = field(default_factory=dict)
    """Amount by recipient category: before_2022, since_2022, people, unknown."""

    @property
    def founded_shares(self) -> dict[str, float | None]:
        return {k: share(v, self.total) for k, v in self.founded.items()}

    def to_json(self) -> dict[str, Any]:
        return {"currency": self.currency, "total": self.total, "supports": self.supports,
                "recipients": self.recipients, "providers": self.providers,
                "top10_share": self.top10_share, "hhi": self.hhi,
                "provider_hhi": self.provider_hhi, "founded": dict(self.founded),
                "founded_shares": self.founded_shares}


_AMOUNTS = (f"{SAME}, {support_rows(effective('s'))}, "  # noqa: S608
            "a AS (SELECT e.currency, e.recipient_id, e.provider_id, e.amount FROM e "
            "WHERE e.amount > 0 AND e.currency IS NOT NULL)")
"""The CTEs ``same``, ``e`` and ``a``: the amounts given, by actors as they count."""


def concentration(conn: Connection, groups: Groups | None = None) -> dict[str, Concentration]:
    """Concentration per currency, in currency order (a "same" group is one recipient)."""
    groups = groups if groups is not None else Groups.load(conn)
    heads = conn.execute(
        f"WITH {_AMOUNTS}, r AS (SELECT currency, recipient_id, sum(amount) AS v "  # noqa: S608
        "FROM a GROUP BY currency, recipient_id), "
        "t AS (SELECT currency, v, row_number() OVER (PARTITION BY currency ORDER BY v DESC) "
        "AS rank FROM r) "
        "SELECT r.currency, sum(r.v), count(*), sum(r.v * r.v), "
        "(SELECT sum(v) FROM t WHERE t.currency = r.currency AND t.rank <= 10), "
        "(SELECT count(*) FROM a WHERE a.currency = r.currency) "
        "FROM r GROUP BY r.currency ORDER BY r.currency", groups.params()).fetchall()
    providers = _provider_sums(conn, groups)
    founded = _founded(conn, groups)
    out = {}
    for cur, total, n, squares, top10, supports in heads:
        p_count, p_squares = providers.get(cur, (0, 0.0))
        out[cur] = Concentration(cur, float(total), int(supports), int(n), p_count,
                                 share(top10, total), share(squares, total * total),
                                 share(p_squares, total * total), founded.get(cur, {}))
    return out


def _provider_sums(conn: Connection, groups: Groups) -> dict[str, tuple[int, float]]:
    rows = conn.execute(
        f"WITH {_AMOUNTS}, p AS (SELECT currency, provider_id, sum(amount) AS v "  # noqa: S608
        "FROM a GROUP BY currency, provider_id) "
        "SELECT currency, count(*), sum(v * v) FROM p GROUP BY currency",
        groups.params()).fetchall()
    return {c: (int(n), float(sq)) for c, n, sq in rows}


def _founded(conn: Connection, groups: Groups) -> dict[str, dict[str, float]]:
    rows = conn.execute(
        f"WITH {_AMOUNTS} SELECT a.currency, CASE "  # noqa: S608
        "WHEN o.id IS NULL THEN CASE WHEN p.id IS NULL THEN 'unknown' ELSE 'people' END "
        "WHEN o.founded IS NULL THEN 'unknown' "
        f"WHEN o.founded < {CUTOFF_YEAR} THEN 'before_2022' ELSE 'since_2022' END, "
        "sum(a.amount) FROM a LEFT JOIN organisation AS o ON o.id = a.recipient_id "
        "LEFT JOIN person AS p ON p.id = a.recipient_id GROUP BY 1, 2",
        groups.params()).fetchall()
    out: dict[str, dict[str, float]] = {}
    for cur, cat, amount in rows:
        cats = out.setdefault(cur, dict.fromkeys(
            ("before_2022", "since_2022", "people", "unknown"), 0.0))
        cats[cat] = float(amount)
    return out


@dataclass(frozen=True)
class HorizonFigures:
    horizon: str
    supports: int
    recipients: int
    active: int
    amounts: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"supports": self.supports, "recipients": self.recipients,
                "active": self.active, "amounts": dict(self.amounts)}


HORIZONS = ("short", "mid", "long", "unspecified")


def horizons(conn: Connection, today: str, groups: Groups | None = None
             ) -> dict[str, HorizonFigures]:
    """Support per horizon: records, distinct recipients (a "same" group once), running
    today, amounts by currency."""
    groups = groups if groups is not None else Groups.load(conn)
    h = "coalesce(s.horizon, 'unspecified')"
    counts = {k: (int(n), int(r), int(a or 0)) for k, n, r, a in conn.execute(
        f"WITH {SAME}, {support_rows(effective('s'))} SELECT {h}, count(*), "  # noqa: S608
        "count(DISTINCT s.recipient_id), sum(s.start <= :d AND coalesce(s.\"end\", :open) "
        ">= :d) FROM e AS s GROUP BY 1", {"d": today, "open": OPEN_END, **groups.params()})}
    amounts: dict[str, dict[str, float]] = {}
    for k, cur, total in conn.execute(
            f"SELECT {h}, s.currency, sum(s.amount) FROM support AS s "  # noqa: S608
            f"WHERE {effective('s')} AND s.amount > 0 AND s.currency IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY 1, 2", groups.params()):
        amounts.setdefault(k, {})[cur] = float(total)
    return {k: HorizonFigures(k, *counts.get(k, (0, 0, 0)), amounts.get(k, {}))
            for k in HORIZONS}


@dataclass(frozen=True)
class MatrixCell:
    provider: str
    recipient: str
    year: int | None
    supports: int
    amounts: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"provider": self.provider, "recipient": self.recipient, "year": self.year,
                "supports": self.supports, "amounts": dict(self.amounts)}


def matrix(conn: Connection, *, provider: str | None = None,
           recipient: str | None = None, groups: Groups | None = None) -> list[MatrixCell]:
    """Providers × recipients × year the support started (None: no start date).

    Amounts are summed per currency; a "same" group is one provider or recipient (its
    representative, ``_db.Groups``). Optionally narrowed to one provider or recipient.
    """
    groups = groups if groups is not None else Groups.load(conn)
    where, args = ["1"], groups.params()
    for column, value in (("provider_id", provider), ("recipient_id", recipient)):
        if value is not None:
            where.append(f"s.{column} = :{column}")
            args[column] = groups.of(value)
    rows = conn.execute(
        f"WITH {SAME}, {support_rows(effective('s'))} "  # noqa: S608
        "SELECT s.provider_id, s.recipient_id, CAST(substr(s.start, 1, 4) AS INTEGER), "
        "s.currency, count(*), sum(CASE WHEN s.amount > 0 THEN s.amount END) FROM e AS s "
        f"WHERE {' AND '.join(where)} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
        args).fetchall()
    cells: dict[tuple[str, str, int | None], MatrixCell] = {}
    for prov, rec, year, cur, n, amount in rows:
        key = (prov, rec, year)
        cell = cells.get(key) or MatrixCell(prov, rec, year, 0)
        if cur is not None and amount is not None:
            cell.amounts[cur] = cell.amounts.get(cur, 0.0) + float(amount)
        cells[key] = MatrixCell(prov, rec, year, cell.supports + int(n), cell.amounts)
    return list(cells.values())
