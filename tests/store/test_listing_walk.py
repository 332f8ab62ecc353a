"""The head of a dense search walks the list's order: same ids, same order as sorting.

A short prefix ("al", "iv") matches a large share of the vault; its first rows are read by
walking the list's ``*_live`` index and testing each id against the matches, instead of
sorting every match (``registry.store.listing``). These tests force either plan on the same
vault (``dense=1`` walks every search, a huge ``dense`` never does) and require the same
answer from both, for every kind, order and direction.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.match import translit
from registry.service import Registry
from registry.store.listing import SPECS, Listing, ListQuery
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

FIRST = ["Алла", "Александра", "Алексей", "Иван", "Ивана", "Ирина", "Пётр", "Ольга",
         "Alla", "Aleksandr", "Ivan", "Ivona", "Peter", "Olga", "Boris"]
LAST = ["Иванова", "Иванов", "Алексеева", "Петрова", "Смирнова", "Ivanova", "Alieva",
        "Petrov", "Smirnov", "Kuznetsova", "Морозов"]
QUERIES = ["al", "iv", "ал", "ив", "pet", "al iv", "смир", "ivanova", "zz"]


@pytest.fixture(scope="module")
def reg(tmp_path_factory: pytest.TempPathFactory):
    root: Path = tmp_path_factory.mktemp("walk") / "vault"
    r = Registry.create(root, PASSPHRASE, name="T", org="O", country="SE",
                        kdf=FAST_TEST_PARAMS)
    rng = random.Random(13)
    people = []
    for n in range(90):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if n % 7 == 0:  # names that sort the same but for case
            name = name.upper()
        people.append(r.add(Kind.PERSON, {"name": name}).id)
    orgs = [r.add(Kind.ORGANISATION, {"name": f"{rng.choice(LAST)} fund {n}",
                                      "type": "donor"}).id for n in range(12)]
    for _ in range(40):
        r.add(Kind.TIE, {"from_id": rng.choice(people), "to_id": rng.choice(orgs),
                         "kind": "works_for"})
    for n in range(10):
        r.add(Kind.SUPPORT, {"provider_id": rng.choice(orgs), "recipient_id": rng.choice(people),
                             "kind": "grant", "status": "active"})
        r.add(Kind.EVENT, {"title": f"{rng.choice(LAST)} forum", "start": f"2025-0{n % 9 + 1}-01"})
    for gone in people[:6]:  # deleted records never show, whichever the plan
        r.delete(gone)
    yield r
    r.lock()


def _listing(reg: Registry, dense: int) -> Listing:
    return Listing(reg._conn, translit.query_words, dense=dense)


@pytest.mark.parametrize("kind", list(SPECS))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("text", QUERIES)
def test_walked_head_equals_sorted_head(reg, kind, descending, text):
    walking, sorting = _listing(reg, dense=1), _listing(reg, dense=10**9)
    query = ListQuery(kind, descending=descending, text=text)
    full = sorting.ids(query)
    assert walking.ids(query) == full  # the full array never walks
    for limit in (1, 3, 10, len(full), len(full) + 5):
        assert walking.ids(query, limit=limit) == full[:limit]
        assert sorting.ids(query, limit=limit) == full[:limit]


def test_dense_searches_walk_and_others_sort(reg):
    walking = _listing(reg, dense=1)
    assert walking.walks(ListQuery(Kind.PERSON, text="al"))
    assert walking.walks(ListQuery(Kind.TIE, text="iv", descending=True))
    assert not walking.walks(ListQuery(Kind.PERSON))  # no search: the plain list
    assert not walking.walks(ListQuery(Kind.PERSON, text="zzzzqq"))  # nothing matches
    assert not walking.walks(ListQuery(Kind.PERSON, text="al", sort="region"))  # no such index
    assert not walking.walks(ListQuery(Kind.PERSON, text="al", filters={"region": "RU-MOW"}))
    matches = len(_listing(reg, dense=10**9).ids(ListQuery(Kind.PERSON, text="al")))
    assert matches > 1
    # counted across kinds, so a threshold at the person matches alone is met
    assert _listing(reg, dense=matches).walks(ListQuery(Kind.PERSON, text="al"))
    assert not _listing(reg, dense=10**9).walks(ListQuery(Kind.PERSON, text="al"))


def _plans(reg: Registry, listing: Listing, query: ListQuery, limit: int | None) -> list[str]:
    """The query plan of each list query the listing ran (the trace has its values bound)."""
    statements: list[str] = []
    reg._conn.set_trace_callback(statements.append)
    try:
        listing.ids(query, limit=limit)
    finally:
        reg._conn.set_trace_callback(None)
    return [" / ".join(str(r[3]) for r in reg._conn.execute("EXPLAIN QUERY PLAN " + sql))
            for sql in statements if sql.startswith("SELECT t.id ")]


@pytest.mark.parametrize("kind", list(SPECS))
def test_walked_head_reads_the_live_index_in_order(reg, kind):
    """The walk is the plan SQLite runs: the list's ordered index, no sort of the matches."""
    table = SPECS[kind].table
    (plan,) = _plans(reg, _listing(reg, dense=1), ListQuery(kind, text="al"), 50)
    assert f"SCAN t USING INDEX {table}_live" in plan
    assert "TEMP B-TREE" not in plan
    (plan,) = _plans(reg, _listing(reg, dense=10**9), ListQuery(kind, text="al"), 50)
    assert f"SCAN t USING INDEX {table}_live" not in plan
