"""Quarantine through the real ``registry`` command line (DESIGN §6.5.9, issue 11's must-show).

After a colleague's bundles set values over a month, ``trust revoke FP --revert-since DATE``
restores every field from history, and the digest equals that of a vault that never imported
those bundles. Official C is honest on day 40 and seized from day 20 on; B is honest on day 15.
The control vault is a copy of A's taken before day 20 that imports B's day-15 bundle only.
Imports are dated back (``bundle_import.imported_at``, written by A's own clock) between the
command-line calls, as they would have been written on those days.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli, CliResult
from tests.passphrase import PASSPHRASE

from .vaults import introduce

pytestmark = pytest.mark.slow


def ok(res: CliResult) -> str:
    assert res.code == 0, f"exit {res.code}: {res.err}"
    return res.out


def js(res: CliResult) -> Any:
    return json.loads(ok(res))


def day(n: float) -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(days=n)  # clock-ok: vs real import times


def date_imports(vault: Path, n: int) -> None:
    """The imports made just now were made ``n`` days ago."""
    reg = Registry.unlock(vault, PASSPHRASE)
    try:
        reg.store.conn.execute(
            "UPDATE bundle_import SET imported_at = ? WHERE imported_at >= ?",
            (day(n).isoformat(timespec="seconds"),
             day(0.1).isoformat(timespec="seconds")))
    finally:
        reg.lock()


@pytest.fixture
def vaults(tmp_path: Path) -> dict[str, Path]:
    regs = {n: Registry.create(tmp_path / n, PASSPHRASE, name=f"Official {n}",
                               org=f"Ministry {n}", country="SE", kdf=FAST_TEST_PARAMS)
            for n in "ABC"}
    introduce(*regs.values())
    for r in regs.values():
        r.lock()
    return {n: tmp_path / n for n in "ABC"}


def test_revoke_revert_since_gives_the_digest_of_a_vault_that_never_imported(
        cli: Cli, vaults: dict[str, Path], tmp_path: Path) -> None:
    A, B, C = vaults["A"], vaults["B"], vaults["C"]
    fp = {n: js(cli(v, "identity", "show", "--json"))["fingerprint"] for n, v in vaults.items()}
    n = iter(range(100))

    def send(src: Path, *to: str, extra: tuple[str, ...] = ()) -> Path:
        out = tmp_path / f"{next(n)}.rbundle"
        targets = [a for name in to for a in ("--to", fp[name])]
        ok(cli(src, "bundle", "export", "-o", str(out), *targets, *extra))
        return out

    def receive(vault: Path, bundle: Path) -> None:
        ok(cli(vault, "bundle", "import", str(bundle)))

    def add(vault: Path, *args: str) -> str:
        return str(js(cli(vault, "add", "person", *args, "--json"))["id"])

    anna = add(A, "--name", "Анна Смирнова", "--notes", "Alice's note")
    boris = add(A, "--name", "Борис Петров", "--country", "LT")
    first = send(A, "B", "C")
    receive(B, first)
    receive(C, first)
    # day 40: C, honest
    ok(cli(C, "update", anna, "--notes", "C's honest note"))
    receive(A, send(C, "A"))
    date_imports(A, 40)
    control = tmp_path / "control"
    shutil.copytree(A, control)
    # day 20: C's keys in other hands
    ok(cli(C, "update", anna, "--notes", "lies", "--email", "trap@example.org"))
    ok(cli(C, "update", boris, "--sensitivity", "confidential"))
    spy = add(C, "--name", "Шпион Подставной")
    receive(A, send(C, "A", extra=("--max-sensitivity", "confidential")))
    date_imports(A, 20)
    shown = js(cli(A, "show", anna, "--json"))["provenance"]["notes"]
    assert (shown["origin"], shown["received_from"]) == (fp["C"], fp["C"])
    assert "received from Official C" in ok(cli(A, "show", anna))
    # day 15: B, honest, to A and to the control vault
    ok(cli(B, "update", boris, "--country", "DE"))
    honest = send(B, "A")
    receive(A, honest)
    date_imports(A, 15)
    receive(control, honest)
    # day 10: C's keys again
    ok(cli(C, "update", boris, "--country", "RU"))
    ok(cli(C, "update", spy, "--notes", "more lies"))
    receive(A, send(C, "A", extra=("--max-sensitivity", "confidential")))
    date_imports(A, 10)
    assert ok(cli(A, "digest")) != ok(cli(control, "digest"))

    since = day(25).date().isoformat()
    preview = js(cli(A, "trust", "revoke", fp["C"], "--revert-since", since, "--dry-run",
                     "--json"))
    assert preview["dry_run"] and preview["counts"]["imports"] == 2
    # it lowers Boris's protection, which C had raised: a script must confirm it
    before = ok(cli(A, "digest"))
    refused = cli(A, "trust", "revoke", fp["C"], "--revert-since", since, "--json")
    assert refused.code != 0 and "--yes-lower-protection" in refused.err
    assert ok(cli(A, "digest")) == before
    report = js(cli(A, "trust", "revoke", fp["C"], "--revert-since", since, "--json",
                    "--yes-lower-protection"))

    assert ok(cli(A, "digest")) == ok(cli(control, "digest"))
    assert {**preview, "dry_run": False} == report
    restored = {r["id"]: r["fields"] for r in report["restored"]}
    assert restored == {anna: {"email": "unset", "notes": "restored"},
                        boris: {"country": "restored", "sensitivity": "restored"}}
    assert report["removed"] == [{"id": spy, "kind": "person"}]
    assert report["protection_lowered"] == [boris]
    anna_now = js(cli(A, "show", anna, "--json"))
    assert anna_now["fields"]["notes"] == "C's honest note" and "email" not in anna_now["fields"]
    assert anna_now["provenance"]["notes"]["received_from"] == fp["C"]  # day 40's, from C
    assert js(cli(A, "show", boris, "--json"))["fields"]["country"] == "DE"
    assert cli(A, "show", spy).code == 1
    trust = {o["fingerprint"]: o["trust"] for o in js(cli(A, "trust", "list", "--json"))}
    assert trust[fp["C"]] == "revoked"
    refused = cli(A, "bundle", "import", str(send(C, "A")))
    assert refused.code == 4


def test_revoke_without_revert_since_behaves_as_before(cli: Cli, vaults: dict[str, Path]) -> None:
    fc = js(cli(vaults["C"], "identity", "show", "--json"))["fingerprint"]
    res = cli(vaults["A"], "trust", "revoke", fc)
    assert "is revoked" in ok(res)
    assert cli(vaults["A"], "trust", "revoke", fc, "--dry-run").code == 2
    bad = cli(vaults["A"], "trust", "revoke", fc, "--revert-since", "last month")
    assert bad.code == 1 and "YYYY-MM-DD" in bad.err
