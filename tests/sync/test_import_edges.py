"""Import refusals and outcomes checked in-process (DESIGN §6.2, §6.4.2, §6.5).

The attacks of ``test_adversarial.py`` mostly go through the command line (a subprocess);
these drive the same importer in-process, each with a positive control: a well-signed bundle
from a trusted, verified colleague (**C**) whose lines are forged with the project's own
writer; the receiving vault (**R**) refuses it and stays as it was, or keeps/holds what it
must, and the same bundle without the forged part is accepted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.ids import new_id
from registry.domain.model import Record
from registry.errors import BundleError, InvalidInput, NotFound, TrustError
from registry.service import Registry
from registry.sync import importer, signatures, wire
from registry.sync.progress import job

from .forge import forge, record, stamp
from .test_adversarial import dump
from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def rc(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    r, c = make_vault(tmp_path, "R"), make_vault(tmp_path, "C")
    introduce(r, c)
    yield r, c
    r.lock()
    c.lock()


def state(reg: Registry) -> tuple[str, dict[str, list[str]]]:
    return reg.digest(), dump(reg)


def fine(c: Registry) -> Record:
    return record(c, Kind.PERSON, {"name": "Обычный Человек", "sensitivity": "internal"})


# ---- §6.5.5: checked like local edits --------------------------------------------------------
def test_a_partial_line_joining_a_held_tie_to_itself_is_refused(rc, tmp_path: Path) -> None:
    r, c = rc
    a, b, other = (person(c, n) for n in ("Анна Смирнова", "Борис Ким", "Вера Ли"))
    tie = c.add(Kind.TIE, {"from_id": a, "to_id": b, "kind": "colleague"}).id
    receive(r, send(c, [r], tmp_path / "base.rbundle"))
    plain = fine(c)
    bad = forge(c, r, tmp_path / "bad.rbundle",
                [plain, Record(tie, Kind.TIE, {"to_id": a}, {"to_id": stamp(c)})])
    before = state(r)
    with pytest.raises(BundleError, match=r"line 3: to_id would join the record held here to "
                                          r"itself \(from_id and to_id the same\)"):
        receive(r, bad)
    assert state(r) == before
    good = forge(c, r, tmp_path / "good.rbundle",
                 [plain, Record(tie, Kind.TIE, {"to_id": other}, {"to_id": stamp(c)})])
    [report] = receive(r, good)  # positive control: the other end may move elsewhere
    assert (report.counts["new"], report.counts["changed"]) == (1, 1)
    assert r.get(tie).values["to_id"] == other


def test_held_pairs_reads_the_ends_of_ties_and_knows_none_for_other_kinds(
        rc) -> None:
    r, _ = rc
    a, b = person(r, "Анна Смирнова"), person(r, "Борис Ким")
    tie = r.add(Kind.TIE, {"from_id": a, "to_id": b, "kind": "colleague"}).id
    assert importer.held_pairs(r.store, Kind.TIE, [tie, a]) == {
        tie: {"from_id": a, "to_id": b}}  # a person is not a tie: not found among ties
    assert importer.held_pairs(r.store, Kind.PERSON, [a]) == {}  # a person has no pair


def test_a_record_merged_into_itself_is_refused(rc, tmp_path: Path) -> None:
    r, c = rc
    plain = fine(c)
    loop = record(c, Kind.PERSON, {"name": "Петля", "sensitivity": "internal"})
    loop.values["merged_into"] = loop.id
    loop.stamps["merged_into"] = loop.stamps["name"]
    before = state(r)
    with pytest.raises(BundleError, match="line 3: merged_into points to the record itself"):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [plain, loop]))
    assert state(r) == before
    twin = record(c, Kind.PERSON, {"name": "Двойник", "sensitivity": "internal"})
    loop.values["merged_into"] = twin.id  # positive control: merged into another person
    [report] = receive(r, forge(c, r, tmp_path / "good.rbundle", [plain, twin, loop]))
    assert report.counts["new"] == 3
    assert r.store.get(loop.id).values["merged_into"] == twin.id  # type: ignore[union-attr]


def test_references_to_records_held_here_are_asked_once_and_refuse_in_line_order() -> None:
    """References to records not in the bundle are looked up together, after the lines: the
    first failing line is still the one named, whether its reference points outside the
    bundle or into it."""
    s = Stamp(1, "c" * 64)
    ids = [new_id() for _ in range(4)]
    org, held_person, held_support, nowhere = ids

    def tie(from_id: str, to_id: str) -> Record:
        values = {"from_id": from_id, "to_id": to_id, "kind": "colleague"}
        return Record(new_id(), Kind.TIE, values, dict.fromkeys(values, s))

    asked: list[list[str]] = []

    def kinds_here(refs: list[str]) -> dict[str, Kind]:
        asked.append(refs)
        held = {held_person: Kind.PERSON, held_support: Kind.SUPPORT}
        return {i: held[i] for i in refs if i in held}

    organisation = Record(org, Kind.ORGANISATION, {"name": "Фонд"}, {"name": s})
    support = Record(new_id(), Kind.SUPPORT, {"recipient_id": org}, {"recipient_id": s})
    good = [organisation, support, tie(org, held_person), tie(held_person, org)]
    importer.check_records(good, kinds_here)  # positive control: one look-up for both lines
    assert asked == [[held_person]]
    for lines, number in (([*good, tie(org, nowhere), tie(org, support.id)], 6),
                          ([*good, tie(org, support.id), tie(org, nowhere)], 6),
                          ([*good, tie(org, held_support)], 6)):
        with pytest.raises(BundleError, match=f"line {number}: to_id points to no"):
            importer.check_records(lines, kinds_here)


def test_the_rows_held_here_are_found_whether_read_as_a_range_or_one_by_one(rc) -> None:
    """The planner reads the rows of a batch as one id range when they are most of it (a
    re-import), else one by one: either way exactly the rows asked for, and an id held as
    another kind is found in that kind's table."""
    r, _ = rc
    people = sorted(person(r, f"Человек {n}") for n in range(30))
    tie = r.add(Kind.TIE, {"from_id": people[0], "to_id": people[1], "kind": "colleague"}).id
    filled = set(Kind)

    def held(ids: list[str], kind: Kind = Kind.PERSON) -> dict[str, Kind]:
        asked = [Record(i, kind) for i in ids]
        return {i: row[0] for i, row in importer._local_rows(r.store, asked, filled).items()}

    dense, sparse = people[3:13], [people[0], people[29]]  # a range of 10; two of 30 apart
    assert held(dense) == dict.fromkeys(dense, Kind.PERSON)
    gaps = people[3:8:2]  # three of a range of five: read as the range, the others left out
    assert held(gaps) == dict.fromkeys(gaps, Kind.PERSON)
    assert held(sparse) == dict.fromkeys(sparse, Kind.PERSON)
    missing = str(new_id())
    assert held([*dense, missing, tie]) == {**dict.fromkeys(dense, Kind.PERSON),
                                            tie: Kind.TIE}
    assert held([tie, people[5]], Kind.TIE) == {tie: Kind.TIE, people[5]: Kind.PERSON}


