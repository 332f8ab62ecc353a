"""Command line views of the vault (DESIGN §9, a contract): ``list KIND [--limit N] [--json]``,
the readable form of ``stats`` (``--json`` keeps every figure) and ``briefing -o FILE.pdf
[--lang en|ru]``, the app's PDF briefing written without a display.

``list`` prints the records of a kind in the order of the app's list (people and
organisations by name, the others newest first), with the list's columns; ``--json`` gives
``[{"id": ..., <column>: <value>, ...}]`` with the columns' keys.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from registry.cli import emit, with_registry
from registry.errors import EXIT_FAILED, InvalidInput

LIST_KINDS = ("person", "organisation", "tie", "support", "event", "evaluation")
_CELL = 40  # characters of a cell in the text table (--json has them whole)


def register(sub: Any) -> None:
    """Add ``list`` to the top-level subparsers."""
    p = sub.add_parser("list", help="records of a kind, in the list's default order")
    p.add_argument("kind", choices=LIST_KINDS, metavar="KIND",
                   help="one of: " + ", ".join(LIST_KINDS))
    p.add_argument("--limit", type=_limit, default=None, metavar="N",
                   help="at most N records (default: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=with_registry(cmd_list))

    p = sub.add_parser(
        "briefing", help="the PDF briefing for decision-makers (the app's, same file)",
        description="Write the PDF briefing of the dashboard: aggregate figures only, no "
                    "person named, counts under 5 and whatever would reveal them held back "
                    "with the reason stated. The same file as the app's 'Save briefing'; no "
                    "display is needed.")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf",
                   help="where to write it (replaced if it exists; readable by you only)")
    p.add_argument("--lang", choices=("en", "ru"), default=None,
                   help="English or Russian (default: the app's language)")
    p.set_defaults(func=cmd_briefing)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


# -- list ----------------------------------------------------------------------------------------
def cmd_list(reg: Any, args: argparse.Namespace) -> None:
    from registry.domain.enums import Kind
    from registry.domain.model import KINDS
    from registry.service import LIST_SPECS, ListQuery

    kind = Kind(args.kind)
    spec = LIST_SPECS[kind]
    ids = reg.listing.ids(ListQuery(kind), args.limit)
    rows: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(ids), 1000):
        rows.update(reg.listing.rows(kind, ids[start:start + 1000]))
    keys = [c.key for c in spec.columns]
    fields = KINDS[kind].by_name
    headers = [fields[c.field_name].header("en") if c.field_name in fields else c.key
               for c in spec.columns]
    records = [{"id": i, **dict(zip(keys, rows[i], strict=True))} for i in ids if i in rows]
    emit(args, records, _table(["id", *headers], [[r["id"], *(r[k] for k in keys)]
                                                  for r in records], kind.value))


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], kind: str) -> str:
    if not rows:
        return f"no {kind} records"
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[n]) for r in cells)) for n, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list | tuple):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())  # one line a record, whatever the notes hold
    return text if len(text) <= _CELL else text[:_CELL - 1] + "…"


# -- briefing ------------------------------------------------------------------------------------
def cmd_briefing(args: argparse.Namespace) -> int:
    """Check the target folder, then unlock and write the app's briefing (Qt, offscreen)."""
    out = Path(args.output)
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist: the briefing was not "
                           "written.")
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder: give the briefing's file name.")
    try:
        from registry.gui.briefing import write_headless
    except ImportError:
        print("registry: The briefing needs the desktop app's Qt libraries, which this "
              "installation lacks.", file=sys.stderr)
        return EXIT_FAILED
    return with_registry(partial(_briefing, write_headless, out))(args)


def _briefing(write: Any, out: Path, reg: Any, args: argparse.Namespace) -> None:
    lang = write(reg, out, args.lang, dt.date.today())
    del args
    print(f"Briefing ({'Russian' if lang == 'ru' else 'English'}) written to {out}.")


# -- stats ---------------------------------------------------------------------------------------
def stats_text(data: Mapping[str, Any]) -> str:
    """The figures of ``registry stats`` as a short report (``--json``: all of them)."""
    counts = data.get("counts", {})
    people, targets = data.get("people", {}), data.get("targets", {})
    out = [f"Figures as of {data.get('as_of', '')}", "",
           "Records: " + ", ".join(f"{n} {k}" for k, n in counts.items())]
    out += ["", "People", *_population(people, targets)]
    for key, title in (("participants", "Programme participants"),
                       ("recipients", "Support recipients")):
        if data.get(key, {}).get("total"):
            out += ["", title, *_population(data[key], targets)]
    regions = data.get("regions", {})
    if regions:
        out += ["", "Regions of origin",
                f"  covered: {len(regions.get('covered', []))}; blind spots (nobody from "
                f"there): {len(regions.get('blind_spots', []))}; without support: "
                f"{len(regions.get('without_support', []))}"]
    support = data.get("support", {})
    if support:
        out += ["", "Support",
                f"  {support.get('recipients', 0)} recipients from "
                f"{support.get('providers', 0)} providers; total "
                f"{_amount(support.get('total'))} {support.get('currency') or ''}".rstrip(),
                f"  concentration (HHI) among recipients {_ratio(support.get('hhi'))}, "
                f"among providers {_ratio(support.get('provider_hhi'))}; top 10 recipients "
                f"hold {_share(support.get('top10_share'))}"]
    permits = data.get("permits", {})
    if permits:
        out += ["", "Permits ending",
                "  " + "; ".join(f"within {d} days: "
                                 f"{_n(permits.get(f'expiring_{d}', 0), 'permit', 'permits')} of "
                                 f"{_n(permits.get(f'people_{d}', 0), 'person', 'people')}"
                                 for d in (30, 90, 180))]
    evaluations = data.get("evaluations", {})
    if evaluations:
        out += ["", "Evaluations",
                f"  {evaluations.get('subjects', 0)} actors evaluated; assessors disagree on "
                f"{evaluations.get('disagreements', 0)} (spread of "
                f"{evaluations.get('threshold', '')} or more)"]
    out += ["", "Every figure: registry stats --json"]
    return "\n".join(out)


def _population(p: Mapping[str, Any], targets: Mapping[str, Any]) -> list[str]:
    women = (f"  women {p.get('women', 0)}, men {p.get('men', 0)}, other {p.get('other', 0)}, "
             f"undisclosed {p.get('undisclosed', 0)} of {p.get('total', 0)}; women's share "
             f"{_share(p.get('women_share'))} (target {_share(targets.get('women'))}"
             f"{'' if p.get('women_ok') else ', not met'})")
    non_russian = (f"  not ethnic Russian {_share(p.get('non_russian_share'))} of "
                   f"{p.get('ethnicity_declared', 0)} who said (minimum "
                   f"{_share(targets.get('non_russian_min'))}"
                   f"{'' if p.get('non_russian_ok') else ', not met'}); inside Russia "
                   f"{p.get('inside_russia', 0)}")
    return [women, non_russian]


def _n(count: Any, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _share(value: Any) -> str:
    return "–" if value is None else f"{float(value) * 100:.0f} %"


def _ratio(value: Any) -> str:
    return "–" if value is None else f"{float(value):.2f}"


def _amount(value: Any) -> str:
    return "–" if value is None else f"{float(value):,.0f}"
