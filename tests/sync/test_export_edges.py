"""What an export sends and leaves out, at its edges (DESIGN §6.3, §6.4), on real vaults.

**R** exports to a trusted, verified colleague (**D**, and **E** where a second recipient
matters); each bundle is read back as D decrypts it, and imported where what D then holds
is the point. Each case has a positive control in the same export or the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.interop.csv_export import export_csv
from registry.service import Registry
from registry.sync.exporter import Scope
from registry.sync.redact import PSEUDONYM_PREFIX, Mentions, OmitReason

from .forge import forge, record
from .test_redact import decrypted
from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def rde(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    vaults = [make_vault(tmp_path, n) for n in ("R", "D", "E")]
    introduce(*vaults)
    yield vaults[0], vaults[1], vaults[2]
    for v in vaults:
        v.lock()


def export(sender: Registry, to: Registry, path: Path, **kw: Any
           ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The lines ``to`` decrypts from a bundle ``sender`` writes, and the exposure."""
    request = sender.sharing.request(to=[to.identity.fingerprint], **kw)
    result = sender.sharing.export(request, path)
    return decrypted(path, to)[1], result.exposure.to_json()


def by_id(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {line["id"]: line for line in lines}


# ---- scope -------------------------------------------------------------------------------------
def test_a_selection_carries_the_erasures_it_names_and_no_other(rde, tmp_path: Path) -> None:
    r, d, _ = rde
    anna, boris, vera = (person(r, n) for n in ("Анна Смирнова", "Борис Ким", "Вера Ли"))
    r.erase(boris)
    r.erase(vera)
    lines, _ = export(r, d, tmp_path / "x.rbundle", scope=Scope(ids=frozenset({anna, vera})))
    sent = by_id(lines)
    assert set(sent) == {anna, vera}  # Boris's erasure is not in the selection
    assert sent[vera]["erased"] is not None and sent[vera]["values"] == {}
    assert sent[anna]["values"]["name"] == "Анна Смирнова"


# ---- protection notices and materialise (§6.4.2, §6.4.3) --------------------------------------
def test_the_preview_counts_the_notice_of_a_tie_the_rule_raises_before_the_export_does(
        rde, tmp_path: Path) -> None:
    """Anna, held by D, is decided "same" as a protected person: the tie to her is protected
    by the rule but still stored at its own level. The preview (which writes nothing) counts
    its notice all the same; the export makes the level the tie's own and sends it."""
    r, d, _ = rde
    anna, boris = person(r, "Анна Смирнова"), person(r, "Борис Ким")
    tie = r.add(Kind.TIE, {"from_id": boris, "to_id": anna, "kind": "colleague"}).id
    receive(d, send(r, [d], tmp_path / "1.rbundle"))
    vera = person(r, "Вера Ли", sensitivity="protected")  # D does not hold her
    r.update(anna, {"merged_into": vera})
    assert r.get(tie).values["sensitivity"] == "internal"  # the rule has not been applied
    request = r.sharing.request(to=[d.identity.fingerprint], notices_only=True)
    before = r.digest()
    preview = r.sharing.preview_export(request)
    assert (preview.notices, preview.notices_withheld) == (2, 0) and r.digest() == before
    result = r.sharing.export(request, tmp_path / "2.rbundle")
    assert result.exposure.notices == 2  # the preview said what the export does
    assert r.get(tie).values["sensitivity"] == "protected"
    [report] = receive(d, tmp_path / "2.rbundle")
    assert report.counts["notices"] == 2
    assert d.get(tie).values["sensitivity"] == "protected"
    assert d.get(anna).values["sensitivity"] == "protected"


def test_the_export_flags_inside_russia_a_protected_person_same_as_one_inside(
        rde, tmp_path: Path) -> None:
    """Pyotr is protected already; decided "same" as a person inside Russia, only his flag is
    below the group's: the export raises that alone, as a local edit, before anything
    leaves. A preview changes nothing."""
    r, d, _ = rde
    pyotr = person(r, "Пётр Орлов", sensitivity="protected")
    inside = person(r, "Пётр Орлов-Внутри", inside_russia=True)
    r.update(inside, {"merged_into": pyotr})
    request = r.sharing.request(to=[d.identity.fingerprint], mode="include",
                                ceiling="protected")
    r.sharing.preview_export(request)
    assert "inside_russia" not in r.get(pyotr).values
    lines, _ = export(r, d, tmp_path / "x.rbundle", mode="include", ceiling="protected")
    held = r.get(pyotr)
    assert held.values["inside_russia"] is True and held.values["sensitivity"] == "protected"
    assert held.stamps["inside_russia"].origin == r.identity.fingerprint
    assert by_id(lines)[pyotr]["values"]["inside_russia"] is True


# ---- pseudonymise since-last (§6.4.4) ----------------------------------------------------------
def test_since_last_brings_no_stub_back_for_a_deleted_protected_person(
        rde, tmp_path: Path) -> None:
    """Anna (inside Russia) was deleted before D's first pseudonymised bundle: D holds her
    pseudonym as a tombstone. When the tie to her changes, the next since-last bundle sends
    the tie but no live stand-in of her (it would bring her back at D); Vera's is not sent
    again either, D holding it as it is (the tie to her names it: the control)."""
    r, d, _ = rde
    boris = person(r, "Борис Ким")
    anna = person(r, "Анна Смирнова", inside_russia=True)
    vera = person(r, "Вера Ли", inside_russia=True)
    to_anna = r.add(Kind.TIE, {"from_id": boris, "to_id": anna, "kind": "colleague"}).id
    to_vera = r.add(Kind.TIE, {"from_id": boris, "to_id": vera, "kind": "colleague"}).id
    r.delete(anna)
    since = Scope(since_last=True)
    first, _ = export(r, d, tmp_path / "1.rbundle", mode="pseudonymise", scope=since)
    receive(d, tmp_path / "1.rbundle")
    [anna_stub] = [x["id"] for x in first if x["kind"] == "person" and x["values"] ==
                   {"deleted": True}]
    for tie in (to_anna, to_vera):
        r.update(tie, {"confidence": "confirmed"})
    lines, exposure = export(r, d, tmp_path / "2.rbundle", mode="pseudonymise", scope=since)
    people = [x for x in lines if x["kind"] == "person"]
    ties = [x for x in lines if x["kind"] == "tie"]
    assert len(ties) == 2 and anna_stub in {t["values"]["to_id"] for t in ties}
    assert people == [] and exposure["pseudonyms"] == 0
    [vera_stub] = [t["values"]["to_id"] for t in ties if t["values"]["to_id"] != anna_stub]
    assert vera_stub in {x["id"] for x in first}  # sent before, as it is
    receive(d, tmp_path / "2.rbundle")
    assert d.store.get(anna_stub).deleted  # type: ignore[union-attr]
    assert d.get(vera_stub).values["name"].startswith(PSEUDONYM_PREFIX)


# ---- include and merged_into (§6.4.3, §6.4.5) -------------------------------------------------
def test_include_drops_the_link_to_a_deleted_protected_person_the_recipient_never_got(
        rde, tmp_path: Path) -> None:
    """Boris is decided "same" as Anna (protected); Anna is then deleted. ``include`` sends
    Boris, but his link to Anna only to E, who was sent Anna before and gets her tombstone:
    to D it would point at a record D will never hold."""
    r, d, e = rde
    anna = person(r, "Анна Смирнова", sensitivity="protected")
    boris = person(r, "Борис Ким")
    r.update(boris, {"merged_into": anna})
    export(r, e, tmp_path / "e1.rbundle", mode="include", ceiling="protected")
    r.delete(anna)
    lines, exposure = export(r, d, tmp_path / "d.rbundle", mode="include",
                             ceiling="protected")
    sent = by_id(lines)
    assert anna not in sent and "merged_into" not in sent[boris]["values"]
    assert sent[boris]["values"]["name"] == "Борис Ким"
    assert exposure["reasons"][OmitReason.PROTECTED]["field_ids"] == {"merged_into": [boris]}
    control, _ = export(r, e, tmp_path / "e2.rbundle", mode="include", ceiling="protected")
    sent = by_id(control)
    assert sent[boris]["values"]["merged_into"] == anna
    assert sent[anna]["values"] == {"deleted": True}


# ---- mentions (§6.4.6) ------------------------------------------------------------------------
def test_only_a_full_name_form_is_a_mention(rde, tmp_path: Path) -> None:
    """Irina's name and her long alias are mentions in any case ending; her surname alone
    (a namesake), her three-letter alias and text with no words are not."""
    r, d, _ = rde
    person(r, "Ирина Волкова", inside_russia=True, aliases=["Ира", "Волчица"])
    notes = {"full": "Звонила Ирине Волковой вчера", "alias": "Волчица придёт",
             "namesake": "Мария Волкова из Риги", "short": "Ира придёт",
             "no_words": "— … —"}
    ids = {key: person(r, f"Свидетель {n}", notes=text)
           for n, (key, text) in enumerate(notes.items())}
    lines, exposure = export(r, d, tmp_path / "x.rbundle")
    sent = by_id(lines)
    kept = {key for key, i in ids.items() if "notes" in sent[i]["values"]}
    assert kept == {"namesake", "short", "no_words"}
    assert sorted(exposure["reasons"][OmitReason.MENTION]["field_ids"]["notes"]) == sorted(
        [ids["full"], ids["alias"]])
    keep, _ = export(r, d, tmp_path / "y.rbundle", keep_mentions=True)  # the control
    assert all("notes" in by_id(keep)[i]["values"] for i in ids.values())


@pytest.mark.parametrize(("name", "words", "text"), [
    # one of two surnames, in a case form; the other
    ("Гульнара Ахметова-Юсупова", "Гульнара Юсупова", "Гульнаре Юсуповой передали письмо"),
    ("Гульнара Ахметова-Юсупова", "Гульнара Ахметова", "Гульнара Ахметова звонила"),
    ("Jose Luis Garcia", "Jose Garcia", "Call from Jose Garcia today"),  # two given names
])
def test_two_words_of_a_longer_name_are_a_mention(rde, tmp_path: Path, name: str, words: str,
                                                   text: str) -> None:
    """A name of three words or more (a double surname, two given names) is found by search
    from any two of them; was: only all of them together were a mention, so a note naming
    her by her given name and one of her surnames travelled. The controls: one word of her
    name beside words not hers travels, and so does that word alone."""
    r, d, _ = rde
    her = person(r, name, inside_russia=True)
    assert her in {h.id for h in r.search(words)}
    first = words.split(maxsplit=1)[0]
    noted = person(r, "Свидетель", notes=text)
    one_word = person(r, "Сосед", notes=f"{first} Петрова и Иванова")
    alone = person(r, "Коллега", notes=first)
    lines, exposure = export(r, d, tmp_path / "x.rbundle")
    sent = by_id(lines)
    assert "notes" not in sent[noted]["values"]
    assert exposure["reasons"][OmitReason.MENTION]["field_ids"]["notes"] == [noted]
    assert sent[one_word]["values"]["notes"] == f"{first} Петрова и Иванова"
    assert sent[alone]["values"]["notes"] == first


def test_short_or_wordless_forms_are_not_searched_for(rde) -> None:
    r, _, _ = rde
    nothing = Mentions(r.store.indexer, [["Ира", "— …"]])
    assert not nothing and not nothing.found_in("Ира")
    forms = Mentions(r.store.indexer, [["Ирина Волкова", "Ира"]])
    # the name and run together either way round; so too with her alias for her given name
    assert forms and len(forms.forms) == 6
    assert not forms.found_in("…") and forms.found_in("IRINA VOLKOVA")
    assert forms.found_in("Ира Волкова") and not forms.found_in("Ира")


def test_initials_written_apart_or_in_a_form_are_read_as_the_name_matcher_reads_them(
        rde) -> None:
    """Her initials after her surname count up to a comma between them ("Волкова И., С.":
    the run stops at the comma, and И. alone still fits Ирина); another initial does not. A
    form that holds an initial itself (an alias "И. Волкова") is looked for as written."""
    r, _, _ = rde
    forms = Mentions(r.store.indexer, [["Ирина Сергеевна Волкова"]])
    assert forms.found_in("пришла Волкова И., С. в суд")
    assert not forms.found_in("пришла Волкова А., С. в суд")
    initialed = Mentions(r.store.indexer, [["И. Волкова"]])
    assert initialed.found_in("пришла И. Волкова")


def test_an_organisation_named_after_her_stays_home_with_what_points_to_it(
        rde, tmp_path: Path) -> None:
    """An organisation's name is required and says whom it is about: one whose name, Latin
    name or website names a protected person is left out (counted as a mention), and so is
    what points to it; the bundle, the CSV and the FtM file agree. Free-typed languages are
    scanned like notes. An organisation named after someone else travels (the control)."""
    r, d, _ = rde
    person(r, "Мария Сергеевна Кузнецова", inside_russia=True)
    member = person(r, "Сергей Открытый", languages=["ru", "Мария Кузнецова"])

    def org(name: str, **values: Any) -> str:
        return r.add(Kind.ORGANISATION, {"name": name, "type": "ngo", **values}).id

    named = {org("Фонд Марии Кузнецовой"), org("Фонд 1", name_latin="Free Maria Kuznetsova"),
             org("Фонд 2", website="https://free-maria-kuznetsova.org")}
    control = org("Фонд Анны Петровой", website="https://free-anna-petrova.org")
    ties = {o: r.add(Kind.TIE, {"from_id": member, "to_id": o, "kind": "member_of"}).id
            for o in [*named, control]}
    lines, exposure = export(r, d, tmp_path / "x.rbundle")
    sent = by_id(lines)
    mention = exposure["reasons"]["mention"]
    for o in named:
        assert o not in sent and ties[o] not in sent
        assert {o, ties[o]} <= set(mention["record_ids"])
    assert control in sent and ties[control] in sent
    assert "languages" not in sent[member]["values"]  # a list goes whole, as aliases do
    assert mention["field_ids"]["languages"] == [member]
    out = tmp_path / "orgs.csv"
    export_csv(r.store, out, Kind.ORGANISATION)
    written = out.read_text(encoding="utf-8-sig")
    assert "Кузнецов" not in written and "kuznetsova" not in written.lower()
    assert "Фонд Анны Петровой" in written


def test_her_name_split_across_two_fields_of_a_record_stays_home(rde, tmp_path: Path) -> None:
    """Search reads a record's fields together, so her given name in one field and her surname
    in another find the record for her: each such field is blanked (a title leaves the event
    out). A field with her given name alone, beside fields that do not hold her surname,
    travels (the control), as does every field of a record naming someone else."""
    r, d, _ = rde
    person(r, "Ирина Сергеевна Волкова", inside_russia=True)
    trial = r.add(Kind.EVENT, {"title": "Суд над Ириной", "start": "2025-03-01",
                               "notes": "фамилия Волкова, Тверь, 12 марта"}).id
    split = person(r, "Свидетель", notes="звонила Ирина", aliases=["соседка Волковой"])
    given = person(r, "Сосед", notes="звонила Ирина", city="Тверь")
    other = person(r, "Коллега", notes="звонила Ирина", city="у Ирины Петровой")
    assert trial in {h.id for h in r.search("Ирина Волкова")}
    lines, exposure = export(r, d, tmp_path / "x.rbundle")
    sent = by_id(lines)
    mention = exposure["reasons"]["mention"]
    assert trial not in sent and trial in mention["record_ids"]
    assert not {"notes", "aliases"} & sent[split]["values"].keys()
    assert sorted(mention["field_ids"]["notes"]) == [split]
    for control in (given, other):
        assert sent[control]["values"]["notes"] == "звонила Ирина"
    assert sent[given]["values"]["city"] == "Тверь"


def test_her_name_split_across_the_items_of_one_list_field_stays_home(rde, tmp_path: Path
                                                                     ) -> None:
    """Search reads a list field's items together as it reads fields together: her given name
    in one alias and her surname in another find the record for her. Was: only two fields
    were read together, so aliases ["Ирина", "Волкова"] travelled. The controls: her given
    name with another surname, and her given name alone, travel."""
    r, d, _ = rde
    person(r, "Ирина Сергеевна Волкова", inside_russia=True)
    split = person(r, "Свидетель", aliases=["Ирина", "Волкова"])
    themes = r.add(Kind.ORGANISATION, {"name": "Центр", "themes": ["Ирина", "Волкова"]}).id
    other = person(r, "Коллега", aliases=["Ирина", "Петрова"])
    alone = person(r, "Сосед", aliases=["Ирина", "Тверь"])
    assert split in {h.id for h in r.search("Ирина Волкова")}
    lines, exposure = export(r, d, tmp_path / "x.rbundle")
    sent = by_id(lines)
    assert "aliases" not in sent[split]["values"] and "themes" not in sent[themes]["values"]
    assert exposure["reasons"]["mention"]["field_ids"] == {"aliases": [split],
                                                           "themes": [themes]}
    assert sent[other]["values"]["aliases"] == ["Ирина", "Петрова"]
    assert sent[alone]["values"]["aliases"] == ["Ирина", "Тверь"]
    kept, _ = export(r, d, tmp_path / "y.rbundle", keep_mentions=True)
    assert by_id(kept)[split]["values"]["aliases"] == ["Ирина", "Волкова"]


def test_an_event_titled_with_a_protected_persons_name_stays_home(rde, tmp_path: Path) -> None:
    """An event's title is required: it cannot be blanked, so the event is left out; an
    event that names her only in its notes goes without them."""
    r, d, _ = rde
    person(r, "Ирина Волкова", inside_russia=True)
    titled = r.add(Kind.EVENT, {"title": "Встреча с Ириной Волковой",
                                "start": "2025-03-01"}).id
    noted = r.add(Kind.EVENT, {"title": "Встреча", "start": "2025-03-02",
                               "notes": "Была Ирина Волкова"}).id
    lines, exposure = export(r, d, tmp_path / "x.rbundle")
    sent = by_id(lines)
    assert titled not in sent and exposure["reasons"]["mention"]["record_ids"] == [titled]
    assert sent[noted]["values"]["title"] == "Встреча" and "notes" not in sent[noted]["values"]
    kept, _ = export(r, d, tmp_path / "y.rbundle", keep_mentions=True)
    assert by_id(kept)[titled]["values"]["title"] == "Встреча с Ириной Волковой"


# ---- a tie's own level, in pseudonymise ----------------------------------------------------------
def test_pseudonymise_keeps_home_a_tie_the_official_put_above_the_ceiling(
        rde, tmp_path: Path) -> None:
    """R marked a family tie between an open friend and a person inside Russia
    ``confidential``; the rule raised it to protected. A pseudonymise export at ceiling
    ``internal`` sent its pseudonymous copy: its kind and the friend's real id told D, cleared
    for internal, that the friend has family inside Russia — what ``include`` (the more
    revealing mode) keeps home. Controls: a tie left at the default level travels as the
    network's shape, and at ceiling ``confidential`` the family tie does too."""
    r, d, _ = rde
    inside = person(r, "Тина Связанная", inside_russia=True)
    friend = person(r, "Open Friend")
    family = r.add(Kind.TIE, {"from_id": friend, "to_id": inside, "kind": "family",
                              "sensitivity": "confidential"}).id
    r.add(Kind.TIE, {"from_id": friend, "to_id": inside, "kind": "colleague"})
    assert r.get(family).values["sensitivity"] == "protected"  # the rule's raise

    def ties(ceiling: str, name: str) -> list[str]:
        lines, exposure = export(r, d, tmp_path / name, mode="pseudonymise", ceiling=ceiling)
        assert exposure["left_out_by_reason"]["protected"] >= 2
        return sorted(line["values"]["kind"] for line in lines if line["kind"] == "tie")

    assert ties("internal", "internal.rbundle") == ["colleague"]
    assert ties("confidential", "confidential.rbundle") == ["colleague", "family"]


# ---- who holds a record that came without a level -------------------------------------------
@pytest.mark.parametrize("level", [None, "internal"])
def test_a_record_that_came_without_a_level_is_known_held_and_its_flag_follows(
        rde, tmp_path: Path, level: str | None) -> None:
    """E's bundle brings R a person in a line without ``sensitivity`` (valid: the level is
    the default). R passed it on to D, but kept that D holds it only for lines carrying a
    level: when R flagged the person inside Russia, the next bundle to D carried no notice,
    and D went on holding (and sharing) an unprotected copy. Control: the same line with its
    level."""
    r, d, e = rde
    values: dict[str, Any] = {"name": "Олег Смирнов"}
    if level is not None:
        values["sensitivity"] = level
    x = record(e, Kind.PERSON, values)
    receive(r, forge(e, r, tmp_path / "e.rbundle", [x]))
    first, _ = export(r, d, tmp_path / "1.rbundle")
    assert x.id in by_id(first)
    receive(d, tmp_path / "1.rbundle")
    r.update(x.id, {"inside_russia": True})
    second, _ = export(r, d, tmp_path / "2.rbundle")
    assert [line["id"] for line in second if line.get("notice")] == [x.id]
    receive(d, tmp_path / "2.rbundle")
    assert d.get(x.id).values["inside_russia"] is True


def test_participants_left_out_are_counted_under_why_they_were(rde) -> None:
    """An event's participant list goes whole when one participant may not travel, counted
    under the reason of those left out (§6.4.8): above the ceiling in ``include``, where the
    protected person on the list travels. In ``exclude`` her event stays home, as protected."""
    r, d, _ = rde
    her = person(r, "Ольга Тайная", inside_russia=True)
    above = person(r, "Иван Петров", sensitivity="confidential")
    plain = person(r, "Анна Смирнова")
    both = r.add(Kind.EVENT, {"title": "Meeting one", "start": "2025-01-01",
                              "participants": [her, plain, above]}).id
    ceiling = r.add(Kind.EVENT, {"title": "Meeting two", "start": "2025-01-01",
                                 "participants": [plain, above]}).id  # the control

    def reasons(mode: str) -> dict[str, Any]:
        request = r.sharing.request(to=[d.identity.fingerprint], mode=mode, ceiling="internal")
        return r.sharing.preview_export(request).to_json(ids=True)["reasons"]

    included = reasons("include")
    fields = {reason: set(entry["field_ids"].get("participants", []))
              for reason, entry in included.items()}
    assert fields[OmitReason.ABOVE_CEILING.value] == {both, ceiling}
    assert her not in included[OmitReason.PROTECTED.value]["record_ids"]  # she travels
    assert not any(fields[reason] for reason in fields if reason != "above_ceiling")
    excluded = reasons("exclude")
    assert both in excluded[OmitReason.PROTECTED.value]["record_ids"]
    assert ceiling in excluded[OmitReason.ABOVE_CEILING.value]["field_ids"]["participants"]
