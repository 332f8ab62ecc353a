"""Interface languages: Qt translators for Registry's own strings and Qt's standard ones,
and the one way the GUI writes numbers, percentages and dates (``QLocale`` of the interface
language: "2,003" and "12.5 %" in English, "2 003" and "12,5 %" in Russian)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
)

from registry.paths import resource

_installed: list[QTranslator] = []
_counts: Counts | None = None


_sources: dict[str, tuple[str, str, str | None, int]] = {}


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``: modules call it with a literal context and text, which
    is the form ``pyside6-lupdate`` finds (a one-argument ``tr`` wrapper would lose the
    context; see scripts/compile-translations). Each text given out is remembered with its
    source, so a window built with it can be put into another language (:func:`again`)."""
    out = QCoreApplication.translate(context, text, disambiguation, n)
    _sources[out] = (context, text, disambiguation, n)
    return out


def again(text: str) -> str | None:
    """``text``, a whole text :func:`translate` gave out, in the interface language now; None
    for any other text (user data, or a sentence put together from several)."""
    source = _sources.get(text)
    return None if source is None else translate(*source)


def number(value: float, decimals: int = 0) -> str:
    """A count or amount in the interface language: grouped digits, ``decimals`` places."""
    if decimals == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", decimals)


def percent(fraction: float, decimals: int = 1) -> str:
    """``0.125`` → "12.5 %" / "12,5 %" (a non-breaking space before the sign)."""
    return number(fraction * 100, decimals) + "\u00a0%"


DATE_FORMAT = "d MMM yyyy"
"""How a date edit shows its date (``QDateEdit.setDisplayFormat``), as :func:`date_text`."""


def date_text(day: dt.date | str) -> str:
    """A date (or ISO date text) with the month named, which no reader takes for another
    date: "3 Dec 2026", "3 дек. 2026"."""
    iso = day if isinstance(day, str) else day.isoformat()
    parsed = QDate.fromString(iso[:10], "yyyy-MM-dd")
    if not parsed.isValid():
        return iso
    return QLocale().toString(parsed, DATE_FORMAT)


def moment_text(stamp: str) -> str:
    """A moment the app recorded (ISO 8601, as stored) in local time, the month named:
    "3 Dec 2026, 10:05" / "3 дек. 2026, 10:05"; a date alone as :func:`date_text`."""
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid() or len(stamp) <= 10:
        return date_text(stamp)
    return QLocale().toString(moment.toLocalTime(), "d MMM yyyy, HH:mm")


class Counts(QObject):
    """Texts with a count, one method each, in each language's plural forms ("1 record",
    "2 records"; Russian "1 запись", "2 записи", "5 записей"). ``self.tr(text, "", n)`` in a
    class is the one form pyside6-lupdate marks as plural (``translate(ctx, text, None, n)``
    is not); ``%Ln`` writes the count with the language's digit grouping."""

    def records(self, n: int) -> str:
        return self.tr("%Ln records", "", n)

    def actors(self, n: int) -> str:
        return self.tr("%Ln actors", "", n)

    def ties(self, n: int) -> str:
        return self.tr("%Ln ties", "", n)

    def components(self, n: int) -> str:
        return self.tr("%Ln components", "", n)

    def actors_evaluated(self, n: int) -> str:
        return self.tr("%Ln actors evaluated", "", n)

    def disagreeing(self, n: int) -> str:
        return self.tr("assessors disagree on %Ln of them", "", n)

    def permits(self, n: int) -> str:
        return self.tr("%Ln permits", "", n)

    def of_people(self, n: int) -> str:
        return self.tr("of %Ln people", "", n)

    # rows of a spreadsheet import, by what became of them
    def rows_new(self, n: int) -> str:
        return self.tr("%Ln new", "", n)

    def rows_updated(self, n: int) -> str:
        return self.tr("%Ln updated", "", n)

    def rows_unchanged(self, n: int) -> str:
        return self.tr("%Ln unchanged", "", n)

    def rows_merged(self, n: int) -> str:
        return self.tr("%Ln merged with an earlier row", "", n)

    def rows_review(self, n: int) -> str:
        return self.tr("%Ln new beside a namesake (sent to review)", "", n)

    def rows_rejected(self, n: int) -> str:
        return self.tr("%Ln rejected", "", n)

    def dry_run_over(self, n: int) -> str:
        return self.tr("Dry run over all %Ln rows: ", "", n)

    def more_lines_saved(self, n: int) -> str:
        return self.tr("%Ln more lines are in the saved report.", "", n)

    def records_newly_protected(self, n: int) -> str:
        return self.tr("%Ln records are now protected, and you shared them before.", "", n)

    def shown_of_records(self, shown: int, n: int) -> str:
        """``shown`` of ``n`` records (the plural follows ``n``)."""
        return self.tr("Showing {0} of %Ln records.", "", n).replace("{0}", number(shown))

    def blind_spots_of_regions(self, blind: int, n: int) -> str:
        return self.tr("Blind spots: {0} of %Ln regions not covered by any organisation or "
                       "media", "", n).replace("{0}", number(blind))

    def regions_uncovered(self, n: int) -> str:
        return self.tr("%Ln regions covered by no organisation", "", n)

    def within_days(self, n: int) -> str:
        return self.tr("Within %Ln days", "", n)

    def by_points_or_more(self, n: int) -> str:
        return self.tr("by %Ln points or more", "", n)

    def back_up_before(self, n: int) -> str:
        return self.tr("This import checks %Ln rows. Back up the vault before importing? "
                       "(Choose No to import without a backup.)", "", n)


def counts() -> Counts:
    """The one :class:`Counts` (made when first asked, after the QApplication)."""
    global _counts  # noqa: PLW0603 - one lazily made QObject
    if _counts is None:
        _counts = Counts()
    return _counts


def language_for(setting: str) -> str:
    """``"ru"`` or ``"en"``: the setting, else the system's language."""
    if setting in ("en", "ru"):
        return setting
    return "ru" if QLocale.system().language() == QLocale.Language.Russian else "en"


def _relocate(app: QCoreApplication, locale: QLocale) -> None:
    """Windows open now take the new locale (a widget keeps the one it was made with: a date
    edit would go on naming months in the old language); their children follow them."""
    from PySide6.QtWidgets import QApplication

    if isinstance(app, QApplication):
        for window in app.topLevelWidgets():
            window.setLocale(locale)


def install(app: QCoreApplication, setting: str) -> str:
    """Install translators for the chosen language (replacing earlier ones); return it."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    lang = language_for(setting)
    locale = QLocale(QLocale.Language.Russian if lang == "ru" else QLocale.Language.English)
    QLocale.setDefault(locale)
    _relocate(app, locale)
    ours = QTranslator(app)  # English: only the plural forms ("1 record", "2 records")
    if ours.load(str(resource("translations", f"registry_{lang}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    if lang == "en":
        return lang
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang
