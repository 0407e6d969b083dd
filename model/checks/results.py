"""Checks of the results table: counts against change and %, signs, outcomes, measures, decimals."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from model.catalogue import Catalogue, load_catalogue, normalise
from model.checks.arithmetic import decimals_of, implied_baselines, pct_change
from model.findings import Finding
from model.leaflet import format_pct
from model.types import Borough, ResultRow

SMALL_BASE = 100  # offences: below this a large % swing is mostly noise
LARGE_SWING = Decimal(20)


def _f(i: int, field: str, severity: str, code: str, message: str) -> Finding:
    path = f"results[{i}]" + (f".{field}" if field else "")
    return Finding(path, severity, code, message)  # type: ignore[arg-type]


def _negative(i: int, row: ResultRow) -> list[Finding]:
    """A count of offences is never below zero (a stray minus typed into a count cell)."""
    return [_f(i, name, "error", "results.negative_count",
               f"{row.measure}: the {label} count is {value:,}; a number of offences cannot be negative")
            for name, label, value in (("previous", "previous year's", row.previous), ("current", "this year's", row.current))
            if value is not None and value < 0]


def _counts(i: int, row: ResultRow) -> list[Finding]:
    """previous/current against change and change_pct."""
    out: list[Finding] = []
    if row.previous is None or row.current is None or row.previous < 0 or row.current < 0:
        return out
    expected = row.current - row.previous
    if row.change is not None and row.change != expected:
        out.append(_f(i, "change", "error", "results.change_mismatch",
                      f"{row.measure}: change is {row.change:+,} but current − previous = "
                      f"{row.current:,} − {row.previous:,} = {expected:+,}; the change should be {expected:+,}"))
    if row.change_pct is not None:
        places = max(1, decimals_of(row.change_pct))
        pct = pct_change(expected, row.previous, places)
        if pct is None:
            out.append(_f(i, "change_pct", "warning", "results.zero_baseline",
                          f"{row.measure}: the previous count is 0, so no percentage change can be printed"))
        elif pct != row.change_pct:
            out.append(_f(i, "change_pct", "error", "results.pct_mismatch",
                          f"{row.measure}: {format_pct(row.change_pct)} does not follow from the counts: "
                          f"{expected:+,} on {row.previous:,} is {format_pct(pct)}; the percentage should be "
                          f"{format_pct(pct)}"))
    return out


def _implied(i: int, row: ResultRow) -> list[Finding]:
    """A change and % with no counts: the baseline they imply must be a whole number."""
    if row.previous is not None or row.change is None or row.change_pct is None:
        return []
    if row.change == 0 or row.change_pct == 0:
        if (row.change == 0) != (row.change_pct == 0) and abs(row.change_pct) >= 1:
            return [_f(i, "change_pct", "error", "results.implausible_pct",
                       f"{row.measure}: a change of {row.change:+,} offences cannot be {format_pct(row.change_pct)}")]
        return []
    if (row.change > 0) != (row.change_pct > 0):
        return []  # the sign check reports it
    implied = implied_baselines(row.change, row.change_pct)
    if implied.empty:
        h = Decimal(1).scaleb(-decimals_of(row.change_pct)) / 2
        size = abs(Decimal(row.change)) * 100
        low, high = size / (abs(row.change_pct) + h), size / (abs(row.change_pct) - h)
        return [_f(i, "change_pct", "error", "results.implausible_pct",
                   f"{row.measure}: {abs(row.change):,} offences cannot be {format_pct(row.change_pct)} of a whole "
                   f"number of offences (the previous year's count would have to lie between {low:.2f} and "
                   f"{high:.2f}); check both figures")]
    return []


def _sign(i: int, row: ResultRow) -> list[Finding]:
    if row.change is None or row.change_pct is None or row.change == 0 or row.change_pct == 0:
        return []
    if (row.change > 0) != (row.change_pct > 0):
        return [_f(i, "change_pct", "error", "results.sign_mismatch",
                   f"{row.measure}: the change is {row.change:+,} offences but the percentage is "
                   f"{format_pct(row.change_pct)}; both must go the same way")]
    return []


def _outcome(i: int, row: ResultRow) -> list[Finding]:
    if row.outcome is None or row.change_pct is None:
        return []
    if row.target_pct is None:
        return [_f(i, "outcome", "info", "results.outcome_unverified",
                   f"{row.measure}: 'Target {row.outcome}' cannot be verified: the row has no target_pct")]
    # Lower is better for every offence measure: achieved when the change is at or below target.
    achieved = row.change_pct <= row.target_pct
    expected = "achieved" if achieved else "missed"
    if row.outcome != expected:
        return [_f(i, "outcome", "error", "results.outcome_contradicts_target",
                   f"{row.measure}: a {format_pct(row.change_pct)} change against a {format_pct(row.target_pct)} "
                   f"target is 'Target {expected}', not 'Target {row.outcome}'")]
    return []


def _missing(i: int, row: ResultRow) -> list[Finding]:
    out = []
    if not row.measure.strip():
        out.append(_f(i, "measure", "error", "results.measure_missing", "this row has no measure name"))
    for field, value in (("change", row.change), ("change_pct", row.change_pct), ("outcome", row.outcome)):
        if value is None:
            out.append(_f(i, field, "error", "results.figure_missing",
                          f"{row.measure or 'this row'}: {field} is not filled in; the leaflet would print a gap"))
    return out


def _small_base(i: int, row: ResultRow) -> list[Finding]:
    if row.change is None or row.change_pct is None or abs(row.change_pct) < LARGE_SWING:
        return []
    if row.previous is not None:
        base = Decimal(row.previous)
    else:
        implied = implied_baselines(row.change, row.change_pct)
        if implied.empty:
            return []
        base = implied.middle
    if base >= SMALL_BASE:
        return []
    return [_f(i, "change_pct", "warning", "style.small_count",
               f"{row.measure}: a {format_pct(row.change_pct)} swing rests on about {base:.0f} offences; "
               f"consider saying so, or printing the counts, so readers do not over-read it")]


def _table(borough: Borough, catalogue: Catalogue) -> list[Finding]:
    out: list[Finding] = []
    if not borough.results:
        return [Finding("results", "error", "results.empty", "the results table has no rows")]
    names = [normalise(r.measure) for r in borough.results]
    counts = Counter(names)
    for i, name in enumerate(names):
        if name and counts[name] > 1 and names.index(name) != i:
            out.append(_f(i, "measure", "error", "results.duplicate_measure",
                          f"'{borough.results[i].measure}' appears more than once in the table"))
        if name and catalogue.match(name) is None:
            close = catalogue.near(name)  # a slip of the keyboard, never another crime
            hint = f"; did you mean '{close.name}'?" if close else ""
            out.append(_f(i, "measure", "warning", "results.unknown_measure",
                          f"'{borough.results[i].measure}' is not a measure in the catalogue{hint}"))
    present = {catalogue.match(n) or n for n in names}
    for measure in catalogue.table:
        key = normalise(measure)
        if key not in counts and (catalogue.get(measure) or key) not in present:
            out.append(Finding("results", "warning", "results.measure_absent",
                               f"the standard measure '{measure}' is not in the table"))
    places = Counter(decimals_of(r.change_pct) for r in borough.results if r.change_pct is not None)
    if len(places) > 1:
        usual = places.most_common(1)[0][0]
        for i, row in enumerate(borough.results):
            if row.change_pct is not None and decimals_of(row.change_pct) != usual:
                out.append(_f(i, "change_pct", "warning", "results.inconsistent_decimals",
                              f"{row.measure}: {row.change_pct} has {decimals_of(row.change_pct)} decimal places; "
                              f"the other rows have {usual}"))
    return out


ROW_CHECKS = (_missing, _negative, _counts, _implied, _sign, _outcome, _small_base)


def check(borough: Borough, catalogue: Catalogue | None = None) -> list[Finding]:
    """Every finding about the results table (measures known and required from `catalogue`)."""
    out = _table(borough, catalogue or load_catalogue())
    for i, row in enumerate(borough.results):
        for row_check in ROW_CHECKS:
            out.extend(row_check(i, row))
    return out
