"""Only an evaluation's assessor changes it (DESIGN §6.5.3), through the real import: **R**
receives from trusted, verified colleagues **C** (whose keys an attacker holds) and **A**
(the assessor). Each attack has a positive control."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.ids import decision_id, evaluation_form
from registry.domain.model import Record
from registry.errors import BundleError, TrustError
from registry.service import LIST_SPECS, ListQuery, Registry
from registry.sync import container, payload, signatures, wire

from .forge import files, forge, stamp
from .test_signed_and_held_edges import STRANGER, is_erased, signed
from .vaults import person, receive, send


def _assessed(a: Registry) -> tuple[str, str]:
    """An organisation and A's evaluation of it."""
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4, "evidence_1": "Доклад"}).id
    return org, ev


def _cs_own_under(c: Registry, ev: str, org: str, date: str, evidence: str
                  ) -> dict[str, object]:
    """A whole evaluation of C's own under the id ``ev`` (assessor C, C's scores, C's stamp),
    every claim signed with C's own valid key."""
    at = stamp(c)
    values = {"subject_id": org, "date": date, "assessor": c.identity.fingerprint,
              "assessor_name": c.identity.name, "score_1": 0, "score_2": 0, "score_3": 0,
              "evidence_1": evidence}
    takeover = Record(ev, Kind.EVALUATION, values, dict.fromkeys(values, at))
    sign = c.official_keys.signing_key().sign
    return wire.to_line(takeover, {cl.field: sign(signatures.message(ev, Kind.EVALUATION, cl))
                                   for cl in signatures.claims(takeover)})


def _deletion(by: Registry, record_id: str) -> dict[str, object]:
    """A tombstone of an evaluation in ``by``'s name, signed with ``by``'s own valid key."""
    at = stamp(by)
    tomb = Record(record_id, Kind.EVALUATION, {"deleted": True}, {"deleted": at})
    return wire.to_line(tomb, signed(by, tomb, "deleted", True, at))


def test_a_colleagues_deletion_of_an_evaluation_is_dropped_and_reported(
        rca, tmp_path: Path) -> None:
    """C deletes A's evaluation held at R, C's stamp, C's good signature: the deletion is
    not A's, so it is dropped and reported. A's own deletion, relayed by C, applies."""
    r, c, a = rca
    _, ev = _assessed(a)
    first = send(a, [r, c], tmp_path / "a1.rbundle")
    receive(r, first)
    receive(c, first)
    before = r.digest()
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [_deletion(c, ev)]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["deleted"],
                                   "reason": signatures.NOT_THE_ASSESSOR}]
    assert report.counts["deleted"] == 0 and report.deleted == []
    assert r.digest() == before and r.get(ev).values.get("deleted") is not True

    a.delete(ev)  # positive control: the assessor's deletion, relayed by C with A's signature
    receive(c, send(a, [c], tmp_path / "a2.rbundle"))
    [control] = receive(r, send(c, [r], tmp_path / "c2.rbundle"))
    assert control.not_applied == [] and control.deleted == [ev]
    assert r.get(ev).values["deleted"] is True


def test_a_deletion_sent_before_the_evaluation_does_not_hide_it_when_it_arrives(
        rca, tmp_path: Path) -> None:
    """C, who holds A's evaluation, sends R its tombstone before R has the evaluation: a
    tombstone names no assessor, so R cannot tell it is not A's; it stays out (reported)
    instead of waiting to hide the evaluation. The evaluation then arrives whole."""
    r, c, a = rca
    _, ev = _assessed(a)
    receive(c, send(a, [c], tmp_path / "a1.rbundle"))
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [_deletion(c, ev)]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["deleted"],
                                   "reason": signatures.ASSESSOR_UNKNOWN}]
    assert report.counts["deleted"] == 0 and r.store.get(ev) is None

    [control] = receive(r, send(a, [r], tmp_path / "a2.rbundle"))  # positive control
    assert control.not_applied == [] and control.counts["new"] == 2
    assert r.get(ev).values.get("deleted") is not True and r.get(ev).values["score_1"] == 4


