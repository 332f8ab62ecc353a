"""The figures of the PDF briefing (DESIGN §8): what it prints, suppressed in one pass.

:func:`build` takes :func:`registry.analytics.stats` and returns the part of it the briefing
prints (:func:`printed_patterns`; same shape, same keys), held back by the one rule of
:mod:`registry.analytics.suppress` — the figures the briefing does not print count as never
shown, and are still protected when small. ``held`` maps every held-back value's path
(``"people/women_share"``) to its reason (:meth:`Held.to_json`), so the PDF can say what was
held back and why. No record id and no name leave here: only counts, shares, amounts,
scores, region codes and country codes.

Host countries: the chart lists a country only when its count is shown, so a country's mere
presence does not say that somebody's permit there runs out; the held-back countries are
added up into ``"other"`` — a number a reader can work out anyway when the total is shown,
and held back with it otherwise.
"""

from __future__ import annotations

import copy
from typing import Any

from registry.analytics.suppress import (
    ANY,
    POPULATIONS,
    SMALL_CELL,
    WINDOWS,
    Held,
    Path,
    Pattern,
    Unit,
    What,
    Why,
    hold_back,
)

OTHER = "other"
"""The key of the held-back host countries, added up (see the module doc)."""

POPULATION_KEYS = (
    "total", "women", "men", "other", "undisclosed", "gender_declared", "women_share",
    "women_ok", "ethnicity_declared", "ethnicity_undisclosed", "non_russian",
    "non_russian_share", "non_russian_ok", "groups", "with_any_group", "inside_russia",
)
"""Plurality figures per population (``gender_declared`` is not a row, but a shown share and
its numerator give it, so it counts as shown)."""

SUPPORT_KEYS = ("currency", "total", "recipients", "providers", "top10_share", "hhi",
                "provider_hhi", "overlaps")


def printed_patterns(stats: dict[str, Any]) -> list[Pattern]:
    """Everything the briefing prints, as patterns into ``stats`` (:data:`ANY`: every key)."""
    currency = str(stats.get("support", {}).get("currency"))
    return [
        *(("counts", kind) for kind in ("person", "organisation", "support", "evaluation")),
        *((pop, key) for pop in POPULATIONS for key in POPULATION_KEYS),
        ("regions", "origin"), ("regions", "coverage"),
        *(("regions", "districts", ANY, k) for k in ("origin", "covered", "covered_media")),
        ("regions", "blind_spots"), ("regions", "without_support"),
        *(("support", key) for key in SUPPORT_KEYS),
        ("support", "by_currency", currency, "founded_shares"),
        *(("support", "horizons", ANY, k) for k in ("supports", "recipients", "active")),
        *(("permits", f"{k}_{d}") for k in ("expiring", "people") for d in WINDOWS),
        ("permits", f"by_country_{WINDOWS[-1]}"),
        ("evaluations", "subjects"), ("evaluations", "disagreements"),
        ("evaluations", "threshold"),
        ("evaluations", "trend", ANY, "period"), ("evaluations", "trend", ANY, "mean"),
    ]


def build(stats: dict[str, Any]) -> dict[str, Any]:
    """The briefing's figures (a subset of ``stats``) suppressed, with ``held`` reasons."""
    figures = copy.deepcopy(stats)
    support = figures.get("support", {})
    if isinstance(support.get("overlaps"), list):  # the cases, not who they are
        support["overlaps"] = len(support["overlaps"])
    patterns = printed_patterns(figures)

    def printed(path: Path) -> bool:
        return any(_matches(p, path) for p in patterns)

    result = hold_back(figures, printed=printed)
    out: dict[str, Any] = _project(result.figures, patterns)
    held = dict(result.held)
    _fold_countries(out, held, figures)
    out["held"] = {"/".join(p): h.to_json() for p, h in sorted(held.items())}
    return out


def reason(data: dict[str, Any], *path: str) -> Held | None:
    """The reason the value at ``path`` of :func:`build`'s figures is held back, if it is."""
    found = data.get("held", {}).get("/".join(path))
    return Held.from_json(found) if found else None


def _matches(pattern: Pattern, path: Path) -> bool:
    """True when ``pattern`` names ``path`` or a dict or list that holds it."""
    return len(pattern) <= len(path) and all(
        p in (ANY, k) for p, k in zip(pattern, path, strict=False))


def _project(node: Any, patterns: list[Pattern], path: Path = ()) -> Any:
    if any(len(p) <= len(path) and _matches(p, path) for p in patterns):
        return node
    wanted = [p for p in patterns if len(p) > len(path) and _matches(p[:len(path)], path)]
    if isinstance(node, dict):
        return {k: _project(v, wanted, (*path, str(k))) for k, v in node.items()
                if any(p[len(path)] in (ANY, str(k)) for p in wanted)}
    if isinstance(node, list):
        return [_project(v, wanted, (*path, str(i))) for i, v in enumerate(node)]
    return node


def _fold_countries(out: dict[str, Any], held: dict[Path, Held], raw: dict[str, Any]) -> None:
    key = f"by_country_{WINDOWS[-1]}"
    countries = out.get("permits", {}).get(key)
    if not isinstance(countries, dict):
        return
    total = out["permits"][f"expiring_{WINDOWS[-1]}"]
    shown = {c: n for c, n in countries.items() if n is not None}
    hidden = [c for c, n in countries.items() if n is None]
    for country in hidden:
        held.pop(("permits", key, country), None)
    if hidden:
        shown[OTHER] = None if total is None else total - sum(shown.values())
        few = sum(raw["permits"][key][c] for c in hidden) < SMALL_CELL
        if total is None:
            held[("permits", key, OTHER)] = Held(
                What.COUNT, Why.FEW if few else Why.SUBTRACTION, Unit.PERMITS)
    out["permits"][key] = shown
