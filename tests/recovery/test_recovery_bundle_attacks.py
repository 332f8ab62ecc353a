"""Recovery shares in bundles against a seized colleague's real keys (DESIGN §2, §6.5).

Every hostile bundle here is well signed, built with the project's own writer
(``exporter.export(..., shares=...)``) and a trusted colleague's real keys. Each attack has a
positive control; a refused one leaves the custodian's vault byte-identical (hashed locked)."""

from __future__ import annotations

import base64
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from registry.errors import BundleError, InvalidInput, TrustError
from registry.recovery import envelope, formats, shares
from registry.service import Registry
from registry.sync import exporter, wire
from registry.sync.custodians import MAX_SHARE_FILE
from registry.sync.progress import job
from tests.conftest import hash_tree
from tests.passphrase import PASSPHRASE
from tests.recovery.test_recovery_in_bundles import _relayed
from tests.sync.vaults import make_vault, receive, send

REFUSED = (TrustError, BundleError, InvalidInput)


def _bundle(sender: Registry, to: Registry, path: Path,
            carried: Sequence[tuple[str, bytes]]) -> Path:
    """A bundle from ``sender``'s real keys to ``to`` carrying exactly ``carried``."""
    request = sender.sharing.request(to=[to.identity.fingerprint])
    exporter.export(sender.store, sender.official_keys, sender.identity.name, request,
                    path=path, job=job(None, None), shares=list(carried))
    return path


def _share_of(owner: Registry, custodian: Registry) -> bytes:
    [(_fp, data)] = owner.recovery.share_files_for([custodian.identity.fingerprint])
    return data


def _refused_unchanged(vault: Registry, attempt: Callable[[Registry], object]) -> Registry:
    """Run ``attempt`` (it must be refused) and prove the vault did not change a byte."""
    root = vault.paths.root
    vault.lock()
    before = hash_tree(root)
    reopened = Registry.unlock(root, PASSPHRASE)
    try:
        with pytest.raises(REFUSED):
            attempt(reopened)
        assert reopened.recovery.held() == []
    finally:
        reopened.lock()
    assert hash_tree(root) == before
    return Registry.unlock(root, PASSPHRASE)


@pytest.fixture
def vaults(four: dict[str, Registry]) -> Iterator[dict[str, Registry]]:
    """O's set: A, B and C hold a share each (2 of 3)."""
    o = four["O"]
    o.recovery.setup([four[n].identity.fingerprint for n in "ABC"], 0, 2, None)
    yield four


def _squat(x: Registry, victim_vault_id: str, to: Registry) -> bytes:
    """X's real keys sign a share of X's 'vault' that claims the victim's vault id, sealed to
    ``to``: well signed, hostile (as tests/recovery/test_recovery_attacks.py builds it)."""
    words = shares.split(os.urandom(32), 2, 2)
    statement = formats.ShareStatement(
        formats.new_id(), victim_vault_id, formats.new_id(), 1,
        shares.key_id(victim_vault_id, os.urandom(32)), x.identity.fingerprint,
        to.identity.fingerprint, shares.member_index(words[0]), 2, 2, formats.now(), words[0])
    inner = formats.sign_statement(x.official_keys, x.identity.name, statement)
    recipient = to.official_keys.public().age_recipient
    manifest = formats.share_manifest(statement, recipient, x.identity.name,
                                      x.official_keys.public())
    return envelope.seal(x.official_keys, manifest, inner, recipient,
                         f"{formats.SHARE} {statement.share_id}")


