"""The wheel holds every module, the Designer forms and the resources (DESIGN §3)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _declared() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_in_the_tree_is_declared() -> None:
    found = {".".join(p.parent.relative_to(ROOT / "src").parts)
             for p in (ROOT / "src" / "registry").rglob("__init__.py")}
    mapped = {"registry.ui", "registry.resources", "registry.resources.icons",
              "registry.resources.translations", "registry.resources.data",
              "registry.resources.guide"}
    assert _declared() == found | mapped, "update [tool.setuptools] packages in pyproject.toml"


@pytest.mark.slow
def test_wheel_contains_modules_forms_and_resources(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("registry-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT / "src")) for p in (ROOT / "src").rglob("*.py")}
    assert modules <= names
    for folder, pattern in (("ui", "*.ui"), ("resources/icons", "*.svg"),
                            ("resources/data", "*.json"), ("resources/translations", "*.qm"),
                            ("resources/guide", "*.md")):
        shipped = {f"registry/{folder}/{p.name}" for p in (ROOT / folder).glob(pattern)}
        assert shipped and shipped <= names, folder
