"""Free text naming a protected person stays home after she is erased (DESIGN §6.4.6).

Erasure takes her names, so the mention scan can no longer find the notes, titles and
organisation names elsewhere that name her. The fields that named her when she was erased
here — by this vault, or by a colleague's signed erasure this vault applied — now or in
their field history, by any name she had, are kept (by record id and field name only), and
every export leaves them out as mentions from then on: bundles, CSV, FtM; a revert or a
quarantine does not bring her name back. The same text naming someone not protected still
travels after that person's erasure; ``keep_mentions`` keeps all; a rolled-back erasure
keeps nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.service import Registry

from . import test_mention_forms as forms
from .forge import forge
from .test_mention_forms import CASES, exported
from .vaults import person, receive, send, trusted

world = forms.world  # the fixture: R holding her, the texts naming her, controls; and D

TITLE = "Суд над Марией Кузнецовой"
ORG_NAME = "Фонд Марии Кузнецовой"


def _named_after_her(r: Registry) -> dict[str, str]:
    """An event titled with her name and an organisation named after her: records whose
    required name says who they are about, which the export leaves out."""
    return {"event": r.add(Kind.EVENT, {"title": TITLE, "start": "2025-03-01"}).id,
            "org": r.add(Kind.ORGANISATION, {"name": ORG_NAME}).id}


def marks(r: Registry) -> set[tuple[str, str]]:
    return {(str(a), str(b)) for a, b in
            r.store.conn.execute("SELECT record_id, field FROM mention_mark")}


@pytest.fixture
def erased(world):
    """The mention-forms world after R erased her: her names are gone from R."""
    r, _d, ids = world
    r.erase(ids["her"])
    assert r.store.conn.execute("SELECT name, notes FROM person WHERE id = ?",
                                (ids["her"],)).fetchone() == (None, None)
    return world


# every mention case of ``test_mention_forms``, once she is erased: each field naming her is
# blanked and counted, each control travels, ``keep_mentions`` keeps the text (``include`` no
# longer: she goes nowhere)
def test_a_bundle_leaves_every_mention_home_after_her_erasure(erased, tmp_path: Path) -> None:
    forms.test_a_bundle_leaves_every_mention_home_and_the_preview_counts_each(erased, tmp_path)


@pytest.mark.parametrize("kind", [Kind.PERSON, Kind.ORGANISATION])
def test_a_csv_export_blanks_every_mention_after_her_erasure(erased, tmp_path: Path,
                                                             kind: Kind) -> None:
    forms.test_a_csv_export_blanks_every_mention(erased, tmp_path, kind)


def test_an_ftm_export_blanks_every_mention_after_her_erasure(erased, tmp_path: Path) -> None:
    forms.test_an_ftm_export_blanks_every_mention(erased, tmp_path)


def test_records_named_after_her_stay_home_after_her_erasure(world, tmp_path: Path
                                                             ) -> None:
    r, d, ids = world
    named = _named_after_her(r)
    r.erase(ids["her"])
    _, _, _, sent = exported(r, d, tmp_path / "x.rbundle")
    assert named["event"] not in sent and named["org"] not in sent
    # what is kept is ids and field names: nothing of her, nor of the text
    assert marks(r) == {(ids[c], f) for c, (_k, f, _n, _c) in CASES.items()} | {
        (named["event"], "title"), (named["org"], "name")}
    _, _, _, sent = exported(r, d, tmp_path / "y.rbundle", keep_mentions=True)
    assert sent[named["event"]]["title"] == TITLE and sent[named["org"]]["name"] == ORG_NAME


def test_erasing_someone_not_protected_keeps_no_marks(world, tmp_path: Path) -> None:
    r, d, ids = world
    r.erase(ids["anna"])
    assert marks(r) == set()
    _, _, _, sent = exported(r, d, tmp_path / "x.rbundle")
    for case, (_kind, field, _named, control) in CASES.items():
        assert sent[ids[f"{case}/control"]][field] == control, case


def test_a_mark_holds_through_later_edits_and_goes_with_its_record(world, tmp_path: Path
                                                                   ) -> None:
    r, d, ids = world
    r.erase(ids["her"])
    r.update(ids["notes"], {"notes": "Переписано: о ней больше ни слова"})
    _, _, _, sent = exported(r, d, tmp_path / "x.rbundle")
    assert "notes" not in sent[ids["notes"]]  # the text may still name her: it stays home
    r.erase(ids["notes"])
    assert ids["notes"] not in {rid for rid, _ in marks(r)}


def test_an_erasure_signed_by_her_creator_marks_the_receivers_own_text(tmp_path: Path) -> None:
    with trusted(tmp_path, "R", "D", "E") as (r, d, e):
        her = person(r, "Мария Сергеевна Кузнецова", inside_russia=True)
        receive(d, send(r, [d], tmp_path / "1.rbundle", mode="include", ceiling="protected"))
        note = d.add(Kind.ORGANISATION, {"name": "Мемориал", "notes":
                                         "Помогали Марии Кузнецовой с адвокатом"}).id
        control = d.add(Kind.ORGANISATION, {"name": "Дом", "notes":
                                            "Помогали Анне Петровой с адвокатом"}).id
        r.erase(her)
        receive(d, send(r, [d], tmp_path / "2.rbundle"))
        assert d.store.get(her).erased is not None  # applied at once: signed by its creator
        assert marks(d) == {(note, "notes")}
        _, _, text, sent = exported(d, e, tmp_path / "3.rbundle")
        assert "notes" not in sent[note] and "Кузнецов" not in text.decode()
        assert sent[control]["notes"] == "Помогали Анне Петровой с адвокатом"


def test_a_rolled_back_erasure_keeps_no_mark(world) -> None:
    r, _d, ids = world
    her = r.store.get(ids["her"])
    assert her is not None
    with pytest.raises(RuntimeError), r.store.write():
        r.store.erase(her)
        raise RuntimeError("refused later in the same transaction")
    with r.store.write():
        r.store.meta_set("touched", "1")  # a later transaction marks nothing either
    assert marks(r) == set()
    assert r.store.get(ids["her"]).values["name"] == "Мария Сергеевна Кузнецова"


# ---- what could bring her name back, or leave her other record unprotected -------------------
NOTE = "Помогали Марии Кузнецовой с адвокатом"
HER = "Мария Сергеевна Кузнецова"


def test_a_reverted_import_brings_back_no_text_naming_her(tmp_path: Path) -> None:
    """D's note named her; an import from R rewrote it; her erasure arrived; D reverts that
    import and the note naming her is back from field history: it stays home. (A field whose
    history names her stays home whatever it holds: the scan cannot tell later.)"""
    with trusted(tmp_path, "R", "D", "E") as (r, d, e):
        her = person(r, HER, inside_russia=True)
        org = r.add(Kind.ORGANISATION, {"name": "Мемориал", "notes": NOTE}).id
        receive(d, send(r, [d], tmp_path / "1.rbundle", mode="include", ceiling="protected"))
        r.update(org, {"notes": "нейтрально"})
        [rewrite] = receive(d, send(r, [d], tmp_path / "2.rbundle", mode="include",
                                    ceiling="protected"))
        r.erase(her)
        receive(d, send(r, [d], tmp_path / "3.rbundle"))
        assert d.store.get(her).erased is not None
        assert marks(d) == {(org, "notes")}  # named by its history only
        d.sharing.revert(rewrite.import_id)
        assert d.store.get(org).values["notes"] == NOTE
        _, _, text, sent = exported(d, e, tmp_path / "x.rbundle")
        assert "notes" not in sent[org] and "Кузнецов" not in text.decode()


def test_a_quarantine_brings_back_no_text_naming_her(tmp_path: Path) -> None:
    """E (keys seized) rewrote D's note naming her; her erasure arrived from R; quarantining
    E restores the note from field history: it stays home."""
    with trusted(tmp_path, "R", "D", "E", "F") as (r, d, e, f):
        her = person(r, HER, inside_russia=True)
        receive(d, send(r, [d], tmp_path / "1.rbundle", mode="include", ceiling="protected"))
        org = d.add(Kind.ORGANISATION, {"name": "Мемориал", "notes": NOTE}).id
        receive(e, send(d, [e], tmp_path / "2.rbundle"))
        e.update(org, {"notes": "нейтрально"})
        receive(d, send(e, [d], tmp_path / "3.rbundle"))
        r.erase(her)
        receive(d, send(r, [d], tmp_path / "4.rbundle"))
        d.sharing.quarantine(e.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        assert d.store.get(org).values["notes"] == NOTE  # restored from field history
        _, _, text, sent = exported(d, f, tmp_path / "x.rbundle")
        assert "notes" not in sent[org] and "Кузнецов" not in text.decode()


def test_erasing_her_leaves_her_other_record_protected(tmp_path: Path) -> None:
    """Her duplicate, linked to her ("same") and protected only through the group, keeps the
    group's protection as its own when she is erased (as before an import's erasure)."""
    with trusted(tmp_path, "R", "D") as (r, d):
        her = person(r, HER, inside_russia=True)
        other = person(r, "Maria Kuznetsova")
        r.update(other, {"merged_into": her})
        assert r.is_protected(other) and r.get(other).values["sensitivity"] == "internal"
        r.erase(her)
        assert r.is_protected(other) and r.get(other).values["inside_russia"] is True
        _, _, _, sent = exported(r, d, tmp_path / "x.rbundle")
        assert other not in sent


@pytest.mark.parametrize("via", ["relay", "creator"])
def test_a_quarantine_keeps_what_her_erasure_noted(tmp_path: Path, via: str) -> None:
    """E relayed R's protected person to D, and R's signed erasure of her reached D through
    E (or straight from R). D's own note names her. Quarantining E removes her tombstone as
    a record only E's bundles brought, but what her erasure noted stays: she may be real."""
    with trusted(tmp_path, "R", "D", "E", "F") as (r, d, e, f):
        her = person(r, HER, inside_russia=True)
        receive(e, send(r, [e], tmp_path / "1.rbundle", mode="include", ceiling="protected"))
        receive(d, send(e, [d], tmp_path / "2.rbundle", mode="include", ceiling="protected"))
        note = d.add(Kind.ORGANISATION, {"name": "Мемориал", "notes": NOTE}).id
        r.erase(her)
        if via == "relay":
            receive(e, send(r, [e], tmp_path / "3.rbundle"))
            receive(d, send(e, [d], tmp_path / "4.rbundle"))
        else:
            receive(d, forge(r, d, tmp_path / "4.rbundle", [r.store.get(her)], sign=True))
        assert d.store.get(her).erased is not None and marks(d) == {(note, "notes")}
        d.sharing.quarantine(e.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        assert marks(d) == {(note, "notes")}
        _, _, text, sent = exported(d, f, tmp_path / "x.rbundle")
        assert "notes" not in sent[note] and "Кузнецов" not in text.decode()


def test_her_names_before_a_rename_are_scanned_too(tmp_path: Path) -> None:
    """E (keys seized) renamed her at D just before R's real erasure arrived (held: the
    rename made her creator unclear) and D's official accepted it: the note naming her by
    her real name is noted all the same, and a quarantine of E keeps it home."""
    with trusted(tmp_path, "R", "D", "E", "F") as (r, d, e, f):
        her = person(r, HER, inside_russia=True)
        for target, n in ((d, 1), (e, 2)):
            receive(target, send(r, [target], tmp_path / f"{n}.rbundle", mode="include",
                                 ceiling="protected"))
        note = d.add(Kind.ORGANISATION, {"name": "Мемориал", "notes": NOTE}).id
        e.update(her, {"name": "Иван Иванов"})
        receive(d, send(e, [d], tmp_path / "3.rbundle", mode="include", ceiling="protected"))
        r.erase(her)
        receive(d, forge(r, d, tmp_path / "4.rbundle", [r.store.get(her)], sign=True))
        for entry in d.sharing.held_changes():
            d.sharing.accept_held(entry.id)
        assert d.store.get(her).erased is not None and marks(d) == {(note, "notes")}
        d.sharing.quarantine(e.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        _, _, text, sent = exported(d, f, tmp_path / "x.rbundle")
        assert "notes" not in sent[note] and "Кузнецов" not in text.decode()


def test_a_bundle_erasing_many_people_marks_the_fields_naming_any_of_them(tmp_path: Path
                                                                         ) -> None:
    """A colleague's bundle erasing 300 "people" who all share an alias, in one scan: each
    field naming any of them is marked (once: a mark says which field, not whom)."""
    with trusted(tmp_path, "E", "D") as (e, d):
        fakes = [person(e, f"Иван Иванов {n}", inside_russia=True, aliases=["Москва"])
                 for n in range(300)]
        notes = [d.add(Kind.ORGANISATION, {"name": f"Дом {n}", "notes": "Офис в Москве"}).id
                 for n in range(20)]
        first = send(e, [d], tmp_path / "1.rbundle", mode="include", ceiling="protected")
        e.erase_all(fakes)
        receive(d, first, send(e, [d], tmp_path / "2.rbundle"))
        assert marks(d) == {(n, "notes") for n in notes}


@pytest.mark.parametrize("protected", [True, False])
def test_a_protected_person_a_quarantine_removes_leaves_her_mentions_home(
        tmp_path: Path, protected: bool) -> None:
    """Only E's bundles brought her to D, so quarantining E removes her as if she never
    arrived: her names go with her, as at an erasure, and D's own note naming her stays
    home. The control: a person not protected, removed the same way, is no mention."""
    with trusted(tmp_path, "R", "D", "E", "F") as (r, d, e, f):
        her = person(r, HER, inside_russia=protected)
        receive(e, send(r, [e], tmp_path / "1.rbundle", mode="include", ceiling="protected"))
        receive(d, send(e, [d], tmp_path / "2.rbundle", mode="include", ceiling="protected"))
        note = d.add(Kind.ORGANISATION, {"name": "Мемориал", "notes": NOTE}).id
        d.sharing.quarantine(e.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        assert d.store.get(her) is None  # removed
        assert marks(d) == ({(note, "notes")} if protected else set())
        _, _, _, sent = exported(d, f, tmp_path / "x.rbundle")
        assert ("notes" in sent[note]) is not protected


def test_a_protected_person_with_no_name_to_look_for_marks_nothing(tmp_path: Path) -> None:
    """A one-word name of three letters is no mention form (it would blank half the
    registry): her erasure has nothing to look for."""
    with trusted(tmp_path, "R", "D") as (r, d):
        her = person(r, "Ли", inside_russia=True)
        note = r.add(Kind.ORGANISATION, {"name": "Дом", "notes": "Ли звонила"}).id
        r.erase(her)
        assert marks(r) == set()
        _, _, _, sent = exported(r, d, tmp_path / "x.rbundle")
        assert sent[note]["notes"] == "Ли звонила"


def test_erasing_someone_in_no_group_raises_nothing_else(tmp_path: Path) -> None:
    """Only an erasure that leaves a "same" group behind makes its protection the members'
    own: erasing someone else writes nothing to that group (an export still will)."""
    with trusted(tmp_path, "R") as (r,):
        her = person(r, HER, inside_russia=True)
        other = person(r, "Maria Kuznetsova")
        r.update(other, {"merged_into": her})
        loner = person(r, "Пётр Петров", inside_russia=True)
        r.erase(loner)
        assert r.get(other).values["sensitivity"] == "internal" and r.is_protected(other)
        r.erase(her)  # the control: her group's protection is the member's own now
        assert r.get(other).values["inside_russia"] is True
