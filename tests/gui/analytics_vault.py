"""A demo vault for the dashboard, network and briefing tests, with sentinels.

The sentinel is a protected person (inside Russia) with a distinctive name, a residence
permit expiring within 30 days and ties: no screen may show that name until the user
reveals protected names, and the briefing never may.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from registry import demo
from registry.domain.enums import Kind
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE

TODAY = dt.date(2026, 6, 15)  # the views and the briefing take it injected
SENTINEL = "Zoltana Sentinelova"
SENTINEL_RU = "Золтана Сентинелова"
SENDER = "Erika Sendersson"
SENDER_ORG = "Ministry for Foreign Affairs"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@dataclass
class Vault:
    reg: Registry
    sentinel: str
    agency: str


def make_vault(root: Path, size: demo.DemoSize | None = None) -> Vault:
    reg = Registry.create(root, PASSPHRASE, name=SENDER, org=SENDER_ORG, country="SE",
                          kdf=FAST_TEST_PARAMS)
    with reg.store.write():
        demo.generate(reg.store, size or demo.DemoSize(people=300, organisations=40, ties=600))
    agency = reg.add(Kind.ORGANISATION, {"name": "Migrationsverket", "type": "government",
                                         "country": "SE"}).id
    sentinel = reg.add(Kind.PERSON, {"name": SENTINEL_RU, "name_latin": SENTINEL,
                                     "gender": "female", "region": "RU-TY",
                                     "inside_russia": True, "country": "SE"}).id
    reg.add(Kind.SUPPORT, {"provider_id": agency, "recipient_id": sentinel,
                           "kind": "residence_permit", "status": "granted",
                           "start": (TODAY - dt.timedelta(days=300)).isoformat(),
                           "end": (TODAY + dt.timedelta(days=20)).isoformat()})
    people = [r[0] for r in reg.store.conn.execute(
        "SELECT id FROM person WHERE id != ? ORDER BY id LIMIT 3", (sentinel,))]
    for other in people:
        reg.add(Kind.TIE, {"from_id": sentinel, "to_id": other, "kind": "colleague"})
    return Vault(reg, sentinel, agency)


def open_in(qtbot: Any, tasks: Any, reg: Registry) -> None:
    opened: list[Any] = []
    tasks.open(lambda: reg, opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)


def run_job(qtbot: Any, tasks: Any, fn: Callable[[Registry], Any]) -> Any:
    out: list[Any] = []
    errors: list[BaseException] = []
    tasks.run(fn, out.append, errors.append)
    qtbot.waitUntil(lambda: bool(out or errors), timeout=30_000)
    assert not errors, errors
    return out[0]


def colours(image: QImage, step: int = 7) -> int:
    """Distinct colours in a sample of the image's pixels (a blank grab has one or two)."""
    seen = {image.pixel(x, y) for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}
    return len(seen)


def save_shot(widget: Any, name: str) -> QImage:
    OUTPUT.mkdir(exist_ok=True)
    pixmap = widget.grab()
    assert pixmap.save(str(OUTPUT / name))
    return pixmap.toImage()
