"""Pseudonyms are unlinkable (DESIGN §6.4.4), with in-process vaults.

Alice holds eight protected people, one per federal district, each with a tie to an
ordinary exile, and a tie between two of them; some were edited after they were made.
Bob and Carol each receive a pseudonymised bundle of the same vault. Their copies must
share no id, stamp time or stamp origin of a protected record or pseudonymous tie; nothing
in them may equal or start a real id, a real stamp or a real origin; the pseudonymous lines
must not come in the real ids' order; later changes must still reach the stubs; and a
deleted or erased protected person travels to a stub holder only under the pseudonym.
"""

from __future__ import annotations

import itertools
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.errors import NotFound
from registry.service import Registry
from registry.sync import agecrypt, container, payload
from registry.sync.exporter import Scope

from .vaults import introduce, make_vault, person, receive, send

DISTRICTS = {  # one region per federal district: the stub's note tells them apart
    "RU-MOW": "central", "RU-SPE": "northwestern", "RU-KDA": "southern",
    "RU-DA": "north_caucasian", "RU-TA": "volga", "RU-SVE": "ural",
    "RU-NVS": "siberian", "RU-PRI": "far_eastern",
}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HOUR_MS = 3600 * 1000
DAY_MS = 24 * HOUR_MS


@dataclass
class World:
    a: Registry
    b: Registry
    c: Registry
    people: dict[str, str] = field(default_factory=dict)  # region -> protected person id
    exiles: dict[str, str] = field(default_factory=dict)  # region -> ordinary person id
    ties: dict[str, str] = field(default_factory=dict)  # region -> tie exile -> protected
    pair_tie: str = ""  # a tie between two protected people


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    a, b, c = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol"))
    introduce(a, b, c)
    w = World(a, b, c)
    for n, region in enumerate(DISTRICTS):
        flags: dict[str, Any] = {"inside_russia": True} if n < 6 else {
            "sensitivity": "protected"}
        w.people[region] = person(a, f"Скрытая Персона{n} HIDDENPERSON{n}", region=region,
                                  name_latin=f"Hidden Person{n}", **flags)
        w.exiles[region] = person(a, f"Exile Number{n}", country="DE")
        w.ties[region] = a.add(Kind.TIE, {"from_id": w.exiles[region],
                                          "to_id": w.people[region],
                                          "kind": "contact_inside"}).id
    w.pair_tie = a.add(Kind.TIE, {"from_id": w.people["RU-MOW"], "to_id": w.people["RU-SPE"],
                                  "kind": "family"}).id
    # some edited after they were made
    a.update(w.people["RU-KDA"], {"notes": "edited note"})
    a.update(w.people["RU-TA"], {"region": "RU-BA"})  # still the Volga district
    a.update(w.ties["RU-DA"], {"confidence": "confirmed"})
    a.update(w.people["RU-NVS"], {"name_latin": "Hidden Person Renamed"})
    yield w
    for v in (a, b, c):
        v.lock()


def decrypted(path: Path, vault: Registry) -> tuple[str, list[dict[str, Any]]]:
    opened = container.open_bundle(path)
    plain = agecrypt.decrypt(opened.payload, vault.official_keys.age_identity,
                             max_size=1 << 26)
    _, lines = payload.decode(plain, max_uncompressed=1 << 26, max_line=1 << 20,
                              max_lines=100_000)
    return "\n".join(json.dumps(x, ensure_ascii=False) for x in lines), lines


def pseudonymised(w: World, to: Registry, path: Path, **kw: Any
                  ) -> tuple[str, list[dict[str, Any]]]:
    send(w.a, [to], path, mode="pseudonymise", **kw)
    return decrypted(path, to)


def real_ids(vault: Registry) -> set[str]:
    out: set[str] = set()
    for kind in Kind:
        out |= {r.id for r in vault.store.iter_records(kind)}
    return out


def real_stamps(vault: Registry) -> tuple[set[int], set[str]]:
    hlcs: set[int] = set()
    origins: set[str] = set()
    for kind in Kind:
        for r in vault.store.iter_records(kind):
            stamps = [*r.stamps.values(), *([r.erased] if r.erased else [])]
            hlcs |= {s.hlc for s in stamps}
            origins |= {s.origin for s in stamps}
    return hlcs, origins


def hidden_lines(lines: list[dict[str, Any]], real: set[str]) -> list[dict[str, Any]]:
    """The lines that do not travel under a real id: stubs and pseudonymous ties."""
    return [x for x in lines if x["id"] not in real]


def stamps_of(line: dict[str, Any]) -> list[tuple[int, str]]:
    out = [(g[0], g[1]) for g in line["stamps"]]
    if line.get("erased"):
        out.append((line["erased"][0], line["erased"][1]))
    return out


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)


def uuid_ms(value: str) -> int:
    return uuid.UUID(value).int >> 80


