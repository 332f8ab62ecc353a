"""Protection notices held for records this vault (**R**) does not hold yet (DESIGN §6.4.2).

A held notice remembers who sent it and in which import (schema v13): when its record
arrives the raise is credited to that sender, not to whoever brought the record (§6.5.1); a
revert or a quarantine of that sender takes it away (§6.5.9); and it never blocks an honest
record: one that named another kind than the record arrives as is discarded, reported and
audited, and the record imports (§6.5.8). Bundles are forged with a trusted, verified
colleague's (**C**) real keys; **A** is an honest colleague.
"""

from __future__ import annotations

import json
from pathlib import Path

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.service import Registry
from registry.store import schema
from registry.sync import importer, wire
from tests.passphrase import PASSPHRASE

from .forge import forge, stamp
from .test_signatures import decrypt_payload
from .vaults import before_v14, person, receive, send

LEGACY = "CREATE TABLE held_notice (record_id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, " \
         "line TEXT NOT NULL) WITHOUT ROWID"  # as schema v5 made it


def notice(record_id: str, kind: Kind, level: str, by: Stamp) -> dict[str, object]:
    return wire.notice_line(record_id, kind, {"sensitivity": level}, {"sensitivity": by})


def held_rows(reg: Registry) -> list[tuple[str, str, str | None, str | None]]:
    """The notices waiting (not those discarded: see ``discarded_rows``)."""
    return [tuple(r) for r in reg.store.conn.execute(
        "SELECT record_id, kind, sender, import_id FROM held_notice WHERE discarded_by IS NULL "
        "ORDER BY id")]


def discarded_rows(reg: Registry) -> list[tuple[str, str, str]]:
    """Notices discarded as their record arrived as another kind, and the import that brought
    it: kept for a quarantine that removes that record (``quarantine._hold_again``)."""
    return [tuple(r) for r in reg.store.conn.execute(
        "SELECT record_id, kind, discarded_by FROM held_notice WHERE discarded_by IS NOT NULL "
        "ORDER BY id")]


def audited(reg: Registry, action: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in reg.store.conn.execute(
        "SELECT record_id, kind FROM audit WHERE action = ? ORDER BY seq", (action,))]


# ---- §6.5.8: a held notice never blocks an honest record ----------------------------------------
def test_a_held_notice_of_another_kind_is_discarded_and_the_record_imports(
        rca, tmp_path: Path) -> None:
    r, c, a = rca
    x = person(a, "Пётр Открытый", city="Berlin")  # A's person, not yet at R
    planted = forge(c, r, tmp_path / "c.rbundle", [],
                    [notice(x, Kind.ORGANISATION, "confidential", stamp(c))])
    [kept] = receive(r, planted)
    assert kept.notices_held == [x]
    honest = send(a, [r], tmp_path / "a.rbundle")
    [planned] = receive(r, honest, dry_run=True)  # the dry run says so, and writes nothing
    assert held_rows(r) == [(x, "organisation", c.identity.fingerprint, kept.import_id)]
    [done] = receive(r, honest)
    assert done.counts["new"] == 1
    discarded = {"id": x, "kind": "organisation", "sender": c.identity.fingerprint,
                 "import_id": kept.import_id, "reason": importer.ANOTHER_KIND}
    assert planned.notices_discarded == done.notices_discarded == [discarded]
    assert done.to_json()["protection"]["held_discarded"] == [discarded]
    assert r.get(x).values["sensitivity"] == "internal"  # nothing of the notice applied
    assert held_rows(r) == [] and audited(r, "discard_held_notice") == [(x, "organisation")]
    assert discarded_rows(r) == [(x, "organisation", done.import_id)]


def test_a_held_notice_of_the_right_kind_applies_on_arrival(rca, tmp_path: Path) -> None:
    """The control: the same notice naming the person's kind raises it when it arrives."""
    r, c, a = rca
    x = person(a, "Пётр Открытый", city="Berlin")
    receive(r, forge(c, r, tmp_path / "c.rbundle", [],
                     [notice(x, Kind.PERSON, "confidential", stamp(c))]))
    [done] = receive(r, send(a, [r], tmp_path / "a.rbundle"))
    assert done.counts["new"] == 1 and done.notices_discarded == []
    assert r.get(x).values["sensitivity"] == "confidential"
    assert held_rows(r) == [] and audited(r, "discard_held_notice") == []


