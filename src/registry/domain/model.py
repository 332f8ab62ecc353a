"""Record kinds and their fields (DESIGN §4).

Each kind is described once, as data: the store builds its tables and the merge, export
redaction, digest and validation all read these specs, so a field is added in one place.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from registry.domain.enums import (
    Confidence,
    DuplicateDecision,
    Gender,
    Group,
    Horizon,
    Kind,
    OrgType,
    Role,
    Sensitivity,
    SupportKind,
    SupportStatus,
    TieKind,
)
from registry.domain.hlc import Stamp


class FieldType(Enum):
    TEXT = "text"
    TEXT_LIST = "text_list"
    ENUM = "enum"
    ENUM_LIST = "enum_list"
    BOOL = "bool"
    INT = "int"
    NUMBER = "number"
    DATE = "date"
    REF = "ref"
    REF_LIST = "ref_list"
    COUNTRY = "country"
    COUNTRY_LIST = "country_list"
    REGION = "region"
    REGION_LIST = "region_list"
    CURRENCY = "currency"
    SENSITIVITY = "sensitivity"


LIST_TYPES = frozenset({FieldType.TEXT_LIST, FieldType.ENUM_LIST, FieldType.REF_LIST,
                        FieldType.COUNTRY_LIST, FieldType.REGION_LIST})


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record kind.

    ``floor`` is the field's own sensitivity: an export whose ceiling is below it leaves the
    field out. ``searchable`` fields feed the full-text index. ``free_text`` fields are
    prose, where a protected person may be named (exports blank such mentions, DESIGN
    §6.4.6). ``max_len`` bounds text.
    """

    name: str
    type: FieldType
    enum: builtins.type[Enum] | None = None
    floor: Sensitivity = Sensitivity.PUBLIC
    searchable: bool = False
    free_text: bool = False
    max_len: int = 500
    max_items: int = 50
    minimum: float | None = None
    maximum: float | None = None

    @property
    def is_list(self) -> bool:
        return self.type in LIST_TYPES


@dataclass(frozen=True)
class KindSpec:
    kind: Kind
    table: str
    fields: tuple[FieldSpec, ...]
    required: tuple[str, ...] = ()
    label_field: str = "name"
    by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def spec(self, name: str) -> FieldSpec:
        return self.by_name[name]


T, E, B, C = FieldType.TEXT, FieldType.ENUM, FieldType.BOOL, Sensitivity.CONFIDENTIAL
P = Sensitivity.PROTECTED

# Every kind carries these record-level fields, versioned like the others.
COMMON = (
    FieldSpec("sensitivity", FieldType.SENSITIVITY),
    FieldSpec("deleted", B),
    FieldSpec("merged_into", FieldType.REF),
)

NAMES = (
    FieldSpec("name", T, searchable=True, max_len=300),
    FieldSpec("name_latin", T, searchable=True, max_len=300),
    FieldSpec("aliases", FieldType.TEXT_LIST, searchable=True, max_len=300),
)

PERSON = KindSpec(Kind.PERSON, "person", (
    *COMMON, *NAMES,
    FieldSpec("gender", E, Gender, floor=P),
    FieldSpec("ethnicity", T, floor=P, max_len=100),
    FieldSpec("groups", FieldType.ENUM_LIST, Group, floor=P),
    FieldSpec("roles", FieldType.ENUM_LIST, Role),
    FieldSpec("region", FieldType.REGION),
    FieldSpec("country", FieldType.COUNTRY),
    FieldSpec("city", T, searchable=True, max_len=100),
    FieldSpec("inside_russia", B),
    FieldSpec("languages", FieldType.TEXT_LIST, max_len=50),
    FieldSpec("email", T, floor=C, max_len=254),
    FieldSpec("phone", T, floor=C, max_len=40),
    FieldSpec("signal", T, floor=C, max_len=100),
    FieldSpec("telegram", T, floor=C, max_len=100),
    FieldSpec("other_contact", T, floor=C, max_len=300),
    FieldSpec("notes", T, free_text=True, searchable=True, max_len=20_000),
    FieldSpec("legal_basis", T, free_text=True, max_len=2_000),
    FieldSpec("review_date", FieldType.DATE),
), required=("name",))

ORGANISATION = KindSpec(Kind.ORGANISATION, "organisation", (
    *COMMON, *NAMES,
    FieldSpec("type", E, OrgType),
    FieldSpec("founded", FieldType.INT, minimum=1800, maximum=2100),
    FieldSpec("relocated", FieldType.INT, minimum=1900, maximum=2100),
    FieldSpec("country", FieldType.COUNTRY),
    FieldSpec("host_countries", FieldType.COUNTRY_LIST),
    FieldSpec("city", T, searchable=True, max_len=100),
    FieldSpec("themes", FieldType.TEXT_LIST, max_len=100),
    FieldSpec("regions_covered", FieldType.REGION_LIST, max_items=100),
    FieldSpec("languages", FieldType.TEXT_LIST, max_len=50),
    FieldSpec("reach", FieldType.INT, minimum=0, maximum=10**10),
    FieldSpec("reach_metric", T, max_len=100),
    FieldSpec("reach_as_of", FieldType.DATE),
    FieldSpec("website", T, max_len=300),
    FieldSpec("notes", T, free_text=True, searchable=True, max_len=20_000),
), required=("name",))

