"""A pair's evidence in the interface's language.

The core says each line of evidence in English and keeps what it says
(:class:`registry.match.evidence.Reason`: a code and the values it names); this module says
it again from Qt's translations. Field values are shown as the comparison table shows them
(a gender, a region by its name). A line that is no ``Reason`` (a reason given when a pair was
queued on purpose) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from registry.domain.enums import Kind
from registry.gui.i18n import translate
from registry.match.evidence import Reason

_FIELD_CODES = frozenset({"field_agrees", "field_agrees_rare", "field_differs",
                          "field_differs_name_says", "field_close"})
_COUNTED_CODES = frozenset({"unmatched", "rare_name", "common_name"})


def _templates() -> dict[str, str]:
    """Every evidence code's text in the interface's language; values are %1, %2..."""
    return {
        "same": translate(
            "Evidence", "%1: %2 = %3 (the same name)"),
        "transliteration": translate(
            "Evidence", "%1: %2 ≈ %3 (another romanisation)"),
        "similar": translate(
            "Evidence", "%1: %2 ≈ %3 (similar spelling)"),
        "vowels": translate(
            "Evidence", "%1: %2 ≈ %3 (other vowels)"),
        "initial": translate(
            "Evidence", "%1: the initial %2 fits %3"),
        "gender": translate(
            "Evidence", "%1 forms differ by gender (%2 / %3): related, not the same"),
        "short_form": translate(
            "Evidence", "%1: %2 is a short form of %3 (a weaker match)"),
        "short_form_of_several": translate(
            "Evidence", "%1: %2 is a short form of %3, and of other names (weak)"),
        "patronymic_agrees": translate(
            "Evidence", "patronymic: %1 / %2 agree"),
        "patronymic_differs": translate(
            "Evidence", "patronymics differ (%1 / %2)"),
        "field_agrees": translate(
            "Evidence", "%1: %2 = %3"),
        "field_agrees_rare": translate(
            "Evidence", "%1: %2 = %3 (few records have it: stronger)"),
        "field_differs": translate(
            "Evidence", "%1: %2 ≠ %3"),
        "field_differs_name_says": translate(
            "Evidence", "%1: %2 ≠ %3 (the name's own form says which: weak)"),
        "field_close": translate(
            "Evidence", "%1: %2 ≈ %3 (one apart: weak)"),
        "same_organisation": translate(
            "Evidence", "both are tied to the same organisation (%1)"),
        "only_name": translate(
            "Evidence", "the only given name with this initial among records of this "
                        "family name"),
        "told_apart": translate(
            "Evidence", "of the given names with this initial among records of this "
                        "family name, only this one's records agree with it on place, "
                        "gender or birth year"),
        "kinds_differ": translate(
            "Evidence", "different kinds of record"),
    }


def _words() -> dict[str, str]:
    """Name roles and field names, as they stand in the lines."""
    return {
        "family name": translate("Evidence", "family name"),
        "given name": translate("Evidence", "given name"),
        "name": translate("Evidence", "name"),
        "name word": translate("Evidence", "name word"),
        "patronymic": translate("Evidence", "patronymic"),
        "birth_year": translate("Evidence", "birth year"),
        "gender": translate("Evidence", "gender"),
        "country": translate("Evidence", "country"),
        "region": translate("Evidence", "region"),
        "city": translate("Evidence", "city"),
        "founded": translate("Evidence", "founded"),
        "email": translate("Evidence", "e-mail"),
        "phone": translate("Evidence", "phone"),
        "website": translate("Evidence", "website"),
        "signal": translate("Evidence", "Signal"),
        "telegram": translate("Evidence", "Telegram"),
        "review_date": translate("Evidence", "review date"),
    }


class EvidenceCounts(QObject):
    """The lines whose value is a count, in each language's plural forms:
    ``self.tr(text, "", n)`` in a class is the form pyside6-lupdate marks as plural."""

    def unmatched(self, n: int) -> str:
        return self.tr("%Ln name parts do not match", "", n)

    def rare_name(self, n: int) -> str:
        return self.tr("this name is rare here (%Ln records bear it): stronger evidence", "",
                       n)

    def common_name(self, n: int) -> str:
        return self.tr("this name is common here (%Ln records bear it): weaker evidence", "",
                       n)


def _counted(code: str, values: tuple[str, ...]) -> str | None:
    """The line of a counted code (its count is its first value), else None."""
    if code not in _COUNTED_CODES or not values or not values[0].isdigit():
        return None
    counts = EvidenceCounts()
    say = {"unmatched": counts.unmatched, "rare_name": counts.rare_name,
           "common_name": counts.common_name}[code]
    return say(int(values[0]))


Formatter = Callable[[Kind, str, Any], str]


def evidence_text(line: str, kind: str = "person", fmt: Formatter | None = None) -> str:
    """One line of evidence in the interface's language; ``fmt`` shows a field's value."""
    if not isinstance(line, Reason):  # a queued pair's own reason
        return str(line)
    counted = _counted(line.code, line.values)
    if counted is not None:
        return counted
    template = _templates().get(line.code)
    if template is None:  # a code this screen does not know
        return str(line)
    values = list(line.values)
    if fmt is not None and line.code in _FIELD_CODES and len(values) == 3:
        record_kind = Kind.ORGANISATION if kind == "organisation" else Kind.PERSON
        values[1:] = [fmt(record_kind, values[0], v) for v in values[1:]]
    words = _words()
    shown = [words.get(v, v) for v in values]
    for i in range(len(shown), 0, -1):  # %10 before %1
        template = template.replace(f"%{i}", shown[i - 1])
    return template


def evidence_lines(lines: tuple[str, ...], kind: str = "person",
                   fmt: Formatter | None = None) -> list[str]:
    return [evidence_text(line, kind, fmt) for line in lines]
