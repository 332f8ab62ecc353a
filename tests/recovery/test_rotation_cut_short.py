"""A key rotation a crash cut short is finished on the next unlock exactly as one that ran to
its end: audit entry, recovery set revoked or issued again, and the user told what happened."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

NEW = "plum kettle orbit lantern violet"

# Runs passwd --rotate in a child and ends it (os._exit, as a power cut would) at one step.
CHILD = r"""
import os, sys
from pathlib import Path
import registry.service as S
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
step = sys.argv[2]
if step == "commit":      # after PRAGMA rekey, before the key file's commit
    S.keyfile.commit_staged = lambda *a, **k: os._exit(9)
elif step == "rekey":     # before PRAGMA rekey: the database is still under the old key
    S.db.rekey = lambda *a, **k: os._exit(9)
elif step == "after":     # after the key file's commit, before the rotation's own step
    S.Registry._rotated = lambda *a, **k: os._exit(9)
reg = Registry.unlock(Path(sys.argv[1]), os.environ["REGISTRY_PASSPHRASE"])
reg.change_passphrase(os.environ["REGISTRY_PASSPHRASE"], sys.argv[3], rotate=True)
"""


def _cut_short(cli: Cli, vault: Path, step: str) -> None:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(vault), step, NEW],
                          env=cli.env(PASSPHRASE), capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 9, proc.stderr


def _audit(vault: Path, passphrase: str = PASSPHRASE) -> list[str]:
    reg = Registry.unlock(vault, passphrase)
    try:
        return [r[0] for r in reg.store.conn.execute("SELECT action FROM audit ORDER BY seq")]
    finally:
        reg.lock()


@pytest.mark.parametrize("step", ["commit", "after"])
def test_a_finished_rotation_revokes_the_paper_set_and_says_so(tmp_path: Path, cli: Cli,
                                                                 step: str) -> None:
    vault = tmp_path / "vault"
    Registry.create(vault, PASSPHRASE, name="Test Official", org="Test Ministry",
                    country="SE", kdf=FAST_TEST_PARAMS).lock()
    assert cli(vault, "recovery", "setup", "--paper", "2", "--threshold", "2").code == 0
    _cut_short(cli, vault, step)

    now = PASSPHRASE if step == "commit" else NEW  # the commit sets the new passphrase
    told = cli(vault, "list", "person", passphrase=now)
    assert told.code == 0
    assert "cut short" in told.err
    assert ("run 'registry passwd' again" in told.err) is (step == "commit")
    assert "set one up again" in told.err  # the paper set is revoked: say so
    status = json.loads(cli(vault, "recovery", "status", "--json", passphrase=now).out)
    assert status["issued"] is None or status["issued"]["key_is_current"]
    assert _audit(vault, now).count("rekey") == 1
    assert "cut short" not in cli(vault, "list", "person", passphrase=now).err  # told once


def test_a_rotation_cut_short_before_rekey_is_undone_and_the_set_kept(tmp_path: Path,
                                                                       cli: Cli) -> None:
    vault = tmp_path / "vault"
    Registry.create(vault, PASSPHRASE, name="Test Official", org="Test Ministry",
                    country="SE", kdf=FAST_TEST_PARAMS).lock()
    assert cli(vault, "recovery", "setup", "--paper", "2", "--threshold", "2").code == 0
    _cut_short(cli, vault, "rekey")
    told = cli(vault, "list", "person")
    assert told.code == 0 and "undone" in told.err
    issued = json.loads(cli(vault, "recovery", "status", "--json").out)["issued"]
    assert issued["status"] == "current" and issued["key_is_current"]  # control: untouched
    assert "rekey" not in _audit(vault)
