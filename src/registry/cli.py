"""The command line of DESIGN §9 (a contract): a thin client of :class:`registry.service.Registry`.

Exit codes: 0 success, 1 invalid input or failed operation, 2 usage error, 3 wrong
passphrase or vault locked, 4 signature or trust failure.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registry import __version__
from registry.errors import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    InvalidInput,
    RegistryError,
    UsageError,
    VaultLocked,
)

PASS_ENV = "REGISTRY_PASSPHRASE"  # noqa: S105 - the variable's name, not a secret
NEW_PASS_ENV = "REGISTRY_NEW_PASSPHRASE"  # noqa: S105 - the variable's name, not a secret
DEBUG_ENV = "REGISTRY_DEBUG"  # set: an unexpected error shows its traceback
DEMO_PASSPHRASE = "demo"  # noqa: S105 - documented passphrase of fictional demo vaults


@dataclass(frozen=True)
class Opt:
    """One ``add``/``update`` option: its flag and the field it sets in each kind it applies to."""

    flag: str
    fields: dict[str, str]  # kind -> field
    many: bool = False
    switch: bool = False


PER, ORG, TIE, SUP, EVT, EVA = "person", "organisation", "tie", "support", "event", "evaluation"
ALL = (PER, ORG, TIE, SUP, EVT, EVA)
# An evaluation's three scores and evidence texts are set by two options of their own.
COMPOSITE = (Opt("--scores", {EVA: "scores"}), Opt("--evidence", {EVA: "evidence"}, many=True))


def _options() -> tuple[Opt, ...]:
    """The options of ``add``/``update``, from the fields' declarations (``FieldSpec.cli``).

    A flag shared by several kinds sets each kind's own field (``--role``: a person's roles,
    a tie's role); it may be repeated when one of them is a list, and a single-valued field
    takes the last value. The record-level fields (``--sensitivity``) come last.
    """
    from registry.domain.enums import Kind
    from registry.domain.model import COMMON, KINDS, FieldSpec, FieldType

    def group(common: bool) -> tuple[Opt, ...]:
        found: dict[str, dict[str, FieldSpec]] = {}
        for kind in ALL:
            for spec in KINDS[Kind(kind)].fields:
                for flag in spec.cli if (spec.name in record_level) is common else ():
                    found.setdefault(flag, {})[kind] = spec
        return tuple(Opt("--" + flag, {k: f.name for k, f in by_kind.items()},
                         many=any(f.is_list for f in by_kind.values()),
                         switch=all(f.type is FieldType.BOOL for f in by_kind.values()))
                     for flag, by_kind in found.items())

    record_level = {f.name for f in COMMON}
    return group(False) + COMPOSITE + group(True)


OPTIONS = _options()


def main(argv: Sequence[str] | None = None) -> int:
    """The program: hardens the process, runs one command, reports errors without tracebacks."""
    try:
        code = _main(argv)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``registry list person | head``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return EXIT_FAILED
    return code


def _main(argv: Sequence[str] | None) -> int:
    from registry.vault.hardening import harden_process, unwinding_on_termination

    harden_process()
    os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command, args.func = "gui", cmd_gui
    try:
        # SIGTERM, SIGHUP: cleaned up as after Ctrl-C (the app sets its own: gui/app.py)
        with unwinding_on_termination():
            return int(args.func(args) or EXIT_OK)
    except RegistryError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _error("Interrupted: nothing more was written.")
        return EXIT_FAILED
    except BrokenPipeError:
        raise
    except Exception as exc:  # a bug: its text may hold record content, so name only its class
        if os.environ.get(DEBUG_ENV):
            raise
        _error(f"The command failed unexpectedly ({type(exc).__name__}). Check the vault with "
               f"'registry check'. To see where it failed, run the command again with "
               f"{DEBUG_ENV}=1 (the details may quote record content: read them before "
               "sharing them).")
        return EXIT_FAILED


def _error(message: str) -> None:
    with contextlib.suppress(OSError):  # the terminal is gone (SIGHUP): the exit code says it
        print(f"registry: {message}", file=sys.stderr)


# -- parser ---------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="registry", description="Encrypted registry of Russian civil society in exile.")
    parser.add_argument("--version", action="version", version=f"registry {__version__}")
    parser.add_argument("--vault", type=Path, default=None,
                        help="vault folder (default: the user data folder)")
    parser.set_defaults(command=None, func=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    _add_vault_parsers(sub)
    _add_record_parsers(sub)
    from registry import cli_interop, cli_sharing  # import this module's helpers: here

    cli_sharing.register(sub)
    cli_interop.register(sub)

    _add_query_parsers(sub)
    _add_key_parsers(sub)
    from registry import cli_backup  # after rekey and import exist: it extends them

    cli_backup.register(sub)
    from registry import cli_matching, cli_views

    cli_matching.register(sub)
    cli_views.register(sub)
    from registry import cli_recovery

    cli_recovery.register(sub)
    return parser


def _add_vault_parsers(sub: Any) -> None:
    p = sub.add_parser("init", help="create a vault and the official's identity")
    p.add_argument("--name", required=True)
    p.add_argument("--org", required=True)
    p.add_argument("--country", required=True)
    p.add_argument("--remember", action="store_true",
                   help="keep the data key in the OS keychain on this computer")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="create a vault filled with fictional demo data")
    p.add_argument("--people", type=_count, default=2000)
    p.add_argument("--organisations", type=_count, default=None)
    p.add_argument("--ties", type=_count, default=None)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--open", action="store_true", help="then start the desktop app on it")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("identity", help="the official's identity")
    isub = p.add_subparsers(dest="identity_command", required=True, metavar="ACTION")
    q = isub.add_parser("show")
    _json(q)
    q.set_defaults(func=cmd_identity_show)



def _add_query_parsers(sub: Any) -> None:
    p = sub.add_parser("delete", help="delete a record (a tombstone that travels in bundles)")
    p.add_argument("id")
    p.set_defaults(func=cmd_delete)
    p = sub.add_parser("erase", help="erase a record's data for good")
    p.add_argument("id")
    p.set_defaults(func=cmd_erase)
    p = sub.add_parser("show", help="one record with its ties and field provenance")
    p.add_argument("id")
    _json(p)
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("search", help="search names, aliases, places and notes")
    p.add_argument("query")
    p.add_argument("--limit", type=_count, default=20)
    _json(p)
    p.set_defaults(func=cmd_search)
    for name, func, text in (("stats", cmd_stats, "figures"),
                             ("digest", cmd_digest, "SHA-256 over all shared records")):
        p = sub.add_parser(name, help=text)
        _json(p)
        p.set_defaults(func=func)


def _add_key_parsers(sub: Any) -> None:
    p = sub.add_parser("check", help="integrity check of the vault")
    _json(p)
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("passwd", help="change the passphrase (re-seals the key; with --rotate "
                       "also replaces the data key)")
    p.add_argument("--rotate", action="store_true",
                   help="also rotate the data key (PRAGMA rekey), so that copies of vault.key "
                        "made before, e.g. in backups, open nothing current")
    p.set_defaults(func=cmd_passwd)
    p = sub.add_parser("rekey", help="rotate the database key (PRAGMA rekey)")
    p.set_defaults(func=cmd_rekey)
    p = sub.add_parser("wipe", help="panic wipe: the vault can never be opened again")
    p.add_argument("--yes", action="store_true", help="confirm")
    p.set_defaults(func=cmd_wipe)
    p = sub.add_parser("gui", help="the desktop app")
    p.add_argument("--vault", type=Path, default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_gui)


def _add_record_parsers(sub: Any) -> None:
    add = sub.add_parser("add", help="add a record; prints its id")
    asub = add.add_subparsers(dest="record_kind", required=True, metavar="KIND")
    for kind in ALL:
        p = asub.add_parser(kind, help=f"add a {kind}")
        _record_options(p, [o for o in OPTIONS if kind in o.fields], kinds=(kind,))
        _json(p)
        p.set_defaults(func=cmd_add)
    p = sub.add_parser("update", help="change fields of a record")
    p.add_argument("id")
    _record_options(p, list(OPTIONS), update=True, kinds=ALL)
    p.add_argument("--yes-lower-protection", action="store_true",
                   help="confirm lowering protection (kept in this vault only, audited)")
    _json(p)
    p.set_defaults(func=cmd_update)


def _record_options(p: argparse.ArgumentParser, opts: list[Opt], update: bool = False,
                    kinds: Sequence[str] = ALL) -> None:
    for opt in opts:
        dest = opt.flag[2:].replace("-", "_")
        text, metavar = _option_help(opt, kinds)
        if opt.switch:
            p.add_argument(opt.flag, dest=dest, action="store_const", const=True, default=None,
                           help=text)
            if update:
                p.add_argument("--not-" + opt.flag[2:], dest=dest, action="store_const",
                               const=False, help="clear " + opt.flag)
        elif opt.many:
            p.add_argument(opt.flag, dest=dest, action="append", default=None, help=text,
                           metavar=metavar)
        else:
            p.add_argument(opt.flag, dest=dest, default=None, help=text, metavar=metavar)


_COMPOSITE_HELP = {"--scores": ("the three scores, 0 to 3 each, as S1,S2,S3 (standards, "
                                "knowledge, work inside Russia)", "S1,S2,S3"),
                   "--evidence": ("evidence for a score, once per score in order", "TEXT")}


def _option_help(opt: Opt, kinds: Sequence[str]) -> tuple[str, str]:
    """What ``--help`` says of an option: the field it sets and every value it accepts (from
    the field's declaration), and the placeholder of its value."""
    from registry.domain.enums import Kind
    from registry.domain.model import KINDS

    if opt.flag in _COMPOSITE_HELP:
        return _COMPOSITE_HELP[opt.flag]
    specs = [(k, KINDS[Kind(k)].by_name[opt.fields[k]]) for k in kinds if k in opt.fields]
    parts, metavar = [], "VALUE"
    for kind, spec in specs:
        accepts, metavar = _accepts(spec)
        label = spec.text("en")
        where = f"{kind}: " if len(specs) > 1 else ""
        parts.append(f"{where}{label}" + (f" — {accepts}" if accepts else ""))
    if any(spec.is_list for _, spec in specs):
        parts.append("repeat for each value")
    return "; ".join(parts), metavar or opt.flag[2:].replace("-", "_").upper()


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _accepts(spec: Any) -> tuple[str, str]:
    """The values a field accepts, in words, and a placeholder for them ("" for an enum's:
    the caller names it after the option)."""
    from registry.domain.model import FieldType as T

    if spec.enum is not None:
        return "one of: " + ", ".join(str(e.value) for e in spec.enum), ""
    if spec.type in (T.INT, T.NUMBER):
        bounds = [f"from {_number(spec.minimum)}" if spec.minimum is not None else "",
                  f"to {_number(spec.maximum)}" if spec.maximum is not None else ""]
        word = "a whole number" if spec.type is T.INT else "a number"
        return " ".join([word, *(b for b in bounds if b)]), "N"
    described = {
        T.SENSITIVITY: ("public, internal, confidential or protected", "LEVEL"),
        T.DATE: ("a date, YYYY-MM-DD", "DATE"),
        T.COUNTRY: ("a country code, ISO 3166-1 alpha-2 (DE, FR, GE...)", "CC"),
        T.REGION: ("a region of Russia or occupied Ukraine, ISO 3166-2 (RU-MOW, RU-TA, UA-43 "
                   "for Crimea...)", "CODE"),
        T.REF: ("a record id (see 'registry search')", "ID"),
        T.CURRENCY: ("a currency code, ISO 4217 (EUR, USD...)", "CUR"),
        T.BOOL: ("", ""),
    }
    single = {T.COUNTRY_LIST: T.COUNTRY, T.REGION_LIST: T.REGION, T.REF_LIST: T.REF}
    return described.get(single.get(spec.type, spec.type),
                         (f"text, up to {spec.max_len} characters", "TEXT"))


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


# -- opening the vault ---------------------------------------------------------------------------
def vault_dir(args: argparse.Namespace) -> Path:
    from registry.service import default_vault_dir

    return Path(args.vault) if args.vault else default_vault_dir()


def open_registry(args: argparse.Namespace) -> Any:
    """Unlock with REGISTRY_PASSPHRASE, else the OS keychain, else a terminal prompt."""
    from registry.service import Registry

    root = vault_dir(args)
    passphrase = os.environ.get(PASS_ENV)
    if passphrase is not None:
        return _told(Registry.unlock(root, passphrase))
    try:
        return _told(Registry.unlock(root, None))
    except VaultLocked:
        if not sys.stdin.isatty():
            raise
    return _told(Registry.unlock(root, getpass.getpass("Passphrase: ")))


def _told(reg: Any) -> Any:
    """Say on standard error what the unlock finished of a rotation a crash cut short."""
    settled = reg.rotation_settled
    if settled is not None and settled.kept:
        passphrase = (" The passphrase is the one the vault had before that change: if you "
                      "were setting a new one, it was not set - run 'registry passwd' again."
                      if settled.old_passphrase else "")
        _error("A change of the data key ('passwd --rotate' or 'rekey') was cut short "
               "earlier; it is finished now: copies of vault.key made before it open nothing "
               "current." + passphrase + _recovery_after_rotation(settled.recovery))
    elif settled is not None:
        _error("A change of the data key ('passwd --rotate' or 'rekey') was cut short before "
               "it changed anything, and was undone: the data key and the passphrase are as "
               "they were. Run it again.")
    return reg


def _new_passphrase(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise VaultLocked(f"A passphrase is needed: set {env} or run from a terminal.")
    first = getpass.getpass(prompt)
    if getpass.getpass("Repeat it: ") != first:
        raise InvalidInput("The two passphrases differ; nothing was changed.")
    return first


def with_registry(func: Callable[[Any, argparse.Namespace], int | None]) -> Callable[..., int]:
    def run(args: argparse.Namespace) -> int:
        reg = open_registry(args)
        try:
            return int(func(reg, args) or EXIT_OK)
        finally:
            reg.lock()
    return run


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=None))
    else:
        print(text)


