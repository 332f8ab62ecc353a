"""Bundle import in the order of DESIGN §6.2, with a dry run, an import log and revert.

:func:`check_file` does the checks made before a payload is read and writes nothing: size
limits and container → signature → signer trusted and not revoked → payload hash.
:func:`import_files` then reads each payload as a stream (§6.5.7) inside ONE transaction:
decrypt → every line validated → a part of the lines at a time screened, checked, planned
(:func:`plan` classifies each record against the vault) and merged: records the vault has
never seen are bulk-inserted, the others go through the store's per-field merge, which keeps
every losing value in field history tagged with the import's id. Any refusal rolls the
whole import back; an import that would change nothing writes nothing at all (replaying a
bundle is a no-op).

:func:`revert` undoes an import as new local edits (so the revert itself travels): the
values it overwrote come back from field history where the import's value still stands,
and the records it created are deleted (tombstones). Erasures cannot be undone.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from registry.domain.enums import Kind, Sensitivity, may_provide_support
from registry.domain.hlc import MAX_HLC, Stamp, wall_hlc
from registry.domain.ids import decision_id
from registry.domain.model import KINDS, MAY_BE_SAME, Record
from registry.errors import (
    QT_TRANSLATE_NOOP,
    BundleError,
    InvalidInput,
    NotFound,
    RegistryError,
    TrustError,
)
from registry.match import guard
from registry.memory import forget_records_over
from registry.store import audit, db, protection
from registry.store.records import (
    Store,
    decode_stamps,
    encode_stamps,
    erasure_wins,
    field_wins,
    merge_fields,
)
from registry.sync import (
    container,
    inherit,
    namesakes,
    payload,
    readahead,
    seen,
    signatures,
    wire,
)
from registry.sync import held as held_list
from registry.sync.container import Limits, Manifest
from registry.sync.exporter import (
    PAYLOAD_FORMAT,
    held_by,
    holder_key,
    keep_moved_off,
    materialise,
    record_holdings,
    splits_groups,
)
from registry.sync.keys import OfficialKeys, PublicKeys
from registry.sync.progress import Cancelled, Job
from registry.sync.seen import Seen
from registry.sync.trust import Official, TrustStore

HEADER_KEYS = frozenset({"format", "bundle_id", "sender", "created_at", "counts", "settings"})
MAX_SETTINGS = 4096
_BATCH = 500
_TICK = 5000


@dataclass(frozen=True)
class ImportLimits:
    container: Limits = field(default_factory=Limits)
    max_uncompressed: int = 2 * 1024 * 1024 * 1024
    max_line: int = 1024 * 1024
    # over twice the lines of the benchmark's vault of 100,000 people and 300,000 ties; what
    # an import keeps a line (its id and kind, some 30 bytes in the vault connection's
    # temporary database: sync.seen) stays well within §6.5.7's 256 MB
    max_lines: int = 1_000_000
    max_ratio: int | None = payload.MAX_RATIO  # inflated : compressed (payload.py)


@dataclass
class Prepared:
    """A part of a bundle's lines (:data:`PART`), screened and checked: the bundle's
    manifest, signer and settings, and these lines' validated records."""

    path: Path
    manifest: Manifest
    sender: Official | None  # None: this vault's own bundle
    settings: dict[str, Any]
    records: list[Record]
    notices: list[Record] = field(default_factory=list)
    sigs: dict[str, dict[str, tuple[Stamp, bytes]]] = field(default_factory=dict)  # verified
    not_applied: list[dict[str, Any]] = field(default_factory=list)  # §6.5.3, reported
    line_of: dict[str, int] = field(default_factory=dict)  # record id → payload line
    unverified_erasures: set[str] = field(default_factory=set)  # no trusted key signed them
    # lines the screen left out (or cut) that name this vault, as they came: §6.5.2 asks
    # about every stamp of the bundle, not only those that apply
    own_screened_out: list[Record] = field(default_factory=list)
    # the clock's high-water mark when the import began: a stamp in this vault's name beyond
    # it refuses (§6.5.2), whatever the parts before it made the clock observe
    high: int | None = None


@dataclass
class Change:
    """What merging one incoming record does (or would do)."""

    record: Record
    status: str  # new, changed, deleted, erased, unchanged
    exists: bool
    overwritten_local: list[str] = field(default_factory=list)
    kept_protection: list[str] = field(default_factory=list)
    raised: bool = False
    on_erased: bool = False  # a notice about a record erased here: raises what it had
    # fields it carried under another stamp that lose to the values held here (protection,
    # or another field whose value stands as an import brought it): kept
    # (``Store.keep_masked``) for a quarantine of whoever's value stands (§6.5.9)
    masked: list[str] = field(default_factory=list)
    # protection fields it carried as held here (the same value under the same stamp), a
    # raise above the default: kept too when another sender's import brought what stands
    echoed: list[str] = field(default_factory=list)
    # the origins of its required fields' stamps that lost here to another origin's: kept
    # (``Store.keep_required_origins``), so that neither is taken for the maker (§6.5.4)
    outvoiced: list[str] = field(default_factory=list)
    renamed: bool = False  # it changes a name field of a record held here (namesakes.py)


@dataclass
class ImportReport:
    file: str
    bundle_id: str
    sender_fingerprint: str
    sender_name: str
    sender_verified: bool
    created_at: str
    settings: dict[str, Any]
    counts: dict[str, int]
    deleted: list[str]
    erased: list[str]
    overwritten_local: list[dict[str, Any]]
    dry_run: bool
    import_id: str | None = None
    protection_raised: list[str] = field(default_factory=list)
    protection_kept: list[str] = field(default_factory=list)
    notices_held: list[str] = field(default_factory=list)
    notices_discarded: list[dict[str, Any]] = field(default_factory=list)  # held, not applied
    not_applied: list[dict[str, Any]] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)  # erasures waiting (§6.5.4)
    replay_of: str | None = None  # the import that already merged this bundle
    recovery_shares: int = 0  # recovery shares for this vault: carried (a dry run), kept
    holdings_inherited: int = 0  # who holds what, from the predecessor (sync.inherit)
    # people and organisations it brought (or renamed) beside a protected person here: raised
    # to protected until reviewed (sync.namesakes)
    guarded: list[str] = field(default_factory=list)

    def total(self, name: str) -> int:
        """How many entries the list ``name`` had: a file's report keeps the first
        ``importer.MAX_REPORTED`` of each (its counts say how many more)."""
        return len(getattr(self, name)) + self.counts.get(f"more_{name}", 0)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "bundle_id": self.bundle_id,
                "sender": {"fingerprint": self.sender_fingerprint, "name": self.sender_name,
                           "verified": self.sender_verified},
                "created_at": self.created_at, "settings": self.settings,
                "counts": self.counts, "deleted": self.deleted, "erased": self.erased,
                "overwritten_local": self.overwritten_local, "dry_run": self.dry_run,
                "import_id": self.import_id, "held": self.held,
                "protection": {"raised": self.protection_raised,
                               "kept": self.protection_kept,
                               "held_for_later": self.notices_held,
                               "held_discarded": self.notices_discarded,
                               "guarded": self.guarded},
                "not_applied": self.not_applied, "replay_of": self.replay_of,
                "recovery_shares": self.recovery_shares,
                "holdings_inherited": self.holdings_inherited}


# ---- checks before the payload is read (no writes) --------------------------------------------
@dataclass
class CheckedFile:
    """A bundle file that passed every check made before its payload is read: size limits and
    container, signature, signer trusted (and verified, or accepted unverified), payload
    hash. ``replay_of``: the import that merged this very bundle here (it is not read again)."""

    path: Path
    manifest: Manifest
    sender: Official | None  # None: this vault's own bundle
    opened: container.OpenedBundle
    replay_of: tuple[str, int] | None = None


def check_file(trust: TrustStore, path: Path, limits: ImportLimits = ImportLimits(), *,
               allow_unverified: bool = False,
               imported: Callable[[str, str, str], tuple[str, int] | None] | None = None
               ) -> CheckedFile:
    """The checks of DESIGN §6.2 up to the payload hash, in order; raises on the first failure,
    writes nothing.

    ``imported`` tells whether this vault already merged a bundle (by id, signer and
    payload hash) and has not undone it: such a replay is not decrypted again. Merging is
    idempotent and every later change here is newer, so it could change nothing (a
    quarantine or a revert marks the import undone, and its bundle is then compared in
    full). Another payload under the id of a bundle merged here is refused."""
    opened = container.open_bundle(Path(path), limits=limits.container)
    opened.verify_signature()
    official = trust.require_trusted(opened.manifest.sender.public)
    if official is not None and not official.verified and not allow_unverified:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The bundle's sender is trusted but not verified: refused. Compare the "
            "safety number with them ('registry trust verify'), or accept this bundle "
            "knowingly with --allow-unverified."))
    opened.check_payload_hash()
    earlier = imported(opened.manifest.bundle_id, opened.manifest.sender.fingerprint,
                       opened.manifest.payload_sha256) if imported is not None else None
    return CheckedFile(Path(path), opened.manifest, official, opened, earlier)


def _screened_out_naming(records: Sequence[Record], dropped: Sequence[Mapping[str, Any]],
                         own: str) -> list[Record]:
    """The lines the screen cut or left out (``dropped``) whose stamps name this vault."""
    ids = {d["id"] for d in dropped}
    return [r for r in records if r.id in ids and _names(r, own)] if ids else []


# ---- checked like local edits (DESIGN §6.5.5) ---------------------------------------------------
KindLookup = Callable[[list[str]], dict[str, Kind]]
PairLookup = Callable[[Kind, list[str]], dict[str, dict[str, Any]]]
ACTORS = frozenset({Kind.PERSON, Kind.ORGANISATION})
_REF_KINDS: dict[str, frozenset[Kind]] = {
    "from_id": ACTORS, "to_id": ACTORS, "provider_id": frozenset({Kind.ORGANISATION}),
    "recipient_id": ACTORS, "subject_id": ACTORS, "organiser_id": frozenset({Kind.ORGANISATION}),
    "a_id": ACTORS, "b_id": ACTORS, "participants": frozenset({Kind.PERSON}),
}
_PAIRS = (("from_id", "to_id"), ("a_id", "b_id"))


def check_records(records: Sequence[Record], kinds_here: KindLookup,
                  pairs_here: PairLookup | None = None,
                  line_of: Mapping[str, int] | None = None, *,
                  later: _Later | None = None) -> None:
    """Every record is checked as a local edit is: required fields present, references to
    records of the allowed kinds (here or in the same bundle), nothing joined to itself —
    also when a line sets one end of a tie held here to its other end — and a support's
    provider of a type that may provide one (its type as the bundle or, failing that, this
    vault has it; ``pairs_here`` tells the vault's). A failing line refuses the whole
    bundle, naming line (``line_of``: each record's payload line) and field.

    ``later``: the records are a part of a bundle read a part at a time (the earlier parts
    merged already). What points to a record neither here nor in the lines read so far waits
    there for a later part to bring it, and is checked once the bundle is read, as is every
    provider (:meth:`_Later.check`)."""
    numbered = _numbered(records, line_of)
    in_bundle = {r.id: r.kind for r in records}
    if later is not None:
        later.met(in_bundle)
    outside: list[_Outside] = []  # references to records not in the bundle: asked in batches
    decisions: list[tuple[int, Record]] = []  # their pairs' kinds: checked after the look-up
    try:
        for number, record in numbered:
            _check_record(record, number, in_bundle, outside, decisions)
    except BundleError:
        _check_outside(outside, kinds_here, later)  # an earlier line's reference refuses first
        raise
    here = _check_outside(outside, kinds_here, later)
    _check_decision_pairs(decisions, in_bundle, here, later)
    if pairs_here is not None:
        _check_partial_pairs(numbered, pairs_here)
    _check_providers(numbered, pairs_here, later)


