"""Counted messages of the sharing and duplicates screens take each language's plural forms
(English "1 bundle" / "2 bundles"; Russian three forms: 1 and 21, 2, 5), and the numbers
around them are written as the interface language writes them ("2,003" / "2 003",
"0.87" / "0,87")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from registry.domain.enums import Kind
from registry.gui import i18n
from registry.gui.duplicates.evidence import evidence_text
from registry.gui.sharing.counts import sharing_counts
from registry.gui.sharing.history import counts_text, revert_text
from registry.gui.sharing.trust import quarantine_text
from registry.match.evidence import Reason
from registry.sync.importer import RevertResult
from registry.sync.quarantine import QuarantineReport, RestoredRecord

RU_NUMBERS = (1, 2, 5, 21)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    assert i18n.install(qapp, "en") == "en"
    yield qapp
    i18n.install(qapp, "en")


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[QApplication]:
    assert i18n.install(qapp, "ru") == "ru"
    yield qapp
    i18n.install(qapp, "en")


def _say(name: str) -> Callable[[int], str]:
    method: Callable[[int], str] = getattr(sharing_counts(), name)
    return method


ENGLISH = {
    "fields_restored": ("1 field restored", "2 fields restored"),
    "records_deleted": ("1 record deleted", "2 records deleted"),
    "fields_left": ("1 field left as it is because it changed since",
                    "2 fields left as they are because they changed since"),
    "in_records": ("in 1 record", "in 2 records"),
    "values": ("1 value", "2 values"),
    "on_to_officials": ("on to 1 official", "on to 2 officials"),
    "import_bundles": ("Import 1 bundle", "Import 2 bundles"),
    "age_keys": ("1 age key", "2 age keys"),
}

RUSSIAN = {
    "fields_restored": ("восстановлено 1 поле", "восстановлено 2 поля", "восстановлено 5 полей",
                        "восстановлено 21 поле"),
    "records_deleted": ("удалена 1 запись", "удалено 2 записи", "удалено 5 записей",
                        "удалена 21 запись"),
    "fields_left": ("1 поле, изменённое с тех пор, оставлено как есть",
                    "2 поля, изменённые с тех пор, оставлены как есть",
                    "5 полей, изменённых с тех пор, оставлены как есть",
                    "21 поле, изменённое с тех пор, оставлено как есть"),
    "in_records": ("в 1 записи", "в 2 записях", "в 5 записях", "в 21 записи"),
    "values": ("1 значение", "2 значения", "5 значений", "21 значение"),
    "on_to_officials": ("1 сотруднику", "2 сотрудникам", "5 сотрудникам", "21 сотруднику"),
    "import_bundles": ("Импортировать 1 пакет", "Импортировать 2 пакета",
                       "Импортировать 5 пакетов", "Импортировать 21 пакет"),
    "age_keys": ("1 ключ age", "2 ключа age", "5 ключей age", "21 ключ age"),
}


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_sharing_counts_in_english(english: QApplication, name: str) -> None:
    assert (_say(name)(1), _say(name)(2)) == ENGLISH[name]


@pytest.mark.parametrize("name", sorted(RUSSIAN))
def test_sharing_counts_take_the_three_russian_forms(russian: QApplication, name: str) -> None:
    assert tuple(_say(name)(n) for n in RU_NUMBERS) == RUSSIAN[name]


def test_refused_files_follow_the_files_checked(english: QApplication) -> None:
    counts = sharing_counts()
    assert counts.files_refused(1, 1) == "1 of 1 file was refused and will not be imported."
    assert counts.files_refused(1, 2) == "1 of 2 files were refused and will not be imported."
    i18n.install(english, "ru")
    assert [counts.files_refused(1, n) for n in RU_NUMBERS] == [
        f"Отклонено 1 из {n} {noun}; отклонённые файлы не будут импортированы."
        for n, noun in ((1, "файла"), (2, "файлов"), (5, "файлов"), (21, "файла"))]
    assert counts.files_refused(2003, 3000).startswith("Отклонено 2\u00a0003 из 3\u00a0000 ")


def test_a_reverted_import_in_both_languages(english: QApplication) -> None:
    one, two = RevertResult("i", 1, 1, 1), RevertResult("i", 2, 2, 2)
    assert revert_text(one) == ("Import reverted: 1 field restored, 1 record deleted, 1 field "
                                "left as it is because it changed since.")
    assert revert_text(two).startswith("Import reverted: 2 fields restored, 2 records deleted,")
    i18n.install(english, "ru")
    assert revert_text(RevertResult("i", 5, 21, 2)) == (
        "Импорт отменён: восстановлено 5 полей, удалена 21 запись, 2 поля, изменённые с тех "
        "пор, оставлены как есть.")
    assert counts_text({"new": 2003}) == "2\u00a0003 новые, 0 изменено, 0 удалено, 0 стёрто"
    assert counts_text({"new": 1, "changed": 2, "deleted": 5, "erased": 21}) == \
        "1 новая, 2 изменены, 5 удалено, 21 стёрта"
    i18n.install(english, "en")
    assert counts_text({"new": 1, "changed": 2003}) == "1 new, 2,003 changed, 0 deleted, 0 erased"


def _report(records: int, officials: int) -> QuarantineReport:
    restored = [RestoredRecord(f"r{i}", "person", {"name": "restored"}) for i in range(records)]
    return QuarantineReport("fp", "Anna", "2026-12-03T10:00:00", dry_run=True,
                            imports=["a"] * 2003, restored=restored,
                            forwarded_to=[f"o{i}" for i in range(officials)])


def test_a_quarantine_says_its_counts_in_both_languages(english: QApplication) -> None:
    text = quarantine_text(_report(1, 1))
    assert "since 3 Dec 2026?" in text
    assert "Their imports since then: 2,003." in text
    assert "; in 1 record.\n" in text
    assert "You sent some of these records on to 1 official: " in text
    assert "; in 2 records.\n" in quarantine_text(_report(2, 2))
    assert "on to 2 officials: " in quarantine_text(_report(2, 2))
    i18n.install(english, "ru")
    for n, where, whom in ((1, "в 1 записи", "1 сотруднику"), (2, "в 2 записях", "2 сотрудникам"),
                           (5, "в 5 записях", "5 сотрудникам"),
                           (21, "в 21 записи", "21 сотруднику")):
        text = quarantine_text(_report(n, n))
        assert f"; всё это {where}.\n" in text
        assert f"Часть этих записей вы передали {whom}: " in text
    assert "Его импортов с тех пор: 2\u00a0003." in text


def _evidence(code: str, n: int) -> str:
    return evidence_text(Reason(code, n))


def test_counted_evidence_in_both_languages(english: QApplication) -> None:
    assert [_evidence("unmatched", n) for n in (1, 2)] == [
        "1 name part does not match", "2 name parts do not match"]
    assert _evidence("rare_name", 1) == \
        "this name is rare here (1 record bears it): stronger evidence"
    assert _evidence("common_name", 2) == \
        "this name is common here (2 records bear it): weaker evidence"
    i18n.install(english, "ru")
    assert [_evidence("unmatched", n) for n in RU_NUMBERS] == [
        "Не совпадает 1 часть имени", "Не совпадают 2 части имени",
        "Не совпадают 5 частей имени", "Не совпадает 21 часть имени"]
    assert [_evidence("rare_name", n) for n in RU_NUMBERS] == [
        f"это имя здесь редкое (оно есть в {n} {w}): довод весомее"
        for n, w in ((1, "записи"), (2, "записях"), (5, "записях"), (21, "записи"))]
    assert _evidence("common_name", 2003) == \
        "это имя здесь частое (оно есть в 2\u00a0003 записях): довод слабее"


def test_a_table_amount_follows_the_language(english: QApplication) -> None:
    from registry.gui.display import formatter

    assert formatter(Kind.SUPPORT)("amount", 2003.4) == "2,003"
    i18n.install(english, "ru")
    assert formatter(Kind.SUPPORT)("amount", 2003.4) == "2\u00a0003"


def test_the_briefing_writes_numbers_in_its_language(english: QApplication) -> None:
    from registry.gui import briefing

    data = {"evaluations": {"subjects": 2003}}
    notes = briefing._Notes(data)
    assert notes.count("x", "evaluations", "subjects") == "2,003"
    i18n.install(english, "ru")
    assert notes.count("x", "evaluations", "subjects") == "2\u00a0003"


def test_duplicate_scores_in_the_queue_follow_the_language(qtbot: Any, russian: QApplication,
                                                            tmp_path: Path) -> None:
    from registry.gui.duplicates import DuplicatesView
    from registry.gui.tasks import Tasks
    from registry.service import Registry
    from registry.vault.keyfile import FAST_TEST_PARAMS
    from tests.gui.analytics_vault import open_in
    from tests.passphrase import PASSPHRASE

    reg = Registry.create(tmp_path / "v", PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    reg.add(Kind.PERSON, {"name": "Иван Петров", "country": "LV"})
    reg.add(Kind.PERSON, {"name": "Ivan Petrov", "country": "LV"})
    tasks = Tasks()
    open_in(qtbot, tasks, reg)
    try:
        view = DuplicatesView(tasks)
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.pairs_loaded, timeout=30_000):
            view.find_button.click()
        score = view.queue.item(0, 0).text()
        assert len(score) == 4 and score[1] == ",", score
    finally:
        tasks.shutdown()
        reg.lock()


class _Rows:
    """What counts_text reads of a spreadsheet report: how many rows had each outcome."""

    def __init__(self, **counts: int) -> None:
        self.counts = counts

    def count(self, action: str) -> int:
        return self.counts.get(action, 0)


def _rows(**counts: int) -> Any:
    return _Rows(**counts)


def test_spreadsheet_counts_take_plural_forms(english: QApplication) -> None:
    from registry.gui.spreadsheet.pages import counts_text as rows_text

    text = rows_text(_rows(new=1, update=2, merged=2, review=1, rejected=21))
    assert text == ("1 new, 2 updated, 0 unchanged, 2 merged with earlier rows, 1 new beside a "
                    "namesake (sent to review), 21 rejected.")
    counts = i18n.counts()
    assert counts.dry_run_over(1) == "Dry run over the 1 row: "
    assert counts.shown_of_records(1, 1) == "Showing 1 of 1 record."
    i18n.install(english, "ru")
    text = rows_text(_rows(new=1, update=2, unchanged=5, merged=21, rejected=2))
    assert text == ("1 новая, 2 обновлены, 5 без изменений, 21 объединена с предыдущей строкой, "
                    "0 новых рядом с тёзками (отправлено на проверку), 2 отклонены.")
    assert [counts.dry_run_over(n) for n in (1, 2, 21)] == [
        "Пробный прогон по 1 строке: ", "Пробный прогон по всем 2 строкам: ",
        "Пробный прогон по 21 строке: "]
    assert [counts.shown_of_records(1, n) for n in (1, 5, 21)] == [
        "Показано 1 из 1 записи.", "Показано 1 из 5 записей.", "Показано 1 из 21 записи."]
    assert [counts.blind_spots_of_regions(3, n).split(" не ")[0] for n in (21, 89)] == [
        "Белые пятна: 3 из 21 региона", "Белые пятна: 3 из 89 регионов"]
    assert [counts.by_points_or_more(n) for n in (1, 2, 5)] == [
        "на 1 балл и больше", "на 2 балла и больше", "на 5 баллов и больше"]
    assert [counts.within_days(n) for n in (21, 30, 2)] == [
        "В ближайший 21 день", "В ближайшие 30 дней", "В ближайшие 2 дня"]


COUNTED_NOUN = re.compile(r"(?:\{\w+\}|of \{\w+\})\)? (?:more )?(days|rows|records|regions|files|"
                          r"people|fields|values|officials|bundles|points|keys|lines|items|"
                          r"pairs|names|ties|actors|permits|imports|components|parts)\b"
                          r"(?! (?:you|the|this)\b)")  # "{2}) names you": a verb, no count


def test_every_count_before_a_noun_takes_plural_forms() -> None:
    """A count written into a sentence as ``{0}`` before a plural noun ("{0} rows") reads
    "1 rows" in English and takes no Russian form: such messages go through ``%Ln``
    (``self.tr(text, "", n)`` in a counts class), which gives each language its forms."""
    ts = (Path(__file__).parents[2] / "resources" / "translations" / "registry_ru.ts")
    text = ts.read_text(encoding="utf-8")
    found = [m.group(2) for m in re.finditer(r"<message( numerus=\"yes\")?>\s*<source>(.*?)"
                                              r"</source>", text, re.S)
             if not m.group(1) and COUNTED_NOUN.search(m.group(2))]
    assert not found, "counts written with {0} before a noun:\n" + "\n".join(found)


def test_what_points_to_a_record_not_held_is_said_in_both_languages(english: QApplication
                                                                     ) -> None:
    """The exposure preview's "deleted" reason also counts what points to a record this
    vault does not hold (its erasure waits): said, with its plural forms, in both languages;
    a link removed for it has its own sentence and list title (not the generic one)."""
    from registry.gui.sharing.exposure import blanked_text, left_out_text, list_title
    from registry.sync.redact import Mode, OmitReason

    def said(n: int) -> tuple[str, str, str]:
        return (left_out_text(OmitReason.DELETED, 0, n, Mode.EXCLUDE, "internal"),
                blanked_text(OmitReason.DELETED, n, {"merged_into": n}),
                list_title("blanked", OmitReason.DELETED))

    one, two = said(1), said(2)
    assert one[0].startswith("1 deleted record is left out") and "does not hold" in one[0]
    assert two[0].startswith("2 deleted records are left out")
    assert "removed from 1 record:" in one[1] and "removed from 2 records:" in two[1]
    assert one[2] == "Blanked: links to records not held here"
    assert i18n.install(QApplication.instance(), "ru") == "ru"  # type: ignore[arg-type]
    forms = [said(n) for n in RU_NUMBERS]
    assert [f[0].split(" ", 2)[1] for f in forms] == ["удалённая", "удалённые", "удалённых",
                                                       "удалённая"]
    assert all("которой нет в этом хранилище" in f[0] for f in forms)
    assert [f[1].split(" из ", 1)[1].split(":")[0] for f in forms] == [
        "1 записи", "2 записей", "5 записей", "21 записи"]
    assert forms[0][2] == "Очищено: ссылки на записи, которых здесь нет"
