"""A waiting flag the revoked official's record discarded (DESIGN §6.5.8, §6.5.9): **A** the
victim, **B** an honest colleague, **M** a colleague whose laptop was seized."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.service import Registry

from .forge import forge, record
from .test_quarantine_edges import _with_never
from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def abm(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    """A (the victim), B (an honest colleague) and M (whose laptop was seized)."""
    vaults = [make_vault(tmp_path, n) for n in ("A", "B", "M")]
    introduce(*vaults)
    yield vaults[0], vaults[1], vaults[2]
    for v in vaults:
        v.lock()


@pytest.mark.parametrize("m_sends_other_kind", [True, False], ids=["M-other-kind", "control"])
def test_a_waiting_flag_m_discarded_with_a_record_of_another_kind_waits_again(
        abm, tmp_path: Path, m_sends_other_kind: bool) -> None:
    """B's notice that Anna is inside Russia waits at A. M (seized) sends A an organisation
    under Anna's id: the notice, naming another kind than the record arrived as, is discarded.
    Revoking M since March takes the organisation out, but B's flag stayed discarded: the
    vault that never imported M's bundles still has it waiting, and flags Anna when an honest
    copy made before the flag arrives; A sends her out by name. Control: M's bundle never
    came."""
    a, b, m = abm
    anna = person(b, "Анна Смирнова", country="LT")
    unflagged = send(b, [a], tmp_path / "b0.rbundle")  # A imports it after the quarantine
    b.update(anna, {"inside_russia": True})
    notice = send(b, [a], tmp_path / "b1.rbundle", notices_only=True)
    decoy = record(m, Kind.ORGANISATION, {"name": "Фонд"}, anna)
    forged = forge(m, a, tmp_path / "m.rbundle", [decoy])
    a, never = _with_never(a, tmp_path)
    try:
        for vault in (a, never):
            [held] = receive(vault, notice)
            assert held.notices_held == [anna]
            vault.store.conn.execute(  # imported in January
                "UPDATE bundle_import SET imported_at = ? WHERE import_id = ?",
                ("2026-01-10T09:00:00+00:00", held.import_id))
        if m_sends_other_kind:
            receive(a, forged)
        a.sharing.quarantine(m.identity.fingerprint, "2026-03-01", confirm_lowering=True)
        for vault in (a, never):
            receive(vault, unflagged)
        assert never.get(anna).values.get("inside_russia") is True
        assert a.get(anna).values.get("inside_russia") is True, "B's flag was lost"
        assert a.digest() == never.digest()
    finally:
        never.lock()
        a.lock()