def stub_by_region(hidden: list[dict[str, Any]], w: World) -> dict[str, str]:
    """Map each stub to its real person through the district in its note (test side)."""
    out: dict[str, str] = {}
    for line in hidden:
        note = line["values"].get("notes") or ""
        if line["kind"] != "person":
            continue
        matches = [r for r, d in DISTRICTS.items() if note.endswith(f": {d}")]
        assert len(matches) == 1, line
        out[line["id"]] = w.people[matches[0]]
    return out


def real_of(hidden: list[dict[str, Any]], w: World) -> dict[str, str]:
    """pseudonym id -> real id for every stub and pseudonymous tie of one copy."""
    stubs = stub_by_region(hidden, w)
    out = dict(stubs)
    by_exile = {w.exiles[r]: w.ties[r] for r in DISTRICTS}
    for line in hidden:
        if line["kind"] != "tie":
            continue
        ends = (line["values"]["from_id"], line["values"]["to_id"])
        if ends[0] in by_exile:
            out[line["id"]] = by_exile[ends[0]]
        else:
            assert {stubs[e] for e in ends} == {w.people["RU-MOW"], w.people["RU-SPE"]}
            out[line["id"]] = w.pair_tie
    return out


def protected_ids(w: World) -> set[str]:
    return {*w.people.values(), *w.ties.values(), w.pair_tie}


# ---- the two copies share nothing and reveal nothing -----------------------------------------
def test_two_copies_share_nothing_and_reveal_no_real_value(world: World, tmp_path: Path
                                                           ) -> None:
    w = world
    text_b, lines_b = pseudonymised(w, w.b, tmp_path / "b.rbundle")
    text_c, lines_c = pseudonymised(w, w.c, tmp_path / "c.rbundle")
    real = real_ids(w.a)
    secret = protected_ids(w)
    hlcs, origins = real_stamps(w.a)
    origins |= {v.identity.fingerprint for v in (w.a, w.b, w.c)}
    real_ms = [h >> 16 for h in hlcs] + [uuid_ms(r) for r in real]
    low, high = min(real_ms), max(real_ms)
    copies = {}
    for name, text, lines in (("bob", text_b, lines_b), ("carol", text_c, lines_c)):
        hidden = hidden_lines(lines, real)
        mapping = real_of(hidden, w)  # positive control: every stub and tie is there
        assert set(mapping.values()) == secret, name
        public = {x["id"] for x in lines if x["id"] in real}
        for rid in secret:  # the real id never appears, in any spelling
            for form in (rid, rid.replace("-", ""), rid.upper()):
                assert form not in text, (name, rid, form)
        for line in hidden:
            pid = line["id"]
            assert pid not in real and pid[:13] not in {r[:13] for r in real}, (name, pid)
            assert not low - HOUR_MS <= uuid_ms(pid) <= high + HOUR_MS, (name, pid)
            for s in strings_in(line["values"]):
                for found in UUID.findall(s):  # ids: a pseudonym, or a record sent openly
                    assert found in public or found in mapping, (name, found)
                if s in public:
                    continue
                for r in real - public:
                    assert s != r and not (len(s) >= 8 and r.startswith(s)), (name, s, r)
                    assert not s.startswith(r[:13]), (name, s, r)
                    assert r not in s, (name, s, r)
            for hlc, origin in stamps_of(line):
                assert hlc not in hlcs, (name, line)
                # the export's own clock value: later than every real stamp, so it tells no
                # record's creation or edit time (only that the export came after them)
                assert hlc > max(hlcs), (name, line)
                for o in origins:
                    assert origin != o and not o.startswith(origin) \
                        and not origin.startswith(o[:8]), (name, origin, o)
        copies[name] = (hidden, mapping)

    hidden_b, map_b = copies["bob"]
    hidden_c, map_c = copies["carol"]
    assert not {x["id"] for x in hidden_b} & {x["id"] for x in hidden_c}
    assert not {h for x in hidden_b for h, _ in stamps_of(x)} & {
        h for x in hidden_c for h, _ in stamps_of(x)}
    assert not {o for x in hidden_b for _, o in stamps_of(x)} & {
        o for x in hidden_c for _, o in stamps_of(x)}
    names = lambda hidden: {x["values"]["name"] for x in hidden if x["kind"] == "person"}  # noqa: E731
    assert not names(hidden_b) & names(hidden_c)
    # line order: not the real ids' order, and not the same order in both copies
    order_b = [map_b[x["id"]] for x in hidden_b]
    order_c = [map_c[x["id"]] for x in hidden_c]
    assert order_b != sorted(order_b) and order_c != sorted(order_c)
    assert order_b != order_c