class _Later:
    """What lines of a bundle read a part at a time point to that no part has brought yet
    (DESIGN §6.5.5: a reference may point to a record anywhere in the same bundle). When a
    part brings such a record, its kind is checked as if it had come first
    (:meth:`met`); what still waits once the bundle is read must be held here
    (:meth:`check`). Bundles list the records others point to first, so little waits; at
    most :data:`MAX_LATER` references do, or the bundle is refused (bounded memory)."""

    def __init__(self, brought: Seen) -> None:
        # the kind of every record line of the parts read so far (not of one the signature
        # screen left out, which counts as no line of the bundle)
        self.brought = brought
        self.refs: dict[str, list[tuple[int, str, frozenset[Kind]]]] = {}
        self.decisions: list[tuple[int, str, str]] = []  # line, a_id, b_id: kinds then
        # provider_id → the line that gave a support from it last (its stamp), and that line
        self.providers: dict[str, tuple[Stamp, int]] = {}
        self.size = 0

    def wait(self, number: int, name: str, ref: str, allowed: frozenset[Kind]) -> None:
        self._count()
        self.refs.setdefault(ref, []).append((number, name, allowed))

    def wait_decision(self, number: int, a: str, b: str) -> None:
        self._count()
        self.decisions.append((number, a, b))

    def wait_provider(self, number: int, provider: str, given: Stamp) -> None:
        before = self.providers.get(provider)
        if before is None:  # one a provider: a bundle's supports share few
            self._count()
        self.providers[provider] = max(before or (given, number), (given, number))

    def _count(self) -> None:
        self.size += 1
        if self.size > MAX_LATER:
            raise BundleError(f"The bundle has more than {MAX_LATER} references to records "
                              "that come later in it; refused.")

    def met(self, in_part: Mapping[str, Kind]) -> None:
        """A part brings these records: what waited for them is checked now."""
        if not self.refs:
            return
        for ref in in_part.keys() & self.refs.keys():
            for number, name, allowed in self.refs.pop(ref):
                if in_part[ref] not in allowed:
                    _points_nowhere(number, name, allowed)

    def check(self, store: Store) -> None:
        """Once the bundle is read: what still waits points to records held here."""
        outside = [(number, name, ref, allowed)
                   for ref, waiting in self.refs.items() for number, name, allowed in waiting]
        outside.sort()
        _check_outside(outside, self.lookup(store.kinds_of))
        if self.decisions:
            ends = sorted({i for _, a, b in self.decisions for i in (a, b)})
            kinds = _kinds_in_batches(ends, self.lookup(store.kinds_of))
            for number, a, b in sorted(self.decisions):
                if kinds.get(a) is not kinds.get(b):
                    _different_kinds(number)
        if self.providers:
            types = _typed(held_pairs(store, Kind.ORGANISATION, sorted(self.providers)))
            for provider, (given, number) in sorted(self.providers.items(),
                                                    key=lambda item: item[1][1]):
                if provider in types and _not_then(
                        [types[provider], *_earlier_types(store, provider)], given):
                    _not_a_provider(number)

    def lookup(self, kinds_here: KindLookup) -> KindLookup:
        """The kinds the lines of the parts read so far give (as a whole bundle's check takes
        the bundle's kind first), and failing that ``kinds_here``: the vault's."""
        def ask(ids: list[str]) -> dict[str, Kind]:
            found = self.brought.kinds(ids)
            rest = [i for i in ids if i not in found]
            return {**kinds_here(rest), **found} if rest else found
        return ask


MAX_LATER = 250_000


def _numbered(records: Sequence[Record], line_of: Mapping[str, int] | None
              ) -> list[tuple[int, Record]]:
    """Each record with the payload line it came on (the screen may have left lines out,
    and notices or a recovery share may stand among them); counted when not known."""
    if not line_of:
        return [(n + 2, r) for n, r in enumerate(records)]
    return [(line_of.get(r.id, n + 2), r) for n, r in enumerate(records)]


def _check_providers(numbered: list[tuple[int, Record]],
                     fields_here: PairLookup | None, later: _Later | None = None) -> None:
    """A support line that sets its provider names an organisation that may provide support
    (``domain.enums.may_provide_support``, the rule a local edit asks). With ``later`` (a
    bundle read a part at a time), every provider is checked once the bundle is read, as
    the vault then holds it: whatever the parts, the same answer (a line of any part may set
    its type, and one that loses here to a newer type sets nothing). A support held here
    with that very provider was given when it could, whatever the provider's type since: it
    is not asked again (a local edit asks the same, ``Registry._check_refs``)."""
    records = [r for _, r in numbered]
    supports = [(n, r) for n, r in numbered if r.kind is Kind.SUPPORT and r.erased is None
                and isinstance(r.values.get("provider_id"), str)]
    if supports and fields_here is not None:
        held_here = fields_here(Kind.SUPPORT, sorted({r.id for _, r in supports}))
        supports = [(n, r) for n, r in supports
                    if held_here.get(r.id, {}).get("provider_id") != r.values["provider_id"]]
    lines = [(n, str(r.values["provider_id"]), r.stamps["provider_id"]) for n, r in supports]
    if not lines:
        return
    if later is not None:  # asked at the end, of the provider as the vault then holds it
        for number, provider, given in lines:
            later.wait_provider(number, provider, given)
        return
    orgs = {r.id: r for r in records if r.kind is Kind.ORGANISATION}
    types: dict[str, list[tuple[Any, Stamp | None]]] = {
        i: [(r.values.get("type"), r.stamps["type"])] for i, r in orgs.items()
        if "type" in r.stamps}
    wanted = sorted({p for _, p, _ in lines})
    found = _typed(fields_here(Kind.ORGANISATION, wanted)) if fields_here is not None else {}
    for i, typed in found.items():
        types.setdefault(i, []).append(typed)
    for i in sorted(orgs.keys() - types.keys()):  # new here, with no type
        types[i] = [(None, None)]
    for number, provider, given in lines:
        if provider in types and _not_then(types[provider], given):
            _not_a_provider(number)


def _typed(rows: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[Any, Stamp | None]]:
    """Organisations' types with the stamps they were set under (``held_pairs`` rows)."""
    return {i: (row.get("type"), decode_stamps(row["stamps"]).get("type")
                if row.get("stamps") else None) for i, row in rows.items()}


def _not_then(typed: list[tuple[Any, Stamp | None]], given: Stamp) -> bool:
    """Whether a provider with these types (each set under its stamp; None: no type ever)
    could not give a support given under ``given``: its type then — the newest set before
    it — may not provide one. A support given when its provider was a donor stays one
    whatever the provider's type since, else every bundle carrying it would be refused by
    whoever did not hold it yet, the flags in it too; a type known only from after it is
    no answer (the support passes)."""
    if all(stamp is None for _, stamp in typed):
        return not may_provide_support(typed[0][0])
    then = [(stamp, kind) for kind, stamp in typed if stamp is not None and stamp <= given]
    return bool(then) and not may_provide_support(max(then)[1])


def _earlier_types(store: Store, org_id: str) -> list[tuple[Any, Stamp | None]]:
    """An organisation's earlier types, with their stamps (field history)."""
    return [(json.loads(value), Stamp(int(hlc), str(origin))) for value, hlc, origin in
            store.conn.execute("SELECT value, hlc, origin FROM field_history WHERE "
                               "record_id = ? AND field = 'type'", (org_id,))]


def _check_partial_pairs(numbered: list[tuple[int, Record]], pairs_here: PairLookup) -> None:
    """A line carrying one end of a pair (a tie's from/to, a decision's a/b) but not the
    other is merged with the record held here: the two ends must still differ."""
    partial: dict[Kind, list[tuple[int, Record, str, str]]] = {}
    for number, record in numbered:
        if record.erased is not None:
            continue
        for a, b in _KIND_PAIRS[record.kind]:
            if (a in record.stamps) != (b in record.stamps):
                partial.setdefault(record.kind, []).append((number, record, a, b))
    for kind, lines in partial.items():
        held = pairs_here(kind, sorted({r.id for _, r, _, _ in lines}))
        for number, record, a, b in lines:
            ends = {**held.get(record.id, {}), **{k: record.values.get(k)
                                                 for k in (a, b) if k in record.stamps}}
            if ends.get(a) is not None and ends.get(a) == ends.get(b):
                name = a if a in record.stamps else b
                raise BundleError(f"Payload line {number}: {name} would join the record held "
                                  f"here to itself ({a} and {b} the same); the bundle was "
                                  "refused.")


def held_pairs(store: Store, kind: Kind, ids: list[str]) -> dict[str, dict[str, Any]]:
    """What the checks across records need of the records of ``kind`` among ``ids`` held
    here: the pair ends (``_PAIRS``), an organisation's type (``_CHECKED``)."""
    names = [n for pair in _KIND_PAIRS[kind] for n in pair] + list(_CHECKED.get(kind, ()))
    out: dict[str, dict[str, Any]] = {}
    if not names:
        return out
    cols = ", ".join(f'"{n}"' for n in names)
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        marks = ",".join("?" * len(chunk))
        for row in store.conn.execute(
                f"SELECT id, {cols} FROM {KINDS[kind].table} WHERE id IN ({marks})",  # noqa: S608
                chunk):
            out[str(row[0])] = dict(zip(names, row[1:], strict=True))
    return out


# per kind, its reference fields in name order (the order of a canonical line's values) and
# its pairs that must differ: decided once, not per line
_REF_FIELDS = {k: tuple(sorted(n for n in spec.by_name if n in _REF_KINDS or n == "merged_into"))
               for k, spec in KINDS.items()}
_KIND_PAIRS = {k: tuple((a, b) for a, b in _PAIRS if a in spec.by_name and b in spec.by_name)
               for k, spec in KINDS.items()}
# may it provide a support, and which provider a support held here has (_check_providers)
_CHECKED = {Kind.ORGANISATION: ("type", "stamps"), Kind.SUPPORT: ("provider_id",)}


def _refs(record: Record) -> list[tuple[str, str]]:
    values = record.values
    out: list[tuple[str, str]] = []
    for name in _REF_FIELDS[record.kind]:
        value = values.get(name)
        if isinstance(value, str):
            out.append((name, value))
        elif isinstance(value, list) and name != "merged_into":
            out += [(name, ref) for ref in value if isinstance(ref, str)]
    return out


_Outside = tuple[int, str, str, frozenset[Kind]]  # line, field, reference, kinds allowed
# what merged_into may point to: only persons and organisations are ever decided "same"
_SAME_KIND = {k: frozenset({k}) for k in MAY_BE_SAME}


def _check_record(record: Record, number: int, in_bundle: dict[str, Kind],
                  outside: list[_Outside], decisions: list[tuple[int, Record]]) -> None:
    """One line's checks; a reference to a record not in the bundle goes to ``outside``, for
    :func:`_check_outside` (asked once for all of them: they refuse in line order), and a
    decision to ``decisions``, for :func:`_check_decision_pairs`."""
    values = record.values
    if _tombstone(record):
        return
    for name in KINDS[record.kind].required:
        value = values.get(name)
        if not value and name in record.stamps and value in (None, "", []):
            raise BundleError(f"Payload line {number}: {name} is required and is empty; the "
                              "bundle was refused.")
    if values.get("merged_into") is not None and record.kind not in _SAME_KIND:
        raise BundleError(f"Payload line {number}: merged_into is set, and a record of kind "
                          f"'{record.kind.value}' is never decided the same as another; the "
                          "bundle was refused.")
    for name, ref in _refs(record):
        allowed = _SAME_KIND[record.kind] if name == "merged_into" else _REF_KINDS[name]
        kind = in_bundle.get(ref)
        if kind is None:
            outside.append((number, name, ref, allowed))
            continue
        if kind not in allowed:
            _points_nowhere(number, name, allowed)
        if ref == record.id:
            raise BundleError(f"Payload line {number}: {name} points to the record itself; "
                              "the bundle was refused.")
    for a, b in _KIND_PAIRS[record.kind]:
        if values.get(a) is not None and values.get(a) == values.get(b):
            raise BundleError(f"Payload line {number}: {a} and {b} are the same record; the "
                              "bundle was refused.")
    if record.kind is Kind.DECISION:
        _check_decision(record, number)
        decisions.append((number, record))


def _check_decision(record: Record, number: int) -> None:
    """A decision line is one ``match.review.decide`` could have made: its id is its pair's
    (``ids.decision_id``), and its decider is the official whose stamp it bears — a line in
    a colleague's name cannot say that this vault, or another official, decided."""
    values, stamps = record.values, record.stamps
    a, b = values.get("a_id"), values.get("b_id")
    if (a is not None or b is not None) and (
            not isinstance(a, str) or not isinstance(b, str) or decision_id(a, b) != record.id):
        raise BundleError(f"Payload line {number}: a_id and b_id are not the pair this "
                          "decision's id was made for; the bundle was refused.")
    by = stamps.get("decided_by")
    named = stamps.get("decided_by_name")
    if (by is not None and values.get("decided_by") != by.origin) or (
            named is not None and (by is None or named.origin != by.origin)):
        raise BundleError(f"Payload line {number}: decided_by is not the official whose "
                          "stamp the decision bears; the bundle was refused.")
    # the decision travels with its decider: whoever changed it last is who decided it
    # (``decide`` stamps both; the decider confirming an earlier official's decision
    # stamps decided_by alone, after it)
    made = stamps.get("decision")
    if made is not None and (by is None or (made > by and made.origin != by.origin)):
        raise BundleError(f"Payload line {number}: the decision was changed by another "
                          "official than the one it names as its decider; the bundle was "
                          "refused.")


def _check_outside(outside: list[_Outside], kinds_here: KindLookup,
                   later: _Later | None = None) -> dict[str, Kind]:
    """The references to records not in the bundle point to records of the allowed kinds
    held here (looked up in batches); the first that does not refuses the bundle — or, with
    ``later``, one that points to no record here waits there. Returns the kinds found here."""
    wanted = sorted({ref for _, _, ref, _ in outside})
    here = _kinds_in_batches(wanted, later.lookup(kinds_here) if later else kinds_here)
    for number, name, ref, allowed in outside:
        kind = here.get(ref)
        if kind is None and later is not None:
            later.wait(number, name, ref, allowed)
        elif kind not in allowed:
            _points_nowhere(number, name, allowed)
    return here


def _kinds_in_batches(ids: list[str], kinds_here: KindLookup) -> dict[str, Kind]:
    here: dict[str, Kind] = {}
    for start in range(0, len(ids), _BATCH):
        here.update(kinds_here(ids[start:start + _BATCH]))
    return here


