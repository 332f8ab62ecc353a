"""Record editors: every kind created through its form and read back through the Registry;
problems shown on the field they concern with nothing written; edits change only the fields
edited; people inside Russia shown and kept protected; keyboard and accessibility."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QDialogButtonBox, QLabel, QWidget
from shiboken6 import isValid

from registry.domain.enums import Kind
from registry.gui.editors import CountryPicker, RegionPicker, kinds, open_editor, pickers
from registry.gui.tasks import SyncTasks, Tasks

# -- helpers --------------------------------------------------------------------------------------


EDITABLE = [k for k in Kind if k is not Kind.DECISION]  # decisions come from the review queue


def pick(qtbot: Any, picker: Any, text: str, row: int = 0) -> str:
    """Type into a RecordPicker and choose suggestion ``row`` with Down and Return."""
    picker.setFocus()
    keys(qtbot, picker, text)
    qtbot.waitUntil(lambda: bool(picker.suggestions()))
    popup = picker.findChild(QCompleter).popup()
    qtbot.waitUntil(popup.isVisible)
    with qtbot.waitSignal(picker.picked) as blocker:
        for _ in range(row + 1):
            qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    return str(blocker.args[0])


def keys(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type ``text`` as key events, Cyrillic included (QTest.keyClicks takes ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Replace the text of a line edit (or an editable combo) by typing."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    target.selectAll()
    qtbot.keyClick(target, Qt.Key.Key_Delete)
    keys(qtbot, target, text)


def complete(qtbot: Any, combo: QComboBox) -> None:
    """Take the first completion the combo offers for what was typed."""
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def choose(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def tick(listing: Any, *values: str) -> None:
    for i in range(listing.count()):
        item = listing.item(i)
        if item.data(Qt.ItemDataRole.UserRole + 1) in values:
            item.setCheckState(Qt.CheckState.Checked)


def click_save(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def save(qtbot: Any, dialog: Any) -> str:
    done: list[str] = []
    dialog.saved.connect(done.append)
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(done) or bool(dialog.problem_text()))
    assert done, dialog.problem_text()
    return done[0]


@pytest.fixture
def tasks(registry: Any) -> SyncTasks:
    return SyncTasks(registry)


@pytest.fixture
def editor(qtbot: Any, tasks: SyncTasks) -> Iterator[Any]:
    """Opens editors; those still open at the end are closed (a closed one deletes itself)."""
    made: list[Any] = []

    def make(kind: Kind, record_id: str | None = None, **preset: Any) -> Any:
        dialog = open_editor(tasks, kind, record_id, None, preset=preset or None)
        made.append(dialog)
        dialog.show()
        return dialog
    yield make
    for dialog in made:
        if isValid(dialog):
            dialog.close()


def by_name(reg: Any, name: str) -> Any:
    hit = next(h for h in reg.search(name) if h.name == name)
    return reg.get(hit.id)


# -- every kind, created through its form ---------------------------------------------------------


def test_new_person_with_names_regions_roles_and_contacts(qtbot, registry, editor):
    d = editor(Kind.PERSON)
    assert d.windowTitle() == "New person"
    keys(qtbot, d.ui.name, "Ирина Соколова")
    keys(qtbot, d.ui.name_latin, "Irina Sokolova")
    d.ui.aliases.setPlainText("Ира Соколова\nI. Sokolova")
    choose(d.ui.gender, "female")
    tick(d.ui.roles, "journalist", "researcher")
    tick(d.ui.groups, "regional_community")
    type_into(qtbot, d.ui.region, "Свердл")
    complete(qtbot, d.ui.region)
    d.ui.country.set_value("DE")
    keys(qtbot, d.ui.city, "Berlin")
    keys(qtbot, d.ui.languages, "ru, en")
    keys(qtbot, d.ui.email, "irina@example.org")
    keys(qtbot, d.ui.telegram, "@irina")
    keys(qtbot, d.ui.review_date, "2027-01-31")
    record = registry.get(save(qtbot, d))
    assert record.kind is Kind.PERSON
    v = record.values
    assert (v["name"], v["name_latin"]) == ("Ирина Соколова", "Irina Sokolova")
    assert v["aliases"] == ["Ира Соколова", "I. Sokolova"]
    assert v["gender"] == "female" and v["roles"] == ["journalist", "researcher"]
    assert v["groups"] == ["regional_community"]
    assert (v["region"], v["country"], v["city"]) == ("RU-SVE", "DE", "Berlin")
    assert v["languages"] == ["ru", "en"]
    assert (v["email"], v["telegram"], v["review_date"]) == ("irina@example.org", "@irina",
                                                             "2027-01-31")
    assert v["sensitivity"] == "internal" and "phone" not in v


def test_new_organisation_with_host_countries_and_regions_covered(qtbot, registry, editor):
    d = editor(Kind.ORGANISATION)
    keys(qtbot, d.ui.name, "Голос Урала")
    keys(qtbot, d.ui.name_latin, "Golos Urala")
    choose(d.ui.type, "media")
    keys(qtbot, d.ui.founded, "2015")
    keys(qtbot, d.ui.relocated, "2022")
    for code in ("LT", "GE"):
        d.ui.host_countries.picker.set_value(code)
        qtbot.mouseClick(d.ui.host_countries.add_button, Qt.MouseButton.LeftButton)
    regions = d.ui.regions_covered
    for text in ("Sverdl", "Chelyab"):
        type_into(qtbot, regions.picker, text)
        complete(qtbot, regions.picker)
        qtbot.waitUntil(lambda: not regions.picker.currentText())
    type_into(qtbot, regions.picker, "RU-SVE")  # a code typed in full; already chosen
    qtbot.mouseClick(regions.add_button, Qt.MouseButton.LeftButton)
    keys(qtbot, d.ui.themes, "elections, ecology")
    keys(qtbot, d.ui.reach, "120000")
    keys(qtbot, d.ui.reach_metric, "monthly readers")
    keys(qtbot, d.ui.reach_as_of, "2025-06-01")
    keys(qtbot, d.ui.website, "https://example.org")
    v = registry.get(save(qtbot, d)).values
    assert (v["type"], v["founded"], v["relocated"]) == ("media", 2015, 2022)
    assert v["host_countries"] == ["LT", "GE"]
    assert v["regions_covered"] == ["RU-SVE", "RU-CHE"]
    assert v["themes"] == ["elections", "ecology"]
    assert (v["reach"], v["reach_metric"], v["reach_as_of"]) == (120000, "monthly readers",
                                                                 "2025-06-01")


def test_new_tie_between_two_actors_picked_by_search(qtbot, filled, editor):
    anna, memorial = by_name(filled, "Анна Иванова"), by_name(filled, "Мемориал")
    d = editor(Kind.TIE)
    assert pick(qtbot, d.ui.from_id, "Ivanova") == anna.id
    assert pick(qtbot, d.ui.to_id, "Memorial") == memorial.id
    choose(d.ui.kind, "member_of")
    keys(qtbot, d.ui.role, "board member")
    keys(qtbot, d.ui.start, "2023-02-01")
    choose(d.ui.confidence, "confirmed")
    v = filled.get(save(qtbot, d)).values
    assert (v["from_id"], v["to_id"], v["kind"]) == (anna.id, memorial.id, "member_of")
    assert (v["role"], v["start"], v["confidence"]) == ("board member", "2023-02-01", "confirmed")


def test_tie_ends_can_be_swapped(qtbot, filled, editor):
    anna, memorial = by_name(filled, "Анна Иванова"), by_name(filled, "Мемориал")
    d = editor(Kind.TIE, from_id=anna.id, to_id=memorial.id)
    assert d.ui.from_id.text().startswith("Анна Иванова")
    qtbot.mouseClick(d.ui.swap_button, Qt.MouseButton.LeftButton)
    choose(d.ui.kind, "partner_of")
    v = filled.get(save(qtbot, d)).values
    assert (v["from_id"], v["to_id"]) == (memorial.id, anna.id)


def test_new_support_offers_only_donors_and_governments_as_provider(qtbot, filled, editor):
    donor = filled.add(Kind.ORGANISATION, {"name": "Фонд Свободы", "name_latin": "Freedom Fund",
                                           "type": "donor"})
    filled.add(Kind.ORGANISATION, {"name": "Фонд Медиа", "type": "media"})
    anna = by_name(filled, "Анна Иванова")
    d = editor(Kind.SUPPORT)
    keys(qtbot, d.ui.provider_id, "Фонд")
    qtbot.waitUntil(lambda: bool(d.ui.provider_id.suggestions()))
    assert [s[0] for s in d.ui.provider_id.suggestions()] == [donor.id]
    d.ui.provider_id.clear_value()
    assert pick(qtbot, d.ui.provider_id, "Freedom") == donor.id
    assert pick(qtbot, d.ui.recipient_id, "Анна") == anna.id
    choose(d.ui.kind, "grant")
    choose(d.ui.status, "granted")
    keys(qtbot, d.ui.start, "2025-01-01")
    keys(qtbot, d.ui.end, "2026-12-31")
    keys(qtbot, d.ui.amount, "25000.50")
    keys(qtbot, d.ui.currency, "eur")
    choose(d.ui.horizon, "short")
    v = filled.get(save(qtbot, d)).values
    assert (v["provider_id"], v["recipient_id"], v["kind"], v["status"]) == (
        donor.id, anna.id, "grant", "granted")
    assert (v["amount"], v["currency"], v["horizon"]) == (25000.5, "EUR", "short")


def test_new_event_with_organiser_and_participants(qtbot, filled, editor):
    org = by_name(filled, "Мемориал")
    anna, vera = by_name(filled, "Анна Иванова"), by_name(filled, "Вера Смирнова")
    d = editor(Kind.EVENT)
    keys(qtbot, d.ui.title, "Forum of free Russia")
    keys(qtbot, d.ui.start, "2025-05-10")
    keys(qtbot, d.ui.place, "Vilnius")
    d.ui.country.set_value("LT")
    assert pick(qtbot, d.ui.organiser_id, "Memorial") == org.id
    pick(qtbot, d.ui.participants.picker, "Anna")
    pick(qtbot, d.ui.participants.picker, "Вера")
    assert d.ui.participants.picker.text() == ""
    v = filled.get(save(qtbot, d)).values
    assert (v["title"], v["start"], v["place"], v["country"]) == (
        "Forum of free Russia", "2025-05-10", "Vilnius", "LT")
    assert v["organiser_id"] == org.id and v["participants"] == [anna.id, vera.id]


def test_an_erased_protected_participant_is_listed_as_erased(qtbot, filled, editor):
    """Erasing a protected person leaves her events as they were: the event's editor lists
    her as an erased record, and the event still saves."""
    anna, vera = by_name(filled, "Анна Иванова"), by_name(filled, "Вера Смирнова")
    filled.update(anna.id, {"inside_russia": True})
    event = filled.add(Kind.EVENT, {"title": "Seminar", "start": "2025-05-10",
                                    "participants": [anna.id, vera.id]})
    filled.erase(anna.id)
    d = editor(Kind.EVENT, event.id)
    shown = [d.ui.participants.list.item(i).text()
             for i in range(d.ui.participants.list.count())]
    assert shown[0] == "Erased record" and shown[1].startswith("Вера Смирнова")
    keys(qtbot, d.ui.place, "Vilnius")
    v = filled.get(save(qtbot, d)).values
    assert v["place"] == "Vilnius" and v["participants"] == [anna.id, vera.id]


def test_new_evaluation_with_three_criteria_and_evidence(qtbot, filled, editor, monkeypatch):
    monkeypatch.setattr(kinds, "today", lambda: dt.date(2026, 5, 4))
    org = by_name(filled, "Мемориал")
    d = editor(Kind.EVALUATION)
    assert d.ui.assessor_name.text() == "Test Official" and d.ui.assessor_name.isReadOnly()
    assert d.ui.date.text() == "2026-05-04"
    pick(qtbot, d.ui.subject_id, "Memorial")
    for n, score in ((1, 3), (2, 4), (3, 1)):
        choose(getattr(d.ui, f"score_{n}"), score)
        getattr(d.ui, f"evidence_{n}").setPlainText(f"evidence {n}")
    v = filled.get(save(qtbot, d)).values
    assert v["subject_id"] == org.id
    assert (v["score_1"], v["score_2"], v["score_3"]) == (3, 4, 1)
    assert (v["evidence_1"], v["evidence_3"]) == ("evidence 1", "evidence 3")
    assert v["assessor_name"] == "Test Official"


def test_editor_works_through_the_threaded_worker(qtbot, registry):
    tasks = Tasks()
    opened: list[Any] = []
    tasks.open(lambda: registry, opened.append)
    qtbot.waitUntil(lambda: bool(opened))
    try:
        d = open_editor(tasks, Kind.PERSON, None, None)
        qtbot.addWidget(d)
        d.show()
        keys(qtbot, d.ui.name, "Олег Орлов")
        record_id = save(qtbot, d)
        d2 = open_editor(tasks, Kind.PERSON, record_id, None)
        qtbot.addWidget(d2)
        qtbot.waitUntil(lambda: d2.ui.name.text() == "Олег Орлов")
    finally:
        tasks.shutdown()


# -- problems: shown on their field, nothing written ----------------------------------------------


def _counts(reg: Any) -> dict[str, int]:
    return reg.store.counts()


@pytest.mark.parametrize(("field", "text", "shown"), [
    ("review_date", "2024-13-45", "must be a date as YYYY-MM-DD"),
    ("review_date", "31.12.2024", "must be a date as YYYY-MM-DD"),
    ("region", "Atlantis", "is not a region of the list"),
])
def test_bad_input_is_shown_on_its_field_and_nothing_is_written(qtbot, registry, editor, field,
                                                                 text, shown):
    before = _counts(registry)
    d = editor(Kind.PERSON)
    keys(qtbot, d.ui.name, "Пётр Первый")
    type_into(qtbot, getattr(d.ui, field), text)
    click_save(qtbot, d)
    assert d.isVisible()
    assert shown in d.problem_text()
    assert d.invalid_fields() == [field]
    assert _counts(registry) == before
    widget = getattr(d.ui, field)
    assert widget.hasFocus() or widget.isAncestorOf(d.focusWidget())
    assert d.ui.tabs.currentWidget().isAncestorOf(widget)


def test_missing_name_is_required(qtbot, registry, editor):
    before = _counts(registry)
    d = editor(Kind.PERSON)
    keys(qtbot, d.ui.city, "Riga")
    click_save(qtbot, d)
    assert "Name (native script): is required" in d.problem_text()
    assert d.invalid_fields() == ["name"]
    assert _counts(registry) == before


def test_problem_is_cleared_once_fixed(qtbot, registry, editor):
    d = editor(Kind.PERSON)
    keys(qtbot, d.ui.name, "Пётр")
    keys(qtbot, d.ui.review_date, "tomorrow")
    click_save(qtbot, d)
    assert d.invalid_fields() == ["review_date"]
    type_into(qtbot, d.ui.review_date, "2026-01-01")
    record_id = save(qtbot, d)
    assert registry.get(record_id).values["review_date"] == "2026-01-01"


def test_tie_to_itself_is_refused_and_nothing_written(qtbot, filled, editor):
    before = _counts(filled)
    d = editor(Kind.TIE)
    pick(qtbot, d.ui.from_id, "Ivanova")
    pick(qtbot, d.ui.to_id, "Ivanova")
    choose(d.ui.kind, "colleague")
    click_save(qtbot, d)
    assert d.invalid_fields() == ["to_id"]
    assert "a tie needs two records" in d.problem_text()
    assert _counts(filled) == before


def test_typed_but_unchosen_record_is_a_problem(qtbot, filled, editor):
    before = _counts(filled)
    d = editor(Kind.TIE)
    pick(qtbot, d.ui.from_id, "Ivanova")
    keys(qtbot, d.ui.to_id, "Nobody at all")
    choose(d.ui.kind, "colleague")
    click_save(qtbot, d)
    assert d.invalid_fields() == ["to_id"]
    assert "choose a record from the suggestions" in d.problem_text()
    assert _counts(filled) == before


def test_end_before_start_is_refused(qtbot, filled, editor):
    before = _counts(filled)
    d = editor(Kind.EVENT)
    keys(qtbot, d.ui.title, "Seminar")
    keys(qtbot, d.ui.start, "2025-05-10")
    keys(qtbot, d.ui.end, "2025-05-01")
    click_save(qtbot, d)
    assert d.invalid_fields() == ["end"]
    assert _counts(filled) == before


def test_provider_of_wrong_type_is_named_by_the_core(qtbot, filled, editor):
    media = by_name(filled, "Новая газета")
    anna = by_name(filled, "Анна Иванова")
    before = _counts(filled)
    d = editor(Kind.SUPPORT, provider_id=media.id, recipient_id=anna.id)
    choose(d.ui.kind, "grant")
    click_save(qtbot, d)
    assert d.invalid_fields() == ["provider_id"]
    assert "donor or government" in d.problem_text()
    assert _counts(filled) == before


def test_unknown_record_shows_the_error_and_cannot_be_saved(qtbot, editor):
    d = editor(Kind.PERSON, "0190a3c4-0000-7000-8000-000000000000")
    assert "The record was not found" in d.problem_text()  # the app's wording
    assert not d.ui.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


# -- editing: only the fields edited change -------------------------------------------------------


def test_edit_changes_only_the_edited_fields(qtbot, filled, editor):
    anna = by_name(filled, "Анна Иванова")
    before = filled.get(anna.id)
    d = editor(Kind.PERSON, anna.id)
    assert d.windowTitle() == "Edit person"
    assert "Анна" not in d.windowTitle()
    assert d.ui.name.text() == "Анна Иванова" and d.ui.region.value() == "RU-MOW"
    assert d.ui.roles.value() == ["journalist"]
    type_into(qtbot, d.ui.city, "Riga")
    save(qtbot, d)
    after = filled.get(anna.id)
    assert after.values["city"] == "Riga"
    changed = {f for f in after.stamps if after.stamps[f] != before.stamps.get(f)}
    assert changed == {"city"}
    prov = filled.provenance(after)
    assert prov["city"]["by"] == "Test Official"
    assert prov["city"]["at"] >= prov["name"]["at"]


def test_saving_without_changes_writes_nothing(qtbot, filled, editor):
    anna = by_name(filled, "Анна Иванова")
    before = filled.get(anna.id).stamps
    d = editor(Kind.PERSON, anna.id)
    with qtbot.waitSignal(d.finished):
        click_save(qtbot, d)
    assert filled.get(anna.id).stamps == before


def test_clearing_a_field_removes_its_value(qtbot, filled, editor):
    anna = by_name(filled, "Анна Иванова")
    d = editor(Kind.PERSON, anna.id)
    d.ui.region.set_value(None)
    save(qtbot, d)
    assert filled.get(anna.id).values.get("region") is None


def test_existing_tie_is_loaded_with_the_names_of_both_ends(qtbot, filled, editor):
    anna = by_name(filled, "Анна Иванова")
    tie = filled.ties_of(anna.id)[0]
    d = editor(Kind.TIE, tie.id)
    assert d.ui.from_id.value() == anna.id and d.ui.from_id.text().startswith("Анна Иванова")
    assert d.ui.to_id.text().startswith("Новая газета")
    choose(d.ui.kind, "leads")
    save(qtbot, d)
    assert filled.get(tie.id).values["kind"] == "leads"


# -- protected people -----------------------------------------------------------------------------


def test_person_inside_russia_is_shown_protected(qtbot, filled, editor):
    boris = by_name(filled, "Борис Петров")
    d = editor(Kind.PERSON, boris.id)
    assert d.ui.inside_russia.isChecked()
    assert d.ui.sensitivity.currentData() == "protected"
    assert not d.ui.sensitivity.isEnabled()
    assert "Protected" in d.ui.badge.text()
    assert d.ui.protected_marker.isVisible()
    assert "Inside Russia" in d.ui.protected_marker.text()


def test_ticking_inside_russia_makes_a_new_person_protected(qtbot, registry, editor):
    d = editor(Kind.PERSON)
    choose(d.ui.sensitivity, "public")
    assert "Public" in d.ui.badge.text()
    assert not d.ui.protected_marker.isVisible()
    keys(qtbot, d.ui.name, "Мария")
    d.ui.tabs.setCurrentWidget(d.ui.tab_profile)
    d.ui.inside_russia.setFocus()
    qtbot.keyClick(d.ui.inside_russia, Qt.Key.Key_Space)
    assert d.ui.sensitivity.currentData() == "protected"
    assert "Protected" in d.ui.badge.text()
    v = registry.get(save(qtbot, d)).values
    assert v["inside_russia"] is True and v["sensitivity"] == "protected"


# -- pickers --------------------------------------------------------------------------------------


def test_region_picker_has_both_languages_and_labels_crimea_occupied(qtbot):
    picker = RegionPicker()
    qtbot.addWidget(picker)
    labels = [picker.itemText(i) for i in range(picker.count())]
    assert len(labels) == 1 + 85
    sve = labels[picker.findData("RU-SVE")]
    assert "Свердловская область" in sve and "Sverdlovskaya" in sve and "RU-SVE" in sve
    for code in ("UA-43", "UA-40"):
        assert "occupied Ukrainian territory" in labels[picker.findData(code)]
    picker.set_value("UA-40")
    assert picker.value() == "UA-40"
    type_into(qtbot, picker, "ru-mow")
    assert picker.value() == "RU-MOW"


def test_country_picker_names_follow_the_interface_language(qtbot):
    previous = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Russian))
        ru = CountryPicker()
        qtbot.addWidget(ru)
        assert ru.itemText(ru.findData("DE")) == "Германия (DE)"
        QLocale.setDefault(QLocale(QLocale.Language.English))
        en = CountryPicker()
        qtbot.addWidget(en)
        assert en.itemText(en.findData("DE")) == "Germany (DE)"
    finally:
        QLocale.setDefault(previous)


def test_date_edit_allows_an_empty_date(qtbot, filled, editor):
    d = editor(Kind.EVENT)
    keys(qtbot, d.ui.title, "Open day")
    keys(qtbot, d.ui.start, "2025-03-03")
    v = filled.get(save(qtbot, d)).values
    assert v["start"] == "2025-03-03" and "end" not in v


def test_date_edit_calendar_opens_from_the_keyboard(qtbot, editor, monkeypatch):
    monkeypatch.setattr(pickers, "today", lambda: QDate(2026, 5, 4))
    d = editor(Kind.EVENT)
    d.ui.start.setFocus()
    qtbot.keyClick(d.ui.start, Qt.Key.Key_F4)
    calendar = d.ui.start._calendar
    qtbot.waitUntil(calendar.isVisible)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.ui.start.text() == "2026-05-04")


# -- keyboard and accessibility -------------------------------------------------------------------


@pytest.mark.parametrize("kind", EDITABLE)
def test_every_input_has_an_accessible_name_a_label_and_a_place_in_the_tab_order(qtbot, editor,
                                                                                  kind):
    d = editor(kind)
    chain, w = set(), d.nextInFocusChain()
    while w is not d and len(chain) < 500:
        chain.add(w)
        w = w.nextInFocusChain()
    for name, widget in d.fields.items():
        assert widget.accessibleName(), name
        label = getattr(d.ui, f"label_{name}", None)
        if isinstance(label, QLabel):
            assert label.buddy() is widget, name
            assert "&" in label.text(), name
        focus = widget.focusProxy() or widget
        assert focus in chain, name
        assert focus.focusPolicy() & Qt.FocusPolicy.TabFocus, name


@pytest.mark.parametrize("kind", EDITABLE)
def test_titles_name_the_kind_only(qtbot, filled, editor, kind):
    d = editor(kind)
    assert d.windowTitle().startswith("New ")


def test_language_change_keeps_what_was_typed(qtbot, filled, editor):
    anna = by_name(filled, "Анна Иванова")
    d = editor(Kind.PERSON, anna.id)
    d.ui.city.setText("Tallinn")
    choose(d.ui.gender, "female")
    QApplication.sendEvent(d, QEvent(QEvent.Type.LanguageChange))
    assert d.windowTitle() == "Edit person"
    assert (d.ui.city.text(), d.ui.gender.currentData()) == ("Tallinn", "female")
    assert d.ui.roles.value() == ["journalist"] and d.ui.region.value() == "RU-MOW"
    assert d.ui.label_name.text().replace("&", "") == "Name (native script)"
    save(qtbot, d)
    assert filled.get(anna.id).values["city"] == "Tallinn"


def test_tie_touching_a_person_inside_russia_is_protected(qtbot, filled, editor):
    boris, memorial = by_name(filled, "Борис Петров"), by_name(filled, "Мемориал")
    d = editor(Kind.TIE)
    pick(qtbot, d.ui.from_id, "Memorial")
    assert not d.ui.protected_marker.isVisible()
    pick(qtbot, d.ui.to_id, "Борис")
    assert d.ui.protected_marker.isVisible()
    assert d.ui.sensitivity.currentData() == "protected" and not d.ui.sensitivity.isEnabled()
    choose(d.ui.kind, "contact_inside")
    tie = filled.get(save(qtbot, d))
    assert (tie.values["from_id"], tie.values["to_id"]) == (memorial.id, boris.id)
    assert tie.values["sensitivity"] == "protected"
    again = editor(Kind.TIE, tie.id)
    assert again.ui.protected_marker.isVisible()
    assert not again.ui.sensitivity.isEnabled()
