"""The hash-chained audit log: who changed which record's which fields, and when.

Entries name fields, never their values, so the log holds no record content and erasure
need not touch it. Each entry's hash covers the previous hash, so a removed or edited entry
breaks the chain at that point.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

from registry.store.codec import dumps

GENESIS = "0" * 64
_PLAIN = re.compile(r"[A-Za-z0-9_.:+-]*")  # strings JSON writes as they are


def append(conn: Any, actor: str, action: str, record_id: str | None = None,
           kind: str | None = None, *, fields: Iterable[str] = ()) -> None:
    """Add one entry after the current head (inside the caller's transaction)."""
    row = conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    names = sorted(set(fields))
    digest = entry_hash(prev, [at, actor, action, record_id, kind, names])
    conn.execute(
        "INSERT INTO audit (at, actor, action, record_id, kind, fields, prev, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (at, actor, action, record_id, kind, dumps(names), prev, digest))


def append_many(conn: Any, actor: str, action: str,
                entries: Iterable[tuple[str, str, Iterable[str]]]) -> None:
    """Add one entry per ``(record_id, kind, fields)`` in one statement (bulk writes)."""
    row = conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    rows = []
    head = dumps([at, actor, action])[1:-1]
    plain = all(_PLAIN.fullmatch(t) for t in (at, actor, action))
    for record_id, kind, fields in entries:
        names = _names_json(frozenset(fields))
        if plain and _PLAIN.fullmatch(record_id) and _PLAIN.fullmatch(kind):
            body = f'["{prev}",{head},"{record_id}","{kind}",{names}]'  # what dumps() gives
        else:
            body = dumps([prev, at, actor, action, record_id, kind])[:-1] + "," + names + "]"
        digest = hashlib.sha256(body.encode()).hexdigest()  # == entry_hash(...), faster
        rows.append((at, actor, action, record_id, kind, names, prev, digest))
        prev = digest
    conn.executemany(
        "INSERT INTO audit (at, actor, action, record_id, kind, fields, prev, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


@functools.lru_cache(maxsize=1024)
def _names_json(fields: frozenset[str]) -> str:
    return dumps(sorted(fields))


def entry_hash(prev: str, entry: list[Any]) -> str:
    """Hash of one entry ``[at, actor, action, record_id, kind, fields]`` chained to ``prev``."""
    body = dumps([prev, *entry])
    return hashlib.sha256(body.encode()).hexdigest()


def verify(conn: Any) -> list[str]:
    """Problems found walking the chain; empty when every link holds."""
    prev, problems = GENESIS, []
    cur = conn.execute("SELECT seq, at, actor, action, record_id, kind, fields, prev, hash "
                       "FROM audit ORDER BY seq")
    for seq, at, actor, action, record_id, kind, fields, stored_prev, stored in cur:
        expected = entry_hash(prev, [at, actor, action, record_id, kind, json.loads(fields)])
        if stored_prev != prev or stored != expected:
            problems.append(f"audit log entry {seq} does not chain to the one before it")
            break
        prev = stored
    return problems
