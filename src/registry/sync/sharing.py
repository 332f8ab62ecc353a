"""The sharing door of the service (``Registry.sharing``): cards, trust, export, import.

Everything the command line and the GUI wizards need, as plain methods over one unlocked
vault, with progress callbacks and a cancel flag for the long ones. Every trust change that
revokes or retires an official — :meth:`Sharing.revoke`, :meth:`Sharing.quarantine`,
:meth:`Sharing.accept_handover` — passes through :meth:`Sharing._leaving`, the one place
where an official who holds a share of this vault's recovery set is taken out of it
(:mod:`registry.sync.custodians`): the passphrase is then needed. The export and import
wizards are the Qt-free state machines :class:`ExportFlow` and :class:`BundleImport`: a
dialog renders their ``step`` and calls their methods.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import KINDS
from registry.errors import (
    QT_TRANSLATE_NOOP,
    InvalidInput,
    RegistryError,
)
from registry.fsutil import atomic_write
from registry.memory import bulk
from registry.store.records import Store
from registry.sync import cards, container, exporter, importer, inherit, quarantine
from registry.sync import held as held_list
from registry.sync.custodians import Custody, Reissued
from registry.sync.exporter import ExportRequest, ExportResult, Exposure, Scope
from registry.sync.handover import HandoverAccepted, Retirement, Successions, SuccessionStatement
from registry.sync.held import HeldChange
from registry.sync.importer import CheckedFile, ImportEntry, ImportReport, RevertResult
from registry.sync.keys import OfficialKeys
from registry.sync.progress import CancelFn, Cancelled, ProgressFn, job
from registry.sync.quarantine import QuarantineReport
from registry.sync.redact import Mode, OmitReason
from registry.sync.trust import AddResult, Official, TrustStore

T = TypeVar("T")


class IdentityLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def org(self) -> str: ...
    @property
    def country(self) -> str: ...


class VaultLike(Protocol):
    """What sharing needs of an unlocked vault (``registry.service.Registry``)."""

    @property
    def store(self) -> Store: ...
    @property
    def official_keys(self) -> OfficialKeys: ...
    @property
    def identity(self) -> IdentityLike: ...
    @property
    def recovery(self) -> Custody: ...


@dataclass(frozen=True)
class Revocation:
    """An official revoked, and what that did to this vault's recovery set (None: they held
    no share of it)."""

    official: Official
    recovery: Reissued | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.official.to_json(),
                "recovery": None if self.recovery is None else self.recovery.to_json()}


@dataclass(frozen=True)
class Inspection:
    """A bundle's verified manifest, and what this vault thinks of its sender."""

    manifest: container.Manifest
    sender_trust: str  # own, verified, unverified, revoked, unknown
    addressed_to_me: bool
    # the name this vault's trust store gives the signer (None: not an official known here);
    # the manifest's name is the signer's own word, and a seized key may write any name
    known_name: str | None = None

    @property
    def sender_name(self) -> str:
        """Who sent it, by the name this vault knows them by when it does."""
        return self.known_name if self.known_name is not None else self.manifest.sender.name

    def to_json(self) -> dict[str, Any]:
        return {**self.manifest.to_json(), "sender_trust": self.sender_trust,
                "sender_name_here": self.known_name, "addressed_to_me": self.addressed_to_me}


def key_changes(officials: Iterable[Official]) -> dict[str, tuple[str, ...]]:
    """For each official known under more than one key, the other keys of the same name,
    organisation and country.

    A changed key is a new trust entry that starts unverified (verification never carries
    over to a new key); the app warns about such entries until they are verified.
    """
    listed = list(officials)
    out: dict[str, tuple[str, ...]] = {}
    for o in listed:
        others = tuple(p.fingerprint for p in listed
                       if (p.name, p.org, p.country) == (o.name, o.org, o.country)
                       and p.fingerprint != o.fingerprint)
        if others:
            out[o.fingerprint] = others
    return out


@dataclass(frozen=True)
class CardPreview:
    """A parsed, self-signature-checked card, before it is added to the trust store."""

    card: bytes
    name: str
    org: str
    country: str
    fingerprint: str
    safety_number: str
    known_trust: str | None  # the trust state of this very key, if already in the store
    replaces: tuple[str, ...]  # the same name, organisation and country under other keys


