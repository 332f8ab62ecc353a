"""Handing a post over under attack (issue 15): what a well-signed but hostile succession
statement can do — one made with a seized colleague's real keys — and what a forged, altered,
replayed, oversized or misdirected file changes (nothing: the vault folder stays
byte-identical, exit 4). Every hostile statement is made with the project's own writer
(``make_statement``, ``make_card``) and real keys, next to a positive control."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.cli import main
from registry.errors import TrustError
from registry.service import Registry
from registry.sync.cards import make_card
from registry.sync.handover import MAX_STATEMENT, make_statement
from registry.sync.keys import OfficialKeys
from registry.sync.trust import SUCCESSION
from tests.conftest import hash_tree
from tests.passphrase import PASSPHRASE

from .vaults import introduce, make_vault, person, send

WHEN = "2026-12-01T09:00:00+00:00"


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """``main`` sets the process umask as the console script does: put it back."""
    mask = os.umask(0o022)
    os.umask(mask)
    yield
    os.umask(mask)


@pytest.fixture
def post(tmp_path: Path) -> Iterator[dict[str, Registry]]:
    """A hands over to B (verified in person by A); C and D are colleagues who verified A and
    each other; A's keys may be in hostile hands."""
    vaults = {n: make_vault(tmp_path, n) for n in ("A", "B", "C", "D")}
    introduce(vaults["A"], vaults["C"], vaults["D"])
    vaults["A"].sharing.add_card(vaults["B"].sharing.card(), verified_method="in_person")
    yield vaults
    for v in vaults.values():
        v.lock()


def trust_state(reg: Registry) -> list[tuple[str, str, str, str | None]]:
    return [(o.fingerprint, o.name, o.trust, o.verified_method)
            for o in reg.sharing.officials()]


def by_a(post: dict[str, Registry], successor_card: bytes) -> bytes:
    """A statement made with A's real keys (A's laptop seized, or A itself) naming anyone."""
    a = post["A"]
    return make_statement(a.official_keys, a.sharing.card(), successor_card, WHEN)


def refused_everywhere(c: Registry, data: bytes, match: str) -> None:
    """Both the preview (the app's dialog, ``--dry-run``) and accepting refuse ``data``, and
    nothing changes in C's trust store."""
    before = trust_state(c)
    for attempt in (c.sharing.preview_handover, c.sharing.accept_handover):
        with pytest.raises(TrustError, match=match):
            attempt(data)
    assert trust_state(c) == before


# -- what a hostile but well-signed statement can do ------------------------------------------
def test_a_seized_key_can_retire_itself_and_nothing_else(post: dict[str, Registry]) -> None:
    a, c, d = post["A"], post["C"], post["D"]
    # naming a colleague C already verified by safety number: D keeps its own verification
    accepted = c.sharing.accept_handover(by_a(post, d.sharing.card()))
    assert accepted.successor_was_verified
    officials = {o.fingerprint: o for o in c.sharing.officials()}
    assert officials[d.identity.fingerprint].verified_method == "safety_number"
    assert officials[a.identity.fingerprint].revoked
    assert set(officials) == {a.identity.fingerprint, d.identity.fingerprint}  # none added
    # once retired, A's keys can name nobody else
    refused_everywhere(c, by_a(post, post["B"].sharing.card()), "revoked or has already retired")


def test_a_statement_naming_the_reader_only_retires_the_predecessor_there(
        post: dict[str, Registry]) -> None:
    """The successor's own vault accepts its statement: the old key is retired there too
    (a laptop seized later cannot feed the new holder), and nothing else changes."""
    a, c = post["A"], post["C"]
    statement = by_a(post, c.sharing.card())
    before = {o.fingerprint: (o.trust, o.verified_method) for o in c.sharing.officials()}
    assert c.sharing.preview_handover(statement).successor.fingerprint == c.identity.fingerprint
    accepted = c.sharing.accept_handover(statement)
    assert accepted.own_post and accepted.successor is None
    after = {o.fingerprint: (o.trust, o.verified_method) for o in c.sharing.officials()}
    assert after.pop(a.identity.fingerprint)[0] == "revoked"
    before.pop(a.identity.fingerprint)
    assert after == before


def test_a_statement_naming_a_revoked_official_is_refused_by_the_preview_too(
        post: dict[str, Registry]) -> None:
    c, d = post["C"], post["D"]
    c.sharing.revoke(d.identity.fingerprint)
    refused_everywhere(c, by_a(post, d.sharing.card()), "successor's key was revoked")


