"""Errors a user can cause, each with the exit code of DESIGN §9 and a message that says what to do.

Messages never carry record content or secrets: they name the operation and the remedy.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_TRUST = 4


class RegistryError(Exception):
    """Base of every error that is reported to the user instead of a traceback."""

    exit_code = EXIT_FAILED


class InvalidInput(RegistryError):
    """A value, file or option the user gave does not pass validation."""


class NotFound(RegistryError):
    """No record, official or file with the given id or path."""


class VaultError(RegistryError):
    """The vault cannot be used as asked (missing, already exists, wiped)."""


class WrongPassphrase(VaultError):
    """The passphrase does not open the vault's key file."""

    exit_code = EXIT_LOCKED


class VaultLocked(VaultError):
    """No passphrase was available (no terminal, no variable, no keychain entry)."""

    exit_code = EXIT_LOCKED


class VaultBusy(VaultError):
    """Another window or command is writing to the vault and did not finish in time."""


class VaultDamaged(VaultError):
    """The key opened the key file but the database fails its integrity checks."""


class VaultExists(VaultError):
    """A vault that is not known to be damaged is at a restore's target: only ``force``
    replaces it."""


class KeychainError(VaultError):
    """The OS keychain is missing or refused (for example a plaintext backend)."""


class TrustError(RegistryError):
    """A signature does not verify, or the signer is unknown or revoked."""

    exit_code = EXIT_TRUST


class BundleError(RegistryError):
    """A bundle is malformed, too large, or not addressed to this vault."""


class BackupError(RegistryError):
    """A backup file is unreadable, malformed or does not belong where it is restored."""


class StorageFull(RegistryError):
    """The disk is full: nothing was written."""


class WriteFailed(RegistryError):
    """A file could not be written where the user asked (no such folder, no permission)."""


class UsageError(RegistryError):
    """A command was given options that do not go together, or lacks a confirmation."""

    exit_code = EXIT_USAGE
