"""The Sharing section on two real in-process vaults (Alice and Bob), each with its own
threaded worker, driven through public widgets and signals (offscreen, no sleeps).

Cards are exchanged through the add-from-card path with the file dialogs replaced by chosen
paths; a bundle goes from Alice's export wizard (exposure preview first) to Bob's import
wizard (dry-run preview, apply, report, revert); a bundle from an unknown sender is refused
and leaves every vault file as it was. A screenshot of the section lands in test-output/.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import segno
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from registry.domain.enums import Kind
from registry.gui.sharing import SharingView
from registry.gui.tasks import Tasks
from registry.gui.widgets import group_digits, group_fingerprint
from registry.service import Registry
from registry.sync.cards import safety_number
from registry.sync.redact import Mode, OmitReason
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

from .analytics_vault import colours, open_in, save_shot

TIMEOUT = 30_000



@contextmanager
def _russian(qapp: Any) -> Iterator[None]:
    """The interface in Russian for a while, then English again."""
    from registry.gui import i18n

    assert i18n.install(qapp, "ru") == "ru"
    try:
        yield
    finally:
        i18n.install(qapp, "en")

@dataclass
class Side:
    """One official's app: vault, worker, Sharing view and the paths "chosen" in dialogs."""

    reg: Registry
    tasks: Tasks
    view: SharingView
    picks: dict[str, Any] = field(default_factory=dict)


def make_side(qtbot: Any, root: Path, name: str, org: str) -> Side:
    reg = Registry.create(root / name.lower(), PASSPHRASE, name=name, org=org, country="SE",
                          kdf=FAST_TEST_PARAMS)
    tasks = Tasks()
    open_in(qtbot, tasks, reg)
    picks: dict[str, Any] = {}
    view = SharingView(tasks, pick_card=lambda _p: picks.pop("card", ""),
                       pick_save_card=lambda _p: picks.pop("save_card", ""),
                       pick_bundles=lambda _p: picks.pop("bundles", []),
                       pick_save_bundle=lambda _p: picks.pop("save_bundle", ""))
    qtbot.addWidget(view)
    view.resize(1000, 760)
    view.show()
    return Side(reg, tasks, view, picks)


@pytest.fixture
def sides(qtbot: Any, tmp_path: Path) -> Iterator[list[Side]]:
    made: list[Side] = []

    def make(name: str, org: str) -> Side:
        made.append(make_side(qtbot, tmp_path, name, org))
        return made[-1]

    yield made  # type: ignore[misc]
    for side in made:
        side.view.clear()
        side.tasks.shutdown()


@pytest.fixture
def alice(qtbot: Any, tmp_path: Path, sides: list[Side]) -> Side:
    sides.append(make_side(qtbot, tmp_path, "Alice", "MFA"))
    return sides[-1]


@pytest.fixture
def bob(qtbot: Any, tmp_path: Path, sides: list[Side]) -> Side:
    sides.append(make_side(qtbot, tmp_path, "Bob", "Auswärtiges Amt"))
    return sides[-1]


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    """The app installs its English plural forms at start; so do these tests."""
    from registry.gui import i18n

    i18n.install(qapp, "en")
    yield


def load(qtbot: Any, side: Side) -> None:
    with qtbot.waitSignal(side.view.loaded, timeout=TIMEOUT):
        side.view.activate()


def save_card(qtbot: Any, side: Side, path: Path) -> Path:
    side.picks["save_card"] = str(path)
    with qtbot.waitSignal(side.view.card.card_saved, timeout=TIMEOUT):
        side.view.card.save_button.click()
    return path


def open_add_dialog(qtbot: Any, side: Side, card: Path) -> Any:
    side.picks["card"] = str(card)
    with qtbot.waitSignal(side.view.trust.dialog_opened, timeout=TIMEOUT) as opened:
        side.view.trust.add_button.click()
    return opened.args[0]


def add_card(qtbot: Any, side: Side, card: Path, method: str | None) -> str:
    """Add a card through the GUI; return the safety number the dialog showed."""
    dialog = open_add_dialog(qtbot, side, card)
    shown = dialog.safety_number.text()
    if method is not None:
        dialog.verified_choice.setChecked(True)
        dialog.method.setCurrentIndex(dialog.method.findData(method))
    with qtbot.waitSignal(side.view.trust.refreshed, timeout=TIMEOUT):
        dialog.add_button.click()
    return shown


def accept_box(box: QMessageBox) -> None:
    next(b for b in box.buttons()
         if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def introduce(qtbot: Any, tmp_path: Path, a: Side, b: Side) -> None:
    """Both add each other's card as verified, through the GUI."""
    for side in (a, b):
        load(qtbot, side)
    a_card = save_card(qtbot, a, tmp_path / "a.card")
    b_card = save_card(qtbot, b, tmp_path / "b.card")
    add_card(qtbot, a, b_card, "safety_number")
    add_card(qtbot, b, a_card, "in_person")


def vault_hashes(reg: Registry) -> dict[str, str]:
    root = reg.paths.db.parent
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.iterdir()) if p.is_file()}


