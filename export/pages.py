"""Page geometry of the leaflet: which sections go on which page, in which frames, and the page furniture."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.platypus import Frame

PAGE_SIZES = {"A4": A4, "A5": A5}
BLEED = 3 * mm
CROP_BORDER = 36.0  # room outside the trim for crop marks (reportlab's default border)

Region = tuple[tuple[str, ...], tuple[str, ...]]  # (frame names, section keys flowing through them)


@dataclass(frozen=True)
class PageSpec:
    """One page of the design: its regions in reading order and its furniture.

    `box` is the commander's pull-out box as a share of the page's text height (0: none).
    """

    regions: tuple[Region, ...]
    title: bool = False
    box: float = 0.0
    band: bool = False
    box_below: bool = False  # the box under the columns instead of above them


_COLS = ("col1", "col2")
PLANS: dict[int, tuple[PageSpec, ...]] = {
    4: (
        PageSpec(((_COLS, ("deputy_mayor", "met_forward")),), title=True),
        PageSpec(((("col1",), ("mpa_work",)), (("col2",), ("looking_back",)), (("box",), ("commander",))),
                 box=0.40, box_below=True),
        PageSpec(((("col1",), ("initiatives",)), (("col2",), ("results", "looking_forward")))),
        PageSpec(((_COLS, ("have_your_say", "cpegs", "contacts")), (("band",), ("emergency",))), band=True),
    ),
    8: (  # an A5 booklet: single pages in reading order
        PageSpec(((_COLS, ("deputy_mayor",)),), title=True),
        PageSpec(((_COLS, ("met_forward",)),)),
        PageSpec(((_COLS, ("mpa_work", "looking_back")),)),
        PageSpec(((("box",), ("commander",)),), box=1.0),
        PageSpec(((_COLS, ("initiatives",)),)),
        PageSpec(((_COLS, ("results", "looking_forward")),)),
        PageSpec(((_COLS, ("have_your_say", "cpegs")),)),
        PageSpec(((_COLS, ("contacts",)), (("band",), ("emergency",))), band=True),
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


def geometry(page_size: str) -> Geometry:
    w, h = PAGE_SIZES.get(page_size, A4)
    return Geometry(w, h)


def _frame(name: str, x: float, y: float, w: float, h: float, pad: float = 0) -> Frame:
    return Frame(x, y, w, h, leftPadding=pad, rightPadding=pad, topPadding=pad, bottomPadding=pad, id=name,
                 showBoundary=0)


def page_frames(g: Geometry, spec: PageSpec) -> dict[str, Frame]:
    """The frames of one page by name; fresh objects each call (frames hold state)."""
    m, gut = g.margin, g.gutter
    col_w = (g.width - 2 * m - gut) / 2
    bottom = m + g.footer * 0.4
    top = g.height - m
    frames: dict[str, Frame] = {}
    if spec.title:
        top = g.height - g.title_band - 6 * mm * g.unit
    if spec.band:
        frames["band"] = _frame("band", m, 8 * mm * g.unit, g.width - 2 * m, g.band_height, pad=6 * mm * g.unit)
        bottom = 8 * mm * g.unit + g.band_height + 6 * mm * g.unit
    box = None
    if spec.box:
        height = (top - bottom) * spec.box
        y = bottom if spec.box_below else top - height
        box = _frame("box", m, y, g.width - 2 * m, height, pad=5 * mm * g.unit)
        if spec.box_below:
            bottom += height + 6 * mm * g.unit
        else:
            frames["box"] = box
            top -= height + 5 * mm * g.unit
    if top - bottom > 20 * mm * g.unit:
        frames["col1"] = _frame("col1", m, bottom, col_w, top - bottom)
        frames["col2"] = _frame("col2", m + col_w + gut, bottom, col_w, top - bottom)
    if box is not None and spec.box_below:
        frames["box"] = box  # after the columns: frames are filled in this order
    return frames
