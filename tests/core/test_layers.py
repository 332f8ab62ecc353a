"""The import-linter contracts of pyproject.toml (DESIGN §3): they hold on the tree, and each
breaks when a forbidden import is planted in a copy of it (so a contract cannot pass by
checking nothing)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` over the package under ``root/src`` with ``root/pyproject.toml``."""
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run([str(LINT), "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, check=False)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "src" / "registry", tmp_path / "src" / "registry",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _plant(root: Path, module: str, line: str) -> None:
    path = root / "src" / Path(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text() + f"\n{line}  # planted\n")


def test_the_tree_keeps_every_contract() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("registry.gui.display", "import registry.store.records",
     "GUI and CLI reach store, review, retention, backup via the facade BROKEN"),
    ("registry.cli_sharing", "from registry.store import audit",
     "GUI and CLI reach store, review, retention, backup via the facade BROKEN"),
    ("registry.gui.duplicates.data", "from registry.match.review import decide",
     "GUI and CLI reach store, review, retention, backup via the facade BROKEN"),
    ("registry.cli_backup", "import registry.retention",
     "GUI and CLI reach store, review, retention, backup via the facade BROKEN"),
    ("registry.store.listing", "import registry.gui.display",
     "Dependencies point one way (DESIGN §3) BROKEN"),
    ("registry.sync.wire", "import registry.service",
     "Dependencies point one way (DESIGN §3) BROKEN"),
    ("registry.analytics.coverage", "import PySide6.QtCore",
     "Nothing outside gui/ imports Qt BROKEN"),
])
def test_a_planted_import_breaks_its_contract(tmp_path: Path, module: str, line: str,
                                              contract: str) -> None:
    root = _copy(tmp_path)
    assert _lint(root).returncode == 0  # the copy itself is clean: the planted line decides
    _plant(root, module, line)
    result = _lint(root)
    assert result.returncode != 0
    assert contract in result.stdout, result.stdout


def test_no_front_end_touches_the_store_or_a_connection() -> None:
    """Issue-level check beside the import contracts: no attribute access either (``reg.store``,
    ``something.conn``) in the GUI or the CLI; they reach the vault through the facade."""
    src = ROOT / "src" / "registry"
    files = [*sorted((src / "gui").rglob("*.py")), *sorted(src.glob("cli*.py"))]
    door = re.compile(r"\.store\b|\.conn\b")
    found = [f"{f.relative_to(ROOT)}:{n}: {line.strip()}"
             for f in files for n, line in enumerate(f.read_text().splitlines(), 1)
             if door.search(line)]
    assert len(files) > 40 and found == []


def test_class_names_say_one_thing() -> None:
    """No two classes in the package share a name (generated forms aside): a name that means
    two things sends the next reader to the wrong file."""
    import ast
    from collections import defaultdict

    defined: dict[str, list[str]] = defaultdict(list)
    package = Path(__file__).resolve().parents[2] / "src" / "registry"
    for path in package.rglob("*.py"):
        if "forms" in path.relative_to(package).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                defined[node.name].append(str(path.relative_to(package)))
    assert {name: where for name, where in defined.items() if len(where) > 1} == {}
