"""A record's view: its fields with who last set each and when, its ties from both ends."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QTableWidgetItem, QToolButton, QTreeWidgetItem, QWidget
from shiboken6 import isValid

from registry.domain.enums import Kind, Sensitivity, TieKind
from registry.domain.model import KINDS, FieldSpec, FieldType
from registry.gui.editors import data
from registry.gui.editors.badges import set_protected_marker
from registry.gui.editors.base import ACTORS
from registry.gui.editors.clipboard import CLEAR_AFTER_MS, ClipboardGuard
from registry.gui.editors.labels import described_text, labels
from registry.gui.editors.pickers import ID_ROLE, country_name, region_name
from registry.gui.forms.ui_record_view import Ui_RecordView
from registry.gui.i18n import date_text, moment_text
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import ColumnFit, with_tooltip

OTHER_ROLE = ID_ROLE + 1
WHEN_COLUMN = 3  # hidden: the moment is shown under who set the value
COPY_COLUMN = 4


class RecordView(QWidget):
    """Shows one record; empty after :meth:`clear`.

    Signals:
        record_activated(str): the user asked to open another record (a tie's other end).
        changed(str): a record was written from this view (the record, or a tie of it).
    """

    record_activated = Signal(str)
    changed = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None, *,
                 clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self.ui = Ui_RecordView()
        self.ui.setupUi(self)
        self._tasks = tasks
        self._id: str | None = None
        self._data: data.ViewData | None = None
        self._generation = 0
        self.clipboard = ClipboardGuard(self, clear_after_ms)
        self.ui.tie_target.setup(tasks, ACTORS)
        # the value takes the room; field names wrap; who set it and when share one narrow
        # column, on two lines (the when column stays hidden), each row as tall as it needs
        self._fit_fields = ColumnFit(self.ui.fields, stretch=1, cap=0.26, caps={0: 0.26},
                                     rows=True)
        # the fields are what a reader came for: they take more of the height than the ties
        self.ui.main_layout.setStretchFactor(self.ui.fields, 3)
        self.ui.main_layout.setStretchFactor(self.ui.ties_box, 2)
        self.ui.fields.setWordWrap(True)
        self.ui.fields.setColumnHidden(WHEN_COLUMN, True)
        self.ui.fields.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # direction, tie kind and sensitivity are a few known labels: whole; names elide
        self._fit_ties = ColumnFit(self.ui.ties, stretch=2, cap=0.16, caps={1: 0.25},
                                   whole=frozenset({0, 1, 4}))
        self.ui.edit_button.clicked.connect(self.edit_record)
        self.ui.copy_button.clicked.connect(self._copy_current)
        self.ui.fields.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self.ui.ties.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.ui.ties.itemActivated.connect(lambda *_a: self.edit_tie())
        self.ui.edit_tie_button.clicked.connect(self.edit_tie)
        self.ui.open_other_button.clicked.connect(self._open_other)
        self.ui.add_tie_button.clicked.connect(self.add_tie)
        self.ui.tie_target.picked.connect(lambda _id: self._update_buttons())
        self._fill_tie_kinds()
        self.clear()

    @property
    def record_id(self) -> str | None:
        return self._id

    # -- showing ---------------------------------------------------------------------------------
    def show_record(self, record_id: str | None) -> None:
        """Load and show ``record_id`` (None clears the view)."""
        if record_id is None:
            self.clear()
            return
        self._generation += 1
        self._id = record_id
        self.ui.status.setText(self.tr("Loading…"))
        self._tasks.run(partial(data.load_view, record_id=record_id),
                        partial(self._on_loaded, self._generation),
                        partial(self._on_failed, self._generation))

    def refresh(self) -> None:
        if self._id is not None:
            self.show_record(self._id)

    def clear(self) -> None:
        """Forget the record: no text of it stays in any widget."""
        self._generation += 1
        self._id = None
        self._data = None
        for label in (self.ui.title, self.ui.kind_label, self.ui.status):
            label.clear()
            label.setToolTip("")
        self.ui.badge.set_level(None)
        set_protected_marker(self.ui.protected_marker, False)
        self.ui.fields.clearContents()
        self.ui.fields.setRowCount(0)
        self.ui.ties.clear()
        self.ui.tie_target.clear_value()
        self.ui.tie_target.set_excluded(())
        self.ui.ties_box.setVisible(False)
        self._update_buttons()

    def _on_loaded(self, generation: int, view: data.ViewData) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._data = view
        self.ui.title.setText(described_text(view.described) if view.described else view.label)
        self.ui.kind_label.setText(labels().kind(view.kind))
        self.ui.badge.set_level(view.sensitivity)
        set_protected_marker(self.ui.protected_marker, view.inside_russia, by_group=(
            view.sensitivity == Sensitivity.PROTECTED.label
            and view.own_sensitivity != Sensitivity.PROTECTED.label))
        self.ui.status.clear()
        self._show_fields(view)
        self._show_ties(view)
        self.ui.tie_target.set_excluded({view.id})
        self.ui.ties_box.setVisible(view.kind in ACTORS)
        self._update_buttons()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if isValid(self) and generation == self._generation:
            self.clear()
            self.ui.status.setText(error_message(exc))

    def _show_fields(self, view: data.ViewData) -> None:
        table = self.ui.fields
        table.clearContents()
        table.setRowCount(len(view.fields))
        spec = KINDS[view.kind]
        for row, f in enumerate(view.fields):
            name_item = with_tooltip(QTableWidgetItem(labels().field(view.kind, f.name)))
            name_item.setData(ID_ROLE, f.name)
            table.setItem(row, 0, name_item)
            table.setItem(row, 1, with_tooltip(QTableWidgetItem(
                format_value(spec.by_name[f.name], f.value, view.ref_labels))))
            # who and on which day, under each other (the moment in full as tooltip): at the
            # default window size neither is cut
            day = _when(f.at).rsplit(", ", 1)[0]  # local day of the moment, its time dropped
            by = QTableWidgetItem(f"{self._set_by(f)}\n{day}")
            by.setToolTip(f"{self._set_by(f)}\n{_when(f.at)}")
            table.setItem(row, 2, by)
            table.setItem(row, WHEN_COLUMN, QTableWidgetItem(_when(f.at)))
            if f.name in data.CONTACT_FIELDS:
                table.setCellWidget(row, COPY_COLUMN, self._copy_button(view.kind, f.name))
        table.setColumnHidden(COPY_COLUMN, not any(f.name in data.CONTACT_FIELDS
                                                   for f in view.fields))
        self._fit_fields.fit()

    def _set_by(self, f: data.FieldRow) -> str:
        """"A" for a value set here; "A, received from C" for one a bundle signed by C brought."""
        if not f.received_from:
            return f.by
        return self.tr("%1, received from %2").replace("%1", f.by).replace("%2",
                                                                             f.received_from)

    def _copy_button(self, kind: Kind, name: str) -> QToolButton:
        button = QToolButton(self.ui.fields)
        button.setText(self.tr("Copy"))
        field = labels().field(kind, name)
        button.setAccessibleName(self.tr("Copy %1").replace("%1", field))
        button.setToolTip(self.tr("Copy %1; the clipboard is cleared after 30 seconds")
                          .replace("%1", field))
        button.clicked.connect(partial(self.copy_field, name))
        return button

    def _show_ties(self, view: data.ViewData) -> None:
        self.ui.ties.clear()
        kinds = labels().enum(TieKind)
        for tie in view.ties:
            item = QTreeWidgetItem(self.ui.ties, [
                self.tr("→ to") if tie.outgoing else self.tr("← from"),
                kinds.get(tie.kind, tie.kind), tie.other_label, tie.role,
                labels().sensitivity(Sensitivity.parse(tie.sensitivity))])
            item.setData(0, ID_ROLE, tie.tie_id)
            item.setData(0, OTHER_ROLE, tie.other_id)
            item.setToolTip(2, tie.other_label)
            item.setToolTip(3, tie.role or "")
        self._fit_ties.fit()

    def _update_buttons(self) -> None:
        has_tie = self.ui.ties.currentItem() is not None
        self.ui.edit_button.setEnabled(self._data is not None)
        self.ui.edit_tie_button.setEnabled(has_tie)
        self.ui.open_other_button.setEnabled(has_tie)
        self.ui.add_tie_button.setEnabled(self._data is not None
                                          and self.ui.tie_target.value() is not None)
        self.ui.copy_button.setEnabled(self._current_contact() is not None)

    # -- copying contact details ----------------------------------------------------------------
    def copy_field(self, name: str) -> None:
        """Copy a contact detail; the clipboard is cleared again after the guard's interval."""
        if self._data is None or name not in data.CONTACT_FIELDS:
            return
        value = next((f.value for f in self._data.fields if f.name == name), None)
        if value:
            self.clipboard.copy(str(value))
            self.ui.status.setText(self.tr("Copied. The clipboard will be cleared in %n "
                                           "second(s).", "", self.clipboard.interval // 1000))

    def _current_contact(self) -> str | None:
        item = self.ui.fields.item(self.ui.fields.currentRow(), 0)
        name = item.data(ID_ROLE) if item is not None else None
        return name if name in data.CONTACT_FIELDS else None

    def _copy_current(self) -> None:
        name = self._current_contact()
        if name is not None:
            self.copy_field(name)

    # -- editing -----------------------------------------------------------------------------------
    def edit_record(self) -> None:
        if self._data is not None:
            self._open(self._data.kind, self._data.id)

    def edit_tie(self) -> None:
        item = self.ui.ties.currentItem()
        if item is not None:
            self._open(Kind.TIE, str(item.data(0, ID_ROLE)))

    def new_tie(self) -> None:
        """The full tie editor with this record as the first end."""
        if self._data is not None:
            self._open(Kind.TIE, None, {"from_id": self._data.id})

    def _open(self, kind: Kind, record_id: str | None,
              preset: dict[str, Any] | None = None) -> None:
        from registry.gui.editors import open_editor

        dialog = open_editor(self._tasks, kind, record_id, self, preset=preset)
        dialog.saved.connect(self._on_written)
        dialog.open()

    def _open_other(self) -> None:
        item = self.ui.ties.currentItem()
        if item is not None:
            self.record_activated.emit(str(item.data(0, OTHER_ROLE)))

    def add_tie(self) -> None:
        """Add a tie from this record to the one chosen in the picker."""
        target = self.ui.tie_target.value()
        if self._data is None or target is None:
            self.ui.status.setText(self.tr("Choose the other end of the tie first."))
            return
        job = partial(data.add_tie, from_id=self._data.id, to_id=target,
                      kind=self.ui.tie_kind.currentData())
        self._tasks.run(job, self._on_tie_added, partial(self._on_failed_write,
                                                         self._generation))

    def _on_tie_added(self, tie_id: str) -> None:
        if isValid(self):
            self.ui.tie_target.clear_value()
            self._on_written(tie_id)

    def _on_written(self, record_id: str) -> None:
        if isValid(self):
            self.changed.emit(record_id)
            self.refresh()

    def _on_failed_write(self, generation: int, exc: BaseException) -> None:
        if isValid(self) and generation == self._generation:
            self.ui.status.setText(error_message(exc))

    def _fill_tie_kinds(self) -> None:
        current = self.ui.tie_kind.currentData()
        self.ui.tie_kind.clear()
        for value, text in labels().enum(TieKind).items():
            self.ui.tie_kind.addItem(text, value)
        self.ui.tie_kind.setCurrentIndex(max(0, self.ui.tie_kind.findData(current)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_data"):
            self.ui.retranslateUi(self)
            self._fill_tie_kinds()
            if self._data is not None:
                self._on_loaded(self._generation, self._data)
        super().changeEvent(event)


def format_value(spec: FieldSpec, value: Any, ref_labels: dict[str, str]) -> str:
    """A field's value as shown to the user, in the interface language."""
    if isinstance(value, list):
        return ", ".join(format_value(spec, v, ref_labels) for v in value)
    text = str(value)
    t = spec.type
    if t in (FieldType.ENUM, FieldType.ENUM_LIST) and spec.enum is not None:
        text = labels().enum(spec.enum).get(text, text)
    elif t is FieldType.BOOL:
        text = labels().yes_no(bool(value))
    elif t in (FieldType.REGION, FieldType.REGION_LIST):
        text = region_name(text)
    elif t in (FieldType.COUNTRY, FieldType.COUNTRY_LIST):
        text = country_name(text)
    elif t is FieldType.DATE:
        text = date_text(text)
    elif t in (FieldType.REF, FieldType.REF_LIST):
        text = ref_labels.get(text, text)
    elif t is FieldType.SENSITIVITY:
        text = labels().sensitivity(Sensitivity.parse(text))
    return text


def _when(at: str) -> str:
    return moment_text(at)
