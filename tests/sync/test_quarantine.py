"""Provenance names the sender (DESIGN §6.5.1) and quarantine (§6.5.9), between in-process vaults.

Alice (the victim), Bob (an honest colleague) and Carol (whose laptop is seized half-way) trust
each other. "Over a month" is simulated by dating each import (``bundle_import.imported_at``,
the vault's own clock) back the way it would have been written on that day.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.errors import LoweringNeedsConfirmation, NotFound
from registry.service import Registry
from registry.sync.importer import ImportReport
from tests.passphrase import PASSPHRASE

from .forge import files
from .vaults import introduce, make_vault, person, receive, send


def days_ago(n: int) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=n)  # clock-ok: vs real import times
    return moment.isoformat(timespec="seconds")


def dated(vault: Registry, reports: list[ImportReport], n: int) -> None:
    """Write the imports as if they had been made ``n`` days ago."""
    for r in reports:
        assert r.import_id
        vault.store.conn.execute("UPDATE bundle_import SET imported_at = ? WHERE import_id = ?",
                                 (days_ago(n), r.import_id))


def date_of(n: int) -> str:
    return days_ago(n)[:10]


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    vaults = [make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol")]
    introduce(*vaults)
    yield vaults[0], vaults[1], vaults[2]
    for v in vaults:
        v.lock()


def reopen_copy(vault: Registry, target: Path) -> Registry:
    """A copy of ``vault`` as it is now (the same identity and keys), opened."""
    root = vault.paths.root
    vault.lock()
    shutil.copytree(root, target)
    return Registry.unlock(target, PASSPHRASE)


def reopen(root: Path) -> Registry:
    return Registry.unlock(root, PASSPHRASE)


# ---- provenance ------------------------------------------------------------------------------
def test_provenance_names_origin_and_sender(trio, tmp_path: Path) -> None:
    a, b, c = trio
    anna = person(a, "Анна Смирнова", notes="Alice's note")
    receive(b, send(a, [b], tmp_path / "a.rbundle"))
    b.update(anna, {"notes": "Bob's note"})
    receive(c, send(b, [c], tmp_path / "b.rbundle"))
    vera = person(c, "Вера Новая")
    [imported] = receive(a, send(c, [a], tmp_path / "c.rbundle"))
    fa, fb, fc = (v.identity.fingerprint for v in (a, b, c))

    prov = a.provenance(a.get(anna))
    assert prov["notes"]["origin"] == fb and prov["notes"]["by"] == "Bob"
    assert prov["notes"]["received_from"] == fc and prov["notes"]["received_from_name"] == "Carol"
    assert prov["notes"]["import_id"] == imported.import_id
    assert prov["name"]["origin"] == fa and prov["name"]["received_from"] is None
    assert prov["name"]["import_id"] is None
    new = a.provenance(a.get(vera))  # a record the import created: one row, every field
    assert {p["received_from"] for p in new.values()} == {fc}
    assert {p["import_id"] for p in new.values()} == {imported.import_id}
    assert a.store.conn.execute("SELECT count(*) FROM field_receipt WHERE record_id = ?",
                                (vera,)).fetchone()[0] == 1

    [history] = [h for h in a.store.history(anna) if h["field"] == "notes"]
    assert history["value"] == "Alice's note" and history["received_from"] is None
    assert history["replaced_by_sender"] == fc and history["import_id"] == imported.import_id

    a.update(anna, {"notes": "Alice again"})  # a local edit: no longer received
    a.update(vera, {"notes": "seen"})
    assert a.provenance(a.get(anna))["notes"]["received_from"] is None
    after = a.provenance(a.get(vera))
    assert after["notes"]["received_from"] is None and after["name"]["received_from"] == fc
    last = a.store.history(anna)[-1]
    assert last["value"] == "Bob's note" and last["received_from"] == fc
    assert last["received_import"] == imported.import_id and last["replaced_by_sender"] is None


def test_erasure_forgets_who_sent_what(trio, tmp_path: Path) -> None:
    a, _, c = trio
    vera = person(c, "Вера Стираемая")
    receive(a, send(c, [a], tmp_path / "c.rbundle"))
    a.erase(vera)
    assert a.store.conn.execute("SELECT count(*) FROM field_receipt WHERE record_id = ?",
                                (vera,)).fetchone()[0] == 0


# ---- quarantine: over a month ------------------------------------------------------------------
class Month:
    """Alice's month: Carol honest at first (day 40), Bob (day 35, day 15), then Carol's seized
    laptop (days 20 and 10). ``control`` is Alice's vault as it was before day 20, fed Bob's
    later bundle too: the vault that never imported Carol's later bundles."""

    def __init__(self, a: Registry, b: Registry, c: Registry, tmp: Path) -> None:
        self.a, self.b, self.c, self.tmp = a, b, c, tmp
        self.n = 0
        self.anna = person(a, "Анна Смирнова", notes="Alice's note")
        self.boris = person(a, "Борис Петров")
        self.dina = person(a, "Дина Орлова")
        self.memorial = a.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "ngo"}).id
        self.bundle(a, [b, c], receivers=[b, c])
        # day 40: Carol, still herself
        c.update(self.anna, {"notes": "Carol's honest note"})
        self.vera = person(c, "Вера Честная")
        dated(a, self.bundle(c, [a]), 40)
        # day 35: Bob
        self.gleb = person(b, "Глеб Иванов")
        dated(a, self.bundle(b, [a, c], receivers=[a, c]), 35)

    def bundle(self, sender: Registry, to: list[Registry], *, receivers: list[Registry] | None
               = None, **kw: Any) -> list[ImportReport]:
        self.n += 1
        path = send(sender, to, self.tmp / f"{self.n}.rbundle", **kw)
        out: list[ImportReport] = []
        for v in receivers or to:
            out += receive(v, path)
        return out

    def seized(self, control_root: Path) -> Registry:
        a, b, c = self.a, self.b, self.c
        control = reopen_copy(a, control_root)
        self.a = a = reopen(a.paths.root)
        # day 20: Carol's keys, used by someone else
        c.update(self.anna, {"email": "trap@example.org", "notes": "lies"})
        c.update(self.boris, {"sensitivity": "confidential"})  # a raise
        c.update(self.dina, {"inside_russia": True})  # reaches Alice as a protection notice
        c.delete(self.gleb)
        self.spy = person(c, "Шпион Подставной")
        self.front = c.add(Kind.ORGANISATION, {"name": "Фонд-ширма", "type": "ngo"}).id
        self.tie = c.add(Kind.TIE, {"from_id": self.spy, "to_id": self.front,
                                    "kind": "member_of"}).id
        dated(a, self.bundle(c, [a], ceiling="confidential"), 20)
        # day 15: Bob, honest, to Alice (and to the control vault)
        b.update(self.boris, {"city": "Berlin"})
        b.update(self.memorial, {"website": "https://memo.example"})
        path = send(b, [a], self.tmp / "b15.rbundle")
        dated(a, receive(a, path), 15)
        receive(control, path)
        # day 10: Carol's keys again
        c.update(self.spy, {"notes": "more lies"})
        c.update(self.boris, {"city": "Moscow"})
        c.update(self.memorial, {"notes": "a front"})
        c.update(self.vera, {"name": "Вера Ложная"})
        dated(a, self.bundle(c, [a], ceiling="confidential"), 10)
        return control


