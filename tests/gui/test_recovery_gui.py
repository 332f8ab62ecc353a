"""Recovery shares and the recovery ceremony in the app (issue 15), on real in-process
vaults: setting up 2 of 3 through the dialog, a custodian who types the wrong safety number
releasing nothing, and a whole recovery through the dialogs with two custodians."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from registry.gui.recovery import ceremony
from registry.gui.recovery.respond import RespondDialog
from registry.gui.recovery.setup import PaperSharesDialog, SetupDialog
from registry.gui.recovery.shares import RecoveryDialog, SharePickers
from registry.gui.tasks import SyncTasks
from registry.gui.unlock import UnlockDialog
from registry.service import Registry
from tests.sync.vaults import introduce, make_vault, person

NEW = "plum kettle orbit lantern meadow"


@pytest.fixture
def four(tmp_path: Path) -> Iterator[dict[str, Registry]]:
    vaults = {n: make_vault(tmp_path, n) for n in ("Olga", "Anna", "Boris", "Clara")}
    introduce(*vaults.values())
    person(vaults["Olga"], "Мария Соколова", inside_russia=True)
    yield vaults
    for v in vaults.values():
        v.lock()


def recovery_dialog(qtbot, reg: Registry, tmp_path: Path, **pickers) -> RecoveryDialog:
    dialog = RecoveryDialog(SyncTasks(reg), pickers=SharePickers(**pickers))
    qtbot.addWidget(dialog)
    return dialog


def test_setting_up_two_of_three(qtbot, four, tmp_path: Path) -> None:
    olga, anna, boris = four["Olga"], four["Anna"], four["Boris"]
    out = tmp_path / "out"
    out.mkdir()
    dialog = recovery_dialog(qtbot, olga, tmp_path, folder=lambda _p: str(out))
    assert "No recovery set" in dialog.set_label.text()
    with qtbot.waitSignal(dialog.dialog_opened) as opened:
        dialog.setup_button.click()
    setup = opened.args[0]
    assert isinstance(setup, SetupDialog) and setup.colleagues.count() == 3
    assert not setup.ok.isEnabled()  # nothing chosen: fewer than two shares
    setup.set_chosen([anna.identity.fingerprint, boris.identity.fingerprint])
    setup.paper.setValue(1)
    setup.threshold.setValue(4)
    assert not setup.ok.isEnabled() and "at most 3" in setup.problem.text()
    setup.threshold.setValue(2)
    assert setup.ok.isEnabled()
    assert "Any 2 of them can open the vault together" in setup.explanation.text()
    with qtbot.waitSignal(dialog.dialog_opened) as opened:
        setup.ok.click()
    paper = opened.args[0]
    assert isinstance(paper, PaperSharesDialog)
    assert len(paper.words.text().split()) == 2 * 33  # numbered words, shown this once
    assert paper.words.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert not paper.next_button.isEnabled()
    paper.written.setChecked(True)
    with qtbot.waitSignal(paper.shown_all):
        paper.next_button.click()
    assert paper.words.text() == ""
    assert "any 2 of these 3 shares" in dialog.set_label.text()
    assert "Share 3: on paper" in dialog.set_label.text()
    assert sorted(p.name[:31] for p in out.iterdir()) == sorted(
        f"recovery-share-{fp[:16]}" for fp in (anna.identity.fingerprint,
                                               boris.identity.fingerprint))
    assert "Share files written to" in dialog.message.text()
    assert "next bundle to each of these colleagues" in dialog.message.text()
    held = recovery_dialog(qtbot, anna, tmp_path)
    held.receive(str(next(out.glob(f"*{anna.identity.fingerprint[:16]}*"))))
    assert "You now hold a recovery share of Olga's vault" in held.message.text()
    assert held.held_table.rowCount() == 1
    assert held.held_table.item(0, 0).text() == "Olga"


def _issue(four: dict[str, Registry], tmp_path: Path) -> None:
    """Olga's share set, 2 of 3, its files kept by the three colleagues."""
    olga = four["Olga"]
    olga.recovery.setup([four[n].identity.fingerprint for n in ("Anna", "Boris", "Clara")],
                        0, 2, None)
    folder = tmp_path / "shares"
    folder.mkdir()
    for path in olga.recovery.export(folder):
        for name in ("Anna", "Boris", "Clara"):
            if four[name].identity.fingerprint[:16] in path.name:
                four[name].recovery.receive(path)


