"""A colleague's well-signed bundle cannot make this vault's next default export carry what
it kept home for a protected person by *moving things around her* (DESIGN §2, §6.4, §6.5).

R holds the records and shared them with C before she was flagged; C's laptop is seized
and sends bundles signed with C's own keys; A is an honest colleague; D is an ordinary
later recipient of R's default export (ceiling internal, protected people left out,
mentions blanked). Each case has a control: the same bundle without the hostile part, or
the hostile part without what it exploits. Found by an attack round with a trusted
colleague's real keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.service import Registry
from registry.store import protection

from .forge import forge, record, stamp
from .parts import notice
from .test_redact import decrypted
from .vaults import person, receive, send


def shared(r: Registry, c: Registry, tmp_path: Path) -> None:
    """R sends C everything it holds (before anyone is flagged)."""
    receive(c, send(r, [c], tmp_path / "r-to-c.rbundle"))


def default_export(r: Registry, d: Registry, tmp_path: Path) -> tuple[str, dict[str, Any]]:
    """R's next default export to D, as D decrypts it: the text and the lines by id."""
    text, lines = decrypted(send(r, [d], tmp_path / "r-to-d.rbundle"), d)
    return text.decode(), {line["id"]: line.get("values", {}) for line in lines}


def her_double(r: Registry) -> tuple[str, str, str]:
    """R's P (her, open yet), R's Q (her phone in its notes) and Q's tie (a courier): the
    record a group keeps with her, and what points to it. Returns P, Q and the tie."""
    p = person(r, "Мария Сергеевна Кузнецова")
    q = person(r, "Маша К.", notes="SECRET phone +7 900 000 00 00")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": q, "to_id": org, "kind": "member_of",
                           "notes": "QTIE courier"}).id
    return p, q, tie


def nothing_of_her_double(r: Registry, d: Registry, tmp_path: Path, q: str, tie: str) -> None:
    """Neither R's FtM export nor R's next default export to D carries Q or its tie."""
    from registry.domain.enums import Sensitivity
    from registry.interop.ftm import export_ftm

    ftm = tmp_path / "out.ftm.json"
    export_ftm(r.store, ftm, ceiling=Sensitivity.INTERNAL)
    assert "SECRET" not in ftm.read_text(encoding="utf-8")
    text, got = default_export(r, d, tmp_path)
    assert q not in got and "SECRET" not in text and tie not in got and "QTIE" not in text


# ---- 1. a rename of her frees the text that names her ------------------------------------------
@pytest.mark.parametrize("rename", [True, False])
def test_a_rename_does_not_free_the_text_naming_her(rcad, tmp_path: Path, rename: bool) -> None:
    """C renames the flagged person (newer stamps on her name, Latin name and aliases): the
    mention scan read her current names only, and a witness's notes, an organisation and a
    trial named after her by her real name left in R's next default export. An honest
    spelling correction did the same. Her former names (field history) count now.
    Control: no rename."""
    r, c, _, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова", name_latin="Maria Kuznetsova")
    shared(r, c, tmp_path)
    r.update(her, {"inside_russia": True})
    witness = person(r, "Свидетель", notes="Мария Кузнецова арестована в Самаре")
    fund = r.add(Kind.ORGANISATION, {"name": "Фонд Марии Кузнецовой"}).id
    trial = r.add(Kind.EVENT, {"title": "Суд над Марией Кузнецовой", "start": "2026-03-01"}).id
    lines = [record(c, Kind.PERSON, {"name": "Иван Иванов"})]
    if rename:
        lines.append(record(c, Kind.PERSON, {"name": "Иван Петров", "name_latin": "Ivan Petrov",
                                             "aliases": []}, record_id=her))
    receive(r, forge(c, r, tmp_path / "c.rbundle", lines))
    assert r.is_protected(her) and (r.get(her).values["name"] == "Иван Петров") == rename
    text, got = default_export(r, d, tmp_path)
    assert her not in got and fund not in got and trial not in got
    assert "notes" not in got[witness] and "Кузнецов" not in text
    assert got[witness]["name"] == "Свидетель"  # the witness travels, without the text


