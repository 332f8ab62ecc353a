"""``registry briefing -o FILE.pdf [--lang en|ru]`` (DESIGN §9) through the real command line on
a demo vault: the app's file (the same text as :func:`registry.gui.briefing.write_briefing`
in the same language), readable by the owner only, rendered to PNG in test-output/briefing/
(CI keeps it) and read back with pdftotext: no "<5" where a percentage or amount stands, no
raw code or field name, every suppression's reason, Russian text in the Russian file."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Gender, Group, Horizon, OrgType, Role, SupportKind
from registry.gui import briefing
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

from .analytics_vault import OUTPUT
from .test_briefing import _tool, pdf_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cli, Path]]:
    base = tmp_path_factory.mktemp("briefing-cli")
    cli = Cli(base / "home", base / "tmp")
    cli.home.mkdir()
    cli.tmp.mkdir()
    root = base / "v"
    res = cli(root, "demo", "--people", "600", "--seed", "3")
    assert res.code == 0, res.err
    yield cli, root


@pytest.fixture(scope="module")
def pdfs(demo: tuple[Cli, Path]) -> dict[str, Path]:
    cli, root = demo
    out = {}
    for lang in ("en", "ru"):
        path = root.parent / f"briefing-{lang}.pdf"
        res = cli(root, "briefing", "-o", str(path), "--lang", lang, env={"QT_QPA_PLATFORM": ""})
        assert res.code == 0, res.err
        assert str(path) in res.out
        out[lang] = path
    return out


def _render_png(pdf: Path, name: str) -> list[Path]:
    folder = OUTPUT / "briefing"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run([_tool("pdftoppm"), "-png", "-r", "80", str(pdf), str(folder / name)],
                   check=True)
    pages = sorted(folder.glob(f"{name}-*.png"))
    assert pages and all(p.stat().st_size > 5000 for p in pages)
    return pages


def _lines(pdf: Path) -> list[str]:
    return [" ".join(line.split()) for line in pdf_text(pdf, "-layout").splitlines()
            if line.strip()]


def test_the_cli_writes_the_briefing_owner_only(pdfs: dict[str, Path]) -> None:
    for lang, path in pdfs.items():
        assert path.read_bytes().startswith(b"%PDF")
        assert path.stat().st_mode & 0o777 == 0o600
        assert len(_render_png(path, f"cli-{lang}")) >= 5
        text = pdf_text(path)
        assert ("Crimea" in text) is (lang == "en") and ("Крым" in text) is (lang == "ru")


def test_the_cli_file_is_the_apps(demo: tuple[Cli, Path], pdfs: dict[str, Path],
                                  tmp_path: Path, qapp: object) -> None:
    from registry.gui import i18n
    from registry.service import Registry

    reg = Registry.unlock(demo[1], PASSPHRASE)
    try:
        for lang, cli_pdf in pdfs.items():
            app_pdf = tmp_path / f"app-{lang}.pdf"
            try:
                i18n.install(qapp, lang)  # type: ignore[arg-type]
                # the CLI dates its file with the real day (no --today): the app's copy must too
                briefing.write_briefing(reg, app_pdf, dt.date.today())  # clock-ok
            finally:
                i18n.install(qapp, "en")  # type: ignore[arg-type]
            assert pdf_text(app_pdf, "-layout") == pdf_text(cli_pdf, "-layout"), lang
    finally:
        reg.lock()


PERCENT_OR_AMOUNT = re.compile(r"(Women share|Non-Russian share|Top-10|HHI|Total given|"
                               r"To organisations|To people|Доля|ИХХ|Всего выделено|"
                               r"Организациям|Людям)\b.*\d|%")


def test_no_small_cell_marker_where_a_share_or_amount_stands(pdfs: dict[str, Path]) -> None:
    for lang, path in pdfs.items():
        bad = [line for line in _lines(path)
               if PERCENT_OR_AMOUNT.match(line) and briefing.MARKER in line]
        assert bad == [], (lang, bad)


def _codes() -> set[str]:
    enums = (Gender, Group, Horizon, OrgType, Role, SupportKind)
    return {str(m.value) for e in enums for m in e if "_" in str(m.value) or
            str(m.value) in ("short", "mid", "long", "lgbtq", "ngo")} | {
        "women_share", "non_russian", "top10_share", "provider_hhi", "founded_shares",
        "expiring_30", "by_country_180", "before_2022", "since_2022", "UA-40", "UA-43"}


def test_no_raw_code_or_field_name(pdfs: dict[str, Path]) -> None:
    codes = _codes()
    for lang, path in pdfs.items():
        words = set(re.findall(r"[\w-]+", pdf_text(path)))
        assert sorted(codes & words) == [], lang


def test_every_suppression_says_why(pdfs: dict[str, Path], demo: tuple[Cli, Path]) -> None:
    from registry.service import Registry

    reg = Registry.unlock(demo[1], PASSPHRASE)
    try:
        # the figures the CLI printed, as of the day it ran (it has no --today)
        data = reg.analytics.briefing_figures(dt.date.today())  # clock-ok
    finally:
        reg.lock()
    from registry.analytics.suppress import Held, What, Why

    reasons = {Held.from_json(h) for h in data["held"].values()}
    assert reasons
    flat = " ".join(pdf_text(pdfs["en"]).split())
    assert "Counts under five are shown as <5." in flat  # the reason of every "<5"
    for held in reasons:
        if held.what is not What.COUNT or held.why is not Why.FEW:
            assert held.text() in flat, held


def test_the_russian_briefing_is_russian(pdfs: dict[str, Path]) -> None:
    text = pdf_text(pdfs["ru"])
    assert "Справка" in text and "Плюрализм" in text and "Крым" in text
    english = [line for line in _lines(pdfs["ru"])
               if len(re.findall(r"\b[a-z]{4,}\b", line)) >= 2]
    assert english == []
    en = pdf_text(pdfs["en"])
    assert not re.search(r"[а-яё]{4,}", en.replace("Demo", "")), "Russian in the English file"


def test_the_command_in_process_checks_the_target_then_writes_the_file(
        qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's own code, run in this process (the subprocess runs above are not
    measured by coverage): a missing folder or a folder as the file is refused before
    unlocking, and a good target gets the owner-only PDF."""
    from registry.cli import build_parser
    from registry.errors import InvalidInput
    from registry.service import Registry
    from registry.vault.keyfile import FAST_TEST_PARAMS

    root = tmp_path / "v"
    Registry.create(root, PASSPHRASE, name="Alice", org="MFA", country="SE",
                    kdf=FAST_TEST_PARAMS).lock()
    monkeypatch.setenv("REGISTRY_PASSPHRASE", PASSPHRASE)

    def run(target: Path) -> int:
        args = build_parser().parse_args(["--vault", str(root), "briefing", "-o", str(target),
                                          "--lang", "en"])
        return int(args.func(args))

    with pytest.raises(InvalidInput, match="does not exist"):
        run(tmp_path / "missing" / "b.pdf")
    with pytest.raises(InvalidInput, match="is a folder"):
        run(tmp_path)
    out = tmp_path / "b.pdf"
    assert run(out) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_mode & 0o777 == 0o600
