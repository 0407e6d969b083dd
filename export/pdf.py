"""The leaflet as PDF bytes: screen (RGB, links) or print (CMYK, 3 mm bleed, crop marks, Trim/BleedBox)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, FrameBreak, NextPageTemplate, PageBreak, PageTemplate

from export.draft_mark import draw_draft_mark
from export.fonts import BOLD, REGULAR, register_fonts
from export.images import Photo, PhotoReader
from export.layout import Placement, lay_out
from export.markup import _strip_missing, typeset
from export.pages import BLEED, CROP_BORDER, Geometry, PageSpec, geometry, page_frames, plan
from export.print_file import finish_print_pdf
from export.reversed_type import reversed_font
from export.styles import MIN_SIZE, Palette, palette
from export.subset_tags import distinct_subset_tags
from model import leaflet, review
from model.findings import Finding
from model.types import Borough, EditionContent

# Binary streams: ASCII85 (reportlab's default) is pure Python here and made photos a third of the
# export time and 25% bigger.
rl_config.useA85 = 0


@dataclass
class Rendered:
    """The PDF, what the layout check found while making it, and the page of each section."""

    pdf: bytes
    findings: list[Finding] = field(default_factory=list)
    section_pages: dict[str, int] = field(default_factory=dict)
    draft: bool = False  # a print PDF marked "DRAFT — not approved" (slug and metadata)


class _Leaflet(BaseDocTemplate):
    """Adds a bookmark for every heading flowable that carries one."""

    def afterFlowable(self, flowable: Flowable) -> None:
        title = getattr(flowable, "_bookmark", None)
        if title:
            key = f"s{self.seq.nextf('bookmark')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(plain_text(title), key, level=0)


def _masthead(canv: Canvas, content: EditionContent, borough: Borough, g: Geometry, pal: Palette,
              logos: list[Photo], print_pdf: bool) -> None:
    """The title band's words and marks: edition title and period, borough, strapline, up to two logos at the right."""
    m = g.margin
    right = g.width - m
    logo_h = 20 * mm * g.unit
    for photo in reversed(logos[:2]):
        w = logo_h * photo.width / photo.height
        canv.drawImage(PhotoReader(photo), right - w, g.height - 12 * mm * g.unit - logo_h, w, logo_h)
        right -= w + 4 * mm * g.unit
    canv.setFillColor(pal.white)
    canv.setFont(*reversed_font(REGULAR, 13 * g.unit, print_pdf=print_pdf))
    canv.drawString(m, g.height - 16 * mm * g.unit, plain_text(f"{content.title} {content.period}".strip()))
    canv.setFont(*reversed_font(BOLD, 34 * g.unit, print_pdf=print_pdf))
    canv.drawString(m, g.height - 33 * mm * g.unit, plain_text(borough.borough))
    canv.setFont(*reversed_font(REGULAR, 10.5 * g.unit, print_pdf=print_pdf))
    canv.drawString(m, g.height - 44 * mm * g.unit, plain_text(content.strapline))


def plain_text(text: str) -> str:
    """Text drawn straight on the canvas: typeset, without characters the font lacks."""
    return typeset(_strip_missing(text))


