"""A new passphrase (DESIGN §2 last row, §5, §9 ``passwd [--rotate]``).

``passwd`` re-seals only and says that copies of ``vault.key`` made before still open the
vault with the old passphrase; ``passwd --rotate`` changes the data key in the same step, so
such a copy opens nothing current. A kill -9 at any point of the rotation leaves a vault
that opens with the old or the new passphrase, whole and with the same digest. A new vault
or passphrase must pass the strength rule (zxcvbn score ≥ 3), with an explanation.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from registry import demo
from registry.domain.enums import Kind
from registry.errors import InvalidInput, VaultDamaged, WrongPassphrase
from registry.service import Registry
from registry.vault import keychain
from registry.vault.keyfile import FAST_TEST_PARAMS, read_header
from registry.vault.strength import WeakPassphrase
from tests.conftest import Cli, hash_tree
from tests.passphrase import PASSPHRASE

NEW = "plum kettle orbit lantern"


# -- service ------------------------------------------------------------------------------------
def _unlocked_digest(root: Path, passphrase: str) -> str:
    reg = Registry.unlock(root, passphrase)
    try:
        assert reg.check() == []
        return reg.digest()
    finally:
        reg.lock()


def test_rotate_retires_every_earlier_copy_of_the_key_file(reg: Registry, tmp_path: Path) -> None:
    reg.add(Kind.PERSON, {"name": "Анна Ротация", "notes": "before the rotation"})
    digest = reg.digest()
    copy = tmp_path / "backup-vault.key"
    shutil.copy2(reg.paths.key, copy)
    reg.change_passphrase(PASSPHRASE, NEW, rotate=True)
    assert reg.digest() == digest
    reg.add(Kind.PERSON, {"name": "Борис Послеротации"})  # the open vault goes on working
    current = reg.digest()
    root = reg.paths.root
    reg.lock()
    assert _unlocked_digest(root, NEW) == current
    with pytest.raises(WrongPassphrase):
        Registry.unlock(root, PASSPHRASE)
    shutil.copy2(copy, root / "vault.key")  # an old copy (e.g. from a backup) put back
    with pytest.raises(VaultDamaged, match="Restore it from a backup"):
        Registry.unlock(root, PASSPHRASE)


def test_plain_change_leaves_earlier_copies_working(reg: Registry, tmp_path: Path) -> None:
    """What ``passwd`` without --rotate says: an old copy still opens the current data."""
    copy = tmp_path / "backup-vault.key"
    shutil.copy2(reg.paths.key, copy)
    db_before = reg.paths.db.read_bytes()
    reg.change_passphrase(PASSPHRASE, NEW)
    assert reg.paths.db.read_bytes() == db_before
    reg.add(Kind.PERSON, {"name": "Вера Текущая"})
    current, root = reg.digest(), reg.paths.root
    reg.lock()
    with pytest.raises(WrongPassphrase):
        Registry.unlock(root, PASSPHRASE)
    shutil.copy2(copy, root / "vault.key")
    assert _unlocked_digest(root, PASSPHRASE) == current


@pytest.mark.parametrize("rotate", [False, True])
def test_weak_or_wrong_changes_nothing(reg: Registry, rotate: bool) -> None:
    before = hash_tree(reg.paths.root)
    for weak in ("12345678", "password1", "test official 1"):  # the last: the official's name
        with pytest.raises(WeakPassphrase, match="too easy to guess"):
            reg.change_passphrase(PASSPHRASE, weak, rotate=rotate)
    with pytest.raises(WrongPassphrase):
        reg.change_passphrase("not the passphrase", NEW, rotate=rotate)
    assert hash_tree(reg.paths.root) == before


@pytest.mark.parametrize("rotate", [False, True])
def test_a_passphrase_no_prompt_can_type_is_refused(reg: Registry, tmp_path: Path,
                                                     rotate: bool) -> None:
    """A line break (REGISTRY_NEW_PASSPHRASE read from a file with its final newline), a tab
    or another control character: the prompt would end at it, or never send it."""
    before = hash_tree(reg.paths.root)
    for bad in (NEW + "\n", NEW + "\r\n", "plum\tkettle orbit lantern", NEW + "\x00",
                "\x1b" + NEW, NEW + "\x7f", NEW + "\x85"):
        with pytest.raises(InvalidInput, match="control character"):
            reg.change_passphrase(PASSPHRASE, bad, rotate=rotate)
    assert hash_tree(reg.paths.root) == before
    with pytest.raises(InvalidInput, match="control character"):
        Registry.create(tmp_path / "new", NEW + "\n", name="Test Official", org="Test Ministry",
                        country="SE", kdf=FAST_TEST_PARAMS)
    assert not (tmp_path / "new" / "vault.key").exists()
    reg.change_passphrase(PASSPHRASE, "plum kettle orbit lantern ëñ", rotate=rotate)  # control
    root = reg.paths.root
    reg.lock()
    Registry.unlock(root, "plum kettle orbit lantern ëñ").lock()


def test_the_same_passphrase_is_refused_unless_the_key_rotates(reg: Registry) -> None:
    """Nothing would change: ``passwd`` must not claim a new passphrase. With ``rotate`` the
    data key is replaced under the same passphrase (what ``rekey`` does), which is a change."""
    before = hash_tree(reg.paths.root)
    nfd = "ame\u0301lie kettle orbit lantern"  # the same words as NFC, typed on another system
    for old, new in ((PASSPHRASE, PASSPHRASE), (nfd, "am\u00e9lie kettle orbit lantern")):
        with pytest.raises(InvalidInput, match="the same as the current one"):
            reg.change_passphrase(old, new)
    assert hash_tree(reg.paths.root) == before
    reg.change_passphrase(PASSPHRASE, NEW)  # control: a new one is taken
    reg.change_passphrase(NEW, NEW, rotate=True)
    root, digest = reg.paths.root, reg.digest()
    reg.lock()
    assert _unlocked_digest(root, NEW) == digest


def test_rotate_updates_the_remembered_key(reg: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    vault_id, root = reg.vault_id, reg.paths.root
    store: dict[str, bytes] = {vault_id: bytes(reg._data_key)}
    monkeypatch.setattr(keychain, "recall",
                        lambda vid: bytearray(store[vid]) if vid in store else None)
    monkeypatch.setattr(keychain, "remember", lambda vid, key: store.__setitem__(vid, bytes(key)))
    old = store[vault_id]
    reg.change_passphrase(PASSPHRASE, NEW, rotate=True)
    reg.lock()
    assert store[vault_id] != old
    with_keychain = Registry.unlock(root, None)
    with_keychain.lock()


# -- kill -9 during a rotation --------------------------------------------------------------------
CHILD = r"""
import os, signal, sys, time
from pathlib import Path
from registry.service import Registry
from registry.store import db
from registry.vault import keyfile

