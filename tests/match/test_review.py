"""Duplicates in a vault: candidates from the store, decisions, merged_into."""

from __future__ import annotations

import pytest

from registry.domain.enums import Kind
from registry.errors import InvalidInput
from registry.match.review import candidates, decide, decisions
from registry.service import Registry
from tests.passphrase import PASSPHRASE


def _people(reg: Registry) -> tuple[str, str, str]:
    a = reg.add(Kind.PERSON, {"name": "Навальная Юлия Борисовна", "country": "DE"}).id
    b = reg.add(Kind.PERSON, {"name": "Yulia Navalnaya", "country": "DE"}).id
    c = reg.add(Kind.PERSON, {"name": "Алексей Навальный"}).id
    return a, b, c


def test_two_spellings_are_proposed_with_evidence(reg: Registry) -> None:
    a, b, _ = _people(reg)
    found = candidates(reg)
    assert [(c.a, c.b) for c in found] == [tuple(sorted((a, b)))]
    assert found[0].kind == "person" and found[0].score >= 0.85
    assert any("country" in line for line in found[0].evidence)


def test_organisations_are_proposed_too(reg: Registry) -> None:
    a = reg.add(Kind.ORGANISATION, {"name": "АНО «Свободные медиа»"}).id
    b = reg.add(Kind.ORGANISATION, {"name": "Svobodnye Media e.V."}).id
    assert [(c.a, c.b, c.kind) for c in candidates(reg)] == [(*sorted((a, b)), "organisation")]


def test_same_merges_the_newer_into_the_older_and_is_not_proposed_again(reg: Registry) -> None:
    a, b, _ = _people(reg)
    kept = decide(reg, b, a, "same")
    assert (kept.a, kept.b, kept.decision) == (*sorted((a, b)), "same")
    assert reg.get(b).values["merged_into"] == a  # ids are time-ordered: b is newer
    assert "merged_into" in reg.get(b).stamps  # a stamped field: it travels in bundles
    assert candidates(reg) == []
    assert [d.decision for d in decisions(reg)] == ["same"]


def test_same_as_a_record_merged_before_joins_the_two_groups(reg: Registry) -> None:
    """Olga is entered three times: the second and third were decided "same" first (the
    third merged into the second); then the first is decided "same" as the third. All three
    are one person: a flag set later on the first protects the other two (DESIGN §6.4.3)."""
    x = reg.add(Kind.PERSON, {"name": "Ольга Кузнецова", "city": "Tbilisi"}).id
    z = reg.add(Kind.PERSON, {"name": "Olga Kuznetsova", "notes": "Riga address"}).id
    y = reg.add(Kind.PERSON, {"name": "Ольга Кузнецова (Рига)"}).id
    decide(reg, z, y, "same")
    assert reg.get(y).values["merged_into"] == z
    decide(reg, x, y, "same")
    assert reg.get(z).values["merged_into"] == x  # the group's survivor joins the older one
    assert reg.get(y).values["merged_into"] == z
    reg.update(x, {"inside_russia": True})
    assert reg.is_protected(y) and reg.is_protected(z)
    decide(reg, y, x, "same")  # decided again: nothing more to link
    assert reg.get(x).values.get("merged_into") is None


def test_every_same_link_goes_from_a_newer_record_to_an_older_one(reg: Registry) -> None:
    """However the decisions come, a link joins a newer survivor to an older one: two
    vaults deciding on the same records can never make a cycle of links between them."""
    ids = [reg.add(Kind.PERSON, {"name": f"Анна Смирнова {n}"}).id for n in range(5)]
    for a, b in ((0, 3), (2, 3), (4, 1), (1, 3), (4, 2)):
        decide(reg, ids[a], ids[b], "same")
    links = {i: reg.get(i).values.get("merged_into") for i in ids}
    assert all(target is None or target < i for i, target in links.items())
    assert links[ids[0]] is None and sum(t is None for t in links.values()) == 1


def test_same_as_a_record_whose_group_lost_its_survivor_to_an_erasure(reg: Registry) -> None:
    """The survivor of Olga's group was erased; deciding another record "same" as her still
    joins the two, and the flag she carries reaches it."""
    x = reg.add(Kind.PERSON, {"name": "Ольга Кузнецова"}).id
    z = reg.add(Kind.PERSON, {"name": "Olga Kuznetsova"}).id
    y = reg.add(Kind.PERSON, {"name": "Ольга Кузнецова (Рига)"}).id
    decide(reg, z, y, "same")
    reg.update(y, {"inside_russia": True})
    reg.erase(z)
    decide(reg, x, y, "same")
    assert reg.get(y).values["merged_into"] == x and reg.is_protected(x)


