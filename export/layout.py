"""Fitting the leaflet into its pages: the one measurement behind both the PDF and the layout check.

The sections flow in reading order through the frames of a page plan (`pages.STREAMS`, `pages.PLANS`):
the main text through every page's two columns, the commander's message through its box (as tall as
its content, up to `pages.BOX_MAX` of its page), the emergency numbers through the band. Placement uses
reportlab's own `Frame.add` / `Frame.split` with a proxy that draws nothing, and the PDF is drawn from
exactly these placements, so the check and the PDF always agree.

The layout tries the text settings of `styles.LEVELS` and keeps the loosest at which everything fits, so
the columns fill their pages. What does not fit even at the tightest is cut, and the cut is reported
in words (`layout.overflow`) and marked on the page; the export never writes a PDF with text cut.
"""

from __future__ import annotations

import io
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, ImageAndFlowables, Paragraph, Spacer, Table

from export import chart, images, sections
from export.fonts import REGULAR, missing_glyphs, register_fonts
from export.images import Photo, load_photo, resolution_finding
from export.markup import allow_url_breaks
from export.pages import (
    COLUMNS,
    PLANS,
    STREAMS,
    Geometry,
    PageSpec,
    box_limit,
    geometry,
    page_frames,
    plan,
)
from export.styles import DEFAULT_LEVEL, LEVELS, styles
from model import leaflet
from model.findings import Finding
from model.types import Borough, EditionContent

# What each section is called in a cut report ("the last 42 words of the commander's message").
SECTION_NAMES = {
    "deputy_mayor": "the Deputy Mayor's message", "met_forward": "Met Forward", "mpa_work": "The MPA's work",
    "looking_back": "Looking back", "commander": "the commander's message", "initiatives": "the local initiatives",
    "results": "the results table", "looking_forward": "Looking forward and the priorities",
    "have_your_say": "Have your say", "cpegs": "Partnership working: CPEGs", "contacts": "Useful contacts",
    "emergency": "the emergency numbers",
}


@cache
def _measuring_canvas() -> Canvas:
    """A canvas that is never saved: some flowables (image beside text) ask one for string widths."""
    register_fonts()
    allow_url_breaks()
    return Canvas(io.BytesIO(), initialFontName=REGULAR)


