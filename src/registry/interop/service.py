"""Interop as the application layer serves it (``Registry.interop``): the FollowTheMoney and
CSV exports, and the spreadsheet import's flow. Both exports apply the export rules of
``store.protection`` (the sensitivity ceiling, protected people left out unless asked) and
write atomically with mode 0600; this is the only way the GUI and the CLI reach them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from registry.domain.enums import Kind, Sensitivity

if TYPE_CHECKING:
    from registry.interop.importer import SpreadsheetImport
    from registry.interop.spreadsheet import SheetLimits
    from registry.service import Registry
    from registry.store.records import Store
    from registry.sync.progress import Job


class Interop:
    def __init__(self, store: Store, registry: Registry) -> None:
        self._store = store
        self._registry = registry

    def spreadsheet(self, path: Path, *, strict: bool = False,
                    limits: SheetLimits | None = None) -> SpreadsheetImport:
        """The spreadsheet import of ``path``, step by step (read, map, preview, run): the
        CLI's ``registry import`` runs every step, the app's wizard one page at a time. Rows
        are checked as local edits and written in one transaction."""
        from registry.interop.importer import SpreadsheetImport

        return SpreadsheetImport(self._registry, Path(path), strict=strict, limits=limits)

    def export_ftm(self, path: Path, *, ceiling: Sensitivity = Sensitivity.INTERNAL,
                   include_protected: bool = False, work: Job | None = None) -> dict[str, int]:
        """Write the FtM JSON lines file; return the count per schema."""
        from registry.interop.ftm import export_ftm

        with self._store.reading():  # the protection rule and the rows: one moment
            return export_ftm(self._store, Path(path), ceiling=ceiling,
                              include_protected=include_protected, work=work)

    def export_csv(self, path: Path, kind: Kind, *, ceiling: Sensitivity = Sensitivity.INTERNAL,
                   include_protected: bool = False, work: Job | None = None) -> int:
        """Write the CSV file of one kind; return the number of records written."""
        from registry.interop.csv_export import export_csv

        with self._store.reading():  # as export_ftm
            return export_csv(self._store, Path(path), kind, ceiling=ceiling,
                              include_protected=include_protected, work=work)