# -- own card -------------------------------------------------------------------------------
def test_own_card_shows_identity_qr_and_grouped_fingerprint(qtbot, alice, tmp_path):
    load(qtbot, alice)
    card = alice.view.card
    fp = alice.reg.identity.fingerprint
    assert card.name.text() == "Alice" and card.org.text() == "MFA"
    assert card.country.text() == "Sweden"
    assert card.fingerprint_label.text() == group_fingerprint(fp)
    assert card.fingerprint_label.text().split() == [fp[i:i + 4] for i in range(0, 40, 4)]
    image = card.qr.pixmap().toImage()
    assert not image.isNull() and image.pixelColor(0, 0).name() == "#ffffff"
    # every module of the card's QR code is drawn whole (3 pixels) and in its place
    matrix = segno.make(alice.reg.sharing.card(), error="m", micro=False,
                        boost_error=False).matrix
    assert image.width() == (len(matrix) + 8) * 3
    drawn = [[image.pixelColor((4 + x) * 3 + 1, (4 + y) * 3 + 1).black() > 128
              for x in range(len(matrix))] for y in range(len(matrix))]
    assert drawn == [[bool(v) for v in row] for row in matrix]
    # the code is shown on demand: it would take half of a small screen from the tables
    assert not card.qr.isVisibleTo(card) and card.qr_button.text() == "Show QR code"
    card.qr_button.click()
    assert card.qr.isVisibleTo(card) and card.qr_button.text() == "Hide QR code"
    saved = save_card(qtbot, alice, tmp_path / "alice.card")
    assert saved.read_bytes() == alice.reg.sharing.card()
    card.copy_button.click()
    assert QGuiApplication.clipboard().text().replace(" ", "") == fp


def test_a_card_saved_where_it_cannot_be_written_says_where_and_what_to_do(
        qtbot, alice, tmp_path):
    load(qtbot, alice)
    target = tmp_path / "no such folder" / "alice.card"
    alice.picks["save_card"] = str(target)
    with qtbot.waitSignal(alice.view.card.failed, timeout=TIMEOUT) as failed:
        alice.view.card.save_button.click()
    assert failed.args[0].startswith(f"{target} could not be written (")
    assert "Choose a folder that exists" in failed.args[0] and not target.exists()


# -- trust ----------------------------------------------------------------------------------
def test_both_sides_see_the_same_safety_number_and_verify(qtbot, alice, bob, tmp_path):
    for side in (alice, bob):
        load(qtbot, side)
    a_card = save_card(qtbot, alice, tmp_path / "a.card")
    b_card = save_card(qtbot, bob, tmp_path / "b.card")
    on_alice = add_card(qtbot, alice, b_card, "qr_code")
    on_bob = add_card(qtbot, bob, a_card, None)  # Bob adds Alice unverified first
    expected = safety_number(alice.reg.official_keys.public(), bob.reg.official_keys.public())
    assert digits(on_alice) == digits(on_bob) == digits(expected)
    assert len(digits(on_alice)) == 60
    table = alice.view.trust.table
    assert [table.item(0, c).text() for c in range(3)] == ["Bob", "Auswärtiges Amt", "Sweden"]
    assert table.item(0, 4).text().startswith("Verified (QR code, ")
    # Bob verifies later: the Verify… dialog shows the same number again
    trust = bob.view.trust
    assert trust.table.item(0, 4).text() == "Unverified"
    trust.table.selectRow(0)
    with qtbot.waitSignal(trust.dialog_opened, timeout=TIMEOUT) as opened:
        trust.verify_button.click()
    dialog = opened.args[0]
    assert digits(dialog.safety_number.text()) == digits(expected)
    dialog.method.setCurrentIndex(dialog.method.findData("in_person"))
    with qtbot.waitSignal(trust.refreshed, timeout=TIMEOUT):
        dialog.verify_button.click()
    assert trust.table.item(0, 4).text().startswith("Verified (in person, ")
    assert bob.reg.sharing.officials()[0].verified_method == "in_person"


def test_revoke_is_confirmed_and_marked(qtbot, alice, bob, tmp_path):
    introduce(qtbot, tmp_path, alice, bob)
    trust = alice.view.trust
    trust.table.selectRow(0)
    box = trust.revoke_selected()
    assert "can never be trusted again" in box.text()
    with qtbot.waitSignal(trust.refreshed, timeout=TIMEOUT):
        accept_box(box)
    assert trust.table.item(0, 4).text().startswith("REVOKED")
    assert trust.table.item(0, 0).font().strikeOut()
    assert not trust.verify_button.isEnabled() and not trust.revoke_button.isEnabled()
    assert alice.reg.sharing.officials()[0].revoked


def test_own_card_and_revoked_card_are_refused(qtbot, alice, tmp_path):
    load(qtbot, alice)
    own = save_card(qtbot, alice, tmp_path / "own.card")
    alice.picks["card"] = str(own)
    with qtbot.waitSignal(alice.view.trust.failed, timeout=TIMEOUT) as failed:
        alice.view.trust.add_button.click()
    assert failed.args == ["That is this vault's own card."]
    bad = tmp_path / "edited.card"
    bad.write_bytes(own.read_bytes().replace(b"Alice", b"Alicf"))
    alice.picks["card"] = str(bad)
    with qtbot.waitSignal(alice.view.trust.failed, timeout=TIMEOUT) as failed:
        alice.view.trust.add_button.click()
    assert "signature does not verify" in failed.args[0]


