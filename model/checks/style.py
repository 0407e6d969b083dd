"""House style of figures (GOV.UK style): separators, %, London numbers, "fewer", period labels."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from model.checks.figures import find_figures
from model.checks.phones import digits_of, format_uk
from model.findings import Finding
from model.types import EditionContent

_SPACE_PERCENT = re.compile(r"\d[\d,.]*\s+%")
# "less" before a counted plural noun: "140 less victims", "150 less homes", "nearly 700 less cars".
# Any plural noun counts, not a fixed list; uncountable nouns ending in s and words that are
# not nouns after "less" ("less serious", "less crime", "less than") are left alone.
_COUNT_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
                "seventy|eighty|ninety")
_LESS_COUNT = re.compile(
    r"\b(?:(?P<count>(?:\d[\d,]*|(?:a\s+)?(?:few|lot|many|hundred|thousand|dozen)\w*|" + _COUNT_WORDS + r")\s+less)"
    r"(?:\s+[a-z-]+){0,2}?|less(?:\s+(?:reported|recorded|stolen))?)\s+(?P<noun>[a-z]{3,}s)\b", re.I)
_UNCOUNTABLE_S = frozenset({
    "less", "loss", "business", "news", "progress", "success", "stress", "access", "awareness", "seriousness",
    "darkness", "illness", "ness", "fairness", "fitness", "harassness", "mess", "process", "this", "thus", "was",
    "has", "is", "as", "us", "its", "yes", "always", "perhaps", "across", "unless", "whereas", "nervous",
    "various", "previous", "serious", "obvious", "famous", "dangerous", "anxious", "generous", "numerous",
    "continuous", "conspicuous", "analysis", "crisis", "basis", "emphasis", "physics", "economics", "politics",
    "mathematics", "athletics", "gas", "glass", "grass", "class", "mass", "pass", "bus", "status", "focus",
    "bonus", "census", "campus", "virus", "chaos", "sometimes", "weapons-free",
})
_NUMBER_BEFORE = re.compile(r"(?:\d[\d,.]*|\b(?:[a-z]+-)?[a-z]+)\s*$", re.I)
# The ways a leaflet writes per cent: "12.7%", "12.7 per cent", "12.7 percent". House style is one of them
# throughout; on a tie the first of `PERCENT_FORMS` (GOV.UK style writes %).
_PERCENT_SPELLING = re.compile(r"(?<=\d)\s?(%)|\b(per\s+cent|percent)\b", re.I)
PERCENT_FORMS = ("%", "per cent", "percent")
_PHONE_IN_TEXT = re.compile(r"(?<![\d])(?:\+44\s?|0)\d{2,4}(?:[\s-]?\d{2,6}){1,3}(?!\d)")
# A hyphen or an en dash ("2009–10", as word processors turn "2009 - 10") is not house style.
_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s?([/\-\u2013])\s?(\d{2}|\d{4})\b")
_YEAR_LIKE = range(1900, 2100)
# Periods written short: "09/10" (Cumbria 2011), "2001/2" (Hackney 2012); house style is 2009/10.
_SHORT_PERIOD = re.compile(r"(?<![\d/.,£$])(?:(?P<yy>\d{2})/(?P<yy2>\d{2})|(?P<yyyy>(?:19|20)\d{2})/(?P<y>\d))(?![\d/]|[.,]\d)")


def _separators(path: str, text: str) -> list[Finding]:
    out = []
    for f in find_figures(text):
        bare = f.raw.split()[0].rstrip("%")
        if f.value >= 1000 and "," not in bare and not (f.unit == "count" and int(f.value) in _YEAR_LIKE):
            out.append(Finding(path, "warning", "style.thousands_separator",
                               f"write '{f.value:,}' with a thousands separator, not '{bare}'",
                               figure=f.raw, span=(f.start, f.end)))
    return out


def _spacing(path: str, text: str) -> list[Finding]:
    return [Finding(path, "warning", "style.space_before_percent",
                    f"no space before the % sign: write '{m.group(0).replace(' ', '')}'",
                    figure=m.group(0), span=(m.start(), m.end()))
            for m in _SPACE_PERCENT.finditer(text)]


def _fewer(path: str, text: str) -> list[Finding]:
    if "less" not in text.lower():
        return []
    return [Finding(path, "warning", "style.fewer", f"'{m.group(0)}': use 'fewer' for things you can count",
                    figure=m.group(0), span=(m.start(), m.end()))
            for m in _LESS_COUNT.finditer(text)
            if m.group("noun").lower() not in _UNCOUNTABLE_S and not m.group("noun").lower().endswith(("ss", "ous"))]


def _percent_form(m: re.Match[str]) -> str:
    return "%" if m.group(1) else re.sub(r"\s+", " ", m.group(2).lower())


def percent_forms(texts: Iterable[str]) -> Counter[str]:
    """How often each way of writing per cent is used in `texts` (a leaflet's fields)."""
    total: Counter[str] = Counter()
    for text in texts:
        total.update(_forms_in(text))
    return total


@lru_cache(maxsize=1024)  # per field: a keystroke changes one field of the leaflet
def _forms_in(text: str) -> Counter[str]:
    if "%" not in text and "cent" not in text.lower():
        return Counter()
    return Counter(_percent_form(m) for m in _PERCENT_SPELLING.finditer(text))


def _percent_spelling(path: str, text: str, leaflet: Counter[str] | None = None) -> list[Finding]:
    """"%", "per cent" and "percent" mixed in one text or one leaflet: the less used form is flagged.

    `leaflet` counts the forms over every field the leaflet prints (`percent_forms`); without it the
    text alone is the scope. A text that mixes forms is always reported; one that keeps to a form the
    rest of the leaflet does not use is reported too ("12.7 per cent" where the leaflet writes 10.4%).
    """
    if "%" not in text and "cent" not in text.lower():
        return []
    found = list(_PERCENT_SPELLING.finditer(text))
    mine = Counter(_percent_form(m) for m in found)
    scope = leaflet if leaflet is not None else mine
    if len(mine) == 0 or len(+scope) < 2:
        return []
    usual = max(PERCENT_FORMS, key=lambda form: (scope[form], -PERCENT_FORMS.index(form)))
    where = "elsewhere in this text" if usual in mine else "in the rest of the leaflet"
    out = []
    for m in found:
        form = _percent_form(m)
        if form == usual:
            continue
        # The finding points at the whole figure, "six percent", when a number stands before the word.
        number = _NUMBER_BEFORE.search(text, 0, m.start())
        start = number.start() if number else m.start()
        shown = text[start:m.end()]
        out.append(Finding(path, "warning", "style.percent_spelling",
                           f"'{shown}': '{m.group(0).strip()}' here but '{usual}' {where}; "
                           f"write '{usual}' throughout", figure=shown, span=(start, m.end())))
    return out


def phone_style(path: str, number: str) -> list[Finding]:
    """A London number must be grouped 020 xxxx xxxx (other numbers are left as written)."""
    digits = digits_of(number)
    expected = format_uk(digits)
    if expected and digits.startswith("020") and number.strip() != expected:
        return [Finding(path, "warning", "style.london_number",
                        f"write London numbers as 020 xxxx xxxx: '{number.strip()}' should be '{expected}'")]
    return []


def _phones(path: str, text: str) -> list[Finding]:
    return [dataclasses.replace(f, figure=m.group(0), span=(m.start(), m.end()))
            for m in _PHONE_IN_TEXT.finditer(text) for f in phone_style(path, m.group(0))]


# Words that make an earlier period a comparison or a baseline, not a slip from last year's text.
_COMPARISON = re.compile(r"\b(compar\w*|than|since|from|against|versus|vs|previous|last\s+year|peak\w*|baseline|"
                         r"between|levels?|same\s+period|on|over|to)\b", re.I)


def periods(path: str, text: str, content: EditionContent) -> list[Finding]:
    """Period labels look like the edition's own (2009/10) and name a period the leaflet covers.

    An earlier period is fine where the sentence compares with it ("compared with 2011/12",
    "since the 2006/07 peak"); "Our results for 2008/09" in a 2009/10 leaflet is not.
    """
    out: list[Finding] = []
    if "/" not in text and "-" not in text and "\u2013" not in text:
        return out
    for m in _SHORT_PERIOD.finditer(text):
        if m.group("yy"):
            first, second = int(m.group("yy")), int(m.group("yy2"))
            ok = (first + 1) % 100 == second
            start = 2000 + first if first < 50 else 1900 + first
        else:
            start = int(m.group("yyyy"))
            ok = (start + 1) % 10 == int(m.group("y"))
        if ok:
            out.append(Finding(path, "warning", "style.period_label",
                               f"write the period as '{start}/{(start + 1) % 100:02d}', not '{m.group(0)}'",
                               figure=m.group(0), span=(m.start(), m.end())))
    allowed = {content.period, content.next_period} - {""}
    for m in _PERIOD.finditer(text):
        start, sep, end = int(m.group(1)), m.group(2), m.group(3)
        span = int(end) - start if len(end) == 4 else (int(end) - start % 100) % 100
        if span != 1:
            continue  # a plan's years (2010/2013), not a one-year period label
        label = f"{start}/{(start + 1) % 100:02d}"
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        sentence_end = min((i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0), default=len(text))
        compared = bool(_COMPARISON.search(text[sentence_start:m.start()]) or
                        _COMPARISON.search(text[m.end():sentence_end]))
        if sep != "/" or len(end) == 4:
            out.append(Finding(path, "warning", "style.period_label",
                               f"write the period as '{label}', not '{m.group(0)}'",
                               figure=m.group(0), span=(m.start(), m.end())))
        elif allowed and label not in allowed and not (compared and label < min(allowed)):
            out.append(Finding(path, "warning", "style.period_label",
                               f"'{label}' is not this edition's period ({' or '.join(sorted(allowed))}); "
                               "is this text from another year?", figure=m.group(0), span=(m.start(), m.end())))
    return out


TEXT_STYLE_CHECKS = (_separators, _spacing, _fewer, _phones)


def check_text(path: str, text: str, content: EditionContent, leaflet: Counter[str] | None = None) -> list[Finding]:
    """House style of one field; `leaflet` counts the per cent forms of every field the leaflet prints."""
    out = [f for check in TEXT_STYLE_CHECKS for f in check(path, text)]
    return out + _percent_spelling(path, text, leaflet) + periods(path, text, content)
