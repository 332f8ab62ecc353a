"""Command line for cards, trust and bundles (DESIGN §9, a contract): a thin client of
``Registry.sharing``.

``identity export-card FILE [--qr SVG]``, ``identity safety-number FINGERPRINT``,
``trust add CARD [--verified [--method M]]``, ``trust list``, ``trust verify``,
``trust revoke``, ``bundle export``, ``bundle inspect``, ``bundle import``,
``bundle history``, ``bundle revert``, ``bundle held [accept|decline ID]``,
``handover statement --successor FINGERPRINT -o FILE``,
``handover accept FILE [--dry-run] [--move-custodianship]``.
Signature and trust failures exit with 4.

Revoking an official who holds a share of this vault's recovery set (``trust revoke``, with or
without ``--revert-since``), or accepting their succession statement, rotates the data key and
re-issues the set without them (``registry.sync.custodians``): the passphrase is then asked
(REGISTRY_PASSPHRASE or the terminal), and the output says what to send.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from registry.cli import PASS_ENV, emit, with_registry
from registry.errors import UsageError
from registry.sync.trust import METHODS

LEVELS = ("public", "internal", "confidential", "protected")


def register(sub: Any) -> None:
    """Add the sharing commands to the top-level subparsers."""
    _identity(sub)
    _trust(sub)
    _bundle(sub)
    _handover(sub)


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _identity(sub: Any) -> None:
    # 'identity' exists already (identity show): extend its sub-commands.
    parser = sub.choices["identity"]
    isub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = isub.add_parser("export-card", help="write this official's signed public card")
    p.add_argument("file", type=Path)
    p.add_argument("--qr", type=Path, default=None, help="also write the card as an SVG QR code")
    p.set_defaults(func=cmd_export_card)
    p = isub.add_parser("safety-number", help="the safety number shared with an official")
    p.add_argument("fingerprint")
    _json(p)
    p.set_defaults(func=cmd_safety_number)


def _trust(sub: Any) -> None:
    p = sub.add_parser("trust", help="the officials you exchange bundles with")
    tsub = p.add_subparsers(dest="trust_command", required=True, metavar="ACTION")
    q = tsub.add_parser("add", help="add an official from their card")
    q.add_argument("card", type=Path)
    q.add_argument("--verified", action="store_true",
                   help="the safety number or QR code was compared out of band")
    q.add_argument("--method", choices=METHODS, default="safety_number")
    _json(q)
    q.set_defaults(func=cmd_trust_add)
    q = tsub.add_parser("list", help="the trust store")
    _json(q)
    q.set_defaults(func=cmd_trust_list)
    q = tsub.add_parser("verify", help="mark an official verified")
    q.add_argument("fingerprint")
    q.add_argument("--method", choices=METHODS, required=True)
    q.set_defaults(func=cmd_trust_verify)
    q = tsub.add_parser("revoke", help="refuse this official's bundles from now on")
    q.add_argument("fingerprint")
    q.add_argument("--revert-since", metavar="DATE", default=None,
                   help="also revert, in the same step, every value their bundles imported "
                        "on or after DATE (YYYY-MM-DD, UTC) set (DESIGN §6.5.9)")
    q.add_argument("--dry-run", action="store_true",
                   help="with --revert-since: say what would be reverted, change nothing")
    q.add_argument("--yes-lower-protection", action="store_true",
                   help="with --revert-since: confirm lowering the protection they had raised "
                        "(kept in this vault only, audited); asked at a terminal")
    _json(q)
    q.set_defaults(func=cmd_trust_revoke)


def _handover(sub: Any) -> None:
    p = sub.add_parser("handover", help="hand your post over to a successor")
    hsub = p.add_subparsers(dest="handover_command", required=True, metavar="ACTION")
    q = hsub.add_parser("statement", help="sign the statement naming your successor (verified "
                        "in person); your key then retires")
    q.add_argument("--successor", metavar="FINGERPRINT", required=True)
    q.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    _json(q)
    q.set_defaults(func=cmd_handover_statement)
    q = hsub.add_parser("accept", help="trust a verified colleague's successor and retire "
                        "the colleague's key")
    q.add_argument("file", type=Path)
    q.add_argument("--dry-run", action="store_true", help="check and show it, change nothing")
    q.add_argument("--move-custodianship", action="store_true",
                   help="when the official handing over holds a share of your recovery set: "
                        "the successor takes their place (new shares, new data key)")
    _json(q)
    q.set_defaults(func=cmd_handover_accept)


def _bundle(sub: Any) -> None:
    p = sub.add_parser("bundle", help="signed, encrypted bundles")
    bsub = p.add_subparsers(dest="bundle_command", required=True, metavar="ACTION")
    q = bsub.add_parser("export", help="write a bundle for named recipients")
    q.add_argument("-o", "--output", dest="output", type=Path, required=True)
    q.add_argument("--to", action="append", default=[], metavar="FINGERPRINT")
    q.add_argument("--to-age-recipient", action="append", default=[], metavar="AGE1")
    q.add_argument("--max-sensitivity", choices=LEVELS, default="internal")
    q.add_argument("--protected", choices=("exclude", "pseudonymise", "include"),
                   default="exclude")
    q.add_argument("--yes-include-protected", action="store_true",
                   help="confirm --protected include: people at risk leave in this bundle")
    q.add_argument("--keep-mentions", action="store_true",
                   help="keep free text that names a protected person (blanked by default)")
    q.add_argument("--since-last", action="store_true")
    q.add_argument("--notices-only", action="store_true",
                   help="only the protection notices for records the recipients hold")
    q.add_argument("--dry-run", action="store_true", help="print the exposure preview only")
    _json(q)
    q.set_defaults(func=cmd_bundle_export)
    q = bsub.add_parser("inspect", help="verify and show a bundle's manifest")
    q.add_argument("file", type=Path)
    _json(q)
    q.set_defaults(func=cmd_bundle_inspect)
    q = bsub.add_parser("import", help="verify, decrypt and merge bundles")
    q.add_argument("files", nargs="+", type=Path)
    q.add_argument("--dry-run", action="store_true")
    q.add_argument("--allow-unverified", action="store_true",
                   help="accept bundles from trusted officials whose card is not verified")
    _json(q)
    q.set_defaults(func=cmd_bundle_import)
    q = bsub.add_parser("history", help="the imports made, with their ids")
    _json(q)
    q.set_defaults(func=cmd_bundle_history)
    q = bsub.add_parser("revert", help="undo an import (as new edits that travel)")
    q.add_argument("import_id")
    _json(q)
    q.set_defaults(func=cmd_bundle_revert)
    q = bsub.add_parser("held", help="erasures waiting for your decision (DESIGN §6.5.4)")
    _json(q)
    q.set_defaults(func=cmd_bundle_held)
    hsub = q.add_subparsers(dest="held_command", required=False, metavar="ACTION")
    for action, text in (("accept", "apply a held erasure (irreversible)"),
                         ("decline", "keep the record as it is; the erasure stays local")):
        h = hsub.add_parser(action, help=text)
        h.add_argument("held_id", metavar="ID")
        h.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="machine-readable output")
        h.set_defaults(func=cmd_bundle_held_decide)


# -- identity -------------------------------------------------------------------------------------
@with_registry
def cmd_export_card(reg: Any, args: argparse.Namespace) -> None:
    from registry.fsutil import atomic_write

    card = reg.sharing.card()
    atomic_write(args.file, card, mode=0o644)
    if args.qr is not None:
        atomic_write(args.qr, reg.sharing.card_qr_svg().encode("utf-8"), mode=0o644)
    print(f"Card written to {args.file}\nFingerprint: {reg.identity.fingerprint}")


@with_registry
def cmd_safety_number(reg: Any, args: argparse.Namespace) -> None:
    number = reg.sharing.safety_number(args.fingerprint)
    emit(args, {"fingerprint": args.fingerprint, "safety_number": number}, number)


# -- a custodian of the recovery set leaves (registry.sync.custodians) ----------------------------
def current_passphrase() -> str | None:
    """The passphrase for a step that rotates the data key: REGISTRY_PASSPHRASE, else asked
    at the terminal; None without either (the core then refuses and changes nothing)."""
    value = os.environ.get(PASS_ENV)
    if value is None and sys.stdin.isatty():
        return getpass.getpass("Passphrase (to rotate the data key): ")
    return value


def reissue_json(reissued: Any) -> dict[str, Any] | None:
    """A re-issue's --json fields (``Reissued.to_json`` and the new paper words, as
    ``recovery setup --json`` gives them), for trust revoke and handover accept."""
    if reissued is None:
        return None
    return {**reissued.to_json(), "paper_shares": list(reissued.paper)}


def reissue_lines(reissued: Any, name: str) -> list[str]:
    """What happened to this vault's recovery set when ``name`` (a custodian) left it."""
    if reissued is None:
        return []
    lines = [f"{name} held a share of this vault's recovery set: the data key was rotated, so "
             "their share and every other share of the set before open nothing current."]
    if not reissued.current:
        return [*lines, "Too few shares were left for the same threshold "
                f"({reissued.threshold}): this vault has no recovery set now. Set one up "
                "again with 'registry recovery setup'."]
    who = "; their successor takes their place" if reissued.successor else ""
    lines.append(f"New recovery set {reissued.generation}: any {reissued.threshold} of "
                 f"{reissued.shares} shares{who}. Write the colleagues' new share files with "
                 "'registry recovery export -o DIR' and send them.")
    if reissued.dropped:
        lines.append("Also left out (no longer verified here): " + ", ".join(reissued.dropped))
    for number, words in enumerate(reissued.paper, 1):
        lines += [f"New paper share {number} of {len(reissued.paper)} (the old paper shares "
                  "open nothing now) — write it down now, it is not shown again:", f"  {words}"]
    return lines


