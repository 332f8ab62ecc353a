"""Revoking or retiring an official who holds a share of this vault's recovery set.

A colleague's recovery share is a fragment of this vault's data key. When the trust store
stops trusting its holder — ``trust revoke`` (a lost or seized laptop), the quarantine of
DESIGN §6.5.9, or accepting the holder's succession statement (their key retires) — their
share must stop counting. :class:`registry.sync.sharing.Sharing` is the one place that
decides it (``Sharing._leaving``): such a trust change rotates the data key first, so every
share of the old set (the seized one too) combines into a key that opens nothing current,
and re-issues the set to the remaining colleagues (and the same number of paper shares,
whose new words the front end shows once), with the same threshold while enough shares
are left; otherwise no set is current and the official sets one up again. On a handover
the successor may take the predecessor's place. Rotating needs the passphrase.

This module holds what the sharing layer knows of recovery without importing it (the
recovery layer sits above sync): the result of a re-issue and the protocol the vault's
recovery door (``registry.recovery.custody.Recovery``) meets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

# What rotating the data key did to the current set (``Registry.rotate_key``): a set of
# colleagues only is issued anew (their new share files are to be sent); a set with paper
# shares, or with a custodian no longer verified, is revoked (set up again).
SET_REISSUED, SET_REVOKED = "reissued", "revoked"
MAX_SHARE_FILE = 64 * 1024
"""The largest share file (``registry.recovery.envelope``), by hand or in a bundle line."""


@dataclass(frozen=True)
class Reissued:
    """What removing a custodian did to this vault's recovery set (in the same step as the
    trust change)."""

    custodian: str
    """The official who left the set (revoked, or retired by a handover)."""
    successor: str | None
    """Who took their place (a handover with the move asked for), else None."""
    old_generation: int
    generation: int | None
    """The new set's generation; None when too few shares were left: no set is current."""
    threshold: int
    shares: int
    custodians: tuple[str, ...]
    dropped: tuple[str, ...]
    """Other custodians left out because they are no longer verified here."""
    paper: list[str] = field(repr=False)
    """The new paper shares' words, to show once (secret; never logged or stored)."""

    @property
    def current(self) -> bool:
        return self.generation is not None

    def to_json(self) -> dict[str, Any]:
        return {"custodian": self.custodian, "successor": self.successor,
                "data_key_rotated": True, "old_generation": self.old_generation,
                "reissued": self.current, "generation": self.generation,
                "threshold": self.threshold, "shares": self.shares,
                "custodians": list(self.custodians), "dropped": list(self.dropped),
                "paper": len(self.paper)}


class Custody(Protocol):
    """The vault's recovery door as the sharing layer uses it."""

    def holds_share(self, fingerprint: str) -> bool:
        """Whether ``fingerprint`` holds a share of the current set."""
        ...

    def share_files_for(self, fingerprints: Iterable[str]) -> list[tuple[str, bytes]]:
        """The current set's share files of these officials: (custodian, file)."""
        ...

    def shares_sent(self, fingerprints: Iterable[str]) -> None:
        """A bundle carrying these custodians' share files was written."""
        ...

    def check_share(self, data: bytes, sender: str) -> None:
        """Every check of a share file a bundle from ``sender`` carries; writes nothing."""
        ...

    def keep_share(self, data: bytes, sender: str) -> bool:
        """Keep such a share file; False when it or a newer one is held already."""
        ...

    def reissue(self, leaving: str, passphrase: str | None, change: Callable[[], T], *,
                successor: str | None = None) -> tuple[Reissued, T]:
        """Rotate the data key and, in one transaction, run ``change`` (the trust change)
        and re-issue the set without ``leaving`` (``successor`` in their place)."""
        ...
