"""A file size limit (a FAT32 drive's 4 GiB; here RLIMIT_FSIZE) says what it is and loses
nothing: ``passwd --rotate``, ``import`` and ``backup`` refuse with the limit named, not with
"failed unexpectedly", and the vault is unchanged."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from registry.service import Registry
from tests.conftest import Cli
from tests.faults.conftest import make_vault
from tests.passphrase import PASSPHRASE

NEW = "plum kettle orbit lantern violet"


def _people(path: Path, tag: str, n: int = 1500) -> Path:
    path.write_text("name,notes\n" + "\n".join(
        f"{tag}{i} Человек{i} Ок,note {i} {'x' * 300}" for i in range(n)), encoding="utf-8")
    return path


def _limited(cli: Cli, vault: Path, limit: int, *args: str,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "registry", "--vault", str(vault), *args],
                          env=cli.env(PASSPHRASE, env), capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL, preexec_fn=cap, check=False)


@pytest.fixture
def big(tmp_path: Path) -> tuple[Path, str, int]:
    vault = tmp_path / "vault"
    reg = make_vault(vault)
    reg.interop.spreadsheet(_people(tmp_path / "p.csv", "Первый")).run()
    digest = reg.digest()
    reg.lock()
    return vault, digest, (vault / "registry.db").stat().st_size // 2


@pytest.mark.parametrize("command", ["rotate", "import", "backup"])
def test_a_file_size_limit_is_named_and_nothing_is_lost(big: tuple[Path, str, int],
                                                         tmp_path: Path, cli: Cli,
                                                         command: str) -> None:
    vault, digest, limit = big
    args, env = {
        "rotate": (("passwd", "--rotate"), {"REGISTRY_NEW_PASSPHRASE": NEW}),
        "import": (("import", str(_people(tmp_path / "q.csv", "Второй"))), None),
        "backup": (("backup", str(tmp_path / "b.rbackup")), None),
    }[command]
    proc = _limited(cli, vault, limit, *args, env=env)
    assert proc.returncode == 1
    assert "unexpectedly" not in proc.stderr
    assert "largest file" in proc.stderr and "FAT32" in proc.stderr
    assert not (tmp_path / "b.rbackup").exists()
    reg = Registry.unlock(vault, PASSPHRASE)  # the old passphrase: nothing changed
    try:
        assert reg.check() == [] and reg.digest() == digest
        assert getattr(reg, "rotation_settled", None) is None  # a refused rotation: nothing staged
    finally:
        reg.lock()


def test_without_a_limit_the_same_backup_is_written(big: tuple[Path, str, int],
                                                    tmp_path: Path, cli: Cli) -> None:
    vault, _, _ = big
    assert cli(vault, "backup", str(tmp_path / "b.rbackup")).code == 0


def test_efbig_from_a_plain_write_names_the_limit(tmp_path: Path) -> None:
    code = ("import resource, sys; from pathlib import Path; "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); "
            "from registry.fsutil import atomic_write; from registry.errors import FileTooLarge\n"
            "try: atomic_write(Path(sys.argv[1]), bytes(10000))\n"
            "except FileTooLarge as e: print('refused:', e)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out.csv")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr  # SIGXFSZ did not kill it
    assert proc.stdout.startswith("refused: out.csv would be larger")
    assert list(tmp_path.iterdir()) == []