def _check_decision_pairs(decisions: list[tuple[int, Record]], in_bundle: Mapping[str, Kind],
                          here: Mapping[str, Kind], later: _Later | None = None) -> None:
    """A decision is on two persons or two organisations, never one of each (as a local
    decision is); the kinds are the bundle's or, failing that, this vault's (or, with
    ``later``, checked once the bundle is read when a later part brings one of the two)."""
    for number, record in decisions:
        a, b = record.values.get("a_id"), record.values.get("b_id")
        if isinstance(a, str) and isinstance(b, str):
            kind_a, kind_b = in_bundle.get(a) or here.get(a), in_bundle.get(b) or here.get(b)
            if later is not None and (kind_a is None or kind_b is None):
                later.wait_decision(number, a, b)
            elif kind_a is not kind_b:
                _different_kinds(number)


def _different_kinds(number: int) -> NoReturn:
    raise BundleError(f"Payload line {number}: a_id and b_id are records of different kinds "
                      "(a decision is on two persons or two organisations); the bundle was "
                      "refused.")


def _not_a_provider(number: int) -> NoReturn:
    raise BundleError(f"Payload line {number}: provider_id: the provider must be an "
                      "organisation of type donor or government; the bundle was refused.")


def check_merged(store: Store, changes: Sequence[Change], line_of: Mapping[str, int]) -> None:
    """What the lines left of records held here is what a local edit could leave: every
    required field set, the two ends of a tie or decision different. Asked of the merged rows
    themselves, inside the import's transaction (a failure rolls it all back): a line's field
    that loses to the value held here (an old stamp, a sender's free choice) is not what the
    merge keeps, and an undeletion brings back what a deletion carried (§6.5.5). A new
    record's line was checked whole already."""
    by_kind: dict[Kind, list[str]] = {}
    for change in changes:
        if change.exists and change.status == "changed":
            by_kind.setdefault(change.record.kind, []).append(change.record.id)
    for kind, ids in by_kind.items():
        spec = KINDS[kind]
        pairs = _KIND_PAIRS[kind]
        names = list(dict.fromkeys([*spec.required, *(n for pair in pairs for n in pair)]))
        cols = ", ".join(f'"{n}"' for n in names)
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start:start + _BATCH]
            for record_id, *cells in store.conn.execute(
                    f"SELECT id, {cols} FROM {spec.table} WHERE id IN "  # noqa: S608
                    f"({','.join('?' * len(chunk))}) AND erased IS NULL AND "
                    "coalesce(deleted, 0) = 0 ORDER BY id", chunk):
                row = dict(zip(names, cells, strict=True))
                number = line_of.get(str(record_id), 0)
                for name in spec.required:
                    if row[name] in (None, "", "[]"):
                        raise BundleError(f"Payload line {number}: {name} is required, and the "
                                          "record held here would be left without it; the "
                                          "bundle was refused.")
                for a, b in pairs:
                    if row[a] is not None and row[a] == row[b]:
                        raise BundleError(f"Payload line {number}: {a} and {b} would be the "
                                          "same record once merged with the record held "
                                          "here; the bundle was refused.")


def leaves_invalid(record: Record, changes: Mapping[str, Any]) -> bool:
    """Whether setting ``changes`` (None: unset) on a live record would leave it what no
    local edit may (a required field empty, a tie or decision joining a record to itself):
    a revert or a quarantine putting back one end of a tie whose other end an honest
    colleague changed since, say. Such a change is not made; the record is listed."""
    after = {**record.values, **changes}  # (an erased record is never put back)
    if after.get("deleted"):
        return False
    spec = KINDS[record.kind]
    return any(after.get(n) in (None, "", []) for n in spec.required) or any(
        after.get(a) is not None and after.get(a) == after.get(b)
        for a, b in _KIND_PAIRS[record.kind])


def _points_nowhere(number: int, name: str, allowed: frozenset[Kind]) -> NoReturn:
    kinds = " or ".join(sorted(k.value for k in allowed))
    raise BundleError(f"Payload line {number}: {name} points to no {kinds} here or in the "
                      "bundle; the bundle was refused.")


def _tombstone(record: Record) -> bool:
    """An erasure, or a deletion that carries nothing but its flag (as every exporter writes
    one, DESIGN §6.4.7): there is nothing in it to check. A line that is deleted and carries
    values is checked as any other: a later undeletion would make them live, and its
    ``deleted`` may lose here (an old stamp) while its values win."""
    return record.erased is not None or (
        record.values.get("deleted") is True and record.values.keys() == {"deleted"})


def check_new(record: Record) -> None:
    """A record new to this vault has every required field (a partial line can only update
    a record held here)."""
    values = record.values
    if _tombstone(record):
        return
    for name in KINDS[record.kind].required:
        value = values.get(name)
        if not value and value in (None, "", []):
            raise BundleError(f"A new {record.kind.value} in the bundle (record {record.id}) "
                              f"lacks {name}; the bundle was refused.")


def _check_header(header: dict[str, Any], manifest: Manifest) -> tuple[dict[str, Any], int]:
    """The header's export settings and the number of lines it announces."""
    if set(header) != HEADER_KEYS or header["format"] != PAYLOAD_FORMAT:
        raise BundleError("The payload header is malformed.")
    if header["bundle_id"] != manifest.bundle_id or \
            header["sender"] != manifest.sender.fingerprint:
        raise TrustError(QT_TRANSLATE_NOOP(
            "Errors", "The payload belongs to another bundle or sender than its signed "
            "manifest: refused."))
    counts = header["counts"]
    if not isinstance(counts, dict):
        raise BundleError("The payload header's counts are malformed.")
    settings = header["settings"]
    if not isinstance(settings, dict) or len(json.dumps(settings)) > MAX_SETTINGS:
        raise BundleError("The payload header's export settings are malformed.")
    return settings, sum(_count(v) for v in counts.values())


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BundleError("The payload header's counts are malformed.")
    return value


class _Lines:
    """The payload's lines as the decoder hands them on (DESIGN §6.5.7): the header first,
    then every line validated as it arrives. The validated records and notices are handed
    on to ``on_part`` every ``part_size`` lines or :data:`PART_BYTES` of them (and once more
    at the end), then let go: what a bundle of any size holds at a time is one part. More
    lines than the header announces are refused at once, fewer at the end; a record id or
    notice repeated anywhere in the payload is refused too (the record ids met are kept in
    the vault connection's temporary database: ``sync.seen``, some 30 bytes a line; the
    notices', as few as the records protected)."""

    def __init__(self, manifest: Manifest, job: Job, own: str,
                 on_part: Callable[[_Part], None], *, part_size: int,
                 seen: Seen, line_size: Callable[[], int],
                 signed: Callable[[list[Record], dict[str, dict[str, bytes]]], None],
                 handover: Callable[[dict[str, Any], int], None],
                 again: bool = False) -> None:
        self.manifest = manifest
        self.handover = handover  # a line that hands this vault who holds what (inherit)
        self.job = job
        self.own = own
        self.on_part = on_part
        self.part_size = part_size
        self.line_size = line_size  # of the line being taken
        self.again = again  # read again for the record lines that wait (_import_file)
        self.shares: list[bytes] = []  # at most one: the recovery share for this vault
        self.settings: dict[str, Any] | None = None
        self.expected = 0
        self.part = _Part()
        self.seen = seen  # every record line's id and kind (a repeat refuses)
        self.signed = signed  # handed the signed lines of a part every _SIGNED of them
        self._signed: list[Record] = []
        self._noticed: set[str] = set()
        self.now = wall_hlc()  # the clock no stamp may pass (wire.from_line)
        self._taken = 0

    def take(self, obj: dict[str, Any]) -> None:
        if self.settings is None:
            self.settings, self.expected = _check_header(obj, self.manifest)
            return
        n = self._next()
        if self.again:
            self._again(obj, n)
            return
        if wire.is_notice(obj):
            self._notice(wire.notice_from_line(obj, n + 2, now_hlc=self.now), n)
            return
        if inherit.is_line(obj):
            self.handover(obj, n + 2)
            return
        if wire.is_share(obj):
            to, data = wire.share_from_line(obj, n + 2)
            if to == self.own:  # a share for another recipient is not kept (bounded memory)
                if self.shares:
                    raise BundleError(f"Payload line {n + 2} repeats a recovery share.")
                self.shares.append(data)
            return
        record = wire.from_line(obj, n + 2, now_hlc=self.now)
        self._check_new(record, n)
        self._add(record, wire.sigs_from_line(obj, n + 2) if wire.SIGS in obj else None, n)

    def take_checked(self, record: Record, sigs: dict[str, bytes] | None) -> None:
        """A record line as :meth:`take` would have read it (``wire.from_line``, then its
        signatures' shape), read by ``sync.readahead`` (never the header: the reader hands
        the first line on as an object; never a payload read again: ``_read``); the checks
        that span lines are this one's."""
        n = self._next()
        self._check_new(record, n)
        self._add(record, sigs, n)

    def _next(self) -> int:
        n = self._taken
        if n >= self.expected:
            raise BundleError("The payload header's counts do not match its records.")
        self._taken += 1
        if n % _TICK == 0:
            self.job.tick("importing", n, self.expected)
        return n

    def _check_new(self, record: Record, n: int) -> None:
        if not self.seen.add(record.id, record.kind):
            raise BundleError(f"Payload line {n + 2} repeats a record id.")

    def _again(self, obj: dict[str, Any], n: int) -> None:
        """A line read the second time: only the record lines that wait, as they came."""
        if wire.is_notice(obj) or wire.is_share(obj) or inherit.is_line(obj) \
                or not self.seen.waits(obj.get("id")):
            return
        self._add(wire.from_line(obj, n + 2, now_hlc=self.now),
                  wire.sigs_from_line(obj, n + 2) if wire.SIGS in obj else None, n)

    def _add(self, record: Record, sigs: dict[str, bytes] | None, n: int) -> None:
        part = self.part
        part.records.append(record)
        part.line_of[record.id] = n + 2
        if sigs is not None:
            part.sigs[record.id] = sigs
            self._signed.append(record)
            if len(self._signed) >= _SIGNED:
                self.signed(self._signed, part.sigs)
                self._signed = []
        self._grown()

    def _grown(self) -> None:
        """A part is handed on at ``part_size`` lines, or sooner at :data:`PART_BYTES` of
        them (a line may be a megabyte: lines alone would not bound a part's memory)."""
        part = self.part
        part.size += self.line_size()
        if len(part.records) + len(part.notices) >= self.part_size or part.size >= PART_BYTES:
            self._hand_on()

    def _notice(self, notice: Record, n: int) -> None:
        if notice.id in self._noticed:
            raise BundleError(f"Payload line {n + 2} repeats a protection notice.")
        self._noticed.add(notice.id)
        self.part.notices.append(notice)
        self._grown()

    def _hand_on(self) -> None:
        part, self.part = self.part, _Part()
        self._signed = []  # the screen checks what was not handed on yet
        self.on_part(part)
        self.seen.flush()  # its lines, as the merge marked them

    def finish(self) -> dict[str, Any]:
        """Hand on the last part; the header's export settings, once every line has arrived."""
        if self.settings is None or self._taken != self.expected:
            raise BundleError("The payload header's counts do not match its records.")
        if self.part.records or self.part.notices:
            self._hand_on()
        return self.settings


@dataclass
class _Part:
    """Lines of a payload as read, validated one by one, not yet screened or checked."""

    records: list[Record] = field(default_factory=list)
    notices: list[Record] = field(default_factory=list)
    sigs: dict[str, dict[str, bytes]] = field(default_factory=dict)
    line_of: dict[str, int] = field(default_factory=dict)  # what a refusal names
    size: int = 0  # the bytes of its lines, as read


PART_BYTES = 2 * 1024 * 1024  # a part's lines as read: their records take a few times that
# the signatures of this many signed lines are verified on another thread while the lines after
# them are read (signatures.verify_soon): by the time the part is screened most are answered
_SIGNED = 256


# ---- planning (reads only) ---------------------------------------------------------------------
def plan(store: Store, records: Sequence[Record], job: Job,
         line_of: Mapping[str, int] | None = None, sender: str | None = None, *,
         high: int | None = None) -> list[Change]:
    """Classify every incoming record against the vault, as the merge would treat it; a
    refusal names the payload line (``line_of``). ``sender``: who signed the bundle (its
    lines that echo what stands here matter only when another sender's import brought
    something here: ``Change.echoed``). ``high``: the clock's high-water mark a stamp in this
    vault's name may not pass (§6.5.2; the clock's now when not given)."""
    changes: list[Change] = []
    echoes = sender is None or store.conn.execute(
        "SELECT 1 FROM bundle_import WHERE sender != ? LIMIT 1", (sender,)).fetchone() is not None
    filled = {k for k, spec in KINDS.items()  # empty tables cannot hold an incoming id
              if store.conn.execute(f"SELECT 1 FROM {spec.table} LIMIT 1").fetchone()}  # noqa: S608
    any_lowered = store.conn.execute("SELECT 1 FROM protection_lowered LIMIT 1").fetchone()
    high = store.clock.last if high is None else high
    for start in range(0, len(records), _BATCH):
        if start % _TICK == 0:
            job.tick("comparing", start, len(records))
        batch = records[start:start + _BATCH]
        local = _local_rows(store, batch, filled)
        for r in batch:
            row = local.get(r.id)
            if _names(r, store.origin):
                check_own_stamps(store, r, high)
            if row is not None and _same_versions(row, r):  # a replay: nothing to decode
                changes.append(Change(r, "unchanged", True,
                                      echoed=_echoed_row(row, r) if echoes else []))
                continue
            if row is not None and row[0] is not r.kind:
                _other_kind(store, r, row[0], line_of.get(r.id) if line_of else None)
            lowered = store.lowered(r.id) if any_lowered and row is not None else {}
            try:
                changes.append(classify(_decoded(row), r, store.origin, lowered))
            except BundleError as e:
                if line_of is None or r.id not in line_of:
                    raise
                raise BundleError(f"Payload line {line_of[r.id]}: {e}") from None
    return changes


