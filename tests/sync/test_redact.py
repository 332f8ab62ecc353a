"""Redaction: sentinels of protected people and contact channels never leave the vault."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.service import Registry
from registry.store.protection import Protection
from registry.sync import agecrypt, container, payload
from registry.sync.redact import Mode, OmitReason, Redactor, district_note, pseudonym_id

from .vaults import introduce, make_vault, person, receive

INSIDE = "INSIDESENTINEL41"
EMAIL = "contact-sentinel@example.org"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Registry, Registry, dict[str, str]]]:
    a, b = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    introduce(a, b)
    org = a.add(Kind.ORGANISATION, {"name": "Media", "type": "media"}).id
    donor = a.add(Kind.ORGANISATION, {"name": "Donor", "type": "donor"}).id
    exile = person(a, "Exiled Journalist", email=EMAIL, gender="female", country="LT")
    inside = person(a, f"Inside {INSIDE}", inside_russia=True, region="RU-SVE",
                    notes=f"notes {INSIDE}", phone="+7 900 000 00 00", ethnicity="татарин")
    secret = person(a, "Confidential Person", sensitivity="confidential")
    ids = {"org": org, "donor": donor, "exile": exile, "inside": inside, "secret": secret}
    ids["tie_in"] = a.add(Kind.TIE, {"from_id": exile, "to_id": inside,
                                     "kind": "contact_inside", "notes": f"tie {INSIDE}"}).id
    ids["tie_org"] = a.add(Kind.TIE, {"from_id": exile, "to_id": org, "kind": "member_of"}).id
    ids["tie_secret"] = a.add(Kind.TIE, {"from_id": secret, "to_id": org,
                                         "kind": "works_for"}).id
    ids["support_in"] = a.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": inside,
                                             "kind": "security_support",
                                             "notes": f"support {INSIDE}"}).id
    ids["eval_in"] = a.add(Kind.EVALUATION, {"subject_id": inside, "date": "2025-01-01",
                                             "score_1": 1, "score_2": 2, "score_3": 3}).id
    ids["event_in"] = a.add(Kind.EVENT, {"title": f"Meeting {INSIDE}", "start": "2025-02-02",
                                         "participants": [exile, inside]}).id
    ids["event_secret"] = a.add(Kind.EVENT, {"title": "Closed", "start": "2025-02-02",
                                             "participants": [exile, secret],
                                             "organiser_id": org}).id
    yield a, b, ids
    a.lock()
    b.lock()


def decrypted(path: Path, vault: Registry) -> tuple[bytes, list[dict]]:
    opened = container.open_bundle(path)
    plain = agecrypt.decrypt(opened.payload, vault.official_keys.age_identity,
                             max_size=1 << 26)
    _, lines = payload.decode(plain, max_uncompressed=1 << 26, max_line=1 << 20,
                              max_lines=10_000)
    text = b"".join(json.dumps(line, ensure_ascii=False).encode() + b"\n" for line in lines)
    return text, lines


def export(a: Registry, b: Registry, path: Path, **kw) -> tuple[bytes, list[dict]]:
    request = a.sharing.request(to=[b.identity.fingerprint], **kw)
    a.sharing.export(request, path)
    return decrypted(path, b)


@pytest.mark.parametrize("ceiling", ["public", "internal", "confidential", "protected"])
@pytest.mark.parametrize("mode", ["exclude", "pseudonymise"])
def test_protected_sentinel_never_leaves(world, tmp_path: Path, ceiling: str,
                                         mode: str) -> None:
    a, b, ids = world
    text, lines = export(a, b, tmp_path / "x.rbundle", ceiling=ceiling, mode=mode)
    assert INSIDE.encode() not in text
    assert b"+7 900" not in text and "татарин".encode() not in text
    sent = {line["id"] for line in lines}
    for key in ("inside", "tie_in", "support_in", "eval_in", "event_in"):
        assert ids[key] not in sent
    if Sensitivity.parse(ceiling) < Sensitivity.CONFIDENTIAL:
        assert EMAIL.encode() not in text
        assert ids["secret"] not in sent and ids["tie_secret"] not in sent
    manifest = container.open_bundle(tmp_path / "x.rbundle").manifest_bytes
    assert b"Exiled" not in manifest and INSIDE.encode() not in manifest


@pytest.mark.parametrize("ceiling", ["public", "internal", "confidential"])
def test_contact_channel_never_above_its_ceiling(world, tmp_path: Path, ceiling: str) -> None:
    a, b, _ = world
    text, lines = export(a, b, tmp_path / "x.rbundle", ceiling=ceiling, mode="include")
    level = Sensitivity.parse(ceiling)
    assert (EMAIL.encode() in text) == (level >= Sensitivity.CONFIDENTIAL)
    assert b'"gender"' not in text and "татарин".encode() not in text
    # include sends the protected person, within her own level (internal: §6.4.5)...
    assert (INSIDE.encode() in text) == (level >= Sensitivity.INTERNAL)
    if level < Sensitivity.INTERNAL:
        return
    inside = next(line for line in lines if INSIDE in str(line["values"].get("name")))
    shown = level >= Sensitivity.CONFIDENTIAL  # ...without fields above the ceiling
    assert ("phone" in inside["values"]) == shown
    assert any("phone" in g[2] for g in inside["stamps"]) == shown


def test_include_with_protected_ceiling_sends_everything(world, tmp_path: Path) -> None:
    a, b, ids = world
    text, lines = export(a, b, tmp_path / "x.rbundle", ceiling="protected", mode="include")
    assert {line["id"] for line in lines} == set(ids.values())
    assert "татарин".encode() in text
    receive(b, tmp_path / "x.rbundle")
    assert a.digest() == b.digest()


def test_pseudonymise_keeps_the_shape(world, tmp_path: Path) -> None:
    a, b, ids = world
    _, lines = export(a, b, tmp_path / "p.rbundle", mode="pseudonymise")
    key = a.sharing.request(to=[b.identity.fingerprint])
    del key
    stubs = [line for line in lines if str(line["values"].get("name", "")).startswith(
        "Pseudonym ")]
    assert len(stubs) == 1
    stub = stubs[0]
    assert set(stub["values"]) == {"name", "sensitivity", "notes", "inside_russia", "deleted"}
    assert stub["values"]["notes"] == district_note("RU-SVE")
    assert "ural" in stub["values"]["notes"]
    ties = [line for line in lines if line["kind"] == "tie"]
    rewritten = [t for t in ties if stub["id"] in (t["values"]["from_id"], t["values"]["to_id"])]
    assert len(rewritten) == 1
    assert set(rewritten[0]["values"]) <= {"sensitivity", "from_id", "to_id", "kind",
                                          "confidence", "deleted"}
    assert rewritten[0]["values"]["from_id"] == ids["exile"]
    # the same recipients get the same pseudonyms; the receiver imports them
    _, again = export(a, b, tmp_path / "p2.rbundle", mode="pseudonymise")
    assert stub["id"] in {line["id"] for line in again}
    [report] = receive(b, tmp_path / "p.rbundle")
    assert report.counts["new"] == len(lines)
    assert not b.search(INSIDE)
    [again_report] = receive(b, tmp_path / "p2.rbundle")
    assert again_report.import_id is None


def test_pseudonyms_differ_per_recipient_set(world, tmp_path: Path) -> None:
    a, b, _ = world
    c = make_vault(tmp_path, "Carol")
    introduce(a, c)
    _, to_b = export(a, b, tmp_path / "b.rbundle", mode="pseudonymise")
    _, to_c = export(a, c, tmp_path / "c.rbundle", mode="pseudonymise")
    c.lock()
    stub = lambda ls: {x["id"] for x in ls if "Pseudonym" in str(x["values"].get("name"))}  # noqa: E731
    assert stub(to_b) and stub(to_b).isdisjoint(stub(to_c))


def test_pseudonymise_since_last_sends_the_changed_tie_not_the_stub_sent_before(
        world, tmp_path: Path) -> None:
    """The stub went in the first bundle and has not changed: sent again beside the tie, it
    would only say which real record changed (DESIGN §6.4.4). The tie names it as before."""
    a, b, ids = world
    from registry.sync.exporter import Scope

    _, first = export(a, b, tmp_path / "1.rbundle", mode="pseudonymise",
                      scope=Scope(since_last=True))
    a.update(ids["tie_in"], {"confidence": "confirmed"})
    _, lines = export(a, b, tmp_path / "2.rbundle", mode="pseudonymise",
                      scope=Scope(since_last=True))
    [tie] = lines
    assert tie["kind"] == "tie" and tie["values"]["confidence"] == "confirmed"
    stubs = {line["id"] for line in first if line["kind"] == "person"}
    assert {tie["values"]["from_id"], tie["values"]["to_id"]} & stubs


def test_erasure_under_pseudonymise_erases_the_stub_too(world, tmp_path: Path) -> None:
    a, b, ids = world
    _, first = export(a, b, tmp_path / "1.rbundle", mode="pseudonymise")
    receive(b, tmp_path / "1.rbundle")
    a.erase(ids["inside"])
    text, lines = export(a, b, tmp_path / "2.rbundle", mode="pseudonymise")
    erased = {line["id"] for line in lines if line.get("erased")}
    # b was only ever sent pseudonyms: the erasure travels under them, never by the real id
    assert ids["inside"] not in erased and len(erased) >= 2
    assert ids["inside"].encode() not in text
    receive(b, tmp_path / "2.rbundle")
    assert not b.search("Pseudonym")
    del first


def test_exposure_preview(world, tmp_path: Path) -> None:
    a, b, ids = world
    request = a.sharing.request(to=[b.identity.fingerprint], ceiling="confidential",
                                mode="include")
    before = a.store.meta_get("pseudonym_secret")
    exposure = a.sharing.preview_export(request).to_json()
    assert a.store.meta_get("pseudonym_secret") == before  # a preview writes nothing
    assert exposure["people"] == 3 and exposure["people_inside_russia"] == 1
    assert exposure["left_out_by_reason"]["protected"] == 0  # include: nobody left out for it
    assert exposure["sensitive_fields"] == {"email": 1, "phone": 1}
    pseudo = a.sharing.request(to=[b.identity.fingerprint], mode="pseudonymise")
    shown = a.sharing.preview_export(pseudo)
    assert shown.pseudonyms == 1 and shown.people_inside_russia == 0
    assert shown.left_out > 0
    reasons = shown.to_json()["reasons"]["protected"]
    assert ids["inside"] in reasons["record_ids"] and reasons["records"] >= 1


def test_event_fields_pointing_at_left_out_actors_are_dropped(world, tmp_path: Path) -> None:
    a, b, ids = world
    a.update(ids["org"], {"sensitivity": "confidential"})
    _, lines = export(a, b, tmp_path / "x.rbundle")
    event = next(line for line in lines if line["id"] == ids["event_secret"])
    assert "participants" not in event["values"] and "organiser_id" not in event["values"]


def test_a_record_merged_into_a_protected_person_is_protected_too(world, tmp_path: Path) -> None:
    a, b, ids = world
    dup = person(a, "Duplicate")
    _, lines = export(a, b, tmp_path / "w.rbundle")
    assert any(x["id"] == dup for x in lines)  # positive control: it leaves before the link
    a.update(dup, {"merged_into": ids["inside"]})
    _, lines = export(a, b, tmp_path / "x.rbundle")
    sent = [x for x in lines if x["id"] == dup]  # b holds it: only a protection notice goes
    assert [x.get("notice") for x in sent] == ["protection"]
    assert sent[0]["values"] == {"sensitivity": "protected", "inside_russia": True}
    _, lines = export(a, b, tmp_path / "y.rbundle", mode="include")
    assert next(x for x in lines if x["id"] == dup)["values"]["merged_into"] == ids["inside"]


def test_redactor_units(world) -> None:
    a, _, ids = world
    guard = Protection.load(a.store.conn)
    redactor = Redactor(guard, Sensitivity.INTERNAL, Mode.EXCLUDE, b"k" * 32)
    assert ids["inside"] in guard.people and ids["inside"] in redactor.blocked
    assert ids["secret"] in redactor.blocked and ids["exile"] not in redactor.blocked
    inside = a.get(ids["inside"])
    assert redactor.is_protected_person(inside) and redactor.redact(inside) == []
    stub = redactor.stub(inside)
    assert stub.id == pseudonym_id(b"k" * 32, inside.id) and stub.id != inside.id
    assert district_note(None) is None and district_note("XX-YY") is None


def test_fast_reader_matches_the_store(world) -> None:
    from registry.sync.exporter import read_records

    a, _, ids = world
    a.erase(person(a, "Erased"))
    a.delete(ids["secret"])
    for kind in Kind:
        assert [r for r, _ in read_records(a.store, kind)] == list(a.store.iter_records(kind))


def test_fast_reader_says_which_rows_the_skip_saw_whole(world) -> None:
    """A kept row is one ``skip`` saw with exactly its stamped values; an erased row is not
    sketched, and a sketched column with no stamp makes the row be checked again."""
    from registry.sync.exporter import read_records

    a, _, ids = world
    a.erase(person(a, "Erased"))
    a.store.conn.execute("UPDATE person SET deleted = 1 WHERE id = ?", (ids["exile"],))
    seen: list[str] = []
    rows = list(read_records(a.store, Kind.PERSON, lambda s: bool(seen.append(s.id))))
    kept = {r.id for r, whole in rows if whole}
    assert kept == set(seen) - {ids["exile"]} and ids["secret"] in kept
    assert all(not whole for r, whole in rows if r.erased is not None)


@pytest.mark.parametrize("mode", list(Mode))
@pytest.mark.parametrize("ceiling", list(Sensitivity))
def test_a_kept_record_is_redacted_as_when_checked_again(world, mode: Mode,
                                                          ceiling: Sensitivity) -> None:
    a, _, _ = world
    guard = Protection.load(a.store.conn)
    for kind in Kind:
        for record in a.store.iter_records(kind):
            once, twice = (Redactor(guard, ceiling, mode, b"k" * 32) for _ in range(2))
            if once.skip(record):
                continue
            assert once.redact(record, kept=True) == twice.redact(record)
            assert once.tally == twice.tally


def test_what_points_to_a_protected_person_stays_home_after_her_erasure_arrives(
        tmp_path: Path) -> None:
    """B holds a support, an event and a tie of its own pointing to a person A shared and
    then flagged; A erases her, and B applies the signed erasure. What points to her is
    still hers to protect: none of it leaves B in a default bundle. The control: before the
    erasure, the same preview leaves them out for the same reason."""
    from .vaults import send

    a, b, c = (make_vault(tmp_path, n) for n in ("A", "B", "C"))
    introduce(a, b, c)
    her = person(a, "Мария Сергеевна Ковалёва", region="RU-TA")
    receive(b, send(a, [b], tmp_path / "ab1.rbundle"))
    donor = b.add(Kind.ORGANISATION, {"name": "Donor B", "type": "donor"}).id
    b.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": her,
                         "kind": "security_support", "notes": "SUPPORT-NOTE"})
    b.add(Kind.EVENT, {"title": "EVENT-TITLE", "start": "2025-02-02", "participants": [her]})
    b.add(Kind.TIE, {"from_id": donor, "to_id": her, "kind": "family", "role": "TIE-ROLE"})
    a.update(her, {"inside_russia": True})
    receive(b, send(a, [b], tmp_path / "ab2.rbundle"))
    request = b.sharing.request(to=[c.identity.fingerprint])
    assert b.sharing.preview_export(request).left_out_by_reason()["protected"] >= 3
    a.erase(her)
    receive(b, send(a, [b], tmp_path / "ab3.rbundle"))
    assert b.find(her).erased is not None
    assert b.sharing.preview_export(request).left_out_by_reason()["protected"] >= 3
    text, _ = decrypted(send(b, [c], tmp_path / "bc.rbundle"), c)
    for sentinel in (b"SUPPORT-NOTE", b"EVENT-TITLE", b"TIE-ROLE"):
        assert sentinel not in text
    for v in (a, b, c):
        v.lock()


def test_a_reference_to_an_organisation_named_after_her_is_blanked_as_a_mention(
        tmp_path: Path) -> None:
    """"Free Irina Volkova Campaign" stays home as a mention of her (DESIGN §6.4.6); the
    event it organised and the organisation decided "same" as it lose the reference to it —
    counted "above the ceiling", at ceiling protected, where nothing is: the preview sent the
    official to the ceiling, not to ``--keep-mentions`` (§6.4.8: every blanked field by its
    reason)."""
    from .vaults import introduce, make_vault, person

    a, b = make_vault(tmp_path, "A"), make_vault(tmp_path, "B")
    introduce(a, b)
    try:
        person(a, "Ирина Волкова", name_latin="Irina Volkova", inside_russia=True)
        named = a.add(Kind.ORGANISATION, {"name": "Free Irina Volkova Campaign"}).id
        other = a.add(Kind.ORGANISATION, {"name": "FIV Campaign"}).id
        a.matching.decide(named, other, "same")
        event = a.add(Kind.EVENT, {"title": "Panel", "start": "2024-01-01",
                                   "organiser_id": named}).id
        request = a.sharing.request(to=[b.identity.fingerprint], ceiling="protected")
        blanked = a.sharing.preview_export(request).tally.blanked
        assert OmitReason.ABOVE_CEILING not in blanked, blanked
        assert event in blanked[OmitReason.MENTION]["organiser_id"]
    finally:
        a.lock()
        b.lock()


@pytest.mark.parametrize("mode", list(Mode))
def test_a_reference_to_an_actor_not_held_here_never_leaves(world, mode: Mode) -> None:
    """``holds``: a reference to an actor this vault does not hold (a colleague's link beside
    an erasure waiting here) leaves as one to an actor left out, counted as deleted — an
    event loses the field, a tie, support or evaluation stays home (also a pseudonymous tie,
    and a tie touching a protected person under ``include``), a "same" link is dropped —
    whatever the mode; the same records with every actor held go as ever (control)."""
    a, _, ids = world
    guard = Protection.load(a.store.conn)
    away = {ids["org"], ids["exile"]}  # as if their erasures waited here

    def redactor(*gone: str) -> Redactor:
        return Redactor(guard, Sensitivity.PROTECTED, mode, b"k" * 32,
                        holds=frozenset(guard.level).difference(gone))

    def sent(r: Redactor, name: str) -> list:
        record = a.get(ids[name])
        return [] if r.skip(record) else r.redact(record)

    held, missing = redactor(), redactor(*away)
    assert sent(held, "tie_org") and sent(missing, "tie_org") == []  # exile → org
    event = sent(missing, "event_secret")  # organised by org, exile one of its people
    assert "organiser_id" not in event[0].values and "participants" not in event[0].values
    assert sent(held, "event_secret")[0].values["organiser_id"] == ids["org"]
    tie_in = sent(held, "tie_in")  # exile → inside (protected): sent in its mode's way
    assert bool(tie_in) is (mode is not Mode.EXCLUDE)
    assert sent(missing, "tie_in") == []
    # a tie to a protected person stays home for her first, but in include
    touching = [ids["tie_in"]] if mode is Mode.INCLUDE else []
    assert missing.tally.left_out[OmitReason.DELETED] == [ids["tie_org"], *touching]
    assert missing.tally.blanked[OmitReason.DELETED] == {
        "organiser_id": [ids["event_secret"]], "participants": [ids["event_secret"]]}
    newer = a.add(Kind.ORGANISATION, {"name": "Media Two", "type": "media"}).id
    a.update(newer, {"merged_into": ids["org"]})
    guard = Protection.load(a.store.conn)
    record = a.get(newer)
    assert redactor().redact(record)[0].values["merged_into"] == ids["org"]
    assert "merged_into" not in redactor(ids["org"]).redact(record)[0].values
