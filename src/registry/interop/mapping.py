"""Which column of a spreadsheet fills which field: proposed from headers, editable, reusable.

Headers are matched after folding (case, ``ё``, punctuation, spaces), in English or Russian;
the options of ``registry add`` (``name_latin``, ``inside_russia`` …) map by themselves, and
each field's declared ``aliases`` (:mod:`registry.domain.model`) name it too, as do the
field's own label and list header in either language ("Lives inside Russia"): a column
headed as the app shows the field is never left out. A
mapping is kept by header text, so a saved one applies to the next file with the same
columns wherever they stand. Saved mappings live in the vault's ``import_mapping`` table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import Kind
from registry.domain.model import KINDS
from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from registry.interop.spreadsheet import FileRejected

ID, KIND = "id", "kind"
SPECIAL = (ID, KIND)
ACTOR_KINDS = (Kind.PERSON, Kind.ORGANISATION)
# Fields an import may set: every editable person and organisation field.
FIELDS: dict[Kind, tuple[str, ...]] = {
    k: tuple(f.name for f in KINDS[k].fields if f.editable) for k in ACTOR_KINDS}
TARGETS: frozenset[str] = frozenset({*SPECIAL, *FIELDS[Kind.PERSON], *FIELDS[Kind.ORGANISATION]})
MAX_MAPPING_NAME = 100

_SPECIAL_WORDS: dict[str, tuple[str, ...]] = {
    ID: ("record id", "uuid", "идентификатор", "ид", "id записи"),
    KIND: ("record kind", "record type", "entity", "entity type", "вид", "вид записи",
           "тип записи", "запись"),
}
_KIND_WORDS = {
    Kind.PERSON: ("person", "people", "individual", "персона", "человек", "лицо", "p"),
    Kind.ORGANISATION: ("organisation", "organization", "org", "организация", "орг", "o",
                        "нко", "ngo"),
}
_FOLD_RE = re.compile(r"[\s_\-./:;,()\[\]*#\"'«»]+")


def fold_header(text: str) -> str:
    """A header's comparable form: lower case, ``ё`` as ``е``, punctuation as single spaces."""
    return _FOLD_RE.sub(" ", text.casefold().replace("ё", "е")).strip()


def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for target in sorted(TARGETS):
        index[fold_header(target)] = target
    words = [*_SPECIAL_WORDS.items(),
             *((f.name, f.aliases) for k in ACTOR_KINDS for f in KINDS[k].fields
               if f.name in TARGETS)]
    for target, aliases in words:
        for word in aliases:
            index.setdefault(fold_header(word), target)
    for spec in (f for k in ACTOR_KINDS for f in KINDS[k].fields if f.name in TARGETS):
        for language in ("en", "ru"):  # what the app calls it: the editors' label, the header
            index.setdefault(fold_header(spec.text(language)), spec.name)
            index.setdefault(fold_header(spec.header(language)), spec.name)
    return index


HEADER_INDEX = _header_index()


def guess_field(header: str) -> str | None:
    """The field a header names, or None when it is not recognised."""
    return HEADER_INDEX.get(fold_header(header))


def parse_kind(text: str) -> Kind | None:
    """``person``/``organisation`` from a cell in English or Russian; None if unknown."""
    folded = fold_header(text)
    for kind, words in _KIND_WORDS.items():
        if folded in words:
            return kind
    return None


