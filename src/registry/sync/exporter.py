"""Bundle export: recipients, scope, ceiling, protected people, exposure preview (DESIGN §6.3).

:func:`build` reads the vault and runs every record through the :class:`Redactor`; the
result is what :func:`preview` summarises (an exposure preview, no file written) and what
:func:`export` encrypts, signs and writes. The export log (``bundle_export``) remembers,
per recipient set, the audit position each bundle covered, so ``since_last`` sends only
records changed (locally or by an import) after the previous bundle to the same set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Stamp
from registry.domain.model import KINDS, FieldSpec, FieldType, Record
from registry.errors import InvalidInput, TrustError
from registry.store.records import Store, decode_stamps
from registry.sync import container, payload, wire
from registry.sync.container import Recipient
from registry.sync.keys import OfficialKeys
from registry.sync.progress import Job
from registry.sync.redact import Actors, Mode, Redactor, pseudonym_key
from registry.sync.trust import TrustStore

PAYLOAD_FORMAT = "registry-payload/1"
PSEUDONYM_META = "pseudonym_secret"
SENSITIVE = Sensitivity.CONFIDENTIAL
_BATCH = 5000


@dataclass(frozen=True)
class Scope:
    """What to consider: everything, a selection of ids, a filter by kind, or since-last."""

    ids: frozenset[str] | None = None
    kinds: frozenset[Kind] | None = None
    since_last: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"selection": self.ids is not None,
                "kinds": sorted(k.value for k in self.kinds) if self.kinds else None,
                "since_last": self.since_last}


@dataclass(frozen=True)
class ExportRequest:
    recipients: tuple[Recipient, ...]
    ceiling: Sensitivity = Sensitivity.INTERNAL
    mode: Mode = Mode.EXCLUDE
    scope: Scope = Scope()

    def __post_init__(self) -> None:
        if not self.recipients:
            raise InvalidInput("Name at least one recipient (--to or --to-age-recipient).")

    @property
    def recipient_key(self) -> str:
        return json.dumps(sorted({r.age_recipient for r in self.recipients}))

    def settings(self) -> dict[str, Any]:
        return {"max_sensitivity": self.ceiling.label, "protected": self.mode.value,
                "scope": self.scope.to_json()}


@dataclass
class Exposure:
    """What a bundle would reveal (the exposure preview)."""

    records: dict[str, int] = field(default_factory=dict)
    people: int = 0
    people_inside_russia: int = 0
    protected_people: int = 0
    pseudonyms: int = 0
    sensitive_fields: dict[str, int] = field(default_factory=dict)
    left_out: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"records": self.records, "people": self.people,
                "people_inside_russia": self.people_inside_russia,
                "protected_people": self.protected_people, "pseudonyms": self.pseudonyms,
                "sensitive_fields": self.sensitive_fields, "left_out": self.left_out}


@dataclass
class Built:
    """The redacted records of one export, with their exposure."""

    records: list[Record]
    exposure: Exposure
    audit_seq: int


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    exposure: Exposure
    settings: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "bundle_id": self.bundle_id,
                "settings": self.settings, "exposure": self.exposure.to_json()}


# ---- recipients ------------------------------------------------------------------------------
def resolve_recipients(trust: TrustStore, fingerprints: list[str],
                       age_recipients: list[str]) -> tuple[Recipient, ...]:
    """Recipients from trusted, verified officials' fingerprints and bare age recipients."""
    out = [_official_recipient(trust, fp) for fp in fingerprints]
    out += [Recipient(None, r.strip()) for r in age_recipients]
    seen: dict[str, Recipient] = {}
    for r in out:
        seen.setdefault(r.age_recipient, r)
    return tuple(seen.values())


def _official_recipient(trust: TrustStore, fingerprint: str) -> Recipient:
    official = trust.get(fingerprint)
    if official.revoked:
        raise TrustError("That official was revoked: nothing is sent to them.")
    if not official.verified:
        raise TrustError("That official's card is not verified: compare the safety number "
                         "('registry trust verify FINGERPRINT --method safety_number') first.")
    return Recipient(official.fingerprint, official.age_recipient)


