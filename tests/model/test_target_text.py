"""A priority typed in words is read into measure, direction and percentage, or refused: never reversed."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.leaflet import target_phrase
from model.target_text import DOWN_WORDS, UP_WORDS, TargetTextError, parse_target, parse_targets
from model.types import Target


@pytest.mark.parametrize(("typed", "measure", "pct"), [
    ("burglary down by 3%", "burglary", "-3"),  # the report of issue 17: was read as +3
    ("Reduce burglary by 3%", "burglary", "-3"),
    ("3% reduction in gun crime", "gun crime", "-3"),
    ("gun crime -1.0", "gun crime", "-1.0"),
    ("knife crime: \u22121", "knife crime", "-1"),
    ("increase detections of robbery by 2 per cent", "detections of robbery", "2"),
    ("theft from vehicles down 4.5%", "theft from vehicles", "-4.5"),
    ("Sanction detections up 5%", "Sanction detections", "5"),
    ("fewer victims of knife crime by 2%", "victims of knife crime", "-2"),
])
def test_words_are_read_into_measure_and_signed_percentage(typed: str, measure: str, pct: str) -> None:
    assert parse_target(typed) == Target(measure, Decimal(pct))


@pytest.mark.parametrize(("typed", "says"), [
    ("burglary 3%", "a reduction or an increase"),  # no direction: refused, not guessed
    ("burglary down by +3%", "says 'down' but the number is +3"),
    ("burglary up by -3", "says 'up' but the number is -3"),
    ("reduce burglary and increase detections by 3%", "both"),
    ("burglary down", "no percentage"),
    ("burglary down 3% and robbery down 2%", "2 numbers"),
    ("down by 3%", "names no measure"),
])
def test_what_cannot_be_read_without_guessing_is_refused_with_what_to_write(typed: str, says: str) -> None:
    with pytest.raises(TargetTextError, match=re.escape(says)):
        parse_target(typed)


def test_the_leaflet_prints_the_direction_the_user_wrote() -> None:
    assert target_phrase(parse_target("burglary down by 3%")) == "3% reduction in burglary"
    assert [t.measure for t in parse_targets("gun crime -1.0; burglary down by 3%\nrobbery up 1%")] == [
        "gun crime", "burglary", "robbery"]


MEASURES = st.sampled_from(["burglary", "gun crime", "knife crime", "theft from vehicles", "robbery",
                            "violence against the person", "anti-social behaviour"])
PCTS = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1)
DOWN = ["{m} down by {p}%", "reduce {m} by {p}%", "{p}% reduction in {m}", "cut {m} by {p} per cent",
        "{m} -{p}", "{m}: \u2212{p}%", "fewer {m} by {p}%"]
UP = ["{m} up by {p}%", "increase {m} by {p}%", "{p}% increase in {m}", "{m} +{p}", "raise {m} by {p}%"]


@given(MEASURES, PCTS, st.sampled_from(DOWN))
def test_any_reduction_phrasing_is_a_reduction(measure: str, pct: Decimal, template: str) -> None:
    target = parse_target(template.format(m=measure, p=pct))
    assert target == Target(measure, -pct)
    assert target_phrase(target).endswith(f"reduction in {measure}")


@given(MEASURES, PCTS, st.sampled_from(UP))
def test_any_increase_phrasing_is_an_increase(measure: str, pct: Decimal, template: str) -> None:
    target = parse_target(template.format(m=measure, p=pct))
    assert target == Target(measure, pct)
    assert target_phrase(target).endswith(f"increase in {measure}")


WORDS = st.sampled_from(sorted(DOWN_WORDS | UP_WORDS | {"burglary", "by", "in", "crime", "gun", "%", "-", "+",
                                                        "3", "1.5", "per", "cent", ":"}))


@given(st.lists(WORDS, max_size=8).map(" ".join))
def test_any_text_is_refused_or_read_in_the_direction_its_words_say(text: str) -> None:
    """The promise itself: whatever is typed, a result never points against a direction word in it."""
    try:
        target = parse_target(text)
    except TargetTextError:
        return
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    assert target.target_pct is not None and target.measure
    if words & DOWN_WORDS:
        assert target.target_pct <= 0
    if words & UP_WORDS:
        assert target.target_pct >= 0
    if not words & (DOWN_WORDS | UP_WORDS):
        assert re.search(r"[+\-\u2212]\s*\d", text)  # a bare number was not given a direction
