"""Imports are checked like local edits (DESIGN §6.5.5): a support's provider is an
organisation of type donor or government (§4), whether the provider is held here or comes
in the same bundle. A line breaking the rule refuses the whole bundle (exit 1), naming line
and field; the same bundle with a provider that may provide support is accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.domain.enums import Kind
from registry.domain.model import Record
from registry.errors import BundleError, InvalidInput
from registry.service import Registry
from tests.conftest import Cli
from tests.passphrase import PASSPHRASE

from .forge import files, forge, record
from .test_adversarial import dump
from .vaults import receive, send

REFUSED = r"Payload line 2: provider_id: the provider must be an organisation of type donor " \
          r"or government"


def support(c: Registry, provider: str, recipient: str) -> Record:
    return record(c, Kind.SUPPORT, {"provider_id": provider, "recipient_id": recipient,
                                    "kind": "grant", "amount": 5000000, "currency": "EUR",
                                    "sensitivity": "internal"})


def sealed(reg: Registry) -> tuple[str, dict[str, list[str]], dict[str, str]]:
    return reg.digest(), dump(reg), files(reg)


@pytest.mark.parametrize("org_type", ["ngo", "media"])
def test_a_support_from_a_provider_held_here_is_checked_like_a_local_add(
        rca, tmp_path: Path, org_type: str) -> None:
    r, c, _ = rca
    bad = r.add(Kind.ORGANISATION, {"name": "Мемориал", "type": org_type}).id
    donor = r.add(Kind.ORGANISATION, {"name": "Фонд", "type": "donor"}).id
    media = r.add(Kind.ORGANISATION, {"name": "Медиазона", "type": "media"}).id
    with pytest.raises(InvalidInput, match="donor or government"):  # the local rule
        r.add(Kind.SUPPORT, {"provider_id": bad, "recipient_id": media, "kind": "grant"})
    receive(c, send(r, [c], tmp_path / "c.rbundle"))
    before = sealed(r)
    with pytest.raises(BundleError, match=REFUSED):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [support(c, bad, media)]))
    assert sealed(r) == before
    good = support(c, donor, media)  # control: a donor provides
    assert receive(r, forge(c, r, tmp_path / "good.rbundle", [good]))[0].counts["new"] == 1
    assert r.get(good.id).values["provider_id"] == donor


def test_a_support_from_a_provider_in_the_same_bundle_is_checked(rca, tmp_path: Path) -> None:
    r, c, _ = rca
    media = record(c, Kind.ORGANISATION, {"name": "Медиазона", "type": "media"})
    gov = record(c, Kind.ORGANISATION, {"name": "Министерство", "type": "government"})
    before = sealed(r)
    with pytest.raises(BundleError, match=REFUSED):
        receive(r, forge(c, r, tmp_path / "bad.rbundle",
                         [support(c, media.id, gov.id), media, gov]))
    assert sealed(r) == before
    good = support(c, gov.id, media.id)  # control: a government body provides
    report = receive(r, forge(c, r, tmp_path / "good.rbundle", [good, media, gov]))[0]
    assert report.counts["new"] == 3


def test_the_bundles_own_type_for_a_provider_held_here_decides(rca, tmp_path: Path) -> None:
    """A line that makes a provider held here a donor comes with the support it provides
    (and one that made it an NGO before the support was given refuses it; one that makes it
    an NGO after, a retype of a fund that gave a grant, does not)."""
    r, c, _ = rca
    org = r.add(Kind.ORGANISATION, {"name": "Фонд", "type": "ngo"}).id
    media = r.add(Kind.ORGANISATION, {"name": "Медиазона", "type": "media"}).id
    receive(c, send(r, [c], tmp_path / "c.rbundle"))
    now_donor = record(c, Kind.ORGANISATION, {"type": "donor"}, org)
    report = receive(r, forge(c, r, tmp_path / "good.rbundle",
                              [support(c, org, media), now_donor]))[0]
    assert report.counts["new"] == 1 and r.get(org).values["type"] == "donor"
    retyped = record(c, Kind.ORGANISATION, {"type": "ngo"}, org)
    with pytest.raises(BundleError, match=REFUSED):
        receive(r, forge(c, r, tmp_path / "bad.rbundle", [support(c, org, media), retyped]))
    later = support(c, org, media)
    receive(r, forge(c, r, tmp_path / "retyped.rbundle",
                     [later, record(c, Kind.ORGANISATION, {"type": "ngo"}, org)]))
    assert r.get(later.id).values["provider_id"] == org


def test_cli_refuses_a_support_from_an_ngo_with_exit_1(rca, cli: Cli, tmp_path: Path) -> None:
    r, c, _ = rca
    ngo = r.add(Kind.ORGANISATION, {"name": "Мемориал", "type": "ngo"}).id
    media = r.add(Kind.ORGANISATION, {"name": "Медиазона", "type": "media"}).id
    receive(c, send(r, [c], tmp_path / "c.rbundle"))
    bad = forge(c, r, tmp_path / "bad.rbundle", [support(c, ngo, media)])
    root = r.paths.root
    r.lock()
    before = {p.name: p.read_bytes() for p in root.iterdir()}
    res = cli(root, "bundle", "import", str(bad), passphrase=PASSPHRASE)
    assert res.code == 1, res.err
    assert "provider_id" in res.err and "donor or government" in res.err
    assert {p.name: p.read_bytes() for p in root.iterdir()} == before


def test_a_new_provider_without_a_type_cannot_provide(rca, tmp_path: Path) -> None:
    r, c, _ = rca
    untyped = record(c, Kind.ORGANISATION, {"name": "Без типа"})
    media = record(c, Kind.ORGANISATION, {"name": "Медиазона", "type": "media"})
    with pytest.raises(BundleError, match=REFUSED):
        receive(r, forge(c, r, tmp_path / "bad.rbundle",
                         [support(c, untyped.id, media.id), untyped, media]))
    typed = record(c, Kind.ORGANISATION, {"name": "Фонд", "type": "donor"}, untyped.id)
    report = receive(r, forge(c, r, tmp_path / "good.rbundle",  # control: typed a donor
                              [support(c, typed.id, media.id), typed, media]))[0]
    assert report.counts["new"] == 3
