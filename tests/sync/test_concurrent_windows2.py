"""Two windows (connections) of one official, continued from test_concurrent_windows: the
clock each connection keeps, the spreadsheet import, key rotation, recovery setup, FtM and
CSV exports. Each test's docstring tells what went wrong before its fix; each has a positive
control (the same steps in one window, or one after the other)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.errors import RegistryError
from registry.service import Registry
from tests.passphrase import PASSPHRASE

from .forge import forge, stamp
from .vaults import other_window, other_window_before_begin, person, receive, send


# ---- 1. the clock: each connection keeps its own, read at unlock ---------------------------
def _edit_and_share(o: Registry, p: str, c: Registry, tmp: Path) -> None:
    o.update(p, {"notes": "seen in Tbilisi"})
    send(o, [c], tmp / "r-to-c.rbundle")


def test_a_bundle_relaying_the_other_windows_edit_is_not_called_forged(
        rca, tmp_path: Path) -> None:
    """Window 2 (a command) edits P and shares her with C; C sends P back with an edit of its
    own; window 1 (the app, open since before) imports it. Its high-water mark is its own
    clock, read at unlock. Was: R's stamp from window 2 was 'newer than anything this vault
    issued', and C's honest bundle was refused as speaking for this vault."""
    r, c, _ = rca
    p = person(r, "Анна Смирнова")
    other_window(r, lambda o: _edit_and_share(o, p, c, tmp_path))
    _relayed_back(r, c, p, tmp_path)  # was refused: "claims changes made by this vault that
    # this vault never made"


def test_positive_control_the_same_in_one_window_imports(rca, tmp_path: Path) -> None:
    r, c, _ = rca
    p = person(r, "Анна Смирнова")
    _edit_and_share(r, p, c, tmp_path)
    _relayed_back(r, c, p, tmp_path)


def _relayed_back(r: Registry, c: Registry, p: str, tmp: Path) -> None:
    """C takes R's bundle with R's edit of P, edits P too and sends it back: R imports it."""
    receive(c, tmp / "r-to-c.rbundle")
    c.update(p, {"aliases": ["Аня"]})
    receive(r, send(c, [r], tmp / "c-to-r.rbundle"))
    assert r.get(p).values["aliases"] == ["Аня"]


def test_a_write_by_a_stale_window_does_not_lower_the_vaults_high_water_mark(
        rca, tmp_path: Path) -> None:
    """Window 1 (open since before) makes a write that issues no stamp (here: it verifies an
    official) after window 2 edited P: it saves its own, older clock as the vault's
    high-water mark. The vault, reopened, then refuses C's honest bundle relaying R's own
    edit for good (until some local edit moves the clock on)."""
    r, c, a = rca
    p = person(r, "Анна Смирнова")
    other_window(r, lambda o: _edit_and_share(o, p, c, tmp_path))
    before = int(other_window(r, lambda o: o.store.meta_get("hlc")))  # type: ignore[arg-type]
    r.sharing.verify(a.identity.fingerprint, "in_person")  # any write that ticks nothing
    after = int(r.store.meta_get("hlc") or 0)
    r.lock()
    r2 = Registry.unlock(r.paths.root, PASSPHRASE)
    try:
        _relayed_back(r2, c, p, tmp_path)
    finally:
        r2.lock()
    assert after >= before, "the vault's clock went backwards"


def test_positive_control_a_write_after_reopening_keeps_the_mark(rca, tmp_path: Path) -> None:
    r, c, a = rca
    p = person(r, "Анна Смирнова")
    other_window(r, lambda o: _edit_and_share(o, p, c, tmp_path))
    r.lock()
    r2 = Registry.unlock(r.paths.root, PASSPHRASE)
    try:
        r2.sharing.verify(a.identity.fingerprint, "in_person")
        _relayed_back(r2, c, p, tmp_path)
    finally:
        r2.lock()


HOUR = (3600 * 1000) << 16  # an HLC hour
C_NOTE = {"name": "Анна Смирнова", "notes": "C: works for the FSB"}


def _c_note(c: Registry, to: Registry, p: str, at: object, tmp: Path) -> Path:
    """C's note on P, stamped ``at`` (C's clock an hour fast: within the skew allowed)."""
    return forge(c, to, tmp / f"c-note-{to.identity.fingerprint[:8]}.rbundle",
                 [Record(p, Kind.PERSON, dict(C_NOTE), dict.fromkeys(C_NOTE, at))])


def _shared(r: Registry, c: Registry, a: Registry, tmp: Path) -> str:
    p = person(r, "Анна Смирнова")
    receive(c, send(r, [c, a], tmp / "first.rbundle"))
    receive(a, tmp / "first.rbundle")
    return p


def test_an_edit_in_a_stale_window_after_the_other_windows_import_wins(
        rca, tmp_path: Path) -> None:
    """Window 2 imports C's note on P (stamped by C's fast clock); window 1, open since
    before, then corrects the note. Window 1's clock never saw C's stamp: the correction is
    stamped older than the note it replaced, so A, who has C's note too, keeps C's note —
    the official's later edit loses to the older value (and C never takes it either)."""
    r, c, a = rca
    p = _shared(r, c, a, tmp_path)
    at = stamp(c, HOUR)
    note = _c_note(c, r, p, at, tmp_path)
    other_window(r, lambda o: receive(o, note))
    r.update(p, {"notes": "R: no, she left the FSB in 2019"})
    mine = r.get(p).stamps["notes"]
    receive(a, _c_note(c, a, p, at, tmp_path))
    receive(a, send(r, [a], tmp_path / "r-to-a.rbundle"))
    assert r.get(p).values["notes"].startswith("R:")
    assert mine > at, f"the correction {mine} is stamped before the value it replaced {at}"
    assert a.get(p).values["notes"].startswith("R:"), "the official's later correction lost"


