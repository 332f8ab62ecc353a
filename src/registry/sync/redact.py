"""Need-to-know redaction of an export (DESIGN §4.2, §6.3).

Sensitivity is decided at export time from the whole vault:

* a person is *protected* when its own level is ``protected`` or it is flagged inside
  Russia; a tie, support, evaluation or event that touches a protected person is
  protected too;
* what happens to protected people is the export's ``mode``: ``exclude`` leaves them and
  everything touching them out; ``pseudonymise`` sends a stub per person (a stable
  pseudonymous id per recipient set, a "Pseudonym …" name, the federal district instead of
  the region — nothing else) and the ties to them rewritten to the stub, with no free
  text; support, evaluations and events that touch them stay out; ``include`` sends them
  (the caller has the user's explicit confirmation);
* every other record above the ceiling is left out, and so is any tie, support or
  evaluation that points at an actor left out; an event or ``merged_into`` reference to
  an actor left out drops that field;
* a field whose floor is above the ceiling is left out, value and stamp.

A :class:`Redactor` turns one stored record into the zero, one or two records that travel.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from registry.domain import regions
from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Stamp
from registry.domain.model import KINDS, Record
from registry.store.records import Store

PSEUDONYM_PREFIX = "Pseudonym "
_DOMAIN = b"registry-pseudonym/1\x00"
_REFS: dict[Kind, tuple[str, ...]] = {
    Kind.TIE: ("from_id", "to_id"),
    Kind.SUPPORT: ("provider_id", "recipient_id"),
    Kind.EVALUATION: ("subject_id",),
    Kind.DECISION: ("a_id", "b_id"),
}
_TIE_SHAPE = ("sensitivity", "deleted", "from_id", "to_id", "kind", "confidence")


class Mode(enum.StrEnum):
    """What an export does with protected people."""

    EXCLUDE = "exclude"
    PSEUDONYMISE = "pseudonymise"
    INCLUDE = "include"


def pseudonym_key(vault_secret: bytes, recipients: Iterable[str]) -> bytes:
    """The HMAC key of one recipient set: stable for the same set, unlinkable across sets."""
    material = _DOMAIN + "\n".join(sorted(set(recipients))).encode("ascii")
    return hmac.new(vault_secret, material, hashlib.sha256).digest()


def pseudonym_id(key: bytes, record_id: str) -> str:
    """A record id (UUID form) derived from ``record_id`` under ``key``."""
    digest = hmac.new(key, record_id.encode("ascii"), hashlib.sha256).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def district_note(region: object) -> str | None:
    district = regions.district_of(region) if isinstance(region, str) else None
    return f"Pseudonymised person; federal district: {district}" if district else None


@dataclass
class Actors:
    """Which people and organisations are protected or left out, for one export."""

    protected: set[str] = field(default_factory=set)
    blocked: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, store: Store, ceiling: Sensitivity, mode: Mode) -> Actors:
        """Read every actor's level once (two queries, no record content)."""
        actors = cls()
        cur = store.conn.execute("SELECT id, coalesce(sensitivity, 1), coalesce(inside_russia, 0)"
                                 " FROM person WHERE erased IS NULL")
        for record_id, level, inside in cur:
            if level >= Sensitivity.PROTECTED or inside:
                actors.protected.add(record_id)
                if mode is Mode.EXCLUDE:
                    actors.blocked.add(record_id)
            elif level > ceiling:
                actors.blocked.add(record_id)
        cur = store.conn.execute("SELECT id FROM organisation WHERE erased IS NULL AND "
                                 "coalesce(sensitivity, 1) > ?", (int(ceiling),))
        actors.blocked.update(r[0] for r in cur)
        return actors


