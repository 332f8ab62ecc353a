"""Records as bundle payload lines, and back, with strict validation (DESIGN §6.2).

A record line is one JSON object with exactly these keys::

    {"id": "<uuid>", "kind": "person", "values": {"name": "…", …},
     "stamps": [[hlc, "<origin>", ["name", …]], …], "erased": null | [hlc, "<origin>"]}

``stamps`` groups the fields that share one stamp (like the store's own encoding); every
field in ``values`` has exactly one stamp and every stamped field is in ``values`` (a
cleared field travels as ``null``). An erased record has no values and no stamps.

Reading is strict: the id must be a canonical UUID, the kind known, every field one of the
kind's fields, every value of the field's JSON type and valid for the field (it is then
normalised exactly as user input is), every stamp well-formed and not absurdly far in the
future. Error messages name the line and the field, never a value.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable
from enum import Enum
from typing import Any

from registry.domain import regions
from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import MAX_HLC, Stamp, wall_hlc
from registry.domain.ids import is_id
from registry.domain.model import KINDS, FieldSpec, FieldType, Record
from registry.domain.validate import FieldError, normalise_value
from registry.errors import BundleError, InvalidInput
from registry.memory import of_records
from registry.sync.custodians import MAX_SHARE_FILE
from registry.sync.keys import b64decode_strict, b64encode, is_fingerprint

LINE_KEYS = frozenset({"id", "kind", "values", "stamps", "erased"})
SIGS = "sigs"  # optional: {field: base64 Ed25519 signature} of the signed claims (§6.5.3)
_SIGNABLE = frozenset({"erased", "deleted", "score_1", "score_2", "score_3", "evidence_1",
                       "evidence_2", "evidence_3", "subject_id", "date", "decision",
                       "decided_by"})  # signatures.SIGNABLE (a test holds them equal)
_SIG_SIZE = 64
NOTICE_KEYS = frozenset({"notice", "id", "kind", "values", "stamps"})
NOTICE = "protection"
# A stamp more than this far ahead of the wall clock would freeze every later edit behind it.
MAX_CLOCK_SKEW_MS = 7 * 24 * 3600 * 1000
_STR_TYPES = frozenset({FieldType.TEXT, FieldType.ENUM, FieldType.DATE, FieldType.REF,
                        FieldType.COUNTRY, FieldType.REGION, FieldType.CURRENCY,
                        FieldType.SENSITIVITY, FieldType.TEXT_LIST, FieldType.ENUM_LIST,
                        FieldType.REF_LIST, FieldType.COUNTRY_LIST, FieldType.REGION_LIST})
_KIND_BY_VALUE = {k.value: k for k in KINDS}
_SIGNED_KEYS = LINE_KEYS | {SIGS}


# ---- writing --------------------------------------------------------------------------------
def group_stamps(stamps: dict[str, Stamp]) -> list[list[Any]]:
    """``[[hlc, origin, [field, …]], …]`` sorted by stamp, fields sorted."""
    marks = list(stamps.values())
    if marks and marks.count(marks[0]) == len(marks):  # one stamp (most records)
        return [[marks[0].hlc, marks[0].origin, sorted(stamps)]]
    groups: dict[Stamp, list[str]] = {}
    for name, stamp in stamps.items():
        groups.setdefault(stamp, []).append(name)
    return [[s.hlc, s.origin, sorted(names)] for s, names in sorted(groups.items())]


def to_line(record: Record, sigs: dict[str, bytes] | None = None) -> dict[str, Any]:
    """The payload object of ``record`` (its values and stamps as they are), with the
    signatures of its signed claims when it has any."""
    line = {
        "id": record.id,
        "kind": record.kind.value,
        "values": {name: record.values.get(name) for name in record.stamps},
        "stamps": group_stamps(record.stamps),
        "erased": record.erased.to_json() if record.erased else None,
    }
    if sigs:
        line[SIGS] = {name: b64encode(sig) for name, sig in sorted(sigs.items())}
    return line


def notice_line(record_id: str, kind: Kind, values: dict[str, Any],
                stamps: dict[str, Stamp]) -> dict[str, Any]:
    """A protection notice (DESIGN §6.4.2): id, kind and the raised ``sensitivity`` /
    ``inside_russia`` with their stamps — nothing else."""
    return {"notice": NOTICE, "id": record_id, "kind": kind.value,
            "values": {name: values.get(name) for name in stamps},
            "stamps": group_stamps(stamps)}


def is_notice(obj: Any) -> bool:
    return isinstance(obj, dict) and "notice" in obj


# A colleague's recovery share (issue 15) travels as a line of its own: the share file as
# ``recovery share`` writes it — signed by its owner, the bundle's sender, and its share
# sealed to the custodian's age key, so only the custodian named in ``to`` can open it.
SHARE_KEYS = frozenset({"recovery_share", "to"})


def share_line(to: str, share_file: bytes) -> dict[str, Any]:
    return {"recovery_share": b64encode(share_file), "to": to}


def is_share(obj: Any) -> bool:
    return isinstance(obj, dict) and "recovery_share" in obj


def share_from_line(obj: Any, number: int) -> tuple[str, bytes]:
    """The custodian a share line is for, and the share file it carries (unchecked: the
    recovery layer checks its signatures and seal)."""
    if not isinstance(obj, dict) or set(obj) != SHARE_KEYS or not is_fingerprint(obj["to"]) \
            or not isinstance(obj["recovery_share"], str) \
            or len(obj["recovery_share"]) > MAX_SHARE_FILE * 4 // 3 + 4:
        raise LineError(f"Payload line {number} is not a recovery share (unexpected, missing "
                        "or oversized keys).")
    text = obj["recovery_share"]
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        data = b""
    if not data or b64encode(data) != text:
        raise LineError(f"Payload line {number}: the recovery share is not canonical base64.")
    return obj["to"], data


# ---- reading --------------------------------------------------------------------------------
class LineError(BundleError):
    """A payload line that is not a valid record (the message names line and field)."""


def from_line(obj: Any, number: int, *, now_hlc: int | None = None) -> Record:
    """Validate one payload object and return the record it describes."""
    if not isinstance(obj, dict) or (obj.keys() != LINE_KEYS and obj.keys() != _SIGNED_KEYS):
        raise LineError(f"Payload line {number} is not a record (unexpected or missing keys).")
    record_id, kind = _id(obj["id"], number), _kind(obj["kind"], number)
    limit = (now_hlc if now_hlc is not None else wall_hlc()) + (MAX_CLOCK_SKEW_MS << 16)
    erased = None if obj["erased"] is None else _stamp(obj["erased"], number, limit)
    stamps = _stamps(obj["stamps"], kind, number, limit)
    values = _values(obj["values"], kind, number)
    if values.keys() != stamps.keys():
        raise LineError(f"Payload line {number}: values and stamps name different fields.")
    if erased is not None and values:
        raise LineError(f"Payload line {number}: an erased record carries values.")
    return Record(record_id, kind, values, stamps, erased)


def is_record_line(obj: dict[str, Any]) -> bool:
    """Whether ``obj`` has a record line's keys (:func:`from_line` still checks the rest)."""
    return obj.keys() == LINE_KEYS or obj.keys() == _SIGNED_KEYS


