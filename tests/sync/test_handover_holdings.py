"""Who holds what, handed to the successor with the post (DESIGN §6.4.2; sync.inherit).

After a handover a flag the successor sets, a notice the successor passes on and an erasure
the successor makes reach whoever the predecessor sent the record to: every bundle the
retired vault writes for its successor carries the statement and the holdings, which only
the successor named takes, only from its predecessor."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.errors import BundleError, TrustError
from registry.service import Registry
from registry.sync import agecrypt, container, inherit, payload

from .forge import files, forge
from .vaults import introduce, make_vault, person, receive, send

HER = "Ольга Тайная"


@pytest.fixture
def post(tmp_path: Path) -> Iterator[dict[str, Registry]]:
    """A shares her with C and D, then hands over to B (verified in person both ways)."""
    v = {n: make_vault(tmp_path, n) for n in ("A", "B", "C", "D")}
    introduce(*v.values())
    v["A"].sharing.add_card(v["B"].sharing.card(), verified_method="in_person")
    yield v
    for vault in v.values():
        vault.lock()


def statement(a: Registry, b: Registry) -> bytes:
    path = a.paths.root.parent / "succession.json"
    a.sharing.handover_statement(b.identity.fingerprint, path)
    return path.read_bytes()


def handed(v: dict[str, Registry], tmp_path: Path) -> str:
    """Her record at C and D (from A); A's statement; A's bundle for B; all accept."""
    a, b = v["A"], v["B"]
    her = person(a, HER, notes="Q")
    for name in ("C", "D"):
        receive(v[name], send(a, [v[name]], tmp_path / f"a-{name}.rbundle"))
    data = statement(a, b)
    [report] = receive(b, send(a, [b], tmp_path / "handover.rbundle", mode="include",
                                ceiling="protected"))
    assert report.holdings_inherited == 2  # her, held by C and by D (not B's own, nor A's)
    for name in ("B", "C", "D"):
        accepted = v[name].sharing.accept_handover(data)
    assert accepted.inherited  # the last, B's own: the bundle came first
    return her


def flagged(vault: Registry, record_id: str) -> bool:
    return bool(vault.get(record_id).values.get("inside_russia"))


def test_the_successors_flag_reaches_whoever_the_predecessor_sent_the_record(
        post: dict[str, Registry], tmp_path: Path) -> None:
    b, c = post["B"], post["C"]
    her = handed(post, tmp_path)
    b.update(her, {"inside_russia": True})
    request = b.sharing.request(to=[c.identity.fingerprint], notices_only=True)
    assert b.sharing.preview_export(request).notices == 1
    receive(c, send(b, [c], tmp_path / "b-c.rbundle"))
    assert flagged(c, her)


def test_the_successor_passes_a_colleagues_flag_on_to_them(post: dict[str, Registry],
                                                         tmp_path: Path) -> None:
    b, c, d = post["B"], post["C"], post["D"]
    her = handed(post, tmp_path)
    c.update(her, {"inside_russia": True})
    receive(b, send(c, [b], tmp_path / "c-b.rbundle"))
    receive(d, send(b, [d], tmp_path / "b-d.rbundle"))
    assert flagged(d, her)


def test_the_successors_erasure_reaches_them_held_for_their_official(
        post: dict[str, Registry], tmp_path: Path) -> None:
    """By real id, as it would have from the predecessor; not the record's creator, B's
    erasure waits there for the official (§6.5.4)."""
    b, c = post["B"], post["C"]
    her = handed(post, tmp_path)
    b.update(her, {"inside_russia": True})  # protected: her erasure goes by real id only
    b.erase(her)  # to those sent her real id before
    [report] = receive(c, send(b, [c], tmp_path / "erase.rbundle"))
    assert [h["id"] for h in report.held] == [her]


def test_a_bundle_written_before_the_statement_hands_nothing_and_accepting_says_so(
        post: dict[str, Registry], tmp_path: Path) -> None:
    a, b, c = post["A"], post["B"], post["C"]
    her = person(a, HER)
    receive(c, send(a, [c], tmp_path / "a-c.rbundle"))
    [report] = receive(b, send(a, [b], tmp_path / "early.rbundle", mode="include"))
    assert report.holdings_inherited == 0
    accepted = b.sharing.accept_handover(statement(a, b))
    assert accepted.own_post and not accepted.inherited
    assert accepted.to_json()["holdings_inherited"] is False
    b.update(her, {"inside_russia": True})
    request = b.sharing.request(to=[c.identity.fingerprint], notices_only=True)
    assert b.sharing.preview_export(request).notices == 0  # what the warning is for


def test_a_replay_and_a_dry_run_change_nothing(post: dict[str, Registry],
                                               tmp_path: Path) -> None:
    a, b = post["A"], post["B"]
    person(a, HER)
    receive(post["C"], send(a, [post["C"]], tmp_path / "a-c.rbundle"))
    statement(a, b)
    bundle = send(a, [b], tmp_path / "handover.rbundle")
    before = files(b)
    [dry] = receive(b, bundle, dry_run=True)
    assert dry.holdings_inherited == 1 and files(b) == before
    receive(b, bundle)
    again = send(a, [b], tmp_path / "again.rbundle")  # the same holdings, a new bundle
    [report] = receive(b, again)
    assert report.holdings_inherited == 1 and report.import_id is None


def decrypt(path: Path, vault: Registry) -> list[dict[str, Any]]:
    opened = container.open_bundle(path)
    plain = agecrypt.decrypt(opened.payload, vault.official_keys.age_identity,
                             max_size=1 << 26)
    _, lines = payload.decode(plain, max_uncompressed=1 << 26, max_line=1 << 20,
                              max_lines=100_000)
    return lines


def sealed(v: dict[str, Registry], record_id: str, held: tuple[int, int] | None = None,
           holder: str = "C") -> str:
    """``record_id`` sealed as A's vault seals it for B (``inherit.seal``): held by
    ``holder`` (a vault's name, or a holder's name as the log gives it) at ``held``."""
    key = inherit.seal_key(v["A"].identity.fingerprint, v["B"].identity.fingerprint)
    name = v[holder].identity.fingerprint if holder in v else holder
    return inherit.seal(key, record_id, None if held is None else (name, *held))


def test_the_holdings_name_no_record_and_open_only_with_what_the_successor_holds(
        post: dict[str, Registry], tmp_path: Path) -> None:
    """The holdings named every record the predecessor had sent anyone, by real id, with
    its level and flag, whatever the bundle's ceiling: a protected person's id went to a
    successor never sent her (§6.4.4) (was). They are sealed: the successor's vault opens
    those of the records it holds — from the predecessor or from anyone else — and learns
    nothing of the others."""
    a, b, c, d = post["A"], post["B"], post["C"], post["D"]
    her, other = person(a, HER, inside_russia=True), person(a, "Вера Кузнецова")
    theirs = person(c, "Ирина Лебедева", sensitivity="confidential")
    receive(b, send(c, [b], tmp_path / "c-b.rbundle", ceiling="confidential"))
    receive(a, send(c, [a], tmp_path / "c-a.rbundle", ceiling="confidential"))
    receive(b, send(a, [b], tmp_path / "a-b.rbundle"))  # B holds Вера, internal
    a.update(other, {"sensitivity": "confidential"})
    for vault in (c, d):  # C and D hold her (protected), Вера and Ирина from A
        receive(vault, send(a, [vault], tmp_path / f"a-{vault.identity.name}.rbundle",
                            mode="include", ceiling="protected"))
    with a.store.write():  # and C knows her by real id beyond what C holds (known_by)
        a.store.conn.execute("INSERT INTO known_by (person_id, holder) VALUES (?, ?)",
                             (her, c.identity.fingerprint))
    data = statement(a, b)
    bundle = send(a, [b], tmp_path / "handover.rbundle", mode="pseudonymise")
    holdings = [line for line in decrypt(bundle, b) if "holder" in line]
    assert {line["holder"] for line in holdings} == {c.identity.fingerprint,
                                                      d.identity.fingerprint}
    assert not {her, other, theirs} & set(json.dumps(holdings).split('"'))  # no id, sealed
    of_c = next(line for line in holdings if line["holder"] == c.identity.fingerprint)
    assert sorted(of_c["held"]) == sorted(
        sealed(post, r, held) for r, held in ((her, (3, 1)), (other, (2, 0)), (theirs, (2, 0))))
    assert of_c["known"] == [sealed(post, her)]
    of_d = next(line for line in holdings if line["holder"] == d.identity.fingerprint)
    assert sorted(of_d["held"]) == sorted(  # one seal a record; its level masked for D
        sealed(post, r, held, "D") for r, held in ((her, (3, 1)), (other, (2, 0)),
                                                   (theirs, (2, 0))))
    receive(b, bundle)  # Вера's notice raises her here
    b.sharing.accept_handover(data)
    # opened: Вера (from A) and Ирина (from C); nothing of her, whom B does not hold
    for vault in (c, d):
        assert held_by(b, vault) == {other: ("person", 2, 0), theirs: ("person", 2, 0)}
    assert b.store.conn.execute("SELECT count(*) FROM known_by WHERE person_id = ?",
                                (her,)).fetchone()[0] == 0
    b.update(theirs, {"inside_russia": True})  # B's flag reaches D, whom C never sent her
    receive(d, send(b, [d], tmp_path / "b-d.rbundle"))
    assert flagged(d, theirs)


def test_a_record_that_arrives_after_the_acceptance_opens_what_waits_sealed(
        post: dict[str, Registry], tmp_path: Path) -> None:
    """What no record here opened at the acceptance was dropped: a record a colleague sent
    the successor only after it, held from the predecessor by another, never reached them
    with the successor's flag (was). It waits sealed, opened as records arrive; the control:
    the same record arrived before the acceptance."""
    a, b, c, d = post["A"], post["B"], post["C"], post["D"]
    her = person(a, HER, sensitivity="confidential")
    for vault in (c, d):
        receive(vault, send(a, [vault], tmp_path / f"a-{vault.identity.name}.rbundle",
                            ceiling="confidential"))
    other = person(a, "Вера Кузнецова", sensitivity="confidential")
    receive(d, send(a, [d], tmp_path / "a-d2.rbundle", ceiling="confidential"))
    data = statement(a, b)
    receive(b, send(a, [b], tmp_path / "handover.rbundle"))  # neither: above its ceiling
    b.sharing.accept_handover(data)
    assert held_by(b, d) == {} and pending(b) == 3  # her, held by C and D; Вера, by D
    receive(b, send(c, [b], tmp_path / "c-b.rbundle", ceiling="confidential"))
    assert held_by(b, d) == {her: ("person", 2, 0)} and pending(b) == 1
    assert other not in held_by(b, d)
    assert b.store.conn.execute("SELECT predecessor FROM sealed_key").fetchall() == [
        (a.identity.fingerprint,)]
    b.update(her, {"inside_russia": True})
    receive(d, send(b, [d], tmp_path / "b-d.rbundle"))
    assert flagged(d, her)


def test_a_revocation_after_the_acceptance_drops_what_waits_sealed(
        post: dict[str, Registry], tmp_path: Path) -> None:
    """The acceptance retires the predecessor's key and keeps what waits sealed; a
    revocation (or quarantine) after it is the official's word against the predecessor's:
    what waits went on opening, on the revoked key's word, as records arrived (was)."""
    a, b, c, d = post["A"], post["B"], post["C"], post["D"]
    her = person(a, HER, sensitivity="confidential")
    for vault in (c, d):
        receive(vault, send(a, [vault], tmp_path / f"a-{vault.identity.name}.rbundle",
                            ceiling="confidential"))
    data = statement(a, b)
    receive(b, send(a, [b], tmp_path / "handover.rbundle"))
    b.sharing.accept_handover(data)
    assert pending(b) == 2
    b.sharing.revoke(a.identity.fingerprint)
    assert pending(b) == 0
    assert b.store.conn.execute("SELECT count(*) FROM sealed_key").fetchone()[0] == 0
    receive(b, send(c, [b], tmp_path / "c-b.rbundle", ceiling="confidential"))
    assert b.get(her) and her not in held_by(b, d)


