"""Reading an untrusted spreadsheet (CSV or XLSX) into a bounded table of text cells.

Everything here runs before any record is touched, and refuses a file rather than guess:

* the file's size is checked before a byte is parsed; its type comes from its content
  (a ZIP is XLSX, an OLE2 file is an old ``.xls`` that must be saved as ``.xlsx``, anything
  else is read as delimited text);
* CSV text encoding: a byte-order mark decides (UTF-8, UTF-16); text that is valid UTF-8 is
  UTF-8; text that is UTF-8 but for a few bytes is refused, naming the line (read in a
  single-byte code page, every Cyrillic name in it would be garbled); otherwise the
  single-byte Cyrillic and Western code pages are told apart by the text they make (see
  :func:`detect_encoding`). On short Russian files this simple rule was right 23 times of 23
  where charset-normalizer 3.4 was right 18 times (it read ``Иван Петров,м`` in
  Windows-1251 as Windows-1250 and ``Ёлкин`` as Shift-JIS);
* the delimiter is the one of comma, semicolon and tab that cuts the first lines into the
  most columns, consistently;
* XLSX: the ZIP's members are checked (count, uncompressed size, compression ratio, no
  DTD in the XML) before openpyxl opens it in read-only mode with ``data_only``: formulas
  are never evaluated, their cached values are read;
* limits on rows, columns and cell length; line numbers are kept for every row so a report
  can say where a problem is without quoting the cell.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import lzma
import math
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from registry.errors import QT_TRANSLATE_NOOP, InvalidInput, os_reason

MIB = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_DELIMITERS = (",", ";", "\t")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
# How often each letter occurs in Russian text, per mille (case aside). Read in the wrong one
# of KOI8-R and Windows-1251, common letters turn into rare ones whatever the letter case:
# ИВАНОВ in KOI8-R reads "йчбопч" as Windows-1251, and in Windows-1251 "хбюмнб" as KOI8-R.
_RUSSIAN_LETTERS = {
    "о": 109.7, "е": 84.5, "а": 80.1, "и": 73.5, "н": 67.0, "т": 62.6, "с": 54.7, "р": 47.3,
    "в": 45.4, "л": 44.0, "к": 34.9, "м": 32.1, "д": 29.8, "п": 28.1, "у": 26.2, "я": 20.1,
    "ы": 19.0, "ь": 17.4, "г": 17.0, "з": 16.5, "б": 15.9, "ч": 14.4, "й": 12.1, "х": 9.7,
    "ж": 9.4, "ш": 7.3, "ю": 6.4, "ц": 4.8, "щ": 3.6, "э": 3.2, "ф": 2.6, "ъ": 0.4, "ё": 0.4,
}
_RARE = 0.1  # a Cyrillic letter Russian does not use (Ђ, Ѓ, і from a wrong code page)
_SAMPLE = 256 * 1024  # enough text to tell the code pages apart; a 50 MiB file is not read twice


class FileRejected(InvalidInput):
    """The whole file is refused: nothing is imported. The message says why, not what it holds.

    What the user may choose to read it otherwise, where the refusal got that far (the app
    keeps those lists open, as its messages ask): ``file_format`` ("csv": another text
    encoding may read it), and ``sheets``, the workbook's sheets (another may be read)."""

    file_format: str | None = None
    sheets: tuple[str, ...] = ()


@dataclass(frozen=True)
class SheetLimits:
    """Bounds on an imported file. The defaults fit ~200,000 rows of ordinary data."""

    max_bytes: int = 50 * MIB
    max_rows: int = 200_000
    max_columns: int = 200
    max_cell: int = 20_000
    max_zip_members: int = 2_000
    max_unzipped: int = 400 * MIB
    max_ratio: int = 200
    # entries openpyxl builds whole before the first row is read: shared strings (a text
    # cell's value is an index into them) and formats (Excel itself allows 64,000)
    max_shared_strings: int = 2_000_000
    max_styles: int = 500_000


