"""A 50,000-row file imported twice; the command line (few runs: each unlock costs Argon2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from registry.interop.importer import SpreadsheetImport
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli, hash_tree
from tests.interop.bigfile import write_people_csv
from tests.interop.conftest import write_csv
from tests.passphrase import PASSPHRASE


@pytest.mark.slow
@pytest.mark.no_cover  # scale: the small import tests trace these lines
def test_fifty_thousand_rows_import_twice(reg: Registry, tmp_path: Path) -> None:
    path = write_people_csv(tmp_path / "big.csv", 50_000)
    first = SpreadsheetImport(reg, path).run()
    assert first.count("rejected") == 0
    # every row has its own e-mail and phone: look-alike names (Алёна / Алина) are kept apart
    assert first.count("merged") == 0 and first.count("review") > 0
    assert first.count("new") + first.count("review") == 50_000
    assert reg.store.counts()["person"] == 50_000
    digest = reg.digest()
    second = SpreadsheetImport(reg, path).run()
    assert second.count("unchanged") == 50_000
    assert reg.digest() == digest


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    Registry.create(root, PASSPHRASE, name="T", org="O", country="SE",
                    kdf=FAST_TEST_PARAMS).lock()
    return root


def test_cli_import_dry_run_then_import_and_exports(cli: Cli, vault: Path,
                                                    tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["ФИО", "Пол", "Страна"], ["Анна", "ж", "Германия"],
                                           ["Олег", "?", "LV"], ["Пётр", "м", "DE"]],
                     encoding="cp1251", delimiter=";")
    before = hash_tree(vault)
    dry = cli(vault, "import", str(path), "--dry-run", "--json")
    assert dry.code == 0, dry.err
    report = json.loads(dry.out)
    assert report["counts"]["new"] == 2 and report["written"] is False
    assert report["rejected"] == [{"line": 3, "action": "rejected",
                                   "reason": "gender: must be one of: female, male, other, "
                                             "undisclosed"}]
    assert hash_tree(vault) == before
    done = cli(vault, "import", str(path))
    assert done.code == 0 and "2 new" in done.out and "line 3: rejected" in done.out
    ftm_out, csv_out = tmp_path / "o.ftm", tmp_path / "o.csv"
    res = cli(vault, "export-ftm", str(ftm_out), "--json")
    assert res.code == 0 and json.loads(res.out)["schemata"] == {"Person": 2}
    res = cli(vault, "export-csv", str(csv_out), "--kind", "person", "--max-sensitivity",
              "protected")
    assert res.code == 0 and "Анна" in csv_out.read_text(encoding="utf-8-sig")


def test_cli_malformed_file_changes_nothing(cli: Cli, vault: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b'name,notes\n"A","unclosed\n')
    before = hash_tree(vault)
    res = cli(vault, "import", str(path))
    assert res.code == 1 and "malformed" in res.err
    assert hash_tree(vault) == before


@pytest.mark.parametrize("command", [["export-ftm"], ["export-csv", "--kind", "person"]])
def test_including_protected_people_in_a_file_needs_its_confirmation(
        cli: Cli, vault: Path, tmp_path: Path, command: list[str]) -> None:
    """``--include-protected`` writes people at risk by name: without
    ``--yes-include-protected`` it is refused (exit 2) and nothing is written, as a bundle's
    ``--protected include`` is (DESIGN §6.4.5); with it, she is in the file."""
    assert cli(vault, "add", "person", "--name", "Ольга Тайная", "--inside-russia").code == 0
    out = tmp_path / "out"
    verb, rest = command[0], command[1:]
    refused = cli(vault, verb, str(out), *rest, "--include-protected")
    assert refused.code == 2 and "--yes-include-protected" in refused.err
    assert not out.exists()
    assert cli(vault, verb, str(out), *rest).code == 0  # the default leaves her out
    assert "Ольга" not in out.read_text(encoding="utf-8-sig")
    done = cli(vault, verb, str(out), *rest, "--include-protected", "--yes-include-protected")
    assert done.code == 0 and "Ольга" in out.read_text(encoding="utf-8-sig")
