"""A given name written as an initial ("M. Khodorkovsky"), read through the registry: which
full given names among the records of that family name the initial can stand for.

Each test is one way of reading the registry that the labelled set showed to matter: a short
form is the name it stands for, a double family name is one family name, a patronymic tells
namesakes apart, and a name no one gives in full is still one name.
"""

from __future__ import annotations

from registry.match.duplicates import TOLD_APART, find_duplicates
from registry.match.names import NameRecord, compare, parse


def person(rid: str, name: str, **extra: str) -> NameRecord:
    return NameRecord(rid, "person", name, extra=extra)


def pairs(records: list[NameRecord]) -> set[tuple[str, str]]:
    return {(c.a_id, c.b_id) for c in find_duplicates(records)}


def test_an_initial_fits_the_full_name_a_short_form_stands_for() -> None:
    # Lera is Валерия: an official's V. is her initial.
    m = compare(person("a", "V. Nesterova"), person("b", "Lera Nesterova"))
    assert m.initial
    assert any("initial V. fits Lera" in line for line in m.evidence)
    assert not compare(person("a", "K. Nesterova"), person("b", "Lera Nesterova")).initial


def test_an_initial_meets_a_record_known_by_a_short_form() -> None:
    records = [person("a", "V. Nesterova"), person("b", "Lera Nesterova"),
               person("c", "Valeriya Nesterova")]
    assert pairs(records) >= {("a", "b"), ("a", "c")}


def test_a_short_form_and_its_name_are_one_name_for_the_initial() -> None:
    # Sonia and Sofiya are one woman's name, not two names the initial could stand for.
    records = [person("a", "S. Efremova"), person("b", "Sonia Efremova"),
               person("c", "Sofiya Romanovna Efremova")]
    assert pairs(records) >= {("a", "b"), ("a", "c")}


def test_a_short_form_of_several_names_is_read_by_the_initial() -> None:
    # Slava under I. (Я) can only be Yaroslav; under V. it may be Vyacheslav or Vladislav.
    records = [person("a", "I. Isaev"), person("b", "Slava Isaev"),
               person("c", "Yaroslav Isaev")]
    assert ("a", "c") in pairs(records)
    records = [person("a", "V. Isaev"), person("b", "Slava Isaev"),
               person("c", "Vladislav Isaev")]
    assert ("a", "c") not in pairs(records)


def test_a_name_is_read_by_the_letter_all_its_spellings_agree_on() -> None:
    # Latin Sveta alone might start with Ц; as the short form of Светлана it starts with С,
    # so T. can only be Tatyana here.
    records = [person("a", "T. Cvetaeva"), person("b", "Sveta Cvetaeva"),
               person("c", "Tatyana Cvetaeva")]
    assert ("a", "c") in pairs(records)


def test_the_other_part_of_a_double_family_name_is_no_given_name() -> None:
    assert {t.text for t in parse("K. Kara-Murza").joined} == {"Kara", "Murza"}
    # Kara is no K-name the initial might stand for: Kseniya is the only one.
    records = [person("a", "K. Kara-Murza"), person("b", "Kseniya Kara-Murza"),
               person("c", "Kara-Murza, Kseniya")]
    assert ("a", "b") in pairs(records)


def test_a_double_family_name_is_not_one_of_its_parts() -> None:
    # Vasiliy Tarasov and Vadim Vorobev are other families than the Vorobev-Tarasovs:
    # Vitaliy is the only V.
    records = [person("a", "V. Vorobev-Tarasov"), person("b", "Vitaliy Vorobev-Tarasov"),
               person("c", "Vasiliy Tarasov"), person("d", "Vadim Vorobev")]
    assert ("a", "b") in pairs(records)
    # ... while a record with the double name gives no name to a plain Tarasov's initial
    records = [person("a", "V. Tarasov"), person("b", "Vitaliy Vorobev-Tarasov"),
               person("c", "Vasiliy Tarasov")]
    assert ("a", "c") not in pairs(records)


def test_a_patronymic_tells_namesakes_apart() -> None:
    records = [person("a", "Orlov K.S."), person("b", "Konstantin Sergeevich Orlov"),
               person("c", "Kirill Ivanovich Orlov")]
    found = find_duplicates(records)
    assert {(c.a_id, c.b_id) for c in found} == {("a", "b")}
    assert TOLD_APART in found[0].evidence
    # siblings share their father's name: the context tells nothing apart (the initials and
    # the patronymic alone may still propose both, for the user to decide)
    records[2] = person("c", "Kirill Sergeevich Orlov")
    assert all(TOLD_APART not in c.evidence for c in find_duplicates(records))


def test_a_name_no_record_gives_in_full_is_one_name() -> None:
    records = [person("a", "N. Il'ina", country="CZ"), person("b", "N. Ilina", country="CZ"),
               person("c", "Anna Ilina")]
    assert pairs(records) == {("a", "b")}
    # as soon as two N-names are known in full, the initials may be either
    records += [person("d", "Natalia Ilina"), person("e", "Nadezhda Ilina")]
    assert ("a", "b") not in pairs(records)


def test_an_initial_with_the_same_phone_written_two_ways_is_still_compared() -> None:
    """A pair met through an initial is compared only if its fields could lift it over the
    threshold. That quick bound reads a phone by the rule the score reads it by: written
    once with its country code and once without, it is the same number (before, the bound
    compared the last ten digits, found them different and never compared the pair)."""
    others = [person("c", "Alla Orlova")]  # the initial is not unique: the phone must count
    for with_code, without in (("+49 30 1234567", "030 1234567"),
                               ("030 1234567", "+49 30 1234567")):
        same = [person("a", "A. Orlova", phone=with_code), person("b", "Anna Orlova",
                                                                  phone=without)]
        assert ("a", "b") in {(c.a_id, c.b_id)
                              for c in find_duplicates([*same, *others], min_score=0.8)}
    other = [person("a", "A. Orlova", phone="+49 30 1234567"),
             person("b", "Anna Orlova", phone="+33 30 1234567")]
    assert ("a", "b") not in {(c.a_id, c.b_id)  # control: another country, another number
                              for c in find_duplicates([*other, *others], min_score=0.8)}
