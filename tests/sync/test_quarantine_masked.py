"""A quarantine puts back the honest values a revoked colleague's got there first to mask
(DESIGN §6.5.9).

C, whose keys an attacker holds, sends R a value under C's own (newer) stamp before the
honest one arrives from A: A's, older, lost, and nothing kept it. Revoking C with
``--revert-since`` then had nothing to put back — a name, required, stayed C's; importing A's
bundle again, as the report advises, lost to C's stamp again. Now what an import delivered
that lost to a value another import brought is kept (``masked_value``), and the quarantine
merges it back by stamp: R ends as S, who never imported C's bundle.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.service import Registry

from .forge import forge, restamped, stamp
from .test_mention_forms import exported
from .vaults import introduce, make_vault, person, quarantined, receive, send, trusted

SINCE = "2000-01-01"  # every import these tests make
HER = "Мария Сергеевна Кузнецова"
NOTE = "Встречался с Марией Кузнецовой в Самаре"


def _masked_rows(vault: Registry, record_id: str) -> list[str]:
    return [str(f) for (f,) in vault.store.conn.execute(
        "SELECT field FROM masked_value WHERE record_id = ? ORDER BY field", (record_id,))]


@pytest.mark.parametrize("first", ["before", "after"])
def test_a_value_they_got_there_first_goes_back_to_the_honest_one(
        rsca, tmp_path: Path, first: str) -> None:
    """C sends R Bob's name and a note under C's stamps ("before": ahead of A's Bob, so the
    record is C's import's; "after": over A's Bob, then A's older rename arrives). Revoked,
    C's values go back to A's, with no import again, and R's digest is S's."""
    r, s, c, a = rsca
    bob = person(a, "Борис Ковалёв", notes="Заметка A")
    a_bundle = send(a, [r, s, c], tmp_path / "a0.rbundle")
    receive(c, a_bundle)
    at = stamp(c)
    planted = Record(bob, Kind.PERSON, {"name": "Подставной", "notes": "Заметка C"},
                     {"name": at, "notes": at})
    c_bundle = forge(c, r, tmp_path / "c.rbundle", [planted])
    if first == "before":
        receive(r, c_bundle)
        receive(r, a_bundle)
    else:
        receive(r, a_bundle)
        receive(r, c_bundle)
        a.update(bob, {"city": "Вильнюс"})  # A's next bundle: its name, older, loses again
        a_bundle = send(a, [r, s], tmp_path / "a1.rbundle")
        receive(r, a_bundle)
    receive(s, a_bundle)
    assert r.get(bob).values["name"] == "Подставной"
    assert "name" in _masked_rows(r, bob) or first == "after"
    report = r.sharing.quarantine(c.identity.fingerprint, SINCE, confirm_lowering=True)
    assert r.get(bob).values["name"] == "Борис Ковалёв"
    assert r.get(bob).values["notes"] == "Заметка A"
    assert [k["id"] for k in report.to_json()["kept"]] in ([], [bob])
    s.sharing.revoke(c.identity.fingerprint)
    assert r.digest() == s.digest()
    receive(r, a_bundle)  # as the report advises: nothing more moves
    assert r.digest() == s.digest()


def test_a_value_that_lost_to_an_edit_here_or_an_undone_import_is_not_put_back(
        rsca, tmp_path: Path) -> None:
    """What lost to this vault's own edit is not kept (a quarantine never undoes those), and
    what an import delivered that lost goes when that import is undone: the quarantine of C
    then unsets C's note (R undid A's import: nothing of it is put back)."""
    r, s, c, a = rsca
    bob = person(a, "Борис Ковалёв")
    a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
    for vault in (r, s, c):
        receive(vault, a0)
    a.update(bob, {"city": "Вильнюс", "notes": "Заметка A"})  # older than C's note below
    r.update(bob, {"city": "Рига"})  # and than R's own city
    a1 = send(a, [r, s], tmp_path / "a1.rbundle")
    at = stamp(c)
    receive(r, forge(c, r, tmp_path / "c.rbundle", [
        Record(bob, Kind.PERSON, {"notes": "Заметка C"}, {"notes": at})]))
    [undone] = receive(r, a1)
    assert _masked_rows(r, bob) == ["notes"]  # R's own city won: not kept
    assert r.get(bob).values["city"] == "Рига"
    r.sharing.revert(undone.import_id)
    assert _masked_rows(r, bob) == []
    r.sharing.quarantine(c.identity.fingerprint, SINCE, confirm_lowering=True)
    assert "notes" not in r.get(bob).values


def test_masked_note_naming_her_comes_back_after_her_erasure(tmp_path: Path) -> None:
    """A's note on an organisation names a protected person D holds. C (keys seized) sends D
    a neutral note under a newer stamp first; A's, older, arrives next, loses and is kept
    only in masked_value. R erases her: mark_mentions scans current values and field history
    - not masked_value - so the note is not marked. Quarantining C merges A's masked note
    back: D's next bundle names the erased person (a vault that never imported C's bundles
    held A's note when she was erased, marked it and keeps it home). Masked values are
    scanned as field history is."""
    with trusted(tmp_path, "R", "D", "C", "A", "F") as (r, d, c, a, f):
        her = person(r, HER, inside_russia=True)
        receive(d, send(r, [d], tmp_path / "1.rbundle", mode="include", ceiling="protected"))
        org = a.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
        a0 = send(a, [c, d], tmp_path / "a0.rbundle")
        receive(c, a0)
        receive(d, a0)
        a.update(org, {"notes": NOTE})
        a1 = send(a, [c, d], tmp_path / "a1.rbundle")
        receive(c, a1)
        c.update(org, {"notes": "нейтрально"})
        receive(d, send(c, [d], tmp_path / "c1.rbundle"))
        receive(d, a1)  # A's older note loses to C's: kept as masked
        assert d.store.get(org).values["notes"] == "нейтрально"
        r.erase(her)
        receive(d, send(r, [d], tmp_path / "4.rbundle"))
        assert d.store.get(her).erased is not None
        d.sharing.quarantine(c.identity.fingerprint, SINCE, confirm_lowering=True)
        assert d.store.get(org).values["notes"] == NOTE  # put back from masked_value
        _, _, text, _ = exported(d, f, tmp_path / "x.rbundle")
        assert "Кузнецов" not in text.decode()


def test_quarantine_skips_a_masked_value_of_a_sender_revoked_without_revert(
        tmp_path: Path) -> None:
    """A's note on Bob reached R after C's forged, newer one: kept as masked. R then revokes A
    (a plain revoke: A's values stay, as in S). Quarantining C put back only masked values
    of senders still trusted, so Bob ended with no note, while S, who never imported C's
    bundle and revoked A too, holds A's note. A masked value counts as a value standing
    here does: only the quarantined official's go."""
    vaults = [make_vault(tmp_path, n) for n in ("R", "S", "C", "A")]
    introduce(*vaults)
    r, s, c, a = vaults
    try:
        bob = person(a, "Борис Ковалёв")
        a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
        for vault in (r, s, c):
            receive(vault, a0)
        a.update(bob, {"notes": "Заметка A"})
        a1 = send(a, [r, s], tmp_path / "a1.rbundle")
        at = stamp(c, 10**9)
        receive(r, forge(c, r, tmp_path / "c.rbundle", [
            Record(bob, Kind.PERSON, {"notes": "Заметка C"}, {"notes": at})]))
        receive(r, a1)
        receive(s, a1)
        for vault in (r, s):
            vault.sharing.revoke(a.identity.fingerprint)
        quarantined(r, s, c)
        assert s.get(bob).values.get("notes") == "Заметка A"
        assert r.get(bob).values.get("notes") == "Заметка A"
        assert r.digest() == s.digest()
    finally:
        for vault in vaults:
            vault.lock()


def test_only_unsigned_values_that_lost_to_an_imported_one_are_kept() -> None:
    """What a line delivers that loses is kept (``Change.masked``) for protection, and for
    another field when what stands came from elsewhere than this vault's own edit — but not
    a signed claim (a deletion, an evaluation's scores, a decision): its signature is not
    kept with it, and put back it would travel unsigned, which its recipients refuse."""
    from registry.domain.hlc import Stamp
    from registry.sync.importer import classify

    own, other, sender = "a" * 40, "b" * 40, "c" * 40
    held = {"name": Stamp(9, other), "notes": Stamp(9, other), "city": Stamp(9, own),
            "deleted": Stamp(9, other), "sensitivity": Stamp(9, own)}
    values = {"name": "Борис", "notes": "n", "city": "c", "deleted": False,
              "sensitivity": "internal"}
    older = dict.fromkeys(held, Stamp(5, sender))
    incoming = Record("01a2518c-c330-73cb-8746-1ffa78041da9", Kind.PERSON,
                      {**values, "notes": "old", "city": "old", "deleted": True,
                       "sensitivity": "internal"}, older)
    change = classify((Kind.PERSON, held, None, values), incoming, own)
    assert change.masked == ["name", "notes", "sensitivity"]
    same = Record(incoming.id, Kind.PERSON, values, held)  # delivered as held: nothing lost
    assert classify((Kind.PERSON, held, None, values), same, own).masked == []


def test_a_record_they_relayed_first_whole_is_not_removed_with_the_honest_copy_masked(
        rsca, tmp_path: Path) -> None:
    """C holds A's Bob and relays him to R first, EVERY field re-stamped newer in C's name
    (name, notes, sensitivity). A's own copy reaches R next: every field loses and is kept
    only as masked (masked_value), no field receipt is A's. Quarantining C must put A's
    values back (the module doc: "a name they sent first, under a newer stamp, goes back to
    the honest one that lost to it"), so R equals S, who never imported C's bundle.
    Before the fix: _revert_fields saw a record created by C's import with no other
    receipt and removed it whole (masked values with it): A's Bob was gone from R, S held
    him, digests differed."""
    r, s, c, a = rsca
    bob = person(a, "Борис Ковалёв", notes="Заметка A")
    a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
    receive(c, a0)
    receive(r, restamped(c, r, tmp_path / "c.rbundle", bob,
                          {"name": "Подставной", "notes": "Заметка C", "sensitivity": "internal"}))
    receive(r, a0)
    receive(s, a0)
    assert r.get(bob).values["name"] == "Подставной"
    quarantined(r, s, c)
    assert r.store.get(bob) is not None, "A's Bob was removed with C's copy"
    assert r.get(bob).values["name"] == "Борис Ковалёв"
    assert r.digest() == s.digest()


@pytest.mark.parametrize("order", ["C1 first", "C2 first"])
def test_two_colleagues_quarantined_in_turn_give_back_the_honest_note(tmp_path: Path,
                                                                     order: str) -> None:
    """Two seized colleagues, C1 and C2. A's Bob (note "Заметка A") reaches R and S. C1
    sends R a note under a newer stamp; C2 then sends one under a stamp between A's and
    C1's: it loses to C1's and is kept as masked. R quarantines C1: C2's masked note is
    merged back (newer than A's). R then quarantines C2: R should end as S, who never
    imported either bundle and revoked both: A's note. Before the fix: the note C2's masked value
    was restored from has no field-history row naming C2's import as its replacer
    (_earlier finds nothing: the value arrived through the first quarantine's
    restore_fields, not through C2's import), so the second quarantine unsets the note:
    A's honest note is lost and R's digest differs from S's."""
    names = ("R", "S", "C1", "C2", "A")
    vaults = [make_vault(tmp_path, n) for n in names]
    introduce(*vaults)
    r, s, c1, c2, a = vaults
    try:
        bob = person(a, "Борис Ковалёв", notes="Заметка A")
        a0 = send(a, [r, s], tmp_path / "a0.rbundle")
        receive(r, a0)
        receive(s, a0)
        mid = stamp(c2)
        late = stamp(c1, 10**6)
        receive(r, forge(c1, r, tmp_path / "c1.rbundle", [
            Record(bob, Kind.PERSON, {"notes": "Заметка C1"}, {"notes": late})]))
        receive(r, forge(c2, r, tmp_path / "c2.rbundle", [
            Record(bob, Kind.PERSON, {"notes": "Заметка C2"}, {"notes": mid})]))
        assert r.get(bob).values["notes"] == "Заметка C1"
        if order == "C1 first":
            r.sharing.quarantine(c1.identity.fingerprint, SINCE, confirm_lowering=True)
            assert r.get(bob).values["notes"] == "Заметка C2"  # C2's masked value, back
            r.sharing.quarantine(c2.identity.fingerprint, SINCE, confirm_lowering=True)
        else:  # C2's value lost: it goes with its import, and C1's then goes back to A's
            r.sharing.quarantine(c2.identity.fingerprint, SINCE, confirm_lowering=True)
            assert r.get(bob).values["notes"] == "Заметка C1"
            r.sharing.quarantine(c1.identity.fingerprint, SINCE, confirm_lowering=True)
        for v in (c1, c2):
            s.sharing.revoke(v.identity.fingerprint)
        assert r.get(bob).values.get("notes") == "Заметка A"
        assert r.digest() == s.digest()
    finally:
        for v in vaults:
            v.lock()


def test_a_record_they_relayed_first_that_an_honest_tie_points_to_goes_back_to_honest(
        rsca, tmp_path: Path) -> None:
    """As above, but A's bundle also brings a tie from Bob to an organisation. C's whole
    copy of Bob (every field newer, in C's name: a rename to "Подставной" and C's note)
    reaches R first; A's Bob then changes nothing (kept as masked), A's tie and organisation
    are new. Quarantining C should give R A's Bob, as S (never imported C's bundle) holds.
    Before the fix: _revert_fields put Bob among the records to remove without reverting
    any of his fields; _remove_created then kept him because A's tie points to him
    ("referenced") — with C's forged name and note still standing. Importing A's bundle
    again, as the report advises, changed nothing (A's older stamps lost to C's again;
    C's masked rows were gone): C's rename survived the quarantine for good."""
    r, s, c, a = rsca
    bob = person(a, "Борис Ковалёв", notes="Заметка A")
    org = a.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "ngo"}).id
    a.add(Kind.TIE, {"from_id": bob, "to_id": org, "kind": "member_of"})
    a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
    receive(c, a0)
    receive(r, restamped(c, r, tmp_path / "c.rbundle", bob,
                          {"name": "Подставной", "notes": "Заметка C", "sensitivity": "internal"}))
    receive(r, a0)
    receive(s, a0)
    assert r.get(bob).values["name"] == "Подставной"
    quarantined(r, s, c)
    receive(r, a0)  # as the quarantine report advises: A's import listed, import it again
    assert r.get(bob).values["name"] == "Борис Ковалёв", "C's rename survived the quarantine"
    assert r.get(bob).values["notes"] == "Заметка A"
    assert r.digest() == s.digest()


