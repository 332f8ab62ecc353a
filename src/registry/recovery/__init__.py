"""Recovery shares and the recovery ceremony (issue 15): nobody loses the registry.

The vault's data key is split k of n with SLIP-39 (``shares``). A colleague's share is
sealed to their age key and signed by this vault (``envelope``, ``formats``); a paper share
is shown once as words. ``custody`` is the sub-service of an open vault (``reg.recovery``):
setting shares up, holding colleagues' shares, answering a request. ``ceremony`` runs where
no passphrase opens the vault: the one-time request, and completing it with k shares.
"""

__all__ = ["CURRENT", "REVOKED"]

# a recovery set's status (``custody``), here where asking it loads none of the recovery code
CURRENT, REVOKED = "current", "revoked"
