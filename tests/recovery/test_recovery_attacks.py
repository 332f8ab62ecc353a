"""Recovery shares and the ceremony under attack (issue 15), as DESIGN §2's adversaries would
try them: a custodian who is malicious or coerced, a seized colleague's real keys, someone
with the vault folder, a request or a response in transit, replays, files mixed between
vaults and between key generations, oversized input.

Every hostile file is built with the project's own writers and real keys. Each refusal is
checked to change nothing (the vault folder byte-identical, nothing released), and each
attack has a positive control that shows the same path succeeds with honest input. Tests
marked ``xfail(strict=True)`` reproduce a flaw that is reported, not fixed here.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from registry.cli import main
from registry.errors import (
    BundleError,
    InvalidInput,
    NotFound,
    RegistryError,
    TrustError,
    UsageError,
    WriteFailed,
    WrongPassphrase,
)
from registry.recovery import envelope, formats, shares
from registry.service import Registry
from tests.conftest import hash_tree
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, make_vault, person

NEW = "a brand new passphrase for the recovered vault"


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """``main`` sets the process umask as the console script does: put it back."""
    mask = os.umask(0o022)
    os.umask(mask)
    yield
    os.umask(mask)


@dataclass
class Ring:
    """The owner O (locked: its passphrase is lost) and custodians A, B, C holding a 2-of-3
    set; X is everyone's verified colleague but holds no share of O."""

    tmp: Path
    o_root: Path
    o_fp: str
    o_vault_id: str
    key: bytes
    digest: str
    files: dict[str, Path]
    a: Registry
    b: Registry
    c: Registry
    x: Registry

    def request(self, name: str = "req") -> tuple[Path, formats.RecoveryRequest]:
        path = self.tmp / f"{name}.json"
        made = Registry.request_recovery(self.o_root, NEW, path)
        return path, made.request

    def answer(self, custodian: Registry, req: Path, name: str, **kw: object) -> Path:
        out = self.tmp / f"{name}.rresponse"
        number = formats.parse_request(req.read_bytes()).safety_number
        custodian.recovery.respond(req, out, number, **kw)  # type: ignore[arg-type]
        return out

    def words(self, custodian: Registry, name: str) -> str:
        """What a malicious custodian reads out of its own share file."""
        share = formats.open_share_file(self.files[name].read_bytes())
        plain = share.opened.decrypt(custodian.official_keys.age_identity)
        return formats.open_statement(plain)[1].mnemonic

    def refused(self, exc: type[Exception] | tuple[type[Exception], ...],
                responses: list[Path], paper: list[Path] | None = None,
                passphrase: str = NEW) -> None:
        """Completing with these files is refused and leaves O's folder byte-identical."""
        before = hash_tree(self.o_root)
        with pytest.raises(exc):
            reg, _ = Registry.recover(self.o_root, passphrase, responses, paper or [])
            reg.lock()
        assert hash_tree(self.o_root) == before

    def recovered(self, responses: list[Path], paper: list[Path] | None = None
                  ) -> dict[str, object]:
        reg, report = Registry.recover(self.o_root, NEW, responses, paper or [])
        try:
            assert reg.digest() == self.digest
            assert bytes(reg._data_key) != self.key  # rotated at once
            return report
        finally:
            reg.lock()


def _setup(tmp: Path, o: Registry, custodians: list[Registry]) -> dict[str, Path]:
    o.recovery.setup([c.identity.fingerprint for c in custodians], 0, 2, None)
    out = tmp / f"shares-{o.recovery.current()['generation']}"
    out.mkdir()
    files = o.recovery.export(out, all_files=True)
    by_name = {}
    for custodian in custodians:
        path = next(f for f in files if custodian.identity.fingerprint[:16] in f.name)
        by_name[custodian.identity.name] = path
        custodian.recovery.receive(path)
    return by_name


@dataclass
class _Prepared:
    """The ring's folder as made once for this module, locked, and what was read of O."""

    root: Path
    o_fp: str
    o_vault_id: str
    key: bytes
    digest: str
    files: dict[str, Path]  # relative to root


