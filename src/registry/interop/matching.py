"""Which existing record an imported row is: namesakes, and the one rule that says "the same".

**Namesakes.** Within one kind (a person never matches an organisation), a row and a record
(or an earlier row of the same file) are namesakes when

* **exact**: the row's name or Latin name, folded (case, diacritics, ``ё``, punctuation,
  a word mixing Latin look-alike letters into Cyrillic or back written in one script,
  :func:`one_script`), equals the record's name or Latin name; or
* **across scripts and spellings**: the names' script-independent skeletons are the same set
  of words (``Ivan Petrov`` / ``Петров Иван``), :func:`registry.match.names.compare` scores
  at least :data:`STRONG`, and no name part is matched by an initial alone. Such a namesake
  may be another person (``Лина`` / ``Лена``): it goes to review unless it is the same name.

**The same record** (:func:`identify`, a *strong match*): a namesake is the row's record only
when its name is the row's name (:func:`same_name`, stricter than a namesake: every
spelling the row gives — its name and its Latin name — is a spelling of the record's name; a
row whose name names someone else than its Latin name, or than the record, disagrees and is
reviewed, whichever spelling agrees. Two spellings are one when every word of
the one is a word of the other, in any order, the same once folded or a Cyrillic word and a
Latin spelling of it — ``Юлия`` / ``Yulia`` / ``Julija``, ``Алёна`` / ``Alyona``; two words
in one script only when they are the same once folded, so ``Лина`` is not ``Лена``), and
the identifiers given on both sides, weighed by the duplicate finder's own scorer
(:func:`registry.match.names.support`, :mod:`registry.match.weights`) from even odds, carry
the pair to at least :data:`STRONG_EVIDENCE` (any agreeing identifier does, the region of
origin, the weakest, just), and none given on both sides disagrees (a row that matches
overwrites its record). Identifiers (:data:`IDENTIFIERS`) are, for a person, e-mail, phone,
Signal, Telegram, the review date (the model has no birth date) and the region of origin; for
an organisation, its website and founding year. Two phone numbers agree only when they are
the same number, every digit of it (:func:`same_phone`): a different country code is a
different number. A person's gender is not evidence for a
match, but a different gender blocks one. Country, city, roles and notes are not
identifiers: people move and change work, and two people of one common name often live in
one country.

A record of another name with the row's e-mail or phone is reviewed beside the row too (a
look-alike, misspelt or changed name), never a strong match: its name is not the row's.

Rows of one file are indexed as they are read and matched against the earlier rows by the
same rules: a person listed twice (the same values again, or an agreeing identifier) becomes
one record.

What the importer does with a weak namesake (one that is not a strong match) is its business
(:mod:`registry.interop.importer`): it never overwrites it.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.match import weights
from registry.match.names import NameRecord, compare, support
from registry.match.phones import MIN_NATIONAL_DIGITS, phone_key, same_phone
from registry.match.translit import index_keys, initial_yo, skeleton, spellings, words
from registry.memory import of_records

STRONG = 0.9  # a namesake across scripts and spellings: the duplicate finder's name score
# Even odds moved by at least this much log-odds: any one agreeing identifier (region adds 0.22).
STRONG_EVIDENCE = weights.logistic(0.2)
IDENTIFIERS: dict[Kind, tuple[str, ...]] = {
    Kind.PERSON: ("email", "phone", "signal", "telegram", "review_date", "region"),
    Kind.ORGANISATION: ("website", "founded"),
}
# Fields that are no evidence of a match, but whose disagreement rules one out.
_BLOCKING: dict[Kind, tuple[str, ...]] = {Kind.PERSON: ("gender",), Kind.ORGANISATION: ()}
# Fields whose difference says nothing about who a record is (names are compared above).
_NOT_COMPARED = frozenset({"name", "name_latin", "aliases", "sensitivity", "deleted",
                           "merged_into"})
_NAMES = ("name", "name_latin")
_URL_HEAD = re.compile(r"^(https?://)?(www\.)?")
_PHONE_LIKE = re.compile(r"^\+?[\d\s()\-.]{7,}$")


class Ambiguous(ValueError):
    """More than one record fits a row."""


# Latin letters drawn like Cyrillic ones. A word mixing the two scripts (a keyboard-layout
# slip, or a forgery) reads as the script whose letters cannot all be the other's look-alikes:
# "Aннa" (Latin A and a) is Анна, so it is compared as the name it shows.
_LATIN_LOOKS_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
_CYRILLIC_LOOKS_LATIN = str.maketrans("АаВСсЕеНКМОоРрТХху", "AaBCcEeHKMOoPpTXxy")
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTERS = re.compile(r"[\u0400-\u04ff]")


def one_script(text: str) -> str:
    """``text`` with each word that mixes Latin and Cyrillic letters written in one script,
    where the other script's letters in it are all look-alikes; other words as they are."""
    return " ".join(_one_script_word(w) for w in text.split())