root, old, new, point = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def kill_after(module, name):
    real = getattr(module, name)
    def wrapper(*args, **kwargs):
        real(*args, **kwargs)
        die()
    setattr(module, name, wrapper)

def kill_before_replace(nth):
    real, seen = os.replace, [0]
    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith("vault.key"):
            seen[0] += 1
            if seen[0] == nth:  # the new key file is written and synced, not yet in place
                die()
        return real(src, dst, *args, **kwargs)
    os.replace = replace

if point == "staged":
    kill_after(keyfile, "stage_key")
elif point == "rekeyed":
    kill_after(db, "rekey")
elif point == "committed":
    kill_after(keyfile, "commit_staged")
elif point.startswith("replace-"):
    kill_before_replace(int(point.split("-")[1]))
reg = Registry.unlock(root, old)
print("go", flush=True)
start = time.perf_counter()
reg.change_passphrase(old, new, rotate=True)
print("done", time.perf_counter() - start, flush=True)
"""


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A vault of a few MB (so that PRAGMA rekey takes a while) and its digest."""
    root = tmp_path_factory.mktemp("rotation") / "pristine"
    reg = Registry.create(root, PASSPHRASE, name="Crash Official", org="Test Ministry",
                          country="SE", kdf=FAST_TEST_PARAMS)
    try:
        with reg.store.write():
            demo.generate(reg.store, demo.DemoSize(people=3000, organisations=100, ties=6000,
                                                   seed=7))
        return root, reg.digest()
    finally:
        reg.lock()


