"""A bundle this vault already merged is recognised by its signed id and signer, and is not
decrypted or compared again (merging is idempotent and every later change here is newer);
an import that was undone (revert, quarantine) is compared in full again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.errors import TrustError
from registry.service import Registry
from registry.sync import container, importer

from .forge import files, forge, record
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
    sha = container.open_bundle(bundle).manifest.payload_sha256
    assert importer.imported_before(b.store, first.bundle_id, a.identity.fingerprint,
                                    sha) is None
    [again] = receive(b, bundle)
    assert again.replay_of is None and again.counts["unchanged"] == 1  # the revert is newer


@pytest.mark.parametrize("compare", [False, True], ids=["recognise", "compare"])
def test_two_payloads_under_one_id_in_one_import_are_refused(pair, tmp_path: Path,
                                                             compare: bool) -> None:
    """The files of one import are one decision: two of Alice's bundles under one id with
    other contents are refused together, as the second would be alone after the first
    (before, both merged, and a later replay of the first was refused as a reused id).
    Positive controls: the same file twice is a replay, and both files one after the other
    refuse the second."""
    a, b = pair
    one = forge(a, b, tmp_path / "1.rbundle", [record(a, Kind.PERSON, {"name": "Анна Смирнова"})],
                bundle_id="0190a0b0-0000-7000-8000-00000000beef")
    two = forge(a, b, tmp_path / "2.rbundle", [record(a, Kind.PERSON, {"name": "Борис Ким"})],
                bundle_id="0190a0b0-0000-7000-8000-00000000beef")
    before = files(b)
    with pytest.raises(TrustError, match=r"2\.rbundle: This bundle carries the id of a bundle "
                       r"already imported.*Nothing was imported from any of the 2 files"):
        b.sharing.import_bundles([one, two], recognise_replays=not compare)
    assert files(b) == before

    reports = b.sharing.import_bundles([one, one], recognise_replays=not compare)
    assert [r.counts["new"] for r in reports] == [1, 0]
    with pytest.raises(TrustError, match="id of a bundle already imported"):
        receive(b, two)
    [again] = receive(b, one)
    assert again.replay_of == reports[0].import_id


def test_another_payload_under_an_id_already_imported_is_refused(pair, tmp_path: Path) -> None:
    """A bundle is a replay only when its payload is the one merged under its id: Alice's
    keys sending other lines under the id of a bundle Bob merged (which would otherwise go
    unread, whatever it carries) are refused, and the vault stays byte-identical."""
    a, b = pair
    [first] = receive(b, forge(a, b, tmp_path / "1.rbundle", [record(a, Kind.PERSON, {
        "name": "Анна Смирнова", "sensitivity": "internal"})]))
    reused = b.store.conn.execute("SELECT bundle_id FROM bundle_import").fetchone()[0]
    other = [record(a, Kind.PERSON, {"name": "Борис Ким", "sensitivity": "internal"})]
    before = files(b)
    with pytest.raises(TrustError, match="id of a bundle already imported"):
        receive(b, forge(a, b, tmp_path / "2.rbundle", other, bundle_id=reused))
    assert files(b) == before
    [again] = receive(b, tmp_path / "1.rbundle")  # positive controls: the replay itself,
    assert again.replay_of == first.import_id
    [fresh] = receive(b, forge(a, b, tmp_path / "3.rbundle", other))  # and a fresh id
    assert fresh.counts["new"] == 1


# ---- what an import keeps of what its sender holds (exporter.record_holdings): a part's
# lines are compared with the sender's rows first, so a bundle compared again writes nothing
def held_rows(reg: Registry, holder: Registry) -> dict[str, tuple[int, int]]:
    return {str(r): (int(level), int(inside)) for r, level, inside in reg.store.conn.execute(
        "SELECT record_id, level, inside FROM sent_record WHERE recipient = ?",
        (holder.identity.fingerprint,))}


def holding_writes(reg: Registry, action: Callable[[], object]) -> list[str]:
    statements: list[str] = []
    reg.store.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        reg.store.conn.set_trace_callback(None)
    return [s for s in statements if s.lstrip().upper().startswith("INSERT INTO HOLDING")]


def test_a_bundle_compared_again_writes_no_holding_and_a_raise_raises_one(
        pair, tmp_path: Path) -> None:
    a, b = pair
    ids = [person(a, name) for name in ("Анна Смирнова", "Ivan Petrov", "Olga Sidorova")]
    first = send(a, [b], tmp_path / "1.rbundle", ceiling="confidential")
    assert holding_writes(b, lambda: b.sharing.import_bundles([first]))  # what a brought
    before = held_rows(b, a)
    assert set(ids) <= before.keys()
    # the same file, every line read and compared: the sender holds all of it already
    assert not holding_writes(b, lambda: b.sharing.import_bundles(
        [first], recognise_replays=False))
    assert held_rows(b, a) == before
    # a raise: the line that carries it raises what the sender holds, and only that row;
    # a record the sender did not hold before, in the same part, is kept as held too
    a.update(ids[0], {"sensitivity": "confidential"})
    fresh = person(a, "Pyotr Novikov")
    second = send(a, [b], tmp_path / "2.rbundle", ceiling="confidential")
    writes = holding_writes(b, lambda: b.sharing.import_bundles([second]))
    assert writes
    after = held_rows(b, a)
    assert after[ids[0]][0] == int(Sensitivity.CONFIDENTIAL) > before[ids[0]][0]
    assert after[fresh] == (int(Sensitivity.INTERNAL), 0)
    assert {k: v for k, v in after.items() if k not in (ids[0], fresh)} == \
        {k: v for k, v in before.items() if k != ids[0]}