Checked = tuple[str, str, dict[str, Any], list[Any], list[Any] | None]


def checked(record: Record, obj: dict[str, Any]) -> Checked:
    """What :func:`rebuilt` makes ``record`` again from, ``record`` being what
    :func:`from_line` returned for ``obj`` (its values as validated; its stamps and erasure
    as the line wrote them, which it checked): only JSON types, to cross to another process
    (``sync.readahead``)."""
    return record.id, record.kind.value, record.values, obj["stamps"], obj["erased"]


def rebuilt(parts: Checked) -> Record:
    """The record :func:`from_line` returned, from :func:`checked` of it (no check again:
    only for what that validated, in this program)."""
    record_id, kind, values, groups, erased = parts
    if len(groups) == 1:  # most lines: one stamp for every field
        hlc, origin, names = groups[0]
        stamps = dict.fromkeys(names, Stamp(hlc, origin))
    else:
        stamps = {}
        for hlc, origin, names in groups:
            stamp = Stamp(hlc, origin)
            for name in names:
                stamps[name] = stamp
    return Record(record_id, _KIND_BY_VALUE[kind], values, stamps,
                  None if erased is None else Stamp(erased[0], erased[1]))


def notice_from_line(obj: Any, number: int, *, now_hlc: int | None = None) -> Record:
    """Validate a protection notice line: the record it raises, with only the raised fields."""
    if not isinstance(obj, dict) or set(obj) != NOTICE_KEYS or obj["notice"] != NOTICE:
        raise LineError(f"Payload line {number} is not a protection notice (unexpected or "
                        "missing keys).")
    record_id, kind = _id(obj["id"], number), _kind(obj["kind"], number)
    limit = (now_hlc if now_hlc is not None else wall_hlc()) + (MAX_CLOCK_SKEW_MS << 16)
    stamps = _stamps(obj["stamps"], kind, number, limit)
    values = _values(obj["values"], kind, number)
    if set(values) != set(stamps) or not stamps or not set(stamps) <= NOTICE_FIELDS:
        raise LineError(f"Payload line {number}: a protection notice carries fields other "
                        "than sensitivity and inside_russia.")
    return Record(record_id, kind, values, stamps)


