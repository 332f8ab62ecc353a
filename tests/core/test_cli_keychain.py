"""``--remember`` through the CLI with the real Secret Service (gnome-keyring on a private bus)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.passphrase import PASSPHRASE

pytestmark = [pytest.mark.keychain, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def _require_tools() -> None:
    missing = [t for t in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(t)]
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must provide {missing} for the keychain tests")
    if missing:
        pytest.skip(f"{missing} not installed")


def test_remember_round_trips_through_secret_service(tmp_path: Path) -> None:
    _require_tools()
    vault = tmp_path / "v"
    reg = f"{sys.executable} -m registry --vault {vault}"
    asked = ("from registry.service import is_remembered; from pathlib import Path; "
             f"print('is_remembered:', is_remembered(Path('{vault}')))")  # the unlock dialog's
    script = f"""
set -e
REGISTRY_PASSPHRASE='{PASSPHRASE}' {reg} init --name K --org O --country SE --remember
{reg} add person --name 'Запомненный Ключ' --json >/dev/null
{reg} search Zapomnenny --json | grep -q Запомненный
echo remembered-ok
{sys.executable} -c "{asked}"
{sys.executable} -c "from registry.vault import keychain, keyfile; from pathlib import Path; \
print(keychain.forget(keyfile.read_header(Path('{vault}') / 'vault.key').vault_id))"
{sys.executable} -c "{asked}"
if {reg} search x >/dev/null 2>&1; then echo 'still unlocked without entry'; exit 1; fi
REGISTRY_PASSPHRASE='{PASSPHRASE}' {reg} search Zapomnenny --json | grep -q Запомненный
echo passphrase-still-works
"""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("REGISTRY_") and k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(HOME=str(tmp_path), TMPDIR=str(tmp_path))
    done = subprocess.run([str(ROOT / "scripts" / "with-keyring"), "sh", "-c", script],
                          env=env, capture_output=True, text=True, timeout=180, check=False,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "remembered-ok" in done.stdout and "passphrase-still-works" in done.stdout
    assert "This computer now remembers" in done.stdout
    # the unlock dialog offers the keychain while it holds the key, and not after
    assert done.stdout.count("is_remembered: True") == 1
    assert done.stdout.count("is_remembered: False") == 1


PLAINTEXT_BACKEND = '''
import keyring.backend

class PlainFile(keyring.backend.KeyringBackend):
    priority = 10
    store = {}
    def get_password(self, service, username):
        return self.store.get((service, username))
    def set_password(self, service, username, password):
        self.store[(service, username)] = password
    def delete_password(self, service, username):
        self.store.pop((service, username), None)
'''


def test_plaintext_backend_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plainkeyring.py").write_text(PLAINTEXT_BACKEND)
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env.update(HOME=str(tmp_path), TMPDIR=str(tmp_path), REGISTRY_PASSPHRASE=PASSPHRASE,
               PYTHON_KEYRING_BACKEND="plainkeyring.PlainFile",
               PYTHONPATH=os.pathsep.join([str(tmp_path), *sys.path]))
    done = subprocess.run([sys.executable, "-m", "registry", "--vault", str(tmp_path / "v"),
                           "init", "--name", "K", "--org", "O", "--country", "SE", "--remember"],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr  # the vault is made; only remembering is refused
    assert "plainkeyring.PlainFile" in done.stderr and "refused" in done.stderr.lower()
    assert "remembers" not in done.stdout
    assert (tmp_path / "v" / "vault.key").exists()
