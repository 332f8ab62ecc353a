"""Search as the user types: a short prefix finds the names it begins (DESIGN §7).

The search index files words by their consonant skeletons, so ``моро`` (``mr``) is also a
whole-word match for every Мария and a prefix of Мурманск or «мирный» in a note; only a
bounded number of candidates is ranked. The people whose names begin with the prefix must
still come first.
"""

from __future__ import annotations

import pytest

from registry.domain.enums import Kind
from registry.service import Registry

GIVEN = ["Мария", "Марина", "Мирон", "Мира"]
FAMILY = ["Зуева", "Лапина", "Зимина", "Юдина", "Бурова", "Гусева"]


@pytest.fixture
def crowded(reg: Registry) -> dict[str, str]:
    """Many records that share the consonants of ``моро`` and ``мо`` (names, places, notes),
    entered before the three Морозовы and Моисеева, so they come first in the index."""
    for i in range(160):
        reg.add(Kind.PERSON, {"name": f"{GIVEN[i % 4]} {FAMILY[i % 6]}",
                              "city": "Мурманск" if i % 2 else "Мирный",
                              "notes": "Мероприятие в Мариуполе, мировой суд"})
    people = {
        "Сергей Морозов": reg.add(Kind.PERSON, {"name": "Сергей Морозов"}).id,
        "Анна Морозова": reg.add(Kind.PERSON, {"name": "Анна Морозова",
                                               "name_latin": "Anna Morozova"}).id,
        "Ivan Morozov": reg.add(Kind.PERSON, {"name": "Ivan Morozov"}).id,
        "Ольга Моисеева": reg.add(Kind.PERSON, {"name": "Ольга Моисеева"}).id,
    }
    return people


@pytest.mark.parametrize("query", ["моро", "Моро", "moro", "MORO", "мороз", "Moroz"])
def test_a_short_prefix_finds_the_names_it_begins_first(
        reg: Registry, crowded: dict[str, str], query: str) -> None:
    top = [h.id for h in reg.search(query, 20)[:3]]
    morozovs = {crowded[n] for n in ("Сергей Морозов", "Анна Морозова", "Ivan Morozov")}
    assert set(top) == morozovs


@pytest.mark.parametrize("query", ["мо", "mo", "Мои", "Moi"])
def test_two_and_three_letters_find_the_names_they_begin(
        reg: Registry, crowded: dict[str, str], query: str) -> None:
    top = [h.name for h in reg.search(query, 20)[:4]]
    assert "Ольга Моисеева" in top
    assert not any(n.startswith(("Мария", "Марина", "Мира")) for n in top)


def test_full_names_still_rank_the_person_first(reg: Registry, crowded: dict[str, str]) -> None:
    for query in ("Anna Morozova", "Морозова Анна", "Anna Morosowa", "Ольга Моисеева"):
        best = reg.search(query, 20)[0].name
        assert best in ("Анна Морозова", "Ольга Моисеева"), query
    assert reg.search("Мария Зуева", 20)[0].name == "Мария Зуева"
    del crowded


def test_a_renamed_or_deleted_person_leaves_the_name_index(
        reg: Registry, crowded: dict[str, str]) -> None:
    sergey, olga = crowded["Сергей Морозов"], crowded["Ольга Моисеева"]
    reg.update(sergey, {"name": "Сергей Кузнецов"})
    reg.delete(olga)
    assert sergey not in [h.id for h in reg.search("моро", 20)[:3]]
    assert sergey == reg.search("кузн", 20)[0].id
    assert olga not in [h.id for h in reg.search("мои", 20)]
