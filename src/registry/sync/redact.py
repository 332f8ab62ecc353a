"""Need-to-know redaction of everything that leaves the vault (DESIGN §4.2, §6.3, §6.4).

Who is protected is decided once, by :class:`registry.store.protection.Protection` (the one
rule: own level, inside Russia, "same" groups, ties touching a protected person). What
leaves for each stored record is decided here, by a :class:`Redactor`:

* **protected people** follow the export's ``mode``: ``exclude`` leaves them and everything
  touching them out; ``pseudonymise`` sends a stub per person (a pseudonymous id, a
  "Pseudonym …" name, the federal district instead of the region, the flags) and the ties
  to them rewritten to the stub, with no free text; ``include`` sends them (the caller has
  the user's explicit confirmation). ``include`` lifts only their exclusion: every other
  record's own level is still held against the ceiling, and so is every field's floor;
* **pseudonyms are unlinkable**: a stub's or pseudonymous tie's id and stamp origins are
  derived from a secret of this vault and the recipient, and its stamp times come from the
  exports to that recipient (:class:`Pseudonyms`), so two recipients' copies share nothing,
  and nothing in them reveals the real id, when the record was made or when it was edited
  (ids and clock values both carry creation time);
* every other record above the ceiling is left out, and so is any tie, support or
  evaluation that points at an actor left out; an event or ``merged_into`` reference to an
  actor left out drops that field; a field whose floor is above the ceiling is left out;
* **free text naming a protected person** (any script, any spelling, aliases — matched the
  way search matches) is blanked unless the export keeps mentions; an actor whose own name
  names her (an organisation's; a person's beyond a namesake) stays home, with what points
  to it;
* **a deleted record travels as a tombstone** (id, kind, the ``deleted`` stamp); the
  tombstone or erasure of a protected person or of a record above the ceiling goes by its
  real id only to recipients who were sent that id before, and in ``pseudonymise`` mode as
  a tombstone of the pseudonym — to each recipient who holds a pseudonym of it, also one a
  joint bundle to them and others gave them, or their predecessor in a post they took over
  (``Redactor.joint_tombstones``).

Every record left out and every field blanked is counted by reason in a :class:`Tally`
(the exposure preview says why).
"""

from __future__ import annotations

import enum
import functools
import hashlib
import hmac
import itertools
import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from registry.domain import regions
from registry.domain.enums import Kind, Sensitivity
from registry.domain.hlc import Stamp
from registry.domain.model import KINDS, Record
from registry.match.letters import compose
from registry.match.names import Token, initial_fits, parse
from registry.store.protection import Protection

PSEUDONYM_PREFIX = "Pseudonym "
_DOMAIN = b"registry-pseudonym/1\x00"
_REFS: dict[Kind, tuple[str, ...]] = {
    Kind.TIE: ("from_id", "to_id"),
    Kind.SUPPORT: ("provider_id", "recipient_id"),
    Kind.EVALUATION: ("subject_id",),
    Kind.DECISION: ("a_id", "b_id"),
}
_TIE_SHAPE = ("sensitivity", "from_id", "to_id", "kind", "confidence")


class Mode(enum.StrEnum):
    """What an export does with protected people."""

    EXCLUDE = "exclude"
    PSEUDONYMISE = "pseudonymise"
    INCLUDE = "include"


class OmitReason(enum.StrEnum):
    """Why a record was left out or a field blanked (DESIGN §6.4.8)."""

    PROTECTED = "protected"
    ABOVE_CEILING = "above_ceiling"
    FIELD_FLOOR = "field_floor"
    MENTION = "mention"
    DELETED = "deleted"


# which reason a field counts under when several left-out references blank it
_WEIGHT = (OmitReason.PROTECTED, OmitReason.MENTION, OmitReason.ABOVE_CEILING,
           OmitReason.DELETED)


def pseudonym_key(vault_secret: bytes, recipients: Iterable[str]) -> bytes:
    """The HMAC key of one recipient set: stable for the same set, unlinkable across sets."""
    material = _DOMAIN + "\n".join(sorted(set(recipients))).encode("ascii")
    return hmac.new(vault_secret, material, hashlib.sha256).digest()


def _mac(key: bytes, label: bytes, value: str) -> bytes:
    return hmac.new(key, label + b"\x00" + value.encode("ascii"), hashlib.sha256).digest()


def pseudonym_id(key: bytes, record_id: str) -> str:
    """A record id (UUID form) derived from ``record_id`` under ``key``."""
    digest = hmac.new(key, record_id.encode("ascii"), hashlib.sha256).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def pseudonym_origin(key: bytes, record_id: str) -> str:
    """The origin a pseudonymous copy's stamps name: derived per recipient and record, so it
    names no official and differs between recipients."""
    return _mac(key, b"origin", record_id).hex()[:32]


_PSEUDONYM_ORIGIN = re.compile(r"[0-9a-f]{32}")  # an official's fingerprint has 40


def is_pseudonym_origin(origin: str) -> bool:
    """Whether ``origin`` is of the form :func:`pseudonym_origin` gives: it can name no
    official, so only the official who made the pseudonym can sign for it."""
    return _PSEUDONYM_ORIGIN.fullmatch(origin) is not None


def is_pseudonym(record_id: str, origin: str) -> bool:
    """Whether a line of ``record_id`` under ``origin`` can be a pseudonymous copy's (DESIGN
    §6.4.4): the origin of the form :func:`pseudonym_origin` gives and the id of the form
    :func:`pseudonym_id` gives (a UUID of version 4). A record this project makes has a
    time-ordered id (version 7), a decision a name-based one (version 5): a pseudonym's
    claim on one of those is no copy's, whoever delivered a line under it first."""
    return is_pseudonym_origin(origin) and record_id[14:15] == "4"


def values_digest(values: Mapping[str, Any]) -> str:
    """The digest ``pseudonym_sent`` keeps of a pseudonymous line's values."""
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False)
                          .encode()).hexdigest()


ERASED_VALUES: dict[str, Any] = {"erased": True}  # what a pseudonym's erasure is kept as
DELETED_VALUES: dict[str, Any] = {"deleted": True}
TOMBSTONE_DIGESTS = frozenset(values_digest(v) for v in (ERASED_VALUES, DELETED_VALUES))


