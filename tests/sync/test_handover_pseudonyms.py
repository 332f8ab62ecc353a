"""A colleague's erasure reaches the pseudonyms a successor took over (DESIGN §6.4.4).

C pseudonymises a protected person to A; A hands the post to B, whose handover bundle
carries A's copy of her stub and pseudonymous tie. Once C's official has accepted the
succession, C's bundles to B carry the tombstones of the pseudonyms C gave any set A was in
— under those pseudonyms, with the stamps any other holder gets — and nothing else of them:
no live line, no real id, nothing to a set A was never in, nothing before C's own official
accepted the statement. Along a chain (A to B, then B to B2) too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.errors import NotFound
from registry.service import Registry

from .test_protection_state import decrypt
from .vaults import introduce, make_vault, person, receive, send

HER = "Ольга Тайная"


@dataclass
class Post:
    v: dict[str, Registry]
    her: str  # at C
    tie: str  # hers, at C
    pseudonyms: tuple[str, str]  # her stub and tie as C gave them to A


@pytest.fixture
def post(tmp_path: Path) -> Iterator[Post]:
    """C pseudonymises her to A; A (and later B) hand over to successors verified in person."""
    v = {n: make_vault(tmp_path, n) for n in ("A", "B", "B2", "C", "D")}
    introduce(*v.values())
    v["A"].sharing.add_card(v["B"].sharing.card(), verified_method="in_person")
    v["B"].sharing.add_card(v["B2"].sharing.card(), verified_method="in_person")
    c = v["C"]
    her = person(c, HER, inside_russia=True, region="RU-SAM")
    org = c.add(Kind.ORGANISATION, {"name": "Org X"}).id
    tie = c.add(Kind.TIE, {"from_id": her, "to_id": org, "kind": "member_of"}).id
    pseudonyms = _pseudonymise(c, v["A"], tmp_path / "c-a.rbundle")
    yield Post(v, her, tie, pseudonyms)
    for vault in v.values():
        vault.lock()


def _pseudonymise(c: Registry, to: Registry, path: Path) -> tuple[str, str]:
    """C's pseudonymised bundle to ``to``, received: her stub's and her tie's pseudonyms."""
    lines = decrypt(send(c, [to], path, mode="pseudonymise"), to)
    real = {r.id for k in (Kind.PERSON, Kind.TIE) for r in c.store.iter_records(k)}
    [stub] = [x["id"] for x in lines if x["kind"] == "person" and x["id"] not in real]
    [tie] = [x["id"] for x in lines if x["kind"] == "tie" and x["id"] not in real]
    receive(to, path)
    return stub, tie


def hand_over(v: dict[str, Registry], old: str, new: str, tmp_path: Path, *,
              accepting: tuple[str, ...] = ("C",)) -> None:
    """``old`` hands its post to ``new``: statement, include bundle, the successor accepts,
    and so does each of ``accepting``."""
    path = tmp_path / f"succession-{old}.json"
    v[old].sharing.handover_statement(v[new].identity.fingerprint, path)
    receive(v[new], send(v[old], [v[new]], tmp_path / f"{old}-{new}.rbundle", mode="include",
                         ceiling="protected"))
    for name in (new, *accepting):
        v[name].sharing.accept_handover(path.read_bytes())


def live(vault: Registry, record_id: str) -> bool:
    try:
        record = vault.get(record_id)
    except NotFound:
        return False
    return record.erased is None and not record.values.get("deleted")


