"""Argon2id: the parameters, their bounds, one-probe calibration, and key derivation.

Bounds apply twice: when a key file is written (``MIN_MEMORY_KIB`` is a floor unless the
caller explicitly allows weak test parameters) and when one is read (a hostile or damaged
key file must not make unlock take minutes or exhaust memory, so memory, passes, lanes and
their product are capped before any derivation runs).
"""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from registry.errors import InvalidInput

MIN_MEMORY_KIB = 64 * 1024
"""Floor for real vaults: 64 MiB (RFC 9106's second recommended option uses 64 MiB, t=3)."""

MAX_MEMORY_KIB = 1024 * 1024
"""Ceiling for any key file: 1 GiB. Calibration never goes above it."""

MAX_ITERATIONS = 16
MAX_LANES = 16
MAX_WORK_KIB_PASSES = 4 * MAX_MEMORY_KIB
"""Cap on ``memory_kib * iterations`` (4 GiB-passes, a few seconds on a slow laptop)."""

WEAK_FLOOR_KIB = 8 * 1024
"""Nothing below 8 MiB is ever derived, even for tests."""

KEY_BYTES = 32
SALT_BYTES = 32
CALIBRATION_LANES = 4
CALIBRATION_ITERATIONS = 3
_MIB_KIB = 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters as stored in the key file."""

    memory_kib: int
    iterations: int
    lanes: int


FAST_TEST_PARAMS = KdfParams(memory_kib=WEAK_FLOOR_KIB, iterations=1, lanes=1)
"""Cheap parameters for in-process tests only; ``create_keyfile`` needs ``allow_weak=True``."""


def _is_int(value: object) -> bool:
    """True for a real ``int`` (``bool`` is an ``int`` subclass and is refused)."""
    return isinstance(value, int) and not isinstance(value, bool)


def bounds_problem(params: KdfParams) -> str | None:
    """Say what is out of range in ``params`` (ignoring the 64 MiB floor), or ``None``."""
    fields = (params.memory_kib, params.iterations, params.lanes)
    if not all(_is_int(value) for value in fields):
        return "Argon2id parameters must be whole numbers"
    if not 1 <= params.lanes <= MAX_LANES:
        return f"Argon2id lanes must be between 1 and {MAX_LANES}"
    if not 1 <= params.iterations <= MAX_ITERATIONS:
        return f"Argon2id iterations must be between 1 and {MAX_ITERATIONS}"
    if not max(WEAK_FLOOR_KIB, 8 * params.lanes) <= params.memory_kib <= MAX_MEMORY_KIB:
        return f"Argon2id memory must be between {WEAK_FLOOR_KIB} and {MAX_MEMORY_KIB} KiB"
    if params.memory_kib * params.iterations > MAX_WORK_KIB_PASSES:
        return "Argon2id memory times iterations is too large"
    return None


def check_params(params: KdfParams, *, allow_weak: bool = False) -> None:
    """Raise ``InvalidInput`` unless ``params`` may be used to seal a new key file."""
    problem = bounds_problem(params)
    if problem is not None:
        raise InvalidInput(f"{problem}.")
    if params.memory_kib < MIN_MEMORY_KIB and not allow_weak:
        raise InvalidInput(f"Argon2id memory below {MIN_MEMORY_KIB} KiB (64 MiB) is too weak "
                           "for a vault; use calibrate().")


def passphrase_bytes(passphrase: str) -> bytearray:
    """Encode a passphrase as NFC UTF-8, so the same words typed on any system match."""
    if not isinstance(passphrase, str):
        raise InvalidInput("The passphrase must be text.")
    try:
        return bytearray(unicodedata.normalize("NFC", passphrase).encode("utf-8"))
    except UnicodeEncodeError:  # lone surrogates, e.g. undecodable bytes from the environment
        raise InvalidInput("The passphrase is not valid text (check its encoding).") from None


def derive(passphrase: bytes | bytearray, salt: bytes, params: KdfParams) -> bytearray:
    """Derive a 32-byte key with Argon2id into a fresh ``bytearray`` (caller zeroes it)."""
    key = bytearray(KEY_BYTES)
    kdf = Argon2id(salt=salt, length=KEY_BYTES, iterations=params.iterations,
                   lanes=params.lanes, memory_cost=params.memory_kib)
    # The stub says bytes; the Rust binding takes any buffer, so no immutable copy is made.
    kdf.derive_into(passphrase, key)  # type: ignore[arg-type]
    return key


def _time_derivation(params: KdfParams) -> float:
    """Seconds one derivation with ``params`` takes on this machine."""
    start = time.perf_counter()
    derive(b"calibration probe", os.urandom(SALT_BYTES), params)
    return time.perf_counter() - start


def calibrate(target_seconds: float = 0.5) -> KdfParams:
    """Choose parameters (>= 64 MiB) that take about ``target_seconds`` here, from one probe.

    The probe runs the floor (64 MiB, 3 passes, 4 lanes). Memory, the costlier resource for
    an attacker, grows first (Argon2id time is close to linear in memory); passes grow only
    once memory reaches the 1 GiB ceiling. On a machine too slow for the floor, passes drop
    (never below 1) while memory stays at 64 MiB.
    """
    if not 0.05 <= target_seconds <= 5.0:
        raise InvalidInput("The calibration target must be between 0.05 and 5 seconds.")
    floor = KdfParams(MIN_MEMORY_KIB, CALIBRATION_ITERATIONS, CALIBRATION_LANES)
    return scale_params(floor, _time_derivation(floor), target_seconds)


def scale_params(probe: KdfParams, probe_seconds: float, target_seconds: float) -> KdfParams:
    """Scale ``probe`` (which took ``probe_seconds``) to take about ``target_seconds``."""
    ratio = target_seconds / max(probe_seconds, 1e-6)
    if ratio < 1:
        iterations = max(1, int(probe.iterations * ratio))
        return KdfParams(probe.memory_kib, iterations, probe.lanes)
    memory = int(probe.memory_kib * ratio) // _MIB_KIB * _MIB_KIB
    memory = min(max(memory, probe.memory_kib), MAX_MEMORY_KIB)
    spare = ratio * probe.memory_kib / memory
    iterations = min(max(probe.iterations, int(probe.iterations * spare)), MAX_ITERATIONS,
                     MAX_WORK_KIB_PASSES // memory)
    return KdfParams(memory, iterations, probe.lanes)