def _child(root: Path, point: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(root), PASSPHRASE, NEW, point],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _opens_with(root: Path, digest: str) -> str:
    """The one passphrase that opens the vault (which must be whole, with ``digest``)."""
    opened = []
    for passphrase in (PASSPHRASE, NEW):
        try:
            reg = Registry.unlock(root, passphrase)
        except WrongPassphrase:
            continue
        try:
            assert reg.check() == []
            assert reg.digest() == digest
        finally:
            reg.lock()
        opened.append(passphrase)
    assert len(opened) == 1, opened
    assert not read_header(root / "vault.key").has_staged  # the unlock settled the rotation
    return opened[0]


@pytest.mark.slow
@pytest.mark.parametrize(("point", "expected"), [
    ("replace-1", PASSPHRASE),  # the staging write, synced but not yet in place
    ("staged", PASSPHRASE),  # both keys in the file, the database still on the old one
    ("rekeyed", PASSPHRASE),  # the database on the new key, the file not yet committed
    ("replace-2", PASSPHRASE),  # the committing write, synced but not yet in place
    ("committed", NEW),  # the file committed, the keychain and audit entry not yet written
])
def test_kill_9_at_each_step_of_a_rotation(pristine: tuple[Path, str], tmp_path: Path,
                                           point: str, expected: str) -> None:
    source, digest = pristine
    root = tmp_path / "v"
    shutil.copytree(source, root)
    proc = _child(root, point)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL, (out, err)
    assert "done" not in out
    assert _opens_with(root, digest) == expected
    reg = Registry.unlock(root, expected)  # and the rotation can simply be run again
    try:
        reg.change_passphrase(expected, "hedgehog violin quarry tundra", rotate=True)
    finally:
        reg.lock()
    assert _unlocked_digest(root, "hedgehog violin quarry tundra") == digest


