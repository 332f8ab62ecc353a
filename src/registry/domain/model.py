"""Record kinds and their fields (DESIGN §4).

Each kind is described once, as data: the store builds its tables and the merge, export
redaction, digest and validation all read these specs, so a field is added in one place.
A field's declaration also says how people meet it: its label in English and Russian (the
editors, record view and problem messages), its header in a record list, the options of
``registry add``/``update`` that set it and the spreadsheet headers that name it. The CLI
options, the spreadsheet mapping, the list headers and the editors' labels are made from
these, and tests check the Designer forms against them (tests/domain/test_fields.py).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from registry.domain.enums import (
    Confidence,
    DuplicateDecision,
    Gender,
    Group,
    Horizon,
    Kind,
    OrgType,
    Role,
    Sensitivity,
    SupportKind,
    SupportStatus,
    TieKind,
)
from registry.domain.hlc import Stamp


class FieldType(Enum):
    TEXT = "text"
    TEXT_LIST = "text_list"
    ENUM = "enum"
    ENUM_LIST = "enum_list"
    BOOL = "bool"
    INT = "int"
    NUMBER = "number"
    DATE = "date"
    REF = "ref"
    REF_LIST = "ref_list"
    COUNTRY = "country"
    COUNTRY_LIST = "country_list"
    REGION = "region"
    REGION_LIST = "region_list"
    CURRENCY = "currency"
    SENSITIVITY = "sensitivity"


LIST_TYPES = frozenset({FieldType.TEXT_LIST, FieldType.ENUM_LIST, FieldType.REF_LIST,
                        FieldType.COUNTRY_LIST, FieldType.REGION_LIST})


@dataclass(frozen=True)
class Label:
    """A text in the two interface languages."""

    en: str
    ru: str

    def __call__(self, language: str) -> str:
        """The text in ``"ru"`` or ``"en"`` (any other language reads English)."""
        return self.ru if language == "ru" else self.en


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record kind.

    ``floor`` is the field's own sensitivity: an export whose ceiling is below it leaves the
    field out. ``searchable`` fields feed the full-text index. ``free_text`` fields are
    where a user writes prose or names, so a protected person may be named; this flag is
    the one list of the fields an export scans and blanks for such mentions (DESIGN
    §6.4.6). Aliases and languages (typed freely) are scanned (an alias may name someone
    else: "друг Марии Кузнецовой"); identifiers (e-mail, phone, handles) and what the
    application sets are not. An actor's own name is read whole by the export instead
    (``sync.exporter.actors_naming``): an organisation's name, Latin name and website, a
    person's name and Latin name when they name her as more than a namesake ("Жена Марии
    Кузнецовой"; another "Мария Кузнецова" is no mention): one named after her stays home.
    ``max_len`` bounds text.

    How people meet the field: ``label`` names it on screen (editors, record view,
    problems); ``column`` is its shorter header in a record list (default: the label);
    ``cli`` are the options of ``registry add``/``update`` that set it, without the dashes
    (a list field's option is given once per item); ``aliases`` are spreadsheet headers,
    English or Russian, that name it besides its own name (DESIGN §9). ``editable`` is
    False for a field the application sets (deletion, merge, an evaluation's assessor): no
    form or import writes it.
    """

    name: str
    type: FieldType
    enum: builtins.type[Enum] | None = None
    floor: Sensitivity = Sensitivity.PUBLIC
    searchable: bool = False
    free_text: bool = False
    max_len: int = 500
    max_items: int = 50
    minimum: float | None = None
    maximum: float | None = None
    label: Label | None = None
    column: Label | None = None
    cli: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    editable: bool = True

    @property
    def is_list(self) -> bool:
        return self.type in LIST_TYPES

    def text(self, language: str) -> str:
        """The field's label in ``"en"`` or ``"ru"``; its name when it has none."""
        return self.label(language) if self.label is not None else self.name

    def header(self, language: str) -> str:
        """The field's column header in a record list."""
        return self.column(language) if self.column is not None else self.text(language)


@dataclass(frozen=True)
class KindSpec:
    kind: Kind
    table: str
    fields: tuple[FieldSpec, ...]
    required: tuple[str, ...] = ()
    label_field: str = "name"
    by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def spec(self, name: str) -> FieldSpec:
        return self.by_name[name]


