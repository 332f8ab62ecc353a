"""A colleague's word for another official's change is not taken, kept or passed on as theirs.

A seized colleague C signs, with C's own key, a tombstone stamped by E, an official this
vault (R) does not know but its colleague D does. R cannot check E's signature. Before, R
took a deletion on C's word and kept C's signature as if it were E's, and sent it on: D,
who knows E's key, found E's stamp with a signature E never made and refused every bundle of
R's whole — one forged line stopped R's sharing with D. Now a claim in an official's name
verifies with that official's key or not at all (only a pseudonym's claims, whose origin
names no official, verify with its maker's): the deletion is dropped, an erasure waits (and
once accepted is the official's own erasure), a forged later tombstone cannot take the
place of the maker's signed one, and the creator's erasure settling a held one leaves the
creator's tombstone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.sync.redact import is_pseudonym_origin
from tests.passphrase import PASSPHRASE

from .forge import forge, signed_by, stamp
from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def vaults(tmp_path: Path) -> Iterator[dict[str, Registry]]:
    """R trusts C, A and D; C and D also know E, whom R never met."""
    v = {n: make_vault(tmp_path, n) for n in ("R", "C", "A", "D", "E")}
    introduce(v["R"], v["C"], v["A"], v["D"])
    introduce(v["C"], v["E"])
    introduce(v["D"], v["E"])
    yield v
    for vault in v.values():
        vault.lock()


def _es_person(v: dict[str, Registry], tmp: Path) -> str:
    """E makes Anna; C relays her to R; D has her from E."""
    anna = person(v["E"], "Анна Смирнова")
    path = send(v["E"], [v["C"], v["D"]], tmp / "e.rbundle")
    receive(v["C"], path)
    receive(v["D"], path)
    receive(v["R"], send(v["C"], [v["R"]], tmp / "c0.rbundle"))
    return anna


def _as_person(v: dict[str, Registry], tmp: Path, name: str) -> str:
    """A makes a person and sends her to R and D."""
    made = person(v["A"], name)
    path = send(v["A"], [v["R"], v["D"]], tmp / "a0.rbundle")
    receive(v["R"], path)
    receive(v["D"], path)
    return made


def _sigs(vault: Registry, record_id: str) -> list[tuple[str, str]]:
    return [(str(f), str(o)) for f, o in vault.store.conn.execute(
        "SELECT field, origin FROM record_sig WHERE record_id = ?", (record_id,))]


def test_a_deletion_on_a_colleagues_word_for_an_unknown_official_is_dropped(
        vaults, tmp_path: Path) -> None:
    """C's deletion of Anna in E's name, signed by C: R cannot check E's signature, and C's
    is C's word, not E's. Dropped and reported (before, applied and kept as E's: R's bundle
    to D, who knows E, was refused whole); R's bundle to D is taken. The control is below."""
    r, c, d, e = vaults["R"], vaults["C"], vaults["D"], vaults["E"]
    anna = _es_person(vaults, tmp_path)
    deletion = Record(anna, Kind.PERSON, {"deleted": True}, {"deleted": stamp(e)})
    [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [deletion], sign=True))
    assert report.counts["deleted"] == 0 and not r.get(anna).values.get("deleted")
    assert [(x["id"], x["fields"]) for x in report.not_applied] == [(anna, ["deleted"])]
    assert _sigs(r, anna) == []
    [to_d] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert to_d.counts["deleted"] == 0 and not d.get(anna).values.get("deleted")


def test_a_later_forged_deletion_does_not_silence_the_makers_own(vaults, tmp_path: Path,
                                                                  ) -> None:
    """A deleted her Bob; R relays it with A's signature. C's later deletion of Bob in E's
    name would have become R's tombstone, which R cannot sign for (so its bundles would
    carry no deletion of Bob at all): dropped, and A's goes on to D."""
    r, c, a, d, e = (vaults[n] for n in ("R", "C", "A", "D", "E"))
    bob = _as_person(vaults, tmp_path, "Борис Ковалёв")
    a.delete(bob)
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    receive(r, forge(c, r, tmp_path / "c1.rbundle", [Record(
        bob, Kind.PERSON, {"deleted": True}, {"deleted": stamp(e, 10**9)})], sign=True))
    assert r.get(bob).stamps["deleted"].origin == a.identity.fingerprint
    [to_d] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert to_d.counts["deleted"] == 1 and d.get(bob).values["deleted"] is True


