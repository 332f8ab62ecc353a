"""What a user sees when a command cannot do what was asked: a sentence that says what to
do and the exit code of DESIGN §9, never a traceback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.errors import BundleError, VaultError
from registry.service import Registry
from registry.store import schema
from tests.conftest import Cli, CliResult, hash_tree
from tests.passphrase import PASSPHRASE

pytestmark = pytest.mark.slow

# A bug planted in the command's process: its text stands for record content.
PLANTED_BUG = '''
import registry.service

def _broken(self, *args, **kwargs):
    raise KeyError("Planted Secret Name")

registry.service.Registry.search = _broken
'''


def _told(res: CliResult, code: int, *words: str) -> None:
    assert res.code == code, res.err
    assert "Traceback" not in res.err, res.err
    assert res.err.startswith("registry: "), res.err
    for word in words:
        assert word in res.err, res.err


@pytest.fixture
def vault(reg: Registry) -> Path:
    """A locked vault with one record, made in process (fast key derivation)."""
    reg.add(Kind.PERSON, {"name": "Анна Тестова"})
    reg.lock()
    return reg.paths.root


def test_a_vault_of_a_newer_version_says_so_and_stays_as_it_was(cli: Cli, vault: Path) -> None:
    newer = Registry.unlock(vault, PASSPHRASE)
    newer.store.conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    newer.lock()
    before = hash_tree(vault)
    for args in (["search", "Анна"], ["add", "person", "--name", "Борис"], ["check"]):
        _told(cli(vault, *args), 1, "newer version of Registry", "Open it with that version")
    assert hash_tree(vault) == before


def test_a_newer_vault_leaves_nothing_open(vault: Path) -> None:
    newer = Registry.unlock(vault, PASSPHRASE)
    newer.store.conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    newer.lock()
    with pytest.raises(VaultError, match="newer version"):
        Registry.unlock(vault, PASSPHRASE)


def test_an_export_to_a_missing_folder_says_where_and_what_to_do(cli: Cli, vault: Path,
                                                                  tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    for args in (["export-csv", "--kind", "person", str(missing / "people.csv")],
                 ["export-ftm", str(missing / "all.ftm.json")]):
        _told(cli(vault, *args), 1, "could not be written", "Choose a folder")
    assert not missing.exists()


def test_a_vault_folder_that_cannot_be_made_says_so(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a file").write_text("not a folder")
    res = cli(tmp_path / "a file" / "vault", "init", "--name", "Alice", "--org", "MFA",
              "--country", "SE")
    _told(res, 1, "cannot be made", "--vault")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder no one may write")
def test_a_backup_to_a_folder_that_cannot_be_written_says_so(cli: Cli, vault: Path) -> None:
    _told(cli(vault, "backup", "/proc/vault.rbackup"), 1, "cannot be written in /proc",
          "Choose a folder")


def test_a_pipe_or_folder_given_as_a_file_is_refused_at_once(cli: Cli, vault: Path,
                                                             tmp_path: Path) -> None:
    """A named pipe given as a bundle, card, statement, share, request or backup made the
    command wait for a writer for ever, with no message (was)."""
    import os

    pipe = tmp_path / "in.rbundle"
    os.mkfifo(pipe)
    before = hash_tree(vault)
    for given in (pipe, tmp_path):
        for args in (["bundle", "inspect", str(given)], ["bundle", "import", str(given)],
                     ["trust", "add", str(given)], ["recovery", "receive", str(given)],
                     ["handover", "accept", str(given), "--dry-run"],
                     ["recovery", "respond", str(given), "-o", str(tmp_path / "r.json")],
                     ["restore", str(given)]):
            _told(cli(vault, *args, timeout=60), 1, "is not a regular file", "choose the file")
    assert hash_tree(vault) == before


def test_a_vault_busy_writing_elsewhere_is_reported(cli: Cli, vault: Path) -> None:
    holder = Registry.unlock(vault, PASSPHRASE)
    held, release = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        with holder.store.write():
            held.set()
            release.wait(60)

    thread = threading.Thread(target=hold_the_write_lock)
    thread.start()
    try:
        assert held.wait(30)
        res = cli(vault, "add", "person", "--name", "Борис Занятой")
    finally:
        release.set()
        thread.join()
    _told(res, 1, "The vault is busy", "Try again")
    assert "Борис" not in cli(vault, "search", "Борис").out
    holder.lock()


def test_a_bug_is_reported_without_its_text_or_a_traceback(cli: Cli, vault: Path,
                                                            tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(PLANTED_BUG, encoding="utf-8")
    plain = cli(vault, "search", "Анна", env={"PYTHONPATH": str(site), "REGISTRY_DEBUG": ""})
    _told(plain, 1, "failed unexpectedly (KeyError)", "REGISTRY_DEBUG=1")
    assert "Planted Secret Name" not in plain.err
    debug = cli(vault, "search", "Анна", env={"PYTHONPATH": str(site), "REGISTRY_DEBUG": "1"})
    assert debug.code == 1 and "Traceback" in debug.err and "Planted Secret Name" in debug.err


def test_a_record_id_of_another_kind_refuses_the_merge(reg: Registry) -> None:
    person = reg.add(Kind.PERSON, {"name": "Анна Тестова"})
    other = Record(person.id, Kind.ORGANISATION, {"name": "Not the same"},
                   dict.fromkeys(["name"], person.stamps["name"]))
    with pytest.raises(BundleError, match="another kind"):
        reg.store.merge(other)
    assert reg.get(person.id).kind is Kind.PERSON

