"""An import reads its bundle as a stream and merges it a part at a time (DESIGN §6.5.7), in
one transaction: whatever the parts, the vault ends as one whole-bundle merge leaves it, the
report is the same, a reference may point to a record anywhere in the bundle, and a refusal
in the last part leaves the vault byte-identical."""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import pytest

from registry import demo
from registry.domain.enums import Kind
from registry.domain.ids import decision_id
from registry.errors import BundleError
from registry.service import Registry
from registry.sync import importer

from .forge import files, forge, record, stamp
from .parts import copies, imported
from .test_signatures import decrypt_payload
from .vaults import introduce, make_vault, person, receive, send

PARTS = (1, 2, 7, importer.PART)


@pytest.fixture
def world(tmp_path: Path) -> tuple[Registry, Registry, Registry]:
    """C sends a demo vault's worth to R; R holds some of it already, changed, and protects
    one person C sends; O is a third official both trust."""
    c, r, o = (make_vault(tmp_path, n) for n in ("C", "R", "O"))
    introduce(c, r, o)
    with c.store.write():
        demo.generate(c.store, demo.DemoSize(people=60, organisations=8, ties=90, seed=11))
    first = send(c, [r], tmp_path / "first.rbundle")
    r.sharing.import_bundles([first])
    (someone,) = r.store.conn.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()
    r.update(someone, {"inside_russia": True, "notes": "изменено здесь"})
    with c.store.write():
        demo.generate(c.store, demo.DemoSize(people=30, organisations=4, ties=40, seed=12))
    return c, r, o


def test_every_part_size_merges_and_reports_as_the_whole_bundle(world, tmp_path: Path) -> None:
    c, r, o = world
    bundles = [send(c, [r], tmp_path / "second.rbundle"),
               send(o, [r], tmp_path / "from-o.rbundle")]
    vaults = copies(r, tmp_path, PARTS)
    seen = {n: (imported(v, bundles, n), v.digest()) for n, v in vaults.items()}
    reports, digest = seen[importer.PART]
    assert reports[0]["counts"]["new"] >= 30 and reports[0]["import_id"]
    for n, (other_reports, other_digest) in seen.items():
        assert other_digest == digest, f"part size {n}"
        assert other_reports == reports, f"part size {n}"
    for v in vaults.values():
        v.lock()


