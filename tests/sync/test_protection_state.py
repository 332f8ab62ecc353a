"""Protection across vaults (DESIGN §6.4) as a state machine over in-process vaults.

Four vaults that trust each other (verified) add people, organisations and ties, edit them
(free text that may name a person), flag them (inside Russia, protected), lower them
locally (confirmed), decide records "same", delete and erase them, and export bundles in
every protected mode (exclude, pseudonymise, include) with random ceilings and scopes
(everything, since-last), notices only or not, to one or several recipients. Bundles stay
in a pool and are delivered in any order, any number of times.

What is checked, for real (every payload is decrypted in-process):

* **nothing protected leaves** — a payload never holds a value (a unique memo in notes, a
  protected person's name) of a record that its sender had to keep back at export time,
  nor the real id of one except as a protection notice or tombstone to recipients who were
  already given that id (DESIGN §6.4.2, §6.4.4, §6.4.5, §6.4.6); pseudonymous lines name no
  official;
* **an import never lowers protection** — what a vault treats as protected before a
  delivery it still treats as protected after it (§6.4.1);
* **notices reach every holder** — after a "settle" phase (every vault sends every other a
  notices-only bundle until nothing changes), every vault that holds a record flagged
  anywhere, and never lowered, treats it as protected (§6.4.2);
* **vaults converge** — after a final full exchange (everything, ``include``, ceiling
  ``protected``, until nothing changes), vaults with no local lowering hold the same
  records (§6.4.1). Full convergence needs care: deleted records travel as tombstones, but
  the tombstone or erasure of a protected record goes by real id only to officials who were
  sent that id, so a protected tombstone that never left its vault is the one difference
  allowed; when there is none the digests must be equal.

The CI profile runs a few short examples; ``--hypothesis-profile=long`` (registered by
``tests/fuzz/conftest.py``, so name ``tests/fuzz`` on the command line too, e.g.
``pytest tests/fuzz tests/sync/test_protection_state.py -k protection_state
--hypothesis-profile=long``) runs many longer ones.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from registry.domain.enums import Kind, Sensitivity
from registry.domain.ids import decision_id
from registry.domain.model import KINDS, Record
from registry.errors import BundleError, InvalidInput, LoweringNeedsConfirmation, NotFound
from registry.match.review import decide
from registry.service import Registry
from registry.store.protection import Protection, group_of
from registry.sync import agecrypt, container, payload, wire
from registry.sync.exporter import ExportResult, Scope, export_mentions
from registry.sync.redact import Mode, OmitReason, free_text_fields

from . import forge
from .vaults import introduce, make_vault

VAULTS = 4
LOWERING = 2  # how many of the vaults may lower protection locally
LONG = "long"
MEMO = re.compile(r"memo[a-z]{6}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SHARED_KINDS = (Kind.PERSON, Kind.ORGANISATION, Kind.TIE, Kind.DECISION)
LEVELS = ("public", "internal", "confidential", "protected")
MODES = ("exclude", "pseudonymise", "include")
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

vault_index = st.integers(0, VAULTS - 1)
pick = st.integers(0, 10_000)  # an index into whatever a vault holds, taken modulo its size


def machine_settings() -> settings:
    """CI-short by default; the fuzz ``long`` profile's example count with longer runs."""
    if settings.get_current_profile_name() == LONG:
        return settings(stateful_step_count=80, deadline=None, suppress_health_check=_SLOW_OK)
    # CI: the same examples every run (derandomize), so the suite's verdict does not depend
    # on luck; the long profile (scripts/fuzz) explores at random.
    return settings(max_examples=12, stateful_step_count=30, deadline=None, database=None,
                    derandomize=True, suppress_health_check=_SLOW_OK)


# ---- reading vaults ------------------------------------------------------------------------------
def table(kind: Kind) -> str:
    return KINDS[kind].table


def live_ids(reg: Registry, *kinds: Kind) -> list[str]:
    """Ids of the records a vault holds, not deleted and not erased, in id order."""
    out: list[str] = []
    for kind in kinds:
        out += [str(r[0]) for r in reg.store.conn.execute(
            f"SELECT id FROM {table(kind)} WHERE erased IS NULL AND "
            "coalesce(deleted, 0) = 0 ORDER BY id")]
    return out


def all_ids(reg: Registry) -> set[str]:
    """Every id a vault holds a row for, whatever its state."""
    out: set[str] = set()
    for kind in KINDS:
        out |= {str(r[0]) for r in reg.store.conn.execute(f"SELECT id FROM {table(kind)}")}
    return out


def erased_ids(reg: Registry) -> set[str]:
    out: set[str] = set()
    for kind in KINDS:
        out |= {str(r[0]) for r in reg.store.conn.execute(
            f"SELECT id FROM {table(kind)} WHERE erased IS NOT NULL")}
    return out


def protected_ids(reg: Registry) -> set[str]:
    """What a vault treats as protected: actors at their "same" group's level (``inside:ID``
    for those inside Russia), ties at ``protected`` or touching a protected person; deleted
    records included, erased ones not."""
    guard = Protection.load(reg.store.conn)
    out = {rid for rid, level in guard.level.items() if level >= Sensitivity.PROTECTED}
    out |= {f"inside:{rid}" for rid in guard.inside}
    for tie in reg.store.iter_records(Kind.TIE):
        if tie.erased is None and guard.record_level(tie) >= Sensitivity.PROTECTED:
            out.add(tie.id)
    return out


def lowered_ids(reg: Registry) -> set[str]:
    return {str(r[0]) for r in reg.store.conn.execute(
        "SELECT record_id FROM protection_lowered")}


REFS = ("from_id", "to_id", "a_id", "b_id")


@dataclass(frozen=True)
class Held:
    """One vault's copy of a record, as it would be compared: a deleted record as its
    tombstone (id and ``deleted`` stamp, as the digest counts it), an erased one as its
    erasure stamp."""

    values: tuple[tuple[str, str], ...]
    refs: frozenset[str]
    merged_into: str | None

    def without_link(self) -> tuple[tuple[str, str], ...]:
        return tuple(v for v in self.values if v[0] != "merged_into")


