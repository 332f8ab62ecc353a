"""The paper's plurality targets and the analytics thresholds, editable in settings.

Defaults follow the policy paper: women "around half" of participants (0.50 ± 0.05) and
people of non-Russian ethnic origin "at least 15–20 %" (below 0.15 is a gap, 0.20 is the
goal). The targets live in the vault's ``meta`` table under :data:`META_KEY` as JSON, so
the command line and the desktop app read the same values; a missing or damaged entry
falls back to the defaults.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from registry.analytics._db import Connection

META_KEY = "analytics_targets"


@dataclass(frozen=True)
class Targets:
    """Targets and thresholds; every share is a fraction 0..1."""

    women: float = 0.50
    women_tolerance: float = 0.05
    non_russian_min: float = 0.15
    non_russian_goal: float = 0.20
    parity_tolerance: float = 0.20
    """A group is under-represented among recipients when its share there is below its
    share among people by more than this fraction of the latter."""
    disagreement_spread: int = 2
    """Evaluations disagree when one criterion's scores spread by at least this much."""

    def __post_init__(self) -> None:
        for name in ("women", "women_tolerance", "non_russian_min", "non_russian_goal",
                     "parity_tolerance"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ValueError(f"target {name} must be a fraction between 0 and 1")
        if not isinstance(self.disagreement_spread, int) or not 1 <= \
                self.disagreement_spread <= 4:
            raise ValueError("target disagreement_spread must be a whole number 1-4")

    def women_ok(self, value: float | None) -> bool | None:
        """True within the tolerance band around the women target; None without data."""
        if value is None:
            return None
        return abs(value - self.women) <= self.women_tolerance

    def non_russian_ok(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.non_russian_min

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Targets:
        """Targets from a mapping; unknown keys are ignored, bad values raise ValueError."""
        if not isinstance(data, dict):
            raise ValueError("targets must be a JSON object")
        known = {f.name for f in fields(cls)}
        return replace(cls(), **{k: v for k, v in data.items() if k in known})

    def dumps(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True)

    @classmethod
    def load(cls, conn: Connection) -> Targets:
        """The vault's saved targets, or the defaults when none (or unreadable) are saved."""
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
        if row is None:
            return cls()
        try:
            return cls.from_json(json.loads(row[0]))
        except ValueError:
            return cls()
