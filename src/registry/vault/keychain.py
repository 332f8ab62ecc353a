"""Optional "remember on this computer": the data key in an allow-listed OS keychain.

Only the system keychains are used: Secret Service (GNOME Keyring, KeePassXC...), KWallet,
the macOS Keychain and the Windows Credential Locker. ``keyring`` may pick something else
(``keyrings.alt`` plaintext or "encrypted" files, or any third-party plug-in): those are
refused and never called. keyring's chainer is unwrapped and every backend in it is
checked; the first allow-listed one is used directly, so a refused backend in the same
chain never sees the key. ``null`` and ``fail`` backends mean "no keychain".

The key is stored as hex text (keyring's API takes ``str``, so that copy cannot be
zeroed) under the service ``"Registry vault"`` with the vault id as user name.
Losing the entry never locks anyone out: ``recall`` returns ``None`` whenever the key
cannot be had, and the passphrase always works. After a data key rotation the caller
stores the new key again (or forgets the old one).
"""

from __future__ import annotations

import logging
import string
from typing import Any, NamedTuple

from registry.errors import KeychainError
from registry.vault._format import check_vault_id
from registry.vault.kdf import KEY_BYTES

SERVICE = "Registry vault"

_ALLOWED = {
    "keyring.backends.SecretService.Keyring": "Secret Service",
    "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",
}
_NO_KEYCHAIN = {"keyring.backends.null.Keyring", "keyring.backends.fail.Keyring"}
_CHAINER = "keyring.backends.chainer.ChainerBackend"
_log = logging.getLogger(__name__)

_FALLBACK_NOTE = "The vault works with the passphrase alone."
_HOW_TO = ("To remember the key on this computer, use the system keychain (GNOME Keyring or "
           "another Secret Service, KWallet, macOS Keychain, Windows Credential Locker).")


class KeychainStatus(NamedTuple):
    """Whether a keychain can be used, which one, and a sentence that says what to do."""

    usable: bool
    backend_name: str
    message: str


def backend_status() -> KeychainStatus:
    """Describe the keychain ``remember`` would use, or why there is none."""
    return _resolve()[1]


def remember(vault_id: str, data_key: bytes | bytearray) -> None:
    """Store ``data_key`` for ``vault_id``; ``KeychainError`` when no allowed keychain works."""
    check_vault_id(vault_id)
    if not isinstance(data_key, bytes | bytearray) or len(data_key) != KEY_BYTES:
        raise KeychainError(f"Only a {KEY_BYTES}-byte vault key can be remembered.")
    backend, status = _resolve()
    if backend is None:
        raise KeychainError(status.message)
    try:
        backend.set_password(SERVICE, vault_id, data_key.hex())
        stored = backend.get_password(SERVICE, vault_id)
    except Exception as exc:  # backends raise keyring, D-Bus, OS and platform errors
        raise KeychainError(_failure(status.backend_name, "store", exc)) from None
    if stored != data_key.hex():
        raise KeychainError(f"The {status.backend_name} did not keep the key. {_FALLBACK_NOTE}")


def recall(vault_id: str) -> bytearray | None:
    """The remembered key for ``vault_id``, or ``None`` (absent, unreadable, no keychain)."""
    check_vault_id(vault_id)
    backend, status = _resolve()
    if backend is None:
        return None
    try:
        stored = backend.get_password(SERVICE, vault_id)
    except Exception as exc:  # a locked or vanished keychain must not block unlocking
        _log.warning("%s", _failure(status.backend_name, "read", exc))
        return None
    return _decode(stored)


def forget(vault_id: str) -> bool:
    """Delete the remembered key for ``vault_id``; True when no entry is left.

    Idempotent, and never raises for a keychain failure (a panic wipe must go on): a
    failure is logged and reported as False so the caller can tell the user.
    """
    check_vault_id(vault_id)
    backend, status = _resolve()
    if backend is None:
        return True
    import keyring.errors

    try:
        backend.delete_password(SERVICE, vault_id)
    except keyring.errors.PasswordDeleteError:
        return True  # nothing stored under this vault id
    except Exception as exc:  # as in recall(): log the class, never the backend's text
        _log.warning("%s", _failure(status.backend_name, "delete", exc))
        return False
    return True


def _decode(stored: object) -> bytearray | None:
    """Parse a stored hex key; anything else is treated as no entry."""
    if stored is None:
        return None
    if (not isinstance(stored, str) or len(stored) != 2 * KEY_BYTES
            or not set(stored) <= set(string.hexdigits)):
        _log.warning("The keychain entry for this vault is unreadable and was ignored.")
        return None
    return bytearray.fromhex(stored)


def _failure(backend_name: str, verb: str, exc: BaseException) -> str:
    """A message naming the keychain and the error class, never the backend's own text."""
    return (f"The {backend_name} could not {verb} the vault key ({type(exc).__name__}); "
            f"unlock the keychain and try again. {_FALLBACK_NOTE}")


def _qualified(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _unwrap(backend: Any) -> list[Any]:
    """The backends behind keyring's chainer, or the backend itself."""
    if _qualified(backend) != _CHAINER:
        return [backend]
    return [inner for member in backend.backends for inner in _unwrap(member)]


def _resolve() -> tuple[Any | None, KeychainStatus]:
    """The allowed backend to use (or ``None``) and the status that explains the choice."""
    import keyring  # here: an unlock with the passphrase never needs it (~20 ms of a start)

    try:
        backends = _unwrap(keyring.get_keyring())
    except Exception as exc:  # a broken keyring configuration means "no keychain"
        message = f"No keychain could be loaded ({type(exc).__name__}). {_FALLBACK_NOTE}"
        return None, KeychainStatus(False, "none", message)
    allowed = [b for b in backends if _qualified(b) in _ALLOWED]
    refused = [_qualified(b) for b in backends
               if _qualified(b) not in _ALLOWED and _qualified(b) not in _NO_KEYCHAIN]
    if allowed:
        name = _ALLOWED[_qualified(allowed[0])]
        message = f"The vault key can be remembered in the {name}."
        if refused:
            message += f" Ignored, not an allowed keychain: {', '.join(refused)}."
        return allowed[0], KeychainStatus(True, name, message)
    if refused:
        message = (f"The keyring backend {', '.join(refused)} is not an allowed keychain "
                   f"(it may keep secrets unprotected) and is refused. {_FALLBACK_NOTE} "
                   f"{_HOW_TO}")
        return None, KeychainStatus(False, refused[0], message)
    message = f"No system keychain is available on this computer. {_FALLBACK_NOTE} {_HOW_TO}"
    return None, KeychainStatus(False, "none", message)
