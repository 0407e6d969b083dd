"""Finding the figures in free text: numbers, percentages and percentage points, with qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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
    | \b(?:19|20)\d{2}\s?[-\u2013]\s?(?:19|20)?\d{2}\b  # periods with a dash: 2005-06, 2008 - 2009
    | \b(?:19|20)\d{2}\s+to\s+(?:19|20)\d{2}\b     # "2006 to 2007"
    | (?<![\d,.])(?:\+44\s?|0)\d{2,4}(?:[\s-]?\d{2,6}){1,3}(?!\d)(?![.,]\d)  # phone numbers
    | \b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b
    | \b(?:in|since|by|until|from|to|between|and|of|during|before|after)\s+(?:19|20)\d{2}
      (?:\s?[/\-\u2013]\s?(?:19|20)?\d{2})?\b(?![,.]\d)  # dated years, and a period after them: In 2009-10
    | (?<![\d,.])999(?![\d]|[.,]\d)  # the emergency number, not the end of 1,999
    """,
    re.VERBOSE | re.IGNORECASE,
)
_UNIT = r"(?P<unit>\s?%|\s*per\s?cent\b|\s*pc\b|\s*percentage[\s-]points?\b|\s*points?\b(?=\s+(?:higher|lower|above|below|gap|more|less|up|down)))?"
_NUMBER = re.compile(
    r"(?<![\w.,/])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?![\w/]|[.,]\d)" + _UNIT,
    re.IGNORECASE,
)
# Numbers written in words count as figures when a unit or a counted comparison follows them
# ("six per cent", "twenty fewer burglaries"); alone ("six dangerous dogs") they are left to readers.
_UNITS_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS_WORDS = {w: 10 * (i + 2) for i, w in enumerate(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}
# Between the numbers of a list that shares one unit: "33, 25 and 22 per cent", "six and five per cent".
_LIST_SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
_LIST_GAP = re.compile(_LIST_SEPARATOR, re.IGNORECASE)
_WORD_NUMBER = re.compile(
    r"(?<![\w-])(?P<words>(?:" + "|".join(_TENS_WORDS) + r")(?:[\s-](?:" + "|".join(list(_UNITS_WORDS)[1:10]) + r"))?"
    r"|" + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True)) + r")(?![\w-])"
    r"(?P<unit>\s*per\s?cent\b|\s?%|\s*percentage[\s-]points?\b|(?=\s+(?:fewer|more|less)\b)"
    r"|(?P<head>(?=" + _LIST_SEPARATOR + r"(?:\d|(?:" + "|".join(list(_TENS_WORDS) + list(_UNITS_WORDS)) + r")\b))))",
    re.IGNORECASE,
)
# Fractions and multiples stand for a percentage change or share, roughly: "a third", "halved".
FRACTIONS: dict[str, tuple[Decimal, Unit]] = {
    "a half": (Decimal(50), "percent"), "half": (Decimal(50), "percent"), "halved": (Decimal(50), "percent"),
    "a third": (Decimal("33.3"), "percent"), "one third": (Decimal("33.3"), "percent"),
    "two thirds": (Decimal("66.7"), "percent"), "two-thirds": (Decimal("66.7"), "percent"),
    "a quarter": (Decimal(25), "percent"), "one quarter": (Decimal(25), "percent"),
    "three quarters": (Decimal(75), "percent"), "three-quarters": (Decimal(75), "percent"),
    "a fifth": (Decimal(20), "percent"), "one fifth": (Decimal(20), "percent"),
    "doubled": (Decimal(100), "percent"), "trebled": (Decimal(200), "percent"), "tripled": (Decimal(200), "percent"),
}
_FRACTION = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, FRACTIONS), key=len, reverse=True))
                       + r")(?![\w-])(?!\s+(?:an?\s+)?(?:hour|day|week|month|year|mile|century|time|term|dozen))",
                       re.IGNORECASE)
