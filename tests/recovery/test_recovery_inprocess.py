"""The recovery commands in process (``registry.cli.main``), for their text output and the
paths the subprocess tests do not take: a set of colleagues and paper together, a key file
still present, requests and responses that do not belong together."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.cli import main
from registry.errors import InvalidInput, NotFound, UsageError, VaultError
from registry.recovery import formats
from registry.service import Registry
from tests.passphrase import PASSPHRASE

NEW = "a brand new passphrase for the recovered vault"


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """``main`` sets the process umask as the console script does: put it back."""
    mask = os.umask(0o022)
    os.umask(mask)
    yield
    os.umask(mask)


class Cli:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        self.monkeypatch, self.capsys = monkeypatch, capsys

    def __call__(self, root: Path, *args: str, code: int = 0,
                 passphrase: str = PASSPHRASE) -> str:
        self.monkeypatch.setenv("REGISTRY_PASSPHRASE", passphrase)
        got = main(["--vault", str(root), *args])
        out, err = self.capsys.readouterr()
        assert got == code, (args, out, err)
        return out + err


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(monkeypatch, capsys)


def test_colleagues_and_paper_together(four: dict[str, Registry], cli: Cli,
                                       tmp_path: Path) -> None:
    roots = {n: v.paths.root for n, v in four.items()}
    fps = {n: v.identity.fingerprint for n, v in four.items()}
    digest = four["O"].digest()
    for v in four.values():
        v.lock()
    out = tmp_path / "out"
    out.mkdir()
    text = cli(roots["O"], "recovery", "setup", "--custodian", fps["A"], "--custodian",
               fps["B"], "--paper", "1", "--threshold", "2", "-o", str(out))
    assert "any 2 of 3" in text and "Paper share 1 of 1" in text
    paper = text.split("not shown again:\n")[1].split("\n")[0].strip()
    status = cli(roots["O"], "recovery", "status")
    assert f"A {fps['A']}" in status and "share 2: paper" in status
    assert "none" in cli(roots["O"], "recovery", "status").split("I hold:")[1]
    assert cli(roots["O"], "recovery", "export", "-o", str(out)).strip() == \
        "No share file was waiting."
    files = json.loads(cli(roots["O"], "recovery", "export", "-o", str(out), "--all",
                           "--json"))["files"]
    assert "You now hold" in cli(roots["A"], "recovery", "receive", files[0])
    assert "You already held" in cli(roots["A"], "recovery", "receive", files[0])
    assert "O " + fps["O"] in cli(roots["A"], "recovery", "status")

    # the key file is still there (its passphrase forgotten): the request names the vault
    req = tmp_path / "req.json"
    text = cli(roots["O"], "recovery", "request", "-o", str(req), passphrase=NEW)
    made = formats.parse_request(req.read_bytes())
    assert made.vault_id is not None and made.safety_number in text
    shown = cli(roots["A"], "recovery", "respond", str(req), "-o", str(tmp_path / "r"),
                code=2)
    assert made.safety_number in shown and "the vault of O" in shown
    assert "Send it to them" in cli(roots["A"], "recovery", "respond", str(req), "-o",
                                    str(tmp_path / "r"), "--confirm-safety-number",
                                    made.safety_number)
    assert "response files" in cli(roots["O"], "recovery", "complete", code=2, passphrase=NEW)
    (tmp_path / "paper.txt").write_text(paper + "\n")
    cli(roots["O"], "digest", code=3, passphrase=NEW)
    text = cli(roots["O"], "recovery", "complete", str(tmp_path / "r"), "--paper",
               str(tmp_path / "paper.txt"), passphrase=NEW)
    assert "Set up recovery again" in text  # a set with paper is not issued again by itself
    assert digest in cli(roots["O"], "digest", passphrase=NEW)
    assert "No recovery set" in cli(roots["O"], "recovery", "status", passphrase=NEW)
    cli(roots["O"], "digest", code=3)  # the old passphrase opens nothing


def test_mismatched_requests_responses_and_folders(four: dict[str, Registry],
                                                  tmp_path: Path) -> None:
    o, a, b = four["O"], four["A"], four["B"]
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    out = tmp_path / "out"
    out.mkdir()
    for_a, _ = o.recovery.export(out)
    a.recovery.receive(for_a)
    root = o.paths.root
    o.lock()
    with pytest.raises(VaultError, match="No vault database"):
        Registry.request_recovery(tmp_path / "nowhere", NEW, tmp_path / "x")
    with pytest.raises(VaultError, match="No recovery request is pending"):
        Registry.recover(root, NEW, [tmp_path / "x"], [])
    first = Registry.request_recovery(root, NEW, tmp_path / "req1")
    a.recovery.respond(tmp_path / "req1", tmp_path / "r1", first.request.safety_number)
    Registry.request_recovery(root, NEW, tmp_path / "req2")  # replaces the first
    with pytest.raises(InvalidInput, match="another recovery request"):
        Registry.recover(root, NEW, [tmp_path / "r1"], [])
    with pytest.raises(InvalidInput, match="At most 16"):
        Registry.recover(root, NEW, [tmp_path / "r1"] * 17, [])
    (root / "recovery-request.secret").write_text("{}")
    with pytest.raises(VaultError, match="damaged"):
        Registry.recover(root, NEW, [tmp_path / "r1"], [])
    from registry.service import wipe_vault

    wipe_vault(root)
    assert not root.exists()  # the pending request's secret went with the vault


def test_a_custodian_of_several_colleagues_is_asked_whose_share(four: dict[str, Registry],
                                                               tmp_path: Path) -> None:
    o, a, b, c = four["O"], four["A"], four["B"], four["C"]
    for owner in (o, b):
        owner.recovery.setup([a.identity.fingerprint, c.identity.fingerprint], 0, 2, None)
        folder = tmp_path / f"shares-{owner.identity.name}"
        folder.mkdir()
        a.recovery.receive(owner.recovery.export(folder)[0])
    req = tmp_path / "req"
    request = formats.RecoveryRequest(formats.new_id(), formats.now(), None,
                                      "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj")
    req.write_bytes(request.to_bytes())
    assert a.recovery.inspect_request(req).share is None
    with pytest.raises(UsageError, match="--owner"):
        a.recovery.respond(req, tmp_path / "r", request.safety_number)
    released = a.recovery.respond(req, tmp_path / "r", request.safety_number,
                                  owner=b.identity.fingerprint)
    assert released.owner_name == "B"
    with pytest.raises(NotFound):
        c.recovery.respond(req, tmp_path / "rc", request.safety_number,
                           owner=o.identity.fingerprint)


def test_an_older_share_never_replaces_a_newer_one(four: dict[str, Registry],
                                                   tmp_path: Path) -> None:
    o, a, b = four["O"], four["A"], four["B"]
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    (tmp_path / "g1").mkdir()
    old, _ = o.recovery.export(tmp_path / "g1")
    o.rotate_key(PASSPHRASE)  # issues the set again
    (tmp_path / "g2").mkdir()
    new, _ = o.recovery.export(tmp_path / "g2")
    a.recovery.receive(new)
    with pytest.raises(InvalidInput, match="newer"):
        a.recovery.receive(old)
    assert [h.generation for h in a.recovery.held()] == [2]


def test_a_recovered_vault_is_not_sealed_under_its_officials_own_name(
        cli: Cli, tmp_path: Path) -> None:
    """Paper shares opened the vault, and its key was sealed under the official's own name:
    the new passphrase was scored without the name, organisation and country (score 4 as a
    stranger's name, 1 as the owner's), which passwd counts (issue 11, item 3). Nothing is
    sealed then; the control, a passphrase of other words, opens it."""
    from registry.vault.keyfile import FAST_TEST_PARAMS

    name = "Margarethe Wolkenstein-Hallberg"
    root = tmp_path / "vault"
    Registry.create(root, PASSPHRASE, name=name, org="Nordic Liberties Foundation",
                    country="SE", kdf=FAST_TEST_PARAMS).lock()
    made = json.loads(cli(root, "recovery", "setup", "--paper", "2", "--threshold", "2",
                          "--json"))
    papers: list[str] = []
    for n, words in enumerate(made["paper_shares"]):
        (tmp_path / f"p{n}.txt").write_text(words + "\n")
        papers += ["--paper", str(tmp_path / f"p{n}.txt")]
    key_file = (root / "vault.key").read_bytes()
    assert "name" in cli(root, "recovery", "complete", *papers, code=1, passphrase=name)
    assert (root / "vault.key").read_bytes() == key_file
    cli(root, "recovery", "complete", *papers, passphrase=NEW)
    Registry.unlock(root, NEW).lock()
