"""Helpers for the interop tests: files written into tmp_path, vault snapshots."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from registry.service import Registry
from tests.conftest import hash_tree
from tests.passphrase import PASSPHRASE


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Sheet") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def snapshot(reg: Registry) -> tuple[Registry, dict[str, str]]:
    """Lock, hash every file of the vault, unlock again: (new registry, hashes)."""
    root = reg.paths.root
    reg.lock()
    hashes = hash_tree(root)
    return Registry.unlock(root, PASSPHRASE), hashes


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def make(rows: Sequence[Sequence[object]], **kw: str) -> Path:
        return write_csv(tmp_path / f"in{next(counter)}.csv", rows, **kw)
    return make
