"""Translated names of kinds, fields, enumerated values and validation problems.

Each label is built on call with ``self.tr`` so a language change takes effect at once and
``lupdate`` finds every string. Values are keyed by their snake_case contract value. Field
labels are declared with the fields, in both languages (:class:`registry.domain.model.FieldSpec`).
"""

from __future__ import annotations

import re
from enum import Enum

from PySide6.QtCore import QObject

from registry.domain.enums import (
    Confidence,
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
from registry.domain.model import KINDS
from registry.gui.editors.data import Described
from registry.gui.editors.i18n import ui_language
from registry.gui.i18n import date_text


def field_label(kind: Kind, name: str, language: str) -> str:
    """The declared label of ``kind``'s field ``name`` (of a same-named field of another kind
    when ``kind`` has none; the name itself when no field has a label)."""
    specs = [KINDS[kind].by_name.get(name), *(k.by_name.get(name) for k in KINDS.values())]
    spec = next((s for s in specs if s is not None and s.label is not None), None)
    return spec.text(language) if spec is not None else name


class Labels(QObject):
    """Label texts; one shared instance, see :func:`labels`."""

    def kind(self, kind: Kind) -> str:
        return {
            Kind.PERSON: self.tr("Person"), Kind.ORGANISATION: self.tr("Organisation"),
            Kind.TIE: self.tr("Tie"), Kind.SUPPORT: self.tr("Support"),
            Kind.EVENT: self.tr("Event or programme"), Kind.EVALUATION: self.tr("Evaluation"),
            Kind.DECISION: self.tr("Duplicate decision"),
        }[kind]

    def new_title(self, kind: Kind) -> str:
        return {
            Kind.PERSON: self.tr("New person"), Kind.ORGANISATION: self.tr("New organisation"),
            Kind.TIE: self.tr("New tie"), Kind.SUPPORT: self.tr("New support"),
            Kind.EVENT: self.tr("New event or programme"),
            Kind.EVALUATION: self.tr("New evaluation"),
        }[kind]

    def edit_title(self, kind: Kind) -> str:
        return {
            Kind.PERSON: self.tr("Edit person"), Kind.ORGANISATION: self.tr("Edit organisation"),
            Kind.TIE: self.tr("Edit tie"), Kind.SUPPORT: self.tr("Edit support"),
            Kind.EVENT: self.tr("Edit event or programme"),
            Kind.EVALUATION: self.tr("Edit evaluation"),
        }[kind]

    def sensitivity(self, level: Sensitivity) -> str:
        return {
            Sensitivity.PUBLIC: self.tr("Public"), Sensitivity.INTERNAL: self.tr("Internal"),
            Sensitivity.CONFIDENTIAL: self.tr("Confidential"),
            Sensitivity.PROTECTED: self.tr("Protected"),
        }[level]

    def field(self, kind: Kind, name: str) -> str:
        """A field's label in the interface language, as its declaration gives it."""
        return field_label(kind, name, ui_language())

    def enum(self, enum: type[Enum]) -> dict[str, str]:
        """``{value: label}`` in the enum's order."""
        table = self._enums().get(enum, {})
        return {str(e.value): table.get(str(e.value), str(e.value)) for e in enum}

    def _enums(self) -> dict[type[Enum], dict[str, str]]:
        return {
            Gender: {"female": self.tr("Female"), "male": self.tr("Male"),
                     "other": self.tr("Other"), "undisclosed": self.tr("Undisclosed")},
            Group: {"national_minority": self.tr("National minority"),
                    "regional_community": self.tr("Regional community"),
                    "lgbtq": self.tr("LGBTQ+"), "disability": self.tr("Disability"),
                    "other": self.tr("Other vulnerable group")},
            Role: {"activist": self.tr("Activist"), "journalist": self.tr("Journalist"),
                   "researcher": self.tr("Researcher"), "politician": self.tr("Politician"),
                   "lawyer": self.tr("Lawyer"), "artist": self.tr("Artist"),
                   "human_rights_defender": self.tr("Human-rights defender"),
                   "other": self.tr("Other role")},
            OrgType: {"media": self.tr("Independent media"), "ngo": self.tr("NGO"),
                      "human_rights": self.tr("Human rights"),
                      "research": self.tr("Research / think tank"),
                      "political_movement": self.tr("Political movement"),
                      "education": self.tr("Education"), "culture": self.tr("Culture"),
                      "diaspora": self.tr("Diaspora community"),
                      "donor": self.tr("Donor / foundation"),
                      "government": self.tr("Government body")},
            TieKind: {"member_of": self.tr("Member of"), "leads": self.tr("Leads"),
                      "founded": self.tr("Founded"), "works_for": self.tr("Works for"),
                      "partner_of": self.tr("Partner of"), "family": self.tr("Family"),
                      "colleague": self.tr("Colleague"),
                      "contact_inside": self.tr("Contact inside Russia"),
                      "other": self.tr("Other tie")},
            Confidence: {"confirmed": self.tr("Confirmed"), "reported": self.tr("Reported"),
                         "unverified": self.tr("Unverified")},
            SupportKind: {"residence_permit": self.tr("Residence permit"),
                          "work_permit": self.tr("Work permit"),
                          "humanitarian_visa": self.tr("Humanitarian visa"),
                          "grant": self.tr("Grant"), "fellowship": self.tr("Fellowship"),
                          "event_participation": self.tr("Event participation"),
                          "training": self.tr("Training"), "legal_aid": self.tr("Legal aid"),
                          "relocation": self.tr("Relocation"),
                          "security_support": self.tr("Security support"),
                          "other": self.tr("Other support")},
            SupportStatus: {"requested": self.tr("Requested"), "granted": self.tr("Granted"),
                            "active": self.tr("Active"), "expired": self.tr("Expired"),
                            "refused": self.tr("Refused")},
            Horizon: {"short": self.tr("Short (1–2 years)"), "mid": self.tr("Mid (about 5 years)"),
                      "long": self.tr("Long")},
        }

    def scores(self) -> dict[int, str]:
        return {0: self.tr("0 — none"), 1: self.tr("1 — weak"), 2: self.tr("2 — moderate"),
                3: self.tr("3 — strong"), 4: self.tr("4 — very strong")}

    def problem(self, text: str) -> str:
        """A validation problem from the core, translated where it is a known one."""
        known = {
            "is required": self.tr("is required"),
            "must be a date as YYYY-MM-DD": self.tr("must be a date as YYYY-MM-DD"),
            "is not a federal subject code (e.g. RU-SVE, UA-43)":
                self.tr("is not a region of the list (choose one, e.g. RU-SVE)"),
            "is not an ISO 3166-1 country code (e.g. DE)":
                self.tr("is not a country of the list (choose one, e.g. DE)"),
            "is not a record id": self.tr("is not a record: choose one from the suggestions"),
            "must be a whole number": self.tr("must be a whole number"),
            "must be a number": self.tr("must be a number"),
            "is not a three-letter currency code":
                self.tr("is not a three-letter currency code (e.g. EUR)"),
            "contains control characters": self.tr("contains control characters"),
        }
        if text in known:
            return known[text]
        m = re.fullmatch(r"is longer than (\d+) characters", text)
        if m:
            return self.tr("is longer than %n characters", "", int(m.group(1)))
        m = re.fullmatch(r"must be at (least|most) (\S+)", text)
        if m:
            return (self.tr("must be at least {0}") if m.group(1) == "least"
                    else self.tr("must be at most {0}")).format(m.group(2))
        return text

    def choose_from_list(self) -> str:
        return self.tr("choose a record from the suggestions, or clear the field")

    def end_before_start(self) -> str:
        return self.tr("is before the start")

    def tie_to_itself(self) -> str:
        return self.tr("must be another record than the first end: a tie needs two records")

    def yes_no(self, value: bool) -> str:
        return self.tr("Yes") if value else self.tr("No")


_LABELS: Labels | None = None


def labels() -> Labels:
    global _LABELS  # noqa: PLW0603 - one lazily made QObject
    if _LABELS is None:
        _LABELS = Labels()
    return _LABELS


def described_text(item: Described) -> str:
    """One record as a list shows it: names, or what it joins and how, never a field code."""
    lab = labels()
    if item.kind is Kind.TIE:
        kind = lab.enum(TieKind).get(item.code, "")
        return f"{_end(item, 0)} — {kind} → {_end(item, 1)}"
    if item.kind is Kind.SUPPORT:
        kind = lab.enum(SupportKind).get(item.code, "")
        return f"{kind}: {_end(item, 0)} → {_end(item, 1)}" + _when(item.date)
    if item.kind is Kind.EVALUATION:
        return _end(item, 0) + _when(item.date)
    if item.kind is Kind.DECISION:
        return f"{_end(item, 0)} / {_end(item, 1)}"
    return (item.label or "—") + _when(item.date)


def _end(item: Described, index: int) -> str:
    return item.ends[index] if len(item.ends) > index and item.ends[index] else "—"


def _when(date: str) -> str:
    return f" ({date_text(date)})" if date else ""
