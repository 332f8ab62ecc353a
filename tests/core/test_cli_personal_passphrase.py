"""``registry init`` refuses a passphrase made of the official's own name, organisation and
country, with the reason, and writes nothing; a passphrase of other words is accepted."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli

OFFICIAL = ("--name", "Anna Berg", "--org", "Ministry of Foreign Affairs", "--country", "SE")


def test_init_refuses_the_officials_own_words(tmp_path: Path, cli: Cli) -> None:
    vault = tmp_path / "vault"
    result = cli(vault, "init", *OFFICIAL, passphrase="Anna Berg Ministry of Foreign Affairs")
    assert result.code == 1
    assert "made mostly of your name, organisation or country" in result.err
    assert not (vault / "vault.key").exists()


def test_init_accepts_other_words_beside_the_name(tmp_path: Path, cli: Cli) -> None:
    result = cli(tmp_path / "vault", "init", *OFFICIAL,
                 passphrase="Anna plum kettle orbit lantern")
    assert result.code == 0, result.err
