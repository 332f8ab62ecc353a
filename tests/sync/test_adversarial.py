"""A seized or careless colleague's laptop cannot rewrite your registry (issue 11, DESIGN §6.5).

Every attack is a bundle built with a trusted, verified colleague's real keys and the
project's own bundle writer (``forge.forge`` → ``container.write_bundle``): the lines are
forged, the bundle is well-signed, well-encrypted and addressed to the victim. Each attack
is refused (or held, or neutralised by the ratchet) with the victim's vault unchanged or its
protection intact, and each has a positive control: the same bundle without the forged part
is accepted and changes what it should — so a refusal is never just a broken bundle.

Cast: **R** is the receiving vault (the victim); **C** is a colleague R trusts and has
verified, whose laptop was seized (the attacker holds C's keys); **A** is another official
all of them trust; **D** is a third official R later exports to.

"Unchanged" is checked twice (:class:`Seal`):

* while the vault is open: ``digest()`` and a dump of every row of every table (FTS shadow
  tables, field history, audit log, held lists, clock included), so a failure says what moved;
* byte for byte on disk, with the vault **locked**: closing the last connection checkpoints
  the WAL into ``registry.db`` and removes ``-wal``/``-shm``, so the locked vault directory
  is just ``registry.db`` + ``vault.key`` and their bytes are compared (SHA-256). Locking and
  unlocking without writing leaves those bytes identical (checked by the seal itself before
  every attack), so any difference is the import's. The ``-shm`` index of an *open* vault
  changes on every read, which is why the open-vault comparison is the dump, not the files.
  For the command-line attacks the CLI process opens and closes the vault itself, and the
  directory is hashed before and after that process.

Memory (the "42 KB of newlines" and "2 GiB-inflating gzip" attacks) is measured in
``test_bounded_memory.py``: a child process refuses such well-signed bundles under 256 MB
(``resource.getrusage``), the vault stays byte-identical, and a real export imports in the
same child (the positive control). It is not repeated here.

Signed tombstones and evaluations (§6.5.3) and held erasures (§6.5.4) are tested as the
contract states them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.errors import BundleError, TrustError
from registry.service import Registry
from registry.sync import agecrypt, container, payload
from tests.conftest import Cli, CliResult
from tests.passphrase import PASSPHRASE

from .forge import forge, record, stamp
from .vaults import introduce, make_vault, person, receive, send

NAME, NOTES = "Ирина Волкова", "Ходит к брату в СИЗО-2 по вторникам"
MINUTE = 60_000 << 16  # one minute of hybrid logical clock


# ---- the unchanged state ----------------------------------------------------------------------
def dump(reg: Registry) -> dict[str, list[str]]:
    """Every row of every table (virtual ones and their shadow tables too), order-free."""
    conn = reg.store.conn
    names = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {n: sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{n}"'))
            for n in names}


def disk(root: Path) -> dict[str, str]:
    """SHA-256 of every file of a locked vault (no WAL or shared-memory file is left; the
    key file's lock, empty, stays)."""
    out = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.iterdir())}
    assert set(out) == {"registry.db", "vault.key", "vault.lock"}, out
    return out


@dataclass
class Seal:
    digest: str
    rows: dict[str, list[str]]
    files: dict[str, str]


@dataclass
class World:
    root: Path
    r: Registry
    c: Registry
    a: Registry

    @property
    def r_root(self) -> Path:
        return self.root / "R"

    def lock_r(self) -> dict[str, str]:
        self.r.lock()
        return disk(self.r_root)

    def open_r(self) -> Registry:
        self.r = Registry.unlock(self.r_root, PASSPHRASE)
        return self.r

    def seal(self) -> Seal:
        """R's state now, open and on disk; R is left open. R is first locked and reopened
        once, so that a one-time step of unlocking (a schema or data upgrade) is not taken
        for the import's doing; a second bare reopen must then change nothing."""
        self.lock_r()
        self.open_r()
        digest, rows = self.r.digest(), dump(self.r)
        files = self.lock_r()
        self.open_r()
        assert dump(self.r) == rows and self.lock_r() == files  # a bare reopen changes nothing
        self.open_r()
        return Seal(digest, rows, files)

    def unchanged(self, seal: Seal) -> None:
        """R is as sealed: digest, every row, and (locked) the bytes of its files."""
        assert self.r.digest() == seal.digest
        assert dump(self.r) == seal.rows
        assert self.lock_r() == seal.files
        self.open_r()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    r, c, a = (make_vault(tmp_path, n) for n in ("R", "C", "A"))
    introduce(r, c, a)
    w = World(tmp_path, r, c, a)
    yield w
    for v in (w.r, w.c, w.a):
        v.lock()


