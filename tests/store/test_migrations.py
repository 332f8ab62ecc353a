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
        assert {"bundle_import", "bundle_export", "decision", "field_receipt",
                "masked_value"} <= tables
        history = {r[1] for r in reg.store.conn.execute("PRAGMA table_info(field_history)")}
        assert "received_import" in history  # v6: who had brought a replaced value
        receipts = {r[1] for r in reg.store.conn.execute("PRAGMA table_info(field_receipt)")}
        assert "rule" in receipts  # v21: a value the protection rule set here
        schema._v21(reg.store.conn)  # a second run adds nothing (as v18 and v20)
        assert "duplicate_decision" not in tables
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


def test_v4_moves_local_duplicate_decisions_into_shared_records(tmp_path: Path) -> None:
    """Decisions kept by a v2/v3 vault become ``decision`` records that travel in bundles."""
    from registry.domain.ids import decision_id
    from registry.match import review
    from registry.store import db
    from registry.vault import keyfile

    root = _copy(tmp_path)
    key = keyfile.unseal(root / "vault.key", PASSPHRASE)[0]
    conn = db.connect(root / "registry.db", key)
    for number, step in enumerate(schema.MIGRATIONS[1:3], start=2):  # up to v3, by hand
        conn.execute("BEGIN")
        for statement in schema._statements(step):  # type: ignore[arg-type]
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    people = [r[0] for r in conn.execute("SELECT id FROM person ORDER BY id LIMIT 2")]
    conn.execute("INSERT INTO duplicate_decision VALUES (?, ?, 'not_same', '2026-01-01', 'x')",
                 sorted(people))
    conn.close()
    reg = Registry.unlock(root, PASSPHRASE)
    try:
        kept = review.decisions(reg)
        assert [(d.a, d.b, d.decision) for d in kept] == [(*sorted(people), "not_same")]
        record = reg.store.get(decision_id(*people), Kind.DECISION)
        assert record is not None and record.stamps["decision"].origin == reg.identity.fingerprint
        assert reg.check() == []
    finally:
        reg.lock()
