"""Records decided "same" keep the group's protection whatever an import does to the group
(DESIGN §6.4.1, §6.4.3), between real in-process vaults with a trusted colleague's real keys.

R protects a person through a "same" group: one member is inside Russia, the other is
protected only because it belongs to the group. A colleague C (whose laptop may be seized)
can then unlink the group (``merged_into`` cleared) or erase the protected member, as the
record's creator or through a held erasure R accepts. Each time the change itself is applied,
and the other member stays protected: R's next default bundle to a third official D leaves it
out. The control: a person who was never in a protected group does travel to D.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.match import review
from registry.service import Registry
from registry.sync import agecrypt, container, payload
from registry.sync.redact import OmitReason

from .forge import forge, stamp
from .vaults import person, receive, send


def sent_ids(sender: Registry, to: Registry, path: Path, **request: Any) -> set[str]:
    """The record ids of ``sender``'s bundle to ``to`` (default, or as ``request`` asks),
    decrypted as ``to`` reads it."""
    send(sender, [to], path, **request)
    opened = container.open_bundle(path)
    plain = agecrypt.decrypt(opened.payload, to.official_keys.age_identity, max_size=1 << 24)
    _, lines = payload.decode(plain, max_uncompressed=1 << 24, max_line=1 << 20,
                              max_lines=10_000)
    return {str(line["id"]) for line in lines if "notice" not in line}


def linked(reg: Registry, a: str, b: str) -> str:
    """Of the pair decided "same", the record that carries the ``merged_into`` link."""
    return a if reg.get(a).values.get("merged_into") else b


def test_an_import_that_unlinks_a_group_leaves_its_members_protected(rcad, tmp_path) -> None:
    r, c, _, d = rcad
    flagged = person(r, "Ирина Волкова", city="Kazan")
    twin = person(r, "Irina Volkova", notes="visits her brother in detention")
    bystander = person(r, "Пётр Иванов")
    review.decide(r, flagged, twin, "same")
    receive(c, send(r, [c], tmp_path / "to-c.rbundle"))  # C holds them all
    r.update(flagged, {"inside_russia": True})  # the twin is protected through the group
    assert r.protection_of(twin) is Sensitivity.PROTECTED
    link = linked(r, flagged, twin)
    unlink = Record(link, Kind.PERSON, {"merged_into": None}, {"merged_into": stamp(c)})

    [report] = receive(r, forge(c, r, tmp_path / "unlink.rbundle", [unlink]))

    assert report.counts["changed"] == 1 and r.get(link).values.get("merged_into") is None
    assert r.protection_of(twin) is Sensitivity.PROTECTED
    assert r.get(twin).values.get("inside_russia") is True  # now its own, and it ratchets
    out = sent_ids(r, d, tmp_path / "to-d.rbundle")
    assert twin not in out and flagged not in out
    assert bystander in out  # the control: an unprotected person does travel


def test_the_creator_erasing_the_protected_member_leaves_the_other_protected(
        rcad, tmp_path) -> None:
    r, c, _, d = rcad
    theirs = person(c, "Ирина Волкова", city="Kazan")
    receive(r, send(c, [r], tmp_path / "c1.rbundle"))
    mine = person(r, "Irina Volkova", notes="visits her brother in detention")
    review.decide(r, theirs, mine, "same")
    c.update(theirs, {"inside_russia": True})
    receive(r, send(c, [r], tmp_path / "c2.rbundle"))
    assert r.protection_of(mine) is Sensitivity.PROTECTED
    c.erase(theirs)

    [report] = receive(r, send(c, [r], tmp_path / "c3.rbundle"))

    assert report.counts["erased"] == 1 and r.store.get(theirs).erased is not None
    assert r.protection_of(mine) is Sensitivity.PROTECTED
    assert mine not in sent_ids(r, d, tmp_path / "to-d.rbundle")


def test_accepting_a_held_erasure_of_the_protected_member_keeps_the_group(
        rcad, tmp_path) -> None:
    r, c, a, d = rcad
    theirs = person(a, "Ирина Волкова", city="Kazan")
    for v in (r, c):
        receive(v, send(a, [v], tmp_path / f"a-{v.identity.name}.rbundle"))
    mine = person(r, "Irina Volkova", notes="visits her brother in detention")
    review.decide(r, theirs, mine, "same")
    r.update(theirs, {"inside_russia": True})
    c.erase(theirs)  # C is not its creator: the erasure waits at R
    [report] = receive(r, send(c, [r], tmp_path / "c.rbundle"))
    assert report.counts["held"] == 1
    [entry] = r.sharing.held_changes()

    r.sharing.accept_held(entry.id)

    assert r.store.get(theirs).erased is not None
    assert r.protection_of(mine) is Sensitivity.PROTECTED
    assert mine not in sent_ids(r, d, tmp_path / "to-d.rbundle")


def test_a_raise_and_an_erasure_in_one_bundle_leave_the_group_protected(
        rcad, tmp_path) -> None:
    """C flags its record inside Russia and then erases it (the person asked), and sends
    both in one bundle: the raise reaches R's "same" record as it would in two bundles."""
    r, c, _, d = rcad
    theirs = person(c, "Ирина Волкова")
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    mine = person(r, "Irina Volkova", notes="visits her brother in detention")
    review.decide(r, theirs, mine, "same")
    assert r.protection_of(mine) is Sensitivity.INTERNAL
    c.update(theirs, {"inside_russia": True})
    c.erase(theirs)

    [report] = receive(r, send(c, [r], tmp_path / "c1.rbundle"))

    assert report.counts["erased"] == 1 and r.store.get(theirs).erased is not None
    assert r.protection_of(mine) is Sensitivity.PROTECTED
    assert r.get(mine).values.get("inside_russia") is True
    assert mine not in sent_ids(r, d, tmp_path / "to-d.rbundle")


