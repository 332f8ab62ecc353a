"""Identity cards, safety numbers and QR codes."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.errors import InvalidInput, TrustError
from registry.sync import cards
from registry.sync.cards import card_qr_svg, make_card, parse_card, safety_number
from registry.sync.keys import OfficialKeys, PublicKeys, b64encode


def test_round_trip(alice: OfficialKeys) -> None:
    data = make_card(alice, "Анна Иванова", "Ministry of Foreign Affairs", "SE")
    card = parse_card(data)
    assert (card.name, card.org, card.country) == ("Анна Иванова", "Ministry of Foreign Affairs",
                                                   "SE")
    assert card.public == alice.public() and card.fingerprint == alice.public().fingerprint
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert alice.age_identity.encode() not in data


def _resign(keys: OfficialKeys, obj: dict[str, object]) -> bytes:
    body = {k: v for k, v in obj.items() if k != "signature"}
    sig = keys.signing_key().sign(cards._DOMAIN + cards._canonical(body))
    return cards._canonical({**body, "signature": b64encode(sig)}) + b"\n"


@settings(max_examples=80, deadline=None)
@given(position=st.integers(0, 5000), bit=st.integers(0, 7))
def test_any_flip_refused(position: int, bit: int) -> None:
    keys = OfficialKeys.generate()
    data = bytearray(make_card(keys, "Bob", "Org", "DE"))
    data[position % len(data)] ^= 1 << bit
    with pytest.raises(TrustError):
        parse_card(bytes(data))


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"name": "Mallory"}, "does not verify"),
        ({"fingerprint": "0" * 40}, "fingerprint"),
        ({"country": "se"}, "invalid"),
        ({"name": ""}, "invalid"),
        ({"name": 5}, "invalid"),
        ({"signature": "AAAA"}, "invalid"),
        ({"minisign_public_key": "RWxx"}, "invalid"),
    ],
)
def test_tampered_fields(alice: OfficialKeys, change: dict[str, object], match: str) -> None:
    obj = json.loads(make_card(alice, "Alice", "Org", "SE"))
    obj.update(change)
    with pytest.raises(TrustError, match=match):
        parse_card(cards._canonical(obj) + b"\n")


def test_key_swap_with_resign_is_self_consistent_but_different(alice: OfficialKeys,
                                                               bob: OfficialKeys) -> None:
    """Mallory can make a card with Alice's name: only the safety number tells them apart."""
    fake = parse_card(make_card(bob, "Alice", "Org", "SE"))
    real = parse_card(make_card(alice, "Alice", "Org", "SE"))
    assert fake.fingerprint != real.fingerprint


def test_foreign_signature_refused(alice: OfficialKeys, bob: OfficialKeys) -> None:
    obj = json.loads(make_card(alice, "Alice", "Org", "SE"))
    with pytest.raises(TrustError, match="does not verify"):
        parse_card(_resign(bob, obj))


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"x" * (cards.MAX_CARD + 1), "too large"),
        ("text", "too large"),
        (b"\xff", "not valid JSON"),
        (b"[1]\n", "unknown layout"),
        (b'{"format":"registry-card/2"}\n', "unknown layout"),
    ],
)
def test_bad_card_files(data: object, match: str) -> None:
    with pytest.raises(TrustError, match=match):
        parse_card(data)  # type: ignore[arg-type]


def test_non_canonical_refused(alice: OfficialKeys) -> None:
    data = make_card(alice, "Alice", "Org", "SE")
    pretty = json.dumps(json.loads(data), indent=1, sort_keys=True).encode()
    with pytest.raises(TrustError, match="canonical"):
        parse_card(pretty)
    with pytest.raises(TrustError, match="canonical"):
        parse_card(data.rstrip(b"\n"))


@pytest.mark.parametrize(
    ("name", "org", "country", "match"),
    [
        ("A" * 101, "Org", "SE", "at most"),
        ("Alice", "O" * 101, "SE", "at most"),
        ("Alice", "Org", "Sweden", "two-letter"),
        ("Alice", "Org", 12, "two-letter"),
        ("Al\nice", "Org", "SE", "control"),
    ],
)
def test_make_card_validates(alice: OfficialKeys, name: str, org: str, country: object,
                             match: str) -> None:
    with pytest.raises(InvalidInput, match=match):
        make_card(alice, name, org, country)  # type: ignore[arg-type]


def test_largest_card_fits_limits_and_qr(alice: OfficialKeys) -> None:
    data = make_card(alice, "\U0001f600" * 100, "\U0001f600" * 100, "SE")
    assert len(data) <= cards.MAX_CARD
    svg = card_qr_svg(data)
    assert svg.startswith("<svg") and "</svg>" in svg


def test_card_too_large(alice: OfficialKeys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cards, "MAX_CARD", 100)
    with pytest.raises(InvalidInput, match="too large"):
        make_card(alice, "Alice", "Org", "SE")


def test_qr_only_for_valid_cards(alice: OfficialKeys) -> None:
    data = make_card(alice, "Alice", "Org", "SE")
    svg = card_qr_svg(data)
    assert "<path" in svg
    with pytest.raises(TrustError):
        card_qr_svg(b"{}")


def test_safety_number_shape_and_symmetry(alice: OfficialKeys, bob: OfficialKeys) -> None:
    a, b = alice.public(), bob.public()
    number = safety_number(a, b)
    assert re.fullmatch(r"\d{5}( \d{5}){11}", number)
    assert len(number.replace(" ", "")) == 60
    assert safety_number(b, a) == number


def test_safety_number_changes_with_any_key(alice: OfficialKeys, bob: OfficialKeys) -> None:
    a, b = alice.public(), bob.public()
    base = safety_number(a, b)
    other = OfficialKeys.generate().public()
    assert safety_number(a, other) != base
    assert safety_number(PublicKeys(a.ed25519, b.key_id, a.age_recipient), b) != base
    assert safety_number(PublicKeys(a.ed25519, a.key_id, other.age_recipient), b) != base


def test_safety_number_known_answer() -> None:
    """Pins the definition so both ends of a future release agree."""
    recipient = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"
    a = PublicKeys(bytes(32), bytes(8), recipient)
    b = PublicKeys(bytes([1]) * 32, bytes([1]) * 8, recipient)
    import hashlib

    def half(p: PublicKeys) -> str:
        key = b"Ed" + p.key_id + p.ed25519 + p.age_recipient.encode()
        d = b"registry-safety-number/1\x00" + key
        for _ in range(5200):
            d = hashlib.sha512(d + key).digest()
        return "".join(f"{int.from_bytes(d[i:i + 5], 'big') % 100000:05d}"
                       for i in range(0, 30, 5))
    digits = "".join(sorted((half(a), half(b))))
    assert safety_number(a, b).replace(" ", "") == digits
