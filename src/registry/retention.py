"""Retention: people whose review date has come are listed for review; purging erases them.

Every person may carry a ``review_date`` (DESIGN §4): the day by which keeping their data must
be reconsidered. :func:`due_for_review` lists the people whose date is today or earlier,
deleted ones included (a deletion is a tombstone that still holds the values; only an
erasure removes them). :func:`purge` erases each of them with :meth:`Registry.erase`: the
person and the ties, support and evaluations that touch them are blanked for good, the
erasure is a permanent tombstone that travels in bundles (DESIGN §6.1), and no trace stays
in the database file, its WAL, the search index or field history.

Backups made before a purge still hold the purged people: they age out with the backups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from registry.service import Registry

_DUE_SQL = (
    "SELECT id, name, name_latin, review_date, coalesce(deleted, 0) FROM person "
    "WHERE erased IS NULL AND review_date IS NOT NULL AND review_date != '' "
    "AND review_date <= ? ORDER BY review_date, id"
)


@dataclass(frozen=True)
class DueItem:
    """A person due for review (the name is shown only inside the vault's own front ends)."""

    id: str
    name: str
    name_latin: str
    review_date: str
    deleted: bool
    days_overdue: int

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "name_latin": self.name_latin,
                "review_date": self.review_date, "deleted": self.deleted,
                "days_overdue": self.days_overdue}


def due_for_review(reg: Registry, today: dt.date | None = None) -> list[DueItem]:
    """People whose review date is ``today`` or earlier, oldest first."""
    today = today or dt.date.today()
    rows = reg.store.conn.execute(_DUE_SQL, (today.isoformat(),)).fetchall()
    return [_item(row, today) for row in rows]


def _item(row: tuple[str, str | None, str | None, str, int], today: dt.date) -> DueItem:
    record_id, name, latin, review, deleted = row
    try:
        overdue = (today - dt.date.fromisoformat(review)).days
    except ValueError:  # validation stores ISO dates; a malformed one is listed, not hidden
        overdue = 0
    return DueItem(record_id, name or "", latin or "", review, bool(deleted), overdue)


def purge(reg: Registry, today: dt.date | None = None,
          only: set[str] | None = None) -> list[str]:
    """Erase every person due for review (or those of them in ``only``); return erased ids.

    The ids returned include the ties, support and evaluations erased with each person.
    """
    def due(among: set[str] | None) -> list[str]:
        return [item.id for item in due_for_review(reg, today)
                if among is None or item.id in among]

    listed = due(only)
    # asked again inside the erasing transaction: another window may have postponed a review
    return reg.erase_all(listed, lambda ids: due(set(ids))) if listed else []


class Retention:
    """Retention as the application layer serves it (``Registry.retention``): the CLI's
    ``registry review`` and the app reach these rules only through this object."""

    def __init__(self, reg: Registry) -> None:
        self._reg = reg

    def due(self, today: dt.date | None = None) -> list[DueItem]:
        """People whose review date is ``today`` or earlier, oldest first."""
        return due_for_review(self._reg, today)

    def purge(self, today: dt.date | None = None, only: set[str] | None = None) -> list[str]:
        """Erase every person due for review (or those of them in ``only``); the erased ids."""
        return purge(self._reg, today, only)
