"""A colleague's record beside a protected person here arrives protected (DESIGN §6.4.3).

Vault **A** holds Анна Смирнова flagged inside Russia. Colleague **C**, who does not know,
sends their own record of her unflagged; A's duplicates review pairs the two. The bundle
import raises C's record to ``protected`` until A's official reviews the pair (the one rule
``registry.match.guard``, as the spreadsheet import asks it), so A's next export to **D**
leaves it out. Controls: an unrelated name is not guarded; a vault with nobody protected
guards nothing; a dry run reports what it would guard and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.cli_sharing import _report_text
from registry.domain.enums import Kind, Sensitivity
from registry.service import Registry
from registry.sync.importer import ImportReport
from registry.sync.namesakes import REASON

from .test_redact import decrypted
from .vaults import person, receive, send, trusted

HER = {"name_latin": "Anna Smirnova", "region": "RU-MOW"}
TWIN = {"name": "Анна Сергеевна Смирнова", "name_latin": "Anna Smirnova", "city": "Moscow"}


@pytest.fixture
def acd(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    with trusted(tmp_path, "A", "C", "D") as vaults:
        yield vaults


def _sent(sender: Registry, to: Registry, path: Path, **kw: Any) -> dict[str, dict[str, Any]]:
    """The lines ``to`` decrypts from a bundle ``sender`` writes to it, by id."""
    return {line["id"]: line for line in decrypted(send(sender, [to], path, **kw), to)[1]}


def _colleague_sends(a: Registry, c: Registry, tmp_path: Path
                     ) -> tuple[str, str, ImportReport]:
    twin = c.add(Kind.PERSON, dict(TWIN)).id
    boris = person(c, "Борис Ким", city="Moscow")
    report, = receive(a, send(c, [a], tmp_path / "c.rbundle"))
    return twin, boris, report


def test_a_colleagues_record_of_her_arrives_protected_until_reviewed(acd, tmp_path) -> None:
    a, c, d = acd
    her = person(a, "Анна Смирнова", inside_russia=True, **HER)
    twin, boris, report = _colleague_sends(a, c, tmp_path)
    assert report.guarded == [twin]
    assert a.is_protected(twin) and a.get(twin).values["sensitivity"] == "protected"
    assert not a.is_protected(boris)  # control: an unrelated name is not guarded
    # the pair waits in the review, with why: lowering after it is the official's act
    assert [({q.a, q.b}, q.reason) for q in a.matching.queued()] == [({her, twin}, REASON)]
    assert any({x.a, x.b} == {her, twin} for x in a.matching.candidates())
    for mode in ("exclude", "pseudonymise"):
        sent = _sent(a, d, tmp_path / f"d-{mode}.rbundle", mode=mode)
        assert sent[boris]["values"]["name"] == "Борис Ким"  # control: it travels
        assert twin not in sent  # not by its id, nor by name, city and all
        assert not any("Moscow" in str(line["values"]) for i, line in sent.items()
                       if i != boris)


def test_a_vault_with_nobody_protected_guards_nothing(acd, tmp_path) -> None:
    a, c, d = acd
    person(a, "Анна Смирнова", **HER)  # not flagged
    twin, _, report = _colleague_sends(a, c, tmp_path)
    assert report.guarded == [] and not a.is_protected(twin) and a.matching.queued() == []
    assert "until you review them" not in _report_text(report)
    assert _sent(a, d, tmp_path / "d.rbundle")[twin]["values"]["city"] == "Moscow"


def test_a_dry_run_reports_what_it_would_guard_and_writes_nothing(acd, tmp_path) -> None:
    a, c, _ = acd
    person(a, "Анна Смирнова", inside_russia=True, **HER)
    twin = c.add(Kind.PERSON, dict(TWIN)).id
    path = send(c, [a], tmp_path / "c.rbundle")
    report, = receive(a, path, dry_run=True)
    assert report.guarded == [twin] and report.dry_run
    assert report.to_json()["protection"]["guarded"] == [twin]
    assert "would protect 1 new or renamed record(s) until you review them" in \
        _report_text(report)
    assert a.find(twin) is None and a.matching.queued() == []
    report, = receive(a, path)  # control: the import itself guards it
    assert report.guarded == [twin] and a.is_protected(twin)
    assert "  protected 1 new or renamed record(s)" in _report_text(report)


def test_a_record_renamed_to_her_name_is_guarded(acd, tmp_path) -> None:
    a, c, _ = acd
    person(a, "Анна Смирнова", inside_russia=True, **HER)
    _, boris, _ = _colleague_sends(a, c, tmp_path)
    c.update(boris, {"city": "Kazan"})  # control: a change that is no rename guards nothing
    report, = receive(a, send(c, [a], tmp_path / "c2.rbundle"))
    assert report.guarded == [] and not a.is_protected(boris)
    c.update(boris, {"name": "Анна Смирнова", "name_latin": "Anna Smirnova"})
    report, = receive(a, send(c, [a], tmp_path / "c3.rbundle"))
    assert report.guarded == [boris] and a.is_protected(boris)


def test_an_organisation_beside_a_protected_one_is_guarded(acd, tmp_path) -> None:
    a, c, _ = acd
    a.add(Kind.ORGANISATION, {"name": "Мемориал", "name_latin": "Memorial",
                              "sensitivity": Sensitivity.PROTECTED.label})
    theirs = c.add(Kind.ORGANISATION, {"name": "Memorial"}).id
    other = c.add(Kind.ORGANISATION, {"name": "Новая газета"}).id
    report, = receive(a, send(c, [a], tmp_path / "c.rbundle"))
    assert report.guarded == [theirs]
    assert a.is_protected(theirs) and not a.is_protected(other)


def test_a_sender_who_brings_her_protection_is_not_second_guessed(acd, tmp_path) -> None:
    """C holds her flagged and its own namesake of her unflagged, and sends both: C knows,
    its own review asked, and A's copy stays C's (equal digests, DESIGN §6.4.1). In the same
    import D, who does not know, sends its own record of her: that one is guarded."""
    a, c, d = acd
    person(c, "Анна Смирнова", inside_russia=True, **HER)
    kept = c.add(Kind.PERSON, dict(TWIN)).id
    theirs = person(d, "Anna Smirnova", city="Moscow")
    everything = {"mode": "include", "ceiling": "protected"}
    from_c, from_d = receive(a, send(c, [a], tmp_path / "c.rbundle", **everything),
                             send(d, [a], tmp_path / "d.rbundle"))
    assert from_c.guarded == [] and not a.is_protected(kept)
    assert from_d.guarded == [theirs] and a.is_protected(theirs)  # control
