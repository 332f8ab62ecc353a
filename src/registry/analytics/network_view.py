"""Network figures computed off the GUI thread (Qt-free; the app reaches them through
``Registry.analytics``): the graph, its layout, brokers and
components (``registry.analytics.network``; igraph is imported there on first use).

igraph holds the GIL for a whole call. Betweenness reports progress per source node, so a
no-op progress handler (installed once, here) gives the GUI thread a turn between sources;
the grid Fruchterman–Reingold layout reports nothing, so its iterations are bounded for
large graphs (:func:`iterations`) to keep the pause short.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from registry.analytics._db import Connection
    from registry.analytics.network import Broker, Components, Graph

MAX_NODES = 5_000
LARGEST_NODES = 400
"""The opening picture (the largest component) stays readable: at most this many actors."""
LARGE = 1_000
BROKERS = 20


@dataclass(frozen=True)
class Request:
    record_id: str | None = None
    """Ego network of this actor; None: the whole (filtered) network, or its largest
    component when ``largest``."""
    depth: int = 1
    kinds: frozenset[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    max_sensitivity: int = 3
    reveal: bool = False
    max_nodes: int = MAX_NODES
    largest: bool = False


@dataclass
class Result:
    request: Request
    graph: Graph
    positions: list[tuple[float, float]]
    brokers: list[Broker]
    components: Components
    seconds: dict[str, float] = field(default_factory=dict)


def iterations(nodes: int) -> int:
    """Layout iterations: 500 up to 1,000 nodes, then a constant budget of node-iterations
    (100 at 5,000). igraph holds the GIL for the whole call, so bounding its work keeps the
    GUI thread from waiting more than about 70 ms on this machine (DESIGN §3)."""
    return 500 if nodes <= LARGE else max(100, 500 * LARGE // nodes)


_HANDLER = False


def _yielding_progress() -> None:
    global _HANDLER  # noqa: PLW0603 - installed once per process
    if not _HANDLER:
        import igraph

        igraph.set_progress_handler(lambda _message, _percent: None)
        _HANDLER = True


def cap(graph: Graph, max_nodes: int) -> Graph:
    """The ``max_nodes`` best-connected nodes and the ties among them (whole networks)."""
    from registry.analytics.network import Edge, Graph

    if len(graph.nodes) <= max_nodes:
        return graph
    degree = [0] * len(graph.nodes)
    for e in graph.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    keep = sorted(sorted(range(len(degree)), key=lambda i: -degree[i])[:max_nodes])
    new = {old: k for k, old in enumerate(keep)}
    edges = [
        Edge(new[e.source], new[e.target], e.kind, e.tie)
        for e in graph.edges
        if e.source in new and e.target in new
    ]
    return Graph([graph.nodes[i] for i in keep], edges, True)


def analyse(graph: Graph, request: Request, seconds: dict[str, float]) -> Result:
    """Layout, brokers and components of a graph (no database: callable anywhere)."""
    from registry.analytics import network

    _yielding_progress()
    start = time.perf_counter()
    positions = network.layout(graph, iterations=iterations(len(graph.nodes)))
    seconds["layout"] = time.perf_counter() - start
    start = time.perf_counter()
    cutoff = network.BETWEENNESS_CUTOFF if len(graph.nodes) > LARGE else None
    brokers = network.brokers(graph, BROKERS, cutoff)
    comps = network.components(graph)
    seconds["brokers"] = time.perf_counter() - start
    return Result(request, graph, positions, brokers, comps, seconds)


def load(conn: Connection, request: Request, withheld: AbstractSet[str] = frozenset()
         ) -> Result:
    """The graph ``request`` asks for, laid out; ``withheld``: the actors shown as stand-ins,
    as protected people are, unless ``request.reveal`` (``labels.labels``)."""
    from registry.analytics import network
    from registry.domain.enums import Sensitivity

    flt = network.TieFilter(
        request.kinds, request.since, request.until, Sensitivity(request.max_sensitivity)
    )
    start = time.perf_counter()
    if request.record_id is not None:
        graph = network.ego_network(
            conn,
            request.record_id,
            request.depth,
            flt,
            reveal=request.reveal,
            max_nodes=request.max_nodes,
            withheld=withheld,
        )
    elif request.largest:
        graph, sizes = network.largest_component(
            conn, flt, reveal=request.reveal, max_nodes=min(request.max_nodes, LARGEST_NODES),
            withheld=withheld)
        result = analyse(graph, request, {"query": time.perf_counter() - start})
        result.components = network.Components([0] * len(graph.nodes), sizes)
        return result  # the components of the whole network: the one shown is the first
    else:
        graph = cap(network.network(conn, flt, reveal=request.reveal, withheld=withheld),
                    request.max_nodes)
    return analyse(graph, request, {"query": time.perf_counter() - start})

