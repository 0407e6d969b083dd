"""Figures in prose against the results table: contradictions, qualifiers, readings, arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from model.catalogue import load_catalogue
from model.checks.arithmetic import combined_pct, decimals_of, round_as_printed
from model.checks.figures import ProseFigure, find_figures
from model.checks.measures import rows_for
from model.findings import Finding
from model.types import Borough, EditionContent, ResultRow

Status = Literal["verified", "contradicted", "ambiguous", "unsourced"]

_UP = re.compile(r"\b(rose|risen|increase[sd]?|up|more|higher|grew|grown|rise)\b", re.I)
_DOWN = re.compile(r"\b(fell|fallen|reduc\w*|down|fewer|lower|decrease[sd]?|cut|drop\w*|decline\w*)\b", re.I)
_GAP = re.compile(r"\b(gap|difference)\b", re.I)
# A count is compared with the table only when it is a count of offences ("136 fewer robberies").
_OFFENCE_COUNT = re.compile(r"^\s+(fewer|more|less|additional|offences|crimes|burglar|robber|victims)", re.I)
NEARLY_WITHIN = Decimal("0.10")  # "nearly 30%": the true figure is below 30 but within 10% of it
AROUND_WITHIN = Decimal("0.05")


@dataclass(frozen=True)
class Reading:
    """One thing a sentence's measure may mean, and its value in the table."""

    label: str  # "theft from vehicles" or "all vehicle crime (theft from + theft or taking of vehicles)"
    value: Decimal  # unsigned percentage or count


@dataclass(frozen=True)
class Verdict:
    """What the checks concluded about one figure in prose."""

    figure: ProseFigure
    status: Status
    note: str


def holds(qualifier: str, stated: Decimal, actual: Decimal, places: int) -> bool:
    """Does `actual` (unsigned) support "<qualifier> <stated>"?"""
    if qualifier == "more_than":
        return actual > stated
    if qualifier == "at_least":
        return actual >= stated
    if qualifier == "less_than":
        return actual < stated
    if qualifier == "up_to":
        return actual <= stated
    if qualifier == "nearly":
        return stated * (1 - NEARLY_WITHIN) <= actual < stated
    if qualifier == "around":
        return abs(actual - stated) <= max(stated * AROUND_WITHIN, Decimal(1).scaleb(-places))
    return round_as_printed(actual, places) == stated


def _readings(figure: ProseFigure, rows: list[ResultRow]) -> list[Reading]:
    catalogue = load_catalogue()
    out: list[Reading] = []
    for mention in catalogue.mentions(figure.sentence):
        phrase = mention.phrase
        matched = rows_for(mention.measure, rows, catalogue)
        covered = matched
        for row in matched:
            value = row.change_pct if figure.unit == "percent" else (
                Decimal(row.change) if row.change is not None else None)
            if value is not None:
                out.append(Reading(row.measure.lower(), abs(value)))
        if len(matched) > 1 and len(matched) == len(covered) and figure.unit == "percent":
            combined = combined_pct(matched)
            if combined is not None:
                parts = " + ".join(r.measure.lower() for r in matched)
                out.append(Reading(f"all {phrase} ({parts})", abs(combined)))
    return out


def _direction_conflict(figure: ProseFigure, rows: list[ResultRow]) -> bool:
    said_down = bool(_DOWN.search(figure.sentence))
    said_up = bool(_UP.search(figure.sentence))
    if said_down == said_up:
        return False
    catalogue = load_catalogue()
    signs = {
        (row.change_pct or 0) > 0
        for mention in catalogue.mentions(figure.sentence)
        for row in rows_for(mention.measure, rows, catalogue)
    }
    return signs == {True} if said_down else signs == {False}


def _describe(reading: Reading, figure: ProseFigure) -> str:
    unit = "%" if figure.unit == "percent" else " offences"
    shown = round_as_printed(reading.value, 1) if figure.unit == "percent" else reading.value
    return f"{reading.label}: {shown}{unit}"


