"""Benchmark of registry.match: precision/recall on the labelled set, search, timings.

Run: ``.venv/bin/python benchmarks/bench_matching.py [--quick]``

Quality is measured pairwise (every pair of records of one person is a true pair) at
``DEFAULT_THRESHOLD``, on the three seeds the weights were set on, with and without the
registry-context support for initials, by class of spelling (soft-sign marks, scholarly and
ISO letters, Polish and Czech, order and case, patronymics, short forms, initials) and by
romanisation system (the project's own tables and every ``iuliia`` schema); then on four
held-out seeds that no change was tuned on; then the namesakes and relatives written in full
that were proposed (target: none).  Targets: precision ≥ 0.98 and recall ≥ 0.97.

Search: the top five of a search (as ``Registry.search`` ranks it) for spellings of people
whose record is in Cyrillic, by system and class, on a vault of 20,000 people (target 0.99).

Speed is ``find_duplicates`` over 100,000 realistic records (target 30 s) next to the
trivial exact-name baseline, and the edit distance of rapidfuzz next to the hand-written one.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.match import measure
from tests.match.evalset import build, synthetic

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
PRECISION, RECALL, SEARCH, TIME_TARGET = 0.98, 0.97, 0.99, 30.0
CLASSES = ("plain", "cyrillic", "marks", "scholarly", "national", "order_case", "patronymic",
           "short_form", "initial", "full_names")


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def quality(context: bool) -> None:
    """Precision and recall at the default threshold, pooled over the seeds, by label."""
    tp = found_n = expected_n = 0
    recall, precision = measure.Tally(), measure.Tally()
    how: Counter[str] = Counter()
    for seed in SEEDS:
        q = measure.duplicates(400, seed, context=context)
        how.update(_context_kind(e) for e in q.evidence)
        tp, found_n, expected_n = tp + q.true_found, found_n + q.found, expected_n + q.expected
        for mine, theirs in ((recall, q.recall), (precision, q.precision)):
            for label, n in theirs.tries.items():
                mine.tries[label] += n
                mine.hits[label] += theirs.hits[label]
    p, r = tp / max(found_n, 1), tp / max(expected_n, 1)
    label = "with registry context" if context else "names and fields only"
    print(f"  {label}: precision {p:.4f}  recall {r:.4f}  ({expected_n} true pairs, seeds "
          f"{SEEDS}; targets P {PRECISION} {_met(p >= PRECISION)}, R {RECALL} "
          f"{_met(r >= RECALL)})")
    if not context:
        return
    print(f"    candidates carried by the context: {how['only']} only name with the initial, "
          f"{how['apart']} told apart by fields")
    print("    by class:  " + "; ".join(
        f"{c} P {precision.rate(c):.3f} R {recall.rate(c):.3f} (n={recall.tries[c]})"
        for c in CLASSES))
    systems = sorted(k for k in recall.tries if k not in CLASSES and k != "all")
    print("    by system (pairs with a record spelled by it, initials included):")
    for i in range(0, len(systems), 3):
        print("      " + "   ".join(f"{s:<24} P {precision.rate(s):.3f} R {recall.rate(s):.3f}"
                                    for s in systems[i:i + 3]))


def _context_kind(evidence: tuple[str, ...]) -> str:
    if ONLY_NAME in evidence:
        return "only"
    return "apart" if TOLD_APART in evidence else ""


def held_out() -> None:
    """The same measure on seeds that nothing was tuned on: the spread to expect."""
    rows = []
    for seed in HELD_OUT:
        q = measure.duplicates(400, seed)
        rows.append(f"seed {seed}: P {q.p:.4f} R {q.r:.4f} (full names P "
                    f"{q.precision.rate('full_names'):.4f} R {q.recall.rate('full_names'):.4f})")
    print("  held-out " + "\n  held-out ".join(rows))


def namesakes() -> None:
    """Namesakes and relatives written in full that were proposed, on every seed."""
    wrong = []
    for seed in (*SEEDS, *HELD_OUT):
        tags: measure.Tags = {}
        records, truth = build(seed=seed, tags=tags)
        by_id = {r.id: r.name for r in records}
        for c in find_duplicates(records):
            if truth[c.a_id] != truth[c.b_id] and "initial" not in (tags[c.a_id][1]
                                                                    | tags[c.b_id][1]):
                wrong.append(f"{by_id[c.a_id]} / {by_id[c.b_id]} ({c.score:.2f})")
    print(f"  namesakes and relatives written in full above the threshold: {len(wrong)} "
          f"(target 0) {'; '.join(wrong[:6])}")


def search(n_people: int) -> None:
    """Top-five search hits by system and class."""
    t = time.perf_counter()
    tally = measure.search(n_people, 5, queries_per_person=1)
    worst = min(tally.rate(k) for k in tally.tries)
    print(f"  {n_people} people, {tally.tries['all']} queries: top-5 {tally.rate('all'):.4f}; "
          f"the worst system or class {tally.worst()[0]} {worst:.4f} (target {SEARCH} "
          f"{_met(worst >= SEARCH)}); {time.perf_counter() - t:.1f} s")
    print("    by class:  " + "; ".join(f"{c} {tally.rate(c):.4f} (n={tally.tries[c]})"
                                        for c in CLASSES if tally.tries[c]))
    systems = sorted(k for k in tally.tries if k not in CLASSES and k != "all")
    for i in range(0, len(systems), 4):
        print("      " + "   ".join(f"{s:<24} {tally.rate(s):.4f}" for s in systems[i:i + 4]))


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
    quick = "--quick" in sys.argv
    print(f"quality at threshold {DEFAULT_THRESHOLD}")
    quality(context=True)
    quality(context=False)
    held_out()
    namesakes()
    print("search")
    search(5_000 if quick else 20_000)
    print("edit distance")
    edit_distance()
    print("speed")
    speed(20_000 if quick else 100_000)
