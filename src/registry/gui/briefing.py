"""The PDF briefing for decision-makers (DESIGN §8): aggregates only, small cells suppressed.

:func:`figures` runs on the database thread and returns plain data that has already passed
``analytics.suppress`` — plus complementary suppression for the partitions the briefing adds
(people by region and federal district, permits by host country), so no hidden cell can be
recovered by subtraction. It holds **no person's name at all** and no record id: only
counts, shares, amounts, region codes and the sender's own identity. :func:`render` paints
it with QPainter on a QPdfWriter (Qt only); :func:`save` writes the bytes atomically with
mode 0600 to the path the user chose. :func:`write_briefing` does all three (headless use).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from registry.analytics.suppress import SMALL_CELL
from registry.gui.i18n import translate

if TYPE_CHECKING:
    from registry.service import Registry

MARKER = "<5"
"""What a suppressed count reads as in the briefing."""


# -- figures (database thread; Qt-free logic) ------------------------------------------------------
def figures(reg: Registry, today: dt.date) -> dict[str, Any]:
    """The briefing's figures, suppressed, with the sender and the date."""
    from registry import analytics
    from registry.analytics import coverage
    from registry.gui.dashboard.data import region_names

    conn = reg.store.conn
    targets = analytics.Targets.load(conn)
    stats = analytics.stats(conn, today, targets)
    raw = _aggregates(stats)
    hidden = _complements(raw)
    out = analytics.suppress(raw)
    _blank(out, hidden)
    ident = reg.identity
    out["sender"] = {"name": ident.name, "org": ident.org, "country": ident.country}
    out["date"] = today.isoformat()
    out["targets"] = targets.to_json()
    out["tiles"] = {c: list(p) for c, p in coverage.grid().items()}
    out["region_names"] = {c: list(n) for c, n in region_names().items()}
    return out


def _aggregates(stats: dict[str, Any]) -> dict[str, Any]:
    """Only aggregates: plurality, coverage, support, permits, evaluations (no ids, no names)."""
    support = stats["support"]
    head = support["by_currency"].get(support["currency"], {})
    regions = stats["regions"]
    people_total = stats["people"]["total"]
    return {
        "counts": dict(stats["counts"]),
        **{
            p: {k: v for k, v in stats[p].items() if k != "regions"}
            for p in ("people", "participants", "recipients")
        },
        "origin": {
            **regions["origin"],
            "unknown_origin": regions["unknown_origin"],
            "people_total": people_total,
        },
        "coverage": dict(regions["coverage"]),
        "coverage_media": dict(regions["coverage_media"]),
        "districts": {
            d: {"origin": v["origin"], "covered": v["covered"], "covered_media": v["covered_media"]}
            for d, v in regions["districts"].items()
        },
        "blind_spots": list(regions["blind_spots"]),
        "silent": list(regions["silent"]),
        "without_support": list(regions["without_support"]),
        "support": {
            "currency": support["currency"],
            "total": support["total"],
            "recipients": support["recipients"],
            "providers": support["providers"],
            "top10_share": support["top10_share"],
            "hhi": support["hhi"],
            "provider_hhi": support["provider_hhi"],
            "founded_shares": head.get("founded_shares", {}),
            "overlaps": len(support["overlaps"]),
            "undated": support["undated"],
        },
        "horizons": support["horizons"],
        "gaps": support["gaps"],
        "permits": stats["permits"],
        "evaluations": {k: v for k, v in stats["evaluations"].items()},
    }


def _partitions(raw: dict[str, Any]) -> list[tuple[tuple[str, ...], list[tuple[str, ...]]]]:
    """(total cell, part cells) for every sum the briefing shows, as paths into ``raw``."""
    from registry.domain.regions import DISTRICTS

    out = [
        (
            ("origin", "people_total"),
            [("origin", c) for c in raw["origin"] if c not in ("people_total",)],
        )
    ]
    out += [
        (("districts", d, "origin"), [("origin", c) for c in codes])
        for d, codes in DISTRICTS.items()
    ]
    out.append(
        (
            ("origin", "people_total"),
            [("districts", d, "origin") for d in DISTRICTS] + [("origin", "unknown_origin")],
        )
    )
    for days in (30, 90, 180):
        out.append(
            (
                ("permits", f"expiring_{days}"),
                [
                    ("permits", f"by_country_{days}", c)
                    for c in raw["permits"][f"by_country_{days}"]
                ],
            )
        )
    return out


