"""Typed application options over QSettings, with versioned upgrades (Picard ``config.py``).

Only harmless preferences live here: the idle lock delay, the language and window layout.
Never a passphrase, a key, a record, a search text, or the vault's contents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

VERSION = 1


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    type: type


OPTIONS = {o.key: o for o in (
    Option("autolock_minutes", 5, int),
    Option("language", "", str),  # "" = the system's language
    Option("window/geometry", QByteArray(), QByteArray),
    Option("window/state", QByteArray(), QByteArray),
)}
LANGUAGES = ("en", "ru")

# upgrade steps: UPGRADES[n] brings version n to n + 1
UPGRADES: dict[int, Callable[[QSettings], None]] = {}


class Settings:
    """The typed view of QSettings used by the app (tests point QSettings at tmp_path)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._s = store or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                     "Registry", "registry")
        self._upgrade()

    def _upgrade(self) -> None:
        stored = self._s.value("settings_version", 0) or 0  # an int, or a str from the file
        version = int(stored) if isinstance(stored, (int, float, str)) else 0
        while version < VERSION:
            if version in UPGRADES:
                UPGRADES[version](self._s)
            version += 1
        self._s.setValue("settings_version", VERSION)

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        value = self._s.value(key, option.default)
        try:
            return option.type(value) if value is not None else option.default
        except (TypeError, ValueError):
            return option.default

    def set(self, key: str, value: Any) -> None:
        option = OPTIONS[key]
        self._s.setValue(key, option.type(value))
        self._s.sync()

    @property
    def autolock_minutes(self) -> int:
        return max(1, min(120, int(self.get("autolock_minutes"))))

    @property
    def language(self) -> str:
        lang = str(self.get("language"))
        return lang if lang in LANGUAGES else ""

    def keys(self) -> list[str]:
        return list(self._s.allKeys())