@dataclass
class Pseudonyms:
    """The stamps of pseudonymous lines for one recipient set.

    A stub's stamp tells nothing of the real record's clock values (they carry its creation
    time and the intervals between its edits, which two recipients could compare): a stub
    keeps the stamp it was last sent with while its values stay the same, and takes this
    export's clock value when they change — an order only this recipient's bundles define.
    ``held`` maps the pseudonymous ids this recipient set was sent to (values digest, hlc).
    """

    key: bytes
    now: int
    held: dict[str, tuple[str, int]] = field(default_factory=dict)
    sent: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # id → kind, digest, hlc
    issued: dict[str, tuple[str, int]] = field(default_factory=dict)
    """The last line (digest, hlc) of each pseudonym sent to any set that holds it: a
    pseudonym's tombstone sent to one of its holders alone is sent to the others with the
    same stamp, so that no two copies of it differ."""
    told: dict[str, str] = field(default_factory=dict)
    """Pseudonyms of a wider recipient set (:attr:`Redactor.joint`) whose last line, a
    tombstone (its digest), every recipient of this export was sent already."""

    def stamp(self, pid: str, real_id: str, kind: Kind, values: dict[str, Any]) -> Stamp:
        digest = values_digest(values)
        before = self.issued.get(pid) or self.held.get(pid)
        hlc = before[1] if before is not None and before[0] == digest else self.now
        self.sent[pid] = (kind.value, digest, hlc)
        return Stamp(hlc, pseudonym_origin(self.key, real_id))

    def owed(self, pid: str, values: dict[str, Any]) -> bool:
        """Whether this line of ``pid`` is not yet with every recipient of this export."""
        return self.told.get(pid) != values_digest(values)

    def unchanged(self, pid: str) -> bool:
        """Whether the line made for ``pid`` is the one this recipient set was sent before."""
        before, now = self.held.get(pid), self.sent.get(pid)
        return before is not None and now is not None and before == now[1:]


def district_note(region: object) -> str | None:
    district = regions.district_of(region) if isinstance(region, str) else None
    return f"Pseudonymised person; federal district: {district}" if district else None


# ---- mentions ----------------------------------------------------------------------------------
Indexer = Callable[[str], list[str]]
_NO_WORDS: frozenset[int] = frozenset()
_KNOWN_TEXT, _KNOWN_MAX = 200, 1 << 14  # the answers Mentions keeps: texts this short, this many
# a form of more words than this is no one's name (an alias stuffed with given names): its
# given names are not paired with her patronymic, nor looked for as initials, which would
# make a form of each (and of each with every other word). Real names reach five words
# ("Dr. Anna-Maria Kuznetsova-Ivanova", the patronymic aside)
_NAME_WORDS = 6


