"""House style of figures (GOV.UK style): separators, %, London numbers, "fewer", period labels."""

from __future__ import annotations

import re

from model.checks.figures import find_figures
from model.checks.phones import digits_of, format_uk
from model.findings import Finding
from model.types import EditionContent

_SPACE_PERCENT = re.compile(r"\d[\d,.]*\s+%")
_LESS_COUNT = re.compile(
    r"\b(\d[\d,]*\s+less|less)\s+(crimes|offences|victims|incidents|people|arrests|burglaries|robberies)\b", re.I
)
_PHONE_IN_TEXT = re.compile(r"(?<![\d])(?:\+44\s?|0)\d{2,4}(?:[\s-]?\d{2,6}){1,3}(?!\d)")
_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s?([/-])\s?(\d{2}|\d{4})\b")
_YEAR_LIKE = range(1900, 2100)


def _separators(path: str, text: str) -> list[Finding]:
    out = []
    for f in find_figures(text):
        bare = f.raw.split()[0].rstrip("%")
        if f.value >= 1000 and "," not in bare and not (f.unit == "count" and int(f.value) in _YEAR_LIKE):
            out.append(Finding(path, "warning", "style.thousands_separator",
                               f"write '{f.value:,}' with a thousands separator, not '{bare}'"))
    return out


def _spacing(path: str, text: str) -> list[Finding]:
    return [Finding(path, "warning", "style.space_before_percent",
                    f"no space before the % sign: write '{m.group(0).replace(' ', '')}'")
            for m in _SPACE_PERCENT.finditer(text)]


def _fewer(path: str, text: str) -> list[Finding]:
    return [Finding(path, "warning", "style.fewer",
                    f"'{m.group(0)}': use 'fewer' for things you can count")
            for m in _LESS_COUNT.finditer(text)]


def phone_style(path: str, number: str) -> list[Finding]:
    """A London number must be grouped 020 xxxx xxxx; other numbers as the regulator groups them."""
    digits = digits_of(number)
    expected = format_uk(digits)
    if expected and digits.startswith("020") and number.strip() != expected:
        return [Finding(path, "warning", "style.london_number",
                        f"write London numbers as 020 xxxx xxxx: '{number.strip()}' should be '{expected}'")]
    return []


def _phones(path: str, text: str) -> list[Finding]:
    return [f for m in _PHONE_IN_TEXT.finditer(text) for f in phone_style(path, m.group(0))]


def periods(path: str, text: str, content: EditionContent) -> list[Finding]:
    """Period labels look like the edition's own (2009/10) and name a period the leaflet covers."""
    out = []
    allowed = {content.period, content.next_period} - {""}
    for m in _PERIOD.finditer(text):
        start, sep, end = int(m.group(1)), m.group(2), m.group(3)
        span = int(end) - start if len(end) == 4 else (int(end) - start % 100) % 100
        if span != 1:
            continue  # a plan's years (2010/2013), not a one-year period label
        label = f"{start}/{(start + 1) % 100:02d}"
        if sep != "/" or len(end) == 4:
            out.append(Finding(path, "warning", "style.period_label",
                               f"write the period as '{label}', not '{m.group(0)}'"))
        elif allowed and label not in allowed:
            out.append(Finding(path, "warning", "style.period_label",
                               f"'{label}' is not this edition's period ({' or '.join(sorted(allowed))}); "
                               "is this text from another year?"))
    return out


TEXT_STYLE_CHECKS = (_separators, _spacing, _fewer, _phones)


def check_text(path: str, text: str, content: EditionContent) -> list[Finding]:
    out = [f for check in TEXT_STYLE_CHECKS for f in check(path, text)]
    return out + periods(path, text, content)
