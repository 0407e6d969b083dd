"""One builder per leaflet section, each returning the flowables it prints (tagged with its section key)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, ImageAndFlowables, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.paraparser import ParaFrag

from export.chart import results_chart
from export.fonts import BOLD, REGULAR
from export.images import Photo, PhotoReader
from export.markup import emphasis, typeset
from export.markup import linked as _linked
from export.markup import plain as _plain
from export.styles import MIN_SIZE, ByIdentity, Styles
from model import leaflet
from model.text import Bullets, parse_blocks
from model.text import Paragraph as TextParagraph
from model.types import Borough, Contact, EditionContent, Section


@dataclass
class Context:
    """What every builder needs: the documents, styles, whether links are live, decoded photos."""

    content: EditionContent
    borough: Borough
    styles: Styles
    links: bool
    col_width: float
    photos: dict[str, Photo] = field(default_factory=dict)  # field path → photo
    box_width: float = 0.0  # the commander's box, inside its padding


# Markup from the same texts on every render and keystroke: made once per text, like the parse below.
linked = lru_cache(maxsize=4096)(_linked)
plain = lru_cache(maxsize=4096)(_plain)


@lru_cache(maxsize=4096)
def _parsed(markup: str, style: ParagraphStyle, bullet: str | None) -> tuple[str, ParagraphStyle, tuple[ParaFrag, ...],
                                                                          object]:
    """reportlab's parse of one paragraph's markup: its cleaned text, style, fragments and bullet."""
    para = Paragraph(markup, style, bulletText=bullet)
    return para.text, para.style, tuple(para.frags), para.bulletText


class _Cell(Paragraph):
    """A table cell's paragraph. reportlab wraps every cell again to draw the table, and the table of a section an
    edit left alone is reused (`layout.section_flows`): the lines of this paragraph's last wrap at the same width
    are kept, as long as they are still its own (a split drops them; its parts are new paragraphs)."""

    _kept: tuple[float, object] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        kept = self._kept
        if kept is not None and kept[1] is not None and kept[0] == availWidth and getattr(self, "blPara", None) is kept[1]:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._kept = (availWidth, getattr(self, "blPara", None))
        return size


def cell(markup: str, style: ParagraphStyle) -> Paragraph:
    """`paragraph(markup, style)` for a table cell (see `_Cell`)."""
    text, parsed_style, frags, bullet_text = _parsed(markup, style, None)
    return _Cell(text, parsed_style, bulletText=bullet_text, frags=[f.clone() for f in frags])


def paragraph(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """`Paragraph(markup, style, bulletText=bullet)`, parsing each distinct markup once.

    Parsing (reportlab's HTMLParser-based ParaParser) was a fifth of an export, and an edit changes one
    paragraph of a hundred. Styles are keyed by identity, so every style used here is made once (see
    `_fit_style`, `_outcome_style`). Each Paragraph gets its own copies of the fragments: wrapping
    annotates them, and the preview renders in a worker thread while the editor measures.
    """
    text, parsed_style, frags, bullet_text = _parsed(markup, style, bullet)
    return Paragraph(text, parsed_style, bulletText=bullet_text, frags=[f.clone() for f in frags])


@lru_cache(maxsize=256)
def _fit_style(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """`style` at a smaller size, made once (a new style each time would never find its parse again)."""
    return ParagraphStyle(f"{style.name}_fit", parent=style, fontSize=size)


@lru_cache(maxsize=16)
def _outcome_style(cell: ParagraphStyle, outcome: str, colour: Color) -> ParagraphStyle:
    return ParagraphStyle(f"cell_{outcome}", parent=cell, fontName=BOLD, textColor=colour)


def _para(ctx: Context, text: str, style: str, width: float = 0.0) -> Paragraph:
    chosen = ctx.styles[style]
    width = width or ctx.col_width
    if " " not in text.strip():  # a lone web address: shrink it onto one line rather than break it
        needed = stringWidth(text.strip(), chosen.fontName, chosen.fontSize)
        if needed > width:  # by at most 15%: beyond that it breaks after / . @ - (markup.allow_url_breaks)
            size = max(MIN_SIZE, chosen.fontSize * 0.85, chosen.fontSize * width / needed * 0.98)
            chosen = _fit_style(chosen, round(size, 1))
    return paragraph(emphasis(linked(text, links=ctx.links, colour=ctx.styles.colours.hex("blue"))), chosen)


def _heading(ctx: Context, text: str, style: str = "h1", bookmark: bool = True) -> Paragraph:
    para = paragraph(plain(text), ctx.styles[style])
    # keep-with-next: a heading never ends a column without two lines of its text under it
    para._keep_space = 2 * ctx.styles["body"].leading
    if bookmark:
        para._bookmark = text
    return para


def _blocks(ctx: Context, text: str, width: float = 0.0) -> list[Flowable]:
    """A long text's paragraphs and bullets, `*emphasis*` in italic; each tagged with its words for cut reports."""
    out: list[Flowable] = []
    blocks = parse_blocks(text)
    for i, block in enumerate(blocks):
        if isinstance(block, TextParagraph):
            para = _para(ctx, block.text, "body", width)
            if block.text.rstrip().endswith(":") and i + 1 < len(blocks) and isinstance(blocks[i + 1], Bullets):
                para._keep_space = 1  # a list's lead-in stays with its first item
            out.append(para)
        elif isinstance(block, Bullets):
            out.extend(paragraph(emphasis(linked(item, links=ctx.links)), ctx.styles["bullet"], "•")
                       for item in block.items)
            out.append(Spacer(1, 3))
    return out


def _section(ctx: Context, section: Section) -> list[Flowable]:
    out: list[Flowable] = [_heading(ctx, section.heading)]
    if section.subheading:
        out.append(_heading(ctx, section.subheading, "h2", bookmark=False))
    return out + _blocks(ctx, section.text)


class _PhotoImage(Image):
    """An Image flowable drawn from a `PhotoReader`, so the PDF embeds the JPEG without decoding it."""

    def __init__(self, photo: Photo, width: float, height: float) -> None:
        self._img = PhotoReader(photo)  # set before Image.__init__, which otherwise makes a plain reader
        super().__init__(io.BytesIO(photo.data), width=width, height=height)


    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """Its full size, or down to `SHRINK` of it when that is what the column has left (no hole above)."""
        self.drawWidth, self.drawHeight = self._full
        if self.drawHeight > ah and ah >= self._full[1] * SHRINK and getattr(self, "_flexible", False):
            scale = ah / self._full[1]
            self.drawWidth, self.drawHeight = self._full[0] * scale, ah
        return self.drawWidth, self.drawHeight


SHRINK = 0.75  # a column photo may be set this much smaller to fill the foot of a column


def _image(photo: Photo, width: float, *, flexible: bool = False) -> Image:
    image = _PhotoImage(photo, width, width * photo.height / photo.width)
    image._full = (image.drawWidth, image.drawHeight)
    image._flexible = flexible
    return image


def _signature(ctx: Context, name: str, title: str) -> list[Flowable]:
    """Name and title, never parted by a column break."""
    signed = paragraph(plain(name), ctx.styles["sign_name"])
    signed._keep_space = 1
    return [signed, paragraph(plain(title), ctx.styles["sign_title"])]


def deputy_mayor(ctx: Context) -> list[Flowable]:
    dm = ctx.content.deputy_mayor
    return [_heading(ctx, dm.heading), *_blocks(ctx, dm.message), *_signature(ctx, dm.name, dm.title)]


class _Stack(Flowable):
    """Flowables stacked at one width, never split: the photo and pull quote beside the commander's message."""

    def __init__(self, parts: list[Flowable], width: float) -> None:
        super().__init__()
        self.parts, self.width = parts, width
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._sizes = [p.wrap(self.width, ah) for p in self.parts]
        gaps = sum(p.getSpaceBefore() for p in self.parts[1:])
        self.height = sum(h for _, h in self._sizes) + gaps
        return self.width, self.height

    def _restrictSize(self, aw: float, ah: float) -> tuple[float, float]:  # what ImageAndFlowables asks its image
        return self.wrap(aw, ah)

    def draw(self) -> None:
        y = self.height
        for i, (part, (_, h)) in enumerate(zip(self.parts, self._sizes, strict=True)):
            y -= h + (part.getSpaceBefore() if i else 0)
            part.drawOn(self.canv, 0, y)


def pull_quote(ctx: Context) -> Paragraph | None:
    """The commander's chosen sentence, set large beside the message (in curly quotes)."""
    quote = ctx.borough.commander.pull_quote.strip()
    if not quote:
        return None
    return paragraph(f"\u201c{plain(quote)}\u201d", ctx.styles["pull_quote"])


def commander(ctx: Context) -> list[Flowable]:
    """The commander's box: heading, then the photo and pull quote at the left, the message beside and under."""
    c = ctx.borough.commander
    width = ctx.box_width or ctx.col_width
    body: list[Flowable] = [_heading(ctx, leaflet.commander_heading(ctx.borough), "h2", bookmark=False),
                            *_blocks(ctx, c.message, width), *_signature(ctx, c.name, c.title)]
    out: list[Flowable] = [_heading(ctx, leaflet.local_information_heading(ctx.borough))]
    photo = ctx.photos.get("commander.photo")
    quote = pull_quote(ctx)
    side: list[Flowable] = [_image(photo, PHOTO_WIDTHS["commander"])] if photo is not None else []
    if quote is not None:
        side.append(quote)
    if not side:
        return out + body
    return [*out, ImageAndFlowables(_Stack(side, PHOTO_WIDTHS["commander"]), body, imageSide="left",
                                    imageRightPadding=5 * mm, imageBottomPadding=3)]


def initiatives(ctx: Context) -> list[Flowable]:
    out: list[Flowable] = [_heading(ctx, leaflet.initiatives_heading(ctx.borough))]
    for i, initiative in enumerate(ctx.borough.initiatives):
        if initiative.title:
            out.append(_heading(ctx, initiative.title, "h3", bookmark=False))
        photo = ctx.photos.get(f"initiatives[{i}].photo")
        if photo is not None:
            out += [_image(photo, ctx.col_width, flexible=True), Spacer(1, 5)]
        out += _blocks(ctx, initiative.text)
    return out


def _outcome_cell(ctx: Context, outcome: str | None, label: str) -> Paragraph:
    if not outcome:
        return cell("", ctx.styles["cell"])
    mark = "●" if outcome == "achieved" else "○"  # filled / hollow: reads in black and white too
    style = _outcome_style(ctx.styles["cell"], outcome, ctx.styles.colours.colours[outcome])
    return cell(f"{mark}\u00a0{plain(label)}", style)


def _results_widths(ctx: Context, columns: list[list[str]], heads: list[tuple[str, bool]]) -> list[float]:
    """Column widths for measure, change (and outcome): the change on one line where the column allows, then the
    outcome; no column narrower than its longest word (words are never broken), the measure taking the rest."""
    w, pad = ctx.col_width, 7.0
    size = ctx.styles["cell"].fontSize

    def width(text: str, bold: bool) -> float:
        return float(stringWidth(text, BOLD if bold else REGULAR, size))

    def needed(texts: list[str], bold: bool, head: str) -> tuple[float, float]:
        """(one line each, the longest word) including the cell padding."""
        line = max([width(t, bold) for t in texts] + [width(head, True)])
        word = max([width(x, bold) for t in texts for x in t.split()] + [width(head, True)])
        return line + pad, word + pad

    (_, measure_min), *rest = [needed(col, bold, head) for col, (head, bold) in zip(columns, heads, strict=True)]
    measure_min = max(measure_min, 0.28 * w)
    mins = [word for _, word in rest]
    widths: list[float] = []
    for i, (line, word) in enumerate(rest):
        room = w - measure_min - sum(widths) - sum(mins[i + 1:])
        widths.append(max(word, min(line, room)))
    return [max(w - sum(widths), 0.2 * w), *widths]


def results_table(ctx: Context) -> Table:
    """The results table: measure, change (right-aligned, as model/leaflet.py words it, typeset), outcome.

    The outcome column is left out when no row has an outcome yet.
    """
    s = ctx.styles
    rows_data = ctx.borough.results
    has_outcome = any(row.outcome for row in rows_data)
    changes = [leaflet.result_line(row, ctx.content.results_wording) for row in rows_data]
    printed = [plain(text) for text in changes]
    head: list[Flowable] = [cell("Measure", s["cell_head"]), cell("Change", s["cell_head_num"])]
    if has_outcome:
        head.append(cell("Outcome", s["cell_head"]))
    rows: list[list[Flowable]] = [head]
    for row, change in zip(rows_data, printed, strict=True):
        cells: list[Flowable] = [cell(plain(row.measure), s["cell"]), cell(change, s["cell_num"])]
        if has_outcome:
            cells.append(_outcome_cell(ctx, row.outcome, leaflet.outcome_label(row)))
        rows.append(cells)
    columns = [[row.measure for row in rows_data], [typeset(c) for c in changes]]
    heads = [("Measure", False), ("Change", False)]
    if has_outcome:
        columns.append([f"\u25cf {leaflet.outcome_label(r)}" for r in rows_data if r.outcome])
        heads.append(("Outcome", True))
    widths = _results_widths(ctx, columns, heads)
    total = sum(widths)
    table = Table(rows, colWidths=[x * ctx.col_width / total for x in widths], repeatRows=1, splitInRow=1)
    pal = s.colours
    size = s["cell"].fontSize
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, size), ("FONT", (0, 0), (-1, 0), BOLD, size),
        ("BACKGROUND", (0, 0), (-1, 0), pal.head), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, pal.rule), ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), pal.pale) for r in range(2, len(rows), 2)]
    table.setStyle(TableStyle(commands))
    return table


