"""Handing a post over in the app: signing the succession statement for the selected official,
and accepting a colleague's statement (``registry.sync.handover`` decides; this only asks)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QVBoxLayout,
    QWidget,
)

from registry.gui.editors.pickers import country_name
from registry.gui.i18n import date_text, translate
from registry.gui.sharing.custodian import CustodianConfirmDialog, paper_dialog, reissue_text
from registry.gui.widgets import confirm, fit_height, group_fingerprint, plain
from registry.sync.handover import read_statement_file

if TYPE_CHECKING:
    from registry.gui.sharing.trust import TrustTable
    from registry.service import Registry
    from registry.sync.handover import HandoverAccepted, Retirement, SuccessionStatement
    from registry.sync.trust import Official

PickPath = Callable[[QWidget], str]
DIALOG_WIDTH = 560


def pick_statement_to_save(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("Handover", "Save the succession statement"),
        str(Path.home() / "succession.json"),
        translate("Handover", "Succession statements (*.json);;All files (*)"))
    return path


def pick_statement_to_open(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("Handover", "Accept a succession statement"), str(Path.home()),
        translate("Handover", "Succession statements (*.json);;All files (*)"))
    return path


class HandOverDialog(QDialog):
    """What handing over to ``successor`` means, and the one confirmation it needs."""

    def __init__(self, successor: Official, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Handover", "Hand your post over"))
        name = successor.name
        text = plain(self, translate(
            "Handover", "Hand your post over to {0} ({1}, {2})?\n\n"
            "Before you do, give {0} the handover bundle: Export… with everything, people at "
            "risk included, to {0} only.\n\n"
            "The statement you save names {0} as your successor and is signed with your key. "
            "Send it to your colleagues: those who accept it trust {0} in one step and retire "
            "your key, so they refuse whatever it signs from then on. This vault will then "
            "write bundles for {0} only. This cannot be undone.").replace("{0}", name)
            .replace("{1}", successor.org).replace("{2}", country_name(successor.country)))
        fingerprint = plain(self, translate("Handover", "Successor's fingerprint: {0}").replace(
            "{0}", group_fingerprint(successor.fingerprint)))
        self.met = QCheckBox(translate(
            "Handover", "I verified {0} in person and gave them the handover bundle").replace(
            "{0}", name), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign = self.buttons.addButton(translate("Handover", "Sign and save…"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign.setEnabled(False)
        self.met.toggled.connect(self.sign.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (text, fingerprint, self.met, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(DIALOG_WIDTH)
        fit_height(self)


def statement_text(statement: SuccessionStatement, own_post: bool = False,
                   inherited: bool = True, heir: str | None = None) -> str:
    """What a colleague's statement says and what accepting it does, in plain words
    (``own_post``: this vault is the successor named; ``inherited``: the bundle the
    predecessor wrote for it after signing came in, with who holds what; ``heir``: the name
    of whoever the successor handed the post on to, a statement accepted here before)."""
    a, b = statement.predecessor, statement.successor
    if own_post:
        text = translate(
            "Handover", "{0} ({1}, {2}) names you as their successor, signed by {0}'s verified "
            "key on {3}.\n\nImport {0}'s handover bundle before you accept: accepting retires "
            "{0}'s key in this vault, so bundles it signs are refused from then on.")
        if not inherited:
            text += "\n\n" + translate(
                "Handover", "No bundle {0} wrote for you after signing this statement is in "
                "yet: it hands you who holds what {0} shared, so that your flags and erasures "
                "reach them. Import it first.")
        return text.replace("{0}", a.name).replace("{1}", a.org).replace(
            "{2}", country_name(a.country)).replace("{3}", date_text(statement.issued_at[:10]))
    text = translate(
        "Handover", "{0} ({1}, {2}) hands over to {3} ({4}, {5}), signed by {0}'s verified key "
        "on {6}.\n\nAccepting trusts {3} as the successor in one step, shown as verified by "
        "succession: compare the safety number with {3} when you can. {0}'s key is retired: "
        "bundles it signs are refused from then on.\n\nSuccessor's fingerprint: {7}") \
        if heir is None else translate(
        "Handover", "{0} ({1}, {2}) hands over to {3} ({4}, {5}), signed by {0}'s verified key "
        "on {6}.\n\n{3} has handed the post on already, to {8}: accepting leaves {3}'s key "
        "retired, retires {0}'s, and records that {8} holds what {0} was sent, so that your "
        "flags and erasures reach them.\n\nSuccessor's fingerprint: {7}").replace("{8}", heir)
    return text.replace(
        "{0}", a.name).replace("{1}", a.org).replace("{2}", country_name(a.country)).replace(
        "{3}", b.name).replace("{4}", b.org).replace("{5}", country_name(b.country)).replace(
        "{6}", date_text(statement.issued_at[:10])).replace(
        "{7}", group_fingerprint(b.fingerprint))


class Handover:
    """The two handover actions of the trust table (its tasks, message line and dialogs)."""

    def __init__(self, table: TrustTable, pick_save: PickPath = pick_statement_to_save,
                 pick_open: PickPath = pick_statement_to_open) -> None:
        self.table = table
        self._pick_save, self._pick_open = pick_save, pick_open

    @staticmethod
    def can_hand_over_to(official: Official | None) -> bool:
        return (official is not None and official.verified
                and official.verified_method == "in_person")

    # -- the outgoing official -----------------------------------------------------------------
    def hand_over_to_selected(self) -> HandOverDialog | None:
        official = self.table.selected()
        if official is None or official.revoked:
            return None
        dialog = HandOverDialog(official, self.table)
        dialog.accepted.connect(lambda: self._save(official))
        self.table.open_dialog(dialog)
        return dialog

    def _save(self, official: Official) -> None:
        chosen = self._pick_save(self.table)
        if not chosen:
            return
        path = Path(chosen)

        def done(retired: Retirement) -> None:
            self.table.message.setText(translate(
                "Handover", "Succession statement saved to {0}. Send it to your colleagues. "
                "Your key is retired: this vault now writes bundles for {1} only.").replace(
                "{0}", str(path)).replace("{1}", official.name))
            del retired
            self.table.refresh()

        self.table.tasks.run(
            lambda reg: reg.sharing.handover_statement(official.fingerprint, path), done,
            self.table.show_failure)

    # -- a colleague ---------------------------------------------------------------------------
    def accept_statement(self, path: str | None = None) -> None:
        """Read and check a statement on the database thread, then ask before accepting."""
        chosen = path or self._pick_open(self.table)
        if not chosen:
            return
        target = Path(chosen)

        def read_and_check(reg: Registry) -> tuple[bytes, SuccessionStatement, bool, bool,
                                                   bool, str | None]:
            data = read_statement_file(target)  # read once: what is shown is what is accepted
            statement = reg.sharing.preview_handover(data)
            own = statement.successor.fingerprint == reg.identity.fingerprint
            heir = None if own else reg.sharing.handover_heir(statement.successor.fingerprint)
            return (data, statement, own,
                    reg.sharing.holds_recovery_share(statement.predecessor.fingerprint),
                    reg.sharing.handover_inherited(statement.predecessor.fingerprint),
                    heir.name if heir is not None else None)

        self.table.tasks.run(read_and_check, lambda c: self._confirm(
            c[0], c[1], c[2], c[3], inherited=c[4], heir=c[5]),
                             self.table.show_failure)

    def _confirm(self, data: bytes, statement: SuccessionStatement, own_post: bool,
                 custodian: bool, *, inherited: bool = True, heir: str | None = None) -> None:
        """Ask before accepting; when the predecessor holds one of this vault's recovery
        shares, the question asks the passphrase and offers the successor (or whoever they
        handed the post on to: ``heir``) their place."""
        title = translate("Handover", "Accept a succession statement")
        text = statement_text(statement, own_post, inherited, heir)
        yes = translate("Handover", "Accept")
        if custodian:
            dialog = CustodianConfirmDialog(
                title, text, yes, statement.predecessor.name,
                move_to=None if own_post else heir or statement.successor.name,
                parent=self.table)
            dialog.accepted.connect(lambda: self._accept(
                data, dialog.take_passphrase(), dialog.move_box.isChecked()))
            self.table.open_dialog(dialog)
            return
        box = confirm(self.table, title, text, yes, lambda: self._accept(data))
        self.table.dialog = box
        self.table.dialog_opened.emit(box)

    def _accept(self, data: bytes, passphrase: str | None = None, move: bool = False) -> None:
        def done(accepted: HandoverAccepted) -> None:
            a, b = accepted.statement.predecessor, accepted.statement.successor
            if accepted.own_post:
                text = translate(
                    "Handover", "You are {0}'s successor; {0}'s key is retired in this "
                    "vault.").replace("{0}", a.name)
            elif accepted.heir is not None:
                text = translate(
                    "Handover", "{0} has handed {1}'s post on already, to {2}: {0}'s and {1}'s "
                    "keys are retired, and {2} is known to hold what {1} was sent.").replace(
                    "{0}", b.name).replace("{1}", a.name).replace("{2}", accepted.heir.name)
            else:
                text = translate(
                    "Handover", "{0} is trusted as {1}'s successor; {1}'s key is "
                    "retired.").replace("{0}", b.name).replace("{1}", a.name)
                self.table.official_added.emit(b.fingerprint)
            reissued = accepted.recovery
            if reissued is not None and reissued.successor is not None:
                taker = accepted.heir.name if accepted.heir is not None else b.name
                text += " " + translate(
                    "Handover", "{0} takes {1}'s place among your custodians.").replace(
                    "{0}", taker).replace("{1}", a.name)
            self.table.message.setText(" ".join(filter(None, [
                text, reissue_text(reissued, a.name)])))
            self.table.official_revoked.emit(a.fingerprint)
            paper = paper_dialog(reissued, self.table)
            if paper is not None:
                self.table.open_dialog(paper)
            self.table.refresh()

        self.table.tasks.run(
            lambda reg: reg.sharing.accept_handover(data, passphrase=passphrase,
                                                    move_custodianship=move),
            done, self.table.show_failure)
