"""GUI tests: offscreen platform, one session QApplication, settings under tmp_path.

Every test in this folder is marked ``gui`` automatically, so the core suite runs with
``-m "not gui"`` on a machine without Qt's platform libraries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from registry.domain.enums import Kind
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path, qapp: object) -> Iterator[None]:
    """QSettings of the app land under tmp_path, never in the user's profile."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "settings"))
    yield


@pytest.fixture(autouse=True)
def _english_at_start(qapp: Any) -> None:
    """Each test starts as the app does: with its English plural forms installed ("Import 1
    bundle"), whatever language a test before it in the same process left."""
    from registry.gui import i18n

    i18n.install(qapp, "en")


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def registry(vault_dir: Path) -> Iterator[object]:
    """A fresh, unlocked vault (fast KDF) with the official's identity."""
    from registry.service import Registry

    reg = Registry.create(vault_dir, PASSPHRASE, name="Test Official", org="Test Ministry",
                          country="SE", kdf=FAST_TEST_PARAMS)
    yield reg
    reg.lock()


@pytest.fixture
def filled(registry: object) -> object:
    """A vault with two organisations, three people and a tie."""
    reg = registry
    org = reg.add(Kind.ORGANISATION, {"name": "Новая газета", "name_latin": "Novaya Gazeta",  # type: ignore[attr-defined]
                                      "type": "media", "country": "LV"})
    reg.add(Kind.ORGANISATION, {"name": "Мемориал", "name_latin": "Memorial",  # type: ignore[attr-defined]
                                "type": "human_rights", "country": "DE"})
    anna = reg.add(Kind.PERSON, {"name": "Анна Иванова", "name_latin": "Anna Ivanova",  # type: ignore[attr-defined]
                                 "roles": ["journalist"], "region": "RU-MOW", "country": "LV"})
    reg.add(Kind.PERSON, {"name": "Борис Петров", "roles": ["activist"],  # type: ignore[attr-defined]
                          "region": "RU-SPE", "inside_russia": True})
    reg.add(Kind.PERSON, {"name": "Вера Смирнова", "roles": ["researcher"], "country": "DE"})  # type: ignore[attr-defined]
    reg.add(Kind.TIE, {"from_id": anna.id, "to_id": org.id, "kind": "works_for"})  # type: ignore[attr-defined]
    return reg


@pytest.fixture(params=["en", "ru"])
def lang(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    """The interface in each language in turn (English again afterwards)."""
    from registry.gui import i18n

    assert i18n.install(qapp, request.param) == request.param
    yield request.param
    i18n.install(qapp, "en")


@pytest.fixture
def window(qtbot: Any, registry: Any) -> Any:
    """The main window over ``registry``, shown at 1280×800."""
    from registry.gui.mainwindow import MainWindow
    from registry.gui.tasks import SyncTasks

    shown = MainWindow(SyncTasks(registry))
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    return shown
