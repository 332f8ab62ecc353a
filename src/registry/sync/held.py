"""Irreversible changes wait for the official (DESIGN §6.5.4): the held-changes list.

An incoming erasure of a record this vault holds is applied at once only when its stamp's
origin is this vault or the record's creator (:func:`registry.store.creator.creator`) and
that origin is known here (this vault, or an official of the trust store not revoked), or
when it erases a pseudonymous copy under the pseudonym it came with (§6.4.4). Any other
erasure is not applied: it is kept in ``held_change`` — which record, whose stamp, who
sent it — until the official accepts it (the erasure is merged as an import would merge it,
when this vault keeps its origin's signature over it; else it is her own erasure, under this
vault's stamp: the sender's word for another official's stamp does not travel on as theirs)
or declines it (the record stays here; nothing travels). One row per erasure (record and
stamp): a replay holds nothing new, and a declined erasure is not asked about again —
unless the decline was forced (the official who sent it had been revoked here, so it could
only be declined) and a trusted official relays it (:func:`asks_again`).

An erasure applies only on the word of officials this vault trusts (§6.5.3): one whose
sender, or the official whose stamp it bears, was revoked here since it arrived (``trust
revoke``, or retired by a handover) can only be declined. The list says so. A plain
revocation leaves the list as it is — dropping what they sent is the quarantine's
(``--revert-since``, §6.5.9) — and accepting asks the trust store as it is then, whatever
revoked them.

An erasure of a record this vault does not hold yet waits too: the tombstone would win every
merge, so the record would be erased the moment it arrived, unasked. One of a record erased
here already loses nothing and is applied as any other line.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import MAX_HLC, Stamp
from registry.domain.model import Record
from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound, TrustError
from registry.store import audit, protection
from registry.store.creator import creator
from registry.store.records import Store
from registry.sync import wire
from registry.sync.exporter import materialise, splits_groups
from registry.sync.redact import is_pseudonym
from registry.sync.trust import REVOKED

if TYPE_CHECKING:
    from registry.sync.importer import Change

ERASE = "erase"
HELD, ACCEPTED, DECLINED = "held", "accepted", "declined"


@dataclass(frozen=True)
class HeldChange:
    """One change waiting for the official (or decided), as the list shows it.

    ``label`` is the record's name or title when this vault may show it: None for a protected
    record (shown by its id only) and for one no longer held live here. ``sender_revoked``
    and ``origin_revoked``: that official was revoked here (it can then only be declined).
    """

    id: str
    change: str
    record_id: str
    kind: str
    label: str | None
    protected: bool
    sender: str
    sender_name: str
    origin: str
    origin_name: str
    stamp: Stamp
    received_at: str
    status: str
    decided_at: str | None
    sender_revoked: bool
    origin_revoked: bool

    @property
    def revoked(self) -> bool:
        """Whether an official it rests on was revoked here: it may not be accepted."""
        return self.sender_revoked or self.origin_revoked

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "change": self.change,
                "record": {"id": self.record_id, "kind": self.kind, "label": self.label,
                           "protected": self.protected},
                "sender": {"fingerprint": self.sender, "name": self.sender_name,
                           "revoked": self.sender_revoked},
                "origin": {"fingerprint": self.origin, "name": self.origin_name,
                           "revoked": self.origin_revoked},
                "stamp": self.stamp.to_json(), "received_at": self.received_at,
                "status": self.status, "decided_at": self.decided_at}


# ---- on import ---------------------------------------------------------------------------------
def hold_back(store: Store, changes: list[Change],
              unverified: AbstractSet[str] = frozenset()) -> list[Change]:
    """``changes`` with every erasure that must wait marked ``held`` (or ``unchanged`` when
    the official declined that very erasure before, unless it :func:`asks_again`).
    ``unverified``: erasures whose signature no trusted key verifies (§6.5.3) — they always
    wait. Reads only."""
    if not any(c.status == "erased" for c in changes):
        return changes
    known = known_origins(store)
    out: list[Change] = []
    erasing: set[str] = set()  # what these erase at once
    decisions: list[int] = []
    for c in changes:
        if c.status != "erased":
            out.append(c)
        elif (decided := status_of(store, c.record)) == ACCEPTED or (
                decided == DECLINED and not asks_again(store, c.record)):
            # declined stays declined, whoever may apply it now (its origin trusted since);
            # accepted was applied (as the official's own erasure, when it had to be)
            out.append(replace(c, status="unchanged", overwritten_local=[]))
        elif c.record.id in unverified or not may_apply(store, c.record, known):
            out.append(replace(c, status="held", overwritten_local=[]))
        else:
            erased = c.record.erased
            if c.record.kind is Kind.DECISION and erased is not None \
                    and erased.origin != store.origin:
                decisions.append(len(out))
            erasing.add(c.record.id)
            out.append(c)
    for n in decisions:
        if not _pair_erased(store, out[n].record.id, erasing):
            out[n] = replace(out[n], status="held", overwritten_local=[])
    return out


def _pair_erased(store: Store, decision: str, erasing: AbstractSet[str]) -> bool:
    """Whether one of a decision's pair is erased here, or by the same import at once. A
    decision goes with one of its records (``Registry.erase``), and only so: its id is its
    pair's (``ids.decision_id``), so once erased no official here could decide on the pair
    again (§6.4.3). A colleague who made one up on two live records and erased it as its
    maker waits for the official instead."""
    held = store.get(decision, Kind.DECISION)
    if held is None:  # pragma: no cover - may_apply holds an erasure of what is not held
        return True
    return any(not isinstance(end, str) or end in erasing or _gone(store, end)
               for end in (held.values.get("a_id"), held.values.get("b_id")))


def _gone(store: Store, record_id: str) -> bool:
    record = store.get(record_id)
    return record is None or record.erased is not None


def asks_again(store: Store, incoming: Record) -> bool:
    """Whether an erasure declined here is asked about again, relayed now by a sender this
    vault trusts (an import's): when its decline was forced — its sender had been revoked
    here, and the official whose stamp it bears had not (:func:`decline`). A revoked
    sender's erasure could only be declined (§6.5.3): that said nothing of the erasure
    itself, and a trusted colleague relaying it is a new question. A decline made on its
    merits holds for any relay."""
    assert incoming.erased is not None
    row = store.conn.execute(
        "SELECT forced FROM held_change WHERE record_id = ? AND change = ? AND stamp_hlc = ? "
        "AND stamp_origin = ? AND status = ?",
        (incoming.id, ERASE, incoming.erased.hlc, incoming.erased.origin, DECLINED)).fetchone()
    return row is not None and bool(row[0])


def known_origins(store: Store) -> set[str]:
    """This vault and every official of its trust store that is not revoked."""
    rows = store.conn.execute("SELECT fingerprint FROM official WHERE trust != 'revoked'")
    return {store.origin, *(str(r[0]) for r in rows)}


def may_apply(store: Store, incoming: Record, known: set[str]) -> bool:
    """Whether an incoming erasure may be applied without asking the official."""
    assert incoming.erased is not None
    origin = incoming.erased.origin
    local = store.get(incoming.id)
    if origin == store.origin:
        return True
    if local is None:
        return False  # it would erase the record when it arrives
    if local.erased is not None:
        return True  # nothing here to lose
    if origin in known:
        return creator(store, incoming.id) == origin
    return _pseudonymous_copy(store, local, origin)


def _pseudonymous_copy(store: Store, local: Record, origin: str) -> bool:
    """A pseudonymous stub or tie (DESIGN §6.4.4) erased by the pseudonym it came under: every
    stamp this vault holds for it names that one origin, which names no official, and its id
    is a pseudonym's (never a record's made here or by a colleague). Only the
    official who made the pseudonym for this vault can name it; its erasure loses nothing
    real (a protected person's erasure travels only this way)."""
    return is_pseudonym(local.id, origin) and store.only_of(local, origin)


def status_of(store: Store, incoming: Record) -> str | None:
    """The held list's state of this very erasure (None: never held here)."""
    assert incoming.erased is not None
    row = store.conn.execute(
        "SELECT status FROM held_change WHERE record_id = ? AND change = ? AND stamp_hlc = ? "
        "AND stamp_origin = ?", (incoming.id, ERASE, incoming.erased.hlc,
                                 incoming.erased.origin)).fetchone()
    return None if row is None else str(row[0])


def holds_new(store: Store, changes: Iterable[Change]) -> bool:
    """Whether holding these would add a row or ask again (a replay does neither)."""
    return any(c.status == "held" and status_of(store, c.record) in (None, DECLINED)
               for c in changes)


def hold(store: Store, changes: Iterable[Change], sender: str, import_id: str | None) -> int:
    """Keep the held erasures among ``changes`` (inside the caller's transaction); return how
    many rows were added."""
    added = 0
    for c in changes:
        if c.status != "held" or c.record.erased is None:
            continue
        stamp = c.record.erased
        cur = store.conn.execute(
            "INSERT OR IGNORE INTO held_change (id, record_id, kind, change, line, stamp_hlc, "
            "stamp_origin, sender, import_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), c.record.id, c.record.kind.value, ERASE,
             json.dumps(wire.to_line(c.record)), stamp.hlc, stamp.origin, sender, import_id,
             _now()))
        if not cur.rowcount:  # held as declined: hold_back found it asked again
            cur = store.conn.execute(
                "UPDATE held_change SET status = ?, decided_at = NULL, forced = 0, line = ?, "
                "sender = ?, import_id = ?, received_at = ? WHERE record_id = ? AND change = ? AND "
                "stamp_hlc = ? AND stamp_origin = ? AND status = ?",
                (HELD, json.dumps(wire.to_line(c.record)), sender, import_id, _now(),
                 c.record.id, ERASE, stamp.hlc, stamp.origin, DECLINED))
        if cur.rowcount:
            added += 1
            audit.append(store.conn, store.origin, "held", c.record.id, c.record.kind.value)
    return added


