"""Recovery through the real command line (issue 15): four vaults, shares set up 2 of 3, the
owner's key file and passphrase gone, the ceremony with the custodians; paper shares 3 of 5;
and the hostile cases: an unconfirmed request, tampered and forged responses, shares of an
old key — each refused with nothing changed, and no share ever in the clear anywhere."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from registry.recovery import envelope, formats
from registry.service import Registry
from registry.sync.keys import OfficialKeys
from tests.conftest import Cli, CliResult
from tests.passphrase import PASSPHRASE

NEW = "a brand new passphrase for the recovered vault"
NEWER = "another entirely fresh passphrase after the second ceremony"


class Run:
    """The CLI, keeping every output for the sentinel scan."""

    def __init__(self, cli: Cli) -> None:
        self.cli = cli
        self.outputs: list[str] = []

    def __call__(self, vault: Path, *args: str, code: int = 0,
                 passphrase: str | None = PASSPHRASE) -> CliResult:
        result = self.cli(vault, *args, passphrase=passphrase)
        self.outputs += [result.out, result.err]
        assert result.code == code, (args, result.code, result.out, result.err)
        return result

    def json(self, vault: Path, *args: str, passphrase: str | None = PASSPHRASE) -> object:
        return json.loads(self(vault, *args, "--json", passphrase=passphrase).out)


def _key(root: Path, passphrase: str) -> bytes:
    reg = Registry.unlock(root, passphrase)
    try:
        return bytes(reg._data_key)
    finally:
        reg.lock()


def _mnemonics(files: list[Path], holders: list[Registry]) -> list[str]:
    """The words inside the share files (opened here with each custodian's key) — the
    sentinels that must appear nowhere else."""
    words = []
    for f, holder in zip(files, holders, strict=True):
        share = formats.open_share_file(f.read_bytes())
        plain = share.opened.decrypt(holder.official_keys.age_identity)
        words.append(formats.open_statement(plain)[1].mnemonic)
    return words


def _scan(root: Path, outputs: list[str], secrets: list[bytes]) -> None:
    """No secret in any file under ``root`` nor in any output of the command line."""
    blobs = [p.read_bytes() for p in root.rglob("*") if p.is_file()]
    blobs += [o.encode() for o in outputs]
    for secret in secrets:
        assert not any(secret in blob for blob in blobs)


def _dump(root: Path, passphrase: str) -> bytes:
    """Every row of a vault's database, decrypted."""
    reg = Registry.unlock(root, passphrase)
    try:
        conn = reg.store.conn
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                             "'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        rows = [repr(r) for t in tables for r in conn.execute(f'SELECT * FROM "{t}"')]
        return "\n".join(rows).encode()
    finally:
        reg.lock()


def _audit(root: Path, passphrase: str) -> list[str]:
    reg = Registry.unlock(root, passphrase)
    try:
        return [a for (a,) in reg.store.conn.execute("SELECT action FROM audit ORDER BY seq")]
    finally:
        reg.lock()


@pytest.mark.slow
def test_two_of_three_colleagues_recover_a_vault_whose_key_and_passphrase_are_gone(
        four: dict[str, Registry], cli: Cli, tmp_path: Path,
        tree_hash: Callable[[Path], dict[str, str]]) -> None:
    run = Run(cli)
    roots = {n: v.paths.root for n, v in four.items()}
    fps = {n: v.identity.fingerprint for n, v in four.items()}
    holders = [four[n] for n in "ABC"]
    for v in four.values():
        v.lock()
    out = tmp_path / "out"
    out.mkdir()

    # setup 2 of 3; each colleague keeps their share, sealed
    issued = run.json(roots["O"], "recovery", "setup", "--custodian", fps["A"], "--custodian",
                      fps["B"], "--custodian", fps["C"], "--threshold", "2", "-o", str(out))
    assert issued["threshold"] == 2 and issued["shares"] == 3 and issued["paper_shares"] == []
    files = [Path(f) for f in issued["files"]]
    assert [f.name[15:31] for f in files] == [fps[n][:16] for n in "ABC"]
    for n, f in zip("ABC", files, strict=True):
        held = run.json(roots[n], "recovery", "receive", str(f))
        assert held["new"] and held["owner"] == fps["O"] and held["owner_name"] == "O"
    status = run.json(roots["A"], "recovery", "status")
    assert [(h["owner_name"], h["status"]) for h in status["held"]] == [("O", "held")]
    assert status["held"][0]["since"]
    words = _mnemonics(files, [Registry.unlock(h.paths.root, PASSPHRASE) for h in holders])
    digest = run.json(roots["O"], "digest")
    key_before = _key(roots["O"], PASSPHRASE)

    # the key file and the passphrase are gone
    (roots["O"] / "vault.key").unlink()
    run(roots["O"], "digest", code=1)
    made = run.json(roots["O"], "recovery", "request", "-o", str(tmp_path / "req"),
                    passphrase=NEW)
    number = made["safety_number"]
    assert len(number.replace(" ", "")) == 30 and made["vault_id"] is None

    # a custodian who has not confirmed the number releases nothing
    shown = run(roots["A"], "recovery", "respond", str(tmp_path / "req"), "-o",
                str(tmp_path / "rA"), code=2)
    assert number in shown.out and not (tmp_path / "rA").exists()
    wrong = "1" + number.replace(" ", "")[1:] if number[0] != "1" else "2" + number[1:]
    before_a = _audit(roots["A"], PASSPHRASE)
    run(roots["A"], "recovery", "respond", str(tmp_path / "req"), "-o", str(tmp_path / "rA"),
        "--confirm-safety-number", wrong, code=4)
    assert not (tmp_path / "rA").exists() and _audit(roots["A"], PASSPHRASE) == before_a

    for n in "AB":
        run(roots[n], "recovery", "respond", str(tmp_path / "req"), "-o",
            str(tmp_path / f"r{n}"), "--confirm-safety-number", number)
    assert {"recovery_safety_number_confirmed", "recovery_share_released"} <= \
        set(_audit(roots["A"], PASSPHRASE)[len(before_a):])

    folder = tree_hash(roots["O"])
    # one share is not enough
    one = run(roots["O"], "recovery", "complete", str(tmp_path / "rA"), code=1,
              passphrase=NEW)
    assert "needs 2" in one.err
    # a tampered response: one byte of its sealed payload
    doc = json.loads((tmp_path / "rB").read_text())
    raw = bytearray(base64.b64decode(doc["payload"]))
    raw[-20] ^= 1
    doc["payload"] = base64.b64encode(bytes(raw)).decode()
    (tmp_path / "tampered").write_bytes(envelope.canonical(doc) + b"\n")
    run(roots["O"], "recovery", "complete", str(tmp_path / "rA"), str(tmp_path / "tampered"),
        code=4, passphrase=NEW)
    # a forged response: B's sealed share, signed by someone else's key
    mallory = OfficialKeys.generate()
    doc = json.loads((tmp_path / "rB").read_text())
    manifest = {**doc["manifest"], "signer": envelope.signer_json("B", mallory.public())}
    from registry.sync import minisign

    forged = {"manifest": manifest, "payload": doc["payload"],
              "minisig": minisign.sign(mallory, envelope.canonical(manifest),
                                       f"{formats.RESPONSE} {manifest['response_id']}").decode()}
    (tmp_path / "forged").write_bytes(envelope.canonical(forged) + b"\n")
    run(roots["O"], "recovery", "complete", str(tmp_path / "rA"), str(tmp_path / "forged"),
        code=4, passphrase=NEW)
    # a wrong new passphrase does not open the request's secret
    run(roots["O"], "recovery", "complete", str(tmp_path / "rA"), str(tmp_path / "rB"),
        code=3, passphrase=NEWER)
    assert tree_hash(roots["O"]) == folder  # every refusal changed nothing

    done = run.json(roots["O"], "recovery", "complete", str(tmp_path / "rA"),
                    str(tmp_path / "rB"), passphrase=NEW)
    assert done["data_key_rotated"] and sorted(done["custodians"]) == sorted([fps["A"],
                                                                             fps["B"]])
    assert run.json(roots["O"], "digest", passphrase=NEW) == digest
    assert _key(roots["O"], NEW) != key_before
    assert not (roots["O"] / "recovery-request.secret").exists()
    actions = _audit(roots["O"], NEW)
    assert actions[-7:-3] == ["recovery_request", "recovery_share_used", "recovery_share_used",
                              "recovery_complete"]
    assert actions[-3:] == ["rekey", "recovery_revoke", "recovery_reissue"]
    again = run.json(roots["O"], "recovery", "status", passphrase=NEW)
    assert again["issued"]["generation"] == 2 and again["revoked_sets"] == 1

    # the custodians still hold shares of the old key: they open nothing current
    made = run.json(roots["O"], "recovery", "request", "-o", str(tmp_path / "req2"),
                    passphrase=NEWER)
    cooling = run(roots["A"], "recovery", "respond", str(tmp_path / "req2"), "-o",
                  str(tmp_path / "old-A"), "--confirm-safety-number", made["safety_number"],
                  code=2)
    assert "--override-cooling-off" in cooling.err
    for n in "AB":
        run(roots[n], "recovery", "respond", str(tmp_path / "req2"), "-o",
            str(tmp_path / f"old-{n}"), "--confirm-safety-number", made["safety_number"],
            "--override-cooling-off")
    folder = tree_hash(roots["O"])
    stale = run(roots["O"], "recovery", "complete", str(tmp_path / "old-A"),
                str(tmp_path / "old-B"), code=1, passphrase=NEWER)
    assert "earlier data key" in stale.err
    assert tree_hash(roots["O"]) == folder
    assert run.json(roots["O"], "digest", passphrase=NEW) == digest

    # the new set's share files supersede the old shares at the custodians
    new_files = run.json(roots["O"], "recovery", "export", "-o", str(out / "g2"),
                         passphrase=NEW) if (out / "g2").mkdir() is None else None
    assert new_files is not None and len(new_files["files"]) == 3
    run.json(roots["A"], "recovery", "receive", new_files["files"][0])
    held = run.json(roots["A"], "recovery", "status")["held"]
    assert [(h["generation"], h["status"]) for h in held] == [(2, "held"), (1, "superseded")]

    # no share in the clear: not in any file, output or decrypted vault
    secrets = [w.encode() for w in words] + [key_before, key_before.hex().encode(),
                                            base64.b64encode(key_before)]
    _scan(tmp_path, run.outputs, secrets)
    dumps = [_dump(roots["O"], NEW)] + [_dump(roots[n], PASSPHRASE) for n in "ABC"]
    assert not any(w.encode() in d for w in words for d in dumps)


def test_paper_shares_three_of_five(four: dict[str, Registry], cli: Cli, tmp_path: Path,
                                    tree_hash: Callable[[Path], dict[str, str]]) -> None:
    run = Run(cli)
    root = four["O"].paths.root
    for v in four.values():
        v.lock()
    issued = run.json(root, "recovery", "setup", "--paper", "5", "--threshold", "3")
    paper = issued["paper_shares"]
    assert len(paper) == 5 and all(len(p.split()) == 33 for p in paper)
    status = run.json(root, "recovery", "status")
    assert [c["custodian"] for c in status["issued"]["custodians"]] == ["paper"] * 5
    # shown once: the words are stored nowhere (the output that showed them aside)
    shown_once = run.outputs[-4]
    assert all(p in shown_once for p in paper)
    run.outputs.remove(shown_once)
    _scan(tmp_path, run.outputs, [p.encode() for p in paper])
    assert not any(p.encode() in _dump(root, PASSPHRASE) for p in paper)
    digest = run.json(root, "digest")
    (root / "vault.key").unlink()

    files = []
    for i, words in enumerate(paper[1:4]):
        files.append(tmp_path / f"paper{i}.txt")
        files[-1].write_text(words.upper() + "\n")  # as written down: case does not matter
    bad = paper[0].split()
    bad[9] = "academic" if bad[9] != "academic" else "acid"
    (tmp_path / "bad.txt").write_text(" ".join(bad))
    folder = tree_hash(root)
    wrong = run(root, "recovery", "complete", "--paper", str(files[0]), "--paper",
                str(files[1]), "--paper", str(tmp_path / "bad.txt"), code=1, passphrase=NEW)
    assert "checksum" in wrong.err and "Paper share 3" in wrong.err
    assert not any(" ".join(bad[i:i + 3]) in wrong.err for i in range(31))  # quotes no share
    two = run(root, "recovery", "complete", "--paper", str(files[0]), "--paper",
              str(files[1]), code=1, passphrase=NEW)
    assert "needs 3" in two.err
    assert tree_hash(root) == folder

    args = [a for f in files for a in ("--paper", str(f))]
    done = run.json(root, "recovery", "complete", *args, passphrase=NEW)
    assert done["custodians"] == ["paper"] * 3 and done["reissued"] is False
    assert run.json(root, "digest", passphrase=NEW) == digest
    status = run.json(root, "recovery", "status", passphrase=NEW)
    assert status["issued"] is None and status["revoked_sets"] == 1
