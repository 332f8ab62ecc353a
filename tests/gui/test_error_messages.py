"""Core errors reach a Russian screen in Russian (registry.gui.errors).

- every error class a user can meet (every ``RegistryError`` subclass in the package) has its
  own message in the GUI, which says what to do, translated into Russian;
- every message the core marks with ``QT_TRANSLATE_NOOP("Errors", …)`` has a Russian
  translation with the same ``{fields}``, and is shown in Russian with its values;
- a message not marked is shown, on a Russian screen, as its class's message; in English
  the core's own text is shown unchanged.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import registry
from registry import errors
from registry.gui import i18n
from registry.gui.errors import CLASS_MESSAGES, class_message, error_text
from registry.gui.i18n import translate
from tests.gui import screen_checks as checks

SRC = Path(registry.__file__).parent
KEYS = frozenset({"caps", "lock"})  # the key's name, as printed on it
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def error_classes() -> set[type[errors.RegistryError]]:
    """Every RegistryError class of the package (every module outside gui/ imported)."""
    for info in pkgutil.walk_packages([str(SRC)], "registry."):
        if not info.name.startswith("registry.gui") and info.name != "registry.__main__":
            importlib.import_module(info.name)
    return {errors.RegistryError, *_subclasses(errors.RegistryError)}


def marked_templates() -> dict[str, str]:
    """``{template: where}`` for each ``QT_TRANSLATE_NOOP("Errors", "…")`` of the core."""
    out: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "gui" in path.relative_to(SRC).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "QT_TRANSLATE_NOOP":
                context, text = (ast.literal_eval(a) for a in node.args)
                assert context == "Errors", f"{path}:{node.lineno}"
                out[text] = f"{path.relative_to(SRC)}:{node.lineno}"
    return out


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    assert i18n.install(qapp, "ru") == "ru"
    yield
    i18n.install(qapp, "en")


def test_every_error_class_has_a_russian_message(russian: None) -> None:
    classes = error_classes()
    assert len(classes) >= 20
    missing = sorted(c.__name__ for c in classes if c.__name__ not in CLASS_MESSAGES)
    assert not missing, f"error classes with no message of their own in the GUI: {missing}"
    for cls in classes:
        text = class_message(cls.__new__(cls))
        assert CYRILLIC.search(text), f"{cls.__name__}: {text!r}"
        assert not checks.english_words(text, KEYS), f"{cls.__name__}: {text!r}"


def test_every_marked_core_message_has_a_russian_translation(russian: None) -> None:
    marked = marked_templates()
    assert len(marked) >= 20
    for template, where in marked.items():
        text = translate("Errors", template)
        assert text != template and CYRILLIC.search(text), f"{where}: not translated"
        assert fields(text) == fields(template), f"{where}: {text!r} lost or added a field"


def test_a_marked_message_is_shown_in_russian_with_its_values(russian: None,
                                                             tmp_path: Path) -> None:
    from registry.service import Registry

    with pytest.raises(errors.VaultError) as caught:
        Registry.unlock(tmp_path / "nowhere", "x")
    shown = error_text(caught.value)
    assert shown.startswith("В ") and str(tmp_path / "nowhere") in shown
    assert "No vault" in str(caught.value)  # the command line stays English


def test_an_unmarked_message_shows_its_class_message(russian: None) -> None:
    exc = errors.BundleError("The bundle is 3 GB, above the 1 GB limit.")
    assert error_text(exc) == class_message(exc)
    assert "Ничего не импортировано" in error_text(exc)


def test_english_shows_the_core_text(qapp: QApplication) -> None:
    assert i18n.install(qapp, "en") == "en"
    exc = errors.VaultError(errors.QT_TRANSLATE_NOOP("Errors", "No vault key file at {path}."),
                            path="/tmp/x")
    assert error_text(exc) == str(exc) == "No vault key file at /tmp/x."