# -- commands ------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from registry.service import Registry

    passphrase = _new_passphrase(PASS_ENV, "New passphrase: ")
    reg = Registry.create(vault_dir(args), passphrase, name=args.name, org=args.org,
                          country=args.country, min_score=_min_score(PASS_ENV, passphrase,
                                                                     args.name, args.org))
    try:
        if args.remember:
            _remember(reg)
        print(f"Vault created at {reg.paths.root}\nFingerprint: {reg.identity.fingerprint}")
    finally:
        reg.lock()
    return EXIT_OK


def _min_score(variable: str, passphrase: str, *known: str) -> int:
    """A passphrase a script passes in the environment may score one less, with a warning
    (see ``registry.vault.strength.SCRIPTED_MIN_SCORE``); one typed at a terminal may not."""
    from registry.vault import strength

    if os.environ.get(variable) is None:
        return strength.MIN_SCORE
    score = strength.estimate(passphrase, known).score
    if score == strength.SCRIPTED_MIN_SCORE:
        _error(f"warning: the passphrase in {variable} is only fair (strength {score} of 4). "
               "Anyone who gets this laptop or a backup can try passphrases against the key "
               "file at their own pace: a person choosing one should use four or more random "
               "words.")
    return strength.SCRIPTED_MIN_SCORE


