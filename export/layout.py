"""Fitting the leaflet into its fixed pages: the one measurement behind both the PDF and the layout check.

Sections flow through the frames of their region (see `pages.PLANS`) exactly as reportlab's
Frame places them (the same `Frame.add` / `Frame.split`), but without drawing: a proxy stands in
for each flowable. What does not fit a region is never moved to another page: it is reported.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

from export import sections
from export.fonts import REGULAR, missing_glyphs, register_fonts
from export.images import Photo, load_photo, resolution_finding
from export.pages import PLANS, geometry, page_frames, plan
from export.styles import styles
from model import leaflet
from model.findings import Finding
from model.types import Borough, EditionContent


@cache
def _measuring_canvas() -> Canvas:
    """A canvas that is never saved: some flowables (image beside text) ask one for string widths."""
    register_fonts()
    return Canvas(io.BytesIO(), initialFontName=REGULAR)


class _Measured(Flowable):
    """Stands in for a flowable inside a Frame: same size and splits, draws nothing."""

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner
        self.size = (0.0, 0.0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.size = self.inner.wrapOn(_measuring_canvas(), aw, ah)
        return self.size

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return self.inner.splitOn(_measuring_canvas(), aw, ah)

    def getSpaceBefore(self) -> float:
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.inner.getSpaceAfter()

    def drawOn(self, *args: object, **kwargs: object) -> None:
        return None


class Placed(Flowable):
    """A flowable already wrapped where it was placed: the PDF build draws it without wrapping again."""

    def __init__(self, inner: Flowable, size: tuple[float, float]) -> None:
        super().__init__()
        self.inner, self.size = inner, size

    def __getattr__(self, name: str) -> object:  # _bookmark, _section, ... of the real flowable
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.size

    def getSpaceBefore(self) -> float:
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.inner.drawOn(canvas, x, y, _sW=_sW)


@dataclass
class Placement:
    """Per page, per frame name, the flowables that fit; and what did not fit, by section."""

    pages: list[dict[str, list[Flowable]]] = field(default_factory=list)
    overflow: dict[str, list[Flowable]] = field(default_factory=dict)
    section_pages: dict[str, int] = field(default_factory=dict)
    widths: dict[str, float] = field(default_factory=dict)  # section → width of the frame it overflowed


def _room(frame: Frame, flowable: Flowable) -> float:
    space = 0.0 if frame._atTop else flowable.getSpaceBefore()
    return frame._y - frame._y1p - space


def _fill(frame: Frame, queue: list[Flowable], placed: list[Flowable]) -> None:
    """Place flowables from the front of `queue` into `frame` as the doc template would."""
    while queue:
        head = queue[0]
        keep = getattr(head, "_keep_space", 0)
        if keep and not frame._atTop:
            _, h = head.wrapOn(_measuring_canvas(), frame._getAvailableWidth(), frame._aH)
            if h + keep > _room(frame, head):
                return
        proxy = _Measured(head)
        if frame.add(proxy, None):
            placed.append(Placed(queue.pop(0), proxy.size))
            continue
        parts = frame.split(head, _measuring_canvas())
        proxy = _Measured(parts[0]) if parts else proxy
        if not parts or not frame.add(proxy, None):
            return
        for part in parts:
            part._section = head._section  # type: ignore[attr-defined]
        placed.append(Placed(parts[0], proxy.size))
        queue[0:1] = parts[1:]


def place(flows: dict[str, list[Flowable]], page_size: str, pages: int) -> Placement:
    """Lay the sections' flowables into the fixed pages; leftovers are overflow."""
    g = geometry(page_size)
    result = Placement()
    for page_no, spec in enumerate(plan(pages)):
        regions = spec.regions
        frames = page_frames(g, spec)
        page: dict[str, list[Flowable]] = {name: [] for name in frames}
        for frame_names, keys in regions:
            queue = [f for key in keys for f in flows.get(key, [])]
            for key in keys:
                result.section_pages[key] = page_no
            for name in frame_names:
                _fill(frames[name], queue, page[name])
            for f in queue:
                result.overflow.setdefault(f._section, []).append(f)
                result.widths.setdefault(f._section, frames[frame_names[-1]]._getAvailableWidth())
        result.pages.append(page)
    return result


