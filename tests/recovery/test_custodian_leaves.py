"""A custodian leaves this vault's recovery set (issue 15): revoking them (``trust revoke``,
the quarantine) or accepting their succession statement rotates the data key and re-issues
the set to the others in the same step (``registry.sync.custodians``), so the share of a
seized laptop — and every share of the old set — opens nothing current; on a handover the
successor may take the leaver's place. Real vaults, real shares, the real ceremony."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from registry.errors import InvalidInput, RegistryError, WrongPassphrase
from registry.recovery import formats
from registry.service import Registry
from tests.conftest import hash_tree
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, make_vault, person

NEW = "a brand new passphrase for the recovered vault"


@dataclass
class Net:
    """The owner O (open) and colleagues A, B, C, D who all verified each other; A, B and C
    hold a 2-of-3 set of O's (``files``: their share files of generation 1)."""

    tmp: Path
    o: Registry
    a: Registry
    b: Registry
    c: Registry
    d: Registry
    files: dict[str, Path]

    def fp(self, reg: Registry) -> str:
        return reg.identity.fingerprint

    def custodians(self) -> list[str]:
        current = self.o.recovery.current()
        return [] if current is None else [c["custodian"] for c in current["custodians"]]

    def deliver(self, *holders: Registry, name: str = "g") -> None:
        """O writes the current set's files; ``holders`` keep theirs."""
        out = self.tmp / f"{name}-{self.o.recovery.current()['generation']}"
        out.mkdir(exist_ok=True)
        files = self.o.recovery.export(out, all_files=True)
        for holder in holders:
            holder.recovery.receive(next(f for f in files if self.fp(holder)[:16] in f.name))

    def answer(self, holder: Registry, request: Path, name: str) -> Path:
        out = self.tmp / f"{name}.rresponse"
        number = formats.parse_request(request.read_bytes()).safety_number
        holder.recovery.respond(request, out, number)
        return out


