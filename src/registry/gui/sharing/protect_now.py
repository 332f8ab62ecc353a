"""A record that was shared has just become protected: say with whom, and protect it there now.

DESIGN §6.4.2: the vault remembers who holds each record it sent. When an official flags such
a record (inside Russia, or protected), the app says with whom it was shared and offers the
protect-now bundles at once: one ``notices_only`` bundle per verified official, each carrying
nothing but the notice (the record's id and its raised protection), readable by that
official alone. Bare age recipients and officials who cannot receive bundles are listed with
what to do instead. The bundles are written on the database thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from registry.gui.editors.data import Saved
from registry.gui.i18n import counts, translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import DANGER_STYLE, banner, group_fingerprint, plain, show_banner
from registry.gui.wizard import ProgressPanel
from registry.service import Holder
from registry.sync.sharing import NoticeBundle, notice_bundles

PickFolder = Callable[[QWidget], str]
VERIFIED = "verified"


def _pick_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(
        parent, translate("Protection", "Where to write the protect-now bundles"),
        str(Path.home()))


def short_fingerprint(fingerprint: str) -> str:
    """The first three groups of a fingerprint, as read aloud: ``1A2B 3C4D 5E6F…``."""
    return " ".join(group_fingerprint(fingerprint).split()[:3]) + "…"


def short_age(recipient: str) -> str:
    return f"{recipient[:12]}…{recipient[-6:]}" if len(recipient) > 24 else recipient


def can_receive(holder: Holder) -> bool:
    """Bundles go only to verified officials (DESIGN §6.5.6)."""
    return holder.official and holder.trust == VERIFIED


def holder_texts(holder: Holder) -> tuple[str, str]:
    """Who (name and short fingerprint, or the age key) and what happens for them."""
    if not holder.official:
        age = holder.key.removeprefix("age:")
        return (translate("Protection", "Age key {0}").replace("{0}", short_age(age)),
                translate("Protection", "Send manually: export a bundle to this age key "
                          "with “Only protection notices”"))
    name = holder.name or translate("Protection", "Unknown official")
    who = f"{name} — {short_fingerprint(holder.key)}"
    if holder.trust == VERIFIED:
        return who, translate("Protection", "Gets a protect-now bundle")
    if holder.trust == "revoked":
        return who, translate("Protection", "Revoked: nothing is sent to them any more")
    return who, translate("Protection", "Not verified: verify their card first, then export "
                          "“Only protection notices” to them")


class ProtectNowDialog(QDialog):
    """With whom a newly protected record was shared, and the protect-now bundles for them.

    Signals:
        written(list): the bundles were written (one ``NoticeBundle`` per verified official).
        failed(str): writing failed (a message safe to show).
    """

    written = Signal(list)
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, saved: Saved, parent: QWidget | None = None,
                 pick_folder: PickFolder = _pick_folder) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._pick_folder = pick_folder
        self.saved = saved
        self.holders = sorted(saved.holders, key=lambda h: (not can_receive(h), not h.official,
                                                            h.name.casefold(), h.key))
        self.results: list[NoticeBundle] = []
        self.setWindowTitle(translate("Protection", "This record was shared"))
        self.setObjectName("protectNowDialog")
        self.resize(680, 360)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("QLabel { font-weight: bold; font-size: 120%; }")
        self.heading.setText(self._heading())
        self.explain = plain(self, translate(
            "Protection", "These officials hold a copy at the level it had when it was sent. "
            "Until they import a protection notice, their copy is not protected and they may "
            "pass it on:"))
        holders = self._holder_list()
        self.note = plain(self, translate(
            "Protection", "A protect-now bundle carries only the notice — the record's id and "
            "its raised protection, nothing else — and only that official can open it. When "
            "they import it, their copy becomes protected and leaves their exports."))
        self.result_label = plain(self)
        self.result_label.setObjectName("protectNowResult")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.error = banner(self, DANGER_STYLE)
        self.progress = ProgressPanel(self)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.explain):
            layout.addWidget(widget)
        layout.addWidget(holders, 1)
        for part in (self.note, self.result_label, self.error, self.progress):
            layout.addWidget(part)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        self.write_button = QPushButton(translate("Protection", "Write protect-now bundles…"),
                                        self)
        self.write_button.setObjectName("writeNoticesButton")
        self.close_button = QPushButton(translate("Protection", "Later"), self)
        self.write_button.setDefault(True)
        self.write_button.setEnabled(any(can_receive(h) for h in self.holders))
        self.write_button.clicked.connect(lambda _c=False: self.write_to())
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.close_button)
        return buttons

    def _holder_list(self) -> QFrame:
        """Who holds the record, and what happens for each (a table that wraps)."""
        self.holder_box = QFrame(self)
        self.holder_box.setObjectName("holderList")
        self.holder_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.holder_box.setAccessibleName(translate("Protection", "Who holds the record"))
        grid = QGridLayout(self.holder_box)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        for n, title in enumerate((translate("Protection", "Holds the record"),
                                   translate("Protection", "What happens"))):
            head = QLabel(title, self.holder_box)
            head.setStyleSheet("QLabel { font-weight: bold; }")
            grid.addWidget(head, 0, n)
        self.holder_rows: list[tuple[str, str]] = []
        for row, holder in enumerate(self.holders, start=1):
            who, what = holder_texts(holder)
            self.holder_rows.append((who, what))
            who_label = plain(self.holder_box, who)
            who_label.setWordWrap(False)
            what_label = plain(self.holder_box, what)
            if can_receive(holder):
                what_label.setStyleSheet("QLabel { font-weight: bold; }")
            grid.addWidget(who_label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(what_label, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(len(self.holders) + 1, 1)
        return self.holder_box

    def _heading(self) -> str:
        if self.saved.records > 1:
            return counts().records_newly_protected(self.saved.records)
        name = self.saved.label or translate("Protection", "The record")
        if self.saved.inside_russia:
            return translate("Protection", "“{0}” is now flagged inside Russia and protected, "
                             "and you shared it before.").replace("{0}", name)
        return translate("Protection", "“{0}” is now protected, and you shared it before.") \
            .replace("{0}", name)

    @property
    def recipients(self) -> list[str]:
        """The fingerprints of the officials who get a protect-now bundle."""
        return [h.key for h in self.holders if can_receive(h)]

    def write_to(self, folder: str | None = None) -> None:
        """Ask for a folder (unless given) and write the bundles on the database thread."""
        if self.progress.running or not self.recipients:
            return
        chosen = folder or self._pick_folder(self)
        if not chosen:
            return
        target, fingerprints = Path(chosen), self.recipients
        show_banner(self.error, "")
        self.write_button.setEnabled(False)
        self.progress.run(self._tasks, lambda reg, job: notice_bundles(
            reg.sharing, fingerprints, target, job.progress, job.cancelled), self._written,
            self._failed)

    def _written(self, results: list[NoticeBundle]) -> None:
        self.results = results
        names = {h.key: h.name or short_fingerprint(h.key) for h in self.holders}
        lines = []
        for r in results:
            if r.path is None:
                lines.append(translate("Protection", "{0}: already holds it protected — "
                                       "nothing to send.").replace("{0}", names[r.fingerprint]))
            else:
                lines.append(f"{names[r.fingerprint]}: {r.path}")
        if any(r.path for r in results):
            lines.append(translate("Protection", "Send each file to its official by any "
                                   "channel; delete it once it was received."))
        self.result_label.setText("\n".join(lines))
        self.result_label.show()
        self.close_button.setText(translate("Protection", "Close"))
        self.written.emit(results)

    def _failed(self, exc: BaseException) -> None:
        text = error_message(exc)
        show_banner(self.error, text)
        self.write_button.setEnabled(True)
        self.failed.emit(text)

    def reject(self) -> None:
        self.progress.cancel()
        super().reject()
