"""Who is protected: the one rule that every export, view and report asks (DESIGN §4.2, §6.4).

* A person is *protected* when its own level is ``protected`` or it is flagged inside Russia.
* Records decided "same" (linked by ``merged_into``) are one actor: every member of the group
  has the group's level, the highest of its members' (and is inside Russia when any member
  is). This holds for people and organisations alike.
* A tie that touches a protected person is protected; other records keep their own level
  (what happens to a support, evaluation or event touching a protected person is the
  export's business, see ``registry.sync.redact``).
* A tie, support, event or evaluation that a bundle moved off an actor — one of its
  references replaced by an import — is held at least at that actor's level, whichever came
  first, the move or the actor's protection (:func:`moved_off`: DESIGN §6.1, §6.4.1).
* Records a bundle or an erasure took apart stay one for their level and flag
  (:func:`unlinked`), until the official un-links them by their own edit.

:class:`Protection` holds the rule's answer for a whole vault (read once per export, report
or view, with no record content); :func:`group_of` answers it for one record. The merge side
of protection — ``sensitivity`` and ``inside_russia`` only ratchet up through sharing — is
:func:`ratchet_wins`, used by the store's merge and by the import planner alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Stamp
from registry.domain.model import KINDS, Record

Connection = Any

# Fields that merge as a maximum (DESIGN §6.4.1): an import can raise them, never lower them.
RATCHET = frozenset({"sensitivity", "inside_russia"})
ACTOR_TABLES = {Kind.PERSON: "person", Kind.ORGANISATION: "organisation"}
# What a record other than an actor is about: its references to people and organisations.
ABOUT: dict[Kind, tuple[str, ...]] = {
    Kind.TIE: ("from_id", "to_id"), Kind.SUPPORT: ("provider_id", "recipient_id"),
    Kind.EVENT: ("organiser_id", "participants"), Kind.EVALUATION: ("subject_id",)}
_ABOUT_KIND = {name: kind for kind, names in ABOUT.items() for name in names}
# the term of schema v20's partial index on field_history, as written there: the planner
# uses that index only for a query holding this very term
ABOUT_TERM = ("field IN ('from_id', 'merged_into', 'organiser_id', 'participants', "
              "'provider_id', 'recipient_id', 'subject_id', 'to_id')")


def rank(name: str, value: object) -> int:
    """The order in which a ratchet field's values protect: higher protects more."""
    if name == "sensitivity":
        if isinstance(value, str):
            known = LEVEL_RANKS.get(value)  # a stored label
            if known is not None:
                return known
            try:
                return int(Sensitivity.parse(value))
            except ValueError:
                return int(Sensitivity.INTERNAL)
        return int(Sensitivity.INTERNAL)
    return 1 if value else 0


LEVEL_RANKS = {s.label: int(s) for s in Sensitivity}  # a stored label → its rank


def ratchet_wins(name: str, mine: tuple[object, Stamp] | None,
                 incoming: tuple[object, Stamp], lowered: Stamp | None = None) -> bool:
    """Whether ``incoming`` (value, stamp) replaces ``mine`` for the ratchet field ``name``.

    Values are ordered by how much they protect, then by stamp: a higher value wins, an equal
    one with a greater stamp wins (so vaults converge), a lower one never. A local lowering
    (``lowered``: the stamp of the value the official lowered) is not undone by that value
    or an older one coming back; a raise stamped after it still wins.
    """
    if mine is None:
        return True
    mine_rank, new_rank = rank(name, mine[0]), rank(name, incoming[0])
    if new_rank != mine_rank:
        return new_rank > mine_rank and (lowered is None or incoming[1] > lowered)
    return incoming[1] > mine[1]


def lowered_fields(values: Mapping[str, Any], changes: Mapping[str, Any]) -> list[str]:
    """The protection fields that ``changes`` would lower (DESIGN §6.4.1)."""
    return sorted(name for name in RATCHET & changes.keys()
                  if rank(name, changes[name]) < rank(name, values.get(name)))


