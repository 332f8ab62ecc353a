"""Command line for backups and retention: a thin client of ``Registry.backups``,
``Registry.restore_backup`` and ``Registry.retention``.

``backup FILE [--force]``, ``restore FILE [--force]``, ``review [--as-of D]`` and
``review purge --yes``; ``rekey`` and ``import`` gain ``--backup FILE`` (a backup is written
first, and the operation does not start if it fails).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from registry.cli import PASS_ENV, emit, open_registry, vault_dir, with_registry
from registry.errors import EXIT_OK, EXIT_USAGE, VaultLocked

Command = Callable[[argparse.Namespace], int]


def register(sub: Any) -> None:
    """Add ``backup``, ``restore`` and ``review``; give ``rekey`` and ``import`` ``--backup``."""
    p = sub.add_parser("backup", help="write an encrypted, signed backup of the vault")
    p.add_argument("file", type=Path)
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _json(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="restore the vault from a backup (passphrase only)")
    p.add_argument("file", type=Path)
    p.add_argument("--force", action="store_true",
                   help="replace a vault that is not damaged (it is kept aside)")
    _json(p)
    p.set_defaults(func=cmd_restore)

    _review(sub)
    for name in ("rekey", "import"):
        if name in sub.choices:
            _offer_backup(sub.choices[name])


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _review(sub: Any) -> None:
    p = sub.add_parser("review", help="people whose review date has come (retention)")
    p.add_argument("--as-of", type=_date, default=None, help="today's date (YYYY-MM-DD)")
    _json(p)
    p.set_defaults(func=cmd_review)
    rsub = p.add_subparsers(dest="review_command", metavar="ACTION")
    q = rsub.add_parser("purge", help="erase every person due for review, for good")
    q.add_argument("--yes", action="store_true", help="confirm")
    q.add_argument("--as-of", type=_date, default=None, help="today's date (YYYY-MM-DD)")
    _json(q)
    q.set_defaults(func=cmd_review_purge)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a date is YYYY-MM-DD") from None


def _offer_backup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backup", type=Path, default=None, metavar="FILE",
                        help="write a backup to FILE first")
    parser.set_defaults(func=_backing_up(parser.get_default("func")))


def _backing_up(command: Command) -> Command:
    def run(args: argparse.Namespace) -> int:
        if args.backup is not None:
            _write(args, args.backup, overwrite=False, quiet=True)
        return command(args)
    return run


# -- commands -------------------------------------------------------------------------------
def cmd_backup(args: argparse.Namespace) -> int:
    _write(args, args.file, overwrite=args.force, quiet=False)
    return EXIT_OK


def _write(args: argparse.Namespace, file: Path, *, overwrite: bool, quiet: bool) -> None:
    reg = open_registry(args)
    try:
        manifest = reg.backups.write(file, overwrite=overwrite)
    finally:
        reg.lock()
    text = (f"Backup written to {file} ({manifest.to_json()['size']} bytes). It opens with "
            "the current passphrase, on any computer: keep it away from this laptop.")
    if quiet:
        print(text, file=sys.stderr)
    else:
        emit(args, {"file": str(file), **manifest.to_json()}, text)


def cmd_restore(args: argparse.Namespace) -> int:
    from registry.service import Registry

    passphrase = os.environ.get(PASS_ENV)
    if passphrase is None:
        if not sys.stdin.isatty():
            raise VaultLocked(f"The backup's passphrase is needed: set {PASS_ENV} or run from "
                              "a terminal.")
        passphrase = getpass.getpass("Passphrase of the backup: ")
    done = Registry.restore_backup(args.file, vault_dir(args), passphrase, force=args.force)
    lines = [f"Restored the vault of {done.manifest.created_at} to {done.root}."]
    if done.kept_aside is not None:
        lines.append(f"The previous vault was kept at {done.kept_aside}; once the restored "
                     f"one works, destroy it: registry --vault {done.kept_aside} wipe --yes")
    emit(args, {"root": str(done.root), "kept_aside": str(done.kept_aside or "") or None,
                **done.manifest.to_json()}, "\n".join(lines))
    return EXIT_OK


@with_registry
def cmd_review(reg: Any, args: argparse.Namespace) -> None:
    due = reg.retention.due(args.as_of)
    lines = [f"{d.id}  {d.review_date}  {d.name}{'  (deleted)' if d.deleted else ''}"
             for d in due]
    summary = (f"{len(due)} person(s) due for review. Keep them by setting a later review "
               "date (registry update ID --review-date D), or erase them all: "
               "registry review purge --yes") if due else "Nobody is due for review."
    emit(args, [d.to_json() for d in due], "\n".join([*lines, summary]))


def cmd_review_purge(args: argparse.Namespace) -> int:
    if not args.yes:
        print("registry: purge erases every person due for review, for good; add --yes to "
              "confirm (see them first with: registry review).", file=sys.stderr)
        return EXIT_USAGE
    return _purge(args)


@with_registry
def _purge(reg: Any, args: argparse.Namespace) -> None:
    due = {item.id for item in reg.retention.due(args.as_of)}
    erased = reg.retention.purge(args.as_of, only=due)
    people = len(due.intersection(erased))
    emit(args, {"people": people, "erased": erased},
         f"Erased {people} person(s) due for review and {len(erased) - people} record(s) "
         "touching them, for good.")