@pytest.mark.parametrize("own", ["confidential", "internal"])
def test_include_holds_a_group_protected_person_to_her_own_level(rcad, tmp_path: Path,
                                                                own: str) -> None:
    """Q, whom the official marked confidential, stayed home from an ``include`` export at
    ceiling internal — until she was decided "same" as P (inside Russia): the group made her
    a protected person, and ``include`` then sent her whole record, notes and all, counted
    nowhere in the preview; FtM and CSV too (DESIGN §6.4.5: include lifts only the exclusion
    of protected people, every record's own ceiling still applies). Control: Q's own level
    internal, she travels."""
    import csv as csv_

    r, _, _, d = rcad
    q = person(r, "Ольга Тайная", notes="QCONF secret address", sensitivity=own)
    p = person(r, "Ольга Тайнова", inside_russia=True)
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    tie = r.add(Kind.TIE, {"from_id": q, "to_id": org, "kind": "member_of"}).id
    r.matching.decide(p, q, "same")
    request = r.sharing.request(to=[d.identity.fingerprint], mode="include",
                                ceiling="internal")
    seen = r.sharing.preview_export(request)
    got = sent_ids(r, d, tmp_path / "inc.rbundle", mode="include", ceiling="internal")
    ftm, sheet = tmp_path / "x.ftm", tmp_path / "x.csv"
    r.interop.export_ftm(ftm, ceiling=Sensitivity.INTERNAL, include_protected=True)
    r.interop.export_csv(sheet, Kind.PERSON, ceiling=Sensitivity.INTERNAL,
                         include_protected=True)
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv_.DictReader(f))
    if own == "confidential":
        assert q not in got and tie not in got
        assert q in seen.tally.left_out[OmitReason.ABOVE_CEILING]
        assert "QCONF" not in ftm.read_text() and not rows
    else:
        assert q in got and tie in got and "QCONF" in ftm.read_text()
        assert [row["id"] for row in rows] == [q]


@pytest.mark.parametrize("own", ["confidential", "internal"])
def test_include_holds_a_flagged_person_to_the_level_the_official_gave_her(
        rcad, tmp_path: Path, own: str) -> None:
    """The same, with the official flagging Q herself: the flag makes her protected (DESIGN
    §4.2), the level she had stays hers for ``include`` (§6.4.5)."""
    r, _, _, d = rcad
    q = person(r, "Ольга Тайная", notes="QCONF secret address", sensitivity=own)
    r.update(q, {"inside_russia": True})
    assert r.protection_of(q) is Sensitivity.PROTECTED
    got = sent_ids(r, d, tmp_path / "inc.rbundle", mode="include", ceiling="internal")
    assert (q in got) is (own == "internal")


