"""Who holds what, handed to a successor with the post (DESIGN §6.4.2, issue 15).

A vault remembers which record ids it sent to which official, so that a protection raised
later, and an erasure, reach them (``exporter.Holdings``). After a handover the successor
takes the post: a flag the successor sets, a notice the successor receives and passes on, an
erasure the successor makes must reach whoever the predecessor sent the record to. That is
known to the predecessor's vault alone. So every bundle the predecessor's vault writes for
its successor once it has handed over carries it, after the records: the statement the
predecessor signed, then the holdings, one holder at a time::

    {"succession": "<the statement, as its exact text>"}
    {"holder": "<holder>", "held": ["<sealed record>", ...], "known": ["<sealed id>", ...]}

``holder`` is how the log names a holder (``exporter.holder_key``: an official's fingerprint,
or ``age:`` and a bare age key; ``co:`` before either for what only a joint bundle's manifest
said they hold, which has no ``held``); ``held`` the records sent them, with the level and
flag sent; ``known`` the people they know by real id beyond those (``known_by``).

**Sealed** (§6.4.4: a protected person's real id only to whoever was sent it): each id is
given as an HMAC of it under a key of the two officials (:func:`seal`), a held record's
level and flag masked under the holder and the id. The successor's vault opens a seal only
with a record it holds, whoever sent it the record; of any other it learns that there is
one, and which holders hold it (one seal a record), nothing of it. So whatever the bundle
carries, its ceiling or mode, the holdings name no record the successor does not hold —
and name every record it holds, from this vault or another, that a colleague holds from
this one. What no record here opens at the acceptance stays sealed (``inherited_holding``,
its predecessor's key in ``sealed_key``), opened by the records that arrive later
(:func:`open_arrived`); each import that brings records reads what waits once.

Which vault decides: the successor's, and its official. A bundle is taken only when its
signer signed a statement naming this vault's own card as successor, one its trust store
accepts (``Successions.preview``); what it hands over then **waits** (``inherited_holding``)
until this vault's official accepts that statement — the act by which they say the handover
is real. A seized predecessor key can sign a statement naming any colleague: what it hands
over waits for an acceptance that never comes, and goes when the key is revoked (a
quarantine too). On acceptance, the holdings become this vault's as claims it checks:

* a record counts only if this vault holds it, under its kind here;
* at no higher a level or flag than this vault holds it at now: a holder said to hold it
  protected is sent a notice all the same when it is raised here (a claim never keeps a
  notice away);
* the people a holder is said to know by real id are kept as claimed (``co:``): no
  pseudonym of theirs goes to that holder, but a pseudonym's tombstone still does.

What a seized key can still do, inside a real handover, is make notices and erasures go to
colleagues who do not hold a record: its id and level, to an official this vault trusts
(whom the predecessor knew is not known here).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from registry.domain.enums import Sensitivity
from registry.domain.model import KINDS
from registry.errors import QT_TRANSLATE_NOOP, BundleError, TrustError
from registry.store.records import CO_HELD, Store
from registry.sync.container import Recipient
from registry.sync.exporter import holder_number, logged_names
from registry.sync.handover import MAX_STATEMENT, Successions, parse_statement
from registry.sync.keys import OfficialKeys
from registry.sync.trust import TrustStore

STATEMENT = "succession"
HOLDINGS_KEYS = frozenset({"holder", "held", "known"})
PER_LINE = 2000  # entries of ``held`` and of ``known`` in one line: lines stay small
# what one predecessor's bundles may hand over, waiting: a hundred thousand records held by
# fifty colleagues; the colleagues a post may have shared with
MAX_ENTRIES = 5_000_000
MAX_HOLDERS = 2_000
_HOLDER = re.compile(r"(?:co:)?(?:[0-9a-f]{40}|age:age1[02-9ac-hj-np-z]{58})")
_SEALED = re.compile(r"[0-9a-f]{32}")  # a known id
_SEALED_HELD = re.compile(r"[0-9a-f]{32}[0-7]")  # a held record, its level and flag masked
_DOMAIN = b"registry-holdings/1\x00"
_BATCH = 500
_SEALED_BATCH = 5000  # records sealed at a time


def seal_key(predecessor: str, successor: str) -> bytes:
    """The key of the seals one predecessor hands one successor (by their fingerprints): the
    same in every bundle, so that a holding handed over again is the same row."""
    return hashlib.sha256(_DOMAIN + predecessor.encode("utf-8") + b"\x00"
                          + successor.encode("utf-8")).digest()


def seal(key: bytes, record_id: str, held: tuple[str, int, int] | None = None) -> str:
    """``record_id`` sealed (32 hex digits); with ``held`` (holder, level, flag), the level
    and flag too, masked under the holder and the id (one more digit): only who has the id
    opens either, and two holders' digits of one record tell nothing of each other."""
    sealed = hmac.digest(key, record_id.encode("utf-8"), "sha256")[:16].hex()
    if held is None:
        return sealed
    holder, level, inside = held
    return sealed + format((level << 1 | inside) ^ _mask(key, holder, record_id), "x")