@pytest.fixture
def month(trio, tmp_path: Path) -> Iterator[Month]:
    m = Month(*trio, tmp_path)
    yield m
    m.a.lock()


def test_quarantine_restores_every_field_and_the_digest_of_a_vault_that_never_imported(
        month: Month, tmp_path: Path) -> None:
    control = month.seized(tmp_path / "control")
    try:
        a, m = month.a, month
        assert a.digest() != control.digest()
        fc = month.c.identity.fingerprint
        report = a.sharing.quarantine(fc, date_of(25), confirm_lowering=True)
        assert a.digest() == control.digest()
        assert a.sharing.trust.get(fc).revoked
    finally:
        control.lock()
    assert report.counts["imports"] == 2
    assert sorted(i for i, _ in report.removed) == sorted([m.spy, m.front, m.tie])
    restored = {r.id: r.fields for r in report.restored}
    assert restored[m.anna] == {"email": "unset", "notes": "restored"}
    assert restored[m.boris] == {"city": "restored", "sensitivity": "restored"}
    assert set(restored[m.gleb]) == {"deleted"}
    assert restored[m.memorial] == {"notes": "unset"}
    assert restored[m.vera] == {"name": "restored"}
    assert set(restored[m.dina]) == {"inside_russia", "sensitivity"}  # the notice raises both
    assert sorted(report.protection_lowered) == sorted([m.boris, m.dina])
    assert not a.get(m.dina).values.get("inside_russia")
    assert report.kept == [] and report.erased == []
    assert len(report.later_imports) == 1
    # every field from history, with its provenance: Carol's honest note of day 40 stays hers
    anna = a.get(m.anna)
    assert anna.values["notes"] == "Carol's honest note" and "email" not in anna.values
    prov = a.provenance(anna)["notes"]
    assert prov["received_from"] == fc and prov["origin"] == fc
    boris = a.provenance(a.get(m.boris))
    assert a.get(m.boris).values["city"] == "Berlin"
    assert boris["city"]["received_from"] == month.b.identity.fingerprint
    assert not a.get(m.gleb).deleted and a.search("Шпион") == []
    with pytest.raises(NotFound):
        a.get(m.spy)
    assert a.check() == []


