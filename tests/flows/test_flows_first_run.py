"""The first-run flow, without Qt (Electrum ``tests/test_wizard.py``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.flows.first_run import FirstRunFlow, Problem, Step
from registry.vault.strength import MIN_SCORE, SCORED_CHARACTERS, Level, estimate


def flow() -> FirstRunFlow:
    return FirstRunFlow(is_country=lambda c: c in {"SE", "DE", "LV"})


def test_happy_path():
    f = flow()
    assert f.step is Step.WELCOME and f.can_advance and not f.can_go_back
    assert f.advance() is Step.PASSPHRASE
    assert f.problems() == [Problem.PASSPHRASE_EMPTY] and not f.can_advance
    f.set_passphrase("correct horse battery", "correct horse battery")
    f.set_remember(True)
    assert f.advance() is Step.IDENTITY
    f.set_identity("  Anna Official ", "Ministry", "se")
    assert f.advance() is Step.SUMMARY
    req = f.request()
    assert (req.name, req.org, req.country, req.remember) == ("Anna Official", "Ministry", "SE",
                                                              True)
    f.created()
    assert f.step is Step.DONE and f.passphrase == "" and f.confirmation == ""
    assert not f.can_advance and not f.can_go_back and f.problems() == []


def test_passphrase_problems():
    f = flow()
    f.advance()
    f.set_passphrase("short", "short")
    assert f.problems() == [Problem.PASSPHRASE_WEAK]
    f.set_passphrase("12345678", "12345678")  # long enough for the old rule, a top-10 password
    assert f.problems() == [Problem.PASSPHRASE_WEAK]
    f.set_passphrase("long enough one", "long enough two")
    assert f.problems() == [Problem.PASSPHRASE_MISMATCH]
    with pytest.raises(ValueError, match="cannot leave"):
        f.advance()


def test_identity_problems_and_back():
    f = flow()
    f.advance()
    f.set_passphrase("long enough one", "long enough one")
    f.advance()
    f.set_identity("", "", "XX")
    assert f.problems() == [Problem.NAME_MISSING, Problem.ORG_MISSING, Problem.COUNTRY_INVALID]
    assert f.back() is Step.PASSPHRASE and f.passphrase == "long enough one"


def test_summary_revalidates_and_needs_created():
    f = flow()
    f.advance()
    f.set_passphrase("long enough one", "long enough one")
    f.advance()
    f.set_identity("A", "B", "DE")
    f.advance()
    with pytest.raises(ValueError, match="created"):
        f.advance()
    f.set_passphrase("changed", "changed")
    with pytest.raises(ValueError, match="not ready"):
        f.request()
    with pytest.raises(ValueError):
        FirstRunFlow().created()


def test_remember_needs_a_keychain():
    f = flow()
    f.set_remember(True)
    f.set_keychain_available(False)
    assert f.remember is False
    f.set_remember(True)
    assert f.remember is False


def test_default_country_check_uses_iso_codes():
    f = FirstRunFlow()
    f.step = Step.IDENTITY
    f.set_identity("A", "B", "se")
    assert f.problems() == []
    f.set_identity("A", "B", "ZZ")
    assert f.problems() == [Problem.COUNTRY_INVALID]


def test_weak_passphrases_are_refused_with_advice():
    f = flow()
    f.step = Step.PASSPHRASE
    for weak in ("aaaaaaaa", "password1", "qwertyuiop", "gfhjkm123", "пароль2024"):
        f.set_passphrase(weak, weak)
        assert f.problems() == [Problem.PASSPHRASE_WEAK], weak
        assert f.strength.advice(), weak
    f.set_passphrase("Tundra-Violin-47-Harbour!", "Tundra-Violin-47-Harbour!")
    assert f.problems() == [] and f.strength.acceptable


def test_identity_words_count_against_the_passphrase_at_the_summary():
    f = flow()
    f.advance()
    f.set_passphrase("anna official 2024", "anna official 2024")
    assert f.problems() == []  # nothing is known about the official yet
    f.advance()
    f.set_identity("Anna Official", "Ministry", "SE")
    assert f.advance() is Step.SUMMARY
    assert f.problems() == [Problem.PASSPHRASE_WEAK]
    assert f.strength.personal
    with pytest.raises(ValueError, match="not ready"):
        f.request()


@pytest.mark.parametrize(("text", "level"), [
    ("", Level.EMPTY),
    ("abc", Level.VERY_WEAK),
    ("12345678", Level.VERY_WEAK),
    ("password", Level.VERY_WEAK),
    ("correct horse battery staple", Level.VERY_STRONG),
    ("Tundra-Violin-47-Harbour!", Level.VERY_STRONG),
    ("зелёный чайник летит", Level.VERY_STRONG),
])
def test_strength_levels(text, level):
    assert estimate(text).level is level


@given(st.text(max_size=SCORED_CHARACTERS * 2))
def test_any_text_gets_a_score(text):
    strength = estimate(text)
    assert strength.level is (Level.EMPTY if not text else Level(strength.score + 1))
    assert strength.acceptable is (strength.score >= MIN_SCORE)


def test_a_passphrase_of_the_officials_own_words_is_weak_in_the_first_run():
    f = flow()
    f.advance()
    f.set_identity("Anna Berg", "Ministry of Foreign Affairs", "SE")
    words = "Anna Berg Ministry of Foreign Affairs"
    f.set_passphrase(words, words)
    assert f.problems(Step.PASSPHRASE) == [Problem.PASSPHRASE_WEAK]
    other = "plum kettle orbit lantern"  # control
    f.set_passphrase(other, other)
    assert f.problems(Step.PASSPHRASE) == []
