"""Fixtures for fault tests: small tmpfs mounts that can be filled, and vault helpers."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

MIB = 1024 * 1024


def make_vault(root: Path, name: str = "Fault") -> Registry:
    return Registry.create(root, PASSPHRASE, name=name, org=f"Ministry of {name}", country="SE",
                           kdf=FAST_TEST_PARAMS)


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the disk-full tests as root")
    pytest.skip(f"{reason} (run as root, or in CI, to test a full disk)")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """``mount(size_mib)`` → a fresh tmpfs of that size, unmounted when the test ends.

    Mount points live under the test's own tmp_path, so parallel workers never share one.
    """
    mounted: list[Path] = []

    def mount(size_mib: int) -> Path:
        point = tmp_path / f"tmpfs-{len(mounted)}"
        point.mkdir()
        try:
            proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mib}M,mode=0700",
                                   "tmpfs", str(point)], capture_output=True, text=True,
                                  check=False, timeout=30)
        except FileNotFoundError:
            _skip_or_fail("mount(8) is not installed")
        if proc.returncode != 0:
            _skip_or_fail(f"mounting a tmpfs is not permitted here: {proc.stderr.strip()}")
        mounted.append(point)
        return point

    try:
        yield mount
    finally:
        for point in reversed(mounted):
            done = subprocess.run(["umount", str(point)], capture_output=True, check=False)
            if done.returncode != 0:  # something still holds a file open: detach lazily
                subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def fill(folder: Path, leave: int, name: str = "ballast") -> Path:
    """Write a ballast file so that about ``leave`` bytes stay free on ``folder``'s disk."""
    path = folder / name
    chunk = b"\0" * MIB
    with path.open("ab") as handle:
        while (room := free_bytes(folder) - leave) > 0:
            try:
                handle.write(chunk[:min(room, MIB)])
                handle.flush()
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    return path


def unfill(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