def test_a_repeated_record_id_is_refused(rc, tmp_path: Path) -> None:
    r, c = rc
    plain, other = fine(c), fine(c)
    before = state(r)
    with pytest.raises(BundleError, match="line 4 repeats a record id"):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [plain, other, plain]))
    assert state(r) == before
    [report] = receive(r, forge(c, r, tmp_path / "good.rbundle", [plain, other]))
    assert report.counts["new"] == 2  # positive control: each record once


def test_a_repeated_protection_notice_is_refused(rc, tmp_path: Path) -> None:
    r, c = rc
    target = person(c, "Анна Смирнова")
    raised = stamp(c)
    notice = wire.notice_line(target, Kind.PERSON, {"sensitivity": "confidential"},
                              {"sensitivity": raised})
    before = state(r)
    with pytest.raises(BundleError, match="line 3 repeats a protection notice"):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [], [notice, notice]))
    assert state(r) == before
    [report] = receive(r, forge(c, r, tmp_path / "good.rbundle", [], [notice]))
    assert report.notices_held == [target] and report.counts["notices"] == 1


def test_the_planner_names_no_line_when_it_is_not_told_them(rc) -> None:
    r, _ = rc
    here = person(r, "Анна Смирнова")
    other = Record(here, Kind.ORGANISATION, {"name": "Фонд"},
                   {"name": Stamp(1, "f" * 40)})
    nameless = Record(new_id(), Kind.PERSON, {"country": "DE"}, {"country": Stamp(1, "f" * 40)})
    with pytest.raises(BundleError, match="lacks name"):  # no line to name: none named
        importer.plan(r.store, [nameless], job(), line_of={"elsewhere": 9})
    with pytest.raises(BundleError) as refused:
        importer.plan(r.store, [other], job())
    assert str(refused.value).startswith(f"record {here} is of another kind here: a person "
                                         "(made here), an organisation in this bundle")


