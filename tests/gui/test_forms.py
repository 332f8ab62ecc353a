"""The committed forms (src/registry/gui/forms) are what scripts/compile-forms makes of
ui/*.ui now, with the pyside6-uic of the pinned PySide6: a .ui edited without recompiling, or
a compiled form edited by hand, fails here (and so in CI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_compiled_forms_match_their_ui() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "compile-forms"), "--check"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
