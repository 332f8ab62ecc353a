"""Memory management around bulk work (Qt-free, below every layer that does bulk work)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


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
