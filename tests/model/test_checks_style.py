"""House style of figures, word for word: each finding's figure, span and message on sentences a comms officer types.

Mutation testing (docs/mutation.md) found the style checks held by the sample and the corpus only where
those texts happen to go: a percentage over 1,000, two-digit years of the last century, a period written
with a four-digit end, the leaflet's own way of writing per cent and the sentence a comparison is read in
were free to change.
"""

from __future__ import annotations

from collections import Counter

import pytest

from model.checks import style
from model.types import EditionContent

CONTENT = EditionContent(period="2009/10", next_period="2010/11")
OTHER_YEAR = "is not this edition's period (2009/10 or 2010/11); is this text from another year?"


@pytest.mark.parametrize(("text", "expected"), [
    # Thousands: counts and percentages alike, never a year.
    ("Gun crime rose by 1200% in the ward.",
     [("style.thousands_separator", "1200%", (18, 23), "write '1,200' with a thousands separator, not '1200'")]),
    ("We made 1500 arrests in 2009, up from 1000 in 2008; 1,200 were charged and 999 cautioned.",
     [("style.thousands_separator", "1500", (8, 12), "write '1,500' with a thousands separator, not '1500'"),
      ("style.thousands_separator", "1000", (38, 42), "write '1,000' with a thousands separator, not '1000'")]),
    # Periods written short, with a dash, or with a four-digit end.
    ("In 98/99, 09/10, 2001/2 and 50/51.",
     [("style.period_label", "98/99", (3, 8), "write the period as '1998/99', not '98/99'"),
      ("style.period_label", "09/10", (10, 15), "write the period as '2009/10', not '09/10'"),
      ("style.period_label", "2001/2", (17, 23), "write the period as '2001/02', not '2001/2'"),
      ("style.period_label", "50/51", (28, 33), "write the period as '1950/51', not '50/51'")]),
    ("In 2009-10, 2009/2010 and 2009 - 10 robbery fell.",
     [("style.period_label", "2009-10", (3, 10), "write the period as '2009/10', not '2009-10'"),
      ("style.period_label", "2009/2010", (12, 21), "write the period as '2009/10', not '2009/2010'"),
      ("style.period_label", "2009 - 10", (26, 35), "write the period as '2009/10', not '2009 - 10'")]),
    ("In 2009-10 robbery fell.", [("style.period_label", "2009-10", (3, 10), "write the period as '2009/10', not '2009-10'")]),
    # An en dash, as word processors turn "2009 - 10" (once passed: only a hyphen was read).
    ("In 2009–10 robbery fell by 12.7%.",
     [("style.period_label", "2009–10", (3, 10), "write the period as '2009/10', not '2009–10'")]),
    ("In 2008 – 09 robbery fell.",
     [("style.period_label", "2008 – 09", (3, 12), "write the period as '2008/09', not '2008 – 09'")]),
    ("Our plan for 2010–2013.", []),
    ("In 99/00 it rose.", [("style.period_label", "99/00", (3, 8), "write the period as '1999/00', not '99/00'")]),
    # Another year's period: fine where its own sentence compares with it, never a plan's years.
    ("Our results for 2008/09. Compared with 2007/08 robbery fell.\nIn 2006/07 it rose, and in 2011/12 we plan to "
     "cut it to 2005/06 levels; our plan runs 2010/2013.",
     [("style.period_label", "2008/09", (16, 23), f"'2008/09' {OTHER_YEAR}"),
      ("style.period_label", "2011/12", (88, 95), f"'2011/12' {OTHER_YEAR}")]),
    ("Robbery fell against 2007/08. Our results for 2008/09 show it.",
     [("style.period_label", "2008/09", (46, 53), f"'2008/09' {OTHER_YEAR}")]),
    ("Our 2008/09 results\nshow a fall compared with last year.",
     [("style.period_label", "2008/09", (4, 11), f"'2008/09' {OTHER_YEAR}")]),
    ("In 2008/09 robbery fell compared with the year before.", []),
    ("Compared with 2008/09", []),  # no full stop after: the sentence runs to the end
    ("Our results for 1999/00.", [("style.period_label", "1999/00", (16, 23), f"'1999/00' {OTHER_YEAR}")]),
    ("Our plan runs 2010/2013, and in 2008/09 robbery fell.",
     [("style.period_label", "2008/09", (32, 39), f"'2008/09' {OTHER_YEAR}")]),
    # The sentence a comparison is read in: from the last full stop or line break before, to the first after.
    ("Robbery fell. Knife crime rose compared with last year. Our results for 2008/09 show it.",
     [("style.period_label", "2008/09", (72, 79), f"'2008/09' {OTHER_YEAR}")]),
    ("Robbery fell\nKnife crime rose compared with last year\nOur results for 2008/09 show it",
     [("style.period_label", "2008/09", (70, 77), f"'2008/09' {OTHER_YEAR}")]),
    ("Our 2008/09 results\nshow a fall compared with last year\nand more",
     [("style.period_label", "2008/09", (4, 11), f"'2008/09' {OTHER_YEAR}")]),
    ("Robbery fell.\nSince 2008/09 it has fallen by 12.7%.", []),
    # Per cent written three ways in one text: % wins a tie.
    ("Robbery fell by 12.7 per cent, knife crime by 10.4 percent and burglary by 0.6%.",
     [("style.percent_spelling", "12.7 per cent", (16, 29),
       "'12.7 per cent': 'per cent' here but '%' elsewhere in this text; write '%' throughout"),
      ("style.percent_spelling", "10.4 percent", (46, 58),
       "'10.4 percent': 'percent' here but '%' elsewhere in this text; write '%' throughout")]),
    ("Robbery fell by six per cent.", []),  # one form, and the text alone is the scope
    ("Robbery fell by 12.7%, knife crime by 10.4 per cent and burglary by 0.6%.",
     [("style.percent_spelling", "10.4 per cent", (38, 51),
       "'10.4 per cent': 'per cent' here but '%' elsewhere in this text; write '%' throughout")]),
    ("12.7 per cent fewer robberies, 10.4% fewer knife crimes and 0.6% fewer burglaries.",
     [("style.percent_spelling", "12.7 per cent", (0, 13),
       "'12.7 per cent': 'per cent' here but '%' elsewhere in this text; write '%' throughout")]),
    ("Percent changes: robbery -12.7%, knife crime -10.4%.",  # no number before the word: the word alone
     [("style.percent_spelling", "Percent", (0, 7),
       "'Percent': 'Percent' here but '%' elsewhere in this text; write '%' throughout")]),
    # "less" before a counted plural.
    ("There were 20 less burglaries, less crime, less serious offences and a few less cars stolen.",
     [("style.fewer", "20 less burglaries", (11, 29), "'20 less burglaries': use 'fewer' for things you can count"),
      ("style.fewer", "a few less cars", (69, 84), "'a few less cars': use 'fewer' for things you can count")]),
    ("There was less news, less distress and less ambitious policing.", []),  # not counted plurals
    ("There were 1950 burglaries.", []),  # a count that could be a year: left alone
    ("Robbery fell by 12.7 % and knife crime by 10.4  %.",
     [("style.space_before_percent", "12.7 %", (16, 22), "no space before the % sign: write '12.7%'"),
      ("style.space_before_percent", "10.4  %", (42, 49), "no space before the % sign: write '10.4%'")]),
])
def test_a_sentence_and_its_house_style_findings(text: str, expected: list[tuple[str, str, tuple[int, int], str]]) -> None:
    found = style.check_text("commander.message", text, CONTENT)
    assert [(f.code, f.figure, f.span, f.message) for f in found] == expected
    assert all(f.severity == "warning" and f.path == "commander.message" for f in found)