# ---- §6.5.1: provenance names who sent the notice -----------------------------------------------
def test_a_held_notice_applied_on_arrival_is_credited_to_its_own_sender(
        rca, tmp_path: Path) -> None:
    r, c, a = rca
    x = person(a, "Пётр Открытый", city="Berlin")
    [by_c] = receive(r, forge(c, r, tmp_path / "c.rbundle", [],
                              [notice(x, Kind.PERSON, "confidential", stamp(c))]))
    [by_a] = receive(r, send(a, [r], tmp_path / "a.rbundle"))
    prov = r.provenance(r.get(x))
    assert prov["sensitivity"]["received_from"] == c.identity.fingerprint
    assert prov["sensitivity"]["import_id"] == by_c.import_id
    assert prov["name"]["received_from"] == a.identity.fingerprint  # the record: A's bundle
    assert prov["name"]["import_id"] == by_a.import_id
    [entry] = [h for h in r.store.history(x) if h["field"] == "sensitivity"]
    assert entry["replaced_by_sender"] == c.identity.fingerprint
    assert entry["origin"] == a.identity.fingerprint and entry["value"] == "internal"


# ---- §6.5.9: revert and quarantine take the sender's held notices away ---------------------------
def test_drop_held_notices_drops_one_senders_notices_since_a_date(rca, tmp_path: Path) -> None:
    r, c, a = rca
    x = person(a, "Пётр Открытый", city="Berlin")
    y = person(c, "Вера Ли")  # C's person, not yet at R
    receive(r, forge(c, r, tmp_path / "c.rbundle", [],
                     [notice(x, Kind.PERSON, "confidential", stamp(c))]))
    receive(r, forge(a, r, tmp_path / "a.rbundle", [],
                     [notice(x, Kind.PERSON, "protected", stamp(a)),
                      notice(y, Kind.PERSON, "confidential", stamp(a))]))
    fp_c, fp_a = c.identity.fingerprint, a.identity.fingerprint
    assert [(rid, who) for rid, _, who, _ in held_rows(r)] == [(x, fp_c), (x, fp_a), (y, fp_a)]
    with r.store.write():
        assert importer.drop_held_notices(r.store, fp_c, "2999-01-01T00:00:00+00:00") == 0
        assert importer.drop_held_notices(r.store, fp_c, "2000-01-01T00:00:00+00:00") == 1
    assert [(rid, who) for rid, _, who, _ in held_rows(r)] == [(x, fp_a), (y, fp_a)]
    with r.store.write():
        assert importer.drop_held_notices(r.store, fp_a) == 2
    assert held_rows(r) == []


def test_reverting_an_import_takes_its_held_notices_with_it(rca, tmp_path: Path) -> None:
    r, c, a = rca
    x = person(a, "Пётр Открытый", city="Berlin")
    y = person(a, "Вера Ли")
    [first] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [],
                               [notice(x, Kind.PERSON, "confidential", stamp(c))]))
    [second] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [],
                                [notice(y, Kind.PERSON, "confidential", stamp(c))]))
    assert first.import_id is not None
    r.sharing.revert(first.import_id)
    assert [rid for rid, *_ in held_rows(r)] == [y]  # the other import's notice stays
    receive(r, send(a, [r], tmp_path / "a.rbundle"))
    assert r.get(x).values["sensitivity"] == "internal"
    assert r.get(y).values["sensitivity"] == "confidential"
    assert r.provenance(r.get(y))["sensitivity"]["import_id"] == second.import_id


