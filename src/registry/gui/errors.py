"""What the app says when the core refuses: a core error in the interface language.

The core writes each message once, in English, where it raises it (``registry.errors``).
A message marked there with ``QT_TRANSLATE_NOOP("Errors", …)`` is translated here from the
same ``.ts`` files as the GUI's own strings, and its values are filled in; any other message
is shown, outside English, as the translated message of its error class (the nearest one in
its class's ancestry), which says what happened and what to do. So a Russian screen never
shows a core message in English, and each text has one source.

Some core messages tell a command-line user what to type ("choose another folder with
--vault", "use 'registry search'", "set REGISTRY_PASSPHRASE"). The CLI keeps them; the app
says what to do in the app instead: :data:`APP_WORDING` holds, for each such template, the
app's own wording with the same ``{fields}``, in English and Russian. A text that would still
name a command, an option or an environment variable (:data:`CLI_MENTION`) is never shown:
its class's message is, which speaks of the app.
"""

from __future__ import annotations

import re
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
    "VaultUnavailable": lambda: translate(
        "Errors", "The vault's folder cannot be opened or written now (it is read-only, not "
        "yours, or the disk reports an error). The vault is not known to be damaged: do not "
        "restore it from a backup. Fix the folder or the disk, then try again."),
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
    "FileTooLarge": lambda: translate(
        "Errors", "The file would be larger than this drive allows (a FAT32 drive takes at "
        "most 4 GB a file). Nothing was written. Choose another drive, or one formatted "
        "with exFAT or NTFS."),
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
    "KeyDoesNotOpen": lambda: translate(
        "Errors", "The recovery shares do not open this vault: they are of an earlier data key "
        "or of another vault. Nothing was changed. Ask your custodians for the shares they "
        "hold now."),
    "Cancelled": lambda: translate(
        "Errors", "Cancelled: nothing was written."),
    "Superseded": lambda: translate(
        "Errors", "The list was asked for again before this answer came; nothing was changed."),
}