@pytest.mark.slow
def test_kill_9_at_random_moments_of_a_rotation(pristine: tuple[Path, str],
                                                tmp_path: Path) -> None:
    source, digest = pristine
    calibration = tmp_path / "calibration"
    shutil.copytree(source, calibration)
    out, err = _child(calibration, "none").communicate(timeout=300)
    assert "done" in out, err
    took = float(out.split()[-1])
    rng = random.Random(20250611)
    outcomes = {PASSPHRASE: 0, NEW: 0}
    for run in range(20):
        root = tmp_path / f"run{run}"
        shutil.copytree(source, root)
        proc = _child(root, "timed")
        assert proc.stdout is not None and proc.stdout.readline().strip() == "go"
        time.sleep(rng.uniform(0, took * 1.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        outcomes[_opens_with(root, digest)] += 1
        shutil.rmtree(root)
    print(f"rotation took {took:.3f} s; kill -9 outcomes: {outcomes}")


@pytest.mark.parametrize("point", ["none", "replace-2"])
def test_a_crash_at_the_commit_leaves_no_copy_of_the_key_file(reg: Registry, point: str) -> None:
    """kill -9 after the committing key file is written and synced, before it replaces
    ``vault.key``: its temp file opens the current data with the new passphrase, which the
    user was never told was set. The next unlock (which settles on the old one) shreds it."""
    root, digest = reg.paths.root, reg.digest()
    reg.lock()
    out, err = _child(root, point).communicate(timeout=300)
    crashed = point != "none"
    assert ("done" in out) != crashed, err
    temp_files = sorted(p.name for p in root.iterdir() if p.name.endswith(".tmp"))
    assert len(temp_files) == crashed, temp_files  # the crash left the committing write's
    assert _unlocked_digest(root, PASSPHRASE if crashed else NEW) == digest
    assert sorted(p.name for p in root.iterdir() if "vault.key" in p.name) == ["vault.key"]


# -- another command opening the vault during a rotation ------------------------------------------
OPEN_IN_CHILD = r"""
import sys
from registry.errors import VaultBusy
from registry.service import Registry
from registry.vault import keyfile

keyfile.LOCK_WAIT = 0  # rather than wait for the rotation, say what the unlock met
try:
    Registry.unlock(sys.argv[1], sys.argv[2]).lock()
except VaultBusy:
    print("busy", flush=True)
else:
    print("opened", flush=True)
"""


@pytest.mark.parametrize("second_opens", [False, True], ids=["alone", "second-process"])
def test_an_unlock_elsewhere_does_not_settle_a_running_rotation(
        reg: Registry, monkeypatch: pytest.MonkeyPatch, second_opens: bool) -> None:
    """A scheduled command unlocking the vault between ``PRAGMA rekey`` and the key file's
    commit must not take the staged key for the trace of a crash and commit it under the old
    passphrase: it waits for the rotation (here: is told the vault is busy), which completes."""
    from registry.store import db

    root, digest = reg.paths.root, reg.digest()
    real, met = db.rekey, []

    def rekey(conn: object, key: bytearray) -> None:
        real(conn, key)
        if second_opens:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
            met.append(subprocess.run([sys.executable, "-c", OPEN_IN_CHILD, str(root),
                                       PASSPHRASE], capture_output=True, text=True, env=env,
                                      timeout=120, check=False).stdout.strip())

    monkeypatch.setattr(db, "rekey", rekey)
    reg.change_passphrase(PASSPHRASE, NEW, rotate=True)
    reg.lock()
    assert met == (["busy"] if second_opens else [])
    assert not read_header(root / "vault.key").has_staged
    assert _unlocked_digest(root, NEW) == digest
    with pytest.raises(WrongPassphrase):
        Registry.unlock(root, PASSPHRASE)


# -- the command line ------------------------------------------------------------------------------
def _init(cli: Cli, vault: Path) -> None:
    res = cli(vault, "init", "--name", "Alice Official", "--org", "MFA", "--country", "SE")
    assert res.code == 0, res.err


@pytest.mark.slow
def test_cli_passwd_tells_the_truth_about_old_copies(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    copy = tmp_path / "old-vault.key"
    shutil.copy2(vault / "vault.key", copy)
    res = cli(vault, "passwd", env={"REGISTRY_NEW_PASSPHRASE": NEW})
    assert res.code == 0, res.err
    assert "still open the vault" in res.out and "old passphrase" in res.out
    assert "--rotate" in res.out and "no longer opens" not in res.out
    shutil.copy2(copy, vault / "vault.key")  # and indeed: the old copy opens the vault
    assert cli(vault, "check").code == 0


@pytest.mark.slow
def test_cli_passwd_rotate_leaves_old_copies_opening_nothing(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    rid = cli(vault, "add", "person", "--name", "Анна Ротация", "--json").out
    digest = cli(vault, "digest").out
    copy = tmp_path / "old-vault.key"
    shutil.copy2(vault / "vault.key", copy)
    res = cli(vault, "passwd", "--rotate", env={"REGISTRY_NEW_PASSPHRASE": NEW})
    assert res.code == 0, res.err
    assert "data key rotated" in res.out and "open nothing current" in res.out
    assert cli(vault, "digest", passphrase=NEW).out == digest
    assert cli(vault, "search", "Anna").code == 3  # the old passphrase: wrong
    shutil.copy2(copy, vault / "vault.key")
    res = cli(vault, "search", "Anna")  # old key file + old passphrase: nothing current
    assert res.code == 1, (res.code, res.err)
    assert "damaged or was not written by this vault" in res.err
    assert "Traceback" not in res.err and "Анна" not in res.out + res.err
    assert rid  # the record was there all along


@pytest.mark.slow
def test_cli_passwd_refuses_a_new_passphrase_ending_in_a_line_break(cli: Cli,
                                                                    tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    before = hash_tree(vault)
    for rotate in ([], ["--rotate"]):
        res = cli(vault, "passwd", *rotate, env={"REGISTRY_NEW_PASSPHRASE": NEW + "\n"})
        assert res.code == 1 and "line break" in res.err, (res.code, res.err)
        assert "Traceback" not in res.err and NEW not in res.out + res.err
    assert hash_tree(vault) == before
    res = cli(vault, "passwd", env={"REGISTRY_NEW_PASSPHRASE": NEW})  # control
    assert res.code == 0, res.err
    assert cli(vault, "check", passphrase=NEW).code == 0


@pytest.mark.slow
def test_cli_passwd_to_the_same_passphrase_says_nothing_changed(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    before = hash_tree(vault)
    res = cli(vault, "passwd", env={"REGISTRY_NEW_PASSPHRASE": PASSPHRASE})
    assert res.code == 1 and "nothing was changed" in res.err, (res.code, res.out, res.err)
    assert "Passphrase changed" not in res.out and hash_tree(vault) == before
    copy = (vault / "vault.key").read_bytes()
    res = cli(vault, "passwd", "--rotate", env={"REGISTRY_NEW_PASSPHRASE": PASSPHRASE})
    assert res.code == 0, res.err
    assert "Passphrase changed" not in res.out and "same as before" in res.out
    assert cli(vault, "check").code == 0  # the passphrase opens the vault, with a new key
    (vault / "vault.key").write_bytes(copy)
    assert cli(vault, "check").code != 0  # the key file from before opens nothing current


@pytest.mark.slow
@pytest.mark.parametrize("weak", ["12345678", "password1", "qwerty123", "alice official 1"])
def test_cli_refuses_weak_passphrases_with_an_explanation(cli: Cli, tmp_path: Path,
                                                          weak: str) -> None:
    vault = tmp_path / "v"
    res = cli(vault, "init", "--name", "Alice Official", "--org", "MFA", "--country", "SE",
              passphrase=weak)
    assert res.code == 1, res.err
    assert "too easy to guess" in res.err and "Why:" in res.err and "random words" in res.err
    assert not vault.exists() or not (vault / "vault.key").exists()
    assert "Traceback" not in res.err


@pytest.mark.slow
def test_cli_passwd_refuses_weak_and_accepts_strong(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    before = hash_tree(vault)
    for rotate in ([], ["--rotate"]):
        res = cli(vault, "passwd", *rotate, env={"REGISTRY_NEW_PASSPHRASE": "12345678"})
        assert res.code == 1 and "too easy to guess" in res.err, res.err
        assert "top-10 common password" in res.err
    assert hash_tree(vault) == before
    res = cli(vault, "passwd", "--rotate", env={"REGISTRY_NEW_PASSPHRASE": NEW})
    assert res.code == 0, res.err
    assert cli(vault, "check", passphrase=NEW).code == 0


@pytest.mark.slow
def test_a_scripted_fair_passphrase_is_warned_about_and_a_typed_one_refused(
        cli: Cli, tmp_path: Path) -> None:
    """A script passing REGISTRY_PASSPHRASE may use a passphrase of strength 2, with a warning
    (provisioning, test rigs); the app and the service's default need 3."""
    fair = "pass-123456789"
    from registry.vault.strength import SCRIPTED_MIN_SCORE, estimate

    assert estimate(fair).score == SCRIPTED_MIN_SCORE  # the case this test is about
    res = cli(tmp_path / "v", "init", "--name", "Alice Official", "--org", "MFA",
              "--country", "SE", passphrase=fair)
    assert res.code == 0 and "only fair" in res.err and "random words" in res.err
    with pytest.raises(WeakPassphrase):
        Registry.create(tmp_path / "w", fair, name="Alice Official", org="MFA", country="SE",
                        kdf=FAST_TEST_PARAMS)
