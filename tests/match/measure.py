"""Figures of the labelled set: duplicate detection by class and system, search top five.

Shared by the quick tests (a sample) and ``benchmarks/bench_matching.py`` (the whole set).
Search is measured as :meth:`registry.service.Registry.search` runs it, on an in-memory
SQLite FTS5 table made like the vault's (same tokenizer, prefix indexes and index terms):
whole-word matches first, then prefixes, at most 100 candidates each, ranked by
:func:`registry.match.names.query_score`.
"""

from __future__ import annotations

import random
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from registry.match.duplicates import DEFAULT_THRESHOLD, find_duplicates
from registry.match.names import NameRecord, query_score
from registry.match.translit import index_terms, name_query, name_terms, query_words
from registry.store.fts import fts_match
from tests.match.evalset import (
    SURNAMES,
    Names,
    Tags,
    _population,
    build,
    load_variants,
    spell_tagged,
    true_pairs,
)
from tests.match.evalset import classes as classes_of

TOP = 5
CAP = 100  # candidates per index query, as Registry.search asks for a limit of 20


@dataclass
class Tally:
    """Hits out of tries, by label."""

    hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    tries: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, labels: Iterable[str], hit: bool) -> None:
        for label in labels:
            self.tries[label] += 1
            self.hits[label] += hit

    def rate(self, label: str) -> float:
        return self.hits[label] / self.tries[label] if self.tries[label] else 1.0

    def worst(self) -> tuple[str, float]:
        return min(((k, self.rate(k)) for k in self.tries), key=lambda kv: kv[1])


@dataclass
class Quality:
    """Pairwise precision and recall of :func:`find_duplicates`, overall and by label (a
    pair's labels are both records' systems and classes)."""

    found: int
    true_found: int
    expected: int
    recall: Tally
    precision: Tally
    evidence: list[tuple[str, ...]] = field(default_factory=list)  # of every pair found

    @property
    def p(self) -> float:
        return self.true_found / max(self.found, 1)

    @property
    def r(self) -> float:
        return self.true_found / max(self.expected, 1)


def _labels(pair: tuple[str, str], tags: Tags) -> set[str]:
    """``all``, both records' systems and classes, and ``full_names`` when neither gives the
    given name by an initial alone."""
    out: set[str] = {"all"}
    for rid in pair:
        system, cls = tags[rid]
        out.add(system)
        out.update(cls)
    if "initial" not in out:
        out.add("full_names")
    return out


def duplicates(n_people: int, seed: int, threshold: float = DEFAULT_THRESHOLD,
               context: bool = True) -> Quality:
    """Find duplicates in the labelled set of ``n_people`` and score the result."""
    tags: Tags = {}
    records, truth = build(n_people=n_people, seed=seed, tags=tags)
    candidates = find_duplicates(records, min_score=threshold, context=context)
    found = {(c.a_id, c.b_id) for c in candidates}
    expected = true_pairs(truth)
    recall, precision = Tally(), Tally()
    for pair in expected:
        recall.add(_labels(pair, tags), pair in found)
    for pair in found:
        precision.add(_labels(pair, tags), pair in expected)
    return Quality(len(found), len(found & expected), len(expected), recall, precision,
                   [c.evidence for c in candidates])


def false_pairs(n_people: int, seed: int,
                threshold: float = DEFAULT_THRESHOLD) -> list[tuple[NameRecord, NameRecord]]:
    """The pairs found above ``threshold`` that are two people (for a failing test's text)."""
    records, truth = build(n_people=n_people, seed=seed)
    by_id = {r.id: r for r in records}
    return [(by_id[c.a_id], by_id[c.b_id]) for c in find_duplicates(records, min_score=threshold)
            if truth[c.a_id] != truth[c.b_id]]


class _Index:
    """FTS5 tables made like the vault's search and name indexes, over Cyrillic names."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("CREATE VIRTUAL TABLE ix USING fts5(terms, tokenize = 'unicode61 "
                          "remove_diacritics 2', prefix = '2 3 4', detail = 'column')")
        self.conn.execute("CREATE VIRTUAL TABLE nx USING fts5(terms, tokenize = 'unicode61 "
                          "remove_diacritics 2', prefix = '1 2 3 4', detail = 'none')")
        self.ids = list(names)
        self.conn.executemany("INSERT INTO ix (rowid, terms) VALUES (?, ?)",
                              [(i, " ".join(index_terms(names[rid])))
                               for i, rid in enumerate(self.ids)])
        self.conn.executemany("INSERT INTO nx (rowid, terms) VALUES (?, ?)",
                              [(i, " ".join(name_terms(names[rid])))
                               for i, rid in enumerate(self.ids)])

    def _named(self, query: str) -> list[str]:
        """As ``Store.search_name_ids``: names that begin with the words, exact ones first."""
        words = name_query(query)[:16]
        if not words:
            return []
        found: list[str] = []
        for star in ("", "*"):
            match = " AND ".join("(" + " OR ".join(f'"{t}"{star}' for t in alts) + ")"
                                 for alts in words)
            rows = self.conn.execute("SELECT rowid FROM nx WHERE nx MATCH ? LIMIT ?",
                                     (match, CAP))
            found += [r for r in (self.ids[r[0]] for r in rows) if r not in found]
            if len(found) >= CAP:
                break
        return found[:CAP]

    def _ids(self, terms: list[tuple[str, ...]], prefix: bool) -> list[str]:
        match = fts_match(terms, prefix=prefix)
        rows = self.conn.execute("SELECT rowid FROM ix WHERE ix MATCH ? LIMIT ?", (match, CAP))
        return [self.ids[r[0]] for r in rows]

    def search(self, query: str, limit: int = TOP) -> list[str]:
        terms = query_words(query)[:16]
        if not terms:
            return []
        found = self._ids(terms, prefix=False)
        if len(found) < CAP:
            found += [r for r in self._ids(terms, prefix=True) if r not in found]
        found += [r for r in self._named(query) if r not in found]
        scores = {r: query_score(query, self.names[r]) for r in found}
        found.sort(key=lambda r: (-scores[r], len(self.names[r]), self.names[r]))
        return found[:limit]


def search(n_people: int, seed: int, queries_per_person: int = 2) -> Tally:
    """Top-five search hits for spellings of people whose record is in Cyrillic, by system
    and class (spellings by an initial alone are left out: they name no one in particular).

    The vault holds each person once (names unique, relatives and namesakes with another
    given name among them), half of them with their patronymic.
    """
    rng = random.Random(seed)
    people, _ = _population(rng, n_people, Names(SURNAMES), unique=True)
    people = [p for p in people if not p.pid.endswith("x")]
    names = {p.pid: (f"{p.given} {p.patronymic} {p.surname}" if rng.random() < 0.5
                     else f"{p.given} {p.surname}") for p in people}
    index, variants, tally = _Index(names), load_variants(), Tally()
    for p in rng.sample(people, min(len(people), n_people)):
        for _ in range(queries_per_person):
            text, system, form = spell_tagged(p, rng, variants)
            if "initial" in form or system == "cyrillic":
                continue
            hit = p.pid in index.search(text)
            tally.add({"all", system, *classes_of(text, system, form)}, hit)
    return tally