T, E, B, C = FieldType.TEXT, FieldType.ENUM, FieldType.BOOL, Sensitivity.CONFIDENTIAL
P = Sensitivity.PROTECTED
L = Label
NOTES = L("Notes", "Заметки")
START, END = L("Start", "Начало"), L("End", "Окончание")

# Every kind carries these record-level fields, versioned like the others.
COMMON = (
    FieldSpec("sensitivity", FieldType.SENSITIVITY, label=L("Sensitivity", "Уровень доступа"),
              cli=("sensitivity",), aliases=("чувствительность", "уровень доступа", "гриф")),
    FieldSpec("deleted", B, editable=False),
    FieldSpec("merged_into", FieldType.REF, editable=False),
)

NAMES = (
    FieldSpec("name", T, searchable=True, max_len=300,
              label=L("Name (native script)", "Имя (в оригинальном написании)"),
              column=L("Name", "Имя"), cli=("name",),
              aliases=("full name", "fio", "имя", "фио", "полное имя", "название",
                       "наименование", "имя фамилия", "фамилия имя", "фамилия имя отчество",
                       "organisation", "organization", "организация")),
    FieldSpec("name_latin", T, searchable=True, max_len=300,
              label=L("Name (Latin script)", "Имя (латиницей)"),
              column=L("Name (Latin)", "Имя (латиницей)"), cli=("name-latin",),
              aliases=("latin name", "name in latin", "name latin script", "name en",
                       "english name", "latin", "имя латиницей", "имя на латинице", "латиница",
                       "название латиницей", "название на латинице", "транслитерация")),
    FieldSpec("aliases", FieldType.TEXT_LIST, searchable=True, free_text=True, max_len=300,
              label=L("Aliases", "Другие имена"), cli=("alias",),
              aliases=("alias", "also known as", "aka", "other names", "псевдонимы",
                       "псевдоним", "другие имена", "другие названия")),
)
LANGUAGES = FieldSpec("languages", FieldType.TEXT_LIST, free_text=True, max_len=50,
                      label=L("Languages", "Языки"), cli=("language",),
                      aliases=("language", "языки", "язык"))
ACTOR_NOTES = FieldSpec("notes", T, free_text=True, searchable=True, max_len=20_000,
                        label=NOTES, cli=("notes",),
                        aliases=("note", "comments", "comment", "remarks", "заметки",
                                 "заметка", "примечания", "примечание", "комментарий",
                                 "комментарии"))

