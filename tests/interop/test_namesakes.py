"""A spreadsheet row updates a record only when it is that record (issue 11, item 4).

A namesake — the same name and nothing that confirms it is the same person, or an
identifier that disagrees — is never overwritten: the row becomes a new record and the pair
goes to the duplicates review queue with the reason. A strong match (the same name and an
agreeing identifier, none disagreeing) updates, and the report gives old → new per field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.interop.importer import SpreadsheetImport
from registry.interop.matching import identify, one_script, same_identifier, same_name
from registry.match import review
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli, hash_tree
from tests.interop.conftest import snapshot, write_csv
from tests.passphrase import PASSPHRASE

MakeCsv = Callable[..., Path]
ANNA = {"name": "Анна Смирнова", "country": "DE", "roles": ["journalist"],
        "email": "anna@example.org", "phone": "+49 170 1234567"}


def run(reg: Registry, path: Path, **kw: Any) -> dict[str, Any]:
    flow = SpreadsheetImport(reg, path, strict=bool(kw.pop("strict", False)))
    return flow.run(**kw).to_json(shared=False)


def state(reg: Registry, record_id: str) -> tuple[Record | None, list[dict[str, Any]], int]:
    """A record as stored (values and per-field stamps), its field history, its audit lines."""
    audit = reg.store.conn.execute("SELECT count(*) FROM audit WHERE record_id = ?",
                                   (record_id,)).fetchone()[0]
    return reg.store.get(record_id), reg.store.history(record_id), int(audit)


def queued_pairs(reg: Registry) -> dict[frozenset[str], str]:
    return {frozenset((q.a, q.b)): q.reason for q in review.queued(reg)}


@pytest.fixture
def anna(reg: Registry) -> Record:
    return reg.add(Kind.PERSON, ANNA)


# -- namesakes go to review and change nothing ---------------------------------------------
def test_the_issue_row_is_kept_apart_and_queued(reg: Registry, anna: Record,
                                               csv_file: MakeCsv) -> None:
    """ "Анна Смирнова, FR, lawyer" rewrote a different Анна Смирнова (country and roles)."""
    before = state(reg, anna.id)
    report = run(reg, csv_file([["name", "country", "roles"],
                                ["Анна Смирнова", "FR", "lawyer"]]))
    assert report["counts"]["update"] == 0 and report["counts"]["review"] == 1
    assert state(reg, anna.id) == before  # values, stamps, history and audit untouched
    [row] = report["review"]
    new = reg.get(row["record_id"]).values
    assert (new["name"], new["country"], new["roles"]) == ("Анна Смирнова", "FR", ["lawyer"])
    reason = "spreadsheet namesake: country, roles differ"
    assert row["namesakes"] == [{"record_id": anna.id, "reason": reason, "differs": {
        "country": {"existing": "DE", "row": "FR"},
        "roles": {"existing": ["journalist"], "row": ["lawyer"]}}}]
    assert queued_pairs(reg) == {frozenset((anna.id, row["record_id"])): reason}


def test_a_disagreeing_phone_goes_to_review(reg: Registry, anna: Record,
                                            csv_file: MakeCsv) -> None:
    before = state(reg, anna.id)
    report = run(reg, csv_file([["name", "email", "phone", "notes"],
                                ["Анна Смирнова", "anna@example.org", "+33 6 12 34 56 78",
                                 "moved to Paris"]]))
    [row] = report["review"]
    assert row["namesakes"][0]["reason"] == "spreadsheet namesake: phone differs (email agrees)"
    assert state(reg, anna.id) == before
    assert set(queued_pairs(reg)) == {frozenset((anna.id, row["record_id"]))}


@pytest.mark.parametrize(("stored", "row"), [
    ("Лена Смирнова", "Лина Смирнова"),
    ("Алёна Смирнова", "Алина Смирнова"),
    ("Дина Смирнова", "Дана Смирнова"),
    ("Мария Смирнова", "Мира Смирнова"),
    ("Лена Смирнова", "Lina Smirnova"),
], ids=["lena-lina", "alyona-alina", "dina-dana", "maria-mira", "lena-lina-latin"])
def test_another_given_name_is_a_namesake_never_a_strong_match(
        reg: Registry, csv_file: MakeCsv, stored: str, row: str) -> None:
    """Given names that differ by a vowel are two names: with an agreeing region the row was
    a strong match and overwrote another woman's country and notes."""
    rec = reg.add(Kind.PERSON, {"name": stored, "region": "RU-MOW", "country": "DE",
                                "notes": "her own notes"})
    before = state(reg, rec.id)
    report = run(reg, csv_file([["name", "region", "country", "notes"],
                                [row, "RU-MOW", "FR", "someone else's notes"]]))
    assert report["counts"]["update"] == 0 and report["counts"]["review"] == 1
    assert state(reg, rec.id) == before
    [new] = report["review"]
    reason = ("spreadsheet namesake: the name is spelled differently; country, notes differ "
              "(region agrees)")
    assert new["namesakes"][0]["reason"] == reason
    assert queued_pairs(reg) == {frozenset((rec.id, new["record_id"])): reason}


