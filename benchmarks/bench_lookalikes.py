"""Benchmark of spreadsheet import on look-alike names: how the time grows with the rows.

Run: ``.venv/bin/python benchmarks/bench_lookalikes.py [SMALL LARGE [SHAPE...]]`` (2,000 and
8,000 rows, every shape)

Two files of each size, checked as a dry run (every decision made, nothing written):

* **file**: rows whose names are small variations of a few names (case, spacing, ё/е, a
  Latin look-alike letter, another vowel, the other order, a Latin spelling, an initial, a
  patronymic, a gender form) with e-mails and phones, some inside Russia, against a vault of
  300 such namesakes, some protected, some decided "same" in chains;
* **vault**: as many records of one name as the file has rows (one in ten inside Russia),
  each row that name (in Cyrillic or Latin) with the e-mail of one of them;
* **vowels**: an empty vault, each row a three-word name with four of its vowels drawn at
  random and an e-mail of its own: many spellings of one skeleton, most of them not the
  same name by the duplicate finder's score, so each is compared with all the others.

Each figure is printed next to a baseline run in the same process: the dry run of a file of
as many distinct people (``tests/interop/bigfile.py``). Linear growth is a ratio of about 4
from the small to the large size, quadratic about 16.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.interop.bigfile import write_people_csv
from tests.interop.lookalikes import fill_vault, write_file

from registry.domain.enums import Kind
from registry.interop.importer import SpreadsheetImport
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS


def _registry(folder: Path) -> Registry:
    return Registry.create(folder / "vault", "benchmark-passphrase", name="Bench", org="Bench",
                           country="SE", kdf=FAST_TEST_PARAMS)


def _dry_run(reg: Registry, path: Path) -> float:
    t0 = time.perf_counter()
    SpreadsheetImport(reg, path).run(dry_run=True)
    return time.perf_counter() - t0


def baseline(folder: Path, rows: int) -> float:
    """Seconds for the dry run of ``rows`` distinct people into an empty vault."""
    reg = _registry(folder)
    try:
        return _dry_run(reg, write_people_csv(folder / "people.csv", rows))
    finally:
        reg.lock()


def file_shape(folder: Path, rows: int) -> float:
    reg = _registry(folder)
    try:
        rnd = random.Random(7)
        fill_vault(reg, rnd, 300)
        return _dry_run(reg, write_file(folder / "lookalikes.csv", rnd, rows))
    finally:
        reg.lock()


def vault_shape(folder: Path, rows: int) -> float:
    reg = _registry(folder)
    try:
        for i in range(rows):
            reg.add(Kind.PERSON, {"name": "Анна Смирнова", "email": f"p{i}@example.org",
                                  "inside_russia": i % 10 == 0})
        path = folder / "namesakes.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "email"])
            for i in range(rows):
                name = "Анна Смирнова" if i % 2 else "Anna Smirnova"
                writer.writerow([name, f"p{i}@example.org"])
        return _dry_run(reg, path)
    finally:
        reg.lock()


_VOWELS = "аеиоуыэюя"


def vowels_shape(folder: Path, rows: int) -> float:
    reg = _registry(folder)
    try:
        rnd = random.Random(3)
        path = folder / "vowels.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "email"])
            for i in range(rows):
                name = list("Анна Смирнова Ивановна")
                spots = [k for k, c in enumerate(name) if c in _VOWELS]
                for _ in range(4):
                    name[rnd.choice(spots)] = rnd.choice(_VOWELS)
                writer.writerow(["".join(name), f"p{i}@example.org"])
        return _dry_run(reg, path)
    finally:
        reg.lock()


def measure(shape: Callable[[Path, int], float], rows: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        base = baseline(Path(tmp) / "base", rows)
    with tempfile.TemporaryDirectory() as tmp:
        return shape(Path(tmp), rows), base


def main(small: int = 2_000, large: int = 8_000, names: list[str] | None = None) -> int:
    shapes = {"file": file_shape, "vault": vault_shape, "vowels": vowels_shape}
    for name in names or shapes:
        shape = shapes[name]
        (t_small, b_small), (t_large, b_large) = measure(shape, small), measure(shape, large)
        print(f"{name:6s} {small:>6,} rows: {t_small:7.2f} s ({t_small / b_small:5.1f}x "
              f"baseline {b_small:.2f} s)   {large:,} rows: {t_large:7.2f} s "
              f"({t_large / b_large:5.1f}x baseline {b_large:.2f} s)   "
              f"growth {t_large / t_small:5.1f}x (baseline {b_large / b_small:.1f}x; "
              f"linear ~{large / small:.0f}x, quadratic ~{(large / small) ** 2:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*map(int, sys.argv[1:3]), names=sys.argv[3:]))