PERSON = KindSpec(Kind.PERSON, "person", (
    *COMMON, *NAMES,
    FieldSpec("gender", E, Gender, floor=P, label=L("Gender (self-declared)",
                                                     "Гендер (со слов человека)"),
              cli=("gender",), aliases=("sex", "пол", "гендер")),
    FieldSpec("ethnicity", T, floor=P, max_len=100,
              label=L("Ethnicity or national group", "Этническая или национальная группа"),
              cli=("ethnicity",), aliases=("ethnic group", "national group", "этничность",
                                           "национальность", "этническая группа")),
    FieldSpec("groups", FieldType.ENUM_LIST, Group, floor=P, label=L("Groups", "Группы"),
              cli=("group",), aliases=("group", "vulnerable groups", "группы", "группа",
                                       "уязвимые группы")),
    FieldSpec("roles", FieldType.ENUM_LIST, Role, label=L("Roles", "Роли"), cli=("role",),
              aliases=("role", "occupation", "роли", "роль", "деятельность",
                       "род деятельности", "профессия")),
    FieldSpec("region", FieldType.REGION, label=L("Region of origin", "Регион происхождения"),
              column=L("Region", "Регион"), cli=("region",),
              aliases=("region of origin", "origin", "регион", "регион происхождения",
                       "субъект", "субъект рф", "откуда")),
    FieldSpec("country", FieldType.COUNTRY, label=L("Country of residence", "Страна проживания"),
              column=L("Country", "Страна"), cli=("country",),
              aliases=("country of residence", "residence", "страна", "страна проживания")),
    FieldSpec("city", T, searchable=True, free_text=True, max_len=100,
              label=L("City of residence", "Город проживания"), cli=("city",),
              aliases=("town", "город", "город проживания")),
    FieldSpec("inside_russia", B, label=L("Lives inside Russia", "Живёт в России"),
              column=L("Inside Russia", "В России"), cli=("inside-russia",),
              aliases=("in russia", "inside", "внутри россии", "в россии",
                       "находится в россии")),
    LANGUAGES,
    FieldSpec("email", T, floor=C, max_len=254, label=L("E-mail", "Эл. почта"), cli=("email",),
              aliases=("e mail", "mail", "email address", "почта", "электронная почта",
                       "эл почта", "емейл", "имейл", "e mail адрес")),
    FieldSpec("phone", T, floor=C, max_len=40, label=L("Phone", "Телефон"), cli=("phone",),
              aliases=("telephone", "tel", "mobile", "phone number", "телефон", "тел",
                       "мобильный", "номер телефона")),
    FieldSpec("signal", T, floor=C, max_len=100, label=L("Signal", "Signal"), cli=("signal",),
              aliases=("сигнал",)),
    FieldSpec("telegram", T, floor=C, max_len=100, label=L("Telegram", "Telegram"),
              cli=("telegram",), aliases=("телеграм", "телеграмм")),
    FieldSpec("other_contact", T, floor=C, free_text=True, max_len=300,
              label=L("Other contact", "Другой контакт"),
              aliases=("other contact", "contact", "другой контакт", "контакт")),
    ACTOR_NOTES,
    FieldSpec("legal_basis", T, free_text=True, max_len=2_000,
              label=L("Legal basis / consent", "Правовое основание / согласие"),
              cli=("legal-basis",),
              aliases=("consent", "legal basis consent", "правовое основание", "согласие")),
    FieldSpec("review_date", FieldType.DATE, label=L("Review date", "Дата пересмотра"),
              cli=("review-date",), aliases=("review", "дата пересмотра", "пересмотр")),
), required=("name",))

ORGANISATION = KindSpec(Kind.ORGANISATION, "organisation", (
    *COMMON, *NAMES,
    FieldSpec("type", E, OrgType, label=L("Type", "Тип"), cli=("type",),
              aliases=("organisation type", "organization type", "org type", "тип",
                       "тип организации")),
    FieldSpec("founded", FieldType.INT, minimum=1800, maximum=2100,
              label=L("Founded (year)", "Год основания"), column=L("Founded", "Основана"),
              cli=("founded",),
              aliases=("year founded", "founding year", "established", "основана", "основано",
                       "год основания", "основание", "год создания", "создана")),
    FieldSpec("relocated", FieldType.INT, minimum=1900, maximum=2100,
              label=L("Relocated (year)", "Год релокации"), cli=("relocated",),
              aliases=("year relocated", "релокация", "год релокации", "переезд",
                       "год переезда")),
    FieldSpec("country", FieldType.COUNTRY, label=L("Country", "Страна"), cli=("country",),
              aliases=("страна",)),
    FieldSpec("host_countries", FieldType.COUNTRY_LIST,
              label=L("Host countries", "Страны пребывания"), cli=("host-country",),
              aliases=("host country", "страны пребывания", "страна пребывания")),
    FieldSpec("city", T, searchable=True, free_text=True, max_len=100, label=L("City", "Город"),
              cli=("city",), aliases=("town", "город")),
    FieldSpec("themes", FieldType.TEXT_LIST, free_text=True, max_len=100,
              label=L("Themes", "Темы"),
              cli=("theme",), aliases=("topics", "theme", "темы", "тематика", "тема")),
    FieldSpec("regions_covered", FieldType.REGION_LIST, max_items=100,
              label=L("Regions covered", "Регионы охвата"), cli=("region-covered",),
              aliases=("regions", "регионы", "охват регионов", "регионы работы")),
    LANGUAGES,
    FieldSpec("reach", FieldType.INT, minimum=0, maximum=10**10,
              label=L("Audience reach", "Охват аудитории"), cli=("reach",),
              aliases=("audience", "аудитория", "охват")),
    FieldSpec("reach_metric", T, free_text=True, max_len=100,
              label=L("Reach metric", "Показатель охвата"),
              aliases=("reach metric", "метрика охвата")),
    FieldSpec("reach_as_of", FieldType.DATE, label=L("Reach as of", "Охват на дату"),
              aliases=("reach date", "охват на дату")),
    FieldSpec("website", T, max_len=300, label=L("Website", "Сайт"), cli=("website",),
              aliases=("web", "url", "site", "web site", "сайт", "веб сайт")),
    ACTOR_NOTES,
), required=("name",))

