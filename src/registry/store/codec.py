"""Conversion between canonical record values and database columns."""

from __future__ import annotations

import json
import re
from typing import Any

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
    if all(type(i) is str for i in items):
        joined = '","'.join(items)
        if not _NEEDS_ESCAPE.search(joined):
            return f'["{joined}"]' if items else "[]"
    return dumps(items)


def to_column(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.is_list:
        return dumps_str_list(value) if value else None
    if spec.type is FieldType.SENSITIVITY:
        return int(Sensitivity.parse(value))
    if spec.type is FieldType.BOOL:
        return 1 if value else 0
    return value


def from_column(spec: FieldSpec, value: Any) -> Any:
    if spec.is_list:
        return json.loads(value) if value else []
    if value is None:
        return None
    if spec.type is FieldType.SENSITIVITY:
        return Sensitivity(value).label
    if spec.type is FieldType.BOOL:
        return bool(value)
    return value