@pytest.fixture(scope="module")
def _prepared_net(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """The net's folder, made once for this module and locked, and the share files in it
    (relative to the folder)."""
    root = tmp_path_factory.mktemp("net")
    vaults = {n: make_vault(root, n) for n in ("O", "A", "B", "C", "D")}
    try:
        introduce(*vaults.values())
        o = vaults["O"]
        person(o, "Мария Соколова", inside_russia=True)
        o.recovery.setup([vaults[n].identity.fingerprint for n in "ABC"], 0, 2, None)
        out = root / "g1"
        out.mkdir()
        files = o.recovery.export(out, all_files=True)
        by_name = {}
        for n in "ABC":
            holder = vaults[n]
            by_name[n] = next(f for f in files if holder.identity.fingerprint[:16] in f.name)
            holder.recovery.receive(by_name[n])
        return root, {n: f.relative_to(root) for n, f in by_name.items()}
    finally:
        for v in vaults.values():
            v.lock()


@pytest.fixture
def net(_prepared_net: tuple[Path, dict[str, Path]], tmp_path: Path) -> Iterator[Net]:
    """Each test has its own copy of the net's folder (made once: five vaults that know each
    other and the 2-of-3 set take longer to make than to copy), every vault unlocked."""
    root, files = _prepared_net
    shutil.copytree(root, tmp_path, dirs_exist_ok=True)
    vaults = {n: Registry.unlock(tmp_path / n, PASSPHRASE) for n in ("O", "A", "B", "C", "D")}
    net = Net(tmp_path, vaults["O"], vaults["A"], vaults["B"], vaults["C"], vaults["D"],
              {n: tmp_path / f for n, f in files.items()})
    yield net
    for v in [*vaults.values(), net.o]:  # net.o: the recovered vault, when a test recovers
        v.lock()


def _files(root: Path) -> dict[str, str]:
    """The vault folder's files, less SQLite's shared-memory index (reads change it)."""
    return {k: v for k, v in hash_tree(root).items() if not k.endswith("-shm")}


def _unchanged(net: Net, attempt: object, exc: type[Exception], match: str) -> None:
    """``attempt`` (a callable) is refused with ``exc`` and O's open vault's files stay
    byte-identical (database, its write-ahead log, the key file)."""
    before = _files(net.o.paths.root)
    trust = [(o.fingerprint, o.trust) for o in net.o.sharing.officials()]
    key = bytes(net.o._data_key)
    with pytest.raises(exc, match=match):
        attempt()  # type: ignore[operator]
    assert _files(net.o.paths.root) == before
    assert [(o.fingerprint, o.trust) for o in net.o.sharing.officials()] == trust
    assert bytes(net.o._data_key) == key


def test_revoking_a_custodian_needs_the_passphrase_and_a_wrong_one_changes_nothing(
        net: Net) -> None:
    c = net.fp(net.c)
    assert net.o.sharing.holds_recovery_share(c)
    _unchanged(net, lambda: net.o.sharing.revoke(c), InvalidInput,
               "C holds a share of this vault's recovery set")
    _unchanged(net, lambda: net.o.sharing.revoke(c, passphrase="not the passphrase"),
               WrongPassphrase, "passphrase")
    _unchanged(net, lambda: net.o.sharing.quarantine(c, "2020-01-01"), InvalidInput,
               "needs your passphrase")
    _unchanged(net, lambda: net.o.sharing.quarantine(c, "2020-01-01",
                                                     passphrase="not the passphrase"),
               WrongPassphrase, "passphrase")
    _unchanged(net, lambda: net.o.sharing.quarantine(c, "yesterday", passphrase=PASSPHRASE),
               InvalidInput, "takes a date")


def test_an_official_holding_no_share_is_revoked_as_before(net: Net) -> None:
    key = bytes(net.o._data_key)
    done = net.o.sharing.revoke(net.fp(net.d))
    assert done.official.revoked and done.recovery is None
    assert bytes(net.o._data_key) == key and net.o.recovery.current()["generation"] == 1


def test_the_seized_share_and_old_shares_open_nothing_the_new_set_does(net: Net) -> None:
    o, c = net.o, net.fp(net.c)
    digest, key = o.digest(), bytes(o._data_key)
    done = o.sharing.revoke(c, passphrase=PASSPHRASE)
    r = done.recovery
    assert r is not None and r.current and r.custodian == c and r.successor is None
    assert (r.old_generation, r.generation, r.threshold, r.shares) == (1, 2, 2, 2)
    assert sorted(net.custodians()) == sorted([net.fp(net.a), net.fp(net.b)])
    assert bytes(o._data_key) != key and done.official.revoked
    assert o.recovery.status()["revoked_sets"] == 1
    net.deliver(net.a)  # A keeps the new share; B still holds only the old one
    o.lock()
    request = net.tmp / "req.json"
    Registry.request_recovery(net.o.paths.root, NEW, request)
    seized, old_b = net.answer(net.c, request, "c"), net.answer(net.b, request, "b-old")
    before = hash_tree(net.o.paths.root)
    for pair in ([seized, old_b], [seized, net.answer(net.a, request, "a")]):
        with pytest.raises(RegistryError, match=r"earlier data key|earlier set"):
            Registry.recover(net.o.paths.root, NEW, pair, [])
        assert hash_tree(net.o.paths.root) == before
    net.o = Registry.unlock(net.o.paths.root, PASSPHRASE)
    net.deliver(net.b)
    net.o.lock()
    recovered, _ = Registry.recover(net.o.paths.root, NEW, [
        net.answer(net.a, request, "a2"), net.answer(net.b, request, "b2")], [])
    net.o = recovered
    assert recovered.digest() == digest


def test_too_few_shares_left_means_no_set(net: Net) -> None:
    o = net.o
    o.recovery.setup([net.fp(net.a), net.fp(net.b)], 0, 2, PASSPHRASE)  # 2 of 2
    done = o.sharing.revoke(net.fp(net.b), passphrase=PASSPHRASE)
    assert done.recovery is not None and not done.recovery.current
    assert done.recovery.shares == 0 and done.recovery.paper == []
    assert o.recovery.current() is None
    assert o.recovery.status()["revoked_sets"] == 2
    actions = [a for (a,) in o.store.conn.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions[-4:] == ["rekey", "recovery_revoke", "trust_revoke", "recovery_not_reissued"]


def test_paper_shares_are_issued_anew_and_returned_once(net: Net) -> None:
    o = net.o
    first = o.recovery.setup([net.fp(net.a), net.fp(net.c)], 1, 2, PASSPHRASE)
    done = o.sharing.revoke(net.fp(net.c), passphrase=PASSPHRASE)
    r = done.recovery
    assert r is not None and r.current and len(r.paper) == 1 and r.paper != first.paper
    assert (r.threshold, r.shares, r.custodians) == (2, 2, (net.fp(net.a),))
    assert r.paper[0] not in repr(r)
    assert r.to_json()["paper"] == 1  # the words travel only in .paper
    old_paper = net.tmp / "old-paper.txt"
    old_paper.write_text(first.paper[0] + "\n")
    new_paper = net.tmp / "new-paper.txt"
    new_paper.write_text(r.paper[0] + "\n")
    net.deliver(net.a, name="p")
    o.lock()
    request = net.tmp / "req.json"
    Registry.request_recovery(o.paths.root, NEW, request)
    answer = net.answer(net.a, request, "a")
    with pytest.raises(RegistryError):
        Registry.recover(o.paths.root, NEW, [answer], [old_paper])
    net.o, _ = Registry.recover(o.paths.root, NEW, [answer], [new_paper])


def test_quarantine_of_a_custodian_reissues_in_the_same_step(net: Net) -> None:
    o, b = net.o, net.fp(net.b)
    preview = o.sharing.quarantine(b, "2020-01-01", dry_run=True)
    assert preview.holds_recovery_share and preview.recovery is None
    assert not o.sharing.trust.get(b).revoked and net.custodians().count(b) == 1
    report = o.sharing.quarantine(b, "2020-01-01", passphrase=PASSPHRASE)
    assert o.sharing.trust.get(b).revoked
    assert report.recovery is not None and report.recovery.generation == 2
    assert b not in net.custodians() and len(net.custodians()) == 2
    assert report.to_json()["recovery"]["custodians"] == net.custodians()


def _hand_over(net: Net) -> bytes:
    """A hands over to D (verified in person): A's statement."""
    net.a.sharing.verify(net.fp(net.d), "in_person")
    path = net.tmp / "succession.json"
    net.a.sharing.handover_statement(net.fp(net.d), path)
    return path.read_bytes()


def test_a_handover_moves_the_custodianship_to_the_successor(net: Net) -> None:
    o = net.o
    with o.store.write():  # O never met D: the statement introduces them
        o.store.conn.execute("DELETE FROM official WHERE fingerprint = ?", (net.fp(net.d),))
    statement = _hand_over(net)
    assert o.sharing.holds_recovery_share(net.fp(net.a))
    _unchanged(net, lambda: o.sharing.accept_handover(statement, move_custodianship=True),
               InvalidInput, "A holds a share")
    key = bytes(o._data_key)
    accepted = o.sharing.accept_handover(statement, passphrase=PASSPHRASE,
                                         move_custodianship=True)
    r = accepted.recovery
    assert r is not None and r.successor == net.fp(net.d) and r.generation == 2
    assert net.custodians() == [net.fp(net.d), net.fp(net.b), net.fp(net.c)]
    assert o.sharing.trust.get(net.fp(net.d)).verified_method == "succession"
    assert o.sharing.trust.get(net.fp(net.a)).revoked and bytes(o._data_key) != key
    assert accepted.to_json()["recovery"]["successor"] == net.fp(net.d)
    # the successor keeps their new share; A's old one opens nothing current
    net.d.sharing.verify(net.fp(o), "safety_number")
    net.deliver(net.d, net.b)
    o.lock()
    request = net.tmp / "req.json"
    Registry.request_recovery(o.paths.root, NEW, request)
    old_a = net.answer(net.a, request, "a")
    with pytest.raises(RegistryError, match=r"earlier data key|earlier set"):
        Registry.recover(o.paths.root, NEW, [old_a, net.answer(net.c, request, "c")], [])
    net.o, _ = Registry.recover(o.paths.root, NEW, [net.answer(net.d, request, "d"),
                                                     net.answer(net.b, request, "b")], [])


def test_a_handover_without_the_move_takes_the_predecessor_out(net: Net) -> None:
    statement = _hand_over(net)
    accepted = net.o.sharing.accept_handover(statement, passphrase=PASSPHRASE)
    assert accepted.recovery is not None and accepted.recovery.successor is None
    assert net.custodians() == [net.fp(net.b), net.fp(net.c)]


def test_the_successor_named_cannot_take_a_share_of_its_own_vault(net: Net) -> None:
    """D is O's successor: A's share cannot move to O itself; without the move it goes."""
    net.a.sharing.verify(net.fp(net.o), "in_person")
    path = net.tmp / "to-o.json"
    net.a.sharing.handover_statement(net.fp(net.o), path)
    _unchanged(net, lambda: net.o.sharing.accept_handover(
        path.read_bytes(), passphrase=PASSPHRASE, move_custodianship=True), InvalidInput,
        "cannot hold a share of its own")
    accepted = net.o.sharing.accept_handover(path.read_bytes(), passphrase=PASSPHRASE)
    assert accepted.own_post and accepted.recovery is not None
    assert net.fp(net.a) not in net.custodians()


def test_status_marks_a_custodian_no_longer_trusted(net: Net) -> None:
    """A set from before this rule (the trust store changed beneath it) is flagged."""
    o = net.o
    o.sharing.trust.revoke(net.fp(net.c))  # the low-level trust change, without the rule
    statement = _hand_over(net)
    o.sharing.successions.accept(statement)
    marks = {c["custodian"]: (c["attention"], c["successor"])
             for c in o.recovery.status()["issued"]["custodians"]}
    assert marks == {net.fp(net.a): ("retired", net.fp(net.d)),
                     net.fp(net.b): (None, None), net.fp(net.c): ("revoked", None)}
    # the rule then still takes them out: revoking again re-issues
    done = o.sharing.revoke(net.fp(net.c), passphrase=PASSPHRASE)
    assert done.recovery is not None and not done.recovery.current  # only B is verified
    assert done.recovery.dropped == (net.fp(net.a),)


def test_a_failure_after_the_rotation_leaves_the_trust_unchanged(
        net: Net, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trust change, the old set's revocation and the new set are one transaction after
    the key rotation: when it fails, the official stays trusted and the set they hold a share
    of stays listed (as of an earlier key, opening nothing); revoking again completes it."""
    o, c = net.o, net.fp(net.c)

    def broken(fingerprint: str) -> None:
        raise OSError("disk gone")

    with monkeypatch.context() as patch:
        patch.setattr(o.sharing.trust, "revoke", broken)
        with pytest.raises(OSError, match="disk gone"):
            o.sharing.revoke(c, passphrase=PASSPHRASE)
    assert not o.sharing.trust.get(c).revoked
    current = o.recovery.current()
    assert current is not None and current["generation"] == 1
    assert not current["key_is_current"] and o.sharing.holds_recovery_share(c)
    done = o.sharing.revoke(c, passphrase=PASSPHRASE)
    assert done.official.revoked and done.recovery is not None
    assert done.recovery.generation == 2 and c not in net.custodians()
    assert o.recovery.current()["key_is_current"]