def test_a_record_they_relayed_first_with_one_field_forged_and_an_honest_tie_goes_back(
        rsca, tmp_path: Path) -> None:
    """C relays A's Bob to R first as A made him, but for a note C rewrote under C's newer
    stamp; A's own copy then brings only that note anew (older: kept as masked; the name,
    the same value under the same stamp, is no new delivery), with a tie from Bob to A's
    organisation. Bob is C's import's record, not delivered whole by A, and the tie keeps
    him ("referenced"): the quarantine puts A's note back on him all the same, as on a record
    changed since — R ends as S, and A's bundle imported again finds nothing to change."""
    r, s, c, a = rsca
    bob = person(a, "Борис Ковалёв", notes="Заметка A")
    org = a.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "ngo"}).id
    a.add(Kind.TIE, {"from_id": bob, "to_id": org, "kind": "member_of"})
    a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
    receive(c, a0)
    relayed = c.store.get(bob)
    assert relayed is not None
    relayed.values["notes"], relayed.stamps["notes"] = "Заметка C", stamp(c)
    receive(r, forge(c, r, tmp_path / "c.rbundle", [relayed]))
    receive(r, a0)
    receive(s, a0)
    assert r.get(bob).values["notes"] == "Заметка C"
    report = r.sharing.quarantine(c.identity.fingerprint, SINCE, confirm_lowering=True)
    s.sharing.revoke(c.identity.fingerprint)
    assert [k["reason"] for k in report.kept if k["id"] == bob] == ["referenced"]
    assert r.get(bob).values["notes"] == "Заметка A"
    assert r.digest() == s.digest()
    receive(r, a0)
    assert r.digest() == s.digest()


