"""Small-cell suppression of exported figures."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.analytics import SMALL_CELL, Population, Targets, plurality, stats, suppress
from registry.analytics.suppress import Held, Sum, Unit, What, Why, hold_back, is_count
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


def test_one_hidden_cell_in_a_partition_hides_the_next_smallest_that_protects_it() -> None:
    fig = {"total": 40, "women": 20, "men": 12, "other": 2, "undisclosed": 6,
           "gender_declared": 34, "women_share": 20 / 34}
    out = suppress(fig)
    assert out["other"] is None
    # other = gender_declared 34 - 20 - 12 while men is shown; undisclosed (6, smaller) would
    # not do: it follows from total - gender_declared and gives other back by subtraction
    assert out["men"] is None
    assert (out["women"], out["undisclosed"], out["total"], out["gender_declared"]) == \
        (20, 6, 40, 34)
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


# -- secondary suppression and reasons ------------------------------------------------------------
def test_a_suppressed_recipient_count_holds_back_the_amount_beside_it() -> None:
    block = {"currency": "EUR", "total": 12_500.0, "recipients": 3, "providers": 6,
             "top10_share": 1.0, "hhi": 0.41, "provider_hhi": 0.2}
    res = hold_back({"support": block}, relations=())
    out = res.figures["support"]
    assert out["recipients"] is None and out["total"] is None
    assert out["top10_share"] is None and out["hhi"] is None
    assert (out["providers"], out["provider_hhi"]) == (6, 0.2)
    assert res.held[("support", "total")] == Held(What.AMOUNT, Why.FEW, Unit.RECIPIENTS)
    assert res.held[("support", "recipients")] == Held(What.COUNT, Why.FEW, Unit.RECIPIENTS)
    assert res.held[("support", "hhi")].text() == "fewer than 5 recipients"
    few_providers = hold_back({**block, "recipients": 9, "providers": 2}, relations=())
    assert few_providers.held[("total",)] == Held(What.AMOUNT, Why.FEW, Unit.PROVIDERS)
    assert few_providers.figures["top10_share"] == 1.0


def test_the_headline_block_follows_its_currency() -> None:
    support = {"currency": "EUR", "total": 900.0, "recipients": 7, "providers": 2,
               "top10_share": 1.0, "hhi": 0.3, "provider_hhi": 0.5,
               "by_currency": {"EUR": {"total": 900.0, "recipients": 7, "providers": 2,
                                       "top10_share": 1.0, "hhi": 0.3, "provider_hhi": 0.5}}}
    out = suppress({"support": support})["support"]
    assert out["total"] is None and out["by_currency"]["EUR"]["total"] is None
    assert out["provider_hhi"] is None and out["by_currency"]["EUR"]["provider_hhi"] is None
    assert out["hhi"] == 0.3


def test_a_partition_with_one_hidden_part_hides_another() -> None:
    fig = {"t": 32, "a": 2, "b": 10, "c": 20}
    res = hold_back(fig, relations=[Sum(("t",), (("a",), ("b",), ("c",)))])
    assert res.figures == {"t": 32, "a": None, "b": None, "c": 20}
    assert res.held[("a",)].why is Why.FEW
    assert res.held[("b",)] == Held(What.COUNT, Why.SUBTRACTION, Unit.PEOPLE)
    assert "subtraction" in res.held[("b",)].text()


def test_a_hidden_total_hides_a_part() -> None:
    fig = {"t": 3, "a": 3, "b": 0}  # b is small too: nothing left to hide
    assert hold_back(fig, relations=[Sum(("t",), (("a",), ("b",)))]).figures == \
        {"t": None, "a": None, "b": None}
    fig = {"d": 14, "r1": 2, "r2": 5, "r3": 7, "t": 30, "d2": 16}
    rel = [Sum(("d",), (("r1",), ("r2",), ("r3",))), Sum(("t",), (("d",), ("d2",)))]
    out = hold_back(fig, relations=rel).figures
    assert out["r1"] is None and out["r2"] is None  # r1 = d - r2 - r3 otherwise
    assert (out["d"], out["t"]) == (14, 30)


def test_a_remainder_never_shown_is_protected_too() -> None:
    # 18 of 20 inside Russia: the two outside would follow by subtraction
    out = suppress({"total": 20, "inside_russia": 18})
    assert out == {"total": 20, "inside_russia": None}
    assert suppress({"total": 20, "inside_russia": 12}) == {"total": 20, "inside_russia": 12}
    # the permit windows are cumulative: 12 - 10 = 2 permits run out in days 31-90
    permits = {"expiring_30": 10, "expiring_90": 12, "expiring_180": 20,
               "people_30": 9, "people_90": 11, "people_180": 18}
    out = suppress(permits)
    assert out["expiring_30"] is None and out["expiring_90"] == 12
    assert out["people_30"] is None and out["people_90"] == 11
    assert out["expiring_180"] == 20


def test_a_share_of_a_hidden_count_carries_its_reason() -> None:
    res = hold_back({"total": 40, "women": 3, "men": 20, "other": 9, "undisclosed": 8,
                     "gender_declared": 32, "women_share": 3 / 32, "women_ok": False})
    assert res.held[("women_share",)] == Held(What.SHARE, Why.FEW, Unit.PEOPLE)
    assert res.held[("women_ok",)] == Held(What.VERDICT, Why.FEW, Unit.PEOPLE)
    res = hold_back({"total": 40, "women": 20, "men": 8, "other": 2, "undisclosed": 10,
                     "gender_declared": 30, "women_share": 20 / 30}, relations=())
    # other = 30 - 20 - 8: men is hidden, and so is the share whose denominator ...
    assert res.figures["men"] is None
    assert res.figures["women_share"] == 20 / 30  # ... is still shown: the share stays
    res = hold_back({"total": 14, "women": 6, "men": 6, "other": 2, "undisclosed": 0,
                     "gender_declared": 14, "women_share": 6 / 14}, relations=())
    assert res.figures["gender_declared"] is None
    assert res.held[("women_share",)].why is Why.SUBTRACTION


def test_a_mean_over_few_evaluations_is_held_back() -> None:
    trend = [{"period": "2024", "evaluations": 3, "mean": [1.0, 2.0, 3.0]},
             {"period": "2025", "evaluations": 7, "mean": [2.0, 2.5, 3.0]}]
    res = hold_back({"evaluations": {"subjects": 9, "disagreements": 5, "threshold": 2,
                                     "trend": trend}})
    out = res.figures["evaluations"]
    assert out["trend"][0]["mean"] is None and out["trend"][1]["mean"] == [2.0, 2.5, 3.0]
    assert res.held[("evaluations", "trend", "0", "mean")] == \
        Held(What.MEAN, Why.FEW, Unit.EVALUATIONS)
    # 9 - 5 = 4 actors without disagreement would follow by subtraction
    assert out["subjects"] == 9 and out["disagreements"] is None


def test_every_held_value_has_a_reason_and_few_means_under_five(build: Build) -> None:
    donors = [build.donor(f"d{k}", country="DE") for k in range(5)]
    for i in range(9):
        p = build.person(f"p{i}", gender="female" if i % 2 else "male",
                         region="RU-TA" if i < 7 else "RU-BA")
        build.support(donors[i % 5], p, "grant", amount=100 * (i + 1), currency="EUR",
                      start="2025-01-01")
    raw = stats(build.conn, TODAY)
    res = hold_back(raw)
    changed = _paths_set_to_none(raw, res.figures)
    assert changed <= set(res.held)  # held too: a few values that had no data anyway
    assert all(_at(raw, p) is None for p in set(res.held) - changed)
    for path, held in res.held.items():
        value = _at(raw, path)
        if held.what is What.COUNT:
            assert (value < SMALL_CELL) == (held.why is Why.FEW), path
        assert held.text()
    # 9 recipients from 5 providers: the amount and the concentration figures stay
    assert res.figures["support"]["total"] == raw["support"]["total"] == 4500.0
    assert res.figures["support"]["hhi"] == raw["support"]["hhi"]


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data[int(key)] if isinstance(data, list) else data[key]
    return data


def _paths_set_to_none(before: Any, after: Any, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    if isinstance(before, dict):
        return {p for k, v in before.items()
                for p in _paths_set_to_none(v, after[k], (*path, str(k)))}
    if isinstance(before, list):
        return {p for i, v in enumerate(before)
                for p in _paths_set_to_none(v, after[i], (*path, str(i)))}
    return {path} if after is None and before is not None else set()


# -- property: nothing under five can be worked out ----------------------------------------------
# Sets of whole numbers as bit masks: bit v set = v possible.
def _mask(values: range) -> int:
    return sum(1 << v for v in values)


def _plus(a: int, b: int) -> int:
    """Every sum of a value of ``a`` and one of ``b``."""
    out, v = 0, 0
    while a >> v:
        if a >> v & 1:
            out |= b << v
        v += 1
    return out


def _total(masks: list[int]) -> int:
    out = 1
    for m in masks:
        out = _plus(out, m)
    return out


def _values(mask: int) -> set[int]:
    return {v for v in range(mask.bit_length()) if mask >> v & 1}


@st.composite
def hierarchies(draw: st.DrawFn) -> list[list[int]]:
    """Groups of small counts: the parts, their group totals and the grand total."""
    return draw(st.lists(st.lists(st.integers(0, 12), min_size=1, max_size=4),
                         min_size=1, max_size=3))


def _feasible(groups: list[list[int]], res: Any) -> dict[str, set[int]]:
    """Every value a reader who knows the shown figures, the sums and the reasons can give each
    count, and the sum of the hidden parts (``"u"``, and ``"u<g>"`` within group g).

    A count shown is known; one held back as "fewer than 5" is 0-4; one held back for
    subtraction is five or more (up to ``cap``, beyond any total here)."""
    cap = sum(map(sum, groups)) + 20

    def dom(key: str, value: int) -> int:
        held = res.held.get((key,))
        if held is None:
            return 1 << value
        return _mask(range(SMALL_CELL) if held.why is Why.FEW else range(SMALL_CELL, cap))

    leaves = [[dom(f"g{g}p{i}", v) for i, v in enumerate(parts)] for g, parts in enumerate(groups)]
    sums = [_total(ls) & dom(f"g{g}", sum(groups[g])) for g, ls in enumerate(leaves)]
    total = _total(sums) & dom("t", sum(map(sum, groups)))
    out = {"t": _values(total)}
    known = 0
    for g, parts in enumerate(groups):
        others = _total(sums[:g] + sums[g + 1:])
        group = sum(1 << s for s in _values(sums[g]) if _plus(1 << s, others) & total)
        out[f"g{g}"] = _values(group)
        shown = sum(v for i, v in enumerate(parts) if (f"g{g}p{i}",) not in res.held)
        known += shown
        out[f"u{g}"] = {s - shown for s in out[f"g{g}"]}
        for i in range(len(parts)):
            rest = _total(leaves[g][:i] + leaves[g][i + 1:])
            out[f"g{g}p{i}"] = {v for v in _values(leaves[g][i]) if _plus(1 << v, rest) & group}
    out["u"] = {t - known for t in out["t"]}
    return out


@settings(max_examples=300, deadline=None)
@given(hierarchies())
def test_no_count_under_five_can_be_worked_out(groups: list[list[int]]) -> None:
    """Parts within group totals within a grand total (as regions within federal districts
    within all people): a reader who knows every shown figure, how they add up and which
    held-back counts are under five cannot pin down any count under five, nor the held-back
    parts of a sum taken together while they are under five."""
    fig: dict[str, int] = {"t": sum(map(sum, groups))}
    rel: list[Sum] = []
    for g, parts in enumerate(groups):
        fig[f"g{g}"] = sum(parts)
        fig |= {f"g{g}p{i}": v for i, v in enumerate(parts)}
        rel.append(Sum((f"g{g}",), tuple((f"g{g}p{i}",) for i in range(len(parts)))))
    rel.append(Sum(("t",), tuple((f"g{g}",) for g in range(len(groups)))))
    rel.append(Sum(("t",), tuple((k,) for k in fig if "p" in k)))
    res = hold_back(fig, relations=rel)
    seen = _feasible(groups, res)
    for key, value in fig.items():
        assert value in seen[key]  # the truth is always possible
        if value < SMALL_CELL:
            assert res.figures[key] is None
            assert len(seen[key]) > 1, (key, value, res.figures)
    hidden = {k: v for k, v in fig.items() if "p" in k and res.figures[k] is None}
    for union, prefix in (("u", "g"), *((f"u{g}", f"g{g}p") for g in range(len(groups)))):
        part = [v for k, v in hidden.items() if k.startswith(prefix)]
        if len(part) > 1 and sum(part) < SMALL_CELL:
            assert len(seen[union]) > 1, (union, res.figures)


def test_support_records_not_given_cannot_be_worked_out() -> None:
    # 40 records, 38 of them effective (by horizon): 2 requested or refused would follow
    horizons = {h: {"supports": n, "recipients": n, "active": 0}
                for h, n in (("short", 20), ("mid", 10), ("long", 8), ("unspecified", 0))}
    out = suppress({"counts": {"support": 40}, "support": {"horizons": horizons}})
    shown = [h["supports"] for h in out["support"]["horizons"].values()]
    assert out["counts"]["support"] is None or shown.count(None) > 1
