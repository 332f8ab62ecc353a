"""The PDF briefing renders (pages, text) with the sender and date, small cells suppressed
— also those a shown sum would give away — and no person's name at all (a protected
sentinel and every demo person are looked for in the extracted text). A held-back share,
amount or index never reads "<5": it reads "—", and a note says what was held back and why."""

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

NOT_FIGURES = ("sender", "targets", "tiles", "region_names", "held")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} (poppler-utils) is required in CI")
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def pdf_text(path: Path, *options: str) -> str:
    """The text of the PDF, NFKC-normalised (ligatures such as "ﬀ" back to letters)."""
    out = subprocess.run([_tool("pdftotext"), *options, str(path), "-"], check=True,
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
    date = f"{TODAY.day} {TODAY:%B} {TODAY.year}"  # written out, as QLocale writes it
    for expected in (SENDER, SENDER_ORG, date, "Sensitive: for the addressee only", "Scope",
                     "Plurality against the targets", "Regional coverage",
                     "Residence and work permits running out", "Evaluations"):
        assert expected in flat, expected
    assert text.count(briefing.MARKER) > 10  # suppressed cells, beyond the legend
    assert small_counts(data) == []
    assert data["regions"]["origin"]["RU-TY"] is None  # the sentinel's region (few people)
    people = [n for row in vault.reg.store.conn.execute(
        "SELECT name, name_latin FROM person") for n in row if n]
    assert SENTINEL in people and SENTINEL_RU in people
    leaked = [n for n in people if n in text or n in flat]
    assert leaked == []


def test_a_hidden_region_cannot_be_recovered_from_its_district(vault, tmp_path):
    data = vault.reg.analytics.briefing_figures(TODAY)
    from registry.domain.regions import DISTRICTS

    regions = data["regions"]
    for district, codes in DISTRICTS.items():
        if regions["districts"][district]["origin"] is not None:
            hidden = [c for c in codes if regions["origin"][c] is None]
            assert len(hidden) != 1, district


def test_a_tiny_vault_shows_only_markers(registry, tmp_path):
    for name in ("Анна Иванова", "Борис Петров", "Вера Смирнова"):
        registry.add(Kind.PERSON, {"name": name, "gender": "female", "region": "RU-MOW"})
    path = tmp_path / "tiny.pdf"
    data = briefing.write_briefing(registry, path, TODAY)
    assert data["people"]["total"] is None and data["regions"]["origin"]["RU-MOW"] is None
    text = pdf_text(path)
    assert "Test Official" in text and "Анна" not in text and briefing.MARKER in text


SHARE_ROWS = ("Women share (of declared)", "Non-Russian share (of declared)",
              "Top-10 recipients' share", "HHI over", "To organisations founded", "To people",
              "Total given")
"""Rows of the PDF that hold a percentage, an index or an amount."""


def test_held_back_shares_and_amounts_say_why_and_never_read_less_than_five(registry, tmp_path):
    donors = [registry.add(Kind.ORGANISATION, {"name": f"Fund {i}", "type": "donor"}).id
              for i in range(5)]
    people = [registry.add(Kind.PERSON, {"name": f"Person {i}", "gender": "female",
                                         "region": "RU-MOW"}).id for i in range(7)]
    for i, donor in enumerate(donors):  # 3 recipients, 5 providers
        registry.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": people[i % 3],
                                    "kind": "grant", "amount": 1000 * (i + 1),
                                    "currency": "EUR", "start": "2025-01-01"})
    path = tmp_path / "held.pdf"
    data = briefing.write_briefing(registry, path, TODAY)
    assert data["support"]["total"] is None and data["support"]["providers"] == 5
    assert data["held"]["support/total"] == {"what": "amount", "why": "few",
                                             "unit": "recipients"}
    lines = [" ".join(line.split()) for line in pdf_text(path, "-layout").splitlines()]
    share_lines = [line for line in lines if line.startswith(SHARE_ROWS)]
    assert len(share_lines) >= 9
    assert [line for line in share_lines if briefing.MARKER in line] == []
    assert any(line.startswith("Total given (EUR)") and line.endswith(briefing.HELD)
               for line in share_lines)
    flat = " ".join(" ".join(lines).split())
    assert "held back (fewer than 5 recipients): Total given (EUR); Recipients with" not in flat
    assert "held back (fewer than 5 recipients): Total given (EUR); Top-10 recipients' share;" \
        in flat
    assert "held back (fewer than 5 people): Women share (of declared) (Participants)" in flat
    assert "a figure under 5 could be worked out from it by subtraction" in flat or \
        all(h["why"] == "few" for h in data["held"].values())


def test_a_count_held_back_for_subtraction_reads_as_held_back_with_a_note(registry, tmp_path):
    # 7 women, 6 men, 2 of other gender: other = people - women - men unless men is hidden too
    for i, gender in enumerate(["female"] * 7 + ["male"] * 6 + ["other"] * 2):
        registry.add(Kind.PERSON, {"name": f"P{i}", "gender": gender})
    path = tmp_path / "sub.pdf"
    data = briefing.write_briefing(registry, path, TODAY)
    people = data["people"]
    assert people["total"] == 15 and people["other"] is None and people["men"] is None
    assert data["held"]["people/men"]["why"] == "subtraction"
    lines = [" ".join(line.split()) for line in pdf_text(path, "-layout").splitlines()]
    men = next(line for line in lines if line.startswith("Men "))
    assert men.split()[1] == briefing.HELD  # not "<5": there are six
    flat = " ".join(" ".join(lines).split())
    assert "held back (a figure under 5 could be worked out from it by subtraction): " \
        "Men (All people)" in flat


def test_the_notes_are_translated(registry, tmp_path, qapp):
    from registry.gui import i18n

    donor = registry.add(Kind.ORGANISATION, {"name": "Fund", "type": "donor"}).id
    person = registry.add(Kind.PERSON, {"name": "Person", "gender": "female"}).id
    registry.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": person, "kind": "grant",
                                "amount": 500, "currency": "EUR", "start": "2025-01-01"})
    path = tmp_path / "ru.pdf"
    try:
        assert i18n.install(qapp, "ru") == "ru"
        briefing.write_briefing(registry, path, TODAY)
    finally:
        i18n.install(qapp, "en")
    flat = " ".join(pdf_text(path).split())
    assert "скрыто (меньше 5 получателей): Всего выделено (EUR)" in flat
    assert "held back" not in flat