def test_the_kinds_past_the_cache_come_from_the_table(world, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """What a line points to is looked up among the lines read before it (``sync.seen``):
    among the first people and organisations, kept as Python objects, and past them in the
    table of the vault connection's temporary database. With none kept, every part size
    merges and reports as the whole bundle does with them kept, to the same digest."""
    from registry.sync import seen

    c, r, _ = world
    bundles = [send(c, [r], tmp_path / "second.rbundle")]
    vaults = copies(r, tmp_path, (*PARTS, "kept"))
    kept = vaults.pop("kept")
    want = imported(kept, bundles, importer.PART), kept.digest()
    assert want[0][0]["counts"]["new"] >= 30
    monkeypatch.setattr(seen, "_CACHED", 0)
    for n, v in vaults.items():
        assert (imported(v, bundles, n), v.digest()) == want, f"part size {n}"
    for v in (kept, *vaults.values()):
        v.lock()


def test_a_bundle_in_reverse_order_merges_as_in_order(world, tmp_path: Path) -> None:
    """Every line of a real export, last first: each tie before its people, every decision
    and support before what it points to. Parts of one line meet every reference later."""
    c, r, _ = world
    lines = decrypt_payload(send(c, [r], tmp_path / "in-order.rbundle"), r)
    in_order = forge(c, r, tmp_path / "forged.rbundle", [], lines)
    backwards = forge(c, r, tmp_path / "backwards.rbundle", [], lines[::-1])
    vaults = copies(r, tmp_path, (0, *PARTS))
    imported(vaults[0], [in_order], importer.PART)
    for n in PARTS:
        reports = imported(vaults[n], [backwards], n)
        assert reports[0]["import_id"] and vaults[n].digest() == vaults[0].digest(), n
    for v in vaults.values():
        v.lock()


def _bundle_refused(r: Registry, bundle: Path, match: str) -> None:
    """Refused at every part size, the vault byte-identical."""
    before = files(r)
    for n in PARTS:
        with pytest.raises(BundleError, match=match):
            imported(r, [bundle], n)
        assert files(r) == before, n


def test_a_reference_to_a_record_in_no_part_is_refused_at_the_end(rc_world) -> None:
    c, r, tmp_path = rc_world
    people = [record(c, Kind.PERSON, {"name": f"Человек {n}"}) for n in range(5)]
    nowhere = str(uuid.uuid4())
    tie = record(c, Kind.TIE, {"from_id": people[0].id, "to_id": nowhere, "kind": "colleague"})
    bundle = forge(c, r, tmp_path / "nowhere.rbundle", [tie, *people])
    _bundle_refused(r, bundle, "Payload line 2: to_id points to no")
    control = forge(c, r, tmp_path / "control.rbundle", [
        record(c, Kind.TIE, {"from_id": people[0].id, "to_id": people[4].id,
                             "kind": "colleague"}), *people])
    assert imported(r, [control], 1)[0]["counts"]["new"] == 6


def test_a_later_record_of_a_kind_not_allowed_is_refused(rc_world) -> None:
    c, r, tmp_path = rc_world
    org = record(c, Kind.ORGANISATION, {"name": "Фонд", "type": "ngo"})
    someone = record(c, Kind.PERSON, {"name": "Анна"})
    event = record(c, Kind.EVENT, {"title": "Встреча", "start": "2024-05-01",
                                   "participants": [someone.id, org.id]})
    bundle = forge(c, r, tmp_path / "event.rbundle", [event, someone, org])
    _bundle_refused(r, bundle, "Payload line 2: participants points to no person")


def test_a_later_provider_that_may_not_provide_is_refused(rc_world) -> None:
    c, r, tmp_path = rc_world
    ngo = record(c, Kind.ORGANISATION, {"name": "Фонд", "type": "ngo"})
    someone = record(c, Kind.PERSON, {"name": "Анна"})
    support = record(c, Kind.SUPPORT, {"provider_id": ngo.id, "recipient_id": someone.id,
                                       "kind": "grant", "status": "granted"})
    bundle = forge(c, r, tmp_path / "provider.rbundle", [support, someone, ngo])
    _bundle_refused(r, bundle, "Payload line 2: provider_id: the provider must be")
    donor = record(c, Kind.ORGANISATION, {"name": "Фонд", "type": "donor"}, ngo.id)
    control = forge(c, r, tmp_path / "control.rbundle", [support, someone, donor])
    assert imported(r, [control], 1)[0]["counts"]["new"] == 3


def test_a_decision_on_two_kinds_brought_later_is_refused(rc_world) -> None:
    c, r, tmp_path = rc_world
    someone = record(c, Kind.PERSON, {"name": "Анна"})
    org = record(c, Kind.ORGANISATION, {"name": "Фонд", "type": "ngo"})
    s = stamp(c)
    values = {"a_id": min(someone.id, org.id), "b_id": max(someone.id, org.id),
              "decision": "not_same", "decided_by": s.origin}
    decision = record(c, Kind.DECISION, values, decision_id(someone.id, org.id))
    bundle = forge(c, r, tmp_path / "decision.rbundle", [decision, someone, org], sign=True)
    _bundle_refused(r, bundle, "a_id and b_id are records of different kinds")


def test_a_record_id_repeated_in_a_later_part_is_refused(rc_world) -> None:
    c, r, tmp_path = rc_world
    people = [record(c, Kind.PERSON, {"name": f"Человек {n}"}) for n in range(4)]
    again = record(c, Kind.PERSON, {"name": "Другое имя"}, people[0].id)
    bundle = forge(c, r, tmp_path / "again.rbundle", [*people, again])
    _bundle_refused(r, bundle, "Payload line 6 repeats a record id")


def test_a_refusal_in_the_last_part_undoes_the_parts_merged_before(rc_world) -> None:
    """Parts of one line: four people are merged into the transaction before the fifth
    line refuses the bundle; the vault's files stay byte-identical."""
    c, r, tmp_path = rc_world
    people = [record(c, Kind.PERSON, {"name": f"Человек {n}"}) for n in range(4)]
    nameless = record(c, Kind.PERSON, {"name": None})
    bundle = forge(c, r, tmp_path / "late.rbundle", [*people, nameless])
    _bundle_refused(r, bundle, "Payload line 6: name is required")


def test_too_many_references_waiting_for_later_lines_are_refused(
        rc_world, monkeypatch: pytest.MonkeyPatch) -> None:
    c, r, tmp_path = rc_world
    people = [record(c, Kind.PERSON, {"name": f"Человек {n}"}) for n in range(4)]
    ties = [record(c, Kind.TIE, {"from_id": a.id, "to_id": b.id, "kind": "colleague"})
            for a, b in itertools.pairwise(people)]
    bundle = forge(c, r, tmp_path / "waiting.rbundle", [*ties, *people])
    monkeypatch.setattr(importer, "MAX_LATER", 5)  # six wait for the people in a one-line part
    before = files(r)
    with pytest.raises(BundleError, match="more than 5 references to records that come later"):
        imported(r, [bundle], 1)
    assert files(r) == before
    assert imported(r, [bundle], 7)[0]["counts"]["new"] == 7  # in one part, none waits


@pytest.fixture
def rc_world(tmp_path: Path) -> tuple[Registry, Registry, Path]:
    c, r = make_vault(tmp_path, "C"), make_vault(tmp_path, "R")
    introduce(c, r)
    person(r, "Уже здесь")  # R holds a record: not a first import into an empty vault
    return c, r, tmp_path


def test_a_decision_on_two_people_brought_later_passes(rc_world) -> None:
    """The positive control of the refused decision above: both ends later, both people."""
    c, r, tmp_path = rc_world
    anna, other = (record(c, Kind.PERSON, {"name": n}) for n in ("Анна", "Anna"))
    values = {"a_id": min(anna.id, other.id), "b_id": max(anna.id, other.id),
              "decision": "not_same", "decided_by": stamp(c).origin}
    decision = record(c, Kind.DECISION, values, decision_id(anna.id, other.id))
    bundle = forge(c, r, tmp_path / "decision.rbundle", [decision, anna, other], sign=True)
    for n in PARTS:
        assert imported(r, [bundle], n, dry_run=True)[0]["counts"]["new"] == 3, n


def test_notices_fill_parts_as_lines_do(rc_world) -> None:
    """Protection notices count towards a part like record lines: a bundle of notices alone
    is merged a part at a time, each raising what it names, whatever the parts."""
    c, r, tmp_path = rc_world
    people = [person(r, f"Человек {n}") for n in range(5)]
    receive(c, send(r, [c], tmp_path / "to-c.rbundle"))
    for someone in people:
        c.update(someone, {"inside_russia": True})
    notices = send(c, [r], tmp_path / "notices.rbundle", notices_only=True)
    vaults = copies(r, tmp_path, PARTS)
    for n, v in vaults.items():
        [report] = imported(v, [notices], n)
        assert report["counts"]["notices"] == 5 and sorted(
            report["protection"]["raised"]) == sorted(people), n
        assert all(v.get(p).values["inside_russia"] is True for p in people), n
        v.lock()
