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

from registry.errors import QT_TRANSLATE_NOOP, InvalidInput

MIN_THRESHOLD = 2
MAX_SHARES = 16
KEY_BYTES = 32
WORDS = 33  # a 256-bit secret: 7 words of metadata and checksum, 26 of share value
MAX_MNEMONIC = 33 * 9  # the longest SLIP-39 word is 8 letters
_KEY_ID_DOMAIN = b"registry-recovery-key/1\x00"


def check_counts(threshold: int, shares: int) -> None:
    """``2 ≤ threshold ≤ shares ≤ 16``, else ``InvalidInput``."""
    if not MIN_THRESHOLD <= threshold <= shares <= MAX_SHARES:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "A recovery set needs a threshold of at least {minimum}, no more shares "
            "than {maximum}, and no higher threshold than shares (asked: {threshold} of "
            "{shares})."), minimum=MIN_THRESHOLD, maximum=MAX_SHARES, threshold=threshold,
            shares=shares)


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
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "A vault data key is 32 bytes."))
    groups = shamir_mnemonic.generate_mnemonics(1, [(threshold, shares)], bytes(data_key),
                                                iteration_exponent=0)
    return list(groups[0])


def normalise(text: str | bytearray, paper: str | None = None) -> str:
    """One share's words, lower case and single-spaced, checked against the word list and
    the SLIP-39 checksum. ``paper`` numbers a paper share in the error ("2", "2.1"); None is
    a colleague's share.

    The words may come as a ``bytearray`` (UTF-8), which the caller zeroes after use. The
    result is a ``str`` all the same: ``shamir-mnemonic`` takes and returns mnemonics only as
    ``str``, which Python cannot overwrite, so the copies made here live until they are
    collected. Nothing here logs them or puts them into an error.
    """
    words = _lower_words(text, paper)
    if len(words) != WORDS:
        raise _wrong(paper, QT_TRANSLATE_NOOP(
            "Errors", "Paper share {share} has {count} words; a recovery share has {words}. "
            "Check it against the paper; nothing was changed."), QT_TRANSLATE_NOOP(
            "Errors", "A colleague's share has {count} words; a recovery share has {words}."),
            count=len(words), words=WORDS)
    for position, word in enumerate(words, 1):
        if word not in WORD_INDEX_MAP:
            raise _wrong(paper, QT_TRANSLATE_NOOP(
                "Errors", "Paper share {share}: word {position} is not a SLIP-39 word. Check "
                "it against the paper; nothing was changed."), QT_TRANSLATE_NOOP(
                "Errors", "A colleague's share: word {position} is not a SLIP-39 word."),
                position=position)
    mnemonic = " ".join(words)
    try:
        shamir_mnemonic.Share.from_mnemonic(mnemonic)
    except shamir_mnemonic.MnemonicError:
        raise _wrong(paper, QT_TRANSLATE_NOOP(
            "Errors", "Paper share {share}: a word is wrong (the SLIP-39 checksum fails). "
            "Check each word against the paper; the share was not used and nothing was "
            "changed."), QT_TRANSLATE_NOOP(
            "Errors", "A colleague's share: a word is wrong (the SLIP-39 checksum fails)."),
        ) from None
    return mnemonic


def _lower_words(text: str | bytearray, paper: str | None) -> list[str]:
    if isinstance(text, str):
        return text.lower().split()
    try:
        return text.decode("utf-8").lower().split()
    except UnicodeDecodeError:
        raise _wrong(paper, QT_TRANSLATE_NOOP(
            "Errors", "Paper share {share} is not text; nothing was changed."),
            QT_TRANSLATE_NOOP("Errors", "A colleague's share is not text.")) from None


def _wrong(paper: str | None, on_paper: str, of_colleague: str, **values: object) -> InvalidInput:
    """The error about one share: which paper share (or a colleague's), never its words."""
    if paper is None:
        return InvalidInput(of_colleague, **values)
    return InvalidInput(on_paper, share=paper, **values)


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
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "No recovery share was given."))
    unique = list(dict.fromkeys(mnemonics))
    if len({set_identifier(m) for m in unique}) != 1:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The shares are of different recovery sets (a share of an earlier set, "
            "revoked when the data key was rotated or the custodians changed, opens nothing "
            "current). Nothing was changed."))
    threshold = threshold_of(unique[0])
    members = {member_index(m): m for m in unique}
    if len(members) < threshold:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{count} distinct share(s) of a set that needs {threshold}: ask more "
            "custodians. Nothing was changed."), count=len(members), threshold=threshold)
    chosen = [members[i] for i in sorted(members)[:threshold]]
    try:
        secret = shamir_mnemonic.combine_mnemonics(chosen)
    except shamir_mnemonic.MnemonicError:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The shares do not combine into a key (a share was altered or belongs to "
            "another set). Nothing was changed.")) from None
    key = bytearray(secret)
    del secret
    return key