class Sharing:
    def __init__(self, vault: VaultLike) -> None:
        self.vault = vault
        self.store = vault.store
        self.keys = vault.official_keys
        self.trust = TrustStore(self.store, self.keys.public())
        self.successions = Successions(self.store, self.trust, self.keys)

    # -- identity and trust ----------------------------------------------------------------
    def card(self) -> bytes:
        ident = self.vault.identity
        return cards.make_card(self.keys, ident.name, ident.org, ident.country)

    def card_qr_svg(self) -> str:
        return cards.card_qr_svg(self.card())

    def add_card(self, card_bytes: bytes, *, verified_method: str | None = None) -> AddResult:
        return self.trust.add(card_bytes, verified_method=verified_method)

    def officials(self) -> list[Official]:
        return self.trust.list()

    def verify(self, fingerprint: str, method: str) -> Official:
        return self.trust.verify(fingerprint, method)

    def holds_recovery_share(self, fingerprint: str) -> bool:
        """Whether the official holds a share of this vault's current recovery set: revoking
        them (or accepting their handover) then needs the passphrase (:meth:`_leaving`)."""
        return self.vault.recovery.holds_share(self.trust.get(fingerprint).fingerprint)

    def revoke(self, fingerprint: str, *, passphrase: str | None = None) -> Revocation:
        """Refuse the official's bundles from now on. When they hold a recovery share of this
        vault, the data key is rotated first, and the set is re-issued without them in the
        same transaction as the revocation (``passphrase`` needed; see :meth:`_leaving`)."""
        official = self.trust.get(fingerprint)
        reissued, revoked = self._leaving(official, passphrase,
                                          lambda: self.trust.revoke(official.fingerprint))
        return Revocation(revoked, reissued)

    def quarantine(self, fingerprint: str, since: str, *, dry_run: bool = False,
                   passphrase: str | None = None,
                   confirm_lowering: quarantine.Confirm = False) -> QuarantineReport:
        """Revoke an official and, in the same transaction, revert every value their bundles
        imported since ``since`` (a date) set, from field history (DESIGN §6.5.9). A dry run
        reports what would happen and changes nothing (it says whether the official holds a
        recovery share; the real run then needs ``passphrase``, see :meth:`_leaving`).

        Reverting their raises of protection (or a "same" link that shared a protected
        record's level) lowers it here: like any lowering (§6.4.1) that needs
        ``confirm_lowering`` — True for whatever the run lowers (a prompt or a flag just
        before), or the ids a preview's ``protection_lowered`` listed, so that what the
        official confirmed is what is lowered. A record lowered beyond it raises
        :class:`LoweringNeedsConfirmation` and changes nothing (checked in the revert's own
        transaction, so an import landing since the preview cannot slip through)."""
        official = self.trust.get(fingerprint)
        quarantine.parse_since(since)  # refused before anything, the key rotation included
        quarantine.check_confirmed((), confirm_lowering)  # a bare string is refused here
        holds = self.holds_recovery_share(official.fingerprint)
        if dry_run or (holds and confirm_lowering is not True):
            # a refusal comes before the key rotation, which no rollback undoes
            report = quarantine.quarantine(self.store, self.trust, official.fingerprint, since,
                                           dry_run=True)
            report.holds_recovery_share = holds
            if dry_run:
                return report
            quarantine.check_confirmed(report.protection_lowered, confirm_lowering)
        reissued, report = self._leaving(official, passphrase, lambda: quarantine.quarantine(
            self.store, self.trust, official.fingerprint, since,
            confirm_lowering=confirm_lowering))
        report.holds_recovery_share, report.recovery = holds, reissued
        return report

    def _leaving(self, official: Official, passphrase: str | None, change: Callable[[], T], *,
                 successor: str | None = None) -> tuple[Reissued | None, T]:
        """THE rule for a trust change that revokes or retires ``official`` (``change``):
        when they hold a share of this vault's current recovery set, the data key is rotated
        and the set re-issued without them (``successor`` in their place) in the same step as
        ``change`` — their share, and every other share of the old set, then opens nothing
        current. That needs ``passphrase``: without it nothing is changed. A wrong one is
        refused before anything is written (``WrongPassphrase``)."""
        if not self.holds_recovery_share(official.fingerprint):
            return None, change()
        if not passphrase:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "{name} holds a share of this vault's recovery set. Taking them out of "
                "it replaces the vault's data key and gives the other custodians new shares, "
                "which needs your passphrase. Nothing was changed."), name=official.name)
        return self.vault.recovery.reissue(official.fingerprint, passphrase, change,
                                           successor=successor)

    def safety_number(self, fingerprint: str) -> str:
        return self.trust.safety_number(fingerprint)

    def preview_card(self, data: bytes) -> CardPreview:
        """Check a card (its self-signature) and compute the safety number between this vault
        and its author; add nothing."""
        card = cards.parse_card(data)
        own = self.trust.own
        if card.public == own:
            raise InvalidInput("That is this vault's own card.")
        existing = self.trust.find(card.fingerprint)
        replaces = tuple(o.fingerprint for o in self.officials()
                         if (o.name, o.org, o.country) == (card.name, card.org, card.country)
                         and o.fingerprint != card.fingerprint)
        return CardPreview(data, card.name, card.org, card.country, card.fingerprint,
                           cards.safety_number(own, card.public),
                           existing.trust if existing else None, replaces)

    def preview_card_file(self, path: Path) -> CardPreview:
        return self.preview_card(cards.read_card_file(path))

    # -- export ----------------------------------------------------------------------------
    def request(self, *, to: Sequence[str] = (), to_age: Sequence[str] = (),
                ceiling: Sensitivity | str = Sensitivity.INTERNAL,
                mode: Mode | str = Mode.EXCLUDE, scope: Scope | None = None,
                keep_mentions: bool = False, notices_only: bool = False) -> ExportRequest:
        recipients = exporter.resolve_recipients(self.trust, list(to), list(to_age))
        level = ceiling if isinstance(ceiling, Sensitivity) else _level(ceiling)
        return ExportRequest(recipients, level, Mode(mode), scope or Scope(),
                             keep_mentions=keep_mentions, notices_only=notices_only)

    def preview_export(self, request: ExportRequest, progress: ProgressFn | None = None,
                       cancelled: CancelFn | None = None) -> Exposure:
        self._check_recipients(request)
        with bulk():
            return exporter.preview(self.store, request, job(progress, cancelled))

    def export(self, request: ExportRequest, path: Path, progress: ProgressFn | None = None,
               cancelled: CancelFn | None = None) -> ExportResult:
        self._check_recipients(request)  # before the work; asked again inside its transaction
        custodians = [r.fingerprint for r in request.recipients if r.fingerprint is not None]
        shares = self.vault.recovery.share_files_for(custodians)
        with bulk():
            result = exporter.export(self.store, self.keys, self.vault.identity.name, request,
                                     path=Path(path), job=job(progress, cancelled),
                                     shares=shares, handover=self._handover_lines(request),
                                     check=lambda: self._check_recipients(request))
        if shares:
            self.vault.recovery.shares_sent([fp for fp, _data in shares])
        return result

    def _handover_lines(self, request: ExportRequest
                        ) -> Callable[[], list[dict[str, Any]]] | None:
        """After a handover, every bundle for the successor hands them who holds what
        (:mod:`registry.sync.inherit`)."""
        statement = self.successions.signed_statement()
        if statement is None or len(request.recipients) != 1:
            return None
        return lambda: inherit.lines(self.store, statement)

    def _check_recipients(self, request: ExportRequest) -> None:
        """Who may receive this request, after a handover and when it identifies protected
        people (:meth:`Successions.check_recipients`)."""
        exporter.refuse_revoked(self.trust, request.recipients)
        protected = (request.mode is Mode.INCLUDE or request.keep_mentions
                     or request.ceiling >= Sensitivity.PROTECTED)
        by_key = {o.age_recipient: o.fingerprint for o in self.trust.list()}
        # a bare age key is the official whose key it is, for whom a bundle may go to
        self.successions.check_recipients(
            [r.fingerprint or by_key.get(r.age_recipient) for r in request.recipients],
            protected=protected)

    # -- handing a post over ---------------------------------------------------------------
    def handover_statement(self, successor_fingerprint: str, path: Path) -> Retirement:
        """Sign the succession statement naming the successor (verified here in person), write
        it to ``path`` and retire this vault's key: from now on it writes bundles for the
        successor only. Run again (same successor) if the file could not be written."""
        data, retired = self.successions.statement(self.card(), successor_fingerprint)
        atomic_write(Path(path), data, mode=0o644)
        return retired

    def retirement(self) -> Retirement | None:
        return self.successions.retirement()

    def handover_inherited(self, predecessor: str) -> bool:
        """Whether a bundle ``predecessor`` wrote after naming this vault their successor
        came in, handing it who holds what (``Successions.inherited``)."""
        return self.successions.inherited(predecessor)

    def handover_heir(self, successor: str) -> Official | None:
        """Who holds the post now, when ``successor`` handed it on already (a chain's
        statements accepted out of order: ``HandoverAccepted.heir``); None when they hold it."""
        heir = self.successions.last_heir(successor)
        return None if heir == successor else self.trust.get(heir)

    def preview_handover(self, data: bytes) -> SuccessionStatement:
        """Check a colleague's succession statement against the trust store; change nothing."""
        return self.successions.preview(data)

    def accept_handover(self, data: bytes, *, passphrase: str | None = None,
                        move_custodianship: bool = False) -> HandoverAccepted:
        """Trust the successor and retire the predecessor, in one step. When the predecessor
        holds a share of this vault's recovery set, the set is re-issued in the same step
        (``passphrase`` needed, :meth:`_leaving`): with ``move_custodianship`` the successor
        takes the predecessor's place (they are trusted by succession, which counts as
        verified for holding a share: whoever could forge the statement holds the
        predecessor's key, and with it their share already), else the predecessor just
        leaves the set."""
        statement = self.successions.preview(data)
        predecessor = self.trust.get(statement.predecessor.fingerprint)
        # a successor who handed the post on already (``HandoverAccepted.heir``) is retired:
        # whoever holds the post now takes the place
        successor = self.successions.last_heir(statement.successor.fingerprint) \
            if move_custodianship else None
        reissued, accepted = self._leaving(predecessor, passphrase,
                                           lambda: self.successions.accept(data),
                                           successor=successor)
        return dataclasses.replace(accepted, recovery=reissued)

    # -- inspect and import ----------------------------------------------------------------
    def inspect(self, path: Path) -> Inspection:
        """Verify the signature and payload hash; decrypt nothing."""
        opened = container.open_bundle(Path(path))
        opened.verify_signature()
        opened.check_payload_hash()
        sender = opened.manifest.sender.public
        official = self.trust.find(sender.fingerprint)
        state = "own" if sender == self.trust.own else (
            "unknown" if official is None or official.public != sender else official.trust)
        known = official.name if official is not None and state != "unknown" else None
        return Inspection(opened.manifest, state,
                          opened.manifest.addressed_to(self.trust.own.age_recipient), known)

    def check(self, paths: Sequence[Path], *, allow_unverified: bool = False,
              recognise_replays: bool = True) -> list[CheckedFile]:
        """The checks made on every file before any payload is read (DESIGN §6.2); the first
        failure stops all. A bundle merged here before is recognised and not read again,
        unless ``recognise_replays`` is off."""
        names = [Path(p).name for p in paths]
        out: list[CheckedFile] = []
        for n, p in enumerate(paths):
            with importer.refused_file(names, n):
                out.append(importer.check_file(
                    self.trust, Path(p), allow_unverified=allow_unverified,
                    imported=partial(importer.imported_before, self.store)
                    if recognise_replays else None))
                importer.check_id(out[-1], out[:-1])
        return out

    def import_bundles(self, paths: Sequence[Path], *, dry_run: bool = False,
                       allow_unverified: bool = False, progress: ProgressFn | None = None,
                       cancelled: CancelFn | None = None, recognise_replays: bool = True
                       ) -> list[ImportReport]:
        """Check all files, then read and merge them in the order given in one transaction:
        all or none (DESIGN §6.5.8). A bundle from a trusted but unverified official is
        refused unless ``allow_unverified``.

        A dry run imports them all in a transaction it rolls back: its reports are the
        import's, file by file.
        """
        j = job(progress, cancelled)
        with bulk():
            checked = self.check(paths, allow_unverified=allow_unverified,
                                 recognise_replays=recognise_replays)
            return importer.import_files(self.store, self.keys, self.trust, checked, j,
                                         dry_run=dry_run, shares=self._shares)

    def _shares(self, sender: str, shares: list[bytes], keep: bool) -> int:
        """Check the recovery shares a file carries for this vault (a share this vault would
        refuse refuses the import); keep them with the import when ``keep``. Returns how many
        count: carried (a dry run), or kept (an older one, or one passed over, is not)."""
        for data in shares:
            self.vault.recovery.check_share(data, sender)
        if not keep:
            return len(shares)
        return sum(self.vault.recovery.keep_share(data, sender) for data in shares)

    def history(self) -> list[ImportEntry]:
        return importer.history(self.store)

    def revert(self, import_id: str) -> RevertResult:
        return importer.revert(self.store, import_id)

    # -- held changes (DESIGN §6.5.4) --------------------------------------------------------
    def held_changes(self, limit: int = held_list.SHOWN) -> list[HeldChange]:
        """Erasures waiting for the official's decision, oldest first: at most ``limit``
        (:meth:`held_waiting` counts them all)."""
        return held_list.pending(self.store, self.vault.identity.name, limit)

    def held_waiting(self) -> int:
        return held_list.waiting(self.store)

    def accept_held(self, held_id: str) -> HeldChange:
        """Apply a held erasure (irreversible): merged as its import would have merged it,
        or as this vault's own erasure when no signature of its origin was verified here."""
        return held_list.accept(self.store, held_id)

    def decline_held(self, held_id: str) -> HeldChange:
        """Keep the record as it is; the erasure stays local and is not asked about again."""
        return held_list.decline(self.store, held_id)