def test_a_changed_key_warns_that_verification_was_reset(qtbot, alice, tmp_path, sides):
    bob1 = make_side(qtbot, tmp_path / "one", "Bob", "AA")
    bob2 = make_side(qtbot, tmp_path / "two", "Bob", "AA")  # Bob's new laptop: a new key
    sides += [bob1, bob2]
    for side in (alice, bob1, bob2):
        load(qtbot, side)
    add_card(qtbot, alice, save_card(qtbot, bob1, tmp_path / "b1.card"), "safety_number")
    dialog = open_add_dialog(qtbot, alice, save_card(qtbot, bob2, tmp_path / "b2.card"))
    assert dialog.warning.isVisible() and "KEY CHANGED" in dialog.warning.text()
    with qtbot.waitSignal(alice.view.trust.refreshed, timeout=TIMEOUT):
        dialog.add_button.click()  # added unverified (the default choice)
    trust = alice.view.trust
    assert trust.warning.isVisible()
    assert "Key changed for: Bob" in trust.warning.text()
    texts = sorted(trust.table.item(r, 4).text() for r in range(trust.table.rowCount()))
    assert texts[0].startswith("Unverified — KEY CHANGED")
    assert texts[1].startswith("Verified")


# -- export and import ----------------------------------------------------------------------
def open_export(qtbot: Any, side: Side) -> Any:
    with qtbot.waitSignal(side.view.wizard_opened, timeout=TIMEOUT) as opened:
        side.view.export_button.click()
    wizard = opened.args[0]
    qtbot.waitUntil(lambda: wizard.flow is not None, timeout=TIMEOUT)
    return wizard


def to_options(qtbot: Any, wizard: Any, fingerprint: str) -> None:
    wizard.set_recipient_checked(fingerprint)
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT, check_params_cb=lambda i: i == 1):
        wizard.next_button.click()


def preview(qtbot: Any, wizard: Any) -> Any:
    with qtbot.waitSignal(wizard.previewed, timeout=TIMEOUT):
        wizard.next_button.click()
    return wizard.flow.exposure


def export_to(qtbot: Any, sender: Side, receiver: Side, path: Path, mode: Mode) -> Any:
    wizard = open_export(qtbot, sender)
    to_options(qtbot, wizard, receiver.reg.identity.fingerprint)
    wizard.set_mode(mode)
    if mode is Mode.INCLUDE:
        wizard.include_confirm.setChecked(True)
    exposure = preview(qtbot, wizard)
    sender.picks["save_bundle"] = str(path)
    with qtbot.waitSignal(wizard.written, timeout=TIMEOUT):
        wizard.write_button.click()
    wizard.accept()
    return exposure


def fill_alice(reg: Registry) -> dict[str, str]:
    org = reg.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "human_rights",
                                      "country": "DE"})
    anna = reg.add(Kind.PERSON, {"name": "Анна Иванова", "country": "LV",
                                 "email": "anna@example.org"})
    inside = reg.add(Kind.PERSON, {"name": "Борис Петров", "inside_russia": True,
                                   "region": "RU-SVE"})
    return {"org": org.id, "anna": anna.id, "inside": inside.id}


def test_export_wizard_previews_exposure_and_include_needs_the_checkbox(qtbot, alice, bob,
                                                                         tmp_path, english):
    ids = fill_alice(alice.reg)
    introduce(qtbot, tmp_path, alice, bob)
    wizard = open_export(qtbot, alice)
    assert wizard.windowTitle() == "Export a bundle"
    wizard.next_button.click()  # no recipient: the core's message, still on the first page
    qtbot.waitUntil(wizard.error.isVisible, timeout=TIMEOUT)
    assert "at least one recipient" in wizard.error.text()
    wizard.age_edit.setPlainText("age1notakey")
    with qtbot.waitSignal(wizard.failed, timeout=TIMEOUT) as failed:
        wizard.next_button.click()
    assert "age X25519 public key" in failed.args[0]
    assert wizard.pages.currentIndex() == 0
    wizard.age_edit.clear()
    to_options(qtbot, wizard, bob.reg.identity.fingerprint)
    exposure = preview(qtbot, wizard)  # default: protected people left out
    assert (exposure.people, exposure.people_inside_russia) == (1, 0)
    assert exposure.left_out_by_reason()["protected"] == 1
    assert wizard.exposure.reveal_values["inside"].text() == "0"
    assert "protected" in wizard.exposure.texts("left_out")[OmitReason.PROTECTED]
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.back_button.click()
    wizard.set_mode(Mode.INCLUDE)
    assert not wizard.next_button.isEnabled()  # include needs the explicit confirmation
    assert "imprisoned" in wizard.include_warning.text()
    assert "imprisoned" in wizard.include_confirm.accessibleDescription()
    wizard.include_confirm.setChecked(True)
    assert wizard.next_button.isEnabled()
    wizard.ceiling.setCurrentIndex(wizard.ceiling.findData("confidential"))
    exposure = preview(qtbot, wizard)
    assert (exposure.people, exposure.people_inside_russia) == (2, 1)
    assert "email" in exposure.sensitive_fields
    shown = wizard.exposure.reveal_values
    assert shown["inside"].text() == "1" and shown["sensitive"].text() == "E-mail (1)"
    assert wizard.exposure_warning.isVisible() and "inside Russia" in \
        wizard.exposure_warning.text()
    assert "Bob" in wizard.summary.text()
    assert colours(save_shot(wizard, "sharing-export-preview.png")) > 4
    target = tmp_path / "to-bob"
    alice.picks["save_bundle"] = str(target)
    with qtbot.waitSignal(wizard.written, timeout=TIMEOUT) as written:
        wizard.write_button.click()
    assert written.args == [str(tmp_path / "to-bob.rbundle")]
    assert wizard.pages.currentIndex() == 3 and "to-bob.rbundle" in wizard.done_label.text()
    assert (tmp_path / "to-bob.rbundle").stat().st_mode & 0o777 == 0o600
    reports = bob.reg.sharing.import_bundles([tmp_path / "to-bob.rbundle"], dry_run=True)
    assert reports[0].counts["new"] == 3 and ids  # organisation, Anna, Boris


