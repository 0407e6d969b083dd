"""The arithmetic of a results row: rounding as printed, and the baselines a change and % imply."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from model.types import ResultRow


def decimals_of(value: Decimal) -> int:
    """Decimal places as written: -12.7 → 1, -10.40 → 2, 6 → 0."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def round_as_printed(value: Decimal, places: int) -> Decimal:
    """Round half away from zero, as people and spreadsheets print figures."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def pct_change(change: int, previous: int, places: int = 1) -> Decimal | None:
    """change ÷ previous as a percentage, rounded as printed; None when previous is 0."""
    if previous == 0:
        return None
    return round_as_printed(Decimal(change) * 100 / Decimal(previous), places)


@dataclass(frozen=True)
class Baselines:
    """The whole-number previous-year counts consistent with a printed change and percentage."""

    low: int  # smallest whole-number baseline
    high: int | None  # largest, or None when unbounded (a printed 0.0%)

    @property
    def empty(self) -> bool:
        return self.high is not None and self.high < self.low

    @property
    def middle(self) -> Decimal:
        return Decimal(self.low) if self.high is None else Decimal(self.low + self.high) / 2


def implied_baselines(change: int, pct: Decimal) -> Baselines:
    """Every whole baseline B with round(change / B × 100) == pct at pct's printed places.

    The printed pct stands for the interval [|pct| − h, |pct| + h] with h half a unit in the
    last place, so B lies in [|change|·100 / (|pct|+h), |change|·100 / (|pct|−h)]. A reduction
    also needs B ≥ |change| (you cannot lose more offences than you had).
    """
    h = Decimal(1).scaleb(-decimals_of(pct)) / 2
    size = abs(Decimal(change)) * 100
    low = max(1, math.ceil(size / (abs(pct) + h)), -change if change < 0 else 0)
    if abs(pct) - h <= 0:  # a printed 0%: unbounded above; at its low end 1 in 200 is 0.5%, which prints 1%
        while pct_change(change, low, decimals_of(pct)) != pct:
            low += 1
        return Baselines(low, None)
    high = math.floor(size / (abs(pct) - h))
    # Exact check at the edges: rounding half up may include or exclude the end points.
    while high >= low and pct_change(change, high, decimals_of(pct)) != pct:
        high -= 1
    while low <= high and pct_change(change, low, decimals_of(pct)) != pct:
        low += 1
    return Baselines(low, high)


def baseline(row: ResultRow) -> Decimal | None:
    """The previous-year count: as given, or the middle of what the change and % imply."""
    if row.previous is not None:
        return Decimal(row.previous)
    if row.change is None or row.change_pct is None or row.change_pct == 0:
        return None
    implied = implied_baselines(row.change, row.change_pct)
    return None if implied.empty else implied.middle


def combined_pct(rows: list[ResultRow]) -> Decimal | None:
    """The % change of several measures together (their changes over their baselines)."""
    total_change = Decimal(0)
    total_base = Decimal(0)
    for row in rows:
        base = baseline(row)
        if base is None or row.change is None:
            return None
        total_change += row.change
        total_base += base
    if total_base == 0:
        return None
    return total_change * 100 / total_base
