"""No network: the whole command-line workflow runs with internet sockets refused.

A ``sitecustomize`` on PYTHONPATH installs an audit hook (PEP 578) in every CLI process. It
refuses, and logs, the creation of any socket that is not AF_UNIX, any connect/bind/send to
an internet address, and every name lookup. AF_UNIX stays allowed: it is local IPC (the
keychain's D-Bus connection to the Secret Service), never the network. The workflow must
succeed with the log empty — so not even an attempt that the code swallowed. A second
variant runs the same workflow inside ``unshare --net`` (a network namespace with no
interfaces up), where any real attempt would fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

pytestmark = pytest.mark.slow

SITECUSTOMIZE = r'''
import os
import socket
import sys

_LOG = os.environ.get("NO_NETWORK_LOG")
_LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
            "socket.gethostbyaddr", "socket.getnameinfo"}
_ADDRESSED = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"}


def _refuse(event, detail):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {event} {detail!r}\n")
    raise PermissionError(f"no network: {event} refused by the test's audit hook")


def _hook(event, args):
    if event == "socket.__new__" and args[1] != socket.AF_UNIX:
        _refuse(event, args[1])
    elif event in _ADDRESSED and not isinstance(args[1], (str, bytes)):
        _refuse(event, args[1])
    elif event in _LOOKUPS:
        _refuse(event, args[0] if args else "")


sys.addaudithook(_hook)
'''


class Runner:
    """Runs ``registry`` commands under the hook (and optionally a command prefix)."""

    def __init__(self, cli: Cli, tmp: Path, prefix: list[str]) -> None:
        site = tmp / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        self.log = tmp / "network-attempts.log"
        self.env = cli.env(PASSPHRASE, {"PYTHONPATH": str(site), "NO_NETWORK_LOG": str(self.log)})
        self.prefix = prefix
        self.commands = 0

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.prefix, sys.executable, "-c", code], env=self.env,
                              capture_output=True, text=True, timeout=120, check=False)

    def __call__(self, vault: Path, *args: str) -> str:
        proc = subprocess.run([*self.prefix, sys.executable, "-m", "registry", "--vault",
                               str(vault), *args], env=self.env, capture_output=True,
                              text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)
        assert proc.returncode == 0, f"registry {' '.join(args)}: {proc.stderr}"
        self.commands += 1
        return proc.stdout

    def attempts(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


def _hook_works(run: Runner) -> None:
    probe = run.python("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 9))\n"
                       "except PermissionError as e:\n    print('refused', e)")
    assert "refused" in probe.stdout, probe.stderr
    assert run.attempts(), "the audit hook did not log the probe"
    run.log.unlink()


def _workflow(run: Runner, home: Path) -> None:
    a, b, d = home / "a", home / "b", home / "demo"
    run(a, "init", "--name", "Official A", "--org", "Ministry A", "--country", "SE")
    run(b, "init", "--name", "Official B", "--org", "Ministry B", "--country", "DE")
    run(d, "demo", "--people", "300")
    person = json.loads(run(a, "add", "person", "--name", "Анна Сетевая", "--country", "DE",
                            "--json"))["id"]
    org = json.loads(run(a, "add", "organisation", "--name", "Свободная сеть", "--type",
                         "media", "--json"))["id"]
    run(a, "add", "tie", "--from", person, "--to", org, "--kind", "works_for")
    assert json.loads(run(a, "search", "Anna", "--json"))
    run(a, "stats", "--json")
    run(d, "stats", "--json")
    run(a, "check")
    run(a, "identity", "export-card", str(home / "a.card"))
    run(b, "identity", "export-card", str(home / "b.card"))
    run(a, "trust", "add", str(home / "b.card"), "--verified")
    run(b, "trust", "add", str(home / "a.card"), "--verified")
    fp_b = json.loads(run(b, "identity", "show", "--json"))["fingerprint"]
    bundle = home / "a-to-b.rbundle"
    run(a, "bundle", "export", "-o", str(bundle), "--to", fp_b)
    run(b, "bundle", "inspect", str(bundle))
    run(b, "bundle", "import", str(bundle))
    csv = home / "people.csv"
    csv.write_text("name,country,gender\nИван Сетевой,LV,male\nMaria Offline,LT,female\n",
                   encoding="utf-8")
    run(a, "import", str(csv))
    run(a, "export-ftm", str(home / "a.ftm.jsonl"))
    run(a, "backup", str(home / "a.backup"))
    run(a, "digest")
    run(b, "digest")
    run(b, "check")


def test_cli_workflow_with_internet_sockets_refused(cli: Cli, tmp_path: Path) -> None:
    run = Runner(cli, tmp_path, [])
    _hook_works(run)
    _workflow(run, cli.home)
    assert run.attempts() == [], run.attempts()
    print(f"no network (audit hook): {run.commands} commands, 0 network attempts")


def test_cli_workflow_in_a_network_namespace(cli: Cli, tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare, "--net", "true"], capture_output=True, check=False) \
        if unshare else None
    if probe is None or probe.returncode != 0:
        reason = "unshare --net is not available here (needs root)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    run = Runner(cli, tmp_path, [unshare, "--net"])
    _workflow(run, cli.home)
    assert run.attempts() == [], run.attempts()
    print(f"no network (unshare --net + audit hook): {run.commands} commands, 0 attempts")
