"""Memory management: around bulk work, and of what caches remember of records (Qt-free,
below every layer that does bulk work or keeps such a cache)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector around bulk work on hundreds of thousands of
    records (an import, an export, finding duplicates): they hold no reference cycles
    (reference counting frees them), and repeated full collections over that many live
    objects cost more than the work itself. The pause is process-wide; the previous state
    comes back on exit, so nested or overlapping uses leave it enabled at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


if TYPE_CHECKING:  # types only: at run time no class here looks like a cache to a walk
    class _Info(Protocol):
        @property
        def currsize(self) -> int: ...

    class _Cache(Protocol):
        def cache_clear(self) -> None: ...

        def cache_info(self) -> _Info: ...


_C = TypeVar("_C", bound="_Cache")
_OF_RECORDS: list[_Cache] = []


def of_records(cache: _C) -> _C:
    """Mark a cache (``functools.lru_cache``) whose arguments or results come from records —
    names, words of notes, dates — so that :func:`forget_records` empties it. Every such
    cache in the core is marked: a test finds the caches of every module and holds them to
    it."""
    _OF_RECORDS.append(cache)
    return cache


def forget_records() -> None:
    """Empty every cache marked :func:`of_records`: a vault locks (and drops its key), and the
    names it showed or imported are no longer kept by the process to speed up the next look.
    CPython does not overwrite freed memory, so this shortens how long they stay there; it
    cannot promise they are gone (SECURITY.md)."""
    for cache in _OF_RECORDS:
        cache.cache_clear()


# what each cache of record words keeps through bulk work at most (about 3 MB a cache)
CACHED_WORDS = 8_192


def forget_records_over(entries: int = CACHED_WORDS) -> None:
    """Empty each cache marked :func:`of_records` that holds more than ``entries`` answers:
    bulk work on records of any number (an import, a part at a time) keeps what the caches
    hold bounded, and keeps the answers a vocabulary of names and words repeats while it is
    smaller than that."""
    for cache in _OF_RECORDS:
        if cache.cache_info().currsize > entries:
            cache.cache_clear()