def _get(data: dict[str, Any], path: tuple[str, ...]) -> int:
    for key in path:
        data = data[key]
    return int(data)  # type: ignore[arg-type]


def _complements(raw: dict[str, Any]) -> set[tuple[str, ...]]:
    """Cells to hide besides the small ones, so no hidden cell follows from a shown sum.

    In each partition, while the total is shown, hidden parts must be none, or several that
    add up to five or more; while the total is hidden, at least one part must be hidden too.
    Otherwise the smallest shown part is hidden as well; repeated until nothing changes.
    """
    parts = _partitions(raw)
    cells = {p for total, ps in parts for p in (total, *ps)}
    hidden = {c for c in cells if _get(raw, c) < SMALL_CELL}
    changed = True
    while changed:
        changed = False
        for total, ps in parts:
            shut = [p for p in ps if p in hidden]
            if total in hidden:
                exposed = not shut
            else:
                exposed = bool(shut) and (
                    len(shut) == 1 or sum(_get(raw, p) for p in shut) < SMALL_CELL
                )
            shown = sorted((_get(raw, p), p) for p in ps if p not in hidden)
            if exposed and shown:
                hidden.add(shown[0][1])
                changed = True
    return hidden


def _blank(data: dict[str, Any], cells: Iterable[tuple[str, ...]]) -> None:
    for path in cells:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = None


# -- rendering (GUI thread) ------------------------------------------------------------------------
def _fmt(value: Any, pattern: Callable[[Any], str] = lambda v: f"{v:,}") -> str:
    return MARKER if value is None else pattern(value)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


class _Page:
    """A cursor over the pages of a QPdfWriter."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer, self.p = writer, painter
        self.area = QRectF(painter.viewport())
        self.y = 0.0
        self.base = QFont(painter.font())
        self.base.setPointSizeF(10)
        painter.setFont(self.base)

    @property
    def line(self) -> float:
        return self.p.fontMetrics().height() * 1.25

    def need(self, height: float) -> None:
        if self.y + height > self.area.height():
            self.writer.newPage()
            self.y = 0.0

    def text(self, text: str, size: float = 10, bold: bool = False) -> None:
        font = QFont(self.base)
        font.setPointSizeF(size)
        font.setBold(bold)
        self.p.setFont(font)
        rect = self.p.boundingRect(
            QRectF(0, 0, self.area.width(), 10_000), int(Qt.TextFlag.TextWordWrap), text
        )
        self.need(rect.height() + self.line * 0.3)
        self.p.setPen(QColor("black"))
        self.p.drawText(
            QRectF(0, self.y, self.area.width(), rect.height()), int(Qt.TextFlag.TextWordWrap), text
        )
        self.y += rect.height() + self.line * 0.3
        self.p.setFont(self.base)

    def rows(self, rows: list[tuple[str, ...]], widths: tuple[float, ...] | None = None) -> None:
        cols = len(rows[0]) if rows else 1
        widths = widths or tuple([1 / cols] * cols)
        for row in rows:
            self.need(self.line)
            x = 0.0
            for cell, w in zip(row, widths, strict=False):
                self.p.setPen(QColor("black"))
                self.p.drawText(
                    QRectF(x, self.y, self.area.width() * w - 6, self.line),
                    int(Qt.AlignmentFlag.AlignVCenter),
                    cell,
                )
                x += self.area.width() * w
            self.y += self.line

    def chart(self, height: float, paint: Callable[[QPainter, QRectF], None]) -> None:
        self.need(height)
        self.p.setPen(QColor("black"))
        paint(self.p, QRectF(0, self.y, self.area.width(), height))
        self.p.setFont(self.base)
        self.y += height + self.line * 0.5


def render(data: dict[str, Any]) -> bytes:
    """The PDF of the (already suppressed) briefing figures."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(144)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(translate("Briefing", "Briefing: Russian civil society in exile"))
    writer.setCreator("Registry")
    painter = QPainter(writer)
    page = _Page(writer, painter)
    for section in (_cover, _plurality, _coverage, _support, _permits, _evaluations):
        section(page, data)
    painter.end()
    buffer.close()
    return bytes(QByteArray(buffer.data()).data())