def test_the_preview_counts_a_person_inside_russia_by_her_group(rcad, tmp_path: Path) -> None:
    """Q decided "same" as P, then P flagged: an include bundle carries Q flagged inside Russia
    (the export makes the group's flag hers), but the preview the official approves counted
    only the people flagged themselves (DESIGN §6.3: how many people inside Russia)."""
    r, _, _, d = rcad
    q = person(r, "Ольга Тайная", notes="QNOTES")
    p = person(r, "Ольга Тайнова")
    r.matching.decide(p, q, "same")
    r.update(p, {"inside_russia": True})
    request = r.sharing.request(to=[d.identity.fingerprint], mode="include",
                                ceiling="confidential")
    seen = r.sharing.preview_export(request)
    done = r.sharing.export(request, tmp_path / "inc.rbundle")
    assert seen.people_inside_russia == done.exposure.people_inside_russia == 2  # P and Q


@pytest.mark.parametrize("how", ["official_raises", "colleague_raises", "flag_after_same",
                                 "colleague_raises_after_flag", "protected_and_flagged",
                                 "notice_then_flag", "notice_after_flag", "twin_erased",
                                 "control"])
def test_more_protection_never_sends_more_in_include(rcad, tmp_path: Path, how: str) -> None:
    """Each a raise of a person's protection after which ``include`` at ceiling internal sent
    her whole record, notes and all, where before the raise it kept her home: raised to
    protected by her official or a colleague; decided "same" as a confidential record, then
    flagged; flagged, then a colleague's bundle gives her confidential (which order came
    first decided). More protection never sends more (DESIGN §6.4.1, §6.4.5). Control: a
    person flagged at her own internal level travels."""
    from .forge import forge, record

    r, c, _, d = rcad
    q = person(r, "Ольга Тайная", notes="QNOTE", sensitivity=(
        "internal" if how in ("control", "colleague_raises_after_flag", "flag_after_same",
                              "protected_and_flagged", "notice_then_flag", "notice_after_flag",
                              "twin_erased")
        else "confidential"))
    if how == "official_raises":
        r.update(q, {"sensitivity": "protected"})
    elif how == "colleague_raises":
        receive(c, send(r, [c], tmp_path / "r-c.rbundle", ceiling="confidential"))
        receive(r, forge(c, r, tmp_path / "c.rbundle", [
            record(c, Kind.PERSON, {"sensitivity": "protected"}, record_id=q)]))
    elif how == "flag_after_same":
        other = person(r, "Ольга Т.", sensitivity="confidential")
        r.matching.decide(q, other, "same")
        r.update(q, {"inside_russia": True})
    elif how == "colleague_raises_after_flag":
        receive(c, send(r, [c], tmp_path / "r-c.rbundle"))
        r.update(q, {"inside_russia": True})
        receive(r, forge(c, r, tmp_path / "c.rbundle", [
            record(c, Kind.PERSON, {"sensitivity": "confidential"}, record_id=q)]))
    elif how == "protected_and_flagged":  # her official gave her protected, then the flag
        r.update(q, {"sensitivity": "protected"})
        r.update(q, {"inside_russia": True})
    elif how in ("notice_then_flag", "notice_after_flag"):  # a colleague's notice says so
        receive(c, send(r, [c], tmp_path / "r-c.rbundle"))
        c.update(q, {"sensitivity": "protected" if how == "notice_then_flag"
                     else "confidential"})
        if how == "notice_after_flag":
            r.update(q, {"inside_russia": True})
        receive(r, send(c, [r], tmp_path / "c-r.rbundle", notices_only=True))
        if how == "notice_then_flag":
            r.update(q, {"inside_russia": True})
    elif how == "twin_erased":  # her confidential twin erased: its level stays hers
        twin = person(r, "Ольга Т.", sensitivity="confidential")
        r.matching.decide(q, twin, "same")
        r.update(q, {"inside_russia": True})
        r.erase(twin)
    else:
        r.update(q, {"inside_russia": True})
    assert r.is_protected(q)
    got = sent_ids(r, d, tmp_path / "inc.rbundle", mode="include", ceiling="internal")
    assert (q in got) is (how == "control")


