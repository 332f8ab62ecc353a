"""Handing a post over: the succession statement, accepted by colleagues (issue 15)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.errors import TrustError
from registry.service import Registry
from registry.sync.handover import (
    MAX_STATEMENT,
    RETIRED_META,
    make_statement,
    parse_statement,
)
from registry.sync.keys import OfficialKeys
from registry.sync.trust import SUCCESSION

from .vaults import introduce, make_vault, person, receive, send


def statement_of(a: Registry, successor: Registry) -> bytes:
    """A's statement naming ``successor``, written beside A's vault folder and read back."""
    path = a.paths.root.parent / f"succession-{successor.identity.name}.json"
    retired = a.sharing.handover_statement(successor.identity.fingerprint, path)
    assert retired.successor == successor.identity.fingerprint
    return path.read_bytes()


def trust_state(reg: Registry) -> list[tuple[str, str, str | None]]:
    return [(o.fingerprint, o.trust, o.verified_method) for o in reg.sharing.officials()]


def audit_length(reg: Registry) -> int:
    return int(reg.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0])


@pytest.fixture
def post(tmp_path: Path):
    """A hands over to B; C is A's colleague (A verified there, B unknown to C)."""
    a, b, c = (make_vault(tmp_path, n) for n in ("Anna", "Boris", "Clara"))
    introduce(a, c)
    a.sharing.add_card(b.sharing.card(), verified_method="in_person")
    b.sharing.add_card(a.sharing.card(), verified_method="in_person")
    yield a, b, c
    for v in (a, b, c):
        v.lock()


def test_a_verified_colleagues_statement_trusts_the_successor_and_retires_them(
        post, tmp_path: Path) -> None:
    a, b, c = post
    old_bundle = send(a, [c], tmp_path / "before.rbundle")  # signed before the handover
    statement = statement_of(a, b)
    assert a.sharing.retirement().successor == b.identity.fingerprint

    shown = c.sharing.preview_handover(statement)
    assert (shown.predecessor.name, shown.successor.name) == ("Anna", "Boris")
    accepted = c.sharing.accept_handover(statement)
    assert not accepted.successor_was_verified
    officials = {o.fingerprint: o for o in c.sharing.officials()}
    assert officials[b.identity.fingerprint].verified
    assert officials[b.identity.fingerprint].verified_method == SUCCESSION
    assert officials[a.identity.fingerprint].revoked
    # colleagues who accepted send to the successor; what the predecessor signs is refused
    person(c, "Вера Кузнецова")
    b.sharing.add_card(c.sharing.card(), verified_method="safety_number")
    assert receive(b, send(c, [b], tmp_path / "c-to-b.rbundle"))[0].counts["new"] >= 1
    with pytest.raises(TrustError, match="revoked"):
        receive(c, old_bundle)


def test_the_retired_vault_writes_for_its_successor_only(post, tmp_path: Path) -> None:
    a, b, c = post
    person(a, "Глеб Орлов", sensitivity="protected", inside_russia=True)
    statement_of(a, b)
    with pytest.raises(TrustError, match="successor only"):
        send(a, [c], tmp_path / "to-c.rbundle")
    with pytest.raises(TrustError, match="successor only"):
        send(a, [b, c], tmp_path / "to-both.rbundle")
    with pytest.raises(TrustError, match="already handed"):
        statement_of(a, c)
    send(a, [b], tmp_path / "handover.rbundle", ceiling="protected", mode="include")
    receive(b, tmp_path / "handover.rbundle")
    assert b.digest() == a.digest()


def test_the_successor_must_be_verified_in_person(post) -> None:
    a, _b, c = post
    before = audit_length(a)
    with pytest.raises(TrustError, match="in person"):
        statement_of(a, c)  # verified by safety number only
    assert a.sharing.retirement() is None and audit_length(a) == before
    assert a.store.meta_get(RETIRED_META) is None


def forged(by: OfficialKeys, predecessor_card: bytes, successor_card: bytes) -> bytes:
    return make_statement(by, predecessor_card, successor_card, "2026-12-01T09:00:00+00:00")


