"""What an empty list says: a short hint over the list with what to do first.

A new vault opens on empty tables, a blank network canvas and a dashboard of zeros; each of
them says in a line or two what fills it (New, a spreadsheet, a colleague's bundle) instead of
leaving the user to guess. The texts live here, in one translation context ("EmptyHint"), so
the wording stays consistent between sections and the Guide (Help → Guide).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QLabel

from registry.domain.enums import Kind
from registry.gui.i18n import translate

MARGIN = 24
MAX_WIDTH = 620


def section_hint(kind: Kind) -> str:
    """What to do first in an empty record list of ``kind``."""
    texts = {
        Kind.PERSON: translate(
            "EmptyHint", "No people yet. Add one with New (Ctrl+N), import a spreadsheet "
            "(Vault → Import spreadsheet…), or import a bundle from a colleague (Sharing → "
            "Import bundles…)."),
        Kind.ORGANISATION: translate(
            "EmptyHint", "No organisations yet. Add one with New (Ctrl+N), import a spreadsheet "
            "(Vault → Import spreadsheet…), or import a bundle from a colleague (Sharing → "
            "Import bundles…)."),
        Kind.TIE: translate(
            "EmptyHint", "No ties yet. A tie links two people or organisations (works for, "
            "member of, family…). Add the people and organisations first, then New (Ctrl+N) "
            "here, or Add tie in a record's Ties tab."),
        Kind.SUPPORT: translate(
            "EmptyHint", "No support recorded yet. Support goes from a provider (an "
            "organisation of type donor or government body) to a person or organisation. Add "
            "the provider first, then New (Ctrl+N) here."),
        Kind.EVENT: translate(
            "EmptyHint", "No events or programmes yet. Add one with New (Ctrl+N): a title, "
            "dates, a place, the organiser and the people who took part."),
        Kind.EVALUATION: translate(
            "EmptyHint", "No evaluations yet. Score a person or organisation on the three "
            "criteria with New (Ctrl+N). Colleagues' evaluations arrive with their bundles "
            "and are kept side by side with yours."),
    }
    return texts.get(kind, translate("EmptyHint", "No records yet. Add one with New (Ctrl+N)."))


def no_match_hint() -> str:
    return translate("EmptyHint", "No record matches. Clear the search, or set the filters "
                     "back to \"Any\".")


def trust_hint() -> str:
    return translate(
        "EmptyHint", "No trusted officials yet. Give a colleague your card (Save card… above), "
        "add theirs with Add from card…, then compare the safety number in person or on a "
        "call. Bundles go only to verified officials.")


def history_hint() -> str:
    return translate("EmptyHint", "No bundles imported yet. Import bundles… opens the files a "
                     "colleague sent you; each import can be reverted from here.")


def held_hint() -> str:
    return translate("EmptyHint", "Nothing is waiting for your decision.")


def dashboard_hint() -> str:
    return translate(
        "EmptyHint", "The vault is empty, so every figure is zero. Add people and "
        "organisations, the support they receive and evaluations of their work (or import a "
        "spreadsheet or a colleague's bundle): the figures fill in as you go.")


def network_start_hint() -> str:
    return translate(
        "EmptyHint", "Ties between people and organisations are drawn here. Type a name under "
        "Actor and press Ego network, or press Whole network.")


def network_empty_hint() -> str:
    return translate(
        "EmptyHint", "No ties to draw: the vault has none yet, or the filters hide them all. "
        "Add ties in the Ties section, or import a bundle from a colleague.")


def duplicates_start_hint() -> str:
    return translate(
        "EmptyHint", "Press Find duplicates: every person and organisation is compared (names "
        "in both scripts and their spellings), and the pairs that may be one record are "
        "listed here, with those a spreadsheet import set aside.")


def duplicates_none_hint() -> str:
    return translate("EmptyHint", "No pairs to review. Look again after an import or after "
                     "adding records.")


def decisions_hint() -> str:
    return translate("EmptyHint", "No decisions yet. Decide a pair on the Review tab: Same, "
                     "Not the same or Unsure.")


class EmptyHint(QLabel):
    """A hint drawn over an empty list or canvas, centred near its top; clicks go through.

    ``text`` gives the hint (called again by :meth:`show_if` and on a language change). With
    :meth:`arm`, the hint follows the view's model: shown whenever it has no rows (for tables
    filled whole, such as a ``QTableWidget``); :meth:`disarm` hides it until armed again.
    """

    def __init__(self, view: QAbstractScrollArea, text: Callable[[], str]) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._text = text
        self._armed = False
        self.setObjectName("emptyHint")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        palette = self.palette()
        colour = palette.color(QPalette.ColorRole.WindowText)
        colour.setAlpha(170)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.setPalette(palette)
        view.viewport().installEventFilter(self)
        if isinstance(view, QAbstractItemView) and view.model() is not None:
            model = view.model()
            for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                signal.connect(self._follow)
        self.hide()

    def set_text(self, text: Callable[[], str]) -> None:
        self._text = text
        self.retranslate()

    def show_if(self, empty: bool) -> None:
        """Show the hint (with its current text) if ``empty``, else hide it."""
        if empty:
            self.setText(self._text())
            self._place()
        self.setVisible(empty)

    def arm(self) -> None:
        """Follow the model from now on: shown while it has no rows."""
        self._armed = True
        self._follow()

    def disarm(self) -> None:
        self._armed = False
        self.hide()

    def retranslate(self) -> None:
        self.setText(self._text())
        self._place()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _follow(self, *_args: object) -> None:
        if self._armed and isinstance(self._view, QAbstractItemView):
            model = self._view.model()
            self.show_if(model is not None and model.rowCount() == 0)

    def _place(self) -> None:
        """Centred, at most ``MAX_WIDTH`` wide, ``MARGIN`` below the top; in a short view
        the margin gives way to the text first."""
        area = self._view.viewport().rect()
        width = max(0, min(MAX_WIDTH, area.width() - 2 * MARGIN))
        needed = self.heightForWidth(width)
        top = max(0, min(MARGIN, (area.height() - needed) // 2))
        self.setGeometry(area.x() + (area.width() - width) // 2, area.y() + top,
                         width, min(needed, area.height() - top))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._view.viewport():
            self._place()
        return False
