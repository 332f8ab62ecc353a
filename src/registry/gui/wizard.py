"""Long sharing work on the database thread with progress and cancel.

:func:`run_long` adapts the core's ``progress(step, done, total)`` and ``cancelled()``
callbacks to :meth:`Tasks.run_cancellable`; :class:`ProgressPanel` shows the step, a bar and
a Cancel button, and is what every wizard page puts at its foot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from registry.gui.i18n import again, translate
from registry.gui.retranslate import retranslate_tree
from registry.gui.tasks import Running, TaskRunner
from registry.gui.widgets import DANGER_STYLE, banner, fit_to_screen, show_banner
from registry.sync.progress import Job

if TYPE_CHECKING:
    from registry.service import Registry

T = TypeVar("T")
R = TypeVar("R")
CoreWork = Callable[["Registry", Job], T]


def step_text(step: str) -> str:
    """The core's step names ("reading person", "encrypting", …) as shown."""
    if step.startswith("reading "):
        return translate("Sharing", "Reading records…")
    return {
        "encrypting": translate("Sharing", "Encrypting and signing…"),
        "importing": translate("Sharing", "Checking and merging records…"),
    }.get(step, translate("Sharing", "Working…"))


class ProgressPanel(QWidget):
    """A step label, a progress bar and Cancel; hidden while nothing runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(translate("Sharing", "Cancel"), self)
        self.cancel_button.setObjectName("cancelJobButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar, 2)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel)
        self._job: Running | None = None
        self._runs = self._finished = 0
        self.hide()

    @property
    def running(self) -> bool:
        return self._job is not None

    def run(self, tasks: TaskRunner, work: CoreWork[T], on_done: Callable[[T], None],
            on_error: Callable[[BaseException], None]) -> None:
        """Run ``work(registry, job)`` on the database thread."""
        self.label.setText(translate("Sharing", "Working…"))
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()

        self._runs += 1
        run = self._runs

        def finish(callback: Callable[[R], None], value: R) -> None:
            self._finished = run
            self._job = None
            self.hide()
            callback(value)

        job = tasks.run_cancellable(work, lambda r: finish(on_done, r),
                                    lambda e: finish(on_error, e), self._progressed)
        if self._finished != run:  # a synchronous runner has finished it already
            self._job = job

    def wait(self, waiting: bool) -> None:
        """Show (or hide) a busy bar for short work that cannot be cancelled."""
        if self._job is not None:
            return
        self.label.setText(translate("Sharing", "Working…"))
        self.bar.setRange(0, 0)
        self.cancel_button.hide()
        self.setVisible(waiting)
        if not waiting:
            self.cancel_button.show()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(translate("Sharing", "Cancelling…"))

    def _progressed(self, step: str, done: int, total: int) -> None:
        if self._job is None or self._job.cancelled:
            return
        self.label.setText(step_text(step))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)


class WizardShell(QDialog):
    """The frame of a wizard. Subclasses add their pages (:meth:`add_page`), keep the buttons
    right in :meth:`update_buttons` and move between pages in :meth:`back` / :meth:`next`.

    The wizard opens at ``size`` or as large as the screen allows; a page taller or wider
    than that scrolls, and the buttons below it stay in view.

    Signals:
        step_changed(int): the page shown.
    """

    step_changed = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None, *,
                 size: tuple[int, int] = (800, 640)) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._titles: list[str | None] = []
        self._pages: list[QWidget] = []
        self.step = QLabel(self)
        self.step.setObjectName("wizardStep")
        self.step.hide()
        self.pages = QStackedWidget(self)
        self.error = banner(self, DANGER_STYLE)
        self.progress = ProgressPanel(self)
        self.back_button = QPushButton(translate("Sharing", "< Back"), self)
        self.next_button = QPushButton(translate("Sharing", "Next >"), self)
        self.close_button = QPushButton(translate("Sharing", "Cancel"), self)
        self.next_button.setDefault(True)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            self._buttons.addWidget(button)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addLayout(self._buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.reject)
        fit_to_screen(self, *size)
        self._fitted = False

    def changeEvent(self, event: QEvent) -> None:
        """A live language switch: the wizard stays where it is, with what the user chose,
        and every text it shows is put into the new language (:meth:`retranslate`)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Put every text into the interface language: the whole translated texts of every
        page (:func:`registry.gui.retranslate.retranslate_tree`), the step caption and the
        buttons; a subclass writes again what it put together itself (a summary, a report)
        and calls this first."""
        retranslate_tree(self)
        self.show_page(self.page(), announce=False)

    def showEvent(self, event: QShowEvent) -> None:
        """On first show, widen the wizard to its widest page (radio buttons and check boxes do
        not wrap), as far as the screen allows; the pages' height scrolls."""
        if not self._fitted:
            self._fitted = True
            margins = self._layout.contentsMargins()
            bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
            widest = max((page.minimumSizeHint().width() for page in self._pages),
                         default=0) + margins.left() + margins.right() + bar
            fit_to_screen(self, max(self.width(), widest), self.height())
        super().showEvent(event)

    def add_page(self, page: QWidget, title: str | None = None) -> int:
        """Add a page; a ``title`` is shown above it as the step caption. The page scrolls
        when the wizard is smaller than it."""
        self._titles.append(title)
        scroll = QScrollArea(self.pages)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self._pages.append(page)
        return self.pages.addWidget(scroll)

    def add_button(self, button: QPushButton) -> None:
        """A button of the wizard's own (e.g. Import), placed before Close."""
        self._buttons.insertWidget(self._buttons.indexOf(self.close_button), button)

    def page(self) -> int:
        return self.pages.currentIndex()

    def show_page(self, index: int, *, announce: bool = True) -> None:
        """Show page ``index`` (``announce``: a new step — the problem banner is cleared and
        :attr:`step_changed` emitted; not so when the same page is written again)."""
        self.pages.setCurrentIndex(index)
        title = self._titles[index] if index < len(self._titles) else None
        if title is not None and (now := again(title)) is not None:
            title = self._titles[index] = now  # the step caption in the interface language
        self.step.setText(f"<b>{title}</b>" if title else "")
        self.step.setVisible(bool(title))
        if announce:
            show_banner(self.error, "")
        self.update_buttons()
        if announce:
            self.step_changed.emit(index)

    def update_buttons(self) -> None:
        """Enable, show and name the buttons for the page shown (the subclass knows how)."""

    def back(self) -> None:
        """Back was clicked."""

    def next(self) -> None:
        """Next was clicked."""