class _Measured(Flowable):
    """Stands in for a flowable inside a Frame: same size and splits, draws nothing."""

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner
        self.size = (0.0, 0.0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        # A Paragraph's or Table's size depends on the width only, and the keep-with-next check, Frame.add and
        # the box's trial fit all ask: it is wrapped once per width (and keeps those lines for drawing).
        if not isinstance(self.inner, (Paragraph, Table)):
            self.size = self.inner.wrapOn(_measuring_canvas(), aw, ah)
            return self.size
        known = getattr(self.inner, "_wrapped", None)
        if known is not None and known[0] == aw and (hasattr(self.inner, "blPara") or isinstance(self.inner, Table)):
            self.size = known[1]
        else:
            self.size = self.inner.wrapOn(_measuring_canvas(), aw, ah)
            self.inner._wrapped = (aw, self.size)
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


@dataclass(frozen=True)
class ColumnFill:
    """How full one text column came out: `empty` is the share of its height left blank (0..1)."""

    page: int  # 0-based
    frame: str
    height: float
    empty: float

    @property
    def label(self) -> str:
        return f"page {self.page + 1} {'left' if self.frame == 'col1' else 'right'} column"


@dataclass(frozen=True)
class Cut:
    """Text that did not fit: where it stops (page, frame), and per section the words left out."""

    stream: str
    page: int
    frame: str
    width: float  # of the frame, for the lines estimate
    words: int
    sections: tuple[tuple[str, int, str], ...]  # (section key, words cut, the first words cut)


@dataclass
class Placement:
    """Per page, per frame name, the flowables that fit; the box heights; what did not fit."""

    pages: list[dict[str, list[Flowable]]] = field(default_factory=list)
    box_heights: list[float] = field(default_factory=list)
    overflow: dict[str, list[Flowable]] = field(default_factory=dict)  # stream → what did not fit
    section_pages: dict[str, int] = field(default_factory=dict)
    fill: list[ColumnFill] = field(default_factory=list)
    cuts: list[Cut] = field(default_factory=list)
    level: int = DEFAULT_LEVEL
    page_size: str = "A4"
    logos: list[Photo] = field(default_factory=list)  # the masthead's, decoded (drawn by the page furniture)
    notes: list[Finding] = field(default_factory=list)  # optional flowables left out for lack of room

    @property
    def fits(self) -> bool:
        return not any(self.overflow.values())


def _room(frame: Frame, flowable: Flowable) -> float:
    space = 0.0 if frame._atTop else flowable.getSpaceBefore()
    return float(frame._y - frame._y1p - space)


def _kept_with(frame: Frame, queue: list[Flowable], i: int) -> float:
    """The height a heading at `queue[i - 1]` must keep with it: the gap, then the next block's first two lines
    (all of it if it cannot split), and through a subheading the same for the block after it."""
    if i >= len(queue):
        return 0.0
    head, nxt = queue[i - 1], queue[i]
    _, h = _Measured(nxt).wrap(frame._getAvailableWidth(), frame._aH)
    if isinstance(nxt, Paragraph):
        h = min(h, 2 * nxt.style.leading)  # no orphans: two lines at least, and two may stay
    elif isinstance(nxt, Table) and nxt._rowHeights:
        h = min(h, sum(nxt._rowHeights[:2]))  # a table splits by rows: its head and first row
    gap = head.getSpaceAfter() + nxt.getSpaceBefore()
    more = _kept_with(frame, queue, i + 1) if getattr(nxt, "_keep_space", 0) and i < 3 else 0.0
    return float(gap + h + more)


def _fill(frame: Frame, queue: list[Flowable], placed: list[Flowable]) -> None:
    """Place flowables from the front of `queue` into `frame` as the doc template would."""
    while queue:
        head = queue[0]
        proxy = _Measured(head)
        if getattr(head, "_keep_space", 0) and not frame._atTop:  # a heading keeps its first lines with it
            _, h = proxy.wrap(frame._getAvailableWidth(), frame._aH)
            if h + _kept_with(frame, queue, 1) > _room(frame, head):
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
            if part is not head:  # (reportlab returns the flowable itself when it fits whole)
                part._split_part = True  # (tests: no widows or orphans)
        placed.append(Placed(parts[0], proxy.size))
        queue[0:1] = parts[1:]


def _used(frame: Frame) -> float:
    """The height of the frame's text area taken by what was placed."""
    top = frame._y2 - frame._topPadding
    return 0.0 if frame._atTop else max(0.0, top - frame._y)


def _inner_height(frame: Frame) -> float:
    return float(frame._y2 - frame._topPadding - frame._y1p)


def _box_height(g: Geometry, spec: PageSpec, queue: list[Flowable], placed: list[Flowable]) -> float:
    """Fill the commander's box at its tallest and return the height its content needs (padding included)."""
    limit = box_limit(g, spec)
    tallest = page_frames(g, spec, limit)["box"]
    _fill(tallest, queue, placed)
    if queue:  # does not fit even at the tallest: the box stays at its tallest and the rest is cut
        return limit
    return min(limit, _used(tallest) + 2 * g.box_pad + 1.0)


def _box_fits(g: Geometry, spec: PageSpec, flows: list[Flowable]) -> bool:
    queue = list(flows)
    _fill(page_frames(g, spec, box_limit(g, spec))["box"], queue, [])
    return not queue


def _frame_stream(name: str) -> str:
    return "main" if name in COLUMNS else name


def place(flows: dict[str, list[Flowable]], page_size: str, pages: int, level: int = DEFAULT_LEVEL) -> Placement:
    """Flow the streams of sections through the plan's pages; leftovers are overflow (then cut)."""
    g = geometry(page_size)
    result = Placement(level=level, page_size=page_size)
    queues = {stream: [f for key in keys for f in flows.get(key, [])] for stream, keys in STREAMS.items()}
    last_frame: dict[str, tuple[int, str]] = {}
    for page_no, spec in enumerate(plan(pages)):
        box_placed: list[Flowable] = []
        box_h = _box_height(g, spec, queues["box"], box_placed) if spec.box else 0.0
        frames = page_frames(g, spec, box_h)
        page: dict[str, list[Flowable]] = {name: [] for name in frames}
        for name, frame in frames.items():
            stream = _frame_stream(name)
            if name == "box":
                page[name] = box_placed
            else:
                _fill(frame, queues[stream], page[name])
            last_frame[stream] = (page_no, name)
            for f in page[name]:
                result.section_pages.setdefault(f._section, page_no)
            if name in COLUMNS:
                inner = _inner_height(frame)
                result.fill.append(ColumnFill(page_no, name, inner, max(0.0, 1 - _used(frame) / inner)))
        result.pages.append(page)
        result.box_heights.append(box_h)
    for stream, rest in queues.items():
        if rest:
            result.overflow[stream] = rest
            page_no, name = last_frame.get(stream, (len(result.pages) - 1, "col2"))
            frame = page_frames(g, plan(pages)[page_no], result.box_heights[page_no]).get(name)
            width = frame._getAvailableWidth() if frame is not None else g.col_width
            result.cuts.append(_cut(stream, page_no, name, width, rest))
            for f in rest:
                result.section_pages.setdefault(f._section, page_no)
    return result


# --- words of what is cut ---------------------------------------------------------------------


def _words_of(item: object) -> list[str]:
    if isinstance(item, str):
        return [item]
    text = getattr(item, "text", None)
    if isinstance(text, str) and text:
        return [text]
    parts: object = item if isinstance(item, (list, tuple)) else getattr(item, "words", None)
    if isinstance(parts, (list, tuple)):
        return [w for part in parts for w in _words_of(part)]
    return []


def paragraph_text(p: Paragraph) -> str:
    """A paragraph's text, also for the second half of a split one (reportlab keeps only its words then)."""
    text = str(p.getPlainText())
    if text.strip():
        return text
    return " ".join(" ".join(_words_of(frag)) for frag in p.frags or [])


def flowable_text(f: Flowable) -> str:
    """The words a flowable prints (paragraphs, table cells, text beside an image), for cut reports."""
    inner = getattr(f, "inner", None)
    if isinstance(inner, Flowable):
        return flowable_text(inner)
    if isinstance(f, Paragraph):
        return paragraph_text(f)
    if isinstance(f, Table):
        return " ".join(flowable_text(c) for row in f._cellvalues for c in row if isinstance(c, Flowable))
    if isinstance(f, ImageAndFlowables):
        return " ".join(flowable_text(x) for x in f._content)
    return ""


def _cut(stream: str, page_no: int, frame: str, width: float, rest: list[Flowable]) -> Cut:
    by_section: dict[str, list[str]] = {}
    for f in rest:
        by_section.setdefault(f._section, []).extend(flowable_text(f).split())
    sections_cut = tuple((key, len(words), " ".join(words[:6])) for key, words in by_section.items())
    return Cut(stream, page_no, frame, width, sum(n for _, n, _ in sections_cut), sections_cut)


def cut_findings(placement: Placement, font_size: float) -> list[Finding]:
    """One `layout.overflow` error per section with text cut, counted in words (and roughly in lines)."""
    out = []
    pages = len(placement.pages)
    for cut in placement.cuts:
        words_per_line = max(1.0, cut.width / (font_size * 2.9))  # a word and its space: ~2.9 em in this font
        for key, words, start in cut.sections:
            where = "its box" if cut.stream == "box" else f"the leaflet's {pages} pages"
            lines = max(1, math.ceil(words / words_per_line))
            what = f"the last {words} word{'s' if words != 1 else ''} of {SECTION_NAMES.get(key, key)}"
            if not words:
                what = f"part of {SECTION_NAMES.get(key, key)} (a photo or table)"
            out.append(Finding(key, "error", "layout.overflow",
                               f"{what} do not fit {where} and are cut, from \u2018{start}\u2026\u2019 "
                               f"(about {lines} line{'s' if lines != 1 else ''} too long, page {cut.page + 1}); "
                               f"shorten it or another section by {words} words or more"))
    return out


# --- choosing the text setting ----------------------------------------------------------------


def col_width(page_size: str) -> float:
    return geometry(page_size).col_width


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
                findings += resolution_finding(photo, width or col_width("A4"), path)
    return photos, findings


def load_logos(content: EditionContent, folder: Path | None, *, print_pdf: bool) -> tuple[list[Photo], list[Finding]]:
    """The masthead's logos (at most two are printed), decoded like photos; findings for the unusable ones."""
    logos: list[Photo] = []
    findings: list[Finding] = []
    for i, logo in enumerate(content.logos):
        if not logo.file:
            continue
        photo, problems = load_photo(folder, logo.file, f"london.logos[{i}].file", print_pdf=print_pdf)
        findings += problems
        if photo is not None:
            logos.append(photo)
    if len(content.logos) > 2:
        findings.append(Finding("london.logos", "warning", "layout.logos",
                                f"the masthead has room for two logos; {len(content.logos) - 2} more are left out"))
    return logos[:2], findings


# Per thread, the flowables of the sections made of paragraphs and spaces only, under their inputs: an edit
# changes one section, and the others' paragraphs come back already wrapped (`_Measured` keeps each one's
# lines per width), so a render wraps only what changed. Per thread because a reportlab Paragraph is
# mutated by wrapping and splitting: the preview renders in a worker thread while the editor measures in
# the UI thread, and no Paragraph is ever shared between them. Reuse is byte-identical to building anew
# (tests/export/test_flowable_reuse.py); tables, images and the commander's photo box are built anew.
_SECTIONS = threading.local()
_SECTIONS_MAX = 256
_REUSABLE = (Paragraph, Spacer, Table, Drawing, sections._PhotoImage)


def _thread_sections() -> OrderedDict[tuple[object, ...], list[Flowable]]:
    kept: OrderedDict[tuple[object, ...], list[Flowable]] | None = getattr(_SECTIONS, "kept", None)
    if kept is None or getattr(_SECTIONS, "generation", -1) != _GENERATION[0]:
        kept = _SECTIONS.kept = OrderedDict()
        _SECTIONS.generation = _GENERATION[0]
    return kept


_GENERATION = [0]  # bumped by clear_caches: every thread's kept sections are dropped when next used


def forget_sections() -> None:
    """Every thread's kept sections are dropped (each when it next builds one)."""
    _GENERATION[0] += 1


def section_flows(key: str, ctx: sections.Context) -> list[Flowable]:
    """`sections.build_section(key, ctx)`, reusing this thread's flowables for the same inputs where that is safe."""
    memo = (sections.inputs(key, ctx), ctx.box_width)
    kept = _thread_sections()
    found = kept.get(memo)
    if found is not None:
        kept.move_to_end(memo)
        return list(found)
    flows = sections.build_section(key, ctx)
    if all(type(f) in _REUSABLE for f in flows):
        kept[memo] = flows
        while len(kept) > _SECTIONS_MAX:
            kept.popitem(last=False)
        return list(flows)
    return flows


def build_flows(ctx: sections.Context) -> dict[str, list[Flowable]]:
    return {key: section_flows(key, ctx) for keys in STREAMS.values() for key in keys}


def make_context(content: EditionContent, borough: Borough, photos: dict[str, Photo], *,
                 print_pdf: bool, level: int = DEFAULT_LEVEL) -> sections.Context:
    g = geometry(content.layout.page_size)
    compact = g.col_width < 200  # A5's narrow columns
    return sections.Context(content, borough, styles(print_pdf, level, compact), links=not print_pdf,
                            col_width=g.col_width, photos=photos, box_width=g.box_width)


MAX_EMPTY = 0.20  # no text column but the leaflet's last may be emptier than this


def worst_empty(placement: Placement) -> float:
    """The emptiest text column's empty share, the leaflet's last column excepted (the text ends somewhere)."""
    return max((c.empty for c in placement.fill[:-1]), default=0.0)


def _growth(placement: Placement, level: int) -> float:
    """Roughly how much taller the main text gets one level looser (points), from how much of it there is now."""
    used = sum(c.height * (1 - c.empty) for c in placement.fill)
    return used * (LEVELS[level + 1][0] * LEVELS[level + 1][1] / (LEVELS[level][0] * LEVELS[level][1]) - 1)


def _cannot_grow(placement: Placement) -> bool:
    """True when one level looser would surely overflow: the last column has less room than the text would gain."""
    if placement.level + 1 >= len(LEVELS) or not placement.fill:
        return True
    last = placement.fill[-1]
    return last.empty * last.height < 0.5 * _growth(placement, placement.level)


# The level chosen last for a borough (by name, page size and pages): the search starts there, so an
# edit that changes little costs one or two placements instead of a walk from the design's level.
_LAST_LEVEL: dict[tuple[str, str, int], int] = {}
# The level at which one looser did not fit for a borough, and how much main text there was then: while
# the text is no shorter than that (typing adds words), looser will not fit again and is not tried.
_LOOSER_FAILED: dict[tuple[str, str, int], tuple[int, float]] = {}


def _text_used(placement: Placement) -> float:
    return sum(c.height * (1 - c.empty) for c in placement.fill)


def choose(content: EditionContent, borough: Borough, photos: dict[str, Photo], *,
           print_pdf: bool) -> tuple[Placement, sections.Context]:
    """The placement at the loosest text level at which everything fits (the tightest when nothing does)."""
    page_size, pages = content.layout.page_size, content.layout.pages
    memo = (borough.borough, page_size, pages)

    g = geometry(page_size)
    box_spec = next((spec for spec in plan(pages) if spec.box), None)

    def box_flows(level: int) -> list[Flowable]:
        """The commander's box at the loosest level up to `level` that fits its box (at the tightest, cut)."""
        for box_level in range(level, -1, -1):
            flows = section_flows("commander", make_context(content, borough, photos, print_pdf=print_pdf,
                                                                     level=box_level))
            if box_spec is None or _box_fits(g, box_spec, flows):
                return flows
        return flows

    def at(level: int) -> tuple[Placement, sections.Context]:
        ctx = make_context(content, borough, photos, print_pdf=print_pdf, level=level)
        flows = build_flows(ctx)
        placement = place(flows, page_size, pages, level)
        if "box" in placement.overflow and level > 0:  # the box may be set tighter than the columns
            flows["commander"] = box_flows(level - 1)
            placement = place(flows, page_size, pages, level)
        optional = [f for fs in flows.values() for f in fs if getattr(f, "_optional", "")]
        if "main" in placement.overflow and level == 0 and optional:
            # even at the tightest the text does not fit: leave out what may be (the results chart), place again
            flows = {k: [f for f in fs if not getattr(f, "_optional", "")] for k, fs in flows.items()}
            placement = place(flows, page_size, pages, level)
            placement.notes = [Finding(f._section, "warning", "layout.left_out", f._optional) for f in optional]
        return placement, ctx

    def fits(placement: Placement) -> bool:  # the box finds its own level in `at` (and is cut only at the tightest)
        return not (placement.overflow.keys() - {"box"})

    level = _LAST_LEVEL.get(memo, DEFAULT_LEVEL)
    best = at(level)
    if fits(best[0]):
        while not _cannot_grow(best[0]):
            failed = _LOOSER_FAILED.get(memo)
            if failed is not None and failed[0] == best[0].level and _text_used(best[0]) >= failed[1]:
                break
            looser = at(best[0].level + 1)
            if not fits(looser[0]):
                _LOOSER_FAILED[memo] = (best[0].level, _text_used(best[0]))
                break
            best = looser
    else:
        while not fits(best[0]) and best[0].level > 0:
            best = at(best[0].level - 1)
    if fits(best[0]) and worst_empty(best[0]) > MAX_EMPTY:
        # a heading or photo kept with its text left a hole: a tighter setting breaks the columns elsewhere
        for level in range(best[0].level - 1, -1, -1):
            tighter = at(level)
            if worst_empty(tighter[0]) < worst_empty(best[0]):
                best = tighter
            if worst_empty(best[0]) <= MAX_EMPTY:
                break
    _LAST_LEVEL[memo] = best[0].level
    return best


# --- the check ----------------------------------------------------------------------------------


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
    placement, ctx = choose(content, borough, photos, print_pdf=print_pdf)
    cut = cut_findings(placement, ctx.styles["body"].fontSize) + placement.notes
    if not print_pdf:  # the editor's check after a preview render then measures nothing again
        _remember(_leaflet_key(content, borough, photos), (tuple(cut), placement.fill))
    placement.logos, logo_findings = load_logos(content, folder, print_pdf=print_pdf)
    return placement, (findings + cut + glyph_findings(content, borough) + layout_pages_findings(content)
                       + logo_findings)


# (page size, pages, every section's inputs) → the cut findings and column fill of that leaflet. The
# editor checks on every keystroke and renders the preview after a pause; a check after a render, or
# of a borough not edited, measures nothing again.
_MEASURED: OrderedDict[tuple[object, ...], tuple[tuple[Finding, ...], list[ColumnFill]]] = OrderedDict()
_MEASURED_MAX = 128
_MEASURED_LOCK = threading.Lock()


def _leaflet_key(content: EditionContent, borough: Borough, photos: dict[str, Photo]) -> tuple[object, ...]:
    ctx = make_context(content, borough, photos, print_pdf=False)
    keys = [k for ks in STREAMS.values() for k in ks]
    return (content.layout.page_size, content.layout.pages, *(sections.inputs(k, ctx) for k in keys))


def _remember(key: tuple[object, ...], found: tuple[tuple[Finding, ...], list[ColumnFill]]) -> None:
    with _MEASURED_LOCK:
        _MEASURED[key] = found
        _MEASURED.move_to_end(key)
        while len(_MEASURED) > _MEASURED_MAX:
            _MEASURED.popitem(last=False)


def _measured(content: EditionContent, borough: Borough,
              photos: dict[str, Photo]) -> tuple[tuple[Finding, ...], list[ColumnFill]]:
    key = _leaflet_key(content, borough, photos)
    with _MEASURED_LOCK:
        found = _MEASURED.get(key)
        if found is not None:
            _MEASURED.move_to_end(key)
            return found
    placement, ctx = choose(content, borough, photos, print_pdf=False)
    found = (tuple(cut_findings(placement, ctx.styles["body"].fontSize) + placement.notes), placement.fill)
    _remember(key, found)
    return found


def clear_caches() -> None:
    """Forget every measurement, parse and photo kept between checks and renders (benchmarks, tests)."""
    with _MEASURED_LOCK:
        _MEASURED.clear()
    _LAST_LEVEL.clear()
    _LOOSER_FAILED.clear()
    forget_sections()
    for kept in (sections._parsed, sections.linked, sections.plain, images._prepared, chart._drawing):
        kept.cache_clear()


def measure_findings(content: EditionContent, borough: Borough, folder: Path | None, *,
                     known_only: bool = False) -> list[Finding] | None:
    """The layout check: text cut, missing glyphs and photo problems, measured exactly as the PDF lays out.

    `known_only`: None unless this very leaflet was measured already (by a render or a check), so the
    editor can answer a keystroke at once and measure a flowing leaflet again only when typing pauses.
    """
    photos, findings = load_photos(borough, folder, print_pdf=False)
    if known_only:
        with _MEASURED_LOCK:
            known = _MEASURED.get(_leaflet_key(content, borough, photos))
        if known is None:
            return None
        cut = known[0]
    else:
        cut, _ = _measured(content, borough, photos)
    return (findings + list(cut) + glyph_findings(content, borough) + layout_pages_findings(content)
            + load_logos(content, folder, print_pdf=False)[1])


def column_fill(content: EditionContent, borough: Borough, folder: Path | None) -> list[ColumnFill]:
    """The empty share of every text column, as the PDF lays them out (the same measurement)."""
    photos, _ = load_photos(borough, folder, print_pdf=False)
    return _measured(content, borough, photos)[1]
