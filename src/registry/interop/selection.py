"""What an export outside the vault (FtM, CSV) may carry: the bundle export's redaction rules.

The records go through :class:`registry.sync.redact.Redactor`, the one place where the
need-to-know rules live (DESIGN §4.2, §6.3): records above the ceiling are left out, so are
fields whose floor is above it (gender, ethnicity and groups are ``protected``; contact
channels ``confidential``), and protected people — with every tie, support and evaluation
touching them — unless the caller was explicitly asked to include them; "same" groups share
their highest protection; free text naming a protected person is blanked. Deleted and
erased records are never exported. A record merged into another is not exported either;
links to it are redirected to the record it was merged into. An actor carries its group's
level and flag as its own (what a bundle's export makes each member's own before it is
written, ``exporter.materialise``): a file re-imported elsewhere keeps them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from registry.domain.enums import Kind, Sensitivity
from registry.domain.model import Record
from registry.store.protection import Protection
from registry.store.records import Store
from registry.sync.exporter import actors_naming, export_mentions
from registry.sync.progress import Job
from registry.sync.redact import Mode, Redactor

_TICK = 2000


@dataclass
class Selection:
    """Redacted records of one export, and the actors it carries (after merges)."""

    store: Store
    ceiling: Sensitivity
    include_protected: bool = False
    emitted: set[str] = field(default_factory=set)
    merged: dict[str, str] = field(default_factory=dict)
    _redactor: Redactor | None = None
    _guard: Protection | None = None

    def __post_init__(self) -> None:
        mode = Mode.INCLUDE if self.include_protected else Mode.EXCLUDE
        self._guard = guard = Protection.load(self.store.conn)
        mentions = export_mentions(self.store, guard, mode, self.ceiling)
        self._redactor = Redactor(guard, self.ceiling, mode, b"", mentions=mentions,
                                  named=actors_naming(self.store, mentions),
                                  own_levels=self.store.own_levels())

    def records(self, kind: Kind, work: Job) -> Iterator[Record]:
        """The redacted, live records of ``kind``; actors are remembered as emitted."""
        assert self._redactor is not None
        for i, record in enumerate(self.store.iter_records(kind)):
            if i % _TICK == 0:
                work.tick(f"export {kind.value}", i, 0)
            if record.deleted:
                continue
            target = record.values.get("merged_into")
            if target:
                self.merged[record.id] = str(target)
                continue
            for out in self._redactor.redact(record):
                if kind in (Kind.PERSON, Kind.ORGANISATION):
                    self.emitted.add(out.id)
                    self._as_its_group(out)
                yield out

    def _as_its_group(self, actor: Record) -> None:
        """The group's level and flag, where higher, as the actor's own (§6.4.3: "same" is
        one person for every export; the flagged member itself is merged, not written)."""
        assert self._guard is not None
        level = self._guard.actor_level(actor.id)
        if level is not None and level > actor.sensitivity:
            actor.values["sensitivity"] = level.label
        if actor.kind is Kind.PERSON and actor.id in self._guard.inside:
            actor.values["inside_russia"] = True

    def actor(self, record_id: object) -> str | None:
        """The emitted actor a reference points to (through merges), or None."""
        seen = 0
        ref = str(record_id) if record_id else ""
        while ref in self.merged and seen < 16:
            ref, seen = self.merged[ref], seen + 1
        return ref if ref in self.emitted else None
