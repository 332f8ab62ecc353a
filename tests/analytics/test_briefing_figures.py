"""The briefing's figures: only what it prints, held back by the one rule, each with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from registry.analytics import SMALL_CELL, stats
from registry.analytics.briefing_figures import OTHER, build, reason
from registry.analytics.suppress import Held, Unit, What, Why, is_count
from tests.analytics.conftest import TODAY, Build


def _end(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def _leaves(data: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    if isinstance(data, dict):
        return {p: v for k, child in data.items() for p, v in _leaves(child, (*path, k)).items()}
    if isinstance(data, list):
        return {p: v for i, child in enumerate(data)
                for p, v in _leaves(child, (*path, str(i))).items()}
    return {path: data}


def _figures(data: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    return {p: v for p, v in _leaves(data).items() if p[0] != "held"}


def test_few_recipients_hold_back_the_amount_and_every_share_beside_them(build: Build) -> None:
    donors = [build.donor(f"d{i}") for i in range(5)]
    people = build.people(3, gender="female")
    for i, donor in enumerate(donors):
        build.support(donor, people[i % 3], "grant", amount=1000 * (i + 1), currency="EUR",
                      start="2025-01-01")
    data = build_figures(build)
    support = data["support"]
    assert support["recipients"] is None and support["total"] is None
    assert reason(data, "support", "total") == Held(What.AMOUNT, Why.FEW, Unit.RECIPIENTS)
    assert reason(data, "support", "recipients") == Held(What.COUNT, Why.FEW, Unit.RECIPIENTS)
    for key in ("top10_share", "hhi"):
        assert support[key] is None
        assert reason(data, "support", key).why is Why.FEW
    founded = support["by_currency"]["EUR"]["founded_shares"]
    assert set(founded) == {"before_2022", "since_2022", "people", "unknown"}
    assert all(v is None for v in founded.values())
    assert reason(data, "support", "by_currency", "EUR", "founded_shares", "people") == \
        Held(What.SHARE, Why.FEW, Unit.RECIPIENTS)
    assert support["providers"] == 5  # five providers are not small


def test_every_held_back_value_says_why_and_nothing_small_is_left(build: Build) -> None:
    gov = build.donor("gov", type="government", country="DE")
    people = [build.person(f"p{i}", gender=("female", "male", "other")[i % 3],
                           region="RU-TA" if i < 9 else "RU-BA", inside_russia=i == 0)
              for i in range(12)]
    for person in people[:7]:
        build.support(gov, person, "residence_permit", end=_end(20), status="granted")
    data = build_figures(build)
    figures = _figures(data)
    for path, value in figures.items():
        assert not (is_count(path[-1], value) and value < SMALL_CELL), path
    held = {tuple(k.split("/")) for k in data["held"]}
    assert held <= set(figures)  # reasons only for what is printed
    assert {p for p, v in figures.items() if v is None} - held <= {
        p for p in figures if p[-1] in ("top10_share", "hhi", "provider_hhi")}  # no data
    for key, why in data["held"].items():
        found = Held.from_json(why)
        assert found.text(), key
        if found.what is not What.COUNT:
            assert found.why in (Why.FEW, Why.SUBTRACTION)


def test_only_what_the_briefing_prints_leaves(build: Build) -> None:
    donor = build.donor("d")
    people = build.people(6, gender="female", region="RU-MOW")
    for p in people:
        build.support(donor, p, "grant", start="2025-01-01", end="2025-12-31")
    build.support(build.donor("d2"), people[0], "grant", start="2025-02-01")  # an overlap
    data = build_figures(build)
    assert set(data) == {"counts", "people", "participants", "recipients", "regions", "support",
                         "permits", "evaluations", "held"}
    assert set(data["counts"]) == {"person", "organisation", "support", "evaluation"}
    assert "gaps" not in data["support"] and "regions" not in data["people"]
    assert data["support"]["overlaps"] is None  # one case: a count, never the list of ids
    ids = {r[0] for t in ("person", "organisation", "support")
           for r in build.conn.execute(f"SELECT id FROM {t}")}
    texts = {str(v) for v in _leaves(data).values()} | set(data["held"])
    assert not any(i in t for i in ids for t in texts)


def test_host_countries_under_five_are_added_up(build: Build) -> None:
    for country, n in (("DE", 7), ("IT", 5), ("FR", 3), ("PL", 2)):
        gov = build.donor(f"gov-{country}", type="government", country=country)
        for person in build.people(n):
            build.support(gov, person, "residence_permit", end=_end(100), status="granted")
    data = build_figures(build)
    # FR 3 + PL 2 = 5: together they are not small, and the total gives them anyway
    assert data["permits"]["by_country_180"] == {"DE": 7, "IT": 5, OTHER: 5}
    assert "permits/by_country_180/FR" not in data["held"]


def test_held_back_countries_with_a_held_back_total(build: Build) -> None:
    for country in ("DE", "FR"):
        gov = build.donor(f"gov-{country}", type="government", country=country)
        build.support(gov, build.person(), "residence_permit", end=_end(100), status="granted")
    data = build_figures(build)
    assert data["permits"]["by_country_180"] == {OTHER: None}
    assert reason(data, "permits", "by_country_180", OTHER) == \
        Held(What.COUNT, Why.FEW, Unit.PERMITS)


def build_figures(b: Build) -> dict[str, Any]:
    return build(stats(b.conn, TODAY))
