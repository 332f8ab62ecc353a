"""The trust store: cards, verification, revocation, safety numbers, key changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.errors import InvalidInput, NotFound, TrustError
from registry.service import Registry
from registry.sync.cards import make_card, parse_card, safety_number
from registry.sync.keys import OfficialKeys, PublicKeys

from .vaults import make_vault


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    a, b = make_vault(tmp_path, "Alice"), make_vault(tmp_path, "Bob")
    yield a, b
    a.lock()
    b.lock()


def test_card_is_signed_and_names_the_identity(pair) -> None:
    a, _ = pair
    card = parse_card(a.sharing.card())
    assert card.fingerprint == a.identity.fingerprint
    assert (card.name, card.org, card.country) == ("Alice", "Ministry of Alice", "SE")
    assert a.sharing.card_qr_svg().startswith("<svg")


def test_add_list_verify_revoke(pair) -> None:
    a, b = pair
    fp = b.identity.fingerprint
    added = a.sharing.add_card(b.sharing.card())
    assert added.new and added.official.trust == "unverified" and not added.replaces
    assert [o.fingerprint for o in a.sharing.officials()] == [fp]
    again = a.sharing.add_card(b.sharing.card())
    assert not again.new and again.official.trust == "unverified"
    verified = a.sharing.verify(fp.upper(), "safety_number")
    assert verified.verified and verified.verified_method == "safety_number"
    assert verified.to_json()["verified_at"]
    # refreshing a card keeps the verification of the same key
    assert a.sharing.add_card(b.sharing.card()).official.verified
    revoked = a.sharing.revoke(fp).official
    assert revoked.revoked and revoked.verified_method is None
    with pytest.raises(TrustError):
        a.sharing.add_card(b.sharing.card())
    with pytest.raises(TrustError):
        a.sharing.verify(fp, "qr_code")
    with pytest.raises(TrustError, match="revoked"):
        a.sharing.trust.require_trusted(b.official_keys.public())


def test_a_revoked_officials_age_key_gets_nothing_as_a_bare_recipient(pair) -> None:
    a, b = pair
    key = b.identity.age_recipient
    a.sharing.add_card(b.sharing.card(), verified_method="safety_number")
    assert a.sharing.request(to_age=[key]).recipients  # control: before the revocation
    a.sharing.revoke(b.identity.fingerprint)
    for written in (key, f" {key} "):
        with pytest.raises(TrustError, match="revoked"):
            a.sharing.request(to_age=[written])
    with pytest.raises(TrustError, match="revoked"):
        a.sharing.request(to=[b.identity.fingerprint])


@pytest.mark.parametrize("named", ["fingerprint", "age_key"])
def test_a_request_made_before_a_revocation_is_not_written_after_it(
        pair, tmp_path: Path, named: str) -> None:
    a, b = pair
    a.sharing.add_card(b.sharing.card(), verified_method="safety_number")
    request = a.sharing.request(**({"to": [b.identity.fingerprint]} if named == "fingerprint"
                                   else {"to_age": [b.identity.age_recipient]}))
    a.sharing.export(request, tmp_path / "before.rbundle")  # control
    a.sharing.revoke(b.identity.fingerprint)
    for asked in (a.sharing.preview_export, lambda r: a.sharing.export(r, tmp_path / "x")):
        with pytest.raises(TrustError, match="revoked"):
            asked(request)
    assert not (tmp_path / "x").exists()


def test_add_verified_and_bad_method(pair) -> None:
    a, b = pair
    with pytest.raises(InvalidInput):
        a.sharing.add_card(b.sharing.card(), verified_method="guess")
    assert a.sharing.officials() == []
    assert a.sharing.add_card(b.sharing.card(), verified_method="qr_code").official.verified


def test_own_card_unknown_and_malformed_fingerprints(pair) -> None:
    a, b = pair
    with pytest.raises(InvalidInput):
        a.sharing.add_card(a.sharing.card())
    with pytest.raises(NotFound):
        a.sharing.revoke(b.identity.fingerprint)
    with pytest.raises(InvalidInput):
        a.sharing.revoke("not-a-fingerprint")
    with pytest.raises(TrustError):
        a.sharing.add_card(b.sharing.card().replace(b"Bob", b"Rob"))


def test_a_new_key_starts_unverified_and_is_flagged(pair) -> None:
    a, b = pair
    a.sharing.add_card(b.sharing.card(), verified_method="in_person")
    new_keys = OfficialKeys.generate()
    card = make_card(new_keys, "Bob", "Ministry of Bob", "SE")
    result = a.sharing.add_card(card)
    assert result.new and result.official.trust == "unverified"
    assert result.replaces == (b.identity.fingerprint,)


def test_safety_number_is_symmetric_and_changes_with_the_key(pair) -> None:
    a, b = pair
    a.sharing.add_card(b.sharing.card())
    b.sharing.add_card(a.sharing.card())
    number = a.sharing.safety_number(b.identity.fingerprint)
    assert number == b.sharing.safety_number(a.identity.fingerprint)
    assert len(number.replace(" ", "")) == 60
    other = OfficialKeys.generate().public()
    assert safety_number(a.official_keys.public(), other) != number


def test_require_trusted(pair) -> None:
    a, b = pair
    trust = a.sharing.trust
    assert trust.require_trusted(a.official_keys.public()) is None
    with pytest.raises(TrustError, match="not in the trust store"):
        trust.require_trusted(b.official_keys.public())
    a.sharing.add_card(b.sharing.card())
    assert trust.require_trusted(b.official_keys.public()) is not None
    pub = b.official_keys.public()
    # same fingerprint stored with other keys (a damaged row) is refused
    a.store.conn.execute("UPDATE official SET age_recipient = ? WHERE fingerprint = ?",
                         (OfficialKeys.generate().public().age_recipient, pub.fingerprint))
    with pytest.raises(TrustError, match="differ"):
        trust.require_trusted(PublicKeys.from_minisign(pub.minisign_public_key,
                                                       pub.age_recipient))


def test_a_bare_key_nobody_here_holds_may_be_sent_protected_people(pair, tmp_path: Path
                                                                   ) -> None:
    """--to-age-recipient is the sender's own confirmation (§6.5.6): a key of no official
    known here gets what the request asks for."""
    a, _ = pair
    a.add(Kind.PERSON, {"name": "Глеб Орлов", "inside_russia": True})
    stranger = OfficialKeys.generate().public().age_recipient
    request = a.sharing.request(to_age=[stranger], mode="include", ceiling="protected")
    exposure = a.sharing.export(request, tmp_path / "x.rbundle").exposure
    assert exposure.people_inside_russia == 1 and exposure.left_out == 0