def test_a_dry_run_reports_the_same_and_changes_nothing(month: Month, tmp_path: Path) -> None:
    control = month.seized(tmp_path / "control")
    control.lock()
    a, fc = month.a, month.c.identity.fingerprint
    before = a.digest()
    preview = a.sharing.quarantine(fc, date_of(25), dry_run=True)
    assert preview.dry_run and a.digest() == before
    assert not a.sharing.trust.get(fc).revoked
    report = a.sharing.quarantine(fc, date_of(25), confirm_lowering=True)
    assert preview.to_json() == {**report.to_json(), "dry_run": True}


def test_lowering_the_protection_they_raised_needs_confirmation_and_is_audited(
        month: Month, tmp_path: Path) -> None:
    month.seized(tmp_path / "control").lock()
    a, m, fc = month.a, month, month.c.identity.fingerprint
    before = files(a)
    with pytest.raises(LoweringNeedsConfirmation):
        a.sharing.quarantine(fc, date_of(25))
    assert files(a) == before and not a.sharing.trust.get(fc).revoked
    report = a.sharing.quarantine(fc, date_of(25), confirm_lowering=True)
    assert sorted(report.protection_lowered) == sorted([m.boris, m.dina])
    audited = {str(r[0]) for r in a.store.conn.execute(
        "SELECT record_id FROM audit WHERE action = 'lower_protection'")}
    assert audited == {m.boris, m.dina}


def test_a_revert_that_lowers_nothing_needs_no_confirmation(month: Month, tmp_path: Path
                                                            ) -> None:
    month.seized(tmp_path / "control").lock()
    a, fc = month.a, month.c.identity.fingerprint
    report = a.sharing.quarantine(fc, date_of(12))  # day 10 raised nothing
    assert report.counts["imports"] == 1 and report.protection_lowered == []
    assert a.sharing.trust.get(fc).revoked


