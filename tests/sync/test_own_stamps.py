"""Nobody speaks for this vault (DESIGN §6.5.2), wherever the stamp stands.

A stamp naming the receiving vault (**R**) that R never issued — beyond its clock, or one it
does not hold with that value, older ones included — refuses the whole bundle (exit 4) and
leaves R byte-identical: in a record line (where an older stamp would win the protection
ratchet, §6.4.1), in a protection notice about a record R holds or does not hold yet, and in
an evaluation line the assessor screen would have cut. Each bundle is well signed by a
trusted, verified colleague (**C**); each attack has its control, the same bundle in C's
own name (or with the stamp R did issue), which is accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.hlc import Stamp
from registry.domain.model import Record
from registry.errors import TrustError
from registry.service import Registry
from registry.sync import signatures, wire
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

from .forge import files, forge, record, stamp
from .test_adversarial import dump
from .vaults import person, receive, send

MINUTE = 60_000 << 16  # one minute of hybrid logical clock
NEVER = "this vault never made"


def sealed(reg: Registry) -> tuple[str, dict[str, list[str]], dict[str, str]]:
    return reg.digest(), dump(reg), files(reg)


def beyond(reg: Registry) -> Stamp:
    """A stamp in ``reg``'s name an hour beyond its clock: one it never issued."""
    return Stamp(reg.store.clock.last + 60 * MINUTE, reg.identity.fingerprint)


def raise_notice(record_id: str, kind: Kind, by: Stamp) -> dict[str, object]:
    return wire.notice_line(record_id, kind, {"sensitivity": "protected", "inside_russia": True},
                            {"sensitivity": by, "inside_russia": by})


def test_a_notice_in_this_vaults_name_beyond_its_clock_is_refused(rca, tmp_path: Path) -> None:
    r, c, _ = rca
    mine = person(r, "Елена Собственная", city="Vilnius")
    high, before = r.store.clock.last, sealed(r)
    bad = forge(c, r, tmp_path / "bad.rbundle", [], [raise_notice(mine, Kind.PERSON, beyond(r))])
    with pytest.raises(TrustError, match=NEVER):
        receive(r, bad)
    assert sealed(r) == before and r.store.clock.last == high
    assert r.get(mine).values["sensitivity"] == "internal"
    good = forge(c, r, tmp_path / "good.rbundle", [],  # control: the raise in C's own name
                 [raise_notice(mine, Kind.PERSON, stamp(c))])
    assert receive(r, good)[0].protection_raised == [mine]
    assert r.get(mine).values["sensitivity"] == "protected"


def test_a_notice_echoing_what_this_vault_did_issue_passes(rca, tmp_path: Path) -> None:
    r, c, _ = rca
    mine = person(r, "Елена Собственная", sensitivity="protected", inside_russia=True)
    held = r.get(mine).stamps["sensitivity"]
    echo = forge(c, r, tmp_path / "echo.rbundle", [], [raise_notice(mine, Kind.PERSON, held)])
    assert receive(r, echo)[0].protection_raised == []
    lie = wire.notice_line(mine, Kind.PERSON, {"sensitivity": "confidential"},
                           {"sensitivity": held})  # the stamp R holds, another value
    before = sealed(r)
    with pytest.raises(TrustError, match=NEVER):
        receive(r, forge(c, r, tmp_path / "lie.rbundle", [], [lie]))
    assert sealed(r) == before


@pytest.mark.parametrize("when", ["beyond_clock", "within_clock"])
def test_a_held_notice_in_this_vaults_name_is_refused_not_held(rca, tmp_path: Path,
                                                               when: str) -> None:
    """A notice about a record R does not hold yet: R cannot have stamped it."""
    r, c, a = rca
    ghost = person(a, "Пётр Открытый", city="Berlin")  # A's, not yet at R
    own = beyond(r) if when == "beyond_clock" else Stamp(r.store.clock.last,
                                                         r.identity.fingerprint)
    before = sealed(r)
    with pytest.raises(TrustError, match=NEVER):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [],
                         [raise_notice(ghost, Kind.PERSON, own)]))
    assert sealed(r) == before
    assert r.store.conn.execute("SELECT count(*) FROM held_notice").fetchone()[0] == 0
    report = receive(r, forge(c, r, tmp_path / "good.rbundle", [],  # control: held
                              [raise_notice(ghost, Kind.PERSON, stamp(c))]))[0]
    assert report.notices_held == [ghost]


