"""The leaflet's embedded fonts (Liberation Sans, OFL, shipped in resources/fonts) and glyph coverage."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "LeafletSans", "LeafletSans-Bold", "LeafletSans-Italic", "LeafletSans-BoldItalic"
_FILES = {
    REGULAR: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    ITALIC: "LiberationSans-Italic.ttf",
    BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}


@cache
def register_fonts() -> str:
    """Register the TTFs once per process; returns the regular face's name."""
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR


@cache
def _covered() -> frozenset[str]:
    register_fonts()
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in _FILES]
    return frozenset(chr(code) for code in set.intersection(*maps)) | frozenset("\n\r\t")


def missing_glyphs(text: str) -> list[str]:
    """The distinct printable characters of `text` that the leaflet font cannot draw, in order."""
    missing = set(text) - _covered()  # a set difference: this runs for every field on every keystroke
    return sorted(missing, key=text.index) if missing else []
