"""The OS keychain: a real Secret Service (gnome-keyring on a private D-Bus), refusals."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from jeepney import MessageType
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null

from registry.errors import InvalidInput, KeychainError
from registry.vault.keychain import SERVICE, backend_status, forget, recall, remember

from .conftest import VAULT_ID

SERVICE_BINARIES = ("dbus-daemon", "dbus-run-session", "dbus-send", "gnome-keyring-daemon")
ROOT = Path(__file__).resolve().parents[2]
OTHER_VAULT = "0b9c7a4e-5f1d-4c1a-9d3e-000000000002"


def require_secret_service_tools() -> None:
    """Skip only outside CI when the tools are absent; in CI a missing tool is a failure."""
    missing = [name for name in SERVICE_BINARIES if shutil.which(name) is None]
    if not missing:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide {', '.join(missing)} for the keychain tests")
    pytest.skip(f"{', '.join(missing)} not installed (set CI=1 to make this a failure)")


def keyring_env(home: Path) -> dict[str, str]:
    """An environment whose keyring files live under ``home``, not the user's."""
    runtime = home / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
            "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}


class PlaintextKeyring(KeyringBackend):
    """What keyrings.alt's PlaintextKeyring amounts to: secrets in a readable dict."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        self.store.pop((service, username), None)


@pytest.fixture
def use_backend() -> Iterator[Any]:
    """``use_backend(b)`` makes ``b`` keyring's backend for one test, then restores it."""
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretService.Keyring]:
    """A real gnome-keyring Secret Service on a private session bus, for this process."""
    require_secret_service_tools()
    env = keyring_env(tmp_path_factory.mktemp("keyring-home"))
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile",
                            "--print-address=1"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, env=env, text=True)
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon_pid: int | None = None
    try:
        # Not --foreground: started that way under load, the daemon now and then leaves its
        # login collection locked for good (about 1 start in 15 on a busy 2-core machine).
        # Daemonising, it returns only once the collection is created and unlocked.
        subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                       input=b"test keyring password", stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env, timeout=60, check=True)
        daemon_pid = _owner_pid(address, "org.freedesktop.secrets")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
            backend = SecretService.Keyring()
            _wait_until_ready(backend)
            yield backend
    finally:
        if daemon_pid is not None:
            os.kill(daemon_pid, signal.SIGTERM)
        bus.terminate()
        bus.wait(timeout=10)
        bus.stdout.close()


def _owner_pid(address: str, name: str) -> int:
    """The process that owns ``name`` on the bus at ``address`` (the daemonised keyring,
    which takes its name on the bus just after it returns): waits for it, bounded."""
    deadline = time.monotonic() + 30
    with open_dbus_connection(address) as connection:
        while True:
            reply = connection.send_and_get_reply(message_bus.GetConnectionUnixProcessID(name))
            if reply.header.message_type is MessageType.method_return:
                (pid,) = reply.body
                return int(pid)
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing took {name} on the test bus: {reply.body}")
            time.sleep(0.05)


def _wait_until_ready(backend: SecretService.Keyring) -> None:
    """Wait until a write works (bounded): the daemon has answered before it returned, so
    this is a check that the collection takes writes without a prompt, not a race."""
    deadline = time.monotonic() + 30
    while True:
        try:
            backend.set_password("readiness probe", "probe", "ready")
            backend.delete_password("readiness probe", "probe")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    collect_quietly()


