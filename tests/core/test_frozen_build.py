"""The frozen (PyInstaller) build: scripts/build-frozen builds it and smoke-tests the result.

It takes about a minute, so it runs in CI (``CI`` set) or when asked for with
``REGISTRY_TEST_FROZEN=1``; elsewhere it is skipped. Run it alone with
``REGISTRY_TEST_FROZEN=1 .venv/bin/python -m pytest tests/core/test_frozen_build.py``, or run
``scripts/build-frozen`` directly.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WANTED = bool(os.environ.get("CI")) or os.environ.get("REGISTRY_TEST_FROZEN") == "1"


@pytest.mark.slow
@pytest.mark.slow
@pytest.mark.xvfb
@pytest.mark.skipif(not WANTED, reason="the frozen build takes a minute: set "
                    "REGISTRY_TEST_FROZEN=1 (CI sets CI) or run scripts/build-frozen")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the smoke test is Linux-only")
def test_build_frozen_builds_and_passes_its_smoke_test() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env.pop("QT_QPA_PLATFORM", None)  # the smoke test runs the app on a real X server
    env["REGISTRY_BUILD_VENV"] = str(Path(sys.prefix))
    proc = subprocess.run([str(ROOT / "scripts" / "build-frozen")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900, check=False,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    last = proc.stdout.strip().splitlines()[-1]
    print(last)  # shown with -rA / -s: "frozen build: OK, N MB in ..."
    match = re.fullmatch(r"frozen build: OK, (\d+) MB in .* \(\d+ s\)", last)
    assert match, last
    assert 20 < int(match.group(1)) < 600