@pytest.mark.parametrize(("stored", "row"), [
    ("Лена Смирнова", "Lena Smirnova"),
    ("Алёна Смирнова", "Alyona Smirnova"),
    ("Алёна Смирнова", "АЛЕНА  СМИРНОВА"),
    ("Юлия Навальная", "Navalnaya Yulia"),
    ("Юлия Навальная", "Julija Nawalnaja"),
    ("Пётр Иванов", "Pyotr Ivanov"),
    ("Алёна Смирнова", "Ale\u0308na Smirnova"),  # decomposed ë (NFD)
    ("Алёна Смирнова", "Але\u0308на Смирнова"),  # decomposed ё (NFD)
], ids=["latin", "yo-latin", "capitals-spaces", "order", "german", "pyotr", "nfd-latin",
        "nfd"])
def test_the_same_name_in_either_script_is_still_a_strong_match(
        reg: Registry, csv_file: MakeCsv, stored: str, row: str) -> None:
    """Positive control: one name, in the other script, case, ё or spacing, updates."""
    rec = reg.add(Kind.PERSON, {"name": stored, "region": "RU-MOW", "country": "DE"})
    report = run(reg, csv_file([["name", "region", "country"], [row, "RU-MOW", "FR"]]))
    assert [u["record_id"] for u in report["updated"]] == [rec.id]
    assert reg.get(rec.id).values["country"] == "FR"


def test_same_name_is_word_for_word() -> None:
    assert same_name({"name": "Лена Смирнова"}, {"name": "Смирнова Лена"})
    assert same_name({"name": "Lena Smirnova"}, {"name": "x", "name_latin": "Lena Smirnova"})
    assert not same_name({"name": "Лена Смирнова"}, {"name": "Лина Смирнова"})
    assert not same_name({"name": "Lena Smirnova"}, {"name": "Lina Smirnova"})
    assert not same_name({"name": "Анна Смирнова"}, {"name": "А. Смирнова"})  # an initial
    assert not same_name({"name": "Анна Смирнова"}, {"name": "Анна Смирнова Петрова"})


# "Aннa Cмирнова": Latin A, a and C in a Cyrillic name; on screen it is "Анна Смирнова".
LOOK_ALIKE = "A\u043d\u043da C\u043c\u0438\u0440\u043d\u043e\u0432\u0430"


