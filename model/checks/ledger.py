"""The figure ledger: every number the leaflet prints, where, and whether the checks could verify it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from model.catalogue import load_catalogue
from model.checks import prose, results
from model.leaflet import format_pct, result_line, target_phrase
from model.types import Borough, EditionContent, ResultRow

LedgerStatus = Literal["verified", "contradicted", "ambiguous", "unsourced"]


@dataclass(frozen=True)
class LedgerEntry:
    """One printed figure: the field it is in, as printed, its sentence, and what the checks found."""

    path: str
    figure: str
    context: str
    status: LedgerStatus
    note: str


def _table(content: EditionContent, borough: Borough) -> list[LedgerEntry]:
    errors: dict[int, list[str]] = {}
    for finding in results.check(borough, load_catalogue(content)):
        if finding.severity == "error" and finding.path.startswith("results["):
            index = int(finding.path[len("results["):finding.path.index("]")])
            errors.setdefault(index, []).append(finding.message)
    out = []
    for i, row in enumerate(borough.results):
        printed = result_line(row, content.results_wording)
        if not printed:
            continue
        if i in errors:
            status: LedgerStatus = "contradicted"
            note = "; ".join(errors[i])
        elif row.previous is not None and row.current is not None:
            status, note = "verified", f"matches the counts {row.previous:,} → {row.current:,}"
        else:
            status = "verified"
            note = "change and percentage are consistent with a whole-number baseline (no counts given)"
        out.append(LedgerEntry(f"results[{i}]", printed, row.measure, status, note))
        if row.target_pct is not None:
            out.append(LedgerEntry(f"results[{i}].target_pct", format_pct(row.target_pct), row.measure,
                                   "verified" if i not in errors else "contradicted", "the target the outcome follows"))
    return out


def _prose(path: str, text: str, rows: list[ResultRow], content: EditionContent, borough: str = "") -> list[LedgerEntry]:
    return [LedgerEntry(path, v.figure.raw, v.figure.sentence, v.status, v.note)
            for v in prose.verdicts(text, rows, content.period, load_catalogue(content), borough,
                                    prose.states_aims(path))]


def figure_ledger(content: EditionContent, borough: Borough) -> list[LedgerEntry]:
    """Every figure of the borough's leaflet, in reading order of the fields."""
    rows = list(borough.results)
    out: list[LedgerEntry] = []
    for path, text in prose.edition_texts(content):
        out += _prose(path, text, [], content)  # London-wide figures: no borough table speaks for them
    for path, text in prose.borough_texts(borough):
        out += _prose(path, text, rows, content, borough.borough)
    out += _table(content, borough)
    for i, priority in enumerate(borough.priorities):
        for j, target in enumerate(priority.targets):
            if target.target_pct is not None:
                out.append(LedgerEntry(f"priorities[{i}].targets[{j}]", format_pct(target.target_pct, signed=False),
                                       target_phrase(target), "unsourced", prose.AIM_NOTE))
    return out