def _by_id(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {x["id"]: x for x in lines}


def test_a_colleagues_erasure_reaches_the_stub_the_successor_took_over(
        post: Post, tmp_path: Path) -> None:
    v, c, b = post.v, post.v["C"], post.v["B"]
    hand_over(v, "A", "B", tmp_path)
    assert all(live(b, pid) for pid in post.pseudonyms)  # B holds A's copy of her
    c.erase(post.her)
    path = send(c, [b], tmp_path / "c-b.rbundle")  # a default bundle
    lines = decrypt(path, b)
    text = repr(lines)
    assert post.her not in text and post.tie not in text  # no real id goes
    by_id = _by_id(lines)
    for pid in post.pseudonyms:
        assert by_id[pid]["erased"] and by_id[pid]["values"] == {}, by_id[pid]
    receive(b, path)
    assert not any(live(b, pid) for pid in post.pseudonyms)
    again = _by_id(decrypt(send(c, [b], tmp_path / "c-b2.rbundle"), b))
    assert not set(post.pseudonyms) & again.keys()  # once: B has them now


def test_only_tombstones_of_the_predecessors_pseudonyms_go(post: Post, tmp_path: Path) -> None:
    """Before her erasure, C's bundles to B name none of A's pseudonyms, in any mode."""
    v, c, b = post.v, post.v["C"], post.v["B"]
    hand_over(v, "A", "B", tmp_path)
    for mode in ("exclude", "pseudonymise"):
        text = repr(decrypt(send(c, [b], tmp_path / f"{mode}.rbundle", mode=mode), b))
        assert not any(pid in text for pid in post.pseudonyms), mode


def test_nothing_of_a_set_the_predecessor_was_never_in(post: Post, tmp_path: Path) -> None:
    """D's pseudonyms of her stay D's; and a bundle to B and D names none of A's (D never
    held them): B gets them in the next bundle to B alone."""
    v, c, b, d = post.v, post.v["C"], post.v["B"], post.v["D"]
    ds = _pseudonymise(c, d, tmp_path / "c-d.rbundle")
    hand_over(v, "A", "B", tmp_path)
    c.erase(post.her)
    both = repr(decrypt(send(c, [b, d], tmp_path / "bd.rbundle"), d))
    assert not any(pid in both for pid in post.pseudonyms)
    to_b = repr(decrypt(send(c, [b], tmp_path / "b.rbundle"), b))
    assert not any(pid in to_b for pid in ds)
    assert all(pid in to_b for pid in post.pseudonyms)  # positive control
    to_d = _by_id(decrypt(send(c, [d], tmp_path / "d.rbundle"), d))
    assert not set(post.pseudonyms) & to_d.keys()
    assert set(ds) <= to_d.keys()


def test_nothing_goes_before_the_colleagues_own_official_accepts(
        post: Post, tmp_path: Path) -> None:
    """A statement C's official has not accepted (B's vault has) hands B nothing of A's."""
    v, c, b = post.v, post.v["C"], post.v["B"]
    hand_over(v, "A", "B", tmp_path, accepting=())
    c.erase(post.her)
    text = repr(decrypt(send(c, [b], tmp_path / "c-b.rbundle"), b))
    assert not any(pid in text for pid in post.pseudonyms)
    assert live(b, post.pseudonyms[0])


def test_a_colleague_who_only_knows_the_successor_by_age_key_sends_nothing_of_the_post(
        post: Post, tmp_path: Path) -> None:
    v, c, b = post.v, post.v["C"], post.v["B"]
    hand_over(v, "A", "B", tmp_path)
    c.erase(post.her)
    request = c.sharing.request(to=[], to_age=[b.official_keys.public().age_recipient])
    path = tmp_path / "bare.rbundle"
    c.sharing.export(request, path)
    text = repr(decrypt(path, b))
    assert not any(pid in text for pid in post.pseudonyms)


def test_along_a_chain_of_successions(post: Post, tmp_path: Path) -> None:
    v, c, b2 = post.v, post.v["C"], post.v["B2"]
    hand_over(v, "A", "B", tmp_path)
    hand_over(v, "B", "B2", tmp_path)
    assert all(live(b2, pid) for pid in post.pseudonyms)  # handed on by B
    c.erase(post.her)
    path = send(c, [b2], tmp_path / "c-b2.rbundle", mode="pseudonymise")
    lines = decrypt(path, b2)
    assert post.her not in repr(lines)
    by_id = _by_id(lines)
    for pid in post.pseudonyms:
        assert by_id[pid]["erased"] and by_id[pid]["values"] == {}, by_id[pid]
    receive(b2, path)
    assert not any(live(b2, pid) for pid in post.pseudonyms)


def test_the_successor_gets_the_tombstone_its_predecessor_got(post: Post, tmp_path: Path
                                                              ) -> None:
    """An erasure that reached A before the handover goes to B with the very line A got (one
    stamp for every holder of a pseudonym: two copies never differ)."""
    v, c, a, b = post.v, post.v["C"], post.v["A"], post.v["B"]
    c.erase(post.her)
    to_a = _by_id(decrypt(send(c, [a], tmp_path / "c-a2.rbundle"), a))
    hand_over(v, "A", "B", tmp_path)
    to_b = _by_id(decrypt(send(c, [b], tmp_path / "c-b.rbundle"), b))
    for pid in post.pseudonyms:
        assert to_b[pid] == to_a[pid]
