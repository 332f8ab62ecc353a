"""Listing queries for the record lists: filters, sort and search done in SQL (DESIGN §10).

A list is an **ordered id array**: :meth:`Listing.ids` returns every matching id in display
order (one indexed query, no ``OFFSET``), and :meth:`Listing.rows` fetches the display
columns of a block of those ids on demand. Depth costs nothing: any block is a primary-key
lookup, so a view stays smooth at 100,000 rows and beyond.

A search has two plans. A query matching few records looks them up by id and sorts them. A
query matching many (a short prefix: "al" matches one person in eight) would look up and
sort thousands of rows, from pages not yet read, only to show the first 200: its head walks
the list's own order instead (the ``*_live`` index, which the unfiltered list has read
already) and stops when the page is full, testing each id against the matches (see
:meth:`Listing.ids`). Both plans answer the same ids in the same order.

Column and filter names come from fixed tables here, never from input: only values are bound
as parameters. Qt-free; the GUI calls it on its database thread through ``Registry.listing``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.errors import RegistryError
from registry.store import protection
from registry.store.fts import fts_match

Connection = Any
QueryTerms = Callable[[str], list[tuple[str, ...]]]  # a word's alternatives, for each word

LIVE = "t.erased IS NULL AND coalesce(t.deleted, 0) = 0"
MAX_TERMS = 16
BLOCK_MAX = 1000
# a search matching at least this many records (of any kind) is dense: the first rows of its
# list are found by walking the list's order (cost ≈ rows walked, few when matches are many)
# rather than by sorting every match (cost ≈ matches, each one a row read)
DENSE_MATCHES = 1000
STOP_EVERY = 20_000  # SQLite instructions between two asks of ``stop()`` (about a millisecond)


class Superseded(RegistryError):
    """A listing query was ended early because its caller's ``stop()`` said so (a newer
    query replaced it); nothing was changed."""


def _actor_name(ref: str) -> str:
    return (f"coalesce((SELECT coalesce(p.name, p.name_latin) FROM person AS p WHERE p.id = "  # noqa: S608
            f"{ref}), (SELECT coalesce(o.name, o.name_latin) FROM organisation AS o "
            f"WHERE o.id = {ref}))")


@dataclass(frozen=True)
class Column:
    """A display column: its key, the SQL that computes it, and how it decodes.

    ``field`` is the kind's field it shows (default: the key); its header is that field's
    declared ``column`` label (:class:`registry.domain.model.FieldSpec`).
    """

    key: str
    sql: str
    decode: str = "plain"  # plain | list | bool | sensitivity
    sort_sql: str | None = None
    field: str = ""

    @property
    def field_name(self) -> str:
        return self.field or self.key

    @property
    def order_by(self) -> str:
        return self.sort_sql or self.sql


@dataclass(frozen=True)
class Filter:
    """A filter the user may set: a WHERE template with one ``?`` and how to bind the value."""

    key: str
    where: str
    bind: str = "eq"  # eq | list_member | bool | sensitivity


@dataclass(frozen=True)
class ListSpec:
    kind: Kind
    table: str
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...]
    default_sort: str | None  # None: most recently changed first (the ``updated`` index)
    search_refs: tuple[str, ...] = ()  # kinds without an own index search their actors
    by_key: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_key", {c.key: c for c in self.columns})

    def filter(self, key: str) -> Filter:
        for f in self.filters:
            if f.key == key:
                return f
        raise KeyError(key)


def _name_cols() -> tuple[Column, Column]:
    return (Column("name", "t.name", sort_sql="t.name COLLATE NOCASE"),
            Column("name_latin", "t.name_latin", sort_sql="t.name_latin COLLATE NOCASE"))


SENS = Column("sensitivity", "t.sensitivity", "sensitivity")
_RULED = ("sensitivity", "inside_russia")  # what the rule may give an actor above its own
F_SENS = Filter("sensitivity", "t.sensitivity = ?", "sensitivity")

SPECS: dict[Kind, ListSpec] = {s.kind: s for s in (
    ListSpec(Kind.PERSON, "person", (
        *_name_cols(),
        Column("roles", "t.roles", "list"),
        Column("region", "t.region"),
        Column("country", "t.country"),
        Column("inside_russia", "coalesce(t.inside_russia, 0)", "bool"),
        SENS,
    ), (
        Filter("role", "t.roles LIKE ? ESCAPE '\\'", "list_member"),
        Filter("region", "t.region = ?"),
        Filter("country", "t.country = ?"),
        Filter("inside_russia", "coalesce(t.inside_russia, 0) = ?", "bool"),
        F_SENS,
    ), "name"),
    ListSpec(Kind.ORGANISATION, "organisation", (
        *_name_cols(),
        Column("type", "t.type"),
        Column("country", "t.country"),
        Column("founded", "t.founded"),
        SENS,
    ), (
        Filter("type", "t.type = ?"),
        Filter("country", "t.country = ?"),
        Filter("region", "t.regions_covered LIKE ? ESCAPE '\\'", "list_member"),
        F_SENS,
    ), "name"),
    ListSpec(Kind.TIE, "tie", (
        Column("from", _actor_name("t.from_id"), field="from_id"),
        Column("kind", "t.kind"),
        Column("to", _actor_name("t.to_id"), field="to_id"),
        Column("confidence", "t.confidence"),
        Column("start", "t.start"),
        SENS,
    ), (
        Filter("tie_kind", "t.kind = ?"),
        Filter("confidence", "t.confidence = ?"),
        F_SENS,
    ), None, search_refs=("t.from_id", "t.to_id")),
    ListSpec(Kind.SUPPORT, "support", (
        Column("provider", _actor_name("t.provider_id"), field="provider_id"),
        Column("recipient", _actor_name("t.recipient_id"), field="recipient_id"),
        Column("kind", "t.kind"),
        Column("status", "t.status"),
        Column("start", "t.start"),
        Column("end", 't."end"'),
        Column("horizon", "t.horizon"),
        SENS,
    ), (
        Filter("support_kind", "t.kind = ?"),
        Filter("status", "t.status = ?"),
        Filter("horizon", "t.horizon = ?"),
        F_SENS,
    ), None, search_refs=("t.provider_id", "t.recipient_id")),
    ListSpec(Kind.EVENT, "event", (
        Column("title", "t.title", sort_sql="t.title COLLATE NOCASE"),
        Column("start", "t.start"),
        Column("place", "t.place"),
        Column("country", "t.country"),
        SENS,
    ), (
        Filter("country", "t.country = ?"),
        F_SENS,
    ), "start"),
    ListSpec(Kind.EVALUATION, "evaluation", (
        Column("subject", _actor_name("t.subject_id"), field="subject_id"),
        Column("date", "t.date"),
        Column("assessor_name", "t.assessor_name"),
        Column("score_1", "t.score_1"),
        Column("score_2", "t.score_2"),
        Column("score_3", "t.score_3"),
        SENS,
    ), (F_SENS,), None, search_refs=("t.subject_id",)),
)}


@dataclass(frozen=True)
class ListQuery:
    """What a list shows: kind, sort column and direction, filters and a search text."""

    kind: Kind
    sort: str | None = None
    descending: bool = False
    filters: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""


class Listing:
    """Listing queries over one open connection."""

    def __init__(self, conn: Connection, query_terms: QueryTerms, *,
                 dense: int = DENSE_MATCHES) -> None:
        self._conn = conn
        self._query_terms = query_terms
        self._dense = max(1, dense)

    def ids(self, query: ListQuery, limit: int | None = None, *,
            stop: Callable[[], bool] | None = None) -> list[str]:
        """Every id matching ``query`` (or the first ``limit``), in display order.

        Ties are broken by id, so the first ``limit`` ids are exactly the head of the full
        array: a view paints the head at once and takes the rest when it arrives.

        The head of a dense search (:meth:`walks`) is read in display order from the list's
        ``*_live`` index, each id tested against the matches, until ``limit`` are found; any
        other query sorts its matches. The ids are the same either way.

        ``stop()`` is asked about every millisecond while the query runs; when it says True
        the query ends and :class:`Superseded` is raised. A view passes "a newer query
        replaced this one", so a full array that takes long (every tie of a common name)
        never holds up the next keystroke's head.
        """
        sql, args = self._select(query, "t.id", walk=limit is not None and self.walks(query))
        spec = SPECS[query.kind]
        key = query.sort if query.sort in spec.by_key else spec.default_sort
        column = spec.by_key.get(key or "")
        if column is None:  # newest first unless reversed
            direction = "ASC" if query.descending else "DESC"
            sql += f" ORDER BY t.updated {direction}, t.id {direction}"
        else:
            direction = "DESC" if query.descending else "ASC"
            sql += f" ORDER BY {column.order_by} {direction}, t.id {direction}"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(max(0, int(limit)))
        if stop is None:
            return [str(r[0]) for r in self._conn.execute(sql, args)]
        self._conn.set_progress_handler(stop, STOP_EVERY)
        try:
            return [str(r[0]) for r in self._conn.execute(sql, args)]
        except Exception as exc:  # the driver's "interrupted" error when stop() said so
            if stop():
                raise Superseded("The list query was replaced by a newer one.") from exc
            raise
        finally:
            self._conn.set_progress_handler(None, 0)

    def walks(self, query: ListQuery) -> bool:
        """Whether the head of ``query`` walks the list's order: a search in the list's default
        order (either direction; that order has a ``*_live`` index), without filters, whose
        terms match at least ``dense`` records. Counting stops there, so asking is cheap."""
        spec = SPECS[query.kind]
        key = query.sort if query.sort in spec.by_key else spec.default_sort
        if key != spec.default_sort or any(v not in (None, "") for v in query.filters.values()):
            return False
        match = self._match(query.text)
        if match is None:
            return False
        row = self._conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? "
            "LIMIT ?)", (match, self._dense)).fetchone()
        return int(row[0]) >= self._dense

    def count(self, query: ListQuery) -> int:
        sql, args = self._select(query, "count(*)")
        return int(self._conn.execute(sql, args).fetchone()[0])

    def rows(self, kind: Kind, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """Display values of the given ids (at most ``BLOCK_MAX``), by id; absent ids left out."""
        if len(ids) > BLOCK_MAX:
            raise ValueError("too many ids in one block")
        if not ids:
            return {}
        spec = SPECS[kind]
        cols = ", ".join(c.sql for c in spec.columns)
        marks = ", ".join("?" for _ in ids)
        sql = f"SELECT t.id, {cols} FROM {spec.table} AS t WHERE t.id IN ({marks})"  # noqa: S608
        out: dict[str, tuple[Any, ...]] = {}
        for row in self._conn.execute(sql, tuple(ids)):
            out[str(row[0])] = tuple(_decode(c, v) for c, v in zip(spec.columns, row[1:],
                                                                    strict=True))
        # the level and flag the rule gives a record of a "same" group, not its own columns;
        # and a tie touching a protected person is protected
        raised = protection.raised_actors(self._conn, kind, list(out)) \
            if kind is not Kind.TIE else dict.fromkeys(
                self._ties_touching(list(out)), (Sensitivity.PROTECTED, False))
        if raised:
            keys = [c.key for c in spec.columns]
            for rid, (level, inside) in raised.items():
                cells = dict(zip(keys, out[rid], strict=True))
                cells["sensitivity"] = level.label
                if "inside_russia" in cells:
                    cells["inside_russia"] = inside
                out[rid] = tuple(cells.values())
        return out

    def values(self, kind: Kind, column: str) -> list[str]:
        """Distinct values present in a plain column of live records (filter choices)."""
        spec = SPECS[kind]
        col = spec.by_key[column]
        if col.decode != "plain":
            raise ValueError("only plain columns have a value list")
        sql = (f"SELECT DISTINCT {col.sql} FROM {spec.table} AS t WHERE {LIVE} "  # noqa: S608
               f"AND {col.sql} IS NOT NULL ORDER BY 1")
        return [str(r[0]) for r in self._conn.execute(sql)]

    # -- internals -----------------------------------------------------------------------------
    def _select(self, query: ListQuery, what: str, *,
                walk: bool = False) -> tuple[str, list[Any]]:
        spec = SPECS[query.kind]
        where, args = [LIVE], []
        for key, value in sorted(query.filters.items()):
            if value is None or value == "":
                continue
            flt = spec.filter(key)
            if key == "sensitivity" and query.kind is Kind.TIE:
                clause, bound = self._ruled_ties(_bind(flt, value))
                where.append(clause)
                args.extend(bound)
                continue
            if key in _RULED and query.kind in protection.ACTOR_TABLES:
                clause, bound = self._ruled(query.kind, key, _bind(flt, value), flt.where)
                where.append(clause)
                args.extend(bound)
                continue
            where.append(flt.where)
            args.append(_bind(flt, value))
        search = self._search_clause(spec, query.text, walk)
        if search is not None:
            where.append(search[0])
            args.extend(search[1])
        sql = f"SELECT {what} FROM {spec.table} AS t WHERE {' AND '.join(where)}"  # noqa: S608
        return sql, args

    def _ruled(self, kind: Kind, key: str, value: Any, stored: str) -> tuple[str, list[Any]]:
        """A filter on the level or flag, as the rule gives them (a "same" group's): the
        stored column, but for the actors the rule raises, which match by what it gives."""
        raised = protection.raised_actors(self._conn, kind)
        if not raised:
            return stored, [value]
        given = [rid for rid, (level, inside) in raised.items()
                 if (int(level) if key == "sensitivity" else int(inside)) == value]
        return (f"(({stored} AND t.id NOT IN (SELECT value FROM json_each(?))) "  # noqa: S608
                "OR t.id IN (SELECT value FROM json_each(?)))",
                [value, json.dumps(sorted(raised)), json.dumps(sorted(given))])

    def _touching_protected(self, tie: str) -> tuple[str, list[Any]]:
        """SQL (and its arguments) of "the tie ``tie`` (an alias) touches a person the rule
        protects": by her own level or flag, each end looked up by its id, or by her "same"
        group's (:func:`protection.raised_actors`: only records in a group are read)."""
        given = json.dumps(sorted(
            rid for rid, (level, _) in protection.raised_actors(self._conn, Kind.PERSON).items()
            if level >= Sensitivity.PROTECTED))
        ends = [f"{tie}.from_id", f"{tie}.to_id"]
        own = " OR ".join(
            f"EXISTS (SELECT 1 FROM person AS p WHERE p.id = {end} AND (p.sensitivity >= ? "  # noqa: S608
            "OR coalesce(p.inside_russia, 0)))" for end in ends)
        grouped = " OR ".join(f"{end} IN (SELECT value FROM json_each(?))"  # noqa: S608
                              for end in ends)
        level = int(Sensitivity.PROTECTED)
        return f"({own} OR {grouped})", [level, level, given, given]

    def _ties_touching(self, ids: list[str]) -> list[str]:
        """Of the ties ``ids``, those the rule protects above their own level: they touch a
        protected person."""
        touching, args = self._touching_protected("t")
        return [str(r[0]) for r in self._conn.execute(
            "SELECT t.id FROM tie AS t WHERE t.id IN (SELECT value FROM json_each(?)) AND "  # noqa: S608
            f"coalesce(t.sensitivity, 1) < ? AND {touching}",
            [json.dumps(ids), int(Sensitivity.PROTECTED), *args])]

    def _ruled_ties(self, value: Any) -> tuple[str, list[Any]]:
        """A tie's level filter, by the rule's level: protected when it touches a protected
        person, whatever its own."""
        touching, args = self._touching_protected("t")
        if value < Sensitivity.PROTECTED:
            return f"(t.sensitivity = ? AND NOT {touching})", [value, *args]
        return f"(t.sensitivity = ? OR {touching})", [value, *args]

    def _match(self, text: str) -> str | None:
        words = self._query_terms(text)[:MAX_TERMS] if text.strip() else []
        if not words or not all(words):
            return None
        return fts_match(words, prefix=True)

    def _search_clause(self, spec: ListSpec, text: str,
                       walk: bool = False) -> tuple[str, list[Any]] | None:
        match = self._match(text)
        if match is None:
            return None
        hits = ("SELECT d.record_id FROM search_index AS s JOIN search_doc AS d "
                "ON d.rowid = s.rowid WHERE search_index MATCH ?")
        # a walk tests each row of the ordered index against the matches: the unary + keeps
        # the planner from looking the matches up by id (or by reference) and sorting them
        plus = "+" if walk else ""
        if not spec.search_refs:
            return f"{plus}t.id IN ({hits} AND d.kind = ?)", [match, spec.kind.value]
        # an uncorrelated IN (subquery) is evaluated once; each reference column probes it
        ors = " OR ".join(f"{plus}{ref} IN ({hits})" for ref in spec.search_refs)
        return f"({ors})", [match] * len(spec.search_refs)


def _bind(flt: Filter, value: Any) -> Any:
    if flt.bind == "bool":
        return 1 if value in (True, 1, "1", "true", "yes") else 0
    if flt.bind == "sensitivity":
        return int(Sensitivity.parse(str(value)))
    if flt.bind == "list_member":
        text = json.dumps(str(value), ensure_ascii=False)
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return str(value)


def _decode(column: Column, value: Any) -> Any:
    if column.decode == "list":
        return json.loads(value) if value else []
    if column.decode == "bool":
        return bool(value)
    if column.decode == "sensitivity":
        return Sensitivity(value).label if value is not None else Sensitivity.INTERNAL.label
    return value