def held(reg: Registry) -> dict[str, Held]:
    out: dict[str, Held] = {}
    for kind in KINDS:
        for r in reg.store.iter_records(kind):
            if r.erased is not None:
                values: dict[str, Any] = {"erased": r.erased.to_json()}
            elif r.values.get("deleted"):
                values = {"deleted": r.stamps["deleted"].to_json()}
            else:
                values = {n: [r.values.get(n), s.to_json()] for n, s in r.stamps.items()}
            link = None if "erased" in values or "deleted" in values else \
                r.values.get("merged_into")
            refs = {r.values.get(n) for n in REFS} - {None}
            out[r.id] = Held(tuple(sorted((n, json.dumps(v)) for n, v in values.items())),
                             frozenset(str(x) for x in refs),
                             str(link) if isinstance(link, str) else None)
    return out


def tombstone_protected(reg: Registry, record_id: str) -> bool:
    """Whether a record this vault holds as a tombstone was protected (its tombstone then
    goes by real id only to officials who were sent that id, DESIGN §6.4.4)."""
    record = reg.store.get(record_id)
    if record is None:
        return False
    if record.erased is not None:
        known = reg.store.erased_protection(record_id)
        return known is None or known[1] or known[0] >= Sensitivity.PROTECTED
    if not record.deleted:
        return False
    guard = Protection.load(reg.store.conn)
    return guard.record_level(record) >= Sensitivity.PROTECTED or record.id in guard.inside


def decrypt(path: Path, reg: Registry) -> list[dict[str, Any]]:
    opened = container.open_bundle(path)
    plain = agecrypt.decrypt(opened.payload, reg.official_keys.age_identity, max_size=1 << 26)
    _, lines = payload.decode(plain, max_uncompressed=1 << 26, max_line=1 << 20,
                              max_lines=100_000)
    return lines


def is_tombstone(line: dict[str, Any]) -> bool:
    return line.get("erased") is not None or line.get("values") == {"deleted": True}


# ---- what must stay behind ---------------------------------------------------------------------
@dataclass
class Withheld:
    """What one export must not reveal, read from the sender just before it exports.

    ``ids``: real ids that may leave only as a notice or tombstone, and only to recipients
    who were given them before; ``values``: strings that must not appear at all.
    """

    ids: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)
    reasons: dict[str, str] = field(default_factory=dict)

    def add(self, record_id: str, reason: str, *texts: Any) -> None:
        self.ids.add(record_id)
        self.reasons.setdefault(record_id, reason)
        for text in texts:
            if isinstance(text, str):
                self.values.update(MEMO.findall(text))


def withheld(reg: Registry, mode: str, ceiling: Sensitivity) -> Withheld:
    """The one rule (§4.2, §6.3, §6.4.3, §6.4.5): protected people and the ties touching them
    stay behind unless ``include``; every other record above the ceiling stays behind; a
    protected person's name appears nowhere (mentions are blanked) unless ``include``."""
    guard = Protection.load(reg.store.conn)
    out = Withheld()
    include = mode == "include"
    for kind in SHARED_KINDS:
        for record in reg.store.iter_records(kind):
            if record.erased is not None:  # the same rule, on the protection it had
                level, inside = reg.store.erased_protection(record.id) or (
                    Sensitivity.PROTECTED, True)  # not known: protected
                protected = kind in (Kind.PERSON, Kind.TIE) and (
                    inside or level >= Sensitivity.PROTECTED)
                if (protected and not include) or (level > ceiling and not (
                        include and protected)):
                    out.add(record.id, "erased, was protected or above ceiling")
                continue
            notes = record.values.get("notes")
            person = guard.is_protected_person(record.id)
            touching = kind is Kind.TIE and any(
                guard.is_protected_person(record.values.get(end)) for end in ("from_id", "to_id"))
            if (person or touching) and not include:
                out.add(record.id, "protected", notes)
                if person and isinstance(record.values.get("name"), str):
                    out.values.add(record.values["name"])
            elif guard.record_level(record) > ceiling and not (include and (person or touching)):
                out.add(record.id, "above ceiling", notes)
    return out


@dataclass
class Sent:
    """A bundle in the pool."""

    path: Path
    sender: int
    recipients: tuple[int, ...]
    settings: str


