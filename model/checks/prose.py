"""Figures in prose against the results table: contradictions, qualifiers, readings, arithmetic.

Each figure is first read as a reader reads it (`reading.py`): what kind of figure it is (only
changes are compared with the table's changes), what it is measured from (a change since the
2006/07 peak is not last year's change), and which measure it speaks of (order, "respectively",
ellipsis, proximity). Only then is it judged, at the precision it is printed with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Literal

from model.catalogue import Catalogue, Mention, load_catalogue
from model.checks.arithmetic import combined_pct, decimals_of, round_as_printed
from model.checks.figures import ProseFigure, find_figures, mask_non_figures, sentences
from model.checks.measures import rows_for, with_rows
from model.checks.reading import (
    DOWN_WORDS,
    UP_WORDS,
    Direction,
    Pair,
    baseline,
    count_direction,
    direction,
    kind,
    pair,
    previous_period,
    stated_direction,
)
from model.findings import Finding
from model.leaflet import printed_change
from model.types import Borough, EditionContent, ResultRow

Status = Literal["verified", "contradicted", "ambiguous", "unsourced"]

_GAP = re.compile(r"\b(gap|difference)\b", re.I)
NEARLY_WITHIN = Decimal("0.10")  # "nearly 30%": the true figure is below 30 but within 10% of it
AROUND_WITHIN = Decimal("0.05")
FRACTION_WITHIN = Decimal("0.10")
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
# Not counts: "from 1 April to 31 March", "from 10 to 17 years old", "from 9am to 5pm".
_NOT_COUNT_AFTER = (r"(?!\s*(?:st|nd|rd|th)?\s*(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December|am|pm|years?|months?|weeks?|days?|hours?|minutes?|miles?|km|"
                    r"metres?|o'clock)\b)")
# "from 3,576 in 2008 to 2,268", "from a total 688", "down from 688 to 611"; a comma may follow a count
# ("from 1,070 to 934, that is 136 fewer"), a digit may not ("from 1,0" is not a count).
_FROM_TO = re.compile(rf"\bfrom\s+(?:a\s+total\s+(?:of\s+)?|an?\s+\w+\s+of\s+|the\s+\w+\s+(?:at|of)\s+)?{_NUM}(?![\d%]|[.,]\d|\s*per\s?cent){_NOT_COUNT_AFTER}"
                      rf"(?:[^.;%]{{0,40}}?\bto\s+(?:just\s+|only\s+)?{_NUM}(?!\d|[.,]\d|\s*%|\s*per\s?cent){_NOT_COUNT_AFTER})?", re.I)


@dataclass(frozen=True)
class Reading:
    """One thing a sentence's measure may mean, and its value in the table."""

    label: str  # "theft from vehicles" or "all vehicle crime (theft from + theft or taking of vehicles)"
    value: Decimal  # unsigned percentage or count: exact when the counts are known, else as printed
    exact: bool = True  # False: `value` is the table's rounded percentage, good to half its last place


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
    if qualifier == "fraction":  # "a fifth", "halved": a reader hears a round fraction, within a tenth of it
        return abs(actual - stated) <= stated * FRACTION_WITHIN
    if qualifier == "nearly_fraction":  # "nearly a fifth": below the fraction, as far as "nearly" and a round fraction allow
        return stated * (1 - NEARLY_WITHIN - FRACTION_WITHIN) <= actual <= stated
    return round_as_printed(actual, places) == stated


def _half(places: int) -> Decimal:
    return Decimal(1).scaleb(-places) / 2


def agrees(figure: ProseFigure, reading: Reading) -> bool:
    """Does the reading support the figure, never demanding more precision than either prints?

    An exact value is rounded to the figure's places. A value the table prints rounded stands for
    anything within half its last place: "64%" agrees with a printed -64.1%, "12%" with -12.4%.
    """
    places = decimals_of(figure.value)
    if reading.exact:
        return holds(figure.qualifier, figure.value, reading.value, places)
    h = _half(decimals_of(reading.value))
    if not figure.qualifier:
        return abs(figure.value - reading.value) <= h + _half(places)
    return any(holds(figure.qualifier, figure.value, v, places) for v in (reading.value - h, reading.value, reading.value + h))