# -- what a well-signed but hostile bundle can do with them ---------------------------------
def holdings(v: dict[str, Registry], holder: Registry, record_id: str) -> dict[str, object]:
    return {"holder": holder.identity.fingerprint,
            "held": [sealed(v, record_id, (1, 0), holder.identity.name)], "known": []}


@pytest.mark.parametrize(("lines", "refused"), [
    (lambda v, s, r: [holdings(v, v["C"], r)], "only after the sender's succession statement"),
    (lambda v, s, r: [{"succession": s.decode()}, {"holder": "Bob", "held": [], "known": []}],
     "holdings are malformed"),
    (lambda v, s, r: [{"succession": s.decode()}, {**holdings(v, v["C"], r), "held": [[r]]}],
     "holdings are malformed"),
    (lambda v, s, r: [{"succession": s.decode()},
                      {**holdings(v, v["C"], r), "held": [sealed(v, r)[:32] + "8"]}],
     "holdings are malformed"),
    (lambda v, s, r: [{"succession": s.decode()}, {**holdings(v, v["C"], r), "known": [r]}],
     "holdings are malformed"),
    (lambda v, s, r: [{"succession": s.decode()}, {"succession": s.decode()}],
     "not one succession statement"),
    (lambda v, s, r: [{"succession": s.decode().replace("registry", "registrz")}],
     "succession statement"),
], ids=["no-statement", "holder", "entry", "level", "id", "two-statements", "altered"])
def test_holdings_come_only_after_a_statement_and_well_formed(
        post: dict[str, Registry], tmp_path: Path, lines, refused: str) -> None:
    a, b = post["A"], post["B"]
    her = person(a, HER)
    data = statement(a, b)
    before = files(b)
    bundle = forge(a, b, tmp_path / "f.rbundle", [], lines(post, data, her))
    with pytest.raises((BundleError, TrustError), match=refused):
        receive(b, bundle)
    assert files(b) == before