def test_a_successor_cannot_take_a_colleagues_name(post: dict[str, Registry]) -> None:
    c, d = post["C"], post["D"]
    # a fresh key whose self-signed card claims to be D (name, organisation, country)
    impostor = make_card(OfficialKeys.generate(), d.identity.name, f"Ministry of {d.identity.name}",
                         "SE")
    refused_everywhere(c, by_a(post, impostor), "already in your trust store under another key")
    # positive control: a successor with a name of their own is trusted in one step
    stranger = make_card(OfficialKeys.generate(), "Boris Newman", "Ministry of A", "SE")
    accepted = c.sharing.accept_handover(by_a(post, stranger))
    assert accepted.successor.verified_method == SUCCESSION


def test_an_impostor_card_for_the_reader_itself_is_refused(post: dict[str, Registry]) -> None:
    c = post["C"]
    impostor = make_card(OfficialKeys.generate(), c.identity.name, f"Ministry of {c.identity.name}",
                         "SE")
    refused_everywhere(c, by_a(post, impostor), "already in your trust store under another key")


def test_a_successor_card_with_a_broken_signature_is_refused(post: dict[str, Registry]) -> None:
    c = post["C"]
    card = json.loads(post["B"].sharing.card())
    card["name"] = "Somebody Else"  # the card's own signature no longer holds
    altered = json.dumps(card, sort_keys=True, separators=(",", ":"),
                         ensure_ascii=False).encode() + b"\n"
    refused_everywhere(c, by_a(post, altered), "card")


def test_a_chain_of_successions_is_followed(post: dict[str, Registry], tmp_path: Path) -> None:
    """Positive control: B (trusted by succession) hands over in turn to E."""
    a, b, c = post["A"], post["B"], post["C"]
    statement = tmp_path / "a-to-b.json"
    a.sharing.handover_statement(b.identity.fingerprint, statement)
    c.sharing.accept_handover(statement.read_bytes())
    e_keys = OfficialKeys.generate()
    e_card = make_card(e_keys, "Elena E", "Ministry of A", "SE")
    accepted = c.sharing.accept_handover(make_statement(b.official_keys, b.sharing.card(),
                                                        e_card, WHEN))
    assert accepted.successor.verified_method == SUCCESSION
    assert c.sharing.trust.get(b.identity.fingerprint).revoked


