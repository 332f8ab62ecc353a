"""Builders for small hand-made vaults; every figure in these tests is counted by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from registry.domain.enums import Kind
from registry.service import Registry

TODAY = dt.date(2025, 6, 1)


@dataclass
class Build:
    """Adds records through the service, as a user would, and returns their ids."""

    reg: Registry

    @property
    def conn(self) -> Any:
        return self.reg.store.conn

    def person(self, name: str = "P", **values: Any) -> str:
        return self.reg.add(Kind.PERSON, {"name": name, **values}).id

    def people(self, n: int, **values: Any) -> list[str]:
        return [self.person(f"P{i}", **values) for i in range(n)]

    def org(self, name: str = "O", **values: Any) -> str:
        return self.reg.add(Kind.ORGANISATION, {"name": name, **values}).id

    def donor(self, name: str = "D", **values: Any) -> str:
        return self.org(name, **{"type": "donor", **values})

    def support(self, provider: str, recipient: str, kind: str = "grant", **values: Any) -> str:
        return self.reg.add(Kind.SUPPORT, {"provider_id": provider, "recipient_id": recipient,
                                           "kind": kind, **values}).id

    def tie(self, a: str, b: str, kind: str = "colleague", **values: Any) -> str:
        return self.reg.add(Kind.TIE, {"from_id": a, "to_id": b, "kind": kind, **values}).id

    def event(self, participants: list[str], **values: Any) -> str:
        return self.reg.add(Kind.EVENT, {"title": "E", "start": "2025-01-10",
                                         "participants": participants, **values}).id

    def evaluation(self, subject: str, date: str, scores: tuple[int, int, int],
                   assessor: str | None = None) -> str:
        """An evaluation; ``assessor`` other than ours is written as a merged record would be."""
        values = {"subject_id": subject, "date": date, "score_1": scores[0],
                  "score_2": scores[1], "score_3": scores[2]}
        if assessor is None:
            return self.reg.add(Kind.EVALUATION, values).id
        values.update(assessor=assessor, assessor_name=f"Official {assessor}",
                      sensitivity="internal")
        with self.reg.store.write():
            return self.reg.store.insert(Kind.EVALUATION, values).id


@pytest.fixture
def build(reg: Registry) -> Build:
    return Build(reg)