def _answer(qtbot, custodian: Registry, tmp_path: Path, request: Path,
            out: Path) -> RespondDialog:
    dialog = recovery_dialog(qtbot, custodian, tmp_path, response=lambda _p: str(out))
    with qtbot.waitSignal(dialog.dialog_opened) as opened:
        dialog.answer_request(str(request))
    respond = opened.args[0]
    assert isinstance(respond, RespondDialog)
    return respond


def test_a_wrong_number_releases_nothing(qtbot, four, tmp_path: Path) -> None:
    _issue(four, tmp_path)
    root = four["Olga"].paths.root
    four["Olga"].lock()
    request = tmp_path / "request.json"
    made = Registry.request_recovery(root, NEW, request)
    out = tmp_path / "response-anna.json"
    respond = _answer(qtbot, four["Anna"], tmp_path, request, out)
    assert "for the vault of Olga" in respond.whose.text()
    assert respond.findChild(QLabel, "safetyNumber").text().split() == \
        made.request.safety_number.split()
    number = made.request.safety_number.replace(" ", "")
    wrong = ("2" if number[0] == "1" else "1") + number[1:]
    respond.typed.setText(wrong)
    assert respond.release.isEnabled()  # the app takes the number and compares it
    with qtbot.waitSignal(respond.refused) as refused:
        respond.release.click()
    assert "Nothing was released" in refused.args[0] and respond.problem.isVisible()
    assert not out.exists()
    with pytest.raises(Exception, match="not this request's"):  # the core refuses it too
        four["Anna"].recovery.respond(request, out, wrong)
    assert not out.exists()
    released = four["Anna"].store.conn.execute(
        "SELECT count(*) FROM audit WHERE action IN ('recovery_safety_number_confirmed', "
        "'recovery_share_released')").fetchone()[0]
    assert released == 0  # neither a confirmation nor a release was recorded


def test_recovery_through_the_dialogs(qtbot, four, tmp_path: Path) -> None:
    _issue(four, tmp_path)
    olga = four["Olga"]
    root, digest = olga.paths.root, olga.digest()
    olga.lock()
    olga.paths.key.unlink()  # the key file and its passphrase are gone
    tasks = SyncTasks(None)
    unlock = UnlockDialog(tasks, root, keychain_usable=False)
    qtbot.addWidget(unlock)
    request = tmp_path / "request.json"
    pickers = ceremony.CeremonyPickers(request=lambda _p: str(request),
                               responses=lambda _p: [])
    ask, complete = ceremony.add_recovery_buttons(unlock, tasks, root, pickers)
    ask.click()
    asking = unlock.findChild(ceremony.RequestDialog)
    assert asking is not None and not asking.write.isEnabled()
    asking.passphrase.edit.setText("12345678")
    assert "too easy to guess" in asking.passphrase.problem.text()
    asking.passphrase.edit.setText(NEW)
    asking.passphrase.confirm.setText(NEW)
    with qtbot.waitSignal(asking.written):
        asking.write.click()
    number = asking.number.text()
    assert len(number.replace("\n", " ").split()) == 6 and request.exists()

    responses = []
    for name in ("Anna", "Boris"):
        out = tmp_path / f"response-{name}.json"
        respond = _answer(qtbot, four[name], tmp_path, request, out)
        respond.typed.setText(number.replace("\n", " "))  # as the requester reads it out
        with qtbot.waitSignal(respond.released):
            respond.release.click()
        assert out.exists()
        responses.append(str(out))

    complete.click()
    completing = unlock.findChild(ceremony.CompleteDialog)
    assert completing is not None and not completing.open_button.isEnabled()
    completing.add_responses(responses)
    completing.passphrase.edit.setText(NEW)
    completing.passphrase.confirm.setText(NEW)
    assert completing.open_button.isEnabled()
    completing.open_button.click()
    assert completing.pages.currentIndex() == 1, completing.error.text()
    assert "new data key" in completing.done_label.text()
    with qtbot.waitSignal(unlock.unlocked) as unlocked:
        completing.continue_button.click()
    assert unlocked.args[0].name == "Olga"
    reg = tasks.registry
    assert reg is not None and reg.digest() == digest
    reg.lock()
    assert Registry.unlock(root, NEW).digest() == digest