# ---- schema v13 ---------------------------------------------------------------------------------
def test_notices_held_before_v13_move_over_and_apply_unless_they_name_this_vault(
        rca, tmp_path: Path) -> None:
    """A vault of schema v12 keeps one row per record with no sender. After the upgrade they
    wait as before (credited, as before, to the import that brings the record); one that
    names this vault — held before §6.5.2 covered notices — is discarded on arrival."""
    r, c, a = rca
    x, y = person(a, "Пётр Открытый"), person(a, "Вера Ли")
    old = [notice(x, Kind.PERSON, "confidential", stamp(c)),
           notice(y, Kind.PERSON, "confidential", Stamp(r.store.clock.last,
                                                        r.identity.fingerprint))]
    conn = r.store.conn
    conn.execute("DROP TABLE held_notice")
    conn.execute(LEGACY)
    conn.executemany("INSERT INTO held_notice VALUES (?, 'person', ?)",
                     [(line["id"], json.dumps(line)) for line in old])
    before_v14(conn)
    conn.execute("PRAGMA user_version = 12")
    r.lock()
    r = Registry.unlock(tmp_path / "R", PASSPHRASE)
    try:
        assert schema.version(r.store.conn) == schema.LATEST
        assert sorted(held_rows(r)) == sorted([(x, "person", None, None),
                                               (y, "person", None, None)])
        [done] = receive(r, send(a, [r], tmp_path / "a.rbundle"))
        assert done.counts["new"] == 2
        assert r.get(x).values["sensitivity"] == "confidential"
        assert r.provenance(r.get(x))["sensitivity"]["import_id"] == done.import_id
        assert r.get(y).values["sensitivity"] == "internal"
        assert [(d["id"], d["reason"]) for d in done.notices_discarded] == [
            (y, importer.NAMES_THIS_VAULT)]
        assert held_rows(r) == []
    finally:
        r.lock()


def test_quarantine_drops_the_notices_a_revoked_official_left_waiting(
        rca, tmp_path: Path) -> None:
    """C plants a notice for A's person X, not yet at R; R revokes C with --revert-since:
    the notice goes with C's other held changes, and X then arrives as A made it. The
    control: a notice of A's own, waiting beside it, stays."""
    r, c, a = rca
    x, y = person(a, "Пётр Открытый"), person(a, "Павел Второй")
    receive(r, forge(c, r, tmp_path / "c.rbundle", [],
                     [notice(x, Kind.PERSON, "confidential", stamp(c))]))
    receive(r, forge(a, r, tmp_path / "a0.rbundle", [],
                     [notice(y, Kind.PERSON, "confidential", stamp(a))]))
    assert [row[0] for row in held_rows(r)] == [x, y]
    report = r.sharing.quarantine(c.identity.fingerprint, "2000-01-01")
    assert report.notices_dropped == 1 and report.to_json()["held_notices_dropped"] == 1
    assert [row[0] for row in held_rows(r)] == [y]
    receive(r, send(a, [r], tmp_path / "a.rbundle"))
    assert r.get(x).values["sensitivity"] == "internal"
    assert r.get(y).values["sensitivity"] == "confidential"


def test_quarantine_keeps_a_waiting_raise_another_trusted_official_stamped(
        rca, tmp_path: Path) -> None:
    """C relays A's inside-Russia notice for Dina before A's own arrives (each sender's
    waiting notices are kept apart); R revokes C with --revert-since. A's raise, stamped by
    A whom R still trusts, keeps waiting — in C's row too — and applies when she arrives:
    she never leaves R in a default bundle."""
    r, c, a = rca
    dina = person(a, "Дина Орлова", city="Kazan")
    first = send(a, [r], tmp_path / "a1.rbundle")  # R has not imported it yet
    a.update(dina, {"inside_russia": True})
    own = a.get(dina)
    fields = ("inside_russia", "sensitivity")
    relayed = wire.notice_line(dina, Kind.PERSON, {f: own.values[f] for f in fields},
                               {f: own.stamps[f] for f in fields})
    receive(r, forge(c, r, tmp_path / "c.rbundle", [], [relayed]))
    [report] = receive(r, send(a, [r], tmp_path / "a2.rbundle", notices_only=True))
    assert report.notices_held == [dina] and len(held_rows(r)) == 2  # C's row, and A's
    quarantined = r.sharing.quarantine(c.identity.fingerprint, "2000-01-01")
    assert quarantined.notices_dropped == 0 and len(held_rows(r)) == 2
    receive(r, first)
    assert r.get(dina).values["inside_russia"] is True
    out = send(r, [a], tmp_path / "r.rbundle")
    assert dina not in {line.get("id") for line in decrypt_payload(out, a)
                        if "notice" not in line}  # her record line stays home


