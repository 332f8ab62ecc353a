"""Pairwise comparison: properties, organisations, gender forms, initials, ranking."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.match.duplicates import DEFAULT_THRESHOLD, find_duplicates
from registry.match.letters import compatible, first_letters
from registry.match.names import NameRecord, compare, query_score


def person(rid: str, name: str, **extra: str) -> NameRecord:
    return NameRecord(rid, "person", name, extra=extra)


def org(rid: str, name: str) -> NameRecord:
    return NameRecord(rid, "organisation", name)


NAME = st.text(
    alphabet=st.sampled_from("abcdeijkostvyz" "авеиклнорсюя" "ABCIJKYЮЯ" " -.,'’«»"), max_size=30
)


@settings(max_examples=300)
@given(NAME, NAME)
def test_compare_is_symmetric_and_bounded(x: str, y: str) -> None:
    a, b = person("a", x), person("b", y)
    ab, ba = compare(a, b), compare(b, a)
    assert ab.score == ba.score
    assert 0.0 <= ab.score <= 1.0


@given(NAME)
def test_a_name_against_itself_scores_one(x: str) -> None:
    full = re.findall(r"[^\W\d_]{3,}", x)
    a = person("a", " ".join(full) or "Ivan Petrov")
    assert compare(a, person("b", a.name)).score == 1.0


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("Навальная Юлия Борисовна", "Yulia Navalnaya"),
        ("Юлия Навальная", "NAWALNAJA Julija"),
        ("Михаил Ходорковский", "Khodorkovsky, Mikhail"),
        ("Михаил Ходорковский", "Chodorkowski Michail"),
        ("Мария Алёхина", "Maria Alyokhina"),
        ("Владимир Кара-Мурза", "Vladimir Kara Murza"),
        ("Жанна Немцова", "Janna Nemtsova"),
        ("Ольга Романова", "Olha Romanova"),
        ("Николай Иванов", "Nicolai Ivanov"),
    ],
)
def test_spellings_of_one_person_are_duplicates(x: str, y: str) -> None:
    assert compare(person("a", x), person("b", y)).score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("Алексей Навальный", "Yulia Navalnaya"),
        ("Навальный Алексей", "Навальная Алексия"),
        ("Evgeny Smirnov", "Evgenia Smirnova"),
        ("Смирнов Иван Петрович", "Смирнова Ивана Петровна"),
    ],
)
def test_gender_forms_are_related_but_below_threshold(x: str, y: str) -> None:
    m = compare(person("a", x), person("b", y))
    assert 0 < m.score < DEFAULT_THRESHOLD
    if "Smirnov" in x:
        assert any("gender" in line for line in m.evidence)


def test_navalny_and_navalnaya_are_related_not_same() -> None:
    m = compare(person("a", "Alexei Navalny"), person("b", "Alexei Navalnaya"))
    assert 0.3 <= m.score <= 0.6
    assert any("differ by gender" in line for line in m.evidence)


def test_an_initial_alone_does_not_carry_a_pair() -> None:
    full, short = person("a", "Tamara Voronina"), person("b", "T. Voronina")
    assert compare(full, short).score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "extra",
    [{"birth_year": "1980"}, {"country": "DE", "region": "RU-MOW", "city": "Berlin"}],
)
def test_an_initial_with_other_evidence_does(extra: dict[str, str]) -> None:
    full = person("a", "Tamara Voronina", **extra)
    short = person("b", "T. Voronina", **extra)
    assert compare(full, short).score >= DEFAULT_THRESHOLD


def test_initials_with_the_patronymic_carry_a_pair() -> None:
    m = compare(person("a", "Воронина Тамара Леонидовна"), person("b", "Voronina T.L."))
    assert m.score >= DEFAULT_THRESHOLD
    assert any("patronymic" in line for line in m.evidence)


def test_contradicting_fields_lower_a_full_match() -> None:
    a = person("a", "Иван Жданов", birth_year="1980", gender="male")
    b = person("b", "Ivan Zhdanov", birth_year="1996", gender="male")
    assert compare(a, b).score < DEFAULT_THRESHOLD


def test_an_initial_unambiguous_in_the_registry_counts_as_support() -> None:
    records = [person("a", "Tamara Voronina"), person("b", "T. Voronina"),
               person("c", "Ivan Petrov")]
    assert [(c.a_id, c.b_id) for c in find_duplicates(records)] == [("a", "b")]
    records.append(person("d", "Tatiana Voronina"))
    assert find_duplicates(records) == []
    assert [(c.a_id, c.b_id) for c in find_duplicates(records[:3], context=False)] == []


def test_an_initial_is_read_by_the_letters_it_can_stand_for() -> None:
    # I. may be Iulia (ICAO Юлия) but never Uliana (Ульяна): the only I-name is Irina.
    records = [person("a", "Irina Zaitseva"), person("b", "Zaitseva I."),
               person("c", "Ulyana Zaitseva")]
    assert [(c.a_id, c.b_id) for c in find_duplicates(records)] == [("a", "b")]
    m = compare(person("a", "I. Tkachuk"), person("b", "Aleksey Tkachuk"))
    assert not m.initial
    assert m.score < 0.5


def test_two_initials_meet_through_the_one_name_they_stand_for() -> None:
    records = [person("a", "Kira Petrova"), person("b", "K. Petrova"), person("c", "Petrova K.")]
    pairs = {(c.a_id, c.b_id) for c in find_duplicates(records)}
    assert pairs == {("a", "b"), ("a", "c"), ("b", "c")}


def test_place_tells_apart_namesakes_but_not_a_household() -> None:
    berlin = {"country": "DE", "city": "Berlin", "region": "RU-MOW"}
    tbilisi = {"country": "GE", "city": "Tbilisi", "region": "RU-SPE"}
    records = [person("a", "Anna Orlova", **berlin), person("b", "Aleksandra Orlova", **tbilisi),
               person("c", "A. Orlova", country="DE")]
    found = find_duplicates(records)
    assert [(c.a_id, c.b_id) for c in found] == [("a", "c")]
    assert any("agree with it on place" in line for line in found[0].evidence)
    # Two relatives at one address: the initial stays ambiguous and nothing is proposed.
    records[1] = person("b", "Aleksandra Orlova", **berlin)
    assert find_duplicates(records) == []


def test_a_strong_contradiction_is_not_told_apart_by_place() -> None:
    records = [person("a", "Anna Orlova", country="DE", gender="female"),
               person("b", "Aleksandra Orlova", country="GE"),
               person("c", "A. Orlova", country="DE", gender="male")]
    assert find_duplicates(records) == []


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("АНО «Свободные медиа»", "Svobodnye Media"),
        ("Фонд «Свободная Россия»", "Free Russia Foundation"),
        ('Stiftung "Nowaja Gaseta Europa" e.V.', "Новая газета Европа"),
        ("Мемориал", "Memorial e.V."),
    ],
)
def test_organisation_type_words_and_quotes_are_ignored(x: str, y: str) -> None:
    score = compare(org("a", x), org("b", y)).score
    if "Free" in y:  # a translation, not a transliteration: not claimed
        assert score < DEFAULT_THRESHOLD
    else:
        assert score >= DEFAULT_THRESHOLD


def test_persons_and_organisations_never_match() -> None:
    assert compare(person("a", "Мемориал"), org("b", "Мемориал")).score == 0.0


def test_query_score_ranks_exact_and_same_gender_form_first() -> None:
    assert query_score("Smirnova", "Smirnova Anna") > query_score("Smirnova", "Смирнова Анна")
    assert query_score("Smirnova", "Смирнова Анна") > query_score("Smirnova", "Smirnov Ivan")
    assert query_score("Smirnova", "Smirnov Ivan") > query_score("Smir", "Smirnov Ivan") > 0
    assert query_score("Smirnova", "Petrov Ivan") == 0.0
    assert query_score("Nawalnaja", "Навальная Юлия") == 0.9


@given(st.text(max_size=20), st.text(max_size=40))
def test_query_score_is_bounded(q: str, name: str) -> None:
    assert 0.0 <= query_score(q, name) <= 1.0


@pytest.mark.parametrize(
    ("initial", "name", "meets"),
    [
        ("I", "Iuliia", True), ("I", "Ioulia", True), ("Û", "Ûliâ", True), ("J", "Julija", True),
        ("I", "Uliana", False), ("J", "Artjom", False), ("Y", "Yekaterina", True),
        ("E", "Jelena", True), ("Z", "Zhanna", True), ("J", "Janna", True), ("S", "Soja", True),
        ("S", "Schulman", True), ("K", "Khodorkovsky", True), ("Ю", "Yulia", True),
        ("Ю", "Ulyana", False), ("Т", "Tsvetaeva", False), ("T", "Tsvetaeva", True),
        ("К", "Christina", True), ("Х", "Christina", True), ("Ч", "Christina", False),
        ("Ч", "Chernova", True),
    ],
)
def test_first_letters_of_an_initial_and_a_name(initial: str, name: str, meets: bool) -> None:
    assert compatible(first_letters(initial), first_letters(name)) is meets


def test_english_and_german_chr_is_the_same_name_as_kr_and_khr() -> None:
    """Christina beside Кристина scored 0.35 (Ch was read as ч, х, ш or щ, never к): a
    spreadsheet row spelling a protected Кристина the English way became a record of its
    own, never reviewed (was)."""
    assert compare(person("a", "Christina Smirnova"), person("b", "Кристина Смирнова")).score \
        >= compare(person("a", "Kristina Smirnova"), person("b", "Кристина Смирнова")).score
    assert compare(person("a", "Chrustaljowa Anna"), person("b", "Анна Хрусталёва")).score > 0.8
    assert compare(person("a", "Chernova Anna"), person("b", "Анна Кернова")).score < 0.5
