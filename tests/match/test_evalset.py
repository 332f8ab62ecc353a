"""Quality on slices of the labelled evaluation set (``benchmarks/bench_matching.py`` runs it
whole, with every figure by system and class).

Seed 4242 is none of the seeds the weights were set on; nothing was tuned on it.
"""

from __future__ import annotations

import pytest

from registry.match.duplicates import DEFAULT_THRESHOLD, find_duplicates
from tests.match import measure
from tests.match.evalset import all_systems, build, iuliia_schemas


@pytest.fixture(scope="module")
def quality() -> measure.Quality:
    return measure.duplicates(150, 4242)


def test_precision_and_recall_at_the_default_threshold(quality: measure.Quality) -> None:
    assert quality.p >= 0.98
    assert quality.r >= 0.97
    # pairs where both records give the given name in full (an initial alone is weak evidence)
    assert quality.recall.rate("full_names") >= 0.97
    assert quality.precision.rate("full_names") >= 0.98


def test_a_given_name_written_as_an_initial_is_paired(quality: measure.Quality) -> None:
    # "M. Khodorkovsky" against "Михаил Ходорковский": the initial alone is weak evidence,
    # and the registry's other records of the family name say which name it stands for
    assert quality.recall.tries["initial"] >= 300, "the slice holds this class"
    assert quality.recall.rate("initial") >= 0.95
    assert quality.precision.rate("initial") >= 0.98


@pytest.mark.parametrize("label", ["marks", "scholarly", "national", "order_case", "patronymic",
                                   "short_form", "plain", "cyrillic"])
def test_every_class_is_paired(quality: measure.Quality, label: str) -> None:
    assert quality.recall.tries[label] >= 20, "the slice holds this class"
    assert quality.precision.rate(label) >= 0.98
    assert quality.recall.rate(label) >= (0.85 if label == "short_form" else 0.9)


def test_namesakes_and_relatives_written_in_full_are_never_proposed() -> None:
    tags: dict[str, tuple[str, frozenset[str]]] = {}
    records, truth = build(n_people=150, seed=4242, tags=tags)
    wrong = [c for c in find_duplicates(records, min_score=DEFAULT_THRESHOLD)
             if truth[c.a_id] != truth[c.b_id]
             and "initial" not in tags[c.a_id][1] | tags[c.b_id][1]]
    assert wrong == []


def test_search_finds_every_schema_and_class_in_the_top_five() -> None:
    tally = measure.search(1000, 4242, queries_per_person=2)
    assert tally.tries["all"] > 1000
    assert tally.rate("all") >= 0.99
    for label in ("marks", "scholarly", "national", "order_case", "patronymic", "short_form"):
        assert tally.tries[label] >= 20 and tally.rate(label) >= 0.97, label


def test_every_iuliia_schema_is_in_the_set() -> None:
    assert len(iuliia_schemas()) >= 27
    assert set(iuliia_schemas()) <= set(all_systems())


def test_the_set_is_deterministic() -> None:
    assert build(n_people=20, seed=1) == build(n_people=20, seed=1)
