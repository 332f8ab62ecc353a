"""Input widgets shared by the editors (and free for the rest of the GUI to reuse).

Every picker has ``value()`` and ``set_value()`` in the core's canonical form: codes for
regions and countries, record ids for records, snake_case values for enumerations, ISO
strings for dates, ``None`` (or ``[]``) for empty. Text a user typed that matches nothing
is returned as typed, so the core's validation names the field and the problem.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from registry.domain import regions as regions_mod
from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.gui.editors.data import Suggestion, search_records
from registry.gui.editors.i18n import collator, ui_language
from registry.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from registry.service import Registry

ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROTECTED_ROLE = Qt.ItemDataRole.UserRole + 2
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


# -- regions and countries ----------------------------------------------------------------------
@functools.cache
def country_names(language: str) -> tuple[tuple[str, str], ...]:
    """``(code, name)`` for every ISO 3166-1 country, names in ``language`` where known."""
    import pycountry

    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        translate: Callable[[str], str] = tr.gettext
    except OSError:
        translate = str
    return tuple((c.alpha_2, translate(getattr(c, "common_name", None) or c.name))
                 for c in pycountry.countries)


def country_name(code: str) -> str:
    return dict(country_names(ui_language())).get(code, code)


def region_name(code: str) -> str:
    for r in regions_mod.regions():
        if r.code == code:
            ru = r.name_ru.split(" (")[0]
            return ru if ui_language() == "ru" else f"{r.name_en} / {ru}"
    return code



def today() -> QDate:
    """The day an empty date field's calendar opens on (tests fix it)."""
    return QDate.currentDate()