def _level(text: str) -> Sensitivity:
    try:
        return Sensitivity.parse(text)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


# ---- wizards as state machines -------------------------------------------------------------------
class ExportStep(enum.Enum):
    RECIPIENTS = "recipients"
    OPTIONS = "options"
    PREVIEW = "preview"
    DONE = "done"


@dataclass
class ExportFlow:
    """Recipients → options (scope, ceiling, protected) → exposure preview → write.

    ``include`` needs :meth:`confirm_include` before :meth:`write`; changing any option
    goes back to OPTIONS and drops the preview, so what is written is what was previewed.
    """

    sharing: Sharing
    step: ExportStep = ExportStep.RECIPIENTS
    to: list[str] = field(default_factory=list)
    to_age: list[str] = field(default_factory=list)
    ceiling: Sensitivity = Sensitivity.INTERNAL
    mode: Mode = Mode.EXCLUDE
    scope: Scope = field(default_factory=Scope)
    keep_mentions: bool = False
    notices_only: bool = False
    include_confirmed: bool = False
    exposure: Exposure | None = None
    explanation: Explanation | None = None
    result: ExportResult | None = None

    def set_recipients(self, to: Sequence[str], to_age: Sequence[str] = ()) -> None:
        self.to, self.to_age = list(to), list(to_age)
        self._request()  # validates now, so the page can show the error
        self._back_to(ExportStep.OPTIONS)

    def set_options(self, *, ceiling: Sensitivity, mode: Mode, scope: Scope,
                    keep_mentions: bool = False, notices_only: bool = False) -> None:
        """``keep_mentions`` keeps free text that names a protected person (DESIGN §6.4.6);
        ``notices_only`` sends only the protection notices for records the recipients hold."""
        self._require(ExportStep.OPTIONS, ExportStep.PREVIEW)
        self.ceiling, self.mode, self.scope = ceiling, mode, scope
        self.keep_mentions, self.notices_only = keep_mentions, notices_only
        self.include_confirmed = False
        self._back_to(ExportStep.OPTIONS)

    def confirm_include(self) -> None:
        self.include_confirmed = True

    def preview(self, progress: ProgressFn | None = None,
                cancelled: CancelFn | None = None) -> Exposure:
        self._require(ExportStep.OPTIONS, ExportStep.PREVIEW)
        exposure = self.sharing.preview_export(self._request(), progress, cancelled)
        self.explanation = explain(self.sharing.store, exposure)
        self.exposure, self.step = exposure, ExportStep.PREVIEW
        return exposure

    def write(self, path: Path, progress: ProgressFn | None = None,
              cancelled: CancelFn | None = None) -> ExportResult:
        self._require(ExportStep.PREVIEW)
        if self.mode is Mode.INCLUDE and not self.include_confirmed:
            raise InvalidInput("Including protected people needs explicit confirmation.")
        self.result = self.sharing.export(self._request(), path, progress, cancelled)
        self.step = ExportStep.DONE
        return self.result

    def _request(self) -> ExportRequest:
        return self.sharing.request(to=self.to, to_age=self.to_age, ceiling=self.ceiling,
                                    mode=self.mode, scope=self.scope,
                                    keep_mentions=self.keep_mentions,
                                    notices_only=self.notices_only)

    def _back_to(self, step: ExportStep) -> None:
        self.step, self.exposure, self.explanation = step, None, None

    def _require(self, *steps: ExportStep) -> None:
        if self.step not in steps:
            raise InvalidInput(f"This step is not available now (at {self.step.value}).")


