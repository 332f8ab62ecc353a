"""The rule "may be a protected person" (registry.match.guard): a long chain costs a bounded
number of passes and finds what the rounds find."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from registry.domain.enums import Kind
from registry.match import guard
from tests.interop.bigfile import FIRST, LAST


def _chain(n: int) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """``n`` records of unrelated names, each filed under a key of the one before only (as a
    hostile bundle could chain look-alikes), and one record met by none."""
    values = {f"r{i:03d}": {"name": f"{FIRST[i]} {LAST[2 * i]}"} for i in range(n)}
    values["lone"] = {"name": "Борис Ким"}
    meets = {f"r{i:03d}": [f"r{i - 1:03d}"] if i else [] for i in range(n)}
    meets["lone"] = []
    return values, meets


def test_a_long_chain_is_walked_in_a_bounded_number_of_passes() -> None:
    values, meets = _chain(40)
    asked: list[str] = []

    def meeting(v: Mapping[str, Any]) -> list[str]:
        ref = next(r for r, x in values.items() if x is v)
        asked.append(ref)
        return meets[ref]

    candidates = {r: v for r, v in values.items() if r != "r000"}
    pairs = guard.beside_protected(Kind.PERSON, candidates, {"r000"}, values, meeting)
    bounded = {a for a, _ in pairs}
    assert bounded == set(candidates) - {"lone"}  # control: the lone record is not met
    # each round asks every candidate: the cap's rounds and one pass, not a round a link
    assert len(asked) <= 10 * len(candidates)
    asked.clear()
    rounds = guard.beside_protected(Kind.PERSON, candidates, {"r000"}, values, meeting,
                                    max_rounds=1000)
    assert {a for a, _ in rounds} == bounded and set(rounds) == set(pairs)
    assert len(asked) > 30 * len(candidates)  # what the cap saves


def test_nobody_protected_asks_nothing() -> None:
    values, _ = _chain(5)

    def meeting(v: Mapping[str, Any]) -> list[str]:
        raise AssertionError("asked")

    assert guard.beside_protected(Kind.PERSON, values, set(), values, meeting) == []
