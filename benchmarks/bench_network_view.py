"""Network view and dashboard benchmark: 5,000-node layout, first paint, stats, GUI stall.

    .venv/bin/python benchmarks/bench_network_view.py            # makes a demo vault (~3 s)
    .venv/bin/python benchmarks/bench_network_view.py --people 10000 --ties 20000

Targets: layout ≤ 2 s off the GUI thread; the GUI thread never waits more than 100 ms.
Baselines in the same run, printed as ratios:
* layout with the view's bounded iterations vs the core's default 500 iterations;
* first paint of the 5,000-node scene vs painting the same view empty;
* ``analytics.stats`` (what the dashboard loads) vs a bare pass counting every live row;
* the longest GUI event-loop gap while the worker loads and lays out the network (igraph
  holds the GIL for a whole layout call) vs the same probe with the worker idle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from registry import analytics, demo
from registry.analytics import network
from registry.analytics import network_view as compute
from registry.domain.model import KINDS
from registry.gui.network import NetworkView
from registry.gui.tasks import Tasks
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bare_pass(reg: Registry) -> None:
    for spec in KINDS.values():
        reg.store.conn.execute(f"SELECT count(*) FROM {spec.table} AS r WHERE "
                               f"{analytics._db.live('r')}").fetchone()


def stall_while(app: QApplication, start: Callable[[Callable[[], None]], None]) -> float:
    """Longest gap between 5 ms timer ticks on the GUI thread until ``start``'s job is done."""
    loop, clock, gaps = QEventLoop(), QElapsedTimer(), [0]
    timer = QTimer()
    timer.setInterval(5)

    def tick() -> None:
        gaps[0] = max(gaps[0], clock.restart())

    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    start(loop.quit)
    loop.exec()
    timer.stop()
    return gaps[0] / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--ties", type=int, default=9000)
    args = parser.parse_args()
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        reg = Registry.create(Path(tmp) / "v", "bench-passphrase", name="Bench", org="Bench",
                              country="SE", kdf=FAST_TEST_PARAMS)
        with reg.store.write():
            demo.generate(reg.store, demo.DemoSize(args.people, args.organisations, args.ties))
        conn, today = reg.store.conn, dt.date.today()
        stats_s = min(timed(lambda: analytics.stats(conn, today)) for _ in range(3))
        bare_s = min(timed(lambda: bare_pass(reg)) for _ in range(3))
        request = compute.Request()
        graph = compute.cap(network.network(conn), request.max_nodes)
        n = len(graph.nodes)
        bounded = timed(lambda: network.layout(graph, iterations=compute.iterations(n)))
        full = timed(lambda: network.layout(graph))
        result = compute.analyse(graph, request, {})

        tasks = Tasks()
        opened: list[object] = []
        tasks.open(lambda: reg, opened.append)
        while not opened:
            app.processEvents()
        view = NetworkView(tasks)
        view.resize(1280, 860)
        view.show()
        app.processEvents()
        empty = min(timed(lambda: view.view.viewport().grab()) for _ in range(3))
        build = timed(lambda: (view.scene.show_result(result), view.view.fit()))
        paint = timed(lambda: view.view.viewport().grab())
        idle = stall_while(app, lambda done: QTimer.singleShot(1500, done))
        loaded = stall_while(app, lambda done: (view.loaded.connect(lambda _n: done()),
                                                view.show_whole()))
        tasks.shutdown()

    print(f"graph: {n:,} nodes, {len(graph.edges):,} edges "
          f"(demo {args.people:,} people / {args.ties:,} ties)")
    print(f"layout ({compute.iterations(n)} iterations): {bounded:.3f} s "
          f"= {bounded / full:.2f}× the core's 500 iterations ({full:.3f} s); target ≤ 2 s")
    print(f"brokers + components: {result.seconds['brokers']:.3f} s")
    print(f"scene build: {build:.3f} s; first paint: {paint:.3f} s "
          f"= {paint / max(empty, 1e-6):.1f}× an empty view ({empty * 1000:.1f} ms)")
    print(f"stats: {stats_s:.3f} s = {stats_s / max(bare_s, 1e-6):.1f}× a bare pass "
          f"({bare_s * 1000:.1f} ms)")
    print(f"GUI stall while loading the network: {loaded * 1000:.0f} ms "
          f"= {loaded / max(idle, 1e-6):.1f}× idle ({idle * 1000:.0f} ms); target ≤ 100 ms")


if __name__ == "__main__":
    main()
