"""Small-cell suppression for anything that leaves the vault (DESIGN §4.2, §8).

:func:`suppress` takes figures as produced by ``to_json()`` / :func:`registry.analytics.stats`
and returns a copy in which every count below :data:`SMALL_CELL` (zero included) is blanked
to None, together with what would let a reader recover it:

* a share is blanked when its numerator or its denominator is blanked
  (:data:`SHARE_PARTS`; a key ``x_share`` otherwise derives from the count ``x``);
* concentration figures (``top10_share``, ``hhi``, ``provider_hhi``, founded shares) are
  blanked when fewer than five recipients (providers) stand behind them;
* complementary suppression in a partition (:data:`PARTITIONS`, e.g. women + men + other +
  undisclosed = total): while exactly one part is blanked, or the blanked parts add up to
  fewer than five, the smallest visible part is blanked too, so no small cell can be found
  by subtraction.

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
    ("gender_declared", ("women", "men", "other")),
    ("total", ("ethnicity_declared", "ethnicity_undisclosed")),
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
    """Secondary suppression: hidden cells of a partition must not be recoverable.

    While a known partition has exactly one hidden part, or hidden parts that add up to
    fewer than five, its smallest visible part is hidden too.
    """
    hidden = set(small)
    changed = True
    while changed:
        changed = False
        for total, parts in PARTITIONS:
            if not all(is_count(k, figures.get(k)) for k in (total, *parts)):
                continue
            cells = [p for p in parts if p in hidden]
            exposed = len(cells) == 1 or sum(figures[p] for p in cells) < SMALL_CELL
            visible = sorted((figures[p], p) for p in parts if p not in hidden)
            if cells and exposed and visible:
                hidden.add(visible[0][1])
                changed = True
    return hidden - small


def _derived_from_small(key: str, figures: dict[str, Any], small: set[str]) -> bool:
    parts = SHARE_PARTS.get(key)
    if parts is None and key.endswith("_share"):
        parts = (key.removesuffix("_share"),)
    if parts is None:
        return False
    return any(p in small or (p in figures and figures[p] is None) for p in parts)
