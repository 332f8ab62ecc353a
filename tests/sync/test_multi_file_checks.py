"""Several files of one import are checked like local edits against the vault as the earlier
files leave it (DESIGN §6.5.5, §6.5.8). Every file is checked before any applies; a later
file meets what the earlier ones wrote and is checked again then. The lines that depend on
what the vault holds — one end of a tie held here, a support's provider held here — refuse
the whole import, as the same files in two imports would refuse the second; nothing of any
file is written. Each refusal has positive controls: each file alone, and the files in two
imports (the second refused)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.errors import BundleError
from registry.service import Registry

from .forge import files, forge, record, stamp
from .vaults import person, receive

Pair = tuple[Path, Path]


def _self_tie(r: Registry, c: Registry, tmp_path: Path) -> tuple[Pair, str]:
    """R holds a tie X→Y; file 1 moves its to_id to Z, file 2 its from_id to Z: each alone
    passes, both make the tie Z→Z."""
    x, y, z = (person(r, n) for n in ("Иван Петров", "Пётр Иванов", "Олег Сидоров"))
    tie = r.add(Kind.TIE, {"from_id": x, "to_id": y, "kind": "colleague"}).id
    f1 = forge(c, r, tmp_path / "f1.rbundle",
               [Record(tie, Kind.TIE, {"to_id": z}, {"to_id": stamp(c, 10)})])
    f2 = forge(c, r, tmp_path / "f2.rbundle",
               [Record(tie, Kind.TIE, {"from_id": z}, {"from_id": stamp(c, 20)})])
    return (f1, f2), tie


def _provider(r: Registry, c: Registry, tmp_path: Path) -> tuple[Pair, str]:
    """File 1 makes a donor held here an NGO (which may not provide support), file 2 adds a
    support it provides."""
    org = r.add(Kind.ORGANISATION, {"name": "Фонд", "type": "donor"}).id
    anna = person(r, "Анна Смирнова")
    f1 = forge(c, r, tmp_path / "f1.rbundle",
               [Record(org, Kind.ORGANISATION, {"type": "ngo"}, {"type": stamp(c, 10)})])
    f2 = forge(c, r, tmp_path / "f2.rbundle",
               [record(c, Kind.SUPPORT, {"provider_id": org, "recipient_id": anna,
                                         "kind": "grant"})])
    return (f1, f2), org


Setup = Callable[[Registry, Registry, Path], tuple[Pair, str]]
CASES = {
    "a tie joined to itself": (_self_tie, r"line 2: from_id would join the record held here "
                                          r"to itself"),
    "a provider that may not provide": (_provider, r"line 2: provider_id: the provider must "
                                                   r"be an organisation of type donor"),
}


def _two_files(rca: tuple[Registry, Registry, Registry], tmp_path: Path, case: str
               ) -> tuple[Registry, Path, Path, str]:
    """R, the two files C sent for ``case``, and what refusing the second says."""
    r, c, _ = rca
    setup, refused = CASES[case]
    (f1, f2), _ = setup(r, c, tmp_path)
    return r, f1, f2, refused


@pytest.mark.parametrize("case", CASES)
def test_a_later_file_is_checked_against_what_the_earlier_ones_wrote(
        rca, tmp_path: Path, case: str) -> None:
    r, f1, f2, refused = _two_files(rca, tmp_path, case)
    before, digest = files(r), r.digest()
    with pytest.raises(BundleError, match=refused) as caught:
        receive(r, f1, f2)
    message = str(caught.value)
    assert message.startswith("f2.rbundle: ") and "f1.rbundle: checked, not imported" in message
    assert files(r) == before and r.digest() == digest  # all or none: nothing of f1 either


@pytest.mark.parametrize("case", CASES)
def test_control_each_file_alone_applies_and_two_imports_refuse_the_second(
        rca, tmp_path: Path, case: str) -> None:
    r, f1, f2, refused = _two_files(rca, tmp_path, case)
    [alone] = receive(r, f2, dry_run=True)  # file 2 alone, against the vault as it is
    assert alone.counts["changed"] + alone.counts["new"] == 1
    assert receive(r, f1)[0].counts["changed"] == 1
    with pytest.raises(BundleError, match=refused):
        receive(r, f2)


def test_control_files_that_stay_consistent_apply_together(rca, tmp_path: Path) -> None:
    """The re-check refuses only what the earlier files made wrong: a tie moved in one file
    and moved again in the next, to two different records, applies."""
    r, c, _ = rca
    x, y, z, w = (person(r, n) for n in ("Иван Петров", "Пётр Иванов", "Олег Сидоров",
                                          "Вера Орлова"))
    tie = r.add(Kind.TIE, {"from_id": x, "to_id": y, "kind": "colleague"}).id
    f1 = forge(c, r, tmp_path / "f1.rbundle",
               [Record(tie, Kind.TIE, {"to_id": z}, {"to_id": stamp(c, 10)})])
    f2 = forge(c, r, tmp_path / "f2.rbundle",
               [Record(tie, Kind.TIE, {"from_id": w}, {"from_id": stamp(c, 20)})])
    reports = receive(r, f1, f2)
    assert [rep.counts["changed"] for rep in reports] == [1, 1]
    got = r.get(tie).values
    assert (got["from_id"], got["to_id"]) == (w, z)


def _report_summary(reports: list) -> list[tuple]:
    return [({k: r.counts[k] for k in ("new", "changed", "erased", "held", "unchanged")},
             r.erased, [h["id"] for h in r.held]) for r in reports]


def test_a_dry_run_of_several_files_reports_what_the_import_does(rca, tmp_path: Path) -> None:
    """C's first file brings a person C made, the second erases her (C is her creator): the
    import erases her at once. The dry run said the erasure would wait for R's decision —
    it planned each file alone, against a vault where she was not yet — and the official
    was told the opposite of the irreversible thing that happened. The dry run now changes
    nothing and reports what the import then does, file by file. Positive control: each
    file alone."""
    r, c, _ = rca
    x = person(c, "Анна Смирнова")
    f1 = forge(c, r, tmp_path / "f1.rbundle", [c.store.get(x)])
    c.erase(x)
    f2 = forge(c, r, tmp_path / "f2.rbundle", [c.store.get(x)], sign=True)
    before = files(r)
    preview = receive(r, f1, f2, dry_run=True)
    assert files(r) == before and r.store.get(x) is None
    assert all(p.dry_run and p.import_id is None for p in preview)
    done = receive(r, f1, f2)
    assert _report_summary(preview) == _report_summary(done)
    assert done[1].erased == [x] and r.store.get(x).erased is not None


def test_control_a_dry_run_of_each_file_alone_reports_what_its_import_does(
        rca, tmp_path: Path) -> None:
    r, c, _ = rca
    x = person(c, "Анна Смирнова")
    f1 = forge(c, r, tmp_path / "f1.rbundle", [c.store.get(x)])
    c.erase(x)
    f2 = forge(c, r, tmp_path / "f2.rbundle", [c.store.get(x)], sign=True)
    for f in (f1, f2):
        before = files(r)
        preview = receive(r, f, dry_run=True)
        assert files(r) == before
        assert _report_summary(preview) == _report_summary(receive(r, f))


def test_a_later_file_may_point_to_a_record_an_earlier_one_brings(rca, tmp_path: Path) -> None:
    """C's first file brings a person, the second a tie to her: one import of both applies
    them, as two imports do (it was refused: the second file was checked against the vault
    alone). Control: the second file alone is still refused, nothing written."""
    r, c, _ = rca
    anna, boris = (person(c, n) for n in ("Анна Смирнова", "Борис Орлов"))
    f1 = forge(c, r, tmp_path / "f1.rbundle", [c.store.get(anna), c.store.get(boris)])
    tie = c.add(Kind.TIE, {"from_id": anna, "to_id": boris, "kind": "colleague"}).id
    f2 = forge(c, r, tmp_path / "f2.rbundle", [c.store.get(tie)])
    before = files(r)
    with pytest.raises(BundleError, match="line 2: from_id points to no"):
        receive(r, f2)
    assert files(r) == before
    preview = receive(r, f1, f2, dry_run=True)
    assert files(r) == before
    reports = receive(r, f1, f2)
    assert _report_summary(preview) == _report_summary(reports)
    assert [rep.counts["new"] for rep in reports] == [2, 1]
    assert r.get(tie).values["to_id"] == boris

