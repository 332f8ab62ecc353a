"""Fields are declared once (registry.domain.model): the Designer forms, the command line's
options, the spreadsheet mapping and the list columns agree with those declarations.

Qt-free: the forms are read as XML (the editors bind each input to the field named by its
``objectName``, and its label is ``label_<field>``), the Russian texts from the .ts source.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from registry import cli
from registry.domain.enums import Kind
from registry.domain.model import ACTOR_KINDS, COMMON, KINDS, FieldSpec
from registry.interop.mapping import HEADER_INDEX, TARGETS, fold_header
from registry.store.listing import SPECS as LIST_SPECS

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
TS_RU = ROOT / "resources" / "translations" / "registry_ru.ts"

# Kinds without an editor form, and where they are edited instead.
EDITED_ELSEWHERE = {Kind.DECISION: "the duplicates view"}
# Widgets of an editor form that are neither a field's input nor its label.
FURNITURE = frozenset({"badge", "protected_marker", "error_banner", "buttons", "tabs",
                       "swap_button"})
# Form labels worded otherwise than the declared label: the form spells out the 0–4 scale.
REWORDED = frozenset({(Kind.EVALUATION, f"score_{i}") for i in (1, 2, 3)})


@dataclass(frozen=True)
class Form:
    path: Path
    kind: Kind
    context: str  # the form's class name: its translation context
    widgets: dict[str, ET.Element]


def _forms() -> list[Form]:
    out = []
    for path in sorted(UI.glob("editor_*.ui")):
        top = ET.parse(path).getroot().find("widget")
        assert top is not None, path
        widgets = {str(w.get("name")): w for w in top.iter("widget") if w is not top}
        out.append(Form(path, Kind(path.stem.removeprefix("editor_")), str(top.get("name")),
                        widgets))
    return out


FORMS = _forms()


def _text(widget: ET.Element, prop: str) -> str | None:
    for p in widget.findall("property"):
        if p.get("name") == prop:
            return p.findtext("string") if prop != "buddy" else p.findtext("cstring")
    return None


def _russian() -> dict[tuple[str, str], str]:
    out = {}
    for ctx in ET.parse(TS_RU).getroot().iter("context"):
        for m in ctx.iter("message"):
            out[(ctx.findtext("name") or "", m.findtext("source") or "")] = \
                m.findtext("translation") or ""
    return out


def test_every_kind_has_an_editor_form_or_is_edited_elsewhere() -> None:
    assert {f.kind for f in FORMS} | set(EDITED_ELSEWHERE) == set(Kind)
    assert not {f.kind for f in FORMS} & set(EDITED_ELSEWHERE)


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.path.name)
def test_form_widgets_name_fields_of_their_kind(form: Form) -> None:
    fields = KINDS[form.kind].by_name
    wrong = []
    for name, widget in form.widgets.items():
        if name in fields or name in FURNITURE or name.startswith("tab_"):
            continue
        field = name.removeprefix("label_")
        if name.startswith("label_") and field in fields and _text(widget, "buddy") == field:
            continue
        wrong.append(name)
    assert wrong == [], (f"{form.path.name}: widgets that name no {form.kind.value} field "
                         "(an input is named for its field, its label label_<field> with that "
                         "buddy; else add it to FURNITURE here)")


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.path.name)
def test_every_editable_field_has_a_widget(form: Form) -> None:
    editable = {f.name for f in KINDS[form.kind].fields if f.editable}
    assert editable - set(form.widgets) == set(), (
        f"{form.path.name}: editable fields without an input (add one, or declare the field "
        "editable=False when the application sets it)")


def _form_labels(form: Form) -> list[tuple[FieldSpec, str]]:
    """(field, its label text on the form without the mnemonic '&')."""
    out = []
    for spec in KINDS[form.kind].fields:
        label = form.widgets.get(f"label_{spec.name}")
        widget = form.widgets.get(spec.name)
        own = label if label is not None else widget  # a checkbox carries its own text
        text = _text(own, "text") if own is not None else None
        if text is not None:
            out.append((spec, text))
    return out


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.path.name)
def test_form_labels_agree_with_the_declared_labels(form: Form) -> None:
    russian = _russian()
    for spec, text in _form_labels(form):
        assert spec.label is not None, f"{form.kind.value}.{spec.name} declares no label"
        if (form.kind, spec.name) in REWORDED:
            continue
        ru = russian.get((form.context, text), "")
        assert text.replace("&", "").startswith(spec.label.en), (form.path.name, text)
        assert ru.replace("&", "").startswith(spec.label.ru), (form.path.name, ru)
    inputs = {n for n in form.widgets if n in KINDS[form.kind].by_name}
    assert inputs <= {spec.name for spec, _ in _form_labels(form)}, "an input without a label"


def test_declared_labels_are_given_in_both_languages() -> None:
    for kind, spec in KINDS.items():
        for f in spec.fields:
            if f.label is not None:
                assert f.label.en.strip() and f.label.ru.strip(), (kind, f.name)
            if f.column is not None:
                assert f.label is not None and f.column.en and f.column.ru, (kind, f.name)
            if f.cli or (f.editable and kind not in EDITED_ELSEWHERE):
                assert f.label is not None, f"{kind.value}.{f.name} needs a label"


# -- command line ---------------------------------------------------------------------------------
def _add_options(kind: str) -> set[str]:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    add = sub.choices["add"]  # type: ignore[attr-defined]
    kinds = next(a for a in add._actions if a.dest == "record_kind")
    return {o for a in kinds.choices[kind]._actions for o in a.option_strings}


@pytest.mark.parametrize("kind", cli.ALL)
def test_add_options_are_the_declared_ones(kind: str) -> None:
    declared = {"--" + o for f in KINDS[Kind(kind)].fields for o in f.cli}
    own = {o.flag for o in cli.COMPOSITE if kind in o.fields}
    assert _add_options(kind) == declared | own | {"-h", "--help", "--json"}


def test_a_kind_declares_each_option_once() -> None:
    for kind, spec in KINDS.items():
        flags = [o for f in spec.fields for o in f.cli]
        assert len(flags) == len(set(flags)), kind


def _values(*argv: str) -> dict[str, object]:
    args = cli.build_parser().parse_args(["add", *argv])
    return cli._record_values(args, argv[0])


def test_a_shared_option_sets_each_kinds_own_field() -> None:
    assert _values("person", "--name", "A", "--role", "journalist", "--role", "artist") == {
        "name": "A", "roles": ["journalist", "artist"]}
    assert _values("tie", "--role", "chair", "--role", "deputy")["role"] == "deputy"
    assert _values("event", "--title", "T", "--date", "2024-05-01")["start"] == "2024-05-01"
    assert _values("person", "--inside-russia")["inside_russia"] is True
    scored = _values("evaluation", "--subject", "x", "--scores", "1,2,3", "--evidence", "e")
    assert (scored["score_2"], scored["evidence_1"]) == ("2", "e")


# -- spreadsheet mapping and lists ----------------------------------------------------------------
def test_each_spreadsheet_alias_names_its_own_field() -> None:
    for kind, spec in KINDS.items():
        for f in spec.fields:
            if kind not in ACTOR_KINDS:  # only people and organisations come from sheets
                assert f.aliases == () or f in COMMON, f"{kind.value}.{f.name}"
                continue
            assert not f.aliases or f.name in TARGETS, f.name
            for alias in f.aliases:
                assert HEADER_INDEX[fold_header(alias)] == f.name, (alias, f.name)


def test_list_columns_show_declared_fields() -> None:
    for kind, listing in LIST_SPECS.items():
        fields = KINDS[kind].by_name
        for column in listing.columns:
            assert column.field_name in fields, (kind, column.key)
            assert fields[column.field_name].label is not None, (kind, column.key)