def _mask(key: bytes, holder: str, record_id: str) -> int:
    """What masks a held record's level and flag for one holder."""
    return hmac.digest(key, f"{holder}\x00{record_id}".encode(), "sha256")[0] & 7


def is_line(obj: dict[str, Any]) -> bool:
    return STATEMENT in obj or "holder" in obj


# ---- the predecessor's vault ----------------------------------------------------------------
def lines(store: Store, statement: bytes) -> list[dict[str, Any]]:
    """The statement and every holder's holdings but the successor's own (they hold what
    they hold), sealed, in a stable order."""
    parties = parse_statement(statement)
    key = seal_key(parties.predecessor.fingerprint, parties.successor.fingerprint)
    names = logged_names(store, Recipient(parties.successor.fingerprint,
                                          parties.successor.public.age_recipient))
    own = set(names) | {CO_HELD + name for name in names}
    out: list[dict[str, Any]] = [{STATEMENT: statement.decode("utf-8")}]
    holders = sorted({str(h) for (h,) in store.conn.execute(
        "SELECT fingerprint FROM holder UNION SELECT holder FROM known_by")} - own)
    for holder in holders:
        held = sorted(seal(key, str(r), (holder, int(lv), int(i)))
                      for r, lv, i in store.conn.execute(
                          "SELECT record_id, level, inside != 0 FROM sent_record "
                          "WHERE recipient = ?", (holder,)))
        known = sorted(seal(key, str(p)) for (p,) in store.conn.execute(
            "SELECT person_id FROM known_by WHERE holder = ?", (holder,)))
        for start in range(0, max(len(held), len(known)), PER_LINE):
            out.append({"holder": holder, "held": held[start:start + PER_LINE],
                        "known": known[start:start + PER_LINE]})
    return out


# ---- the successor's vault: a bundle ---------------------------------------------------------
class Inheritance:
    """Takes a bundle's handover lines as they are read, inside the import's transaction:
    they wait for the official's acceptance of the statement (:func:`settle`)."""

    def __init__(self, store: Store, trust: TrustStore, keys: OfficialKeys,
                 sender: str) -> None:
        self.store, self.trust, self.keys, self.sender = store, trust, keys, sender
        self.statement = False
        self.entries = 0  # holdings taken (a row or a known id)
        self.changed = False  # whether they told this vault something new
        self._own: set[str] | None = None
        self._pending: int | None = None  # what the sender handed over waits, this bundle too
        self._holders: set[str] = set()

    def take(self, obj: dict[str, Any], number: int) -> None:
        if STATEMENT in obj:
            self._statement(obj, number)
        else:
            self._holdings(obj, number)

    def _statement(self, obj: dict[str, Any], number: int) -> None:
        text = obj[STATEMENT]
        if set(obj) != {STATEMENT} or not isinstance(text, str) or self.statement \
                or len(text) > MAX_STATEMENT:
            raise BundleError(f"Payload line {number} is not one succession statement.")
        # refused as a statement offered by hand would be (TrustError: its own reason)
        successions = Successions(self.store, self.trust, self.keys)
        statement = successions.preview(text.encode("utf-8"))
        if statement.predecessor.fingerprint != self.sender \
                or statement.successor.public != self.trust.own:
            raise TrustError(QT_TRANSLATE_NOOP(
                "Errors", "The bundle carries a succession statement that does not hand its "
                "sender's post to this vault: refused."))
        self.statement = True
        if not successions.inherited(self.sender):
            successions.mark_inherited(self.sender)
            self.changed = True

    def _holdings(self, obj: dict[str, Any], number: int) -> None:
        holder, held, known = obj.get("holder"), obj.get("held"), obj.get("known")
        if not self.statement:
            raise BundleError(f"Payload line {number}: holdings come only after the sender's "
                              "succession statement naming this vault; the bundle was refused.")
        if set(obj) != HOLDINGS_KEYS or not isinstance(holder, str) \
                or _HOLDER.fullmatch(holder) is None or not isinstance(held, list) \
                or not isinstance(known, list) or len(held) > PER_LINE \
                or len(known) > PER_LINE or (held and holder.startswith(CO_HELD)):
            raise BundleError(f"Payload line {number}: the holdings are malformed.")
        if not all(type(e) is str and _SEALED_HELD.fullmatch(e) for e in held) \
                or not all(type(e) is str and _SEALED.fullmatch(e) for e in known):
            raise BundleError(f"Payload line {number}: the holdings are malformed.")
        self.entries += len(held) + len(known)
        if holder in self._skipped():
            return  # this vault's own, and the predecessor's (retired: holds nothing more)
        # kept sealed, whether the record is here yet or not (a bundle with the records may
        # come later): opened on acceptance (settle). Two claims of one holding at two
        # levels are two seals: the lower counts then
        entries = [(self.sender, holder, e, 0) for e in held] \
            + [(self.sender, holder, e, 1) for e in known]
        conn = self.store.conn
        self._waiting()
        before = conn.total_changes
        conn.executemany("INSERT OR IGNORE INTO inherited_holding (predecessor, holder, "
                         "record_id, known, level, inside) VALUES (?, ?, ?, ?, 0, 0)", entries)
        self._bound(holder, number, conn.total_changes - before)  # what waits anew only
        self.changed = self.changed or conn.total_changes != before

    def _waiting(self) -> None:
        """What the sender's earlier bundles left waiting, read once, before this bundle's."""
        if self._pending is None:
            self._pending = pending(self.store, self.sender)
            self._holders = {str(h) for (h,) in self.store.conn.execute(
                "SELECT DISTINCT holder FROM inherited_holding WHERE predecessor = ?",
                (self.sender,))}

    def _bound(self, holder: str, number: int, more: int) -> None:
        """What one predecessor hands over waits within bounds (a seized key can send any
        number of bundles before its statement is accepted, or never be)."""
        assert self._pending is not None  # _waiting read it
        self._pending += more
        self._holders.add(holder)
        if self._pending > MAX_ENTRIES or len(self._holders) > MAX_HOLDERS:
            raise BundleError(f"Payload line {number}: the sender hands over more holdings than "
                              f"{MAX_ENTRIES:,}, or of more holders than {MAX_HOLDERS:,}; the "
                              "bundle was refused.")

    def _skipped(self) -> set[str]:
        if self._own is None:
            own = self.trust.own
            sender = self.trust.get(self.sender)  # trusted: the bundle was taken
            names = {own.fingerprint, "age:" + own.age_recipient, self.sender,
                     "age:" + sender.age_recipient}
            self._own = names | {CO_HELD + name for name in names}
        return self._own


