"""The quarantine of a colleague whose import made a record here first, that honest senders
then delivered (DESIGN §6.5.9): R ends as S, who never imported C's bundles and only revoked
C — when the record's maker erases it afterwards, when the honest import is undone, and when
a notice that waited for the record met C's copy on its arrival."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.store.creator import creator

from .forge import forge, restamped, stamp
from .vaults import person, quarantined, receive, send

SINCE = "2000-01-01"
AFTER_EVERY_IMPORT = "2999-01-01"  # a quarantine that finds nothing to undo


def _erased_in_both(who: Registry, record_id: str, r: Registry, s: Registry, path: Path, *,
                    held: bool, why: str) -> None:
    """``who`` erases the record and sends the erasure to R and S: S, who never imported the
    quarantined colleague's bundles, holds it for the official (``held``) or applies it at
    once, and R must do the same, to the same digest (``why``: what R did before the fix)."""
    who.erase(record_id)
    erasure = send(who, [r, s], path)
    [in_s] = receive(s, erasure)
    assert (in_s.counts["held"], in_s.counts["erased"]) == (int(held), int(not held))
    [in_r] = receive(r, erasure)
    assert in_r.counts["held"] == int(held), why
    assert r.digest() == s.digest()


def test_undoing_the_honest_import_after_the_quarantine_undoes_the_record_it_delivered(
        rsca, tmp_path: Path) -> None:
    """C relays A's Bob to R first, every field newer in C's name; A's own copy arrives next,
    whole, every value masked. Quarantining C gives R A's copy (``_delivered_whole``): R's
    digest is S's. R then undoes A's import (``bundle revert``), as S undoes it: in S that
    import created Bob, so the undo deletes him (a tombstone). R must do the same.
    Before the fix: the quarantine only marked Bob as received from A's import
    (``store.mark_received``); A's import's log of what it created does not list him and no
    field-history row names that import, so ``importer.revert`` finds nothing to undo: Bob
    stays live with A's values in R, deleted in S (and its values can no longer be undone
    by undoing the import that brought them)."""
    r, s, c, a = rsca
    bob = person(a, "Борис Ковалёв", notes="Заметка A")
    a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
    receive(c, a0)
    receive(r, restamped(c, r, tmp_path / "c.rbundle", bob,
                          {"name": "Подставной", "notes": "Заметка C", "sensitivity": "internal"}))
    [in_r] = receive(r, a0)
    [in_s] = receive(s, a0)
    quarantined(r, s, c)
    assert r.digest() == s.digest()  # the quarantine itself holds
    r.sharing.revert(in_r.import_id)
    s.sharing.revert(in_s.import_id)
    assert s.store.get(bob).deleted
    assert r.store.get(bob).deleted, "A's import, undone, left the record it delivered live"


@pytest.mark.parametrize("how", ["relayed first whole", "renamed"])
def test_after_the_quarantine_the_makers_erasure_is_applied_at_once(
        rsca, tmp_path: Path, how: str) -> None:
    """A made Bob. C (keys seized) either relays Bob to R first, every field re-stamped in
    C's name, A's own copy arriving next and losing whole (masked; the quarantine gives R
    A's copy back through ``_delivered_whole``), or renames A's Bob, already held in R,
    under C's stamp. R quarantines C: Bob is A's copy again, every stamp A's, R's digest
    S's. A then erases Bob at the data subject's request and sends it: in S, A is Bob's
    creator and the erasure is applied at once (DESIGN §6.5.4); R must do the same — the
    quarantine deletes C's ``required_origin`` rows precisely so that "their stamps ... make
    no creator unknown any more: the erasures of the records' makers are applied again at
    once".
    Before the fix: ``Store.restore_fields`` keeps C's name, the value the quarantine takes out,
    in field history (``_keep_history``, stamp C's); ``store.creator`` counts the origins of
    a required field's history too, finds A and C, and calls the creator unknown: A's
    erasure waits in R's held changes while S has erased Bob. R keeps the person's data,
    and the digests part."""
    r, s, c, a = rsca
    bob = person(a, "Борис Ковалёв", notes="Заметка A")
    a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
    receive(c, a0)
    if how == "relayed first whole":
        receive(r, restamped(c, r, tmp_path / "c.rbundle", bob, {
            "name": "Подставной", "notes": "Заметка C", "sensitivity": "internal"}))
        receive(r, a0)
    else:
        receive(r, a0)
        receive(r, restamped(c, r, tmp_path / "c.rbundle", bob, {"name": "Подставной"}))
    receive(s, a0)
    quarantined(r, s, c)
    assert r.digest() == s.digest()
    _erased_in_both(a, bob, r, s, tmp_path / "a1.rbundle", held=False,
                    why="the maker's erasure waits for the official in R")
    assert r.store.get(bob).erased is not None


@pytest.mark.parametrize("flag", ["none", "flag, lower level"])
def test_a_waiting_notice_their_record_met_on_arrival_waits_again(
        officials: dict[str, Registry], tmp_path: Path, flag: str) -> None:
    """B flags her Anna inside Russia and tells R and S before either holds her: the notice
    waits in both. C (keys seized) then sends R a record under Anna's real id, made up
    whole in C's name (another name, a note; "flag, lower level": her flag, but C's level
    below B's). On arrival B's waiting notice raises it (R: protected, B's stamps). R
    quarantines C; S, who never imported C's bundle, merely revokes C. Both then import B's
    own copy of Anna. R must be S: Anna as B made her, flagged. The module doc asks this
    of the same case where the flag C sent met B's notice exactly (``_hold_again``: "a vault
    that never imported their bundles still holds it waiting").
    Before the fix: the raise the waiting notice made at the arrival of C's record leaves a field
    receipt naming B's notice's import — an import made BEFORE C's — and
    ``_revert_fields`` counts it as "another sender's bundle changed it since": the record
    is kept "for review" with every value of C's that has nothing to go back to (the
    made-up name, the note), and B's notice no longer waits. B's own copy, older than C's
    stamps, then loses to C's made-up name for good: R holds "Подставная" and C's note, S
    holds B's Anna."""
    r, s, c, b = (officials[n] for n in "RSCB")
    anna = person(b, "Анна Смирнова", country="LT")
    b0 = send(b, [r, s], tmp_path / "b0.rbundle")  # imported after the quarantine
    b.update(anna, {"inside_russia": True})
    notice = send(b, [r, s], tmp_path / "b1.rbundle", notices_only=True)
    receive(r, notice)
    receive(s, notice)
    values = {"name": "Подставная", "notes": "Заметка C", "sensitivity": "internal",
              "country": "LT"}
    if flag != "none":
        values["inside_russia"] = True
    receive(r, restamped(c, r, tmp_path / "c.rbundle", anna, values))
    assert r.get(anna).values["inside_russia"] is True  # B's notice met it
    quarantined(r, s, c)
    receive(r, b0)
    receive(s, b0)
    assert s.get(anna).values["name"] == "Анна Смирнова"
    assert r.get(anna).values["name"] == "Анна Смирнова", "C's made-up name outlived C"
    assert r.get(anna).values.get("notes") is None
    assert r.is_protected(anna)
    assert r.digest() == s.digest()


def days_ago(n: int) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=n)  # clock-ok: vs real import times
    return moment.isoformat(timespec="seconds")


def dated(vault: Registry, reports: list, n: int) -> None:
    for rep in reports:
        vault.store.conn.execute("UPDATE bundle_import SET imported_at = ? WHERE import_id = ?",
                                 (days_ago(n), rep.import_id))


def test_a_quarantine_since_a_later_date_keeps_the_makers_stamps_that_lost(
        officials: dict[str, Registry], tmp_path: Path) -> None:
    """C genuinely made Carl and sent him to D and to R. D's laptop is seized: with D's key
    the attacker relays Carl to R first, every field re-stamped in D's name (newer stamps).
    C's own copy reaches R next and loses whole; ``keep_required_origins`` keeps (Carl, C)
    in ``required_origin``, so the creator is unknown and an erasure by D would wait. Later
    C's own laptop is seized too; R's official quarantines C since the seizure — a date
    after every bundle C ever sent R, so nothing of C's is to be undone (C's genuine Carl was
    sent long before). ``revert_since`` nonetheless runs ``DELETE FROM required_origin WHERE
    origin = C`` unconditionally: every stamp of C's that ever lost here, whoever relayed it
    and whenever, stops counting. Carl's required field now has one origin, D: D erases Carl
    and R applies it at once.
    Expected (S: the same imports, C merely revoked; and R before the quarantine): creator
    unknown, D's erasure held for the official (§6.5.4). Before the fix: R erased Carl at
    once."""
    r, s, c, d = (officials[n] for n in "RSCD")
    carl = person(c, "Карл Петров", notes="Заметка C")
    c0 = send(c, [r, s, d], tmp_path / "c0.rbundle")
    receive(d, c0)
    at = stamp(d)
    values = {"name": "Карл Петров", "notes": "Заметка D", "sensitivity": "internal"}
    for v in (r, s):
        receive(v, forge(d, v, tmp_path / f"d0{v.identity.name}.rbundle",
                         [Record(carl, Kind.PERSON, values, dict.fromkeys(values, at))]))
        receive(v, c0)
        assert creator(v.store, carl) is None
    report = r.sharing.quarantine(c.identity.fingerprint, AFTER_EVERY_IMPORT,
                                  confirm_lowering=True)
    assert report.imports == []
    s.sharing.revoke(c.identity.fingerprint)
    assert r.digest() == s.digest()
    _erased_in_both(d, carl, r, s, tmp_path / "d1.rbundle", held=True,
                    why="D's erasure is applied at once in R")


def test_a_second_quarantine_keeps_a_record_an_honest_colleague_took_up(
        officials: dict[str, Registry], tmp_path: Path) -> None:
    """C (seized) invents a copy of A's Bob (another name, a note, C's stamps, newer) and
    sends it to R and to B. B, honest, writes his own note on it and sends it to R: B's
    import takes Bob up (its receipt: notes). A's own bundle then reaches R, losing whole to
    C's stamps (masked). R quarantines C: ``_delivered_whole`` finds A's import delivered
    Bob whole and ``mark_received`` makes it Bob's creating import ("*"), A's name back,
    B's note standing. Later A's laptop is seized too and R quarantines A (since before
    A's bundle). Now ``made`` is A's import, and B's import — made BEFORE it, though after
    C's, the record's real first arrival — is dropped from "others" by ``_earlier_import``
    (e44f1a9, meant for a notice that waited for the record): no one took Bob up, and he is
    removed whole with B's note.
    Expected: Bob stays with B's note, as in S (B's bundle only; C and A revoked), where B's
    import made him. Before the fix: R held no Bob at all."""
    r, s, c, a, b = (officials[n] for n in "RSCAB")
    bob = person(a, "Борис Ковалёв", notes="Заметка A")
    a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
    receive(c, a0)
    at = stamp(c)
    values = {"name": "Подставной", "notes": "Заметка C"}
    invented = [Record(bob, Kind.PERSON, values, dict.fromkeys(values, at))]
    receive(b, forge(c, b, tmp_path / "cb.rbundle", invented))
    receive(r, forge(c, r, tmp_path / "cr.rbundle", invented))
    b.update(bob, {"notes": "Заметка B"})
    b0 = send(b, [r, s], tmp_path / "b0.rbundle")
    receive(r, b0)
    receive(r, a0)
    r.sharing.quarantine(c.identity.fingerprint, SINCE, confirm_lowering=True)
    assert r.get(bob).values["notes"] == "Заметка B"
    r.sharing.quarantine(a.identity.fingerprint, SINCE, confirm_lowering=True)
    receive(s, b0)
    s.sharing.revoke(c.identity.fingerprint)
    s.sharing.revoke(a.identity.fingerprint)
    assert s.store.get(bob).values["notes"] == "Заметка B"
    kept = r.store.get(bob)
    assert kept is not None, "the record B took up is removed with A's import"
    assert kept.values["notes"] == "Заметка B"


def test_a_later_masked_value_of_theirs_keeps_their_earlier_lost_stamp_counting(
        officials: dict[str, Registry], tmp_path: Path) -> None:
    """C genuinely made Carl and sent him (c0) to R, S and D, long ago. D's laptop is seized:
    with D's key the attacker relays Carl to R and S first, every field re-stamped in D's
    name (newer). C's own copy arrives next and loses whole: ``required_origin`` keeps
    (Carl, C), the creator is unknown and an erasure by D waits (§6.5.4). Later C's laptop is
    seized too; with C's key the attacker sends R one more bundle (c1) with Carl's note under
    an older stamp of C's: it loses to D's note and is kept as masked by c1. R quarantines C
    since a date between c0 and c1 (S, who never got c1, only revokes C).
    Expected: C's stamps that c0 — before the date, and not undone — brought still count:
    creator unknown in R as in S, and D's erasure of Carl held for the official in both.
    Before the fix: ``revert_since`` deleted every ``required_origin`` row of C's for any record
    one of the reverted imports kept ANY masked value of (here c1's note, a field that is
    not even required), though the row came from c0: Carl's creator becomes D alone and R
    applies D's erasure at once — the seized D erases a record it never made, in R only."""
    r, s, c, d = (officials[n] for n in "RSCD")
    carl = person(c, "Карл Петров", notes="Заметка C")
    old = c.store.get(carl).stamps["notes"]
    c0 = send(c, [r, s, d], tmp_path / "c0.rbundle")
    receive(d, c0)
    at = stamp(d)
    values = {"name": "Карл Петров", "notes": "Заметка D"}
    for v in (r, s):
        early = receive(v, forge(d, v, tmp_path / f"d0{v.identity.name}.rbundle",
                                 [Record(carl, Kind.PERSON, values, dict.fromkeys(values, at))]))
        early += receive(v, c0)
        dated(v, early, 3)
        assert creator(v.store, carl) is None
    c1 = forge(c, r, tmp_path / "c1.rbundle", [Record(
        carl, Kind.PERSON, {"notes": "Заметка C2"}, {"notes": Stamp(old.hlc + 1, old.origin)})])
    receive(r, c1)
    assert r.get(carl).values["notes"] == "Заметка D"
    since = days_ago(1)[:10]
    r.sharing.quarantine(c.identity.fingerprint, since, confirm_lowering=True)
    s.sharing.revoke(c.identity.fingerprint)
    assert r.digest() == s.digest()
    assert creator(s.store, carl) is None
    _erased_in_both(d, carl, r, s, tmp_path / "d1.rbundle", held=True,
                    why="D's erasure of Carl, whom C made, is applied at once in R")


@pytest.mark.parametrize("again", [False, True])
def test_a_required_value_the_quarantine_kept_counts_once_renamed(
        officials: dict[str, Registry], tmp_path: Path, again: bool) -> None:
    """C made Carl and sent him (c0) to R and B. B, honest, adds a note and sends Carl on to R
    and S (b0: Carl whole, his name still under C's stamp). C's laptop is seized; R's
    official quarantines C since before c0: Carl stays (B took him up), his name — nothing
    to go back to — C's, as in S, who got b0 only and merely revoked C. R's digest is S's.
    D's laptop is seized too: with D's key the attacker renames Carl and sends it to R and S,
    then erases him.
    Expected: C and D have both stamped Carl's name: the creator is unknown, D's erasure
    waits for the official in R as it does in S.
    Before the fix: the quarantine marked c0 ``reverted_at`` although it kept c0's name; D's rename
    pushes that name to field history with ``received_import`` = c0, and
    ``Store.required_origins_in_history`` skips it ("what was taken back makes no one a
    maker" — but it was not taken back). Carl's creator is D alone; R erases him at once.
    (``again``: R first imports b0 again, the remedy the report gives: no change.)"""
    r, s, c, d, b = (officials[n] for n in "RSCDB")
    carl = person(c, "Карл Петров", notes="Заметка C")
    c0 = send(c, [r, b, d], tmp_path / "c0.rbundle")
    receive(b, c0)
    receive(d, c0)
    receive(r, c0)
    b.update(carl, {"notes": "Заметка B"})
    b0 = send(b, [r, s], tmp_path / "b0.rbundle")
    receive(r, b0)
    receive(s, b0)
    quarantined(r, s, c)
    assert r.get(carl).values["notes"] == "Заметка B"
    assert r.digest() == s.digest()
    if again:
        receive(r, b0)
        assert r.digest() == s.digest()
    d.update(carl, {"name": "Карл Иванов"})
    d1 = send(d, [r, s], tmp_path / "d1.rbundle")
    receive(r, d1)
    receive(s, d1)
    assert creator(s.store, carl) is None
    assert r.digest() == s.digest()
    _erased_in_both(d, carl, r, s, tmp_path / "d2.rbundle", held=True,
                    why="D's erasure of Carl, whom C made, is applied at once in R")