@pytest.mark.parametrize(("text", "leaflet", "expected"), [
    # A field that keeps to one form where the rest of the leaflet writes another.
    ("Robbery fell by six Per  Cent.", Counter({"%": 5, "per cent": 1}),
     [("six Per  Cent", (16, 29), "'six Per  Cent': 'Per  Cent' here but '%' in the rest of the leaflet; "
                                  "write '%' throughout")]),
    ("Robbery fell by 12.7%.", Counter({"per cent": 3, "%": 1}),
     [("12.7%", (16, 21), "'12.7%': '%' here but 'per cent' in the rest of the leaflet; write 'per cent' throughout")]),
    ("Robbery fell by 12.7 percent.", Counter({"percent": 2, "%": 2}),  # a tie: %
     [("12.7 percent", (16, 28), "'12.7 percent': 'percent' here but '%' in the rest of the leaflet; "
                                 "write '%' throughout")]),
    ("Robbery fell by 12.7%.", Counter({"%": 4}), []),
    ("Robbery fell by 12.7 per cent.", Counter(), []),  # nothing else printed: one form
    ("No figures here.", Counter({"%": 3, "per cent": 3}), []),
])
def test_per_cent_against_the_rest_of_the_leaflet(text: str, leaflet: Counter[str],
                                                  expected: list[tuple[str, tuple[int, int], str]]) -> None:
    found = style.check_text("commander.message", text, CONTENT, leaflet)
    assert [(f.figure, f.span, f.message) for f in found if f.code == "style.percent_spelling"] == expected


def test_the_per_cent_forms_of_a_leaflet_are_counted_as_written() -> None:
    texts = ["Robbery fell by 12.7% and 10.4 Per Cent.", "Six PERCENT, seven per\ncent.", "No figures.", "1%"]
    assert style.percent_forms(texts) == Counter({"%": 2, "per cent": 2, "percent": 1})


def test_the_pan_london_texts_keep_to_one_way_of_writing_per_cent_among_themselves() -> None:
    from model.checks import check_edition_content
    from model.types import Section

    content = EditionContent(period="2009/10", next_period="2010/11",
                             met_forward=Section(text="Crime fell by 5% across London and robbery by 10%."),
                             looking_back=Section(text="Knife crime fell by 12.7 per cent."))
    assert [(f.path, f.figure, f.message) for f in check_edition_content(content)
            if f.code == "style.percent_spelling"] == [
        ("looking_back.text", "12.7 per cent",
         "'12.7 per cent': 'per cent' here but '%' in the rest of the leaflet; write '%' throughout")]


def test_an_edition_without_next_period_still_reads_comparisons() -> None:
    content = EditionContent(period="2009/10", next_period="")
    assert style.check_text("commander.message", "Compared with 2008/09, robbery fell.", content) == []
    assert [f.message for f in style.check_text("commander.message", "Our results for 2008/09.", content)] == [
        "'2008/09' is not this edition's period (2009/10); is this text from another year?"]
    assert style.check_text("commander.message", "Our results for 2008/09.", EditionContent(period="")) == []
