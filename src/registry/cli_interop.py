"""Command line for spreadsheets and FollowTheMoney (DESIGN §9, a contract).

``import FILE.csv|FILE.xlsx [--dry-run] [--json]`` plus ``--strict``, ``--kind``,
``--sheet``, ``--encoding``, ``--map COLUMN=FIELD``, ``--mapping NAME``,
``--save-mapping NAME``; ``export-ftm FILE [--max-sensitivity LEVEL]``;
``export-csv FILE --kind person|organisation [--max-sensitivity LEVEL]``; both exports
take ``--include-protected``, which needs ``--yes-include-protected`` (DESIGN §6.4.5). A
rejected file exits with 1 and changes nothing; otherwise the valid rows are written and the
rejected ones are listed (``--strict``: any rejected row rejects the file). Updates are
listed as old → new per field, and rows kept apart from a namesake (new records queued for
``registry duplicates``) with the reason.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from registry.cli import emit, notice_hint, with_registry
from registry.errors import EXIT_FAILED, EXIT_OK, InvalidInput, UsageError

LEVELS = ("public", "internal", "confidential", "protected")
KINDS = ("person", "organisation")


def register(sub: Any) -> None:
    """Add ``import``, ``export-ftm`` and ``export-csv`` to the top-level subparsers."""
    _import_parser(sub)
    _export_parsers(sub)


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _import_parser(sub: Any) -> None:
    p = sub.add_parser("import", help="import people and organisations from CSV or XLSX")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    p.add_argument("--strict", action="store_true",
                   help="import all rows or none: one rejected row rejects the whole file "
                        "(default: the valid rows are written, the rejected ones are not)")
    p.add_argument("--kind", choices=KINDS, default=None,
                   help="kind of rows without a kind column (default: guessed)")
    p.add_argument("--sheet", default=None,
                   help="XLSX sheet (default: the one the workbook opens on, if visible)")
    p.add_argument("--encoding", default=None, help="CSV text encoding (default: detected)")
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help="map a column by its header to a field (empty FIELD: ignore it)")
    p.add_argument("--mapping", default=None, metavar="NAME", help="use a saved mapping")
    p.add_argument("--save-mapping", default=None, metavar="NAME",
                   help="save the mapping used, with the import")
    _json(p)
    p.set_defaults(func=with_registry(cmd_import))


def _export_parsers(sub: Any) -> None:
    p = sub.add_parser("export-ftm", help="FollowTheMoney JSON lines")
    p.add_argument("file", type=Path)
    _export_options(p)
    p.set_defaults(func=with_registry(cmd_export_ftm))
    p = sub.add_parser("export-csv", help="people or organisations as CSV")
    p.add_argument("file", type=Path)
    p.add_argument("--kind", choices=KINDS, required=True)
    _export_options(p)
    p.set_defaults(func=with_registry(cmd_export_csv))


def _export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-sensitivity", choices=LEVELS, default="internal")
    p.add_argument("--include-protected", action="store_true",
                   help="also export protected people (inside Russia) and their ties "
                        "(needs --yes-include-protected)")
    p.add_argument("--yes-include-protected", action="store_true",
                   help="confirm --include-protected: people at risk are written by name")
    _json(p)


def _confirmed(args: argparse.Namespace) -> bool:
    """``--include-protected`` writes people at risk by name: it needs its confirmation, as
    a bundle's ``--protected include`` does (DESIGN §6.4.5)."""
    if args.include_protected and not args.yes_include_protected:
        raise UsageError("--include-protected writes people at risk by name: add "
                         "--yes-include-protected to confirm, or leave both out.")
    return bool(args.include_protected)


# -- commands ---------------------------------------------------------------------------------
def cmd_import(reg: Any, args: argparse.Namespace) -> int:
    from registry.domain.enums import Kind
    flow = reg.interop.spreadsheet(args.file, strict=args.strict)
    flow.load(encoding=args.encoding, sheet=args.sheet)
    mapping = flow.propose_mapping(args.mapping)
    if args.kind:
        mapping.default_kind = Kind(args.kind)
    for item in args.map:
        column, sep, target = item.partition("=")
        if not sep:
            raise InvalidInput("--map takes COLUMN=FIELD.")
        mapping.set_by_header(column, target.strip() or None)
    report = flow.run(dry_run=args.dry_run, save_mapping_as=args.save_mapping)
    emit(args, report.to_json(), _import_text(report))
    return EXIT_FAILED if report.rejected_file else EXIT_OK