def ok(res: CliResult) -> str:
    assert res.code == 0, f"exit {res.code}: {res.err}"
    return res.out


def cli_refused(cli: Cli, w: World, bundle: Path, code: int, *extra: str) -> str:
    """Import ``bundle`` through ``registry bundle import`` into the locked R: refused with
    ``code``, R's files byte-identical. Returns the error message; R is left open."""
    before = w.lock_r()
    res = cli(w.r_root, "bundle", "import", *extra, str(bundle), passphrase=PASSPHRASE)
    assert res.code == code, f"exit {res.code}: {res.out}{res.err}"
    assert disk(w.r_root) == before
    w.open_r()
    return res.err


def cli_import(cli: Cli, w: World, *args: str) -> str:
    w.r.lock()
    try:
        return ok(cli(w.r_root, "bundle", "import", *args, passphrase=PASSPHRASE))
    finally:
        w.open_r()


def payload_of(path: Path, reg: Registry) -> bytes:
    """The decrypted, inflated payload of a bundle addressed to ``reg``."""
    opened = container.open_bundle(path)
    plain = agecrypt.decrypt(opened.payload, reg.official_keys.age_identity, max_size=1 << 26)
    header, lines = payload.decode(plain, max_uncompressed=1 << 26, max_line=1 << 20,
                                   max_lines=100_000)
    return json.dumps([header, *lines], ensure_ascii=False).encode()


def protected(reg: Registry, record_id: str) -> None:
    values = reg.get(record_id).values
    assert values["sensitivity"] == "protected" and values["inside_russia"] is True, values


# ---- 1. nobody speaks for this vault (§6.5.2) ---------------------------------------------------
def _own_claim(w: World, target: str, how: str) -> tuple[Record, Record]:
    """(forged, control): a line lowering ``target`` with stamps naming R's own fingerprint,
    beside a harmless change by C; the control is the same line without R's stamps."""
    mine = w.r.get(target).stamps["sensitivity"]
    claim = {"newer": Stamp(w.r.store.clock.last + MINUTE, mine.origin),  # beyond R's clock
             "held_stamp": mine}[how]  # the very stamp R holds, with another value
    by_c = stamp(w.c)
    forged = Record(target, Kind.PERSON,
                    {"sensitivity": "internal", "inside_russia": False, "city": "Tbilisi"},
                    {"sensitivity": claim, "inside_russia": claim, "city": by_c})
    return forged, Record(target, Kind.PERSON, {"city": "Tbilisi"}, {"city": by_c})


@pytest.mark.parametrize("how", ["newer", "held_stamp"])
def test_a_stamp_claiming_this_vault_lowering_a_protected_person_is_refused(
        world: World, tmp_path: Path, how: str) -> None:
    w = world
    victim = person(w.r, NAME, inside_russia=True, notes=NOTES, city="Kazan")
    forged, control = _own_claim(w, victim, how)
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle", [forged])
    good = forge(w.c, w.r, tmp_path / "good.rbundle", [control])
    seal = w.seal()
    with pytest.raises(TrustError, match="this vault never made") as refused:
        receive(w.r, bad)
    assert "nothing was changed" in str(refused.value)
    w.unchanged(seal)
    protected(w.r, victim)
    assert w.r.provenance(w.r.get(victim))["sensitivity"]["received_from"] is None
    d = make_vault(tmp_path, "D")  # R's next default export leaves the person home
    introduce(w.r, d)
    assert NAME.encode() not in payload_of(send(w.r, [d], tmp_path / "d.rbundle"), d)
    d.lock()

    report = receive(w.r, good)[0]  # positive control: without R's stamps it is accepted
    assert report.counts["changed"] == 1 and report.import_id
    assert w.r.get(victim).values["city"] == "Tbilisi"
    protected(w.r, victim)
    assert w.r.provenance(w.r.get(victim))["city"]["received_from"] == \
        w.c.identity.fingerprint