def row_pct(row: ResultRow) -> tuple[Decimal, bool] | None:
    """(signed % change, exact?) from the counts when they are there, else the printed percentage."""
    change = printed_change(row)
    previous = row.previous if row.previous is not None else (
        row.current - change if row.current is not None and change is not None else None)
    if change is not None and previous:
        return Decimal(change) * 100 / Decimal(previous), True
    if row.change_pct is not None:
        return row.change_pct, False
    return None


def _sign(row: ResultRow) -> int:
    pct = row_pct(row)
    value = pct[0] if pct else Decimal(printed_change(row) or 0)
    return (value > 0) - (value < 0)


def _period_key(period: str) -> str:
    return period.strip()[:4]


def _on_base(row: ResultRow, base: str) -> bool:
    """Is the row's change measured from `base` ("": last year, the row's baseline empty; "other": a baseline
    named without a period, "since its peak", which no row can be said to hold)?"""
    if base == "other":
        return False
    return _period_key(row.baseline) == _period_key(base)


def _readings(figure: ProseFigure, mentions: tuple[Mention, ...], rows: list[ResultRow], catalogue: Catalogue,
              base: str) -> tuple[list[Reading], list[ResultRow]]:
    out: list[Reading] = []
    used: list[ResultRow] = []
    for mention in mentions:
        matched = rows_for(mention.measure, [r for r in rows if _on_base(r, base)], catalogue)
        used += matched
        for row in matched:
            if figure.unit == "percent":
                pct = row_pct(row)
                if pct is not None:
                    out.append(Reading(row.measure.lower(), abs(pct[0]), pct[1]))
            else:
                change = printed_change(row)
                if change is not None:
                    out.append(Reading(row.measure.lower(), Decimal(abs(change))))
        if len(matched) > 1 and figure.unit == "percent" and len(matched) == len(mention.measure.parts):
            combined = combined_pct(matched)
            if combined is not None:
                parts = " + ".join(r.measure.lower() for r in matched)
                out.append(Reading(f"all {mention.phrase} ({parts})", abs(combined)))
    return out, used


def _conflict(way: Direction, rows: list[ResultRow]) -> bool:
    signs = {_sign(r) for r in rows} - {0}
    return bool(way) and len(signs) == 1 and signs == ({1} if way == "down" else {-1})


def _describe(reading: Reading, figure: ProseFigure) -> str:
    if figure.unit == "percent":
        shown = round_as_printed(reading.value, 1) if reading.exact else reading.value
        return f"{reading.label}: {shown}%"
    return f"{reading.label}: {reading.value} offences"


def judge_pair(p: Pair, rows: list[ResultRow], catalogue: Catalogue, last_year: str = "") -> Verdict:
    """Verified, contradicted, ambiguous (some readings hold) or unsourced."""
    figure = p.figure
    if not p.mentions:
        return Verdict(figure, "unsourced", "no measure of the results table is named in this sentence")
    base = baseline(figure, last_year)
    readings, used = _readings(figure, p.mentions, rows, catalogue, base)
    if not used:
        if any(rows_for(m.measure, rows, catalogue) for m in p.mentions):
            since = "an earlier baseline" if base == "other" else base or "last year"
            return Verdict(figure, "unsourced", f"a change since {since}; the table's row measures another period")
        return Verdict(figure, "unsourced", "no measure of the results table is named in this sentence")
    if _conflict(p.direction, used):
        return Verdict(figure, "contradicted", "the sentence says the opposite direction to the table")
    if not readings:
        return Verdict(figure, "unsourced", "the table's row has no figure of this kind")
    good = [r for r in readings if agrees(figure, r)]
    described = "; ".join(_describe(r, figure) for r in readings)
    if len(good) == len(readings):
        return Verdict(figure, "verified", described)
    if not good:
        return Verdict(figure, "contradicted", described)
    return Verdict(figure, "ambiguous", described)


AIM_NOTE = "a target for next year: nothing to check it against"
_KIND_NOTES = {
    "gap": "percentage points are checked by the arithmetic check only",
    "share": "a rate or share, not a change: the results table does not hold it",
    "target": "a target: nothing in the table to check it against",
}