@dataclass
class Table:
    """A sheet of text cells: the header row and the data rows with their line numbers."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    format: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    hidden_sheets: list[str] = field(default_factory=list)


def read_table(path: Path, *, limits: SheetLimits | None = None, encoding: str | None = None,
               sheet: str | None = None) -> Table:
    """Read ``path`` as CSV or XLSX, whichever its content is; raise :class:`FileRejected`."""
    limits = limits or SheetLimits()
    data = _read_bounded(Path(path), limits)
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(data, limits=limits, sheet=sheet)
    if data.startswith(_OLE_MAGIC):
        raise FileRejected(QT_TRANSLATE_NOOP(
            "Errors", "This is an old Excel (.xls) or other Office file: "
                      "save it as .xlsx or CSV and import that."))
    try:
        return read_csv(data, limits=limits, encoding=encoding)
    except FileRejected as exc:
        exc.file_format = "csv"
        raise


def _read_bounded(path: Path, limits: SheetLimits) -> bytes:
    try:
        if not path.is_file():
            raise FileRejected(QT_TRANSLATE_NOOP(
                "Errors", "The file to import was not found or is not a "
                          "regular file."))
        if path.stat().st_size > limits.max_bytes:
            raise _too_large(limits)
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise FileRejected(QT_TRANSLATE_NOOP("Errors", "The file could not be read ({reason})."),
                           reason=os_reason(exc)) from None
    if len(data) > limits.max_bytes:
        raise _too_large(limits)
    if not data.strip():
        raise FileRejected(QT_TRANSLATE_NOOP("Errors", "The file is empty."))
    return data


def _too_large(limits: SheetLimits) -> FileRejected:
    return FileRejected(QT_TRANSLATE_NOOP(
        "Errors", "The file is larger than {mib} MiB: split it and import "
                  "the parts."), mib=limits.max_bytes // MIB)


# -- CSV ------------------------------------------------------------------------------------------
def detect_encoding(data: bytes) -> str:
    """The text encoding of CSV bytes: BOM, else UTF-8 if valid, else a single-byte code page.

    Western text (Windows-1252) decoded as Windows-1251 comes out as Latin words with single
    Cyrillic letters where its accented letters were. Russian text decoded in the right one
    of Windows-1251 and KOI8-R is made of common Russian letters; in the wrong one, of rare
    ones (the two code pages put the letters in another order and swap their cases), so the
    code page whose letters are the more common wins, whatever the text's letter case
    (``ИВАНОВ ИВАН`` in capitals is still Windows-1251).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc.start)
    else:
        return "utf-8"
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return "cp1252"
    return _single_byte_guess(data[:_SAMPLE], text[:_SAMPLE])


