"""Plurality figures over three populations of people (DESIGN §1, §8).

* ``people`` — every live person (records decided "same" count once, see ``_db``);
* ``participants`` — live people listed as participants of a live event or programme, or
  recipients of effective support of a programme kind (event participation, fellowship,
  training);
* ``recipients`` — live people who received effective support of any kind.

Nothing is guessed: gender ``undisclosed`` and gender not recorded are counted together as
``undisclosed``; an ethnicity that is blank or says it is undisclosed counts as not declared.
Shares are fractions over the people who declared a value, and None when nobody did:
``women_share = women / (women + men + other)``, ``non_russian_share = non_russian /
ethnicity_declared``. An ethnicity counts as Russian only when it is a form of
"русский / русская / russian" (:func:`is_russian`); any other declared value — including a
mixed one such as "русская, татарка" — counts as non-Russian.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from registry.analytics._db import (
    PROGRAMME_KINDS,
    SAME,
    Connection,
    Groups,
    effective,
    in_list,
    join_same,
    live,
    one,
    share,
)
from registry.domain.enums import Group
from registry.memory import of_records

RUSSIAN_FORMS = frozenset({
    "русский", "русская", "русское", "русские", "русск", "рус", "russian", "russians",
    "russ", "ethnic russian", "этнический русский", "этническая русская",
})
UNDECLARED_FORMS = frozenset({
    "undisclosed", "not disclosed", "unknown", "n/a", "na", "none", "-", "—", "?",
    "не указано", "не указана", "не указан", "неизвестно", "нет",
})
_SPACES = re.compile(r"\s+")
_EDGES = ".,;:!()[]\"'«» \t"


class Population(StrEnum):
    PEOPLE = "people"
    PARTICIPANTS = "participants"
    RECIPIENTS = "recipients"


def _normal(value: str) -> str:
    text = _SPACES.sub(" ", value.casefold().replace("ё", "е"))
    return text.strip(_EDGES)


@of_records
@functools.lru_cache(maxsize=4096)
def is_declared(value: str | None) -> bool:
    """True when an ethnicity value states something (not blank, not "undisclosed")."""
    return value is not None and _normal(value) not in UNDECLARED_FORMS | {""}


@of_records
@functools.lru_cache(maxsize=4096)
def is_russian(value: str) -> bool:
    """True when a declared ethnicity is a form of "русский / русская / russian"."""
    return _normal(value) in RUSSIAN_FORMS


def population_filter(population: Population) -> str:
    """SQL condition on ``p`` (person) selecting the population, one person per "same" group
    (the query starts ``WITH`` :data:`~registry.analytics._db.SAME` and takes
    ``Groups.params()``); always includes liveness. A group is in a population when any of
    its live members is."""
    base = f"{live('p')} AND p.id NOT IN (SELECT id FROM same)"  # noqa: S608
    if population is Population.PEOPLE:
        return base
    recipients = (f"SELECT {one('s.recipient_id', 'g')} FROM support AS s "  # noqa: S608
                  f"{join_same('s.recipient_id', 'g')} WHERE {effective('s')}")
    if population is Population.RECIPIENTS:
        return f"{base} AND p.id IN ({recipients})"
    events = (f"SELECT {one('ep.person_id', 'g')} FROM event_participant AS ep "  # noqa: S608
              f"JOIN event AS e ON e.id = ep.event_id {join_same('ep.person_id', 'g')} "
              f"WHERE {live('e')}")
    programmes = f"{recipients} AND s.kind IN {in_list(PROGRAMME_KINDS)}"
    return f"{base} AND p.id IN ({events} UNION {programmes})"


@dataclass(frozen=True)
class Plurality:
    """Counts and shares for one population."""

    population: str
    total: int = 0
    women: int = 0
    men: int = 0
    other: int = 0
    undisclosed: int = 0
    ethnicity_declared: int = 0
    non_russian: int = 0
    inside_russia: int = 0
    groups: dict[str, int] = field(default_factory=dict)
    with_any_group: int = 0
    regions: dict[str, int] = field(default_factory=dict)
    """People per region of origin (codes with at least one person)."""
    region_unknown: int = 0

    @property
    def gender_declared(self) -> int:
        return self.women + self.men + self.other

    @property
    def women_share(self) -> float | None:
        return share(self.women, self.gender_declared)

    @property
    def non_russian_share(self) -> float | None:
        return share(self.non_russian, self.ethnicity_declared)

    @property
    def ethnicity_undisclosed(self) -> int:
        return self.total - self.ethnicity_declared

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total, "women": self.women, "men": self.men, "other": self.other,
            "undisclosed": self.undisclosed, "gender_declared": self.gender_declared,
            "women_share": self.women_share,
            "ethnicity_declared": self.ethnicity_declared,
            "ethnicity_undisclosed": self.ethnicity_undisclosed,
            "non_russian": self.non_russian, "non_russian_share": self.non_russian_share,
            "inside_russia": self.inside_russia, "groups": dict(self.groups),
            "with_any_group": self.with_any_group, "regions": dict(self.regions),
            "region_unknown": self.region_unknown,
        }


def plurality(conn: Connection, population: Population = Population.PEOPLE,
              groups: Groups | None = None) -> Plurality:
    """Gender, ethnicity, group and inside-Russia figures for ``population``.

    A person decided "same" as others counts once, as their group's representative, inside
    Russia when the group is (``groups``: read when not given; see ``_db``). One grouped
    query — a cube over gender × inside Russia × groups × ethnicity × region — is folded
    here; its rows are bounded by the combinations present (about 10,000 for 100,000 demo
    people), not by the number of people.
    """
    groups = groups if groups is not None else Groups.load(conn)
    rows = conn.execute(
        f"WITH {SAME} SELECT p.gender, coalesce(p.inside_russia, 0) OR p.id IN "  # noqa: S608
        "(SELECT value FROM json_each(:inside)), p.groups, p.ethnicity, p.region, "
        f"count(*) FROM person AS p WHERE {population_filter(population)} "
        "GROUP BY 1, 2, 3, 4, 5", groups.params()).fetchall()
    return _fold(population, rows)


def _fold(population: Population, rows: list[tuple[Any, ...]]) -> Plurality:
    gender = dict.fromkeys(("female", "male", "other"), 0)
    groups = {g.value: 0 for g in Group}
    origin: dict[str | None, int] = {}
    total = inside = declared = non_russian = any_group = 0
    for sex, in_russia, group_list, ethnicity, region, n in rows:
        total += n
        inside += n if in_russia else 0
        origin[region] = origin.get(region, 0) + n
        if sex in gender:
            gender[sex] += n
        if is_declared(ethnicity):
            declared += n
            non_russian += 0 if is_russian(ethnicity) else n
        members = _group_list(group_list)
        any_group += n if members else 0
        for g in members:
            groups[g] = groups.get(g, 0) + n
    unknown = origin.pop(None, 0)
    return Plurality(population.value, total, gender["female"], gender["male"],
                     gender["other"], total - sum(gender.values()), declared, non_russian,
                     inside, groups, any_group, {str(k): v for k, v in sorted(origin.items())},
                     unknown)


@of_records
@functools.lru_cache(maxsize=1024)
def _group_list(text: str | None) -> frozenset[str]:
    """The distinct groups in a stored JSON list (empty for NULL or damaged text)."""
    try:
        items = json.loads(text) if text else []
    except ValueError:
        return frozenset()
    return frozenset(str(i) for i in items) if isinstance(items, list) else frozenset()
