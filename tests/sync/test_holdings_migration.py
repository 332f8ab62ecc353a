"""Schema v12: ``sent_record`` (who holds what, DESIGN §6.4.2) moves to numbered holders.

A vault of schema v11 with real holdings (records it sent, records a colleague sent it)
upgrades with every row as it was, readable through ``sent_record`` as before, and keeps
working: a raised protection still reaches whoever holds the record.
"""

from __future__ import annotations

from pathlib import Path

from registry.domain.enums import Kind
from registry.service import Registry
from registry.store import schema
from tests.passphrase import PASSPHRASE

from .vaults import before_v14, introduce, make_vault, person, receive, send

_ROWS = "SELECT recipient, record_id, kind, level, inside FROM sent_record ORDER BY 1, 2"


def as_v11(reg: Registry) -> None:
    """Put the vault's holdings back into the v11 table (with bundle ids, as v11 wrote
    them) and mark the schema v11, as a vault written by the previous version is."""
    conn = reg.store.conn
    rows = conn.execute(_ROWS).fetchall()
    conn.execute("DROP VIEW sent_record")
    conn.execute("DROP TABLE holding")
    conn.execute("DROP TABLE holder")
    create, index = [s for s in schema._statements(schema.V5) if "sent_record" in s]
    conn.execute(create)
    conn.execute(index)
    conn.executemany("INSERT INTO sent_record VALUES (?, ?, ?, ?, ?, 'b-first', 'b-last')", rows)
    before_v14(conn)
    conn.execute("PRAGMA user_version = 11")


def test_a_v11_vault_keeps_every_holding_and_its_notices(tmp_path: Path) -> None:
    alice, bob, carol = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol"))
    introduce(alice, bob, carol)
    anna = person(alice, "Анна Смирнова", sensitivity="internal")
    org = alice.add(Kind.ORGANISATION, {"name": "Медиазона", "type": "media"}).id
    alice.add(Kind.TIE, {"from_id": anna, "to_id": org, "kind": "member_of"})
    receive(bob, send(alice, [bob], tmp_path / "1.rbundle"))
    receive(carol, send(alice, [carol], tmp_path / "2.rbundle"))
    receive(alice, send(bob, [alice], tmp_path / "3.rbundle"))  # Bob holds what he sent
    before = alice.store.conn.execute(_ROWS).fetchall()
    assert {r[0] for r in before} == {bob.identity.fingerprint, carol.identity.fingerprint}
    assert len(before) == 6
    digest = alice.digest()
    as_v11(alice)
    alice.lock()
    alice = Registry.unlock(tmp_path / "Alice", PASSPHRASE)
    try:
        conn = alice.store.conn
        assert schema.version(conn) == schema.LATEST
        assert conn.execute(_ROWS).fetchall() == before
        assert conn.execute("SELECT count(*) FROM holder").fetchone()[0] == 2
        assert "first_bundle" not in {r[1] for r in conn.execute("PRAGMA table_info(holding)")}
        assert alice.digest() == digest == bob.digest()
        assert [h.key for h in alice.shared_with(anna)] == sorted(
            [bob.identity.fingerprint, carol.identity.fingerprint])
        alice.update(anna, {"inside_russia": True})  # both holders must hear of it
        for holder, name in ((bob, "4"), (carol, "5")):
            [report] = receive(holder, send(alice, [holder], tmp_path / f"{name}.rbundle"))
            assert anna in report.protection_raised
            assert holder.get(anna).values["inside_russia"] is True
        after = {(r[0], r[1]) for r in conn.execute(_ROWS)}
        assert {(r[0], r[1]) for r in before} <= after  # nobody is forgotten
    finally:
        for reg in (alice, bob, carol):
            reg.lock()