# ---- building --------------------------------------------------------------------------------
def vault_secret(store: Store, *, create: bool) -> bytes:
    """The vault's pseudonym secret (inside the encrypted database); made on first use."""
    stored = store.meta_get(PSEUDONYM_META)
    if stored is not None:
        return bytes.fromhex(stored)
    secret = os.urandom(32)
    if create:
        with store.write():
            store.meta_set(PSEUDONYM_META, secret.hex())
    return secret


def build(store: Store, request: ExportRequest, secret: bytes, job: Job) -> Built:
    """Read and redact every record in scope."""
    audit_seq = _audit_head(store)
    changed = _changed_since_last(store, request) if request.scope.since_last else None
    redactor = Redactor(Actors.load(store, request.ceiling, request.mode), request.ceiling,
                        request.mode, pseudonym_key(secret, _recipient_list(request)))
    out: list[Record] = []
    exposure = Exposure()
    done_people: set[str] = set()
    for kind in _kinds(request.scope):
        for n, record in enumerate(read_records(store, kind)):
            if n % _BATCH == 0:
                job.tick(f"reading {kind.value}", n, 0)
            if not _in_scope(record, request.scope, changed):
                continue
            if redactor.is_protected_person(record):
                exposure.protected_people += 1
                done_people.add(record.id)
            _collect(redactor.redact(record), out, exposure, redactor.stub_ids)
    _add_missing_stubs(store, redactor, done_people, out, exposure)
    return Built(out, exposure, audit_seq)


Converter = Callable[[Any], Any]
_LABELS = {int(s): s.label for s in Sensitivity}


def _converter(spec: FieldSpec) -> Converter:
    """Column value → canonical value, as ``codec.from_column`` does (decided once)."""
    if spec.is_list:
        return lambda v: json.loads(v) if v else []
    if spec.type is FieldType.SENSITIVITY:
        return lambda v: None if v is None else _LABELS[v]
    if spec.type is FieldType.BOOL:
        return lambda v: None if v is None else bool(v)
    return lambda v: v


def read_records(store: Store, kind: Kind) -> Iterator[Record]:
    """Every record of ``kind`` in id order: ``Store.iter_records`` with per-column
    conversion decided once per kind, since an export reads every row of the vault."""
    spec = KINDS[kind]
    index = {f.name: (i + 1, _converter(f)) for i, f in enumerate(spec.fields)}
    cols = ", ".join(["id", *(f'"{f.name}"' for f in spec.fields), "stamps", "erased"])
    cur = store.conn.execute(f"SELECT {cols} FROM {spec.table} ORDER BY id")  # noqa: S608
    while rows := cur.fetchmany(_BATCH):
        for row in rows:
            stamps = decode_stamps(row[-2])
            values = {}
            for name in stamps:
                i, convert = index[name]
                values[name] = convert(row[i])
            erased = Stamp(*json.loads(row[-1])) if row[-1] else None
            yield Record(row[0], kind, values, stamps, erased)


def _recipient_list(request: ExportRequest) -> list[str]:
    return [r.age_recipient for r in request.recipients]


def _kinds(scope: Scope) -> list[Kind]:
    return [k for k in KINDS if scope.kinds is None or k in scope.kinds]


def _in_scope(record: Record, scope: Scope, changed: set[str] | None) -> bool:
    if scope.ids is not None and record.id not in scope.ids:
        return False
    return changed is None or record.id in changed


def _collect(records: list[Record], out: list[Record], exposure: Exposure,
             stubs: set[str]) -> None:
    if not records:
        exposure.left_out += 1
    for record in records:
        out.append(record)
        _count(record, exposure, stubs)


