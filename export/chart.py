"""The results chart: each measure's change on the year before as a horizontal bar from a zero line.

One geometry (`chart_layout`, in points, origin at the bottom left), two renderers: a reportlab
`Drawing` for the PDFs (CMYK from the print palette) and inline SVG for the web edition.

Read without colour: falls run left and rises right of the zero line, and every bar is labelled
with its direction in words and arrow ("▼ 12.7% down") beside the printed figure; the outcome is
told by tone *and* pattern (target achieved: solid dark bar; missed: hatched outline; no outcome:
light solid), with a legend, so it survives black-and-white printing and every colour-vision type.
The table above carries the same figures; the web edition says so in the chart's text alternative.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from reportlab.graphics.shapes import Drawing, Group, Line, Path, Rect, String
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from export.fonts import BOLD, REGULAR, register_fonts
from export.markup import _strip_missing
from export.styles import ByIdentity, Palette
from model import leaflet
from model.types import ResultRow

TITLE = "Change on the year before, by measure"
LEFT_OUT = ("the results chart is left out: with it the page's text would not fit (the table shows the same "
            "figures); shorten the text on this page to bring the chart back")
LEGEND = (("achieved", "Target achieved"), ("missed", "Target missed"))
STACK_BELOW = 29  # type sizes: a chart narrower than this puts each measure's name above its bar
_HATCH_STEP = 2.6  # points between the hatch lines of a missed target's bar (at the PDF's 7.5 pt type)


@dataclass(frozen=True)
class Bar:
    """One measure: its wrapped name, the bar's rectangle, its label and outcome."""

    lines: tuple[str, ...]
    name_y: float  # baseline of the name's first line
    x: float
    y: float
    width: float
    height: float
    label: str
    label_y: float
    outcome: str  # "achieved", "missed" or ""


@dataclass(frozen=True)
class ChartLayout:
    """Everything the chart draws, in points from the bottom left corner."""

    width: float
    height: float
    font_size: float
    title_y: float
    zero_x: float
    axis: tuple[tuple[float, float], ...]  # the zero line's pieces (bottom, top): one, or one per bar when stacked
    label_x: float  # left edge of the change labels
    bars: tuple[Bar, ...]
    legend_y: float
    legend: tuple[tuple[str, str, float], ...]  # (outcome, words, x of its swatch)


def direction_label(pct: Decimal) -> str:
    """"▼ 12.7% down", "▲ 38.5% up", "no change": the printed figure with its direction in words."""
    if pct == 0:
        return "no change"
    word, arrow = ("down", "▼") if pct < 0 else ("up", "▲")
    return f"{arrow} {leaflet.format_pct(pct, signed=False)} {word}"


def charted(rows: tuple[ResultRow, ...]) -> list[ResultRow]:
    """The rows the chart shows: those with a percentage change."""
    return [r for r in rows if r.change_pct is not None]


def chart_layout(rows: tuple[ResultRow, ...], width: float, font_size: float = 7.5) -> ChartLayout | None:
    """Where everything goes for `rows` in `width` points; None when no row has a percentage change."""
    shown = charted(rows)
    if not shown:
        return None
    register_fonts()
    leading = font_size * 1.2
    labels = [direction_label(r.change_pct) for r in shown if r.change_pct is not None]
    label_w = max(stringWidth(t, REGULAR, font_size) for t in labels) + font_size * 0.6
    # Names beside the bars; in a narrow column (A5) above them, so the bars keep a readable length.
    stacked = width < STACK_BELOW * font_size
    name_w = width if stacked else width * 0.36
    bar_x0 = 0.0 if stacked else name_w + font_size * 0.6
    bar_w = max(width - bar_x0 - label_w, width * 0.2)
    values = [float(r.change_pct) for r in shown if r.change_pct is not None]
    lo, hi = min(0.0, *values), max(0.0, *values)
    scale = bar_w / ((hi - lo) or 1.0)
    zero_x = bar_x0 - lo * scale
    # A measure is one line of text wherever it is printed: any line breaks typed into it are spaces here.
    wrapped = [tuple(simpleSplit(" ".join(_strip_missing(r.measure).split()) or "(no measure)", REGULAR, font_size,
                                 name_w))
               for r in shown]
    bar_row = font_size * 1.6
    heights = [(len(lines) * leading + bar_row if stacked else max(len(lines) * leading, bar_row)) + font_size * 0.7
               for lines in wrapped]
    title_h, legend_h = font_size * 2.4, font_size * 2.4
    height = title_h + sum(heights) + legend_h
    bars: list[Bar] = []
    top = height - title_h
    for row, lines, h, label, value in zip(shown, wrapped, heights, labels, values, strict=True):
        bar_h = font_size * 1.1
        x = min(zero_x, zero_x + value * scale)
        if stacked:
            first_baseline = top - font_size * 0.35 - font_size
            middle = top - font_size * 0.35 - len(lines) * leading - bar_row / 2
        else:
            middle = top - h / 2
            first_baseline = middle + (len(lines) - 1) * leading / 2 - font_size * 0.35
        bars.append(Bar(lines, first_baseline, x, middle - bar_h / 2, abs(value) * scale, bar_h, label,
                        middle - font_size * 0.35, row.outcome or ""))
        top -= h
    legend: list[tuple[str, str, float]] = []
    x = 0.0
    for outcome, words in LEGEND:
        legend.append((outcome, words, x))
        x += font_size * 2 + stringWidth(words, REGULAR, font_size) + font_size * 1.5
    pad = font_size * 0.3
    axis = (tuple((b.y - pad, b.y + b.height + pad) for b in bars) if stacked
            else ((legend_h * 0.8, height - title_h),))
    return ChartLayout(width, height, font_size, height - font_size * 1.3, zero_x, axis,
                       width - label_w + font_size * 0.6, tuple(bars), font_size * 0.6, tuple(legend))


