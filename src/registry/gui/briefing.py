"""The PDF briefing for decision-makers (DESIGN §8): aggregates only, small cells suppressed.

``Registry.analytics.briefing_figures`` runs on the database thread and returns plain data
from :func:`registry.analytics.briefing_figures.build` — the figures the briefing prints, already
held back by the one suppression rule of ``registry.analytics.suppress``, each held-back
value with its reason — plus the sender's own identity, the date and the map's tiles. It
holds **no person's name at all** and no record id. :func:`render` paints it with QPainter on
a QPdfWriter (Qt only) and decides nothing about privacy: a count under five reads
:data:`MARKER`, any other held-back value :data:`HELD`, and the notes under each section say
what was held back and why. :func:`save` writes the bytes atomically with mode 0600 to the
path the user chose. :func:`write_briefing` does all three (headless use).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from registry.analytics.briefing_figures import OTHER, reason
from registry.analytics.suppress import Held, Unit, Why
from registry.gui.i18n import counts, number, percent, translate

if TYPE_CHECKING:
    from registry.service import Registry

MARKER = "<5"
"""What a count held back for being under five reads as in the briefing."""
HELD = "—"
"""What any other held-back value reads as (a share, an amount, a count held back so that a
small one cannot be worked out by subtraction); also a figure without data."""


# -- rendering (GUI thread) ------------------------------------------------------------------------
def reason_text(held: Held) -> str:
    """Why a value is held back, in the reader's language."""
    if held.why is Why.SUBTRACTION:
        return translate("Briefing", "a figure under 5 could be worked out from it by subtraction")
    return _few_texts().get(held.unit) or translate("Briefing", "fewer than 5 records")


def _few_texts() -> dict[Unit, str]:
    return {
        Unit.PEOPLE: translate("Briefing", "fewer than 5 people"),
        Unit.RECIPIENTS: translate("Briefing", "fewer than 5 recipients"),
        Unit.PROVIDERS: translate("Briefing", "fewer than 5 providers"),
        Unit.ORGANISATIONS: translate("Briefing", "fewer than 5 organisations"),
        Unit.PERMITS: translate("Briefing", "fewer than 5 permits"),
        Unit.SUPPORTS: translate("Briefing", "fewer than 5 support records"),
        Unit.EVALUATIONS: translate("Briefing", "fewer than 5 evaluations"),
        Unit.ACTORS: translate("Briefing", "fewer than 5 evaluated actors"),
        Unit.CASES: translate("Briefing", "fewer than 5 cases"),
    }


