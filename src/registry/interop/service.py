"""Interop as the application layer serves it (``Registry.interop``): the FollowTheMoney and
CSV exports. Both apply the export rules of ``store.protection`` (the sensitivity ceiling,
protected people left out unless asked), write atomically with mode 0600, and are the only
way the GUI and the CLI reach them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from registry.domain.enums import Kind, Sensitivity

if TYPE_CHECKING:
    from registry.store.records import Store
    from registry.sync.progress import Job


class Interop:
    def __init__(self, store: Store) -> None:
        self._store = store

    def export_ftm(self, path: Path, *, ceiling: Sensitivity = Sensitivity.INTERNAL,
                   include_protected: bool = False, work: Job | None = None) -> dict[str, int]:
        """Write the FtM JSON lines file; return the count per schema."""
        from registry.interop.ftm import export_ftm

        return export_ftm(self._store, Path(path), ceiling=ceiling,
                          include_protected=include_protected, work=work)

    def export_csv(self, path: Path, kind: Kind, *, ceiling: Sensitivity = Sensitivity.INTERNAL,
                   include_protected: bool = False, work: Job | None = None) -> int:
        """Write the CSV file of one kind; return the number of records written."""
        from registry.interop.csv_export import export_csv

        return export_csv(self._store, Path(path), kind, ceiling=ceiling,
                          include_protected=include_protected, work=work)