@pytest.mark.parametrize("flagger", ["here", "colleague"])
def test_a_flag_from_a_colleague_keeps_her_level_as_a_flag_here_does(
        rcad, tmp_path: Path, flagger: str) -> None:
    """P (internal) went to C; C flags her, and the notice raises her here: she had no kept
    level (only a flag here kept one), and ``include`` at ceiling public sent her whole record,
    where the same flag made here kept her home (DESIGN §6.4.5; which vault flagged decided)."""
    r, c, _, d = rcad
    p = person(r, "Пётр Открытов", notes="PNOTE")
    receive(c, send(r, [c], tmp_path / "r-c.rbundle"))
    if flagger == "here":
        r.update(p, {"inside_russia": True})
    else:
        c.update(p, {"inside_russia": True})
        receive(r, send(c, [r], tmp_path / "c-r.rbundle", notices_only=True))
    assert r.is_protected(p)
    assert p not in sent_ids(r, d, tmp_path / "pub.rbundle", mode="include", ceiling="public")
    assert p in sent_ids(r, d, tmp_path / "int.rbundle", mode="include", ceiling="internal")


@pytest.mark.parametrize("official_first", [True, False])
def test_a_colleague_sending_an_old_level_again_does_not_undo_the_officials(
        rcad, tmp_path: Path, official_first: bool) -> None:
    """P flagged here; C gave her confidential; R's official then decides her level is
    internal. C's later, unrelated edit carried the old confidential again and undid the
    decision — in one order of the same changes and not in the other (DESIGN §6.1)."""
    r, c, _, d = rcad
    p = person(r, "Пётр Открытов", notes="PNOTE")
    receive(c, send(r, [c], tmp_path / "r-c.rbundle"))
    r.update(p, {"inside_russia": True})
    c.update(p, {"sensitivity": "confidential"})
    receive(r, send(c, [r], tmp_path / "c1.rbundle"))

    def decide() -> None:
        r.update(p, {"sensitivity": "internal"}, confirm_lowering=True)

    def echo() -> None:
        c.update(p, {"notes": "PNOTE typo fixed"})
        receive(r, send(c, [r], tmp_path / "c2.rbundle", ceiling="confidential"))

    for step in ((decide, echo) if official_first else (echo, decide)):
        step()
    assert p in sent_ids(r, d, tmp_path / "int.rbundle", mode="include", ceiling="internal")


@pytest.mark.parametrize("case", ["arrives_flagged", "colleague_protected_after_flag",
                                  "lower_line_first", "same_before_colleague_raise"])
def test_include_fifth_round(rcad, tmp_path: Path, case: str) -> None:
    """Each sent her whole record in an include export at ceiling internal where the same
    changes otherwise keep her home (DESIGN §6.1, §6.4.5): she arrived already flagged at
    protected (her level before is not known here: protected); a colleague's unflagged
    "protected" after her flag here was taken for the flag's; a lower level arriving first
    moved what later, older raises were measured against; deciding "same" was taken for
    the official choosing her level."""
    from .forge import forge, record

    r, c, a, d = rcad
    q = person(c if case == "arrives_flagged" else r, "Ольга Тайная", notes="QNOTE")
    if case == "arrives_flagged":
        c.update(q, {"sensitivity": "confidential"})
        c.update(q, {"inside_russia": True})
        receive(r, send(c, [r], tmp_path / "c.rbundle", mode="include",
                        ceiling="protected"))
    elif case == "colleague_protected_after_flag":
        r.update(q, {"inside_russia": True})
        receive(r, forge(c, r, tmp_path / "c.rbundle", [
            record(c, Kind.PERSON, {"sensitivity": "protected"}, record_id=q)]))
    elif case == "lower_line_first":
        r.update(q, {"inside_russia": True})
        high = record(c, Kind.PERSON, {"sensitivity": "confidential"}, record_id=q)
        low = record(a, Kind.PERSON, {"sensitivity": "public"}, record_id=q)
        receive(r, forge(a, r, tmp_path / "a.rbundle", [low]))
        receive(r, forge(c, r, tmp_path / "c.rbundle", [high]))
    else:
        p = person(r, "Ольга Т.", inside_russia=True)
        late = record(c, Kind.PERSON, {"sensitivity": "confidential"}, record_id=q)
        r.matching.decide(p, q, "same")
        receive(r, forge(c, r, tmp_path / "c.rbundle", [late]))
    assert r.is_protected(q)
    assert q not in sent_ids(r, d, tmp_path / "inc.rbundle", mode="include",
                             ceiling="internal")