NOTICE_FIELDS = frozenset({"sensitivity", "inside_russia"})


def sigs_from_line(obj: dict[str, Any], number: int) -> dict[str, bytes]:
    """The signatures a record line carries (checked for shape only; whose they are and
    whether they verify is ``signatures.screen``'s question)."""
    raw = obj.get(SIGS)
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not raw or not set(raw) <= _SIGNABLE:
        raise LineError(f"Payload line {number}: its signatures name unexpected fields.")
    out = {}
    for name, text in raw.items():
        try:
            out[name] = b64decode_strict(text, _SIG_SIZE, "signature")
        except InvalidInput:
            raise LineError(f"Payload line {number}: the signature of field '{name}' is "
                            "malformed.") from None
    return out


def _id(value: Any, number: int) -> str:
    if type(value) is not str or not is_id(value):  # JSON gives str itself, never a subclass
        raise LineError(f"Payload line {number}: the id is not a canonical record id.")
    return value


def _kind(value: Any, number: int) -> Kind:
    kind = _KIND_BY_VALUE.get(value) if isinstance(value, str) else None
    if kind is None:
        raise LineError(f"Payload line {number}: unknown record kind.")
    return kind


def _stamp(value: Any, number: int, limit: int) -> Stamp:
    try:
        stamp = Stamp.from_json(value)
    except ValueError:
        raise LineError(f"Payload line {number}: a stamp is malformed.") from None
    if stamp.hlc > limit:
        raise LineError(f"Payload line {number}: a stamp lies too far in the future.")
    if _ORIGIN.fullmatch(stamp.origin) is None:
        raise LineError(f"Payload line {number}: a stamp's origin is neither an official's "
                        "fingerprint nor a pseudonym's.")
    return stamp


# Who a stamp names: an official's fingerprint (40 hex characters), or the origin of a
# pseudonymous copy (``redact.pseudonym_origin``, 32). Nothing else: a vault shows an origin
# it does not know as it is, and any other text (an official's name, a terminal's control
# characters) would speak for someone in its provenance (DESIGN §6.5.1).
_ORIGIN = re.compile(r"[0-9a-f]{32}(?:[0-9a-f]{8})?")


def _stamps(value: Any, kind: Kind, number: int, limit: int) -> dict[str, Stamp]:
    one = _one_stamp(value, KINDS[kind].by_name, min(limit, MAX_HLC))
    return one if one is not None else _stamp_groups(value, kind, number, limit)


def _one_stamp(value: Any, known: dict[str, FieldSpec], limit: int) -> dict[str, Stamp] | None:
    """The fields of a line whose fields share one well-formed stamp (most lines), else None:
    :func:`_stamp_groups` then reads the line as every other line and says what is wrong."""
    if type(value) is not list or len(value) != 1:
        return None
    group = value[0]
    if type(group) is not list or len(group) != 3:
        return None
    hlc, origin, names = group
    if (type(hlc) is not int or not 0 <= hlc <= limit or type(origin) is not str
            or _ORIGIN.fullmatch(origin) is None or type(names) is not list):
        return None
    try:
        fields = dict.fromkeys(names, Stamp(hlc, origin))
    except TypeError:  # an unhashable name
        return None
    if len(fields) != len(names) or not fields.keys() <= known.keys():
        return None  # a repeated or unknown field (a str key matches only a str name)
    return fields


