"""Figures in prose, house style, priorities, contacts and the ledger, on the seed and broken copies."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.checks import check_borough, check_edition_content, contacts, prose
from model.checks.figures import find_figures
from model.checks.ledger import figure_ledger
from model.edition import load_edition
from model.findings import Finding
from model.types import Borough, Contact, EditionContent, Priority, Section, Target
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> tuple[EditionContent, Borough]:
    edition = load_edition(SAMPLE)
    return edition.content.doc, edition.boroughs["tower-hamlets"].doc


def with_message(borough: Borough, message: str) -> Borough:
    return dataclasses.replace(borough, commander=dataclasses.replace(borough.commander, message=message))


def found(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_vehicle_crime_over_30_is_a_warning_with_each_reading(sample: tuple[EditionContent, Borough]) -> None:
    _content, borough = sample
    warnings = found(prose.check_borough(borough), "prose.ambiguous_measure")
    assert len(warnings) == 1 and warnings[0].path == "commander.message"
    assert "theft from vehicles: 31.5%" in warnings[0].message
    assert "26.0%" in warnings[0].message  # all vehicle crime, from the implied counts


def test_burglary_fell_by_over_20_contradicts_the_table(sample: tuple[EditionContent, Borough]) -> None:
    _content, borough = sample
    broken = with_message(borough, "Burglary fell by over 20% this year.")
    errors = found(prose.check_borough(broken), "prose.contradicts_table")
    assert len(errors) == 1 and "0.6%" in errors[0].message


def test_unsupported_qualifier_is_an_error(sample: tuple[EditionContent, Borough]) -> None:
    _content, borough = sample
    broken = with_message(borough, "Theft from vehicles was reduced by more than 40%.")
    assert found(prose.check_borough(broken), "prose.contradicts_table")
    fine = with_message(borough, "Theft from vehicles was reduced by nearly 32%.")
    assert not found(prose.check_borough(fine), "prose.contradicts_table")


def test_direction_contradiction(sample: tuple[EditionContent, Borough]) -> None:
    _content, borough = sample
    broken = with_message(borough, "Gun crime fell by 38.5%.")
    assert found(prose.check_borough(broken), "prose.contradicts_table")


def test_counts_of_offences_in_prose(sample: tuple[EditionContent, Borough]) -> None:
    _content, borough = sample
    assert not found(prose.check_borough(with_message(borough, "There were 136 fewer robberies.")),
                     "prose.contradicts_table")
    assert found(prose.check_borough(with_message(borough, "There were 163 fewer robberies.")),
                 "prose.contradicts_table")


def test_gap_arithmetic_and_percentage_points() -> None:
    right = "The gap between White victims (78.8%) and BME victims (73.9%) was 4.9 percentage points."
    assert prose.check_text("x", right, []) == [] or not found(prose.check_text("x", right, []), "prose.arithmetic")
    wrong = right.replace("4.9", "5.9")
    errors = found(prose.check_text("x", wrong, []), "prose.arithmetic")
    assert errors and "4.9" in errors[0].message
    per_cent = right.replace("4.9 percentage points", "4.9%")
    assert found(prose.check_text("x", per_cent, []), "prose.points_not_percent")


def test_unsourced_figures_are_info(sample: tuple[EditionContent, Borough]) -> None:
    _content, borough = sample
    info = found(prose.check_borough(borough), "prose.unsourced")
    assert {f.message.split("'")[1] for f in info} >= {"96%", "80%", "115"}
    assert all(f.severity == "info" for f in info)


def test_house_style_warnings_on_the_seed_text(sample: tuple[EditionContent, Borough]) -> None:
    content, _borough = sample
    findings = check_edition_content(content)
    assert any("6,919" in f.message for f in found(findings, "style.thousands_separator"))
    assert any("51.4%" in f.message for f in found(findings, "style.space_before_percent"))
    assert any("020 7202 0202" in f.message for f in found(findings, "style.london_number"))
    assert not [f for f in findings if f.severity == "error"]


def test_fewer_and_period_labels(sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample
    # Last year's sentence left in this year's leaflet: the period is flagged, and the dash.
    broken = with_message(borough, "Our results for 2008/09 show 20 less burglaries. We did well in 2009-10.")
    findings = check_borough(content, broken)
    assert found(findings, "style.fewer")
    labels = [f.message for f in found(findings, "style.period_label")]
    assert any("2008/09" in m for m in labels) and any("'2009/10', not '2009-10'" in m for m in labels)
    # Issue 14 item 7: a comparison with an earlier year is not a wrong period.
    compared = with_message(borough, "There were 20 fewer burglaries than in 2008/09, and 64% fewer since the 2005/06 peak.")
    assert not found(check_borough(content, compared), "style.period_label")


def test_priorities(sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample
    broken = dataclasses.replace(borough, priorities=(
        Priority(targets=(Target("gun crme", Decimal("-1.0")),)),
        Priority(targets=(Target("knife crime", None),)),
        Priority(text="a 3% cut in burglary"),
        Priority(),
    ))
    codes = {f.code for f in check_borough(content, broken)}
    assert {"priorities.unknown_measure", "priorities.target_pct_missing", "priorities.untracked_target",
            "priorities.empty"} <= codes


@pytest.mark.parametrize(("number", "ok"), [
    ("020 7202 0202", True), ("0300 123 1212", True), ("0800 555111", True), ("0845 303 0900", True),
    ("0808 200 0247", True), ("+44 20 7202 0202", True), ("020 7202 020", False), ("1234", False),
    ("0600 123 4567", False),
])
def test_phone_numbers(number: str, ok: bool) -> None:
    errors = found(contacts.contact_findings("c", Contact(name="x", phone=number)), "contacts.phone_invalid")
    assert (not errors) == ok


def test_emails_and_web_addresses() -> None:
    bad = Contact(name="x", email="review@mpa", web="www.mpa .gov.uk")
    codes = {f.code for f in contacts.contact_findings("c", bad)}
    assert codes == {"contacts.email_invalid", "contacts.web_invalid"}
    good = Contact(name="x", email="review@mpa.gov.uk", web="www.met.police.uk/towerhamlets")
    assert contacts.contact_findings("c", good) == []


def test_ledger_lists_every_figure_of_the_sample(sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample
    ledger = figure_ledger(content, borough)
    printed = {e.figure for e in ledger}
    assert {"136 offences or -12.7%", "768 offences or -31.5%", "30%", "96%", "6919", "4.9 percentage points",
            "100,000", "1.0%"} <= printed
    statuses = {e.figure: e.status for e in ledger}
    assert statuses["136 offences or -12.7%"] == "verified"
    assert statuses["30%"] == "ambiguous"
    assert statuses["96%"] == "unsourced"
    broken = dataclasses.replace(borough, results=(dataclasses.replace(borough.results[0], change_pct=Decimal("-21.7")),
                                                   *borough.results[1:]))
    assert {e.status for e in figure_ledger(content, broken) if e.path == "results[0]"} == {"contradicted"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_the_prose_checks_never_crash_on_any_text(text: str) -> None:
    find_figures(text)
    borough = Borough(commander=dataclasses.replace(Borough().commander, message=text))
    check_borough(EditionContent(looking_back=Section(text=text)), borough)
    check_edition_content(EditionContent(looking_back=Section(text=text)))


# --- issue 15: what the reviewed findings of the planted slips showed ---------------------------------

def test_a_percentage_in_a_priority_is_next_years_aim_not_this_years_change(
        sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample
    knife = Target(measure="knife crime", target_pct=Decimal("-1.0"))
    with_text = dataclasses.replace(borough, priorities=(Priority(targets=(knife,), text="Cut knife crime by 2%."),))
    findings = [f for f in check_borough(content, with_text) if f.path == "priorities[0].text"]
    assert [(f.severity, f.code, f.figure) for f in findings] == [("info", "prose.unsourced", "2%")]
    assert "a target for next year" in findings[0].message
    entry = next(e for e in figure_ledger(content, with_text) if e.path == "priorities[0].text")
    assert (entry.figure, entry.status, entry.note) == ("2%", "unsourced", "a target for next year: nothing to check it against")
    # The same words in this year's message are a claim about this year: knife crime fell by 10.4%.
    said = found(check_borough(content, with_message(borough, "We cut knife crime by 2%.")), "prose.contradicts_table")
    assert [f.figure for f in said] == ["2%"]


def test_from_a_to_b_and_the_difference_in_offences(sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample

    def arithmetic(message: str) -> list[tuple[str, str]]:
        return [(f.figure or "", f.message) for f in
                found(check_borough(content, with_message(borough, message)), "prose.arithmetic")]

    assert arithmetic("Robbery fell from 1,070 to 934, that is 137 fewer offences.") == [
        ("137", "'137' does not follow from the counts in the sentence: 1,070 to 934 is 136")]
    assert arithmetic("Robbery fell from 1,070 to 934, that is 136 fewer offences.") == []
    assert [f for f, _m in arithmetic("Robbery fell from 1,070 to 934, a fall of 137.")] == ["137"]
    assert [f for f, _m in arithmetic("Robbery fell from 1,070 to 934, down 135.")] == ["135"]
    assert [f for f, _m in arithmetic("Robbery fell by 137 from 1,070 to 934.")] == ["137"]
    assert arithmetic("Robbery fell from 1,070 to 934, over 130 fewer offences.") == []
    assert [m for _f, m in arithmetic("Robbery went from 1,070 to 934, 136 more offences.")] == [
        "'136' goes the wrong way: 1,070 to 934 is 136 fewer"]


def test_from_one_percentage_to_another_and_the_difference(sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample

    def alarms(message: str) -> list[tuple[str, str, str]]:
        return [(f.severity, f.code, f.figure or "") for f in check_borough(content, with_message(borough, message))
                if f.code in ("prose.arithmetic", "prose.points_not_percent")]

    sentence = ("Satisfaction rose from 71% to 80%, a rise of 9%, and confidence from 60% to 64%, "
                "3 percentage points.")
    findings = [f for f in check_borough(content, with_message(borough, sentence))
                if f.code in ("prose.arithmetic", "prose.points_not_percent")]
    assert [(f.severity, f.code, f.figure) for f in findings] == [
        ("warning", "prose.points_not_percent", "9%"), ("error", "prose.arithmetic", "3 percentage points")]
    assert findings[0].message == ("'9%' is a difference between two percentages (71% and 80%): write it in "
                                   "percentage points (as a change on 71% it is 12.7%)")
    assert findings[1].message == "60% and 64% differ by 4 percentage points, not 3"
    assert alarms("Satisfaction rose from 71% to 80%, 9 percentage points.") == []
    assert alarms("Satisfaction rose from 71% to 80%, a rise of 12.7%.") == []  # relative, and right
    assert alarms("Satisfaction rose from 71% to 80%, a rise of 5%.") == [("error", "prose.arithmetic", "5%")]
    assert alarms("Satisfaction rose from 71% to 80%, and 60% of people feel safe.") == []  # a share, not the rise


def test_per_cent_and_the_percent_sign_mixed_in_a_field_or_the_leaflet(sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample

    def spelling(message: str) -> list[tuple[str, str]]:
        return [(f.figure or "", f.message) for f in
                found(check_borough(content, with_message(borough, message)), "style.percent_spelling")]

    # One of each in the field: the rest of the leaflet writes %, so "per cent" is the odd one.
    assert spelling("Robbery fell by 12.7 per cent and knife crime by 10.4%.") == [
        ("12.7 per cent", "'12.7 per cent': 'per cent' here but '%' elsewhere in this text; write '%' throughout")]
    # A field that keeps to "per cent" in a leaflet that writes %.
    assert spelling("Robbery fell by 12.7 per cent.") == [
        ("12.7 per cent", "'12.7 per cent': 'per cent' here but '%' in the rest of the leaflet; write '%' throughout")]
    assert spelling("Robbery fell by 12.7% and knife crime by 10.4%.") == []
    # The leaflet's majority decides: a borough that writes "per cent" throughout flags the odd %.
    words = "Robbery fell by 12.7 per cent, knife crime by 10.4 per cent and burglary by 0.6 per cent; gun crime rose 38.5%."
    no_pan_london = dataclasses.replace(content, met_forward=Section(), mpa_work=Section(), looking_back=Section(),
                                        looking_forward=Section())
    assert [f for f, _m in spelling(words)] == ["12.7 per cent", "10.4 per cent", "0.6 per cent"]
    flagged = [f.figure for f in found(check_borough(no_pan_london, with_message(borough, words)),
                                       "style.percent_spelling")]
    assert flagged == ["38.5%"]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1990, max_value=2040), st.sampled_from(["-", "\u2013", "/", " - "]),
       st.sampled_from(["In", "in", "Since", "during", "By"]), st.booleans())
def test_a_period_label_is_never_a_figure(year: int, dash: str, word: str, long: bool) -> None:
    end = str(year + 1) if long else f"{(year + 1) % 100:02d}"
    text = f"{word} {year}{dash}{end} robbery fell by 12.7%."
    assert [f.raw for f in find_figures(text)] == ["12.7%"]


def test_the_counts_of_from_a_to_b_are_confirmed_by_a_row_that_prints_them(
        sample: tuple[EditionContent, Borough]) -> None:
    content, borough = sample
    message = "Robbery fell from 1,070 to 934, that is 136 fewer offences."

    def notes(b: Borough) -> dict[str, tuple[str, str]]:
        return {e.figure: (e.status, e.note) for e in figure_ledger(content, b) if e.path == "commander.message"}

    # The sample's robbery row has no counts: nothing to confirm them with.
    assert notes(with_message(borough, message))["1,070"] == ("unsourced", "not a count of offences in the results table")
    rows = list(borough.results)
    rows[1] = dataclasses.replace(rows[1], previous=1070, current=934)
    counted = dataclasses.replace(with_message(borough, message), results=tuple(rows))
    assert notes(counted)["1,070"] == ("verified", "total robbery: last year's count 1,070")
    assert notes(counted)["934"] == ("verified", "total robbery: this year's count 934")
    # A count the row does not print is not confirmed (the digits swapped are `prose.contradicts_table`).
    swapped = with_message(counted, "Robbery fell from 1,070 to 943.")
    assert notes(swapped)["943"][0] == "unsourced"
    assert [f.figure for f in found(check_borough(content, swapped), "prose.contradicts_table")] == ["943"]
