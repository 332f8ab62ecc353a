"""What duplicate review offers a user, without the matching code: the decisions kept on a
pair and the lowest score shown by default. ``registry duplicates`` takes its choices and
default from here, so that building the command line loads none of :mod:`registry.match`'s
name comparison (the same values as :mod:`registry.match.names` and
:mod:`registry.match.review`, which take them from here)."""

from __future__ import annotations

__all__ = ["DECISIONS", "DEFAULT_THRESHOLD"]

DEFAULT_THRESHOLD = 0.85
DECISIONS = ("same", "not_same", "unsure")
