"""A custodian leaves the recovery set through the real command line (issue 15): ``trust
revoke`` (and ``--revert-since``) re-issues the set with a new data key and prints new paper
words; the seized share with an old one recovers nothing, the remaining custodians' new
shares do; ``handover accept --move-custodianship`` gives the successor the place."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from registry.service import Registry
from tests.conftest import Cli, CliResult
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, make_vault

NEW = "a brand new passphrase for the recovered vault"


class Run:
    def __init__(self, cli: Cli) -> None:
        self.cli = cli

    def __call__(self, vault: Path, *args: str, code: int = 0,
                 passphrase: str | None = PASSPHRASE) -> CliResult:
        result = self.cli(vault, *args, passphrase=passphrase)
        assert result.code == code, (args, result.code, result.out, result.err)
        return result

    def json(self, vault: Path, *args: str, passphrase: str | None = PASSPHRASE) -> object:
        return json.loads(self(vault, *args, "--json", passphrase=passphrase).out)


def _setup(run: Run, roots: dict[str, Path], fps: dict[str, str], out: Path,
           names: str, paper: int) -> dict[str, object]:
    args = [a for n in names for a in ("--custodian", fps[n])]
    issued = run.json(roots["O"], "recovery", "setup", *args, "--paper", str(paper),
                      "--threshold", "2", "-o", str(out))
    assert isinstance(issued, dict)
    for n, f in zip(names, issued["files"], strict=True):
        run(roots[n], "recovery", "receive", f)
    return issued


def _respond(run: Run, roots: dict[str, Path], name: str, request: Path, number: str,
             out: Path) -> Path:
    run(roots[name], "recovery", "respond", str(request), "-o", str(out),
        "--confirm-safety-number", number)
    return out


@pytest.mark.slow
def test_revoking_a_custodian_on_the_command_line(
        four: dict[str, Registry], cli: Cli, tmp_path: Path,
        tree_hash: Callable[[Path], dict[str, str]]) -> None:
    run = Run(cli)
    roots = {n: v.paths.root for n, v in four.items()}
    fps = {n: v.identity.fingerprint for n, v in four.items()}
    for v in four.values():
        v.lock()
    (tmp_path / "g1").mkdir()
    first = _setup(run, roots, fps, tmp_path / "g1", "ABC", 1)
    digest = run.json(roots["O"], "digest")

    revoked = run.json(roots["O"], "trust", "revoke", fps["C"])
    assert isinstance(revoked, dict) and revoked["trust"] == "revoked"
    r = revoked["recovery"]
    assert r["data_key_rotated"] and r["reissued"] and r["custodian"] == fps["C"]
    assert (r["old_generation"], r["generation"], r["threshold"], r["shares"]) == (1, 2, 2, 3)
    assert r["custodians"] == [fps["A"], fps["B"]] and r["paper"] == 1
    assert len(r["paper_shares"]) == 1 and r["paper_shares"] != first["paper_shares"]
    status = run.json(roots["O"], "recovery", "status")
    assert [c["custodian"] for c in status["issued"]["custodians"]] == [
        fps["A"], fps["B"], "paper"]
    assert all(c["attention"] is None for c in status["issued"]["custodians"])

    (tmp_path / "g2").mkdir()
    files = run.json(roots["O"], "recovery", "export", "-o", str(tmp_path / "g2"))["files"]
    run(roots["A"], "recovery", "receive", files[0])  # B still holds only the old share

    # the seized share with an old one, or with the old paper, recovers nothing
    made = run.json(roots["O"], "recovery", "request", "-o", str(tmp_path / "req"),
                    passphrase=NEW)
    req, number = tmp_path / "req", made["safety_number"]
    seized = _respond(run, roots, "C", req, number, tmp_path / "rC")
    old_b = _respond(run, roots, "B", req, number, tmp_path / "rB-old")
    (tmp_path / "old-paper.txt").write_text(first["paper_shares"][0] + "\n")
    folder = tree_hash(roots["O"])
    stale = run(roots["O"], "recovery", "complete", str(seized), str(old_b), code=1,
                passphrase=NEW)
    assert "earlier" in stale.err
    run(roots["O"], "recovery", "complete", str(seized), "--paper",
        str(tmp_path / "old-paper.txt"), code=1, passphrase=NEW)
    assert tree_hash(roots["O"]) == folder

    # the remaining custodians' new shares (and the new paper) do
    run(roots["B"], "recovery", "receive", files[1])
    (tmp_path / "new-paper.txt").write_text(r["paper_shares"][0] + "\n")
    done = run.json(roots["O"], "recovery", "complete",
                    str(_respond(run, roots, "A", req, number, tmp_path / "rA")),
                    str(_respond(run, roots, "B", req, number, tmp_path / "rB")),
                    passphrase=NEW)
    assert sorted(done["custodians"]) == sorted([fps["A"], fps["B"]])
    assert run.json(roots["O"], "digest", passphrase=NEW) == digest


def test_revert_since_on_a_custodian_says_what_to_send(
        four: dict[str, Registry], cli: Cli, tmp_path: Path) -> None:
    run = Run(cli)
    roots = {n: v.paths.root for n, v in four.items()}
    fps = {n: v.identity.fingerprint for n, v in four.items()}
    for v in four.values():
        v.lock()
    (tmp_path / "g1").mkdir()
    _setup(run, roots, fps, tmp_path / "g1", "ABC", 0)
    preview = run(roots["O"], "trust", "revoke", fps["B"], "--revert-since", "2020-01-01",
                  "--dry-run")
    assert "B holds a share of your recovery set" in preview.out
    text = run(roots["O"], "trust", "revoke", fps["B"], "--revert-since", "2020-01-01").out
    assert "Revoked B" in text and "B held a share of this vault's recovery set" in text
    assert "New recovery set 2: any 2 of 2 shares" in text
    assert "registry recovery export -o DIR" in text
    status = run.json(roots["O"], "recovery", "status")
    assert [c["custodian"] for c in status["issued"]["custodians"]] == [fps["A"], fps["C"]]
    # a colleague holding no share is revoked without the passphrase being asked for
    plain = run(roots["A"], "trust", "revoke", fps["C"]).out
    assert "held a share" not in plain


def test_handover_accept_moves_the_custodianship(
        four: dict[str, Registry], cli: Cli, tmp_path: Path) -> None:
    run = Run(cli)
    d = make_vault(tmp_path, "D")
    introduce(d, four["A"], four["O"])
    d.lock()
    roots = {n: v.paths.root for n, v in four.items()} | {"D": d.paths.root}
    fps = {n: v.identity.fingerprint for n, v in four.items()} | {"D": d.identity.fingerprint}
    for v in four.values():
        v.lock()
    (tmp_path / "g1").mkdir()
    _setup(run, roots, fps, tmp_path / "g1", "ABC", 0)
    run(roots["A"], "trust", "verify", fps["D"], "--method", "in_person")
    statement = tmp_path / "succession.json"
    run(roots["A"], "handover", "statement", "--successor", fps["D"], "-o", str(statement))

    shown = run(roots["O"], "handover", "accept", str(statement), "--dry-run").out
    assert "A holds a share of your recovery set" in shown
    assert "add --move-custodianship to give D A's place" in shown
    accepted = run.json(roots["O"], "handover", "accept", str(statement),
                        "--move-custodianship")
    r = accepted["recovery"]
    assert r["successor"] == fps["D"] and r["custodians"] == [fps["D"], fps["B"], fps["C"]]
    assert accepted["predecessor_retired"] and r["generation"] == 2
    (tmp_path / "g2").mkdir()
    files = run.json(roots["O"], "recovery", "export", "-o", str(tmp_path / "g2"))["files"]
    held = run.json(roots["D"], "recovery", "receive", files[0])
    assert held["owner"] == fps["O"] and held["generation"] == 2


def test_status_names_a_custodian_needing_attention(
        four: dict[str, Registry], cli: Cli, tmp_path: Path) -> None:
    """A set from before the rule: the trust store revoked a custodian beneath it."""
    run = Run(cli)
    roots = {n: v.paths.root for n, v in four.items()}
    fps = {n: v.identity.fingerprint for n, v in four.items()}
    for v in four.values():
        v.lock()
    (tmp_path / "g1").mkdir()
    _setup(run, roots, fps, tmp_path / "g1", "ABC", 0)
    assert "NEEDS ATTENTION" not in run(roots["O"], "recovery", "status").out
    o = Registry.unlock(roots["O"], PASSPHRASE)
    try:
        o.sharing.trust.revoke(fps["B"])  # the low-level trust change, without the rule
    finally:
        o.lock()
    lines = run(roots["O"], "recovery", "status").out.splitlines()
    flagged = [line for line in lines if "NEEDS ATTENTION" in line]
    assert len(flagged) == 1 and fps["B"] in flagged[0] and "revoked here" in flagged[0]


def test_passwd_and_rekey_say_what_became_of_the_recovery_set(
        four: dict[str, Registry], cli: Cli, tmp_path: Path) -> None:
    """A rotation revokes the set's shares: a set of colleagues only is issued again (send
    the files), one with paper shares is not (set it up again); both are said."""
    run = Run(cli)
    roots = {n: v.paths.root for n, v in four.items()}
    fps = {n: v.identity.fingerprint for n, v in four.items()}
    for v in four.values():
        v.lock()
    (tmp_path / "g1").mkdir()
    _setup(run, roots, fps, tmp_path / "g1", "AB", 0)
    said = run(roots["O"], "rekey").out
    assert "your custodians have new ones" in said and "recovery export" in said
    assert run.json(roots["O"], "recovery", "status")["issued"] is not None
    (tmp_path / "g2").mkdir()
    _setup(run, roots, fps, tmp_path / "g2", "AB", 1)
    result = cli(roots["O"], "passwd", "--rotate", passphrase=PASSPHRASE,
                 env={"REGISTRY_NEW_PASSPHRASE": NEW})
    assert result.code == 0, result.err
    assert "no recovery set" in result.out and "recovery setup" in result.out
    assert run.json(roots["O"], "recovery", "status", passphrase=NEW)["issued"] is None
    said = run(roots["O"], "rekey", passphrase=NEW).out
    assert "recovery" not in said  # no set: nothing to say