def _lookup(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _date(iso: str) -> str:
    """The date written out as the reader's language writes it ("1 December 2026")."""
    return QLocale().toString(QDate.fromString(iso, Qt.DateFormat.ISODate), "d MMMM yyyy")


def _ru() -> bool:
    return QLocale().language() == QLocale.Language.Russian


class _Notes:
    """The held-back values of one section, by reason, for the notes under it."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.by_reason: dict[str, list[str]] = {}

    def count(self, label: str, *path: str) -> str:
        """A count: its number, :data:`MARKER` when under five, else :data:`HELD` and a note."""
        value = _lookup(self.data, path)
        if value is not None:
            return number(value)
        held = reason(self.data, *path)
        if held is not None and held.why is Why.FEW:
            return MARKER
        self.note(label, held)
        return HELD

    def value(self, label: str, show: Callable[[Any], str], *path: str) -> str:
        """A share, amount, index or mean: never :data:`MARKER`; :data:`HELD` and a note."""
        value = _lookup(self.data, path)
        if value is not None:
            return show(value)
        self.note(label, reason(self.data, *path))
        return HELD

    def note(self, label: str, held: Held | None) -> None:
        if held is not None:
            labels = self.by_reason.setdefault(reason_text(held), [])
            if label not in labels:
                labels.append(label)

    def render(self, page: _Page) -> None:
        for why, labels in self.by_reason.items():
            page.text(
                translate("Briefing", "{0} held back ({1}): {2}.")
                .replace("{0}", HELD)
                .replace("{1}", why)
                .replace("{2}", "; ".join(labels)),
                8,
            )


def _legend(data: dict[str, Any], paths: list[tuple[str, ...]], mark: str) -> str:
    """One line for a chart whose held-back values are drawn as ``mark``: every reason."""
    reasons: list[str] = []
    for path in paths:
        held = reason(data, *path)
        if held is not None and reason_text(held) not in reasons:
            reasons.append(reason_text(held))
    if not reasons:
        return ""
    return (
        translate("Briefing", "{0} held back: {1}.")
        .replace("{0}", mark)
        .replace("{1}", "; ".join(reasons))
    )


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

    def rows(self, rows: Sequence[tuple[str, ...]],
             widths: tuple[float, ...] | None = None, header: bool = False,
             figures: bool = True) -> None:
        """A table: each cell wrapped in its column (never clipped), figures right-aligned;
        with ``header`` the first row is bold and ruled off; ``figures=False``: all left."""
        cols = len(rows[0]) if rows else 1
        widths = widths or tuple([1 / cols] * cols)
        for n, row in enumerate(rows):
            bold = header and n == 0
            font = QFont(self.base)
            font.setBold(bold)
            self.p.setFont(font)
            boxes = self._cells(row, widths)
            height = max(self.line, *(b.height() + self.line * 0.25 for b in boxes))
            self.need(height)
            x = 0.0
            for k, (cell, w) in enumerate(zip(row, widths, strict=False)):
                right = k and figures
                align = (Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft) \
                    | Qt.AlignmentFlag.AlignVCenter
                self.p.setPen(QColor("black"))
                self.p.drawText(QRectF(x, self.y, self.area.width() * w - self._gap, height),
                                int(align | Qt.TextFlag.TextWordWrap), cell)
                x += self.area.width() * w
            self.y += height
            if bold:
                self.p.setPen(QPen(QColor("#808080"), 1))
                self.p.drawLine(0, int(self.y), int(self.area.width()), int(self.y))
                self.y += self.line * 0.15
        self.p.setFont(self.base)
        self.y += self.line * 0.3

    @property
    def _gap(self) -> float:
        return self.p.fontMetrics().horizontalAdvance("  ")

    def _cells(self, row: Sequence[str], widths: Sequence[float]) -> list[QRectF]:
        return [
            self.p.boundingRect(QRectF(0, 0, self.area.width() * w - self._gap, 10_000),
                                int(Qt.TextFlag.TextWordWrap), cell)
            for cell, w in zip(row, widths, strict=False)
        ]

    def new_page(self) -> None:
        self.writer.newPage()
        self.y = 0.0

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
    """The title page: sender, date, scope, the sensitivity notice and the headline counts."""
    sender = data["sender"]
    page.y = page.area.height() * 0.08
    page.text(translate("Briefing", "Briefing: Russian civil society in exile"), 22, bold=True)
    page.text(translate("Briefing", "Aggregate figures for decision-makers"), 13)
    page.y += page.line
    page.rows(
        [
            (translate("Briefing", "From"),
             f"{sender['name']}, {sender['org']} ({sender['country']})"),
            (translate("Briefing", "Date"), _date(data["date"])),
        ],
        (0.22, 0.78),
        figures=False,
    )
    page.text(translate("Briefing", "Scope"), 12, bold=True)
    page.text(
        translate(
            "Briefing",
            "The figures come from the sender's own registry as it stood on that date. They "
            "cover the people recorded, programme participants and support recipients "
            "(plurality against the agreed targets), their regions of origin and the "
            "regions organisations cover, the support given and how concentrated it is, "
            "residence and work permits running out within 180 days, and the evaluations "
            "of organisations on three criteria. Other registries may hold records this "
            "one lacks.",
        ),
        10,
    )
    notes = _Notes(data)
    page.rows(_headline_rows(notes), (0.6, 0.4))
    notes.render(page)
    page.y += page.line
    _notice(page)


def _headline_rows(notes: _Notes) -> list[tuple[str, str]]:
    labels = (
        (translate("Briefing", "People recorded"), "person"),
        (translate("Briefing", "Organisations recorded"), "organisation"),
        (translate("Briefing", "Support records"), "support"),
        (translate("Briefing", "Evaluations"), "evaluation"),
    )
    return [(label, notes.count(label, "counts", kind)) for label, kind in labels]


def _notice(page: _Page) -> None:
    """The sensitivity notice, framed."""
    title = translate("Briefing", "Sensitive: for the addressee only")
    body = translate(
        "Briefing",
        "This briefing names no person and holds no record, but it describes people at "
        "risk. Counts under five are shown as {0}. Any other figure that would reveal one "
        "(a share, an amount, or a count from which a smaller one could be worked out by "
        "subtraction) is shown as {1}, and the notes under each section say what was held "
        "back and why. Do not combine it with other sources to single anyone out, and do "
        "not pass it on beyond those who need it.",
    ).replace("{0}", MARKER).replace("{1}", HELD)
    top = page.y
    page.y += page.line * 0.4
    page.text(title, 11, bold=True)
    page.text(body, 9)
    frame = QRectF(-8, top, page.area.width() + 16, page.y - top)
    page.p.setPen(QPen(QColor("#7a1f1f"), 2))
    page.p.drawRect(frame)
    page.p.setPen(QColor("black"))


def _population_titles() -> dict[str, str]:
    return {
        "people": translate("Briefing", "All people"),
        "participants": translate("Briefing", "Participants"),
        "recipients": translate("Briefing", "Recipients"),
    }


def _metric_rows() -> list[tuple[str, tuple[str, ...], bool]]:
    """(label, path within a population, is a share) for the plurality table."""
    from registry.domain.enums import Group
    from registry.gui import display

    groups = display.enum_labels(Group)
    return [
        (translate("Briefing", "People"), ("total",), False),
        (translate("Briefing", "Women"), ("women",), False),
        (translate("Briefing", "Men"), ("men",), False),
        (translate("Briefing", "Other gender"), ("other",), False),
        (translate("Briefing", "Gender undisclosed (counted apart)"), ("undisclosed",), False),
        (translate("Briefing", "Women share (of declared)"), ("women_share",), True),
        (translate("Briefing", "Ethnicity declared"), ("ethnicity_declared",), False),
        (
            translate("Briefing", "Ethnicity undisclosed (counted apart)"),
            ("ethnicity_undisclosed",),
            False,
        ),
        (translate("Briefing", "Non-Russian ethnic origin"), ("non_russian",), False),
        (translate("Briefing", "Non-Russian share (of declared)"), ("non_russian_share",), True),
        *((groups.get(g.value, g.value), ("groups", g.value), False) for g in Group),
        (translate("Briefing", "In any group"), ("with_any_group",), False),
        (translate("Briefing", "Inside Russia"), ("inside_russia",), False),
    ]


def _plurality(page: _Page, data: dict[str, Any]) -> None:
    from registry.analytics.targets import Targets
    from registry.gui.dashboard.charts import paint_share_bars
    from registry.gui.dashboard.plurality_tab import share_rows

    page.new_page()
    page.text(translate("Briefing", "Plurality against the targets"), 14, bold=True)
    page.text(
        translate(
            "Briefing",
            "Bars: the share of women among those whose gender is known, and of people of "
            "non-Russian ethnic origin among those who declared one; the green band is the "
            "target. Red: outside it.",
        ),
        8,
    )
    rows = share_rows(data, Targets.from_json(data["targets"]))
    page.chart(page.line * len(rows) * 1.2, lambda p, r: paint_share_bars(p, r, rows, HELD))
    titles = _population_titles()
    table = [(translate("Briefing", "Figure"), *titles.values())]
    notes = _Notes(data)
    for label, path, is_share in _metric_rows():
        cells = []
        for pop, title in titles.items():
            where = f"{label} ({title})"
            if is_share:
                cells.append(notes.value(where, percent, pop, *path))
            else:
                cells.append(notes.count(where, pop, *path))
        table.append((label, *cells))
    page.rows(table, (0.43, 0.19, 0.19, 0.19), header=True)
    notes.render(page)


def _coverage(page: _Page, data: dict[str, Any]) -> None:
    from registry.gui.dashboard.coverage_tab import district_titles
    from registry.gui.dashboard.regionmap import paint_region_grid

    page.new_page()
    page.text(translate("Briefing", "Regional coverage"), 14, bold=True)
    regions = data["regions"]
    tiles = {c: (int(r), int(k)) for c, (r, k) in data["tiles"].items()}
    for key, title in (
        ("origin", translate("Briefing", "People by region of origin")),
        ("coverage", translate("Briefing", "Organisations and media covering each region")),
    ):
        page.text(title, 11, bold=True)
        values = {c: regions[key].get(c) for c in tiles}
        page.chart(page.area.width() * 0.62, partial(paint_region_grid, tiles=tiles, values=values))
        legend = _legend(data, [("regions", key, c) for c in tiles], "·")
        page.text(" ".join(filter(None, (_map_key(), legend))), 8)
    names = district_titles()
    headers = (
        translate("Briefing", "People of origin"),
        translate("Briefing", "Covering organisations"),
        translate("Briefing", "Covering media"),
    )
    rows = [(translate("Briefing", "Federal district"), *headers)]
    notes = _Notes(data)
    for d in regions["districts"]:
        name = names.get(d, d)
        cells = [
            notes.count(f"{name} ({header})", "regions", "districts", d, key)
            for header, key in zip(headers, ("origin", "covered", "covered_media"), strict=True)
        ]
        rows.append((name, *cells))
    page.rows(rows, (0.4, 0.2, 0.2, 0.2), header=True)
    notes.render(page)
    language = 0 if _ru() else 1
    blind = [data["region_names"].get(c, [c, c])[language] for c in regions["blind_spots"]]
    page.text(
        translate("Briefing", "Blind spots ({0}): {1}")
        .replace("{0}", counts().regions_uncovered(len(blind)))
        .replace("{1}", ", ".join(blind) or "—"),
        9,
    )


def _concentration_rows(data: dict[str, Any], notes: _Notes) -> list[tuple[str, str]]:
    support = data["support"]
    currency = str(support.get("currency"))
    founded = ("support", "by_currency", currency, "founded_shares")

    def index(value: float) -> str:
        return number(value * 10_000)

    spec: list[tuple[str, tuple[str, ...], Callable[[Any], str] | None]] = [
        (
            translate("Briefing", "Total given ({0})").replace("{0}", currency),
            ("support", "total"),
            number,
        ),
        (translate("Briefing", "Recipients with amounts"), ("support", "recipients"), None),
        (translate("Briefing", "Providers"), ("support", "providers"), None),
        (translate("Briefing", "Top-10 recipients' share"), ("support", "top10_share"), percent),
        (translate("Briefing", "HHI over recipients (0–10,000)"), ("support", "hhi"), index),
        (
            translate("Briefing", "HHI over providers (0–10,000)"),
            ("support", "provider_hhi"),
            index,
        ),
        (
            translate("Briefing", "To organisations founded before 2022"),
            (*founded, "before_2022"),
            percent,
        ),
        (
            translate("Briefing", "To organisations founded since 2022"),
            (*founded, "since_2022"),
            percent,
        ),
        (translate("Briefing", "To people"), (*founded, "people"), percent),
        (
            translate("Briefing", "Overlapping support (recipient and kind)"),
            ("support", "overlaps"),
            None,
        ),
    ]
    return [
        (label, notes.count(label, *path) if show is None else notes.value(label, show, *path))
        for label, path, show in spec
    ]


def _concentration_bars(data: dict[str, Any]) -> list[Any]:
    """Where the support goes, as share bars (held back: no bar, :data:`HELD`)."""
    from registry.gui.dashboard.charts import ShareRow

    support = data["support"]
    founded = support.get("by_currency", {}).get(str(support.get("currency")), {}) \
        .get("founded_shares") or {}
    return [
        ShareRow(translate("Briefing", "Top-10 recipients' share"), support.get("top10_share")),
        ShareRow(translate("Briefing", "To organisations founded before 2022"),
                 founded.get("before_2022")),
        ShareRow(translate("Briefing", "To organisations founded since 2022"),
                 founded.get("since_2022")),
        ShareRow(translate("Briefing", "To people"), founded.get("people")),
    ]


def _map_key() -> str:
    return translate(
        "Briefing",
        "Each tile is a federal subject, placed roughly as on a map; the darker, the more. "
        "Dashed red outline: Crimea and Sevastopol, Ukrainian territory occupied by Russia.",
    )


def _support(page: _Page, data: dict[str, Any]) -> None:
    from registry.domain.enums import Horizon
    from registry.gui import display
    from registry.gui.dashboard.charts import paint_share_bars

    page.new_page()
    page.text(translate("Briefing", "Support: concentration and overlaps"), 14, bold=True)
    notes = _Notes(data)
    bars = _concentration_bars(data)
    page.chart(page.line * len(bars) * 1.2, lambda p, r: paint_share_bars(p, r, bars, HELD))
    page.rows(_concentration_rows(data, notes), (0.6, 0.4))
    page.text(translate("Briefing", "Horizons"), 11, bold=True)
    headers = (
        translate("Briefing", "Supports"),
        translate("Briefing", "Recipients"),
        translate("Briefing", "Running today"),
    )
    rows = [(translate("Briefing", "Horizon"), *headers)]
    names = {**display.enum_labels(Horizon), "unspecified": translate("Briefing", "Not given")}
    for h in data["support"].get("horizons", {}):
        rows.append(
            (
                names.get(h, h),
                *(
                    notes.count(f"{names.get(h, h)} ({header})", "support", "horizons", h, key)
                    for header, key in zip(
                        headers, ("supports", "recipients", "active"), strict=True
                    )
                ),
            )
        )
    page.rows(rows, (0.4, 0.2, 0.2, 0.2), header=True)
    notes.render(page)
    page.text(
        translate("Briefing", "Regions without any support: {0}").replace(
            "{0}", number(len(data["regions"]["without_support"]))
        ),
        10,
    )


def _permits(page: _Page, data: dict[str, Any]) -> None:
    from registry.gui.dashboard.charts import paint_count_bars
    from registry.gui.editors.pickers import country_name

    page.text(translate("Briefing", "Residence and work permits running out"), 14, bold=True)
    notes = _Notes(data)
    permits, people = translate("Briefing", "Permits"), translate("Briefing", "People")
    rows = [(translate("Briefing", "Running out"), permits, people)]
    for d in (30, 90, 180):
        within = counts().within_days(d)
        rows.append((within,
                     notes.count(f"{within} ({permits})", "permits", f"expiring_{d}"),
                     notes.count(f"{within} ({people})", "permits", f"people_{d}")))
    page.rows(rows, (0.5, 0.25, 0.25), header=True)
    notes.render(page)
    countries = data["permits"].get("by_country_180", {})
    other = translate("Briefing", "Other countries")
    items = sorted(
        ((other if c == OTHER else country_name(c), n) for c, n in countries.items()),
        key=lambda i: (i[0] == other, -(i[1] or 0), i[0]),
    )[:12]
    if any(n is not None for _, n in items):
        page.text(translate("Briefing", "Within 180 days, by host country"), 10, bold=True)
        page.chart(page.line * len(items) * 1.6,
                   lambda p, r: paint_count_bars(p, r, items, HELD))
        page.text(
            translate(
                "Briefing",
                "A country is named when five or more permits there run out; the others are "
                "added up as {0}.",
            ).replace("{0}", other),
            8,
        )
        legend = _legend(data, [("permits", "by_country_180", OTHER)], HELD)
        if legend:
            page.text(legend, 8)


def _evaluations(page: _Page, data: dict[str, Any]) -> None:
    from registry.gui.dashboard.charts import paint_trend
    from registry.gui.dashboard.evaluations_tab import criteria

    ev = data["evaluations"]
    notes = _Notes(data)
    page.need(page.area.width() * 0.35 + page.line * 6)  # the heading stays with its chart
    page.text(translate("Briefing", "Evaluations on the three criteria"), 14, bold=True)
    page.text(
        translate("Briefing", "Actors evaluated: {0}; assessors disagree (spread ≥ {1}) on {2}.")
        .replace(
            "{0}", notes.count(translate("Briefing", "Actors evaluated"), "evaluations", "subjects")
        )
        .replace("{1}", number(ev["threshold"]))
        .replace(
            "{2}",
            notes.count(
                translate("Briefing", "Actors on which assessors disagree"),
                "evaluations",
                "disagreements",
            ),
        ),
        10,
    )
    trend = ev.get("trend", [])
    periods = [t["period"] for t in trend]
    series = [[(t["mean"] or [None] * 3)[k] for t in trend] for k in range(3)]
    for i, t in enumerate(trend):
        if t["mean"] is None:
            notes.note(
                translate("Briefing", "Mean scores, {0}").replace("{0}", t["period"]),
                reason(data, "evaluations", "trend", str(i), "mean"),
            )
    page.text(translate("Briefing", "Mean score (0–4) by year, for each criterion"), 9)
    page.chart(
        page.area.width() * 0.35, lambda p, r: paint_trend(p, r, periods, series, criteria())
    )
    notes.render(page)


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
    data = source if isinstance(source, dict) else \
        source.analytics.briefing_figures(today or dt.date.today())
    save(render(data), path)
    return data


def write_headless(
    reg: Registry, path: str | Path, language: str | None, today: dt.date | None = None
) -> str:
    """The command line's briefing (``registry briefing``): the file the app's "Save
    briefing" writes, without a display. Starts a QApplication on the offscreen platform
    unless one runs (or another platform is set), installs ``language`` ("en", "ru"; None:
    the app's setting), then :func:`write_briefing`. Returns the language used."""
    import os

    from PySide6.QtWidgets import QApplication

    from registry.gui import i18n
    from registry.gui.settings import Settings

    if not os.environ.get("QT_QPA_PLATFORM"):  # no display needed, none looked for
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(["registry"])
    lang = i18n.install(app, language if language is not None else Settings().language)
    write_briefing(reg, path, today)
    return lang
