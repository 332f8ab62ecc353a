"""Ties as a graph: whole network or ego network, brokers, components, layout.

The graph is loaded by SQL with filters (tie kinds, a date range the tie must be active in,
a sensitivity ceiling for ties and their end points) into plain lists; the graph algorithms
use igraph, imported only when first needed (DESIGN §10: start-up and layout speed).

* **Active in a date range** ``[since, until]``: the tie's own inclusive period
  ``[start, end]`` intersects it; a missing start or end is open on that side.
* **Brokers** are ranked by betweenness centrality on the undirected graph. On graphs above
  :data:`EXACT_BETWEENNESS_MAX` nodes it is computed over paths up to
  :data:`BETWEENNESS_CUTOFF` steps long (exact betweenness is O(n·m)).
* **Layout** is igraph's Fruchterman–Reingold with its grid approximation, seeded for a
  stable picture; coordinates are returned per node index.

Protected people appear under a pseudonym unless ``reveal=True`` (see ``labels``), and so do
the actors whose own name names one (``withheld``, as ``labels`` takes it). The
ceiling is held against the level the one protection rule gives (``registry.store.protection``:
a person decided "same" as a protected one is protected, and so is every tie touching them).
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from registry.analytics._db import Connection, in_list, json_ids, live
from registry.analytics.labels import labels
from registry.domain.enums import Sensitivity, TieKind
from registry.store.protection import Protection

EXACT_BETWEENNESS_MAX = 5_000
BETWEENNESS_CUTOFF = 4
OPEN_START = "0000-01-01"


@dataclass(frozen=True)
class TieFilter:
    kinds: frozenset[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    max_sensitivity: Sensitivity = Sensitivity.PROTECTED

    def sql(self, alias: str = "t") -> tuple[str, list[Any]]:
        """The WHERE condition (with liveness) and its parameters."""
        parts = [live(alias), f"coalesce({alias}.sensitivity, 1) <= ?"]
        args: list[Any] = [int(self.max_sensitivity)]
        if self.kinds is not None:
            parts.append(f"{alias}.kind IN {in_list(TieKind(k).value for k in self.kinds)}"
                         if self.kinds else "0")
        if self.until is not None:
            parts.append(f"coalesce({alias}.start, '{OPEN_START}') <= ?")
            args.append(self.until.isoformat())
        if self.since is not None:
            parts.append(f"({alias}.\"end\" IS NULL OR {alias}.\"end\" >= ?)")
            args.append(self.since.isoformat())
        return " AND ".join(parts), args


class Node(NamedTuple):
    id: str
    kind: str
    label: str
    protected: bool
    pseudonymous: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "label": self.label,
                "protected": self.protected, "pseudonymous": self.pseudonymous}


class Edge(NamedTuple):
    """A tie between two node indices (a tuple: whole networks have 100,000s of them)."""

    source: int
    target: int
    kind: str
    tie: str

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "kind": self.kind,
                "tie": self.tie}


@dataclass
class Graph:
    """Nodes and edges; edges refer to nodes by index."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False
    """True when an ego network stopped growing at ``max_nodes``."""

    def to_json(self) -> dict[str, Any]:
        return {"nodes": [n.to_json() for n in self.nodes],
                "edges": [e.to_json() for e in self.edges], "truncated": self.truncated}

    def index(self) -> dict[str, int]:
        return {n.id: i for i, n in enumerate(self.nodes)}


def _actor_ids(ceiling: Sensitivity, within: str = "") -> str:
    """SQL selecting live actors at or below ``ceiling`` (optionally ``AND id IN ...``)."""
    return (f"SELECT id FROM person AS p WHERE {live('p')} "  # noqa: S608
            f"AND coalesce(p.sensitivity, 1) <= "
            f"{int(ceiling)} {within} UNION ALL SELECT id FROM organisation AS o WHERE "
            f"{live('o')} AND coalesce(o.sensitivity, 1) <= {int(ceiling)} {within}")


def _ties(conn: Connection, flt: TieFilter, guard: Protection,
          among: set[str] | None = None) -> list[tuple[str, str, str, str]]:
    """Ties passing ``flt`` between live actors under the ceiling (or among given ids).

    For the whole network the end points are checked against a set in Python: SQLite
    otherwise probes the tie indexes row by row, several times slower than one scan.
    """
    where, params = flt.sql()
    if among is not None:
        ends = "IN (SELECT value FROM json_each(?))"
        rows = conn.execute(
            f"SELECT t.id, t.from_id, t.to_id, t.kind FROM tie AS t WHERE {where} "  # noqa: S608
            f"AND t.from_id {ends} AND t.to_id {ends} ORDER BY t.id",
            [*params, *[json_ids(among)] * 2]).fetchall()
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows
                if _tie_allowed(guard, str(b), str(c), flt.max_sensitivity)]
    actors = _under_ceiling(guard, {r[0] for r in conn.execute(_actor_ids(flt.max_sensitivity))},
                            flt.max_sensitivity)
    rows = conn.execute(f"SELECT t.id, t.from_id, t.to_id, t.kind FROM tie AS t "  # noqa: S608
                        f"WHERE {where}", params).fetchall()
    return [(a, b, c, d) for a, b, c, d in rows if b in actors and c in actors
            and _tie_allowed(guard, b, c, flt.max_sensitivity)]


