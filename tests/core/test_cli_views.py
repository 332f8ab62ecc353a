"""``registry list``, the readable ``stats`` and what ``add KIND --help`` says, through the real
command line (DESIGN §9)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from registry.domain.enums import Gender, SupportKind, TieKind
from tests.conftest import Cli, fast_vault
from tests.passphrase import PASSPHRASE

pytestmark = pytest.mark.slow


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return fast_vault(tmp_path / "v")


def _add(cli: Cli, vault: Path, *args: str) -> str:
    res = cli(vault, "add", *args, "--json")
    assert res.code == 0, res.err
    return str(json.loads(res.out)["id"])


def test_list_gives_a_kinds_records_in_the_lists_order(cli: Cli, vault: Path) -> None:
    names = ["Вера Носова", "Анна Петрова", "Борис Лебедев"]
    ids = {n: _add(cli, vault, "person", "--name", n, "--country", "DE") for n in names}
    org = _add(cli, vault, "organisation", "--name", "Фонд «Свет»")
    _add(cli, vault, "tie", "--from", ids["Анна Петрова"], "--to", org, "--kind", "member_of")
    res = cli(vault, "list", "person", "--json")
    assert res.code == 0, res.err
    listed = json.loads(res.out)
    assert [p["name"] for p in listed] == sorted(names)  # people by name
    assert [p["id"] for p in listed] == [ids[n] for n in sorted(names)]
    assert {p["country"] for p in listed} == {"DE"}
    assert len(json.loads(cli(vault, "list", "person", "--limit", "2", "--json").out)) == 2
    [tie] = json.loads(cli(vault, "list", "tie", "--json").out)
    assert (tie["from"], tie["to"], tie["kind"]) == ("Анна Петрова", "Фонд «Свет»", "member_of")
    text = cli(vault, "list", "person").out.splitlines()
    assert text[0].split()[:2] == ["id", "Name"] and len(text) == 4
    assert ids["Анна Петрова"] in text[1] and "Анна Петрова" in text[1]
    assert cli(vault, "list", "event").out.strip() == "no event records"


def test_list_refuses_an_unknown_kind_or_limit(cli: Cli, vault: Path) -> None:
    for args in (["list", "decision"], ["list", "people"], ["list", "person", "--limit", "-1"]):
        res = cli(vault, *args)
        assert res.code == 2, (args, res.err)
        assert "Traceback" not in res.err


def test_stats_reads_as_a_report_and_json_keeps_every_figure(cli: Cli, vault: Path) -> None:
    _add(cli, vault, "person", "--name", "Анна Петрова", "--gender", "female")
    _add(cli, vault, "person", "--name", "Борис Лебедев", "--gender", "male",
         "--inside-russia")
    text = cli(vault, "stats").out
    assert text.startswith("Figures as of ")
    assert "women 1, men 1, other 0, undisclosed 0 of 2; women's share 50 %" in text
    assert "inside Russia 1" in text and "registry stats --json" in text
    assert not text.lstrip().startswith("{")
    data = json.loads(cli(vault, "stats", "--json").out)
    assert data["people"]["women"] == 1 and data["counts"]["person"] == 2


@pytest.mark.parametrize(("kind", "flag", "values"), [
    ("person", "--gender", [g.value for g in Gender]),
    ("tie", "--kind", [k.value for k in TieKind]),
    ("support", "--kind", [k.value for k in SupportKind]),
    ("person", "--sensitivity", ["public", "internal", "confidential", "protected"]),
])
def test_add_help_lists_every_accepted_value(cli: Cli, vault: Path, kind: str, flag: str,
                                             values: list[str]) -> None:
    res = cli(vault, "add", kind, "--help")
    assert res.code == 0, res.err
    help_text = " ".join(res.out.split("options:", 1)[1].split())  # argparse wraps lines
    at = help_text.index(f"{flag} ")
    following = help_text[at:at + 600]
    for value in values:
        assert value in following, (flag, value)


def test_add_help_names_the_form_of_each_value(cli: Cli, vault: Path) -> None:
    help_text = " ".join(cli(vault, "add", "support", "--help").out.split())
    assert "--start DATE Start — a date, YYYY-MM-DD" in help_text
    assert "--currency CUR Currency — a currency code, ISO 4217" in help_text
    assert "--provider ID Provider — a record id" in help_text
    person = " ".join(cli(vault, "add", "person", "--help").out.split())
    assert "--role ROLE Roles — one of:" in person and "repeat for each value" in person
    assert "--country CC Country of residence — a country code" in person


def test_a_closed_pipe_ends_quietly(cli: Cli, vault: Path) -> None:
    """``registry list person | head``: the reader goes away before the output is written."""
    _add(cli, vault, "person", "--name", "Анна Петрова")
    for args in (["list", "person"], ["add", "person", "--help"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "registry", "--vault", str(vault), *args],
            env=cli.env(PASSPHRASE), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # before the program writes anything
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert proc.wait(timeout=120) in (0, 1), err
        assert "Traceback" not in err and "unexpectedly" not in err and "Broken" not in err
