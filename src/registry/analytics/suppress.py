"""Small-cell suppression for anything that leaves the vault (DESIGN §4.2, §8): the one rule.

:func:`suppress` takes figures as produced by ``to_json()`` / :func:`registry.analytics.stats`
and returns a copy in which every held-back value is None; :func:`hold_back` does the same
and also says, for every held-back value, what it is and why (:class:`Held`). The rule:

1. **Small cells.** Every count below :data:`SMALL_CELL` (zero included) is held back:
   "fewer than 5 people" (recipients, permits, …).
2. **Nothing small follows by subtraction.** The figures are tied together by sums
   (:class:`Sum`, written down as data in :data:`LOCAL` and :func:`stats_relations`: women +
   men + other + undisclosed = total, regions add up to their federal district, the 30-day
   permits are part of the 90-day ones, …). A reader is assumed to know every figure shown,
   every such sum, and which held-back counts are under five (shown as "<5") and which were
   held back to protect another (then five or more). While such a reader could still pin a
   count under five to one value — a cell held back, a never-shown remainder such as "people
   not inside Russia", or the held-back parts of a total taken together — one more count is
   held back: the smallest shown part of the sum that gives it away (else its total). Why:
   "a figure under 5 could be worked out from it by subtraction".
3. **Shares, amounts, indices and means.** A value computed from a held-back count is held
   back with the count's reason (:class:`Share`: a share whose numerator or denominator is
   hidden, a target verdict from a hidden share); a value computed over fewer than five
   recipients, providers or evaluations is held back as "fewer than 5 recipients" (…)
   whatever its own size (:class:`Over`: the total given, top-10 share, HHI, founded
   shares, mean scores).

Counts are the integers of the figures; integers under the keys in :data:`NOT_COUNTS`
(years, tile positions, scores, days) are not counts. Sums are checked by interval
propagation, which is exact while the sums form a tree (each pair shares at most one
figure, without cycles) plus sums implied by it — as those written here do. Figures that
the caller will not print (``printed``) are treated as never shown, but still protected when
small. The vault's own screen shows unsuppressed figures.
"""

from __future__ import annotations

import copy
import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from typing import Any

from registry.domain.regions import DISTRICTS

SMALL_CELL = 5

NOT_COUNTS = frozenset({
    "row", "col", "rows", "cols", "year", "days_left", "source", "target", "node", "degree",
    "spread", "scores", "mean", "membership", "disagreement_spread", "threshold", "version",
})

Path = tuple[str, ...]
"""Where a value stands in the figures: dict keys, and list indices as strings."""

ANY = "*"
"""In a pattern: every key of that dict (or index of that list)."""
EACH = "{k}"
"""In a pattern of a relation with ``each``: one key of the dict at ``each`` at a time."""

WINDOWS = (30, 90, 180)
POPULATIONS = ("people", "participants", "recipients")


class What(StrEnum):
    COUNT = "count"
    SHARE = "share"
    AMOUNT = "amount"
    INDEX = "index"
    MEAN = "mean"
    VERDICT = "verdict"
    """A judgement computed from a share (on target or not, below parity, …)."""


class Why(StrEnum):
    FEW = "few"
    """Fewer than five of ``unit`` stand behind the value."""
    SUBTRACTION = "subtraction"
    """Shown, it would let a figure under five be worked out by subtraction."""


class Unit(StrEnum):
    PEOPLE = "people"
    RECIPIENTS = "recipients"
    PROVIDERS = "providers"
    ORGANISATIONS = "organisations"
    PERMITS = "permits"
    SUPPORTS = "support records"
    EVALUATIONS = "evaluations"
    ACTORS = "evaluated actors"
    CASES = "cases"
    RECORDS = "records"


@dataclass(frozen=True)
class Held:
    """What a held-back value is (``what``), why it is held back, and of what (``unit``)."""

    what: What
    why: Why
    unit: Unit

    def text(self) -> str:
        """The reason in English (the GUI translates from the codes)."""
        if self.why is Why.FEW:
            return f"fewer than {SMALL_CELL} {self.unit.value}"
        return f"a figure under {SMALL_CELL} could be worked out from it by subtraction"

    def to_json(self) -> dict[str, str]:
        return {"what": self.what.value, "why": self.why.value, "unit": self.unit.value}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Held:
        return cls(What(data["what"]), Why(data["why"]), Unit(data["unit"]))


