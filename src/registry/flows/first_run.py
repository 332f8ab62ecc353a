"""The first-run flow: create the vault and the official's identity (Electrum ``wizard.py``).

Steps: welcome → passphrase (twice, with a strength estimate and the "remember on this
computer" choice) → identity (name, organisation, country) → summary → done. The flow
validates each step and says what is missing as :class:`Problem` codes; the dialog turns
them into words in the user's language and renders the current step.

The passphrase must meet the vault's rule (``registry.vault.strength``, zxcvbn score 3 of
4): the same function scores it for the meter, here, and in ``Registry.create``. Once the
identity is known its words count against the passphrase too, so the summary step checks
the passphrase again.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from registry.vault.strength import Strength, estimate


class Step(Enum):
    WELCOME = "welcome"
    PASSPHRASE = "passphrase"  # noqa: S105 - a step name
    IDENTITY = "identity"
    SUMMARY = "summary"
    DONE = "done"


ORDER = (Step.WELCOME, Step.PASSPHRASE, Step.IDENTITY, Step.SUMMARY, Step.DONE)


class Problem(Enum):
    PASSPHRASE_EMPTY = "passphrase_empty"  # noqa: S105
    PASSPHRASE_WEAK = "passphrase_weak"  # noqa: S105
    PASSPHRASE_MISMATCH = "passphrase_mismatch"  # noqa: S105
    NAME_MISSING = "name_missing"
    ORG_MISSING = "org_missing"
    COUNTRY_INVALID = "country_invalid"
    NOT_CREATED = "not_created"


@dataclass(frozen=True)
class CreateRequest:
    """What the summary step hands to ``Registry.create``."""

    passphrase: str
    name: str
    org: str
    country: str
    remember: bool


def _default_is_country(code: str) -> bool:
    regions = importlib.import_module("registry.domain.regions")  # loads pycountry lazily
    return bool(regions.is_country(code))


class FirstRunFlow:
    """State of the first-run wizard. Call the setters, then :meth:`advance` / :meth:`back`."""

    def __init__(self, is_country: Callable[[str], bool] = _default_is_country) -> None:
        self.step = Step.WELCOME
        self.passphrase = ""
        self.confirmation = ""
        self.remember = False
        self.name = ""
        self.org = ""
        self.country = ""
        self.keychain_available = True
        self._created = False
        self._is_country = is_country

    # -- input -------------------------------------------------------------------------------
    def set_passphrase(self, passphrase: str, confirmation: str) -> None:
        self.passphrase, self.confirmation = passphrase, confirmation

    def set_identity(self, name: str, org: str, country: str) -> None:
        self.name, self.org = name.strip(), org.strip()
        self.country = country.strip().upper()

    def set_remember(self, remember: bool) -> None:
        self.remember = remember and self.keychain_available

    def set_keychain_available(self, available: bool) -> None:
        self.keychain_available = available
        if not available:
            self.remember = False

    @property
    def strength(self) -> Strength:
        """The passphrase's estimate, with the identity (once given) as known words."""
        return estimate(self.passphrase, (self.name, self.org, self.country))

    # -- validation and moves ----------------------------------------------------------------
    def problems(self, step: Step | None = None) -> list[Problem]:
        step = step or self.step
        if step is Step.PASSPHRASE:
            return self._passphrase_problems()
        if step is Step.IDENTITY:
            return self._identity_problems()
        if step is Step.SUMMARY:
            return self._passphrase_problems() + self._identity_problems()
        if step is Step.DONE and not self._created:
            return [Problem.NOT_CREATED]
        return []

    def _passphrase_problems(self) -> list[Problem]:
        if not self.passphrase:
            return [Problem.PASSPHRASE_EMPTY]
        out = []
        if not self.strength.acceptable:
            out.append(Problem.PASSPHRASE_WEAK)
        if self.passphrase != self.confirmation:
            out.append(Problem.PASSPHRASE_MISMATCH)
        return out

    def _identity_problems(self) -> list[Problem]:
        out = []
        if not self.name:
            out.append(Problem.NAME_MISSING)
        if not self.org:
            out.append(Problem.ORG_MISSING)
        if not self._is_country(self.country):
            out.append(Problem.COUNTRY_INVALID)
        return out

    @property
    def can_advance(self) -> bool:
        return self.step is not Step.DONE and not self.problems()

    @property
    def can_go_back(self) -> bool:
        return self.step in (Step.PASSPHRASE, Step.IDENTITY, Step.SUMMARY)

    def advance(self) -> Step:
        """Go to the next step; the summary advances only through :meth:`created`."""
        if not self.can_advance:
            raise ValueError(f"cannot leave {self.step.value}: {self.problems()}")
        if self.step is Step.SUMMARY:
            raise ValueError("the summary step ends with created()")
        self.step = ORDER[ORDER.index(self.step) + 1]
        return self.step

    def back(self) -> Step:
        if self.can_go_back:
            self.step = ORDER[ORDER.index(self.step) - 1]
        return self.step

    def request(self) -> CreateRequest:
        """The create request, available on the summary step once everything is valid."""
        if self.step is not Step.SUMMARY or self.problems():
            raise ValueError("the flow is not ready to create the vault")
        return CreateRequest(self.passphrase, self.name, self.org, self.country, self.remember)

    def created(self) -> None:
        """The vault exists: forget the passphrase and finish."""
        if self.step is not Step.SUMMARY:
            raise ValueError("created() belongs to the summary step")
        self._created = True
        self.passphrase = self.confirmation = ""
        self.step = Step.DONE
