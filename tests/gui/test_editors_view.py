"""The record view: fields with who last set them and when, ties from both ends and added from
here, the inside-Russia marker, contact copying with a clipboard that clears itself, and a
clear() that leaves no record text behind."""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QCompleter,
    QDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QToolButton,
    QTreeWidget,
    QWidget,
)

from registry.domain.enums import Kind
from registry.gui.editors import RecordView
from registry.gui.editors.clipboard import ClipboardGuard
from registry.gui.tasks import SyncTasks
from tests.gui.test_editors import by_name, choose, pick, save


@pytest.fixture
def tasks(filled: Any) -> SyncTasks:
    return SyncTasks(filled)


@pytest.fixture
def view(qtbot: Any, tasks: SyncTasks) -> RecordView:
    v = RecordView(tasks, None, clear_after_ms=50)
    qtbot.addWidget(v)
    v.show()
    return v


def rows(table: QTableWidget) -> dict[str, list[str]]:
    """{field: [value, who, when]}: who and on which day are shown on two lines of one
    column, the moment in full in its tooltip (and in the hidden When column)."""
    out = {}
    for r in range(table.rowCount()):
        by, day = table.item(r, 2).text().split("\n")
        when = table.item(r, 3).text()
        assert when.startswith(day) and when in table.item(r, 2).toolTip()
        out[table.item(r, 0).text()] = [table.item(r, 1).text(), by, when]
    return out


def ties(tree: QTreeWidget) -> list[list[str]]:
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())]


def test_fields_show_values_and_who_set_them_when(qtbot, filled, view):
    anna = by_name(filled, "Анна Иванова")
    view.show_record(anna.id)
    assert view.ui.title.text() == "Анна Иванова (Anna Ivanova)"
    assert view.ui.kind_label.text() == "Person"
    assert "Internal" in view.ui.badge.text()
    assert not view.ui.protected_marker.isVisible()
    shown = rows(view.ui.fields)
    assert shown["Roles"][0] == "Journalist"
    assert "Moskva" in shown["Region of origin"][0]
    assert shown["Country of residence"][0] == "Latvia"
    prov = filled.provenance(filled.get(anna.id))
    for _value, by, when in shown.values():
        assert by == "Test Official" and when
    assert set(prov) >= {"name", "roles", "region"}


def test_provenance_follows_an_edit(qtbot, filled, view):
    anna = by_name(filled, "Анна Иванова")
    view.show_record(anna.id)
    before = rows(view.ui.fields)["Name (native script)"][2]
    filled.update(anna.id, {"city": "Riga"})
    view.refresh()
    after = rows(view.ui.fields)
    assert after["City of residence"][0] == "Riga"
    assert after["Name (native script)"][2] == before


def test_ties_are_listed_from_both_ends(qtbot, filled, view):
    anna, paper = by_name(filled, "Анна Иванова"), by_name(filled, "Новая газета")
    view.show_record(anna.id)
    assert ties(view.ui.ties) == [["→ to", "Works for", "Новая газета (Novaya Gazeta)", "",
                                   "Internal"]]
    view.show_record(paper.id)
    assert ties(view.ui.ties) == [["← from", "Works for", "Анна Иванова (Anna Ivanova)", "",
                                   "Internal"]]


def test_add_tie_from_this_record_with_the_search_picker(qtbot, filled, view):
    vera, memorial = by_name(filled, "Вера Смирнова"), by_name(filled, "Мемориал")
    view.show_record(vera.id)
    assert ties(view.ui.ties) == []
    assert not view.ui.add_tie_button.isEnabled()
    assert pick(qtbot, view.ui.tie_target, "Memorial") == memorial.id
    choose(view.ui.tie_kind, "member_of")
    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(view.ui.add_tie_button, Qt.MouseButton.LeftButton)
    [tie] = filled.ties_of(vera.id)
    assert (tie.values["from_id"], tie.values["to_id"], tie.values["kind"]) == (
        vera.id, memorial.id, "member_of")
    assert ties(view.ui.ties)[0][:3] == ["→ to", "Member of", "Мемориал (Memorial)"]
    assert view.ui.tie_target.text() == ""
    view.show_record(memorial.id)
    assert ties(view.ui.ties)[0][:3] == ["← from", "Member of", "Вера Смирнова"]


