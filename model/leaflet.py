"""What the leaflet prints, section by section, as plain text: the one definition of derived wording.

Headings built from data ("Message from Borough Commander Paul Rickett"), a results row as
printed ("136 offences or -12.7%"), a priority's targets as a phrase: the PDF, the web edition,
the seed comparison and the approval fingerprint all take their words from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from model.text import Block, Bullets, Paragraph, parse_blocks
from model.types import Borough, Contact, EditionContent, Priority, ResultRow, Section, Target

OUTCOME_LABELS = {"achieved": "Target achieved", "missed": "Target missed"}


def format_pct(value: Decimal, *, signed: bool = True) -> str:
    """-12.7 → "-12.7%", 21.4 → "+21.4%" (the sign always printed, as in the seed)."""
    text = f"{value:+}" if signed else f"{abs(value)}"
    return f"{text}%"


def result_line(row: ResultRow) -> str:
    """"136 offences or -12.7%"; parts not yet filled in are left out."""
    parts = []
    if row.change is not None:
        count = abs(row.change)
        parts.append(f"{count:,} offence{'' if count == 1 else 's'}")
    if row.change_pct is not None:
        parts.append(format_pct(row.change_pct))
    return " or ".join(parts)


def outcome_label(row: ResultRow) -> str:
    return OUTCOME_LABELS.get(row.outcome or "", "")


def target_phrase(target: Target) -> str:
    """target_pct -1.0 on "gun crime" → "1.0% reduction in gun crime"."""
    if target.target_pct is None:
        return target.measure
    direction = "reduction" if target.target_pct <= 0 else "increase"
    return f"{format_pct(target.target_pct, signed=False)} {direction} in {target.measure}"


def priority_text(priority: Priority) -> str:
    """A priority bullet: its own text, else its targets joined by commas."""
    if priority.text:
        return priority.text
    return ", ".join(target_phrase(t) for t in priority.targets)


def title(content: EditionContent, borough: Borough) -> str:
    return f"{content.title} {borough.borough}".strip()


def local_information_heading(borough: Borough) -> str:
    return f"{borough.borough}: local information"


def commander_heading(borough: Borough) -> str:
    return f"Message from {borough.commander.title} {borough.commander.name}".strip()


def initiatives_heading(borough: Borough) -> str:
    return f"{borough.borough}: local police initiatives"


def results_heading(content: EditionContent, borough: Borough) -> str:
    return f"How did {borough.borough} perform during {content.period}?"


def priorities_heading(content: EditionContent) -> str:
    return f"Priorities for {content.next_period}"


CONTACTS_HEADING = "Useful contacts"


def contact_lines(contact: Contact) -> list[str]:
    """A contact as printed: name (and note), then tel/minicom/email/web lines."""
    name = f"{contact.name} ({contact.note})" if contact.note else contact.name
    lines = [name] if name else []
    if contact.phone:
        lines.append(f"tel: {contact.phone}")
    if contact.minicom:
        lines.append(f"Minicom: {contact.minicom}")
    lines.extend(x for x in (contact.email, contact.web) if x)
    return lines


def emergency_lines(content: EditionContent) -> list[str]:
    lines = []
    if content.emergency:
        lines.append(f"In an emergency always dial {content.emergency}")
    if content.non_emergency:
        lines.append(f"Non-emergency dial {content.non_emergency}")
    return lines


def contacts(content: EditionContent, borough: Borough) -> list[tuple[Contact, tuple[Contact, ...]]]:
    """Each edition contact with the borough's own contacts under the one marked for them."""
    return [(c, borough.contacts if c.borough_contacts else ()) for c in content.contacts]


@dataclass(frozen=True)
class PrintedSection:
    """One section of the leaflet as text: `key` is the field-path prefix it is edited under."""

    key: str
    heading: str
    subheading: str
    blocks: tuple[Block, ...]


def _section(key: str, section: Section) -> PrintedSection:
    return PrintedSection(key, section.heading, section.subheading, tuple(parse_blocks(section.text)))


def printed_sections(content: EditionContent, borough: Borough) -> list[PrintedSection]:
    """The whole leaflet in reading order, as the seed leaflet orders it."""
    dm = content.deputy_mayor
    c = borough.commander
    rows = tuple(
        Paragraph(" ".join(x for x in (r.measure, result_line(r), outcome_label(r)) if x)) for r in borough.results
    )
    contact_blocks: list[Block] = []
    for contact, own in contacts(content, borough):
        contact_blocks.append(Paragraph(" ".join(contact_lines(contact))))
        contact_blocks.extend(Paragraph(" ".join(contact_lines(o))) for o in own)
    initiative_blocks: list[Block] = []
    for initiative in borough.initiatives:
        if initiative.title:
            initiative_blocks.append(Paragraph(initiative.title))
        initiative_blocks.extend(parse_blocks(initiative.text))
    return [
        PrintedSection("title", title(content, borough), "", ()),
        PrintedSection("deputy_mayor", dm.heading, "",
                       (*parse_blocks(dm.message), Paragraph(dm.name), Paragraph(dm.title))),
        _section("met_forward", content.met_forward),
        _section("mpa_work", content.mpa_work),
        _section("looking_back", content.looking_back),
        PrintedSection("commander", local_information_heading(borough), commander_heading(borough),
                       tuple(parse_blocks(c.message))),
        PrintedSection("initiatives", initiatives_heading(borough), "", tuple(initiative_blocks)),
        PrintedSection("results", results_heading(content, borough), "", rows),
        PrintedSection("looking_forward", content.looking_forward.heading, priorities_heading(content),
                       (*parse_blocks(content.looking_forward.text),
                        Bullets(tuple(priority_text(p) for p in borough.priorities)))),
        _section("have_your_say", content.have_your_say),
        _section("cpegs", content.cpegs),
        PrintedSection("contacts", CONTACTS_HEADING, "",
                       (*contact_blocks, *(Paragraph(line) for line in emergency_lines(content)))),
    ]


def printed_text(content: EditionContent, borough: Borough) -> str:
    """Every word the leaflet prints, one paragraph or bullet per line, in reading order."""
    lines: list[str] = []
    for section in printed_sections(content, borough):
        lines.extend(x for x in (section.heading, section.subheading) if x)
        for block in section.blocks:
            lines.extend([block.text] if isinstance(block, Paragraph) else block.items)
    return "\n".join(lines)