def test_a_record_two_honest_colleagues_delivered_after_them_is_theirs_again(
        tmp_path: Path) -> None:
    """C's copy of A's Bob (name and note newer) reaches R first; A's Bob, then B's (A's Bob
    with B's newer note, older than C's), lose but for A's level. Revoked, C's values go
    back to what A and B delivered, merged by stamp, and the record is A's import's, as at S
    (A's and B's bundles only). Revoking A next in both, and importing B's bundle again as
    the report advises (B's copy of A's level, delivered unchanged, was never stored), leaves
    R as S."""
    vaults = [make_vault(tmp_path, n) for n in ("R", "S", "C", "A", "B")]
    introduce(*vaults)
    r, s, c, a, b = vaults
    try:
        bob = person(a, "Борис Ковалёв", notes="Заметка A")
        a0 = send(a, [r, s, c, b], tmp_path / "a0.rbundle")
        receive(c, a0)
        receive(b, a0)
        b.update(bob, {"notes": "Заметка B"})
        b0 = send(b, [r, s], tmp_path / "b0.rbundle")
        values = {"name": "Подставной", "notes": "Заметка C"}
        at = stamp(c, 10**6)
        receive(r, forge(c, r, tmp_path / "c.rbundle",
                         [Record(bob, Kind.PERSON, values, dict.fromkeys(values, at))]))
        for vault in (r, s):
            receive(vault, a0)
            receive(vault, b0)
        assert r.get(bob).values["notes"] == "Заметка C"
        quarantined(r, s, c)
        assert r.get(bob).values == s.get(bob).values
        assert r.digest() == s.digest()
        for vault in (r, s):
            report = vault.sharing.quarantine(a.identity.fingerprint, SINCE,
                                              confirm_lowering=True)
            assert report.later_imports
            receive(vault, b0)
        assert r.get(bob).values["notes"] == "Заметка B"
        assert r.digest() == s.digest()
    finally:
        for vault in vaults:
            vault.lock()


