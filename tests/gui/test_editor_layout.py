"""Editors read well and work from the keyboard, in English and Russian: no two labels or
buttons reachable at once share an Alt+letter, the Names tab keeps its fields together, a
long region shows its start, the "Tie to" suggestions are wide enough for the names, and the
duplicates comparison shows each record's head in full."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCompleter,
    QLabel,
    QTabWidget,
    QWidget,
)
from shiboken6 import isValid

from registry.domain.enums import Kind
from registry.gui.editors import open_editor
from registry.gui.tasks import SyncTasks

from .test_editors import EDITABLE, keys


@pytest.fixture
def editor(qtbot: Any, registry: Any) -> Iterator[Any]:
    made: list[Any] = []

    def make(kind: Kind, record_id: str | None = None) -> Any:
        dialog = open_editor(SyncTasks(registry), kind, record_id, None)
        made.append(dialog)
        dialog.show()
        QApplication.processEvents()
        return dialog
    yield make
    for dialog in made:
        if isValid(dialog):
            dialog.close()


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" (Alt+letter), lower case; None without one."""
    at = text.replace("&&", "").find("&")
    plain = text.replace("&&", "")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def reachable_together(dialog: QWidget) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """For each tab page: the (letter, text) of every label, button and tab title that can
    be reached while that page shows (Qt ignores the shortcuts of hidden labels)."""
    tabs = dialog.findChild(QTabWidget)
    pages = [tabs.widget(i) for i in range(tabs.count())] if tabs is not None else [None]
    titles = [tabs.tabText(i) for i in range(tabs.count())] if tabs is not None else []
    widgets = [w for w in dialog.findChildren(QWidget) if isinstance(w, QLabel | QAbstractButton)]
    for page in pages:
        shown = [w for w in widgets
                 if not any(p is not None and p is not page and p.isAncestorOf(w) for p in pages)]
        texts = [w.text() for w in shown if not isinstance(w, QLabel) or w.buddy() is not None]
        found = [(m, t) for t in (*titles, *texts) if (m := mnemonic(t)) is not None]
        yield (page.objectName() if page is not None else "dialog"), found


@pytest.mark.parametrize("kind", EDITABLE, ids=lambda k: k.value)
def test_no_two_labels_or_buttons_share_an_alt_letter(qtbot, lang, editor, kind):
    dialog = editor(kind)
    for page, found in reachable_together(dialog):
        letters = [m for m, _ in found]
        twice = {m: [t for n, t in found if n == m] for m in letters if letters.count(m) > 1}
        assert not twice, f"{kind.value} {page} ({lang}): {twice}"
        assert len(found) >= 3  # the check saw the labels


@pytest.mark.parametrize("kind", [Kind.PERSON, Kind.ORGANISATION], ids=lambda k: k.value)
def test_names_tab_keeps_its_fields_together(qtbot, lang, editor, kind):
    dialog = editor(kind)
    ui = dialog.ui
    ui.tabs.setCurrentIndex(0)
    rows = [ui.name, ui.name_latin, ui.aliases]
    gaps = [b.geometry().top() - a.geometry().bottom() for a, b in itertools.pairwise(rows)]
    style = dialog.style()
    spacing = 3 * max(6, style.pixelMetric(style.PixelMetric.PM_LayoutVerticalSpacing))
    assert all(gap <= spacing for gap in gaps), gaps  # no rows spread over the page


def test_a_long_region_shows_its_start(qtbot, lang, editor):
    dialog = editor(Kind.PERSON)
    region = dialog.ui.region
    region.set_value("RU-ZAB")  # "Zabaykal'skiy kray / Забайкальский край (RU-ZAB)"
    edit = region.lineEdit()
    assert edit.cursorPosition() == 0 and edit.text() == region.currentText()
    assert region.toolTip() == region.currentText()
    region.setCurrentIndex(region.findData("RU-KHM"))  # the longest name of all
    assert edit.cursorPosition() == 0


def test_tie_to_suggestions_are_as_wide_as_the_names(qtbot, registry, editor):
    long_name = "Межрегиональная общественная организация «Правозащитный центр Мемориал»"
    registry.add(Kind.ORGANISATION, {"name": long_name, "type": "human_rights"})
    dialog = editor(Kind.TIE)
    picker = dialog.ui.to_id
    picker.setFocus()
    keys(qtbot, picker, "Мемориал")
    popup = picker.findChild(QCompleter).popup()
    qtbot.waitUntil(popup.isVisible)
    widest = max(popup.fontMetrics().horizontalAdvance(text) for _, text in picker.suggestions())
    assert widest > picker.width()  # the name is longer than the field
    assert popup.viewport().width() >= widest


def test_duplicates_comparison_heads_are_shown_in_full(qtbot):
    from registry.gui.duplicates.compare import ComparisonView

    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(620, 600)
    view.show()
    view.left.show_record({"name": "Борис Петров", "name_latin": "Boris Petrov",
                           "sensitivity": "internal"}, "Older record: kept if they are the same.")
    QApplication.processEvents()
    for label in (view.left.title, view.left.note):
        assert label.width() >= view.left.width() - 1  # the whole column, not its hint
        need = label.heightForWidth(label.width())
        assert label.height() >= need, (label.text(), label.size(), need)
    assert view.left.title.height() < 2 * view.left.title.fontMetrics().lineSpacing()
