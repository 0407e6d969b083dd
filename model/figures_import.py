"""The performance team's spreadsheet into the results tables: plan (pure), preview, then apply.

`plan_import(edition, sheet)` maps each row to a borough and a results row, computes `change`,
`change_pct` and `outcome` exactly as the leaflet prints them, and collects the rows it cannot
use with their row numbers. `apply_plan` saves the changed borough files; the editor instead
hands `plan.boroughs[slug]` to each open document as one undoable step.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from model.boroughs import BY_SLUG, borough_slug, suggest_borough
from model.convert import quoted
from model.edition import Edition
from model.sheets import Sheet, SheetError, SheetRow
from model.storage import SaveError, save
from model.types import Borough, Outcome, ResultRow

# column → the header names accepted for it (compared after `_header_key`)
COLUMNS: dict[str, tuple[str, ...]] = {
    "borough": ("borough", "borough name", "bocu"),
    "measure": ("measure", "crime type", "measure name", "offence"),
    "previous": ("previous", "previous count", "previous year", "last year", "baseline"),
    "current": ("current", "current count", "current year", "this year"),
    "target": ("target", "target %", "target pct", "target percent", "target change %"),
}
REQUIRED = ("borough", "measure", "previous", "current")

KNOWN_MEASURES: tuple[str, ...] = (
    "Residential burglary", "Total robbery", "Theft from vehicles", "Theft or taking of vehicles",
    "Serious youth violence", "Knife crime", "Gun crime", "Serious acquisitive crime",
    "Most serious violence", "Total notifiable offences",
)
"""Measures the performance team reports on; a borough's own results rows count as known too."""

_MEASURE_ALIASES: dict[str, str] = {
    "burglary": "Residential burglary", "burglary dwelling": "Residential burglary",
    "robbery": "Total robbery", "theft from motor vehicle": "Theft from vehicles",
    "theft from motor vehicles": "Theft from vehicles",
    "theft or taking of motor vehicles": "Theft or taking of vehicles",
    "theft of motor vehicles": "Theft or taking of vehicles", "knife crime offences": "Knife crime",
    "gun enabled crime": "Gun crime", "sac": "Serious acquisitive crime", "msv": "Most serious violence",
    "syv": "Serious youth violence", "tno": "Total notifiable offences",
}

FIELD_LABELS: dict[str, str] = {
    "measure": "Measure", "previous": "Last year", "current": "This year", "change": "Change",
    "change_pct": "Change %", "target_pct": "Target %", "outcome": "Outcome",
}
"""A results row's fields as the preview names them."""

_TENTH = Decimal("0.1")
_COUNT = re.compile(r"\d{1,3}(,\d{3})+|\d+")
_PCT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class ImportFormatError(SheetError):
    """The sheet's header does not have the columns the import needs (exit 2)."""


@dataclass(frozen=True)
class FieldChange:
    """One field of one borough's results that the import changes: `results[2].change` -136 → -140."""

    slug: str
    borough: str
    path: str
    measure: str
    old: object
    new: object

    @property
    def field_name(self) -> str:
        """"change_pct" for `results[2].change_pct`."""
        return self.path.rsplit(".", 1)[-1]

    @property
    def row_path(self) -> str:
        """"results[2]" for `results[2].change_pct`."""
        return self.path.rsplit(".", 1)[0]

    def describe(self) -> str:
        return f"{self.path} ({self.measure}): {show(self.old)} → {show(self.new)}"

    def as_json(self) -> dict[str, object]:
        return {"borough": self.borough, "file": f"boroughs/{self.slug}.yaml", "field": self.path,
                "measure": self.measure, "old": _json_value(self.old), "new": _json_value(self.new)}


@dataclass(frozen=True)
class RejectedRow:
    """A row the import cannot use, with the row number the spreadsheet program shows."""

    row: int
    borough: str
    measure: str
    reason: str

    def describe(self) -> str:
        return f"row {self.row}: {self.reason}"

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "borough": self.borough, "measure": self.measure, "reason": self.reason}