# ---- the exposure preview, explained ---------------------------------------------------------
@dataclass(frozen=True)
class LeftOut:
    """The records one reason leaves out: the people apart from the records about them."""

    reason: OmitReason
    people: tuple[str, ...]
    records: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return self.people + self.records


@dataclass(frozen=True)
class Blanked:
    """The fields one reason blanks: how many records lose each field, and which records."""

    reason: OmitReason
    fields: dict[str, int]
    records: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """An :class:`Exposure`'s tally grouped for the preview (DESIGN §6.4.8): for each reason
    with anything in it, in the order of :class:`OmitReason`, what it leaves out or blanks."""

    left_out: tuple[LeftOut, ...]
    blanked: tuple[Blanked, ...]
    kinds: dict[str, Kind]

    def left_out_for(self, reason: OmitReason) -> LeftOut | None:
        return next((item for item in self.left_out if item.reason is reason), None)

    def blanked_for(self, reason: OmitReason) -> Blanked | None:
        return next((item for item in self.blanked if item.reason is reason), None)


def explain(store: Store, exposure: Exposure) -> Explanation:
    """Group the exposure's tally by reason, people apart (one query per kind of record)."""
    tally = exposure.tally
    every = {i for ids in tally.left_out.values() for i in ids}
    every |= {i for fields in tally.blanked.values() for ids in fields.values() for i in ids}
    kinds = kinds_of(store, every)
    left_out = []
    for reason in OmitReason:
        ids = sorted(set(tally.left_out.get(reason, [])))
        if ids:
            people = tuple(i for i in ids if kinds.get(i) is Kind.PERSON)
            left_out.append(LeftOut(reason, people,
                                    tuple(i for i in ids if kinds.get(i) is not Kind.PERSON)))
    blanked = []
    for reason in OmitReason:
        fields = tally.blanked.get(reason, {})
        if fields:
            records = sorted({i for ids in fields.values() for i in ids})
            blanked.append(Blanked(reason, {name: len(set(ids)) for name, ids
                                            in sorted(fields.items())}, tuple(records)))
    return Explanation(tuple(left_out), tuple(blanked), kinds)