# -- 1. two share lines for this vault ------------------------------------------------------------
def test_two_share_lines_for_this_vault_refuse_the_bundle(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a = vaults["O"], vaults["A"]
    share = _share_of(o, a)
    altered = bytearray(share)
    altered[len(altered) // 2] ^= 1
    fp = a.identity.fingerprint
    hostile = [_bundle(o, a, tmp_path / "twice.rbundle", [(fp, share), (fp, share)]),
               _bundle(o, a, tmp_path / "valid-then-bad.rbundle",
                       [(fp, share), (fp, bytes(altered))]),
               _bundle(o, a, tmp_path / "bad-then-valid.rbundle",
                       [(fp, bytes(altered)), (fp, share)])]
    for path in hostile:
        a = _refused_unchanged(a, lambda v, p=path: receive(v, p))
    # positive control: the one share line is kept
    assert receive(a, _bundle(o, a, tmp_path / "once.rbundle", [(fp, share)]))[0] \
        .recovery_shares == 1
    assert [h.owner for h in a.recovery.held()] == [o.identity.fingerprint]


# -- 2. addressed to this vault, sealed to another ------------------------------------------------
def test_a_share_line_to_this_vault_carrying_anothers_share_is_refused(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a, b = vaults["O"], vaults["A"], vaults["B"]
    for_b = _share_of(o, b)
    path = _bundle(o, a, tmp_path / "b-to-a.rbundle", [(a.identity.fingerprint, for_b)])
    a = _refused_unchanged(a, lambda v: receive(v, path))
    # the same line for B is not this vault's business: passed over, the records come
    assert receive(a, _bundle(o, a, tmp_path / "b.rbundle",
                              [(b.identity.fingerprint, for_b)]))[0].recovery_shares == 0
    assert a.recovery.held() == []
    # positive control: B keeps it
    assert receive(b, _bundle(o, b, tmp_path / "to-b.rbundle",
                              [(b.identity.fingerprint, for_b)]))[0].recovery_shares == 1
    assert len(b.recovery.held()) == 1


# -- 3. a colleague squats another owner's vault id -----------------------------------------------
def test_a_share_squatting_anothers_vault_id_does_not_shut_out_the_owners_bundles(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    """Seized X sends A a share claiming O's vault id (X sees it in every bundle from O that
    carries a share line: the outer share file names the vault). Before the fix, A kept it and
    then refused every bundle from O wholesale, for good: nothing deletes a held share."""
    o, a, x = vaults["O"], vaults["A"], vaults["B"]
    squat = _squat(x, o.vault_id, a)
    receive(a, _bundle(x, a, tmp_path / "squat.rbundle", [(a.identity.fingerprint, squat)]))
    assert [h.owner for h in a.recovery.held()] == [x.identity.fingerprint]
    report = receive(a, send(o, [a], tmp_path / "from-o.rbundle"))[0]
    assert report.counts["new"] == 1  # O's records still come (the protected one stays)
    # the conflicting share is passed over, not kept beside X's: one vault id, one owner;
    # what happened is in the audit log for the official
    assert [h.owner for h in a.recovery.held()] == [x.identity.fingerprint]
    assert a.store.conn.execute("SELECT fields FROM audit WHERE action = "
                                "'recovery_share_conflict'").fetchall() == \
        [(f'["owner:{o.identity.fingerprint}"]',)]
    # positive control: a vault that holds no squatting share keeps O's
    b = vaults["C"]
    assert receive(b, send(o, [b], tmp_path / "to-c.rbundle"))[0].recovery_shares == 1
    assert [h.owner for h in b.recovery.held()] == [o.identity.fingerprint]


def test_a_squatting_share_never_displaces_the_share_held_from_the_owner(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a, x = vaults["O"], vaults["A"], vaults["B"]
    receive(a, send(o, [a], tmp_path / "from-o.rbundle"))
    [held] = a.recovery.held()
    assert held.owner == o.identity.fingerprint
    squat = _squat(x, o.vault_id, a)
    path = _bundle(x, a, tmp_path / "squat.rbundle", [(a.identity.fingerprint, squat)])
    receive(a, path)  # X's records may come; its share does not
    assert [(h.owner, h.status) for h in a.recovery.held()] == \
        [(o.identity.fingerprint, "held")]
    with pytest.raises(TrustError, match="another colleague"):  # by hand: refused, as before
        a.recovery.receive(_write(tmp_path / "squat.rshare", squat))


def test_a_squatting_share_and_the_owners_in_one_import_keep_one_owner(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    """Both checked before anything is written, both pass; kept in order, the second is
    passed over inside the same transaction: the import is not refused half-way."""
    o, a, x = vaults["O"], vaults["A"], vaults["B"]
    squat = _bundle(x, a, tmp_path / "squat.rbundle",
                    [(a.identity.fingerprint, _squat(x, o.vault_id, a))])
    owners = send(o, [a], tmp_path / "from-o.rbundle")
    reports = receive(a, owners, squat)
    assert [r.recovery_shares for r in reports] == [1, 0] and reports[0].counts["new"] == 1
    assert [h.owner for h in a.recovery.held()] == [o.identity.fingerprint]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- 4. an older generation replayed in a fresh bundle --------------------------------------------
def test_an_older_share_in_a_fresh_bundle_is_passed_over(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a, b = vaults["O"], vaults["A"], vaults["B"]
    first = _share_of(o, a)
    receive(a, send(o, [a], tmp_path / "g1.rbundle"))
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, PASSPHRASE)
    receive(a, send(o, [a], tmp_path / "g2.rbundle"))
    fresh = _bundle(o, a, tmp_path / "fresh-old.rbundle", [(a.identity.fingerprint, first)])
    assert receive(a, fresh)[0].recovery_shares == 0  # passed over, not kept
    held = {h.generation: h.status for h in a.recovery.held()}
    assert held == {1: "superseded", 2: "held"}


# -- 5. many share lines for other fingerprints; an oversized one --------------------------------
def test_many_share_lines_for_others_are_read_and_let_go(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a = vaults["O"], vaults["A"]
    junk = [(os.urandom(20).hex(), os.urandom(8 * 1024)) for _ in range(300)]
    mine = (a.identity.fingerprint, _share_of(o, a))
    path = _bundle(o, a, tmp_path / "many.rbundle", [*junk[:150], mine, *junk[150:]])
    report = receive(a, path)[0]
    assert report.recovery_shares == 1 and len(a.recovery.held()) == 1
    # a share line beyond a share file's own limit is refused before it is decoded
    huge = os.urandom(MAX_SHARE_FILE + 3)
    with pytest.raises(BundleError, match="not a recovery share"):
        wire.share_from_line(wire.share_line(a.identity.fingerprint, huge), 2)
    over = _bundle(o, a, tmp_path / "huge.rbundle", [(os.urandom(20).hex(), huge)])
    root = a.paths.root
    a.lock()
    before = hash_tree(root)
    a = Registry.unlock(root, PASSPHRASE)
    try:
        with pytest.raises(BundleError):
            receive(a, over)
    finally:
        a.lock()
    assert hash_tree(root) == before


# -- 6. several files: all or none ----------------------------------------------------------------
def test_a_share_in_a_multi_file_import_is_not_kept_when_another_file_is_refused(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a, x = vaults["O"], vaults["A"], vaults["B"]
    good = send(o, [a], tmp_path / "good.rbundle")
    bad = _relayed(x, a, _share_of(o, a), tmp_path / "relayed.rbundle")
    corrupt = tmp_path / "corrupt.rbundle"
    corrupt.write_bytes(good.read_bytes()[:-40])
    for second in (bad, corrupt):
        a = _refused_unchanged(a, lambda v, s=second: receive(v, good, s))
    assert receive(a, good, send(x, [a], tmp_path / "x.rbundle"))[0].recovery_shares == 1
    assert len(a.recovery.held()) == 1


# -- 7. a dry run writes nothing ------------------------------------------------------------------
def test_a_dry_run_with_a_share_writes_nothing(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a = vaults["O"], vaults["A"]
    path = send(o, [a], tmp_path / "o.rbundle")
    root = a.paths.root
    a.lock()
    before = hash_tree(root)
    a = Registry.unlock(root, PASSPHRASE)
    try:
        assert receive(a, path, dry_run=True)[0].recovery_shares == 1
        assert a.recovery.held() == []
    finally:
        a.lock()
    assert hash_tree(root) == before
    a = Registry.unlock(root, PASSPHRASE)
    try:
        assert receive(a, path)[0].recovery_shares == 1 and len(a.recovery.held()) == 1
    finally:
        a.lock()


# -- 8. an unverified sender, --allow-unverified ---------------------------------------------------
def test_a_share_from_an_unverified_sender_refuses_even_with_allow_unverified(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    a = vaults["A"]
    u = make_vault(tmp_path, "U")
    try:
        for v in (a, vaults["B"]):
            u.sharing.add_card(v.sharing.card(), verified_method="safety_number")
        a.sharing.add_card(u.sharing.card())  # trusted, not verified
        u.recovery.setup([a.identity.fingerprint, vaults["B"].identity.fingerprint], 0, 2,
                         None)
        with_share = send(u, [a], tmp_path / "u.rbundle")
        without = _bundle(u, a, tmp_path / "u-plain.rbundle", [])
        a = _refused_unchanged(
            a, lambda v: v.sharing.import_bundles([with_share], allow_unverified=True))
        # positive control: the same sender's bundle without a share is taken when allowed
        assert a.sharing.import_bundles([without], allow_unverified=True)[0] \
            .recovery_shares == 0
        assert a.recovery.held() == []
    finally:
        u.lock()


# -- 9. the sender revoked in between -------------------------------------------------------------
def test_a_share_from_a_sender_revoked_in_between_is_refused(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a, b = vaults["O"], vaults["A"], vaults["B"]
    to_a, to_b = send(o, [a], tmp_path / "a.rbundle"), send(o, [b], tmp_path / "b.rbundle")
    a.sharing.revoke(o.identity.fingerprint)
    a = _refused_unchanged(a, lambda v: receive(v, to_a))
    assert receive(b, to_b)[0].recovery_shares == 1  # positive control: B still trusts O


# -- 10. nothing of a share in clear: files, logs, messages, audit --------------------------------
def test_nothing_of_a_share_reaches_a_file_log_or_message_in_clear(
        vaults: dict[str, Registry], tmp_path: Path, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    o, a, x = vaults["O"], vaults["A"], vaults["B"]
    share = _share_of(o, a)
    opened = formats.open_share_file(share).opened
    _owner, statement = formats.open_statement(
        opened.decrypt(a.official_keys.age_identity))
    words = statement.mnemonic.split()
    sentinels = [" ".join(words[i:i + 3]).encode() for i in range(0, len(words) - 2, 3)]
    sentinels += [statement.mnemonic.encode(), base64.b64encode(share)[:48], share[:48]]
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    caplog.set_level(logging.DEBUG)
    messages = []
    try:
        receive(a, _relayed(x, a, share, tmp_path / "relayed.rbundle"))
    except REFUSED as e:
        messages.append(str(e))
    report = receive(a, send(o, [a], tmp_path / "o.rbundle"))[0]
    messages.append(repr(report.to_json()))
    audit = a.store.conn.execute("SELECT * FROM audit").fetchall()
    messages.append(repr(audit))
    messages.extend(r.getMessage() for r in caplog.records)
    root = a.paths.root
    a.lock()
    text = "\n".join(messages).encode()
    files = {p: p.read_bytes() for folder in (root, temp) for p in folder.rglob("*")
             if p.is_file()}
    for s in sentinels:
        assert s not in text
        for p, data in files.items():
            assert s not in data, p


# -- 11. digest and convergence ----------------------------------------------------------------
def test_a_share_line_changes_neither_digest_nor_merge(
        vaults: dict[str, Registry], tmp_path: Path) -> None:
    o, a, c = vaults["O"], vaults["A"], vaults["C"]
    receive(a, _bundle(o, a, tmp_path / "a.rbundle", [(a.identity.fingerprint,
                                                        _share_of(o, a))]))
    receive(c, _bundle(o, c, tmp_path / "c.rbundle", []))
    assert len(a.recovery.held()) == 1 and c.recovery.held() == []
    assert a.digest() == c.digest()
