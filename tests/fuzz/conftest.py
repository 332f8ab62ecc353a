"""Fuzzing with hypothesis: profiles, mutation strategies and the real vaults the targets use.

Profiles: by default each target runs a CI-short number of examples (set per target, a few
hundred); ``--hypothesis-profile=long`` (``scripts/fuzz``) runs many more with the same
targets. The profile must be named on a command line that includes ``tests/fuzz`` so that
this file is loaded before pytest configures hypothesis.

Every target asserts two things: only the project's own errors (``RegistryError``) come out
of a parser, and each example finishes in bounded time (the deadline).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

from registry.domain.enums import Kind
from registry.errors import RegistryError
from registry.service import Registry
from registry.sync import container, payload
from registry.sync.container import Recipient
from registry.sync.keys import OfficialKeys
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import hash_tree
from tests.passphrase import PASSPHRASE
from tests.sync.vaults import introduce, send

LONG = "long"
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(LONG, max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
                          deadline=dt.timedelta(seconds=10), suppress_health_check=_SLOW_OK,
                          print_blob=True)

F = TypeVar("F", bound=Callable[..., Any])


def fuzz(examples: int) -> Callable[[F], F]:
    """Settings for one fuzz target: ``examples`` in CI; the long profile's count otherwise."""
    if settings.get_current_profile_name() == LONG:
        return settings(suppress_health_check=_SLOW_OK)  # type: ignore[return-value]
    return settings(max_examples=examples, deadline=dt.timedelta(seconds=3), database=None,
                    suppress_health_check=_SLOW_OK)  # type: ignore[return-value]


# -- mutations ------------------------------------------------------------
json_leaf = (st.none() | st.booleans() | st.integers(-(2**70), 2**70)
             | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40)
             | st.sampled_from(["", " ", "x" * 5000, "\x00", "\ud800", "Иван", "age1", "RW",
                                "person", "2024-01-01", "public", "protected", "null"]))
json_values = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                           max_leaves=8)


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _paths(value, (*prefix, i))


def mutate_json(data: st.DataObject, obj: Any, rounds: int = 3) -> Any:
    """A copy of ``obj`` with 1..rounds random edits: replace, delete or add at any depth."""
    obj = copy.deepcopy(obj)
    for _ in range(data.draw(st.integers(1, rounds))):
        path = data.draw(st.sampled_from(list(_paths(obj))))
        if not path:
            obj = data.draw(json_values) if data.draw(st.booleans()) else obj
            continue
        parent = obj
        for step in path[:-1]:
            parent = parent[step]
        op = data.draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if op == "replace":
            parent[path[-1]] = data.draw(json_values)
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=12))] = data.draw(json_values)
        else:
            parent.insert(path[-1], data.draw(json_values))
    return obj


def mutate_bytes(data: st.DataObject, blob: bytes, rounds: int = 4) -> bytes:
    """A copy of ``blob`` with 1..rounds byte-level edits: flip, insert, delete, duplicate."""
    out = bytearray(blob)
    for _ in range(data.draw(st.integers(1, rounds))):
        at = data.draw(st.integers(0, max(len(out) - 1, 0)))
        op = data.draw(st.sampled_from(["flip", "insert", "delete", "dup", "truncate"]))
        if op == "flip" and out:
            out[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "insert":
            out[at:at] = data.draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del out[at:at + data.draw(st.integers(1, 64))]
        elif op == "dup":
            out[at:at] = out[at:at + data.draw(st.integers(1, 64))]
        elif op == "truncate":
            del out[at:]
    return bytes(out)


# -- real vaults ------------------------------------------------------------
@dataclass
class World:
    """A sender and a receiver that trust each other (both closed), and a valid bundle."""

    root: Path
    sender: Path
    receiver: Path
    bundle: bytes
    card: bytes
    sender_keys: OfficialKeys
    receiver_recipient: Recipient
    header: dict[str, Any]
    lines: list[dict[str, Any]]

    def open(self, which: str = "receiver") -> Registry:
        return Registry.unlock(getattr(self, which), PASSPHRASE)

    def tree(self) -> dict[str, str]:
        return hash_tree(self.receiver)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("fuzz-world")
    sender = Registry.create(root / "sender", PASSPHRASE, name="Sender", org="Ministry",
                             country="SE", kdf=FAST_TEST_PARAMS)
    receiver = Registry.create(root / "receiver", PASSPHRASE, name="Receiver", org="Ministry",
                               country="DE", kdf=FAST_TEST_PARAMS)
    org = sender.add(Kind.ORGANISATION, {"name": "Свободная редакция", "type": "media"}).id
    person = sender.add(Kind.PERSON, {"name": "Анна Петрова", "gender": "female",
                                      "country": "DE", "roles": ["journalist"]}).id
    sender.add(Kind.TIE, {"from_id": person, "to_id": org, "kind": "works_for"})
    introduce(sender, receiver)
    receiver.add(Kind.PERSON, {"name": "Local Person"})
    path = send(sender, [receiver], root / "valid.rbundle")
    opened = container.open_bundle(path)
    opened.verify_signature()
    opened.check_payload_hash()
    plain = opened.decrypt(receiver.official_keys.age_identity, max_size=10 * 1024 * 1024)
    header, lines = payload.decode(plain, max_uncompressed=10 * 1024 * 1024,
                                   max_line=1024 * 1024, max_lines=1000)
    world = World(root, root / "sender", root / "receiver", path.read_bytes(),
                  sender.sharing.card(), sender.official_keys,
                  Recipient(receiver.identity.fingerprint, receiver.identity.age_recipient),
                  header, lines)
    sender.lock()
    receiver.lock()
    return world


def only_ours(action: Callable[[], Any]) -> bool:
    """Run ``action``: True when it accepted the input, False when it refused it with one of
    the project's own errors; anything else propagates and fails the target."""
    try:
        action()
    except RegistryError as exc:
        event(f"refused: {type(exc).__name__}: {' '.join(str(exc).split()[:4])}")
        return False
    event("accepted")
    return True
