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
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

import registry
from registry import errors
from registry.gui import i18n
from registry.gui.errors import (
    APP_WORDING,
    CLASS_MESSAGES,
    CLI_MENTION,
    class_message,
    error_text,
    wording,
)
from registry.gui.i18n import translate
from registry.gui.sharing.import_wizard import not_applied_text
from registry.sync import signatures
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
    """``{template: where}`` for each ``QT_TRANSLATE_NOOP("Errors", "…")`` of the core, and of
    the GUI where it raises an error of the core's (the other context the core marks is
    tested apart)."""
    out: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        gui = "gui" in path.relative_to(SRC).parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "QT_TRANSLATE_NOOP":
                context, text = (ast.literal_eval(a) for a in node.args)
                # errors; and the reasons an import's report gives (sync.signatures.REASONS)
                assert gui or context in ("Errors", "Sharing"), f"{path}:{node.lineno}"
                if context == "Errors":
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


def test_an_editor_asked_to_open_a_record_of_another_kind_says_so_in_russian(
        russian: None, registry: Any) -> None:
    from registry.domain.enums import Kind
    from registry.gui.editors import data

    person = registry.add(Kind.PERSON, {"name": "Анна Иванова"})
    assert data.load_record(registry, person.id, Kind.PERSON).id == person.id
    with pytest.raises(errors.InvalidInput) as caught:
        data.load_record(registry, person.id, Kind.ORGANISATION)
    assert "another kind" in str(caught.value)
    assert "другого типа" in error_text(caught.value)


def test_a_file_not_written_says_which_and_what_to_do_in_russian(russian: None,
                                                                 tmp_path: Path) -> None:
    import errno

    from registry import fsutil

    target = tmp_path / "colleague.rbundle"
    full = fsutil._not_written(target, OSError(errno.ENOSPC, "No space left on device"))
    assert str(full) == ("The disk is full: colleague.rbundle was not written. Free some "
                         "space and try again.")  # the command line's, as before
    assert error_text(full).startswith("Диск заполнен: файл colleague.rbundle не записан.")
    denied = fsutil._not_written(target, PermissionError(errno.EACCES, "Permission denied"))
    assert str(denied).startswith(f"{target} could not be written (permission denied).")
    assert error_text(denied).startswith(f"Не удалось записать {target} (нет прав доступа).")


def test_why_the_system_refused_is_said_in_russian(russian: None, tmp_path: Path) -> None:
    """The system's reason (``strerror``) is English whatever the language: the failures a
    user meets are said in words the app translates; any other keeps the system's text."""
    import errno

    from registry import fsutil

    target = tmp_path / "missing folder" / "colleague.rbundle"
    with pytest.raises(errors.WriteFailed) as caught, fsutil.atomic_writer(target) as out:
        out.write(b"x")  # pragma: no cover - the folder is missing: never opened
    assert str(caught.value).startswith(f"{target} could not be written (no such file or "
                                        "folder).")
    shown = error_text(caught.value)
    assert shown.startswith(f"Не удалось записать {target} (нет такого файла или папки).")
    assert not checks.english_words(shown.replace(str(target), ""), KEYS), shown
    for code, reason in errors._OS_REASONS.items():
        said = errors.os_reason(OSError(code, "system text"))
        assert said == reason and said != "system text"
        assert CYRILLIC.search(translate("Errors", said)), said
    assert errors.os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == \
        "Invalid cross-device link"
    assert translate("Errors", errors.os_reason(OSError("no number"))) == "ошибка ввода-вывода"


def test_an_unmarked_message_shows_its_class_message(russian: None) -> None:
    exc = errors.BundleError("The bundle is 3 GB, above the 1 GB limit.")
    assert error_text(exc) == class_message(exc)
    assert "Ничего не импортировано" in error_text(exc)


def test_english_shows_the_core_text(qapp: QApplication) -> None:
    assert i18n.install(qapp, "en") == "en"
    exc = errors.VaultError(errors.QT_TRANSLATE_NOOP("Errors", "No vault key file at {path}."),
                            path="/tmp/x")
    assert error_text(exc) == str(exc) == "No vault key file at /tmp/x."


def _sample(template: str) -> errors.RegistryError:
    return errors.RegistryError(template, **{name: "/tmp/x" for name in fields(template)})


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_marked_message_speaks_of_the_command_line_in_the_app(qapp: QApplication,
                                                                 lang: str) -> None:
    """The app says what to do in the app: no marked template is shown with an option
    ("--vault"), a command ("registry init") or an environment variable — and not merely by
    falling back to its class's message: the app has its own wording of it."""
    assert i18n.install(qapp, lang) == lang
    try:
        for template, where in marked_templates().items():
            exc = _sample(template)
            text = wording(exc)
            assert text is not None, f"{where}: no text in {lang}"
            assert not CLI_MENTION.search(text), f"{where}: the app shows {text!r} ({lang})"
            assert error_text(exc) == text, where
    finally:
        i18n.install(qapp, "en")


def test_the_app_wording_keeps_the_fields_of_a_marked_template(russian: None) -> None:
    marked = marked_templates()
    for template, app in APP_WORDING.items():
        assert template in marked, f"no core message is marked {template!r}"
        assert CLI_MENTION.search(template), f"{template!r} needs no wording of the app's"
        assert fields(app()) == fields(template), template
        assert CYRILLIC.search(app()), f"{template!r}: the app's wording not translated"
    i18n.install(QApplication.instance(), "en")  # type: ignore[arg-type]
    for template, app in APP_WORDING.items():
        assert fields(app()) == fields(template) and not CLI_MENTION.search(app()), template


def test_cli_mention_finds_options_commands_and_variables() -> None:
    for text in ("choose it with --vault.", "Use 'registry search' to find it.",
                 "set REGISTRY_PASSPHRASE", "or run from a terminal", "запустите из терминала",
                 "в командной строке"):
        assert CLI_MENTION.search(text), text
    for text in ("The file is not a Registry backup.", "a well-known site — or not",
                 "Another window or command is writing to the vault.", "2026-12-03"):
        assert not CLI_MENTION.search(text), text


def test_an_unmarked_message_naming_the_command_line_shows_its_class_message(
        qapp: QApplication) -> None:
    assert i18n.install(qapp, "en") == "en"
    exc = errors.NotFound("No held change with that id (see 'registry bundle held').")
    assert error_text(exc) == class_message(exc)


def test_every_reason_an_import_gives_is_shown_in_russian(russian: None) -> None:
    """Why an import left a change out: one text a reason, in the core (the command line
    prints it), shown translated by the app."""
    source = Path(signatures.__file__).read_text(encoding="utf-8")
    given = {getattr(signatures, name) for line in re.findall(r'"reason": ([^}]*)', source)
             for name in re.findall(r"\b[A-Z][A-Z_]+\b", line)}
    assert len(given) >= 5 and given == set(signatures.REASONS)
    for reason, text in signatures.REASONS.items():
        shown = not_applied_text(reason)
        assert shown != text and CYRILLIC.search(shown), reason
