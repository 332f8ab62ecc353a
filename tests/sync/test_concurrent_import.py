"""An import checks its bundles before its transaction begins; another window or command of
the same official may commit to the vault in between. The import then refuses, changing
nothing, rather than apply a plan made for a vault that no longer exists: a record the
other window created meanwhile would be written over as new, and a protection it raised
lowered with it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.errors import VaultBusy
from registry.service import Registry
from tests.passphrase import PASSPHRASE

from .forge import forge, stamp
from .vaults import receive


def _two_versions(c: Registry, r: Registry, tmp_path: Path, kind: Kind = Kind.PERSON
                  ) -> tuple[str, Path, Path]:
    """C's record Z as first sent (internal), and a later version that raises its protection:
    a person flagged inside Russia, or a tie between two people R holds made confidential."""
    z = str(uuid.uuid4())
    if kind is Kind.PERSON:
        first: dict[str, object] = {"name": "Анна Смирнова", "sensitivity": "internal"}
        raised: dict[str, object] = {"sensitivity": "protected", "inside_russia": True}
    else:
        ends = [r.add(Kind.PERSON, {"name": n}).id for n in ("Иван Петров", "Олег Сидоров")]
        first = {"from_id": ends[0], "to_id": ends[1], "kind": "colleague",
                 "sensitivity": "internal"}
        raised = {"sensitivity": "confidential"}
    old = forge(c, r, tmp_path / "old.rbundle",
                [Record(z, kind, first, dict.fromkeys(first, stamp(c, 10)))])
    later = {**first, **raised}
    new = forge(c, r, tmp_path / "new.rbundle",
                [Record(z, kind, later, dict.fromkeys(later, stamp(c, 20)))])
    return z, old, new


def _other_window_imports(r: Registry, bundle: Path, *, at: str, nth: int = 1):
    """A progress callback: when the import reports step ``at`` for the ``nth`` time, another
    window of R (its own connection to the same vault) imports ``bundle``."""
    seen: list[str] = []

    def progress(step: str, n: int, total: int) -> None:
        del n, total
        seen.append(step)
        if step != at or seen.count(at) != nth:
            return
        other = Registry.unlock(r.paths.root, PASSPHRASE)
        try:
            receive(other, bundle)
        finally:
            other.lock()
    return progress


def _filler(c: Registry, r: Registry, tmp_path: Path) -> Path:
    first = {"name": "Пётр Иванов"}
    return forge(c, r, tmp_path / "filler.rbundle",
                 [Record(str(uuid.uuid4()), Kind.PERSON, first,
                         dict.fromkeys(first, stamp(c, 5)))])


@pytest.mark.parametrize("kind", [Kind.PERSON, Kind.TIE])
def test_a_commit_by_another_window_after_the_plan_refuses_the_import(
        rca, tmp_path: Path, kind: Kind) -> None:
    """Two files: the first is planned (Z is new here), then while the second is planned
    another window imports Z with its protection raised. The first file's plan would write Z
    over as new: a tie with its older, lower sensitivity (a person failed on the search
    index's unique key instead, with a database error)."""
    r, c, _ = rca
    z, old, new = _two_versions(c, r, tmp_path, kind)
    filler = _filler(c, r, tmp_path)
    with pytest.raises(VaultBusy, match="changed the vault while the bundles were being "
                                        "checked: nothing was imported"):
        r.sharing.import_bundles([old, filler],
                                 progress=_other_window_imports(r, new, at="comparing", nth=2))
    raised = r.get(z).values
    assert raised["sensitivity"] != "internal"  # what the other window wrote stands
    assert len(r.sharing.history()) == 1  # the other window's import only
    # importing again plans against the vault as it is now: the older version changes nothing
    receive(r, old, filler)
    assert r.get(z).values == raised


def test_a_commit_during_the_checks_refuses_the_import(rca, tmp_path: Path) -> None:
    """The first file's lines were checked against the vault before the second was read."""
    r, c, _ = rca
    z, old, new = _two_versions(c, r, tmp_path)
    filler = _filler(c, r, tmp_path)
    with pytest.raises(VaultBusy):
        r.sharing.import_bundles([old, filler],
                                 progress=_other_window_imports(r, new, at="validating", nth=2))
    assert r.get(z).values["inside_russia"] is True and len(r.sharing.history()) == 1


def test_positive_control_without_another_window_the_import_applies(
        rca, tmp_path: Path) -> None:
    r, c, _ = rca
    z, old, _ = _two_versions(c, r, tmp_path)
    filler = _filler(c, r, tmp_path)
    calls: list[str] = []
    reports = r.sharing.import_bundles([old, filler], progress=lambda s, n, t: calls.append(s))
    assert calls.count("comparing") >= 2  # the step the refusing tests write in
    assert all(rep.import_id for rep in reports) and r.get(z).values["name"] == "Анна Смирнова"


def test_a_replay_during_another_windows_commit_writes_nothing_and_is_not_refused(
        rca, tmp_path: Path) -> None:
    """Nothing to write, nothing to refuse: a bundle merged before still reports as such."""
    r, c, _ = rca
    z, old, new = _two_versions(c, r, tmp_path)
    receive(r, old)
    [report] = r.sharing.import_bundles(
        [old], progress=_other_window_imports(r, new, at="validating"), recognise_replays=False)
    assert not report.import_id and r.get(z).values["inside_russia"] is True