class Mentions:
    """Finds free text that names a protected person, as search would find her.

    Each name form (the name, the Latin name, each alias) is cut into name words as the name
    matcher cuts it (:func:`registry.match.names.parse`): a patronymic and a double family
    name's hyphen are taken out, as a search for "Мария Кузнецова" finds "Мария Сергеевна
    Кузнецова"; her given name with her patronymic ("Мария Сергеевна", the formal address,
    by which search finds her too) is a form of its own. A form is mentioned when every one
    of its name words meets the text in one
    of its search keys (so any order, script and spelling, short forms of a given name and
    Russian case endings match); a surname or a given name alone does not. Any two words of
    a form of three to six (a double surname, two given names: "Гульнара Юсупова" for
    Гульнара Ахметова-Юсупова) are a form too, as search finds her by them. A one-word form
    (an alias) counts only when its key is four letters or more. Its name words run together
    (a hashtag or a handle) mention it too: with capitals where the words begin, as search
    reads them (#ИринаВолкова); in one case, either way round (#иринаволкова, #VOLKOVAIRINA).

    A form is also mentioned by an initial, as search finds "И. Волкова" and "Volkova I.":
    its given name (a word the name matcher knows as a given name or its short form; any
    word of a form it knows none of) written as an initial that can stand for it
    (:func:`registry.match.names.initial_fits`: И., I for Ирина) right before or after
    the other words of the form, optionally followed by the initial of the patronymic ("И.
    С. Волкова", "Волкова И. С."), which must then fit the person's patronymic when one of
    her forms gives it. A single letter without a dot counts only in upper case (the Russian
    "и", "с", "в" are words); another initial ("А. Волкова") or an initial alone does not.
    """

    def __init__(self, indexer: Indexer, names: Iterable[Iterable[str]],
                 marked: Mapping[str, frozenset[str]] | None = None) -> None:
        self.indexer = indexer
        # fields that named a protected person when she was erased here (her names are
        # gone): record id → field names (``sync.exporter.mark_mentions``)
        self.marked: dict[str, frozenset[str]] = dict(marked or {})
        self.forms: list[list[frozenset[str]]] = []
        # the automaton: each distinct name word (its keys) is numbered once; a text meets
        # the words one of whose keys it reaches (``by_key``), and names a form when it
        # meets every word of it, looked up from the form's last word (``by_last``)
        self.word_ids: dict[frozenset[str], int] = {}
        self.by_key: dict[str, list[int]] = {}  # a key → the words it is a key of
        self.form_words: list[tuple[int, ...]] = []  # a form → its words
        self.by_last: dict[int, list[int]] = {}  # a word → the forms it ends
        # a form written with an initial: the words written out, the given name, patronymics
        self.initialed: list[tuple[list[frozenset[str]], Token, tuple[Token, ...]]] = []
        self.by_written_key: dict[str, list[int]] = {}
        # text → (names one, the name words it meets: it touches one when there are any)
        self._known: dict[str, tuple[bool, frozenset[int]]] = {}
        self._made: dict[tuple[frozenset[str], ...], int] = {}  # each form once: its number
        self.joined: set[int] = set()  # forms that are only a name run together (#ИринаВолкова)
        self._word_keys: dict[str, frozenset[str]] = {}  # a name word's keys, asked once
        self._names: dict[str, bool] = {}  # a person's name → names more than a namesake
        self._pieces_met: dict[str, set[int]] = {}  # a piece of such a name → the words it meets
        for person_names in names:
            forms = list(person_names)
            patronymics = tuple({t.text: t for t in (parse(f).patronymic for f in forms)
                                 if t}.values())  # one each: aliases repeat them
            for form in forms:
                self._add(form, patronymics)
            self._add_nicknames(forms, patronymics)

    def _add(self, form: str, patronymics: tuple[Token, ...] = ()) -> None:
        tokens = [(token, self._keys(token.text)) for token in parse(form).tokens]
        tokens = [(token, keys) for token, keys in tokens if keys]
        words = [keys for _token, keys in tokens]
        if not words or (len(words) == 1 and max(len(k) for k in words[0]) < 4):
            return
        self._form(words)
        for pair in itertools.combinations(words, 2) if 2 < len(words) <= _NAME_WORDS else ():
            self._form(list(pair))  # a double surname, two given names: search finds her by two
        for name, keys in tokens if len(tokens) <= _NAME_WORDS else ():
            if name.full or name.short_of:  # her given name with her patronymic: "Мария
                for patronymic in patronymics:  # Сергеевна"
                    self._form([keys, self._keys(patronymic.text)])
        for order in (tokens, tokens[::-1]) if len(tokens) > 1 else ():
            # the name run together either way round, in any case (#иринаволкова,
            # VOLKOVAIRINA): one word, the parts of which no index term shows
            self._form([frozenset(self.indexer("".join(t.text for t, _ in order).lower()))],
                       joined=True)
        given = [t for t, _keys in tokens if t.full or t.short_of] or [t for t, _ in tokens]
        for name in given if 1 < len(tokens) <= _NAME_WORDS else ():
            written = [keys for t, keys in tokens if t is not name]
            if any(t.initial for t, _keys in tokens if t is not name):
                continue
            number = len(self.initialed)
            self.initialed.append((written, name, patronymics))
            for key in {key for word in written for key in word}:
                self.by_written_key.setdefault(key, []).append(number)

    def _keys(self, word: str) -> frozenset[str]:
        found = self._word_keys.get(word)
        if found is None:
            found = self._word_keys[word] = frozenset(self.indexer(word))
        return found

    def _add_nicknames(self, forms: list[str], patronymics: tuple[Token, ...]) -> None:
        """A one-word alias too short to be looked for alone ("Маруся": ``mrs``) stands for
        her given name, as search finds her by it with her surname ("Маруся Кузнецова") or
        her patronymic ("Маруся Сергеевна"): each of her names with its given name (any word,
        when none is known as one) replaced by the alias is a form of its own, and so is the
        alias with each patronymic. Her patronymic stands for her given name too ("Сергеевна
        Кузнецова"): made from keys, as the parser would take it out of a name again."""
        parsed = [tokens for tokens in (parse(form).tokens for form in forms)
                  if 1 < len(tokens) <= _NAME_WORDS]
        for nickname in {tokens[0].text for tokens in map(_tokens, forms) if len(tokens) == 1}:
            keys = self._keys(nickname)
            if not keys or max(len(k) for k in keys) >= 4:  # looked for alone already
                continue
            for tokens in parsed:
                for name in _given(tokens):
                    self._add(" ".join(nickname if t is name else t.text for t in tokens))
            for patronymic in patronymics:
                self._form([keys, self._keys(patronymic.text)])
        for patronymic in patronymics:
            stand_in = self._keys(patronymic.text)
            for tokens in parsed if stand_in else ():
                for name in _given(tokens):
                    self._form([stand_in if t is name else self._keys(t.text) for t in tokens
                                if t is name or self._keys(t.text)])

    def _form(self, words: list[frozenset[str]], *, joined: bool = False) -> None:
        number = self._made.get(tuple(words))
        if number is not None:
            if not joined:  # a form of its own too (a one-word alias)
                self.joined.discard(number)
            return
        number = self._made[tuple(words)] = len(self.forms)
        if joined:
            self.joined.add(number)
        self.forms.append(words)
        ids = tuple(map(self._word_id, words))
        self.form_words.append(ids)
        self.by_last.setdefault(ids[-1], []).append(number)

    def _word_id(self, word: frozenset[str]) -> int:
        found = self.word_ids.get(word)
        if found is None:
            found = self.word_ids[word] = len(self.word_ids)
            for key in word:
                self.by_key.setdefault(key, []).append(found)
        return found

    def __bool__(self) -> bool:
        return bool(self.forms) or bool(self.marked)

    def naming(self, record_id: str, values: Mapping[str, Any],
               fields: Iterable[str]) -> list[str]:
        """The fields among ``fields`` (free text) that name a protected person: on their
        own, read together (her given name in one field or list item, her surname in another:
        search finds the record for her), or kept as naming one erased here since
        (``marked``)."""
        marked = self.marked.get(record_id, frozenset())
        out: list[str] = []
        touching: list[str] = []  # fields that meet a name word without naming her alone
        texts = 0  # theirs, a list's items each
        # the name words they meet: read together, texts meet the union of what each meets
        # (a word is met by any one of its keys in any of them)
        met: set[int] = set()
        for name in fields:
            value = values.get(name)
            if not value:
                continue
            if name in marked:
                out.append(name)
                continue
            facts = [self._facts(text) for text in _texts(value)]  # each text read once
            if any(found for found, _ in facts):
                out.append(name)
            elif any(words for _, words in facts):
                touching.append(name)
                texts += len(facts)
                met.update(*(words for _, words in facts))
        if texts > 1 and self._names_one(met):
            out += touching
        return out

    def found_in(self, text: str) -> bool:
        """Whether ``text`` names one of the forms. A word meets the text as a search term
        does: a key equals a term of the text, or (three letters and more) begins one — so
        "Pozdnova's" and case endings meet "Pozdnova". A short text's answer is kept (cities,
        themes and places repeat across thousands of records), a bounded number of them."""
        return self._facts(text)[0]

    def touches(self, text: str) -> bool:
        """Whether a word of ``text`` meets a word of one of the forms (a given name or a
        surname alone, say): what :meth:`naming` then reads with a record's other texts."""
        return bool(self._facts(text)[1])

    def _names_one(self, met: AbstractSet[int]) -> bool:
        """Whether every word of a form is among the name words ``met``."""
        return next(self._forms_met(met), None) is not None

    def _facts(self, text: str) -> tuple[bool, frozenset[int]]:
        """Whether ``text`` names a form, and the name words it meets (kept for short texts)."""
        known = self._known.get(text)
        if known is not None:
            return known
        reach = self._reach(text)
        found = self._met(reach)
        met = frozenset(found) if found else _NO_WORDS  # most texts: one shared empty set
        facts = (self._scan(text, reach, met), met)
        if len(text) <= _KNOWN_TEXT:
            if len(self._known) >= _KNOWN_MAX:
                self._known.clear()
            self._known[text] = facts
        return facts

    def _reach(self, text: str) -> set[str]:
        terms = set(self.indexer(text))
        return terms | {t[:i] for t in terms for i in range(3, len(t))}

    def _met(self, reach: Iterable[str]) -> set[int]:
        """The name words (numbers) one of whose keys is in ``reach``."""
        by_key = self.by_key
        return {word for term in reach if term in by_key for word in by_key[term]}

    def _forms_met(self, met: AbstractSet[int]) -> Iterator[int]:
        """The forms every word of which is in ``met``."""
        form_words, by_last = self.form_words, self.by_last
        for word in met:
            for number in by_last.get(word, ()):
                if all(w in met for w in form_words[number]):
                    yield number

    def _scan(self, text: str, reach: set[str], met: AbstractSet[int]) -> bool:
        if not reach:
            return False
        if self._names_one(met):
            return True
        if not _MAYBE_INITIAL.search(compose(text)):  # no initial: no form written with one
            return False
        return bool(self._initialed_found(text, reach, first=True))

    def _initialed_found(self, text: str, reach: set[str], *, first: bool = False
                         ) -> set[int]:
        """The forms written with an initial that ``text`` names (the first one found only,
        if ``first``)."""
        candidates = {n for term in reach for n in self.by_written_key.get(term, ())}
        candidates = {n for n in candidates
                      if all(not reach.isdisjoint(word) for word in self.initialed[n][0])}
        return self._initialed(_pieces(text), candidates, first) if candidates else set()

    def _initialed(self, pieces: list[_Piece], candidates: set[int], first: bool) -> set[int]:
        """The candidates an initial that fits the given name of stands next to a written-out
        word of (the candidates: forms all of whose written-out words are in the text)."""
        out: set[int] = set()
        for n in _near_initials(pieces):
            reach = self._reach(pieces[n].word)
            here = {c for term in reach for c in self.by_written_key.get(term, ())}
            here &= candidates
            if not here:
                continue
            before = _run(pieces, n - 1, -1)[::-1]
            after = [] if pieces[n].ends_sentence else _run(pieces, n + 1, 1)
            for c in sorted(here):
                _written, given, patronymics = self.initialed[c]
                if _fits(before, given, patronymics) or _fits(after, given, patronymics):
                    out.add(c)
                    if first:
                        return out
        return out

    def names_more_than_a_namesake(self, name: str) -> bool:
        """Whether a person's own name (or Latin name) names a protected person as more than
        her namesake: it names one of her forms (as :meth:`found_in` reads text) with words
        besides ("Жена Петра Кузнецова", "Pyotr Kuznetsov's wife", "Вдова П. Кузнецова").
        A namesake's name is one of her forms and nothing else ("Пётр Кузнецов", "Kuznetsov
        Petr", "Петя Кузнецов"): as many words as a form it names. The name is read as the
        name matcher reads a person's: the patronymic is her father's given name, part of her
        own ("Анна Петровна Кузнецова" names no Пётр), and an initial is no word of its own.
        """
        verdict = self._names.get(name)
        if verdict is None:
            verdict = self._names[name] = self._more_than_a_namesake(name)
        return verdict

    def _more_than_a_namesake(self, name: str) -> bool:
        pieces = name.split()
        if len(pieces) == 2 and all(map(_PLAIN.fullmatch, pieces)):  # most names: two words
            met = self._piece_met(pieces[0]) | self._piece_met(pieces[1])
            if not self._pairs.isdisjoint(itertools.product(met, met)):
                return False  # a form of two words: her name, nothing besides
            return not self._singles.isdisjoint(met)  # a form of one word, and another word
        name = compose(name)
        words = sum(p.token is None for p in _pieces(name))
        if words > 2:  # a patronymic needs two words beside it
            parsed = parse(name)
            if parsed.patronymic is not None:
                name = re.sub(rf"(?<![^\W_]){re.escape(parsed.patronymic.text)}(?![^\W_])",
                              " ", name)
            words = sum(not t.initial and bool(self._keys(t.text)) for t in parsed.tokens)
        # a text's terms are those of its pieces (translit.index_terms): met piece by piece,
        # each asked once (names repeat their words)
        met = set().union(*map(self._piece_met, name.split()))
        fewer = False
        for number in self._forms_met(met):
            size = len(self.form_words[number])
            if size == words and number not in self.joined:
                return False  # her name, nothing besides (a namesake)
            fewer = fewer or (size < words and number not in self.joined)
        if fewer:
            return True
        if not _MAYBE_INITIAL.search(name):
            return False
        sizes = {len(self.initialed[n][0]) for n in self._initialed_found(name, self._reach(name))}
        return bool(sizes) and words not in sizes

    @functools.cached_property
    def _pairs(self) -> frozenset[tuple[int, int]]:
        """The forms of two words (none is a name run together)."""
        return frozenset((w[0], w[1]) for w in self.form_words if len(w) == 2)

    @functools.cached_property
    def _singles(self) -> frozenset[int]:
        """The words that are a form of their own (not only a name run together)."""
        return frozenset(w[0] for n, w in enumerate(self.form_words)
                         if len(w) == 1 and n not in self.joined)

    def _piece_met(self, piece: str) -> set[int]:
        found = self._pieces_met.get(piece)
        if found is None:
            found = self._pieces_met[piece] = self._met(self._reach(piece))
        return found

    def found_in_value(self, value: object) -> bool:
        """Whether a free-text field's value (a text, or a list of texts each read on its
        own) names one of the forms."""
        return any(map(self.found_in, _texts(value)))


