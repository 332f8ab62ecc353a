"""Validation and normalisation of field values, for user input and for bundle lines alike.

Values are kept in one JSON-compatible canonical form everywhere (enums as their snake_case
value, dates as ISO strings, sensitivity as its label, lists without duplicates).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from registry.domain import regions
from registry.domain.enums import Kind, Sensitivity
from registry.domain.ids import is_id
from registry.domain.model import KINDS, FieldSpec, FieldType, KindSpec

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


class FieldError(ValueError):
    """A value that does not fit its field; the message names the field, never the value."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


def normalise(kind: Kind, raw: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    """Validate ``raw`` field values of ``kind`` and return them in canonical form.

    Unknown fields are refused. ``None`` or an empty string clears a field. With
    ``partial=False`` the kind's required fields must be present.
    """
    spec = KINDS[kind]
    out: dict[str, Any] = {}
    for name, value in raw.items():
        fspec = spec.by_name.get(name)
        if fspec is None:
            raise FieldError(name, f"not a field of {kind.value}")
        out[name] = normalise_value(fspec, value)
    if not partial:
        missing = [f for f in spec.required if out.get(f) in (None, [], "")]
        if missing:
            raise FieldError(missing[0], "is required")
    return out


def apply_rules(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """Rules of DESIGN §4.2 on a full record's values: a person inside Russia is protected."""
    if kind is Kind.PERSON and values.get("inside_russia"):
        values["sensitivity"] = Sensitivity.PROTECTED.label
    return values


def normalise_value(spec: FieldSpec, value: Any) -> Any:
    """One field's canonical value, or ``None`` to clear it."""
    if value is None or (isinstance(value, str) and not value.strip() and spec.type is not
                         FieldType.BOOL):
        return [] if spec.is_list else None
    if spec.is_list:
        return _normalise_list(spec, value)
    return _normalise_scalar(spec, value)


def _normalise_list(spec: FieldSpec, value: Any) -> list[Any]:
    items = [v for v in value.split(",")] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise FieldError(spec.name, "must be a list")
    if len(items) > spec.max_items:
        raise FieldError(spec.name, f"at most {spec.max_items} items")
    out: list[Any] = []
    for item in items:
        v = _normalise_scalar(spec, item)
        if v is not None and v not in out:
            out.append(v)
    return out


def _normalise_scalar(spec: FieldSpec, value: Any) -> Any:
    return _SCALARS[spec.type](spec, value)


def _ref(spec: FieldSpec, value: Any) -> str:
    ref = _str(spec, value).strip().lower()
    if not is_id(ref):
        raise FieldError(spec.name, "is not a record id")
    return ref


def _country(spec: FieldSpec, value: Any) -> str:
    code = _str(spec, value).strip().upper()
    if not regions.is_country(code):
        raise FieldError(spec.name, "is not an ISO 3166-1 country code (e.g. DE)")
    return code


def _region(spec: FieldSpec, value: Any) -> str:
    code = _str(spec, value).strip().upper()
    if not regions.is_region(code):
        raise FieldError(spec.name, "is not a federal subject code (e.g. RU-SVE, UA-43)")
    return code


def _currency(spec: FieldSpec, value: Any) -> str:
    cur = _str(spec, value).strip().upper()
    if not _CURRENCY_RE.fullmatch(cur):
        raise FieldError(spec.name, "is not a three-letter currency code")
    return cur


def _sensitivity(spec: FieldSpec, value: Any) -> str:
    try:
        return Sensitivity.parse(_str(spec, value)).label
    except ValueError as exc:
        raise FieldError(spec.name, str(exc)) from None


def _str(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(spec.name, "must be text")
    return value


def _text(spec: FieldSpec, value: Any) -> str | None:
    text = unicodedata.normalize("NFC", _str(spec, value)).strip()
    if len(text) > spec.max_len:
        raise FieldError(spec.name, f"is longer than {spec.max_len} characters")
    if any(unicodedata.category(c) in _CONTROL and c not in "\n\t" for c in text):
        raise FieldError(spec.name, "contains control characters")
    return text or None


def _enum(spec: FieldSpec, value: Any) -> str:
    assert spec.enum is not None
    text = _str(spec, value).strip().lower().replace("-", "_").replace(" ", "_")
    allowed = [str(e.value) for e in spec.enum]
    if text not in allowed:
        raise FieldError(spec.name, f"must be one of: {', '.join(allowed)}")
    return text


def _bool(spec: FieldSpec, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "y", "да"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("", "0", "false", "no", "n", "нет"):
        return False
    raise FieldError(spec.name, "must be true or false")


def _int(spec: FieldSpec, value: Any) -> int:
    if isinstance(value, bool):
        raise FieldError(spec.name, "must be a whole number")
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise FieldError(spec.name, "must be a whole number") from None
    if not isinstance(value, int):
        raise FieldError(spec.name, "must be a whole number")
    _range(spec, value)
    return value


def _number(spec: FieldSpec, value: Any) -> int | float:
    if isinstance(value, bool):
        raise FieldError(spec.name, "must be a number")
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise FieldError(spec.name, "must be a number") from None
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise FieldError(spec.name, "must be a number")
    _range(spec, value)
    return int(value) if float(value).is_integer() else round(float(value), 2)


def _range(spec: FieldSpec, value: float) -> None:
    if spec.minimum is not None and value < spec.minimum:
        raise FieldError(spec.name, f"must be at least {spec.minimum:g}")
    if spec.maximum is not None and value > spec.maximum:
        raise FieldError(spec.name, f"must be at most {spec.maximum:g}")


def _date(spec: FieldSpec, value: Any) -> str:
    text = _str(spec, value).strip()
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(spec)
    except ValueError:
        return _bad_date(spec)


def _bad_date(spec: FieldSpec) -> str:
    raise FieldError(spec.name, "must be a date as YYYY-MM-DD")


def spec_of(kind: Kind) -> KindSpec:
    return KINDS[kind]


_SCALARS: dict[FieldType, Callable[[FieldSpec, Any], Any]] = {
    FieldType.TEXT: _text, FieldType.TEXT_LIST: _text,
    FieldType.ENUM: _enum, FieldType.ENUM_LIST: _enum,
    FieldType.BOOL: _bool, FieldType.INT: _int, FieldType.NUMBER: _number,
    FieldType.DATE: _date, FieldType.REF: _ref, FieldType.REF_LIST: _ref,
    FieldType.COUNTRY: _country, FieldType.COUNTRY_LIST: _country,
    FieldType.REGION: _region, FieldType.REGION_LIST: _region,
    FieldType.CURRENCY: _currency, FieldType.SENSITIVITY: _sensitivity,
}