@dataclass(frozen=True)
class ImportPlan:
    """What applying the sheet would do. `boroughs` holds the new document of each borough that changes."""

    boroughs: dict[str, Borough]
    changes: tuple[FieldChange, ...]
    rejected: tuple[RejectedRow, ...]
    applied_rows: tuple[int, ...]
    notes: tuple[str, ...] = ()

    def changes_in(self, slug: str) -> list[FieldChange]:
        return [c for c in self.changes if c.slug == slug]


@dataclass(frozen=True)
class _Row:
    """A row that parsed: which borough, which results row (index, or None to append), what figures."""

    number: int
    slug: str
    measure: str  # the results row's measure as it will be printed
    index: int | None
    previous: int
    current: int
    target: Decimal | None

    @property
    def key(self) -> tuple[str, str]:
        return self.slug, self.measure.casefold()

    @property
    def values(self) -> tuple[int, int, Decimal | None]:
        return self.previous, self.current, self.target


@dataclass
class _Parsed:
    rows: list[_Row] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- figures, exactly as printed -------------------------------------------------------------


def percent_change(previous: int, current: int) -> Decimal:
    """(current − previous) ÷ previous as a percentage to 1 dp, halves away from zero (-12.65 → -12.7)."""
    value = (Decimal(current - previous) * 100 / Decimal(previous)).quantize(_TENTH, rounding=ROUND_HALF_UP)
    return abs(value) if value == 0 else value  # never print "-0.0%"


def outcome_for(change_pct: Decimal, target_pct: Decimal) -> Outcome:
    """A reduction target (≤ 0) is achieved by a change at or below it, an increase target by one at or above."""
    if target_pct <= 0:
        return "achieved" if change_pct <= target_pct else "missed"
    return "achieved" if change_pct >= target_pct else "missed"


def updated_row(row: ResultRow, previous: int, current: int, target: Decimal | None) -> ResultRow:
    """`row` with the counts, change, % change, and (when a target is known) the outcome recomputed."""
    target = row.target_pct if target is None else target
    pct = percent_change(previous, current)
    outcome = row.outcome if target is None else outcome_for(pct, target)
    return replace(row, previous=previous, current=current, change=current - previous, change_pct=pct,
                   target_pct=target, outcome=outcome)


# --- reading the sheet -----------------------------------------------------------------------


def _header_key(text: str) -> str:
    text = text.casefold().replace("%", " % ")
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", text).split())


def map_columns(headers: tuple[str, ...]) -> dict[str, str]:
    """column → the header naming it; ImportFormatError if a required column is missing or doubled."""
    found: dict[str, str] = {}
    for header in headers:
        for column, names in COLUMNS.items():
            if _header_key(header) in names:
                if column in found:
                    raise ImportFormatError(f"two columns could be '{column}': {quoted(found[column])} and {quoted(header)}; "
                                            "rename or delete one")
                found[column] = header
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        expected = "Borough, Measure, Previous, Current, Target %"
        raise ImportFormatError(f"the first row must name the columns; missing: {', '.join(missing)}. "
                                f"Expected headers: {expected} (found: {', '.join(h for h in headers if h) or 'none'})")
    return found


MAX_COUNT_DIGITS = 12  # far beyond any count of offences; a 29-digit cell is a pasting slip that would not save


def parse_count(text: str) -> int | None:
    """"6,919" or "6919" → 6919; None if the cell is not a whole number of offences."""
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"\d+\.0*", cleaned):
        cleaned = cleaned.split(".")[0]
    if len(cleaned.replace(",", "")) > MAX_COUNT_DIGITS:
        return None  # refused here, at planning, not by the save after the summary said "changed"
    return int(cleaned.replace(",", "")) if _COUNT.fullmatch(cleaned) else None