# ---- the machine --------------------------------------------------------------------------------
class ProtectionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory()
        self.root = Path(self._tmp.name)
        self.vaults = [make_vault(self.root, f"V{i}") for i in range(VAULTS)]
        introduce(*self.vaults)
        self.fingerprints = {v.identity.fingerprint for v in self.vaults}
        self.pool: list[Sent] = []
        self.counter = 0
        self.flagged: set[str] = set()  # records some official flagged protected
        self.lowered: list[set[str]] = [set() for _ in self.vaults]
        self.revealed: list[set[str]] = [set() for _ in self.vaults]  # ids given to a vault
        self.must_protect: list[set[str]] = [set() for _ in self.vaults]  # the model
        self.shipped = 0
        self.seed()

    def seed(self) -> None:
        """A few records that every vault holds, so flags have holders to reach."""
        first = self.vaults[0]
        people = [first.add(Kind.PERSON, {"name": self.name(Kind.PERSON), "notes": self.memo()}).id
                  for _ in range(3)]
        named = first.get(people[0]).values["name"]
        org = first.add(Kind.ORGANISATION, {"name": self.name(Kind.ORGANISATION),
                                            "type": "media",
                                            "notes": f"{self.memo()} met {named}"}).id
        for person in people[:2]:
            first.add(Kind.TIE, {"from_id": person, "to_id": org, "kind": "member_of",
                                 "notes": f"{self.memo()} about {named}"})
        for r in range(1, VAULTS):
            self.deliver_to(self.ship(0, [r], mode="include", ceiling="protected"), r)

    # -- helpers ---------------------------------------------------------------------------
    def token(self) -> str:
        self.counter += 1
        n, letters = self.counter, ""
        for _ in range(6):
            n, r = divmod(n, 26)
            letters += chr(ord("a") + r)
        return letters

    def memo(self) -> str:
        return "memo" + self.token()

    def name(self, kind: Kind) -> str:
        word = {Kind.PERSON: "Persona", Kind.ORGANISATION: "Organa"}[kind]
        return f"{word} Q{self.token()}"

    def choose(self, reg: Registry, n: int, *kinds: Kind) -> str | None:
        ids = live_ids(reg, *kinds)
        return ids[n % len(ids)] if ids else None

    @staticmethod
    def local(action: Any) -> Any:
        """Run a local act; a record erased here, or an act the service refuses, is a no-op."""
        try:
            return action()
        except (NotFound, LoweringNeedsConfirmation) as exc:
            event(f"local act skipped: {type(exc).__name__}")
        except InvalidInput as exc:
            event(f"local act refused: {' '.join(str(exc).split()[:5])}")
        return None

    # -- adding and editing ----------------------------------------------------------------
    @rule(v=vault_index, level=st.sampled_from([*LEVELS, "inside"]),
          region=st.sampled_from([None, "RU-SVE", "RU-TA"]))
    def add_person(self, v: int, level: str, region: str | None) -> None:
        values: dict[str, Any] = {"name": self.name(Kind.PERSON), "notes": self.memo()}
        if level == "inside":
            values["inside_russia"] = True
        else:
            values["sensitivity"] = level
        if region:
            values["region"] = region
        record = self.vaults[v].add(Kind.PERSON, values)
        if level in ("inside", "protected"):
            self.flagged.add(record.id)

    @rule(v=vault_index, level=st.sampled_from(LEVELS))
    def add_organisation(self, v: int, level: str) -> None:
        record = self.vaults[v].add(Kind.ORGANISATION, {
            "name": self.name(Kind.ORGANISATION), "type": "media", "notes": self.memo(),
            "sensitivity": level})
        if level == "protected":
            self.flagged.add(record.id)

    @rule(v=vault_index, a=pick, b=pick, kind=st.sampled_from(["colleague", "member_of"]),
          mention=st.none() | pick)
    def add_tie(self, v: int, a: int, b: int, kind: str, mention: int | None) -> None:
        reg = self.vaults[v]
        ends = live_ids(reg, Kind.PERSON, Kind.ORGANISATION)
        if len(ends) < 2:
            return
        first, second = ends[a % len(ends)], ends[b % len(ends)]
        notes = self.notes(reg, mention)
        self.local(lambda: reg.add(Kind.TIE, {"from_id": first, "to_id": second,
                                              "kind": kind, "notes": notes}))

    @rule(v=vault_index, n=pick, mention=st.none() | pick)
    def edit_notes(self, v: int, n: int, mention: int | None) -> None:
        """New notes, sometimes naming a person this vault holds (a mention)."""
        reg = self.vaults[v]
        target = self.choose(reg, n, Kind.PERSON, Kind.ORGANISATION, Kind.TIE)
        if target is not None:
            notes = self.notes(reg, mention)
            self.local(lambda: reg.update(target, {"notes": notes}))

    def notes(self, reg: Registry, mention: int | None) -> str:
        """A new memo, naming a person the vault holds when ``mention`` picks one."""
        named = None if mention is None else self.choose(reg, mention, Kind.PERSON)
        if named is None:
            return self.memo()
        return f"{self.memo()} met {reg.get(named).values.get('name')}"

    # -- protection --------------------------------------------------------------------------
    @rule(v=vault_index, n=pick, how=st.sampled_from(["inside", "protected", "confidential"]))
    def flag(self, v: int, n: int, how: str) -> None:
        reg = self.vaults[v]
        kinds = (Kind.PERSON,) if how == "inside" else (Kind.PERSON, Kind.ORGANISATION,
                                                        Kind.TIE)
        target = self.choose(reg, n, *kinds)
        if target is None:
            return
        change = {"inside_russia": True} if how == "inside" else {"sensitivity": how}
        if self.local(lambda: reg.update(target, change)) is None:
            return
        if how != "confidential":
            self.flagged.add(target)
            assert reg.protection_of(target) is Sensitivity.PROTECTED, "a flag did not hold"

    @rule(v=st.integers(VAULTS - LOWERING, VAULTS - 1), n=pick,
          to=st.sampled_from(["public", "internal"]))
    def lower(self, v: int, n: int, to: str) -> None:
        """A local, confirmed lowering: audited, kept here only (§6.4.1). Only the last
        vaults lower, so that the others always have a convergence to check."""
        reg = self.vaults[v]
        raised = [rid for rid in live_ids(reg, Kind.PERSON, Kind.ORGANISATION, Kind.TIE)
                  if reg.protection_of(rid) >= Sensitivity.CONFIDENTIAL]
        target = raised[n % len(raised)] if raised else self.choose(
            reg, n, Kind.PERSON, Kind.ORGANISATION, Kind.TIE)
        if target is None:
            return
        change: dict[str, Any] = {"sensitivity": to}
        if reg.get(target).kind is Kind.PERSON:
            change["inside_russia"] = False
        affected = self.affected_by(reg, target)
        if self.local(lambda: reg.update(target, change, confirm_lowering=True)):
            event("lowered")
            self.must_protect[v] -= affected | {f"inside:{a}" for a in affected}
        self.lowered[v] = lowered_ids(reg)

    @staticmethod
    def affected_by(reg: Registry, record_id: str) -> set[str]:
        """What lowering ``record_id`` may unprotect here: its "same" group, the ties
        (deleted ones too) touching any member of it."""
        kind = reg.get(record_id).kind
        group = set(group_of(reg.store.conn, kind, record_id))
        for member in list(group):
            group |= {str(r[0]) for r in reg.store.conn.execute(
                "SELECT id FROM tie WHERE from_id = ? OR to_id = ?", (member, member))}
        return group

    @rule(v=vault_index, a=pick, b=pick, organisations=st.booleans())
    def same(self, v: int, a: int, b: int, organisations: bool) -> None:
        reg = self.vaults[v]
        ids = live_ids(reg, Kind.ORGANISATION if organisations else Kind.PERSON)
        if len(ids) < 2:
            return
        first, second = ids[a % len(ids)], ids[b % len(ids)]
        self.local(lambda: decide(reg, first, second, "same"))

    @rule(v=vault_index, n=pick)
    def delete(self, v: int, n: int) -> None:
        reg = self.vaults[v]
        target = self.choose(reg, n, Kind.PERSON, Kind.ORGANISATION, Kind.TIE)
        if target is not None:
            self.local(lambda: reg.delete(target))

    @rule(v=vault_index, n=pick)
    def erase(self, v: int, n: int) -> None:
        reg = self.vaults[v]
        target = self.choose(reg, n, Kind.PERSON, Kind.ORGANISATION, Kind.TIE)
        if target is None:
            return
        affected = self.affected_by(reg, target)  # an erasure takes its group's level along
        if self.local(lambda: reg.erase(target)) is not None:
            self.must_protect[v] -= affected | {f"inside:{a}" for a in affected}

    # -- sharing ----------------------------------------------------------------------------
    @rule(v=vault_index, to=st.sets(vault_index, min_size=1, max_size=VAULTS - 1),
          mode=st.sampled_from(MODES),
          ceiling=st.sampled_from(LEVELS[1:]) | st.sampled_from(LEVELS),
          since_last=st.booleans(), notices_only=st.booleans(), now=st.booleans())
    def export(self, v: int, to: set[int], mode: str, ceiling: str, since_last: bool,
               notices_only: bool, now: bool) -> None:
        """A bundle into the pool; ``now``: its recipients also import it at once."""
        recipients = sorted(to - {v})
        if not recipients:
            return
        sent = self.ship(v, recipients, mode=mode, ceiling=ceiling, since_last=since_last,
                         notices_only=notices_only)
        self.pool.append(sent)
        for r in recipients if now else []:
            self.try_deliver(sent, r)

    def ship(self, v: int, recipients: list[int], *, mode: str, ceiling: str,
             since_last: bool = False, notices_only: bool = False) -> Sent:
        """Export, decrypt the payload and check it: nothing withheld leaves."""
        reg = self.vaults[v]
        keep = withheld(reg, mode, Sensitivity.parse(ceiling))
        known = [self.revealed[r] | all_ids(self.vaults[r]) for r in recipients]
        request = reg.sharing.request(
            to=[self.vaults[r].identity.fingerprint for r in recipients], ceiling=ceiling,
            mode=mode, scope=Scope(since_last=since_last), notices_only=notices_only)
        self.shipped += 1
        path = self.root / f"b{self.shipped}.rbundle"
        reg.sharing.export(request, path)
        settings_text = f"{mode} ceiling={ceiling} since_last={since_last} " \
                        f"notices_only={notices_only}"
        sent = Sent(path, v, tuple(recipients), settings_text)
        lines = decrypt(path, self.vaults[recipients[0]])
        self.check_payload(sent, lines, keep, known)
        given = set(UUID.findall(json.dumps(lines)))
        for r in [v, *recipients]:  # the sender knows what it wrote (its pseudonyms too)
            self.revealed[r] |= given
        return sent

    def check_payload(self, sent: Sent, lines: list[dict[str, Any]], keep: Withheld,
                      known: list[set[str]]) -> None:
        where = f"bundle {sent.path.name} V{sent.sender}->{sent.recipients} ({sent.settings})"
        real = all_ids(self.vaults[sent.sender])
        ids = Counter(line.get("id") for line in lines if not wire.is_notice(line))
        twice = sorted(str(i) for i, n in ids.items() if n > 1)
        assert not twice, f"{where}: ids {twice} twice: the recipient must refuse it (§6.2)"
        for line in lines:
            text = json.dumps(line, ensure_ascii=False)
            leaked = sorted(s for s in keep.values if s in text)
            assert not leaked, f"{where}: withheld values {leaked} left in line {text}"
            rid = line.get("id")
            if rid not in real:  # a pseudonymous line: it names no official
                origins = {group[1] for group in line.get("stamps", [])}
                if line.get("erased"):
                    origins.add(line["erased"][1])
                assert not origins & self.fingerprints, \
                    f"{where}: a pseudonymous line names an official: {text}"
            if wire.is_notice(line) or is_tombstone(line):
                if rid in keep.ids:
                    assert all(rid in k for k in known), \
                        f"{where}: real id {rid} ({keep.reasons[rid]}) sent as " \
                        f"{'notice' if wire.is_notice(line) else 'tombstone'} to a vault " \
                        f"never given it: {text}"
                continue
            ids = set(UUID.findall(text)) & keep.ids
            assert not ids, f"{where}: withheld ids {sorted(ids)} " \
                            f"({[keep.reasons[i] for i in sorted(ids)]}) left in line {text}"

    @precondition(lambda self: bool(self.pool))
    @rule(picks=st.lists(st.tuples(pick, pick), min_size=1, max_size=4))
    def deliver_several(self, picks: list[tuple[int, int]]) -> None:
        """Several bundles of the pool, delivered one after another."""
        for n, r in picks:
            self.deliver(n, r)

    @precondition(lambda self: bool(self.pool))
    @rule(n=pick, r=pick)
    def deliver(self, n: int, r: int) -> None:
        """Import one bundle of the pool (any of them, again and again) at one recipient.
        A bundle that arrives before the records it points to is refused whole (§6.5.5):
        nothing changes, and a later delivery brings it in."""
        sent = self.pool[n % len(self.pool)]
        self.try_deliver(sent, sent.recipients[r % len(sent.recipients)])

    def try_deliver(self, sent: Sent, v: int) -> None:
        try:
            self.deliver_to(sent, v)
        except BundleError as exc:
            assert "points to" in str(exc), exc
            event("delivery refused: a reference arrives later")

    def deliver_to(self, sent: Sent, v: int) -> bool:
        reg = self.vaults[v]
        [report] = reg.sharing.import_bundles([sent.path])
        event("delivery changed something" if report.import_id else "delivery changed nothing")
        return report.import_id is not None

    @precondition(lambda self: self.flagged)
    @rule()
    def settle(self) -> None:
        self.settle_notices()
        self.check_notices_reached()

    def settle_notices(self) -> None:
        """Every vault sends every other a notices-only bundle, and they import, until a
        whole round changes nothing."""
        for _ in range(2 * VAULTS):
            changed = False
            for s in range(VAULTS):
                for d in range(VAULTS):
                    if s != d:
                        sent = self.ship(s, [d], mode="exclude", ceiling="internal",
                                         notices_only=True)
                        changed |= self.deliver_to(sent, d)
            if not changed:
                return
        raise AssertionError("protection notices never settle")

    def check_notices_reached(self) -> None:
        """Every vault that holds a record flagged anywhere (and never lowered) treats it as
        protected once notices have propagated (§6.4.2).

        Lowered anywhere is left out, not only lowered by the holder: a notice travels from
        the vault that raised along the records' "sent to" paths, and a vault on the path that
        lowered first passes nothing on. Records deleted or erased on the way are not left
        out: their notices must still go (``test_notice_*`` below).
        """
        lowered_anywhere = set().union(*self.lowered)
        for v, reg in enumerate(self.vaults):
            held = set(live_ids(reg, Kind.PERSON, Kind.ORGANISATION, Kind.TIE))
            for record_id in sorted((self.flagged - lowered_anywhere) & held):
                if self.group_lowered(record_id, lowered_anywhere):
                    continue
                assert reg.protection_of(record_id) is Sensitivity.PROTECTED, \
                    f"V{v} holds {record_id}, flagged elsewhere, at " \
                    f"{reg.protection_of(record_id).label} after notices settled"

    def group_lowered(self, record_id: str, lowered: set[str]) -> bool:
        for reg in self.vaults:
            kind = reg.store.kind_of(record_id)
            if kind is not None and set(group_of(reg.store.conn, kind, record_id)) & lowered:
                return True
        return False

    # -- the model -------------------------------------------------------------------------
    @invariant()
    def protection_never_drops(self) -> None:
        """What a vault treats as protected stays so, except where its own official lowered
        it or the record was erased (§6.4.1)."""
        for v, reg in enumerate(self.vaults):
            now = protected_ids(reg)
            gone = erased_ids(reg)
            gone |= {f"inside:{g}" for g in gone}
            dropped = sorted(self.must_protect[v] - now - gone - self.erased_ends(reg))
            assert not dropped, f"V{v} no longer treats {dropped} as protected"
            self.must_protect[v] = (self.must_protect[v] - gone) | now

    @staticmethod
    def erased_ends(reg: Registry) -> set[str]:
        """Ties whose protected end was erased here: the tie keeps only its own level."""
        gone = erased_ids(reg)
        return {t.id for t in reg.store.iter_records(Kind.TIE)
                if t.erased is None and ({t.values.get("from_id"), t.values.get("to_id")}
                                         & gone)}

    # -- the end -------------------------------------------------------------------------
    def teardown(self) -> None:
        try:
            if sys.exc_info()[0] is None:  # a failing step is reported as it is
                self.settle_notices()
                self.check_notices_reached()
                self.exchange_everything()
                self.protection_never_drops()
                self.check_convergence()
        finally:
            for reg in self.vaults:
                reg.lock()
            self._tmp.cleanup()

    def exchange_everything(self) -> None:
        """Every vault sends every other everything (include, ceiling protected) and they
        import, until a whole round changes nothing."""
        for _ in range(2 * VAULTS):
            changed = False
            for s in range(VAULTS):
                for d in range(VAULTS):
                    if s != d:
                        sent = self.ship(s, [d], mode="include", ceiling="protected")
                        changed |= self.deliver_to(sent, d)
            for reg in self.vaults:  # erasures by others wait for the official (§6.5.4)
                while pending := reg.sharing.held_changes():
                    reg.sharing.accept_held(pending[0].id)
                    changed = True
            if not changed:
                return
        raise AssertionError("a full exchange never settles")

    def check_convergence(self) -> None:
        """Vaults with no local lowering hold the same records (§6.4.1), except what may not
        leave its vault: the tombstone of a protected record goes by real id only to those
        sent it before (§6.4.4), and what points at such a tombstone stays home with it (a
        link to it is left out). With none of those, the digests are equal."""
        plain = [v for v in range(VAULTS) if not self.lowered[v]]
        if len(plain) < 2:
            return
        copies = {v: held(self.vaults[v]) for v in plain}
        every = set().union(*copies.values())
        home = self.stays_home(plain, copies, every)
        kept: set[str] = set()  # copies that may differ for a reason the contract gives
        for record_id in sorted(every - home):
            versions = {copies[v][record_id] for v in plain}
            if len(versions) > 1 and len({h.without_link() for h in versions}) == 1 and \
                    {h.merged_into for h in versions} - {None} <= home:
                continue  # only a link to a record that stays home differs
            if len(versions) > 1 and self.only_text_kept_home(record_id, plain, copies, home):
                kept.add(record_id)
                continue
            if len(versions) > 1 and all(h.values[0][0] == "erased" for h in versions) and all(
                    tombstone_protected(self.vaults[v], record_id) for v in plain):
                # erased everywhere, each copy a protected tombstone: a protected erasure
                # goes by real id only to those sent that id (§6.4.4), so each may keep the
                # erasure stamp it had; only that differs
                kept.add(record_id)
                continue
            assert len(versions) == 1, \
                f"{record_id} differs between V{plain}: {sorted(map(str, versions))}"
        if home or kept:
            event("convergence: protected tombstones (and what points at them) stay home"
                  if home else "convergence: text or erasure stamps that never travel differ")
        else:
            digests = {self.vaults[v].digest() for v in plain}
            assert len(digests) == 1, "digests differ though every record is everywhere"
        note(f"converged over {len(every)} records, {len(home)} stay home")

    def only_text_kept_home(self, record_id: str, plain: list[int],
                            copies: dict[int, dict[str, Held]], home: set[str]) -> bool:
        """Whether the copies differ only by free text, and the newest text of each field
        that differs is blanked, even in ``include``, by every vault that holds it (§6.4.6):
        it names a protected person deleted or erased there (``exporter.export_mentions``),
        so it never travels, and the others keep what they had (an older text, or none).
        A link to a record that stays home (``home``) may differ beside it. Found by the
        long profile: a tie's notes naming a person protected, then deleted."""
        kind = self.vaults[plain[0]].store.kind_of(record_id)
        if kind is None:
            return False
        text = set(free_text_fields(kind))
        links = {copies[v][record_id].merged_into for v in plain} - {None}
        ignored = text | ({"merged_into"} if links <= home else set())
        if len({tuple(v for v in copies[v][record_id].values if v[0] not in ignored)
                for v in plain}) != 1:
            return False
        records = {v: self.vaults[v].store.get(record_id) for v in plain}
        if any(r is None for r in records.values()):
            return False
        for name in text:
            versions = {(json.dumps(r.values.get(name)), r.stamps.get(name))
                        for r in records.values() if r is not None}
            if len(versions) < 2:
                continue
            newest = max(s for _, s in versions if s is not None)
            for v, record in records.items():
                if record is None or record.stamps.get(name) != newest:
                    continue
                reg = self.vaults[v]
                scan = export_mentions(reg.store, Protection.load(reg.store.conn),
                                       Mode.INCLUDE, Sensitivity.PROTECTED)
                if scan is None or name not in scan.naming(record_id, record.values, [name]):
                    return False
        return True

    def stays_home(self, plain: list[int], copies: dict[int, dict[str, Held]],
                   every: set[str]) -> set[str]:
        """The records some of ``plain`` lack, each checked: at every vault that holds it, a
        protected tombstone, or pointing at a record that stays home itself."""
        missing = {rid for rid in every if any(rid not in copies[v] for v in plain)}
        home: set[str] = set()
        while True:
            grown = {rid for rid in missing - home if all(
                tombstone_protected(self.vaults[v], rid) or copies[v][rid].refs & home
                for v in plain if rid in copies[v])}
            if not grown:
                break
            home |= grown
        unexplained = sorted(missing - home)
        assert not unexplained, "held by some vaults only, for no reason the contract gives: " \
            + "; ".join(f"{rid} at V{[v for v in plain if rid in copies[v]]}"
                        for rid in unexplained)
        return home


