"""A listing query ends early when its caller's ``stop()`` says so (a newer query came)."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.match import translit
from registry.service import Registry
from registry.store import listing as listing_module
from registry.store.listing import Listing, ListQuery, Superseded
from registry.vault.keyfile import FAST_TEST_PARAMS
from tests.passphrase import PASSPHRASE


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory):
    root: Path = tmp_path_factory.mktemp("stop") / "vault"
    reg = Registry.create(root, PASSPHRASE, name="T", org="O", country="SE",
                          kdf=FAST_TEST_PARAMS)
    for n in range(40):
        reg.add(Kind.PERSON, {"name": f"Алла Иванова {n}"})
    yield Listing(reg._conn, translit.query_words)
    reg.lock()


@pytest.fixture(autouse=True)
def _ask_often(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_module, "STOP_EVERY", 5)  # a small vault runs few instructions


@pytest.mark.parametrize("text", ["", "ал", "ivanova"])
def test_stop_ends_the_query(listing, text):
    query = ListQuery(Kind.PERSON, text=text)
    with pytest.raises(Superseded):
        listing.ids(query, stop=lambda: True)
    # the connection is left as it was: the next query runs to the end
    assert len(listing.ids(query)) == 40


def test_a_query_not_stopped_answers_in_full(listing):
    asked = []

    def stop() -> bool:
        asked.append(1)
        return False

    query = ListQuery(Kind.PERSON, text="ал")
    assert listing.ids(query, stop=stop) == listing.ids(query)
    assert asked  # it was asked while the query ran


def test_stop_asked_late_ends_the_query_where_it_is(listing):
    calls = iter(range(10**6))
    with pytest.raises(Superseded):
        listing.ids(ListQuery(Kind.PERSON), stop=lambda: next(calls) >= 3)
