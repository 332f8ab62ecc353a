"""Analytics benchmark: all of ``stats`` and the network layout on a demo vault.

    REGISTRY_PASSPHRASE=x .venv/bin/registry --vault /tmp/bench-an demo \\
        --people 100000 --organisations 10000 --ties 300000
    REGISTRY_PASSPHRASE=x .venv/bin/python benchmarks/bench_analytics.py --vault /tmp/bench-an

Without ``--vault`` a demo vault of that size is made in a temporary folder first (~30 s).
Targets: ``analytics.stats`` over 100k people / 300k ties ≤ 2 s; layout of 5,000 nodes ≤ 2 s.

Baselines run in the same process, printed as ratios:
* the same ``stats`` on a plain (unencrypted) SQLite copy of the vault, made with
  ``sqlcipher_export`` — what encryption costs;
* a bare pass reading every live row of every table once (``count(*)`` with the liveness
  test) on a fresh connection — the floor for anything that looks at all the data.
"Cold" is the first call on a new connection (SQLCipher's page cache empty, the OS file
cache warm); "warm" the median of three further calls. The plain copy is made only of a
demo vault (fictional data) and deleted at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from registry import analytics, demo
from registry.analytics import network
from registry.domain.model import KINDS
from registry.service import Registry
from registry.store import db

TODAY = dt.date.today()
STATS_TARGET = 2.0
LAYOUT_TARGET = 2.0


CPU: dict[str, float] = {}
"""CPU seconds of the last cold and warm measurement (other processes inflate wall time)."""


def timed(fn: Callable[[], object]) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    CPU["last"] = time.process_time() - cpu
    return time.perf_counter() - start


def cold_warm(fn: Callable[[], object]) -> tuple[float, float]:
    cold = timed(fn)
    CPU["cold"] = CPU["last"]
    warm = []
    for _ in range(3):
        warm.append((timed(fn), CPU["last"]))
    wall, CPU["warm"] = sorted(warm)[1]
    return cold, wall


def count_pass(conn: Any) -> None:
    for spec in KINDS.values():
        conn.execute(f"SELECT count(*) FROM {spec.table} WHERE erased IS NULL "
                     "AND coalesce(deleted, 0) = 0").fetchone()


def make_demo(root: Path, passphrase: str) -> Path:
    vault = root / "vault"
    reg = Registry.create(vault, passphrase, name="Demo Official", org="Demo Ministry",
                          country="SE", allow_short=True)
    try:
        with reg.store.write():
            demo.generate(reg.store, demo.DemoSize(100_000, 10_000, 300_000))
    finally:
        reg.lock()
    return vault


def plain_copy(reg: Registry, target: Path) -> Any:
    """An unencrypted copy of a demo vault, opened with the same library and cache."""
    if reg.identity.org != "Demo Ministry":
        raise SystemExit("refusing to write a plaintext copy of a vault that is not a demo")
    path = str(target)
    if "'" in path:
        raise SystemExit("temporary path with a quote")
    reg.store.conn.execute(f"ATTACH DATABASE '{path}' AS plain KEY ''")
    reg.store.conn.execute("SELECT sqlcipher_export('plain')").fetchall()
    reg.store.conn.execute("DETACH DATABASE plain")
    conn = sqlcipher3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA cache_size = -{db.CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def show(label: str, cold: float, warm: float, base: tuple[float, float] | None = None,
         base_label: str = "") -> None:
    line = f"  {label:<44} cold {cold:6.3f} s   warm {warm:6.3f} s"
    if base:
        line += f"   ×{cold / base[0]:.2f} / ×{warm / base[1]:.2f} {base_label}"
    print(line)


def cpu_note() -> str:
    return f"(CPU {CPU['cold']:.3f} s cold, {CPU['warm']:.3f} s warm)"


def bench_stats(vault: Path, passphrase: str,
                tmp: Path) -> tuple[tuple[float, float], float]:
    print("stats (analytics.stats, all sections):")
    reg = Registry.unlock(vault, passphrase)
    try:
        enc = cold_warm(lambda: analytics.stats(reg.store.conn, TODAY))
        enc_cpu, cold_cpu = cpu_note(), CPU["cold"]
        counts = analytics.counts(reg.store.conn)
        plain = plain_copy(reg, tmp / "plain.db")
    finally:
        reg.lock()
    print(f"  data: {counts}")
    fresh = Registry.unlock(vault, passphrase)
    try:
        floor = cold_warm(lambda: count_pass(fresh.store.conn))
    finally:
        fresh.lock()
    try:
        base = cold_warm(lambda: analytics.stats(plain, TODAY))
        plain_floor = cold_warm(lambda: count_pass(plain))
    finally:
        plain.close()
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    show("encrypted vault", *enc, base, "of plain SQLite")
    print(f"  {'':<44} {enc_cpu}")
    show("plain SQLite copy", *base)
    show("bare pass over every live row (encrypted)", *floor)
    show("bare pass over every live row (plain)", *plain_floor)
    print(f"  stats / bare pass, encrypted: ×{enc[0] / floor[0]:.2f} cold, "
          f"×{enc[1] / floor[1]:.2f} warm")
    return enc, cold_cpu


def bench_parts(vault: Path, passphrase: str) -> None:
    print("stats by section (warm, after one full stats call):")
    reg = Registry.unlock(vault, passphrase)
    conn = reg.store.conn
    try:
        analytics.stats(conn, TODAY)
        parts: dict[str, Callable[[], object]] = {
            "counts": lambda: analytics.counts(conn),
            "plurality ×3": lambda: [analytics.plurality.plurality(conn, p)
                                     for p in analytics.Population],
            "coverage (with its people cube)": lambda: analytics.coverage.coverage(conn),
            "regions without support": lambda: analytics.gaps.regions_without_support(conn),
            "overlaps": lambda: analytics.support.overlaps(conn),
            "concentration": lambda: analytics.support.concentration(conn),
            "horizons": lambda: analytics.support.horizons(conn, TODAY.isoformat()),
            "permits": lambda: analytics.permits.permit_expiry(conn, TODAY),
            "evaluations": lambda: analytics.evaluations.overview(conn),
        }
        for label, fn in parts.items():
            print(f"  {label:<32} {statistics.median(timed(fn) for _ in range(3)):6.3f} s")
    finally:
        reg.lock()


def bench_network(vault: Path, passphrase: str) -> float:
    print("network:")
    reg = Registry.unlock(vault, passphrase)
    conn = reg.store.conn
    try:
        (seed,) = conn.execute("SELECT from_id FROM tie ORDER BY id LIMIT 1").fetchone()
        box: dict[str, network.Graph] = {}
        load = timed(lambda: box.setdefault(
            "ego", network.ego_network(conn, seed, depth=8, max_nodes=5_000)))
        graph = box["ego"]
        print(f"  ego network, depth ≤ 8, capped at 5,000 nodes: {len(graph.nodes)} nodes, "
              f"{len(graph.edges)} edges, loaded in {load:.3f} s")
        lay = statistics.median(timed(lambda: network.layout(graph)) for _ in range(3))
        print(f"  layout (Fruchterman–Reingold, grid)          {lay:6.3f} s  "
              f"(target ≤ {LAYOUT_TARGET} s; CPU {CPU['last']:.3f} s)")
        print(f"  brokers (exact betweenness)                  "
              f"{timed(lambda: network.brokers(graph)):6.3f} s")
        whole = timed(lambda: box.setdefault("whole", network.network(conn)))
        full = box["whole"]
        print(f"  whole network: {len(full.nodes)} nodes, {len(full.edges)} edges, "
              f"loaded in {whole:.3f} s; components in "
              f"{timed(lambda: network.components(full)):.3f} s")
    finally:
        reg.lock()
    return lay


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vault", type=Path, help="a demo vault (made if not given)")
    args = parser.parse_args()
    passphrase = os.environ.get("REGISTRY_PASSPHRASE") or "demo"
    with tempfile.TemporaryDirectory(prefix="bench-analytics-") as tmp_name:
        tmp = Path(tmp_name)
        vault = args.vault or make_demo(tmp, passphrase)
        enc, enc_cpu = bench_stats(vault, passphrase, tmp)
        bench_parts(vault, passphrase)
        lay = bench_network(vault, passphrase)
    verdict = "met" if enc[0] <= STATS_TARGET else "MISSED"
    print(f"stats target ≤ {STATS_TARGET} s cold: {verdict} ({enc[0]:.3f} s wall, "
          f"{enc_cpu:.3f} s CPU, load average {os.getloadavg()[0]:.1f}); "
          f"layout target ≤ {LAYOUT_TARGET} s: "
          f"{'met' if lay <= LAYOUT_TARGET else 'MISSED'} ({lay:.3f} s)")


if __name__ == "__main__":
    main()