def states_aims(path: str) -> bool:
    """Is the field next year's priorities? Its changes are aims ("Cut knife crime by 2%"), never this year's results."""
    return path.startswith("priorities[")


_LOCAL_AREA = re.compile(r"^\s*(?:In|Across|Within|For)\s+(?P<place>(?:[A-Z][\w'’-]+\s+){1,3})(?=[a-z])")
_NOT_PLACES = frozenset({"addition", "total", "the", "this", "my", "our", "particular", "short", "summary", "comparison",
                         "contrast", "fact", "april", "march", "may", "june", "july", "january", "february",
                         "august", "september", "october", "november", "december", "london"})


def local_area(sentence: str, borough: str) -> bool:
    """"In De Beauvoir overall crime dropped by 10.2%": a sentence about a ward or area, not the borough's table."""
    m = _LOCAL_AREA.match(sentence)
    if m is None:
        return bool(re.search(r"\bwards?\b", sentence))
    place = m.group("place").strip()
    return place.split()[0].lower() not in _NOT_PLACES and place.lower() != borough.strip().lower()


def verdicts(text: str, rows: list[ResultRow], period: str = "", catalogue: Catalogue | None = None,
             borough: str = "", aims: bool = False) -> list[Verdict]:
    """A verdict on every figure of `text`, in order; `period` is the edition's (its previous year is the baseline).

    With `aims` (next year's priorities, see `states_aims`) a change is a target, never compared with the table.
    """
    catalogue = with_rows(catalogue or load_catalogue(), rows)
    last_year = previous_period(period)
    figures = find_figures(text)
    out: list[Verdict] = []
    carried: tuple[Mention, ...] = ()
    index = 0
    for offset, sentence in sentences(text):
        stop = offset + len(sentence)
        mine = []
        while index < len(figures) and figures[index].start < stop:
            mine.append(figures[index])
            index += 1
        kinds = {f.start: kind(f) for f in mine}
        for before, after in pairwise(mine):
            # "33 per cent, 25 per cent and 22 per cent": a list of figures shares the first one's kind
            if after.unit == before.unit and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*",
                                                          text[before.end:after.start]):
                kinds[after.start] = kinds[before.start]
        if aims:
            kinds = {start: "target" if k in ("change", "count_change") else k for start, k in kinds.items()}
        comparable = [f for f in mine if kinds[f.start] in ("change", "count_change")]
        if local_area(sentence.strip(), borough):
            comparable = []  # a ward's figures: the borough's table does not hold them
        pairs = {p.figure.start: p for p in pair(comparable, sentence.strip(), catalogue, carried)}
        counted = _counts_of_rows(mine, offset, sentence, rows, catalogue, carried, last_year) if (
            rows and not aims and not local_area(sentence.strip(), borough)) else {}
        for f in mine:
            k = kinds[f.start]
            if f.start in pairs:
                out.append(judge_pair(pairs[f.start], rows, catalogue, last_year))
            elif f.start in counted and k == "other":
                out.append(counted[f.start])
            elif k in _KIND_NOTES:
                out.append(Verdict(f, "unsourced", AIM_NOTE if aims and k == "target" else _KIND_NOTES[k]))
            elif f.unit == "count":
                out.append(Verdict(f, "unsourced", "not a count of offences in the results table"))
            elif local_area(sentence.strip(), borough):
                out.append(Verdict(f, "unsourced", "about a ward or area, not the whole borough"))
            else:
                out.append(Verdict(f, "unsourced", "not a change the results table reports"))
        found = catalogue.mentions(sentence.strip())
        if found:
            carried = (found[-1],)
    return out


