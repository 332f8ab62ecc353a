"""Argon2id parameters: calibration, scaling, bounds; properties of the sealed file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.errors import InvalidInput, VaultError, WrongPassphrase
from registry.vault.kdf import (
    FAST_TEST_PARAMS,
    MAX_ITERATIONS,
    MAX_MEMORY_KIB,
    MAX_WORK_KIB_PASSES,
    MIN_MEMORY_KIB,
    KdfParams,
    bounds_problem,
    calibrate,
    derive,
    scale_params,
)
from registry.vault.keyfile import create_keyfile, unseal
from tests.passphrase import PASSPHRASE

from .conftest import VAULT_ID

FLOOR = KdfParams(MIN_MEMORY_KIB, 3, 4)


def test_calibrate_chooses_usable_parameters() -> None:
    """The calibration measures this machine (its arithmetic is tested on fixed timings:
    ``scale_params`` below); what it chooses is within bounds and derives a key. How long a
    derivation takes is not asserted here: on a busy machine it is anyone's guess (a band of
    0.2-1.5 s failed CI at 1.75 s)."""
    params = calibrate()
    assert params.memory_kib >= MIN_MEMORY_KIB
    assert bounds_problem(params) is None
    assert len(derive(b"passphrase", os.urandom(32), params)) == 32


@pytest.mark.parametrize("target", [0.0, -1.0, 0.01, 6.0])
def test_calibrate_refuses_silly_targets(target: float) -> None:
    with pytest.raises(InvalidInput):
        calibrate(target)


def test_scale_slow_machine_keeps_memory_floor() -> None:
    assert scale_params(FLOOR, 2.0, 0.5) == KdfParams(MIN_MEMORY_KIB, 1, 4)
    assert scale_params(FLOOR, 0.75, 0.5) == KdfParams(MIN_MEMORY_KIB, 2, 4)


def test_scale_grows_memory_first() -> None:
    params = scale_params(FLOOR, 0.1, 0.5)
    assert params == KdfParams(5 * MIN_MEMORY_KIB, 3, 4)
    assert params.memory_kib % 1024 == 0


def test_scale_exact_match_is_floor() -> None:
    assert scale_params(FLOOR, 0.5, 0.5) == FLOOR


def test_scale_fast_machine_caps_memory_then_passes() -> None:
    params = scale_params(FLOOR, 0.01, 0.5)  # 50x: memory would be 3.2 GiB
    assert params.memory_kib == MAX_MEMORY_KIB
    assert params.iterations == MAX_WORK_KIB_PASSES // MAX_MEMORY_KIB
    assert bounds_problem(params) is None


def test_scale_zero_probe_time_is_bounded() -> None:
    params = scale_params(FLOOR, 0.0, 0.5)
    assert params.memory_kib == MAX_MEMORY_KIB
    assert params.iterations <= MAX_ITERATIONS
    assert bounds_problem(params) is None


@given(probe=st.floats(0.001, 30.0), target=st.floats(0.05, 5.0))
def test_scaled_params_always_valid(probe: float, target: float) -> None:
    params = scale_params(FLOOR, probe, target)
    assert bounds_problem(params) is None
    assert params.memory_kib >= MIN_MEMORY_KIB


def test_fast_test_params_are_weak_but_in_bounds() -> None:
    assert FAST_TEST_PARAMS.memory_kib < MIN_MEMORY_KIB
    assert bounds_problem(FAST_TEST_PARAMS) is None


def test_derivation_depends_on_every_input() -> None:
    salt = b"s" * 32
    base = derive(bytearray(b"pw"), salt, FAST_TEST_PARAMS)
    assert len(base) == 32
    assert derive(b"pw", salt, FAST_TEST_PARAMS) == base
    assert derive(b"pW", salt, FAST_TEST_PARAMS) != base
    assert derive(b"pw", b"t" * 32, FAST_TEST_PARAMS) != base
    assert derive(b"pw", salt, KdfParams(8192, 2, 1)) != base
    assert derive(b"pw", salt, KdfParams(8192, 1, 2)) != base
    assert derive(b"pw", salt, KdfParams(9216, 1, 1)) != base


# -- properties of the sealed file ----------------------------------------------------------

FILE_SETTINGS = settings(max_examples=150, deadline=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture])


@FILE_SETTINGS
@given(data=st.data())
def test_any_single_byte_change_fails_closed(keyfile: Path, data_key: bytes,
                                             data: st.DataObject) -> None:
    """Changing any one byte either breaks the file or changes nothing it means:
    unseal never returns a key other than the sealed one."""
    original = keyfile.read_bytes()
    index = data.draw(st.integers(0, len(original) - 1), label="index")
    value = data.draw(st.integers(0, 255).filter(lambda b: b != original[index]), label="byte")
    changed = bytearray(original)
    changed[index] = value
    keyfile.write_bytes(bytes(changed))
    try:
        keys = unseal(keyfile, PASSPHRASE)
    except (WrongPassphrase, VaultError):
        pass
    else:
        assert keys == [bytearray(data_key)]
    finally:
        keyfile.write_bytes(original)


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=600))
def test_random_bytes_only_raise_vault_errors(tmp_path_factory: pytest.TempPathFactory,
                                              raw: bytes) -> None:
    path = tmp_path_factory.mktemp("garbage") / "vault.key"
    path.write_bytes(raw)
    with pytest.raises(VaultError):
        unseal(path, PASSPHRASE)


@settings(max_examples=25, deadline=None)
@given(passphrase=st.text(min_size=1, max_size=64), key=st.binary(min_size=32, max_size=32))
def test_round_trip_any_passphrase(tmp_path_factory: pytest.TempPathFactory, passphrase: str,
                                   key: bytes) -> None:
    path = tmp_path_factory.mktemp("prop") / "vault.key"
    create_keyfile(path, passphrase, key, VAULT_ID, FAST_TEST_PARAMS, allow_weak=True)
    assert unseal(path, passphrase) == [bytearray(key)]
    with pytest.raises(WrongPassphrase):
        unseal(path, passphrase + "x")