def test_bob_previews_applies_and_reverts_alices_bundle(qtbot, alice, bob, tmp_path):
    ids = fill_alice(alice.reg)
    introduce(qtbot, tmp_path, alice, bob)
    bundle = tmp_path / "b.rbundle"
    export_to(qtbot, alice, bob, bundle, Mode.EXCLUDE)
    # Bob has his own version of Anna? No: he edits nothing; the records are new to him
    with qtbot.waitSignal(bob.view.wizard_opened, timeout=TIMEOUT) as opened:
        bob.view.import_button.click()
    wizard = opened.args[0]
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=TIMEOUT)
    bob.picks["bundles"] = [str(bundle)]
    wizard.add_files_button.click()
    assert wizard.paths() == [str(bundle)]
    with qtbot.waitSignal(wizard.reviewed, timeout=TIMEOUT):
        wizard.next_button.click()
    details = wizard.details.text()
    assert "Alice" in details and group_fingerprint(alice.reg.identity.fingerprint) in details
    assert "verified" in details and "2 new" in details
    assert not wizard.refusal.isVisible()
    assert bob.reg.store.counts()["person"] == 0  # the preview wrote nothing
    assert wizard.next_button.text() == "Import 1 bundle"
    assert colours(save_shot(wizard, "sharing-import-review.png")) > 4
    with qtbot.waitSignal(wizard.applied, timeout=TIMEOUT):
        wizard.next_button.click()
    assert bob.reg.get(ids["anna"]).values["name"] == "Анна Иванова"
    assert bob.reg.store.counts()["person"] == 1 and bob.reg.store.counts()["organisation"] == 1
    (import_id, button), = wizard.revert_buttons.items()
    box = wizard.revert(import_id)
    with qtbot.waitSignal(wizard.reverted, timeout=TIMEOUT):
        accept_box(box)
    assert not button.isEnabled()
    assert bob.reg.store.counts()["person"] == 0
    save_shot(wizard, "sharing-import-report.png")
    history = bob.view.history
    qtbot.waitUntil(lambda: history.table.rowCount() == 1
                    and history.table.item(0, 4).text() != "no", timeout=TIMEOUT)
    assert history.table.item(0, 1).text() == "Alice"
    assert "2 new" in history.table.item(0, 3).text()


def test_an_overwritten_local_edit_is_listed_before_import(qtbot, alice, bob, tmp_path):
    ids = fill_alice(alice.reg)
    introduce(qtbot, tmp_path, alice, bob)
    export_to(qtbot, alice, bob, tmp_path / "1.rbundle", Mode.EXCLUDE)
    bob.reg.sharing.import_bundles([tmp_path / "1.rbundle"])
    bob.reg.update(ids["anna"], {"country": "EE"})  # Bob's own edit…
    alice.reg.update(ids["anna"], {"country": "FI"})  # …that Alice's later edit overwrites
    export_to(qtbot, alice, bob, tmp_path / "2.rbundle", Mode.EXCLUDE)
    wizard = bob.view.open_import()
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=TIMEOUT)
    wizard.add_files([str(tmp_path / "2.rbundle")])
    with qtbot.waitSignal(wizard.reviewed, timeout=TIMEOUT):
        wizard.next_button.click()
    text = wizard.details.text()
    assert "Your own edits that would be overwritten" in text
    assert "Анна Иванова" in text and "Country of residence" in text
    with qtbot.waitSignal(wizard.applied, timeout=TIMEOUT):
        wizard.next_button.click()
    assert bob.reg.get(ids["anna"]).values["country"] == "FI"
    (import_id, _button), = wizard.revert_buttons.items()
    with qtbot.waitSignal(wizard.reverted, timeout=TIMEOUT):
        accept_box(wizard.revert(import_id))
    assert bob.reg.get(ids["anna"]).values["country"] == "EE"