def test_an_erasure_of_an_evaluation_still_follows_the_held_changes_rule(
        rca, tmp_path: Path) -> None:
    """The assessor rule is about changes and deletions; an erasure (a data subject's
    request) follows §6.5.4 as before: C's erasure of A's evaluation waits for R's official,
    A's erasure of its own evaluation applies at once."""
    r, c, a = rca
    _, ev = _assessed(a)
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    at = Stamp(c.store.clock.tick(), c.identity.fingerprint)
    tomb = Record(ev, Kind.EVALUATION, {}, {}, at)
    line = wire.to_line(tomb, signed(c, tomb, "erased", None, at))
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [line]))
    assert report.counts["held"] == 1 and report.not_applied == [] and not is_erased(r, ev)

    a.erase(ev)  # positive control: the assessor (the record's creator) erases it
    [control] = receive(r, send(a, [r], tmp_path / "a2.rbundle"))
    assert control.erased == [ev] and control.not_applied == [] and is_erased(r, ev)


def test_a_stamp_forged_in_the_assessors_name_cannot_make_the_evaluation_anothers(
        rca, tmp_path: Path) -> None:
    """An evaluation's assessor never changes. C sends, under a stamp in A's name (the field
    is not signed), that A's evaluation is C's: dropped and reported, so C's own signed
    score that follows is still not the assessor's. The control: the same line naming A,
    as held, is not dropped."""
    r, c, a = rca
    _, ev = _assessed(a)
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    as_a = Stamp(c.store.clock.tick(), a.identity.fingerprint)
    takeover = Record(ev, Kind.EVALUATION, {"assessor": c.identity.fingerprint},
                      {"assessor": as_a})
    [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [takeover]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["assessor"],
                                   "reason": signatures.NOT_THE_ASSESSOR}]
    assert r.get(ev).values["assessor"] == a.identity.fingerprint
    at = stamp(c)
    score = Record(ev, Kind.EVALUATION, {"score_1": 0}, {"score_1": at})
    line = wire.to_line(score, signed(c, score, "score_1", 0, at))
    [then] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [], [line]))
    assert then.not_applied[0]["reason"] == signatures.NOT_THE_ASSESSOR
    assert r.get(ev).values["score_1"] == 4

    same = Record(ev, Kind.EVALUATION, {"assessor": a.identity.fingerprint},
                  {"assessor": as_a})  # positive control
    [control] = receive(r, forge(c, r, tmp_path / "c3.rbundle", [same]))
    assert control.not_applied == [] and r.get(ev).stamps["assessor"] == as_a


def _own_evaluation(c: Registry, subject: str, name: str,
                    assessor: str | None = None) -> dict[str, object]:
    """An evaluation of ``subject`` credited to ``name``, every claim signed with C's key:
    C's own, or under ``assessor``'s fingerprint (as assessor and as its stamps' origin)."""
    by = assessor or c.identity.fingerprint
    values = {"subject_id": subject, "date": "2025-03-01", "assessor": by,
              "assessor_name": name, "score_1": 0, "score_2": 0, "score_3": 0,
              "evidence_1": "Не заслуживают поддержки", "sensitivity": "internal"}
    at = Stamp(c.store.clock.tick(), by)
    ev = Record(str(uuid.uuid4()), Kind.EVALUATION, values, dict.fromkeys(values, at))
    key = c.official_keys.signing_key()
    return wire.to_line(ev, {cl.field: key.sign(signatures.message(ev.id, ev.kind, cl))
                             for cl in signatures.claims(ev)})


def test_an_evaluation_missing_one_of_its_signatures_refuses_the_bundle(
        rca, tmp_path: Path) -> None:
    """Every signed claim of a line needs its own signature: the others being there does not
    vouch for the one left out (the screen gathers the line's signatures ahead of checking)."""
    r, c, a = rca
    org, _ = _assessed(a)
    receive(r, send(a, [r], tmp_path / "a.rbundle"))
    line = _own_evaluation(c, org, c.identity.name)
    partial = {**line, "sigs": {k: v for k, v in line["sigs"].items()  # type: ignore[attr-defined]
                                if k != "score_2"}}
    before = r.digest()
    with pytest.raises(TrustError, match="the field 'score_2' bears no valid signature"):
        receive(r, forge(c, r, tmp_path / "partial.rbundle", [], [partial]))
    assert r.digest() == before
    [report] = receive(r, forge(c, r, tmp_path / "whole.rbundle", [], [line]))
    assert report.counts["new"] == 1  # positive control: every claim signed