# a character of two, three or four bytes as UTF-8 writes it
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                         rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def _refuse_damaged_utf8(data: bytes, first: int) -> None:
    """Refuse text that is UTF-8 but for a few bytes (a character pasted from a program that
    wrote another encoding, or damage): read as a single-byte code page, every Cyrillic
    letter of it would be garbled, and its names would meet no one. Text in a single-byte
    code page has next to no UTF-8 characters of several bytes in it; such text has more of
    them than bytes that are not UTF-8. ``first``: the offset of the first such byte."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    if len(_UTF8_MULTI.findall(data)) < 2 * bad:
        return
    line = data.count(b"\n", 0, first) + 1
    if bad == 1:
        raise FileRejected(QT_TRANSLATE_NOOP("Errors",
            "The file is UTF-8 text but for one byte that is not, on line {line}: perhaps a "
            "character pasted from another program. Nothing was imported, so that no name is "
            "garbled. Correct that line in a text editor, or save the file again as UTF-8 CSV, "
            "and import it again; if the whole file is in another encoding, name it "
            "(--encoding; in the app, the Text encoding list)."), line=line)
    raise FileRejected(QT_TRANSLATE_NOOP("Errors",
        "The file is UTF-8 text but for {bad} bytes that are not, the first on line {line}: "
        "perhaps characters pasted from another program. Nothing was imported, so that no "
        "name is garbled. Correct those lines in a text editor, or save the file again as "
        "UTF-8 CSV, and import it again; if the whole file is in another encoding, name it "
        "(--encoding; in the app, the Text encoding list)."), bad=bad, line=line)


def _single_byte_guess(data: bytes, text: str) -> str:
    """Windows-1251, KOI8-R or Windows-1252 for bytes that ``text`` is as Windows-1251."""
    runs = _CYRILLIC.findall(text)
    if not runs or sum(1 for r in runs if len(r) == 1) > len(runs) / 2:
        return "cp1252"
    koi8 = data.decode("koi8_r")
    return "koi8_r" if _russian_likeness(koi8) > _russian_likeness(text) else "cp1251"


def _russian_likeness(text: str) -> float:
    """The mean log-frequency of the text's Cyrillic letters in Russian, case aside."""
    letters = "".join(_CYRILLIC.findall(text)).lower()
    if not letters:
        return -math.inf
    counts = Counter(letters)
    total = sum(n * math.log(_RUSSIAN_LETTERS.get(c, _RARE)) for c, n in counts.items())
    return total / len(letters)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding)``; the given encoding, or the detected one."""
    enc = encoding or detect_encoding(data)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise FileRejected(QT_TRANSLATE_NOOP(
            "Errors", "The file's text encoding could not be read: save it as "
                      "UTF-8 CSV and import that.")) from None
    return text.lstrip("\ufeff"), enc


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines into the most columns."""
    head = "\n".join(text.splitlines()[:20])
    best, best_score = ",", (-1, -1)
    for delim in _DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(head), delimiter=delim)][:10]
        except csv.Error:
            continue
        if not widths:
            continue
        consistent = sum(1 for w in widths if w == widths[0])
        score = (widths[0] if widths[0] > 1 else 0, consistent)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(data: bytes, *, limits: SheetLimits | None = None,
             encoding: str | None = None) -> Table:
    """Parse CSV bytes into a :class:`Table` (header = first non-empty row)."""
    limits = limits or SheetLimits()
    text, enc = decode(data, encoding)
    if "\x00" in text:
        raise FileRejected(QT_TRANSLATE_NOOP(
            "Errors", "The file holds NUL bytes: it is not a text CSV file."))
    delim = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    rows = _csv_rows(reader, limits)
    headers, body = _split_header(rows, limits)
    return Table(headers, body, "csv", encoding=enc, delimiter=delim)


def _csv_rows(reader: Any, limits: SheetLimits) -> Iterator[tuple[int, list[str]]]:
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise FileRejected(QT_TRANSLATE_NOOP(
                "Errors", "Line {line}: the CSV is malformed (an unclosed "
                          "quote or a cell too long)."), line=line) from None
        yield line, row
        line = reader.line_num + 1


def _split_header(rows: Iterable[tuple[int, list[str]]],
                  limits: SheetLimits) -> tuple[list[str], list[tuple[int, list[str]]]]:
    headers: list[str] | None = None
    body: list[tuple[int, list[str]]] = []
    for line, raw in rows:
        cells = [c.strip() for c in raw]
        if not any(cells):
            continue
        _check_row(line, cells, limits)
        if headers is None:
            headers = cells
            continue
        body.append((line, cells))
        if len(body) > limits.max_rows:
            raise FileRejected(QT_TRANSLATE_NOOP(
                "Errors", "The file has more rows than this import "
                          "reads (at most {rows}): split it and import the parts."),
                rows=limits.max_rows)
    if headers is None:
        raise FileRejected(QT_TRANSLATE_NOOP("Errors", "The file has no header row."))
    return headers, body


def _check_row(line: int, cells: list[str], limits: SheetLimits) -> None:
    if len(cells) > limits.max_columns:
        raise FileRejected(QT_TRANSLATE_NOOP("Errors", "Line {line}: more columns than this "
                                                       "import reads (at most {columns})."),
                           line=line, columns=limits.max_columns)
    if any(len(c) > limits.max_cell for c in cells):
        raise FileRejected(QT_TRANSLATE_NOOP(
            "Errors", "Line {line}: a cell is longer than this import reads (at most {chars} "
                      "characters)."), line=line, chars=limits.max_cell)


# -- XLSX -----------------------------------------------------------------------------------------
# What reading a damaged ZIP member can raise: deflate, bzip2 (OSError) and LZMA data errors too.
_ZIP_ERRORS = (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, zlib.error,
               lzma.LZMAError, OSError, RuntimeError)


