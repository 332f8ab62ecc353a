"""Labels ask the one protection rule: a person decided "same" as someone inside Russia is
shown as a pseudonym (labels, network, permit holders) unless revealed."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from registry.analytics import network as net
from registry.analytics.labels import label_key, labels, pseudonym
from registry.analytics.permits import permit_expiry
from registry.domain.enums import Sensitivity
from registry.service import Registry
from registry.store import schema
from tests.analytics.conftest import TODAY, Build
from tests.passphrase import PASSPHRASE


def stand_in(build: Any, record_id: str, kind: str = "person") -> str:
    """The on-screen stand-in of ``record_id`` in this vault (keyed with its secret)."""
    conn = build.conn
    return pseudonym(record_id, kind, key=label_key(conn))


def _twins(build: Build) -> tuple[str, str]:
    """An inside-Russia person and a second record of them, decided the same."""
    inside = build.person("Вера Тайная", inside_russia=True)
    twin = build.person("Vera Taynaya", country="GE")
    build.reg.update(twin, {"merged_into": inside})
    return inside, twin


def test_a_twin_of_a_person_inside_russia_is_a_pseudonym(build: Build) -> None:
    inside, twin = _twins(build)
    open_person = build.person("Открытый")
    org = build.org("Мемориал")
    found = labels(build.conn, [inside, twin, open_person, org])
    assert found[twin].protected and found[twin].pseudonymous
    assert found[twin].text == stand_in(build, twin) and "Vera" not in found[twin].text
    assert found[inside].text == stand_in(build, inside)
    assert (found[open_person].text, found[open_person].protected) == ("Открытый", False)
    assert (found[org].text, found[org].protected) == ("Мемориал", False)
    shown = labels(build.conn, [twin], reveal=True)
    assert shown[twin].text == "Vera Taynaya" and shown[twin].protected
    assert not shown[twin].pseudonymous


def test_a_protected_organisation_is_a_pseudonym(build: Build) -> None:
    org = build.org("Тайная сеть", sensitivity="protected")
    assert labels(build.conn, [org])[org].text == stand_in(build, org, "organisation")


def test_the_network_draws_the_twin_as_a_pseudonym_and_holds_it_above_a_ceiling(
        build: Build) -> None:
    _inside, twin = _twins(build)
    friend = build.person("Друг")
    build.tie(friend, twin)
    by = {n.id: n for n in net.network(build.conn).nodes}
    assert by[twin].pseudonymous and by[twin].label == stand_in(build, twin)
    assert "Vera" not in str(net.network(build.conn).to_json())
    assert "Vera" not in str(net.ego_network(build.conn, friend, 2).to_json())
    revealed = {n.id: n for n in net.network(build.conn, reveal=True).nodes}
    assert revealed[twin].label == "Vera Taynaya"
    below = net.TieFilter(max_sensitivity=Sensitivity.CONFIDENTIAL)
    assert twin not in {n.id for n in net.network(build.conn, below).nodes}
    assert twin not in {n.id for n in net.ego_network(build.conn, friend, 2, below).nodes}


def test_a_permit_holder_decided_same_as_a_protected_person_is_hidden(build: Build) -> None:
    """The holder is named as her group, one person: its survivor, hidden as she is."""
    inside, twin = _twins(build)
    gov = build.donor("g", type="government", country="DE")
    build.support(gov, twin, "residence_permit", end="2025-07-01")
    [permit] = permit_expiry(build.conn, TODAY).permits
    assert permit.recipient == inside
    assert permit.protected and permit.recipient_label == stand_in(build, inside)
    [shown] = permit_expiry(build.conn, TODAY, reveal=True).permits
    assert shown.recipient_label == "Вера Тайная"


def test_a_stand_in_says_nothing_to_whoever_knows_her_record_id(tmp_path: Path) -> None:
    """R sent a person inside Russia, protected people included, to A: both vaults hold her
    record id. Her stand-in on R's screen is keyed with R's secret: A's screen shows another
    one, neither is the unkeyed hash of the id the label once was (which anyone holding the
    id could compute and look for on a screenshot), and R's stays the same after a lock."""
    from tests.sync.vaults import introduce, make_vault, person, receive, send

    r, a = make_vault(tmp_path, "R"), make_vault(tmp_path, "A")
    try:
        introduce(r, a)
        inside = person(r, "Вера Тайная", inside_russia=True)
        receive(a, send(r, [a], tmp_path / "1.rbundle", ceiling="protected", mode="include"))
        assert a.get(inside).values["name"] == "Вера Тайная"  # control: A holds her, by id
        here, there = (labels(v.store.conn, [inside])[inside] for v in (r, a))
        assert here.pseudonymous and there.pseudonymous
        assert here.text != there.text
        unkeyed = hashlib.sha256(f"registry-pseudonym/1:{inside}".encode()).hexdigest()
        assert unkeyed[:6].upper() not in (here.text, there.text)
        assert here.text == pseudonym(inside, key=label_key(r.store.conn))
        r.lock()
        r = Registry.unlock(tmp_path / "R", PASSPHRASE)
        assert labels(r.store.conn, [inside])[inside].text == here.text  # stable on screen
    finally:
        r.lock()
        a.lock()


