"""Errors a user can cause, each with the exit code of DESIGN §9 and a message that says what to do.

Messages never carry record content or secrets: they name the operation and the remedy.

A message is written once, in English, where the error is raised. One the app shows is
marked for translation and given as a template with named values::

    raise VaultError(QT_TRANSLATE_NOOP("Errors", "No vault at {path}."), path=root)

``str(exc)`` is the English text (what the command line prints); ``exc.template`` and
``exc.values`` let the GUI show it in the interface language (``registry.gui.errors``):
``pyside6-lupdate`` collects the marked templates from the core's modules into the same
``.ts`` files as the GUI's own strings (see scripts/compile-translations), and the core never
imports Qt. A message not (yet) marked is shown, in another language than English, as the
translated message of its error class, which also says what to do.
"""

from __future__ import annotations

import errno

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_TRUST = 4


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` (pyside6-lupdate collects it); returns it
    unchanged: the core stays English and Qt-free."""
    del context
    return text


# why the system refused a file operation, in words the app translates (the system's own
# text, ``strerror``, is English whatever the interface language: it is said only of a
# failure not among these)
_OS_REASONS = {
    errno.EACCES: QT_TRANSLATE_NOOP("Errors", "permission denied"),
    errno.EPERM: QT_TRANSLATE_NOOP("Errors", "permission denied"),
    errno.EROFS: QT_TRANSLATE_NOOP("Errors", "the drive is read-only"),
    errno.ENOENT: QT_TRANSLATE_NOOP("Errors", "no such file or folder"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("Errors", "a part of the path is not a folder"),
    errno.EISDIR: QT_TRANSLATE_NOOP("Errors", "it is a folder"),
    errno.EEXIST: QT_TRANSLATE_NOOP("Errors", "it already exists"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("Errors", "the disk is full"),
    errno.EDQUOT: QT_TRANSLATE_NOOP("Errors", "the disk is full"),
    errno.EIO: QT_TRANSLATE_NOOP("Errors", "the drive reports an error: it may be failing "
                                           "or was removed"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("Errors", "the name is too long"),
    errno.EBUSY: QT_TRANSLATE_NOOP("Errors", "the file or drive is busy"),
    errno.ENODEV: QT_TRANSLATE_NOOP("Errors", "the drive is not available"),
    errno.ENXIO: QT_TRANSLATE_NOOP("Errors", "the drive is not available"),
    errno.EMFILE: QT_TRANSLATE_NOOP("Errors", "too many files are open"),
    errno.ENFILE: QT_TRANSLATE_NOOP("Errors", "too many files are open"),
    errno.ELOOP: QT_TRANSLATE_NOOP("Errors", "too many symbolic links"),
}

_NO_REASON = QT_TRANSLATE_NOOP("Errors", "an input/output error")  # the system gave none


def os_reason(exc: OSError) -> str:
    """Why the system refused, for a message's ``{reason}``: words the app shows translated
    (``registry.gui.errors`` translates such a value) for the failures a user meets, else the
    system's own text, else "an input/output error"."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or _NO_REASON


class RegistryError(Exception):
    """Base of every error that is reported to the user instead of a traceback.

    ``template`` is the message as written (with ``{name}`` fields), ``values`` what fills
    them; ``str()`` is the filled-in English message."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str = "", /, **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.template = message
        self.values = values


class InvalidInput(RegistryError):
    """A value, file or option the user gave does not pass validation."""


class LoweringNeedsConfirmation(InvalidInput):
    """A change would lower a record's protection and was not confirmed (DESIGN §6.4.1)."""


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


class VaultUnavailable(VaultError):
    """The vault's files cannot be opened or written now (a read-only or unwritable folder,
    a disk error): not damage, so never a reason to restore over it."""


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


class FileTooLarge(StorageFull):
    """A file would pass the largest size the file system (FAT32: 4 GiB) or the process
    allows: nothing was written."""


class WriteFailed(RegistryError):
    """A file could not be written where the user asked (no such folder, no permission)."""


class UsageError(RegistryError):
    """A command was given options that do not go together, or lacks a confirmation."""

    exit_code = EXIT_USAGE
