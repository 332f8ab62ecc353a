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


def test_every_wizard_stands_in_the_one_shell() -> None:
    """Every dialog that walks through pages (a class named …Wizard, and the first run) is a
    WizardShell: one frame, one set of buttons, one problem banner, one progress model."""
    import importlib
    import inspect
    import pkgutil

    import registry.gui
    from registry.gui.wizard import WizardShell

    walkers = []
    for module in pkgutil.walk_packages(registry.gui.__path__, "registry.gui."):
        if ".forms." in module.name:
            continue
        for name, cls in inspect.getmembers(importlib.import_module(module.name),
                                            inspect.isclass):
            if cls.__module__ == module.name and (name.endswith("Wizard")
                                                  or name == "FirstRunDialog"):
                walkers.append(cls)
    assert len(walkers) >= 4, walkers  # first run, export, import, spreadsheet
    assert [c.__name__ for c in walkers if not issubclass(c, WizardShell)] == []