def hatch(x: float, y: float, w: float, h: float, step: float) -> list[tuple[float, float, float, float]]:
    """45° hatch lines filling the rectangle, as segments (x1, y1, x2, y2)."""
    out = []
    t = -h
    while t < w:
        u0, u1 = max(0.0, -t), min(h, w - t)
        if u1 > u0:
            out.append((x + t + u0, y + u0, x + t + u1, y + u1))
        t += step
    return out


def summary(rows: tuple[ResultRow, ...]) -> str:
    """The chart in words, for its text alternative: what it shows, the biggest fall and rise."""
    shown = [r for r in charted(rows) if r.change_pct is not None]
    if not shown:
        return ""
    falls = sorted((r for r in shown if r.change_pct is not None and r.change_pct < 0), key=lambda r: r.change_pct or 0)
    rises = sorted((r for r in shown if r.change_pct is not None and r.change_pct > 0),
                   key=lambda r: -(r.change_pct or 0))
    parts = [f"Bar chart of the change in {len(shown)} measure{'s' * (len(shown) != 1)} on the year before; "
             "the results table gives the same figures."]
    if falls:
        parts.append(f"{len(falls)} fell, the most {falls[0].measure} ({direction_label(falls[0].change_pct or Decimal())[2:]}).")
    if rises:
        parts.append(f"{len(rises)} rose, the most {rises[0].measure} ({direction_label(rises[0].change_pct or Decimal())[2:]}).")
    return " ".join(parts)


# ---- the PDF: a reportlab Drawing -------------------------------------------------------------------

def _bar_shapes(bar: Bar, pal: Palette) -> list[object]:
    if bar.outcome == "missed":
        lines = Path(strokeColor=pal.navy, strokeWidth=0.5, fillColor=None)  # one path: drawn in one go
        for x1, y1, x2, y2 in hatch(bar.x, bar.y, bar.width, bar.height, _HATCH_STEP):
            lines.moveTo(x1, y1)
            lines.lineTo(x2, y2)
        return [Rect(bar.x, bar.y, bar.width, bar.height, fillColor=pal.white, strokeColor=pal.navy, strokeWidth=0.6),
                lines]
    fill = pal.navy if bar.outcome == "achieved" else pal.rule
    return [Rect(bar.x, bar.y, bar.width, bar.height, fillColor=fill, strokeColor=None)]


def _swatch(outcome: str, x: float, layout: ChartLayout) -> Bar:
    size = layout.font_size
    return Bar((), 0, x, layout.legend_y - size * 0.05, size * 1.5, size * 0.9, "", 0, outcome)




def results_chart(rows: tuple[ResultRow, ...], width: float, pal: Palette) -> list[Drawing]:
    """The chart as a one-element list of Drawing flowables (empty when nothing can be charted).

    Made once per distinct results, width and palette: a render or keystroke elsewhere reuses it
    (drawing reads a Drawing and changes it only while drawing it: reportlab's renderer sets and deletes
    `_parent` and `canv` on it, so each thread has its own: the preview renders in a worker thread).
    """
    drawing = _drawing(rows, leaflet.typed_forms(rows), width, ByIdentity(pal), threading.get_ident())
    return [] if drawing is None else [drawing]