def _one_script_word(word: str) -> str:
    if not (_LATIN_LETTERS.search(word) and _CYRILLIC_LETTERS.search(word)):
        return word
    cyrillic = word.translate(_LATIN_LOOKS_CYRILLIC)
    if not _LATIN_LETTERS.search(cyrillic):
        return cyrillic
    latin = word.translate(_CYRILLIC_LOOKS_LATIN)
    return word if _CYRILLIC_LETTERS.search(latin) else latin


@of_records
@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The folded form of a name used by the exact rule (look-alike letters in one script)."""
    return " ".join(words(one_script(text)))


@of_records
@functools.lru_cache(maxsize=1 << 16)
def skeleton_key(text: str) -> str:
    """The order-free, script-free form of a name used to find namesakes across scripts."""
    return " ".join(sorted(k for k in (skeleton(w) for w in name_key(text).split()) if k))


_MAX_KEYS = 16  # forms of one name looked for: a few words of two or three readings each


@of_records
@functools.lru_cache(maxsize=1 << 16)
def skeleton_keys(text: str) -> tuple[str, ...]:
    """Every form of a name under which namesakes meet (:func:`skeleton_key` first): those
    of its words' other readings too, as the search index files them (GOST B Zaxarova and
    Nemcov for Захарова and Немцов, German Chromow for Хромов, Ukrainian h, French j) and a
    word-initial Ё as yo (:func:`registry.match.translit.readings`). A record is indexed,
    and a row looks, under all of them (at most ``_MAX_KEYS``), so either side's other
    reading meets the other's; the strict rule then decides."""
    texts = [text]
    if (yo := initial_yo(text)) is not None:  # folded away in name_key: given as йо
        texts.append(yo)
    keys = dict.fromkeys(map(skeleton_key, texts))  # each form's main key before any other
    for form in texts:
        per_word = [index_keys(w) for w in name_key(form).split()]
        for combo in itertools.islice(itertools.product(*(k for k in per_word if k)),
                                      _MAX_KEYS):
            keys[" ".join(sorted(combo))] = None
    keys.pop("", None)
    return tuple(keys)[:_MAX_KEYS]


# -- the rule -------------------------------------------------------------------------------
def identifier_key(name: str, value: Any) -> str:
    """An identifier's comparable form: a phone number as :func:`phone_key` writes it (a
    Signal id that is a number too), e-mail and handles without case or ``@``, a website
    without scheme, ``www.`` or a final ``/``; anything else as text. Two phone numbers are
    compared by :func:`same_phone`, not by their keys alone."""
    text = str(value).strip()
    if _is_phone(name, text):
        return phone_key(text)
    if name in ("email", "telegram", "signal"):
        return text.casefold().lstrip("@")
    if name == "website":
        return _URL_HEAD.sub("", text.casefold()).rstrip("/")
    return text.casefold()


def same_identifier(name: str, a: Any, b: Any) -> bool:
    """Whether two values of the identifier ``name`` are the same (phones: :func:`same_phone`)."""
    ta, tb = str(a).strip(), str(b).strip()
    if _is_phone(name, ta) and _is_phone(name, tb):
        return same_phone(ta, tb)
    return identifier_key(name, a) == identifier_key(name, b)


def _is_phone(name: str, text: str) -> bool:
    return name == "phone" or (name == "signal" and bool(_PHONE_LIKE.match(text)))


def _given(value: Any) -> bool:
    return value not in (None, "", [], False)


# What spreadsheets write in a cell for "none" or "not known": never evidence of who it is.
_PLACEHOLDERS = frozenset({"-", "--", "?", "0", "n/a", "n.a.", "na", "nan", "none", "null",
                           "nil", "no", "unknown", "tbd", "tba", "нет", "неизвестно", "нету",
                           "не знаю", "н/д"})
