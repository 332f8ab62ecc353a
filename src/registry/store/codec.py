"""Conversion between canonical record values and database columns."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

from registry.domain.enums import Sensitivity
from registry.domain.model import FieldSpec, FieldType

# One encoder for all calls: json.dumps with non-default options builds a new one each time.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(value: Any) -> str:
    """Canonical compact JSON: the same value always gives the same text (digest, stamps)."""
    return _CANONICAL.encode(value)


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')


def dumps_str_list(items: list[str]) -> str:
    """``dumps`` of a list of strings; the common case (nothing to escape) joined directly."""
    if all(type(i) is str for i in items) and not _NEEDS_ESCAPE.search("".join(items)):
        return '["' + '","'.join(items) + '"]' if items else "[]"
    return dumps(items)


def to_column(spec: FieldSpec, value: Any) -> Any:
    writer = column_writer(spec)
    return value if value is None or writer is None else writer(value)


Writer = Callable[[Any], Any]


def _write_list(value: Any) -> Any:
    return dumps_str_list(value) if value else None


def _write_level(value: Any) -> Any:
    return int(Sensitivity.parse(value))


def _write_bool(value: Any) -> Any:
    return 1 if value else 0


def column_writer(spec: FieldSpec) -> Writer | None:
    """Record value (never None: NULL stays NULL) → stored column value, for a field whose
    stored form differs (lists as JSON, sensitivity as its rank, flags as 0/1); None: the
    value is stored as it is. :func:`column_reader` reads it back; decided once per field."""
    if spec.is_list:
        return _write_list
    if spec.type is FieldType.SENSITIVITY:
        return _write_level
    if spec.type is FieldType.BOOL:
        return _write_bool
    return None


Reader = Callable[[Any], Any]
_LEVEL_LABELS = {int(s): s.label for s in Sensitivity}


def _read_list(value: Any) -> Any:
    return orjson.loads(value) if value else []  # what dumps wrote: read as json would


def _read_level(value: Any) -> Any:
    if value is None:
        return None
    label = _LEVEL_LABELS.get(value)
    return label if label is not None else Sensitivity(value).label


def _read_bool(value: Any) -> Any:
    return None if value is None else bool(value)


def column_reader(spec: FieldSpec) -> Reader | None:
    """Stored column value → record value, for a field whose stored form differs from the
    record's (lists as JSON, sensitivity as its rank, flags as 0/1); None: the value is taken
    as read. The one conversion the store's reads and the export's row reader share, decided
    once per field."""
    if spec.is_list:
        return _read_list
    if spec.type is FieldType.SENSITIVITY:
        return _read_level
    if spec.type is FieldType.BOOL:
        return _read_bool
    return None


def from_column(spec: FieldSpec, value: Any) -> Any:
    reader = column_reader(spec)
    return value if reader is None else reader(value)
