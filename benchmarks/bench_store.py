"""Store benchmark: the encrypted store next to plain SQLite, same library, same process.

    .venv/bin/python benchmarks/bench_store.py [--people 100000] [--million]

The baseline is the same SQLite build (sqlcipher3 with no key, so no encryption) running
the same schema and the same Store code: the ratios isolate what encryption costs. Also
measured: the effect of the page cache, search latency (p50/p99) through the service,
unlock-after-KDF to the first 100 rows of the people list, and the digest.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from registry import demo
from registry.domain.enums import Kind
from registry.match import translit
from registry.service import Registry
from registry.store import db, schema
from registry.store.records import Store
from registry.vault import keyfile

QUERIES = ["Иванов", "Smirnova", "Navalnaya", "Петр", "Alek", "Ольга Соко", "Kuznetsov",
           "Mikhail", "Юлия", "Zaitseva", "Фёдоров", "Berl", "Sergei Pavlov", "Tbilisi",
           "Nikolaeva", "Gusev", "Алексеев", "Orlova", "Romanov", "Дарья"]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def plain_store(path: Path, origin: str) -> Store:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                   "secure_delete = ON", "temp_store = MEMORY", f"cache_size = -{db.CACHE_KIB}"):
        conn.execute(f"PRAGMA {pragma}").fetchall()
    schema.migrate(conn)
    return Store(conn, origin, translit.index_terms)


def make_records(store: Store, size: demo.DemoSize, official: str) -> list:  # type: ignore[type-arg]
    records = []
    for _label, batch in demo._Generator(store, size, official).batches():
        records.extend(batch)
    return records


def bulk(store: Store, records: list) -> float:  # type: ignore[type-arg]
    def run() -> None:
        with store.write():
            store.bulk_insert(records)
    return timed(run)


def search_latencies(store: Store, rounds: int = 5) -> list[float]:
    out = []
    for _ in range(rounds):
        for q in QUERIES:
            start = time.perf_counter()
            for rid, kind in store.search_ids(translit.query_words(q), 500):
                store.get(rid, Kind(kind))
            out.append(time.perf_counter() - start)
    return out


def first_rows(conn: object, n: int = 100) -> float:
    sql = ("SELECT id, name, name_latin, country, region FROM person WHERE erased IS NULL "
           "AND coalesce(deleted, 0) = 0 ORDER BY name COLLATE NOCASE, id LIMIT ?")
    return timed(lambda: conn.execute(sql, (n,)).fetchall())  # type: ignore[attr-defined]


def listing_all(conn: object) -> float:
    sql = "SELECT id FROM person ORDER BY name COLLATE NOCASE, id"
    return timed(lambda: conn.execute(sql).fetchall())  # type: ignore[attr-defined]


def median_of(measure: Callable[[], float], times: int) -> float:
    return statistics.median(measure() for _ in range(times))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))]


def row(name: str, enc: float, plain: float | None, unit: str = "s") -> None:
    ratio = f"{enc / plain:5.2f}x" if plain else "   -  "
    base = f"{plain:9.4f}" if plain is not None else "        -"
    print(f"  {name:<42} {enc:9.4f} {base} {ratio}  {unit}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--organisations", type=int, default=None)
    ap.add_argument("--ties", type=int, default=None)
    ap.add_argument("--million", action="store_true", help="also search p99 at 1M people")
    args = ap.parse_args()
    size = demo.DemoSize(people=args.people,
                         organisations=args.organisations or args.people // 10,
                         ties=args.ties if args.ties is not None else args.people * 3)
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        run(Path(tmp), size, args.million)


def run(tmp: Path, size: demo.DemoSize, million: bool) -> None:
    passphrase = "benchmark passphrase"
    reg = Registry.create(tmp / "enc", passphrase, name="Bench", org="Bench", country="SE",
                          kdf=keyfile.FAST_TEST_PARAMS)
    plain = plain_store(tmp / "plain.db", reg.store.origin)
    print(f"generating {size.people} people, {size.organisations} organisations, "
          f"{size.ties} ties ...")
    records = make_records(reg.store, size, reg.identity.name)
    # Warm-up: the name-key caches fill on the first insert whichever store gets it.
    bulk(plain_store(tmp / "warm.db", reg.store.origin), records)
    print(f"\n  {'figure':<42} {'encrypted':>9} {'plain':>9} {'ratio':>6}")
    row("bulk insert (all records)", bulk(reg.store, records), bulk(plain, records))
    enc_lat: list[float] = []
    plain_lat: list[float] = []
    for _ in range(20):  # interleaved, so both stores meet the same machine
        enc_lat += search_latencies(reg.store, rounds=1)
        plain_lat += search_latencies(plain, rounds=1)
    row("search p50 (store, 500 candidates)", pct(enc_lat, .5), pct(plain_lat, .5))
    row("search p99 (store, 500 candidates)", pct(enc_lat, .99), pct(plain_lat, .99))
    row("first 100 people by name (median of 50)",
        median_of(lambda: first_rows(reg.store.conn), 50),
        median_of(lambda: first_rows(plain.conn), 50))
    row("list all people ids by name (median of 5)",
        median_of(lambda: listing_all(reg.store.conn), 5),
        median_of(lambda: listing_all(plain.conn), 5))
    row("digest (median of 3)", median_of(lambda: timed(reg.digest), 3),
        median_of(lambda: timed(plain.digest), 3))
    root = reg.paths.root
    reg.lock()
    plain.conn.close()
    cold_cache(root, passphrase)
    service_figures(root, passphrase)
    if million:
        million_search(tmp)


def cold_cache(root: Path, passphrase: str) -> None:
    """The page cache's effect: a fresh connection with SQLite's default cache vs ours."""
    key = keyfile.unseal(root / "vault.key", passphrase)[0]
    figures = {}
    for label, kib in (("default cache (2 MiB)", 2000), (f"cache {db.CACHE_KIB // 1024} MiB",
                                                          db.CACHE_KIB)):
        conn = db.connect(root / "registry.db", key)
        conn.execute(f"PRAGMA cache_size = -{kib}")
        store = Store(conn, "x", translit.index_terms)
        lat = search_latencies(store, rounds=3)
        figures[label] = (pct(lat, .99), listing_all(conn) + listing_all(conn))
        conn.close()
    (d99, dlist), (c99, clist) = figures.values()
    print("\n  page cache, encrypted (second pass warm):")
    row("search p99: big cache vs default", c99, d99)
    row("list all people twice: big cache vs default", clist, dlist)


def service_figures(root: Path, passphrase: str) -> None:
    """Through the service, as users meet it: unlock to first rows, search latency."""
    key_file = root / "vault.key"
    kdf = timed(lambda: keyfile.unseal(key_file, passphrase))
    start = time.perf_counter()
    reg = Registry.unlock(root, passphrase)
    first_rows(reg.store.conn)
    to_rows = time.perf_counter() - start - kdf
    lat = []
    rng = random.Random(1)
    for _ in range(10):
        for q in rng.sample(QUERIES, len(QUERIES)):
            start = time.perf_counter()
            reg.search(q, 50)
            lat.append(time.perf_counter() - start)
    print("\n  through the service (targets in brackets):")
    print(f"  {'unlock after KDF to first 100 rows':<42} {to_rows * 1000:9.1f} ms  (<= 200 ms)")
    print(f"  {'search p50 / p99 (limit 50)':<42} {pct(lat, .5) * 1000:9.1f} / "
          f"{pct(lat, .99) * 1000:.1f} ms  (p99 <= 30 ms at 100k)")
    print(f"  {'digest':<42} {timed(reg.digest):9.2f} s   (<= 5 s at 100k)")
    print(f"  {'database size':<42} {os.path.getsize(root / 'registry.db') / 2**20:9.1f} MiB")
    reg.lock()


def million_search(tmp: Path) -> None:
    reg = Registry.create(tmp / "m", "benchmark passphrase", name="B", org="B", country="SE",
                          kdf=keyfile.FAST_TEST_PARAMS)
    with reg.store.write():
        demo.generate(reg.store, demo.DemoSize(people=1_000_000, organisations=1000, ties=0))
    lat = []
    for q in QUERIES * 5:
        start = time.perf_counter()
        reg.search(q, 50)
        lat.append(time.perf_counter() - start)
    print(f"\n  1M people: search p50 {statistics.median(lat) * 1000:.1f} ms, "
          f"p99 {pct(lat, .99) * 1000:.1f} ms  (p99 <= 100 ms)")
    reg.lock()


if __name__ == "__main__":
    sys.exit(main())