def test_the_same_recipient_gets_the_same_pseudonyms(world: World, tmp_path: Path) -> None:
    w = world
    real = real_ids(w.a)
    first = {x["id"] for x in hidden_lines(pseudonymised(w, w.b, tmp_path / "1.rbundle")[1],
                                            real)}
    again = {x["id"] for x in hidden_lines(pseudonymised(w, w.b, tmp_path / "2.rbundle")[1],
                                            real)}
    assert first == again and len(first) == len(protected_ids(w))


# ---- later changes reach the stub -------------------------------------------------------------
@pytest.mark.parametrize("since_last", [False, True], ids=["everything", "since-last"])
def test_later_changes_reach_the_recipients_stub(world: World, tmp_path: Path,
                                                 since_last: bool) -> None:
    w = world
    _, lines = pseudonymised(w, w.b, tmp_path / "1.rbundle")
    receive(w.b, tmp_path / "1.rbundle")
    stubs = {real: pid for pid, real in stub_by_region(hidden_lines(lines, real_ids(w.a)),
                                                      w).items()}
    moved, flagged = w.people["RU-SVE"], w.people["RU-NVS"]
    assert "ural" in w.b.get(stubs[moved]).values["notes"]  # positive control
    assert not w.b.get(stubs[flagged]).values.get("inside_russia")
    w.a.update(moved, {"region": "RU-KYA"})  # Ural -> Siberian
    w.a.update(flagged, {"inside_russia": True})
    _, again = pseudonymised(w, w.b, tmp_path / "2.rbundle", scope=Scope(since_last=since_last))
    assert {stubs[moved], stubs[flagged]} <= {x["id"] for x in again}
    receive(w.b, tmp_path / "2.rbundle")
    assert "siberian" in w.b.get(stubs[moved]).values["notes"]
    assert w.b.get(stubs[flagged]).values["inside_russia"] is True


def test_a_cleared_region_reaches_the_recipients_stub(world: World, tmp_path: Path) -> None:
    """The stub tells the district of the region; once the region is cleared, the recipient's
    copy must not keep telling the old district."""
    w = world
    _, lines = pseudonymised(w, w.b, tmp_path / "1.rbundle")
    receive(w.b, tmp_path / "1.rbundle")
    stubs = {real: pid for pid, real in stub_by_region(hidden_lines(lines, real_ids(w.a)),
                                                      w).items()}
    target = w.people["RU-PRI"]
    assert "far_eastern" in w.b.get(stubs[target]).values["notes"]  # positive control
    w.a.update(target, {"region": None})
    pseudonymised(w, w.b, tmp_path / "2.rbundle")
    receive(w.b, tmp_path / "2.rbundle")
    assert "far_eastern" not in (w.b.get(stubs[target]).values.get("notes") or "")


# ---- deletion and erasure ----------------------------------------------------------------------
def test_deletion_and_erasure_travel_under_the_pseudonym_only(world: World, tmp_path: Path
                                                              ) -> None:
    w = world
    real = real_ids(w.a)
    _, first = pseudonymised(w, w.b, tmp_path / "1.rbundle")
    receive(w.b, tmp_path / "1.rbundle")
    # Carol was sent the real ids (include) before: she may get the real tombstones
    receive(w.c, send(w.a, [w.c], tmp_path / "c1.rbundle", ceiling="protected",
                      mode="include"))
    mapping = real_of(hidden_lines(first, real), w)
    pseudo = {r: p for p, r in mapping.items()}
    deleted, erased = w.people["RU-MOW"], w.people["RU-SPE"]
    w.a.delete(deleted)
    gone = set(w.a.erase(erased))
    assert {erased, w.ties["RU-SPE"], w.pair_tie} <= gone

    text, lines = pseudonymised(w, w.b, tmp_path / "2.rbundle")
    for rid in (deleted, *gone):
        assert rid not in text, rid
    by_id = {x["id"]: x for x in lines}
    assert by_id[pseudo[deleted]]["values"] == {"deleted": True}
    for rid in gone:
        line = by_id[pseudo[rid]]
        assert line["erased"] and line["values"] == {}, line
        assert line["erased"][1] != w.a.identity.fingerprint
    for line in (by_id[pseudo[deleted]], *(by_id[pseudo[r]] for r in gone)):
        for _, origin in stamps_of(line):
            assert origin not in {v.identity.fingerprint for v in (w.a, w.b, w.c)}
    receive(w.b, tmp_path / "2.rbundle")
    assert w.b.get(pseudo[deleted]).deleted
    with pytest.raises(NotFound):
        w.b.get(pseudo[erased])

    # to Carol, who had the real ids, the real tombstones go (and she applies them)
    _, lines_c = decrypted(send(w.a, [w.c], tmp_path / "c2.rbundle",
                                     mode="pseudonymise"), w.c)
    assert {erased, deleted} <= {x["id"] for x in lines_c}
    receive(w.c, tmp_path / "c2.rbundle")
    with pytest.raises(NotFound):
        w.c.get(erased)
    assert w.c.get(deleted).deleted


