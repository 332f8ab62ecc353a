"""Support overlaps, concentration, horizons and the provider × recipient matrix."""

from __future__ import annotations

import pytest

from registry.analytics import support
from tests.analytics.conftest import TODAY, Build


def _pair(build: Build, a: tuple[str, str | None], b: tuple[str, str | None],
          kind_b: str = "grant") -> tuple[str, str, str]:
    d1, d2 = build.donor("d1"), build.donor("d2")
    person = build.person("p")
    build.support(d1, person, "grant", start=a[0], end=a[1])
    build.support(d2, person, kind_b, start=b[0], end=b[1])
    return d1, d2, person


def test_no_support_no_overlaps(build: Build) -> None:
    assert support.overlaps(build.conn) == []
    assert support.concentration(build.conn) == {}


def test_touching_periods_overlap_inclusive(build: Build) -> None:
    d1, d2, person = _pair(build, ("2024-01-01", "2024-06-30"), ("2024-06-30", "2024-12-31"))
    [o] = support.overlaps(build.conn)
    assert (o.recipient, o.kind, o.providers) == (person, "grant", sorted([d1, d2]))
    assert (o.start, o.end) == ("2024-06-30", "2024-06-30")


def test_next_day_periods_do_not_overlap(build: Build) -> None:
    _pair(build, ("2024-01-01", "2024-06-30"), ("2024-07-01", "2024-12-31"))
    assert support.overlaps(build.conn) == []


def test_open_end_overlaps_later_support(build: Build) -> None:
    _pair(build, ("2020-01-01", None), ("2025-01-01", "2025-03-01"))
    [o] = support.overlaps(build.conn)
    assert (o.start, o.end) == ("2025-01-01", "2025-03-01")


def test_two_open_ends_overlap_without_end(build: Build) -> None:
    _pair(build, ("2020-01-01", None), ("2021-01-01", None))
    [o] = support.overlaps(build.conn)
    assert (o.start, o.end) == ("2021-01-01", None)


def test_different_kinds_do_not_overlap(build: Build) -> None:
    _pair(build, ("2024-01-01", "2024-12-31"), ("2024-01-01", "2024-12-31"), "legal_aid")
    assert support.overlaps(build.conn) == []


def test_one_provider_twice_is_not_an_overlap(build: Build) -> None:
    donor, person = build.donor(), build.person()
    build.support(donor, person, start="2024-01-01", end="2024-12-31")
    build.support(donor, person, start="2024-03-01", end="2024-05-31")
    assert support.overlaps(build.conn) == []


def test_undated_support_is_left_out_and_counted(build: Build) -> None:
    d1, d2, person = build.donor("d1"), build.donor("d2"), build.person()
    build.support(d1, person, start="2024-01-01", end="2024-12-31")
    build.support(d2, person)
    assert support.overlaps(build.conn) == []
    assert support.undated(build.conn) == 1


def test_requested_refused_and_deleted_support_do_not_overlap(build: Build) -> None:
    d1, d2, d3, d4 = (build.donor(f"d{i}") for i in range(4))
    person = build.person()
    build.support(d1, person, start="2024-01-01", end="2024-12-31", status="active")
    build.support(d2, person, start="2024-01-01", end="2024-12-31", status="requested")
    build.support(d3, person, start="2024-01-01", end="2024-12-31", status="refused")
    gone = build.support(d4, person, start="2024-01-01", end="2024-12-31")
    build.reg.delete(gone)
    assert support.overlaps(build.conn) == []


def test_three_providers_one_entry(build: Build) -> None:
    d = [build.donor(f"d{i}") for i in range(3)]
    person = build.person()
    build.support(d[0], person, start="2024-01-01", end="2024-03-31")
    build.support(d[1], person, start="2024-03-15", end="2024-04-30")
    build.support(d[2], person, start="2024-04-30", end="2024-05-31")
    [o] = support.overlaps(build.conn)
    assert o.providers == sorted(d)
    assert (o.start, o.end) == ("2024-03-15", "2024-04-30")
    assert o.to_json() == {"recipient": person, "kind": "grant", "providers": sorted(d),
                           "start": "2024-03-15", "end": "2024-04-30"}


