"""Schema and versioned migrations. ``PRAGMA user_version`` holds the version.

Each migration is frozen SQL (never generated from the current specs), so a vault made by
any released version upgrades step by step; ``tests/store/test_migrations.py`` upgrades a
stored fixture of the first schema.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from registry.errors import VaultError
from registry.store import db

Connection = Any

V1 = """
CREATE TABLE person (
    id TEXT PRIMARY KEY NOT NULL,
    "sensitivity" INTEGER,
    "deleted" INTEGER,
    "merged_into" TEXT,
    "name" TEXT,
    "name_latin" TEXT,
    "aliases" TEXT,
    "gender" TEXT,
    "ethnicity" TEXT,
    "groups" TEXT,
    "roles" TEXT,
    "region" TEXT,
    "country" TEXT,
    "city" TEXT,
    "inside_russia" INTEGER,
    "languages" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "signal" TEXT,
    "telegram" TEXT,
    "other_contact" TEXT,
    "notes" TEXT,
    "legal_basis" TEXT,
    "review_date" TEXT,
    stamps TEXT NOT NULL DEFAULT '[]',
    erased TEXT,
    updated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE organisation (
    id TEXT PRIMARY KEY NOT NULL,
    "sensitivity" INTEGER,
    "deleted" INTEGER,
    "merged_into" TEXT,
    "name" TEXT,
    "name_latin" TEXT,
    "aliases" TEXT,
    "type" TEXT,
    "founded" INTEGER,
    "relocated" INTEGER,
    "country" TEXT,
    "host_countries" TEXT,
    "city" TEXT,
    "themes" TEXT,
    "regions_covered" TEXT,
    "languages" TEXT,
    "reach" INTEGER,
    "reach_metric" TEXT,
    "reach_as_of" TEXT,
    "website" TEXT,
    "notes" TEXT,
    stamps TEXT NOT NULL DEFAULT '[]',
    erased TEXT,
    updated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tie (
    id TEXT PRIMARY KEY NOT NULL,
    "sensitivity" INTEGER,
    "deleted" INTEGER,
    "merged_into" TEXT,
    "from_id" TEXT,
    "to_id" TEXT,
    "kind" TEXT,
    "role" TEXT,
    "start" TEXT,
    "end" TEXT,
    "confidence" TEXT,
    "source" TEXT,
    "notes" TEXT,
    stamps TEXT NOT NULL DEFAULT '[]',
    erased TEXT,
    updated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE support (
    id TEXT PRIMARY KEY NOT NULL,
    "sensitivity" INTEGER,
    "deleted" INTEGER,
    "merged_into" TEXT,
    "provider_id" TEXT,
    "recipient_id" TEXT,
    "kind" TEXT,
    "status" TEXT,
    "start" TEXT,
    "end" TEXT,
    "amount" REAL,
    "currency" TEXT,
    "horizon" TEXT,
    "notes" TEXT,
    stamps TEXT NOT NULL DEFAULT '[]',
    erased TEXT,
    updated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE event (
    id TEXT PRIMARY KEY NOT NULL,
    "sensitivity" INTEGER,
    "deleted" INTEGER,
    "merged_into" TEXT,
    "title" TEXT,
    "start" TEXT,
    "end" TEXT,
    "place" TEXT,
    "country" TEXT,
    "organiser_id" TEXT,
    "participants" TEXT,
    "notes" TEXT,
    stamps TEXT NOT NULL DEFAULT '[]',
    erased TEXT,
    updated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE evaluation (
    id TEXT PRIMARY KEY NOT NULL,
    "sensitivity" INTEGER,
    "deleted" INTEGER,
    "merged_into" TEXT,
    "subject_id" TEXT,
    "date" TEXT,
    "assessor" TEXT,
    "assessor_name" TEXT,
    "score_1" INTEGER,
    "score_2" INTEGER,
    "score_3" INTEGER,
    "evidence_1" TEXT,
    "evidence_2" TEXT,
    "evidence_3" TEXT,
    stamps TEXT NOT NULL DEFAULT '[]',
    erased TEXT,
    updated INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX person_name ON person(name COLLATE NOCASE);
CREATE INDEX person_country ON person(country);
CREATE INDEX person_region ON person(region);
CREATE INDEX person_updated ON person(updated);
CREATE INDEX organisation_name ON organisation(name COLLATE NOCASE);
CREATE INDEX organisation_type ON organisation(type);
CREATE INDEX organisation_updated ON organisation(updated);
CREATE INDEX tie_from ON tie(from_id);
CREATE INDEX tie_to ON tie(to_id);
CREATE INDEX tie_updated ON tie(updated);
CREATE INDEX support_provider ON support(provider_id);
CREATE INDEX support_recipient ON support(recipient_id);
CREATE INDEX support_end ON support("end");
CREATE INDEX support_updated ON support(updated);
CREATE INDEX event_updated ON event(updated);
CREATE INDEX evaluation_subject ON evaluation(subject_id);
CREATE INDEX evaluation_updated ON evaluation(updated);

CREATE TABLE event_participant (
    event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL,
    PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
CREATE INDEX event_participant_person ON event_participant(person_id);

CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    org TEXT NOT NULL,
    country TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE official (
    fingerprint TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    org TEXT NOT NULL,
    country TEXT NOT NULL,
    minisign_public_key TEXT NOT NULL,
    age_recipient TEXT NOT NULL,
    trust TEXT NOT NULL DEFAULT 'unverified',
    verified_method TEXT,
    verified_at TEXT,
    card TEXT NOT NULL,
    added_at TEXT NOT NULL
);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_id TEXT,
    kind TEXT,
    fields TEXT NOT NULL DEFAULT '[]',
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE field_history (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT,
    hlc INTEGER NOT NULL,
    origin TEXT NOT NULL,
    replaced_by_hlc INTEGER NOT NULL,
    replaced_by_origin TEXT NOT NULL,
    import_id TEXT
);
CREATE INDEX field_history_record ON field_history(record_id);

CREATE TABLE search_doc (
    rowid INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL
);
CREATE VIRTUAL TABLE search_index USING fts5(
    terms, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4', detail = 'column'
);
"""

# v2: the sharing log (imports with their revert data, exports for --since-last), duplicate
# decisions, and saved spreadsheet column mappings.
V2 = """
CREATE TABLE bundle_import (
    import_id TEXT PRIMARY KEY NOT NULL,
    bundle_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    created_at TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    counts TEXT NOT NULL,
    reverted_at TEXT
);
CREATE INDEX bundle_import_bundle ON bundle_import(bundle_id);

CREATE TABLE bundle_export (
    bundle_id TEXT PRIMARY KEY NOT NULL,
    recipients TEXT NOT NULL,
    created_at TEXT NOT NULL,
    high_hlc INTEGER NOT NULL,
    settings TEXT NOT NULL,
    counts TEXT NOT NULL
);
CREATE INDEX bundle_export_recipients ON bundle_export(recipients, high_hlc);

CREATE TABLE duplicate_decision (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('same', 'not_same', 'unsure')),
    decided_at TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;

CREATE TABLE import_mapping (
    name TEXT PRIMARY KEY NOT NULL,
    mapping TEXT NOT NULL,
    saved_at TEXT NOT NULL
)
"""

# v3: partial indexes over live rows, ordered like each list's default sort: counts of live
# records and the first rows of a list read a small index instead of the whole table.
V3 = "\n".join(
    f"CREATE INDEX {t}_live ON {t}({c}, id) WHERE erased IS NULL AND coalesce(deleted, 0) = 0;"
    for t, c in (("person", "name COLLATE NOCASE"), ("organisation", "name COLLATE NOCASE"),
                 ("tie", "updated"), ("support", "updated"), ("event", "start"),
                 ("evaluation", "updated")))

# v4: duplicate decisions become shared records (kind "decision"), moved over from the
# local v2 table with this vault's identity as their author.
V4_TABLE = """
CREATE TABLE decision (
    id TEXT PRIMARY KEY NOT NULL,
    "sensitivity" INTEGER,
    "deleted" INTEGER,
    "merged_into" TEXT,
    "a_id" TEXT,
    "b_id" TEXT,
    "decision" TEXT,
    "decided_by" TEXT,
    "decided_by_name" TEXT,
    stamps TEXT NOT NULL DEFAULT '[]',
    erased TEXT,
    updated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX decision_pair ON decision(a_id, b_id);
CREATE INDEX decision_updated ON decision(updated);
CREATE INDEX decision_live ON decision(updated, id)
    WHERE erased IS NULL AND coalesce(deleted, 0) = 0
"""


def _v4(conn: Connection) -> None:
    import json

    from registry.domain.hlc import Clock
    from registry.domain.ids import decision_id

    for statement in _statements(V4_TABLE):
        conn.execute(statement)
    moved = conn.execute("SELECT a, b, decision FROM duplicate_decision").fetchall()
    conn.execute("DROP TABLE duplicate_decision")
    if not moved:
        return
    ident = conn.execute("SELECT fingerprint, name FROM identity").fetchone()
    row = conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
    clock = Clock(int(row[0]) if row else 0)
    fields = ["a_id", "b_id", "decided_by", "decided_by_name", "decision", "sensitivity"]
    for a, b, decision in moved:
        hlc = clock.tick()
        stamps = json.dumps([[hlc, ident[0], fields]], separators=(",", ":"))
        conn.execute(
            "INSERT INTO decision (id, sensitivity, a_id, b_id, decision, decided_by, "
            "decided_by_name, stamps, updated) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
            (decision_id(a, b), a, b, decision, ident[0], ident[1], stamps, hlc))
    conn.execute("INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE "
                 "SET value = excluded.value", (str(clock.last),))


# v5: protection across vaults (DESIGN §6.4). Which real record ids went to which recipient, at
# which level (protection notices follow them), and which pseudonyms went to which recipients
# (their stamps, their tombstones); notices that arrived before their record;
# local lowerings of protection (they do not travel, and an older raise does not undo them);
# the level an official gave a tie before the rule raised it for touching a protected person
# (what `include` holds against the ceiling);
# the protection a record had when it was erased (its tombstone's reach depends on it); and
# indexes to follow "same" groups.
V5 = """
CREATE TABLE sent_record (
    recipient TEXT NOT NULL,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    level INTEGER NOT NULL,
    inside INTEGER NOT NULL,
    first_bundle TEXT NOT NULL,
    last_bundle TEXT NOT NULL,
    PRIMARY KEY (recipient, record_id)
) WITHOUT ROWID;
CREATE INDEX sent_record_id ON sent_record(record_id);

CREATE TABLE held_notice (
    record_id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    line TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE protection_lowered (
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    seen_hlc INTEGER NOT NULL,
    seen_origin TEXT NOT NULL,
    lowered_at TEXT NOT NULL,
    PRIMARY KEY (record_id, field)
) WITHOUT ROWID;

CREATE TABLE pseudonym_sent (
    recipients TEXT NOT NULL,
    pseudo_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    digest TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    PRIMARY KEY (recipients, pseudo_id)
) WITHOUT ROWID;

CREATE TABLE own_level (
    record_id TEXT PRIMARY KEY NOT NULL,
    level INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE erased_protection (
    record_id TEXT PRIMARY KEY NOT NULL,
    level INTEGER NOT NULL,
    inside INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX person_merged ON person(merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX organisation_merged ON organisation(merged_into) WHERE merged_into IS NOT NULL
"""

# v6: provenance names the sender (DESIGN §6.5.1). ``field_receipt`` says which import brought
# each current field value: one row per record an import created (field '*': every field it
# arrived with), and per-field rows where a merge changed a record held here (they override
# '*'; import_id NULL: set here since, by a local edit). The sender is the import's signer
# (bundle_import.sender). Field history keeps, for each replaced value, the import that had
# brought it (received_import); the import that replaced it is its import_id.
V6 = """
CREATE TABLE field_receipt (
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    import_id TEXT,
    PRIMARY KEY (record_id, field)
) WITHOUT ROWID;

ALTER TABLE field_history ADD COLUMN received_import TEXT;

CREATE INDEX bundle_import_sender ON bundle_import(sender, imported_at)
"""

# v7: irreversible changes wait for the official (DESIGN §6.5.4). An erasure this vault may
# not apply at once (not signed by the record's creator nor by this vault, or from an origin
# it does not know) waits here with the wire line that asks for it, who sent it and whose
# stamp it bears, until the official accepts or declines it. A decided row stays (status
# 'accepted' or 'declined', decided_at), so that a replayed bundle does not ask again.
V7 = """
CREATE TABLE held_change (
    id TEXT PRIMARY KEY NOT NULL,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    change TEXT NOT NULL,
    line TEXT NOT NULL,
    stamp_hlc INTEGER NOT NULL,
    stamp_origin TEXT NOT NULL,
    sender TEXT NOT NULL,
    import_id TEXT,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'held',
    decided_at TEXT,
    UNIQUE (record_id, change, stamp_hlc, stamp_origin)
);
CREATE INDEX held_change_sender ON held_change(sender);
CREATE INDEX held_change_status ON held_change(status, received_at)
"""

# v8: signed tombstones and evaluations (DESIGN §6.5.3). The signature of each signed claim
# this vault holds (a deletion, an erasure, an evaluation's score or evidence), for the stamp
# it was made over: what lets a relayed change go on with its maker's signature. This vault's
# own existing claims are signed once the official's key is at hand (``OWN_CLAIMS_SIGNED``
# in meta; the store never holds the key).
V8 = """
CREATE TABLE record_sig (
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    origin TEXT NOT NULL,
    sig BLOB NOT NULL,
    PRIMARY KEY (record_id, field)
) WITHOUT ROWID
"""
OWN_CLAIMS_SIGNED = "own_claims_signed"

# v9: the ``updated`` indexes go. Every list reads live rows only and sorts them through the
# partial ``_live`` indexes of v3 (``tie_live`` is ``(updated, id)`` over the same rows), and
# nothing else filters or sorts on ``updated``: each was one more b-tree to write per record.
V9 = "\n".join(f"DROP INDEX IF EXISTS {t}_updated;" for t in (
    "person", "organisation", "tie", "support", "event", "evaluation", "decision"))

# v10: the name index. The sounds of the words that name a record (name, Latin name,
# aliases, an event's title; ``registry.match.translit.name_terms``), rowid for rowid with
# ``search_doc``: the search asks it first, so that a short prefix (``моро``) finds the
# people whose names begin with it rather than any record whose terms share its consonants.
# It is filled by the index rebuild (``Store.ensure_index``, index version 4).
V10 = """
CREATE VIRTUAL TABLE name_index USING fts5(
    terms, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4', detail = 'none'
)
"""

# v11: recovery shares (issue 15; registry.recovery). ``recovery_set``: the share sets this
# vault issued of its data key (one ``current`` at most; the others ``revoked`` with why), and
# ``recovery_custodian`` who holds each share ('paper' or a fingerprint) with the share file
# sealed to that colleague (kept to send again; it opens only with their key).
# ``recovery_held``: shares colleagues gave this vault to keep, as received (sealed to this
# vault's age key: the words are never stored in the clear). ``recovery_release``: the
# requests this vault answered, for the cooling-off period.
V11 = """
CREATE TABLE recovery_set (
    set_id TEXT PRIMARY KEY NOT NULL,
    generation INTEGER NOT NULL UNIQUE,
    key_id TEXT NOT NULL,
    threshold INTEGER NOT NULL,
    shares INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,
    revoked_at TEXT,
    revoked_reason TEXT
);
CREATE TABLE recovery_custodian (
    set_id TEXT NOT NULL REFERENCES recovery_set(set_id),
    member INTEGER NOT NULL,
    custodian TEXT NOT NULL,
    share_id TEXT NOT NULL UNIQUE,
    share_file BLOB,
    exported_at TEXT,
    PRIMARY KEY (set_id, member)
);
CREATE TABLE recovery_held (
    share_id TEXT PRIMARY KEY NOT NULL,
    owner TEXT NOT NULL,
    owner_name TEXT NOT NULL,
    vault_id TEXT NOT NULL,
    set_id TEXT NOT NULL,
    generation INTEGER NOT NULL,
    threshold INTEGER NOT NULL,
    shares INTEGER NOT NULL,
    issued_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL,
    share_file BLOB NOT NULL
);
CREATE INDEX recovery_held_vault ON recovery_held(vault_id, status);
CREATE TABLE recovery_release (
    request_id TEXT PRIMARY KEY NOT NULL,
    vault_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    share_id TEXT NOT NULL,
    released_at TEXT NOT NULL
);
CREATE INDEX recovery_release_vault ON recovery_release(vault_id, released_at)
"""

# v12: who holds what, in fewer pages (DESIGN §6.4.2). ``sent_record`` had a row per holder
# and record with the holder's 40-character fingerprint and two bundle ids nothing read: a
# bundle of 88,000 records wrote ~22 MB, a quarter of an importing vault's pages. Holders are
# numbered once (``holder``) and ``holding`` keeps (holder, record, kind, level, flag); every
# row moves over as it is. ``sent_record`` stays, as a view with the columns its readers use.
V12 = """
CREATE TABLE holder (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE
);
CREATE TABLE holding (
    holder INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    level INTEGER NOT NULL,
    inside INTEGER NOT NULL,
    PRIMARY KEY (holder, record_id)
) WITHOUT ROWID;
INSERT INTO holder (fingerprint) SELECT DISTINCT recipient FROM sent_record ORDER BY recipient;
INSERT INTO holding (holder, record_id, kind, level, inside)
    SELECT h.id, s.record_id, s.kind, s.level, s.inside FROM sent_record AS s
    JOIN holder AS h ON h.fingerprint = s.recipient ORDER BY h.id, s.record_id;
DROP TABLE sent_record;
CREATE INDEX holding_record ON holding(record_id);
CREATE VIEW sent_record (recipient, record_id, kind, level, inside) AS
    SELECT h.fingerprint, s.record_id, s.kind, s.level, s.inside
    FROM holding AS s JOIN holder AS h ON h.id = s.holder
"""

# v13: a held protection notice remembers who sent it (DESIGN §6.4.2, §6.5.1, §6.5.9). One
# row per import and record instead of one merged row per record: ``sender`` signed the
# bundle and ``import_id`` merged it, so the raise is credited to them when the record
# arrives, and a quarantine drops what a revoked official sent without touching what others
# sent. Rows kept before v13 move over as they are, sender and import unknown (NULL).
V13 = """
CREATE TABLE held_notice_v13 (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    line TEXT NOT NULL,
    sender TEXT,
    import_id TEXT
);
INSERT INTO held_notice_v13 (record_id, kind, line)
    SELECT record_id, kind, line FROM held_notice ORDER BY record_id;
DROP TABLE held_notice;
ALTER TABLE held_notice_v13 RENAME TO held_notice;
CREATE INDEX held_notice_record ON held_notice(record_id);
CREATE INDEX held_notice_sender ON held_notice(sender, import_id)
"""

# v14: mentions of a protected person outlive her erasure (DESIGN §6.4.6). Erasure takes her
# names, so the mention scan can no longer find the notes, titles and names elsewhere that
# name her; the fields that named her when she was erased here, now or in their history, are
# kept by record id and field name (never her name or the text), and exports leave them out
# as mentions from then on. And a held erasure declined because its sender had been revoked
# (the only answer the list allowed, DESIGN §6.5.3) says so (``forced``): the same erasure
# relayed by a trusted official is asked about again.
V14 = """
CREATE TABLE mention_mark (
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    PRIMARY KEY (record_id, field)
) WITHOUT ROWID;
ALTER TABLE held_change ADD COLUMN forced INTEGER NOT NULL DEFAULT 0
"""

# v15: protection another official sent that lost to the value held here (DESIGN §6.4.1,
# §6.5.9). When an import delivers a ``sensitivity``/``inside_russia`` under another stamp than
# the one held, and the held value stays (the same value under a newer stamp, or a higher
# one), nothing else keeps what was delivered. A quarantine of the official whose value stood
# would then lower the record below what a trusted colleague had sent: the person goes out by
# name in the next bundle. Kept per record, field, stamp and import, value as JSON.
V15 = """
CREATE TABLE masked_protection (
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    origin TEXT NOT NULL,
    import_id TEXT NOT NULL,
    PRIMARY KEY (record_id, field, hlc, origin, import_id)
) WITHOUT ROWID;
CREATE INDEX masked_protection_import ON masked_protection(import_id)
"""

# v16: a kept signature per stamp, not per field (DESIGN §6.5.3, §6.5.9). With one per field
# a newer claim's signature replaced the one of the claim it overwrote; when that value came
# back (a quarantine or an import's revert puts back the earlier stamp), this vault held a
# claim whose signature it no longer had, and left it home: a colleague's deletion, undone
# here by nobody, stopped travelling. Signatures carry no record content.
V16 = """
CREATE TABLE record_sig_v16 (
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    origin TEXT NOT NULL,
    sig BLOB NOT NULL,
    PRIMARY KEY (record_id, field, hlc, origin)
) WITHOUT ROWID;
INSERT INTO record_sig_v16 (record_id, field, hlc, origin, sig)
    SELECT record_id, field, hlc, origin, sig FROM record_sig;
DROP TABLE record_sig;
ALTER TABLE record_sig_v16 RENAME TO record_sig
"""

# v17: an erased record keeps no signature but its erasure's (DESIGN §6.1): one over a score,
# a subject or a text confirms, with the signer's public key, a guess of what was erased
V17 = """
DELETE FROM record_sig WHERE field != 'erased' AND record_id IN (
    SELECT id FROM person WHERE erased IS NOT NULL
    UNION ALL SELECT id FROM organisation WHERE erased IS NOT NULL
    UNION ALL SELECT id FROM tie WHERE erased IS NOT NULL
    UNION ALL SELECT id FROM support WHERE erased IS NOT NULL
    UNION ALL SELECT id FROM event WHERE erased IS NOT NULL
    UNION ALL SELECT id FROM evaluation WHERE erased IS NOT NULL
    UNION ALL SELECT id FROM decision WHERE erased IS NOT NULL)
"""

# v18: a protection notice discarded because its record arrived as another kind waits,
# marked with the import that brought that record (``discarded_by``), instead of going: when
# a quarantine removes that record, the notice waits again (DESIGN §6.5.9), as it does in a
# vault that never imported the revoked official's bundles. (A column is added once: the
# step may run again on a vault whose version was set back, as the tests of older steps do.)
def _v18(conn: Connection) -> None:
    if "discarded_by" not in {str(row[1]) for row in conn.execute(
            "PRAGMA table_info(held_notice)")}:
        conn.execute("ALTER TABLE held_notice ADD COLUMN discarded_by TEXT")


PSEUDONYM_META = "pseudonym_secret"  # the meta key of the vault's pseudonym secret (§6.4)


# v19: every vault holds its pseudonym secret from the start (it was made by the first
# export): the on-screen stand-in of a protected person ("Person #3FA9C2") is keyed with it.
# An unkeyed hash of the record id let anyone who holds the id (a colleague's vault, a bundle
# sent with protected people included) recognise her in a screenshot of the network view.
def _v19(conn: Connection) -> None:
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                 (PSEUDONYM_META, os.urandom(32).hex()))


# v20: the references a bundle replaced, found without reading the whole field history: a
# tie, support, event or evaluation moved off an actor keeps that actor's level, whichever
# came first, the move or her protection (``protection.moved_off``, DESIGN §6.4.1), and so do
# the two sides of a "same" link a bundle took away (``protection.unlinked``). Partial:
# only those fields' rows are indexed (``protection.ABOUT_TERM`` holds the same term). A
# local lowering of such a record keeps the levels of the actors it was moved off, as the
# official judged them (``moved_judged``, JSON): one protected more since counts again.
# ``split_link`` keeps pairs of actors one for their protection though no link joins them:
# a "same" link an import took away, and the records an erasure took a group's member from
# between (``Store._split``, ``Store._keep_group_together``). A value a revert or a
# quarantine put back is marked ``restored`` in field history: not the official's act, what
# it took away counts as a bundle's move would. (A column is added once, as in v18.)
def _v20(conn: Connection) -> None:
    conn.execute("CREATE INDEX IF NOT EXISTS field_history_about ON field_history(field, "
                 "record_id) WHERE field IN ('from_id', 'merged_into', 'organiser_id', "
                 "'participants', 'provider_id', 'recipient_id', 'subject_id', 'to_id')")
    conn.execute("CREATE TABLE IF NOT EXISTS split_link (a TEXT NOT NULL, b TEXT NOT NULL, "
                 "PRIMARY KEY (a, b)) WITHOUT ROWID")
    conn.execute("CREATE INDEX IF NOT EXISTS split_link_b ON split_link(b)")
    # the links imports took away before this step: the last change of each decides (one
    # the official made here does not count), and one that holds again is no split
    last: dict[tuple[str, str], bool] = {}
    for record_id, value, imported in conn.execute(
            "SELECT record_id, value, import_id IS NOT NULL FROM field_history WHERE "
            "field = 'merged_into' AND value IS NOT NULL ORDER BY id"):
        ref = json.loads(value)
        if isinstance(ref, str):
            last[str(record_id), ref] = bool(imported)
    for (rid, ref), imported in sorted(last.items()):
        held = conn.execute("SELECT merged_into FROM person WHERE id = ?1 UNION ALL SELECT "
                            "merged_into FROM organisation WHERE id = ?1", (rid,)).fetchone()
        if imported and held is not None and held[0] != ref:
            conn.execute("INSERT OR IGNORE INTO split_link (a, b) VALUES (?, ?)", (rid, ref))
    if "restored" not in {str(row[1]) for row in conn.execute("PRAGMA table_info(field_history)")}:
        conn.execute("ALTER TABLE field_history ADD COLUMN restored INTEGER")
    if "moved_judged" not in {str(row[1]) for row in conn.execute(
            "PRAGMA table_info(protection_lowered)")}:
        conn.execute("ALTER TABLE protection_lowered ADD COLUMN moved_judged TEXT")


# v21: a value a rule of this vault set here — the group's level or flag an import or an export
# made a record's own (``exporter.materialise``, ``keep_moved_off``), a tie raised at a flag,
# an erased person taken off an event — is marked ``rule`` in its receipt: not an edit of the
# official's, so a record a revoked official's bundles created, which only a rule changed
# since, still goes at their quarantine (DESIGN §6.5.9).
# ``own_level.since``: the clock value of the newest level the kept one took account of (an
# official's explicit level, a colleague's raise): a bundle sending an older one again
# changes nothing (``Store.raise_given``). ``known_by``: who was sent (or sent us) a record
# naming a person that is erased or removed here since — they know her id (ids only):
# a pseudonym of her is none to them (``exporter.known_to``).
def _v21(conn: Connection) -> None:
    if "rule" not in {str(row[1]) for row in conn.execute("PRAGMA table_info(field_receipt)")}:
        conn.execute("ALTER TABLE field_receipt ADD COLUMN rule INTEGER")
    if "since" not in {str(row[1]) for row in conn.execute("PRAGMA table_info(own_level)")}:
        conn.execute("ALTER TABLE own_level ADD COLUMN since INTEGER")
    conn.execute("CREATE TABLE IF NOT EXISTS known_by (person_id TEXT NOT NULL, holder TEXT NOT "
                 "NULL, PRIMARY KEY (person_id, holder)) WITHOUT ROWID")


# v22: who holds what, as a predecessor's bundle hands it to its successor (DESIGN §6.4.2,
# ``sync.inherit``): kept apart, per predecessor, until the successor's own official accepts
# the statement — only then does it become this vault's (``holding``, ``known_by``); a
# revocation of the predecessor drops it.
V22 = """
CREATE TABLE IF NOT EXISTS inherited_holding (
    predecessor TEXT NOT NULL,
    holder TEXT NOT NULL,
    record_id TEXT NOT NULL,
    known INTEGER NOT NULL,
    level INTEGER NOT NULL,
    inside INTEGER NOT NULL,
    PRIMARY KEY (predecessor, holder, record_id, known)
) WITHOUT ROWID;
"""

# v23: what a predecessor hands over is sealed (``sync.inherit``): what no record here opens
# when the successor's official accepts the statement stays, to be opened by records that
# arrive later — the key of the predecessor's seals says its statement was accepted. What
# the version before kept waiting was not sealed: the predecessor's next bundle hands it
# over again, sealed.
V23 = """
CREATE TABLE IF NOT EXISTS sealed_key (
    predecessor TEXT PRIMARY KEY,
    key BLOB NOT NULL
) WITHOUT ROWID;
DELETE FROM inherited_holding;
"""

# v24: who else stamped a record's required fields, though their stamp lost here to the one
# that stands (``store.creator``): a colleague relaying another's record first, under a newer
# stamp of their own, is not taken for its maker when the maker's copy comes (DESIGN §6.5.4)
V24 = """
CREATE TABLE IF NOT EXISTS required_origin (
    record_id TEXT NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (record_id, origin)
) WITHOUT ROWID;
"""

# v25: the real ids each line this vault sent to a holder named as it went — a tie's
# ends, a support's, an evaluation's subject, a decision's pair, an event's organiser and
# participants, a "same" link (``exporter.record_holdings``). They know those ids: a
# pseudonym's tombstone of one of them would pair with what they hold, and stays home
# (``exporter.sent_to_know``); of one they were never sent, it goes, whatever their copy of a
# record names here now. What was sent before this version was not kept: what they hold
# names here now, and whom ``known_by`` kept, stand for it (the side that pairs nothing).
_SENT_NAMING_FROM = (("tie", "from_id"), ("tie", "to_id"), ("support", "provider_id"),
                     ("support", "recipient_id"), ("evaluation", "subject_id"),
                     ("decision", "a_id"), ("decision", "b_id"), ("event", "organiser_id"),
                     ("person", "merged_into"), ("organisation", "merged_into"))


def _v25(conn: Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS sent_naming (holder TEXT NOT NULL, person_id TEXT "
                 "NOT NULL, PRIMARY KEY (holder, person_id)) WITHOUT ROWID")
    conn.execute("INSERT OR IGNORE INTO sent_naming (holder, person_id) SELECT holder, "
                 "person_id FROM known_by WHERE holder NOT LIKE 'co:%'")
    for table, column in _SENT_NAMING_FROM:
        conn.execute(
            f"INSERT OR IGNORE INTO sent_naming (holder, person_id) SELECT s.recipient, "  # noqa: S608
            f"t.{column} FROM sent_record AS s JOIN {table} AS t ON t.id = s.record_id "
            f"WHERE t.{column} IS NOT NULL")
    conn.execute("INSERT OR IGNORE INTO sent_naming (holder, person_id) SELECT s.recipient, "
                 "p.person_id FROM sent_record AS s JOIN event_participant AS p ON "
                 "p.event_id = s.record_id")


# v26: a signature kept for a claim whose origin is an official this vault does not know
# (nor is) was the sender's word for that official's change, not the official's own
# (``signatures._verified`` keeps only an origin's own since, or a pseudonym maker's, whose
# origins have 32 characters): passed on, it made a vault that knows the origin refuse this
# vault's bundles whole. Without it the change stays home, as one never signed does.
V26 = """
DELETE FROM record_sig WHERE length(origin) = 40
    AND origin NOT IN (SELECT fingerprint FROM official)
    AND origin NOT IN (SELECT fingerprint FROM identity);
"""

# v27: what an import delivered that lost here is kept for every field, not protection alone
# (DESIGN §6.5.9): a colleague's value that arrived first under a newer stamp masked an honest
# one, which nothing kept; quarantining that colleague then had nothing to put back, and the
# honest value, delivered again, lost again to theirs. The table is named for what it holds.
def _v27(conn: Connection) -> None:
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                              "type = 'table'")}
    if "masked_protection" in tables:  # else named so already (a step run again)
        conn.execute("ALTER TABLE masked_protection RENAME TO masked_value")
    conn.execute("DROP INDEX IF EXISTS masked_protection_import")
    conn.execute("CREATE INDEX IF NOT EXISTS masked_value_import ON masked_value(import_id)")


# v28: the records an import created are rows, not a list in its log's counts (DESIGN §6.5.7):
# the list of a large bundle's import was written, and read back by every history listing,
# as one text of some 40 bytes an id: importing 440,500 lines went over the 256 MB bound.
V28 = """
CREATE TABLE IF NOT EXISTS import_created (
    import_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (import_id, record_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO import_created (import_id, record_id)
    SELECT b.import_id, j.value FROM bundle_import AS b, json_each(b.counts, '$.created') AS j
    WHERE json_valid(b.counts) AND j.type = 'text';
UPDATE bundle_import SET counts = json_remove(counts, '$.created')
    WHERE json_valid(counts) AND json_type(counts, '$.created') IS NOT NULL;
"""

MIGRATIONS: list[str | Callable[[Connection], None]] = [V1, V2, V3, _v4, V5, V6, V7, V8,
                                                        V9, V10, V11, V12, V13, V14, V15,
                                                        V16, V17, _v18, _v19, _v20, _v21, V22,
                                                        V23, V24, _v25, V26, _v27, V28]
LATEST = len(MIGRATIONS)


def version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection) -> int:
    """Bring the schema to ``LATEST`` inside one transaction per step; return the old version.

    A new database (version 0) is made in one transaction: all of the schema or none of it,
    and one sync to disk rather than one a step."""
    start = version(conn)
    if start > LATEST:
        raise VaultError(f"This vault was made by a newer version of Registry (schema {start}; "
                         f"this version reads up to {LATEST}). Open it with that version or a "
                         "later one; nothing was changed.")
    steps = list(range(start + 1, LATEST + 1))
    batches = [steps] if start == 0 else [[number] for number in steps]
    for batch in batches:
        db.begin(conn)
        try:
            for number in batch:
                _run_step(conn, MIGRATIONS[number - 1])
                conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


def _run_step(conn: Connection, step: str | Callable[[Connection], None]) -> None:
    if isinstance(step, str):
        for statement in _statements(step):
            conn.execute(statement)
    else:
        step(conn)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (none of ours contains a ';' inside a literal)."""
    return [s.strip() for s in script.split(";") if s.strip()]
