"""What the app says when the core refuses: a core error in the interface language.

The core writes each message once, in English, where it raises it (``registry.errors``).
A message marked there with ``QT_TRANSLATE_NOOP("Errors", …)`` is translated here from the
same ``.ts`` files as the GUI's own strings, and its values are filled in; any other message
is shown, outside English, as the translated message of its error class (the nearest one in
its class's ancestry), which says what happened and what to do. So a Russian screen never
shows a core message in English, and each text has one source.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale

from registry.errors import RegistryError
from registry.gui.i18n import number, translate
from registry.gui.passphrase import refusal
from registry.vault.strength import Strength

# by class name: the front ends may not import every module that defines an error class
CLASS_MESSAGES: dict[str, Callable[[], str]] = {
    "RegistryError": lambda: translate(
        "Errors", "The operation could not be completed. Check what you entered and try again; "
        "if it fails again, restart the application."),
    "InvalidInput": lambda: translate(
        "Errors", "A value, file or choice does not pass the checks. Correct it and try again."),
    "NotFound": lambda: translate(
        "Errors", "The record, official or file was not found: it may have been erased or "
        "moved. Refresh the list and choose it again."),
    "VaultError": lambda: translate(
        "Errors", "The vault cannot be used as asked. Check the vault folder, or restore the "
        "vault from a backup."),
    "WrongPassphrase": lambda: translate(
        "Errors", "The passphrase is wrong. Check the keyboard layout and Caps Lock, and type "
        "it again."),
    "VaultLocked": lambda: translate(
        "Errors", "The vault is locked. Unlock it with your passphrase."),
    "VaultBusy": lambda: translate(
        "Errors", "Another window or command is writing to the vault. Wait a moment and try "
        "again."),
    "VaultDamaged": lambda: translate(
        "Errors", "The vault is damaged and cannot be opened safely. Restore it from a backup."),
    "VaultExists": lambda: translate(
        "Errors", "A vault is already in that folder. Choose another folder, or confirm that it "
        "should be replaced."),
    "KeychainError": lambda: translate(
        "Errors", "This computer's keychain cannot be used. Unlock with your passphrase "
        "instead."),
    "TrustError": lambda: translate(
        "Errors", "A signature does not verify, or its signer is unknown or revoked. Nothing "
        "was imported. Verify the sender's card with them before you try again."),
    "BundleError": lambda: translate(
        "Errors", "The bundle cannot be used: it is damaged, too large, or not addressed to "
        "you. Nothing was imported. Ask the sender for a new bundle."),
    "LineError": lambda: translate(
        "Errors", "A record in the bundle is not valid. Nothing was imported. Ask the sender "
        "for a new bundle."),
    "BackupError": lambda: translate(
        "Errors", "The backup cannot be used: it is unreadable, damaged, or belongs to another "
        "vault. Choose another backup file."),
    "StorageFull": lambda: translate(
        "Errors", "The disk is full and nothing was written. Free some space and try again."),
    "WriteFailed": lambda: translate(
        "Errors", "The file could not be written there. Choose a folder you may write to."),
    "UsageError": lambda: translate(
        "Errors", "These choices do not go together, or a confirmation is missing. Check them "
        "and try again."),
    "FileRejected": lambda: translate(
        "Errors", "The file is refused and nothing was imported: it is too large, of an unknown "
        "format, or unreadable. Save it as CSV or XLSX and try again."),
    "WeakPassphrase": lambda: translate(
        "Errors", "The passphrase is too easy to guess. Choose a longer one: several unrelated "
        "words."),
    "LoweringNeedsConfirmation": lambda: translate(
        "Errors", "Lowering a record's protection must be confirmed. Save again and confirm."),
    "Cancelled": lambda: translate(
        "Errors", "Cancelled: nothing was written."),
    "Superseded": lambda: translate(
        "Errors", "The list was asked for again before this answer came; nothing was changed."),
}


_ENGLISH = (QLocale.Language.English, QLocale.Language.C)


def class_message(exc: RegistryError) -> str:
    """The translated message of ``exc``'s class, or of its nearest ancestor that has one."""
    for cls in type(exc).__mro__:
        if cls.__name__ in CLASS_MESSAGES:
            return CLASS_MESSAGES[cls.__name__]()
    return CLASS_MESSAGES["RegistryError"]()  # pragma: no cover - every class is a RegistryError


def error_text(exc: RegistryError) -> str:
    """``exc``'s message in the interface language (see the module's docstring)."""
    strength = getattr(exc, "strength", None)
    if isinstance(strength, Strength):  # why the passphrase is refused, and what to do
        return refusal(strength)
    if QLocale().language() in _ENGLISH:  # the language the core writes its messages in
        return str(exc)
    if exc.template:
        text = translate("Errors", exc.template)
        if text != exc.template:
            values = {k: number(v) if isinstance(v, int | float) and not isinstance(v, bool)
                      else v for k, v in exc.values.items()}
            try:
                return text.format(**values)
            except (KeyError, IndexError, ValueError):  # a translation that lost a field
                pass
    return class_message(exc)
