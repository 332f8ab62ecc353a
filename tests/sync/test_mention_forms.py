"""Free text naming a protected person "as search matches" (DESIGN §6.4.6), on real vaults.

Her stored name has a patronymic (Мария Сергеевна Кузнецова); the text names her by given
name and surname — in either order, in Latin letters, in a Russian case form, by a short
form, run together in a hashtag or a handle — and in every field a user writes into (notes,
a city, an alias of someone else, an organisation's themes, an event's place...). Each such
field is blanked in the bundle, in the CSV and in the FtM file, and counted under
``mention``; the same text naming someone not protected travels, and so does a surname or a
given name alone; ``keep_mentions`` keeps all.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.interop.csv_export import LIST_JOIN, export_csv
from registry.interop.ftm import export_ftm
from registry.service import Registry
from registry.sync import redact
from registry.sync.redact import Mentions, OmitReason

from .test_redact import decrypted
from .vaults import introduce, make_vault, person

# case: (kind, field, a value naming her, the same value naming a person not protected)
CASES: dict[str, tuple[Kind, str, Any, Any]] = {
    "notes": (Kind.PERSON, "notes", "Мария Кузнецова арестована", "Анна Петрова арестована"),
    "notes_latin": (Kind.PERSON, "notes", "Maria Kuznetsova was arrested",
                    "Anna Petrova was arrested"),
    "notes_declined": (Kind.PERSON, "notes", "Передали письмо Марии Кузнецовой",
                       "Передали письмо Анне Петровой"),
    "notes_reversed": (Kind.PERSON, "notes", "Кузнецова Мария, задержана в марте",
                       "Петрова Анна, задержана в марте"),
    "notes_short_form": (Kind.PERSON, "notes", "Звонила Маша Кузнецова",
                         "Звонила Аня Петрова"),
    "notes_patronymic": (Kind.PERSON, "notes", "Мария Сергеевна звонила из Самары",
                         "Анна Ивановна звонила из Самары"),
    "notes_patronymic_latin": (Kind.PERSON, "notes", "Call from Maria Sergeevna today",
                               "Call from Anna Ivanovna today"),
    # her patronymic with her surname, as search finds her by them (was: not a mention)
    "notes_patronymic_surname": (Kind.PERSON, "notes", "Сергеевна Кузнецова арестована",
                                 "Ивановна Петрова арестована"),
    "notes_hashtag": (Kind.PERSON, "notes", "#СвободуМарииКузнецовой", "#СвободуАннеПетровой"),
    "notes_handle": (Kind.PERSON, "notes", "repost @MariaKuznetsova", "repost @AnnaPetrova"),
    "notes_run_together": (Kind.PERSON, "notes", "#мариякузнецова #KUZNETSOVAMARIA",
                           "#аннапетрова #PETROVAANNA"),
    "city": (Kind.PERSON, "city", "у Марии Кузнецовой", "у Анны Петровой"),
    "aliases": (Kind.PERSON, "aliases", ["Олежка", "друг Марии Кузнецовой"],
                ["Олежка", "друг Анны Петровой"]),
    "org_themes": (Kind.ORGANISATION, "themes", ["права человека", "помощь Марии Кузнецовой"],
                   ["права человека", "помощь Анне Петровой"]),
    "org_city": (Kind.ORGANISATION, "city", "офис Марии Кузнецовой", "офис Анны Петровой"),
    "org_aliases": (Kind.ORGANISATION, "aliases", ["Фонд Марии Кузнецовой"],
                    ["Фонд Анны Петровой"]),
    "org_reach": (Kind.ORGANISATION, "reach_metric", "подписчики Марии Кузнецовой",
                  "подписчики Анны Петровой"),
    "event_place": (Kind.EVENT, "place", "квартира Марии Кузнецовой",
                    "квартира Анны Петровой"),
}
# a surname or a given name alone is not a mention (either would blank half the registry)
NOT_MENTIONS = {"surname": "Кузнецова арестована", "given_name": "Мария арестована",
                "patronymic": "Сергеевна арестована"}


def _add(reg: Registry, kind: Kind, n: str, field: str, value: Any) -> str:
    base: dict[str, Any] = {Kind.PERSON: {"name": f"Свидетель {n}"},
                            Kind.ORGANISATION: {"name": f"Org {n}"},
                            Kind.EVENT: {"title": f"Встреча {n}", "start": "2025-03-01"}}[kind]
    return reg.add(kind, {**base, field: value}).id


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Registry, Registry, dict[str, str]]]:
    """R (holding her, the records naming her and the controls) and D, who trust each other.
    ids: ``<case>`` names her, ``<case>/control`` names Анна Петрова, ``not/<key>`` neither."""
    r, d = make_vault(tmp_path, "R"), make_vault(tmp_path, "D")
    introduce(r, d)
    ids = {"her": person(r, "Мария Сергеевна Кузнецова", inside_russia=True,
                         region="RU-SPE"),
           "anna": person(r, "Анна Петрова")}
    for case, (kind, field, named, control) in CASES.items():
        ids[case] = _add(r, kind, case, field, named)
        ids[f"{case}/control"] = _add(r, kind, f"{case} control", field, control)
    for key, text in NOT_MENTIONS.items():
        ids[f"not/{key}"] = person(r, f"Свидетель {key}", notes=text)
    yield r, d, ids
    r.lock()
    d.lock()


def _not_mentions(ids: dict[str, str]) -> set[str]:
    return {ids[f"not/{key}"] for key in NOT_MENTIONS}


def _naming_her(texts: Iterable[str]) -> list[str]:
    """The texts with her surname in them (the surname-alone control set aside)."""
    return [t for t in texts if "кузнецов" in t.casefold() or "kuznetsov" in t.casefold()]


def mentioned(exposure: dict[str, Any]) -> dict[str, set[str]]:
    """The records an exposure counts as blanked for a mention, field by field."""
    fields = exposure["reasons"][OmitReason.MENTION]["field_ids"]
    return {name: set(found) for name, found in fields.items()}


def exported(r: Registry, d: Registry, path: Path, **kw: Any
             ) -> tuple[dict[str, Any], Any, bytes, dict[str, dict[str, Any]]]:
    """R's bundle to D: its preview, its result, the payload D decrypts, each line's values."""
    request = r.sharing.request(to=[d.identity.fingerprint], **kw)
    preview = r.sharing.preview_export(request).to_json()
    result = r.sharing.export(request, path)
    text, lines = decrypted(path, d)
    return preview, result, text, {line["id"]: line["values"] for line in lines}


def ftm_properties(r: Registry, out: Path) -> dict[str, dict[str, Any]]:
    """R's FollowTheMoney export (protected people left out), each entity's properties by
    record id."""
    export_ftm(r.store, out)
    return {e["id"][len("reg-"):]: e["properties"]
            for e in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def _expected_blanks(ids: dict[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for case, (_kind, field, _named, _control) in CASES.items():
        out.setdefault(field, set()).add(ids[case])
    return out


def test_a_bundle_leaves_every_mention_home_and_the_preview_counts_each(world, tmp_path: Path
                                                                        ) -> None:
    r, d, ids = world
    preview, result, text, sent = exported(r, d, tmp_path / "x.rbundle")
    for case, (_kind, field, _named, control) in CASES.items():
        assert field not in sent[ids[case]], case  # the record travels, the field does not
        assert sent[ids[f"{case}/control"]][field] == control, case  # positive control
    for key, text_kept in NOT_MENTIONS.items():
        assert sent[ids[f"not/{key}"]]["notes"] == text_kept, key
    assert ids["her"] not in text.decode()
    assert not _naming_her(json.dumps(v, ensure_ascii=False) for i, v in sent.items()
                           if i not in _not_mentions(ids))
    assert mentioned(preview) == _expected_blanks(ids)
    assert mentioned(result.exposure.to_json()) == _expected_blanks(ids)

    kept, _, _, sent = exported(r, d, tmp_path / "y.rbundle", keep_mentions=True)
    for case, (_kind, field, named, _control) in CASES.items():
        assert sent[ids[case]][field] == named, case
    assert mentioned(kept) == {}


def _csv_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def _cell(value: Any) -> str:
    return LIST_JOIN.join(value) if isinstance(value, list) else str(value)


@pytest.mark.parametrize("kind", [Kind.PERSON, Kind.ORGANISATION])
def test_a_csv_export_blanks_every_mention(world, tmp_path: Path, kind: Kind) -> None:
    r, _, ids = world
    out = tmp_path / f"{kind.value}.csv"
    export_csv(r.store, out, kind)
    rows = _csv_rows(out)
    assert not _naming_her(",".join(row.values()) for i, row in rows.items()
                           if i not in _not_mentions(ids))
    cases = {c: v for c, v in CASES.items() if v[0] is kind}
    for case, (_kind, field, _named, control) in cases.items():
        assert rows[ids[case]][field] == "", case
        assert rows[ids[f"{case}/control"]][field] == _cell(control), case
    if kind is Kind.PERSON:
        assert {rows[ids[f"not/{k}"]]["notes"] for k in NOT_MENTIONS} == set(
            NOT_MENTIONS.values())

    export_csv(r.store, out, kind, include_protected=True)  # she goes, and so do mentions
    rows = _csv_rows(out)
    gone = _erased(r, ids)  # erased here, she goes nowhere: nor does the text naming her
    for case, (_kind, field, named, _control) in cases.items():
        assert rows[ids[case]][field] == ("" if gone else _cell(named)), case


def test_an_ftm_export_blanks_every_mention(world, tmp_path: Path) -> None:
    r, _, ids = world
    out = tmp_path / "x.ftm"
    props = ftm_properties(r, out)
    assert not _naming_her(json.dumps(p, ensure_ascii=False) for i, p in props.items()
                           if i not in _not_mentions(ids))
    assert props[ids["notes/control"]]["notes"] == ["Анна Петрова арестована"]
    assert "друг Анны Петровой" in props[ids["aliases/control"]]["alias"]
    assert props[ids["org_aliases/control"]]["alias"] == ["Фонд Анны Петровой"]
    assert props[ids["not/surname"]]["notes"] == [NOT_MENTIONS["surname"]]

    export_ftm(r.store, out, include_protected=True)  # the control: the text itself goes
    plain = out.read_text(encoding="utf-8")  # (unless she was erased here: she goes nowhere)
    kept = "Мария Кузнецова арестована" in plain and "друг Марии Кузнецовой" in plain
    assert kept is not _erased(r, ids)


def _erased(r: Registry, ids: dict[str, str]) -> bool:
    found = r.find(ids["her"])
    return found is not None and found.erased is not None


def test_include_blanks_the_text_naming_whom_it_leaves_home(world, tmp_path: Path) -> None:
    """``include`` sends protected people, but not one her official gave a level above the
    ceiling (§6.4.5): she stayed home and the text naming her went in clear, counted nowhere,
    in bundles, FtM and CSV alike (was)."""
    r, d, ids = world
    r.update(ids["her"], {"sensitivity": "protected"})  # given: above the default ceiling
    preview, _, _, sent = exported(r, d, tmp_path / "x.rbundle", mode="include")
    assert ids["her"] not in sent
    assert not _naming_her(json.dumps(v, ensure_ascii=False) for i, v in sent.items()
                           if i not in _not_mentions(ids))
    assert ids["notes"] in mentioned(preview)["notes"]
    export_ftm(r.store, tmp_path / "x.ftm", include_protected=True)
    entities = map(json.loads, (tmp_path / "x.ftm").read_text(encoding="utf-8").splitlines())
    assert not _naming_her(json.dumps(e, ensure_ascii=False) for e in entities
                           if e["id"][len("reg-"):] not in _not_mentions(ids))
    # the control: at a ceiling she is within, she goes, and so does the text naming her
    preview, _, _, sent = exported(r, d, tmp_path / "y.rbundle", mode="include",
                                   ceiling="protected")
    assert ids["her"] in sent and _naming_her([sent[ids["notes"]]["notes"]])
    assert not mentioned(preview)
    # deleted here, a tombstone is all of her that goes: the text naming her stays home
    r.delete(ids["her"])
    preview, _, _, sent = exported(r, d, tmp_path / "z.rbundle", mode="include",
                                   ceiling="protected")
    assert "name" not in sent[ids["her"]]
    assert not _naming_her(json.dumps(v, ensure_ascii=False) for i, v in sent.items()
                           if i not in _not_mentions(ids))
    assert ids["notes"] in mentioned(preview)["notes"]


def test_another_contact_naming_her_is_blanked_where_contacts_travel(world,
                                                                      tmp_path: Path) -> None:
    """Another contact (floor confidential) is free text too: "через Марию Кузнецову"."""
    r, d, ids = world
    via = person(r, "Связной", other_contact="через Марию Кузнецову")
    control = person(r, "Связной 2", other_contact="через Анну Петрову")
    request = r.sharing.request(to=[d.identity.fingerprint], ceiling="confidential")
    result = r.sharing.export(request, tmp_path / "x.rbundle")
    sent = {line["id"]: line["values"] for line in decrypted(tmp_path / "x.rbundle", d)[1]}
    assert "other_contact" not in sent[via]
    assert sent[control]["other_contact"] == "через Анну Петрову"
    assert mentioned(result.exposure.to_json())["other_contact"] == {via}
    assert ids["her"] not in sent


def test_a_name_form_drops_the_patronymic_as_search_does_or_keeps_it_with_the_given_name(
        world) -> None:
    r, _, _ = world
    forms = Mentions(r.store.indexer, [["Мария Сергеевна Кузнецова",
                                        "Maria Sergeevna Kuznetsova"]])
    assert forms.found_in("MARIA KUZNETSOVA") and forms.found_in("о Марии Кузнецовой")
    assert forms.found_in("Мария Сергеевна Кузнецова")  # the whole name still counts
    assert not forms.found_in("Кузнецова") and not forms.found_in("Сергеевна")
    # given name and patronymic name her too (the formal address; search finds her by it)
    assert forms.found_in("Мария Сергеевна") and forms.found_in("с Марией Сергеевной")
    assert not forms.found_in("Мария Ивановна") and not forms.found_in("Анна Сергеевна")
    assert forms.found_in_value(["x", "Мария Кузнецова"])
    assert not forms.found_in_value(None) and not forms.found_in_value([3])


def test_the_answers_kept_for_repeated_short_texts_are_bounded(world, monkeypatch) -> None:
    """Cities and themes repeat across thousands of records: a short text's answer is kept,
    a bounded number of them; a long text (notes) is scanned each time and not kept."""
    r, _, _ = world
    monkeypatch.setattr(redact, "_KNOWN_MAX", 2)
    forms = Mentions(r.store.indexer, [["Мария Сергеевна Кузнецова"]])
    long_text = "слово " * 40 + "Мария Кузнецова"
    assert forms.found_in(long_text) and long_text not in forms._known
    for text in ("Рига", "Берлин", "Вильнюс", "Мария Кузнецова"):
        assert forms.found_in(text) is (text == "Мария Кузнецова")
        assert len(forms._known) <= 2
    assert forms.found_in("Мария Кузнецова") and not forms.found_in("Вильнюс")  # kept answers


@pytest.mark.parametrize(("texts", "named"), [
    (["Мария", "Кузнецова"], True), (["о Марии", "Кузнецовой пишут"], True),
    (["Мария", "Сергеевна"], True), (["Мария", "Иванова"], False), (["Кузнецова"], False),
    (["Рига", "Берлин"], False), (["Мария", "x" * 300, "Кузнецова"], True),  # one long text
    (["MARIA", "Kuznetsova"], True), (["Анна", "Кузнецова"], False),
])
def test_texts_read_together_name_her_as_their_words_joined_in_one_text_would(
        world, texts: list[str], named: bool) -> None:
    """What the texts of one record meet together is what each meets, joined: read twice
    over, kept or not, the answer is that of the whole name's words across them."""
    r, _, _ = world
    forms = Mentions(r.store.indexer, [["Мария Сергеевна Кузнецова",
                                        "Maria Sergeevna Kuznetsova"]])
    values = {f"field{n}": text for n, text in enumerate(texts)}
    touching = [name for name, text in values.items() if forms.touches(text)]
    for _ in range(2):  # the second time from the answers kept for short texts
        assert forms.naming("r", values, list(values)) == (touching if named else [])
        assert forms.found_in(" ".join(texts)) is named
    # a list's items are read as texts of their own, together with the record's other fields
    assert forms.naming("r", {"a": texts[:1], "b": texts[1:]}, ["a", "b"]) == (
        [n for n, v in (("a", texts[:1]), ("b", texts[1:])) if any(map(forms.touches, v))]
        if named else [])
    assert forms.touches("Мария") and forms.touches("Кузнецовой") and not forms.touches("Рига")