def test_an_evaluation_credited_to_another_official_loses_the_name_the_rest_applies(
        rca, tmp_path: Path) -> None:
    """C's own, well-signed evaluation names A as its assessor: the name is not the one R's
    trust store gives C, so it is dropped and reported and the evaluation is nobody's but
    C's. The control: the same evaluation under C's own name imports with it."""
    r, c, a = rca
    org, _ = _assessed(a)
    receive(r, send(a, [r], tmp_path / "a.rbundle"))
    line = _own_evaluation(c, org, a.identity.name)
    [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [], [line]))
    ev = str(line["id"])
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["assessor_name"],
                                   "reason": signatures.NOT_THE_ASSESSORS_NAME}]
    assert report.counts["new"] == 1
    held = r.get(ev).values
    assert held["assessor"] == c.identity.fingerprint and held["score_1"] == 0
    assert held.get("assessor_name") is None
    assert _listed(r)[ev]["assessor_name"] is None

    honest = _own_evaluation(c, org, c.identity.name)  # positive control
    [control] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [], [honest]))
    assert control.not_applied == [] and control.counts["new"] == 1
    assert _listed(r)[str(honest["id"])]["assessor_name"] == c.identity.name


def test_a_name_forged_in_the_assessors_stamp_is_dropped_a_relayed_one_applies(
        rca, tmp_path: Path) -> None:
    """The name is not signed, so C can stamp a new one in A's name on A's evaluation:
    it is not A's name here, so it is dropped and reported. The control: A's evaluation,
    relayed by C with A's own name, arrives with it."""
    r, c, a = rca
    _, ev = _assessed(a)
    receive(c, send(a, [c], tmp_path / "a.rbundle"))
    [control] = receive(r, send(c, [r], tmp_path / "c1.rbundle"))  # positive control
    assert control.not_applied == [] and r.get(ev).values["assessor_name"] == a.identity.name

    as_a = Stamp(c.store.clock.tick(), a.identity.fingerprint)
    renamed = Record(ev, Kind.EVALUATION, {"assessor_name": c.identity.name},
                     {"assessor_name": as_a})
    before = r.digest()
    [report] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [renamed]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["assessor_name"],
                                   "reason": signatures.NOT_THE_ASSESSORS_NAME}]
    assert r.digest() == before and r.get(ev).values["assessor_name"] == a.identity.name


def test_another_name_on_this_vaults_own_evaluation_refuses_the_bundle(
        rca, tmp_path: Path) -> None:
    """R's own evaluation comes back with another name under R's stamp: R never wrote it,
    so the bundle is refused (§6.5.2) before any name is compared. The control: the honest
    echo of the evaluation changes nothing and reports nothing."""
    r, c, _ = rca
    org = r.add(Kind.ORGANISATION, {"name": "Медуза", "type": "media"}).id
    ev = r.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 2,
                                 "score_2": 2, "score_3": 2}).id
    receive(c, send(r, [c], tmp_path / "r.rbundle"))
    [echo] = receive(r, send(c, [r], tmp_path / "c1.rbundle"))  # positive control
    assert echo.not_applied == [] and r.get(ev).values["assessor_name"] == r.identity.name

    own = r.get(ev).stamps["assessor_name"]
    renamed = Record(ev, Kind.EVALUATION, {"assessor_name": c.identity.name},
                     {"assessor_name": own})
    before = r.digest()
    with pytest.raises(TrustError, match="never made"):
        receive(r, forge(c, r, tmp_path / "c2.rbundle", [renamed]))
    assert r.digest() == before and r.get(ev).values["assessor_name"] == r.identity.name


def _listed(reg: Registry) -> dict[str, dict[str, object]]:
    """The evaluations as the lists show them (``registry list evaluation``, the app)."""
    spec = LIST_SPECS[Kind.EVALUATION]
    ids = reg.listing.ids(ListQuery(Kind.EVALUATION))
    rows = reg.listing.rows(Kind.EVALUATION, ids)
    return {i: dict(zip([c.key for c in spec.columns], rows[i], strict=True)) for i in ids}


