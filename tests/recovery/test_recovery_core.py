"""The recovery core in process: SLIP-39 shares (hypothesis), the file formats against
hostile bytes, and the custody rules (who may hold, when a share is released)."""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.errors import BundleError, InvalidInput, NotFound, TrustError, UsageError
from registry.recovery import envelope, formats, shares
from registry.recovery.custody import Recovery
from registry.service import Registry
from tests.passphrase import PASSPHRASE

KEY = bytes(range(32))


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 6).flatmap(lambda n: st.tuples(st.integers(2, n), st.just(n))),
       st.binary(min_size=32, max_size=32))
def test_any_k_shares_give_the_key_and_fewer_do_not(counts: tuple[int, int], key: bytes) -> None:
    k, n = counts
    words = shares.split(key, k, n)
    assert len(words) == n and all(len(w.split()) == shares.WORDS for w in words)
    for chosen in itertools.islice(itertools.combinations(words, k), 5):
        assert shares.combine(list(chosen)) == bytearray(key)
    with pytest.raises(InvalidInput, match=f"needs {k}"):
        shares.combine(words[: k - 1])


@pytest.mark.parametrize(("k", "n"), [(1, 3), (3, 2), (2, 17), (0, 0)])
def test_counts_outside_two_to_sixteen_are_refused(k: int, n: int) -> None:
    with pytest.raises(InvalidInput, match="threshold"):
        shares.split(KEY, k, n)


def test_shares_of_two_sets_do_not_mix() -> None:
    first, second = shares.split(KEY, 2, 3), shares.split(KEY, 2, 3)
    with pytest.raises(InvalidInput, match="different recovery sets"):
        shares.combine([first[0], second[1]])


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 32), st.integers(1, 1023))
def test_a_wrong_word_fails_the_checksum_and_is_not_quoted(position: int, shift: int) -> None:
    from shamir_mnemonic.wordlist import WORDLIST

    words = shares.split(KEY, 2, 2)[0].split()
    words[position] = WORDLIST[(WORDLIST.index(words[position]) + shift) % 1024]
    with pytest.raises(InvalidInput, match="checksum") as caught:
        shares.normalise(" ".join(words), "1")
    assert " ".join(words[:3]) not in str(caught.value).lower()  # quotes no share


def test_words_outside_the_list_and_wrong_lengths_are_named_by_position() -> None:
    words = shares.split(KEY, 2, 2)[0].split()
    with pytest.raises(InvalidInput, match="word 4 is not a SLIP-39 word"):
        shares.normalise(" ".join([*words[:3], "zzzz", *words[4:]]), "1")
    with pytest.raises(InvalidInput, match="32 words"):
        shares.normalise(" ".join(words[:-1]), "1")


def test_key_id_names_one_key_of_one_vault() -> None:
    assert shares.key_id("v1", KEY) == shares.key_id("v1", bytearray(KEY))
    assert shares.key_id("v1", KEY) != shares.key_id("v2", KEY)
    assert shares.key_id("v1", KEY) != shares.key_id("v1", bytes(32))
    assert KEY.hex() not in shares.key_id("v1", KEY)


def _request() -> formats.RecoveryRequest:
    return formats.RecoveryRequest(formats.new_id(), formats.now(), None,
                           "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj")


def test_the_safety_number_covers_every_byte_of_the_request() -> None:
    request = _request()
    number = request.safety_number
    assert len(number) == 35 and number.replace(" ", "").isdigit()
    assert formats.parse_request(request.to_bytes()).safety_number == number
    other = formats.RecoveryRequest(request.request_id, request.created_at, "vault-1",
                            request.age_recipient)
    assert other.safety_number != number
    assert formats.same_number(number.replace(" ", "-"), number)
    assert formats.same_number(number.replace(" ", ""), number)
    assert not formats.same_number(number[:-1] + "x", number)
    assert not formats.same_number("", number)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
def test_any_bytes_are_a_request_or_refused(data: bytes) -> None:
    with contextlib.suppress(TrustError, InvalidInput):
        formats.parse_request(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=800) | st.text(max_size=400).map(str.encode)
       | st.dictionaries(st.sampled_from(["manifest", "minisig", "payload"]),
                         st.none() | st.text() | st.integers()).map(envelope.canonical))
def test_any_bytes_are_a_share_file_or_response_or_refused(data: bytes) -> None:
    for parse in (formats.open_share_file, formats.open_response):
        with contextlib.suppress(TrustError, InvalidInput):
            parse(data)


