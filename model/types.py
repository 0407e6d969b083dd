"""The document types of an edition: immutable dataclasses mirroring the YAML files key for key."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

FORMAT_VERSION = 1
"""The file format this code writes; older versions are migrated on load (see migrations.py)."""

Outcome = Literal["achieved", "missed"]
# How a results row prints its change: "136 fewer (-12.7%)" (keeps the direction in words), or the
# 2009/10 seed leaflet's "136 offences or -12.7%".
ResultsWording = Literal["fewer_more", "offences_or"]
Status = Literal["draft", "in_review", "changes_requested", "approved"]
STATUS_LABELS: dict[str, str] = {
    "draft": "Draft",
    "in_review": "In review",
    "changes_requested": "Changes requested",
    "approved": "Approved",
}


# --- shared by both files -------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """One entry of "Useful contacts": a name and any of phone, minicom, email, web address."""

    name: str = ""
    note: str = ""
    phone: str = ""
    minicom: str = ""
    email: str = ""
    web: str = ""
    # In edition.yaml only: the borough's own contacts are printed under this entry.
    borough_contacts: bool = False


@dataclass(frozen=True)
class Section:
    """A pan-London text section. `text`: paragraphs split by blank lines, `- ` starts a bullet."""

    heading: str = ""
    subheading: str = ""
    text: str = ""


# --- edition.yaml ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Page geometry of the printed leaflet, set once per edition."""

    page_size: Literal["A4", "A5"] = "A4"
    pages: int = 4


@dataclass(frozen=True)
class Message:
    """A signed message with an optional portrait (the Deputy Mayor's)."""

    heading: str = ""
    name: str = ""
    title: str = ""
    message: str = ""
    photo: str = ""
    alt: str = ""


@dataclass(frozen=True)
class Logo:
    """A brand mark in the masthead: an image file in the edition folder (`images/NAME.png`) and its alt text."""

    file: str = ""
    alt: str = ""


DEFAULT_STRAPLINE = "How your borough was policed, and what happens next"


@dataclass(frozen=True)
class MeasureEntry:
    """A headline measure in the catalogue (resources/measures.yaml), or an edition's override of one.

    `parts`: the measures it sums; `read_as`: the rows prose naming it means when the table has
    no row of this name; `noun`: what its count is printed as ("victims"; empty = offences).
    """

    name: str = ""
    synonyms: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    read_as: tuple[str, ...] = ()
    noun: str = ""
    higher_is_better: bool = False


@dataclass(frozen=True)
class EditionContent:
    """edition.yaml: the pan-London content shared by every borough's leaflet, and the period."""

    format: int = FORMAT_VERSION
    period: str = ""
    next_period: str = ""
    title: str = "Local Policing Summary"
    layout: Layout = field(default_factory=Layout)
    deputy_mayor: Message = field(default_factory=Message)
    met_forward: Section = field(default_factory=Section)
    mpa_work: Section = field(default_factory=Section)
    looking_back: Section = field(default_factory=Section)
    looking_forward: Section = field(default_factory=Section)
    have_your_say: Section = field(default_factory=Section)
    cpegs: Section = field(default_factory=Section)
    contacts: tuple[Contact, ...] = ()
    emergency: str = "999"
    non_emergency: str = ""
    # The masthead: the line under the borough's name, and up to two logos at its right.
    strapline: str = DEFAULT_STRAPLINE
    logos: tuple[Logo, ...] = ()
    # The measures catalogue's entries this edition adds or overrides (by name), and the
    # measures this year's results table must carry (empty: none is required).
    measures: tuple[MeasureEntry, ...] = ()
    table_measures: tuple[str, ...] = ()
    results_wording: ResultsWording = "fewer_more"
    # Plain English targets (docs/checks.md): a section's Flesch reading ease below this is reported
    # (60–70 is plain English; official prose often scores 40–50), and sentences longer than this.
    reading_ease_target: int = 50
    long_sentence_words: int = 30