# -- relations, as data --------------------------------------------------------------------------
Pattern = tuple[str, ...]


@dataclass(frozen=True)
class Sum:
    """``total`` = the sum of ``parts`` (plus a never-shown remainder when ``rest``).

    A part ending in :data:`ANY` stands for every entry of that dict. With ``each``, one sum
    per key of the dict at ``each``, bound to :data:`EACH`.
    """

    total: Pattern
    parts: tuple[Pattern, ...]
    rest: bool = False
    each: Pattern | None = None


@dataclass(frozen=True)
class Share:
    """``cell`` is computed from ``sources``: held back (for their reason) when one is."""

    cell: Pattern
    sources: tuple[Pattern, ...]
    what: What = What.SHARE


@dataclass(frozen=True)
class Over:
    """``cell`` is computed over the ``unit`` counted at ``count``: held back when fewer than 5."""

    cell: Pattern
    count: Pattern
    unit: Unit
    what: What


Relation = Sum | Share | Over

LOCAL: tuple[Relation, ...] = (
    # one population's plurality figures
    Sum(("total",), (("women",), ("men",), ("other",), ("undisclosed",))),
    Sum(("gender_declared",), (("women",), ("men",), ("other",))),
    Sum(("total",), (("gender_declared",), ("undisclosed",))),
    Sum(("total",), (("ethnicity_declared",), ("ethnicity_undisclosed",))),
    Sum(("ethnicity_declared",), (("non_russian",),), rest=True),
    Sum(("total",), (("inside_russia",),), rest=True),
    Sum(("total",), (("with_any_group",),), rest=True),
    Sum(("total",), (("groups", EACH),), rest=True, each=("groups",)),
    Sum(("total",), (("regions", ANY), ("region_unknown",))),
    Share(("women_share",), (("women",), ("gender_declared",))),
    Share(("non_russian_share",), (("non_russian",), ("ethnicity_declared",))),
    Share(("women_ok",), (("women_share",),), What.VERDICT),
    Share(("non_russian_ok",), (("non_russian_share",),), What.VERDICT),
    # support: concentration (per currency and the headline), horizons, group gaps
    Over(("total",), ("recipients",), Unit.RECIPIENTS, What.AMOUNT),
    Over(("total",), ("providers",), Unit.PROVIDERS, What.AMOUNT),
    Over(("top10_share",), ("recipients",), Unit.RECIPIENTS, What.SHARE),
    Over(("hhi",), ("recipients",), Unit.RECIPIENTS, What.INDEX),
    Over(("provider_hhi",), ("providers",), Unit.PROVIDERS, What.INDEX),
    Over(("founded", ANY), ("recipients",), Unit.RECIPIENTS, What.AMOUNT),
    Over(("founded_shares", ANY), ("recipients",), Unit.RECIPIENTS, What.SHARE),
    Over(("amounts", ANY), ("recipients",), Unit.RECIPIENTS, What.AMOUNT),
    Sum(("supports",), (("active",),), rest=True),
    Share(("share_people",), (("people",),)),
    Share(("share_recipients",), (("recipients",),)),
    Share(("status",), (("people",), ("recipients",), ("share_people",), ("share_recipients",)),
          What.VERDICT),
    # permits: by host country; the windows are cumulative, so each holds the one before
    *(Sum((f"expiring_{d}",), ((f"by_country_{d}", ANY),)) for d in WINDOWS),
    *(Sum((f"{k}_{b}",), ((f"{k}_{a}",),), rest=True)
      for k in ("expiring", "people") for a, b in pairwise(WINDOWS)),
    # evaluations
    Sum(("subjects",), (("disagreements",),), rest=True),
    Over(("mean",), ("evaluations",), Unit.EVALUATIONS, What.MEAN),
)
"""Relations within one dict of the figures, wherever it stands (paths relative to it)."""


