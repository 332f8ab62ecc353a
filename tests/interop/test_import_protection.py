"""A spreadsheet row may raise protection, never lower it (DESIGN §6.4.1).

Lowering ``sensitivity`` or the "inside Russia" flag is a local act that asks for
confirmation and is audited; a file cannot do that. A row that would lower keeps the
record's protection (its other fields are imported), the report says so, and the next export
still leaves the person out. A row that raises protection is applied as a local edit would
be (ties of a person who becomes protected are protected too). Both by name (a strong match)
and by the ``id`` column; through the flow and through the real command line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.errors import LoweringNeedsConfirmation
from registry.interop import importer
from registry.interop.importer import SpreadsheetImport
from registry.match import review
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli, hash_tree
from tests.interop.conftest import snapshot, write_csv
from tests.passphrase import PASSPHRASE

MakeCsv = Callable[..., Path]
ANNA = {"name": "Анна Смирнова", "email": "anna@example.org", "inside_russia": True,
        "region": "RU-MOW", "notes": "PSECRET"}
LOWERING = ["Анна Смирнова", "ANNA@example.org", "false", "internal", "FR"]
HEAD = ["name", "email", "inside_russia", "sensitivity", "country"]


def run(reg: Registry, path: Path, **kw: Any) -> dict[str, Any]:
    return SpreadsheetImport(reg, path).run(**kw).to_json(shared=False)  # as the vault holds them


def audit_actions(reg: Registry, record_id: str) -> list[str]:
    return [r[0] for r in reg.store.conn.execute(
        "SELECT action FROM audit WHERE record_id = ? ORDER BY seq", (record_id,))]


def protection(reg: Registry, record_id: str) -> tuple[Any, Any, Sensitivity]:
    values = reg.get(record_id).values
    return values.get("sensitivity"), values.get("inside_russia"), reg.protection_of(record_id)


@pytest.fixture
def anna(reg: Registry) -> Record:
    return reg.add(Kind.PERSON, ANNA)


# -- lowering is kept ---------------------------------------------------------------------------
def test_a_lowering_row_keeps_the_protection_and_says_so(reg: Registry, anna: Record,
                                                        csv_file: MakeCsv) -> None:
    """The reviewer's row: e-mail agrees (a strong match), protection asked down, country new."""
    before = protection(reg, anna.id)
    assert before == ("protected", True, Sensitivity.PROTECTED)
    report = run(reg, csv_file([HEAD, LOWERING]))
    [row] = report["updated"]
    assert row["record_id"] == anna.id
    assert row["changes"] == {"country": {"old": None, "new": "FR"}}  # the rest of the row
    assert row["protection_kept"] == {"inside_russia": {"kept": True, "row": False},
                                      "sensitivity": {"kept": "protected", "row": "internal"}}
    assert row["reason"] == importer.KEPT_NOTE.format("inside_russia, sensitivity")
    assert "lower it in the record itself" in row["reason"]
    assert [o["line"] for o in report["protection_kept"]] == [2]
    assert protection(reg, anna.id) == before
    assert reg.get(anna.id).values["country"] == "FR"
    assert "lower_protection" not in audit_actions(reg, anna.id)
    assert reg.store.conn.execute("SELECT count(*) FROM protection_lowered").fetchone()[0] == 0


def test_a_row_that_only_lowers_changes_nothing(reg: Registry, anna: Record,
                                               csv_file: MakeCsv) -> None:
    """Held entirely but for a lower protection: "unchanged", no new less protected copy."""
    path = csv_file([["name", "sensitivity"], ["Анна Смирнова", "internal"]])
    digest = reg.digest()
    report = run(reg, path)
    assert report["counts"] == {"new": 0, "update": 0, "unchanged": 1, "merged": 0,
                                "review": 0, "rejected": 0}
    [kept] = report["protection_kept"]
    assert (kept["action"], kept["record_id"]) == ("unchanged", anna.id)
    assert kept["protection_kept"] == {"sensitivity": {"kept": "protected", "row": "internal"}}
    assert reg.digest() == digest and review.queued(reg) == []
    assert len(list(reg.store.iter_records(Kind.PERSON))) == 1


