"""The export floor: a bare reportlab render of the leaflet's text, with the same TTF fonts and images.

No design, no measuring, no checks: every string the leaflet prints (`model.leaflet.printed_sections`)
as an escaped Paragraph flowing through plain two-column A4 frames, and every photo the borough
and edition name, drawn at a leaflet-like size. What the real export costs beyond this is the project's.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageTemplate, Paragraph

from benchmarks.harness import ROOT
from model.edition import ImagePathError, resolve_image
from model.leaflet import printed_sections
from model.text import Paragraph as TextParagraph
from model.types import Borough, EditionContent

FONTS = ROOT / "resources" / "fonts"
FALLBACK_FONTS = Path("/usr/share/fonts/truetype/liberation2")
PHOTO_WIDTH = 45 * mm


def font_files() -> tuple[Path, Path]:
    """The regular and bold TTF the export ships (resources/fonts), else Liberation Sans as a stand-in."""
    for folder in (FONTS, FALLBACK_FONTS):
        ttfs = sorted(folder.glob("*.ttf"))
        regular = [p for p in ttfs if "regular" in p.stem.lower() and "sans" in p.stem.lower()] or \
                  [p for p in ttfs if "regular" in p.stem.lower()]
        bold = [p for p in ttfs if p.stem.lower().endswith("bold") and "sans" in p.stem.lower()] or \
               [p for p in ttfs if p.stem.lower().endswith("bold")]
        if regular and bold:
            return regular[0], bold[0]
    raise FileNotFoundError(f"no regular and bold TTF font in {FONTS} or {FALLBACK_FONTS}")


def _register() -> tuple[str, str]:
    names = []
    for path in font_files():
        name = f"floor-{path.stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        names.append(name)
    return names[0], names[1]


def photos(content: EditionContent, borough: Borough, folder: Path) -> list[Path]:
    """Every image the leaflet prints that exists on disk."""
    named = [content.deputy_mayor.photo, borough.commander.photo, *(i.photo for i in borough.initiatives)]
    found = []
    for relative in filter(None, named):
        try:
            path = resolve_image(folder, relative)
        except ImagePathError:
            continue
        if path.is_file():
            found.append(path)
    return found


def _image(path: Path) -> Image:
    image = Image(str(path))
    scale = PHOTO_WIDTH / image.imageWidth
    image.drawWidth, image.drawHeight = PHOTO_WIDTH, image.imageHeight * scale
    return image


def render_floor(content: EditionContent, borough: Borough, folder: Path) -> bytes:
    """PDF bytes of the leaflet's strings and photos in plain frames: the least any export must do."""
    regular, bold = _register()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11.5, spaceAfter=4, bulletFontName=regular)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=13, leading=16, spaceBefore=6, spaceAfter=4)
    story: list = []
    for section in printed_sections(content, borough):
        story += [Paragraph(escape(t), heading) for t in (section.heading, section.subheading) if t]
        for block in section.blocks:
            texts = [block.text] if isinstance(block, TextParagraph) else list(block.items)
            story += [Paragraph(escape(t), body) for t in texts]
    story += [_image(path) for path in photos(content, borough, folder)]
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4, title=content.title, author="benchmark floor", initialFontName=regular)
    width, height = A4
    margin, gap = 15 * mm, 6 * mm
    column = (width - 2 * margin - gap) / 2
    frames = [Frame(margin + i * (column + gap), margin, column, height - 2 * margin, id=f"c{i}") for i in (0, 1)]
    doc.addPageTemplates([PageTemplate("page", frames=frames)])
    doc.build(story)
    return out.getvalue()
