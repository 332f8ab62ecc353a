"""Listing queries: SQL-side sort, filters, search in both scripts, id-array paging."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.service import Registry
from registry.store.listing import BLOCK_MAX, SPECS, Listing, ListQuery
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE


@pytest.fixture(scope="module")
def reg(tmp_path_factory: pytest.TempPathFactory):
    root: Path = tmp_path_factory.mktemp("listing") / "vault"
    r = Registry.create(root, PASSPHRASE, name="T", org="O", country="SE",
                        kdf=FAST_TEST_PARAMS)
    org = r.add(Kind.ORGANISATION, {"name": "Мемориал", "name_latin": "Memorial",
                                    "type": "human_rights", "country": "DE",
                                    "regions_covered": ["RU-MOW"]})
    donor = r.add(Kind.ORGANISATION, {"name": "Fund", "type": "donor", "country": "SE"})
    people = [
        ("Анна Иванова", "journalist", "RU-MOW", "LV", False),
        ("Борис Петров", "activist", "RU-SPE", None, True),
        ("вера смирнова", "researcher", "RU-MOW", "DE", False),
        ("Dmitri Navalny", "politician", "RU-KDA", "DE", False),
    ]
    ids = {}
    for name, role, region, country, inside in people:
        values = {"name": name, "roles": [role], "region": region, "inside_russia": inside}
        if country:
            values["country"] = country
        ids[name] = r.add(Kind.PERSON, values).id
    r.add(Kind.TIE, {"from_id": ids["Анна Иванова"], "to_id": org.id, "kind": "works_for"})
    r.add(Kind.TIE, {"from_id": ids["Борис Петров"], "to_id": org.id, "kind": "member_of"})
    r.add(Kind.SUPPORT, {"provider_id": donor.id, "recipient_id": org.id, "kind": "grant",
                         "status": "active", "end": "2027-01-01"})
    gone = r.add(Kind.PERSON, {"name": "Deleted Person"})
    r.delete(gone.id)
    yield r
    r.lock()


@pytest.fixture(scope="module")
def listing(reg: Registry) -> Listing:
    from registry.match import translit

    return Listing(reg._conn, translit.query_words)


def names(listing: Listing, query: ListQuery) -> list[str]:
    ids = listing.ids(query)
    rows = listing.rows(query.kind, ids)
    return [rows[i][0] for i in ids]


def test_people_sorted_by_name_case_insensitively_without_deleted(listing):
    assert names(listing, ListQuery(Kind.PERSON)) == [
        "Dmitri Navalny", "Анна Иванова", "Борис Петров", "вера смирнова"]
    assert names(listing, ListQuery(Kind.PERSON, descending=True))[0] == "вера смирнова"


def test_sort_by_other_column(listing):
    got = names(listing, ListQuery(Kind.PERSON, sort="region"))
    assert got[0] == "Dmitri Navalny"  # RU-KDA < RU-MOW < RU-SPE


def test_unknown_sort_falls_back_to_default(listing):
    assert names(listing, ListQuery(Kind.PERSON, sort="nonsense; DROP TABLE person")) == \
        names(listing, ListQuery(Kind.PERSON))


@pytest.mark.parametrize(("filters", "expected"), [
    ({"role": "journalist"}, ["Анна Иванова"]),
    ({"region": "RU-MOW"}, ["Анна Иванова", "вера смирнова"]),
    ({"country": "DE"}, ["Dmitri Navalny", "вера смирнова"]),
    ({"inside_russia": True}, ["Борис Петров"]),
    ({"sensitivity": "protected"}, ["Борис Петров"]),
    ({"region": "RU-MOW", "role": "researcher"}, ["вера смирнова"]),
    ({"role": "jour%"}, []),  # LIKE wildcards in a value are literal
    ({"country": ""}, ["Dmitri Navalny", "Анна Иванова", "Борис Петров", "вера смирнова"]),
])
def test_person_filters(listing, filters, expected):
    assert names(listing, ListQuery(Kind.PERSON, filters=filters)) == expected


def test_unknown_filter_is_refused(listing):
    with pytest.raises(KeyError):
        listing.ids(ListQuery(Kind.PERSON, filters={"name = name OR 1": "x"}))


@pytest.mark.parametrize("text", ["ivanova", "Иванова", "iwanowa", "ivan", "анна ива"])
def test_search_across_scripts(listing, text):
    assert names(listing, ListQuery(Kind.PERSON, text=text)) == ["Анна Иванова"]


def test_search_latin_record_from_cyrillic_query(listing):
    assert names(listing, ListQuery(Kind.PERSON, text="Навальный")) == ["Dmitri Navalny"]


def test_search_combines_with_filters(listing):
    q = ListQuery(Kind.PERSON, text="smirnova", filters={"country": "LV"})
    assert listing.ids(q) == []


def test_ties_search_their_actors_and_show_names(listing):
    rows = names(listing, ListQuery(Kind.TIE, text="petrov"))
    assert rows == ["Борис Петров"]
    ids = listing.ids(ListQuery(Kind.TIE))
    assert {listing.rows(Kind.TIE, ids)[i][2] for i in ids} == {"Мемориал"}
    assert len(listing.ids(ListQuery(Kind.TIE, filters={"tie_kind": "works_for"}))) == 1


def test_organisation_region_filter_and_values(listing):
    got = names(listing, ListQuery(Kind.ORGANISATION, filters={"region": "RU-MOW"}))
    assert got == ["Мемориал"]
    assert listing.values(Kind.ORGANISATION, "country") == ["DE", "SE"]
    assert listing.values(Kind.PERSON, "country") == ["DE", "LV"]


def test_support_list(listing):
    ids = listing.ids(ListQuery(Kind.SUPPORT, filters={"status": "active"}))
    row = listing.rows(Kind.SUPPORT, ids)[ids[0]]
    assert row[:4] == ("Fund", "Мемориал", "grant", "active")


def test_head_is_prefix_of_full_array(listing):
    for kind in SPECS:
        full = listing.ids(ListQuery(kind))
        assert listing.ids(ListQuery(kind), limit=2) == full[:2]
        assert listing.count(ListQuery(kind)) == len(full)


def test_decoded_values(listing):
    ids = listing.ids(ListQuery(Kind.PERSON, filters={"inside_russia": True}))
    row = listing.rows(Kind.PERSON, ids)[ids[0]]
    assert row[2] == ["activist"] and row[5] is True and row[6] == "protected"


def test_rows_bounds(listing):
    assert listing.rows(Kind.PERSON, []) == {}
    assert listing.rows(Kind.PERSON, ["no-such-id"]) == {}
    with pytest.raises(ValueError, match="too many"):
        listing.rows(Kind.PERSON, ["x"] * (BLOCK_MAX + 1))
    with pytest.raises(ValueError, match="plain"):
        listing.values(Kind.PERSON, "roles")


def test_every_spec_runs_every_sort_and_filter(listing):
    for kind, spec in SPECS.items():
        for column in spec.columns:
            listing.ids(ListQuery(kind, sort=column.key, descending=True))
        for flt in spec.filters:
            value = {"bool": True, "sensitivity": "public"}.get(flt.bind, "x")
            listing.ids(ListQuery(kind, filters={flt.key: value}, text="a b"))


def test_a_same_group_member_is_listed_and_found_at_the_rules_level(tmp_path: Path) -> None:
    """Pyotr is decided "same" as Petr, then flagged inside Russia: Petr's own columns stay
    internal, but the rule holds him protected — and so do the list's row, its level and
    flag filters, and a search hit (DESIGN §6.4.3: every view asks the one rule). A person
    in no group is the control."""
    from registry.match.review import decide

    r = Registry.create(tmp_path / "v", PASSPHRASE, name="T", org="O", country="SE",
                        kdf=FAST_TEST_PARAMS)
    try:
        p = r.add(Kind.PERSON, {"name": "Пётр Орлов", "name_latin": "Petr Orlov"}).id
        q = r.add(Kind.PERSON, {"name": "Petr Orlov", "notes": "Warsaw"}).id
        alone = r.add(Kind.PERSON, {"name": "Olga Orlova"}).id
        org = r.add(Kind.ORGANISATION, {"name": "Fund", "type": "ngo"}).id
        to_q = r.add(Kind.TIE, {"from_id": q, "to_id": org, "kind": "member_of"}).id
        to_alone = r.add(Kind.TIE, {"from_id": alone, "to_id": org, "kind": "member_of"}).id
        decide(r, p, q, "same")
        r.update(p, {"inside_russia": True})
        assert r.get(q).sensitivity.label == "internal"  # its own column
        keys = [c.key for c in SPECS[Kind.PERSON].columns]
        rows = {i: dict(zip(keys, row, strict=True))
                for i, row in r.listing.rows(Kind.PERSON, [p, q, alone]).items()}
        assert (rows[q]["sensitivity"], rows[q]["inside_russia"]) == ("protected", True)
        assert (rows[alone]["sensitivity"], rows[alone]["inside_russia"]) == ("internal", False)

        def listed(**filters: object) -> set[str]:
            return set(r.listing.ids(ListQuery(Kind.PERSON, filters=filters)))

        assert listed(sensitivity="protected") == {p, q}
        assert q not in listed(sensitivity="internal") and alone in listed(sensitivity="internal")
        assert listed(inside_russia=True) == {p, q}
        assert r.listing.count(ListQuery(Kind.PERSON, filters={"sensitivity": "protected"})) == 2
        hits = {h.id: h.sensitivity for h in r.search("Orlov")}
        assert hits[q] == "protected" and hits[alone] == "internal"
        # a tie made to him before is protected by the rule too (one to Olga: the control)
        assert r.get(to_q).sensitivity.label == "internal"  # its own column
        ties = SPECS[Kind.TIE].columns
        shown = {i: dict(zip([c.key for c in ties], row, strict=True))["sensitivity"]
                 for i, row in r.listing.rows(Kind.TIE, [to_q, to_alone]).items()}
        assert shown == {to_q: "protected", to_alone: "internal"}
        by_level = {level: set(r.listing.ids(ListQuery(Kind.TIE, filters={"sensitivity": level})))
                    for level in ("protected", "internal")}
        assert by_level == {"protected": {to_q}, "internal": {to_alone}}
    finally:
        r.lock()