def collect_quietly() -> None:
    """Collect D-Bus sockets that keyring leaves open when a call fails (its error paths
    skip ``close``), so their ResourceWarning does not land in an unrelated test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.fixture
def service_backend(secret_service: SecretService.Keyring, use_backend: Any) -> Iterator[Any]:
    use_backend(secret_service)
    yield secret_service
    for vault_id in (VAULT_ID, OTHER_VAULT):
        forget(vault_id)
    collect_quietly()


# -- the real Secret Service -------------------------------------------------------------------


@pytest.mark.keychain
def test_secret_service_round_trip_in_dbus_run_session(tmp_path: Path) -> None:
    """remember / recall / forget against gnome-keyring in a session of its own
    (``scripts/with-keyring``, as one would try it by hand)."""
    require_secret_service_tools()
    snippet = tmp_path / "snippet.py"
    snippet.write_text(textwrap.dedent(f"""
        import json, os
        from registry.vault import keychain
        key = os.urandom(32)
        status = keychain.backend_status()
        keychain.remember({VAULT_ID!r}, key)
        back = keychain.recall({VAULT_ID!r})
        gone = keychain.forget({VAULT_ID!r})
        print(json.dumps({{"status": list(status), "same": back == bytearray(key),
                          "type": type(back).__name__, "forgot": gone,
                          "after": keychain.recall({VAULT_ID!r}),
                          "again": keychain.forget({VAULT_ID!r})}}))
    """))
    env = keyring_env(tmp_path)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    done = subprocess.run([str(ROOT / "scripts" / "with-keyring"), sys.executable, str(snippet)],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"][:2] == [True, "Secret Service"]
    assert result == {**result, "same": True, "type": "bytearray", "forgot": True,
                      "after": None, "again": True}


@pytest.mark.keychain
def test_status_names_secret_service(service_backend: Any) -> None:
    status = backend_status()
    assert status.usable
    assert status.backend_name == "Secret Service"
    assert "Secret Service" in status.message


@pytest.mark.keychain
def test_remember_recall_forget(service_backend: Any) -> None:
    key = os.urandom(32)
    remember(VAULT_ID, key)
    recalled = recall(VAULT_ID)
    assert isinstance(recalled, bytearray)
    assert recalled == key
    assert service_backend.get_password(SERVICE, VAULT_ID) == key.hex()
    assert forget(VAULT_ID) is True
    assert recall(VAULT_ID) is None
    assert forget(VAULT_ID) is True


@pytest.mark.keychain
def test_entries_are_per_vault_and_replaced(service_backend: Any) -> None:
    first, second, third = (os.urandom(32) for _ in range(3))
    remember(VAULT_ID, first)
    remember(OTHER_VAULT, bytearray(second))
    remember(VAULT_ID, third)
    assert recall(VAULT_ID) == third
    assert recall(OTHER_VAULT) == second
    forget(VAULT_ID)
    assert recall(OTHER_VAULT) == second


@pytest.mark.keychain
@pytest.mark.parametrize("stored", ["not hex at all", "ab" * 31, "zz" * 32, "ab" * 33])
def test_unreadable_entry_is_no_entry(service_backend: Any, stored: str) -> None:
    service_backend.set_password(SERVICE, VAULT_ID, stored)
    assert recall(VAULT_ID) is None


@pytest.mark.keychain
def test_remember_checks_what_was_kept(service_backend: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A keychain that accepts the key but returns something else is reported."""
    monkeypatch.setattr(service_backend, "get_password", lambda service, user: "00" * 32)
    with pytest.raises(KeychainError, match="did not keep"):
        remember(VAULT_ID, os.urandom(32))


@pytest.mark.keychain
def test_chain_uses_allowed_backend_only(service_backend: Any, use_backend: Any,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    plaintext = PlaintextKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plaintext, service_backend])
    use_backend(chainer.ChainerBackend())
    status = backend_status()
    assert status.usable and status.backend_name == "Secret Service"
    assert "PlaintextKeyring" in status.message
    key = os.urandom(32)
    remember(VAULT_ID, key)
    assert recall(VAULT_ID) == key
    assert forget(VAULT_ID)
    assert plaintext.calls == []
    assert plaintext.store == {}


@pytest.mark.keychain
@pytest.mark.parametrize("vault_id", ["", "no spaces", "x" * 129])
def test_bad_vault_id(service_backend: Any, vault_id: str) -> None:
    with pytest.raises(InvalidInput):
        recall(vault_id)
    with pytest.raises(InvalidInput):
        remember(vault_id, os.urandom(32))
    with pytest.raises(InvalidInput):
        forget(vault_id)


