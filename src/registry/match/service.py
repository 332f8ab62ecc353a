"""Duplicates as the application layer serves them (``Registry.matching``): the candidate
pairs with their evidence, the user's decisions and the review queue. The duplicates screen
and ``registry duplicates`` reach :mod:`registry.match.review` only through this object, so
both propose the same pairs and keep a decision the same way (one transaction, validated as a
local edit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from registry.match import review
from registry.match.duplicates import DEFAULT_THRESHOLD
from registry.match.review import DECISIONS, Candidate, Decision, Queued

if TYPE_CHECKING:
    from registry.service import Registry

__all__ = ["DECISIONS", "DEFAULT_THRESHOLD", "Candidate", "Decision", "Matching", "Queued"]


class Matching:
    """Duplicate detection and review over one unlocked vault."""

    def __init__(self, reg: Registry) -> None:
        self._reg = reg

    def candidates(self, min_score: float = DEFAULT_THRESHOLD) -> list[Candidate]:
        """Pairs at or above ``min_score`` (and every queued pair) without a decision, best
        first, each with its evidence in words."""
        return review.candidates(self._reg, min_score)

    def decide(self, a: str, b: str, decision: str) -> Decision:
        """Keep ``same`` / ``not_same`` / ``unsure`` for a pair; ``same`` merges the newer
        record into the older one."""
        return review.decide(self._reg, a, b, decision)

    def decisions(self) -> list[Decision]:
        """Every decision kept in this vault."""
        return review.decisions(self._reg)

    def queued(self) -> list[Queued]:
        """Pairs put in the review queue on purpose (e.g. a spreadsheet namesake)."""
        return review.queued(self._reg)
