"""The passphrase rule (zxcvbn): weak ones refused with why and how, strong ones accepted."""

from __future__ import annotations

import threading

import pytest

from registry.errors import InvalidInput
from registry.vault import strength
from registry.vault.strength import (
    HOW,
    MIN_SCORE,
    SCORED_CHARACTERS,
    WHY,
    WeakPassphrase,
    estimate,
    require_strong,
)

WEAK = ["12345678", "password", "password1", "qwertyuiop", "iloveyou2024", "aaaaaaaaaaaa",
        "abcdefgh", "P@ssw0rd", "Summer2024", "пароль123", "gfhjkm", "йцукен123", "demo"]
STRONG = ["correct horse battery staple", "violet harbour tundra 47",
          "вишня облако трамвай рассвет", "plum kettle orbit lantern", "Tundra-Violin-47-Harbour!"]


@pytest.mark.parametrize("passphrase", WEAK)
def test_weak_passphrases_are_refused_with_why_and_how(passphrase: str) -> None:
    with pytest.raises(WeakPassphrase) as caught:
        require_strong(passphrase)
    assert isinstance(caught.value, InvalidInput)  # exit code 1 on the command line
    text = str(caught.value)
    assert "too easy to guess" in text and f"at least {MIN_SCORE}" in text
    assert WHY in text and HOW in text
    assert caught.value.strength.score < MIN_SCORE


@pytest.mark.parametrize("passphrase", STRONG)
def test_strong_passphrases_are_accepted(passphrase: str) -> None:
    assert require_strong(passphrase).score >= MIN_SCORE


def test_top_password_says_so() -> None:
    found = estimate("12345678")
    assert found.score == 0 and found.warning == "This is a top-10 common password."
    assert found.suggestions


def test_the_officials_own_words_count_as_known() -> None:
    known = ("Anna Official", "Ministry of Foreign Affairs", "SE")
    assert estimate("anna official 2024").acceptable
    found = estimate("anna official 2024", known)
    assert not found.acceptable and found.personal
    assert strength.MOSTLY_PERSONAL in found.advice()  # the more specific of the two
    with pytest.raises(WeakPassphrase, match="your name, organisation or country"):
        require_strong("anna official 2024", known)
    found = estimate("anna official plum kettle orbit lantern", known)
    assert found.acceptable and strength.PERSONAL_WARNING in found.advice()


def test_long_passphrases_are_scored_by_their_start() -> None:
    """zxcvbn refuses input over 72 characters; the start is scored (never an error)."""
    long_strong = "plum kettle orbit lantern " * 5
    assert len(long_strong) > SCORED_CHARACTERS
    assert require_strong(long_strong).score == 4
    assert not estimate("a" * 500).acceptable


def test_empty_is_level_empty() -> None:
    assert estimate("").score == -1 and not estimate("").acceptable


def test_scoring_is_thread_safe() -> None:
    """zxcvbn keeps the user-input dictionary in a module global: the meter (GUI thread)
    and the rule (database thread) must not see each other's words."""
    known = ("Zebulon Quixotic", "Xylophone Bureau", "SE")
    errors: list[str] = []

    def score(words: tuple[str, ...], expect: bool) -> None:
        for _ in range(40):
            if estimate("zebulon quixotic 99", words).personal is not expect:
                errors.append("crossed")

    threads = [threading.Thread(target=score, args=(known, True)),
               threading.Thread(target=score, args=((), False))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


OFFICIAL = ("Anna Berg", "Ministry of Foreign Affairs", "SE")


@pytest.mark.parametrize("passphrase", [
    "Anna Berg Ministry of Foreign Affairs", "anna berg ministry of foreign affairs se",
    "ministryofforeignaffairs", "AnnaBergMinistryOfForeignAffairs", "Sweden forever Anna",
    "Ministry of Foreign Affairs 2024"])
def test_a_passphrase_mostly_of_the_officials_own_words_is_refused(passphrase: str) -> None:
    found = estimate(passphrase, OFFICIAL)
    assert found.mostly_personal and not found.acceptable and found.level <= strength.Level.FAIR
    with pytest.raises(WeakPassphrase) as caught:
        require_strong(passphrase, OFFICIAL)
    assert strength.MOSTLY_PERSONAL in str(caught.value) and HOW in str(caught.value)


@pytest.mark.parametrize("passphrase", [
    "plum kettle orbit lantern", "Anna plum kettle orbit lantern",
    "sweden plum kettle orbit", "Anna Berg Ministry of Foreign Affairs x7#Qp9!Lm2vT"])
def test_personal_words_beside_enough_of_ones_own_pass(passphrase: str) -> None:
    assert require_strong(passphrase, OFFICIAL).acceptable  # control
    assert not estimate(passphrase, OFFICIAL).mostly_personal
