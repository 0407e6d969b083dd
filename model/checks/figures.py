"""Finding the figures in free text: numbers, percentages and percentage points, with qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

Unit = Literal["percent", "points", "count"]

# What we mask before looking for figures: they contain digits but are not figures.
_NOT_FIGURES = re.compile(
    r"""
    (?:https?://|www\.)\S+                      # web addresses
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+              # emails
    | \b\d{4}/\d{2,4}\b                         # periods: 2009/10, 2010/2013
    | (?<![\d,.])(?:\+44\s?|0)\d{2,4}(?:[\s-]?\d{2,6}){1,3}(?!\d)(?![.,]\d)  # phone numbers
    | \b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b
    | \b(?:in|since|by|until|from)\s+(?:19|20)\d{2}\b  # years after a preposition
    | \b999\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.,/])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?![\w/]|[.,]\d)"
    r"(?P<unit>\s?%|\s*per\s?cent\b|\s*percentage[\s-]points?\b)?",
    re.IGNORECASE,
)
QUALIFIERS: dict[str, str] = {
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "nearly": "nearly", "almost": "nearly", "just under": "nearly", "close to": "nearly",
    "around": "around", "about": "around", "approximately": "around", "roughly": "around", "some": "around",
    "up to": "up_to", "at most": "up_to", "no more than": "up_to",
    "less than": "less_than", "under": "less_than", "fewer than": "less_than", "below": "less_than",
    "at least": "at_least",
}
_QUALIFIER = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")\s+$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(\"'])|\n+")


@dataclass(frozen=True)
class ProseFigure:
    """One figure in a text: its value, unit, qualifier and where it is."""

    value: Decimal
    unit: Unit
    raw: str  # as printed: "6919", "51.4 %", "4.9 percentage points"
    start: int
    end: int
    qualifier: str  # "" or one of QUALIFIERS' values
    sentence: str
    after: str = ""  # the words right after the figure, e.g. " fewer crimes, exceeding"

    @property
    def decimals(self) -> int:
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def sentences(text: str) -> list[tuple[int, str]]:
    """(start offset, sentence) for each sentence or bullet of `text`."""
    out = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos:m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return [(s, t) for s, t in out if t.strip()]


@lru_cache(maxsize=4096)  # per sentence: a keystroke changes one sentence of a text
def mask_non_figures(text: str) -> str:
    """`text` with addresses, phone numbers, periods and dated years blanked out (same length)."""
    return _NOT_FIGURES.sub(lambda m: " " * len(m.group(0)), text)


def _unit(raw_unit: str | None) -> Unit:
    if not raw_unit:
        return "count"
    return "points" if "point" in raw_unit.lower() else "percent"


def find_figures(text: str) -> list[ProseFigure]:
    """Every figure in `text`, in order. Never raises, whatever the text."""
    return list(_figures(text))


@lru_cache(maxsize=1024)
def _figures(text: str) -> tuple[ProseFigure, ...]:
    # Kept per text: the checks look at each text three or four times (prose, arithmetic, style,
    # priorities) on every keystroke, and the masking regex was most of the model checks' time.
    found = []
    for offset, sentence in sentences(text):
        masked = mask_non_figures(sentence)
        for m in _NUMBER.finditer(masked):
            digits = m.group("num").replace(",", "")
            value = Decimal(digits + ("." + m.group("frac") if m.group("frac") else ""))
            q = _QUALIFIER.search(masked[: m.start()])
            found.append(ProseFigure(
                value=value,
                unit=_unit(m.group("unit")),
                raw=sentence[m.start():m.end()],
                start=offset + m.start(),
                end=offset + m.end(),
                qualifier=QUALIFIERS[q.group(1).lower()] if q else "",
                sentence=sentence.strip(),
                after=sentence[m.end():m.end() + 30],
            ))
    return tuple(found)
