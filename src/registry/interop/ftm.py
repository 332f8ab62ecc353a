"""FollowTheMoney (FtM) export: one JSON entity per line, written without the FtM library.

Entities: ``Person`` and ``Organization`` for the actors; ties as FtM interval schemata —

=================  =============================================================
tie kind           FtM schema (source → target)
=================  =============================================================
member_of          ``Membership`` (member → organization) when the target is an
                   organisation, else ``Associate`` between two people
leads              ``Directorship`` (director → organization)
works_for          ``Employment`` (employee → employer) from a person to an organisation
family             ``Family`` (person → relative)
colleague,         ``Associate`` (person → associate) between two people
partner_of,
contact_inside,
other
anything else      ``UnknownLink`` (subject → object), the tie kind as its role;
                   ``founded`` always (FtM has no founder relation)
=================  =============================================================

Support of kind grant or fellowship is a ``Payment`` (payer → beneficiary, amount,
currency, purpose); permits, visas and other non-monetary support have no FtM schema
that fits and are left out. Events and evaluations are left out too.

Entity ids are ``reg-`` + the record id: stable across exports. What is exported follows
the need-to-know rules of :mod:`registry.interop.selection`. Property names and types were
checked against followthemoney 4.11 (the tests validate every line with the library).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind, Sensitivity, SupportKind, TieKind
from registry.domain.model import Record
from registry.fsutil import atomic_writer
from registry.interop.selection import Selection
from registry.store.records import Store
from registry.sync.progress import Job, job

PREFIX = "reg-"
_FTM_GENDERS = frozenset({"female", "male", "other"})
_MONEY = frozenset({SupportKind.GRANT.value, SupportKind.FELLOWSHIP.value})
_ASSOCIATE = frozenset({TieKind.COLLEAGUE.value, TieKind.PARTNER_OF.value,
                        TieKind.CONTACT_INSIDE.value, TieKind.OTHER.value,
                        TieKind.MEMBER_OF.value})
Props = dict[str, list[str]]


def entity_id(record_id: str) -> str:
    return PREFIX + record_id


def export_ftm(store: Store, path: Path, *, ceiling: Sensitivity = Sensitivity.INTERNAL,
               include_protected: bool = False, work: Job | None = None) -> dict[str, int]:
    """Write the FtM JSON lines file atomically (0600); return the count per schema."""
    work = work or job()
    counts: Counter[str] = Counter()
    with atomic_writer(Path(path)) as out:
        for entity in entities(store, ceiling=ceiling, include_protected=include_protected,
                               work=work):
            line = json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n"
            out.write(line.encode("utf-8"))
            counts[entity["schema"]] += 1
    return dict(sorted(counts.items()))


def entities(store: Store, *, ceiling: Sensitivity, include_protected: bool = False,
             work: Job | None = None) -> Iterator[dict[str, Any]]:
    """Every FtM entity of the export, actors first (links only between exported actors)."""
    work = work or job()
    sel = Selection(store, ceiling, include_protected)
    kinds: dict[str, Kind] = {}
    for kind, make in ((Kind.PERSON, person), (Kind.ORGANISATION, organisation)):
        for record in sel.records(kind, work):
            kinds[record.id] = kind
            yield make(record)
    for record in sel.records(Kind.TIE, work):
        ends = (sel.actor(record.values.get("from_id")), sel.actor(record.values.get("to_id")))
        if ends[0] and ends[1] and ends[0] != ends[1]:
            yield tie(record, ends[0], ends[1], kinds[ends[0]], kinds[ends[1]])
    for record in sel.records(Kind.SUPPORT, work):
        payer = sel.actor(record.values.get("provider_id"))
        payee = sel.actor(record.values.get("recipient_id"))
        if payer and payee and record.values.get("kind") in _MONEY:
            yield payment(record, payer, payee)


def _entity(record_id: str, schema: str, props: Props) -> dict[str, Any]:
    return {"id": entity_id(record_id), "schema": schema,
            "properties": {k: v for k, v in props.items() if v}}


def _text(values: dict[str, Any], *names: str) -> list[str]:
    out: list[str] = []
    for name in names:
        value = values.get(name)
        items = value if isinstance(value, list) else [value]
        out += [str(v) for v in items if v not in (None, "") and str(v) not in out]
    return out


def _label(value: str) -> str:
    return value.replace("_", " ")


def person(record: Record) -> dict[str, Any]:
    """An FtM ``Person``: names, gender (FtM knows female, male, other), country, roles, …"""
    v = record.values
    gender = v.get("gender")
    props: Props = {
        "name": _text(v, "name"), "alias": _text(v, "name_latin", "aliases"),
        "gender": [gender] if gender in _FTM_GENDERS else [],
        "ethnicity": _text(v, "ethnicity"), "country": [c.lower() for c in _text(v, "country")],
        "profession": [_label(r) for r in _text(v, "roles")],
        "email": _text(v, "email"), "phone": _text(v, "phone"), "notes": _text(v, "notes"),
    }
    return _entity(record.id, "Person", props)


def organisation(record: Record) -> dict[str, Any]:
    """An FtM ``Organization``: names, type as classification, founding year, countries, …"""
    v = record.values
    props: Props = {
        "name": _text(v, "name"), "alias": _text(v, "name_latin", "aliases"),
        "classification": [_label(t) for t in _text(v, "type")],
        "incorporationDate": _text(v, "founded"),
        "country": [c.lower() for c in _text(v, "country", "host_countries")],
        "website": _text(v, "website"), "notes": _text(v, "notes"),
    }
    return _entity(record.id, "Organization", props)


def _schema_of(kind: str, src: Kind, dst: Kind) -> tuple[str, str, str]:
    """FtM schema and its two entity properties for a tie kind between two actor kinds."""
    to_org = dst is Kind.ORGANISATION
    people = src is Kind.PERSON and dst is Kind.PERSON
    if kind == TieKind.MEMBER_OF.value and to_org:
        return "Membership", "member", "organization"
    if kind == TieKind.LEADS.value and to_org:
        return "Directorship", "director", "organization"
    if kind == TieKind.WORKS_FOR.value and to_org and src is Kind.PERSON:
        return "Employment", "employee", "employer"
    if kind == TieKind.FAMILY.value and people:
        return "Family", "person", "relative"
    if kind in _ASSOCIATE and people:
        return "Associate", "person", "associate"
    return "UnknownLink", "subject", "object"


def tie(record: Record, src: str, dst: str, src_kind: Kind, dst_kind: Kind) -> dict[str, Any]:
    """A tie as the FtM interval schema that fits it best (see the module table)."""
    v = record.values
    kind = str(v.get("kind") or TieKind.OTHER.value)
    schema, a, b = _schema_of(kind, src_kind, dst_kind)
    role = _text(v, "role") or [_label(kind)]
    props: Props = {a: [entity_id(src)], b: [entity_id(dst)],
                    "startDate": _text(v, "start"), "endDate": _text(v, "end"),
                    "description": _text(v, "notes")}
    if schema in ("Family", "Associate"):
        props["relationship"] = role
    else:
        props["role"] = role
        props["status"] = _text(v, "confidence")
    return _entity(record.id, schema, props)


def payment(record: Record, payer: str, payee: str) -> dict[str, Any]:
    """Money support (grant, fellowship) as an FtM ``Payment``."""
    v = record.values
    props: Props = {"payer": [entity_id(payer)], "beneficiary": [entity_id(payee)],
                    "amount": _text(v, "amount"), "currency": _text(v, "currency"),
                    "purpose": [_label(str(v.get("kind")))],
                    "startDate": _text(v, "start"), "endDate": _text(v, "end"),
                    "description": _text(v, "notes")}
    return _entity(record.id, "Payment", props)
