"""Benchmark of registry.match: precision/recall on the labelled set, timings.

Run: ``.venv/bin/python benchmarks/bench_matching.py [--quick]``

Quality is measured pairwise (every pair of records of one person is a true
pair) at ``DEFAULT_THRESHOLD``, on three seeds of the evaluation set, with and
without the registry-context support for initials, and broken down by how
many sides of a true pair give the given name only as an initial; then on
four held-out seeds that no change was tuned on, to show the spread.  The
target is precision and recall both at least 0.95.  Speed is
``find_duplicates`` over 100,000 realistic records (target 30 s) next to the
trivial exact-name baseline, and the edit distance of rapidfuzz next to the
hand-written one.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.match.evalset import build, synthetic, true_pairs

from registry.match import names as names_module
from registry.match.duplicates import (
    DEFAULT_THRESHOLD,
    ONLY_NAME,
    TOLD_APART,
    find_duplicates,
)
from registry.match.names import NameRecord, parse
from registry.match.translit import index_terms, skeleton, skeletons

SEEDS = (9303, 1, 2)
HELD_OUT = (11, 12, 13, 14)
TARGET, TIME_TARGET = 0.95, 30.0


def _initial_sides(pair: tuple[str, str], by_id: dict[str, NameRecord]) -> int:
    return sum(any(t.initial for t in parse(by_id[i].name).tokens) for i in pair)


def quality(context: bool) -> None:
    """Precision, recall and F1 at the default threshold, per seed and pooled."""
    tp = found_n = expected_n = 0
    kinds: Counter[int] = Counter()
    missed: Counter[int] = Counter()
    how: Counter[str] = Counter()
    for seed in SEEDS:
        records, truth = build(seed=seed)
        by_id = {r.id: r for r in records}
        candidates = find_duplicates(records, context=context)
        found = {(c.a_id, c.b_id) for c in candidates}
        how.update(_context_kind(c.evidence) for c in candidates)
        expected = true_pairs(truth)
        tp += len(found & expected)
        found_n += len(found)
        expected_n += len(expected)
        for pair in expected:
            sides = _initial_sides(pair, by_id)
            kinds[sides] += 1
            missed[sides] += pair not in found
        if seed == SEEDS[0]:
            print(
                f"  eval set (seed {seed}): {len(records)} records, {len(set(truth.values()))} "
                f"people incl. near misses, {len(expected)} true pairs"
            )
    p, r = tp / max(found_n, 1), tp / max(expected_n, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    label = "with registry context" if context else "names and fields only"
    met = "met" if min(p, r) >= TARGET else "NOT met"
    print(f"  {label}: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  (seeds {SEEDS}; "
          f"target {TARGET} {met})")
    for sides in sorted(kinds):
        share = kinds[sides] / expected_n
        rec = 1 - missed[sides] / kinds[sides]
        print(f"    true pairs with {sides} initial side(s): {share:5.1%}, recall {rec:.3f}")
    if context:
        print(f"    candidates carried by the context: {how['only']} only name with the initial, "
              f"{how['apart']} told apart by fields")


def _context_kind(evidence: tuple[str, ...]) -> str:
    if ONLY_NAME in evidence:
        return "only"
    return "apart" if TOLD_APART in evidence else ""


def held_out() -> None:
    """The same measure on seeds that nothing was tuned on: the spread to expect."""
    rows = []
    for seed in HELD_OUT:
        records, truth = build(seed=seed)
        found = {(c.a_id, c.b_id) for c in find_duplicates(records)}
        expected = true_pairs(truth)
        tp = len(found & expected)
        rows.append(f"seed {seed}: P {tp / max(len(found), 1):.3f} R {tp / len(expected):.3f}")
    print("  held-out " + "; ".join(rows))


def baseline(records: list[NameRecord]) -> int:
    """Trivial baseline: group by exact casefolded name."""
    groups: dict[str, list[str]] = defaultdict(list)
    for r in records:
        groups[r.name.casefold()].append(r.id)
    return sum(len(g) * (len(g) - 1) // 2 for g in groups.values())


def speed(n: int) -> None:
    """find_duplicates over ``n`` realistic records, and index_terms throughput."""
    records = synthetic(n)
    surnames = Counter(r.name.split()[-1] for r in records)
    print(f"  {len(records)} records; most frequent last words: {surnames.most_common(3)}")
    t = time.perf_counter()
    pairs = baseline(records)
    t_base = time.perf_counter() - t
    t, cpu = time.perf_counter(), time.process_time()
    found = find_duplicates(records)
    t_dup, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(
        f"  find_duplicates: {t_dup:.1f} s wall, {cpu:.1f} s CPU ({len(found)} candidates); "
        f"exact-name baseline {t_base:.3f} s ({pairs} pairs); ratio {t_dup / t_base:.0f}x; "
        f"target {TIME_TARGET:.0f} s {'met' if t_dup <= TIME_TARGET else 'NOT met'}"
    )
    skeleton.cache_clear()
    skeletons.cache_clear()
    spellings = [r.name for r in records]
    t = time.perf_counter()
    for name in spellings:
        index_terms(name)
    print(f"  index_terms: {len(spellings) / (time.perf_counter() - t):,.0f} names/s (cold cache)")


def edit_distance() -> None:
    """rapidfuzz's normalised Levenshtein next to the hand-written one."""
    words = [t.sound for r in build(n_people=200)[0] for t in parse(r.name).tokens]
    pairs = list(pairwise(words)) * 20
    for label, fn in (
        ("hand-written", names_module._levenshtein_py),
        ("rapidfuzz", names_module.edit_similarity),
    ):
        t = time.perf_counter()
        for a, b in pairs:
            fn(a, b)
        per = (time.perf_counter() - t) / len(pairs) * 1e6
        print(f"  {label:>12}: {per:.2f} µs per pair of name parts")
    same = all(
        abs(names_module._levenshtein_py(a, b) - names_module.edit_similarity(a, b)) < 1e-9
        for a, b in pairs[:5000]
    )
    print(f"  same results: {same}")


if __name__ == "__main__":
    print(f"quality at threshold {DEFAULT_THRESHOLD}")
    quality(context=True)
    quality(context=False)
    held_out()
    print("edit distance")
    edit_distance()
    print("speed")
    speed(20_000 if "--quick" in sys.argv else 100_000)
