"""The spreadsheet import's reasons and notes in the interface language.

The core (``registry.interop``) says why a row is rejected, merged or noted in English, for the
command line and the saved report: ``field: problem`` parts joined by "; " ("name_latin: is
longer than 200 characters; id: is not a record id"), and notes on the mapping ("column 3 also
names email: ignored"). This is the one place the wizard says them to a person: the field by
its label ("Имя (латиницей)"), the problem in words, and a problem it does not know as "does
not pass the checks" rather than in English or as a code.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from registry.domain.enums import Kind
from registry.gui.editors.labels import labels
from registry.gui.i18n import number, translate

Say = Callable[[re.Match[str]], str]


def _n(match: re.Match[str], group: int = 1) -> str:
    text = match.group(group)
    return number(int(text)) if text.isdigit() else text


def _kind(value: str) -> str:
    try:
        return labels().kind(Kind(value)).lower()
    except ValueError:
        return value


# a field's problem, as the core writes it (registry.domain.validate, registry.interop.importer)
PROBLEMS: list[tuple[re.Pattern[str], Say]] = [(re.compile(p + r"\Z"), say) for p, say in [
    (r"is required", lambda m: translate("Spreadsheet", "is required")),
    (r"not a field of (\w+)", lambda m: translate(
        "Spreadsheet", "is not a field of a record of this kind ({0})").format(_kind(m[1]))),
    (r"must be a list", lambda m: translate("Spreadsheet", "must be a list")),
    (r"at most (\d+) items", lambda m: translate(
        "Spreadsheet", "has too many items (at most {0})").format(_n(m))),
    (r"is not a record id", lambda m: translate("Spreadsheet", "is not a record id")),
    (r"is not an ISO 3166-1 country code \(e\.g\. DE\)", lambda m: translate(
        "Spreadsheet", "is not a two-letter country code (for example DE)")),
    (r"is not a federal subject code \(e\.g\. RU-SVE, UA-43\)", lambda m: translate(
        "Spreadsheet", "is not a region code (for example RU-SVE, UA-43)")),
    (r"(?:\w+: )?must be text", lambda m: translate("Spreadsheet", "must be text")),
    (r"not a sensitivity level; use one of: .*", lambda m: translate(
        "Spreadsheet", "is not a sensitivity level (public, internal, confidential, "
        "protected)")),
    (r"is longer than (\d+) characters", lambda m: translate(
        "Spreadsheet", "is too long (at most {0} characters)").format(_n(m))),
    (r"contains control characters", lambda m: translate(
        "Spreadsheet", "contains control characters")),
    (r"must be one of: .*", lambda m: translate(
        "Spreadsheet", "is not one of the values this field accepts")),
    (r"must be true or false", lambda m: translate("Spreadsheet", "must be yes or no")),
    (r"must be a whole number", lambda m: translate("Spreadsheet", "must be a whole number")),
    (r"must be at least (\S+)", lambda m: translate(
        "Spreadsheet", "must be at least {0}").format(m[1])),
    (r"must be at most (\S+)", lambda m: translate(
        "Spreadsheet", "must be at most {0}").format(m[1])),
    (r"must be a date as YYYY-MM-DD", lambda m: translate(
        "Spreadsheet", "must be a date written year-month-day (2024-05-31)")),
    (r"must be person or organisation", lambda m: translate(
        "Spreadsheet", "must be person or organisation")),
    (r"that record is not a (\w+)", lambda m: translate(
        "Spreadsheet", "names a record that is not of this kind ({0})").format(_kind(m[1]))),
    (r"that record was deleted or erased", lambda m: translate(
        "Spreadsheet", "names a record that was deleted or erased")),
    (r"that record is not a person or organisation, or was merged into another",
     lambda m: translate("Spreadsheet", "names a record that is not a person or organisation, "
                         "or that was merged into another")),
    (r"fits \d+ records; add an id column to say which", lambda m: translate(
        "Spreadsheet", "fits several records; add a record id column to say which")),
    (r"\d+ records have this name and no identifier confirms one; add an id column to say "
     r"which", lambda m: translate(
        "Spreadsheet", "several records have this name and nothing confirms one of them; add "
        "a record id column to say which")),
]]

# a whole part of a reason or note (no field)
NOTES: list[tuple[re.Pattern[str], Say]] = [(re.compile(p + r"\Z"), say) for p, say in [
    (r"same as line (\d+)", lambda m: translate(
        "Spreadsheet", "the same as line {0}").format(_n(m))),
    (r"same record as line (\d+)", lambda m: translate(
        "Spreadsheet", "the same record as line {0}").format(_n(m))),
    (r"merged into (\S+)", lambda m: translate(
        "Spreadsheet", "already merged into {0}").format(m[1])),
    (r"kept apart from (\S+): .*", lambda m: translate(
        "Spreadsheet", "kept apart from {0} (see the duplicates review)").format(m[1])),
    (r"id not in this vault: matched by name", lambda m: translate(
        "Spreadsheet", "record id not in this vault: matched by name")),
    (r"protected until reviewed: a namesake here is protected", lambda m: translate(
        "Spreadsheet", "protected until reviewed: a namesake in the vault is protected")),
    (r"protection kept: ([a-z_, ]+) not lowered \(.*\)", lambda m: translate(
        "Spreadsheet", "protection kept ({0}): lower it in the record itself").format(
        ", ".join(_field(f) for f in m[1].split(", ")))),
    (r"column (\d+) also names (\w+): ignored", lambda m: translate(
        "Spreadsheet", "Column {0} also names “{1}”: ignored").format(_n(m), _field(m[2]))),
]]


def _field(name: str) -> str:
    from registry.gui.spreadsheet.pages import field_label  # pages shows reasons: no cycle

    return field_label(name)


def _say(part: str) -> str:
    part = part.strip()
    for pattern, say in NOTES:
        if match := pattern.match(part):
            return say(match)
    name, sep, problem = part.partition(": ")
    if sep and re.fullmatch(r"[a-z_]+", name):
        for pattern, say in PROBLEMS:
            if match := pattern.match(problem):
                return f"{_field(name)}: {say(match)}"
        return f"{_field(name)}: " + translate("Spreadsheet", "does not pass the checks")
    return translate("Spreadsheet", "does not pass the checks")


def parts(reason: str) -> list[str]:
    """The parts of a reason the core joined with "; " (a part that is neither a note nor
    ``field: problem`` continues the one before: "fits 3 records; add an id column…")."""
    out: list[str] = []
    for part in reason.split("; "):
        known = re.match(r"[a-z_]+: ", part) or any(p.match(part) for p, _ in NOTES)
        if out and not known:
            out[-1] += "; " + part
        else:
            out.append(part)
    return out


def reason_text(reason: str | None) -> str:
    """A row's reason or a mapping note, in the interface language."""
    if not reason:
        return ""
    return "; ".join(_say(part) for part in parts(reason))