def check_zip(data: bytes, limits: SheetLimits) -> None:
    """Refuse a ZIP that could exhaust memory or disk when opened (a zip bomb) or carries a DTD."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
            if len(members) > limits.max_zip_members:
                raise FileRejected(QT_TRANSLATE_NOOP("Errors", "The XLSX file has too many parts."))
            _check_members(zf, members, limits)
    except _ZIP_ERRORS:
        raise FileRejected(_UNREADABLE) from None


def _check_members(zf: zipfile.ZipFile, members: list[zipfile.ZipInfo],
                   limits: SheetLimits) -> None:
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise FileRejected(QT_TRANSLATE_NOOP(
                "Errors", "The XLSX file is encrypted: remove its password "
                          "first."))
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > limits.max_unzipped or (info.file_size > MIB and ratio > limits.max_ratio):
            raise FileRejected(QT_TRANSLATE_NOOP(
                "Errors", "The XLSX file unpacks to far more than its size "
                          "(a zip bomb?); it was not opened."))
    _read_parts(zf, members, limits)


# XML in UTF-16 or 32 (with a byte order mark), which the checks read as UTF-8 once
# decoded: read as written, it would pass them unseen
_WIDE = ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _wide(first: bytes) -> str | None:
    """How a part is written, as the parser tells it from its first bytes: by a byte order
    mark; else a zero byte first is UTF-16 big-endian, second little-endian (" \\0<\\0" is
    XML to it: a space and "<" in UTF-16)."""
    marked = next((name for mark, name in _WIDE if first.startswith(mark)), None)
    if marked is not None or len(first) < 2:
        return marked
    if first[0] == 0:
        return "utf-16-be"
    return "utf-16-le" if first[1] == 0 else None


def _utf8_chunks(member: IO[bytes]) -> Iterator[bytes]:
    """A part's bytes a mebibyte at a time, as UTF-8 when it is XML written wider."""
    first = member.read(MIB)
    encoding = _wide(first)
    if encoding is None:
        chunk: bytes = first
        while chunk:
            yield chunk
            chunk = member.read(MIB)
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    chunk = first
    while chunk:
        yield decoder.decode(chunk).encode("utf-8")
        chunk = member.read(MIB)
    yield decoder.decode(b"", final=True).encode("utf-8")


# the elements openpyxl makes an object of when it opens a workbook, before any row: an
# entry of the shared strings (<si/>: five bytes) and of the style tables
# (a prefix may be any name, in any script: openpyxl reads the namespace, not the prefix)
_PREFIX = rb"(?:[^\s<>/:!?=\"']+:)?"
_STRING_ENTRY = re.compile(rb"<" + _PREFIX + rb"si[\s/>]")
_STYLE_ENTRY = re.compile(rb"<" + _PREFIX + rb"(?:xf|dxf|font|fill|border|numFmt)[\s/>]")
_CARRY = 64  # bytes of a chunk read again with the next: an element split between them


# A token the parser is fed in pieces (ElementTree's iterparse reads 16 KiB at a time) is
# read again from its start at each piece with the expat this Python links (2.5): a token of
# n bytes costs about n * n / 32 KiB. A comment of 24 MB in a 0.3 MB file took 29 s to read,
# a hundred tags of a mebibyte 15 s. So the squares of the longer tokens' lengths — runs of
# bytes without "<" (a tag, a text), comments, processing instructions, CDATA sections (they
# may hold "<") — are added up over the file's parts, to a budget of about a second of
# parsing: one token of 2.8 MiB, eight of 1 MiB, eight hundred of 100 KiB. A cell holds
# 32,767 characters; a picture drawn as SVG may carry a raster of a megabyte or two.
_FED = 16 * 1024
_RESCANS = 1 << 43
_OPENERS = re.compile(rb"<!--|<\?|<!\[CDATA\[")
_CLOSERS = {b"<!--": b"-->", b"<?": b"?>", b"<![CDATA[": b"]]>"}
_TOO_LONG = QT_TRANSLATE_NOOP(
    "Errors", "The XLSX file holds pieces of text or markup far longer than a "
              "spreadsheet program writes; it was not opened. Save it again "
              "in a spreadsheet program, or as CSV.")
_UNREADABLE = QT_TRANSLATE_NOOP("Errors", "The file is not a readable XLSX workbook.")