def _count(record: Record, exposure: Exposure, stubs: set[str]) -> None:
    exposure.records[record.kind.value] = exposure.records.get(record.kind.value, 0) + 1
    if record.kind is not Kind.PERSON or record.erased is not None:
        return
    if record.id in stubs:
        exposure.pseudonyms += 1
        return
    exposure.people += 1
    if record.values.get("inside_russia"):
        exposure.people_inside_russia += 1
    spec = record.spec
    for name, value in record.values.items():
        if spec.by_name[name].floor >= SENSITIVE and value not in (None, [], ""):
            exposure.sensitive_fields[name] = exposure.sensitive_fields.get(name, 0) + 1


def _add_missing_stubs(store: Store, redactor: Redactor, done: set[str], out: list[Record],
                       exposure: Exposure) -> None:
    """Stubs for protected people reached by a pseudonymised tie but not read (since-last)."""
    for person_id in sorted(redactor.stubs_needed - done):
        person = store.get(person_id, Kind.PERSON)
        if person is not None and person.erased is None:
            _collect([redactor.stub(person)], out, exposure, redactor.stub_ids)


def _audit_head(store: Store) -> int:
    row = store.conn.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchone()
    return int(row[0])


def _changed_since_last(store: Store, request: ExportRequest) -> set[str] | None:
    row = store.conn.execute(
        "SELECT settings FROM bundle_export WHERE recipients = ? ORDER BY high_hlc DESC, "
        "rowid DESC LIMIT 1", (request.recipient_key,)).fetchone()
    if row is None:
        return None
    since = int(json.loads(row[0]).get("audit_seq", 0))
    cur = store.conn.execute("SELECT DISTINCT record_id FROM audit WHERE seq > ? AND "
                             "record_id IS NOT NULL", (since,))
    return {str(r[0]) for r in cur}


# ---- preview and export ------------------------------------------------------------------------
def preview(store: Store, request: ExportRequest, job: Job) -> Exposure:
    """The exposure preview: nothing is written (not even the pseudonym secret)."""
    return build(store, request, vault_secret(store, create=False), job).exposure


def export(store: Store, keys: OfficialKeys, sender_name: str, request: ExportRequest, *,
           path: Path, job: Job) -> ExportResult:
    """Build, encrypt, sign and write the bundle atomically; then log it for since-last."""
    built = build(store, request, vault_secret(store, create=True), job)
    bundle_id = str(uuid.uuid4())
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    header = _header(bundle_id, keys, created, built, request)
    job.tick("encrypting", len(built.records), len(built.records))
    plain = payload.encode(header, (wire.to_line(r) for r in built.records))
    container.write_bundle(Path(path), sender_keys=keys, sender_name=sender_name,
                           recipients=list(request.recipients), payload_plain=plain,
                           bundle_id=bundle_id, created_at=created)
    _log_export(store, bundle_id, request, created, built)
    return ExportResult(Path(path), bundle_id, built.exposure, request.settings())


def _header(bundle_id: str, keys: OfficialKeys, created: dt.datetime, built: Built,
            request: ExportRequest) -> dict[str, Any]:
    counts = Counter(r.kind.value for r in built.records)
    return {"format": PAYLOAD_FORMAT, "bundle_id": bundle_id,
            "sender": keys.public().fingerprint,
            "created_at": container.format_time(created),
            "counts": {k.value: counts.get(k.value, 0) for k in KINDS},
            "settings": request.settings()}


def _log_export(store: Store, bundle_id: str, request: ExportRequest, created: dt.datetime,
                built: Built) -> None:
    settings = {**request.settings(), "audit_seq": built.audit_seq}
    with store.write():
        store.conn.execute(
            "INSERT INTO bundle_export (bundle_id, recipients, created_at, high_hlc, settings,"
            " counts) VALUES (?, ?, ?, ?, ?, ?)",
            (bundle_id, request.recipient_key, container.format_time(created),
             store.clock.last, json.dumps(settings), json.dumps(built.exposure.records)))
