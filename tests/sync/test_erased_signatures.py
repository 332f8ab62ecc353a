"""An erased record keeps no signature over what was erased (DESIGN §6.1, §6.5.3): **A**
holds what **B** sent, and the signatures B made over it to pass it on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.service import Registry
from registry.store import schema
from tests.passphrase import PASSPHRASE

from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def ab(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    vaults = [make_vault(tmp_path, n) for n in ("A", "B")]
    introduce(*vaults)
    yield vaults[0], vaults[1]
    for v in vaults:
        v.lock()


def _sigs(vault: Registry, record_id: str) -> list[str]:
    return sorted(str(f) for (f,) in vault.store.conn.execute(
        "SELECT field FROM record_sig WHERE record_id = ?", (record_id,)))


@pytest.mark.parametrize("erased", [True, False], ids=["erased", "control"])
def test_an_erased_evaluation_keeps_no_signature_over_its_scores_or_subject(
        ab, tmp_path: Path, erased: bool) -> None:
    """B evaluates an organisation and sends it to A, who keeps B's signatures to relay it.
    Erased at B's request, the evaluation left every kept signature behind: each is over
    (id, kind, field, value, stamp), and B's public key lets whoever opens the vault try
    every score (a handful of values) and every record id as its subject until one
    verifies. What was erased could be read back. A replay of B's old bundle, or B's next
    bundle that still carries it, must not put them back either. Only the erasure's own
    signature stays, to pass the erasure on.
    Control: not erased, the signatures are kept to relay it."""
    a, b = ab
    org = b.add(Kind.ORGANISATION, {"name": "Фонд", "type": "media"}).id
    ev = b.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4, "evidence_1": "Доклад"}).id
    first = send(b, [a], tmp_path / "b1.rbundle")
    receive(a, first)
    b.update(ev, {"evidence_1": "Доклад, исправленный"})
    receive(a, send(b, [a], tmp_path / "b2.rbundle"))
    if erased:
        a.erase(ev)
        receive(a, first)  # an old bundle, replayed
        person(b, "Борис Ким")  # B, who still holds it, sends it again beside a new record
        receive(a, send(b, [a], tmp_path / "b3.rbundle"))
        assert _sigs(a, ev) in ([], ["erased"])
    else:
        assert {"score_1", "subject_id", "evidence_1"} <= set(_sigs(a, ev))


def test_v17_drops_the_signatures_an_erased_record_kept(ab, tmp_path: Path) -> None:
    """A vault of v16 holds the signatures of an evaluation erased there; v17 drops them,
    its erasure's own kept. Control: a record not erased keeps its own."""
    a, b = ab
    org = b.add(Kind.ORGANISATION, {"name": "Фонд", "type": "media"}).id
    ev = b.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4, "evidence_1": "Доклад"}).id
    anna = person(b, "Анна Смирнова")
    b.delete(anna)
    receive(a, send(b, [a], tmp_path / "b.rbundle"))
    a.erase(ev)
    rows = [(ev, f, 1, b.identity.fingerprint, b"\1" * 64)
            for f in ("score_1", "subject_id", "erased")]
    a.store.conn.executemany("INSERT INTO record_sig VALUES (?, ?, ?, ?, ?)", rows)
    a.store.conn.execute("PRAGMA user_version = 16")
    root = a.paths.root
    a.lock()
    again = Registry.unlock(root, PASSPHRASE)
    try:
        assert schema.version(again.store.conn) == schema.LATEST
        assert _sigs(again, ev) == ["erased"]
        assert _sigs(again, anna) == ["deleted"]
    finally:
        again.lock()


@pytest.mark.parametrize("revoked", [True, False], ids=["quarantined", "control"])
def test_a_removed_evaluation_keeps_no_signature(ab, tmp_path: Path, revoked: bool) -> None:
    """B's evaluation and its subject reach A only in B's bundle; revoking B takes both out
    as if they never came, their kept signatures with them. Control: B not revoked."""
    a, b = ab
    org = b.add(Kind.ORGANISATION, {"name": "Фонд", "type": "media"}).id
    ev = b.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4, "evidence_1": "Доклад"}).id
    receive(a, send(b, [a], tmp_path / "b.rbundle"))
    if revoked:
        report = a.sharing.quarantine(b.identity.fingerprint, "2000-01-01")
        assert (ev, "evaluation") in report.removed
        assert _sigs(a, ev) == []
    else:
        assert "score_1" in _sigs(a, ev)