def test_positive_control_an_edit_after_the_import_in_one_window_wins(
        rca, tmp_path: Path) -> None:
    r, c, a = rca
    p = _shared(r, c, a, tmp_path)
    at = stamp(c, HOUR)
    receive(r, _c_note(c, r, p, at, tmp_path))
    r.update(p, {"notes": "R: no, she left the FSB in 2019"})
    receive(a, _c_note(c, a, p, at, tmp_path))
    receive(a, send(r, [a], tmp_path / "r-to-a.rbundle"))
    assert a.get(p).values["notes"].startswith("R:")


# ---- 2. the spreadsheet import: rows matched before its transaction --------------------------
SHEET = [["name", "email", "notes"], ["Анна Смирнова", "anna@example.org", "met in Riga"]]


def _sheet(tmp: Path) -> Path:
    from tests.interop.conftest import write_csv
    return write_csv(tmp / "people.csv", SHEET)


def _protected_anna(o: Registry) -> str:
    return person(o, "Анна Смирнова", email="anna@example.org", inside_russia=True,
                  notes="source in Kazan")


def _exported_names(r: Registry, a: Registry, tmp: Path) -> list[object]:
    receive(a, send(r, [a], tmp / "to-a.rbundle"))
    return [rec.values.get("name") for rec in a.store.iter_records(Kind.PERSON)]