def test_the_id_column_cannot_lower_either(reg: Registry, anna: Record,
                                           csv_file: MakeCsv) -> None:
    report = run(reg, csv_file([["id", *HEAD], [anna.id, *LOWERING]]))
    [row] = report["updated"]
    assert row["record_id"] == anna.id
    assert row["fields"] == ["country", "email"]  # by id, the e-mail as the file writes it
    assert set(row["protection_kept"]) == {"inside_russia", "sensitivity"}
    assert protection(reg, anna.id) == ("protected", True, Sensitivity.PROTECTED)
    assert "lower_protection" not in audit_actions(reg, anna.id)


def test_rows_of_one_file_keep_the_higher_protection(reg: Registry, csv_file: MakeCsv) -> None:
    """The same new person twice, protected then internal: one record, protected."""
    report = run(reg, csv_file([["name", "email", "sensitivity"],
                                ["Вера Орлова", "vera@example.org", "protected"],
                                ["Вера Орлова", "vera@example.org", "internal"]]))
    assert report["counts"]["new"] == 1 and report["counts"]["merged"] == 1
    [merged] = report["merged"]
    assert merged["protection_kept"] == {"sensitivity": {"kept": "protected", "row": "internal"}}
    assert merged["reason"].startswith("same as line 2; protection kept: sensitivity")
    vera = reg.get(report["created"][0]["record_id"])
    assert vera.sensitivity is Sensitivity.PROTECTED


