"""When two phone numbers are the same number: the one rule that the spreadsheet import's
strong match (:mod:`registry.interop.matching`) and the duplicate finder
(:mod:`registry.match.names`) both ask. Every digit counts, not a tail: two numbers with
different country codes are different numbers."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"\D+")
MIN_NATIONAL_DIGITS = 7  # a national number this short could be the tail of many others
# The ITU country calling codes (E.164; no code is the start of another): what is left before
# a national number's digits must be one of these, not any few digits, or a number with a
# digit lost (70 1234567) would be the tail of +49 170 1234567.
_CODES = """
1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62
63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226
227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249
250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298
299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 377 378 380 381 382
383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 590 591 592 593 594
595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689
690 691 692 800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 960 961 962 963 964
965 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 995 996 998
"""
COUNTRY_CODES = frozenset(_CODES.split())
# Italy and San Marino keep the leading 0 after the country code (+39 06 …, written 06 …).
_ZERO_KEPT = frozenset({"39", "378"})
_RU_TRUNK_LENGTH = 11  # 8 999 123-45-67


def _phone(text: str) -> tuple[bool, str]:
    """``(international, digits)``: with its country code (written ``+…`` or ``00…``, or an
    eleven-digit ``8 …`` — the Russian trunk prefix, so ``+7 …``) the digits after ``+``;
    else the national digits without a trunk ``0``."""
    digits = _NON_DIGITS.sub("", text)
    if text.startswith("+"):
        return True, digits
    if digits.startswith("00"):
        return True, digits[2:]
    if len(digits) == _RU_TRUNK_LENGTH and digits.startswith("8"):
        return True, "7" + digits[1:]
    return False, digits[1:] if digits.startswith("0") else digits


def phone_key(text: str) -> str:
    """A phone number's comparable form: ``+`` and every digit of an international number,
    the national digits (without a trunk ``0``) of one written without its country code."""
    international, digits = _phone(text)
    if not digits:
        return text.strip().casefold()
    return f"+{digits}" if international else digits


def same_phone(a: str, b: str) -> bool:
    """Whether two phone numbers are the same number: every digit counts, not a tail.

    Written the same way (both with a country code, or both without), they agree when all
    their digits do: ``+49 30 1234567``, ``0049 (30) 123-45-67`` and ``+49301234567`` are one
    number; ``+33 30 1234567`` is another, and two numbers with different country codes
    never agree. A number written without its country code (``030 1234567``, ``07700
    900123``) agrees with one written with it only when it is that number's national part
    — its digits without the trunk ``0``, at least :data:`MIN_NATIONAL_DIGITS` of them, end
    the other's, and what is left before them is a country calling code
    (:data:`COUNTRY_CODES`; for Italy with its ``0``), or nothing (``7 999 …`` without its
    ``+``): ``70 1234567`` is not ``+49 170 1234567``, as ``491`` is no country code. So such
    a number can agree with ``+49 30 …`` in one row and with ``+33 30 …`` in another, but it
    never makes those two agree with each other: they differ. An eleven-digit number
    starting with ``8`` is read as Russian (``8 999 …`` is ``+7 999 …``).
    """
    return same_phone_key(phone_key(a), phone_key(b))


def same_phone_key(a: str, b: str) -> bool:
    """:func:`same_phone` of two numbers given as :func:`phone_key` wrote them (for callers
    that keep the keys: the duplicate finder's bound compares many pairs)."""
    (ia, da), (ib, db) = _read_key(a), _read_key(b)
    if not da or not db:
        return a == b  # a key without digits is the text itself, folded
    if ia == ib:
        return da == db
    national, full = (db, da) if ia else (da, db)
    head = full[:len(full) - len(national)]
    return (len(national) >= MIN_NATIONAL_DIGITS and full.endswith(national)
            and _country_code(head))


def _country_code(head: str) -> bool:
    """Whether the digits before a national number are its country code (or nothing)."""
    if head[-1:] == "0" and head[:-1] in _ZERO_KEPT:
        return True
    return not head or head in COUNTRY_CODES


def _read_key(key: str) -> tuple[bool, str]:
    """``(international, digits)`` back from a key; no digits for a key that is text."""
    if key.startswith("+") and key[1:].isdecimal():
        return True, key[1:]
    return False, key if key.isdecimal() else ""
