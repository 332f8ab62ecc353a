"""Work the editors hand to the worker thread: plain functions of a Registry, no Qt.

Everything here runs inside ``tasks.run`` and returns plain data that the GUI thread renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import KINDS, FieldType, Record
from registry.errors import InvalidInput

if TYPE_CHECKING:
    from registry.service import Registry

REF_TYPES = (FieldType.REF, FieldType.REF_LIST)
CONTACT_FIELDS = ("email", "phone", "signal", "telegram", "other_contact")
HIDDEN_FIELDS = frozenset({"deleted", "merged_into", "assessor"})


@dataclass(frozen=True)
class Suggestion:
    """One search result offered by a record picker."""

    id: str
    kind: str
    label: str
    sensitivity: str


@dataclass(frozen=True)
class Loaded:
    """A record for an editor: its values, the labels of records it refers to, and whether
    this vault's official may change it."""

    id: str
    kind: Kind
    values: dict[str, Any]
    ref_labels: dict[str, str]
    editable: bool = True
    protected_refs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TieRow:
    tie_id: str
    outgoing: bool
    kind: str
    other_id: str
    other_label: str
    other_kind: str
    role: str
    sensitivity: str


@dataclass(frozen=True)
class FieldRow:
    name: str
    value: Any
    by: str
    at: str


@dataclass(frozen=True)
class ViewData:
    """Everything a record view shows, gathered in one worker call."""

    id: str
    kind: Kind
    label: str
    sensitivity: str
    inside_russia: bool
    fields: list[FieldRow]
    ties: list[TieRow]
    ref_labels: dict[str, str] = field(default_factory=dict)


def record_label(record: Record) -> str:
    """A short human label: names in both scripts, or the title, or the kind's label field."""
    v = record.values
    name = str(v.get("name") or v.get("title") or "")
    latin = str(v.get("name_latin") or "")
    if name and latin and latin != name:
        return f"{name} ({latin})"
    return name or latin or record.label


def labels_of(reg: Registry, ids: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for record_id in ids:
        record = reg.store.get(record_id)
        out[record_id] = record_label(record) if record is not None else record_id
    return out


def ref_ids(kind: Kind, values: Mapping[str, Any]) -> list[str]:
    """The ids the values refer to (refs and ref lists)."""
    out: list[str] = []
    for spec in KINDS[kind].fields:
        if spec.type not in REF_TYPES or spec.name == "merged_into":
            continue
        value = values.get(spec.name)
        out += list(value) if isinstance(value, list) else ([value] if value else [])
    return out


def load_record(reg: Registry, record_id: str, kind: Kind) -> Loaded:
    record = reg.get(record_id)
    if record.kind is not kind:
        raise InvalidInput(f"That record is not a {kind.value}.")
    editable = (kind is not Kind.EVALUATION
                or record.values.get("assessor") == reg.identity.fingerprint)
    values = dict(record.values)
    refs = ref_ids(kind, values)
    return Loaded(record.id, kind, values, labels_of(reg, refs), editable,
                  frozenset(i for i in refs if _is_protected(reg, i)))


def load_labels(reg: Registry, ids: list[str]) -> dict[str, str]:
    return labels_of(reg, ids)


def assessor_name(reg: Registry) -> str:
    return reg.identity.name


def _is_protected(reg: Registry, record_id: str) -> bool:
    record = reg.store.get(record_id)
    return record is not None and record.sensitivity is Sensitivity.PROTECTED


def protect_tie(reg: Registry, values: dict[str, Any]) -> dict[str, Any]:
    """DESIGN §4.2: a tie that touches a protected person is protected too."""
    ends = [values.get("from_id"), values.get("to_id")]
    if any(isinstance(e, str) and _is_protected(reg, e) for e in ends):
        return {**values, "sensitivity": Sensitivity.PROTECTED.label}
    return values


def add_record(reg: Registry, kind: Kind, values: dict[str, Any]) -> str:
    if kind is Kind.TIE:
        values = protect_tie(reg, values)
    return reg.add(kind, values).id


def update_record(reg: Registry, record_id: str, changes: dict[str, Any]) -> str:
    record = reg.get(record_id)
    if record.kind is Kind.TIE:
        merged = protect_tie(reg, {**record.values, **changes})
        if merged.get("sensitivity") != record.values.get("sensitivity"):
            changes = {**changes, "sensitivity": merged["sensitivity"]}
    reg.update(record_id, changes)
    return record_id


def search_records(reg: Registry, text: str, kinds: frozenset[str], *,
                   accept: Callable[[Record], bool] | None = None,
                   exclude: frozenset[str] = frozenset(), limit: int = 15) -> list[Suggestion]:
    """Records matching ``text`` of the given kinds (all when empty), best first."""
    out: list[Suggestion] = []
    for hit in reg.search(text, limit * 4):
        if (kinds and hit.kind not in kinds) or hit.id in exclude:
            continue
        record = reg.get(hit.id)
        if accept is not None and not accept(record):
            continue
        out.append(Suggestion(hit.id, hit.kind, record_label(record), hit.sensitivity))
        if len(out) >= limit:
            break
    return out


def is_provider(record: Record) -> bool:
    """An organisation that may provide support: a donor or a government body."""
    return record.values.get("type") in ("donor", "government")


def load_view(reg: Registry, record_id: str) -> ViewData:
    record = reg.get(record_id)
    prov = reg.provenance(record)
    rows = [FieldRow(name, record.values[name], prov.get(name, {}).get("by") or
                     prov.get(name, {}).get("origin", "")[:16], prov.get(name, {}).get("at", ""))
            for name in (f.name for f in record.spec.fields)
            if name in record.values and name not in HIDDEN_FIELDS
            and record.values[name] not in (None, "", [])]
    ties = [_tie_row(reg, tie, record.id) for tie in reg.ties_of(record.id)]
    refs = labels_of(reg, ref_ids(record.kind, record.values))
    return ViewData(record.id, record.kind, record_label(record), record.sensitivity.label,
                    bool(record.values.get("inside_russia")), rows,
                    [t for t in ties if t is not None], refs)


def _tie_row(reg: Registry, tie: Record, here: str) -> TieRow | None:
    v = tie.values
    outgoing = v.get("from_id") == here
    other_id = str(v.get("to_id") if outgoing else v.get("from_id") or "")
    other = reg.store.get(other_id) if other_id else None
    if other is None:
        return None
    return TieRow(tie.id, outgoing, str(v.get("kind") or ""), other_id, record_label(other),
                  other.kind.value, str(v.get("role") or ""), tie.sensitivity.label)


def add_tie(reg: Registry, from_id: str, to_id: str, kind: str) -> str:
    return add_record(reg, Kind.TIE, {"from_id": from_id, "to_id": to_id, "kind": kind})