@pytest.mark.slow
def test_protection_state_machine() -> None:
    run_state_machine_as_test(ProtectionMachine, settings=machine_settings())


# ---- what the machine found (DESIGN §6.4.1-§6.4.3), as plain regression scenarios -------------
@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    vaults = tuple(make_vault(tmp_path, name) for name in ("Alice", "Bob", "Carol"))
    introduce(*vaults)
    yield vaults  # type: ignore[misc]
    for reg in vaults:
        reg.lock()


def _protected_or_gone(reg: Registry, record_id: str) -> bool:
    """Protected here, or no longer held live (a tombstone would do as well as a notice)."""
    record = reg.store.get(record_id)
    return record is None or record.erased is not None or bool(record.deleted) or \
        reg.protection_of(record_id) is Sensitivity.PROTECTED


def _share(sender: Registry, to: Registry, path: Path, **kw: Any) -> ExportResult:
    request = sender.sharing.request(to=[to.identity.fingerprint], **kw)
    result = sender.sharing.export(request, path)
    to.sharing.import_bundles([path])
    return result


@pytest.mark.parametrize("then", ["delete", "erase"])
def test_notice_reaches_a_holder_when_the_flagged_record_is_then_removed(
        trio, tmp_path: Path, then: str) -> None:
    """Alice shared a person with Bob, flags them inside Russia, then deletes (or erases)
    her copy before any bundle went to Bob. The notices-only bundle she sends Bob must still
    tell him, or Bob keeps the full record unprotected and passes it on in his own
    ``exclude`` exports (§6.4.2: "the next bundle to R — whatever its scope — carries a
    protection notice"). Found by the machine: deleted and erased records were no notice
    candidates."""
    alice, bob, _ = trio
    someone = alice.add(Kind.PERSON, {"name": "Persona Flagged"}).id
    _share(alice, bob, tmp_path / "1.rbundle")
    alice.update(someone, {"inside_russia": True})
    getattr(alice, then)(someone)
    _share(alice, bob, tmp_path / "2.rbundle", notices_only=True)
    assert bob.get(someone).values.get("name") == "Persona Flagged"  # Bob holds it live...
    assert _protected_or_gone(bob, someone)  # ...and must protect it


