"""Quarantine at its edges (DESIGN §6.5.9), in-process: **C**'s keys are revoked and what
C's bundles set is put back in **R**; **D** is a colleague R shares records with."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.errors import NotFound
from registry.service import Registry
from registry.sync import wire
from registry.sync.redact import Mode
from tests.passphrase import PASSPHRASE

from .forge import files, forge
from .test_adversarial import dump
from .vaults import introduce, make_vault, person, receive, send

SINCE = "2000-01-01"  # every import these tests make


@pytest.fixture
def rcd(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    vaults = [make_vault(tmp_path, n) for n in ("R", "C", "D")]
    introduce(*vaults)
    yield vaults[0], vaults[1], vaults[2]
    for v in vaults:
        v.lock()


def test_an_event_and_the_participant_they_both_made_go_together(rcd, tmp_path: Path) -> None:
    """The participant of an event C made is pointed to only by that event, which goes too:
    neither keeps the other here. An event of R's own keeps C's participant (the control)."""
    r, c, _ = rcd
    spy = person(c, "Шпион Подставной")
    event = c.add(Kind.EVENT, {"title": "Встреча", "start": "2025-03-01",
                               "participants": [spy]}).id
    witness = person(c, "Свидетель Подставной")
    receive(r, send(c, [r], tmp_path / "c.rbundle"))
    mine = r.add(Kind.EVENT, {"title": "Своя встреча", "start": "2025-03-02",
                              "participants": [witness]}).id
    report = r.sharing.quarantine(c.identity.fingerprint, SINCE)
    assert sorted(report.removed) == sorted([(spy, "person"), (event, "event")])
    assert [(k["id"], k["referenced_by"]) for k in report.kept] == [(witness, mine)]
    for gone in (spy, event):
        with pytest.raises(NotFound):
            r.get(gone)
    assert r.get(mine).values["participants"] == [witness]


def test_a_second_quarantine_of_the_same_official_changes_nothing_more(
        rcd, tmp_path: Path) -> None:
    """C made Anna and later erased her: the first quarantine takes her out as if she never
    came, and reports the erasure of R's own Boris as not undone. Asked again, it finds
    Anna gone, reports Boris again, and changes nothing but the audit of its asking."""
    r, c, _ = rcd
    boris = person(r, "Борис Ким")
    receive(c, send(r, [c], tmp_path / "r.rbundle"))
    anna = person(c, "Анна Смирнова")
    receive(r, send(c, [r], tmp_path / "c1.rbundle"))
    c.erase(anna)
    c.erase(boris)
    [report] = receive(r, send(c, [r], tmp_path / "c2.rbundle"))
    assert report.counts["erased"] == 1 and report.counts["held"] == 1  # Boris is R's: held
    [waiting] = r.sharing.held_changes()
    r.sharing.accept_held(waiting.id)
    first = r.sharing.quarantine(c.identity.fingerprint, SINCE)
    assert first.removed == [(anna, "person")] and first.erased == [boris]
    assert r.store.get(anna) is None
    digest, rows = r.digest(), dump(r)
    again = r.sharing.quarantine(c.identity.fingerprint, SINCE)
    assert again.imports == first.imports and again.erased == [boris]
    assert (again.removed, again.restored, again.kept) == ([], [], [])
    after = dump(r)
    assert r.digest() == digest and {t for t in rows if rows[t] != after[t]} == {"audit", "meta"}
    assert [a[0] for a in r.store.conn.execute(
        "SELECT action FROM audit ORDER BY seq DESC LIMIT 3")] == [
        "quarantine", "trust_revoke", "quarantine"]


def test_nobody_is_named_to_quarantine_when_nothing_of_theirs_stands(
        rcd, tmp_path: Path) -> None:
    """C changed Anna's city, and R passed Anna on to D. While C's value stands, reverting it
    names D (who may hold it too); once R set the city itself, nothing of C's stands here and
    nobody else is named."""
    r, c, d = rcd
    anna = person(r, "Анна Смирнова", city="Kazan")
    receive(c, send(r, [c], tmp_path / "r.rbundle"))
    receive(d, send(r, [d], tmp_path / "d.rbundle"))
    c.update(anna, {"city": "Moscow"})
    receive(r, send(c, [r], tmp_path / "c.rbundle"))
    fc = c.identity.fingerprint
    preview = r.sharing.quarantine(fc, SINCE, dry_run=True)  # the control
    assert [x.fields for x in preview.restored] == [{"city": "restored"}]
    assert preview.forwarded_to == [d.identity.fingerprint]
    r.update(anna, {"city": "Riga"})
    report = r.sharing.quarantine(fc, SINCE)
    assert len(report.imports) == 1 and report.restored == [] and report.forwarded_to == []
    assert r.get(anna).values["city"] == "Riga" and r.sharing.trust.get(fc).revoked


def test_a_bundle_imported_since_from_someone_else_is_compared_again_after_it(
        rca, tmp_path: Path) -> None:
    """C relays A's record to R first; A's own bundle then delivers it unchanged (nothing
    of it is kept) beside a new one. Quarantining C removes the record C brought; the report
    names A's import, and importing A's bundle again brings the record back: it is compared
    in full, not taken for a replay. The control: before the quarantine it is a replay."""
    r, c, a = rca
    anna = person(a, "Анна Смирнова", city="Tbilisi")
    receive(c, send(a, [c], tmp_path / "a_to_c.rbundle"))
    receive(r, send(c, [r], tmp_path / "c_to_r.rbundle"))
    person(a, "Борис Иванов")
    from_a = send(a, [r], tmp_path / "a_to_r.rbundle")
    [first] = receive(r, from_a)
    assert first.counts["new"] == 1 and first.counts["unchanged"] == 1
    assert receive(r, from_a)[0].replay_of == first.import_id
    report = r.sharing.quarantine(c.identity.fingerprint, "2000-01-01")
    assert first.import_id in report.later_imports and r.store.get(anna) is None
    [again] = receive(r, from_a)
    assert again.replay_of is None and again.counts["new"] == 1
    assert r.get(anna).values["city"] == "Tbilisi"
    assert receive(r, from_a)[0].replay_of == again.import_id  # recognised again from now


def test_after_a_quarantine_another_payload_under_a_merged_bundles_id_is_still_refused(
        rca, tmp_path: Path) -> None:
    """The imports a quarantine marks to be compared again keep the tripwire for a reused
    bundle id: another payload under the id of A's merged bundle is refused, as before."""
    from registry.errors import TrustError

    from .forge import forge, record

    r, c, a = rca
    receive(r, forge(c, r, tmp_path / "c.rbundle", [record(c, Kind.PERSON, {"name": "X Y"})]))
    same_id = "11111111-1111-4111-8111-111111111111"
    receive(r, forge(a, r, tmp_path / "a1.rbundle",
                     [record(a, Kind.PERSON, {"name": "Борис Иванов"})], bundle_id=same_id))
    r.sharing.quarantine(c.identity.fingerprint, "2000-01-01")
    other = forge(a, r, tmp_path / "a2.rbundle",
                  [record(a, Kind.PERSON, {"name": "Someone Else"})], bundle_id=same_id)
    with pytest.raises(TrustError, match="already imported"):
        receive(r, other)


