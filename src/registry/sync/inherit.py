"""Who holds what, handed to a successor with the post (DESIGN §6.4.2, issue 15).

A vault remembers which record ids it sent to which official, so that a protection raised
later, and an erasure, reach them (``exporter.Holdings``). After a handover the successor
takes the post: a flag the successor sets, a notice the successor receives and passes on, an
erasure the successor makes must reach whoever the predecessor sent the record to. That is
known to the predecessor's vault alone. So every bundle the predecessor's vault writes for
its successor once it has handed over carries it, after the records: the statement the
predecessor signed, then the holdings, one holder at a time::

    {"succession": "<the statement, as its exact text>"}
    {"holder": "<holder>", "held": [[id, kind, level, inside], ...], "known": [id, ...]}

``holder`` is how the log names a holder (``exporter.holder_key``: an official's fingerprint,
or ``age:`` and a bare age key; ``co:`` before either for what only a joint bundle's manifest
said they hold, which has no ``held``); ``held`` the records sent them, at the level and flag
sent; ``known`` the people they know by real id beyond those (``known_by``). Of these, only
what the successor itself was sent by real id, at no higher a level than it was sent
(§6.4.4): a protected record above the successor's ceilings is never named to it.

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

import re
from typing import Any

from registry.domain.enums import Kind, Sensitivity
from registry.domain.ids import is_id
from registry.errors import QT_TRANSLATE_NOOP, BundleError, TrustError
from registry.store import protection
from registry.store.records import CO_HELD, Store
from registry.sync.container import Recipient
from registry.sync.exporter import Built, held_under, holder_number, logged_names, tie_ends
from registry.sync.handover import MAX_STATEMENT, Successions
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
_KINDS = {k.value for k in Kind}
_LEVELS = {int(s) for s in Sensitivity}
_BATCH = 500


def is_line(obj: dict[str, Any]) -> bool:
    return STATEMENT in obj or "holder" in obj


# ---- the predecessor's vault ----------------------------------------------------------------
def lines(store: Store, statement: bytes, successor: Recipient, built: Built
          ) -> list[dict[str, Any]]:
    """The statement and every holder's holdings but the successor's own (they hold what
    they hold), in a stable order; ``built``: the records of the bundle that carries them.

    Only what the successor knows by real id (§6.4.4): a record it was sent, by this bundle
    or before, at no higher a level or flag than it was sent it; a person it knows by real id
    (``known_by``). What it was never sent — a protected record above its ceilings — is not
    named, nor is the level a holder holds it at above the successor's.
    """
    names = logged_names(store, successor)
    own = set(names) | {CO_HELD + name for name in names}
    mine = held_under(store, names)  # record id -> level * 2 + inside, as the successor holds it
    rank = protection.rank
    for record in built.records:
        if record.id in built.pseudonyms:
            continue
        packed = rank("sensitivity", record.values.get("sensitivity")) << 1 \
            | int(bool(record.values.get("inside_russia")))
        was = mine.get(record.id, packed)
        mine[record.id] = max(was >> 1, packed >> 1) << 1 | (was | packed) & 1
    knows = set(mine)
    knows.update(str(p) for (p,) in store.conn.execute(
        f"SELECT person_id FROM known_by WHERE holder IN ({','.join('?' * len(own))})",  # noqa: S608
        sorted(own)))
    knows.update(tie_ends(built))
    out: list[dict[str, Any]] = [{STATEMENT: statement.decode("utf-8")}]
    holders = sorted({str(h) for (h,) in store.conn.execute(
        "SELECT fingerprint FROM holder UNION SELECT holder FROM known_by")} - own)
    for holder in holders:
        held = [[str(r), str(k), min(int(lv), here >> 1), min(int(i), here & 1)]
                for r, k, lv, i in store.conn.execute(
                    "SELECT record_id, kind, level, inside != 0 FROM sent_record "
                    "WHERE recipient = ? ORDER BY record_id", (holder,))
                if (here := mine.get(str(r))) is not None]
        known = [str(p) for (p,) in store.conn.execute(
            "SELECT person_id FROM known_by WHERE holder = ? ORDER BY person_id", (holder,))
            if str(p) in knows]
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
        rows = [_held_row(entry, number) for entry in held]
        people = [_id(entry, number) for entry in known]
        self.entries += len(rows) + len(people)
        if holder in self._skipped():
            return  # this vault's own, and the predecessor's (retired: holds nothing more)
        # kept whether the record is here yet or not (a bundle with the records may come
        # later); of two claims of one holding the lower counts: a claim never keeps a
        # notice away, whichever came first
        entries = [(self.sender, holder, rid, 0, level, inside) for rid, level, inside in rows] \
            + [(self.sender, holder, person, 1, 0, 0) for person in people]
        conn = self.store.conn
        self._waiting()
        before = conn.total_changes
        conn.executemany("INSERT OR IGNORE INTO inherited_holding (predecessor, holder, "
                         "record_id, known, level, inside) VALUES (?, ?, ?, ?, ?, ?)", entries)
        self._bound(holder, number, conn.total_changes - before)  # what waits anew only
        conn.executemany(
            "UPDATE inherited_holding SET level = min(level, ?5), inside = min(inside, ?6) "
            "WHERE predecessor = ?1 AND holder = ?2 AND record_id = ?3 AND known = ?4 "
            "AND (level > ?5 OR inside > ?6)", entries)
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


def _held_row(entry: Any, number: int) -> tuple[str, int, int]:
    """A ``held`` entry, checked; its kind only for its shape (the kind held here counts)."""
    if not isinstance(entry, list) or len(entry) != 4:
        raise BundleError(f"Payload line {number}: the holdings are malformed.")
    record_id, kind, level, inside = entry
    if type(kind) is not str or kind not in _KINDS or type(level) is not int \
            or level not in _LEVELS or type(inside) is not int or inside not in (0, 1):
        raise BundleError(f"Payload line {number}: the holdings are malformed.")
    return _id(record_id, number), level, inside


def _id(value: Any, number: int) -> str:
    if type(value) is not str or not is_id(value):
        raise BundleError(f"Payload line {number}: the holdings name no canonical record id.")
    return value


# ---- the successor's vault: the official accepts the statement -----------------------------
def pending(store: Store, predecessor: str) -> int:
    """How many holdings ``predecessor``'s bundles handed this vault, waiting."""
    return int(store.conn.execute("SELECT count(*) FROM inherited_holding WHERE predecessor = ?",
                                  (predecessor,)).fetchone()[0])


