"""SVG icons from ``resources/icons``: scalable, so they stay sharp on HiDPI screens."""

from __future__ import annotations

import functools

from PySide6.QtGui import QIcon

from registry.paths import resource


@functools.cache
def icon(name: str) -> QIcon:
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
