"""``db.transaction``: a bulk write reaches the database file by an explicit checkpoint."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from registry.store import db

KEY = bytes(range(32))


def _vault_db(tmp_path: Path) -> Any:
    conn = db.connect(tmp_path / "t.db", KEY, create=True)
    conn.execute("CREATE TABLE t (x TEXT)")
    return conn


def _rows(n: int) -> list[tuple[str]]:
    return [(os.urandom(64).hex(),) for _ in range(n)]


def test_a_bulk_transaction_is_copied_into_the_database_after_commit(tmp_path: Path) -> None:
    conn = _vault_db(tmp_path)
    before = (tmp_path / "t.db").stat().st_size
    with db.transaction(conn):
        conn.executemany("INSERT INTO t VALUES (?)", _rows(db.BULK_CHANGES))
    # ~1.3 MB of rows: fewer pages than SQLite's automatic checkpoint waits for
    assert (tmp_path / "t.db").stat().st_size - before > db.BULK_CHANGES * 128
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    conn.close()
    reopened = db.connect(tmp_path / "t.db", KEY)
    assert reopened.execute("SELECT count(*) FROM t").fetchone()[0] == db.BULK_CHANGES
    reopened.close()


def test_a_small_transaction_is_left_to_the_automatic_checkpoint(tmp_path: Path) -> None:
    conn = _vault_db(tmp_path)
    before = (tmp_path / "t.db").stat().st_size
    with db.transaction(conn):
        conn.executemany("INSERT INTO t VALUES (?)", _rows(100))
    assert (tmp_path / "t.db").stat().st_size == before  # still in the WAL
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 100
    conn.close()


class _FailingCommit:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT":
            self._conn.execute("ROLLBACK")
            exc = sqlcipher3.OperationalError("database or disk is full")
            exc.sqlite_errorcode = 13
            raise exc
        return self._conn.execute(sql, *args)


def test_a_failed_bulk_commit_gives_the_automatic_checkpoint_back(tmp_path: Path) -> None:
    conn = _vault_db(tmp_path)
    flaky = _FailingCommit(conn)
    with pytest.raises(Exception, match="full"), db.transaction(flaky):
        conn.executemany("INSERT INTO t VALUES (?)", _rows(db.BULK_CHANGES))
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    conn.close()