def test_a_request_not_in_canonical_form_is_refused() -> None:
    body = json.loads(_request().to_bytes())
    with pytest.raises(TrustError, match="canonical"):
        formats.parse_request(json.dumps(body, indent=1).encode())


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Registry, Registry, Registry]:
    from tests.sync.vaults import introduce, make_vault

    vaults = [make_vault(tmp_path, n) for n in ("O", "A", "B")]
    introduce(*vaults)
    yield vaults[0], vaults[1], vaults[2]
    for v in vaults:
        v.lock()


def _files(owner: Registry, tmp_path: Path) -> list[Path]:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return owner.recovery.export(out, all_files=True)


def test_every_byte_of_a_share_file_is_covered(pair, tmp_path: Path) -> None:
    o, a, b = pair
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    data = _files(o, tmp_path)[0].read_bytes()
    for at in range(0, len(data) - 1, 97):  # the newline aside, a flip anywhere is refused
        bad = bytearray(data)
        bad[at] ^= 0x01
        with pytest.raises((TrustError, InvalidInput)):
            formats.open_share_file(bytes(bad))


def test_who_may_hold_a_share(pair, tmp_path: Path) -> None:
    o, a, b = pair
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    for_a, for_b = _files(o, tmp_path)
    with pytest.raises(BundleError, match="addressed to another"):
        a.recovery.receive(for_b)
    with pytest.raises(InvalidInput, match="own key"):
        o.recovery.receive(for_a)
    held, new = b.recovery.receive(for_b)
    assert new and held.owner == o.identity.fingerprint
    assert b.recovery.receive(for_b) == (held, False)  # a replay changes nothing


def test_an_unverified_or_revoked_owner_cannot_hand_out_shares(pair, tmp_path: Path) -> None:
    from registry.sync.trust import TrustStore

    o, a, b = pair
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    for_a, _ = _files(o, tmp_path)
    TrustStore(a.store, a.official_keys.public()).revoke(o.identity.fingerprint)
    with pytest.raises(TrustError, match="revoked"):
        a.recovery.receive(for_a)
    assert a.recovery.held() == []


def test_custodians_must_be_verified_colleagues(pair, tmp_path: Path) -> None:
    from registry.sync.keys import OfficialKeys

    o, a, _ = pair
    with pytest.raises(InvalidInput, match="itself"):
        o.recovery.setup([o.identity.fingerprint, a.identity.fingerprint], 0, 2, None)
    with pytest.raises(NotFound):
        o.recovery.setup([OfficialKeys.generate().public().fingerprint], 1, 2, None)
    with pytest.raises(InvalidInput, match="40 hexadecimal"):
        o.recovery.setup(["nope"], 1, 2, None)
    with pytest.raises(InvalidInput, match="threshold"):
        o.recovery.setup([a.identity.fingerprint], 0, 2, None)
    assert o.recovery.current() is None


def test_changing_custodians_rotates_the_key_and_revokes_the_old_set(pair, tmp_path) -> None:
    o, a, b = pair
    first = o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    key = bytes(o._data_key)
    with pytest.raises(InvalidInput, match="passphrase"):
        o.recovery.setup([a.identity.fingerprint], 2, 2, None)
    second = o.recovery.setup([a.identity.fingerprint], 2, 2, PASSPHRASE)
    assert second.rotated and bytes(o._data_key) != key
    assert second.generation == first.generation + 1 and len(second.paper) == 2
    status = o.recovery.status()
    assert status["issued"]["set_id"] == second.set_id and status["revoked_sets"] == 1
    # a paper set cannot be re-issued on rotation: it is revoked, and setup is asked again
    o.rotate_key(PASSPHRASE)
    assert o.recovery.current() is None


def test_rotation_reissues_a_colleagues_set(pair, tmp_path: Path) -> None:
    o, a, b = pair
    first = o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    assert o.change_passphrase(PASSPHRASE, "an altogether different passphrase",
                               rotate=True) == "reissued"
    current = o.recovery.current()
    assert current is not None and current["set_id"] != first.set_id
    assert current["key_is_current"] and [c["sent"] for c in current["custodians"]] == [False,
                                                                                        False]


def test_a_rotation_says_when_the_set_could_not_be_reissued(pair) -> None:
    """A set with paper shares is revoked by a rotation (new words would have to be shown):
    the caller is told, to say so; without a set there is nothing to tell."""
    o, a, _b = pair
    o.recovery.setup([a.identity.fingerprint], 1, 2, None)
    assert o.rotate_key(PASSPHRASE) == "revoked"
    assert o.recovery.current() is None
    assert o.rotate_key(PASSPHRASE) is None
    assert o.change_passphrase(PASSPHRASE, "an altogether different passphrase") is None


