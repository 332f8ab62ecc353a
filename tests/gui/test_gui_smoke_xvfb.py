"""End to end on a real X server: the real app starts on a small demo vault under Xvfb, the
passphrase is typed with xdotool, the main window appears and is not blank.

The screenshot lands in ``test-output/gui-smoke-main.png`` at the repository root. In CI
(``CI`` set) a missing Xvfb or xdotool is a failure; elsewhere the test is skipped. Every
wait is a poll with a deadline.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.passphrase import PASSPHRASE

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
TOOLS = ("Xvfb", "xdotool")


def poll(condition: Callable[[], object], timeout: float, what: str,
         alive: Callable[[], None] = lambda: None) -> object:
    """``condition()`` until it is truthy, every 0.2 s, for at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        alive()
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)  # a poll of another process, not a wait on this one's widgets


@pytest.fixture
def tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing and not os.environ.get("CI"):
        pytest.skip(f"needs {', '.join(missing)} (installed in CI by scripts/dev)")
    assert not missing, f"{missing} must be installed in CI"


@pytest.fixture
def display(tools: None, tmp_path: Path) -> Iterator[str]:
    """A fresh Xvfb on a display number it picks itself (``-displayfd``: no clash)."""
    read, write = os.pipe()
    log = (tmp_path / "xvfb.log").open("wb")
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24",
                             "-nolisten", "tcp"], pass_fds=(write,), stdout=log, stderr=log)
    os.close(write)
    try:
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read, 16)  # Xvfb writes the number once it accepts clients
            if not chunk:
                break
            number += chunk
        assert number.strip(), "Xvfb did not start: " + (tmp_path / "xvfb.log").read_text()
        yield f":{number.decode().strip()}"
    finally:
        os.close(read)
        xvfb.terminate()
        try:
            xvfb.wait(10)
        except subprocess.TimeoutExpired:
            xvfb.kill()
            xvfb.wait(10)
        log.close()


def x_env(display: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "REGISTRY_PASSPHRASE")}
    env.update(DISPLAY=display, XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_RUNTIME_DIR=str(tmp_path / "runtime"), LANG="C.UTF-8", LANGUAGE="en")
    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          timeout=20, check=False)
    return done.stdout


def visible_windows(env: dict[str, str]) -> dict[str, str]:
    """Visible top-level windows: id → title."""
    ids = xdotool(env, "search", "--onlyvisible", "--name", ".").split()
    return {w: xdotool(env, "getwindowname", w).strip() for w in ids}


def screenshot(env: dict[str, str], path: Path) -> None:
    """The whole screen: ImageMagick's ``import`` where installed, else Qt's screen grab."""
    if shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(path)], env=env, check=True,
                       timeout=30, capture_output=True)
        return
    grab = ("import sys; from PySide6.QtGui import QGuiApplication; "
            "app = QGuiApplication([]); "
            "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)")
    subprocess.run([sys.executable, "-c", grab, str(path)], env={**env, "QT_QPA_PLATFORM": "xcb"},
                   check=True, timeout=30, capture_output=True)


def pixel_spread(path: Path) -> float:
    """Standard deviation of grey levels (0–1) over a grid of the image's pixels."""
    from PySide6.QtGui import QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
    assert not image.isNull(), f"unreadable screenshot {path}"
    w, h = image.width(), image.height()
    grey = [image.pixelColor(x, y).red() / 255
            for y in range(0, h, max(1, h // 150)) for x in range(0, w, max(1, w // 200))]
    return statistics.pstdev(grey)


def test_real_app_unlocks_and_shows_the_main_window(display: str, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    demo = subprocess.run([sys.executable, "-m", "registry", "--vault", str(vault), "demo",
                           "--people", "300"],
                          env={**os.environ, "REGISTRY_PASSPHRASE": PASSPHRASE},
                          capture_output=True, text=True, timeout=120, check=False)
    assert demo.returncode == 0, demo.stderr
    env = x_env(display, tmp_path)
    out, err = tmp_path / "app.out", tmp_path / "app.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        app = subprocess.Popen([sys.executable, "-m", "registry", "--vault", str(vault), "gui"],
                               env=env, stdout=stdout, stderr=stderr, cwd=tmp_path)
    try:
        def alive() -> None:
            assert app.poll() is None, f"the app exited: {err.read_text()[-2000:]}"

        windows = poll(lambda: visible_windows(env), 30, "the unlock dialog", alive)
        unlock = next(iter(windows))  # type: ignore[call-overload]
        xdotool(env, "mousemove", "--window", unlock, "40", "40")
        xdotool(env, "windowfocus", "--sync", unlock)
        xdotool(env, "type", "--delay", "20", PASSPHRASE)
        xdotool(env, "key", "Return")
        main = poll(lambda: [w for w, title in visible_windows(env).items()
                             if title == "Registry"], 60, "the main window", alive)
        assert main
        OUTPUT.mkdir(exist_ok=True)
        shot = OUTPUT / "gui-smoke-main.png"

        def painted() -> float:
            screenshot(env, shot)
            spread = pixel_spread(shot)
            return spread if spread > 0.05 else 0.0

        spread = poll(painted, 30, f"a main window that is not blank (see {shot})", alive)
        assert float(spread) > 0.05  # type: ignore[arg-type]
        alive()
    finally:
        app.terminate()
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(15)
    logs = out.read_text(errors="replace") + err.read_text(errors="replace")
    for word in ("traceback", "error"):
        assert word not in logs.lower(), logs[-3000:]
