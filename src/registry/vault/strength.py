"""How hard a passphrase is to guess, and the rule a new one must meet (DESIGN §2, §5).

Whoever holds the laptop, or any backup of the vault, holds ``vault.key`` and can try
passphrases against it offline for as long as they like: Argon2id makes each guess slow,
but the data key is only ever as strong as the passphrase. A length rule cannot see that
``12345678`` or ``password1`` is among the first guesses of any attacker, so the estimate is
zxcvbn's: an estimator maintained for a decade, with frequency lists of leaked passwords,
English words, names and surnames, keyboard patterns, dates, sequences and l33t
substitutions, which prices a passphrase by the cheapest way to guess it. Its score runs
from 0 to 4 (4: more than 10^10 guesses); a new vault and a new passphrase need
:data:`MIN_SCORE`.

The official's name, organisation and country count as dictionary words (an attacker who
has the laptop knows whose it is), and so do a few of the commonest Russian passwords,
which zxcvbn's English lists lack. Texts in :class:`Strength` are zxcvbn's and this
module's English source strings, a fixed set: the GUI translates them
(``registry.gui.passphrase``), the command line prints them.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from registry.errors import InvalidInput

MIN_SCORE = 3
# A script that passes the passphrase in REGISTRY_PASSPHRASE (test rigs, provisioning) may use
# one of score 2, with a warning; no one types it, and a person at a terminal or in the app
# always needs MIN_SCORE. Scores 0 and 1 (12345678, password1) are refused everywhere.
SCRIPTED_MIN_SCORE = 2
MAX_SCORE = 4
# zxcvbn refuses longer input (its matching is quadratic); a prefix is scored instead, which
# only ever underestimates: more text never makes a passphrase easier to guess.
SCORED_CHARACTERS = 72

# The commonest Russian passwords, in Cyrillic and as typed on a Latin keyboard layout.
COMMON_RUSSIAN = (
    "пароль", "gfhjkm", "йцукен", "йцукенгшщзхъ", "любовь", "ktn,jdm", "привет", "ghbdtn",
    "наташа", "максим", "солнышко", "кошка", "россия", "москва", "алексей", "дмитрий",
    "андрей", "сергей", "марина", "анастасия", "фывапролдж", "ячсмить", "zxcvbnm",
)

PERSONAL_WARNING = "It contains your name, organisation or country."
MOSTLY_PERSONAL = ("It is made mostly of your name, organisation or country, which whoever "
                   "holds this laptop knows: they add nothing an attacker has to guess.")
# A passphrase whose letters and digits are at least this share the official's own name,
# organisation and country is refused unless the rest alone would pass (zxcvbn prices a
# user-input word as one of a handful, yet the joined words of a long name still score 3-4).
PERSONAL_SHARE = 0.5
WHY = ("Whoever holds this laptop, or a backup of the vault, can try passphrases against "
       "the key file offline for as long as they like: the vault is only as strong as its "
       "passphrase.")
HOW = ("Pick four or more random words that have nothing to do with you (not your name, "
       "organisation or country), for example by rolling dice on a word list, and join them "
       "with spaces. Such a passphrase is both strong and easy to remember.")


class Level(IntEnum):
    """The meter's steps: empty, then zxcvbn's score 0–4 plus one."""

    EMPTY = 0
    VERY_WEAK = 1
    WEAK = 2
    FAIR = 3
    STRONG = 4
    VERY_STRONG = 5


@dataclass(frozen=True)
class Strength:
    """An estimate: ``score`` 0–4 (-1 for an empty passphrase) and what to do about it.

    ``warning`` and ``suggestions`` are English source strings from a fixed set (zxcvbn's
    feedback and this module's), ready to be translated.
    """

    score: int
    bits: float
    warning: str = ""
    suggestions: tuple[str, ...] = ()
    personal: bool = False
    mostly_personal: bool = False

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE and not self.mostly_personal

    @property
    def level(self) -> Level:
        """The meter's step: never "strong" for a passphrase the rule refuses."""
        score = min(self.score, MIN_SCORE - 1) if self.mostly_personal else self.score
        return Level(score + 1)

    def advice(self) -> list[str]:
        """The warning (if any), the personal-words warning, then the suggestions."""
        out = [self.warning] if self.warning else []
        if self.mostly_personal:
            out.append(MOSTLY_PERSONAL)
        elif self.personal:
            out.append(PERSONAL_WARNING)
        return out + list(self.suggestions)


class WeakPassphrase(InvalidInput):
    """A new passphrase scores below :data:`MIN_SCORE`."""

    def __init__(self, strength: Strength) -> None:
        super().__init__(refusal(strength))
        self.strength = strength


EMPTY = Strength(-1, 0.0)
_lock = threading.Lock()  # zxcvbn keeps the user-input dictionary in a module global


def estimate(passphrase: str, user_inputs: Iterable[str] = ()) -> Strength:
    """Score ``passphrase``; ``user_inputs`` (name, organisation, country) count as words."""
    if not passphrase:
        return EMPTY
    personal = _words(user_inputs)
    result = _zxcvbn(passphrase, personal)
    feedback = result.get("feedback") or {}
    return Strength(int(result["score"]),
                    round(float(result["guesses_log10"]) * math.log2(10), 1),
                    str(feedback.get("warning") or ""),
                    tuple(str(s) for s in feedback.get("suggestions") or ()),
                    _uses_personal(result.get("sequence") or [], set(personal)),
                    _mostly_personal(passphrase, personal))


def _zxcvbn(passphrase: str, personal: list[str]) -> dict[str, Any]:
    from zxcvbn import zxcvbn  # imported when first needed: its word lists take ~20 ms

    with _lock:
        result: dict[str, Any] = zxcvbn(passphrase[:SCORED_CHARACTERS],
                                        user_inputs=[*personal, *COMMON_RUSSIAN])
    return result


def _mostly_personal(passphrase: str, personal: list[str]) -> bool:
    """Whether at least :data:`PERSONAL_SHARE` of the letters and digits of ``passphrase``
    spell the official's name, organisation or country (in any case, with or without spaces
    between the words), and what is left would not pass on its own."""
    tokens = _ALNUM.findall(passphrase.casefold())
    total = sum(map(len, tokens))
    if not total or not personal:
        return False
    pieces = sorted({"".join(_ALNUM.findall(w)) for w in personal} - {""}, key=len,
                    reverse=True)
    rest = [_strip_pieces(token, pieces) for token in tokens]
    if total - sum(map(len, rest)) < PERSONAL_SHARE * total:
        return False
    left = " ".join(r for r in rest if r)
    return not left or int(_zxcvbn(left, personal)["score"]) < MIN_SCORE


def _strip_pieces(token: str, pieces: list[str]) -> str:
    """``token`` without the personal words in it, longest first; a word of one or two
    letters (a country code) only when it is the whole token."""
    for piece in pieces:
        if len(piece) > 2:
            token = token.replace(piece, "")
        elif token == piece:
            return ""
    return token


_ALNUM = re.compile(r"[^\W_]+")


def require_strong(passphrase: str, user_inputs: Iterable[str] = (), *,
                   minimum: int = MIN_SCORE) -> Strength:
    """The rule for a new vault or a new passphrase: raise :class:`WeakPassphrase` below
    ``minimum`` (:data:`MIN_SCORE`; :data:`SCRIPTED_MIN_SCORE` for a passphrase a script
    passes in the environment, which is warned about instead), with why and how to pick a
    better one."""
    strength = estimate(passphrase, user_inputs)
    if strength.score < minimum or strength.mostly_personal:
        raise WeakPassphrase(strength)
    return strength


def refusal(strength: Strength) -> str:
    """The command line's explanation of a refused passphrase (English)."""
    score = max(strength.score, 0)
    head = (f"This passphrase is too easy to guess (strength {score} of {MAX_SCORE}; at least "
            f"{MIN_SCORE} is needed): it was refused and nothing was written.")
    if strength.mostly_personal:
        head = ("This passphrase is too easy to guess for whoever knows whose laptop this is: "
                "it was refused and nothing was written.")
    return " ".join([head, *strength.advice(), "Why:", WHY, "How:", HOW])


def _words(user_inputs: Iterable[str]) -> list[str]:
    """Each input whole and word by word, lower case, without one- and two-letter words
    other than the input itself (a country code is a word of its own)."""
    out: list[str] = []
    for given in user_inputs:
        text = (given or "").strip().lower()
        if not text:
            continue
        out.append(text)
        out += [w for w in text.replace("-", " ").split() if len(w) > 2 and w != text]
        out += _country_names(text)
    return list(dict.fromkeys(out))


def _country_names(code: str) -> list[str]:
    """The English names of a country given as its ISO code ("se": "sweden"): an attacker
    knows the country by name, not only by code."""
    if len(code) != 2 or not code.isalpha():
        return []
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    names = {getattr(country, a, "") for a in ("name", "common_name")} if country else set()
    return sorted(n.lower() for n in names if n)


def _uses_personal(sequence: list[Any], personal: set[str]) -> bool:
    return any(m.get("dictionary_name") == "user_inputs" and m.get("matched_word") in personal
               for m in sequence)