def test_a_known_officials_own_deletion_still_travels_with_its_signature(
        vaults, tmp_path: Path) -> None:
    """The control: A's deletion of A's record, relayed by C with A's signature, is kept
    with it at R and goes on to D, who applies it."""
    r, c, a, d = vaults["R"], vaults["C"], vaults["A"], vaults["D"]
    bob = person(a, "Борис Ковалёв")
    path = send(a, [r, c, d], tmp_path / "a0.rbundle")
    for vault in (r, c, d):
        receive(vault, path)
    a.delete(bob)
    receive(c, send(a, [c], tmp_path / "a1.rbundle"))
    receive(r, send(c, [r], tmp_path / "c1.rbundle"))
    assert r.get(bob).values["deleted"] is True
    assert _sigs(r, bob) == [("deleted", a.identity.fingerprint)]
    receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert d.get(bob).values["deleted"] is True


def test_a_held_erasure_on_a_colleagues_word_accepted_is_the_officials_own(
        vaults, tmp_path: Path) -> None:
    """C's erasure of Anna in E's name waits at R (E unknown). Accepted, it is R's own
    erasure: R's bundle to D is taken, and D, who has Anna from E, holds R's erasure for
    its own official (R did not make her) instead of refusing the bundle."""
    r, c, d, e = vaults["R"], vaults["C"], vaults["D"], vaults["E"]
    anna = _es_person(vaults, tmp_path)
    forged = Record(anna, Kind.PERSON, {}, {}, erased=stamp(e))
    [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [forged], sign=True))
    assert report.counts["held"] == 1
    r.sharing.add_card(e.sharing.card(), verified_method="safety_number")  # met E since
    [entry] = r.sharing.held_changes()
    assert entry.origin == e.identity.fingerprint
    r.sharing.accept_held(entry.id)
    assert r.store.get(anna).erased.origin == r.identity.fingerprint
    [to_d] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert to_d.counts["held"] == 1 and d.store.get(anna).erased is None


def test_the_creators_erasure_leaves_its_own_tombstone_beside_a_forged_one(
        vaults, tmp_path: Path) -> None:
    """A erased her own Anna; C's forged, later erasure in E's name waits at R. A's
    erasure applies at once (its maker) and settles the held one: R's tombstone stays A's
    (signed by A), and R's bundle to D carries it; D erases her."""
    r, c, a, d, e = (vaults[n] for n in ("R", "C", "A", "D", "E"))
    anna = _as_person(vaults, tmp_path, "Анна Смирнова")
    a.erase(anna)
    forged = Record(anna, Kind.PERSON, {}, {}, erased=stamp(e))
    receive(r, forge(c, r, tmp_path / "c1.rbundle", [forged], sign=True))
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    assert r.store.get(anna).erased.origin == a.identity.fingerprint
    assert r.store.conn.execute("SELECT status FROM held_change").fetchall() == [("accepted",)]
    [to_d] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert to_d.counts["erased"] == 1 and d.store.get(anna).erased is not None


def test_a_revoked_colleagues_held_erasure_is_declined_when_the_creators_comes(
        vaults, tmp_path: Path) -> None:
    """C (revoked since) asked R to erase A's Anna; A's own erasure then comes. C's request
    is declined, not accepted, and leaves no stamp of C's: R's tombstone is A's, and D, who
    revoked C too, erases her from R's bundle."""
    r, c, a, d = vaults["R"], vaults["C"], vaults["A"], vaults["D"]
    anna = person(a, "Анна Смирнова")
    path = send(a, [r, c, d], tmp_path / "a0.rbundle")
    for vault in (r, c, d):
        receive(vault, path)
    c.erase(anna)  # C is not her maker: held at R
    receive(r, send(c, [r], tmp_path / "c1.rbundle"))
    [entry] = r.sharing.held_changes()
    for vault in (r, d):
        vault.sharing.revoke(c.identity.fingerprint)
    a.erase(anna)
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    status = r.store.conn.execute("SELECT status FROM held_change WHERE id = ?",
                                  (entry.id,)).fetchone()[0]
    assert status == "declined"
    assert r.store.get(anna).erased.origin == a.identity.fingerprint
    [to_d] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert to_d.counts["erased"] == 1 and to_d.counts["held"] == 0