def settle(store: Store, predecessor: str) -> int:
    """Take what ``predecessor``'s bundles handed this vault as its own, as the claims the
    module doc describes; inside the caller's transaction (the acceptance), a batch at a
    time. Returns how many holdings were taken."""
    owners = {"age:" + str(key): str(fp) for fp, key in store.conn.execute(
        "SELECT fingerprint, age_recipient FROM official")}
    numbers: dict[str, int] = {}
    taken, after = 0, ("", "", -1)
    while batch := store.conn.execute(
            "SELECT holder, record_id, known, level, inside FROM inherited_holding "
            "WHERE predecessor = ? AND (holder, record_id, known) > (?, ?, ?) "
            "ORDER BY holder, record_id, known LIMIT ?", (predecessor, *after, _BATCH)
            ).fetchall():
        after = batch[-1][:3]
        here = _held_here(store, sorted({str(r[1]) for r in batch if not r[2]}))
        held: list[tuple[int, str, str, int, int]] = []
        known: list[tuple[str, str]] = []
        for name_given, record_id, is_known, level, inside in batch:
            holder = _owner(name_given, owners)
            if is_known:
                name = holder if holder.startswith(CO_HELD) else CO_HELD + holder
                known.append((record_id, name))
                continue
            found = here.get(record_id)
            if found is None:
                continue  # not held here: nothing of it can reach them from this vault
            kind, level_here, inside_here = found
            if holder.startswith("age:"):
                # a bare key no official here has yet: a card added later makes both of its
                # names one holder's, whose highest level counts (exporter.Holdings) — so a
                # claim under the key counts for nothing, and keeps no notice away
                level_here = inside_here = 0
            if holder not in numbers:
                numbers[holder] = holder_number(store, holder)
            held.append((numbers[holder], record_id, kind, min(level, level_here),
                         min(inside, inside_here)))
        # of two claims of one holding (two names of one holder; what this vault sent them
        # itself) the lower counts: a claim can only bring a notice about, never keep one away
        store.conn.executemany(
            "INSERT INTO holding (holder, record_id, kind, level, inside) VALUES (?, ?, ?, ?, "
            "?) ON CONFLICT (holder, record_id) DO UPDATE SET level = min(level, "
            "excluded.level), inside = min(inside, excluded.inside) "
            "WHERE excluded.level < level OR excluded.inside < inside", held)
        store.conn.executemany("INSERT OR IGNORE INTO known_by (person_id, holder) VALUES (?, ?)",
                               known)
        taken += len(held) + len(known)
    store.conn.execute("DELETE FROM inherited_holding WHERE predecessor = ?", (predecessor,))
    return taken


def _owner(holder: str, owners: dict[str, str]) -> str:
    """A holder's name as this vault logs it: a bare age key of an official here is theirs
    (``exporter.holder_key``), ``co:`` kept."""
    claimed = holder.startswith(CO_HELD)
    bare = holder[len(CO_HELD):] if claimed else holder
    named = owners.get(bare, bare)
    return CO_HELD + named if claimed else named


def _held_here(store: Store, ids: list[str]) -> dict[str, tuple[str, int, int]]:
    """Each of ``ids`` held here: its kind, level and flag (as a holding keeps them); one
    erased here at the lowest (its erasure still goes to whoever holds it)."""
    out: dict[str, tuple[str, int, int]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        for record_id, kind in store.kinds_of(chunk).items():
            got = store.get(record_id, kind)
            assert got is not None  # just found
            if got.erased is not None:
                out[record_id] = (kind.value, 0, 0)
                continue
            out[record_id] = (kind.value, protection.rank("sensitivity",
                                                          got.values.get("sensitivity")),
                              int(bool(got.values.get("inside_russia"))))
    return out