def test_a_new_record_claiming_to_be_made_by_this_vault_is_refused(world: World,
                                                                    tmp_path: Path) -> None:
    w = world
    ghost = Record("0190a000-0000-7000-8000-00000000abcd", Kind.PERSON,
                   {"name": "Подставной", "sensitivity": "public"},
                   dict.fromkeys(("name", "sensitivity"),
                                 Stamp(w.r.store.clock.last, w.r.identity.fingerprint)))
    seal = w.seal()
    with pytest.raises(TrustError, match="this vault never made"):
        receive(w.r, forge(w.c, w.r, tmp_path / "bad.rbundle", [ghost]))
    w.unchanged(seal)
    honest = Record(ghost.id, Kind.PERSON, ghost.values, dict.fromkeys(ghost.values,
                                                                      stamp(w.c)))
    report = receive(w.r, forge(w.c, w.r, tmp_path / "good.rbundle", [honest]))[0]
    assert report.counts["new"] == 1  # positive control: the same record in C's own name


def test_cli_refuses_a_stamp_claiming_this_vault_with_exit_4(world: World, cli: Cli,
                                                            tmp_path: Path) -> None:
    w = world
    victim = person(w.r, NAME, inside_russia=True, notes=NOTES, city="Kazan")
    forged, control = _own_claim(w, victim, "newer")
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle", [forged])
    good = forge(w.c, w.r, tmp_path / "good.rbundle", [control])
    seal = w.seal()
    err = cli_refused(cli, w, bad, 4)
    assert "this vault never made" in err and "nothing was changed" in err
    w.unchanged(seal)
    protected(w.r, victim)
    assert "Imported good.rbundle" in cli_import(cli, w, str(good))  # positive control
    assert w.r.get(victim).values["city"] == "Tbilisi"
    protected(w.r, victim)


# ---- 2. a relayed lowering: the ratchet (§6.4.1) -------------------------------------------------
def test_a_relayed_lowering_keeps_protection_and_the_next_export_leaves_the_person_home(
        world: World, tmp_path: Path) -> None:
    """C relays a change "made by A" that lowers a person A flagged. Relaying is legitimate,
    so the bundle is accepted, but protection merges as a maximum: the lowering is kept
    out, the rest of the line applies, and R's next default export to D omits the person."""
    w = world
    victim = person(w.a, NAME, inside_russia=True, notes=NOTES, city="Kazan")
    bystander = person(w.a, "Пётр Открытый", city="Berlin")
    receive(w.r, send(w.a, [w.r], tmp_path / "a.rbundle", ceiling="protected",
                      mode="include"))
    protected(w.r, victim)
    as_a = Stamp(w.a.store.clock.tick() + MINUTE, w.a.identity.fingerprint)
    relayed = Record(victim, Kind.PERSON,
                     {"sensitivity": "internal", "inside_russia": False, "city": "Tbilisi"},
                     dict.fromkeys(("sensitivity", "inside_russia", "city"), as_a))
    report = receive(w.r, forge(w.c, w.r, tmp_path / "relay.rbundle", [relayed]))[0]
    assert victim in report.protection_kept
    protected(w.r, victim)
    values = w.r.get(victim).values
    assert values["city"] == "Tbilisi"  # positive control: the unforged part of the line
    seen = w.r.provenance(w.r.get(victim))["city"]  # "set by A, received from C" (§6.5.1)
    assert (seen["origin"], seen["received_from"]) == (w.a.identity.fingerprint,
                                                       w.c.identity.fingerprint)

    d = make_vault(tmp_path, "D")
    introduce(w.r, d)
    sent = payload_of(send(w.r, [d], tmp_path / "d.rbundle"), d)
    assert victim.encode() not in sent
    assert NAME.encode() not in sent and NOTES.encode() not in sent
    assert "Пётр Открытый".encode() in sent and bystander.encode() in sent  # control
    d.lock()


# ---- 3. imports are checked like local edits (§6.5.5) --------------------------------------------
def _invalid(w: World) -> dict[str, tuple[str, Record]]:
    """Lines a local edit would refuse, each with the field its refusal must name. Every
    reference in them points at records R holds (sent by C before)."""
    p = person(w.c, "Анна Смирнова")
    org = w.c.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "human_rights"}).id
    tie = w.c.add(Kind.TIE, {"from_id": p, "to_id": org, "kind": "member_of"}).id
    event = w.c.add(Kind.EVENT, {"title": "Форум", "start": "2024-05-01"}).id
    level = {"sensitivity": "internal"}
    return {
        "tie_to_itself": ("from_id", record(w.c, Kind.TIE, {
            "from_id": p, "to_id": p, "kind": "colleague", **level})),
        "event_of_an_organisation_and_a_tie": ("participants", record(w.c, Kind.EVENT, {
            "title": "Встреча", "start": "2024-06-01", "participants": [org, tie], **level})),
        "person_without_name": ("name", record(w.c, Kind.PERSON, {"country": "DE", **level})),
        "person_with_empty_name": ("name", record(w.c, Kind.PERSON, {"name": None, **level})),
        "tie_to_an_event": ("to_id", record(w.c, Kind.TIE, {
            "from_id": p, "to_id": event, "kind": "colleague", **level})),
        "support_from_a_person": ("provider_id", record(w.c, Kind.SUPPORT, {
            "provider_id": p, "recipient_id": org, "kind": "grant", **level})),
    }


