"""Regional coverage over the 85 codes of DESIGN §4.1 (83 federal subjects, UA-43, UA-40).

Per code: ``origin`` — live people whose region of origin it is; ``covered`` — live
organisations (other than donors and government bodies) that list it among the regions they
cover; ``covered_media`` — those of type media. A region is *covered* when at least one such
organisation covers it; every other code is a *blind spot*, so ``covered`` and
``blind_spots`` always partition the 85 codes. ``silent`` lists the blind spots from which
no recorded actor originates either: regions with no voice at all in the registry.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

from registry.analytics._db import SAME, Connection, Groups, join_same, live, one
from registry.analytics.plurality import Plurality, Population, plurality
from registry.domain import regions
from registry.paths import resource

NON_COVERING_TYPES = ("donor", "government")


@functools.cache
def grid() -> dict[str, tuple[int, int]]:
    """Tile position (row, col) of every code, from ``resources/data/region_grid.json``."""
    doc = json.loads(resource("data", "region_grid.json").read_text(encoding="utf-8"))
    return {t["code"]: (int(t["row"]), int(t["col"])) for t in doc["tiles"]}


@dataclass(frozen=True)
class RegionFigures:
    code: str
    district: str
    origin: int
    covered: int
    covered_media: int
    row: int
    col: int

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "district": self.district, "origin": self.origin,
                "covered": self.covered, "covered_media": self.covered_media,
                "row": self.row, "col": self.col}


@dataclass(frozen=True)
class Coverage:
    regions: list[RegionFigures] = field(default_factory=list)
    unknown_origin: int = 0
    """Live people with no region of origin recorded."""

    @property
    def covered(self) -> list[str]:
        return [r.code for r in self.regions if r.covered > 0]

    @property
    def blind_spots(self) -> list[str]:
        return [r.code for r in self.regions if r.covered == 0]

    @property
    def silent(self) -> list[str]:
        return [r.code for r in self.regions if r.covered == 0 and r.origin == 0]

    def districts(self) -> dict[str, dict[str, int]]:
        """Totals per federal district (and ``occupied_ukraine``)."""
        out: dict[str, dict[str, int]] = {}
        for r in self.regions:
            d = out.setdefault(r.district, {"origin": 0, "covered": 0, "covered_media": 0,
                                            "regions": 0, "regions_covered": 0})
            d["origin"] += r.origin
            d["covered"] += r.covered
            d["covered_media"] += r.covered_media
            d["regions"] += 1
            d["regions_covered"] += r.covered > 0
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "covered": self.covered, "blind_spots": self.blind_spots, "silent": self.silent,
            "unknown_origin": self.unknown_origin,
            "origin": {r.code: r.origin for r in self.regions},
            "coverage": {r.code: r.covered for r in self.regions},
            "coverage_media": {r.code: r.covered_media for r in self.regions},
            "districts": self.districts(),
        }


def coverage(conn: Connection, people: Plurality | None = None,
             groups: Groups | None = None) -> Coverage:
    """Origin and coverage counts for every code, in the order of ``regions.ALL_CODES``.

    ``people`` — the figures of all people, when already computed — gives the origins.
    Organisations decided "same" count once: a region any of them covers is covered by
    their group (``groups``: read when not given).
    """
    groups = groups if groups is not None else Groups.load(conn)
    people = people or plurality(conn, Population.PEOPLE, groups)
    covered, media = _covered(conn, groups)
    tiles = grid()
    rows = [RegionFigures(code, regions.DISTRICT_OF[code], people.regions.get(code, 0),
                          covered.get(code, 0), media.get(code, 0), *tiles[code])
            for code in regions.ALL_CODES]
    return Coverage(rows, people.region_unknown)


def _covered(conn: Connection, groups: Groups) -> tuple[dict[str, int], dict[str, int]]:
    """Organisations covering each code (a "same" group once): all covering types, and
    media only."""
    org = one("o.id", "g")
    rows = conn.execute(
        f"WITH {SAME} SELECT r.value, count(DISTINCT {org}), count(DISTINCT CASE WHEN "  # noqa: S608
        f"o.type = 'media' THEN {org} END) FROM organisation AS o {join_same('o.id', 'g')} "
        f"JOIN json_each(o.regions_covered) AS r WHERE {live('o')} AND o.regions_covered IS "
        "NOT NULL AND coalesce(o.type, '') NOT IN ('donor', 'government') GROUP BY r.value",
        groups.params()).fetchall()
    return ({str(c): int(n) for c, n, _ in rows}, {str(c): int(m) for c, _, m in rows})
