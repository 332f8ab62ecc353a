"""Which existing record an imported row is, so a re-import updates instead of duplicating.

Two rules, both within one kind (a person never matches an organisation):

* **exact**: the row's name or Latin name, folded (case, diacritics, ``ё``, punctuation),
  equals a record's name or Latin name — unless both give a region of origin or a gender
  and these differ (two people of one common name);
* **strong**: the names' script-independent skeletons are the same set of words (``Ivan
  Petrov`` / ``Петров Иван``), :func:`registry.match.names.compare` scores at least
  :data:`STRONG`, no name part is matched by an initial alone, and the country or region
  is given on both sides and agrees, none contradicting.

More than one candidate is never resolved by guessing: the row is reported, and an ``id``
column settles it. Rows of the same file are indexed as they are read, so a person listed
twice in one file becomes one record.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.match.names import NameRecord, compare
from registry.match.translit import skeleton, words

STRONG = 0.9
_STABLE = ("region", "gender")
_PLACE = ("country", "region")


class Ambiguous(ValueError):
    """More than one record fits a row."""


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The folded form of a name used by the exact rule."""
    return " ".join(words(text))


@functools.lru_cache(maxsize=1 << 16)
def skeleton_key(text: str) -> str:
    """The order-free, script-free form of a name used to find strong candidates."""
    return " ".join(sorted(k for k in (skeleton(w) for w in name_key(text).split()) if k))


@dataclass
class Entry:
    """A candidate: an existing record (``record``) or a row of this file (``ref``)."""

    ref: str
    kind: Kind
    values: dict[str, Any]
    record: Record | None = None


@dataclass
class Matcher:
    """An index of the live people and organisations by name keys."""

    entries: dict[str, Entry] = field(default_factory=dict)
    exact: dict[tuple[Kind, str], list[str]] = field(default_factory=dict)
    strong: dict[tuple[Kind, str], list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, records: Iterable[Record]) -> Matcher:
        matcher = cls()
        for record in records:
            if not record.deleted and not record.values.get("merged_into"):
                matcher.add(Entry(record.id, record.kind, record.values, record))
        return matcher

    def add(self, entry: Entry) -> None:
        """Index an entry under its name keys."""
        self.entries[entry.ref] = entry
        for name in _spellings(entry.values):
            for index, key in ((self.exact, name_key(name)), (self.strong, skeleton_key(name))):
                refs = index.setdefault((entry.kind, key), []) if key else None
                if refs is not None and entry.ref not in refs:
                    refs.append(entry.ref)

    def find(self, kind: Kind, values: Mapping[str, Any]) -> Entry | None:
        """The one entry the row is, None for a new record; :class:`Ambiguous` if several."""
        spellings = _spellings(values)
        found = self._exact(kind, values, spellings)
        if not found:
            found = self._strong(kind, values, spellings)
        if len(found) > 1:
            raise Ambiguous(f"name: fits {len(found)} records; add an id column to say which")
        return self.entries[found[0]] if found else None

    def _exact(self, kind: Kind, values: Mapping[str, Any], spellings: list[str]) -> list[str]:
        refs = _unique(r for s in spellings for r in self.exact.get((kind, name_key(s)), []))
        return [r for r in refs if not _contradicts(values, self.entries[r].values, _STABLE)]

    def _strong(self, kind: Kind, values: Mapping[str, Any], spellings: list[str]) -> list[str]:
        refs = _unique(r for s in spellings for r in self.strong.get((kind, skeleton_key(s)), []))
        return [r for r in refs if self._strong_pair(kind, values, self.entries[r])]

    @staticmethod
    def _strong_pair(kind: Kind, values: Mapping[str, Any], entry: Entry) -> bool:
        other = entry.values
        if _contradicts(values, other, (*_PLACE, "gender")):
            return False
        if not any(values.get(f) and values.get(f) == other.get(f) for f in _PLACE):
            return False
        m = compare(_name_record("row", kind, values), _name_record(entry.ref, kind, other))
        return m.score >= STRONG and not any("initial" in line for line in m.evidence)


def _spellings(values: Mapping[str, Any]) -> list[str]:
    return [v for v in (values.get("name"), values.get("name_latin")) if isinstance(v, str) and v]


def _unique(refs: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(refs))


def _contradicts(a: Mapping[str, Any], b: Mapping[str, Any], names: Iterable[str]) -> bool:
    return any(a.get(n) and b.get(n) and a.get(n) != b.get(n) for n in names)


def _name_record(ref: str, kind: Kind, values: Mapping[str, Any]) -> NameRecord:
    aliases = tuple(a for a in values.get("aliases") or () if isinstance(a, str))
    return NameRecord(ref, kind.value, str(values.get("name") or ""),
                      str(values.get("name_latin") or ""), aliases)