@lru_cache(maxsize=64)  # keyed on the percentages as typed too: "31.50%" is not "31.5%" on the bars
def _drawing(rows: tuple[ResultRow, ...], _typed: tuple[tuple[str, str], ...], width: float,
             key: ByIdentity[Palette], thread: int) -> Drawing | None:
    pal = key.obj
    layout = chart_layout(rows, width)
    if layout is None:
        return None
    size = layout.font_size
    drawing = Drawing(layout.width, layout.height)
    group = Group()
    group.add(String(0, layout.title_y, TITLE, fontName=BOLD, fontSize=size + 1, fillColor=pal.navy))
    for bar in layout.bars:
        for i, line in enumerate(bar.lines):
            group.add(String(0, bar.name_y - i * size * 1.2, line, fontName=REGULAR, fontSize=size, fillColor=pal.ink))
        for shape in _bar_shapes(bar, pal):
            group.add(shape)
        group.add(String(layout.label_x, bar.label_y, bar.label, fontName=REGULAR, fontSize=size, fillColor=pal.ink))
    for bottom, top in layout.axis:
        group.add(Line(layout.zero_x, bottom, layout.zero_x, top, strokeColor=pal.ink, strokeWidth=0.6))
    for outcome, words, x in layout.legend:
        swatch = _swatch(outcome, x, layout)
        for shape in _bar_shapes(swatch, pal):
            group.add(shape)
        group.add(String(x + size * 2, layout.legend_y, words, fontName=REGULAR, fontSize=size, fillColor=pal.ink))
    drawing.add(group)
    drawing.hAlign = "LEFT"
    # The renderer sets its default font (Helvetica, never embedded) unless the drawing names one.
    drawing.initialFontName, drawing.initialFontSize = REGULAR, size
    # The layout leaves the chart out rather than push text off its page (the table has the figures).
    drawing._optional = LEFT_OUT
    return drawing


# ---- the web edition: inline SVG --------------------------------------------------------------------

_SVG_COLOURS = {"navy": "#12326b", "rule": "#9fb2cc", "ink": "#1a1a1a", "white": "#ffffff"}
SVG_WIDTH = 360.0  # stacked: readable at a phone's 320 px and, up to 26rem wide, on a desktop
SVG_FONT = 13.0


def _svg_bar(bar: Bar, flip: float) -> list[str]:
    y = flip - bar.y - bar.height
    if bar.outcome == "missed":
        out = [f'<rect x="{bar.x:.1f}" y="{y:.1f}" width="{bar.width:.1f}" height="{bar.height:.1f}" '
               f'fill="#ffffff" stroke="{_SVG_COLOURS["navy"]}" stroke-width="1"/>']
        out += [f'<line x1="{x1:.1f}" y1="{flip - y1:.1f}" x2="{x2:.1f}" y2="{flip - y2:.1f}" '
                f'stroke="{_SVG_COLOURS["navy"]}" stroke-width="0.9"/>'
                for x1, y1, x2, y2 in hatch(bar.x, bar.y, bar.width, bar.height, _HATCH_STEP * SVG_FONT / 7.5)]
        return out
    fill = _SVG_COLOURS["navy" if bar.outcome == "achieved" else "rule"]
    return [f'<rect x="{bar.x:.1f}" y="{y:.1f}" width="{bar.width:.1f}" height="{bar.height:.1f}" fill="{fill}"/>']


def _svg_text(x: float, y: float, text: str, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{weight}>{escape(text)}</text>'


def results_svg(rows: tuple[ResultRow, ...], ident: str = "results-chart") -> str:
    """The chart as an inline <figure> with SVG (role img, named by its title and summary); "" when empty."""
    layout = chart_layout(rows, SVG_WIDTH, SVG_FONT)
    if layout is None:
        return ""
    h, size = layout.height, layout.font_size
    body = [_svg_text(0, h - layout.title_y, TITLE, bold=True)]
    for bar in layout.bars:
        body += [_svg_text(0, h - (bar.name_y - i * size * 1.2), line) for i, line in enumerate(bar.lines)]
        body += _svg_bar(bar, h)
        body.append(_svg_text(layout.label_x, h - bar.label_y, bar.label))
    body += [f'<line x1="{layout.zero_x:.1f}" y1="{h - bottom:.1f}" x2="{layout.zero_x:.1f}" y2="{h - top:.1f}" '
             f'stroke="{_SVG_COLOURS["ink"]}" stroke-width="1"/>' for bottom, top in layout.axis]
    for outcome, words, x in layout.legend:
        body += _svg_bar(_swatch(outcome, x, layout), h)
        body.append(_svg_text(x + size * 2, h - layout.legend_y, words))
    text = summary(rows)
    return "\n".join([
        f'<figure class="chart" id={quoteattr(ident)}>',
        f'<svg viewBox="0 0 {layout.width:.0f} {h:.0f}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="\'Liberation Sans\', Arial, sans-serif" font-size="{size:.0f}" fill="{_SVG_COLOURS["ink"]}">',
        f'<title id="{ident}-title">{escape(TITLE)}</title>', f'<desc id="{ident}-desc">{escape(text)}</desc>',
        *body, "</svg>", f"<figcaption>{escape(text)}</figcaption>", "</figure>"])
