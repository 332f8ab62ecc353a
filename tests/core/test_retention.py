"""Retention: people whose review date has come are listed; purging erases them for good."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from registry.domain.enums import Kind
from registry.retention import due_for_review, purge
from registry.service import Registry
from tests.conftest import Cli, fast_vault

TODAY = dt.date(2026, 6, 1)


def _people(reg: Registry) -> dict[str, str]:
    ids = {}
    for key, review in (("old", "2025-01-15"), ("today", "2026-06-01"),
                        ("future", "2026-06-02"), ("none", None), ("deleted", "2026-01-01")):
        values = {"name": f"Человек {key}"}
        if review:
            values["review_date"] = review
        ids[key] = reg.add(Kind.PERSON, values).id
    reg.delete(ids["deleted"])
    return ids


def test_due_lists_passed_and_todays_dates_oldest_first(reg: Registry) -> None:
    ids = _people(reg)
    due = due_for_review(reg, TODAY)
    assert [d.id for d in due] == [ids["old"], ids["deleted"], ids["today"]]
    assert due[0].days_overdue == (TODAY - dt.date(2025, 1, 15)).days
    assert due[1].deleted and not due[0].deleted
    assert due[2].days_overdue == 0
    assert json.dumps([d.to_json() for d in due], ensure_ascii=False)


def test_purge_erases_due_people_and_what_touches_them(reg: Registry) -> None:
    ids = _people(reg)
    org = reg.add(Kind.ORGANISATION, {"name": "Фонд", "type": "donor"})
    tie = reg.add(Kind.TIE, {"from_id": ids["old"], "to_id": ids["future"], "kind": "colleague"})
    support = reg.add(Kind.SUPPORT, {"provider_id": org.id, "recipient_id": ids["old"],
                                     "kind": "grant"})
    erased = purge(reg, TODAY)
    assert set(erased) == {ids["old"], ids["today"], ids["deleted"], tie.id, support.id}
    assert due_for_review(reg, TODAY) == []
    assert reg.get(ids["future"]) and reg.get(ids["none"]) and reg.get(org.id)
    for gone in (ids["old"], ids["today"]):
        assert reg.store.get(gone).erased is not None
    assert reg.search("Человек old") == []
    assert reg.check() == []


def test_purge_only_the_chosen(reg: Registry) -> None:
    ids = _people(reg)
    assert purge(reg, TODAY, only={ids["today"]}) == [ids["today"]]
    assert [d.id for d in due_for_review(reg, TODAY)] == [ids["old"], ids["deleted"]]


def test_purging_protected_people_scans_for_their_mentions_once(reg: Registry) -> None:
    """Their names go with them, so the fields naming them are kept first (DESIGN §6.4.6):
    one scan of the vault for the whole purge, in its one transaction."""
    names = ("Мария Сергеевна Кузнецова", "Ирина Волкова")
    people = [reg.add(Kind.PERSON, {"name": n, "review_date": "2026-01-01",
                                    "inside_russia": True}).id for n in names]
    notes = [reg.add(Kind.ORGANISATION, {"name": f"Фонд {n}", "notes": f"Помогали: {text}"}).id
             for n, text in enumerate(("Мария Кузнецова", "Ирина Волкова", "Анна Петрова"))]
    scans: list[list[list[str]]] = []
    scan = reg.store.on_protected_erased
    assert scan is not None
    reg.store.on_protected_erased = lambda forms: (scans.append(forms), scan(forms))
    assert set(purge(reg, TODAY)) == set(people)
    assert [sorted(f[0] for f in forms) for forms in scans] == [sorted(names)]
    marked = {str(r) for (r,) in reg.store.conn.execute("SELECT record_id FROM mention_mark")}
    assert marked == set(notes[:2])  # not the note naming someone never protected


def test_nobody_due(reg: Registry) -> None:
    reg.add(Kind.PERSON, {"name": "Без Даты"})
    assert due_for_review(reg, TODAY) == []
    assert purge(reg, TODAY) == []


def test_cli_review_and_purge(cli: Cli, tmp_path: Path) -> None:
    vault, tomorrow = tmp_path / "v", (TODAY + dt.timedelta(days=1)).isoformat()
    fast_vault(vault, name="Anna Berg")
    due = cli(vault, "add", "person", "--name", "Старый Контакт", "--review-date",
              "2020-01-01", "--json")
    keep = cli(vault, "add", "person", "--name", "Новый Контакт", "--review-date", tomorrow,
               "--json")
    assert due.code == 0 and keep.code == 0
    as_of = ("--as-of", TODAY.isoformat())
    listed = cli(vault, "review", *as_of, "--json")
    assert [d["id"] for d in json.loads(listed.out)] == [json.loads(due.out)["id"]]
    refused = cli(vault, "review", "purge", *as_of)
    assert refused.code == 2 and "--yes" in refused.err
    done = cli(vault, "review", "purge", "--yes", *as_of, "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["people"] == 1
    assert json.loads(cli(vault, "review", *as_of, "--json").out) == []
    assert cli(vault, "search", "Новый").out.strip() != "no match"
    later = cli(vault, "review", "--as-of", tomorrow, "--json")
    assert [d["id"] for d in json.loads(later.out)] == [json.loads(keep.out)["id"]]