def _furniture(content: EditionContent, borough: Borough, g: Geometry, specs: tuple[PageSpec, ...], pal: Palette,
               bleed: float, placement: Placement, logos: list[Photo],
               draft: bool = False) -> Callable[[Canvas, object], None]:
    """The onPage callback: backgrounds (into the bleed), masthead, pull-out box, footer, DRAFT mark."""
    title = plain_text(leaflet.title(content, borough))
    print_pdf = bleed > 0

    def on_page(canv: Canvas, doc: object) -> None:
        page = canv.getPageNumber() - 1
        spec = specs[page]
        frames = page_frames(g, spec, placement.box_heights[page])
        canv.saveState()
        m = g.margin
        if spec.title:
            canv.setFillColor(pal.navy)
            canv.rect(-bleed, g.height - g.title_band, g.width + 2 * bleed, g.title_band + bleed, stroke=0, fill=1)
            canv.setFillColor(pal.blue)
            canv.rect(-bleed, g.height - g.title_band - 2.2 * mm, g.width + 2 * bleed, 2.2 * mm, stroke=0, fill=1)
            _masthead(canv, content, borough, g, pal, logos, print_pdf)
            canv.bookmarkPage("title")
            canv.addOutlineEntry(title, "title", level=0)
        else:
            canv.setFillColor(pal.navy)
            canv.rect(-bleed, g.height - 5 * mm * g.unit, g.width + 2 * bleed, 5 * mm * g.unit + bleed,
                      stroke=0, fill=1)
        box = frames.get("box")
        if box is not None:
            canv.setFillColor(pal.pale)
            canv.roundRect(box._x1, box._y1, box._width, box._height, 3 * mm, stroke=0, fill=1)
            canv.setFillColor(pal.blue)
            canv.rect(box._x1, box._y1, 1.6 * mm, box._height, stroke=0, fill=1)
        if spec.band:
            band = frames["band"]
            canv.setFillColor(pal.navy)
            canv.rect(-bleed, -bleed, g.width + 2 * bleed, band._y1 + band._height + bleed, stroke=0, fill=1)
        else:
            canv.setFillColor(pal.muted)
            canv.setFont(REGULAR, max(MIN_SIZE, 7.5 * g.unit))
            canv.drawString(m, m * 0.55, title + (f" {content.period}" if content.period else ""))
            canv.drawRightString(g.width - m, m * 0.55, f"{page + 1}")
        if draft:
            draw_draft_mark(canv, g.width, g.height)
        canv.restoreState()

    return on_page


def _cut_marks(g: Geometry, specs: tuple[PageSpec, ...], pal: Palette,
               placement: Placement) -> Callable[[Canvas, object], None]:
    """The onPageEnd callback: a red "continues — N words cut" label where cut text stops (the preview shows it;
    the export never writes such a PDF)."""

    def on_page_end(canv: Canvas, doc: object) -> None:
        page = canv.getPageNumber() - 1
        for cut in placement.cuts:
            if cut.page != page:
                continue
            frame = page_frames(g, specs[page], placement.box_heights[page]).get(cut.frame)
            if frame is None:
                continue
            label = f"continues \u2014 {cut.words} word{'s' if cut.words != 1 else ''} cut"
            size = 8.0
            w = stringWidth(label, BOLD, size) + 8
            # under the last line, in the space below the text: the text itself stays readable
            x, y = frame._x1 + frame._width - w - frame._rightPadding, frame._y1p - size - 7
            canv.saveState()
            canv.setFillColor(pal.missed)
            canv.rect(x, y, w, size + 5, stroke=0, fill=1)
            canv.setStrokeColor(pal.missed)
            canv.setLineWidth(1.2)
            canv.line(frame._x1 + frame._leftPadding, y + size + 5, frame._x1 + frame._width - frame._rightPadding,
                      y + size + 5)
            canv.setFillColor(pal.white)
            canv.setFont(BOLD, size)
            canv.drawString(x + 4, y + 3.5, label)
            canv.restoreState()

    return on_page_end


def _story(pages: list[dict[str, list[Flowable]]]) -> list[Flowable]:
    story: list[Flowable] = []
    for number, page in enumerate(pages):
        if number:
            story += [NextPageTemplate(f"p{number}"), PageBreak()]
        names = list(page)
        for i, name in enumerate(names):
            story += page[name]
            if i < len(names) - 1:
                story.append(FrameBreak())
    return story


