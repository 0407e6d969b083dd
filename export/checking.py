"""All findings for a borough: the model's checks merged with the layout checks measured here.

Layout is measured by the same code that lays out the PDF, so it lives in export/; this is the
one place the two are merged, used by `check`, the editor and the batch export alike.
"""

from __future__ import annotations

from pathlib import Path

from model.checks import check_borough, check_edition_content
from model.findings import Finding, sort_findings
from model.pull_quote import pull_quote_findings
from model.spelling_checks import check_borough as language_borough
from model.spelling_checks import check_edition as language_edition
from model.types import Borough, EditionContent


def layout_findings(content: EditionContent, borough: Borough, folder: Path | None) -> list[Finding]:
    """Sections that do not fit their place in the leaflet (filled in by the layout module).

    Never skipped: without reportlab the import fails and the command says how to install it,
    rather than reporting a clean leaflet whose overflow and photo checks never ran.
    """
    from export.layout import measure_findings

    found = measure_findings(content, borough, folder)
    assert found is not None  # measured, not only looked up
    return found


def known_layout_findings(content: EditionContent, borough: Borough, folder: Path | None) -> list[Finding] | None:
    """The layout findings of this very leaflet if it was measured already (a render or a check), else None."""
    from export.layout import measure_findings

    return measure_findings(content, borough, folder, known_only=True)


def borough_findings(content: EditionContent, borough: Borough, folder: Path | None, *,
                     layout: list[Finding] | None = None, suggest: bool = False) -> list[Finding]:
    """Model checks plus layout checks for one borough, sorted errors first.

    `layout`: the layout findings of a render just made (`render_leaflet(...).findings`), so a caller
    that renders anyway does not lay the leaflet out a second time. Spelling and plain English run
    with the edition `folder` only (its dictionary.txt); `suggest` puts spelling suggestions in the
    messages (slow: the command line asks for them, the editor shows them on right-click).
    """
    measured = layout_findings(content, borough, folder) if layout is None else layout
    language = [] if folder is None else language_borough(content, borough, folder, suggest=suggest)
    return sort_findings(check_borough(content, borough, folder) + pull_quote_findings(borough) + measured
                         + language)


def edition_findings(content: EditionContent, folder: Path | None = None, *, suggest: bool = False) -> list[Finding]:
    """Findings about edition.yaml itself (with its `folder`, spelling and plain English too)."""
    language = [] if folder is None else language_edition(content, folder, suggest=suggest)
    return sort_findings(check_edition_content(content) + language)
