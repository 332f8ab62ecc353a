"""The bridge to the record editors and record view (built alongside, in ``gui/editors``).

Until that package provides ``open_editor`` and ``RecordView``, a plain read-only view
stands in and creating or editing is unavailable; nothing else in the shell changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from registry.domain.enums import Kind
from registry.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from registry.domain.model import Record
    from registry.gui.editors.base import EditorDialog
    from registry.gui.editors.record_view import RecordView

OpenEditor = Callable[[TaskRunner, Kind, "str | None", QWidget], "EditorDialog"]


def open_editor_function() -> OpenEditor | None:
    try:
        from registry.gui.editors import open_editor
    except ImportError:
        return None
    return open_editor


def make_record_view(tasks: TaskRunner, parent: QWidget) -> RecordView | PlainRecordView:
    try:
        from registry.gui.editors import RecordView
    except ImportError:
        return PlainRecordView(tasks, parent)
    return RecordView(tasks, parent)


class PlainRecordView(QWidget):
    """Shows a record's fields as text; the stand-in for the editors' RecordView."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setAccessibleName(QCoreApplication.translate("Display", "Record details"))
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        layout.addStretch(1)
        self._shown: str | None = None

    def show_record(self, record_id: str | None) -> None:
        self._shown = record_id
        if record_id is None:
            self.clear()
            return
        self._tasks.run(lambda reg: reg.get(record_id), lambda rec: self._render(record_id, rec),
                        lambda _exc: self.clear())

    def _render(self, record_id: str, record: Record) -> None:
        if record_id != self._shown:
            return
        lines = [f"{k}: {v}" for k, v in sorted(record.values.items()) if v not in (None, [], "")]
        self._label.setText("\n".join(lines))

    def clear(self) -> None:
        self._shown = None
        self._label.clear()
