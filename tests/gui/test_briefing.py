"""The PDF briefing renders (pages, text) with the sender and date, small cells suppressed
— also those a shown sum would give away — and no person's name at all (a protected
sentinel and every demo person are looked for in the extracted text)."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.analytics.suppress import SMALL_CELL, is_count
from registry.domain.enums import Kind
from registry.gui import briefing

from .analytics_vault import SENDER, SENDER_ORG, SENTINEL, SENTINEL_RU, TODAY, Vault, make_vault

NOT_FIGURES = ("sender", "targets", "tiles", "region_names")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} (poppler-utils) is required in CI")
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def pdf_text(path: Path) -> str:
    """The text of the PDF, NFKC-normalised (ligatures such as "ﬀ" back to letters)."""
    out = subprocess.run([_tool("pdftotext"), str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return unicodedata.normalize("NFKC", out)


def pdf_pages(path: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(path)], check=True, capture_output=True,
                          text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def small_counts(data: Any, key: str = "") -> list[str]:
    """Paths of counts below five that survived (there must be none)."""
    if isinstance(data, dict):
        return [p for k, v in data.items() if k not in NOT_FIGURES
                for p in small_counts(v, f"{key}/{k}")] + \
               [f"{key}/{k}" for k, v in data.items()
                if k not in NOT_FIGURES and is_count(k, v) and v < SMALL_CELL]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in small_counts(v, f"{key}[{i}]")]
    return []


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    v = make_vault(tmp_path / "v")
    yield v
    v.reg.lock()


def test_pdf_renders_with_sender_date_suppression_and_no_names(vault, tmp_path):
    path = tmp_path / "briefing.pdf"
    data = briefing.write_briefing(vault.reg, path, TODAY)
    assert path.stat().st_mode & 0o777 == 0o600
    assert pdf_pages(path) >= 3
    text = pdf_text(path)
    flat = " ".join(text.split())
    for expected in (SENDER, SENDER_ORG, TODAY.isoformat(), "Plurality", "Regional coverage",
                     "Permits expiring", "Evaluations"):
        assert expected in flat, expected
    assert text.count(briefing.MARKER) > 10  # suppressed cells, beyond the legend
    assert small_counts(data) == []
    assert data["origin"]["RU-TY"] is None  # the sentinel's region of origin (few people)
    people = [n for row in vault.reg.store.conn.execute(
        "SELECT name, name_latin FROM person") for n in row if n]
    assert SENTINEL in people and SENTINEL_RU in people
    leaked = [n for n in people if n in text or n in flat]
    assert leaked == []


def test_a_hidden_region_cannot_be_recovered_from_its_district(vault, tmp_path):
    data = briefing.figures(vault.reg, TODAY)
    from registry.domain.regions import DISTRICTS

    for district, codes in DISTRICTS.items():
        if data["districts"][district]["origin"] is not None:
            hidden = [c for c in codes if data["origin"][c] is None]
            assert len(hidden) != 1, district


def test_a_tiny_vault_shows_only_markers(registry, tmp_path):
    for name in ("Анна Иванова", "Борис Петров", "Вера Смирнова"):
        registry.add(Kind.PERSON, {"name": name, "gender": "female", "region": "RU-MOW"})
    path = tmp_path / "tiny.pdf"
    data = briefing.write_briefing(registry, path, TODAY)
    assert data["people"]["total"] is None and data["origin"]["RU-MOW"] is None
    text = pdf_text(path)
    assert "Test Official" in text and "Анна" not in text and briefing.MARKER in text