# -- handover -------------------------------------------------------------------------------------
@with_registry
def cmd_handover_statement(reg: Any, args: argparse.Namespace) -> None:
    retired = reg.sharing.handover_statement(args.successor, args.output)
    emit(args, {"file": str(args.output), "successor": retired.successor, "at": retired.at},
         f"Succession statement written to {args.output}.\n"
         "Send it to your colleagues; give your successor the handover bundle too "
         f"(bundle export --to {retired.successor} --max-sensitivity protected "
         "--protected include --yes-include-protected).\nYour key is retired: colleagues who "
         "accept the statement refuse what it signs, and this vault now writes bundles for "
         "your successor only.")


@with_registry
def cmd_handover_accept(reg: Any, args: argparse.Namespace) -> None:
    from registry.sync.handover import read_statement_file

    data = read_statement_file(args.file)
    statement = reg.sharing.preview_handover(data)
    holds = reg.sharing.holds_recovery_share(statement.predecessor.fingerprint)
    own = statement.successor.fingerprint == reg.identity.fingerprint
    inherited = reg.sharing.handover_inherited(statement.predecessor.fingerprint)
    if args.dry_run:
        emit(args, {**statement.to_json(), "dry_run": True, "holds_recovery_share": holds,
                    **({"holdings_inherited": inherited} if own else {})},
             _handover_line(statement) + _share_note(statement, holds, args.move_custodianship)
             + (_not_inherited(statement) if own and not inherited else "")
             + "\nNothing was changed (--dry-run).")
        return
    accepted = reg.sharing.accept_handover(
        data, passphrase=current_passphrase() if holds else None,
        move_custodianship=args.move_custodianship)
    successor = accepted.statement.successor
    text = _handover_line(accepted.statement)
    if accepted.own_post:
        text += "\nThis vault is the successor named." + (
            "" if accepted.inherited else _not_inherited(accepted.statement))
    elif accepted.heir is not None:
        text += (f"\n{successor.name} has handed the post on already, to {accepted.heir.name}: "
                 f"their key stays retired, and {accepted.heir.name} is known to hold what "
                 f"{accepted.statement.predecessor.name} was sent.")
    elif accepted.successor_was_verified:
        text += f"\n{successor.name} was already verified here; they stay so."
    else:
        text += (f"\n{successor.name} is now trusted as the successor (verified by succession)."
                 " Compare the safety number with them when you can: 'registry identity "
                 f"safety-number {successor.fingerprint}'.")
    text += (f"\n{accepted.statement.predecessor.name}'s key is retired: bundles it signs are "
             "refused from now on.")
    lines = reissue_lines(accepted.recovery, accepted.statement.predecessor.name)
    if accepted.recovery is not None and accepted.recovery.successor is None \
            and not accepted.own_post:
        lines.append(f"{(accepted.heir or successor).name} was not given their place "
                     "(--move-custodianship "
                     "does that); to add them now, set up again with 'registry recovery "
                     "setup' naming them.")
    elif accepted.recovery is None and args.move_custodianship:
        lines.append(f"{accepted.statement.predecessor.name} held no share of your recovery "
                     "set: there was nothing to move.")
    emit(args, {**accepted.to_json(), "recovery": reissue_json(accepted.recovery)},
         "\n".join([text, *lines]))