@pytest.mark.parametrize("case", [
    "tie_to_itself", "event_of_an_organisation_and_a_tie",
    "person_without_name",
    "person_with_empty_name", "tie_to_an_event", "support_from_a_person"])
def test_a_line_a_local_edit_would_refuse_refuses_the_bundle_with_exit_1(
        world: World, cli: Cli, tmp_path: Path, case: str) -> None:
    w = world
    field, line = _invalid(w)[case]
    receive(w.r, send(w.c, [w.r], tmp_path / "base.rbundle"))  # R holds what is referred to
    fine = record(w.c, Kind.PERSON, {"name": "Обычный Человек", "sensitivity": "internal"})
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle", [fine, line])  # header 1, fine 2, bad 3
    good = forge(w.c, w.r, tmp_path / "good.rbundle", [fine])
    seal = w.seal()
    err = cli_refused(cli, w, bad, 1)
    assert "line 3" in err and field in err and "refused" in err, err
    w.unchanged(seal)
    with pytest.raises(BundleError, match="line 3"):  # the service refuses it as well
        receive(w.r, bad)
    w.unchanged(seal)
    assert "new 1" in cli_import(cli, w, str(good))  # positive control
    assert w.r.get(fine.id).values["name"] == "Обычный Человек"


def test_a_partial_line_that_joins_a_held_tie_to_itself_is_refused(
        world: World, cli: Cli, tmp_path: Path) -> None:
    w = world
    a, b, other = (person(w.c, n) for n in ("Анна Смирнова", "Борис Ким", "Вера Ли"))
    tie = w.c.add(Kind.TIE, {"from_id": a, "to_id": b, "kind": "colleague"}).id
    receive(w.r, send(w.c, [w.r], tmp_path / "base.rbundle"))
    fine = record(w.c, Kind.PERSON, {"name": "Обычный Человек", "sensitivity": "internal"})
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle",
                [fine, Record(tie, Kind.TIE, {"to_id": a}, {"to_id": stamp(w.c)})])
    good = forge(w.c, w.r, tmp_path / "good.rbundle",
                 [fine, Record(tie, Kind.TIE, {"to_id": other}, {"to_id": stamp(w.c)})])
    seal = w.seal()
    err = cli_refused(cli, w, bad, 1)
    assert "line 3" in err and "to_id" in err, err
    w.unchanged(seal)
    assert "changed 1" in cli_import(cli, w, str(good))  # positive control
    assert w.r.get(tie).values["to_id"] == other


# ---- 4. verified senders only (§6.5.6) -----------------------------------------------------------
def test_a_card_trusted_without_verification_is_refused_unless_allowed(
        cli: Cli, tmp_path: Path) -> None:
    r, c = make_vault(tmp_path, "R"), make_vault(tmp_path, "C")
    c.sharing.add_card(r.sharing.card(), verified_method="safety_number")
    r.sharing.add_card(c.sharing.card())  # trusted, never verified
    w = World(tmp_path, r, c, make_vault(tmp_path, "A"))
    try:
        newcomer = person(c, "Новый Человек")
        bundle = send(c, [r], tmp_path / "c.rbundle")
        seal = w.seal()
        err = cli_refused(cli, w, bundle, 4)
        assert "not verified" in err and "--allow-unverified" in err
        w.unchanged(seal)
        out = cli_import(cli, w, "--allow-unverified", str(bundle))  # positive control
        assert "[sender not verified]" in out and "new 1" in out
        assert w.r.get(newcomer).values["name"] == "Новый Человек"
    finally:
        for v in (w.r, w.c, w.a):
            v.lock()


