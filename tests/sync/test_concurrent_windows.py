"""Two windows (or a window and a command) of one official, each with its own connection to
the vault. Every operation reads what it decides on inside its write transaction, so a commit
by the other one in between cannot be written over, lowered, undone or applied twice.

The realistic interleaving: the other window holds the write lock (a long import, a
quarantine); this one reads (WAL: it sees the vault before the other's commit), then its
``BEGIN IMMEDIATE`` waits (busy timeout) until the other commits. The tests reproduce it
deterministically: ``other_window_before_begin`` lets another connection commit just before
this connection's next ``BEGIN IMMEDIATE``. Each case has a positive control: the same steps
one after the other. Before the reads moved inside, each case below went wrong as its
docstring says ("was": what happened then).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.errors import RegistryError, VaultBusy
from registry.service import Registry
from tests.passphrase import PASSPHRASE

from .forge import forge, stamp
from .vaults import other_window, other_window_before_begin, person, receive, send


# ---- 1. Registry.update / delete: the whole row written back is read inside -----------------
def _flag(other: Registry, record_id: str) -> None:
    other.update(record_id, {"inside_russia": True})


def test_an_edit_during_another_windows_flag_keeps_the_flag(
        rca, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 1 edits P's notes; window 2 flags P inside Russia (protected) and commits while
    window 1 waits for the lock. Was: window 1 wrote back the whole row it had read, and P was
    no longer inside Russia nor protected — unasked, unconfirmed, unaudited."""
    r, _, _ = rca
    p = person(r, "Анна Смирнова")
    fired = other_window_before_begin(monkeypatch, r, lambda o: _flag(o, p))
    r.update(p, {"notes": "met in Riga"})
    assert fired
    after = r.get(p)
    assert after.values.get("notes") == "met in Riga"
    # the other window's flag must stand
    assert after.values.get("inside_russia") is True, after.values
    assert after.values.get("sensitivity") == "protected"


def test_positive_control_an_edit_after_the_flag_keeps_it(rca) -> None:
    r, _, _ = rca
    p = person(r, "Анна Смирнова")
    other_window(r, lambda o: _flag(o, p))
    r.update(p, {"notes": "met in Riga"})
    after = r.get(p)
    assert after.values.get("inside_russia") is True
    assert after.values.get("sensitivity") == "protected"


