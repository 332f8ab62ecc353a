"""What the user sees is what is read: the sheet a workbook opens on, named in the report.

An XLSX whose first sheet is hidden and whose active sheet is another was imported from the
hidden one, and the text report did not name the sheet (was).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.interop.spreadsheet import FileRejected, _pick_sheet, read_table
from registry.service import Registry
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

MakeCsv = Callable[..., Path]


def _workbook(path: Path, *, hidden_first: bool = True, active: int = 1,
              third: bool = False) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Old"
    first.append(["name", "notes"])
    first.append(["Скрытый Человек", "hidden"])
    if hidden_first:
        first.sheet_state = "hidden"
    second = wb.create_sheet("People")
    second.append(["name", "notes"])
    second.append(["Видимый Человек", "seen"])
    if third:
        wb.create_sheet("Other").append(["name"])
    wb.active = active
    wb.save(path)
    return path


def _names(reg: Registry) -> list[str]:
    return sorted(r.values["name"] for r in reg.store.iter_records(Kind.PERSON))


def test_the_active_visible_sheet_is_read_and_named(reg: Registry, tmp_path: Path,
                                                    cli: Cli) -> None:
    path = _workbook(tmp_path / "h.xlsx")
    table = read_table(path)
    assert table.sheet == "People" and table.hidden_sheets == ["Old"]
    root = reg.paths.root
    reg.lock()
    result = cli(root, "import", str(path))
    assert result.code == 0
    assert "Sheet read: “People”" in result.out and "“Old” (hidden)" in result.out
    result = cli(root, "import", str(path), "--dry-run", "--json")
    info = json.loads(result.out)["file"]
    assert info["sheet"] == "People" and info["hidden_sheets"] == ["Old"]
    reg = Registry.unlock(root, PASSPHRASE)
    assert _names(reg) == ["Видимый Человек"]


def test_control_a_hidden_sheet_named_on_purpose_is_read_and_said(tmp_path: Path,
                                                                  reg: Registry,
                                                                  cli: Cli) -> None:
    path = _workbook(tmp_path / "h.xlsx")
    assert read_table(path, sheet="Old").sheet == "Old"
    root = reg.paths.root
    reg.lock()
    result = cli(root, "import", str(path), "--sheet", "Old", "--dry-run")
    assert result.code == 0 and "Sheet read: “Old” (a hidden sheet)" in result.out


def test_control_a_plain_workbook_reads_its_active_sheet(tmp_path: Path) -> None:
    assert read_table(_workbook(tmp_path / "a.xlsx", hidden_first=False, active=0)).sheet == "Old"
    assert read_table(_workbook(tmp_path / "b.xlsx", hidden_first=False,
                                active=1)).sheet == "People"


def test_a_hidden_active_sheet_among_several_visible_is_refused_naming_them() -> None:
    # (openpyxl saves a visible active sheet; Excel files from elsewhere need not)
    names, hidden = ["Old", "People", "Other"], ["Old"]
    with pytest.raises(FileRejected, match=r"“People”, “Other”.*--sheet NAME"):
        _pick_sheet(names, None, active="Old", hidden=hidden)
    with pytest.raises(FileRejected, match="hidden"):
        _pick_sheet(["Old"], None, active="Old", hidden=hidden)
    # one visible sheet: that is the one the user sees; named: as asked
    assert _pick_sheet(names[:2], None, active="Old", hidden=hidden) == "People"
    assert _pick_sheet(names, "Old", active="Old", hidden=hidden) == "Old"
    assert _pick_sheet(names, None, active="Other", hidden=hidden) == "Other"