def raised_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The protection fields raised from ``before`` to ``after`` (a change whose holders
    should get a protect-now bundle, DESIGN §6.4.2)."""
    return sorted(name for name in RATCHET
                  if rank(name, after.get(name)) > rank(name, before.get(name)))


def effective(level: Sensitivity, inside: bool) -> Sensitivity:
    """A person flagged inside Russia is protected whatever its own level says."""
    return Sensitivity.PROTECTED if inside else level


_BY_VALUE = {int(s): s for s in Sensitivity}


def _level(value: object) -> Sensitivity:
    if isinstance(value, int) and Sensitivity.PUBLIC <= value <= Sensitivity.PROTECTED:
        return _BY_VALUE[value]
    return Sensitivity.INTERNAL


@dataclass(frozen=True, slots=True)
class Coming:
    """An actor's line an import keeps for the end of a file (``sync.importer``: an erasure,
    or a line that could take a record out of its "same" group): the level and flag it raises
    (None, False: it does not), and the record's ``merged_into`` link as held before the
    file's kept lines (as the line brings it, for a record not held then). ``erasing``: the
    line erases a record held here; the level and flag are the record's, as it counts until
    then."""

    kind: Kind
    level: Sensitivity | None
    inside: bool
    merged_into: str | None
    erasing: bool = False  # the line erases it: it counts, as held, until then


@dataclass
class Protection:
    """The effective protection of every actor of one vault (people and organisations).

    ``level`` maps every live actor id to its effective level (group-wide); ``inside`` holds
    the ids effectively inside Russia; ``people`` the ids of protected people, erased ones
    included (``load``: they were protected when erased, or a notice said so since).
    """

    level: dict[str, Sensitivity] = field(default_factory=dict)
    inside: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    root: dict[str, str] = field(default_factory=dict)
    raised: set[str] = field(default_factory=set)  # own level or flag below the group's
    # each protected person's own level, which ``include`` still holds to the ceiling (DESIGN
    # §6.4.5): the highest level a member of her group was given — by an official or a bundle,
    # not by the rule (the flag, the group: ``own_level`` keeps what was given before those)
    own: dict[str, Sensitivity] = field(default_factory=dict)
    # the group top of each actor whose group a pair joined to another (union-find over the
    # roots); every other actor's group is its root's
    joined: dict[str, str] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)  # actors deleted here (tombstones)
    # records a bundle moved off actors, and the level they keep (:func:`moved_off`)
    formerly: dict[str, Sensitivity] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection, *, coming: Mapping[str, Coming] | None = None,
             moved: bool = True) -> Protection:
        """Read every actor's level, flag and ``merged_into`` link (no record content).

        ``coming``: what an import has yet to write of some actors, or has written since
        (:class:`Coming`): a held actor counts with its level and flag raised to what comes,
        in the group its link held before, and is ``raised`` only when its group asks for
        more; one not held yet counts as it will arrive. ``moved``: also the levels of the
        records a bundle moved off actors (``formerly``, :func:`moved_off_levels`)."""
        rows: list[tuple[str, Kind, Sensitivity, bool, str | None]] = []
        deleted: set[str] = set()
        held: set[str] = set()
        for kind, table in ACTOR_TABLES.items():
            inside = "coalesce(inside_russia, 0)" if kind is Kind.PERSON else "0"
            live = "" if coming else " WHERE erased IS NULL"  # coming: which are held at all
            cur = conn.execute(f"SELECT id, sensitivity, {inside}, merged_into, "  # noqa: S608
                               f"coalesce(deleted, 0), erased IS NOT NULL FROM {table}{live}")
            for i, s, f, m, d, erased in cur:
                rid = str(i)
                up = coming.get(rid) if coming else None
                if coming:
                    held.add(rid)
                if erased:
                    if up is not None and up.erasing:  # erased by those lines: as it was
                        rows.append((rid, kind, up.level or Sensitivity.INTERNAL, up.inside,
                                     up.merged_into))
                    continue
                level, flag, link = _level(s), bool(f), m
                if up is not None:  # as the lines to come will leave it, in its group as was
                    level, flag, link = max(level, up.level or level), flag or up.inside, \
                        up.merged_into
                rows.append((rid, kind, level, flag, link))
                if d:
                    deleted.add(rid)
        if coming:
            rows += [(rid, c.kind, c.level or Sensitivity.INTERNAL, c.inside, c.merged_into)
                     for rid, c in coming.items() if rid not in held]
        # a link to a record erased here counts what it kept, as the link made before the
        # erasure does (its pairs): in every read, import parts too
        pairs = _erased_links(conn, rows) + (unlinked(conn) if moved else [])
        given = _given(conn)
        out = _kept_together(conn, rows, pairs, given) if pairs else \
            cls.from_rows(rows, given=given)
        out.deleted = deleted
        # a protected person erased here, here or by a colleague, is still a protected person
        # for whatever points to her: a tie, a support or an event held here stays home
        erased_people = (str(r[0]) for r in conn.execute(
            "SELECT e.record_id FROM erased_protection AS e JOIN person AS p ON p.id = "
            "e.record_id WHERE e.level >= ? OR e.inside != 0", (int(Sensitivity.PROTECTED),)))
        # one the lines to come erase (coming) counts as it was, in its group, above
        out.people.update(erased_people if not coming else (
            rid for rid in erased_people if rid not in coming or not coming[rid].erasing))
        if moved:  # not: inside an import's parts (see exporter.materialise)
            out.formerly = moved_off_levels(conn, out)
        return out

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, Kind, Sensitivity, bool, str | None]],
                  joined: Iterable[tuple[str, str]] = (),
                  absent: Mapping[str, tuple[Sensitivity, bool]] | None = None,
                  given: Mapping[str, Sensitivity] | None = None) -> Protection:
        """The rule's answer for these actors (id, kind, own level and flag, link).

        ``joined``: pairs whose groups count as one for their level and flag, as they were
        (:func:`unlinked`); a side not among the rows counts with what ``absent`` says of it
        (erased: what it was when erased). ``given``: the levels kept when the rule raised a
        record (``own_level``), for :attr:`own`."""
        out = cls()
        parent: dict[str, str] = {}
        kinds: dict[str, Kind] = {}
        own: dict[str, tuple[Sensitivity, bool]] = {}
        for record_id, kind, level, inside, merged_into in rows:
            kinds[record_id] = kind
            own[record_id] = (level, inside)
            if merged_into:
                parent[record_id] = merged_into
        # a vault's worth of actors: calls are kept out of the loops
        roots = _roots(parent, own)
        tops, extra = _joined(roots, joined, absent or {})
        top = {**roots, **tops} if tops else roots  # whose level each takes
        out.joined = tops
        group_level: dict[str, Sensitivity] = {}
        group_inside: set[str] = set()
        tops_of = [(top[rid], said) for rid, said in own.items()]  # whose level each adds to
        for r, (level, inside) in [*tops_of, *((t, said) for t, _, said in extra)] \
                if extra else tops_of:
            mine = Sensitivity.PROTECTED if inside else level  # effective(level, inside)
            group = group_level.get(r)
            if group is None or mine > group:
                group_level[r] = mine
            if inside:
                group_inside.add(r)
        for rid, root in roots.items():
            r = top[rid]
            group = group_level[r]
            out.level[rid] = group
            if root != rid:
                out.root[rid] = root
            group_in = r in group_inside
            if group_in:
                out.inside.add(rid)
            level, inside = own[rid]
            person = kinds[rid] is Kind.PERSON
            if level < group or (person and not inside and group_in):
                out.raised.add(rid)
            if person and group >= Sensitivity.PROTECTED:
                out.people.add(rid)
        if out.people:
            out.own = _given_levels(out.people, own, top, given or {},
                                    [(t, gone) for t, gone, _ in extra])
        return out

    def is_protected_person(self, record_id: object) -> bool:
        return isinstance(record_id, str) and record_id in self.people

    def group_key(self, record_id: str) -> str:
        """One id for every actor one with ``record_id`` for protection: "same" group and
        the groups pairs keep with it."""
        return self.joined.get(record_id) or self.root.get(record_id, record_id)

    def actor_level(self, record_id: object) -> Sensitivity | None:
        return self.level.get(record_id) if isinstance(record_id, str) else None

    def record_level(self, record: Record) -> Sensitivity:
        """The level a record is treated at: the group's for actors; a tie touching a
        protected person is protected; every other record its own level, or the level of
        the actors a bundle moved it off when that is higher (:func:`moved_off`)."""
        if record.kind in ACTOR_TABLES:
            level = self.level.get(record.id)
            return record.sensitivity if level is None else level
        if record.kind is Kind.TIE and (self.is_protected_person(record.values.get("from_id"))
                                        or self.is_protected_person(record.values.get("to_id"))):
            return Sensitivity.PROTECTED
        return max(record.sensitivity, self.formerly.get(record.id, Sensitivity.PUBLIC))

    def record_inside(self, record: Record) -> bool:
        return record.id in self.inside


def _roots(parent: dict[str, str], ids: Iterable[str]) -> dict[str, str]:
    """The group root of each of ``ids``: ``merged_into`` followed to its end, however long
    the chain (a colleague's bundle can make one of any length: a cap would split a group);
    a cycle has one stable root for all that lead into it, its least id. Each link is read
    once."""
    roots: dict[str, str] = {}
    wanted = list(ids)
    for start in wanted:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current = start
        while current not in roots and current in parent and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            current = parent[current]
        if current in roots:
            root = roots[current]
        elif current in on_path:  # a cycle, met for the first time
            root = min(path[on_path[current]:])
        else:  # the chain's end: a record that is "same" as no other
            root = current
            roots[current] = current
        for rid in path:
            roots[rid] = root
    return {rid: roots[rid] for rid in wanted}


@dataclass(frozen=True, slots=True)
class Moved:
    """A record a bundle moved off actors (:func:`moved_off`)."""

    gone: frozenset[str]  # the actors it was moved off
    own: Sensitivity  # its own level, as held
    # the levels of those actors when the official last lowered it, of those not moved off
    # again since
    judged: Mapping[str, int]


def moved_off(conn: Connection, ids: Iterable[str] | None = None, *,
              judged: bool = True) -> dict[str, Moved]:
    """The live ties, supports, events and evaluations that a bundle moved off actors they
    were about (or only ``ids``): the references its field history says an import replaced —
    a tie's end, a support's recipient, an event's participant... — and it holds no more.

    Such a record stays as protected as what it was about (DESIGN §6.4.1: an import lowers no
    protection, not even sideways), and that does not depend on which came first, the move or
    the actor's protection (§6.1): a flag that arrives after the move counts as one before.
    The official's own acts decide for themselves: an actor the last change of the reference
    took away here (a local edit) does not count; a revert or a quarantine putting back what
    an import replaced is no such act, and what it takes away counts as an import's move
    (a revert lowers nothing, not even sideways). Nor does an actor, for as
    long as it is no more protected than when the official last lowered the record
    (``Moved.judged``, kept by the lowering: a local act): flagged since, or moved off again,
    it counts again."""
    last: dict[tuple[str, str], bool] = {}  # (record, actor): an import (or undo) took it last
    at: dict[tuple[str, str], int] = {}  # ... in this history row
    kinds: dict[Kind, set[str]] = {}
    only = "" if ids is None else " AND h.record_id IN (SELECT value FROM json_each(?))"
    for record_id, name, value, imported, row_id in conn.execute(
            "SELECT h.record_id, h.field, h.value, h.import_id IS NOT NULL OR h.restored IS "  # noqa: S608
            "NOT NULL, h.id FROM field_history "
            f"AS h WHERE h.{ABOUT_TERM} AND h.field != 'merged_into' AND h.value IS NOT NULL"
            f"{only} ORDER BY h.id",
            () if ids is None else (json.dumps(sorted(set(ids))),)):
        rid = str(record_id)
        for ref in _ids(json.loads(value)):
            last[rid, ref] = bool(imported)
            at[rid, ref] = int(row_id)
        if imported:
            kinds.setdefault(_ABOUT_KIND[str(name)], set()).add(rid)
    former: dict[str, set[str]] = {}
    for (rid, ref), imported in last.items():
        if imported:
            former.setdefault(rid, set()).add(ref)
    out: dict[str, Moved] = {}
    for kind, found in kinds.items():
        names = ABOUT[kind]
        columns = ", ".join(f't."{n}"' for n in names)
        for row in conn.execute(
                f"SELECT t.id, t.sensitivity, l.moved_judged, {columns} FROM "  # noqa: S608
                f"{KINDS[kind].table} AS t LEFT JOIN protection_lowered AS l ON "
                "l.record_id = t.id AND l.field = 'sensitivity' WHERE t.erased IS NULL AND "
                "t.id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(r for r in found if r in former)),)):
            rid = str(row[0])
            now: set[str] = set()
            for name, value in zip(names, row[3:], strict=True):
                now.update(_ids(json.loads(value) if KINDS[kind].by_name[name].is_list
                                and isinstance(value, str) else value))
            gone = former[rid] - now
            if gone:
                out[rid] = Moved(frozenset(gone), _level(row[1]), _judged(
                    row[2] if judged else None, {ref: at[rid, ref] for ref in gone}))
    return out


def _judged(kept: object, moved_at: Mapping[str, int]) -> dict[str, int]:
    """The levels a lowering judged (``protection_lowered.moved_judged``: the levels, and the
    record's last history row then), of the actors not moved off again since: a record's
    history rows stay while it lives, and a new row's id is above every one of them."""
    data = json.loads(kept) if isinstance(kept, str) else None
    if not isinstance(data, dict) or not isinstance(data.get("mark"), int) or \
            not isinstance(data.get("levels"), dict):
        return {}
    mark: int = data["mark"]
    return {ref: int(level) for ref, level in data["levels"].items()
            if isinstance(level, int) and moved_at.get(ref, mark + 1) <= mark}


def moved_off_levels(conn: Connection, guard: Protection | None = None
                     ) -> dict[str, Sensitivity]:
    """The level each record :func:`moved_off` names keeps, where that is above its own: the
    highest of the actors it was moved off — her "same" group's level (``guard``; None: read
    for those actors alone), or, erased, what she was when erased (a person inside Russia:
    protected) — but an actor's only while it is above the level the official judged it at."""
    moved = moved_off(conn)
    if not moved:
        return {}
    levels = actor_levels(conn, set().union(*(m.gone for m in moved.values())), guard)
    out: dict[str, Sensitivity] = {}
    for rid, m in moved.items():
        top = _kept(m, levels)
        if top > m.own:
            out[rid] = top
    return out


def formerly_of(conn: Connection, record_id: str) -> Sensitivity:
    """The level one record keeps for the actors a bundle moved it off (public: none), as
    :func:`moved_off_levels` reads it for the whole vault (an editor, an erasure)."""
    moved = moved_off(conn, [record_id]).get(record_id)
    if moved is None:
        return Sensitivity.PUBLIC
    return _kept(moved, actor_levels(conn, moved.gone))


def _kept(moved: Moved, levels: Mapping[str, Sensitivity]) -> Sensitivity:
    return max((levels[ref] for ref in moved.gone if levels[ref] > moved.judged.get(ref, -1)),
               default=Sensitivity.PUBLIC)


def judged_now(conn: Connection, record_id: str) -> dict[str, Any] | None:
    """What the official judges when lowering ``record_id`` (:func:`moved_off`): the levels,
    as they stand, of the actors a bundle moved it off, and its last history row (a move
    after it counts again); None when no bundle moved it."""
    moved = moved_off(conn, [record_id], judged=False).get(record_id)
    if moved is None:
        return None
    mark = conn.execute("SELECT max(id) FROM field_history WHERE record_id = ?",
                        (record_id,)).fetchone()[0]
    return {"mark": int(mark), "levels": {
        ref: int(level) for ref, level in sorted(actor_levels(conn, moved.gone).items())}}


def actor_levels(conn: Connection, refs: Iterable[str], guard: Protection | None = None
                 ) -> dict[str, Sensitivity]:
    """How protected each of these actors is: its "same" group's level (``guard``, or read
    for them), or what it was when erased; public when this vault never held it."""
    wanted = sorted(set(refs))
    if guard is None:
        guard = Protection()
        for kind in ACTOR_TABLES:
            guard.level.update(for_records(conn, kind, wanted).level)
    erased = {rid: effective(level, inside)
              for rid, (level, inside) in _erased_levels(conn, wanted).items()}
    out: dict[str, Sensitivity] = {}
    for ref in wanted:
        live = guard.level.get(ref)
        out[ref] = live if live is not None else Sensitivity.PROTECTED \
            if ref in guard.people else erased.get(ref, Sensitivity.PUBLIC)
    return out


def unlinked(conn: Connection) -> list[tuple[str, str]]:
    """The pairs of actors kept one for their protection though no link joins them now
    (``split_link``): a ``merged_into`` link a bundle replaced or cleared (until the official
    un-links them by their own edit, ``Store._split``), and the records an erasure took out
    of a group from between (``Store._keep_group_together``; the erased one stays theirs).

    Decided "same", they were one actor, and each keeps what the other's group counts now:
    the link taken away before her flag arrived leaves the split-off records as protected
    as the link taken away after it (DESIGN §6.1, §6.4.3: a split keeps the group's level, as
    its members' own)."""
    return [(str(a), str(b)) for a, b in conn.execute("SELECT a, b FROM split_link")]


def _joined(roots: Mapping[str, str], joined: Iterable[tuple[str, str]],
            absent: Mapping[str, tuple[Sensitivity, bool]]
            ) -> tuple[dict[str, str], list[tuple[str, str, tuple[Sensitivity, bool]]]]:
    """The groups ``joined`` makes one (union-find over their roots, each pair once): the
    top of each record whose group is joined to another, and what the absent sides of the
    pairs add (erased: what each kept), each with the top of the group it joins and its id.
    An absent side is a group of its own in the union: two groups paired with the same
    erased record are one through her, as they were before her erasure."""
    link: dict[str, str] = {}

    def find(x: str) -> str:
        while link.get(x, x) != x:
            link[x] = link.get(link[x], link[x])  # halve the path
            x = link[x]
        return x

    met: set[str] = set()
    for a, b in joined:
        ra = roots.get(a) or (a if a in absent else None)
        rb = roots.get(b) or (b if b in absent else None)
        if ra is None or rb is None:
            continue  # a side neither held nor erased here (removed): nothing to count
        met.update(x for x in (a, b) if x in absent and x not in roots)
        x, y = find(ra), find(rb)
        if x != y:
            link[max(x, y)] = min(x, y)
    added = [(find(gone), gone, absent[gone]) for gone in sorted(met)]
    if not link:
        return {}, added
    return {rid: top for rid, r in roots.items() if (top := find(r)) != r}, added


def _given_levels(people: set[str], own: Mapping[str, tuple[Sensitivity, bool]],
                  top: Mapping[str, str], given: Mapping[str, Sensitivity],
                  erased: Iterable[tuple[str, str]] = ()) -> dict[str, Sensitivity]:
    """Each protected person's own level (:attr:`Protection.own`): the highest of her group's
    members' — what was kept when a rule raised one (``given``), else its level (a member
    that arrived flagged inside Russia, at protected: her level before is not known here,
    so protected); an erased member (``erased``: its group's top and id) with what its
    erasure kept."""
    tops = {top[p] for p in people}
    highest: dict[str, Sensitivity] = {}
    for r, gone in erased:
        mine = given.get(gone)
        if r in tops and mine is not None and (r not in highest or mine > highest[r]):
            highest[r] = mine
    for rid, (level, _inside) in own.items():
        r = top[rid]
        if r not in tops:
            continue
        mine = given.get(rid)
        if mine is None:  # flagged at protected, no level kept: not known, so protected
            mine = level
        if mine is not None and (r not in highest or mine > highest[r]):
            highest[r] = mine
    return {p: highest[top[p]] for p in people if top[p] in highest}


def _given(conn: Connection, ids: Iterable[str] | None = None) -> dict[str, Sensitivity]:
    """The levels records had when the rule raised them (``own_level``): every one, or those
    of ``ids`` (a few records' question reads theirs only: the table holds a row for every
    tie the rule ever raised)."""
    if ids is None:
        rows = conn.execute("SELECT record_id, level FROM own_level")
    else:
        rows = conn.execute("SELECT record_id, level FROM own_level WHERE record_id IN (SELECT "
                            "value FROM json_each(?))", (json.dumps(sorted(ids)),))
    return {str(r): _level(v) for r, v in rows}


def _erased_links(conn: Connection, rows: list[tuple[str, Kind, Sensitivity, bool, str | None]]
                  ) -> list[tuple[str, str]]:
    """The "same" links of ``rows`` to a record erased here (a bundle may link to one after
    its erasure): each a pair kept one, as the erasure keeps the links made before it
    (``Store._keep_group_together``), so the erased side counts with what it kept."""
    live = {r[0] for r in rows}
    targets = {str(r[4]) for r in rows if r[4] and r[4] not in live}
    if not targets:
        return []
    erased = {str(r[0]) for r in conn.execute(
        "SELECT record_id FROM erased_protection WHERE record_id IN (SELECT value FROM "
        "json_each(?))", (json.dumps(sorted(targets)),))}
    return [(r[0], str(r[4])) for r in rows if r[4] in erased]


def _kept_together(conn: Connection, rows: list[tuple[str, Kind, Sensitivity, bool, str | None]],
                   pairs: list[tuple[str, str]],
                   given: Mapping[str, Sensitivity] | None = None) -> Protection:
    """The rule's answer for ``rows`` with ``pairs`` kept one: an erased side counts with
    what it was when erased, and is a protected person, for what still points to her, once
    the group it was kept with is protected."""
    ids = {r for p in pairs for r in p}
    out = Protection.from_rows(rows, pairs, _erased_levels(conn, ids), given)
    erased_people = {str(r[0]) for r in conn.execute(
        "SELECT id FROM person WHERE erased IS NOT NULL AND id IN (SELECT value FROM "
        "json_each(?))", (json.dumps(sorted(ids)),))}
    for a, b in pairs:
        for gone, held in ((a, b), (b, a)):
            if gone in erased_people and held in out.level and (
                    out.level[held] >= Sensitivity.PROTECTED or held in out.inside):
                out.people.add(gone)
    return out


def _erased_levels(conn: Connection, ids: Iterable[str]) -> dict[str, tuple[Sensitivity, bool]]:
    return {str(rid): (_level(level), bool(inside)) for rid, level, inside in conn.execute(
        "SELECT record_id, level, inside FROM erased_protection WHERE record_id IN "
        "(SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),))}


def _ids(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def group_of(conn: Connection, kind: Kind, record_id: str) -> list[str]:
    """The ids of the records decided "same" as ``record_id`` (itself included), however
    many (a group is never cut short: its level is every member's): one recursive query,
    each link read once through the ``merged_into`` index."""
    table = ACTOR_TABLES.get(kind)
    if table is None:
        return [record_id]
    rows = conn.execute(
        f"WITH RECURSIVE g(id) AS (SELECT ? "  # noqa: S608
        f"UNION SELECT t.id FROM {table} AS t JOIN g ON t.merged_into = g.id "
        "WHERE t.erased IS NULL "
        f"UNION SELECT t.merged_into FROM {table} AS t JOIN g ON t.id = g.id "
        "WHERE t.erased IS NULL AND t.merged_into IS NOT NULL) SELECT id FROM g",
        (record_id,)).fetchall()
    return sorted(str(row[0]) for row in rows)


def kept_one(conn: Connection, kind: Kind, record_ids: Iterable[str]) -> list[str]:
    """The ids of every record one actor with these for their protection: their "same" groups
    and, followed through, the groups an import's split or an erasure kept with them
    (``split_link``, see :func:`unlinked`); erased ones included. One recursive query."""
    table = ACTOR_TABLES.get(kind)
    if table is None:
        return sorted(set(record_ids))
    members: set[str] = set()
    for rid in record_ids:
        if rid not in members:  # a group is read once, whichever of its members asks
            members.update(group_of(conn, kind, rid))
    if members and conn.execute("SELECT 1 FROM split_link LIMIT 1").fetchone() is not None:
        members = {str(row[0]) for row in conn.execute(
            f"WITH RECURSIVE g(id) AS (SELECT value FROM json_each(?) "  # noqa: S608
            f"UNION SELECT t.id FROM {table} AS t JOIN g ON t.merged_into = g.id "
            "WHERE t.erased IS NULL "
            f"UNION SELECT t.merged_into FROM {table} AS t JOIN g ON t.id = g.id "
            "WHERE t.erased IS NULL AND t.merged_into IS NOT NULL "
            "UNION SELECT s.b FROM split_link AS s JOIN g ON s.a = g.id "
            "UNION SELECT s.a FROM split_link AS s JOIN g ON s.b = g.id) SELECT id FROM g",
            (json.dumps(sorted(members)),))}
    return sorted(members)


def raised_actors(conn: Connection, kind: Kind, record_ids: Iterable[str] | None = None
                  ) -> dict[str, tuple[Sensitivity, bool]]:
    """The live actors of ``kind`` (of ``record_ids`` only, when given) whose group holds
    them above their own level or flag, with the level and flag the rule gives them: what a
    list shows and filters by instead of the stored columns. Only records in a group can be:
    those are read, not the vault."""
    table = ACTOR_TABLES.get(kind)
    if table is None:
        return {}
    if record_ids is None:
        ids = sorted({str(r[0]) for sql in (
            f"SELECT id FROM {table} WHERE merged_into IS NOT NULL",  # noqa: S608
            f"SELECT merged_into FROM {table} WHERE merged_into IS NOT NULL",  # noqa: S608
            "SELECT a FROM split_link", "SELECT b FROM split_link")
            for r in conn.execute(sql)})
    else:  # those of them in a group: each asked through an index
        ids = [str(r[0]) for r in conn.execute(
            f"SELECT j.value FROM json_each(?) AS j WHERE EXISTS (SELECT 1 FROM {table} "  # noqa: S608
            "WHERE id = j.value AND merged_into IS NOT NULL) OR EXISTS (SELECT 1 FROM "
            f"{table} WHERE merged_into = j.value) OR EXISTS (SELECT 1 FROM split_link "
            "WHERE a = j.value) OR EXISTS (SELECT 1 FROM split_link WHERE b = j.value)",
            (json.dumps(sorted(set(record_ids))),))]
    if not ids:
        return {}
    guard = for_records(conn, kind, ids)
    wanted = None if record_ids is None else set(ids)
    return {rid: (guard.level[rid], rid in guard.inside) for rid in guard.raised
            if wanted is None or rid in wanted}


def for_records(conn: Connection, kind: Kind, record_ids: Iterable[str]) -> Protection:
    """The rule's answer for a few actors and their groups (editors, single records)."""
    table = ACTOR_TABLES.get(kind)
    if table is None:
        return Protection()
    members = kept_one(conn, kind, record_ids)
    if not members:
        return Protection()
    inside = "coalesce(inside_russia, 0)" if kind is Kind.PERSON else "0"
    cur = conn.execute(f"SELECT id, sensitivity, {inside}, merged_into FROM {table} "  # noqa: S608
                       "WHERE erased IS NULL AND id IN (SELECT value FROM json_each(?))",
                       (json.dumps(sorted(members)),))
    rows = [(str(i), kind, _level(s), bool(f), m) for i, s, f, m in cur]
    mine = [(str(a), str(b)) for a, b in conn.execute(
        "SELECT a, b FROM split_link WHERE a IN (SELECT value FROM json_each(?1)) OR b IN "
        "(SELECT value FROM json_each(?1))", (json.dumps(sorted(members)),))]
    mine += _erased_links(conn, rows)
    given = _given(conn, members)  # erased members too: what they kept stays their group's
    return _kept_together(conn, rows, mine, given) if mine else \
        Protection.from_rows(rows, given=given)