def _not_inherited(statement: Any) -> str:
    a = statement.predecessor.name
    return (f"\nNo bundle {a} wrote for you after signing this statement was imported here: "
            f"it hands you who holds what {a} shared, so that your flags and erasures reach "
            f"them. Import it before accepting: accepting retires {a}'s key, and what it "
            "signs is refused from then on.")


def _share_note(statement: Any, holds: bool, move: bool) -> str:
    """What accepting will do to this vault's recovery set (for --dry-run)."""
    if not holds:
        return ""
    a, b = statement.predecessor.name, statement.successor.name
    return (f"\n{a} holds a share of your recovery set. Accepting rotates the data key (your "
            "passphrase is asked) and re-issues the set "
            + (f"with {b} in {a}'s place." if move else
               f"without {a}; add --move-custodianship to give {b} {a}'s place."))


def _handover_line(statement: Any) -> str:
    a, b = statement.predecessor, statement.successor
    return (f"{a.name} ({a.org}, {a.country}) hands over to {b.name} ({b.org}, {b.country}), "
            f"signed by {a.name}'s verified key on {statement.issued_at[:10]}.\n"
            f"Successor's fingerprint: {b.fingerprint}")


# -- trust ----------------------------------------------------------------------------------------
@with_registry
def cmd_trust_add(reg: Any, args: argparse.Namespace) -> None:
    from registry.sync.cards import read_card_file

    result = reg.sharing.add_card(read_card_file(args.card),
                                  verified_method=args.method if args.verified else None)
    o = result.official
    data = {**o.to_json(), "new": result.new, "replaces": list(result.replaces)}
    text = f"{'Added' if result.new else 'Updated'} {o.name} ({o.org}, {o.country})\n" \
           f"Fingerprint: {o.fingerprint}\nTrust: {o.trust}"
    if not o.verified:
        text += ("\nCompare the safety number ('registry identity safety-number "
                 f"{o.fingerprint}') with theirs, then run 'registry trust verify'.")
    if result.replaces:
        text += ("\nWarning: this person was known under another key "
                 f"({', '.join(result.replaces)}); verify why the key changed.")
    emit(args, data, text)


