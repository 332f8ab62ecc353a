"""A vault made with the first schema opens with today's code, upgraded and unchanged in content."""

import shutil
from pathlib import Path

from registry.domain.enums import Kind
from registry.service import Registry
from registry.store import schema

FIXTURE = Path(__file__).parents[1] / "fixtures" / "vault-v1"
PASSPHRASE = "fixture-passphrase-v1"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "v"
    shutil.copytree(FIXTURE, target)
    return target


def test_v1_fixture_upgrades_to_latest(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    reg = Registry.unlock(root, PASSPHRASE)
    try:
        assert schema.version(reg.store.conn) == schema.LATEST > 1
        tables = {r[0] for r in reg.store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"bundle_import", "bundle_export", "duplicate_decision"} <= tables
        assert reg.check() == []
        want = (FIXTURE.parent / "vault-v1.digest").read_text().strip()
        assert reg.digest() == want
        hits = reg.search("Navalnaya")
        assert [h.name for h in hits] == ["Юлия Навальная"]
        assert reg.get(hits[0].id).values["notes"] == "edited once"
    finally:
        reg.lock()


def test_upgraded_vault_takes_new_writes(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    reg = Registry.unlock(root, PASSPHRASE)
    try:
        new = reg.add(Kind.PERSON, {"name": "Новая Запись"})
        assert reg.get(new.id).values["name"] == "Новая Запись"
    finally:
        reg.lock()
    again = Registry.unlock(root, PASSPHRASE)
    try:
        assert schema.version(again.store.conn) == schema.LATEST
        assert again.store.counts()["person"] == 3
    finally:
        again.lock()


def test_fixture_itself_is_schema_v1(tmp_path: Path) -> None:
    from registry.store import db
    from registry.vault import keyfile

    root = _copy(tmp_path)
    key = keyfile.unseal(root / "vault.key", PASSPHRASE)[0]
    conn = db.connect(root / "registry.db", key)
    try:
        assert schema.version(conn) == 1
    finally:
        conn.close()
