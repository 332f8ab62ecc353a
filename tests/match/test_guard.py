"""The rule "may be a protected person" (registry.match.guard): a long chain costs a bounded
number of passes and finds what the rounds find."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from registry.domain.enums import Kind
from registry.interop.matching import Entry, Matcher
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


def test_asked_from_her_side_the_rule_finds_the_same_records() -> None:
    """``from_touching`` asks an index of the candidates alone with the protected records'
    names (what the bundle import does): the same records as every candidate asked of an
    index of them all (what the spreadsheet import does)."""
    rnd = random.Random(5)
    stored = {f"s{i:04d}": {"name": f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"}
              for i in range(600)}
    protected = {f"s{i:04d}" for i in range(0, 600, 40)}
    for ref in protected:
        stored[ref]["inside_russia"] = True
    candidates = {ref: v for ref, v in stored.items() if ref >= "s0300" and ref not in protected}
    everyone, theirs = Matcher(), Matcher()
    for ref, v in stored.items():
        everyone.add(Entry(ref, Kind.PERSON, v))
        if ref in candidates:
            theirs.add(Entry(ref, Kind.PERSON, v))
    forward = guard.beside_protected(Kind.PERSON, candidates, set(protected), stored,
                                     lambda v: everyone.meeting(Kind.PERSON, v))
    backward = guard.beside_protected(Kind.PERSON, candidates, set(protected), stored,
                                      lambda v: theirs.meeting(Kind.PERSON, v),
                                      from_touching=True)
    assert {a for a, _ in forward} == {a for a, _ in backward}
    assert set(forward) == set(backward)
    assert 0 < len({a for a, _ in forward}) < len(candidates)  # control: some, not all
