"""Property: whatever text a user types into a field, the page shows it as text and never as markup."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from export.html import build_page
from export.html_text import clean
from export.markup import _EMPHASIS, typeset
from model import leaflet
from model.text import paragraphs
from model.types import Contact
from tests.export.helpers import sample
from tests.export.test_html import parse

CONTENT, BOROUGH = sample()
MARKUP_LIKE = st.sampled_from(["<", ">", "&", '"', "'", "<b>", "</p>", "<script>", "&amp;", "&#65;", "<!--",
                               "-->", "<![CDATA[", "www.x.org", "a@b.cd", "\n", "\n\n", "- ", " ", "=", "/"])
TEXT = st.lists(st.one_of(st.text(max_size=12), MARKUP_LIKE), max_size=12).map("".join)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _page(*, name: str, message: str, measure: str, contact: str) -> str:
    borough = replace(BOROUGH, commander=replace(BOROUGH.commander, name=name, message=message),
                      results=(replace(BOROUGH.results[0], measure=measure), *BOROUGH.results[1:]),
                      contacts=(Contact(name=contact, phone="0300 123 1212"),))
    return build_page(CONTENT, borough, None)


NEUTRAL = parse(_page(name="x", message="x", measure="x", contact="x"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=TEXT, message=TEXT, measure=TEXT, contact=TEXT)
@example(name="<b>Paul", message="<script>alert(1)</script>\n\n- <i>x</i>", measure="&amp;", contact="</li><li>")
def test_any_text_in_any_field_is_text_not_markup(name: str, message: str, measure: str, contact: str) -> None:
    page = parse(_page(name=name, message=message, measure=measure, contact=contact))
    # The one-line fields add no element at all: the page has the same elements as with plain "x".
    # (The results chart draws a <text> per line of a measure's name and a <line> per hatch stroke: how many
    # depends on the name's length, so those two are left out of the count; any other tag still counts.)
    if all(clean(x).strip() for x in (name, measure, contact)):
        free = {"p", "ul", "li", "a", "em", "text", "line"}  # (em: `*italic*` in the long text)
        outside = Counter(e.tag for e in page.elements if e.tag not in free)
        assert outside == Counter(e.tag for e in NEUTRAL.elements if e.tag not in free)
        heading = leaflet.commander_heading(replace(BOROUGH, commander=replace(BOROUGH.commander, name=clean(name))))
        assert squash(heading) in [squash(h.text) for h in page.find("h3")]
        assert squash(clean(measure)) == squash(page.find("th", scope="row")[0].text)
        assert squash(clean(contact)) in [squash(p.text) for p in page.find("p") if p.attrs.get("class") == "contact-name"]
    # The long text: every paragraph and bullet shows, word for word, and only as p, ul, li, em and our links.
    text = squash(page.text)
    for part in paragraphs(clean(message)):  # as printed: typeset, `*emphasis*` without its asterisks
        assert squash(_EMPHASIS.sub(r"\1", typeset(part))) in text
    assert not {e.tag for e in page.elements} - {e.tag for e in NEUTRAL.elements} - {"em"}
    for a in page.find("a"):
        href = a.attrs["href"] or ""
        assert href.startswith(("#", "https://", "http://", "mailto:", "tel:")), href
