"""The main window: a section list on the left, the chosen section on the right.

It holds no vault logic: sections query through :class:`Tasks`, editing goes to the
editors, and locking is the controller's job (the window only asks for it and clears).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStyle,
    QTabWidget,
    QWidget,
)

from registry.domain.enums import Kind
from registry.gui import display
from registry.gui.editing import open_editor_function
from registry.gui.forms.ui_main_window import Ui_MainWindow
from registry.gui.i18n import translate
from registry.gui.icons import icon
from registry.gui.sections import SectionView
from registry.gui.spreadsheet import install_import_action
from registry.gui.tasks import TaskRunner, error_message

if TYPE_CHECKING:
    from registry.domain.model import Record
    from registry.gui.guide import GuideWindow

NAV_MAX_WIDTH = 220  # the navigation list's widest, unless a section name needs more


@dataclass(frozen=True)
class Section:
    """One entry of the navigation list and the page it opens.

    ``build(window)`` makes the page the first time it is shown (sections are built lazily,
    so unlocking paints the first list at once). A page may define ``activate()`` (called
    each time it is shown), ``clear()`` (on lock: forget every record shown) and
    ``retranslate()`` (after a language change). A page without ``retranslate()`` is built
    again in the new language when the language changes, on the tab it showed.
    """

    key: str
    title: Callable[[], str]
    icon: str
    build: Callable[[MainWindow], QWidget]
    kind: Kind | None = None


def _record_section(kind: Kind, icon_name: str) -> Section:
    return Section(kind.value, lambda: display.section_title(kind), icon_name,
                   lambda window: window.make_record_section(kind), kind)


def _dashboard(window: MainWindow) -> QWidget:
    from registry.gui.dashboard import DashboardView

    return DashboardView(window.tasks, window)


def _sharing(window: MainWindow) -> QWidget:
    from registry.gui.sharing import SharingView

    return SharingView(window.tasks, window)


def _network(window: MainWindow) -> QWidget:
    from registry.gui.network import NetworkView

    return NetworkView(window.tasks, window, window.selected_actor)


def _duplicates(window: MainWindow) -> QWidget:
    from registry.gui.duplicates import DuplicatesView

    view = DuplicatesView(window.tasks, window)
    view.status.connect(window.statusBar().showMessage)
    return view


def sections() -> tuple[Section, ...]:
    """**The one list of the main window's sections**, in navigation order (Alt+1, Alt+2, …).

    To add a screen (e.g. import, duplicates): append a :class:`Section` whose ``build``
    returns the page widget; nothing else in the window changes.
    """
    return (
        _record_section(Kind.PERSON, "person"),
        _record_section(Kind.ORGANISATION, "organisation"),
        _record_section(Kind.TIE, "tie"),
        _record_section(Kind.SUPPORT, "support"),
        _record_section(Kind.EVENT, "event"),
        _record_section(Kind.EVALUATION, "evaluation"),
        Section("sharing", lambda: translate("MainWindow", "Sharing"), "sharing", _sharing),
        Section("dashboard", lambda: translate("MainWindow", "Dashboard"), "dashboard", _dashboard),
        Section("network", lambda: translate("MainWindow", "Network"), "tie", _network),
        Section("duplicates", lambda: translate("MainWindow", "Duplicates"), "search",
                _duplicates),
    )


SECTION_KINDS = tuple(s.kind for s in sections() if s.kind is not None)


class MainWindow(QMainWindow):
    """The registry's main window.

    Signals:
        lock_requested(): the user pressed Lock (Ctrl+L).
        settings_requested(): the user asked for the settings.
        quit_requested(): the user asked to quit.
        record_saved(str): an editor saved the record with this id.
    """

    lock_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    record_saved = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle("Registry")
        self.entries = sections()
        self.pages: dict[str, QWidget] = {}  # pages built so far, by section key
        self.sections: dict[Kind, SectionView] = {}  # record sections built so far
        self._last_records: Kind | None = None  # the kind of record list shown last
        self._editors: list[QDialog] = []
        self._translated: list[tuple[QAction, Callable[[], str], Callable[[], str] | None]] = []
        self._open_editor = open_editor_function()
        self._build_navigation()
        self._connect_actions()
        install_import_action(self)  # Vault → Import spreadsheet…
        self.record_saved.connect(self._on_saved)

    def _build_navigation(self) -> None:
        for number, entry in enumerate(self.entries, start=1):
            title = entry.title()
            item = QListWidgetItem(icon(entry.icon), title, self.ui.nav)
            item.setToolTip(f"{title} (Alt+{number})")
            self.ui.pages.addWidget(QWidget(self.ui.pages))  # replaced when first shown
            action = self.addAction(title)
            self._translated.append((action, entry.title, None))
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.triggered.connect(lambda _c=False, r=number - 1: self.ui.nav.setCurrentRow(r))
        self.ui.nav.currentRowChanged.connect(self._on_section)
        self.ui.nav.setCurrentRow(0)
        self.ui.splitter.setCollapsible(0, False)
        self._fit_navigation()

    def _fit_navigation(self) -> None:
        """The navigation list as wide as its widest section name (with room for a scroll
        bar): the pages beside it give way, so no name is cut ("Орган…")."""
        nav = self.ui.nav
        width = (nav.sizeHintForColumn(0) + 2 * nav.frameWidth()
                 + nav.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, nav))
        nav.setMinimumWidth(width)
        nav.setMaximumWidth(max(width, NAV_MAX_WIDTH))

    def translate_action(self, action: QAction, text: Callable[[], str],
                         tip: Callable[[], str] | None = None) -> None:
        """Give ``action`` the texts ``text()`` and ``tip()`` now and after every language
        change (an action added by another module, e.g. to the Vault menu)."""
        self._translated.append((action, text, tip))
        action.setText(text())
        if tip is not None:
            action.setToolTip(tip())

    def page(self, key: str) -> QWidget:
        """The page of section ``key``, built now if it was not yet."""
        if key not in self.pages:
            row = next(i for i, e in enumerate(self.entries) if e.key == key)
            page = self.entries[row].build(self)
            placeholder = self.ui.pages.widget(row)
            self.ui.pages.insertWidget(row, page)
            if placeholder is not None:
                self.ui.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages[key] = page
        return self.pages[key]

    def make_record_section(self, kind: Kind) -> SectionView:
        view = SectionView(self.tasks, kind, self)
        view.open_requested.connect(self.edit_record)
        view.record_activated.connect(self.go_to_record)
        view.new_requested.connect(self.new_record)
        view.status.connect(self.statusBar().showMessage)
        view.current_changed.connect(self._update_actions)
        self.sections[kind] = view
        return view

    def _connect_actions(self) -> None:
        ui = self.ui
        for action, name in ((ui.actionLock, "lock"), (ui.actionNew, "add"),
                             (ui.actionEdit, "edit"), (ui.actionDelete, "delete"),
                             (ui.actionSettings, "settings"), (ui.actionFind, "search")):
            action.setIcon(icon(name))
        ui.actionLock.triggered.connect(self.lock_requested)
        ui.actionSettings.triggered.connect(self.settings_requested)
        ui.actionQuit.triggered.connect(self.quit_requested)
        ui.actionNew.triggered.connect(self.new_record)
        ui.actionEdit.triggered.connect(self._edit_current)
        ui.actionDelete.triggered.connect(self.delete_current)
        ui.actionFind.triggered.connect(self._focus_search)
        ui.actionRefresh.triggered.connect(self._refresh)
        ui.actionAbout.triggered.connect(self._about)
        ui.actionGuide.triggered.connect(self.open_guide)
        self._update_actions()

    # -- sections ------------------------------------------------------------------------------
    def current_section(self) -> SectionView | None:
        page = self.ui.pages.currentWidget()
        return page if isinstance(page, SectionView) else None

    def selected_actor(self) -> str | None:
        """The person or organisation selected in the record list shown last, if any (the
        network view opens on its ties)."""
        kind = self._last_records
        section = self.sections.get(kind) if kind in (Kind.PERSON, Kind.ORGANISATION) else None
        return section.current_id() if section is not None else None

    def show_section(self, kind: Kind) -> SectionView:
        self.ui.nav.setCurrentRow(next(i for i, e in enumerate(self.entries) if e.kind is kind))
        return self.sections[kind]

    def _on_section(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        page = self.page(self.entries[row].key)
        if isinstance(page, SectionView):
            self._last_records = page.kind
        self.ui.pages.setCurrentIndex(row)
        if hasattr(page, "activate"):
            page.activate()
        self._update_actions()

    def go_to_record(self, record_id: str) -> None:
        """Show ``record_id`` selected in its own section (e.g. the other end of a tie)."""
        def arrived(record: Record) -> None:
            if record.kind in SECTION_KINDS:
                self.show_section(record.kind).refresh(record_id)

        self.tasks.run(lambda reg: reg.get(record_id), arrived,
                       lambda exc: self.statusBar().showMessage(error_message(exc)))

    def _update_actions(self, *_args: object) -> None:
        section = self.current_section()
        can_edit = self._open_editor is not None
        self.ui.actionNew.setEnabled(section is not None and can_edit)
        selected = section is not None and section.current_id() is not None
        self.ui.actionEdit.setEnabled(selected and can_edit)
        self.ui.actionDelete.setEnabled(selected)
        self.ui.actionFind.setEnabled(section is not None)

    def _focus_search(self) -> None:
        section = self.current_section()
        if section is not None:
            section.focus_search()

    def _refresh(self) -> None:
        section = self.current_section()
        if section is not None:
            section.refresh(section.current_id())

    # -- editing -------------------------------------------------------------------------------
    def new_record(self) -> None:
        section = self.current_section()
        if section is not None:
            self._edit(section.kind, None)

    def edit_record(self, record_id: str) -> None:
        section = self.current_section()
        if section is not None:
            self._edit(section.kind, record_id)

    def _edit_current(self) -> None:
        section = self.current_section()
        record_id = section.current_id() if section else None
        if section is not None and record_id is not None:
            self._edit(section.kind, record_id)

    def _edit(self, kind: Kind, record_id: str | None) -> None:
        if self._open_editor is None:
            self.statusBar().showMessage(
                translate("MainWindow", "Record editing is not available in this build."))
            return
        dialog = self._open_editor(self.tasks, kind, record_id, self)
        dialog.saved.connect(self.record_saved)
        dialog.finished.connect(lambda _r, d=dialog: self._forget_editor(d))
        self._editors.append(dialog)
        dialog.show()

    def _forget_editor(self, dialog: QDialog) -> None:
        if dialog in self._editors:
            self._editors.remove(dialog)

    def open_editors(self) -> list[QDialog]:
        return list(self._editors)

    def _on_saved(self, record_id: str) -> None:
        section = self.current_section()
        if section is not None:
            section.refresh(record_id)
        self.statusBar().showMessage(translate("MainWindow", "Saved."), 3000)

    def delete_current(self) -> None:
        section = self.current_section()
        record_id = section.current_id() if section else None
        if section is None or record_id is None:
            return
        answer = QMessageBox.question(
            self, translate("MainWindow", "Delete record"),
            translate("MainWindow", "Delete the selected record? It can be restored from field "
                      "history by a later import."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.tasks.run(lambda reg: reg.delete(record_id), lambda _r: section.refresh(),
                       lambda exc: self.statusBar().showMessage(error_message(exc)))

    def open_guide(self) -> GuideWindow:
        """Help → Guide (F1): the user guide in the interface language, one window."""
        from registry.gui.guide import GuideWindow

        guide = self.findChild(GuideWindow)
        if guide is None:
            guide = GuideWindow(self)
        guide.show()
        guide.raise_()
        guide.activateWindow()
        return guide

    def _about(self) -> None:
        from registry import __version__

        QMessageBox.about(self, translate("MainWindow", "About Registry"),
                          translate("MainWindow", "Registry {0}: an offline, encrypted registry "
                                    "of Russian civil society in exile.")
                          .replace("{0}", __version__))

    # -- lock ----------------------------------------------------------------------------------
    def clear(self) -> None:
        """Drop every record shown: models, forms, details, open editors, status text.

        Every dialog under the window goes: editors opened from the menu, from a list and
        from a record view (a tie, the record itself), and message boxes.
        """
        for dialog in {*self._editors, *self.findChildren(QDialog)}:
            dialog.close()
            dialog.deleteLater()
        self._editors.clear()
        for page in self.pages.values():
            if hasattr(page, "clear"):
                page.clear()
        self.statusBar().clearMessage()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text in the interface language now: menus, actions, navigation, and each
        page built so far (retranslated in place, or built again on the tab it showed)."""
        self.ui.retranslateUi(self)
        self.setWindowTitle("Registry")
        for action, text, tip in self._translated:
            action.setText(text())
            if tip is not None:
                action.setToolTip(tip())
        for row, entry in enumerate(self.entries):
            title = entry.title()
            self.ui.nav.item(row).setText(title)
            self.ui.nav.item(row).setToolTip(f"{title} (Alt+{row + 1})")
        self._fit_navigation()
        rebuilt = []
        for entry in self.entries:
            page = self.pages.get(entry.key)
            if page is not None and hasattr(page, "retranslate"):
                page.retranslate()
            elif page is not None:
                self._rebuild(entry.key, page)
                rebuilt.append(entry.title())
        if rebuilt:
            self.statusBar().showMessage(
                translate("MainWindow", "Language changed: {0} reloaded in the new language.")
                .replace("{0}", ", ".join(rebuilt)), 10_000)

    def _rebuild(self, key: str, old: QWidget) -> None:
        """Build the page of ``key`` again (its texts are set once, when built): the new one
        loads its data as the first did, shows the tabs the old one showed, and gets back
        what the user chose there when the page keeps it (``state()`` / ``restore()``: the
        network view's actor and filters)."""
        tabs = [t.currentIndex() for t in old.findChildren(QTabWidget)]
        current = self.ui.pages.currentWidget() is old
        state = old.state() if hasattr(old, "state") else None  # what the user chose there
        del self.pages[key]
        page = self.page(key)  # takes the old page's place in the stack, which deletes it
        for widget, index in zip(page.findChildren(QTabWidget), tabs, strict=False):
            widget.setCurrentIndex(index)
        if state is not None and hasattr(page, "restore"):
            page.restore(state)
        if current:
            self.ui.pages.setCurrentWidget(page)
            if hasattr(page, "activate"):
                page.activate()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.quit_requested.emit()
