"""What the lists show: column headers, cell texts and the filters of each section.

Enumerated values and field names use the editors' translated labels when that module is
present, so a value reads the same in a list and in a form.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from registry.domain.enums import (
    Confidence,
    Horizon,
    Kind,
    OrgType,
    Role,
    Sensitivity,
    SupportKind,
    SupportStatus,
    TieKind,
)
from registry.domain.model import KINDS, FieldType
from registry.domain.regions import DISTRICT_OF
from registry.domain.regions_ru import NAMES_RU
from registry.gui.i18n import date_text, number, translate
from registry.service import LIST_SPECS as SPECS


def _labels() -> Any:
    try:
        from registry.gui.editors.labels import labels
    except ImportError:
        return None
    return labels()


def _humanise(value: str) -> str:
    return value.replace("_", " ").capitalize()


# column key -> enum whose labels translate its values
COLUMN_ENUMS: dict[tuple[Kind, str], type[Enum]] = {
    (Kind.PERSON, "roles"): Role,
    (Kind.ORGANISATION, "type"): OrgType,
    (Kind.TIE, "kind"): TieKind,
    (Kind.TIE, "confidence"): Confidence,
    (Kind.SUPPORT, "kind"): SupportKind,
    (Kind.SUPPORT, "status"): SupportStatus,
    (Kind.SUPPORT, "horizon"): Horizon,
}


def headers(kind: Kind) -> list[str]:
    """Column headers: each column's field's declared header, in the interface language."""
    fields, language = KINDS[kind].by_name, "ru" if _ru() else "en"
    return [fields[c.field_name].header(language) for c in SPECS[kind].columns]


def enum_labels(enum: type[Enum]) -> dict[str, str]:
    labels = _labels()
    if labels is not None:
        try:
            return dict(labels.enum(enum))
        except (KeyError, AttributeError):
            pass
    return {str(m.value): _humanise(str(m.value)) for m in enum}


def sensitivity_labels() -> dict[str, str]:
    labels = _labels()
    out = {}
    for level in Sensitivity:
        text = labels.sensitivity(level) if labels is not None else _humanise(level.label)
        out[level.label] = str(text)
    return out


@functools.cache
def region_names(language: str) -> dict[str, str]:
    """Names of the regions by code in ``"ru"`` or ``"en"`` (English loads pycountry: the
    database thread preloads it, see :mod:`registry.gui.preload`)."""
    if language == "ru":
        return {code: NAMES_RU.get(code, code) for code in DISTRICT_OF}
    from registry.domain.regions import regions

    return {r.code: r.name_en for r in regions()}


def actor_text(label: str) -> str:
    """An actor's label as the analytics give it, a pseudonym ("Person #3FA9C2") in the
    interface language ("Человек №3FA9C2"); a name as it is."""
    from registry.analytics.labels import PSEUDONYM

    found = PSEUDONYM.fullmatch(label)
    if found is None:
        return label
    kind, tag = found.groups()
    text = translate("Display", "Person #{0}") if kind == "Person" else \
        translate("Display", "Organisation #{0}")
    return text.replace("{0}", tag)


def region_name(code: str) -> str:
    return region_names("ru" if _ru() else "en").get(code, code)


def _ru() -> bool:
    from PySide6.QtCore import QLocale

    return QLocale().language() == QLocale.Language.Russian


def formatter(kind: Kind) -> Callable[[str, Any], str]:
    """A cell formatter for ``kind``: column key and raw value → display text."""
    from registry.gui.editors.pickers import country_name  # the editors import this module

    enums = {key: enum_labels(enum) for (k, key), enum in COLUMN_ENUMS.items() if k is kind}
    sens = sensitivity_labels()
    yes = translate("Display", "Yes")
    types = {f.name: f.type for f in KINDS[kind].fields}

    def fmt(key: str, value: Any) -> str:  # noqa: PLR0911 - one return per kind of value
        if value is None or value == "":
            return ""
        if types.get(key) is FieldType.DATE:
            return date_text(str(value))
        if types.get(key) in (FieldType.COUNTRY, FieldType.COUNTRY_LIST):
            codes = value if isinstance(value, list) else [value]
            return ", ".join(country_name(str(c)) for c in codes)
        if key in enums:
            if isinstance(value, list):
                return ", ".join(enums[key].get(str(v), str(v)) for v in value)
            return enums[key].get(str(value), str(value))
        if key == "sensitivity":
            return sens.get(str(value), str(value))
        if key == "inside_russia":
            return yes if value else ""
        if key == "region":
            return region_name(str(value))
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if isinstance(value, float):
            return number(value)
        return str(value)

    return fmt


@dataclass(frozen=True)
class FilterChoice:
    """A filter combo: its listing key, its label, and where its choices come from."""

    key: str
    label: str
    choices: Callable[[], list[tuple[str, Any]]] | None  # None: ask the vault (country)
    column: str | None = None  # listing column whose present values are the choices


def _enum_choices(enum: type[Enum]) -> Callable[[], list[tuple[str, Any]]]:
    return lambda: sorted(((text, value) for value, text in enum_labels(enum).items()),
                          key=lambda p: p[0].lower())


def _sens_choices() -> list[tuple[str, Any]]:
    return [(text, value) for value, text in sensitivity_labels().items()]


def _region_choices() -> list[tuple[str, Any]]:
    return sorted(((region_name(c), c) for c in DISTRICT_OF), key=lambda p: p[0].lower())


def _inside_choices() -> list[tuple[str, Any]]:
    return [(translate("Display", "Inside Russia"), True),
            (translate("Display", "Outside Russia"), False)]


def filters(kind: Kind) -> list[FilterChoice]:
    sens = FilterChoice("sensitivity", translate("Display", "Sensitivity"), _sens_choices)
    country = FilterChoice("country", translate("Display", "Country"), None, "country")
    region = FilterChoice("region", translate("Display", "Region"), _region_choices)
    table: dict[Kind, list[FilterChoice]] = {
        Kind.PERSON: [
            FilterChoice("role", translate("Display", "Role"), _enum_choices(Role)),
            region, country,
            FilterChoice("inside_russia", translate("Display", "Inside Russia"), _inside_choices),
            sens],
        Kind.ORGANISATION: [
            FilterChoice("type", translate("Display", "Type"), _enum_choices(OrgType)),
            country,
            FilterChoice("region", translate("Display", "Region covered"), _region_choices),
            sens],
        Kind.TIE: [
            FilterChoice("tie_kind", translate("Display", "Kind"), _enum_choices(TieKind)),
            FilterChoice("confidence", translate("Display", "Confidence"),
                         _enum_choices(Confidence)),
            sens],
        Kind.SUPPORT: [
            FilterChoice("support_kind", translate("Display", "Kind"), _enum_choices(SupportKind)),
            FilterChoice("status", translate("Display", "Status"), _enum_choices(SupportStatus)),
            FilterChoice("horizon", translate("Display", "Horizon"), _enum_choices(Horizon)),
            sens],
        Kind.EVENT: [country, sens],
        Kind.EVALUATION: [sens],
    }
    return table[kind]


def section_title(kind: Kind) -> str:
    return {
        Kind.PERSON: translate("Display", "People"),
        Kind.ORGANISATION: translate("Display", "Organisations"),
        Kind.TIE: translate("Display", "Ties"),
        Kind.SUPPORT: translate("Display", "Support"), Kind.EVENT: translate("Display", "Events"),
        Kind.EVALUATION: translate("Display", "Evaluations"),
        Kind.DECISION: translate("Display", "Duplicate decisions"),
    }[kind]
