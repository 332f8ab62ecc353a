"""The sharing flows the app's wizards render, on real vaults: card previews, key changes and
the bundle import (each file checked on its own; only the good ones imported)."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.errors import InvalidInput, TrustError
from registry.sync.cards import read_card_file, safety_number
from registry.sync.sharing import BundleImport, ImportStep, key_changes
from tests.sync.vaults import introduce, make_vault, person, send


@pytest.fixture
def trio(tmp_path: Path):
    vaults = [make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol")]
    yield vaults
    for v in vaults:
        v.lock()


def test_preview_card_computes_the_shared_safety_number(trio, tmp_path) -> None:
    a, b, _ = trio
    path = tmp_path / "b.card"
    path.write_bytes(b.sharing.card())
    p = a.sharing.preview_card(read_card_file(path))
    assert a.sharing.preview_card_file(path) == p
    assert (p.name, p.fingerprint, p.known_trust, p.replaces) == (
        "Bob", b.identity.fingerprint, None, ())
    assert p.safety_number == safety_number(b.official_keys.public(),
                                            a.official_keys.public())
    assert a.sharing.officials() == []  # a preview adds nothing
    with pytest.raises(InvalidInput, match="own card"):
        a.sharing.preview_card(a.sharing.card())
    with pytest.raises(TrustError):
        a.sharing.preview_card(b.sharing.card().replace(b"Bob", b"Rob"))


def test_key_changes_name_the_other_keys(trio, tmp_path) -> None:
    a, b, _ = trio
    b2 = make_vault(tmp_path / "new", "Bob")
    try:
        a.sharing.add_card(b.sharing.card(), verified_method="safety_number")
        a.sharing.add_card(b2.sharing.card())
        assert a.sharing.preview_card(b2.sharing.card()).replaces == (b.identity.fingerprint,)
        changed = key_changes(a.sharing.officials())
        assert changed == {b.identity.fingerprint: (b2.identity.fingerprint,),
                           b2.identity.fingerprint: (b.identity.fingerprint,)}
    finally:
        b2.lock()


def test_bundle_import_checks_each_file_and_imports_the_good_ones(trio, tmp_path) -> None:
    a, b, c = trio
    introduce(a, b)
    c.sharing.add_card(b.sharing.card(), verified_method="safety_number")
    person(a, "Анна")
    person(c, "Вера")
    good = send(a, [b], tmp_path / "good.rbundle")
    unknown = send(c, [b], tmp_path / "unknown.rbundle")
    junk = tmp_path / "junk.rbundle"
    junk.write_bytes(b"not a bundle")
    session = BundleImport(b.sharing)
    with pytest.raises(InvalidInput):
        session.apply()
    checks = session.review([good, unknown, junk, tmp_path / "missing.rbundle"])
    assert session.step is ImportStep.REVIEW
    assert [c.ok for c in checks] == [True, False, False, False]
    assert checks[0].preview is not None and checks[0].preview.counts["new"] == 1
    assert checks[1].sender_unknown and "not in the trust store" in (checks[1].error or "")
    assert checks[2].inspection is None and not checks[2].sender_unknown
    assert b.store.counts()["person"] == 0
    reports = session.apply()
    assert session.step is ImportStep.DONE and len(reports) == 1
    assert b.store.counts()["person"] == 1
    import_id = reports[0].import_id
    assert import_id is not None
    with pytest.raises(InvalidInput):
        session.revert("not-this-session")
    assert session.revert(import_id).deleted_records == 1
    assert b.store.counts()["person"] == 0
