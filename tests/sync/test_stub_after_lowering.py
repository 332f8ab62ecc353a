"""A person lowered here stays a stub for whoever holds her stub (DESIGN §6.4.4).

Bob held Мария's stub and the pseudonymous "family" tie from it to her sister's stub (both
inside Russia). Her official learned she had left Russia and lowered her (a local, confirmed
act). The next pseudonymised bundle to Bob sent her real record and the *same* pseudonymous
tie with its ``from_id`` turned from her stub's id to her real id: Bob learnt which stub she
was, and that the other stub is her family inside Russia (was). Now she, and what points to
her, stay home for every recipient set that holds her stub, counted as protected in the
exposure, unless ``include`` (which sends even the protected by name, knowingly); others get
her as any internal person.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind

from .test_signatures import decrypt_payload
from .vaults import person, receive, send, trusted


@pytest.mark.parametrize("mode", ["pseudonymise", "exclude"])
def test_her_stubs_holder_is_not_sent_her_by_real_id(tmp_path: Path, mode: str) -> None:
    with trusted(tmp_path, "A", "B", "C") as (a, b, c):
        her = person(a, "Мария Смирнова", region="RU-MOW", inside_russia=True)
        sister = person(a, "Ольга Смирнова", region="RU-MOW", inside_russia=True)
        tie = a.add(Kind.TIE, {"from_id": her, "to_id": sister, "kind": "family"}).id
        first = send(a, [b], tmp_path / "1.rbundle", mode="pseudonymise")
        sent = {line["id"]: line for line in decrypt_payload(first, b)}
        assert her not in sent and tie not in sent and len(sent) == 3  # two stubs, a tie
        receive(b, first)
        a.update(her, {"inside_russia": False, "sensitivity": "internal"},
                 confirm_lowering=True)
        request = a.sharing.request(to=[b.identity.fingerprint], mode=mode)
        result = a.sharing.export(request, tmp_path / "2.rbundle")
        second = decrypt_payload(tmp_path / "2.rbundle", b)
        assert her not in {line.get("id") for line in second}
        named = [line for line in second if her in (line.get("values") or {}).values()]
        assert named == []  # no line names her real id: no tie re-sent with it
        assert her in result.exposure.tally.left_out[_protected()]
        # control: an official who never held her stub gets her as an internal person
        third = decrypt_payload(send(a, [c], tmp_path / "3.rbundle", mode=mode), c)
        assert her in {line.get("id") for line in third}


def _protected():  # type: ignore[no-untyped-def]
    from registry.sync.redact import OmitReason

    return OmitReason.PROTECTED


def test_control_include_sends_her_by_name_knowingly(tmp_path: Path) -> None:
    with trusted(tmp_path, "A", "B") as (a, b):
        her = person(a, "Мария Смирнова", region="RU-MOW", inside_russia=True)
        receive(b, send(a, [b], tmp_path / "1.rbundle", mode="pseudonymise"))
        a.update(her, {"inside_russia": False, "sensitivity": "internal"},
                 confirm_lowering=True)
        lines = decrypt_payload(send(a, [b], tmp_path / "2.rbundle", mode="include"), b)
        assert her in {line.get("id") for line in lines}