def test_a_rename_by_the_official_who_made_her_record_does_not_free_the_text(
        rcad, tmp_path: Path) -> None:
    """C made her record and sent it; R flagged her; C renames her. Her real name was
    brought by C and replaced by C, as a decoy name C brought and took back would be: a
    rule that left out the names one official brought and replaced (to spare text that a
    rename there and back would otherwise keep home) freed the text naming her here. Every
    former name counts; a rename to "Мемориал" and back keeps text with it home too, which
    over-blanks and never leaks (the control)."""
    r, c, _, d = rcad
    her = person(c, "Мария Сергеевна Кузнецова", name_latin="Maria Kuznetsova")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    r.update(her, {"inside_russia": True})
    witness = person(r, "Свидетель", notes="Мария Кузнецова арестована в Самаре")
    memorial = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    for n, name in enumerate(["Мемориал", "Иван Петров"]):
        receive(r, forge(c, r, tmp_path / f"{n}.rbundle", [record(
            c, Kind.PERSON, {"name": name, "name_latin": "Ivan Petrov"}, record_id=her)]))
    assert r.get(her).values["name"] == "Иван Петров"
    text, got = default_export(r, d, tmp_path)
    assert her not in got and "notes" not in got[witness] and "Кузнецов" not in text
    assert memorial not in got  # the decoy counts too: over-blanking, never a leak


@pytest.mark.parametrize("revoke", [True, False])
def test_her_maiden_name_still_counts_after_a_married_name_and_a_revocation(
        rcad, tmp_path: Path, revoke: bool) -> None:
    """C made her record; A (honest) records her married name; R flags her, then learns C's
    laptop was seized and revokes C. No name may stop counting for who brought it: her
    maiden name (brought by C) still blanks the note naming her by it."""
    r, c, a, d = rcad
    her = person(c, "Мария Кузнецова", name_latin="Maria Kuznetsova")
    receive(r, send(c, [r], tmp_path / "c-r.rbundle"))
    receive(a, send(c, [a], tmp_path / "c-a.rbundle"))
    a.update(her, {"name": "Мария Смирнова", "name_latin": "Maria Smirnova"})
    receive(r, send(a, [r], tmp_path / "a-r.rbundle"))
    assert r.get(her).values["name_latin"] == "Maria Smirnova"
    r.update(her, {"inside_russia": True})
    witness = person(r, "Witness", notes="Maria Kuznetsova was detained in Samara")
    if revoke:
        r.sharing.trust.revoke(c.identity.fingerprint)
    text, got = default_export(r, d, tmp_path)
    assert her not in got and "notes" not in got[witness] and "Kuznetsova" not in text


# ---- 2. a long "same" chain splits her group ---------------------------------------------------
@pytest.mark.parametrize(("shape", "links"), [("chain", 70), ("cycle", 70), ("chain", 5)])
def test_a_same_group_of_any_length_or_shape_stays_one(rcad, tmp_path: Path, shape: str,
                                                       links: int) -> None:
    """R decided Q "same" as P. C links 70 new people between them (Q → X1 → … → X70 → P),
    or makes P and the 70 a cycle: the rule followed ``merged_into`` 64 steps at most and took
    wherever it stopped for the group's root, so when R later flagged P, Q (R's own record,
    with her phone number) was no longer protected and left. Control: a chain of 5."""
    r, c, _, d = rcad
    p = person(r, "Мария Сергеевна Кузнецова")
    q = person(r, "Маша К.", notes="SECRET phone +7 900 000 00 00")
    r.matching.decide(p, q, "same")
    member = q if r.get(q).values.get("merged_into") == p else p
    survivor = p if member == q else q
    shared(r, c, tmp_path)
    xs = [record(c, Kind.PERSON, {"name": f"Дубль {n}"}) for n in range(links)]
    end = xs[0].id if shape == "cycle" else survivor
    for n, x in enumerate(xs):
        x.values["merged_into"] = xs[n + 1].id if n + 1 < len(xs) else end
        x.stamps["merged_into"] = x.stamps["name"]
    lines = [*xs, record(c, Kind.PERSON, {"merged_into": xs[0].id}, record_id=member)]
    if shape == "cycle":  # the survivor joins the cycle
        lines.append(record(c, Kind.PERSON, {"merged_into": xs[0].id}, record_id=survivor))
    receive(r, forge(c, r, tmp_path / "c.rbundle", lines))
    assert member in r.group_of(survivor)  # still one group, as R sees it
    r.update(survivor, {"inside_russia": True})
    assert r.is_protected(member)
    guard = protection.Protection.load(r.store.conn)
    assert {guard.root.get(i, i) for i in (member, survivor, *(x.id for x in xs))} == {
        guard.root.get(survivor, survivor)}
    text, got = default_export(r, d, tmp_path)
    assert member not in got and "SECRET" not in text


