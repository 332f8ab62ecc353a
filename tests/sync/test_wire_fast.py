"""Payload lines: the quick reading of the common case gives what the full checks give.

``wire.from_line`` takes a value as it is when a one-call check says it is canonical, and
reads a line whose fields share one stamp without the general loop; anything else goes
through the field validators and the general stamp reading. These properties hold the two
to the same answer: the same record, or the same refusal (same message) for the same input.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.domain import regions
from registry.domain.enums import Kind
from registry.domain.hlc import MAX_HLC, Stamp
from registry.domain.model import KINDS, FieldSpec, FieldType
from registry.sync import wire
from registry.sync.wire import LineError

ID = "0190a0b0-0000-7000-8000-000000000001"
NOW = 1 << 60
LIMIT = NOW + (wire.MAX_CLOCK_SKEW_MS << 16)
FIELDS = [(kind, spec) for kind, kind_spec in KINDS.items() for spec in kind_spec.fields]


def _samples(spec: FieldSpec) -> list[Any]:
    """Values near the field's canonical form: canonical ones and ones a step off."""
    out: list[Any] = [None, "", " ", True, 0, 1, -1, 2.5, 11000.0, [], {}, "x" * 501]
    if spec.enum is not None:
        values = [str(e.value) for e in spec.enum]
        out += values + [v.upper() for v in values] + [f" {values[0]}", values[0] + "\n"]
    out += [ID, ID.upper(), ID + "\n", " " + ID, ID[:-1]]
    out += ["PL", "pl", "XX", "\u212aE", "RU-MOS", "ru-mos", "UA-43", "RU-XXX"]
    out += ["2020-01-31", "2020-1-31", "2020-02-30", " 2020-01-31", "20200131"]
    out += ["internal", "Internal", "protected", "secret", "EUR", "eur", "EU", "EURO"]
    out += ["Анна", " Анна", "Анна ", unicodedata.normalize("NFD", "Йоко"), "a\x00b",
            "two\nlines", "tab\there", "x" * spec.max_len, "x" * (spec.max_len + 1), "\u00a0a"]
    out += [1800, 1799, 2100, 2101, 4, 5, 10**10, 10**10 + 1, 1e13, 1e14, float("inf")]
    return out


def _values_of(spec: FieldSpec) -> st.SearchStrategy[Any]:
    samples = st.sampled_from(_samples(spec))
    scalar = st.one_of(samples, st.text(max_size=12), st.integers(), st.floats(),
                       st.booleans(), st.none())
    return st.one_of(scalar, st.lists(scalar, max_size=4),
                     st.lists(samples, max_size=60),
                     st.lists(samples, min_size=1, max_size=3).map(lambda v: [*v, v[0]]),
                     st.dictionaries(st.text(max_size=3), scalar, max_size=2))


@st.composite
def _field_value(draw: st.DrawFn) -> tuple[Kind, FieldSpec, Any]:
    kind, spec = draw(st.sampled_from(FIELDS))
    return kind, spec, draw(_values_of(spec))


def _outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "ok", fn(*args)
    except LineError as e:
        return "refused", str(e)


def _reference_values(value: dict[str, Any], kind: Kind, number: int) -> dict[str, Any]:
    """Every value through its field's validator (the reading before the quick checks)."""
    validators = wire._VALIDATORS[kind]
    out = {}
    for name, raw in value.items():
        validate = validators.get(name)
        if validate is None:
            raise LineError(f"Payload line {number}: a value names no field of {kind.value}.")
        out[name] = validate(raw, number)
    return out


def _same(a: tuple[str, Any], b: tuple[str, Any]) -> bool:
    """Equal outcomes, down to the types of the values (1 and 1.0 and True differ here)."""
    return a[0] == b[0] and repr(a[1]) == repr(b[1])