_RUNS = ("0123456789", "9876543210")  # "123-45-67": a number no one has
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
_HANDLE = re.compile(r"@?[a-z0-9_.]*[a-z][a-z0-9_.]*")


def _evidence(name: str, value: Any) -> bool:
    """Whether a value of the identifier ``name`` can say who a record is: a well-formed
    e-mail, a phone number of at least :data:`MIN_NATIONAL_DIGITS` digits, a handle of
    letters and digits, a website with a dot; not a placeholder, which spreadsheets write
    for many people at once: "нет", "-", "n/a" (also as a handle, "@none", or either side
    of an e-mail, "unknown@unknown.com", "-@-"), one character repeated ("xxx"), a number
    of one digit repeated or counted ("+7 000 000-00-00", "1111111", "123-45-67"). Dates,
    regions and years are checked by their field types before this is asked."""
    text = str(value).strip().casefold()
    bare = text.lstrip("@")
    if bare in _PLACEHOLDERS or len(set(bare) - set(".-_ ")) <= 1:  # "xxx", "@___"
        return False
    digits = [ch for ch in text if ch.isdigit()]
    every = "".join(digits)
    number = len(digits) >= MIN_NATIONAL_DIGITS and len(set(digits[-MIN_NATIONAL_DIGITS:])) > 1 \
        and not any(every in run for run in _RUNS)
    if name == "email":
        local, _, domain = text.partition("@")
        return _EMAIL.fullmatch(text) is not None and all(
            any(ch.isalnum() for ch in part) and part not in _PLACEHOLDERS
            for part in (local, domain.split(".")[0]))
    if name == "phone":
        return number
    if name in ("signal", "telegram"):
        return number or (len(text.lstrip("@")) >= 3 and _HANDLE.fullmatch(text) is not None
                          and not text.lstrip("@").isdigit())
    if name == "website":
        return "." in text
    return True


def _same(name: str, a: Any, b: Any) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return bool(a == b)
    return same_identifier(name, a, b)


@dataclass(frozen=True)
class Verdict:
    """How a row compares with a namesake: identifiers that agree and that disagree, every
    field given on both sides that differs (what an update would overwrite), and the scorer's
    ``score`` of the identifiers from even odds, with its ``evidence``."""

    agree: tuple[str, ...]
    disagree: tuple[str, ...]
    differ: tuple[str, ...]
    score: float = 0.5
    evidence: tuple[str, ...] = ()
    name: bool = True  # the same name (:func:`same_name`), not only a namesake
    # the row's name fields that name someone else, where another of its spellings is the
    # record's (:func:`name_conflicts`): a disagreement, never a strong match
    names_differ: tuple[str, ...] = ()

    @property
    def strong(self) -> bool:
        """The same record: the same name, the identifiers' evidence carries it and none
        disagrees."""
        return self.name and self.score >= STRONG_EVIDENCE and not self.disagree

    def reason(self, kind: Kind) -> str:
        """Why a weak namesake goes to review (field names only, never values)."""
        if self.names_differ:
            text = (f"spreadsheet namesake: the row's {_listed(self.names_differ, 'names', 'name')}"
                    " someone else")
            if self.differ:
                text += f"; {_listed(self.differ, 'differs', 'differ')}"
            return text + (f" ({_listed(self.agree, 'agrees', 'agree')})" if self.agree else "")
        if not self.name:
            text = "spreadsheet namesake: the name is spelled differently"
            if self.differ:
                text += f"; {_listed(self.differ, 'differs', 'differ')}"
            return text + (f" ({_listed(self.agree, 'agrees', 'agree')})" if self.agree else "")
        if self.differ:
            text = f"spreadsheet namesake: {_listed(self.differ, 'differs', 'differ')}"
            if self.agree:
                text += f" ({_listed(self.agree, 'agrees', 'agree')})"
            return text
        return ("spreadsheet namesake: nothing confirms it is the same "
                f"({', '.join(IDENTIFIERS[kind])} not given on both)")


def _listed(names: tuple[str, ...], one: str, many: str) -> str:
    return f"{', '.join(names)} {one if len(names) == 1 else many}"