def _anna_shared(abm: tuple[Registry, Registry, Registry], tmp_path: Path,
                 **request: object) -> str:
    """A's Anna, sent to B and M (``request``: the export's options), who imported her."""
    a, b, m = abm
    anna = person(a, "Анна Смирнова", country="LT")
    shared = send(a, [b, m], tmp_path / "a.rbundle", **request)
    receive(b, shared)
    receive(m, shared)
    return anna


@pytest.mark.parametrize("first", ["M", "B"])
@pytest.mark.parametrize("mode", ["exclude", "include"], ids=["notices", "lines"])
def test_an_honest_flag_that_arrived_after_theirs_stays(abm, tmp_path: Path, first: str,
                                                        mode: str) -> None:
    """B flags Anna inside Russia; M flags her too, later. With M's bundle first, B's raise
    (the same flag under an older stamp) changed nothing at A and was kept nowhere: the
    quarantine of M took the flag away (its preview asked to lower her, as "their" raise),
    the digest differed from a vault that never imported M's bundle, and A's next bundle
    would send her by name. The flag B sent now stays, with B's stamp, as in that vault.
    As a protection notice (A's default) and as a record line; B's bundle first is the
    positive control (it always stayed)."""
    a, b, m = abm
    anna = _anna_shared(abm, tmp_path)
    extra = {"ceiling": Sensitivity.PROTECTED, "mode": Mode.INCLUDE} if mode == "include" \
        else {}
    b.update(anna, {"inside_russia": True})
    from_b = send(b, [a], tmp_path / "b.rbundle", **extra)
    m.update(anna, {"inside_russia": True})
    from_m = send(m, [a], tmp_path / "m.rbundle", **extra)
    a, never = _with_never(a, tmp_path)  # a copy of A as it is: it never imports M's bundle
    try:
        receive(never, from_b)
        for path in (from_m, from_b) if first == "M" else (from_b, from_m):
            receive(a, path)
        report = a.sharing.quarantine(m.identity.fingerprint, SINCE)  # no lowering confirmed
        assert report.protection_lowered == []
        assert a.get(anna).values["inside_russia"] is True
        assert a.get(anna).stamps["inside_russia"].origin == b.identity.fingerprint
        assert a.digest() == never.digest()
    finally:
        never.lock()
        a.lock()


def test_masked_protection_is_kept_once_and_goes_with_the_record(abm, tmp_path: Path) -> None:
    """What B delivered under M's newer flag is kept by that import alone: importing B's
    bundle again, recognised or compared in full, writes nothing; erasing her takes it."""
    a, b, m = abm
    anna = _anna_shared(abm, tmp_path)
    b.update(anna, {"inside_russia": True})
    from_b = send(b, [a], tmp_path / "b.rbundle")
    m.update(anna, {"inside_russia": True})
    receive(a, send(m, [a], tmp_path / "m.rbundle"))
    [masking] = receive(a, from_b)
    kept = a.store.masked(anna).get("inside_russia", [])
    assert [(v, s.origin, i) for v, s, i in kept] == [
        (True, b.identity.fingerprint, masking.import_id)]
    before = files(a)
    receive(a, from_b)
    a.sharing.import_bundles([from_b], recognise_replays=False)
    assert files(a) == before
    a.erase(anna)
    assert a.store.masked(anna).get("inside_russia", []) == []


