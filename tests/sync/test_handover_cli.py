"""Handing a post over through the real ``registry`` command line (issue 15):
``handover statement --successor FP -o FILE`` and ``handover accept FILE [--dry-run]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from registry.service import Registry
from registry.sync.handover import make_statement
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli, CliResult, hash_tree
from tests.passphrase import PASSPHRASE

pytestmark = pytest.mark.slow


def ok(res: CliResult) -> str:
    assert res.code == 0, f"exit {res.code}: {res.err}"
    return res.out


def js(res: CliResult) -> Any:
    return json.loads(ok(res))


def test_a_post_handed_over_from_a_to_b(cli: Cli, tmp_path: Path) -> None:
    names = {"A": "Anna Andersson", "B": "Bertil Berg", "C": "Clara Carlsson"}
    regs = {n: Registry.create(tmp_path / n, PASSPHRASE, name=names[n], org=f"Ministry {n}",
                               country="SE", kdf=FAST_TEST_PARAMS) for n in names}
    mallory = Registry.create(tmp_path / "M", PASSPHRASE, name="Mallory", org="Elsewhere",
                              country="SE", kdf=FAST_TEST_PARAMS)
    cards = {n: r.sharing.card() for n, r in regs.items()}
    forged = make_statement(mallory.official_keys, cards["A"], mallory.sharing.card(),
                            "2026-12-01T09:00:00+00:00")
    for r in (*regs.values(), mallory):
        r.lock()
    vault = {n: tmp_path / n for n in names}
    fp = {n: js(cli(v, "identity", "show", "--json"))["fingerprint"] for n, v in vault.items()}
    for n in names:
        ok(cli(vault[n], "identity", "export-card", str(tmp_path / f"{n}.card")))
    ok(cli(vault["A"], "trust", "add", str(tmp_path / "B.card"), "--verified",
           "--method", "in_person"))
    ok(cli(vault["A"], "trust", "add", str(tmp_path / "C.card"), "--verified"))
    for n in "BC":
        ok(cli(vault[n], "trust", "add", str(tmp_path / "A.card"), "--verified"))
    ok(cli(vault["B"], "trust", "add", str(tmp_path / "C.card"), "--verified"))
    ok(cli(vault["A"], "add", "person", "--name", "Анна Смирнова"))
    ok(cli(vault["A"], "bundle", "export", "-o", str(tmp_path / "before.rbundle"),
           "--to", fp["C"]))

    # A gives B everything, then signs the statement
    ok(cli(vault["A"], "bundle", "export", "-o", str(tmp_path / "handover.rbundle"),
           "--to", fp["B"], "--max-sensitivity", "protected", "--protected", "include",
           "--yes-include-protected"))
    ok(cli(vault["B"], "bundle", "import", str(tmp_path / "handover.rbundle")))
    assert js(cli(vault["B"], "digest", "--json")) == js(cli(vault["A"], "digest", "--json"))
    statement = tmp_path / "succession.json"
    made = js(cli(vault["A"], "handover", "statement", "--successor", fp["B"],
                  "-o", str(statement), "--json"))
    assert made["successor"] == fp["B"]
    refused = cli(vault["A"], "bundle", "export", "-o", str(tmp_path / "late.rbundle"),
                  "--to", fp["C"])
    assert refused.code == 4 and "successor only" in refused.err
    assert not (tmp_path / "late.rbundle").exists()

    # C: a forged statement (signed by Mallory, naming Mallory) changes nothing, exit 4
    (tmp_path / "forged.json").write_bytes(forged)
    before = hash_tree(vault["C"])
    res = cli(vault["C"], "handover", "accept", str(tmp_path / "forged.json"))
    assert res.code == 4 and "forged or altered" in res.err
    dry = ok(cli(vault["C"], "handover", "accept", str(statement), "--dry-run"))
    assert "Anna Andersson (Ministry A, SE) hands over to Bertil Berg" in dry
    assert hash_tree(vault["C"]) == before

    text = ok(cli(vault["C"], "handover", "accept", str(statement)))
    assert "hands over to Bertil Berg" in text and "signed by Anna Andersson's verified key" in text
    assert "verified by succession" in text and "retired" in text
    trust = {o["fingerprint"]: o for o in js(cli(vault["C"], "trust", "list", "--json"))}
    assert trust[fp["A"]]["trust"] == "revoked"
    assert (trust[fp["B"]]["trust"], trust[fp["B"]]["verified_method"]) == ("verified",
                                                                            "succession")
    # what A signed is refused from now on; C sends to B
    res = cli(vault["C"], "bundle", "import", str(tmp_path / "before.rbundle"))
    assert res.code == 4 and "revoked" in res.err
    ok(cli(vault["C"], "add", "person", "--name", "Вера Кузнецова"))
    ok(cli(vault["C"], "bundle", "export", "-o", str(tmp_path / "c.rbundle"), "--to", fp["B"]))
    [report] = js(cli(vault["B"], "bundle", "import", str(tmp_path / "c.rbundle"), "--json"))
    assert report["counts"]["new"] >= 1

    # B, the successor: the handover bundle came before the statement, so it handed B
    # nothing of who holds what, and the preview says so; one written after it does
    dry = ok(cli(vault["B"], "handover", "accept", str(statement), "--dry-run"))
    assert "No bundle Anna Andersson wrote for you after signing this statement" in dry
    ok(cli(vault["A"], "bundle", "export", "-o", str(tmp_path / "after.rbundle"),
           "--to", fp["B"]))
    text = ok(cli(vault["B"], "bundle", "import", str(tmp_path / "after.rbundle")))
    assert "as Anna Andersson's successor, who holds what they shared (1 holding(s))" in text
    dry = js(cli(vault["B"], "handover", "accept", str(statement), "--dry-run", "--json"))
    assert dry["holdings_inherited"] is True
    # B accepts too (after the handover bundle): A's key is retired there
    ok(cli(vault["A"], "bundle", "export", "-o", str(tmp_path / "late-to-b.rbundle"),
           "--to", fp["B"]))
    assert "This vault is the successor named" in ok(
        cli(vault["B"], "handover", "accept", str(statement)))
    res = cli(vault["B"], "bundle", "import", str(tmp_path / "late-to-b.rbundle"))
    assert res.code == 4 and "revoked" in res.err


def test_a_statement_whose_successor_handed_the_post_on(cli: Cli, tmp_path: Path) -> None:
    """Clara's vault accepts Bertil's handover to Dmitri, then Anna's to Bertil: the second
    says Bertil handed the post on to Dmitri and keeps his key retired."""
    names = ("Anna", "Bertil", "Clara", "Dmitri")
    a, b, c, d = (Registry.create(tmp_path / n, PASSPHRASE, name=n, org=f"Ministry {n}",
                                  country="SE", kdf=FAST_TEST_PARAMS) for n in names)
    for x, y in ((a, b), (b, d), (c, a), (c, b), (b, a), (d, b)):
        x.sharing.add_card(y.sharing.card(), verified_method="in_person")
    a.sharing.handover_statement(b.identity.fingerprint, tmp_path / "anna.json")
    b.sharing.handover_statement(d.identity.fingerprint, tmp_path / "bertil.json")
    fp = {r.identity.name: r.identity.fingerprint for r in (a, b, c, d)}
    for r in (a, b, c, d):
        r.lock()
    ok(cli(tmp_path / "Clara", "handover", "accept", str(tmp_path / "bertil.json")))
    out = ok(cli(tmp_path / "Clara", "handover", "accept", str(tmp_path / "anna.json")))
    assert "Bertil has handed the post on already, to Dmitri" in out
    assert "now trusted" not in out
    shown = js(cli(tmp_path / "Clara", "trust", "list", "--json"))
    trust = {o["fingerprint"]: o["trust"] for o in shown}
    assert trust[fp["Anna"]] == trust[fp["Bertil"]] == "revoked"
    assert trust[fp["Dmitri"]] == "verified"
