"""SLIP-39 shares of a vault's data key (``shamir-mnemonic``, the standard's reference code).

One group, member threshold k of n (2 ≤ k ≤ n ≤ 16), no SLIP-39 passphrase and iteration
exponent 0: a share's secrecy comes from where it is kept (sealed to a colleague's age key,
or paper in a safe), and the words stay readable by any SLIP-39 tool.

A share set is bound to one data key by its **key id**: the first 16 bytes of
SHA-256(``b"registry-recovery-key/1\\0"`` ‖ vault id ‖ ``b"\\0"`` ‖ data key), in hex. The
key id names the key without revealing it; shares that combine into a key whose id is not
the one their signed statements name are refused, and a share of an earlier key (rotated
since) combines into a key that opens nothing current.

Errors never quote a word of a share: they say which share and which word position.
"""

from __future__ import annotations

import hashlib
import hmac

import shamir_mnemonic
from shamir_mnemonic.wordlist import WORD_INDEX_MAP

from registry.errors import InvalidInput

MIN_THRESHOLD = 2
MAX_SHARES = 16
KEY_BYTES = 32
WORDS = 33  # a 256-bit secret: 7 words of metadata and checksum, 26 of share value
MAX_MNEMONIC = 33 * 9  # the longest SLIP-39 word is 8 letters
_KEY_ID_DOMAIN = b"registry-recovery-key/1\x00"


def check_counts(threshold: int, shares: int) -> None:
    """``2 ≤ threshold ≤ shares ≤ 16``, else ``InvalidInput``."""
    if not MIN_THRESHOLD <= threshold <= shares <= MAX_SHARES:
        raise InvalidInput(f"A recovery set needs a threshold of at least {MIN_THRESHOLD}, no "
                           f"more shares than {MAX_SHARES}, and no higher threshold than "
                           f"shares (asked: {threshold} of {shares}).")


def key_id(vault_id: str, data_key: bytes | bytearray) -> str:
    """The public name of a data key (see the module doc)."""
    digest = hashlib.sha256(_KEY_ID_DOMAIN + vault_id.encode("ascii") + b"\x00"
                            + bytes(data_key)).digest()
    return digest[:16].hex()


def same_key_id(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii"), b.encode("ascii"))


def split(data_key: bytes | bytearray, threshold: int, shares: int) -> list[str]:
    """``shares`` SLIP-39 mnemonics of which any ``threshold`` give back ``data_key``."""
    check_counts(threshold, shares)
    if len(data_key) != KEY_BYTES:
        raise InvalidInput("A vault data key is 32 bytes.")
    groups = shamir_mnemonic.generate_mnemonics(1, [(threshold, shares)], bytes(data_key),
                                                iteration_exponent=0)
    return list(groups[0])


def normalise(text: str, label: str) -> str:
    """One share's words, lower case and single-spaced, checked against the word list and
    the SLIP-39 checksum; ``label`` names the share in the error ("paper share 2")."""
    words = text.lower().split()
    if len(words) != WORDS:
        raise InvalidInput(f"{label} has {len(words)} words; a recovery share has {WORDS}.")
    for position, word in enumerate(words, 1):
        if word not in WORD_INDEX_MAP:
            raise InvalidInput(f"{label}: word {position} is not a SLIP-39 word. Check it "
                               "against the paper.")
    mnemonic = " ".join(words)
    try:
        shamir_mnemonic.Share.from_mnemonic(mnemonic)
    except shamir_mnemonic.MnemonicError:
        raise InvalidInput(f"{label}: a word is wrong (the SLIP-39 checksum fails). Check each "
                           "word against the paper; the share was not used.") from None
    return mnemonic


def set_identifier(mnemonic: str) -> int:
    """The SLIP-39 identifier that all shares of one set have in common."""
    return int(shamir_mnemonic.Share.from_mnemonic(mnemonic).identifier)


def member_index(mnemonic: str) -> int:
    return int(shamir_mnemonic.Share.from_mnemonic(mnemonic).index)


def threshold_of(mnemonic: str) -> int:
    return int(shamir_mnemonic.Share.from_mnemonic(mnemonic).member_threshold)


def combine(mnemonics: list[str]) -> bytearray:
    """The data key from at least ``threshold`` distinct shares of one set.

    Raises ``InvalidInput`` when the shares are of different sets, too few, or do not
    combine (the set's digest fails); the message quotes no word.
    """
    if not mnemonics:
        raise InvalidInput("No recovery share was given.")
    unique = list(dict.fromkeys(mnemonics))
    if len({set_identifier(m) for m in unique}) != 1:
        raise InvalidInput("The shares are of different recovery sets (a share of an earlier "
                           "set, revoked when the data key was rotated or the custodians "
                           "changed, opens nothing current). Nothing was changed.")
    threshold = threshold_of(unique[0])
    members = {member_index(m): m for m in unique}
    if len(members) < threshold:
        raise InvalidInput(f"{len(members)} distinct share(s) of a set that needs {threshold}: "
                           "ask more custodians. Nothing was changed.")
    chosen = [members[i] for i in sorted(members)[:threshold]]
    try:
        secret = shamir_mnemonic.combine_mnemonics(chosen)
    except shamir_mnemonic.MnemonicError:
        raise InvalidInput("The shares do not combine into a key (a share was altered or "
                           "belongs to another set). Nothing was changed.") from None
    key = bytearray(secret)
    del secret
    return key
