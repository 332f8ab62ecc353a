"""The import flow: mapping, matching, idempotence, rejected rows and files, one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import KINDS
from registry.interop import mapping as mp
from registry.interop.importer import SpreadsheetImport
from registry.interop.spreadsheet import FileRejected
from registry.service import Registry
from registry.sync.progress import Cancelled, job
from tests.interop.conftest import snapshot, write_xlsx

MakeCsv = Callable[..., Path]
HEAD = ["ФИО", "Имя латиницей", "Пол", "Регион", "Страна", "Роли", "Почта", "Внутри России"]
ROWS = [
    ["Иван Петров", "Ivan Petrov", "мужской", "Свердловская область", "Германия",
     "журналист; активист", "ivan@example.org", ""],
    ["Анна Иванова", "", "ж", "Sverdlovsk", "LV", "правозащитница", "", "нет"],
    ["Мария Смирнова", "", "female", "RU-TA", "", "researcher", "", "да"],
]


def run(reg: Registry, path: Path, **kw: object) -> dict[str, object]:
    flow = SpreadsheetImport(reg, path, strict=bool(kw.pop("strict", False)))
    flow.load()
    flow.propose_mapping()
    return flow.run(**kw).to_json(shared=False)  # type: ignore[arg-type]


def counts(report: dict[str, object]) -> dict[str, int]:
    return report["counts"]  # type: ignore[return-value]


def test_russian_headers_and_values_map_by_themselves(reg: Registry, csv_file: MakeCsv) -> None:
    path = csv_file([HEAD, *ROWS], encoding="cp1251", delimiter=";")
    report = run(reg, path)
    assert counts(report) == {"new": 3, "update": 0, "unchanged": 0, "merged": 0, "review": 0,
                              "rejected": 0}
    created = report["created"]
    ivan = reg.get(created[0]["record_id"]).values  # type: ignore[index]
    assert ivan["gender"] == "male" and ivan["region"] == "RU-SVE" and ivan["country"] == "DE"
    assert ivan["roles"] == ["journalist", "activist"] and ivan["name_latin"] == "Ivan Petrov"
    assert ivan["sensitivity"] == "internal"
    maria = reg.get(created[2]["record_id"])  # type: ignore[index]
    assert maria.values["inside_russia"] is True and maria.sensitivity.label == "protected"


def test_import_twice_changes_nothing_the_second_time(reg: Registry, csv_file: MakeCsv) -> None:
    path = csv_file([HEAD, *ROWS])
    run(reg, path)
    digest = reg.digest()
    audit = reg.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    second = run(reg, path)
    assert counts(second)["unchanged"] == 3 and counts(second)["new"] == 0
    assert reg.digest() == digest
    assert reg.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit


def test_matching_rows_update_and_say_which(reg: Registry, csv_file: MakeCsv) -> None:
    ivan = reg.add(Kind.PERSON, {"name": "Иван Петров", "country": "DE",
                                 "email": "ivan@example.org"})
    olga = reg.add(Kind.PERSON, {"name": "Ольга Кузнецова", "country": "FR", "region": "RU-SPE"})
    report = run(reg, csv_file([
        ["name", "country", "notes", "region", "email"],
        ["иван  петров", "", "moved", "", "IVAN@example.org"],  # exact, folded; e-mail agrees
        ["Kuznetsova Olga", "FR", "x", "RU-SPE", ""],   # Latin, other order; region agrees
        ["O. Kuznetsova", "FR", "", "RU-SPE", ""],      # initial alone: never a namesake
        ["Иван Петров", "", "", "RU-MOW", "ivan@example.org"],  # the same person again
    ]))
    updated = {o["line"]: o for o in report["updated"]}  # type: ignore[union-attr]
    assert updated[2]["record_id"] == ivan.id and updated[2]["fields"] == ["notes", "region"]
    assert updated[2]["changes"] == {"notes": {"old": None, "new": "moved"},
                                     "region": {"old": None, "new": "RU-MOW"}}
    assert updated[3]["record_id"] == olga.id
    assert updated[3]["changes"] == {"notes": {"old": None, "new": "x"}}
    assert report["merged"][0]["line"] == 5  # type: ignore[index]
    assert report["merged"][0]["reason"] == "same record as line 2"  # type: ignore[index]
    assert [o["line"] for o in report["created"]] == [4]  # type: ignore[union-attr]
    stored = reg.get(ivan.id).values
    assert stored["name"] == "Иван Петров"  # a name match does not rename
    assert stored["email"] == "ivan@example.org"  # an agreeing e-mail is kept as stored
    assert reg.get(olga.id).values["name"] == "Ольга Кузнецова"


def test_same_name_other_region_goes_to_review(reg: Registry, csv_file: MakeCsv) -> None:
    other = reg.add(Kind.PERSON, {"name": "Иван Петров", "region": "RU-SVE"})
    report = run(reg, csv_file([["name", "region"], ["Иван Петров", "RU-TA"]]))
    assert counts(report)["review"] == 1 and counts(report)["update"] == 0
    [row] = report["review"]  # type: ignore[misc]
    assert row["namesakes"] == [{"record_id": other.id,
                                 "reason": "spreadsheet namesake: region differs",
                                 "differs": {"region": {"existing": "RU-SVE", "row": "RU-TA"}}}]
    assert reg.get(other.id).values["region"] == "RU-SVE"


def test_two_strong_matches_are_a_rejected_row(reg: Registry, csv_file: MakeCsv) -> None:
    for country in ("DE", "LV"):  # one family address on two records
        reg.add(Kind.PERSON, {"name": "Иван Петров", "country": country, "email": "f@x.org"})
    report = run(reg, csv_file([["name", "email", "notes"], ["Иван Петров", "f@x.org", "x"],
                                ["Анна", "", "y"]]))
    assert report["rejected"] == [{"line": 2, "action": "rejected",
                                   "reason": "name: fits 2 records; add an id column to say "
                                             "which"}]


def test_too_many_unconfirmed_namesakes_are_a_rejected_row(reg: Registry,
                                                           csv_file: MakeCsv) -> None:
    from registry.interop.importer import MAX_NAMESAKES

    for i in range(MAX_NAMESAKES + 1):
        reg.add(Kind.PERSON, {"name": "Иван Петров", "notes": f"n{i}"})
    report = run(reg, csv_file([["name", "notes"], ["Иван Петров", "x"], ["Анна", "y"]]))
    assert [o["line"] for o in report["rejected"]] == [2]  # type: ignore[union-attr]
    assert "id column" in report["rejected"][0]["reason"]  # type: ignore[index]


def test_id_column_updates_that_record(reg: Registry, csv_file: MakeCsv) -> None:
    ivan = reg.add(Kind.PERSON, {"name": "Иван Петров"})
    org = reg.add(Kind.ORGANISATION, {"name": "Медиазона"})
    report = run(reg, csv_file([
        ["id", "name", "country"],
        [ivan.id, "Иван Петрович Петров", "DE"],
        [org.id, "X", ""],
        ["not-an-id", "Y", ""],
        ["01a220b0-c1bb-7296-9d3f-9ec233613745", "Анна", ""],
    ]))
    assert reg.get(ivan.id).values["name"] == "Иван Петрович Петров"
    reasons = {o["line"]: o["reason"] for o in report["rejected"]}  # type: ignore[union-attr]
    assert reasons == {3: "id: that record is not a person", 4: "id: is not a record id"}
    assert report["created"][0]["reason"] == "id not in this vault: matched by name"  # type: ignore[index]


def test_rejected_rows_have_line_and_reason_without_content(reg: Registry,
                                                           csv_file: MakeCsv) -> None:
    path = csv_file([["name", "gender", "email", "founded"],
                     ["Анна", "secret-value", "", ""], ["", "female", "", ""],
                     ["Олег", "", "", ""], ["Мария", "", "", "1999"], ["Пётр", "", "", ""]])
    report = run(reg, path)
    rejected = report["rejected"]
    assert [(o["line"], o["reason"].split(":")[0]) for o in rejected] == [  # type: ignore[union-attr]
        (2, "gender"), (3, "name"), (5, "founded")]
    assert "secret-value" not in str(report)
    assert counts(report)["new"] == 2


def test_duplicate_rows_in_one_file_become_one_record(reg: Registry, csv_file: MakeCsv) -> None:
    report = run(reg, csv_file([["name", "country", "notes", "phone"],
                                ["Анна Петрова", "DE", "", "+49 170 1234567"],
                                ["анна петрова", "", "later note", "0049 170 123 45 67"],
                                ["Анна Петрова", "DE", "", ""]]))
    assert counts(report)["new"] == 1 and counts(report)["merged"] == 2
    assert report["merged"][0]["reason"] == "same as line 2"  # type: ignore[index]
    record = reg.get(report["created"][0]["record_id"])  # type: ignore[index]
    assert record.values["notes"] == "later note"
    assert record.values["phone"] == "+49 170 1234567"


def test_namesake_rows_in_one_file_are_queued_together(reg: Registry, csv_file: MakeCsv) -> None:
    from registry.match import review

    report = run(reg, csv_file([["name", "country"], ["Анна Петрова", "DE"],
                                ["Анна Петрова", "FR"]]))
    assert counts(report)["new"] == 1 and counts(report)["review"] == 1
    first, second = report["created"][0]["record_id"], report["review"][0]["record_id"]  # type: ignore[index]
    assert report["review"][0]["namesakes"][0]["line"] == 2  # type: ignore[index]
    assert report["review"][0]["namesakes"][0]["record_id"] == first  # type: ignore[index]
    [queued] = review.queued(reg)
    assert {queued.a, queued.b} == {first, second}
    assert queued.reason == "spreadsheet namesake: country differs"


def test_dry_run_and_preview_write_nothing(reg: Registry, csv_file: MakeCsv) -> None:
    path = csv_file([HEAD, *ROWS])
    digest = reg.digest()
    flow = SpreadsheetImport(reg, path)
    flow.load()
    flow.propose_mapping()
    assert [o.action for o in flow.preview(2)] == ["new", "new"]
    report = flow.run(dry_run=True)
    assert report.count("new") == 3 and not report.written
    assert reg.digest() == digest


@pytest.mark.parametrize("rows", [
    [["name", "gender"], ["A", "x"], ["B", "y"], ["C", ""]],   # more than half bad
    [["notes"], ["a"]],                                          # no name column
    [["name"]],                                                  # no data rows
])
def test_rejected_file_leaves_the_vault_byte_identical(reg: Registry, csv_file: MakeCsv,
                                                       rows: list[list[str]]) -> None:
    reg.add(Kind.PERSON, {"name": "Someone"})
    path = csv_file(rows)
    reg, before = snapshot(reg)
    try:
        report = run(reg, path)
        assert report["rejected_file"]
    except FileRejected:
        pass
    reg, after = snapshot(reg)
    reg.lock()
    assert before == after


def test_strict_rejects_the_file_for_one_bad_row(reg: Registry, csv_file: MakeCsv) -> None:
    path = csv_file([["name", "gender"], ["A", "female"], ["B", "x"], ["C", ""]])
    digest = reg.digest()
    report = run(reg, path, strict=True)
    assert report["rejected_file"] and "--strict" in str(report["rejected_file"])
    assert reg.digest() == digest
    assert counts(run(reg, path))["new"] == 2


def test_cancel_rolls_everything_back(reg: Registry, csv_file: MakeCsv) -> None:
    path = csv_file([["name"], *([f"Person {i}"] for i in range(3000))])
    digest = reg.digest()
    seen: list[str] = []

    def progress(step: str, done: int, total: int) -> None:
        seen.append(step)

    flow = SpreadsheetImport(reg, path)
    with pytest.raises(Cancelled):
        flow.run(work=job(progress, lambda: "write" in seen and seen.count("write") > 1))
    assert reg.digest() == digest
    assert reg.store.counts()["person"] == 0


def test_organisations_xlsx_and_saved_mapping(reg: Registry, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "orgs.xlsx", [
        ["Название", "Тип", "Год основания", "Сайт", "Столбец X"],
        ["Медиазона", "СМИ", 2014, "https://zona.media", "ignored"],
        ["ОВД-Инфо", "правозащитная", 2011, "", ""],
    ])
    flow = SpreadsheetImport(reg, path)
    flow.load()
    mapping = flow.propose_mapping()
    assert mapping.default_kind is Kind.ORGANISATION and mapping.ignored() == ["Столбец X"]
    mapping.set_by_header("Столбец X", "notes")
    report = flow.run(save_mapping_as="orgs")
    assert report.count("new") == 2
    org = reg.get(report.outcomes[0].record_id or "")
    assert org.values == {**org.values, "type": "media", "founded": 2014, "notes": "ignored"}
    again = SpreadsheetImport(reg, path)
    again.load()
    assert again.saved_mappings() == ["orgs"]
    assert again.propose_mapping("orgs").fields == ["name", "type", "founded", "website", "notes"]
    assert again.run().count("unchanged") == 2


def test_mixed_kinds_and_wrong_field_for_kind(reg: Registry, csv_file: MakeCsv) -> None:
    report = run(reg, csv_file([["kind", "name", "gender", "type"],
                                ["организация", "Фонд", "", "donor"],
                                ["person", "Анна", "female", ""],
                                ["organisation", "X", "male", ""],
                                ["thing", "Y", "", ""]]))
    reasons = [o["reason"] for o in report["rejected"]]  # type: ignore[union-attr]
    assert reasons == ["gender: not a field of organisation",
                       "kind: must be person or organisation"]
    assert reg.store.counts()["organisation"] == 1


def test_header_guessing() -> None:
    fields = mp.ColumnMapping.propose(["ФИО", "E-mail", "Год основания", "Примечания",
                                       "inside_russia", "Телефон", "???"]).fields
    assert fields == ["name", "email", "founded", "notes", "inside_russia", "phone", None]


def test_a_column_headed_as_the_app_shows_a_field_maps_to_it() -> None:
    """Every field an import may set is recognised under the label its editor shows and the
    header its list shows, in English and Russian: a column "Lives inside Russia" or
    "Живёт в России" was ignored, and the person written as not inside Russia went out in
    the next default export."""
    for kind in mp.ACTOR_KINDS:
        for spec in KINDS[kind].fields:
            if spec.name in mp.FIELDS[kind]:
                for language in ("en", "ru"):
                    for header in (spec.text(language), spec.header(language)):
                        assert mp.guess_field(header) == spec.name, (header, spec.name)
    assert mp.guess_field("Живёт в России") == mp.guess_field("Lives inside Russia") \
        == "inside_russia"


def test_a_person_flagged_under_the_apps_own_label_stays_home(
        reg: Registry, csv_file: MakeCsv) -> None:
    report = run(reg, csv_file([["kind", "name", "Живёт в России"],
                                ["person", "Ирина Волкова", "да"]]))
    assert counts(report)["new"] == 1 and not report["file"].get("ignored_columns")
    [made] = report["created"]
    irina = reg.get(made["record_id"])  # type: ignore[index]
    assert irina.values["inside_russia"] is True and irina.sensitivity.label == "protected"


def test_one_flow_previews_then_imports_the_same_updates(reg: Registry,
                                                         csv_file: MakeCsv) -> None:
    """A wizard previews (a dry run) and then imports with the same flow object."""
    from registry.interop.importer import SpreadsheetImport

    ivan = reg.add(Kind.PERSON, {"name": "Иван Петров", "country": "DE",
                                 "phone": "+7 999 123 45 67"})
    flow = SpreadsheetImport(reg, csv_file([["name", "notes", "phone"],
                                     ["Иван Петров", "moved", "+79991234567"]]))
    flow.load()
    flow.propose_mapping()
    flow.preview(10)
    dry = flow.run(dry_run=True)
    real = flow.run()
    assert [o.action for o in dry.outcomes] == [o.action for o in real.outcomes]
    assert reg.get(ivan.id).values["notes"] == "moved"