class _CodePicker(QComboBox):
    """An editable combo over coded entries, searched by any part of the label.

    Signals:
        value_changed(): the chosen entry or the typed text changed.
    """

    value_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self._fill()
        completer = self.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.currentTextChanged.connect(lambda _t: self.value_changed.emit())
        self.currentIndexChanged.connect(lambda _i: self._show_start())

    def _show_start(self) -> None:
        """Show the start of a chosen entry (the line edit leaves its cursor at the end, so a
        long region name showed only its tail); the whole text is the tooltip."""
        if (edit := self.lineEdit()) is not None:
            edit.setCursorPosition(0)
        self.setToolTip(self.currentText())

    def entries(self) -> list[tuple[str, str, str]]:
        """``(code, label, tooltip)`` in display order."""
        raise NotImplementedError

    def _fill(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        for code, label, tip in self.entries():
            self.addItem(label, code)
            self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(0)
        self.blockSignals(False)

    def value(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index > 0:
            return str(self.itemData(index))
        index = self.findData(text.upper())
        return str(self.itemData(index)) if index > 0 else text

    def set_value(self, code: str | None) -> None:
        index = self.findData(code) if code else 0
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(code or "")
        self._show_start()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        # Enter chooses an entry and does not submit the dialog; while the completer's list
        # is open the event must stay unaccepted, or the completer will not take the choice.
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if event.key() in _ENTER_KEYS and (popup is None or not popup.isVisible()):
            event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            value = self.value()
            self._fill()
            self.set_value(value)
        super().changeEvent(event)


class RegionPicker(_CodePicker):
    """Russia's federal subjects by Russian name, English name or code (DESIGN §4.1).

    Crimea and Sevastopol are listed under their Ukrainian codes and labelled as occupied
    Ukrainian territory.
    """

    def entries(self) -> list[tuple[str, str, str]]:
        ru_first = ui_language() == "ru"
        occupied = self.tr("occupied Ukrainian territory")
        out = []
        for r in regions_mod.regions():
            ru = r.name_ru.split(" (")[0]
            names = f"{ru} / {r.name_en}" if ru_first else f"{r.name_en} / {ru}"
            label = f"{names} ({r.code})"
            if r.district == regions_mod.OCCUPIED:
                label += f" — {occupied}"
            out.append((r.code, label, label))
        key = collator().sortKey
        return sorted(out, key=lambda e: key(e[1]))


class CountryPicker(_CodePicker):
    """Countries (ISO 3166-1) by name in the interface language or by code."""

    def entries(self) -> list[tuple[str, str, str]]:
        out = [(code, f"{name} ({code})", name) for code, name in country_names(ui_language())]
        key = collator().sortKey
        return sorted(out, key=lambda e: key(e[1]))


# -- lists of codes ----------------------------------------------------------------------------
class _CodeListPicker(QWidget):
    """A picker, an Add button and the list of chosen codes (Delete removes the current one)."""

    picker_class: type[_CodePicker] = _CodePicker

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = self.picker_class(self)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(110)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_button.clicked.connect(self._add_current)
        # after the completer (which sees Return first) has put its choice in the line edit
        line, completer = self.picker.lineEdit(), self.picker.completer()
        assert line is not None and completer is not None  # an editable combo box has both
        line.returnPressed.connect(self._add_soon)
        completer.activated.connect(self._add_soon)
        self.remove_button.clicked.connect(self._remove_current)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list,
                  self._remove_current, Qt.ShortcutContext.WidgetShortcut)
        self.setFocusProxy(self.picker)

    def set_accessible_names(self, name: str) -> None:
        self.picker.setAccessibleName(self.tr("%1: choose to add").replace("%1", name))
        self.list.setAccessibleName(self.tr("%1: chosen").replace("%1", name))
        self.add_button.setAccessibleName(self.tr("Add to %1").replace("%1", name))
        self.remove_button.setAccessibleName(self.tr("Remove from %1").replace("%1", name))

    def _add_soon(self, *_args: object) -> None:
        QTimer.singleShot(0, self, self._add_current)

    def _add_current(self) -> None:
        code = self.picker.value()
        if code and code not in self.value():
            item = QListWidgetItem(self._label(code), self.list)
            item.setData(ID_ROLE, code)
        self.picker.set_value(None)

    def _label(self, code: str) -> str:
        index = self.picker.findData(code)
        return self.picker.itemText(index) if index > 0 else code

    def _remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def value(self) -> list[str]:
        return [str(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def set_value(self, codes: Iterable[str] | None) -> None:
        self.list.clear()
        for code in codes or ():
            QListWidgetItem(self._label(code), self.list).setData(ID_ROLE, code)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.add_button.setText(self.tr("Add"))
            self.remove_button.setText(self.tr("Remove"))
            for i in range(self.list.count()):
                item = self.list.item(i)
                item.setText(self._label(str(item.data(ID_ROLE))))
        super().changeEvent(event)


class RegionListPicker(_CodeListPicker):
    picker_class = RegionPicker


class CountryListPicker(_CodeListPicker):
    picker_class = CountryPicker


# -- enumerations -------------------------------------------------------------------------------
class MultiEnumPicker(QListWidget):
    """Check-box list for several values of one enumeration (roles, groups); Space toggles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(150)

    def set_choices(self, choices: Mapping[str, str]) -> None:
        """``{value: label}``; keeps what was checked."""
        checked = set(self.value())
        self.clear()
        for value, label in choices.items():
            item = QListWidgetItem(label, self)
            item.setData(ID_ROLE, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in checked
                               else Qt.CheckState.Unchecked)

    def value(self) -> list[str]:
        return [str(self.item(i).data(ID_ROLE)) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_value(self, values: Iterable[str] | None) -> None:
        wanted = set(values or ())
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in wanted
                               else Qt.CheckState.Unchecked)


# -- dates ---------------------------------------------------------------------------------------
class DateEdit(QLineEdit):
    """An ISO date (YYYY-MM-DD) that may stay empty; Alt+Down or F4 opens a calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.setClearButtonEnabled(True)
        self.setMaxLength(10)
        self._calendar: QCalendarWidget | None = None

    def value(self) -> str | None:
        return self.text().strip() or None

    def set_value(self, value: str | None) -> None:
        self.setText(value or "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.activated.connect(self._picked)
            self._calendar.clicked.connect(self._picked)
        current = QDate.fromString(self.text().strip(), Qt.DateFormat.ISODate)
        self._calendar.setSelectedDate(current if current.isValid() else today())
        self._calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self._calendar.show()
        self._calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        self.setText(date.toString(Qt.DateFormat.ISODate))
        if self._calendar is not None:
            self._calendar.hide()
        self.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setPlaceholderText(self.tr("YYYY-MM-DD"))
        super().changeEvent(event)


# -- records -------------------------------------------------------------------------------------
class RecordPicker(QLineEdit):
    """Search-as-you-type over the registry, restricted to some kinds; Down and Enter choose.

    Call :meth:`setup` with the tasks before use. The search runs on the database thread.

    Signals:
        picked(str): a record was chosen (its id), or ``""`` when the choice was dropped.
    """

    picked = Signal(str)
    DEBOUNCE_MS = 150

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks: TaskRunner | None = None
        self._kinds: frozenset[str] = frozenset()
        self._accept: Callable[[Record], bool] | None = None
        self._exclude: frozenset[str] = frozenset()
        self._id: str | None = None
        self._protected = False
        self._generation = 0
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self)
        # PySide6's stubs give SignalInstance no __getitem__ (choosing an overload)
        self._completer.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(self._on_edited)
        self.textChanged.connect(self._on_changed)
        self.setClearButtonEnabled(True)
        self._generic = self.tr("Type to search…")
        self.setPlaceholderText(self._generic)

    def setup(self, tasks: TaskRunner, kinds: Iterable[Kind] = (),
              accept: Callable[[Record], bool] | None = None) -> None:
        """Search with ``tasks`` among ``kinds`` (all when empty); ``accept`` filters records
        on the database thread."""
        self._tasks = tasks
        self._kinds = frozenset(k.value for k in kinds)
        self._accept = accept

    def set_excluded(self, ids: Iterable[str]) -> None:
        """Records never offered (e.g. the record itself)."""
        self._exclude = frozenset(ids)

    def value(self) -> str | None:
        return self._id

    def is_protected(self) -> bool:
        """The chosen record is protected (as far as the picker was told)."""
        return self._id is not None and self._protected

    def set_value(self, record_id: str | None, label: str = "", protected: bool = False) -> None:
        self._timer.stop()
        self._id = record_id or None
        self._protected = protected
        self.blockSignals(True)
        self.setText(label if record_id else "")
        self.blockSignals(False)
        self.setCursorPosition(0)

    def clear_value(self) -> None:
        self.set_value(None)
        self._model.clear()

    def pending(self) -> bool:
        """Text was typed but no record chosen."""
        return bool(self.text().strip()) and self._id is None

    def suggestions(self) -> list[tuple[str, str]]:
        """``(id, label)`` currently offered."""
        rows = (self._model.item(i) for i in range(self._model.rowCount()))
        return [(str(it.data(ID_ROLE)), it.text()) for it in rows if it.data(ID_ROLE)]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER_KEYS:
            # Enter chooses a suggestion and never submits the dialog; while the list is
            # open the event stays unaccepted so that the completer takes the choice.
            popup = self._completer.popup()
            if popup is not None and popup.isVisible():
                event.ignore()
            else:
                event.accept()
            return
        super().keyPressEvent(event)

    def _on_edited(self, text: str) -> None:
        if self._id is not None:
            self._id = None
            self.picked.emit("")
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self._model.clear()
            if (popup := self._completer.popup()) is not None:
                popup.hide()

    def _on_changed(self, text: str) -> None:
        if not text and self._id is not None:
            self._id = None
            self.picked.emit("")

    def _search(self) -> None:
        text = self.text().strip()
        if not text or self._tasks is None:
            return
        self._generation += 1
        job = partial(_search_job, text=text, kinds=self._kinds, accept=self._accept,
                      exclude=self._exclude)
        self._tasks.run(job, partial(self._on_results, self._generation, text),
                        self._on_search_error)

    def _on_results(self, generation: int, text: str, hits: list[Suggestion]) -> None:
        if not isValid(self) or generation != self._generation or text != self.text().strip():
            return
        self._model.clear()
        for hit in hits:
            item = QStandardItem(hit.label)
            item.setData(hit.id, ID_ROLE)
            item.setData(hit.sensitivity == "protected", PROTECTED_ROLE)
            if hit.sensitivity == "protected":
                item.setToolTip(self.tr("Protected record"))
                item.setText(f"▲ {hit.label}")
            self._model.appendRow(item)
        if not hits:
            empty = QStandardItem(self.tr("No matching record"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self._model.appendRow(empty)
        if self.isVisible():
            self._completer.complete(self._popup_rect())

    def _popup_rect(self) -> QRect:
        """Where the suggestions open: under the field, as wide as the longest one needs
        (a name longer than the field was clipped), at most the screen's width."""
        popup = self._completer.popup()
        assert popup is not None  # a completer always has its list
        metrics = popup.fontMetrics()
        texts = (self._model.item(i).text() for i in range(self._model.rowCount()))
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        scroll = popup.verticalScrollBar()
        extra = 2 * popup.frameWidth() + (scroll.sizeHint().width() if scroll else 0) + 16
        screen = self.screen().availableGeometry().width() if self.screen() else widest + extra
        return QRect(0, 0, min(max(self.width(), widest + extra), screen), self.height())

    def _on_search_error(self, _exc: BaseException) -> None:
        if isValid(self):
            self._model.clear()

    def _on_activated(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if not record_id:
            return
        self.set_value(str(record_id), str(index.data()).removeprefix("▲ "),
                       bool(index.data(PROTECTED_ROLE)))
        self.picked.emit(str(record_id))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_generic"):
            # a placeholder the form gave (retranslated by the form before this) stays
            if self.placeholderText() in ("", self._generic):
                self.setPlaceholderText(self.tr("Type to search…"))
            self._generic = self.tr("Type to search…")
        super().changeEvent(event)


def _search_job(reg: Registry, *, text: str, kinds: frozenset[str],
                accept: Callable[[Record], bool] | None,
                exclude: frozenset[str]) -> list[Suggestion]:
    return search_records(reg, text, kinds, accept=accept, exclude=exclude)


class RecordListPicker(QWidget):
    """Several records (event participants): choosing one in the picker adds it to the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = RecordPicker(self)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(140)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addWidget(self.list)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.picker.picked.connect(self._on_picked)
        self.remove_button.clicked.connect(self._remove_current)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list,
                  self._remove_current, Qt.ShortcutContext.WidgetShortcut)
        self.setFocusProxy(self.picker)

    def setup(self, tasks: TaskRunner, kinds: Iterable[Kind] = (),
              accept: Callable[[Record], bool] | None = None) -> None:
        self.picker.setup(tasks, kinds, accept)

    def set_accessible_names(self, name: str) -> None:
        self.picker.setAccessibleName(self.tr("%1: search to add").replace("%1", name))
        self.list.setAccessibleName(self.tr("%1: chosen").replace("%1", name))
        self.remove_button.setAccessibleName(self.tr("Remove from %1").replace("%1", name))

    def _on_picked(self, record_id: str) -> None:
        if not record_id:
            return
        if record_id not in self.value():
            item = QListWidgetItem(self.picker.text(), self.list)
            item.setData(ID_ROLE, record_id)
        self.picker.clear_value()
        self.picker.set_excluded(self.value())

    def _remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.picker.set_excluded(self.value())

    def pending(self) -> bool:
        return self.picker.pending()

    def value(self) -> list[str]:
        return [str(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def set_value(self, ids: Iterable[str] | None, labels: Mapping[str, str] | None = None) -> None:
        self.list.clear()
        for record_id in ids or ():
            # an erased record keeps its id and has no name (an event's protected participant,
            # erased: her events are left as they were)
            label = (labels or {}).get(record_id, record_id) or self.tr("Erased record")
            item = QListWidgetItem(label, self.list)
            item.setData(ID_ROLE, record_id)
        self.picker.set_excluded(self.value())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.remove_button.setText(self.tr("Remove"))
        super().changeEvent(event)