class Redactor:
    """Applies one export's ceiling and mode to records."""

    def __init__(self, actors: Actors, ceiling: Sensitivity, mode: Mode, key: bytes) -> None:
        self.actors = actors
        self.ceiling = ceiling
        self.mode = mode
        self.key = key
        self.allowed = {k: frozenset(f.name for f in s.fields if f.floor <= ceiling)
                        for k, s in KINDS.items()}
        self.stubs_needed: set[str] = set()
        self.stub_ids: set[str] = set()

    def is_protected_person(self, record: Record) -> bool:
        return record.kind is Kind.PERSON and record.id in self.actors.protected

    def redact(self, record: Record) -> list[Record]:
        """The records that travel for ``record`` (none when it is left out).

        For a protected person, and a record touching one, the mode decides (such a record
        is usually ``protected`` itself because of that contact); for every other record,
        the ceiling.
        """
        if record.erased is not None:
            return self._erasure(record)
        if record.kind is Kind.PERSON and record.id in self.actors.protected:
            return self._protected_person(record)
        refs = self._refs(record)
        if any(r in self.actors.protected for r in refs):
            return self._touching(record)
        if any(r in self.actors.blocked for r in refs):
            return [] if record.kind is not Kind.EVENT else self._event(record)
        if record.sensitivity > self.ceiling:
            return []
        return self._event(record) if record.kind is Kind.EVENT else [self._fields(record)]

    @staticmethod
    def _refs(record: Record) -> list[Any]:
        if record.kind is Kind.EVENT:
            return list(record.values.get("participants") or [])
        return [record.values.get(n) for n in _REFS.get(record.kind, ())]

    # -- the cases ------------------------------------------------------------------------
    def _erasure(self, record: Record) -> list[Record]:
        out = [Record(record.id, record.kind, {}, {}, record.erased)]
        if self.mode is Mode.PSEUDONYMISE and record.kind in (Kind.PERSON, Kind.TIE):
            out.append(Record(pseudonym_id(self.key, record.id), record.kind, {}, {},
                              record.erased))
        return out

    def _protected_person(self, record: Record) -> list[Record]:
        if self.mode is Mode.INCLUDE:
            return [self._fields(record)]
        if self.mode is Mode.PSEUDONYMISE:
            return [self.stub(record)]
        return []

    def _touching(self, record: Record) -> list[Record]:
        if self.mode is Mode.INCLUDE:
            return self._event(record) if record.kind is Kind.EVENT else [self._fields(record)]
        if self.mode is Mode.PSEUDONYMISE and record.kind is Kind.TIE:
            return [self._pseudonymous_tie(record)]
        return []

    def _event(self, record: Record) -> list[Record]:
        """An event whose participants or organiser are left out loses those fields."""
        if record.sensitivity > self.ceiling and self.mode is not Mode.INCLUDE:
            return []
        out = _copy(self._fields(record))
        if any(p in self.actors.blocked for p in out.values.get("participants") or []):
            _drop(out, "participants")
        if out.values.get("organiser_id") in self.actors.blocked:
            _drop(out, "organiser_id")
        return [out]

    # -- building blocks ------------------------------------------------------------------
    def _fields(self, record: Record) -> Record:
        allowed = self.allowed[record.kind]
        out = record
        if not allowed.issuperset(record.stamps):
            out = Record(record.id, record.kind,
                         {k: v for k, v in record.values.items() if k in allowed},
                         {k: s for k, s in record.stamps.items() if k in allowed})
        target = out.values.get("merged_into")
        if target in self.actors.blocked or (target in self.actors.protected
                                             and self.mode is not Mode.INCLUDE):
            out = _copy(out)
            _drop(out, "merged_into")
        return out

    def stub(self, person: Record) -> Record:
        """The pseudonymous stand-in of a protected person: name, district, flags only."""
        pid = pseudonym_id(self.key, person.id)
        self.stub_ids.add(pid)
        latest = max(person.stamps.values(), default=Stamp(0, "-"))
        sources = {"name": "name", "sensitivity": "sensitivity", "notes": "region",
                   "inside_russia": "inside_russia", "deleted": "deleted"}
        values = {"name": PSEUDONYM_PREFIX + pid[:8].upper(),
                  "sensitivity": Sensitivity.PROTECTED.label,
                  "notes": district_note(person.values.get("region")),
                  "inside_russia": person.values.get("inside_russia"),
                  "deleted": person.values.get("deleted")}
        keep = {k: v for k, v in values.items()
                if k in ("name", "sensitivity") or sources[k] in person.stamps}
        stamps = {k: person.stamps.get(sources[k], latest) for k in keep}
        return Record(pid, Kind.PERSON, keep, stamps)

    def _pseudonymous_tie(self, tie: Record) -> Record:
        values = {k: tie.values.get(k) for k in _TIE_SHAPE if k in tie.stamps}
        for end in ("from_id", "to_id"):
            if values.get(end) in self.actors.protected:
                self.stubs_needed.add(str(values[end]))
                values[end] = pseudonym_id(self.key, str(values[end]))
        stamps = {k: tie.stamps[k] for k in values}
        return Record(pseudonym_id(self.key, tie.id), Kind.TIE, values, stamps)


def _copy(record: Record) -> Record:
    return Record(record.id, record.kind, dict(record.values), dict(record.stamps),
                  record.erased)


def _drop(record: Record, name: str) -> None:
    record.values.pop(name, None)
    record.stamps.pop(name, None)