def test_a_second_request_waits_unless_the_custodian_overrides(qtbot, four,
                                                               tmp_path: Path) -> None:
    _issue(four, tmp_path)
    root = four["Olga"].paths.root
    four["Olga"].lock()
    numbers = []
    for n in (1, 2):
        made = Registry.request_recovery(root, NEW, tmp_path / f"request{n}.json")
        numbers.append(made.request.safety_number)
    first = _answer(qtbot, four["Anna"], tmp_path, tmp_path / "request1.json",
                    tmp_path / "r1.json")
    first.typed.setText(numbers[0])
    with qtbot.waitSignal(first.released):
        first.release.click()
    second = _answer(qtbot, four["Anna"], tmp_path, tmp_path / "request2.json",
                     tmp_path / "r2.json")
    second.typed.setText(numbers[1])
    with qtbot.waitSignal(second.refused) as refused:
        second.release.click()
    assert "in the last 72 hours" in refused.args[0] and not (tmp_path / "r2.json").exists()
    second.override.setChecked(True)  # the colleague confirmed both requests on a call
    with qtbot.waitSignal(second.released):
        second.release.click()
    assert (tmp_path / "r2.json").exists()


def test_recovery_with_paper_words_typed(qtbot, four, tmp_path: Path) -> None:
    """Two paper shares typed as the app showed them (numbered, four to a line); a wrong
    word is named by the checksum and opens nothing."""
    from registry.gui.recovery.setup import words_text

    olga = four["Olga"]
    words = olga.recovery.setup([], 2, 2, None).paper
    root, digest = olga.paths.root, olga.digest()
    olga.lock()
    olga.paths.key.unlink()
    tasks = SyncTasks(None)
    unlock = UnlockDialog(tasks, root, keychain_usable=False)
    qtbot.addWidget(unlock)
    _ask, complete = ceremony.add_recovery_buttons(unlock, tasks, root)
    complete.click()
    completing = unlock.findChild(ceremony.CompleteDialog)
    typed = [words_text(w) for w in words]
    first_word = words[0].split()[0]
    other = "academic" if first_word != "academic" else "acid"
    completing.paper.setPlainText(typed[0].replace(first_word, other, 1) + "\n\n" + typed[1])
    completing.passphrase.edit.setText(NEW)
    completing.passphrase.confirm.setText(NEW)
    completing.open_button.click()
    assert "Paper share 1: a word is wrong" in completing.error.text()
    assert completing.pages.currentIndex() == 0
    assert olga.paths.key.exists() is False  # nothing was written
    completing.paper.setPlainText("\n\n".join(typed))
    completing.open_button.click()
    assert completing.pages.currentIndex() == 1, completing.error.text()
    assert "Set up recovery shares again" in completing.done_label.text()
    assert completing.paper.toPlainText() == ""
    with qtbot.waitSignal(unlock.unlocked):
        completing.continue_button.click()
    assert tasks.registry is not None and tasks.registry.digest() == digest


