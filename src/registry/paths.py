"""Where the shipped data folders are: ``ui/`` (Designer forms) and ``resources/``.

An installed wheel and the frozen build carry them inside the package (``registry/ui``,
``registry/resources``); a source checkout has them at its top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``ui`` or ``resources``, wherever this installation keeps it."""
    if name not in ("ui", "resources"):
        raise ValueError(name)
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / name


def resource(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource("icons", "person.svg")``."""
    return data_dir("resources").joinpath(*parts)
