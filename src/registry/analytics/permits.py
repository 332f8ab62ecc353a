"""Permit expiry: residence and work permits and humanitarian visas ending soon.

A permit is live support (between live actors) of a kind in ``PERMIT_KINDS`` whose status is
unknown, ``granted`` or ``active`` (an ``expired``, ``requested`` or ``refused`` one is not
running out). It expires within N days when ``today <= end <= today + N``; the windows are
cumulative (the 90-day figure includes the 30-day one). The host country is the providing
authority's country, else the recipient's country of residence. Counts are of permits;
``people`` of distinct recipients.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from registry.analytics._db import SAME, Connection, Groups, in_list, live_support, support_rows
from registry.analytics.labels import labels
from registry.domain.enums import PERMIT_KINDS

WINDOWS = (30, 90, 180)
RUNNING_STATUSES = ("granted", "active")


@dataclass(frozen=True)
class ExpiringPermit:
    support: str
    recipient: str
    recipient_label: str
    protected: bool
    kind: str
    end: str
    days_left: int
    country: str | None
    provider: str

    def to_json(self) -> dict[str, Any]:
        return {"support": self.support, "recipient": self.recipient,
                "recipient_label": self.recipient_label, "protected": self.protected,
                "kind": self.kind, "end": self.end, "days_left": self.days_left,
                "country": self.country, "provider": self.provider}


@dataclass(frozen=True)
class PermitExpiry:
    today: str
    permits: list[ExpiringPermit] = field(default_factory=list)
    """Every permit expiring within the longest window, soonest first."""

    def within(self, days: int) -> list[ExpiringPermit]:
        return [p for p in self.permits if p.days_left <= days]

    def by_country(self, days: int = WINDOWS[-1]) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.within(days):
            key = p.country or "unknown"
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items()))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for days in WINDOWS:
            chosen = self.within(days)
            data[f"expiring_{days}"] = len(chosen)
            data[f"people_{days}"] = len({p.recipient for p in chosen})
            data[f"by_country_{days}"] = self.by_country(days)
        data["permits"] = [p.to_json() for p in self.permits]
        return data


def permit_expiry(conn: Connection, today: dt.date, *, reveal: bool = False,
                  withheld: AbstractSet[str] = frozenset(), groups: Groups | None = None
                  ) -> PermitExpiry:
    """Permits expiring within 180 days of ``today``, with their holders' labels (``reveal``,
    ``withheld``: as ``labels.labels`` takes them). A holder or authority decided "same" as
    others is named as their group (its representative, ``_db.Groups``), and so counted."""
    groups = groups if groups is not None else Groups.load(conn)
    last = today + dt.timedelta(days=WINDOWS[-1])
    rows = conn.execute(
        f"WITH {SAME}, {support_rows(live_support('s'))} "  # noqa: S608
        "SELECT s.id, s.recipient_id, s.kind, s.\"end\", "
        "coalesce(pr.country, rp.country, ro.country), s.provider_id FROM e AS s "
        "LEFT JOIN organisation AS pr ON pr.id = s.provider_id "
        "LEFT JOIN person AS rp ON rp.id = s.recipient_id "
        "LEFT JOIN organisation AS ro ON ro.id = s.recipient_id "
        f"WHERE s.kind IN {in_list(k.value for k in PERMIT_KINDS)} "
        f"AND (s.status IS NULL OR s.status IN {in_list(RUNNING_STATUSES)}) "
        "AND s.\"end\" BETWEEN :first AND :last ORDER BY s.\"end\", s.id",
        {"first": today.isoformat(), "last": last.isoformat(), **groups.params()}).fetchall()
    names = labels(conn, (r[1] for r in rows), reveal=reveal, withheld=withheld)
    permits = []
    for sid, rid, kind, end, country, provider in rows:
        label = names.get(rid)
        days = (dt.date.fromisoformat(end) - today).days
        permits.append(ExpiringPermit(sid, rid, label.text if label else "",
                                      bool(label and label.protected), kind, end, days,
                                      country, provider))
    return PermitExpiry(today.isoformat(), permits)
