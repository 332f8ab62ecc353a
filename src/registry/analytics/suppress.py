"""Small-cell suppression for anything that leaves the vault (DESIGN §4.2, §8).

:func:`suppress` takes figures as produced by ``to_json()`` / :func:`registry.analytics.stats`
and returns a copy in which every count below :data:`SMALL_CELL` (zero included) is blanked
to None, together with what would let a reader recover it:

* a share is blanked when its numerator or its denominator is blanked
  (:data:`SHARE_PARTS`; a key ``x_share`` otherwise derives from the count ``x``);
* concentration figures (``top10_share``, ``hhi``, ``provider_hhi``, founded shares) are
  blanked when fewer than five recipients (providers) stand behind them;
* complementary suppression in a partition: when the parts of a known total (gender: women,
  men, other, undisclosed) have exactly one blanked cell, the next smallest is blanked too,
  so the hidden cell cannot be found by subtraction.

Counts are the integers of the figures; integers under the keys in :data:`NOT_COUNTS`
(years, tile positions, scores, days) are not counts and are left alone, as are amounts
(floats) and lists of record ids. The vault's own screen shows unsuppressed figures.
"""

from __future__ import annotations

from typing import Any

SMALL_CELL = 5

NOT_COUNTS = frozenset({
    "row", "col", "rows", "cols", "year", "days_left", "source", "target", "node", "degree",
    "spread", "scores", "mean", "membership", "disagreement_spread", "threshold", "version",
})

SHARE_PARTS: dict[str, tuple[str, ...]] = {
    "women_share": ("women", "gender_declared"),
    "non_russian_share": ("non_russian", "ethnicity_declared"),
    "women_ok": ("women", "gender_declared"),
    "non_russian_ok": ("non_russian", "ethnicity_declared"),
    "share_people": ("people",),
    "share_recipients": ("recipients",),
    "top10_share": ("recipients",),
    "hhi": ("recipients",),
    "provider_hhi": ("providers",),
    "founded_shares": ("recipients",),
}

PARTITIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("total", ("women", "men", "other", "undisclosed")),
)


def is_count(key: str, value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and key not in NOT_COUNTS


def suppress(figures: Any) -> Any:
    """A suppressed deep copy of ``figures`` (dicts, lists and scalars); see the module doc."""
    if isinstance(figures, list):
        return [suppress(item) for item in figures]
    if not isinstance(figures, dict):
        return figures
    out = {k: suppress(v) if isinstance(v, dict | list) else v for k, v in figures.items()}
    small = {k for k, v in figures.items() if is_count(k, v) and v < SMALL_CELL}
    small |= _complements(figures, small)
    for key in small:
        out[key] = None
    for key in figures:
        if _derived_from_small(key, figures, small):
            out[key] = None
    return out


def _complements(figures: dict[str, Any], small: set[str]) -> set[str]:
    """Secondary suppression: never leave one blanked cell alone in a known partition."""
    extra: set[str] = set()
    for total, parts in PARTITIONS:
        present = [p for p in parts if is_count(p, figures.get(p))]
        if total not in figures or len(present) < len(parts):
            continue
        hidden = [p for p in parts if p in small]
        if len(hidden) == 1 and total not in small:
            visible = sorted((figures[p], p) for p in parts if p not in small)
            extra.add(visible[0][1])
    return extra


def _derived_from_small(key: str, figures: dict[str, Any], small: set[str]) -> bool:
    parts = SHARE_PARTS.get(key)
    if parts is None and key.endswith("_share"):
        parts = (key.removesuffix("_share"),)
    if parts is None:
        return False
    return any(p in small or (p in figures and figures[p] is None) for p in parts)
