"""The Dashboard and Sharing sections: what exists so far (later issues fill them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from registry.domain.enums import Kind
from registry.gui import display
from registry.gui.i18n import translate
from registry.gui.tasks import Tasks


class _Page(QWidget):
    def __init__(self, tasks: Tasks, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        layout = QVBoxLayout(self)
        self._title = QLabel(f"<h2>{title}</h2>", self)
        layout.addWidget(self._title)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._values: list[QLabel] = []

    def _row(self, label: str, value: str) -> None:
        text = QLabel(value, self)
        text.setAccessibleName(label)
        self.form.addRow(label, text)
        self._values.append(text)

    def clear(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self._values.clear()


class DashboardPage(_Page):
    """Counts of live records by kind (the plurality dashboard comes with analytics)."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(tasks, translate("Pages", "Dashboard"), parent)
        self.note.setText(
            translate("Pages", "Plurality, coverage and support figures will appear here."))

    def activate(self) -> None:
        self._tasks.run(lambda reg: reg.stats(), self._show)

    def _show(self, stats: dict[str, Any]) -> None:
        self.clear()
        for kind in Kind:
            count = int(stats.get("counts", {}).get(kind.value, 0))
            self._row(display.section_title(kind), f"{count:,}")


class SharingPage(_Page):
    """The official's own identity; bundles and trusted officials come with sharing."""

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(tasks, translate("Pages", "Sharing"), parent)
        self.note.setText(
            translate("Pages", "Exporting and importing signed bundles will appear here."))

    def activate(self) -> None:
        self._tasks.run(lambda reg: reg.identity, self._show)

    def _show(self, identity: Any) -> None:
        self.clear()
        self._row(translate("Pages", "Name"), identity.name)
        self._row(translate("Pages", "Organisation"), identity.org)
        self._row(translate("Pages", "Country"), identity.country)
        self._row(translate("Pages", "Fingerprint"), identity.fingerprint)
