"""A bundle this vault already merged is recognised by its signed id and signer, and is not
decrypted or compared again (merging is idempotent and every later change here is newer);
an import that was undone (revert, quarantine) is compared in full again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.service import Registry
from registry.sync import importer

from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    a, b = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    introduce(a, b)
    yield a, b
    a.lock()
    b.lock()


def test_a_replay_is_recognised_and_changes_nothing(pair, tmp_path: Path) -> None:
    a, b = pair
    for name in ("Анна Смирнова", "Борис Ким"):
        person(a, name)
    bundle = send(a, [b], tmp_path / "1.rbundle")
    [first] = receive(b, bundle)
    assert first.counts["new"] == 2 and first.replay_of is None
    b.update(person(b, "Вера Ли"), {"notes": "Bob's own"})
    before = b.digest()
    [again] = receive(b, bundle)
    assert again.replay_of == first.import_id and again.import_id is None
    assert again.counts["unchanged"] == 2 and again.counts["new"] == 0
    assert b.digest() == before
    assert again.to_json()["replay_of"] == first.import_id


def test_after_a_revert_the_bundle_is_compared_in_full(pair, tmp_path: Path) -> None:
    a, b = pair
    person(a, "Анна Смирнова")
    bundle = send(a, [b], tmp_path / "1.rbundle")
    [first] = receive(b, bundle)
    assert first.import_id is not None
    b.sharing.revert(first.import_id)
    assert importer.imported_before(b.store, first.bundle_id, a.identity.fingerprint) is None
    [again] = receive(b, bundle)
    assert again.replay_of is None and again.counts["unchanged"] == 1  # the revert is newer
