"""A failed COMMIT is an unknown outcome: the core re-reads before it reports.

A connection wrapper makes COMMIT raise (a) after the transaction really committed — the
data reached the WAL and the database — and (b) before, with the transaction rolled back.
Every acknowledged write (add, update, delete, bundle import, spreadsheet import) must then
report what really happened: (a) written, returned normally; (b) not written, a clear
error — and the vault, reopened, agrees.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from registry.domain.enums import Kind
from registry.errors import RegistryError, StorageFull, VaultError
from registry.interop.importer import SpreadsheetImport
from registry.service import Registry
from tests.faults.conftest import make_vault
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, send


class FlakyCommit:
    """Delegates to a real connection; the next COMMIT fails in the chosen way."""

    def __init__(self, conn: Any, mode: str, *, checkpoint_fails: bool = False) -> None:
        self._conn = conn
        self.mode = mode
        self.checkpoint_fails = checkpoint_fails
        self.fired = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT" and not self.fired:
            self.fired += 1
            if self.mode == "after":  # committed, then the error surfaces
                self._conn.execute("COMMIT")
                raise _error("disk I/O error", 10)
            if self.mode == "io":  # an I/O error, the transaction left open
                raise _error("disk I/O error", 10)
            if self.mode == "rolled_back":  # SQLite rolled the transaction back itself
                self._conn.execute("ROLLBACK")
            raise _error("database or disk is full", 13)
        if self.checkpoint_fails and "wal_checkpoint" in sql:
            raise _error("disk I/O error", 10)
        return self._conn.execute(sql, *args)


def _error(text: str, code: int) -> sqlcipher3.OperationalError:
    exc = sqlcipher3.OperationalError(text)
    exc.sqlite_errorcode = code
    return exc


Op = Callable[[Registry], Any]
Probe = Callable[[Registry], bool]


def _setup(tmp_path: Path) -> tuple[Registry, dict[str, Any]]:
    reg = make_vault(tmp_path / "v")
    ctx: dict[str, Any] = {"person": reg.add(Kind.PERSON, {"name": "Existing Person"}).id}
    sender = make_vault(tmp_path / "sender", "Sender")
    for n in range(20):
        sender.add(Kind.PERSON, {"name": f"Sent Person {n}"})
    introduce(sender, reg)
    ctx["bundle"] = send(sender, [reg], tmp_path / "b.rbundle")
    sender.lock()
    csv = tmp_path / "people.csv"
    csv.write_text("name,country\nCsv Person One,DE\nCsv Person Two,FR\n", encoding="utf-8")
    ctx["csv"] = csv
    return reg, ctx


def _named(reg: Registry, prefix: str) -> int:
    return sum(1 for r in reg.store.iter_records(Kind.PERSON)
               if str(r.values.get("name", "")).startswith(prefix))


OPS: dict[str, tuple[Callable[[Registry, dict[str, Any]], Any], Probe]] = {
    "add": (lambda reg, ctx: reg.add(Kind.PERSON, {"name": "Added Person"}),
            lambda reg: _named(reg, "Added Person") == 1),
    "update": (lambda reg, ctx: reg.update(ctx["person"], {"notes": "changed"}),
               lambda reg: reg.store.get(_person(reg)).values.get("notes") == "changed"),
    "delete": (lambda reg, ctx: reg.delete(ctx["person"]),
               lambda reg: reg.store.get(_person(reg)).deleted),
    "bundle_import": (lambda reg, ctx: reg.sharing.import_bundles([ctx["bundle"]]),
                      lambda reg: len(reg.sharing.history()) == 1
                      and _named(reg, "Sent Person") == 20),
    "spreadsheet_import": (lambda reg, ctx: SpreadsheetImport(reg, ctx["csv"]).run(),
                           lambda reg: _named(reg, "Csv Person") == 2),
}


def _person(reg: Registry) -> str:
    return next(r.id for r in reg.store.iter_records(Kind.PERSON)
                if r.values.get("name") == "Existing Person")


def _reopened(root: Path) -> Registry:
    reg = Registry.unlock(root, PASSPHRASE)
    assert reg.check() == []
    return reg


@pytest.mark.parametrize("op", sorted(OPS))
def test_commit_failed_after_the_data_landed_reports_written(tmp_path: Path, op: str) -> None:
    reg, ctx = _setup(tmp_path)
    run, probe = OPS[op]
    flaky = FlakyCommit(reg.store.conn, "after")
    reg.store.conn = flaky
    run(reg, ctx)  # no error: the re-read found the transaction in the database
    assert flaky.fired == 1 and probe(reg)
    reg.lock()
    reg = _reopened(tmp_path / "v")
    try:
        assert probe(reg)
    finally:
        reg.lock()


@pytest.mark.parametrize("mode", ["open", "rolled_back"])
@pytest.mark.parametrize("op", sorted(OPS))
def test_commit_failed_before_the_data_landed_reports_not_written(tmp_path: Path, op: str,
                                                                  mode: str) -> None:
    reg, ctx = _setup(tmp_path)
    run, probe = OPS[op]
    before = reg.digest()
    flaky = FlakyCommit(reg.store.conn, mode)
    reg.store.conn = flaky
    with pytest.raises(StorageFull, match="nothing was changed"):
        run(reg, ctx)
    assert flaky.fired == 1 and not probe(reg) and reg.digest() == before
    assert not reg.store.conn.in_transaction
    reg.store.conn = flaky._conn
    run(reg, ctx)  # the vault is usable at once: the same write now goes through
    assert probe(reg)
    reg.lock()
    reg = _reopened(tmp_path / "v")
    try:
        assert probe(reg)
    finally:
        reg.lock()


def test_commit_outcome_that_cannot_be_settled_is_reported_as_unknown(tmp_path: Path) -> None:
    """An I/O error at COMMIT that the WAL truncation cannot settle: say so, do not guess."""
    reg, _ = _setup(tmp_path)
    before = reg.digest()
    flaky = FlakyCommit(reg.store.conn, "io", checkpoint_fails=True)
    reg.store.conn = flaky
    with pytest.raises(VaultError, match="could not be confirmed") as info:
        reg.add(Kind.PERSON, {"name": "Added Person"})
    assert not isinstance(info.value, StorageFull) and isinstance(info.value, RegistryError)
    assert "reopen the vault" in str(info.value)
    reg.store.conn = flaky._conn
    reg.lock()
    reg = _reopened(tmp_path / "v")
    try:
        assert reg.digest() == before  # here the rollback did hold: nothing was written
    finally:
        reg.lock()