def test_only_the_successor_named_takes_them_from_its_predecessor(
        post: dict[str, Registry], tmp_path: Path) -> None:
    """A statement naming B, in A's bundle to C, or in C's bundle to B: refused, unchanged."""
    a, b, c = post["A"], post["B"], post["C"]
    her = person(a, HER)
    data = statement(a, b)
    lines = [{"succession": data.decode()}, holdings(post, post["D"], her)]
    for sender, receiver in ((a, c), (c, b)):
        before = files(receiver)
        with pytest.raises(TrustError, match="does not hand its sender's post to this vault"):
            receive(receiver, forge(sender, receiver, tmp_path / "f.rbundle", [], lines))
        assert files(receiver) == before
    assert inherit.is_line(lines[0]) and inherit.is_line(lines[1])


# -- claims: checked by the successor's vault, taken only when its official accepts ----------
def pending(vault: Registry) -> int:
    return int(vault.store.conn.execute("SELECT count(*) FROM inherited_holding").fetchone()[0])


def held_by(vault: Registry, holder: Registry) -> dict[str, tuple[str, int, int]]:
    return {str(r): (str(k), int(lv), int(i)) for r, k, lv, i in vault.store.conn.execute(
        "SELECT record_id, kind, level, inside FROM sent_record WHERE recipient = ?",
        (holder.identity.fingerprint,))}


