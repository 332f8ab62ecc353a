"""kill -9 at random moments (seeded) during a large bundle import and during an export.

After every kill the vault reopens and passes check. An import is all or nothing: the
vault's digest is either the one from before or the one of a reference vault that imported
the same bundle fully (both outcomes are counted and printed). An export leaves the vault's
digest unchanged, never a partial bundle at the target path (atomic write: the target is
absent or a whole bundle that verifies), and no plaintext temporary file anywhere.
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
from registry.service import Registry
from registry.sync import container
from tests.faults.conftest import make_vault
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, send

pytestmark = [pytest.mark.slow, pytest.mark.no_cover]  # scale: fifty runs of lines traced elsewhere
RUNS = 50
CANARY = "Canaryname Plaintextova"

IMPORT_CHILD = r"""
import sys
import time
from pathlib import Path
from registry.service import Registry

reg = Registry.unlock(Path(sys.argv[1]), sys.argv[2])
print("go", flush=True)
start = time.perf_counter()
reg.sharing.import_bundles([Path(sys.argv[3])])  # read, checked and merged in one transaction
print("done", time.perf_counter() - start, flush=True)
"""

EXPORT_CHILD = r"""
import sys
import time
from pathlib import Path
from registry.service import Registry

reg = Registry.unlock(Path(sys.argv[1]), sys.argv[2])
request = reg.sharing.request(to=[sys.argv[4]])
print("go", flush=True)
start = time.perf_counter()
reg.sharing.export(request, Path(sys.argv[3]))
print("done", time.perf_counter() - start, flush=True)
"""


def _world(tmp: Path) -> dict[str, object]:
    """A sender with several thousand records, and a receiver that already has an older
    bundle from it, so the import under test both inserts and merges."""
    sender = make_vault(tmp / "sender", "Sender")
    with sender.store.write():
        demo.generate(sender.store, demo.DemoSize(people=2000, organisations=60, ties=2000,
                                                  seed=11))
    receiver = make_vault(tmp / "pristine", "Receiver")
    with receiver.store.write():
        demo.generate(receiver.store, demo.DemoSize(people=200, organisations=20, ties=200,
                                                    seed=12))
    introduce(sender, receiver)
    receiver.sharing.import_bundles([send(sender, [receiver], tmp / "old.rbundle")])
    for n, person in enumerate(sender.store.iter_records(Kind.PERSON)):
        if n >= 200:
            break
        sender.update(person.id, {"notes": f"changed after the first bundle {n}"})
    with sender.store.write():
        demo.generate(sender.store, demo.DemoSize(people=1000, organisations=20, ties=1000,
                                                  seed=13))
    sender.add(Kind.PERSON, {"name": CANARY})
    bundle = send(sender, [receiver], tmp / "new.rbundle")
    world = {"bundle": bundle, "receiver_fp": receiver.identity.fingerprint,
             "sender_digest": sender.digest(), "before": receiver.digest()}
    sender.lock()
    receiver.lock()
    return world


def _spawn(script: str, *args: str, tmpdir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "TMPDIR": str(tmpdir)}
    return subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _kill_after_go(proc: subprocess.Popen[str], delay: float) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "go", (line, proc.stderr.read() if proc.stderr else "")
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate()
    return out


def _child_duration(script: str, *args: str, tmpdir: Path) -> float:
    """How long the guarded step takes in a child that is left to finish (the kill window)."""
    proc = _spawn(script, *args, tmpdir=tmpdir)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return float(out.split()[-1])


def test_kill_9_during_bundle_import(tmp_path: Path) -> None:
    world = _world(tmp_path)
    pristine, bundle = tmp_path / "pristine", world["bundle"]
    shutil.copytree(pristine, tmp_path / "reference")
    tmpdir = tmp_path / "child-tmp"
    tmpdir.mkdir()
    took = _child_duration(IMPORT_CHILD, str(tmp_path / "reference"), PASSPHRASE, str(bundle),
                           tmpdir=tmpdir)
    ref = Registry.unlock(tmp_path / "reference", PASSPHRASE)
    complete_digest = ref.digest()
    ref.lock()
    assert complete_digest != world["before"]
    rng = random.Random(20240611)
    outcomes = {"complete": 0, "rolled back": 0}
    run_dir = tmp_path / "run"
    for run in range(RUNS):
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.copytree(pristine, run_dir)
        proc = _spawn(IMPORT_CHILD, str(run_dir), PASSPHRASE, str(bundle), tmpdir=tmpdir)
        _kill_after_go(proc, rng.uniform(0, took * 1.3))
        reg = Registry.unlock(run_dir, PASSPHRASE)
        try:
            assert reg.check() == [], f"run {run}"
            digest, imports = reg.digest(), len(reg.sharing.history())
        finally:
            reg.lock()
        if digest == complete_digest:
            assert imports == 2, f"run {run}: the import log does not match the data"
            outcomes["complete"] += 1
        else:
            assert digest == world["before"], f"run {run}: a half-applied import"
            assert imports == 1, f"run {run}: the import log does not match the data"
            outcomes["rolled back"] += 1
        assert list(tmpdir.iterdir()) == [], f"run {run}: temporary files left"
    print(f"import kill -9 runs: {RUNS} ({outcomes['complete']} complete, "
          f"{outcomes['rolled back']} rolled back; the import takes {took:.2f} s)")
    assert sum(outcomes.values()) == RUNS


def test_kill_9_during_bundle_export(tmp_path: Path) -> None:
    world = _world(tmp_path)
    sender = tmp_path / "sender"
    tmpdir, out = tmp_path / "child-tmp", tmp_path / "out"
    tmpdir.mkdir()
    out.mkdir()
    took = _child_duration(EXPORT_CHILD, str(sender), PASSPHRASE, str(tmp_path / "timing.rbundle"),
                           str(world["receiver_fp"]), tmpdir=tmpdir)
    rng = random.Random(20240612)
    target = out / "b.rbundle"
    outcomes = {"complete": 0, "not written": 0}
    leftovers = 0
    for run in range(RUNS):
        target.unlink(missing_ok=True)
        proc = _spawn(EXPORT_CHILD, str(sender), PASSPHRASE, str(target), str(world["receiver_fp"]),
                      tmpdir=tmpdir)
        _kill_after_go(proc, rng.uniform(0, took * 1.3))
        reg = Registry.unlock(sender, PASSPHRASE)
        try:
            assert reg.check() == [], f"run {run}"
            assert reg.digest() == world["sender_digest"], f"run {run}: the vault changed"
        finally:
            reg.lock()
        if target.exists():
            opened = container.open_bundle(target)  # a whole bundle, or this raises
            opened.verify_signature()
            opened.check_payload_hash()
            outcomes["complete"] += 1
        else:
            outcomes["not written"] += 1
        for stray in out.iterdir():
            if stray == target:
                continue
            # a killed atomic write leaves its hidden temp file: ciphertext only
            assert stray.name.startswith(".b.rbundle.") and stray.name.endswith(".tmp"), stray
            data = stray.read_bytes()
            assert CANARY.encode() not in data and b"Plaintextova" not in data, stray
            leftovers += 1
            stray.unlink()
        assert list(tmpdir.iterdir()) == [], f"run {run}: temporary files left in TMPDIR"
    print(f"export kill -9 runs: {RUNS} ({outcomes['complete']} complete, "
          f"{outcomes['not written']} not written, {leftovers} encrypted temp files left "
          f"beside the target; export takes {took:.2f} s)")
    assert sum(outcomes.values()) == RUNS
