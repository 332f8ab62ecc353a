"""FtM export validated by the followthemoney library itself; CSV export round trips."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.interop.csv_export import export_csv
from registry.interop.ftm import export_ftm
from registry.interop.importer import SpreadsheetImport
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

ftm = pytest.importorskip("followthemoney")


@pytest.fixture
def world(reg: Registry) -> dict[str, str]:
    ids: dict[str, str] = {}

    def add(key: str, kind: Kind, values: dict[str, Any]) -> None:
        ids[key] = reg.add(kind, values).id

    add("anna", Kind.PERSON, {"name": "Анна Петрова", "name_latin": "Anna Petrova",
                              "aliases": ["A. P."], "gender": "female", "country": "DE",
                              "roles": ["journalist", "human_rights_defender"],
                              "email": "anna@example.org", "phone": "+49 170 1234567",
                              "notes": "=HYPERLINK(\"x\")", "region": "RU-SVE",
                              "ethnicity": "татарка"})
    add("oleg", Kind.PERSON, {"name": "Олег", "gender": "undisclosed", "country": "LV",
                              "sensitivity": "public"})
    add("inside", Kind.PERSON, {"name": "Пётр", "inside_russia": True, "region": "RU-TA"})
    add("secret", Kind.PERSON, {"name": "Confidential Person", "sensitivity": "confidential"})
    add("media", Kind.ORGANISATION, {"name": "Медиазона", "type": "media", "founded": 2014,
                                     "country": "LV", "host_countries": ["DE"],
                                     "website": "https://zona.media"})
    add("donor", Kind.ORGANISATION, {"name": "Fund", "type": "donor", "country": "SE"})
    for key, (a, b, kind) in {"t1": ("anna", "media", "works_for"),
                              "t2": ("oleg", "media", "leads"),
                              "t3": ("anna", "oleg", "family"),
                              "t4": ("anna", "oleg", "colleague"),
                              "t5": ("oleg", "media", "member_of"),
                              "t6": ("anna", "media", "founded"),
                              "t7": ("anna", "inside", "contact_inside"),
                              "t8": ("media", "donor", "partner_of")}.items():
        add(key, Kind.TIE, {"from_id": ids[a], "to_id": ids[b], "kind": kind,
                            "start": "2022-03-01", "role": "editor"})
    add("grant", Kind.SUPPORT, {"provider_id": ids["donor"], "recipient_id": ids["media"],
                                "kind": "grant", "amount": 50000, "currency": "EUR",
                                "start": "2023-01-01"})
    add("visa", Kind.SUPPORT, {"provider_id": ids["donor"], "recipient_id": ids["anna"],
                               "kind": "humanitarian_visa"})
    return ids


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def validate_with_ftm(entities: list[dict[str, Any]]) -> None:
    """Every entity: a real, non-abstract schema, known properties whose values survive the
    library's own cleaning, and entity references to entities of the right schema."""
    from followthemoney import model

    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        proxy = model.get_proxy(data, cleaned=False)
        cleaned = model.get_proxy(data, cleaned=True)
        for name, values in data["properties"].items():
            prop = schema.properties[name]
            assert cleaned.get(name), f"{data['schema']}.{name} rejected by FtM"
            assert len(cleaned.get(name)) == len(values), f"{data['schema']}.{name}"
            if prop.type.name == "entity":
                for ref in values:
                    assert model.get(by_id[ref]["schema"]).is_a(prop.range), (name, ref)
        assert proxy.id == data["id"] and data["id"].startswith("reg-")


def test_ftm_export_validates_and_maps_ties(reg: Registry, world: dict[str, str],
                                            tmp_path: Path) -> None:
    out = tmp_path / "out.ftm.json"
    counts = export_ftm(reg.store, out, ceiling=Sensitivity.INTERNAL)
    entities = read_lines(out)
    validate_with_ftm(entities)
    by_id = {e["id"]: e for e in entities}
    schema_of = {k: by_id[f"reg-{v}"]["schema"] for k, v in world.items() if f"reg-{v}" in by_id}
    assert schema_of == {"anna": "Person", "oleg": "Person", "media": "Organization",
                         "donor": "Organization", "t1": "Employment", "t2": "Directorship",
                         "t3": "Family", "t4": "Associate", "t5": "Membership",
                         "t6": "UnknownLink", "t8": "UnknownLink", "grant": "Payment"}
    assert counts["Person"] == 2 and oct(out.stat().st_mode & 0o777) == "0o600"
    anna = by_id[f"reg-{world['anna']}"]["properties"]
    assert "gender" not in anna and "email" not in anna and "ethnicity" not in anna
    assert anna["alias"] == ["Anna Petrova", "A. P."]
    media = by_id[f"reg-{world['media']}"]["properties"]
    assert media["incorporationDate"] == ["2014"] and media["country"] == ["lv", "de"]
    assert by_id[f"reg-{world['t1']}"]["properties"]["employee"] == [f"reg-{world['anna']}"]


