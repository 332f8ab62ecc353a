"""The records an import created are rows of ``import_created`` (schema v28, DESIGN §6.5.7),
not a list in its log's counts: a large bundle's list was one text of some 40 bytes an id,
written at the end of the import and read back whole by every history listing."""

from __future__ import annotations

import json
from pathlib import Path

from registry.service import Registry
from registry.store import schema
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, make_vault, person, receive, send


def _created(vault: Registry, import_id: str) -> set[str]:
    return {str(r[0]) for r in vault.store.conn.execute(
        "SELECT record_id FROM import_created WHERE import_id = ?", (import_id,))}


def test_a_vault_of_schema_27_keeps_what_its_imports_created(tmp_path: Path) -> None:
    """A vault whose import log still lists the records created (schema 27) opens with them
    as rows, the list gone from the log; undoing the import deletes them. Before that, the
    import of today logs them as rows and lists none."""
    a, r = make_vault(tmp_path, "A"), make_vault(tmp_path, "R")
    introduce(a, r)
    made = {person(a, "Анна Петрова"), person(a, "Борис Сидоров")}
    [report] = receive(r, send(a, [r], tmp_path / "a.rbundle"))
    import_id = str(report.import_id)
    assert _created(r, import_id) == made
    conn = r.store.conn
    (counts,) = conn.execute("SELECT counts FROM bundle_import WHERE import_id = ?",
                             (import_id,)).fetchone()
    assert "created" not in json.loads(counts)
    with r.store.write():  # as schema 27 kept it
        conn.execute("UPDATE bundle_import SET counts = json_set(counts, '$.created', json(?))",
                     (json.dumps(sorted(made)),))
        conn.execute("DROP TABLE import_created")
    conn.execute("PRAGMA user_version = 27")
    r.lock()
    again = Registry.unlock(r.paths.root, PASSPHRASE)
    try:
        assert schema.version(again.store.conn) == schema.LATEST
        assert _created(again, import_id) == made
        (counts,) = again.store.conn.execute("SELECT counts FROM bundle_import").fetchone()
        assert "created" not in json.loads(counts) and json.loads(counts)["new"] == 2
        assert again.sharing.revert(import_id).deleted_records == 2
        assert all(again.get(i).deleted for i in made)
    finally:
        again.lock()