@dataclass
class ColumnMapping:
    """Column index → field (None: ignored), and the kind of rows without a ``kind`` cell."""

    headers: list[str]
    fields: list[str | None]
    default_kind: Kind = Kind.PERSON
    notes: list[str] = field(default_factory=list)

    @classmethod
    def propose(cls, headers: Sequence[str], saved: dict[str, Any] | None = None) -> ColumnMapping:
        """Guess from the headers (a saved mapping, given, wins for the headers it names)."""
        fields = [guess_field(h) for h in headers]
        mapping = cls(list(headers), fields, _guess_kind(fields))
        if saved:
            mapping.apply_saved(saved)
        mapping.drop_repeats()
        return mapping

    def set(self, column: int, target: str | None) -> None:
        """Map one column (by index) to a field, or to nothing."""
        if not 0 <= column < len(self.headers):
            raise InvalidInput("No such column.")
        if target is not None and target not in TARGETS:
            raise InvalidInput(f"{target}: not a field an import can set.")
        if target is not None:
            self.fields = [None if f == target else f for f in self.fields]
        self.fields[column] = target

    def set_by_header(self, header: str, target: str | None) -> None:
        """Map the column with this header (folded comparison)."""
        wanted = fold_header(header)
        for i, h in enumerate(self.headers):
            if fold_header(h) == wanted:
                self.set(i, target)
                return
        raise InvalidInput("No column has that header.")

    def drop_repeats(self) -> None:
        """Keep only the first column mapped to each field; note the others as ignored."""
        seen: set[str] = set()
        for i, target in enumerate(self.fields):
            if target is None:
                continue
            if target in seen:
                self.fields[i] = None
                self.notes.append(f"column {i + 1} also names {target}: ignored")
            seen.add(target)

    def column_of(self, target: str) -> int | None:
        return self.fields.index(target) if target in self.fields else None

    def ignored(self) -> list[str]:
        return [h for h, f in zip(self.headers, self.fields, strict=True) if f is None and h]

    def check(self) -> None:
        """A file without a name (or id) column cannot be imported."""
        if "name" not in self.fields and ID not in self.fields:
            raise FileRejected(QT_TRANSLATE_NOOP(
                "Errors", "No column was recognised as the name: map one "
                          "(e.g. 'name' or 'ФИО') and try again."))

    def to_json(self) -> dict[str, Any]:
        columns = {h: f for h, f in zip(self.headers, self.fields, strict=True) if h}
        return {"columns": columns, "default_kind": self.default_kind.value}

    def apply_saved(self, saved: dict[str, Any]) -> None:
        """Apply a saved mapping's choices to the columns whose headers it names."""
        columns = saved.get("columns")
        if isinstance(columns, dict):
            by_header = {fold_header(str(h)): t for h, t in columns.items()}
            for i, h in enumerate(self.headers):
                target = by_header.get(fold_header(h), self.fields[i])
                self.fields[i] = target if target in TARGETS else None
        kind = saved.get("default_kind")
        if kind in (Kind.PERSON.value, Kind.ORGANISATION.value):
            self.default_kind = Kind(kind)


def _guess_kind(fields: Sequence[str | None]) -> Kind:
    """Organisation when the columns name only organisation fields besides the shared ones."""
    person_only = set(FIELDS[Kind.PERSON]) - set(FIELDS[Kind.ORGANISATION])
    org_only = set(FIELDS[Kind.ORGANISATION]) - set(FIELDS[Kind.PERSON])
    named = set(f for f in fields if f)
    if named & org_only and not named & person_only:
        return Kind.ORGANISATION
    return Kind.PERSON


# -- saved mappings (table import_mapping) ---------------------------------------------------------
def save_mapping(conn: Any, name: str, mapping: ColumnMapping) -> None:
    """Save or replace a named mapping (call inside the store's write transaction)."""
    name = name.strip()
    if not name or len(name) > MAX_MAPPING_NAME:
        raise InvalidInput(f"A mapping name needs 1 to {MAX_MAPPING_NAME} characters.")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute("INSERT INTO import_mapping (name, mapping, saved_at) VALUES (?, ?, ?) "
                 "ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping, "
                 "saved_at = excluded.saved_at",
                 (name, json.dumps(mapping.to_json(), ensure_ascii=False), now))


def load_mapping(conn: Any, name: str) -> dict[str, Any]:
    row = conn.execute("SELECT mapping FROM import_mapping WHERE name = ?",
                       (name.strip(),)).fetchone()
    if row is None:
        raise NotFound("No saved mapping of that name.")
    data = json.loads(row[0])
    return data if isinstance(data, dict) else {}


def list_mappings(conn: Any) -> list[str]:
    return [str(r[0]) for r in conn.execute("SELECT name FROM import_mapping ORDER BY name")]