def results_block(ctx: Context) -> list[Flowable]:
    """The results section's flowables in order: heading (of section rank), table, then the chart.

    The results chart (export/chart.py) is appended here, after the table.
    """
    return [_heading(ctx, leaflet.results_heading(ctx.content, ctx.borough)), results_table(ctx), Spacer(1, 6),
            *results_chart(ctx.borough.results, ctx.col_width, ctx.styles.colours)]


def results(ctx: Context) -> list[Flowable]:
    return results_block(ctx)


def looking_forward(ctx: Context) -> list[Flowable]:
    out = _section(ctx, ctx.content.looking_forward)
    out.append(_heading(ctx, leaflet.priorities_heading(ctx.content), "h2", bookmark=False))
    out += [paragraph(plain(leaflet.priority_text(p)), ctx.styles["bullet"], "•") for p in ctx.borough.priorities]
    return [*out, Spacer(1, 4)]


def _contact(ctx: Context, contact: Contact, style: str) -> Paragraph:
    lines = leaflet.contact_lines(contact)
    if not lines:
        return paragraph("", ctx.styles[style])
    first = f"<b>{plain(lines[0])}</b>"
    rest = [linked(x, links=ctx.links, colour=ctx.styles.colours.hex("blue")) for x in lines[1:]]
    return paragraph("<br/>".join([first, *rest]), ctx.styles[style])


