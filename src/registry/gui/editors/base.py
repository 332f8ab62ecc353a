"""The shared base of the record editors: load, collect, check, save and show problems.

A subclass names its kind and Designer form; each input in the form carries the name of
the field it edits (``objectName`` = field name), so loading, saving and marking a field
with a problem work the same for every kind. All Registry calls go through ``tasks.run``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import KINDS, FieldSpec, FieldType, KindSpec, Record
from registry.domain.validate import FieldError, normalise_value
from registry.errors import LoweringNeedsConfirmation, RegistryError
from registry.gui.editors import data
from registry.gui.editors.labels import labels
from registry.gui.editors.pickers import RecordListPicker, RecordPicker
from registry.gui.i18n import translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import fit_to_screen
from registry.service import Registry

Problem = tuple[str | None, str]
_UNPARENTED: set[QDialog] = set()  # protect-now dialogs of editors opened without a parent

ACTORS = (Kind.PERSON, Kind.ORGANISATION)
REF_KINDS: dict[str, tuple[Kind, ...]] = {
    "from_id": ACTORS, "to_id": ACTORS, "recipient_id": ACTORS, "subject_id": ACTORS,
    "provider_id": (Kind.ORGANISATION,), "organiser_id": (Kind.ORGANISATION,),
    "participants": (Kind.PERSON,),
}
REF_ACCEPT: dict[str, Callable[[Record], bool]] = {"provider_id": data.is_provider}
_FIELD_MESSAGE = re.compile(r"^([a-z_0-9]+): (.+)$", re.DOTALL)
_STYLE = ('*[invalid="true"] { border: 2px solid #b71c1c; }'
          'QLabel[invalid="true"] { border: none; color: #b71c1c; font-weight: bold; }'
          'QLabel#error_banner { color: #b71c1c; font-weight: bold; }')


class EditorDialog(QDialog):
    """Edits one record of ``kind``; a new one when ``record_id`` is None.

    A save that would lower the record's protection asks first (lowering stays in this vault
    and is audited, DESIGN §6.4.1); a save that newly protects a record this vault shared
    opens the protect-now dialog, which outlives the editor (DESIGN §6.4.2).

    Signals:
        saved(str): the record was written; carries its id.
        lowering_asked(QMessageBox): the save would lower protection; the question is open.
        protection_notice(QDialog): the record was shared and is now protected; the
            protect-now dialog is open.
    """

    saved = Signal(str)
    lowering_asked = Signal(object)
    protection_notice = Signal(object)
    kind: ClassVar[Kind]
    form_class: ClassVar[type]

    def __init__(self, tasks: TaskRunner, record_id: str | None, parent: QWidget | None = None,
                 preset: Mapping[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.ui = self.form_class()
        self.ui.setupUi(self)
        _scroll_tabs(self)
        fit_to_screen(self, self.width(), self.height())  # the form's size, or what fits
        self._tasks = tasks
        self._id = record_id
        self._loaded: data.LoadedRecord | None = None
        self._editable = True
        self._invalid: list[QWidget] = []
        self.fields: dict[str, QWidget] = {
            f.name: w for f in self.spec.fields
            if isinstance(w := getattr(self.ui, f.name, None), QWidget)}
        self.setStyleSheet(_STYLE)
        self.ui.error_banner.setVisible(False)
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            QShortcut(QKeySequence(keys), self, self.save)
        self._prepare()
        self._retranslate()
        self.ui.sensitivity.currentIndexChanged.connect(self._update_badge)
        if record_id is None:
            self._start_new(dict(preset or {}))
        else:
            self._set_busy(True)
            self._tasks.run(partial(data.load_record, record_id=record_id, kind=self.kind),
                            self._on_loaded, self._on_load_failed)

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    @property
    def record_id(self) -> str | None:
        return self._id

    # -- widgets ---------------------------------------------------------------------------------
    def _prepare(self) -> None:
        for name, widget in self.fields.items():
            if isinstance(widget, RecordPicker | RecordListPicker):
                widget.setup(self._tasks, REF_KINDS.get(name, ACTORS), REF_ACCEPT.get(name))
        self._populate_choices()

    def _populate_choices(self) -> None:
        lab = labels()
        for name, widget in self.fields.items():
            spec = self.spec.by_name[name]
            if spec.type is FieldType.SENSITIVITY and isinstance(widget, QComboBox):
                _fill(widget, [(lab.sensitivity(s), s.label) for s in Sensitivity])
            elif spec.type is FieldType.ENUM and isinstance(widget, QComboBox):
                assert spec.enum is not None
                _fill(widget, [("", None), *((t, v) for v, t in lab.enum(spec.enum).items())])
            elif spec.type is FieldType.ENUM_LIST and hasattr(widget, "set_choices"):
                assert spec.enum is not None
                widget.set_choices(lab.enum(spec.enum))
            elif spec.type is FieldType.INT and isinstance(widget, QComboBox):
                _fill(widget, [("", None), *((t, v) for v, t in lab.scores().items())])

    def _retranslate(self) -> None:
        lab = labels()
        self.setWindowTitle(lab.new_title(self.kind) if self._id is None
                            else lab.edit_title(self.kind))
        for name, widget in self.fields.items():
            if hasattr(widget, "set_accessible_names"):
                widget.set_accessible_names(lab.field(self.kind, name))
        self._update_badge()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "fields"):
            values = self.collect()
            self.ui.retranslateUi(self)
            self._populate_choices()
            self._set_values(values, {})
            self._retranslate()
        super().changeEvent(event)

    def _update_badge(self) -> None:
        self.ui.badge.set_level(self.ui.sensitivity.currentData() or None)

    def _set_busy(self, busy: bool) -> None:
        for widget in self.fields.values():
            widget.setEnabled(not busy and self._editable)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not busy and self._editable)

    # -- loading ---------------------------------------------------------------------------------
    def _start_new(self, preset: dict[str, Any]) -> None:
        self.ui.sensitivity.setCurrentIndex(self.ui.sensitivity.findData(
            Sensitivity.INTERNAL.label))
        self.init_new(preset)
        refs = data.ref_ids(self.kind, preset)
        self._set_values(preset, {})
        if refs:
            self._tasks.run(partial(data.load_labels, ids=refs),
                            partial(self._on_preset_labels, preset), self._ignore)
        self._focus_first()

    def init_new(self, preset: dict[str, Any]) -> None:
        """Defaults for a new record; ``preset`` may be changed in place."""

    def _on_preset_labels(self, preset: dict[str, Any], ref_labels: dict[str, str]) -> None:
        if isValid(self):
            self._set_values({k: v for k, v in preset.items() if k in REF_KINDS}, ref_labels)

    def _on_loaded(self, loaded: data.LoadedRecord) -> None:
        if not isValid(self):
            return
        self._loaded = loaded
        self._editable = loaded.editable
        self._set_values(loaded.values, loaded.ref_labels)
        self.after_load(loaded)
        self._set_busy(False)
        self._focus_first()

    def after_load(self, loaded: data.LoadedRecord) -> None:
        """Hook for a subclass once a record is shown."""

    def _on_load_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self._editable = False
            self._set_busy(False)
            self._show_problems([(None, error_message(exc))])

    def _ignore(self, _exc: BaseException) -> None:
        """A label that cannot be fetched is shown as the id; the save will say what is wrong."""

    def _focus_first(self) -> None:
        first = next(iter(w for n, w in self.fields.items()
                          if n != "sensitivity" and w.isEnabled()), None)
        if first is not None:
            self._show_tab_of(first)
            first.setFocus()

    def _set_values(self, values: Mapping[str, Any], ref_labels: Mapping[str, str]) -> None:
        for name, value in values.items():
            widget = self.fields.get(name)
            if widget is not None:
                _write(widget, self.spec.by_name[name], value, ref_labels)

    # -- saving -----------------------------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        """The form's values (raw: the core validates them); a field the application sets
        (``FieldSpec.editable`` False, e.g. an evaluation's assessor) is only shown."""
        return {name: _read(widget, self.spec.by_name[name])
                for name, widget in self.fields.items() if self.spec.by_name[name].editable}

    def problems(self, values: dict[str, Any]) -> list[Problem]:
        """What the form can tell before asking the core: unchosen records, dates in order."""
        out: list[Problem] = [
            (name, labels().choose_from_list()) for name, widget in self.fields.items()
            if isinstance(widget, RecordPicker | RecordListPicker) and widget.pending()]
        start, end = _iso(values.get("start")), _iso(values.get("end"))
        if start and end and end < start:
            out.append(("end", labels().end_before_start()))
        return out

    def save(self) -> None:
        """Check and write the form; the dialog closes with ``saved`` once the write is done."""
        self._clear_problems()
        values = self.collect()
        problems = self.problems(values)
        if problems:
            self._show_problems(problems)
            return
        if self._id is None:
            payload = {k: v for k, v in values.items() if not _blank(v)}
            job: Callable[[Registry], data.Saved] = partial(data.add_record, kind=self.kind,
                                                            values=payload)
        else:
            payload = self._changes(values)
            if not payload:
                self.accept()
                return
            job = partial(data.update_record, record_id=self._id, changes=payload)
        self._write(job)

    def _write(self, job: Callable[[Registry], data.Saved]) -> None:
        self._set_busy(True)
        self._tasks.run(job, self._on_saved, partial(self._on_save_failed, job))

    def _changes(self, values: dict[str, Any]) -> dict[str, Any]:
        old = self._loaded.values if self._loaded is not None else {}
        return {name: value for name, value in values.items()
                if not _same(self.spec.by_name[name], old.get(name), value)}

    def _on_saved(self, saved: data.Saved) -> None:
        if not isValid(self):
            return
        self._id = saved.id
        self._set_busy(False)
        self.saved.emit(saved.id)
        self.accept()
        if saved.holders:
            self._open_protect_now(saved)

    def _open_protect_now(self, saved: data.Saved) -> None:
        from registry.gui.sharing.protect_now import ProtectNowDialog

        parent = self.parentWidget()
        dialog = ProtectNowDialog(self._tasks, saved, parent.window() if parent else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if parent is None:  # nothing else holds it while it is open
            _UNPARENTED.add(dialog)
            dialog.finished.connect(lambda _r, d=dialog: _UNPARENTED.discard(d))
        dialog.open()
        self.protection_notice.emit(dialog)

    def _on_save_failed(self, job: Callable[[Registry], data.Saved], exc: BaseException) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        if isinstance(exc, LoweringNeedsConfirmation) and isinstance(job, partial):
            self._ask_lowering(partial(job, confirm_lowering=True))
            return
        if isinstance(exc, RegistryError):
            match = _FIELD_MESSAGE.match(str(exc))
            if match and match.group(1) in self.fields:
                self._show_problems([(match.group(1), labels().problem(match.group(2)))])
                return
        self._show_problems([(None, error_message(exc))])

    def _ask_lowering(self, confirmed: Callable[[Registry], data.Saved]) -> None:
        """Lowering protection is a local act: ask, and write again with the confirmation."""
        box = QMessageBox(QMessageBox.Icon.Warning, translate("Protection", "Lower protection?"),
                          translate("Protection", "Lower protection in this vault only? "
                                    "Officials who hold the record keep it protected; this is "
                                    "recorded in the audit log."),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("lowerProtectionBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(translate(
            "Protection", "From now on this vault treats the record at the lower level, also "
            "in the bundles you write; a bundle never lowers anyone else's copy."))
        lower = box.addButton(translate("Protection", "Lower it in this vault"),
                              QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(translate("Protection", "Keep it protected"),
                             QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if not isValid(self):
                return
            if box.clickedButton() is lower:
                self._write(confirmed)
            else:
                self._show_problems([(None, translate(
                    "Protection", "Not saved: the protection was not lowered. Change the "
                    "level back, or save again to be asked again."))])

        box.finished.connect(answered)
        box.open()
        self.lowering_asked.emit(box)

    # -- problems ---------------------------------------------------------------------------------
    def _show_problems(self, problems: list[Problem]) -> None:
        lines = []
        for name, message in problems:
            if name is None:
                lines.append(message)
                continue
            lines.append(f"{labels().field(self.kind, name)}: {message}")
            widget = self.fields[name]
            for target in (widget, getattr(self.ui, f"label_{name}", None)):
                if isinstance(target, QWidget):
                    _mark(target, True)
                    self._invalid.append(target)
            widget.setToolTip(lines[-1])
            widget.setAccessibleDescription(lines[-1])
        self.ui.error_banner.setText("\n".join(lines))
        self.ui.error_banner.setVisible(True)
        first = next((self.fields[n] for n, _ in problems if n is not None), None)
        if first is not None:
            self._show_tab_of(first)
            first.setFocus()

    def _clear_problems(self) -> None:
        for widget in self._invalid:
            if isValid(widget):
                _mark(widget, False)
                if not isinstance(widget, QLabel):
                    widget.setToolTip("")
                    widget.setAccessibleDescription("")
        self._invalid.clear()
        self.ui.error_banner.clear()
        self.ui.error_banner.setVisible(False)

    def problem_text(self) -> str:
        """The problems currently shown (empty when none)."""
        return self.ui.error_banner.text() if self.ui.error_banner.isVisibleTo(self) else ""

    def invalid_fields(self) -> list[str]:
        return [n for n, w in self.fields.items() if w.property("invalid") is True]

    def _show_tab_of(self, widget: QWidget) -> None:
        tabs = getattr(self.ui, "tabs", None)
        if not isinstance(tabs, QTabWidget):
            return
        for i in range(tabs.count()):
            page = tabs.widget(i)
            if page is not None and page.isAncestorOf(widget):
                tabs.setCurrentIndex(i)
                return


def _scroll_tabs(dialog: EditorDialog) -> None:
    """Each tab's fields scroll when the dialog is lower than they need (a small screen):
    the fields move into a scroll area inside the same tab page, so the page, its fields and
    the Save and Cancel buttons below stay where they are."""
    tabs = getattr(dialog.ui, "tabs", None)
    if not isinstance(tabs, QTabWidget):
        return
    for i in range(tabs.count()):
        page = tabs.widget(i)
        fields = page.layout() if page is not None else None
        if page is None or fields is None:
            continue
        inner = QWidget()
        inner.setObjectName(f"{page.objectName()}_fields")
        inner.setLayout(fields)  # takes the layout and its widgets from the page
        scroll = QScrollArea(page)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)


# -- widget adapters ------------------------------------------------------------------------------
def _fill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def _read(widget: QWidget, spec: FieldSpec) -> Any:
    if hasattr(widget, "value"):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QPlainTextEdit):
        text = widget.toPlainText()
        return [t.strip() for t in text.splitlines() if t.strip()] if spec.is_list else text
    if isinstance(widget, QLineEdit):
        text = widget.text()
        return [t.strip() for t in text.split(",") if t.strip()] if spec.is_list else text
    raise TypeError(type(widget).__name__)  # pragma: no cover - a form wired wrongly


def _write(widget: QWidget, spec: FieldSpec, value: Any, ref_labels: Mapping[str, str]) -> None:
    if isinstance(widget, RecordPicker):
        widget.set_value(value, ref_labels.get(value, value or "") if value else "")
    elif isinstance(widget, RecordListPicker):
        widget.set_value(value, ref_labels)
    elif hasattr(widget, "set_value"):
        widget.set_value(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("\n".join(value) if isinstance(value, list) else str(value or ""))
    elif isinstance(widget, QLineEdit):
        text = ", ".join(map(str, value)) if isinstance(value, list) else value
        widget.setText("" if text is None else str(text))
        widget.setCursorPosition(0)


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _blank(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, str | list) and not value)


def _same(spec: FieldSpec, old: Any, new: Any) -> bool:
    try:
        canonical = normalise_value(spec, new)
    except FieldError:
        return False
    if spec.type is FieldType.BOOL:
        return bool(old) == bool(canonical)
    return (_blank(old) and _blank(canonical)) or old == canonical


def _iso(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 \
            else None
    except ValueError:
        return None
