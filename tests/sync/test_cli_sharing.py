"""The sharing command line through the real ``registry`` console script, and interop with
the stock ``age`` and ``minisign`` tools."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

from .conftest import require_tool

SCRIPT = Path(sys.executable).parent / "registry"


def run(vault: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env.update(HOME=str(home), TMPDIR=str(home), REGISTRY_PASSPHRASE=PASSPHRASE,
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.run([str(SCRIPT), "--vault", str(vault), *args], env=env,
                          capture_output=True, text=True, timeout=300, check=False,
                          stdin=subprocess.DEVNULL)


def tree(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.name.encode() + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


@pytest.fixture
def officials(tmp_path: Path) -> dict[str, Path]:
    home = tmp_path / "home"
    home.mkdir()
    out = {"home": home}
    for name in ("alice", "bob", "carol"):
        Registry.create(tmp_path / name, PASSPHRASE, name=name.title(), org="Ministry",
                        country="SE", kdf=FAST_TEST_PARAMS).lock()
        out[name] = tmp_path / name
    return out


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def setup_pair(o: dict[str, Path], tmp_path: Path) -> tuple[str, str]:
    home = o["home"]
    for name in ("alice", "bob"):
        ok(run(o[name], "identity", "export-card", str(tmp_path / f"{name}.card"),
               "--qr", str(tmp_path / f"{name}.svg"), home=home))
    ok(run(o["alice"], "trust", "add", str(tmp_path / "bob.card"), "--verified", home=home))
    added = json.loads(ok(run(o["bob"], "trust", "add", str(tmp_path / "alice.card"),
                              "--json", home=home)))
    assert added["trust"] == "unverified" and added["new"]
    fa = added["fingerprint"]
    number = ok(run(o["bob"], "identity", "safety-number", fa, home=home)).strip()
    fb = json.loads(ok(run(o["bob"], "identity", "show", "--json", home=home)))["fingerprint"]
    assert ok(run(o["alice"], "identity", "safety-number", fb, home=home)).strip() == number
    ok(run(o["bob"], "trust", "verify", fa, "--method", "safety_number", home=home))
    listed = json.loads(ok(run(o["bob"], "trust", "list", "--json", home=home)))
    assert [x["trust"] for x in listed] == ["verified"]
    return fa, fb


@pytest.mark.slow
def test_export_tamper_replay_revert(officials, tmp_path: Path) -> None:
    o, home = officials, officials["home"]
    fa, fb = setup_pair(o, tmp_path)
    ok(run(o["alice"], "add", "person", "--name", "Пётр Тамперов", "--country", "DE",
           home=home))
    preview = json.loads(ok(run(o["alice"], "bundle", "export", "-o", str(tmp_path / "x"),
                                "--to", fb, "--dry-run", "--json", home=home)))
    assert preview["exposure"]["people"] == 1 and not (tmp_path / "x").exists()
    good = tmp_path / "good.rbundle"
    ok(run(o["alice"], "bundle", "export", "-o", str(good), "--to", fb, home=home))
    inspected = json.loads(ok(run(o["bob"], "bundle", "inspect", str(good), "--json",
                                  home=home)))
    assert inspected["sender_trust"] == "verified" and inspected["addressed_to_me"]
    assert "verified" in ok(run(o["bob"], "bundle", "inspect", str(good), home=home))
    with zipfile.ZipFile(good) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    for name, data in members.items():
        for offset in (0, len(data) // 3, len(data) // 2, len(data) - 2):
            changed = bytearray(data)
            changed[offset] ^= 0x01
            bad = tmp_path / f"bad-{name}-{offset}.rbundle"
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as z:
                for n, d in members.items():
                    z.writestr(n, bytes(changed) if n == name else d)
            bad.write_bytes(buf.getvalue())
            before = tree(o["bob"])
            proc = run(o["bob"], "bundle", "import", str(bad), home=home)
            assert proc.returncode == 4, (name, offset, proc.stderr)
            assert tree(o["bob"]) == before
    dry = json.loads(ok(run(o["bob"], "bundle", "import", str(good), "--dry-run", "--json",
                            home=home)))
    assert dry[0]["counts"]["new"] == 1 and dry[0]["dry_run"]
    first = ok(run(o["bob"], "bundle", "import", str(good), home=home))
    assert "Imported" in first
    digest = ok(run(o["bob"], "digest", home=home))
    before = tree(o["bob"])
    assert "Nothing new" in ok(run(o["bob"], "bundle", "import", str(good), home=home))
    assert ok(run(o["bob"], "digest", home=home)) == digest and tree(o["bob"]) == before
    history = json.loads(ok(run(o["bob"], "bundle", "history", "--json", home=home)))
    assert len(history) == 1 and history[0]["counts"]["new"] == 1
    assert history[0]["import_id"] in ok(run(o["bob"], "bundle", "history", home=home))
    reverted = json.loads(ok(run(o["bob"], "bundle", "revert", history[0]["import_id"],
                                 "--json", home=home)))
    assert reverted["deleted_records"] == 1
    proc = run(o["bob"], "bundle", "revert", history[0]["import_id"], home=home)
    assert proc.returncode == 1
    # an unknown sender, a revoked one: exit 4, nothing written
    before = tree(o["carol"])
    assert run(o["carol"], "bundle", "import", str(good), home=home).returncode == 4
    assert tree(o["carol"]) == before
    ok(run(o["bob"], "trust", "revoke", fa, home=home))
    before = tree(o["bob"])
    assert run(o["bob"], "bundle", "import", str(good), home=home).returncode == 4
    assert tree(o["bob"]) == before
    assert "revoked" in ok(run(o["bob"], "trust", "list", home=home))


def test_cli_refusals_and_usage(officials, tmp_path: Path) -> None:
    o, home = officials, officials["home"]
    _, fb = setup_pair(o, tmp_path)
    proc = run(o["alice"], "bundle", "export", "-o", str(tmp_path / "x"), home=home)
    assert proc.returncode == 1 and "recipient" in proc.stderr
    proc = run(o["alice"], "trust", "add", str(tmp_path / "missing.card"), home=home)
    assert proc.returncode == 1
    proc = run(o["alice"], "bundle", "import", str(tmp_path / "alice.card"), home=home)
    assert proc.returncode == 1
    proc = run(o["alice"], "bundle", "export", "-o", str(tmp_path / "x"), "--to", fb,
               "--protected", "maybe", home=home)
    assert proc.returncode == 2
    assert "no imports yet" in ok(run(o["alice"], "bundle", "history", home=home))
    out = ok(run(o["alice"], "bundle", "export", "-o", str(tmp_path / "y.rbundle"),
                 "--to", fb, "--since-last", "--max-sensitivity", "protected",
                 "--protected", "pseudonymise", home=home))
    assert "written" in out
    assert "no officials" in ok(run(o["carol"], "trust", "list", home=home))


@pytest.mark.interop
def test_stock_age_and_minisign(officials, tmp_path: Path) -> None:
    age, minisign = require_tool("age"), require_tool("minisign")
    keygen = require_tool("age-keygen")
    o, home = officials, officials["home"]
    key = tmp_path / "k.txt"
    subprocess.run([keygen, "-o", str(key)], check=True, capture_output=True)
    recipient = next(w for w in key.read_text().split() if w.startswith("age1"))
    ok(run(o["alice"], "add", "person", "--name", "Exiled EXILESENTINEL", home=home))
    ok(run(o["alice"], "add", "person", "--name", "Inside INSIDESENTINEL", "--inside-russia",
           "--region", "RU-SVE", home=home))
    bundle = tmp_path / "s.rbundle"
    ok(run(o["alice"], "bundle", "export", "-o", str(bundle), "--to-age-recipient", recipient,
           "--protected", "pseudonymise", home=home))
    pub = json.loads(ok(run(o["alice"], "identity", "show", "--json", home=home)))
    out = tmp_path / "members"
    out.mkdir()
    with zipfile.ZipFile(bundle) as z:
        z.extractall(out)
    subprocess.run([minisign, "-Vm", str(out / "manifest.json"), "-x",
                    str(out / "manifest.json.minisig"), "-P", pub["minisign_public_key"]],
                   check=True, capture_output=True)
    plain = subprocess.run([age, "-d", "-i", str(key), str(out / "payload.age")],
                           check=True, capture_output=True).stdout
    import gzip

    lines = [json.loads(x) for x in gzip.decompress(plain).decode().splitlines()]
    text = json.dumps(lines, ensure_ascii=False)
    assert "EXILESENTINEL" in text and "INSIDESENTINEL" not in text and "Pseudonym" in text
    assert lines[0]["bundle_id"] == json.loads((out / "manifest.json").read_text())["bundle_id"]
