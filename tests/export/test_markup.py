"""User text into reportlab markup (export/markup.py): always literal, links only where asked, exactly formed.

Issue 15 removed the body-text escaping by hand and no test failed, while a `<b>` in a message then
crashed `export --print`. These tests render the print PDF itself with such text.
"""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from export.markup import _strip_missing, linked, plain, typeset
from export.pdf import render_leaflet
from export.styles import styles
from tests.conftest import SAMPLE
from tests.export.helpers import pdf_text, sample, with_message

HOSTILE = ["<b>bold claim", "a < b & c > d", "</para>", "<font size=100>big</font>", "&amp; &#65; &nbsp;",
           "<a href='x'>link</a>", "<br/>", "<img src=x/>", "unclosed <i>tag"]


@pytest.mark.parametrize("print_pdf", [True, False])
def test_markup_like_text_prints_literally_in_the_pdf(print_pdf: bool) -> None:
    content, borough = sample()
    message = "\n\n".join(HOSTILE)
    rendered = render_leaflet(content, with_message(borough, message), SAMPLE, print_pdf=print_pdf)
    text = pdf_text(rendered.pdf)
    for line in HOSTILE:
        assert line in text, line


def test_plain_escapes_the_three_markup_characters() -> None:
    assert plain("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert plain("") == ""


def test_characters_the_font_lacks_are_dropped_not_printed_as_boxes() -> None:
    assert _strip_missing("Tower Hamlets") == "Tower Hamlets"
    text = "a\U0001f693b"  # a police car emoji: not in the leaflet font
    assert _strip_missing(text) == "ab"
    assert plain(text) == "ab" and linked(text, links=True) == "ab"


def test_links_are_made_only_when_asked_and_escape_the_rest() -> None:
    text = "See www.met.police.uk/towerhamlets, or mail review@mpa.gov.uk. <b>"
    assert linked(text, links=False) == plain(text)
    assert linked(text, links=True) == (
        'See <a href="https://www.met.police.uk/towerhamlets">www.met.police.uk/towerhamlets</a>, or mail '
        '<a href="mailto:review@mpa.gov.uk">review@mpa.gov.uk</a>. &lt;b&gt;')


def test_a_link_keeps_its_scheme_takes_a_colour_and_drops_trailing_punctuation() -> None:
    assert linked("at http://x.org/a;", links=True, colour="#1f4e8c") == (
        'at <a href="http://x.org/a" color="#1f4e8c">http://x.org/a</a>;')
    assert linked("https://x.org:", links=True) == '<a href="https://x.org">https://x.org</a>:'
    assert linked("www.x.org/MAX.", links=True) == '<a href="https://www.x.org/MAX">www.x.org/MAX</a>.'
    assert linked("www.a.org & www.b.org.", links=True) == (
        '<a href="https://www.a.org">www.a.org</a> &amp; <a href="https://www.b.org">www.b.org</a>.')


@pytest.mark.parametrize("text", [*HOSTILE, "x@y.org <b>", "www.x.org/<b>"])
def test_linked_markup_parses_back_to_the_same_words(text: str) -> None:
    para = Paragraph(linked(text, links=True, colour="#000000"), styles(False)["body"])
    assert para.getPlainText().split() == typeset(text).split()  # quotes and dashes printed curly
