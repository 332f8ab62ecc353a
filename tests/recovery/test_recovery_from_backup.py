"""Recovery with colleagues from a backup (issue 15, item 2: "with the vault folder (or a
backup)"), in process on real vaults: the laptop is wiped, a backup remains; the owner asks
the custodians from it, and the vault comes back whole with a new passphrase and data key.

The backup's checks (signature, manifest, sizes, hashes) come before anything at the target
changes; a backup made under an earlier data key is refused with a message that says so and
leaves the target as it was; a vault found at the target is kept aside, never deleted, and
replaced only when forced. Typed paper words go straight to the core as bytearrays."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from registry.errors import (
    BackupError,
    InvalidInput,
    NotFound,
    TrustError,
    VaultBusy,
    VaultExists,
)
from registry.recovery import formats
from registry.service import Registry
from tests.conftest import hash_tree
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, make_vault, person

NEW = "a brand new passphrase for the recovered vault"


@dataclass
class Wiped:
    """O's vault folder is gone; a backup of it made after the shares were issued remains."""

    tmp: Path
    root: Path
    backup: Path
    digest: str
    key: bytes
    fp: str
    custodians: dict[str, Registry]
    owner_files: dict[str, Path]

    def request(self, name: str = "req", backup: Path | None = None) -> Path:
        path = self.tmp / f"{name}.json"
        Registry.request_recovery(self.root, NEW, path, backup=backup or self.backup)
        return path

    def answers(self, req: Path, *names: str, override: bool = False) -> list[Path]:
        number = formats.parse_request(req.read_bytes()).safety_number
        out = []
        for n in names:
            out.append(self.tmp / f"{req.stem}-{n}.json")
            self.custodians[n].recovery.respond(req, out[-1], number,
                                                override_cooling_off=override)
        return out


def _share_out(o: Registry, custodians: dict[str, Registry], tmp: Path) -> dict[str, Path]:
    o.recovery.setup([c.identity.fingerprint for c in custodians.values()], 0, 2, None)
    out = tmp / f"shares-{o.recovery.current()['generation']}"
    out.mkdir()
    files = o.recovery.export(out, all_files=True)
    by_name = {}
    for name, c in custodians.items():
        by_name[name] = next(f for f in files if c.identity.fingerprint[:16] in f.name)
        c.recovery.receive(by_name[name])
    return by_name


@pytest.fixture(scope="module")
def _prepared_wiped(tmp_path_factory: pytest.TempPathFactory) -> Wiped:
    """The wiped laptop's folder of this module, made once with the custodians locked:
    ``wiped`` hands each test a copy."""
    tmp = tmp_path_factory.mktemp("wiped")
    vaults = {n: make_vault(tmp, n) for n in ("O", "A", "B", "C")}
    try:
        introduce(*vaults.values())
        o = vaults.pop("O")
        person(o, "Мария Соколова", inside_russia=True)
        person(o, "Ivan Petrov", notes="a note")
        files = _share_out(o, vaults, tmp)
        backup = tmp / "backups" / "o.rbackup"
        backup.parent.mkdir()
        o.backups.write(backup)
        state = Wiped(tmp, o.paths.root, backup, o.digest(), bytes(o._data_key),
                      o.identity.fingerprint, {}, files)
        o.lock()
        shutil.rmtree(state.root)  # the laptop was wiped
        return state
    finally:
        for v in vaults.values():
            v.lock()


@pytest.fixture
def wiped(_prepared_wiped: Wiped, tmp_path: Path) -> Iterator[Wiped]:
    """Each test has its own copy of the prepared folder (four vaults that know each other,
    the set issued and the backup written take longer to make than to copy), the custodians
    unlocked from it."""
    made = _prepared_wiped
    shutil.copytree(made.tmp, tmp_path, dirs_exist_ok=True)

    def here(path: Path) -> Path:
        return tmp_path / path.relative_to(made.tmp)

    custodians = {n: Registry.unlock(tmp_path / n, PASSPHRASE) for n in "ABC"}
    state = Wiped(tmp_path, here(made.root), here(made.backup), made.digest, made.key, made.fp,
                  custodians, {n: here(f) for n, f in made.owner_files.items()})
    yield state
    for v in custodians.values():
        v.lock()


def test_two_custodians_recover_a_wiped_vault_from_its_backup(wiped: Wiped) -> None:
    req = wiped.request()
    assert formats.parse_request(req.read_bytes()).vault_id is not None  # the backup's vault
    assert sorted(p.name for p in wiped.root.iterdir()) == ["recovery-request.secret"]
    responses = wiped.answers(req, "A", "B")
    reg, report = Registry.recover(wiped.root, NEW, responses, [], backup=wiped.backup)
    try:
        assert reg.digest() == wiped.digest
        assert bytes(reg._data_key) != wiped.key
        assert reg.check() == []
        assert report["data_key_rotated"] and report["kept_aside"] is None
        assert sorted(report["custodians"]) == sorted(
            wiped.custodians[n].identity.fingerprint for n in "AB")
        assert report["backup_created_at"]
        assert reg.recovery.current() is not None  # new shares for the same colleagues
    finally:
        reg.lock()
    assert not (wiped.root / "recovery-request.secret").exists()
    assert sorted(p.name for p in wiped.root.parent.iterdir() if p.name.startswith("O")) == ["O"]
    Registry.unlock(wiped.root, NEW).lock()  # the new passphrase opens it at the target


