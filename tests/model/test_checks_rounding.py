"""Rounding as printed: half away from zero, as people and spreadsheets round, never banker's rounding.

Issue 15 planted half-even rounding in the arithmetic check and no test failed; a correct +6.3% on 1
of 16 (6.25%) then became an error. These rows sit exactly on a half, where the two rules differ.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.checks import check_borough
from model.checks.arithmetic import implied_baselines, pct_change, round_as_printed
from model.types import Borough, ResultRow
from tests.model.test_review import _sample

# (previous, current, printed %): each an exact half at one decimal place.
ON_A_HALF = [(16, 17, "6.3"), (16, 15, "-6.3"), (80, 81, "1.3"), (80, 79, "-1.3"), (400, 401, "0.3"),
             (400, 399, "-0.3"), (16, 19, "18.8"), (16, 13, "-18.8")]


def _with_row(row: ResultRow) -> tuple[object, Borough]:
    content, borough = _sample()
    return content, replace(borough, results=(row,))


def _errors(row: ResultRow) -> list[str]:
    content, borough = _with_row(row)
    return [f.code for f in check_borough(content, borough) if f.path.startswith("results[0]") and f.severity == "error"]


@pytest.mark.parametrize(("previous", "current", "pct"), ON_A_HALF)
def test_a_percentage_on_a_half_rounds_away_from_zero(previous: int, current: int, pct: str) -> None:
    assert pct_change(current - previous, previous) == Decimal(pct)
    row = ResultRow(measure="Gun crime", previous=previous, current=current, change=current - previous,
                    change_pct=Decimal(pct), outcome="achieved")
    assert _errors(row) == []
    even = Decimal(pct) - Decimal("0.1") if Decimal(pct) > 0 else Decimal(pct) + Decimal("0.1")
    assert _errors(replace(row, change_pct=even)) == ["results.pct_mismatch"]


@pytest.mark.parametrize(("previous", "current", "pct"), ON_A_HALF)
def test_a_change_and_percentage_on_a_half_imply_the_true_baseline(previous: int, current: int, pct: str) -> None:
    implied = implied_baselines(current - previous, Decimal(pct))
    assert implied.low <= previous and (implied.high is None or previous <= implied.high)
    row = ResultRow(measure="Gun crime", change=current - previous, change_pct=Decimal(pct), outcome="achieved")
    assert _errors(row) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(-10**6, 10**6), st.integers(0, 4))
def test_round_as_printed_is_half_away_from_zero(units: int, places: int) -> None:
    half = (Decimal(units) + Decimal("0.5")) * Decimal(1).scaleb(-places)  # exactly on a half
    rounded = round_as_printed(half, places)
    step = Decimal(1).scaleb(-places)
    assert abs(rounded) == abs(half) + step / 2  # away from zero, whatever the last digit's parity


@pytest.mark.parametrize(("written", "places"), [("-12.7", 1), ("-10.40", 2), ("6", 0), ("60", 0), ("6E+1", 0),
                                                 ("0.001", 3), ("-0", 0), ("0.0", 1)])
def test_decimal_places_are_counted_as_written(written: str, places: int) -> None:
    from model.checks.arithmetic import decimals_of

    assert decimals_of(Decimal(written)) == places


@settings(max_examples=300, deadline=None)
@given(previous=st.integers(1, 3000), change=st.integers(-3000, 3000), places=st.integers(0, 2))
def test_the_implied_baselines_are_exactly_the_counts_that_print_that_percentage(previous: int, change: int,
                                                                                 places: int) -> None:
    """Not only the true baseline inside: every count in the interval prints the same %, none beside it does.

    Mutation testing found the old tests held only containment: the interval's ends could drift (one
    more or fewer offence, the reduction bound dropped) and nothing failed.
    """
    if change == 0 or previous + change < 0:
        return
    pct = pct_change(change, previous, places)
    assert pct is not None
    pct = pct.quantize(Decimal(1).scaleb(-places))  # written to its places, as printed
    implied = implied_baselines(change, pct)
    floor = max(1, -change if change < 0 else 0)
    if implied.high is None:  # a printed 0%: every count from `low` up prints it
        assert pct == 0 and implied.low == max(floor, implied.low)
        assert all(pct_change(change, b, places) == pct for b in range(implied.low, implied.low + 50))
        assert implied.low == floor or pct_change(change, implied.low - 1, places) != pct
        return
    assert implied.low <= previous <= implied.high and implied.low >= floor
    assert all(pct_change(change, b, places) == pct for b in (implied.low, implied.high, previous))
    assert implied.low == floor or pct_change(change, implied.low - 1, places) != pct
    assert pct_change(change, implied.high + 1, places) != pct
    assert implied.middle == Decimal(implied.low + implied.high) / 2 and not implied.empty


def test_combined_change_of_several_measures_is_their_changes_over_their_baselines() -> None:
    """'Vehicle crime fell by over 30%' reads two rows together: their changes over their baselines."""
    from model.checks.arithmetic import baseline, combined_pct

    counted = ResultRow(measure="Theft from vehicles", previous=100, change=-10)
    also = ResultRow(measure="Theft of vehicles", previous=300, change=30)
    assert baseline(counted) == Decimal(100)
    assert combined_pct([counted, also]) == Decimal(5)  # (-10 + 30) × 100 / (100 + 300)
    assert combined_pct([counted]) == Decimal(-10)
    implied = ResultRow(measure="Residential burglary", change=-6, change_pct=Decimal("-0.6"))
    assert baseline(implied) == Decimal(1007)  # the middle of 924–1,090
    assert combined_pct([implied, counted]) == Decimal(-16) * 100 / Decimal(1107)
    assert baseline(ResultRow(measure="Gun crime", change=5, change_pct=Decimal(0))) is None
    assert baseline(ResultRow(measure="Gun crime", change_pct=Decimal("-5.0"))) is None  # a % alone: no count
    assert baseline(ResultRow(measure="Gun crime", change=6, change_pct=Decimal("-21.7"))) is None  # no count fits
    assert combined_pct([ResultRow(measure="Gun crime", previous=0, change=0)]) is None
    assert combined_pct([ResultRow(measure="Gun crime", previous=10)]) is None  # no change: nothing to add
