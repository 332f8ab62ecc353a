"""Enumerated values. Their snake_case values are the command-line contract of DESIGN §9."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Sensitivity(IntEnum):
    """Record and field sensitivity, ordered: public < internal < confidential < protected."""

    PUBLIC = 0
    INTERNAL = 1
    CONFIDENTIAL = 2
    PROTECTED = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Sensitivity:
        level = _BY_LABEL.get(text)  # the stored labels: no stripping, no enum lookup
        if level is not None:
            return level
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"not a sensitivity level; use one of: {choices}") from None


_BY_LABEL: dict[str, Sensitivity] = {s.label: s for s in Sensitivity}


class Kind(StrEnum):
    """Kinds of shared records."""

    PERSON = "person"
    ORGANISATION = "organisation"
    TIE = "tie"
    SUPPORT = "support"
    EVENT = "event"
    EVALUATION = "evaluation"
    DECISION = "decision"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


class Group(StrEnum):
    NATIONAL_MINORITY = "national_minority"
    REGIONAL_COMMUNITY = "regional_community"
    LGBTQ = "lgbtq"
    DISABILITY = "disability"
    OTHER = "other"


class Role(StrEnum):
    ACTIVIST = "activist"
    JOURNALIST = "journalist"
    RESEARCHER = "researcher"
    POLITICIAN = "politician"
    LAWYER = "lawyer"
    ARTIST = "artist"
    HUMAN_RIGHTS_DEFENDER = "human_rights_defender"
    OTHER = "other"


class OrgType(StrEnum):
    MEDIA = "media"
    NGO = "ngo"
    HUMAN_RIGHTS = "human_rights"
    RESEARCH = "research"
    POLITICAL_MOVEMENT = "political_movement"
    EDUCATION = "education"
    CULTURE = "culture"
    DIASPORA = "diaspora"
    DONOR = "donor"
    GOVERNMENT = "government"


# Who may provide a support (DESIGN §4): an organisation of type donor or government body.
# Local edits (``Registry``) and imports (``sync.importer.check_records``) both ask here.
SUPPORT_PROVIDERS = frozenset({OrgType.DONOR, OrgType.GOVERNMENT})


def may_provide_support(org_type: object) -> bool:
    """Whether an organisation of ``org_type`` may be a support's provider."""
    return isinstance(org_type, str) and org_type in SUPPORT_PROVIDERS


class TieKind(StrEnum):
    MEMBER_OF = "member_of"
    LEADS = "leads"
    FOUNDED = "founded"
    WORKS_FOR = "works_for"
    PARTNER_OF = "partner_of"
    FAMILY = "family"
    COLLEAGUE = "colleague"
    CONTACT_INSIDE = "contact_inside"
    OTHER = "other"


class Confidence(StrEnum):
    CONFIRMED = "confirmed"
    REPORTED = "reported"
    UNVERIFIED = "unverified"


class SupportKind(StrEnum):
    RESIDENCE_PERMIT = "residence_permit"
    WORK_PERMIT = "work_permit"
    HUMANITARIAN_VISA = "humanitarian_visa"
    GRANT = "grant"
    FELLOWSHIP = "fellowship"
    EVENT_PARTICIPATION = "event_participation"
    TRAINING = "training"
    LEGAL_AID = "legal_aid"
    RELOCATION = "relocation"
    SECURITY_SUPPORT = "security_support"
    OTHER = "other"


class SupportStatus(StrEnum):
    REQUESTED = "requested"
    GRANTED = "granted"
    ACTIVE = "active"
    EXPIRED = "expired"
    REFUSED = "refused"


class Horizon(StrEnum):
    SHORT = "short"
    MID = "mid"
    LONG = "long"


class DuplicateDecision(StrEnum):
    """An official's decision on a proposed duplicate pair (shared in bundles)."""

    SAME = "same"
    NOT_SAME = "not_same"
    UNSURE = "unsure"


class TrustState(StrEnum):
    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    REVOKED = "revoked"


PERMIT_KINDS = frozenset({SupportKind.RESIDENCE_PERMIT, SupportKind.WORK_PERMIT,
                          SupportKind.HUMANITARIAN_VISA})
