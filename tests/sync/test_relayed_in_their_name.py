"""A value forged in a colleague's name does not get this vault's bundles refused by them.

D makes Vera and sends her to R and C. A seized C sends R a note on Vera stamped in D's
name (an hlc within D's clock): field values are not signed, so R cannot tell it from an
honest relay and applies it ("set by D, received from C"). R passed it on to D, and D —
who never made that change — refused R's whole bundle (§6.5.2), and every one after it:
one forged line stopped R's sharing with D. Now a bundle to D alone leaves out the values
stamped in D's name that no bundle of D's brought here: D holds its genuine ones, as their
maker. What stays: required fields (they say what the record is), signed claims (R took
them only with D's own signature) and the protection of a record D does not hold; a bundle
to several officials carries every value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.service import Registry
from registry.sync.exporter import Scope

from .forge import forge, stamp
from .test_protection_state import decrypt
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


def test_a_raise_forged_in_their_name_is_not_noticed_to_them(vaults, tmp_path: Path) -> None:
    """E's Bob is at R, and R sent him to D. C sends R a raise of Bob's sensitivity stamped in
    D's name at a time D never reached; the ratchet takes it at R. The protection notice R's
    next bundle to D carried that stamp, and D refused the bundle whole (§6.5.2) — and every
    later one, as a notice goes whatever the scope. The raise in D's name that D never sent
    stays out of the notice, as out of the line: D decides its own protection, R keeps
    Bob protected."""
    r, c, e, d = (vaults[n] for n in ("R", "C", "E", "D"))
    bob = person(e, "Борис Ковалёв")
    receive(r, send(e, [r], tmp_path / "e0.rbundle"))
    receive(d, send(r, [d], tmp_path / "r0.rbundle"))
    forged = Record(bob, Kind.PERSON, {"sensitivity": "protected"},
                    {"sensitivity": stamp(d, 10**9)})
    receive(r, forge(c, r, tmp_path / "c1.rbundle", [forged]))
    assert r.get(bob).values["sensitivity"] == "protected"
    person(r, "Someone New")  # R's ordinary next bundle to D
    [report] = receive(d, send(r, [d], tmp_path / "r1.rbundle"))
    assert report.counts["new"] == 1 and d.get(bob).values["sensitivity"] == "internal"
    assert r.is_protected(bob)


def test_joint_bundle_to_the_maker_and_another_loses_the_makers_values_for_both(
        tmp_path: Path) -> None:
    """D made Bob with a note and sent him to C only; C relayed him to R. R's joint bundle to
    {D, E} leaves D's note out (stamped in D's name, no bundle of D's brought it) - for E
    too, who never got it: honest data lost. A bundle to several carries every value."""
    vs = {n: make_vault(tmp_path, n) for n in ("R", "C", "D", "E")}
    introduce(*vs.values())
    r, c, d, e = vs["R"], vs["C"], vs["D"], vs["E"]
    try:
        bob = person(d, "Борис Ковалёв", notes="Заметка D")
        receive(c, send(d, [c], tmp_path / "d0.rbundle"))
        receive(r, send(c, [r], tmp_path / "c0.rbundle"))
        lines = decrypt(send(r, [d, e], tmp_path / "joint.rbundle"), e)
        [line] = [x for x in lines if x["id"] == bob]
        assert line["values"].get("notes") == "Заметка D"
    finally:
        for vault in vs.values():
            vault.lock()


@pytest.mark.parametrize("flag", ["sensitivity", "inside_russia"])
def test_joint_bundle_strips_the_makers_protection_for_the_other_recipient(
        tmp_path: Path, flag: str) -> None:
    """As above, with D's Bob protected by D (a raised level; or flagged inside Russia and
    sent with ``include``): the joint bundle to {D, E} carries Bob without that field
    (stamped in D's name, relayed by C), so E holds him lower than every vault that has him,
    and passes him on: §6.4.1, protection only ratchets up through sharing."""
    vs = {n: make_vault(tmp_path, n) for n in ("R", "C", "D", "E")}
    introduce(*vs.values())
    r, c, d, e = (vs[n] for n in ("R", "C", "D", "E"))
    kw: dict[str, Any] = ({"ceiling": "confidential"} if flag == "sensitivity" else
                          {"ceiling": "protected", "mode": "include"})
    try:
        bob = person(d, "Борис Ковалёв", **({"sensitivity": "confidential"}
                                          if flag == "sensitivity" else
                                          {"inside_russia": True, "region": "RU-SAM"}))
        receive(c, send(d, [c], tmp_path / "d0.rbundle", **kw))
        receive(r, send(c, [r], tmp_path / "c0.rbundle", **kw))
        want = r.get(bob).values[flag]
        assert want in ("confidential", True)
        receive(e, send(r, [d, e], tmp_path / "joint.rbundle", **kw))
        assert e.get(bob).values.get(flag) == want
    finally:
        for vault in vs.values():
            vault.lock()


def test_their_decision_relayed_back_to_them_is_whole(vaults, tmp_path: Path) -> None:
    """D decides two people are the same (a decision record, its claims signed with D's key)
    and sends it to C, who relays it to R. R's bundle to D alone carried D's decision with
    its signed fields left out as "D's, not sent here by D" — the claim cut apart, and D
    refused the bundle ("the decision was changed by another official than the one it
    names"; found by the protection state machine). A signed claim this vault took only
    with its maker's signature goes back whole."""
    from registry.domain.ids import decision_id
    from registry.match.review import decide

    r, c, d = (vaults[n] for n in ("R", "C", "D"))
    first, second = person(d, "Анна Смирнова"), person(d, "Анна Смирнова-Ким")
    decide(d, first, second, "same")
    receive(c, send(d, [c], tmp_path / "d0.rbundle"))
    receive(r, send(c, [r], tmp_path / "c0.rbundle"))
    pair = decision_id(first, second)
    assert r.get(pair).values["decided_by"] == d.identity.fingerprint
    person(r, "Ольга Новая")
    [report] = receive(d, send(r, [d], tmp_path / "r-d.rbundle"))
    assert report.counts["new"] == 1


def test_protection_in_their_name_goes_with_a_record_new_to_them(vaults, tmp_path: Path
                                                                  ) -> None:
    """C raises E's Bob to confidential at R in D's name (R never sent Bob to D, D never sent
    him to R). Left out of R's bundle to D, the level would have let Bob reach D lower than
    he stands here: protection stays on a record new to them (D may refuse the bundle for
    the forged stamp: a refusal, never a leak). Control: on a record D holds (sent to D
    before) the same raise stays out, and D takes the bundle."""
    r, c, e, d = (vaults[n] for n in ("R", "C", "E", "D"))
    bob, ivan = person(e, "Борис Ковалёв"), person(e, "Иван Петров")
    receive(r, send(e, [r], tmp_path / "e0.rbundle"))
    receive(d, send(r, [d], tmp_path / "r0.rbundle", scope=Scope(ids=frozenset({ivan}))))
    raised = [Record(i, Kind.PERSON, {"sensitivity": "confidential"},
                     {"sensitivity": stamp(d, 10**9)}) for i in (bob, ivan)]
    receive(r, forge(c, r, tmp_path / "c1.rbundle", raised))
    lines = decrypt(send(r, [d], tmp_path / "r1.rbundle", ceiling="confidential"), d)
    by_id = {x["id"]: x for x in lines if "notice" not in x}
    assert by_id[bob]["values"]["sensitivity"] == "confidential"  # new to D: it goes
    assert "sensitivity" not in by_id[ivan]["values"]  # D holds Ivan: it stays out
    assert [x for x in lines if "notice" in x and x["id"] == ivan] == []  # and no notice