def test_an_evaluation_in_a_strangers_name_signed_by_a_trusted_key_stays_out(
        rca, tmp_path: Path) -> None:
    """Scores carry their assessor's own signature. C makes up an assessor nobody here knows
    and signs the evaluation with C's own valid key (evaluations never travel under a
    pseudonym): no key of that assessor vouches for it, so it stays out, reported, and
    cannot swell the number of assessors. The control: the same evaluation as C's own."""
    r, c, a = rca
    org, _ = _assessed(a)
    receive(r, send(a, [r], tmp_path / "a.rbundle"))
    fake = _own_evaluation(c, org, "D", assessor=STRANGER)
    before = r.digest()
    [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [], [fake]))
    [dropped] = report.not_applied
    assert dropped["id"] == fake["id"] and dropped["reason"] == signatures.UNKNOWN_SIGNER
    assert r.digest() == before and r.store.get(str(fake["id"])) is None

    honest = _own_evaluation(c, org, c.identity.name)  # positive control
    [control] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [], [honest]))
    assert control.not_applied == [] and control.counts["new"] == 1


def test_no_other_key_vouches_for_a_deletion_in_a_revoked_assessors_name(
        rca, tmp_path: Path) -> None:
    """R revoked A. C deletes A's evaluation under a stamp in A's name, signed with C's own
    valid key: A's key is no one's here any more and no other key speaks for an assessor,
    so the deletion is dropped and reported. The control: the same deletion signed by A,
    while R trusted A, applies."""
    r, c, a = rca
    _, ev = _assessed(a)
    receive(r, send(a, [r], tmp_path / "a.rbundle"))
    at = Stamp(c.store.clock.tick(), a.identity.fingerprint)
    tomb = Record(ev, Kind.EVALUATION, {"deleted": True}, {"deleted": at})
    by_a = wire.to_line(tomb, signed(a, tomb, "deleted", True, at))
    [control] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [], [by_a]), dry_run=True)
    assert control.deleted == [ev] and control.not_applied == []  # positive control

    r.sharing.revoke(a.identity.fingerprint)
    by_c = wire.to_line(tomb, signed(c, tomb, "deleted", True, at))
    before = r.digest()
    [report] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [], [by_c]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["deleted"],
                                   "reason": signatures.UNKNOWN_SIGNER}]
    assert r.digest() == before and r.get(ev).values.get("deleted") is not True


# ---- what the scores are about is the assessor's too -------------------------------------------
def _moved(line: dict[str, object], by: Stamp, subject: str) -> dict[str, object]:
    """``line`` (a relayed evaluation, A's signatures kept) with its subject set to
    ``subject`` under the stamp ``by``."""
    rec, sigs = wire.from_line(line, 2), wire.sigs_from_line(line, 2)
    values, stamps = {**rec.values, "subject_id": subject}, {**rec.stamps, "subject_id": by}
    return wire.to_line(Record(rec.id, rec.kind, values, stamps), sigs)


def test_an_evaluation_cannot_be_moved_to_another_subject_in_its_assessors_name(
        rca, tmp_path: Path) -> None:
    """A's evaluation (zero scores) of one organisation: C relays it — held at R or not yet —
    with its subject changed to another under a stamp in A's name. The subject is signed
    like the scores: the bundle is refused and R is unchanged. The controls: the relay as A
    made it imports, and A's own change of the subject (signed) applies."""
    r, c, a = rca
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    other = a.add(Kind.ORGANISATION, {"name": "Фонд Свобода", "type": "ngo"}).id
    receive(r, send(a, [r], tmp_path / "orgs.rbundle"))
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 0,
                                 "score_2": 0, "score_3": 0, "evidence_1": "Связи"}).id
    path = send(a, [c], tmp_path / "a.rbundle")
    receive(c, path)
    opened = container.open_bundle(path)
    opened.verify_signature()
    opened.check_payload_hash()
    _, lines = payload.decode(opened.decrypt(c.official_keys.age_identity, max_size=1 << 20),
                              max_uncompressed=1 << 20, max_line=1 << 20, max_lines=100)
    line = next(x for x in lines if x.get("id") == ev)
    forged = Stamp(c.store.clock.tick(), a.identity.fingerprint)

    before = files(r)
    with pytest.raises(TrustError, match="subject_id"):  # not held at R yet
        receive(r, forge(c, r, tmp_path / "c1.rbundle", [], [_moved(line, forged, other)]))
    assert files(r) == before
    [relayed] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [], [line]))  # the control
    assert relayed.counts["new"] == 1 and r.get(ev).values["subject_id"] == org

    before = files(r)
    later = Stamp(c.store.clock.tick(), a.identity.fingerprint)
    with pytest.raises(TrustError, match="subject_id"):  # held at R now
        receive(r, forge(c, r, tmp_path / "c3.rbundle", [], [_moved(line, later, other)]))
    assert files(r) == before and r.get(ev).values["subject_id"] == org
    a.update(ev, {"subject_id": other})  # the control: the assessor moves it, signed
    [moved] = receive(r, send(a, [r], tmp_path / "a2.rbundle"))
    assert moved.not_applied == [] and r.get(ev).values["subject_id"] == other