# ---- nobody speaks for this vault (DESIGN §6.5.2) ------------------------------------------------
def _other_kind(store: Store, incoming: Record, held: Kind, number: int | None) -> NoReturn:
    """Refuse a line whose id is a record of another kind here, saying whose that one is:
    a colleague's key can send a record under the id of one an honest colleague holds, and
    every bundle of theirs carrying it is refused from then on, the flags in it too. The
    official learns whom to quarantine (that one's records then go, and the bundle imports)."""
    row = store.conn.execute(
        "SELECT coalesce(o.name, ''), i.sender, substr(i.imported_at, 1, 10) FROM field_receipt "
        "AS r JOIN bundle_import AS i ON i.import_id = r.import_id LEFT JOIN official AS o ON "
        "o.fingerprint = i.sender WHERE r.record_id = ? AND r.field = '*'",
        (incoming.id,)).fetchone()
    whence = "made here" if row is None else \
        f"brought by {row[0] or 'an official'} ({row[1]}) in a bundle imported {row[2]}"
    where = f"Payload line {number}: " if number is not None else ""
    raise BundleError(
        f"{where}record {incoming.id} is of another kind here: {_a(held.value)} ({whence}), "
        f"{_a(incoming.kind.value)} in this bundle; the bundle was refused. If the "
        f"{held.value} came from an official you no longer trust, quarantine them ('registry "
        "trust revoke FINGERPRINT --revert-since DATE') and import this bundle again.")


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _names(record: Record, origin: str) -> bool:
    return origin in map(_ORIGIN, record.stamps.values()) or (  # one C loop a record
        record.erased is not None and record.erased.origin == origin)


_ORIGIN = operator.itemgetter(1)  # Stamp.origin


def check_own_stamps(store: Store, incoming: Record, high: int) -> None:
    """Refuse a record line or protection notice that claims a change by this vault that this
    vault never made (DESIGN §6.5.2): a stamp naming this vault beyond its clock's high-water
    mark, or one this vault does not hold — now or in field history — with that very value.
    An older own stamp is no exception: ``sensitivity`` and ``inside_russia`` merge as a
    maximum (§6.4.1), so an older stamp with a higher value would win. Of a record erased
    here only the tombstone is left (erasure blanks the history, and wins over every field):
    there a field stamp within the clock passes."""
    local = store.get(incoming.id)
    claims = [(n, s) for n, s in incoming.stamps.items() if s.origin == store.origin]
    own_erasure = incoming.erased is not None and incoming.erased.origin == store.origin
    if own_erasure and incoming.erased is not None and (
            local is None or local.erased is None or incoming.erased > local.erased
            or incoming.erased.hlc > high):
        _refuse_own()  # this vault erased it with that stamp, or a later one won: else never
    if not claims:
        return
    if local is None or any(s.hlc > high for _, s in claims):
        _refuse_own()
    assert local is not None
    if local.erased is not None:
        return
    history: dict[tuple[str, Stamp], Any] | None = None
    for name, stamp in claims:
        value = incoming.values.get(name)
        if local.stamps.get(name) == stamp:
            if local.values.get(name) != value:
                _refuse_own()
            continue
        history = history if history is not None else _own_history(store, incoming.id)
        if (name, stamp) not in history or history[(name, stamp)] != value:
            _refuse_own()


def check_screened_out(store: Store, prepared: Prepared) -> None:
    """The lines the signature screen cut or left out are checked too (DESIGN §6.5.2): a
    change to an evaluation in this vault's name that it never made refuses the bundle
    rather than being dropped as "not the assessor" while the rest applies."""
    high = store.clock.last if prepared.high is None else prepared.high
    for record in prepared.own_screened_out:
        check_own_stamps(store, record, high)


def _own_history(store: Store, record_id: str) -> dict[tuple[str, Stamp], Any]:
    rows = store.conn.execute(
        "SELECT field, value, hlc, origin FROM field_history WHERE record_id = ? AND "
        "origin = ?", (record_id, store.origin)).fetchall()
    return {(str(f), Stamp(int(h), str(o))): json.loads(v) for f, v, h, o in rows}


def _refuse_own() -> None:
    raise TrustError(QT_TRANSLATE_NOOP(
        "Errors", "The bundle claims changes made by this vault that this vault never made: "
        "refused, nothing was changed. Its signer may have lost control of their keys: check "
        "with them before trusting their bundles again."))


LocalState = tuple[Kind, dict[str, Stamp], Stamp | None, dict[str, Any]]
LocalRow = tuple[Kind, str, str | None, Any, Any]


def _local_rows(store: Store, records: Sequence[Record],
                tables: set[Kind]) -> dict[str, LocalRow]:
    """Kind, stored (encoded) stamps and protection of the records held here among
    ``records``: each looked up in its own kind's table first, and only the ids not found
    there in the other tables (where finding one refuses the bundle: another kind here)."""
    by_kind: dict[Kind, list[str]] = {}
    for r in records:
        by_kind.setdefault(r.kind, []).append(r.id)
    out: dict[str, LocalRow] = {}
    for kind, ids in by_kind.items():
        if kind in tables:
            _read_rows(store, kind, ids, out)
    missing = [r.id for r in records if r.id not in out]
    for kind in KINDS:
        if missing and kind in tables:
            _read_rows(store, kind, missing, out)
    return out


def _read_rows(store: Store, kind: Kind, ids: list[str], out: dict[str, LocalRow]) -> None:
    """The rows of ``ids`` held in ``kind``'s table. When they are most of the rows between
    the least and the greatest of them (a bundle's lines come in id order: a re-import), the
    rows are read in order, as one range (about twice as fast as finding each one); else
    one by one."""
    table = KINDS[kind].table
    inside = "inside_russia" if kind is Kind.PERSON else "NULL"
    columns = f"id, stamps, erased, sensitivity, {inside}"
    low, high = min(ids), max(ids)  # str order is UTF-8 byte order: the column's (binary)
    limit = 2 * len(ids)
    (held,) = store.conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE id BETWEEN ? AND ? LIMIT ?)",  # noqa: S608
        (low, high, limit + 1)).fetchone()
    if held <= limit:
        wanted = set(ids)
        cur = store.conn.execute(
            f"SELECT {columns} FROM {table} WHERE id BETWEEN ? AND ?", (low, high))  # noqa: S608
        rows: Iterable[tuple[Any, ...]] = (row for row in cur if row[0] in wanted)
    else:
        marks = ", ".join("?" for _ in ids)
        rows = store.conn.execute(
            f"SELECT {columns} FROM {table} WHERE id IN ({marks})", ids)  # noqa: S608
    for record_id, stamps, erased, level, flag in rows:
        out[record_id] = (kind, stamps, erased, level, flag)


def _same_versions(row: LocalRow, incoming: Record) -> bool:
    """Stamps are stored in one canonical encoding: equal text means nothing would merge."""
    kind, stamps, erased, _, _ = row
    mine_erased = Stamp(*json.loads(erased)) if erased else None
    return (kind is incoming.kind and mine_erased == incoming.erased
            and stamps == encode_stamps(incoming.stamps))


def _echoed_row(row: LocalRow, incoming: Record) -> list[str]:
    """:func:`_echoes` of a record whose stamps are all the ones held here (cheap: most
    lines of a re-import raise nothing above the default)."""
    _, _, _, level, flag = row
    if not flag and (level is None or level <= Sensitivity.INTERNAL):
        return []
    local = _decoded(row)
    assert local is not None
    return _echoes(local[3], incoming, incoming.stamps)


def _echoes(values: Mapping[str, Any], incoming: Record, stamps: Mapping[str, Stamp]
            ) -> list[str]:
    """The protection fields ``incoming`` carries as held here (``values`` under ``stamps``):
    the same stamp and level, a raise above the default. Such a delivery changes nothing,
    but is kept when another sender's import brought what stands (``_Plan.masking``): a
    quarantine of that sender must not take away what this one delivered too."""
    return sorted(f for f in protection.RATCHET & incoming.stamps.keys()
                  if incoming.stamps[f] == stamps.get(f)
                  and protection.rank(f, incoming.values.get(f))
                  == protection.rank(f, values.get(f)) > protection.rank(f, None))


def _decoded(row: LocalRow | None) -> LocalState | None:
    if row is None:
        return None
    kind, stamps, erased, level, flag = row
    values: dict[str, Any] = {}
    if level is not None:
        values["sensitivity"] = Sensitivity(int(level)).label
    if flag is not None:
        values["inside_russia"] = bool(flag)
    return kind, decode_stamps(stamps), Stamp(*json.loads(erased)) if erased else None, values


def classify(local: LocalState | None, incoming: Record, origin: str,
             lowered: dict[str, Stamp] | None = None) -> Change:
    """What ``Store.merge`` does with ``incoming`` given the local state (pure): the same
    per-field rule (``records.field_wins``), so the dry run shows what the merge does."""
    if local is None:
        check_new(incoming)
        status = "erased" if incoming.erased else (
            "deleted" if incoming.values.get("deleted") else "new")
        return Change(incoming, status, exists=False)
    kind, stamps, erased, values = local  # of the line's kind: plan asked (_other_kind)
    mine = sorted(f for f, s in stamps.items() if s.origin == origin)
    if erased is not None or incoming.erased is not None:  # the store's rule, asked here
        return Change(incoming, "erased", True, mine) if erasure_wins(erased, incoming.erased) \
            else Change(incoming, "unchanged", True)
    here = Record(incoming.id, kind, values, stamps)
    fields, kept = merge_fields(here, incoming, lowered or {})
    kept.sort()
    raised = any(protection.rank(f, incoming.values.get(f)) > protection.rank(f, values.get(f))
                 for f in fields if f in protection.RATCHET and f in stamps)
    # what lost here is kept for a quarantine of whoever's value stands (``Store.keep_masked``):
    # protection whoever's it is, any other field when it stands as an import brought it —
    # but a signed claim, whose signature a value that lost does not keep (put back, it
    # would travel unsigned, and its recipients refuse that)
    masked = [] if incoming.stamps.items() <= stamps.items() else sorted(  # most: as held
        f for f, s in incoming.stamps.items() if f not in fields and s != stamps.get(f) and (
            f in protection.RATCHET or (f in stamps and stamps[f].origin != origin
                                        and f not in signatures.SIGNABLE)))
    echoed = _echoes(values, incoming, stamps)
    outvoiced = _outvoiced(stamps, incoming, fields)
    if not fields:
        return Change(incoming, "unchanged", True, kept_protection=kept, masked=masked,
                      echoed=echoed, outvoiced=outvoiced)
    status = "deleted" if "deleted" in fields and incoming.values.get("deleted") else "changed"
    overwritten = sorted(f for f in fields if f in stamps and stamps[f].origin == origin)
    return Change(incoming, status, True, overwritten, kept, raised, masked=masked,
                  echoed=echoed, outvoiced=outvoiced,
                  renamed=status == "changed" and not guard.NAME_FIELDS.isdisjoint(fields))


def _outvoiced(stamps: dict[str, Stamp], incoming: Record, fields: list[str]) -> list[str]:
    """The origins of ``incoming``'s required-field stamps that lose to another origin's
    stamp held here: the record was stamped by both, so neither made it alone
    (``store.creator``). A stamp that wins goes to field history, which counts already."""
    out: list[str] = []
    for name in KINDS[incoming.kind].required:
        theirs, mine = incoming.stamps.get(name), stamps.get(name)
        if theirs is not None and mine is not None and theirs.origin != mine.origin \
                and name not in fields and theirs.origin not in out:
            out.append(theirs.origin)
    return out


# ---- reports ---------------------------------------------------------------------------------
def plan_notices(store: Store, notices: Sequence[Record], high: int | None = None
                 ) -> tuple[list[Change], list[Record], list[Record]]:
    """What the protection notices of a bundle do here: raise a record this vault holds, or
    wait (held) for a record it does not hold yet; or, naming a record held here as another
    kind, apply to nothing (the third list): a notice never blocks a bundle (§6.5.8) — a
    record of another kind that a seized colleague sent under a person's id must not keep
    her honest colleague's later bundles, and the flags they carry, out."""
    if not notices:
        return [], [], []
    changes: list[Change] = []
    held: list[Record] = []
    other_kind: list[Record] = []
    filled = {k for k in KINDS}
    local = _local_rows(store, notices, filled)
    high = store.clock.last if high is None else high
    for notice in notices:
        if _names(notice, store.origin):  # held or not: §6.5.2 as for record lines
            check_own_stamps(store, notice, high)
        row = local.get(notice.id)
        if row is None:
            held.append(notice)
            continue
        if row[2] is not None:  # erased here: its tombstone's reach follows the raise
            changes.append(_erased_notice(store, notice))
            continue
        if row[0] is not notice.kind:
            other_kind.append(notice)
            continue
        lowered = store.lowered(notice.id)
        changes.append(classify(_decoded(row), notice, store.origin, lowered))
    return changes, held, other_kind


