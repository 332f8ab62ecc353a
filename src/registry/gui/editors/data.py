"""Work the editors hand to the worker thread: plain functions of a Registry, no Qt.

Everything here runs inside ``tasks.run`` and returns plain data that the GUI thread renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from registry.domain.enums import Kind, may_provide_support
from registry.domain.model import KINDS, FieldType, Record
from registry.errors import QT_TRANSLATE_NOOP, InvalidInput

if TYPE_CHECKING:
    from registry.service import Holder, Registry

REF_TYPES = (FieldType.REF, FieldType.REF_LIST)
CONTACT_FIELDS = ("email", "phone", "signal", "telegram", "other_contact")
HIDDEN_FIELDS = frozenset({"deleted", "merged_into", "assessor"})
ACTOR_KINDS = frozenset({"person", "organisation"})


@dataclass(frozen=True)
class Suggestion:
    """One search result offered by a record picker."""

    id: str
    kind: str
    label: str
    sensitivity: str


@dataclass(frozen=True)
class LoadedRecord:
    """A record for an editor: its values, the labels of records it refers to, and whether
    this vault's official may change it."""

    id: str
    kind: Kind
    values: dict[str, Any]
    ref_labels: dict[str, str]
    editable: bool = True
    protected_refs: frozenset[str] = frozenset()
    level: str = ""  # the level the record is treated at (the one protection rule)
    inside_russia: bool = False  # it, or a record decided the same, is inside Russia


@dataclass(frozen=True)
class Saved:
    """A record written by an editor, and who holds it when the write newly protected it.

    ``holders`` are the officials (and bare age recipients) this vault sent the record to:
    they need a protection notice (DESIGN §6.4.2).
    """

    id: str
    holders: tuple[Holder, ...] = ()
    inside_russia: bool = False
    label: str = ""
    records: int = 1  # a spreadsheet import may newly protect several at once


def newly_protected(reg: Registry, report: Any) -> Saved | None:
    """The records a spreadsheet import (``report``: its ``SpreadsheetReport``) newly
    protected that this vault had shared, as one protect-now request: their holders, each
    once (a protect-now bundle carries the notices of every record its official holds)."""
    rows = report.newly_protected
    if not rows:
        return None
    holders = tuple({h.key: h for o in rows for h in o.shared_with}.values())
    ids = list(dict.fromkeys(o.record_id for o in rows))
    first = reg.get(ids[0])
    return Saved(ids[0], holders, len(ids) == 1 and reg.group_inside(ids[0]),
                 record_label(first), records=len(ids))


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
    received_from: str = ""  # who sent the value, for one an import brought (DESIGN §6.5.1)


@dataclass(frozen=True)
class ViewData:
    """Everything a record view shows, gathered in one worker call.

    ``sensitivity`` and ``inside_russia`` are what the one protection rule says (its "same"
    group counts), not only the record's own fields.
    """

    id: str
    kind: Kind
    label: str
    sensitivity: str
    inside_russia: bool
    fields: list[FieldRow]
    ties: list[TieRow]
    ref_labels: dict[str, str] = field(default_factory=dict)
    own_sensitivity: str = ""  # the record's own level (``sensitivity`` is the rule's)
    described: Described | None = None  # for the title: what a tie or support joins, and how


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
        record = reg.find(record_id)
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


def load_record(reg: Registry, record_id: str, kind: Kind) -> LoadedRecord:
    record = reg.get(record_id)
    if record.kind is not kind:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "This editor cannot open that record: it is of another kind. Open it "
            "from its own list."))
    editable = (kind is not Kind.EVALUATION
                or record.values.get("assessor") == reg.identity.fingerprint)
    values = dict(record.values)
    refs = ref_ids(kind, values)
    return LoadedRecord(record.id, kind, values, labels_of(reg, refs), editable,
                  frozenset(i for i in refs if reg.is_protected(i)),
                  reg.protection_of(record.id).label, reg.group_inside(record.id))


def load_labels(reg: Registry, ids: list[str]) -> dict[str, str]:
    return labels_of(reg, ids)


def assessor_name(reg: Registry) -> str:
    return reg.identity.name


def add_record(reg: Registry, kind: Kind, values: dict[str, Any]) -> Saved:
    """A new record (the service protects a tie that touches a protected person)."""
    return Saved(reg.add(kind, values).id)


def update_record(reg: Registry, record_id: str, changes: dict[str, Any], *,
                  confirm_lowering: bool = False) -> Saved:
    """Change a record; say who holds it when the change newly protects it (DESIGN §6.4.2).

    Lowering protection raises the service's ``LoweringNeedsConfirmation`` unless
    ``confirm_lowering``: the editor asks the official and tries again.
    """
    was = reg.protection_mark(record_id)
    reg.update(record_id, changes, confirm_lowering=confirm_lowering)
    holders = tuple(reg.holders_to_tell(record_id, was))
    if not holders:
        return Saved(record_id)
    return Saved(record_id, holders, reg.group_inside(record_id),
                 record_label(reg.get(record_id)))


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
        level = reg.protection_of(hit.id).label if hit.kind in ACTOR_KINDS else hit.sensitivity
        out.append(Suggestion(hit.id, hit.kind, record_label(record), level))
        if len(out) >= limit:
            break
    return out