def settle(store: Store, record_ids: Iterable[str]) -> None:
    """Held erasures of records that are erased here now lose nothing more: nothing is left
    to decide. One this vault may take (:func:`_vouched`) is merged (so every vault ends with
    the same tombstone) and marked accepted; one resting on an official revoked here is
    marked declined, as the official could only have declined it; one whose origin's
    signature was never verified here is marked accepted without its stamp, which is not
    this vault's to pass on."""
    for record_id in sorted(set(record_ids)):
        local = store.get(record_id)
        if local is None or local.erased is None:
            continue
        for held_id, line in store.conn.execute(
                "SELECT id, line FROM held_change WHERE record_id = ? AND status = ?",
                (record_id, HELD)).fetchall():
            entry = get(store, str(held_id))
            if entry.revoked:
                _declined(store, entry)
                continue
            erasure = _record(line)
            if _vouched(store, erasure):
                store.merge(erasure)
            _decide(store, str(held_id), ACCEPTED)


def _vouched(store: Store, erasure: Record) -> bool:
    """Whether this vault keeps the signature of the erasure's origin over it, verified when
    it came (``signatures.keep``: only an origin's own, or a pseudonym maker's): only then is
    its stamp one this vault can pass on. An erasure stamped by an official this vault did not
    know, vouched for by whoever sent it, or unsigned, is not."""
    assert erasure.erased is not None
    stamp = erasure.erased
    return store.conn.execute(
        "SELECT 1 FROM record_sig WHERE record_id = ? AND field = 'erased' AND hlc = ? AND "
        "origin = ?", (erasure.id, stamp.hlc, stamp.origin)).fetchone() is not None