def judge(figure: ProseFigure, rows: list[ResultRow]) -> Verdict:
    """Verified, contradicted, ambiguous (some readings hold) or unsourced."""
    if figure.unit == "points":
        return Verdict(figure, "unsourced", "percentage points are checked by the arithmetic check only")
    if figure.unit == "count" and not _OFFENCE_COUNT.match(figure.after):
        return Verdict(figure, "unsourced", "not a count of offences in the results table")
    readings = _readings(figure, rows)
    if not readings:
        return Verdict(figure, "unsourced", "no measure of the results table is named in this sentence")
    if _direction_conflict(figure, rows):
        return Verdict(figure, "contradicted", "the sentence says the opposite direction to the table")
    places = decimals_of(figure.value)
    good = [r for r in readings if holds(figure.qualifier, figure.value, r.value, places)]
    described = "; ".join(_describe(r, figure) for r in readings)
    if len(good) == len(readings):
        return Verdict(figure, "verified", described)
    if not good:
        return Verdict(figure, "contradicted", described)
    return Verdict(figure, "ambiguous", described)


def _qualified(figure: ProseFigure) -> str:
    words = {"more_than": "over ", "nearly": "nearly ", "around": "around ", "up_to": "up to ",
             "less_than": "less than ", "at_least": "at least "}
    return words.get(figure.qualifier, "") + figure.raw


def _arithmetic(path: str, text: str) -> list[Finding]:
    """A gap between two percentages in one sentence: is it right, and in percentage points?"""
    out = []
    figures = find_figures(text)
    for sentence in {f.sentence for f in figures}:
        if not _GAP.search(sentence):
            continue
        in_sentence = [f for f in figures if f.sentence == sentence]
        pcts = [f for f in in_sentence if f.unit == "percent"]
        if len(pcts) < 2:
            continue
        gap = abs(pcts[0].value - pcts[1].value)
        stated = next((f for f in in_sentence if f.unit == "points"), None) or (pcts[2] if len(pcts) > 2 else None)
        if stated is None:
            continue
        if stated.unit == "percent":
            out.append(Finding(path, "warning", "prose.points_not_percent",
                               f"'{stated.raw}' is a difference between two percentages ({pcts[0].raw} and "
                               f"{pcts[1].raw}): write it in percentage points"))
        if round_as_printed(gap, decimals_of(stated.value)) != stated.value:
            out.append(Finding(path, "error", "prose.arithmetic",
                               f"{pcts[0].raw} and {pcts[1].raw} differ by {gap} percentage points, not "
                               f"{stated.value}"))
    return out


def verdicts(text: str, rows: list[ResultRow]) -> list[Verdict]:
    return [judge(f, rows) for f in find_figures(text)]


def check_text(path: str, text: str, rows: list[ResultRow]) -> list[Finding]:
    """Findings about the figures in one field's text, against the table `rows` (may be empty)."""
    out = _arithmetic(path, text)
    for v in verdicts(text, rows):
        quoted = f"'{_qualified(v.figure)}'"
        if v.status == "contradicted":
            out.append(Finding(path, "error", "prose.contradicts_table",
                               f"{quoted} does not match the results table ({v.note}); correct the text or the table"))
        elif v.status == "ambiguous":
            out.append(Finding(path, "warning", "prose.ambiguous_measure",
                               f"{quoted} holds for some readings of the measure but not all ({v.note}); "
                               f"name the measure exactly"))
        elif v.status == "unsourced" and v.figure.unit != "points":
            out.append(Finding(path, "info", "prose.unsourced",
                               f"{quoted} has no source in the results table; a reviewer should verify it"))
    return out


def borough_texts(borough: Borough) -> list[tuple[str, str]]:
    """(field path, text) of every borough field with prose."""
    out = [("commander.message", borough.commander.message)]
    out += [(f"initiatives[{i}].text", x.text) for i, x in enumerate(borough.initiatives)]
    out += [(f"initiatives[{i}].title", x.title) for i, x in enumerate(borough.initiatives)]
    out += [(f"priorities[{i}].text", p.text) for i, p in enumerate(borough.priorities) if p.text]
    return out


def edition_texts(content: EditionContent) -> list[tuple[str, str]]:
    """(field path, text) of every pan-London field with prose."""
    out = [("deputy_mayor.message", content.deputy_mayor.message)]
    for key in ("met_forward", "mpa_work", "looking_back", "looking_forward", "have_your_say", "cpegs"):
        section = getattr(content, key)
        out += [(f"{key}.heading", section.heading), (f"{key}.subheading", section.subheading),
                (f"{key}.text", section.text)]
    return out


def check_borough(borough: Borough) -> list[Finding]:
    rows = list(borough.results)
    return [f for path, text in borough_texts(borough) for f in check_text(path, text, rows)]


def check_edition(content: EditionContent) -> list[Finding]:
    # Pan-London figures speak of London as a whole: never compared with one borough's table.
    return [f for path, text in edition_texts(content) for f in check_text(path, text, [])]
