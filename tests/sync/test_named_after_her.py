"""A person whose own name names a protected person stays home (DESIGN §6.4.6).

"Жена Петра Кузнецова" identifies Пётр Кузнецов as surely as a note does: a person recorded
under such a name (or Latin name) is left out of every export below protected, counted as a
mention, and so is what points to her — as an organisation named after him is. A namesake,
another "Пётр Кузнецов", is no mention: his name is one of the protected person's and
nothing besides. Each case has its control in the same export: the namesakes, and a name that
names someone not protected, travel unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.interop.csv_export import export_csv
from registry.interop.ftm import export_ftm
from registry.match.translit import index_terms
from registry.service import Registry
from registry.sync.redact import PSEUDONYM_PREFIX, Mentions

from .test_export_edges import by_id, export
from .vaults import introduce, make_vault, person

HIM = "Пётр Кузнецов"
WIFE = "Жена Петра Кузнецова"
HUSBAND_LATIN = "Pyotr Kuznetsov's husband"
NAMESAKES = ("Пётр Кузнецов", "Петр Иванович Кузнецов", "Kuznetsov Pyotr",
             "Анна Петровна Кузнецова")  # the last: her father's name is her own
CONTROL = "Жена Ивана Смирнова"  # names someone not protected


@pytest.mark.parametrize(("name", "more"), [
    (WIFE, True), ("Фонд Петра Кузнецова", True), (HUSBAND_LATIN, True),
    ("Wife of P. Kuznetsov", True), ("Вдова П. Кузнецова", True),
    ("Пётр Кузнецов-младший", True), ("Муж Марии Кузнецовой", True),
    ("Юлия Навальная", True),  # her one-word alias, and a word besides
    *((n, False) for n in NAMESAKES),
    ("Петя Кузнецов", False), ("П. Кузнецов", False), ("Кузнецова М. С.", False),
    ("Маша Кузнецова", False), ("Пётр Андреас Кузнецов", False),  # his namesake
    ("Навальный", False), ("Елена Кузнецова", False), ("Иван Иванов", False),
    ("Анна Сергеевна Смирнова", False), ("Смирнов П.", False),
    ("#ПётрКузнецов", False),  # run together, his name alone
    ("Анна Исаева", False),  # a name run together meets too much to tell in a name
])
def test_a_name_names_her_beyond_a_namesake(name: str, more: bool) -> None:
    mentions = Mentions(index_terms, [[HIM, "Pyotr Kuznetsov"],
                                      ["Мария Сергеевна Кузнецова"],
                                      ["Пётр Андреас Кузнецов"], ["Навальный"],
                                      ["Мария Исаева"]])
    assert mentions.names_more_than_a_namesake(name) is more
    assert mentions.names_more_than_a_namesake(name) is more  # asked again: remembered


@pytest.fixture
def rd(tmp_path: Path) -> Iterator[tuple[Registry, Registry]]:
    vaults = [make_vault(tmp_path, n) for n in ("R", "D")]
    introduce(*vaults)
    yield vaults[0], vaults[1]
    for v in vaults:
        v.lock()


def _world(r: Registry) -> dict[str, Any]:
    """Him (inside Russia), the people named after him, the namesakes and the control, and
    what points to each: a tie, a support, an evaluation, an event, a record merged into it."""
    ids: dict[str, Any] = {"him": person(r, HIM, inside_russia=True),
                           "wife": person(r, WIFE),
                           "husband": person(r, "Иван Петров", name_latin=HUSBAND_LATIN),
                           "control": person(r, CONTROL),
                           "namesakes": [person(r, n) for n in NAMESAKES]}
    donor = r.add(Kind.ORGANISATION, {"name": "Фонд Открытость", "type": "donor"}).id
    for key in ("wife", "husband", "control"):
        ids[f"{key}/tie"] = r.add(Kind.TIE, {"from_id": donor, "to_id": ids[key],
                                             "kind": "partner_of"}).id
    ids["wife/support"] = r.add(Kind.SUPPORT, {"provider_id": donor, "recipient_id": ids["wife"],
                                               "kind": "grant"}).id
    ids["wife/evaluation"] = r.add(Kind.EVALUATION, {
        "subject_id": ids["wife"], "date": "2025-01-01", "score_1": 1, "score_2": 2,
        "score_3": 3}).id
    ids["event"] = r.add(Kind.EVENT, {"title": "Форум", "start": "2025-03-01",
                                      "participants": [ids["wife"], ids["control"]]}).id
    ids["same"] = person(r, "Анна Кузнецова")
    r.matching.decide(ids["same"], ids["wife"], "same")
    return ids


def test_a_person_named_after_him_stays_home_with_what_points_to_her(rd, tmp_path: Path
                                                                      ) -> None:
    r, d = rd
    ids = _world(r)
    lines, exposure = export(r, d, tmp_path / "x.rbundle")
    sent = by_id(lines)
    mention = exposure["reasons"]["mention"]
    home = [ids[k] for k in ("wife", "husband", "wife/tie", "husband/tie", "wife/support",
                             "wife/evaluation")]
    for record_id in home:  # left out, counted as mentions (the preview lists them)
        assert record_id not in sent
        assert record_id in mention["record_ids"]
    assert sent[ids["event"]]["values"].get("participants") is None
    assert mention["field_ids"]["participants"] == [ids["event"]]
    assert "merged_into" not in sent[ids["same"]]["values"]
    assert mention["field_ids"]["merged_into"] == [ids["same"]]
    # the controls: his namesakes, and a name naming someone not protected, travel unchanged
    for record_id, name in zip(ids["namesakes"], NAMESAKES, strict=True):
        assert sent[record_id]["values"]["name"] == name
    assert sent[ids["control"]]["values"]["name"] == CONTROL
    assert ids["control/tie"] in sent
    text = json.dumps(lines, ensure_ascii=False)
    assert WIFE not in text and HUSBAND_LATIN not in text

    kept, exposure = export(r, d, tmp_path / "y.rbundle", keep_mentions=True)
    assert by_id(kept)[ids["wife"]]["values"]["name"] == WIFE  # --keep-mentions keeps her
    assert set(home) <= set(by_id(kept))
    assert exposure["reasons"]["mention"]["records"] == 0


def test_csv_and_ftm_exports_leave_her_home_too(rd, tmp_path: Path) -> None:
    r, _d = rd
    ids = _world(r)
    out = tmp_path / "people.csv"
    export_csv(r.store, out, Kind.PERSON)
    written = out.read_text(encoding="utf-8-sig")
    assert WIFE not in written and HUSBAND_LATIN not in written
    assert all(n in written for n in NAMESAKES) and CONTROL in written
    export_ftm(r.store, tmp_path / "x.ftm")
    entities = [json.loads(line) for line in
                (tmp_path / "x.ftm").read_text(encoding="utf-8").splitlines()]
    sent = {e["id"][len("reg-"):] for e in entities}
    assert ids["wife"] not in sent and ids["wife/tie"] not in sent
    assert ids["control"] in sent and set(ids["namesakes"]) <= sent


def test_a_protected_person_named_after_him_goes_as_her_stub(rd, tmp_path: Path) -> None:
    """``pseudonymise``: a stub carries no name, so a protected person whose name named him
    when he was erased here is sent as her stub like any other; a person not protected named
    after him stays home."""
    r, d = rd
    him = person(r, HIM, inside_russia=True)
    widow = person(r, "Вдова Петра Кузнецова", inside_russia=True)
    wife = person(r, WIFE)
    r.erase(him)  # the names that named him are noted (her own name no longer finds him)
    lines, exposure = export(r, d, tmp_path / "x.rbundle", mode="pseudonymise")
    names = [line["values"].get("name", "") for line in lines]
    assert sum(n.startswith(PSEUDONYM_PREFIX) for n in names) == 1  # the widow's stub
    assert widow in exposure["reasons"]["protected"]["record_ids"]
    assert wife in exposure["reasons"]["mention"]["record_ids"]
    assert "Кузнецов" not in json.dumps(lines, ensure_ascii=False)


def test_include_leaves_home_a_protected_person_named_after_one_it_leaves_home(
        rd, tmp_path: Path) -> None:
    """``include`` sends protected people but not one given a level above the ceiling: a
    protected person who travels, named after him, stays home as a mention; his namesake,
    protected too, travels."""
    r, d = rd
    person(r, HIM, sensitivity="protected")  # his own level: above the ceiling sent
    widow = person(r, "Вдова Петра Кузнецова", inside_russia=True)
    namesake = person(r, HIM, inside_russia=True)
    lines, exposure = export(r, d, tmp_path / "x.rbundle", mode="include",
                             ceiling="confidential")
    sent = by_id(lines)
    assert widow not in sent and widow in exposure["reasons"]["mention"]["record_ids"]
    assert sent[namesake]["values"]["name"] == HIM


def test_erasing_him_keeps_her_home_and_his_namesake_travels(rd, tmp_path: Path) -> None:
    """Erasure takes his names: the vault first notes whose name named him (now, or before a
    rename: a revert may bring it back), and they stay home from then on; a namesake is not
    noted."""
    r, d = rd
    him = person(r, HIM, inside_russia=True)
    wife, namesake = person(r, WIFE), person(r, NAMESAKES[0])
    renamed = person(r, "Pyotr Kuznetsov's widow")
    r.update(renamed, {"name": "Анна Смирнова"})
    r.update(namesake, {"name_latin": "Pyotr Kuznetsov", "notes": "первая заметка"})
    r.update(namesake, {"notes": "вторая заметка"})  # its history names no one
    r.erase(him)
    marked = set(r.store.conn.execute("SELECT record_id, field FROM mention_mark"))
    assert marked == {(wife, "name"), (renamed, "name")}
    sent = by_id(export(r, d, tmp_path / "x.rbundle")[0])
    assert wife not in sent and renamed not in sent
    assert sent[namesake]["values"]["name"] == NAMESAKES[0]
