"""The web edition's markup: one builder per leaflet section, in the leaflet's order, escaped throughout.

Mirrors export/sections.py (what each PDF section prints), with every derived word taken from
model/leaflet.py and every long text split by model/text.parse_blocks. The page is built for
WCAG 2.2 AA: one h1, headings in order, landmarks, a skip link, the results as a data table
with a caption and scoped header cells, outcomes in words, links for every phone number, email
and web address. No script: the page is read as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from export.chart import results_svg
from export.html_photos import WebPhoto
from export.html_text import esc, link, linked, web_href, with_number
from model import leaflet
from model.text import Block, Bullets, Paragraph, parse_blocks
from model.types import Borough, Contact, EditionContent, Section

STYLESHEET = "leaflet.css"
SKIP_LINK_TEXT = "Skip to main content"
CONTENTS_HEADING = "Contents"
# The PDF's column headings (export/sections.py results()), and the marks beside each outcome:
# filled / hollow, so the outcome reads in words and shape, never by colour alone.
COLUMNS = ("Measure", "Change", "Outcome")
OUTCOME_MARKS = {"achieved": "●", "missed": "○"}


def page_title(content: EditionContent, borough: Borough) -> str:
    """The browser tab's title: "Tower Hamlets Local Policing Summary 2009/10"."""
    return " ".join(x for x in (borough.borough, content.title, content.period) if x.strip())


def results_caption(content: EditionContent, borough: Borough) -> str:
    """What the results table holds, for the table's <caption> (web only: the PDF has no caption)."""
    period = f" during {content.period}" if content.period else ""
    return f"Change in offences{period} and whether each target was achieved, by measure"


def anchor(key: str) -> str:
    return key.replace("_", "-")


@dataclass
class PageContext:
    """What every builder needs: the documents and the borough's photos keyed by field path."""

    content: EditionContent
    borough: Borough
    photos: dict[str, WebPhoto]


def blocks_html(blocks: list[Block] | tuple[Block, ...], css_class: str = "") -> list[str]:
    """Paragraphs as <p>, bullet runs as one <ul>; web addresses and emails linked."""
    attr = f' class="{css_class}"' if css_class else ""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(f"<p{attr}>{linked(block.text)}</p>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{linked(item)}</li>" for item in block.items)
            out.append(f"<ul>{items}</ul>")
    return out


def _text(text: str) -> list[str]:
    return blocks_html(parse_blocks(text))


def _heading(level: int, text: str, ident: str = "") -> str:
    attr = f' id="{esc(ident)}"' if ident else ""
    return f"<h{level}{attr}>{esc(text)}</h{level}>"


def _signature(name: str, title: str) -> list[str]:
    lines = [f'<p class="signature-name">{esc(name)}</p>'] if name else []
    return lines + ([f'<p class="signature-title">{esc(title)}</p>'] if title else [])


def _img(photo: WebPhoto | None, css_class: str) -> list[str]:
    if photo is None:
        return []
    return [f'<img class="{css_class}" src="{esc(photo.name)}" alt="{esc(photo.alt)}" '
            f'width="{photo.width}" height="{photo.height}">']


def _section_body(section: Section) -> list[str]:
    out = [_heading(3, section.subheading)] if section.subheading else []
    return out + _text(section.text)


def deputy_mayor(ctx: PageContext) -> list[str]:
    dm = ctx.content.deputy_mayor
    return [*_text(dm.message), *_signature(dm.name, dm.title)]


def commander(ctx: PageContext) -> list[str]:
    c = ctx.borough.commander
    return [_heading(3, leaflet.commander_heading(ctx.borough)), *_img(ctx.photos.get("commander.photo"), "portrait"),
            *_text(c.message), *_signature(c.name, c.title)]


def initiatives(ctx: PageContext) -> list[str]:
    out: list[str] = []
    for i, initiative in enumerate(ctx.borough.initiatives):
        body = [_heading(3, initiative.title)] if initiative.title else []
        body += _img(ctx.photos.get(f"initiatives[{i}].photo"), "photo")
        body += _text(initiative.text)
        out += ['<div class="initiative">', *body, "</div>"]
    return out


def _outcome(outcome: str | None, label: str) -> str:
    if not outcome or not label:
        return "<td></td>"
    mark = OUTCOME_MARKS.get(outcome, "")
    return (f'<td class="outcome outcome-{esc(outcome)}"><span class="mark" aria-hidden="true">{mark}</span> '
            f"{esc(label)}</td>")


def results(ctx: PageContext) -> list[str]:
    if not ctx.borough.results:
        return []
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in COLUMNS)
    rows = [f'<tr><th scope="row">{esc(r.measure)}</th><td>{esc(leaflet.result_line(r, ctx.content.results_wording))}</td>'
            f"{_outcome(r.outcome, leaflet.outcome_label(r))}</tr>" for r in ctx.borough.results]
    # A focusable, named region: at 400% zoom a table wider than the screen scrolls here, not the page.
    return ['<div class="table-scroll" role="region" aria-labelledby="results-caption" tabindex="0">',
            "<table>", f'<caption id="results-caption">{esc(results_caption(ctx.content, ctx.borough))}</caption>',
            f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>", "</div>",
            results_svg(ctx.borough.results)]


