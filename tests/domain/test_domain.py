"""Domain rules: validation, ids, clocks, regions."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain import regions
from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Clock, Stamp, wall_hlc
from registry.domain.ids import evaluation_id, is_id, made_for, new_id
from registry.domain.validate import FieldError, normalise


def test_ids_are_uuid7_and_increasing() -> None:
    ids = [new_id() for _ in range(5000)]
    assert all(is_id(i) and i[14] == "7" for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_an_evaluation_id_is_made_for_its_assessor() -> None:
    """Bound to the assessor's fingerprint (UUIDv8 with UUIDv7's time and sequence): any
    vault can tell whose it is; an id of another form tells nothing (None). Ids made in one
    process rise and never repeat, however many in a millisecond (a demo vault makes
    thousands: with 26 random bits and no sequence, 2,000 ids repeated one about one run in
    thirty)."""
    a, b = "a" * 40, "0123456789abcdef0123456789abcdef01234567"
    made = [evaluation_id(a) for _ in range(5000)]
    assert made == sorted(made)
    assert all(is_id(i) and i[14] == "8" and i[19] in "89ab" for i in made)
    def ms(i: str) -> int:
        return uuid.UUID(i).int >> 80

    assert len(set(made)) == len(made) and 0 <= ms(new_id()) - ms(made[0]) < 60_000  # time
    assert all(made_for(i, a) is True and made_for(i, b) is False for i in made)
    assert made_for(new_id(), a) is None
    flipped = made[0][:-1] + ("0" if made[0][-1] != "0" else "1")  # one bit of its tag
    assert made_for(flipped, a) is False


def test_clock_never_goes_back_and_observes_remote() -> None:
    clock = Clock(wall_hlc() + 10_000)
    a = clock.tick()
    b = clock.tick()
    assert b > a
    clock.observe(b + 1_000_000)
    assert clock.tick() > b + 1_000_000


@given(st.integers(0, 2**62), st.text(min_size=1, max_size=64))
def test_stamp_json_round_trip(hlc: int, origin: str) -> None:
    stamp = Stamp(hlc, origin)
    assert Stamp.from_json(stamp.to_json()) == stamp


@pytest.mark.parametrize("bad", [[1], ["1", "a"], [True, "a"], [1, ""], [-1, "a"], "x", None])
def test_stamp_from_json_refuses_malformed(bad: object) -> None:
    with pytest.raises(ValueError):
        Stamp.from_json(bad)


def test_sensitivity_order_and_names() -> None:
    assert [s.label for s in sorted(Sensitivity)] == ["public", "internal", "confidential",
                                                      "protected"]
    with pytest.raises(ValueError, match="use one of"):
        Sensitivity.parse("secret")


def test_normalise_canonical_forms() -> None:
    values = normalise(Kind.PERSON, {
        "name": "  Юлия\u0301 ", "roles": "journalist, activist,journalist", "region": "ru-sve",
        "country": "de", "inside_russia": "yes", "sensitivity": "Confidential",
        "review_date": "2027-01-02"}, partial=False)
    assert values["roles"] == ["journalist", "activist"]
    assert values["region"] == "RU-SVE" and values["country"] == "DE"
    assert values["inside_russia"] is True and values["sensitivity"] == "confidential"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("gender", "robot", "must be one of"), ("region", "RU-XXX", "federal subject"),
    ("country", "XX", "country code"), ("review_date", "2027-13-01", "YYYY-MM-DD"),
    ("review_date", "27-01-01", "YYYY-MM-DD"), ("name", "a\x00b", "control characters"),
    ("name", "x" * 301, "longer than"), ("roles", ["activist"] * 0 + [1], "must be text"),
])
def test_normalise_refuses_with_the_field_named(field: str, value: object, message: str) -> None:
    with pytest.raises(FieldError, match=message) as info:
        normalise(Kind.PERSON, {"name": "X", field: value}, partial=False)
    assert info.value.field == field
    assert str(value) not in str(info.value) or len(str(value)) < 3


def test_normalise_refuses_unknown_fields_and_missing_required() -> None:
    with pytest.raises(FieldError, match="not a field"):
        normalise(Kind.TIE, {"colour": "red"}, partial=True)
    with pytest.raises(FieldError, match="required"):
        normalise(Kind.TIE, {"kind": "leads"}, partial=False)


def test_numbers_and_ranges() -> None:
    v = normalise(Kind.SUPPORT, {"amount": "1500,5", "currency": "eur"}, partial=True)
    assert v == {"amount": 1500.5, "currency": "EUR"}
    with pytest.raises(FieldError):
        normalise(Kind.SUPPORT, {"amount": "nan"}, partial=True)
    with pytest.raises(FieldError, match="at most 4"):
        normalise(Kind.EVALUATION, {"score_1": 5}, partial=True)


def test_regions_cover_every_subject_once() -> None:
    import pycountry

    ru = {s.code for s in pycountry.subdivisions.get(country_code="RU")}
    assert set(regions.ALL_CODES) == ru | {"UA-43", "UA-40"}
    assert len(regions.ALL_CODES) == len(set(regions.ALL_CODES)) == 85
    names = {r.code: r for r in regions.regions()}
    assert names["RU-SVE"].name_ru == "Свердловская область"
    assert regions.district_of("UA-43") == regions.OCCUPIED


def test_an_id_is_the_whole_text() -> None:
    one = "0190a0b0-0000-7000-8000-000000000001"
    assert is_id(one)
    for near in (one + "\n", one + " ", "\n" + one, one.upper(), one[:-1], one + "0"):
        assert not is_id(near), repr(near)
