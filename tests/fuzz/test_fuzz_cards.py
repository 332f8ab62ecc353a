"""Fuzzing the identity card parser and the trust store's door (DESIGN §5.1).

Random bytes, byte-level mutations of a valid card, and field-level mutations re-serialised
canonically (and re-signed with the card's own key, so validation past the signature is
reached): parse_card raises only TrustError/RegistryError; adding a rejected card to a real
vault leaves every vault file byte-identical.
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from registry.sync import cards
from registry.sync.keys import b64encode
from tests.fuzz.conftest import World, fuzz, mutate_bytes, mutate_json, only_ours


def _canonical(obj: object) -> bytes:
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass") + b"\n"


def _resigned(world: World, obj: object) -> bytes:
    if not isinstance(obj, dict):
        return _canonical(obj)
    body = {k: v for k, v in obj.items() if k != "signature"}
    message = b"registry-card/1\x00" + _canonical(body)[:-1]
    signature = world.sender_keys.signing_key().sign(message)
    return _canonical({**body, "signature": b64encode(signature)})


@fuzz(400)
@given(blob=st.binary(max_size=3000))
def test_card_parser_on_random_bytes(blob: bytes) -> None:
    only_ours(lambda: cards.parse_card(blob))


@fuzz(400)
@given(data=st.data())
def test_card_parser_on_mutated_bytes(world: World, data: st.DataObject) -> None:
    blob = mutate_bytes(data, world.card)
    accepted = only_ours(lambda: cards.parse_card(blob))
    assert not accepted or blob == world.card


@fuzz(400)
@given(data=st.data(), resign=st.booleans())
def test_card_parser_on_mutated_fields(world: World, data: st.DataObject, resign: bool) -> None:
    obj = mutate_json(data, json.loads(world.card))
    blob = _resigned(world, obj) if resign else _canonical(obj)
    only_ours(lambda: cards.parse_card(blob))


@fuzz(80)
@given(data=st.data(), resign=st.booleans())
def test_rejected_card_leaves_the_vault_untouched(world: World, data: st.DataObject,
                                                  resign: bool) -> None:
    obj = mutate_json(data, json.loads(world.card))
    blob = _resigned(world, obj) if resign else _canonical(obj)
    before = world.tree()
    reg = world.open()
    try:
        accepted = only_ours(lambda: reg.sharing.add_card(blob))
    finally:
        reg.lock()
    if not accepted:
        assert world.tree() == before