def test_unknown_sender_is_refused_and_the_vault_is_unchanged(qtbot, alice, bob, tmp_path,
                                                              english):
    fill_alice(alice.reg)
    load(qtbot, alice)
    load(qtbot, bob)
    # Alice knows and verified Bob; Bob has never added Alice's card
    add_card(qtbot, alice, save_card(qtbot, bob, tmp_path / "b.card"), "safety_number")
    bundle = tmp_path / "unknown.rbundle"
    export_to(qtbot, alice, bob, bundle, Mode.EXCLUDE)
    before = vault_hashes(bob.reg)
    wizard = bob.view.open_import()
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=TIMEOUT)
    wizard.add_files([str(bundle)])
    with qtbot.waitSignal(wizard.reviewed, timeout=TIMEOUT):
        wizard.next_button.click()
    assert wizard.refusal.isVisible()
    assert "not in the trust store: refused" in wizard.refusal.text()
    assert wizard.add_official_button.isVisible()
    assert "unknown" in wizard.details.text()
    assert not wizard.next_button.isEnabled()
    assert "1 of 1 file was refused" in wizard.review_summary.text()
    wizard.apply()  # even asked directly, nothing is imported
    assert vault_hashes(bob.reg) == before
    assert bob.reg.store.counts()["person"] == 0
    # "Add this official from their card first", then check again: accepted
    bob.picks["card"] = str(save_card(qtbot, alice, tmp_path / "a.card"))
    with qtbot.waitSignal(bob.view.trust.dialog_opened, timeout=TIMEOUT) as opened:
        wizard.add_official_button.click()
    with qtbot.waitSignal(bob.view.trust.refreshed, timeout=TIMEOUT):
        opened.args[0].add_button.click()  # unverified
    with qtbot.waitSignal(wizard.reviewed, timeout=TIMEOUT):
        wizard.recheck_button.click()
    # a trusted but unverified sender is refused too (DESIGN §6.5.6) ...
    assert wizard.refusal.isVisible() and "not verified" in wizard.refusal.text()
    assert wizard.unverified_button.isVisible() and not wizard.next_button.isEnabled()
    assert bob.reg.store.counts()["person"] == 0
    # ... unless the official accepts it knowingly: a question that names the risk
    box = wizard.allow_unverified()
    assert box is not None and "safety number" in box.text()
    with qtbot.waitSignal(wizard.reviewed, timeout=TIMEOUT):
        accept_box(box)
    assert not wizard.refusal.isVisible() and wizard.next_button.isEnabled()
    assert wizard.sender_warning.isVisible() and "NOT" in wizard.sender_warning.text()


def test_history_revert_and_screenshot(qtbot, alice, bob, tmp_path):
    fill_alice(alice.reg)
    introduce(qtbot, tmp_path, alice, bob)
    export_to(qtbot, alice, bob, tmp_path / "h.rbundle", Mode.PSEUDONYMISE)
    wizard = bob.view.open_import()
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=TIMEOUT)
    wizard.add_files([str(tmp_path / "h.rbundle")])
    with qtbot.waitSignal(wizard.reviewed, timeout=TIMEOUT):
        wizard.next_button.click()
    with qtbot.waitSignal(bob.view.history.refreshed, timeout=TIMEOUT):
        wizard.next_button.click()
    wizard.accept()
    history = bob.view.history
    assert history.table.rowCount() == 1 and history.table.item(0, 4).text() == "no"
    assert bob.reg.store.counts()["person"] == 2  # Anna and Boris's pseudonym
    bob.view.tabs.setCurrentWidget(history)
    history.table.selectRow(0)
    box = history.revert_selected()
    with qtbot.waitSignal(history.refreshed, timeout=TIMEOUT):
        accept_box(box)
    assert history.table.item(0, 4).text() != "no"
    assert "restored" in history.message.text()
    assert not history.revert_button.isEnabled()
    assert bob.reg.store.counts()["person"] == 0
    bob.view.tabs.setCurrentWidget(bob.view.trust)
    image = save_shot(bob.view, "sharing-section.png")
    assert colours(image) > 8


def test_lock_clears_the_section(qtbot, alice, bob, tmp_path):
    introduce(qtbot, tmp_path, alice, bob)
    wizard = alice.view.open_export()
    alice.view.clear()
    assert not wizard.isVisible()
    assert alice.view.trust.table.rowCount() == 0 and alice.view.card.name.text() == ""
    assert alice.view.card.qr.pixmap().isNull()
    assert not isinstance(alice.view.export_wizard, QWidget)


def test_the_main_window_shows_the_sharing_section(qtbot, alice, bob, tmp_path):
    from registry.gui.mainwindow import MainWindow

    introduce(qtbot, tmp_path, alice, bob)
    window = MainWindow(alice.tasks)
    qtbot.addWidget(window)
    window.resize(1200, 860)
    window.show()
    row = next(i for i, e in enumerate(window.entries) if e.key == "sharing")
    page = window.page("sharing")
    assert isinstance(page, SharingView)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        window.ui.nav.setCurrentRow(row)
    assert page.trust.table.item(0, 0).text() == "Bob"
    assert window.windowTitle() == "Registry"
    image = save_shot(window, "sharing-main-window.png")
    assert colours(image) > 8
    window.clear()  # lock: the section forgets what it showed
    assert page.trust.table.rowCount() == 0 and page.card.fingerprint == ""


