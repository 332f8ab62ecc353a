"""Protection in the editors (DESIGN §6.4): flagging a record that was shared says with whom
and writes the protect-now bundles; lowering asks first and stays in this vault; the markers
and pickers follow the service's one rule ("same" groups count). Driven through public
widgets and signals on real vaults (offscreen, no sleeps)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from shiboken6 import isValid

from registry.domain.enums import Kind
from registry.gui import i18n
from registry.gui.editors import open_editor
from registry.gui.sharing.protect_now import ProtectNowDialog, short_fingerprint
from registry.gui.tasks import SyncTasks
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

from .analytics_vault import colours, save_shot


def _vault(root: Path, name: str) -> Registry:
    return Registry.create(root / name.lower(), PASSPHRASE, name=name, org=f"MFA {name}",
                           country="SE", kdf=FAST_TEST_PARAMS)


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    """Alice, and Bob and Carol who verified each other's cards with her."""
    made = [_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol")]
    cards = {v.identity.fingerprint: v.sharing.card() for v in made}
    for v in made:
        for fp, card in cards.items():
            if fp != v.identity.fingerprint:
                v.sharing.add_card(card, verified_method="safety_number")
    yield made[0], made[1], made[2]
    for v in made:
        v.lock()


@pytest.fixture
def host(qtbot: Any) -> QWidget:
    """The window editors are opened from (the protect-now dialog outlives the editor)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    i18n.install(qapp, "en")
    yield


def _editor(qtbot: Any, reg: Registry, host: QWidget, record_id: str) -> Any:
    dialog = open_editor(SyncTasks(reg), Kind.PERSON, record_id, host)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ui.name.text() != "")
    return dialog


def _save_button(dialog: Any) -> Any:
    return dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)


def _share(alice: Registry, tmp_path: Path, *, to: list[Registry] = (), to_age: list[str] = (),
           name: str = "shared") -> None:
    request = alice.sharing.request(to=[v.identity.fingerprint for v in to], to_age=to_age)
    alice.sharing.export(request, tmp_path / f"{name}.rbundle")


def test_flagging_a_shared_person_offers_the_protect_now_bundles(qtbot, trio, host, tmp_path,
                                                                  english):
    alice, bob, carol = trio
    vera = alice.add(Kind.PERSON, {"name": "Вера Открытая", "country": "GE"}).id
    age_key = str(pyrage.x25519.Identity.generate().to_public())
    _share(alice, tmp_path, to=[bob], name="to-bob")
    _share(alice, tmp_path, to_age=[age_key], name="to-age")
    _share(alice, tmp_path, to=[carol], name="to-carol")
    bob.sharing.import_bundles([tmp_path / "to-bob.rbundle"])
    alice.sharing.revoke(carol.identity.fingerprint)  # listed, but nothing goes to her
    editor = _editor(qtbot, alice, host, vera)
    editor.ui.inside_russia.setChecked(True)
    with qtbot.waitSignal(editor.protection_notice) as notice:
        _save_button(editor).click()
    dialog: ProtectNowDialog = notice.args[0]
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.parent() is host
    assert "“Вера Открытая” is now flagged inside Russia" in dialog.heading.text()
    rows = dialog.holder_rows
    fp = bob.identity.fingerprint
    assert (f"Bob — {short_fingerprint(fp)}", "Gets a protect-now bundle") in rows
    assert any(who.startswith("Age key age1") and "Send manually" in what
               for who, what in rows)
    assert (f"Carol — {short_fingerprint(carol.identity.fingerprint)}",
            "Revoked: nothing is sent to them any more") in rows
    assert len(rows) == 3 and dialog.recipients == [fp]
    assert colours(save_shot(dialog, "protect-now-dialog.png")) > 4
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(dialog.written) as written:
        dialog.write_to(str(out))
    [bundle] = written.args[0]
    assert bundle.notices == 1 and bundle.path.parent == out
    assert str(bundle.path) in dialog.result_label.text()
    [report] = bob.sharing.import_bundles([bundle.path])
    assert report.counts["notices"] == 1 and bob.is_protected(vera)


def test_no_dialog_when_the_record_was_never_shared(qtbot, trio, host):
    alice, _bob, _carol = trio
    vera = alice.add(Kind.PERSON, {"name": "Вера Домашняя"}).id
    editor = _editor(qtbot, alice, host, vera)
    notices: list[Any] = []
    editor.protection_notice.connect(notices.append)
    editor.ui.sensitivity.setCurrentIndex(editor.ui.sensitivity.findData("protected"))
    with qtbot.waitSignal(editor.saved):
        _save_button(editor).click()
    assert notices == [] and alice.is_protected(vera)


def test_lowering_asks_and_keeping_changes_nothing(qtbot, trio, host, english):
    alice, _bob, _carol = trio
    boris = alice.add(Kind.PERSON, {"name": "Борис Внутри", "inside_russia": True}).id
    editor = _editor(qtbot, alice, host, boris)
    editor.ui.inside_russia.setChecked(False)
    editor.ui.sensitivity.setCurrentIndex(editor.ui.sensitivity.findData("internal"))
    with qtbot.waitSignal(editor.lowering_asked) as asked:
        _save_button(editor).click()
    box: QMessageBox = asked.args[0]
    assert "Lower protection in this vault only?" in box.text()
    assert "keep it protected; this is recorded in the audit log" in box.text()
    assert colours(save_shot(box, "lower-protection-question.png")) > 4
    keep = next(b for b in box.buttons()
                if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
    keep.click()
    qtbot.waitUntil(lambda: "not lowered" in editor.problem_text())
    assert alice.get(boris).values["inside_russia"] is True and alice.is_protected(boris)
    assert isValid(editor) and editor.isVisible()
    with qtbot.waitSignal(editor.lowering_asked) as asked:
        _save_button(editor).click()
    box = asked.args[0]
    lower = next(b for b in box.buttons()
                 if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(editor.saved):
        lower.click()
    assert not alice.get(boris).values.get("inside_russia")
    assert not alice.is_protected(boris)
    actions = [a for (a,) in alice.store.conn.execute(
        "SELECT action FROM audit WHERE record_id = ?", (boris,))]
    assert "lower_protection" in actions


def test_the_editor_marks_a_person_protected_through_a_same_decision(qtbot, trio, host,
                                                                     english):
    alice, _bob, _carol = trio
    inside = alice.add(Kind.PERSON, {"name": "Вера Тайная", "inside_russia": True}).id
    twin = alice.add(Kind.PERSON, {"name": "Vera Taynaya"}).id
    alice.update(twin, {"merged_into": inside})
    editor = _editor(qtbot, alice, host, twin)
    assert editor.ui.protected_marker.isVisible()
    assert "the same as a protected record" in editor.ui.protected_marker.text()
    assert not editor.ui.inside_russia.isChecked()