def looking_forward(ctx: PageContext) -> list[str]:
    out = _section_body(ctx.content.looking_forward)
    priorities = [leaflet.priority_text(p) for p in ctx.borough.priorities]
    if priorities:
        out.append(_heading(3, leaflet.priorities_heading(ctx.content)))
        out += blocks_html([Bullets(tuple(priorities))])
    return out


def _contact_line(line: str, contact: Contact) -> str:
    """One printed contact line with its number, email or address as a link."""
    for number in (contact.phone, contact.minicom):
        if number and line.endswith(number):
            return with_number(line, number)
    if contact.email and line == contact.email:
        return link(f"mailto:{contact.email.strip()}", line)
    if contact.web and line == contact.web:
        return link(web_href(contact.web.strip()), line)
    return linked(line)


def _contact(contact: Contact, own: tuple[Contact, ...] = ()) -> str:
    lines = leaflet.contact_lines(contact)
    if not lines:
        return ""
    name_first = bool(contact.name)  # contact_lines starts with the name (and note) when there is one
    parts = [f'<p class="contact-name">{esc(lines[0])}</p>'] if name_first else []
    parts += [f'<p class="contact-line">{_contact_line(x, contact)}</p>' for x in lines[int(name_first):]]
    nested = "".join(_contact(o) for o in own)
    sub = f'<ul class="contacts contacts-own">{nested}</ul>' if nested else ""
    return f"<li>{''.join(parts)}{sub}</li>"


def contacts(ctx: PageContext) -> list[str]:
    items = [_contact(c, own) for c, own in leaflet.contacts(ctx.content, ctx.borough)]
    out = [f'<ul class="contacts">{"".join(items)}</ul>'] if any(items) else []
    numbers = (ctx.content.emergency, ctx.content.non_emergency)
    band = [f'<p class="{"emergency-main" if i == 0 and ctx.content.emergency else "emergency-other"}">'
            f"{with_number(line, next((n for n in numbers if n and line.endswith(n)), ''))}</p>"
            for i, line in enumerate(leaflet.emergency_lines(ctx.content))]
    return out + (['<div class="emergency">', *band, "</div>"] if band else [])


BUILDERS: dict[str, Callable[[PageContext], list[str]]] = {
    "deputy_mayor": deputy_mayor,
    "met_forward": lambda ctx: _section_body(ctx.content.met_forward),
    "mpa_work": lambda ctx: _section_body(ctx.content.mpa_work),
    "looking_back": lambda ctx: _section_body(ctx.content.looking_back),
    "commander": commander,
    "initiatives": initiatives,
    "results": results,
    "looking_forward": looking_forward,
    "have_your_say": lambda ctx: _section_body(ctx.content.have_your_say),
    "cpegs": lambda ctx: _section_body(ctx.content.cpegs),
    "contacts": contacts,
}


def _sections(ctx: PageContext) -> tuple[list[str], list[tuple[str, str]]]:
    """The <section>s in the leaflet's reading order, and (anchor, heading) for the contents list."""
    body: list[str] = []
    toc: list[tuple[str, str]] = []
    for printed in leaflet.printed_sections(ctx.content, ctx.borough):
        if printed.key not in BUILDERS:  # the title: the page's h1
            continue
        inner = BUILDERS[printed.key](ctx)
        if not printed.heading and not inner:
            continue
        ident = anchor(printed.key)
        if printed.heading:
            toc.append((ident, printed.heading))
            body += [f'<section id="{ident}" aria-labelledby="{ident}-heading">',
                     _heading(2, printed.heading, f"{ident}-heading")]
        else:
            body.append(f'<section id="{ident}">')
        body += [*inner, "</section>"]
    return body, toc


def render_page(content: EditionContent, borough: Borough, photos: dict[str, WebPhoto], *,
                stylesheet: str = STYLESHEET) -> str:
    """The whole page as an HTML5 document (UTF-8 text)."""
    ctx = PageContext(content, borough, photos)
    body, toc = _sections(ctx)
    title = leaflet.title(content, borough)
    period = f'<p class="period">{esc(content.period)}</p>' if content.period else ""
    contents = "".join(f'<li><a href="#{ident}">{esc(heading)}</a></li>' for ident, heading in toc)
    nav = (f'<nav class="contents" aria-labelledby="contents-heading"><div class="wrap">'
           f'<h2 id="contents-heading">{CONTENTS_HEADING}</h2><ol>{contents}</ol></div></nav>') if toc else ""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(page_title(content, borough))}</title>",
        f'<link rel="stylesheet" href="{esc(stylesheet)}">',
        "</head>",
        "<body>",
        f'<a class="skip-link" href="#main">{SKIP_LINK_TEXT}</a>',
        f'<header class="masthead"><div class="wrap"><h1>{esc(title)}</h1>{period}</div></header>',
        nav,
        '<main id="main" tabindex="-1"><div class="wrap">',
        *body,
        "</div></main>",
        f'<footer class="page-footer"><div class="wrap">'
        f'<p>{esc(" ".join(x for x in (title, content.period) if x))}</p>'
        f'<p><a href="#main">Back to the start of the content</a></p></div></footer>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(x for x in lines if x)
