"""Photos: every photo the leaflet prints needs alternative text for the web edition (WCAG 1.1.1)."""

from __future__ import annotations

from model.findings import Finding
from model.types import Borough, EditionContent


def _alt_missing(path: str, photo: str, alt: str, what: str) -> list[Finding]:
    if not photo.strip() or alt.strip():
        return []
    return [Finding(path, "error", "photo.alt_missing",
                    f"the {what} has no alternative text; describe what it shows in a sentence "
                    "(read aloud by screen readers on the web edition)")]


def check(_content: EditionContent, borough: Borough) -> list[Finding]:
    """`photo.alt_missing` for the commander's photo and each initiative's photo without alt text."""
    out = _alt_missing("commander.alt", borough.commander.photo, borough.commander.alt, "commander's photo")
    for i, initiative in enumerate(borough.initiatives):
        out += _alt_missing(f"initiatives[{i}].alt", initiative.photo, initiative.alt,
                            f"photo of initiative {i + 1}" + (f" ({initiative.title})" if initiative.title else ""))
    return out