def _erased_notice(store: Store, notice: Record) -> Change:
    """A notice about a record this vault erased raises the protection it keeps for it, so
    the notice passes on to whoever this vault sent the record to (DESIGN §6.4.2)."""
    known = store.erased_protection(notice.id)
    level = protection.rank("sensitivity", notice.values.get("sensitivity"))
    inside = bool(notice.values.get("inside_russia"))
    higher = known is None or level > known[0] or (inside and not known[1])
    return Change(notice, "changed" if higher else "unchanged", True, raised=higher,
                  on_erased=True)


def _reused_id() -> TrustError:
    return TrustError(QT_TRANSLATE_NOOP(
        "Errors", "This bundle carries the id of a bundle already imported from its sender, "
        "with other contents: refused, nothing was changed. An honest sender never reuses an "
        "id: their keys may be misused. Check with them before trusting their bundles again."))


def check_id(checked: CheckedFile, earlier: Sequence[CheckedFile]) -> None:
    """The files of one import are one decision (§6.5.8): a file under the bundle id of an
    earlier file of the same import, from the same sender, with other contents, is refused as
    a second import of it would be (:func:`imported_before`). The same file twice is a
    replay."""
    manifest = checked.manifest
    for other in earlier:
        if (other.manifest.sender.fingerprint, other.manifest.bundle_id) == (
                manifest.sender.fingerprint, manifest.bundle_id) \
                and other.manifest.payload_sha256 != manifest.payload_sha256:
            raise _reused_id()


def imported_before(store: Store, bundle_id: str, sender: str,
                    payload_sha256: str) -> tuple[str, int] | None:
    """The import that merged this bundle here and was not undone, with how many records it
    carried; None if there is none. A bundle under the id of one merged here but with
    another payload is no replay: it is refused, for an honest sender never reuses an id
    (imports made before the hash was kept are taken as they were). An import a quarantine
    asked to compare again (``compare_again``: what it merged may be gone since) is none
    either."""
    replay: tuple[str, int] | None = None
    for import_id, text in store.conn.execute(
            "SELECT import_id, counts FROM bundle_import WHERE bundle_id = ? AND sender = ? AND "
            "reverted_at IS NULL ORDER BY imported_at", (bundle_id, sender)).fetchall():
        counts = json.loads(text)
        if counts.get("payload_sha256", payload_sha256) != payload_sha256:
            raise _reused_id()
        if replay is None and not counts.get("compare_again"):
            replay = str(import_id), sum(int(counts.get(k, 0)) for k in (
                "new", "changed", "deleted", "erased", "unchanged", "held"))
    return replay


def report(prepared: Prepared, changes: list[Change], *, dry_run: bool,
           import_id: str | None = None, notices: tuple[list[Change], list[Record]] = ([], []),
           discarded: Sequence[HeldNotice] = (),
           replay_of: tuple[str, int] | None = None) -> ImportReport:
    counts = {s: 0 for s in ("new", "changed", "deleted", "erased", "unchanged", "held")}
    for c in changes:
        counts[c.status] += 1
    noticed, held = notices
    counts["notices"] = len(prepared.notices)
    if replay_of is not None:
        counts["unchanged"] = replay_of[1]
    every = [*changes, *noticed]
    sender = prepared.manifest.sender
    return ImportReport(
        file=prepared.path.name, bundle_id=prepared.manifest.bundle_id,
        sender_fingerprint=sender.fingerprint,
        # the name this vault knows the signer by, not the one its manifest gives (§6.5.1)
        sender_name=prepared.sender.name if prepared.sender is not None else sender.name,
        sender_verified=prepared.sender is None or prepared.sender.verified,
        created_at=container.format_time(prepared.manifest.created_at),
        settings=prepared.settings, counts=counts,
        deleted=[c.record.id for c in changes if c.status == "deleted"],
        erased=[c.record.id for c in changes if c.status == "erased"],
        overwritten_local=[{"id": c.record.id, "kind": c.record.kind.value,
                            "fields": c.overwritten_local}
                           for c in changes if c.overwritten_local],
        dry_run=dry_run, import_id=import_id,
        held=[{"id": c.record.id, "kind": c.record.kind.value, "change": held_list.ERASE,
               "origin": c.record.erased.origin if c.record.erased else None,
               "sender": sender.fingerprint} for c in changes if c.status == "held"],
        protection_raised=sorted({c.record.id for c in every if c.raised}),
        protection_kept=sorted({c.record.id for c in every if c.kept_protection}),
        notices_held=sorted(n.id for n in held), not_applied=prepared.not_applied,
        notices_discarded=[d.to_json() for d in discarded],
        replay_of=replay_of[0] if replay_of else None)


class _RolledBack(Exception):  # not an error: carries the reports out of work undone
    def __init__(self, reports: list[ImportReport]) -> None:
        super().__init__()
        self.reports = reports


SharesFn = Callable[[str, list[bytes], bool], int]


def import_files(store: Store, keys: OfficialKeys, trust: TrustStore,
                 checked: Sequence[CheckedFile], job: Job, *, dry_run: bool = False,
                 limits: ImportLimits = ImportLimits(), shares: SharesFn | None = None,
                 part_size: int | None = None) -> list[ImportReport]:
    """Read, check and merge the files of one import, in order, in ONE transaction: all or
    none (§6.5.8), the report per file.

    Each payload is read as a stream (§6.5.7): its lines are screened, checked, planned and
    merged a part at a time (:data:`PART`), so memory does not grow with the bundle. A part
    meets what the earlier parts and files wrote, as the files of one import always did; a
    refusal anywhere rolls the whole import back. A dry run is the import, rolled back. When
    nothing would change, nothing is written at all (a replay). ``shares(sender, shares,
    keep)`` checks a file's recovery shares for this vault (raising on one it would refuse)
    and, when ``keep``, keeps them; it returns how many count."""
    names = [c.path.name for c in checked]
    try:
        with db.page_cache(store.conn, db.IMPORT_CACHE_KIB), store.write(), \
                seen.opened(store.conn):
            high = store.clock.last  # what this vault issued before: no file's stamps count
            fresh = namesakes.nobody_protected(store)  # before any file: see _guarded
            reports, wrote, brought = [], False, []
            for n, file in enumerate(checked):
                with refused_file(names, n):
                    report_, kept, what = _import_file(
                        store, keys, trust, file, job, limits=limits, shares=shares,
                        dry_run=dry_run, part_size=part_size or PART, high=high,
                        lines_seen=Seen(store.conn, n))
                reports.append(report_)
                brought.append(what)
                wrote = wrote or kept or report_.import_id is not None
            # what they brought beside a protected person here: once every file is in (§6.5.8)
            reports = _guarded(store, reports, brought, fresh=fresh)
            # what a file moved off an actor, or what an earlier import moved off one a file
            # protected, keeps her level: once every file is in (§6.5.8: in any order)
            keep_moved_off(store)
            if dry_run or not wrote:
                raise _RolledBack(reports)
            return reports
    except _RolledBack as undone:
        return [replace(r, dry_run=dry_run, import_id=None) for r in undone.reports]


PART = 5000  # lines planned and merged at a time: what a bundle's import holds at once


def _guarded(store: Store, reports: list[ImportReport],
             brought: list[namesakes.Brought], *, fresh: bool) -> list[ImportReport]:
    """Raise what the files created or renamed beside a protected person here
    (:func:`namesakes.guard_named`; ``fresh``: nobody was protected here before); each
    file's report lists those it guarded."""
    guarded = namesakes.guard_named(store, brought, fresh=fresh)
    if not any(guarded):
        return reports
    out = []
    for r, mine in zip(reports, guarded, strict=True):
        ids = sorted(mine)
        counts = {**r.counts, "more_guarded": len(ids) - MAX_REPORTED} \
            if len(ids) > MAX_REPORTED else r.counts
        out.append(replace(r, guarded=ids[:MAX_REPORTED], counts=counts))
    return out


def _import_file(store: Store, keys: OfficialKeys, trust: TrustStore, file: CheckedFile, job: Job,
                 *, limits: ImportLimits, shares: SharesFn | None, dry_run: bool,
                 part_size: int, high: int, lines_seen: Seen
                 ) -> tuple[ImportReport, bool, namesakes.Brought]:
    """One file, inside the import's transaction (see :func:`import_files`); whether it
    kept something besides its records (a recovery share: kept, or audited as passed
    over), and what the guard asks of it (``_Merged.brought``)."""
    if file.replay_of is not None:
        return report(Prepared(file.path, file.manifest, file.sender, {}, []), [],
                      dry_run=dry_run, replay_of=file.replay_of), False, namesakes.Brought()
    own = keys.public().fingerprint
    ring = signatures.Keyring(own, keys.public(), trust.list())
    merged = _Merged(file, str(uuid.uuid4()), high, lines_seen, _Later(lines_seen),
                     co_recipients=_co_recipients(store, file, keys.public()),
                     sender_held=file.sender is not None and store.conn.execute(
                         "SELECT 1 FROM sent_record WHERE recipient = ? LIMIT 1",
                         (file.manifest.sender.fingerprint,)).fetchone() is not None)
    # a file that changes nothing writes nothing; a failure rolls the whole import back
    heir = inherit.Inheritance(store, trust, keys, file.manifest.sender.fingerprint)
    store.conn.execute("SAVEPOINT import_file")
    try:
        lines = _read(store, keys, file, merged, job, limits=limits, part_size=part_size,
                      ring=ring, own=own, heir=heir)
        merged.settings = lines.settings or {}
        if lines_seen.waiting:  # read again for the lines kept for the end: every raise is in
            _held_raises(store, merged.coming)
            _read(store, keys, file, merged, job, limits=limits, part_size=part_size,
                  ring=ring, own=own, heir=heir, again=True)
    finally:
        ring.close()
    merged.later.check(store)
    # records that arrived open what a handover left sealed (an import with new records)
    if lines_seen.created:
        inherit.open_arrived(store, lines_seen.created_ids)
    merged.moved = merged.moved or heir.changed  # who holds what changed: kept, logged
    if not merged.moved:
        store.conn.execute("ROLLBACK TO import_file")
    else:
        _log_import(store, merged)
    store.conn.execute("RELEASE import_file")
    lines_seen.release()
    kept = 0
    if shares is not None and lines.shares:  # kept with the records, in one transaction
        kept = shares(file.manifest.sender.fingerprint, lines.shares, not dry_run)
    return replace(merged.report(dry_run, kept, len(lines.shares)),
                   holdings_inherited=heir.entries), bool(lines.shares), \
        namesakes.Brought(merged.import_id, lines_seen.created_ids, merged.renamed) \
        if merged.moved else namesakes.Brought()


def _co_recipients(store: Store, file: CheckedFile, own: PublicKeys) -> list[str]:
    """The other recipients a colleague's signed manifest lists (by ``exporter.holder_key``):
    a joint bundle to this vault and B gave B the same real ids, and a pseudonym of a person
    B holds would be none to B (DESIGN §6.4.4: ``Store.keep_co_held``). Only the manifest
    says so, which a seized key writes as it likes: they are not taken for holders (no notice,
    no tombstone goes by real id to them, a pseudonym's tombstone still does)."""
    if file.sender is None:
        return []
    sender = file.manifest.sender.fingerprint
    # under the key too, as the manifest pairs them: a bundle addressed to that bare key
    # goes to whoever holds it (exporter.logged_names)
    others = [name for r in file.manifest.recipients if r.age_recipient != own.age_recipient
              for name in (holder_key(store, r), "age:" + r.age_recipient)]
    return [h for h in dict.fromkeys(others)
            if h not in (sender, own.fingerprint, "age:" + file.manifest.sender.age_recipient)]


def _read(store: Store, keys: OfficialKeys, file: CheckedFile, merged: _Merged, job: Job, *,
          limits: ImportLimits, part_size: int, ring: signatures.Keyring, own: str,
          heir: inherit.Inheritance, again: bool = False) -> _Lines:
    """Decrypt, inflate, split and validate ``file``'s payload as a stream, merging it a part
    at a time (:func:`_merge_part`); ``again``, read again for the record lines that wait for
    the end alone (the payload is checked against its signed hash again as it is read)."""
    decoder: payload.Decoder | None = None
    reader: readahead.Reader | None = None

    def line_size() -> int:  # of the line being taken
        return reader.line_size if reader else decoder.line_size if decoder else 0

    ahead = not again and readahead.worth(file.manifest.payload_size)

    def merge_part(part: _Part) -> None:
        created = merged.seen.created
        _merge_part(store, merged, part, ring=ring, job=job.quiet(), own=own, again=again)
        if reader is not None and part.records:  # the next lines are likely as new here
            reader.forms = (merged.seen.created - created) * 2 >= len(part.records)

    lines = _Lines(file.manifest, job, own, merge_part,  # the lines tell the progress
                   part_size=part_size, seen=merged.seen, line_size=line_size, again=again,
                   signed=partial(_verify_soon, store, ring, ahead), handover=heir.take)
    if ahead:
        reader = readahead.start(
            lines.take, lines.take_checked, ring.given, keys=ring.public_keys(), now_hlc=lines.now,
            kept=signatures.kept_signatures(store, readahead.MAX_KEPT),
            indexers=(store.indexer, store.name_indexer))
        # the stored forms of new records are made there: at first, when the sender held
        # nothing here (most of its lines are new), then as the parts merged say
        reader.forms = not merged.sender_held
    decoder = payload.Decoder(lines.take, max_uncompressed=limits.max_uncompressed,
                              max_line=limits.max_line, max_lines=limits.max_lines,
                              max_ratio=limits.max_ratio, on_raw=reader.add if reader else None)
    try:
        try:
            file.opened.decrypt_into(keys.age_identity, decoder,
                                     max_size=limits.container.max_payload)
            decoder.close()
        except Exception:
            if reader is not None:  # the lines before the failure first, as read here
                reader.settle()
            raise
        if reader is not None:
            reader.finish()
    finally:
        if reader is not None:
            reader.close()
    lines.finish()
    return lines


