"""The Sharing section: your card, the trusted officials, export and import, the history,
the held changes.

Everything that touches the vault goes through :class:`~registry.gui.tasks.Tasks` (crypto
and merging on the database thread, with progress and cancel); the widgets only render.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from registry.gui.empty import EmptyHint, held_hint, history_hint, trust_hint
from registry.gui.i18n import number, translate
from registry.gui.sharing import card, export_wizard, import_wizard, trust
from registry.gui.sharing.card import OwnCard
from registry.gui.sharing.export_wizard import ExportWizard
from registry.gui.sharing.held import HeldChanges
from registry.gui.sharing.history import ImportHistory
from registry.gui.sharing.import_wizard import ImportWizard
from registry.gui.sharing.trust import TrustTable
from registry.gui.tasks import TaskRunner


class SharingView(QWidget):
    """The Sharing section of the main window.

    The file dialogs can be replaced (``pick_*``), so tests and scripts choose paths.

    Signals:
        loaded(): the card, the trusted officials, the history and the held changes are on
            screen.
        wizard_opened(QDialog): an export or import wizard was opened.
    """

    loaded = Signal()
    wizard_opened = Signal(QWidget)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None, *,
                 pick_card: Callable[[QWidget], str] = trust._pick_card,
                 pick_save_card: Callable[[QWidget], str] = card._pick_save,
                 pick_bundles: Callable[[QWidget], list[str]] = import_wizard._pick_bundles,
                 pick_save_bundle: Callable[[QWidget], str] = export_wizard._pick_save) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._pick_bundles = pick_bundles
        self._pick_save_bundle = pick_save_bundle
        self._waiting: set[str] = set()
        self.export_wizard: ExportWizard | None = None
        self.import_wizard: ImportWizard | None = None
        self.title = QLabel(self)
        self.card = OwnCard(tasks, self, pick_save_card)
        self.export_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.export_button.setObjectName("exportBundleButton")
        self.import_button.setObjectName("importBundlesButton")
        self.trust = TrustTable(tasks, self, pick_card)
        self.history = ImportHistory(tasks, self)
        self.held = HeldChanges(tasks, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.trust, "")
        self.tabs.addTab(self.history, "")
        self.tabs.addTab(self.held, "")
        self.empty_hints = (EmptyHint(self.trust.table, trust_hint),
                            EmptyHint(self.history.table, history_hint),
                            EmptyHint(self.held.table, held_hint))
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.card)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.export_button.clicked.connect(lambda _c=False: self.open_export())
        self.import_button.clicked.connect(lambda _c=False: self.open_import())
        self.card.loaded.connect(lambda: self._arrived("card"))
        self.card.failed.connect(lambda _t: self._arrived("card"))
        for refreshed, hint in zip((self.trust.refreshed, self.history.refreshed,
                                    self.held.refreshed), self.empty_hints, strict=True):
            refreshed.connect(hint.arm)  # once loaded, an empty table says what to do
        self.trust.refreshed.connect(lambda: self._arrived("trust"))
        self.trust.failed.connect(lambda _t: self._arrived("trust"))
        self.history.refreshed.connect(lambda: self._arrived("history"))
        self.history.failed.connect(lambda _t: self._arrived("history"))
        self.history.reverted.connect(lambda _i: self.history.refresh())
        self.held.refreshed.connect(self._held_arrived)
        self.held.failed.connect(lambda _t: self._arrived("held"))

    def retranslate(self) -> None:
        self.title.setText("<h2>" + translate("Sharing", "Sharing") + "</h2>")
        self.export_button.setText(translate("Sharing", "Export a bundle…"))
        self.import_button.setText(translate("Sharing", "Import bundles…"))
        self.tabs.setTabText(0, translate("Sharing", "Trusted officials"))
        self.tabs.setTabText(1, translate("Sharing", "Import history"))
        self._held_tab_text()
        self.card.retranslate()
        self.trust.retranslate()
        self.history.retranslate()
        self.held.retranslate()

    def _held_tab_text(self) -> None:
        n = max(self.held.waiting, len(self.held.entries))  # all that wait, not those shown
        text = translate("Sharing", "Held changes")
        self.tabs.setTabText(2, f"{text} ({number(n)})" if n else text)

    def _held_arrived(self) -> None:
        self._held_tab_text()
        self._arrived("held")

    # -- loading -----------------------------------------------------------------------------
    def activate(self) -> None:
        """Load the card, the trust store and the history (each time the section is shown)."""
        self._waiting = {"card", "trust", "history", "held"}
        self.card.load()
        self.trust.refresh()
        self.history.refresh()
        self.held.refresh()

    def _arrived(self, part: str) -> None:
        if part in self._waiting:
            self._waiting.discard(part)
            if not self._waiting:
                self.loaded.emit()

    def clear(self) -> None:
        """On lock: forget every official, import and identity shown; close the wizards."""
        for wizard in (self.export_wizard, self.import_wizard):
            if wizard is not None:
                wizard.reject()
        self.export_wizard = self.import_wizard = None
        self._waiting.clear()
        self.card.clear()
        self.trust.clear()
        self.history.clear()
        self.held.clear()
        for hint in self.empty_hints:
            hint.disarm()
        self._held_tab_text()

    # -- wizards -----------------------------------------------------------------------------
    def open_export(self) -> ExportWizard:
        old = self.export_wizard
        if old is not None and old.isVisible():
            old.raise_()
            return old
        wizard = ExportWizard(self._tasks, self, self._pick_save_bundle)
        self._replace(old, wizard)
        self.export_wizard = wizard
        return wizard

    def open_import(self) -> ImportWizard:
        old = self.import_wizard
        if old is not None and old.isVisible():
            old.raise_()
            return old
        wizard = ImportWizard(self._tasks, self, self._pick_bundles)
        wizard.add_official_requested.connect(self._add_official_for_import)
        wizard.applied.connect(self.history.refresh)
        wizard.applied.connect(self.held.refresh)
        wizard.reverted.connect(lambda _i: self.history.refresh())
        self._replace(old, wizard)
        self.import_wizard = wizard
        return wizard

    def _replace(self, old: ExportWizard | ImportWizard | None, wizard: QWidget) -> None:
        if old is not None and not old.progress.running:
            old.deleteLater()
        wizard.show()
        self.wizard_opened.emit(wizard)

    def _add_official_for_import(self) -> None:
        self.tabs.setCurrentWidget(self.trust)
        self.trust.add_from_card()
