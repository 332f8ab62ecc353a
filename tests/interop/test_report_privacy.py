"""The import report never ties a row to a protected person's id or status.

The saved report (the app's "Save the import report", a plaintext CSV outside the vault) and
the command line's output held the real id of an inside-Russia person a row matched, and
"a namesake here is protected" (was). For protected records the id is left out and the row
is "kept for review"; ordinary records are named as before (the control).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from registry.domain.enums import Kind
from registry.interop.importer import GUARDED_NOTE, PRIVATE_NOTE, SpreadsheetImport
from registry.service import Registry
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

MakeCsv = Callable[..., Path]
ROWS = [["name", "name_latin", "region", "inside_russia", "email"],
        ["Мария Смирнова", "Maria Smirnova", "RU-MOW", "", ""],  # beside her: reviewed
        ["Maria Smirnova", "", "", "", ""],                      # her, unchanged
        ["Ivan Open", "Ivan Open", "RU-SPE", "", "ivan@example.org"],  # control: updated
        ["Пётр Новый", "", "", "yes", ""]]                       # new, protected by the row


def _vault(reg: Registry) -> tuple[str, str]:
    maria = reg.add(Kind.PERSON, {"name": "Мария Смирнова", "name_latin": "Maria Smirnova",
                                  "inside_russia": True, "region": "RU-TY"}).id
    ivan = reg.add(Kind.PERSON, {"name": "Ivan Open", "name_latin": "Ivan Open",
                                 "email": "ivan@example.org"}).id
    return maria, ivan


def _saved(report: object) -> str:
    from registry.gui.spreadsheet.jobs import report_csv

    return report_csv(report).decode("utf-8")  # type: ignore[arg-type]


def test_the_report_leaves_protected_records_out(reg: Registry, csv_file: MakeCsv) -> None:
    maria, ivan = _vault(reg)
    path = csv_file(ROWS)
    for dry_run in (True, False):
        report = SpreadsheetImport(reg, path).run(dry_run=dry_run)
        protected = {o.record_id for o in report.outcomes if o.record_id
                     and reg.find(o.record_id) is not None and reg.is_protected(o.record_id)}
        for text in (_saved(report), json.dumps(report.to_json(), ensure_ascii=False)):
            assert maria not in text and "protected" not in text.replace('"inside_russia"', "")
            assert GUARDED_NOTE not in text and PRIVATE_NOTE in text
            assert ivan in text  # control: an ordinary record is named by its id
            for record_id in protected:
                assert record_id not in text
        # inside the vault the decisions are whole (the wizard's own view)
        inside = json.dumps(report.to_json(shared=False))
        assert maria in inside
    assert protected  # the written run made protected records: checked above


def test_the_command_line_leaves_them_out_too(reg: Registry, csv_file: MakeCsv,
                                              cli: Cli) -> None:
    maria, ivan = _vault(reg)
    root = reg.paths.root
    reg.lock()
    path = csv_file(ROWS)
    for args in (["--dry-run", "--json"], ["--dry-run"], []):
        result = cli(root, "import", str(path), *args)
        assert result.code == 0, result.err
        assert maria not in result.out and ivan in result.out
        assert "is protected" not in result.out
    reg = Registry.unlock(root, PASSPHRASE)
    made = [r.id for r in reg.store.iter_records(Kind.PERSON) if r.id not in (maria, ivan)]
    assert len(made) == 2 and all(reg.is_protected(m) for m in made)
    assert not any(m in result.out for m in made)