@pytest.mark.parametrize("name", ["Анна Смирнова", LOOK_ALIKE], ids=["control", "look-alike"])
def test_a_look_alike_name_is_the_name_it_shows(reg: Registry, csv_file: MakeCsv,
                                               name: str) -> None:
    """A name with Latin look-alike letters was no namesake at all: with a protected person's
    e-mail it became a plain new record holding that e-mail, with nothing queued."""
    anna = reg.add(Kind.PERSON, {**ANNA, "inside_russia": True})
    report = run(reg, csv_file([["name", "email", "city"],
                                [name, "anna@example.org", "Berlin"]]))
    assert report["counts"]["new"] == 0 and report["counts"]["review"] == 0
    assert [u["record_id"] for u in report["updated"]] == [anna.id]
    assert reg.get(anna.id).values["name"] == "Анна Смирнова"
    assert reg.protection_of(anna.id) == Sensitivity.PROTECTED


@pytest.mark.parametrize(("column", "value"), [("email", "ANNA@example.org"),
                                               ("phone", "0170 123 45 67")])
def test_another_name_with_the_same_contact_is_queued_beside_it(
        reg: Registry, csv_file: MakeCsv, column: str, value: str) -> None:
    """A row of another name with a person's e-mail or phone is never her (no update), but is
    reviewed beside her: it may be her under a changed or misspelt name."""
    anna = reg.add(Kind.PERSON, {**ANNA, "inside_russia": True})
    before = state(reg, anna.id)
    report = run(reg, csv_file([["name", column, "country"], ["Анна Кузнецова", value, "FR"]]))
    assert report["counts"]["update"] == 0 and report["counts"]["review"] == 1
    assert state(reg, anna.id) == before
    [row] = report["review"]
    reason = f"spreadsheet namesake: the name is spelled differently; country differs " \
             f"({column} agrees)"
    assert queued_pairs(reg) == {frozenset((anna.id, row["record_id"])): reason}
    # control: another name with another e-mail and phone is a plain new record
    report = run(reg, csv_file([["name", "email", "phone"],
                                ["Ольга Петрова", "olga@example.org", "+49 170 7654321"]]))
    assert report["counts"]["new"] == 1 and len(queued_pairs(reg)) == 1


def test_one_script() -> None:
    assert one_script(LOOK_ALIKE) == "Анна Смирнова"
    assert one_script("Smirn\u043eva") == "Smirnova"  # a Cyrillic о in a Latin word
    assert one_script("Anna Иван") == "Anna Иван"  # one script a word: as it is
    assert one_script("Ан\u006eа") == "Ан\u006eа"  # an n has no Cyrillic look-alike here


def test_nothing_to_confirm_goes_to_review_even_without_a_difference(
        reg: Registry, csv_file: MakeCsv) -> None:
    ivan = reg.add(Kind.PERSON, {"name": "Иван Петров"})
    report = run(reg, csv_file([["name", "roles"], ["Ivan Petrov", "lawyer"]]))
    [row] = report["review"]
    assert row["namesakes"][0]["record_id"] == ivan.id
    assert row["namesakes"][0]["reason"].startswith("spreadsheet namesake: nothing confirms")
    assert "roles" not in reg.get(ivan.id).values


def test_the_queue_shows_the_pair_whatever_its_score(reg: Registry, anna: Record,
                                                     csv_file: MakeCsv) -> None:
    report = run(reg, csv_file([["name", "country", "phone", "gender"],
                                ["Анна Смирнова", "FR", "+33 6 12 34 56 78", "female"]]))
    new_id = report["review"][0]["record_id"]
    pair = tuple(sorted((anna.id, new_id)))
    for min_score in (0.85, 1.0):
        found = {(c.a, c.b): c for c in review.candidates(reg, min_score)}
        assert pair in found
    shown = found[pair]
    assert shown.reason == "spreadsheet namesake: country, phone differ"
    assert shown.evidence[0] == shown.reason and shown.to_json()["reason"] == shown.reason
    review.decide(reg, anna.id, new_id, "not_same")
    assert review.queued(reg) == [] and review.candidates(reg, 0.0) == []


