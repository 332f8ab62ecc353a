"""A passphrase strength estimate for the meter: honest, simple, and offline.

It estimates guessing entropy from length and the kinds of characters used, with penalties
for repeats and runs, and rewards several words. It is a guide, not a guarantee: the meter
says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum

MIN_LENGTH = 8


class Level(IntEnum):
    EMPTY = 0
    VERY_WEAK = 1
    WEAK = 2
    FAIR = 3
    STRONG = 4
    VERY_STRONG = 5


@dataclass(frozen=True)
class Strength:
    bits: float
    level: Level


_THRESHOLDS = ((90.0, Level.VERY_STRONG), (70.0, Level.STRONG), (50.0, Level.FAIR),
               (30.0, Level.WEAK))


def _pool(text: str) -> int:
    pool = 0
    if any(c.islower() and c.isascii() for c in text):
        pool += 26
    if any(c.isupper() and c.isascii() for c in text):
        pool += 26
    if any(c.isdigit() for c in text):
        pool += 10
    if any(not c.isalnum() and c.isascii() for c in text):
        pool += 33
    if any(not c.isascii() for c in text):
        pool += 66  # Cyrillic and other scripts
    return max(pool, 1)


def _effective_length(text: str) -> float:
    """Length with repeats and runs (aaaa, 1234, abcd) counted at a quarter."""
    length = 0.0
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        repeat = ch == prev or ch in text[max(0, i - 3):i]
        run = bool(prev) and abs(ord(ch) - ord(prev)) == 1
        length += 0.25 if (repeat or run) else 1.0
    return length


def estimate(passphrase: str) -> Strength:
    if not passphrase:
        return Strength(0.0, Level.EMPTY)
    bits = _effective_length(passphrase) * math.log2(_pool(passphrase))
    words = [w for w in passphrase.split() if len(w) >= 3]
    if len(words) >= 3:
        bits += 5.0 * len(words)
    if len(passphrase) < MIN_LENGTH:
        bits = min(bits, 25.0)
    level = next((lv for limit, lv in _THRESHOLDS if bits >= limit), Level.VERY_WEAK)
    return Strength(round(bits, 1), level)
