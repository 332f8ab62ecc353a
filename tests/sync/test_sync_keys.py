"""Keys: generation, serialisation, public keys, fingerprints."""

from __future__ import annotations

import base64
import json
import re

import pyrage
import pytest

from registry.errors import InvalidInput
from registry.sync.keys import (
    OfficialKeys,
    PublicKeys,
    age_recipient_of,
    b64decode_strict,
    is_fingerprint,
    parse_minisign_key,
    validate_age_recipient,
)


def test_generate_gives_distinct_valid_keys() -> None:
    a, b = OfficialKeys.generate(), OfficialKeys.generate()
    assert a != b
    assert len(a.signing_seed) == 32 and len(a.key_id) == 8
    assert a.age_identity.startswith("AGE-SECRET-KEY-1")
    assert a.public().age_recipient.startswith("age1")


def test_repr_hides_secrets(alice: OfficialKeys) -> None:
    text = repr(alice)
    assert alice.age_identity not in text
    assert repr(alice.signing_seed) not in text
    assert alice.signing_seed.hex() not in text


def test_json_round_trip(alice: OfficialKeys) -> None:
    assert OfficialKeys.from_json(alice.to_json()) == alice
    assert json.loads(alice.to_json())["format"] == "registry-identity/1"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: "not json{",
        lambda d: json.dumps([1]),
        lambda d: json.dumps({**d, "extra": 1}),
        lambda d: json.dumps({**d, "format": "registry-identity/2"}),
        lambda d: json.dumps({**d, "key_id": 5}),
        lambda d: json.dumps({**d, "key_id": "XYZ"}),
        lambda d: json.dumps({**d, "key_id": "00" * 9}),
        lambda d: json.dumps({**d, "signing_seed": "AAAA"}),
        lambda d: json.dumps({**d, "signing_seed": "!!!"}),
        lambda d: json.dumps({**d, "age_identity": "AGE-SECRET-KEY-1XX"}),
    ],
)
def test_from_json_refuses_bad_input(alice: OfficialKeys, mutate: object) -> None:
    original = json.loads(alice.to_json())
    with pytest.raises(InvalidInput) as info:
        OfficialKeys.from_json(mutate(original))  # type: ignore[operator]
    assert alice.age_identity not in str(info.value)


@pytest.mark.parametrize(
    ("seed", "identity", "key_id"),
    [
        (b"x" * 31, None, b"k" * 8),
        ("x" * 32, None, b"k" * 8),
        (b"x" * 32, None, b"k" * 7),
        (b"x" * 32, 12, b"k" * 8),
        (b"x" * 32, "A" * 300, b"k" * 8),
        (b"x" * 32, "nonsense", b"k" * 8),
    ],
)
def test_official_keys_validate(alice: OfficialKeys, seed: object, identity: object,
                                key_id: object) -> None:
    with pytest.raises(InvalidInput):
        OfficialKeys(seed, identity if identity is not None else alice.age_identity,  # type: ignore[arg-type]
                     key_id)  # type: ignore[arg-type]


def test_minisign_public_key_layout(alice: OfficialKeys) -> None:
    pub = alice.public()
    raw = base64.b64decode(pub.minisign_public_key)
    assert pub.minisign_public_key.startswith("RW")
    assert raw == b"Ed" + alice.key_id + pub.ed25519
    assert PublicKeys.from_minisign(pub.minisign_public_key, pub.age_recipient) == pub


def test_fingerprint_shape_and_binding(alice: OfficialKeys, bob: OfficialKeys) -> None:
    a = alice.public()
    assert re.fullmatch(r"[0-9a-f]{40}", a.fingerprint)
    assert is_fingerprint(a.fingerprint) and not is_fingerprint(a.fingerprint.upper())
    assert not is_fingerprint(None)
    b = bob.public()
    assert a.fingerprint != b.fingerprint
    # any change of any component changes the fingerprint
    assert PublicKeys(a.ed25519, a.key_id, b.age_recipient).fingerprint != a.fingerprint
    assert PublicKeys(b.ed25519, a.key_id, a.age_recipient).fingerprint != a.fingerprint
    assert PublicKeys(a.ed25519, b.key_id, a.age_recipient).fingerprint != a.fingerprint


def test_fingerprint_known_answer() -> None:
    pub = PublicKeys(bytes(range(32)), bytes(range(8)), age_recipient_of(
        "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"))
    import hashlib
    m = b"Ed" + bytes(range(8)) + bytes(range(32))
    a = pub.age_recipient.encode()
    want = hashlib.sha256(b"registry-fingerprint/1\x00" + len(m).to_bytes(2, "big") + m
                          + len(a).to_bytes(2, "big") + a).hexdigest()[:40]
    assert pub.fingerprint == want


@pytest.mark.parametrize(
    "line",
    [
        "",
        "RW" + "A" * 54,                         # decodes to the right size but not "Ed"
        "RWQ",                                   # bad padding
        "R" * 400,                               # too long
        "ÄÖÜ",                                   # not ASCII
        12,
    ],
)
def test_from_minisign_refuses_bad_key_line(alice: OfficialKeys, line: object) -> None:
    with pytest.raises(InvalidInput):
        PublicKeys.from_minisign(line, alice.public().age_recipient)  # type: ignore[arg-type]


def test_from_minisign_refuses_non_canonical_base64(alice: OfficialKeys) -> None:
    rw = alice.public().minisign_public_key
    with pytest.raises(InvalidInput):
        parse_minisign_key(rw[:-1])
    with pytest.raises(InvalidInput):
        parse_minisign_key(rw + "\n")


@pytest.mark.parametrize(
    "recipient",
    [
        "",
        "age1xyz",
        "AGE1" + "Q" * 58,
        12,
        "age1" + "q" * 300,
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG1vY2s=",
    ],
)
def test_age_recipient_validation(recipient: object) -> None:
    with pytest.raises(InvalidInput):
        validate_age_recipient(recipient)


def test_uppercase_recipient_refused(alice: OfficialKeys) -> None:
    upper = alice.public().age_recipient.upper()
    pyrage.x25519.Recipient.from_str(upper)  # age accepts it, we want the canonical form
    with pytest.raises(InvalidInput, match="canonical"):
        validate_age_recipient(upper)


@pytest.mark.parametrize(("ed", "kid"), [(b"x" * 31, b"k" * 8), (b"x" * 32, b"k" * 9),
                                         ("x" * 32, b"k" * 8), (b"x" * 32, "k" * 8)])
def test_public_keys_validate(alice: OfficialKeys, ed: object, kid: object) -> None:
    with pytest.raises(InvalidInput):
        PublicKeys(ed, kid, alice.public().age_recipient)  # type: ignore[arg-type]


def test_b64decode_strict_length() -> None:
    with pytest.raises(InvalidInput, match="wrong length"):
        b64decode_strict(base64.b64encode(b"abc").decode(), 4, "thing")
