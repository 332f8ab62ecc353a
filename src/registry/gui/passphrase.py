"""The passphrase meter and its advice, shared by the first-run and change-passphrase dialogs.

The estimate is the core's (``registry.vault.strength``, zxcvbn): the same function decides
whether ``Registry.create`` and ``Registry.change_passphrase`` accept a passphrase. Its texts
are English source strings from a fixed set; every one is listed in :data:`FEEDBACK`, so
that ``pyside6-lupdate`` finds it, and is translated here when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QProgressBar

from registry.gui.i18n import translate
from registry.vault.strength import Level, Strength

CONTEXT = "Passphrase"

FEEDBACK = frozenset({
    # zxcvbn's feedback (zxcvbn/feedback.py); tests/gui/test_passphrase_dialog.py keeps the
    # list whole when zxcvbn is upgraded
    QT_TRANSLATE_NOOP("Passphrase", "Use a few words, avoid common phrases."),
    QT_TRANSLATE_NOOP("Passphrase", "No need for symbols, digits, or uppercase letters."),
    QT_TRANSLATE_NOOP("Passphrase", "Add another word or two. Uncommon words are better."),
    QT_TRANSLATE_NOOP("Passphrase", "Straight rows of keys are easy to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Short keyboard patterns are easy to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Use a longer keyboard pattern with more turns."),
    QT_TRANSLATE_NOOP("Passphrase", 'Repeats like "aaa" are easy to guess.'),
    QT_TRANSLATE_NOOP("Passphrase", 'Repeats like "abcabcabc" are only slightly harder to '
                      'guess than "abc".'),
    QT_TRANSLATE_NOOP("Passphrase", "Avoid repeated words and characters."),
    QT_TRANSLATE_NOOP("Passphrase", 'Sequences like "abc" or "6543" are easy to guess.'),
    QT_TRANSLATE_NOOP("Passphrase", "Avoid sequences."),
    QT_TRANSLATE_NOOP("Passphrase", "Recent years are easy to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Avoid recent years."),
    QT_TRANSLATE_NOOP("Passphrase", "Avoid years that are associated with you."),
    QT_TRANSLATE_NOOP("Passphrase", "Dates are often easy to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Avoid dates and years that are associated with you."),
    QT_TRANSLATE_NOOP("Passphrase", "This is a top-10 common password."),
    QT_TRANSLATE_NOOP("Passphrase", "This is a top-100 common password."),
    QT_TRANSLATE_NOOP("Passphrase", "This is a very common password."),
    QT_TRANSLATE_NOOP("Passphrase", "This is similar to a commonly used password."),
    QT_TRANSLATE_NOOP("Passphrase", "A word by itself is easy to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Names and surnames by themselves are easy to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Common names and surnames are easy to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Capitalization doesn't help very much."),
    QT_TRANSLATE_NOOP("Passphrase", "All-uppercase is almost as easy to guess as "
                      "all-lowercase."),
    QT_TRANSLATE_NOOP("Passphrase", "Reversed words aren't much harder to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Predictable substitutions like '@' instead of 'a' "
                      "don't help very much."),
    # registry.vault.strength's own
    QT_TRANSLATE_NOOP("Passphrase", "It contains your name, organisation or country."),
    QT_TRANSLATE_NOOP("Passphrase", "It is made mostly of your name, organisation or country, "
                      "which whoever holds this laptop knows: they add nothing an attacker "
                      "has to guess."),
    QT_TRANSLATE_NOOP("Passphrase", "Whoever holds this laptop, or a backup of the vault, can "
                      "try passphrases against the key file offline for as long as they like: "
                      "the vault is only as strong as its passphrase."),
    QT_TRANSLATE_NOOP("Passphrase", "Pick four or more random words that have nothing to do "
                      "with you (not your name, organisation or country), for example by "
                      "rolling dice on a word list, and join them with spaces. Such a "
                      "passphrase is both strong and easy to remember."),
})


def tr_feedback(text: str) -> str:
    """One of the core's feedback texts in the interface language."""
    return translate(CONTEXT, text)


def level_text(level: Level) -> str:
    return {Level.EMPTY: "",
            Level.VERY_WEAK: translate("Passphrase", "very weak"),
            Level.WEAK: translate("Passphrase", "weak"),
            Level.FAIR: translate("Passphrase", "not strong enough"),
            Level.STRONG: translate("Passphrase", "strong"),
            Level.VERY_STRONG: translate("Passphrase", "very strong")}[level]


def show(bar: QProgressBar, strength: Strength) -> None:
    """Set the meter (a progress bar with maximum 5) to ``strength``."""
    bar.setValue(int(strength.level))
    bar.setFormat(level_text(strength.level))
    bar.setAccessibleDescription(level_text(strength.level))


def refusal(strength: Strength) -> str:
    """Why a passphrase is refused and what to do, in the interface language."""
    head = translate("Passphrase", "This passphrase is too easy to guess: the vault needs "
                     "at least \u201cstrong\u201d.")
    if strength.mostly_personal:
        head = translate("Passphrase", "This passphrase is too easy to guess for whoever "
                         "knows whose laptop this is.")
    return " ".join([head, *(tr_feedback(t) for t in strength.advice())])


def why_and_how() -> str:
    """The rule's reason and the way to meet it (the core's WHY and HOW), translated."""
    from registry.vault import strength

    return f"{tr_feedback(strength.WHY)} {tr_feedback(strength.HOW)}"