def test_concentration_by_hand(build: Build) -> None:
    donor, other = build.donor("d"), build.donor("e")
    old = build.org("old", type="ngo", founded=2010)
    new = build.org("new", type="media", founded=2023)
    unknown = build.org("unknown", type="ngo")
    person = build.person("p")
    build.support(donor, old, amount=600, currency="EUR")
    build.support(other, old, amount=100, currency="EUR")
    build.support(donor, new, amount=200, currency="EUR")
    build.support(donor, person, amount=100, currency="EUR")
    build.support(donor, unknown, amount=5000, currency="SEK")
    build.support(donor, unknown, amount=999, currency="EUR", status="refused")
    build.support(donor, unknown)  # no amount
    conc = support.concentration(build.conn)
    assert set(conc) == {"EUR", "SEK"}
    eur = conc["EUR"]
    # recipients: old 700, new 200, person 100 of 1000
    assert (eur.total, eur.supports, eur.recipients, eur.providers) == (1000, 4, 3, 2)
    assert eur.top10_share == pytest.approx(1.0)
    assert eur.hhi == pytest.approx(0.7**2 + 0.2**2 + 0.1**2)
    # providers: donor 900, other 100
    assert eur.provider_hhi == pytest.approx(0.9**2 + 0.1**2)
    assert eur.founded == {"before_2022": 700, "since_2022": 200, "people": 100,
                           "unknown": 0}
    assert eur.founded_shares["before_2022"] == pytest.approx(0.7)
    sek = conc["SEK"]
    assert (sek.total, sek.recipients, sek.hhi, sek.top10_share) == (5000, 1, 1.0, 1.0)
    assert sek.founded["unknown"] == 5000


def test_top10_share_with_twelve_recipients(build: Build) -> None:
    donor = build.donor()
    for i in range(12):  # amounts 1..12, total 78, top ten 3..12 = 75
        build.support(donor, build.person(f"p{i}"), amount=i + 1, currency="EUR")
    eur = support.concentration(build.conn)["EUR"]
    assert eur.top10_share == pytest.approx(75 / 78)
    assert eur.hhi == pytest.approx(sum((i / 78) ** 2 for i in range(1, 13)))
    assert eur.provider_hhi == pytest.approx(1.0)


def test_horizons_by_hand(build: Build) -> None:
    donor, a, b = build.donor(), build.person("a"), build.person("b")
    build.support(donor, a, horizon="short", start="2025-01-01", end="2025-12-31",
                  amount=10, currency="EUR")
    build.support(donor, a, "legal_aid", horizon="short", start="2023-01-01",
                  end="2023-12-31")
    build.support(donor, b, horizon="long", start="2025-06-01", amount=5, currency="USD")
    build.support(donor, b)
    h = support.horizons(build.conn, TODAY.isoformat())
    assert h["short"].to_json() == {"supports": 2, "recipients": 1, "active": 1,
                                    "amounts": {"EUR": 10.0}}
    assert h["long"].to_json() == {"supports": 1, "recipients": 1, "active": 1,
                                   "amounts": {"USD": 5.0}}
    assert h["mid"].supports == 0
    assert h["unspecified"].supports == 1
    assert h["unspecified"].active == 0  # no start date: not known to be running


def test_matrix_by_provider_recipient_year(build: Build) -> None:
    d1, d2, p = build.donor("d1"), build.donor("d2"), build.person()
    build.support(d1, p, start="2023-02-01", amount=10, currency="EUR")
    build.support(d1, p, "legal_aid", start="2023-09-01", amount=5, currency="EUR")
    build.support(d1, p, start="2023-10-01", amount=7, currency="USD")
    build.support(d1, p, start="2024-01-01")
    build.support(d2, p)
    cells = {(c.provider, c.year): c for c in support.matrix(build.conn)}
    assert cells[(d1, 2023)].supports == 3
    assert cells[(d1, 2023)].amounts == {"EUR": 15.0, "USD": 7.0}
    assert (cells[(d1, 2024)].supports, cells[(d1, 2024)].amounts) == (1, {})
    assert cells[(d2, None)].supports == 1
    assert [c.provider for c in support.matrix(build.conn, provider=d2)] == [d2]