def test_what_was_not_applied_is_said_on_the_command_line(rca, tmp_path: Path) -> None:
    """The import report's text lists every dropped change with why (§6.5.3: dropped and
    reported), not only its JSON; a report with nothing dropped says nothing of it."""
    from registry.cli_sharing import _report_text

    r, c, a = rca
    _, ev = _assessed(a)
    first = send(a, [r, c], tmp_path / "a1.rbundle")
    [clean] = receive(r, first)
    receive(c, first)
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [_deletion(c, ev)]))
    text = _report_text(report)
    assert "1 change(s) not applied" in text
    assert f"evaluation {ev}: deleted (not made by the evaluation's assessor)" in text
    assert "not applied" not in _report_text(clean)


def test_a_colleague_cannot_link_an_evaluation_into_their_own(rca, tmp_path: Path) -> None:
    """C sets ``merged_into`` on A's evaluation, pointing to C's own evaluation of the same
    organisation: a change by someone other than the assessor, dropped and reported (before,
    it applied as "changed 1"). The control: the same line on C's own evaluation is refused
    by the import's checks, as any evaluation's link is (none is ever decided "same")."""
    r, c, a = rca
    org, ev = _assessed(a)
    first = send(a, [r, c], tmp_path / "a1.rbundle")
    receive(r, first)
    receive(c, first)
    mine = c.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-02-01", "score_1": 0,
                                   "score_2": 0, "score_3": 0, "evidence_1": "плохо"}).id
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    before = files(r)
    link = Record(ev, Kind.EVALUATION, {"merged_into": mine}, {"merged_into": stamp(c)})
    [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [link]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["merged_into"],
                                   "reason": signatures.NOT_THE_ASSESSOR}]
    assert files(r) == before and r.get(ev).values.get("merged_into") is None

    own = Record(mine, Kind.EVALUATION, {"merged_into": ev}, {"merged_into": stamp(c)})
    with pytest.raises(BundleError, match="merged_into is set, and a record of kind 'evaluation'"):
        receive(r, forge(c, r, tmp_path / "c2.rbundle", [own]))
    assert files(r) == before


@pytest.mark.parametrize("kind", ["tie", "support", "event", "decision"])
def test_a_link_on_a_kind_never_decided_same_is_refused(rca, tmp_path: Path,
                                                        kind: str) -> None:
    """``merged_into`` is an outcome of a "same" decision on two persons or two
    organisations: on any other record no local edit can set it, so no import may either
    (§6.5.5). The control: a link between two persons applies."""
    r, c, _ = rca
    one, two = person(c, "Анна Смирнова"), person(c, "Анна Смирнова-Петрова")
    org = c.add(Kind.ORGANISATION, {"name": "Фонд Свободы", "type": "donor"}).id
    def decided() -> str:
        c.matching.decide(one, two, "not_same")
        return decision_id(one, two)

    made = {"tie": lambda: c.add(Kind.TIE, {"from_id": one, "to_id": org,
                                           "kind": "member_of"}).id,
            "support": lambda: c.add(Kind.SUPPORT, {"provider_id": org, "recipient_id": one,
                                                   "kind": "grant"}).id,
            "event": lambda: c.add(Kind.EVENT, {"title": "Встреча", "start": "2025-03-01",
                                               "participants": [one]}).id,
            "decision": decided}
    first, second = made[kind](), made[kind]() if kind != "decision" else None
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    before = files(r)
    target = second or first
    line = Record(first, Kind(kind), {"merged_into": target}, {"merged_into": stamp(c)})
    with pytest.raises(BundleError, match=f"merged_into is set, and a record of kind '{kind}'"):
        receive(r, forge(c, r, tmp_path / "c1.rbundle", [line]))
    assert files(r) == before

    same = Record(two, Kind.PERSON, {"merged_into": one}, {"merged_into": stamp(c)})
    [control] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [same]))
    assert control.counts["changed"] == 1 and r.get(two).values["merged_into"] == one