def test_notice_passes_through_a_vault_that_deleted_its_copy(trio, tmp_path: Path) -> None:
    """Alice → Bob → Carol hold one person; Bob deletes his copy. Alice flags the person and
    sends notices: Bob raises his (deleted) copy and must pass the notice on, or Carol keeps
    the live record unprotected however often notices go round (§6.4.2: R "passes the
    notice on to whoever R sent the record to")."""
    alice, bob, carol = trio
    someone = alice.add(Kind.PERSON, {"name": "Persona Relayed"}).id
    _share(alice, bob, tmp_path / "1.rbundle")
    _share(bob, carol, tmp_path / "2.rbundle")
    bob.delete(someone)
    alice.update(someone, {"inside_russia": True})
    for n in range(3):
        _share(alice, bob, tmp_path / f"a{n}.rbundle", notices_only=True)
        _share(bob, carol, tmp_path / f"b{n}.rbundle", notices_only=True)
    assert bob.protection_of(someone) is Sensitivity.PROTECTED
    assert _protected_or_gone(carol, someone)


def test_notice_passes_through_a_vault_that_erased_its_copy(trio, tmp_path: Path) -> None:
    """Alice shared a person with Bob and with Carol, then erased her copy. Bob, not knowing,
    flags the person inside Russia. Bob sent the record to nobody: his notice goes to Alice
    (he got it from her), and Alice must pass it on to Carol, or Carol keeps the live record
    unprotected however often notices go round, until Alice's erasure reaches her in a full
    bundle (§6.4.2: R "passes the notice on to whoever R sent the record to"). Found by the
    machine (shrunk: seed, ``erase`` at V0, ``flag inside`` at V1, ``settle``)."""
    alice, bob, carol = trio
    someone = alice.add(Kind.PERSON, {"name": "Persona Erased"}).id
    _share(alice, bob, tmp_path / "1.rbundle")
    _share(alice, carol, tmp_path / "2.rbundle")
    alice.erase(someone)
    bob.update(someone, {"inside_russia": True})
    for n in range(3):
        for sender, to in ((bob, alice), (alice, carol), (bob, carol), (carol, alice)):
            path = tmp_path / f"{n}-{sender.identity.name}-{to.identity.name}.rbundle"
            _share(sender, to, path, notices_only=True)
    assert carol.get(someone).values.get("name") == "Persona Erased"  # Carol holds it live...
    assert _protected_or_gone(carol, someone)  # ...and must protect it