def stats_relations(figures: Any) -> list[Relation]:
    """Relations across the dicts of :func:`registry.analytics.stats` (absolute paths).

    The same number printed twice (people recorded, people total), regions within their
    federal district and districts within all people, support records by horizon within all
    support records, the headline concentration figures beside their currency's, and the
    group gaps beside the plurality figures they repeat.
    Relations whose figures are absent are left out when applied.
    """
    if not isinstance(figures, dict):
        return []
    out: list[Relation] = [
        Sum(("counts", "person"), (("people", "total"),)),
        # support records by horizon are the effective ones; the rest were requested or refused
        Sum(("counts", "support"), (("support", "horizons", ANY, "supports"),), rest=True),
        Sum(("regions", "unknown_origin"), (("people", "region_unknown"),)),
        Sum(("regions", "origin", EACH), (("people", "regions", EACH),),
            each=("people", "regions")),
        Sum(("people", "total"), (("regions", "origin", ANY), ("regions", "unknown_origin"))),
        Sum(("people", "total"), (*(("regions", "districts", d, "origin") for d in DISTRICTS),
                                  ("regions", "unknown_origin"))),
    ]
    for column, source in (("origin", "origin"), ("covered", "coverage"),
                           ("covered_media", "coverage_media")):
        out += [Sum(("regions", "districts", d, column),
                    tuple(("regions", source, c) for c in codes))
                for d, codes in DISTRICTS.items()]
    return out + _headline_relations(figures) + _gap_relations(figures)


def _headline_relations(figures: dict[str, Any]) -> list[Relation]:
    support = figures.get("support")
    if not isinstance(support, dict) or not isinstance(support.get("currency"), str):
        return []
    head = ("support", "by_currency", support["currency"])
    out: list[Relation] = [Sum(("support", k), ((*head, k),)) for k in ("recipients", "providers")]
    for key in ("total", "top10_share", "hhi", "provider_hhi"):
        out += [Share(("support", key), ((*head, key),)), Share((*head, key), (("support", key),))]
    return out


def _gap_relations(figures: dict[str, Any]) -> list[Relation]:
    support = figures.get("support")
    gaps = support.get("gaps") if isinstance(support, dict) else None
    out: list[Relation] = []
    for i, gap in enumerate(gaps if isinstance(gaps, list) else []):
        group = str(gap.get("group")) if isinstance(gap, dict) else ""
        at = ("support", "gaps", str(i))
        key: Pattern = (group,) if group in ("women", "non_russian") else ("groups", group)
        for column, pop in (("people", "people"), ("recipients", "recipients")):
            out.append(Sum((*at, column), ((pop, *key),)))
            share: Pattern = (pop, f"{group}_share") if len(key) == 1 else (pop, "total")
            out.append(Share((*at, f"share_{column}"), (share,)))
    return out


# -- the engine ----------------------------------------------------------------------------------
@dataclass
class Suppression:
    figures: Any
    """A copy of the figures with every held-back value set to None."""
    held: dict[Path, Held]
    """Every held-back value that is printed, with its reason."""