def test_a_claim_never_keeps_a_notice_away(post: dict[str, Registry], tmp_path: Path) -> None:
    """A seized predecessor key said C held her protected and flagged: the successor's own
    notice to C was then never sent (was). A claim counts at no higher a level than the
    successor holds her at, under her kind here."""
    a, b, c, d = post["A"], post["B"], post["C"], post["D"]
    her, never = person(a, HER), str(uuid.uuid4())
    receive(c, send(a, [c], tmp_path / "a-c.rbundle"))
    receive(d, send(a, [d], tmp_path / "a-d.rbundle"))
    data = statement(a, b)
    receive(b, send(a, [b], tmp_path / "handover.rbundle", mode="include"))
    receive(b, forge(a, b, tmp_path / "claims.rbundle", [], [
        {"succession": data.decode()},
        {"holder": c.identity.fingerprint, "held": [sealed(post, her, (3, 1))], "known": []},
        {"holder": d.identity.fingerprint, "held": [sealed(post, her, (0, 0), "D")],
         "known": []},
        {"holder": c.identity.fingerprint, "held": [sealed(post, never, (0, 0))],
         "known": []}]))  # a record this vault never had: waits, sealed, for it to come
    assert pending(b) == 5  # and the honest two: a claim at each level waits
    b.sharing.accept_handover(data)
    assert held_by(b, c)[her] == ("person", 1, 0) and held_by(b, d)[her] == ("person", 0, 0)
    assert never not in held_by(b, c)
    assert pending(b) == 1
    b.update(her, {"inside_russia": True})
    for vault in (c, d):
        receive(vault, send(b, [vault], tmp_path / f"b-{vault.identity.name}.rbundle"))
        assert flagged(vault, her)


