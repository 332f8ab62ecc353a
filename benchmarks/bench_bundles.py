"""Benchmark of bundle export, import and re-import, next to baselines in the same run.

Run: ``.venv/bin/python benchmarks/bench_bundles.py [--vault DIR] [--people N]``

The source is a demo vault (100,000 people, 10,000 organisations, 300,000 ties by default;
made with ``registry demo`` when DIR does not exist, passphrase ``x``). Everything is
exported (ceiling ``protected``, ``--protected include``: the largest bundle) to a fresh
vault, which imports it and then re-imports it. Baselines, measured in the same run:

* export  — the stock ``age`` tool encrypting the same (decrypted) payload;
* import  — plain SQLite (stdlib ``sqlite3``, no encryption, no index, no audit) inserting
  the same rows into the same tables in one transaction.

Targets (the issue): export ≤ 15 s, import into an empty vault ≤ 30 s, re-import ≤ 15 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

from registry.service import Registry
from registry.store import schema
from registry.store.records import Store
from registry.sync import agecrypt, container, payload, wire
from registry.vault.keyfile import FAST_TEST_PARAMS

PASS = "x"
TARGETS = {"export": 15.0, "import": 30.0, "re-import": 15.0}


def demo(vault: Path, people: int) -> None:
    if vault.exists():
        return
    script = Path(sys.executable).parent / "registry"
    env = {**os.environ, "REGISTRY_PASSPHRASE": PASS}
    subprocess.run([str(script), "--vault", str(vault), "demo", "--people", str(people),
                    "--organisations", str(people // 10), "--ties", str(people * 3)],
                   env=env, check=True)


def timed(fn, *args, **kw):
    start = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - start, result


def age_baseline(plain: bytes, recipient: str, work: Path) -> float:
    age = shutil.which("age")
    if age is None:
        return float("nan")
    src = work / "payload.jsonl.gz"
    src.write_bytes(plain)
    seconds, _ = timed(subprocess.run, [age, "-r", recipient, "-o", str(work / "p.age"),
                                        str(src)], check=True)
    return seconds


def sqlite_baseline(records: list, work: Path) -> float:
    conn = sqlite3.connect(work / "plain.db", isolation_level=None)
    for statement in schema._statements(schema.V1):  # the same tables
        if "fts5" not in statement:
            conn.execute(statement)
    store = Store.__new__(Store)  # only for its SQL and row helpers
    from registry.store import records as rec

    def insert() -> None:
        conn.execute("BEGIN")
        by_kind: dict = {}
        for r in records:
            by_kind.setdefault(r.kind, []).append(rec._to_row(r))
        for kind, rows in by_kind.items():
            conn.executemany(Store._insert_sql(store, kind), rows)
        conn.execute("COMMIT")

    seconds, _ = timed(insert)
    conn.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vault", type=Path, default=Path("/tmp/bench-bundles-vault"))
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    demo(args.vault, args.people)
    work = Path(tempfile.mkdtemp(prefix="bench-bundles-"))
    src = Registry.unlock(args.vault, PASS)
    dst = Registry.create(work / "dst", "passphrase-123", name="Bench", org="Bench",
                          country="SE", kdf=FAST_TEST_PARAMS)
    dst.sharing.add_card(src.sharing.card(), verified_method="in_person")
    src_card = dst.sharing.card()
    if src.sharing.trust.find(dst.identity.fingerprint) is None:
        src.sharing.add_card(src_card, verified_method="in_person")
    request = src.sharing.request(to=[dst.identity.fingerprint], ceiling="protected",
                                  mode="include")
    bundle = work / "all.rbundle"
    t_export, result = timed(src.sharing.export, request, bundle)
    # the vault's own runs first: the baselines below hold every record in memory
    t_import, [first] = timed(dst.sharing.import_bundles, [bundle])
    t_reimport, [again] = timed(dst.sharing.import_bundles, [bundle])
    opened = container.open_bundle(bundle)
    plain = agecrypt.decrypt(opened.payload, dst.official_keys.age_identity, max_size=1 << 31)
    _, lines = payload.decode(plain, max_uncompressed=1 << 31, max_line=1 << 20,
                              max_lines=5_000_000)
    records = [wire.from_line(line, n) for n, line in enumerate(lines)]
    t_age = age_baseline(plain, dst.identity.age_recipient, work)
    t_sqlite = sqlite_baseline(records, work)
    same = src.digest() == dst.digest()
    src.lock()
    dst.lock()
    shutil.rmtree(work, ignore_errors=True)
    counts = result.exposure.records
    print(f"records: {sum(counts.values())} {counts}; bundle {bundle.name}: "
          f"{opened.manifest.payload_size / 1e6:.1f} MB encrypted, {len(plain) / 1e6:.1f} MB "
          "gzip payload")
    rows = [("export", t_export, "age -r (same payload)", t_age),
            ("import", t_import, "plain SQLite inserts", t_sqlite),
            ("re-import", t_reimport, "plain SQLite inserts", t_sqlite)]
    for name, seconds, base_name, base in rows:
        verdict = "ok" if seconds <= TARGETS[name] else "OVER TARGET"
        print(f"{name:<10} {seconds:7.2f} s  (target {TARGETS[name]:.0f} s: {verdict})  "
              f"baseline {base_name}: {base:6.2f} s  ratio {seconds / base:6.1f}x")
    print(f"import: {first.counts}; re-import: {again.counts}; digests equal: {same}")


if __name__ == "__main__":
    main()