def is_count(key: str, value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and key not in NOT_COUNTS


def suppress(figures: Any) -> Any:
    """A suppressed deep copy of ``figures`` (dicts, lists and scalars); see the module doc."""
    return hold_back(figures).figures


def hold_back(figures: Any, relations: Iterable[Relation] | None = None,
              printed: Callable[[Path], bool] | None = None) -> Suppression:
    """Figures with every value the rule holds back set to None, and the reasons.

    ``relations`` are absolute (from the root; default :func:`stats_relations`); the
    :data:`LOCAL` ones apply in every dict besides. ``printed`` says which values the caller
    will show (default: all); the others are treated as never shown.
    """
    shown = printed or (lambda _path: True)
    rules = list(_expand(figures, stats_relations(figures) if relations is None else relations))
    net = _Net.build(figures, rules, shown)
    net.settle()
    held = {p: Held(What.COUNT, Why.FEW, unit_of(p)) for p in net.primary}
    held |= {p: Held(What.COUNT, Why.SUBTRACTION, unit_of(p)) for p in net.secondary}
    _derive(figures, rules, held)
    held = {p: h for p, h in held.items() if shown(p)}
    out = copy.deepcopy(figures)
    for path in held:
        _set(out, path, None)
    return Suppression(out, held)


@dataclass(frozen=True)
class _Concrete:
    kind: str  # "sum", "share" or "over"
    cell: Path
    cells: tuple[Path, ...]
    rest: bool = False
    unit: Unit = Unit.RECORDS
    what: What = What.COUNT


def _expand(figures: Any, absolute: Iterable[Relation]) -> Iterator[_Concrete]:
    for base, node in _dicts(figures, ()):
        yield from _concrete(figures, base, node, [*LOCAL, *_fallback_shares(node)])
    yield from _concrete(figures, (), figures, list(absolute))


def _dicts(node: Any, path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
    for key, child in _children(node):
        yield from _dicts(child, (*path, key))


def _children(node: Any) -> list[tuple[str, Any]]:
    if isinstance(node, dict):
        return [(str(k), v) for k, v in node.items()]
    if isinstance(node, list):
        return [(str(i), v) for i, v in enumerate(node)]
    return []


def _fallback_shares(node: dict[str, Any]) -> list[Relation]:
    """``x_share`` beside a count ``x`` (and no rule of its own) is a share of it."""
    named = {r.cell[0] for r in LOCAL if isinstance(r, Share | Over)}
    return [Share((k,), ((k.removesuffix("_share"),),)) for k in node
            if k.endswith("_share") and k not in named and k.removesuffix("_share") in node]


def _concrete(figures: Any, base: Path, node: Any,
              rules: list[Relation]) -> Iterator[_Concrete]:
    for rule in rules:
        if isinstance(rule, Sum) and rule.each is not None:
            keys = [k for k, _ in _children(_get(node, rule.each))]
            for key in keys:
                yield from _concrete_sum(figures, base, _bind(rule, key))
        elif isinstance(rule, Sum):
            yield from _concrete_sum(figures, base, rule)
        elif isinstance(rule, Share):
            sources = [p for s in rule.sources for p in _resolve(figures, base, s)]
            for cell in _resolve(figures, base, rule.cell):
                yield _Concrete("share", cell, tuple(sources), what=rule.what)
        else:
            counts = _resolve(figures, base, rule.count)
            for cell in _resolve(figures, base, rule.cell) if len(counts) == 1 else []:
                yield _Concrete("over", cell, tuple(counts), unit=rule.unit, what=rule.what)


def _bind(rule: Sum, key: str) -> Sum:
    def sub(p: Pattern) -> Pattern:
        return tuple(key if k == EACH else k for k in p)
    return Sum(sub(rule.total), tuple(sub(p) for p in rule.parts), rule.rest)


def _concrete_sum(figures: Any, base: Path, rule: Sum) -> Iterator[_Concrete]:
    total = _resolve(figures, base, rule.total)
    parts: list[Path] = []
    for pattern in rule.parts:
        found = _resolve(figures, base, pattern)
        if not found:  # absent, or an empty dict (which already says it holds nothing)
            return
        parts += found
    cells = [*total, *parts]
    if len(total) == 1 and all(is_count(p[-1], _get_path(figures, p)) for p in cells):
        yield _Concrete("sum", total[0], tuple(parts), rule.rest)


_MISSING = object()


def _get(node: Any, pattern: Pattern) -> Any:
    for key in pattern:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return None
    return node


def _get_path(figures: Any, path: Path) -> Any:
    return _get(figures, path)


def _resolve(figures: Any, base: Path, pattern: Pattern) -> list[Path]:
    """The paths of existing values that ``pattern`` (relative to ``base``) names."""
    found: list[Path] = [base]
    for key in pattern:
        nxt: list[Path] = []
        for path in found:
            node = _get(figures, path)
            if key == ANY:
                nxt += [(*path, k) for k, _ in _children(node)]
            elif (isinstance(node, dict) and key in node) or (
                    isinstance(node, list) and key.isdigit() and int(key) < len(node)):
                nxt.append((*path, key))
        found = nxt
    return found


def _set(figures: Any, path: Path, value: Any) -> None:
    node = figures
    for key in path[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(path[-1])] = value
    else:
        node[path[-1]] = value


def unit_of(path: Path) -> Unit:
    """What a count at ``path`` counts (for the reason "fewer than 5 …")."""
    key, parent = path[-1], (path[-2] if len(path) > 1 else "")
    if parent in ("coverage", "coverage_media") or key in ("covered", "covered_media"):
        return Unit.ORGANISATIONS
    if key.startswith("expiring_") or parent.startswith("by_country_"):
        return Unit.PERMITS
    if parent == "counts":
        return _KIND_UNITS.get(key, Unit.RECORDS)
    if path[0] in POPULATIONS and len(path) > 1:
        return Unit.PEOPLE
    return _KEY_UNITS.get(key, Unit.PEOPLE)


_KIND_UNITS = {"person": Unit.PEOPLE, "organisation": Unit.ORGANISATIONS,
               "support": Unit.SUPPORTS, "evaluation": Unit.EVALUATIONS}
_KEY_UNITS = {"recipients": Unit.RECIPIENTS, "providers": Unit.PROVIDERS,
              "supports": Unit.SUPPORTS, "active": Unit.SUPPORTS, "undated": Unit.SUPPORTS,
              "overlaps": Unit.CASES, "subjects": Unit.ACTORS, "disagreements": Unit.ACTORS,
              "evaluations": Unit.EVALUATIONS}


def _derive(figures: Any, rules: list[_Concrete], held: dict[Path, Held]) -> None:
    """Shares, amounts, indices, means: :class:`Over` first, then :class:`Share` (a fixpoint)."""
    for rule in rules:
        if rule.kind == "over" and not is_count(rule.cell[-1], _get_path(figures, rule.cell)):
            n = _get_path(figures, rule.cells[0])
            if is_count(rule.cells[0][-1], n) and n < SMALL_CELL and rule.cell not in held:
                held[rule.cell] = Held(rule.what, Why.FEW, rule.unit)
    shares = [r for r in rules if r.kind == "share"]
    changed = True
    while changed:
        changed = False
        for rule in shares:
            source = next((held[s] for s in rule.cells if s in held), None)
            if source is not None and rule.cell not in held:
                held[rule.cell] = Held(rule.what, source.why, source.unit)
                changed = True


INF = math.inf
Leak = Path | int
"""A count under five that a reader could pin down (its path), or the hidden parts of sum
number ``i`` taken together."""


@dataclass
class _Net:
    """The counts tied by sums, and what a reader knows of each (see the module doc)."""

    values: dict[Path, int]
    sums: list[tuple[Path, tuple[Path, ...]]]
    implicit: set[Path]
    """Never shown: not printed, or the remainder of a sum."""
    primary: set[Path]
    aliases: dict[Path, set[Path]]
    secondary: set[Path] = field(default_factory=set)
    by_cell: dict[Path, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, figures: Any, rules: list[_Concrete], printed: Callable[[Path], bool]) -> _Net:
        values = {p: v for p, v in _counts(figures, ())}
        sums: list[tuple[Path, tuple[Path, ...]]] = []
        aliases: dict[Path, set[Path]] = {}
        rests: set[Path] = set()
        for rule in (r for r in rules if r.kind == "sum"):
            parts = rule.cells
            if rule.rest:
                remainder = values[rule.cell] - sum(values[p] for p in parts)
                if remainder < 0:
                    continue
                rest = (*rule.cell, f"~{len(sums)}")
                values[rest] = remainder
                rests.add(rest)
                parts = (*parts, rest)
            elif len(parts) == 1:
                aliases.setdefault(rule.cell, set()).add(parts[0])
                aliases.setdefault(parts[0], set()).add(rule.cell)
            sums.append((rule.cell, parts))
        implicit = rests | {p for p in values if p not in rests and not printed(p)}
        primary = {p for p, v in values.items() if v < SMALL_CELL and p not in implicit}
        net = cls(values, sums, implicit, primary, aliases)
        for i, (total, parts) in enumerate(sums):
            for cell in (total, *parts):
                net.by_cell.setdefault(cell, []).append(i)
        return net

    def shown(self, p: Path) -> bool:
        return p not in self.implicit and p not in self.primary and p not in self.secondary

    def sensitive(self, p: Path) -> bool:
        return p in self.primary or (p in self.implicit and self.values[p] < SMALL_CELL)

    def domain(self, p: Path) -> tuple[float, float]:
        if self.shown(p):
            return self.values[p], self.values[p]
        if p in self.primary:
            return 0, SMALL_CELL - 1
        return (SMALL_CELL if p in self.secondary else 0), INF

    def settle(self) -> None:
        """Hold back counts until no count under five can be pinned down (module doc, 2)."""
        given_up: set[Leak] = set()
        while True:
            ranges = self.ranges()
            leak = next((leak for i in range(len(self.sums))
                         for leak in self.leaks(i, ranges) if leak not in given_up), None)
            if leak is None:
                return
            cell = self.choose(leak, ranges)
            if cell is None:
                given_up.add(leak)
            else:
                self.hide(cell)

    def ranges(self) -> dict[Path, list[float]]:
        """What a reader can narrow each count to, by propagating bounds through the sums."""
        rng = {p: list(self.domain(p)) for p in self.values}
        for _ in range(10_000):
            if not any([self._narrow(total, parts, rng) for total, parts in self.sums]):
                return rng
        raise RuntimeError("suppression: bounds did not settle")

    @staticmethod
    def _narrow(total: Path, parts: tuple[Path, ...], rng: dict[Path, list[float]]) -> bool:
        changed = False
        lo_sum = sum(rng[p][0] for p in parts)
        unbounded = sum(1 for p in parts if rng[p][1] == INF)
        hi_finite = sum(rng[p][1] for p in parts if rng[p][1] != INF)
        hi_sum = INF if unbounded else hi_finite
        t = rng[total]
        if lo_sum > t[0] or hi_sum < t[1]:
            t[0], t[1] = max(t[0], lo_sum), min(t[1], hi_sum)
            changed = True
        for p in parts:
            r = rng[p]
            own_inf = r[1] == INF
            others_hi = INF if unbounded - own_inf else hi_finite - (0 if own_inf else r[1])
            lo, hi = max(r[0], t[0] - others_hi), min(r[1], t[1] - (lo_sum - r[0]))
            if lo > r[0] or hi < r[1]:
                r[0], r[1] = lo, hi
                changed = True
        return changed

    def leaks(self, i: int, rng: dict[Path, list[float]]) -> list[Leak]:
        """What sum ``i`` lets a reader pin down: a count under five (its path), or the sum of
        its hidden parts while under five (``i``)."""
        total, parts = self.sums[i]
        out: list[Leak] = [c for c in (total, *parts)
                           if self.sensitive(c) and not self.shown(c) and rng[c][0] == rng[c][1]]
        return [*out, i] if self.union_pinned(i, rng) else out

    def union_pinned(self, i: int, rng: dict[Path, list[float]]) -> bool:
        total, parts = self.sums[i]
        hidden = [p for p in parts if not self.shown(p)]
        if len(hidden) < 2 or sum(self.values[p] for p in hidden) >= SMALL_CELL:
            return False
        known = sum(self.values[p] for p in parts if self.shown(p))
        lo = max(sum(rng[p][0] for p in hidden), rng[total][0] - known)
        hi = min(sum(rng[p][1] for p in hidden), rng[total][1] - known)
        return lo == hi

    def pinned(self, leak: Leak, rng: dict[Path, list[float]]) -> bool:
        if isinstance(leak, int):
            return self.union_pinned(leak, rng)
        return rng[leak][0] == rng[leak][1]

    def choose(self, leak: Leak, rng: dict[Path, list[float]]) -> Path | None:
        """The count to hold back next: of the shown counts in the sums behind the leak, the
        first that stops it (parts before totals, smallest first), else the first of them."""
        sums = [leak] if isinstance(leak, int) else self.by_cell[leak]
        pool = self.pool(sums, rng)
        for cell in pool[:_TRIALS]:
            added = self.hide(cell)
            stops = not self.pinned(leak, self.ranges())
            self.secondary -= added
            if stops:
                return cell
        return pool[0] if pool else None

    def pool(self, sums: list[int], rng: dict[Path, list[float]]) -> list[Path]:
        """Shown counts of ``sums`` (parts first, smallest first), else of the sums that pin
        one of their hidden counts, and so on outwards."""
        queue, seen = deque(sums), set()
        while queue:
            found: dict[Path, tuple[bool, int]] = {}
            for _ in range(len(queue)):
                j = queue.popleft()
                if j in seen:
                    continue
                seen.add(j)
                total, parts = self.sums[j]
                for p in parts:
                    if self.shown(p):
                        found[p] = (False, self.values[p])
                if self.shown(total):
                    found.setdefault(total, (True, self.values[total]))
                queue.extend(k for c in (total, *parts) if rng[c][0] == rng[c][1]
                             for k in self.by_cell[c])
            if found:
                return sorted(found, key=lambda p: (*found[p], p))
        return []

    def hide(self, cell: Path) -> set[Path]:
        """Hold back ``cell`` and every count printed as the same number elsewhere."""
        added: set[Path] = set()
        todo = [cell]
        while todo:
            p = todo.pop()
            if self.shown(p):
                self.secondary.add(p)
                added.add(p)
                todo += self.aliases.get(p, ())
        return added


_TRIALS = 12
"""Candidates tried, at most, before holding back the first one anyway."""


def _counts(node: Any, path: Path) -> Iterator[tuple[Path, int]]:
    for key, child in _children(node):
        if is_count(key, child):
            yield (*path, key), child
        else:
            yield from _counts(child, (*path, key))