def _verify_soon(store: Store, ring: signatures.Keyring, ahead: bool, records: list[Record],
                 sigs: dict[str, dict[str, bytes]]) -> None:
    if not ahead:  # else the reader checks them as it reads (readahead)
        signatures.verify_soon(store, ring, records, sigs)


@dataclass
class _Merged:
    """What the parts of one file did, gathered for its report and import log. The report's
    lists of records keep their first :data:`MAX_REPORTED` entries each; its counts say how
    many there were (a hostile bundle of lines that are all left out or held must not hold
    a report of them all in memory)."""

    file: CheckedFile
    import_id: str
    high: int  # the clock's high-water mark when the import began (§6.5.2 asks of it)
    seen: Seen  # its record lines: their kinds, the records it created, the lines that wait
    later: _Later
    settings: dict[str, Any] = field(default_factory=dict)
    moved: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    lists: dict[str, list[Any]] = field(default_factory=dict)
    erased_ids: list[str] = field(default_factory=list)
    coming: dict[str, protection.Coming] = field(default_factory=dict)  # of those (see _merge)
    materialised: bool = False  # a part of those made the groups' levels their members' own
    co_recipients: list[str] = field(default_factory=list)  # the others it names
    # its sender held records here when it began: what a part delivers again is looked up
    # first (else none of them can be held by the sender: ids do not repeat in a bundle)
    sender_held: bool = False
    # the people and organisations whose names it changed (sync.namesakes)
    renamed: list[tuple[str, Kind]] = field(default_factory=list)

    def add(self, part: ImportReport) -> None:
        """A part's report, added up: the lists' first entries, and how many more there were
        (``counts["more_<list>"]``, see :meth:`ImportReport.total`)."""
        self.counts.update(part.counts)
        for name in _LISTED:
            kept = self.lists.setdefault(name, [])
            given = getattr(part, name)
            room = MAX_REPORTED - len(kept)
            kept += given[:room]
            if len(given) > room:
                self.counts[f"more_{name}"] += len(given) - max(room, 0)

    def report(self, dry_run: bool, shares_kept: int, shares_carried: int) -> ImportReport:
        """One report for the file, its parts' added up."""
        manifest = self.file.manifest
        empty = report(Prepared(self.file.path, manifest, self.file.sender, self.settings, []),
                       [], dry_run=dry_run, import_id=self.import_id if self.moved else None)
        got = self.lists.get
        # a notice of this file held, then discarded as its record came as another kind,
        # waits for nothing
        gone = {d["id"] for d in got("notices_discarded", [])
                if d["import_id"] in (None, self.import_id)}
        return replace(
            empty, counts={**empty.counts, **self.counts}, deleted=got("deleted", []),
            erased=got("erased", []), overwritten_local=got("overwritten_local", []),
            held=got("held", []), protection_raised=sorted(set(got("protection_raised", []))),
            protection_kept=sorted(set(got("protection_kept", []))),
            notices_held=sorted(set(got("notices_held", [])) - gone),
            notices_discarded=got("notices_discarded", []), not_applied=got("not_applied", []),
            recovery_shares=shares_carried if dry_run else shares_kept)


@dataclass
class _Screened:
    """Lines of a part that passed the signature screen and the checks."""

    records: list[Record]
    notices: list[Record]
    sigs: dict[str, dict[str, tuple[Stamp, bytes]]]
    line_of: dict[str, int]
    unverified_erasures: set[str]
    not_applied: list[dict[str, Any]] = field(default_factory=list)
    own_screened_out: list[Record] = field(default_factory=list)


MAX_REPORTED = 10_000
_LISTED = ("deleted", "erased", "overwritten_local", "held", "protection_raised",
           "protection_kept", "notices_held", "notices_discarded", "not_applied")


def _merge_part(store: Store, merged: _Merged, part: _Part, *, ring: signatures.Keyring,
                job: Job, own: str, again: bool = False) -> None:
    """Screen, check, plan and merge one part of a file's lines.

    A line that could take a person or organisation out of its "same" group (a
    ``merged_into`` set or cleared: ``exporter.splits_groups``), and every erasure (it keeps
    the protection of what it erases), is kept for the end of the file: the whole-bundle
    merge applies every raise the bundle carries before such a change (``_raise_first``), and
    a raise may come in any later part. Only its id is kept; the payload is read ``again``
    for those lines once the rest is merged (bounded memory). What they raise, and the
    groups as they stand before them, are kept meanwhile (``merged.coming``): read again a
    part at a time, every part's raise-first then makes the groups' levels their members'
    own as the whole bundle's one raise-first does."""
    screened = signatures.screen(part.records, part.sigs, ring,
                                 partial(signatures.assessors_of, store), part.line_of,
                                 held_here=partial(signatures.held_claims, store),
                                 copies=partial(signatures.copies_here, store))
    if len(screened.records) < len(part.records):  # lines left out are no lines of it
        kept = {r.id for r in screened.records}
        merged.seen.leave_out(r.id for r in part.records if r.id not in kept)
    check_records(screened.records, store.kinds_of, partial(held_pairs, store), part.line_of,
                  later=merged.later)
    now, sigs = screened.records, screened.sigs
    later = set() if again else {r.id for r in now if r.erased is not None or splits_groups((r,))}
    if later:
        merged.seen.defer(later)
        merged.coming.update(_coming(store, [r for r in now if r.id in later]))
        now = [r for r in now if r.id not in later]
        sigs = {i: v for i, v in sigs.items() if i not in later}
    _merge_screened(store, merged, _Screened(
        now, part.notices, sigs, part.line_of, screened.unverified_erasures,
        # read again, the lines were screened already: what it left out is reported once
        [] if again else screened.dropped,
        [] if again else _screened_out_naming(part.records, screened.dropped, own)), job=job)


def _merge_screened(store: Store, merged: _Merged, part: _Screened, *, job: Job) -> None:
    """Plan and merge lines that passed the screen and the checks."""
    file = merged.file
    prepared = Prepared(file.path, file.manifest, file.sender, merged.settings, part.records,
                        part.notices, part.sigs, part.not_applied, part.line_of,
                        unverified_erasures=part.unverified_erasures,
                        own_screened_out=part.own_screened_out, high=merged.high)
    planned = _plan(store, prepared, job)
    if planned.moves(store):
        merged.moved = True
        merged.materialised |= _merge(store, prepared, planned, job, merged.import_id,
                                      coming=merged.coming, materialised=merged.materialised)
        check_merged(store, planned.changes, prepared.line_of)
        merged.seen.mark_created(c.record.id for c in planned.changes
                                 if not c.exists and c.status == "new")
        merged.erased_ids += [c.record.id for c in planned.changes
                              if c.exists and c.status == "erased"]
        merged.renamed += [(c.record.id, c.record.kind) for c in planned.changes
                           if c.renamed and c.record.kind in ACTORS]
    if file.sender is not None:  # the sender holds what it sent: notices reach it too
        sender = file.manifest.sender.fingerprint
        record_holdings(store, [sender], prepared.records, naming=False,
                        held=held_by(store, sender, prepared.records)
                        if merged.sender_held else None)
    if merged.co_recipients and store.keep_co_held(merged.co_recipients, prepared.records):
        merged.moved = True  # kept with its import, though it changed no record
    signatures.keep(store, prepared.sigs)
    done = report(prepared, planned.changes, dry_run=False,
                  notices=(planned.noticed, planned.held), discarded=planned.discarded)
    arrived = _created_by(store, merged.import_id, [c.record.id for c in planned.noticed]) \
        if merged.moved and planned.noticed else set()
    if arrived:  # notices about records an earlier part brought: reported as the whole bundle
        done = replace(done, notices_held=sorted({*done.notices_held, *arrived}),  # does
                       protection_raised=[i for i in done.protection_raised if i not in arrived])
    merged.add(done)
    # what the search index's caches keep of the names imported would grow with the bundle:
    # each keeps the words a vocabulary repeats, up to a bound (about 3 MB a cache)
    forget_records_over()


def _created_by(store: Store, import_id: str, ids: list[str]) -> set[str]:
    """Of ``ids``, the records ``import_id`` created (``Store.mark_received``)."""
    return {str(r[0]) for r in store.conn.execute(
        "SELECT record_id FROM field_receipt WHERE field = '*' AND import_id = ? AND record_id "
        "IN (SELECT value FROM json_each(?))", (import_id, json.dumps(ids)))}


@contextmanager
def refused_file(names: Sequence[str], n: int) -> Iterator[None]:
    """In an import of several files, a refusal names the file and what became of the others
    (nothing of any is imported: §6.5.8); the error keeps its kind (and exit code)."""
    try:
        yield
    except Cancelled:
        raise
    except RegistryError as e:
        if len(names) < 2:
            raise
        others = "; ".join(f"{name}: {'checked' if i < n else 'not checked'}, not imported"
                           for i, name in enumerate(names) if i != n)
        raise type(e)(f"{names[n]}: {e} Nothing was imported from any of the {len(names)} "
                      f"files ({others}).") from None


@dataclass
class _Plan:
    changes: list[Change]
    noticed: list[Change]
    held: list[Record]
    arrival: list[HeldNotice] = field(default_factory=list)  # to merge as their records arrive
    discarded: list[HeldNotice] = field(default_factory=list)  # held, and never to apply
    sender: str = ""  # who signed the bundle: what they delivered before is kept already

    @property
    def moving(self) -> list[Change]:
        return [c for c in self.changes if c.status not in ("unchanged", "held")]

    @property
    def raising(self) -> list[Change]:
        return [c for c in self.noticed if c.status != "unchanged"]

    def masking(self, store: Store) -> list[tuple[Record, list[str]]]:
        """The values that lost here (``Change.masked``), and the protection values that
        stand here as another sender's import brought them (``Change.echoed``), that the
        sender had not delivered before (``Store.delivered_before``)."""
        out = []
        # who brought the values the echoes meet: asked in batches (a re-import of a bundle
        # of many protected records echoes every one of them)
        brought = store.received_many([c.record for c in [*self.changes, *self.noticed]
                                       if c.echoed])
        for change in [*self.changes, *self.noticed]:
            names = _not_kept(store, change.record, change.masked, self.sender) + \
                _echoes_not_kept(store, change.record, change.echoed, self.sender,
                                 received=brought.get(change.record.id, {}))
            if names:
                out.append((change.record, names))
        return out

    def outvoicing(self, store: Store) -> list[tuple[str, str]]:
        """(record id, origin) of :attr:`Change.outvoiced` that this vault does not count
        already (``store.creator``: kept, or in the required fields' history)."""
        changes = [c for c in self.changes if c.outvoiced]
        if not changes:
            return []
        kept = store.required_origins_kept(c.record.id for c in changes)
        for change in changes:
            kept |= {(change.record.id, o) for o in store.required_origins_in_history(
                change.record.id, KINDS[change.record.kind].required)}
        return [(c.record.id, o) for c in changes for o in c.outvoiced
                if (c.record.id, o) not in kept]

    def moves(self, store: Store) -> bool:
        return bool(self.moving or self.raising or _holds_new(store, self.held, self.sender)
                    or held_list.holds_new(store, self.changes) or self.masking(store)
                    or self.outvoicing(store)
                    or _discarded_to_keep(store, self.discarded_new, self.sender))

    @property
    def discarded_new(self) -> list[Record]:
        """This bundle's notices discarded for a record of another kind (not kept yet)."""
        return [h.notice for h in self.discarded if h.row is None and h.reason == ANOTHER_KIND]


def _plan(store: Store, prepared: Prepared, job: Job) -> _Plan:
    check_screened_out(store, prepared)
    undone = signatures.deleters_only(prepared.records,
                                      partial(signatures.deletions_of, store))
    if undone.dropped:  # against the vault as it is now: dropped once, reported once
        prepared.records = undone.records
        prepared.not_applied.extend(undone.dropped)
        # and its signature not kept: a newer one would replace the deleter's, and this
        # vault could no longer pass the deletion on
        prepared.sigs = signatures.still_carried(prepared.sigs, prepared.records)
    noticed, held, other_kind = plan_notices(store, prepared.notices, prepared.high)
    changes = held_list.hold_back(store, plan(store, prepared.records, job, prepared.line_of,
                                              prepared.manifest.sender.fingerprint,
                                              high=prepared.high),
                                  prepared.unverified_erasures)
    arriving = [c.record for c in changes if not c.exists and c.status not in ("unchanged",
                                                                                 "held")]
    sender = prepared.manifest.sender.fingerprint
    arrival, discarded = _held_for(store, arriving, held, sender)
    discarded += [HeldNotice(n, sender, None, reason=ANOTHER_KIND) for n in other_kind]
    return _Plan(changes, noticed, held, arrival, discarded, sender)


