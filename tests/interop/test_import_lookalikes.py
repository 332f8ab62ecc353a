"""Rows with look-alike names decide as they did before the shortcuts that keep them fast.

The spreadsheet import compared a row with every namesake in full (the name rule, the strong
match rule, what an update would change) and walked the protection guard row by row until
nothing changed. The shortcuts — cheap exact pre-checks (:func:`may_be_strong`,
``importer._may_hold``), the name comparison asked once per spelling and its words made only
above the line, one walk of a "same" chain per row, one walk of the guard's pairs — must
change no row's outcome. Here the brute-force path, written out as it was, and the
shortcuts import the same tricky file (look-alike letters, ё/е, case, spacing, Cyrillic and
Latin spellings, namesakes of protected people before and after the row, in the file and in
the vault, records decided "same" in chains) and every row's outcome is compared.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.interop import importer, matching
from registry.interop.importer import GUARDED_NOTE, SpreadsheetImport, _RowPlan
from registry.interop.matching import Entry, Matcher, identify, may_be_strong
from registry.match import guard
from registry.match.names import compare
from registry.service import Registry
from tests.interop.conftest import write_csv
from tests.interop.lookalikes import fill_vault, values_of, write_file


# -- the brute-force path, as it was ------------------------------------------------------------
def _old_person_of(self: Matcher, entry: Entry, known: object = None) -> Entry | None:
    seen: set[str] = set()
    while entry.merged:
        if entry.ref in seen:
            return None
        seen.add(entry.ref)
        target = self.entries.get(str(entry.values["merged_into"]))
        if target is None:
            return None
        entry = target
    return entry


def _old_same_name(kind: Kind, values: dict[str, Any], entry: Entry) -> bool:
    m = compare(matching._name_record("row", kind, values),
                matching._name_record(entry.ref, kind, entry.values))
    return m.score >= matching.STRONG and not any("initial" in line for line in m.evidence)


class _OldVerdicts:
    def __init__(self, kind: Kind, values: dict[str, Any]) -> None:
        self.kind, self.values = kind, values

    def __call__(self, entry: Entry) -> bool:
        return _old_same_name(self.kind, self.values, entry)


def _old_guard(self: SpreadsheetImport, plans: list[_RowPlan], matcher: Matcher) -> None:
    new = {p.outcome.line: p for p in plans if p.outcome.action in ("new", "review")}

    def protected(namesake: importer.Namesake) -> bool:
        if namesake.line is not None:
            return namesake.line in new and guard.protected_values(
                new[namesake.line].outcome.values)
        entry = matcher.entries.get(namesake.record_id or "")
        return entry is not None and (guard.protected_values(entry.values)
                                      or self.registry.is_protected(entry.ref))

    pending = True
    while pending:
        pending = False
        for plan in new.values():
            pairs = [(plan, n) for n in plan.outcome.namesakes]
            pairs += [(new[n.line], importer.Namesake("", line=plan.outcome.line))
                      for n in plan.outcome.namesakes if n.line in new]
            for target, namesake in pairs:
                if not guard.protected_values(target.outcome.values) \
                        and protected(namesake):
                    importer._guard(target.outcome)
                    pending = True


@pytest.fixture
def brute_force(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    def use() -> None:
        monkeypatch.setattr(importer, "may_be_strong", lambda *a: True)
        monkeypatch.setattr(importer, "_may_hold", lambda *a: True)
        monkeypatch.setattr(matching, "_NameVerdicts", _OldVerdicts)
        monkeypatch.setattr(Matcher, "person_of", _old_person_of)
        monkeypatch.setattr(SpreadsheetImport, "_guard_namesakes", _old_guard)
    yield use


def _decisions(reg: Registry, path: Path) -> list[dict[str, Any]]:
    report = SpreadsheetImport(reg, path).run(dry_run=True)
    return [{**o.to_json(), "values": dict(o.values)} for o in report.outcomes]


# -- the tests ----------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_row_decides_as_the_brute_force_path(reg: Registry, tmp_path: Path,
                                                   brute_force: Callable[[], None],
                                                   seed: int) -> None:
    rnd = random.Random(seed)
    fill_vault(reg, rnd, 40)
    path = write_file(tmp_path / "lookalikes.csv", rnd, 400)
    fast = _decisions(reg, path)
    brute_force()
    slow = _decisions(reg, path)
    assert len(fast) == len(slow) == 400
    for ours, theirs in zip(fast, slow, strict=True):
        assert ours == theirs
    # the file reaches every kind of decision, guards included
    actions = {o["action"] for o in slow}
    assert {"new", "review", "update", "merged", "rejected"} <= actions
    assert any(GUARDED_NOTE in (o.get("reason") or "") for o in slow)


def test_a_guard_reaches_down_a_long_chain_of_rows(reg: Registry, tmp_path: Path,
                                                   brute_force: Callable[[], None]) -> None:
    """Each row shares an e-mail or a phone with the one before only (another name: reviewed
    beside it); the last row is inside Russia. The old loop protected one more row per pass
    over the file; one walk protects them all, the same ones."""
    rows: list[list[object]] = [["name", "email", "phone", "inside_russia"]]
    for i in range(60):
        email = f"chain{i // 2}@example.org"
        phone = f"+49 170 {(i + 1) // 2:07d}"
        rows.append([f"Person{chr(0x430 + i % 30)} Number{i}", email, phone,
                     "yes" if i == 59 else ""])
    path = write_csv(tmp_path / "chain.csv", rows)
    fast = _decisions(reg, path)
    brute_force()
    assert fast == _decisions(reg, path)
    assert sum(GUARDED_NOTE in (o.get("reason") or "") for o in fast) == 59


def test_the_pre_checks_never_rule_out_a_match(reg: Registry) -> None:
    """``may_be_strong`` is false only where ``identify`` is not strong, ``_may_hold`` only
    where the row would change the entry, and the name rule asked once per spelling with its
    words made above the line says what the full comparison says: over every pair of a pool
    of look-alike values."""
    rnd = random.Random(9)
    pool = [values_of(rnd, i) for i in range(90)]
    for k, (row, other) in enumerate(itertools.product(pool, repeat=2)):
        entry = Entry(f"{k:05d}", Kind.PERSON, dict(other))
        if identify(Kind.PERSON, row, other).strong:
            assert may_be_strong(Kind.PERSON, row, other)
        if not importer._changes(entry, dict(row), names_too=False):
            assert importer._may_hold(entry, dict(row))
        assert matching._same_name(Kind.PERSON, row, entry) == _old_same_name(
            Kind.PERSON, row, entry)
        assert matching._NameVerdicts(Kind.PERSON, row)(entry) == _old_same_name(
            Kind.PERSON, row, entry)