TIE = KindSpec(Kind.TIE, "tie", (
    *COMMON,
    FieldSpec("from_id", FieldType.REF),
    FieldSpec("to_id", FieldType.REF),
    FieldSpec("kind", E, TieKind),
    FieldSpec("role", T, free_text=True, max_len=200),
    FieldSpec("start", FieldType.DATE),
    FieldSpec("end", FieldType.DATE),
    FieldSpec("confidence", E, Confidence),
    FieldSpec("source", T, free_text=True, max_len=1_000),
    FieldSpec("notes", T, free_text=True, max_len=20_000),
), required=("from_id", "to_id", "kind"), label_field="kind")

SUPPORT = KindSpec(Kind.SUPPORT, "support", (
    *COMMON,
    FieldSpec("provider_id", FieldType.REF),
    FieldSpec("recipient_id", FieldType.REF),
    FieldSpec("kind", E, SupportKind),
    FieldSpec("status", E, SupportStatus),
    FieldSpec("start", FieldType.DATE),
    FieldSpec("end", FieldType.DATE),
    FieldSpec("amount", FieldType.NUMBER, minimum=0, maximum=1e13),
    FieldSpec("currency", FieldType.CURRENCY),
    FieldSpec("horizon", E, Horizon),
    FieldSpec("notes", T, free_text=True, max_len=20_000),
), required=("provider_id", "recipient_id", "kind"), label_field="kind")

EVENT = KindSpec(Kind.EVENT, "event", (
    *COMMON,
    FieldSpec("title", T, searchable=True, free_text=True, max_len=300),
    FieldSpec("start", FieldType.DATE),
    FieldSpec("end", FieldType.DATE),
    FieldSpec("place", T, searchable=True, max_len=200),
    FieldSpec("country", FieldType.COUNTRY),
    FieldSpec("organiser_id", FieldType.REF),
    FieldSpec("participants", FieldType.REF_LIST, max_items=5_000),
    FieldSpec("notes", T, free_text=True, searchable=True, max_len=20_000),
), required=("title", "start"), label_field="title")

EVALUATION = KindSpec(Kind.EVALUATION, "evaluation", (
    *COMMON,
    FieldSpec("subject_id", FieldType.REF),
    FieldSpec("date", FieldType.DATE),
    FieldSpec("assessor", T, max_len=64),
    FieldSpec("assessor_name", T, max_len=200),
    FieldSpec("score_1", FieldType.INT, minimum=0, maximum=4),
    FieldSpec("score_2", FieldType.INT, minimum=0, maximum=4),
    FieldSpec("score_3", FieldType.INT, minimum=0, maximum=4),
    FieldSpec("evidence_1", T, free_text=True, max_len=20_000),
    FieldSpec("evidence_2", T, free_text=True, max_len=20_000),
    FieldSpec("evidence_3", T, free_text=True, max_len=20_000),
), required=("subject_id", "date", "score_1", "score_2", "score_3"), label_field="date")

# A decision on a proposed duplicate pair (a_id < b_id); its id is derived from the pair, so
# two officials' decisions on one pair are one record and merge field by field.
DECISION = KindSpec(Kind.DECISION, "decision", (
    *COMMON,
    FieldSpec("a_id", FieldType.REF),
    FieldSpec("b_id", FieldType.REF),
    FieldSpec("decision", E, DuplicateDecision),
    FieldSpec("decided_by", T, max_len=64),
    FieldSpec("decided_by_name", T, max_len=200),
), required=("a_id", "b_id", "decision"), label_field="decision")

KINDS: dict[Kind, KindSpec] = {s.kind: s for s in
                               (PERSON, ORGANISATION, TIE, SUPPORT, EVENT, EVALUATION, DECISION)}
ACTOR_KINDS = frozenset({Kind.PERSON, Kind.ORGANISATION})


@dataclass
class Record:
    """A record as stored and as it travels in bundles: values and a stamp per field.

    ``values`` holds only fields that have been set; an erased record has no values and an
    ``erased`` stamp, which wins over every edit.
    """

    id: str
    kind: Kind
    values: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, Stamp] = field(default_factory=dict)
    erased: Stamp | None = None

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    @property
    def sensitivity(self) -> Sensitivity:
        return Sensitivity.parse(str(self.values.get("sensitivity") or "internal"))

    @property
    def deleted(self) -> bool:
        return bool(self.values.get("deleted")) or self.erased is not None

    @property
    def label(self) -> str:
        value = self.values.get(self.spec.label_field)
        return str(value) if value is not None else ""