def identify(kind: Kind, row: Mapping[str, Any], other: Mapping[str, Any]) -> Verdict:
    """The strong-match rule (see the module documentation) for a row and a namesake.

    :func:`may_be_strong` answers part of it cheaply, ahead of it: a change here that makes
    a pair strong which it rules out must change it too."""
    ids, blocking = IDENTIFIERS[kind], _BLOCKING[kind]
    both = [f for f, v in row.items() if f not in _NOT_COMPARED and _given(v)
            and _given(other.get(f))]
    differ = tuple(sorted(f for f in both if not _same(f, row[f], other[f])))
    # a placeholder on both sides ("нет" and "нет") agrees on nothing; two values that
    # differ disagree, placeholder or not (an update would overwrite the one with the other)
    agree = tuple(f for f in ids if f in both and f not in differ
                  and _evidence(f, row[f]) and _evidence(f, other[f]))
    disagree = tuple(f for f in (*ids, *blocking) if f in differ)
    weighed = [f for f in (*ids, *blocking) if f in both and not isinstance(row[f], list)
               and (f in differ or f in agree or f in blocking)]
    ours = {f: identifier_key(f, row[f]) for f in weighed}
    # what this rule calls the same, the scorer sees as the same (a number with and without
    # its country code); what differs is weighed as written, and blocks the match anyway
    theirs = {f: ours[f] if f not in differ else identifier_key(f, other[f]) for f in weighed}
    score, evidence = support(0.5, ours, theirs)
    conflicts = name_conflicts(row, other)
    named = bool(_named(_spellings(row))) and not conflicts
    # one spelling is the record's and another is not: the row names two people
    partly = conflicts if 0 < len(conflicts) < len(_named(_spellings(row))) else ()
    return Verdict(agree, disagree, differ, round(score, 4), tuple(evidence), named, partly)