@pytest.fixture(scope="module")
def _prepared_ring(tmp_path_factory: pytest.TempPathFactory) -> _Prepared:
    root = tmp_path_factory.mktemp("ring")
    vaults = {n: make_vault(root, n) for n in ("O", "A", "B", "C", "X")}
    try:
        introduce(*vaults.values())
        o = vaults["O"]
        person(o, "Мария Соколова", inside_russia=True)
        files = _setup(root, o, [vaults["A"], vaults["B"], vaults["C"]])
        return _Prepared(root, o.identity.fingerprint, o.vault_id, bytes(o._data_key),
                         o.digest(), {n: f.relative_to(root) for n, f in files.items()})
    finally:
        for v in vaults.values():
            v.lock()


@pytest.fixture
def ring(_prepared_ring: _Prepared, tmp_path: Path) -> Iterator[Ring]:
    """Each test has its own copy of the ring's folder (made once: five vaults that know each
    other and the 2-of-3 set take longer to make than to copy), custodians unlocked."""
    prepared = _prepared_ring
    shutil.copytree(prepared.root, tmp_path, dirs_exist_ok=True)
    custodians = [Registry.unlock(tmp_path / n, PASSPHRASE) for n in "ABCX"]
    ring = Ring(tmp_path, tmp_path / "O", prepared.o_fp, prepared.o_vault_id, prepared.key,
                prepared.digest, {n: tmp_path / f for n, f in prepared.files.items()},
                *custodians)
    yield ring
    for v in (ring.a, ring.b, ring.c, ring.x):
        v.lock()


# -- the requesting machine: which vault decides, and a rejected input changes nothing -----------
def test_control_two_custodians_recover_the_vault(ring: Ring) -> None:
    req, _ = ring.request()
    report = ring.recovered([ring.answer(ring.a, req, "a"), ring.answer(ring.b, req, "b")])
    assert report["custodians"] == sorted([ring.a.identity.fingerprint,
                                           ring.b.identity.fingerprint])
    assert not (ring.o_root / "recovery-request.secret").exists()  # shredded


