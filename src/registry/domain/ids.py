"""Time-ordered record ids (UUIDv7, RFC 9562): inserts land at the end of the primary-key index."""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
import uuid

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class _Uuid7:
    """UUIDv7 with a 12-bit sequence in ``rand_a`` so ids made in one millisecond still rise."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = 0
        self._seq = 0

    def __call__(self) -> str:
        with self._lock:
            ms = time.time_ns() // 1_000_000
            if ms <= self._last_ms:
                ms = self._last_ms
                self._seq += 1
                if self._seq >= 1 << 12:
                    ms += 1
                    self._seq = 0
            else:
                self._seq = int.from_bytes(os.urandom(2), "big") & 0x3FF
            self._last_ms = ms
            seq = self._seq
        rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
        value = (ms << 80) | (0x7 << 76) | (seq << 64) | (0b10 << 62) | rand
        return str(uuid.UUID(int=value))


new_id = _Uuid7()
new_id.__doc__ = "Return a new UUIDv7 string; ids made in one process are strictly increasing."


def is_id(text: str) -> bool:
    """True when ``text`` is a canonical lowercase UUID string."""
    return _UUID_RE.fullmatch(text) is not None  # match() would let a trailing \n through


_ASSESSED = b"registry-evaluation-id/1\x00"
_TAG_BITS = 48  # the low bits of an evaluation's id: a tag of its assessor and the rest
_TAG = (1 << _TAG_BITS) - 1
_VERSION = 0xF << 76


def _tag(assessor: str, rest: int) -> int:
    material = _ASSESSED + assessor.encode() + rest.to_bytes(10, "big")
    return int.from_bytes(hashlib.sha256(material).digest()[:6], "big")


def evaluation_id(assessor: str) -> str:
    """A new evaluation's id, bound to its assessor's fingerprint (UUIDv8, RFC 9562): a
    :data:`new_id` (its time and sequence, so ids made in one process still differ and rise)
    with version 8 and its low 48 bits a tag of the assessor and the other 80 bits. Any
    vault can tell whether an id was made for an assessor (:func:`made_for`); an official
    who learns another's evaluation id cannot make one of their own under it (their
    fingerprint is not theirs to choose)."""
    rest = ((uuid.UUID(new_id()).int & ~_VERSION) | (0x8 << 76)) >> _TAG_BITS
    return str(uuid.UUID(int=(rest << _TAG_BITS) | _tag(assessor, rest)))


def evaluation_form(record_id: str) -> bool:
    """Whether the canonical id ``record_id`` has an evaluation's form (version 8:
    :func:`evaluation_id`). No record of another kind is made with one (a UUIDv7, a decision's
    v5, a pseudonym's v4): a line of another kind under one is no line of this program's."""
    return record_id[14:15] == "8"


def made_for(record_id: str, assessor: str) -> bool | None:
    """Whether the evaluation id ``record_id`` was made for ``assessor``
    (:func:`evaluation_id`); None for an id of another form (an evaluation made before ids
    were bound to their assessor: nothing to tell)."""
    value = uuid.UUID(record_id).int
    if value & _VERSION != 0x8 << 76:
        return None
    return value & _TAG == _tag(assessor, value >> _TAG_BITS)


_DECISIONS = uuid.UUID("5b0e6a54-3f1c-4d0e-9a39-2b7c1d1f0d11")


def decision_id(a: str, b: str) -> str:
    """The id of the decision record on the pair ``a`` < ``b``: the same in every vault."""
    low, high = sorted((a, b))
    return str(uuid.uuid5(_DECISIONS, f"{low}|{high}"))
