"""Gaps in support: groups and regions below target or without support.

Groups compare the recipients of effective support with the targets and with all people:

* ``women`` and ``non_russian`` have the paper's targets: ``below_target`` when the share
  among recipients misses the target (women outside 50 % ± tolerance, on the low side;
  non-Russian below the minimum);
* each minority and vulnerable group: ``without_support`` when people of the group are
  recorded but none received support, ``below_parity`` when its share among recipients is
  below its share among people by more than the parity tolerance;
* ``no_data`` when the figures cannot be computed (nobody declared, nobody supported).

A region is *without support* when no person originating there and no organisation covering
it received effective support.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from registry.analytics._db import (
    SAME,
    Connection,
    Groups,
    effective,
    join_same,
    live,
    one,
    share,
)
from registry.analytics.plurality import Plurality, Population, plurality
from registry.analytics.targets import Targets
from registry.domain import regions

OK, BELOW_TARGET, BELOW_PARITY, WITHOUT_SUPPORT, NO_DATA = (
    "ok", "below_target", "below_parity", "without_support", "no_data")


@dataclass(frozen=True)
class GroupGap:
    group: str
    people: int
    recipients: int
    share_people: float | None
    share_recipients: float | None
    target: float | None
    status: str

    def to_json(self) -> dict[str, Any]:
        return {"group": self.group, "people": self.people, "recipients": self.recipients,
                "share_people": self.share_people, "share_recipients": self.share_recipients,
                "target": self.target, "status": self.status}


def group_gaps(people: Plurality, recipients: Plurality, targets: Targets) -> list[GroupGap]:
    """Women, non-Russian and every group, with a status each (see the module doc)."""
    women = recipients.women_share
    low_women = targets.women - targets.women_tolerance
    out = [
        GroupGap("women", people.women, recipients.women, people.women_share, women,
                 targets.women, _target_status(women, low_women)),
        GroupGap("non_russian", people.non_russian, recipients.non_russian,
                 people.non_russian_share, recipients.non_russian_share,
                 targets.non_russian_min,
                 _target_status(recipients.non_russian_share, targets.non_russian_min)),
    ]
    for group, n in people.groups.items():
        r = recipients.groups.get(group, 0)
        sp, sr = share(n, people.total), share(r, recipients.total)
        out.append(GroupGap(group, n, r, sp, sr, None,
                            _parity_status(n, r, sp, sr, targets.parity_tolerance)))
    return out


def _target_status(value: float | None, minimum: float) -> str:
    if value is None:
        return NO_DATA
    return BELOW_TARGET if value < minimum else OK


def _parity_status(people: int, recipients: int, sp: float | None, sr: float | None,
                   tolerance: float) -> str:
    if people == 0 or sp is None or sr is None:
        return NO_DATA
    if recipients == 0:
        return WITHOUT_SUPPORT
    return BELOW_PARITY if sr < sp * (1 - tolerance) else OK


def regions_without_support(conn: Connection, recipients: Plurality | None = None,
                            groups: Groups | None = None) -> list[str]:
    """Codes with no supported person of origin and no supported organisation covering them.

    ``recipients`` — the recipients' figures, when already computed — gives the origins.
    Organisations decided "same" are one: support to any of them reaches the regions any
    of them covers (``groups``: read when not given).
    """
    groups = groups if groups is not None else Groups.load(conn)
    recipients = recipients or plurality(conn, Population.RECIPIENTS, groups)
    rows = conn.execute(
        f"WITH {SAME} SELECT DISTINCT r.value FROM organisation AS o "  # noqa: S608
        f"{join_same('o.id', 'g')} JOIN json_each(o.regions_covered) AS r "
        f"WHERE {live('o')} AND o.regions_covered IS NOT NULL AND {one('o.id', 'g')} IN "
        f"(SELECT {one('s.recipient_id', 'h')} FROM support AS s "
        f"{join_same('s.recipient_id', 'h')} WHERE {effective('s')})",
        groups.params()).fetchall()
    reached = set(recipients.regions) | {str(code) for (code,) in rows}
    return [code for code in regions.ALL_CODES if code not in reached]