def test_the_groups_of_a_long_chain_are_found_without_recursion() -> None:
    """``protection._roots``: a chain of 100,000 links, a cycle with a tail, and records that
    are "same" as nobody, each with one root."""
    n = 100_000
    parent = {f"a{i:06}": f"a{i + 1:06}" for i in range(n)}
    parent.update({"c1": "c2", "c2": "c3", "c3": "c1", "t": "c2"})
    roots = protection._roots(parent, [*parent, "alone"])
    assert {roots[f"a{i:06}"] for i in range(n)} == {f"a{n:06}"}
    assert {roots[k] for k in ("c1", "c2", "c3", "t")} == {"c1"}
    assert roots["alone"] == "alone"


# ---- 3. a support, an event or a tie moved off her ---------------------------------------------
@pytest.mark.parametrize("moved", [True, False])
def test_what_was_about_her_stays_home_when_a_bundle_moves_it_off_her(
        rcad, tmp_path: Path, moved: bool) -> None:
    """C points R's own support (recipient), event (participants) and tie (end) at a new
    dummy person: the support and the event were kept home only because they named her, and
    left in R's next default export (the humanitarian visa, its amount, "exit via Narva").
    What a bundle moves off an actor is raised to that actor's level once the file is
    merged, as R's own protecting change. Control: the dummy alone."""
    r, c, _, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова")
    donor = r.add(Kind.ORGANISATION, {"name": "MFA SE", "type": "government"}).id
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    support = r.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": her,
                                   "kind": "humanitarian_visa", "amount": 5000,
                                   "currency": "EUR", "notes": "SUPPORT exit via Narva"}).id
    event = r.add(Kind.EVENT, {"title": "Closed meeting EVENT", "start": "2026-03-01",
                               "participants": [her]}).id
    tie = r.add(Kind.TIE, {"from_id": her, "to_id": org, "kind": "member_of",
                           "notes": "TIE courier"}).id
    shared(r, c, tmp_path)
    r.update(her, {"inside_russia": True})
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    lines = [dummy]
    if moved:
        lines += [record(c, Kind.SUPPORT, {"recipient_id": dummy.id}, record_id=support),
                  record(c, Kind.EVENT, {"participants": [dummy.id]}, record_id=event),
                  record(c, Kind.TIE, {"from_id": dummy.id}, record_id=tie)]
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", lines))
    assert (r.get(support).values["recipient_id"] == dummy.id) == moved  # the move applied
    text, got = default_export(r, d, tmp_path)
    assert not {support, event, tie} & got.keys() and "Narva" not in text
    assert "EVENT" not in text and "courier" not in text
    if moved:
        for rid in (support, event):
            assert r.get(rid).values["sensitivity"] == "protected"
            assert r.provenance(r.get(rid))["sensitivity"]["import_id"] is None  # R's own
        assert report.counts["changed"] == 3


