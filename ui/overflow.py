"""Text that does not fit, in words a writer can act on: "about 40 words too long".

The layout check (export/layout.py) reports a `layout.overflow` finding per section. Where it says
how many words are cut ("the last 42 words of …") that count is used as it is; where it counts lines,
the lines are turned into words at the leaflet's measure (column width over the width of an average
word and its space in the body font, about 2.9 em), rounded to a writer's "about".
"""

from __future__ import annotations

import math
import re
from functools import cache

from model.findings import Finding

_WORDS = re.compile(r"(?:the last|by) (\d+) words?")
_LINES = re.compile(r"(\d+) lines? too long")
SECTION_NAMES = {"commander": "The commander's message", "initiatives": "Local initiatives", "results": "The results",
                 "looking_forward": "The priorities", "contacts": "The contacts"}


@cache
def words_per_line() -> float:
    """How many words the body text sets on one line of a column."""
    from export.layout import col_width
    from export.styles import styles

    return max(1.0, col_width("A4") / (styles(False)["body"].fontSize * 2.9))


def words_over(finding: Finding) -> int:
    """The words a `layout.overflow` finding says do not fit (at least 1)."""
    found = _WORDS.search(finding.message)
    if found:
        return max(1, int(found.group(1)))
    lines = _LINES.search(finding.message)
    return max(1, math.ceil(int(lines.group(1)) * words_per_line()) if lines else 1)


def about(words: int) -> int:
    """A writer's round number: exact below 10, then to the nearest 5."""
    return words if words < 10 else int(5 * round(words / 5))


def overflow_words(findings: list[Finding], section: str) -> int:
    """How many words too long `section` is (0 = it fits)."""
    return sum(words_over(f) for f in findings if f.code == "layout.overflow" and f.path == section)


def meter_text(words: int) -> str:
    return f"⚠ About {about(words)} word{'s' if about(words) != 1 else ''} too long" if words else "✓ Fits"


def cut_notes(findings: list[Finding]) -> list[str]:
    """One line per section that is cut, for the mark over the preview."""
    out = []
    for f in findings:
        if f.code == "layout.overflow":
            name = SECTION_NAMES.get(f.path.split(".")[0].split("[")[0], f.path or "Some text")
            n = about(words_over(f))
            out.append(f"✂ {name} is cut here: about {n} word{'s' if n != 1 else ''} do not fit and are "
                       "not printed")
    return out