QUALIFIERS: dict[str, str] = {
    "more than": "more_than", "over": "more_than", "just over": "more_than", "well over": "more_than",
    "a little over": "more_than", "just above": "more_than", "almost exactly": "", "above": "more_than", "in excess of": "more_than",
    "nearly": "nearly", "almost": "nearly", "just under": "nearly", "close to": "nearly",
    "around": "around", "about": "around", "approximately": "around", "roughly": "around", "some": "around",
    "up to": "up_to", "at most": "up_to", "no more than": "up_to",
    "less than": "less_than", "under": "less_than", "just below": "less_than", "fewer than": "less_than", "below": "less_than",
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
    sentence_start: int = 0  # offset of `sentence` (stripped) in the text
    words: bool = False  # written in words or as a fraction ("six per cent", "a third", "halved")

    @property
    def decimals(self) -> int:
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def sentences(text: str) -> list[tuple[int, str]]:
    """(start offset, sentence) for each sentence or bullet of `text`."""
    return list(_sentences(text))


@lru_cache(maxsize=1024)
def _sentences(text: str) -> tuple[tuple[int, str], ...]:
    out = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos:m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return tuple((s, t) for s, t in out if t.strip())


@lru_cache(maxsize=4096)  # per sentence: a keystroke changes one sentence of a text
def mask_non_figures(text: str) -> str:
    """`text` with addresses, phone numbers, periods and dated years blanked out (same length)."""
    return _NOT_FIGURES.sub(lambda m: " " * len(m.group(0)), text)


def _unit(raw_unit: str | None) -> Unit:
    if not raw_unit:
        return "count"
    return "points" if "point" in raw_unit.lower() else "percent"


def _word_value(words: str) -> int:
    total = 0
    for part in re.split(r"[\s-]+", words.lower()):
        total += _TENS_WORDS.get(part, 0) + _UNITS_WORDS.get(part, 0)
    return total


def find_figures(text: str) -> list[ProseFigure]:
    """Every figure in `text`, in order. Never raises, whatever the text."""
    return list(_figures(text))


@lru_cache(maxsize=1024)
def _figures(text: str) -> tuple[ProseFigure, ...]:
    # Kept per text: the checks look at each text three or four times (prose, arithmetic, style,
    # priorities) on every keystroke, and the masking regex was most of the model checks' time.
    found: list[ProseFigure] = []
    for offset, sentence in sentences(text):
        masked = mask_non_figures(sentence)
        lead = len(sentence) - len(sentence.lstrip())
        mine: list[ProseFigure] = []
        heads: set[int] = set()  # word numbers kept only if they head a list that ends in a percentage
        for m in _WORD_NUMBER.finditer(masked):
            if m.group("head") is not None:
                heads.add(offset + m.start())
            q = _QUALIFIER.search(masked[: m.start()])
            mine.append(ProseFigure(
                value=Decimal(_word_value(m.group("words"))), unit=_unit(m.group("unit")),
                raw=sentence[m.start():m.end()].rstrip(), start=offset + m.start(), end=offset + m.end(),
                qualifier=QUALIFIERS[q.group(1).lower()] if q else "", sentence=sentence.strip(),
                after=sentence[m.end():m.end() + 30], sentence_start=offset + lead, words=True))
        for m in _FRACTION.finditer(masked):
            value, unit = FRACTIONS[m.group(1).lower()]
            q = _QUALIFIER.search(masked[: m.start()])  # "nearly a fifth": below the fraction, not either side
            nearly = q is not None and QUALIFIERS[q.group(1).lower()] == "nearly"
            mine.append(ProseFigure(
                value=value, unit=unit, raw=sentence[m.start():m.end()], start=offset + m.start(),
                end=offset + m.end(), qualifier="nearly_fraction" if nearly else "fraction", sentence=sentence.strip(),
                after=sentence[m.end():m.end() + 30], sentence_start=offset + lead, words=True))
        for m in _NUMBER.finditer(masked):
            digits = m.group("num").replace(",", "")
            value = Decimal(digits + ("." + m.group("frac") if m.group("frac") else ""))
            q = _QUALIFIER.search(masked[: m.start()])
            mine.append(ProseFigure(
                value=value,
                unit=_unit(m.group("unit")),
                raw=sentence[m.start():m.end()],
                start=offset + m.start(),
                end=offset + m.end(),
                qualifier=QUALIFIERS[q.group(1).lower()] if q else "",
                sentence=sentence.strip(),
                after=sentence[m.end():m.end() + 30],
                sentence_start=offset + lead,
            ))
        found.extend(_share_list_units(sorted(mine, key=lambda f: f.start), sentence, offset, heads))
    return tuple(sorted(found, key=lambda f: f.start))


def _share_list_units(figures: list[ProseFigure], sentence: str, offset: int, heads: set[int]) -> list[ProseFigure]:
    """A list of numbers ending in a percentage shares its unit: "by six and five per cent respectively"
    (Hounslow 2013), "33, 25 and 22 per cent" (Camden 2009). A word number that heads no such list is
    not a figure ("six and seven year olds")."""
    out: list[ProseFigure] = []
    following: ProseFigure | None = None
    for figure in reversed(figures):
        f = figure
        gap = sentence[f.end - offset:following.start - offset] if following is not None else ""
        if (following is not None and following.unit == "percent" and f.unit == "count" and f.value < 1000
                and "," not in f.raw and _LIST_GAP.fullmatch(gap)):
            f = replace(f, unit="percent")
        elif f.start in heads:
            following = f
            continue  # a word number heading no list of percentages
        out.append(f)
        following = f
    return out[::-1]