# ---- the successor's vault: the official accepts the statement -----------------------------
def pending(store: Store, predecessor: str) -> int:
    """How many holdings ``predecessor``'s bundles handed this vault, waiting."""
    return int(store.conn.execute("SELECT count(*) FROM inherited_holding WHERE predecessor = ?",
                                  (predecessor,)).fetchone()[0])


def settle(store: Store, predecessor: str, successor: str) -> int:
    """Take what ``predecessor``'s bundles handed this vault (``successor``) as its own, as
    the claims the module doc describes; inside the caller's transaction (the acceptance).
    What no record here opens stays, sealed, to be opened by records that arrive later
    (:func:`open_arrived`). Returns how many holdings were taken."""
    conn = store.conn
    if not pending(store, predecessor):
        return 0
    key = seal_key(predecessor, successor)
    conn.execute("INSERT INTO sealed_key (predecessor, key) VALUES (?, ?) ON CONFLICT "
                 "(predecessor) DO UPDATE SET key = excluded.key", (predecessor, key))
    return _open_with(store, predecessor, key, None)


def open_arrived(store: Store, ids: Callable[[], Iterable[str]]) -> int:
    """Open with records that arrived (``ids()``: an import's new records, read for each
    seal's key) what a handover left sealed at its acceptance (:func:`settle`), and take it;
    inside the caller's transaction. Returns how many holdings were taken."""
    keys = store.conn.execute("SELECT predecessor, key FROM sealed_key").fetchall()
    return sum(_open_with(store, str(p), bytes(k), ids) for p, k in keys)


def _open_with(store: Store, predecessor: str, key: bytes,
               ids: Callable[[], Iterable[str]] | None) -> int:
    """Open the seals ``predecessor`` left here with the records held here (of ``ids`` only,
    when given), take them, and let them go; the predecessor's key goes with the last.

    The rows waiting are read once, in the order they are kept (by holder: what a bundle
    hands over is written where the holder's rows are, a seized key's millions too), each
    looking for its seal among the records'."""
    conn = store.conn
    _seal_records(store, key, ids)
    taken = _take(store, conn.execute(
        "SELECT h.holder, h.record_id, h.known, o.record_id, o.kind, o.level, o.inside "
        "FROM inherited_holding AS h CROSS JOIN temp.opening AS o WHERE h.predecessor = ? "
        "AND o.seal = substr(h.record_id, 1, 32)", (predecessor,)), key)
    if taken:
        conn.execute("DELETE FROM inherited_holding WHERE predecessor = ? AND "
                     "substr(record_id, 1, 32) IN (SELECT seal FROM temp.opening)",
                     (predecessor,))
    conn.execute("DELETE FROM temp.opening")
    if conn.execute("SELECT 1 FROM inherited_holding WHERE predecessor = ? LIMIT 1",
                    (predecessor,)).fetchone() is None:
        conn.execute("DELETE FROM sealed_key WHERE predecessor = ?", (predecessor,))
    return taken


