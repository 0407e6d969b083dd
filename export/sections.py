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
from export.markup import linked as _linked
from export.markup import plain as _plain
from export.styles import Styles
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


# Markup from the same texts on every render and keystroke: made once per text, like the parse below.
linked = lru_cache(maxsize=4096)(_linked)
plain = lru_cache(maxsize=4096)(_plain)


@lru_cache(maxsize=4096)
def _parsed(markup: str, style: ParagraphStyle, bullet: str | None) -> tuple[str, ParagraphStyle, tuple[ParaFrag, ...],
                                                                          object]:
    """reportlab's parse of one paragraph's markup: its cleaned text, style, fragments and bullet."""
    para = Paragraph(markup, style, bulletText=bullet)
    return para.text, para.style, tuple(para.frags), para.bulletText


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


def _para(ctx: Context, text: str, style: str) -> Paragraph:
    chosen = ctx.styles[style]
    if " " not in text.strip():  # a lone web address: shrink it onto one line rather than break it mid-word
        width = stringWidth(text.strip(), chosen.fontName, chosen.fontSize)
        if width > ctx.col_width:
            chosen = _fit_style(chosen, max(6.5, chosen.fontSize * ctx.col_width / width * 0.98))
    return paragraph(linked(text, links=ctx.links, colour=ctx.styles.colours.hex("blue")), chosen)


def _heading(ctx: Context, text: str, style: str = "h1", bookmark: bool = True) -> Paragraph:
    para = paragraph(plain(text), ctx.styles[style])
    para._keep_space = 4 * ctx.styles["body"].leading  # never alone at a frame foot
    if bookmark:
        para._bookmark = text
    return para


def _blocks(ctx: Context, text: str) -> list[Flowable]:
    out: list[Flowable] = []
    for block in parse_blocks(text):
        if isinstance(block, TextParagraph):
            out.append(_para(ctx, block.text, "body"))
        elif isinstance(block, Bullets):
            out.extend(paragraph(linked(item, links=ctx.links), ctx.styles["bullet"], "•") for item in block.items)
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


def _image(photo: Photo, width: float) -> Image:
    return _PhotoImage(photo, width, width * photo.height / photo.width)


def deputy_mayor(ctx: Context) -> list[Flowable]:
    dm = ctx.content.deputy_mayor
    return [_heading(ctx, dm.heading), *_blocks(ctx, dm.message),
            paragraph(plain(dm.name), ctx.styles["sign_name"]), paragraph(plain(dm.title), ctx.styles["sign_title"])]


def commander(ctx: Context) -> list[Flowable]:
    c = ctx.borough.commander
    body: list[Flowable] = [_heading(ctx, leaflet.commander_heading(ctx.borough), "h2", bookmark=False),
                            *_blocks(ctx, c.message), paragraph(plain(c.name), ctx.styles["sign_name"]),
                            paragraph(plain(c.title), ctx.styles["sign_title"])]
    out: list[Flowable] = [_heading(ctx, leaflet.local_information_heading(ctx.borough))]
    photo = ctx.photos.get("commander.photo")
    if photo is None:
        return out + body
    return [*out, ImageAndFlowables(_image(photo, PHOTO_WIDTHS["commander"]), body, imageSide="left",
                                    imageRightPadding=5 * mm, imageBottomPadding=3)]


def initiatives(ctx: Context) -> list[Flowable]:
    out: list[Flowable] = [_heading(ctx, leaflet.initiatives_heading(ctx.borough))]
    for i, initiative in enumerate(ctx.borough.initiatives):
        if initiative.title:
            out.append(_heading(ctx, initiative.title, "h3", bookmark=False))
        photo = ctx.photos.get(f"initiatives[{i}].photo")
        if photo is not None:
            out += [_image(photo, ctx.col_width), Spacer(1, 5)]
        out += _blocks(ctx, initiative.text)
    return out


def _outcome_cell(ctx: Context, outcome: str | None, label: str) -> Paragraph:
    if not outcome:
        return paragraph("", ctx.styles["cell"])
    mark = "●" if outcome == "achieved" else "○"  # filled / hollow: reads in black and white too
    style = _outcome_style(ctx.styles["cell"], outcome, ctx.styles.colours.colours[outcome])
    return paragraph(f"{mark} {plain(label)}", style)


def results(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    rows: list[list[Flowable]] = [[paragraph("Measure", s["cell_head"]), paragraph("Change", s["cell_head"]),
                                   paragraph("Outcome", s["cell_head"])]]
    for row in ctx.borough.results:
        printed = leaflet.result_line(row, ctx.content.results_wording)
        rows.append([paragraph(plain(row.measure), s["cell"]), paragraph(plain(printed), s["cell"]),
                     _outcome_cell(ctx, row.outcome, leaflet.outcome_label(row))])
    w = ctx.col_width
    table = Table(rows, colWidths=[w * 0.35, w * 0.32, w * 0.33], repeatRows=1, splitInRow=1)
    pal = s.colours
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.6), ("FONT", (0, 0), (-1, 0), BOLD, 8.6),
        ("BACKGROUND", (0, 0), (-1, 0), pal.head), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, pal.rule), ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), pal.pale) for r in range(2, len(rows), 2)]
    table.setStyle(TableStyle(commands))
    return [_heading(ctx, leaflet.results_heading(ctx.content, ctx.borough), "h2"), table, Spacer(1, 6),
            *results_chart(ctx.borough.results, ctx.col_width, pal)]


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


class _Same:
    """An unhashable object (the Styles) in a cache key, equal only to itself; holding it keeps its id unique."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.obj is self.obj

    def __hash__(self) -> int:
        return id(self.obj)


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
    return (key, ctx.links, ctx.col_width, _Same(ctx.styles), *INPUTS[key](ctx))


def build_section(key: str, ctx: Context) -> list[Flowable]:
    """The section's flowables, each tagged `_section = key` so overflow can name its section."""
    flowables = BUILDERS[key](ctx)
    for f in flowables:
        f._section = key
    return flowables
