"""Reading CSV and XLSX: encodings, delimiters, limits, malformed and hostile files."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from registry.interop.spreadsheet import (
    FileRejected,
    SheetLimits,
    cell_text,
    detect_encoding,
    read_csv,
    read_table,
)
from tests.interop.conftest import write_xlsx

SHORT_RUSSIAN = [
    "name,gender\nИван Петров,м\n",
    "ФИО;пол;страна\nАнна Иванова;женский;Германия\n",
    "имя,роли\nОлег,журналист\nМария Сидорова,активистка\n",
    "name\nЁлкин\n",
    "Название;Тип;Год основания\nМедиазона;СМИ;2014\n",
    "ФИО\nЩукин Ярослав Эдуардович\n",
    "name,notes\nНаталья,\"Живёт в Берлине, работает журналисткой\"\n",
    # names in capitals, as official lists write them: the case is no clue to the code page
    "name,country\nИВАНОВ ИВАН,DE\nПЕТРОВА АННА,DE\nСИДОРОВ ПЁТР,DE\n",
    "ФИО;страна\nИВАНОВ Иван;Германия\n",
    "name\nЩУКИН ЯРОСЛАВ ЭДУАРДОВИЧ\n",
]


@pytest.mark.parametrize("text", SHORT_RUSSIAN)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r", "utf-16"])
def test_short_russian_files_decode_in_each_encoding(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    table = read_csv(data)
    expected = read_csv(text.encode("utf-8"))
    assert table.headers == expected.headers
    assert table.rows == expected.rows


@pytest.mark.parametrize("text", ["name,country\nJürgen Müller,DE\n",
                                  "name\nFrançois Lefèvre\nSão Paulo Group\n"])
def test_western_single_byte_text_is_not_read_as_cyrillic(text: str) -> None:
    data = text.encode("cp1252")
    assert detect_encoding(data) == "cp1252"
    assert read_csv(data).rows[0][1][0] == text.splitlines()[1].split(",")[0]


@pytest.mark.parametrize(("delimiter", "expected"), [(",", ","), (";", ";"), ("\t", "\t")])
def test_delimiter_is_sniffed(delimiter: str, expected: str) -> None:
    text = delimiter.join(["name", "country", "notes"]) + "\n" + \
        delimiter.join(["Анна", "DE", '"a, b; c"']) + "\n"
    table = read_csv(text.encode())
    assert table.delimiter == expected
    assert table.rows == [(2, ["Анна", "DE", "a, b; c"])]


def test_line_numbers_count_physical_lines_and_skip_blank_rows() -> None:
    text = 'name,notes\n"Анна","one\ntwo"\n\n,\nОлег,x\n'
    table = read_csv(text.encode())
    assert [line for line, _ in table.rows] == [2, 6]


@pytest.mark.parametrize(("data", "message"), [
    (b'name,notes\nA,"unclosed\n', "Line 2"),
    (b"name\nA\x00B\n", "NUL"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".xls"),
    (b"  \n", "empty"),
    (b"PK\x03\x04garbage", "XLSX"),
])
def test_malformed_files_are_rejected(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(FileRejected, match=message):
        read_table(path)


def test_limits(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("name\n" + "".join(f"p{i}\n" for i in range(11)))
    with pytest.raises(FileRejected, match=r"more rows than this import reads \(at most 10\)"):
        read_table(path, limits=SheetLimits(max_rows=10))
    with pytest.raises(FileRejected, match="larger than"):
        read_table(path, limits=SheetLimits(max_bytes=20))
    path.write_text("name\n" + "x" * 101 + "\n")
    with pytest.raises(FileRejected, match="Line 2: a cell is longer"):
        read_table(path, limits=SheetLimits(max_cell=100))
    path.write_text(",".join(f"c{i}" for i in range(11)) + "\n")
    with pytest.raises(FileRejected, match="columns"):
        read_table(path, limits=SheetLimits(max_columns=10))
    with pytest.raises(FileRejected, match="not found"):
        read_table(tmp_path / "missing.csv")


def test_xlsx_values_as_text_and_formulas_never_evaluated(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [
        ["ФИО", "founded", "review_date", "flag", "calc"],
        ["Анна", 1995, dt.date(2024, 2, 1), True, "=1+1"],
        [None, None, None, None, None],
        ["Олег", 2001.0, None, False, None],
    ], sheet="Люди")
    table = read_table(path)
    assert (table.format, table.sheet, table.sheets) == ("xlsx", "Люди", ["Люди"])
    assert table.headers == ["ФИО", "founded", "review_date", "flag", "calc"]
    assert table.rows == [(2, ["Анна", "1995", "2024-02-01", "true", ""]),
                          (4, ["Олег", "2001", "", "false"])]  # as long as its cells
    with pytest.raises(FileRejected, match="no sheet"):
        read_table(path, sheet="Other")


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b"\0" * (4 << 20)})
    assert path.stat().st_size < 64 * 1024
    with pytest.raises(FileRejected, match="zip bomb"):
        read_table(path)
    small = _zip(tmp_path / "big.xlsx", {"a.bin": bytes(range(256)) * 8192})
    with pytest.raises(FileRejected, match="zip bomb"):
        read_table(small, limits=SheetLimits(max_unzipped=1 << 20))


def test_entities_declared_after_padding_are_refused(tmp_path: Path) -> None:
    """The declarations were looked for in a part's first 4 KB: 300 KB of spaces before a
    DTD let its entities expand to millions of shared strings unseen (was)."""
    src = write_xlsx(tmp_path / "ok.xlsx", [["name"], ["Анна"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["xl/sharedStrings.xml"] = (b'<?xml version="1.0"?>' + b" " * 300_000
                                       + b'<!DOCTYPE x [<!ENTITY a "<si/>">]><sst>&a;</sst>')
    with pytest.raises(FileRejected, match="XML declarations"):
        read_table(_zip(tmp_path / "evil.xlsx", members))


def test_elements_outside_rows_are_bounded(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl keeps every element of a sheet not in a row: five million empty ones after
    the rows, in 630 KB, cost 15 s and 360 MB (was)."""
    from registry.interop import spreadsheet

    src = write_xlsx(tmp_path / "ok.xlsx", [["name"], ["Анна"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b"</sheetData>" + b"<a/>" * 50)
    path = _zip(tmp_path / "clutter.xlsx", members)
    assert read_table(path).rows == [(2, ["Анна"])]
    monkeypatch.setattr(spreadsheet, "_OUTSIDE_ROWS", 40)
    with pytest.raises(FileRejected, match="far more elements outside its rows"):
        read_table(path)


def _filler(size: int, *, every: int = 0) -> bytes:
    """Text that compresses as text does, with a "<" every ``every`` bytes."""
    text = os.urandom(size // 2 + 1).hex().encode()[:size]
    if every:
        text = b"<".join(text[i:i + every - 1] for i in range(0, size, every - 1))
    return text


def _with_sheet_tail(tmp_path: Path, tail: bytes, *, extra: dict[str, bytes] | None = None
                     ) -> Path:
    src = write_xlsx(tmp_path / "ok.xlsx", [["name"], ["Анна"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", tail + b"</worksheet>")
    members.update(extra or {})
    return _zip(tmp_path / "long.xlsx", members)


@pytest.mark.parametrize("piece", [
    b"<!--" + _filler(3 << 20, every=100) + b"-->",
    (b"<!--" + _filler(3 << 19, every=100) + b"-->") * 4,  # four, each closed in time
    b"<?pi " + _filler(3 << 20, every=100) + b"?>",
    b"<![CDATA[" + _filler(3 << 20, every=100) + b"]]>",
    b'<a b="' + _filler(3 << 20) + b'"/>',
    b"".join(b'<a b="' + _filler(500 << 10) + b'"/>' for _ in range(40)),
    b"<a>" + _filler(3 << 20) + b"</a>",
    # opened across the first mebibyte's end, never closed
    b"<a>" + _filler((1 << 20) - 600) + b"</a><!" + b"--" + _filler(3 << 20, every=100),
    # a part in UTF-16 without a byte order mark, begun with a space
], ids=["comment", "four-comments", "instruction", "cdata", "attribute", "many-tags", "text",
        "across"])
def test_pieces_of_markup_too_long_to_parse_in_time_are_refused(tmp_path: Path,
                                                                piece: bytes) -> None:
    """The parser (expat 2.5) reads an unfinished token again from its start each time it
    is fed more of it: a comment of 24 MB in a 0.3 MB file took 29 s, twice; a hundred tags
    of a mebibyte 15 s (was)."""
    with pytest.raises(FileRejected, match="far longer than a spreadsheet program writes"):
        read_table(_with_sheet_tail(tmp_path, piece))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_part_in_utf16_without_a_mark_is_read_as_the_parser_reads_it(
        tmp_path: Path, encoding: str) -> None:
    """Begun with a space, a part in UTF-16 without a byte order mark passed every check
    unseen, though the parser reads it (a zero byte first or second): a DTD's entities, a
    comment of millions of characters (was)."""
    src = write_xlsx(tmp_path / "ok.xlsx", [["name"], ["Анна"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode("utf-8").replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', "")
    comment = _filler(3 << 20).decode().replace("a", "ж")  # compresses as text does
    evil = " " + sheet.replace("</worksheet>", "<!--" + comment + "--></worksheet>")
    members["xl/worksheets/sheet1.xml"] = evil.encode(encoding)
    with pytest.raises(FileRejected, match="far longer than a spreadsheet program writes"):
        read_table(_zip(tmp_path / "wide.xlsx", members))
    members["xl/worksheets/sheet1.xml"] = (" " + sheet).encode(encoding)
    assert read_table(_zip(tmp_path / "fine.xlsx", members)).rows == [(2, ["Анна"])]


def test_long_files_of_short_pieces_and_pictures_are_read(tmp_path: Path) -> None:
    """The control: comments, instructions and texts of a few kilobytes, three mebibytes of
    them, their ends across every chunk's end; a picture of two mebibytes with no "<"; and a
    picture drawn as SVG around a raster of a mebibyte and a half."""
    pieces = b"".join(b"<!--" + _filler(4093) + b"--><?p " + _filler(3001) + b"?><a>"
                      + _filler(5003) + b"</a>" for _ in range(250))
    picture = b"\x89PNG" + _filler(2 << 20).upper()
    drawn = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><image href="'
             b"data:image/png;base64," + _filler(3 << 19) + b'"/></svg>')
    path = _with_sheet_tail(tmp_path, pieces, extra={"xl/media/image1.png": picture,
                                                     "xl/media/image2.svg": drawn})
    assert read_table(path).rows == [(2, ["Анна"])]


def test_xml_with_entities_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "ok.xlsx"
    write_xlsx(src, [["name"], ["Анна"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["xl/sharedStrings.xml"] = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                                       + members.get("xl/sharedStrings.xml", b"<sst/>"))
    path = _zip(tmp_path / "evil.xlsx", members)
    with pytest.raises(FileRejected, match="XML declarations"):
        read_table(path)


def _far_row(tmp_path: Path, dimension: bytes, cell: str, text: str) -> Path:
    """A small sheet whose dimension says ``dimension`` and which holds one more cell, far
    below (``cell``, e.g. ``A1048576``)."""
    src = write_xlsx(tmp_path / "ok.xlsx", [["name", "email"], ["Анна", "a@example.org"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    sheet = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="' + dimension + b'"/>',
                   members["xl/worksheets/sheet1.xml"])
    row = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    members["xl/worksheets/sheet1.xml"] = sheet.replace(b"</sheetData>", (
        f'<row r="{row}"><c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c></row>'
        "</sheetData>").encode())
    return _zip(tmp_path / "far.xlsx", members)


@pytest.mark.parametrize("dimension", [b"A1:XFD1048576", b"A1:B2"])
def test_a_sheet_is_read_as_its_rows_are_whatever_size_it_says_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dimension: bytes) -> None:
    """A 5 KB sheet saying it is 16,384 columns wide, with one cell in its last row, made
    every row between into an empty row that wide: some 17 billion cells, minutes of work
    (was). One saying it is two rows long lost its other rows unseen. Rows are read as they
    are: the far one counts (a far cell past the columns allowed refuses the file), and
    no empty row is turned into text."""
    from registry.interop import spreadsheet

    made: list[object] = []
    monkeypatch.setattr(spreadsheet, "cell_text", lambda v: made.append(v) or str(v or ""))
    table = read_table(_far_row(tmp_path, dimension, "A1048576", "Борис"))
    assert [cells[0] for _, cells in table.rows] == ["Анна", "Борис"]
    assert table.rows[-1][0] == 1_048_576 and len(made) < 10
    with pytest.raises(FileRejected, match="columns"):
        read_table(_far_row(tmp_path, dimension, "XFD1048576", "Борис"))


def test_the_cells_a_sheet_makes_are_counted(tmp_path: Path) -> None:
    """Rows of one empty text cell in column XFD are 16,384 cells each, which openpyxl makes
    and the reader looked at one by one: 40,000 such rows in 200 KB cost minutes of work
    (was). The cells read are counted up to what the largest file allowed holds."""
    from registry.interop.spreadsheet import read_xlsx

    src = write_xlsx(tmp_path / "ok.xlsx", [["name"], ["Анна"], *[["Борис"]] * 3])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    for row in range(3, 6):  # each row gets an empty text cell in the sheet's last column
        sheet = re.sub(rb'(<row r="%d"[^>]*>.*?)</row>' % row,
                       rb'\1<c r="XFD%d" t="inlineStr"><is><t></t></is></c></row>' % row, sheet)
    members["xl/worksheets/sheet1.xml"] = sheet
    data = _zip(tmp_path / "wide.xlsx", members).read_bytes()
    small = SheetLimits(max_rows=1000, max_columns=20)  # room for 20,000 cells: two such rows
    with pytest.raises(FileRejected, match="more cells than"):
        read_xlsx(data, limits=small)
    assert [c for _, c in read_xlsx(data).rows] == [["Анна"], *[["Борис"]] * 3]


@pytest.mark.parametrize(("part", "entry", "limit"), [
    ("xl/sharedStrings.xml", b"<si/>", {"max_shared_strings": 100}),
    ("xl/strings-by-another-name.xml", b"<x:si />", {"max_shared_strings": 100}),
    ("xl/strings.bin", b"<si/>", {"max_shared_strings": 100}),  # the relations name parts
    ("xl/styles.xml", b'<xf numFmtId="0"/>', {"max_styles": 100}),
])
def test_entries_opened_before_any_row_are_counted(tmp_path: Path, part: str, entry: bytes,
                                                    limit: dict[str, int]) -> None:
    """openpyxl builds every shared string and style when it opens a workbook: millions of
    empty ``<si/>`` in 130 KB cost 16 s and 400 MB before a row was read (was)."""
    from registry.interop.spreadsheet import read_xlsx

    src = write_xlsx(tmp_path / "ok.xlsx", [["name"], ["Анна"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members[part + ".pad"] = entry * 101  # a part of another kind is not counted
    if part in members:  # the styles: more formats after the real ones (counted as text)
        members[part] += b"<!--" + entry * 101 + b"-->"
    else:
        members[part] = b"<sst>" + entry * 101 + b"</sst>"
    data = _zip(tmp_path / "many.xlsx", members).read_bytes()
    with pytest.raises(FileRejected, match="than this import reads"):
        read_xlsx(data, limits=SheetLimits(**limit))
    assert read_xlsx(data).rows == [(2, ["Анна"])]  # the defaults leave room for them


@pytest.mark.parametrize("bom", [b"\xff\xfe", b""])
def test_a_part_in_utf16_is_read_as_it_is_written(tmp_path: Path, bom: bytes) -> None:
    """The checks read bytes: a part written in UTF-16 passed them unseen (was); refusing
    every such part refused workbooks whose document-management metadata is written so."""
    from registry.interop.spreadsheet import read_xlsx

    src = write_xlsx(tmp_path / "ok.xlsx", [["name"], ["Анна"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["customXml/item1.xml"] = bom + '<?xml version="1.0" encoding="UTF-16"?><r/>'.encode(
        "utf-16-le")
    members["xl/other.xml"] = bom + ('<?xml version="1.0" encoding="UTF-16"?><ж:sst>'
                                     + "<ж:si/>" * 101 + "</ж:sst>").encode("utf-16-le")
    data = _zip(tmp_path / "wide.xlsx", members).read_bytes()
    with pytest.raises(FileRejected, match="than this import reads"):
        read_xlsx(data, limits=SheetLimits(max_shared_strings=100))
    assert read_xlsx(data).rows == [(2, ["Анна"])]


def _cell(ref: str, text: str) -> str:
    named = f' r="{ref}"' if ref else ""
    return f'<c{named} t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet_of(tmp_path: Path, rows: list[tuple[str, list[tuple[str, str]]]]) -> Path:
    """A workbook whose sheet holds ``rows`` as written: (row number or "", cells)."""
    src = write_xlsx(tmp_path / "ok.xlsx", [["name"]])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    body = "".join((f'<row r="{n}">' if n else "<row>")
                   + "".join(_cell(ref, text) for ref, text in cells) + "</row>"
                   for n, cells in rows)
    data = b"<sheetData>" + body.encode() + b"</sheetData>"
    members["xl/worksheets/sheet1.xml"] = re.sub(
        rb"<sheetData>.*</sheetData>|<sheetData ?/>", data, members["xl/worksheets/sheet1.xml"],
        flags=re.S)
    return _zip(tmp_path / "sheet.xlsx", members)


_HEAD = ("1", [("A1", "name"), ("B1", "city")])


@pytest.mark.parametrize("rows", [
    [_HEAD, ("3", [("A3", "Борис")]), ("2", [("A2", "Анна")])],  # row 2 after row 3: was lost
    [_HEAD, ("2", [("A2", "Анна")]), ("2", [("A2", "Борис")])],  # a row twice
    [_HEAD, ("2", [("B2", "Riga"), ("A2", "Анна")])],  # a cell left of one before it: was lost
    [_HEAD, ("2", [("A2", "Анна"), ("A2", "Борис")])],  # a cell twice: one was lost
    [_HEAD, ("2", [("A5", "Анна")])],  # a cell naming another row: was put in this one
    [_HEAD, ("2.5", [("A2", "Анна")])],
], ids=["rows-3-2", "row-twice", "cells-b-a", "cell-twice", "cell-of-row-5", "row-2.5"])
def test_a_sheet_out_of_order_is_refused_rather_than_read_in_part(
        tmp_path: Path, rows: list[tuple[str, list[tuple[str, str]]]]) -> None:
    """openpyxl drops without a word a row numbered below one read before it and a cell
    left of its row's last: an import read one person of two and said nothing."""
    with pytest.raises(FileRejected, match="out of order, repeated or nested"):
        read_table(_sheet_of(tmp_path, rows))


@pytest.mark.parametrize("inside", [
    '<row r="3">' + _cell("A3", "Борис") + "</row>",  # a row in a row: the outer one was lost
    '<c r="D2"><is><t>x</t></is><row r="3">' + _cell("A3", "Борис") + "</row></c>",  # in a cell
    '<x r="B2"/>',  # read as a cell, after which C2 was lost
])
def test_a_row_holding_anything_but_cells_is_refused(tmp_path: Path, inside: str) -> None:
    src = _sheet_of(tmp_path, [_HEAD, ("2", [("A2", "Анна"), ("C2", "yes")])])
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"].replace(
        b"</c></row></sheetData>", b"</c>" + inside.encode() + b"</row></sheetData>")
    with pytest.raises(FileRejected, match="out of order, repeated or nested"):
        read_table(_zip(tmp_path / "nested.xlsx", members))


def test_rows_and_cells_in_order_are_read_numbered_or_not(tmp_path: Path) -> None:
    table = read_table(_sheet_of(tmp_path, [
        _HEAD, ("3.0", [("A3", "Анна"), ("C3", "x")]), ("", [("", "Борис"), ("", "Riga")]),
        ("9", [("B9", "Tallinn")])]))
    assert table.rows == [(3, ["Анна", "", "x"]), (4, ["Борис", "Riga"]), (9, ["", "Tallinn"])]


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(3.0) == "3"
    assert cell_text(3.5) == "3.5"
    assert cell_text(dt.datetime(2024, 1, 2)) == "2024-01-02"
    assert cell_text(io.__name__) == "io"
