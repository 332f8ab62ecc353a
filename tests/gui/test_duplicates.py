"""The Duplicates section over a real vault on the threaded worker.

Two spellings of one person in two scripts come up as a pair with the evidence; "Same"
(after a question) marks the newer record as merged into the older and the pair never comes
back; "Not the same" (by its keyboard shortcut) is kept and listed under Decisions. A
screenshot of the review screen lands in test-output/duplicates-review.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from registry.domain.enums import Kind
from registry.gui.duplicates import DuplicatesView
from registry.gui.tasks import Tasks
from registry.service import Registry
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.gui.analytics_vault import open_in, run_job, save_shot
from tests.passphrase import PASSPHRASE

TIMEOUT = 30_000


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[tuple[Registry, dict[str, str]]]:
    reg = Registry.create(tmp_path / "v", PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    ids = {
        "yulia_ru": reg.add(Kind.PERSON, {"name": "Юлия Навальная", "country": "DE",
                                          "roles": ["politician"]}).id,
        "yulia_en": reg.add(Kind.PERSON, {"name": "Yulia Navalnaya", "country": "DE",
                                          "sensitivity": "confidential"}).id,
        "ivan_ru": reg.add(Kind.PERSON, {"name": "Иван Петров", "country": "LV"}).id,
        "ivan_en": reg.add(Kind.PERSON, {"name": "Ivan Petrov", "country": "LV"}).id,
    }
    yield reg, ids
    reg.lock()


@pytest.fixture
def tasks(qtbot: Any, vault: tuple[Registry, dict[str, str]]) -> Iterator[Tasks]:
    threaded = Tasks()
    open_in(qtbot, threaded, vault[0])
    yield threaded
    threaded.shutdown()


@pytest.fixture
def view(qtbot: Any, tasks: Tasks) -> DuplicatesView:
    widget = DuplicatesView(tasks)
    qtbot.addWidget(widget)
    widget.resize(1200, 640)
    widget.show()
    return widget


def _find(qtbot: Any, view: DuplicatesView) -> int:
    with qtbot.waitSignal(view.pairs_loaded, timeout=TIMEOUT) as found:
        view.find_button.click()
    return int(found.args[0])


def _show(qtbot: Any, view: DuplicatesView, a: str, b: str) -> None:
    if view.current_pair() is not None and {view.current_pair().a, view.current_pair().b} \
            == {a, b}:
        qtbot.waitUntil(lambda: view.compare.evidence.count() > 0, timeout=TIMEOUT)
        return
    with qtbot.waitSignal(view.pair_shown, timeout=TIMEOUT):
        assert view.select_pair(a, b)


def test_review_same_and_not_same(qtbot: Any, view: DuplicatesView, vault: Any, tasks: Tasks,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _reg, ids = vault
    assert _find(qtbot, view) == 2
    _show(qtbot, view, ids["yulia_ru"], ids["yulia_en"])
    evidence = [view.compare.evidence.item(i).text() for i in range(view.compare.evidence.count())]
    assert any("Навальная" in e and "Navalnaya" in e for e in evidence), evidence
    assert any(e.startswith("country") for e in evidence), evidence
    differing = view.compare.differing_fields()
    assert any("Name" in f for f in differing) and any("Sensitivity" in f for f in differing)
    assert view.compare.left.badge.text() and view.compare.right.badge.text()
    assert "Older record" in view.compare.left.note.text()
    save_shot(view, "duplicates-review.png")

    asked: list[str] = []

    def yes(_parent: Any, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    with qtbot.waitSignal(view.decided, timeout=TIMEOUT) as kept:
        view.buttons["same"].click()
    assert kept.args == ["same"] and "merged into the older" in asked[0]
    assert all(ids["yulia_en"] not in (p.a, p.b) for p in view.pairs)
    newer = run_job(qtbot, tasks, lambda reg: reg.get(ids["yulia_en"]).values)
    assert newer["merged_into"] == ids["yulia_ru"]

    # a new search never proposes the decided pair again
    assert _find(qtbot, view) == 1
    assert {view.pairs[0].a, view.pairs[0].b} == {ids["ivan_ru"], ids["ivan_en"]}

    # "Not the same" by its shortcut, with the queue focused
    _show(qtbot, view, ids["ivan_ru"], ids["ivan_en"])
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.queue.setFocus()
    with qtbot.waitSignal(view.decided, timeout=TIMEOUT) as kept:
        qtbot.keyClick(view.queue, Qt.Key.Key_N)
    assert kept.args == ["not_same"] and view.pairs == []
    assert "No pairs" in view.message.text()
    assert _find(qtbot, view) == 0

    with qtbot.waitSignal(view.decisions_loaded, timeout=TIMEOUT) as loaded:
        view.setCurrentIndex(1)
    assert loaded.args == [2]
    table = view.decision_table
    rows = {table.item(r, 1).text(): (table.item(r, 2).text(), table.item(r, 3).text())
            for r in range(table.rowCount())}
    assert set(rows) == {"Same", "Not the same"}
    assert "Иван Петров" in rows["Not the same"] and "Ivan Petrov" in rows["Not the same"]
    unmerged = run_job(qtbot, tasks, lambda reg: reg.get(ids["ivan_en"]).values)
    assert "merged_into" not in unmerged


def test_unsure_and_lock_clear(qtbot: Any, view: DuplicatesView, vault: Any) -> None:
    _reg, ids = vault
    assert _find(qtbot, view) == 2
    _show(qtbot, view, ids["ivan_ru"], ids["ivan_en"])
    with qtbot.waitSignal(view.decided, timeout=TIMEOUT) as kept:
        view.buttons["unsure"].click()
    assert kept.args == ["unsure"] and len(view.pairs) == 1
    assert _find(qtbot, view) == 1  # unsure is kept too and not proposed again
    view.clear()
    assert view.queue.rowCount() == 0 and view.compare.table.rowCount() == 0
    assert view.compare.evidence.count() == 0 and not view.compare.left.title.text()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_evidence_in_plain_words_in_both_languages(qtbot: Any, qapp: Any, tmp_path: Path,
                                                    language: str) -> None:
    from registry.gui import i18n

    reg = Registry.create(tmp_path / "v", PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    full = reg.add(Kind.PERSON, {"name": "Мария Навальная", "country": "DE", "gender": "female",
                                 "email": "m.n@example.org"}).id
    short = reg.add(Kind.PERSON, {"name": "Masha Navalnaya", "country": "DE",
                                  "gender": "male", "email": "M.N@example.org"}).id
    tasks = Tasks()
    open_in(qtbot, tasks, reg)
    try:
        i18n.install(qapp, language)
        view = DuplicatesView(tasks)
        qtbot.addWidget(view)
        view.resize(1280, 800)
        view.show()
        assert _find(qtbot, view) == 1
        _show(qtbot, view, full, short)
        lines = [view.compare.evidence.item(i).text() for i in range(view.compare.evidence.count())]
        save_shot(view, f"duplicates-evidence-{language}.png")
    finally:
        i18n.install(qapp, "en")
        tasks.shutdown()
        reg.lock()
    if language == "ru":
        assert any("Masha — краткая форма имени Мария" in e for e in lines), lines
        assert any(e.startswith("эл. почта: m.n@example.org = M.N@example.org") for e in lines)
        assert any(e.startswith("пол: ") and "форма самого имени" in e for e in lines), lines
    else:
        assert any("Masha is a short form of Мария" in e for e in lines), lines
        assert any(e.startswith("e-mail: ") for e in lines), lines


def test_a_queued_pairs_own_reason_is_shown_as_it_is(qapp: Any) -> None:
    from registry.gui.duplicates.compare import format_value
    from registry.gui.duplicates.evidence import evidence_lines
    from registry.match.evidence import Reason

    lines = ("spreadsheet namesake: country differs",
             Reason("field_differs", "founded", "2014", "2015"))
    assert evidence_lines(lines, "organisation", format_value) == [
        "spreadsheet namesake: country differs", "founded: 2014 ≠ 2015"]


def test_the_screen_knows_every_kind_of_evidence_and_every_word(qapp: Any) -> None:
    from registry.gui.duplicates import evidence as screen
    from registry.match.evidence import TEMPLATES, WORDS

    assert set(screen._templates()) | screen._COUNTED_CODES == set(TEMPLATES)
    assert set(screen._words()) == set(WORDS)
