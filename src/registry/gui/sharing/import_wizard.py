"""The import wizard: bundle files → sender, trust and dry-run preview per file → apply →
report with "Revert this import".

It renders :class:`~registry.sync.sharing.BundleImport` (Qt-free); every call into
it runs on the database thread. Nothing is written before Apply, and Apply checks every
file again before any is merged.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape as esc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from registry.domain.enums import Kind
from registry.gui.editors.labels import labels
from registry.gui.i18n import moment_text, number, translate
from registry.gui.sharing.counts import sharing_counts
from registry.gui.sharing.history import ask_revert, counts_text, revert_text
from registry.gui.sharing.trust import trust_state_text
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import (
    DANGER_STYLE,
    WARNING_STYLE,
    banner,
    confirm,
    group_fingerprint,
    plain,
    show_banner,
)
from registry.gui.wizard import WizardShell
from registry.sync import signatures
from registry.sync.importer import ImportReport, RevertResult
from registry.sync.sharing import BundleImport, FileCheck

if TYPE_CHECKING:
    from registry.service import Registry
    from registry.sync.progress import Job

PickOpen = Callable[[QWidget], list[str]]
FILES, REVIEW, REPORT = range(3)
MAX_LISTED = 200


def _pick_bundles(parent: QWidget) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent, translate("Sharing", "Choose bundles to import"), str(Path.home()),
        translate("Sharing", "Registry bundles (*.rbundle)"))
    return list(paths)


def refusal_text(check: FileCheck) -> str:
    """Why a file was refused, written for the app: the core's own message names command-line
    options, and is English."""
    state = check.inspection.sender_trust if check.inspection is not None else ""
    texts = {
        "unknown": translate("Sharing", "The bundle's sender is not in the trust store: "
                             "refused. Add and verify their card first."),
        "unverified": translate("Sharing", "The bundle's sender is trusted but not verified: "
                                "refused. Compare the safety number with them (Trusted "
                                "officials → Verify…), or import from them knowingly."),
        "revoked": translate("Sharing", "The bundle's sender was revoked: refused."),
    }
    return texts.get(state) or check.error or ""


def record_names(reg: Registry, ids: list[str]) -> dict[str, str]:
    """What this vault calls the records an import touches (runs on the database thread)."""
    out = {}
    for record_id in ids[:MAX_LISTED]:
        record = reg.find(record_id)
        if record is not None:
            name = record.values.get("name") or record.values.get("title")
            if name:
                out[record_id] = str(name)
    return out


def _report_title(r: ImportReport) -> str:
    return translate("Sharing", "{0} from {1}").replace("{0}", r.file).replace(
        "{1}", r.sender_name)


def _details_html(check: FileCheck, names: dict[str, str]) -> str:
    parts = []
    if check.inspection is not None:
        m = check.inspection.manifest
        # the name this vault knows the signer by: the manifest's is the signer's own word
        sender = check.inspection.sender_name
        parts.append(translate("Sharing", "<b>Sender:</b> {0}<br><b>Fingerprint:</b> {1}<br>"
                               "<b>Trust:</b> {2}<br><b>Created:</b> {3}").replace(
            "{0}", esc(sender)).replace("{1}", esc(group_fingerprint(m.sender.fingerprint)))
            .replace("{2}", esc(trust_state_text(check.inspection.sender_trust)))
            .replace("{3}", esc(moment_text(m.to_json()["created_at"]))))
        if sender != m.sender.name:
            parts[-1] += "<br>" + translate(
                "Sharing", "<b>The bundle calls its sender:</b> {0}").replace(
                "{0}", esc(m.sender.name))
    if check.preview is not None:
        parts.append(_report_html(check.preview, names, dry_run=True))
    return "<br><br>".join(parts)


def _report_html(r: ImportReport, names: dict[str, str], *, dry_run: bool) -> str:
    lab = labels()
    c = r.counts
    head = translate("Sharing", "<b>Would change:</b>") if dry_run \
        else translate("Sharing", "<b>Changed:</b>")
    lines = [head + " " + esc(counts_text(c) + ", "
                              + sharing_counts().unchanged(c.get("unchanged", 0)))]
    if r.overwritten_local:
        lines.append(translate("Sharing", "<b>Your own edits that would be overwritten:</b>")
                     if dry_run else translate("Sharing", "<b>Your own edits overwritten:</b>"))
        for item in r.overwritten_local[:MAX_LISTED]:
            kind = Kind(item["kind"])
            fields = ", ".join(lab.field(kind, f) for f in item["fields"])
            name = names.get(item["id"], item["id"][:8])
            lines.append(f"&nbsp;• {esc(lab.kind(kind))} {esc(name)}: {esc(fields)}")
    for title, ids in ((translate("Sharing", "<b>Deleted:</b>"), r.deleted),
                       (translate("Sharing", "<b>Erased for good:</b>"), r.erased)):
        if ids:
            shown = esc(", ".join(names.get(i, i[:8]) for i in ids[:MAX_LISTED]))
            lines.append(f"{title} {shown}")
    if r.held:
        shown = esc(", ".join(names.get(h["id"], h["id"][:8]) for h in r.held[:MAX_LISTED]))
        held = r.total("held")  # the list keeps the first ones
        lines.append(translate("Sharing", "<b>Erasures that wait for your decision (Held "
                               "changes):</b>") + f" {number(held)}: {shown}")
    if r.not_applied:
        lines.append(translate("Sharing", "<b>Changes not applied:</b>") + " "
                     + number(r.total("not_applied")))
        for item in r.not_applied[:MAX_LISTED]:
            kind = Kind(item["kind"])
            fields = ", ".join(translate("Sharing", "its deletion") if f == "deleted"
                               else lab.field(kind, f) for f in item["fields"])
            name = names.get(item["id"], item["id"][:8])
            lines.append(f"&nbsp;• {esc(lab.kind(kind))} {esc(name)}: {esc(fields)} — "
                         f"{esc(not_applied_text(item['reason']))}")
    if r.guarded:  # beside someone protected here: protected until the official reviews
        lines.append((translate(
            "Sharing", "<b>New or renamed records that would be protected until you review "
            "them in Duplicates (each may be someone protected here):</b>") if dry_run else
            translate("Sharing", "<b>New or renamed records protected until you review them "
                      "in Duplicates (each may be someone protected here):</b>"))
            + " " + number(r.total("guarded")))
    if r.recovery_shares:
        lines.append(esc(translate(
            "Sharing", "It carries the recovery share you hold for {0} (see Vault → Recovery "
            "shares…).").replace("{0}", r.sender_name)))
    if r.holdings_inherited:
        lines.append(esc(translate(
            "Sharing", "It hands you, as {0}'s successor, who holds what they shared: accepting "
            "their succession statement takes it, so that your flags and erasures reach those "
            "colleagues.").replace("{0}", r.sender_name)))
    return "<br>".join(lines)


def not_applied_text(reason: str) -> str:
    """Why an import left a change out (registry.sync.signatures, DESIGN §6.5.3)."""
    text = signatures.REASONS.get(reason)
    return reason if text is None else translate("Sharing", text)


class ImportWizard(WizardShell):
    """Checks, previews and imports bundles; each import can be reverted from its report.

    Signals:
        ready(): the wizard can take files.
        step_changed(int): the page shown (0 files, 1 review, 2 report).
        reviewed(): every file was checked and previewed (or refused).
        applied(): the accepted bundles were imported.
        reverted(str): the import with this id was reverted.
        failed(str): a step failed (a message safe to show).
        add_official_requested(): the user asked to add a refused sender from their card.
    """

    ready = Signal()
    reviewed = Signal()
    applied = Signal()
    reverted = Signal(str)
    failed = Signal(str)
    add_official_requested = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None,
                 pick_bundles: PickOpen = _pick_bundles) -> None:
        super().__init__(translate("Sharing", "Import bundles"), parent, size=(820, 600))
        self._tasks = tasks
        self._pick = pick_bundles
        self.session: BundleImport | None = None
        self.names: dict[str, str] = {}
        self.revert_buttons: dict[str, QPushButton] = {}
        self._reports: list[tuple[ImportReport, QGroupBox, QLabel]] = []  # as shown
        self._reverted: dict[str, RevertResult] = {}
        self.dialog: QWidget | None = None
        for page in (self._files_page(), self._review_page(), self._report_page()):
            self.add_page(page)
        self.show_page(FILES)
        self._tasks.run(lambda reg: BundleImport(reg.sharing), self._started, self._failed)

    # -- pages -------------------------------------------------------------------------------
    def _files_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(translate("Sharing", "<h3>Bundles to import</h3>"), page))
        self.files_list = QListWidget(page)
        self.files_list.setAccessibleName(translate("Sharing", "Bundle files"))
        layout.addWidget(self.files_list, 1)
        row = QHBoxLayout()
        self.add_files_button = QPushButton(translate("Sharing", "Add files…"), page)
        self.remove_file_button = QPushButton(translate("Sharing", "Remove"), page)
        row.addWidget(self.add_files_button)
        row.addWidget(self.remove_file_button)
        row.addStretch(1)
        layout.addLayout(row)
        note = QLabel(translate("Sharing", "Each file is checked (signature, sender, payload) "
                                "and compared with your vault before anything is written."),
                      page)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.add_files_button.clicked.connect(lambda _c=False: self.add_files())
        self.remove_file_button.clicked.connect(self._remove_file)
        return page

    def _review_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(translate("Sharing", "<h3>Review before importing</h3>"), page))
        self.review_summary = banner(page, WARNING_STYLE)
        layout.addWidget(self.review_summary)
        split = QSplitter(page)
        self.checks_list = QListWidget(split)
        self.checks_list.setAccessibleName(translate("Sharing", "Checked files"))
        right = QWidget(split)
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(0, 0, 0, 0)
        self.refusal = banner(right, DANGER_STYLE)
        self.refusal.setObjectName("refusalMessage")
        self.sender_warning = banner(right, WARNING_STYLE)
        self.details = QLabel(right)
        self.details.setObjectName("previewDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea(right)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        self.add_official_button = QPushButton(
            translate("Sharing", "Add this official from their card first…"), right)
        self.add_official_button.hide()
        self.unverified_button = QPushButton(
            translate("Sharing", "Import from this unverified sender…"), right)
        self.unverified_button.hide()
        self.recheck_button = QPushButton(translate("Sharing", "Check again"), right)
        for w in (self.refusal, self.sender_warning):
            rlayout.addWidget(w)
        rlayout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_official_button)
        row.addWidget(self.unverified_button)
        row.addWidget(self.recheck_button)
        row.addStretch(1)
        rlayout.addLayout(row)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        self.checks_list.currentRowChanged.connect(self._show_check)
        self.add_official_button.clicked.connect(self.add_official_requested)
        self.unverified_button.clicked.connect(lambda _c=False: self.allow_unverified())
        self.recheck_button.clicked.connect(lambda _c=False: self.review())
        return page

    def _report_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(translate("Sharing", "<h3>Import report</h3>"), page))
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        self.report_box = QWidget(scroll)
        self.report_layout = QVBoxLayout(self.report_box)
        self.report_layout.addStretch(1)
        scroll.setWidget(self.report_box)
        layout.addWidget(scroll, 1)
        return page

    # -- navigation --------------------------------------------------------------------------
    def update_buttons(self) -> None:
        page = self.pages.currentIndex()
        busy = self.progress.running or self.session is None
        self.back_button.setVisible(page == REVIEW)
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(page in (FILES, REVIEW))
        accepted = len(self.session.accepted) if self.session is not None else 0
        if page == FILES:
            self.next_button.setText(translate("Sharing", "Check and preview >"))
            self.next_button.setEnabled(not busy and self.files_list.count() > 0)
        else:
            self.next_button.setText(sharing_counts().import_bundles(accepted))
            self.next_button.setEnabled(not busy and accepted > 0)
        self.recheck_button.setEnabled(not busy)
        self.close_button.setText(translate("Sharing", "Close") if page == REPORT
                                  else translate("Sharing", "Cancel"))

    def _started(self, session: BundleImport) -> None:
        self.session = session
        self.update_buttons()
        self.ready.emit()

    def back(self) -> None:
        if self.pages.currentIndex() == REVIEW and not self.progress.running:
            self.show_page(FILES)

    def next(self) -> None:
        if self.pages.currentIndex() == FILES:
            self.review()
        elif self.pages.currentIndex() == REVIEW:
            self.apply()

    # -- files -------------------------------------------------------------------------------
    def add_files(self, paths: list[str] | None = None) -> None:
        chosen = paths if paths is not None else self._pick(self)
        known = set(self.paths())
        for p in chosen:
            if p and p not in known:
                item = QListWidgetItem(Path(p).name, self.files_list)
                item.setData(Qt.ItemDataRole.UserRole, p)
                item.setToolTip(p)
                known.add(p)
        self.update_buttons()

    def paths(self) -> list[str]:
        return [str(self.files_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.files_list.count())]

    def _remove_file(self) -> None:
        row = self.files_list.currentRow()
        if row >= 0:
            self.files_list.takeItem(row)
        self.update_buttons()

    # -- review ------------------------------------------------------------------------------
    def review(self) -> None:
        session, paths = self.session, [Path(p) for p in self.paths()]
        if session is None or not paths or self.progress.running:
            return

        def work(reg: Registry, job: Job) -> dict[str, str]:
            checks = session.review(paths, job.progress, job.cancelled)
            ids = [i["id"] for c in checks if c.preview for i in c.preview.overwritten_local]
            ids += [i for c in checks if c.preview for i in (*c.preview.deleted,
                                                             *c.preview.erased)]
            ids += [h["id"] for c in checks if c.preview for h in c.preview.held]
            return record_names(reg, ids)

        self.progress.run(self._tasks, work, self._reviewed, self._failed)
        self.update_buttons()

    def _reviewed(self, names: dict[str, str]) -> None:
        assert self.session is not None
        self.names = names
        self.checks_list.clear()
        for check in self.session.checks:
            mark = "✓" if check.ok else "✗"
            QListWidgetItem(f"{mark} {check.path.name}", self.checks_list)
        self._show_refused()
        self.show_page(REVIEW)
        self.checks_list.setCurrentRow(0)
        self.reviewed.emit()

    def _show_refused(self) -> None:
        session = self.session
        refused = len(session.refused) if session is not None else 0
        show_banner(self.review_summary, sharing_counts().files_refused(
            refused, len(session.checks)) if session is not None and refused else "")

    def retranslate(self) -> None:
        """The texts of every page in the new language; the files, the checks and the page
        stay: the review and the reports are written again from what the wizard holds."""
        super().retranslate()
        if self.session is not None and self.page() == REVIEW:
            self._show_refused()
            self._show_check(self.checks_list.currentRow())
        for r, box, text in self._reports:
            box.setTitle(_report_title(r))
            text.setText(self._report_body(r))
        for import_id, result in self._reverted.items():
            self._show_reverted(import_id, result)

    def _show_check(self, row: int) -> None:
        checks = self.session.checks if self.session is not None else []
        if not 0 <= row < len(checks):
            return
        check = checks[row]
        show_banner(self.refusal, translate("Sharing", "Refused: {0}").replace(
            "{0}", refusal_text(check)) if check.error else "")
        self.add_official_button.setVisible(check.sender_unknown)
        self.unverified_button.setVisible(check.sender_unverified and not check.ok)
        warning = ""
        if check.ok and check.inspection and check.inspection.sender_trust == "unverified":
            warning = translate("Sharing", "The sender's card is in your trust store but NOT "
                                "verified: compare the safety number with them before you "
                                "rely on this data.")
        show_banner(self.sender_warning, warning)
        self.details.setText(_details_html(check, self.names))

    def allow_unverified(self) -> QMessageBox | None:
        """Ask, naming the risk, before bundles from an unverified sender are accepted."""
        session = self.session
        if session is None:
            return None

        def yes() -> None:
            session.allow_unverified = True
            self.review()

        box = confirm(self, translate("Sharing", "Import from an unverified sender"), translate(
            "Sharing", "You never compared this official's safety number. Anyone could have "
            "handed you a card in their name, and a bundle signed with it can change your "
            "registry. Import only if you are sure the file came from them — better, verify "
            "them first (Trusted officials → Verify)."),
            translate("Sharing", "Import anyway"), yes)
        self.dialog = box
        return box

    # -- apply and revert --------------------------------------------------------------------
    def apply(self) -> None:
        session = self.session
        if session is None or not session.accepted or self.progress.running:
            return
        self.progress.run(self._tasks,
                          lambda _reg, job: session.apply(job.progress, job.cancelled),
                          self._applied, self._failed)
        self.update_buttons()

    def _applied(self, reports: list[ImportReport]) -> None:
        self.revert_buttons.clear()
        self._reports.clear()
        for r in reports:
            self.report_layout.insertWidget(self.report_layout.count() - 1,
                                            self._report_widget(r))
        self.show_page(REPORT)
        self.applied.emit()

    def _report_body(self, r: ImportReport) -> str:
        body = _report_html(r, self.names, dry_run=False)
        if not r.import_id:
            body = esc(translate("Sharing", "Nothing new: the vault already had everything in "
                                 "this bundle.")) + "<br>" + body
        return body

    def _report_widget(self, r: ImportReport) -> QGroupBox:
        box = QGroupBox(_report_title(r), self.report_box)
        layout = QVBoxLayout(box)
        text = QLabel(box)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setText(self._report_body(r))
        self._reports.append((r, box, text))
        layout.addWidget(text)
        if r.import_id:
            button = QPushButton(translate("Sharing", "Revert this import"), box)
            button.clicked.connect(lambda _c=False, i=r.import_id: self.revert(i))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.revert_buttons[r.import_id] = button
            result = plain(box)
            result.setObjectName(f"revertResult-{r.import_id}")
            layout.addWidget(result)
        return box

    def revert(self, import_id: str) -> QMessageBox | None:
        session = self.session
        if session is None:
            return None
        box = ask_revert(self, lambda: self._revert(session, import_id))
        self.dialog = box
        return box

    def _revert(self, session: BundleImport, import_id: str) -> None:
        def done(result: RevertResult) -> None:
            self._reverted[import_id] = result
            self._show_reverted(import_id, result)
            self.reverted.emit(import_id)

        self._tasks.run(lambda _reg: session.revert(import_id), done, self._failed)

    def _show_reverted(self, import_id: str, result: RevertResult) -> None:
        button = self.revert_buttons.get(import_id)
        if button is not None:
            button.setEnabled(False)
            row = button.parentWidget()
            label = row.findChild(QLabel, f"revertResult-{import_id}") if row else None
            if label is not None:
                label.setText(revert_text(result))

    # -- helpers -----------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        text = error_message(exc)
        self.update_buttons()
        show_banner(self.error, text)
        self.failed.emit(text)

    def reject(self) -> None:
        self.progress.cancel()
        super().reject()
