"""An echo in a multi-file import (DESIGN §6.5.8, §6.5.9): **A** the victim, **B** an honest
colleague, **M** a colleague whose laptop was seized."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_quarantine_edges import X, _anna_shared, _revoked_keeps_her, _with_never
from .vaults import person, receive, send


@pytest.mark.parametrize("lines", [True, False], ids=["lines", "notice"])
@pytest.mark.parametrize("order", ["MB", "BM"])
@pytest.mark.parametrize("how", ["one-import", "dry-run-first", "two-imports"])
def test_bs_flag_m_relayed_in_the_same_import_stays(abm, tmp_path: Path, how: str,
                                                     order: str, lines: bool) -> None:
    """B flags A's Anna; M relays B's flag (B's stamp) to A. Both files in one import, in
    either order, with a dry run first or not, as record lines or as B's notice: B's
    delivery is kept, and revoking M leaves the flag, as in a vault that never imported M's
    bundle. Control: two imports."""
    a, b, m = abm
    anna = _anna_shared(abm, tmp_path, **X)
    b.update(anna, {"inside_russia": True})
    receive(m, send(b, [m], tmp_path / "b2m.rbundle", **X))
    from_b = send(b, [a], tmp_path / "b.rbundle", **(X if lines else {}))
    relay = send(m, [a], tmp_path / "m.rbundle", **X)
    a, never = _with_never(a, tmp_path)
    try:
        receive(never, from_b)
        files = (relay, from_b) if order == "MB" else (from_b, relay)
        if how == "two-imports":
            for f in files:
                receive(a, f)
        else:
            if how == "dry-run-first":
                receive(a, *files, dry_run=True)
            receive(a, *files)
        _revoked_keeps_her(a, m, anna, never)
    finally:
        never.lock()
        a.lock()


@pytest.mark.parametrize("order", ["BM", "MB"])
@pytest.mark.parametrize("how", ["one-import", "two-imports"])
def test_a_waiting_flag_met_in_one_import_waits_again(abm, tmp_path: Path,
                                                      order: str, how: str) -> None:
    """B's notice flagging Anna (not held at A) and M's copy of her with that flag, in one
    import in either order: revoking M removes her, B's notice waits again, and flags the
    honest copy when it arrives. Control: two imports."""
    a, b, m = abm
    anna = person(b, "Анна Смирнова", country="LT")
    unflagged = send(b, [a], tmp_path / "b0.rbundle")
    receive(m, send(b, [m], tmp_path / "b2m0.rbundle"))
    b.update(anna, {"inside_russia": True})
    notice = send(b, [a], tmp_path / "b1.rbundle", notices_only=True)
    receive(m, send(b, [m], tmp_path / "b2m1.rbundle"))
    relay = send(m, [a], tmp_path / "m1.rbundle", **X)
    a, never = _with_never(a, tmp_path)
    try:
        receive(never, notice)
        files = (notice, relay) if order == "BM" else (relay, notice)
        if how == "two-imports":
            for f in files:
                receive(a, f)
        else:
            receive(a, *files)
        assert a.get(anna).values.get("inside_russia") is True
        a.sharing.quarantine(m.identity.fingerprint, "2000-01-01", confirm_lowering=True)
        for vault in (a, never):
            receive(vault, unflagged)
        assert a.get(anna).values.get("inside_russia") is True, "B's flag was lost"
        assert a.digest() == never.digest()
    finally:
        never.lock()
        a.lock()

