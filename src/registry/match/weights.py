"""Evidence weights: how much each agreement or disagreement of two records moves a pair's
score, in the manner of Fellegi and Sunter.

A pair's score is a probability.  The names' likeness (:mod:`registry.match.names`) gives
its starting log-odds; every piece of evidence then adds its log-likelihood ratio: the log of
how much more often it is seen between two records of one person than between two records of
two people with such a name.  The ratios are set from what records hold (a birth year is
rarely wrong; people move, so another country says little; a household shares its place,
so an agreeing place is weak evidence between relatives, who are the hard cases), and the
frequencies come from the vault itself (:class:`Frequencies`):

* **rare values count more**: agreeing on a country, region, city or birth year that few
  records have adds more than agreeing on Germany or Moscow (up to twice the field's weight,
  down to half of it);
* **rare names count more**: two records bearing a name that only they bear are more likely
  one person than two of the fifty records of Ivan Ivanov; the number of records bearing a
  pair's name adds or takes away up to :data:`NAME_RARE` / :data:`NAME_COMMON`;
* **identifiers**: the same e-mail or phone number is near proof; another one says little
  (people have several);
* **ties**: two persons tied to the same organisation.

Gender is no evidence when it agrees (half of everyone shares it) and strong evidence when it
differs, unless both names are in a gendered form that agrees (``Mironova`` and ``Миронова``
are a woman's names): then the field contradicts the names and is likelier a slip.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["FIELDS", "Frequencies", "Rule", "logistic", "logit", "name_weight", "shift"]

CEILING = 0.97  # a name score of 1 is taken as this, so evidence can still lower it


def logit(p: float) -> float:
    p = min(max(p, 1e-4), CEILING)
    return math.log(p / (1 - p))


def logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def shift(score: float, odds: float) -> float:
    """``score`` moved by ``odds`` log-odds; evidence for a pair never lowers it."""
    moved = logistic(logit(score) + odds)
    return max(moved, score) if odds >= 0 else min(moved, score)


@dataclass(frozen=True)
class Rule:
    """Log-odds a field adds when both records give it: ``agree`` (for a value as common as
    ``typical``; rarer values up to twice, commoner down to half), ``differ`` (negative);
    ``differ_named`` when the names' own gendered form contradicts the field; ``close`` for
    numbers one apart (a birth year worked out from an age is often one year off)."""

    agree: float
    differ: float
    typical: float = 0.0  # share of records with a typical value; 0: no frequency scaling
    differ_named: float | None = None
    close: float | None = None  # numbers one apart (a birth year from an age)


FIELDS: Mapping[str, Rule] = {
    "birth_year": Rule(1.5, -3.5, typical=0.02, close=-0.6),
    "gender": Rule(0.0, -4.0, differ_named=-1.0),
    "country": Rule(0.22, -0.35, typical=0.15),
    "region": Rule(0.22, -1.0, typical=0.1),
    "city": Rule(0.22, -0.15, typical=0.05),
    "founded": Rule(0.7, -2.6, typical=0.03),
    "email": Rule(4.0, -0.4),
    "phone": Rule(4.0, -0.4),
    "signal": Rule(4.0, -0.4),
    "telegram": Rule(4.0, -0.4),
    "website": Rule(3.0, -0.3),
    "review_date": Rule(0.5, -0.5),  # the day an official last reviewed a record
}
SAME_ORGANISATION = 1.0  # two persons tied to one organisation
NAME_TYPICAL = 5  # records bearing one name where a name's weight is neutral
NAME_RARE, NAME_COMMON = 0.5, -1.2  # the most a name's rarity adds, its commonness takes
NAME_SLOPE = 0.4  # log-odds per unit of ln(NAME_TYPICAL / bearers)


def name_weight(bearers: int) -> float:
    """Log-odds for a pair whose name ``bearers`` records bear (both of the pair included)."""
    if bearers <= 0:
        return 0.0
    raw = NAME_SLOPE * math.log(NAME_TYPICAL / max(bearers, 2))
    return min(NAME_RARE, max(NAME_COMMON, raw))


class Frequencies:
    """How common each value of each field is among the records compared."""

    def __init__(self, extras: Iterable[Mapping[str, str]] = ()) -> None:
        self.counts: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
        for extra in extras:
            for f, value in extra.items():
                if value and f in self.counts:
                    self.counts[f][norm(value)] += 1
        self.totals = {f: sum(c.values()) for f, c in self.counts.items()}

    def scale(self, field: str, value: str) -> float:
        """How much an agreement on ``value`` counts against a typical one: 0.5 to 2."""
        rule = FIELDS[field]
        total = self.totals.get(field, 0)
        if not rule.typical or total < 50:  # too few records to say what is rare
            return 1.0
        share = max(self.counts[field][norm(value)], 1) / total
        return min(2.0, max(0.5, math.log(share) / math.log(rule.typical)))


def norm(value: object) -> str:
    return str(value).strip().casefold()
