"""What caches remember of records (names, words, dates) is emptied when a vault locks, and
every cache of the core is either marked as such or holds no record content (a new cache
cannot slip past the rule unmarked)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import registry
from registry import memory
from registry.domain.enums import Kind
from registry.match import names, translit
from tests.sync.vaults import make_vault

# caches that hold tables or types, never anything a record said
NO_RECORD_CONTENT = {
    "registry.analytics.coverage.grid",  # the map's tile positions
    "registry.domain.regions.regions",  # the region table
    "registry.store.audit._names_json",  # field names
    "registry.interop.cells._region_index",  # the region table
    "registry.interop.cells._country_index",  # the country table
    "registry.match.diminutives._by_sound",  # the table of short given names
    "registry.match.diminutives._full_keys",  # the same table, by key
    "registry.sync.wire._enum_values",  # an enum type's values
    "registry.store.records._names_json",  # a kind's field names
}


def _core_caches() -> dict[str, Any]:
    """Every module-level cache of the core (everything outside gui/), by qualified name."""
    found: dict[str, Any] = {}
    for info in pkgutil.walk_packages(registry.__path__, "registry."):
        if info.name.startswith("registry.gui") or info.name == "registry.__main__":
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if getattr(value, "__module__", None) == info.name and \
                    callable(getattr(value, "cache_clear", None)) and \
                    callable(getattr(value, "cache_info", None)):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_cache_of_the_core_is_marked_or_holds_no_record_content() -> None:
    caches = _core_caches()
    marked = {id(c) for c in memory._OF_RECORDS}
    unmarked = {name for name, cache in caches.items() if id(cache) not in marked}
    assert unmarked == NO_RECORD_CONTENT
    assert "registry.match.translit._short_piece_words" in caches  # the walk finds them
    assert len(caches) - len(unmarked) >= 20


def test_locking_a_vault_empties_what_caches_remember_of_its_records(tmp_path: Path) -> None:
    r = make_vault(tmp_path, "Alice")
    try:
        r.add(Kind.PERSON, {"name": "Ирина Сергеевна Волкова", "notes": "Юрист, Тбилиси"})
        assert r.search("Волкова")  # the index and the search read the name through caches
        names.compare_parsed(names.parse("Ирина Волкова"), names.parse("Irina Volkova"))
        filled = [c for c in memory._OF_RECORDS if c.cache_info().currsize]
        assert translit._short_piece_words in filled and names.parse in filled  # control
    finally:
        r.lock()
    assert [c for c in memory._OF_RECORDS if c.cache_info().currsize] == []


def test_bulk_work_empties_only_the_caches_over_its_bound() -> None:
    """An import keeps what a vocabulary repeats, part after part, and no more than the bound
    (``forget_records_over``): a cache over it is emptied, one within it is kept."""
    memory.forget_records()
    for n in range(50):
        translit.index_terms(f"Слово{n} Иванова")
    translit.name_terms("Волкова")
    pieces = translit._short_piece_words.cache_info().currsize
    sounds = translit._name_sounds.cache_info().currsize
    assert pieces > 40 and 0 < sounds < 40  # control: both hold answers
    memory.forget_records_over(40)
    assert translit._short_piece_words.cache_info().currsize == 0
    assert translit._name_sounds.cache_info().currsize == sounds
    memory.forget_records()