def test_typed_paper_words_go_to_the_core_as_bytearrays_zeroed_after(
        qtbot, four, tmp_path: Path, monkeypatch) -> None:
    """No file, no memfd: the typed shares reach ``Registry.recover`` as ``paper_words``
    (bytearrays, one share each, the numbers the app shows before the words left out), and
    are zeroed once it has read them, whether it succeeds or refuses."""
    assert ceremony.paper_shares(" 1 alpha  2 beta\n 3 gamma\n\n\n4) delta 5. eps\n") == [
        "alpha beta gamma", "delta eps"]
    seen: list[tuple[list[Path], list[bytearray]]] = []

    def refuse(root, new, responses, paper=None, *, paper_words=None, backup=None,
               force=False):
        assert not paper and backup is None and not force
        seen.append((responses, paper_words))
        assert [bytes(w) for w in paper_words] == [b"alpha beta gamma", b"delta eps"]
        from registry.errors import InvalidInput

        raise InvalidInput("refused")

    monkeypatch.setattr(Registry, "recover", refuse)
    files_before = sorted(tmp_path.rglob("*"))
    dialog = ceremony.CompleteDialog(SyncTasks(None), tmp_path / "v", pick_responses=list)
    qtbot.addWidget(dialog)
    dialog.paper.setPlainText(" 1 alpha  2 beta\n 3 gamma\n\n\n4) delta 5. eps\n")
    dialog.passphrase.edit.setText(NEW)
    dialog.passphrase.confirm.setText(NEW)
    dialog.open_button.click()
    assert dialog.error.text() == "refused" and len(seen) == 1
    assert all(w == bytearray(len(w)) for w in seen[0][1])  # zeroed in place
    assert sorted(tmp_path.rglob("*")) == files_before
    assert not hasattr(ceremony, "paper_file")


def test_recovery_from_a_backup_on_the_first_run_screen(qtbot, four, tmp_path: Path) -> None:
    """A wiped laptop: no vault folder, a backup, two custodians. The first-run screen offers
    recovery; the request and the completion start from the backup file."""
    import shutil

    from registry.gui.controller import AppController
    from registry.gui.first_run import FirstRunDialog
    from registry.gui.settings import Settings

    _issue(four, tmp_path)
    olga = four["Olga"]
    backup = tmp_path / "olga.rbackup"
    olga.backups.write(backup)
    root, digest = olga.paths.root, olga.digest()
    olga.lock()
    shutil.rmtree(root)

    controller = AppController(root, SyncTasks(), Settings())
    controller.start()
    assert isinstance(controller.gate, FirstRunDialog)
    assert controller.gate.findChild(QLabel, "recoverFromBackupText") is not None
    controller.shutdown()

    tasks = SyncTasks(None)
    first = FirstRunDialog(tasks, root, keychain_usable=False)
    qtbot.addWidget(first)
    request = tmp_path / "request.json"
    pickers = ceremony.CeremonyPickers(request=lambda _p: str(request),
                                       responses=lambda _p: [], backup=lambda _p: str(backup))
    ask, complete = ceremony.add_recovery_from_backup(first, tasks, root, pickers)
    ask.click()
    asking = first.findChild(ceremony.RequestDialog)
    asking.passphrase.edit.setText(NEW)
    asking.passphrase.confirm.setText(NEW)
    assert not asking.write.isEnabled()  # no vault folder here: a backup is needed
    assert "choose the backup file" in asking.backup.label.text()
    asking.backup.choose.click()
    assert backup.name in asking.backup.label.text() and asking.write.isEnabled()
    with qtbot.waitSignal(asking.written):
        asking.write.click()
    number = asking.number.text().replace("\n", " ")
    responses = []
    for name in ("Anna", "Boris"):
        out = tmp_path / f"response-{name}.json"
        respond = _answer(qtbot, four[name], tmp_path, request, out)
        respond.typed.setText(number)
        with qtbot.waitSignal(respond.released):
            respond.release.click()
        responses.append(str(out))

    complete.click()
    completing = first.findChild(ceremony.CompleteDialog)
    assert completing.backup.path() == backup  # the request's backup, remembered
    completing.add_responses(responses)
    completing.passphrase.edit.setText(NEW)
    completing.passphrase.confirm.setText(NEW)
    completing.open_button.click()
    assert completing.pages.currentIndex() == 1, completing.error.text()
    with qtbot.waitSignal(first.created) as created:
        completing.continue_button.click()
    assert created.args[0].name == "Olga"
    assert tasks.registry is not None and tasks.registry.digest() == digest
    tasks.registry.lock()
    assert Registry.unlock(root, NEW).digest() == digest


