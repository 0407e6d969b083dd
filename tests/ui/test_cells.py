"""What people type into table cells is read back exactly, or refused with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.types import Target
from ui.cells import parse_count, parse_outcome, parse_pct, parse_targets, show_pct, show_targets
from ui.list_table import CellError


@given(st.integers(-10**9, 10**9))
def test_counts_with_or_without_separators(n: int) -> None:
    assert parse_count(f"{n:,}") == n
    assert parse_count(f"{n}") == n
    assert parse_count(f"{n:+}") == n


@given(st.decimals(-1000, 1000, places=1, allow_nan=False, allow_infinity=False))
def test_percentages_round_trip_through_their_display(d: Decimal) -> None:
    assert parse_pct(show_pct(d)) == d
    assert parse_pct(f"{d}%") == d


@given(st.lists(st.tuples(st.sampled_from(["gun crime", "knife crime", "serious acquisitive crime"]),
                          st.decimals(-50, 50, places=1, allow_nan=False, allow_infinity=False)), max_size=4))
def test_target_lists_round_trip(items: list[tuple[str, Decimal]]) -> None:
    targets = tuple(Target(m, p) for m, p in items)
    assert parse_targets(show_targets(targets)) == targets


@pytest.mark.parametrize(("parse", "text"), [(parse_count, "lots"), (parse_count, "1.5"), (parse_pct, "abc"),
                                             (parse_outcome, "maybe"), (parse_targets, "gun crime")])
def test_bad_cells_are_refused_with_a_reason(parse, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CellError):
        parse(text)


def test_empty_cells_mean_not_filled_in() -> None:
    assert parse_count("") is None and parse_pct(" ") is None and parse_outcome("") is None
    assert parse_outcome("Target achieved") == "achieved" and parse_outcome("m") == "missed"
