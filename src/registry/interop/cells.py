"""Spreadsheet cells into the values :func:`registry.domain.validate.normalise` accepts.

People type what they know: ``женский``, ``журналист``, ``Свердловская область``,
``Германия``, ``да``, ``01.02.2024``. This module turns the common ones into the canonical
enum values and codes; anything it does not know is passed on unchanged, so validation
refuses it with the field's name. Nothing here raises with a cell's content.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from registry.domain import regions
from registry.domain.enums import Gender, Group, OrgType, Role
from registry.domain.model import FieldSpec, FieldType
from registry.interop.mapping import fold_header

# A cell that starts like a formula is written with a leading apostrophe by the CSV export
# (so a spreadsheet program does not run it); the apostrophe is taken off again here.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_LIST_SPLIT = re.compile(r"\s*[;\n]\s*")
CODE_LIST_SPLIT = re.compile(r"\s*[;,\n]\s*")
_RU_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")

_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    Gender.__name__: {
        "female": ("f", "w", "woman", "ж", "жен", "женский", "женщина", "женск"),
        "male": ("m", "man", "м", "муж", "мужской", "мужчина", "мужск"),
        "other": ("другой", "другое", "иной", "иное", "non binary", "небинарный", "diverse"),
        "undisclosed": ("не указан", "не указано", "не раскрыт", "не раскрыто", "нет данных",
                        "prefer not to say", "unknown", "неизвестно", "n a"),
    },
    Role.__name__: {
        "activist": ("активист", "активистка", "активисты"),
        "journalist": ("журналист", "журналистка", "journalists", "reporter", "репортер"),
        "researcher": ("исследователь", "исследовательница", "ученый", "ученая",
                       "academic", "scholar", "scientist", "эксперт", "аналитик"),
        "politician": ("политик", "депутат"),
        "lawyer": ("юрист", "юристка", "адвокат", "адвокатка", "attorney"),
        "artist": ("художник", "художница", "артист", "артистка", "деятель искусства",
                   "musician", "музыкант", "writer", "писатель", "писательница"),
        "human_rights_defender": ("правозащитник", "правозащитница", "hrd",
                                  "human rights", "правозащита"),
        "other": ("другое", "иное", "другая"),
    },
    Group.__name__: {
        "national_minority": ("национальное меньшинство", "нацменьшинство", "minority"),
        "regional_community": ("региональное сообщество",),
        "lgbtq": ("lgbt", "lgbtq", "lgbtq+", "lgbt+", "lgbtiq", "лгбт", "лгбтк", "лгбт+",
                  "лгбтк+"),
        "disability": ("инвалидность", "disabled", "с инвалидностью"),
        "other": ("другое", "иное"),
    },
    OrgType.__name__: {
        "media": ("сми", "медиа", "independent media", "независимое сми", "издание",
                  "media outlet"),
        "ngo": ("нко", "нго", "non profit", "nonprofit", "некоммерческая организация"),
        "human_rights": ("правозащитная", "правозащитная организация", "human rights",
                         "правозащита"),
        "research": ("исследовательская", "аналитический центр", "think tank",
                     "research think tank", "исследования", "институт"),
        "political_movement": ("политическое движение", "движение", "партия", "party",
                               "political party"),
        "education": ("образование", "образовательная", "университет", "university",
                      "school", "школа"),
        "culture": ("культура", "cultural", "театр", "theatre", "theater"),
        "diaspora": ("диаспора", "diaspora community", "community", "сообщество",
                     "община"),
        "donor": ("донор", "фонд", "foundation", "funder", "donor foundation"),
        "government": ("государственный орган", "госорган", "правительство",
                       "government body", "ministry", "министерство", "ведомство"),
    },
}
_SENSITIVITY = {"публичный": "public", "публично": "public", "открытый": "public",
                "внутренний": "internal", "для служебного пользования": "internal", "дсп":
                "internal", "конфиденциальный": "confidential", "конфиденциально":
                "confidential", "защищенный": "protected", "защищено": "protected"}
_TRUE = ("да", "д", "yes", "y", "true", "1", "x", "истина", "+", "✓", "ja", "oui")
_FALSE = ("нет", "н", "no", "n", "false", "0", "ложь", "-", "nein", "non")
_REGION_WORDS = frozenset({
    "область", "обл", "край", "республика", "респ", "автономный", "автономная", "округ",
    "ао", "город", "г", "федерального", "значения", "оккупирован", "oblast", "oblast'",
    "kray", "krai", "respublika", "republic", "of", "the", "avtonomnyy", "avtonomnaya",
    "autonomous", "okrug", "region", "city", "territory", "federal", "occupied", "obl",
})
_ADJ_ENDINGS = ("skaya", "skiy", "skij", "skii", "sky", "skoy", "sk", "ская", "ский",
                "ской", "ск", "iya", "ия", "ya", "ья", "aya", "ая", "iy", "ий", "ый", "a",
                "а", "y", "ы", "ia", "ie")
_REGION_ALIASES = {
    "moscow": "RU-MOW", "москва": "RU-MOW", "moskva": "RU-MOW",
    "saint petersburg": "RU-SPE", "st petersburg": "RU-SPE", "petersburg": "RU-SPE",
    "sankt peterburg": "RU-SPE", "санкт петербург": "RU-SPE", "петербург": "RU-SPE",
    "спб": "RU-SPE", "питер": "RU-SPE", "crimea": "UA-43", "крым": "UA-43",
    "республика крым": "UA-43", "sevastopol": "UA-40", "севастополь": "UA-40",
    "yakutia": "RU-SA", "якутия": "RU-SA", "sakha yakutia": "RU-SA", "chechnya": "RU-CE",
    "чечня": "RU-CE", "chuvashia": "RU-CU", "чувашия": "RU-CU", "tuva": "RU-TY",
    "тыва": "RU-TY", "тува": "RU-TY", "north ossetia": "RU-SE", "северная осетия": "RU-SE",
    "mari el": "RU-ME", "марий эл": "RU-ME", "kabardino balkaria": "RU-KB",
    "karachay cherkessia": "RU-KC", "khanty mansi": "RU-KHM", "хмао": "RU-KHM",
    "yamalo nenets": "RU-YAN", "янао": "RU-YAN", "jewish autonomous oblast": "RU-YEV",
    "еао": "RU-YEV", "altai republic": "RU-AL", "республика алтай": "RU-AL",
    "altai krai": "RU-ALT", "алтайский край": "RU-ALT", "moscow oblast": "RU-MOS",
    "московская область": "RU-MOS", "подмосковье": "RU-MOS",
    "nizhny novgorod": "RU-NIZ", "nizhny novgorod oblast": "RU-NIZ",
    "нижний новгород": "RU-NIZ", "yaroslavl": "RU-YAR", "yaroslavl oblast": "RU-YAR",
    "penza": "RU-PNZ", "penza oblast": "RU-PNZ", "kamchatka": "RU-KAM",
    "kamchatka krai": "RU-KAM", "камчатка": "RU-KAM", "chukotka": "RU-CHU",
    "чукотка": "RU-CHU", "kaluga": "RU-KLU", "kaluga oblast": "RU-KLU", "oryol": "RU-ORL",
    "orel": "RU-ORL", "oryol oblast": "RU-ORL", "nenets": "RU-NEN", "yamal": "RU-YAN",
    "ямал": "RU-YAN",
}


def _word_index() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for enum_name, table in _WORDS.items():
        index = out.setdefault(enum_name, {})
        for value, words in table.items():
            index[fold_header(value)] = value
            for word in words:
                index.setdefault(fold_header(word), value)
    return out


_ENUM_WORDS = _word_index()


def needs_guard(text: str) -> bool:
    """Whether the CSV export puts an apostrophe before ``text``: it starts like a formula,
    or with apostrophes before one (``'-- note``), which :func:`unguard` would otherwise take
    for the export's own and take off."""
    return text.lstrip("'").startswith(FORMULA_START)


def unguard(text: str) -> str:
    """Take off the apostrophe the CSV export puts before a formula-like cell."""
    return text[1:] if text.startswith("'") and needs_guard(text) else text


def translate(spec: FieldSpec, text: str) -> Any:
    """The cell ``text`` in the form ``normalise`` expects for ``spec`` (None when empty)."""
    text = unguard(text.strip())
    if not text:
        return None
    if spec.is_list:
        parts = (TEXT_LIST_SPLIT if spec.type is FieldType.TEXT_LIST else CODE_LIST_SPLIT)
        return [_scalar(spec, p) for p in parts.split(text) if p]
    return _scalar(spec, text)


def _scalar(spec: FieldSpec, text: str) -> Any:
    if spec.enum is not None:
        return _ENUM_WORDS.get(spec.enum.__name__, {}).get(fold_header(text), text)
    convert = _CONVERTERS.get(spec.type)
    return convert(text) if convert is not None else text


def _int_text(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f']", "", text)


def _sensitivity(text: str) -> str:
    return _SENSITIVITY.get(fold_header(text), text)


def _region(text: str) -> str:
    return region_code(text) or text


def _country(text: str) -> str:
    return country_code(text) or text


def _bool(text: str) -> Any:
    folded = text.strip().casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return text


def _date(text: str) -> str:
    m = _RU_DATE.match(text)
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}T", text) else text


# -- regions and countries -------------------------------------------------------------------
def _stem(word: str) -> str:
    for ending in _ADJ_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def region_key(text: str) -> str:
    """A script-independent key of a region's name without words like oblast / область."""
    from registry.match.translit import skeleton

    words = [w for w in fold_header(text).split() if w not in _REGION_WORDS]
    return "".join(skeleton(_stem(w)) for w in words)


@functools.cache
def _region_index() -> dict[str, str]:
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for region in regions.regions():
        for name in (region.name_en, region.name_ru):
            key = region_key(name)
            if key and index.get(key, region.code) != region.code:
                ambiguous.add(key)
            index[key] = region.code
    for key in ambiguous:
        del index[key]
    return index


def region_code(text: str) -> str | None:
    """``RU-SVE`` from ``RU-SVE``, ``SVE``, ``Свердловская область``, ``Sverdlovsk Oblast``."""
    code = text.strip().upper()
    if regions.is_region(code):
        return code
    if regions.is_region("RU-" + code):
        return "RU-" + code
    folded = fold_header(text)
    if folded in _REGION_ALIASES:
        return _REGION_ALIASES[folded]
    key = region_key(text)
    return _region_index().get(key) if key else None


@functools.cache
def _country_index() -> dict[str, str]:
    import gettext

    import pycountry

    try:
        tr: gettext.NullTranslations = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:  # pragma: no cover - pycountry always ships its locales
        tr = gettext.NullTranslations()
    index: dict[str, str] = {}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""),
                 c.alpha_3]
        names += [tr.gettext(n) for n in names[:3] if n]
        for name in names:
            if name:
                index.setdefault(fold_header(name), c.alpha_2)
    index.update({fold_header(k): v for k, v in _COUNTRY_ALIASES.items()})
    return index