def is_provider(record: Record) -> bool:
    """An organisation that may provide support (the rule: a donor or a government body)."""
    return may_provide_support(record.values.get("type"))


def load_view(reg: Registry, record_id: str) -> ViewData:
    record = reg.get(record_id)
    prov = reg.provenance(record)
    rows = [FieldRow(name, record.values[name], *_set_by(prov.get(name, {})))
            for name in (f.name for f in record.spec.fields)
            if name in record.values and name not in HIDDEN_FIELDS
            and record.values[name] not in (None, "", [])]
    ties = [_tie_row(reg, tie, record.id) for tie in reg.ties_of(record.id)]
    refs = labels_of(reg, ref_ids(record.kind, record.values))
    return ViewData(record.id, record.kind, record_label(record),
                    reg.protection_of(record.id).label, reg.group_inside(record.id), rows,
                    [t for t in ties if t is not None], refs, record.sensitivity.label,
                    describe(reg, record, dict(refs)))


def _set_by(p: Mapping[str, str | None]) -> tuple[str, str, str]:
    """Who set a value (the stamp's origin), when, and who sent it here (the signer)."""
    by = p.get("by") or (p.get("origin") or "")[:16]
    sender = p.get("received_from")
    received = "" if sender is None else (p.get("received_from_name") or sender[:16])
    return by, p.get("at") or "", received


def _tie_row(reg: Registry, tie: Record, here: str) -> TieRow | None:
    v = tie.values
    outgoing = v.get("from_id") == here
    other_id = str(v.get("to_id") if outgoing else v.get("from_id") or "")
    other = reg.find(other_id) if other_id else None
    if other is None:
        return None
    return TieRow(tie.id, outgoing, str(v.get("kind") or ""), other_id, record_label(other),
                  other.kind.value, str(v.get("role") or ""), reg.protection_of(tie.id).label)


def add_tie(reg: Registry, from_id: str, to_id: str, kind: str) -> str:
    return reg.add(Kind.TIE, {"from_id": from_id, "to_id": to_id, "kind": kind}).id


@dataclass(frozen=True)
class Described:
    """What a list shows of one record: its name or title, and for a record that joins
    others (tie, support, evaluation, decision) the labels of those and its kind's value
    (translated on the GUI thread)."""

    id: str
    kind: Kind
    label: str
    code: str = ""
    ends: tuple[str, ...] = ()
    date: str = ""
    own: str = ""  # a person's own flag: "inside" Russia, "protected" level, or ""


_ENDS = {Kind.TIE: ("from_id", "to_id"), Kind.SUPPORT: ("provider_id", "recipient_id"),
         Kind.EVALUATION: ("subject_id",), Kind.DECISION: ("a_id", "b_id")}
_DATES = {Kind.EVENT: "start", Kind.EVALUATION: "date", Kind.SUPPORT: "start"}


def describe_records(reg: Registry, ids: Iterable[str], kinds: Mapping[str, Kind],
                     limit: int = 5000) -> list[Described]:
    """Labels of the given records for a list (at most ``limit``), in the order given."""
    out: list[Described] = []
    names: dict[str, str] = {}
    for record_id in list(ids)[:limit]:
        record = reg.find(record_id, kinds.get(record_id))
        if record is not None:
            out.append(describe(reg, record, names))
    return out


def describe(reg: Registry, record: Record, names: dict[str, str] | None = None) -> Described:
    """What a list or a record view's title shows of ``record`` (``names``: labels of the
    records it joins, looked up once)."""
    names = {} if names is None else names
    ends = tuple(_end_label(reg, names, record.values.get(n))
                 for n in _ENDS.get(record.kind, ()))
    code = str(record.values.get("kind") or record.values.get("decision") or "") \
        if record.kind in _ENDS else ""
    date = str(record.values.get(_DATES.get(record.kind, "")) or "")
    return Described(record.id, record.kind, record_label(record), code, ends, date,
                     _own_flag(record))


def _own_flag(record: Record) -> str:
    if record.kind is not Kind.PERSON:
        return ""
    if record.values.get("inside_russia"):
        return "inside"
    return "protected" if record.values.get("sensitivity") == "protected" else ""


def _end_label(reg: Registry, cache: dict[str, str], record_id: object) -> str:
    if not isinstance(record_id, str):
        return ""
    if record_id not in cache:
        cache.update(labels_of(reg, [record_id]))
    return cache[record_id]
