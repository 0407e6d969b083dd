"""UK telephone numbers: the digits, whether the number can exist, and how it is grouped."""

from __future__ import annotations

import re

SHORT_CODES = frozenset({"999", "112", "101", "111", "105", "119"})


def digits_of(number: str) -> str:
    """'+44 (0)20 7202 0202' → '02072020202' (national form)."""
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    if number.strip().startswith("+44") or (digits.startswith("44") and len(digits) in (12, 13)):
        digits = "0" + digits[2:]
    return digits


def valid_uk(number: str) -> bool:
    """True for numbers with a real UK prefix and length, or a short code such as 999.

    Geographic (01) and freephone/special (08) numbers may have 10 digits; 02, 03, 05 and 07
    numbers always have 11.
    """
    digits = digits_of(number)
    if digits in SHORT_CODES:
        return True
    if not digits.startswith("0") or digits[:2] in {"00", "04", "06"}:
        return False
    if digits.startswith(("02", "03", "05", "07")):
        return len(digits) == 11
    return len(digits) in (10, 11)


def format_uk(digits: str) -> str:
    """The standard grouping of an 11-digit 02 number, 020 7202 0202 ('' for any other).

    House style checks only London's grouping (docs/checks.md); a 03/08/09 grouping was computed
    here and never used, which mutation testing showed.
    """
    if len(digits) != 11 or not digits.startswith("02"):
        return ""
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