def test_a_statement_not_signed_by_the_predecessor_changes_nothing(post, tmp_path: Path) -> None:
    a, b, c = post
    mallory = make_vault(tmp_path, "Mallory")
    try:
        bad = forged(mallory.official_keys, a.sharing.card(), mallory.sharing.card())
        state, length = trust_state(c), audit_length(c)
        for attempt in (c.sharing.accept_handover, c.sharing.preview_handover):
            with pytest.raises(TrustError, match="forged or altered"):
                attempt(bad)
        assert trust_state(c) == state and audit_length(c) == length
        # positive control: the same statement signed with A's own key is accepted
        good = forged(a.official_keys, a.sharing.card(), b.sharing.card())
        assert c.sharing.accept_handover(good).successor.fingerprint == b.identity.fingerprint
    finally:
        mallory.lock()


def test_an_altered_statement_is_refused(post) -> None:
    a, b, c = post
    statement = statement_of(a, b)
    obj = json.loads(statement)
    obj["issued_at"] = "2030-01-01T00:00:00+00:00"  # re-dated, still canonical
    altered = json.dumps(obj, sort_keys=True, separators=(",", ":"),
                         ensure_ascii=False).encode() + b"\n"
    state = trust_state(c)
    with pytest.raises(TrustError, match="forged or altered"):
        c.sharing.accept_handover(altered)
    with pytest.raises(TrustError, match="canonical"):
        c.sharing.accept_handover(statement.replace(b'{"', b'{ "', 1))
    assert trust_state(c) == state


def test_only_a_verified_predecessor_can_name_a_successor(post, tmp_path: Path) -> None:
    a, b, c = post
    statement = statement_of(a, b)
    stranger = make_vault(tmp_path, "Stranger")
    try:
        with pytest.raises(TrustError, match="not in your trust store"):
            stranger.sharing.accept_handover(statement)
        stranger.sharing.add_card(a.sharing.card())  # added, never verified
        with pytest.raises(TrustError, match="not verified"):
            stranger.sharing.accept_handover(statement)
        assert [o.trust for o in stranger.sharing.officials()] == ["unverified"]
    finally:
        stranger.lock()
    c.sharing.accept_handover(statement)
    with pytest.raises(TrustError, match="revoked or has already retired"):
        c.sharing.accept_handover(statement)  # the predecessor is retired here now
    with pytest.raises(TrustError, match="own"):
        a.sharing.accept_handover(statement)


def test_an_already_verified_successor_keeps_their_verification(post) -> None:
    a, b, c = post
    c.sharing.add_card(b.sharing.card(), verified_method="in_person")
    accepted = c.sharing.accept_handover(statement_of(a, b))
    assert accepted.successor_was_verified
    assert accepted.successor.verified_method == "in_person"


def test_a_revoked_successor_stays_revoked(post) -> None:
    a, b, c = post
    c.sharing.add_card(b.sharing.card())
    c.sharing.revoke(b.identity.fingerprint)
    state = trust_state(c)
    with pytest.raises(TrustError, match="successor's key was revoked"):
        c.sharing.accept_handover(statement_of(a, b))
    assert trust_state(c) == state


def test_size_is_checked_before_parsing() -> None:
    with pytest.raises(TrustError, match="too large"):
        parse_statement(b"{" + b" " * MAX_STATEMENT + b"}")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
def test_any_input_is_a_statement_or_a_trust_error(data: bytes) -> None:
    with contextlib.suppress(TrustError):
        parse_statement(data)


HER = "Мария Сергеевна Ковалёва"


def held(reg: Registry, holder: str) -> list[tuple[str, int, int]]:
    return [tuple(r) for r in reg.store.conn.execute(
        "SELECT record_id, level, inside FROM sent_record WHERE recipient = ? ORDER BY 1",
        (holder,))]


def test_a_late_flag_reaches_the_successor_of_whoever_held_the_record(
        post, tmp_path: Path) -> None:
    a, b, c = post
    her = person(c, HER)
    receive(a, send(c, [a], tmp_path / "c-a.rbundle"))
    receive(b, send(a, [b], tmp_path / "handover.rbundle", mode="include"))
    statement = statement_of(a, b)
    b.sharing.accept_handover(statement)
    c.sharing.accept_handover(statement)  # B trusted by succession only
    b.sharing.add_card(c.sharing.card(), verified_method="safety_number")
    assert b.identity.fingerprint in {h.key for h in c.shared_with(her)}
    c.update(her, {"inside_russia": True})
    request = c.sharing.request(to=[b.identity.fingerprint], notices_only=True)
    assert c.sharing.export(request, tmp_path / "notices.rbundle").exposure.notices == 1
    receive(b, tmp_path / "notices.rbundle")
    assert b.get(her).values.get("inside_russia") is True