X = {"ceiling": Sensitivity.PROTECTED, "mode": Mode.INCLUDE}  # record lines, not notices


def _revoked_keeps_her(a: Registry, m: Registry, anna: str, never: Registry | None = None
                       ) -> None:
    """Revoke M and undo its bundles: Anna stays flagged and protected, nothing is lowered,
    and A is the vault that never imported M's bundles (``never``), when given."""
    report = a.sharing.quarantine(m.identity.fingerprint, SINCE, confirm_lowering=True)
    assert a.get(anna).values.get("inside_russia") is True, "B's flag was dropped"
    assert a.is_protected(anna) and report.protection_lowered == []
    if never is not None:
        assert a.digest() == never.digest()


def waits_since_january(vaults: tuple[Registry, ...], notice: Path, record_id: str) -> None:
    """Each of ``vaults`` imports ``notice`` (a flag on ``record_id``, which they do not hold
    yet: it waits), as if in January."""
    for vault in vaults:
        [held] = receive(vault, notice)
        assert held.notices_held == [record_id]
        vault.store.conn.execute(
            "UPDATE bundle_import SET imported_at = ? WHERE import_id = ?",
            ("2026-01-10T09:00:00+00:00", held.import_id))


def _with_never(a: Registry, tmp_path: Path) -> tuple[Registry, Registry]:
    root = a.paths.root
    a.lock()
    shutil.copytree(root, tmp_path / "never")
    return Registry.unlock(root, PASSPHRASE), Registry.unlock(tmp_path / "never", PASSPHRASE)


@pytest.mark.parametrize("relayed_first", [True, False], ids=["M-relayed-B-first", "control"])
def test_honest_flag_stays_when_m_had_relayed_it_before_its_own(abm, tmp_path: Path,
                                                                  relayed_first: bool) -> None:
    """B flags Anna and sends it to M and A. M (honest then) relays it to A first; later M
    flags her again under its own newer stamp. B's own bundle reaches A last, masked. B's
    stamp was already in field history (brought by M's first import), so it was not kept,
    and the quarantine of M went back past both of M's imports and lowered her. Each bundle
    now keeps its own delivery. Control: M never relayed B's flag."""
    a, b, m = abm
    anna = _anna_shared(abm, tmp_path, **X)
    b.update(anna, {"inside_russia": True})
    from_b_to_m = send(b, [m], tmp_path / "b2m.rbundle", **X)
    from_b = send(b, [a], tmp_path / "b.rbundle", **X)
    receive(m, from_b_to_m)
    relay = send(m, [a], tmp_path / "m1.rbundle", **X) if relayed_first else None
    m.update(anna, {"inside_russia": False, "sensitivity": "internal"}, confirm_lowering=True)
    m.update(anna, {"inside_russia": True, "sensitivity": "protected"})
    own = send(m, [a], tmp_path / "m2.rbundle", **X)
    a, never = _with_never(a, tmp_path)
    try:
        receive(never, from_b)
        if relay is not None:
            receive(a, relay)
        receive(a, own)
        receive(a, from_b)
        assert a.get(anna).stamps["inside_russia"].origin == m.identity.fingerprint
        _revoked_keeps_her(a, m, anna, never)
    finally:
        never.lock()
        a.lock()


@pytest.mark.parametrize("planted", [True, False], ids=["planted", "control"])
def test_a_flag_planted_under_bs_stamp_does_not_swallow_bs_own(abm, tmp_path: Path,
                                                              planted: bool) -> None:
    """M (seized) holds B's flag. M flags Anna under its own newer stamp, then sends A a
    well-signed bundle with her flag under B's exact stamp, which lost and was kept under
    M's import; B's genuine bundle then kept nothing, and revoking M dropped M's rows and
    B's flag with them. Control: without the planted line."""
    a, b, m = abm
    anna = _anna_shared(abm, tmp_path, **X)
    b.update(anna, {"inside_russia": True})
    from_b = send(b, [a], tmp_path / "b.rbundle", **X)
    receive(m, send(b, [m], tmp_path / "b2m.rbundle", **X))
    by_b = m.get(anna)  # what B sent M: the values and B's stamps
    m.update(anna, {"inside_russia": False, "sensitivity": "internal"}, confirm_lowering=True)
    m.update(anna, {"inside_russia": True, "sensitivity": "protected"})
    own = send(m, [a], tmp_path / "m1.rbundle", **X)
    plant = forge(m, a, tmp_path / "m2.rbundle", [Record(
        anna, Kind.PERSON,
        {f: by_b.values[f] for f in ("name", "inside_russia", "sensitivity")},
        {f: by_b.stamps[f] for f in ("name", "inside_russia", "sensitivity")})])
    a, never = _with_never(a, tmp_path)
    try:
        receive(never, from_b)
        receive(a, own)
        if planted:
            receive(a, plant)
        receive(a, from_b)
        _revoked_keeps_her(a, m, anna, never)
    finally:
        never.lock()
        a.lock()


