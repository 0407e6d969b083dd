"""Parsing what people type into table cells: counts, percentages, outcomes, target lists."""

from __future__ import annotations

from decimal import Decimal

from model import target_text
from model.figures_import import parse_count as import_count
from model.figures_import import parse_percent as import_percent
from model.types import Target
from ui.list_table import CellError


def parse_count(text: str) -> int | None:
    """'1,070', '-136' or '+44' → a whole number; '' → None. Same rule as the spreadsheet import."""
    stripped = text.strip()
    if not stripped:
        return None
    sign = -1 if stripped.startswith(("-", "\u2212")) else 1  # a change column is signed; counts are not
    value = import_count(stripped.lstrip("+-\u2212"))
    if value is None:
        raise CellError(f"'{text}' is not a whole number of offences")
    return sign * value


def parse_pct(text: str) -> Decimal | None:
    """'-12.7', '-12.7%' → Decimal('-12.7'); '' → None. Same rule as the spreadsheet import."""
    if not text.strip():
        return None
    value = import_percent(text)
    if value is None:
        raise CellError(f"'{text}' is not a percentage such as -12.7")
    return value


def show_pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:+}"


def parse_outcome(text: str) -> str | None:
    key = text.strip().lower()
    if not key:
        return None
    for outcome in ("achieved", "missed"):
        if outcome.startswith(key) or key == f"target {outcome}":
            return outcome
    raise CellError("the outcome is 'achieved' or 'missed'")


def parse_targets(text: str) -> tuple[Target, ...]:
    """'gun crime -1.0; burglary down by 3%' → two targets; words are never read as their opposite."""
    try:
        return target_text.parse_targets(text)
    except target_text.TargetTextError as exc:
        raise CellError(str(exc)) from None


def show_targets(targets: tuple[Target, ...]) -> str:
    return "; ".join(f"{t.measure} {t.target_pct:+}" if t.target_pct is not None else t.measure for t in targets)
