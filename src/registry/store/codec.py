"""Conversion between canonical record values and database columns."""

from __future__ import annotations

import json
from typing import Any

from registry.domain.enums import Sensitivity
from registry.domain.model import FieldSpec, FieldType

# One encoder for all calls: json.dumps with non-default options builds a new one each time.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(value: Any) -> str:
    """Canonical compact JSON: the same value always gives the same text (digest, stamps)."""
    return _CANONICAL.encode(value)


def to_column(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.is_list:
        return dumps(value) if value else None
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