def test_a_support_moved_off_a_confidential_organisation_keeps_its_level(
        rcad, tmp_path: Path) -> None:
    """The same move off an organisation R marked confidential: the support is raised to
    confidential, and a default export (ceiling internal) keeps it home. Control: a support
    moved between two open organisations keeps its level."""
    r, c, _, d = rcad
    hidden = r.add(Kind.ORGANISATION, {"name": "Тайный фонд", "type": "donor",
                                       "sensitivity": "confidential"}).id
    donor = r.add(Kind.ORGANISATION, {"name": "MFA SE", "type": "government"}).id
    other = r.add(Kind.ORGANISATION, {"name": "Open Fund", "type": "donor"}).id
    grantee = person(r, "Пётр Открытый")
    secret = r.add(Kind.SUPPORT, {"provider_id": hidden, "recipient_id": grantee,
                                  "kind": "grant", "notes": "HIDDEN-GRANT"}).id
    plain = r.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": grantee,
                                 "kind": "grant", "notes": "PLAIN-GRANT"}).id
    shared(r, c, tmp_path)
    lines = [record(c, Kind.SUPPORT, {"provider_id": other}, record_id=secret),
             record(c, Kind.SUPPORT, {"provider_id": other}, record_id=plain)]
    receive(r, forge(c, r, tmp_path / "c.rbundle", lines))
    assert r.get(secret).values["sensitivity"] == "confidential"
    assert r.get(plain).values["sensitivity"] == "internal"
    text, got = default_export(r, d, tmp_path)
    assert secret not in got and "HIDDEN-GRANT" not in text
    assert got[plain]["provider_id"] == other  # control: it travels, moved


# ---- 4. a flag that came by notice, then a move ------------------------------------------------
@pytest.mark.parametrize("how", ["two-imports", "one-import-two-files",
                                 "one-import-move-first", "control-no-move"])
def test_a_tie_moved_off_her_after_a_notice_flagged_her_stays_home(
        rcad, tmp_path: Path, how: str) -> None:
    """A's protection notice flags her; the import does not raise her ties at once (the
    next export's protection step does), so C re-pointing her tie (a courier who meets her
    monthly) made it leave. The import's end decides, whatever the order of its files (the
    move judged at its own file's end let it leave when the notice came in a later file).
    Control: the notice without the move."""
    r, c, a, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": her, "to_id": org, "kind": "contact_inside",
                           "role": "courier", "notes": "TIE meets her monthly"}).id
    shared(r, c, tmp_path)
    flag = forge(a, r, tmp_path / "a.rbundle", [],
                 [notice(her, Kind.PERSON, {"inside_russia": True}, stamp(a))])
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    lines = [dummy] + ([] if how.startswith("control") else
                       [record(c, Kind.TIE, {"from_id": dummy.id}, record_id=tie)])
    move = forge(c, r, tmp_path / "c.rbundle", lines)
    if how == "one-import-two-files":
        receive(r, flag, move)
    elif how == "one-import-move-first":  # the files of one import, in any order (§6.5.8)
        receive(r, move, flag)
    else:
        receive(r, flag)
        assert r.is_protected(her)
        receive(r, move)
    text, got = default_export(r, d, tmp_path)
    assert tie not in got and "monthly" not in text


def test_what_is_moved_off_her_once_she_is_erased_keeps_her_protection(
        rcad, tmp_path: Path) -> None:
    """C made her record (R has it from C); R recorded her support and event and flagged
    her. C's bundle erases her (the creator's erasure applies at once) and moves the support
    and the event to a dummy: her level was read from live records only, so once erased she
    counted as public and both left R's next default export. What she was when she was
    erased counts now. Control: the erasure alone keeps both home."""
    from registry.domain.model import Record

    r, c, _, d = rcad
    her = person(c, "Мария Сергеевна Кузнецова")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    donor = r.add(Kind.ORGANISATION, {"name": "MFA SE", "type": "government"}).id
    support = r.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": her,
                                   "kind": "humanitarian_visa", "notes": "SUPPORT via Narva"}).id
    event = r.add(Kind.EVENT, {"title": "Closed meeting EVENT", "start": "2026-03-01",
                               "participants": [her]}).id
    shared(r, c, tmp_path)
    r.update(her, {"inside_russia": True})
    erasure = Record(her, Kind.PERSON, {}, {}, stamp(c))
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    moves = [dummy, record(c, Kind.SUPPORT, {"recipient_id": dummy.id}, record_id=support),
             record(c, Kind.EVENT, {"participants": [dummy.id]}, record_id=event)]
    receive(r, forge(c, r, tmp_path / "c1.rbundle", [*moves, erasure], sign=True))
    assert r.store.get(her).erased is not None
    assert r.get(support).values["recipient_id"] == dummy.id
    text, got = default_export(r, d, tmp_path)
    assert support not in got and event not in got and "Narva" not in text