def kinds_of(store: Store, ids: Iterable[str]) -> dict[str, Kind]:
    """The kind of each id that names a stored record."""
    wanted = json.dumps(sorted(set(ids)))
    out: dict[str, Kind] = {}
    if wanted == "[]":
        return out
    for kind, spec in KINDS.items():
        rows = store.conn.execute(f"SELECT id FROM {spec.table} WHERE id IN "  # noqa: S608
                                  "(SELECT value FROM json_each(?))", (wanted,))
        out.update((str(r[0]), kind) for r in rows)
    return out


# ---- protect now (DESIGN §6.4.2) ----------------------------------------------------------------
@dataclass(frozen=True)
class NoticeBundle:
    """The protect-now bundle of one official: where it was written, and how many notices it
    carries (``path`` None: the official already holds everything at its present level)."""

    fingerprint: str
    path: Path | None
    notices: int


def notice_bundles(sharing: Sharing, fingerprints: Sequence[str], folder: Path,
                   progress: ProgressFn | None = None, cancelled: CancelFn | None = None, *,
                   today: str | None = None) -> list[NoticeBundle]:
    """One ``notices_only`` bundle per official, into ``folder``: only the notices of records
    they hold at a lower protection than this vault now gives them, each readable by that
    official alone. An official with nothing to be told gets no file."""
    day = today or dt.date.today().isoformat()
    out = []
    for fingerprint in fingerprints:
        request = sharing.request(to=[fingerprint], notices_only=True)
        exposure = sharing.preview_export(request, progress, cancelled)
        if not exposure.notices:
            out.append(NoticeBundle(fingerprint, None, 0))
            continue
        path = _free_name(Path(folder), f"protect-now-{day}-{fingerprint[:8].lower()}")
        result = sharing.export(request, path, progress, cancelled)
        out.append(NoticeBundle(fingerprint, result.path, result.exposure.notices))
    return out


