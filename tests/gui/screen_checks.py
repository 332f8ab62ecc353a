"""Checks a screenshot test runs on every visible widget of a screen.

- every visible table or tree column is at least as wide as its header text, and the view
  as wide as its headers side by side (a pane narrower than that cuts the last ones off);
- no item of a visible list, tree or table is elided, unless the view elides on purpose
  (in the middle), the item's tooltip holds the whole text and what is shown keeps four
  characters of it (:func:`item_problems`);
- no label, button, tab, group box title or check box text is elided or clipped;
- a main window's minimum size fits the screen (:func:`window_problem`): a page that needs
  more would widen the window past the screen's edge, and keep it so;
- no visible text is an enum code or a field name of the one declaration in
  ``registry.domain`` (short exceptions: values that are words in both);
- no English word is left on a Russian screen (exceptions: abbreviations, proper names and
  the demo vault's own values, which are user data, not interface), nor a date written the
  ISO way ("2026-12-03" where the app writes "3 дек. 2026").

Each check returns readable problems ("People / QLabel 'countLabel': …"), so a failing run
says which widget on which screen to fix.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QStatusBar,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

from registry import demo
from registry.domain import enums
from registry.domain.model import KINDS
from registry.gui.widgets import ColumnFit

# -- what counts as a code ----------
# Values that are also words a person reads, in either language, when shown whole.
CODE_WORDS = frozenset({"other", "media", "culture", "education", "government", "family",
                        "colleague", "grant", "fellowship", "training", "relocation", "ngo",
                        "short", "mid", "long", "active", "public", "internal", "confidential",
                        "protected", "notes", "name", "city", "source", "role", "date",
                        "status", "kind", "type", "start", "end", "amount", "currency",
                        "horizon", "title", "place", "website", "reach", "founded",
                        "relocated", "languages", "aliases", "email", "phone", "signal",
                        "telegram", "confirmed", "reported", "unverified", "verified",
                        "revoked", "granted", "refused", "expired", "requested", "person",
                        "organisation", "tie", "support", "event", "evaluation", "decision",
                        "gender", "ethnicity", "groups", "roles", "region", "country",
                        "female", "male", "undisclosed", "activist", "journalist",
                        "researcher", "politician", "lawyer", "artist", "disability", "lgbtq",
                        "donor", "research", "partner_of", "sensitivity", "organiser",
                        "participants", "assessor", "subject", "diaspora", "themes"})


def _codes() -> set[str]:
    out: set[str] = set()
    for obj in vars(enums).values():
        if isinstance(obj, type) and issubclass(obj, enum.Enum) \
                and obj.__module__ == enums.__name__:
            out.update(m.value if isinstance(m.value, str) else m.name.lower() for m in obj)
    for spec in KINDS.values():
        out.update(f.name for f in spec.fields)
    return out


CODES = frozenset(_codes())
# codes a screen may show whole (as words) vs. codes written with "_" that never may
WHOLE_CODES = frozenset(c for c in CODES if c.lower() not in CODE_WORDS)
JOINED_CODES = frozenset(c for c in CODES if "_" in c)

# -- what counts as English on a Russian screen ----------
ALLOWED_LATIN = frozenset(w.lower() for w in (
    # abbreviations and names of things that are not translated
    "FtM", "CSV", "XLSX", "age", "minisign", "Signal", "Telegram", "Registry", "LGBTQ",
    "ISO", "Ctrl", "Alt", "Shift", "Del", "Esc", "Enter", "PDF", "PNG", "QR", "ID", "UUID",
    "HLC", "SQLCipher", "Argon2id", "Ed25519", "X25519", "EUR", "USD", "SEK", "RUB",
    "GBP", "UTF", "cp1251", "rbundle", "rcard", "regbackup", "example", "org", "com",
    "Qt", "OK", "NGO", "Latin", "e-mail", "mail",
    "FAT", "exFAT", "NTFS", "APFS", "ext"))  # file systems


def demo_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """Latin words of the demo vault's values (user data, not interface): the romanised
    names, cities and organisation words, and the test fixtures' own names."""
    parts = [*demo.GIVEN_F, *demo.GIVEN_M, *demo.SURNAMES, *(s + "а" for s in demo.SURNAMES),
             *demo.ORG_WORDS, *demo.ORG_PREFIX.values(), *(c for _, c in demo.HOSTS),
             *demo.ETHNIC]
    words = {w.lower() for p in parts for w in re.findall(r"[A-Za-z]+", demo.latin(p))}
    words |= {"monthly", "readers", "demo", "official"}
    for text in extra:
        words |= {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return frozenset(words)


LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
SKIP_TOKEN = re.compile(r"\S*(@|://|www\.|/|\\|\.[a-z]{2,4}\b)\S*"  # addresses, paths, files
                        r"|\S+\.(rbundle|rcard|rbackup)\b"  # the app's own files
                        r"|\b[0-9A-Fa-f-]{8,}\b|\b[0-9a-f]{4}\b"  # ids, fingerprint groups
                        # ISO 3166-2 codes (RU-MOW, UA-43), also with a non-breaking hyphen
                        r"|\b[A-Z]{2}[-\u2011][A-Z0-9]{1,3}\b")


def english_words(text: str, allowed: frozenset[str]) -> list[str]:
    text = SKIP_TOKEN.sub(" ", text)
    return [w for w in LATIN_WORD.findall(text)
            if not {w.lower(), w.strip("-'").lower()} & (allowed | ALLOWED_LATIN)]


# -- walking a screen ----------
def visible_widgets(root: QWidget) -> Iterator[QWidget]:
    if root.isVisible():
        yield root
    for w in root.findChildren(QWidget):
        if w.isVisible() and w.window() is root.window() and w.width() > 0:
            yield w


def describe(w: QWidget) -> str:
    name = w.objectName() or "-"
    return f"{type(w).__name__} {name!r}"


def strip_mnemonic(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text)


def _lines(text: str) -> list[str]:
    return strip_mnemonic(text).split("\n")


def _fits_plain(fm: QFontMetrics, text: str, rect: QRect) -> bool:
    lines = _lines(text)
    width = max(fm.horizontalAdvance(line) for line in lines)
    height = fm.lineSpacing() * len(lines) - fm.leading()
    return width <= rect.width() and height <= rect.height() + 1


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip():
        return None
    rect = label.contentsRect().adjusted(label.margin(), label.margin(),
                                         -label.margin(), -label.margin())
    fm = label.fontMetrics()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(rect.width())
            if doc.size().height() > rect.height() + 2:
                return f"wrapped text needs {doc.size().height():.0f} px, has {rect.height()}"
            if doc.idealWidth() > rect.width() + 1:
                return f"a word needs {doc.idealWidth():.0f} px, has {rect.width()}"
            return None
        if doc.idealWidth() > rect.width() + 1 or doc.size().height() > rect.height() + 2:
            return (f"text needs {doc.idealWidth():.0f}×{doc.size().height():.0f}, "
                    f"has {rect.width()}×{rect.height()}")
        return None
    if label.wordWrap():
        plain = strip_mnemonic(text)
        need = fm.boundingRect(QRect(0, 0, rect.width(), 100_000),
                               int(Qt.TextFlag.TextWordWrap) | int(label.alignment()), plain)
        if need.height() > rect.height() + 1 or need.width() > rect.width():
            return (f"wrapped text needs {need.width()}×{need.height()}, "
                    f"has {rect.width()}×{rect.height()}")
        return None
    if not _fits_plain(fm, text, rect):
        width = max(fm.horizontalAdvance(line) for line in _lines(text))
        return f"text needs {width} px, has {rect.width()}×{rect.height()}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text()
    if not text.strip():
        return None
    fm = button.fontMetrics()
    width = max(fm.horizontalAdvance(line) for line in _lines(text))
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    if isinstance(button, QCheckBox | QRadioButton):
        style = button.style()
        metric = (QStyle.PixelMetric.PM_IndicatorWidth if isinstance(button, QCheckBox)
                  else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        spacing = style.pixelMetric(
            QStyle.PixelMetric.PM_CheckBoxLabelSpacing if isinstance(button, QCheckBox)
            else QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, button)
        need = style.pixelMetric(metric, None, button) + spacing + icon + width
    elif isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            return None
        need = width + (icon if button.toolButtonStyle() ==
                        Qt.ToolButtonStyle.ToolButtonTextBesideIcon else 0) + 4
    elif isinstance(button, QPushButton):
        need = width + icon + 2 * button.style().pixelMetric(
            QStyle.PixelMetric.PM_ButtonMargin, None, button)
    else:
        need = width + icon
    if button.contentsRect().width() < need:
        return f"text needs {need} px, has {button.contentsRect().width()}"
    if button.height() < fm.height():
        return f"text needs {fm.height()} px high, has {button.height()}"
    return None


def _group_problem(box: QGroupBox) -> str | None:
    title = strip_mnemonic(box.title())
    if not title:
        return None
    need = box.fontMetrics().horizontalAdvance(title) + 2 * 6
    if box.isCheckable():
        need += box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box) + 4
    return f"title needs {need} px, has {box.width()}" if box.width() < need else None


def _tab_problems(bar: QTabBar) -> Iterator[str]:
    fm = bar.fontMetrics()
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    vertical = bar.shape() in (QTabBar.Shape.RoundedWest, QTabBar.Shape.RoundedEast,
                               QTabBar.Shape.TriangularWest, QTabBar.Shape.TriangularEast)
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        text = strip_mnemonic(bar.tabText(i))
        rect = bar.tabRect(i)
        icon = bar.iconSize().width() + 4 if not bar.tabIcon(i).isNull() else 0
        need = fm.horizontalAdvance(text) + icon + space // 2
        have = rect.height() if vertical else rect.width()
        if have < need:
            yield f"tab {text!r} needs {need} px, has {have}"
        if not bar.rect().contains(rect.center()):
            yield f"tab {text!r} is scrolled out of the bar ({bar.width()} px wide)"


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    has_icon = not combo.itemIcon(combo.currentIndex()).isNull()
    icon = combo.iconSize().width() + 4 if has_icon else 0
    need = combo.fontMetrics().horizontalAdvance(text) + icon
    return f"{text!r} needs {need} px, has {field.width()}" if field.width() < need else None


def _status_problem(bar: QStatusBar) -> str | None:
    """A status bar message is drawn on one line, cut where the bar ends."""
    text = bar.currentMessage()
    if not text:
        return None
    need = bar.fontMetrics().horizontalAdvance(text) + 8  # the bar's own margins
    return f"message needs {need} px, has {bar.width()}" if bar.width() < need else None


def _header_problems(header: QHeaderView) -> Iterator[str]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return
    fm = header.fontMetrics()
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    together = 0
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = model.headerData(section, Qt.Orientation.Horizontal)
        if not isinstance(text, str) or not text:
            continue
        need = max(fm.horizontalAdvance(line) for line in text.split("\n")) + margin
        together += need
        if header.sectionSize(section) < need:
            yield f"column {text!r} is {header.sectionSize(section)} px, its header needs {need}"
    # a view whose columns are fitted to its width (ColumnFit) must be as wide as its headers:
    # else the last ones are pushed out of it (a data table may scroll sideways instead)
    fitted = any(isinstance(c, ColumnFit) for c in header.parent().children())
    if fitted and together > header.width() + 1:
        yield (f"the headers of {describe(header.parent())} need {together} px side by side, "
               f"the view is {header.width()} wide")


def _shown_rows(view: QAbstractItemView, limit: int = 400) -> Iterator[QModelIndex]:
    """The first index of each row drawn in ``view``'s viewport (a tree's expanded children
    too), top to bottom."""
    model = view.model()
    viewport = view.viewport().rect()
    if isinstance(view, QTreeView):
        index = model.index(0, 0)
        for _ in range(limit):
            if not index.isValid():
                return
            rect = view.visualRect(index)
            if rect.top() > viewport.bottom():
                return
            if rect.intersects(viewport) or rect.height() == 0:
                yield index
            index = view.indexBelow(index)
        return
    column = view.modelColumn() if isinstance(view, QListView) else 0
    for row in range(min(limit, model.rowCount())):
        index = model.index(row, column)
        rect = view.visualRect(index)
        if rect.top() > viewport.bottom():
            return
        if rect.intersects(viewport):
            yield index


def _shown_columns(view: QAbstractItemView, first: QModelIndex) -> Iterator[QModelIndex]:
    if isinstance(view, QListView):
        yield first
        return
    for column in range(view.model().columnCount(first.parent())):
        hidden = view.isColumnHidden(column) if isinstance(view, QTableView | QTreeView) \
            else False
        if not hidden:
            yield first.siblingAtColumn(column)


def _wraps_within(view: QAbstractItemView, index: QModelIndex, text: str, rect: QRect,
                  short: int) -> bool:
    """A view that wraps words (a table's ``wordWrap``) shows a long text on several lines:
    it fits when the wrapped lines fit the item's height (``short``: how much narrower the
    item is than the one-line text)."""
    wraps = getattr(view, "wordWrap", None)
    if not callable(wraps) or not wraps() or " " not in text.strip():
        return False
    fm = view.fontMetrics()
    width = fm.horizontalAdvance(text) + short  # the room the text has on one line
    lines = fm.boundingRect(QRect(0, 0, max(width, 1), 100_000),
                            int(Qt.TextFlag.TextWordWrap), text)
    return lines.width() <= width and lines.height() <= rect.height() + 1


KEPT = 4  # characters an item elided on purpose still shows ("Уро…упа", never "Ч…к")


def _keeps_enough(view: QAbstractItemView, text: str, room: int) -> bool:
    """An item elided on purpose still shows :data:`KEPT` characters of its text: "Человек"
    cut to "Ч…к" says nothing, tooltip or not."""
    shown = view.fontMetrics().elidedText(text, view.textElideMode(), max(room, 0))
    return len(shown.replace("…", "")) >= KEPT


ELIDED_ROWS = 3  # a column elided on purpose in more rows than this is too narrow to read


def _scroll_problem(view: QAbstractItemView) -> str | None:
    """A table or tree that fits its columns to its width (ColumnFit) must not scroll
    sideways: a scroll bar there means the columns it promised to fit do not."""
    fitted = any(isinstance(c, ColumnFit) for c in view.children())
    if fitted and view.horizontalScrollBar().isVisible():
        return (f"{describe(view)}: fits its columns to its width, yet scrolls sideways "
                f"({view.horizontalScrollBar().maximum()} px more)")
    return None


def item_problems(view: QAbstractItemView) -> list[str]:
    """Items of a list, tree or table drawn narrower than their text, icon and check box
    need ("Орган…"), measured with the view's own size hint for the item (its font metrics,
    margins, decoration) against the item's rect (inside the viewport when the view does not
    scroll sideways). A view that elides on purpose (ColumnFit: in the middle) may, where
    the item's tooltip holds its whole text."""
    model = view.model()
    if model is None or isinstance(view, QHeaderView):
        return []
    viewport = view.viewport().rect()
    # a list's items are as wide as the list (one scrolled sideways is cut all the same); a
    # table's or tree's cell is as wide as its column, whole when the view scrolls sideways
    clip = isinstance(view, QListView) or not view.horizontalScrollBar().isVisible()
    on_purpose = view.textElideMode() == Qt.TextElideMode.ElideMiddle
    out = [p] if (p := _scroll_problem(view)) else []
    elided: dict[int, list[str]] = {}  # column -> texts elided on purpose
    for first in _shown_rows(view):
        for index in _shown_columns(view, first):
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text.strip():
                continue
            rect = view.visualRect(index)
            have = (min(rect.right() + 1, viewport.width()) - max(rect.left(), 0)) if clip \
                else rect.width()
            need = view.sizeHintForIndex(index).width()
            if have >= need or _wraps_within(view, index, text, rect, have - need):
                continue
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if on_purpose and isinstance(tip, str) and text in tip \
                    and _keeps_enough(view, text, have - (need - view.fontMetrics()
                                                          .horizontalAdvance(text))):
                elided.setdefault(index.column(), []).append(text)
                continue
            out.append(f"{describe(view)}: item {text[:60]!r} needs {need} px, has {have}"
                       + ("" if on_purpose else " (elided, and the view does not elide on "
                          "purpose with the text as tooltip)"))
    # eliding a rare long text is fine; a column fitted to its view's width (ColumnFit) that
    # is elided in row after row is too narrow (a record list, which scrolls sideways and
    # whose columns the user drags wider, elides its long names on purpose)
    fitted = any(isinstance(c, ColumnFit) for c in view.children())
    for column, texts in sorted(elided.items()) if fitted else ():
        if len(texts) > ELIDED_ROWS:
            out.append(f"{describe(view)}: column {column} elides {len(texts)} rows "
                       f"(e.g. {texts[0][:40]!r}): too narrow to read")
    return out


list_item_problems = item_problems  # the name the navigation list's check was written with


def window_problem(window: QWidget, width: int, height: int) -> str | None:
    """A window whose minimum size is larger than ``width``×``height`` (the screen, less the
    title bar) grows past the screen's edge when a page that needs it is shown."""
    need = window.minimumSizeHint().expandedTo(window.minimumSize())
    if need.width() > width or need.height() > height:
        return (f"{describe(window)}: needs at least {need.width()}×{need.height()}, "
                f"the screen has {width}×{height}")
    return None


def layout_problems(root: QWidget) -> list[str]:
    out: list[str] = []
    for w in visible_widgets(root):
        found: list[str] = []
        if isinstance(w, QLabel):
            found += [p] if (p := _label_problem(w)) else []
        elif isinstance(w, QAbstractButton) and not isinstance(w.parent(), QTabBar):
            found += [p] if (p := _button_problem(w)) else []
        elif isinstance(w, QGroupBox):
            found += [p] if (p := _group_problem(w)) else []
        elif isinstance(w, QTabBar):
            found += list(_tab_problems(w))
        elif isinstance(w, QComboBox):
            found += [p] if (p := _combo_problem(w)) else []
        elif isinstance(w, QHeaderView):
            found += list(_header_problems(w))
        elif isinstance(w, QStatusBar):
            found += [p] if (p := _status_problem(w)) else []
        elif isinstance(w, QAbstractItemView):
            out += item_problems(w)
        out += [f"{describe(w)}: {p}" for p in found]
    return out


# -- texts a person reads ----------
def _cell_texts(view: QAbstractItemView, rows: int = 30) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    try:
        columns = model.columnCount()
    except TypeError:  # a list model keeps columnCount private: one column
        columns = 1
    for r in range(min(rows, model.rowCount())):
        for c in range(columns):
            value = model.data(model.index(r, c))
            if isinstance(value, str):
                yield value
            parent = model.index(r, 0)
            for cr in range(min(5, model.rowCount(parent))):
                child = model.data(model.index(cr, c, parent))
                if isinstance(child, str):
                    yield child


def visible_texts(root: QWidget, cells: bool = True) -> Iterator[tuple[str, str, bool]]:
    """(where, text, is_user_data_possible) for every text shown on the screen."""
    yield "window title", root.window().windowTitle(), False
    for w in visible_widgets(root):
        where = describe(w)
        if isinstance(w, QLabel) and not w.text().startswith("<img"):
            doc = QTextDocument()
            doc.setHtml(w.text()) if GuiQt.mightBeRichText(w.text()) else doc.setPlainText(w.text())
            yield where, strip_mnemonic(doc.toPlainText()), True
        elif isinstance(w, QAbstractButton):
            yield where, strip_mnemonic(w.text()), False
        elif isinstance(w, QGroupBox):
            yield where, strip_mnemonic(w.title()), False
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                yield where, strip_mnemonic(w.tabText(i)), False
        elif isinstance(w, QComboBox):
            yield where, w.currentText(), True
        elif isinstance(w, QHeaderView) and w.model() is not None:
            for s in range(w.count()):
                value = w.model().headerData(s, w.orientation())
                if isinstance(value, str):
                    yield where, value, False
        elif isinstance(w, QStatusBar):
            yield where, w.currentMessage(), True
        elif isinstance(w, QDateTimeEdit):
            yield where, w.text(), False
        elif isinstance(w, QAbstractItemView) and cells and not isinstance(w, QHeaderView):
            for text in _cell_texts(w):
                yield where, text, True
        for attr in ("placeholderText",):
            fn = getattr(w, attr, None)
            if callable(fn) and isinstance(value := fn(), str) and value:
                yield where, value, False


TYPED_CODES = frozenset({
    "QTableWidget 'mappingTable'",  # the spreadsheet's own values, shown as examples
    "QLineEdit 'countryEdit'",  # the box a code is typed into ("SE" the example)
})


def _country_codes() -> frozenset[str]:
    from registry.gui.editors.pickers import country_names

    return frozenset(code for code, _name in country_names("en"))


def code_problems(root: QWidget) -> list[str]:
    """Codes where a person reads: an enum value or field name, and a country code shown
    whole ("DE", "DE, LV") where its name belongs ("Germany", "Германия")."""
    out = []
    countries = _country_codes()
    for where, text, _data in visible_texts(root):
        for line in text.split("\n"):
            stripped = line.strip().rstrip(":")
            if stripped in WHOLE_CODES:
                out.append(f"{where}: shows the code {stripped!r}")
                continue
            parts = [p.strip() for p in stripped.split(",")]
            if parts and all(p in countries for p in parts) and where not in TYPED_CODES:
                out.append(f"{where}: shows the country code {stripped!r}")
                continue
            tokens = set(re.findall(r"[a-z0-9]+(?:_[a-z0-9]+)+", line))
            # an address or file name (a_b@example.org, a_b.csv) is data, not a code
            tokens -= set(re.findall(r"[\w.]+@[\w.]+|\w+\.\w{2,5}\b", line))
            for token in sorted(tokens & JOINED_CODES):
                out.append(f"{where}: shows the code {token!r} in {line.strip()!r}")
    return out


def region_words() -> frozenset[str]:
    """The Latin names of regions: the region picker shows both scripts on purpose (a name
    typed in either finds the region)."""
    from registry.domain import regions

    return frozenset(w.lower() for region in regions.regions()
                     for w in LATIN_WORD.findall(region.name_en))


def english_problems(root: QWidget, allowed: frozenset[str]) -> list[str]:
    """English words on a (Russian) screen, and dates written the ISO way
    (:func:`iso_date_problems`)."""
    out = []
    bilingual = allowed | region_words()
    for where, text, _data in visible_texts(root):
        words = english_words(text, bilingual if where.startswith("RegionPicker") else allowed)
        if words:
            out.append(f"{where}: English {words} in {text.strip()[:120]!r}")
    return out + iso_date_problems(root)


ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?![\w-])")
FILE_TOKEN = re.compile(r"\S*[/\\]\S*|\S+\.(?:rbundle|rcard|rbackup|pdf|csv|xlsx|txt)\b")


def iso_date_problems(root: QWidget) -> list[str]:
    """A date shown as "2026-12-03" (or with a time): the app writes every date with QLocale
    (``i18n.date_text``, ``i18n.moment_text``: "3 дек. 2026"). Text a person types into an
    edit box is not among :func:`visible_texts`, and a file name or path (a backup named
    after its day) is data, not a date shown."""
    out = []
    for where, text, _data in visible_texts(root):
        for found in ISO_DATE.findall(FILE_TOKEN.sub(" ", text)):
            out.append(f"{where}: ISO date {found!r} in {text.strip()[:120]!r}")
    return out