@pytest.mark.parametrize("revert_first", [True, False], ids=["B1-reverted", "control"])
def test_a_second_delivery_stays_when_the_first_import_is_reverted(
        abm, tmp_path: Path, revert_first: bool) -> None:
    """B sends Anna's flag in two bundles, both losing to M's newer flag at A; only the
    first kept it. The official reverts B1 (its row goes with it), then revokes M: the flag
    B2 delivered was gone. Control: B1 not reverted."""
    a, b, m = abm
    anna = _anna_shared(abm, tmp_path, **X)
    b.update(anna, {"inside_russia": True})
    b1 = send(b, [a], tmp_path / "b1.rbundle", **X)
    b2 = send(b, [a], tmp_path / "b2.rbundle", **X)
    m.update(anna, {"inside_russia": True})
    receive(a, send(m, [a], tmp_path / "m.rbundle", **X))
    [first] = receive(a, b1)
    receive(a, b2)
    if revert_first:
        a.sharing.revert(first.import_id)
    _revoked_keeps_her(a, m, anna)


@pytest.mark.parametrize("m_first", [True, False], ids=["M first", "B first"])
def test_an_honest_waiting_notice_stays_after_the_revoked_ones(abm, tmp_path: Path,
                                                               m_first: bool) -> None:
    """A does not hold Anna yet: B's notice flagging her, and M's later one, both wait. With
    M's first, B's raised nothing above it and was not kept: the quarantine of M dropped
    M's, and Anna arrived unflagged (its preview calling it M's raise). Each sender's
    waiting notices are now kept apart. Control: B's first."""
    a, b, m = abm
    anna = person(b, "Анна Смирнова", country="LT")
    first = send(b, [a, m], tmp_path / "b0.rbundle")  # A has not imported it yet
    receive(m, first)
    b.update(anna, {"inside_russia": True})
    from_b = send(b, [a], tmp_path / "b1.rbundle", notices_only=True)
    m.update(anna, {"inside_russia": True})  # M's flag, a newer stamp
    mine = m.get(anna)
    names = ("inside_russia", "sensitivity")
    from_m = forge(m, a, tmp_path / "m1.rbundle", [],
                   [wire.notice_line(anna, Kind.PERSON, {n: mine.values[n] for n in names},
                                     {n: mine.stamps[n] for n in names})])
    a, never = _with_never(a, tmp_path)
    try:
        receive(never, from_b, first)
        for path in (from_m, from_b) if m_first else (from_b, from_m):
            receive(a, path)
        receive(a, first)
        preview = a.sharing.quarantine(m.identity.fingerprint, SINCE, dry_run=True)
        assert preview.protection_lowered == []
        _revoked_keeps_her(a, m, anna, never)
    finally:
        never.lock()
        a.lock()


@pytest.mark.parametrize("stale", [True, False], ids=["stale copy", "up to date"])
def test_a_stale_copy_of_a_value_held_here_before_writes_nothing(abm, tmp_path: Path,
                                                                 stale: bool) -> None:
    """B's regular bundle carries back A's older level of Anna: it changes nothing, and was
    kept as masked protection (an import logged, the vault written) once per colleague and
    record. A value this vault held before is in its field history, which a quarantine
    weighs already: nothing is kept. Control: B up to date."""
    a, b, _ = abm
    anna = person(a, "Анна Смирнова", country="LT")
    receive(b, send(a, [b], tmp_path / "a1.rbundle", **X))
    a.update(anna, {"sensitivity": "confidential"})
    if not stale:
        receive(b, send(a, [b], tmp_path / "a2.rbundle", **X))
    back = send(b, [a], tmp_path / "b.rbundle", **X)
    before = files(a)
    [report] = receive(a, back)
    assert report.import_id is None and files(a) == before
    assert a.store.masked(anna).get("sensitivity", []) == []


@pytest.mark.parametrize("planted", [True, False], ids=["planted", "control"])
def test_another_value_planted_under_bs_stamp_does_not_swallow_bs_flag(
        abm, tmp_path: Path, planted: bool) -> None:
    """M holds B's flag of Anna and its stamp. M sends A a line setting her inside_russia to
    *false* under B's exact stamp (it wins: the same rank, a newer stamp), then flags her
    under its own newer stamp: B's stamp now lies in A's field history with M's false. B's
    genuine flag arrives last and loses to M's: it was taken as delivered before (the stamp
    alone was asked, not the value) and not kept, so revoking M set her back to the planted
    false. Control: no planted line."""
    a, b, m = abm
    anna = _anna_shared(abm, tmp_path, **X)
    b.update(anna, {"inside_russia": True})
    from_b = send(b, [a], tmp_path / "b.rbundle", **X)
    receive(m, send(b, [m], tmp_path / "b2m.rbundle", **X))
    by_b = m.get(anna).stamps["inside_russia"]
    plant = forge(m, a, tmp_path / "m1.rbundle", [Record(
        anna, Kind.PERSON, {"inside_russia": False}, {"inside_russia": by_b})])
    m.update(anna, {"inside_russia": False}, confirm_lowering=True)
    m.update(anna, {"inside_russia": True})
    own = send(m, [a], tmp_path / "m2.rbundle", **X)
    a, never = _with_never(a, tmp_path)
    try:
        receive(never, from_b)
        if planted:
            receive(a, plant)
        receive(a, own)
        receive(a, from_b)
        report = a.sharing.quarantine(m.identity.fingerprint, SINCE, confirm_lowering=True)
        assert a.get(anna).values.get("inside_russia") is True, "B's flag was dropped"
        assert report.protection_lowered == []
        assert a.digest() == never.digest()
    finally:
        never.lock()
        a.lock()