def test_ftm_ceiling_and_protected_people(reg: Registry, world: dict[str, str],
                                          tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    export_ftm(reg.store, out, ceiling=Sensitivity.PUBLIC)
    assert {e["id"] for e in read_lines(out)} == {f"reg-{world['oleg']}"}
    export_ftm(reg.store, out, ceiling=Sensitivity.PROTECTED, include_protected=True)
    entities = read_lines(out)
    validate_with_ftm(entities)
    ids = {e["id"] for e in entities}
    assert {f"reg-{world[k]}" for k in ("inside", "secret", "t7")} <= ids
    anna = next(e for e in entities if e["id"] == f"reg-{world['anna']}")["properties"]
    assert anna["gender"] == ["female"] and anna["email"] == ["anna@example.org"]
    export_ftm(reg.store, out, ceiling=Sensitivity.PROTECTED)
    ids = {e["id"] for e in read_lines(out)}
    assert f"reg-{world['inside']}" not in ids and f"reg-{world['t7']}" not in ids
    assert f"reg-{world['secret']}" in ids


def test_ftm_ids_are_stable_and_deleted_records_left_out(reg: Registry, world: dict[str, str],
                                                         tmp_path: Path) -> None:
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    export_ftm(reg.store, first)
    reg.delete(world["oleg"])
    export_ftm(reg.store, second)
    ids1 = {e["id"] for e in read_lines(first)}
    ids2 = {e["id"] for e in read_lines(second)}
    gone = {f"reg-{world[k]}" for k in ("oleg", "t2", "t3", "t4", "t5")}
    assert ids2 == ids1 - gone


@pytest.mark.parametrize("kind", [Kind.PERSON, Kind.ORGANISATION])
def test_csv_export_reimports_losslessly(reg: Registry, world: dict[str, str], tmp_path: Path,
                                         kind: Kind) -> None:
    out = tmp_path / f"{kind.value}.csv"
    n = export_csv(reg.store, out, kind, ceiling=Sensitivity.PROTECTED, include_protected=True)
    assert n == (4 if kind is Kind.PERSON else 2)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8-sig") or kind is Kind.ORGANISATION
    digest = reg.digest()
    flow = SpreadsheetImport(reg, out)
    report = flow.run()
    assert report.count("unchanged") == n and reg.digest() == digest

    other = Registry.create(tmp_path / "other", PASSPHRASE, name="T", org="O",
                            country="SE", kdf=FAST_TEST_PARAMS)
    try:
        report = SpreadsheetImport(other, out).run()
        assert report.count("new") == n
        originals = {r.values["name"]: r.values for r in reg.store.iter_records(kind)}
        for record in other.store.iter_records(kind):
            assert record.values == originals[record.values["name"]]
    finally:
        other.lock()


@pytest.mark.parametrize("notes", ["plain note", "-- a formula-like note", "'quoted",
                                   "'-- asked not to be quoted", "''=1+1"],
                         ids=["control", "formula", "apostrophe", "apostrophe-dash",
                              "apostrophes-formula"])
def test_csv_export_of_an_apostrophe_before_a_formula_reimports_as_it_was(
        reg: Registry, tmp_path: Path, notes: str) -> None:
    """The importer takes off one apostrophe before a formula-like cell; the export puts one
    before a note that already starts with an apostrophe and a formula character, so the note
    comes back as written and the re-import is "unchanged"."""
    rec = reg.add(Kind.PERSON, {"name": "Анна Смирнова", "notes": notes})
    out = tmp_path / "people.csv"
    export_csv(reg.store, out, Kind.PERSON)
    with out.open(encoding="utf-8-sig", newline="") as f:
        cells = [c for r in csv.reader(f) for c in r]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)  # no formula left
    report = SpreadsheetImport(reg, out).run()
    assert report.count("unchanged") == 1
    assert reg.get(rec.id).values["notes"] == notes


def test_csv_export_leaves_out_fields_and_people(reg: Registry, world: dict[str, str],
                                                 tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    assert export_csv(reg.store, out, Kind.PERSON) == 2
    text = out.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert "gender" not in header and "email" not in header and "ethnicity" not in header
    assert "Пётр" not in text and "Confidential" not in text


@pytest.mark.parametrize("flag", [{"inside_russia": True}, {"sensitivity": "confidential"}],
                         ids=["inside", "confidential"])
def test_csv_export_carries_the_groups_protection_as_each_members_own(
        reg: Registry, tmp_path: Path, flag: dict[str, Any]) -> None:
    """Q and P decided "same" (P merged into Q), then P flagged (or raised to confidential):
    the CSV wrote Q with its own level (internal, no flag) and left P out as merged, so a
    vault importing the file held Q as an ordinary record and sent her, notes and all, in
    its default bundles (DESIGN §6.4.3: a group is one person for FtM/CSV exports too)."""
    q = reg.add(Kind.PERSON, {"name": "Ольга Тайная", "notes": "QNOTES Lenina 5"}).id
    p = reg.add(Kind.PERSON, {"name": "Ольга Тайнова"}).id
    reg.matching.decide(p, q, "same")
    survivor = q if reg.get(p).values.get("merged_into") == q else p
    reg.update(p if survivor == q else q, flag)
    out = tmp_path / "people.csv"
    ceiling = Sensitivity.PROTECTED if "inside_russia" in flag else Sensitivity.CONFIDENTIAL
    assert export_csv(reg.store, out, Kind.PERSON, ceiling=ceiling,
                      include_protected=True) == 1
    with out.open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["id"] == survivor
    if "inside_russia" in flag:
        assert (row["sensitivity"], row["inside_russia"]) == ("protected", "true")
    else:
        assert (row["sensitivity"], row["inside_russia"]) == ("confidential", "")

    other = Registry.create(tmp_path / "other", PASSPHRASE, name="T", org="O",
                            country="SE", kdf=FAST_TEST_PARAMS)
    try:
        SpreadsheetImport(other, out).run()
        (copy,) = [r.id for r in other.store.iter_records(Kind.PERSON)]
        assert other.protection_of(copy) is (
            Sensitivity.PROTECTED if "inside_russia" in flag else Sensitivity.CONFIDENTIAL)
        assert other.is_protected(copy) is ("inside_russia" in flag)
    finally:
        other.lock()