def test_an_include_bundle_pointing_to_a_deleted_protected_person_is_importable(
        trio, tmp_path: Path) -> None:
    """Alice deletes a person flagged inside Russia; their tie to an organisation stays
    (deletion is a tombstone, ties are not deleted with it). Her ``include`` bundle, ceiling
    protected, to Bob — who never held the person — may not carry the person's tombstone (a
    protected person's tombstone goes by real id only to those sent it before), so it must
    not carry the tie naming them either: Bob would refuse the whole bundle, and every later
    one, for a reference to nothing (§6.5.5), and the vaults could never converge (§6.4.1).
    Found by the machine (its final full exchange)."""
    alice, bob, _ = trio
    someone = alice.add(Kind.PERSON, {"name": "Persona Deleted", "inside_russia": True}).id
    org = alice.add(Kind.ORGANISATION, {"name": "Organa Kept", "type": "media"}).id
    alice.add(Kind.TIE, {"from_id": someone, "to_id": org, "kind": "member_of"})
    alice.delete(someone)
    request = alice.sharing.request(to=[bob.identity.fingerprint], ceiling="protected",
                                    mode="include")
    alice.sharing.export(request, tmp_path / "1.rbundle")
    bob.sharing.import_bundles([tmp_path / "1.rbundle"])
    assert bob.get(org).values["name"] == "Organa Kept"