@pytest.mark.parametrize("decision", ["not_same", "unsure"])
def test_other_decisions_are_kept_and_not_proposed_again(reg: Registry, decision: str) -> None:
    a, b, _ = _people(reg)
    decide(reg, a, b, decision)
    assert candidates(reg) == []
    assert "merged_into" not in reg.get(b).values
    decide(reg, a, b, "same")  # a later decision replaces the earlier one
    assert [d.decision for d in decisions(reg)] == ["same"]


def test_deleted_records_are_not_proposed(reg: Registry) -> None:
    _, b, _ = _people(reg)
    reg.delete(b)
    assert candidates(reg) == []


def test_bad_decisions_are_refused(reg: Registry) -> None:
    a, b, _ = _people(reg)
    org = reg.add(Kind.ORGANISATION, {"name": "Мемориал"}).id
    with pytest.raises(InvalidInput):
        decide(reg, a, b, "maybe")
    with pytest.raises(InvalidInput):
        decide(reg, a, a, "same")
    with pytest.raises(InvalidInput):
        decide(reg, a, org, "same")
    assert decisions(reg) == []


def test_decisions_travel_in_bundles_and_are_not_proposed_again(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A 'not the same' decision reaches the other official, whose queue then skips the pair."""
    from registry.domain.enums import Kind
    from registry.domain.ids import decision_id
    from registry.match import review
    from registry.service import Registry
    from registry.vault.keyfile import FAST_TEST_PARAMS

    a, b = (Registry.create(tmp_path / n, PASSPHRASE, name=n, org="MFA", country="SE",
                            kdf=FAST_TEST_PARAMS) for n in ("Alice", "Bob"))
    try:
        a.sharing.add_card(b.sharing.card(), verified_method="in_person")
        b.sharing.add_card(a.sharing.card(), verified_method="in_person")
        one = a.add(Kind.PERSON, {"name": "Юлия Навальная", "country": "DE"})
        two = a.add(Kind.PERSON, {"name": "Yulia Navalnaya", "country": "DE"})

        def send() -> None:
            path = tmp_path / "out.rbundle"
            path.unlink(missing_ok=True)
            a.sharing.export(a.sharing.request(to=[b.identity.fingerprint]), path)
            b.sharing.import_bundles([path])

        send()
        pair = {one.id, two.id}
        assert any({c.a, c.b} == pair for c in review.candidates(b))
        review.decide(a, one.id, two.id, "not_same")
        send()
        assert not any({c.a, c.b} == pair for c in review.candidates(b))
        shared = b.store.get(decision_id(one.id, two.id), Kind.DECISION)
        assert shared is not None and shared.values["decision"] == "not_same"
        assert shared.values["decided_by"] == a.identity.fingerprint
        assert a.digest() == b.digest()
    finally:
        a.lock()
        b.lock()


def test_ties_to_one_organisation_and_the_same_email_are_evidence(reg: Registry) -> None:
    media = reg.add(Kind.ORGANISATION, {"name": "Медиазона"}).id
    a = reg.add(Kind.PERSON, {"name": "А. Орлова", "email": "orlova@example.org"}).id
    b = reg.add(Kind.PERSON, {"name": "Anna Orlova", "email": "Orlova@example.org"}).id
    for person in (a, b):
        reg.add(Kind.TIE, {"from_id": person, "to_id": media, "kind": "member_of"})
    found = [c for c in candidates(reg) if {c.a, c.b} == {a, b}]
    assert found and found[0].score >= 0.95
    assert any(line.startswith("e-mail:") for line in found[0].evidence)
    assert any(f"same organisation ({media})" in line for line in found[0].evidence)
    reasons = found[0].to_json()["reasons"]
    assert {"code": "same_organisation", "values": [media]} in reasons


def test_a_refused_decision_changes_nothing(reg: Registry) -> None:
    """The merge, the raised protection and the decision are one transaction: when the
    decision cannot be kept (its record was erased, as a bundle can do), the records are as
    they were."""
    a, b, _ = _people(reg)
    reg.update(a, {"inside_russia": True})
    decide(reg, a, b, "unsure")
    [kept] = [r for r in reg.store.iter_records(Kind.DECISION)]
    with reg.store.write():
        reg.store.erase(kept)
    before = (reg.get(a), reg.get(b), reg.digest())
    with pytest.raises(InvalidInput, match="erased"):
        decide(reg, a, b, "same")  # would merge b into a and protect b
    assert (reg.get(a), reg.get(b), reg.digest()) == before
    assert "merged_into" not in reg.get(b).values and not reg.is_protected(b)


def test_nested_writes_are_one_transaction(reg: Registry) -> None:
    a, _, _ = _people(reg)
    with pytest.raises(RuntimeError), reg.store.write():
        reg.update(a, {"country": "FR"})  # its own write() joins the outer one
        raise RuntimeError("fails after the inner write")
    assert reg.get(a).values["country"] == "DE"
