"""Regional coverage, district totals, blind spots and the tile grid."""

from __future__ import annotations

import json

from registry.analytics import coverage as cov
from registry.domain import regions
from registry.paths import resource
from tests.analytics.conftest import Build


def test_grid_places_every_code_once() -> None:
    grid = cov.grid()
    assert set(grid) == set(regions.ALL_CODES)
    assert len(grid) == 85
    assert len(set(grid.values())) == 85
    doc = json.loads(resource("data", "region_grid.json").read_text(encoding="utf-8"))
    assert all(0 <= r < doc["rows"] and 0 <= c < doc["cols"] for r, c in grid.values())


def test_grid_is_roughly_geographic() -> None:
    grid = cov.grid()
    # west to east, north to south
    assert grid["RU-KGD"][1] < grid["RU-MOW"][1] < grid["RU-SVE"][1] < grid["RU-NVS"][1] \
        < grid["RU-IRK"][1] < grid["RU-PRI"][1]
    assert grid["RU-MUR"][0] < grid["RU-MOW"][0] < grid["RU-KDA"][0] < grid["RU-DA"][0] + 1
    assert grid["UA-43"][1] < grid["RU-KDA"][1]


def test_empty_vault_every_region_is_a_silent_blind_spot(build: Build) -> None:
    c = cov.coverage(build.conn)
    assert c.covered == []
    assert c.blind_spots == list(regions.ALL_CODES)
    assert c.silent == list(regions.ALL_CODES)
    assert c.unknown_origin == 0
    assert c.districts()["central"] == {"origin": 0, "covered": 0, "covered_media": 0,
                                        "regions": 18, "regions_covered": 0}


def test_origin_coverage_and_districts_by_hand(build: Build) -> None:
    build.people(2, region="RU-TA")
    build.person("x", region="RU-MOW")
    build.person("y", region="UA-43")
    build.person("no region")
    build.org("media", type="media", regions_covered=["RU-TA", "RU-BA"])
    build.org("ngo", type="ngo", regions_covered=["RU-TA"])
    build.org("donor", type="donor", regions_covered=["RU-SA"])  # donors cover nothing
    gone = build.org("deleted", type="media", regions_covered=["RU-CE"])
    build.reg.delete(gone)
    c = cov.coverage(build.conn)
    by = {r.code: r for r in c.regions}
    assert (by["RU-TA"].origin, by["RU-TA"].covered, by["RU-TA"].covered_media) == (2, 2, 1)
    assert (by["RU-BA"].origin, by["RU-BA"].covered, by["RU-BA"].covered_media) == (0, 1, 1)
    assert (by["RU-MOW"].origin, by["RU-MOW"].covered) == (1, 0)
    assert by["UA-43"].district == "occupied_ukraine"
    assert c.unknown_origin == 1
    assert c.covered == ["RU-BA", "RU-TA"]  # in ALL_CODES order: volga lists BA before TA
    assert set(c.covered) | set(c.blind_spots) == set(regions.ALL_CODES)
    assert "RU-SA" in c.blind_spots
    assert "RU-CE" in c.blind_spots
    assert "RU-MOW" in c.blind_spots and "RU-MOW" not in c.silent
    assert "UA-43" not in c.silent
    volga = c.districts()["volga"]
    assert volga == {"origin": 2, "covered": 3, "covered_media": 2, "regions": 14,
                     "regions_covered": 2}
    assert c.districts()["occupied_ukraine"]["origin"] == 1


def test_to_json_has_the_map_data(build: Build) -> None:
    build.person("x", region="RU-SPE")
    data = cov.coverage(build.conn).to_json()
    assert data["origin"]["RU-SPE"] == 1
    assert len(data["origin"]) == len(data["coverage"]) == 85
    assert set(data["districts"]) == set(regions.DISTRICTS)