# ---- 6. several bundles, one decision (§6.5.8) ---------------------------------------------------
@pytest.mark.parametrize("order", ["good_first", "bad_first"])
def test_good_and_bad_bundles_in_one_import_change_nothing(
        world: World, cli: Cli, tmp_path: Path, order: str) -> None:
    w = world
    newcomer = person(w.c, "Хороший Человек")
    good = send(w.c, [w.r], tmp_path / "good.rbundle")
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle",
                [record(w.c, Kind.TIE, {"from_id": newcomer, "to_id": newcomer,
                                        "kind": "colleague", "sensitivity": "internal"})])
    files = [good, bad] if order == "good_first" else [bad, good]
    seal = w.seal()
    err = cli_refused(cli, w, files[0], 1, str(files[1]))
    assert "line 2" in err and "refused" in err
    w.unchanged(seal)
    assert not w.r.search("Хороший Человек")
    out = cli_import(cli, w, "--json", str(good))  # positive control: the good one alone
    assert json.loads(out)[0]["counts"]["new"] == 1


def test_a_refused_multi_file_import_reports_per_file(world: World, cli: Cli,
                                                      tmp_path: Path) -> None:
    w = world
    person(w.c, "Хороший Человек")
    good = send(w.c, [w.r], tmp_path / "good.rbundle")
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle",
                [record(w.c, Kind.PERSON, {"name": None, "sensitivity": "internal"})])
    err = cli_refused(cli, w, good, 1, str(bad))
    assert "bad.rbundle" in err and "good.rbundle" in err, err


def test_a_bad_file_found_only_after_the_good_one_is_merged_rolls_back(
        world: World, cli: Cli, tmp_path: Path) -> None:
    """The second file reuses an id the first file creates, as another kind: it passes every
    check against the vault as it was, and fails only inside the transaction, after the
    first file was merged. The whole import rolls back."""
    w = world
    newcomer = person(w.c, "Хороший Человек")
    good = send(w.c, [w.r], tmp_path / "good.rbundle")
    clash = Record(newcomer, Kind.ORGANISATION, {"name": "Ширма", "type": "ngo",
                                                 "sensitivity": "internal"},
                   dict.fromkeys(("name", "type", "sensitivity"), stamp(w.c)))
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle", [clash])
    seal = w.seal()
    err = cli_refused(cli, w, good, 1, str(bad))
    assert "another kind" in err and "refused" in err
    w.unchanged(seal)
    assert "new 1" in cli_import(cli, w, str(good))  # positive control


# ---- 7. an evaluation changed by a non-assessor (§6.5.3) -----------------------------------------
def _evaluated(w: World, tmp_path: Path) -> tuple[str, dict[str, Any]]:
    """An evaluation by A that R and C hold."""
    org = w.a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    scores = {"score_1": 4, "score_2": 3, "score_3": 4}
    ev = w.a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", **scores,
                                   "evidence_1": "Доклад о будущем"}).id
    bundle = send(w.a, [w.r, w.c], tmp_path / "a.rbundle")
    receive(w.r, bundle)
    receive(w.c, bundle)
    return ev, scores


def _scores(reg: Registry, ev: str) -> dict[str, Any]:
    return {k: reg.get(ev).values[k] for k in ("score_1", "score_2", "score_3")}


def test_scores_replaced_by_a_non_assessor_are_dropped_and_reported(
        world: World, cli: Cli, tmp_path: Path) -> None:
    w = world
    ev, scores = _evaluated(w, tmp_path)
    fine = record(w.c, Kind.PERSON, {"name": "Обычный Человек", "sensitivity": "internal"})
    zero = {"score_1": 0, "score_2": 0, "score_3": 0, "evidence_1": "Не заслуживают"}
    forged = Record(ev, Kind.EVALUATION, zero, dict.fromkeys(zero, stamp(w.c, MINUTE)))
    out = cli_import(cli, w, "--json", str(forge(w.c, w.r, tmp_path / "bad.rbundle",
                                                  [fine, forged])))
    assert _scores(w.r, ev) == scores and w.r.get(ev).values["evidence_1"] == "Доклад о будущем"
    assert ev in out  # the dropped change is reported
    assert w.r.get(fine.id).values["name"] == "Обычный Человек"  # the rest applies

    w.a.update(ev, {"score_2": 1})  # positive control: the assessor's own change applies
    receive(w.r, send(w.a, [w.r], tmp_path / "a2.rbundle"))
    assert _scores(w.r, ev) == {**scores, "score_2": 1}


