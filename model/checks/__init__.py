"""The figure checks: pure functions from a document to a list of findings (see docs/checks.md)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from model.catalogue import load_catalogue
from model.checks import contacts, photos, priorities, prose, results, review, style
from model.findings import Finding
from model.types import Borough, EditionContent

BoroughCheck = Callable[[EditionContent, Borough], list[Finding]]


def _borough_style(content: EditionContent, borough: Borough) -> list[Finding]:
    texts = prose.borough_texts(borough)
    # One way of writing per cent across the leaflet, whose pan-London texts the borough's share a page with.
    forms = style.percent_forms(text for _path, text in texts + prose.edition_texts(content))
    return [f for path, text in texts for f in style.check_text(path, text, content, forms)]


# Each check takes the edition's shared content and one borough; add a check with one line here.
BOROUGH_CHECKS: list[BoroughCheck] = [
    lambda content, borough: results.check(borough, load_catalogue(content)),
    lambda content, borough: prose.check_borough(borough, content),
    _borough_style,
    lambda content, borough: priorities.check(borough, load_catalogue(content)),
    lambda _content, borough: contacts.check_list("contacts", borough.contacts),
    photos.check,
]


def check_borough(content: EditionContent, borough: Borough, folder: Path | None = None) -> list[Finding]:
    """Every model-level finding about one borough's file (results, prose, style, contacts...).

    With the edition `folder`, also the review checks (an approval covers the photo files too).
    """
    found = [f for check in BOROUGH_CHECKS for f in check(content, borough)]
    return found if folder is None else found + review.check(content, borough, folder)


def _edition_periods(content: EditionContent) -> list[Finding]:
    out = []
    m = re.fullmatch(r"((?:19|20)\d{2})/(\d{2})", content.period)
    if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
        out.append(Finding("period", "error", "edition.period_invalid",
                           f"the period must look like 2009/10; found '{content.period}'"))
    elif content.next_period != f"{int(m.group(1)) + 1}/{(int(m.group(1)) + 2) % 100:02d}":
        out.append(Finding("next_period", "error", "edition.period_invalid",
                           f"next_period should be the year after {content.period}; found '{content.next_period}'"))
    return out


def check_edition_content(content: EditionContent) -> list[Finding]:
    """Findings about the pan-London edition.yaml on its own (its prose, contacts, periods)."""
    out = _edition_periods(content) + prose.check_edition(content) + contacts.check_edition(content)
    texts = prose.edition_texts(content)
    forms = style.percent_forms(text for _path, text in texts)
    return out + [f for path, text in texts for f in style.check_text(path, text, content, forms)]