def _merge(store: Store, prepared: Prepared, planned: _Plan, job: Job, import_id: str, *,
           coming: dict[str, protection.Coming] | None = None,
           materialised: bool = False) -> bool:
    """Write what a planned part changes, inside the caller's transaction; whether it made
    the groups' levels their members' own (:func:`_raise_first`, ``coming``: see there).
    ``materialised``: a part before did (the lines kept for the end of a file, read again):
    the actors this part brings are then given their groups' levels too, as the whole
    bundle's raise-first, which met them all, gives them."""
    changes, moving, raising = planned.changes, planned.moving, planned.raising
    job.tick("merging", 0, len(moving))
    masking = planned.masking(store)  # asked before anything of this part is written
    store.keep_required_origins(planned.outvoicing(store))
    store.raise_given([*(c.record for c in [*changes, *raising]  # as held before, too
                         if not c.on_erased and c.status != "held"), *prepared.notices])
    _observe(store, (c.record for c in [*moving, *raising]))
    created = [c.record for c in moving if not c.exists]
    # the records it creates: the import's one audit entry (their ids are in its
    # bundle_import row, where since-last exports find them) and one provenance row each
    store.bulk_insert(created)
    store.mark_received((r.id for r in created), import_id)
    _arrived(store, planned, import_id)  # raises, as the notices of a part are: first
    existing = [c.record for c in moving if c.exists]
    raised_first = splits_groups(existing)
    if raised_first:  # see _raise_first
        _raise_first(store, existing, raising, import_id, coming)
    else:  # raises first here too: an erasure keeps the protection of what it erases
        _raise(store, raising, import_id)
        if materialised and created:
            materialise(store, coming=coming or None, moved_off=False)
    if coming:
        _erasing_as_now(store, existing, coming)
    with store.erasing_many():
        for n, record in enumerate(existing):
            if n % _TICK == 0:
                job.progress("merging", n, len(moving))
            store.merge(record, import_id)
    for record, names in masking:
        store.keep_masked(record, names, import_id)
    settled = {n.notice.id for n in (*planned.arrival, *planned.discarded) if n.row is None}
    _hold(store, [n for n in planned.held if n.id not in settled],
          prepared.manifest.sender.fingerprint, import_id)
    held_list.hold(store, changes, prepared.manifest.sender.fingerprint, import_id)
    held_list.settle(store, (c.record.id for c in moving if c.status == "erased"))
    _settle_held(store, planned, import_id)
    return raised_first


def _raise(store: Store, raising: list[Change], import_id: str) -> None:
    """Apply the protection notices that raise something here."""
    for change in raising:
        if change.on_erased:
            store.raise_erased_protection(change.record)
        else:
            store.merge(change.record, import_id)


def _raise_first(store: Store, existing: list[Record], raising: list[Change],
                 import_id: str, coming: Mapping[str, protection.Coming] | None = None) -> None:
    """Before a bundle takes a record out of its "same" group (exporter.splits_groups): apply
    every raise it carries — its notices, and the protection fields of its lines — then make
    the group's protection each member's own. Raises are a maximum and commute with every
    other change, so applying them first changes nothing else; without it, a notice flagging
    a member and that member's erasure in one bundle would leave the rest of the group
    unprotected, where the same changes in two bundles (or two files) would not (§6.4.3).
    ``coming``: the lines of the file kept for its end (see :func:`_merge_part`), with the
    links held before any of them was merged: the groups are those the whole bundle's
    raise-first met, and its raises count as applied (a member taken out by this part keeps a
    raise a later part brings to its group; one that a part before linked to a group does not
    take that group's level as its own), as in the whole bundle."""
    _raise(store, raising, import_id)
    for record in existing:
        fields = [f for f in sorted(protection.RATCHET) if f in record.stamps]
        if fields and record.erased is None:
            store.merge(Record(record.id, record.kind,
                               {f: record.values.get(f) for f in fields},
                               {f: record.stamps[f] for f in fields}), import_id)
    materialise(store, coming=coming or None, moved_off=False)


def _coming(store: Store, records: list[Record]) -> dict[str, protection.Coming]:
    """What lines kept for the end raise, and the groups they meet (see :func:`_raise_first`):
    for a record held here, the raises its line makes that apply here (as the merge asks:
    a raise of a value lowered here, or under an older stamp, does not), in the group its
    link held; for a record the line erases, what it held, as it counts until then; for a
    record not held here, what it arrives with."""
    out: dict[str, protection.Coming] = {}
    by_kind: dict[Kind, list[Record]] = {}
    for r in records:
        if r.kind in protection.ACTOR_TABLES:  # a tie's erasure waits too, in no group
            by_kind.setdefault(r.kind, []).append(r)
    for kind, lines in by_kind.items():
        held = store.get_many(kind, [r.id for r in lines])
        for incoming in lines:
            local = held.get(incoming.id)
            if local is not None and local.erased is not None:
                continue  # erased before this file: in no group
            if incoming.erased is not None:
                if local is not None:
                    out[incoming.id] = protection.Coming(
                        kind, _level_of(local), bool(local.values.get("inside_russia")),
                        local.values.get("merged_into"), erasing=True)
                continue
            lowered = store.lowered(incoming.id) if local is not None else {}
            applies = {f for f in protection.RATCHET & incoming.stamps.keys()
                       if local is None or field_wins(f, local, incoming, lowered.get(f))}
            out[incoming.id] = protection.Coming(
                kind, _level_of(incoming) if "sensitivity" in applies else None,
                "inside_russia" in applies and bool(incoming.values.get("inside_russia")),
                local.values.get("merged_into") if local is not None else
                incoming.values.get("merged_into"))
    return out


def _erasing_as_now(store: Store, existing: list[Record],
                    coming: dict[str, protection.Coming]) -> None:
    """Before this part erases members of groups: the level and flag each held just now
    (after every raise of the file: a notice of a later line of the first read raised it
    since its line was kept), which it counts with until the end of the file."""
    for record in existing:
        up = coming.get(record.id)
        if up is not None and up.erasing:  # held when kept: held still (rows stay), raised only
            local = store.get(record.id, record.kind)
            level, inside = (_level_of(local), bool(local.values.get("inside_russia"))) \
                if local is not None else (Sensitivity.INTERNAL, False)
            coming[record.id] = replace(up, level=max(up.level or level, level),
                                        inside=up.inside or inside)


def _held_raises(store: Store, coming: dict[str, protection.Coming]) -> None:
    """Before the lines kept for the end are read again: a record they bring counts the raises
    of the held notices waiting for it (merged as it arrives, before its part's raise-first:
    :func:`_arrived`), as in the whole bundle, where every record arrives before its one
    raise-first. A notice its record will discard (another kind, or naming this vault) does
    not count."""
    ids = [i for i, c in coming.items() if not c.erasing]
    held = store.kinds_of(ids) if ids else {}
    arriving = sorted(i for i in ids if i not in held)
    if not arriving:
        return
    for (line,) in store.conn.execute(
            "SELECT line FROM held_notice WHERE record_id IN (SELECT value FROM json_each(?)) "
            "AND discarded_by IS NULL", (json.dumps(arriving),)):
        notice = wire.notice_from_line(json.loads(line), 0, now_hlc=MAX_HLC)
        up = coming[notice.id]
        if notice.kind is not up.kind or _names(notice, store.origin):
            continue
        level = _level_of(notice) if "sensitivity" in notice.stamps else None
        coming[notice.id] = replace(
            up, level=max(up.level or level, level) if level is not None else up.level,
            inside=up.inside or bool(notice.values.get("inside_russia")))


def _level_of(record: Record) -> Sensitivity:
    return Sensitivity(protection.rank("sensitivity", record.values.get("sensitivity")))


# ---- protection notices held for records not here yet (DESIGN §6.4.2) ------------------------
@dataclass(frozen=True)
class HeldNotice:
    """A protection notice waiting for its record: who sent it, in which import (both None for
    a notice kept before schema v13, or one of the bundle being imported that brings its
    record too), and, when it will never apply, why."""

    notice: Record
    sender: str | None
    import_id: str | None
    row: int | None = None  # its held_notice row (None: a notice of this very bundle)
    reason: str | None = None  # ANOTHER_KIND or NAMES_THIS_VAULT: discarded

    def to_json(self) -> dict[str, Any]:
        return {"id": self.notice.id, "kind": self.notice.kind.value, "sender": self.sender,
                "import_id": self.import_id, "reason": self.reason}


ANOTHER_KIND = "another_kind"  # the record arrived as another kind than the notice said
NAMES_THIS_VAULT = "names_this_vault"  # kept before §6.5.2 covered notices: never issued


def _hold(store: Store, notices: list[Record], sender: str, import_id: str) -> None:
    """Keep notices about records this vault does not hold yet, for when they arrive: per
    notice the fields that raise what is already held for that record (one row per import,
    with its sender and import, so the raise is credited to them and a quarantine can drop
    it)."""
    for notice in notices:
        raising = _raising(_held_max(store, notice, sender), notice)
        if raising is None:
            continue
        line = wire.notice_line(raising.id, raising.kind, raising.values, raising.stamps)
        store.conn.execute("INSERT INTO held_notice (record_id, kind, line, sender, import_id) "
                           "VALUES (?, ?, ?, ?, ?)", (notice.id, notice.kind.value,
                                                      json.dumps(line), sender, import_id))


def _holds_new(store: Store, notices: list[Record], sender: str) -> bool:
    """Whether holding ``notices`` from ``sender`` would change the held list (a replay holds
    nothing new)."""
    return any(_raising(_held_max(store, n, sender), n) is not None for n in notices)


def _held_max(store: Store, notice: Record, sender: str) -> Record | None:
    """What the notices ``sender`` sent that are held for ``notice``'s record, of its kind,
    say together (each field at its maximum); None when none is held. Each sender's are
    kept apart: a quarantine drops one sender's alone (an honest colleague's flag, held
    after the revoked official's newer one, must still be there)."""
    known: Record | None = None
    for (line,) in store.conn.execute("SELECT line FROM held_notice WHERE record_id = ? AND "
                                      "kind = ? AND sender = ? AND discarded_by IS NULL "
                                      "ORDER BY id", (notice.id, notice.kind.value, sender)):
        held = wire.notice_from_line(json.loads(line), 0, now_hlc=MAX_HLC)
        known = held if known is None else _stronger(known, held)
    return known


def _raising(known: Record | None, incoming: Record) -> Record | None:
    """The fields of ``incoming`` that raise ``known`` — a higher level, or a field it does
    not hold — (None: it raises nothing): the same level again under a newer stamp is
    not kept twice."""
    if known is None:
        return incoming
    names = [n for n in incoming.stamps
             if n not in known.stamps or protection.rank(n, incoming.values.get(n))
             > protection.rank(n, known.values.get(n))]
    if not names:
        return None
    return Record(incoming.id, incoming.kind, {n: incoming.values.get(n) for n in names},
                  {n: incoming.stamps[n] for n in names})


def _stronger(known: Record, incoming: Record) -> Record:
    """Two notices about one record, as one: each field at its maximum."""
    out = Record(known.id, known.kind, dict(known.values), dict(known.stamps))
    won = [name for name in incoming.stamps if field_wins(name, out, incoming)]  # each alone
    out.values.update((name, incoming.values.get(name)) for name in won)
    out.stamps.update((name, incoming.stamps[name]) for name in won)
    return out


def _held_for(store: Store, arriving: list[Record], this_bundle: list[Record],
              sender: str) -> tuple[list[HeldNotice], list[HeldNotice]]:
    """The held notices about records that arrive now — those kept here, then those of this
    bundle — split into those to merge and those to discard: a notice never blocks an honest
    record (DESIGN §6.5.8): one that named another kind than the record arrives as, or that
    names this vault (kept before §6.5.2 covered notices), is dropped and reported."""
    kept = bool(arriving) and store.conn.execute(
        "SELECT 1 FROM held_notice WHERE discarded_by IS NULL LIMIT 1").fetchone() is not None
    if not kept and not this_bundle:
        return [], []  # no notice to match: most imports (no index of what arrives)
    kinds = {r.id: r.kind for r in arriving}
    waiting = [HeldNotice(n, sender, None) for n in this_bundle if n.id in kinds]
    if kinds and kept:
        stored = [HeldNotice(wire.notice_from_line(json.loads(line), 0, now_hlc=MAX_HLC),
                             who, import_id, row)
                  for row, line, who, import_id in store.conn.execute(
                      "SELECT id, line, sender, import_id FROM held_notice WHERE record_id IN "
                      "(SELECT value FROM json_each(?)) AND discarded_by IS NULL ORDER BY id",
                      (json.dumps(sorted(kinds)),))]
        waiting = stored + waiting
    apply: list[HeldNotice] = []
    discard: list[HeldNotice] = []
    for held in waiting:
        reason = ANOTHER_KIND if held.notice.kind is not kinds[held.notice.id] else (
            NAMES_THIS_VAULT if _names(held.notice, store.origin) else None)
        if reason is None:
            apply.append(held)
        else:
            discard.append(HeldNotice(held.notice, held.sender, held.import_id, held.row,
                                      reason))
    return apply, discard