# -- a rejected input changes nothing: the vault folder byte for byte, exit 4 ------------------
def test_rejected_statements_change_no_byte_and_exit_4(post: dict[str, Registry],
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    a, b, c = post["A"], post["B"], post["C"]
    mallory = OfficialKeys.generate()
    good = tmp_path / "good.json"
    a.sharing.handover_statement(b.identity.fingerprint, good)
    share_like = tmp_path / "bundle.rbundle"
    a_unretired = make_vault(tmp_path, "A2")  # an official C never heard of
    try:
        unknown = make_statement(a_unretired.official_keys, a_unretired.sharing.card(),
                                 b.sharing.card(), WHEN)
    finally:
        a_unretired.lock()
    obj = json.loads(good.read_bytes())
    obj["issued_at"] = "2020-01-01T00:00:00+00:00"
    hostile = {
        "forged": make_statement(mallory, a.sharing.card(), b.sharing.card(), WHEN),
        "re-dated": json.dumps(obj, sort_keys=True, separators=(",", ":"),
                               ensure_ascii=False).encode() + b"\n",
        "unknown": unknown,
        "oversized": b"{" + b" " * MAX_STATEMENT + b"}",
        "garbage": os.urandom(300),
        "a-card": a.sharing.card(),
        "not-json": good.read_bytes()[:-5],
    }
    share_like.write_bytes(b"PK\x03\x04" + os.urandom(200))
    root = c.paths.root
    c.lock()
    before = hash_tree(root)

    def run(*args: str) -> int:
        monkeypatch.setenv("REGISTRY_PASSPHRASE", PASSPHRASE)
        code = main(["--vault", str(root), *args])
        capsys.readouterr()
        return code

    try:
        for name, data in hostile.items():
            path = tmp_path / f"{name}.json"
            path.write_bytes(data)
            assert run("handover", "accept", str(path)) == 4, name
            assert run("handover", "accept", str(path), "--dry-run") == 4, name
        assert run("handover", "accept", str(share_like)) == 4
        assert run("handover", "accept", str(tmp_path / "no-such-file.json")) == 1
        assert hash_tree(root) == before
        # positive control, then the same statement replayed: refused, no byte changed
        assert run("handover", "accept", str(good)) == 0
        after = hash_tree(root)
        assert run("handover", "accept", str(good)) == 4
        assert hash_tree(root) == after
    finally:
        post["C"] = Registry.unlock(root, PASSPHRASE)


# -- the retired vault -------------------------------------------------------------------------
def test_the_retired_vault_writes_for_its_successor_by_every_path(post: dict[str, Registry],
                                                                  tmp_path: Path) -> None:
    a, b, c = post["A"], post["B"], post["C"]
    person(a, "Глеб Орлов")
    a.sharing.handover_statement(b.identity.fingerprint, tmp_path / "s.json")
    attempts = [
        {"to": [c.identity.fingerprint]},
        {"to_age": [c.official_keys.public().age_recipient]},
        {"to": [c.identity.fingerprint], "notices_only": True},
    ]
    for kw in attempts:
        request = a.sharing.request(**kw)  # type: ignore[arg-type]
        with pytest.raises(TrustError, match="successor only"):
            a.sharing.preview_export(request)
        with pytest.raises(TrustError, match="successor only"):
            a.sharing.export(request, tmp_path / "late.rbundle")
        assert not (tmp_path / "late.rbundle").exists()
    with pytest.raises(TrustError, match="already handed"):
        a.sharing.handover_statement(c.identity.fingerprint, tmp_path / "second.json")
    assert not (tmp_path / "second.json").exists()
    # positive control: to the successor it still writes, and the statement can be written
    # again for the same successor (e.g. when the first file was lost)
    assert send(a, [b], tmp_path / "to-b.rbundle").exists()
    again = a.sharing.handover_statement(b.identity.fingerprint, tmp_path / "again.json")
    assert again.successor == b.identity.fingerprint


def test_a_successor_trusted_by_succession_receives_nothing_that_identifies_protected_people(
        post: dict[str, Registry], tmp_path: Path) -> None:
    """A seized predecessor's key can name anyone as successor; until the user verifies that
    successor themselves, no bundle that identifies protected people goes to them."""
    b, c = post["B"], post["C"]
    person(c, "Глеб Орлов", inside_russia=True)
    c.sharing.accept_handover(by_a(post, b.sharing.card()))
    assert c.sharing.trust.get(b.identity.fingerprint).verified_method == SUCCESSION
    risky: list[dict[str, object]] = [
        {"mode": "include"}, {"ceiling": "protected"}, {"keep_mentions": True},
        {"mode": "include", "ceiling": "protected"}]
    before = hash_tree(c.paths.root)
    named: list[dict[str, list[str]]] = [  # by fingerprint, or by the bare age key
        {"to": [b.identity.fingerprint]}, {"to_age": [b.identity.age_recipient]}]
    for kw in risky:
        for whom in named:
            request = c.sharing.request(**whom, **kw)  # type: ignore[arg-type]
            with pytest.raises(TrustError, match="verified yourself"):
                c.sharing.preview_export(request)
            with pytest.raises(TrustError, match="verified yourself"):
                c.sharing.export(request, tmp_path / "risky.rbundle")
            assert not (tmp_path / "risky.rbundle").exists()
    assert hash_tree(c.paths.root) == before
    # positive controls: the default bundle (protected people left out) and pseudonyms go;
    # once C verifies B in person, the protected bundle goes too
    assert send(c, [b], tmp_path / "default.rbundle").exists()
    assert send(c, [b], tmp_path / "pseudo.rbundle", mode="pseudonymise").exists()
    c.sharing.verify(b.identity.fingerprint, "in_person")
    assert send(c, [b], tmp_path / "all.rbundle", mode="include", ceiling="protected").exists()


def test_a_successor_cannot_take_a_colleagues_name_in_look_alike_letters(
        post: dict[str, Registry]) -> None:
    """Cyrillic or Greek letters drawn like Latin ones do not make another name."""
    c = post["C"]
    c.sharing.add_card(make_card(OfficialKeys.generate(), "Oskar Peterson", "Ministry of E",
                                 "SE"), verified_method="safety_number")
    for spoof in ("Оskar Peterson",  # Cyrillic О
                  "Oskar Реtеrsоn",  # Cyrillic Р, е, о
                  "OSKAR PΕΤΕRSON",  # Greek Ε, Τ
                  "Oѕkar  Peterson"):  # Cyrillic ѕ, two spaces
        impostor = make_card(OfficialKeys.generate(), spoof, "Ministry of E", "SE")
        refused_everywhere(c, by_a(post, impostor), "already in your trust store under another key")
    # positive control: the same name in Cyrillic spelling is a name a reader tells apart
    other = make_card(OfficialKeys.generate(), "Оскар Петерсон", "Ministry of E", "SE")
    assert c.sharing.accept_handover(by_a(post, other)).successor is not None
