"""Benchmark of spreadsheet import: 50,000 rows must import in at most 20 s.

Run: ``.venv/bin/python benchmarks/bench_import.py [ROWS]``

Prints, in the same run, a baseline of the same work without the application: parsing
the CSV with the csv module, and inserting the same rows into a plain (unencrypted)
SQLite table in one transaction. The ratios say what validation, matching, stamps, the
search index, the audit chain and encryption cost on top.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.interop.bigfile import write_people_csv

from registry.interop.importer import SpreadsheetImport
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS

LIMIT_S = 20.0


def baseline(path: Path, db: Path) -> tuple[float, float]:
    """Seconds to parse the CSV, and to insert its rows into plain SQLite."""
    t0 = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    t1 = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, " +
                 ", ".join(f"c{i} TEXT" for i in range(len(rows[0]))) + ")")
    with conn:
        conn.executemany(f"INSERT INTO person VALUES (NULL, {', '.join('?' * len(rows[0]))})",
                         rows)
    conn.close()
    return t1 - t0, time.perf_counter() - t1


def timed_import(reg: Registry, path: Path) -> tuple[float, dict[str, int]]:
    t0 = time.perf_counter()
    report = SpreadsheetImport(reg, path).run()
    counts = report.to_json()["counts"]
    return time.perf_counter() - t0, counts


def main(rows: int = 50_000) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_people_csv(folder / "people.csv", rows)
        parse_s, sqlite_s = baseline(path, folder / "plain.db")
        reg = Registry.create(folder / "vault", "benchmark-passphrase", name="Bench",
                              org="Bench", country="SE", kdf=FAST_TEST_PARAMS)
        try:
            first_s, first = timed_import(reg, path)
            second_s, second = timed_import(reg, path)
        finally:
            reg.lock()
    base = parse_s + sqlite_s
    print(f"file: {rows:,} rows, {path.name}")
    print(f"baseline: csv parse {parse_s:.2f} s + plain SQLite inserts {sqlite_s:.2f} s "
          f"= {base:.2f} s")
    print(f"import (new records):   {first_s:6.2f} s  ({first_s / base:5.1f}x baseline)  "
          f"{first}")
    print(f"import again (no-op):   {second_s:6.2f} s  ({second_s / base:5.1f}x baseline)  "
          f"{second}")
    ok = first_s <= LIMIT_S and second_s <= LIMIT_S
    print(f"limit {LIMIT_S:.0f} s: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