def contacts(ctx: Context) -> list[Flowable]:
    out: list[Flowable] = [_heading(ctx, leaflet.CONTACTS_HEADING)]
    for contact, own in leaflet.contacts(ctx.content, ctx.borough):
        out.append(_contact(ctx, contact, "contact"))
        out += [_contact(ctx, o, "contact_own") for o in own]
    return out


def emergency(ctx: Context) -> list[Flowable]:
    lines = leaflet.emergency_lines(ctx.content)
    s = ctx.styles
    out: list[Flowable] = []
    for i, line in enumerate(lines):
        style = s["band_big"] if i == 0 else s["band_small"]
        out.append(paragraph(plain(line), style))
    return out


PHOTO_WIDTHS = {"commander": 40 * mm}

BUILDERS: dict[str, Callable[[Context], list[Flowable]]] = {
    "deputy_mayor": deputy_mayor,
    "met_forward": lambda ctx: _section(ctx, ctx.content.met_forward),
    "mpa_work": lambda ctx: _section(ctx, ctx.content.mpa_work),
    "looking_back": lambda ctx: _section(ctx, ctx.content.looking_back),
    "commander": commander,
    "initiatives": initiatives,
    "results": results,
    "looking_forward": looking_forward,
    "have_your_say": lambda ctx: _section(ctx, ctx.content.have_your_say),
    "cpegs": lambda ctx: _section(ctx, ctx.content.cpegs),
    "contacts": contacts,
    "emergency": emergency,
}


