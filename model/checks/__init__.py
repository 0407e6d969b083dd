"""The figure checks: pure functions from a document to a list of findings (see docs/checks.md)."""

from __future__ import annotations

from model.findings import Finding
from model.types import Borough, EditionContent


def check_borough(content: EditionContent, borough: Borough) -> list[Finding]:
    """Every model-level finding about one borough's file (results, prose, style, contacts...)."""
    return []


def check_edition_content(content: EditionContent) -> list[Finding]:
    """Findings about the pan-London edition.yaml on its own (its prose, contacts, periods)."""
    return []
