"""Results-table checks: real rows from the seed leaflet and deliberately broken copies."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.catalogue import load_catalogue
from model.checks import check_borough, results
from model.checks.arithmetic import implied_baselines, pct_change
from model.edition import load_edition
from model.findings import Finding
from model.types import Borough, EditionContent, ResultRow
from tests.conftest import SAMPLE

D = Decimal


@pytest.fixture(scope="module")
def sample() -> tuple[EditionContent, Borough]:
    edition = load_edition(SAMPLE)
    return edition.content.doc, edition.boroughs["tower-hamlets"].doc


def with_row(borough: Borough, i: int, **changes: object) -> Borough:
    rows = list(borough.results)
    rows[i] = dataclasses.replace(rows[i], **changes)
    return dataclasses.replace(borough, results=tuple(rows))


def codes(findings: list[Finding], severity: str = "error") -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in findings if f.severity == severity]


def test_the_published_sample_has_no_errors(sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample
    assert codes(check_borough(content, borough)) == []


def test_transposed_percentage_is_an_error_naming_the_range(sample: tuple[EditionContent, Borough]) -> None:
    _content, borough = sample
    broken = with_row(borough, 0, change_pct=D("-21.7"))  # 6 offences cannot be 21.7% of a whole number
    found = [f for f in results.check(broken) if f.code == "results.implausible_pct"]
    assert [f.path for f in found] == ["results[0].change_pct"]
    assert "27.59" in found[0].message and "27.71" in found[0].message


def test_counts_against_change_and_percentage() -> None:
    row = ResultRow(measure="Total robbery", previous=1070, current=934, change=-136, change_pct=D("-12.7"),
                    outcome="achieved")
    assert codes(results.check(Borough(results=(row,)))) == []
    wrong_change = dataclasses.replace(row, change=-137)
    found = results.check(Borough(results=(wrong_change,)))
    assert ("results.change_mismatch", "results[0].change") in codes(found)
    assert any("-136" in f.message for f in found if f.code == "results.change_mismatch")
    wrong_pct = dataclasses.replace(row, change_pct=D("-12.3"))
    found = [f for f in results.check(Borough(results=(wrong_pct,))) if f.code == "results.pct_mismatch"]
    assert found and "-12.7%" in found[0].message


def test_a_negative_count_is_an_error_not_a_derived_change() -> None:
    row = ResultRow(measure="Total robbery", previous=1070, current=-135, change=-136, change_pct=D("-12.7"),
                    outcome="achieved")
    found = results.check(Borough(results=(row,)))
    assert ("results.negative_count", "results[0].current") in codes(found)
    assert not any(f.code in ("results.change_mismatch", "results.pct_mismatch") for f in found)


def test_sign_disagreement() -> None:
    row = ResultRow(measure="Knife crime", change=50, change_pct=D("-10.4"), outcome="achieved")
    assert ("results.sign_mismatch", "results[0].change_pct") in codes(results.check(Borough(results=(row,))))


@pytest.mark.parametrize(("pct", "target", "outcome", "wrong"), [
    ("-12.7", "-2.5", "achieved", False),
    ("-12.7", "-2.5", "missed", True),
    ("21.4", "-5.5", "missed", False),
    ("21.4", "-5.5", "achieved", True),
    ("-0.6", "-1.0", "missed", False),
])
def test_outcome_follows_from_target(pct: str, target: str, outcome: str, wrong: bool) -> None:
    change = -10 if pct.startswith("-") else 10
    row = ResultRow(measure="Total robbery", change=change, change_pct=D(pct), target_pct=D(target),
                    outcome=outcome)  # type: ignore[arg-type]
    found = [c for c, _ in codes(results.check(Borough(results=(row,))))]
    assert ("results.outcome_contradicts_target" in found) == wrong


def test_missing_duplicate_unknown_measures_and_decimals(sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample
    broken = dataclasses.replace(borough, results=(*borough.results[:6], borough.results[0]))
    found = results.check(broken, load_catalogue(content))  # the 2009/10 table's measures
    assert ("results.duplicate_measure", "results[6].measure") in codes(found)
    assert any(f.code == "results.measure_absent" and "Gun crime" in f.message for f in found)
    typo = with_row(borough, 1, measure="Totl robbery")
    assert any("did you mean 'Total robbery'" in f.message for f in results.check(typo))
    decimals = with_row(borough, 2, change_pct=D("-31.50"))
    assert ("results.inconsistent_decimals", "results[2].change_pct") in codes(results.check(decimals), "warning")


def test_small_count_caution_on_gun_crime(sample: tuple[EditionContent, Borough]) -> None:
    _content, borough = sample
    small = [f for f in results.check(borough) if f.code == "style.small_count"]
    assert [f.path for f in small] == ["results[6].change_pct"]
    assert "about 65 offences" in small[0].message


def test_empty_borough_does_not_crash() -> None:
    found = check_borough(EditionContent(), Borough())
    assert ("results.empty", "results") in codes(found)


def test_implied_baselines_seed_examples() -> None:
    assert implied_baselines(-6, D("-0.6")) .low == 924
    assert implied_baselines(-6, D("-0.6")).high == 1090
    assert implied_baselines(6, D("-21.7")).empty
    gun = implied_baselines(25, D("38.5"))
    assert (gun.low, gun.high) == (65, 65)


@settings(max_examples=200, deadline=None)
@given(previous=st.integers(1, 200_000), current=st.integers(0, 200_000),
       target=st.decimals(-30, 30, places=1, allow_nan=False, allow_infinity=False))
def test_rows_built_from_consistent_counts_are_never_flagged(previous: int, current: int, target: Decimal) -> None:
    change = current - previous
    pct = pct_change(change, previous)
    assert pct is not None
    outcome = "achieved" if pct <= target else "missed"
    full = ResultRow(measure="Knife crime", previous=previous, current=current, change=change, change_pct=pct,
                     target_pct=target, outcome=outcome)
    bare = dataclasses.replace(full, previous=None, current=None)
    for row in (full, bare):
        errors = [f for f in results.check(Borough(results=(row,))) if f.severity == "error"]
        assert errors == [], (row, errors)


@settings(max_examples=200, deadline=None)
@given(previous=st.integers(1, 100_000), change=st.integers(-100_000, 100_000))
def test_the_true_baseline_is_always_in_the_implied_interval(previous: int, change: int) -> None:
    if previous + change < 0 or change == 0:
        return
    pct = pct_change(change, previous)
    assert pct is not None
    if pct == 0:
        return
    implied = implied_baselines(change, pct)
    assert implied.low <= previous and (implied.high is None or previous <= implied.high)


def test_a_percentage_retyped_with_another_decimal_place_is_checked_afresh(
        sample: tuple[EditionContent, Borough]) -> None:
    """-31.5 and -31.50 are equal numbers that print differently: the findings must follow the print.

    The results check caches the findings of a table; keyed on the rows alone, the second call got the
    first call's findings (found by running the tests in another order under mutation testing).
    """
    _content, borough = sample
    assert not [f for f in results.check(with_row(borough, 2, change_pct=D("-31.5")))
                if f.code == "results.inconsistent_decimals"]
    retyped = results.check(with_row(borough, 2, change_pct=D("-31.50")))
    assert ("results.inconsistent_decimals", "results[2].change_pct") in codes(retyped, "warning")
    target = with_row(borough, 1, target_pct=D("-5.0"), outcome="missed")  # wrongly: -12.7% beats -5%
    assert results.check(target) == results.check(target)
    retarget = with_row(borough, 1, target_pct=D("-5.00"), outcome="missed")
    assert results.check(retarget) != results.check(target)  # its messages print the target as typed


def row_findings(**cells: object) -> list[tuple[str, str, str]]:
    """(severity, path, message) of each finding about a one-row table's row (not the missing measures)."""
    row = ResultRow(**{"measure": "Gun crime", **cells})  # type: ignore[arg-type]
    return [(f.severity, f.path, f.message) for f in results.check(Borough(results=(row,)))
            if f.path.startswith("results[0]")]


