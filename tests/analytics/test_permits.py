"""Permit expiry windows (30/90/180 days), by host country, with the people."""

from __future__ import annotations

import datetime as dt

from registry.analytics.permits import permit_expiry
from tests.analytics.conftest import TODAY, Build


def _end(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def test_no_permits(build: Build) -> None:
    data = permit_expiry(build.conn, TODAY).to_json()
    assert (data["expiring_30"], data["expiring_90"], data["expiring_180"]) == (0, 0, 0)
    assert data["by_country_180"] == {}


def test_windows_are_inclusive_and_cumulative(build: Build) -> None:
    de = build.donor("de", type="government", country="DE")
    lv = build.donor("lv", type="government", country="LV")
    people = build.people(7)
    for person, days in zip(people, [-1, 0, 30, 31, 90, 180, 181], strict=True):
        build.support(de if days < 90 else lv, person, "residence_permit", end=_end(days),
                      status="granted")
    expiry = permit_expiry(build.conn, TODAY)
    data = expiry.to_json()
    # expiring: day 0 and day 30 | + 31, 90 | + 180; day -1 is past, day 181 beyond
    assert (data["expiring_30"], data["expiring_90"], data["expiring_180"]) == (2, 4, 5)
    assert data["by_country_30"] == {"DE": 2}
    assert data["by_country_180"] == {"DE": 3, "LV": 2}
    assert [p.days_left for p in expiry.permits] == [0, 30, 31, 90, 180]
    assert [p.recipient for p in expiry.permits] == people[1:6]


def test_only_running_permits_of_permit_kinds(build: Build) -> None:
    gov = build.donor("g", type="government", country="SE")
    p = build.people(6)
    build.support(gov, p[0], "work_permit", end=_end(10), status="active")
    build.support(gov, p[1], "humanitarian_visa", end=_end(10))  # status unknown counts
    build.support(gov, p[2], "residence_permit", end=_end(10), status="requested")
    build.support(gov, p[3], "residence_permit", end=_end(10), status="refused")
    build.support(gov, p[4], "residence_permit", end=_end(10), status="expired")
    build.support(gov, p[5], "grant", end=_end(10), status="active")
    gone = build.support(gov, p[5], "work_permit", end=_end(10), status="active")
    build.reg.delete(gone)
    expiry = permit_expiry(build.conn, TODAY)
    assert sorted(x.recipient for x in expiry.permits) == sorted([p[0], p[1]])
    assert {x.kind for x in expiry.permits} == {"work_permit", "humanitarian_visa"}


def test_country_falls_back_to_residence_and_people_are_distinct(build: Build) -> None:
    donor = build.donor("no country")
    person = build.person("p", country="GE")
    build.support(donor, person, "residence_permit", end=_end(5))
    build.support(donor, person, "work_permit", end=_end(50))
    data = permit_expiry(build.conn, TODAY).to_json()
    assert data["by_country_90"] == {"GE": 2}
    assert (data["expiring_90"], data["people_90"]) == (2, 1)


def test_protected_holder_is_pseudonymous_unless_revealed(build: Build) -> None:
    gov = build.donor("g", type="government", country="DE")
    person = build.person("Тайный Человек", inside_russia=True)
    build.support(gov, person, "humanitarian_visa", end=_end(3))
    [hidden] = permit_expiry(build.conn, TODAY).permits
    assert hidden.protected and "Тайный" not in hidden.recipient_label
    assert hidden.recipient_label.startswith("Person #")
    [shown] = permit_expiry(build.conn, TODAY, reveal=True).permits
    assert shown.recipient_label == "Тайный Человек"