@dataclass
class _Spent:
    """What the long tokens of a file's parts cost, added up (:class:`_Markup`)."""

    rescans: int = 0

    def token(self, length: int, *, done: bool = True) -> None:
        """A token of ``length`` bytes; not ``done``: one still open, at least so long."""
        cost = length * length if length > _FED else 0
        if self.rescans + cost > _RESCANS:
            raise FileRejected(_TOO_LONG)
        if done:
            self.rescans += cost


class _Markup:
    """Reads a part, a chunk at a time, for the tokens that cost the parser most (see
    :data:`_RESCANS`): each run of bytes without "<" and each comment, processing
    instruction or CDATA section, whose costs ``spent`` adds up."""

    def __init__(self, spent: _Spent) -> None:
        self.spent = spent
        self.run = 0  # bytes since the last "<"
        self.closer: bytes | None = None  # what ends the comment, instruction or CDATA open
        self.opened = 0  # where it opened, in bytes of the part
        self.read = 0  # bytes of the part fed so far
        self.scanned = 0  # bytes of the part looked through for an opener or a closer

    def feed(self, text: bytes, start: int) -> None:
        """``text``: the last bytes fed before, then from ``start`` on, the new ones."""
        base = self.read - start  # where ``text`` begins in the part
        self.read += len(text) - start
        pieces = text[start:].split(b"<")
        if len(pieces) > 1:
            self.spent.token(self.run + len(pieces[0]))
            inner = pieces[1:-1]
            if max(map(len, inner), default=0) > _FED:  # most often none: one look, in C
                for length in map(len, inner):
                    self.spent.token(length)
            self.run = len(pieces[-1])
        else:
            self.run += len(pieces[0])
        self.spent.token(self.run, done=False)
        at = max(self.scanned - base, 0)
        while True:
            if self.closer is None:
                opener = _OPENERS.search(text, at)
                if opener is None:  # one cut short at the end is read again with the next
                    self.scanned = base + max(len(text) - len(b"<![CDATA[") + 1, at)
                    return
                self.closer, self.opened = _CLOSERS[opener.group()], base + opener.start()
                at = opener.end()
            end = text.find(self.closer, at)
            if end < 0:
                self.spent.token(self.read - self.opened, done=False)
                self.scanned = base + max(len(text) - len(self.closer) + 1, at)
                return
            at = end + len(self.closer)
            self.spent.token(base + at - self.opened)
            self.closer = None


def _may_be_xml(first: bytes) -> bool:
    """Whether a part's first bytes could begin XML: a picture cannot, and its bytes run
    long without "<"."""
    head = first.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    return not head or head.startswith(b"<")


def _read_parts(zf: zipfile.ZipFile, members: list[zipfile.ZipInfo],
                limits: SheetLimits) -> None:
    """Every part, whatever its name (the workbook's relations, not the names, say which
    parts are XML, and how it is written), read once: refused when it declares entities or
    a DTD, holds a piece of markup too long to parse in time (:class:`_Markup`), or when the
    parts hold more shared strings or styles than any sheet the limits allow needs —
    openpyxl builds all of them when it opens the file (millions of empty ``<si/>`` in a
    130 KB file: 16 s and 400 MB before a row was read)."""
    strings = styles = 0
    spent = _Spent()
    for info in members:
        with zf.open(info) as member:
            tail = b""
            markup: _Markup | None = None
            for chunk in _utf8_chunks(member):
                text = tail + chunk
                if b"<!DOCTYPE" in text or b"<!ENTITY" in text:  # anywhere: after padding too
                    raise FileRejected(QT_TRANSLATE_NOOP(
                        "Errors", "The XLSX file carries XML declarations "
                                  "that a workbook never needs; it was not opened."))
                start = len(tail)
                if not tail:  # the first chunk: a part a parser could read begins with "<"
                    markup = _Markup(spent) if _may_be_xml(chunk) else None
                if markup is not None:
                    markup.feed(text, start)
                # one that ends in the carried bytes was counted with them
                strings += sum(1 for m in _STRING_ENTRY.finditer(text) if m.end() > start)
                styles += sum(1 for m in _STYLE_ENTRY.finditer(text) if m.end() > start)
                if strings > limits.max_shared_strings or styles > limits.max_styles:
                    raise FileRejected(QT_TRANSLATE_NOOP("Errors",
                        "The XLSX file holds more distinct texts or formats than this import "
                        "reads (at most {texts} and {formats}); it was not opened. Split the "
                        "sheet, or save it as CSV."), texts=limits.max_shared_strings,
                        formats=limits.max_styles)
                tail = text[-_CARRY:]