def _stamp_groups(value: Any, kind: Kind, number: int, limit: int) -> dict[str, Stamp]:
    spec = KINDS[kind]
    if not isinstance(value, list) or len(value) > len(spec.fields):
        raise LineError(f"Payload line {number}: stamps are malformed.")
    out: dict[str, Stamp] = {}
    for group in value:
        if not isinstance(group, list) or len(group) != 3 or not isinstance(group[2], list):
            raise LineError(f"Payload line {number}: stamps are malformed.")
        stamp = _stamp(group[:2], number, limit)
        for name in group[2]:
            if not isinstance(name, str) or name not in spec.by_name or name in out:
                raise LineError(f"Payload line {number}: stamps name an unknown or repeated "
                                "field.")
            out[name] = stamp
    return out


def _values(value: Any, kind: Kind, number: int) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LineError(f"Payload line {number}: values are not an object.")
    canonical = _CANONICAL[kind]
    out = value  # kept as it is when every value is canonical already (most lines)
    for name, raw in value.items():
        is_canonical = canonical.get(name)
        if is_canonical is None:
            raise LineError(f"Payload line {number}: a value names no field of {kind.value}.")
        try:
            if is_canonical(raw):
                continue
        except TypeError:  # not of the field's JSON type: its validator says so
            pass
        if out is value:
            out = dict(value)
        out[name] = _VALIDATORS[kind][name](raw, number)
    return out


Validator = Callable[[Any, int], Any]


def _validator(spec: FieldSpec) -> Validator:
    """One field's check, with every type decision taken once (lines are many)."""
    type_ok = _type_check(spec)
    check = _list_check(spec) if spec.is_list else _CHECKS.get(spec.type)
    is_bool = spec.type is FieldType.BOOL

    def validate(raw: Any, number: int) -> Any:
        if raw is not None and not type_ok(raw):
            raise LineError(f"Payload line {number}: {spec.name} has the wrong type.")
        if (is_bool and raw is not None) or (check is not None and raw is not None
                                             and check(spec, raw)):
            return raw  # already canonical: what normalise_value would return
        try:
            return normalise_value(spec, raw)
        except FieldError as exc:
            raise LineError(f"Payload line {number}: {exc}") from None
    return validate


def _plain_text(spec: FieldSpec, text: str) -> bool:
    return (0 < len(text) <= spec.max_len and text.isprintable() and text == text.strip()
            and unicodedata.is_normalized("NFC", text))


def _enum_value(spec: FieldSpec, text: str) -> bool:
    return spec.enum is not None and text in _enum_values(spec.enum)


@functools.cache
def _enum_values(enum: type[Enum]) -> frozenset[str]:
    return frozenset(str(e.value) for e in enum)


def _iso_date(_spec: FieldSpec, text: str) -> bool:
    try:
        return len(text) == 10 and dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _in_range(spec: FieldSpec, value: Any) -> bool:
    return ((spec.minimum is None or value >= spec.minimum)
            and (spec.maximum is None or value <= spec.maximum))


_LEVELS = frozenset(s.label for s in Sensitivity)
_CURRENCY = re.compile(r"[A-Z]{3}")
_CHECKS: dict[FieldType, Callable[[FieldSpec, Any], bool]] = {
    FieldType.TEXT: _plain_text,
    FieldType.ENUM: _enum_value,
    FieldType.REF: lambda _s, v: is_id(v),
    FieldType.REGION: lambda _s, v: regions.is_region(v),
    FieldType.COUNTRY: lambda _s, v: v.isupper() and regions.is_country(v),
    FieldType.CURRENCY: lambda _s, v: _CURRENCY.fullmatch(v) is not None,
    FieldType.DATE: _iso_date,
    FieldType.INT: _in_range,
    FieldType.SENSITIVITY: lambda _s, v: v in _LEVELS,
}
_ITEM_TYPE = {FieldType.TEXT_LIST: FieldType.TEXT, FieldType.ENUM_LIST: FieldType.ENUM,
              FieldType.REF_LIST: FieldType.REF, FieldType.COUNTRY_LIST: FieldType.COUNTRY,
              FieldType.REGION_LIST: FieldType.REGION}


def _list_check(spec: FieldSpec) -> Callable[[FieldSpec, Any], bool]:
    """A list is canonical when short enough, without repeats, and every item canonical."""
    item = _CHECKS[_ITEM_TYPE[spec.type]]

    def check(spec: FieldSpec, values: list[Any]) -> bool:
        return (len(values) <= spec.max_items and len(set(values)) == len(values)
                and all(item(spec, v) for v in values))
    return check