def lines_over(flowables: list[Flowable], width: float, leading: float) -> int:
    """How many body lines the leftover flowables need (paragraph lines, or height ÷ leading)."""
    total = 0
    for f in flowables:
        _, h = f.wrapOn(_measuring_canvas(), width, 1e9)
        if isinstance(f, Paragraph) and hasattr(f, "blPara"):
            total += len(f.blPara.lines)
        else:
            total += math.ceil((h + f.getSpaceBefore() + f.getSpaceAfter()) / leading)
    return max(total, 1)


def col_width(page_size: str) -> float:
    return page_frames(geometry(page_size), plan(4)[1])["col1"]._getAvailableWidth()


def load_photos(borough: Borough, folder: Path | None, *, print_pdf: bool) -> tuple[dict[str, Photo], list[Finding]]:
    """Every photo the borough's pages print, decoded; findings for the ones that cannot be used."""
    wanted = {"commander.photo": (borough.commander.photo, sections.PHOTO_WIDTHS["commander"])}
    for i, initiative in enumerate(borough.initiatives):
        wanted[f"initiatives[{i}].photo"] = (initiative.photo, 0.0)
    photos: dict[str, Photo] = {}
    findings: list[Finding] = []
    for path, (relative, width) in wanted.items():
        if not relative:
            continue
        photo, problems = load_photo(folder, relative, path, print_pdf=print_pdf)
        findings += problems
        if photo is not None:
            photos[path] = photo
            if print_pdf:
                findings += resolution_finding(photo, width or col_width(_page_size_of(borough)), path)
    return photos, findings


def _page_size_of(_borough: Borough) -> str:
    return "A4"  # photos are checked against the A4 column; an A5 edition places them smaller still


def build_flows(ctx: sections.Context) -> dict[str, list[Flowable]]:
    return {key: sections.build_section(key, ctx) for spec in plan(4) for _, keys in spec.regions for key in keys}


def make_context(content: EditionContent, borough: Borough, photos: dict[str, Photo], *,
                 print_pdf: bool) -> sections.Context:
    return sections.Context(content, borough, styles(print_pdf), links=not print_pdf,
                            col_width=col_width(content.layout.page_size), photos=photos)


def overflow_findings(placement: Placement, leading: float) -> list[Finding]:
    out = []
    for key, rest in placement.overflow.items():
        n = lines_over(rest, placement.widths[key], leading)
        out.append(Finding(key, "error", "layout.overflow",
                           f"this section is {n} line{'s' if n != 1 else ''} too long for its place on page "
                           f"{placement.section_pages[key] + 1}; shorten it by about {n} lines"))
    return out


def glyph_findings(content: EditionContent, borough: Borough) -> list[Finding]:
    """Characters in the printed text that the leaflet font cannot draw."""
    out = []
    for section in leaflet.printed_sections(content, borough):
        text = "\n".join([section.heading, section.subheading, *(
            getattr(b, "text", "") or "\n".join(getattr(b, "items", ())) for b in section.blocks)])
        missing = missing_glyphs(text)
        if missing:
            shown = " ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:8])
            out.append(Finding(section.key, "error", "layout.missing_glyph",
                               f"the leaflet font cannot print {shown}; these are left out of the PDF, "
                               "replace them with other characters"))
    return out


def layout_pages_findings(content: EditionContent) -> list[Finding]:
    if content.layout.pages in PLANS:
        return []
    return [Finding("layout.pages", "error", "layout.pages",
                    f"the leaflet design has {' or '.join(map(str, PLANS))} pages; "
                    f"{content.layout.pages} pages is not available, so the 4-page design is used")]


def measure_findings(content: EditionContent, borough: Borough, folder: Path | None) -> list[Finding]:
    """The layout check: overflow, missing glyphs and photo problems, measured as the PDF lays out."""
    photos, findings = load_photos(borough, folder, print_pdf=False)
    ctx = make_context(content, borough, photos, print_pdf=False)
    placement = place(build_flows(ctx), content.layout.page_size, content.layout.pages)
    return (findings + overflow_findings(placement, ctx.styles["body"].leading)
            + glyph_findings(content, borough) + layout_pages_findings(content))