def test_a_group_is_read_in_one_statement_however_long_its_chain(rcad, tmp_path: Path) -> None:
    """A chain of 2,000 "same" links from C, then every tie of its members moved: each
    protection question walked the chain a query per link (2,000 × 2,000 for the moves), now
    one recursive statement, and the moves read every actor's level once."""
    r, c, _, _ = rcad
    xs = [record(c, Kind.PERSON, {"name": f"Дубль {n}"}) for n in range(2000)]
    for n, x in enumerate(xs[:-1]):
        x.values["merged_into"] = xs[n + 1].id
        x.stamps["merged_into"] = x.stamps["name"]
    org = record(c, Kind.ORGANISATION, {"name": "Мемориал"})
    ties = [record(c, Kind.TIE, {"from_id": x.id, "to_id": org.id, "kind": "member_of"})
            for x in xs]
    receive(r, forge(c, r, tmp_path / "1.rbundle", [*xs, org, *ties]))
    statements: list[str] = []
    r.store.conn.set_trace_callback(statements.append)
    try:
        assert len(r.group_of(xs[0].id)) == 2000
        assert sum(1 for q in statements if "WITH RECURSIVE" in q) == 1
    finally:
        r.store.conn.set_trace_callback(None)
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    moves = [dummy, *(record(c, Kind.TIE, {"from_id": dummy.id}, record_id=t.id)
                      for t in ties)]
    statements.clear()
    r.store.conn.set_trace_callback(statements.append)
    try:
        receive(r, forge(c, r, tmp_path / "2.rbundle", moves))
    finally:
        r.store.conn.set_trace_callback(None)
    assert r.get(ties[0].id).values["from_id"] == dummy.id
    # linear: each of the 2,001 lines costs a few dozen statements, never one per link
    assert len(statements) < 50 * len(moves), len(statements)


def test_a_move_that_keeps_her_or_a_record_erased_after_it_raises_nothing(
        rcad, tmp_path: Path) -> None:
    """Controls of the rule: an event that gains a participant but keeps her, and a support
    moved off her and then erased in the same import, are left as they are (nothing was
    moved off her that still stands)."""
    from registry.domain.model import Record

    r, c, _, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова")
    donor = r.add(Kind.ORGANISATION, {"name": "MFA SE", "type": "government"}).id
    event = r.add(Kind.EVENT, {"title": "Closed meeting EVENT", "start": "2026-03-01",
                               "participants": [her]}).id
    made = record(c, Kind.SUPPORT, {"provider_id": donor, "recipient_id": her, "kind": "grant",
                                    "notes": "SUPPORT"})  # C's own: C may erase it
    receive(r, forge(c, r, tmp_path / "0.rbundle", [made]))
    support = made.id
    r.update(her, {"inside_russia": True})
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    moved = forge(c, r, tmp_path / "1.rbundle", [
        dummy, record(c, Kind.EVENT, {"participants": [her, dummy.id]}, record_id=event),
        record(c, Kind.SUPPORT, {"recipient_id": dummy.id}, record_id=support)])
    gone = forge(c, r, tmp_path / "2.rbundle", [Record(support, Kind.SUPPORT, {}, {},
                                                       stamp(c))], sign=True)
    receive(r, moved, gone)
    assert r.store.get(support).erased is not None
    assert r.get(event).values["participants"] == [her, dummy.id]
    assert r.get(event).values["sensitivity"] == "internal"  # still about her: home anyway
    text, got = default_export(r, d, tmp_path)
    assert event not in got and "SUPPORT" not in text
    assert protection.Protection.load(r.store.conn).formerly == {}