def _photo_key(ctx: Context, path: str) -> object:
    photo = ctx.photos.get(path)
    return None if photo is None else photo.digest or photo  # a Photo without digest hashes its bytes




# Everything each builder reads from the documents and photos: equal inputs build equal flowables,
# so the layout check re-measures only the sections an edit touched. (Styles, links and the column
# width are the same for the whole leaflet: `inputs` adds them.) tests/export/test_section_inputs.py
# changes every field in turn to prove nothing a builder prints is missing here.
INPUTS: dict[str, Callable[[Context], tuple[object, ...]]] = {
    "deputy_mayor": lambda ctx: (ctx.content.deputy_mayor,),
    "met_forward": lambda ctx: (ctx.content.met_forward,),
    "mpa_work": lambda ctx: (ctx.content.mpa_work,),
    "looking_back": lambda ctx: (ctx.content.looking_back,),
    "commander": lambda ctx: (ctx.borough.borough, ctx.borough.commander, _photo_key(ctx, "commander.photo")),
    "initiatives": lambda ctx: (ctx.borough.borough, ctx.borough.initiatives, *(
        _photo_key(ctx, f"initiatives[{i}].photo") for i in range(len(ctx.borough.initiatives)))),
    "results": lambda ctx: (ctx.borough.borough, ctx.content.period, ctx.content.results_wording, ctx.borough.results),
    "looking_forward": lambda ctx: (ctx.content.looking_forward, ctx.content.next_period, ctx.borough.priorities),
    "have_your_say": lambda ctx: (ctx.content.have_your_say,),
    "cpegs": lambda ctx: (ctx.content.cpegs,),
    "contacts": lambda ctx: (ctx.content.contacts, ctx.borough.contacts),
    "emergency": lambda ctx: (ctx.content.emergency, ctx.content.non_emergency),
}


def inputs(key: str, ctx: Context) -> tuple[object, ...]:
    """A hashable key for what `build_section(key, ctx)` prints."""
    return (key, ctx.links, ctx.col_width, ByIdentity(ctx.styles), *INPUTS[key](ctx))


def build_section(key: str, ctx: Context) -> list[Flowable]:
    """The section's flowables, each tagged `_section = key` so overflow can name its section."""
    flowables = BUILDERS[key](ctx)
    for f in flowables:
        f._section = key
    return flowables