def _tokens(form: str) -> tuple[Token, ...]:
    return tuple(parse(form).tokens)


def _given(tokens: Iterable[Token]) -> list[Token]:
    """The given names among a name's words (every word, when it knows none)."""
    words = list(tokens)
    return [t for t in words if t.full or t.short_of] or words


@dataclass(frozen=True, slots=True)
class _Piece:
    """One word of a text: ``token`` is its initial's (None for a written-out word)."""

    word: str
    token: Token | None
    joined: bool  # nothing but spaces between it and the piece before
    ends_sentence: bool


_WORD = re.compile(r"[^\W_]+\.?")
_PLAIN = re.compile(r"[^\W_]{2,}")  # a word that is no initial, alone between spaces
# what may be an initial (a word of one letter, or of two with a dot): more than _pieces
# reads as one, never less
_MAYBE_INITIAL = re.compile(r"(?<![^\W_])(?:[^\W_](?![^\W_])|[^\W_]{2}\.)")
_INITIAL_RUN = 2  # a given name's initial and a patronymic's


def _pieces(text: str) -> list[_Piece]:
    """The words of ``text`` in order, each initial with its name token. A word of one letter,
    or of two with a dot (Yu., Zh.), is an initial as the name matcher reads one; a single
    letter without a dot only in upper case."""
    out: list[_Piece] = []
    end = 0
    text = compose(text)
    for match in _WORD.finditer(text):
        piece = match.group()
        word = piece.rstrip(".")
        dotted = piece != word
        initial = (len(word) == 1 and (dotted or word.isupper())) or (dotted and len(word) == 2)
        tokens = parse(piece).tokens if initial else ()
        token = tokens[0] if len(tokens) == 1 and tokens[0].initial else None
        out.append(_Piece(word, token, not text[end:match.start()].strip(),
                          dotted and token is None))
        end = match.end()
    return out


def _fits(run: list[_Piece], given: Token, patronymics: tuple[Token, ...]) -> bool:
    """Whether a run of initials (in the order written) is the given name's initial, then
    perhaps the patronymic's (which must fit one of ``patronymics`` when there are any)."""
    head = run[0].token if run else None
    if head is None or not initial_fits(head.heads, head.letters, given):
        return False
    tail = run[1].token if len(run) > 1 else None
    return tail is None or not patronymics or any(
        initial_fits(tail.heads, tail.letters, p) for p in patronymics)