def _counts_of_rows(figures: list[ProseFigure], offset: int, sentence: str, rows: list[ResultRow],
                    catalogue: Catalogue, carried: tuple[Mention, ...], last_year: str) -> dict[int, Verdict]:
    """"Robbery fell from 1,070 to 934": the counts of a "from A to B" confirmed by the row's previous and current.

    Only confirmed, never contradicted: "from" is too loose in real text for a mismatch to be an error
    ("fallen from 179 cases since last April compared to 215", Greenwich 2010; London's murders "down
    from 155 to 117" beside the borough's, Hounslow 2010). A count with its digits swapped is
    `_transposed`'s. Any other count stays unsourced.
    """
    roles: dict[int, Literal["previous", "current"]] = {}
    if "from" not in sentence.lower():
        return {}
    for m in _FROM_TO.finditer(mask_non_figures(sentence)):
        roles[offset + m.start(1)] = "previous"
        if m.group(2):
            roles[offset + m.start(2)] = "current"
    named = [f for f in figures if f.start in roles and f.unit == "count"]
    out: dict[int, Verdict] = {}
    for p in pair(named, sentence.strip(), catalogue, carried) if named else []:
        role = roles[p.figure.start]
        base = baseline(p.figure, last_year)
        counts = [(r, r.previous if role == "previous" else r.current)
                  for m in p.mentions for r in rows_for(m.measure, rows, catalogue) if _on_base(r, base)]
        known = [(r, c) for r, c in counts if c is not None]
        if not known:
            continue
        label = "last year's count" if role == "previous" else "this year's count"
        note = "; ".join(f"{r.measure.lower()}: {label} {c:,}" for r, c in known)
        if all(holds(p.figure.qualifier, p.figure.value, Decimal(c), 0) for _r, c in known):
            out[p.figure.start] = Verdict(p.figure, "verified", note)
    return out


def _qualified(figure: ProseFigure) -> str:
    words = {"more_than": "over ", "nearly": "nearly ", "around": "around ", "fraction": "", "nearly_fraction": "nearly ", "up_to": "up to ",
             "less_than": "less than ", "at_least": "at least "}
    return ("" if figure.words else words.get(figure.qualifier, "")) + figure.raw


def _at(path: str, severity: str, code: str, message: str, figure: ProseFigure) -> Finding:
    return Finding(path, severity, code, message, figure=figure.raw,  # type: ignore[arg-type]
                   span=(figure.start, figure.end))


# Two percentages a sentence says one went from and to: "Satisfaction rose from 71% to 80%".
_PCT_FROM = re.compile(r"\bfrom\s+(?:just\s+)?$", re.I)
_PCT_TO = re.compile(r"[^.;%\d]{0,30}?\bto\s+(?:just\s+)?", re.I)
_OTHER_CLAUSE = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b")


def _gap_pairs(text: str, in_sentence: list[ProseFigure]) -> list[tuple[ProseFigure, ProseFigure, ProseFigure]]:
    """(from, to, stated difference) for each "from X% to Y%" of a sentence followed by its difference.

    The difference is the next figure of the clause when it is in percentage points or a change in
    per cent: "from 71% to 80%, a rise of 9%, and confidence from 60% to 64%, 3 percentage points".
    """
    out = []
    for i, (first, second) in enumerate(pairwise(in_sentence)):
        if not (first.unit == second.unit == "percent" and _PCT_FROM.search(text, first.sentence_start, first.start)
                and _PCT_TO.fullmatch(text, first.end, second.start)):
            continue
        stated = in_sentence[i + 2] if i + 2 < len(in_sentence) else None
        if stated is None or _OTHER_CLAUSE.search(text, second.end, stated.start):
            continue
        if stated.unit == "points" or (stated.unit == "percent" and kind(stated) == "change"):
            out.append((first, second, stated))
    return out


def _gaps(path: str, text: str) -> list[Finding]:
    """A difference between two percentages in one sentence: is it right, and in percentage points?

    Either "a gap/difference" between the sentence's first two percentages, or "from X% to Y%"
    followed by the change. After "from … to …" a per cent change may be relative (71% to 80% is a
    rise of 12.7%); one that is the difference in points should say percentage points.
    """
    out = []
    by_sentence: dict[str, list[ProseFigure]] = {}
    for f in find_figures(text):
        by_sentence.setdefault(f.sentence, []).append(f)
    for sentence, in_sentence in by_sentence.items():
        pairs = _gap_pairs(text, in_sentence) if "from" in sentence.lower() else []
        if not pairs and _GAP.search(sentence):
            pcts = [f for f in in_sentence if f.unit == "percent"]
            stated = next((f for f in in_sentence if f.unit == "points"), None) or (pcts[2] if len(pcts) > 2 else None)
            if len(pcts) >= 2 and stated is not None:
                out += _gap(path, pcts[0], pcts[1], stated, relative=False)
        for first, second, stated in pairs:
            out += _gap(path, first, second, stated, relative=True)
    return out


