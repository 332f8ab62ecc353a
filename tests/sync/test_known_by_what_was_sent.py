"""Who knows a protected person by real id is read from what they were sent (DESIGN §6.4.4).

Her pseudonym's tombstone stays home for a recipient who was sent her real id (it would pair
with it), and goes to everyone else who holds her stub: a record they hold that names her
*here* only since (an edit here, a colleague's bundle re-pointing a tie) told them nothing,
and counting it kept her erasure from the stub they hold for good.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.service import Registry
from registry.store import schema
from registry.sync.exporter import Scope
from registry.sync.redact import OmitReason

from .test_unlinkable import decrypted
from .test_unlinkable_attacks import pseudonyms_for
from .vaults import person, receive, send, trusted


@pytest.fixture
def abc(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    with trusted(tmp_path, "Alice", "Bob", "Carol") as vaults:
        yield vaults  # type: ignore[misc]


def _stubs(lines: list[dict[str, Any]]) -> list[str]:
    return [x["id"] for x in lines if x["kind"] == "person"
            and str((x.get("values") or {}).get("name", "")).startswith("Pseudonym")]


def _erased_here(vault: Registry, record_id: str) -> bool:
    record = vault.store.get(record_id)
    return record is not None and record.erased is not None


def _stub_of_her(a: Registry, b: Registry, tmp_path: Path, *extra: str) -> tuple[str, str]:
    """Alice holds her (inside Russia) and an event of exiles; Bob receives her stub and the
    event, which does not list her. Returns (her id, her stub's id at Bob)."""
    her = person(a, "Мария Смирнова", region="RU-MOW", inside_russia=True)
    _, lines = decrypted(send(a, [b], tmp_path / "first.rbundle", mode="pseudonymise"), b)
    receive(b, tmp_path / "first.rbundle")
    [stub] = _stubs(lines)
    assert b.store.get(stub) is not None and all(x in {y["id"] for y in lines} for x in extra)
    return her, stub


# ---- her erasure reaches the stub of one who was never sent her id --------------------------
@pytest.mark.parametrize("mode", ["pseudonymise", "exclude"])
def test_erasure_reaches_the_stub_after_an_event_here_lists_her(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path, mode: str) -> None:
    """Bob holds her stub and an event that does not list her. Alice then adds her to the
    event (she attended too) and erases her: was, Bob counted as knowing her real id (the
    event *here* lists her), so neither tombstone went and Bob kept her stub for good."""
    a, b, _ = abc
    exile = person(a, "Exile One", country="DE")
    event = a.add(Kind.EVENT, {"title": "Vilnius forum", "start": "2026-03-01",
                               "participants": [exile]}).id
    her, stub = _stub_of_her(a, b, tmp_path, event)
    a.update(event, {"participants": [exile, her]})
    a.erase(her)
    text, lines = decrypted(send(a, [b], tmp_path / "e.rbundle", mode=mode), b)
    assert her not in text  # no real id goes: Bob was never sent hers
    assert stub in {x["id"] for x in lines}, "her stub's tombstone stays home"
    receive(b, tmp_path / "e.rbundle")
    assert _erased_here(b, stub)


def test_erasure_reaches_the_stub_after_a_colleague_repoints_a_tie_at_her(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """A seized colleague's key (Carol, who holds her by real id) re-points a tie Bob holds at
    her: that edit here must not keep her erasure from Bob's stub."""
    a, b, c = abc
    exile, other = person(a, "Exile One", country="DE"), person(a, "Exile Two", country="DE")
    tie = a.add(Kind.TIE, {"from_id": exile, "to_id": other, "kind": "colleague"}).id
    her, stub = _stub_of_her(a, b, tmp_path, tie)
    receive(c, send(a, [c], tmp_path / "c.rbundle", mode="include", ceiling="protected"))
    assert c.store.get(her) is not None and c.store.get(tie) is not None
    c.update(tie, {"to_id": her})
    receive(a, send(c, [a], tmp_path / "back.rbundle", mode="include", ceiling="protected"))
    assert a.get(tie).values["to_id"] == her  # control: the tie names her here now
    a.erase(her)
    text, lines = decrypted(send(a, [b], tmp_path / "e.rbundle", mode="pseudonymise"), b)
    assert her not in text
    assert stub in {x["id"] for x in lines}
    receive(b, tmp_path / "e.rbundle")
    assert _erased_here(b, stub)


# ---- controls: one who was sent her id ------------------------------------------------------
def test_control_a_holder_sent_her_record_gets_her_real_tombstone_only(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """Bob holds her stub, and later her record by real id (an ``include`` bundle): her
    erasure goes to him by real id, and her stub's tombstone stays home (it would pair)."""
    a, b, _ = abc
    her, stub = _stub_of_her(a, b, tmp_path)
    receive(b, send(a, [b], tmp_path / "inc.rbundle", mode="include", ceiling="protected"))
    assert b.store.get(her) is not None
    a.erase(her)
    _, lines = decrypted(send(a, [b], tmp_path / "e.rbundle", mode="pseudonymise"), b)
    ids = {x["id"] for x in lines}
    assert her in ids and stub not in ids


def test_control_a_holder_sent_a_tie_naming_her_gets_no_pseudonym_of_her(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """Bob was sent a tie naming her by real id before she was flagged (the tie alone, a
    selection): no stub of her goes to him, nor her pseudonym's tombstone at her erasure —
    though the tie here no longer names her by then."""
    a, b, _ = abc
    exile, other = person(a, "Exile One", country="DE"), person(a, "Exile Two", country="DE")
    her = person(a, "Мария Смирнова", region="RU-MOW")
    tie = a.add(Kind.TIE, {"from_id": exile, "to_id": her, "kind": "colleague"}).id
    text, _ = decrypted(send(a, [b], tmp_path / "1.rbundle", scope=Scope(ids=frozenset({tie}))),
                        b)
    assert tie in text and her in text  # her id, not her record: Bob has the file (an
    # import of it would refuse the tie, pointing at nothing he holds; he knows her id all
    # the same)
    a.update(her, {"inside_russia": True})
    a.update(tie, {"to_id": other})  # named her when it went
    _, lines = decrypted(send(a, [b], tmp_path / "2.rbundle", mode="pseudonymise"), b)
    assert _stubs(lines) == []
    a.erase(her)
    _, lines = decrypted(send(a, [b], tmp_path / "3.rbundle", mode="pseudonymise"), b)
    real = {r.id for k in (Kind.PERSON, Kind.TIE) for r in a.store.iter_records(k)}
    assert [x["id"] for x in lines if x["id"] not in real] == []  # no pseudonym at all


# ---- the upgrade: what was sent before was not kept -----------------------------------------
def test_upgrade_takes_what_they_hold_names_now_as_sent(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """A vault from before schema v25 did not keep what each line named: the upgrade takes
    what the records they hold name now (and ``known_by``) as sent — the side that pairs
    nothing. Control: a holder of nothing naming her gets no row."""
    a, b, c = abc
    exile = person(a, "Exile One", country="DE", sensitivity="public")
    her = person(a, "Мария Смирнова", region="RU-MOW")
    a.add(Kind.TIE, {"from_id": exile, "to_id": her, "kind": "colleague"})
    receive(b, send(a, [b], tmp_path / "b.rbundle"))
    receive(c, send(a, [c], tmp_path / "c.rbundle", ceiling="public"))  # the exile alone
    assert c.store.get(exile) is not None and c.store.get(her) is None
    conn = a.store.conn
    conn.execute("DROP TABLE sent_naming")
    conn.execute("PRAGMA user_version = 24")
    assert schema.migrate(conn) == 24
    rows = {(str(h), str(p)) for h, p in conn.execute("SELECT holder, person_id FROM "
                                                       "sent_naming")}
    assert (b.identity.fingerprint, her) in rows
    assert not any(h == c.identity.fingerprint and p == her for h, p in rows)


# ---- text they hold that names her -----------------------------------------------------------
def _kazan(a: Registry, b: Registry, tmp_path: Path, **values: Any) -> tuple[str, str]:
    """Bob is sent an organisation whose notes name Мария Смирнова while her own record stays
    home (confidential, above his ceiling); she is later flagged inside Russia and made a
    member of it. Returns (her id, the organisation's)."""
    org = a.add(Kind.ORGANISATION, {"name": "Kazan Solidarity",
                                    "notes": "Coordinator: Мария Смирнова (Kazan)"}).id
    her = person(a, "Мария Смирнова", region="RU-TA", sensitivity="confidential", **values)
    receive(b, send(a, [b], tmp_path / "kazan.rbundle"))
    assert b.store.get(her) is None and "Смирнова" in b.get(org).values["notes"]
    a.add(Kind.TIE, {"from_id": her, "to_id": org, "kind": "member_of"})
    a.update(her, {"inside_russia": True})
    return her, org


def _ties_to(lines: list[dict[str, Any]], record_id: str) -> list[str]:
    return [x["id"] for x in lines if x["kind"] == "tie" and record_id in (
        (x.get("values") or {}).get("from_id"), (x.get("values") or {}).get("to_id"))]


@pytest.mark.parametrize("keep_mentions", [False, True])
def test_no_stub_to_a_holder_of_text_naming_her(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path, keep_mentions: bool) -> None:
    """Was: Bob, who holds the notes naming her, got her stub (Volga district) with a
    pseudonymous "member of" tie to that organisation — her, to him. Neither goes now, and
    the exposure preview counts her as left out, no pseudonym."""
    a, b, _ = abc
    her, org = _kazan(a, b, tmp_path)
    request = a.sharing.request(to=[b.identity.fingerprint], mode="pseudonymise",
                                keep_mentions=keep_mentions)
    preview = a.sharing.preview_export(request)
    assert preview.pseudonyms == 0 and her in preview.tally.left_out[OmitReason.PROTECTED]
    _, lines = decrypted(send(a, [b], tmp_path / "p.rbundle", mode="pseudonymise",
                              keep_mentions=keep_mentions), b)
    assert _stubs(lines) == [] and _ties_to(lines, org) == []


def test_no_stub_to_a_holder_of_text_that_named_her_when_it_went(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """The notes were rewritten here since (field history keeps what Bob was sent)."""
    a, b, _ = abc
    _, org = _kazan(a, b, tmp_path)
    a.update(org, {"notes": "Coordinator: to be confirmed"})
    _, lines = decrypted(send(a, [b], tmp_path / "p.rbundle", mode="pseudonymise"), b)
    assert _stubs(lines) == [] and _ties_to(lines, org) == []


def test_control_a_holder_of_no_text_naming_her_still_gets_her_stub(
        abc: tuple[Registry, Registry, Registry], tmp_path: Path) -> None:
    """Carol holds other text (another organisation's notes naming someone else): she gets
    her stub and its tie; and Bob gets the stubs of two other protected people his notes do
    not name."""
    a, b, c = abc
    other = a.add(Kind.ORGANISATION, {"name": "Riga Aid", "notes": "Coordinator: Anna Petrova"})
    receive(c, send(a, [c], tmp_path / "c1.rbundle", scope=Scope(ids=frozenset({other.id}))))
    her, org = _kazan(a, b, tmp_path)
    _, lines = decrypted(send(a, [c], tmp_path / "c2.rbundle", mode="pseudonymise"), c)
    assert _stubs(lines) == list(pseudonyms_for(a, c, [her])) and len(_ties_to(lines, org)) == 1
    others = [person(a, name, region="RU-MOW", inside_russia=True)
              for name in ("Ольга Кузнецова", "Ирина Волкова")]
    _, lines = decrypted(send(a, [b], tmp_path / "b2.rbundle", mode="pseudonymise"), b)
    assert set(pseudonyms_for(a, b, others)) <= set(_stubs(lines))


def test_a_successor_was_sent_what_the_predecessor_was(tmp_path: Path) -> None:
    """A was sent a tie naming her by real id (the tie alone); A hands the post over to B
    (the handover gave B everything A held), and Carol's official accepts: at her erasure no
    pseudonym of her goes to B either (``hand_over_holdings`` passes ``sent_naming`` on).
    Control: Dave, sent nothing naming her, is sent her pseudonym's tombstone."""
    with trusted(tmp_path, "A", "B", "Carol", "Dave") as (a, b, c, d):
        a.sharing.add_card(b.sharing.card(), verified_method="in_person")
        exile = person(c, "Exile One", country="DE")
        her = person(c, "Мария Смирнова", region="RU-MOW")
        tie = c.add(Kind.TIE, {"from_id": exile, "to_id": her, "kind": "colleague"}).id
        send(c, [a], tmp_path / "tie.rbundle", scope=Scope(ids=frozenset({tie})))
        statement = tmp_path / "succession.json"
        a.sharing.handover_statement(b.identity.fingerprint, statement)
        receive(b, send(a, [b], tmp_path / "a-b.rbundle", mode="include", ceiling="protected"))
        for vault in (b, c):
            vault.sharing.accept_handover(statement.read_bytes())
        c.update(her, {"inside_russia": True})
        c.erase(her)
        real = {r.id for k in (Kind.PERSON, Kind.TIE) for r in c.store.iter_records(k)}
        _, lines = decrypted(send(c, [b], tmp_path / "b.rbundle", mode="pseudonymise"), b)
        assert [x["id"] for x in lines if x["id"] not in real] == []
        _, lines = decrypted(send(c, [d], tmp_path / "d.rbundle", mode="pseudonymise"), d)
        assert set(pseudonyms_for(c, d, [her])) <= {x["id"] for x in lines}