def test_progress_is_reported_every_5000_records_not_every_batch(rc, tmp_path: Path) -> None:
    r, c = rc
    many = [record(c, Kind.PERSON, {"name": f"Человек {n}", "sensitivity": "internal"})
            for n in range(1200)]
    steps: list[tuple[str, int, int]] = []
    [report] = r.sharing.import_bundles([forge(c, r, tmp_path / "many.rbundle", many)],
                                        dry_run=True,
                                        progress=lambda s, d, t: steps.append((s, d, t)))
    assert report.counts["new"] == 1200
    assert steps == [("importing", 0, 1200)]


# ---- §6.5.2: nobody speaks for this vault -------------------------------------------------------
def _sign(signer: Registry, rec: Record, claim: signatures.Claim) -> bytes:
    return signer.official_keys.signing_key().sign(
        signatures.message(rec.id, rec.kind, claim))


def test_an_erasure_in_this_vaults_name_it_never_made_is_refused_even_signed(
        rc, tmp_path: Path) -> None:
    """Even with this vault's own valid signature (its key copied off the disk), an erasure
    stamped by this vault that this vault never made is refused whole; the erasure it did
    make passes back unchanged (the control)."""
    r, c = rc
    victim = person(r, "Ирина Волкова", notes="жива")
    gone = person(r, "Удалённый Человек")
    r.erase(gone)
    done = r.store.get(gone)
    assert done is not None and done.erased is not None
    own = Stamp(r.store.clock.last, r.identity.fingerprint)  # within this vault's clock
    tomb = Record(victim, Kind.PERSON, {}, {}, own)
    line = wire.to_line(tomb, {"erased": _sign(r, tomb, signatures.Claim("erased", None,
                                                                         own))})
    before = state(r)
    with pytest.raises(TrustError, match="this vault never made"):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [fine(c)], [line]))
    assert state(r) == before and r.get(victim).values["notes"] == "жива"
    real = Record(gone, Kind.PERSON, {}, {}, done.erased)
    back = wire.to_line(real, {"erased": _sign(r, real, signatures.Claim(
        "erased", None, done.erased))})
    [report] = receive(r, forge(c, r, tmp_path / "good.rbundle", [fine(c)], [back]))
    assert report.counts["new"] == 1 and report.counts["unchanged"] == 1


@pytest.mark.parametrize("how", ["other_value_in_history", "field_never_set",
                                 "newer_than_held"])
def test_a_field_claimed_in_this_vaults_name_is_refused(rc, tmp_path: Path, how: str) -> None:
    r, c = rc
    victim = person(r, "Ирина Волкова", city="Kazan")
    first = r.get(victim).stamps["city"]
    r.update(victim, {"city": "Omsk"})
    now = r.get(victim).stamps["city"]
    between = Stamp(r.store.clock.tick(), r.identity.fingerprint)  # issued by R, not for city
    assert between > now
    name, value, claim = {"other_value_in_history": ("city", "Moscow", first),
                          "field_never_set": ("email", "trap@example.org", between),
                          "newer_than_held": ("city", "Moscow", between)}[how]
    forged = Record(victim, Kind.PERSON, {name: value}, {name: claim})
    before = state(r)
    with pytest.raises(TrustError, match="this vault never made"):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [fine(c), forged]))
    assert state(r) == before
    assert r.get(victim).values["city"] == "Omsk" and "email" not in r.get(victim).values
    # positive control: R's own older value, as R had it, travels back and loses the merge
    honest = Record(victim, Kind.PERSON, {"city": "Kazan"}, {"city": first})
    [report] = receive(r, forge(c, r, tmp_path / "good.rbundle", [fine(c), honest]))
    assert (report.counts["new"], report.counts["unchanged"]) == (1, 1)
    assert r.get(victim).values["city"] == "Omsk"


