"""Small-cell suppression of exported figures."""

from __future__ import annotations

from registry.analytics import SMALL_CELL, Population, Targets, plurality, stats, suppress
from registry.analytics.suppress import is_count
from tests.analytics.conftest import TODAY, Build


def test_counts_below_five_and_their_shares_are_blanked() -> None:
    fig = {"total": 20, "women": 3, "men": 10, "other": 0, "undisclosed": 7,
           "gender_declared": 13, "women_share": 3 / 13, "ethnicity_declared": 12,
           "non_russian": 6, "non_russian_share": 0.5, "inside_russia": 4}
    out = suppress(fig)
    assert out["women"] is None and out["women_share"] is None
    assert out["other"] is None and out["inside_russia"] is None
    assert (out["non_russian"], out["non_russian_share"]) == (6, 0.5)
    # women + other = 3 is recoverable from total and gender_declared: both partitions
    # hide their next smallest part (undisclosed 7, men 10)
    assert (out["total"], out["men"], out["undisclosed"]) == (20, None, None)
    assert out["gender_declared"] == 13
    assert fig["women"] == 3  # the input is not changed


def test_one_hidden_cell_in_a_partition_hides_the_next_smallest() -> None:
    fig = {"total": 40, "women": 20, "men": 12, "other": 2, "undisclosed": 6,
           "gender_declared": 34, "women_share": 20 / 34}
    out = suppress(fig)
    assert out["other"] is None
    assert out["undisclosed"] is None  # else other = 40 - 20 - 12 - 6
    assert out["men"] is None  # else other = gender_declared 34 - 20 - 12
    assert (out["women"], out["total"], out["gender_declared"]) == (20, 40, 34)
    assert out["women_share"] == 20 / 34


def test_hidden_parts_must_add_up_to_five() -> None:
    fig = {"total": 30, "women": 24, "men": 3, "other": 1, "undisclosed": 2}
    out = suppress(fig)
    # men, other, undisclosed are small and add up to 6: nothing more needs hiding
    assert (out["women"], out["men"], out["other"], out["undisclosed"]) == (24, None, None,
                                                                             None)
    fig = {"total": 30, "women": 26, "men": 3, "other": 1, "undisclosed": 0}
    assert suppress(fig)["women"] is None  # 3 + 1 + 0 = 4 would be 30 - 26


def test_denominator_below_five_blanks_the_share() -> None:
    out = suppress({"women": 0, "gender_declared": 4, "women_share": 0.0})
    assert out == {"women": None, "gender_declared": None, "women_share": None}


def test_not_counts_amounts_and_nested_structures() -> None:
    fig = {"year": 2024, "row": 1, "col": 2, "total": 3.5, "ok": True,
           "origin": {"RU-TA": 2, "RU-BA": 9},
           "by_currency": {"EUR": {"recipients": 3, "hhi": 0.5, "top10_share": 1.0,
                                   "provider_hhi": 1.0, "providers": 6, "total": 10.0}},
           "overlaps": [{"recipient": "r", "providers": ["a", "b"]}]}
    out = suppress(fig)
    assert (out["year"], out["row"], out["col"], out["total"], out["ok"]) == \
        (2024, 1, 2, 3.5, True)
    assert out["origin"] == {"RU-TA": None, "RU-BA": 9}
    eur = out["by_currency"]["EUR"]
    assert eur["recipients"] is None and eur["hhi"] is None and eur["top10_share"] is None
    assert (eur["providers"], eur["provider_hhi"]) == (6, 1.0)
    assert out["overlaps"] == fig["overlaps"]


def test_suppressed_stats_keep_large_cells(build: Build) -> None:
    build.people(6, gender="female")
    build.people(2, gender="male")
    raw = stats(build.conn, TODAY, Targets())
    out = suppress(raw)
    people = out["people"]
    assert people["total"] == 8
    # men 2 + other 0 + undisclosed 0 would follow from total - women: women is hidden too
    assert people["women"] is None and people["men"] is None
    assert people["women_share"] is None
    assert people["women_ok"] is None
    assert raw["people"]["men"] == 2  # the screen keeps them
    assert plurality.plurality(build.conn, Population.PEOPLE).men == 2


def _small_counts(data: object, key: str = "") -> list[str]:
    """Paths of counts below five left in ``data``."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _small_counts(v, str(k))]
    if isinstance(data, list):
        return [p for v in data for p in _small_counts(v, key)]
    return [key] if is_count(key, data) and data < SMALL_CELL else []


def test_no_small_count_survives_in_suppressed_stats(build: Build) -> None:
    donor = build.donor("d", country="DE")
    people = [build.person(f"p{i}", gender="female" if i % 3 else "male", region="RU-TA",
                           ethnicity="татарка" if i % 4 == 0 else None,
                           groups=["lgbtq"] if i % 5 == 0 else [])
              for i in range(12)]
    for p in people[:7]:
        build.support(donor, p, "residence_permit", end="2025-07-01", amount=10,
                      currency="EUR", start="2025-01-01")
    org = build.org("o", type="media", regions_covered=["RU-TA"])
    build.evaluation(org, "2024-01-01", (1, 2, 3))
    raw = stats(build.conn, TODAY)
    assert _small_counts(raw)  # the screen has small cells
    assert _small_counts(suppress(raw)) == []
