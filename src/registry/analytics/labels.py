"""Display labels of actors, with protected people shown as pseudonyms unless revealed.

Who is protected is not decided here: :class:`registry.store.protection.Protection` holds the
one rule (own level, inside Russia, records decided "same" as a protected one, DESIGN §4.2,
§6.4.3), read once per call. A protected actor's pseudonym is derived from the record id
and the vault's pseudonym secret — stable on screen, saying nothing about the name, and
recognisable only in this vault: without the secret, knowing her record id (a colleague's
vault holds it) does not tell which stand-in on a screenshot is hers.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from registry.analytics._db import Connection, json_ids, live
from registry.domain.enums import Sensitivity
from registry.store.protection import Protection
from registry.store.schema import PSEUDONYM_META

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


def pseudonym(record_id: str, kind: str = "person", *, key: bytes) -> str:
    """A stable stand-in like "Person #3FA9C2" that reveals nothing of the record; ``key``:
    :func:`label_key` of the vault."""
    digest = hmac.new(key, record_id.encode(), hashlib.sha256).hexdigest()
    return f"{kind.capitalize()} #{digest[:6].upper()}"


_LABELS = b"registry-display-label/1"  # what the key is for: not the pseudonyms of bundles
_NO_SECRET = os.urandom(32)  # a database without the secret (none made by this version)


def label_key(conn: Connection) -> bytes:
    """The key of this vault's on-screen stand-ins, derived from its pseudonym secret."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (PSEUDONYM_META,)).fetchone()
    secret = bytes.fromhex(str(row[0])) if row else _NO_SECRET
    return hmac.new(secret, _LABELS, hashlib.sha256).digest()


def labels(conn: Connection, ids: Iterable[str], *, reveal: bool = False,
           guard: Protection | None = None,
           withheld: AbstractSet[str] = frozenset()) -> dict[str, ActorLabel]:
    """Labels of the given actor ids (people and organisations); unknown ids are left out, and
    so are deleted and erased actors: what still points to them does not name them.

    ``guard`` is the vault's protection, when the caller has read it already. ``withheld``:
    actors whose own name names a protected person ("Фонд Марии Смирновой"), as the exports'
    rule finds them (``sync.exporter.actors_naming``; ``Analytics`` asks it): unless
    ``reveal`` they are stand-ins too, as she is — named, beside her stand-in, they would say
    whose it is. They are not protected themselves (``protected`` stays False).
    """
    param = json_ids(ids)
    rows = conn.execute(
        f"SELECT id, 'person', name, name_latin FROM person AS p "  # noqa: S608
        f"WHERE id IN (SELECT value FROM json_each(:ids)) AND {live('p')} UNION ALL "
        "SELECT id, 'organisation', name, name_latin FROM organisation AS o "
        f"WHERE id IN (SELECT value FROM json_each(:ids)) AND {live('o')}",
        {"ids": param}).fetchall()
    if not rows:
        return {}
    guard = guard if guard is not None else Protection.load(conn)
    key = label_key(conn)
    out = {}
    for rid, kind, name, latin in rows:
        level = guard.actor_level(rid)
        protected = level is not None and level >= Sensitivity.PROTECTED
        hide = (protected or rid in withheld) and not reveal
        text = pseudonym(rid, kind, key=key) if hide else str(name or latin or "")
        out[rid] = ActorLabel(rid, kind, text, protected, hide)
    return out
