"""The vault through the real command line, as users' scripts see it (DESIGN §5, §9)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import Cli, fast_vault, hash_tree
from tests.passphrase import PASSPHRASE

pytestmark = pytest.mark.slow


def _init(cli: Cli, vault: Path) -> None:
    res = cli(vault, "init", "--name", "Alice", "--org", "MFA", "--country", "SE")
    assert res.code == 0, res.err


def _add(cli: Cli, vault: Path, *args: str) -> str:
    res = cli(vault, "add", *args, "--json")
    assert res.code == 0, res.err
    return str(json.loads(res.out)["id"])


def _grep_tree(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_sentinel_never_on_disk_in_plaintext(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    sentinels = ["QZXSENTINEL4711", "sentinel4711@example.org", "Навальнаятест"]
    rid = _add(cli, vault, "person", "--name", f"Юлия {sentinels[2]}", "--notes", sentinels[0],
               "--email", sentinels[1])
    assert rid in cli(vault, "search", "Navalnajatest", "--json").out
    passphrase, new = PASSPHRASE, "plum kettle orbit lantern"
    for step in (["check"], ["passwd"], ["rekey"], ["check"]):
        env = {"REGISTRY_NEW_PASSPHRASE": new} if step == ["passwd"] else None
        assert cli(vault, *step, env=env, passphrase=passphrase).code == 0
        passphrase = new if step == ["passwd"] else passphrase
        for s in sentinels:
            for root in (vault, cli.home, cli.tmp):
                assert _grep_tree(root, s.encode()) == [], f"{s} in {root} after {step}"
    shown = json.loads(cli(vault, "show", rid, "--json", passphrase=passphrase).out)
    assert shown["fields"]["notes"] == sentinels[0]


def test_wrong_passphrase_exits_3_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    _add(cli, vault, "person", "--name", "Тест Тестов")
    before = hash_tree(vault)
    for args in (["search", "x"], ["add", "person", "--name", "X"], ["check"], ["rekey"]):
        res = cli(vault, *args, passphrase="wrong passphrase")
        assert res.code == 3, res.err
        assert "passphrase" in res.err.lower()
    assert hash_tree(vault) == before


def test_no_passphrase_and_no_terminal_is_locked(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    res = cli(vault, "search", "x", passphrase=None)
    assert res.code == 3
    assert "REGISTRY_PASSPHRASE" in res.err


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_damaged_database_is_told_apart_from_wrong_passphrase(cli: Cli, tmp_path: Path,
                                                              damage: str) -> None:
    vault = fast_vault(tmp_path / "v")
    for i in range(4):  # a few pages of records, so the middle of the file is data
        _add(cli, vault, "organisation", "--name", f"Организация {i}", "--notes", "x" * 2000)
    db = vault / "registry.db"
    data = bytearray(db.read_bytes())
    if damage == "flip":
        mid = len(data) // 2
        data[mid] ^= 0xFF
        data[mid + 1] ^= 0x55
    else:
        data = data[: len(data) // 2 + 100]
    db.write_bytes(bytes(data))
    res = cli(vault, "check")
    assert res.code == 1, (res.code, res.err, res.out)
    text = (res.out + res.err).lower()
    assert "damaged" in text
    assert "passphrase" not in text.replace("the passphrase is right", "")


def test_passwd_reseals_only(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    rid = _add(cli, vault, "person", "--name", "Анна Паролева")
    db_before = (vault / "registry.db").read_bytes()
    res = cli(vault, "passwd", env={"REGISTRY_NEW_PASSPHRASE": "new passphrase 2"})
    assert res.code == 0, res.err
    assert (vault / "registry.db").read_bytes() == db_before
    assert cli(vault, "search", "Anna").code == 3
    assert rid in cli(vault, "search", "Anna", "--json", passphrase="new passphrase 2").out


def test_rekey_keeps_data_and_retires_the_old_key(cli: Cli, tmp_path: Path) -> None:
    from registry.store import db
    from registry.vault import keyfile

    vault = tmp_path / "v"
    _init(cli, vault)
    rid = _add(cli, vault, "person", "--name", "Борис Ключев")
    old_key = keyfile.unseal(vault / "vault.key", PASSPHRASE)[0]
    digest = cli(vault, "digest").out
    assert cli(vault, "rekey").code == 0
    assert cli(vault, "digest").out == digest
    assert rid in cli(vault, "search", "Boris", "--json").out
    with pytest.raises(Exception, match="damaged"):
        db.connect(vault / "registry.db", old_key)
    new_key = keyfile.unseal(vault / "vault.key", PASSPHRASE)
    assert len(new_key) == 1 and new_key[0] != old_key


def test_wipe_is_final(cli: Cli, tmp_path: Path) -> None:
    import time

    vault = tmp_path / "v"
    _init(cli, vault)
    _add(cli, vault, "person", "--name", "Вера Стёртая")
    assert cli(vault, "wipe").code == 2  # needs --yes
    start = time.monotonic()
    res = cli(vault, "wipe", "--yes")
    assert res.code == 0 and time.monotonic() - start < 2.0 + 1.5  # + interpreter start
    assert not (vault / "vault.key").exists()
    for p in (PASSPHRASE, "anything else"):
        assert cli(vault, "search", "x", passphrase=p).code != 0


def test_digest_depends_on_shared_records_only(cli: Cli, tmp_path: Path) -> None:
    vault = tmp_path / "v"
    _init(cli, vault)
    rid = _add(cli, vault, "person", "--name", "Глеб Дайджестов", "--country", "DE")
    d0 = cli(vault, "digest").out.strip()
    assert len(d0) == 64
    for step in (["check"], ["rekey"], ["check"]):
        assert cli(vault, *step).code == 0
        assert cli(vault, "digest").out.strip() == d0
    assert cli(vault, "passwd", env={"REGISTRY_NEW_PASSPHRASE": "another pass 9"}).code == 0
    assert cli(vault, "digest", passphrase="another pass 9").out.strip() == d0
    res = cli(vault, "update", rid, "--country", "FR", passphrase="another pass 9")
    assert res.code == 0, res.err
    assert cli(vault, "digest", passphrase="another pass 9").out.strip() != d0


def test_exit_codes_for_bad_input(cli: Cli, tmp_path: Path) -> None:
    vault = fast_vault(tmp_path / "v")
    assert cli(vault, "add", "person", "--name", "X", "--gender", "robot").code == 1
    assert cli(vault, "add", "person", "--region", "RU-XXX", "--name", "X").code == 1
    assert cli(vault, "add", "person").code == 1  # name required
    assert cli(vault, "add", "tie", "--from", "nope", "--to", "nope", "--kind", "leads").code == 1
    assert cli(vault, "frobnicate").code == 2
    assert cli(vault, "show", "00000000-0000-7000-8000-000000000000").code == 1
    assert cli(tmp_path / "nowhere", "search", "x").code == 1
    res = cli(vault, "init", "--name", "A", "--org", "B", "--country", "SE")
    assert res.code == 1 and "already exists" in res.err


def test_record_commands_round_trip(cli: Cli, tmp_path: Path) -> None:
    vault = fast_vault(tmp_path / "v")
    donor = _add(cli, vault, "organisation", "--name", "Фонд Помощи", "--type", "donor",
                 "--country", "DE", "--founded", "2015", "--region-covered", "RU-MOW")
    media = _add(cli, vault, "organisation", "--name", "Медиа Эхо", "--type", "media")
    person = _add(cli, vault, "person", "--name", "Ирина Полная", "--name-latin", "Irina Polnaya",
                  "--gender", "female", "--region", "RU-SVE", "--country", "LT", "--role",
                  "journalist", "--role", "activist", "--email", "ip@example.org", "--phone",
                  "+37060000000", "--ethnicity", "татарка", "--group", "national_minority",
                  "--review-date", "2027-06-01", "--sensitivity", "confidential")
    inside = _add(cli, vault, "person", "--name", "Олег Внутри", "--inside-russia")
    tie = _add(cli, vault, "tie", "--from", person, "--to", media, "--kind", "works_for",
               "--start", "2022-03-01")
    _add(cli, vault, "tie", "--from", person, "--to", inside, "--kind", "contact_inside")
    _add(cli, vault, "event", "--title", "Форум", "--date", "2025-05-05", "--participant", person)
    _add(cli, vault, "evaluation", "--subject", media, "--scores", "3,2,4", "--evidence", "ok")
    # `stats` has no --today: the permit's dates are set around the real today, so that it
    # expires within 90 days but not within 30 (even if midnight passes mid-test).
    today = dt.date.today()  # clock-ok: stats reads the real day; dates are set around it
    _add(cli, vault, "support", "--provider", donor, "--recipient", person, "--kind",
         "residence_permit", "--status", "active",
         "--start", (today - dt.timedelta(days=300)).isoformat(),
         "--end", (today + dt.timedelta(days=60)).isoformat(),
         "--amount", "1000", "--currency", "eur", "--horizon", "short")
    assert cli(vault, "add", "support", "--provider", media, "--recipient", person,
               "--kind", "grant").code == 1  # a media outlet is not a donor
    shown = json.loads(cli(vault, "show", person, "--json").out)
    assert shown["fields"]["roles"] == ["journalist", "activist"]
    assert shown["sensitivity"] == "confidential"
    assert {t["id"] for t in shown["ties"]} >= {tie}
    assert set(shown["provenance"]) >= {"name", "email"}
    assert json.loads(cli(vault, "show", inside, "--json").out)["sensitivity"] == "protected"
    assert cli(vault, "update", person, "--notes", "updated").code == 0
    assert cli(vault, "update", person, "--type", "ngo").code == 1  # not a person option
    stats = json.loads(cli(vault, "stats", "--json").out)
    assert stats["people"]["total"] == 2 and stats["people"]["inside_russia"] == 1
    assert stats["people"]["women"] == 1 and stats["permits"]["expiring_30"] == 0
    assert stats["permits"]["expiring_90"] == 1 and stats["as_of"] in {
        today.isoformat(), (today + dt.timedelta(days=1)).isoformat()}
    assert {"covered", "blind_spots"} <= set(stats["regions"])
    assert {"overlaps", "top10_share", "hhi"} <= set(stats["support"])
    assert cli(vault, "delete", tie).code == 0
    assert json.loads(cli(vault, "show", tie, "--json").out)["fields"]["deleted"] is True
    assert cli(vault, "erase", inside).code == 0
    assert cli(vault, "show", inside).code == 1
    assert cli(vault, "check").code == 0
