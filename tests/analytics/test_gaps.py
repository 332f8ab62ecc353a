"""Gaps: groups below target or parity or without support, regions without support."""

from __future__ import annotations

import pytest

from registry.analytics import gaps
from registry.analytics.plurality import Population, plurality
from registry.analytics.targets import Targets
from registry.domain import regions
from tests.analytics.conftest import Build


def _gaps(build: Build, targets: Targets | None = None) -> dict[str, gaps.GroupGap]:
    people = plurality(build.conn, Population.PEOPLE)
    recipients = plurality(build.conn, Population.RECIPIENTS)
    return {g.group: g for g in gaps.group_gaps(people, recipients, targets or Targets())}


def test_no_data(build: Build) -> None:
    out = _gaps(build)
    assert {g.status for g in out.values()} == {gaps.NO_DATA}


def test_groups_by_hand(build: Build) -> None:
    donor = build.donor()
    # people: 4 women (1 lgbtq), 6 men (2 national minority, 1 disability); 10 in all
    women = [*build.people(3, gender="female"),
             build.person("wl", gender="female", groups=["lgbtq"])]
    men = [*build.people(3, gender="male", ethnicity="русский"),
           build.person("n1", gender="male", groups=["national_minority"], ethnicity="чуваш"),
           build.person("n2", gender="male", groups=["national_minority"], ethnicity="коми"),
           build.person("dis", gender="male", groups=["disability"])]
    # recipients: 1 woman, 3 men (one national minority): 4 in all
    for person in [women[0], men[0], men[1], men[3]]:
        build.support(donor, person)
    out = _gaps(build)
    assert out["women"].share_recipients == pytest.approx(1 / 4)
    assert out["women"].status == gaps.BELOW_TARGET
    # ethnicity among recipients: русский, русский, чуваш -> 1/3 non-Russian, above 15 %
    assert out["non_russian"].share_recipients == pytest.approx(1 / 3)
    assert out["non_russian"].status == gaps.OK
    # national minority: 2/10 of people, 1/4 of recipients -> not below parity
    nm = out["national_minority"]
    assert (nm.people, nm.recipients, nm.status) == (2, 1, gaps.OK)
    assert (nm.share_people, nm.share_recipients) == (pytest.approx(0.2), pytest.approx(0.25))
    assert out["lgbtq"].status == gaps.WITHOUT_SUPPORT
    assert out["disability"].status == gaps.WITHOUT_SUPPORT
    assert out["regional_community"].status == gaps.NO_DATA


def test_below_parity_and_tolerance_setting(build: Build) -> None:
    donor = build.donor()
    # group: 5 of 10 people, 1 of 3 recipients (share 0.33 < 0.5 * 0.8 = 0.4)
    members = build.people(5, groups=["regional_community"])
    others = build.people(5)
    for person in [members[0], others[0], others[1]]:
        build.support(donor, person)
    assert _gaps(build)["regional_community"].status == gaps.BELOW_PARITY
    lenient = Targets(parity_tolerance=0.5)  # 0.33 >= 0.5 * 0.5
    assert _gaps(build, lenient)["regional_community"].status == gaps.OK


def test_women_target_band(build: Build) -> None:
    donor = build.donor()
    # 9 women of 20 recipients = 0.45: at the edge of 0.50 - 0.05 -> ok
    for person in build.people(9, gender="female") + build.people(11, gender="male"):
        build.support(donor, person)
    assert _gaps(build)["women"].status == gaps.OK
    assert _gaps(build, Targets(women_tolerance=0.02))["women"].status == gaps.BELOW_TARGET


def test_regions_without_support(build: Build) -> None:
    donor = build.donor()
    supported = build.person("a", region="RU-TA")
    build.person("b", region="RU-BA")  # not supported
    org = build.org("o", type="media", regions_covered=["RU-SA", "RU-CE"])
    build.org("u", type="media", regions_covered=["RU-DA"])  # not supported
    build.support(donor, supported)
    build.support(donor, org, status="requested")  # not received: does not count
    missing = gaps.regions_without_support(build.conn)
    assert "RU-TA" not in missing
    assert {"RU-BA", "RU-SA", "RU-CE", "RU-DA"} <= set(missing)
    build.support(donor, org, status="active")
    missing = gaps.regions_without_support(build.conn)
    assert len(missing) == len(regions.ALL_CODES) - 3
    assert not {"RU-TA", "RU-SA", "RU-CE"} & set(missing)