TIE = KindSpec(Kind.TIE, "tie", (
    *COMMON,
    FieldSpec("from_id", FieldType.REF, label=L("From", "От"), cli=("from",)),
    FieldSpec("to_id", FieldType.REF, label=L("To", "К"), cli=("to",)),
    FieldSpec("kind", E, TieKind, label=L("Kind of tie", "Вид связи"),
              column=L("Kind", "Вид"), cli=("kind",)),
    FieldSpec("role", T, free_text=True, max_len=200, label=L("Role", "Роль"), cli=("role",)),
    FieldSpec("start", FieldType.DATE, label=START, cli=("start",)),
    FieldSpec("end", FieldType.DATE, label=END, cli=("end",)),
    FieldSpec("confidence", E, Confidence, label=L("Confidence", "Достоверность"),
              cli=("confidence",)),
    FieldSpec("source", T, free_text=True, max_len=1_000, label=L("Source", "Источник"),
              cli=("source",)),
    FieldSpec("notes", T, free_text=True, max_len=20_000, label=NOTES, cli=("notes",)),
), required=("from_id", "to_id", "kind"), label_field="kind")

SUPPORT = KindSpec(Kind.SUPPORT, "support", (
    *COMMON,
    FieldSpec("provider_id", FieldType.REF, label=L("Provider", "Кто оказывает"),
              cli=("provider",)),
    FieldSpec("recipient_id", FieldType.REF, label=L("Recipient", "Получатель"),
              cli=("recipient",)),
    FieldSpec("kind", E, SupportKind, label=L("Kind of support", "Вид поддержки"),
              column=L("Kind", "Вид"), cli=("kind",)),
    FieldSpec("status", E, SupportStatus, label=L("Status", "Статус"), cli=("status",)),
    FieldSpec("start", FieldType.DATE, label=START, cli=("start",)),
    FieldSpec("end", FieldType.DATE, label=END, cli=("end",)),
    FieldSpec("amount", FieldType.NUMBER, minimum=0, maximum=1e13, label=L("Amount", "Сумма"),
              cli=("amount",)),
    FieldSpec("currency", FieldType.CURRENCY, label=L("Currency", "Валюта"), cli=("currency",)),
    FieldSpec("horizon", E, Horizon, label=L("Horizon", "Горизонт"), cli=("horizon",)),
    FieldSpec("notes", T, free_text=True, max_len=20_000, label=NOTES, cli=("notes",)),
), required=("provider_id", "recipient_id", "kind"), label_field="kind")

EVENT = KindSpec(Kind.EVENT, "event", (
    *COMMON,
    FieldSpec("title", T, searchable=True, free_text=True, max_len=300,
              label=L("Title", "Название"), cli=("title",)),
    FieldSpec("start", FieldType.DATE, label=START, cli=("start", "date")),
    FieldSpec("end", FieldType.DATE, label=END, cli=("end",)),
    FieldSpec("place", T, searchable=True, free_text=True, max_len=200,
              label=L("Place", "Место"),
              cli=("place",)),
    FieldSpec("country", FieldType.COUNTRY, label=L("Country", "Страна"), cli=("country",)),
    FieldSpec("organiser_id", FieldType.REF, label=L("Organiser", "Организатор"),
              cli=("organiser",)),
    FieldSpec("participants", FieldType.REF_LIST, max_items=5_000,
              label=L("Participants", "Участники"), cli=("participant",)),
    FieldSpec("notes", T, free_text=True, searchable=True, max_len=20_000, label=NOTES,
              cli=("notes",)),
), required=("title", "start"), label_field="title")