def parse_percent(text: str) -> Decimal | None:
    """"-2.5", "-2.5%", "−2.5 %" → Decimal("-2.5"); None if it is not a percentage."""
    cleaned = text.strip().replace("\u2212", "-").removesuffix("%").strip()
    return Decimal(cleaned) if _PCT.fullmatch(cleaned) else None


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve_measure(borough: Borough, text: str) -> tuple[int | None, str] | None:
    """(index of the borough's results row, measure) for a sheet's measure; index None means a new row."""
    wanted = _norm(text)
    canonical = {_norm(m): m for m in KNOWN_MEASURES}
    name = canonical.get(wanted) or _MEASURE_ALIASES.get(wanted)
    for index, row in enumerate(borough.results):
        if _norm(row.measure) in (wanted, _norm(name or "")):
            return index, row.measure
    return (None, name) if name else None


def _measure_hint(borough: Borough, text: str) -> str:
    options = [r.measure for r in borough.results] + list(KNOWN_MEASURES)
    close = difflib.get_close_matches(text, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else "; see docs/edition.md for the measures known"


def _parse_row(row: SheetRow, columns: dict[str, str], docs: Mapping[str, Borough]) -> _Row | RejectedRow:
    cell = {name: row.cells.get(header, "") for name, header in columns.items()}
    name, measure = cell["borough"], cell["measure"]
    problems: list[str] = []
    slug = borough_slug(name)
    if slug is None:
        hint = suggest_borough(name)
        problems.append(f"unknown borough {quoted(name)}" + (f"; did you mean {hint!r}?" if hint else ""))
    elif slug not in docs:
        problems.append(f"{BY_SLUG[slug]} has no file in this edition (boroughs/{slug}.yaml)")
    resolved = None
    doc = docs.get(slug) if slug is not None else None
    if slug is not None and doc is not None:
        resolved = resolve_measure(doc, measure)
        if resolved is None:
            problems.append(f"unknown measure {quoted(measure)} for {BY_SLUG[slug]}" + _measure_hint(doc, measure))
    previous, current = parse_count(cell["previous"]), parse_count(cell["current"])
    for column, value in (("previous", previous), ("current", current)):
        if value is None and sum(c.isdigit() for c in cell[column]) > MAX_COUNT_DIGITS:
            problems.append(f"{columns[column]} has more than {MAX_COUNT_DIGITS} digits, far more than any "
                            "count of offences; check the cell")
        elif value is None:
            problems.append(f"{columns[column]} is {quoted(cell[column])}, not a whole number of offences")
    if previous == 0:
        problems.append(f"{columns['previous']} is 0, so there is no percentage change to print")
    target_text = cell.get("target", "")
    target = parse_percent(target_text) if target_text else None
    if target_text and target is None:
        problems.append(f"{columns['target']} is {quoted(target_text)}, not a percentage such as -2.5")
    if problems or slug is None or resolved is None or previous is None or current is None:
        return RejectedRow(row.number, name, measure, "; ".join(problems))
    return _Row(row.number, slug, resolved[1], resolved[0], previous, current, target)


def _drop_duplicates(parsed: _Parsed) -> None:
    """Repeats of a row are rejected; when the repeats disagree, none of them is used."""
    groups: dict[tuple[str, str], list[_Row]] = {}
    for row in parsed.rows:
        groups.setdefault(row.key, []).append(row)
    keep: list[_Row] = []
    for rows in groups.values():
        first, rest = rows[0], rows[1:]
        label = f"{BY_SLUG[first.slug]} / {first.measure}"
        if rest and any(r.values != first.values for r in rest):
            numbers = ", ".join(str(r.number) for r in rows)
            parsed.rejected += [RejectedRow(r.number, BY_SLUG[r.slug], r.measure,
                                            f"duplicate row for {label} with different figures (rows {numbers}); "
                                            "none of them was used") for r in rows]
            continue
        keep.append(first)
        parsed.rejected += [RejectedRow(r.number, BY_SLUG[r.slug], r.measure,
                                        f"duplicate of row {first.number} ({label})") for r in rest]
    parsed.rows = sorted(keep, key=lambda r: r.number)


# --- the plan --------------------------------------------------------------------------------


def _row_changes(slug: str, index: int, old: ResultRow | None, new: ResultRow) -> list[FieldChange]:
    before = old or ResultRow(measure="")
    names = ("measure", "previous", "current", "change", "change_pct", "target_pct", "outcome")
    return [FieldChange(slug, BY_SLUG.get(slug, slug), f"results[{index}].{n}", new.measure,
                        getattr(before, n) if old else None, getattr(new, n))
            for n in names if old is None or getattr(before, n) != getattr(new, n)]


def _apply_rows(slug: str, doc: Borough, rows: list[_Row], notes: list[str]) -> tuple[Borough, list[FieldChange]]:
    results = list(doc.results)
    changes: list[FieldChange] = []
    for row in rows:
        old = results[row.index] if row.index is not None else None
        index = row.index if row.index is not None else len(results)
        new = updated_row(old or ResultRow(measure=row.measure), row.previous, row.current, row.target)
        if new.target_pct is None:
            notes.append(f"row {row.number}: {BY_SLUG[slug]} / {row.measure} has no target, "
                         "so its outcome was not computed; check it by hand")
        if old is None:
            results.append(new)
        else:
            results[index] = new
        changes += _row_changes(slug, index, old, new)
    return replace(doc, results=tuple(results)), changes


def plan_import(edition: Edition | Mapping[str, Borough], sheet: Sheet) -> ImportPlan:
    """What the sheet changes in which borough, and which rows it cannot use. Pure: nothing is written.

    `edition` is a loaded edition, or slug → the borough as it is now (the editor passes its
    open documents, unsaved edits included).
    """
    docs = {s: lo.doc for s, lo in edition.boroughs.items()} if isinstance(edition, Edition) else dict(edition)
    columns = map_columns(sheet.headers)
    parsed = _Parsed()
    for row in sheet.rows:
        result = _parse_row(row, columns, docs)
        if isinstance(result, _Row):
            parsed.rows.append(result)
        else:
            parsed.rejected.append(result)
    _drop_duplicates(parsed)
    boroughs: dict[str, Borough] = {}
    changes: list[FieldChange] = []
    for slug in sorted({r.slug for r in parsed.rows}):
        new_doc, found = _apply_rows(slug, docs[slug], [r for r in parsed.rows if r.slug == slug], parsed.notes)
        if new_doc != docs[slug]:
            boroughs[slug] = new_doc
            changes += found
    extra = [h for h in sheet.headers if h and h not in columns.values()]
    if extra:
        parsed.notes.append("columns not used: " + ", ".join(extra))
    return ImportPlan(boroughs, tuple(changes), tuple(sorted(parsed.rejected, key=lambda r: r.row)),
                      tuple(r.number for r in parsed.rows), tuple(parsed.notes))


@dataclass(frozen=True)
class FailedSave:
    """A borough file the import could not write; it is as it was on disk."""

    path: Path
    reason: str  # SaveError.reason: "changed_on_disk", "disk_full", "permission", ...
    message: str


@dataclass(frozen=True)
class ApplyResult:
    """Files written, and files that could not be, with why."""

    written: tuple[Path, ...]
    failed: tuple[FailedSave, ...]


def apply_plan(edition: Edition, plan: ImportPlan) -> ApplyResult:
    """Save each changed borough file, refusing any that changed on disk since the edition was loaded."""
    written: list[Path] = []
    failed: list[FailedSave] = []
    for slug, doc in sorted(plan.boroughs.items()):
        path = edition.borough_path(slug)
        try:
            save(doc, path, expected_fingerprint=edition.boroughs[slug].fingerprint, guard=True)
            written.append(path)
        except SaveError as exc:
            failed.append(FailedSave(path, exc.reason, str(exc)))
    return ApplyResult(tuple(written), tuple(failed))


def show(value: object) -> str:
    """A field value in the preview: empty fields as "(empty)", counts with thousands separators."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _json_value(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value
