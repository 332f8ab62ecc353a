"""Command line for recovery shares and the recovery ceremony (issue 15): a thin client of
``Registry.recovery``, ``Registry.request_recovery`` and ``Registry.recover``.

``recovery setup --custodian FP... [--paper N] --threshold K [-o DIR]``, ``recovery status``,
``recovery export -o DIR``, ``recovery receive FILE`` (a custodian keeps a share),
``recovery request -o FILE [--backup FILE]`` and ``recovery complete [RESPONSE...]
[--paper FILE|-]... [--backup FILE [--force]]`` (the machine without a passphrase, with the
vault folder or a backup of it), ``recovery respond REQUEST -o FILE
--confirm-safety-number NUMBER`` (a custodian releases a share).
"""

from __future__ import annotations

import argparse
import getpass
import io
import os
import sys
from pathlib import Path
from typing import Any, cast

from registry.cli import PASS_ENV, _new_passphrase, emit, vault_dir, with_registry
from registry.errors import EXIT_OK, EXIT_USAGE, UsageError
from registry.vault.hardening import zero

MAX_TYPED = 16 * 1024  # paper shares on standard input (16 shares of 33 words fit many times)


def register(sub: Any) -> None:
    p = sub.add_parser("recovery", help="recovery shares with colleagues and on paper")
    rsub = p.add_subparsers(dest="recovery_command", required=True, metavar="ACTION")

    q = rsub.add_parser("setup", help="split the data key k of n among custodians")
    q.add_argument("--custodian", action="append", default=[], metavar="FINGERPRINT",
                   help="a verified colleague who holds one share (repeat)")
    q.add_argument("--paper", type=int, default=0, metavar="N",
                   help="paper shares, shown once as SLIP-39 words")
    q.add_argument("--threshold", type=int, required=True, metavar="K",
                   help="shares needed to recover (2 ≤ K ≤ shares ≤ 16)")
    q.add_argument("-o", "--out-dir", type=Path, default=None,
                   help="folder for the colleagues' share files (else each travels in your "
                   "next bundle to that colleague)")
    _json(q)
    q.set_defaults(func=cmd_setup)

    q = rsub.add_parser("status", help="this vault's recovery set and the shares it holds")
    _json(q)
    q.set_defaults(func=cmd_status)

    q = rsub.add_parser("export", help="write the current set's share files")
    q.add_argument("-o", "--out-dir", type=Path, required=True)
    q.add_argument("--all", action="store_true", help="also the files written before")
    _json(q)
    q.set_defaults(func=cmd_export)

    q = rsub.add_parser("receive", help="keep a colleague's recovery share file")
    q.add_argument("file", type=Path)
    _json(q)
    q.set_defaults(func=cmd_receive)

    q = rsub.add_parser("request", help="without a passphrase: a one-time recovery request")
    q.add_argument("-o", "--output", type=Path, required=True)
    q.add_argument("--backup", type=Path, default=None, metavar="FILE",
                   help="recover the vault in this backup (.rbackup) into --vault")
    _json(q)
    q.set_defaults(func=cmd_request)

    q = rsub.add_parser("respond", help="as a custodian: release your share to a request")
    q.add_argument("request", type=Path)
    q.add_argument("-o", "--output", type=Path, required=True)
    q.add_argument("--confirm-safety-number", default=None, metavar="NUMBER",
                   help="the request's safety number, as compared with the requester")
    q.add_argument("--override-cooling-off", action="store_true",
                   help="answer although another request for this vault was answered lately")
    q.add_argument("--owner", default=None, metavar="FINGERPRINT",
                   help="whose share, when the request does not say")
    _json(q)
    q.set_defaults(func=cmd_respond)

    q = rsub.add_parser("complete", help="open the vault with k shares and a new passphrase")
    q.add_argument("responses", type=Path, nargs="*")
    q.add_argument("--paper", type=Path, action="append", default=[], metavar="FILE",
                   help="a text file with paper share words, one share per line (repeat); "
                        "'-' reads them from the terminal (or standard input)")
    q.add_argument("--backup", type=Path, default=None, metavar="FILE",
                   help="the backup the request was made from (request --backup)")
    q.add_argument("--force", action="store_true",
                   help="with --backup: replace a vault found in --vault (it is kept aside)")
    _json(q)
    q.set_defaults(func=cmd_complete)


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _current_passphrase() -> str | None:
    value = os.environ.get(PASS_ENV)
    if value is None and sys.stdin.isatty():
        return getpass.getpass("Passphrase (to rotate the data key): ")
    return value


