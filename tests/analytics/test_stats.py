"""``analytics.stats``, ``Registry.stats`` and ``registry stats --json`` (DESIGN §8 keys)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from registry import analytics
from registry.domain import regions
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.analytics.conftest import TODAY, Build
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

REQUIRED = {
    "people": {"total", "women", "men", "other", "undisclosed", "women_share",
               "non_russian_share", "inside_russia"},
    "regions": {"covered", "blind_spots"},
    "support": {"overlaps", "top10_share", "hhi"},
    "permits": {"expiring_30", "expiring_90", "expiring_180"},
}


def _has_required(data: dict[str, object]) -> None:
    for key, fields in REQUIRED.items():
        section = data[key]
        assert isinstance(section, dict)
        assert fields <= set(section), key


def test_empty_vault(build: Build) -> None:
    data = analytics.stats(build.conn, TODAY)
    _has_required(data)
    p = data["people"]
    assert (p["total"], p["women"], p["women_share"], p["non_russian_share"]) == \
        (0, 0, None, None)
    assert data["regions"]["covered"] == []
    assert data["regions"]["blind_spots"] == list(regions.ALL_CODES)
    s = data["support"]
    assert (s["overlaps"], s["top10_share"], s["hhi"]) == ([], None, None)
    assert (data["permits"]["expiring_30"], data["permits"]["expiring_180"]) == (0, 0)
    assert data["evaluations"]["subjects"] == 0
    json.dumps(data)


def _fill(build: Build) -> dict[str, str]:
    gov = build.donor("gov", type="government", country="DE")
    fund = build.donor("fund", country="SE")
    w1 = build.person("w1", gender="female", ethnicity="татарка", region="RU-TA")
    w2 = build.person("w2", gender="female", ethnicity="русская")
    m1 = build.person("m1", gender="male", inside_russia=True)
    build.person("u1", gender="undisclosed")
    media = build.org("media", type="media", founded=2023, regions_covered=["RU-TA", "RU-BA"])
    build.support(gov, w1, "grant", start="2025-01-01", end="2025-06-01", amount=300,
                  currency="EUR")
    build.support(fund, w1, "grant", start="2025-06-01", end="2025-12-31", amount=100,
                  currency="EUR")
    build.support(fund, media, "grant", start="2024-01-01", amount=600, currency="EUR")
    build.support(gov, w2, "residence_permit", end=(TODAY + dt.timedelta(days=20)).isoformat())
    build.support(gov, m1, "work_permit", end=(TODAY + dt.timedelta(days=100)).isoformat())
    return {"gov": gov, "fund": fund, "w1": w1, "media": media}


def test_figures_by_hand(build: Build) -> None:
    ids = _fill(build)
    data = analytics.stats(build.conn, TODAY)
    p = data["people"]
    assert {k: p[k] for k in REQUIRED["people"]} == {
        "total": 4, "women": 2, "men": 1, "other": 0, "undisclosed": 1,
        "women_share": pytest.approx(2 / 3), "non_russian_share": pytest.approx(1 / 2),
        "inside_russia": 1}
    assert data["regions"]["covered"] == ["RU-BA", "RU-TA"]
    assert len(data["regions"]["blind_spots"]) == 83
    s = data["support"]
    assert s["overlaps"] == [{"recipient": ids["w1"], "kind": "grant",
                              "providers": sorted([ids["gov"], ids["fund"]]),
                              "start": "2025-06-01", "end": "2025-06-01"}]
    # EUR to recipients: media 600, w1 400 of 1000
    assert s["top10_share"] == pytest.approx(1.0)
    assert s["hhi"] == pytest.approx(0.6**2 + 0.4**2)
    assert s["by_currency"]["EUR"]["founded"]["since_2022"] == 600
    perm = data["permits"]
    assert (perm["expiring_30"], perm["expiring_90"], perm["expiring_180"]) == (1, 1, 2)
    assert perm["by_country_180"] == {"DE": 2}
    assert data["recipients"]["total"] == 3  # w1, w2, m1 (media is an organisation)
    assert data["counts"]["person"] == 4


def test_targets_are_read_from_the_vault(build: Build) -> None:
    build.people(3, gender="female")
    build.people(2, gender="male")
    with build.reg.store.write():
        build.reg.store.meta_set(analytics.META_KEY, analytics.Targets(women=0.6).dumps())
    data = build.reg.stats(TODAY)
    assert data["targets"]["women"] == 0.6
    assert data["people"]["women_ok"] is True  # 0.6 exactly
    assert analytics.stats(build.conn, TODAY)["people"]["women_ok"] is False  # 0.5 ± 0.05


def test_damaged_targets_fall_back_to_defaults(build: Build) -> None:
    with build.reg.store.write():
        build.reg.store.meta_set(analytics.META_KEY, '{"women": 7}')
    assert analytics.Targets.load(build.conn) == analytics.Targets()


def test_targets_validate() -> None:
    with pytest.raises(ValueError, match="women"):
        analytics.Targets(women=1.5)
    with pytest.raises(ValueError, match="disagreement_spread"):
        analytics.Targets.from_json({"disagreement_spread": 0})
    assert analytics.Targets.from_json({"women": 0.4, "unknown": 1}).women == 0.4


def test_cli_stats_json(tmp_path: Path, cli: Cli) -> None:
    vault = tmp_path / "v"
    reg = Registry.create(vault, PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    try:
        _fill(Build(reg))
    finally:
        reg.lock()
    result = cli(vault, "stats", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    _has_required(data)
    assert data["people"]["total"] == 4
    assert len(data["support"]["overlaps"]) == 1
    assert data["counts"]["support"] == 5
