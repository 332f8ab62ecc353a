"""A UTF-8 CSV with a few bytes that are not UTF-8 is refused, naming the line.

Such a file (a Latin-1 "é" pasted into one cell) was read whole as KOI8-R: every Cyrillic
name garbled, written without a word, the protected person's row among them unmatched (was).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.interop.spreadsheet import FileRejected, detect_encoding
from registry.service import Registry
from tests.conftest import Cli, hash_tree
from tests.interop.conftest import snapshot

STRAY = ("name,email,notes\nАнна Смирнова,,ok\nОльга Петрова,olga@example.org,\n"
         "Мария Кузнецова,m@example.org,caf").encode() + b"\xe9\n"


def test_utf8_with_a_stray_byte_is_refused_naming_the_line(reg: Registry, tmp_path: Path,
                                                           cli: Cli) -> None:
    reg.add(Kind.PERSON, {"name": "Анна Смирнова", "sensitivity": "protected"})
    path = tmp_path / "m.csv"
    path.write_bytes(STRAY)
    with pytest.raises(FileRejected, match="line 4"):
        detect_encoding(STRAY)
    reg, before = snapshot(reg)
    root = reg.paths.root
    reg.lock()
    result = cli(root, "import", str(path))
    assert result.code == 1 and "line 4" in result.err and "UTF-8" in result.err
    assert hash_tree(reg.paths.root) == before  # nothing written
    # the user says what it is: read as asked
    result = cli(root, "import", str(path), "--encoding", "latin_1", "--dry-run")
    assert "UTF-8" not in result.err and "4 rows" not in result.err
    assert result.out.startswith("Nothing was imported.")  # read, its garbled rows rejected


@pytest.mark.parametrize("encoding, text", [
    ("cp1251", "name,notes\nАнна Смирнова,Москва\nОльга Петрова,Рига\n"),
    ("koi8_r", "name,notes\nАнна Смирнова,Москва\nОльга Петрова,Рига\n"),
    ("cp1252", "name,notes\nJosé Núñez,café\n"),
])
def test_control_single_byte_files_are_still_read(encoding: str, text: str) -> None:
    assert detect_encoding(text.encode(encoding)) == encoding
    assert detect_encoding(text.encode("utf-8")) == "utf-8"