def test_a_queued_pair_with_an_erased_record_is_not_proposed(reg: Registry, anna: Record,
                                                             csv_file: MakeCsv) -> None:
    report = run(reg, csv_file([["name", "country"], ["Анна Смирнова", "FR"]]))
    reg.erase(report["review"][0]["record_id"])
    assert review.candidates(reg, 0.0) == []


def test_importing_again_queues_nothing_new(reg: Registry, anna: Record,
                                            csv_file: MakeCsv) -> None:
    path = csv_file([["name", "country", "roles"], ["Анна Смирнова", "FR", "lawyer"],
                     ["Анна Смирнова", "LV", ""]])
    first = run(reg, path)
    assert first["counts"]["review"] == 2
    queue, digest = queued_pairs(reg), reg.digest()
    assert len(queue) == 3  # each row with the vault's Анна, and the two rows with each other
    second = run(reg, path)
    assert second["counts"]["unchanged"] == 2
    assert queued_pairs(reg) == queue and reg.digest() == digest


@pytest.mark.parametrize("decision", ["same", "not_same"])
def test_after_a_decision_importing_again_adds_nothing(reg: Registry, anna: Record,
                                                      csv_file: MakeCsv, decision: str) -> None:
    path = csv_file([["name", "country", "roles"], ["Анна Смирнова", "FR", "lawyer"]])
    new_id = run(reg, path)["review"][0]["record_id"]
    review.decide(reg, anna.id, new_id, decision)
    digest = reg.digest()
    [again] = SpreadsheetImport(reg, path).run().outcomes
    assert (again.action, again.record_id) == ("unchanged", new_id)
    assert reg.digest() == digest and review.queued(reg) == []
    if decision == "same":
        assert again.reason == f"merged into {anna.id}"


# -- strong matches update, with old → new ---------------------------------------------------
def test_a_strong_match_updates_and_reports_old_and_new(reg: Registry, anna: Record,
                                                        csv_file: MakeCsv) -> None:
    stamps = reg.store.get(anna.id).stamps  # type: ignore[union-attr]
    report = run(reg, csv_file([["name", "country", "roles", "email"],
                                ["Анна Смирнова", "FR", "lawyer", "ANNA@example.org"]]))
    assert report["counts"]["update"] == 1 and report["counts"]["review"] == 0
    [row] = report["updated"]
    assert row["record_id"] == anna.id and row["fields"] == ["country", "roles"]
    assert row["changes"] == {"country": {"old": "DE", "new": "FR"},
                              "roles": {"old": ["journalist"], "new": ["lawyer"]}}
    after = reg.store.get(anna.id)
    assert after is not None
    assert (after.values["country"], after.values["roles"]) == ("FR", ["lawyer"])
    assert after.values["email"] == "anna@example.org"  # the same address, kept as stored
    changed = {f for f in after.stamps if after.stamps[f] != stamps.get(f)}
    assert changed == {"country", "roles"}
    assert review.queued(reg) == []


def test_a_strong_match_across_scripts_and_phone_formats(reg: Registry, anna: Record,
                                                         csv_file: MakeCsv) -> None:
    report = run(reg, csv_file([["name", "phone", "city"],
                                ["Smirnova Anna", "0049 (170) 123-45-67", "Berlin"]]))
    [row] = report["updated"]
    assert row["record_id"] == anna.id
    assert row["changes"] == {"city": {"old": None, "new": "Berlin"}}
    assert reg.get(anna.id).values["phone"] == ANNA["phone"]


def test_an_organisation_needs_its_website_or_founding_year(reg: Registry,
                                                           csv_file: MakeCsv) -> None:
    media = reg.add(Kind.ORGANISATION, {"name": "Медиазона", "website": "https://zona.media/"})
    report = run(reg, csv_file([["kind", "name", "website", "country"],
                                ["organisation", "Медиазона", "zona.media", "LV"],
                                ["organisation", "Медиазона", "other.example", "DE"]]))
    assert report["updated"][0]["record_id"] == media.id
    assert report["review"][0]["namesakes"][0]["record_id"] == media.id
    assert reg.get(media.id).values["country"] == "LV"


