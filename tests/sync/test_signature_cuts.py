"""Helpers of the import and the quarantine asked directly (DESIGN §6.5.3, §6.5.8, §6.5.9):
which signatures stay with the claims a record still carries, and what a quarantine puts
back as waiting for a record it removes."""

from __future__ import annotations

import uuid
from pathlib import Path

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.sync import signatures

A, B, C = "a" * 40, "b" * 40, "c" * 40
SIG = b"\1" * 64


def test_only_the_signatures_of_claims_still_carried_stay() -> None:
    deleted = Record(str(uuid.uuid4()), Kind.PERSON, {"deleted": True},
                     {"deleted": Stamp(20, A)})
    plain = Record(str(uuid.uuid4()), Kind.PERSON, {"name": "Анна"}, {"name": Stamp(5, A)})
    moved = Record(str(uuid.uuid4()), Kind.PERSON, {"deleted": True},
                   {"deleted": Stamp(30, B)})
    sigs = {deleted.id: {"deleted": (Stamp(20, A), SIG)},  # carried as signed: stays
            moved.id: {"deleted": (Stamp(25, C), SIG)},  # another stamp than it carries now
            "gone": {"deleted": (Stamp(1, A), SIG)}}  # a record cut altogether
    kept = signatures.still_carried(sigs, [deleted, plain, moved])
    assert kept == {deleted.id: {"deleted": (Stamp(20, A), SIG)}}


def test_a_quarantine_puts_back_as_waiting_what_others_delivered_not_theirs(
        tmp_path: Path) -> None:
    """``quarantine._hold_again``, asked directly: of the protection kept as masked for a
    record that goes, the revoked official's imports give nothing back; another sender's
    import gives one waiting notice, each field at the highest it delivered."""
    import json

    from registry.store import protection
    from registry.sync import quarantine

    from .vaults import make_vault, person

    vault = make_vault(tmp_path, "R")
    try:
        store = vault.store
        anna = store.get(person(vault, "Анна Смирнова"))
        assert anna is not None
        rows = [("theirs", "sensitivity", "protected", 30, C),  # the revoked official's
                ("bs", "sensitivity", "confidential", 20, A),
                ("bs", "sensitivity", "internal", 21, A),  # newer, lower: the ratchet keeps
                ("bs", "inside_russia", True, 22, A)]
        with store.write():
            for import_id, sender in (("theirs", C), ("bs", B)):
                store.conn.execute(
                    "INSERT INTO bundle_import (import_id, bundle_id, sender, created_at, "
                    "imported_at, counts) VALUES (?, ?, ?, '', '', '{}')",
                    (import_id, str(uuid.uuid4()), sender))
            store.conn.executemany(
                "INSERT INTO masked_value (record_id, field, value, hlc, origin, "
                "import_id) VALUES (?, ?, ?, ?, ?, ?)",
                [(anna.id, f, json.dumps(v), h, o, i) for i, f, v, h, o in rows])
            quarantine._hold_again(store, anna, {"theirs"})
        [(line, sender, import_id)] = store.conn.execute(
            "SELECT line, sender, import_id FROM held_notice WHERE record_id = ?",
            (anna.id,)).fetchall()
        assert (sender, import_id) == (B, "bs")
        held = json.loads(line)
        assert held["values"] == {"sensitivity": "confidential", "inside_russia": True}
        assert protection.rank("sensitivity", held["values"]["sensitivity"]) > \
            protection.rank("sensitivity", "internal")
    finally:
        vault.lock()
