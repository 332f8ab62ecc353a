"""Helpers for the sharing tests: in-process vaults with a fast KDF that trust each other."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from registry.domain.enums import Kind
from registry.service import Registry
from registry.store import db
from registry.sync.exporter import Scope
from registry.sync.importer import ImportReport
from registry.sync.quarantine import QuarantineReport
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE


def make_vault(root: Path, name: str) -> Registry:
    return Registry.create(root / name, PASSPHRASE, name=name, org=f"Ministry of {name}",
                           country="SE", kdf=FAST_TEST_PARAMS)


def introduce(*vaults: Registry) -> None:
    """Every vault adds every other's card as verified."""
    cards = {v.identity.fingerprint: v.sharing.card() for v in vaults}
    for v in vaults:
        for fp, card in cards.items():
            if fp != v.identity.fingerprint:
                v.sharing.add_card(card, verified_method="safety_number")


@contextmanager
def trusted(root: Path, *names: str) -> Iterator[tuple[Registry, ...]]:
    """Vaults of these officials that trust each other, locked afterwards."""
    vaults = tuple(make_vault(root, n) for n in names)
    introduce(*vaults)
    try:
        yield vaults
    finally:
        for v in vaults:
            v.lock()


def quarantined(vault: Registry, reference: Registry, official: Registry,
                since: str = "2000-01-01") -> QuarantineReport:
    """``official`` quarantined in ``vault`` since ``since`` (every lowering confirmed), and
    only revoked in ``reference``: the vault that never took their bundles. The report."""
    report = vault.sharing.quarantine(official.identity.fingerprint, since,
                                      confirm_lowering=True)
    reference.sharing.revoke(official.identity.fingerprint)
    return report


def send(sender: Registry, to: list[Registry], path: Path, *, scope: Scope | None = None,
         **kw: Any) -> Path:
    request = sender.sharing.request(to=[v.identity.fingerprint for v in to], scope=scope,
                                     **kw)
    sender.sharing.export(request, path)
    return path


def receive(vault: Registry, *paths: Path, dry_run: bool = False) -> list[ImportReport]:
    return vault.sharing.import_bundles(list(paths), dry_run=dry_run)


def person(vault: Registry, name: str, **values: Any) -> str:
    return vault.add(Kind.PERSON, {"name": name, **values}).id


def other_window(vault: Registry, action: Callable[[Registry], object]) -> object:
    """Another window of the official who holds ``vault`` (its own connection to the same
    vault) does ``action`` and closes."""
    other = Registry.unlock(vault.paths.root, PASSPHRASE)
    try:
        return action(other)
    finally:
        other.lock()


def other_window_before_begin(monkeypatch: Any, vault: Registry,
                              action: Callable[[Registry], object]) -> list[object]:
    """Before ``vault``'s connection next begins a write transaction, another window does
    ``action`` (and commits): as when it held the write lock while this one read, and this
    one's BEGIN IMMEDIATE waited for it. Returns a list that holds the action's result once
    it ran."""
    real_begin = db.begin
    fired: list[object] = []

    def begin(conn: db.Connection) -> None:
        if conn is vault.store.conn and not fired:
            fired.append("pending")
            fired[0] = other_window(vault, action)
        real_begin(conn)

    monkeypatch.setattr(db, "begin", begin)
    return fired


def before_v14(conn: Any) -> None:
    """Take out what schema steps 14 and later add, so that a test setting an older
    ``user_version`` has them run again on the next unlock."""
    conn.execute("DROP TABLE masked_value")  # v15 (named so by v27)
    conn.execute("DROP TABLE mention_mark")  # v14
    conn.execute("ALTER TABLE held_change DROP COLUMN forced")  # v14