def drop_waiting(store: Store, *, sender: str | None = None,
                 import_id: str | None = None) -> int:
    """Drop the erasures still waiting that ``sender`` sent (a quarantine of them, §6.5.9),
    or that the import ``import_id`` brought (its revert: a bundle undone asks nothing any
    more); return how many. Those the official accepted or declined stay: they are
    decisions, not requests."""
    column, value = ("sender", sender) if sender is not None else ("import_id", import_id)
    cur = store.conn.execute(
        f"DELETE FROM held_change WHERE {column} = ? AND status = ?",  # noqa: S608
        (value, HELD))
    return int(cur.rowcount)


# ---- the official's list -----------------------------------------------------------------------
_COLUMNS = ("h.id, h.change, h.record_id, h.kind, h.sender, coalesce(s.name, ''), "
            "h.stamp_origin, coalesce(o.name, ''), h.stamp_hlc, h.received_at, h.status, "
            "h.decided_at, s.trust, o.trust")
_JOINS = ("FROM held_change AS h LEFT JOIN official AS s ON s.fingerprint = h.sender "
          "LEFT JOIN official AS o ON o.fingerprint = h.stamp_origin")


# the most waiting changes a list reads at once: a bundle may ask for millions (its line
# limit), and each entry read costs a few kilobytes (its record's label, protection)
SHOWN = 1000


def pending(store: Store, own_name: str = "", limit: int = SHOWN) -> list[HeldChange]:
    """The changes waiting for the official, oldest first: the first ``limit`` of them
    (:func:`waiting` says how many there are)."""
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} {_JOINS} WHERE h.status = ? ORDER BY h.received_at, h.id "
        "LIMIT ?", (HELD, max(0, limit))).fetchall()
    return [_entry(store, row, own_name) for row in rows]


def waiting(store: Store) -> int:
    """How many changes wait for the official."""
    return int(store.conn.execute("SELECT count(*) FROM held_change WHERE status = ?",
                                  (HELD,)).fetchone()[0])


def get(store: Store, held_id: str, own_name: str = "") -> HeldChange:
    row = store.conn.execute(f"SELECT {_COLUMNS} {_JOINS} WHERE h.id = ?",
                             (held_id.strip().lower(),)).fetchone()
    if row is None:
        raise NotFound("No held change with that id (see 'registry bundle held').")
    return _entry(store, row, own_name)