def test_what_a_seized_key_hands_over_waits_and_goes_with_it(post: dict[str, Registry],
                                                            tmp_path: Path) -> None:
    """A seized key can sign a statement naming any colleague: what it hands over waits
    for that vault's official to accept the statement, and goes when the key is revoked."""
    a, b, c = post["A"], post["B"], post["C"]
    her = person(b, HER)
    receive(a, send(b, [a], tmp_path / "b-a.rbundle"))
    data = statement(a, b)  # no handover B knows of
    [report] = receive(b, forge(a, b, tmp_path / "seized.rbundle", [], [
        {"succession": data.decode()},
        {"holder": c.identity.fingerprint, "held": [sealed(post, her, (1, 0))],
         "known": [sealed(post, her)]}]))
    assert report.holdings_inherited == 2 and pending(b) == 2
    assert held_by(b, c) == {}  # nothing of it is this vault's
    b.sharing.revoke(a.identity.fingerprint)
    assert pending(b) == 0


def test_whom_a_holder_is_said_to_know_is_kept_as_a_claim(post: dict[str, Registry],
                                                         tmp_path: Path) -> None:
    """As a joint bundle's manifest says it (``co:``): no pseudonym of her goes to them, but
    her pseudonym's tombstone still does — a claim cannot keep her erasure from a stub."""
    a, b, c = post["A"], post["B"], post["C"]
    her = person(a, HER, inside_russia=True)
    data = statement(a, b)
    receive(b, send(a, [b], tmp_path / "handover.rbundle", mode="include", ceiling="protected"))
    receive(b, forge(a, b, tmp_path / "claims.rbundle", [], [
        {"succession": data.decode()},
        {"holder": c.identity.fingerprint, "held": [], "known": [sealed(post, her)]}]))
    b.sharing.accept_handover(data)
    assert b.store.conn.execute("SELECT holder FROM known_by WHERE person_id = ?",
                                (her,)).fetchall() == [("co:" + c.identity.fingerprint,)]