def test_writing_shows_progress_and_cancel_writes_nothing(qtbot, alice, bob, tmp_path):
    import threading

    fill_alice(alice.reg)
    introduce(qtbot, tmp_path, alice, bob)
    wizard = open_export(qtbot, alice)
    to_options(qtbot, wizard, bob.reg.identity.fingerprint)
    preview(qtbot, wizard)
    gate = threading.Event()
    alice.tasks.run(lambda _reg: gate.wait(10), lambda _r: None)  # hold the worker
    target = tmp_path / "cancelled.rbundle"
    wizard.write_bundle(str(target))
    assert wizard.progress.isVisible() and wizard.progress.running
    assert not wizard.write_button.isEnabled() and not wizard.back_button.isEnabled()
    wizard.progress.cancel_button.click()
    with qtbot.waitSignal(wizard.failed, timeout=TIMEOUT) as failed:
        gate.set()
    assert failed.args == ["Cancelled: nothing was written."]
    assert not target.exists() and list(tmp_path.glob("*.rbundle*")) == []
    assert not wizard.progress.isVisible() and wizard.write_button.isEnabled()
    assert wizard.pages.currentIndex() == 2  # still on the preview: write again or go back


def test_a_selection_scope_exports_only_the_chosen_records(qtbot, alice, bob, tmp_path):
    ids = fill_alice(alice.reg)
    introduce(qtbot, tmp_path, alice, bob)
    wizard = open_export(qtbot, alice)
    to_options(qtbot, wizard, bob.reg.identity.fingerprint)
    wizard.scope_selection.setChecked(True)
    wizard.selection.set_value([ids["anna"]], {ids["anna"]: "Анна Иванова"})
    exposure = preview(qtbot, wizard)
    assert exposure.records == {"person": 1} and exposure.people == 1
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.back_button.click()
    for kind, box in wizard.kind_boxes.items():
        box.setChecked(kind is Kind.ORGANISATION)
    wizard.scope_all.setChecked(True)
    assert preview(qtbot, wizard).records == {"organisation": 1}


def review(qtbot: Any, side: Side, bundle: Path) -> Any:
    """The import wizard of ``side``, with ``bundle`` added and reviewed (its dry run)."""
    wizard = side.view.open_import()
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=TIMEOUT)
    wizard.add_files([str(bundle)])
    with qtbot.waitSignal(wizard.reviewed, timeout=TIMEOUT):
        wizard.next_button.click()
    return wizard


def test_names_from_cards_and_bundles_are_never_read_as_html(qtbot, bob, tmp_path, sides):
    from PySide6.QtCore import Qt

    eve = make_side(qtbot, tmp_path, "Eve<br><b>Trust:</b> verified", "<i>MFA</i>")
    sides.append(eve)
    person_id = eve.reg.add(Kind.PERSON, {"name": "<b>Anna</b>"}).id
    load(qtbot, eve)
    load(qtbot, bob)
    add_card(qtbot, eve, save_card(qtbot, bob, tmp_path / "b.card"), "safety_number")
    dialog = open_add_dialog(qtbot, bob, save_card(qtbot, eve, tmp_path / "e.card"))
    labels = [w for w in dialog.findChildren(QWidget) if hasattr(w, "textFormat")
              and "Eve" in w.text()]
    assert labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)
    dialog.reject()
    bundle = tmp_path / "eve.rbundle"
    export_to(qtbot, eve, bob, bundle, Mode.EXCLUDE)
    wizard = review(qtbot, bob, bundle)
    details = wizard.details.text()
    assert "Eve&lt;br&gt;&lt;b&gt;Trust:&lt;/b&gt; verified" in details
    assert "<b>Trust:</b> unknown" in details  # the real trust line, not the spoofed one
    assert wizard.refusal.textFormat() == Qt.TextFormat.PlainText
    assert person_id


