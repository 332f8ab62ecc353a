"""Accepting a succession statement in the app under attack (issue 15): the statement the
colleague is shown is the one accepted, even if the file is swapped while the dialog is open,
and the preview refuses what accepting would refuse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.service import Registry
from registry.sync.handover import make_statement
from tests.gui.test_handover_gui import accept_box, table_of
from tests.sync.vaults import introduce, make_vault


@pytest.fixture
def vaults(tmp_path: Path) -> Iterator[dict[str, Registry]]:
    """A hands over to B; C verified A and D; M is a stranger D (seized) would name."""
    v = {n: make_vault(tmp_path, n) for n in ("Anna", "Boris", "Clara", "Dmitri", "Mallory")}
    introduce(v["Anna"], v["Clara"], v["Dmitri"])
    v["Anna"].sharing.add_card(v["Boris"].sharing.card(), verified_method="in_person")
    yield v
    for reg in v.values():
        reg.lock()


def test_the_statement_shown_is_the_statement_accepted(qtbot, vaults, tmp_path: Path) -> None:
    a, b, c, d, m = (vaults[n] for n in ("Anna", "Boris", "Clara", "Dmitri", "Mallory"))
    statement = tmp_path / "succession.json"
    a.sharing.handover_statement(b.identity.fingerprint, statement)
    swapped = make_statement(d.official_keys, d.sharing.card(), m.sharing.card(),
                             "2026-12-01T09:00:00+00:00")
    colleague = table_of(qtbot, c, statement)
    with qtbot.waitSignal(colleague.dialog_opened) as opened:
        colleague.handover.accept_statement()
    box = opened.args[0]
    assert "Anna (Ministry of Anna, Sweden) hands over to Boris" in box.text()
    statement.write_bytes(swapped)  # the file changes while the colleague reads the dialog
    with qtbot.waitSignal(colleague.official_revoked):
        accept_box(box)
    trust = c.sharing.trust
    assert trust.get(a.identity.fingerprint).revoked
    assert trust.get(b.identity.fingerprint).verified_method == "succession"
    assert trust.get(d.identity.fingerprint).verified_method == "safety_number"
    assert trust.find(m.identity.fingerprint) is None
