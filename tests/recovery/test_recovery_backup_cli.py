"""Recovery from a backup through the real command line: the owner backs up, sets up 2 of 3,
the vault folder is destroyed; 'recovery request --backup' and 'recovery complete --backup'
with two custodians' responses bring back the original digest under a new data key. A backup
made under an earlier data key is refused with a clear message and nothing written. Paper
words read from standard input with '--paper -'."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from registry.service import Registry
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE
from tests.recovery.test_recovery_cli import Run, _key, _mnemonics, _scan

NEW = "a brand new passphrase for the recovered vault"
NEWER = "another entirely fresh passphrase after the second ceremony"


def _setup(run: Run, roots: dict[str, Path], fps: dict[str, str], out: Path,
           passphrase: str) -> list[Path]:
    out.mkdir()
    issued = run.json(roots["O"], "recovery", "setup", *(a for n in "ABC" for a in (
        "--custodian", fps[n])), "--threshold", "2", "-o", str(out), passphrase=passphrase)
    for n, f in zip("ABC", issued["files"], strict=True):
        run.json(roots[n], "recovery", "receive", f)
    return [Path(f) for f in issued["files"]]


def _respond(run: Run, roots: dict[str, Path], req: Path, number: str, *names: str,
             override: bool = False) -> list[str]:
    files = []
    for n in names:
        files.append(str(req.with_name(f"{req.stem}-{n}.json")))
        run(roots[n], "recovery", "respond", str(req), "-o", files[-1],
            "--confirm-safety-number", number, *(["--override-cooling-off"] if override else []))
    return files


@pytest.mark.slow
def test_recovery_from_a_backup_through_the_cli(
        four: dict[str, Registry], cli: Cli, tmp_path: Path,
        tree_hash: Callable[[Path], dict[str, str]]) -> None:
    run = Run(cli)
    roots = {n: v.paths.root for n, v in four.items()}
    fps = {n: v.identity.fingerprint for n, v in four.items()}
    for v in four.values():
        v.lock()
    backup = tmp_path / "o.rbackup"
    run(roots["O"], "backup", str(backup))
    files = _setup(run, roots, fps, tmp_path / "out", PASSPHRASE)
    holders = [Registry.unlock(roots[n], PASSPHRASE) for n in "ABC"]
    try:
        words = _mnemonics(files, holders)
    finally:
        for h in holders:
            h.lock()
    digest = run.json(roots["O"], "digest")
    key_before = _key(roots["O"], PASSPHRASE)

    shutil.rmtree(roots["O"])  # the laptop is wiped: only the backup is left
    made = run.json(roots["O"], "recovery", "request", "--backup", str(backup), "-o",
                    str(tmp_path / "req"), passphrase=NEW)
    assert made["vault_id"] is not None
    responses = _respond(run, roots, tmp_path / "req", made["safety_number"], "A", "B")
    one = run(roots["O"], "recovery", "complete", "--backup", str(backup), responses[0],
              code=1, passphrase=NEW)
    assert "needs 2" in one.err
    done = run.json(roots["O"], "recovery", "complete", "--backup", str(backup), *responses,
                    passphrase=NEW)
    assert done["data_key_rotated"] and done["backup_created_at"] and not done["kept_aside"]
    assert run.json(roots["O"], "digest", passphrase=NEW) == digest
    assert _key(roots["O"], NEW) != key_before
    assert run(roots["O"], "check", passphrase=NEW).code == 0
    assert sorted(p.name for p in roots["O"].parent.iterdir() if "O" in p.name) == ["O"]

    # the backup was made before the first set: set up again, under the new key
    _setup(run, roots, fps, tmp_path / "out2", NEW)
    shutil.rmtree(roots["O"])
    made = run.json(roots["O"], "recovery", "request", "--backup", str(backup), "-o",
                    str(tmp_path / "req2"), passphrase=NEWER)
    responses = _respond(run, roots, tmp_path / "req2", made["safety_number"], "A", "B",
                         override=True)
    folder = tree_hash(roots["O"])
    old = run(roots["O"], "recovery", "complete", "--backup", str(backup), *responses,
              code=1, passphrase=NEWER)
    assert "earlier data key" in old.err and "Nothing was written" in old.err
    assert "Traceback" not in old.err
    assert tree_hash(roots["O"]) == folder == {"recovery-request.secret": folder[
        "recovery-request.secret"]}
    assert sorted(p.name for p in roots["O"].parent.iterdir() if "O" in p.name) == ["O"]
    # no share and no data key in the clear: in no file (backups, requests, responses, staged
    # copies removed or not) and in no output of the command line
    _scan(tmp_path, run.outputs, [w.encode() for w in words]
          + [key_before, key_before.hex().encode()])


def test_a_healthy_vault_at_the_target_needs_force(four: dict[str, Registry], cli: Cli,
                                                   tmp_path: Path) -> None:
    run = Run(cli)
    root = four["O"].paths.root
    for v in four.values():
        v.lock()
    issued = run.json(root, "recovery", "setup", "--paper", "3", "--threshold", "2")
    backup = tmp_path / "o.rbackup"
    run(root, "backup", str(backup))
    paper = tmp_path / "paper.txt"
    paper.write_text("\n".join(issued["paper_shares"][:2]) + "\n")
    refused = run(root, "recovery", "complete", "--backup", str(backup), "--paper", str(paper),
                  code=1, passphrase=NEW)
    assert "--force" in refused.err and "kept aside" in refused.err
    Registry.unlock(root, PASSPHRASE).lock()  # untouched
    done = run.json(root, "recovery", "complete", "--backup", str(backup), "--paper",
                    str(paper), "--force", passphrase=NEW)
    kept = Path(done["kept_aside"])
    assert kept.name.startswith("O.replaced-")
    Registry.unlock(kept, PASSPHRASE).lock()
    Registry.unlock(root, NEW).lock()
    run(root, "recovery", "complete", "--paper", str(paper), "--force", code=2,
        passphrase=NEW)


def test_paper_words_from_standard_input(four: dict[str, Registry], cli: Cli,
                                         tmp_path: Path,
                                         tree_hash: Callable[[Path], dict[str, str]]) -> None:
    run = Run(cli)
    root = four["O"].paths.root
    for v in four.values():
        v.lock()
    paper = run.json(root, "recovery", "setup", "--paper", "3", "--threshold", "2")[
        "paper_shares"]
    digest = run.json(root, "digest")
    (root / "vault.key").unlink()

    def complete(text: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "registry", "--vault", str(root), "recovery", "complete",
             "--paper", "-", "--json"], input=text, env=cli.env(NEW), capture_output=True,
            text=True, timeout=300, check=False)

    bad = paper[2].split()
    bad[0] = "academic" if bad[0] != "academic" else "acid"
    folder = tree_hash(root)
    wrong = complete(f"{paper[0]}\n\n{' '.join(bad)}\n")
    assert wrong.returncode == 1 and "Paper share 2: a word is wrong" in wrong.stderr
    assert not any(" ".join(bad[i:i + 3]) in wrong.stderr for i in range(31))
    assert tree_hash(root) == folder
    done = complete(f"{paper[0].upper()}\n{paper[2]}\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["custodians"] == ["paper", "paper"]
    assert run.json(root, "digest", passphrase=NEW) == digest


def test_paper_words_typed_at_the_terminal_are_not_echoed(four: dict[str, Registry], cli: Cli,
                                                          tmp_path: Path) -> None:
    """'--paper -' at a terminal (a pseudo-terminal here): one prompt per share, the words
    not echoed, an empty line ends."""
    import os
    import pty

    run = Run(cli)
    root = four["O"].paths.root
    for v in four.values():
        v.lock()
    paper = run.json(root, "recovery", "setup", "--paper", "3", "--threshold", "2")[
        "paper_shares"]
    digest = run.json(root, "digest")
    (root / "vault.key").unlink()
    argv = [sys.executable, "-m", "registry", "--vault", str(root), "recovery", "complete",
            "--paper", "-"]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pseudo-terminal is its controlling terminal
        os.execve(sys.executable, argv, cli.env(NEW))
    seen = b""
    for words in (paper[0], paper[1], ""):
        while f"Paper share {paper.index(words) + 1 if words else 3}".encode() not in seen:
            seen += os.read(fd, 4096)
        os.write(fd, words.encode() + b"\n")
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, seen.decode(errors="replace")
    assert b"The vault is open again" in seen
    assert not any(" ".join(w.split()[1:4]).encode() in seen for w in paper[:2])  # no echo
    assert run.json(root, "digest", passphrase=NEW) == digest