@pytest.mark.parametrize("together", [True, False], ids=["one import", "control"])
def test_a_later_file_of_one_import_cannot_take_over_an_evaluation_an_earlier_one_brings(
        rca, tmp_path: Path, together: bool) -> None:
    """A's bundle brings R A's evaluation (of an organisation R holds); C, who holds it,
    sends under its id a whole evaluation of C's own (assessor C, C's scores, every claim
    signed with C's key). Checked when the files were prepared, before A's applied, R held
    no assessor for it and C's line passed as a new evaluation of C's: imported as one
    decision with A's, it made A's evaluation C's. As two imports, C's changes are dropped
    (the control); one import of several files decides as they would (§6.5.8)."""
    r, c, a = rca
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    receive(r, send(a, [r], tmp_path / "a0.rbundle"))  # R holds the subject already
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4, "evidence_1": "Доклад"}).id
    from_a = send(a, [r, c], tmp_path / "a.rbundle")
    receive(c, from_a)
    from_c = forge(c, r, tmp_path / "c.rbundle", [], [
        _cs_own_under(c, ev, org, "2025-03-01", "Не заслуживают поддержки")])
    reports = receive(r, from_a, from_c) if together else \
        [*receive(r, from_a), *receive(r, from_c)]
    held = r.get(ev).values
    assert held["assessor"] == a.identity.fingerprint and held["score_1"] == 4
    assert reports[1].not_applied and \
        reports[1].not_applied[0]["reason"] == signatures.NOT_THE_ASSESSOR


@pytest.mark.parametrize("together", [True, False], ids=["one import", "control"])
def test_an_evaluation_and_its_deletion_in_two_files_of_one_import(
        rca, tmp_path: Path, together: bool) -> None:
    """A sends R its evaluation, then deletes it and sends the tombstone (id, kind and A's
    signed deletion stamp: nothing names the assessor). Imported one after the other, the
    second meets A's evaluation and deletes it. Imported as one, the tombstone was screened
    when its file was prepared, before the first applied: an evaluation not held here, a
    line naming no assessor, all of it left out; the evaluation stayed live (and R would
    pass it on). One import of several files decides as they would (§6.5.8)."""
    r, _, a = rca
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4, "evidence_1": "Доклад"}).id
    first = send(a, [r], tmp_path / "a1.rbundle")
    a.delete(ev)
    second = send(a, [r], tmp_path / "a2.rbundle")
    if together:  # the dry run says so too
        dry = receive(r, first, second, dry_run=True)
        assert dry[1].not_applied == [] and dry[1].counts["deleted"] == 1
    reports = receive(r, first, second) if together else \
        [*receive(r, first), *receive(r, second)]
    assert r.get(ev).values.get("deleted") is True
    assert reports[1].not_applied == [] and reports[1].counts["deleted"] == 1