@pytest.mark.parametrize("before_date", [True, False], ids=["sent-before-DATE", "control"])
def test_a_notice_sent_before_the_date_keeps_waiting(abm, tmp_path: Path,
                                                     before_date: bool) -> None:
    """M, honest in January, flagged B's Anna inside Russia and told A, who does not hold
    her yet: the notice waits. M's laptop is seized in March; A revokes M with
    --revert-since March. The quarantine dropped every notice of M's still waiting, the
    January one too, though it reverts nothing else M sent before the date: Anna then
    arrived from B unflagged, and A's next bundle would carry her by name. Control: a
    notice sent after the date goes."""
    a, b, m = abm
    anna = person(b, "Анна Смирнова", country="LT")
    receive(m, send(b, [m], tmp_path / "b2m.rbundle"))
    from_b = send(b, [a], tmp_path / "b.rbundle")  # A imports it after the quarantine
    m.update(anna, {"inside_russia": True})
    mine = m.get(anna)
    names = ("inside_russia", "sensitivity")
    flag = forge(m, a, tmp_path / "m1.rbundle", [],
                 [wire.notice_line(anna, Kind.PERSON, {n: mine.values[n] for n in names},
                                   {n: mine.stamps[n] for n in names})])
    a, never = _with_never(a, tmp_path)  # never imports M's bundles since the date
    try:
        for vault in (a, never) if before_date else (a,):
            [held] = receive(vault, flag)
            vault.store.conn.execute(  # imported in January
                "UPDATE bundle_import SET imported_at = ? WHERE import_id = ?",
                ("2026-01-10T09:00:00+00:00" if before_date else "2026-03-10T09:00:00+00:00",
                 held.import_id))
        report = a.sharing.quarantine(m.identity.fingerprint, "2026-03-01")
        assert report.notices_dropped == (0 if before_date else 1)
        for vault in (a, never):
            receive(vault, from_b)
        assert bool(a.get(anna).values.get("inside_russia")) is before_date
        assert a.digest() == never.digest()
    finally:
        never.lock()
        a.lock()


@pytest.mark.parametrize("mode", ["exclude", "include"], ids=["notices", "lines"])
@pytest.mark.parametrize("relayed_first", [True, False], ids=["M-relayed-first", "control"])
def test_a_flag_of_an_official_unknown_here_stays_when_b_delivered_it_too(
        abm, tmp_path: Path, mode: str, relayed_first: bool) -> None:
    """D, whom A does not know, flags her own Anna inside Russia and tells B and M; both
    pass it on to A. M's bundle comes first; B's then delivers the very same flag (same
    stamp, same value): it changed nothing and was kept nowhere. Revoking M went back past
    M's import (D's stamp is no trusted official's) and took the flag away, though the
    vault that never imported M's bundles holds it from B. Control: M's never came."""
    a, b, m = abm
    d = make_vault(tmp_path, "D")  # trusted by B and M, unknown to A
    for v in (b, m):
        v.sharing.add_card(d.sharing.card(), verified_method="safety_number")
        d.sharing.add_card(v.sharing.card(), verified_method="safety_number")
    request = X if mode == "include" else {}
    try:
        anna = person(d, "Анна Смирнова", country="LT")
        for v in (b, m):
            receive(v, send(d, [v], tmp_path / f"d0{v.identity.name}.rbundle", **request))
            receive(a, send(v, [a], tmp_path / f"{v.identity.name}0.rbundle", **request))
        d.update(anna, {"inside_russia": True})
        for v in (b, m):
            receive(v, send(d, [v], tmp_path / f"d1{v.identity.name}.rbundle", **request))
        from_b = send(b, [a], tmp_path / "b1.rbundle", **request)
        relay = send(m, [a], tmp_path / "m1.rbundle", **request)
        a, never = _with_never(a, tmp_path)
        try:
            receive(never, from_b)
            if relayed_first:
                receive(a, relay)
            receive(a, from_b)
            report = a.sharing.quarantine(m.identity.fingerprint, SINCE,
                                          confirm_lowering=True)
            assert a.get(anna).values.get("inside_russia") is True, "the flag was dropped"
            assert report.protection_lowered == []
            assert a.digest() == never.digest()
            assert receive(a, from_b)[0].import_id is None  # kept once: nothing more now
        finally:
            never.lock()
            a.lock()
    finally:
        d.lock()


