"""Who holds a record, however the bundle that carried it was addressed (DESIGN §6.4.2).

Whoever holds an official's age key reads every bundle addressed to it. A record sent to
**R**'s bare age key is held by **R**: **A** logs it under R's fingerprint when R is a
verified official here, and what **A** logged under the bare key before R was known (or
before this rule) counts as R's too. A late flag then reaches R in a bundle addressed either
way, ``--notices-only`` included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from registry.service import Registry
from registry.sync.exporter import ExportResult

from .vaults import introduce, make_vault, person, receive

HER = "Мария Сергеевна Ковалёва"


def to_fingerprint(a: Registry, r: Registry, path: Path, **kw: Any) -> ExportResult:
    return a.sharing.export(a.sharing.request(to=[r.identity.fingerprint], **kw), path)


def to_key(a: Registry, r: Registry, path: Path, **kw: Any) -> ExportResult:
    return a.sharing.export(a.sharing.request(to_age=[r.identity.age_recipient], **kw), path)


def holders(reg: Registry) -> list[str]:
    return [str(r[0]) for r in reg.store.conn.execute("SELECT fingerprint FROM holder")]


def flag_reaches(a: Registry, r: Registry, her: str, send: Any, path: Path,
                 **kw: Any) -> None:
    """A flags her; the next bundle ``send`` writes to R carries the notice, and R raises."""
    a.update(her, {"inside_russia": True})
    bundle = send(a, r, path, **kw)
    assert bundle.exposure.notices == 1
    receive(r, bundle.path)
    assert r.get(her).values.get("inside_russia") is True


def test_a_record_sent_to_an_officials_age_key_is_held_by_the_official(tmp_path: Path) -> None:
    a, r = make_vault(tmp_path, "A"), make_vault(tmp_path, "R")
    introduce(a, r)
    her = person(a, HER)
    receive(r, to_key(a, r, tmp_path / "1.rbundle").path)
    assert holders(a) == [r.identity.fingerprint]
    assert [(h.key, h.official) for h in a.shared_with(her)] == [(r.identity.fingerprint, True)]
    flag_reaches(a, r, her, to_fingerprint, tmp_path / "2.rbundle", notices_only=True)
    a.lock(), r.lock()


def test_a_flag_reaches_the_official_by_their_age_key_too(tmp_path: Path) -> None:
    a, r = make_vault(tmp_path, "A"), make_vault(tmp_path, "R")
    introduce(a, r)
    her = person(a, HER)
    receive(r, to_fingerprint(a, r, tmp_path / "1.rbundle").path)
    flag_reaches(a, r, her, to_key, tmp_path / "2.rbundle")
    a.lock(), r.lock()


def test_what_went_to_the_key_before_the_official_was_known_is_theirs(tmp_path: Path) -> None:
    a, r = make_vault(tmp_path, "A"), make_vault(tmp_path, "R")
    r.sharing.add_card(a.sharing.card(), verified_method="safety_number")
    her = person(a, HER)
    receive(r, to_key(a, r, tmp_path / "1.rbundle").path)
    assert holders(a) == ["age:" + r.identity.age_recipient]  # R not in A's trust store yet
    a.sharing.add_card(r.sharing.card(), verified_method="safety_number")
    flag_reaches(a, r, her, to_fingerprint, tmp_path / "2.rbundle", notices_only=True)
    a.lock(), r.lock()


def test_the_highest_of_both_names_is_what_the_official_holds(tmp_path: Path) -> None:
    a, r = make_vault(tmp_path, "A"), make_vault(tmp_path, "R")
    r.sharing.add_card(a.sharing.card(), verified_method="safety_number")
    her = person(a, HER)
    receive(r, to_key(a, r, tmp_path / "1.rbundle").path)  # under the key, internal
    a.sharing.add_card(r.sharing.card(), verified_method="safety_number")
    a.update(her, {"sensitivity": "confidential"})
    carried = to_fingerprint(a, r, tmp_path / "2.rbundle", ceiling="confidential")
    assert carried.exposure.records == {"person": 1}  # under the fingerprint, confidential
    assert to_fingerprint(a, r, tmp_path / "3.rbundle", notices_only=True).exposure.notices == 0
    a.lock(), r.lock()


def test_an_unknown_or_unverified_key_is_held_under_the_key(tmp_path: Path) -> None:
    a, r, u = make_vault(tmp_path, "A"), make_vault(tmp_path, "R"), make_vault(tmp_path, "U")
    introduce(a, r)
    a.sharing.add_card(u.sharing.card())  # in the trust store, not verified
    her = person(a, HER)
    stranger = make_vault(tmp_path, "S").identity.age_recipient
    a.sharing.export(a.sharing.request(to_age=[stranger]), tmp_path / "1.rbundle")
    to_key(a, u, tmp_path / "2.rbundle")
    assert sorted(holders(a)) == sorted(["age:" + stranger, "age:" + u.identity.age_recipient])
    a.update(her, {"inside_russia": True})  # R holds nothing: no notice for R
    assert to_fingerprint(a, r, tmp_path / "3.rbundle", notices_only=True).exposure.notices == 0
    a.lock(), r.lock(), u.lock()