# ---- own bundles and the plain apply -------------------------------------------------------------
def test_a_bundle_this_vault_signed_itself_imports_without_recording_a_recipient(
        rc, tmp_path: Path) -> None:
    r, c = rc
    theirs = record(c, Kind.PERSON, {"name": "Чужой Человек", "sensitivity": "internal"})
    [report] = receive(r, forge(r, r, tmp_path / "own.rbundle", [theirs]))
    assert report.sender_fingerprint == r.identity.fingerprint and report.sender_verified
    assert report.counts["new"] == 1 and report.import_id is not None
    assert r.get(theirs.id).values["name"] == "Чужой Человек"
    assert r.store.conn.execute("SELECT count(*) FROM sent_record").fetchone()[0] == 0
    [control] = receive(r, forge(c, r, tmp_path / "c.rbundle", [fine(c)]))
    assert control.import_id is not None  # a colleague's bundle: C now holds what it sent
    assert r.store.conn.execute("SELECT DISTINCT recipient FROM sent_record").fetchall() == [
        (c.identity.fingerprint,)]


# ---- §6.4.2: notices about records not held yet -------------------------------------------------
def test_held_notices_wait_merge_at_their_maximum_and_apply_on_arrival(
        rc, tmp_path: Path) -> None:
    r, c = rc
    later = person(c, "Анна Смирнова", city="Kazan")  # R does not hold it yet
    level = stamp(c)
    first = wire.notice_line(later, Kind.PERSON, {"sensitivity": "confidential"},
                             {"sensitivity": level})
    [one] = receive(r, forge(c, r, tmp_path / "n1.rbundle", [], [first]))
    assert one.notices_held == [later] and one.import_id is not None

    before = state(r)  # the same notice again holds nothing new: nothing is written
    [replay] = receive(r, forge(c, r, tmp_path / "n2.rbundle", [], [first]))
    assert replay.notices_held == [later] and replay.import_id is None
    assert state(r) == before

    inside = wire.notice_line(later, Kind.PERSON, {"inside_russia": True},
                              {"inside_russia": stamp(c)})
    [more] = receive(r, forge(c, r, tmp_path / "n3.rbundle", [], [inside]))
    assert more.import_id is not None
    rows = r.store.conn.execute("SELECT line, sender, import_id FROM held_notice ORDER BY id")
    held = [(wire.notice_from_line(json.loads(line), 0).values, who, import_id)
            for line, who, import_id in rows]  # one row per import, each with who sent it
    assert held == [({"sensitivity": "confidential"}, c.identity.fingerprint, one.import_id),
                    ({"inside_russia": True}, c.identity.fingerprint, more.import_id)]

    bystander = person(c, "Борис Ким")
    [arrival] = receive(r, send(c, [r], tmp_path / "records.rbundle"))
    assert arrival.counts["new"] == 2
    values = r.get(later).values
    assert values["sensitivity"] == "confidential" and values["inside_russia"] is True
    assert r.get(bystander).values.get("inside_russia") in (None, False)
    assert r.store.conn.execute("SELECT count(*) FROM held_notice").fetchone()[0] == 0