def test_a_lowering_that_slipped_into_a_plan_is_refused_by_the_core(
        reg: Registry, anna: Record, csv_file: MakeCsv,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Updates are written as local edits without confirmation: were the planner ever to let
    a lowering through, the core rule refuses it and the whole import rolls back."""
    path = csv_file([HEAD, LOWERING])
    reg, before = snapshot(reg)
    try:
        monkeypatch.setattr(importer, "lowered_fields", lambda values, changes: [])
        with pytest.raises(LoweringNeedsConfirmation):
            run(reg, path)
        monkeypatch.undo()
        reg, after = snapshot(reg)
        assert after == before
        control = run(reg, path)  # the planner's own rule: imported, protection kept
        assert control["counts"]["update"] == 1 and control["protection_kept"]
        assert protection(reg, anna.id)[2] is Sensitivity.PROTECTED
    finally:
        reg.lock()


# -- raising is applied ------------------------------------------------------------------------
@pytest.mark.parametrize("by_id", [False, True])
def test_a_raising_row_is_applied_like_a_local_edit(reg: Registry, csv_file: MakeCsv,
                                                    by_id: bool) -> None:
    boris = reg.add(Kind.PERSON, {"name": "Борис Орлов", "email": "boris@example.org"})
    media = reg.add(Kind.ORGANISATION, {"name": "Медиазона"})
    tie = reg.add(Kind.TIE, {"from_id": boris.id, "to_id": media.id, "kind": "works_for"})
    assert tie.sensitivity is Sensitivity.INTERNAL
    head, row = ["name", "email", "inside_russia"], ["Борис Орлов", "boris@example.org", "yes"]
    if by_id:
        head, row = ["id", *head], [boris.id, *row]
    report = run(reg, csv_file([head, row]))
    [updated] = report["updated"]
    assert updated["record_id"] == boris.id and "protection_kept" not in updated
    assert updated["changes"] == {"inside_russia": {"old": None, "new": True},
                                  "sensitivity": {"old": "internal", "new": "protected"}}
    assert protection(reg, boris.id) == ("protected", True, Sensitivity.PROTECTED)
    assert reg.get(tie.id).sensitivity is Sensitivity.PROTECTED  # as Registry.update does
    assert report["protection_kept"] == []


# -- the command line ----------------------------------------------------------------------------
@pytest.fixture
def vault(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "vault"
    reg = Registry.create(root, PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    anna_id = reg.add(Kind.PERSON, ANNA).id
    reg.add(Kind.PERSON, {"name": "Олег Ким", "email": "oleg@example.org"})
    reg.lock()
    yield root, anna_id


def test_cli_import_keeps_protection_and_the_export_leaves_her_out(
        cli: Cli, vault: tuple[Path, str], tmp_path: Path) -> None:
    root, anna_id = vault
    path = write_csv(tmp_path / "people.csv", [HEAD, LOWERING,
                                               ["Олег Ким", "oleg@example.org", "", "", "FR"]])
    before = hash_tree(root)
    dry = cli(root, "import", str(path), "--dry-run", "--json")
    assert dry.code == 0, dry.err
    report = json.loads(dry.out)
    # the report (it may be kept in a file) names her row, never her id
    assert [o["line"] for o in report["protection_kept"]] == [2] and anna_id not in dry.out
    assert "lower it in the record itself" in report["protection_kept"][0]["reason"]
    assert hash_tree(root) == before

    done = cli(root, "import", str(path))
    assert done.code == 0, done.err
    assert "line 2: protection kept as it is, not lowered (inside_russia, " \
        "sensitivity)" in done.out and "registry update ID" in done.out
    assert anna_id not in done.out
    shown = json.loads(cli(root, "show", anna_id, "--json").out)
    assert shown["protected"] is True and shown["fields"]["inside_russia"] is True
    assert shown["fields"]["country"] == "FR"

    out = tmp_path / "people-out.csv"
    exported = cli(root, "export-csv", str(out), "--kind", "person")
    assert exported.code == 0, exported.err
    text = out.read_text(encoding="utf-8")
    assert "Олег Ким" in text  # positive control: the other row's person leaves
    assert "Анна Смирнова" not in text and "PSECRET" not in text

    lowered = cli(root, "update", anna_id, "--sensitivity", "internal", "--not-inside-russia",
                  "--yes-lower-protection")  # the way the report names: asked, audited
    assert lowered.code == 0, lowered.err
    assert json.loads(cli(root, "show", anna_id, "--json").out)["protected"] is False


# -- a record decided "same" as a protected person (DESIGN §6.4.3) ------------------------------
def _merged_pair(reg: Registry) -> tuple[str, str]:
    """A protected person and a second record of her (another surname), decided "same"."""
    survivor = reg.add(Kind.PERSON, {"name": "Анна Смирнова", "email": "anna@example.org",
                                     "inside_russia": True}).id
    member = reg.add(Kind.PERSON, {"name": "Анна Кузнецова", "email": "anna@example.org"}).id
    reg.matching.decide(survivor, member, "same")
    assert reg.get(member).values.get("merged_into") == survivor
    return survivor, member


def test_a_row_of_a_merged_record_updates_its_person_not_a_new_copy(
        reg: Registry, csv_file: MakeCsv) -> None:
    """A row with the member's name and e-mail (a strong match) and a new note: before, the
    member was passed over (a merged record is never updated) and the row became a plain new
    record at 'internal', holding her other name and her e-mail, which the next default
    export sent. The group is one person: the row updates the survivor, who stays protected.
    Positive control: a row the member already holds changes nothing."""
    survivor, member = _merged_pair(reg)
    held = run(reg, csv_file([["name", "email"], ["Анна Кузнецова", "anna@example.org"]]))
    assert held["counts"]["unchanged"] == 1 and held["counts"]["new"] == 0

    report = run(reg, csv_file([["name", "email", "notes"],
                                ["Анна Кузнецова", "anna@example.org", "met in Riga"]]))
    assert report["counts"]["new"] == 0 and report["counts"]["review"] == 0
    assert [u["record_id"] for u in report["updated"]] == [survivor]
    assert reg.get(survivor).values["notes"] == "met in Riga"
    assert reg.get(survivor).values["name"] == "Анна Смирнова"  # names only fill empty ones
    assert reg.protection_of(survivor) == Sensitivity.PROTECTED
    assert reg.get(member).values.get("notes") is None


def test_a_namesake_of_a_merged_record_is_queued_beside_its_person(
        reg: Registry, csv_file: MakeCsv) -> None:
    """A row with only the member's name (no identifier: not a strong match) is a new record
    beside its namesakes in the review queue; the merged member never leaves the queue's
    candidates (``review``), so the pair is with the survivor, or it was queued with nobody."""
    survivor, _ = _merged_pair(reg)
    report = run(reg, csv_file([["name", "country"], ["Анна Кузнецова", "FR"]]))
    assert report["counts"]["review"] == 1
    created = report["review"][0]["record_id"]
    assert frozenset((survivor, created)) in {frozenset((q.a, q.b)) for q in review.queued(reg)}


# -- a row that protects a record this vault shared (DESIGN §6.4.2) -----------------------------
def test_a_row_flagging_a_shared_record_says_with_whom(tmp_path: Path, csv_file: MakeCsv,
                                                       cli: Cli) -> None:
    """`registry update --inside-russia` on a record sent to B names B and the command that
    protects her there; a spreadsheet row doing the same said only "updated". Now the report
    (JSON and text) names B for that row. Positive controls: a row flagging a record never
    shared, and a row changing something else on the shared one, name nobody."""
    from tests.sync.vaults import introduce, make_vault, send

    a, b = make_vault(tmp_path, "A"), make_vault(tmp_path, "B")
    try:
        introduce(a, b)
        anna = a.add(Kind.PERSON, {"name": "Анна Смирнова", "email": "anna@example.org"}).id
        a.add(Kind.PERSON, {"name": "Олег Сидоров", "email": "oleg@example.org"})
        send(a, [b], tmp_path / "a.rbundle")
        a.add(Kind.PERSON, {"name": "Вера Ли", "email": "vera@example.org"})  # never sent
        other = run(a, csv_file([["name", "email", "notes"],
                                 ["Анна Смирнова", "anna@example.org", "met in Riga"]]))
        assert other["shared_with"] == [] and other["counts"]["update"] == 1
        report = run(a, csv_file([["name", "email", "inside_russia"],
                                  ["Анна Смирнова", "anna@example.org", "yes"],
                                  ["Вера Ли", "vera@example.org", "yes"]]))
        assert report["counts"]["update"] == 2
        [row] = report["shared_with"]
        assert row["record_id"] == anna
        assert [h["fingerprint"] for h in row["shared_with"]] == [b.identity.fingerprint]
    finally:
        a.lock()
        b.lock()
    oleg = write_csv(tmp_path / "oleg.csv", [["name", "email", "inside_russia"],
                                             ["Олег Сидоров", "oleg@example.org", "yes"]])
    text = cli(tmp_path / "A", "import", str(oleg))
    assert text.code == 0, text.err
    assert "is now protected and was shared with: B." in text.out
    assert f"registry bundle export --notices-only --to {b.identity.fingerprint}" in text.out


def test_a_new_row_beside_a_protected_namesake_is_protected_until_reviewed(
        reg: Registry, csv_file: MakeCsv) -> None:
    """"Анна Смирнова, FR" with no identifier: not a strong match for the protected Anna,
    so a new record beside her in the review queue — at 'internal', it went into the next
    bundle with her name before anyone decided whether it is her. It is protected until
    reviewed (lowering it then is the official's confirmed act). Positive control: beside
    an unprotected namesake, the new record stays at 'internal'."""
    anna = reg.add(Kind.PERSON, ANNA).id
    boris = reg.add(Kind.PERSON, {"name": "Борис Орлов", "email": "boris@example.org"}).id
    report = run(reg, csv_file([["name", "country"], ["Анна Смирнова", "FR"],
                                ["Борис Орлов", "FR"]]))
    assert report["counts"]["review"] == 2
    by_line = {o["line"]: o for o in report["review"]}
    guarded, plain = by_line[2], by_line[3]
    assert reg.get(guarded["record_id"]).values["sensitivity"] == "protected"
    assert reg.is_protected(guarded["record_id"])
    assert importer.GUARDED_NOTE in guarded["reason"] and anna in guarded["reason"]
    assert reg.get(plain["record_id"]).values["sensitivity"] == "internal"
    assert importer.GUARDED_NOTE not in plain["reason"] and boris in plain["reason"]


SURVIVOR = {"name": "Анна Смирнова", "email": "anna@example.org", "phone": "+7 999 123-45-67",
            "gender": "female", "inside_russia": True}


@pytest.mark.parametrize("via", ["member", "survivor"])
def test_a_row_of_a_merged_record_does_not_overwrite_a_disagreeing_person(
        reg: Registry, csv_file: MakeCsv, via: str) -> None:
    """The row strongly matches the member (its name and e-mail), but its gender and phone
    disagree with the survivor's: redirected to the survivor without comparing them, it
    replaced her gender, phone and e-mail. The row is now reviewed beside her instead, as a
    row matching her directly with those identifiers is (the control)."""
    survivor = reg.add(Kind.PERSON, SURVIVOR).id
    member = reg.add(Kind.PERSON, {"name": "Анна Кузнецова", "email": "kuz@example.org"}).id
    reg.matching.decide(survivor, member, "same")
    name, email = (("Анна Кузнецова", "kuz@example.org") if via == "member"
                   else ("Анна Смирнова", "anna@example.org"))
    report = run(reg, csv_file([["name", "email", "phone", "gender", "notes"],
                                [name, email, "+49 170 5555555", "male", "x"]]))
    after = reg.get(survivor).values
    assert (after["gender"], after["phone"], after["email"]) == (
        "female", "+7 999 123-45-67", "anna@example.org")
    assert report["counts"]["update"] == 0 and report["counts"]["review"] == 1
    assert reg.is_protected(report["review"][0]["record_id"])  # beside her: guarded


@pytest.mark.parametrize("where", ["earlier row", "vault"])
def test_a_namesake_of_a_protected_earlier_row_is_protected_too(
        reg: Registry, csv_file: MakeCsv, where: str) -> None:
    """Line 2 flags Anna inside Russia, line 3 is her namesake with no identifier: it was
    guarded only beside a protected record already in the vault (the control), not beside
    a protected earlier row of the same file."""
    anna = ["Анна Смирнова", "anna@example.org", "yes", ""]
    rows = [["name", "email", "inside_russia", "country"], ["Анна Смирнова", "", "", "FR"]]
    if where == "vault":
        reg.add(Kind.PERSON, {"name": anna[0], "email": anna[1], "inside_russia": True})
    else:
        rows.insert(1, anna)
    report = run(reg, csv_file(rows))
    [row] = [o for o in report["review"] if o["line"] == len(rows)]
    assert reg.is_protected(row["record_id"]) and importer.GUARDED_NOTE in row["reason"]


@pytest.mark.parametrize("deleted", [True, False], ids=["survivor deleted", "survivor live"])
def test_a_namesake_of_a_protected_record_whose_person_is_gone_is_reviewed_and_protected(
        reg: Registry, csv_file: MakeCsv, deleted: bool) -> None:
    """Anna (inside Russia) was decided "same" as an older record, deleted later: her entry
    was dropped with its gone person, so a row with her name was a plain new record at
    'internal', neither reviewed nor guarded. Now she stands for herself."""
    other = reg.add(Kind.PERSON, {"name": "Анна Смирнова-Ли", "email": "other@example.org"}).id
    anna = reg.add(Kind.PERSON, {"name": "Анна Смирнова", "email": "anna@example.org",
                                 "inside_russia": True}).id
    reg.matching.decide(other, anna, "same")
    assert reg.get(anna).values["merged_into"] == other
    if deleted:
        reg.delete(other)
    report = run(reg, csv_file([["name", "country"], ["Анна Смирнова", "FR"]]))
    [made] = report["review"]
    assert reg.is_protected(made["record_id"]) and importer.GUARDED_NOTE in made["reason"]
    assert reg.get(anna).values.get("country") is None  # never updated


NAMESAKE = ["Анна Смирнова", "", "", "FR"]  # no identifier: beside her, for review
FLAG = ["Анна Смирнова", "anna@example.org", "yes", ""]  # a strong match by name and e-mail


@pytest.mark.parametrize("how", ["one file", "two files"])
def test_a_namesake_of_a_record_this_file_flags_is_protected(reg: Registry, csv_file: MakeCsv,
                                                             how: str) -> None:
    """Row 2 flags the vault's Anna inside Russia (a strong match), row 3 is her namesake:
    the guard asked the vault, which did not know yet, and row 3 was stored at 'internal'.
    Control: the same rows in two files."""
    head = ["name", "email", "inside_russia", "country"]
    anna = reg.add(Kind.PERSON, {"name": "Анна Смирнова", "email": "anna@example.org"}).id
    if how == "one file":
        report = run(reg, csv_file([head, FLAG, NAMESAKE]))
    else:
        run(reg, csv_file([head, FLAG]))
        report = run(reg, csv_file([head, NAMESAKE]))
    assert reg.is_protected(anna)
    [row] = report["review"]
    assert reg.is_protected(row["record_id"]) and importer.GUARDED_NOTE in row["reason"]


@pytest.mark.parametrize("order", ["namesake first", "flag first"])
def test_a_namesake_row_is_protected_whatever_the_row_order(reg: Registry, csv_file: MakeCsv,
                                                            order: str) -> None:
    """Two new rows of one person, one flagging her: the namesake row came out protected
    only when it came second."""
    head = ["name", "email", "inside_russia", "country"]
    rows = [head, NAMESAKE, FLAG] if order == "namesake first" else [head, FLAG, NAMESAKE]
    report = run(reg, csv_file(rows))
    made = [o["record_id"] for o in (*report["created"], *report["review"])]
    assert len(made) == 2 and all(reg.is_protected(i) for i in made)
