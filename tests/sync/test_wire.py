"""Payload lines: records round-trip; every malformed line is refused with its line number."""

from __future__ import annotations

import copy

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp, wall_hlc
from registry.domain.model import Record
from registry.sync import wire
from registry.sync.wire import LineError, from_line, to_line

ID = "0190a0b0-0000-7000-8000-000000000001"
S1, S2 = Stamp(1 << 40, "a" * 40), Stamp(2 << 40, "b" * 40)


def good() -> dict:
    record = Record(ID, Kind.PERSON, {"name": "Анна", "roles": ["journalist"],
                                      "inside_russia": True, "notes": "two\nlines",
                                      "email": None},
                    {"name": S1, "roles": S1, "inside_russia": S2, "notes": S2, "email": S2})
    return to_line(record)


def test_round_trip() -> None:
    line = good()
    record = from_line(copy.deepcopy(line), 2)
    assert to_line(record) == line
    assert line["stamps"] == [[S1.hlc, S1.origin, ["name", "roles"]],
                              [S2.hlc, S2.origin, ["email", "inside_russia", "notes"]]]
    erased = Record(ID, Kind.TIE, {}, {}, S2)
    assert from_line(to_line(erased), 2) == erased


def test_values_are_normalised() -> None:
    line = good()
    line["values"]["name"] = "  Анна  "
    line["values"]["roles"] = ["Journalist", "journalist"]
    record = from_line(line, 2)
    assert record.values["name"] == "Анна" and record.values["roles"] == ["journalist"]
    org = {"id": ID, "kind": "organisation", "values": {"founded": 2001, "reach": 5,
                                                       "sensitivity": "public"},
           "stamps": [[1, "c" * 40, ["founded", "reach", "sensitivity"]]], "erased": None}
    assert from_line(org, 2).values["founded"] == 2001
    sup = {"id": ID, "kind": "support", "values": {"amount": 1.5},
           "stamps": [[1, "c" * 32, ["amount"]]], "erased": None}
    assert from_line(sup, 2).values["amount"] == 1.5


def _set(path: str, value: object):
    def mutate(line: dict) -> None:
        target = line
        keys = path.split(".")
        for k in keys[:-1]:
            target = target[int(k)] if isinstance(target, list) else target[k]
        last = keys[-1]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return mutate


BAD = [
    ("not a dict", lambda line: line.clear()),
    ("extra key", _set("extra", 1)),
    ("bad id", _set("id", "ABC")),
    ("id with a trailing newline", _set("id", ID + "\n")),
    ("id not text", _set("id", 5)),
    ("bad kind", _set("kind", "spaceship")),
    ("kind not text", _set("kind", 3)),
    ("bad erased", _set("erased", [1])),
    ("future erased", _set("erased", [wall_hlc() + (30 * 86400 * 1000 << 16), "c" * 40])),
    ("erased by a name", _set("erased", [1, "Alice"])),
    ("stamps not list", _set("stamps", {})),
    ("stamp group short", _set("stamps.0", [1, "c" * 40])),
    ("stamp fields not list", _set("stamps.0", [1, "c" * 40, "name"])),
    ("origin an official's name", _set("stamps.0.1", "Alice Petrova (Sweden)")),
    ("origin with control characters", _set("stamps.1.1", "\x1b[2J" + "b" * 36)),
    ("origin in capitals", _set("stamps.0.1", "A" * 40)),
    ("origin of another length", _set("stamps.0.1", "a" * 36)),
    ("unknown stamped field", _set("stamps.0.2", ["name", "roles", "nope"])),
    ("field stamped twice", _set("stamps.1.2", ["email", "inside_russia", "notes", "name"])),
    ("values not dict", _set("values", [])),
    ("unknown value", _set("values.nope", 1)),
    ("wrong type", _set("values.name", 5)),
    ("list not list", _set("values.roles", "journalist")),
    ("bool not bool", _set("values.inside_russia", "yes")),
    ("invalid enum", _set("values.roles", ["astronaut"])),
    ("control char", _set("values.name", "A\x00B")),
    ("values without stamp", _set("values.city", "Riga")),
]


@pytest.mark.parametrize("name, mutate", BAD, ids=[b[0] for b in BAD])
def test_malformed_lines_are_refused(name: str, mutate) -> None:
    line = good()
    mutate(line)
    with pytest.raises(LineError, match="line 7"):
        from_line(line if line else [], 7)


def test_erased_record_with_values_and_type_checks() -> None:
    line = good()
    line["erased"] = [1, "c" * 40]
    with pytest.raises(LineError, match="erased record carries values"):
        from_line(line, 3)
    base = {"id": ID, "kind": "organisation", "erased": None}
    for field, value in (("founded", True), ("founded", 1.5), ("reach", "5")):
        bad = {**base, "values": {field: value}, "stamps": [[1, "c" * 40, [field]]]}
        with pytest.raises(LineError):
            from_line(bad, 2)
    sup = {"id": ID, "kind": "support", "erased": None, "values": {"amount": True},
           "stamps": [[1, "c" * 32, ["amount"]]]}
    with pytest.raises(LineError):
        from_line(sup, 2)
    assert wire.group_stamps({}) == []


@pytest.mark.parametrize("stamps", [
    {"name": Stamp(5, "a" * 40), "city": Stamp(5, "a" * 40)},  # one stamp: fields sorted
    {"name": Stamp(5, "a" * 40)},
    {"name": Stamp(5, "a" * 40), "city": Stamp(4, "b" * 40), "roles": Stamp(5, "a" * 40)},
    {"name": Stamp(5, "b" * 40), "city": Stamp(5, "a" * 40)},  # one time, two officials
])
def test_stamps_are_grouped_by_stamp_in_order_with_their_fields_sorted(
        stamps: dict[str, Stamp]) -> None:
    groups: dict[Stamp, list[str]] = {}
    for name, stamp in stamps.items():
        groups.setdefault(stamp, []).append(name)
    assert wire.group_stamps(stamps) == [
        [s.hlc, s.origin, sorted(names)] for s, names in sorted(groups.items())]


def test_the_fields_a_line_may_carry_signatures_for_are_those_signed() -> None:
    from registry.sync import signatures

    assert wire._SIGNABLE == signatures.SIGNABLE


def test_a_recovery_share_line_must_be_canonical_base64() -> None:
    to = "ab" * 20
    line = wire.share_line(to, b"share file")
    assert wire.share_from_line(line, 2) == (to, b"share file")  # control
    for text in ("c2hhcmUgZmlsZQ", "c2hhcmUgZmlsZQ=\n", "c2hhcmUgZmlsZR==", "", "ж"):
        with pytest.raises(LineError, match="canonical base64"):
            wire.share_from_line({**line, "recovery_share": text}, 2)
