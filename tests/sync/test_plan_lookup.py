"""Planning an import looks each incoming id up in its own kind's table first, and only the
ids not found there in the other tables: the classification is the same as looking
everywhere (held of the same kind, new, or held as another kind: refused)."""

from __future__ import annotations

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.ids import new_id
from registry.domain.model import Record
from registry.errors import BundleError
from registry.service import Registry
from registry.sync import importer
from registry.sync.progress import job

LATER = Stamp((1 << 62), "f" * 40)


def _copy(record: Record) -> Record:
    return Record(record.id, record.kind, dict(record.values), dict(record.stamps))


def test_held_new_and_changed_records_in_one_batch(reg: Registry) -> None:
    person = reg.add(Kind.PERSON, {"name": "Анна Тестова"})
    org = reg.add(Kind.ORGANISATION, {"name": "Org"})
    tie = reg.add(Kind.TIE, {"from_id": person.id, "to_id": org.id, "kind": "colleague"})
    changed = Record(org.id, Kind.ORGANISATION, {"name": "Org 2"}, {"name": LATER})
    new = Record(new_id(), Kind.PERSON, {"name": "Новый"}, {"name": LATER})
    incoming = [_copy(reg.get(person.id)), changed, new, _copy(reg.get(tie.id))]
    changes = importer.plan(reg.store, incoming, job())
    assert [(c.status, c.exists) for c in changes] == [
        ("unchanged", True), ("changed", True), ("new", False), ("unchanged", True)]


@pytest.mark.parametrize("held_kind", [Kind.PERSON, Kind.TIE])
def test_an_id_held_as_another_kind_is_found_and_refused(reg: Registry,
                                                          held_kind: Kind) -> None:
    person = reg.add(Kind.PERSON, {"name": "Анна Тестова"})
    org = reg.add(Kind.ORGANISATION, {"name": "Org"})
    held = person if held_kind is Kind.PERSON else reg.add(
        Kind.TIE, {"from_id": person.id, "to_id": org.id, "kind": "colleague"})
    other = Record(held.id, Kind.ORGANISATION, {"name": "Not the same"}, {"name": LATER})
    fine = _copy(reg.get(org.id))
    with pytest.raises(BundleError, match=r"Payload line 3: .*another kind"):
        importer.plan(reg.store, [fine, other], job(), {fine.id: 2, other.id: 3})


def test_notices_about_held_and_unknown_records(reg: Registry) -> None:
    person = reg.add(Kind.PERSON, {"name": "Анна Тестова"})
    raise_it = Record(person.id, Kind.PERSON, {"sensitivity": "protected"},
                      {"sensitivity": LATER})
    unknown = Record(new_id(), Kind.PERSON, {"sensitivity": "protected"},
                     {"sensitivity": LATER})
    changes, held, _ = importer.plan_notices(reg.store, [raise_it, unknown])
    assert [(c.record.id, c.status, c.raised) for c in changes] == [
        (person.id, "changed", True)]
    assert [n.id for n in held] == [unknown.id]