def test_the_preview_says_what_is_left_out_and_blanked_and_why(qtbot, alice, bob, tmp_path,
                                                                english):
    ids = fill_alice(alice.reg)
    twin = alice.reg.add(Kind.PERSON, {"name": "Boris Petrov", "country": "GE"}).id
    alice.reg.update(twin, {"merged_into": ids["inside"]})  # decided the same as Борис
    alice.reg.add(Kind.TIE, {"from_id": ids["anna"], "to_id": ids["inside"],
                             "kind": "contact_inside"})
    alice.reg.update(ids["anna"], {"notes": "Встреча: Борис Петров"})
    alice.reg.add(Kind.ORGANISATION, {"name": "Тихая группа", "sensitivity": "confidential"})
    introduce(qtbot, tmp_path, alice, bob)
    wizard = open_export(qtbot, alice)
    to_options(qtbot, wizard, bob.reg.identity.fingerprint)
    assert not wizard.keep_mentions.isChecked()  # off by default
    exposure = preview(qtbot, wizard)
    assert exposure.people_inside_russia == 0
    view = wizard.exposure
    assert view.reveal_values["people"].text() == "1"
    assert view.reveal_values["inside"].text() == "0"
    left = view.texts("left_out")
    assert left[OmitReason.PROTECTED] == (
        "2 protected people are left out: inside Russia, marked protected, or decided the "
        "same person as one. 1 record about them is left out too (ties, support, "
        "evaluations).")
    assert left[OmitReason.ABOVE_CEILING] == (
        "1 record is above the highest sensitivity sent (Internal), or concerns one that is, "
        "and is left out.")
    blanked = view.texts("blanked")
    assert blanked[OmitReason.MENTION] == ("Free text that names a protected person is blanked "
                                       "in 1 record: Notes (1).")
    assert "Protected people in scope" not in str(left) + str(blanked)
    with qtbot.waitSignal(view.list_opened, timeout=TIMEOUT) as opened:
        view.list_button("left_out", OmitReason.PROTECTED).click()
    listing = opened.args[0]
    with qtbot.waitSignal(listing.loaded, timeout=TIMEOUT):
        pass
    rows = listing.texts()
    assert ("Person", "Inside Russia", "Борис Петров") in rows
    assert ("Person", "The same as a protected person", "Boris Petrov") in rows
    assert ("Tie", "About a protected person",
            "Анна Иванова — Contact inside Russia → Борис Петров") in rows
    assert len(rows) == 3
    assert colours(save_shot(listing, "sharing-left-out-list.png")) > 4
    listing.close()
    with qtbot.waitSignal(wizard.step_changed, timeout=TIMEOUT):
        wizard.back_button.click()
    wizard.keep_mentions.setChecked(True)
    preview(qtbot, wizard)
    assert OmitReason.MENTION not in wizard.exposure.texts("blanked")
    assert "Free text that names a protected person is kept." in wizard.summary.text()


def test_notices_only_previews_only_the_notices(qtbot, alice, bob, tmp_path, english):
    ids = fill_alice(alice.reg)
    introduce(qtbot, tmp_path, alice, bob)
    export_to(qtbot, alice, bob, tmp_path / "first.rbundle", Mode.EXCLUDE)
    alice.reg.update(ids["anna"], {"inside_russia": True})
    wizard = open_export(qtbot, alice)
    to_options(qtbot, wizard, bob.reg.identity.fingerprint)
    wizard.scope_notices.setChecked(True)
    assert not wizard.kind_boxes[Kind.PERSON].isEnabled()
    exposure = preview(qtbot, wizard)
    assert (exposure.notices, exposure.records) == (1, {})
    assert wizard.exposure.reveal_values["notices"].text() == "1"
    assert "1 record the recipients already hold is now protected" in \
        wizard.exposure.notices_note.text()
    assert wizard.summary.text() == "To: Bob. Only protection notices."

def test_fingerprints_and_numbers_are_grouped_for_reading_aloud() -> None:
    assert group_fingerprint("ab" * 20) == " ".join(["abab"] * 10)
    assert group_digits("12345 67890", 5) == "12345 67890"


def test_the_import_report_says_a_bundle_brought_a_recovery_share(
        qapp: Any, tmp_path: Path) -> None:
    """A bundle to a custodian carries their share of the sender's recovery set; the report
    (before and after importing) says so, in the interface language."""
    from registry.gui.sharing.import_wizard import _report_html
    from tests.sync.vaults import introduce, make_vault, send

    owner, a, b = (make_vault(tmp_path, n) for n in ("Olga", "Anton", "Boris"))
    try:
        introduce(owner, a, b)
        owner.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
        bundle = send(owner, [a], tmp_path / "to-a.rbundle")
        [preview] = a.sharing.import_bundles([bundle], dry_run=True)
        assert "recovery share you hold for Olga" in _report_html(preview, {}, dry_run=True)
        with _russian(qapp):
            assert "доля для восстановления" in _report_html(preview, {}, dry_run=True)
        [done] = a.sharing.import_bundles([bundle])
        assert "recovery share" in _report_html(done, {}, dry_run=False)
        assert [h.owner_name for h in a.recovery.held()] == ["Olga"]
    finally:
        for v in (owner, a, b):
            v.lock()


def test_the_import_report_lists_the_changes_it_did_not_apply(qapp: Any, tmp_path: Path
                                                              ) -> None:
    """A colleague's deletion of another official's evaluation is dropped (§6.5.3): the
    app's report says so and why, in the interface language; a clean report does not."""
    from registry.gui.sharing.import_wizard import _report_html
    from tests.sync.forge import forge
    from tests.sync.test_evaluation_assessor import _assessed, _deletion
    from tests.sync.vaults import introduce, make_vault, send

    r, c, a = (make_vault(tmp_path, n) for n in ("R", "C", "A"))
    try:
        introduce(r, c, a)
        _, ev = _assessed(a)
        first = send(a, [r, c], tmp_path / "a.rbundle")
        [clean] = r.sharing.import_bundles([first])
        c.sharing.import_bundles([first])
        [report] = r.sharing.import_bundles([forge(c, r, tmp_path / "c.rbundle", [],
                                                   [_deletion(c, ev)])])
        html = _report_html(report, {}, dry_run=False)
        assert "Changes not applied:</b> 1" in html and "its deletion" in html
        assert "not made by the evaluation&#x27;s assessor" in html or \
            "not made by the evaluation's assessor" in html
        assert "not applied" not in _report_html(clean, {}, dry_run=False)
        with _russian(qapp):
            assert "не применены" in _report_html(report, {}, dry_run=False)
    finally:
        for v in (r, c, a):
            v.lock()


