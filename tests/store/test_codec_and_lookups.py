"""The column codec the store and the export share, and the store's lookups at their edges
(nothing to look up, a limit reached, a merge that no import brought)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import KINDS, FieldSpec, FieldType, Record
from registry.match import translit
from registry.service import Registry
from registry.store import codec
from registry.store.codec import column_reader, dumps, dumps_str_list, from_column, to_column

B = "b" * 40


@given(st.lists(st.text()))
def test_the_fast_list_encoding_is_the_canonical_one(items: list[str]) -> None:
    """Stored lists (and so the digest) must not depend on which path encoded them."""
    assert dumps_str_list(items) == dumps(items)


def test_a_list_that_is_not_all_text_takes_the_canonical_path() -> None:
    assert dumps_str_list([1, "a"]) == dumps([1, "a"]) == '[1,"a"]'  # type: ignore[list-item]


def test_a_list_of_plain_words_is_joined_without_the_encoder(monkeypatch) -> None:
    """The fast path is taken for lists of several words too (it once looked for quotes in
    its own separators, and every list of two words or more went to the encoder)."""
    monkeypatch.setattr(codec, "dumps", lambda value: pytest.fail(f"encoded {value!r}"))
    assert dumps_str_list(["ru", "en", "Жанна"]) == '["ru","en","Жанна"]'
    assert dumps_str_list([]) == "[]"


def _sample(spec: FieldSpec) -> Any:
    if spec.is_list:
        return ["journalist", 'a "quoted" \\ one']
    if spec.type is FieldType.SENSITIVITY:
        return "protected"
    if spec.type is FieldType.BOOL:
        return True
    return "2024-05-01" if spec.type is FieldType.DATE else "Анна"


def test_every_field_reads_back_what_was_stored_and_empty_reads_as_empty() -> None:
    for spec in (f for kind in KINDS.values() for f in kind.fields):
        value = _sample(spec)
        assert from_column(spec, to_column(spec, value)) == value, spec.name
        reader = column_reader(spec)
        stored_empty = to_column(spec, [] if spec.is_list else None)
        read = stored_empty if reader is None else reader(stored_empty)
        assert read == ([] if spec.is_list else None), spec.name


def test_lookups_with_nothing_to_look_up_answer_nothing(reg: Registry) -> None:
    reg.add(Kind.PERSON, {"name": "Анна Морозова"})
    assert reg.store.kinds_of([]) == {}
    assert reg.store.search_ids([], 10) == []
    assert reg.store.search_name_ids([], 10) == []
    assert reg.store.search_name_ids([()], 10) == []  # a word with no sound in it


def test_the_name_index_stops_at_its_limit_on_exact_matches(reg: Registry) -> None:
    ids = {reg.add(Kind.PERSON, {"name": f"{first} Морозов"}).id
           for first in ("Иван", "Пётр", "Лев")}
    found = reg.store.search_name_ids(translit.name_query("Морозов"), 2)
    assert len(found) == 2 and {rid for rid, _ in found} <= ids
    assert {rid for rid, _ in reg.store.search_name_ids(translit.name_query("Морозов"),
                                                          10)} == ids


def test_a_record_merged_without_an_import_has_no_receipt(reg: Registry) -> None:
    """Provenance: only what an import brought names that import."""
    rid = "01900000-0000-7000-8000-0000000000aa"
    incoming = Record(rid, Kind.PERSON, {"name": "Вера"}, {"name": Stamp(10, B)})
    with reg.store.write():
        assert reg.store.merge(incoming).status == "new"
    assert reg.store.receipts(rid) == {}
    assert reg.store.get(rid) is not None
