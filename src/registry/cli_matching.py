"""``registry duplicates``: candidate duplicate pairs and the user's decisions (DESIGN §9).

::

    registry duplicates [--min-score S] [--json]     [{"a","b","score", "kind", "evidence"}]
    registry duplicates decide A B same|not_same|unsure [--json]

A thin client of ``Registry.matching`` (:mod:`registry.match.service`); ``register`` is called by
:func:`registry.cli.build_parser`.
"""

from __future__ import annotations

import argparse
from typing import Any

from registry.match.choices import DECISIONS, DEFAULT_THRESHOLD

__all__ = ["register"]


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a number from 0 to 1") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("a number from 0 to 1")
    return value


def register(sub: Any) -> None:
    """Add ``duplicates`` (and ``duplicates decide``) to the CLI's subparsers."""
    from registry import cli

    p = sub.add_parser("duplicates", help="candidate duplicate pairs, best first")
    p.add_argument("--min-score", type=_score, default=DEFAULT_THRESHOLD, metavar="S",
                   help=f"lowest score shown, 0..1 (default {DEFAULT_THRESHOLD})")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cli.with_registry(cmd_duplicates))
    actions = p.add_subparsers(dest="duplicates_command", metavar="ACTION")
    q = actions.add_parser("decide", help="keep a decision on a pair; 'same' merges them")
    q.add_argument("a")
    q.add_argument("b")
    q.add_argument("decision", choices=DECISIONS)
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(func=cli.with_registry(cmd_decide))


def cmd_duplicates(reg: Any, args: argparse.Namespace) -> None:
    from registry.cli import emit

    found = reg.matching.candidates(args.min_score)
    lines = []
    for c in found:
        lines.append(f"{c.score:.3f}  {c.a}  {c.b}  {c.kind}")
        lines += [f"         {e}" for e in c.evidence]
    emit(args, [c.to_json() for c in found], "\n".join(lines) or "no candidate pairs")


def cmd_decide(reg: Any, args: argparse.Namespace) -> None:
    from registry.cli import emit

    kept = reg.matching.decide(args.a, args.b, args.decision)
    text = f"{kept.decision}: {kept.a} {kept.b}"
    if kept.decision == "same":
        text += " (the newer record is now merged into the older one)"
    emit(args, kept.to_json(), text)
