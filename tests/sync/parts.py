"""Helpers for the streamed-import tests: import a list of bundles at a part size into
copies of one vault, and compare."""

from __future__ import annotations

import shutil
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.store import protection
from registry.sync import container, importer, payload, wire
from registry.sync.container import Recipient
from registry.sync.exporter import PAYLOAD_FORMAT
from registry.sync.progress import job
from tests.passphrase import PASSPHRASE

from .forge import CREATED, KINDS, signed_by, stamp
from .vaults import introduce, make_vault, person

BIG = 100_000  # one part for any bundle of these tests: the whole-bundle merge


def imported(vault: Registry, bundles: list[Path], part_size: int, *,
             dry_run: bool = False, recognise: bool = True) -> list[dict[str, Any]]:
    """The reports as JSON (``import_id`` as a bool: ids differ between copies); with
    ``recognise`` off, a bundle merged before is read and compared again."""
    checked = vault.sharing.check(bundles, recognise_replays=recognise)
    reports = importer.import_files(vault.store, vault.sharing.keys, vault.sharing.trust,
                                    checked, job(), dry_run=dry_run, part_size=part_size,
                                    shares=vault.sharing._shares)
    return [{**r.to_json(), "import_id": bool(r.import_id)} for r in reports]


def run(vault: Registry, bundles: list[Path], part_size: int, *,
        dry_run: bool = False, recognise: bool = True) -> Any:
    """:func:`imported`, or the refusal: ("refused", its type, its message)."""
    try:
        return imported(vault, bundles, part_size, dry_run=dry_run, recognise=recognise)
    except Exception as e:
        return ("refused", type(e).__name__, str(e))


def copies(vault: Registry, tmp_path: Path, names: tuple[Any, ...]) -> dict[Any, Registry]:
    """Copies of ``vault`` (locked meanwhile), one per name, each unlocked."""
    root = vault.paths.root
    vault.lock()
    out = {}
    for n in names:
        dest = tmp_path / f"copy-{n}"
        shutil.copytree(root, dest)
        out[n] = Registry.unlock(dest, PASSPHRASE)
    return out


def raw_bundle(sender: Registry, receiver: Registry, path: Path, lines: Iterable[Any],
               counts: dict[str, int]) -> Path:
    """A well-signed bundle from ``sender`` to ``receiver`` of these payload lines, as they
    are (streamed into the payload: a bundle of millions of lines)."""
    bundle_id = str(uuid.uuid4())
    head = {"format": PAYLOAD_FORMAT, "bundle_id": bundle_id,
            "sender": sender.identity.fingerprint, "created_at": container.format_time(CREATED),
            "counts": {**dict.fromkeys(KINDS, 0), "notice": 0, **counts},
            "settings": {"forged": True}}
    plain = payload.encode(head, lines, level=1)
    container.write_bundle(path, sender_keys=sender.official_keys,
                           sender_name=sender.identity.name,
                           recipients=[Recipient(receiver.identity.fingerprint,
                                                 receiver.identity.age_recipient)],
                           payload_plain=plain, bundle_id=bundle_id, created_at=CREATED)
    return path


def ordered_bundle(sender: Registry, receiver: Registry, path: Path,
                   lines: list[dict[str, Any]]) -> Path:
    """:func:`raw_bundle` of these lines in this order (notices anywhere), its header's counts
    taken from them."""
    counts = Counter(str(x["kind"]) for x in lines if "notice" not in x)
    return raw_bundle(sender, receiver, path, lines,
                      {**counts, "notice": sum(1 for x in lines if "notice" in x)})


def dropped_lines(sender: Registry, count: int) -> Iterator[dict[str, Any]]:
    """Person lines that carry only a deletion stamped by an origin nobody knows: each is
    valid, and the signature screen leaves it out (nothing is written)."""
    base = stamp(sender).hlc
    for n in range(count):
        yield {"id": str(uuid.uuid4()), "kind": "person", "values": {"deleted": True},
               "stamps": wire.group_stamps({"deleted": Stamp(base + n, "ab" * 20)}),
               "erased": None}


def line(sender: Registry, record: Record, *, sign: bool = True) -> dict[str, Any]:
    """``record``'s payload line, its signed claims signed by ``sender`` (or not at all)."""
    return wire.to_line(record, signed_by(sender, record) if sign else None)


def notice(record_id: str, kind: Kind, values: dict[str, Any], by: Stamp) -> dict[str, Any]:
    """A protection notice line raising ``values`` under one stamp."""
    return wire.notice_line(record_id, kind, values, dict.fromkeys(values, by))


def receiver_and_colleague(tmp_path: Path, *, holding: bool = True
                           ) -> Iterator[tuple[Registry, Registry]]:
    """R (holding one person of its own, unless not ``holding``) and C, who trust each other;
    both locked afterwards (R may be locked already: its copies were made)."""
    r, c = make_vault(tmp_path, "R"), make_vault(tmp_path, "C")
    introduce(r, c)
    if holding:
        person(r, "Уже здесь")
    yield r, c
    for v in (r, c):
        v.lock()  # locking again is nothing


def newer_than(c: Registry, r: Registry) -> None:
    """C's clock moves past everything R stamped: C's stamps are newer (as a real colleague's
    bundle made after R's edits is), never tied with R's by the same millisecond."""
    c.store.clock.observe(r.store.clock.last)


def levels(r: Registry, bundles: list[Path], tmp_path: Path, ids: list[str],
            sizes: tuple[int, ...] = (1, 2, 3, BIG)) -> dict[int, dict[str, Any]]:
    """Import ``bundles`` (one import) into copies of ``r`` at each part size: per size, each
    id's own level and its effective level by the protection rule (None when erased)."""
    vaults = copies(r, tmp_path, sizes)
    got: dict[int, dict[str, Any]] = {}
    try:
        for n, v in vaults.items():
            outcome = run(v, bundles, n)
            assert outcome[0] != "refused", outcome
            guard = protection.Protection.load(v.store.conn)
            got[n] = {}
            for i in ids:
                rec = v.store.get(i)
                got[n][i] = None if rec is None or rec.erased is not None else (
                    rec.values.get("sensitivity"), guard.level[i].label)
    finally:
        for v in vaults.values():
            v.lock()
    return got