def test_only_imports_since_the_date_are_reverted(month: Month, tmp_path: Path) -> None:
    control = month.seized(tmp_path / "control")
    control.lock()
    a, fc = month.a, month.c.identity.fingerprint
    report = a.sharing.quarantine(fc, date_of(12), confirm_lowering=True)  # day 10 only
    assert report.counts["imports"] == 1
    assert a.get(month.anna).values["notes"] == "lies"  # day 20 stays
    assert a.get(month.boris).values["city"] == "Berlin"  # Bob's, under Carol's day 10
    assert a.get(month.spy).values.get("notes") is None  # back to day 20's value
    assert a.get(month.vera).values["name"] == "Вера Честная"


def test_records_taken_up_since_are_kept_for_review(month: Month, tmp_path: Path) -> None:
    control = month.seized(tmp_path / "control")
    control.lock()
    a, m = month.a, month
    a.update(m.spy, {"city": "Riga"})  # Alice took the record up
    mine = a.add(Kind.TIE, {"from_id": m.anna, "to_id": m.front, "kind": "other"}).id
    report = a.sharing.quarantine(m.c.identity.fingerprint, date_of(25),
                                  confirm_lowering=True)
    kept = {k["id"]: k for k in report.kept}
    assert kept[m.spy]["reason"] == "changed since" and kept[m.spy]["changed_by"] == "this vault"
    assert kept[m.front]["reason"] == "referenced" and kept[m.front]["referenced_by"] == mine
    assert [i for i, _ in report.removed] == [m.tie]
    spy = a.get(m.spy)  # kept whole: its own values have nothing to go back to
    assert spy.values["city"] == "Riga" and spy.values["notes"] == "more lies"
    assert a.get(m.front).values["name"] == "Фонд-ширма"


def test_their_held_changes_are_dropped(month: Month, tmp_path: Path) -> None:
    control = month.seized(tmp_path / "control")
    control.lock()
    a, b, c, m = month.a, month.b, month.c, month
    c.erase(m.anna)  # Alice made both: erasures by Carol wait for Alice (§6.5.4)
    c.erase(m.dina)
    dated(a, m.bundle(c, [a], ceiling="confidential"), 5)
    b.erase(m.boris)  # and one by Bob
    m.bundle(b, [a])
    waiting = {h.record_id: h for h in a.sharing.held_changes()}
    assert set(waiting) == {m.anna, m.dina, m.boris}
    a.sharing.decline_held(waiting[m.dina].id)  # a decision of Alice's: it stays
    fc = c.identity.fingerprint
    report = a.sharing.quarantine(fc, date_of(25), confirm_lowering=True)
    assert report.held_dropped == 1 and report.to_json()["held_dropped"] == 1
    assert [h.record_id for h in a.sharing.held_changes()] == [m.boris]
    assert {(str(r[0]), str(r[1])) for r in a.store.conn.execute(
        "SELECT record_id, status FROM held_change")} == {(m.dina, "declined"),
                                                          (m.boris, "held")}
    assert a.get(m.anna).values["name"] == "Анна Смирнова"  # never erased here


def test_a_bad_date_changes_nothing(month: Month) -> None:
    from registry.errors import InvalidInput

    a, fc = month.a, month.c.identity.fingerprint
    with pytest.raises(InvalidInput):
        a.sharing.quarantine(fc, "last month")
    assert not a.sharing.trust.get(fc).revoked


def test_erasures_they_sent_are_reported_or_removed_with_their_records(
        month: Month, tmp_path: Path) -> None:
    control = month.seized(tmp_path / "control")
    control.lock()
    a, c, m = month.a, month.c, month
    c.erase(m.vera)  # hers since day 40: erased for good here, it cannot come back
    c.erase(m.front)  # made on day 20, erased on day 5: as if it never came
    dated(a, m.bundle(c, [a], ceiling="confidential"), 5)
    assert a.store.get(m.vera).erased is not None  # type: ignore[union-attr]
    report = a.sharing.quarantine(c.identity.fingerprint, date_of(25),
                                  confirm_lowering=True)
    assert report.erased == [m.vera]
    assert sorted(i for i, _ in report.removed) == sorted([m.spy, m.front, m.tie])
    assert a.store.get(m.front) is None