@pytest.mark.keychain
@pytest.mark.parametrize("key", [b"", b"\x07" * 31, "00" * 32], ids=["empty", "short", "hex-text"])
def test_remember_refuses_non_key(service_backend: Any, key: Any) -> None:
    with pytest.raises(KeychainError, match="32-byte"):
        remember(VAULT_ID, key)
    assert recall(VAULT_ID) is None


# -- keychains that must not be used -----------------------------------------------------------


def test_plaintext_backend_refused(use_backend: Any) -> None:
    plaintext = PlaintextKeyring()
    use_backend(plaintext)
    status = backend_status()
    assert not status.usable
    assert status.backend_name.endswith("test_vault_keychain.PlaintextKeyring")
    assert "refused" in status.message and "passphrase alone" in status.message
    with pytest.raises(KeychainError, match="PlaintextKeyring"):
        remember(VAULT_ID, os.urandom(32))
    assert recall(VAULT_ID) is None
    assert forget(VAULT_ID) is True
    assert plaintext.calls == []
    assert plaintext.store == {}


def test_subclass_of_allowed_backend_refused(use_backend: Any) -> None:
    """Allow-listing is by exact class: a look-alike subclass is not trusted."""

    class LookAlike(SecretService.Keyring):  # type: ignore[misc]
        pass

    use_backend(LookAlike())
    assert not backend_status().usable


def test_an_in_process_test_sees_no_keychain() -> None:
    """The suite's autouse fixture: nothing here can reach the developer's own keychain."""
    assert isinstance(keyring.get_keyring(), null.Keyring)
    assert not backend_status().usable


@pytest.mark.parametrize("backend", [null.Keyring, fail.Keyring])
def test_no_keychain_backends(use_backend: Any, backend: type[KeyringBackend]) -> None:
    use_backend(backend())
    status = backend_status()
    assert status == (False, "none", status.message)
    assert "passphrase alone" in status.message
    with pytest.raises(KeychainError, match="passphrase alone"):
        remember(VAULT_ID, os.urandom(32))
    assert recall(VAULT_ID) is None
    assert forget(VAULT_ID) is True


def test_empty_chain_is_no_keychain(use_backend: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [null.Keyring()])
    use_backend(chainer.ChainerBackend())
    assert backend_status().backend_name == "none"


def test_chain_with_only_plaintext_refused(use_backend: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    plaintext = PlaintextKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [fail.Keyring(), plaintext])
    use_backend(chainer.ChainerBackend())
    assert "PlaintextKeyring" in backend_status().backend_name
    with pytest.raises(KeychainError):
        remember(VAULT_ID, os.urandom(32))
    assert plaintext.calls == []


def test_null_backend_from_environment(tmp_path: Path) -> None:
    """PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring means "no keychain"."""
    snippet = textwrap.dedent(f"""
        import json, os
        from registry.errors import KeychainError
        from registry.vault import keychain
        try:
            keychain.remember({VAULT_ID!r}, os.urandom(32))
            refused = False
        except KeychainError:
            refused = True
        print(json.dumps({{"status": list(keychain.backend_status()), "refused": refused,
                          "recall": keychain.recall({VAULT_ID!r})}}))
    """)
    env = {**keyring_env(tmp_path), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    done = subprocess.run([sys.executable, "-c", snippet], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    result = json.loads(done.stdout)
    assert result["status"][:2] == [False, "none"]
    assert "works with the passphrase alone" in result["status"][2]
    assert result["refused"] is True
    assert result["recall"] is None


def test_broken_keyring_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("no such backend")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    status = backend_status()
    assert status[:2] == (False, "none")
    assert "could be loaded" in status.message
    assert recall(VAULT_ID) is None


def test_unreachable_secret_service(use_backend: Any, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An allowed keychain that is not running: remember fails clearly, the rest goes on."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    use_backend(SecretService.Keyring())
    with pytest.raises(KeychainError, match="could not store") as info:
        remember(VAULT_ID, os.urandom(32))
    assert "passphrase alone" in str(info.value)
    assert recall(VAULT_ID) is None
    assert forget(VAULT_ID) is False
    collect_quietly()
