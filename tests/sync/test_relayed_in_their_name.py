"""A value forged in a colleague's name does not get this vault's bundles refused by them.

D makes Vera and sends her to R and C. A seized C sends R a note on Vera stamped in D's
name (an hlc within D's clock): field values are not signed, so R cannot tell it from an
honest relay and applies it ("set by D, received from C"). R passed it on to D, and D —
who never made that change — refused R's whole bundle (§6.5.2), and every one after it:
one forged line stopped R's sharing with D. Now a bundle to D leaves out the values stamped
in D's name that no bundle of D's brought here (but for required fields, which say what
the record is): D holds its genuine ones, as their maker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry

from .forge import forge
from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def vaults(tmp_path: Path) -> Iterator[dict[str, Registry]]:
    v = {n: make_vault(tmp_path, n) for n in ("R", "C", "D", "E")}
    introduce(*v.values())
    yield v
    for vault in v.values():
        vault.lock()


def _in_ds_name(d: Registry, c: Registry, record_id: str, values: dict[str, object]) -> Record:
    """A line C forges: these values under a stamp of D's, within D's clock."""
    named = c.get(record_id).stamps["name"] if c.store.get(record_id) else None
    hlc = (named.hlc if named else d.store.clock.last) + 1
    return Record(record_id, Kind.PERSON, dict(values),
                  dict.fromkeys(values, Stamp(hlc, d.identity.fingerprint)))


def test_a_value_forged_in_their_name_is_not_sent_back_to_them(vaults, tmp_path: Path
                                                               ) -> None:
    r, c, d, e = (vaults[n] for n in ("R", "C", "D", "E"))
    vera = person(d, "Вера Петрова", city="Вильнюс")
    d0 = send(d, [r, c], tmp_path / "d0.rbundle")
    receive(r, d0)
    receive(c, d0)
    forged = _in_ds_name(d, c, vera, {"notes": "forged", "city": "Рига"})
    [got] = receive(r, forge(c, r, tmp_path / "c1.rbundle", [forged], sign=True))
    assert got.counts["changed"] == 1 and r.get(vera).values["notes"] == "forged"
    olga = person(r, "Ольга Новая")  # R's own news for D
    r.update(vera, {"country": "LT"})  # and R's own change to D's Vera
    [report] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert report.counts["new"] == 1 and d.get(olga).values["name"] == "Ольга Новая"
    # R's change came; the values in D's name D never made did not
    assert d.get(vera).values["country"] == "LT"
    assert "notes" not in d.get(vera).values and d.get(vera).values["city"] == "Вильнюс"
    # control: what R holds in D's name from D itself goes back to D (a line naming it)
    d.update(vera, {"city": "Каунас"})
    receive(r, send(d, [r], tmp_path / "d1.rbundle"))
    r.update(vera, {"country": "PL"})
    receive(d, send(r, [d], tmp_path / "r-d2.rbundle"))
    assert d.get(vera).values["country"] == "PL"
    # another colleague takes the relayed value as R took it, and leaves it out for D too
    [to_e] = receive(e, send(r, [e], tmp_path / "r-e.rbundle"))
    assert e.get(vera).values["notes"] == "forged" and to_e.counts["new"] >= 1
    receive(d, send(e, [d], tmp_path / "e-d.rbundle"))
    assert "notes" not in d.get(vera).values


def test_their_record_relayed_by_colleagues_goes_back_with_the_colleagues_changes(
        vaults, tmp_path: Path) -> None:
    """Control: D's Vera reaches R through C (with C's note), R adds a country: R's bundle
    to D carries her line — her name in D's name stays (a required field: only its maker's
    stamp says what the record is), and the changes of C and R reach D."""
    r, c, d = (vaults[n] for n in ("R", "C", "D"))
    vera = person(d, "Вера Петрова", city="Вильнюс")
    receive(c, send(d, [c], tmp_path / "d0.rbundle"))
    c.update(vera, {"notes": "Заметка C"})
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    r.update(vera, {"country": "LT"})
    [report] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert report.counts["changed"] == 1
    held = d.get(vera).values
    assert (held["name"], held["notes"], held["country"]) == ("Вера Петрова", "Заметка C", "LT")
    assert held["city"] == "Вильнюс"