@with_registry
def cmd_trust_list(reg: Any, args: argparse.Namespace) -> None:
    officials = reg.sharing.officials()
    lines = [f"{o.fingerprint}  {o.trust:<10} {o.name} ({o.org}, {o.country})"
             for o in officials]
    emit(args, [o.to_json() for o in officials], "\n".join(lines) or "no officials yet")


@with_registry
def cmd_trust_verify(reg: Any, args: argparse.Namespace) -> None:
    o = reg.sharing.verify(args.fingerprint, args.method)
    print(f"{o.name} ({o.fingerprint}) is verified ({o.verified_method}).")


@with_registry
def cmd_trust_revoke(reg: Any, args: argparse.Namespace) -> None:
    if args.revert_since is None and args.dry_run:
        raise UsageError("--dry-run goes with --revert-since.")
    holds = not args.dry_run and reg.sharing.holds_recovery_share(args.fingerprint)
    passphrase = current_passphrase() if holds else None
    if args.revert_since is None:
        done = reg.sharing.revoke(args.fingerprint, passphrase=passphrase)
        o = done.official
        emit(args, {**done.to_json(), "recovery": reissue_json(done.recovery)}, "\n".join([
            f"{o.name} ({o.fingerprint}) is revoked: their bundles are refused from now on.",
            *reissue_lines(done.recovery, o.name)]))
        return
    report = _quarantine(reg, args, passphrase)
    emit(args, {**report.to_json(), "recovery": reissue_json(report.recovery)},
         "\n".join([_quarantine_text(report), *reissue_lines(report.recovery, report.name)]))