def may_be_strong(kind: Kind, row: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """False when :func:`identify` cannot call the pair a strong match, for a fraction of its
    cost: an identifier or blocking field given on both sides differs (a disagreement), or
    none is given on both (the scorer then stays at even odds, below
    :data:`STRONG_EVIDENCE`). True says nothing: ask :func:`identify`."""
    weighed = False
    for f in (*IDENTIFIERS[kind], *_BLOCKING[kind]):
        ours, theirs = row.get(f), other.get(f)
        if not (_given(ours) and _given(theirs)):
            continue
        if not _same(f, ours, theirs):
            return False
        weighed = weighed or (not isinstance(ours, list) and f in IDENTIFIERS[kind]
                              and _evidence(f, ours) and _evidence(f, theirs))
    return weighed


# -- the index ------------------------------------------------------------------------------
@dataclass
class Entry:
    """A candidate: an existing record (``record``) or a row of this file (``ref``)."""

    ref: str
    kind: Kind
    values: dict[str, Any]
    record: Record | None = None

    @property
    def merged(self) -> bool:
        """A record decided the same as another (``merged_into``): never updated itself (its
        person, :meth:`Matcher.person_of`, is), but a row it already holds is not new."""
        return bool(self.values.get("merged_into"))


@dataclass
class Matcher:
    """An index of the people and organisations that are not deleted, by name keys."""

    entries: dict[str, Entry] = field(default_factory=dict)
    # each key's refs in the order they were indexed (a dict as an ordered set: a look-up
    # and an addition cost the same however many records bear one name)
    exact: dict[tuple[Kind, str], dict[str, None]] = field(default_factory=dict)
    strong: dict[tuple[Kind, str], dict[str, None]] = field(default_factory=dict)
    contacts: dict[tuple[Kind, str], dict[str, None]] = field(default_factory=dict)

    @classmethod
    def build(cls, records: Iterable[Record]) -> Matcher:
        matcher = cls()
        for record in records:
            if not record.deleted:
                matcher.add(Entry(record.id, record.kind, record.values, record))
        return matcher

    def copy(self) -> Matcher:
        """An index of the same entries that a run may add to and edit the values of."""
        entries = {ref: dataclasses.replace(e, values=dict(e.values))
                   for ref, e in self.entries.items()}
        return Matcher(entries, *({k: dict(v) for k, v in index.items()}
                                  for index in (self.exact, self.strong, self.contacts)))

    def add(self, entry: Entry) -> None:
        """Index an entry under its name and contact keys."""
        self.entries[entry.ref] = entry
        for name in _spellings(entry.values):
            _put(self.exact, (entry.kind, name_key(name)), entry.ref)
            for key in skeleton_keys(name):
                _put(self.strong, (entry.kind, key), entry.ref)
        for key in _contact_keys(entry.values):
            _put(self.contacts, (entry.kind, key), entry.ref)

    def person_of(self, entry: Entry, known: dict[str, Entry | None] | None = None
                  ) -> Entry | None:
        """The entry that stands for ``entry``'s person or organisation: itself, or the record
        it was decided the same as (``merged_into``, followed); None when that one is gone
        (deleted) or the links go round.

        ``known`` remembers the answer for every entry passed on the way (each one's person
        is the next one's), so that asking for many entries of one long chain walks it once;
        it holds only while no entry changes."""
        known = {} if known is None else known
        path: list[str] = []
        seen: set[str] = set()
        person: Entry | None = entry
        while entry.merged:
            if entry.ref in known:
                person = known[entry.ref]
                break
            if entry.ref in seen:
                person = None
                break
            seen.add(entry.ref)
            path.append(entry.ref)
            target = self.entries.get(str(entry.values["merged_into"]))
            if target is None:
                person = None
                break
            entry = target
        else:
            person = entry
        for ref in path:
            known[ref] = person
        return person

    def namesakes(self, kind: Kind, values: Mapping[str, Any]) -> list[Entry]:
        """The entries whose name is the row's (exact matches first), then those of another
        name with the row's e-mail or phone: a look-alike or changed name is at least
        reviewed beside them. Only the same name (:func:`same_name`) can be a strong match."""
        spellings = _spellings(values)
        exact = _unique(r for s in spellings for r in self.exact.get((kind, name_key(s)), {}))
        known = set(exact)
        near = _unique(r for s in spellings for k in skeleton_keys(s)
                       for r in self.strong.get((kind, k), {}) if r not in known)
        alike = _NameVerdicts(kind, values)
        near = [r for r in near if alike(self.entries[r])]
        named = {*exact, *near}
        contact = _unique(r for k in _contact_keys(values) for r in self.contacts.get((kind, k), {})
                          if r not in named)
        contact = [r for r in contact if _same_contact(values, self.entries[r].values)]
        return [self.entries[r] for r in (*exact, *near, *contact)]

    def meeting(self, kind: Kind, values: Mapping[str, Any]) -> list[str]:
        """The refs of every entry filed under one of the row's name keys: the exact and the
        script-free ones (:func:`skeleton_keys`, the search index's readings) — the words of
        the two names the same by their sounds ("Yana" meets "Анна"), whatever the name
        scorer says of them. Wider than :meth:`namesakes`: for the guard beside a protected
        person, where a name that may be hers is enough."""
        spellings = _spellings(values)
        return _unique([*(r for s in spellings for r in self.exact.get((kind, name_key(s)), {})),
                        *(r for s in spellings for k in skeleton_keys(s)
                          for r in self.strong.get((kind, k), {}))])


def _put(index: dict[tuple[Kind, str], dict[str, None]], key: tuple[Kind, str], ref: str
         ) -> None:
    if key[1]:
        index.setdefault(key, {}).setdefault(ref)


_CONTACTS = ("email", "phone")


def _contact_keys(values: Mapping[str, Any]) -> list[str]:
    """Index keys of an e-mail and a phone: a phone by its last digits, which the same
    number written with or without its country code shares (:func:`same_phone` decides)."""
    keys = []
    for name in _CONTACTS:
        value = values.get(name)
        if isinstance(value, str) and value.strip() and _evidence(name, value):
            key = identifier_key(name, value)
            keys.append(f"{name}:{key[-MIN_NATIONAL_DIGITS:] if name == 'phone' else key}")
    return keys


def _same_contact(row: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    return any(_given(row.get(f)) and _given(other.get(f)) and _evidence(f, row[f])
               and _evidence(f, other[f]) and same_identifier(f, row[f], other[f])
               for f in _CONTACTS)


def _same_name(kind: Kind, values: Mapping[str, Any], entry: Entry) -> bool:
    """A namesake across scripts and spellings (the duplicate finder's score, no initials)."""
    row, other = _name_record("row", kind, values), _name_record(entry.ref, kind, entry.values)
    # the score without its words is the full comparison's score: a pair below the line is
    # no namesake whatever the words would say, so they are made only for a pair above it
    if compare(row, other, explain=False).score < STRONG:
        return False
    m = compare(row, other)
    return m.score >= STRONG and not any("initial" in line for line in m.evidence)


class _NameVerdicts:
    """:func:`_same_name` of one row against many entries, asked once per spelling of an
    entry's name: the comparison reads only the names, the aliases and which of the two
    references sorts first (:func:`registry.match.names.compare`), so entries that agree
    on those get the same answer (a vault with many records of one name)."""

    def __init__(self, kind: Kind, values: Mapping[str, Any]) -> None:
        self.kind, self.values = kind, values
        self.seen: dict[tuple[str, str, tuple[str, ...], bool], bool] = {}

    def __call__(self, entry: Entry) -> bool:
        rec = _name_record(entry.ref, self.kind, entry.values)
        key = (rec.name, rec.name_latin, rec.aliases, rec.id >= "row")
        verdict = self.seen.get(key)
        if verdict is None:
            verdict = self.seen[key] = _same_name(self.kind, self.values, entry)
        return verdict


def same_name(row: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether every spelling the row gives of its name (its name, its Latin name) is one of
    the other's, word for word. A row whose spellings name two people ("Иван Петров" with
    the Latin name "Anna Smirnova") names someone else than the record by one of them: that
    is a disagreement, never the same name, whichever spelling agrees. A row that gives no
    name is no one's namesake: an e-mail or a phone alone is often shared (a family's, an
    office's), and is reviewed, never a strong match."""
    return bool(_named(_spellings(row))) and not name_conflicts(row, other)


def name_conflicts(row: Mapping[str, Any], other: Mapping[str, Any]) -> tuple[str, ...]:
    """The row's name fields (``name``, ``name_latin``) whose spelling is none of the
    other's (every one when the other gives no name)."""
    theirs = _named(_spellings(other))
    return tuple(f for f in _NAMES if _names_someone(row.get(f))
                 and not any(same_spelling(str(row[f]), b) for b in theirs))


def _names_someone(value: Any) -> bool:
    return isinstance(value, str) and bool(_named([value]))


def _named(spellings: list[str]) -> list[str]:
    """The spellings that name someone: a letter at least ("?", "—" or "-" names nobody)."""
    return [s for s in spellings if any(ch.isalpha() for ch in s)]


def same_spelling(a: str, b: str) -> bool:
    """Two spellings of one name: each word of the one pairs with a word of the other that
    is the same (:func:`_same_word`), in any order. This rule overwrites a record, so it is
    strict where the duplicate finder is lenient: no other vowels, no initials."""
    left = list(_name_words(b))
    for word in _name_words(a):
        match = next((w for w in left if _same_word(word, w)), None)
        if match is None:
            return False
        left.remove(match)
    return not left


@dataclass(frozen=True)
class _Word:
    text: str  # folded (case, diacritics, ё)
    cyrillic: bool
    sounds: frozenset[str]  # its readings' sounds, ё read as е and as йо (Пётр: Petr, Pyotr)


def _same_word(a: _Word, b: _Word) -> bool:
    """The same word once folded, or a Cyrillic word and a Latin spelling of it."""
    if a.text == b.text:
        return True
    return a.cyrillic != b.cyrillic and not a.sounds.isdisjoint(b.sounds)


@of_records
@functools.lru_cache(maxsize=1 << 16)
def _name_words(text: str) -> tuple[_Word, ...]:
    text = one_script(text)
    folded = words(text)
    yo = words(text.replace("ё", "йо").replace("Ё", "Йо"))
    if len(yo) != len(folded):  # not expected: ё is a letter inside a word
        yo = folded
    return tuple(_Word(w, _has_cyrillic(w), spellings(w) | spellings(y))
                 for w, y in zip(folded, yo, strict=True))


def _has_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _spellings(values: Mapping[str, Any]) -> list[str]:
    return [v for v in (values.get("name"), values.get("name_latin")) if isinstance(v, str) and v]


def _unique(refs: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(refs))


def _name_record(ref: str, kind: Kind, values: Mapping[str, Any]) -> NameRecord:
    aliases = tuple(a for a in values.get("aliases") or () if isinstance(a, str))
    return NameRecord(ref, kind.value, str(values.get("name") or ""),
                      str(values.get("name_latin") or ""), aliases)
