"""Checks of the results table: counts against change and %, signs, outcomes, measures, decimals."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import lru_cache

from model.catalogue import Catalogue, load_catalogue, normalise
from model.checks.arithmetic import decimals_of, implied_baselines, pct_change
from model.findings import Finding
from model.leaflet import format_pct, printed_change, printed_pct, typed_forms
from model.types import Borough, ResultRow

SMALL_BASE = 100  # offences: below this a large % swing is mostly noise
LARGE_SWING = Decimal(20)


def _f(i: int, field: str, severity: str, code: str, message: str) -> Finding:
    return Finding(f"results[{i}].{field}", severity, code, message)  # type: ignore[arg-type]


def _negative(i: int, row: ResultRow) -> list[Finding]:
    """A count of offences is never below zero (a stray minus typed into a count cell)."""
    return [_f(i, name, "error", "results.negative_count",
               f"{row.measure}: {label} count is {value:,}; a number of offences cannot be negative")
            for name, label, value in (("previous", "the previous year's", row.previous),
                                       ("current", "this year's", row.current))  # once "the this year's"
            if value is not None and value < 0]


def _counts(i: int, row: ResultRow) -> list[Finding]:
    """previous/current against change and change_pct; a partial row from what it has.

    previous + change ("77 fewer from 688") or current + change give both counts, so the
    percentage is checked as if both were typed. The percentage is compared at the places it is
    printed with: -6% for 1,357 fewer of 22,435 (6.05%) is right.
    """
    out: list[Finding] = []
    if (row.previous is not None and row.previous < 0) or (row.current is not None and row.current < 0):
        return out
    previous, current = row.previous, row.current
    if previous is not None and current is None and row.change is not None:
        current = previous + row.change
    elif current is not None and previous is None and row.change is not None:
        previous = current - row.change
    if previous is None or current is None:
        return out + _pct_without_change(i, row)
    if previous < 0 or current < 0:
        # The one count typed: `row.previous or row.current` took a previous count of 0 for none (a crash).
        given = row.previous if row.previous is not None else row.current
        return [_f(i, "change", "error", "results.change_mismatch",
                   f"{row.measure}: a change of {row.change:+,} from {given:,} would leave a "
                   "negative count; check the change")] if row.change is not None else []
    expected = current - previous
    derived = row.previous is None or row.current is None
    if row.change is not None and row.change != expected and not derived:
        out.append(_f(i, "change", "error", "results.change_mismatch",
                      f"{row.measure}: change is {row.change:+,} but current − previous = "
                      f"{current:,} − {previous:,} = {expected:+,}; the change should be {expected:+,}"))
    if row.change_pct is not None:
        places = decimals_of(row.change_pct)
        pct = pct_change(expected, previous, places)
        if pct is None:
            out.append(_zero_baseline(i, row))
        elif pct != row.change_pct:
            out.append(_f(i, "change_pct", "error", "results.pct_mismatch",
                          f"{row.measure}: {format_pct(row.change_pct)} does not follow from the counts: "
                          f"{expected:+,} on {previous:,} is {format_pct(pct)}; the percentage should be "
                          f"{format_pct(pct)}"))
    return out


def _zero_baseline(i: int, row: ResultRow) -> Finding:
    return _f(i, "change_pct", "warning", "results.zero_baseline",
              f"{row.measure}: the previous count is 0, so no percentage change can be printed")


def _pct_without_change(i: int, row: ResultRow) -> list[Finding]:
    """One count and a percentage: is there a whole-number other count that gives that percentage?

    current 497 at -27.7% needs a previous count B with round((497 − B) ÷ B × 100) = -27.7:
    B = 687 works. previous 100 at +12.34% has no whole current count: an error.
    """
    if row.change_pct is None or row.change is not None or (row.previous is None) == (row.current is None):
        return []
    places = decimals_of(row.change_pct)
    factor = 1 + row.change_pct / 100
    if factor <= 0:
        return []
    if row.current is not None:
        guess = Decimal(row.current) / factor
        candidates = range(max(1, int(guess) - 3), int(guess) + 4)
        ok = any(pct_change(row.current - b, b, places) == row.change_pct for b in candidates)
        known = f"this year's count {row.current:,}"
    else:
        assert row.previous is not None
        if row.previous == 0:  # a percentage of nothing, as with both counts typed
            return [_zero_baseline(i, row)]
        guess = Decimal(row.previous) * factor
        candidates = range(max(0, int(guess) - 3), int(guess) + 4)
        ok = any(pct_change(c - row.previous, row.previous, places) == row.change_pct for c in candidates)
        known = f"last year's count {row.previous:,}"
    if ok:
        return []
    return [_f(i, "change_pct", "error", "results.implausible_pct",
               f"{row.measure}: no whole number of offences gives {format_pct(row.change_pct)} with {known}; "
               "check both figures")]


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


def _outcome(i: int, row: ResultRow, higher_is_better: bool = False) -> list[Finding]:
    if row.outcome is None or row.change_pct is None:
        return []
    if row.target_pct is None:
        return [_f(i, "outcome", "info", "results.outcome_unverified",
                   f"{row.measure}: 'Target {row.outcome}' cannot be verified: the row has no target_pct")]
    # Lower is better for offence counts: achieved when the change is at or below target; the
    # catalogue marks the measures where higher is better (sanction detections, confidence).
    achieved = row.change_pct >= row.target_pct if higher_is_better else row.change_pct <= row.target_pct
    expected = "achieved" if achieved else "missed"
    if row.outcome != expected:
        return [_f(i, "outcome", "error", "results.outcome_contradicts_target",
                   f"{row.measure}: a {format_pct(row.change_pct)} change against a {format_pct(row.target_pct)} "
                   f"target is 'Target {expected}', not 'Target {row.outcome}'")]
    return []


def _missing(i: int, row: ResultRow, filled: frozenset[str]) -> list[Finding]:
    """An empty cell only where the leaflet would print one in a column other rows fill.

    The change cell prints the count change and/or the percentage (typed, or derived from the
    counts): a percentage-only row is fine. The outcome column is printed only when some row
    has an outcome: a table without targets is valid.
    """
    out = []
    if not row.measure.strip():
        out.append(_f(i, "measure", "error", "results.measure_missing", "this row has no measure name"))
    if "change" in filled and printed_change(row) is None and printed_pct(row) is None:
        field = "change_pct" if row.change_pct is None and row.change is not None else "change"
        out.append(_f(i, field, "error", "results.figure_missing",
                      f"{row.measure or 'this row'}: neither a change nor a percentage is filled in (nor both "
                      "counts); the leaflet would print an empty cell"))
    if "outcome" in filled and row.outcome is None:
        # Boroughs print measures without a target beside measures with one (Barnet 2013): a blank
        # outcome there is how the table reads. Only a row with a target and no outcome is a gap.
        if row.target_pct is not None:
            out.append(_f(i, "outcome", "error", "results.figure_missing",
                          f"{row.measure or 'this row'}: the row has a target but no outcome; the leaflet would "
                          "print an empty cell where the other rows say 'Target achieved' or 'Target missed'"))
        else:
            out.append(_f(i, "outcome", "info", "results.figure_missing",
                          f"{row.measure or 'this row'}: no target, so the outcome column is blank for this row"))
    return out


def filled_columns(rows: tuple[ResultRow, ...]) -> frozenset[str]:
    """The table columns some row prints: "change" (count or %), "outcome"."""
    out = set()
    if any(printed_change(r) is not None or printed_pct(r) is not None for r in rows):
        out.add("change")
    if any(r.outcome is not None for r in rows):
        out.add("outcome")
    return frozenset(out)


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
            if close:
                out.append(_f(i, "measure", "warning", "results.unknown_measure",
                              f"'{borough.results[i].measure}' is not a measure in the catalogue; "
                              f"did you mean '{close.name}'?"))
            else:  # a measure of its own, spelt as meant: the reviewer may add it to the catalogue
                out.append(_f(i, "measure", "info", "results.unknown_measure",
                              f"'{borough.results[i].measure}' is not a measure in the catalogue; prose naming "
                              f"it is still checked; add it to edition.yaml's measures to give it synonyms"))
    present = {catalogue.match(n) or n for n in names}
    for measure in catalogue.table:
        key = normalise(measure)
        if key not in counts and (catalogue.get(measure) or key) not in present:
            out.append(Finding("results", "warning", "results.measure_absent",
                               f"the standard measure '{measure}' is not in the table"))
    places = Counter(decimals_of(r.change_pct) for r in borough.results if r.change_pct is not None)
    if len(places) > 1:
        # Only more places than the others print (-31.50 among -12.7): a row printed with fewer
        # (-6 among -27.7, as press releases round) is never asked for decimals it does not print.
        usual = places.most_common(1)[0][0]
        for i, row in enumerate(borough.results):
            if row.change_pct is not None and decimals_of(row.change_pct) > max(usual, 1):
                out.append(_f(i, "change_pct", "warning", "results.inconsistent_decimals",
                              f"{row.measure}: {row.change_pct} has {decimals_of(row.change_pct)} decimal places; "
                              f"the other rows have {usual}"))
    return out


ROW_CHECKS = (_negative, _counts, _implied, _sign, _small_base)


def check(borough: Borough, catalogue: Catalogue | None = None) -> list[Finding]:
    """Every finding about the results table (measures known and required from `catalogue`)."""
    return list(_check_rows(borough.results, typed_forms(borough.results), catalogue or load_catalogue()))


# The table is unchanged by most keystrokes (they are typed in prose). Keyed on the rows *and* their
# percentages as typed: on the rows alone, a -31.50 typed after -31.5 got -31.5's findings (no
# "inconsistent decimals" warning), as the approval fingerprint once did (docs/mutation.md).
@lru_cache(maxsize=64)
def _check_rows(rows: tuple[ResultRow, ...], _typed: tuple[tuple[str, str], ...],
                catalogue: Catalogue) -> tuple[Finding, ...]:
    borough = Borough(results=rows)
    out = _table(borough, catalogue)
    filled = filled_columns(borough.results)
    for i, row in enumerate(borough.results):
        out.extend(_missing(i, row, filled))
        for row_check in ROW_CHECKS:
            out.extend(row_check(i, row))
        measure = catalogue.match(row.measure)
        out.extend(_outcome(i, row, measure is not None and measure.higher_is_better))
    return tuple(out)