@pytest.mark.parametrize(("cells", "expected"), [
    # One count and a percentage: some whole-number other count must print that percentage.
    ({"current": 90, "change_pct": D("38.5")}, []),  # the sample's gun crime, 65 → 90
    ({"current": 2, "change_pct": D("100.0")}, []),  # 1 → 2: the only baseline is a single offence
    ({"current": 0, "change_pct": D("-100.0")}, []),  # every offence gone: no baseline to divide by
    ({"current": 15000, "change_pct": D("-50.0")}, []),  # 30,000 → 15,000: far from the % as a factor of 101
    ({"previous": 30000, "change_pct": D("-50.0")}, []),
    ({"previous": 100, "change_pct": D("12.0")}, []),  # 100 → 112
    ({"previous": 3, "change_pct": D("33.33")}, []),  # 3 → 4, at the places typed
    ({"previous": 1, "change_pct": D("50.0")},
     [("error", "results[0].change_pct", "Gun crime: no whole number of offences gives +50.0% with last year's "
                                         "count 1; check both figures")]),
    ({"previous": 0, "change_pct": D("50.0")},  # as with both counts typed (once passed in silence)
     [("warning", "results[0].change_pct", "Gun crime: the previous count is 0, so no percentage change can be printed")]),
    ({"current": 1, "change_pct": D("-12.3")},
     [("error", "results[0].change_pct", "Gun crime: no whole number of offences gives -12.3% with this year's "
                                         "count 1; check both figures")]),
    ({"previous": 100, "change_pct": D("12.34")},
     [("error", "results[0].change_pct", "Gun crime: no whole number of offences gives +12.34% with last year's "
                                         "count 100; check both figures")]),
    # A stray minus in a count cell.
    ({"previous": -5, "current": -3},
     [("error", "results[0].previous", "Gun crime: the previous year's count is -5; a number of offences cannot be negative"),
      ("error", "results[0].current", "Gun crime: this year's count is -3; a number of offences cannot be negative")]),
    # A count and a change that would leave a negative other count.
    ({"previous": 5, "change": -8},
     [("error", "results[0].change", "Gun crime: a change of -8 from 5 would leave a negative count; check the change")]),
    ({"current": 3, "change": 8},
     [("error", "results[0].change", "Gun crime: a change of +8 from 3 would leave a negative count; check the change")]),
    ({"previous": 0, "change": -2},  # a count of 0 was once taken for no count: a TypeError in the editor
     [("error", "results[0].change", "Gun crime: a change of -2 from 0 would leave a negative count; check the change")]),
    # Counts of 0 are counts: no baseline to divide by, and every offence gone.
    ({"previous": 0, "current": 3, "change": 3, "change_pct": D("300.0")},
     [("warning", "results[0].change_pct", "Gun crime: the previous count is 0, so no percentage change can be printed"),
      ("warning", "results[0].change_pct", "Gun crime: a +300.0% swing rests on about 0 offences; consider saying so, "
                                           "or printing the counts, so readers do not over-read it")]),
    ({"previous": 5, "current": 0, "change": -5, "change_pct": D("-100.0")},
     [("warning", "results[0].change_pct", "Gun crime: a -100.0% swing rests on about 5 offences; consider saying so, "
                                           "or printing the counts, so readers do not over-read it")]),
    ({"previous": 5, "current": 0, "change": -5, "change_pct": D("-90.0")},
     [("error", "results[0].change_pct", "Gun crime: -90.0% does not follow from the counts: -5 on 5 is -100.0%; "
                                         "the percentage should be -100.0%"),
      ("warning", "results[0].change_pct", "Gun crime: a -90.0% swing rests on about 5 offences; consider saying so, "
                                           "or printing the counts, so readers do not over-read it")]),
    # A change and a percentage without counts: no change is no percentage, and the other way round.
    ({"change": 0, "change_pct": D("5.0")},
     [("error", "results[0].change_pct", "Gun crime: a change of +0 offences cannot be +5.0%")]),
    ({"change": 3, "change_pct": D("0.0")}, []),  # 3 of 7,500 or more is under 0.05%
], ids=lambda cells: ",".join(f"{k}={v}" for k, v in cells.items()) if isinstance(cells, dict) else "findings")
def test_a_row_with_few_cells_or_a_zero_count(cells: dict[str, object], expected: list[tuple[str, str, str]]) -> None:
    assert row_findings(**cells) == expected