def accept(store: Store, held_id: str) -> HeldChange:
    """Apply a held erasure through the store's merge, as its import would have (audited;
    the erased values leave no history) — under this vault's own stamp when it keeps no
    signature of its origin over it (:func:`_vouched`). Other held erasures of the record
    settle with it.
    One whose sender or stamp's origin was revoked here is refused (``TrustError``)."""
    # checked inside the transaction: another window may decline it, or revoke its sender,
    # between a check made before and the erasure, which cannot be undone
    with store.write():
        entry = _waiting(store, held_id)
        if entry.revoked:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The official who sent this erasure, or whose stamp it bears, was "
                "revoked here: it cannot be accepted. Decline it instead. If the record should "
                "still be erased, check that with someone you trust and erase it here "
                "yourself."))
        line, import_id = store.conn.execute(
            "SELECT line, import_id FROM held_change WHERE id = ?", (entry.id,)).fetchone()
        erasure = _record(line)
        local = store.get(erasure.id)
        if local is not None and local.kind is not erasure.kind:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "That id belongs here to a record of another kind than the erasure "
                "names: it cannot be applied. Decline it."))
        if not _vouched(store, erasure):
            # no signature of its origin was verified here: the stamp is the sender's word
            # for it, which would travel on as the origin's. Accepting is the official's own
            # erasure (her stamp, signed by this vault when it travels)
            erasure = Record(erasure.id, erasure.kind,
                             erased=Stamp(store.clock.tick(), store.origin))
        if splits_groups([erasure]):
            materialise(store)
        store.merge(erasure, import_id)
        _decide(store, entry.id, ACCEPTED)
        audit.append(store.conn, store.origin, "held_accept", entry.record_id, entry.kind)
        if import_id is not None:  # quarantine reports it among erasures not undone
            store.conn.execute(
                "UPDATE bundle_import SET counts = json_insert(counts, '$.erased_ids[#]', ?) "
                "WHERE import_id = ? AND json_type(counts, '$.erased_ids') = 'array'",
                (entry.record_id, import_id))
        settle(store, [entry.record_id])
    store.purge_erased_traces()
    return get(store, entry.id)


def decline(store: Store, held_id: str) -> HeldChange:
    """Leave the record as it is: the erasure stays local (it was never applied here, and
    nothing of it travels on). The same erasure arriving again is not asked about again."""
    with store.write():  # checked inside: see accept
        entry = _waiting(store, held_id)
        _declined(store, entry)
        audit.append(store.conn, store.origin, "held_decline", entry.record_id, entry.kind)
    return get(store, entry.id)


def _waiting(store: Store, held_id: str) -> HeldChange:
    entry = get(store, held_id)
    if entry.status != HELD:
        raise InvalidInput(f"That held change was already {entry.status}.")
    return entry


def _declined(store: Store, entry: HeldChange) -> None:
    """Mark it declined; forced when only its sender's revocation left nothing else
    (:func:`asks_again`)."""
    _decide(store, entry.id, DECLINED)
    store.conn.execute("UPDATE held_change SET forced = ? WHERE id = ?",
                       (int(entry.sender_revoked and not entry.origin_revoked), entry.id))


def _decide(store: Store, held_id: str, status: str) -> None:
    store.conn.execute("UPDATE held_change SET status = ?, decided_at = ? WHERE id = ?",
                       (status, _now(), held_id))


def _record(line: str) -> Record:
    return wire.from_line(json.loads(line), 0, now_hlc=MAX_HLC)


def _entry(store: Store, row: Sequence[Any], own_name: str) -> HeldChange:
    held_id, change, record_id, kind, sender, sender_name, origin, origin_name = row[:8]
    hlc, received_at, status, decided_at, sender_trust, origin_trust = row[8:]
    label, protected = _label(store, str(record_id), Kind(kind))
    if origin == store.origin:
        origin_name = own_name
    if sender == store.origin:
        sender_name = own_name
    return HeldChange(str(held_id), str(change), str(record_id), str(kind), label, protected,
                      str(sender), str(sender_name), str(origin), str(origin_name),
                      Stamp(int(hlc), str(origin)), str(received_at), str(status),
                      None if decided_at is None else str(decided_at),
                      sender_trust == REVOKED, origin_trust == REVOKED)


def _label(store: Store, record_id: str, kind: Kind) -> tuple[str | None, bool]:
    """The record's name or title when this vault may show it, and whether it is protected
    (a protected record is named by its id only, as in every list that may be seen)."""
    record = store.get(record_id, kind)
    if record is None or record.erased is not None:
        return None, False
    guard = protection.for_records(store.conn, kind, [record_id])
    level = guard.record_level(record) if kind in protection.ACTOR_TABLES else \
        record.sensitivity
    if kind is Kind.TIE:
        ends = [e for e in (record.values.get("from_id"), record.values.get("to_id"))
                if isinstance(e, str)]
        people = protection.for_records(store.conn, Kind.PERSON, ends)
        if any(people.is_protected_person(e) for e in ends):
            level = Sensitivity.PROTECTED
    if level >= Sensitivity.PROTECTED or guard.record_inside(record):
        return None, True
    return record.label or None, False


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