def _import_text(report: Any) -> str:
    data = report.to_json()
    c = data["counts"]
    head = ("Dry run: nothing was written." if report.dry_run and not report.rejected_file
            else "Imported." if report.written else "Nothing was imported.")
    lines = [head, f"{c['new']} new, {c['update']} updated, {c['unchanged']} unchanged, "
             f"{c['merged']} merged with an earlier row, {c['review']} new beside a namesake "
             f"(sent to review), {c['rejected']} rejected."]
    if data["file"].get("sheet") is not None:
        lines.append(_sheet_text(data["file"]))
    if report.rejected_file:
        lines.append(f"File rejected: {report.rejected_file}")
    else:
        lines.append(_written_text(report, c))
    if data["file"].get("ignored_columns"):
        lines.append("Ignored columns: " + ", ".join(data["file"]["ignored_columns"]))
    for o in data["updated"]:
        lines.append(f"line {o['line']}: updated "
                     + (o.get("record_id") or "a record not named in this report"))
        lines += [f"    {f}: {_shown(ch['old'])} → {_shown(ch['new'])}"
                  for f, ch in o.get("changes", {}).items()]
    for o in data["review"]:
        record = f"new record {o['record_id']}" if o.get("record_id") else "a new record"
        lines.append(f"line {o['line']}: {record}, kept apart from its namesakes; each pair "
                     "goes to the duplicates review (registry duplicates):")
        for n in o["namesakes"]:
            ref = n.get("record_id") or (f"line {n['line']}" if "line" in n else "a record")
            lines.append(f"    {ref}: {n['reason']}")
            lines += [f"        {f}: {_shown(d['existing'])} ≠ {_shown(d['row'])}"
                      for f, d in n["differs"].items()]
    lines += [f"line {o['line']}: {o['reason']}" for o in data["merged"]]
    for o in report.newly_protected:  # named by its line only: the text may be kept
        lines.append(f"line {o.line}: " + notice_hint("its record is now protected",
                                                      o.shared_with))
    for o in data["protection_kept"]:  # a lowering the import did not write
        ref = f" of {o['record_id']}" if o.get("record_id") else ""
        lines.append(f"line {o['line']}: protection{ref} kept as it is, not lowered "
                     f"({', '.join(o['protection_kept'])}): a spreadsheet never lowers it; "
                     "to lower it: registry update ID (it asks to confirm)")
    lines += [f"line {o['line']}: rejected — {o['reason']}" for o in data["rejected"]]
    return "\n".join(lines)


def _sheet_text(info: dict[str, Any]) -> str:
    """Which sheet of a workbook was read, and which were not."""
    name, hidden = info["sheet"], info.get("hidden_sheets", [])
    text = f"Sheet read: “{name}”" + (" (a hidden sheet)" if name in hidden else "")
    others = [n for n in info.get("sheets", []) if n != name]
    if others:
        text += "; not read: " + ", ".join(
            f"“{n}”" + (" (hidden)" if n in hidden else "") for n in others)
    return text + "."


def _written_text(report: Any, c: dict[str, int]) -> str:
    """Exactly which rows are (or, in a dry run, would be) written."""
    valid, bad = len(report.outcomes) - c["rejected"], c["rejected"]
    verb = "Would write" if report.dry_run else "Written"
    if not bad:
        return f"{verb}: all {valid:,} rows."
    return (f"{verb}: the valid rows ({valid:,}); not written: the rejected rows ({bad:,}), "
            "listed below (with --strict, one rejected row writes nothing).")


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def cmd_export_ftm(reg: Any, args: argparse.Namespace) -> None:
    from registry.domain.enums import Sensitivity

    counts = reg.interop.export_ftm(args.file, ceiling=Sensitivity.parse(args.max_sensitivity),
                                    include_protected=_confirmed(args))
    total = sum(counts.values())
    emit(args, {"file": str(args.file), "entities": total, "schemata": counts},
         f"Wrote {total} entities to {args.file}: "
         + ", ".join(f"{n} {s}" for s, n in counts.items()))


def cmd_export_csv(reg: Any, args: argparse.Namespace) -> None:
    from registry.domain.enums import Kind, Sensitivity

    count = reg.interop.export_csv(args.file, Kind(args.kind),
                                   ceiling=Sensitivity.parse(args.max_sensitivity),
                                   include_protected=_confirmed(args))
    emit(args, {"file": str(args.file), "records": count},
         f"Wrote {count} {args.kind} records to {args.file}.")
