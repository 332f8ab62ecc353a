"""The main window: one list of sections, built lazily; search that waits for a distinctive text."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox

from registry.domain.enums import Kind
from registry.gui.mainwindow import MainWindow, sections
from registry.gui.sections import searchable
from registry.gui.tasks import SyncTasks


@pytest.fixture
def window(qtbot, filled):
    w = MainWindow(SyncTasks(filled))
    qtbot.addWidget(w)
    return w


def test_sections_come_from_one_list_and_are_built_when_first_shown(qtbot, window):
    entries = sections()
    assert [window.ui.nav.item(r).text() for r in range(window.ui.nav.count())] == \
        [e.title() for e in entries]
    assert set(window.pages) == {"person"} and set(window.sections) == {Kind.PERSON}
    assert window.ui.pages.count() == len(entries)

    row = next(i for i, e in enumerate(entries) if e.key == "dashboard")
    window.ui.nav.setCurrentRow(row)
    dashboard = window.pages["dashboard"]
    assert window.ui.pages.currentWidget() is dashboard
    assert window.ui.pages.count() == len(entries)
    ties = window.show_section(Kind.TIE)
    qtbot.waitUntil(lambda: ties.model.rowCount() == 1)
    assert window.ui.pages.indexOf(ties) == next(
        i for i, e in enumerate(entries) if e.kind is Kind.TIE)


def test_clear_reaches_every_built_page(qtbot, window):
    people = window.sections[Kind.PERSON]
    qtbot.waitUntil(lambda: people.model.rowCount() == 3)
    orgs = window.show_section(Kind.ORGANISATION)
    qtbot.waitUntil(lambda: orgs.model.rowCount() == 2)
    window.clear()
    assert people.model.rowCount() == 0 and orgs.model.rowCount() == 0


@pytest.mark.parametrize(("text", "searches"), [
    ("a", False), ("п", False), ("по", False), ("iv", True), ("sm", True), ("pet", True),
    ("wei", True), ("Ли", False),
])
def test_a_search_waits_for_a_distinctive_text(text, searches):
    assert searchable(text) is searches


def test_one_letter_does_not_query_and_a_word_does(qtbot, window):
    people = window.sections[Kind.PERSON]
    qtbot.waitUntil(lambda: people.model.rowCount() == 3)
    people.set_search("п")
    assert people.model.query.text == ""
    assert people.model.rowCount() == 3
    assert people.ui.countLabel.text() == "Type one more letter to search"
    people.set_search("петров")
    qtbot.waitUntil(lambda: people.model.query.text == "петров")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1)


def test_country_choices_are_loaded_when_the_filter_first_opens(qtbot, window):
    people = window.sections[Kind.PERSON]
    combo = window.findChild(QComboBox, "filter_country")
    assert combo.count() == 1  # "Any country": no DISTINCT over the vault at unlock
    combo.showPopup()
    qtbot.waitUntil(lambda: combo.count() == 3)
    combo.hidePopup()
    assert [combo.itemData(i) for i in range(1, 3)] == ["DE", "LV"]
    people.set_filter("country", "LV")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1)