def test_a_backup_made_before_a_key_rotation_is_refused_and_nothing_is_written(
        wiped: Wiped) -> None:
    # the owner had restored the backup, rotated the key (new set, new shares), then lost it
    # all again: only the old backup is left, and the custodians hold shares of the new key
    old = wiped.tmp / "backups" / "old.rbackup"
    shutil.copy(wiped.backup, old)
    restored = Registry.restore_backup(wiped.backup, wiped.root, PASSPHRASE)
    o = Registry.unlock(restored.root, PASSPHRASE)
    try:
        o.change_passphrase(PASSPHRASE, PASSPHRASE, rotate=True)  # reissues the set
        out = wiped.tmp / "g2"
        out.mkdir()
        for f in o.recovery.export(out):
            holder = next(c for c in wiped.custodians.values()
                          if c.identity.fingerprint[:16] in f.name)
            holder.recovery.receive(f)
    finally:
        o.lock()
    shutil.rmtree(wiped.root)

    req = wiped.request("req2", backup=old)
    responses = wiped.answers(req, "A", "B")
    before = hash_tree(wiped.root)
    with pytest.raises(BackupError, match="earlier data key") as caught:
        Registry.recover(wiped.root, NEW, responses, [], backup=old)
    assert "Nothing was written" in str(caught.value)
    assert hash_tree(wiped.root) == before  # still only the request's secret
    assert [p.name for p in wiped.root.parent.iterdir() if p.name.startswith(".O.")] == []


def test_a_backup_made_before_recovery_was_set_up_opens_with_the_first_sets_shares(
        tmp_path: Path) -> None:
    """The first set does not rotate the key: a backup made just before it holds the key its
    shares recover, though it knows nothing of the set."""
    vaults = {n: make_vault(tmp_path, n) for n in ("O", "A", "B")}
    introduce(*vaults.values())
    o = vaults.pop("O")
    person(o, "Мария Соколова", inside_russia=True)
    backup = tmp_path / "early.rbackup"
    o.backups.write(backup)
    _share_out(o, vaults, tmp_path)
    root, digest = o.paths.root, o.digest()
    o.lock()
    shutil.rmtree(root)
    try:
        req = tmp_path / "req.json"
        Registry.request_recovery(root, NEW, req, backup=backup)
        number = formats.parse_request(req.read_bytes()).safety_number
        answers = [tmp_path / f"r{n}" for n in "AB"]
        for n, path in zip("AB", answers, strict=True):
            vaults[n].recovery.respond(req, path, number)
        reg, report = Registry.recover(root, NEW, answers, [], backup=backup)
        try:
            assert reg.digest() == digest and report["data_key_rotated"]
            assert reg.recovery.current() is None  # set up again, as the CLI then says
            again = _share_out(reg, vaults, tmp_path)  # the custodians take the new set:
            assert "-g2" in again["A"].name  # it comes after the one the backup never knew
        finally:
            reg.lock()
    finally:
        for v in vaults.values():
            v.lock()