def _seal_records(store: Store, key: bytes, ids: Callable[[], Iterable[str]] | None) -> None:
    """Fill the temporary table ``opening`` with the seals under ``key`` of the records held
    here (of ``ids`` only, when given), each with its kind, level and flag as a holding
    keeps them (an erased one at the lowest: its erasure still goes to whoever holds it)."""
    conn = store.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS opening (seal TEXT PRIMARY KEY, record_id "
                 "TEXT NOT NULL, kind TEXT NOT NULL, level INTEGER NOT NULL, inside INTEGER "
                 "NOT NULL) WITHOUT ROWID")
    conn.execute("DELETE FROM temp.opening")
    for kind, spec in KINDS.items():
        chunks: Iterable[list[str] | None] = [None] if ids is None else _chunks(ids())
        inside = "inside_russia" if "inside_russia" in spec.by_name else "0"
        sql = f"SELECT id, sensitivity, {inside}, erased IS NOT NULL FROM {spec.table}"  # noqa: S608
        for chunk in chunks:
            rows = conn.execute(sql) if chunk is None else conn.execute(
                sql + " WHERE id IN (SELECT value FROM json_each(?))",  # noqa: S608
                (json.dumps(chunk),))
            while batch := rows.fetchmany(_SEALED_BATCH):
                conn.executemany(
                    "INSERT OR IGNORE INTO temp.opening (seal, record_id, kind, level, inside) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(seal(key, record_id), record_id, kind.value, level, flag)
                     for record_id, level, flag in _held_levels(batch)])


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    it = iter(ids)
    while chunk := list(islice(it, _BATCH)):
        yield chunk


def _held_levels(rows: list[Any]) -> Iterator[tuple[str, int, int]]:
    """(id, level, flag) of table rows (id, sensitivity, inside_russia, erased)."""
    for record_id, level, flag, erased in rows:
        if erased:
            yield str(record_id), 0, 0
        else:
            yield (str(record_id), int(Sensitivity.INTERNAL) if level is None else int(level),
                   int(bool(flag)))


def _take(store: Store, opened: Any, key: bytes) -> int:
    """Take the opened claims a query gives, a batch at a time: (holder as given, the seal,
    known, then the record's id, kind, level and flag here); ``key``: the seals' key."""
    owners = {"age:" + str(key): str(fp) for fp, key in store.conn.execute(
        "SELECT fingerprint, age_recipient FROM official")}
    numbers: dict[str, int] = {}
    taken = 0
    while batch := opened.fetchmany(_BATCH):
        held: list[tuple[int, str, str, int, int]] = []
        known: list[tuple[str, str]] = []
        for name_given, sealed, is_known, record_id, kind, level, inside in batch:
            holder = _owner(str(name_given), owners)
            if is_known:
                name = holder if holder.startswith(CO_HELD) else CO_HELD + holder
                known.append((str(record_id), name))
                continue
            packed = int(str(sealed)[32], 16) ^ _mask(key, str(name_given), str(record_id))
            # a bare key no official here has yet: a card added later makes both of its names
            # one holder's, whose highest level counts (exporter.Holdings) — so a claim under
            # the key counts for nothing, and keeps no notice away
            bare = holder.startswith("age:")
            if holder not in numbers:
                numbers[holder] = holder_number(store, holder)
            held.append((numbers[holder], str(record_id), str(kind),
                         0 if bare else min(packed >> 1, int(level)),
                         0 if bare else min(packed & 1, int(inside))))
        # of two claims of one holding (two names of one holder; two levels; what this vault
        # sent them itself) the lower counts: a claim can only bring a notice about, never
        # keep one away
        store.conn.executemany(
            "INSERT INTO holding (holder, record_id, kind, level, inside) VALUES (?, ?, ?, ?, "
            "?) ON CONFLICT (holder, record_id) DO UPDATE SET level = min(level, "
            "excluded.level), inside = min(inside, excluded.inside) "
            "WHERE excluded.level < level OR excluded.inside < inside", held)
        store.conn.executemany("INSERT OR IGNORE INTO known_by (person_id, holder) VALUES (?, ?)",
                               known)
        taken += len(held) + len(known)
    return taken


def _owner(holder: str, owners: dict[str, str]) -> str:
    """A holder's name as this vault logs it: a bare age key of an official here is theirs
    (``exporter.holder_key``), ``co:`` kept."""
    claimed = holder.startswith(CO_HELD)
    bare = holder[len(CO_HELD):] if claimed else holder
    named = owners.get(bare, bare)
    return CO_HELD + named if claimed else named