def test_v26_drops_the_signatures_kept_on_a_colleagues_word(vaults, tmp_path: Path) -> None:
    """A vault of v25 applied C's deletion of Anna in E's name (E unknown there) and kept
    C's signature as E's; v26 drops it, and the bundle to D, who knows E, is taken (the
    deletion stays home). Control: A's own signature for A's deletion stays and travels."""
    r, c, a, d, e = (vaults[n] for n in ("R", "C", "A", "D", "E"))
    anna = _es_person(vaults, tmp_path)
    bob = _as_person(vaults, tmp_path, "Борис Ковалёв")
    a.delete(bob)
    receive(r, send(a, [r], tmp_path / "a1.rbundle"))
    deleted = Record(anna, Kind.PERSON, {"deleted": True}, {"deleted": stamp(e)})
    with r.store.write():  # as v25 took it: applied on C's word, C's signature kept
        r.store.merge(deleted)
        r.store.conn.execute("INSERT INTO record_sig VALUES (?, 'deleted', ?, ?, ?)", (
            anna, deleted.stamps["deleted"].hlc, e.identity.fingerprint,
            signed_by(c, deleted)["deleted"]))
    r.store.conn.execute("PRAGMA user_version = 25")
    root = r.paths.root
    r.lock()
    vaults["R"] = r = Registry.unlock(root, PASSPHRASE)
    assert _sigs(r, anna) == []
    assert _sigs(r, bob) == [("deleted", a.identity.fingerprint)]
    [to_d] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert to_d.counts["deleted"] == 1 and d.get(bob).values["deleted"] is True


def test_a_forged_erasure_beside_the_makers_converges_whatever_the_order(
        vaults, tmp_path: Path) -> None:
    """A erased her own Anna; C sends a later erasure of her in E's name. R imports C's
    first (it waits, then A's settles it), S imports A's first (Anna is erased when C's
    comes): both end with A's tombstone, one digest."""
    r, c, a, e = (vaults[n] for n in ("R", "C", "A", "E"))
    s = make_vault(tmp_path, "S")
    introduce(s, a, c)
    try:
        anna = person(a, "Анна Смирнова")
        base = send(a, [r, s], tmp_path / "a0.rbundle")
        a.erase(anna)
        makers = send(a, [r, s], tmp_path / "a1.rbundle")
        forged = [Record(anna, Kind.PERSON, {}, {}, erased=stamp(e, 10**9))]
        for vault, order in ((r, ("forged", "makers")), (s, ("makers", "forged"))):
            receive(vault, base)
            for which in order:
                receive(vault, makers if which == "makers" else forge(
                    c, vault, tmp_path / f"c-{vault.identity.name}.rbundle", forged, sign=True))
            assert vault.store.get(anna).erased.origin == a.identity.fingerprint
        assert r.digest() == s.digest()
    finally:
        s.lock()


@pytest.mark.parametrize("whose", ["ordinary", "pseudonymous"])
def test_a_pseudonyms_claim_counts_only_on_a_pseudonymous_copy(vaults, tmp_path: Path,
                                                               whose: str) -> None:
    """A pseudonym names no official: only its maker can sign for it, so any trusted key
    vouches for its claims — on a pseudonymous copy. C deleting A's ordinary Bob under a
    made-up pseudonym would let any colleague's key delete any record in no one's name (and
    only that pseudonym could undelete it): dropped. Control: C's own pseudonymous stub of a
    protected person, deleted under its pseudonym, is."""
    r, c, a = (vaults[n] for n in ("R", "C", "A"))
    if whose == "ordinary":
        bob = person(a, "Борис Ковалёв")
        receive(r, send(a, [r], tmp_path / "a0.rbundle"))
        made_up = Stamp(stamp(c).hlc, "0123456789abcdef" * 2)
        [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [Record(
            bob, Kind.PERSON, {"deleted": True}, {"deleted": made_up})], sign=True))
        assert report.counts["deleted"] == 0 and not r.get(bob).values.get("deleted")
        assert _sigs(r, bob) == []
        return
    her = person(c, "Ольга Тайная", inside_russia=True, region="RU-SAM")
    path = send(c, [r], tmp_path / "c0.rbundle", mode="pseudonymise")
    receive(r, path)
    [stub] = [rec for rec in r.store.iter_records(Kind.PERSON) if rec.id != her
              and rec.stamps and is_pseudonym_origin(next(iter(rec.stamps.values())).origin)]
    origin = next(iter(stub.stamps.values())).origin
    deletion = Record(stub.id, Kind.PERSON, {"deleted": True},
                      {"deleted": Stamp(stamp(c).hlc, origin)})
    [report] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [deletion], sign=True))
    assert report.counts["deleted"] == 1 and r.get(stub.id).values["deleted"] is True
    assert r.store.conn.execute(  # kept, to pass it on: its maker's word is the pseudonym's
        "SELECT count(*) FROM record_sig WHERE record_id = ? AND field = 'deleted' AND hlc = ? "
        "AND origin = ?", (stub.id, deletion.stamps["deleted"].hlc, origin)).fetchone()[0] == 1


