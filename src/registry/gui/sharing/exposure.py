"""The exposure preview, explained (DESIGN §6.3, §6.4.8): what the bundle reveals, and what it
leaves out or blanks, reason by reason, in plain words, each with the records it concerns.

:class:`ExposureView` renders an :class:`~registry.sync.exporter.Exposure` with the core's
:class:`~registry.sync.sharing.Explanation`; its "List…" buttons open a
:class:`RecordListDialog`, which fetches the records' labels on the database thread. The
counts come from the core's tally: nothing here decides what is protected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from registry.domain.enums import Kind
from registry.gui.editors import data
from registry.gui.editors.labels import described_text, labels
from registry.gui.i18n import counts, number, translate
from registry.gui.tasks import TaskRunner, error_message
from registry.gui.widgets import plain
from registry.sync.exporter import Exposure
from registry.sync.redact import Mode, OmitReason
from registry.sync.sharing import Explanation

LIST_LIMIT = 5000
DANGER = "QLabel { color: #a71d2a; font-weight: bold; }"
REVEALS = ("people", "inside", "pseudonyms", "sensitive", "notices", "records")


def reveal_names() -> dict[str, str]:
    return {
        "people": translate("Sharing", "People named"),
        "inside": translate("Sharing", "Of them inside Russia"),
        "pseudonyms": translate("Sharing", "People sent only as pseudonyms"),
        "sensitive": translate("Sharing", "Sensitive fields revealed"),
        "notices": translate("Sharing", "Protection notices"),
        "records": translate("Sharing", "Records in the bundle"),
    }


def field_label(name: str) -> str:
    if name == "merged_into":
        return translate("Sharing", "Link to the record decided the same")
    return labels().field(Kind.PERSON, name)


def fields_text(fields: Mapping[str, int]) -> str:
    """``E-mail (3), Notes (1)``: translated field names with the number of records."""
    return ", ".join(f"{field_label(name)} ({number(n)})" for name, n in fields.items())


class Counted(QObject):
    """The preview's sentences with a count, one method each: ``self.tr`` with the count is
    the form lupdate marks as plural, so each language (English too, ``registry_en.ts``)
    gives its own forms ("1 record is", "2 records are")."""

    def protected_left_out(self, n: int) -> str:
        return self.tr("%n protected people are left out: inside Russia, marked protected, or "
                       "decided the same person as one.", "", n)

    def protected_as_pseudonyms(self, n: int) -> str:
        return self.tr("%n protected people travel only as pseudonyms, with no name or "
                       "details: inside Russia, marked protected, or decided the same person "
                       "as one.", "", n)

    def about_them_left_out(self, n: int) -> str:
        return self.tr("%n records about them are left out too (ties, support, evaluations).",
                       "", n)

    def about_them_pseudonymised(self, n: int) -> str:
        return self.tr("%n records about them are left out as they are; a tie travels only "
                       "between pseudonyms.", "", n)

    def above_ceiling(self, n: int) -> str:
        return self.tr("%n records are above the highest sensitivity sent ({0}), or concern "
                       "one that is, and are left out.", "", n)

    def deleted(self, n: int) -> str:
        return self.tr("%n deleted records are left out: only the fact that they were deleted "
                       "travels. So is a record that points to one this vault does not hold "
                       "(its erasure waits for your decision).", "", n)

    def left_out(self, n: int) -> str:
        return self.tr("%n records are left out.", "", n)

    def blanked(self, reason: OmitReason, n: int) -> str:
        if reason is OmitReason.FIELD_FLOOR:
            return self.tr("Fields more sensitive than the highest level sent are blanked in "
                           "%n records: {0}.", "", n)
        if reason is OmitReason.MENTION:
            return self.tr("Free text that names a protected person is blanked in %n records: "
                           "{0}.", "", n)
        if reason is OmitReason.PROTECTED:
            return self.tr("Links to protected people are removed from %n records: {0}.", "",
                           n)
        if reason is OmitReason.ABOVE_CEILING:
            return self.tr("Links to records that are left out are removed from %n records: "
                           "{0}.", "", n)
        if reason is OmitReason.DELETED:
            return self.tr("Links to records this vault does not hold (their erasure waits for "
                           "your decision) are removed from %n records: {0}.", "", n)
        return self.tr("Fields are blanked in %n records: {0}.", "", n)

    def notices(self, n: int) -> str:
        return self.tr("%n records the recipients already hold are now protected: the bundle "
                       "tells them to protect their copies.", "", n)

    def notices_withheld(self, n: int) -> str:
        return self.tr("%n protection notices are held back because not every recipient holds "
                       "those records: send each official a bundle of their own with “Only "
                       "protection notices”.", "", n)

    def inside_russia(self, n: int) -> str:
        return self.tr("This bundle names %n people inside Russia. Write it only if every "
                       "recipient needs to know them.", "", n)


_COUNTED: Counted | None = None


def counted() -> Counted:
    global _COUNTED  # noqa: PLW0603 - one lazily made QObject
    if _COUNTED is None:
        _COUNTED = Counted()
    return _COUNTED


def left_out_text(reason: OmitReason, people: int, records: int, mode: Mode, ceiling: str) -> str:
    """What one reason leaves out, in plain words."""
    say = counted()
    if reason is OmitReason.PROTECTED:
        parts = []
        if people:
            parts.append(say.protected_as_pseudonyms(people) if mode is Mode.PSEUDONYMISE
                         else say.protected_left_out(people))
        if records:
            parts.append(say.about_them_pseudonymised(records) if mode is Mode.PSEUDONYMISE
                         else say.about_them_left_out(records))
        return " ".join(parts)
    count = people + records
    if reason is OmitReason.ABOVE_CEILING:
        return say.above_ceiling(count).replace("{0}", ceiling)
    if reason is OmitReason.DELETED:
        return say.deleted(count)
    return say.left_out(count)


def blanked_text(reason: OmitReason, records: int, fields: Mapping[str, int]) -> str:
    """What one reason blanks, in plain words, with the fields and how many records each."""
    return counted().blanked(reason, records).replace("{0}", fields_text(fields))


def list_title(section: str, reason: OmitReason) -> str:
    if section == "left_out":
        return {
            OmitReason.PROTECTED: translate("Sharing", "Left out: protected people and records "
                                        "about them"),
            OmitReason.ABOVE_CEILING: translate("Sharing", "Left out: above the highest "
                                            "sensitivity sent"),
            OmitReason.DELETED: translate("Sharing", "Left out: deleted records"),
        }.get(reason, translate("Sharing", "Left out"))
    return {
        OmitReason.FIELD_FLOOR: translate("Sharing", "Blanked: fields more sensitive than the "
                                      "level sent"),
        OmitReason.MENTION: translate("Sharing", "Blanked: free text naming a protected person"),
        OmitReason.PROTECTED: translate("Sharing", "Blanked: links to protected people"),
        OmitReason.ABOVE_CEILING: translate("Sharing", "Blanked: links to records left out"),
        OmitReason.DELETED: translate("Sharing", "Blanked: links to records not held here"),
    }.get(reason, translate("Sharing", "Blanked"))


def why_protected(item: data.Described) -> str:
    """Why a record in the list of protected people and records about them is there (the
    core decided that it is; this only says which of its reasons the record shows)."""
    if item.kind is not Kind.PERSON:
        return translate("Sharing", "About a protected person")
    if item.own == "inside":
        return translate("Sharing", "Inside Russia")
    if item.own == "protected":
        return translate("Sharing", "Marked protected")
    return translate("Sharing", "The same as a protected person")


class RecordListDialog(QDialog):
    """The records one reason concerns, by kind and label (fetched on the database thread).

    Signals:
        loaded(): the list is filled (or says why it cannot be).
    """

    loaded = Signal()

    def __init__(self, tasks: TaskRunner, title: str, ids: Sequence[str], kinds: Mapping[str, Kind],
                 parent: QWidget | None = None, *, protected: bool = False) -> None:
        super().__init__(parent)
        self.protected = protected  # the list of protected people: say why each one is
        self.setWindowTitle(title)
        self.setObjectName("recordListDialog")
        self.resize(620, 440)
        self.heading = plain(self, title)
        self.heading.setStyleSheet("QLabel { font-weight: bold; }")
        self.records = QTreeWidget(self)
        self.records.setObjectName("recordList")
        self.records.setRootIsDecorated(False)
        self.records.setHeaderLabels([translate("Sharing", "Kind")]
                                     + ([translate("Sharing", "Why")] if protected else [])
                                     + [translate("Sharing", "Record")])
        self.records.setAccessibleName(title)
        self.note = plain(self)
        self.note.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.records, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.total = len(ids)
        tasks.run(partial(data.describe_records, ids=list(ids), kinds=dict(kinds),
                          limit=LIST_LIMIT), self._fill, self._failed)

    def texts(self) -> list[tuple[str, ...]]:
        """(kind[, why], record) of every row, as shown."""
        items = (self.records.topLevelItem(i) for i in range(self.records.topLevelItemCount()))
        columns = range(self.records.columnCount())
        return [tuple(i.text(c) for c in columns) for i in items if i is not None]

    def _fill(self, described: list[data.Described]) -> None:
        if not isValid(self):
            return
        lab = labels()
        for item in described:
            row = [lab.kind(item.kind)] + ([why_protected(item)] if self.protected else [])
            QTreeWidgetItem(self.records, [*row, described_text(item)])
        for column in range(self.records.columnCount() - 1):
            self.records.resizeColumnToContents(column)
        if self.total > len(described):
            self.note.setText(counts().shown_of_records(len(described), self.total))
            self.note.show()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.note.setText(error_message(exc))
            self.note.show()
            self.loaded.emit()


class ExposureView(QWidget):
    """What a bundle reveals, and what it leaves out and blanks by reason.

    Signals:
        list_opened(QDialog): a list of the records one reason concerns was opened.
    """

    list_opened = Signal(object)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._kinds: dict[str, Kind] = {}
        self.reveal_box = QGroupBox(translate("Sharing", "What the bundle reveals"), self)
        grid = QGridLayout(self.reveal_box)
        grid.setColumnStretch(1, 1)
        self.reveal_values: dict[str, QLabel] = {}
        for row, (key, name) in enumerate(reveal_names().items()):
            grid.addWidget(QLabel(name, self.reveal_box), row, 0, Qt.AlignmentFlag.AlignTop)
            value = plain(self.reveal_box)
            value.setObjectName(f"reveal_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.reveal_values[key] = value
            grid.addWidget(value, row, 1)
        self.notices_note = plain(self.reveal_box)
        self.notices_note.hide()
        grid.addWidget(self.notices_note, len(REVEALS), 0, 1, 2)
        self.left_out_box = QGroupBox(translate("Sharing", "Left out, and why"), self)
        self.blanked_box = QGroupBox(translate("Sharing", "Blanked, and why"), self)
        self.left_out_rows: dict[OmitReason, tuple[QLabel, QPushButton]] = {}
        self.blanked_rows: dict[OmitReason, tuple[QLabel, QPushButton]] = {}
        for box in (self.left_out_box, self.blanked_box):
            rows = QGridLayout(box)
            rows.setColumnStretch(0, 1)
        self.left_out_empty = plain(self.left_out_box, translate("Sharing",
                                                                 "Nothing is left out."))
        self.blanked_empty = plain(self.blanked_box, translate("Sharing", "Nothing is blanked."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.reveal_box, self.left_out_box, self.blanked_box):
            layout.addWidget(box)
        layout.addStretch(1)

    # -- rendering ---------------------------------------------------------------------------
    def show_exposure(self, exposure: Exposure, why: Explanation, mode: Mode,
                      ceiling: str) -> None:
        self._kinds = dict(why.kinds)
        self._show_reveals(exposure)
        self._clear(self.left_out_box, self.left_out_rows)
        self._clear(self.blanked_box, self.blanked_rows)
        for item in why.left_out:
            text = left_out_text(item.reason, len(item.people), len(item.records), mode,
                                 ceiling)
            self.left_out_rows[item.reason] = self._row(
                self.left_out_box, text, list_title("left_out", item.reason), item.ids,
                protected=item.reason is OmitReason.PROTECTED)
        for blank in why.blanked:
            text = blanked_text(blank.reason, len(blank.records), blank.fields)
            self.blanked_rows[blank.reason] = self._row(
                self.blanked_box, text, list_title("blanked", blank.reason), blank.records)
        self._finish(self.left_out_box, self.left_out_empty, self.left_out_rows)
        self._finish(self.blanked_box, self.blanked_empty, self.blanked_rows)

    def _show_reveals(self, e: Exposure) -> None:
        lab = labels()
        none = translate("Sharing", "none")
        records = ", ".join(f"{lab.kind(Kind(k))}: {number(n)}" for k, n in e.records.items())
        values = {
            "people": number(e.people), "inside": number(e.people_inside_russia),
            "pseudonyms": number(e.pseudonyms),
            "sensitive": ", ".join(f"{field_label(k)} ({number(n)})"
                                   for k, n in sorted(e.sensitive_fields.items())) or none,
            "notices": number(e.notices), "records": records or none,
        }
        for key, value in values.items():
            self.reveal_values[key].setText(value)
        self.reveal_values["inside"].setStyleSheet(DANGER if e.people_inside_russia else "")
        notes = []
        if e.notices:
            notes.append(counted().notices(e.notices))
        if e.notices_withheld:
            notes.append(counted().notices_withheld(e.notices_withheld))
        self.notices_note.setText("\n".join(notes))
        self.notices_note.setVisible(bool(notes))

    def _row(self, box: QGroupBox, text: str, title: str, ids: Sequence[str], *,
             protected: bool = False) -> tuple[QLabel, QPushButton]:
        grid = box.layout()
        assert isinstance(grid, QGridLayout)
        row = len(self.left_out_rows if box is self.left_out_box else self.blanked_rows)
        label = plain(box, text)
        button = QPushButton(translate("Sharing", "List…"), box)
        button.setAccessibleName(title)
        button.setToolTip(title)
        grid.addWidget(label, row, 0)
        grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
        button.clicked.connect(partial(self._open_list, title, tuple(ids), protected))
        return label, button

    def _open_list(self, title: str, ids: tuple[str, ...], protected: bool,
                   _checked: bool = False) -> None:
        dialog = RecordListDialog(self._tasks, title, ids, self._kinds, self,
                                  protected=protected)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.list_opened.emit(dialog)

    @staticmethod
    def _clear(box: QGroupBox, rows: dict[OmitReason, tuple[QLabel, QPushButton]]) -> None:
        for label, button in rows.values():
            for widget in (label, button):
                widget.hide()
                widget.deleteLater()
        rows.clear()

    @staticmethod
    def _finish(box: QGroupBox, empty: QLabel, rows: Mapping[OmitReason, Any]) -> None:
        grid = box.layout()
        assert isinstance(grid, QGridLayout)
        if not rows:
            grid.addWidget(empty, 0, 0, 1, 2)
        empty.setVisible(not rows)

    def texts(self, section: str) -> dict[OmitReason, str]:
        """The sentence shown for each reason of ``left_out`` or ``blanked``."""
        rows = self.left_out_rows if section == "left_out" else self.blanked_rows
        return {reason: label.text() for reason, (label, _b) in rows.items()}

    def list_button(self, section: str, reason: OmitReason) -> QPushButton:
        rows = self.left_out_rows if section == "left_out" else self.blanked_rows
        return rows[reason][1]