# core template (as marked) -> the app's wording of it: what to do in the app, not in a shell
APP_WORDING: dict[str, Callable[[], str]] = {
    "The vault folder {path} cannot be made ({reason}). Choose a folder you may write to "
    "with --vault.": lambda: translate(
        "Errors", "The vault folder {path} cannot be made ({reason}). Choose another folder, "
        "one you may write to."),
    "No vault at {path}. Create one with 'registry init' or choose another folder with "
    "--vault.": lambda: translate(
        "Errors", "No vault at {path}. Choose another folder, or create a vault there."),
    "A passphrase is needed: none was given (set REGISTRY_PASSPHRASE or run from a "
    "terminal) and this computer does not remember the vault.": lambda: translate(
        "Errors", "This computer does not remember the vault. Type your passphrase to "
        "unlock it."),
    "No record with that id. Use 'registry search' to find it.": lambda: translate(
        "Errors", "The record was not found: it may have been erased. Search for it in "
        "its list."),
    "A vault already exists at {path}. Choose another folder with --vault, or wipe that "
    "vault first.": lambda: translate(
        "Errors", "A vault already exists at {path}. Choose another folder, or open that "
        "vault."),
    "The vault at {path} is another vault than the one in this backup. Nothing was "
    "changed; use --force to replace it anyway.": lambda: translate(
        "Errors", "The vault at {path} is another vault than the one in this backup. "
        "Nothing was changed; confirm to replace it anyway."),
    "The bundle's sender is trusted but not verified: refused. Compare the safety number "
    "with them ('registry trust verify'), or accept this bundle knowingly with "
    "--allow-unverified.": lambda: translate(
        "Errors", "The bundle's sender is trusted but not verified: refused. Compare the "
        "safety number with them (Sharing → Trusted officials → Verify…), then import it "
        "again."),
    "No import with that id (see 'registry bundle history').": lambda: translate(
        "Errors", "That import is no longer in the import history. Refresh the history and "
        "choose it again."),
    "That official's card is not verified: compare the safety number ('registry trust "
    "verify FINGERPRINT --method safety_number') first.": lambda: translate(
        "Errors", "That official's card is not verified: compare the safety number with them "
        "first (Sharing → Trusted officials → Verify…)."),
    "No official with that fingerprint in the trust store. Add their card with 'registry "
    "trust add CARD'.": lambda: translate(
        "Errors", "That official is not in the trust store. Add their card first (Sharing → "
        "Trusted officials → Add from card…)."),
    # spreadsheet import: the lists the refusal names stay open in the wizard
    "The file is UTF-8 text but for one byte that is not, on line {line}: perhaps a "
    "character pasted from another program. Nothing was imported, so that no name is "
    "garbled. Correct that line in a text editor, or save the file again as UTF-8 CSV, and "
    "import it again; if the whole file is in another encoding, name it (--encoding; in the "
    "app, the Text encoding list).": lambda: translate(
        "Errors", "The file is UTF-8 text but for one byte that is not, on line {line}: "
        "perhaps a character pasted from another program. Nothing was imported, so that no "
        "name is garbled. Correct that line in a text editor, or save the file again as UTF-8 "
        "CSV, and import it again; if the whole file is in another encoding, choose it in the "
        "Text encoding list."),
    "The file is UTF-8 text but for {bad} bytes that are not, the first on line {line}: "
    "perhaps characters pasted from another program. Nothing was imported, so that no name "
    "is garbled. Correct those lines in a text editor, or save the file again as UTF-8 CSV, "
    "and import it again; if the whole file is in another encoding, name it (--encoding; in "
    "the app, the Text encoding list).": lambda: translate(
        "Errors", "The file is UTF-8 text but for {bad} bytes that are not, the first on line "
        "{line}: perhaps characters pasted from another program. Nothing was imported, so "
        "that no name is garbled. Correct those lines in a text editor, or save the file "
        "again as UTF-8 CSV, and import it again; if the whole file is in another encoding, "
        "choose it in the Text encoding list."),
    "Every sheet of the workbook is hidden: show the sheet to import in Excel, or name it "
    "(--sheet NAME; in the app, the Sheet list).": lambda: translate(
        "Errors", "Every sheet of the workbook is hidden: show the sheet to import in Excel, "
        "or choose it in the Sheet list."),
    "The workbook opens on a hidden sheet and has several visible ones ({sheets}): say "
    "which to import (--sheet NAME; in the app, the Sheet list).": lambda: translate(
        "Errors", "The workbook opens on a hidden sheet and has several visible ones "
        "({sheets}): choose the one to import in the Sheet list."),
    # recovery with colleagues (issue 15)
    "No vault database at {path}: recovery needs the vault folder (registry.db) on this "
    "machine, or a backup of the vault. Copy the folder here or choose it with --vault, or "
    "recover from the backup with --backup FILE.": lambda: translate(
        "Errors", "No vault database at {path}: recovery needs the vault folder on this "
        "computer, or a backup of the vault. Choose the backup (From a backup…), or copy the "
        "vault folder here."),
    "No recovery request is pending in this vault folder: make one with 'registry recovery "
    "request'.": lambda: translate(
        "Errors", "No recovery request is pending in this vault folder: make one first "
        "(Recover with colleagues…)."),
    "A vault exists at {path}; it opens with this passphrase and is whole. Nothing was "
    "changed; to replace it anyway use --force (it is kept aside, not deleted).": lambda: translate(
        "Errors", "A vault exists at {path}; it opens with this passphrase and is whole. "
        "Nothing was changed. To replace it anyway, confirm that it should be replaced: it is "
        "kept aside, not deleted."),
    "A vault exists at {path} and the passphrase given does not open it, so its state cannot "
    "be told. Nothing was changed; to replace it anyway use --force (it is kept aside, not "
    "deleted).": lambda: translate(
        "Errors", "A vault exists at {path} and the passphrase given does not open it, so its "
        "state cannot be told. Nothing was changed. To replace it anyway, confirm that it "
        "should be replaced: it is kept aside, not deleted."),
    "Changing the custodians rotates the data key, which needs the passphrase "
    "(REGISTRY_PASSPHRASE or the terminal).": lambda: translate(
        "Errors", "Changing the custodians rotates the data key, which needs your passphrase. "
        "Nothing was changed."),
    "A custodian is named by a fingerprint: 40 hexadecimal characters ('registry trust "
    "list').": lambda: translate(
        "Errors", "A custodian is named by a fingerprint: 40 hexadecimal characters (Sharing → "
        "Trusted officials)."),
    "No recovery set is current: set one up with 'registry recovery setup'.": lambda: translate(
        "Errors", "No recovery set is current: set one up first (Vault → Recovery shares… → "
        "Set up…)."),
    "You hold recovery shares of several colleagues and the request does not say whose vault "
    "it is: name the owner with --owner FINGERPRINT.": lambda: translate(
        "Errors", "You hold recovery shares of several colleagues and the request does not say "
        "whose vault it is: choose whose vault it is, then answer again."),
    "Compare the request's safety number with the requester (a call or in person), then "
    "confirm it with --confirm-safety-number: {number}. Nothing was released.": lambda: translate(
        "Errors", "Compare the request's safety number with the requester (a call or in "
        "person), then type it to confirm: {number}. Nothing was released."),
    "You answered another recovery request for this vault at {when}: a second one within "
    "{hours} hours is refused, in case someone else is asking. Call the colleague; if they "
    "confirm, run again with --override-cooling-off. Nothing was released.": lambda: translate(
        "Errors", "You answered another recovery request for this vault at {when}: a second one "
        "within {hours} hours is refused, in case someone else is asking. Call the colleague; "
        "if they confirm both requests, tick Release anyway and answer again. Nothing was "
        "released."),
}

# what only a command line understands: an option, a command, an environment variable, a shell
CLI_MENTION = re.compile(r"(?<![\w-])--[a-z]|\bregistry [a-z]+\b|\bREGISTRY_[A-Z_]+|"
                         r"(?i:\bterminal\b|терминал|командн)")

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
    text = wording(exc)
    if text is None or CLI_MENTION.search(text):
        return class_message(exc)
    return text


def wording(exc: RegistryError) -> str | None:
    """The app's wording of ``exc`` in the interface language, None when it has none."""
    english = QLocale().language() in _ENGLISH  # the language the core writes its messages in
    app = APP_WORDING.get(exc.template)
    if app is None and english:
        return str(exc)
    if not exc.template:
        return None
    text = app() if app is not None else translate("Errors", exc.template)
    if text == exc.template:  # not translated
        return None
    values = {k: _value(v) for k, v in exc.values.items()}
    try:
        return text.format(**values) if values else text
    except (KeyError, IndexError, ValueError):  # a translation that lost a field
        return None


def _value(value: object) -> object:
    """A value as the interface language writes it: a number in its digits, a word the core
    marked for translation (e.g. "recovery response", the kind of a file) in its words."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    if isinstance(value, str) and value:
        return translate("Errors", value)
    return value
