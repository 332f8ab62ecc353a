"""Bundles built with a trusted colleague's real keys and the project's own writer, carrying
whatever lines an attacker (or a careless colleague's broken tool) chooses."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.sync import container, payload, signatures, wire
from registry.sync.container import Recipient
from registry.sync.exporter import PAYLOAD_FORMAT

KINDS = ("person", "organisation", "tie", "support", "event", "evaluation", "decision")

CREATED = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)  # a forged manifest's fixed time


def files(vault: Registry) -> dict[str, str]:
    """Hashes of the vault's files (the -shm index changes on every read: left out)."""
    root = vault.paths.root
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.iterdir()) if p.is_file() and not p.name.endswith("-shm")}


def stamp(sender: Registry, offset: int = 0) -> Stamp:
    return Stamp(sender.store.clock.tick() + offset, sender.identity.fingerprint)


def record(sender: Registry, kind: Any, values: dict[str, Any], record_id: str | None = None,
           ) -> Record:
    s = stamp(sender)
    return Record(record_id or str(uuid.uuid4()), kind, dict(values), dict.fromkeys(values, s))


def restamped(sender: Registry, receiver: Registry, path: Path, record_id: str,
              values: dict[str, Any], kind: Kind | None = None) -> Path:
    """A bundle from ``sender`` to ``receiver`` of one line under ``record_id`` (a person
    unless ``kind``): ``values``, each under one new stamp of the sender's own — a colleague
    relaying a record not theirs as if it were (a seized key getting there first)."""
    at = stamp(sender)
    line = Record(record_id, kind or Kind.PERSON, dict(values), dict.fromkeys(values, at))
    return forge(sender, receiver, path, [line])


def forge(sender: Registry, receiver: Registry, path: Path, records: list[Record],
          extra_lines: list[dict[str, Any]] | None = None, *,
          bundle_id: str | None = None, sign: bool = False,
          sender_name: str | None = None) -> Path:
    """A well-signed bundle from ``sender`` to ``receiver`` holding exactly these lines (under
    ``bundle_id`` when given: a sender reusing an id); with ``sign``, every signed claim of
    ``records`` carries the sender's own signature, whoever's stamp it bears;
    ``sender_name``: the name its manifest gives the sender (theirs by default)."""
    lines = [wire.to_line(r, signed_by(sender, r) if sign else None) for r in records] \
        + list(extra_lines or [])
    bundle_id = bundle_id or str(uuid.uuid4())
    created = CREATED
    counts = Counter(str(line["kind"]) for line in lines if "kind" in line
                     and "notice" not in line)
    header = {"format": PAYLOAD_FORMAT, "bundle_id": bundle_id,
              "sender": sender.identity.fingerprint,
              "created_at": container.format_time(created),
              "counts": {**{k: counts.get(k, 0) for k in KINDS},
                         "notice": sum(1 for line in lines if "notice" in line),
                         "other": sum(1 for line in lines if "kind" not in line)},
              "settings": {"forged": True}}
    plain = payload.encode(header, lines)
    recipient = Recipient(receiver.identity.fingerprint, receiver.identity.age_recipient)
    container.write_bundle(path, sender_keys=sender.official_keys,
                           sender_name=sender_name or sender.identity.name,
                           recipients=[recipient],
                           payload_plain=plain, bundle_id=bundle_id, created_at=created)
    return path


def signed_by(official: Registry, record: Record) -> dict[str, bytes]:
    """The signature of ``official`` over each signed claim of ``record``."""
    key = official.official_keys.signing_key()
    return {c.field: key.sign(signatures.message(record.id, record.kind, c))
            for c in signatures.claims(record)}
