"""Page geometry of the leaflet: the page plans, their frames, and the streams of sections that flow through them.

A leaflet is three streams of flowables (see `STREAMS`): the main text flowing through every page's two
columns in reading order, the commander's message in its pull-out box, and the emergency numbers in the
band on the last page. A page plan says which page carries the box and which the band; the box is as
tall as its content needs (up to `BOX_MAX` of the page), and the columns take what is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.platypus import Frame

PAGE_SIZES = {"A4": A4, "A5": A5}
BLEED = 3 * mm
CROP_BORDER = 36.0  # room outside the trim for crop marks (reportlab's default border)

# Stream name → its sections in reading order (the seed's order). The main stream flows through the
# columns ("col1", "col2") of every page; "box" and "band" through the frames of those names.
STREAMS: dict[str, tuple[str, ...]] = {
    "main": ("deputy_mayor", "met_forward", "mpa_work", "looking_back", "initiatives", "results",
             "looking_forward", "have_your_say", "cpegs", "contacts"),
    "box": ("commander",),
    "band": ("emergency",),
}
SECTION_STREAM = {key: stream for stream, keys in STREAMS.items() for key in keys}
COLUMNS = ("col1", "col2")
BOX_MAX = 0.62  # the commander's box takes at most this share of its page's text height
BOX_GAP = 6 * mm  # between the box and the columns (scaled with the page)


@dataclass(frozen=True)
class PageSpec:
    """One page of a plan: the title band, the commander's box (above or below the columns), the emergency band."""

    title: bool = False
    box: bool = False
    box_below: bool = False
    band: bool = False
    box_max: float = BOX_MAX  # the share of the text height the box may take on this page


PLANS: dict[int, tuple[PageSpec, ...]] = {
    4: (PageSpec(title=True), PageSpec(box=True, box_below=True), PageSpec(), PageSpec(band=True)),
    8: (  # an A5 booklet: single pages in reading order
        PageSpec(title=True), PageSpec(), PageSpec(), PageSpec(box=True, box_max=1.0),
        PageSpec(), PageSpec(), PageSpec(), PageSpec(band=True),
    ),
}


def plan(pages: int) -> tuple[PageSpec, ...]:
    """The design for `pages` pages; the 4-page one when there is none (reported by the layout check)."""
    return PLANS.get(pages, PLANS[4])


@dataclass(frozen=True)
class Geometry:
    """Sizes derived from the page size, so A4 and A5 share one design."""

    width: float
    height: float

    @property
    def unit(self) -> float:  # 1 on A4, ~0.71 on A5
        return self.width / float(A4[0])

    @property
    def margin(self) -> float:
        return 14 * float(mm) * self.unit

    @property
    def gutter(self) -> float:
        return 7 * float(mm) * self.unit

    @property
    def footer(self) -> float:
        return 12 * float(mm) * self.unit

    @property
    def title_band(self) -> float:
        return 58 * float(mm) * self.unit

    @property
    def band_height(self) -> float:
        return 26 * float(mm)  # not scaled: the emergency numbers keep their size on A5

    @property
    def box_pad(self) -> float:
        return 5 * float(mm) * self.unit

    @property
    def col_width(self) -> float:
        return (self.width - 2 * self.margin - self.gutter) / 2

    @property
    def box_width(self) -> float:
        """The width the box's content is set in (inside its padding)."""
        return self.width - 2 * self.margin - 2 * self.box_pad


def geometry(page_size: str) -> Geometry:
    w, h = PAGE_SIZES.get(page_size, A4)
    return Geometry(w, h)


def _frame(name: str, x: float, y: float, w: float, h: float, pad: float = 0) -> Frame:
    return Frame(x, y, w, h, leftPadding=pad, rightPadding=pad, topPadding=pad, bottomPadding=pad, id=name,
                 showBoundary=0)


def text_area(g: Geometry, spec: PageSpec) -> tuple[float, float]:
    """(bottom, top) of the page's text area: inside the margins, under the title band, over the emergency band."""
    m = g.margin
    bottom = m + g.footer * 0.4
    top = g.height - m
    if spec.title:
        top = g.height - g.title_band - 6 * mm * g.unit
    if spec.band:
        bottom = 8 * mm * g.unit + g.band_height + 6 * mm * g.unit
    return bottom, top


def box_limit(g: Geometry, spec: PageSpec) -> float:
    """The tallest the commander's box may grow on this page (outer height, padding included)."""
    bottom, top = text_area(g, spec)
    return (top - bottom) * spec.box_max


def page_frames(g: Geometry, spec: PageSpec, box_height: float = 0.0) -> dict[str, Frame]:
    """The frames of one page by name, in reading order; fresh objects each call (frames hold state).

    `box_height`: the outer height of the commander's box on this page (0 on a page without one).
    """
    m, gut = g.margin, g.gutter
    bottom, top = text_area(g, spec)
    frames: dict[str, Frame] = {}
    box = None
    if spec.box and box_height > 0:
        y = bottom if spec.box_below else top - box_height
        box = _frame("box", m, y, g.width - 2 * m, box_height, pad=g.box_pad)
        if spec.box_below:
            bottom += box_height + BOX_GAP * g.unit
        else:
            top -= box_height + BOX_GAP * g.unit
    if box is not None and not spec.box_below:
        frames["box"] = box
    if top - bottom > 20 * mm * g.unit:
        frames["col1"] = _frame("col1", m, bottom, g.col_width, top - bottom)
        frames["col2"] = _frame("col2", m + g.col_width + gut, bottom, g.col_width, top - bottom)
    if box is not None and spec.box_below:
        frames["box"] = box
    if spec.band:  # frames in reading order: the PDF's text comes out in this order too
        frames["band"] = _frame("band", m, 8 * mm * g.unit, g.width - 2 * m, g.band_height, pad=6 * mm * g.unit)
    return frames