@pytest.mark.parametrize("m_first", [True, False], ids=["M-first", "control"])
def test_a_waiting_flag_of_an_official_unknown_here_stays_when_b_sent_it_too(
        abm, tmp_path: Path, m_first: bool) -> None:
    """As above, with Anna not held at A yet: M's and B's notices carrying D's flag both wait;
    when she arrives M's applies first and B's, the same flag, changed nothing and was kept
    nowhere, so revoking M took the flag away. Control: M's notice never came."""
    a, b, m = abm
    d = make_vault(tmp_path, "D")  # trusted by B, unknown to A
    b.sharing.add_card(d.sharing.card(), verified_method="safety_number")
    d.sharing.add_card(b.sharing.card(), verified_method="safety_number")
    try:
        anna = person(d, "Анна Смирнова", country="LT")
        receive(b, send(d, [b], tmp_path / "d0.rbundle"))
        first = send(b, [a], tmp_path / "b0.rbundle")  # A imports it last
        d.update(anna, {"inside_russia": True})
        receive(b, send(d, [b], tmp_path / "d1.rbundle"))
        from_b = send(b, [a], tmp_path / "b1.rbundle", notices_only=True)
        flagged = d.get(anna)
        names = ("inside_russia", "sensitivity")
        from_m = forge(m, a, tmp_path / "m1.rbundle", [], [wire.notice_line(
            anna, Kind.PERSON, {n: flagged.values[n] for n in names},
            {n: flagged.stamps[n] for n in names})])
        a, never = _with_never(a, tmp_path)
        try:
            receive(never, from_b, first)
            receive(a, *((from_m, from_b, first) if m_first else (from_b, first)))
            report = a.sharing.quarantine(m.identity.fingerprint, SINCE,
                                          confirm_lowering=True)
            assert a.get(anna).values.get("inside_russia") is True, "the flag was dropped"
            assert report.protection_lowered == []
            assert a.digest() == never.digest()
        finally:
            never.lock()
            a.lock()
    finally:
        d.lock()


@pytest.mark.parametrize("m_brings_her", [True, False], ids=["M-brings-her", "control"])
def test_a_waiting_flag_her_arrival_from_m_met_waits_again_after_the_quarantine(
        abm, tmp_path: Path, m_brings_her: bool) -> None:
    """B flags her Anna inside Russia and tells A in January, before A holds her: the notice
    waits. In March M (seized) sends A Anna with that very flag: she arrives, B's notice
    meets what stands (kept only as masked) and leaves the waiting list. Revoking M since
    March takes Anna out (only M's import made her) and B's flag with her; the vault that
    never imported M's bundles still has B's notice waiting. When Anna then comes from an
    honest copy made before the flag, that vault flags her and A sent her out by name.
    Control: M's bundle never came."""
    a, b, m = abm
    anna = person(b, "Анна Смирнова", country="LT")
    unflagged = send(b, [a], tmp_path / "b0.rbundle")  # A imports it after the quarantine
    receive(m, send(b, [m], tmp_path / "b2m0.rbundle"))
    b.update(anna, {"inside_russia": True})
    notice = send(b, [a], tmp_path / "b1.rbundle", notices_only=True)
    receive(m, send(b, [m], tmp_path / "b2m1.rbundle"))
    relay = send(m, [a], tmp_path / "m1.rbundle", **X)
    a, never = _with_never(a, tmp_path)  # never imports M's bundles since the date
    try:
        waits_since_january((a, never), notice, anna)
        if m_brings_her:
            receive(a, relay)
            assert a.get(anna).values.get("inside_russia") is True
        a.sharing.quarantine(m.identity.fingerprint, "2026-03-01", confirm_lowering=True)
        for vault in (a, never):
            receive(vault, unflagged)
        assert a.get(anna).values.get("inside_russia") is True, "B's flag was lost"
        assert a.is_protected(anna)
        assert a.digest() == never.digest()
    finally:
        never.lock()
        a.lock()


