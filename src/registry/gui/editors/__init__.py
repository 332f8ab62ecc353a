"""Record editors and the record view (DESIGN §4).

``open_editor(tasks, kind, record_id, parent)`` makes the dialog for a new (``record_id``
None) or existing record of any kind; its ``saved(str)`` signal carries the record's id.
``RecordView(tasks, parent)`` shows a record's fields with their provenance and its ties.
All Registry work goes through ``tasks.run`` on the database thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from registry.domain.enums import Kind
from registry.gui.editors.badges import SensitivityBadge
from registry.gui.editors.clipboard import ClipboardGuard
from registry.gui.editors.pickers import (
    CountryListPicker,
    CountryPicker,
    DateEdit,
    MultiEnumPicker,
    RecordListPicker,
    RecordPicker,
    RegionListPicker,
    RegionPicker,
)

if TYPE_CHECKING:
    from registry.gui.editors.base import EditorDialog
    from registry.gui.editors.record_view import RecordView
    from registry.gui.tasks import TaskRunner

__all__ = [
    "ClipboardGuard",
    "CountryListPicker",
    "CountryPicker",
    "DateEdit",
    "EditorDialog",
    "MultiEnumPicker",
    "RecordListPicker",
    "RecordPicker",
    "RecordView",
    "RegionListPicker",
    "RegionPicker",
    "SensitivityBadge",
    "open_editor",
]


def open_editor(tasks: TaskRunner, kind: Kind, record_id: str | None, parent: QWidget | None, *,
                preset: Mapping[str, Any] | None = None) -> EditorDialog:
    """The editor of ``kind`` for ``record_id`` (None: a new record, ``preset`` values first).

    The dialog is not shown yet: call ``open()``, ``show()`` or ``exec()``. It deletes itself
    when closed, so no record text outlives it.
    """
    from registry.gui.editors.kinds import EDITORS

    dialog = EDITORS[Kind(kind)](tasks, record_id, parent, preset)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def __getattr__(name: str) -> Any:
    # The dialogs and the view import the compiled forms, which import the pickers from this
    # package: loading them lazily lets a form module be imported first without a cycle.
    if name == "RecordView":
        from registry.gui.editors.record_view import RecordView

        return RecordView
    if name == "EditorDialog":
        from registry.gui.editors.base import EditorDialog

        return EditorDialog
    raise AttributeError(name)