SMALL = st.none() | st.integers(-3, 40)  # few offences: where 0, 1 and a stray minus are typed


@settings(max_examples=300, deadline=None)
@given(previous=SMALL, current=SMALL, change=SMALL | st.integers(-40, -1),
       change_pct=st.none() | st.decimals(-150, 400, places=1, allow_nan=False, allow_infinity=False))
def test_any_row_of_small_counts_is_checked_without_crashing(previous: int | None, current: int | None,
                                                             change: int | None, change_pct: Decimal | None) -> None:
    """The editor checks on every keystroke: a half-typed row (a 0, a minus, one cell) must never raise."""
    row = ResultRow(measure="Gun crime", previous=previous, current=current, change=change, change_pct=change_pct)
    for f in results.check(Borough(results=(row,))):
        assert f.path == "results" or (f.path.startswith("results[0].") and f.message.strip())


@pytest.mark.parametrize(("cells", "expected"), [
    ({"previous": 5, "change": -8}, [("results.change_mismatch", "results[0].change")]),
    ({"previous": 0, "current": 3, "change": 3, "change_pct": D("300.0")},
     [("results.zero_baseline", "results[0].change_pct"), ("style.small_count", "results[0].change_pct")]),
    ({"previous": 3, "current": 4, "change": 1, "change_pct": D("33.33")},  # at the places typed
     [("style.small_count", "results[0].change_pct")]),
    ({"previous": 3, "current": 4, "change": 1, "change_pct": D("33.3")}, [("style.small_count", "results[0].change_pct")]),
])
def test_the_code_of_each_finding_on_a_row(cells: dict[str, object], expected: list[tuple[str, str]]) -> None:
    row = ResultRow(**{"measure": "Gun crime", **cells})  # type: ignore[arg-type]
    assert [(f.code, f.path) for f in results.check(Borough(results=(row,))) if f.path.startswith("results[0]")] == expected


def test_a_standard_measure_named_by_a_synonym_is_present_and_a_target_needs_its_outcome(
        sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample
    synonym = with_row(borough, 1, measure="Robbery")  # a synonym of Total robbery
    assert [f.message for f in results.check(synonym, load_catalogue(content)) if f.code == "results.measure_absent"] == []
    gap = with_row(with_row(borough, 0, target_pct=D("-0.6"), outcome=None), 1, outcome="achieved")
    assert [(f.severity, f.path, f.message) for f in results.check(gap) if f.code == "results.figure_missing"] == [
        ("error", "results[0].outcome", "Residential burglary: the row has a target but no outcome; the leaflet would "
                                        "print an empty cell where the other rows say 'Target achieved' or 'Target missed'")]
