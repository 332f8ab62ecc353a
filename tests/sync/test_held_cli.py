"""Held changes through the real ``registry`` command line (DESIGN §6.5.4, §9):
``bundle held [--json]``, ``bundle held accept|decline ID``; an unknown id exits 1."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.conftest import Cli, CliResult
from tests.passphrase import PASSPHRASE

from .forge import forge
from .vaults import introduce

pytestmark = pytest.mark.slow


def ok(res: CliResult) -> str:
    assert res.code == 0, f"exit {res.code}: {res.err}"
    return res.out


def js(res: CliResult) -> Any:
    return json.loads(ok(res))


@pytest.fixture
def vaults(tmp_path: Path) -> dict[str, Path]:
    regs = {n: Registry.create(tmp_path / n, PASSPHRASE, name=f"Official {n}",
                               org=f"Ministry {n}", country="SE", kdf=FAST_TEST_PARAMS)
            for n in "AC"}
    introduce(*regs.values())
    for r in regs.values():
        r.lock()
    return {n: tmp_path / n for n in "AC"}


def test_held_list_accept_and_decline(cli: Cli, vaults: dict[str, Path],
                                      tmp_path: Path) -> None:
    A, C = vaults["A"], vaults["C"]
    fp = {n: js(cli(v, "identity", "show", "--json"))["fingerprint"] for n, v in vaults.items()}
    anna = js(cli(A, "add", "person", "--name", "Анна Смирнова", "--json"))["id"]
    boris = js(cli(A, "add", "person", "--name", "Борис Петров", "--json"))["id"]
    ok(cli(A, "bundle", "export", "-o", str(tmp_path / "a.rbundle"), "--to", fp["C"]))
    ok(cli(C, "bundle", "import", str(tmp_path / "a.rbundle")))
    ok(cli(C, "erase", anna))
    ok(cli(C, "erase", boris))
    bundle = tmp_path / "c.rbundle"
    ok(cli(C, "bundle", "export", "-o", str(bundle), "--to", fp["A"]))
    digest = js(cli(A, "digest", "--json"))
    [report] = js(cli(A, "bundle", "import", str(bundle), "--json"))
    assert report["counts"]["held"] == 2 and {h["id"] for h in report["held"]} == {anna, boris}
    assert js(cli(A, "digest", "--json")) == digest
    text = ok(cli(A, "bundle", "import", str(bundle)))
    assert "Nothing new" in text

    held = js(cli(A, "bundle", "held", "--json"))
    assert {h["record"]["id"] for h in held} == {anna, boris}
    by = {h["record"]["id"]: h for h in held}
    assert by[anna]["record"] == {"id": anna, "kind": "person", "label": "Анна Смирнова",
                                  "protected": False}
    assert by[anna]["sender"] == {"fingerprint": fp["C"], "name": "Official C",
                                  "revoked": False}
    assert by[anna]["origin"]["fingerprint"] == fp["C"] and by[anna]["change"] == "erase"
    assert by[anna]["status"] == "held" and by[anna]["received_at"]
    listing = ok(cli(A, "bundle", "held"))
    assert "Анна Смирнова" in listing and "Official C" in listing

    done = js(cli(A, "bundle", "held", "accept", by[anna]["id"], "--json"))
    assert done["status"] == "accepted"
    assert cli(A, "show", anna).code == 1  # erased
    declined = ok(cli(A, "bundle", "held", "decline", by[boris]["id"]))
    assert "Declined" in declined
    assert "Борис Петров" in ok(cli(A, "show", boris, "--json"))
    assert js(cli(A, "bundle", "held", "--json")) == []
    assert ok(cli(A, "bundle", "held")).strip() == "no held changes"
    [replay] = js(cli(A, "bundle", "import", str(bundle), "--json"))
    assert replay["import_id"] is None and replay["counts"]["held"] == 0

    again = cli(A, "bundle", "held", "decline", by[boris]["id"])
    assert again.code == 1 and "already declined" in again.err
    unknown = cli(A, "bundle", "held", "accept", "no-such-id")
    assert unknown.code == 1 and "No held change with that id" in unknown.err
    assert cli(A, "bundle", "held", "accept").code == 2  # ID missing: a usage error


def test_a_revoked_senders_held_erasure_is_marked_and_accepting_it_exits_4(
        cli: Cli, vaults: dict[str, Path], tmp_path: Path) -> None:
    """After a plain ``trust revoke`` the erasure C asked for still waits, marked, and can
    only be declined (DESIGN §6.5.3); before it, the same listing offers accept."""
    A, C = vaults["A"], vaults["C"]
    fp = {n: js(cli(v, "identity", "show", "--json"))["fingerprint"] for n, v in vaults.items()}
    anna = js(cli(A, "add", "person", "--name", "Анна Смирнова", "--json"))["id"]
    ok(cli(A, "bundle", "export", "-o", str(tmp_path / "a.rbundle"), "--to", fp["C"]))
    ok(cli(C, "bundle", "import", str(tmp_path / "a.rbundle")))
    ok(cli(C, "erase", anna))
    ok(cli(C, "bundle", "export", "-o", str(tmp_path / "c.rbundle"), "--to", fp["A"]))
    ok(cli(A, "bundle", "import", str(tmp_path / "c.rbundle")))
    [entry] = js(cli(A, "bundle", "held", "--json"))
    assert "registry bundle held accept" in ok(cli(A, "bundle", "held"))  # control

    ok(cli(A, "trust", "revoke", fp["C"]))
    [listed] = js(cli(A, "bundle", "held", "--json"))
    assert listed["id"] == entry["id"]
    assert listed["sender"]["revoked"] is True and listed["origin"]["revoked"] is True
    text = ok(cli(A, "bundle", "held"))
    assert f"Official C ({fp['C']}) [revoked]" in text and "can only be declined" in text
    assert "held accept" not in text and f"registry bundle held decline {entry['id']}" in text
    refused = cli(A, "bundle", "held", "accept", entry["id"])
    assert refused.code == 4 and "cannot be accepted. Decline it" in refused.err
    assert "Анна Смирнова" in ok(cli(A, "show", anna, "--json"))
    assert "Declined" in ok(cli(A, "bundle", "held", "decline", entry["id"]))


def test_bundle_held_lists_the_oldest_thousand_and_says_how_many_wait(
        cli: Cli, vaults: dict[str, Path], tmp_path: Path) -> None:
    """A bundle asking to erase more records than the list shows: ``bundle held`` (text and
    JSON) gives the oldest 1,000 and says on standard error how many wait, and how to drop
    them all."""
    a, c = (Registry.unlock(vaults[n], PASSPHRASE) for n in "AC")
    try:
        tombs = [Record(str(uuid.uuid4()), Kind.PERSON, {}, {}, Stamp(
            c.store.clock.tick(), c.identity.fingerprint)) for _ in range(1003)]
        flood = forge(c, a, tmp_path / "flood.rbundle", tombs, sign=True)
    finally:
        a.lock()
        c.lock()
    ok(cli(vaults["A"], "bundle", "import", str(flood)))
    text = cli(vaults["A"], "bundle", "held")
    assert ok(text).count("registry bundle held accept") == 1000
    assert "1003 erasures wait; these are the 1000 oldest" in text.err
    assert "--revert-since" in text.err
    listed = cli(vaults["A"], "bundle", "held", "--json")
    assert len(js(listed)) == 1000 and "1003 erasures wait" in listed.err