def _quarantine(reg: Any, args: argparse.Namespace, passphrase: str | None) -> Any:
    """The revert; lowering protection they had raised asks first (a terminal) or needs
    --yes-lower-protection (a script): nothing changes without it."""
    from registry.errors import LoweringNeedsConfirmation

    def run(confirmed: bool) -> Any:
        return reg.sharing.quarantine(args.fingerprint, args.revert_since,
                                      dry_run=args.dry_run, passphrase=passphrase,
                                      confirm_lowering=confirmed)
    try:
        return run(args.yes_lower_protection)
    except LoweringNeedsConfirmation as exc:
        if not sys.stdin.isatty():
            raise UsageError("Nothing changed: undoing what they sent would lower the "
                             "protection of records they had raised (see --dry-run). Add "
                             "--yes-lower-protection to confirm.") from None
        answer = input(f"{exc} Lower it here? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            raise UsageError("Nothing changed: the protection was not lowered.") from None
        return run(True)


def _quarantine_text(r: Any) -> str:
    c = r.counts
    would = "Would revoke" if r.dry_run else "Revoked"
    lines = [f"{would} {r.name} ({r.fingerprint}): their bundles are refused from now on.",
             f"Their imports since {r.since}: {c['imports']}"
             + (f" ({', '.join(r.imports)})" if r.imports else ""),
             f"  fields restored from history: {c['fields_restored']}, unset (no earlier "
             f"value): {c['fields_unset']}, in {c['records_restored']} record(s)"]
    for rec in r.restored:
        fields = ", ".join(f"{n} ({how})" for n, how in rec.fields.items())
        lines.append(f"    {rec.kind} {rec.id}: {fields}")
    lines.append(f"  records only their bundles made, removed: {c['records_removed']}")
    lines += [f"    {kind} {rid}" for rid, kind in r.removed]
    if r.kept:
        lines.append(f"  records kept for review: {c['records_kept']}")
        lines += [f"    {k['kind']} {k['id']}: {k['reason']}"
                  + (f", by {k['changed_by']}" if k["changed_by"] else "")
                  + (f", by {k['referenced_by']}" if k["referenced_by"] else "") for k in r.kept]
    if r.protection_lowered:
        lines.append("  protection they had raised went back down on: "
                     + ", ".join(r.protection_lowered) + " (raise it again here if it was right)")
    if r.erased:
        lines.append("  erased by their bundles, cannot be undone: " + ", ".join(r.erased))
    if r.held_dropped:
        lines.append(f"  held changes of theirs dropped: {r.held_dropped}")
    if r.notices_dropped:
        lines.append(f"  protection notices of theirs still waiting for a record, dropped: "
                     f"{r.notices_dropped}")
    if r.later_imports:
        lines.append(f"  {len(r.later_imports)} import(s) from others since then: import "
                     "those bundles again to bring back any value theirs had hidden")
    if r.forwarded_to:
        lines.append("  you sent some of these records on to: " + ", ".join(r.forwarded_to)
                     + " (they hold these values too: tell them)")
    if r.dry_run and r.holds_recovery_share:
        lines.append(f"  {r.name} holds a share of your recovery set: revoking them rotates the "
                     "data key (your passphrase is asked) and re-issues the set without them")
    if r.dry_run:
        lines.append("Nothing was changed (--dry-run).")
    return "\n".join(lines)


# -- bundles --------------------------------------------------------------------------------------
@with_registry
def cmd_bundle_export(reg: Any, args: argparse.Namespace) -> None:
    from registry.sync.exporter import Scope

    if args.protected == "include" and not args.yes_include_protected:
        raise UsageError("--protected include sends people at risk by name: add "
                         "--yes-include-protected to confirm, or use exclude or pseudonymise.")

    request = reg.sharing.request(to=args.to, to_age=args.to_age_recipient,
                                  ceiling=args.max_sensitivity, mode=args.protected,
                                  scope=Scope(since_last=args.since_last),
                                  keep_mentions=args.keep_mentions,
                                  notices_only=args.notices_only)
    if args.dry_run:
        exposure = reg.sharing.preview_export(request)
        data = {"dry_run": True, "settings": request.settings(), "exposure": exposure.to_json()}
        emit(args, data, _exposure_text(exposure.to_json()))
        return
    result = reg.sharing.export(request, args.output)
    emit(args, result.to_json(), f"Bundle {result.bundle_id} written to {result.path}\n"
         + _exposure_text(result.exposure.to_json(ids=False)))


_LEFT_OUT = {
    "protected": "protected people (inside Russia, marked protected, or the same as one) "
                 "and records about them",
    "above_ceiling": "records above the sensitivity ceiling, or about an actor above it",
    "deleted": "deleted records (only their deletion travels), and records pointing to one "
               "this vault does not hold (its erasure waits: bundle held)",
    "mention": "records whose required text names a protected person (an event's title, "
               "an actor's name)",
    "field_floor": "records held back by a field's floor",
}
_BLANKED = {
    "field_floor": "fields above the ceiling (contacts, gender, ethnicity, groups)",
    "mention": "free text naming a protected person (--keep-mentions keeps it)",
    "protected": "links to protected people",
    "above_ceiling": "links to actors above the ceiling",
    "deleted": "links to records this vault does not hold (their erasure waits: bundle held)",
}


def _exposure_text(e: dict[str, Any]) -> str:
    fields = ", ".join(f"{k} ({v})" for k, v in sorted(e["sensitive_fields"].items()))
    records = ", ".join(f"{v} {k}" for k, v in e["records"].items()) or "no records"
    lines = [f"Records in the bundle: {records}",
             f"People named: {e['people']}, of them inside Russia: {e['people_inside_russia']}",
             f"Pseudonymised people: {e['pseudonyms']}",
             f"Sensitive fields: {fields or 'none'}",
             f"Protection notices: {e['notices']}"]
    if e["notices_withheld"]:
        lines.append(f"  {e['notices_withheld']} notice(s) not in this bundle: not every "
                     "recipient holds those records; send each recipient --notices-only")
    lines.append(f"Left out: {e['left_out']} record(s)")
    for reason, count in e["left_out_by_reason"].items():
        if count:
            lines.append(f"  {count}: {_LEFT_OUT[reason]}")
    blanked = {r: c for r, c in e["blanked_by_reason"].items() if c}
    if blanked:
        lines.append(f"Blanked: {sum(blanked.values())} field(s)")
        lines += [f"  {count}: {_BLANKED[reason]}" for reason, count in blanked.items()]
    lines.append("(--dry-run --json lists the ids for each reason)")
    return "\n".join(lines)


@with_registry
def cmd_bundle_inspect(reg: Any, args: argparse.Namespace) -> None:
    info = reg.sharing.inspect(args.file)
    m = info.manifest
    # the name this vault knows the signer by; the manifest's is the signer's own word
    calls = f" (the bundle calls its sender \"{m.sender.name}\")" \
        if info.sender_name != m.sender.name else ""
    text = (f"Bundle {m.bundle_id} ({m.format}), created {m.to_json()['created_at']}\n"
            f"Sender: {info.sender_name} {m.sender.fingerprint} [{info.sender_trust}]{calls}\n"
            f"Recipients: {len(m.recipients)} (this vault: "
            f"{'yes' if info.addressed_to_me else 'no'})\nPayload: {m.payload_size} bytes, "
            "signature and hash verified")
    emit(args, info.to_json(), text)


@with_registry
def cmd_bundle_import(reg: Any, args: argparse.Namespace) -> None:
    reports = reg.sharing.import_bundles(args.files, dry_run=args.dry_run,
                                         allow_unverified=args.allow_unverified)
    emit(args, [r.to_json() for r in reports], "\n".join(_report_text(r) for r in reports))


def _not_listed(r: Any) -> list[str]:
    """What a report's lists leave out (a file's report lists the first entries of each)."""
    return [f"  … and {more} more {what}, not listed (field history, the import log and "
            "'registry bundle held' keep them all)"
            for name, what in (("overwritten_local", "overwritten edit(s)"),
                               ("held", "held erasure(s)"),
                               ("not_applied", "change(s) not applied"))
            if (more := r.counts.get(f"more_{name}"))]


def _protection_text(r: Any) -> list[str]:
    """What a file's import did, or would do, to protection (DESIGN §6.4)."""
    lines = []
    if r.protection_raised:
        lines.append(f"  protection raised on {r.total('protection_raised')} record(s)")
    if r.protection_kept:
        lines.append(f"  kept the higher protection of {r.total('protection_kept')} record(s) "
                     "(protection is only raised through sharing)")
    if r.guarded:
        lines.append(f"  {'would protect' if r.dry_run else 'protected'} "
                     f"{r.total('guarded')} new or renamed record(s) until you review them: "
                     "each may be someone protected here (the pairs wait in: registry "
                     "duplicates)")
    if r.notices_held:
        lines.append(f"  {r.total('notices_held')} protection notice(s) kept for records not "
                     "here yet")
    if r.notices_discarded:
        lines.append(f"  {r.total('notices_discarded')} protection notice(s) discarded (their "
                     "record is here, or arrived, as another kind; or, kept earlier, they "
                     "named this vault): see the audit log")
    return lines


def _report_text(r: Any) -> str:
    from registry.sync import signatures

    c = r.counts
    head = "Would import" if r.dry_run else ("Imported" if r.import_id else "Nothing new in")
    lines = [f"{head} {r.file} from {r.sender_name} ({r.sender_fingerprint})"
             + ("" if r.sender_verified else " [sender not verified]"),
             f"  new {c['new']}, changed {c['changed']}, deleted {c['deleted']}, "
             f"erased {c['erased']}, unchanged {c['unchanged']}"]
    if r.replay_of:
        lines.append(f"  already imported (import {r.replay_of}): nothing to compare")
    if r.recovery_shares:
        lines.append(f"  {'carries' if r.dry_run else 'kept'} your recovery share of "
                     f"{r.sender_name}'s vault (see: registry recovery status)")
    if r.holdings_inherited:
        lines.append(f"  hands you, as {r.sender_name}'s successor, who holds what they shared "
                     f"({r.holdings_inherited} holding(s)): accepting their succession statement "
                     "takes it, so that your flags and erasures reach those colleagues")
    lines += _protection_text(r)
    if r.not_applied:
        lines.append(f"  {r.total('not_applied')} change(s) not applied (DESIGN §6.5.3):")
        lines += [f"    {d['kind']} {d['id']}: {', '.join(d['fields'])} "
                  f"({signatures.REASONS.get(d['reason'], d['reason'])})" for d in r.not_applied]
    if r.held:
        lines.append(f"  {r.total('held')} erasure(s) held for your decision (see: registry "
                     "bundle held):")
        lines += [f"    {h['kind']} {h['id']}, stamped by {h['origin']}, sent by {h['sender']}"
                  for h in r.held]
    for item in r.overwritten_local:
        lines.append(f"  overwrites your edit of {item['kind']} {item['id']}: "
                     f"{', '.join(item['fields'])}")
    lines += _not_listed(r)
    if r.import_id:
        lines.append(f"  import id {r.import_id} (undo: registry bundle revert {r.import_id})")
    return "\n".join(lines)


@with_registry
def cmd_bundle_history(reg: Any, args: argparse.Namespace) -> None:
    entries = reg.sharing.history()
    lines = [f"{e.import_id}  {e.imported_at}  {e.sender_name or e.sender}  "
             f"{json.dumps(e.counts)}" + (f"  reverted {e.reverted_at}" if e.reverted_at else "")
             for e in entries]
    emit(args, [e.to_json() for e in entries], "\n".join(lines) or "no imports yet")


@with_registry
def cmd_bundle_revert(reg: Any, args: argparse.Namespace) -> None:
    result = reg.sharing.revert(args.import_id)
    emit(args, result.to_json(),
         f"Reverted import {result.import_id}: {result.restored_fields} field(s) restored, "
         f"{result.deleted_records} record(s) deleted, {result.skipped_fields} field(s) "
         "left as they are (changed since)")


# -- held changes (DESIGN §6.5.4) -------------------------------------------------------------
@with_registry
def cmd_bundle_held(reg: Any, args: argparse.Namespace) -> None:
    entries = reg.sharing.held_changes()
    total = reg.sharing.held_waiting()
    if total > len(entries):  # beside the list (JSON: on standard error), not in it
        more = (f"registry: {total} erasures wait; these are the {len(entries)} oldest. Decide "
                "them first, or revoke a sender who asked for many (trust revoke FP "
                "--revert-since DATE drops what they asked for).")
        print(more, file=sys.stderr)
    emit(args, [e.to_json() for e in entries],
         "\n".join(_held_text(e) for e in entries) or "no held changes")


@with_registry
def cmd_bundle_held_decide(reg: Any, args: argparse.Namespace) -> None:
    if args.held_command == "accept":
        entry = reg.sharing.accept_held(args.held_id)
        text = f"Accepted: {entry.kind} {entry.record_id} is erased here now."
    else:
        entry = reg.sharing.decline_held(args.held_id)
        text = (f"Declined: {entry.kind} {entry.record_id} stays here as it is; the erasure "
                "stays local and is not asked about again.")
    emit(args, entry.to_json(), text)


def _held_text(e: Any) -> str:
    what = e.label if e.label else ("(protected)" if e.protected else "(not held here)")
    asks = f"{e.sender_name or 'unknown'} ({e.sender})" + \
        (" [revoked]" if e.sender_revoked else "")
    stamp = "the same official" if e.origin == e.sender else \
        f"{e.origin_name or 'an official you do not know'} ({e.origin})" + \
        (" [revoked]" if e.origin_revoked else "")
    decide = (f"    an official it rests on was revoked here: it can only be declined\n"
              f"    registry bundle held decline {e.id}") if e.revoked else \
        f"    registry bundle held accept {e.id}  |  registry bundle held decline {e.id}"
    return (f"{e.id}  {e.change} {e.kind} {e.record_id}  {what}\n"
            f"    asked by {asks}, stamped by {stamp}, received {e.received_at[:10]}\n"
            f"{decide}")