def test_an_altered_backup_is_refused_before_anything_is_written(wiped: Wiped) -> None:
    req = wiped.request()
    responses = wiped.answers(req, "A", "B")
    forged = wiped.tmp / "forged.rbackup"
    with zipfile.ZipFile(wiped.backup) as src, zipfile.ZipFile(forged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "registry.db":
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.writestr(info, data)
    before = hash_tree(wiped.root)
    with pytest.raises(TrustError, match="signed hash"):
        Registry.recover(wiped.root, NEW, responses, [], backup=forged)
    with pytest.raises(TrustError):
        Registry.request_recovery(wiped.root, NEW, wiped.tmp / "r2", backup=forged)
    assert hash_tree(wiped.root) == before and not (wiped.tmp / "r2").exists()


def test_a_vault_at_the_target_is_replaced_only_when_forced_and_kept_aside(
        wiped: Wiped) -> None:
    restored = Registry.restore_backup(wiped.backup, wiped.root, PASSPHRASE)  # a copy whose
    req = wiped.request()  # passphrase is "lost": the request goes into its folder
    responses = wiped.answers(req, "A", "B")
    before = hash_tree(restored.root)
    with pytest.raises(VaultExists, match="cannot be told"):
        Registry.recover(wiped.root, NEW, responses, [], backup=wiped.backup)
    assert hash_tree(restored.root) == before
    reg, report = Registry.recover(wiped.root, NEW, responses, [], backup=wiped.backup,
                                   force=True)
    try:
        assert reg.digest() == wiped.digest
    finally:
        reg.lock()
    aside = Path(report["kept_aside"])
    assert aside.name.startswith("O.replaced-")
    assert sorted(p.name for p in aside.iterdir()) == ["registry.db", "vault.key", "vault.lock"]
    Registry.unlock(aside, PASSPHRASE).lock()  # kept whole, its used secret shredded


def test_a_vault_open_at_the_target_is_not_replaced(wiped: Wiped) -> None:
    """The app still has the copy at the target open: it would write on into the folder kept
    aside. The recovery is refused before the ceremony, and nothing changes."""
    restored = Registry.restore_backup(wiped.backup, wiped.root, PASSPHRASE)
    req = wiped.request()
    responses = wiped.answers(req, "A", "B")
    app = Registry.unlock(restored.root, PASSPHRASE)
    try:
        before = hash_tree(restored.root)
        with pytest.raises(VaultBusy, match="has the vault open"):
            Registry.recover(wiped.root, NEW, responses, [], backup=wiped.backup, force=True)
        assert hash_tree(restored.root) == before
        assert sorted(p.name for p in wiped.root.parent.iterdir() if p.name.startswith("O")) \
            == ["O"]
    finally:
        app.lock()
    reg, _ = Registry.recover(wiped.root, NEW, responses, [], backup=wiped.backup, force=True)
    reg.lock()  # once the app closed it


def test_paper_words_typed_go_straight_to_the_core(tmp_path: Path) -> None:
    o = make_vault(tmp_path, "O")
    person(o, "Мария Соколова", inside_russia=True)
    words = o.recovery.setup([], 3, 2, None).paper
    digest, root = o.digest(), o.paths.root
    o.lock()
    (root / "vault.key").unlink()

    bad = words[0].split()
    bad[5] = "academic" if bad[5] != "academic" else "acid"
    typed = [bytearray(" ".join(bad).upper().encode()), bytearray(words[1].encode())]
    before = hash_tree(root)
    with pytest.raises(InvalidInput, match="Paper share 1: a word is wrong") as caught:
        Registry.recover(root, NEW, [], paper_words=typed)
    assert not any(" ".join(bad[i:i + 3]) in str(caught.value).lower() for i in range(31))
    assert hash_tree(root) == before

    typed = [bytearray(w.upper().encode()) for w in words[1:]]
    reg, report = Registry.recover(root, NEW, [], paper_words=typed)
    try:
        assert reg.digest() == digest and report["custodians"] == ["paper", "paper"]
    finally:
        reg.lock()


def test_paper_files_and_typed_words_are_numbered_in_one_sequence(tmp_path: Path) -> None:
    o = make_vault(tmp_path, "O")
    words = o.recovery.setup([], 3, 3, None).paper
    root = o.paths.root
    o.lock()
    (tmp_path / "p.txt").write_text(words[0] + "\n")
    with pytest.raises(InvalidInput, match="Paper share 2 has 32 words"):
        Registry.recover(root, NEW, [], [tmp_path / "p.txt"],
                         paper_words=[bytearray(" ".join(words[1].split()[:-1]).encode())])
    with pytest.raises(InvalidInput, match="Paper share 2 is not text"):
        Registry.recover(root, NEW, [], [tmp_path / "p.txt"],
                         paper_words=[bytearray(b"\xff\xfe")])


def test_a_request_from_a_backup_refuses_a_folder_of_another_vault(wiped: Wiped,
                                                                   tmp_path: Path) -> None:
    other = make_vault(tmp_path, "Other")
    root = other.paths.root
    other.lock()
    before = hash_tree(root)
    with pytest.raises(InvalidInput, match="holds another vault than the backup"):
        Registry.request_recovery(root, NEW, tmp_path / "r.json", backup=wiped.backup)
    assert hash_tree(root) == before and not (tmp_path / "r.json").exists()


def test_paper_shares_alone_open_a_backup_made_before_the_set(tmp_path: Path) -> None:
    o = make_vault(tmp_path, "O")
    person(o, "Мария Соколова", inside_russia=True)
    backup = tmp_path / "early.rbackup"
    o.backups.write(backup)
    words = o.recovery.setup([], 3, 2, None).paper
    root, digest = o.paths.root, o.digest()
    o.lock()
    shutil.rmtree(root)
    with pytest.raises(NotFound, match="cannot be read"):
        Registry.recover(root, NEW, [], [tmp_path / "no-such-paper.txt"], backup=backup)
    assert not root.exists()
    typed = [bytearray(w.encode()) for w in words[:2]]
    reg, report = Registry.recover(root, NEW, [], paper_words=typed, backup=backup)
    try:
        assert reg.digest() == digest and report["custodians"] == ["paper", "paper"]
    finally:
        reg.lock()


def test_a_whole_vault_that_opens_with_the_new_passphrase_is_not_replaced(
        wiped: Wiped) -> None:
    """Recovering twice: the vault recovered first is there and opens; the second attempt
    does not replace it unless forced."""
    req = wiped.request()
    responses = wiped.answers(req, "A", "B")
    reg, _ = Registry.recover(wiped.root, NEW, responses, [], backup=wiped.backup)
    reg.lock()
    before = hash_tree(wiped.root)
    with pytest.raises(VaultExists, match="opens with this passphrase and is whole"):
        Registry.recover(wiped.root, NEW, [], paper_words=[bytearray(b"x")],
                         backup=wiped.backup)
    assert hash_tree(wiped.root) == before
