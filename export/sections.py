"""One builder per leaflet section, each returning the flowables it prints (tagged with its section key)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, ImageAndFlowables, Paragraph, Spacer, Table, TableStyle

from export.fonts import BOLD, REGULAR
from export.images import Photo
from export.markup import linked, plain
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


def _para(ctx: Context, text: str, style: str) -> Paragraph:
    chosen = ctx.styles[style]
    if " " not in text.strip():  # a lone web address: shrink it onto one line rather than break it mid-word
        width = stringWidth(text.strip(), chosen.fontName, chosen.fontSize)
        if width > ctx.col_width:
            size = max(6.5, chosen.fontSize * ctx.col_width / width * 0.98)
            chosen = ParagraphStyle(f"{style}_fit", parent=chosen, fontSize=size)
    return Paragraph(linked(text, links=ctx.links, colour=ctx.styles.colours.hex("blue")), chosen)


def _heading(ctx: Context, text: str, style: str = "h1", bookmark: bool = True) -> Paragraph:
    para = Paragraph(plain(text), ctx.styles[style])
    para._keep_space = 4 * ctx.styles["body"].leading  # type: ignore[attr-defined]  # never alone at a frame foot
    if bookmark:
        para._bookmark = text  # type: ignore[attr-defined]
    return para


def _blocks(ctx: Context, text: str) -> list[Flowable]:
    out: list[Flowable] = []
    for block in parse_blocks(text):
        if isinstance(block, TextParagraph):
            out.append(_para(ctx, block.text, "body"))
        elif isinstance(block, Bullets):
            out.extend(Paragraph(linked(item, links=ctx.links), ctx.styles["bullet"], bulletText="•")
                       for item in block.items)
            out.append(Spacer(1, 3))
    return out


def _section(ctx: Context, section: Section) -> list[Flowable]:
    out: list[Flowable] = [_heading(ctx, section.heading)]
    if section.subheading:
        out.append(_heading(ctx, section.subheading, "h2", bookmark=False))
    return out + _blocks(ctx, section.text)


def _image(photo: Photo, width: float) -> Image:
    height = width * photo.height / photo.width
    return Image(io.BytesIO(photo.data), width=width, height=height)


def deputy_mayor(ctx: Context) -> list[Flowable]:
    dm = ctx.content.deputy_mayor
    return [_heading(ctx, dm.heading), *_blocks(ctx, dm.message),
            Paragraph(plain(dm.name), ctx.styles["sign_name"]), Paragraph(plain(dm.title), ctx.styles["sign_title"])]


def commander(ctx: Context) -> list[Flowable]:
    c = ctx.borough.commander
    body: list[Flowable] = [_heading(ctx, leaflet.commander_heading(ctx.borough), "h2", bookmark=False),
                            *_blocks(ctx, c.message), Paragraph(plain(c.name), ctx.styles["sign_name"]),
                            Paragraph(plain(c.title), ctx.styles["sign_title"])]
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
        return Paragraph("", ctx.styles["cell"])
    mark = "●" if outcome == "achieved" else "○"  # filled / hollow: reads in black and white too
    style = ParagraphStyle(f"cell_{outcome}", parent=ctx.styles["cell"], fontName=BOLD,
                           textColor=ctx.styles.colours.colours[outcome])
    return Paragraph(f"{mark} {plain(label)}", style)


def results(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    rows: list[list[Flowable]] = [[Paragraph("Measure", s["cell_head"]), Paragraph("Change", s["cell_head"]),
                                   Paragraph("Outcome", s["cell_head"])]]
    for row in ctx.borough.results:
        rows.append([Paragraph(plain(row.measure), s["cell"]), Paragraph(plain(leaflet.result_line(row)), s["cell"]),
                     _outcome_cell(ctx, row.outcome, leaflet.outcome_label(row))])
    w = ctx.col_width
    table = Table(rows, colWidths=[w * 0.35, w * 0.32, w * 0.33], repeatRows=1, splitInRow=1)
    pal = s.colours
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.6), ("FONT", (0, 0), (-1, 0), BOLD, 8.6),
        ("BACKGROUND", (0, 0), (-1, 0), pal.navy), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, pal.rule), ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), pal.pale) for r in range(2, len(rows), 2)]
    table.setStyle(TableStyle(commands))
    return [_heading(ctx, leaflet.results_heading(ctx.content, ctx.borough), "h2"), table, Spacer(1, 6)]


def looking_forward(ctx: Context) -> list[Flowable]:
    out = _section(ctx, ctx.content.looking_forward)
    out.append(_heading(ctx, leaflet.priorities_heading(ctx.content), "h2", bookmark=False))
    out += [Paragraph(plain(leaflet.priority_text(p)), ctx.styles["bullet"], bulletText="•")
            for p in ctx.borough.priorities]
    return [*out, Spacer(1, 4)]


def _contact(ctx: Context, contact: Contact, style: str) -> Paragraph:
    lines = leaflet.contact_lines(contact)
    if not lines:
        return Paragraph("", ctx.styles[style])
    first = f"<b>{plain(lines[0])}</b>"
    rest = [linked(x, links=ctx.links, colour=ctx.styles.colours.hex("blue")) for x in lines[1:]]
    return Paragraph("<br/>".join([first, *rest]), ctx.styles[style])


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
        out.append(Paragraph(plain(line), style))
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


def build_section(key: str, ctx: Context) -> list[Flowable]:
    """The section's flowables, each tagged `_section = key` so overflow can name its section."""
    flowables = BUILDERS[key](ctx)
    for f in flowables:
        f._section = key  # type: ignore[attr-defined]
    return flowables