def _gap(path: str, first: ProseFigure, second: ProseFigure, stated: ProseFigure, relative: bool) -> list[Finding]:
    gap = abs(first.value - second.value)
    places = decimals_of(stated.value)
    if stated.unit == "percent" and relative and first.value and holds(
            stated.qualifier, stated.value, gap * 100 / first.value, places):
        return []  # "from 71% to 80%, a rise of 12.7%": a relative change, and right
    out = []
    # As a change relative to the first percentage (what "a rise of N%" also means), for the messages.
    also = (f" (as a change on {first.raw} it is {round_as_printed(gap * 100 / first.value, max(1, places))}%)"
            if relative and stated.unit == "percent" and first.value else "")
    if stated.unit == "percent" and (not relative or holds(stated.qualifier, stated.value, gap, places)):
        out.append(_at(path, "warning", "prose.points_not_percent",
                       f"'{stated.raw}' is a difference between two percentages ({first.raw} and "
                       f"{second.raw}): write it in percentage points{also}", stated))
    if not holds(stated.qualifier, stated.value, gap, places):
        out.append(_at(path, "error", "prose.arithmetic",
                       f"{first.raw} and {second.raw} differ by {gap} percentage points, not "
                       f"{stated.value}{also}", stated))
    return out


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


# A count stated as a change by the words before it: "a fall of 136", "down 136", "fell by 136".
_DIFFERENCE_BEFORE = re.compile(rf"\b(?P<way>{DOWN_WORDS}|{UP_WORDS})\s+(?:by\s+|of\s+)?(?:(?:just|only|some|over|"
                                rf"nearly|almost|around|about)\s+)?$", re.I)


_OWN_PERIOD_AFTER = re.compile(r"[^.;]*?\b(?:compared\s+(?:to|with)|since|than)\s+(?:the\s+)?(?:same\s+period\s+)?"
                               r"(?:in\s+|of\s+)?(?:19|20)\d{2}", re.I)


def _difference(text: str, figure: ProseFigure) -> Direction | None:
    """The way a count states a change ("137 fewer offences", "a fall of 136", "down 136"); None: not a change."""
    if figure.unit != "count":
        return None
    if kind(figure) == "count_change":
        return count_direction(figure)
    # Only the words right before the count, in its sentence: the pattern ends at the count.
    m = _DIFFERENCE_BEFORE.search(text, figure.sentence_start, figure.start)
    return direction(m.group("way")) if m else None