def test_a_delete_during_another_windows_erasure_leaves_it_erased(
        rca, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 2 erases P (for good) while window 1's delete waits for the lock: the delete
    wrote back the whole row it read (was) — every erased value, and no erasure any more."""
    r, _, _ = rca
    p = person(r, "Анна Смирнова", notes="informant, Kazan")
    fired = other_window_before_begin(monkeypatch, r, lambda o: o.erase(p))
    with contextlib.suppress(RegistryError):  # refused (it was erased): correct
        r.delete(p)
    assert fired
    row = r.find(p)
    assert row is not None
    assert row.erased is not None, f"erasure undone: {row.values}"
    assert "notes" not in row.values and "name" not in row.values


def test_positive_control_a_delete_after_the_erasure_is_refused(rca) -> None:
    r, _, _ = rca
    p = person(r, "Анна Смирнова", notes="informant, Kazan")
    other_window(r, lambda o: o.erase(p))
    with pytest.raises(RegistryError, match="erased"):
        r.delete(p)
    row = r.find(p)
    assert row is not None and row.erased is not None and not row.values


# ---- 2. held erasures: "still held, sender not revoked" is checked inside -------------------
def _held_erasure(r: Registry, c: Registry, a: Registry, tmp: Path) -> tuple[str, str]:
    """A made Anna and shared her with R and C; C's erasure of her waits in R's held list."""
    anna = person(a, "Анна Смирнова", notes="met in Riga")
    shared = send(a, [r, c], tmp / "from-a.rbundle")
    receive(r, shared)
    receive(c, shared)
    c.erase(anna)
    [report] = receive(r, send(c, [r], tmp / "c-erases.rbundle"))
    assert report.counts["held"] == 1
    [entry] = r.sharing.held_changes()
    return anna, entry.id


def test_accepting_an_erasure_another_window_declined_is_refused(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 2 declines C's erasure of Anna; window 1 (which listed it as held) accepts it
    meanwhile. Was: the declined, irreversible erasure was applied."""
    r, c, a = rca
    anna, held_id = _held_erasure(r, c, a, tmp_path)
    fired = other_window_before_begin(monkeypatch, r,
                                      lambda o: o.sharing.decline_held(held_id))
    with contextlib.suppress(RegistryError):  # "already declined": nothing changed — correct
        r.sharing.accept_held(held_id)
    assert fired
    record = r.find(anna)
    assert record is not None and record.erased is None, "the declined erasure was applied"
    assert r.get(anna).values["notes"] == "met in Riga"


def test_accepting_an_erasure_while_another_window_quarantines_its_sender_is_refused(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 2 revokes C and reverts what C sent (which drops C's held changes); window 1's
    accept of C's erasure, checked before, erased Anna anyway (was; and then failed: the held
    row it marks is gone)."""
    r, c, a = rca
    anna, held_id = _held_erasure(r, c, a, tmp_path)
    fired = other_window_before_begin(monkeypatch, r, lambda o: o.sharing.quarantine(
        c.identity.fingerprint, "2000-01-01", confirm_lowering=True))
    with contextlib.suppress(RegistryError):
        r.sharing.accept_held(held_id)
    assert fired and fired[0].held_dropped == 1  # type: ignore[attr-defined]
    record = r.find(anna)
    assert record is not None and record.erased is None, \
        "a revoked official's dropped erasure was applied"


def test_positive_control_an_erasure_declined_first_cannot_be_accepted(
        rca, tmp_path: Path) -> None:
    r, c, a = rca
    anna, held_id = _held_erasure(r, c, a, tmp_path)
    other_window(r, lambda o: o.sharing.decline_held(held_id))
    with pytest.raises(RegistryError, match="already declined"):
        r.sharing.accept_held(held_id)
    assert r.get(anna).values["notes"] == "met in Riga"


# ---- 3. trust: verify and add check "not revoked" inside; a revocation is final ------------
def test_verifying_an_official_another_window_revoked_leaves_them_revoked(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 2 revokes C (a seized laptop); window 1 marks C verified meanwhile: C is
    'verified' again and C's bundles were imported (was)."""
    r, c, _ = rca
    fc = c.identity.fingerprint
    fired = other_window_before_begin(monkeypatch, r, lambda o: o.sharing.revoke(fc))
    with contextlib.suppress(RegistryError):  # "a revoked official cannot be verified" — correct
        r.sharing.verify(fc, "in_person")
    assert fired
    person(c, "Пётр Иванов")
    bundle = send(c, [r], tmp_path / "c-after-revoke.rbundle")
    assert [o.trust for o in r.sharing.officials() if o.fingerprint == fc] == ["revoked"]
    with pytest.raises(RegistryError, match="revoked"):
        receive(r, bundle)


def test_re_adding_a_card_another_window_revoked_leaves_them_revoked(
        rca, monkeypatch: pytest.MonkeyPatch) -> None:
    r, c, _ = rca
    fc = c.identity.fingerprint
    fired = other_window_before_begin(monkeypatch, r, lambda o: o.sharing.revoke(fc))
    with contextlib.suppress(RegistryError):
        r.sharing.add_card(c.sharing.card(), verified_method="in_person")
    assert fired
    assert [o.trust for o in r.sharing.officials() if o.fingerprint == fc] == ["revoked"]


def test_adding_a_card_another_window_added_meanwhile_refreshes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .vaults import make_vault
    r, c = make_vault(tmp_path, "R"), make_vault(tmp_path, "C")
    try:
        card = c.sharing.card()
        fired = other_window_before_begin(
            monkeypatch, r, lambda o: o.sharing.add_card(card, verified_method="in_person"))
        # a clear refusal would be fine; a raw sqlite error is not
        with contextlib.suppress(RegistryError):
            r.sharing.add_card(card, verified_method="in_person")
        assert fired
    finally:
        r.lock()
        c.lock()


def test_positive_control_verifying_a_revoked_official_is_refused(rca) -> None:
    r, c, _ = rca
    fc = c.identity.fingerprint
    other_window(r, lambda o: o.sharing.revoke(fc))
    with pytest.raises(RegistryError, match="revoked"):
        r.sharing.verify(fc, "in_person")
    with pytest.raises(RegistryError, match="revoked"):
        r.sharing.add_card(c.sharing.card(), verified_method="in_person")


# ---- 4. handover: the statement is checked inside ----------------------------------------
def _post(tmp_path: Path) -> tuple[Registry, Registry, Registry, bytes]:
    """Anna hands over to Boris; Clara (who verified Anna) has Anna's statement."""
    from .vaults import introduce, make_vault
    a, b, c = (make_vault(tmp_path, n) for n in ("Anna", "Boris", "Clara"))
    introduce(a, c)
    a.sharing.add_card(b.sharing.card(), verified_method="in_person")
    path = tmp_path / "succession.json"
    a.sharing.handover_statement(b.identity.fingerprint, path)
    return a, b, c, path.read_bytes()


def test_accepting_a_handover_while_another_window_revokes_the_predecessor_trusts_nobody(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Clara's window 2 revokes Anna (her laptop was seized); window 1 accepts the statement
    Anna's key signed. Was: the successor it names became trusted (verified by succession)."""
    a, b, c, statement = _post(tmp_path)
    try:
        fa, fb = a.identity.fingerprint, b.identity.fingerprint
        fired = other_window_before_begin(monkeypatch, c, lambda o: o.sharing.revoke(fa))
        with contextlib.suppress(RegistryError):  # "the official handing over was revoked": correct
            c.sharing.accept_handover(statement)
        assert fired
        trusted = {o.fingerprint: o.trust for o in c.sharing.officials()}
        assert trusted.get(fb) in (None, "revoked"), \
            f"a revoked key's successor is trusted: {trusted.get(fb)}"
    finally:
        for v in (a, b, c):
            v.lock()


def test_positive_control_a_handover_from_a_revoked_predecessor_is_refused(
        tmp_path: Path) -> None:
    a, b, c, statement = _post(tmp_path)
    try:
        other_window(c, lambda o: o.sharing.revoke(a.identity.fingerprint))
        with pytest.raises(RegistryError, match="revoked"):
            c.sharing.accept_handover(statement)
        assert b.identity.fingerprint not in {o.fingerprint for o in c.sharing.officials()}
    finally:
        for v in (a, b, c):
            v.lock()


# ---- 5. export: materialise() raises records it reads inside ------------------------------
def _tie_below_a_protected_person(r: Registry, c: Registry, tmp: Path) -> tuple[str, str]:
    """R holds Anna and a tie from her (internal, with a note); C's bundle flags Anna inside
    Russia. The import leaves the tie's own level as it was: the next export raises it."""
    anna = person(r, "Анна Смирнова")
    ivan = person(r, "Иван Петров")
    tie = r.add(Kind.TIE, {"from_id": anna, "to_id": ivan, "kind": "colleague",
                           "notes": "meets her every Tuesday"}).id
    flagged = {"name": "Анна Смирнова", "sensitivity": "protected", "inside_russia": True}
    receive(r, forge(c, r, tmp / "flag.rbundle",
                     [Record(anna, Kind.PERSON, flagged, dict.fromkeys(flagged, stamp(c)))]))
    assert r.store.get(tie).values["sensitivity"] == "internal"
    return anna, tie


def test_an_export_during_another_windows_erasure_leaves_the_tie_erased(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 1 exports to A; its materialise() reads the tie to raise it; window 2 erases the
    tie and commits. Was: materialise wrote the row it read, and the erased tie was back, note
    and all."""
    r, c, a = rca
    _, tie = _tie_below_a_protected_person(r, c, tmp_path)
    fired = other_window_before_begin(monkeypatch, r, lambda o: o.erase(tie))
    send(r, [a], tmp_path / "to-a.rbundle")
    assert fired
    row = r.store.get(tie)
    assert row is not None and row.erased is not None, f"erased tie is back: {row.values}"
    assert "notes" not in row.values


def test_an_export_during_another_windows_edit_keeps_the_edit(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same, with window 2 correcting the tie's note. Was: the correction was gone, not
    even in field history."""
    r, c, a = rca
    _, tie = _tie_below_a_protected_person(r, c, tmp_path)
    fired = other_window_before_begin(monkeypatch, r,
                                      lambda o: o.update(tie, {"notes": "corrected"}))
    send(r, [a], tmp_path / "to-a.rbundle")
    assert fired
    assert r.get(tie).values["notes"] == "corrected"


def test_positive_control_an_export_after_the_erasure_keeps_it_erased(
        rca, tmp_path: Path) -> None:
    r, c, a = rca
    _, tie = _tie_below_a_protected_person(r, c, tmp_path)
    other_window(r, lambda o: o.erase(tie))
    send(r, [a], tmp_path / "to-a.rbundle")
    row = r.store.get(tie)
    assert row is not None and row.erased is not None and not row.values


# ---- 6. export: the protection rule and the rows are read in one transaction ---------------
def _raise_with_a_secret(other: Registry, org: str) -> None:
    other.update(org, {"sensitivity": "confidential", "notes": "front for the FSB, source K."})


def test_an_export_holds_the_vault_while_it_reads(
        rca, tmp_path: Path) -> None:
    """R exports to A at the default ceiling (internal). While people are being read, window 2
    tries to raise organisation O to confidential and add a confidential note. Was: the
    protection rule, read first, judged O's row, read afterwards, by its old level, and O
    travelled — confidential level, new note and all — to a recipient whose ceiling is
    internal. Now the export holds the vault until it has read everything: window 2 is told
    the vault is busy, and O goes as it was when the export began."""
    r, _, a = rca
    person(r, "Пётр Иванов")
    org = r.add(Kind.ORGANISATION, {"name": "ООО Ромашка"}).id
    done: list[str] = []

    def progress(step: str, n: int, total: int) -> None:
        del n, total
        if step == "reading person" and not done:
            other = Registry.unlock(r.paths.root, PASSPHRASE)
            other.store.conn.execute("PRAGMA busy_timeout = 200")
            try:
                _raise_with_a_secret(other, org)
                done.append("raised")
            except VaultBusy:  # the export holds the vault: the other window waits its turn
                done.append("busy")
            finally:
                other.lock()

    request = r.sharing.request(to=[a.identity.fingerprint])
    r.sharing.export(request, tmp_path / "to-a.rbundle", progress=progress)
    assert done
    receive(a, tmp_path / "to-a.rbundle")
    got = a.find(org)
    assert got is None or "FSB" not in str(got.values.get("notes")), got.values
    assert done == ["busy"] and got is not None  # sent as it was when the export began
    assert r.get(org).values.get("notes") is None  # the other window's raise was not made


def test_positive_control_an_export_after_the_raise_leaves_the_record_out(
        rca, tmp_path: Path) -> None:
    r, _, a = rca
    person(r, "Пётр Иванов")
    org = r.add(Kind.ORGANISATION, {"name": "ООО Ромашка"}).id
    other_window(r, lambda o: _raise_with_a_secret(o, org))
    receive(a, send(r, [a], tmp_path / "to-a.rbundle"))
    assert a.find(org) is None


# ---- 7. retention purge: who is due is asked again inside ---------------------------------
def test_a_purge_spares_a_person_whose_review_another_window_just_postponed(
        rca, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 2 postpones Anna's review date (she is to be kept) and commits while window 1's
    purge of due people waits for the lock. Was: she was erased for good all the same."""
    import datetime as dt
    r, _, _ = rca
    anna = person(r, "Анна Смирнова", review_date="2020-01-01", notes="keep: ongoing case")
    fired = other_window_before_begin(
        monkeypatch, r, lambda o: o.update(anna, {"review_date": "2099-01-01"}))
    r.retention.purge(dt.date(2026, 1, 1))
    assert fired
    assert r.get(anna).values["notes"] == "keep: ongoing case"


def test_positive_control_a_purge_after_the_postponement_keeps_her(rca) -> None:
    import datetime as dt
    r, _, _ = rca
    anna = person(r, "Анна Смирнова", review_date="2020-01-01", notes="keep: ongoing case")
    other_window(r, lambda o: o.update(anna, {"review_date": "2099-01-01"}))
    assert r.retention.purge(dt.date(2026, 1, 1)) == []
    assert r.get(anna).values["notes"] == "keep: ongoing case"


# ---- 8. the pseudonym secret: made on first use, read inside -----------------------------
def _secret(reg: Registry) -> str | None:
    from registry.sync.exporter import PSEUDONYM_META
    return reg.store.meta_get(PSEUDONYM_META)


def test_two_first_exports_at_once_make_one_pseudonym_secret(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both windows export for the first time. Window 2 makes a secret, pseudonymises with it
    and commits it. Was: window 1 (which had read "no secret yet") overwrote it with its own,
    and what A holds under window 2's pseudonyms could never be reached again (a later erasure
    or deletion of those protected people travels as a tombstone of a different pseudonym
    id)."""
    r, _, a = rca
    from registry.sync.exporter import PSEUDONYM_META  # a vault with none (schema v19 made one)
    r.store.conn.execute("DELETE FROM meta WHERE key = ?", (PSEUDONYM_META,))
    person(r, "Глеб Орлов", inside_russia=True)
    seen: list[str | None] = []

    def other_exports(o: Registry) -> None:
        send(o, [a], tmp_path / "window2.rbundle", mode="pseudonymise")
        seen.append(_secret(o))

    fired = other_window_before_begin(monkeypatch, r, other_exports)
    send(r, [a], tmp_path / "window1.rbundle", mode="pseudonymise")
    assert fired and seen[0] is not None
    assert _secret(r) == seen[0], "the secret window 2's bundle was made with is gone"


def test_positive_control_a_second_export_keeps_the_secret(rca, tmp_path: Path) -> None:
    r, _, a = rca
    person(r, "Глеб Орлов", inside_russia=True)
    other = Registry.unlock(r.paths.root, PASSPHRASE)
    try:
        send(other, [a], tmp_path / "window2.rbundle", mode="pseudonymise")
        first = _secret(other)
    finally:
        other.lock()
    send(r, [a], tmp_path / "window1.rbundle", mode="pseudonymise")
    assert first is not None and _secret(r) == first


# ---- 9. export: who may receive it is asked inside its transaction --------------------------
def test_an_export_to_an_official_another_window_just_revoked_is_refused(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window 2 revokes A (a seized laptop) while window 1's export to A waits for the lock.
    Was: the recipients were checked before, and the bundle was written for A's keys."""
    r, _, a = rca
    person(r, "Пётр Иванов")
    request = r.sharing.request(to=[a.identity.fingerprint])
    fired = other_window_before_begin(monkeypatch, r,
                                      lambda o: o.sharing.revoke(a.identity.fingerprint))
    with pytest.raises(RegistryError, match="revoked"):
        r.sharing.export(request, tmp_path / "to-a.rbundle")
    assert fired and not (tmp_path / "to-a.rbundle").exists()


def test_positive_control_an_export_to_a_trusted_official_is_written(
        rca, tmp_path: Path) -> None:
    r, _, a = rca
    person(r, "Пётр Иванов")
    request = r.sharing.request(to=[a.identity.fingerprint])
    r.sharing.export(request, tmp_path / "to-a.rbundle")
    assert [rep.counts["new"] for rep in receive(a, tmp_path / "to-a.rbundle")] == [1]


# ---- 10. undoing an import: "not undone yet" is checked inside --------------------------------
def test_undoing_an_import_another_window_just_undid_is_refused(
        rca, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Was: both undos ran, the second over what the first (or a quarantine, which keeps some
    records on purpose) had decided."""
    r, c, _ = rca
    person(c, "Пётр Иванов")
    [report] = receive(r, send(c, [r], tmp_path / "from-c.rbundle"))
    import_id = report.import_id
    assert import_id
    fired = other_window_before_begin(monkeypatch, r, lambda o: o.sharing.revert(import_id))
    with pytest.raises(RegistryError, match="already reverted"):
        r.sharing.revert(import_id)
    assert fired
    reverts = r.store.conn.execute(
        "SELECT count(*) FROM audit WHERE action = 'revert_import'").fetchone()[0]
    assert reverts == 1


def test_positive_control_an_import_is_undone_once(rca, tmp_path: Path) -> None:
    r, c, _ = rca
    person(c, "Пётр Иванов")
    [report] = receive(r, send(c, [r], tmp_path / "from-c.rbundle"))
    assert report.import_id and r.sharing.revert(report.import_id).deleted_records == 1