@pytest.mark.parametrize("order", ["C first", "A first"])
def test_an_evaluation_id_delivered_first_by_another_official_stays_its_assessors(
        rcad, tmp_path: Path, order: str) -> None:
    """C learns the id of A's evaluation before R holds it, and sends R a whole evaluation
    of C's own under it (assessor C, C's scores, every claim signed with C's key). Before,
    the first to arrive owned the id: at R, where C's came first, A's own evaluation was
    then dropped as "not made by the evaluation's assessor" and C's scores stood, while D,
    who had A's first, dropped C's — two orders, two vaults. An evaluation's id is made for
    its assessor (``ids.evaluation_id``): C's line under A's id is dropped whatever the
    order, and A's stands. Control: C's own evaluation, under an id made for C, applies."""
    r, c, a, d = rcad
    org = a.add(Kind.ORGANISATION, {"name": "Фонд", "type": "media"}).id
    org_bundle = send(a, [r, c, d], tmp_path / "a0.rbundle")
    for vault in (r, c, d):
        receive(vault, org_bundle)
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 4, "score_3": 4, "evidence_1": "Доклад"}).id
    from_a = send(a, [r, c, d], tmp_path / "a1.rbundle")
    receive(c, from_a)
    line = _cs_own_under(c, ev, org, "2025-01-15", "Пусто")
    from_c = {v: forge(c, v, tmp_path / f"c-{v.identity.name}.rbundle", [], [line])
              for v in (r, d)}
    first, then = (r, d) if order == "C first" else (d, r)
    [planted] = receive(first, from_c[first])
    receive(first, from_a)
    receive(then, from_a)
    [late] = receive(then, from_c[then])
    for report in (planted, late):
        assert [n["reason"] for n in report.not_applied] == [signatures.NOT_THE_ASSESSOR]
    for vault in (r, d):
        held = vault.get(ev).values
        assert held["assessor"] == a.identity.fingerprint and held["score_1"] == 4
    assert r.digest() == d.digest()
    own = c.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-02-01", "score_1": 1,
                                  "score_2": 1, "score_3": 1, "evidence_1": "Своё"}).id
    [control] = receive(r, send(c, [r], tmp_path / "c-own.rbundle"))
    assert control.not_applied == [] and r.get(own).values["assessor"] == c.identity.fingerprint


@pytest.mark.parametrize("order", ["C first", "A first"])
def test_another_kind_of_record_under_an_evaluations_id_stays_out(
        rcad, tmp_path: Path, order: str) -> None:
    """C learns the id of A's evaluation and sends a person under it. Before, where C's line
    came first the id was a person's, and A's evaluation was then refused with its whole
    bundle ("of another kind here") until C was quarantined; where A's came first, C's whole
    bundle was refused. No record but an evaluation is made with an evaluation's id
    (``ids.evaluation_form``): C's line stays out whatever the order (reported), the rest of
    C's bundle applies, A's evaluation stands, and the two vaults end the same. Control: the
    same person under an id of C's own applies."""
    r, c, a, d = rcad
    org = a.add(Kind.ORGANISATION, {"name": "Фонд", "type": "media"}).id
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 4, "score_3": 4, "evidence_1": "Доклад"}).id
    from_a = send(a, [r, c, d], tmp_path / "a1.rbundle")
    receive(c, from_a)
    at = stamp(c)
    values = {"name": "Ирина Соколова", "city": "Riga"}
    planted = Record(ev, Kind.PERSON, values, dict.fromkeys(values, at))
    as_v7 = (uuid.UUID(ev).int & ~(0xF << 76)) | (0x7 << 76)  # a UUIDv7, as people's ids are
    honest = Record(str(uuid.UUID(int=as_v7 ^ 1)), Kind.PERSON, {"name": "Олег Петров"},
                    {"name": at})
    assert uuid.UUID(honest.id).version == 7 and not evaluation_form(honest.id)
    from_c = {v: forge(c, v, tmp_path / f"c-{v.identity.name}.rbundle", [planted, honest])
              for v in (r, d)}
    first, then = (r, d) if order == "C first" else (d, r)
    [early] = receive(first, from_c[first])
    [from_a_first] = receive(first, from_a)
    receive(then, from_a)
    [late] = receive(then, from_c[then])
    for report in (early, late):
        assert report.not_applied == [{"id": ev, "kind": "person", "fields": ["city", "name"],
                                       "reason": signatures.EVALUATIONS_ID}]
        assert report.counts["new"] == 1
    assert from_a_first.counts["new"] == 2 and from_a_first.not_applied == []
    for vault in (r, d):
        assert vault.store.kinds_of([ev]) == {ev: Kind.EVALUATION}
        assert vault.get(ev).values["assessor"] == a.identity.fingerprint
        assert vault.get(honest.id).values["name"] == "Олег Петров"
    assert r.digest() == d.digest()
    own = Record(str(uuid.UUID(int=as_v7 ^ 2)), Kind.PERSON, values,
                 dict.fromkeys(values, stamp(c)))  # control: C's person, under its own id
    [control] = receive(r, forge(c, r, tmp_path / "c-own.rbundle", [own]))
    assert control.not_applied == [] and r.get(own.id).values["name"] == "Ирина Соколова"