# -- what is written, what is not ----------------------------------------------------------
def test_dry_run_writes_nothing_and_shows_the_changes(reg: Registry, anna: Record,
                                                      csv_file: MakeCsv) -> None:
    path = csv_file([["name", "country", "email"], ["Анна Смирнова", "FR", "anna@example.org"],
                     ["Анна Смирнова", "LV", "other@example.org"]])
    reg, before = snapshot(reg)
    report = run(reg, path, dry_run=True)
    assert report["written"] is False
    assert report["updated"][0]["changes"] == {"country": {"old": "DE", "new": "FR"}}
    [row] = report["review"]
    assert "record_id" not in row and row["namesakes"][0]["record_id"] == anna.id
    # the second row is a namesake of the vault's Анна as the first row would leave her
    assert row["namesakes"][0]["differs"]["country"] == {"existing": "FR", "row": "LV"}
    reg, after = snapshot(reg)
    assert before == after and review.queued(reg) == []
    reg.lock()


def test_strict_with_one_bad_row_writes_nothing(reg: Registry, anna: Record,
                                                csv_file: MakeCsv) -> None:
    path = csv_file([["name", "country", "email", "gender"],
                     ["Анна Смирнова", "FR", "anna@example.org", ""],  # an update
                     ["Анна Смирнова", "LV", "", ""],                  # a namesake
                     ["Борис", "DE", "", "?"],                          # a bad row
                     ["Вера", "FI", "", ""]])                           # a new record
    reg, before = snapshot(reg)
    report = run(reg, path, strict=True)
    assert report["strict"] is True and report["written"] is False
    assert "--strict" in report["rejected_file"]
    reg, after = snapshot(reg)
    assert before == after  # every file of the vault byte-identical
    try:
        loose = run(reg, path)  # without --strict: the valid rows are written, the bad one not
        assert loose["written"] is True
        assert [loose["counts"][a] for a in ("new", "update", "review", "rejected")] == \
            [1, 1, 1, 1]
        assert not any(r.values.get("name") == "Борис" for r in reg.store.iter_records(
            Kind.PERSON))
    finally:
        reg.lock()


# -- the rule ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "a", "b"), [
    ("phone", "+7 (999) 123-45-67", "8 999 123 45 67"),
    ("phone", "+49 170 1234567", "0049170 1234567"),
    ("email", "Anna@Example.org ", "anna@example.org"),
    ("telegram", "@AnnaS", "annas"),
    ("signal", "+44 7700 900123", "07700 900 123"),
    ("website", "https://www.zona.media/", "zona.media"),
])
def test_identifiers_written_two_ways_agree(name: str, a: str, b: str) -> None:
    assert same_identifier(name, a, b) and same_identifier(name, b, a)