def test_scores_forged_in_the_assessors_name_are_not_applied(world: World, cli: Cli,
                                                            tmp_path: Path) -> None:
    """C writes the change with A's fingerprint as origin but cannot sign as A: refused
    (exit 4 for a bad signature, vault byte-identical) or dropped — never applied."""
    w = world
    ev, scores = _evaluated(w, tmp_path)
    zero = {"score_1": 0, "score_2": 0, "score_3": 0}
    as_a = Stamp(w.a.store.clock.tick() + MINUTE, w.a.identity.fingerprint)
    forged = Record(ev, Kind.EVALUATION, zero, dict.fromkeys(zero, as_a))
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle", [forged])
    seal = w.seal()
    w.r.lock()
    res = cli(w.r_root, "bundle", "import", "--json", str(bad), passphrase=PASSPHRASE)
    w.open_r()
    if res.code != 0:
        assert res.code == 4, res.err
        w.unchanged(seal)
    else:
        assert ev in res.out  # dropped, and reported
    assert _scores(w.r, ev) == scores
    w.a.update(ev, {"score_3": 2})  # positive control: the assessor's own bundle applies
    receive(w.r, send(w.a, [w.r], tmp_path / "a2.rbundle"))
    assert _scores(w.r, ev) == {**scores, "score_3": 2}


# ---- 8. an erasure by a non-creator waits for the official (§6.5.4) ------------------------------
def _held(cli: Cli, w: World) -> str:
    w.r.lock()
    try:
        return ok(cli(w.r_root, "bundle", "held", "--json", passphrase=PASSPHRASE))
    finally:
        w.open_r()


def _r_record_with_ties(w: World) -> tuple[str, str]:
    """A person R made, with a tie R made; C holds both (R sent them)."""
    mine = person(w.r, "Елена Собственная", city="Vilnius")
    org = w.r.add(Kind.ORGANISATION, {"name": "Фонд Свободы", "type": "ngo"}).id
    tie = w.r.add(Kind.TIE, {"from_id": mine, "to_id": org, "kind": "works_for"}).id
    return mine, tie


def test_an_erasure_by_a_non_creator_is_held_not_applied(world: World, cli: Cli,
                                                         tmp_path: Path) -> None:
    """C (not the creator) erases R's record with C's real software and sends it: R holds
    the erasure for its official; the rest of the bundle applies."""
    w = world
    mine, tie = _r_record_with_ties(w)
    receive(w.c, send(w.r, [w.c], tmp_path / "r.rbundle"))
    w.c.erase(mine)
    fine = person(w.c, "Обычный Человек")
    out = cli_import(cli, w, "--json", str(send(w.c, [w.r], tmp_path / "c.rbundle")))
    assert mine not in json.loads(out)[0]["erased"]
    assert w.r.get(mine).values["name"] == "Елена Собственная"
    assert [t.id for t in w.r.ties_of(mine)] == [tie]
    assert w.r.get(fine).values["name"] == "Обычный Человек"  # the rest applies
    held = _held(cli, w)
    assert mine in held and w.c.identity.fingerprint in held


def test_an_erasure_forged_in_another_officials_name_is_not_applied(
        world: World, cli: Cli, tmp_path: Path) -> None:
    """C forges A's erasure of R's own record (A cannot have signed it): refused (exit 4,
    vault byte-identical) or held — never applied."""
    w = world
    mine, tie = _r_record_with_ties(w)
    as_a = Stamp(w.a.store.clock.tick() + MINUTE, w.a.identity.fingerprint)
    tomb = Record(mine, Kind.PERSON, {}, {}, erased=as_a)
    bad = forge(w.c, w.r, tmp_path / "bad.rbundle", [tomb])
    seal = w.seal()
    w.r.lock()
    res = cli(w.r_root, "bundle", "import", str(bad), passphrase=PASSPHRASE)
    w.open_r()
    if res.code != 0:
        assert res.code == 4, res.err
        w.unchanged(seal)
    else:
        assert mine in _held(cli, w)
    assert w.r.get(mine).values["name"] == "Елена Собственная"
    assert [t.id for t in w.r.ties_of(mine)] == [tie]


def test_an_erasure_by_the_creator_applies_at_once(world: World, cli: Cli,
                                                   tmp_path: Path) -> None:
    """The positive control of the two tests above: the record's creator erases it, and the
    erasure is applied at once, with what touches it."""
    w = world
    theirs = person(w.a, "Сергей Чужой")
    receive(w.r, send(w.a, [w.r], tmp_path / "a.rbundle"))
    assert w.r.get(theirs)
    w.a.erase(theirs)
    out = cli_import(cli, w, "--json", str(send(w.a, [w.r], tmp_path / "a2.rbundle")))
    assert theirs in json.loads(out)[0]["erased"]
    assert w.r.store.get(theirs).erased is not None  # type: ignore[union-attr]