def read_xlsx(data: bytes, *, limits: SheetLimits | None = None, sheet: str | None = None) -> Table:
    """Read one sheet (the one the workbook opens on unless named, :func:`_pick_sheet`) of an
    XLSX workbook into a :class:`Table`."""
    limits = limits or SheetLimits()
    check_zip(data, limits)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                    keep_links=False, keep_vba=False)
    except Exception:  # openpyxl raises many kinds on bad input
        raise FileRejected(_UNREADABLE) from None
    names: list[str] = []
    try:
        names = list(wb.sheetnames)
        hidden = [ws.title for ws in wb.worksheets
                  if getattr(ws, "sheet_state", "visible") != "visible"]
        active = getattr(wb.active, "title", None)
        name = _pick_sheet(names, sheet, active=active, hidden=hidden)
        rows = _xlsx_rows(wb[name], limits)
        headers, body = _split_header(rows, limits)
    except FileRejected as exc:
        exc.file_format, exc.sheets = "xlsx", tuple(names)
        raise
    except Exception:
        raise FileRejected(QT_TRANSLATE_NOOP("Errors", "The XLSX workbook could not be read to the "
                                                       "end.")) from None
    finally:
        wb.close()
    return Table(headers, body, "xlsx", sheet=name, sheets=names, hidden_sheets=hidden)


def _pick_sheet(names: list[str], sheet: str | None, *, active: str | None = None,
                hidden: list[str] | None = None) -> str:
    """The sheet named, else the one the user sees on opening the workbook: the active sheet
    when it is visible, else the only visible one. A hidden sheet is never read unless named
    (it is not what the user checked); several visible sheets and a hidden active one are
    refused, naming them."""
    if not names:
        raise FileRejected(QT_TRANSLATE_NOOP("Errors", "The workbook has no sheets."))
    if sheet is not None:
        if sheet not in names:
            raise FileRejected(QT_TRANSLATE_NOOP(
                "Errors", "The workbook has no sheet of that name; its "
                          "sheets: {sheets}."), sheets=_named_sheets(names))
        return sheet
    visible = [n for n in names if n not in (hidden or ())]
    if active in visible:
        return active
    if len(visible) == 1:
        return visible[0]
    if not visible:
        raise FileRejected(QT_TRANSLATE_NOOP(
            "Errors", "Every sheet of the workbook is hidden: show the sheet "
                      "to import in Excel, or name it (--sheet NAME; in the app, the "
                      "Sheet list)."))
    raise FileRejected(QT_TRANSLATE_NOOP(
        "Errors", "The workbook opens on a hidden sheet and has several "
                  "visible ones ({sheets}): say which to import (--sheet NAME; in the "
                  "app, the Sheet list)."), sheets=_named_sheets(visible))


def _named_sheets(names: list[str]) -> str:
    return ", ".join(f"“{n}”" for n in names)


