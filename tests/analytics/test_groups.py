"""Records decided "same" are one actor for every figure (DESIGN §6.4.3, §8): a group counts
once, as its survivor, inside Russia when any member is, and what points to any member (support,
a permit, an evaluation, an event) counts for the group. Each test has its control: the same
records not decided "same" count one by one."""

from __future__ import annotations

import pytest

from registry import analytics
from registry.analytics import coverage, evaluations, permits, support
from registry.analytics.plurality import Population, plurality
from tests.analytics.conftest import TODAY, Build


def _same(build: Build, a: str, b: str, decide: bool) -> None:
    if decide:
        build.reg.matching.decide(a, b, "same")


@pytest.mark.parametrize("decide", [True, False])
def test_a_person_entered_twice_counts_once_with_her_groups_flag(build: Build,
                                                                 decide: bool) -> None:
    fund = build.donor()
    for n in range(3):  # three women inside Russia, each entered twice by two colleagues
        first = build.person(f"Айдына{n}", gender="female", groups=["lgbtq"], region="RU-TY",
                             inside_russia=True)
        second = build.person(f"Aidyna{n}", gender="female", groups=["lgbtq"], region="RU-TY")
        _same(build, first, second, decide)
        build.support(fund, second, "fellowship", amount=100, currency="EUR")
        build.event([second])
    build.people(20, gender="male", region="RU-MOW")
    per = 1 if decide else 2
    people = plurality(build.conn)
    assert (people.total, people.women, people.groups["lgbtq"]) == (20 + 3 * per, 3 * per,
                                                                     3 * per)
    assert people.regions["RU-TY"] == 3 * per
    assert people.inside_russia == 3 * (per if decide else 1)  # her twin is inside too
    for population in (Population.RECIPIENTS, Population.PARTICIPANTS):
        fig = plurality(build.conn, population)
        assert (fig.total, fig.inside_russia) == (3, 3 if decide else 0)
    assert analytics.counts(build.conn)["person"] == 20 + 3 * per
    stats = analytics.stats(build.conn, TODAY)
    assert stats["support"]["recipients"] == 3
    held = analytics.suppress(stats)  # three people, never six: held back as "<5"
    assert held["people"]["inside_russia"] is None
    assert (held["people"]["groups"]["lgbtq"] is None) is decide


@pytest.mark.parametrize("decide", [True, False])
def test_support_to_two_records_of_one_recipient_is_one_recipient(build: Build,
                                                                  decide: bool) -> None:
    one, two = build.donor("D1"), build.donor("D2")
    first, second = build.org("Мемориал"), build.org("Memorial")
    _same(build, first, second, decide)
    others = [build.org(f"O{i}") for i in range(3)]
    for recipient in [first, *others]:
        build.support(one, recipient, "grant", amount=100, currency="EUR",
                      start="2025-01-01", horizon="mid")
    build.support(two, second, "grant", amount=100, currency="EUR", start="2025-02-01",
                  horizon="mid")
    eur = support.concentration(build.conn)["EUR"]
    assert eur.recipients == (4 if decide else 5)
    assert eur.hhi == pytest.approx(7 / 25 if decide else 5 / 25)
    shown = analytics.suppress(analytics.stats(build.conn, TODAY))["support"]
    assert (shown["hhi"] is None, shown["top10_share"] is None) == (decide, decide)  # <5
    overlaps = support.overlaps(build.conn)
    assert [(o.recipient, o.providers) for o in overlaps] == (
        [(first, sorted([one, two]))] if decide else [])
    cells = {c.recipient for c in support.matrix(build.conn)}
    assert (first in cells, second in cells) == (True, not decide)
    assert support.horizons(build.conn, "2025-06-01")["mid"].recipients == (4 if decide else 5)
    assert [c.recipient for c in support.matrix(build.conn, recipient=second)] == (
        [first, first] if decide else [second])


@pytest.mark.parametrize("decide", [True, False])
def test_permits_and_evaluations_count_a_group_once(build: Build, decide: bool) -> None:
    gov = build.donor("Gov", type="government", country="DE")
    first, second = build.person("Вера"), build.person("Vera")
    _same(build, first, second, decide)
    for holder in (first, second):
        build.support(gov, holder, "residence_permit", end="2025-07-01")
    expiry = permits.permit_expiry(build.conn, TODAY)
    assert expiry.to_json()["people_90"] == (1 if decide else 2)
    assert {p.recipient for p in expiry.permits} == ({first} if decide else {first, second})
    build.evaluation(first, "2025-01-01", (0, 0, 0), assessor="A")
    build.evaluation(second, "2025-02-01", (4, 4, 4), assessor="B")
    subjects = evaluations.overview(build.conn)
    assert [(s.subject, s.assessors, s.disagreement) for s in subjects] == (
        [(first, 2, True)] if decide else [(first, 1, False), (second, 1, False)])
    assert len(evaluations.side_by_side(build.conn, second).assessments) == (2 if decide else 1)
    assert [t.evaluations for t in evaluations.trend(build.conn, first)] == (
        [2] if decide else [1])


@pytest.mark.parametrize("decide", [True, False])
def test_an_organisation_entered_twice_covers_its_regions_once(build: Build,
                                                               decide: bool) -> None:
    first = build.org("Мемориал", regions_covered=["RU-TY"])
    second = build.org("Memorial", regions_covered=["RU-TY", "RU-MOW"])
    _same(build, first, second, decide)
    by = {r.code: r.covered for r in coverage.coverage(build.conn).regions}
    assert (by["RU-TY"], by["RU-MOW"]) == ((1, 1) if decide else (2, 1))
    assert analytics.counts(build.conn)["organisation"] == (1 if decide else 2)


def test_a_group_whose_survivor_is_deleted_counts_as_a_live_member(build: Build) -> None:
    first, second = build.person("Вера", gender="female"), build.person("Vera",
                                                                        gender="female")
    build.reg.matching.decide(first, second, "same")
    build.reg.delete(first)
    assert plurality(build.conn).women == 1
    build.reg.delete(second)
    assert plurality(build.conn).total == 0