def test_record_itself_is_not_offered_as_the_other_end(qtbot, filled, view):
    anna = by_name(filled, "Анна Иванова")
    view.show_record(anna.id)
    view.ui.tie_target.setFocus()
    qtbot.keyClicks(view.ui.tie_target, "Anna")
    model = view.ui.tie_target.findChild(QCompleter).model()
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert view.ui.tie_target.suggestions() == []
    assert model.index(0, 0).data() == "No matching record"


def test_tie_edited_from_the_other_end(qtbot, filled, view):
    paper = by_name(filled, "Новая газета")
    view.show_record(paper.id)
    view.ui.ties.setCurrentItem(view.ui.ties.topLevelItem(0))
    qtbot.mouseClick(view.ui.edit_tie_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(QDialog)
    assert dialog is not None and dialog.windowTitle() == "Edit tie"
    assert dialog.ui.to_id.value() == paper.id
    choose(dialog.ui.kind, "leads")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert ties(view.ui.ties)[0][1] == "Leads"
    [tie] = filled.ties_of(paper.id)
    assert tie.values["kind"] == "leads"


def test_open_other_end(qtbot, filled, view):
    anna, paper = by_name(filled, "Анна Иванова"), by_name(filled, "Новая газета")
    view.show_record(anna.id)
    view.ui.ties.setCurrentItem(view.ui.ties.topLevelItem(0))
    with qtbot.waitSignal(view.record_activated) as blocker:
        qtbot.mouseClick(view.ui.open_other_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [paper.id]


def test_person_inside_russia_is_marked_protected(qtbot, filled, view):
    boris = by_name(filled, "Борис Петров")
    view.show_record(boris.id)
    assert "Protected" in view.ui.badge.text()
    assert view.ui.protected_marker.isVisible()
    assert "Inside Russia" in view.ui.protected_marker.text()
    assert rows(view.ui.fields)["Lives inside Russia"][0] == "Yes"


def test_edit_button_opens_the_editor_and_refreshes(qtbot, filled, view):
    vera = by_name(filled, "Вера Смирнова")
    view.show_record(vera.id)
    qtbot.mouseClick(view.ui.edit_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(QDialog)
    assert dialog.windowTitle() == "Edit person"
    dialog.ui.city.setText("Bonn")
    with qtbot.waitSignal(view.changed):
        save(qtbot, dialog)
    assert rows(view.ui.fields)["City of residence"][0] == "Bonn"


# -- the clipboard ---------------------------------------------------------------------------------


@pytest.fixture
def with_email(filled: Any) -> str:
    return filled.add(Kind.PERSON, {"name": "Дина", "email": "dina@example.org",
                                    "phone": "+49 30 1234"}).id


def copy_button(view: RecordView, label: str) -> QToolButton:
    table = view.ui.fields
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == label)
    return table.cellWidget(row, 4)


def test_copied_contact_is_cleared_from_the_clipboard(qtbot, view, with_email):
    view.show_record(with_email)
    assert copy_button(view, "Name (native script)") is None
    button = copy_button(view, "E-mail")
    assert button.accessibleName() == "Copy E-mail"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "dina@example.org"
    with qtbot.waitSignal(view.clipboard.cleared):
        pass
    assert QGuiApplication.clipboard().text() == ""


def test_clipboard_left_alone_when_it_changed_meanwhile(qtbot, view, with_email):
    view.show_record(with_email)
    qtbot.mouseClick(copy_button(view, "Phone"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "+49 30 1234"
    QGuiApplication.clipboard().setText("something the user copied")
    assert not view.clipboard.pending()
    with qtbot.assertNotEmitted(view.clipboard.cleared, wait=100):
        pass
    assert QGuiApplication.clipboard().text() == "something the user copied"


def test_copy_button_copies_the_selected_contact_by_keyboard(qtbot, view, with_email):
    view.show_record(with_email)
    table = view.ui.fields
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "E-mail")
    assert not view.ui.copy_button.isEnabled()
    table.setFocus()
    table.setCurrentCell(row, 0)
    assert view.ui.copy_button.isEnabled()
    view.ui.copy_button.setFocus()
    qtbot.keyClick(view.ui.copy_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == "dina@example.org"


def test_default_clear_delay_is_thirty_seconds(qtbot, tasks):
    assert RecordView(tasks).clipboard.interval == 30_000
    assert ClipboardGuard().interval == 30_000


# -- clear ---------------------------------------------------------------------------------------


def texts(widget: QWidget) -> list[str]:
    out = [widget.toolTip(), widget.accessibleDescription(), widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        out += [child.toolTip(), child.accessibleDescription()]
        if isinstance(child, QLabel | QLineEdit | QAbstractButton):
            out.append(child.text())
        if isinstance(child, QTableWidget):
            out += [child.item(r, c).text() for r in range(child.rowCount())
                    for c in range(child.columnCount()) if child.item(r, c)]
        if isinstance(child, QTreeWidget):
            out += [child.topLevelItem(i).text(c) for i in range(child.topLevelItemCount())
                    for c in range(child.columnCount())]
    return out


def test_clear_leaves_no_record_text_in_any_widget(qtbot, filled, view):
    anna = by_name(filled, "Анна Иванова")
    view.show_record(anna.id)
    qtbot.keyClicks(view.ui.tie_target, "Memo")
    qtbot.waitUntil(lambda: bool(view.ui.tie_target.suggestions()))
    secrets = ["Анна", "Ivanova", "Новая", "Novaya", "Moskva", "Latvia", "Test Official",
               "Memo", "Journalist", anna.id]
    assert any(s in t for t in texts(view) for s in secrets)
    view.clear()
    leaked = [t for t in texts(view) for s in secrets if s in t]
    assert leaked == []
    assert view.ui.fields.rowCount() == 0 and view.ui.ties.topLevelItemCount() == 0
    assert view.ui.tie_target.suggestions() == []
    assert view.record_id is None


def test_show_record_none_clears(qtbot, filled, view):
    view.show_record(by_name(filled, "Анна Иванова").id)
    view.show_record(None)
    assert view.ui.title.text() == "" and view.ui.fields.rowCount() == 0


def test_unknown_record_shows_the_error_without_content(qtbot, view):
    view.show_record("0190a3c4-0000-7000-8000-000000000000")
    assert "The record was not found" in view.ui.status.text()  # the app's wording
    assert "registry search" not in view.ui.status.text()
    assert view.ui.fields.rowCount() == 0


def test_language_change_keeps_the_record_shown(qtbot, filled, view):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    anna = by_name(filled, "Анна Иванова")
    view.show_record(anna.id)
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.ui.title.text() == "Анна Иванова (Anna Ivanova)"
    assert rows(view.ui.fields)["Roles"][0] == "Journalist"
    assert len(ties(view.ui.ties)) == 1


def test_tie_added_to_a_protected_person_is_protected(qtbot, filled, view):
    vera, boris = by_name(filled, "Вера Смирнова"), by_name(filled, "Борис Петров")
    view.show_record(vera.id)
    pick(qtbot, view.ui.tie_target, "Борис")
    choose(view.ui.tie_kind, "contact_inside")
    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(view.ui.add_tie_button, Qt.MouseButton.LeftButton)
    [tie] = filled.ties_of(boris.id)
    assert tie.values["sensitivity"] == "protected"
    assert ties(view.ui.ties)[0][4] == "Protected"