@pytest.mark.parametrize("then", ["delete", "erase"])
def test_an_include_bundle_names_a_stub_once_when_the_stub_came_back(
        trio, tmp_path: Path, then: str) -> None:
    """Alice sends Bob a person inside Russia pseudonymised; Bob's ``include`` bundle brings
    the stub back to Alice, who now holds it as a record. Alice deletes (or erases) the
    person and sends Bob everything (``include``, ceiling protected): the bundle carries the
    stub's id twice, once as her own row and once as the tombstone of the pseudonym Bob was
    sent, and Bob refuses it whole ("repeats a record id", §6.2), as he will every later
    one: the two can no longer share in ``include`` mode, nor converge (§6.4.1, §6.4.4).
    Found by the machine (its final full exchange)."""
    alice, bob, _ = trio
    someone = alice.add(Kind.PERSON, {"name": "Persona Inside", "inside_russia": True}).id
    _share(alice, bob, tmp_path / "1.rbundle", mode="pseudonymise")
    _share(bob, alice, tmp_path / "2.rbundle", mode="include", ceiling="protected")
    getattr(alice, then)(someone)
    request = alice.sharing.request(to=[bob.identity.fingerprint], mode="include",
                                    ceiling="protected")
    alice.sharing.export(request, tmp_path / "3.rbundle")
    ids = [line["id"] for line in decrypt(tmp_path / "3.rbundle", bob)
           if not wire.is_notice(line)]
    assert len(ids) == len(set(ids)), "a record id twice in one bundle"
    bob.sharing.import_bundles([tmp_path / "3.rbundle"])


def test_an_import_erasing_a_same_record_keeps_the_group_protected(
        trio, tmp_path: Path) -> None:
    """Bob holds two records of one person from Alice, flags the older inside Russia and
    decides they are the same. Alice, who knows nothing of the flag, erases the older
    record; importing that erasure must not leave Bob's newer record unprotected, nor let
    Bob's next ``exclude`` bundle carry it whole (§6.4.1: an import never lowers protection;
    §6.4.3: records decided "same" are one person). Found by reasoning on the machine's
    model: the newer record was protected through the group only ("same" raised the
    survivor alone)."""
    alice, bob, carol = trio
    older = alice.add(Kind.PERSON, {"name": "Persona Older"}).id
    newer = alice.add(Kind.PERSON, {"name": "Persona Newer"}).id
    _share(alice, bob, tmp_path / "1.rbundle")
    bob.update(older, {"inside_russia": True})
    decide(bob, newer, older, "same")
    assert bob.protection_of(newer) is Sensitivity.PROTECTED  # positive control
    alice.erase(older)
    _share(alice, bob, tmp_path / "2.rbundle")
    assert bob.store.get(older).erased is not None  # the erasure arrived
    assert _protected_or_gone(bob, newer)
    request = bob.sharing.request(to=[carol.identity.fingerprint])
    bob.sharing.export(request, tmp_path / "3.rbundle")
    assert "Persona Newer" not in json.dumps(decrypt(tmp_path / "3.rbundle", carol))


def test_an_import_moving_merged_into_keeps_the_group_protected(trio, tmp_path: Path) -> None:
    """Bob flags one of Alice's people inside Russia and decides the newest of three records
    is the same as that one; Alice, meanwhile, decides the newest is the same as another.
    Her later ``merged_into`` stamp wins the merge at Bob and the newest record leaves the
    flagged group; Bob, whose own decision still says "same", must keep protecting it
    (§6.4.1: an import never lowers protection; §6.4.3). Found like the one above."""
    alice, bob, _ = trio
    flagged = alice.add(Kind.PERSON, {"name": "Persona First"}).id
    other = alice.add(Kind.PERSON, {"name": "Persona Second"}).id
    newest = alice.add(Kind.PERSON, {"name": "Persona Newest"}).id
    _share(alice, bob, tmp_path / "1.rbundle")
    bob.update(flagged, {"inside_russia": True})
    decide(bob, newest, flagged, "same")
    assert bob.protection_of(newest) is Sensitivity.PROTECTED  # positive control
    decide(alice, newest, other, "same")
    _share(alice, bob, tmp_path / "2.rbundle")
    assert bob.get(newest).values["merged_into"] == other  # Alice's link won the merge
    assert _protected_or_gone(bob, newest)


@pytest.mark.parametrize("mode", ["include", "exclude"])
def test_a_bundle_never_links_to_an_erasure_it_may_not_carry(
        trio, tmp_path: Path, mode: str) -> None:
    """Alice decides a public organisation is the same as an older, protected one, then
    erases the older. The survivor keeps the group's level and its ``merged_into`` link to
    the erased record; the erasure of a protected record goes by real id only to officials
    who were sent that id (§6.4.4), and Bob never was. Her bundle to Bob (ceiling protected)
    carried the survivor with the link and not the erasure, and Bob refused it whole, and
    every later one ("merged_into points to no organisation here or in the bundle",
    §6.5.5): the link must stay home with the erasure. Found by the machine (its final full
    exchange, after "same" on organisations and erasures)."""
    alice, bob, _ = trio
    older = alice.add(Kind.ORGANISATION, {"name": "Organa Older", "type": "media",
                                          "sensitivity": "protected"}).id
    newer = alice.add(Kind.ORGANISATION, {"name": "Organa Newer", "type": "media"}).id
    decide(alice, newer, older, "same")
    alice.erase(older)
    assert alice.get(newer).values["merged_into"] == older  # the link stays at Alice
    _share(alice, bob, tmp_path / "1.rbundle", mode=mode, ceiling="protected")
    assert bob.get(newer).values["name"] == "Organa Newer"
    assert bob.store.get(older) is None  # the erasure stayed home
    assert not bob.get(newer).values.get("merged_into")