@pytest.mark.parametrize("in_order", [True, False])
def test_a_chain_of_handovers_accepted_in_any_order_reaches_the_last_successor(
        post, tmp_path: Path, in_order: bool) -> None:
    """A hands over to B, B to D; Clara accepts the two statements in either order (files
    travel as they do). Out of order, A's statement names a key retired here already: it is
    taken all the same, B's key stays retired, A's is retired, and D, who holds the post,
    is known to hold what A was sent, so a flag Clara sets later reaches D. A successor
    revoked for another reason still refuses the statement (the test above)."""
    a, b, c = post
    d = make_vault(tmp_path, "Dmitri")
    try:
        introduce(b, c)
        b.sharing.add_card(d.sharing.card(), verified_method="in_person")
        d.sharing.add_card(b.sharing.card(), verified_method="in_person")
        her = person(c, HER)
        receive(a, send(c, [a], tmp_path / "c-a.rbundle"))
        first = statement_of(a, b)
        receive(b, send(a, [b], tmp_path / "a-b.rbundle", mode="include"))
        b.sharing.accept_handover(first)
        second = statement_of(b, d)
        receive(d, send(b, [d], tmp_path / "b-d.rbundle", mode="include"))
        d.sharing.accept_handover(second)
        accepted = [c.sharing.accept_handover(s)
                    for s in ([first, second] if in_order else [second, first])]
        out_of_order = accepted[-1] if not in_order else None
        if out_of_order is not None:
            assert out_of_order.heir is not None
            assert out_of_order.heir.fingerprint == d.identity.fingerprint
            assert out_of_order.to_json()["handed_on_to"] == d.identity.fingerprint
            assert out_of_order.successor is not None and out_of_order.successor.revoked
        else:
            assert all(x.heir is None for x in accepted)
        trust = {o.fingerprint: o.trust for o in c.sharing.officials()}
        assert trust[a.identity.fingerprint] == trust[b.identity.fingerprint] == "revoked"
        assert trust[d.identity.fingerprint] == "verified"
        assert d.identity.fingerprint in {h.key for h in c.shared_with(her)}
        c.update(her, {"inside_russia": True})
        d.sharing.add_card(c.sharing.card(), verified_method="safety_number")
        request = c.sharing.request(to=[d.identity.fingerprint], notices_only=True)
        assert c.sharing.export(request, tmp_path / "n.rbundle").exposure.notices == 1
        receive(d, tmp_path / "n.rbundle")
        assert d.get(her).values.get("inside_russia") is True
    finally:
        d.lock()


def test_the_successor_holds_what_the_predecessor_held_and_nothing_else(
        post, tmp_path: Path) -> None:
    a, b, c = post
    kept = person(c, "Вера Кузнецова", sensitivity="confidential")
    by_key = person(c, "Глеб Орлов")
    receive(a, send(c, [a], tmp_path / "c-a.rbundle", ceiling="confidential"))
    # a record sent to A's bare key before A was known here (as logged before it was A's)
    c.store.conn.execute("UPDATE holder SET fingerprint = ? WHERE fingerprint = ?",
                         ("age:" + a.identity.age_recipient, a.identity.fingerprint))
    home = person(c, "Ольга Соколова")  # never sent: not A's, not B's
    before = held(c, "age:" + a.identity.age_recipient)
    assert {r[0] for r in before} == {kept, by_key}
    c.sharing.accept_handover(statement_of(a, b))
    assert held(c, b.identity.fingerprint) == before
    assert home not in {r[0] for r in held(c, b.identity.fingerprint)}
    c.update(home, {"inside_russia": True})
    request = c.sharing.request(to=[b.identity.fingerprint], notices_only=True)
    assert c.sharing.preview_export(request).notices == 0


@pytest.mark.parametrize(("issued_at", "same_key", "refused"), [
    ("not a date", False, "is not a date"),
    ("2026-12-01T09:00:00", False, "has no time zone"),
    ("2026-12-01T09:00:00+00:00", True, "names the same key twice"),
])
def test_a_statement_signed_by_the_predecessor_is_still_read_strictly(
        post, issued_at: str, same_key: bool, refused: str) -> None:
    a, b, c = post
    successor = a.sharing.card() if same_key else b.sharing.card()
    statement = make_statement(a.official_keys, a.sharing.card(), successor, issued_at)
    state = trust_state(c)
    with pytest.raises(TrustError, match=refused):
        c.sharing.preview_handover(statement)
    assert trust_state(c) == state
