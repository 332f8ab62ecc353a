"""The export wizard's Qt-free flow: mention and notice options, the preview explained by
reason, and the protect-now bundles written when a shared record becomes protected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from registry.domain.enums import Kind, Sensitivity
from registry.service import Registry
from registry.sync.exporter import Scope
from registry.sync.redact import Mode, OmitReason
from registry.sync.sharing import ExportFlow, ExportStep, kinds_of, notice_bundles

from .vaults import introduce, make_vault, person, receive, send


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Registry, Registry, Registry]]:
    a, b, c = (make_vault(tmp_path, n) for n in ("Alice", "Bob", "Carol"))
    introduce(a, b, c)
    yield a, b, c
    for v in (a, b, c):
        v.lock()


def _world(a: Registry) -> dict[str, str]:
    anna = person(a, "Анна Открытая", notes="Встреча: Борис Тайный, май")
    boris = person(a, "Борис Тайный", inside_russia=True)
    twin = person(a, "Boris Tayny")
    a.update(twin, {"merged_into": boris})
    tie = a.add(Kind.TIE, {"from_id": anna, "to_id": boris, "kind": "contact_inside"}).id
    secret = a.add(Kind.ORGANISATION, {"name": "Тихая группа", "sensitivity": "confidential"}).id
    return {"anna": anna, "boris": boris, "twin": twin, "tie": tie, "secret": secret}


def _flow(a: Registry, b: Registry, **options: object) -> ExportFlow:
    flow = ExportFlow(a.sharing)
    flow.set_recipients([b.identity.fingerprint])
    flow.set_options(ceiling=Sensitivity.INTERNAL, mode=Mode.EXCLUDE, scope=Scope(),
                     **options)  # type: ignore[arg-type]
    flow.preview()
    return flow


def test_the_preview_is_explained_by_reason_with_people_apart(pair) -> None:
    a, b, _ = pair
    ids = _world(a)
    flow = _flow(a, b)
    why = flow.explanation
    assert why is not None and flow.step is ExportStep.PREVIEW
    protected = why.left_out_for(OmitReason.PROTECTED)
    assert protected is not None
    assert set(protected.people) == {ids["boris"], ids["twin"]}  # the twin is one of them
    assert protected.records == (ids["tie"],)
    above = why.left_out_for(OmitReason.ABOVE_CEILING)
    assert above is not None and above.ids == (ids["secret"],)
    mention = why.blanked_for(OmitReason.MENTION)
    assert mention is not None and mention.fields == {"notes": 1}
    assert mention.records == (ids["anna"],)
    assert why.kinds[ids["tie"]] is Kind.TIE
    assert flow.exposure is not None and flow.exposure.people_inside_russia == 0


def test_keep_mentions_keeps_the_free_text(pair) -> None:
    a, b, _ = pair
    _world(a)
    flow = _flow(a, b, keep_mentions=True)
    assert flow.explanation is not None
    assert flow.explanation.blanked_for(OmitReason.MENTION) is None
    assert flow.keep_mentions


def test_changing_an_option_drops_the_explanation(pair) -> None:
    a, b, _ = pair
    _world(a)
    flow = _flow(a, b)
    flow.set_options(ceiling=Sensitivity.CONFIDENTIAL, mode=Mode.EXCLUDE, scope=Scope())
    assert flow.exposure is None and flow.explanation is None


def test_notices_only_sends_nothing_but_notices(pair, tmp_path: Path) -> None:
    a, b, _ = pair
    x = person(a, "Вера Прежняя")
    receive(b, send(a, [b], tmp_path / "first.rbundle"))
    person(a, "Новый Человек")
    a.update(x, {"inside_russia": True})
    flow = _flow(a, b, notices_only=True)
    assert flow.exposure is not None
    assert (flow.exposure.notices, flow.exposure.records) == (1, {})


def test_protect_now_writes_one_bundle_per_official_who_needs_it(pair, tmp_path: Path) -> None:
    a, b, c = pair
    x = person(a, "Вера Прежняя")
    receive(b, send(a, [b], tmp_path / "to-b.rbundle"))
    receive(c, send(a, [c], tmp_path / "to-c.rbundle", mode=Mode.INCLUDE,
                    ceiling=Sensitivity.PROTECTED))
    a.update(x, {"inside_russia": True})
    assert {h.key for h in a.shared_with(x)} == {b.identity.fingerprint, c.identity.fingerprint}
    out = tmp_path / "out"
    out.mkdir()
    (out / f"protect-now-2030-01-02-{b.identity.fingerprint[:8].lower()}.rbundle").write_bytes(
        b"taken")
    made = notice_bundles(a.sharing, [b.identity.fingerprint], out, today="2030-01-02")
    assert [m.notices for m in made] == [1]
    assert made[0].path is not None and made[0].path.name.endswith("-2.rbundle")
    [report] = receive(b, made[0].path)
    assert report.counts["notices"] == 1
    assert b.get(x).values["inside_russia"] is True
    assert b.is_protected(x)


def test_kinds_of_names_each_stored_id(pair) -> None:
    a, _, _ = pair
    ids = _world(a)
    found = kinds_of(a.store, [ids["anna"], ids["tie"], "not-an-id"])
    assert found == {ids["anna"]: Kind.PERSON, ids["tie"]: Kind.TIE}
    assert kinds_of(a.store, []) == {}
