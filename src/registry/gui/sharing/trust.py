"""Trusted officials: the table, adding from a card, verifying and revoking (DESIGN §5.1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from registry.gui.editors.pickers import country_name
from registry.gui.i18n import DATE_FORMAT, counts, date_text, number, translate
from registry.gui.sharing.counts import sharing_counts
from registry.gui.sharing.custodian import CustodianConfirmDialog, paper_dialog, reissue_text
from registry.gui.sharing.handover import Handover
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import (
    DANGER_STYLE,
    banner,
    confirm,
    fit_height,
    group_fingerprint,
    method_labels,
    method_short,
    mono,
    plain,
    safety_number_text,
    show_banner,
)
from registry.sync.quarantine import QuarantineReport
from registry.sync.sharing import CardPreview, Revocation, key_changes
from registry.sync.trust import AddResult, Official

if TYPE_CHECKING:
    from registry.service import Registry
    from registry.sync.custodians import Reissued

FP_ROLE = Qt.ItemDataRole.UserRole + 1
QUARANTINE_WIDTH = 520
PickOpen = Callable[[QWidget], str]


def _pick_card(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("Sharing", "Add an official from their card"), str(Path.home()),
        translate("Sharing", "Registry cards (*.card);;All files (*)"))
    return path


def compare_instruction() -> str:
    return translate(
        "Sharing", "Compare this safety number with the one on their screen, digit by digit, "
        "by a channel you trust: in person, or a video or phone call where you recognise "
        "them. Never compare it over the channel the card came by. The same number on both "
        "screens proves that nobody swapped the keys.")


def trust_state_text(state: str) -> str:
    """A trust state (``CardPreview.known_trust``, ``Inspection.sender_trust``) in words."""
    return {
        "own": translate("Sharing", "this vault (your own bundle)"),
        "verified": translate("Sharing", "verified"),
        "unverified": translate("Sharing", "NOT verified"),
        "revoked": translate("Sharing", "REVOKED"),
        "unknown": translate("Sharing", "unknown (not in your trust store)"),
    }.get(state, state)


def trust_text(o: Official, key_changed: bool) -> str:
    if o.revoked:
        return translate("Sharing", "REVOKED — bundles refused")
    if o.verified:
        date = date_text(o.verified_at) if o.verified_at else ""
        return translate("Sharing", "Verified ({0}, {1})").replace(
            "{0}", method_short(o.verified_method)).replace("{1}", date)
    if key_changed:
        return translate("Sharing", "Unverified — KEY CHANGED, verification reset")
    return translate("Sharing", "Unverified")


def method_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for value, label in method_labels().items():
        combo.addItem(label, value)
    return combo


class AddCardDialog(QDialog):
    """Shows a card's identity and the safety number; adds it verified or not."""

    def __init__(self, preview: CardPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(translate("Sharing", "Add an official"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        for label, value in ((translate("Sharing", "Name"), preview.name),
                             (translate("Sharing", "Organisation"), preview.org),
                             (translate("Sharing", "Country"), country_name(preview.country))):
            form.addRow(label, plain(self, value))
        fp = mono(self)
        fp.setText(group_fingerprint(preview.fingerprint))
        form.addRow(translate("Sharing", "Fingerprint"), fp)
        self.safety_number = mono(self, 4)
        self.safety_number.setObjectName("safetyNumber")
        self.safety_number.setText(safety_number_text(preview.safety_number))
        form.addRow(translate("Sharing", "Safety number"), self.safety_number)
        layout.addLayout(form)
        self.warning = banner(self, DANGER_STYLE)
        layout.addWidget(self.warning)
        self._warn()
        instruction = QLabel(compare_instruction(), self)
        instruction.setWordWrap(True)
        layout.addWidget(instruction)
        self.verified_choice = QRadioButton(
            translate("Sharing", "The numbers match: add as verified, checked by"), self)
        self.method = method_combo(self)
        self.unverified_choice = QRadioButton(
            translate("Sharing", "Add unverified (compare later; bundles for them cannot be "
                      "written until verified)"), self)
        self.unverified_choice.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.verified_choice)
        row.addWidget(self.method, 1)
        layout.addLayout(row)
        layout.addWidget(self.unverified_choice)
        self.buttons = QDialogButtonBox(self)
        self.add_button = self.buttons.addButton(translate("Sharing", "Add official"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.add_button.setEnabled(preview.known_trust != "revoked")

    def _warn(self) -> None:
        p = self.preview
        if p.known_trust == "revoked":
            text = translate("Sharing", "This key was revoked. It cannot be trusted again.")
        elif p.replaces:
            text = translate(
                "Sharing", "KEY CHANGED: {0} was known under another key ({1}). A new key "
                "starts unverified. Ask them, by a channel you trust, why their key changed "
                "before you verify it.").replace("{0}", p.name).replace(
                "{1}", ", ".join(group_fingerprint(f) for f in p.replaces))
        elif p.known_trust is not None:
            text = translate("Sharing", "This card is already in your trust store ({0}).") \
                .replace("{0}", trust_state_text(p.known_trust))
        else:
            text = ""
        show_banner(self.warning, text)

    def verified_method(self) -> str | None:
        if not self.verified_choice.isChecked():
            return None
        return str(self.method.currentData())


class VerifyDialog(QDialog):
    """The safety number with a trusted official, and how it was compared."""

    def __init__(self, official: Official, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.official = official
        self.setWindowTitle(translate("Sharing", "Verify an official"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(translate("Sharing", "Official"),
                    plain(self, f"{official.name} ({official.org}, "
                                f"{country_name(official.country)})"))
        fp = mono(self)
        fp.setText(group_fingerprint(official.fingerprint))
        form.addRow(translate("Sharing", "Fingerprint"), fp)
        self.safety_number = mono(self, 4)
        self.safety_number.setObjectName("safetyNumber")
        self.safety_number.setText(safety_number_text(number))
        form.addRow(translate("Sharing", "Safety number"), self.safety_number)
        self.method = method_combo(self)
        form.addRow(translate("Sharing", "Checked by"), self.method)
        layout.addLayout(form)
        instruction = QLabel(compare_instruction(), self)
        instruction.setWordWrap(True)
        layout.addWidget(instruction)
        self.buttons = QDialogButtonBox(self)
        self.verify_button = self.buttons.addButton(
            translate("Sharing", "The numbers match: verify"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def verified_method(self) -> str:
        return str(self.method.currentData())


class QuarantineDialog(QDialog):
    """Asks from which day on an official's bundles are to be undone (DESIGN §6.5.9)."""

    def __init__(self, official: Official, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.official = official
        self.setWindowTitle(translate("Sharing", "Revoke and undo what they sent"))
        layout = QVBoxLayout(self)
        text = QLabel(translate(
            "Sharing", "Revoke {0} and undo every value set by their bundles imported on or "
            "after the day you choose: each goes back to the value it replaced, from "
            "field history, and records only their bundles made are removed. Choose the "
            "last day you are sure their keys were still theirs. You will see what this "
            "changes before anything is changed.").replace("{0}", official.name), self)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.date = QDateEdit(self)
        self.date.setObjectName("revertSince")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(DATE_FORMAT)
        self.date.setMaximumDate(QDate.currentDate())
        self.date.setDate(QDate.currentDate().addDays(-30))
        form = QFormLayout()
        form.addRow(translate("Sharing", "Undo what they sent since"), self.date)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(self)
        self.next_button = self.buttons.addButton(translate("Sharing", "Show what will change…"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(QUARANTINE_WIDTH, 0)
        fit_height(self)  # the explanation wraps onto several lines: room for all of them

    def since(self) -> str:
        return self.date.date().toString("yyyy-MM-dd")


def quarantine_text(r: QuarantineReport) -> str:
    """What a quarantine does, said before it is done (from its dry run)."""
    c = r.counts
    text = translate(
        "Sharing", "Revoke {0} and undo what their bundles set since {1}?\n\n"
        "Their imports since then: {2}.\n"
        "Values that go back to what they replaced: {3}; values they added that are taken "
        "out: {4}; {5}.\n"
        "Records only their bundles made, removed: {6}.\n"
        "Records kept for you to review (made by them and changed since or used here, or "
        "left as they are where putting their values back would break them): {7}.\n"
        "Records whose protection they raised, back to what it was: {8}.").replace(
        "{0}", r.name).replace("{1}", date_text(r.since)).replace(
        "{2}", number(c["imports"])).replace("{3}", number(c["fields_restored"])).replace(
        "{4}", number(c["fields_unset"])).replace(
        "{5}", sharing_counts().in_records(c["records_restored"])).replace(
        "{6}", number(c["records_removed"])).replace("{7}", number(c["records_kept"])).replace(
        "{8}", number(c["protection_lowered"]))
    if r.erased:
        text += "\n" + translate("Sharing", "Erasures by their bundles cannot be undone: {0}.") \
            .replace("{0}", number(len(r.erased)))
    if r.forwarded_to:
        text += "\n" + translate("Sharing", "You sent some of these records {0}: they hold "
                                 "these values too; tell them.") \
            .replace("{0}", sharing_counts().on_to_officials(len(r.forwarded_to)))
    return text + "\n\n" + translate(
        "Sharing", "Their bundles are refused from now on, and a revoked key can never be "
        "trusted again. This is one step: all of it is done, or nothing.")


class TrustTable(QWidget):
    """The trust store as a table, with Add from card…, Verify…, Revoke… and Revoke and undo
    what they sent since….

    Signals:
        refreshed(): the table shows the trust store as it is now.
        failed(str): an action failed (a message safe to show).
        official_added(str): a card was added (its fingerprint).
        official_verified(str): an official was verified.
        official_revoked(str): an official was revoked (also after a quarantine).
        quarantined(object): an official was revoked and what they sent undone (the report).
        dialog_opened(QDialog): an add, verify or confirmation dialog is on screen.
    """

    refreshed = Signal()
    failed = Signal(str)
    official_added = Signal(str)
    official_verified = Signal(str)
    official_revoked = Signal(str)
    quarantined = Signal(object)
    dialog_opened = Signal(QWidget)

    HEADERS = ("name", "org", "country", "fingerprint", "trust")

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None,
                 pick_card: PickOpen = _pick_card) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._pick_card = pick_card
        self.officials: list[Official] = []
        self.custodians: set[str] = set()  # officials who hold a share of this vault's set
        self.dialog: QWidget | None = None
        self.warning = banner(self, DANGER_STYLE)
        self.warning.setObjectName("keyChangeWarning")
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(self._headers())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self)
        self.verify_button = QPushButton(self)
        self.revoke_button = QPushButton(self)
        self.quarantine_button = QPushButton(self)
        self.handover = Handover(self)
        self.handover_button = QPushButton(self)
        self.handover_button.setObjectName("handoverButton")
        menu = QMenu(self.handover_button)
        self.hand_over_action = menu.addAction("")
        self.accept_statement_action = menu.addAction("")
        self.handover_button.setMenu(menu)
        self._button_texts()
        self.message = plain(self)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.verify_button, self.revoke_button,
                  self.quarantine_button, self.handover_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(lambda _c=False: self.add_from_card())
        self.verify_button.clicked.connect(lambda _c=False: self.verify_selected())
        self.revoke_button.clicked.connect(lambda _c=False: self.revoke_selected())
        self.quarantine_button.clicked.connect(lambda _c=False: self.quarantine_selected())
        self.hand_over_action.triggered.connect(
            lambda _c=False: self.handover.hand_over_to_selected())
        self.accept_statement_action.triggered.connect(
            lambda _c=False: self.handover.accept_statement())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    @staticmethod
    def _headers() -> list[str]:
        return [translate("Sharing", "Name"), translate("Sharing", "Organisation"),
                translate("Sharing", "Country"), translate("Sharing", "Fingerprint"),
                translate("Sharing", "Trust")]

    # -- the table ---------------------------------------------------------------------------
    def refresh(self) -> None:
        def read(reg: Registry) -> tuple[list[Official], set[str]]:
            officials = reg.sharing.officials()
            return officials, {o.fingerprint for o in officials
                               if reg.sharing.holds_recovery_share(o.fingerprint)}

        self._tasks.run(read, lambda r: self._fill(*r), self._failed)

    def _fill(self, officials: list[Official], custodians: set[str]) -> None:
        selected = self.selected()
        self.officials, self.custodians = officials, custodians
        changed = key_changes(officials)
        self.table.setRowCount(len(officials))
        for row, o in enumerate(officials):
            cells = (o.name, o.org, country_name(o.country), group_fingerprint(o.fingerprint),
                     trust_text(o, o.fingerprint in changed))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(FP_ROLE, o.fingerprint)
                self._style(item, o, o.fingerprint in changed)
                self.table.setItem(row, col, item)
            if selected is not None and o.fingerprint == selected.fingerprint:
                self.table.selectRow(row)
        show_banner(self.warning, self._key_change_text(officials, changed))
        self._update_buttons()
        self.refreshed.emit()

    @staticmethod
    def _style(item: QTableWidgetItem, o: Official, key_changed: bool) -> None:
        if o.revoked:
            item.setForeground(QBrush(QColor("#a71d2a")))
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
        elif key_changed and not o.verified:
            item.setBackground(QBrush(QColor("#fff3cd")))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)

    @staticmethod
    def _key_change_text(officials: list[Official], changed: dict[str, tuple[str, ...]]) -> str:
        names = sorted({o.name for o in officials if o.fingerprint in changed
                        and not o.verified and not o.revoked})
        if not names:
            return ""
        return translate(
            "Sharing", "Key changed for: {0}. Their new key is NOT verified — verification "
            "never carries over to a new key. Ask them why the key changed and compare the "
            "new safety number before you send them anything; revoke the old key if it was "
            "lost or stolen.").replace("{0}", ", ".join(names))

    def selected(self) -> Official | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        fp = item.data(FP_ROLE) if item is not None else None
        return next((o for o in self.officials if o.fingerprint == fp), None)

    def select(self, fingerprint: str) -> None:
        for row, o in enumerate(self.officials):
            if o.fingerprint == fingerprint:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        o = self.selected()
        self.verify_button.setEnabled(o is not None and not o.revoked and not o.verified)
        self.revoke_button.setEnabled(o is not None and not o.revoked)
        self.quarantine_button.setEnabled(o is not None)  # undoing may come after revoking
        self.hand_over_action.setEnabled(Handover.can_hand_over_to(o))

    def clear(self) -> None:
        self.officials = []
        self.table.setRowCount(0)
        self.message.clear()
        show_banner(self.warning, "")
        self._update_buttons()

    @property
    def tasks(self) -> TaskRunner:
        return self._tasks

    def open_dialog(self, dialog: QDialog) -> None:
        """Show a dialog of this table's (window-modal) and announce it."""
        self._open(dialog)

    def show_failure(self, exc: BaseException) -> None:
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        text = error_message(exc)
        self.message.setText(text)
        self.failed.emit(text)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog_opened.emit(dialog)

    # -- add ---------------------------------------------------------------------------------
    def add_from_card(self, path: str | None = None) -> None:
        """Read and check a card on the database thread, then ask how to add it."""
        chosen = path or self._pick_card(self)
        if not chosen:
            return
        target = Path(chosen)
        self._tasks.run(lambda reg: reg.sharing.preview_card_file(target),
                        self._confirm_add, self._failed)

    def _confirm_add(self, preview: CardPreview) -> None:
        dialog = AddCardDialog(preview, self)
        dialog.accepted.connect(lambda: self._add(preview, dialog.verified_method()))
        self._open(dialog)

    def _add(self, preview: CardPreview, method: str | None) -> None:
        def done(result: AddResult) -> None:
            o = result.official
            text = (translate("Sharing", "{0} added.") if result.new
                    else translate("Sharing", "{0} updated.")).replace("{0}", o.name)
            if not o.verified:
                text += " " + translate("Sharing", "Not verified yet: compare the safety "
                                        "number, then choose Verify….")
            self.message.setText(text)
            self.official_added.emit(o.fingerprint)
            self.refresh()

        self._tasks.run(lambda reg: reg.sharing.add_card(preview.card, verified_method=method),
                        done, self._failed)

    # -- verify ------------------------------------------------------------------------------
    def verify_selected(self) -> None:
        o = self.selected()
        if o is None or o.revoked:
            return
        self._tasks.run(lambda reg: reg.sharing.safety_number(o.fingerprint),
                        lambda number: self._ask_verify(o, number), self._failed)

    def _ask_verify(self, official: Official, number: str) -> None:
        dialog = VerifyDialog(official, number, self)
        dialog.accepted.connect(lambda: self._verify(official, dialog.verified_method()))
        self._open(dialog)

    def _verify(self, official: Official, method: str) -> None:
        def done(o: Official) -> None:
            self.message.setText(translate("Sharing", "{0} is verified.").replace("{0}", o.name))
            self.official_verified.emit(o.fingerprint)
            self.refresh()

        self._tasks.run(lambda reg: reg.sharing.verify(official.fingerprint, method), done,
                        self._failed)

    # -- revoke ------------------------------------------------------------------------------
    def revoke_selected(self) -> QMessageBox | CustodianConfirmDialog | None:
        """Ask before revoking; for a custodian of this vault's recovery set the question
        also asks the passphrase and says why (registry.sync.custodians)."""
        o = self.selected()
        if o is None or o.revoked:
            return None
        title = translate("Sharing", "Revoke an official")
        text = translate(
            "Sharing", "Revoke {0} ({1})? Their bundles will be refused and nothing more can "
            "be sent to this key. A revoked key can never be trusted again; if they have a new "
            "key, add their new card.").replace("{0}", o.name).replace(
            "{1}", group_fingerprint(o.fingerprint))
        yes = translate("Sharing", "Revoke")
        if o.fingerprint in self.custodians:
            dialog = CustodianConfirmDialog(title, text, yes, o.name, parent=self)
            dialog.accepted.connect(lambda: self._revoke(o, dialog.take_passphrase()))
            self._open(dialog)
            return dialog
        box = confirm(self, title, text, yes, lambda: self._revoke(o))
        self.dialog = box
        self.dialog_opened.emit(box)
        return box

    def _revoke(self, official: Official, passphrase: str | None = None) -> None:
        def done(r: Revocation) -> None:
            o = r.official
            self.message.setText(" ".join(filter(None, [
                translate("Sharing", "{0} is revoked.").replace("{0}", o.name),
                reissue_text(r.recovery, o.name)])))
            self.official_revoked.emit(o.fingerprint)
            self._show_paper(r.recovery)
            self.refresh()

        self._tasks.run(lambda reg: reg.sharing.revoke(official.fingerprint,
                                                       passphrase=passphrase),
                        done, self._failed)

    def _show_paper(self, reissued: Reissued | None) -> None:
        """The new paper shares of a set re-issued without a custodian, shown once."""
        dialog = paper_dialog(reissued, self)
        if dialog is not None:
            self._open(dialog)

    # -- quarantine (DESIGN §6.5.9) ------------------------------------------------------------
    def quarantine_selected(self) -> QuarantineDialog | None:
        """Ask from which day on, then show what will change (a dry run), then do it."""
        o = self.selected()
        if o is None:
            return None
        dialog = QuarantineDialog(o, self)
        dialog.accepted.connect(lambda: self._preview_quarantine(o, dialog.since()))
        self._open(dialog)
        return dialog

    def _preview_quarantine(self, official: Official, since: str) -> None:
        self._tasks.run(
            lambda reg: reg.sharing.quarantine(official.fingerprint, since, dry_run=True),
            lambda report: self._confirm_quarantine(official, since, report), self._failed)

    def _confirm_quarantine(self, official: Official, since: str,
                            report: QuarantineReport) -> None:
        title = translate("Sharing", "Revoke and undo what they sent")
        yes = translate("Sharing", "Revoke and undo")
        seen = tuple(report.protection_lowered)  # what confirming the preview lowers, no more
        if report.holds_recovery_share:
            dialog = CustodianConfirmDialog(title, quarantine_text(report), yes, official.name,
                                            parent=self)
            dialog.accepted.connect(
                lambda: self._quarantine(official, since, seen, dialog.take_passphrase()))
            self._open(dialog)
            return
        box = confirm(self, title, quarantine_text(report), yes,
                      lambda: self._quarantine(official, since, seen))
        self.dialog = box
        self.dialog_opened.emit(box)

    def _quarantine(self, official: Official, since: str, seen: tuple[str, ...],
                    passphrase: str | None = None) -> None:
        """The real run, confirmed for the records whose protection the preview showed going
        down (``seen``): one more lowered since (an import landed meanwhile) is refused and
        nothing changes (LoweringNeedsConfirmation, shown as the failure)."""
        def done(r: QuarantineReport) -> None:
            c = r.counts
            shared = sharing_counts()
            self.message.setText(" ".join(filter(None, [translate(
                "Sharing", "{0} is revoked. Put back: {1} {2}; removed: {3}; kept for "
                "review: {4}.").replace("{0}", r.name).replace(
                "{1}", shared.values(c["fields_restored"] + c["fields_unset"])).replace(
                "{2}", shared.in_records(c["records_restored"])).replace(
                "{3}", counts().records(c["records_removed"])).replace(
                "{4}", counts().records(c["records_kept"])),
                reissue_text(r.recovery, r.name)])))
            self.official_revoked.emit(r.fingerprint)
            self.quarantined.emit(r)
            self._show_paper(r.recovery)
            self.refresh()

        self._tasks.run(lambda reg: reg.sharing.quarantine(official.fingerprint, since,
                                                           passphrase=passphrase,
                                                           confirm_lowering=seen),
                        done, self._failed)

    def _button_texts(self) -> None:
        self.add_button.setText(translate("Sharing", "Add from card…"))
        self.verify_button.setText(translate("Sharing", "Verify…"))
        self.revoke_button.setText(translate("Sharing", "Revoke…"))
        self.quarantine_button.setText(
            translate("Sharing", "Revoke and undo what they sent since…"))
        self.handover_button.setText(translate("Handover", "Handover"))
        self.hand_over_action.setText(
            translate("Handover", "Hand my post over to this official…"))
        self.accept_statement_action.setText(
            translate("Handover", "Accept a succession statement…"))

    def retranslate(self) -> None:
        self._button_texts()
        self.table.setHorizontalHeaderLabels(self._headers())