def _remember(reg: Any) -> None:
    from registry.errors import KeychainError

    try:
        reg.remember()
        print("This computer now remembers the vault's key in the OS keychain.")
    except KeychainError as exc:
        _error(f"{exc} The vault was created and opens with the passphrase.")


def cmd_demo(args: argparse.Namespace) -> int:
    from registry import demo
    from registry.service import Registry

    passphrase = os.environ.get(PASS_ENV) or DEMO_PASSPHRASE
    size = demo.DemoSize(
        people=args.people,
        organisations=args.organisations if args.organisations is not None
        else max(10, args.people // 10),
        ties=args.ties if args.ties is not None else args.people * 3, seed=args.seed)
    reg = Registry.create(vault_dir(args), passphrase, name="Demo Official",
                          org="Demo Ministry", country="SE", allow_short=True)
    try:
        total = reg.fill_demo(size)
        print(f"Demo vault with {total} fictional records at {reg.paths.root}"
              f" (passphrase: {'from ' + PASS_ENV if os.environ.get(PASS_ENV) else 'demo'})")
    finally:
        reg.lock()
    if args.open:
        return cmd_gui(args)
    return EXIT_OK


@with_registry
def cmd_identity_show(reg: Any, args: argparse.Namespace) -> None:
    ident = reg.identity.to_json()
    emit(args, ident, "\n".join(f"{k}: {v}" for k, v in ident.items()))


def _record_values(args: argparse.Namespace, kind: str) -> dict[str, Any]:
    from registry.domain.enums import Kind
    from registry.domain.model import KINDS

    fields = KINDS[Kind(kind)].by_name
    values: dict[str, Any] = {}
    for opt in OPTIONS:
        value = getattr(args, opt.flag[2:].replace("-", "_"), None)
        if value is None:
            continue
        if kind not in opt.fields:
            raise InvalidInput(f"{opt.flag} does not apply to a {kind}.")
        name = opt.fields[kind]
        one = opt.many and name in fields and not fields[name].is_list
        values[name] = value[-1] if one else value
    if kind == EVA:
        _evaluation_values(values)
    return values


def _evaluation_values(values: dict[str, Any]) -> None:
    import datetime as dt

    scores = values.pop("scores", None)
    if scores is not None:
        parts = scores.split(",")
        if len(parts) != 3:
            raise InvalidInput("--scores takes three numbers 0-4, e.g. 3,2,4.")
        for i, part in enumerate(parts, 1):
            values[f"score_{i}"] = part
    for i, text in enumerate(values.pop("evidence", None) or [], 1):
        if i > 3:
            raise InvalidInput("--evidence is given at most three times (one per criterion).")
        values[f"evidence_{i}"] = text
    values.setdefault("date", dt.date.today().isoformat())


@with_registry
def cmd_add(reg: Any, args: argparse.Namespace) -> None:
    from registry.domain.enums import Kind

    record = reg.add(Kind(args.record_kind), _record_values(args, args.record_kind))
    emit(args, {"id": record.id}, record.id)


@with_registry
def cmd_update(reg: Any, args: argparse.Namespace) -> None:
    record = reg.get(args.id)
    values = _record_values(args, record.kind.value)
    if record.kind.value == EVA:
        values.pop("date", None) if args.date is None else None
    before = reg.protection_mark(record.id)
    changed = _update(reg, record.id, values, args)
    holders = reg.holders_to_tell(record.id, before)
    text = f"{record.id}: {', '.join(changed) or 'nothing changed'}"
    if holders:
        text += "\n" + notice_hint("This record is now protected", holders)
    emit(args, {"id": record.id, "changed": changed,
                "shared_with": [h.to_json() for h in holders]}, text)


def notice_hint(what: str, holders: Sequence[Any]) -> str:
    """``what`` (is now protected), with whom it was shared, and the command that protects
    it there (DESIGN §6.4.2)."""
    names = ", ".join(dict.fromkeys(h.name or h.key for h in holders))
    to = " ".join(dict.fromkeys(f"--to {h.key}" for h in holders if h.official))
    return (f"{what} and was shared with: {names}.\nSend them the protection notice now: "
            f"registry bundle export --notices-only {to} -o FILE.rbundle")


def _update(reg: Any, record_id: str, values: dict[str, Any], args: argparse.Namespace
            ) -> list[str]:
    """Update; lowering protection asks first (a terminal), or says what it did (a script)."""
    from registry.errors import LoweringNeedsConfirmation

    try:
        return list(reg.update(record_id, values, confirm_lowering=args.yes_lower_protection))
    except LoweringNeedsConfirmation as exc:
        if sys.stdin.isatty():
            answer = input(f"{exc} Lower it here? [y/N] ").strip().lower()
            if answer not in ("y", "yes"):
                raise UsageError("Nothing changed: the protection was not lowered.") from None
        else:
            print("registry: lowering this record's protection in this vault only (audited; "
                  "other vaults keep theirs).", file=sys.stderr)
        return list(reg.update(record_id, values, confirm_lowering=True))


@with_registry
def cmd_delete(reg: Any, args: argparse.Namespace) -> None:
    reg.delete(args.id)
    print(f"deleted {args.id}")


@with_registry
def cmd_erase(reg: Any, args: argparse.Namespace) -> None:
    erased = reg.erase(args.id)
    print(f"erased {len(erased)} record(s): {' '.join(erased)}")


@with_registry
def cmd_show(reg: Any, args: argparse.Namespace) -> None:
    record = reg.get(args.id)
    ties = [{"id": t.id, **t.values} for t in reg.ties_of(record.id)]
    level = reg.protection_of(record.id)
    provenance = reg.provenance(record)
    data = {"id": record.id, "kind": record.kind.value, "sensitivity": level.label,
            "protected": level.label == "protected",
            "fields": record.values, "provenance": provenance, "ties": ties}
    lines = [f"{record.kind.value} {record.id} ({level.label})"]
    lines += [f"  {k}: {v}  ({_set_by(provenance.get(k, {}))})" for k, v in record.values.items()]
    lines += [f"  tie {t['kind']}: {t['from_id']} -> {t['to_id']}" for t in ties]
    emit(args, data, "\n".join(lines))


def _set_by(p: dict[str, Any]) -> str:
    """"set by A, received from C" (DESIGN §6.5.1): the stamp's origin and the bundle's signer."""
    by = p.get("by") or str(p.get("origin") or "?")[:16]
    if p.get("received_from") is None:
        return f"set by {by}"
    sender = p.get("received_from_name") or str(p["received_from"])[:16]
    return f"set by {by}, received from {sender} (import {p.get('import_id')})"


@with_registry
def cmd_search(reg: Any, args: argparse.Namespace) -> None:
    hits = reg.search(args.query, args.limit)
    emit(args, [h.to_json() for h in hits],
         "\n".join(f"{h.id}  {h.kind:<12} {h.name}" for h in hits) or "no match")


@with_registry
def cmd_stats(reg: Any, args: argparse.Namespace) -> None:
    from registry.cli_views import stats_text

    data = reg.stats()
    emit(args, data, stats_text(data))


@with_registry
def cmd_digest(reg: Any, args: argparse.Namespace) -> None:
    digest = reg.digest()
    emit(args, {"digest": digest}, digest)


@with_registry
def cmd_check(reg: Any, args: argparse.Namespace) -> int:
    problems = reg.check()
    if problems:
        emit(args, {"ok": False, "problems": problems},
             "The vault is damaged: " + "; ".join(problems[:5])
             + ". Restore the vault folder from a backup.")
        return EXIT_FAILED
    emit(args, {"ok": True, "problems": []}, "The vault is whole.")
    return EXIT_OK


@with_registry
def cmd_passwd(reg: Any, args: argparse.Namespace) -> None:
    from registry.service import same_passphrase

    old = os.environ.get(PASS_ENV)
    if old is None:
        if not sys.stdin.isatty():
            raise VaultLocked(f"The current passphrase is needed: set {PASS_ENV}.")
        old = getpass.getpass("Current passphrase: ")
    new = _new_passphrase(NEW_PASS_ENV, "New passphrase: ")
    recovery = reg.change_passphrase(old, new, rotate=args.rotate,
                                     min_score=_min_score(NEW_PASS_ENV, new, reg.identity.name,
                                                          reg.identity.org))
    if args.rotate and same_passphrase(old, new):
        print("Data key rotated; the passphrase is the same as before. Copies of vault.key "
              "made before (e.g. in backups) open nothing current. Backups made before still "
              "open with the passphrase, with the data they held then."
              + _recovery_after_rotation(recovery))
    elif args.rotate:
        print("Passphrase changed and data key rotated: only the new passphrase opens the "
              "vault, and copies of vault.key made before (e.g. in backups) open nothing "
              "current. Backups made before still open with the old passphrase, with the data "
              "they held then." + _recovery_after_rotation(recovery))
    else:
        print("Passphrase changed: this vault.key now opens with the new passphrase only. "
              "Copies of vault.key made before (every backup holds one) still open the vault, "
              "with its current data, with the old passphrase. If the old passphrase or such a "
              "copy may be in other hands, rotate the data key now: registry rekey ("
              "registry passwd --rotate does both in one step).")


@with_registry
def cmd_rekey(reg: Any, args: argparse.Namespace) -> None:
    passphrase = os.environ.get(PASS_ENV)
    if passphrase is None:
        if not sys.stdin.isatty():
            raise VaultLocked(f"The passphrase is needed to re-seal the new key: set {PASS_ENV}.")
        passphrase = getpass.getpass("Passphrase: ")
    recovery = reg.rotate_key(passphrase)
    print("The database key was rotated." + _recovery_after_rotation(recovery))


def _recovery_after_rotation(state: str | None) -> str:
    """What a rotation did to the recovery set (``Registry.rotate_key``), to say after it."""
    from registry.sync.custodians import SET_REISSUED, SET_REVOKED

    if state == SET_REISSUED:
        return ("\nThe recovery shares of the old key open nothing now; your custodians have "
                "new ones: write them with 'registry recovery export -o DIR' and send them.")
    if state == SET_REVOKED:
        return ("\nThe recovery shares of the old key open nothing now, and this vault has no "
                "recovery set (it had paper shares, whose new words must be shown, or a "
                "custodian is no longer verified): set one up again with 'registry recovery "
                "setup'.")
    return ""


def cmd_wipe(args: argparse.Namespace) -> int:
    from registry.service import wipe_vault

    if not args.yes:
        _error("wipe destroys the vault for good; add --yes to confirm.")
        return EXIT_USAGE
    root = vault_dir(args)
    if not wipe_vault(root):
        _error("The OS keychain entry could not be removed; remove 'Registry vault' entries "
               "from the keychain by hand. The vault itself is destroyed.")
    print(f"The vault at {root} was wiped; it can never be opened again.")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from registry.gui.app import run
    except ImportError:
        _error("The desktop app is not available in this installation.")
        return EXIT_FAILED
    return int(run(vault_dir(args), chosen=args.vault is not None))
