"""One editor per record kind of DESIGN §4, each on its Designer form."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from shiboken6 import isValid

from registry.domain.enums import Kind, Sensitivity
from registry.gui.editors import data
from registry.gui.editors.badges import set_protected_marker
from registry.gui.editors.base import EditorDialog, Problem
from registry.gui.editors.labels import labels
from registry.gui.forms.ui_editor_evaluation import Ui_EvaluationEditor
from registry.gui.forms.ui_editor_event import Ui_EventEditor
from registry.gui.forms.ui_editor_organisation import Ui_OrganisationEditor
from registry.gui.forms.ui_editor_person import Ui_PersonEditor
from registry.gui.forms.ui_editor_support import Ui_SupportEditor
from registry.gui.forms.ui_editor_tie import Ui_TieEditor


def today() -> dt.date:
    """The day a new evaluation is dated (tests fix it)."""
    return dt.date.today()


class PersonEditor(EditorDialog):
    """A person: names in both scripts, profile, contacts, notes. Inside Russia = protected.

    The marker also tells when the person is protected only because a record decided the
    same is (the service's rule, read when the record is loaded).
    """

    kind = Kind.PERSON
    form_class = Ui_PersonEditor
    _by_group = False

    def _prepare(self) -> None:
        super()._prepare()
        self.ui.inside_russia.toggled.connect(self._on_inside_russia)
        self._on_inside_russia(False)

    def after_load(self, loaded: data.LoadedRecord) -> None:
        own = loaded.values.get("sensitivity") == Sensitivity.PROTECTED.label
        self._by_group = loaded.level == Sensitivity.PROTECTED.label and not own
        self._on_inside_russia(self.ui.inside_russia.isChecked())

    def _on_inside_russia(self, inside: bool) -> None:
        set_protected_marker(self.ui.protected_marker, inside, by_group=self._by_group)
        if inside:
            self.ui.sensitivity.setCurrentIndex(
                self.ui.sensitivity.findData(Sensitivity.PROTECTED.label))
        self.ui.sensitivity.setEnabled(not inside and self._editable)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self.ui.sensitivity.setEnabled(not busy and self._editable
                                       and not self.ui.inside_russia.isChecked())

    def _retranslate(self) -> None:
        super()._retranslate()
        set_protected_marker(self.ui.protected_marker, self.ui.inside_russia.isChecked(),
                             by_group=self._by_group)


class OrganisationEditor(EditorDialog):
    """An organisation: names, type, years, countries, themes, regions covered, reach."""

    kind = Kind.ORGANISATION
    form_class = Ui_OrganisationEditor


class TieEditor(EditorDialog):
    """A tie between two actors; opened from either end, the ends can be swapped."""

    kind = Kind.TIE
    form_class = Ui_TieEditor

    def _prepare(self) -> None:
        super()._prepare()
        self.ui.swap_button.clicked.connect(self.swap_ends)
        self.ui.from_id.picked.connect(self._update_protection)
        self.ui.to_id.picked.connect(self._update_protection)
        self._update_protection()

    def after_load(self, loaded: data.LoadedRecord) -> None:
        for picker in (self.ui.from_id, self.ui.to_id):
            if picker.value() in loaded.protected_refs:
                picker.set_value(picker.value(), picker.text(), protected=True)
        self._update_protection()

    def _update_protection(self, *_args: object) -> None:
        """A tie touching a protected person is protected (DESIGN §4.2); shown and enforced."""
        touches = self.ui.from_id.is_protected() or self.ui.to_id.is_protected()
        if touches:
            self.ui.sensitivity.setCurrentIndex(
                self.ui.sensitivity.findData(Sensitivity.PROTECTED.label))
            self.ui.protected_marker.setText(QCoreApplication.translate(
                "TieEditor", "▲ Touches a protected person — the tie is protected"))
            self.ui.protected_marker.setStyleSheet(
                "QLabel { color: #b71c1c; font-weight: bold; }")
            self.ui.protected_marker.setVisible(True)
        else:
            set_protected_marker(self.ui.protected_marker, False)
        self.ui.sensitivity.setEnabled(not touches and self._editable)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        touches = self.ui.from_id.is_protected() or self.ui.to_id.is_protected()
        self.ui.sensitivity.setEnabled(not busy and self._editable and not touches)

    def swap_ends(self) -> None:
        a, b = self.ui.from_id, self.ui.to_id
        first = (a.value(), a.text(), a.is_protected())
        second = (b.value(), b.text(), b.is_protected())
        for picker, (record_id, label, protected) in ((a, second), (b, first)):
            if record_id:
                picker.set_value(record_id, label, protected)
            else:
                picker.clear_value()

    def problems(self, values: dict[str, Any]) -> list[Problem]:
        out = super().problems(values)
        if values.get("from_id") and values.get("from_id") == values.get("to_id"):
            out.append(("to_id", labels().tie_to_itself()))
        return out

    def _retranslate(self) -> None:
        super()._retranslate()
        self.ui.swap_button.setText(QCoreApplication.translate("TieEditor",
                                                               "S&wap the two ends"))
        self._update_protection()


class SupportEditor(EditorDialog):
    """Support from a donor or government body to a person or organisation."""

    kind = Kind.SUPPORT
    form_class = Ui_SupportEditor

    def _prepare(self) -> None:
        super()._prepare()
        set_protected_marker(self.ui.protected_marker, False)


class EventEditor(EditorDialog):
    """An event or programme with its organiser and participants."""

    kind = Kind.EVENT
    form_class = Ui_EventEditor


class EvaluationEditor(EditorDialog):
    """An evaluation on the three criteria with evidence; only its assessor may change it."""

    kind = Kind.EVALUATION
    form_class = Ui_EvaluationEditor

    def _prepare(self) -> None:
        super()._prepare()
        set_protected_marker(self.ui.protected_marker, False)

    def init_new(self, preset: dict[str, Any]) -> None:
        preset.setdefault("date", today().isoformat())
        self._tasks.run(data.assessor_name, partial(self._on_assessor), self._ignore)

    def _on_assessor(self, name: str) -> None:
        if isValid(self):
            self.ui.assessor_name.setText(name)

    def after_load(self, loaded: data.LoadedRecord) -> None:
        if not loaded.editable:
            self._show_problems([(None, QCoreApplication.translate(
                "EvaluationEditor", "This evaluation was made by another official and "
                "cannot be changed here; add your own evaluation instead."))])


EDITORS: dict[Kind, type[EditorDialog]] = {
    e.kind: e for e in (PersonEditor, OrganisationEditor, TieEditor, SupportEditor,
                        EventEditor, EvaluationEditor)}
