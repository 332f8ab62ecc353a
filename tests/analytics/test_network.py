"""The network of ties: filters, ego networks, pseudonyms, brokers, components, layout."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from typing import Any

import pytest

from registry.analytics import network as net
from registry.analytics.labels import label_key, pseudonym
from registry.domain.enums import Sensitivity
from tests.analytics.conftest import Build


def stand_in(build: Any, record_id: str, kind: str = "person") -> str:
    """The on-screen stand-in of ``record_id`` in this vault (keyed with its secret)."""
    conn = build.conn
    return pseudonym(record_id, kind, key=label_key(conn))


def _chain(build: Build, n: int) -> list[str]:
    """Actors a0 - a1 - ... - a(n-1), colleague ties."""
    ids = [build.person(f"a{i}") for i in range(n)]
    for a, b in itertools.pairwise(ids):
        build.tie(a, b)
    return ids


def _ids(graph: net.Graph) -> set[str]:
    return {n.id for n in graph.nodes}


def test_empty(build: Build) -> None:
    g = net.network(build.conn)
    assert (g.nodes, g.edges) == ([], [])
    assert net.components(g).sizes == []
    assert net.brokers(g) == []
    assert net.layout(g) == []


def test_ego_network_depths(build: Build) -> None:
    a = _chain(build, 5)
    assert _ids(net.ego_network(build.conn, a[2], 0)) == {a[2]}
    assert _ids(net.ego_network(build.conn, a[2], 1)) == set(a[1:4])
    g = net.ego_network(build.conn, a[0], 2)
    assert _ids(g) == set(a[:3])
    assert g.nodes[0].id == a[0]
    assert len(g.edges) == 2


def test_ego_network_truncates_at_max_nodes(build: Build) -> None:
    hub = build.person("hub")
    for i in range(6):
        build.tie(hub, build.person(f"s{i}"))
    g = net.ego_network(build.conn, hub, 2, max_nodes=4)
    assert len(g.nodes) == 4 and g.truncated


def test_filters_kind_date_and_sensitivity(build: Build) -> None:
    a, b, c, d = (build.person(x) for x in "abcd")
    build.tie(a, b, "family", start="2010-01-01", end="2015-12-31")
    build.tie(a, c, "colleague", start="2020-01-01")
    build.tie(a, d, "colleague", sensitivity="confidential")
    assert len(net.network(build.conn).edges) == 3
    kinds = net.TieFilter(kinds=frozenset({"family"}))
    assert _ids(net.network(build.conn, kinds)) == {a, b}
    assert net.network(build.conn, net.TieFilter(kinds=frozenset())).edges == []
    in_2016 = net.TieFilter(since=dt.date(2016, 1, 1), until=dt.date(2016, 12, 31))
    assert _ids(net.network(build.conn, in_2016)) == {a, d}  # d's tie has no dates
    touching = net.TieFilter(since=dt.date(2015, 12, 31), until=dt.date(2015, 12, 31))
    assert {a, b} <= _ids(net.network(build.conn, touching))
    internal = net.TieFilter(max_sensitivity=Sensitivity.INTERNAL)
    assert _ids(net.network(build.conn, internal)) == {a, b, c}


def test_protected_people_are_pseudonyms_and_excluded_below_ceiling(build: Build) -> None:
    a = build.person("Открытый")
    inside = build.person("Внутри России", inside_russia=True)
    build.tie(a, inside)  # touches a protected person: the tie is protected
    g = net.network(build.conn)
    by = {n.id: n for n in g.nodes}
    assert by[inside].label == stand_in(build, inside) and by[inside].pseudonymous
    assert by[a].label == "Открытый"
    assert "Внутри" not in str(g.to_json())
    assert net.network(build.conn, reveal=True).index()[inside] >= 0
    shown = {n.id: n for n in net.network(build.conn, reveal=True).nodes}
    assert shown[inside].label == "Внутри России" and shown[inside].protected
    ceiling = net.TieFilter(max_sensitivity=Sensitivity.CONFIDENTIAL)
    assert net.network(build.conn, ceiling).nodes == []


def test_deleted_actor_and_tie_drop_out(build: Build) -> None:
    a, b, c = (build.person(x) for x in "abc")
    build.tie(a, b)
    gone_tie = build.tie(a, c)
    build.reg.delete(gone_tie)
    d = build.person("d")
    build.tie(b, d)
    build.reg.delete(d)
    assert _ids(net.network(build.conn)) == {a, b}
    assert _ids(net.ego_network(build.conn, a, 3)) == {a, b}


def test_components_largest_first(build: Build) -> None:
    big = _chain(build, 4)
    small = _chain(build, 2)
    comps = net.components(net.network(build.conn))
    assert comps.sizes == [4, 2]
    g = net.network(build.conn)
    index = g.index()
    assert {comps.membership[index[i]] for i in big} == {0}
    assert {comps.membership[index[i]] for i in small} == {1}


def test_largest_component_with_every_size_and_a_connected_cut(build: Build) -> None:
    big = _chain(build, 5)
    _chain(build, 2)
    g, sizes = net.largest_component(build.conn)
    assert _ids(g) == set(big) and sizes == [5, 2] and not g.truncated
    hub = build.person("hub")  # the best-connected actor: the cut is grown around it
    for other in big[:4]:
        build.tie(hub, other)
    cut, sizes = net.largest_component(build.conn, max_nodes=3)
    assert sizes == [6, 2] and cut.truncated and cut.nodes[0].id == hub
    assert len(cut.nodes) == 3 and net.components(cut).sizes == [3]
    assert net.largest_component(build.conn, net.TieFilter(kinds=frozenset())) == (net.Graph(), [])


def test_largest_component_keeps_pseudonyms(build: Build) -> None:
    a = build.person("Открытый")
    inside = build.person("Внутри России", inside_russia=True)
    build.tie(a, inside)
    g, _ = net.largest_component(build.conn)
    assert stand_in(build, inside) in {n.label for n in g.nodes}
    assert "Внутри" not in str(g.to_json())


def test_broker_is_the_bridge(build: Build) -> None:
    # two triangles joined through one broker: x-y-z-x, bridge, p-q-r-p
    x, y, z, bridge, p, q, r = (build.person(n) for n in ("x", "y", "z", "bridge", "p", "q",
                                                         "r"))
    for u, v in ((x, y), (y, z), (z, x), (p, q), (q, r), (r, p), (z, bridge), (bridge, p)):
        build.tie(u, v)
    top = net.brokers(net.network(build.conn), top=3)
    assert top[0].id == bridge
    # bridge lies on all 3*3 paths between the triangles
    assert top[0].betweenness == pytest.approx(9.0)
    assert {b.id for b in top[1:]} == {z, p}


def test_layout_is_reproducible(build: Build) -> None:
    _chain(build, 6)
    g = net.network(build.conn)
    one, two = net.layout(g, seed=3), net.layout(g, seed=3)
    assert one == two
    assert len(one) == 6
    assert net.layout(g, seed=4) != one


def test_ego_network_of_unknown_record_is_empty(build: Build) -> None:
    g = net.ego_network(build.conn, "01930000-0000-7000-8000-000000000000", 2)
    assert (g.nodes, g.edges, g.truncated) == ([], [], False)


def test_ego_network_holds_its_seed_to_the_ceiling_as_the_whole_network_does(
        build: Build) -> None:
    """The chosen actor is drawn only where the whole network would draw it: not above the
    ceiling (its own level, or its "same" group's), not deleted."""
    internal = net.TieFilter(max_sensitivity=Sensitivity.INTERNAL)
    secret = build.person("Conf", sensitivity="confidential")
    org, other = build.org("Open Org"), build.person("Other")
    build.tie(secret, org)
    build.tie(other, org)
    assert secret not in _ids(net.network(build.conn, internal))
    assert net.ego_network(build.conn, secret, 2, internal) == net.Graph()
    # control: at a ceiling that holds her she is drawn with her ties
    assert _ids(net.ego_network(build.conn, secret, 2)) == {secret, org, other}
    assert _ids(net.ego_network(build.conn, other, 2, internal)) == {other, org}
    inside = build.person("Внутри", inside_russia=True)  # a twin of hers is protected too
    twin = build.person("Twin")
    build.reg.update(twin, {"merged_into": inside})
    build.tie(twin, org)
    confidential = net.TieFilter(max_sensitivity=Sensitivity.CONFIDENTIAL)
    assert net.ego_network(build.conn, twin, 1, confidential) == net.Graph()
    assert twin in _ids(net.ego_network(build.conn, twin, 1))
    build.reg.delete(other)
    assert net.ego_network(build.conn, other, 2) == net.Graph()


def test_importing_analytics_does_not_load_igraph() -> None:
    code = ("import sys, registry.analytics, registry.analytics.network; "
            "sys.exit('igraph' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