def _build(conn: Connection, ties: list[tuple[str, str, str, str]], seeds: Iterable[str],
           reveal: bool, guard: Protection, *, truncated: bool = False,
           withheld: AbstractSet[str] = frozenset()) -> Graph:
    ids = list(dict.fromkeys([*seeds, *(x for _, a, b, _ in ties for x in (a, b))]))
    names = labels(conn, ids, reveal=reveal, guard=guard, withheld=withheld)
    nodes = [Node(i, names[i].kind, names[i].text, names[i].protected, names[i].pseudonymous)
             for i in ids if i in names]
    index = {n.id: k for k, n in enumerate(nodes)}
    edges = [Edge(index[a], index[b], kind, tid) for tid, a, b, kind in ties
             if a in index and b in index]
    return Graph(nodes, edges, truncated)


def network(conn: Connection, flt: TieFilter | None = None, *, reveal: bool = False,
            withheld: AbstractSet[str] = frozenset()) -> Graph:
    """The whole network of live ties that pass the filter."""
    flt = flt or TieFilter()
    guard = Protection.load(conn)
    return _build(conn, _ties(conn, flt, guard), (), reveal, guard, withheld=withheld)


def ego_network(conn: Connection, record_id: str, depth: int = 1,
                flt: TieFilter | None = None, *, reveal: bool = False,
                max_nodes: int = 5_000, withheld: AbstractSet[str] = frozenset()) -> Graph:
    """The actors within ``depth`` ties of ``record_id`` and the ties among them."""
    flt = flt or TieFilter()
    guard = Protection.load(conn)
    if not _drawable(conn, {record_id}, flt, guard):  # held to the ceiling as every other
        return Graph()  # actor is: a seed above it, deleted or erased is drawn with nothing
    seen, frontier, truncated = {record_id}, {record_id}, False
    for _ in range(max(0, depth)):
        found = _neighbours(conn, frontier, flt, guard) - seen
        if len(seen) + len(found) > max_nodes:
            found = set(sorted(found)[: max_nodes - len(seen)])
            truncated = True
        seen |= found
        frontier = found
        if not frontier or truncated:
            break
    return _build(conn, _ties(conn, flt, guard, seen), [record_id], reveal, guard,
                  truncated=truncated, withheld=withheld)


def largest_component(conn: Connection, flt: TieFilter | None = None, *, reveal: bool = False,
                      max_nodes: int = 500, withheld: AbstractSet[str] = frozenset()
                      ) -> tuple[Graph, list[int]]:
    """The largest connected group of the filtered network and every component's size.

    A component above ``max_nodes`` is cut to the ``max_nodes`` actors nearest (breadth
    first) to its best-connected actor, so the picture stays connected; ``truncated`` says
    so. Components are found on ids alone (pure Python: the worker gives the GUI thread its
    turns) and only the kept actors are labelled, so a 100,000-actor vault costs one scan of
    its ties.
    """
    flt = flt or TieFilter()
    guard = Protection.load(conn)
    ties = _ties(conn, flt, guard)
    adjacent: dict[str, list[str]] = {}
    for _, a, b, _ in ties:
        adjacent.setdefault(a, []).append(b)
        adjacent.setdefault(b, []).append(a)
    groups = _groups(adjacent)
    if not groups:
        return Graph(), []
    biggest = max(groups, key=len)  # the first of equals: groups come in id order
    hub = min(biggest, key=lambda i: (-len(adjacent[i]), i))
    kept = _nearest(adjacent, hub, max_nodes)
    inside = [t for t in ties if t[1] in kept and t[2] in kept]
    graph = _build(conn, inside, [hub], reveal, guard, truncated=len(kept) < len(biggest),
                   withheld=withheld)
    return graph, sorted((len(g) for g in groups), reverse=True)


def _groups(adjacent: dict[str, list[str]]) -> list[list[str]]:
    """Connected components of an adjacency map, each a list of ids."""
    seen: set[str] = set()
    out: list[list[str]] = []
    for start in sorted(adjacent):
        if start in seen:
            continue
        seen.add(start)
        group, stack = [], [start]
        while stack:
            node = stack.pop()
            group.append(node)
            for other in adjacent[node]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        out.append(group)
    return out


def _nearest(adjacent: dict[str, list[str]], start: str, limit: int) -> set[str]:
    """Up to ``limit`` ids reached breadth first from ``start`` (neighbours in id order)."""
    kept, frontier = {start}, [start]
    while frontier and len(kept) < limit:
        following = []
        for node in frontier:
            for other in sorted(adjacent[node]):
                if other not in kept and len(kept) < limit:
                    kept.add(other)
                    following.append(other)
        frontier = following
    return kept