def test_a_vault_in_the_folder_is_replaced_only_when_ticked(qtbot, four,
                                                            tmp_path: Path) -> None:
    olga = four["Olga"]
    words = olga.recovery.setup([], 2, 2, None).paper
    backup = tmp_path / "olga.rbackup"
    olga.backups.write(backup)
    root, digest = olga.paths.root, olga.digest()
    olga.lock()
    tasks = SyncTasks(None)
    unlock = UnlockDialog(tasks, root, keychain_usable=False)
    qtbot.addWidget(unlock)
    pickers = ceremony.CeremonyPickers(backup=lambda _p: str(backup))
    _ask, complete = ceremony.add_recovery_buttons(unlock, tasks, root, pickers)
    complete.click()
    completing = unlock.findChild(ceremony.CompleteDialog)
    assert not completing.backup.clear_button.isVisible()
    completing.backup.choose.click()
    completing.paper.setPlainText("\n\n".join(words))
    completing.passphrase.edit.setText(NEW)
    completing.passphrase.confirm.setText(NEW)
    completing.open_button.click()
    assert completing.pages.currentIndex() == 0 and not completing.replace.isHidden()
    assert "--force" not in completing.error.text()
    assert "confirm" in completing.error.text()
    completing.paper.setPlainText("\n\n".join(words))
    completing.replace.setChecked(True)
    completing.open_button.click()
    assert completing.pages.currentIndex() == 1, completing.error.text()
    assert "The folder that was here was kept at" in completing.done_label.text()
    assert tasks.registry is not None and tasks.registry.digest() == digest
    tasks.registry.lock()


def test_the_app_offers_recovery(qtbot, four) -> None:
    """Vault → Recovery shares… opens the dialog on the vault; a folder whose key file is
    gone opens at the unlock dialog with its recovery buttons (not at first run)."""
    from PySide6.QtWidgets import QPushButton

    from registry.gui.controller import AppController
    from registry.gui.mainwindow import MainWindow
    from registry.gui.recovery.shares import install_recovery_action
    from registry.gui.settings import Settings

    olga = four["Olga"]
    tasks = SyncTasks(olga)
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    action = install_recovery_action(window, tasks)
    assert action in window.ui.menuVault.actions()
    action.trigger()
    dialog = window.findChild(RecoveryDialog)
    assert dialog is not None and dialog.snapshot is not None
    assert dialog.setup_button.text() == "Set up…"
    window.clear()
    olga.lock()
    olga.paths.key.unlink()
    controller = AppController(olga.paths.root, SyncTasks(), Settings())
    controller.start()
    assert isinstance(controller.gate, UnlockDialog)
    assert controller.gate.findChild(QPushButton, "recoverButton") is not None
    assert controller.gate.findChild(QPushButton, "completeRecoveryButton") is not None
    controller.shutdown()


def test_paper_shares_are_shown_when_the_share_files_cannot_be_written(
        qtbot, four, tmp_path: Path) -> None:
    """The set stands once made: its paper words are shown even when the folder for the
    colleagues' files cannot be written, and Write share files… writes them later."""
    olga, anna = four["Olga"], four["Anna"]
    folder = {"path": str(tmp_path / "no" / "such")}
    dialog = recovery_dialog(qtbot, olga, tmp_path, folder=lambda _p: folder["path"])
    with qtbot.waitSignal(dialog.dialog_opened) as opened:
        dialog.setup_button.click()
    setup = opened.args[0]
    setup.set_chosen([anna.identity.fingerprint])
    setup.paper.setValue(1)
    with qtbot.waitSignal(dialog.dialog_opened) as opened:
        setup.ok.click()
    assert isinstance(opened.args[0], PaperSharesDialog)
    assert "The share files were not written" in dialog.message.text()
    assert "(share file not written yet)" in dialog.set_label.text()
    assert dialog.export_button.isEnabled()
    folder["path"] = str(tmp_path)
    dialog.export_button.click()
    assert "Share files written to" in dialog.message.text()
    assert len(list(tmp_path.glob("*.rshare"))) == 1 and not dialog.export_button.isEnabled()
