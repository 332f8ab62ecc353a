"""The record repository: versioned fields, history, merge, search index, digest.

Every write goes through :class:`Store`, inside one transaction, so a field's value, its
stamp, its history, the search index and the audit log never disagree.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Clock, Stamp
from registry.domain.ids import new_id
from registry.domain.model import KINDS, FieldType, KindSpec, Record
from registry.errors import BundleError
from registry.memory import of_records
from registry.store import audit, db, protection
from registry.store.codec import column_reader, column_writer, dumps
from registry.store.fts import fts_match

Indexer = Callable[[str], list[str]]
RESERVED = ("stamps", "erased", "updated")
COMMIT_MARK = "last_commit"


@dataclass
class MergeOutcome:
    """What merging one incoming record did."""

    status: str  # "new", "changed", "unchanged", "erased"
    fields: list[str] = field(default_factory=list)
    overwritten_local: list[str] = field(default_factory=list)
    kept_protection: list[str] = field(default_factory=list)


class Store:
    """Repository over one open SQLCipher connection, for one vault (``origin``)."""

    def __init__(self, conn: db.Connection, origin: str, indexer: Indexer,
                 index_version: int = 1, name_indexer: Indexer | None = None) -> None:
        self.conn = conn
        self.origin = origin
        self.indexer = indexer
        self.name_indexer = name_indexer
        self.index_version = index_version
        self.clock = Clock(int(self.meta_get("hlc") or 0))
        self._columns = {k: _columns(s) for k, s in KINDS.items()}
        self._writing = False  # inside write(): a nested write() joins the transaction
        # DESIGN §6.4.6: what keeps, before a transaction that erased protected people
        # commits, which fields elsewhere name them (their names are gone after); given
        # their name forms. The service sets it (the mention scan is above this layer).
        self.on_protected_erased: Callable[[list[list[str]]], object] | None = None
        self._erased_names: list[list[str]] = []
        # inside erasing_many(): the level and flag each member of a "same" group held when
        # the first erasure of the run read its group (see there)
        self._group_levels: dict[tuple[Kind, str], tuple[Sensitivity | None, bool, bool]] | None \
            = None

    # -- meta and transactions -------------------------------------------------------------
    def meta_get(self, key: str) -> str | None:
        return _meta(self.conn, key)

    def meta_set(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                          "UPDATE SET value = excluded.value", (key, value))

    def data_version(self) -> int:
        """A number that changes when another connection (another window or command) commits
        to the vault; this connection's own commits leave it as it is."""
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        return int(version)

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: everything read inside sees the vault at one moment, whatever
        another window commits meanwhile (an export that judges rows by the protection rule
        must read both at once). Nothing may be written inside; inside a write, the write's."""
        if self._writing or self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def sync_clock(self) -> None:
        """Catch this connection's clock up with the value another window or command of this
        vault saved since it was read (each connection keeps its own): a stamp made here
        must be newer than theirs, and a stamp of theirs is one this vault issued."""
        stored = self.meta_get("hlc")
        if stored is not None and int(stored) > self.clock.last:
            self.clock.last = int(stored)

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One transaction; the clock's last value is saved with it. A ``write()`` inside
        another is part of the outer one: a step made of several writes (a duplicate
        decision that merges and raises protection) is then all or nothing.

        A random token written with it tells, if COMMIT fails, whether the transaction
        landed all the same (see ``db.transaction``). When the work inside fails (a refused
        import, a check), it is rolled back, and so is the clock: stamps it saw or made there
        (a bundle's, perhaps days ahead) do not date the next local edit.
        """
        if self._writing:
            yield
            return
        token = os.urandom(16).hex()
        self._writing = True
        try:
            with db.transaction(self.conn, lambda conn: _meta(conn, COMMIT_MARK) == token):
                self.sync_clock()  # what another window saved first: the clock never goes back
                clock_before = self.clock.last
                try:
                    yield
                    self._mark_mentions()
                except BaseException:
                    self.clock.last = clock_before  # nothing of this transaction is kept
                    raise
                self.meta_set("hlc", str(self.clock.last))
                self.meta_set(COMMIT_MARK, token)
        finally:
            self._writing = False
            self._erased_names.clear()

    def _mark_mentions(self) -> None:
        """Hand the names of the protected people erased so far to ``on_protected_erased``
        (once for a whole import: the scan reads every record), then forget them."""
        names, self._erased_names = self._erased_names, []
        if names and self.on_protected_erased is not None:
            self.on_protected_erased(names)

    # -- reading ---------------------------------------------------------------------------
    def kind_of(self, record_id: str) -> Kind | None:
        for kind, spec in KINDS.items():
            if self.conn.execute(f"SELECT 1 FROM {spec.table} WHERE id = ?",  # noqa: S608
                                 (record_id,)).fetchone():
                return kind
        return None

    def only_of(self, record: Record, origin: str) -> bool:
        """Whether every stamp this vault holds for ``record`` (held here, as read) — its
        fields', its erasure's, and those of the values its history kept — names ``origin``:
        a pseudonymous copy under that pseudonym is one (DESIGN §6.4.4)."""
        stamps = [*record.stamps.values(), *([record.erased] if record.erased else [])]
        if any(s.origin != origin for s in stamps):
            return False
        return self.conn.execute("SELECT 1 FROM field_history WHERE record_id = ? AND "
                                 "origin != ? LIMIT 1", (record.id, origin)).fetchone() is None

    def kinds_of(self, ids: list[str]) -> dict[str, Kind]:
        """The kind of each of ``ids`` held here (erased records included)."""
        out: dict[str, Kind] = {}
        if not ids:
            return out
        wanted = list(ids)
        for kind, spec in KINDS.items():  # each table asked only of what is not found yet
            marks = ",".join("?" * len(wanted))
            found = [str(r[0]) for r in self.conn.execute(
                f"SELECT id FROM {spec.table} WHERE id IN ({marks})", wanted)]  # noqa: S608
            if found:
                out.update(dict.fromkeys(found, kind))
                wanted = [i for i in wanted if i not in out]
                if not wanted:
                    break
        return out

    def get(self, record_id: str, kind: Kind | None = None) -> Record | None:
        kind = kind or self.kind_of(record_id)
        if kind is None:
            return None
        cols = self._columns[kind]
        row = self.conn.execute(f"SELECT {cols} FROM {KINDS[kind].table} WHERE id = ?",  # noqa: S608
                                (record_id,)).fetchone()
        return _to_record(kind, row) if row else None

    def get_many(self, kind: Kind, ids: list[str]) -> dict[str, Record]:
        """The records of ``kind`` held here among ``ids``, by id."""
        out: dict[str, Record] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                    f"SELECT {self._columns[kind]} FROM {KINDS[kind].table} "  # noqa: S608
                    f"WHERE id IN ({marks})", chunk):
                out[str(row[0])] = _to_record(kind, row)
        return out

    def iter_records(self, kind: Kind, *, since: int | None = None,
                     batch: int = 2000) -> Iterator[Record]:
        """Every record of ``kind`` (with ``updated > since`` when given), in id order."""
        where, args = ("WHERE updated > ?", (since,)) if since is not None else ("", ())
        cur = self.conn.execute(
            f"SELECT {self._columns[kind]} FROM {KINDS[kind].table} {where} ORDER BY id",  # noqa: S608
            args)
        while rows := cur.fetchmany(batch):
            for row in rows:
                yield _to_record(kind, row)

    def counts(self) -> dict[str, int]:
        """Live (not deleted, not erased) records by kind."""
        out = {}
        for kind, spec in KINDS.items():
            row = self.conn.execute(
                f"SELECT count(*) FROM {spec.table} WHERE erased IS NULL AND "  # noqa: S608
                "coalesce(deleted, 0) = 0").fetchone()
            out[kind.value] = int(row[0])
        return out

    def history(self, record_id: str) -> list[dict[str, Any]]:
        """Replaced values, oldest first. ``received_import``/``received_from``: the import and
        signer that had brought the value (None: set here); ``import_id``/``replaced_by_sender``:
        the import and signer of the value that replaced it (None: a local edit)."""
        cur = self.conn.execute(
            "SELECT h.field, h.value, h.hlc, h.origin, h.replaced_by_hlc, h.replaced_by_origin,"
            " h.import_id, b.sender, h.received_import, r.sender FROM field_history AS h "
            "LEFT JOIN bundle_import AS b ON b.import_id = h.import_id "
            "LEFT JOIN bundle_import AS r ON r.import_id = h.received_import "
            "WHERE h.record_id = ? ORDER BY h.id", (record_id,))
        keys = ("field", "value", "hlc", "origin", "replaced_by_hlc", "replaced_by_origin",
                "import_id", "replaced_by_sender", "received_import", "received_from")
        return [dict(zip(keys, (*r[:1], json.loads(r[1]), *r[2:]), strict=True)) for r in cur]

    # -- provenance: which import brought each current value (DESIGN §6.5.1) -----------------
    def receipts(self, record_id: str) -> dict[str, str | None]:
        """The receipt rows of a record: field, or '*' for every field it arrived with, →
        the import that brought it (None: set here since)."""
        return {str(f): None if i is None else str(i) for f, i in self.conn.execute(
            "SELECT field, import_id FROM field_receipt WHERE record_id = ?", (record_id,))}

    def received(self, record: Record) -> dict[str, tuple[str, str]]:
        """Field → (import id, signer's fingerprint) for each current value an import brought."""
        return self.received_many([record]).get(record.id, {})

    def received_many(self, records: Sequence[Record]) -> dict[str, dict[str, tuple[str, str]]]:
        """:meth:`received` of each of ``records`` (by id; none for a record no import
        brought anything of), asked in batches."""
        rows: dict[str, dict[str, tuple[Any, str]]] = {}
        ids = sorted({r.id for r in records})
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for rid, f, i, s in self.conn.execute(
                    "SELECT r.record_id, r.field, r.import_id, coalesce(b.sender, '') FROM "  # noqa: S608
                    "field_receipt AS r LEFT JOIN bundle_import AS b ON b.import_id = "
                    f"r.import_id WHERE r.record_id IN ({marks})", chunk):
                rows.setdefault(str(rid), {})[str(f)] = (i, str(s))
        out: dict[str, dict[str, tuple[str, str]]] = {}
        for record in records:
            by = rows.get(record.id, {})
            mine: dict[str, tuple[str, str]] = {}
            for name in record.stamps:
                got = by[name] if name in by else by.get("*")
                if got is not None and got[0] is not None:
                    mine[name] = (str(got[0]), got[1])
            if mine:
                out[record.id] = mine
        return out

    def mark_received(self, record_ids: Iterable[str], import_id: str) -> None:
        """Records an import created: every field came with it (one row per record)."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO field_receipt (record_id, field, import_id) "
            "VALUES (?, '*', ?)", [(r, import_id) for r in sorted(record_ids)])

    def set_receipts(self, record_id: str, fields: Iterable[str], import_id: str | None,
                     receipts: dict[str, str | None] | None = None, *,
                     by_rule: bool = False) -> None:
        """``fields`` of a record now hold values brought by ``import_id`` (None: set here;
        ``by_rule``: by a rule of this vault, not an official's edit — marked on a record an
        import brought, for its quarantine: no one took it up)."""
        names = list(fields)
        if import_id is None:
            receipts = self.receipts(record_id) if receipts is None else receipts
            if not receipts:
                return  # nothing was ever received for this record
            if "*" not in receipts:
                self.conn.executemany(
                    "DELETE FROM field_receipt WHERE record_id = ? AND field = ?",
                    [(record_id, n) for n in names if n in receipts])
                return
        rule = 1 if by_rule and import_id is None else None
        # a field the official set here stays hers when a rule changes it again after her
        # (she took the record up: a quarantine keeps it)
        hers = {str(f) for (f,) in self.conn.execute(
            "SELECT field FROM field_receipt WHERE record_id = ? AND import_id IS NULL AND "
            "rule IS NULL", (record_id,))} if rule else set()
        self.conn.executemany(
            "INSERT OR REPLACE INTO field_receipt (record_id, field, import_id, rule) VALUES "
            "(?, ?, ?, ?)", [(record_id, n, import_id, None if n in hers else rule)
                             for n in names])

    # -- values delivered and masked (DESIGN §6.5.9) -----------------------------------------
    def delivered_before(self, record_id: str, name: str, stamp: Stamp, value: Any,
                         sender: str) -> bool:
        """Whether this vault already keeps ``value`` under ``stamp`` for field ``name``: as a
        value it held (field history, which a quarantine weighs too), or as masked by an
        import of a bundle ``sender`` signed (:meth:`keep_masked`). A stale copy sending back
        a value held here before keeps nothing; another sender's delivery of a value only
        masked so far is kept (one sender's may be undone alone, by a quarantine), and a
        sender's bundles sending it again keep nothing more: an exchange that changes
        nothing writes nothing. The value is asked too: another value under that stamp (a
        seized key can put any value under a colleague's stamp) keeps nothing of this one."""
        key = (record_id, name, stamp.hlc, stamp.origin, dumps(value))
        return self.conn.execute(
            "SELECT 1 FROM field_history WHERE record_id = ? AND field = ? AND hlc = ? AND "
            "origin = ? AND value = ? UNION ALL SELECT 1 FROM masked_value AS m JOIN "
            "bundle_import AS b ON b.import_id = m.import_id WHERE m.record_id = ? AND "
            "m.field = ? AND m.hlc = ? AND m.origin = ? AND m.value = ? AND b.sender = ? "
            "LIMIT 1", (*key, *key, sender)).fetchone() is not None

    def keep_masked(self, incoming: Record, names: Iterable[str], import_id: str) -> None:
        """``names`` of ``incoming`` lost to the values held here; keep what was delivered, by
        whom (``import_id``), for a quarantine of whoever's stood."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO masked_value (record_id, field, value, hlc, origin, "
            "import_id) VALUES (?, ?, ?, ?, ?, ?)",
            [(incoming.id, n, dumps(incoming.values.get(n)), incoming.stamps[n].hlc,
              incoming.stamps[n].origin, import_id) for n in names])

    def keep_required_origins(self, rows: Iterable[tuple[str, str]]) -> None:
        """(record id, origin): an origin whose stamp of a required field of the record lost
        here to another origin's (``store.creator`` counts it)."""
        self.conn.executemany("INSERT OR IGNORE INTO required_origin (record_id, origin) "
                              "VALUES (?, ?)", rows)

    def required_origins_kept(self, record_ids: Iterable[str]) -> set[tuple[str, str]]:
        """The (record id, origin) rows :meth:`keep_required_origins` kept for these ids."""
        return {(str(r), str(o)) for r, o in self.conn.execute(
            "SELECT record_id, origin FROM required_origin WHERE record_id IN (SELECT value "
            "FROM json_each(?))", (dumps(sorted(set(record_ids))),))}

    def required_origins_in_history(self, record_id: str, required: Sequence[str]) -> set[str]:
        """The origins field history keeps of these (required) fields of the record, but of
        the values undoing their import took out (``bundle revert``, a quarantine: the row is
        ``restored`` and its import ``reverted_at``): what was taken back makes no one a
        maker. A value of that import the undoing kept counts on (a record kept for review
        keeps a name with nothing to go back to), there and once replaced later."""
        marks = ",".join("?" * len(required))
        return {str(o) for (o,) in self.conn.execute(
            f"SELECT DISTINCT origin FROM field_history WHERE record_id = ? AND "  # noqa: S608
            f"field IN ({marks}) AND NOT (restored IS NOT NULL AND received_import IN "
            "(SELECT import_id FROM bundle_import WHERE reverted_at IS NOT NULL))",
            (record_id, *required))}

    def masked(self, record_id: str) -> dict[str, list[tuple[Any, Stamp, str]]]:
        """The values imports delivered for a record that lost here, by field: (value, stamp,
        import), read in one statement."""
        out: dict[str, list[tuple[Any, Stamp, str]]] = {}
        for f, v, h, o, i in self.conn.execute(
                "SELECT field, value, hlc, origin, import_id FROM masked_value WHERE "
                "record_id = ? ORDER BY field, hlc, origin, import_id", (record_id,)):
            out.setdefault(str(f), []).append((json.loads(v), Stamp(int(h), str(o)), str(i)))
        return out

    # -- local writes (call inside ``write()``) --------------------------------------------
    def insert(self, kind: Kind, values: dict[str, Any], record_id: str | None = None) -> Record:
        stamp = Stamp(self.clock.tick(), self.origin)
        record = Record(record_id or new_id(), kind, dict(values), {f: stamp for f in values})
        self._save(record, new=True)
        self._reindex(record)
        audit.append(self.conn, self.origin, "create", record.id, kind.value, fields=values)
        return record

    def update(self, record: Record, changes: dict[str, Any], action: str = "update", *,
               restored: str | None = None, by_rule: bool = False,
               restate: bool = False) -> list[str]:
        """Set the changed fields with a new stamp; old values go to field history.
        ``restored``: the values put back what an import replaced (see ``_keep_history``).
        ``by_rule``: a rule of this vault set them — the protection rule's raise, an erasure
        taking her off an event — no official (see :meth:`set_receipts`). ``restate``: the
        official gave these values: one equal to the value an import brought is set too,
        and so becomes hers, as in a vault that never imported it (a quarantine of that
        import keeps it, DESIGN §6.5.9)."""
        changed = [f for f, v in changes.items()
                   if f not in record.stamps or record.values.get(f) != v]
        receipts = self.receipts(record.id) if changed or restate else {}
        if restate and receipts:
            changed += [f for f in changes if f not in changed and _receipt(receipts, f)]
        if not changed:
            return []
        stamp = Stamp(self.clock.tick(), self.origin)
        for name in changed:
            self._keep_history(record, name, stamp, None, _receipt(receipts, name),
                               restored=restored)
            record.values[name] = changes[name]
            record.stamps[name] = stamp
        self._save(record, new=False)
        self.set_receipts(record.id, changed, None, receipts, by_rule=by_rule)
        if record.spec.kind in (Kind.PERSON, Kind.ORGANISATION, Kind.EVENT) or "deleted" in changed:
            self._reindex(record)
        audit.append(self.conn, self.origin, action, record.id, record.kind.value,
                     fields=changed)
        return changed

    # -- quarantine (DESIGN §6.5.9) ---------------------------------------------------------
    def restore_fields(self, record: Record,
                       earlier: dict[str, tuple[Any, Stamp, str | None] | None],
                       displaced: Mapping[str, tuple[Any, Stamp, str | None]] | None = None
                       ) -> None:
        """Put fields back exactly as they were before an import: each to its earlier value
        with that value's own stamp and the import that had brought it (None: set here), or
        unset (``None``: the field had no value before). The values taken out go to field
        history, replaced by this vault at this moment.

        ``displaced``: of the fields put back to a value another import delivered that had
        lost (a quarantine: ``masked_value``), the value that value stands in for (value,
        stamp, the import that had brought it), kept in field history as replaced by that
        import, as it would have been had the value not lost: a quarantine of its sender
        later goes back to it."""
        by = Stamp(self.clock.tick(), self.origin)
        receipts = self.receipts(record.id)
        back: dict[str | None, list[str]] = {}
        unset: list[str] = []
        for name, value in earlier.items():
            self._keep_history(record, name, by, None, _receipt(receipts, name),
                               restored="quarantine")
            if value is None:
                record.values.pop(name, None)
                record.stamps.pop(name, None)
                unset.append(name)
            else:
                record.values[name], record.stamps[name] = value[0], value[1]
                back.setdefault(value[2], []).append(name)
        self._save(record, new=False)
        self.conn.executemany(
            "INSERT INTO field_history (record_id, field, value, hlc, origin, replaced_by_hlc,"
            " replaced_by_origin, import_id, received_import) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(record.id, name, dumps(value), stamp.hlc, stamp.origin, record.stamps[name].hlc,
              record.stamps[name].origin, put[2], received)
             for name, (value, stamp, received) in sorted((displaced or {}).items())
             if (put := earlier.get(name)) is not None])
        for import_id, names in back.items():
            self.set_receipts(record.id, names, import_id, receipts)
        # a field with no value has no receipt: not "set here", which a later quarantine
        # would take for the official taking the record up (and keep what only they made)
        self.conn.executemany("DELETE FROM field_receipt WHERE record_id = ? AND field = ?",
                              [(record.id, name) for name in unset])
        self._reindex(record)
        audit.append(self.conn, self.origin, "quarantine_restore", record.id,
                     record.kind.value, fields=earlier)

    def remove(self, record: Record, *, protected: bool | None = None) -> None:
        """Take out a record as if it had never arrived: no row, no tombstone, no history,
        no index entry (quarantine of a record only a revoked official's bundles made).
        A protected person's names go with her, as at an erasure: what names her in this
        vault's other records is noted first (DESIGN §6.4.6) — she may well be real.
        ``protected``: whether she is, as the caller read it for all it removes (None: ask)."""
        if protected is None and record.kind is Kind.PERSON and record.erased is None:
            protected = protection.for_records(
                self.conn, Kind.PERSON, [record.id]).is_protected_person(record.id)
        if protected and record.kind is Kind.PERSON and record.erased is None:
            self._erased_names.append(self._name_forms(record))
        self._keep_group_together(record)
        if record.erased is None:
            self._keep_who_knows(record)
        self.conn.execute("DELETE FROM split_link WHERE a = ? OR b = ?", (record.id, record.id))
        self.conn.execute(f"DELETE FROM {record.spec.table} WHERE id = ?",  # noqa: S608
                          (record.id,))
        for table in ("field_history", "field_receipt", "protection_lowered", "own_level",
                      "erased_protection", "masked_value", "record_sig",
                      "required_origin"):
            self.conn.execute(f"DELETE FROM {table} WHERE record_id = ?",  # noqa: S608
                              (record.id,))
        self.conn.execute("DELETE FROM event_participant WHERE event_id = ?", (record.id,))
        # what it was noted to name stays noted: a record only their bundles brought may
        # still be a real person whom this vault's own text names (DESIGN §6.4.6)
        self.conn.execute("DELETE FROM mention_mark WHERE record_id = ?", (record.id,))
        self._unindex(record.id)
        audit.append(self.conn, self.origin, "quarantine_remove", record.id, record.kind.value)

    def erase(self, record: Record) -> None:
        """Blank every field for good; remove history and index entries (DESIGN §6.1)."""
        self._blank(record, Stamp(self.clock.tick(), self.origin))
        audit.append(self.conn, self.origin, "erase", record.id, record.kind.value)

    def _blank(self, record: Record, stamp: Stamp) -> None:
        if record.erased is None:
            self._keep_who_knows(record)
            flag_made = record.values.get("inside_russia") and \
                record.sensitivity >= Sensitivity.PROTECTED  # her level is the flag's: unknown
            if record.kind is Kind.PERSON and not flag_made:
                # the level given her stays her group's for ``include`` (Protection.own)
                self.keep_own_level(record.id, record.sensitivity)
            level, inside = self._keep_erased_protection(record)
            self._keep_group_together(record)
            if record.kind is Kind.PERSON and (level >= Sensitivity.PROTECTED or inside):
                self._erased_names.append(self._name_forms(record))
        record.values.clear()
        record.stamps.clear()
        record.erased = stamp if record.erased is None else max(record.erased, stamp)
        self._save(record, new=False)
        for table in ("field_history", "field_receipt", "mention_mark", "masked_value",
                      "required_origin"):
            self.conn.execute(f"DELETE FROM {table} WHERE record_id = ?",  # noqa: S608
                              (record.id,))
        # a kept signature is over the value it signs: with the signer's public key, one of a
        # score, a subject or a text lets whoever opens the vault confirm a guess of what was
        # erased. Only the erasure's own stays, to pass it on.
        self.conn.execute("DELETE FROM record_sig WHERE record_id = ? AND field != 'erased'",
                          (record.id,))
        self._unindex(record.id)
        if not self._writing:  # no transaction to wait for
            self._mark_mentions()

    def _split(self, record_id: str, link: object, *, by_import: bool) -> None:
        """A "same" link from ``record_id`` to ``link`` replaced or cleared: by an import, the
        two stay one actor for their protection (``split_link``, protection.unlinked); by
        the official's own edit, that decides they are not (the pair goes)."""
        if not isinstance(link, str) or link == record_id:
            return
        if by_import:
            self.conn.execute("INSERT OR IGNORE INTO split_link (a, b) VALUES (?, ?)",
                              (record_id, link))
        else:
            self.conn.execute("DELETE FROM split_link WHERE (a = ? AND b = ?) OR "
                              "(a = ? AND b = ?)", (record_id, link, link, record_id))

    def _keep_who_knows(self, record: Record) -> None:
        """Before a record naming people goes (erased, removed), or a value naming one is
        replaced: whoever holds it knows their ids still, and a pseudonym of one would be
        none to them (``exporter.known_to``)."""
        for name in _NAMING_FIELDS.get(record.kind, ()):
            self._keep_who_knows_of(record.id, _listed(record.values.get(name)),
                                    same=name == "merged_into")

    def _keep_who_knows_of(self, record_id: str, refs: list[str], *, same: bool = False
                           ) -> None:
        """``same``: the refs are a "same" link: whoever holds the record by real id holds
        one of the group, whichever version they hold — as sent to them (``sent_naming``:
        a pseudonym's tombstone of her would pair with its real one, ``exporter.
        sent_to_know``). Any other reference, they may hold a version that never named it."""
        if not refs:
            return
        holders = [str(h) for (h,) in self.conn.execute(
            "SELECT DISTINCT recipient FROM sent_record WHERE record_id = ?", (record_id,))]
        rows = [(r, h) for r in sorted(set(refs)) for h in holders]
        self.conn.executemany("INSERT OR IGNORE INTO known_by (person_id, holder) VALUES (?, ?)",
                              rows)
        if same:
            self.conn.executemany("INSERT OR IGNORE INTO sent_naming (person_id, holder) VALUES "
                                  "(?, ?)", rows)

    def keep_co_held(self, holders: list[str], records: Iterable[Record]) -> bool:
        """The people the other recipients of a colleague's joint bundle know by real id:
        each person it carried, and each one a record of it names (``known_by``, under
        ``co:`` and the holder: ``exporter.known_to`` keeps them apart from what was sent to
        them, which a manifest alone does not prove). Whether a row was added."""
        refs: set[str] = set()
        for record in records:
            if record.erased is not None:
                continue
            if record.kind is Kind.PERSON:
                refs.add(record.id)
            for name in _NAMING_FIELDS.get(record.kind, ()):
                refs.update(_listed(record.values.get(name)))
        changes = self.conn.total_changes
        self.conn.executemany(
            "INSERT OR IGNORE INTO known_by (person_id, holder) VALUES (?, ?)",
            [(r, CO_HELD + h) for r in sorted(refs) for h in holders])
        return bool(self.conn.total_changes > changes)  # something new was learnt

    def _keep_group_together(self, record: Record) -> None:
        """An erasure takes a record out of its "same" group, not the group apart: the records
        it linked (the one it was "same" as, those "same" as it, and those a split kept with
        it) stay one actor for their protection, and it stays theirs, erased (``split_link``,
        read by ``protection.unlinked``), as they were when she was flagged before the
        erasure. A removal (quarantine) keeps the others together the same way."""
        table = protection.ACTOR_TABLES.get(record.kind)
        if table is None:
            return
        near = [str(r[0]) for r in self.conn.execute(
            f"SELECT id FROM {table} WHERE merged_into = ? AND erased IS NULL "  # noqa: S608
            "UNION SELECT b FROM split_link WHERE a = ? UNION SELECT a FROM split_link "
            "WHERE b = ?", (record.id, record.id, record.id))]
        link = record.values.get("merged_into")
        if isinstance(link, str):
            near.append(link)
        near = sorted(set(near) - {record.id})
        self.conn.executemany("INSERT OR IGNORE INTO split_link (a, b) VALUES (?, ?)",
                              [(near[0], other) for other in near[1:]]
                              + [(record.id, other) for other in near])

    def _name_forms(self, person: Record) -> list[str]:
        """Her name forms now and in her field history, before erasure blanks both."""
        return list(dict.fromkeys(name_forms(person.values)
                                  + self.former_names([person.id]).get(person.id, [])))

    def former_names(self, person_ids: list[str]) -> dict[str, list[str]]:
        """The name forms the field history keeps of these people (names, Latin names and
        aliases they had before): text that names someone by the name a rename replaced —
        a colleague's bundle, or a spelling put right — still names her (DESIGN §6.4.6).

        Every one counts, whoever brought or replaced it: the official who made her record
        may be the one renaming her, so no sender's names can be told apart as decoys. A
        rename to a common word and back therefore keeps text with that word home too
        (over-blanking, never a leak)."""
        out: dict[str, list[str]] = {}
        for start in range(0, len(person_ids), 500):
            chunk = json.dumps(person_ids[start:start + 500])
            for rid, name, value in self.conn.execute(
                    "SELECT record_id, field, value FROM field_history WHERE record_id IN "
                    "(SELECT value FROM json_each(?)) AND field IN (?, ?, ?) AND value IS NOT "
                    "NULL ORDER BY id", (chunk, *_NAME_FIELDS)):
                out.setdefault(str(rid), []).extend(name_forms({str(name): json.loads(value)}))
        return {rid: list(dict.fromkeys(forms)) for rid, forms in out.items()}

    def _keep_erased_protection(self, record: Record) -> tuple[Sensitivity, bool]:
        """Remember how protected an erased record was: where its tombstone may go depends
        on it (DESIGN §6.4.4), and erasure blanks the values that said so. Returns it."""
        level, inside = record.sensitivity, bool(record.values.get("inside_russia"))
        if record.kind in protection.ACTOR_TABLES:
            group_level, group_inside, _ = self._actors(record.kind, [record.id])[record.id]
            if group_level is not None:
                level = max(level, group_level)
            inside = inside or group_inside
        elif self._touches_protected(record):
            # a tie, support, evaluation or event of a protected person: its tombstone is
            # hers (her real ids and its stamp would travel to everyone, next to the
            # tombstone of her pseudonym: two recipients could pair their pseudonyms)
            level = Sensitivity.PROTECTED
        elif record.kind in protection.ABOUT:  # what a bundle moved it off
            level = max(level, protection.formerly_of(self.conn, record.id))
        self.conn.execute("INSERT OR REPLACE INTO erased_protection (record_id, level, inside) "
                          "VALUES (?, ?, ?)", (record.id, int(level), int(inside)))
        return level, inside

    @contextlib.contextmanager
    def erasing_many(self) -> Iterator[None]:
        """Merges or erasures one after another (an import's part): what an erasure asks of
        the rule for the actors it erases or touches — its group's level and flag, whether
        she is a protected person — is read once a group, not once a record (a bundle erasing
        a group of thousands, or their ties, one by one would take hours). An erasure keeps
        its group's level and the group one (``_keep_group_together``), so the others read
        the same after it; any other merge in between (a link, a raise) reads them again."""
        self._group_levels = {}
        try:
            yield
        finally:
            self._group_levels = None

    def _actors(self, kind: Kind, ids: list[str]
                ) -> dict[str, tuple[Sensitivity | None, bool, bool]]:
        """The rule's answer for these actors of ``kind``: their group's level (None: no
        live record of the kind), its flag, and whether each is a protected person; within
        :meth:`erasing_many`, read once for every member of the groups it reads."""
        known = self._group_levels
        missing = [i for i in ids if known is None or (kind, i) not in known]
        got: dict[str, tuple[Sensitivity | None, bool, bool]] = {}
        if missing:
            group = protection.for_records(self.conn, kind, missing)
            for rid in {*missing, *group.level, *group.people}:
                got[rid] = (group.level.get(rid), rid in group.inside, rid in group.people)
            if known is not None:  # the groups', for their other members too
                known.update(((kind, rid), said) for rid, said in got.items())
        cached = known or {}
        return {i: got[i] if i in got else cached[(kind, i)] for i in ids}

    def _touches_protected(self, record: Record) -> bool:
        """Whether a record refers to a protected person: a live one by the rule, an erased
        one as she was when she was erased (an erasure erases her first, then what touches
        her)."""
        refs: list[str] = []
        for spec in KINDS[record.kind].fields:
            value = record.values.get(spec.name)
            if spec.type is FieldType.REF and isinstance(value, str):
                refs.append(value)
            elif spec.type is FieldType.REF_LIST and isinstance(value, list):
                refs += [v for v in value if isinstance(v, str)]
        if not refs:
            return False
        live = self._actors(Kind.PERSON, refs)
        if any(live[r][2] for r in refs):
            return True
        kept = [self.erased_protection(r) for r in refs]
        return any(k is not None and (k[1] or k[0] >= Sensitivity.PROTECTED) for k in kept)

    def raise_erased_protection(self, notice: Record) -> None:
        """A protection notice about a record erased here: keep the higher level it tells."""
        level = Sensitivity.parse(str(notice.values.get("sensitivity") or "internal"))
        inside = bool(notice.values.get("inside_russia"))
        self.conn.execute(
            "INSERT INTO erased_protection (record_id, level, inside) VALUES (?, ?, ?) ON "
            "CONFLICT (record_id) DO UPDATE SET level = max(level, excluded.level), inside = "
            "max(inside, excluded.inside)", (notice.id, int(level), int(inside)))

    def erased_protected_people(self) -> frozenset[str]:
        """The ids of the records erased here that were protected (people, and what touched
        them) when they were erased."""
        rows = self.conn.execute("SELECT record_id FROM erased_protection WHERE inside != 0 "
                                 "OR level >= ?", (int(Sensitivity.PROTECTED),))
        return frozenset(str(r) for (r,) in rows)

    def erased_protection(self, record_id: str) -> tuple[Sensitivity, bool] | None:
        """How protected a record was when it was erased (None: erased before this was kept)."""
        row = self.conn.execute("SELECT level, inside FROM erased_protection WHERE record_id = ?",
                                (record_id,)).fetchone()
        return (Sensitivity(int(row[0])), bool(row[1])) if row else None

    # -- protection that does not travel (DESIGN §6.4.1) -------------------------------------
    def keep_own_level(self, record_id: str, level: Sensitivity,
                       since: int | None = None) -> None:
        """The level the official gave a record the rule raised (a tie touching a protected
        person): ``include`` lifts the rule's raise, not the official's own level. ``since``:
        the clock value of the newest level it took account of (see :meth:`raise_given`)."""
        self.conn.execute("INSERT OR IGNORE INTO own_level (record_id, level, since) VALUES "
                          "(?, ?, ?)", (record_id, int(level), since))

    def keep_own_level_of(self, record: Record, raise_: Mapping[str, Any]) -> None:
        """Before the rule raises a tie, or a person's level (a "same" group's, DESIGN
        §6.4.3): the level its official gave it, which ``include`` still holds to the
        ceiling (§6.4.5). The first kept stays: a later raise does not replace it."""
        if record.kind is Kind.TIE or (record.kind is Kind.PERSON and "sensitivity" in raise_):
            self.keep_own_level(record.id, record.sensitivity)

    def raise_given(self, records: Iterable[Record]) -> None:
        """A level a bundle gives a person or a tie is given, as an official's is: the level
        kept when a rule raised the record (its flag, its group) rises to it, though the
        record's own field, higher already, takes nothing (DESIGN §6.4.5). A level older than
        the official's own decision does not count (a line sending again what it sent before
        does not undo it: ``since``), nor ``protected`` on a line that flags her, which her
        flag gives her anywhere (her level is not known by it)."""
        kept = {str(r): since for r, since in self.conn.execute(
            "SELECT record_id, since FROM own_level")}
        if not kept:
            return
        rows: list[tuple[int, int, str]] = []
        for r in records:
            if r.id not in kept or "sensitivity" not in r.stamps or r.erased is not None \
                    or r.kind not in (Kind.PERSON, Kind.TIE):
                continue
            given = r.stamps["sensitivity"]
            flagged = r.kind is Kind.PERSON and bool(r.values.get("inside_russia"))
            since = kept[r.id]
            if (since is not None and given.hlc <= since) or (
                    flagged and r.sensitivity >= Sensitivity.PROTECTED):
                continue
            rows.append((int(r.sensitivity), given.hlc, r.id))
        self.conn.executemany("UPDATE own_level SET level = ?1, since = ?2 WHERE record_id = ?3 "
                              "AND level < ?1", rows)  # a lower level moves nothing

    def set_own_level(self, record_id: str, level: Sensitivity | None) -> None:
        """The official's own level for a record (None: none apart from its field): newer
        than any level a bundle gave it before (:meth:`raise_given`)."""
        self.conn.execute("DELETE FROM own_level WHERE record_id = ?", (record_id,))
        if level is not None:
            self.keep_own_level(record_id, level, self.clock.tick())

    def own_level(self, record_id: str) -> tuple[Sensitivity, int | None] | None:
        """The kept level of a record and its ``since`` (None: none kept)."""
        row = self.conn.execute("SELECT level, since FROM own_level WHERE record_id = ?",
                                (record_id,)).fetchone()
        return None if row is None else (Sensitivity(int(row[0])), row[1])

    def restore_own_level(self, record_id: str, kept: tuple[Sensitivity, int | None]) -> None:
        """Put back a kept level as it was (after an update that took a rule's raise for the
        official's ask)."""
        self.conn.execute("DELETE FROM own_level WHERE record_id = ?", (record_id,))
        self.keep_own_level(record_id, kept[0], kept[1])

    def own_levels(self) -> dict[str, Sensitivity]:
        return {str(r): Sensitivity(int(v))
                for r, v in self.conn.execute("SELECT record_id, level FROM own_level")}

    def lowered(self, record_id: str) -> dict[str, Stamp]:
        """Local lowerings of a record's protection: field → stamp of the value lowered."""
        rows = self.conn.execute("SELECT field, seen_hlc, seen_origin FROM protection_lowered "
                                 "WHERE record_id = ?", (record_id,)).fetchall()
        return {str(f): Stamp(int(h), str(o)) for f, h, o in rows}

    def mark_lowered(self, record: Record, fields: Iterable[str], at: str) -> None:
        """Keep that the official lowered ``fields``: the value they lowered (or an older one)
        coming back in a bundle does not raise them again."""
        for name in fields:
            seen = record.stamps.get(name)
            if seen is None:
                continue
            previous = self.lowered(record.id).get(name)
            if previous is not None and previous > seen:
                seen = previous
            # the actors a bundle moved it off, at the levels the official judged them at
            # (protection.moved_off): one protected more since counts again
            judged = protection.judged_now(self.conn, record.id) if name == "sensitivity" \
                and record.kind in protection.ABOUT else None
            self.conn.execute(
                "INSERT OR REPLACE INTO protection_lowered (record_id, field, seen_hlc, "
                "seen_origin, lowered_at, moved_judged) VALUES (?, ?, ?, ?, ?, ?)",
                (record.id, name, seen.hlc, seen.origin, at,
                 json.dumps(judged) if judged else None))

    def purge_erased_traces(self) -> None:
        """Rewrite the search index and flush the WAL so erased values leave no page behind.

        Call after the erasing transaction committed; ``secure_delete`` has zeroed the freed
        pages, ``optimize`` rewrites the index segments that still listed the old terms.
        """
        self._optimize_index()
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    # -- merge (DESIGN §6.1) ---------------------------------------------------------------
    def merge(self, incoming: Record, import_id: str | None = None) -> MergeOutcome:
        """Merge one record field by field: the greater stamp wins; erasure wins over all."""
        if self._group_levels and incoming.erased is None:  # may link or raise: read again
            self._group_levels.clear()
        for stamp in [*incoming.stamps.values(), *([incoming.erased] if incoming.erased else [])]:
            self.clock.observe(stamp.hlc)
        local = self.get(incoming.id)
        if local is not None and local.kind is not incoming.kind:
            raise BundleError("A record id in the bundle belongs to a record of another kind "
                              "here; the bundle was refused.")
        if local is None:
            return self._merge_new(incoming, import_id)
        if local.erased is not None or incoming.erased is not None:
            return self._merge_erasure(local, incoming)
        lowered = self.lowered(local.id) if protection.RATCHET & incoming.stamps.keys() else {}
        fields, kept = merge_fields(local, incoming, lowered)
        if "inside_russia" in fields and local.kind is Kind.PERSON \
                and not local.values.get("inside_russia"):
            # a bundle flags her: the level she had stays hers for ``include``, as at a flag
            # here (her field takes the flag's protected)
            self.keep_own_level(local.id, local.sensitivity)
        outcome = MergeOutcome("unchanged", kept_protection=kept)
        receipts: dict[str, str | None] | None = None
        for name in fields:
            stamp = incoming.stamps[name]
            mine = local.stamps.get(name)
            if mine is not None:
                receipts = self.receipts(local.id) if receipts is None else receipts
                self._keep_history(local, name, stamp, import_id, _receipt(receipts, name))
                if mine.origin == self.origin:
                    outcome.overwritten_local.append(name)
            local.values[name] = incoming.values.get(name)
            local.stamps[name] = stamp
            outcome.fields.append(name)
        if outcome.fields:
            outcome.status = "changed"
            self._save(local, new=False)
            self.set_receipts(local.id, outcome.fields, import_id, receipts)
            self._reindex(local)
            audit.append(self.conn, self.origin, "merge", local.id, local.kind.value,
                         fields=outcome.fields)
        return outcome

    def _merge_new(self, incoming: Record, import_id: str | None = None) -> MergeOutcome:
        record = Record(incoming.id, incoming.kind, dict(incoming.values), dict(incoming.stamps),
                        incoming.erased)
        self._save(record, new=True)
        if import_id is not None:
            self.mark_received([record.id], import_id)
        self._reindex(record)
        audit.append(self.conn, self.origin, "merge", record.id, record.kind.value,
                     fields=record.values)
        return MergeOutcome("erased" if record.erased else "new", sorted(record.values))

    def _merge_erasure(self, local: Record, incoming: Record) -> MergeOutcome:
        stamp = incoming.erased
        if stamp is None or not erasure_wins(local.erased, stamp):
            return MergeOutcome("unchanged")
        self._blank(local, stamp)
        audit.append(self.conn, self.origin, "erase", local.id, local.kind.value)
        return MergeOutcome("erased")

    # -- bulk ------------------------------------------------------------------------------
    def bulk_insert(self, records: Iterable[Record]) -> int:
        """Insert new records fast (demo data, first import); one executemany per kind."""
        by_kind: dict[Kind, list[Record]] = {}
        for record in records:
            by_kind.setdefault(record.kind, []).append(record)
        for kind, batch in by_kind.items():
            # rows made as the statement takes them: each is freed once bound (less memory)
            self.conn.executemany(self._insert_sql(kind), map(_stored_row, batch))
            if kind is Kind.EVENT:
                for r in batch:
                    self._sync_participants(r)
            self._index_many(batch)
        return sum(len(b) for b in by_kind.values())

    def insert_many(self, records: list[Record], action: str = "create") -> int:
        """Bulk-insert new records with their audit entries (imports): one statement each."""
        count = self.bulk_insert(records)
        audit.append_many(self.conn, self.origin, action,
                          ((r.id, r.kind.value, r.values) for r in records))
        return count

    # -- search ----------------------------------------------------------------------------
    def ensure_index(self) -> bool:
        """Rebuild the search index when it was made by another version of the name keys.

        Returns True when it rebuilt. The index holds derived terms only, never shared
        content, so rebuilding changes neither the digest nor any record.
        """
        if self.meta_get("index_version") == str(self.index_version):
            return False
        with self.write():
            self.conn.execute("DELETE FROM search_index")
            self.conn.execute("DELETE FROM name_index")
            self.conn.execute("DELETE FROM search_doc")
            for kind, spec in KINDS.items():
                if not _searchable_kind(spec):
                    continue
                batch: list[Record] = []
                for record in self.iter_records(kind):
                    if record.erased is None and not record.deleted:
                        batch.append(record)
                    if len(batch) >= 5000:
                        self._index_many(batch)
                        batch = []
                self._index_many(batch)
            self.meta_set("index_version", str(self.index_version))
        self._optimize_index()
        return True

    def _optimize_index(self) -> None:
        for table in ("search_index", "name_index"):
            self.conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608


    def search_ids(self, words: list[tuple[str, ...]], limit: int, *,
                   prefix: bool = True) -> list[tuple[str, str]]:
        """(record id, kind) of live records whose index holds, for every entry of
        ``words``, one of its terms (as a prefix)."""
        if not words or not all(words):
            return []
        match = fts_match(words, prefix=prefix)
        rows = self.conn.execute(
            "SELECT d.record_id, d.kind FROM (SELECT rowid FROM search_index WHERE "
            "search_index MATCH ? LIMIT ?) AS s JOIN search_doc AS d ON d.rowid = s.rowid",
            (match, limit)).fetchall()
        return [(str(a), str(b)) for a, b in rows]

    def search_name_ids(self, words: list[tuple[str, ...]],
                        limit: int) -> list[tuple[str, str]]:
        """(record id, kind) of live records with, for every entry of ``words``, a name term
        that begins with one of its terms; exact terms first (the name index, filled by
        ``name_indexer``)."""
        if not words or not all(words):
            return []
        found: list[tuple[str, str]] = []
        for prefix in (False, True):
            match = fts_match(words, prefix=prefix)
            rows = self.conn.execute(
                "SELECT d.record_id, d.kind FROM (SELECT rowid FROM name_index WHERE "
                "name_index MATCH ? LIMIT ?) AS s JOIN search_doc AS d ON d.rowid = s.rowid",
                (match, limit)).fetchall()
            seen = {rid for rid, _ in found}
            found += [(str(a), str(b)) for a, b in rows if a not in seen]
            if len(found) >= limit:
                break
        return found[:limit]

    def labels(self, found: list[tuple[str, str]]) -> list[tuple[str, str, str, str, str]]:
        """(id, kind, name, latin name, sensitivity) of live records, in one query per kind."""
        by_kind: dict[str, list[str]] = {}
        for record_id, kind in found:
            by_kind.setdefault(kind, []).append(record_id)
        out = []
        for kind, ids in by_kind.items():
            spec = KINDS[Kind(kind)]
            name = "title" if kind == Kind.EVENT.value else "name"
            latin = "name_latin" if "name_latin" in spec.by_name else "''"
            marks = ",".join("?" * len(ids))
            rows = self.conn.execute(
                f"SELECT id, {name}, {latin}, sensitivity FROM {spec.table} "  # noqa: S608
                f"WHERE id IN ({marks}) AND erased IS NULL AND coalesce(deleted, 0) = 0", ids)
            got = [(str(i), str(n or ""), str(lt or ""), Sensitivity(int(
                sv if sv is not None else 1))) for i, n, lt, sv in rows]
            # a "same" group's member at the level the rule gives it, not its own column
            raised = protection.raised_actors(self.conn, Kind(kind), [g[0] for g in got])
            out += [(i, kind, n, lt, raised[i][0].label if i in raised else sv.label)
                    for i, n, lt, sv in got]
        return out

    # -- digest ----------------------------------------------------------------------------
    def digest(self) -> str:
        """SHA-256 over the canonical content of every shared record, in kind and id order.

        Each row is rendered by SQLite's ``json_array()`` over the id, every field column, the
        stamps and the erasure stamp: identical stored values give identical text whatever
        order the merges that produced them ran in. A deleted record counts as the tombstone
        that travels for it (id and ``deleted`` stamp, DESIGN §6.4.7). Local-only tables
        (identity, trust store, audit, history, settings) are not part of it.
        """
        h = hashlib.sha256(b"registry-digest/3\n")
        for kind, spec in KINDS.items():
            cols = ["id", *(f'"{f.name}"' for f in spec.fields), "stamps", "erased"]
            h.update(f"{kind.value}\n".encode())
            cur = self.conn.execute(
                f"SELECT json_array({', '.join(cols)}), id, coalesce(deleted, 0), stamps "  # noqa: S608
                f"FROM {spec.table} ORDER BY id")
            while rows := cur.fetchmany(5000):
                h.update("\n".join(r[0] if not r[2] else _tombstone_text(r[1], r[3])
                                   for r in rows).encode())
                h.update(b"\n")
        return h.hexdigest()

    # -- internals -------------------------------------------------------------------------
    def _insert_sql(self, kind: Kind) -> str:
        spec = KINDS[kind]
        cols = ["id", *(f'"{f.name}"' for f in spec.fields), *RESERVED]
        marks = ", ".join("?" for _ in cols)
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
        return (f"INSERT INTO {spec.table} ({', '.join(cols)}) VALUES ({marks}) "  # noqa: S608
                f"ON CONFLICT(id) DO UPDATE SET {updates}")

    def _save(self, record: Record, *, new: bool) -> None:
        del new  # one upsert statement serves both
        record.stored = None  # changed in place: what was made of it before is not it
        self.conn.execute(self._insert_sql(record.kind), _to_row(record))
        if record.kind is Kind.EVENT:
            self._sync_participants(record)

    def _sync_participants(self, record: Record) -> None:
        self.conn.execute("DELETE FROM event_participant WHERE event_id = ?", (record.id,))
        people = [] if record.deleted else record.values.get("participants") or []
        self.conn.executemany("INSERT OR IGNORE INTO event_participant VALUES (?, ?)",
                              [(record.id, p) for p in people])

    def _keep_history(self, record: Record, name: str, by: Stamp, import_id: str | None,
                      received: str | None = None, *, restored: str | None = None) -> None:
        """Keep the value ``by`` replaces; ``import_id`` brought the new one, ``received`` the
        old one (None: a local edit). ``restored``: the new one puts back what an import
        replaced ("revert", "quarantine"): not the official's own edit, so a reference it
        takes away counts as a bundle's move would (marked ``restored``: a revert or a
        quarantine lowers nothing sideways). A "same" link a revert takes away keeps its pair
        (a revert never lowers); one a quarantine changes neither keeps nor drops one: a
        quarantine that takes a record out of a protected group says so and asks first."""
        old = record.stamps.get(name)
        if old is None:
            return
        if name in _NAMING_FIELDS.get(record.kind, ()):  # who holds the old value knows it
            self._keep_who_knows_of(record.id, _listed(record.values.get(name)),
                                    same=name == "merged_into")
        if name == "merged_into" and record.kind in protection.ACTOR_TABLES \
                and restored != "quarantine":
            self._split(record.id, record.values.get(name),
                        by_import=import_id is not None or restored == "revert")
        self.conn.execute(
            "INSERT INTO field_history (record_id, field, value, hlc, origin, replaced_by_hlc,"
            " replaced_by_origin, import_id, received_import, restored) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.id, name, dumps(record.values.get(name)), old.hlc, old.origin, by.hlc,
             by.origin, import_id, received, 1 if restored else None))

    @staticmethod
    def _text(record: Record, fields: tuple[str, ...]) -> str:
        parts: list[str] = []
        values = record.values
        for name in fields:
            value = values.get(name)
            if isinstance(value, list):
                parts.extend(str(v) for v in value)
            elif value:
                parts.append(str(value))
        return " ".join(parts)

    def _reindex(self, record: Record) -> None:
        self._unindex(record.id)
        if not record.deleted:
            self._index_many([record])

    def _index_many(self, records: list[Record]) -> None:
        indexed = [r for r in records if _SEARCHED[r.kind] and not r.deleted]
        if not indexed:
            return
        row = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM search_doc").fetchone()
        first = int(row[0]) + 1
        self.conn.executemany("INSERT INTO search_doc (rowid, record_id, kind) VALUES (?, ?, ?)",
                              ((first + n, r.id, r.kind.value) for n, r in enumerate(indexed)))
        terms = [r.stored[1:] if r.stored is not None  # made beforehand (stored_form)
                 else _terms(r, self.indexer, self.name_indexer) for r in indexed]
        self.conn.executemany("INSERT INTO search_index (rowid, terms) VALUES (?, ?)",
                              ((first + n, t[0]) for n, t in enumerate(terms)))
        if self.name_indexer is None:
            return
        self.conn.executemany("INSERT INTO name_index (rowid, terms) VALUES (?, ?)",
                              ((first + n, t[1]) for n, t in enumerate(terms) if t[1]))

    def _unindex(self, record_id: str) -> None:
        row = self.conn.execute("SELECT rowid FROM search_doc WHERE record_id = ?",
                                (record_id,)).fetchone()
        if row:
            self.conn.execute("DELETE FROM search_index WHERE rowid = ?", (row[0],))
            self.conn.execute("DELETE FROM name_index WHERE rowid = ?", (row[0],))
            self.conn.execute("DELETE FROM search_doc WHERE rowid = ?", (row[0],))


def name_forms(values: Mapping[str, Any]) -> list[str]:
    """A person's name forms as the mention scan reads them: name, Latin name, aliases."""
    forms = [v for v in (values.get("name"), values.get("name_latin")) if isinstance(v, str)]
    aliases = values.get("aliases")
    return forms + ([a for a in aliases if isinstance(a, str)]
                    if isinstance(aliases, list) else [])


_NAME_FIELDS = ("name", "name_latin", "aliases")
CO_HELD = "co:"  # a ``known_by`` holder only a joint bundle's manifest names (keep_co_held)


# the fields of each kind that name a person or an organisation by id
_NAMING_FIELDS: dict[Kind, tuple[str, ...]] = {
    **protection.ABOUT, Kind.DECISION: ("a_id", "b_id"),
    **{kind: ("merged_into",) for kind in protection.ACTOR_TABLES}}


def named_ids(record: Record) -> list[str]:
    """The real ids a record's reference fields name (a tie's ends, an event's organiser and
    participants, a "same" link…): whoever holds this version of it knows them."""
    return [v for name in _NAMING_FIELDS.get(record.kind, ())
            for v in _listed(record.values.get(name))]


def named_ids_of(records: Iterable[Record]) -> set[str]:
    """:func:`named_ids` of each live record of ``records``, together: one pass, for the
    hundreds of thousands of lines of an export."""
    out: set[str] = set()
    for record in records:
        names = _NAMING_FIELDS.get(record.kind)
        if names is None or record.erased is not None:
            continue
        values = record.values
        for name in names:
            value = values.get(name)
            if value is None:
                continue
            if isinstance(value, str):
                out.add(value)
            elif isinstance(value, list):
                out.update(v for v in value if isinstance(v, str))
    return out


def _listed(value: object) -> list[str]:
    """The ids a reference field holds (one, or a list)."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _meta(conn: db.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def _receipt(receipts: dict[str, str | None], name: str) -> str | None:
    """The import that brought the current value of ``name`` (None: set here, or unknown)."""
    return receipts[name] if name in receipts else receipts.get("*")


def _searchable_kind(spec: KindSpec) -> bool:
    return any(f.searchable for f in spec.fields)


# per kind, its searchable fields in field order: decided once, not per record indexed
_SEARCHED = {kind: tuple(f.name for f in spec.fields if f.searchable)
             for kind, spec in KINDS.items()}
# per kind, its searchable fields that name the record (the name index, for short prefixes)
_NAMED = {kind: tuple(n for n in _SEARCHED[kind] if n in ("name", "name_latin", "aliases",
                                                             "title"))
          for kind in KINDS}


def _columns(spec: KindSpec) -> str:
    return ", ".join(["id", *(f'"{f.name}"' for f in spec.fields), *RESERVED])


# per kind, its field names in column order, and the columns whose stored form differs with
# their conversion (codec.column_writer), decided once
_FIELD_NAMES = {kind: tuple(f.name for f in spec.fields) for kind, spec in KINDS.items()}
_CONVERTED = {kind: tuple((i, w) for i, f in enumerate(spec.fields)
                          if (w := column_writer(f)) is not None)
              for kind, spec in KINDS.items()}


def stored_form(record: Record, indexer: Indexer, name_indexer: Indexer | None
                ) -> tuple[tuple[Any, ...], str, str]:
    """What :meth:`Store.bulk_insert` writes of a new record: its row, and its terms in the
    search and name indexes ("" where it has none), as the store with these indexers makes
    them. An import's reader makes them on another processor (``sync.readahead``), for the
    record it hands over (``Record.stored``)."""
    return (_to_row(record), *_terms(record, indexer, name_indexer))


def from_form(kind: Any, form: Any) -> Record | None:
    """The record of a :func:`stored_form` (``kind``: its kind's value), made from its row as
    a read of the vault makes records from rows, and carrying the form: what is then checked
    and merged is what its row writes. None for a form of another shape, a row that does not
    read as one, or one with a value in a column no stamp of it covers or another ``updated``
    than its stamps give (what a read of the row would not show). Its texts (stamps, lists,
    erasure) are taken as written, by this program's encoders in the reader."""
    if not (type(kind) is str and type(form) is tuple and len(form) == 3
            and type(form[0]) is tuple and type(form[1]) is str and type(form[2]) is str):
        return None
    try:
        known = Kind(kind)
        row = form[0]
        if len(row) != len(_FIELD_NAMES[known]) + 1 + len(RESERVED) or type(row[0]) is not str:
            return None
        record = _to_record(known, row)
    except (ValueError, TypeError, KeyError, IndexError):  # orjson's errors are ValueErrors
        return None
    cells, values = row[1:-len(RESERVED)], record.values
    if len(cells) - cells.count(None) != len(values) - list(values.values()).count(None) \
            or row[-1] != _updated(record):  # a value no stamp covers; another order of change
        return None
    record.stored = form
    return record


def _terms(record: Record, indexer: Indexer, name_indexer: Indexer | None) -> tuple[str, str]:
    fields = _SEARCHED[record.kind]
    if not fields or record.deleted:  # not indexed (Store._index_many)
        return "", ""
    return (" ".join(indexer(Store._text(record, fields))),
            " ".join(name_indexer(Store._text(record, _NAMED[record.kind])))
            if name_indexer is not None else "")


def _stored_row(record: Record) -> tuple[Any, ...]:
    return record.stored[0] if record.stored is not None else _to_row(record)


def _to_row(record: Record) -> tuple[Any, ...]:
    cells = list(map(record.values.get, _FIELD_NAMES[record.kind]))  # one C loop per row
    for i, convert in _CONVERTED[record.kind]:
        if cells[i] is not None:  # most fields of most records are empty
            cells[i] = convert(cells[i])
    stamps = encode_stamps(record.stamps)
    erased = dumps(list(record.erased)) if record.erased else None
    return (record.id, *cells, stamps, erased, _updated(record))


def _updated(record: Record) -> int:
    """The ``updated`` column: the greatest of its stamps and its erasure."""
    marks = list(record.stamps.values())
    if marks and record.erased is None and marks.count(marks[0]) == len(marks):
        return marks[0].hlc  # one stamp for every field: most records
    return max([s.hlc for s in marks] + ([record.erased.hlc] if record.erased else []) + [0])


# per kind, each field's column and its reader (codec.column_reader), decided once
_READERS = {k: [(i + 1, f.name, column_reader(f)) for i, f in enumerate(spec.fields)]
            for k, spec in KINDS.items()}


def _to_record(kind: Kind, row: tuple[Any, ...]) -> Record:
    stamps = decode_stamps(row[-3])
    values = {name: row[i] if read is None else read(row[i])
              for i, name, read in _READERS[kind] if name in stamps}
    erased = Stamp(*json.loads(row[-2])) if row[-2] else None
    return Record(str(row[0]), kind, values, stamps, erased)



def field_wins(name: str, local: Record, incoming: Record, lowered: Stamp | None = None) -> bool:
    """Whether the incoming value of field ``name`` replaces the local one (DESIGN §6.1, §6.4.1).

    Every field takes the greater stamp, except ``sensitivity`` and ``inside_russia``, which
    merge as a maximum (:func:`registry.store.protection.ratchet_wins`). The import planner
    asks the same question, so what a dry run shows is what the merge does.
    """
    stamp = incoming.stamps[name]
    mine = local.stamps.get(name)
    if name in protection.RATCHET:
        held = None if mine is None else (local.values.get(name), mine)
        return protection.ratchet_wins(name, held, (incoming.values.get(name), stamp), lowered)
    return mine is None or stamp > mine


def erasure_wins(local: Stamp | None, incoming: Stamp | None) -> bool:
    """Whether an incoming erasure replaces the local state (an erasure wins over every field;
    of two erasures the greater stamp). Asked by :meth:`Store.merge` and the import planner."""
    return incoming is not None and (local is None or incoming > local)


def merge_fields(local: Record, incoming: Record,
                 lowered: Mapping[str, Stamp]) -> tuple[list[str], list[str]]:
    """The merge of ``incoming`` over a live ``local`` record, decided once: the fields it
    sets, and the protection fields it carried with a newer stamp but a lower value, which
    the ratchet keeps here. :meth:`Store.merge` applies exactly these and the import planner
    (``sync.importer.classify``) reports exactly these, so the dry run shows what the merge
    does.

    Both in stamp order, then by name, as the vault stores stamps (``encode_stamps``), not
    in the order a line lists them: the field history the merge writes, and its report, do
    not depend on how the line was written, nor on whether the record was read from it or
    made from its stored form (``from_form``)."""
    fields: list[str] = []
    kept: list[str] = []
    for name, stamp in sorted(incoming.stamps.items(), key=_stamp_then_name):
        if field_wins(name, local, incoming, lowered.get(name)):
            fields.append(name)
        elif name in protection.RATCHET and (mine := local.stamps.get(name)) is not None \
                and stamp > mine:
            kept.append(name)
    return fields, kept


def _stamp_then_name(item: tuple[str, Stamp]) -> tuple[Stamp, str]:
    return item[1], item[0]


def _tombstone_text(record_id: str, stamps: str) -> str:
    stamp = decode_stamps(stamps).get("deleted")
    return dumps([record_id, "deleted", list(stamp) if stamp else None])


def encode_stamps(stamps: dict[str, Stamp]) -> str:
    """Canonical compact form: ``[[hlc, origin, [field, ...]], ...]`` sorted by stamp.

    Fields written together share one stamp, so a record usually stores a single entry;
    the same stamps always give the same text (the digest relies on it).
    """
    marks = list(stamps.values())
    if marks and marks.count(marks[0]) == len(marks):  # one stamp (most records): rendered
        hlc, origin = marks[0]  # exactly as dumps() would
        if _plain_origin(origin):
            return f'[[{hlc},"{origin}",{_names_json(tuple(stamps))}]]'
    groups: dict[Stamp, list[str]] = {}
    for name, stamp in stamps.items():
        groups.setdefault(stamp, []).append(name)
    return dumps([[s.hlc, s.origin, sorted(names)] for s, names in sorted(groups.items())])


@of_records
@functools.lru_cache(maxsize=256)
def _plain_origin(origin: str) -> bool:
    """Nothing in it to escape: a vault's fingerprint (a few of them sign a whole import)."""
    return origin.isalnum() and origin.isascii()


@functools.lru_cache(maxsize=4096)
def _names_json(names: tuple[str, ...]) -> str:  # records of a kind list them in one order
    return dumps(sorted(names))


def decode_stamps(text: str) -> dict[str, Stamp]:
    """What :func:`encode_stamps` wrote, read with orjson (every row an export or a list
    reads has stamps: a fifth less time than the standard parser for the bench vault's).

    Most records have one stamp, and the records of a kind list the same names: such a text
    is taken apart here, its list of names parsed once (:func:`_names_of`); what that reads
    is what the parser reads of it, and any other text goes to the parser."""
    one = _ONE_STAMP.fullmatch(text) if type(text) is str and len(text) < _SHORT else None
    listed = _names_of(one[3]) if one is not None else None
    if one is not None and listed is not None:
        return dict.fromkeys(listed, Stamp(int(one[1]), one[2]))
    out: dict[str, Stamp] = {}
    for hlc, origin, names in orjson.loads(text):
        out.update(dict.fromkeys(map(str, names), Stamp(int(hlc), str(origin))))
    return out


# one stamp as encode_stamps writes it: a JSON integer (as orjson reads one: no leading zero,
# within 64 bits), an origin with nothing to escape, and what must be a list of names
_ONE_STAMP = re.compile(r'\[\[(0|[1-9][0-9]{0,17}),"([0-9A-Za-z]{1,64})",(\[.*\])\]\]')
_SHORT = 2048  # longer texts (no kind has so many names) are not kept in the cache of lists


@of_records
@functools.lru_cache(maxsize=4096)
def _names_of(text: str) -> tuple[str, ...] | None:
    """The names a stamp's list holds (as decode_stamps reads them), None when ``text`` is
    not a JSON list (the parser then reads the whole text, and fails as ever)."""
    try:
        names = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return tuple(map(str, names)) if type(names) is list else None
