"""An import reads, checks, plans and merges its bundles inside one write transaction, so
no other window or command of the same official can commit to the vault while it runs: a
plan made for a vault that no longer exists would write a record the other window created
meanwhile over as new, and lower a protection it raised. The other window is told the vault
is busy, nothing of its import written; once the import is done, it imports normally."""

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


def _other_window_imports(r: Registry, bundle: Path, *, at: str, nth: int = 1,
                          refused: list[str]):
    """A progress callback: when the import reports step ``at`` for the ``nth`` time, another
    window of R (its own connection to the same vault) tries to import ``bundle``; what
    refuses it goes to ``refused``."""
    seen: list[str] = []

    def progress(step: str, n: int, total: int) -> None:
        del n, total
        seen.append(step)
        if step != at or seen.count(at) != nth:
            return
        other = Registry.unlock(r.paths.root, PASSPHRASE)
        try:
            receive(other, bundle)
        except VaultBusy as e:
            refused.append(str(e))
        finally:
            other.lock()
    return progress


def _filler(c: Registry, r: Registry, tmp_path: Path) -> Path:
    first = {"name": "Пётр Иванов"}
    return forge(c, r, tmp_path / "filler.rbundle",
                 [Record(str(uuid.uuid4()), Kind.PERSON, first,
                         dict.fromkeys(first, stamp(c, 5)))])


@pytest.mark.parametrize("kind", [Kind.PERSON, Kind.TIE])
def test_another_window_cannot_commit_while_an_import_runs(
        rca, tmp_path: Path, kind: Kind) -> None:
    """Two files: the first is merged (Z is new here), then as the second is read another
    window tries to import Z with its protection raised: it is told the vault is busy; the
    import applies; the other window's import, made again, raises Z."""
    r, c, _ = rca
    z, old, new = _two_versions(c, r, tmp_path, kind)
    filler = _filler(c, r, tmp_path)
    refused: list[str] = []
    reports = r.sharing.import_bundles([old, filler], progress=_other_window_imports(
        r, new, at="importing", nth=2, refused=refused))
    assert len(refused) == 1 and "busy" in refused[0]
    assert all(rep.import_id for rep in reports) and len(r.sharing.history()) == 2
    assert r.get(z).values["sensitivity"] == "internal"  # the older version, alone so far
    receive(r, new)
    raised = r.get(z).values
    assert raised["sensitivity"] != "internal"
    receive(r, old, filler)  # the older version again changes nothing
    assert r.get(z).values == raised


def test_positive_control_without_an_import_the_other_window_commits(
        rca, tmp_path: Path) -> None:
    r, c, _ = rca
    z, old, new = _two_versions(c, r, tmp_path)
    filler = _filler(c, r, tmp_path)
    calls: list[str] = []
    reports = r.sharing.import_bundles([old, filler], progress=lambda s, n, t: calls.append(s))
    assert calls.count("importing") >= 2  # the step the tests above write in
    assert all(rep.import_id for rep in reports) and r.get(z).values["name"] == "Анна Смирнова"
    other = Registry.unlock(r.paths.root, PASSPHRASE)
    try:
        receive(other, new)
    finally:
        other.lock()
    assert r.get(z).values["inside_russia"] is True


def test_a_replay_while_another_window_tries_to_commit_writes_nothing(
        rca, tmp_path: Path) -> None:
    """Nothing to write: a bundle merged before still reports as such."""
    r, c, _ = rca
    z, old, new = _two_versions(c, r, tmp_path)
    receive(r, old)
    refused: list[str] = []
    [report] = r.sharing.import_bundles(
        [old], progress=_other_window_imports(r, new, at="importing", refused=refused),
        recognise_replays=False)
    assert not report.import_id and report.counts["unchanged"] == 1 and len(refused) == 1
    assert "inside_russia" not in r.get(z).values and len(r.sharing.history()) == 1
