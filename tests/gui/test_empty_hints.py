"""Empty sections say what to do first, in English and Russian (offscreen): every record
list, the dashboard, sharing, duplicates and the network view of a new vault show a hint, which
goes when there is something to show (and says so when a search finds nothing)."""

from __future__ import annotations

import re
from typing import Any

from registry.domain.enums import Kind
from registry.gui import empty
from registry.gui.mainwindow import MainWindow

RECORD_KINDS = (Kind.PERSON, Kind.ORGANISATION, Kind.TIE, Kind.SUPPORT, Kind.EVENT,
                Kind.EVALUATION)
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _in_language(text: str, lang: str) -> bool:
    return bool(CYRILLIC.search(text)) == (lang == "ru")


def _open(window: MainWindow, key: str) -> Any:
    window.ui.nav.setCurrentRow(next(i for i, e in enumerate(window.entries) if e.key == key))
    return window.pages[key]


def test_each_empty_record_list_says_what_to_do_first(qtbot, lang, window):
    for kind in RECORD_KINDS:
        section = _open(window, kind.value)
        qtbot.waitUntil(lambda s=section: s.empty_hint.isVisible())
        hint = section.empty_hint.text()
        assert hint == empty.section_hint(kind)
        assert _in_language(hint, lang), hint
        assert "Ctrl+N" in hint
        assert section.empty_hint.height() >= section.empty_hint.heightForWidth(
            section.empty_hint.width())  # the whole text fits


def test_the_hint_goes_when_a_record_comes_and_a_search_finds_nothing(qtbot, lang, window,
                                                                       registry):
    people = window.sections[Kind.PERSON]
    qtbot.waitUntil(people.empty_hint.isVisible)
    registry.add(Kind.PERSON, {"name": "Анна Иванова", "name_latin": "Anna Ivanova"})
    people.refresh()
    qtbot.waitUntil(lambda: not people.empty_hint.isVisible())
    people.set_search("Zzyzx")
    qtbot.waitUntil(people.empty_hint.isVisible)
    assert people.empty_hint.text() == empty.no_match_hint()
    assert _in_language(people.empty_hint.text(), lang)
    people.set_search("")
    qtbot.waitUntil(lambda: not people.empty_hint.isVisible())
    window.clear()
    assert not people.empty_hint.isVisible()


def test_dashboard_sharing_duplicates_and_network_say_what_to_do_first(qtbot, lang, window):
    dashboard = _open(window, "dashboard")
    qtbot.waitUntil(dashboard.empty_hint.isVisible)
    assert dashboard.empty_hint.text() == empty.dashboard_hint()

    sharing = _open(window, "sharing")
    trust, history, held = sharing.empty_hints
    qtbot.waitUntil(trust.isVisible)
    assert trust.text() == empty.trust_hint()
    for index, hint, text in ((1, history, empty.history_hint()), (2, held, empty.held_hint())):
        sharing.tabs.setCurrentIndex(index)
        qtbot.waitUntil(hint.isVisible)
        assert hint.text() == text

    duplicates = _open(window, "duplicates")
    qtbot.waitUntil(duplicates.queue_hint.isVisible)
    assert duplicates.queue_hint.text() == empty.duplicates_start_hint()
    with qtbot.wait_signal(duplicates.pairs_loaded, timeout=30_000):
        duplicates.find_pairs()
    qtbot.waitUntil(lambda: duplicates.queue_hint.text() == empty.duplicates_none_hint())
    assert duplicates.queue_hint.isVisible()
    duplicates.setCurrentIndex(1)
    qtbot.waitUntil(duplicates.decisions_hint.isVisible)
    assert duplicates.decisions_hint.text() == empty.decisions_hint()

    network = _open(window, "network")
    qtbot.waitUntil(network.empty_hint.isVisible)
    assert network.empty_hint.text() in (empty.network_start_hint(),
                                         empty.network_empty_hint())
    network.show_whole()
    qtbot.waitUntil(lambda: network.empty_hint.text() == empty.network_empty_hint())
    assert network.empty_hint.isVisible()

    for hint in (dashboard.empty_hint, trust, history, held, duplicates.queue_hint,
                 duplicates.decisions_hint, network.empty_hint):
        assert _in_language(hint.text(), lang), hint.text()