# ---- 5. the move first, her protection after: in either order ----------------------------------
def _her_tie_moved_off(r: Registry, c: Registry, tmp_path: Path, *, move: bool = True
                       ) -> tuple[str, str, str]:
    """R's tie from her (open yet) to an organisation, shared with C; C re-points it at a
    new dummy person. Returns her id, the tie's and the dummy's."""
    her = person(r, "Мария Сергеевна Кузнецова")
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": her, "to_id": org, "kind": "contact_inside",
                           "role": "courier", "notes": "TIE meets her monthly"}).id
    shared(r, c, tmp_path)
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    lines = [dummy, *([record(c, Kind.TIE, {"from_id": dummy.id}, record_id=tie)]
                      if move else [])]
    receive(r, forge(c, r, tmp_path / "move.rbundle", lines))
    assert (r.get(tie).values["from_id"] == dummy.id) == move
    assert r.get(tie).values["sensitivity"] == "internal"  # she is open: nothing to keep
    return her, tie, dummy.id


def _left_out_ids(r: Registry, d: Registry) -> set[str]:
    """The ids R's default export to D would leave out, as its exposure preview says."""
    exposure = r.sharing.preview_export(r.sharing.request(to=[d.identity.fingerprint]))
    return {i for entry in exposure.tally.to_json(ids=True).values()
            for i in entry["record_ids"]}


@pytest.mark.parametrize("flag", ["notice-later", "local-edit", "never"])
def test_a_tie_moved_off_her_before_she_was_flagged_stays_home(
        rcad, tmp_path: Path, flag: str) -> None:
    """C moves her tie (a courier who meets her monthly) off her while she is open; later she
    is flagged — by A's notice in a later import, or by R's own edit. Only a flag that came
    before the move kept the tie home, so the same bundles in the other order let it leave
    (DESIGN §6.1: any order gives the same vault). The later import raises it; after a local
    flag, the exposure preview already counts it out and the export raises it as R's own
    change. Control: she is never flagged, and the moved tie travels."""
    r, c, a, d = rcad
    her, tie, dummy = _her_tie_moved_off(r, c, tmp_path)
    if flag == "notice-later":
        receive(r, forge(a, r, tmp_path / "a.rbundle", [],
                         [notice(her, Kind.PERSON, {"inside_russia": True}, stamp(a))]))
        assert r.get(tie).values["sensitivity"] == "protected"  # the import's end raised it
        assert r.provenance(r.get(tie))["sensitivity"]["import_id"] is None  # R's own
    elif flag == "local-edit":
        r.update(her, {"inside_russia": True})
    assert (tie in _left_out_ids(r, d)) == (flag != "never")
    text, got = default_export(r, d, tmp_path)
    if flag == "never":
        assert got[tie]["from_id"] == dummy and "courier" in text
        return
    assert tie not in got and "courier" not in text
    assert r.get(tie).values["sensitivity"] == "protected"


@pytest.mark.parametrize("order", ["move-then-flag", "flag-then-move"])
def test_the_move_and_her_flag_leave_the_same_protection_in_either_order(
        rcad, tmp_path: Path, order: str) -> None:
    """The same two bundles (C's move of a support off her, A's flag of her) in either order,
    as two imports: the support ends protected, with R's own stamp on the raise, and stays
    out of R's next default export."""
    r, c, a, d = rcad
    her = person(r, "Мария Сергеевна Кузнецова")
    donor = r.add(Kind.ORGANISATION, {"name": "MFA SE", "type": "government"}).id
    support = r.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": her,
                                   "kind": "humanitarian_visa", "notes": "SUPPORT Narva"}).id
    shared(r, c, tmp_path)
    dummy = record(c, Kind.PERSON, {"name": "Иван Иванов"})
    move = forge(c, r, tmp_path / "c.rbundle", [
        dummy, record(c, Kind.SUPPORT, {"recipient_id": dummy.id}, record_id=support)])
    flag = forge(a, r, tmp_path / "a.rbundle", [],
                 [notice(her, Kind.PERSON, {"inside_russia": True}, stamp(a))])
    for path in ([move, flag] if order == "move-then-flag" else [flag, move]):
        receive(r, path)
    assert r.get(support).values["recipient_id"] == dummy.id
    assert r.get(support).values["sensitivity"] == "protected"
    assert r.provenance(r.get(support))["sensitivity"]["import_id"] is None
    text, got = default_export(r, d, tmp_path)
    assert support not in got and "Narva" not in text


