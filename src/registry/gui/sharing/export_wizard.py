"""The export wizard: recipients → scope, ceiling, protected people → exposure preview → write.

It renders the core's :class:`~registry.sync.sharing.ExportFlow`; every call into the flow
runs on the database thread (the flow reads the trust store and the vault). The bundle is
written only from the preview page, so what is written is what was previewed: the flow
drops the preview whenever an option changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from registry.domain.enums import Kind, Sensitivity
from registry.gui import display
from registry.gui.editors.pickers import RecordListPicker, country_name
from registry.gui.i18n import translate
from registry.gui.sharing.counts import sharing_counts
from registry.gui.sharing.exposure import ExposureView, counted
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import DANGER_STYLE, banner, group_fingerprint, plain, show_banner
from registry.gui.wizard import WizardShell
from registry.sync.exporter import ExportResult, Exposure, Scope
from registry.sync.redact import Mode
from registry.sync.sharing import ExportFlow
from registry.sync.trust import Official

if TYPE_CHECKING:
    from registry.service import Registry
    from registry.sync.progress import Job

BUNDLE_SUFFIX = ".rbundle"
FP_ROLE = Qt.ItemDataRole.UserRole + 1
PickSave = Callable[[QWidget], str]
RECIPIENTS, OPTIONS, PREVIEW, DONE = range(4)


def _pick_save(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("Sharing", "Write the bundle"),
        str(Path.home() / f"export{BUNDLE_SUFFIX}"),
        translate("Sharing", "Registry bundles (*.rbundle)"))
    return path


def _official_text(o: Official) -> str:
    text = (f"{o.name} ({o.org}, {country_name(o.country)}) — "
            f"{group_fingerprint(o.fingerprint)[:14]}…")
    if o.verified:
        return text
    return text + " " + (translate("Sharing", "[revoked]") if o.revoked
                         else translate("Sharing", "[not verified]"))


def _written_text(result: ExportResult) -> str:
    return translate(
        "Sharing", "Written to {0}.\nBundle id: {1}.\nOnly the recipients you named can "
        "open it. Send it by any channel; delete it once it was received.").replace(
        "{0}", str(result.path)).replace("{1}", result.bundle_id)


def mode_labels() -> dict[Mode, str]:
    return {
        Mode.EXCLUDE: translate("Sharing", "Leave them out (recommended)"),
        Mode.PSEUDONYMISE: translate("Sharing", "Pseudonyms only: the shape of the network "
                                     "and the federal district, no names or details"),
        Mode.INCLUDE: translate("Sharing", "Include them with their details"),
    }


class ExportWizard(WizardShell):
    """Writes a signed, encrypted bundle for chosen recipients.

    Signals:
        ready(): the trusted officials are listed (the first page can be used).
        step_changed(int): the page shown (0 recipients, 1 options, 2 preview, 3 done).
        previewed(): the exposure preview is on screen.
        written(str): the bundle was written to this path.
        failed(str): a step failed (a message safe to show).
    """

    ready = Signal()
    previewed = Signal()
    written = Signal(str)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None,
                 pick_save: PickSave = _pick_save) -> None:
        super().__init__(translate("Sharing", "Export a bundle"), parent, size=(780, 680))
        self._tasks = tasks
        self._pick_save = pick_save
        self.flow: ExportFlow | None = None
        self.officials: list[Official] = []
        self.export_result: ExportResult | None = None
        self._exposure: Exposure | None = None  # the preview shown
        for page in (self._recipients_page(), self._options_page(), self._preview_page(),
                     self._done_page()):
            self.add_page(page)
        self.show_page(RECIPIENTS)
        self.next_button.setEnabled(False)
        self._tasks.run(lambda reg: (ExportFlow(reg.sharing), reg.sharing.officials()),
                        self._started, self._failed)

    # -- pages -------------------------------------------------------------------------------
    def _recipients_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(translate("Sharing", "<h3>Who may read this bundle?</h3>"), page))
        layout.addWidget(QLabel(translate("Sharing", "Verified officials:"), page))
        self.officials_list = QListWidget(page)
        self.officials_list.setAccessibleName(translate("Sharing", "Recipients"))
        layout.addWidget(self.officials_list, 1)
        note = QLabel(translate("Sharing", "Only verified officials can receive bundles: verify "
                                "an official in the Sharing section first."), page)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(QLabel(translate(
            "Sharing", "Other recipients by age public key (age1…), one per line:"), page))
        self.age_edit = QPlainTextEdit(page)
        self.age_edit.setAccessibleName(translate("Sharing", "Age recipients"))
        self.age_edit.setMaximumHeight(80)
        layout.addWidget(self.age_edit)
        return page

    def _options_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(translate("Sharing", "<h3>What goes in?</h3>"), page))
        layout.addWidget(self._scope_box(page))
        form = QFormLayout()
        self.ceiling = QComboBox(page)
        for label, text in display.sensitivity_labels().items():
            self.ceiling.addItem(text, label)
        self.ceiling.setCurrentIndex(self.ceiling.findData(Sensitivity.INTERNAL.label))
        form.addRow(translate("Sharing", "Highest sensitivity sent"), self.ceiling)
        layout.addLayout(form)
        layout.addWidget(self._protected_box(page))
        layout.addStretch(1)
        return page

    def _scope_box(self, page: QWidget) -> QGroupBox:
        box = QGroupBox(translate("Sharing", "Scope"), page)
        grid = QGridLayout(box)
        self.scope_all = QRadioButton(translate("Sharing", "Everything"), box)
        self.scope_since = QRadioButton(translate(
            "Sharing", "Only what changed since the last bundle to these recipients"), box)
        self.scope_selection = QRadioButton(translate("Sharing", "Only these records:"), box)
        self.scope_notices = QRadioButton(translate(
            "Sharing", "Only protection notices: records they already hold that are now "
            "protected (no record content)"), box)
        self.scope_all.setChecked(True)
        self.selection = RecordListPicker(box)
        self.selection.setup(self._tasks)
        self.selection.set_accessible_names(translate("Sharing", "Records to export"))
        self.selection.setEnabled(False)
        self.scope_selection.toggled.connect(self.selection.setEnabled)
        grid.addWidget(self.scope_all, 0, 0, 1, 3)
        grid.addWidget(self.scope_since, 1, 0, 1, 3)
        grid.addWidget(self.scope_selection, 2, 0, 1, 3)
        grid.addWidget(self.selection, 3, 0, 1, 3)
        grid.addWidget(self.scope_notices, 4, 0, 1, 3)
        self.kinds_label = QLabel(translate("Sharing", "Kinds of records:"), box)
        grid.addWidget(self.kinds_label, 5, 0, 1, 3)
        self.kind_boxes: dict[Kind, QCheckBox] = {}
        for n, kind in enumerate(Kind):
            check = QCheckBox(display.section_title(kind), box)
            check.setChecked(True)
            self.kind_boxes[kind] = check
            grid.addWidget(check, 6 + n // 3, n % 3)
        self.scope_notices.toggled.connect(self._notices_only_toggled)
        return box

    def _notices_only_toggled(self, on: bool) -> None:
        for widget in (self.kinds_label, *self.kind_boxes.values()):
            widget.setEnabled(not on)

    def _protected_box(self, page: QWidget) -> QGroupBox:
        box = QGroupBox(translate("Sharing", "Protected people"), page)
        layout = QVBoxLayout(box)
        layout.addWidget(plain(box, translate(
            "Sharing", "People inside Russia, marked protected, or decided the same as one of "
            "them, and everything that touches them:")))
        self.mode_group = QButtonGroup(box)
        self.mode_buttons: dict[Mode, QRadioButton] = {}
        for n, (mode, text) in enumerate(mode_labels().items()):
            button = QRadioButton(text, box)
            self.mode_group.addButton(button, n)
            self.mode_buttons[mode] = button
            layout.addWidget(button)
        self.mode_buttons[Mode.EXCLUDE].setChecked(True)
        self.include_warning = plain(box, translate(
            "Sharing", "This bundle will name people inside Russia. If it leaks, they can be "
            "identified and imprisoned."))
        self.include_warning.setStyleSheet("QLabel { color: #a71d2a; font-weight: bold; }")
        self.include_confirm = QCheckBox(translate(
            "Sharing", "I understand, and every recipient needs to know them"), box)
        self.include_confirm.setAccessibleDescription(self.include_warning.text())
        self.include_confirm.setStyleSheet("QCheckBox { color: #a71d2a; font-weight: bold; }")
        self.include_confirm.setEnabled(False)
        self.include_warning.setEnabled(False)
        layout.addWidget(self.include_warning)
        layout.addWidget(self.include_confirm)
        self.keep_mentions = QCheckBox(translate(
            "Sharing", "Keep free text that names a protected person"), box)
        self.keep_mentions.setObjectName("keepMentions")
        self.keep_mentions.setToolTip(translate(
            "Sharing", "Notes, evidence, tie notes and event titles that name a protected "
            "person (in any script or spelling) are blanked unless you keep them."))
        layout.addWidget(self.keep_mentions)
        self.mode_group.idToggled.connect(self._mode_changed)
        self.include_confirm.toggled.connect(lambda _on: self.update_buttons())
        return box

    def _preview_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(translate("Sharing", "<h3>Exposure preview</h3>"), page))
        self.summary = plain(page)
        layout.addWidget(self.summary)
        self.exposure_warning = banner(page, DANGER_STYLE)
        layout.addWidget(self.exposure_warning)
        self.exposure = ExposureView(self._tasks, page)
        self.exposure.setObjectName("exposurePreview")
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.exposure)
        layout.addWidget(scroll, 1)
        note = plain(page, translate("Sharing", "Nothing has been written yet. Go back to "
                                     "change the recipients or the options."))
        layout.addWidget(note)
        self.write_button = QPushButton(translate("Sharing", "Write bundle…"), page)
        layout.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.write_button.clicked.connect(lambda _c=False: self.write_bundle())
        return page

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(translate("Sharing", "<h3>Bundle written</h3>"), page))
        self.done_label = plain(page)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        return page

    # -- navigation --------------------------------------------------------------------------
    def update_buttons(self) -> None:
        page = self.pages.currentIndex()
        busy = self.progress.running
        self.back_button.setEnabled(page in (OPTIONS, PREVIEW) and not busy)
        self.next_button.setVisible(page in (RECIPIENTS, OPTIONS))
        self.next_button.setEnabled(self.flow is not None and not busy and (
            page != OPTIONS or self._mode() is not Mode.INCLUDE
            or self.include_confirm.isChecked()))
        self.write_button.setEnabled(page == PREVIEW and not busy)
        self.close_button.setText(translate("Sharing", "Close") if page == DONE
                                  else translate("Sharing", "Cancel"))

    def _started(self, result: tuple[ExportFlow, list[Official]]) -> None:
        self.flow, officials = result
        self.officials = officials
        for o in officials:
            item = QListWidgetItem(_official_text(o), self.officials_list)
            item.setData(FP_ROLE, o.fingerprint)
            if o.verified:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            else:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.update_buttons()
        self.ready.emit()

    def retranslate(self) -> None:
        """The texts of every page in the new language; the choices and the page stay. The
        officials, the exposure preview and the written bundle are written again from what
        the wizard holds."""
        super().retranslate()
        for i, text in enumerate(display.sensitivity_labels().values()):
            self.ceiling.setItemText(i, text)
        for kind, check in self.kind_boxes.items():
            check.setText(display.section_title(kind))
        for i, o in enumerate(self.officials):
            self.officials_list.item(i).setText(_official_text(o))
        if self._exposure is not None and self.page() >= PREVIEW:
            self._show_exposure(self._exposure)
        if self.export_result is not None:
            self.done_label.setText(_written_text(self.export_result))

    def back(self) -> None:
        page = self.pages.currentIndex()
        if page in (OPTIONS, PREVIEW) and not self.progress.running:
            self.show_page(page - 1)

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == RECIPIENTS:
            self._submit_recipients()
        elif page == OPTIONS:
            self._submit_options()

    # -- recipients --------------------------------------------------------------------------
    def set_recipient_checked(self, fingerprint: str, checked: bool = True) -> None:
        for i in range(self.officials_list.count()):
            item = self.officials_list.item(i)
            if item.data(FP_ROLE) == fingerprint and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_officials(self) -> list[str]:
        items = (self.officials_list.item(i) for i in range(self.officials_list.count()))
        return [str(i.data(FP_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def age_recipients(self) -> list[str]:
        return [line.strip() for line in self.age_edit.toPlainText().splitlines()
                if line.strip()]

    def _submit_recipients(self) -> None:
        flow, to, to_age = self.flow, self.chosen_officials(), self.age_recipients()
        if flow is None:
            return
        self._busy(True)
        self._tasks.run(lambda _reg: flow.set_recipients(to, to_age),
                        lambda _r: self._after(OPTIONS), self._failed)

    # -- options and preview -----------------------------------------------------------------
    def _mode(self) -> Mode:
        return next(m for m, b in self.mode_buttons.items() if b.isChecked())

    def _mode_changed(self, _id: int, _on: bool) -> None:
        include = self._mode() is Mode.INCLUDE
        self.include_confirm.setEnabled(include)
        self.include_warning.setEnabled(include)
        self.keep_mentions.setEnabled(not include)  # include blanks only whom it leaves home
        if not include:
            self.include_confirm.setChecked(False)
        self.update_buttons()

    def set_mode(self, mode: Mode) -> None:
        self.mode_buttons[Mode(mode)].setChecked(True)

    def scope(self) -> Scope:
        kinds = frozenset(k for k, box in self.kind_boxes.items() if box.isChecked())
        ids = frozenset(self.selection.value()) if self.scope_selection.isChecked() else None
        if self.scope_notices.isChecked():
            return Scope()
        return Scope(ids=ids, kinds=None if len(kinds) == len(Kind) else kinds,
                     since_last=self.scope_since.isChecked())

    def _submit_options(self) -> None:
        flow = self.flow
        if flow is None:
            return
        scope = self.scope()
        if scope.kinds is not None and not scope.kinds:
            show_banner(self.error, translate("Sharing", "Choose at least one kind of record."))
            return
        if scope.ids is not None and not scope.ids:
            show_banner(self.error, translate("Sharing", "Choose the records to export, or "
                                              "another scope."))
            return
        ceiling = Sensitivity.parse(str(self.ceiling.currentData()))
        mode, confirmed = self._mode(), self.include_confirm.isChecked()
        keep = self.keep_mentions.isChecked() and mode is not Mode.INCLUDE
        notices_only = self.scope_notices.isChecked()

        def work(_reg: Registry, job: Job) -> Exposure:
            flow.set_options(ceiling=ceiling, mode=mode, scope=scope, keep_mentions=keep,
                             notices_only=notices_only)
            if mode is Mode.INCLUDE and confirmed:
                flow.confirm_include()
            return flow.preview(job.progress, job.cancelled)

        self._busy(True)
        self.progress.run(self._tasks, work, self._previewed, self._failed)

    def _previewed(self, exposure: Exposure) -> None:
        if self._show_exposure(exposure):
            self._after(PREVIEW)
            self.previewed.emit()

    def _show_exposure(self, exposure: Exposure) -> bool:
        flow = self.flow
        if flow is None or flow.explanation is None:
            return False
        self._exposure = exposure
        self.summary.setText(self._summary())
        self.exposure.show_exposure(exposure, flow.explanation, flow.mode,
                                    self.ceiling.currentText())
        inside = exposure.people_inside_russia
        warning = counted().inside_russia(inside) if inside else ""
        show_banner(self.exposure_warning, warning)
        return True

    def _summary(self) -> str:
        flow = self.flow
        assert flow is not None
        names = [o.name for o in self.officials if o.fingerprint in flow.to]
        if flow.to_age:
            names.append(sharing_counts().age_keys(len(flow.to_age)))
        if flow.notices_only:
            return translate("Sharing", "To: {0}. Only protection notices.").replace(
                "{0}", ", ".join(names))
        text = translate("Sharing", "To: {0}. Highest sensitivity: {1}. Protected people: "
                         "{2}.").replace("{0}", ", ".join(names)).replace(
            "{1}", self.ceiling.currentText()).replace("{2}", mode_labels()[flow.mode])
        if flow.keep_mentions:
            text += " " + translate("Sharing", "Free text that names a protected person is "
                                    "kept.")
        return text

    # -- write -------------------------------------------------------------------------------
    def write_bundle(self, path: str | None = None) -> None:
        """Ask where (unless given) and write the previewed bundle on the database thread."""
        flow = self.flow
        if flow is None or self.pages.currentIndex() != PREVIEW or self.progress.running:
            return
        chosen = path or self._pick_save(self)
        if not chosen:
            return
        target = Path(chosen if chosen.endswith(BUNDLE_SUFFIX) else chosen + BUNDLE_SUFFIX)
        self._busy(True)
        self.progress.run(self._tasks,
                          lambda _reg, job: flow.write(target, job.progress, job.cancelled),
                          self._written, self._failed)

    def _written(self, result: ExportResult) -> None:
        self.export_result = result
        self.done_label.setText(_written_text(result))
        self._after(DONE)
        self.written.emit(str(result.path))

    # -- helpers -----------------------------------------------------------------------------
    def _busy(self, on: bool) -> None:
        self.next_button.setEnabled(not on)
        self.back_button.setEnabled(not on)
        self.write_button.setEnabled(not on)

    def _after(self, page: int) -> None:
        self._busy(False)
        self.show_page(page)

    def _failed(self, exc: BaseException) -> None:
        text = error_message(exc)
        self._busy(False)
        self.update_buttons()
        show_banner(self.error, text)
        self.failed.emit(text)

    def reject(self) -> None:
        self.progress.cancel()
        super().reject()
