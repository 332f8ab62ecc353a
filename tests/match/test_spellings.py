"""The hard classes of real spellings (soft-sign marks, scholarly and ISO letters, ligatures,
Polish and Czech orthography, passport order and case, patronymics, short forms): search
finds the Cyrillic record and duplicate detection pairs them, in both directions; every
``iuliia`` schema spells words that search finds."""

from __future__ import annotations

import unicodedata

import pytest

from registry.match.duplicates import DEFAULT_THRESHOLD, find_duplicates
from registry.match.names import NameRecord, compare, query_score
from registry.match.translit import index_terms, query_terms, query_words
from tests.match.evalset import (
    FATHERS,
    FEMALE,
    MALE,
    SURNAMES,
    feminine,
    iuliia_schemas,
    patronymic,
    render,
)


def finds(query: str, text: str) -> bool:
    """FTS5 as the store runs it: for every word, one of its keys prefixes an index term."""
    index = index_terms(text)
    words = query_words(query)
    return bool(words) and all(any(t.startswith(q) for q in alternatives for t in index)
                               for alternatives in words)


def person(rid: str, name: str, **extra: str) -> NameRecord:
    return NameRecord(rid, "person", name, extra=extra)


SPELLINGS = [
    # soft and hard sign marks
    ("Юлия Навальная", "Yulia Naval'naya"), ("Ольга Петрова", "Ol’ga Petrova"),
    ("Илья Яшин", "Il'ya Yashin"), ("Илья Яшин", "Ilʹya Yashin"),
    ("Наталья Подъячева", 'Natal`ya Pod"yacheva'), ("Наталья Подъячева", "Natal'ya Pod''yacheva"),
    # scholarly and ISO letters, ligatures
    ("Андрей Жданов", "Andrej Ždanov"), ("Надежда Толоконникова", "Nadežda Tolokonnikova"),
    ("Жанна Агалакова", "Žanna Agalakova"), ("Ирина Щербакова", "Irina Ŝerbakova"),
    ("Андрей Сахаров", "Andreĭ Sakharov"), ("Алла Пугачёва", "Alla Pugačëva"),
    ("Юлия Навальная", "I͡ulii͡a Naval'nai͡a"), ("Зоя Светова", "Zoja Svetova"),
    # Polish, Czech and other national orthographies
    ("Евгения Чирикова", "Jewgienija Czirikowa"), ("Ирина Щербакова", "Irina Szczerbakowa"),
    ("Алла Пугачёва", "Ałła Pugaczowa"), ("Дмитрий Волков", "Dmitrij Wołkow"),
    ("Жанна Немцова", "Żanna Niemcowa"), ("Ирина Щербакова", "Irina Ščerbakova"),
    ("Михаил Ходорковский", "Michail Chodorkovskij"),
    ("Михаил Ходорковский", "Mihail Hodorkovskii"),
    ("Наталья Зайцева", "Natalia Zaitceva"), ("Ирина Щербакова", "Irina Scerbakova"),
    # order and case
    ("Михаил Ходорковский", "KHODORKOVSKII MIKHAIL"),
    ("Михаил Ходорковский", "KHODORKOVSKY, Mikhail"),
    ("Михаил Борисович Ходорковский", "Mikhail Khodorkovsky"),
    ("Михаил Ходорковский", "Khodorkovsky Mikhail Borisovich"),
    ("Таисия Логинова-Ляскович", "Loginova-Lâskovič Taisiâ Viktorovna"),
]


def test_a_patronymic_is_left_out_of_the_query_not_a_family_name_like_one() -> None:
    assert query_terms("Ivan Petrovich Lyaskovich") == query_terms("Ivan Lyaskovich")
    assert query_terms("Lyaskovich, Ivan Petrovich") == query_terms("Lyaskovich Ivan")
    assert query_terms("Loginova-Laskovich Taisia Viktorovna") == query_terms(
        "Loginova-Laskovich Taisia")
    assert query_terms("Ivan Lyaskovich") != query_terms("Ivan")


@pytest.mark.parametrize(("cyrillic", "latin"), SPELLINGS)
def test_search_finds_the_other_script_both_ways(cyrillic: str, latin: str) -> None:
    assert finds(latin, cyrillic)
    assert finds(cyrillic, latin)
    decomposed = unicodedata.normalize("NFD", latin)  # as some sources send ž: z + caron
    assert finds(decomposed, cyrillic)