@with_registry
def cmd_setup(reg: Any, args: argparse.Namespace) -> int:
    passphrase = _current_passphrase() if reg.recovery.current() is not None else None
    issued = reg.recovery.setup(args.custodian, args.paper, args.threshold, passphrase,
                                args.out_dir if args.custodian else None)
    files = issued.files
    data = {**issued.to_json(), "files": [str(f) for f in files],
            "paper_shares": issued.paper}
    lines = [f"Recovery set {issued.generation}: any {issued.threshold} of {issued.shares} "
             "shares open the vault."]
    if issued.rotated:
        lines.append("The data key was rotated first: the shares of the set before open "
                     "nothing current.")
    lines += [f"Share file for a colleague: {f} (send it; only they can open it)"
              for f in files]
    if issued.custodians and not files:
        lines.append("Each colleague's share travels in your next bundle to them (bundle "
                     "export --to FINGERPRINT), sealed so only they can open it; or write "
                     "the share files with 'registry recovery export -o DIR'.")
    for number, words in enumerate(issued.paper, 1):
        lines += [f"Paper share {number} of {len(issued.paper)} — write it down now, it is "
                  "not shown again:", f"  {words}"]
    emit(args, data, "\n".join(lines))
    return EXIT_OK


@with_registry
def cmd_status(reg: Any, args: argparse.Namespace) -> None:
    status = reg.recovery.status()
    lines = []
    issued = status["issued"]
    if issued is None:
        lines.append("No recovery set: a forgotten passphrase loses this vault. Set one up "
                     "with 'registry recovery setup'.")
    else:
        lines.append(f"Recovery set {issued['generation']} ({issued['created_at']}): "
                     f"{issued['threshold']} of {issued['shares']} shares.")
        if not issued["key_is_current"]:
            lines.append("  It is of an earlier data key and opens nothing: set up again.")
        for c in issued["custodians"]:
            who = "paper" if c["custodian"] == "paper" else \
                f"{c['name']} {c['custodian']}" + ("" if c["sent"] else " (file not written)")
            lines.append(f"  share {c['member']}: {who}{_attention(c)}")
    lines.append(f"Revoked sets: {status['revoked_sets']}")
    lines.append("Recovery shares I hold:" if status["held"] else
                 "Recovery shares I hold: none")
    lines += [f"  {h['owner_name']} {h['owner']} — since {h['since']}"
              f" ({h['threshold']} of {h['shares']}, set {h['generation']}, {h['status']})"
              for h in status["held"]]
    emit(args, status, "\n".join(lines))


def _attention(custodian: dict[str, Any]) -> str:
    """Why a custodian of the current set needs attention (set up again without them)."""
    state = custodian.get("attention")
    if state is None:
        return ""
    if state == "retired":
        return (f" — NEEDS ATTENTION: handed their post over to {custodian['successor']}; "
                "set up again naming the successor ('registry recovery setup')")
    return (f" — NEEDS ATTENTION: {state} here, yet their share still counts; set up again "
            "without them ('registry recovery setup')")


@with_registry
def cmd_export(reg: Any, args: argparse.Namespace) -> None:
    files = reg.recovery.export(args.out_dir, all_files=args.all)
    emit(args, {"files": [str(f) for f in files]},
         "\n".join(f"Share file: {f}" for f in files) or "No share file was waiting.")


@with_registry
def cmd_receive(reg: Any, args: argparse.Namespace) -> None:
    held, new = reg.recovery.receive(args.file)
    emit(args, {**held.to_json(), "new": new},
         f"{'You now hold' if new else 'You already held'} a recovery share of "
         f"{held.owner_name}'s vault ({held.threshold} of {held.shares}). It stays sealed to "
         "your key; you release it only to a request you confirm with them.")