def test_the_officials_own_acts_decide_for_themselves(rcad, tmp_path: Path) -> None:
    """R moves a tie off her by R's own edit, then flags her: the tie is R's to judge and
    travels (a reference changed here is no bundle's move). R lowers a tie a bundle moved
    off her, once it was raised: lowering is a local act, and the next export does not raise
    it again. A lowering judges the actors as they stood: one lowered while the person it was
    moved off was still open is raised again once she is flagged (found by an attack round:
    the lowering freed the move for good)."""
    r, c, _, d = rcad
    second = person(r, "Анна Ивановна Смирнова")
    org = r.add(Kind.ORGANISATION, {"name": "Открытый фонд"}).id
    tie2 = r.add(Kind.TIE, {"from_id": second, "to_id": org, "kind": "contact_inside",
                            "notes": "TIE2 hides her"}).id
    her, tie, dummy = _her_tie_moved_off(r, c, tmp_path)  # shares all with C
    other = person(r, "Пётр Петров")
    own = r.add(Kind.TIE, {"from_id": her, "to_id": org, "kind": "member_of",
                           "notes": "OWN-TIE"}).id
    r.update(own, {"from_id": other})
    r.update(her, {"inside_russia": True})
    text, got = default_export(r, d, tmp_path)
    assert got[own]["from_id"] == other and "OWN-TIE" in text  # R's own move
    assert tie not in got and r.get(tie).values["sensitivity"] == "protected"
    r.update(tie, {"sensitivity": "internal"}, confirm_lowering=True)
    text, got = default_export(r, d, tmp_path)
    assert got[tie]["from_id"] == dummy and r.get(tie).values["sensitivity"] == "internal"
    assert protection.Protection.load(r.store.conn).formerly == {}
    # lowered before she was flagged: nothing about her was judged then
    again = record(c, Kind.PERSON, {"name": "Сергей Сергеев"})
    receive(r, forge(c, r, tmp_path / "again.rbundle", [
        again, record(c, Kind.TIE, {"from_id": again.id}, record_id=tie2)]))
    r.update(tie2, {"sensitivity": "public"}, confirm_lowering=True)
    r.update(second, {"inside_russia": True})
    assert tie2 in _left_out_ids(r, d)
    text, got = default_export(r, d, tmp_path)
    assert got.get(tie2, {}).keys() <= {"sensitivity"} and "TIE2" not in text
    assert r.get(tie2).values["sensitivity"] == "protected"


def test_a_move_the_official_undid_and_made_again_is_the_officials(
        rcad, tmp_path: Path) -> None:
    """C moves the tie off her; R puts it back on her and then moves it to someone else, both
    by R's own edits, and flags her: the move that stands is R's, and the tie travels (C's
    older move of it does not count: the last change that took her away decides). Found by
    an attack round (over-blanking)."""
    r, c, _, d = rcad
    her, tie, _ = _her_tie_moved_off(r, c, tmp_path)
    z = person(r, "Пётр Петров")
    r.update(tie, {"from_id": her})
    r.update(tie, {"from_id": z})
    r.update(her, {"inside_russia": True})
    _, got = default_export(r, d, tmp_path)
    assert got[tie]["from_id"] == z