@pytest.mark.parametrize("how", ["A edits later", "C's copy lacks a field of A's"])
def test_whole_honest_copy_then_honest_update_drops_their_forged_fields(
        rsca, tmp_path: Path, how: str) -> None:
    """C (keys seized) relays A's Bob to R first, every field re-stamped newer in C's name,
    plus fields C made up (a city, a note). A's own copy of Bob reaches R next: whole (his
    name, every required field), every value losing to C's newer stamps: kept as masked. A
    later edits Bob (adds his country) and sends the change to R and S ("A edits later"); or
    C's copy simply leaves out a field A's copy carries (his sensitivity), which A's copy
    then sets. Quarantining C must leave R as S, who never imported C's bundle: A's Bob
    with A's country, and neither C's made-up city nor note.
    Before the fix: A's later, winning import (or A's value for the field C left out) gave
    Bob a receipt from someone else, so _revert_fields did not ask _delivered_whole and
    treated Bob as a record C created that "another sender changed since" (kept for review,
    keep_unset=True): A's name came back from masked, but C's city and note, having
    "nothing to go back to", stayed — though A's whole copy needs none of them."""
    r, s, c, a = rsca
    bob = person(a, "Борис Ковалёв")
    a0 = send(a, [r, s, c], tmp_path / "a0.rbundle")
    receive(c, a0)
    values = {"name": "Подставной", "notes": "Заметка C", "city": "Фальшивск"}
    if how == "A edits later":
        values["sensitivity"] = "internal"
    receive(r, restamped(c, r, tmp_path / "c.rbundle", bob, values))
    receive(r, a0)  # whole, every value older: masked
    receive(s, a0)
    if how == "A edits later":
        a.update(bob, {"country": "LT"})
        a1 = send(a, [r, s], tmp_path / "a1.rbundle")
        receive(r, a1)
        receive(s, a1)
    quarantined(r, s, c)
    assert r.get(bob).values["name"] == "Борис Ковалёв"
    assert r.get(bob).values.get("city") is None, "C's made-up city survived the quarantine"
    assert r.get(bob).values.get("notes") is None, "C's made-up note survived the quarantine"
    assert r.digest() == s.digest()
