"""Labels ask the one protection rule: a person decided "same" as someone inside Russia is
shown as a pseudonym (labels, network, permit holders) unless revealed."""

from __future__ import annotations

from registry.analytics import network as net
from registry.analytics.labels import labels, pseudonym
from registry.analytics.permits import permit_expiry
from registry.domain.enums import Sensitivity
from tests.analytics.conftest import TODAY, Build


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
    assert found[twin].text == pseudonym(twin) and "Vera" not in found[twin].text
    assert found[inside].text == pseudonym(inside)
    assert (found[open_person].text, found[open_person].protected) == ("Открытый", False)
    assert (found[org].text, found[org].protected) == ("Мемориал", False)
    shown = labels(build.conn, [twin], reveal=True)
    assert shown[twin].text == "Vera Taynaya" and shown[twin].protected
    assert not shown[twin].pseudonymous


def test_a_protected_organisation_is_a_pseudonym(build: Build) -> None:
    org = build.org("Тайная сеть", sensitivity="protected")
    assert labels(build.conn, [org])[org].text == pseudonym(org, "organisation")


def test_the_network_draws_the_twin_as_a_pseudonym_and_holds_it_above_a_ceiling(
        build: Build) -> None:
    _inside, twin = _twins(build)
    friend = build.person("Друг")
    build.tie(friend, twin)
    by = {n.id: n for n in net.network(build.conn).nodes}
    assert by[twin].pseudonymous and by[twin].label == pseudonym(twin)
    assert "Vera" not in str(net.network(build.conn).to_json())
    assert "Vera" not in str(net.ego_network(build.conn, friend, 2).to_json())
    revealed = {n.id: n for n in net.network(build.conn, reveal=True).nodes}
    assert revealed[twin].label == "Vera Taynaya"
    below = net.TieFilter(max_sensitivity=Sensitivity.CONFIDENTIAL)
    assert twin not in {n.id for n in net.network(build.conn, below).nodes}
    assert twin not in {n.id for n in net.ego_network(build.conn, friend, 2, below).nodes}


def test_a_permit_holder_decided_same_as_a_protected_person_is_hidden(build: Build) -> None:
    _inside, twin = _twins(build)
    gov = build.donor("g", type="government", country="DE")
    build.support(gov, twin, "residence_permit", end="2025-07-01")
    [permit] = permit_expiry(build.conn, TODAY).permits
    assert permit.protected and permit.recipient_label == pseudonym(twin)
    [shown] = permit_expiry(build.conn, TODAY, reveal=True).permits
    assert shown.recipient_label == "Vera Taynaya"