def _type_check(spec: FieldSpec) -> Callable[[Any], bool]:
    if spec.is_list:
        return lambda raw: isinstance(raw, list) and all(isinstance(v, str) for v in raw)
    if spec.type in _STR_TYPES:
        return lambda raw: isinstance(raw, str)
    if spec.type is FieldType.BOOL:
        return lambda raw: isinstance(raw, bool)
    if spec.type is FieldType.INT:
        return lambda raw: isinstance(raw, int) and not isinstance(raw, bool)
    return lambda raw: isinstance(raw, int | float) and not isinstance(raw, bool)  # NUMBER


_VALIDATORS: dict[Kind, dict[str, Validator]] = {
    k: {f.name: _validator(f) for f in spec.fields} for k, spec in KINDS.items()}


# ---- the common case in one call -------------------------------------------------------------
Canonical = Callable[[Any], object]


def _canonical(spec: FieldSpec) -> Canonical:
    """Whether a raw value is already what the field's validator returns for it (it then
    returns it unchanged), in one call, often C. False, or a ``TypeError`` for a value of
    another type, sends the value to the validator, which normalises it or says what is
    wrong: this only has to be right when it says True."""
    if spec.type is FieldType.BOOL:
        return _none_or_bool
    if spec.type is FieldType.INT:
        return functools.partial(_none_or_int, spec)
    if spec.type is FieldType.NUMBER:
        return _never  # normalised (an integral float becomes an int): the validator decides
    item = _canonical_str(_ITEM_TYPE.get(spec.type, spec.type), spec)
    if spec.is_list:  # None becomes [] (not canonical)
        return functools.partial(_canonical_list, spec.max_items, item)
    return item  # None, or anything but a str, is False or a TypeError (the validator's turn)


def _canonical_str(kind: FieldType, spec: FieldSpec) -> Canonical:
    """``_CHECKS[kind]`` for one field, as a check of one argument (a str, else False or a
    ``TypeError``)."""
    if kind is FieldType.TEXT:
        return functools.partial(_plain_str, spec.max_len)
    if kind is FieldType.ENUM:
        return _enum_values(spec.enum).__contains__ if spec.enum is not None else _never
    fixed = _STR_CHECKS.get(kind)
    return fixed if fixed is not None else functools.partial(_CHECKS[kind], spec)


def _never(_raw: Any) -> bool:
    return False


def _none_or_bool(raw: Any) -> bool:
    return raw is None or type(raw) is bool


def _none_or_int(spec: FieldSpec, raw: Any) -> bool:
    return raw is None or (type(raw) is int and _in_range(spec, raw))


def _plain_str(max_len: int, text: Any) -> bool:
    """``_plain_text`` (ASCII text is NFC already)."""
    return (type(text) is str and 0 < len(text) <= max_len and text.isprintable()
            and text == text.strip()
            and (text.isascii() or unicodedata.is_normalized("NFC", text)))


def _date_str(text: str) -> bool:
    """``_iso_date``."""
    return len(text) == 10 and _ten_character_date(text)


@of_records
@functools.lru_cache(maxsize=4096)
def _ten_character_date(text: str) -> bool:
    """Remembered (for ten characters only: the cache stays small): a bundle's dates recur."""
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _canonical_list(max_items: int, item: Canonical, raw: Any) -> bool:
    if type(raw) is not list or len(raw) > max_items:
        return False
    for value in raw:
        if type(value) is not str or not item(value):
            return False
    return len(set(raw)) == len(raw)


def _short_country(code: str) -> bool:
    return len(code) == 2 and _country(code)  # a country code has two letters


@of_records
@functools.lru_cache(maxsize=1024)
def _country(code: str) -> bool:
    """``_CHECKS[COUNTRY]``, remembered (for two-letter text only: the cache stays small): a
    bundle names the same few countries again and again."""
    return code.isupper() and regions.is_country(code)


_STR_CHECKS: dict[FieldType, Canonical] = {
    FieldType.REF: is_id, FieldType.REGION: regions.DISTRICT_OF.__contains__,  # is_region
    FieldType.COUNTRY: _short_country, FieldType.SENSITIVITY: _LEVELS.__contains__,
    FieldType.DATE: _date_str}
_CANONICAL: dict[Kind, dict[str, Canonical]] = {
    k: {f.name: _canonical(f) for f in spec.fields} for k, spec in KINDS.items()}