def test_what_comes_in_any_order_before_the_acceptance_counts(post: dict[str, Registry],
                                                               tmp_path: Path) -> None:
    """The holdings waited only for records held when they came (a small bundle read before
    the one with the records lost them, though the preview said they had come), a claim
    kept the first of two (a seized key's came first), and a record erased here before the
    acceptance was left out (her erasure never reached whoever held her) (was)."""
    a, b, c = post["A"], post["B"], post["C"]
    her, other = person(a, HER), person(a, "Вера Кузнецова")
    receive(c, send(a, [c], tmp_path / "a-c.rbundle"))
    early = send(a, [b], tmp_path / "early.rbundle", mode="include")  # the records
    data = statement(a, b)
    forged = forge(a, b, tmp_path / "forged.rbundle", [], [
        {"succession": data.decode()},
        {"holder": c.identity.fingerprint, "held": [sealed(post, other, (3, 1))],
         "known": []}])
    receive(b, forged)  # first: a claim that C holds Вера protected and flagged
    receive(b, send(a, [b], tmp_path / "small.rbundle", notices_only=True))  # the holdings
    receive(b, early)
    b.update(other, {"inside_russia": True})  # raised before the acceptance
    b.update(her, {"inside_russia": True})
    b.erase(her)  # erased before the acceptance
    b.sharing.accept_handover(data)
    [report] = receive(c, send(b, [c], tmp_path / "b-c.rbundle"))
    assert flagged(c, other)
    assert [h["id"] for h in report.held] == [her]  # her erasure reached C, waiting there


def test_what_is_handed_over_is_bounded_and_its_own_holdings_skipped(
        post: dict[str, Registry], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A seized key may send any number of bundles before its statement is accepted, or
    never be: what one predecessor leaves waiting is bounded; what it says this vault, or
    it itself, holds is not kept."""
    a, b, c, d = post["A"], post["B"], post["C"], post["D"]
    her = person(a, HER)
    data = statement(a, b)
    own = [{"holder": name, "held": [sealed(post, her, (1, 0), name)], "known": []}
           for name in (b.identity.fingerprint, "age:" + b.identity.age_recipient,
                        a.identity.fingerprint)]
    [report] = receive(b, forge(a, b, tmp_path / "own.rbundle", [],
                                [{"succession": data.decode()}, *own]))
    assert report.holdings_inherited == 3 and pending(b) == 0
    monkeypatch.setattr(inherit, "MAX_HOLDERS", 1)
    before = files(b)
    lines = [{"succession": data.decode()}, *(
        {"holder": v.identity.fingerprint, "held": [sealed(post, her, (1, 0),
                                                           v.identity.name)], "known": []}
        for v in (c, d))]
    with pytest.raises(BundleError, match="more holders than 1"):
        receive(b, forge(a, b, tmp_path / "many.rbundle", [], lines))
    assert files(b) == before
    receive(b, forge(a, b, tmp_path / "one.rbundle", [], lines[:2]))
    assert pending(b) == 1


def test_a_resent_holding_is_not_counted_again_and_a_bare_key_claims_nothing(
        post: dict[str, Registry], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bundle after the statement hands the holdings over again: counted as waiting
    anew, they refused an honest predecessor's later bundles whole (was). A claim under a
    bare key no official here has yet would, once their card is added, be one of their
    names, whose highest level counts: it counts for nothing."""
    a, b, c, d = post["A"], post["B"], post["C"], post["D"]
    her = person(a, HER)
    for vault in (c, d):
        receive(vault, send(a, [vault], tmp_path / f"a-{vault.identity.name}.rbundle"))
    data = statement(a, b)
    monkeypatch.setattr(inherit, "MAX_ENTRIES", 2)
    receive(b, send(a, [b], tmp_path / "handover.rbundle", mode="include"))
    person(a, "Вера Кузнецова")
    receive(b, send(a, [b], tmp_path / "next.rbundle"))  # the same two holdings again
    assert pending(b) == 2
    monkeypatch.setattr(inherit, "MAX_ENTRIES", 3)
    stranger = make_vault(tmp_path, "E")  # no card of theirs in B's vault
    key = "age:" + stranger.identity.age_recipient
    receive(b, forge(a, b, tmp_path / "bare.rbundle", [], [
        {"succession": data.decode()},
        {"holder": key, "held": [sealed(post, her, (3, 1), key)], "known": []}]))
    b.sharing.accept_handover(data)
    assert b.store.conn.execute("SELECT level, inside FROM sent_record WHERE recipient = ? "
                                "AND record_id = ?", (key, her)).fetchall() == [(0, 0)]
    stranger.lock()
