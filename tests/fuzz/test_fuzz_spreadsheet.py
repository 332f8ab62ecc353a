"""Fuzzing the spreadsheet reader and import (CSV in several encodings, XLSX).

Random bytes, generated CSV text encoded as UTF-8, UTF-8 with BOM, UTF-16, Windows-1251,
KOI8-R and Windows-1252, byte mutations of valid CSV and XLSX files, and XLSX workbooks
whose XML parts are mutated: the reader raises only FileRejected (a RegistryError); a whole
import that is rejected leaves every file of the vault byte-identical.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from registry.interop.importer import SpreadsheetImport
from registry.interop.spreadsheet import SheetLimits, read_table
from tests.fuzz.conftest import World, fuzz, mutate_bytes, only_ours

LIMITS = SheetLimits(max_bytes=256 * 1024, max_rows=500, max_columns=30, max_cell=2000)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r", "cp1252"]
HEADERS = ["kind", "name", "name_latin", "gender", "region", "country", "inside_russia",
           "roles", "email", "phone", "notes", "type", "founded", "id", "sensitivity", "x"]
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["person", "organisation", "Иван Петров", "Ёлкин", "female", "RU-MOW",
                     "DE", "yes", "no", "journalist;activist", "a@b.example", "1999", "media",
                     "protected", "01a220dc-7f2a-7131-9746-bf1fe3b51a41", "=1+1", '"', ""]))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-sheet")


def _csv_text(headers: list[str], rows: list[list[str]], delimiter: str) -> str:
    sink = io.StringIO()
    writer = csv.writer(sink, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return sink.getvalue()


def _xlsx(headers: list[str], rows: list[list[str]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [headers, *rows]:  # characters XML cannot carry never reach a real XLSX
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    sink = io.BytesIO()
    wb.save(sink)
    return sink.getvalue()


VALID_ROWS = [["person", "Иван Петров", "Ivan Petrov", "male", "RU-MOW", "DE"],
              ["organisation", "Свободная редакция", "", "", "", "LV"]]
VALID_CSV = _csv_text(HEADERS[:6], VALID_ROWS, ",")
VALID_XLSX = _xlsx(HEADERS[:6], VALID_ROWS)

sheets = st.tuples(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    st.lists(st.lists(cells, max_size=9), max_size=12),
)


def _read(path: Path, blob: bytes) -> None:
    path.write_bytes(blob)
    read_table(path, limits=LIMITS)


@fuzz(400)
@given(blob=st.binary(max_size=5000))
def test_reader_on_random_bytes(scratch: Path, blob: bytes) -> None:
    only_ours(lambda: _read(scratch / "random.csv", blob))


@fuzz(400)
@given(sheet=sheets, delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(ENCODINGS))
def test_reader_on_generated_csv_in_many_encodings(scratch: Path, sheet: tuple[list[str],
                                                   list[list[str]]], delimiter: str,
                                                   encoding: str) -> None:
    text = _csv_text(*sheet, delimiter)
    only_ours(lambda: _read(scratch / "gen.csv", text.encode(encoding, "replace")))


@fuzz(400)
@given(data=st.data(), encoding=st.sampled_from(ENCODINGS))
def test_reader_on_mutated_csv(scratch: Path, data: st.DataObject, encoding: str) -> None:
    blob = mutate_bytes(data, VALID_CSV.encode(encoding, "replace"), rounds=6)
    only_ours(lambda: _read(scratch / "mutated.csv", blob))


@fuzz(250)
@given(data=st.data())
def test_reader_on_mutated_xlsx_bytes(scratch: Path, data: st.DataObject) -> None:
    blob = mutate_bytes(data, VALID_XLSX, rounds=3)
    only_ours(lambda: _read(scratch / "mutated.xlsx", blob))


def _rezip(data: st.DataObject, blob: bytes) -> bytes:
    """The workbook with one or two of its XML parts mutated, re-zipped validly."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for _ in range(data.draw(st.integers(1, 2))):
        name = data.draw(st.sampled_from(sorted(parts)))
        parts[name] = mutate_bytes(data, parts[name], rounds=3)
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return sink.getvalue()


@fuzz(250)
@given(data=st.data())
def test_reader_on_xlsx_with_mutated_parts(scratch: Path, data: st.DataObject) -> None:
    blob = _rezip(data, VALID_XLSX)
    only_ours(lambda: _read(scratch / "parts.xlsx", blob))


@fuzz(100)
@given(data=st.data(), sheet=sheets, as_xlsx=st.booleans(),
       encoding=st.sampled_from(ENCODINGS))
def test_rejected_spreadsheet_import_leaves_the_vault_untouched(
        world: World, scratch: Path, data: st.DataObject,
        sheet: tuple[list[str], list[list[str]]], as_xlsx: bool, encoding: str) -> None:
    if as_xlsx:
        blob = _xlsx(*sheet) if data.draw(st.booleans()) else _rezip(data, VALID_XLSX)
    else:
        text = _csv_text(*sheet, ",").encode(encoding, "replace")
        blob = mutate_bytes(data, text) if data.draw(st.booleans()) else text
    path = scratch / ("import.xlsx" if as_xlsx else "import.csv")
    path.write_bytes(blob)
    before = world.tree()
    reg = world.open()
    written = False
    try:
        def run() -> None:
            nonlocal written
            written = SpreadsheetImport(reg, path, limits=LIMITS).run().written

        only_ours(run)
        assert reg.check() == []
    finally:
        reg.lock()
    if not written:
        assert world.tree() == before, "a rejected spreadsheet changed the vault"
