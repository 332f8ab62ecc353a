"""Hybrid logical clock and field stamps (DESIGN §6.1).

An HLC value is one 64-bit integer: milliseconds since the epoch in the high 48 bits and a
counter in the low 16, so it stays close to wall time, never goes backwards, and orders
causally related events. A stamp is ``(hlc, origin)``; origins break ties, so stamps are
totally ordered.
"""

from __future__ import annotations

import time
from typing import NamedTuple

COUNTER_BITS = 16
MAX_HLC = (1 << 63) - 1


class Stamp(NamedTuple):
    """Version of one field value: compared as (hlc, origin)."""

    hlc: int
    origin: str

    def to_json(self) -> list[object]:
        return [self.hlc, self.origin]

    @classmethod
    def from_json(cls, value: object) -> Stamp:
        if (not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], int)
                or isinstance(value[0], bool) or not isinstance(value[1], str)):
            raise ValueError("a stamp is [hlc, origin]")
        if not 0 <= value[0] <= MAX_HLC or not 0 < len(value[1]) <= 64:
            raise ValueError("stamp out of range")
        return cls(value[0], value[1])


def wall_hlc() -> int:
    """The wall clock as an HLC value with a zero counter."""
    return (time.time_ns() // 1_000_000) << COUNTER_BITS


def hlc_millis(hlc: int) -> int:
    """Milliseconds since the epoch that an HLC value stands for."""
    return hlc >> COUNTER_BITS


class Clock:
    """A hybrid logical clock; ``last`` is persisted by the store between sessions."""

    def __init__(self, last: int = 0) -> None:
        self.last = last

    def tick(self) -> int:
        """A new value greater than every value seen so far."""
        self.last = max(wall_hlc(), self.last + 1)
        return self.last

    def observe(self, remote: int) -> None:
        """Move past a value received from another vault (bounded against absurd clocks)."""
        if remote > self.last:
            self.last = min(remote, MAX_HLC)