def _from_to(path: str, text: str, catalogue: Catalogue | None = None) -> list[Finding]:
    """A change stated with its own counts in one clause: "down 6.7% from 7,426 to 6,925", "77 fewer from 688".

    The sentence gives everything needed, so the arithmetic is checked without the table. Each
    "from A to B" takes the nearest change figure of its own clause ("Criminal damage is down by
    6.7 per cent, from 7,426 to 6,925; vehicle crime is down by 13 per cent, from 1,796 to 1,563"):
    a percentage, and a count of the difference on either side ("from 1,070 to 934, that is 136
    fewer offences", "a fall of 136"). With "from A" alone, a count before it gives the change.
    A figure with another measure named between it and the counts is not theirs: "the London-wide
    reduction of just under two per cent, with murders in the capital down from 155 to 117".
    """
    names = catalogue or load_catalogue()
    out = []
    figures = find_figures(text)
    for offset, sentence in sentences(text):
        masked = mask_non_figures(sentence)
        spans = [(offset + m.start(), offset + m.end(), m) for m in _FROM_TO.finditer(masked)]
        end = offset + len(sentence)
        if not spans:
            continue
        mine = [f for f in figures if offset <= f.start < offset + len(sentence)
                and not any(a <= f.start < b for a, b, _m in spans)]
        pcts = [f for f in mine if f.unit == "percent" and kind(f) in ("change", "other")]
        counts = [f for f in mine if _difference(text, f) is not None]

        def nearest(candidates: list[ProseFigure], a: int, b: int, before_only: bool = False,
                    spans: list[tuple[int, int, re.Match[str]]] = spans) -> ProseFigure | None:
            best: tuple[int, ProseFigure] | None = None
            for f in candidates:
                gap_text = text[f.end:a] if f.end <= a else text[b:f.start]
                if (before_only and f.end > a) or re.search(r";|\s[-\u2013]\s(?!a\b)|\bwhile\b|\bbut\b", gap_text):
                    continue
                if names.mentions(gap_text):
                    continue  # another measure is named between: the counts are its own
                # (A figure inside another pair's span is not in `mine`; one right against it, "20%from", is caught by <=.)
                if any((f.end <= x and y <= a) or (b <= x and y <= f.start) for x, y, _m in spans if (x, y) != (a, b)):
                    continue  # another "from ... to ..." is between: this figure is nearer to it
                distance = a - f.end if f.end <= a else f.start - b
                if distance <= 80 and (best is None or distance < best[0]):
                    best = (distance, f)
            return best[1] if best else None

        for a, b, m in spans:
            base = _number(m.group(1))
            if base == 0 or base.as_tuple().exponent != 0:
                continue
            # A count after the pair that names its own period is not their difference: "from 3,576 in 2008
            # to 2009 to 2,268 with 275 fewer residential burglaries reported this year compared to 2011/12".
            count = nearest([f for f in counts if f.end <= a or not _OWN_PERIOD_AFTER.match(text, f.end, end)],
                            a, b, before_only=not m.group(2))
            if m.group(2):
                change = _number(m.group(2)) - base
            elif count is not None:
                change = count.value  # its size: with no "to" count, only the percentage is checked
            else:
                continue
            pct = nearest(pcts, a, b)
            if pct is not None:
                exact = abs(change) * 100 / base
                if not holds(pct.qualifier, pct.value, exact, decimals_of(pct.value)):
                    shown = round_as_printed(exact, max(1, decimals_of(pct.value)))
                    out.append(_at(path, "error", "prose.arithmetic",
                                   f"'{_qualified(pct)}' does not follow from the counts in the sentence: "
                                   f"{abs(change):,} on {base:,} is {shown}%; write {shown}% (or check the counts)", pct))
            if m.group(2) and count is not None:
                way = _difference(text, count)
                went: Direction = "down" if change < 0 else "up" if change > 0 else ""
                if not holds(count.qualifier, count.value, abs(change), 0):
                    out.append(_at(path, "error", "prose.arithmetic",
                                   f"'{_qualified(count)}' does not follow from the counts in the sentence: "
                                   f"{base:,} to {_number(m.group(2)):,} is {abs(change):,}", count))
                elif way and went and way != went:
                    out.append(_at(path, "error", "prose.arithmetic",
                                   f"'{_qualified(count)}' goes the wrong way: {base:,} to {_number(m.group(2)):,} "
                                   f"is {abs(change):,} {'fewer' if went == 'down' else 'more'}", count))
    return out


def _row_counts(row: ResultRow) -> dict[str, int]:
    out = {"last year's count": row.previous, "this year's count": row.current, "change": printed_change(row)}
    return {k: abs(v) for k, v in out.items() if v is not None}


def _transposed(path: str, text: str, rows: list[ResultRow]) -> list[Finding]:
    """A count that is a table count with its digits swapped, beside another count of the same row.

    Bromley 2010: "a total of 9,243 offences ... compared to 10,710 in the same period last
    year", where the table has 10,710 → 9,423: the same digits in another order.
    """
    out = []
    figures = [f for f in find_figures(text) if f.unit == "count" and f.value >= 100 and not f.words]
    every = {c for row in rows for c in _row_counts(row).values()}
    for f in figures:
        value = int(f.value)
        if value in every:
            continue  # a count of some row: "1,124" is burglary's, not violence's 2,141 reordered
        in_sentence = {int(g.value) for g in figures if g.sentence_start == f.sentence_start and g is not f}
        for row in rows:
            counts = _row_counts(row)
            for label, count in counts.items():
                if count != value and sorted(str(count)) == sorted(str(value)) and (
                        in_sentence & (set(counts.values()) - {count})):
                    out.append(_at(path, "error", "prose.contradicts_table",
                                   f"'{f.raw}' has the digits of the table's {count:,} ({row.measure}, {label}) in "
                                   f"another order, in a sentence giving the row's other figures; check which is "
                                   f"right", f))
                    break
    return out