def test_the_rule() -> None:
    person = Kind.PERSON
    assert identify(person, {"name": "A", "email": "a@x"}, {"name": "A", "email": "A@x"}).strong
    weak = identify(person, {"email": "a@x", "phone": "1234567"},
                    {"email": "a@x", "phone": "7654321"})
    assert not weak.strong and weak.agree == ("email",) and weak.disagree == ("phone",)
    gender = identify(person, {"email": "a@x", "gender": "male"},
                      {"email": "a@x", "gender": "female"})
    assert not gender.strong and gender.disagree == ("gender",)
    a = {"name": "A"}
    place = identify(person, {**a, "country": "DE", "region": "RU-SVE"},
                     {**a, "country": "DE", "region": "RU-SVE"})
    assert place.strong and place.agree == ("region",)  # country alone would not be enough
    assert not identify(person, {**a, "country": "DE"}, {**a, "country": "DE"}).strong
    assert identify(person, {**a, "review_date": "2026-01-01"},
                    {**a, "review_date": "2026-01-01"}).strong
    assert identify(Kind.ORGANISATION, {**a, "founded": 2014}, {**a, "founded": 2014}).strong
    # a row that gives no name is no one's namesake: an e-mail alone is often shared
    assert not identify(person, {"email": "a@x"}, {"name": "A", "email": "a@x"}).strong
    # a placeholder on both sides agrees on nothing; against a value it still disagrees
    for blank in ("нет", "-", "n/a", "0", "none", "+7 000 000-00-00", "1111111", "-@-",
                  "n/a@n/a", "unknown@unknown.com", "@none"):
        same = identify(person, {**a, "email": blank, "phone": blank},
                        {**a, "email": blank, "phone": blank})
        assert not same.strong and same.agree == (), blank
        assert identify(person, {**a, "phone": blank},
                        {**a, "phone": "+7 916 123 45 67"}).disagree == ("phone",)
    for handle in ("@none", "@n/a", "xxx", "n.a.", "nan", "TBA", "123-45-67"):
        assert not identify(person, {**a, "telegram": handle}, {**a, "telegram": handle}).strong
    # a name of no letter names nobody
    assert not identify(person, {"name": "-", "email": "a@x"}, {"name": "-", "email": "a@x"}).strong


@pytest.mark.parametrize("cyrillic, latin, same", [
    ("Анна Захарова", "Anna Zakharova", True), ("Анна Захарова", "Anna Sakharova", False),
    ("Ирина Зорина", "Irina Sorina", False), ("Анна Грищина", "Anna Grishina", False),
    ("Анна Грищина", "Anna Grishchina", True), ("Алексей Шукин", "Aleksei Shchukin", False),
    ("Фёдор Волков", "Fedor Wolkow", True), ("Михаил Жуков", "Mihail Zhukov", True),
    ("Мария Цветаева", "Mariya Cvetaeva", True), ("Сергей Навальный", "Sergei Navalnyi", True),
    ("Анна Смирнова", "Yana Smirnova", False), ("Елена Ким", "Yelena Kim", True),
])
def test_a_latin_spelling_is_the_name_only_letter_for_letter(cyrillic: str, latin: str,
                                                            same: bool) -> None:
    """A spelling overwrites only when each letter is one a standard romanisation writes for
    the Cyrillic one: з is not с, ш not щ (the lenient key the duplicate finder uses takes
    them for one sound, and "Anna Sakharova" overwrote Анна Захарова)."""
    from registry.interop.matching import same_spelling

    assert same_spelling(cyrillic, latin) is same


_STANDARD_SPELLINGS = [
    ("Анна Захарова", "Anna Zaxarova"), ("Борис Немцов", "Boris Nemcov"),  # GOST 7.79 B
    ("Виктор Цой", "Viktor Coj"), ("Николай Хромов", "Nikolai Chromow"),  # GOST B, Duden
    ("Татьяна Ёлкина", "Tatiana Yolkina"), ("Татьяна Ёлкина", "Tatjana Jolkina"),  # Ё as yo
    ("Пётр Ёжиков", "Pyotr Yozhikov"), ("Татьяна Ёлкина", "Tatiana Elkina"),
    ("Ольга Йорданова", "Olga Yordanova"), ("Ольга Йорданова", "Olga Jordanowa"),  # й too
    ("Гульнара Гаджиевна Ёлкина-Цыганкова", "Gulnara Gadzhievna Yolkina-Tsygankova"),
]


