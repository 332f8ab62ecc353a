"""Recovery shares travel in bundles (issue 15): a bundle to a custodian carries their share
of the sender's current set as a line only they can open; importing it keeps the share as
``recovery receive`` would, in the same transaction as the records. A share that the
custodian would refuse — relayed by another colleague, addressed to someone else, altered —
refuses the whole bundle and changes no byte; an older one is passed over."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from registry.errors import BundleError, TrustError
from registry.service import Registry
from registry.sync import exporter, wire
from registry.sync.progress import job
from tests.conftest import Cli, hash_tree
from tests.passphrase import PASSPHRASE
from tests.sync.test_signatures import decrypt_payload
from tests.sync.vaults import receive, send

NEW = "a brand new passphrase for the recovered vault"


def _share_lines(lines: list[dict[str, object]]) -> list[dict[str, object]]:
    return [line for line in lines if wire.is_share(line)]


def test_a_bundle_to_custodians_carries_each_their_own_share(
        four: dict[str, Registry], tmp_path: Path) -> None:
    o, a, b, c = (four[n] for n in "OABC")
    o.recovery.setup([v.identity.fingerprint for v in (a, b, c)], 0, 2, None)
    bundle = send(o, [a, b], tmp_path / "to-ab.rbundle")
    lines = decrypt_payload(bundle, a)
    shares = _share_lines(lines)
    assert sorted(str(s["to"]) for s in shares) == sorted([a.identity.fingerprint,
                                                           b.identity.fingerprint])
    # B can read the payload, but A's share is sealed to A: B refuses it
    for_a = next(s for s in shares if s["to"] == a.identity.fingerprint)
    with pytest.raises(BundleError, match="another official"):
        b.recovery.check_share(base64.b64decode(str(for_a["recovery_share"])),
                               o.identity.fingerprint)
    assert [r.recovery_shares for r in receive(a, bundle, dry_run=True)] == [1]
    assert a.recovery.held() == []
    report = receive(a, bundle)[0]
    assert report.recovery_shares == 1 and report.counts["new"] == 1  # the protected one stays
    [held] = a.recovery.held()
    assert held.owner == o.identity.fingerprint and held.status == "held"
    receive(a, bundle)  # again: nothing new, no error
    assert len(a.recovery.held()) == 1
    # C got nothing: no bundle to C; a bundle to a non-custodian carries no share line
    assert c.recovery.held() == []
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, PASSPHRASE)
    newer = send(o, [a], tmp_path / "newer.rbundle")
    receive(a, newer)
    assert [h.generation for h in a.recovery.held() if h.status == "held"] == [2]
    # a late copy of the first bundle brings an older share: passed over, not an error
    # (compared in full, as after an undone import: the share line is read again)
    late = a.sharing.import_bundles([bundle], recognise_replays=False)[0]
    assert late.recovery_shares == 0  # carried, but older than the one held: not kept
    assert [h.generation for h in a.recovery.held() if h.status == "held"] == [2]


def test_no_share_line_without_a_set_or_to_a_colleague_who_holds_none(
        four: dict[str, Registry], tmp_path: Path) -> None:
    o, a, b = four["O"], four["A"], four["B"]
    assert _share_lines(decrypt_payload(send(o, [a], tmp_path / "none.rbundle"), a)) == []
    o.recovery.setup([a.identity.fingerprint, four["C"].identity.fingerprint], 0, 2, None)
    assert _share_lines(decrypt_payload(send(o, [b], tmp_path / "b.rbundle"), b)) == []


def _relayed(x: Registry, to: Registry, share: bytes, path: Path) -> Path:
    """A bundle signed with colleague X's real keys that carries ``share`` for ``to``."""
    request = x.sharing.request(to=[to.identity.fingerprint])
    exporter.export(x.store, x.official_keys, x.identity.name, request, path=path,
                    job=job(None, None), shares=[(to.identity.fingerprint, share)])
    return path


def test_a_share_relayed_or_altered_by_another_colleague_refuses_the_bundle(
        four: dict[str, Registry], tmp_path: Path) -> None:
    o, a, x = four["O"], four["A"], four["B"]
    o.recovery.setup([a.identity.fingerprint, four["C"].identity.fingerprint], 0, 2, None)
    [(_to, share)] = o.recovery.share_files_for([a.identity.fingerprint])
    altered = bytearray(share)
    altered[len(altered) // 2] ^= 1
    root = a.paths.root
    hostile = {
        "relayed": _relayed(x, a, share, tmp_path / "relayed.rbundle"),
        "altered": _relayed(x, a, bytes(altered), tmp_path / "altered.rbundle"),
    }
    a.lock()
    before = hash_tree(root)
    a = Registry.unlock(root, PASSPHRASE)
    try:
        for name, path in hostile.items():
            with pytest.raises((TrustError, BundleError)):
                receive(a, path)
            assert a.recovery.held() == [], name
    finally:
        a.lock()
    assert hash_tree(root) == before
    # positive control: the same colleague's bundle without the share is taken
    a = Registry.unlock(root, PASSPHRASE)
    try:
        plain = send(x, [a], tmp_path / "plain.rbundle")
        assert receive(a, plain)[0].recovery_shares == 0
    finally:
        a.lock()


def test_shares_sent_in_bundles_recover_the_vault_through_the_command_line(
        four: dict[str, Registry], cli: Cli, tmp_path: Path) -> None:
    """The issue's flow with no share file by hand: set up, send everyday bundles, lose the
    passphrase, recover with two custodians."""
    roots = {n: v.paths.root for n, v in four.items()}
    fps = {n: v.identity.fingerprint for n, v in four.items()}
    for v in four.values():
        v.lock()

    def ok(name: str, *args: str, passphrase: str | None = PASSPHRASE) -> str:
        result = cli(roots[name], *args, passphrase=passphrase)
        assert result.code == 0, (args, result.out, result.err)
        return result.out

    ok("O", "recovery", "setup", "--custodian", fps["A"], "--custodian", fps["B"],
       "--custodian", fps["C"], "--threshold", "2")
    digest = ok("O", "digest")
    for name in "AB":
        bundle = tmp_path / f"to-{name}.rbundle"
        ok("O", "bundle", "export", "-o", str(bundle), "--to", fps[name])
        assert "kept your recovery share" in ok(name, "bundle", "import", str(bundle))
        assert fps["O"] in ok(name, "recovery", "status", "--json")
    (roots["O"] / "vault.key").unlink()  # the key file and the passphrase are gone
    made = cli(roots["O"], "recovery", "request", "-o", str(tmp_path / "req"), "--json",
               passphrase=NEW)
    assert made.code == 0, made.err
    number = json.loads(made.out)["safety_number"]
    responses = []
    for name in "AB":
        out = tmp_path / f"r{name}"
        ok(name, "recovery", "respond", str(tmp_path / "req"), "-o", str(out),
           "--confirm-safety-number", number)
        responses.append(str(out))
    ok("O", "recovery", "complete", *responses, passphrase=NEW)
    assert ok("O", "digest", passphrase=NEW) == digest