@with_registry
def cmd_respond(reg: Any, args: argparse.Namespace) -> int:
    if args.confirm_safety_number is None:
        view = reg.recovery.inspect_request(args.request, args.owner)
        whose = "no share you hold" if view.share is None else \
            f"{view.share.owner_name} ({view.share.owner})"
        emit(args, view.to_json(),
             f"Recovery request {view.request.request_id} ({view.request.created_at}) for "
             f"the vault of {whose}.\nSafety number: {view.request.safety_number}\n"
             "Call the colleague (not by a message on the channel the request came by), "
             "have them read their safety number, and only if it is the same run again with "
             "--confirm-safety-number NUMBER. Nothing was released.")
        return EXIT_USAGE
    released = reg.recovery.respond(args.request, args.output, args.confirm_safety_number,
                                    owner=args.owner,
                                    override_cooling_off=args.override_cooling_off)
    emit(args, released.to_json(),
         f"Your share of {released.owner_name}'s vault is in {released.path}, sealed to the "
         "request's one-time key. Send it to them.")
    return EXIT_OK


def cmd_request(args: argparse.Namespace) -> int:
    from registry.service import Registry

    passphrase = _new_passphrase(PASS_ENV, "New passphrase for the vault: ")
    made = Registry.request_recovery(vault_dir(args), passphrase, args.output,
                                     backup=args.backup)
    again = " --backup FILE" if args.backup is not None else ""
    emit(args, made.to_json(),
         f"Recovery request written to {made.path}.\nSafety number: "
         f"{made.request.safety_number}\nSend the file to your custodians and read this "
         f"number to each of them on a call. Complete with 'registry recovery complete{again}' "
         "and their responses; the same new passphrase will be asked.")
    return EXIT_OK


def cmd_complete(args: argparse.Namespace) -> int:
    from registry.service import Registry

    if not args.responses and not args.paper:
        raise UsageError("Give the custodians' response files and/or --paper FILE.")
    if args.force and args.backup is None:
        raise UsageError("--force goes with --backup FILE.")
    files = [p for p in args.paper if str(p) != "-"]
    if len(files) < len(args.paper) - 1:
        raise UsageError("Give --paper - once: it reads every paper share.")
    passphrase = _new_passphrase(PASS_ENV, "New passphrase for the vault: ")
    words = _typed_paper() if len(files) < len(args.paper) else []
    try:
        reg, report = Registry.recover(vault_dir(args), passphrase, args.responses, files,
                                       paper_words=words, backup=args.backup, force=args.force)
    finally:
        for share in words:
            zero(share)
    try:
        status = reg.recovery.current()
        report["reissued"] = status is not None
    finally:
        reg.lock()
    then = (" New shares were issued to the same colleagues: send them with 'registry "
            "recovery export -o DIR'." if report["reissued"] else
            " Set up recovery again with 'registry recovery setup'.")
    emit(args, report,
         "The vault is open again: it has a new passphrase and a new data key (the shares "
         "used are revoked)." + _from_backup(report) + then)
    return EXIT_OK


def _from_backup(report: dict[str, Any]) -> str:
    if "backup_created_at" not in report:
        return ""
    text = f" It holds the backup of {report['backup_created_at']}."
    if report.get("kept_aside"):
        text += (f" The folder that was there was kept at {report['kept_aside']}; once the "
                 f"recovered vault works, destroy it: registry --vault {report['kept_aside']} "
                 "wipe --yes")
    return text


def _typed_paper() -> list[bytearray]:
    """Paper shares for ``--paper -``: typed at the terminal without echo, one share a
    prompt until an empty one, or one share a line on standard input. Each is a bytearray
    the caller zeroes; what ``getpass`` returns is a ``str``, which Python cannot overwrite
    (it is dropped at once)."""
    if sys.stdin.isatty():
        typed: list[bytearray] = []
        while line := getpass.getpass(f"Paper share {len(typed) + 1} (the words; an empty "
                                      "line when done): "):
            typed.append(bytearray(line.encode("utf-8")))
        return typed
    data, size = bytearray(MAX_TYPED + 1), 0
    try:
        stdin = cast("io.BufferedIOBase", sys.stdin.buffer)
        while size <= MAX_TYPED and (got := stdin.readinto(memoryview(data)[size:])):
            size += got
        del data[size:]
        if size > MAX_TYPED:
            raise UsageError("Standard input holds more than paper shares; nothing was read.")
        return [bytearray(line) for line in data.splitlines() if line and not line.isspace()]
    finally:
        zero(data)