def test_release_needs_the_confirmed_number_and_respects_cooling_off(pair, tmp_path) -> None:
    o, a, b = pair
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    a.recovery.receive(_files(o, tmp_path)[0])
    req = tmp_path / "req"
    req.write_bytes(_request().to_bytes())
    number = formats.parse_request(req.read_bytes()).safety_number
    with pytest.raises(UsageError, match="confirm"):
        a.recovery.respond(req, tmp_path / "r", None)
    with pytest.raises(TrustError, match="not this request"):
        a.recovery.respond(req, tmp_path / "r", "0" * 30)
    assert not (tmp_path / "r").exists()
    released = a.recovery.respond(req, tmp_path / "r", number)
    assert released.owner == o.identity.fingerprint and not released.overrode_cooling_off
    assert a.recovery.respond(req, tmp_path / "r-again", number)  # the same request again
    other = tmp_path / "req2"
    other.write_bytes(_request().to_bytes())
    number2 = formats.parse_request(other.read_bytes()).safety_number
    with pytest.raises(UsageError, match="cooling-off"):
        a.recovery.respond(other, tmp_path / "r2", number2)
    assert a.recovery.respond(other, tmp_path / "r2", number2,
                              override_cooling_off=True).overrode_cooling_off
    with pytest.raises(NotFound, match="no recovery share"):
        b.recovery.respond(req, tmp_path / "rb", number)


def test_a_response_is_sealed_to_the_request_key_only(pair, tmp_path: Path) -> None:
    o, a, b = pair
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    a.recovery.receive(_files(o, tmp_path)[0])
    req = tmp_path / "req"
    req.write_bytes(_request().to_bytes())
    number = formats.parse_request(req.read_bytes()).safety_number
    a.recovery.respond(req, tmp_path / "r", number)
    response = formats.open_response((tmp_path / "r").read_bytes())
    assert response.opened.signer == a.official_keys.public()
    for keys in (a.official_keys, o.official_keys, b.official_keys):
        with pytest.raises(BundleError):
            response.opened.decrypt(keys.age_identity)
    doc = json.loads((tmp_path / "r").read_text())
    assert base64.b64decode(doc["payload"]).startswith(b"age-encryption.org/v1\n")
    assert isinstance(o.recovery, Recovery)


def test_no_release_for_a_revoked_owner(pair, tmp_path: Path) -> None:
    """A revoked owner's laptop may be in other hands, with the vault folder on it."""
    from registry.sync.trust import TrustStore

    o, a, b = pair
    o.recovery.setup([a.identity.fingerprint, b.identity.fingerprint], 0, 2, None)
    a.recovery.receive(_files(o, tmp_path)[0])
    TrustStore(a.store, a.official_keys.public()).revoke(o.identity.fingerprint)
    req = tmp_path / "req"
    req.write_bytes(_request().to_bytes())
    number = formats.parse_request(req.read_bytes()).safety_number
    with pytest.raises(TrustError, match="revoked"):
        a.recovery.respond(req, tmp_path / "r", number)
    assert not (tmp_path / "r").exists()


def test_a_set_is_replaced_only_where_its_files_can_be_written(
        pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new set over a current one rotates the data key first, which revokes the current
    set: a folder that could not take the new files left the vault with no set, and said
    "nothing was written" (was). The folder is tried first; a failure after the rotation
    says what it did."""
    from registry.errors import StorageFull, WriteFailed
    from tests.sync.forge import files

    o, a, b = pair
    custodians = [a.identity.fingerprint, b.identity.fingerprint]
    o.recovery.setup(custodians, 0, 2, None)
    current, before = o.recovery.current(), files(o)
    for folder in (tmp_path / "missing", tmp_path / "a-file"):
        (tmp_path / "a-file").touch()
        with pytest.raises(WriteFailed, match="nothing was written"):
            o.recovery.setup(custodians, 1, 2, PASSPHRASE, out_dir=folder)
        assert o.recovery.current() == current and files(o) == before

    out = tmp_path / "out"
    out.mkdir()

    def full(path: Path, data: bytes) -> None:
        raise StorageFull("The disk is full: a share was not written.")

    with monkeypatch.context() as patched:
        patched.setattr(envelope, "write", full)  # the disk fills between the try and the files
        with pytest.raises(StorageFull, match=r"previous recovery set revoked.*disk is full"):
            o.recovery.setup(custodians, 1, 2, PASSPHRASE, out_dir=out)
    assert o.recovery.current() is None and not list(out.iterdir())
    issued = o.recovery.setup(custodians, 1, 2, PASSPHRASE, out_dir=out)  # set up again
    assert len(issued.files) == 2 and o.recovery.current() is not None