def _directions(path: str, text: str, rows: list[ResultRow], catalogue: Catalogue, last_year: str) -> list[Finding]:
    """A measure said to have fallen (or risen) with no figure, where the table says the opposite."""
    out = []
    figures = find_figures(text)
    for offset, sentence in sentences(text):
        mentions = catalogue.mentions(sentence)
        for i, mention in enumerate(mentions):
            end = mentions[i + 1].start if i + 1 < len(mentions) else len(sentence)
            clause = sentence[mention.end:end]
            cut = re.search(r";|\s[-\u2013\u2014]\s|\bwhile\b|\bwhereas\b|\bbut\b|\.|,", clause)
            clause = clause[:cut.start()] if cut else clause
            if not clause.strip() or any(offset + mention.end <= f.start < offset + mention.end + len(clause)
                                         for f in figures):
                continue  # figures are judged with their own direction
            way = stated_direction(clause)
            if not way or re.search(r"\b(since|over the (?:last|past)|compared|than|peak|lowest|highest|"
                                     r"in \w+ years|decade|quarter|months?|weeks?|summer|winter|spring|"
                                     r"autumn|initially|at first|ward|wards|nationally|London)\b", clause, re.I):
                continue
            used = [r for r in rows_for(mention.measure, rows, catalogue) if not r.baseline.strip()]
            if _conflict(way, used):
                said = "fell" if way == "down" else "rose"
                out.append(Finding(path, "error", "prose.contradicts_table",
                                   f"the text says {mention.phrase} {said}, but the results table shows it "
                                   f"{'rose' if way == 'down' else 'fell'}; correct the text or the table",
                                   figure=sentence[mention.start:mention.end],
                                   span=(offset + mention.start, offset + mention.end)))
    return out


def check_text(path: str, text: str, rows: list[ResultRow], period: str = "",
               catalogue: Catalogue | None = None, borough: str = "") -> list[Finding]:
    """Findings about the figures in one field's text, against the table `rows` (may be empty)."""
    catalogue = with_rows(catalogue or load_catalogue(), rows)
    aims = states_aims(path)
    out = _gaps(path, text) + _from_to(path, text, catalogue)
    if rows:
        if not aims:  # "Keep robbery down" in next year's priorities is an aim, not a result
            out += _directions(path, text, rows, catalogue, previous_period(period))
        out += _transposed(path, text, rows)
    reported = {f.span for f in out if f.severity == "error"}
    for v in verdicts(text, rows, period, catalogue, borough, aims):
        if (v.figure.start, v.figure.end) in reported:
            continue  # the sentence's own arithmetic already says what is wrong with this figure
        quoted = f"'{_qualified(v.figure)}'"
        if v.status == "contradicted":
            out.append(_at(path, "error", "prose.contradicts_table",
                           f"{quoted} does not match the results table ({v.note}); correct the text or the table",
                           v.figure))
        elif v.status == "ambiguous":
            out.append(_at(path, "warning", "prose.ambiguous_measure",
                           f"{quoted} holds for some readings of the measure but not all ({v.note}); "
                           f"name the measure exactly", v.figure))
        elif v.status == "unsourced" and v.figure.unit != "points":
            out.append(_at(path, "info", "prose.unsourced",
                           f"{quoted} has no source in the results table ({v.note}); a reviewer should verify it",
                           v.figure))
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


def check_borough(borough: Borough, content: EditionContent | None = None) -> list[Finding]:
    rows = list(borough.results)
    period = content.period if content else ""
    catalogue = load_catalogue(content)
    return [f for path, text in borough_texts(borough)
            for f in check_text(path, text, rows, period, catalogue, borough.borough)]


def check_edition(content: EditionContent) -> list[Finding]:
    # Pan-London figures speak of London as a whole: never compared with one borough's table.
    catalogue = load_catalogue(content)
    return [f for path, text in edition_texts(content) for f in check_text(path, text, [], content.period, catalogue)]