def _arrived(store: Store, planned: _Plan, import_id: str) -> None:
    """Merge the held notices whose records arrived (just written), each credited to the
    import that brought it (this import for a notice kept before schema v13): before any
    group is made its members' own level (:func:`_raise_first`), as every raise."""
    for held in planned.arrival:
        by = held.import_id or import_id
        outcome = store.merge(held.notice, by)
        if held.sender is not None:  # what lost to another's notice is kept, as for lines
            _keep_lost(store, held.notice, outcome.fields, held.sender, by,
                       this_import=(import_id, planned.sender))


def _settle_held(store: Store, planned: _Plan, import_id: str) -> None:
    """Once the held notices whose records arrived are merged (:func:`_arrived`): drop
    them, and the discarded ones, audited — but one kept here whose record arrived as
    another kind stays, marked as discarded by this import: a quarantine that removes that
    record lets it wait again (``quarantine._hold_again``)."""
    for held in planned.discarded:
        audit.append(store.conn, store.origin, "discard_held_notice", held.notice.id,
                     held.notice.kind.value)
    rows = [h.row for h in planned.arrival if h.row is not None] + [
        h.row for h in planned.discarded if h.row is not None and h.reason != ANOTHER_KIND]
    if rows:
        store.conn.execute("DELETE FROM held_notice WHERE id IN (SELECT value FROM json_each(?))",
                           (json.dumps(rows),))
    other_kind = [h.row for h in planned.discarded if h.row is not None
                  and h.reason == ANOTHER_KIND]
    if other_kind:
        store.conn.execute("UPDATE held_notice SET discarded_by = ? WHERE id IN (SELECT value "
                           "FROM json_each(?))", (import_id, json.dumps(other_kind)))
    for notice, line, by in _discarded_to_keep(store, planned.discarded_new, planned.sender):
        store.conn.execute("INSERT INTO held_notice (record_id, kind, line, sender, import_id, "
                           "discarded_by) VALUES (?, ?, ?, ?, ?, ?)",
                           (notice.id, notice.kind.value, line, planned.sender, import_id, by))


def _discarded_to_keep(store: Store, notices: list[Record], sender: str
                       ) -> list[tuple[Record, str, str]]:
    """Of this bundle's notices about records held here as another kind, those to keep as
    discarded by the import that brought the record (this one, or an earlier one: a
    quarantine that removes it lets them wait again), each with its line and that import;
    not one about a record made here (nothing removes it but its own official), nor one
    kept already (a replay keeps nothing new)."""
    if not notices:
        return []
    brought = dict(store.conn.execute(
        "SELECT record_id, import_id FROM field_receipt WHERE field = '*' AND record_id IN "
        "(SELECT value FROM json_each(?))", (json.dumps([n.id for n in notices]),)).fetchall())
    out = []
    for notice in notices:
        by = brought.get(notice.id)
        line = json.dumps(wire.notice_line(notice.id, notice.kind, notice.values,
                                           notice.stamps))
        if by is not None and store.conn.execute(
                "SELECT 1 FROM held_notice WHERE record_id = ? AND kind = ? AND sender = ? AND "
                "line = ?", (notice.id, notice.kind.value, sender, line)).fetchone() is None:
            out.append((notice, line, str(by)))
    return out


def _keep_lost(store: Store, notice: Record, applied: list[str], sender: str,
               import_id: str, *, this_import: tuple[str, str]) -> None:
    """The protection fields of a held notice that lost to what was merged before it (another
    sender's notice, say, held first with a newer stamp): kept as masked, as an import keeps
    those of its own lines (``_Plan.masking``). ``this_import`` (its id and signer) brought
    the record: its ``bundle_import`` row is not written yet."""
    held = store.get(notice.id)
    if held is None:  # pragma: no cover - the record has just arrived
        return
    names = [n for n in sorted(protection.RATCHET & notice.stamps.keys()) if n not in applied]
    lost = _not_kept(store, notice, [n for n in names if held.stamps.get(n) !=
                                     notice.stamps[n]], sender)
    lost += _echoes_not_kept(store, notice, [n for n in _echoes(held.values, notice,
                                                                held.stamps)
                                             if n in names], sender, this_import)
    if lost:
        store.keep_masked(notice, lost, import_id)


def _not_kept(store: Store, record: Record, names: list[str], sender: str) -> list[str]:
    """Of the fields ``names`` of ``record`` that lost here, those this vault does not keep
    yet (``Store.delivered_before``)."""
    return [n for n in names
            if not store.delivered_before(record.id, n, record.stamps[n],
                                          record.values.get(n), sender)]


def _echoes_not_kept(store: Store, record: Record, names: list[str], sender: str,
                     this_import: tuple[str, str] | None = None, *,
                     received: Mapping[str, tuple[str, str]] | None = None) -> list[str]:
    """Of the protection fields ``names`` that ``record`` carries as held here, those whose
    value stands as an import of another sender brought it, and that this vault does not
    keep yet as ``sender``'s delivery: a quarantine of that other sender then leaves it
    (without them, ``sender``'s delivery would have brought it). ``this_import`` (id, signer):
    the import under way, whose ``bundle_import`` row is not written yet; ``received``:
    ``store.received(record)``, when asked already."""
    if not names:
        return []
    by = store.received(record) if received is None else received
    if this_import is not None:
        by = {n: this_import if got[0] == this_import[0] else got for n, got in by.items()}
    return _not_kept(store, record, [n for n in names if n in by and by[n][1] not in
                                     ("", sender)], sender)


def drop_held_notices(store: Store, sender: str, since: str | None = None, *,
                      keepers: Collection[str] = ()) -> int:
    """Drop the protection notices ``sender`` sent that still wait for their record, inside
    the caller's transaction (quarantine, DESIGN §6.5.9): all of them, or only those of the
    imports made since ``since`` (UTC text as ``bundle_import.imported_at`` holds it, see
    ``quarantine.parse_since``). A raise stamped by one of ``keepers`` (this vault, the
    officials it still trusts) stays: ``sender`` relayed it, and another notice bringing the
    same raise later was not kept beside it (it raised nothing more). Returns how many
    notices went whole."""
    query = "SELECT id, line FROM held_notice WHERE sender = ?"
    args: tuple[str, ...] = (sender,)
    if since is not None:
        query += (" AND import_id IN (SELECT import_id FROM bundle_import WHERE sender = ? "
                  "AND imported_at >= ?)")
        args = (sender, sender, since)
    return sum(trim_held_notice(store, row, line, lambda stamp: stamp.origin in keepers)
               for row, line in store.conn.execute(query, args).fetchall())


def trim_held_notice(store: Store, row: int, line: str, keep: Callable[[Stamp], bool]) -> bool:
    """Keep of the held notice ``row`` (its ``line``) only the raises whose stamp ``keep``
    accepts; one left with none goes whole (True)."""
    notice = wire.notice_from_line(json.loads(line), 0, now_hlc=MAX_HLC)
    kept = {n: stamp for n, stamp in notice.stamps.items() if keep(stamp)}
    if not kept:
        store.conn.execute("DELETE FROM held_notice WHERE id = ?", (row,))
        return True
    if len(kept) < len(notice.stamps):
        rest = wire.notice_line(notice.id, notice.kind, notice.values, kept)
        store.conn.execute("UPDATE held_notice SET line = ? WHERE id = ?",
                           (json.dumps(rest), row))
    return False


def _observe(store: Store, records: Iterable[Record]) -> None:
    high = 0
    for r in records:  # the greatest stamp has the greatest hlc: one C-level max a record
        if r.stamps:
            high = max(high, max(r.stamps.values()).hlc)
        if r.erased is not None:
            high = max(high, r.erased.hlc)
    store.clock.observe(high)


def _log_import(store: Store, merged: _Merged) -> None:
    counts: dict[str, Any] = {s: merged.counts[s] for s in ("new", "changed", "deleted",
                                                            "erased", "unchanged", "held")}
    counts["erased_ids"] = merged.erased_ids
    manifest = merged.file.manifest
    counts["payload_sha256"] = manifest.payload_sha256  # what a replay must carry
    store.conn.execute(
        "INSERT INTO bundle_import (import_id, bundle_id, sender, created_at, imported_at,"
        " counts) VALUES (?, ?, ?, ?, ?, ?)",
        (merged.import_id, manifest.bundle_id, manifest.sender.fingerprint,
         container.format_time(manifest.created_at), _now(), json.dumps(counts)))
    merged.seen.log_created(merged.import_id)  # the records it created: rows of their own
    audit.append(store.conn, store.origin, "import", merged.import_id, "bundle")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ---- history and revert ------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportEntry:
    import_id: str
    bundle_id: str
    sender: str
    sender_name: str
    created_at: str
    imported_at: str
    counts: dict[str, int]
    reverted_at: str | None

    def to_json(self) -> dict[str, Any]:
        return {"import_id": self.import_id, "bundle_id": self.bundle_id,
                "sender": self.sender, "sender_name": self.sender_name,
                "created_at": self.created_at, "imported_at": self.imported_at,
                "counts": self.counts, "reverted_at": self.reverted_at}


def history(store: Store) -> list[ImportEntry]:
    rows = store.conn.execute(
        "SELECT i.import_id, i.bundle_id, i.sender, coalesce(o.name, ''), i.created_at, "
        "i.imported_at, i.counts, i.reverted_at FROM bundle_import AS i LEFT JOIN official "
        "AS o ON o.fingerprint = i.sender ORDER BY i.imported_at, i.import_id").fetchall()
    return [ImportEntry(r[0], r[1], r[2], r[3], r[4], r[5], _public_counts(r[6]), r[7])
            for r in rows]


def _public_counts(text: str) -> dict[str, int]:
    return {k: int(v) for k, v in json.loads(text).items() if isinstance(v, int)}


@dataclass(frozen=True)
class RevertResult:
    import_id: str
    restored_fields: int
    deleted_records: int
    skipped_fields: int

    def to_json(self) -> dict[str, Any]:
        return {"import_id": self.import_id, "restored_fields": self.restored_fields,
                "deleted_records": self.deleted_records, "skipped_fields": self.skipped_fields}


def revert(store: Store, import_id: str) -> RevertResult:
    """Undo an import with new local edits; fields changed since the import are kept."""
    # checked inside the transaction: a quarantine in another window may undo the import
    # meanwhile, keeping records it created on purpose, which a second undo would delete
    import_id = import_id.strip().lower()  # as the history lists it, however it was typed
    with store.write():
        row = store.conn.execute(
            "SELECT counts, reverted_at FROM bundle_import WHERE import_id = ?",
            (import_id,)).fetchone()
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "No import with that id (see 'registry bundle history')."))
        if row[1] is not None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "That import was already reverted."))
        created = [str(r[0]) for r in store.conn.execute(
            "SELECT record_id FROM import_created WHERE import_id = ?", (import_id,))]
        restored, skipped = _restore_fields(store, import_id)
        deleted = _delete_created(store, created)
        # the notices it brought that still wait for their record go with it; the protection
        # it delivered that lost here stays on record (masked_value): its sender may
        # have sent it again since, kept once per sender, and a quarantine of whoever's
        # value stands then errs towards protecting (DESIGN §6.4.1). Its other values that
        # lost go: undone, it delivered nothing a quarantine may put back
        store.conn.execute("DELETE FROM held_notice WHERE import_id = ?", (import_id,))
        store.conn.execute("DELETE FROM masked_value WHERE import_id = ? AND field NOT IN "
                           "(SELECT value FROM json_each(?))",
                           (import_id, json.dumps(sorted(protection.RATCHET))))
        held_list.drop_waiting(store, import_id=import_id)  # and the erasures it asked for
        store.conn.execute("UPDATE bundle_import SET reverted_at = ? WHERE import_id = ?",
                           (_now(), import_id))
        audit.append(store.conn, store.origin, "revert_import", import_id, "bundle")
    return RevertResult(import_id, restored, deleted, skipped)


def _restore_fields(store: Store, import_id: str) -> tuple[int, int]:
    rows = store.conn.execute(
        "SELECT record_id, field, value, replaced_by_hlc, replaced_by_origin FROM "
        "field_history WHERE import_id = ? ORDER BY id", (import_id,)).fetchall()
    by_record: dict[str, dict[str, tuple[Any, Stamp]]] = {}
    for record_id, name, value, hlc, origin in rows:
        by_record.setdefault(record_id, {})[name] = (json.loads(value), Stamp(hlc, origin))
    restored = skipped = 0
    for record_id, fields in by_record.items():
        record = store.get(record_id)
        if record is None or record.erased is not None:  # pragma: no cover
            # erasing or removing a record deletes its field history: no row names it
            skipped += len(fields)
            continue
        changes = {n: v for n, (v, s) in fields.items() if record.stamps.get(n) == s
                   and not _lowers(n, record.values.get(n), v)}
        if leaves_invalid(record, changes):  # an end put back beside one changed since
            changes = {}
        skipped += len(fields) - len(changes)
        restored += len(store.update(record, changes, action="revert", restored="revert"))
    return restored, skipped


def _lowers(name: str, now: Any, restored: Any) -> bool:
    """Reverting an import never lowers protection: that is a separate, confirmed act."""
    return name in protection.RATCHET and \
        protection.rank(name, restored) < protection.rank(name, now)


def _delete_created(store: Store, ids: list[str]) -> int:
    deleted = 0
    for record_id in ids:
        record = store.get(record_id)
        if record is not None and not record.deleted:
            store.update(record, {"deleted": True}, action="revert")
            deleted += 1
    return deleted