def test_every_vault_holds_its_secret_from_the_start(tmp_path: Path) -> None:
    """Schema v19 gives a vault without a pseudonym secret one (a vault made before: its
    first export made it), and keeps the one it has."""
    from tests.sync.vaults import make_vault

    reg = make_vault(tmp_path, "R")
    try:
        conn = reg.store.conn
        made = conn.execute("SELECT value FROM meta WHERE key = ?",
                            (schema.PSEUDONYM_META,)).fetchone()[0]
        assert len(bytes.fromhex(made)) == 32
        conn.execute("PRAGMA user_version = 18")
        reg.lock()
        reg = Registry.unlock(tmp_path / "R", PASSPHRASE)  # v19 again: the secret is kept
        assert schema.version(reg.store.conn) == schema.LATEST
        assert reg.store.meta_get(schema.PSEUDONYM_META) == made
        reg.store.conn.execute("DELETE FROM meta WHERE key = ?", (schema.PSEUDONYM_META,))
        reg.store.conn.execute("PRAGMA user_version = 18")
        reg.lock()
        reg = Registry.unlock(tmp_path / "R", PASSPHRASE)  # none: v19 makes one
        new = reg.store.meta_get(schema.PSEUDONYM_META)
        assert new is not None and new != made and len(bytes.fromhex(new)) == 32
    finally:
        reg.lock()


def _named_after(build: Build) -> dict[str, str]:
    """Мария Смирнова inside Russia; a fund and a husband named after her, tied to her; a
    donor supporting the fund; and an actor named after nobody protected."""
    ids = {"she": build.person("Мария Смирнова", name_latin="Maria Smirnova",
                               inside_russia=True),
           "husband": build.person("Муж Марии Смирновой"),
           "fund": build.org("Фонд Марии Смирновой", type="ngo"),
           "other": build.person("Иван Другой")}
    for a, b, kind in (("she", "fund", "member_of"), ("husband", "fund", "member_of"),
                       ("other", "fund", "member_of"), ("husband", "she", "family")):
        build.tie(ids[a], ids[b], kind)
    ids["donor"] = build.donor("Open Donor")
    build.support(ids["donor"], ids["fund"], "residence_permit", status="active",
                  start="2025-01-01", end="2025-07-01")
    build.evaluation(ids["fund"], "2025-03-01", (1, 2, 3))
    return ids


def test_an_actor_named_after_a_protected_person_is_a_stand_in_as_she_is(
        build: Build) -> None:
    """Every screen that names actors (network, dashboard, permits, side by side) shows an
    actor whose own name names a protected person as a stand-in unless revealed: named,
    beside her stand-in, it would say whose it is (every export leaves such actors out)."""
    from registry.analytics.network_view import Request

    ids = _named_after(build)
    analytics = build.reg.analytics
    hidden = ("Смирнов", "Smirnov")
    for request in (Request(), Request(record_id=ids["other"], depth=2),
                    Request(largest=True)):
        graph = analytics.network(request).graph
        nodes = {n.id: n for n in graph.nodes}
        assert set(nodes) == {ids[k] for k in ("she", "husband", "fund", "other")}
        assert not any(h in str(graph.to_json()) for h in hidden)
        assert nodes[ids["fund"]].label == stand_in(build, ids["fund"], "organisation")
        assert nodes[ids["husband"]].pseudonymous and not nodes[ids["husband"]].protected
        assert nodes[ids["other"]].label == "Иван Другой"  # control: named after nobody
    names = analytics.labels(list(ids.values()), reveal=False)
    assert not any(h in str(names) for h in hidden) and names[ids["donor"]] == "Open Donor"
    dash = analytics.dashboard(TODAY)
    assert dash.name(ids["fund"]) == stand_in(build, ids["fund"], "organisation")
    assert [p.recipient_label for p in dash.permits.permits] == [dash.name(ids["fund"])]
    assert analytics.side_by_side(ids["fund"])[2] == dash.name(ids["fund"])
    # revealed, every name is shown
    graph = analytics.network(Request(reveal=True)).graph
    assert {n.label for n in graph.nodes} >= {"Фонд Марии Смирновой", "Муж Марии Смирновой"}
    assert analytics.dashboard(TODAY, reveal=True).name(ids["fund"]) == "Фонд Марии Смирновой"
    assert analytics.side_by_side(ids["fund"], reveal=True)[2] == "Фонд Марии Смирновой"


def test_a_search_does_not_find_a_stand_in_by_the_name_it_stands_for(build: Build) -> None:
    """With protected people hidden, a search for her name (any script) lists neither her
    stand-in nor those of the actors named after her: the hit would say which node is hers.
    Revealed, she is found as anyone is."""
    ids = _named_after(build)
    find = build.reg.analytics.find_actors
    for text in ("Мария Смирнова", "Maria Smirnova", "Смирнов"):
        assert not {ids["she"], ids["husband"], ids["fund"]} & {i for i, _ in
                                                                 find(text, reveal=False)}
    found = dict(find("Мария Смирнова", reveal=True))
    assert found[ids["she"]] == "Мария Смирнова" and ids["fund"] in found
    assert [i for i, _ in find("Иван Другой", reveal=False)] == [ids["other"]]  # control


def test_what_the_views_withhold_is_read_again_when_the_vault_changes(build: Build) -> None:
    """The scan for actors named after a protected person is kept between calls (a search
    box asks at every word) and read again after any change: a fund named after her, added
    after a first search, is a stand-in at once; so is a person flagged after it."""
    ids = _named_after(build)
    find = build.reg.analytics.find_actors
    assert [i for i, _ in find("Иван Другой", reveal=False)] == [ids["other"]]
    later = build.org("Фонд Марии Смирновой — Рига", type="ngo")
    assert later not in {i for i, _ in find("Фонд", reveal=False)}
    assert build.reg.analytics.labels([later], reveal=False)[later] == \
        stand_in(build, later, "organisation")
    vera = build.person("Вера Новая")
    assert [i for i, _ in find("Вера Новая", reveal=False)] == [vera]
    build.reg.update(vera, {"inside_russia": True})
    assert find("Вера Новая", reveal=False) == []