def test_parts_of_an_import_do_not_read_the_moves_again(
        rcad, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import whose every part links "same" records (each part makes the groups' levels
    their members' own) reads the moved records once, at its end, not once a part: a bundle
    could grow the history of moves and the number of parts both (found by an attack round)."""
    from registry.sync import importer

    r, c, _, _ = rcad
    o1, o2, o3 = (record(c, Kind.ORGANISATION, {"name": f"Org {i}"}) for i in range(3))
    ties = [record(c, Kind.TIE, {"from_id": o1.id, "to_id": o2.id, "kind": "partner_of"})
            for _ in range(50)]
    xs = [record(c, Kind.PERSON, {"name": f"X{i}"}) for i in range(21)]
    receive(r, forge(c, r, tmp_path / "1.rbundle", [o1, o2, o3, *ties, *xs]))
    receive(r, forge(c, r, tmp_path / "2.rbundle", [
        record(c, Kind.TIE, {"from_id": o3.id}, record_id=t.id) for t in ties]))
    calls: list[int] = []
    real = protection.moved_off

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(protection, "moved_off", counting)
    monkeypatch.setattr(importer, "PART", 1)
    links = [record(c, Kind.PERSON, {"merged_into": xs[i + 1].id}, record_id=xs[i].id)
             for i in range(20)]
    receive(r, forge(c, r, tmp_path / "3.rbundle", links))
    assert r.get(xs[0].id).values["merged_into"] == xs[1].id
    assert len(calls) == 1, len(calls)


def test_the_moves_are_found_through_their_own_index(rcad, tmp_path: Path) -> None:
    """``protection.moved_off`` reads the field history through schema v20's partial index
    (every export and import end asks it), not the whole history; its term and the
    index's are the same."""
    r, c, _, _ = rcad
    _her_tie_moved_off(r, c, tmp_path)
    plan = r.store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT h.record_id FROM field_history AS h "
        f"WHERE h.{protection.ABOUT_TERM} AND h.import_id IS NOT NULL").fetchall()
    assert any("field_history_about" in str(row[-1]) for row in plan), plan
    assert len(protection.moved_off(r.store.conn)) == 1


# ---- 6. a "same" link taken away before her flag ---------------------------------------------
@pytest.mark.parametrize("order", ["split-then-flag", "flag-then-split", "control-own-split"])
def test_a_same_link_a_bundle_took_away_before_her_flag_keeps_her_level(
        rcad, tmp_path: Path, order: str) -> None:
    """R decided Q ("Маша К.", her phone in the notes, a tie of her own) "same" as her; C's
    bundle clears Q's link. Flagged after the split, Q and Q's tie left in R's default
    export and in the spreadsheet-style FtM export; flagged before, the split kept Q's level
    (found by an attack round). Either order now keeps both home. Control: R's own
    un-linking (the official's decision) frees Q."""
    r, c, _, d = rcad
    p, q, tie = her_double(r)
    r.matching.decide(p, q, "same")
    member = q if r.get(q).values.get("merged_into") == p else p
    shared(r, c, tmp_path)
    split = forge(c, r, tmp_path / "split.rbundle",
                  [record(c, Kind.PERSON, {"merged_into": None}, record_id=member)])
    if order == "flag-then-split":
        r.update(p, {"inside_russia": True})
        receive(r, split)
    elif order == "split-then-flag":
        receive(r, split)
        r.update(p, {"inside_russia": True})
    else:
        r.update(member, {"merged_into": None})
        r.update(p, {"inside_russia": True})
    assert not r.get(member).values.get("merged_into")
    if order.startswith("control"):
        _, got = default_export(r, d, tmp_path)
        assert got[q]["notes"].startswith("SECRET") and got[tie]["from_id"] == q
        return
    nothing_of_her_double(r, d, tmp_path, q, tie)
    assert r.is_protected(q)


def test_the_editor_and_an_erasure_ask_the_same_rule(rcad, tmp_path: Path) -> None:
    """The level the editor shows (``protection_of``) and the level an erasure keeps for a
    tie's tombstone count what a bundle moved the tie off, before any export makes it the
    tie's own: after her later flag, protected. Control: an open tie of the same shape."""
    from registry.domain.enums import Sensitivity

    r, c, _, _ = rcad
    her, tie, _ = _her_tie_moved_off(r, c, tmp_path)
    org = r.add(Kind.ORGANISATION, {"name": "Открытый фонд"}).id
    plain = r.add(Kind.TIE, {"from_id": person(r, "Пётр Петров"), "to_id": org,
                             "kind": "member_of"}).id
    assert r.protection_of(tie) is Sensitivity.INTERNAL  # she is open yet
    r.update(her, {"inside_russia": True})
    assert r.protection_of(tie) is Sensitivity.PROTECTED
    assert r.get(tie).values["sensitivity"] == "internal"  # not made its own yet
    assert r.protection_of(plain) is Sensitivity.INTERNAL
    r.erase(tie)
    r.erase(plain)
    assert r.store.erased_protection(tie) == (Sensitivity.PROTECTED, False)
    assert r.store.erased_protection(plain) == (Sensitivity.INTERNAL, False)
