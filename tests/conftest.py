"""Fixtures shared by the whole suite: real vaults (fast key derivation) and the real CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

NULL_KEYRING = "keyring.backends.null.Keyring"


def pytest_configure(config: pytest.Config) -> None:
    """Processes the tests start see no keychain either (they inherit the variable); the
    tests of the real Secret Service remove it (``scripts/with-keyring``, ``keyring_env``)."""
    del config
    os.environ["PYTHON_KEYRING_BACKEND"] = NULL_KEYRING


@pytest.fixture(scope="session", autouse=True)
def shared_bytecode(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The processes tests start (hundreds of ``registry`` commands) keep the bytecode they
    compile in one cache in this run's temp folder, as an installed app keeps its own: with
    PYTHONDONTWRITEBYTECODE set and no cache beside the sources, every command compiled every
    module it imports again (about 0.1-0.2 s a command). The sources stay untouched."""
    os.environ["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.getbasetemp() / "pycache")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A test of scale (``no_cover``: fifty thousand rows, a million lines, fifty kills) runs
    untraced: the small tests reach the same lines, and tracing would double its time.
    pytest-cov pauses coverage for such a test, but in an xdist worker two collectors run and
    stopping its own resumes the other. This runs inside that pause: it removes the thread's
    trace function for the call and puts it back (coverage's tracer carries on from there)."""
    tracer = sys.gettrace()
    if tracer is None or item.get_closest_marker("no_cover") is None:
        return (yield)
    sys.settrace(None)
    try:
        return (yield)
    finally:
        sys.settrace(tracer)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked ``slow`` first (in their order), the rest after them: parallel
    workers, handed tests as they finish the ones before, then end on short ones together
    rather than one waiting for the other's last minute-long test."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def no_keychain() -> None:
    """In-process tests see no keychain, so none can reach the developer's own. The tests of
    the real Secret Service set their backend themselves (or run in a subprocess)."""
    keyring.set_keyring(null.Keyring())


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Registry]:
    """An unlocked vault in tmp_path with a fast (test-only) key derivation."""
    registry = Registry.create(tmp_path / "vault", PASSPHRASE, name="Test Official",
                               org="Test Ministry", country="SE", kdf=FAST_TEST_PARAMS)
    yield registry
    registry.lock()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@dataclass
class Cli:
    """Runs ``python -m registry`` as a user would, with HOME and TMPDIR inside the test."""

    home: Path
    tmp: Path

    def env(self, passphrase: str | None, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("REGISTRY_") or k == "REGISTRY_DEBUG"}
        env.update(HOME=str(self.home), TMPDIR=str(self.tmp),
                   XDG_DATA_HOME=str(self.home / ".local" / "share"),
                   XDG_CONFIG_HOME=str(self.home / ".config"),
                   PYTHON_KEYRING_BACKEND=NULL_KEYRING)
        if passphrase is not None:
            env["REGISTRY_PASSPHRASE"] = passphrase
        env.update(extra or {})
        return env

    def __call__(self, vault: Path, *args: str, passphrase: str | None = PASSPHRASE,
                 env: dict[str, str] | None = None, timeout: float = 300) -> CliResult:
        proc = subprocess.run(
            [sys.executable, "-m", "registry", "--vault", str(vault), *args],
            env=self.env(passphrase, env), capture_output=True, text=True, timeout=timeout,
            stdin=subprocess.DEVNULL, check=False)
        return CliResult(proc.returncode, proc.stdout, proc.stderr)


def fast_vault(root: Path, name: str = "Alice", org: str = "MFA", country: str = "SE") -> Path:
    """A locked vault at ``root``, as ``registry init`` makes one but with the fast (test-only)
    key derivation: for command-line tests of something else, whose every command unlocks it
    (the real derivation takes about 0.6 s a command). Tests of ``init`` itself, and of what a
    passphrase seals, create theirs through the command line."""
    Registry.create(root, PASSPHRASE, name=name, org=org, country=country,
                    kdf=FAST_TEST_PARAMS).lock()
    return root


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    return Cli(home, tmp)


def hash_tree(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` by relative path."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def tree_hash() -> Callable[[Path], dict[str, str]]:
    return hash_tree


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Stable ids for byte-string parameters, so parallel workers collect the same tests
    (random keys or gzip timestamps would otherwise differ from one process to the next)."""
    del config
    if isinstance(val, bytes | bytearray):
        return f"{argname}-{len(val)}bytes"
    return None
