"""Helpers for the streamed-import tests: import a list of bundles at a part size into
copies of one vault, and compare."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from registry.service import Registry
from registry.sync import importer
from registry.sync.progress import job
from tests.passphrase import PASSPHRASE

BIG = 100_000  # one part for any bundle of these tests: the whole-bundle merge


def imported(vault: Registry, bundles: list[Path], part_size: int, *,
             dry_run: bool = False) -> list[dict[str, Any]]:
    """The reports as JSON (``import_id`` as a bool: ids differ between copies)."""
    checked = vault.sharing.check(bundles)
    reports = importer.import_files(vault.store, vault.sharing.keys, vault.sharing.trust,
                                    checked, job(), dry_run=dry_run, part_size=part_size,
                                    shares=vault.sharing._shares)
    return [{**r.to_json(), "import_id": bool(r.import_id)} for r in reports]


def run(vault: Registry, bundles: list[Path], part_size: int, *,
        dry_run: bool = False) -> Any:
    """:func:`imported`, or the refusal: ("refused", its type, its message)."""
    try:
        return imported(vault, bundles, part_size, dry_run=dry_run)
    except Exception as e:
        return ("refused", type(e).__name__, str(e))


def copies(vault: Registry, tmp_path: Path, names: tuple[Any, ...]) -> dict[Any, Registry]:
    """Copies of ``vault`` (locked meanwhile), one per name, each unlocked."""
    root = vault.paths.root
    vault.lock()
    out = {}
    for n in names:
        dest = tmp_path / f"copy-{n}"
        shutil.copytree(root, dest)
        out[n] = Registry.unlock(dest, PASSPHRASE)
    return out