def _cover(page: _Page, data: dict[str, Any]) -> None:
    sender = data["sender"]
    page.text(translate("Briefing", "Briefing: Russian civil society in exile"), 18, bold=True)
    page.text(
        translate("Briefing", "From: {0}, {1} ({2})")
        .replace("{0}", sender["name"])
        .replace("{1}", sender["org"])
        .replace("{2}", sender["country"]),
        11,
    )
    page.text(translate("Briefing", "Date: {0}").replace("{0}", data["date"]), 11)
    page.text(
        translate(
            "Briefing",
            "Aggregate figures from the sender's registry. Counts below five are shown "
            "as {0} and counts from which they could be worked out are hidden too; no "
            "person is named.",
        ).replace("{0}", MARKER),
        9,
    )
    counts = data["counts"]
    page.rows(
        [
            (translate("Briefing", "People recorded"), _fmt(counts.get("person"))),
            (translate("Briefing", "Organisations recorded"), _fmt(counts.get("organisation"))),
            (translate("Briefing", "Support records"), _fmt(counts.get("support"))),
            (translate("Briefing", "Evaluations"), _fmt(counts.get("evaluation"))),
        ],
        (0.5, 0.5),
    )


def _plurality(page: _Page, data: dict[str, Any]) -> None:
    from registry.analytics.targets import Targets
    from registry.gui.dashboard.charts import paint_share_bars
    from registry.gui.dashboard.plurality_tab import (
        metric_rows,
        share_rows,
    )

    page.text(translate("Briefing", "Plurality"), 14, bold=True)
    rows = share_rows(data, Targets.from_json(data["targets"]))
    page.chart(page.line * len(rows) * 1.2, lambda p, r: paint_share_bars(p, r, rows, MARKER))
    table = [
        (
            translate("Briefing", "Figure"),
            translate("Briefing", "All people"),
            translate("Briefing", "Participants"),
            translate("Briefing", "Recipients"),
        )
    ]
    table += [
        (label, *(v.replace("—", MARKER) for v in values)) for label, values in metric_rows(data)
    ]
    page.rows(table, (0.43, 0.19, 0.19, 0.19))


def _coverage(page: _Page, data: dict[str, Any]) -> None:
    from registry.gui.dashboard.coverage_tab import district_titles
    from registry.gui.dashboard.regionmap import paint_region_grid

    page.writer.newPage()
    page.y = 0.0
    page.text(translate("Briefing", "Regional coverage"), 14, bold=True)
    tiles = {c: (int(r), int(k)) for c, (r, k) in data["tiles"].items()}
    for key, title in (
        ("origin", translate("Briefing", "People by region of origin")),
        ("coverage", translate("Briefing", "Organisations and media covering each region")),
    ):
        page.text(title, 11, bold=True)
        values = {c: data[key].get(c) for c in tiles}
        page.chart(
            page.area.width() * 0.62, lambda p, r, v=values: paint_region_grid(p, r, tiles, v)
        )
    names = district_titles()
    rows = [
        (
            translate("Briefing", "Federal district"),
            translate("Briefing", "People of origin"),
            translate("Briefing", "Covering organisations"),
            translate("Briefing", "Covering media"),
        )
    ]
    rows += [
        (names.get(d, d), _fmt(v["origin"]), _fmt(v["covered"]), _fmt(v["covered_media"]))
        for d, v in data["districts"].items()
    ]
    page.rows(rows, (0.46, 0.18, 0.18, 0.18))
    blind = [data["region_names"].get(c, [c, c])[1] for c in data["blind_spots"]]
    page.text(
        translate("Briefing", "Blind spots ({0} regions covered by no organisation): {1}")
        .replace("{0}", str(len(blind)))
        .replace("{1}", ", ".join(blind) or "—"),
        9,
    )


