"""Erasure leaves no trace: not in the database file, its WAL, the search and name indexes or
history."""

from __future__ import annotations

from pathlib import Path

from registry.domain.enums import Kind
from registry.match import translit
from registry.service import Registry
from registry.vault import keyfile
from tests.core.sqlcipher_pages import plaintext_pages
from tests.passphrase import PASSPHRASE

SECRET_NAME = "Зарема Стираемова"
SECRET_NOTE = "QQERASEMEPLEASE"
SECRET_MAIL = "erase.me.now@example.org"
OLD_NOTE = "QQOLDVERSIONNOTE"


def _traces(root: Path) -> dict[str, bool]:
    key = bytes(keyfile.unseal(root / "vault.key", PASSPHRASE)[0])
    plain = plaintext_pages(root / "registry.db", key)
    lowered = plain.lower()
    needles = [SECRET_NAME, SECRET_NOTE, SECRET_MAIL, OLD_NOTE,
               *translit.index_terms("Стираемова"),  # what the search index holds
               *translit.name_terms(SECRET_NAME)]  # what the name index holds
    return {s: s.encode() in plain or s.lower().encode() in lowered for s in needles}


def _populate(reg: Registry) -> str:
    others = [reg.add(Kind.PERSON, {"name": f"Сосед Номер{i}", "notes": "x" * 300})
              for i in range(50)]
    person = reg.add(Kind.PERSON, {"name": SECRET_NAME, "notes": OLD_NOTE,
                                   "email": SECRET_MAIL, "inside_russia": True})
    reg.update(person.id, {"notes": SECRET_NOTE})
    reg.add(Kind.TIE, {"from_id": others[0].id, "to_id": person.id, "kind": "contact_inside",
                       "notes": SECRET_NOTE})
    return person.id


def test_traces_are_visible_before_erasure(reg: Registry) -> None:
    """The detector works: before erasure every secret is found in the decrypted pages."""
    _populate(reg)
    reg.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    found = _traces(reg.paths.root)
    assert all(found.values()), found


def test_erase_removes_every_trace(reg: Registry) -> None:
    person = _populate(reg)
    assert reg.search("Стираемова")
    erased = reg.erase(person)
    assert len(erased) == 2  # the person and the tie that touched them
    found = _traces(reg.paths.root)
    assert not any(found.values()), found
    assert reg.search("Стираемова") == []
    assert reg.store.history(person) == []
    assert reg.check() == []


def test_erased_record_survives_reopen_blank(reg: Registry) -> None:
    person = _populate(reg)
    reg.erase(person)
    root = reg.paths.root
    reg.lock()
    again = Registry.unlock(root, PASSPHRASE)
    try:
        record = again.store.get(person)
        assert record is not None and record.erased is not None and record.values == {}
        assert not any(_traces(root).values())
    finally:
        again.lock()
