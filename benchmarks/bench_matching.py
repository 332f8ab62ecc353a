"""Benchmark of registry.match: precision/recall on the labelled set, timings.

Run: ``.venv/bin/python benchmarks/bench_matching.py``
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from match.evalset import build, true_pairs
from registry.match.duplicates import DEFAULT_THRESHOLD, find_duplicates
from registry.match.names import NameRecord
from registry.match.translit import index_terms, skeleton, skeletons


def quality() -> None:
    """Precision, recall and F1 at the default threshold."""
    records, truth = build()
    found = {(c.a_id, c.b_id) for c in find_duplicates(records)}
    expected = true_pairs(truth)
    tp = len(found & expected)
    p, r = tp / max(len(found), 1), tp / max(len(expected), 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    print(
        f"eval set: {len(records)} records, {len(set(truth.values()))} people, "
        f"{len(expected)} true pairs; threshold {DEFAULT_THRESHOLD}"
    )
    print(f"precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")


def baseline(records: list[NameRecord]) -> int:
    """Trivial baseline: group by exact casefolded name."""
    groups: dict[str, list[str]] = defaultdict(list)
    for r in records:
        groups[r.name.casefold()].append(r.id)
    return sum(len(g) * (len(g) - 1) // 2 for g in groups.values())


def speed() -> None:
    """find_duplicates over 100k synthetic people, and index_terms throughput."""
    records, _ = build(n_people=60000, seed=7, spellings=(1, 2))
    records = records[:100000]
    t = time.perf_counter()
    baseline(records)
    t_base = time.perf_counter() - t
    t = time.perf_counter()
    found = find_duplicates(records)
    t_dup = time.perf_counter() - t
    print(
        f"find_duplicates: {len(records)} records in {t_dup:.1f} s "
        f"({len(found)} candidates); exact-name baseline {t_base:.3f} s, "
        f"ratio {t_dup / t_base:.0f}x"
    )
    skeleton.cache_clear()
    skeletons.cache_clear()
    names = [r.name for r in records]
    t = time.perf_counter()
    for name in names:
        index_terms(name)
    print(f"index_terms: {len(names) / (time.perf_counter() - t):,.0f} names/s (cold cache)")


if __name__ == "__main__":
    quality()
    speed()
