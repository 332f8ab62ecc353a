"""A waiting flag the revoked official's record discarded (DESIGN §6.5.8, §6.5.9): **A** the
victim, **B** an honest colleague, **M** a colleague whose laptop was seized."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind

from .forge import forge, record
from .test_quarantine_edges import _with_never, waits_since_january
from .vaults import person, receive, send


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
        waits_since_january((a, never), notice, anna)
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
