"""When two phone numbers are the same number: the one rule that the spreadsheet import's
strong match (:mod:`registry.interop.matching`) and the duplicate finder
(:mod:`registry.match.names`) both ask. Every digit counts, not a tail: two numbers with
different country codes are different numbers."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"\D+")
MIN_NATIONAL_DIGITS = 7  # a national number this short could be the tail of many others
_MAX_COUNTRY_CODE = 3
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
    the other's, and what is left before them is a country code of at most three digits (or
    nothing: ``7 999 …`` without its ``+``). So such a number can agree with ``+49 30 …``
    in one row and with ``+33 30 …`` in another, but it never makes those two agree with
    each other: they differ. An eleven-digit number starting with ``8`` is read as Russian
    (``8 999 …`` is ``+7 999 …``).
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
    head = len(full) - len(national)
    return (len(national) >= MIN_NATIONAL_DIGITS and 0 <= head <= _MAX_COUNTRY_CODE
            and full.endswith(national))


def _read_key(key: str) -> tuple[bool, str]:
    """``(international, digits)`` back from a key; no digits for a key that is text."""
    if key.startswith("+") and key[1:].isdecimal():
        return True, key[1:]
    return False, key if key.isdecimal() else ""