# The CLI sets the scores and evidence with two options of its own (--scores S1,S2,S3 and
# --evidence given once per criterion), so these fields declare none.
EVALUATION = KindSpec(Kind.EVALUATION, "evaluation", (
    *COMMON,
    FieldSpec("subject_id", FieldType.REF, label=L("Subject", "Кого оценивают"),
              cli=("subject",)),
    FieldSpec("date", FieldType.DATE, label=L("Date", "Дата"), cli=("date",)),
    FieldSpec("assessor", T, max_len=64, editable=False),
    FieldSpec("assessor_name", T, max_len=200, label=L("Assessor", "Оценщик"), editable=False),
    FieldSpec("score_1", FieldType.INT, minimum=0, maximum=4,
              label=L("Criterion 1: standards and visions for a future Russia",
                      "Критерий 1: стандарты и видение будущей России"),
              column=L("Standards", "Стандарты")),
    FieldSpec("score_2", FieldType.INT, minimum=0, maximum=4,
              label=L("Criterion 2: knowledge for public debate about Russia",
                      "Критерий 2: знания для публичной дискуссии о России"),
              column=L("Knowledge", "Знания")),
    FieldSpec("score_3", FieldType.INT, minimum=0, maximum=4,
              label=L("Criterion 3: support for anti-war and anti-regime views inside Russia",
                      "Критерий 3: поддержка антивоенных и оппозиционных взглядов внутри "
                      "России"),
              column=L("Inside Russia work", "Работа внутри России")),
    FieldSpec("evidence_1", T, free_text=True, max_len=20_000,
              label=L("Evidence for criterion 1", "Обоснование по критерию 1")),
    FieldSpec("evidence_2", T, free_text=True, max_len=20_000,
              label=L("Evidence for criterion 2", "Обоснование по критерию 2")),
    FieldSpec("evidence_3", T, free_text=True, max_len=20_000,
              label=L("Evidence for criterion 3", "Обоснование по критерию 3")),
), required=("subject_id", "date", "score_1", "score_2", "score_3"), label_field="date")

# A decision on a proposed duplicate pair (a_id < b_id); its id is derived from the pair, so
# two officials' decisions on one pair are one record and merge field by field. It is made in
# the duplicates view, not in an editor form or on the command line.
DECISION = KindSpec(Kind.DECISION, "decision", (
    *COMMON,
    FieldSpec("a_id", FieldType.REF),
    FieldSpec("b_id", FieldType.REF),
    FieldSpec("decision", E, DuplicateDecision),
    FieldSpec("decided_by", T, max_len=64, editable=False),
    FieldSpec("decided_by_name", T, max_len=200, editable=False),
), required=("a_id", "b_id", "decision"), label_field="decision")

KINDS: dict[Kind, KindSpec] = {s.kind: s for s in
                               (PERSON, ORGANISATION, TIE, SUPPORT, EVENT, EVALUATION, DECISION)}
ACTOR_KINDS = frozenset({Kind.PERSON, Kind.ORGANISATION})

# the kinds two records of which an official may decide are "the same" (``merged_into``)
MAY_BE_SAME = (Kind.PERSON, Kind.ORGANISATION)

# the records that touch another, by the fields that name it: they go with it when it is
# erased, and none is made on a record erased (``Registry.erase``, ``importer``)
TOUCHING: dict[Kind, tuple[str, ...]] = {
    Kind.TIE: ("from_id", "to_id"), Kind.SUPPORT: ("provider_id", "recipient_id"),
    Kind.EVALUATION: ("subject_id",), Kind.DECISION: ("a_id", "b_id")}


@dataclass(slots=True)
class Record:
    """A record as stored and as it travels in bundles: values and a stamp per field.

    ``values`` holds only fields that have been set; an erased record has no values and an
    ``erased`` stamp, which wins over every edit.
    """

    id: str
    kind: Kind
    values: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, Stamp] = field(default_factory=dict)
    erased: Stamp | None = None
    # what the store writes of it, made beforehand on another processor for a record an
    # import is handed (``records.stored_form``, ``sync.readahead``): never copied (not by
    # dataclasses.replace either), let go by every change the store makes of it in place
    stored: tuple[Any, ...] | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    @property
    def sensitivity(self) -> Sensitivity:
        return Sensitivity.parse(str(self.values.get("sensitivity") or "internal"))

    @property
    def deleted(self) -> bool:
        return bool(self.values.get("deleted")) or self.erased is not None

    @property
    def label(self) -> str:
        value = self.values.get(self.spec.label_field)
        return str(value) if value is not None else ""