def test_a_bundle_never_carries_a_decision_on_an_erasure_it_may_not_carry(
        trio, tmp_path: Path) -> None:
    """Carol decides two of Alice's organisations are not the same after Alice erased the older,
    protected one; Alice imports Carol's decision (it names a record held here, erased) and
    sends Bob, who never held the erased one, everything. The decision must stay home as
    the erasure does, or Bob refuses the bundle ("a_id points to no organisation or person
    here or in the bundle", §6.5.5). Found by the machine, as the test above."""
    alice, bob, carol = trio
    older = alice.add(Kind.ORGANISATION, {"name": "Organa Older", "type": "media",
                                          "sensitivity": "protected"}).id
    newer = alice.add(Kind.ORGANISATION, {"name": "Organa Newer", "type": "media"}).id
    _share(alice, carol, tmp_path / "1.rbundle", mode="include", ceiling="protected")
    alice.erase(older)
    decision = decide(carol, newer, older, "not_same")
    _share(carol, alice, tmp_path / "2.rbundle", mode="include", ceiling="protected")
    assert alice.store.get(older).erased is not None  # positive control: still erased...
    assert alice.get(decision_id(decision.a, decision.b)).values["decision"] == \
        "not_same"  # ...and Carol's decision arrived, live
    _share(alice, bob, tmp_path / "3.rbundle", mode="include", ceiling="protected")
    assert bob.get(newer).values["name"] == "Organa Newer"
    assert bob.store.get(older) is None


def test_a_bundle_never_links_to_an_actor_its_sender_does_not_hold(trio, tmp_path: Path) -> None:
    """Alice decides one organisation is the same as an older one and erases the older (an
    ordinary one: its erasure goes to anyone). Bob never held it: an erasure of a record he
    does not hold waits for his official (§6.5.4), so the link her bundle carried beside the
    erasure points, at Bob, to a record he does not hold (``review._root`` stops there).
    Bob's own bundle to Carol carried it, and Carol refused the whole bundle ("merged_into
    points to no organisation here or in the bundle", §6.5.5): one held erasure stopped all
    Bob's sharing with her. A bundle carries no reference to an actor its sender does not
    hold (``Redactor.holds``): the newer organisation goes without the link (counted as
    deleted). Once Bob accepts the erasure he holds what the link points to, erased, and the
    rule for links to erased records applies: not knowing how protected it was, he keeps the
    link home still. Found by the machine (its final full exchange, after erasures held)."""
    alice, bob, carol = trio
    older = alice.add(Kind.ORGANISATION, {"name": "Organa Older", "type": "media"}).id
    newer = alice.add(Kind.ORGANISATION, {"name": "Organa Newer", "type": "media"}).id
    decide(alice, newer, older, "same")
    alice.erase(older)
    _share(alice, bob, tmp_path / "1.rbundle", mode="include", ceiling="protected")
    assert bob.get(newer).values["merged_into"] == older  # the link Bob holds...
    assert bob.store.get(older) is None  # ...to a record he does not (its erasure waits)
    built = _share(bob, carol, tmp_path / "2.rbundle", mode="include", ceiling="protected")
    assert carol.get(newer).values["name"] == "Organa Newer"  # accepted: was refused
    assert carol.get(newer).values.get("merged_into") is None
    assert built.exposure.tally.blanked[OmitReason.DELETED] == {"merged_into": [newer]}
    waiting = bob.sharing.held_changes()  # the erasures (its decision's too) wait for Bob
    assert older in {h.record_id for h in waiting}
    for held_change in waiting:
        bob.sharing.accept_held(held_change.id)
    assert bob.store.get(older).erased is not None  # held now, as erased
    _share(alice, bob, tmp_path / "3.rbundle", mode="include", ceiling="protected")
    assert bob.get(newer).values["merged_into"] == older  # now it points to something here
    # what the erased record was Bob never knew: its tombstone and the link to it stay home
    # (Redactor._tombstones_kept_home), and Carol still takes Bob's bundle
    built = _share(bob, carol, tmp_path / "4.rbundle", mode="include", ceiling="protected")
    assert carol.get(newer).values.get("merged_into") is None
    assert built.exposure.tally.blanked[OmitReason.ABOVE_CEILING] == {"merged_into": [newer]}


def test_a_tie_to_an_actor_its_sender_does_not_hold_stays_home(trio, tmp_path: Path) -> None:
    """As above, with a tie: Alice's (well-signed) bundle carries a tie from a person to an
    organisation and the organisation's erasure only — no honest export writes that (an
    erasure takes its ties with it), a broken tool or a seized key may. Bob, who never held
    the organisation, holds the erasure for his official (§6.5.4); the tie points, at Bob, to
    nothing. Bob's bundle to Carol leaves the tie out (counted as deleted) and carries the
    person; Carol accepts it (it was refused)."""
    alice, bob, carol = trio
    person = forge.record(alice, Kind.PERSON, {"name": "Pyotr Present"})
    org_id = str(uuid.uuid4())
    tie = forge.record(alice, Kind.TIE, {"from_id": person.id, "to_id": org_id,
                                         "kind": "member_of"})
    gone = Record(org_id, Kind.ORGANISATION, {}, {}, forge.stamp(alice))
    bob.sharing.import_bundles([forge.forge(alice, bob, tmp_path / "1.rbundle",
                                            [person, gone, tie], sign=True)])
    assert bob.get(tie.id).values["to_id"] == org_id  # the tie Bob holds...
    assert bob.store.get(org_id) is None  # ...to a record he does not (its erasure waits)
    assert org_id in {h.record_id for h in bob.sharing.held_changes()}
    built = _share(bob, carol, tmp_path / "2.rbundle", mode="include", ceiling="protected")
    assert carol.get(person.id).values["name"] == "Pyotr Present"  # accepted: was refused
    assert carol.store.get(tie.id) is None
    assert built.exposure.tally.left_out[OmitReason.DELETED] == [tie.id]