def test_hostile_responses_are_refused_and_change_nothing(ring: Ring) -> None:
    req, request = ring.request()
    from_a, from_b = ring.answer(ring.a, req, "a"), ring.answer(ring.b, req, "b")
    # one share, or the same custodian twice: below the threshold
    ring.refused(InvalidInput, [from_a])
    ring.refused(InvalidInput, [from_a, ring.answer(ring.a, req, "a-again")])
    # a byte flipped anywhere in a response (signature, manifest or payload)
    data = from_b.read_bytes()
    for at in (40, len(data) // 2, len(data) - 10):
        bad = bytearray(data)
        bad[at] ^= 0x01
        flipped = ring.tmp / f"flipped-{at}"
        flipped.write_bytes(bytes(bad))
        ring.refused((TrustError, InvalidInput), [from_a, flipped])
    # X (trusted, well-signed) relays A's share words that a malicious A handed over: the
    # share inside was not issued to the one who signed the response
    plain = formats.open_share_file(ring.files["A"].read_bytes()).opened.decrypt(
        ring.a.official_keys.age_identity)
    _, statement = formats.open_statement(plain)
    manifest = {**formats.response_manifest(request, statement),
                "signer": envelope.signer_json("X", ring.x.official_keys.public())}
    relayed = ring.tmp / "relayed"
    relayed.write_bytes(envelope.seal(ring.x.official_keys, manifest, plain,
                                      request.age_recipient,
                                      f"{formats.RESPONSE} {manifest['response_id']}"))
    ring.refused(TrustError, [relayed, from_b])
    # the wrong new passphrase opens no response
    ring.refused(WrongPassphrase, [from_a, from_b], passphrase="not the passphrase at all 123")
    # oversized input is refused before it is parsed
    huge = ring.tmp / "huge"
    huge.write_bytes(b"{" + b" " * envelope.MAX_FILE + b"}")
    ring.refused(InvalidInput, [from_a, huge])
    big_paper = ring.tmp / "paper.txt"
    big_paper.write_bytes(b"a " * 9000)
    ring.refused(InvalidInput, [from_a], [big_paper])
    # positive control: the honest pair still opens the vault
    ring.recovered([from_a, from_b])


def test_responses_to_an_earlier_request_are_refused(ring: Ring) -> None:
    first, _ = ring.request("first")
    old_a = ring.answer(ring.a, first, "old-a")
    second, _ = ring.request("second")  # the first request's secret is gone for good
    new_b = ring.answer(ring.b, second, "new-b", override_cooling_off=True)
    ring.refused(InvalidInput, [old_a, new_b])
    ring.recovered([ring.answer(ring.a, second, "new-a", override_cooling_off=True), new_b])


def test_a_request_that_cannot_be_written_keeps_the_pending_one(ring: Ring) -> None:
    """A second request to a folder that cannot take it wiped the pending request's secret
    first and said "nothing was written": the answers to the first could no longer be
    used (was)."""
    first, _ = ring.request("first")
    from_a = ring.answer(ring.a, first, "a")
    before = hash_tree(ring.o_root)
    with pytest.raises(WriteFailed, match="nothing was written"):
        Registry.request_recovery(ring.o_root, NEW, ring.tmp / "missing" / "second.json")
    assert hash_tree(ring.o_root) == before
    ring.recovered([from_a, ring.answer(ring.b, first, "b")])


def test_a_completed_ceremony_cannot_be_replayed(ring: Ring) -> None:
    req, _ = ring.request()
    used = [ring.answer(ring.a, req, "a"), ring.answer(ring.b, req, "b")]
    ring.recovered(used)
    # the same responses again, against a fresh request made with the new passphrase
    Registry.request_recovery(ring.o_root, NEW, ring.tmp / "again.json")
    ring.refused(InvalidInput, used)


def test_shares_of_another_vault_do_not_mix(ring: Ring, tmp_path: Path) -> None:
    x = ring.x
    (tmp_path / "x-set").mkdir()
    _setup(tmp_path / "x-set", x, [ring.a, ring.b])  # A and B hold a share of X's vault too
    # the owner lost vault.key too: the request does not say whose vault it is
    os.remove(ring.o_root / "vault.key")
    req, request = ring.request()
    assert request.vault_id is None
    with pytest.raises(UsageError, match="--owner"):
        ring.answer(ring.a, req, "ambiguous")
    x_share = ring.answer(ring.a, req, "a-x", owner=x.identity.fingerprint)
    o_share = ring.answer(ring.b, req, "b-o", owner=ring.o_fp)
    ring.refused(InvalidInput, [x_share, o_share])
    ring.recovered([ring.answer(ring.a, req, "a-o", owner=ring.o_fp), o_share])


def test_shares_of_an_earlier_key_open_nothing_current(ring: Ring) -> None:
    o = Registry.unlock(ring.o_root, PASSPHRASE)
    try:
        o.rotate_key(PASSPHRASE)  # revokes set 1, re-issues set 2 to A, B and C
        ring.key, current = bytes(o._data_key), o.recovery.current()
        assert current is not None and current["generation"] == 2
        out = ring.tmp / "gen2"
        out.mkdir()
        gen2 = o.recovery.export(out)
    finally:
        o.lock()
    req, _ = ring.request()
    old = [ring.answer(ring.a, req, "a1"), ring.answer(ring.b, req, "b1")]
    ring.refused(InvalidInput, old)  # the custodians still hold set 1: it opens nothing
    for custodian in (ring.a, ring.b):
        custodian.recovery.receive(next(f for f in gen2
                                        if custodian.identity.fingerprint[:16] in f.name))
    new_a = ring.answer(ring.a, req, "a2")  # the same request, answered again
    ring.refused(InvalidInput, [new_a, old[1]])  # generations mixed
    ring.recovered([new_a, ring.answer(ring.b, req, "b2")])


# -- the custodian: a request not confirmed out of band releases nothing ----------------------
def test_an_unconfirmed_request_releases_nothing_and_changes_nothing(ring: Ring) -> None:
    req, request = ring.request()
    root = ring.a.paths.root
    ring.a.lock()
    before = hash_tree(root)
    a = Registry.unlock(root, PASSPHRASE)
    out = ring.tmp / "response"
    try:
        with pytest.raises(UsageError, match="Compare the request's safety number"):
            a.recovery.respond(req, out, None)
        with pytest.raises(TrustError, match="not this request"):
            a.recovery.respond(req, out, "12345 " * 6)
        # a look-alike request (same id, the attacker's key): the number read out on the
        # call is the real request's, and it does not confirm the look-alike
        attacker = pyrage.x25519.Identity.generate()
        look_alike = ring.tmp / "look-alike.json"
        look_alike.write_bytes(formats.RecoveryRequest(
            request.request_id, request.created_at, request.vault_id,
            str(attacker.to_public())).to_bytes())
        with pytest.raises(TrustError, match="not this request"):
            a.recovery.respond(look_alike, out, request.safety_number)
        oversized = ring.tmp / "oversized.json"
        oversized.write_bytes(req.read_bytes() + b" " * formats.MAX_REQUEST)
        with pytest.raises(InvalidInput, match=r"too large|larger"):
            a.recovery.respond(oversized, out, request.safety_number)
        # the response cannot be written (no such folder): nothing is recorded either
        with pytest.raises((OSError, RegistryError)):
            a.recovery.respond(req, ring.tmp / "missing" / "r", request.safety_number)
        assert not out.exists() and not (ring.tmp / "missing").exists()
    finally:
        a.lock()
    assert hash_tree(root) == before
    a = Registry.unlock(root, PASSPHRASE)
    ring.a = a
    # positive control: confirmed, it is released, and no cooling-off was started above
    other, _ = ring.request("other")
    assert not a.recovery.respond(other, out, formats.parse_request(
        other.read_bytes()).safety_number).overrode_cooling_off


def test_control_a_second_request_within_the_cooling_off_is_refused(ring: Ring) -> None:
    first, _ = ring.request("first")
    ring.answer(ring.a, first, "a1")
    second, _ = ring.request("second")
    with pytest.raises(UsageError, match="cooling-off"):
        ring.answer(ring.a, second, "a2")
    assert not (ring.tmp / "a2.rresponse").exists()
    assert ring.answer(ring.a, second, "a2", override_cooling_off=True).exists()
    audit = [r[0] for r in ring.a.store.conn.execute(
        "SELECT fields FROM audit WHERE action = 'recovery_share_released'")]
    assert sum("override_cooling_off" in str(f) for f in audit) == 1


def test_a_reused_request_id_does_not_sidestep_the_cooling_off(ring: Ring) -> None:
    req, request = ring.request()
    ring.answer(ring.a, req, "a")  # the owner's real request, answered
    # someone who saw the request in transit makes one with the same id and their own key
    attacker = pyrage.x25519.Identity.generate()
    look_alike = ring.tmp / "look-alike.json"
    look_alike.write_bytes(formats.RecoveryRequest(
        request.request_id, formats.now(), request.vault_id,
        str(attacker.to_public())).to_bytes())
    # ... and talks the custodian into confirming its number within the 72 hours
    with pytest.raises(UsageError, match="cooling-off"):
        ring.answer(ring.a, look_alike, "stolen")


def test_control_a_custodian_releases_the_share_of_a_trusted_owner(ring: Ring) -> None:
    assert not ring.a.sharing.trust.get(ring.o_fp).revoked
    req, _ = ring.request()
    assert ring.answer(ring.a, req, "a").exists()


@pytest.mark.parametrize("how", ["revoked", "retired"])
def test_a_custodian_does_not_release_the_share_of_a_revoked_owner(ring: Ring,
                                                                   how: str) -> None:
    if how == "revoked":
        ring.a.sharing.revoke(ring.o_fp)
    else:  # the owner handed the post over to B; A accepted the statement
        o = Registry.unlock(ring.o_root, PASSPHRASE)
        try:
            o.sharing.verify(ring.b.identity.fingerprint, "in_person")
            statement = ring.tmp / "succession.json"
            o.sharing.handover_statement(ring.b.identity.fingerprint, statement)
        finally:
            o.lock()
        ring.a.sharing.accept_handover(statement.read_bytes())
    assert ring.a.sharing.trust.get(ring.o_fp).revoked
    req, _ = ring.request()  # made by whoever holds the folder now
    released = ring.a.store.conn.execute("SELECT count(*) FROM recovery_release").fetchone()
    with pytest.raises(TrustError, match="revoked"):
        ring.answer(ring.a, req, how)
    assert not (ring.tmp / f"{how}.rresponse").exists()
    assert ring.a.store.conn.execute("SELECT count(*) FROM recovery_release").fetchone() \
        == released
    # B, who still trusts O, answers: one share is not enough for whoever holds the folder
    ring.refused(InvalidInput, [ring.answer(ring.b, req, "b")])


# -- custodians' holdings against a seized colleague's real keys -----------------------------
def _squatting_share(ring: Ring) -> Path:
    """X's real keys sign a share of X's 'vault' that claims O's vault id, generation 2^31,
    addressed to A: well-signed, hostile."""
    x, a = ring.x, ring.a
    words = shares.split(os.urandom(32), 2, 2)
    statement = formats.ShareStatement(
        formats.new_id(), ring.o_vault_id, formats.new_id(), formats.MAX_GENERATION,
        shares.key_id(ring.o_vault_id, os.urandom(32)), x.identity.fingerprint,
        a.identity.fingerprint, shares.member_index(words[0]), 2, 2, formats.now(), words[0])
    inner = formats.sign_statement(x.official_keys, "X", statement)
    manifest = formats.share_manifest(statement, a.official_keys.public().age_recipient, "X",
                                      x.official_keys.public())
    path = ring.tmp / "squat.rshare"
    path.write_bytes(envelope.seal(x.official_keys, manifest, inner,
                                   a.official_keys.public().age_recipient,
                                   f"{formats.SHARE} {statement.share_id}"))
    return path


def test_a_colleague_cannot_supersede_or_take_anothers_share(ring: Ring) -> None:
    a = ring.a
    with pytest.raises(TrustError, match="another colleague"):  # a vault id held from O
        a.recovery.receive(_squatting_share(ring))
    held = {h.owner: h for h in a.recovery.held()}
    assert held[ring.o_fp].status == "held" and held[ring.o_fp].generation == 1
    # an older share file of O's replayed to A after a newer one changes nothing either
    _replay_older(ring)
    held = {(h.owner, h.generation): h.status for h in a.recovery.held()}
    assert held[(ring.o_fp, 1)] == "superseded" and held[(ring.o_fp, 2)] == "held"
    req, _ = ring.request()
    out = ring.answer(a, req, "a", owner=ring.o_fp)  # O's share, not X's
    assert formats.open_response(out.read_bytes()).owner == ring.o_fp
    ring.recovered([out, ring.answer(ring.b, req, "b")])


def _replay_older(ring: Ring) -> None:
    """O issues set 2; A and B keep it; then set 1's file is offered to A again."""
    o = Registry.unlock(ring.o_root, PASSPHRASE)
    try:
        o.rotate_key(PASSPHRASE)
        out = ring.tmp / "gen2"
        out.mkdir()
        gen2 = o.recovery.export(out)
        ring.key = bytes(o._data_key)
    finally:
        o.lock()
    for custodian in (ring.a, ring.b):
        custodian.recovery.receive(next(f for f in gen2
                                        if custodian.identity.fingerprint[:16] in f.name))
    assert not ring.a.recovery.receive(ring.files["A"])[1]  # known: nothing new kept


def test_a_share_claiming_another_owners_vault_id_is_refused(ring: Ring) -> None:
    with pytest.raises((TrustError, InvalidInput)):
        ring.a.recovery.receive(_squatting_share(ring))


def test_a_custodians_words_do_not_pass_as_paper(ring: Ring) -> None:
    req, _ = ring.request()
    from_a = ring.answer(ring.a, req, "a")
    paper = ring.tmp / "c-words.txt"
    paper.write_text(ring.words(ring.c, "C") + "\n")
    try:
        reg, report = Registry.recover(ring.o_root, NEW, [from_a], [paper])
    except (InvalidInput, TrustError):
        return
    reg.lock()
    raise AssertionError(f"recovered with C's words as paper: {report['custodians']}")


# -- secrets and exit codes --------------------------------------------------------------------
def test_no_share_word_or_one_time_secret_is_left_in_the_clear(ring: Ring) -> None:
    req, _ = ring.request()
    secret = (ring.o_root / "recovery-request.secret").read_bytes()
    assert b"AGE-SECRET-KEY" not in secret.upper()
    responses = [ring.answer(ring.a, req, "a"), ring.answer(ring.b, req, "b")]
    words = [ring.words(ring.a, "A"), ring.words(ring.b, "B"), ring.words(ring.c, "C")]
    sentinels = [w.encode() for w in words] + [" ".join(w.split()[-8:]).encode()
                                                for w in words]
    blobs = [p.read_bytes() for p in ring.tmp.rglob("*") if p.is_file()]
    assert not any(s in blob for s in sentinels for blob in blobs)
    # a tampered response's error quotes nothing of the share
    bad = bytearray(responses[0].read_bytes())
    bad[-20] ^= 0x01
    (ring.tmp / "bad").write_bytes(bytes(bad))
    with pytest.raises((TrustError, InvalidInput)) as caught:
        Registry.recover(ring.o_root, NEW, [ring.tmp / "bad", responses[1]], [])
    # three words in a row would be a quote (one alone may be an English word of the text)
    message = str(caught.value)
    assert not any(" ".join(w.split()[i:i + 3]) in message
                   for w in words for i in range(len(w.split()) - 2))


def test_cli_exit_codes(ring: Ring, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    def run(root: Path, *args: str, passphrase: str = PASSPHRASE) -> int:
        monkeypatch.setenv("REGISTRY_PASSPHRASE", passphrase)
        code = main(["--vault", str(root), *args])
        capsys.readouterr()
        return code

    req, request = ring.request()
    a_root, b_root = ring.a.paths.root, ring.b.paths.root
    ring.a.lock()
    ring.b.lock()
    try:
        out = ring.tmp / "r-a"
        assert run(a_root, "recovery", "respond", str(req), "-o", str(out)) == 2
        assert run(a_root, "recovery", "respond", str(req), "-o", str(out),
                   "--confirm-safety-number", "1" * 30) == 4  # not this request: trust
        assert not out.exists()
        assert run(a_root, "recovery", "respond", str(req), "-o", str(out),
                   "--confirm-safety-number", request.safety_number) == 0
        out_b = ring.tmp / "r-b"
        assert run(b_root, "recovery", "respond", str(req), "-o", str(out_b),
                   "--confirm-safety-number", request.safety_number) == 0
        before = hash_tree(ring.o_root)
        bad = bytearray(out_b.read_bytes())
        bad[60] ^= 0x01
        (ring.tmp / "bad").write_bytes(bytes(bad))
        assert run(ring.o_root, "recovery", "complete", str(out), str(ring.tmp / "bad"),
                   passphrase=NEW) == 4  # a forged or altered response
        assert run(ring.o_root, "recovery", "complete", str(out), passphrase=NEW) == 1
        assert run(ring.o_root, "recovery", "complete", str(out), str(out_b),
                   passphrase="a wrong passphrase, long enough 42") == 3
        assert hash_tree(ring.o_root) == before
        assert run(ring.o_root, "recovery", "complete", str(out), str(out_b),
                   passphrase=NEW) == 0
    finally:
        ring.a = Registry.unlock(a_root, PASSPHRASE)
        ring.b = Registry.unlock(b_root, PASSPHRASE)


def test_a_custodian_who_holds_nothing_releases_nothing(ring: Ring) -> None:
    req, request = ring.request()
    with pytest.raises(NotFound):
        ring.x.recovery.respond(req, ring.tmp / "x", request.safety_number)
    assert not (ring.tmp / "x").exists()


def test_a_failed_setup_leaves_no_set_whose_paper_words_were_never_shown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    o, a = make_vault(tmp_path, "O"), make_vault(tmp_path, "A")
    introduce(o, a)
    root, custodian = o.paths.root, a.identity.fingerprint
    o.lock()
    a.lock()
    monkeypatch.setenv("REGISTRY_PASSPHRASE", PASSPHRASE)
    code = main(["--vault", str(root), "recovery", "setup", "--custodian", custodian,
                 "--paper", "1", "--threshold", "2", "-o", str(tmp_path / "missing" / "dir")])
    shown = capsys.readouterr().out
    o = Registry.unlock(root, PASSPHRASE)
    try:
        issued = o.recovery.current()
    finally:
        o.lock()
    assert code == 1
    assert issued is None or "Paper share 1" in shown


def test_the_cooling_off_runs_72_hours_from_the_last_release(ring: Ring) -> None:
    import datetime as dt

    first, _ = ring.request("first")
    ring.answer(ring.a, first, "a1")
    second, _ = ring.request("second")

    def released(hours_ago: float) -> None:
        # the custodian compares against its own clock: only the offset from it matters
        now = dt.datetime.now(dt.UTC)  # clock-ok: the outcome depends on the offset alone
        at = now - dt.timedelta(hours=hours_ago)
        with ring.a.store.write():
            ring.a.store.conn.execute("UPDATE recovery_release SET released_at = ?",
                                      (at.isoformat(timespec="seconds"),))

    released(71.9)
    with pytest.raises(UsageError, match="cooling-off"):
        ring.answer(ring.a, second, "a2")
    released(72.1)  # positive control: past the period, the next request is answered
    assert ring.answer(ring.a, second, "a2").exists()


def test_refused_share_files_change_no_byte_of_the_custodians_vault(ring: Ring) -> None:
    """X holds no share of O: every file below is refused by X, and X's folder is
    byte-identical after; the positive control is X keeping a share O issues to X."""
    hostile = {}
    hostile["for-A"] = ring.files["A"]  # addressed to another custodian
    data = ring.files["B"].read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 3] ^= 0x01
    hostile["flipped"] = ring.tmp / "flipped.rshare"
    hostile["flipped"].write_bytes(bytes(flipped))
    hostile["oversized"] = ring.tmp / "oversized.rshare"
    hostile["oversized"].write_bytes(data + b" " * envelope.MAX_FILE)
    hostile["garbage"] = ring.tmp / "garbage.rshare"
    hostile["garbage"].write_bytes(os.urandom(2000))
    root = ring.x.paths.root
    ring.x.lock()
    before = hash_tree(root)
    x = Registry.unlock(root, PASSPHRASE)
    try:
        for name, path in hostile.items():
            with pytest.raises((TrustError, InvalidInput, BundleError)):
                x.recovery.receive(path)
            assert x.recovery.held() == [], name
    finally:
        x.lock()
    assert hash_tree(root) == before
    ring.x = Registry.unlock(root, PASSPHRASE)
    o = Registry.unlock(ring.o_root, PASSPHRASE)
    try:
        o.recovery.setup([ring.a.identity.fingerprint, ring.x.identity.fingerprint], 0, 2,
                         PASSPHRASE)
        out = ring.tmp / "with-x"
        out.mkdir()
        files = o.recovery.export(out)
    finally:
        o.lock()
    mine = next(f for f in files if ring.x.identity.fingerprint[:16] in f.name)
    assert ring.x.recovery.receive(mine)[1]


def test_revoking_a_custodian_leaves_no_current_set_naming_them(ring: Ring) -> None:
    """Revoking a custodian (their laptop seized) rotates the data key and re-issues the set
    to the others: the seized share no longer counts, and the set no longer names them."""
    o = Registry.unlock(ring.o_root, PASSPHRASE)
    try:
        key_before = bytes(o._data_key)
        done = o.sharing.revoke(ring.c.identity.fingerprint, passphrase=PASSPHRASE)
        current = o.recovery.current()
        named = [] if current is None else [c["custodian"] for c in current["custodians"]]
        assert ring.c.identity.fingerprint not in named
        assert bytes(o._data_key) != key_before
        assert done.official.revoked and done.recovery is not None
        assert sorted(named) == sorted([ring.a.identity.fingerprint,
                                        ring.b.identity.fingerprint])
    finally:
        o.lock()
