"""Analytics as the application layer serves it (``Registry.analytics``): the dashboard, the
network view, the briefing's figures and the targets. The GUI and the CLI reach analytics
only through this object; every figure is computed over the vault's connection, off the GUI
thread, and protected people stay pseudonymous unless ``reveal`` (DESIGN §4.2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from registry.analytics import dashboard, network_view

if TYPE_CHECKING:
    from registry.analytics.dashboard import DashboardData
    from registry.analytics.evaluations import SideBySide, TrendPoint
    from registry.analytics.labels import ActorLabel
    from registry.analytics.targets import Targets
    from registry.store.protection import Protection
    from registry.store.records import Store


class Hit(Protocol):
    """A search hit as ``Registry.search`` returns it."""

    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...


class Analytics:
    """Figures over one unlocked vault. ``sender`` is the official's name, organisation and
    country (the briefing's title page); ``search`` is the facade's search."""

    def __init__(self, store: Store, sender: Mapping[str, str],
                 search: Callable[[str, int], Sequence[Hit]]) -> None:
        self._store = store
        self._sender = dict(sender)
        self._search = search
        # the vault's protection and :meth:`_withheld`'s answer, with the state of the vault
        # they were read in (:meth:`_guarded`)
        self._read_at: tuple[tuple[int, int], Protection, frozenset[str]] | None = None

    # -- dashboard -----------------------------------------------------------------------------
    def dashboard(self, today: dt.date, *, reveal: bool = False) -> DashboardData:
        with self._store.reading():  # who is protected, the figures and labels: one moment
            return dashboard.load(self._store.conn, today, reveal=reveal,
                                  withheld=self._withheld(reveal))

    def side_by_side(self, subject: str, *, reveal: bool = False
                     ) -> tuple[SideBySide, list[TrendPoint], str]:
        """One actor's evaluations from every assessor, its trend, and its label."""
        with self._store.reading():
            return dashboard.side_by_side(self._store.conn, subject, reveal=reveal,
                                          withheld=self._withheld(reveal))

    def _withheld(self, reveal: bool) -> frozenset[str]:
        """The actors shown as stand-ins unless ``reveal``, besides protected people: those
        whose own name names a protected person ("Фонд Марии Смирновой", "Муж Марии
        Смирновой"). Named beside her stand-in, they would say whose it is; every export
        leaves them out. The one rule the exports ask (``sync.exporter.actors_naming``, over
        the protected people of ``Protection`` and what an erasure marked), asked here."""
        return frozenset() if reveal else self._guarded()[1]

    def _guarded(self) -> tuple[Protection, frozenset[str]]:
        """The vault's protection and the actors naming a protected person, read again only
        when the vault changed (this window's writes, another's commits): a search box asks
        at every word, and the scan reads every actor."""
        from registry.store.protection import Protection
        from registry.sync.exporter import actors_naming, mentions_of

        store = self._store
        state = (store.data_version(), store.conn.total_changes)
        if self._read_at is None or self._read_at[0] != state:
            guard = Protection.load(store.conn)
            self._read_at = (state, guard, actors_naming(store, mentions_of(store, guard)))
        return self._read_at[1], self._read_at[2]

    def targets(self) -> Targets:
        from registry import analytics

        return analytics.Targets.load(self._store.conn)

    def save_targets(self, targets: Targets) -> Targets:
        """Keep the plurality targets (this vault only); returns them as stored."""
        from registry import analytics

        with self._store.write():
            self._store.meta_set(analytics.META_KEY, targets.dumps())
        return self.targets()

    # -- network ---------------------------------------------------------------------------------
    def network(self, request: network_view.Request) -> network_view.Result:
        with self._store.reading():  # who is protected and the ties: one moment
            return network_view.load(self._store.conn, request,
                                     self._withheld(request.reveal))

    def labels(self, ids: Sequence[str], *, reveal: bool) -> dict[str, str]:
        """Labels of the given actors (stand-ins for protected people, and for the actors
        whose name names one, unless ``reveal``)."""
        return {i: lb.text for i, lb in self._labels(ids, reveal).items()}

    def _labels(self, ids: Sequence[str], reveal: bool) -> dict[str, ActorLabel]:
        from registry.analytics.labels import labels

        with self._store.reading():
            guard, naming = self._guarded()
            return labels(self._store.conn, ids, reveal=reveal, guard=guard,
                          withheld=frozenset() if reveal else naming)

    def find_actors(self, text: str, *, reveal: bool) -> list[tuple[str, str]]:
        """People and organisations matching ``text``: (id, label).

        Unless ``reveal``, an actor shown as a stand-in (a protected person, or one whose name
        names her) is never a hit: search matches her real name, aliases and notes, so a
        stand-in found by them would say whose it is. She is reached in the view through her
        ties; revealed, she is found as any actor is."""
        hits = [h for h in self._search(text, 30) if h.kind in ("person", "organisation")]
        names = self._labels([h.id for h in hits], reveal)
        return [(h.id, names[h.id].text) for h in hits
                if h.id in names and not names[h.id].pseudonymous]

    # -- briefing --------------------------------------------------------------------------------
    def briefing_figures(self, today: dt.date) -> dict[str, Any]:
        """The briefing's figures, held back by the one suppression rule
        (``analytics.suppress``), with the sender and the date: no name, no record id."""
        from registry import analytics
        from registry.analytics import briefing_figures, coverage

        conn = self._store.conn
        with self._store.reading():  # every figure from one moment of the vault
            targets = analytics.Targets.load(conn)
            out = briefing_figures.build(analytics.stats(conn, today, targets))
        out["sender"] = dict(self._sender)
        out["date"] = today.isoformat()
        out["targets"] = targets.to_json()
        out["tiles"] = {c: list(p) for c, p in coverage.grid().items()}
        out["region_names"] = {c: list(n) for c, n in dashboard.region_names().items()}
        return out