def _xlsx_rows(ws: Any, limits: SheetLimits) -> Iterator[tuple[int, list[str]]]:
    """The sheet's rows as text cells, read as its rows are, whatever size the sheet says
    it is: openpyxl fills every missing row before a later one with an empty row as wide as
    the sheet's dimension says (a few kilobytes declaring 16,384 columns, with one cell in
    row 1,048,576, made billions of empty cells), and reads no row past the dimension's
    last (a sheet saying it is smaller than it is lost its other rows unseen). Each row is
    as wide as its last cell, an empty text cell too: rows of one empty cell in column XFD
    made 16,384 cells each. So the cells read are counted, up to what the largest file
    allowed holds (``max_rows`` rows of ``max_columns``), and a row's cells past the columns
    allowed are looked at only to see that they are empty; every look is made in C."""
    _check_order(ws)
    ws.reset_dimensions()
    budget = limits.max_rows * limits.max_columns
    for line, row in enumerate(ws.iter_rows(values_only=True), start=1):
        width = len(row)
        budget -= width
        if budget < 0:
            raise FileRejected(QT_TRANSLATE_NOOP(
                "Errors", "The sheet holds more cells than this import "
                          "reads (at most {rows} by {columns}): copy what to import into a "
                          "new sheet."),
                               rows=limits.max_rows, columns=limits.max_columns)
        if row.count(None) + row.count("") == width:
            continue
        end = width
        if width > limits.max_columns:
            rest = row[limits.max_columns:]
            if rest.count(None) + rest.count("") != len(rest):
                raise FileRejected(QT_TRANSLATE_NOOP(
                    "Errors", "More columns than this import reads (at most {columns})."),
                    columns=limits.max_columns)
            end = limits.max_columns  # and the empty cells before them (at most that many)
            while end and row[end - 1] in (None, ""):
                end -= 1
        yield line, [cell_text(v) for v in row[:end]]


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW_TAG, _CELL_TAG = _SHEET_NS + "row", _SHEET_NS + "c"
_DISORDER = QT_TRANSLATE_NOOP(
    "Errors", "The sheet's rows or cells are out of order, repeated or nested, "
              "so some of them would be lost: open the file in a spreadsheet "
              "program, save it again and import that.")


def _check_order(ws: Any) -> None:
    """Refuse a sheet whose rows, or cells in a row, are not in ascending order, repeat, or
    whose cell names another row, or a row holding anything but cells: openpyxl drops
    without a word a row numbered below one read before it and a cell left of the row's
    last (rows written 1, 3, 2 lost row 2), puts a cell in the row it sits in, whatever row
    it names, and reads any element in a row as a cell (a row inside a row lost the outer
    one). Reads the sheet's XML as openpyxl does (the same member, the same parser),
    without building it."""
    from openpyxl.xml.functions import iterparse

    row = column = outside = 0
    depth: int | None = None  # elements open inside the row being read; None: in no row
    with ws._get_source() as source:  # the member openpyxl reads the rows from
        for event, element in iterparse(source, events=("start", "end")):
            if depth is None and event == "start":
                outside += 1  # openpyxl keeps every element not in a row: they are bounded
                if outside > _OUTSIDE_ROWS:
                    raise FileRejected(_CLUTTER)
            if event == "end":
                if depth:
                    depth -= 1
                elif depth == 0:  # the row's own end: rows read are let go
                    element.clear()
                    depth = None
                continue
            if depth is not None:
                depth += 1
                if element.tag == _ROW_TAG:  # openpyxl reads a row wherever it lies
                    raise FileRejected(_DISORDER)
                if depth > 1:
                    continue  # inside a cell
                column = _cell_column(element, row, column)
            elif element.tag == _ROW_TAG:
                number = _row_number(element.get("r"), row)
                if number <= row:
                    raise FileRejected(_DISORDER)
                row, column, depth = number, 0, 0


_OUTSIDE_ROWS = 1_000_000  # elements of a sheet not in a row: its columns, merged cells...
_CLUTTER = QT_TRANSLATE_NOOP(
    "Errors", "The sheet holds far more elements outside its rows than a spreadsheet program "
              "writes; it was not read. Save it again in a spreadsheet program, or as CSV.")


def _cell_column(element: Any, row: int, previous: int) -> int:
    """The column of a row's element, which must be a cell of that row right of the one
    before it (openpyxl reads any element in a row as a cell)."""
    from openpyxl.utils.cell import coordinate_to_tuple

    if element.tag != _CELL_TAG:
        raise FileRejected(_DISORDER)
    name = element.get("r")
    if name is None:
        return previous + 1
    at_row, at_column = coordinate_to_tuple(name)
    if at_row != row or at_column <= previous:
        raise FileRejected(_DISORDER)
    return int(at_column)


def _row_number(text: str | None, previous: int) -> int:
    """A row's number as openpyxl reads it: its ``r`` (a whole number, maybe written as a
    float), else the one after the previous row."""
    if text is None:
        return previous + 1
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise FileRejected(_DISORDER) from None
        return int(number)


def cell_text(value: Any) -> str:
    """A spreadsheet cell's value as text: whole floats without ``.0``, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
