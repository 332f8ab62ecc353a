"""Qt-free helpers of the Sharing section: card previews, key changes, import sessions.

The core's :class:`~registry.sync.sharing.ExportFlow` drives the export wizard as it is.
For import, :class:`ImportSession` checks each file on its own (the core's
:class:`~registry.sync.sharing.ImportFlow` stops at the first bad file and cannot say which
one), so the wizard can show every file's sender, trust state and preview or refusal, and
then imports only the files that passed, through the core's all-or-nothing batch call.
Everything here runs on the database thread; nothing imports Qt.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from registry.errors import InvalidInput, NotFound, RegistryError
from registry.sync import cards
from registry.sync.importer import ImportReport, RevertResult
from registry.sync.progress import CancelFn, Cancelled, ProgressFn
from registry.sync.sharing import Inspection, Sharing
from registry.sync.trust import Official

MAX_CARD_FILE = 64 * 1024
REFUSED_TRUST = ("unknown", "revoked")


def read_card_file(path: Path) -> bytes:
    """A card file's bytes (at most 64 KiB are read: the parser refuses anything larger)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(MAX_CARD_FILE)
    except OSError:
        raise NotFound("The card file cannot be read.") from None


def group_digits(text: str, size: int) -> str:
    """``text`` without spaces, in groups of ``size`` (for reading aloud)."""
    flat = text.replace(" ", "")
    return " ".join(flat[i:i + size] for i in range(0, len(flat), size))


def group_fingerprint(fingerprint: str) -> str:
    """A 40-hex fingerprint as ten groups of four."""
    return group_digits(fingerprint, 4)


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


def preview_card(sharing: Sharing, data: bytes) -> CardPreview:
    """Check a card and compute the safety number between this vault and its author."""
    card = cards.parse_card(data)
    own = sharing.trust.own
    if card.public == own:
        raise InvalidInput("That is this vault's own card.")
    existing = sharing.trust.find(card.fingerprint)
    replaces = tuple(o.fingerprint for o in sharing.officials()
                     if (o.name, o.org, o.country) == (card.name, card.org, card.country)
                     and o.fingerprint != card.fingerprint)
    return CardPreview(data, card.name, card.org, card.country, card.fingerprint,
                       cards.safety_number(own, card.public),
                       existing.trust if existing else None, replaces)


def key_changes(officials: Iterable[Official]) -> dict[str, tuple[str, ...]]:
    """For each official known under more than one key, the other keys of the same name,
    organisation and country.

    A changed key is a new trust entry that starts unverified (the core never carries
    "verified" over to a new key); the table warns about such entries until verified.
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


# ---- import -------------------------------------------------------------------------------
class ImportStep(enum.Enum):
    FILES = "files"
    REVIEW = "review"
    DONE = "done"


@dataclass(frozen=True)
class FileCheck:
    """One bundle file as checked for the review page."""

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
class ImportSession:
    """Files → each checked and previewed (dry run) → the good ones applied → revert."""

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
        except OSError:
            return FileCheck(path, None, None, "The bundle file cannot be read.")
        try:
            preview = self.sharing.import_bundles(
                [path], dry_run=True, allow_unverified=self.allow_unverified,
                progress=progress, cancelled=cancelled)[0]
        except Cancelled:
            raise
        except RegistryError as exc:
            return FileCheck(path, inspection, None, str(exc))
        except OSError:
            return FileCheck(path, inspection, None, "The bundle file cannot be read.")
        return FileCheck(path, inspection, preview, None)