def test_dropping_a_senders_notices_keeps_the_fields_a_keeper_stamped(
        rca, tmp_path: Path) -> None:
    """One waiting notice, one field stamped by A and one by C: dropping C's notices with A
    among the keepers leaves A's field alone; with none, the notice goes whole."""
    r, c, a = rca
    x = person(a, "Пётр Открытый")
    mixed = wire.notice_line(x, Kind.PERSON, {"inside_russia": True,
                                              "sensitivity": "confidential"},
                             {"inside_russia": stamp(a), "sensitivity": stamp(c)})
    receive(r, forge(c, r, tmp_path / "c.rbundle", [], [mixed]))
    with r.store.write():
        assert importer.drop_held_notices(r.store, c.identity.fingerprint,
                                          keepers={a.identity.fingerprint}) == 0
    [(line,)] = r.store.conn.execute("SELECT line FROM held_notice").fetchall()
    assert json.loads(line)["values"] == {"inside_russia": True}
    with r.store.write():
        assert importer.drop_held_notices(r.store, c.identity.fingerprint) == 1
    assert held_rows(r) == []


def test_notices_for_one_record_are_held_together_each_field_at_its_maximum(
        rca, tmp_path: Path) -> None:
    """C and A each send a notice for X before R holds it: both wait, one row each; a later
    notice that raises nothing beyond them is not kept again, even in a bundle that brings
    other changes; X then arrives and takes the highest level."""
    r, c, a = rca
    x = person(a, "Пётр Открытый")
    receive(r, forge(c, r, tmp_path / "c1.rbundle", [],
                     [notice(x, Kind.PERSON, "confidential", stamp(c))]))
    receive(r, forge(a, r, tmp_path / "a1.rbundle", [],
                     [notice(x, Kind.PERSON, "protected", stamp(a))]))
    assert [row[2] for row in held_rows(r)] == [c.identity.fingerprint, a.identity.fingerprint]
    other = person(c, "Павел Новый")
    [again] = receive(r, forge(c, r, tmp_path / "c2.rbundle", [c.get(other)],
                               [notice(x, Kind.PERSON, "confidential", stamp(c))]))
    assert again.counts["new"] == 1 and len(held_rows(r)) == 2  # nothing new held
    receive(r, send(a, [r], tmp_path / "a2.rbundle"))
    assert r.get(x).values["sensitivity"] == "protected" and held_rows(r) == []


def test_notices_held_one_after_another_say_together_the_most_of_each_field(
        rca, tmp_path: Path) -> None:
    """C's notices for X, not here, come in three bundles: confidential, then inside Russia,
    then confidential again (no raise over what waits: not kept twice). What waits is read
    together, each field at its most, and X arrives with both raises."""
    r, c, a = rca
    x = person(a, "Пётр Открытый", city="Berlin")
    lines = [notice(x, Kind.PERSON, "confidential", stamp(c)),
             wire.notice_line(x, Kind.PERSON, {"inside_russia": True},
                              {"inside_russia": stamp(c)}),
             notice(x, Kind.PERSON, "confidential", stamp(c))]
    kept = [receive(r, forge(c, r, tmp_path / f"n{n}.rbundle", [], [line]))[0]
            for n, line in enumerate(lines)]
    assert [k.notices_held for k in kept[:2]] == [[x], [x]] and kept[2].import_id is None
    assert len(held_rows(r)) == 2  # the third raised nothing over the first two
    receive(r, send(a, [r], tmp_path / "a.rbundle"))
    values = r.get(x).values
    assert values["sensitivity"] == "confidential" and values["inside_russia"] is True
    assert held_rows(r) == []
