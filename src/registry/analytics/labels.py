"""Display labels of actors, with protected people shown as pseudonyms unless revealed.

A record is *protected* when its sensitivity is ``protected`` or it is a person flagged
inside Russia (DESIGN §4.2). Its pseudonym is derived from the record id alone — stable on
screen, and saying nothing about the name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from registry.analytics._db import Connection, json_ids
from registry.domain.enums import Sensitivity

PROTECTED = int(Sensitivity.PROTECTED)


@dataclass(frozen=True)
class Label:
    id: str
    kind: str
    text: str
    protected: bool
    pseudonymous: bool


def pseudonym(record_id: str, kind: str = "person") -> str:
    """A stable stand-in like "Person #3FA9C2" that reveals nothing of the record."""
    digest = hashlib.sha256(f"registry-pseudonym/1:{record_id}".encode()).hexdigest()
    return f"{kind.capitalize()} #{digest[:6].upper()}"


def labels(conn: Connection, ids: Iterable[str], *, reveal: bool = False) -> dict[str, Label]:
    """Labels of the given actor ids (people and organisations); unknown ids are left out."""
    param = json_ids(ids)
    rows = conn.execute(
        "SELECT id, 'person', name, name_latin, sensitivity, inside_russia FROM person "
        "WHERE id IN (SELECT value FROM json_each(:ids)) UNION ALL "
        "SELECT id, 'organisation', name, name_latin, sensitivity, 0 FROM organisation "
        "WHERE id IN (SELECT value FROM json_each(:ids))", {"ids": param}).fetchall()
    out = {}
    for rid, kind, name, latin, sens, inside in rows:
        protected = (sens or 0) >= PROTECTED or bool(inside)
        hide = protected and not reveal
        text = pseudonym(rid, kind) if hide else str(name or latin or "")
        out[rid] = Label(rid, kind, text, protected, hide)
    return out
