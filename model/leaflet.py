"""What the leaflet prints, section by section, as plain text: the one definition of derived wording.

Headings built from data ("Message from Borough Commander Paul Rickett"), a results row as
printed ("136 fewer (-12.7%)", or the seed's "136 offences or -12.7%"), a priority's targets as a phrase: the PDF, the web edition,
the seed comparison and the approval fingerprint all take their words from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from model.text import Block, Bullets, Paragraph, parse_blocks
from model.types import Borough, Contact, EditionContent, Priority, ResultRow, ResultsWording, Section, Target

OUTCOME_LABELS = {"achieved": "Target achieved", "missed": "Target missed"}


def format_pct(value: Decimal, *, signed: bool = True) -> str:
    """-12.7 → "-12.7%", 21.4 → "+21.4%" (the sign always printed, as in the seed)."""
    text = f"{value:+}" if signed else f"{abs(value)}"
    return f"{text}%"


def typed_forms(rows: tuple[ResultRow, ...]) -> tuple[tuple[str, str], ...]:
    """The rows' percentages as typed, for cache keys: equal Decimals print differently.

    Decimal("-31.5") == Decimal("-31.50"), so a cache keyed on the rows alone hands a table retyped
    with another decimal place the findings or chart labels of the old one (docs/mutation.md).
    """
    return tuple((str(r.change_pct), str(r.target_pct)) for r in rows)


def printed_change(row: ResultRow) -> int | None:
    """The change a row prints: as typed, else derived from its two counts."""
    if row.change is not None:
        return row.change
    if row.previous is not None and row.current is not None:
        return row.current - row.previous
    return None


def printed_pct(row: ResultRow) -> Decimal | None:
    """The % change a row prints: as typed, else derived from its counts to one decimal place."""
    if row.change_pct is not None:
        return row.change_pct
    change = printed_change(row)
    previous = row.previous if row.previous is not None else (
        row.current - change if row.current is not None and change is not None else None)
    if change is None or not previous or previous < 0:
        return None
    return (Decimal(change) * 100 / Decimal(previous)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _noun(row: ResultRow, count: int) -> str:
    noun = row.noun.strip() or "offences"
    if count != 1:
        return noun
    return noun[:-3] + "y" if noun.endswith("ies") else noun[:-1] if noun.endswith("s") else noun


def result_line(row: ResultRow, wording: ResultsWording = "fewer_more") -> str:
    """A results row's change as printed; parts not filled in (nor derivable) are left out.

    "fewer_more": "136 fewer (-12.7%)", "44 more victims (+21.4%)", "-11.0%" for a
    percentage-only row. "offences_or" (the 2009/10 seed): "136 offences or -12.7%".
    A row measured from another period adds it: "886 fewer (-64.1%) since 2006/07".
    """
    change, pct = printed_change(row), printed_pct(row)
    if wording == "offences_or":
        parts = []
        if change is not None:
            parts.append(f"{abs(change):,} {_noun(row, abs(change))}")
        if pct is not None:
            parts.append(format_pct(pct))
        text = " or ".join(parts)
    else:
        count = ""
        if change is not None:
            way = "fewer" if change < 0 else "more" if change > 0 else ""
            noun = f" {_noun(row, abs(change))}" if row.noun.strip() else ""
            count = f"{abs(change):,} {way}{noun}" if way else "no change"
        shown = format_pct(pct) if pct is not None else ""
        text = f"{count} ({shown})" if count and shown else count or shown
    return f"{text} since {row.baseline.strip()}" if text and row.baseline.strip() else text


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
        Paragraph(" ".join(x for x in (r.measure, result_line(r, content.results_wording), outcome_label(r)) if x))
        for r in borough.results
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