def test_a_sheet_row_for_a_person_another_window_just_added_protected_is_not_a_new_copy(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 2 adds Anna (inside Russia: protected) with her e-mail while window 1's
    spreadsheet import, which matched its rows before, waits for the lock. The row 'Анна
    Смирнова, anna@example.org' was planned as new: it is written as a second, unprotected
    Anna — no duplicate review entry — and the next ordinary export sends her name and the
    row's note to A."""
    from registry.interop.importer import SpreadsheetImport
    r, _, a = rca
    fired = other_window_before_begin(monkeypatch, r, _protected_anna)
    report = SpreadsheetImport(r, _sheet(tmp_path)).run()
    assert fired
    annas = [x for x in r.store.iter_records(Kind.PERSON)
             if x.values.get("email") == "anna@example.org" and not x.deleted]
    outcome = report.outcomes[0]
    sent = _exported_names(r, a, tmp_path)
    assert "Анна Смирнова" not in sent, "a protected person's name (and the row's note) went to A"
    assert len(annas) == 1, (f"{len(annas)} Annas; row reported as {outcome.action!r}; "
                             f"levels {[x.values.get('sensitivity') for x in annas]}")


def test_positive_control_a_sheet_row_after_the_add_updates_her(
        rca, tmp_path: Path) -> None:
    from registry.interop.importer import SpreadsheetImport
    r, _, a = rca
    other_window(r, _protected_anna)
    SpreadsheetImport(r, _sheet(tmp_path)).run()
    annas = [x for x in r.store.iter_records(Kind.PERSON)
             if x.values.get("email") == "anna@example.org"]
    assert len(annas) == 1 and annas[0].values["notes"] == "met in Riga"
    assert "Анна Смирнова" not in _exported_names(r, a, tmp_path)


def test_a_sheet_run_after_its_preview_sees_what_was_added_since(
        rca, tmp_path: Path) -> None:
    """The app's wizard previews, the official then adds (protected) Anna — in this window or
    another — and goes on to import. The matcher read at the preview is kept for the run: the
    row is written as a second, unprotected Anna, whose name goes to A."""
    from registry.interop.importer import SpreadsheetImport
    r, _, a = rca
    wizard = SpreadsheetImport(r, _sheet(tmp_path))
    wizard.preview()
    _protected_anna(r)  # the same connection: no other window needed
    wizard.run()
    assert "Анна Смирнова" not in _exported_names(r, a, tmp_path)


# ---- 3. key rotation with another window open ---------------------------------------------------
def test_rotating_the_key_while_another_window_is_open_is_refused_clearly(rca) -> None:
    """The app is open; the official runs `registry rekey` (or `passwd --rotate`, the app's
    default for a new passphrase) in a terminal. PRAGMA journal_mode = DELETE needs the only
    connection: the raw sqlcipher3 OperationalError 'database is locked' escapes (the CLI
    says 'failed unexpectedly (OperationalError)'), the key file is left with a staged key."""
    r, _, _ = rca
    p = person(r, "Анна Смирнова")
    other = Registry.unlock(r.paths.root, PASSPHRASE)  # the app's window, idle
    try:
        with pytest.raises(RegistryError):
            r.rotate_key(PASSPHRASE)
        other.update(p, {"notes": "still works"})
    finally:
        other.lock()
    assert r.get(p).values["notes"] == "still works"


def test_positive_control_rotating_the_key_alone_works(rca) -> None:
    r, _, _ = rca
    p = person(r, "Анна Смирнова")
    r.rotate_key(PASSPHRASE)
    r.lock()
    again = Registry.unlock(r.paths.root, PASSPHRASE)
    try:
        assert again.get(p).values["name"] == "Анна Смирнова"
    finally:
        again.lock()


# ---- 4. recovery: "is a set current?" is asked before the transaction --------------------------
def test_two_first_recovery_setups_at_once_leave_one_current_set_and_refuse_the_other(
        rca, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 2 sets up recovery (C and one paper share, 2 of 2) while window
    1's setup (C and A), which found no current set and so rotated nothing, waits for the lock.
    Was: both sets are 'current' (the schema says one at most), the status shows one; the
    other set's shares still open the vault, though a second setup is meant to rotate the key
    so that the replaced set opens nothing."""
    r, c, a = rca
    fc, fa = c.identity.fingerprint, a.identity.fingerprint
    fired = other_window_before_begin(
        monkeypatch, r, lambda o: o.recovery.setup([fc], 1, 2, None))
    with contextlib.suppress(RegistryError):  # "a set is current: passphrase needed": correct
        r.recovery.setup([fc, fa], 0, 2, None)
    assert fired
    current = r.store.conn.execute(
        "SELECT count(*) FROM recovery_set WHERE status = 'current'").fetchone()[0]
    assert current == 1, f"{current} recovery sets are current"


def test_positive_control_a_second_setup_needs_the_passphrase(rca) -> None:
    r, c, a = rca
    fc, fa = c.identity.fingerprint, a.identity.fingerprint
    other_window(r, lambda o: o.recovery.setup([fc], 1, 2, None))
    with pytest.raises(RegistryError, match="passphrase"):
        r.recovery.setup([fc, fa], 0, 2, None)
    current = r.store.conn.execute(
        "SELECT count(*) FROM recovery_set WHERE status = 'current'").fetchone()[0]
    assert current == 1


# ---- 5. FtM / CSV exports: the protection rule read first, the rows afterwards ---------------
def _ftm_while_other_raises(r: Registry, org: str, path: Path) -> list[str]:
    done: list[str] = []

    def progress(step: str, n: int, total: int) -> None:
        del n, total
        if step == "export person" and not done:
            other_window(r, lambda o: _raise_with_a_secret(o, org))
            done.append("raised")

    from registry.sync.progress import job
    r.interop.export_ftm(path, work=job(progress))
    return done


def _raise_with_a_secret(o: Registry, org: str) -> None:
    o.update(org, {"sensitivity": "confidential", "notes": "front for the FSB, source K."})


def test_an_ftm_export_reads_the_rule_and_the_rows_at_one_moment(
        rca, tmp_path: Path) -> None:
    """The FtM export (ceiling internal) loads who is protected and each record's level, then
    reads people, then organisations. Window 2 raises O to confidential with a confidential
    note while people are being written. Was (each read its own statement, no read
    transaction): O's row, read afterwards, was judged by the level read before, and O went
    into the file, confidential note and all. Now the export reads one moment: O as it was
    when the export began."""
    r, _, _ = rca
    person(r, "Пётр Иванов")
    org = r.add(Kind.ORGANISATION, {"name": "ООО Ромашка"}).id
    path = tmp_path / "out.ftm.json"
    assert _ftm_while_other_raises(r, org, path) == ["raised"]
    assert r.get(org).values["sensitivity"] == "confidential"
    text = path.read_text(encoding="utf-8")
    assert "FSB" not in text, "a confidential note went into an internal-ceiling export"


def test_positive_control_an_ftm_export_after_the_raise_leaves_it_out(
        rca, tmp_path: Path) -> None:
    r, _, _ = rca
    person(r, "Пётр Иванов")
    org = r.add(Kind.ORGANISATION, {"name": "ООО Ромашка"}).id
    other_window(r, lambda o: _raise_with_a_secret(o, org))
    path = tmp_path / "out.ftm.json"
    r.interop.export_ftm(path)
    text = path.read_text(encoding="utf-8")
    assert "Ромашка" not in text and "FSB" not in text