def _doc(buffer: io.BytesIO, content: EditionContent, borough: Borough, g: Geometry, print_pdf: bool,
         invariant: bool, placement: Placement, logos: list[Photo], draft: bool = False) -> _Leaflet:
    pal = palette(print_pdf)
    bleed = BLEED if print_pdf else 0.0
    specs = plan(content.layout.pages)
    on_page = _furniture(content, borough, g, specs, pal, bleed, placement, logos, draft)
    on_page_end = _cut_marks(g, specs, pal, placement)
    templates = [PageTemplate(id=f"p{n}", frames=list(page_frames(g, spec, placement.box_heights[n]).values()),
                              onPage=on_page, onPageEnd=on_page_end)
                 for n, spec in enumerate(specs)]
    extra: dict[str, object] = {}
    if print_pdf:
        b = CROP_BORDER
        extra = {"cropMarks": _CropMarks(), "enforceColorSpace": "cmyk",
                 "trimBox": (b, b, b + g.width, b + g.height),
                 "bleedBox": (b - BLEED, b - BLEED, b + g.width + BLEED, b + g.height + BLEED)}
    return _Leaflet(buffer, pagesize=(g.width, g.height), pageTemplates=templates, initialFontName=REGULAR,
                    title=leaflet.title(content, borough), author="Metropolitan Police Authority",
                    subject=f"{content.title} {content.period}: {borough.borough}".strip(),
                    lang="en-GB", displayDocTitle=True, invariant=int(invariant),
                    leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0, **extra)


class _CropMarks:
    """Crop marks 18 pt long in the 36 pt border, outside the 3 mm bleed, in 100% K."""

    borderWidth = CROP_BORDER
    markLength = 18
    markWidth = 0.3
    markColor = CMYKColor(0, 0, 0, 1, alpha=None)  # no alpha: no transparency state in a PDF/X file
    bleedWidth = 0
    markLast = 1


def _unapproved(content: EditionContent, borough: Borough, folder: Path | None) -> bool:
    return folder is None or review.approval_state(content, borough, folder).kind != "current"


def render_leaflet(content: EditionContent, borough: Borough, folder: Path | None, *,
                   print_pdf: bool = False, invariant: bool = False, draft: bool | None = None) -> Rendered:
    """Lay out and draw the leaflet; findings say what did not fit or could not be printed.

    A print PDF is finished as PDF/X-4-shaped (`export.print_file`) and, when `draft` (by default:
    when the leaflet has no current approval), marked "DRAFT — not approved" in its slug and metadata.
    """
    register_fonts()
    placement, findings = lay_out(content, borough, folder, print_pdf=print_pdf)
    draft = print_pdf and (_unapproved(content, borough, folder) if draft is None else draft)
    g = geometry(content.layout.page_size)
    buffer = io.BytesIO()
    doc = _doc(buffer, content, borough, g, print_pdf, invariant, placement, placement.logos, draft)
    # The document's own digest seeds the font subset tags: distinct between files, same for the same file.
    with distinct_subset_tags(_digest(content, borough, print_pdf, draft)):
        doc.build(_story(placement.pages))
    if doc.page != len(placement.pages):  # the measurement and the build disagreed: say so, don't ship it quietly
        findings.append(Finding("layout", "error", "layout.pages_built",
                                f"the PDF came out at {doc.page} pages instead of {len(placement.pages)}"))
    pages = dict(placement.section_pages)
    pages.update({"title": 0, "non_emergency": pages.get("emergency", 0)})
    pdf = finish_print_pdf(buffer.getvalue(), draft=draft) if print_pdf else buffer.getvalue()
    return Rendered(pdf, findings, pages, draft)


def _digest(*parts: object) -> bytes:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def final_pdf(rendered: Rendered, content: EditionContent, borough: Borough, folder: Path | None, *,
              print_pdf: bool, overridden: bool) -> bytes:
    """The PDF to write after the export gate: a print PDF whose gate was overridden (`--force`) is a
    draft even when approved (e.g. approved, but with errors since), so it is redrawn with the mark."""
    if not print_pdf or not overridden or rendered.draft:
        return rendered.pdf
    return render_leaflet(content, borough, folder, print_pdf=True, draft=True).pdf