def _support(page: _Page, data: dict[str, Any]) -> None:
    from registry.gui.dashboard.support_tab import concentration_rows

    page.writer.newPage()
    page.y = 0.0
    page.text(translate("Briefing", "Support: concentration and overlaps"), 14, bold=True)
    rows = [
        (label, MARKER if text == "—" else text)
        for label, text in concentration_rows(data["support"])
    ]
    page.rows(rows, (0.6, 0.4))
    page.text(translate("Briefing", "Horizons"), 11, bold=True)
    page.rows(
        [
            (
                translate("Briefing", "Horizon"),
                translate("Briefing", "Supports"),
                translate("Briefing", "Recipients"),
                translate("Briefing", "Running today"),
            )
        ]
        + [
            (k, _fmt(h["supports"]), _fmt(h["recipients"]), _fmt(h["active"]))
            for k, h in data["horizons"].items()
        ],
        (0.3, 0.23, 0.23, 0.24),
    )
    page.text(
        translate("Briefing", "Regions without any support: {0}").replace(
            "{0}", str(len(data["without_support"]))
        ),
        10,
    )


def _permits(page: _Page, data: dict[str, Any]) -> None:
    from registry.gui.dashboard.charts import paint_count_bars

    permits = data["permits"]
    page.text(translate("Briefing", "Permits expiring"), 14, bold=True)
    page.rows(
        [
            (
                translate("Briefing", "Within {0} days").replace("{0}", str(d)),
                translate("Briefing", "{0} permits, {1} people")
                .replace("{0}", _fmt(permits[f"expiring_{d}"]))
                .replace("{1}", _fmt(permits[f"people_{d}"])),
            )
            for d in (30, 90, 180)
        ],
        (0.4, 0.6),
    )
    items = sorted(permits["by_country_180"].items(), key=lambda i: -(i[1] or 0))[:12]
    if items:
        page.text(translate("Briefing", "Within 180 days, by host country"), 10, bold=True)
        page.chart(page.line * len(items) * 1.1, lambda p, r: paint_count_bars(p, r, items, MARKER))


def _evaluations(page: _Page, data: dict[str, Any]) -> None:
    from registry.gui.dashboard.charts import paint_trend
    from registry.gui.dashboard.evaluations_tab import criteria

    ev = data["evaluations"]
    page.text(translate("Briefing", "Evaluations on the three criteria"), 14, bold=True)
    page.text(
        translate("Briefing", "Actors evaluated: {0}; assessors disagree (spread ≥ {1}) on {2}.")
        .replace("{0}", _fmt(ev["subjects"]))
        .replace("{1}", str(ev["threshold"]))
        .replace("{2}", _fmt(ev["disagreements"])),
        10,
    )
    trend = ev["trend"]
    periods = [t["period"] for t in trend]
    series = [[t["mean"][k] for t in trend] for k in range(3)]
    page.chart(
        page.area.width() * 0.35, lambda p, r: paint_trend(p, r, periods, series, criteria())
    )


# -- writing -------------------------------------------------------------------------------------
def save(pdf: bytes, path: str | Path) -> None:
    """Write the PDF atomically, readable by the owner only (0600)."""
    from registry.fsutil import atomic_write

    atomic_write(Path(path), pdf, 0o600)


def write_briefing(
    source: Registry | dict[str, Any], path: str | Path, today: dt.date | None = None
) -> dict[str, Any]:
    """Figures (from a Registry, or given), rendered and saved; returns the figures.

    With a Registry this runs its queries on the calling thread: in the app use the
    dashboard, which gathers the figures on the database thread.
    """
    data = source if isinstance(source, dict) else figures(source, today or dt.date.today())
    save(render(data), path)
    return data