@settings(max_examples=1000, deadline=None)
@given(_field_value())
def test_a_value_taken_as_it_is_is_what_its_validator_returns(case: tuple) -> None:
    kind, spec, raw = case
    try:
        quick = bool(wire._CANONICAL[kind][spec.name](raw))
    except TypeError:
        quick = False
    if quick:
        assert wire._VALIDATORS[kind][spec.name](raw, 2) is raw
    assert _same(_outcome(wire._values, {spec.name: raw}, kind, 2),
                 _outcome(_reference_values, {spec.name: raw}, kind, 2))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(KINDS)), st.data())
def test_values_of_a_line_read_as_every_validator_reads_them(kind: Kind, data: Any) -> None:
    names = st.sampled_from([*(f.name for f in KINDS[kind].fields), "nope"])
    value = data.draw(st.dictionaries(names, st.none(), max_size=8))
    for name in value:
        spec = KINDS[kind].by_name.get(name, KINDS[kind].fields[0])
        value[name] = data.draw(_values_of(spec))
    assert _same(_outcome(wire._values, dict(value), kind, 9),
                 _outcome(_reference_values, dict(value), kind, 9))


def _hlc() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from([0, -1, 1, NOW, LIMIT, LIMIT + 1, MAX_HLC, MAX_HLC + 1,
                                      True, False, 1.0, "1", None]), st.integers(0, LIMIT))


def _origin() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(["", "a" * 40, "x" * 64, "x" * 65, 5, None, ["a"]]),
                     st.text(max_size=3))


@st.composite
def _stamps(draw: st.DrawFn) -> tuple[Kind, Any]:
    kind = draw(st.sampled_from(list(KINDS)))
    known = [f.name for f in KINDS[kind].fields]
    name = st.one_of(st.sampled_from(known), st.sampled_from(["nope", 3, None, ("a",)]),
                     st.just(["name"]))
    group = st.one_of(st.tuples(_hlc(), _origin(), st.lists(name, max_size=6)).map(list),
                      st.lists(st.sampled_from([1, "x", ["name"]]), max_size=4),
                      st.sampled_from([None, "x", {}]))
    return kind, draw(st.one_of(st.lists(group, min_size=1, max_size=1),
                                st.lists(group, max_size=3), st.sampled_from([{}, "x", None]),
                                st.lists(st.just([1, "x", known[:1]]), min_size=40,
                                         max_size=40)))


@settings(max_examples=1000, deadline=None)
@given(_stamps())
def test_one_stamp_read_as_the_general_reading_reads_it(case: tuple[Kind, Any]) -> None:
    kind, value = case
    quick = _outcome(wire._stamps, value, kind, 4, LIMIT)
    assert _same(quick, _outcome(wire._stamp_groups, value, kind, 4, LIMIT))
    if quick[0] == "ok":
        assert all(type(s) is Stamp for s in quick[1].values())


def test_a_canonical_line_keeps_its_objects_and_a_normalised_one_does_not() -> None:
    values = {"name": "Анна", "region": "RU-MOS", "roles": ["journalist"],
              "inside_russia": False, "review_date": "2027-01-31", "sensitivity": "internal"}
    line = {"id": ID, "kind": "person", "values": values, "erased": None,
            "stamps": [[1, "a" * 40, sorted(values)]]}
    record = wire.from_line(line, 2, now_hlc=NOW)
    assert record.values is values and record.values == _reference_values(values, Kind.PERSON, 2)
    assert set(record.stamps.values()) == {Stamp(1, "a" * 40)}
    line["values"] = {**values, "name": " Анна", "region": "ru-mos"}
    record = wire.from_line(line, 2, now_hlc=NOW)
    assert record.values == values and list(record.values) == list(values)
    assert regions.is_region("RU-MOS")


def test_field_types_are_all_covered() -> None:
    """A new field type gets a quick check or is left to its validator, never unchecked."""
    for kind, spec in FIELDS:
        check = wire._CANONICAL[kind][spec.name]
        if spec.type is FieldType.NUMBER:
            assert check(1) is False
        else:
            assert callable(check)