def _free_name(folder: Path, stem: str) -> Path:
    path = folder / f"{stem}.rbundle"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.rbundle"
        n += 1
    return path


class ImportStep(enum.Enum):
    FILES = "files"
    REVIEW = "review"
    DONE = "done"


@dataclass(frozen=True)
class FileCheck:
    """One bundle file as checked for review: its signed manifest, its dry run, or why it was
    refused."""

    path: Path
    inspection: Inspection | None  # None: the signature or the file itself failed
    preview: ImportReport | None  # the dry run; None when the file was refused
    error: str | None  # the core's message when refused

    @property
    def ok(self) -> bool:
        return self.error is None and self.preview is not None

    @property
    def sender_unknown(self) -> bool:
        """Refused because the sender's card was never added (adding it would help)."""
        return self.inspection is not None and self.inspection.sender_trust == "unknown"

    @property
    def sender_unverified(self) -> bool:
        """The sender's card is trusted but was never verified (DESIGN §6.5.6)."""
        return self.inspection is not None and self.inspection.sender_trust == "unverified"


@dataclass
class BundleImport:
    """Files → each checked and previewed on its own (dry run) → the good ones applied, all or
    none (§6.5.8) → reverted if asked. Nothing is written before :meth:`apply`."""

    sharing: Sharing
    step: ImportStep = ImportStep.FILES
    allow_unverified: bool = False  # the official confirmed, knowing the risk
    checks: list[FileCheck] = field(default_factory=list)
    reports: list[ImportReport] = field(default_factory=list)
    reverted: dict[str, RevertResult] = field(default_factory=dict)

    def review(self, paths: Sequence[Path], progress: ProgressFn | None = None,
               cancelled: CancelFn | None = None) -> list[FileCheck]:
        """Verify, decrypt and plan every file against the vault; write nothing."""
        if not paths:
            raise InvalidInput("Choose at least one bundle file.")
        self.checks = [self._check(Path(p), progress, cancelled) for p in paths]
        self.reports, self.reverted = [], {}
        self.step = ImportStep.REVIEW
        return self.checks

    @property
    def accepted(self) -> list[Path]:
        return [c.path for c in self.checks if c.ok]

    @property
    def refused(self) -> list[FileCheck]:
        return [c for c in self.checks if not c.ok]

    def apply(self, progress: ProgressFn | None = None,
              cancelled: CancelFn | None = None) -> list[ImportReport]:
        """Import the accepted files (checked again, all before any is written)."""
        if self.step is not ImportStep.REVIEW:
            raise InvalidInput("Review the bundles before importing them.")
        if not self.accepted:
            raise InvalidInput("No bundle passed the checks: nothing to import.")
        self.reports = self.sharing.import_bundles(
            self.accepted, allow_unverified=self.allow_unverified, progress=progress,
            cancelled=cancelled)
        self.step = ImportStep.DONE
        return self.reports

    def revert(self, import_id: str) -> RevertResult:
        if all(r.import_id != import_id for r in self.reports):
            raise InvalidInput("That import is not part of this session.")
        result = self.sharing.revert(import_id)
        self.reverted[import_id] = result
        return result

    def _check(self, path: Path, progress: ProgressFn | None,
               cancelled: CancelFn | None) -> FileCheck:
        try:
            inspection = self.sharing.inspect(path)
        except RegistryError as exc:
            return FileCheck(path, None, None, str(exc))
        except OSError:  # pragma: no cover - open_bundle reports it as a BundleError
            return FileCheck(path, None, None, "The bundle file cannot be read.")
        try:
            preview = self.sharing.import_bundles(
                [path], dry_run=True, allow_unverified=self.allow_unverified,
                progress=progress, cancelled=cancelled)[0]
        except Cancelled:
            raise
        except RegistryError as exc:
            return FileCheck(path, inspection, None, str(exc))
        except OSError:  # pragma: no cover - open_bundle reports it as a BundleError
            return FileCheck(path, inspection, None, "The bundle file cannot be read.")
        return FileCheck(path, inspection, preview, None)
