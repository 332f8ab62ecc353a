"""Why a pair may be one person, in plain words: each line of evidence keeps what it says.

A :class:`Reason` is the English line itself (a ``str``: printed by ``registry duplicates``,
kept in JSON, compared in tests) that also carries a ``code`` and the ``values`` it names, so
an interface can say it in another language from its own templates (the duplicates screen
does, through Qt's translations).  :data:`TEMPLATES` holds the English of every code; a
template names its values ``{0}``, ``{1}``...; a role or a field name among the values is
itself one of :data:`WORDS`.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["TEMPLATES", "WORDS", "Reason"]

TEMPLATES: Mapping[str, str] = {
    "same": "{0}: {1} = {2} (the same name)",
    "transliteration": "{0}: {1} ≈ {2} (another romanisation)",
    "similar": "{0}: {1} ≈ {2} (similar spelling)",
    "vowels": "{0}: {1} ≈ {2} (other vowels)",
    "initial": "{0}: the initial {1} fits {2}",
    "gender": "{0} forms differ by gender ({1} / {2}): related, not the same",
    "short_form": "{0}: {1} is a short form of {2} (a weaker match)",
    "short_form_of_several": "{0}: {1} is a short form of {2}, and of other names (weak)",
    "unmatched": "{0} name part(s) do not match",
    "patronymic_agrees": "patronymic: {0} / {1} agree",
    "patronymic_differs": "patronymics differ ({0} / {1})",
    "field_agrees": "{0}: {1} = {2}",
    "field_agrees_rare": "{0}: {1} = {2} (few records have it: stronger)",
    "field_differs": "{0}: {1} ≠ {2}",
    "field_close": "{0}: {1} ≈ {2} (one apart: weak)",
    "field_differs_name_says": "{0}: {1} ≠ {2} (the name's own form says which: weak)",
    "rare_name": "this name is rare here ({0} records bear it): stronger evidence",
    "common_name": "this name is common here ({0} records bear it): weaker evidence",
    "same_organisation": "both are tied to the same organisation ({0})",
    "only_name": "the only given name with this initial among records of this family name",
    "told_apart": ("of the given names with this initial among records of this family name, "
                   "only this one's records agree with it on place, gender or birth year"),
    "kinds_differ": "different kinds of record",
}

# Words that stand in templates as values: name roles and record fields.
WORDS: Mapping[str, str] = {
    "family name": "family name", "given name": "given name", "name": "name",
    "name word": "name word", "patronymic": "patronymic",
    "birth_year": "birth year", "gender": "gender", "country": "country",
    "region": "region", "city": "city", "founded": "founded", "email": "e-mail",
    "phone": "phone", "website": "website", "signal": "Signal", "telegram": "Telegram",
    "review_date": "review date",
}


class Reason(str):
    """One line of evidence: its English text, with ``code`` and ``values`` kept."""

    __slots__ = ("code", "values")
    code: str
    values: tuple[str, ...]

    def __new__(cls, code: str, *values: object) -> Reason:
        texts = tuple(map(str, values))
        self = super().__new__(cls, TEMPLATES[code].format(*[WORDS.get(t, t) for t in texts]))
        self.code, self.values = code, texts
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (Reason, (self.code, *self.values))

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "values": list(self.values)}
