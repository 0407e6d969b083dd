"""Fitting the leaflet into its fixed pages: the one measurement behind both the PDF and the layout check.

Sections flow through the frames of their region (see `pages.PLANS`) exactly as reportlab's
Frame places them (the same `Frame.add` / `Frame.split`), but without drawing: a proxy stands in
for each flowable. What does not fit a region is never moved to another page: it is reported.
"""

from __future__ import annotations

import io
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

from export import chart, images, sections
from export.fonts import REGULAR, missing_glyphs, register_fonts
from export.images import Photo, load_photo, resolution_finding
from export.pages import PLANS, Region, geometry, page_frames, plan
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
        self._width: float | None = None

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        # A Paragraph's size depends on the width only: the keep-with-next check and Frame.add ask twice
        if aw != self._width or not isinstance(self.inner, Paragraph):
            self.size = self.inner.wrapOn(_measuring_canvas(), aw, ah)
            self._width = aw
        return self.size

    def split(self, aw: float, ah: float) -> list[Flowable]:
        parts: list[Flowable] = self.inner.splitOn(_measuring_canvas(), aw, ah)
        return parts

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

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
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.inner.drawOn(canvas, x, y, _sW=_sW)


@dataclass
class Placement:
    """Per page, per frame name, the flowables that fit; and what did not fit, by section."""

    pages: list[dict[str, list[Flowable]]] = field(default_factory=list)
    overflow: dict[str, list[Flowable]] = field(default_factory=dict)
    section_pages: dict[str, int] = field(default_factory=dict)
    widths: dict[str, float] = field(default_factory=dict)  # section → width of the frame it overflowed
    notes: list[Finding] = field(default_factory=list)  # optional flowables left out for lack of room


def _room(frame: Frame, flowable: Flowable) -> float:
    space = 0.0 if frame._atTop else flowable.getSpaceBefore()
    return float(frame._y - frame._y1p - space)


def _fill(frame: Frame, queue: list[Flowable], placed: list[Flowable]) -> None:
    """Place flowables from the front of `queue` into `frame` as the doc template would."""
    while queue:
        head = queue[0]
        proxy = _Measured(head)
        keep = getattr(head, "_keep_space", 0)
        if keep and not frame._atTop:
            _, h = proxy.wrap(frame._getAvailableWidth(), frame._aH)
            if h + keep > _room(frame, head):
                return
        if frame.add(proxy, None):
            placed.append(Placed(queue.pop(0), proxy.size))
            continue
        parts = frame.split(head, _measuring_canvas())
        proxy = _Measured(parts[0]) if parts else proxy
        if not parts or not frame.add(proxy, None):
            return
        for part in parts:
            part._section = head._section
        placed.append(Placed(parts[0], proxy.size))
        queue[0:1] = parts[1:]


def flows_of(keys: tuple[str, ...], flows: dict[str, list[Flowable]]) -> list[Flowable]:
    return [f for key in keys for f in flows.get(key, [])]


def _place_region(result: Placement, page: dict[str, list[Flowable]], frames: dict[str, Frame], page_no: int,
                  region: Region, flows: dict[str, list[Flowable]]) -> None:
    """Flow one region's sections through its frames; what does not fit goes to `result.overflow`."""
    frame_names, keys = region
    queue = flows_of(keys, flows)
    for key in keys:
        result.section_pages[key] = page_no
    for name in frame_names:
        _fill(frames[name], queue, page[name])
    optional = [f for f in flows_of(keys, flows) if getattr(f, "_optional", "")]
    if queue and optional:  # the text does not fit: leave out what may be (the results chart), place again
        queue = [f for f in flows_of(keys, flows) if not getattr(f, "_optional", "")]
        for name in frame_names:
            frames[name]._reset()
            page[name].clear()
            _fill(frames[name], queue, page[name])
        result.notes += [Finding(f._section, "warning", "layout.left_out", f._optional) for f in optional]
    for f in queue:
        result.overflow.setdefault(f._section, []).append(f)
        result.widths.setdefault(f._section, frames[frame_names[-1]]._getAvailableWidth())


def place(flows: dict[str, list[Flowable]], page_size: str, pages: int) -> Placement:
    """Lay the sections' flowables into the fixed pages; leftovers are overflow."""
    g = geometry(page_size)
    result = Placement()
    for page_no, spec in enumerate(plan(pages)):
        frames = page_frames(g, spec)
        page: dict[str, list[Flowable]] = {name: [] for name in frames}
        for region in spec.regions:
            _place_region(result, page, frames, page_no, region, flows)
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
    return float(page_frames(geometry(page_size), plan(4)[1])["col1"]._getAvailableWidth())


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
    for key in placement.section_pages:  # reading order, section by section: as region by region
        rest = placement.overflow.get(key)
        if rest:
            n = lines_over(rest, placement.widths[key], leading)
            out.append(Finding(key, "error", "layout.overflow",
                               f"this section is {n} line{'s' if n != 1 else ''} too long for its place on page "
                               f"{placement.section_pages[key] + 1}; shorten it by about {n} lines"))
        out += [f for f in placement.notes if f.path == key]
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