def _neighbours(conn: Connection, ids: set[str], flt: TieFilter, guard: Protection) -> set[str]:
    where, params = flt.sql()
    param = json_ids(ids)
    rows = conn.execute(
        f"SELECT t.to_id FROM tie AS t WHERE {where} AND t.from_id IN "  # noqa: S608
        f"(SELECT value FROM json_each(?)) UNION SELECT t.from_id FROM tie AS t WHERE {where} "
        "AND t.to_id IN (SELECT value FROM json_each(?))",
        [*params, param, *params, param]).fetchall()
    return _drawable(conn, {str(r[0]) for r in rows}, flt, guard)


def _drawable(conn: Connection, ids: set[str], flt: TieFilter, guard: Protection) -> set[str]:
    """The live actors among ``ids`` at or below the filter's ceiling, by their own level and
    the one protection rule's (``_under_ceiling``): what every view of the network draws."""
    found = json_ids(ids)
    within = "AND id IN (SELECT value FROM json_each(?))"
    kept = conn.execute(_actor_ids(flt.max_sensitivity, within), (found, found)).fetchall()
    return _under_ceiling(guard, {str(r[0]) for r in kept}, flt.max_sensitivity)


def _under_ceiling(guard: Protection, ids: set[str], ceiling: Sensitivity) -> set[str]:
    """The actors whose level under the protection rule is at most ``ceiling``."""
    return {i for i in ids if (guard.actor_level(i) or Sensitivity.INTERNAL) <= ceiling}


def _tie_allowed(guard: Protection, a: str, b: str, ceiling: Sensitivity) -> bool:
    """A tie touching a protected person is protected (DESIGN §4.2)."""
    return ceiling >= Sensitivity.PROTECTED or not (
        guard.is_protected_person(a) or guard.is_protected_person(b))


def to_igraph(graph: Graph) -> Any:
    """An undirected igraph.Graph with the same node indices (igraph imported here)."""
    import igraph

    return igraph.Graph(n=len(graph.nodes), edges=[(e.source, e.target) for e in graph.edges],
                        directed=False)


@dataclass(frozen=True)
class Broker:
    node: int
    id: str
    label: str
    betweenness: float
    degree: int

    def to_json(self) -> dict[str, Any]:
        return {"node": self.node, "id": self.id, "label": self.label,
                "betweenness": self.betweenness, "degree": self.degree}


def brokers(graph: Graph, top: int = 20, cutoff: int | None = None) -> list[Broker]:
    """The ``top`` nodes by betweenness (ties by degree, then id); see the module doc."""
    if not graph.nodes:
        return []
    g = to_igraph(graph)
    if cutoff is None and len(graph.nodes) > EXACT_BETWEENNESS_MAX:
        cutoff = BETWEENNESS_CUTOFF
    scores = g.betweenness(directed=False, cutoff=cutoff)
    degrees = g.degree()
    order = sorted(range(len(scores)),
                   key=lambda i: (-scores[i], -degrees[i], graph.nodes[i].id))[:top]
    return [Broker(i, graph.nodes[i].id, graph.nodes[i].label, float(scores[i]), degrees[i])
            for i in order]


@dataclass(frozen=True)
class Components:
    membership: list[int]
    """Component number of each node; components are numbered largest first."""
    sizes: list[int]

    def to_json(self) -> dict[str, Any]:
        return {"count": len(self.sizes), "sizes": self.sizes, "membership": self.membership}


def components(graph: Graph) -> Components:
    """Connected components, largest first (equal sizes: by their smallest node index)."""
    if not graph.nodes:
        return Components([], [])
    raw = to_igraph(graph).connected_components().membership
    first: dict[int, int] = {}
    size: dict[int, int] = {}
    for i, c in enumerate(raw):
        first.setdefault(c, i)
        size[c] = size.get(c, 0) + 1
    order = sorted(size, key=lambda c: (-size[c], first[c]))
    renumber = {c: k for k, c in enumerate(order)}
    return Components([renumber[c] for c in raw], [size[c] for c in order])


_RNG_LOCK = threading.Lock()


def layout(graph: Graph, seed: int = 1, iterations: int = 500) -> list[tuple[float, float]]:
    """Fruchterman–Reingold positions with igraph's grid method, reproducible for a seed.

    igraph draws its random start from a process-wide generator: it is pointed at a
    generator seeded with ``seed`` for the call (under a lock) and then given back.
    """
    if not graph.nodes:
        return []
    import igraph

    g = to_igraph(graph)
    with _RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 - not a secret
        try:
            coords = g.layout_fruchterman_reingold(niter=iterations, grid="grid")
        finally:
            igraph.set_random_number_generator(random)
    return [(float(x), float(y)) for x, y in coords.coords]