@pytest.mark.parametrize("held_first", [False, True], ids=["before-her-copy", "control"])
def test_a_deletion_sent_before_the_honest_copy_goes_with_their_bundles(
        abm, tmp_path: Path, held_first: bool) -> None:
    """M sent a signed deletion of B's Vera before A held her; B's copy then merged into
    that tombstone, and stayed deleted after M's quarantine: the record counted as M's,
    taken up since, and kept "whole" — M's deletion with it, which only M could undo (was).
    A record kept for review keeps what has nothing to go back to, but their deletion.
    Control: A held Vera before M's deletion."""
    from .forge import record

    a, b, m = abm
    vera = person(b, "Вера Новая", country="LT")
    receive(m, send(b, [m], tmp_path / "b-m.rbundle"))
    if held_first:
        receive(a, send(b, [a], tmp_path / "b-a0.rbundle"))
    a, never = _with_never(a, tmp_path)
    try:
        tomb = record(m, Kind.PERSON, {"deleted": True}, vera)
        receive(a, forge(m, a, tmp_path / "m.rbundle", [tomb], sign=True))
        honest = send(b, [a], tmp_path / "b-a1.rbundle")
        receive(a, honest)
        receive(never, honest)
        assert a.store.get(vera).deleted
        a.sharing.quarantine(m.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        assert not a.store.get(vera).deleted and a.digest() == never.digest()
    finally:
        never.lock()
        a.lock()


def test_a_record_they_made_up_under_an_honest_id_and_erased_can_arrive_after_them(
        abm, tmp_path: Path) -> None:
    """M sent B's Anna's id under its own stamps (so M is her maker, as far as A can tell),
    then erased her as her maker: at once. B's honest copy arrived and met the tombstone:
    Anna never appeared at A, and nothing was asked (DESIGN §6.5.4). This vault cannot tell
    such an erasure from a maker's own; the quarantine of M takes the record M made and
    erased away whole, and B's bundle, imported again, brings Anna."""
    from registry.domain.hlc import Stamp

    from .forge import record, signed_by

    a, b, m = abm
    anna = person(b, "Анна Смирнова", notes="activist")
    receive(m, send(b, [m], tmp_path / "b-m.rbundle"))
    receive(a, forge(m, a, tmp_path / "m1.rbundle", [record(m, Kind.PERSON, {"name": "x"},
                                                            anna)]))
    gone = Record(anna, Kind.PERSON, erased=Stamp(m.store.clock.tick(), m.identity.fingerprint))
    receive(a, forge(m, a, tmp_path / "m2.rbundle", [], [wire.to_line(gone,
                                                                      signed_by(m, gone))]))
    honest = send(b, [a], tmp_path / "b-a.rbundle")
    receive(a, honest)
    assert a.store.get(anna).erased is not None
    report = a.sharing.quarantine(m.identity.fingerprint, "2000-01-01")
    assert (anna, "person") in report.removed and a.store.get(anna) is None
    receive(a, honest)
    assert a.get(anna).values["notes"] == "activist"


def test_a_person_they_sent_flagged_and_the_official_took_up_stays_flagged(
        abm, tmp_path: Path) -> None:
    """M sent Q, flagged inside Russia; the official wrote where Q hides into Q's notes. The
    quarantine kept Q for review but took M's flag and level away, and the next bundle named
    her with those notes (was): she may be real, the official took her up. A record kept for
    review keeps their values that have nothing to go back to, but their deletion."""
    from .forge import record

    a, b, m = abm
    q = record(m, Kind.PERSON, {"name": "Ксения Тихая", "inside_russia": True,
                                "sensitivity": "protected"})
    receive(a, forge(m, a, tmp_path / "m.rbundle", [q]))
    a.update(q.id, {"notes": "hides at her aunt's in Pskov"})
    report = a.sharing.quarantine(m.identity.fingerprint, "2000-01-01")
    assert [k["id"] for k in report.kept] == [q.id] and a.is_protected(q.id)
    assert report.protection_lowered == []
    from .test_unlinkable import decrypted

    text, _ = decrypted(send(a, [b], tmp_path / "a-b.rbundle"), b)
    assert "Pskov" not in text


def _dated(vault: Registry, reports: list, days: int) -> None:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)  # clock-ok: vs import times
    for report in reports:
        vault.store.conn.execute("UPDATE bundle_import SET imported_at = ? WHERE import_id = ?",
                                 (moment.isoformat(timespec="seconds"), report.import_id))


def _day(days: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).date().isoformat()  # clock-ok


@pytest.mark.parametrize("first", [15, None], ids=["narrow-then-wide", "control-wide-only"])
def test_a_wider_second_revert_takes_out_what_only_they_made(rcd, tmp_path: Path,
                                                            first: int | None) -> None:
    """C made a person on day 20 and gave her notes on day 10. The official first reverts
    since day 15 (her notes go: unset, as before C's edit), then learns the key was taken on
    day 25 and reverts again: the person goes, as a single revert since day 25 takes her out.
    The first revert's unset notes were once marked "set here", and the second kept her as
    changed since by this vault."""
    r, c, _ = rcd
    never = r.digest()
    spy = person(c, "Шпион Подставной")
    _dated(r, receive(r, send(c, [r], tmp_path / "1.rbundle")), 20)
    c.update(spy, {"notes": "more lies"})
    _dated(r, receive(r, send(c, [r], tmp_path / "2.rbundle")), 10)
    if first is not None:
        narrow = r.sharing.quarantine(c.identity.fingerprint, _day(first))
        assert [x.fields for x in narrow.restored] == [{"notes": "unset"}]
    wide = r.sharing.quarantine(c.identity.fingerprint, _day(25))
    assert wide.removed == [(spy, "person")] and wide.kept == []
    assert r.store.get(spy) is None and r.digest() == never


def test_two_colleagues_quarantined_in_turn_leave_what_neither_sent(tmp_path: Path) -> None:
    """E made X and changed R's Anna; C changed both after E. C's quarantine puts E's values
    back; E's then takes X out and gives Anna her own notes again: the vault is as if
    neither's bundles came. X's city, which only C set, was unset by C's quarantine."""
    r, c, e = (make_vault(tmp_path, n) for n in ("R", "C", "E"))
    introduce(r, c, e)
    try:
        anna = person(r, "Анна", notes="R's note")
        receive(c, send(r, [c, e], tmp_path / "0.rbundle"))
        receive(e, tmp_path / "0.rbundle")
        never = r.digest()
        x = person(e, "Икс")
        e.update(anna, {"notes": "E's lie"})
        receive(c, send(e, [r, c], tmp_path / "1.rbundle"))
        receive(r, tmp_path / "1.rbundle")
        c.update(x, {"city": "Minsk"})
        c.update(anna, {"notes": "C's lie"})
        receive(r, send(c, [r], tmp_path / "2.rbundle"))
        r.sharing.quarantine(c.identity.fingerprint, SINCE)
        assert r.get(anna).values["notes"] == "E's lie" and "city" not in r.get(x).values
        report = r.sharing.quarantine(e.identity.fingerprint, SINCE)
        assert report.removed == [(x, "person")] and report.kept == []
        assert r.get(anna).values["notes"] == "R's note" and r.digest() == never
    finally:
        for v in (r, c, e):
            v.lock()


