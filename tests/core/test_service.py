"""The service's rules on local writes (DESIGN §4.2) and its search ranking."""

from __future__ import annotations

import pytest

from registry.domain.enums import Kind
from registry.errors import InvalidInput, NotFound
from registry.service import Registry


def test_person_inside_russia_is_protected(reg: Registry) -> None:
    person = reg.add(Kind.PERSON, {"name": "Олег Внутри", "inside_russia": True,
                                   "sensitivity": "public"})
    assert reg.get(person.id).values["sensitivity"] == "protected"


def test_tie_touching_a_protected_person_is_protected(reg: Registry) -> None:
    free = reg.add(Kind.PERSON, {"name": "Анна Свободная"})
    inside = reg.add(Kind.PERSON, {"name": "Олег Внутри", "inside_russia": True})
    tie = reg.add(Kind.TIE, {"from_id": free.id, "to_id": inside.id, "kind": "contact_inside"})
    assert reg.get(tie.id).values["sensitivity"] == "protected"


def test_flagging_a_person_inside_russia_protects_existing_ties(reg: Registry) -> None:
    a = reg.add(Kind.PERSON, {"name": "Анна Свободная"})
    b = reg.add(Kind.PERSON, {"name": "Борис Будущий"})
    tie = reg.add(Kind.TIE, {"from_id": a.id, "to_id": b.id, "kind": "colleague"})
    assert reg.get(tie.id).values["sensitivity"] == "internal"
    reg.update(b.id, {"inside_russia": True})
    assert reg.get(b.id).values["sensitivity"] == "protected"
    assert reg.get(tie.id).values["sensitivity"] == "protected"


def test_update_stamps_only_changed_fields(reg: Registry) -> None:
    person = reg.add(Kind.PERSON, {"name": "Вера Правка", "country": "DE"})
    before = reg.get(person.id).stamps
    assert reg.update(person.id, {"country": "DE", "city": "Berlin"}) == ["city"]
    after = reg.get(person.id).stamps
    assert after["country"] == before["country"] and after["city"] > before["name"]
    history = reg.store.history(person.id)
    assert history == []  # city had no earlier value; country did not change
    reg.update(person.id, {"city": "Leipzig"})
    assert [h["value"] for h in reg.store.history(person.id)] == ["Berlin"]


def test_references_are_checked(reg: Registry) -> None:
    person = reg.add(Kind.PERSON, {"name": "Глеб Ссылкин"})
    media = reg.add(Kind.ORGANISATION, {"name": "Медиа", "type": "media"})
    with pytest.raises(InvalidInput, match="provider"):
        reg.add(Kind.SUPPORT, {"provider_id": media.id, "recipient_id": person.id,
                               "kind": "grant"})
    with pytest.raises(InvalidInput, match="two different"):
        reg.add(Kind.TIE, {"from_id": person.id, "to_id": person.id, "kind": "family"})
    with pytest.raises(InvalidInput, match="participants"):
        reg.add(Kind.EVENT, {"title": "Форум", "start": "2025-01-01",
                             "participants": [media.id]})
    with pytest.raises(NotFound):
        reg.get("01234567-89ab-7def-8123-456789abcdef")


def test_evaluations_belong_to_their_assessor(reg: Registry) -> None:
    org = reg.add(Kind.ORGANISATION, {"name": "НКО", "type": "ngo"})
    ev = reg.add(Kind.EVALUATION, {"subject_id": org.id, "date": "2025-01-01", "score_1": 3,
                                   "score_2": 2, "score_3": 1})
    assert reg.get(ev.id).values["assessor"] == reg.identity.fingerprint
    with reg.store.write():
        reg.store.update(reg.get(ev.id), {"assessor": "0" * 40})
    with pytest.raises(InvalidInput, match="only by the official"):
        reg.update(ev.id, {"score_1": 4})


@pytest.mark.parametrize("query", ["Navalnaya", "Навальная", "Nawalnaja", "Navalnaïa", "Naval",
                                   "Навал", "yulia navalnaya", "Юлия"])
def test_search_across_scripts(reg: Registry, query: str) -> None:
    target = reg.add(Kind.PERSON, {"name": "Юлия Навальная"})
    reg.add(Kind.PERSON, {"name": "Пётр Иванов"})
    assert target.id in [h.id for h in reg.search(query)]


def test_search_ranks_the_closer_form_first(reg: Registry) -> None:
    for _ in range(3):
        reg.add(Kind.PERSON, {"name": "Лев Смирнов"})
    anna = reg.add(Kind.PERSON, {"name": "Анна Смирнова"})
    assert reg.search("Smirnova")[0].id == anna.id
    lev = reg.search("Smirnov")[0]
    assert lev.name == "Лев Смирнов"


def test_search_skips_deleted_and_erased(reg: Registry) -> None:
    a = reg.add(Kind.PERSON, {"name": "Удалённый Человек"})
    b = reg.add(Kind.PERSON, {"name": "Стёртый Человек"})
    reg.delete(a.id)
    reg.erase(b.id)
    assert reg.search("Chelovek") == []
    assert reg.search("") == []


def test_warm_up_reads_the_search_index_and_its_ids_in_steps(reg: Registry) -> None:
    for i in range(30):
        reg.add(Kind.PERSON, {"name": f"Тёплый Поиск{i}", "notes": "текст " * 50})
    positions = [reg.warm_up(0, blocks=1)]
    while positions[-1] is not None:
        positions.append(reg.warm_up(positions[-1], blocks=1))
    steps = positions[:-1]
    assert len(steps) >= 2
    # the index first, then the map from its rows to record ids (negated positions)
    assert steps[0] is not None and steps[0] > 0 and steps[-1] is not None and steps[-1] < 0
    assert reg.search("Teply")
