"""``registry duplicates`` through the real CLI (DESIGN §9 contract)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli, fast_vault


def _add(cli: Cli, vault: Path, name: str) -> str:
    res = cli(vault, "add", "person", "--name", name, "--json")
    assert res.code == 0, res.err
    return str(json.loads(res.out)["id"])


def test_duplicates_are_proposed_then_decided(cli: Cli, tmp_path: Path) -> None:
    vault = fast_vault(tmp_path / "vault", name="T", org="O")
    a = _add(cli, vault, "Навальная Юлия")
    b = _add(cli, vault, "NAWALNAJA Julija")
    _add(cli, vault, "Алексей Навальный")

    res = cli(vault, "duplicates", "--json")
    assert res.code == 0, res.err
    pairs = json.loads(res.out)
    assert [(p["a"], p["b"]) for p in pairs] == [tuple(sorted((a, b)))]
    assert 0.85 <= pairs[0]["score"] <= 1

    assert cli(vault, "duplicates", "--min-score", "1.5").code == 2
    res = cli(vault, "duplicates", "decide", a, b, "same")
    assert res.code == 0, res.err

    res = cli(vault, "duplicates", "--json")
    assert json.loads(res.out) == []
    shown = json.loads(cli(vault, "show", b, "--json").out)
    assert shown["fields"]["merged_into"] == a