@pytest.mark.parametrize(("cyrillic", "latin"), SPELLINGS)
def test_duplicate_detection_pairs_them(cyrillic: str, latin: str) -> None:
    found = find_duplicates([person("a", cyrillic), person("b", latin)])
    assert [(c.a_id, c.b_id) for c in found] == [("a", "b")], compare(
        person("a", cyrillic), person("b", latin))


@pytest.mark.parametrize(("full", "short"), [
    ("Мария Алёхина", "Masha Alyokhina"), ("Надежда Толоконникова", "Nadya Tolokonnikova"),
    ("Александр Черкасов", "Sasha Cherkasov"), ("Александра Черкасова", "Sasha Cherkasova"),
    ("Алексей Навальный", "Alyosha Navalny"), ("Лев Пономарёв", "Lyova Ponomaryov"),
])
def test_a_short_form_is_a_weaker_match_with_its_reason(full: str, short: str) -> None:
    m = compare(person("a", full), person("b", short))
    same = compare(person("a", full), person("b", full))
    assert DEFAULT_THRESHOLD <= m.score < same.score
    assert any(r.code == "short_form" for r in m.evidence)  # type: ignore[attr-defined]
    assert any("short form" in line for line in m.evidence)
    assert finds(short, full)
    assert query_score(short, full) > query_score(short, "Марина " + full.split()[1])


def test_a_short_form_of_several_names_is_weak() -> None:
    m = compare(person("a", "Вячеслав Миронов"), person("b", "Slava Mironov"))
    assert 0 < m.score < DEFAULT_THRESHOLD
    assert any("other names" in line for line in m.evidence)


@pytest.mark.parametrize(("x", "y"), [
    ("Яна Белова", "Anna Belova"), ("Iana Belova", "Анна Белова"),
    ("Xenia Kiseleva", "Жанна Киселёва"), ("Жанна Киселёва", "Ksenia Kiseleva"),
    ("Jakowlewa Jana Timurowna", "Zhanna Yakovleva"),  # German j is й
])
def test_names_that_sound_alike_but_start_with_other_letters_are_two_people(x: str,
                                                                           y: str) -> None:
    assert compare(person("a", x), person("b", y)).score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(("x", "y"), [("Ірина Щербакова", "Irina Szczerbakowa"),
                                     ("Євгенія Чирикова", "Yevgenia Chirikova")])
def test_ukrainian_letters_meet_their_romanisations(x: str, y: str) -> None:
    assert compare(person("a", x), person("b", y)).score >= 0.9


def test_a_french_j_is_still_zh() -> None:
    assert compare(person("a", "Janna Agalakova"), person("b", "Жанна Агалакова")).score >= 0.9
    assert compare(person("a", "Jakowlewa Jana"), person("b", "Яна Яковлева")).score >= 0.9


def test_sisters_with_a_double_family_name_and_one_father_are_two_people() -> None:
    m = compare(person("a", "Дарья Сергеевна Лебединская-Цветкова"),
                person("b", "Lebedinskaya-Tsvetkova Maria Sergeyevna"))
    assert m.score < DEFAULT_THRESHOLD


WORDS = sorted({w for n in (*MALE, *FEMALE, *SURNAMES, *map(feminine, SURNAMES),
                            *(patronymic(f, x) for f in FATHERS for x in (False, True)))
                for w in n.split("-")})


@pytest.mark.parametrize("schema", sorted(iuliia_schemas()))
def test_every_iuliia_schema_finds_the_cyrillic(schema: str) -> None:
    missed = [w for w in WORDS if not finds(render(w, schema), w)]
    assert missed == []


def test_a_short_form_meets_its_name_below_the_related_threshold_too() -> None:
    records = [person("a", "Мария Алёхина"), person("b", "Masha Alyokhina")]
    assert [(c.a_id, c.b_id) for c in find_duplicates(records, min_score=0.5)] == [("a", "b")]


def test_a_query_of_three_names_without_a_patronymic_keeps_them_all() -> None:
    assert len(query_terms("Ivan Petrov Sidorov")) == 3