# ---- what the official gives again, equal to what their bundle brought, is hers ----------------
def test_a_value_the_official_gives_again_becomes_hers_and_stays(rcd, tmp_path: Path) -> None:
    """C's bundle gave R's support a currency and flagged R's Anna inside Russia. The
    official then enters the same currency with a new amount, and flags Anna herself (on the
    command line, which takes what she types; the app's editor sends only what changed).
    Both are her edits, as in a vault that never imported C's bundle: a revert of C keeps
    them, and Anna stays out of the next bundle to D. A value she gives that was hers already
    changes nothing (no new stamp)."""
    r, c, d = rcd
    ministry = r.add(Kind.ORGANISATION, {"name": "Министерство", "type": "government"}).id
    org = r.add(Kind.ORGANISATION, {"name": "Фонд"}).id
    grant = r.add(Kind.SUPPORT, {"provider_id": ministry, "recipient_id": org,
                                 "kind": "grant", "amount": 50}).id
    anna = person(r, "Анна Внутри")
    receive(c, send(r, [c], tmp_path / "0.rbundle"))
    c.update(grant, {"currency": "EUR"})
    c.update(anna, {"inside_russia": True})
    receive(r, send(c, [r], tmp_path / "1.rbundle"))
    assert r.update(grant, {"amount": 100, "currency": "EUR"}) == ["amount", "currency"]
    assert r.update(anna, {"inside_russia": True}) == ["inside_russia"]
    own = r.identity.fingerprint
    assert r.get(anna).stamps["inside_russia"].origin == own
    assert r.provenance(r.get(anna))["inside_russia"]["received_from"] is None  # set here
    assert r.update(anna, {"inside_russia": True}) == []  # hers already: nothing new
    r.sharing.quarantine(c.identity.fingerprint, SINCE, confirm_lowering=True)
    assert r.get(grant).values["currency"] == "EUR" and r.get(grant).values["amount"] == 100
    assert r.get(anna).values["inside_russia"] is True and r.is_protected(anna)
    receive(d, send(r, [d], tmp_path / "2.rbundle"))
    assert d.store.get(anna) is None


def test_her_same_decision_keeps_the_link_their_bundle_made_first(rcd, tmp_path: Path) -> None:
    """C decided two of R's records are the same woman; R's official decides so too (the
    pair is one group already): the link is hers, and a revert of C keeps it. Control: a
    decision she never made goes with C's link."""
    r, c, _ = rcd
    a = person(r, "Мария Иванова")
    b = person(r, "Maria Ivanova")
    x = person(r, "Ольга Петрова")
    y = person(r, "Olga Petrova")
    receive(c, send(r, [c], tmp_path / "0.rbundle"))
    c.matching.decide(a, b, "same")
    c.matching.decide(x, y, "same")
    receive(r, send(c, [r], tmp_path / "1.rbundle"))
    assert r.get(b).values["merged_into"] == a and r.get(y).values["merged_into"] == x
    r.matching.decide(a, b, "same")
    r.sharing.quarantine(c.identity.fingerprint, SINCE, confirm_lowering=True)
    assert r.get(b).values["merged_into"] == a
    assert r.get(y).values.get("merged_into") is None  # the control: C's alone


def test_a_raise_that_stands_because_another_sent_it_is_received_from_them(
        rcd, tmp_path: Path) -> None:
    """C raised Anna to confidential; D, who had C's bundle, sent R the same value after C
    did. A revert of C keeps it (D delivered it too) and names D as its sender, in D's import
    — as a vault that never imported C's bundle would: set by C, received from D."""
    r, c, d = rcd
    anna = person(r, "Анна")
    base = send(r, [c, d], tmp_path / "0.rbundle")
    receive(c, base)
    receive(d, base)
    c.update(anna, {"sensitivity": "confidential"})
    from_c = send(c, [r, d], tmp_path / "1.rbundle", ceiling="confidential")
    receive(d, from_c)
    d.update(anna, {"notes": "D's note"})
    receive(r, from_c)
    [from_d] = receive(r, send(d, [r], tmp_path / "2.rbundle", ceiling="confidential"))
    report = r.sharing.quarantine(c.identity.fingerprint, SINCE, confirm_lowering=True)
    assert r.get(anna).values["sensitivity"] == "confidential"
    given = r.provenance(r.get(anna))["sensitivity"]
    assert (given["origin"], given["received_from"], given["import_id"]) == (
        c.identity.fingerprint, d.identity.fingerprint, from_d.import_id)
    assert from_d.import_id not in report.imports