# ---- history and revert ----------------------------------------------------------------------
def test_history_and_revert_report_as_json(rc, tmp_path: Path) -> None:
    r, c = rc
    anna = person(c, "Анна Смирнова")
    [report] = receive(r, send(c, [r], tmp_path / "c.rbundle"))
    [entry] = r.sharing.history()
    assert entry.to_json() == {
        "import_id": report.import_id, "bundle_id": report.bundle_id,
        "sender": c.identity.fingerprint, "sender_name": "C",
        "created_at": report.created_at, "imported_at": entry.imported_at,
        "counts": {"new": 1, "changed": 0, "deleted": 0, "erased": 0, "unchanged": 0,
                   "held": 0}, "reverted_at": None}
    assert report.import_id is not None
    result = r.sharing.revert(report.import_id)
    assert result.to_json() == {"import_id": report.import_id, "restored_fields": 0,
                                "deleted_records": 1, "skipped_fields": 0}
    assert r.get(anna).deleted
    with pytest.raises(InvalidInput, match="already reverted"):
        r.sharing.revert(report.import_id)
    with pytest.raises(NotFound):
        r.sharing.revert("0" * 36)


def test_revert_leaves_records_erased_or_deleted_since(rc, tmp_path: Path) -> None:
    r, c = rc
    anna = person(r, "Анна Смирнова", city="Kazan")
    boris = person(r, "Борис Ким", city="Vilnius")
    receive(c, send(r, [c], tmp_path / "r.rbundle"))
    c.update(anna, {"city": "Omsk"})
    c.update(boris, {"city": "Riga"})
    fresh = person(c, "Вера Ли")
    [report] = receive(r, send(c, [r], tmp_path / "c.rbundle"))
    assert report.counts["changed"] == 2 and report.counts["new"] == 1
    r.erase(anna)  # since the import: its value and its history are gone for good
    r.delete(fresh)  # deleted here already: not deleted again
    assert report.import_id is not None
    result = r.sharing.revert(report.import_id)
    assert (result.restored_fields, result.skipped_fields, result.deleted_records) == (1, 0, 0)
    assert r.get(boris).values["city"] == "Vilnius"
    assert r.store.get(anna).erased is not None  # type: ignore[union-attr]


def test_a_bare_check_asks_the_vault_for_a_providers_type() -> None:
    """``check_records`` without a bundle read in parts (no ``later``): a support's provider
    not in the lines is checked as the vault holds it — an NGO may not provide; a donor
    may (the control), and one the vault does not hold is left to the reference check."""
    s = Stamp(1, "c" * 64)
    ngo, donor, nowhere, someone = (new_id() for _ in range(4))

    def support(provider: str) -> Record:
        values = {"provider_id": provider, "recipient_id": someone, "kind": "grant"}
        return Record(new_id(), Kind.SUPPORT, values, dict.fromkeys(values, s))

    def kinds_here(refs: list[str]) -> dict[str, Kind]:
        held = {ngo: Kind.ORGANISATION, donor: Kind.ORGANISATION, someone: Kind.PERSON}
        return {i: held[i] for i in refs if i in held}

    def pairs_here(kind: Kind, ids: list[str]) -> dict[str, dict[str, Any]]:
        types = {ngo: "ngo", donor: "donor"}
        return {i: {"type": types[i]} for i in ids if i in types}

    importer.check_records([support(donor)], kinds_here, pairs_here)
    with pytest.raises(BundleError, match="line 2: provider_id: the provider must be"):
        importer.check_records([support(ngo)], kinds_here, pairs_here)
    # a provider new in the same lines, with no type, provides nothing; one with a type
    # set after the support was given (a retyped fund) passes; one set before decides
    fresh = Record(new_id(), Kind.ORGANISATION, {"name": "Фонд"}, {"name": s})
    with pytest.raises(BundleError, match="line 3: provider_id: the provider must be"):
        importer.check_records([fresh, support(fresh.id)], kinds_here, pairs_here)
    later = Record(ngo, Kind.ORGANISATION, {"type": "ngo"}, {"type": Stamp(2, "c" * 64)})
    importer.check_records([later, support(ngo)], kinds_here, pairs_here)
    early = Record(donor, Kind.ORGANISATION, {"type": "ngo"}, {"type": Stamp(0, "c" * 64)})
    with pytest.raises(BundleError, match="provider must be"):
        importer.check_records([early, support(donor)], kinds_here, pairs_here)
    with pytest.raises(BundleError, match="line 2: provider_id points to no organisation"):
        importer.check_records([support(nowhere)], kinds_here, pairs_here)