def test_an_event_of_this_vault_keeps_a_participant_they_made(month: Month,
                                                              tmp_path: Path) -> None:
    control = month.seized(tmp_path / "control")
    control.lock()
    a, m = month.a, month
    event = a.add(Kind.EVENT, {"title": "Встреча", "start": "2025-03-01",
                               "participants": [m.spy]}).id
    report = a.sharing.quarantine(m.c.identity.fingerprint, date_of(25),
                                  confirm_lowering=True)
    kept = {k["id"]: k for k in report.kept}
    assert kept[m.spy]["referenced_by"] == event
    assert a.get(m.spy).values["name"] == "Шпион Подставной"


def test_nothing_of_theirs_since_the_date_revokes_only(month: Month) -> None:
    a, fc = month.a, month.c.identity.fingerprint
    before = a.digest()
    report = a.sharing.quarantine(fc, dt.datetime.now(dt.UTC).isoformat())  # clock-ok
    assert report.imports == [] and report.counts["records_restored"] == 0
    assert a.digest() == before and a.sharing.trust.get(fc).revoked


@pytest.mark.parametrize(("text", "want"), [
    ("2025-03-01", "2025-03-01T00:00:00+00:00"),
    ("2025-03-01T10:30:00Z", "2025-03-01T10:30:00+00:00"),
    ("2025-03-01T12:30:00+02:00", "2025-03-01T10:30:00+00:00"),
    ("2025-03-01T10:30:00", "2025-03-01T10:30:00+00:00"),
])
def test_the_date_is_read_as_utc(text: str, want: str) -> None:
    from registry.sync.quarantine import parse_since

    assert parse_since(text) == want


@pytest.mark.parametrize("relayed_first", [True, False])
def test_a_colleagues_raise_relayed_first_by_the_revoked_official_stays(
        tmp_path: Path, relayed_first: bool) -> None:
    """Bob flags Pyotr inside Russia and sends the raise to Alice himself; Carol's seized laptop
    relays the same raise (Bob's stamps) to Alice first, so Bob's bundle changes nothing and
    leaves no trace. Quarantining Carol must not undo Bob's flag: Pyotr stays protected, the
    vault equals one that never imported Carol's bundle, and nothing of him leaves in a
    default bundle. The other order is the control."""
    a, b, c, d = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol", "Dave"))
    introduce(a, b, c, d)
    pyotr = person(a, "Пётр Семёнов", city="Тверь", notes="журналист")
    for v in (b, c):
        receive(v, send(a, [v], tmp_path / f"a-{v.identity.name}.rbundle"))
    receive(c, send(b, [c], tmp_path / "b-c0.rbundle"))  # Bob shares what he holds
    b.update(pyotr, {"inside_russia": True})
    receive(c, send(b, [c], tmp_path / "b-c.rbundle"))
    from_bob = send(b, [a], tmp_path / "b-a.rbundle")
    from_carol = send(c, [a], tmp_path / "c-a.rbundle")
    control = reopen_copy(a, tmp_path / "control")
    a = reopen(a.paths.root)
    receive(control, from_bob)
    for path in (from_carol, from_bob) if relayed_first else (from_bob, from_carol):
        receive(a, path)
    report = a.sharing.quarantine(c.identity.fingerprint, date_of(0))
    assert report.protection_lowered == []
    assert a.get(pyotr).values["inside_russia"] is True
    assert a.digest() == control.digest()
    [out] = receive(d, send(a, [d], tmp_path / "a-d.rbundle"))
    assert d.store.get(pyotr) is None and out.counts["new"] == 0
    for v in (a, b, c, d, control):
        v.lock()