def _older_never_issued(r: Registry, target: str) -> Record:
    """A line raising ``target``'s sensitivity with a stamp in R's name older than the one R
    holds, which R never issued: the ratchet would let its higher value win."""
    held = r.get(target).stamps["sensitivity"]
    older = Stamp(held.hlc - 1000, r.identity.fingerprint)
    return Record(target, Kind.PERSON, {"sensitivity": "confidential"}, {"sensitivity": older})


def test_an_older_own_stamp_never_issued_is_refused_though_the_ratchet_would_take_it(
        rca, tmp_path: Path) -> None:
    r, c, _ = rca
    target = person(r, "Анна Вторая", city="Riga")
    forged = _older_never_issued(r, target)
    before = sealed(r)
    with pytest.raises(TrustError, match=NEVER):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [forged]))
    assert sealed(r) == before and r.get(target).values["sensitivity"] == "internal"
    # controls: the older value R did issue travels back (and loses); C's own raise wins
    first = r.get(target).stamps["sensitivity"]
    r.update(target, {"sensitivity": "confidential"})
    back = Record(target, Kind.PERSON, {"sensitivity": "internal"}, {"sensitivity": first})
    assert receive(r, forge(c, r, tmp_path / "back.rbundle", [back]))[0].counts["unchanged"] == 1
    assert r.get(target).values["sensitivity"] == "confidential"
    raise_by_c = Record(target, Kind.PERSON, {"sensitivity": "protected"},
                        {"sensitivity": stamp(c)})
    receive(r, forge(c, r, tmp_path / "good.rbundle", [raise_by_c]))
    assert r.get(target).values["sensitivity"] == "protected"


def test_cli_refuses_an_older_own_stamp_with_exit_4_and_the_vault_byte_identical(
        rca, cli: Cli, tmp_path: Path) -> None:
    r, c, _ = rca
    target = person(r, "Анна Вторая", city="Riga")
    bad = forge(c, r, tmp_path / "bad.rbundle", [_older_never_issued(r, target)])
    root = r.paths.root
    r.lock()
    before = {p.name: p.read_bytes() for p in root.iterdir()}
    res = cli(root, "bundle", "import", str(bad), passphrase=PASSPHRASE)
    assert res.code == 4, res.err
    assert NEVER in res.err and "nothing was changed" in res.err
    assert {p.name: p.read_bytes() for p in root.iterdir()} == before
    again = Registry.unlock(root, PASSPHRASE)
    try:
        assert again.get(target).values["sensitivity"] == "internal"
    finally:
        again.lock()


def test_an_evaluation_line_in_this_vaults_name_is_refused_not_dropped(
        rca, tmp_path: Path) -> None:
    """The assessor screen would cut these stamps as "not the assessor" and apply the rest;
    naming R, they refuse the bundle. The same lines in C's name are cut and reported."""
    r, c, a = rca
    org = a.add(Kind.ORGANISATION, {"name": "Новая газета Европа", "type": "media"}).id
    ev = a.add(Kind.EVALUATION, {"subject_id": org, "date": "2025-01-15", "score_1": 4,
                                 "score_2": 3, "score_3": 4}).id
    base = send(a, [r, c], tmp_path / "a.rbundle")
    receive(r, base)
    receive(c, base)

    def lines(by: Stamp) -> list[Record]:
        changed = Record(ev, Kind.EVALUATION, {"score_1": 0}, {"score_1": by})
        new = Record("01a00000-0000-7000-8000-0000000000bb", Kind.EVALUATION,
                     {"subject_id": org, "date": "2025-02-01",
                      "assessor": a.identity.fingerprint, "score_1": 0, "score_2": 0,
                      "score_3": 0},
                     dict.fromkeys(("subject_id", "date", "assessor", "score_1", "score_2",
                                    "score_3"), by))
        return [fine, changed, new]

    fine = record(c, Kind.PERSON, {"name": "Обычный Человек", "sensitivity": "internal"})
    for only in ([1], [2]):  # the cut line, the line left out whole
        forged = [line for n, line in enumerate(lines(beyond(r))) if n in (0, *only)]
        before = sealed(r)
        with pytest.raises(TrustError, match=NEVER):
            receive(r, forge(c, r, tmp_path / f"bad{only[0]}.rbundle", forged))
        assert sealed(r) == before and r.get(ev).values["score_1"] == 4
    report = receive(r, forge(c, r, tmp_path / "good.rbundle", lines(stamp(c))))[0]
    assert {d["reason"] for d in report.not_applied} == {signatures.NOT_THE_ASSESSOR}
    assert r.get(fine.id).values["name"] == "Обычный Человек"
    assert r.get(ev).values["score_1"] == 4
