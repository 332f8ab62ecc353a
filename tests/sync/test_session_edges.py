"""The import session and the assessor rule at their edges (DESIGN §6.5.3, §6.5.8), in-process:
**R** receives from trusted, verified colleagues **C** and **A**."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.sync import signatures, wire
from registry.sync.progress import Cancelled
from registry.sync.sharing import BundleImport, ImportStep, key_changes

from .forge import forge, stamp
from .test_adversarial import dump
from .test_signed_and_held_edges import signed
from .vaults import make_vault, person, receive, send


def test_a_colleagues_score_on_an_evaluation_held_here_is_dropped_the_rest_applies(
        rca, tmp_path: Path) -> None:
    """R holds A's evaluation. C changes its first score, signed with C's own valid key, and
    raises its level: only A may change A's scores, so the score is dropped and reported,
    while the raise (open to anyone) applies. A's own change of the score applies."""
    r, c, a = rca
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4}).id
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    at = stamp(c)
    change = Record(ev, Kind.EVALUATION, {"score_1": 0, "sensitivity": "confidential"},
                    {"score_1": at, "sensitivity": at})
    line = wire.to_line(change, signed(c, change, "score_1", 0, at))
    [report] = receive(r, forge(c, r, tmp_path / "c.rbundle", [], [line]))
    assert report.not_applied == [{"id": ev, "kind": "evaluation", "fields": ["score_1"],
                                   "reason": signatures.NOT_THE_ASSESSOR}]
    assert report.counts["changed"] == 1
    held = r.get(ev)
    assert held.values["score_1"] == 4 and held.values["sensitivity"] == "confidential"
    assert held.stamps["score_1"].origin == a.identity.fingerprint

    a.update(ev, {"score_1": 1})  # positive control: the assessor's own change
    [control] = receive(r, send(a, [r], tmp_path / "a2.rbundle", ceiling="confidential"))
    assert control.not_applied == [] and r.get(ev).values["score_1"] == 1


def test_key_changes_leave_out_officials_known_under_one_key(rca, tmp_path: Path) -> None:
    r, c, a = rca
    c_again = make_vault(tmp_path / "new", "C")  # C's name, organisation, country; a new key
    try:
        r.sharing.add_card(c_again.sharing.card())
        fc, fc2 = c.identity.fingerprint, c_again.identity.fingerprint
        assert key_changes(r.sharing.officials()) == {fc: (fc2,), fc2: (fc,)}
        assert a.identity.fingerprint in {o.fingerprint for o in r.sharing.officials()}
    finally:
        c_again.lock()


def test_cancelling_the_review_stops_it_instead_of_refusing_the_file(
        rca, tmp_path: Path) -> None:
    """A cancel during a file's dry run ends the review (the file is not listed as refused,
    the session stays on choosing files, nothing is written); the same review without a
    cancel accepts the file."""
    r, c, _ = rca
    person(c, "Анна Смирнова")
    path = send(c, [r], tmp_path / "c.rbundle")
    session = BundleImport(r.sharing)
    before = (r.digest(), dump(r))
    with pytest.raises(Cancelled, match="nothing was written"):
        session.review([path], cancelled=lambda: True)
    assert session.step is ImportStep.FILES and session.checks == []
    assert (r.digest(), dump(r)) == before
    [check] = session.review([path])
    assert check.ok and session.step is ImportStep.REVIEW
    [report] = session.apply()
    assert report.counts["new"] == 1
