"""The first-run flow, without Qt (Electrum ``tests/test_wizard.py``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.flows.first_run import FirstRunFlow, Problem, Step
from registry.flows.strength import Level, estimate


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
    assert f.problems() == [Problem.PASSPHRASE_SHORT]
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


def test_weak_but_acceptable_is_flagged():
    f = flow()
    f.step = Step.PASSPHRASE
    f.set_passphrase("aaaaaaaa", "aaaaaaaa")
    assert f.weak
    f.set_passphrase("Tundra-Violin-47-Harbour!", "Tundra-Violin-47-Harbour!")
    assert not f.weak


@pytest.mark.parametrize(("text", "level"), [
    ("", Level.EMPTY),
    ("abc", Level.VERY_WEAK),
    ("12345678", Level.VERY_WEAK),
    ("password", Level.WEAK),
    ("correct horse battery staple", Level.VERY_STRONG),
    ("Tundra-Violin-47-Harbour!", Level.VERY_STRONG),
    ("зелёный чайник летит", Level.VERY_STRONG),
])
def test_strength_levels(text, level):
    assert estimate(text).level is level


@given(st.text(max_size=60), st.text(min_size=1, max_size=3))
def test_strength_never_drops_when_text_is_appended(text, more):
    assert estimate(text + more).bits >= estimate(text).bits or len(text) + len(more) < 8