# --- boroughs/<slug>.yaml -------------------------------------------------------------------


@dataclass(frozen=True)
class Commander:
    """The borough commander and their message (paragraphs split by blank lines)."""

    name: str = ""
    title: str = "Borough Commander"
    message: str = ""
    photo: str = ""
    alt: str = ""
    # One sentence of the message, printed large beside it (checked: it must be a sentence of the message).
    pull_quote: str = ""


@dataclass(frozen=True)
class Initiative:
    """One local police initiative."""

    title: str = ""
    text: str = ""
    photo: str = ""
    alt: str = ""


@dataclass(frozen=True)
class ResultRow:
    """One row of "How did <borough> perform": signed change, signed % change, and the outcome.

    `previous`/`current` are the offence counts of the two years, `target_pct` the signed target
    (-2.5 means "reduce by 2.5%"). Percentages are Decimals so "-12.70" keeps its printed form.
    """

    measure: str = ""
    change: int | None = None
    change_pct: Decimal | None = None
    outcome: Outcome | None = None
    previous: int | None = None
    current: int | None = None
    target_pct: Decimal | None = None
    # What the row counts, printed after the count ("44 victims"); empty: offences.
    noun: str = ""
    # The period the change is measured from when it is not last year ("2006/07"); printed.
    baseline: str = ""


@dataclass(frozen=True)
class Target:
    """A machine-readable target: `target_pct` -1.0 on "serious acquisitive crime" is a 1% cut."""

    measure: str = ""
    target_pct: Decimal | None = None


@dataclass(frozen=True)
class Priority:
    """One bullet of next year's priorities: its targets, or free `text`, or both.

    Without `text` the leaflet prints the targets ("1.0% reduction in gun crime, ...").
    """

    targets: tuple[Target, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Comment:
    """A reviewer's comment attached to a field path such as `results[1]`."""

    id: str = ""
    path: str = ""
    author: str = ""
    time: str = ""
    text: str = ""
    resolved: bool = False


@dataclass(frozen=True)
class Approval:
    """Who approved which content: `fingerprint` hashes everything the leaflet prints."""

    by: str = ""
    at: str = ""
    fingerprint: str = ""
    # The account and computer the approval was given from, beside the name typed in `by`.
    user: str = ""
    host: str = ""


@dataclass(frozen=True)
class PrintOverride:
    """A print export made despite the print gate, and why."""

    by: str = ""
    at: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Borough:
    """boroughs/<slug>.yaml: one borough's own part of the leaflet and its review state."""

    format: int = FORMAT_VERSION
    borough: str = ""
    status: Status = "draft"
    commander: Commander = field(default_factory=Commander)
    initiatives: tuple[Initiative, ...] = ()
    results: tuple[ResultRow, ...] = ()
    priorities: tuple[Priority, ...] = ()
    contacts: tuple[Contact, ...] = ()
    comments: tuple[Comment, ...] = ()
    approval: Approval | None = None
    print_overrides: tuple[PrintOverride, ...] = ()


# Keys written even when they hold their default, so a new file shows where things go.
ALWAYS_WRITTEN: dict[type, frozenset[str]] = {
    EditionContent: frozenset({"format", "period", "next_period", "title", "layout", "emergency",
                               "non_emergency", "contacts"}),
    Layout: frozenset({"page_size", "pages"}),
    Borough: frozenset({"format", "borough", "status", "commander", "initiatives", "results",
                        "priorities", "contacts"}),
    Commander: frozenset({"name", "title", "message"}),
    Initiative: frozenset({"title", "text"}),
    ResultRow: frozenset({"measure", "change", "change_pct", "outcome"}),
    Section: frozenset({"heading", "text"}),
    Message: frozenset({"heading", "name", "title", "message"}),
    Contact: frozenset({"name"}),
    Target: frozenset({"measure", "target_pct"}),
}