def test_an_erasure_reaches_a_stub_holder_in_a_default_bundle(world: World, tmp_path: Path
                                                               ) -> None:
    """Bob holds a pseudonym; the person is erased; Alice's next bundle to Bob is a default
    one (exclude). The erasure must still reach Bob's stub — under the pseudonym only."""
    w = world
    real = real_ids(w.a)
    _, first = pseudonymised(w, w.b, tmp_path / "1.rbundle")
    receive(w.b, tmp_path / "1.rbundle")
    pseudo = {r: p for p, r in real_of(hidden_lines(first, real), w).items()}
    target = w.people["RU-KDA"]
    assert w.b.get(pseudo[target])  # positive control: Bob holds the stub
    w.a.erase(target)
    text, _ = decrypted(send(w.a, [w.b], tmp_path / "2.rbundle"), w.b)
    assert target not in text
    receive(w.b, tmp_path / "2.rbundle")
    with pytest.raises(NotFound):
        w.b.get(pseudo[target])


def test_edit_intervals_do_not_link_two_copies(world: World, tmp_path: Path) -> None:
    """Each recipient keeps every version of a stub (field history keeps the value that
    lost). If the pseudonymous time of each version were the real time minus one fixed
    amount per recipient, the intervals between versions would be the same in both copies,
    and Bob and Carol could pair their stubs by them."""
    w = world
    real = real_ids(w.a)
    target = w.people["RU-SVE"]
    stub_id: dict[str, str] = {}
    stamps: dict[str, list[int]] = {"bob": [], "carol": []}
    edits: list[int] = []
    for n, region in enumerate(("RU-CHE", "RU-MOW", None)):  # Ural, Ural, Central
        for name, vault in (("bob", w.b), ("carol", w.c)):
            _, lines = pseudonymised(w, vault, tmp_path / f"{name}{n}.rbundle")
            hidden = {x["id"]: x for x in hidden_lines(lines, real)}
            if name not in stub_id:
                stub_id[name] = next(p for p, r in stub_by_region(list(hidden.values()),
                                                                  w).items() if r == target)
            stamps[name].append(max(h for h, _ in stamps_of(hidden[stub_id[name]])))
        if region:
            w.a.update(target, {"region": region})
            edits.append(w.a.get(target).stamps["region"].hlc)
    steps = {name: [b - a for a, b in itertools.pairwise(s)] for name, s in stamps.items()}
    # an edit the stub cannot show (another region of the same district) makes no new
    # version; one it shows does, and the new version wins at the recipient
    assert [d == 0 for d in steps["bob"]] == [d == 0 for d in steps["carol"]] == [True, False]
    # the version's time is the export's, not the edit's: it tells nothing of when it was made
    for name, times in stamps.items():
        assert not set(times) & set(edits)
        assert times[2] > max(edits), (name, times, edits)


@pytest.mark.parametrize("sent_her_record", [False, True])
def test_a_tie_end_protected_later_is_known_not_given_a_pseudonym(tmp_path: Path,
                                                                  sent_her_record: bool) -> None:
    """A pseudonymous tie names its open end by real id; when that person was flagged later,
    the next bundle gave her a stub and re-pointed the same tie at it: the recipient, who
    holds her record, read the stub as her (was). Whom a pseudonymous tie named is known
    to its recipients, as whom a real record names."""
    a, b, c = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol"))
    try:
        introduce(a, b, c)
        maria = person(c, "Мария Смирнова", region="RU-SPE")
        receive(a, send(c, [a], tmp_path / "c-a.rbundle"))
        receive(b, send(c, [b], tmp_path / "c-b.rbundle"))
        ivan = person(a, "Иван Петров", region="RU-MOW", inside_russia=True)
        tie = a.add(Kind.TIE, {"from_id": ivan, "to_id": maria, "kind": "family"}).id
        chosen = {tie, maria} if sent_her_record else {tie}
        _, first = decrypted(send(a, [b], tmp_path / "1.rbundle", mode="pseudonymise",
                                  scope=Scope(ids=frozenset(chosen))), b)
        [sent_tie] = [line for line in first if line["kind"] == "tie"]
        assert sent_tie["values"]["to_id"] == maria  # the open end, by design
        a.update(maria, {"inside_russia": True})
        _, second = decrypted(send(a, [b], tmp_path / "2.rbundle", mode="pseudonymise"), b)
        assert not any(line["id"] == sent_tie["id"] for line in second)  # not re-pointed
        stubs = [line for line in second if line["kind"] == "person"
                 and str(line["values"].get("name", "")).startswith("Pseudonym")]
        assert len(stubs) == 1  # Ivan's, as before; none of Maria's
    finally:
        for v in (a, b, c):
            v.lock()