def _near_initials(pieces: list[_Piece]) -> list[int]:
    """The positions of the written-out words an initial stands next to (or one initial
    away from), in order."""
    near = {n + d for n, p in enumerate(pieces) if p.token is not None
            for d in range(-_INITIAL_RUN, _INITIAL_RUN + 1)}
    return [n for n in sorted(near) if 0 <= n < len(pieces) and pieces[n].token is None]


def _run(pieces: list[_Piece], start: int, step: int) -> list[_Piece]:
    """The initials next to a word, from ``start`` away from it: at most two, written
    together (a comma between two initials ends the run; one between the word and the run
    does not: "Волкова, И.")."""
    out: list[_Piece] = []
    n = start
    while 0 <= n < len(pieces) and len(out) < _INITIAL_RUN and pieces[n].token is not None:
        if out and not (pieces[n] if step > 0 else out[-1]).joined:
            break
        out.append(pieces[n])
        n += step
    return out


def _why(named: bool, above: bool) -> OmitReason | None:
    """Why a record stays out: it is (or points to) an actor named after a protected person,
    else it is above the ceiling; None: neither."""
    return OmitReason.MENTION if named else OmitReason.ABOVE_CEILING if above else None


def _texts(value: object) -> list[str]:
    """The texts of a free-text field's value (a text, or a list of texts); nothing of any
    other value."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def free_text_fields(kind: Kind) -> tuple[str, ...]:
    """The fields of ``kind`` the mention scan reads: those its spec marks ``free_text``
    (:mod:`registry.domain.model` decides, field by field)."""
    return tuple(f.name for f in KINDS[kind].fields if f.free_text)


# ---- the tally ----------------------------------------------------------------------------------
@dataclass
class Tally:
    """Records left out and fields blanked, by reason, with their ids."""

    left_out: dict[OmitReason, list[str]] = field(default_factory=dict)
    blanked: dict[OmitReason, dict[str, list[str]]] = field(default_factory=dict)

    def leave_out(self, reason: OmitReason, record_id: str) -> None:
        self.left_out.setdefault(reason, []).append(record_id)

    def blank(self, reason: OmitReason, record_id: str, name: str) -> None:
        self.blanked.setdefault(reason, {}).setdefault(name, []).append(record_id)

    def left_out_count(self) -> int:
        return sum(len(v) for v in self.left_out.values())

    def to_json(self, *, ids: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for reason in OmitReason:
            records = self.left_out.get(reason, [])
            fields = self.blanked.get(reason, {})
            entry: dict[str, Any] = {
                "records": len(records),
                "fields": {name: len(v) for name, v in sorted(fields.items())}}
            if ids:
                entry["record_ids"] = sorted(records)
                entry["field_ids"] = {name: sorted(v) for name, v in sorted(fields.items())}
            out[reason.value] = entry
        return out


# ---- the redactor ------------------------------------------------------------------------------
@dataclass
class Redactor:
    """Applies one export's ceiling, mode and mention rule to records.

    ``sent_before`` holds the real ids every recipient of this export was sent before (a
    protected record's tombstone goes by its real id only to them); ``sent_to_any`` those one
    of them was; ``known_people`` the protected people one of them knows by real id (her
    record, or any record naming her: ``exporter.known_to``) — a pseudonym is none to them
    (:meth:`is_known`); ``sent_people`` those whose real id one of them was sent
    (``exporter.sent_to_know``) — a pseudonym's tombstone of theirs stays home
    (:meth:`_known_tombstone`); ``erased_level`` tells how protected an erased record was
    (None: not known, treated as protected); ``erased_actors`` holds the actors erased here;
    ``erased_people`` holds the protected people erased here, whom an event may still list
    as participants (it was left as it was: ``Registry._drop_participant``). ``named``:
    the actors whose own name names a protected person — an organisation's name, Latin
    name or website, a person's name or Latin name beyond a namesake
    (``sync.exporter.actors_naming``): when the scan is on they stay home, with what
    points to them, as an event titled with her name does (a protected person's stub
    carries no name: ``pseudonymise`` sends it). ``joint``: the pseudonyms of the wider
    recipient sets every recipient of this export was in (a joint bundle), or took over
    from a predecessor who was (``exporter.inherited_keys``), whose tombstones are theirs
    too (:meth:`joint_tombstones`). ``stubbed``: people protected here no longer whose stub
    a recipient holds (``exporter.stubbed_people``): they stay home, with what points to them,
    unless ``include`` sends people by name knowingly — her record by real id, or a tie re-sent
    with her real id where it had her stub's, would say which stub she was (DESIGN §6.4.4).
    ``holds``: the actors this vault holds at all, live or erased (a bundle's): a
    reference to one it does not hold — a colleague's link or tie that arrived beside an
    erasure still waiting for this vault's official (§6.5.4) — is treated as one to an actor
    left out (counted as deleted), for a recipient would find it pointing to nothing and
    refuse the whole bundle (§6.5.5).
    """

    protection: Protection
    ceiling: Sensitivity
    mode: Mode
    key: bytes
    mentions: Mentions | None = None
    sent_before: Callable[[str], bool] = lambda _id: False
    sent_to_any: Callable[[str], bool] = lambda _id: False
    known_people: AbstractSet[str] = frozenset()
    claimed_people: AbstractSet[str] = frozenset()
    sent_people: AbstractSet[str] = frozenset()
    erased_level: Callable[[str], tuple[Sensitivity, bool] | None] = lambda _id: None
    erased_actors: frozenset[str] = frozenset()
    own_levels: dict[str, Sensitivity] = field(default_factory=dict)
    erased_people: frozenset[str] = frozenset()
    stubs: Pseudonyms | None = None
    joint: tuple[Pseudonyms, ...] = ()
    tally: Tally = field(default_factory=Tally)
    stubs_needed: set[str] = field(default_factory=set)
    stub_ids: set[str] = field(default_factory=set)
    pseudonymous: dict[str, Record] = field(default_factory=dict)  # pseudonymous lines made
    blocked: set[str] = field(default_factory=set)
    named: frozenset[str] = frozenset()
    stubbed: frozenset[str] = frozenset()
    holds: AbstractSet[str] | None = None

    def __post_init__(self) -> None:
        if self.stubs is None:
            self.stubs = Pseudonyms(self.key, 1)
        self.allowed = {k: frozenset(f.name for f in s.fields if f.floor <= self.ceiling)
                        for k, s in KINDS.items()}
        self.free_text = {k: free_text_fields(k) for k in KINDS}
        self.scan_mentions = bool(self.mentions)  # include: of the people it leaves home
        if not self.scan_mentions:
            self.named = frozenset()
        elif self.mode is Mode.PSEUDONYMISE:  # her stub carries no name
            self.named = self.named - self.protection.people
        if self.mode is Mode.INCLUDE:  # sent by name knowingly, as the protected are
            self.stubbed = frozenset()
        self.blocked |= self.named | self.stubbed
        for actor, level in self.protection.level.items():
            if actor in self.protection.people:
                if self.mode is Mode.EXCLUDE or (self.mode is Mode.INCLUDE
                                                 and self._own_above(actor)):
                    self.blocked.add(actor)
            elif level > self.ceiling:
                self.blocked.add(actor)
        # the protected people a recipient knows by real id, with their "same" groups (and
        # what pairs keep one with them): their pseudonymous copies would pair (is_known),
        # and so would a pseudonym's tombstone, which goes in any mode (_known_tombstone)
        self.known: set[str] = set()
        self.claimed: set[str] = set()  # only a joint bundle's manifest says they know her
        self.sent_known: set[str] = set()  # those they were sent by real id (tombstones)
        if self.known_people or self.claimed_people or self.sent_people:
            key = self.protection.group_key
            held = {key(p) for p in self.known_people}
            said = {key(p) for p in self.claimed_people} - held
            sent = {key(p) for p in self.sent_people}
            self.known = {p for p in self.protection.people if key(p) in held}
            self.claimed = {p for p in self.protection.people if key(p) in said}
            self.sent_known = {p for p in self.protection.people if key(p) in sent}
        self.blocked |= self._tombstones_kept_home()

    def _tombstones_kept_home(self) -> set[str]:
        """The deleted or erased actors whose tombstone goes only to those who hold them,
        and not to every recipient of this export: what points at one (a tie, a "same" link
        kept to an erased record, a colleague's decision or tie naming it since) would
        point at nothing for the others, so it stays home (:meth:`_tombstones`)."""
        out = set()
        for actor in self.protection.deleted - self.blocked:
            level = self.protection.level.get(actor, Sensitivity.INTERNAL)
            if (actor in self.protection.people or level > self.ceiling) and \
                    not self.sent_before(actor):
                out.add(actor)
        for actor in self.erased_actors - self.blocked:
            if self._erased_sensitive(actor)[0] and not self.sent_before(actor):
                out.add(actor)
        return out

    def is_protected_person(self, record: Record) -> bool:
        return record.kind is Kind.PERSON and self.protection.is_protected_person(record.id)

    def is_known(self, person: object) -> bool:
        """Whether a recipient holds this protected person by her real id (or a record of
        her "same" group): her stub and her pseudonymous ties would be no pseudonyms to them
        — the tie they hold in clear and its pseudonymous copy share their open end and
        kind, and pin the stub to her, and her new ties with it (DESIGN §6.4.4). They stay
        home for such a bundle, as in ``exclude``; the notice of her real id still goes.
        Also when only a colleague's joint bundle says they hold her (``claimed_people``)."""
        return person in self.known or person in self.claimed

    def _own_above(self, person: str) -> bool:
        """Whether a protected person's own level (``Protection.own``: the highest given to
        her "same" group, not by the rule) is above the ceiling: ``include`` lifts the
        exclusion of protected people, never a record's own level (§6.4.5), so she stays
        home as above it."""
        own = self.protection.own.get(person)
        return own is not None and own > self.ceiling

    def redact(self, record: Record, *, kept: bool = False) -> list[Record]:
        """The records that travel for ``record`` (none when it is left out). ``kept``:
        :meth:`skip` already saw this record's level, flags and references and kept it."""
        try:
            return self._redact(record, kept)
        except _LeftOut as out:
            self.tally.leave_out(out.reason, record.id)
            return []

    def skip(self, sketch: Record) -> bool:
        """Whether a record, known only by its level, flags and references (no stamps), is
        left out whole; if so it is counted. An export calls this before it decodes a row."""
        reason = self.left_out(sketch)
        if reason is not None:
            self.tally.leave_out(reason, sketch.id)
        return reason is not None

    def left_out(self, record: Record) -> OmitReason | None:  # noqa: PLR0911 - one a rule
        """Why a live record stays out whole, decided from its level, flags and references
        alone; None when that takes its values (it travels, or travels changed)."""
        values, kind = record.values, record.kind
        if record.erased is not None or values.get("deleted") or kind is Kind.EVENT:
            return None
        if self.stubbed and self._stubbed(record):
            return OmitReason.PROTECTED
        # An export asks this of every row of the vault: Protection.record_level and _refs
        # are inlined (an actor has no references; a record referring to no protected
        # person has its own level).
        people = self.protection.people  # ids (str): a reference is one or None
        names = _REFS.get(kind)
        if names is None:  # a person or an organisation: its group's level
            if kind is Kind.PERSON and record.id in people:
                if self.mode is Mode.EXCLUDE:
                    return OmitReason.PROTECTED
                return _why(record.id in self.named, record.id in self.blocked)
            level = self.protection.level.get(record.id)
            above = (record.sensitivity if level is None else level) > self.ceiling
            return _why(record.id in self.named, above)
        refs = [values.get(name) for name in names]
        if not people.isdisjoint(refs):
            whole = self.mode is Mode.EXCLUDE or (self.mode is Mode.PSEUDONYMISE
                                                  and kind is not Kind.TIE)
            return OmitReason.PROTECTED if whole else None
        # the level it keeps for the actors a bundle moved it off (mostly none: one test)
        formerly = self.protection.formerly
        above = not self.blocked.isdisjoint(refs) or _own_level(values) > self.ceiling or (
            bool(formerly) and formerly.get(record.id, Sensitivity.PUBLIC) > self.ceiling)
        why = _why(not self.named.isdisjoint(refs), above)
        if why is None and self.holds is not None and any(map(self._not_held, refs)):
            return OmitReason.DELETED
        return why

    def _stubbed(self, record: Record) -> bool:
        """Whether ``record`` is, or points to, a person a recipient holds as a stub."""
        return record.id in self.stubbed or any(
            record.values.get(name) in self.stubbed for name in _REFS.get(record.kind, ()))

    def _redact(self, record: Record, kept: bool = False) -> list[Record]:
        reason = None if kept else self.left_out(record)
        if reason is not None:
            raise _LeftOut(reason)
        if record.erased is not None:
            return self._erasure(record)
        if record.values.get("deleted"):  # record.deleted, not erased
            return self._deleted(record)
        people = self.protection.people
        if record.kind is Kind.PERSON and record.id in people:  # is_protected_person
            return self._protected_person(record)
        if not people.isdisjoint(self._refs(record)) or (
                record.kind is Kind.EVENT and not self.erased_people.isdisjoint(
                    self._refs(record))):
            return self._touching(record)
        return self._ordinary(record)

    def _ordinary(self, record: Record) -> list[Record]:
        if record.kind is not Kind.EVENT:  # left_out found it within the ceiling
            return [self._fields(record)]
        if self.protection.record_level(record) > self.ceiling:
            self.tally.leave_out(OmitReason.ABOVE_CEILING, record.id)
            return []
        return self._event(record)

    @staticmethod
    def _refs(record: Record) -> list[Any]:
        if record.kind is Kind.EVENT:
            return list(record.values.get("participants") or [])
        return list(map(record.values.get, _REFS.get(record.kind, ())))

    # -- tombstones ---------------------------------------------------------------------------
    def _erasure(self, record: Record) -> list[Record]:
        return self._tombstones(record, *self._erased_facts(record))

    def _erased_facts(self, record: Record) -> tuple[Record, bool, bool]:
        """The real tombstone of an erased record, whether it is sensitive (it goes by real
        id only to whoever holds that id) and whether it was protected."""
        stamp = record.erased or Stamp(1, "-")
        return Record(record.id, record.kind, {}, {}, stamp), *self._erased_sensitive(record.id)

    def _erased_sensitive(self, record_id: str) -> tuple[bool, bool]:
        """Whether an erased record's tombstone is sensitive (it goes by real id only to
        whoever holds that id), and whether it was protected."""
        known = self.erased_level(record_id)
        protected = known is None or known[1] or known[0] >= Sensitivity.PROTECTED
        return protected or (known is not None and known[0] > self.ceiling), protected

    def _deleted(self, record: Record) -> list[Record]:
        if record.values:  # pragma: no branch - its values hold the deleted flag
            self.tally.leave_out(OmitReason.DELETED, record.id)
        return self._tombstones(record, *self._deleted_facts(record))

    def _deleted_facts(self, record: Record) -> tuple[Record, bool, bool]:
        """As :meth:`_erased_facts`, for a deleted record."""
        stamp = record.stamps["deleted"]
        level = self.protection.record_level(record)
        protected = self.is_protected_person(record) or (
            record.kind is not Kind.PERSON and any(
                self.protection.is_protected_person(r) for r in self._refs(record)))
        real = Record(record.id, record.kind, {"deleted": True}, {"deleted": stamp})
        return real, protected or level > self.ceiling, protected

    def _tombstones(self, record: Record, real: Record, sensitive: bool, protected: bool
                    ) -> list[Record]:
        if not sensitive:
            return [real]
        out = [real] if self.sent_before(record.id) else []
        pid = pseudonym_id(self.key, record.id)
        assert self.stubs is not None
        # a pseudonym they hold stands for nobody real to them, whatever her level now: one
        # lowered since (still above the ceiling) is as protected to its holders
        if record.kind in (Kind.PERSON, Kind.TIE) and (
                pid in self.stubs.held or (protected and self.mode is Mode.PSEUDONYMISE)) \
                and not self._known_tombstone(record):
            out.append(self._pseudonym_tombstone(record, pid, self.stubs))
        return out

    def joint_tombstones(self, record: Record) -> list[Record]:
        """The tombstones of an erased or deleted record's pseudonyms that a wider recipient
        set was sent (a joint bundle to these recipients and others), under those pseudonyms,
        while not every recipient of this export has them (:meth:`Pseudonyms.owed`). Each id
        is one every recipient of this export holds already; it goes as the pseudonym of this
        set's own would (:meth:`_tombstones`): never beside the real id, nor to one who
        knows it."""
        _, sensitive, _ = self._erased_facts(record) if record.erased \
            else self._deleted_facts(record)
        if not sensitive or self._known_tombstone(record):
            return []
        out = []
        for stubs in self.joint:
            pid = pseudonym_id(stubs.key, record.id)
            if pid in stubs.held and stubs.owed(pid, _tombstone_values(record)):
                out.append(self._pseudonym_tombstone(record, pid, stubs))
        return out

    def _pseudonym_tombstone(self, record: Record, pid: str, stubs: Pseudonyms) -> Record:
        values = _tombstone_values(record)
        stamp = stubs.stamp(pid, record.id, record.kind, values)
        if record.erased:
            return self._made(Record(pid, record.kind, {}, {}, stamp))
        return self._made(Record(pid, record.kind, values, dict.fromkeys(values, stamp)))

    def _known_tombstone(self, record: Record) -> bool:
        """A deleted or erased protected person a recipient was sent by real id (or a tie of
        one), or any record a recipient holds by real id: its pseudonym's tombstone would
        pair with the real one (see :meth:`is_known`), though they hold the pseudonym too
        (from before they were sent her id: it stays with them, pairing nothing). What they
        were sent (``sent_people``), not what their copy of a record names here now
        (``known_people``, which keeps a stub away, the safe side there): a record they hold
        that names her only since told them nothing, and her erasure must reach the stub
        (DESIGN §6.4.4). Not for one only a joint bundle's manifest names
        (``claimed_people``): a seized key could write it to keep her erasure from the
        pseudonym they hold."""
        return self.sent_to_any(record.id) or record.id in self.sent_known or any(
            r in self.sent_known for r in self._refs(record))

    # -- protected people and what touches them --------------------------------------------
    def _protected_person(self, record: Record) -> list[Record]:
        if self.mode is Mode.INCLUDE:
            return [self._fields(record)]
        self.tally.leave_out(OmitReason.PROTECTED, record.id)
        if self.mode is Mode.PSEUDONYMISE and not self.is_known(record.id):
            return [self.stub(record)]
        return []

    def _touching(self, record: Record) -> list[Record]:
        if self.mode is Mode.INCLUDE:
            return self._included_touching(record)
        self.tally.leave_out(OmitReason.PROTECTED, record.id)
        if self.mode is Mode.PSEUDONYMISE and record.kind is Kind.TIE and not any(
                (r in self.blocked and not self.protection.is_protected_person(r))
                or self._not_held(r) for r in self._refs(record)) \
                and not self._own_level_above(record) \
                and self.known.isdisjoint(self._refs(record)) \
                and self.claimed.isdisjoint(self._refs(record)):
            return [self._pseudonymous_tie(record)]
        return []

    def _own_level_above(self, tie: Record) -> bool:
        """Whether the official gave a tie the rule raised a level above the ceiling: its
        pseudonymous copy (its kind, its open end's real id) stays home as the tie would
        (the level is kept when the rule raises it; when it is not known, the network's shape
        travels, as it always did)."""
        own = self.own_levels.get(tie.id)
        return own is not None and own > self.ceiling

    def _included_touching(self, record: Record) -> list[Record]:
        """``include`` lifts the exclusion of protected people, not any record's own level:
        a tie raised to protected *because* it touches one (§4.2) is held at the level its
        official gave it (kept when the rule raised it; unknown: protected)."""
        own = self.own_levels.get(record.id, record.sensitivity)
        refs = [] if record.kind is Kind.EVENT else self._refs(record)
        if own > self.ceiling or any(r in self.blocked for r in refs):
            self.tally.leave_out(OmitReason.ABOVE_CEILING, record.id)
            return []
        if any(map(self._not_held, refs)):
            self.tally.leave_out(OmitReason.DELETED, record.id)
            return []
        return self._event(record) if record.kind is Kind.EVENT else [self._fields(record)]

    def _event(self, record: Record) -> list[Record]:
        """An event whose participants or organiser are left out loses those fields."""
        out = _copy(self._fields(record))
        people = out.values.get("participants") or []
        gone = [p for p in people if p in self.blocked or p in self.erased_people
                or self._not_held(p)]
        if gone:  # the list goes whole, counted under the weightiest reason of those left out
            self._drop(out, "participants", min(map(self._blocked_why, gone), key=_WEIGHT.index))
        organiser = out.values.get("organiser_id")
        if organiser in self.blocked or self._not_held(organiser):
            self._drop(out, "organiser_id", self._blocked_why(organiser))
        return [out]

    def _not_held(self, actor: object) -> bool:
        """Whether a reference names an actor this vault does not hold (:attr:`holds`)."""
        return self.holds is not None and isinstance(actor, str) and actor not in self.holds

    def _blocked_why(self, actor: object) -> OmitReason:
        """Why a reference to a left-out actor is blanked: a protected (or erased) person;
        an actor that names one (a mention: ``--keep-mentions`` keeps it); else it is above
        the ceiling; an actor not held here (:attr:`holds`), as deleted. Only the actors left
        out count: in ``include`` a protected person who travels is no reason."""
        if self._not_held(actor):
            return OmitReason.DELETED
        if actor in self.erased_people or actor in self.stubbed or (
                actor in self.blocked and self.protection.is_protected_person(actor)):
            return OmitReason.PROTECTED
        return OmitReason.MENTION if actor in self.named else OmitReason.ABOVE_CEILING

    # -- building blocks ------------------------------------------------------------------
    def _fields(self, record: Record) -> Record:
        allowed = self.allowed[record.kind]
        out = record
        if not allowed.issuperset(record.stamps):
            for name in record.stamps:
                if name not in allowed and record.values.get(name) not in (None, [], ""):
                    self.tally.blank(OmitReason.FIELD_FLOOR, record.id, name)
            out = Record(record.id, record.kind,
                         {k: v for k, v in record.values.items() if k in allowed},
                         {k: s for k, s in record.stamps.items() if k in allowed})
        target = out.values.get("merged_into")
        if target is not None and (target in self.blocked or self._not_held(target) or (
                self.protection.is_protected_person(target) and self.mode is not Mode.INCLUDE)):
            out = _copy(out)
            reason = OmitReason.PROTECTED if self.protection.is_protected_person(target) \
                else self._blocked_why(target)
            self._drop(out, "merged_into", reason)
        if self.scan_mentions:
            out = self._without_mentions(out)
        return out

    def _without_mentions(self, record: Record) -> Record:
        out = record
        assert self.mentions is not None  # scan_mentions
        for name in self.mentions.naming(record.id, record.values, self.free_text[record.kind]):
            out = self._mention(record, out, name)
        return out

    def _mention(self, record: Record, out: Record, name: str) -> Record:
        """``out`` without field ``name`` (a copy of ``record`` at the first); a required
        field (an event's title) leaves the record out."""
        if name in record.spec.required:
            raise _LeftOut(OmitReason.MENTION)
        out = _copy(out) if out is record else out
        self._drop(out, name, OmitReason.MENTION)
        return out

    def _drop(self, record: Record, name: str, reason: OmitReason) -> None:
        # every caller drops a field it found set
        if record.values.get(name) not in (None, [], ""):  # pragma: no branch
            self.tally.blank(reason, record.id, name)
        record.values.pop(name, None)
        record.stamps.pop(name, None)

    def stub(self, person: Record) -> Record:
        """The pseudonymous stand-in of a protected person: name, district, flags only."""
        pid = pseudonym_id(self.key, person.id)
        self.stub_ids.add(pid)
        values: dict[str, Any] = {
            "name": PSEUDONYM_PREFIX + pid[:8].upper(),
            "sensitivity": Sensitivity.PROTECTED.label,
            "inside_russia": person.id in self.protection.inside,
            "notes": district_note(person.values.get("region")),  # None clears an old one
            "deleted": False,
        }
        assert self.stubs is not None
        stamp = self.stubs.stamp(pid, person.id, Kind.PERSON, values)
        return self._made(Record(pid, Kind.PERSON, values, dict.fromkeys(values, stamp)))

    def _pseudonymous_tie(self, tie: Record) -> Record:
        values = {k: tie.values.get(k) for k in _TIE_SHAPE if k in tie.stamps}
        values["sensitivity"] = Sensitivity.PROTECTED.label
        for end in ("from_id", "to_id"):
            if self.protection.is_protected_person(values.get(end)):
                self.stubs_needed.add(str(values[end]))
                values[end] = pseudonym_id(self.key, str(values[end]))
        values["deleted"] = False
        pid = pseudonym_id(self.key, tie.id)
        assert self.stubs is not None
        stamp = self.stubs.stamp(pid, tie.id, Kind.TIE, values)
        return self._made(Record(pid, Kind.TIE, values, dict.fromkeys(values, stamp)))

    def _made(self, line: Record) -> Record:
        self.pseudonymous[line.id] = line
        return line

    def is_made(self, line: Record) -> bool:
        """False for a record this vault holds under the id of one of its own pseudonyms (a
        stand-in that came back in another vault's ``include`` bundle): the pseudonymous line
        made for this export speaks for that id, so the bundle names it once (§6.2)."""
        return self.pseudonymous.get(line.id, line) is line


class _LeftOut(Exception):
    """The whole record stays out (a required field would have to be blanked)."""

    def __init__(self, reason: OmitReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


_LEVELS = {s.label: s for s in Sensitivity}


def _tombstone_values(record: Record) -> dict[str, Any]:
    """The values a pseudonym's tombstone of ``record`` is kept as (``pseudonym_sent``)."""
    return dict(ERASED_VALUES if record.erased else DELETED_VALUES)


def _own_level(values: dict[str, Any]) -> Sensitivity:
    """``Record.sensitivity`` of these values (a stored label by one lookup)."""
    label = values.get("sensitivity") or "internal"
    level = _LEVELS.get(label)
    return Sensitivity.parse(str(label)) if level is None else level


def _copy(record: Record) -> Record:
    return Record(record.id, record.kind, dict(record.values), dict(record.stamps),
                  record.erased)