# why nothing is imported (registry.interop.importer: the report's rejected_file)
VERDICTS: list[tuple[re.Pattern[str], Say]] = [(re.compile(p + r"\Z"), say) for p, say in [
    (r"The file has no data rows\.", lambda m: translate(
        "Spreadsheet", "The file has no data rows.")),
    (r"No row could be imported \(see the rejected rows\)\.", lambda m: translate(
        "Spreadsheet", "No row could be imported (see the rejected rows).")),
    (r"(\d+) of (\d+) rows were rejected: more than half, so the file or its column mapping is "
     r"probably wrong\. Nothing was imported\.", lambda m: translate(
        "Spreadsheet", "More than half of the rows were rejected ({0} of {1}): the file or its "
        "column mapping is probably wrong. Nothing was imported.").format(_n(m), _n(m, 2))),
    (r"(\d+) row\(s\) were rejected and --strict imports all rows or none\.", lambda m: translate(
        "Spreadsheet", "Some rows were rejected ({0}), and this import takes all rows or none.")
     .format(_n(m))),
]]


def verdict_text(verdict: str) -> str:
    """Why the file is refused as a whole, in the interface language."""
    for pattern, say in VERDICTS:
        if match := pattern.match(verdict):
            return say(match)
    return translate("Spreadsheet", "does not pass the checks")
