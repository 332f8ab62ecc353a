"""The spreadsheet import's reasons and mapping notes reach the wizard in the interface
language (registry.gui.spreadsheet.reasons): the core's English ``field: problem`` texts, made
here by the core itself from bad values, read in Russian with the field's label — no English
word, no field code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from registry.domain.enums import Kind
from registry.domain.model import KINDS
from registry.domain.validate import FieldError, normalise
from registry.gui import i18n
from registry.gui.spreadsheet.reasons import NOTES, PROBLEMS, parts, reason_text, verdict_text
from registry.interop.importer import GUARDED_NOTE, KEPT_NOTE
from registry.interop.mapping import FIELDS
from tests.gui import screen_checks as checks

BAD = (["x"] * 500, 10**9, "x" * 100_000, "zz", "\x01", "-5", "2024-13-45", 12.5, "maybe", {"a": 1})
ROWS = ("kind: must be person or organisation", "id: is not a record id",
        "email: not a field of organisation", "id: that record is not a person",
        "id: that record was deleted or erased",
        "id: that record is not a person or organisation, or was merged into another",
        "name: is required", "name: fits 3 records; add an id column to say which",
        "name: 12 records have this name and no identifier confirms one; add an id column to "
        "say which", "same as line 4", "same record as line 7",
        "id not in this vault: matched by name; merged into 0b5e8f2a-1c3d",
        "kept apart from 12: spreadsheet namesake: email differs (phone agrees)",
        "column 3 also names email: ignored",
        KEPT_NOTE.format("inside_russia, sensitivity"),
        f"{GUARDED_NOTE}; kept apart from 12: spreadsheet namesake: country differs")


def core_reasons() -> set[str]:
    """What the core says of bad values, field by field (its own validation)."""
    out: set[str] = set()
    for kind in (Kind.PERSON, Kind.ORGANISATION):
        for spec in (f for f in KINDS[kind].fields if f.name in FIELDS[kind]):  # importable
            for value in BAD:
                try:
                    normalise(kind, {spec.name: value}, partial=True)
                except FieldError as exc:
                    out.add(str(exc))
    return out


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    assert i18n.install(qapp, "ru") == "ru"
    yield
    i18n.install(qapp, "en")


def test_core_reasons_read_in_russian_with_field_labels(russian: None) -> None:
    reasons = core_reasons() | set(ROWS)
    assert len(reasons) > 30
    unknown = []
    for reason in sorted(reasons):
        text = reason_text(reason)
        assert not checks.english_words(text, frozenset()), f"{reason!r} -> {text!r}"
        assert not set(checks.re.findall(r"[a-z0-9]+(?:_[a-z0-9]+)+", text)) \
            & checks.JOINED_CODES, f"{reason!r} -> {text!r}"
        if "не проходит проверку" in text:
            unknown.append(reason)
    # a problem the wizard does not know is said generically; the core's own are all known
    assert len(unknown) <= 2, unknown


def test_every_pattern_is_met(russian: None) -> None:
    reasons = [p for r in core_reasons() | set(ROWS) for p in parts(r)]
    problems = [r.partition(": ")[2] for r in reasons]
    for pattern, _say in PROBLEMS:
        assert any(pattern.match(p) for p in problems), pattern.pattern
    for pattern, _say in NOTES:
        assert any(pattern.match(r) for r in reasons), pattern.pattern


def test_english_names_the_field_by_its_label(qapp: QApplication) -> None:
    assert i18n.install(qapp, "en") == "en"
    assert reason_text("name_latin: is longer than 200 characters") == \
        "Name (Latin script): is too long (at most 200 characters)"
    assert reason_text(None) == ""


VERDICTS = ("The file has no data rows.", "No row could be imported (see the rejected rows).",
            "30 of 40 rows were rejected: more than half, so the file or its column mapping is "
            "probably wrong. Nothing was imported.",
            "3 row(s) were rejected and --strict imports all rows or none.")


def test_why_a_file_is_refused_reads_in_russian(russian: None) -> None:
    for verdict in VERDICTS:
        text = verdict_text(verdict)
        assert not checks.english_words(text, frozenset()) and "--" not in text, text
        assert "не проходит проверку" not in text, verdict