def test_a_records_long_texts_are_each_read_once_and_named_together(world,
                                                                     monkeypatch) -> None:
    """Notes are too long to keep an answer for: each is read once a record, whether it
    names her alone, touches a name word, or names her with another field."""
    r, _, _ = world
    forms = Mentions(r.store.indexer, [["Мария Сергеевна Кузнецова"]])
    reads: list[str] = []
    reach = forms._reach
    monkeypatch.setattr(forms, "_reach", lambda text: reads.append(text) or reach(text))
    values = {"notes": "слово " * 40 + "Мария", "title": "дело " * 45 + "Кузнецовой",
              "summary": "другое " * 40, "place": "Рига"}
    assert forms.naming("r1", values, ["notes", "title", "summary", "place"]) == [
        "notes", "title"]
    assert sorted(reads) == sorted(values.values())
    reads.clear()
    assert forms.naming("r2", {"notes": values["notes"], "summary": values["summary"]},
                        ["notes", "summary"]) == []  # her given name alone names nobody
    assert reads == [values["notes"], values["summary"]]


def test_a_person_stuffed_with_given_names_makes_few_forms(world) -> None:
    """A colleague's protected "person" whose 50 aliases are each ~60 given names and a
    patronymic must not make a form of every given name with every alias's patronymic (it
    made ~165,000, and every export checked texts holding the patronymic against them)."""
    r, _, _ = world
    given = ["Оля", "Ира", "Тая", "Маша", "Катя", "Даша", "Лена", "Таня"]
    aliases = [" ".join(given[(n + i) % 8] for i in range(60)) + " Сергеевна"
               for n in range(50)]
    stuffed = Mentions(r.store.indexer, [["Мария Сергеевна Кузнецова", *aliases]])
    plain = Mentions(r.store.indexer, [["Мария Сергеевна Кузнецова"]])
    assert len(stuffed.forms) < len(plain.forms) + 2 * len(aliases)
    assert len(stuffed.initialed) == len(plain.initialed)  # nor an initial of each
    assert stuffed.found_in("Мария Сергеевна")  # her own forms are all there
    assert not stuffed.found_in("Людмила Сергеевна помогла")


@pytest.mark.parametrize("name", [
    "Мария-Тереза Сергеевна Кузнецова-Иванова-Петрова",  # five words, the patronymic aside
    "Dr. Anna-Maria Sergeevna Kuznetsova-Ivanova",
    "Анна-Мария Сергеевна Кузнецова-Иванова"])
def test_a_long_real_name_still_pairs_her_given_name_with_her_patronymic(world, name: str
                                                                         ) -> None:
    r, _, _ = world
    forms = Mentions(r.store.indexer, [[name]])
    assert forms.found_in("Мария Сергеевна звонила из Самары")
    assert not forms.found_in("Людмила Сергеевна звонила из Самары")