@pytest.mark.parametrize("cyrillic, latin", _STANDARD_SPELLINGS)
def test_a_standard_romanisation_meets_its_record_either_way(cyrillic: str, latin: str) -> None:
    """GOST B (х x, ц c), German Duden (Chr for Хр) and a word-initial Ё written yo or jo
    made a new record beside the one they spell, neither updated nor reviewed: namesakes were
    looked for under the main reading of a name alone (was)."""
    from registry.domain.hlc import Stamp
    from registry.interop.matching import Matcher

    for stored, row in ((cyrillic, latin), (latin, cyrillic)):
        record = Record("00000000-0000-4000-8000-000000000001", Kind.PERSON, {"name": stored},
                        {"name": Stamp(1, "0" * 40)})
        matcher = Matcher.build([record])
        assert [e.ref for e in matcher.namesakes(Kind.PERSON, {"name": row})] == [record.id]
    assert not Matcher.build([record]).namesakes(Kind.PERSON, {"name": "Anna Smirnova"})


@pytest.mark.parametrize("cyrillic, latin", _STANDARD_SPELLINGS[3:5])
def test_a_standard_romanisation_that_disagrees_is_reviewed(
        reg: Registry, csv_file: MakeCsv, cyrillic: str, latin: str) -> None:
    held = reg.add(Kind.PERSON, {"name": cyrillic, "country": "DE"})
    report = run(reg, csv_file([["name", "country"], [latin, "FR"]]))
    assert report["counts"]["new"] == 0 and report["counts"]["review"] == 1
    [row] = report["review"]
    assert [n["record_id"] for n in row["namesakes"]] == [held.id]
    assert reg.get(held.id).values["country"] == "DE"


# -- the command line --------------------------------------------------------------------------
@pytest.fixture
def vault(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "vault"
    reg = Registry.create(root, PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    anna_id = reg.add(Kind.PERSON, ANNA).id
    reg.lock()
    yield root, anna_id


def test_cli_dry_run_json_import_text_and_duplicates(cli: Cli, vault: tuple[Path, str],
                                                     tmp_path: Path) -> None:
    root, anna_id = vault
    path = write_csv(tmp_path / "people.csv", [
        ["name", "country", "roles", "email"],
        ["Анна Смирнова", "FR", "lawyer", "anna@example.org"],
        ["Анна Смирнова", "LV", "", "anna.s@example.org"],
        ["Борис", "", "", "not-checked"], ["", "DE", "", ""]])
    before = hash_tree(root)
    dry = cli(root, "import", str(path), "--dry-run", "--json")
    assert dry.code == 0, dry.err
    report = json.loads(dry.out)
    assert report["updated"][0]["changes"] == {"country": {"old": "DE", "new": "FR"},
                                               "roles": {"old": ["journalist"],
                                                         "new": ["lawyer"]}}
    assert report["review"][0]["namesakes"][0]["reason"] == \
        "spreadsheet namesake: country, email differ"
    assert hash_tree(root) == before

    done = cli(root, "import", str(path))
    assert done.code == 0, done.err
    assert "Written: the valid rows (3); not written: the rejected rows (1)" in done.out
    assert "    country: DE → FR" in done.out and "    roles: journalist → lawyer" in done.out
    assert "country: FR ≠ LV" in done.out  # the namesake as the update above leaves her

    pairs = json.loads(cli(root, "duplicates", "--min-score", "1", "--json").out)
    assert [p["reason"] for p in pairs] == ["spreadsheet namesake: country, email differ"]
    assert anna_id in (pairs[0]["a"], pairs[0]["b"])
    text = cli(root, "duplicates").out
    assert "spreadsheet namesake: country, email differ" in text


def test_the_rule_weighs_identifiers_with_the_duplicate_finders_scorer() -> None:
    person = Kind.PERSON
    email = identify(person, {"email": "a@x"}, {"email": "A@x"})
    region = identify(person, {"region": "RU-SVE"}, {"region": "RU-SVE"})
    assert email.score > region.score > 0.5  # an e-mail weighs more than a region
    assert email.evidence == ("e-mail: a@x = a@x",)
    both = identify(person, {"email": "a@x", "phone": "+7 999 1234567"},
                    {"email": "a@x", "phone": "8 999 7654321"})
    assert both.score < email.score and not both.strong  # a differing phone still blocks
