"""Evidence weighed in log-odds (Fellegi–Sunter): rare names and values count more, common ones
less (frequencies from the records compared), identifiers and ties add, contradictions take
away, and each weight is said in words."""

from __future__ import annotations

from registry.match import weights
from registry.match.duplicates import find_duplicates
from registry.match.names import NameRecord, compare, support


def person(rid: str, name: str, **extra: str) -> NameRecord:
    return NameRecord(rid, "person", name, extra=extra)


def _pair_score(records: list[NameRecord], a: str, b: str) -> float:
    found = {(c.a_id, c.b_id): c.score for c in find_duplicates(records, min_score=0.5)}
    return found[(a, b)]


def test_a_rare_name_counts_more_than_a_common_one() -> None:
    rare = [person("r1", "Таисия Осокина"), person("r2", "Taisiya Osokina")]
    common = [person("c1", "Елена Иванова"), person("c2", "Yelena Ivanova")]
    common += [person(f"x{i}", "Елена Иванова", birth_year=str(1950 + i)) for i in range(30)]
    assert _pair_score(rare, "r1", "r2") > _pair_score(common, "c1", "c2")
    found = find_duplicates(rare + common, min_score=0.5)
    lines = {(c.a_id, c.b_id): c.evidence for c in found}
    assert any("rare here" in line for line in lines[("r1", "r2")])
    assert any("common here" in line for line in lines[("c1", "c2")])


def test_name_weight_is_bounded_and_neutral_at_a_typical_count() -> None:
    assert weights.name_weight(weights.NAME_TYPICAL) == 0
    assert 0 < weights.name_weight(2) <= weights.NAME_RARE
    assert weights.name_weight(10_000) == weights.NAME_COMMON
    assert weights.name_weight(0) == 0


def test_agreeing_on_a_rare_value_counts_more() -> None:
    extras = [{"country": "DE"}] * 80 + [{"country": "KZ"}] * 2 + [{"country": "GE"}] * 18
    freq = weights.Frequencies(extras)
    assert freq.scale("country", "KZ") > 1 > freq.scale("country", "DE")
    rare, lines = support(0.9, {"country": "KZ"}, {"country": "kz "}, frequencies=freq)
    usual, _ = support(0.9, {"country": "DE"}, {"country": "DE"}, frequencies=freq)
    assert rare > usual > 0.9
    assert lines[0].code == "field_agrees_rare"  # type: ignore[attr-defined]


def test_the_same_email_or_phone_is_near_proof_another_says_little() -> None:
    a = person("a", "A. Orlova", email="a.orlova@example.org", phone="+7 999 123-45-67")
    b = person("b", "Anna Orlova", email="A.Orlova@example.org", phone="8 (999) 1234567")
    m = compare(a, b)
    assert m.score > 0.99
    assert any(line.startswith("e-mail:") and "=" in line for line in m.evidence)
    other = compare(person("a", "Anna Orlova", email="x@example.org"),
                    person("b", "Анна Орлова", email="y@example.org"))
    plain = compare(person("a", "Anna Orlova"), person("b", "Анна Орлова"))
    assert 0.85 < other.score < plain.score


def test_phones_with_another_country_code_disagree() -> None:
    """The duplicate finder asks the same phone rule as the spreadsheet import: every digit
    counts, so +49 30 … and +33 30 … are two numbers, not one with the same tail."""
    same = compare(person("a", "Anna Orlova", phone="+49 30 12345678"),
                   person("b", "Анна Орлова", phone="0049 (30) 1234-5678"))
    other = compare(person("a", "Anna Orlova", phone="+49 30 12345678"),
                    person("b", "Анна Орлова", phone="+33 30 12345678"))
    plain = compare(person("a", "Anna Orlova"), person("b", "Анна Орлова"))
    assert same.score >= plain.score > other.score
    assert any(line.startswith("phone:") and "=" in line for line in same.evidence)
    assert not any(line.startswith("phone:") and "=" in line for line in other.evidence)


def test_a_shared_organisation_adds_evidence() -> None:
    alone = compare(person("a", "A. Orlova"), person("b", "Anna Orlova"))
    tied = compare(person("a", "A. Orlova", organisations="org1 org2"),
                   person("b", "Anna Orlova", organisations="org2"))
    assert tied.score > alone.score
    assert any("same organisation (org2)" in line for line in tied.evidence)


def test_a_gender_field_against_the_names_own_form_is_weak() -> None:
    slip = compare(person("a", "Оксана Миронова", gender="male"),
                   person("b", "Oksana Mironova", gender="female"))
    neutral = compare(person("a", "Gleb Shulman", gender="female"),
                      person("b", "Глеб Шульман", gender="male"))
    assert slip.score >= 0.85 > neutral.score
    assert any("own form" in line for line in slip.evidence)


def test_a_birth_year_one_apart_is_weak_evidence_against() -> None:
    close = compare(person("a", "Dmitri Karpov", birth_year="1974"),
                    person("b", "Дмитрий Карпов", birth_year="1975"))
    far = compare(person("a", "Dmitri Karpov", birth_year="1974"),
                  person("b", "Дмитрий Карпов", birth_year="1990"))
    assert far.score < 0.85 <= close.score


def test_evidence_for_a_pair_never_lowers_it_against_it_always_does() -> None:
    assert weights.shift(1.0, 0.5) == 1.0
    assert weights.shift(1.0, -0.5) < 1.0
    assert weights.shift(0.6, 0.5) > 0.6


def test_a_birth_year_that_is_no_number_differs_plainly() -> None:
    m = compare(person("a", "Dmitri Karpov", birth_year="about 1974"),
                person("b", "Дмитрий Карпов", birth_year="1975"))
    assert any("≠" in line and "one apart" not in line for line in m.evidence)


def test_a_reason_survives_copying_and_pickling() -> None:
    import copy
    import pickle

    from registry.match.evidence import Reason

    line = Reason("short_form", "given name", "Masha", "Мария")
    for again in (copy.deepcopy(line), pickle.loads(pickle.dumps(line))):
        assert again == line and again.code == "short_form"
        assert again.values == ("given name", "Masha", "Мария")
