"""Plurality figures over people, participants and recipients, counted by hand."""

from __future__ import annotations

import pytest

from registry.analytics.plurality import Population, is_declared, is_russian, plurality
from tests.analytics.conftest import Build


def test_empty_vault_has_zero_counts_and_null_shares(build: Build) -> None:
    for population in Population:
        fig = plurality(build.conn, population)
        assert fig.total == fig.women == fig.undisclosed == fig.inside_russia == 0
        assert fig.women_share is None
        assert fig.non_russian_share is None
        assert fig.groups == {"national_minority": 0, "regional_community": 0, "lgbtq": 0,
                              "disability": 0, "other": 0}


def test_everyone_undisclosed_gives_null_shares_not_guesses(build: Build) -> None:
    build.people(3, gender="undisclosed", ethnicity="undisclosed")
    build.person("no gender recorded")
    fig = plurality(build.conn)
    assert (fig.total, fig.undisclosed, fig.gender_declared) == (4, 4, 0)
    assert fig.women_share is None
    assert (fig.ethnicity_declared, fig.ethnicity_undisclosed) == (0, 4)
    assert fig.non_russian_share is None


def test_gender_and_ethnicity_counted_by_hand(build: Build) -> None:
    # 3 women, 2 men, 1 other, 2 undisclosed (one not recorded) = 8 people
    build.person("w1", gender="female", ethnicity="русская")
    build.person("w2", gender="female", ethnicity="татарка")
    build.person("w3", gender="female")
    build.person("m1", gender="male", ethnicity="Russian")
    build.person("m2", gender="male", ethnicity="русский, якут")
    build.person("o1", gender="other", ethnicity="не указано")
    build.person("u1", gender="undisclosed", ethnicity="бурят")
    build.person("u2")
    fig = plurality(build.conn)
    assert (fig.total, fig.women, fig.men, fig.other, fig.undisclosed) == (8, 3, 2, 1, 2)
    assert fig.women_share == pytest.approx(3 / 6)
    # declared: русская, татарка, Russian, "русский, якут", бурят = 5; Russian: 2
    assert (fig.ethnicity_declared, fig.non_russian) == (5, 3)
    assert fig.non_russian_share == pytest.approx(3 / 5)


def test_groups_and_inside_russia(build: Build) -> None:
    build.person("a", groups=["lgbtq", "national_minority"])
    build.person("b", groups=["lgbtq"])
    build.person("c", inside_russia=True, groups=["disability"])
    build.person("d")
    fig = plurality(build.conn)
    assert fig.groups == {"national_minority": 1, "regional_community": 0, "lgbtq": 2,
                          "disability": 1, "other": 0}
    assert fig.with_any_group == 3
    assert fig.inside_russia == 1


def test_deleted_and_erased_people_are_not_counted(build: Build) -> None:
    keep = build.person("keep", gender="female")
    gone = build.person("gone", gender="female")
    erased = build.person("erased", gender="male")
    build.reg.delete(gone)
    build.reg.erase(erased)
    fig = plurality(build.conn)
    assert (fig.total, fig.women, fig.men) == (1, 1, 0)
    assert keep


def test_participants_are_event_people_and_programme_recipients(build: Build) -> None:
    donor = build.donor()
    at_event = build.person("e", gender="female")
    fellow = build.person("f", gender="male")
    granted = build.person("g", gender="female")  # a grant is not a programme
    requested = build.person("r", gender="male")  # requested is not received
    build.person("nobody", gender="male")
    build.event([at_event])
    build.support(donor, fellow, "fellowship", status="active")
    build.support(donor, granted, "grant", status="granted")
    build.support(donor, requested, "training", status="requested")
    part = plurality(build.conn, Population.PARTICIPANTS)
    assert (part.total, part.women, part.men) == (2, 1, 1)
    rec = plurality(build.conn, Population.RECIPIENTS)
    assert (rec.total, rec.women, rec.men) == (2, 1, 1)  # fellow and granted


def test_deleted_event_does_not_make_participants(build: Build) -> None:
    person = build.person("e", gender="female")
    event = build.event([person])
    build.reg.delete(event)
    assert plurality(build.conn, Population.PARTICIPANTS).total == 0


def test_recipient_counted_once_with_several_supports(build: Build) -> None:
    d1, d2 = build.donor("d1"), build.donor("d2")
    person = build.person("p", gender="female")
    build.support(d1, person)
    build.support(d2, person, "legal_aid")
    assert plurality(build.conn, Population.RECIPIENTS).total == 1


@pytest.mark.parametrize("value", ["русский", "Русская", " РУССКИЕ ", "russian", "Russian.",
                                   "русское", "Ethnic Russian"])
def test_russian_forms(value: str) -> None:
    assert is_declared(value)
    assert is_russian(value)


@pytest.mark.parametrize("value", ["татарин", "русская, татарка", "русско-украинская",
                                   "Tatar", "ukrainian"])
def test_non_russian_forms(value: str) -> None:
    assert is_declared(value)
    assert not is_russian(value)


@pytest.mark.parametrize("value", [None, "", "  ", "undisclosed", "Не указано", "-", "?"])
def test_undeclared_forms(value: str | None) -> None:
    assert not is_declared(value)


def test_regions_of_origin_per_population(build: Build) -> None:
    donor = build.donor()
    a = build.person("a", region="RU-TA")
    build.person("b", region="RU-TA")
    c = build.person("c", region="UA-40")
    build.person("d")
    build.support(donor, a)
    build.support(donor, c)
    people = plurality(build.conn)
    assert (people.regions, people.region_unknown) == ({"RU-TA": 2, "UA-40": 1}, 1)
    rec = plurality(build.conn, Population.RECIPIENTS)
    assert (rec.regions, rec.region_unknown) == ({"RU-TA": 1, "UA-40": 1}, 0)