def test_the_import_report_says_what_it_protected_beside_someone_protected(
        qapp: Any, tmp_path: Path) -> None:
    """A colleague's record of a person protected here arrives protected until reviewed
    (registry.sync.namesakes): the report says so before and after importing, in the
    interface language; a report that guarded nothing does not."""
    from registry.gui.sharing.import_wizard import _report_html
    from tests.sync.vaults import introduce, make_vault, person, send

    a, c = (make_vault(tmp_path, n) for n in ("A", "C"))
    try:
        introduce(a, c)
        person(a, "Анна Смирнова", inside_russia=True)
        person(c, "Борис Ким")
        [clean] = a.sharing.import_bundles([send(c, [a], tmp_path / "1.rbundle")])
        person(c, "Анна Сергеевна Смирнова")
        bundle = send(c, [a], tmp_path / "2.rbundle")
        [preview] = a.sharing.import_bundles([bundle], dry_run=True)
        assert "would be protected until you review them in Duplicates" in \
            _report_html(preview, {}, dry_run=True)
        assert "until you review" not in _report_html(clean, {}, dry_run=False)
        [done] = a.sharing.import_bundles([bundle])
        html = _report_html(done, {}, dry_run=False)
        assert "records protected until you review them in Duplicates" in html
        assert html.endswith(":</b> 1")
        with _russian(qapp):
            assert "пока вы не проверите их" in _report_html(done, {}, dry_run=False)
    finally:
        for v in (a, c):
            v.lock()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_review_names_the_sender_as_this_vault_knows_them(qtbot, alice, bob, tmp_path,
                                                              lang):
    """Alice's keys signed a manifest calling its sender "Carol": the review said "Sender:
    Carol … Trust: verified" (was), while `bundle inspect` names Alice. It names the
    official the trust store knows, and what the bundle calls itself beside."""
    from registry.gui import i18n
    from tests.sync.forge import forge, record

    introduce(qtbot, tmp_path, alice, bob)
    bundle = forge(alice.reg, bob.reg, tmp_path / "x.rbundle",
                   [record(alice.reg, Kind.PERSON, {"name": "Someone"})], sender_name="Carol")
    assert i18n.install(QGuiApplication.instance(), lang) == lang
    try:
        wizard = review(qtbot, bob, bundle)
        details = wizard.details.text()
        wizard.resize(1280, 800)
        save_shot(wizard, f"sharing-import-review-sender-{lang}.png")
    finally:
        i18n.install(QGuiApplication.instance(), "en")
    calls = {"en": "<b>The bundle calls its sender:</b> Carol",
             "ru": "<b>В пакете отправитель назван так:</b> Carol"}[lang]
    assert "Alice" in details and calls in details and "Carol</b>" not in details


def test_the_import_wizard_reads_a_large_payload_with_the_reader_process(
        qtbot, alice, bob, tmp_path, monkeypatch):
    """A large payload's lines are read by a reader process (``sync.readahead``), started
    from the thread the app imports on (its database thread, not the GUI's): the wizard's
    review and import go through it — here every payload counts as large, three lines a
    batch — and Bob ends with what Alice sent, as when the lines are read in-process."""
    from registry.sync import readahead

    for n in range(12):  # lines enough for several batches
        alice.reg.add(Kind.PERSON, {"name": f"Ирина Соколова {n}", "country": "LV"})
    ids = fill_alice(alice.reg)
    introduce(qtbot, tmp_path, alice, bob)
    export_to(qtbot, alice, bob, tmp_path / "1.rbundle", Mode.EXCLUDE)
    started: list[Any] = []
    answered: list[int] = []
    real_start, real_receive = readahead.start, readahead.Reader._receive

    def start(*args: Any, **kw: Any) -> Any:
        started.append(real_start(*args, **kw))
        return started[-1]

    def receive(self: Any, count: int) -> Any:
        results = real_receive(self, count)
        answered.append(len(results))
        return results

    monkeypatch.setattr(readahead, "MIN_PAYLOAD", 0)
    monkeypatch.setattr(readahead.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(readahead, "BATCH_LINES", 3)
    monkeypatch.setattr(readahead, "WINDOW", 2)
    monkeypatch.setattr(readahead, "start", start)
    monkeypatch.setattr(readahead.Reader, "_receive", receive)
    wizard = bob.view.open_import()
    qtbot.waitUntil(lambda: wizard.session is not None, timeout=TIMEOUT)
    wizard.add_files([str(tmp_path / "1.rbundle")])
    with qtbot.waitSignal(wizard.reviewed, timeout=TIMEOUT):
        wizard.next_button.click()
    with qtbot.waitSignal(wizard.applied, timeout=TIMEOUT):
        wizard.next_button.click()
    assert len(started) == 2  # the review's dry run, then the import
    assert len(answered) >= 10 and all(answered)
    assert bob.reg.get(ids["anna"]).values["name"] == "Анна Иванова"
    assert bob.reg.store.counts()["person"] == 13  # the inside-Russia person stays home
    assert len(wizard.revert_buttons) == 1  # the report of one import, to revert
