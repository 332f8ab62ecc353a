"""Answering a colleague's recovery request as one of their custodians: the request's safety
number shown (and as a QR code), the number the colleague reads out typed in — the share is
released only when the two are the same — and the cooling-off period, overridden only by
an explicit tick."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from registry.errors import UsageError
from registry.gui.i18n import moment_text, translate
from registry.gui.recovery import common
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import DANGER_STYLE, WARNING_STYLE, banner, fit_height, plain, show_banner

if TYPE_CHECKING:
    from registry.recovery.custody import RequestView, ShareReleased

COOLING_OFF_HOURS = 72  # the core's (registry.recovery.custody.COOLING_OFF)
RESPOND_WIDTH = 640


def candidates(view: RequestView, held: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(owner fingerprint, name) of the shares held that may answer this request: the one
    the core found, or else every live share of a vault the request may be for."""
    if view.share is not None:
        return [(view.share.owner, view.share.owner_name)]
    vault = view.request.vault_id
    live = {h["owner"]: h["owner_name"] for h in held if h["status"] == "held"
            and (vault is None or h["vault_id"] == vault)}
    return sorted(live.items(), key=lambda item: item[1].lower())


def mismatch_text() -> str:
    return translate(
        "Recovery", "The number you typed is not this request's safety number. The request "
                    "may not come from the colleague you spoke to. Nothing was released: call "
                    "them again and compare every digit.")


def cooling_off_text() -> str:
    return translate(
        "Recovery", "You answered another recovery request for this vault in the last {0} "
                    "hours, and a second one is refused in case someone else is asking. Call "
                    "the colleague; only if they confirm that both requests are theirs, tick "
                    "the box below and release again. Nothing was released.").replace(
        "{0}", str(COOLING_OFF_HOURS))


class RespondDialog(QDialog):
    """One recovery request: whose, its safety number, the number typed, the release.

    Signals:
        released(str): the response file was written; what to tell the custodian.
        refused(str): nothing was released; why (also on screen).
    """

    released = Signal(str)
    refused = Signal(str)

    def __init__(self, tasks: TaskRunner, request_path: Path, view: RequestView,
                 owners: list[tuple[str, str]], *, pick_save: Callable[[QWidget], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Recovery", "Answer a recovery request"))
        self.tasks, self.request_path, self._pick_save = tasks, request_path, pick_save
        self.number = view.request.safety_number
        self.owner = QComboBox(self)
        self.owner.setObjectName("owner")
        for fingerprint, name in owners:
            self.owner.addItem(name, fingerprint)
        self.typed = QLineEdit(self)
        self.typed.setObjectName("typedNumber")
        self.typed.setPlaceholderText("00000 00000 00000 00000 00000 00000")
        self.override = QCheckBox(translate(
            "Recovery", "Release anyway: the colleague confirmed both requests"), self)
        self.override.setObjectName("overrideCoolingOff")
        self.problem = banner(self, DANGER_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.release = self.buttons.addButton(translate("Recovery", "Release my share…"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.release.setObjectName("releaseButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._layout(view, owners)
        self.typed.textChanged.connect(lambda _t: self._render())
        self._render()
        self.setMinimumWidth(RESPOND_WIDTH)
        fit_height(self)

    def _layout(self, view: RequestView, owners: list[tuple[str, str]]) -> None:
        self.whose = whose = plain(self, translate(
            "Recovery", "A recovery request made on {0} for the vault of {1}.").replace(
            "{0}", moment_text(view.request.created_at)).replace(
            "{1}", owners[0][1] if len(owners) == 1 else "…") if owners else translate(
            "Recovery", "You hold no recovery share of the vault this request is for: there "
                        "is nothing to release."))
        number = QHBoxLayout()
        number.addWidget(common.number_label(self, self.number), 1)
        number.addWidget(common.qr_label(self, self.number), 0, Qt.AlignmentFlag.AlignTop)
        how = plain(self, translate(
            "Recovery", "Call the colleague yourself, on a number you know is theirs, or meet "
                        "them; never confirm by a message on the channel the request came by. "
                        "Ask them to read out the safety number on their screen and type it "
                        "below. Your share is released only if it is this number."))
        cooling = banner(self, WARNING_STYLE)
        show_banner(cooling, translate(
            "Recovery", "If you answered another request for this vault in the last {0} hours, "
                        "this one is refused: someone else may be trying to open your "
                        "colleague's vault. Override it only when they confirm both requests "
                        "are theirs.").replace("{0}", str(COOLING_OFF_HOURS)))
        form = QFormLayout()
        if len(owners) > 1:
            form.addRow(translate("Recovery", "Whose vault"), self.owner)
        self.owner.setVisible(len(owners) > 1)
        form.addRow(translate("Recovery", "Number they read out"), self.typed)
        layout = QVBoxLayout(self)
        layout.addWidget(whose)
        layout.addLayout(number)
        layout.addWidget(how)
        layout.addLayout(form)
        for widget in (cooling, self.override, self.problem, self.buttons):
            layout.addWidget(widget)

    def _render(self) -> None:
        typed = common.digits(self.typed.text())
        self.release.setEnabled(self.owner.count() > 0 and len(typed) >= len(
            self.number.replace(" ", "")))
        if not typed:
            show_banner(self.problem, "")

    def submit(self) -> None:
        """Release the share, only to the number typed (the core checks it again)."""
        if self.owner.count() == 0:
            return
        typed = self.typed.text()
        if not common.same_number(typed, self.number):
            self._refuse(mismatch_text())
            return
        chosen = self._pick_save(self)
        if not chosen:
            return
        out, request = Path(chosen), self.request_path
        owner, override = str(self.owner.currentData()), self.override.isChecked()
        self.release.setEnabled(False)
        self.tasks.run(
            lambda reg: reg.recovery.respond(request, out, typed, owner=owner,
                                             override_cooling_off=override),
            self._done, self._failed)

    def _done(self, released: ShareReleased) -> None:
        self.accept()
        self.released.emit(translate(
            "Recovery", "Your share of {0}'s vault is in {1}, sealed to this request's one-time "
                        "key. Send the file to them.").replace(
            "{0}", released.owner_name).replace("{1}", str(released.path)))

    def _failed(self, exc: BaseException) -> None:
        self._render()
        if isinstance(exc, UsageError) and not self.override.isChecked():
            self._refuse(cooling_off_text())
        else:
            self._refuse(error_message(exc))

    def _refuse(self, text: str) -> None:
        show_banner(self.problem, text)
        fit_height(self)
        self.refused.emit(text)