def lay_out(content: EditionContent, borough: Borough, folder: Path | None, *,
            print_pdf: bool) -> tuple[Placement, list[Finding]]:
    """The whole leaflet placed in its pages as the PDF draws it, and the layout findings of that placement."""
    photos, findings = load_photos(borough, folder, print_pdf=print_pdf)
    ctx = make_context(content, borough, photos, print_pdf=print_pdf)
    placement = place(build_flows(ctx), content.layout.page_size, content.layout.pages)
    overflow = overflow_findings(placement, ctx.styles["body"].leading)
    if not print_pdf:  # the editor's check after a preview render then measures nothing again
        _remember_regions(ctx, content.layout.page_size, content.layout.pages, overflow)
    return placement, findings + overflow + glyph_findings(content, borough) + layout_pages_findings(content)


def _region_findings(ctx: sections.Context, page_size: str, pages: int, page_no: int,
                     region: Region) -> tuple[Finding, ...]:
    """The overflow findings of one region, measured alone exactly as `place` measures it in the PDF."""
    g = geometry(page_size)
    spec = plan(pages)[page_no]
    frames = page_frames(g, spec)  # fresh frames: each region fills only its own
    flows = {key: sections.build_section(key, ctx) for key in region[1]}
    result = Placement()
    _place_region(result, {name: [] for name in frames}, frames, page_no, region, flows)
    return tuple(overflow_findings(result, ctx.styles["body"].leading))


# (page size, pages, page, region, its sections' inputs) → its findings. The editor runs the check on
# every keystroke and a keystroke changes one section, so all other regions come from here.
_MEASURED: OrderedDict[tuple[object, ...], tuple[Finding, ...]] = OrderedDict()
_MEASURED_MAX = 512  # 32 boroughs × 8 regions (the 4-page design) fit, with room for recent edits
_MEASURED_LOCK = threading.Lock()


def _region_key(ctx: sections.Context, page_size: str, pages: int, page_no: int, region_no: int,
                region: Region) -> tuple[object, ...]:
    return (page_size, pages, page_no, region_no, *(sections.inputs(k, ctx) for k in region[1]))


def _remember(key: tuple[object, ...], found: tuple[Finding, ...]) -> None:
    with _MEASURED_LOCK:
        _MEASURED[key] = found
        _MEASURED.move_to_end(key)
        while len(_MEASURED) > _MEASURED_MAX:
            _MEASURED.popitem(last=False)


def _remember_regions(ctx: sections.Context, page_size: str, pages: int, overflow: list[Finding]) -> None:
    """Keep a whole-leaflet placement's overflow region by region, as `_region_findings` would find it.

    A region's sections are placed in its own frames only, so its findings are those naming its sections,
    in the same order.
    """
    for page_no, spec in enumerate(plan(pages)):
        for region_no, region in enumerate(spec.regions):
            _remember(_region_key(ctx, page_size, pages, page_no, region_no, region),
                      tuple(f for f in overflow if f.path in region[1]))


def _cached_region_findings(ctx: sections.Context, page_size: str, pages: int, page_no: int,
                            region_no: int, region: Region) -> tuple[Finding, ...]:
    key = _region_key(ctx, page_size, pages, page_no, region_no, region)
    with _MEASURED_LOCK:
        found = _MEASURED.get(key)
        if found is not None:
            _MEASURED.move_to_end(key)
            return found
    found = _region_findings(ctx, page_size, pages, page_no, region)
    _remember(key, found)
    return found


def clear_caches() -> None:
    """Forget every measurement, parse and photo kept between checks and renders (benchmarks, tests)."""
    with _MEASURED_LOCK:
        _MEASURED.clear()
    for kept in (sections._parsed, sections.linked, sections.plain, images._prepared, chart._drawing):
        kept.cache_clear()


def measure_findings(content: EditionContent, borough: Borough, folder: Path | None) -> list[Finding]:
    """The layout check: overflow, missing glyphs and photo problems, measured as the PDF lays out.

    Region by region (regions never share frames), each region's result kept for its sections' inputs.
    """
    photos, findings = load_photos(borough, folder, print_pdf=False)
    ctx = make_context(content, borough, photos, print_pdf=False)
    page_size, pages = content.layout.page_size, content.layout.pages
    for page_no, spec in enumerate(plan(pages)):
        for region_no, region in enumerate(spec.regions):
            findings += _cached_region_findings(ctx, page_size, pages, page_no, region_no, region)
    return findings + glyph_findings(content, borough) + layout_pages_findings(content)