@pytest.mark.parametrize("claim", ["deleted", "erased"])
def test_a_pseudonyms_claim_on_a_record_not_yet_here_is_no_copys(vaults, tmp_path: Path,
                                                                 claim: str) -> None:
    """C knows the id of A's Bob before R holds him, and gets a line there first under that
    id, every stamp a made-up pseudonym's: R holds no Bob, so the line looked like a copy
    and C's key vouched for its deletion (or erasure); A's Bob, arriving next, stayed
    deleted (erased) in no one's name, while D, who had Bob first, dropped the same line —
    two orders, two vaults (an erasure, once a line under the pseudonym made R's Bob a
    "copy", applied at once and for good). A record made here or by a colleague has a
    time-ordered id, never a pseudonym's: such a claim is no copy's, whoever gets there
    first. Control: a pseudonym-shaped id's line is still a copy's when it comes first."""
    r, c, a, d = (vaults[n] for n in ("R", "C", "A", "D"))
    bob = person(a, "Борис Ковалёв")
    a_bundle = send(a, [r, c, d], tmp_path / "a0.rbundle")
    receive(c, a_bundle)
    made_up = "0123456789abcdef" * 2

    def line(record_id: str) -> Record:
        fake = Stamp(stamp(c).hlc, made_up)
        if claim == "erased":
            return Record(record_id, Kind.PERSON, {}, {}, erased=fake)
        return Record(record_id, Kind.PERSON, {"name": "x", "deleted": True},
                      {"name": fake, "deleted": fake})

    planted = line(bob)
    # an erasure applies at once to a pseudonymous copy held here: the copy comes first
    made = Record(bob, Kind.PERSON, {"name": "x"}, {"name": Stamp(stamp(c).hlc, made_up)})
    if claim == "erased":
        receive(r, forge(c, r, tmp_path / "c-r0.rbundle", [made], sign=True))
    [first] = receive(r, forge(c, r, tmp_path / "c-r.rbundle", [planted], sign=True))
    receive(r, a_bundle)
    receive(d, a_bundle)
    receive(d, forge(c, d, tmp_path / "c-d.rbundle", [planted], sign=True))
    for vault in (r, d):
        assert vault.store.get(bob).erased is None
        assert not vault.get(bob).values.get("deleted")
    if claim == "erased":  # it waits for the official, in both
        assert first.total("held") == 1
        assert [h.record_id for h in r.sharing.held_changes()] == [bob]
    else:
        assert first.counts["deleted"] == 0
        assert r.digest() == d.digest()
    # control: a pseudonym-shaped id's line is a copy's (an erasure waits only when the
    # record is not here yet: it would erase it when it comes, as any erasure would)
    stub = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"  # of the form a pseudonym's id takes
    if claim == "erased":
        receive(r, forge(c, r, tmp_path / "c-r1.rbundle", [replace(made, id=stub)], sign=True))
    [control] = receive(r, forge(c, r, tmp_path / "c-r2.rbundle", [line(stub)], sign=True))
    assert control.total("held") == 0
    if claim == "erased":
        assert control.counts["erased"] == 1 and r.store.get(stub).erased is not None
    else:
        assert control.counts["deleted"] == 1 and r.get(stub).values["deleted"] is True