_COUNTRY_ALIASES = {
    "UK": "GB", "Great Britain": "GB", "England": "GB", "Britain": "GB",
    "Великобритания": "GB", "Англия": "GB", "USA": "US", "United States of America": "US",
    "США": "US", "Америка": "US", "Russia": "RU", "Россия": "RU", "РФ": "RU",
    "Deutschland": "DE", "Moldova": "MD", "Молдова": "MD", "Молдавия": "MD",
    "Czechia": "CZ", "Чехия": "CZ", "Грузия": "GE", "Georgia": "GE", "Turkey": "TR",
    "Турция": "TR", "Türkiye": "TR", "Holland": "NL", "Нидерланды": "NL",
    "Голландия": "NL", "Korea": "KR", "Южная Корея": "KR", "Киргизия": "KG",
    "Кыргызстан": "KG", "Беларусь": "BY", "Белоруссия": "BY", "Belarus": "BY",
}


def country_code(text: str) -> str | None:
    """``DE`` from ``DE``, ``deu``, ``Germany``, ``Германия``."""
    code = text.strip().upper()
    if len(code) == 2 and regions.is_country(code):
        return code
    return _country_index().get(fold_header(text))


_CONVERTERS: dict[FieldType, Callable[[str], Any]] = {
    FieldType.BOOL: _bool, FieldType.DATE: _date, FieldType.INT: _int_text,
    FieldType.SENSITIVITY: _sensitivity, FieldType.REGION: _region,
    FieldType.REGION_LIST: _region, FieldType.COUNTRY: _country,
    FieldType.COUNTRY_LIST: _country,
}
