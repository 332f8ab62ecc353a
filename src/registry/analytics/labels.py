"""Display labels of actors, with protected people shown as pseudonyms unless revealed.

Who is protected is not decided here: :class:`registry.store.protection.Protection` holds the
one rule (own level, inside Russia, records decided "same" as a protected one, DESIGN §4.2,
§6.4.3), read once per call. A protected actor's pseudonym is derived from the record id
alone — stable on screen, and saying nothing about the name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from registry.analytics._db import Connection, json_ids
from registry.domain.enums import Sensitivity
from registry.store.protection import Protection

PROTECTED = int(Sensitivity.PROTECTED)


@dataclass(frozen=True)
class ActorLabel:
    id: str
    kind: str
    text: str
    protected: bool
    pseudonymous: bool


PSEUDONYM = re.compile(r"(Person|Organisation) #([0-9A-F]{6})")
"""What :func:`pseudonym` writes: a front end shows it in its language ("Человек №3FA9C2"). It
is a display label only: the pseudonyms of bundles (DESIGN §6.4) are derived elsewhere, per
recipient (registry.sync.redact)."""


def pseudonym(record_id: str, kind: str = "person") -> str:
    """A stable stand-in like "Person #3FA9C2" that reveals nothing of the record."""
    digest = hashlib.sha256(f"registry-pseudonym/1:{record_id}".encode()).hexdigest()
    return f"{kind.capitalize()} #{digest[:6].upper()}"


def labels(conn: Connection, ids: Iterable[str], *, reveal: bool = False,
           guard: Protection | None = None) -> dict[str, ActorLabel]:
    """Labels of the given actor ids (people and organisations); unknown ids are left out.

    ``guard`` is the vault's protection, when the caller has read it already.
    """
    param = json_ids(ids)
    rows = conn.execute(
        "SELECT id, 'person', name, name_latin FROM person "
        "WHERE id IN (SELECT value FROM json_each(:ids)) UNION ALL "
        "SELECT id, 'organisation', name, name_latin FROM organisation "
        "WHERE id IN (SELECT value FROM json_each(:ids))", {"ids": param}).fetchall()
    if not rows:
        return {}
    guard = guard if guard is not None else Protection.load(conn)
    out = {}
    for rid, kind, name, latin in rows:
        level = guard.actor_level(rid)
        protected = level is not None and level >= Sensitivity.PROTECTED
        hide = protected and not reveal
        text = pseudonym(rid, kind) if hide else str(name or latin or "")
        out[rid] = ActorLabel(rid, kind, text, protected, hide)
    return out
